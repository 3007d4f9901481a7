"""Paths of the task tree on the constructions that shift them (issue 13): headings joined to their
title, hybrid Roman-decimal markers, attached documents.  Every document here is made up."""
from pipeline import extract

DECISION = ("ỦY BAN NHÂN DÂN TỈNH HÀ GIANG\nSố: 15/2024/QĐ-UBND\nHà Giang, ngày 10 tháng 4 năm 2024\n"
            "QUYẾT ĐỊNH\nBan hành Quy chế phối hợp quản lý cụm công nghiệp\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;\nQUYẾT ĐỊNH:\n"
            "Điều 1. Ban hành kèm theo Quyết định này Quy chế phối hợp quản lý cụm công nghiệp.\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký./.\n")
SIGNED = "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\nTM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\nNguyễn Văn Sơn\n"


def paths(text: str) -> list[tuple[str, str]]:
    """(path, label) of each node."""
    return [(t.path, t.label) for t in extract(text).tasks]


def test_a_section_heading_joined_to_its_caps_title_is_a_level():
    # single line breaks join `Mục 1` and its title into one paragraph, with no punctuation between
    text = (DECISION + SIGNED + "QUY CHẾ\nPhối hợp quản lý cụm công nghiệp\n"
            "(Ban hành kèm theo Quyết định số 15/2024/QĐ-UBND ngày 10 tháng 4 năm 2024)\n"
            "Chương I\nQUY ĐỊNH CHUNG\nĐiều 1. Phạm vi điều chỉnh\nQuy chế này quy định việc phối hợp.\n"
            "Chương II\nNỘI DUNG PHỐI HỢP\nMục 1\nPHỐI HỢP TRONG QUY HOẠCH\nĐiều 2. Phối hợp lập quy hoạch\n"
            "1. Sở Công Thương chủ trì.\n2. Các huyện có trách nhiệm:\na) Đề xuất danh mục;\nb) Báo cáo Sở.\n"
            "Mục 2\nPHỐI HỢP TRONG ĐẦU TƯ\nĐiều 3. Phối hợp thu hút đầu tư\nSở Tài chính bố trí kinh phí.\n")
    assert paths(text) == [("1", "Điều 1."), ("2", "Điều 2."), ("A1.1", "Chương I"), ("A1.1.1", "Điều 1."),
                           ("A1.2", "Chương II"), ("A1.2.1", "Mục 1"), ("A1.2.1.1", "Điều 2."),
                           ("A1.2.1.1.1", "1."), ("A1.2.1.1.2", "2."), ("A1.2.1.1.2.1", "a)"),
                           ("A1.2.1.1.2.2", "b)"), ("A1.2.2", "Mục 2"), ("A1.2.2.1", "Điều 3.")]
    # `Mục 2 Phần I ...` opening a sentence is prose, not a heading
    prose = "Mục 2 Phần I của Kế hoạch được sửa đổi."
    assert extract(DECISION + prose + "\n").task("2").text.endswith(prose)


def test_roman_decimal_markers_are_children_of_their_roman_heading():
    text = ("SỞ Y TẾ TỈNH AN GIANG\nSố: 55/KH-SYT\nKẾ HOẠCH\nPhòng, chống dịch bệnh năm 2024\n"
            "I. MỤC TIÊU\nI.1. Mục tiêu chung\nGiảm tỷ lệ mắc bệnh.\nI.2. Mục tiêu cụ thể\n"
            "- 100% ca bệnh được phát hiện sớm.\nII. NHIỆM VỤ\nII.1. Trung tâm Kiểm soát bệnh tật giám sát dịch.\n"
            "II.2. Các bệnh viện thu dung, điều trị.\n1. Chuẩn bị giường bệnh.\n2. Báo cáo Sở Y tế hằng tuần.\n")
    assert paths(text) == [("1", "I."), ("1.1", "I.1."), ("1.2", "I.2."), ("1.2.1", "-"), ("2", "II."),
                           ("2.1", "II.1."), ("2.2", "II.2."), ("2.2.1", "1."), ("2.2.2", "2.")]
