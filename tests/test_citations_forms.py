"""Citation forms that unseen documents print and the finder must read: made-up sentences, one per
construction, run through the real pipeline (`pipeline.extract`) under a made-up header."""
from __future__ import annotations

import tomllib

import pytest

from pipeline import extract
from pipeline.citations import find_citations
from pipeline.lang import parse_symbol
from pipeline.resources import models_dir

HEAD = """ỦY BAN NHÂN DÂN
TỈNH QUẢNG TRỊ
Số: 12/KH-UBND
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Quảng Trị, ngày 10 tháng 3 năm 2024

KẾ HOẠCH
Về việc triển khai công tác chuyển đổi số

"""


def cites(body: str) -> list[dict]:
    """The citations of a made-up Kế hoạch whose body is `body`."""
    rec = extract((HEAD + body + "\n\nNơi nhận:\n- Như trên;\n").encode(), path="x.txt").to_dict()
    return rec["citations"]


def one(body: str) -> dict:
    cs = cites(body)
    assert len(cs) == 1, cs
    return cs[0]


@pytest.mark.parametrize("body, symbol", [
    # a Party number run into its type code (Đoàn documents print it so)
    ("Triển khai thực hiện Kết luận số 88KL/TW, ngày 18/02/2014 của Bộ Chính trị.", "88-KL/TW"),
    ("Thực hiện Chỉ thị số 45CT/TW ngày 22/7/2010 của Bộ Chính trị (Khóa X).", "45-CT/TW"),
    ("Thực hiện Hướng dẫn số 75HD/TWĐTNBTG ngày 21/2/2022 của Ban Bí thư Trung ương Đoàn.", "75-HD/TWĐTN-BTG"),
    # a year run into the type code
    ("Căn cứ Thông tư số 49/2025TT-BCT ngày 09/9/2025 của Bộ trưởng Bộ Công Thương;", "49/2025/TT-BCT"),
    # an older State symbol: the number and a central issuer code alone
    ("Bãi bỏ Quyết định số 769/TTg ngày 18 tháng 9 năm 1997 của Thủ tướng Chính phủ.", "769/TTg"),
    ("Căn cứ Nghị định số 43/CP ngày 22/6/1993 của Chính phủ;", "43/CP"),
    # type and issuer codes joined by a dot, a space or a line break instead of the hyphen
    ("Thực hiện Chỉ thị số 05/CT.TTg ngày 23/02/2023 của Thủ tướng Chính phủ.", "05/CT-TTg"),
    ("Căn cứ Nghị định số 01/2008/NĐ CP, ngày 03/ 01/2008 của Chính phủ.", "01/2008/NĐ-CP"),
    ("Thực hiện chỉ đạo của Thủ tướng Chính phủ tại Công điện số 755/CĐ\nTTg, ngày 25/08/2022 về đẩy mạnh.",
     "755/CĐ-TTg"),
    # spacing and a hyphen broken over a line
    ("Thực hiện Chỉ thị số 05 /CT-TTg ngày 23/02/2023 của Thủ tướng Chính phủ, Sở ban hành.", "05/CT-TTg"),
    ("Thực hiện Kế hoạch số 593/KH-\nUBND ngày 12/01/2024 của UBND tỉnh, các sở triển khai.", "593/KH-UBND"),
])
def test_symbol_forms(body, symbol):
    assert one(body)["symbol"] == symbol


@pytest.mark.parametrize("raw", ["12/UBND", "QCVN 01:2022/BQP", "3G/LTE", "100KM/H", "2025TT"])
def test_not_symbols(raw):
    """A local code alone, a standard's year, measures: no symbol."""
    found = parse_symbol(raw.split()[-1].split(":")[-1]) if raw.startswith("QCVN") else parse_symbol(raw)
    assert found is None


def test_older_symbol_states_no_type():
    """`299/TTg` may be a Chỉ thị, a Quyết định or a letter: the symbol says no type."""
    assert parse_symbol("299/TTg").doc_type is None
    assert parse_symbol("2739/VPCP-ĐMDN").doc_type == "Công văn"


@pytest.mark.parametrize("body, dtype, number, date", [
    # type and number, then the date: `ngày` after the number opens a date, not a duration
    ("Thực hiện Kế hoạch số 593 ngày 12/01/2024 của UBND Thành phố, các sở triển khai.", "Kế hoạch", "593",
     "2024-01-12"),
    ("Thực hiện Công điện số 1 ngày 3/1/2024 của Thủ tướng Chính phủ, UBND tỉnh yêu cầu.", "Công điện", "1",
     "2024-01-03"),
    # a lower-case type word with `số`
    ("Các đơn vị thực hiện theo kế hoạch số 45 của Ban Thường vụ Tỉnh ủy.", "Kế hoạch", "45", None),
])
def test_number_only_forms(body, dtype, number, date):
    c = one(body)
    assert (c["symbol"], c["doc_type"], c["number"], c["date"]) == (None, dtype, number, date)


@pytest.mark.parametrize("body", [
    "Mỗi đợt kéo dài trong 5 ngày làm việc.",
    "Thời gian thực hiện kế hoạch là 30 ngày.",
    "Đề nghị lập kế hoạch 5 năm và báo cáo.",
])
def test_no_number_only_citation(body):
    assert cites(body) == []


def test_issuer_stops_before_a_second_document():
    """`của Chính phủ và Kế hoạch hành động của ...`: the plan is a second document, not the issuer."""
    c, _ = find_citations("Thực hiện Nghị quyết 71/NQ-CP của Chính phủ và Kế hoạch hành động của Ban Thường "
                          "vụ Thành ủy Hà Nội, các sở triển khai.")
    assert c[0].issuer == "Chính phủ"
    c, _ = find_citations("Thực hiện Nghị quyết số 57-NQ/TW của Bộ Chính trị trên địa bàn tỉnh; các sở triển khai.")
    assert c[0].issuer == "Bộ Chính trị"


def test_title_of_citing_document_is_no_cue():
    """The citing document's own trích yếu (`Về việc triển khai ...`) does not govern its first sentence."""
    assert one("Theo Chỉ thị 16, người dân hạn chế ra khỏi nhà.")["relation"] == "mentions"


def test_semicolon_list_item_takes_the_list_cue():
    """`Triển khai A về việc thực hiện B; C`: B sits in A's trích yếu, C is the next item of the list
    that `Triển khai` governs (SCHEMA.md: the cue governs across a `;` list)."""
    text = ("Triển khai Kế hoạch số 328-KH/TU ngày 24/4/2025 của Tỉnh ủy về việc thực hiện Nghị quyết số "
            "57-NQ/TW ngày 22/12/2024 của Bộ Chính trị; Kế hoạch số 348/KH-UBND ngày 14/5/2025 của UBND tỉnh.")
    rel = {c.symbol: c.relation for c in find_citations(text)[0]}
    assert rel == {"328-KH/TU": "implements", "57-NQ/TW": "mentions", "348/KH-UBND": "implements"}


def test_basis_coordinated_with_a_neutral_object():
    """`Căn cứ tình hình thực tế và Kế hoạch số 45 ...`: the plan is a basis, joined by `và` to a
    basis that is no document; `Căn cứ tình hình ..., các địa phương ... thực hiện Chỉ thị` is not."""
    rel = {c.symbol: c.relation for c in find_citations(
        "Căn cứ chức năng, nhiệm vụ và Kế hoạch số 45/KH-UBND của UBND tỉnh, Sở ban hành.")[0]}
    assert rel == {"45/KH-UBND": "based_on"}
    rel = {c.symbol: c.relation for c in find_citations(
        "Căn cứ tình hình thực tế, các địa phương tổ chức thực hiện Chỉ thị số 05/CT-TTg.")[0]}
    assert rel == {"05/CT-TTg": "implements"}
    # (`xây dựng kế hoạch thực hiện Chỉ thị ...`: the cue inside a topic noun phrase, no relation; SCHEMA.md)
    rel = {c.symbol: c.relation for c in find_citations(
        "Căn cứ tình hình thực tế, các địa phương xây dựng kế hoạch thực hiện Chỉ thị số 05/CT-TTg.")[0]}
    assert rel == {"05/CT-TTg": "mentions"}


def test_list_item_after_a_closed_quoted_title():
    """`Thực hiện A “Về ...” và B`: the quotation closes A's title, B is the next item of the list
    the cue governs; a citation inside the quotation only `mentions`."""
    text = ("Thực hiện Chỉ thị số 05-CT/TW ngày 15/5/2016 của Bộ Chính trị “Về đẩy mạnh học tập và làm theo tư "
            "tưởng Hồ Chí Minh” và Kết luận số 01-KL/TW ngày 18/5/2021 của Bộ Chính trị, Sở ban hành.")
    rel = {c.symbol: c.relation for c in find_citations(text)[0]}
    assert rel == {"05-CT/TW": "implements", "01-KL/TW": "implements"}
    text = ("Thực hiện Kế hoạch số 45/KH-UBND của UBND tỉnh “Về triển khai Chỉ thị số 05/CT-TTg của Thủ tướng "
            "Chính phủ”, Sở ban hành.")
    rel = {c.symbol: c.relation for c in find_citations(text)[0]}
    assert rel == {"45/KH-UBND": "implements", "05/CT-TTg": "mentions"}


@pytest.mark.parametrize("text, expected", [
    # numbers listed after a type word share it
    ("Thực hiện các Nghị quyết số 18, 19 của Hội nghị Trung ương 6 khóa XII, Sở ban hành kế hoạch.",
     [(None, "18"), (None, "19")]),
    # ... and the shape of the symbol that ends the list
    ("Căn cứ các Quyết định số 1, 2 và 3/QĐ-TTg của Thủ tướng Chính phủ, UBND tỉnh ban hành Kế hoạch.",
     [("1/QĐ-TTg", "1"), ("2/QĐ-TTg", "2"), ("3/QĐ-TTg", "3")]),
    ("Triển khai các Kết luận số 187, 188- KL/TW ngày 29/8/2025 của Bộ Chính trị.",
     [("187-KL/TW", "187"), ("188-KL/TW", "188")]),
    # a count after the list is no document; a plural without `số` counts things
    ("Thực hiện Kế hoạch 12, 5 năm qua đã có nhiều kết quả.", [(None, "12")]),
    ("Trong 5 năm qua, các Quyết định 03 cán bộ được thực hiện.", []),
])
def test_numbers_listed_after_a_type(text, expected):
    assert [(c.symbol, c.number) for c in find_citations(text)[0]] == expected


_NAMED = tomllib.load(open(models_dir() / "citation_cues.toml", "rb"))["named_types"]


@pytest.mark.parametrize("text, symbol, doc_type", _NAMED["examples"])
def test_a_law_is_cited_by_a_name_that_holds_commas(text, symbol, doc_type):
    cite = next(c for c in extract(text).citations if c.symbol == symbol)
    assert cite.doc_type == doc_type
    assert cite.text.startswith(doc_type) and cite.text.endswith(symbol)


@pytest.mark.parametrize("text, symbol", _NAMED["counter_examples"])
def test_no_law_name_across_a_sentence_a_list_of_numbers_or_a_clause(text, symbol):
    cite = next(c for c in extract(text).citations if c.symbol == symbol)
    assert cite.doc_type not in _NAMED["types"] and not cite.text.startswith("Luật")


_NOT_DOCUMENTS = tomllib.load(open(models_dir() / "citation_cues.toml", "rb"))["not_documents"]


@pytest.mark.parametrize("text", _NOT_DOCUMENTS["examples"])
def test_a_form_of_an_annex_is_no_citation(text):
    assert extract(text).citations == []


@pytest.mark.parametrize("text", _NOT_DOCUMENTS["counter_examples"])
def test_a_document_near_the_word_for_a_form_is_still_cited(text):
    assert len(extract(text).citations) == 1


def test_a_basis_list_under_its_lead_line():
    # `Căn cứ:` on a line of its own right under the trích yếu, its documents on bullets: based on each, and the
    # bullets are no tasks (GOLD.md: the legal basis, even bulleted)
    text = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 12/KH-UBND\nQuảng Trị, ngày 10 tháng 3 năm 2024\nKẾ HOẠCH\n"
            "Về việc triển khai công tác chuyển đổi số\nCăn cứ:\n"
            "- Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ;\n"
            "- Thông tư số 01/2011/TT-BNV ngày 19/01/2011 của Bộ Nội vụ;\nỦy ban nhân dân tỉnh ban hành Kế hoạch:\n"
            "1. Sở Nội vụ chủ trì.\n")
    doc = extract(text.encode(), path="x.txt")
    assert doc.header.title == "triển khai công tác chuyển đổi số"
    assert [(c.symbol, c.relation) for c in doc.citations] == [("30/2020/NĐ-CP", "based_on"),
                                                               ("01/2011/TT-BNV", "based_on")]
    assert [t.path for t in doc.tasks] == ["1"]


def test_a_document_one_digit_from_its_own_number_is_cited():
    # an organ's numbers run on: Kế hoạch 13/KH-UBND cited undated in Kế hoạch 12/KH-UBND is another plan; printed
    # with the document's own date it is the document's own number misprinted
    cited = cites("1. Thực hiện Kế hoạch số 13/KH-UBND của UBND tỉnh.")
    assert [(c["symbol"], c["relation"]) for c in cited] == [("13/KH-UBND", "implements")]
    assert cites("1. Thực hiện Kế hoạch số 13/KH-UBND ngày 10/3/2024 của UBND tỉnh.") == []
