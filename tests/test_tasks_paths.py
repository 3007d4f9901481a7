"""Paths of the task tree on the constructions that shift them (issue 13): headings joined to their
title, hybrid Roman-decimal markers, attached documents.  Every document here is made up."""
import pytest

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


PLAN = ("KẾ HOẠCH\nThực hiện chuyển đổi số năm 2023\n"
        "(Ban hành kèm theo Quyết định số 15/2024/QĐ-UBND ngày 10 tháng 4 năm 2024 của Ủy ban nhân dân tỉnh)\n"
        "I. MỤC ĐÍCH, YÊU CẦU\n1. Triển khai hiệu quả Chương trình.\nII. NHIỆM VỤ\n"
        "1. Sở Nội vụ triển khai hồ sơ điện tử.\n- Hoàn thành trong quý III/2024.\n"
        "PHỤ LỤC I\nDANH MỤC NHIỆM VỤ\n1. Xây dựng kho dữ liệu dùng chung.\n")
ATTACHED = [("1", "Điều 1."), ("2", "Điều 2."), ("A1.1", "I."), ("A1.1.1", "1."), ("A1.2", "II."), ("A1.2.1", "1."),
            ("A1.2.1.1", "-"), ("A2.1", "1.")]


def test_an_attached_plan_opens_a1_whether_signed_or_not():
    # signed, its title in mixed case
    assert paths(DECISION + SIGNED + PLAN) == ATTACHED
    # a copy without the recipients and the signature: the plan still starts a new outline
    assert paths(DECISION + PLAN) == ATTACHED
    # a scrape that ran the signature and the plan's title together on one line
    signed_on_one_line = SIGNED.replace("\nCHỦ TỊCH\nNguyễn Văn Sơn\n", " CHỦ TỊCH Nguyễn Văn Sơn ")
    glued = DECISION + signed_on_one_line + PLAN.replace("\n", " ", 2)
    assert paths(glued) == ATTACHED
    # and a long caps title whose `(Ban hành kèm theo ...)` comes more than 200 characters after its start
    long_title = ("CHƯƠNG TRÌNH HÀNH ĐỘNG TRIỂN KHAI KẾ HOẠCH SỐ 119-KH/TU NGÀY 18 THÁNG 12 NĂM 2019 CỦA BAN THƯỜNG VỤ"
                  " TỈNH ỦY VỀ THỰC HIỆN CHỈ THỊ SỐ 37-CT/TW NGÀY 03 THÁNG 9 NĂM 2019 CỦA BAN BÍ THƯ TRUNG ƯƠNG ĐẢNG"
                  " VỀ TĂNG CƯỜNG SỰ LÃNH ĐẠO")
    glued = (DECISION + signed_on_one_line
             + PLAN.replace("KẾ HOẠCH\nThực hiện chuyển đổi số năm 2023\n", long_title + " "))
    assert paths(glued) == ATTACHED


def test_a_reference_to_a_regulation_attached_to_another_document_opens_no_attachment():
    text = ("HỘI ĐỒNG NHÂN DÂN TỈNH\nSố: 05/2025/NQ-HĐND\nNGHỊ QUYẾT\nSửa đổi một số điều\n"
            "Chương I\nSỬA ĐỔI MỘT SỐ ĐIỀU CỦA QUY ĐỊNH KÈM THEO NGHỊ QUYẾT SỐ 11/2022/NQ-HĐND\n"
            "Điều 1. Sửa đổi Điều 5 như sau:\n1. Tỷ lệ vốn đối ứng là 10%.\n"
            "Chương II\nQUY ĐỊNH KÈM THEO NGHỊ QUYẾT SỐ 22/2023/NQ-HĐND ĐƯỢC SỬA ĐỔI\n"
            "Điều 2. Sửa đổi Điều 7.\n")
    assert paths(text) == [("1", "Chương I"), ("1.1", "Điều 1."), ("1.1.1", "1."), ("2", "Chương II"),
                           ("2.1", "Điều 2.")]


def test_bullets_that_cite_the_basis_before_the_outline_are_no_tasks():
    # `- Thực hiện Chỉ thị số ...` before `I.`: the preamble's list; a Roman heading is never a bullet's child
    head = "ỦY BAN NHÂN DÂN TỈNH AN GIANG\nSố: 12/KH-UBND\nKẾ HOẠCH\nPhòng chống dịch năm 2024\n"
    outline = ("I. MỤC ĐÍCH\n1. Chủ động phòng chống dịch.\n1.1. Căn cứ\n- Luật Phòng, chống bệnh truyền nhiễm.\n"
               "II. NHIỆM VỤ\n- Sở Y tế chủ trì.\n")
    expected = [("1", "I."), ("1.1", "1."), ("1.1.1", "1.1."), ("1.1.1.1", "-"), ("2", "II."), ("2.1", "-")]
    basis = ("- Thực hiện Chỉ thị số 05/CT-TTg ngày 01/3/2024 của Thủ tướng Chính phủ;\n"
             "- Xét đề nghị của Sở Y tế,\nỦy ban nhân dân tỉnh ban hành Kế hoạch như sau:\n")
    assert paths(head + basis + outline) == expected
    # bullets that are the content itself stay nodes, whatever follows them
    content = "- Sở Y tế theo dõi tình hình dịch.\n- Các huyện báo cáo.\nĐiều 1. Giao Sở Y tế chủ trì.\n"
    assert paths(head + content)[:2] == [("1", "-"), ("2", "-")]


def test_an_annex_title_in_the_recipients_row_opens_a1_and_its_heads_make_a_task_table():
    # a scrape that lost the line between the signature's table and the annex's runs them into one row
    text = (DECISION + "| Nơi nhận: - Như Điều 2; - Lưu: VT. | TM. ỦY BAN NHÂN DÂN CHỦ TỊCH Nguyễn Văn Sơn "
            "| PHỤ LỤC NHIỆM VỤ (Ban hành kèm theo Quyết định số 15/2024/QĐ-UBND) | TT | Nội dung nhiệm vụ "
            "| Cơ quan chủ trì | Thời gian hoàn thành |\n"
            "| 1 | Rà soát quy hoạch cụm công nghiệp | Sở Công Thương | Quý II/2024 |\n"
            "| 2 | Bố trí kinh phí | Sở Tài chính | Năm 2024 |\n")
    doc = extract(text)
    assert [(t.path, t.label) for t in doc.tasks] == [("1", "Điều 1."), ("2", "Điều 2."), ("A1.1", "1"), ("A1.2", "2")]
    assert doc.task("A1.1").text == "Rà soát quy hoạch cụm công nghiệp"


def test_an_annex_whose_caps_title_names_no_type_opens_a1_by_its_kem_theo_line():
    # NĐ 30 lays an annex out as a caps title and `(Kèm theo ...)`: a title without a type word
    # (`DANH SÁCH ...`, `NHÓM THỦ TỤC ... GỒM:`) opens the attachment all the same.
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 15/QĐ-UBND\n\nAn Giang, ngày 5 tháng 3 năm 2025\n\n"
            "QUYẾT ĐỊNH\nVề việc công bố danh sách\n\nĐiều 1. Công bố danh sách kèm theo Quyết định này.\n\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n\n"
            "NHÓM NHIỆM VỤ TRỌNG TÂM NĂM 2025 GỒM:\nCẢI CÁCH HÀNH CHÍNH - CHUYỂN ĐỔI SỐ\n"
            "(Kèm theo Quyết định số 15/QĐ-UBND ngày 5/3/2025 của Ủy ban nhân dân tỉnh)\n\n"
            "1. Sở Nội vụ rà soát thủ tục hành chính.\n\n2. Sở Khoa học và Công nghệ triển khai chuyển đổi số.\n")
    assert paths(text) == [("1", "Điều 1."), ("2", "Điều 2."), ("A1.1", "1."), ("A1.2", "2.")]
    # the signature's caps lines are no title, though `(Kèm theo ...)` follows a few lines on
    signed = text.replace("NHÓM NHIỆM VỤ TRỌNG TÂM NĂM 2025 GỒM:\nCẢI CÁCH HÀNH CHÍNH - CHUYỂN ĐỔI SỐ\n", "")
    assert ("A1.1", "1.") not in paths(signed)


def test_an_annex_that_names_its_first_part_as_its_title_opens_with_that_part_once():
    # `PHẦN I` / its title / `(Kèm theo ...)` / `Phần I. DANH MỤC ...`: the part named above the announcement is the
    # page's title, blank lines or not (without them the heading runs onto the title: `PHẦN I DANH MỤC ...`)
    head = ("ỦY BAN NHÂN DÂN\nTỈNH QUẢNG TRỊ\nSố: 27/QĐ-UBND\n\nQuảng Trị, ngày 5 tháng 3 năm 2025\n\n"
            "QUYẾT ĐỊNH\nVề việc công bố thủ tục hành chính\n\nĐiều 1. Công bố kèm theo Quyết định này.\n\n"
            "Điều 2. Quyết định này có hiệu lực kể từ ngày ký.\n\nNơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n\n"
            "KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\n\nNguyễn Văn A\n\n")
    annex = ["PHẦN I", "DANH MỤC THỦ TỤC HÀNH CHÍNH NỘI BỘ ĐƯỢC SỬA ĐỔI, BỔ SUNG TRÊN ĐỊA BÀN TỈNH",
             "(Kèm theo Quyết định số 27/QĐ-UBND ngày 5/3/2025 của Chủ tịch UBND tỉnh)",
             "Phần I. DANH MỤC THỦ TỤC HÀNH CHÍNH", "1. Phê duyệt danh sách các thôn.",
             "Phần II. NỘI DUNG CỤ THỂ", "1. Trình tự thực hiện."]
    want = [("1", "Điều 1."), ("2", "Điều 2."), ("A1.1", "Phần I."), ("A1.1.1", "1."), ("A1.2", "Phần II."),
            ("A1.2.1", "1.")]
    assert paths(head + "\n\n".join(annex) + "\n") == want
    assert paths(head + "\n".join(annex) + "\n") == want
    # a part named only above the announcement is the annex's first node
    alone = ["PHẦN I. DANH MỤC PHƯƠNG ÁN ĐƠN GIẢN HÓA", "(Kèm theo Quyết định số 27/QĐ-UBND ngày 5/3/2025)",
             "1. Bãi bỏ thủ tục.", "PHẦN II. NỘI DUNG PHƯƠNG ÁN", "1. Lý do."]
    assert [p for p, _ in paths(head + "\n\n".join(alone) + "\n")] == ["1", "2", "A1.1", "A1.1.1", "A1.2", "A1.2.1"]


def test_a_recipients_list_that_lost_its_heading_ends_the_body():
    # `Nơi nhận:` lost (or written `Nơi gửi:`): the list's own first item `- Như trên;` or its filing
    # line `- Lưu: VT` still says what it is, and its dashes are not children of the last item.
    body = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 123/UBND-KT\nV/v phòng chống dịch bệnh\n\n"
            "An Giang, ngày 5 tháng 3 năm 2025\n\nKính gửi: Sở Tài chính.\n\n"
            "1. Sở Nông nghiệp theo dõi dịch bệnh.\n2. Sở Tài chính bố trí kinh phí.\n")
    for tail in ("- Như trên;\n- UBND các huyện;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n",
                 "Nơi gửi:\n- Sở Y tế;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn A\n"):
        assert paths(body + tail) == [("1", "1."), ("2", "2.")], tail
    # an item that opens with `Như trên,` and goes on is a task
    assert ("2.1", "-") in paths(body + "- Như trên, các sở tiếp tục triển khai.\n")


def test_a_party_recipients_list_without_its_heading_ends_at_its_first_short_item():
    # HD 36 prints `Nơi nhận:` over `- Các đồng chí ...,` ... `- Lưu Văn phòng Tỉnh ủy.`; a copy that lost
    # the heading still ends its body where the short dash lines before the filing line begin.
    text = ("TỈNH ỦY BẮC GIANG\n*\nSố 24-CT/TU\nBắc Giang, ngày 28 tháng 4 năm 2023\n\nCHỈ THỊ\n"
            "CỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề tăng cường phòng, chống dịch bệnh\n\n"
            "1. Các cấp ủy, tổ chức đảng tập trung lãnh đạo, chỉ đạo thực hiện.\n"
            "2. Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành triển khai:\n"
            "- Sở Y tế chủ trì theo dõi tình hình dịch bệnh, kịp thời đề xuất các biện pháp phòng, chống phù hợp.\n\n"
            "- Các đồng chí Tỉnh ủy viên,\n- Các huyện ủy, thành ủy,\n- Lưu Văn phòng Tỉnh ủy.\n"
            "T/M BAN THƯỜNG VỤ\nPHÓ BÍ THƯ THƯỜNG TRỰC\nNguyễn Văn A\n")
    assert paths(text) == [("1", "1."), ("2", "2."), ("2.1", "-")]


@pytest.mark.parametrize("body,expected", [
    # `1)` under an item `1.`: a list of its own, the next `2.` closes it
    ("1. Nhiệm vụ về thể chế:\n1) Ban hành quy chế.\n2) Sửa đổi quy định.\n2. Nhiệm vụ về hạ tầng:\n1) Đầu tư mạng.",
     ["1", "1.1", "1.2", "2", "2.1"]),
    # `1)` alone numbers the items
    ("1) Ban hành quy chế.\n2) Sửa đổi quy định.\n3) Tổ chức thực hiện.", ["1", "2", "3"]),
    # `1)` after `k)`: the letter `l` typed or read as the figure one
    ("1. Thành phần:\na) Cơ quan.\nb) Tổ chức.\nk) Trường hợp khác.\n1) Đơn vị trực thuộc.\n2. Trình tự.",
     ["1", "1.1", "1.2", "1.3", "1.4", "2"]),
])
def test_a_parenthesis_number_under_a_dotted_item(body, expected):
    text = ("ỦY BAN NHÂN DÂN\nTỈNH HÀ GIANG\nSố: 12/KH-UBND\nHà Giang, ngày 10 tháng 3 năm 2025\nKẾ HOẠCH\n"
            "Về việc thử\n\n" + body + "\n")
    assert [t.path for t in extract(text).tasks] == expected


@pytest.mark.parametrize("body,expected", [
    # the Party's `1-` / `a-`
    ("1- Công tác chính trị tư tưởng.\na- Tăng cường tuyên truyền.\nb- Đổi mới nội dung.\n2- Công tác tổ chức.",
     ["1", "1.1", "1.2", "2"]),
    # ordinal words in their other forms
    ("Thứ nhất là, tăng cường lãnh đạo.\nThứ hai là, đổi mới.\nThứ ba là, kiểm tra.", ["1", "2", "3"]),
])
def test_party_markers(body, expected):
    text = ("TỈNH ỦY QUẢNG NAM\n*\nSố 12-CT/TU\nĐẢNG CỘNG SẢN VIỆT NAM\nQuảng Nam, ngày 10 tháng 3 năm 2025\n"
            "CHỈ THỊ\nvề thử\n\n" + body + "\n")
    assert [t.path for t in extract(text).tasks] == expected


def test_a_recipients_list_run_together_that_lost_its_dashes_is_no_task():
    # a PDF's text layer loses the dash glyphs between words: `- A;  B;  C;  Lưu: VT` (the line's first dash
    # stays), with no `Nơi nhận:` heading either; the list is the recipients', no bulleted item of Điều 2
    text = (DECISION + "\n- Thủ tướng, các Phó Thủ tướng Chính phủ;  Các bộ, cơ quan ngang bộ;  HĐND, UBND các tỉnh, "
            "thành phố trực thuộc trung ương;  Văn phòng Chủ tịch nước;  Lưu: VT, NC (02).\n")
    assert paths(text) == [("1", "Điều 1."), ("2", "Điều 2.")]
    # the same list wrapped over lines that each read as a paragraph, `Lưu:` closing the last of them
    wrapped = (DECISION + "\n- Thủ tướng, các Phó Thủ tướng Chính phủ;  Các bộ, cơ quan ngang bộ;\n"
               "HĐND, UBND các tỉnh, thành phố trực thuộc trung ương;  Văn phòng Chủ tịch nước;\n"
               "Kiểm toán nhà nước;  Văn phòng Quốc hội;  Lưu:\nVT, NC (02).\n")
    assert paths(wrapped) == [("1", "Điều 1."), ("2", "Điều 2.")]
