"""The task tree holds whatever surface a document arrives in (issue 13): emphasis from a scrape,
lost line breaks, wrapped lines, no header.  Every document here is made up."""
from pipeline import extract

HEAD = "Số: 12/CT-UBND\nCHỈ THỊ\nVề tăng cường công tác phòng cháy\n\n"


def tree(text: str) -> list[tuple[str, str]]:
    """(path, first words) of each node."""
    return [(t.path, " ".join(t.text.split()[:3])) for t in extract(text).tasks]


def test_emphasis_around_markers_and_headings():
    doc = HEAD + ("**II. TỔ CHỨC THỰC HIỆN**\n\n"
                  "**1. **Sở Xây dựng rà soát các công trình cao tầng.\n\n"
                  "** 1.1. **Kiểm tra hệ thống báo cháy.\n\n"
                  "*a)* Lập danh sách công trình.\n\n"
                  "**2**.\nSở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "TỔ CHỨC THỰC"), ("1.1", "Sở Xây dựng"), ("1.1.1", "Kiểm tra hệ"),
                         ("1.1.1.1", "Lập danh sách"), ("1.2", "Sở Tài chính")]


def test_markers_glued_after_lost_line_breaks():
    doc = HEAD + ("Để phòng cháy hiệu quả, yêu cầu như sau:**1. Tăng cường kiểm tra các chợ. "
                  "2. Giao Công an tỉnh chủ trì, phối hợp các sở. a) Rà soát cơ sở. b) Báo cáo kết quả.\n"
                  "3. Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Tăng cường kiểm"), ("2", "Giao Công an"), ("2.1", "Rà soát cơ"),
                         ("2.2", "Báo cáo kết"), ("3", "Sở Tài chính")]


def test_numbers_in_prose_are_not_glued_markers():
    doc = HEAD + ("1. Thực hiện theo Điều 5 khoản 2. Sở Xây dựng chủ trì. Đạt 95%. 4. Các xã báo cáo.\n"
                  "2. Sở Tài chính bố trí kinh phí theo khoản 1. Các xã phối hợp.\n")
    assert tree(doc) == [("1", "Thực hiện theo"), ("2", "Sở Tài chính")]


def test_nothing_after_the_recipients_or_the_signature_is_a_task():
    items = "1. Sở Xây dựng rà soát các công trình.\n\n2. Sở Tài chính bố trí kinh phí.\n\n"
    italic = HEAD + items + "*Nơi nhận:*\n- Như trên;\n- Lưu: VT.\n"
    run_on = HEAD + items + "- Bộ Công an; - Sở Tư pháp; - Lưu: VT, KT.\n\n- Thêm một dòng.\n"
    in_cell = HEAD + items + "| *Nơi nhận:* - Như trên; | TM. ỦY BAN NHÂN DÂN |\n| - Lưu: VT. | Nguyễn Văn A |\n"
    signed = HEAD + items + "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH\n\n- Đã ký\n"
    # a scan: the heading's marks misread, the signer's title read onto the same line
    scanned = HEAD + items + "Noi nhận: THỦ TƯỚNG\n- Ban Bí thư Trung ương Đảng;\n- Các Bộ, cơ quan ngang Bộ;\n"
    # a run-on list wrapped over lines, the line break before its filing item kept (the next line holds the
    # signature's cell): the filing item is the run's
    cut_run = HEAD + items + ("- Chính phủ; - Ban Tổ chức Trung ương; - Kiểm toán nhà nước; - Các Bộ, cơ quan ngang "
                              "Bộ; - Tỉnh ủy, HĐND tỉnh Bắc\nNinh; - Lưu: HC, PLTP. | TM. ỦY BAN THƯỜNG VỤ QUỐC HỘI\n")
    for doc in (italic, run_on, in_cell, signed, scanned, cut_run):
        assert tree(doc) == [("1", "Sở Xây dựng"), ("2", "Sở Tài chính")], doc


def test_end_of_body_table():
    import tomllib

    from pipeline.resources import models_dir
    from pipeline.tasks import ends_body
    e = tomllib.load(open(models_dir() / "tasks.toml", "rb"))["end_of_body"]
    assert all(ends_body(x) for x in e["examples"])
    assert not any(ends_body(x) for x in e["counter_examples"])


def test_a_dash_that_wraps_a_range_is_no_bullet():
    doc = HEAD + ("1. Sở Xây dựng thực hiện chương trình giai đoạn 2021\n- 2025, báo cáo hằng năm.\n\n"
                  "2. Sở Tài chính bố trí kinh phí năm 2024\n- 2025.\n\n"
                  "3. Đoàn viên hưởng ứng Phong trào “Vì người nghèo giai đoạn 2021\n– 2025” (gọi tắt là PT).\n\n"
                  "- Các xã báo cáo kết quả.\n")
    assert tree(doc) == [("1", "Sở Xây dựng"), ("2", "Sở Tài chính"), ("3", "Đoàn viên hưởng"),
                         ("3.1", "Các xã báo")]


def test_a_number_left_alone_by_emphasis_before_an_article_it_explains():
    # a guide to a charter numbers its points by the articles they explain: `2. Điều 3: Về ...`
    doc = HEAD + ("**1.** Điều 2: Về tiêu chuẩn đảng viên\n\n"
                  "**2.**\nĐiều 3: Về quyền của đảng viên\n\n**2.1.** Quyền được thông tin.\n")
    assert tree(doc) == [("1", "Điều 2: Về"), ("2", "Điều 3: Về"), ("2.1", "Quyền được thông")]


def test_an_item_that_opens_with_a_figure():
    doc = HEAD + ("1. Sở Xây dựng rà soát các công trình.\n\n"
                  "2. 95% hồ sơ được giải quyết đúng hạn.\n\n"
                  "7. 5 lần so với năm trước.\n")
    assert tree(doc) == [("1", "Sở Xây dựng"), ("2", "95% hồ sơ")]


def test_closing_words_glued_to_the_last_item_belong_to_no_node():
    doc = HEAD + ("1. Sở Xây dựng rà soát các công trình.\n\n"
                  "2. Sở Tài chính bố trí kinh phí. Trong quá trình thực hiện, nếu có khó khăn, vướng mắc, "
                  "các cơ quan, đơn vị phản ánh về Sở Nội vụ để tổng hợp.\n")
    tasks = extract(doc).tasks
    assert [t.path for t in tasks] == ["1", "2"]
    assert "vướng mắc" not in tasks[1].text and "Sở Nội vụ" not in [b.name for b in tasks[1].bodies]



def test_a_dash_inside_a_name_is_no_glued_bullet():
    doc = HEAD + "1. Các đơn vị:\n\n- Trung tâm điện tử Y – Sinh; - Trung tâm Ngoại ngữ.\n"
    assert tree(doc) == [("1", "Các đơn vị:"), ("1.1", "Trung tâm điện"), ("1.2", "Trung tâm Ngoại")]


def test_a_news_copy_whose_first_item_follows_the_preamble_on_its_line():
    doc = ("Thủ tướng chỉ thị ứng phó bão số 3\n\n"
           "(Chinhphu.vn) - Ngày 5/9, Thủ tướng Chính phủ ký Công điện số 90/CĐ-TTg về việc chủ động ứng phó "
           "bão. Thủ tướng Chính phủ yêu cầu: 1. Các bộ, ngành theo dõi chặt chẽ diễn biến của bão. "
           "2. Bộ Quốc phòng chỉ đạo lực lượng sẵn sàng cứu hộ. 3. Văn phòng Chính phủ theo dõi, đôn đốc.\n")
    assert tree(doc) == [("1", "Các bộ, ngành"), ("2", "Bộ Quốc phòng"), ("3", "Văn phòng Chính")]


def test_a_marker_under_emphasis_after_a_heading_in_capitals():
    doc = HEAD + ("KẾ HOẠCH PHÒNG CHÁY NĂM 2025\n**I**. MỤC ĐÍCH, YÊU CẦU\n**1**. Mục đích\n"
                  "**a)** Triển khai kịp thời các biện pháp.\n")
    assert tree(doc) == [("1", "MỤC ĐÍCH, YÊU"), ("1.1", "Mục đích"), ("1.1.1", "Triển khai kịp")]


def test_an_article_word_whose_number_wrapped_to_the_next_line():
    doc = HEAD + ("**Điều\n1**. Ban hành kèm theo Quyết định này Kế hoạch phòng cháy.\n"
                  "**Điều\n2. **Giao các cơ quan, đơn vị:\n1. Sở Tài chính chủ trì, bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Ban hành kèm"), ("2", "Giao các cơ"), ("2.1", "Sở Tài chính")]


def test_a_bold_title_line_is_not_joined_to_the_preamble_after_it():
    doc = ("Số: 12/CT-UBND\n**CHỈ THỊ**\n**Về tăng cường công tác phòng cháy năm 2024**\n"
           "Thời gian qua, công tác phòng cháy đạt kết quả. Chủ tịch UBND tỉnh yêu cầu:**1. Công an tỉnh**\n"
           "*a)* Chủ trì kiểm tra các cơ sở.\n** 2. **Sở Xây dựng rà soát các công trình.\n")
    d = extract(doc)
    assert d.header.title == "Về tăng cường công tác phòng cháy năm 2024"
    assert tree(doc) == [("1", "Công an tỉnh"), ("1.1", "Chủ trì kiểm"), ("2", "Sở Xây dựng")]


FLAT_TABLE = """Số: 45/KH-UBND
KẾ HOẠCH
Triển khai Chương trình phòng cháy năm 2024

II. NHIỆM VỤ CỤ THỂ

TT
Nội dung
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian
hoàn thành
1
Xây dựng kế hoạch tuyên truyền
Sở Văn hóa
Các sở, ngành
Quý II/2024
2
Kiểm tra an toàn phòng cháy tại
các chợ, trung tâm thương mại
Công an tỉnh
UBND các huyện
Tháng 6/2024

5

TT
Nội dung
Cơ quan chủ trì
Cơ quan phối hợp
Thời gian
hoàn thành
3
Bố trí kinh phí thực hiện
Sở Tài chính
Các sở, ngành
Năm 2024

Nơi nhận:
- Như trên;
"""


def test_a_task_table_flattened_one_cell_a_line_is_rebuilt_into_rows():
    d = extract(FLAT_TABLE)
    rows = [t for t in d.tasks if t.kind == "row"]
    assert [(t.path, " ".join(t.text.split()[:3])) for t in rows] == [
        ("1.1", "Xây dựng kế"), ("1.2", "Kiểm tra an"), ("1.3", "Bố trí kinh")]
    assert [(b.name, b.role) for b in rows[1].bodies] == [("Công an tỉnh", "lead"), ("UBND các huyện", "coordinate")]
    assert [x.value for x in rows[2].deadlines] == ["2024-01-01/2024-12-31"]
    assert "5" not in rows[1].text and "Nội dung" not in rows[2].text     # page number, repeated headings


def test_a_numbered_name_wrapped_to_a_line_start_is_no_item():
    doc = HEAD + ("1. Các sở tập trung thực hiện Đề án\n06. Thực hiện tốt vai trò tham mưu.\n\n"
                  "2. Sở Tài chính bố trí kinh phí.\n\n03. Sở Y tế theo dõi.\n")
    assert tree(doc) == [("1", "Các sở tập"), ("2", "Sở Tài chính"), ("3", "Sở Y tế")]



def test_a_source_in_nfd_reads_as_the_same_document():
    import unicodedata
    doc = ("Số: 12/CT-UBND\nCHỈ THỊ\nVề tăng cường công tác phòng cháy\nHà Nội, ngày 15 tháng 3 năm 2024\n\n"
           "1. Sở Xây dựng rà soát các công trình.\n\n2. Sở Tài chính bố trí kinh phí.\n\n"
           "Nơi nhận:\n- Như trên;\n- Lưu: VT.\n\nNgười ký: Cổng Thông tin điện tử Chính phủ\n")
    nfc, nfd = extract(doc), extract(unicodedata.normalize("NFD", doc))
    assert [k for k, _, _ in nfd.set_aside] == [k for k, _, _ in nfc.set_aside] == ["signature_stamp"]
    assert (nfd.header.date, nfd.header.place) == (nfc.header.date, nfc.header.place) == ("2024-03-15", "Hà Nội")
    assert tree(unicodedata.normalize("NFD", doc)) == tree(doc) == [("1", "Sở Xây dựng"), ("2", "Sở Tài chính")]


def test_a_numbered_name_wrapped_where_the_next_item_is_expected_is_no_item():
    # `06.` is the next number after `5.`, but the list prints its numbers without a leading zero
    doc = HEAD + ("4. Sở Nội vụ rà soát.\n\n5. Các sở tập trung thực hiện Đề án\n06. Quan tâm, chăm lo lực lượng.\n\n"
                  "6. Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Sở Nội vụ"), ("2", "Các sở tập"), ("3", "Sở Tài chính")]


def test_a_zero_led_list_keeps_its_items():
    doc = HEAD + "Ủy ban yêu cầu như sau:\n\n01. Sở Nội vụ rà soát hồ sơ của\n02. Sở Tài chính bố trí kinh phí.\n"
    assert tree(doc) == [("1", "Sở Nội vụ"), ("2", "Sở Tài chính")]


def test_a_photo_credit_wrapped_to_a_line_start_is_no_bullet():
    doc = ("Chiều 12/5, Ủy ban tổ chức hội nghị.\n\nPhó Chủ tịch UBND tỉnh phát biểu tại Hội nghị\n- Ảnh: TTXVN\n\n"
           "Hội nghị thống nhất các nội dung.\n")
    assert tree(doc) == []


def test_the_gazette_running_header_inside_a_paragraph_is_set_aside():
    # a Công báo PDF copied without its page breaks: the page number and running header fall mid-sentence
    doc = HEAD + ("1. Sở Nội vụ chủ trì rà soát, tổng hợp tình hình của các cơ quan,\n2\n"
                  "CÔNG BÁO/Số 630 + 631/Ngày 17-08-2023\nđơn vị trên địa bàn tỉnh.\n")
    record = extract(doc)
    assert [(t.path, t.deadlines) for t in record.tasks] == [("1", [])]
    assert "CÔNG BÁO" not in record.text
def test_cardinal_ordinals_open_items():
    # `Một là, ... Hai là, ...`: ordinal words opening a paragraph, the Party's habit in resolutions
    doc = HEAD + ("Ban Thường vụ yêu cầu:\n\nMột là, tăng cường tuyên truyền.\n\n- Các chi bộ quán triệt.\n\n"
                  "Hai là: nâng cao chất lượng. Năm là năm bản lề của nhiệm kỳ.\n")
    assert tree(doc) == [("1", "tăng cường tuyên"), ("1.1", "Các chi bộ"), ("2", "nâng cao chất")]


def test_roman_headings_that_ocr_misread():
    # OCR reads `I.` as `1.`, `II.` as `H.`, `III.` as `Il.`: the run of headings in capitals says what they were
    doc = HEAD + ("1. MỤC ĐÍCH, YÊU CẦU\n\n1. Nâng cao nhận thức.\n\n"
                  "II. NHIỆM VỤ\n\n1. Sở Xây dựng rà soát.\n\n2. Sở Tài chính bố trí kinh phí.\n\n"
                  "Il. TỔ CHỨC THỰC HIỆN\n\n1. Các sở báo cáo.\n")
    assert tree(doc) == [("1", "MỤC ĐÍCH, YÊU"), ("1.1", "Nâng cao nhận"), ("2", "NHIỆM VỤ"),
                         ("2.1", "Sở Xây dựng"), ("2.2", "Sở Tài chính"), ("3", "TỔ CHỨC THỰC"),
                         ("3.1", "Các sở báo")]
    misread = HEAD + "IL. KẾT QUẢ\n\nĐã làm.\n\nH. HẠN CHẾ\n\n1. Còn chậm.\n\nHI. NHIỆM VỤ\n\n1. Sở Y tế kiểm tra.\n"
    assert [p for p, _ in tree(misread)] == ["1", "2", "2.1", "3", "3.1"]


def test_sentence_case_roman_headings_that_ocr_misread():
    # headings in sentence case, content on the same line: `I.` read with its period as a tone mark (`Í`),
    # `II.` as `H.`, and a well-read `III.`; a `H.` with no Roman numeral around it stays a letter
    doc = HEAD + ("Sau khi nghe báo cáo, đồng chí Chủ tịch kết luận như sau:\n\n"
                  "Í Đánh giá chung: thời gian qua Sở Y tế đã triển khai nhiều nhiệm vụ.\n"
                  "- Công tác khám chữa bệnh được duy trì.\n"
                  "H. Về nhiệm vụ thời gian tới: Sở Y tế tập trung các nội dung sau.\n"
                  "1. Sở Y tế chủ trì rà soát các cơ sở y tế.\n"
                  "III. Tổ chức thực hiện: Văn phòng UBND tỉnh theo dõi, đôn đốc.\n")
    assert [(t.path, t.label) for t in extract(doc).tasks] == [
        ("1", "I."), ("1.1", "-"), ("2", "II."), ("2.1", "1."), ("3", "III.")]
    for variant in ("Ị Đánh giá chung", "I Đánh giá chung"):
        labels = [t.label for t in extract(doc.replace("Í Đánh giá chung", variant)).tasks]
        assert labels[:3] == (["I.", "-", "II."] if variant[0] == "Ị" else ["-", "H.", "1."]), variant
    alone = HEAD + "H. Về nhiệm vụ thời gian tới: Sở Y tế tập trung.\n1. Sở Y tế chủ trì rà soát.\n"
    assert [t.label for t in extract(alone).tasks][:1] == ["H."]


def test_ocr_specks_glued_to_markers():
    # a margin speck read as a dash glued to an item's number (`-1.`), and `III.` read as `HIL.` with the
    # space after its period lost
    doc = HEAD + ("I. MỤC ĐÍCH, YÊU CẦU\n\n1. Tăng cường kiểm tra.\n\nII. NỘI DUNG THỰC HIỆN\n\n"
                  "-1. Nhiệm vụ chung của các bộ, ngành.\n\n- Xây dựng kế hoạch.\n\n2. Nhiệm vụ cụ thể\n\n"
                  "HIL.TỔ CHỨC THỰC HIỆN\n\n1. Thời gian triển khai từ tháng 12.\n")
    assert [(t.path, t.label) for t in extract(doc).tasks] == [
        ("1", "I."), ("1.1", "1."), ("2", "II."), ("2.1", "1."), ("2.1.1", "-"), ("2.2", "2."),
        ("3", "III."), ("3.1", "1.")]
    # margin specks before a letter of an open list and before a bullet of an open run of bullets; lower
    # case after them continues the sentence, and a quote that touches its word opens a quotation
    specks = HEAD + ("1. Nhiệm vụ chung\n\n- Tăng cường kiểm tra thị trường.\n\n___\" Thành lập các đoàn kiểm tra\n\n"
                     "_ liên ngành.\n\n2. Nhiệm vụ cụ thể\n\na) Bộ Tài chính chủ trì.\n\n_b) Bộ Công an phối hợp.\n\n"
                     "\"Điều 5. Sửa đổi khoản 2.\n")
    assert [(t.path, t.label, t.text[:9]) for t in extract(specks).tasks] == [
        ("1", "1.", "Nhiệm vụ "), ("1.1", "-", "Tăng cườn"), ("1.2", "-", "Thành lập"), ("2", "2.", "Nhiệm vụ "),
        ("2.1", "a)", "Bộ Tài ch"), ("2.2", "b)", "Bộ Công a")]
    # a bullet is followed by a space, and a figure below zero is no item's number
    figures = HEAD + "1. Nhiệt độ giảm sâu.\n\n- 1. Rà soát.\n\n-5 độ C ở vùng núi.\n"
    assert [t.label for t in extract(figures).tasks] == ["1.", "-", "-"]


def test_item_numbers_that_ocr_misread():
    # `8.` read as `§.`: the run of numbers says which
    section = HEAD + ("6. Tăng cường kiểm tra.\n\n7. Giao Bộ Tài chính chủ trì.\n\n"
                      "§. Các bộ báo cáo.\n\n9. Giao Phó Thủ tướng.\n")
    assert [t.label for t in extract(section).tasks] == ["6.", "7.", "8.", "9."]
    # `(3)` read as `3)` and `(4)` as `()` in an open list of numbers in parentheses; elsewhere `3)` is an item
    parens = HEAD + ("1. Phát triển thị trường.\n\na) Bộ Công Thương chủ trì:\n\n(1) Đẩy mạnh xúc tiến.\n\n"
                     "(2) Mở rộng thị trường.\n\n3) Đề xuất các giải pháp.\n\n() Báo cáo kết quả.\n\n"
                     "2) Hoàn thiện thể chế.\n")
    assert [(t.path, t.label) for t in extract(parens).tasks] == [
        ("1", "1."), ("1.1", "a)"), ("1.1.1", "(1)"), ("1.1.2", "(2)"), ("1.1.3", "(3)"), ("1.1.4", "(4)"),
        ("2", "2)")]
    # an item's period read as a comma: the first under a heading or the next of the run; a reference
    # wrapped to a line start (`khoản` / `1, Điều 5`) is no item
    commas = HEAD + ("II. NHIỆM VỤ\n\n1, Ưu tiên thúc đẩy tăng trưởng.\n\n2. Hoàn thiện thể chế theo khoản\n\n"
                     "1, Điều 5 Luật Ngân sách.\n\n3, Tăng tốc giải ngân.\n")
    assert [(t.path, t.label) for t in extract(commas).tasks] == [
        ("1", "II."), ("1.1", "1."), ("1.2", "2."), ("1.3", "3.")]


def test_numbered_caps_headings_are_not_taken_for_misread_romans():
    # `1. MỤC ĐÍCH`, `11. KẾT LUẬN` with no Roman numeral among them, and letters `G. H. I.`: left as printed
    numbers = HEAD + "1. MỤC ĐÍCH\n\n- Nâng cao nhận thức.\n\n2. NỘI DUNG\n\n11. KẾT LUẬN CHUNG\n"
    assert [t.label for t in extract(numbers).tasks] == ["1.", "-", "2.", "11."]
    letters = HEAD + "G. NỘI DUNG MỘT\n\nH. NỘI DUNG HAI\n\nI. NỘI DUNG BA\n"
    assert [t.label for t in extract(letters).tasks][:2] == ["G.", "H."]


def test_addressee_lists_in_every_spelling_are_no_tasks():
    # `Kính gởi` (Southern spelling), `Đồng kính gửi`, a tone mark lost by OCR; an addressee whose bullet
    # the extraction lost continues the list after a `;`
    items = ("Để chủ động phòng chống dịch, Bộ Y tế đề nghị:\n\n1. Sở Y tế chủ trì kiểm tra.\n\n"
             "2. Các bệnh viện báo cáo về Bộ Y tế.\n")
    for words in ("Kính gởi:", "Đồng kính gửi:", "Kinh gửi:", "KÍNH GỞI:"):
        doc = HEAD + f"{words}\n- Sở Y tế các tỉnh, thành phố;\n- Các bệnh viện trực thuộc Bộ.\n\n" + items
        assert tree(doc) == [("1", "Sở Y tế"), ("2", "Các bệnh viện")], words
    lost = HEAD + "Kính gửi: Sở Y tế các tỉnh, thành phố;\n\n Các bệnh viện trực thuộc Bộ.\n\n" + items
    assert tree(lost) == [("1", "Sở Y tế"), ("2", "Các bệnh viện")]


def test_a_numbered_item_never_nests_under_a_bullet():
    # bullets are the lowest rank (I. > 1. > a) > - > +): `1.` after a top-level bullet is its sibling
    doc = HEAD + ("- Các đơn vị quán triệt nội dung Chỉ thị.\n\n1. Sở Y tế chủ trì kiểm tra.\n\n"
                  "- Lập danh sách cơ sở.\n\n2. Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Các đơn vị"), ("2", "Sở Y tế"), ("2.1", "Lập danh sách"), ("3", "Sở Tài chính")]


def test_a_chapter_is_never_an_article_s_child():
    # NĐ 30's ranks Phần > Chương > Mục > Điều: a chapter heading after an article's points closes them
    doc = HEAD + ("Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\n1. Quy định này áp dụng.\n\n"
                  "a) Cụm công nghiệp.\n\nChương II\nQUY ĐỊNH CỤ THỂ\n\nĐiều 2. Trách nhiệm\n\n"
                  "Mục 1. PHỐI HỢP\n\nĐiều 3. Phối hợp\n")
    assert [p for p, _ in tree(doc)] == ["1", "1.1", "1.1.1", "1.1.1.1", "2", "2.1", "2.2", "2.2.1"]
    # with no chapter open, `Mục 13.` is a form's field under the item that explains it, not a section
    form = HEAD + "1. Khai lý lịch đảng viên.\n\nMục 13. Ghi ngày kết nạp vào Đảng.\n"
    assert [p for p, _ in tree(form)] == ["1", "1.1"]


def test_the_first_chapter_s_title_is_not_the_document_s_type():
    # `Chương I` / `QUY ĐỊNH CHUNG` after the legal basis of a Thông tư whose type line the scrape lost:
    # the chapter is the first node, and `QUY ĐỊNH CHUNG` gives neither the type nor the title
    doc = ("BỘ GIÁO DỤC VÀ ĐÀO TẠO\nSố: 05/2025/TT-BGDĐT\nHà Nội, ngày 7 tháng 3 năm 2025\n\n"
           "Căn cứ Luật Giáo dục ngày 14 tháng 6 năm 2019;\n\n"
           "Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định chế độ làm việc.\n\n"
           "Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh\n\nThông tư này quy định chế độ làm việc.\n\n"
           "Chương II\nNHIỆM VỤ\n\nĐiều 2. Nhiệm vụ của giáo viên\n\nGiảng dạy theo chương trình.\n")
    r = extract(doc)
    assert [(t.path, t.label) for t in r.tasks] == [("1", "Chương I"), ("1.1", "Điều 1."), ("2", "Chương II"),
                                                     ("2.1", "Điều 2.")]
    assert r.header.doc_type == "Thông tư" and r.header.title != "Chung"


def test_a_name_wrapped_at_its_own_dash_opens_no_bullet():
    # `Bộ Lao động - Thương binh và Xã hội` broken at its dash by a PDF's line wrap; a real bullet stays one
    doc = HEAD + ("1. Giao Bộ Lao động\n- Thương binh và Xã hội chủ trì, phối hợp với tỉnh Bà Rịa\n"
                  "- Vũng Tàu triển khai.\n\n- Các xã báo cáo kết quả.\n")
    assert tree(doc) == [("1", "Giao Bộ Lao"), ("1.1", "Các xã báo")]
    # the name in the old tone placement (`Ban Văn hoá` / `- Xã hội`), in the preamble: no item before `1.`
    doc = HEAD + ("Xét Báo cáo thẩm tra của Ban Văn hoá\n- Xã hội; ý kiến thảo luận của đại biểu.\n\n"
                  "1. Sở Y tế chủ trì.\n\n2. Sở Tài chính bảo đảm kinh phí.\n")
    assert tree(doc) == [("1", "Sở Y tế"), ("2", "Sở Tài chính")]


def test_a_roman_heading_closes_the_numbered_items_before_it():
    # `III.` after `3.`'s bullets is their uncle (a Roman heading ranks above `1.`, `a)`, `(1)`, `-`); a
    # numeral that ends the sentence above (`từ cấp I đến cấp` / `V. Chi tiết`) is no heading at all
    doc = HEAD + ("II. NHIỆM VỤ\n\n3. Sở Y tế kiểm tra.\n\n- Lập danh sách.\n\nIII. TỔ CHỨC THỰC HIỆN\n\n"
                  "1. Dự báo gồm 5 cấp, từ cấp I đến cấp\nV. Chi tiết tại Phụ lục.\n\n2. Các sở báo cáo.\n")
    assert tree(doc) == [("1", "NHIỆM VỤ"), ("1.1", "Sở Y tế"), ("1.1.1", "Lập danh sách."),
                         ("2", "TỔ CHỨC THỰC"), ("2.1", "Dự báo gồm"), ("2.2", "Các sở báo")]


def test_closing_requests_in_other_words_belong_to_no_node():
    # the document named as what is to be carried out, after the last item; not inside an article, and not
    # the content of an item that so far is only its heading
    items = "1. Sở Xây dựng chủ trì kiểm tra.\n\n2. Sở Tài chính bố trí kinh phí.\n\n"
    for closing in ("Ủy ban nhân dân tỉnh yêu cầu Thủ trưởng các sở, ban, ngành tổ chức triển khai thực hiện "
                    "nghiêm túc Chỉ thị này./.", "Đề nghị các đồng chí quan tâm chỉ đạo thực hiện./.",
                    "Căn cứ nội dung Kế hoạch này, các cơ quan, đơn vị xây dựng kế hoạch cụ thể./.",
                    # what is to be carried out named as what the document said above, on the item's next line
                    "Đề nghị các huyện chủ động phối hợp triển khai thực hiện theo hướng dẫn nêu trên. Nếu có "
                    "khó khăn, vướng mắc, báo cáo Sở Y tế để kịp thời giải quyết.",
                    "Trong quá trình tổ chức thực hiện kế hoạch, nếu có vướng mắc, các đơn vị phản ánh về Sở Y tế."):
        tasks = extract(HEAD + items + closing + "\n").tasks
        assert tasks[-1].text == "Sở Tài chính bố trí kinh phí.", closing
    article = HEAD + ("Điều 1. Ban hành Quy chế.\n\nĐiều 2. Trách nhiệm thi hành\n\n"
                      "Giám đốc các sở chịu trách nhiệm thi hành Quyết định này./.\n")
    assert "thi hành Quyết định này" in extract(article).tasks[-1].text
    article = HEAD + ("Điều 1. Ban hành Quy chế.\n\nĐiều 2. Sửa đổi, bổ sung Quy chế\n\nTrong quá trình thực hiện "
                      "Quy chế, nếu có vướng mắc, các cơ quan phản ánh về Sở Nội vụ.\n")
    assert "nếu có vướng mắc" in extract(article).tasks[-1].text
    heading = HEAD + items + "3. Ban công tác Mặt trận các thôn\n\nCăn cứ Kế hoạch này, chủ động tham mưu thực hiện.\n"
    assert "chủ động tham mưu" in extract(heading).tasks[-1].text


def test_chapters_and_articles_glued_when_a_copy_lost_its_line_breaks():
    # `... Các sở, ngành. Chương II QUY ĐỊNH CỤ THỂ Điều 3. ...`: the next chapter after a sentence's end, and
    # its first article after the chapter's title in capitals; `DANH MỤC 01 ...` is a caption, no section
    doc = HEAD + ("Chương I\nQUY ĐỊNH CHUNG\n\nĐiều 1. Phạm vi điều chỉnh. Quy định này quy định về quản lý. "
                  "Điều 2. Đối tượng áp dụng. Các sở, ngành. Chương II QUY ĐỊNH CỤ THỂ Điều 3. Trách nhiệm "
                  "của Sở Công Thương.\n\nDANH MỤC 01 THỦ TỤC HÀNH CHÍNH\n")
    assert [p for p, _ in tree(doc)] == ["1", "1.1", "1.2", "2", "2.1"]


def test_a_marker_in_a_box_of_its_own():
    """A converter that set each marker in its own text box leaves it alone on a line, a blank line
    before its text; the next marked line still opens its own node."""
    doc = HEAD + ("1. Các nội dung trong lý lịch\n(1)\nHọ và tên khai sinh: Ghi đúng họ và tên.\n"
                  "(2)\n\nGiới tính: Ghi rõ là nam hoặc nữ.\n\n(3)\nQuê quán: Ghi đầy đủ địa danh.\n"
                  "a)\n\nSử dụng phiếu bổ sung hồ sơ.\n\nb) Quản lý phiếu.\n")
    assert tree(doc) == [("1", "Các nội dung"), ("1.1", "Họ và tên"), ("1.2", "Giới tính: Ghi"),
                         ("1.3", "Quê quán: Ghi"), ("1.3.1", "Sử dụng phiếu"), ("1.3.2", "Quản lý phiếu.")]


def test_a_task_table_whose_heading_spans_two_columns():
    """`Cơ quan thực hiện` over `Chủ trì | Phối hợp`: the heading's second row names the columns, and an
    empty heading cell keeps its column's place (the rows are read by column)."""
    doc = HEAD + ("1. Các sở triển khai các nhiệm vụ tại Phụ lục.\n\nPHỤ LỤC\nDANH MỤC NHIỆM VỤ\n"
                  "| TT | Nội dung công việc | Cơ quan thực hiện | | Thời gian hoàn thành |\n|---|---|---|---|---|\n"
                  "| | | Chủ trì | Phối hợp | |\n"
                  "| 1 | Xây dựng kế hoạch tuyên truyền | Sở Nội vụ | Các sở, ngành | Tháng 3/2026 |\n"
                  "| 2 | Kiểm tra công tác cải cách | Sở Tư pháp | Văn phòng UBND tỉnh | Quý IV/2026 |\n")
    rows = [t for t in extract(doc).tasks if t.path.startswith("A1.")]
    assert [(t.path, [(b.name, b.role) for b in t.bodies]) for t in rows] == [
        ("A1.1", [("Sở Nội vụ", "lead"), ("Các sở, ngành", "coordinate")]),
        ("A1.2", [("Sở Tư pháp", "lead"), ("Văn phòng UBND tỉnh", "coordinate")])]
    assert [[(d.kind, d.value) for d in t.deadlines] for t in rows] == [
        [("period", "2026-03-01/2026-03-31")], [("period", "2026-10-01/2026-12-31")]]


def test_a_compound_place_name_wrapped_at_its_dash_is_no_bullet():
    """`Cái Nước - Đất Mũi` wrapped before its dash, in a long line that is no list item: the dash line
    goes on; a list item that opens with an organ's head (`- Sở Y tế`) stays an item."""
    doc = HEAD + ("1. Bộ Xây dựng đôn đốc các chủ đầu tư triển khai ngay các dự án Cà Mau - Cái Nước, Cái Nước\n"
                  "- Đất Mũi, tuyến giao thông ra đảo Hòn Khoai, bám sát tiến độ đề ra.\n\n"
                  "2. Giao các cơ quan sau rà soát hồ sơ các dự án đường sắt đoạn Lào Cai - Hà Nội - Hải Phòng\n"
                  "- Sở Y tế kiểm tra an toàn thực phẩm.\n")
    assert tree(doc) == [("1", "Bộ Xây dựng"), ("2", "Giao các cơ"), ("2.1", "Sở Y tế")]


def test_a_chain_of_names_wrapped_at_a_dash_is_no_bullet():
    """A re-wrap that leaves a long paragraph a short last line (`cao tốc` / `Ninh Bình` / `- Hải Phòng, ...`), breaks
    a chain of names at one of its dashes (`miền Bắc` / `- Trung -` / `Nam`), or the motto (`Độc lập - Tự do` /
    `- Hạnh phúc`): the dash line goes on.  A dash line after a sentence's end, after a list's item, or that opens
    with an organ's head, stays a bullet."""
    doc = HEAD + ("1. Bộ Xây dựng đẩy nhanh tiến độ dự án tuyến đường bộ cao tốc\nNinh Bình\n"
                  "- Hải Phòng, đoạn qua tỉnh Thái Bình, bảo đảm chất lượng.\n\n"
                  "2. Các tỉnh tổ chức các hoạt động chào mừng trên cả ba miền Bắc\n- Trung -\nNam, bảo đảm an toàn."
                  "\n\n"
                  "3. Công an tỉnh in dòng chữ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM, Độc lập - Tự do\n"
                  "- Hạnh phúc trên mặt trước của thẻ.\n\n"
                  "4. Giao nhiệm vụ cho các cơ quan của tỉnh Ninh Bình\n- Sở Xây dựng - Cơ quan thường trực, chủ trì.\n"
                  "- Hà Nội - Hải Phòng;\n- Hải Phòng - Quảng Ninh;\n\n5. Các tuyến gồm:\n- Hà Nội\n- Hải Phòng\n\n"
                  "6. Các công trình trên cả ba miền Bắc - Trung\n- Nam được khánh thành đúng hạn.\n\n"
                  "7. Các tuyến:\n- Tuyến Hà Nội - Hải Phòng\n- Tuyến Hải Phòng - Quảng Ninh\n")
    assert [p for p, _ in tree(doc)] == ["1", "2", "3", "4", "4.1", "4.2", "4.3", "5", "5.1", "5.2", "6", "7",
                                         "7.1", "7.2"]


def test_a_dash_a_wrap_left_alone_on_its_line_goes_on_the_phrase():
    """`Phòng Văn hóa` / `-` / `Xã hội chủ trì ...`: a dash a wrap left alone on its line, inside a compound the
    line before leaves unfinished, goes on with it; a dash alone before an item's text after a lead-in stays the
    item's bullet."""
    doc = HEAD + ("1. Ủy ban nhân dân cấp xã tiếp nhận hồ sơ và giao Phòng Văn hóa\n-\n"
                  "Xã hội chủ trì, phối hợp với các phòng, ban liên quan thẩm tra hồ sơ.\n\n"
                  "2. Các nội dung sau:\n-\nTăng cường kiểm tra.\n-\nBáo cáo kết quả.\n")
    assert tree(doc) == [("1", "Ủy ban nhân"), ("2", "Các nội dung"), ("2.1", "Tăng cường kiểm"),
                         ("2.2", "Báo cáo kết")]


def test_a_word_between_two_dashes_is_no_bullet():
    """`**- và -**` between the parties of a contract's title (a paragraph of its own), or a name of a chain of
    names (`- Trung -`): a word or two between two dashes is no item."""
    doc = HEAD + ("1. Các bên ký hợp đồng theo mẫu sau.\n\nCÔNG TY ĐIỆN LỰC A\n(BÊN BÁN ĐIỆN)\n\n**- và -**\n\n"
                  "CÔNG TY B\n(BÊN MUA ĐIỆN)\n\n2. Các bên thực hiện hợp đồng.\n")
    assert [p for p, _ in tree(doc)] == ["1", "2"]


def test_a_quoted_articles_number_wrapped_to_a_line_start_is_no_item():
    """`Sửa đổi, bổ sung Điều 13 như sau:` / `“**Điều` / `13. Bồi thường ...**`: the quoted article's heading word
    alone, its number wrapped to the next line, goes on; the amendment's next item keeps its number."""
    doc = HEAD + ("Điều 1. Sửa đổi một số điều của Quy định như sau:\n1. Sửa đổi, bổ sung Điều 13 như sau:\n“**Điều\n"
                  "13. Bồi thường đối với cây trồng**\nMức bồi thường theo Phụ lục.”\n2. Bãi bỏ Điều 14.\n")
    assert [(p, label) for p, label in tree(doc)] == [("1", "Sửa đổi một"), ("1.1", "Sửa đổi, bổ"),
                                                       ("1.2", "Bãi bỏ Điều")]


def test_an_articles_heading_alone_takes_the_words_that_would_close_a_directive():
    """`Điều 2. Hiệu lực thi hành` / `Quyết định này có hiệu lực ...`: the paragraph after an article's heading alone
    is the article's own text, with its bodies (GOLD.md: a paragraph with no marker continues the node above),
    though the same words after a directive's last item close the document and belong to no node."""
    doc = ("Số: 12/QĐ-UBND\nQUYẾT ĐỊNH\nVề việc ban hành Quy chế\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy "
           "chế.\n\nĐiều 2. Hiệu lực thi hành\n\nQuyết định này có hiệu lực kể từ ngày ký. Chánh Văn phòng Ủy ban nhân "
           "dân tỉnh, Giám đốc Sở Nội vụ chịu trách nhiệm thi hành Quyết định này./.\n")
    last = extract(doc).tasks[-1]
    assert last.path == "2" and [(b.name, b.role) for b in last.bodies] == [
        ("Chánh Văn phòng Ủy ban nhân dân tỉnh", "lead"), ("Giám đốc Sở Nội vụ", "lead")]


def test_a_captions_number_wrapped_to_a_line_of_its_own_is_no_item():
    """`... đi đầu - Ảnh` / `1.` / blank: a photo caption's number the wrap left alone, not an item whose
    text follows the blank line."""
    doc = HEAD + ("Thực hiện Đề án 06: Thành phố phấn đấu là địa phương đi đầu - Ảnh\n1.\n\n"
                  "Phó Chủ tịch UBND Thành phố phát biểu tại Hội nghị.\n")
    assert tree(doc) == []


def test_an_enumeration_inside_a_sentence_wrapped_to_a_line_start_is_no_item():
    """`...; (2) Bộ A ...;` / `(3) Bộ B ...`: the numbers in parentheses that a paragraph counts inside its
    sentence stay its text when a wrap puts the next one at a line start."""
    doc = HEAD + ("1. Các cơ quan đã hoàn thành: (1) Bộ Xây dựng rà soát các công trình; (2) Bộ Tài chính\n"
                  "bố trí kinh phí;\n(3) Bộ Công an kiểm tra an toàn.\n\n2. Các xã báo cáo kết quả.\n")
    assert tree(doc) == [("1", "Các cơ quan"), ("2", "Các xã báo")]


def test_an_enumeration_in_roman_numerals_or_letters_inside_a_sentence_is_no_item():
    """`...; (ii) các vướng mắc;` / `(iii) Báo cáo ...`, `...; (b) Sở Tài chính ...;` / `(c) Sở Y tế ...`: an
    enumeration counted in small Roman numerals or letters inside a sentence goes on when a wrap puts its next
    label at a line start; a list whose labels open lines from the first (`(a)` after a colon) keeps its items."""
    doc = HEAD + ("1. Các bộ gửi báo cáo gồm: (i) kết quả rà soát văn bản; (ii) các vướng mắc chưa xử lý;\n"
                  "(iii) Báo cáo về cắt giảm thủ tục hành chính.\n\n"
                  "2. Phân công: (a) Sở Nội vụ tổng hợp; (b) Sở Tài chính\nbố trí kinh phí;\n(c) Sở Y tế kiểm tra.\n\n"
                  "3. Các nội dung sau:\n(a) Rà soát hồ sơ;\n(b) Báo cáo kết quả.\n")
    assert [p for p, _ in tree(doc)] == ["1", "2", "3", "3.1", "3.2"]


def test_an_appendix_section_cited_in_a_sentence_and_wrapped_to_a_line_start_is_no_heading():
    """`... tại mục 2 Phụ lục` / `VI.8 kèm theo Quyết định số ...`: a Roman heading's decimal number that a
    sentence cites, wrapped after a word a numeral follows, goes on; `II.1.` under an open `II.` stays its child."""
    doc = HEAD + ("I. ĐIỀU CHỈNH QUY HOẠCH\n"
                  "1. Điều chỉnh tên dự án khai thác tại mục 1 Phụ lục III.10 và mục 2 Phụ lục\n"
                  "VI.8 kèm theo Quyết định số 866/QĐ-TTg ngày 18 tháng 7 năm 2023.\n\n"
                  "II. TỔ CHỨC THỰC HIỆN\nII.1. Sở Công Thương chủ trì thực hiện.\n")
    assert [p for p, _ in tree(doc)] == ["1", "1.1", "2", "2.1"]


def test_a_roman_numeral_that_closes_a_parenthesis_is_no_heading():
    """`(... các Quý I, II và` / `III); hạn gửi ...`: a Roman numeral at a line start that closes the parenthesis
    the line before left open is a wrapped word of the sentence, as a number is; a Roman heading after a
    sentence's end stays."""
    doc = HEAD + ("I. CHẾ ĐỘ BÁO CÁO\n1. Các đơn vị báo cáo định kỳ theo quý (trừ các Quý I, II và\n"
                  "III); hạn gửi báo cáo là ngày 10 của tháng đầu quý sau.\n\n"
                  "II) TỔ CHỨC THỰC HIỆN\n1. Sở Tài chính theo dõi.\n")
    assert [p for p, _ in tree(doc)] == ["1", "1.1", "2", "2.1"]


def test_a_dash_before_punctuation_is_no_bullet():
    """OCR debris that opens a line with a dash (`-.+ 4x`), a wrapped line's noise (`-_ trong việc`)
    and the blanks of a form to fill in (`- ..........;`) are no nodes; the items around them keep
    their paths."""
    doc = HEAD + ("-.+ 4x ỦY BAN NHÂN DÂN\n"
                  "Căn cứ Luật Phòng cháy, chữa cháy;\n"
                  "1. Sở Xây dựng rà soát các công trình cao tầng, khó khăn\n"
                  "-_ trong việc thẩm duyệt thiết kế.\n"
                  "2. Các huyện báo cáo theo mẫu:\n"
                  "- ..........................;\n"
                  "- Tên công trình kiểm tra.\n")
    assert tree(doc) == [("1", "Sở Xây dựng"), ("2", "Các huyện báo"), ("2.1", "Tên công trình")]


def test_a_number_that_closes_a_parenthesis_is_no_marker():
    doc = HEAD + ("1. Thời điểm xây dựng quy hoạch nhiệm kỳ kế tiếp (Khoản 1, Điều\n24):\n"
                  "Sở Nội vụ xây dựng quy hoạch; xét theo đối tượng (đối tượng 1 và đối tượng\n"
                  "2). Ví dụ: cán bộ cấp phòng.\n\n2. Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Thời điểm xây"), ("2", "Sở Tài chính")]


def test_a_chapter_cited_in_running_words_is_no_heading():
    doc = HEAD + ("1. Việc giới thiệu người ứng cử được thực hiện theo quy định tại\n"
                  "Chương II của Nghị quyết số 101/2025/UBTVQH15.\n\n2. Sở Tài chính bố trí kinh phí.\n"
                  "Chương III\nTỔ CHỨC THỰC HIỆN\n\nĐiều 5. Các sở thi hành.\n")
    assert tree(doc) == [("1", "Việc giới thiệu"), ("2", "Sở Tài chính"), ("3", "TỔ CHỨC THỰC"),
                         ("3.1", "Các sở thi")]
    # the chapter of the document itself, its name cut by the wrap (`Chương IV Nghị` / `quyết này`); a chapter's
    # own line with its title (`Chương I Quy định chung`) stays a heading after a title line
    doc = HEAD + ("1. Đề án gồm các nội dung quy định tại\nChương IV Nghị\nquyết này; nhu cầu kinh phí.\n\n"
                  "2. Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Đề án gồm"), ("2", "Sở Tài chính")]
    doc = HEAD + "QUY CHẾ\nLàm việc của Ủy ban nhân dân tỉnh\nChương I Quy định chung\nĐiều 1. Sở Y tế chủ trì.\n"
    assert [t.label for t in extract(doc).tasks] == ["Chương I", "Điều 1."]


def test_a_system_function_code_is_no_roman_heading():
    doc = HEAD + ("1. Công chức nhập chứng từ đủ điều kiện qua khu vực giám sát thông qua chức năng\n"
                  "IX.B.2 “Chứng từ đủ điều kiện qua KVGS” trên Hệ thống V5.\n\n2. Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Công chức nhập"), ("2", "Sở Tài chính")]


def test_an_attachment_announced_after_its_long_title_in_the_same_paragraph():
    # the annex's title in capitals wrapped at the dash of `kinh tế - xã hội`, run onto the signature and
    # into its `(Kèm theo ...)`: the plan's outline is the attachment's
    doc = ("BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG\nSố: 59/QĐ-BTNMT\nQUYẾT ĐỊNH\nVề việc ban hành Chương trình hành động\n"
           "Điều 1. Ban hành kèm theo Quyết định này Chương trình hành động.\n"
           "Điều 2. Quyết định này có hiệu lực thi hành kể từ ngày ký.\n"
           "Nơi nhận:\n- Như Điều 2;\n- Lưu: VT.\n"
           "BỘ TRƯỞNG Nguyễn Văn An CHƯƠNG TRÌNH HÀNH ĐỘNG THỰC HIỆN KẾ HOẠCH PHÁT TRIỂN KINH TẾ\n"
           "- XÃ HỘI VÀ DỰ TOÁN NGÂN SÁCH NHÀ NƯỚC NĂM 2024; NGHỊ QUYẾT SỐ 02/NQ-CP VỀ CẢI THIỆN MÔI TRƯỜNG KINH "
           "DOANH, NÂNG CAO NĂNG LỰC CẠNH TRANH QUỐC GIA NĂM 2024 (Kèm theo Quyết định số 59/QĐ-BTNMT ngày 08 "
           "tháng 01 năm 2024 của Bộ trưởng) Thực hiện các Nghị quyết của Chính phủ, Bộ ban hành Chương trình:\n"
           "I. BỐI CẢNH CHUNG Năm 2023 là năm có ý nghĩa quan trọng.\n"
           "II. NHIỆM VỤ CHỦ YẾU\n1. Trình Quốc hội thông qua dự án Luật Đất đai.\n")
    assert tree(doc)[2:] == [("A1.1", "BỐI CẢNH CHUNG"), ("A1.2", "NHIỆM VỤ CHỦ"), ("A1.2.1", "Trình Quốc hội")]


def test_items_in_parentheses_after_a_lead_in_that_left_one_open():
    # the lead-in's parenthesis is left open, but its colon announces the items
    doc = HEAD + ("a. Các sở (theo phân công tại Kế hoạch số 5/KH-UBND thực hiện các nội dung sau:\n"
                  "1) Rà soát văn bản.\n2) Báo cáo kết quả.\n")
    assert tree(doc) == [("1", "Các sở (theo"), ("1.1", "Rà soát văn"), ("1.2", "Báo cáo kết")]


def test_bullets_in_capitals_under_a_long_heading_stay_bullets():
    # a dash that opens a line wraps a compound (`KINH TẾ` / `- XÃ HỘI`, models/gazetteer/dash_compounds.tsv),
    # not any line in capitals
    doc = HEAD + ("I. NHIỆM VỤ TRỌNG TÂM CỦA CÁC CƠ QUAN, ĐƠN VỊ TRONG NĂM 2025 VÀ NHỮNG NĂM TIẾP THEO\n"
                  "- SỞ Y TẾ CHỦ TRÌ TRIỂN KHAI\n- SỞ TÀI CHÍNH BỐ TRÍ KINH PHÍ\n"
                  "II. PHÁT TRIỂN KINH TẾ\n- XÃ HỘI VÀ BẢO ĐẢM QUỐC PHÒNG\n- AN NINH TRÊN ĐỊA BÀN\n")
    assert tree(doc) == [("1", "NHIỆM VỤ TRỌNG"), ("1.1", "SỞ Y TẾ"), ("1.2", "SỞ TÀI CHÍNH"), ("2", "PHÁT TRIỂN KINH")]


def test_the_first_bullet_after_an_opening_run_onto_the_addressee_is_a_task():
    # a copy that lost its blank lines runs the opening sentence onto the `Kính gửi` line; the dash after
    # its `như sau:` opens the body's list, it is no addressee
    doc = ("BỘ TÀI CHÍNH\nCỤC THUẾ\nSố: 5680/CT-CS\nV/v thuế thu nhập cá nhân\nHà Nội, ngày 01 tháng 12 năm 2025\n"
           "Kính gửi: Ban Tuyên giáo và Dân vận Trung ương\nCục Thuế\nnhận được công văn số 1879-CV/BTGVTW của Ban "
           "Tuyên giáo và Dân vận Trung ương về việc đề nghị không tính vào thu nhập chịu thuế. Về vấn đề\nnày, Cục "
           "Thuế có ý kiến như sau:\n- Tại Điều 11 Luật thuế thu nhập cá nhân quy định thu nhập chịu thuế.\n"
           "- Tại Điều 2 Thông tư số 111/2013/TT-BTC quy định thu nhập từ tiền lương.\n")
    assert tree(doc) == [("1", "Tại Điều 11"), ("2", "Tại Điều 2")]


def test_a_chapter_word_alone_after_an_attachment_note_opens_the_chapter():
    # `(Ban hành kèm theo ...)` then `Chương` / `I` (its number wrapped), without blank lines
    doc = HEAD + ("1. Ban hành kèm theo Quyết định này Quy chế.\n\nQUY CHẾ\nLÀM VIỆC CỦA ỦY BAN\n"
                  "*(Ban hành kèm theo Quyết định số 72/2025/QĐ-UBND)*\n**Chương\nI**\n**QUY ĐỊNH CHUNG**\n"
                  "**Điều\n1. Phạm vi điều chỉnh**\nQuy chế này quy định về làm việc.\n")
    assert tree(doc.replace("\n\n", "\n"))[1:3] == [("A1.1", "QUY ĐỊNH CHUNG"),
                                                       ("A1.1.1", "Phạm vi điều")]


def test_the_adoption_formula_of_a_resolution_belongs_to_no_node_and_dates_nothing():
    # `Nghị quyết này đã được Hội đồng nhân dân ... thông qua ngày ...`: the act of adopting the text itself
    doc = ("HỘI ĐỒNG NHÂN DÂN TỈNH A\nSố: 12/2025/NQ-HĐND\nA, ngày 18 tháng 11 năm 2025\nNGHỊ QUYẾT\nVề thử\n"
           "Điều 1. Sở Y tế chủ trì triển khai.\nĐiều 2. Tổ chức thực hiện\n1. Giao Ủy ban nhân dân tỉnh tổ chức "
           "thực hiện.\n2. Giao Thường trực Hội đồng nhân dân giám sát việc thực hiện Nghị quyết.\n{}\n"
           "Nơi nhận:\n- Như Điều 2;\n")
    for formula in ("Nghị quyết này đã được Hội đồng nhân dân tỉnh A khóa X, kỳ họp chuyên đề lần thứ 28 thông qua "
                    "ngày 18 tháng 11 năm 2025 và có hiệu lực từ ngày 01 tháng 12 năm 2025./.",
                    "Nghị quyết được Hội đồng nhân dân tỉnh A khóa X, kỳ họp 28 thông qua ngày 18/11/2025./."):
        r = extract(doc.format(formula))
        assert r.tasks[-1].path == "2.2" and r.tasks[-1].text.endswith("thực hiện Nghị quyết.")
        assert [d.text for t in r.tasks for d in t.deadlines] == []


def test_slash_markers_on_lines_with_no_blank_between():
    # `1/`, `a/` (a Party habit) open items on their own lines; a symbol's number wrapped to a line's start
    # (`06/QĐ-TTg`, no space after its slash) opens none
    doc = HEAD + ("1/ Sở Y tế chủ trì kiểm tra theo Quyết định số\n06/QĐ-TTg của Thủ tướng Chính phủ.\n"
                  "a/ Kiểm tra các cơ sở.\nb/ Báo cáo kết quả.\n2/ Sở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "Sở Y tế"), ("1.1", "Kiểm tra các"), ("1.2", "Báo cáo kết"), ("2", "Sở Tài chính")]
