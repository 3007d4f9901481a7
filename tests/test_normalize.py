import tomllib
import unicodedata

import pytest

from pipeline.read import RawDoc, RawLine, RawPage, normalization, read_text
from pipeline.read.normalization import (
    classify_line,
    is_ocr_debris,
    normalize,
    normalize_chars,
)
from pipeline.resources import models_dir

from .conftest import from_source

with open(models_dir() / "boilerplate.toml", "rb") as f:
    BOILERPLATE = tomllib.load(f)


@pytest.mark.parametrize("kind,line", [(k, ex) for k, v in BOILERPLATE.items() for ex in v["examples"]])
def test_boilerplate_examples(kind, line):
    assert classify_line(line) == kind


@pytest.mark.parametrize("line", [ex for v in BOILERPLATE.values() for ex in v["counter_examples"]])
def test_boilerplate_counter_examples(line):
    assert classify_line(line) is None


@pytest.mark.parametrize("raw,expected", [
    ("hoà bình", "hòa bình"), ("Thuỷ lợi", "Thủy lợi"), ("Uỷ ban", "Ủy ban"), ("khoẻ", "khỏe"),
    ("quý II", "quý II"), ("hoàn thành", "hoàn thành"), ("thuyền", "thuyền"), ("Ðảng", "Đảng"),
    (unicodedata.normalize("NFD", "Việt Nam"), "Việt Nam"), ("a\u00a0 b", "a b"), ("Quý 1\u20442015", "Quý 1/2015"),
])
def test_normalize_chars(raw, expected):
    assert normalize_chars(raw) == expected


def test_text_is_nfc_and_maps_back_to_source():
    raw = unicodedata.normalize("NFD", "**Uỷ ban nhân dân**\ntỉnh Tiền\nGiang\n\n1. Sở Nội vụ chủ trì.")
    doc = normalize(read_text(raw))
    assert unicodedata.is_normalized("NFC", doc.text)
    assert doc.text.startswith("Ủy ban nhân dân tỉnh Tiền Giang\n1. Sở Nội vụ")
    # every character of text maps to a source offset holding the same base letter
    for i, ch in enumerate(doc.text):
        if ch.isalpha():
            r = doc.source_map.raw_offset(i)
            src = unicodedata.normalize("NFD", raw[r])[0].lower()
            assert src == unicodedata.normalize("NFD", ch)[0].lower().replace("đ", "đ")


def test_broken_lines_are_joined_and_markers_split():
    raw = ("Thực hiện Nghị quyết số\n57-NQ/TW của Bộ Chính trị về phát triển kinh tế\n- xã hội, như sau:\n"
           "1. Tổ chức quán triệt.\n- Tuyên truyền rộng rãi.")
    doc = normalize(read_text(raw))
    lines = doc.text.split("\n")
    assert lines[0].startswith("Thực hiện Nghị quyết số 57-NQ/TW") and "kinh tế - xã hội" in lines[0]
    assert lines[1] == "1. Tổ chức quán triệt." and lines[2] == "- Tuyên truyền rộng rãi."


def test_page_numbers_and_signature_stamps_are_set_aside():
    raw = "Người ký: CỔNG THÔNG TIN\nSố: 12/CT-UBND\n2\nNội dung"
    doc = normalize(read_text(raw))
    assert "Người ký" not in doc.text and "\n2\n" not in doc.text
    assert {k for k, _, _ in doc.set_aside} == {"signature_stamp", "page_number"}


def test_tables_become_rows_with_cells():
    raw = "| TT | Nội dung | Cơ quan chủ trì |\n|---|---|---|\n| 1 | Rà soát | Sở Nội vụ |\n"
    doc = normalize(read_text(raw, fmt="md"))
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert len(rows) == 2
    assert [doc.text[s:e] for s, e in rows[1].cells] == ["1", "Rà soát", "Sở Nội vụ"]


def test_vertical_tables_end_when_the_row_is_full():
    raw = "|\nA\n|\nB\n|\n|\nC\n|\nD\n|\nKẾ HOẠCH\nNội dung"
    doc = normalize(read_text(raw))
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert len(rows) == 2
    assert doc.text.split("\n")[-2:] == ["KẾ HOẠCH", "Nội dung"]


def test_a_pipe_table_row_ends_the_vertical_table_open_above_it():
    # a scraped page's metadata in a vertical table, then the document's header set as a markdown table: its row is no
    # line of the last cell, and the body after it is text, not a cell
    raw = ("|\n**Số hiệu:**\n|\n12/QĐ-UBND\n|\n|\n**Người ký:**\n|\nNguyễn Văn An\n"
           "| **ỦY BAN NHÂN DÂN TỈNH BẮC NINH** | **CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** |\n"
           "**QUYẾT ĐỊNH**\nĐiều 1. Phê duyệt quy trình.\n")
    doc = normalize(read_text(raw, fmt="md"))
    rows = [[doc.text[s:e] for s, e in b.cells] for b in doc.blocks if b.kind == "row"]
    assert rows[-1] == ["ỦY BAN NHÂN DÂN TỈNH BẮC NINH", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert rows[0] == ["Số hiệu:", "12/QĐ-UBND"] and rows[-2][-1] == "Nguyễn Văn An"
    paragraphs = [doc.text[b.span[0]:b.span[1]] for b in doc.blocks if b.kind == "para"]
    assert paragraphs[-2:] == ["QUYẾT ĐỊNH", "Điều 1. Phê duyệt quy trình."]


def test_a_type_name_wrapped_below_the_header_table_ends_it():
    # `**QUYẾT` / `ĐỊNH**` after the header table's closing pipe: the type name (ô 5a) is below the table, never in it
    # (a scraped page's metadata of four cells a row runs on into the header's rows of two: no row is full there)
    raw = ("|\n**Số hiệu:**\n|\n12/QĐ-UBND\n|\n**Loại văn bản:**\n|\nQuyết định\n|\n|\n**ỦY BAN NHÂN DÂN**\n|\n"
           "**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n|\n|\nSố: 12/QĐ-UBND\n|\n"
           "*Hà Tĩnh, ngày 1 tháng 12 năm 2025*\n|\n**QUYẾT\nĐỊNH**\nCÔNG BỐ DANH MỤC\nĐiều 1. Công bố danh mục.\n")
    doc = normalize(read_text(raw, fmt="md"))
    assert [b.kind for b in doc.blocks][-2:] == ["para", "para"]
    assert doc.text.split("\n")[-1] == "Điều 1. Công bố danh mục."


def test_the_recipients_and_signature_row_ends_after_its_two_cells():
    # a scrape with no blank lines: `Nơi nhận` | the signature, then the annex's heading right after the row's closing
    # pipe; the annex is no third cell (also with the empty paragraph above the recipients in a non-breaking space)
    raw = ("Điều 3. Quyết định này có hiệu lực kể từ ngày ký./.\n|\n* *\n*Nơi nhận:*\n- Như Điều 3;\n- Lưu: VT.\n|\n"
           "**KT. CHỦ TỊCH**\nPHÓ CHỦ TỊCH\n**Nguyễn Văn An**\n|\n**PHỤ LỤC**\nQUY TRÌNH NỘI BỘ\n"
           "*(Kèm theo Quyết định số 12/QĐ-UBND)*\n|\n**STT**\n|\n**Nội dung**\n|\n|\n1\n|\nTiếp nhận hồ sơ\n|\n")
    for empty in ("* *", "*\u00a0*"):
        doc = normalize(read_text(raw.replace("* *", empty), fmt="md"))
        rows = [[doc.text[s:e].strip() for s, e in b.cells] for b in doc.blocks if b.kind == "row"]
        assert rows[0][-1] == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An" and len(rows[0]) == 2
        assert rows[1:] == [["STT", "Nội dung"], ["1", "Tiếp nhận hồ sơ"]]
        assert any(doc.text[b.span[0]:b.span[1]].startswith("PHỤ LỤC") for b in doc.blocks if b.kind == "para")


def test_an_empty_paragraph_after_a_cells_text_ends_a_table_whose_last_pipe_was_lost():
    # the last row (`Tổng số ...`) lost its closing pipe; `** **` below it is the page's empty paragraph, and the annex
    # after it is no cell.  `**` alone (an emphasis opened on its own line) is no empty paragraph.
    raw = ("|\n**STT**\n|\n**Tên TTHC**\n|\n|\n1\n|\nCấp giấy phép\n|\n|\n**Tổng số TTHC: 1**\n** **\n**PHỤ LỤC 2**\n"
           "QUY TRÌNH NỘI BỘ\n")
    doc = normalize(read_text(raw, fmt="md"))
    paragraphs = [doc.text[b.span[0]:b.span[1]] for b in doc.blocks if b.kind == "para"]
    assert paragraphs and paragraphs[-1].startswith("PHỤ LỤC 2")
    doc = normalize(read_text("|\n**Số hiệu:**\n**\nTHƯ VIỆN**\n|\n12/QĐ-UBND\n|\n", fmt="md"))
    assert [b.kind for b in doc.blocks] == ["row"]


def test_a_bare_page_number_before_the_gazettes_running_header_in_a_cell_is_set_aside():
    # a gazette's page break inside a row: the page's number, its running header, then the row's own number
    raw = ("|\n**STT**\n|\n**Nhiệm vụ**\n|\n|\n1\n|\nXây dựng Luật Chuyển đổi số\n|\n|\n23\n"
           "CÔNG BÁO/Số 304 + 305/Ngày 20-04-2025\n2\n|\nXây dựng Luật An ninh dữ liệu\n|\n")
    doc = normalize(read_text(raw, fmt="md"))
    rows = [[doc.text[s:e] for s, e in b.cells] for b in doc.blocks if b.kind == "row"]
    assert rows[-1] == ["2", "Xây dựng Luật An ninh dữ liệu"]
    assert {("page_number", "23"), ("running_header", "CÔNG BÁO/Số 304 + 305/Ngày 20-04-2025")} <= {
        (k, t.strip()) for k, _, t in doc.set_aside}


def test_a_page_break_between_a_vertical_tables_pipes_leaves_its_rows_as_they_are():
    # the page's number and the gazette's running header between a row's closing pipe and the next row's opening one,
    # and between the signature row's opening pipe and its recipients: no cell's text, and the pipes keep their meaning
    header = "CÔNG BÁO/Số 304 + 305/Ngày 20-04-2025"
    raw = ("|\n**STT**\n|\n**Nhiệm vụ**\n|\n**Thời gian**\n|\n|\n1\n|\nRà soát\n|\nNăm 2025-2030\n|\n42\n" + header +
           "\n|\n**IV**\n|\n**Phát triển hạ tầng số**\n|\n|\n2\n|\nXây dựng\n|\nNăm 2026\n|\n\n"
           "Điều 4. Quyết định này có hiệu lực./.\n|\n- 5 -\n" + header + "\n* *\n*Nơi nhận:*\n- Như Điều 4;\n|\n"
           "**KT. CHỦ TỊCH**\n**Nguyễn Văn An**\n|\n**PHỤ LỤC**\n")
    doc = normalize(read_text(raw, fmt="md"))
    rows = [[doc.text[s:e].strip() for s, e in b.cells] for b in doc.blocks if b.kind == "row"]
    assert rows[:4] == [["STT", "Nhiệm vụ", "Thời gian"], ["1", "Rà soát", "Năm 2025-2030"],
                        ["IV", "Phát triển hạ tầng số"], ["2", "Xây dựng", "Năm 2026"]]
    assert rows[4][0].startswith("Nơi nhận") and len(rows[4]) == 2
    assert doc.text.endswith("\nPHỤ LỤC")
    assert {"42", "- 5 -", header} <= {t.strip() for _, _, t in doc.set_aside}


def test_a_rows_number_before_the_pages_number_and_header_stays_the_rows():
    # the page broke right after the row's number: `1` / `Trang 18/20` / the running header / `|` / the task
    raw = ("|\n**STT**\n|\n**Nhiệm vụ**\n|\n|\n1\nTrang 18/20\nCÔNG BÁO/Số 785/Ngày 12-03-2025\n|\n"
           "Triển khai công nghệ cao\n|\n|\n2\n|\nHướng dẫn hợp tác xã\n|\n")
    doc = normalize(read_text(raw, fmt="md"))
    rows = [[doc.text[s:e].strip() for s, e in b.cells] for b in doc.blocks if b.kind == "row"]
    assert rows == [["STT", "Nhiệm vụ"], ["1", "Triển khai công nghệ cao"], ["2", "Hướng dẫn hợp tác xã"]]


def test_a_letter_marker_alone_on_its_line_joins_its_text_as_a_number_does():
    # `**d**.` / text (markdown emphasis around the letter, the period after it), and `d.` / blank line / text
    before = "c. Lợi ích: Rút ngắn thời gian\nkhi giải quyết TTHC.\n\n"
    for raw in (before + "**d**.\nKiến nghị thực thi: Sửa đổi\nquyết định.\n",
                before + "d.\n\nKiến nghị thực thi: Sửa đổi\nquyết định.\n"):
        doc = normalize(read_text(raw, fmt="md"))
        assert [doc.text[b.span[0]:b.span[1]] for b in doc.blocks] == [
            "c. Lợi ích: Rút ngắn thời gian khi giải quyết TTHC.", "d. Kiến nghị thực thi: Sửa đổi quyết định."]


def test_a_vertical_table_ends_at_a_blank_line_after_a_row_of_empty_cells():
    # a scraped page's table whose last row has only empty cells (`|` / `|` / ... / blank line), then a note and an
    # annex's heading with no blank line between them (a copy that lost paragraph spacing): neither is a cell
    raw = ("|\n**STT**\n|\n**Tỉnh**\n|\n|\n1\n|\nHà Nam\n|\n|\n|\n|\n\n*(*) Tổng diện tích nhiễm*\n** **\n"
           "**Phụ lục 11**\n**Quyết định công bố dịch**\n")
    doc = normalize(read_text(raw, fmt="md"))
    rows = [doc.text[b.span[0]:b.span[1]] for b in doc.blocks if b.kind == "row"]
    assert rows == ["STT | Tỉnh", "1 | Hà Nam"]
    paragraphs = [doc.text[b.span[0]:b.span[1]] for b in doc.blocks if b.kind == "para"]
    assert paragraphs[-1].startswith("Phụ lục 11")


def test_a_one_row_table_ends_at_the_empty_paragraph_a_scraped_page_prints_below_it():
    # the signature's row (`Nơi nhận` | signer), its closing pipe, `** **` and the annex: the annex is no cell
    raw = ("|\nNơi nhận:\n- Như Điều 3;\n|\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An\n|\n** **\n**PHỤ LỤC**\n"
           "DANH MỤC NHIỆM VỤ\n**A. NHIỆM VỤ CHUNG**\n|\n**STT**\n|\n**Nội dung**\n|\n|\n1\n|\nRà soát\n|\n")
    for empty in ("** **", "**\u00a0**"):      # (a non-breaking space between the stars: the same paragraph)
        doc = normalize(read_text(raw.replace("** **", empty), fmt="md"))
        rows = [b for b in doc.blocks if b.kind == "row"]
        assert [doc.text[s:e] for s, e in rows[0].cells][-1] == "KT. CHỦ TỊCH PHÓ CHỦ TỊCH Nguyễn Văn An"
        paragraphs = [doc.text[b.span[0]:b.span[1]] for b in doc.blocks if b.kind != "row"]
        assert "PHỤ LỤC" in paragraphs[0] and any(p.startswith("A. NHIỆM VỤ CHUNG") for p in paragraphs)
    # a cell that opens with an empty emphasis in a table of several rows stays a cell
    raw = "|\nA\n|\nB\n|\n|\nC\n|\n** **\nD\n|\n"
    rows = [b for b in normalize(read_text(raw, fmt="md")).blocks if b.kind == "row"]
    assert len(rows) == 2


def test_a_page_number_printed_inside_a_table_cell_is_set_aside_but_a_row_number_stays():
    # a page break in the middle of a table (a PDF's text layer, a gazette's copy): `- 5 -` inside a cell is the page's
    # number; a bare `1` in a cell is the row's
    raw = "|\n**STT**\n|\n**Tên thủ tục**\n|\n|\n1\n|\nCấp giấy phép\n- 5 -\nhoạt động\n|\n|\n2\n|\nGia hạn\n|\n"
    doc = normalize(read_text(raw, fmt="md"))
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert [doc.text[s:e] for s, e in rows[1].cells] == ["1", "Cấp giấy phép hoạt động"]
    assert ("page_number", "- 5 -") in {(k, t.strip()) for k, _, t in doc.set_aside}


def test_a_bare_page_number_a_cells_text_goes_on_after_is_set_aside():
    """A page break that leaves its bare number inside a cell, the cell's text going on after it with a capital, a
    bullet or the empty paragraph of a scraped page (`|` / `7` / `Nơi nhận:`, `4` / `** **` / `**PHỤ LỤC**`): the
    page's number, and the signature row still opens with its recipients.  A figure whose cell goes on in lower case
    (`03` / `ngày làm việc`), or with another figure (`**10**` / `**02**`), and a row's own number stay."""
    raw = ("|\n**STT**\n|\n**Thời hạn**\n|\n|\n1\n|\n03\nngày làm việc\n|\n|\n2\n|\n**10**\n**02**\n|\n\n"
           "Điều 3. Quyết định này có hiệu lực./.\n\n|\n7\nNơi nhận:\n- Như Điều 3;\n- Lưu: VT.\n|\n"
           "**KT. CHỦ TỊCH**\n**Nguyễn Văn An**\n|\n\n|\n4\n** **\n**PHỤ LỤC**\n|\n")
    doc = normalize(read_text(raw, fmt="md"))
    rows = [[doc.text[s:e].strip() for s, e in b.cells] for b in doc.blocks if b.kind == "row"]
    assert rows[1] == ["1", "03 ngày làm việc"] and rows[2] == ["2", "10 02"]
    assert any(r[0].startswith("Nơi nhận:") for r in rows)
    assert any(r[0] == "PHỤ LỤC" for r in rows)
    assert {("page_number", "7"), ("page_number", "4")} <= {(k, t.strip()) for k, _, t in doc.set_aside}


def test_multi_page_running_headers_removed():
    pages = [RawPage(i, [RawLine("BÁO CÁO NỘI BỘ"), RawLine(f"Nội dung trang {i}."), RawLine(str(i))])
             for i in (1, 2, 3)]
    doc = normalize(RawDoc("x.pdf", "pdf", pages))
    assert "BÁO CÁO NỘI BỘ" not in doc.text
    assert [p.span for p in doc.source.page_info][1][0] > 0
    assert doc.page_of(doc.text.index("trang 3")) == 3


@pytest.mark.parametrize("line,debris", [
    ("D ^ _ấ,/ | : ¬ nà Ko + x _- _ ⁄ L2 2.", True), ("° F4 ˆ ¬", True),
    ("a)", False), ("./.", False), ("---------", False), ("Số: ……/……", False), ("1 …………………………", False),
    ("| Đơn vị | — | — | 2 |", False), ("(b/c);", False), ("12/5/2024", False), ("Nơi nhận:", False),
    ("- Lưu: VT, NC(2).", False), ("x = 2 + 3", False)])
def test_ocr_debris_is_set_aside_but_forms_markers_and_tables_are_text(line, debris):
    assert is_ocr_debris(line) is debris


def test_site_tail_sets_the_rest_of_the_page_aside_only_after_the_document():
    doc_text = "CHỈ THỊ\nVề chuyển đổi số\n" + "1. Sở Thông tin và Truyền thông chủ trì triển khai nền tảng số.\n" * 20
    raw = read_text("Văn bản liên quan\n" + doc_text
                    + "## Văn bản liên quan\n- Bạn vừa bị Đăng xuất khỏi Tài khoản.\nHỗ trợ: 0906\n")
    doc = normalize(raw)
    assert doc.text.startswith("CHỈ THỊ")                      # a tail line at the top is only itself
    assert "Đăng xuất" not in doc.text and "Hỗ trợ" not in doc.text
    assert any(k == "site_tail" and "Đăng xuất" in t for k, _, t in doc.set_aside)


def test_lost_bullets_with_two_spaces_count_only_as_stragglers():
    flush = [f"Đoạn văn thứ {k} của chỉ thị." for k in range(30)]      # most lines start flush left
    doc_lines = ["CHỈ THỊ", "Về việc thử"] + flush + [f" Nhiệm vụ số {k} của các sở." for k in range(6)] + \
                ["  Kết quả thực hiện là nội dung đánh giá."]
    doc = normalize(read_text("\n".join(doc_lines)))
    lost = [b for b in doc.blocks if "lost_bullet" in b.style]
    assert len(lost) == 7
    table_like = ["KẾ HOẠCH", "Về việc thử"] + flush + [" Quán triệt quy định.", " Triển khai văn bản."] + \
                 ["  Trước", "20/6", "  Đ/c Nguyễn Văn A, Trưởng ban.", "  Tháng 1", "  Cả năm"]
    doc = normalize(read_text("\n".join(table_like)))
    assert len([b for b in doc.blocks if "lost_bullet" in b.style]) == 2


def test_a_law_article_cited_at_a_line_start_does_not_break_the_paragraph():
    doc = normalize(read_text("V/v hướng dẫn áp dụng quy định tại\nĐiều 162 Luật Doanh nghiệp 2014\n\n"
                              "Điều 1. Phạm vi điều chỉnh\n"))
    paras = [doc.text[b.span[0]:b.span[1]] for b in doc.blocks]
    assert paras == ["V/v hướng dẫn áp dụng quy định tại Điều 162 Luật Doanh nghiệp 2014", "Điều 1. Phạm vi điều chỉnh"]


def test_cyrillic_lookalikes_inside_latin_words_are_mapped_back():
    from pipeline.read.normalization import normalize_chars
    # made up: a Cyrillic і in Điều, с in chung, І in a Roman numeral; a Russian word is left alone
    assert normalize_chars("Ðіều 2 Vụ Các vấn đề сhung Quý ІІI Москва") == "Điều 2 Vụ Các vấn đề chung Quý III Москва"


def test_related_news_links_after_their_heading_are_no_part_of_the_article():
    # A news page's `Tin liên quan` heading alone on its line opens the page's tail: the links under it
    # are set aside, so they become neither text nor tasks; `Tin liên quan đến ...` is a sentence.
    from pipeline import extract

    para = ("Sở Y tế chủ trì, phối hợp với các cơ quan liên quan triển khai các biện pháp phòng, chống dịch "
            "trên địa bàn tỉnh, bảo đảm an toàn cho người dân. ") * 3
    article = "Bắc Giang triển khai Chỉ thị số 24-CT/TU\n\n" + (para + "\n\n") * 3
    links = "- Bắc Giang tăng cường phòng chống dịch sốt xuất huyết\n- Hà Nội triển khai tiêm chủng\n"
    for heading in ("Tin liên quan", "TIN LIÊN QUAN:", "Các tin khác"):
        doc = extract(article + heading + "\n\n" + links)
        assert doc.tasks == [] and "Hà Nội triển khai" not in doc.text, heading
    kept = extract(article + "Tin liên quan đến dịch bệnh được cập nhật hằng ngày.\n\n" + links)
    assert "Hà Nội triển khai" in kept.text


def test_a_body_opener_at_a_line_start_opens_a_paragraph():
    # with no blank lines, `Thực hiện ...`, `Xét đề nghị ...` (capitalized) open a paragraph: a heading or
    # a title line above them is not continued by them
    text = ("KẾ HOẠCH\nTriển khai phần mềm quản lý đoàn viên\nnăm 2023\nThực hiện chương trình công tác năm 2023,"
            " Ban Bí thư ban hành Kế hoạch.\n1. Việc bầu cử trong Đảng\nThực hiện theo quy định của Ban Chấp hành.\n")
    doc = normalize(read_text(text, "x.txt"))
    assert "năm 2023\nThực hiện chương trình" in doc.text and "trong Đảng\nThực hiện theo" in doc.text


def test_many_lost_bullets_under_items_numbered_flush_left():
    # a PDF that lost its bullet glyphs under every item: a third of its lines keep the glyph's space,
    # while its numbered items start flush left and the bullets read as a list (`:` before, `;` between);
    # a web copy that indents every paragraph, its numbered items too, has no lost bullets
    items = []
    for k in range(1, 6):
        items += [f"{k}. Nhiệm vụ thứ {k} của các sở:", " Tuyên truyền các chủ trương, chính sách",
                  "của Đảng và Nhà nước về đô thị;", " Tổ chức hội thi trực tuyến."]
    doc = normalize(read_text("\n".join(["HƯỚNG DẪN", "Về việc thử"] + items)))
    assert len([b for b in doc.blocks if "lost_bullet" in b.style]) == 10
    web = ["HƯỚNG DẪN", "Về việc thử"] + [" " + x.lstrip() if x[0].isdigit() else x for x in items]
    doc = normalize(read_text("\n".join(web)))
    assert not [b for b in doc.blocks if "lost_bullet" in b.style]


def test_indented_paragraphs_under_items_numbered_flush_left_are_no_bullets():
    # a copy whose paragraph style indents the first line of each paragraph, not its numbered headings:
    # its paragraphs close sentences, no list of items
    text = ("KẾ HOẠCH\nVề việc thử\n1. Mục đích, yêu cầu\n Nâng cao nhận thức của cán bộ về phòng chống thiên "
            "tai.\n Bảo đảm an toàn cho người dân trong mùa mưa bão.\n2. Nhiệm vụ\n Sở Nông nghiệp chủ trì thực "
            "hiện kế hoạch.\n Sở Tài chính bố trí kinh phí thực hiện.\n3. Tổ chức thực hiện\n Các sở, ngành "
            "triển khai thực hiện.\n Trong quá trình thực hiện, nếu có vướng mắc báo cáo UBND tỉnh.\n")
    assert not [b for b in normalize(read_text(text)).blocks if "lost_bullet" in b.style]


class _Every:
    """A set that holds everything: every line read by `set_aside_kind`."""

    def __contains__(self, _: object) -> bool:
        return True


def test_lines_ruled_out_as_furniture_are_set_aside_as_when_every_line_is_read():
    # `furniture_lines` spares `set_aside_kind` most lines: the document must come out as when every
    # line is read (page numbers, signature stamps, site lines dressed in emphasis, running headers,
    # a site's tail, a line in NFD, a Cyrillic look-alike)
    raw = ("CHỈ THỊ\nVề việc tăng cường\n**Người ký: Nguyễn Văn A**\n- 2 -\n  Trang 3/5  \n1. Sở Y tế chủ trì.\n"
           "Chia sẻ\nCHINHPHU.VNThời gian ký: 10.04.2025 18:36:06\nC\u043e quan: VĂN PHÒNG\n"
           + unicodedata.normalize("NFD", "Người ký: Trần Thị B") + "\n__Email: a@b.vn__\n"
           + "Thực hiện nghiêm túc Chỉ thị này. " * 40 + "\n\fCÔNG BÁO/Số 45/Ngày 05-01-2024\n2\nNội dung\n"
           "\fCÔNG BÁO/Số 45/Ngày 05-01-2024\n3\nVăn bản liên quan\nTin khác\n")
    # (from source: a compiled `_Normalizer` holds a set in `aside`, and reads it as one)
    normalizer = from_source(normalization)._Normalizer
    n = normalizer(read_text(raw))
    assert [ln for page in n.raw.pages for ln in page.lines if id(ln) not in n.aside and ln.text.startswith("Thực")]
    every = normalizer(read_text(raw))
    every.aside = _Every()
    n.read_pages()
    every.read_pages()
    a, b = n.document(), every.document()
    assert (a.text, a.set_aside, a.blocks) == (b.text, b.set_aside, b.blocks)
    assert {k for k, _, _ in a.set_aside} >= {"page_number", "signature_stamp", "site", "running_header"}


def test_raw_line_init_is_the_dataclass_one():
    """`RawLine.__init__` is written out (compiled, a generated one runs interpreted): it takes the fields in
    their order, with their defaults, by position or keyword, as the dataclass's would."""
    import dataclasses
    import inspect

    from pipeline.read import layout

    src = from_source(layout)
    fields = dataclasses.fields(src.RawLine)
    params = list(inspect.signature(src.RawLine.__init__).parameters.values())[1:]
    assert [p.name for p in params] == [f.name for f in fields]
    assert [p.default for p in params] == [inspect.Parameter.empty] + [f.default for f in fields[1:]]
    args = ("t", 4, (1.0, 2.0, 3.0, 4.0), [layout.RawWord("t", (1.0, 2.0, 3.0, 4.0))], (0, 1, 2),
            frozenset({"bold"}), "left", ((0, 1),))
    for cls in (RawLine, src.RawLine):
        ln = cls(*args)
        assert tuple(getattr(ln, f.name) for f in fields) == args
        assert ln == cls(**{f.name: a for f, a in zip(fields, args, strict=True)})
        assert cls("x") == cls("x", 0, None, (), None, frozenset(), None, None)
        assert repr(cls("x", 3)).startswith("RawLine(text='x', raw_offset=3, bbox=None")


def test_br_and_decoration_lines_end_a_paragraph_and_a_less_than_sign_does_not():
    """A line that is only `<br>` (or dashes) is decoration: it ends the paragraph; a line that holds a `<` in
    its words (`Tỷ lệ < 5%`) is a line of text, joined to the paragraph it continues."""
    doc = normalize(read_text("Các sở, ngành triển khai\n<br>\nthực hiện kế hoạch năm 2025\n-----\nsau đó"))
    assert doc.text == "Các sở, ngành triển khai\nthực hiện kế hoạch năm 2025\nsau đó"
    doc = normalize(read_text("Các sở, ngành giữ tỷ lệ hộ nghèo\n< 5% và tỷ lệ <b không đổi\ntrong năm"))
    assert doc.text == "Các sở, ngành giữ tỷ lệ hộ nghèo < 5% và tỷ lệ <b không đổi trong năm"


def test_normalize_chars_collapses_runs_of_spaces():
    assert normalize_chars("Sở  Y   tế  tỉnh") == "Sở Y tế tỉnh"
    assert normalize_chars("Ban Văn hoá - Xã hội") == "Ban Văn hóa - Xã hội"
