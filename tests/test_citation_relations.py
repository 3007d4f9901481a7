"""Citation relations (SCHEMA.md): the cue that governs a citation, across `;` lists and through
`theo quy định tại`; none from another document's description; the strongest cue among a document's
mentions.  Every sentence is made up."""
from __future__ import annotations

import pytest

from pipeline.citations import find_citations


def relations(text):
    cites, _ = find_citations(text)
    return [(c.symbol or c.number, c.relation) for c in cites]


def test_an_opening_cue_governs_a_semicolon_list_through_theo_quy_dinh_tai():
    text = ("Thực hiện nhiệm vụ được giao theo quy định tại Luật Đầu tư công số 58/2024/QH15; Nghị định số "
            "85/2025/NĐ-CP và Nghị định số 99/2025/NĐ-CP, Sở Tài chính hướng dẫn như sau:")
    assert relations(text) == [("58/2024/QH15", "implements"), ("85/2025/NĐ-CP", "implements"),
                               ("99/2025/NĐ-CP", "implements")]


def test_a_provision_is_a_place_where_something_is_stated():
    text = "Thực hiện thanh toán theo quy định tại khoản 16 Điều 6 Thông tư số 39/2018/TT-BYT ngày 30/11/2018."
    assert relations(text) == [("39/2018/TT-BYT", "mentions")]


def test_a_cue_in_the_middle_of_a_clause_does_not_pass_theo_quy_dinh_tai():
    text = "Việc quyết toán kinh phí hằng quý thực hiện theo quy định tại Thông tư số 39/2018/TT-BYT."
    assert relations(text) == [("39/2018/TT-BYT", "mentions")]


def test_a_fronted_cue_phrase_ends_at_its_comma():
    text = ("Thực hiện nhiệm vụ Ủy ban nhân dân tỉnh giao về cải cách hành chính trong năm, Sở Nội vụ chủ trì, "
            "phối hợp với các sở, ngành rà soát toàn bộ quy trình nội bộ theo Quyết định số 12/QĐ-UBND.")
    assert relations(text) == [("12/QĐ-UBND", "mentions")]


def test_a_heading_governs_nothing_below_it():
    text = "IV. TỔ CHỨC THỰC HIỆN\nCác sở báo cáo kết quả theo mẫu tại Thông tư số 07/2024/TT-BTTTT."
    assert relations(text) == [("07/2024/TT-BTTTT", "mentions")]


def test_a_quoted_new_wording_is_not_what_the_cue_acts_on():
    text = ("Sửa đổi, bổ sung điểm c khoản 3 Điều 48 như sau: “c) Việc quyết toán kinh phí thực hiện theo "
            "quy định tại Nghị định số 32/2019/NĐ-CP”.")
    assert relations(text) == [("32/2019/NĐ-CP", "mentions")]


@pytest.mark.parametrize("text,expected", [
    ("Nghị định số 12/2024/NĐ-CP sửa đổi Nghị định số 34/2016/NĐ-CP về quản lý chất thải.",
     [("12/2024/NĐ-CP", "mentions"), ("34/2016/NĐ-CP", "mentions")]),
    ("Kế hoạch số 56/KH-UBND ngày 02/3/2024 của UBND tỉnh thực hiện Nghị quyết số 78/NQ-CP ngày 01/01/2024.",
     [("56/KH-UBND", "mentions"), ("78/NQ-CP", "mentions")]),
    # no symbol, no date: the document right before the cue is its subject all the same
    ("Kế hoạch 56 thực hiện Nghị quyết 78 của Chính phủ đã đạt kết quả tốt.", [("56", "mentions"), ("78", "mentions")]),
    ("Nghị định 12 sửa đổi, bổ sung Nghị định 34 về quản lý chất thải.", [("12", "mentions"), ("34", "mentions")]),
    # the citing document's own cue still governs the first one
    ("Thực hiện Kế hoạch số 56/KH-UBND ngày 02/3/2024 của UBND tỉnh thực hiện Nghị quyết số 78/NQ-CP, Sở ban hành.",
     [("56/KH-UBND", "implements"), ("78/NQ-CP", "mentions")]),
])
def test_no_relation_from_another_documents_description(text, expected):
    assert relations(text) == expected


def test_a_report_goes_to_a_body_after_a_number_only_citation():
    # `về` after `Đề án 06` says where the report goes, it opens no description
    text = ("báo cáo kết quả thực hiện Đề án 06 về Công an tỉnh (lồng ghép báo cáo kết quả triển khai nhiệm vụ "
            "Đề án 06 theo Kế hoạch 56/KH-UBND ngày 24/02/2024 của Ủy ban nhân dân tỉnh)")
    assert relations(text) == [("06", "implements"), ("56/KH-UBND", "implements")]


@pytest.mark.parametrize("text,relation", [
    ("Các đơn vị tiếp tục thực hiện Chỉ thị số 17-CT/TU ngày 27/8/2022 của Ban Thường vụ Thành ủy.", "implements"),
    ("Các đơn vị tiếp tục triển khai Chỉ thị số 17-CT/TU ngày 27/8/2022 của Ban Thường vụ Thành ủy.", "implements"),
    ("Các đơn vị tiếp tục đẩy mạnh công tác tuyên truyền theo Chỉ thị số 17-CT/TU.", "continues"),
    ("Các chi bộ tổ chức học tập, quán triệt Nghị quyết số 57-NQ/TW ngày 22/12/2024 của Bộ Chính trị.", "implements"),
])
def test_continuing_with_and_without_an_implementing_verb(text, relation):
    assert relations(text)[-1][1] == relation


def test_a_document_takes_the_strongest_cue_among_its_mentions():
    text = ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư;\n"
            "Sở Nội vụ hướng dẫn như sau:\n1. Các cơ quan thực hiện Nghị định số 30/2020/NĐ-CP.\n"
            "2. Báo cáo việc áp dụng Quyết định số 15/QĐ-UBND; tiếp tục thực hiện Quyết định số 15/QĐ-UBND.")
    assert relations(text) == [("30/2020/NĐ-CP", "based_on"), ("15/QĐ-UBND", "implements")]


def test_a_title_in_capitals_broken_over_lines_still_governs():
    text = "KẾ HOẠCH\nTRIỂN KHAI THỰC HIỆN\nNGHỊ QUYẾT SỐ 57-NQ/TW NGÀY 22/12/2024 CỦA BỘ CHÍNH TRỊ"
    assert relations(text) == [("57-NQ/TW", "implements")]
