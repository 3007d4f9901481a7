"""Year-less deadlines of a document whose date is unknown (`pipeline.deadlines.year`), through the whole
pipeline: the year comes from a date line with its day left blank, or from the period the document
states as its own; a cited plan's year, a title with two years and a stage give none."""
import pytest

from pipeline import extract

MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
ITEM = "1. Sở Y tế tổ chức hội nghị sơ kết. Thời gian: tháng 6.\n"


def year_less(text):
    doc = extract(text)
    assert doc.header.date is None
    return [(d.value, d.inferred) for t in doc.tasks for d in t.deadlines]


@pytest.mark.parametrize("date_line", [
    "Hà Nội, ngày      tháng 8 năm 2025\n",            # unsigned copy: the day left blank
    "Hà Nội, ngày ....... tháng ...... năm 2025\n",     # day and month left as dots
    "Hà Nội, ngày\ntháng 8 năm 2025\n",                 # the month and year in the next cell
])
def test_blank_day_date_line_gives_the_year(date_line):
    text = "UBND TỈNH A\nSố: /KH-UBND\n" + MOTTO + date_line + "KẾ HOẠCH\nVề việc tuyên truyền\n" + ITEM
    assert year_less(text) == [("2025-06-01/2025-06-30", True)]


@pytest.mark.parametrize("preamble", [
    "Ủy ban nhân dân tỉnh xây dựng Kế hoạch tuyên truyền năm 2024, cụ thể như sau:\n",
    "Kế hoạch công tác tuyên truyền năm 2024\n",                                  # a news copy's title line
    "Sở Tư pháp ban hành Chương trình phổ biến pháp luật năm 2024 như sau:\n",
])
def test_the_documents_own_period_gives_the_year(preamble):
    assert year_less(preamble + ITEM) == [("2024-06-01/2024-06-30", True)]


@pytest.mark.parametrize("preamble", [
    # another document's period: a cited plan
    "Thực hiện Kế hoạch số 12/KH-UBND về tuyên truyền năm 2024, Sở Tư pháp đề nghị như sau:\n",
    # a stage, not one year
    "Ủy ban nhân dân tỉnh xây dựng Kế hoạch tuyên truyền giai đoạn năm 2021 - 2025 như sau:\n",
    # no period stated
    "Để tăng cường công tác tuyên truyền, Sở Tư pháp đề nghị như sau:\n",
    # a plan a cited decision issued
    "Thực hiện Quyết định số 45/QĐ-UBND của UBND tỉnh ban hành Kế hoạch phòng, chống thiên tai năm 2022, "
    "Sở Nông nghiệp đề nghị như sau:\n",
    # a plan asked of others, a subject line
    "V/v xây dựng kế hoạch tài chính năm 2025\nBộ Tài chính đề nghị các đơn vị xây dựng kế hoạch năm 2025 như sau:\n",
    # a plan that reviews a year past
    "Kế hoạch tổ chức Hội nghị tổng kết công tác năm 2024\n",
    # a year in a symbol or a cited law's name
    "Kế hoạch triển khai Nghị định số 100/2019/NĐ-CP của Chính phủ\n",
])
def test_no_year_where_the_document_states_none_of_its_own(preamble):
    assert year_less(preamble + ITEM) == [(None, True)]


def test_a_printed_date_wins_over_the_plans_year():
    text = ("UBND TỈNH A\nSố: 5/KH-UBND\n" + MOTTO + "Hà Nội, ngày 20 tháng 12 năm 2023\n"
            "KẾ HOẠCH\nCông tác tuyên truyền năm 2024\n" + ITEM)
    doc = extract(text)
    assert doc.header.date == "2023-12-20"
    assert [d.value for t in doc.tasks for d in t.deadlines] == ["2023-06-01/2023-06-30"]
