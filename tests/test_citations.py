"""Citations, relations, aliases, keys; every example of models/citation_cues.toml; the seeds."""
from __future__ import annotations

import tomllib
import unicodedata

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.citations.stage import (
    citations_stage,
    find_citations,
    node_key,
    parse_date,
)
from pipeline.lang.symbols import party_term
from pipeline.model import Document, Header, Source, Task
from pipeline.resources import models_dir

from .conftest import SEEDS, corpus_dir


def cites(text):
    c, a = find_citations(text)
    for x in c:
        assert text[x.span[0]:x.span[1]] == x.text
    for al in a:
        assert text[al.span[0]:al.span[1]] == al.alias
    return c, a


FORMS = [
    # text, symbol, doc_type, number, date, issuer
    ("Chỉ thị số 05-CT/TTg ngày 23 tháng 02 năm 2023 của Thủ tướng Chính phủ về tiếp tục",
     "05/CT-TTg", "Chỉ thị", "05", "2023-02-23", "Thủ tướng Chính phủ"),
    ("theo Chỉ thị 24-CT/TU ngày 14/4/2023 của Ban Thường vụ Thành ủy.", "24-CT/TU", "Chỉ thị", "24",
     "2023-04-14", "Ban Thường vụ Thành ủy"),
    ("Chỉ thị số: 35-CT/TW ngày 30-5-2019 của Bộ Chính trị", "35-CT/TW", "Chỉ thị", "35", "2019-05-30",
     "Bộ Chính trị"),
    ("Hướng dẫn số 94-HD/ĐUK, ngày 30/3/2015 của Đảng uỷ Khối", "94-HD/ĐUK", "Hướng dẫn", "94", "2015-03-30",
     "Đảng uỷ Khối"),
    ("Quyết định của Bộ Chính trị số 31-QĐ/TW, ngày 01-10-1997", "31-QĐ/TW", "Quyết định", "31", "1997-10-01",
     "Bộ Chính trị"),
    ("Nghị quyết số 71/NQ -CP ngày 01/4/2025 của Chính phủ", "71/NQ-CP", "Nghị quyết", "71", "2025-04-01",
     "Chính phủ"),
    ("Quyết định số\n1569/QĐ-TTg ngày 12/12/2024 của Thủ tướng Chính phủ", "1569/QĐ-TTg", "Quyết định", "1569",
     "2024-12-12", "Thủ tướng Chính phủ"),
    ("Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ", "30/2020/NĐ-CP", "Nghị định", "30", "2020-03-05",
     "Chính phủ"),
    ("Luật KCB số 40/2009/QH12 ngày 23/11/2009", "40/2009/QH12", "Luật", "40", "2009-11-23", None),
    ("văn bản số 1148/UBND- ĐT ngày 29 tháng 3 năm 2025", "1148/UBND-ĐT", "Công văn", "1148", "2025-03-29", None),
    ("văn bản số 108/TB-VPCP ngày 17 tháng 3 năm 2025 của Văn phòng Chính phủ", "108/TB-VPCP", "Thông báo", "108",
     "2025-03-17", "Văn phòng Chính phủ"),
    ("Kết luận số 134- KL/TW ngày 14.12.2020", "134-KL/TW", "Kết luận", "134", "2020-12-14", None),
    ("Nghị quyết 72-NQ-TW ngày 26-4-2016", "72-NQ/TW", "Nghị quyết", "72", "2016-04-26", None),
    ("Chỉ thị số 08-CT7TU", "08-CT/TU", "Chỉ thị", "08", None, None),
    ("QĐ 1147-QĐ/BTGDVTW", "1147-QĐ/BTGDVTW", "Quyết định", "1147", None, None),
    ("CV 5973/UBND-KT", "5973/UBND-KT", "Công văn", "5973", None, None),
    ("Quy định số 66-QĐ/TW", "66-QĐ/TW", "Quy định", "66", None, None),
    ("Kế hoạch 593 của UBND Thành phố về triển khai", None, "Kế hoạch", "593", None, "UBND Thành phố"),
    ("thực hiện Đề án 06 trên địa bàn", None, "Đề án", "06", None, None),
    ("Chỉ thị số 17 của Ban Thường vụ", None, "Chỉ thị", "17", None, "Ban Thường vụ"),
    # the Party's notice of a conclusion is a Thông báo, as its code says
    ("Thông báo kết luận số 77-TB/TU ngày 3/3/2025", "77-TB/TU", "Thông báo", "77", "2025-03-03", None),
]


@pytest.mark.parametrize("text,symbol,dtype,number,date,issuer", FORMS)
def test_forms(text, symbol, dtype, number, date, issuer):
    c, _ = cites(text)
    assert len(c) == 1, c
    c = c[0]
    assert (c.symbol, c.doc_type, c.number, c.date, c.issuer) == (symbol, dtype, number, date, issuer)


@pytest.mark.parametrize("text", ["Căn cứ Luật Doanh nghiệp năm 2020;", "theo Điều lệ Đảng",
                                  "Kế hoạch năm 2025", "các Quyết định 03 cán bộ", "NGHỊ QUYẾT\n\n2",
                                  "Dự án 1: Hỗ trợ đầu tư", "ngày 15/6/2024, giai đoạn 2022-2025",
                                  "Số: 46/TB-BCĐ", "Nghị quyết 3⁄NOQTW ngày 22 tháng 12 năm 2024"])
def test_not_citations(text):
    c, _ = cites(text)
    assert c == []


def test_shared_issuer():
    c, _ = cites("Chỉ thị số 13-CT/TW ngày 12/01/2017 và Kết luận số 61-KL/TW ngày 17/8/2023 của Ban Bí thư")
    assert [x.symbol for x in c] == ["13-CT/TW", "61-KL/TW"]
    assert [x.issuer for x in c] == ["Ban Bí thư", "Ban Bí thư"]


def test_nested_and_list_relations():
    t = ("Thực hiện Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị về đột phá phát triển; "
         "Kế hoạch số 139/KH-UBND ngày 16/5/2025 của UBND Thành phố về thực hiện Nghị quyết số 71/NQ-CP "
         "ngày 01/4/2025 của Chính phủ.")
    c, _ = cites(t)
    rel = {x.symbol: x.relation for x in c}
    assert rel == {"57-NQ/TW": "implements", "139/KH-UBND": "implements", "71/NQ-CP": "mentions"}


def test_dedupe_strongest_relation_and_merge():
    t = ("Về quán triệt Chỉ thị số 24-CT/TU của Ban Thường vụ Thành ủy\n\n"
         "Thực hiện Chỉ thị số 24-CT/TU ngày 14 tháng 4 năm 2023 của Ban Thường vụ Thành ủy;\n"
         "Căn cứ Công văn số 2854-CV/BTGTU ngày 08 tháng 5 năm 2023 của Ban Tuyên giáo Thành ủy về quán "
         "triệt Chỉ thị số 24-CT/TU.\n")
    c, _ = cites(t)
    assert [x.symbol for x in c] == ["24-CT/TU", "2854-CV/BTGTU"]
    assert c[0].relation == "implements" and c[1].relation == "based_on"
    assert c[0].date == "2023-04-14"
    assert c[0].text.startswith("Chỉ thị số 24-CT/TU")


def test_number_mention_joins_symbol_document():
    c, _ = cites("Thực hiện Chỉ thị số 24-CT/TU ngày 14/4/2023 của Tỉnh ủy. Chỉ thị 24 được quán triệt.")
    assert len(c) == 1 and c[0].symbol == "24-CT/TU"


def test_alias_to_own_document_and_later_mentions():
    t = ("nâng cao nhận thức về vai trò của Đề án “Phát triển ứng dụng dữ liệu về dân cư” (viết tắt là "
         "Đề án 06) trong chuyển đổi số.\n- Gương mẫu thực hiện Đề án 06.\n")
    c, a = cites(t)
    assert len(c) == 1
    assert (c[0].doc_type, c[0].number, c[0].symbol, c[0].relation) == ("Đề án", "06", None, "implements")
    assert c[0].text.startswith("Đề án “Phát triển")
    assert [x.alias for x in a] == ["Đề án 06"] and a[0].citation == 0


def test_alias_to_approving_decision():
    t = ("việc triển khai thực hiện Quyết định số 06/QĐ-TTg, ngày 06/01/2022 của Thủ tướng Chính phủ về phê "
         "duyệt “Đề án phát triển ứng dụng dữ liệu về dân cư” (gọi tắt Đề án 06) đã đạt kết quả. "
         "Nhận thức về Đề án 06 được nâng lên.")
    c, a = cites(t)
    assert [x.symbol for x in c] == ["06/QĐ-TTg"]
    assert a[0].alias == "Đề án 06" and a[0].refers_to == "vn:state:ttg:qd:06:2022"


def test_alias_not_a_document():
    c, a = cites("Bảo hiểm xã hội các tỉnh (Sau đây viết tắt là BHXH các tỉnh) có trách nhiệm.")
    assert c == [] and a == []


def _cues():
    with open(models_dir() / "citation_cues.toml", "rb") as f:
        return tomllib.load(f)


CUE_EX = [(c["relation"], e) for c in _cues()["cue"] for e in c["examples"]]
CUE_CEX = [(c["relation"], e) for c in _cues()["cue"] for e in c["counter_examples"]]


@pytest.mark.parametrize("relation,text", CUE_EX)
def test_cue_examples(relation, text):
    c, _ = cites(text)
    assert c and c[-1].relation == relation


@pytest.mark.parametrize("relation,text", CUE_CEX)
def test_cue_counter_examples(relation, text):
    c, _ = cites(text)
    assert c and c[-1].relation != relation


@pytest.mark.parametrize("text", _cues()["participle"]["examples"])
def test_participle_examples(text):
    c, _ = cites(text)
    assert c and c[0].relation == "mentions"


@pytest.mark.parametrize("text", _cues()["participle"]["counter_examples"])
def test_participle_counter_examples(text):
    c, _ = cites(text)
    assert c and c[0].relation == "implements"


@pytest.mark.parametrize("text", _cues()["owner_code"]["examples"])
def test_owner_code_examples(text):
    c, _ = cites(text)
    assert c and c[0].symbol is None and c[0].number


@pytest.mark.parametrize("text", _cues()["owner_code"]["counter_examples"])
def test_owner_code_counter_examples(text):
    c, _ = cites(text)
    assert c and c[0].symbol


@pytest.mark.parametrize("text", _cues()["alias"]["bare_examples"])
def test_bare_alias_examples(text):
    c, a = cites(text)
    assert a and a[0].refers_to == c[0].target and c[0].target


@pytest.mark.parametrize("text", _cues()["alias"]["examples"])
def test_alias_examples(text):
    _, a = cites(text)
    assert len(a) == 1 and a[0].citation is not None


@pytest.mark.parametrize("text", _cues()["alias"]["counter_examples"])
def test_alias_counter_examples(text):
    _, a = cites(text)
    assert a == []


@pytest.mark.parametrize("text", _cues()["number_only"]["examples"])
def test_number_only_examples(text):
    c, _ = cites(text)
    assert len(c) == 1 and c[0].symbol is None


@pytest.mark.parametrize("text", _cues()["number_only"]["counter_examples"])
def test_number_only_counter_examples(text):
    c, _ = cites(text)
    assert c == []


@pytest.mark.parametrize("s,iso", [("ngày 23 tháng 02 năm 2023", "2023-02-23"), ("ngày 23/02/2023", "2023-02-23"),
                                   ("26-4-2016", "2016-04-26"), ("14.12.2020", "2020-12-14"),
                                   ("ngày 1/2/2019", "2019-02-01"), ("ngày 31/02/2019", None)])
def test_dates(s, iso):
    assert parse_date(s) == iso


def test_node_key():
    assert node_key(system="state", issuer="TTg", type_code="CT", number="05", year="2023") == "vn:state:ttg:ct:05:2023"
    assert node_key(system="state", issuer="TTg", type_code="CT", number="5", year="2023") == "vn:state:ttg:ct:05:2023"
    assert node_key(system="party", issuer="TU", type_code="CT", number="08", year="2020-2025",
                    locality="Tiền Giang") == "vn:party:tu-tien-giang:ct:08:2020-2025"
    assert party_term("provincial", "2023-05-10") == "2020-2025"
    assert party_term("central", "2017-10-25") == "2016-2021"
    assert party_term("central", "2022-06-16") == "2021-2026"


def test_targets_need_locality_for_local_issuers():
    t = "Thực hiện Kế hoạch 53/KH-UBND ngày 18/02/2022 của Ủy ban nhân dân tỉnh."
    c, _ = find_citations(t)
    assert c[0].target is None
    c, _ = find_citations(t, locality="Tiền Giang")
    assert c[0].target == "vn:state:ubnd-tien-giang:kh:53:2022"
    c, _ = find_citations("theo Kế hoạch 53/KH-UBND ngày 18/02/2022 của UBND tỉnh Bến Tre", locality="Tiền Giang")
    assert c[0].target == "vn:state:ubnd-ben-tre:kh:53:2022"


def test_stage_title_path_and_own_symbol():
    text = ("TỈNH ỦY TIỀN GIANG\nSố 08-CT/TU\nCHỈ THỊ\nVề quán triệt Chỉ thị số 24-CT/TU\n"
            "1. Thực hiện Kế hoạch 53/KH-UBND ngày 18/02/2022 của Ủy ban nhân dân tỉnh.\n")
    title_start = text.index("Về quán")
    body = text.index("1. Thực")
    doc = Document(id="x", source=Source(path="x", format="txt"), text=text,
                   header=Header(symbol="08-CT/TU", date="2023-05-10", locality="Tiền Giang",
                                 spans={"title": (title_start, body - 1)}),
                   tasks=[Task(path="1", label="1.", level=1, parent=None, span=(body, len(text)),
                               text=text[body:])],
                   body_span=(body, len(text)))
    citations_stage(doc)
    assert [c.symbol for c in doc.citations] == ["24-CT/TU", "53/KH-UBND"]
    assert doc.citations[0].path is None and doc.citations[1].path == "1"
    assert doc.citations[1].target == "vn:state:ubnd-tien-giang:kh:53:2022"
    for c in doc.citations:
        assert doc.text[c.span[0]:c.span[1]] == c.text


def _seed(name):
    return unicodedata.normalize("NFC", (corpus_dir(SEEDS) / name).read_text())


def test_seed_05_ct_ttg_and_alias():
    c, a = cites(_seed("000_5afb76c95495bca4.txt"))
    syms = [x.symbol for x in c]
    assert "05/CT-TTg" in syms
    x = c[syms.index("05/CT-TTg")]
    assert x.symbol_as_written == "05-CT/TTg" and x.target == "vn:state:ttg:ct:05:2023"
    assert "Đề án 06" in [al.alias for al in a]
    c3, a3 = cites(_seed("003_e2bf3dbedd4e08f0.txt"))
    assert "Đề án 06" in [al.alias for al in a3]


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_never_raises(s):
    c, a = find_citations(s)
    for x in c:
        assert s[x.span[0]:x.span[1]] == x.text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["Căn cứ ", "Thực hiện ", "Chỉ thị ", "số ", "24-CT/TU", "05/CT-TTg", " ngày ",
                                 "23/02/2023", " của ", "Ban Thường vụ", "(gọi tắt là ", "Đề án 06", ")", "; ",
                                 " và ", "\n", "về ", "“", "”", "Kế hoạch 593", ", "]), max_size=30))
def test_never_raises_citationish(parts):
    s = "".join(parts)
    c, a = find_citations(s)
    for x in c:
        assert s[x.span[0]:x.span[1]] == x.text
    for al in a:
        assert s[al.span[0]:al.span[1]] == al.alias


@pytest.mark.parametrize("text,issuer", [
    # the name ends before what the sentence goes on to say
    ("theo Nghị định số 12/2020/NĐ-CP của Chính phủ và chịu trách nhiệm trước nhà đầu tư.", "Chính phủ"),
    ("Quyết định số 221/QĐ-UBND của Chủ tịch UBND tỉnh Hòa Bình công bố danh mục thủ tục hành chính",
     "Chủ tịch UBND tỉnh Hòa Bình"),
    ("Quyết định số 38/QĐ-UB ngày 05/3/2003 của Ủy ban nhân dân tỉnh Hòa Bình Thành lập Trung tâm Y tế huyện Lạc Sơn",
     "Ủy ban nhân dân tỉnh Hòa Bình"),
    ("Quyết định số 15/QĐ-UBND ngày 18/6/2025 của Chủ tịch UBND tỉnh Hòa Bình hết hiệu lực kể từ ngày ký",
     "Chủ tịch UBND tỉnh Hòa Bình"),
    ("Nghị quyết số 30/2024/UBTVQH15 của Ủy ban Thường vụ Quốc hội khoảng 530 tỷ đồng", "Ủy ban Thường vụ Quốc hội"),
    ("Nghị quyết số 19-NQ/TW của Ban Chấp hành Trung ương Đảng khóa XII và mục tiêu tăng trưởng",
     "Ban Chấp hành Trung ương Đảng khóa XII"),
    ("QUYẾT ĐỊNH SỐ 22/QĐ-UBND NGÀY 17 THÁNG 02 NĂM 2022 CỦA CỦA ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH",
     "ỦY BAN NHÂN DÂN TỈNH HÒA BÌNH"),
    # ... and goes on through `và` and capitals where the name does
    ("Thông tư số 12/2020/TT-BNNPTNT của Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn về quản lý giống",
     "Bộ trưởng Bộ Nông nghiệp và Phát triển nông thôn"),
    ("Thông tư liên tịch số 22/2016/TTLT-BTC-BTNMT của Liên Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Tài nguyên và "
     "Môi trường",
     "Liên Bộ trưởng Bộ Tài chính và Bộ trưởng Bộ Tài nguyên và Môi trường"),
    ("Quyết định số 12/QĐ-HĐTV ngày 02/10/2025 của Hội đồng tư vấn cải cách thủ tục hành chính về quy chế",
     "Hội đồng tư vấn cải cách thủ tục hành chính"),
])
def test_an_issuer_ends_with_its_name(text, issuer):
    c, _ = cites(text)
    assert c and c[0].issuer == issuer


@pytest.mark.parametrize("text", _cues()["own_act"]["examples"])
def test_own_act_examples(text):
    c, _ = cites(text)
    assert c and c[-1].relation == "mentions"


@pytest.mark.parametrize("text", _cues()["own_act"]["counter_examples"])
def test_own_act_counter_examples(text):
    c, _ = cites(text)
    assert c and c[-1].relation in ("amends", "replaces", "repeals")


def test_a_basis_list_item_that_names_several_documents_of_one_type():
    # `Căn cứ A; các Quyết định số 07 ... và số 08 ...`: the item after `;` is still a basis, whether it
    # opens with a plural type word or a type word and its colon; a clause of its own after `;` is not
    for item in ("các Quyết định số 07/QĐ-UBND ngày 17/11/2025 và số 08/QĐ-UBND ngày 18/11/2025",
                 "Các Quyết định: số 07/QĐ-UBND ngày 17/11/2025, số 08/QĐ-UBND ngày 18/11/2025"):
        c, _ = cites(f"Căn cứ Công điện số 223/CĐ-TTg ngày 20/11/2025 của Thủ tướng Chính phủ về ứng phó mưa lũ; "
                     f"{item} của Ủy ban nhân dân tỉnh;")
        assert [(x.symbol, x.relation) for x in c] == [
            ("223/CĐ-TTg", "based_on"), ("07/QĐ-UBND", "based_on"), ("08/QĐ-UBND", "based_on")], item
    c, _ = cites("Căn cứ Quyết định số 12/QĐ-UBND ngày 02/01/2026 của UBND tỉnh; các cơ quan rà soát theo "
                 "Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị")
    assert [x.relation for x in c] == ["based_on", "mentions"]
