"""Markdown read as markdown (`pipeline.read.markdown`): a CommonMark parser says what is markup.
Made-up lines, one per construction scraped pages print."""
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.read import normalize, read_text
from pipeline.read.layout import CONTINUED
from pipeline.read.markdown import markup_drops, read_markdown
from pipeline.read.readers import read_bytes


def _text(md: str) -> str:
    return normalize(read_markdown(md, "x.md")).text


@pytest.mark.parametrize("md,text", [
    ("**1. **Nội dung thứ nhất", "1. Nội dung thứ nhất"),                 # emphasis broken by a space
    ("** 2.1. **Nội dung thứ hai", "2.1. Nội dung thứ hai"),
    ("**3**.\nNội dung thứ ba", "3. Nội dung thứ ba"),                      # the number alone, emphasised
    ("*a)* Nội dung", "a) Nội dung"),
    ("**II. TỔ CHỨC THỰC HIỆN**", "II. TỔ CHỨC THỰC HIỆN"),
    ("*Nơi nhận:*\n- Như trên;", "Nơi nhận:\n- Như trên;"),
    ("_Nơi nhận:_", "Nơi nhận:"),                                            # underscores are emphasis too
    ("1\\. Số thứ tự in sẵn", "1. Số thứ tự in sẵn"),                        # an escape: its character stays
    ("Tỷ lệ = b/a \\* 100%", "Tỷ lệ = b/a * 100%"),
    ("Tỷ lệ = b/a * 100%; ghi chú (*)", "Tỷ lệ = b/a * 100%; ghi chú (*)"),  # a sign and a footnote mark
    ("`mã *số*` giữ nguyên", "`mã *số*` giữ nguyên"),                        # a code span is as printed
])
def test_markup_the_parser_finds_is_dropped_and_nothing_else(md, text):
    assert _text(md) == text


def test_list_markers_stay_as_printed_even_where_commonmark_renumbers():
    # CommonMark reads `3.` `7.` as one ordered list (and would print 3. 4.), `*` and `+` as bullets
    assert _text("3. Ba\n7. Bảy\n\n* Sao\n+ Cộng\n- Gạch") == "3. Ba\n7. Bảy\n* Sao\n+ Cộng\n- Gạch"


def test_a_bullet_before_a_non_breaking_space_stays_a_bullet():
    # `*\u00a0Công bố ...` (an exporter's list glyph and the space it prints after it): a bullet, not a star of
    # broken emphasis
    assert _text("k) Yêu cầu:\n\n*\u00a0Công bố dịch hại;\n+\u00a0Khi phát hiện.") == \
        "k) Yêu cầu:\n* Công bố dịch hại;\n+ Khi phát hiện."


def test_an_italic_opened_with_a_space_is_no_bullet():
    assert _text("* (Ban hành kèm theo Kế hoạch số 12/KH-UBND)*") == "(Ban hành kèm theo Kế hoạch số 12/KH-UBND)"


def test_a_bold_heading_wrapped_over_two_lines_is_one_paragraph():
    md = "**II. NỘI DUNG\nKẾ HOẠCH**\n\n1. Sở Nội vụ chủ trì."
    assert _text(md).split("\n") == ["II. NỘI DUNG KẾ HOẠCH", "1. Sở Nội vụ chủ trì."]


def test_a_bold_heading_wrapped_over_whole_lines_ends_its_paragraph_without_a_blank_line_after_it():
    # `**Điều 3. Tổ` / `chức thực hiện**` / `Chánh Văn phòng ...`: the heading is bold from end to end over its two
    # lines, so the line after it opens a paragraph, as after a heading bold on one line; a bold phrase that opens
    # inside a line is no heading, and the sentence goes on
    md = "**Điều 3. Tổ\nchức thực hiện**\nChánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành."
    assert _text(md).split("\n") == ["Điều 3. Tổ chức thực hiện",
                                     "Chánh Văn phòng Ủy ban nhân dân tỉnh chịu trách nhiệm thi hành."]
    md = "Các đơn vị **phải báo cáo\ntrước ngày 15/6**\nSở Y tế tổng hợp."
    assert _text(md) == "Các đơn vị phải báo cáo trước ngày 15/6 Sở Y tế tổng hợp."


def test_the_lines_inside_an_emphasis_wrapped_over_three_lines_continue_it_and_over_four_not():
    # a heading printed over three lines is one phrase; delimiters four lines apart are a scrape's strays
    def continued(md: str) -> list[bool]:
        return [CONTINUED in ln.style for page in read_markdown(md).pages for ln in page.lines if ln.text]
    assert continued("**II. NỘI DUNG\nKẾ HOẠCH\nTHỰC HIỆN**\n\nSau đó.") == [False, True, True, False]
    assert continued("**II. NỘI DUNG\nKẾ HOẠCH\nTHỰC HIỆN\nNĂM 2025**\n\nSau đó.") == [False] * 5
    assert continued("Đầu *một\nhai* cuối") == [False, True]


def test_a_separator_line_ends_the_paragraph_and_leaves_no_text():
    assert _text("Đoạn một.\n\n* *\n\nĐoạn hai.") == "Đoạn một.\nĐoạn hai."


def test_pipe_tables_become_rows_with_cells_without_their_emphasis():
    doc = normalize(read_markdown("| TT | **Nội dung** |\n|---|---|\n| 1 | *Rà soát* văn bản |\n", "x.md"))
    rows = [b for b in doc.blocks if b.kind == "row"]
    assert [[doc.text[s:e] for s, e in r.cells] for r in rows] == [["TT", "Nội dung"], ["1", "Rà soát văn bản"]]


def test_every_character_maps_back_to_the_same_character_of_the_source():
    md = "**1. **Nội dung *một* \\* hai\n\n| A | **B** |\n|---|---|\n| x | *y* |\n\n_Nơi nhận:_"
    doc = normalize(read_markdown(md, "x.md"))
    for i, ch in enumerate(doc.text):
        if ch not in " \n|":
            assert md[doc.source_map.raw_offset(i)] == ch


def test_markdown_files_are_read_by_the_parser():
    raw = read_bytes("**1. **Nội dung (*)\n".encode(), "trang.md")
    assert raw.format == "md" and raw.pages[0].lines[0].drops == ((0, 2), (5, 7))
    assert normalize(raw).text == "1. Nội dung (*)"


def test_a_star_between_brackets_stays_a_footnote_mark_even_where_it_could_close_an_emphasis():
    assert _text("Thu tiền sử dụng đất (*) và tiền thuê đất (*) năm 2025") == \
        "Thu tiền sử dụng đất (*) và tiền thuê đất (*) năm 2025"


def test_the_parsers_source_map_is_checked_where_it_is_wrong_far_into_a_page():
    # far into a page the parser maps an emphasis closed inside `**** **`, and a text ending before a
    # space and a line break, to bytes past the page's end; the text is read right all the same
    before = "".join(f"Đoạn văn thứ {i} của trang, có đủ chữ để đẩy các mục sau ra xa.\n\n" for i in range(80))
    md = before + ("**Mục 1.\nNẾP SỐNG VĂN MINH**** **\n\n1. Kiểm tra việc tổ chức \nlấy ý kiến cử tri *nơi cư trú*.\n"
                   "* Thời gian thực hiện: từ ngày 17/12.")
    doc = normalize(read_markdown(md, "x.md"))
    assert doc.text.split("\n")[-3:] == ["Mục 1. NẾP SỐNG VĂN MINH",
                                         "1. Kiểm tra việc tổ chức lấy ý kiến cử tri nơi cư trú.",
                                         "* Thời gian thực hiện: từ ngày 17/12."]
    for i, ch in enumerate(doc.text):
        if ch not in " \n":
            assert md[doc.source_map.raw_offset(i)] == ch


_MARKDOWN_PIECES = ["a", "ố", " ", "*", "**", "***", "_", "__", "\\", "`", "``", "[", "]", "(", ")", "<", ">", "|", "#",
                    "- ", "* ", "1. ", "> ", "\n", "\n\n", "  \n", "(*)", "&amp;", "| a | b |\n|---|---|\n", "```\n"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_MARKDOWN_PIECES), max_size=80).map("".join))
def test_any_page_is_read_and_only_markup_characters_are_dropped(md):
    # the parser is Rust code that panicked on `[` followed by a backtick: no page may stop the reader
    drops, covered, _ = markup_drops(md)
    assert all(0 <= a < b <= len(md) and set(md[a:b]) <= set("*_\\") for a, b in drops)
    assert all(0 <= a <= b <= len(md) for a, b in covered)
    normalize(read_markdown(md, "x.md"))


def test_a_bracket_then_a_backtick_is_read_by_the_parser():
    md = "Xem [mục `2` và **ghi chú**"
    drops, covered, _ = markup_drops(md)        # (not the patterns' fallback: the parser read the line)
    assert covered == [(0, len(md))] and drops == [(16, 18), (25, 27)]
    assert _text(md) == "Xem [mục `2` và ghi chú"


def test_a_markdown_page_without_markup_reads_as_the_same_plain_text():
    # the parser finds nothing to drop on most lines of a page (`drops` empty): they are emitted and read
    # as the lines of a plain text are, to the same text, blocks, style and offsets
    page = ("KẾ HOẠCH\nVề việc thử nghiệm\n\n1. Sở Nội vụ chủ trì rà soát,\n  báo cáo trước ngày 15/6/2025.\n\n"
            "- Sở Tài chính bố trí kinh phí;\n- Sở Y tế phối hợp thực hiện.\n\nNơi nhận:\n- Như trên;")
    raw = read_markdown(page)
    assert all(ln.drops == () for p in raw.pages for ln in p.lines if ln.text.strip())
    md, txt = normalize(raw), normalize(read_text(page))
    assert md.text == txt.text
    assert [(b.span, b.kind, b.style) for b in md.blocks] == [(b.span, b.kind, b.style) for b in txt.blocks]
    assert md.source_map.runs == txt.source_map.runs


def test_a_bold_heading_word_alone_opens_its_paragraph_without_a_blank_line_before_it():
    # `**Chương` / `I**` (the number wrapped) after an italic line that ends without a period, blank lines
    # lost: a heading of its own, not the end of the enacting sentence
    blocks = ["*Chính phủ ban hành Nghị\nđịnh quy định về bồi thường khi Nhà nước thu hồi đất[1]*", "**Chương\nI**",
              "**QUY ĐỊNH CHUNG**", "**Điều\n1. Phạm vi điều chỉnh**", "Nghị định này quy định."]
    for sep in ("\n\n", "\n"):
        doc = normalize(read_markdown(sep.join(blocks)))
        assert "thu hồi đất[1]\nChương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh" in doc.text, sep
    # a marker alone opening the bold (`**A.` / `DANH MỤC ...**`) after an annex's note in brackets
    blocks = ["*(Kèm theo Quyết định số 12/QĐ-UBND ngày 21 tháng 11 năm 2025 của\nChủ tịch Ủy ban nhân dân tỉnh)*",
              "**A.\nDANH MỤC THỦ TỤC HÀNH CHÍNH**", "1. Đăng ký hộ kinh doanh."]
    for sep in ("\n\n", "\n"):
        assert normalize(read_markdown(sep.join(blocks))).text.split("\n")[1:] == [
            "A. DANH MỤC THỦ TỤC HÀNH CHÍNH", "1. Đăng ký hộ kinh doanh."], sep


def test_a_markdown_heading_is_a_paragraph_of_its_own_without_blank_lines_around_it():
    # CommonMark 4.2: an ATX heading interrupts the paragraph before it and ends at its line, blank lines or not
    md = ("4. Cơ sở sản xuất được nhận hỗ trợ một chính sách cao nhất.\n### Chương II CHÍNH SÁCH HỖ TRỢ\n"
          "#### Điều 5. Mức hỗ trợ\nCác cơ sở sản xuất được hỗ trợ.\n#hashtag không phải tiêu đề\n")
    assert _text(md).split("\n") == ["4. Cơ sở sản xuất được nhận hỗ trợ một chính sách cao nhất.",
                                     "Chương II CHÍNH SÁCH HỖ TRỢ", "Điều 5. Mức hỗ trợ",
                                     "Các cơ sở sản xuất được hỗ trợ. #hashtag không phải tiêu đề"]
