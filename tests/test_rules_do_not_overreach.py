"""Made-up inputs on which the rules of the same constructions must not fire: the words a rule keys on used in
another sense (a closing formula inside an item, `trước` meaning `in front of`, `không` of a noun, a weekday, a span
of days, a lower-case `sửa đổi` that is only a task).  Each is run through the real pipeline or finder."""
from __future__ import annotations

import datetime

import pytest

from pipeline import extract
from pipeline.bodies.stage import find_bodies
from pipeline.citations import find_citations
from pipeline.deadlines import find_deadlines

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 12/KH-UBND\nHà Giang, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH\n"
        "Về việc thử\n\n")
REF = datetime.date(2025, 3, 10)


def paths_and_texts(body: str) -> list[tuple[str, str]]:
    return [(t.path, t.text) for t in extract(HEAD + body + "\n").tasks]


def test_an_item_that_informs_people_is_no_closing_paragraph():
    body = ("1. Sở Nội vụ rà soát hồ sơ.\nỦy ban nhân dân cấp xã niêm yết công khai và thông báo để người dân biết, "
            "thực hiện.\nSở Tư pháp kiểm tra thường xuyên.\n2. Sở Tài chính bố trí kinh phí.")
    assert paths_and_texts(body)[0][1].endswith("Sở Tư pháp kiểm tra thường xuyên.")


def test_a_section_heading_named_like_an_attachment_opens_none():
    body = ("I. MỤC TIÊU\n1. Nâng cao chất lượng.\nII. QUY TRÌNH RÀ SOÁT\n1. Rà soát theo Bộ tiêu chí ban hành kèm "
            "theo Quyết định số 318/QĐ-TTg.\n2. Tổng hợp kết quả.")
    assert [p for p, _ in paths_and_texts(body)] == ["1", "1.1", "2", "2.1", "2.2"]


def test_a_task_that_opens_with_thuc_hien_is_no_basis_list():
    body = "1. Sở Y tế chủ trì.\nThực hiện ngay các biện pháp sau:\n- Sở Y tế tổ chức giám sát dịch.\n2. Báo cáo."
    assert [p for p, _ in paths_and_texts(body)] == ["1", "1.1", "2"]


def test_a_weekday_with_its_date_opens_no_item():
    body = "1. Lịch công tác tuần.\nThứ Hai, 12/5/2025: Họp giao ban.\nThứ Ba, 13/5/2025: Làm việc tại xã."
    assert [p for p, _ in paths_and_texts(body)] == ["1"]


def test_three_figures_that_do_not_go_on_with_the_list_are_no_item():
    body = "1. Rà soát hồ sơ, tổng số là\n125. Trong đó, số hồ sơ tồn đọng.\n2. Báo cáo."
    assert [p for p, _ in paths_and_texts(body)] == ["1", "2"]


@pytest.mark.parametrize("text", [
    "Cục Hàng không Việt Nam thường xuyên kiểm tra an toàn bay.",
    "Lực lượng phòng không thường xuyên trực sẵn sàng.",
    "Các sở, ngành chưa gửi báo cáo khẩn trương gửi về Sở Nội vụ.",
])
def test_an_ongoing_adverb_whose_verb_is_not_negated(text):
    assert [d.kind for d in find_deadlines(text, REF)] == ["ongoing"]


@pytest.mark.parametrize("text", [
    "Ban Chấp hành chịu trách nhiệm trước Đại hội về công tác nhân sự.",
    "Thủ trưởng các sở trả lời chất vấn trước kỳ họp Hội đồng nhân dân tỉnh.",
    "Hằng tháng báo cáo tiến độ, trước 10 giờ.",
])
def test_no_deadline_from_before_whom_or_an_hour(text):
    assert [d.kind for d in find_deadlines(text, REF) if d.kind != "recurring"] == []


@pytest.mark.parametrize("text,expected", [
    ("Hoàn thành trước ngày 10-12 tháng 5.", [("period", "2025-05-10/2025-05-12")]),
    ("Hằng tháng báo cáo tiến độ, chậm nhất 05 ngày làm việc sau khi kết thúc tháng.",
     [("recurring", "FREQ=MONTHLY"), ("relative", "P5D")]),
])
def test_spans_of_days_and_time_limits_stay_what_they_are(text, expected):
    assert [(d.kind, d.value) for d in find_deadlines(text, REF)] == expected


def test_a_time_phrase_after_a_kind_of_locality_is_no_part_of_its_name():
    bodies = find_bodies("Sở Y tế phối hợp với Sở Tài chính và Ủy ban nhân dân các xã từ nay đến cuối năm tổ chức "
                         "kiểm tra.")
    assert ("Ủy ban nhân dân các xã", "coordinate") in [(b.name, b.role) for b in bodies]


def test_an_office_and_a_council_it_does_not_serve_are_two_bodies():
    bodies = find_bodies("Văn phòng Tỉnh ủy và Ủy ban nhân dân tỉnh phối hợp tổ chức.")
    assert [b.name for b in bodies] == ["Văn phòng Tỉnh ủy", "Ủy ban nhân dân tỉnh"]


@pytest.mark.parametrize("text", [
    "Sở Tư pháp rà soát, sửa đổi Quyết định số 12/2020/QĐ-UBND ngày 05/5/2020 của UBND tỉnh.",
    "Hoàn thiện các quy chế làm việc, sửa đổi Chỉ thị số 01-CT/TU ngày 05/5/2020.",
])
def test_a_bare_sua_doi_in_the_middle_of_a_task_amends_nothing(text):
    assert [c.relation for c in find_citations(text)[0]] == ["mentions"]


def test_a_trich_yeu_that_opens_with_cua_is_kept():
    text = ("TỈNH ỦY QUẢNG NAM\n*\nSố 12-KH/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Nam, ngày 10 tháng 3 năm 2026\n"
            "KẾ HOẠCH\ncủa Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 35-CT/TW của Bộ Chính trị\n"
            "Thực hiện Chỉ thị số 35-CT/TW, Ban Thường vụ xây dựng kế hoạch như sau:\n1. Nội dung.")
    assert extract(text).header.title.startswith("của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 35-CT/TW")
