import re
import tomllib

import pytest

from pipeline import extract
from pipeline.resources import models_dir
from pipeline.tasks.facts import _facts
from pipeline.tasks.markers import parse_marker

from .conftest import DEV, corpus_files

with open(models_dir() / "tasks.toml", "rb") as f:
    FACTS = tomllib.load(f)


@pytest.mark.parametrize("section,rx", [("not_items", "_not_items"), ("closing", "_closing"),
                                        ("closing_after_items", "_closing_after"),
                                        ("attachment", "_attachment")])
def test_table_examples(section, rx):
    for ex in FACTS[section]["examples"]:
        assert _facts()[rx].match(ex), ex
    for ex in FACTS[section]["counter_examples"]:
        assert not _facts()[rx].match(ex), ex


@pytest.mark.parametrize("text,kind,label", [
    ("I. MỤC ĐÍCH", "roman", "I."), ("II- NHIỆM VỤ", "roman", "II-"), ("1. Tổ chức", "decimal1", "1."),
    ("1.2. Về tuổi", "decimal2", "1.2."), ("2.3.1 Rà soát", None, None), ("a) Tăng cường", "letter", "a)"),
    ("đ) Hằng năm", "letter", "đ)"), ("- Tuyên truyền", "dash", "-"), ("+ Lắng nghe", "plus", "+"),
    ("(1) Rà soát", "paren", "(1)"), ("Điều 3. Chánh Văn phòng", "article", "Điều 3."),
    ("PHẦN THỨ NHẤT", "part", "PHẦN THỨ NHẤT"), ("Thứ nhất, tăng cường", "ordinal", "Thứ nhất,"),
    ("② Kiểm tra", "circled", "②"), ("2.000 người tham gia", None, None), ("Căn cứ", None, None),
    ("1/ Tăng cường", "decimal1", "1/"), ("b/ Báo cáo", "letter", "b/"), ("48/ NQ-CP ngày", None, None),
    ("I.2. Mục tiêu cụ thể", "romandec1", "I.2."), ("Mục 1 PHỐI HỢP", "section", "Mục 1"),
])
def test_markers(text, kind, label):
    m = parse_marker(text)
    if kind is None and label is None and text.startswith("2.3.1"):
        assert m is not None and m.kind == "decimal3"
        return
    if kind is None:
        assert m is None
    else:
        assert m is not None and m.kind == kind and m.label == label


DOC = """Số: 05/CT-UBND
CHỈ THỊ
Về phòng, chống dịch
Căn cứ Luật Phòng, chống bệnh truyền nhiễm;
- Căn cứ Nghị quyết số 12/NQ-CP;
Chủ tịch UBND tỉnh yêu cầu:
I. NHIỆM VỤ CHUNG
1. Các sở, ngành tăng cường kiểm tra.
Nội dung tiếp theo của mục 1.
- Kiểm tra thường xuyên.
+ Báo cáo hằng tháng.
- Xử lý vi phạm.
2. Sở Y tế chủ trì.
a) Theo dõi dịch.
b) Báo cáo kết quả.
II. TỔ CHỨC THỰC HIỆN
Yêu cầu các sở, ngành nghiêm túc thực hiện Chỉ thị này.
Nơi nhận:
- Như trên;
TM. ỦY BAN NHÂN DÂN
CHỦ TỊCH
Nguyễn Văn A
PHỤ LỤC
| TT | Nội dung | Cơ quan chủ trì | Thời gian |
|---|---|---|---|
| 1 | Rà soát cơ sở | Sở Y tế | Quý II/2024 |
| 2 | Tập huấn | Sở Nội vụ | Thường xuyên |
"""


def test_tree_paths_levels_and_texts():
    doc = extract(DOC)
    got = [(t.path, t.label, t.level, t.parent) for t in doc.tasks]
    assert got == [("1", "I.", 1, None), ("1.1", "1.", 2, "1"), ("1.1.1", "-", 3, "1.1"), ("1.1.1.1", "+", 4, "1.1.1"),
                   ("1.1.2", "-", 3, "1.1"), ("1.2", "2.", 2, "1"), ("1.2.1", "a)", 3, "1.2"),
                   ("1.2.2", "b)", 3, "1.2"),
                   ("2", "II.", 1, None), ("A1.1", "1", 1, None), ("A1.2", "2", 1, None)]
    t11 = doc.task("1.1")
    assert t11.text == "Các sở, ngành tăng cường kiểm tra.\nNội dung tiếp theo của mục 1."
    assert doc.task("2").text == "TỔ CHỨC THỰC HIỆN"       # the closing paragraph belongs to no node
    row = doc.task("A1.1")
    assert row.text == "Rà soát cơ sở" and set(row.cells) == {"TT", "Nội dung", "Cơ quan chủ trì", "Thời gian"}
    for t in doc.tasks:
        assert doc.text[t.span[0]:t.span[1]] == t.text


def test_legal_basis_and_signature_are_not_tasks():
    doc = extract(DOC)
    texts = " ".join(t.text for t in doc.tasks)
    assert "Căn cứ" not in texts and "Như trên" not in texts and "CHỦ TỊCH" not in texts


def _vertical(*cells_rows):
    """A scraped page's vertical table: `|` alone on a line opens and closes cells."""
    out = ["|"]
    for row in cells_rows:
        for k, cell in enumerate(row):
            out += ["|", cell] if k else [cell]
        out += ["|", "|"]
    return "\n".join(out[:-1]) + "\n"


def test_criteria_table_rows_with_markers_are_nodes_of_the_attachment():
    body = ("SỞ Y TẾ\nSố: 12/SYT-KHTC\nV/v đánh giá trạm y tế\nKính gửi: Ủy ban nhân dân các xã\n\n"
            "Sở Y tế hướng dẫn đánh giá trạm y tế theo Bảng tiêu chí đính kèm./.\n\n"
            "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\n"
            "KT. GIÁM ĐỐC\nPHÓ GIÁM ĐỐC\nNguyễn Văn An\n\n")
    # the shape of a scraped annex: `|` alone on a line between cells, `|` twice between rows
    table = "\n".join(["|", "BẢNG TIÊU CHÍ ĐÁNH GIÁ TRẠM Y TẾ", "(Ban hành kèm theo Công văn số 12/SYT-KHTC)",
                       "|", "TIÊU CHÍ", "|", "Điểm", "|", "MINH CHỨNG", "|", "|", "1. Nhân lực (20 điểm)", "|", "|",
                       "1.1. Có đủ bác sĩ, điều dưỡng", "theo quy định.", "|", "10", "|", "|", "Quyết định phân công.",
                       "|", "|", "1.2. Nhân viên được tập huấn hằng năm.", "|", "10", "|", "|", "Danh sách tập huấn.",
                       "|", "|", "Tổng cộng", "|", "100", "|"])
    doc = extract(body + table + "\n\nHƯỚNG DẪN CHẤM\n2. Ủy ban nhân dân xã thành lập đoàn đánh giá.\n")
    paths = {t.path: t.text for t in doc.tasks}
    assert paths["A1.1"].startswith("Nhân lực")
    assert paths["A1.1.1"].startswith("Có đủ bác sĩ") and paths["A1.1.2"].startswith("Nhân viên được tập huấn")
    assert paths["A1.2"].startswith("Ủy ban nhân dân xã thành lập")
    assert not any(t.text.startswith("Tổng cộng") for t in doc.tasks)


def test_a_table_of_figures_adds_no_nodes():
    text = ("CHỈ THỊ\nVề thống kê\n1. Sở Y tế báo cáo số liệu.\n\n"
            + _vertical(["Tỉnh", "Số ca"], ["An Giang", "12"], ["Cà Mau", "7"]))
    assert [t.path for t in extract(text).tasks] == ["1"]


def test_body_left_inside_one_long_vertical_cell_is_read_as_paragraphs():
    items = "\n".join(f"{k}. Sở Nội vụ thực hiện nhiệm vụ thứ {k}\ntrong năm 2025;" for k in range(1, 10))
    text = _vertical(["ỦY BAN NHÂN DÂN\nTỈNH AN GIANG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]) + \
        "\n|\nKính gửi: Các sở, ngành\nCăn cứ Luật Tổ chức chính quyền địa phương;\n" + items + "\n|\n"
    doc = extract(text)
    assert [t.path for t in doc.tasks] == [str(k) for k in range(1, 10)]
    assert doc.header.addressees == ["Các sở, ngành"]


def test_markers_mangled_by_fonts_and_ocr_are_repaired_from_the_open_outline():
    text = ("CHỈ THỊ\nVề phòng chống thiên tai\n\n1. Sở Nội vụ chủ trì rà soát.\n\n2. Sở Tài chính bố trí kinh phí.\n\n"
            "③ Sở Y tế bảo đảm thuốc men.\n\n4. Công an tỉnh bảo đảm an ninh.\n\n"
            "___». Giao Văn phòng Ủy ban nhân dân tỉnh theo dõi, đôn đốc.\n\n_6. Báo Tiền Giang đưa tin.\n")
    tasks = extract(text).tasks
    assert [(t.path, t.text.split()[0]) for t in tasks] == [
        ("1", "Sở"), ("2", "Sở"), ("3", "Sở"), ("4", "Công"), ("5", "Giao"), ("6", "Báo")]


def test_circled_numbers_of_their_own_list_and_stray_letters_stay_what_they_are():
    text = ("CHỈ THỊ\nVề phòng chống thiên tai\n\n1. Các sở thực hiện:\n\n① Rà soát quy hoạch.\n\n"
            "② Báo cáo kết quả.\n\n"
            "s. -.+ 4x CHÍNH PHỦ\n\n2. Sở Nội vụ chủ trì.\n")
    tasks = extract(text).tasks
    assert [t.path for t in tasks] == ["1", "1.1", "1.2", "2"]


def test_a_request_to_carry_out_the_document_closes_it_only_after_the_last_item():
    text = ("KẾ HOẠCH\nVề chuyển đổi số\n\n1. Sở Nội vụ chủ trì.\n\n"
            "UBND tỉnh yêu cầu các sở nghiêm túc thực hiện nhiệm vụ này "
            "trước ngày 15/6/2025.\n\n2. Sở Tài chính bố trí kinh phí.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành nghiêm túc "
            "triển khai thực hiện; định kỳ trước ngày 30 tháng 11 hằng năm báo cáo kết quả.\n")
    doc = extract(text)
    assert "yêu cầu các sở nghiêm túc thực hiện" in doc.task("1").text      # inside the items: part of item 1
    assert doc.task("2").text == "Sở Tài chính bố trí kinh phí."           # after the last: no node's


def test_headings_and_articles_alone_on_their_line_open_nodes():
    # OCR and PDF layouts print `Chương I`, `Mục 1`, `Điều 1.` on a line of their own, the title or the
    # article's text on the next; the heading levels count (SCHEMA: headings are levels)
    text = ("UBND TỈNH AN GIANG\n\nSố: 12/QĐ-UBND\n\nAn Giang, ngày 3 tháng 2 năm 2024\n\nQUYẾT ĐỊNH\n"
            "Ban hành quy chế\n\nChương I\n\nQUY ĐỊNH CHUNG\n\nĐiều 1.\n\nPhạm vi điều chỉnh của quy chế.\n\n"
            "Chương II\n\nTỔ CHỨC THỰC HIỆN\n\nMục 1\n\nTRÁCH NHIỆM\n\nĐiều 2\n\nSở Tài chính chủ trì thực hiện.\n")
    doc = extract(text)
    got = [(t.path, t.label, t.text) for t in doc.tasks]
    assert got == [("1", "Chương I", "QUY ĐỊNH CHUNG"), ("1.1", "Điều 1.", "Phạm vi điều chỉnh của quy chế."),
                   ("2", "Chương II", "TỔ CHỨC THỰC HIỆN"), ("2.1", "Mục 1", "TRÁCH NHIỆM"),
                   ("2.1.1", "Điều 2", "Sở Tài chính chủ trì thực hiện.")]
    for t in doc.tasks:
        assert doc.text[t.span[0]:t.span[1]] == t.text
    # a reference to an article inside a sentence is no marker
    assert parse_marker("Điều 5 của Luật này") is None


def test_an_article_alone_on_its_line_takes_the_next_paragraph_even_when_it_reads_like_a_closing():
    text = ("UBND TỈNH AN GIANG\n\nSố: 12/QĐ-UBND\n\nAn Giang, ngày 3 tháng 2 năm 2024\n\n"
            "QUYẾT ĐỊNH\nBan hành quy chế\n\n"
            "Điều 1.\n\nBan hành kèm theo Quyết định này Quy chế.\n\nĐiều 2.\n\n"
            "Quyết định này có hiệu lực thi hành kể từ ngày ký.\n\nĐiều 3.\n\n"
            "Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này.\n")
    assert [(t.path, t.text) for t in extract(text).tasks] == [
        ("1", "Ban hành kèm theo Quyết định này Quy chế."),
        ("2", "Quyết định này có hiệu lực thi hành kể từ ngày ký."),
        ("3", "Chánh Văn phòng UBND tỉnh chịu trách nhiệm thi hành Quyết định này.")]


def test_an_article_reference_broken_over_a_line_is_no_article():
    text = ("HĐND TỈNH AN GIANG\n\nSố: 12/NQ-HĐND\n\nAn Giang, ngày 3 tháng 2 năm 2024\n\nNGHỊ QUYẾT\nSửa đổi\n\n"
            "Điều 1. Sửa đổi Nghị quyết số 05/NQ-HĐND như sau:\n\n"
            "1. Thay thế cụm từ “Sở Nội vụ” thành “Sở Tài chính” tại khoản 3\n\nĐiều 1.\n\n"
            "2. Thay thế cụm từ “tỉnh” thành “thành phố” tại khoản 4 Điều 2.\n\n"
            "Điều 2. Điều khoản thi hành\n\nNghị quyết có hiệu lực từ ngày ký.\n")
    got = [(t.path, t.label) for t in extract(text).tasks]
    assert got == [("1", "Điều 1."), ("1.1", "1."), ("1.2", "2."), ("2", "Điều 2.")]
    assert extract(text).task("1.1").text.endswith("tại khoản 3\nĐiều 1.")


@pytest.mark.parametrize("row", FACTS["markers"], ids=lambda row: row["kind"])
def test_marker_table_examples(row):
    """Every example of a marker kind in models/tasks.toml opens with a marker of that kind (decimal and
    romandec kinds carry their depth: `decimal2`), and no counter-example does."""
    for ex in row["examples"]:
        found = parse_marker(ex)
        assert found is not None and found.kind.startswith(row["kind"]), (ex, found)
    for ex in row["counter_examples"]:
        found = parse_marker(ex)
        assert found is None or not found.kind.startswith(row["kind"]), (ex, found)


def test_unfinished_line_is_read_at_its_last_character():
    # `_unfinished_line_before` asks its pattern (a word character, then spaces to the end) of a text that
    # ends in no space only at its last character: what a search from the start finds, without its cost
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.tasks.repairs import _UNFINISHED

    @settings(max_examples=300, deadline=None)
    @given(st.text(alphabet=st.sampled_from(list("ab_1.,: \n\t\u00a0\u2003Ạ"))))
    def check(s):
        prev = s.rstrip()
        if prev:
            assert bool(_UNFINISHED.search(prev)) == bool(_UNFINISHED.search(prev, len(prev) - 1))

    check()


def test_candidate_guard_is_what_every_marker_opens_with():
    # `_CANDIDATE` tests what a marker opens with before the markers themselves (speed): the same places
    # as the pattern without that test
    import re

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.tasks.inline import _CANDIDATE

    plain = re.compile(_CANDIDATE.pattern.replace(r"(?=[IVX\d\-–+ĐCMP]|[a-zđ]\))", "", 1))
    assert plain.pattern != _CANDIDATE.pattern
    parts = ["1.", "2.", "12.", "1.2", "1.2.", "I.", "IV.", "a)", "đ)", "b", "-", "–", "+", "Điều 5.", "ĐIỀU 2.",
             "Chương II", "MỤC 1", "Phần 3:", ".", ":", ";", "?", " ", "  ", "\n", "“", "\"", "Sở", "TẾ", "ở", "X", "c"]

    @settings(max_examples=400, deadline=None)
    @given(st.lists(st.sampled_from(parts), max_size=20).map("".join))
    def check(text):
        assert [m.span() for m in _CANDIDATE.finditer(text)] == [m.span() for m in plain.finditer(text)]

    check()


# the pattern `_split_long_paragraphs` cut at before it opened with the space (`stage._INLINE_CUT`)
_PLAIN_INLINE_CUT = re.compile(r"(?<=[.:;!?]) (?=(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[-+]) [A-ZÀ-ỸĐ])"
                               r"|(?<=[A-ZÀ-ỸĐ]{2}) (?=\d{1,2}\. [A-ZÀ-ỸĐ])")


def test_inline_cut_opening_with_the_space_cuts_where_the_plain_pattern_did():
    """A page scraped into one line is cut at the same spaces by the pattern that opens with the space (the
    engine skips to each space) as by the one that opened with a lookbehind: after a sentence's end before a
    marker and a capital, after a heading in capitals before `N. `; not inside a sentence."""
    from pipeline.tasks.stage import _INLINE_CUT
    text = ("I. MỤC ĐÍCH 1. Rà soát các cơ sở. 2. Kiểm tra định kỳ: a) Lập danh sách; b) Báo cáo. - Giao Sở Y tế."
            " + Phối hợp. II. TỔ CHỨC THỰC HIỆN đạt 95% 3. số liệu. 1.2. Theo dõi; 3 Lan x) Cuối")
    cuts = [m.start() for m in _INLINE_CUT.finditer(text)]
    assert [text[c + 1:c + 4] for c in cuts] == ["1. ", "2. ", "a) ", "b) ", "- G", "+ P", "II.", "1.2"]
    assert cuts == [m.start() for m in _PLAIN_INLINE_CUT.finditer(text)]
    for path in [f for f in corpus_files(DEV) if f.suffix == ".txt"][:40]:
        t = path.read_text(encoding="utf-8")
        assert [m.start() for m in _INLINE_CUT.finditer(t)] == [m.start() for m in _PLAIN_INLINE_CUT.finditer(t)]


def test_marker_init_is_the_dataclass_one():
    """`Marker.__init__` is written out (compiled, a generated one runs interpreted): the fields in their
    order, by position or keyword, as the dataclass's would take them."""
    import dataclasses
    import inspect

    from pipeline.tasks import markers

    from .conftest import from_source
    src = from_source(markers).Marker
    fields = [f.name for f in dataclasses.fields(src)]
    assert fields == ["kind", "label", "end"]
    assert [p.name for p in list(inspect.signature(src.__init__).parameters.values())[1:]] == fields
    for cls in (markers.Marker, src):
        m = cls("roman", "II.", 3)
        assert (m.kind, m.label, m.end) == ("roman", "II.", 3)
        assert m == cls(kind="roman", label="II.", end=3) and m != cls("roman", "II.", 4)
        assert repr(m) == "Marker(kind='roman', label='II.', end=3)"


def test_a_node_holds_its_fields():
    """Each node's path, label, level, parent, span, text and kind (the outline makes a Task by position)."""
    text = "Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng cháy\n\nI. TỔ CHỨC THỰC HIỆN\n\n1. Sở Xây dựng rà soát công trình.\n"
    doc = extract(text)
    heading, item = doc.tasks
    assert (heading.path, heading.label, heading.level, heading.parent, heading.kind) == ("1", "I.", 1, None, "item")
    assert (item.path, item.label, item.level, item.parent, item.kind) == ("1.1", "1.", 2, "1", "item")
    assert item.text == "Sở Xây dựng rà soát công trình." == doc.text[item.span[0]:item.span[1]]
    assert (item.deadlines, item.cells) == ([], {})
