"""Task tables that PDF text printed one cell per line (issue 13, construction 8): each row back to
its columns by what its lines read as, with made-up tables in the shapes a gazette annex takes."""
import tomllib

import pytest

from pipeline import extract
from pipeline.read.flat_rows import align_row, is_unfinished, reads_as_organ, reads_as_time
from pipeline.resources import models_dir

from .conftest import SAMPLE

HEAD = "Số: 12/KH-UBND\nKẾ HOẠCH\nVề chuyển đổi số\nHà Nội, ngày 15 tháng 3 năm 2025\n\nI. MỤC ĐÍCH\n\n"
TAIL = "\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"


def rows(text):
    d = extract(HEAD + text + TAIL)
    return [(t.path, " ".join(t.text.split()[:3]), [(b.name, b.role) for b in t.bodies],
             [x.value for x in t.deadlines]) for t in d.tasks if t.kind == "row"]


_FLAT = tomllib.load(open(models_dir() / "tasks.toml", "rb"))["table"]["flat"]


_READS = {"time": reads_as_time, "organ": reads_as_organ, "unfinished": is_unfinished}


@pytest.mark.parametrize("kind, text, expected", [
    (kind, text, expected) for kind in _READS
    for key, expected in ((f"{kind}_examples", True), (f"{kind}_counter_examples", False))
    for text in _FLAT[key]])
def test_the_examples_and_counter_examples_of_table_flat(kind, text, expected):
    assert _READS[kind](text) is expected


def test_a_row_with_an_empty_cell_gives_each_line_its_column():
    # the coordinate cell is empty: the time is still the time, not the coordinating body
    lines = ["Xây dựng kế hoạch chuyển đổi", "số của tỉnh năm 2025.", "Sở Khoa học và Công nghệ", "Quý II/2025"]
    assert align_row(lines, ["content", "lead", "coordinate", "time"]) == [0, 0, 1, 3]


def test_a_body_wrapped_over_two_lines_stays_one_cell():
    lines = ["Tổ chức tập huấn.", "Sở Văn hóa,", "Thể thao và Du lịch", "Các sở, ngành liên quan", "Thường xuyên"]
    assert align_row(lines, ["content", "lead", "coordinate", "time"]) == [0, 1, 1, 2, 3]


FLAT = """II. NHIỆM VỤ

TT
Nhiệm vụ
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian thực hiện
I
NÂNG CAO NHẬN THỨC
1
Tổ chức tuyên truyền về chuyển
đổi số trên các phương tiện
thông tin đại chúng.
Sở Văn hóa,
Thể thao và Du lịch
Các cơ quan báo chí
Thường xuyên
2
Xây dựng tài liệu bồi dưỡng
kỹ năng số cho cán bộ.
Sở Nội vụ
Quý III/2025
II. HOÀN THIỆN THỂ CHẾ VÀ
CƠ CHẾ CHÍNH SÁCH
3
Rà soát các quy định về dữ liệu.
Sở Tư pháp
Sở Khoa học và Công nghệ;
UBND các xã, phường
Năm 2025

III. TỔ CHỨC THỰC HIỆN

Các sở, ngành báo cáo kết quả về Sở Khoa học và Công nghệ trước ngày 15/12 hằng năm.
"""


def test_a_flattened_table_with_groups_and_empty_cells_is_rebuilt():
    got = rows(FLAT)
    assert [(p, s) for p, s, _, _ in got] == [
        ("2.1", "NÂNG CAO NHẬN"), ("2.1.1", "Tổ chức tuyên"), ("2.1.2", "Xây dựng tài"),
        ("2.2", "HOÀN THIỆN THỂ"), ("2.2.1", "Rà soát các")]
    assert got[1][2] == [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("Các cơ quan báo chí", "coordinate")]
    assert got[2][2] == [("Sở Nội vụ", "lead")] and got[2][3] == ["2025-07-01/2025-09-30"]
    assert got[4][2] == [("Sở Tư pháp", "lead"), ("Sở Khoa học và Công nghệ", "coordinate"),
                         ("UBND các xã, phường", "coordinate")]
    assert got[4][3] == ["2025-01-01/2025-12-31"]


def test_the_body_s_next_section_after_a_flattened_table_is_no_group_of_its_rows():
    d = extract(HEAD + FLAT + TAIL)
    assert [t.path for t in d.tasks if t.kind != "row"][-1] == "3"      # `III. TỔ CHỨC THỰC HIỆN`
    assert "Các sở, ngành báo cáo" in d.tasks[-1].text


def test_a_heading_over_two_sub_headings_prints_no_column():
    text = ("TT\nNội dung\nCơ quan thực hiện\nChủ trì\nPhối hợp\nThời hạn\n"
            "1\nKiểm tra an toàn thực phẩm.\nSở Y tế\nCông an tỉnh\nTháng 6/2025\n")
    assert rows(text) == [("1.1", "Kiểm tra an", [("Sở Y tế", "lead"), ("Công an tỉnh", "coordinate")],
                           ["2025-06-01/2025-06-30"])]


def test_a_group_row_in_a_cell_over_number_and_content_is_a_node_of_its_rows():
    # a markdown table whose group row merges the number and content cells
    text = ("| STT | Nhiệm vụ | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
            "| I. NÂNG CAO NHẬN THỨC | | | |\n| 1 | Tổ chức tuyên truyền. | Sở Văn hóa | Năm 2025 |\n")
    got = rows(text)
    assert [(p, s) for p, s, _, _ in got] == [("1.1", "NÂNG CAO NHẬN"), ("1.1.1", "Tổ chức tuyên")]


ROW = ("1\nKiểm tra an toàn thực phẩm.\nSở Y tế\nCông an tỉnh\nTháng 6/2025\n"
       "2\nTuyên truyền pháp luật.\nSở Tư pháp\nNăm 2025\n")
WANT = [("1.1", "Kiểm tra an", [("Sở Y tế", "lead"), ("Công an tỉnh", "coordinate")], ["2025-06-01/2025-06-30"]),
        ("1.2", "Tuyên truyền pháp", [("Sở Tư pháp", "lead")], ["2025-01-01/2025-12-31"])]


@pytest.mark.parametrize("heads", [
    "TT.\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n",                   # the heading with its stop
    "Nội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n",                       # the number's heading not printed
    "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n(1)\n(2)\n(3)\n(4)\n(5)\n",   # columns numbered
    "STT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n1\n2\n3\n4\n5\n",
])
def test_the_headings_of_a_flattened_table_in_the_shapes_forms_print_them(heads):
    assert rows(heads + ROW) == WANT


def test_a_heading_of_a_section_is_no_table_without_rows_under_it():
    text = "Nội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\nCác sở, ngành triển khai thực hiện.\n"
    assert rows(text) == []


def test_the_last_row_leaves_out_the_lines_after_its_cells_that_read_as_none():
    lines = ["Xây dựng kế hoạch.", "Sở Tài chính", "Quý II/2025",
             "Cảm ơn quý khách đã theo dõi trang thông tin điện tử của",
             "Cổng thông tin điện tử tỉnh trong suốt thời gian qua và mong tiếp tục nhận được nhiều ý kiến"]
    roles = ["content", "lead", "coordinate", "time"]
    assert align_row(lines, roles, last=True) == [0, 1, 3, -1, -1]
    assert align_row(lines[:3], roles, last=True) == [0, 1, 3]


def test_a_row_longer_than_its_cells_can_hold_is_left_as_its_content():
    lines = ["Xây dựng kế hoạch chuyển đổi số của tỉnh"] * 400 + ["Sở Tài chính"]
    assert set(align_row(lines, ["content", "lead", "time"])) == {0}


def test_prose_after_a_flattened_table_is_no_row_s_cell():
    text = ("TT\nNội dung\nCơ quan chủ trì\nThời gian\n" + ROW +
            "Các sở, ngành, Ủy ban nhân dân các xã, phường triển khai thực hiện nghiêm túc các nội dung\n")
    d = extract(HEAD + text + TAIL)
    assert [t.path for t in d.tasks if t.kind == "row"] == ["1.1", "1.2"]
    assert "nghiêm túc" not in " ".join(t.text for t in d.tasks if t.kind == "row")


def test_cells_printed_on_one_baseline_are_cut_apart():
    # PDF text in the content stream's order runs a row's number and its content's first line into
    # one line (they share a baseline), and the number's heading with the content's
    text = ("TT Nội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n"
            "1 Kiểm tra an toàn thực phẩm.\nSở Y tế\nCông an tỉnh\nTháng 6/2025\n"
            "2 Tuyên truyền pháp luật.\nSở Tư pháp\nNăm 2025\n")
    assert rows(text) == WANT
    d = extract(HEAD + text + TAIL)
    row = next(t for t in d.tasks if t.path == "1.2")
    assert d.text[row.span[0]:row.span[1]] == "Tuyên truyền pháp luật."      # offsets kept through the cut


def test_a_number_opening_a_sentence_after_a_table_is_no_row():
    text = "TT\nNội dung\nCơ quan chủ trì\nThời gian\n" + ROW + "3 tháng một lần, các sở báo cáo kết quả.\n"
    assert [p for p, _, _, _ in rows(text)] == ["1.1", "1.2"]


def test_groups_past_ten_and_sub_rows():
    romans = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI"]
    groups = "".join(f"{r}\nNHÓM {r}\n{n}\nRà soát quy định nhóm {n}.\nSở Tư pháp\nNăm 2025\n"
                     for n, r in enumerate(romans, 1))
    got = rows("TT\nNội dung\nCơ quan chủ trì\nThời gian\n" + groups)    # (a group `XI` once crashed the reader)
    assert len(got) == 22 and got[-2][:2] == ("1.11", "NHÓM XI") and got[-1][0] == "1.11.1"
    text = ("TT\nNội dung\nCơ quan chủ trì\nThời gian\n1\nCải cách hành chính\n1.1\nRà soát thủ tục.\n"
            "Sở Tư pháp\nQuý II/2025\n1.2\nCông khai thủ tục.\nVăn phòng UBND tỉnh\nQuý III/2025\n")
    got = rows(text)
    assert [(p, s) for p, s, *_ in got] == [("1.1", "Cải cách hành"), ("1.1.1", "Rà soát thủ"),
                                            ("1.1.2", "Công khai thủ")]
    assert got[1][2:] == ([("Sở Tư pháp", "lead")], ["2025-04-01/2025-06-30"])


def test_a_decimal_section_after_a_table_ends_it():
    text = ("TT\nNội dung\nCơ quan chủ trì\nThời gian\n" + ROW + "3. TỔ CHỨC THỰC HIỆN\n"
            "Sở Y tế chủ trì theo dõi.\n")
    d = extract(HEAD + text + TAIL)
    assert [t.path for t in d.tasks if t.kind == "row"] == ["1.1", "1.2"]
    assert d.tasks[-1].text.startswith("TỔ CHỨC THỰC HIỆN")
    assert [x.value for x in d.tasks[-2].deadlines] == ["2025-01-01/2025-12-31"]


def test_headings_of_no_role_are_columns_of_their_own():
    text = ("TT\nNội dung\nCơ quan chủ trì\nThời gian\nKinh phí\nGhi chú\n"
            "1\nKiểm tra an toàn thực phẩm.\nSở Y tế\nTháng 6/2025\n200 triệu đồng\n")
    assert rows(text) == [("1.1", "Kiểm tra an", [("Sở Y tế", "lead")], ["2025-06-01/2025-06-30"])]


def test_recurrent_spending_is_no_time():
    assert not reads_as_time("Chi thường xuyên ngân sách tỉnh") and reads_as_time("Thường xuyên")


H4 = "TT\nNội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian\n"


def test_a_second_table_under_the_same_headings_is_a_table_of_its_own():
    text = H4 + ROW + "Bảng 2. Nhiệm vụ năm 2026\n" + H4 + ROW
    assert [p for p, *_ in rows(text)] == ["1.1", "1.2", "1.3", "1.4"]


def test_the_headings_again_atop_a_page_with_their_column_numbers_are_set_aside():
    for numbering in ("1\n2\n3\n4\n5\n", "(1)\n(2)\n(3)\n(4)\n(5)\n"):
        text = H4 + ROW.replace("Sở Tư pháp\n", "Sở Tư pháp\n\f" + H4 + numbering)
        assert rows(text) == WANT


def test_a_content_line_that_opens_with_a_heading_s_word_stays_content():
    text = ("TT\nNhiệm vụ\nCơ quan chủ trì\nThời gian\n1\nNhiệm vụ trọng tâm năm 2025:\nrà soát thủ tục hành chính.\n"
            "Sở Tư pháp\nNăm 2025\n")
    got = rows(text)
    assert got[0][1] == "Nhiệm vụ trọng" and got[0][2:] == ([("Sở Tư pháp", "lead")], ["2025-01-01/2025-12-31"])


def test_a_long_content_line_of_a_landscape_annex_does_not_end_the_table():
    text = (H4 + "1\nRà soát.\nSở Y tế\nNăm 2025\n2\nBan hành.\nSở Tư pháp\nNăm 2025\n3\n"
            "Xây dựng cơ sở dữ liệu dùng chung của tỉnh về quản lý đất đai và quy hoạch\nSở Nông nghiệp và Môi trường\n"
            "Năm 2026\n")
    assert [p for p, *_ in rows(text)] == ["1.1", "1.2", "1.3"]


def test_a_sentence_after_the_last_row_is_no_part_of_its_short_cells():
    lines = ["Xây dựng kế hoạch.", "Sở Tư pháp", "Năm 2025", "Trên đây là Kế hoạch của UBND tỉnh."]
    assert align_row(lines, ["content", "lead", "coordinate", "time"], last=True) == [0, 1, 3, -1]


def test_sub_rows_numbered_by_their_group():
    # `A` / `I` / `1.1` / `II` / `2.1`: sub-rows numbered by the Roman group they sit in
    text = ("STT\nNhiệm vụ, giải pháp\nĐơn vị thực hiện\nThời gian thực hiện\nA\nNỀN MÓNG\nI\nHoàn thiện thể chế\n"
            "1.1\nRà soát quy định.\nSở Tư pháp\n2026\nII\nPhát triển hạ tầng\n2.1\nTriển khai hạ tầng số.\n"
            "Sở Khoa học và Công nghệ\nNăm 2027\n")
    got = rows(text)
    assert [(p, s) for p, s, *_ in got] == [("1.1", "NỀN MÓNG"), ("1.1.1", "Hoàn thiện thể"),
                                            ("1.1.1.1", "Rà soát quy"), ("1.1.2", "Phát triển hạ"),
                                            ("1.1.2.1", "Triển khai hạ")]
    assert got[4][2:] == ([("Sở Khoa học và Công nghệ", "lead")], ["2027-01-01/2027-12-31"])


@pytest.mark.parametrize("seed", range(4))
def test_a_real_task_table_flattened_reads_as_the_table(seed):
    # the sample corpus's Hanoi plan (kh-310) carries its tasks in a table: printed one cell per line,
    # as perturbation (h) prints it, each row keeps its path, bodies and deadlines
    from pipeline.evaluate.perturb import flat_tables
    text = (SAMPLE / "kh-310-2025-ubnd-hanoi.txt").read_text(encoding="utf-8-sig")

    def table(t):
        return [(x.path, sorted((b.role, b.name) for b in x.bodies), [d.value for d in x.deadlines])
                for x in extract(t).tasks if x.kind == "row"]
    assert len(table(text)) == 6 and table(flat_tables(text, seed)) == table(text)


def test_a_time_heading_before_the_lead_s_is_the_time():
    # `Thời gian thực hiện` opens with the time's words, though `thực hiện` closing a heading names a lead
    text = "TT\nNội dung\nThời gian thực hiện\nCơ quan chủ trì\n1\nKiểm tra an toàn thực phẩm.\nTháng 6/2025\nSở Y tế\n"
    assert rows(text) == [("1.1", "Kiểm tra an", [("Sở Y tế", "lead")], ["2025-06-01/2025-06-30"])]
    pipe = ("| TT | Nội dung | Thời gian thực hiện | Cơ quan chủ trì |\n|---|---|---|---|\n"
            "| 1 | Kiểm tra an toàn thực phẩm. | Tháng 6/2025 | Sở Y tế |\n")
    assert rows(pipe) == rows(text)


def test_a_page_s_number_at_its_foot_is_no_row_even_the_next_s_number():
    text = (H4 + "1\nKiểm tra an toàn thực phẩm.\nSở Y tế\n2\n\fCông an tỉnh\nTháng 6/2025\n"
            "2\nTuyên truyền pháp luật.\nSở Tư pháp\nNăm 2025\n")
    assert rows(text) == WANT


def test_a_table_whose_cells_are_printed_whole_one_a_line():
    # a copy of a Word table: each cell on its line, however long, the number's heading not printed
    long = ("Xây dựng và ban hành kế hoạch chuyển đổi số của tỉnh giai đoạn 2025-2030, bảo đảm đồng bộ với "
            "chiến lược quốc gia về chuyển đổi số.")
    text = ("Nội dung\nCơ quan chủ trì\nCơ quan phối hợp\nThời gian hoàn thành\n1\n" + long +
            "\nSở Khoa học và Công nghệ\nCác sở, ngành\nNăm 2025\n2\n" + long + "\nSở Tư pháp\nQuý II/2025\n")
    d = extract(HEAD + text + TAIL)
    got = [(t.path, t.label, [(b.name, b.role) for b in t.bodies], [x.value for x in t.deadlines])
           for t in d.tasks if t.kind == "row"]
    assert got == [("1.1", "1", [("Sở Khoa học và Công nghệ", "lead"), ("Các sở, ngành", "coordinate")],
                    ["2025-01-01/2025-12-31"]),
                   ("1.2", "2", [("Sở Tư pháp", "lead")], ["2025-04-01/2025-06-30"])]


def test_groups_that_number_their_rows_again_run_on_over_a_page_break():
    # rows start again at 1 in each group; a page breaks after group II's heading, the headings printed again
    text = (H4 + "I\nNHÓM MỘT\n1\nRà soát.\nSở Y tế\nNăm 2025\n2\nBan hành.\nSở Tư pháp\nNăm 2025\n"
            "II\nNHÓM HAI\n4\n\f" + H4 + "1\nKiểm tra.\nSở Nội vụ\nNăm 2026\n")
    assert [p for p, *_ in rows(text)] == ["1.1", "1.1.1", "1.1.2", "1.2", "1.2.1"]


def test_a_time_cell_that_ends_several_pages_is_no_running_header():
    page = "{n}\nRà soát quy định số {n}.\nSở Tư pháp\n2026-2030\n{p}\n\f"
    text = H4 + "".join(page.format(n=n, p=n + 1) for n in range(1, 5))
    got = rows(text)
    assert len(got) == 4 and all(d == ["2026-01-01/2030-12-31"] for *_, d in got)


def test_a_flattened_table_with_a_blank_line_between_every_two_lines():
    # pdftotext leaves a blank line between every two cells
    spaced = "\n\n".join((H4 + ROW).split("\n"))
    assert rows(spaced) == WANT


def test_rows_of_one_template_that_open_several_pages_are_no_running_header():
    page = ("{n}\n\nThu thập, biên tập, xây dựng cơ sở dữ liệu\n\nvề quy hoạch số {n}.\n\nSở Tư pháp\n\n"
            "Năm 2026\n\n{p}\n\f")
    text = H4 + "".join(page.format(n=n, p=n + 1) for n in range(1, 5))
    got = rows(text)
    assert [s for _, s, *_ in got] == ["Thu thập, biên"] * 4 and all(d for *_, d in got)


def test_a_count_equal_to_the_next_row_s_number_is_a_cell_of_its_column():
    """A column of counts between the content and the bodies (`Số lớp`): row 1's count `2` is printed
    where row 2's number would be, but an organ follows it where a row's content would."""
    text = ("TT\nNội dung\nSố lớp\nCơ quan chủ trì\nThời gian\n"
            "1\nTập huấn nghiệp vụ hộ tịch\n2\nSở Tư pháp\nQuý II/2025\n"
            "2\nTập huấn công tác văn thư\n3\nSở Nội vụ\nQuý III/2025\n"
            "3\nTổng kết công tác tập huấn\n1\nSở Tư pháp\nTháng 12/2025\n")
    assert rows(text) == [("1.1", "Tập huấn nghiệp", [("Sở Tư pháp", "lead")], ["2025-04-01/2025-06-30"]),
                          ("1.2", "Tập huấn công", [("Sở Nội vụ", "lead")], ["2025-07-01/2025-09-30"]),
                          ("1.3", "Tổng kết công", [("Sở Tư pháp", "lead")], ["2025-12-01/2025-12-31"])]
    # without such a column the bare number after a content cell is the next row's, as before
    no_count = text.replace("Số lớp\n", "").replace("\n2\nSở Tư pháp", "\nSở Tư pháp")
    assert [r[0] for r in rows(no_count)] == ["1.1", "1.2", "1.3"]


def test_the_next_row_s_number_before_a_content_that_reads_as_an_organ_opens_that_row():
    """Row 1 has no count, and row 2's content opens with organs (`Các sở, ngành rà soát ...`): its
    number `2` is no count of row 1, since `2` does not come again before `3` (review of b54ac0d: every
    later row had merged into row 1)."""
    text = ("TT\nNội dung\nSố lớp\nCơ quan chủ trì\nThời gian\n"
            "1\nTổ chức hội nghị triển khai kế hoạch\n"
            "2\nCác sở, ngành rà soát quy định\nBáo cáo\nSở Tư pháp\nQuý II/2025\n"
            "3\nTổng kết việc thực hiện kế hoạch\nSở Nội vụ\nQuý IV/2025\n")
    assert [(r[0], r[1]) for r in rows(text)] == [("1.1", "Tổ chức hội"), ("1.2", "Các sở, ngành"),
                                                  ("1.3", "Tổng kết việc")]


# A table that pdftotext printed by column blocks (construction 8, `flat_blocks`): a made-up school
# plan.  Page 1: the time's heading after row 1's content, then a run of numbers `2` / `3` whose rows'
# cells follow row by row (row 2 with no time), then a spanning heading over two sub-headings whose
# cells do not say their rows; page 2: the headings again in another order, row 4's content before
# its number, a cell of a column not read, its time.
BLOCKS = ("II. TỔ CHỨC THỰC HIỆN\n\nTT\n\nNỘI DUNG\n\n1\n\nRà soát danh sách học sinh\ncó hoàn cảnh khó khăn.\n\n"
          "THỜI HẠN\n\nTháng 9/2025\n\n2\n\n3\n\nTổ chức hội nghị phụ huynh\nđầu năm học.\n\n"
          "Kiểm tra cơ sở vật chất\ncác điểm trường.\n\nQuý IV/2025\n\n"
          "CƠ QUAN THỰC HIỆN\n\nChủ trì\n\nPhối hợp\n\nPhòng Giáo dục và Đào tạo\n\nTrường Tiểu học Hòa Bình\n\n"
          "Phòng Tài chính - Kế hoạch\n\n2\n"
          "\fTT\n\nNỘI DUNG\n\nCơ quan thực hiện\n\nThời hạn\n\nChủ trì\n\nPhối hợp\n\n"
          "Tổng kết năm học, khen thưởng\ngiáo viên tiêu biểu.\n\n4\n\nBan giám hiệu các trường\n\nTháng 5/2026\n\n3\n")
BLOCK_ROWS = [("2.1", "Rà soát danh", [], ["2025-09-01/2025-09-30"]), ("2.2", "Tổ chức hội", [], []),
              ("2.3", "Kiểm tra cơ", [], ["2025-10-01/2025-12-31"]),
              ("2.4", "Tổng kết năm", [], ["2026-05-01/2026-05-31"])]


def test_a_table_printed_by_column_blocks_is_rebuilt_row_by_row():
    assert rows(BLOCKS) == BLOCK_ROWS


def test_the_cells_of_a_spanning_heading_that_do_not_say_their_rows_are_not_read():
    d = extract(HEAD + BLOCKS + TAIL)
    assert not any("Phòng Giáo dục" in t.text or "Ban giám hiệu" in t.text for t in d.tasks)
    assert not any(b.name.startswith(("Phòng", "Trường", "Ban giám hiệu")) for t in d.tasks for b in t.bodies)


def test_a_row_put_together_from_column_blocks_keeps_its_offsets():
    src = HEAD + BLOCKS + TAIL
    d = extract(src)
    row = next(t for t in d.tasks if t.path == "2.3")
    assert d.text[row.span[0]:row.span[1]] == "Kiểm tra cơ sở vật chất các điểm trường."
    assert d.source_map.raw_offset(row.span[0]) == src.index("Kiểm tra cơ sở")


def test_a_page_of_column_blocks_that_fits_no_construction_ends_the_table_before_it():
    # page 2 opens with a block that is neither a row's content before its number nor a heading
    text = BLOCKS.replace("Tổng kết năm học, khen thưởng\ngiáo viên tiêu biểu.\n\n4\n\n",
                          "Tổng kết năm học, khen thưởng\ngiáo viên tiêu biểu.\n\nBáo cáo kết quả.\n\n4\n\n")
    assert rows(text) == BLOCK_ROWS[:3]


def test_a_second_time_for_a_row_of_column_blocks_ends_the_table_before_its_page():
    text = BLOCKS.replace("Ban giám hiệu các trường\n\nTháng 5/2026\n", "Tháng 4/2026\n\nTháng 5/2026\n")
    assert rows(text) == BLOCK_ROWS[:3]


def test_column_blocks_under_no_heading_of_a_time_are_no_table():
    # the headings of a number and a content alone, no column's heading after the rows
    text = "TT\n\nNội dung\n\n1\n\nRà soát.\n\nSở Y tế\n\nNăm 2025\n\n2\n\nBan hành.\n\nSở Tư pháp\n\nNăm 2025\n"
    assert [r[0] for r in rows(text)] == []


def test_a_lead_s_heading_printed_after_the_first_row_s_content():
    text = ("TT\n\nNỘI DUNG\n\n1\n\nKiểm tra an toàn thực phẩm.\n\nCƠ QUAN CHỦ TRÌ\n\nSở Y tế\n\nTHỜI HẠN\n\n"
            "Tháng 6/2025\n\n2\n\nTuyên truyền pháp luật.\n\nNăm 2025\n")
    assert rows(text) == [("1.1", "Kiểm tra an", [("Sở Y tế", "lead")], ["2025-06-01/2025-06-30"]),
                          ("1.2", "Tuyên truyền pháp", [], ["2025-01-01/2025-12-31"])]
    # a block under the lead's heading that reads as no organ fits no construction: no table
    assert rows(text.replace("Sở Y tế", "Rà soát lại")) == []


def test_column_blocks_whose_page_break_the_text_lost():
    # the form feed lost: the page's number run into the headings printed again, which start its rows
    assert rows(BLOCKS.replace("2\n\f", "2\n")) == BLOCK_ROWS
    assert rows(BLOCKS.replace("2\n\f", "2\n\n")) == BLOCK_ROWS


def test_a_page_s_number_run_into_a_cell_of_column_blocks_is_no_row_s_even_the_next():
    # a page opens inside row 3's content: its number `4` (the next row's) printed in the flow
    text = BLOCKS.replace("Kiểm tra cơ sở vật chất\n", "Kiểm tra cơ sở vật chất\n4\n")
    assert rows(text) == BLOCK_ROWS
    d = extract(HEAD + text + TAIL)
    row = next(t for t in d.tasks if t.path == "2.3")
    assert d.text[row.span[0]:row.span[1]] == "Kiểm tra cơ sở vật chất các điểm trường."
