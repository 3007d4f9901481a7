"""Word's automatic numbering: the markers it prints are rendered into the paragraphs' text
(pipeline/read/docx_numbering.py).  Documents are made up here with python-docx."""
import io

import docx
from docx.oxml import parse_xml

from pipeline import extract
from pipeline.read.docx_numbering import bullet, format_number
from pipeline.read.readers import read_docx

NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'

# The levels a Kế hoạch is numbered with: I. / 1. / a) / a dash, and a Symbol-font bullet.
PLAN_LEVELS = [("upperRoman", "%1."), ("decimal", "%2."), ("lowerLetter", "%3)"), ("bullet", "-"),
               ("bullet", "\uf0b7")]


def _lvl(ilvl, fmt, text, start=1, extra=""):
    return (f'<w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/>{extra}'
            f'<w:lvlText w:val="{text}"/></w:lvl>')


def _add_list(d, abstract_id, num_id, levels, overrides=""):
    """Add an abstractNum of `levels` [(numFmt, lvlText)] and a num `num_id` using it."""
    numbering = d.part.numbering_part.element
    lvls = "".join(_lvl(i, f, t) for i, (f, t) in enumerate(levels))
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="{abstract_id}">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="{num_id}"><w:abstractNumId w:val="{abstract_id}"/>'
                               f'{overrides}</w:num>'))


def _numbered(d, text, num_id, ilvl=0, style=None):
    p = d.add_paragraph(text, style=style)
    p._p.get_or_add_pPr().append(parse_xml(
        f'<w:numPr {NS}><w:ilvl w:val="{ilvl}"/><w:numId w:val="{num_id}"/></w:numPr>'))
    return p


def _lines(d):
    b = io.BytesIO()
    d.save(b)
    return [ln.text for ln in read_docx(b.getvalue()).pages[0].lines if ln.text]


PLAN = [  # (ilvl or None for an unnumbered paragraph, marker typed by hand, text)
    (None, "", "ỦY BAN NHÂN DÂN TỈNH AN GIANG"), (None, "", "Số: 15/KH-UBND"),
    (None, "", "KẾ HOẠCH"), (None, "", "Triển khai chuyển đổi số năm 2025"),
    (0, "I.", "MỤC ĐÍCH, YÊU CẦU"), (1, "1.", "Mục đích"),
    (None, "", "Nâng cao hiệu quả quản lý nhà nước trên địa bàn tỉnh."),
    (0, "II.", "NHIỆM VỤ VÀ GIẢI PHÁP"),
    (1, "1.", "Sở Thông tin và Truyền thông chủ trì triển khai nền tảng số."),
    (2, "a)", "Xây dựng kho dữ liệu dùng chung của tỉnh."),
    (3, "-", "Rà soát cơ sở dữ liệu của các sở, ngành."),
    (3, "-", "Hoàn thành trước ngày 30/6/2025."),
    (2, "b)", "Hướng dẫn các huyện kết nối hệ thống."),
    (1, "2.", "Sở Nội vụ phối hợp đánh giá kết quả thực hiện."),
    (4, "•", "Báo cáo Ủy ban nhân dân tỉnh hằng quý."),
    (0, "III.", "TỔ CHỨC THỰC HIỆN"),
    (1, "1.", "Các sở, ban, ngành triển khai Kế hoạch này."),
]


def _plan_docx(tmp_path, automatic):
    d = docx.Document()
    if automatic:
        _add_list(d, 90, 90, PLAN_LEVELS)
    for ilvl, marker, text in PLAN:
        if ilvl is None:
            d.add_paragraph(text)
        elif automatic:
            _numbered(d, text, 90, ilvl)
        else:
            d.add_paragraph(f"{marker} {text}")
    path = tmp_path / ("auto.docx" if automatic else "typed.docx")
    d.save(path)
    return path


def _tree(doc):
    return [(t.path, t.label, t.level, t.parent, t.kind, " ".join(t.text.split()[:3])) for t in doc.tasks]


def test_automatic_numbering_gives_the_task_tree_of_the_typed_markers(tmp_path):
    auto, typed = extract(_plan_docx(tmp_path, True)), extract(_plan_docx(tmp_path, False))
    assert auto.text == typed.text
    assert _tree(auto) == _tree(typed)
    assert [(t.path, t.label) for t in auto.tasks] == [
        ("1", "I."), ("1.1", "1."), ("2", "II."), ("2.1", "1."), ("2.1.1", "a)"), ("2.1.1.1", "-"),
        ("2.1.1.2", "-"), ("2.1.2", "b)"), ("2.2", "2."), ("2.2.1", "•"), ("3", "III."), ("3.1", "1.")]


def test_a_deeper_level_restarts_when_a_higher_level_advances():
    d = docx.Document()
    _add_list(d, 91, 91, PLAN_LEVELS)
    for ilvl, text in [(0, "Một"), (1, "Hai"), (1, "Ba"), (2, "Bốn"), (0, "Năm"), (1, "Sáu"), (2, "Bảy"),
                       (1, "Tám"), (2, "Chín")]:
        _numbered(d, text, 91, ilvl)
    assert _lines(d) == ["I. Một", "1. Hai", "2. Ba", "a) Bốn", "II. Năm", "1. Sáu", "a) Bảy", "2. Tám",
                         "a) Chín"]


def test_lvl_restart_zero_never_restarts_and_multilevel_text():
    d = docx.Document()
    numbering = d.part.numbering_part.element
    never = '<w:lvlRestart w:val="0"/>'
    lvls = _lvl(0, "decimal", "%1.") + _lvl(1, "decimal", "%1.%2.") + _lvl(2, "lowerLetter", "%3)", extra=never)
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="92">{lvls}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="92"><w:abstractNumId w:val="92"/></w:num>'))
    for ilvl, text in [(0, "A"), (1, "B"), (2, "C"), (1, "D"), (2, "E"), (0, "F"), (1, "G")]:
        _numbered(d, text, 92, ilvl)
    assert _lines(d) == ["1. A", "1.1. B", "a) C", "1.2. D", "b) E", "2. F", "2.1. G"]


def test_numbering_from_the_paragraph_style():
    # The template's "List Number" and "List Bullet" styles carry their numbering (w:style/w:pPr/w:numPr).
    d = docx.Document()
    d.add_paragraph("Các nhiệm vụ:")
    for text in ["Sở Y tế chủ trì.", "Sở Tài chính bố trí kinh phí."]:
        d.add_paragraph(text, style="List Number")
    d.add_paragraph("Sở Nội vụ theo dõi.", style="List Bullet")
    assert _lines(d) == ["Các nhiệm vụ:", "1. Sở Y tế chủ trì.", "2. Sở Tài chính bố trí kinh phí.",
                         "• Sở Nội vụ theo dõi."]


def test_style_numbering_through_based_on_and_the_level_named_by_pstyle():
    d = docx.Document()
    _add_list(d, 93, 93, [("upperRoman", "%1."), ("decimal", "%2.")])
    numbering = d.part.numbering_part.element
    lvl1 = numbering.xpath("./w:abstractNum[@w:abstractNumId='93']/w:lvl[@w:ilvl='1']")[0]
    lvl1.insert(0, parse_xml(f'<w:pStyle {NS} w:val="Muc"/>'))
    styles = d.styles.element
    styles.append(parse_xml(f'<w:style {NS} w:type="paragraph" w:styleId="Muc"><w:name w:val="Muc"/>'
                            '<w:pPr><w:numPr><w:numId w:val="93"/></w:numPr></w:pPr></w:style>'))
    styles.append(parse_xml(f'<w:style {NS} w:type="paragraph" w:styleId="MucCon"><w:name w:val="MucCon"/>'
                            '<w:basedOn w:val="Muc"/></w:style>'))
    _numbered(d, "Mục đích", 93, 0)
    d.add_paragraph("Rà soát", style="Muc")
    d.add_paragraph("Tổng hợp", style="MucCon")
    assert _lines(d) == ["I. Mục đích", "1. Rà soát", "2. Tổng hợp"]


def test_num_id_zero_means_no_numbering_even_under_a_numbered_style():
    d = docx.Document()
    d.add_paragraph("Sở Y tế chủ trì.", style="List Number")
    p = d.add_paragraph("Đoạn không đánh số.", style="List Number")
    p._p.get_or_add_pPr().append(parse_xml(f'<w:numPr {NS}><w:numId w:val="0"/></w:numPr>'))
    d.add_paragraph("Sở Nội vụ phối hợp.", style="List Number")
    assert _lines(d) == ["1. Sở Y tế chủ trì.", "Đoạn không đánh số.", "2. Sở Nội vụ phối hợp."]


def test_start_override_restarts_a_list_under_a_new_num():
    d = docx.Document()
    _add_list(d, 94, 94, [("decimal", "%1.")])
    d.part.numbering_part.element.append(parse_xml(
        f'<w:num {NS} w:numId="95"><w:abstractNumId w:val="94"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'))
    for num_id, text in [(94, "A"), (94, "B"), (95, "C"), (95, "D")]:
        _numbered(d, text, num_id)
    assert _lines(d) == ["1. A", "2. B", "1. C", "2. D"]


def _task_table(tmp_path, automatic):
    d = docx.Document()
    for text in ["Số: 16/KH-UBND", "KẾ HOẠCH", "Về kiểm tra công vụ"]:
        d.add_paragraph(text)
    _add_list(d, 96, 96, [("decimal", "%1.")])
    rows = [("Rà soát thủ tục hành chính", "Sở Tư pháp"), ("Báo cáo kết quả kiểm tra", "Sở Nội vụ")]
    t = d.add_table(rows=3, cols=3)
    for c, head in enumerate(["TT", "Nội dung", "Cơ quan chủ trì"]):
        t.cell(0, c).text = head
    for r, (task, organ) in enumerate(rows, 1):
        if automatic:   # the TT cell holds no text, only the numbering: Word prints "1.", "2."
            t.cell(r, 0).paragraphs[0]._p.get_or_add_pPr().append(
                parse_xml(f'<w:numPr {NS}><w:ilvl w:val="0"/><w:numId w:val="96"/></w:numPr>'))
        else:
            t.cell(r, 0).text = f"{r}."
        t.cell(r, 1).text, t.cell(r, 2).text = task, organ
    path = tmp_path / ("auto.docx" if automatic else "typed.docx")
    d.save(path)
    return path


def test_automatic_numbers_in_a_table_column(tmp_path):
    auto, typed = extract(_task_table(tmp_path, True)), extract(_task_table(tmp_path, False))
    assert auto.text == typed.text and "1." in auto.text
    assert _tree(auto) == _tree(typed) and len(auto.tasks) == 2


def test_an_empty_numbered_paragraph_counts_but_prints_no_lone_marker():
    d = docx.Document()
    _add_list(d, 97, 97, [("decimal", "%1.")])
    for text in ["Một", "", "Ba"]:
        _numbered(d, text, 97)
    assert _lines(d) == ["1. Một", "3. Ba"]


def test_odd_or_missing_numbering_reads_the_text():
    d = docx.Document()
    numbering = d.part.numbering_part.element
    numbering.append(parse_xml(f'<w:num {NS} w:numId="97"><w:abstractNumId w:val="404"/></w:num>'))
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="98"><w:lvl w:ilvl="0"/></w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="98"><w:abstractNumId w:val="98"/></w:num>'))
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="99">{_lvl(0, "decimal", "%1.")}'
                                  '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="99"><w:abstractNumId w:val="99"/></w:num>'))
    _numbered(d, "Không có định nghĩa.", 97)        # the abstractNum is missing
    _numbered(d, "Cấp không có chữ.", 98)           # a level with no lvlText
    _numbered(d, "Cấp không có.", 99, ilvl=5)       # a level the list does not define
    _numbered(d, "Số hỏng.", "x")                   # a numId that names no num
    _numbered(d, "Cấp hỏng.", 99, ilvl="z")         # a level that is not a number: level 0
    assert _lines(d) == ["Không có định nghĩa.", "Cấp không có chữ.", "Cấp không có.", "Số hỏng.", "1. Cấp hỏng."]


def test_a_document_without_a_numbering_part_reads_as_typed():
    d = docx.Document()
    d.add_paragraph("1. Sở Y tế chủ trì.", style="List Number")
    rels = d.part.rels
    for rid in [rid for rid, rel in rels.items() if rel.reltype.endswith("/numbering")]:
        del rels[rid]
    assert _lines(d) == ["1. Sở Y tế chủ trì."]


def test_format_number_and_bullets():
    assert [format_number(n, "upperRoman") for n in (1, 4, 9, 14, 40)] == ["I", "IV", "IX", "XIV", "XL"]
    assert [format_number(n, "lowerLetter") for n in (1, 26, 27, 28)] == ["a", "z", "aa", "bb"]
    assert format_number(3, "upperLetter") == "C" and format_number(7, "ordinalText") == "7"
    assert format_number(5, "none") == ""
    assert [bullet(c) for c in ("-", "+", "\uf0b7", "\uf0a7", "o", "–")] == ["-", "+", "•", "•", "•", "–"]


def test_a_level_override_legal_numbers_and_a_num_style_link():
    d = docx.Document()
    numbering = d.part.numbering_part.element
    legal = _lvl(1, "lowerLetter", "%1.%2.", extra='<w:isLgl/>')
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="80">'
                                  f'{_lvl(0, "upperRoman", "%1.")}{legal}</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    # num 81 overrides level 0 by a whole w:lvl: "Điều 1." instead of "I."
    numbering.append(parse_xml(f'<w:num {NS} w:numId="81"><w:abstractNumId w:val="80"/>'
                               f'<w:lvlOverride w:ilvl="0">{_lvl(0, "decimal", "Điều %1.")}</w:lvlOverride></w:num>'))
    # abstractNum 82 only links to the list style "KieuDanhSach", whose numbering is num 80
    numbering.insert(0, parse_xml(f'<w:abstractNum {NS} w:abstractNumId="82"><w:numStyleLink w:val="KieuDanhSach"/>'
                                  '</w:abstractNum>'))
    numbering.append(parse_xml(f'<w:num {NS} w:numId="82"><w:abstractNumId w:val="82"/></w:num>'))
    d.styles.element.append(parse_xml(f'<w:style {NS} w:type="numbering" w:styleId="KieuDanhSach">'
                                      '<w:name w:val="KieuDanhSach"/><w:pPr><w:numPr><w:numId w:val="80"/>'
                                      '</w:numPr></w:pPr></w:style>'))
    for num_id, ilvl, text in [(80, 0, "A"), (80, 1, "B"), (82, 1, "C"), (81, 0, "D")]:
        _numbered(d, text, num_id, ilvl)
    assert _lines(d) == ["I. A", "1.1. B", "1.2. C", "Điều 2. D"]
