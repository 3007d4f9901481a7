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
    # replacing, repealing, continuing: the act of the document cited right before the cue
    ("Nghị định số 12/2025/NĐ-CP thay thế Nghị định số 34/2019/NĐ-CP có hiệu lực từ ngày 01/7/2025.",
     [("12/2025/NĐ-CP", "mentions"), ("34/2019/NĐ-CP", "mentions")]),
    ("Quyết định số 20/QĐ-UBND bãi bỏ Quyết định số 12/QĐ-UBND đã được công bố.",
     [("20/QĐ-UBND", "mentions"), ("12/QĐ-UBND", "mentions")]),
    ("Chỉ thị số 10-CT/TU tiếp tục Chỉ thị số 05-CT/TU về công tác cán bộ.",
     [("10-CT/TU", "mentions"), ("05-CT/TU", "mentions")]),
    ("Căn cứ Nghị định số 20/2025/NĐ-CP ngày 01/02/2025 của Chính phủ thay thế Nghị định số 11/2020/NĐ-CP;",
     [("20/2025/NĐ-CP", "based_on"), ("11/2020/NĐ-CP", "mentions")]),
    # ... while the citing document's own act still names what it acts on
    ("Bãi bỏ Quyết định số 12/2016/QĐ-UBND và Quyết định số 13/2016/QĐ-UBND.",
     [("12/2016/QĐ-UBND", "repeals"), ("13/2016/QĐ-UBND", "repeals")]),
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


@pytest.mark.parametrize("text,expected", [
    # a cue inside a topic noun phrase (SCHEMA.md): the date another document takes effect, a budget line
    ("Điều 3. Quyết định này có hiệu lực thi hành kể từ ngày Nghị định số 268/2025/NĐ-CP ngày 14/10/2025 của "
     "Chính phủ có hiệu lực.", [("268/2025/NĐ-CP", "mentions")]),
    ("- Kinh phí thực hiện hỗ trợ tiền điện hộ nghèo theo Quyết định số 14/2025/QĐ-TTg ngày 29/5/2025.",
     [("14/2025/QĐ-TTg", "mentions")]),
    # ... but the document's own cue before such a phrase still governs
    ("Thực hiện Chỉ thị số 08/CT-TTg ngày 12/5/2023 của Thủ tướng Chính phủ, UBND tỉnh giao kinh phí.",
     [("08/CT-TTg", "implements")]),
])
def test_a_cue_inside_a_topic_noun_phrase_is_no_relation(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text,relation", [
    # a provision of the cited document hung on the cue by `theo`, as `tại khoản` is
    ("a) Thành phần hồ sơ thực hiện theo khoản 1 Điều 7 Nghị định số 213/2025/NĐ-CP ngày 30/7/2025.", "mentions"),
    ("1. Kinh phí bồi dưỡng thực hiện theo điểm a khoản 1 Điều 20 Nghị định số 42/2022/NĐ-CP.", "mentions"),
    # `theo mục tiêu`, `điều kiện` name no provision
    ("Triển khai các nhiệm vụ theo mục tiêu của Nghị quyết số 57-NQ/TW ngày 22/12/2024.", "implements"),
    ("Triển khai thực hiện phù hợp điều kiện địa phương Kế hoạch số 45/KH-UBND ngày 02/02/2024.", "implements"),
    # an amending, repealing or replacing cue acts on the provision itself
    ("Bãi bỏ khoản 2 Điều 1 Quyết định số 12/2016/QĐ-UBND ngày 01/3/2016 của UBND tỉnh.", "repeals"),
    ("2. Nghị định này bãi bỏ các quy định về đào tạo quy định tại Nghị định số 101/2017/NĐ-CP.", "repeals"),
    ("Thay thế Phụ lục II ban hành kèm theo Quyết định số 20/2023/QĐ-UBND ngày 05/5/2023.", "replaces"),
    # ... not on a document named in the words it quotes, nor on one its object is done `theo`
    ("7. Thay thế cụm từ “Thông tư số 36/2018/TT-BTC ngày 30/3/2018 của Bộ Tài chính”", "mentions"),
    ("Công chức hướng dẫn người khai thực hiện việc khai sửa đổi, bổ sung số hiệu container theo hướng dẫn tại "
     "điểm b khoản 3 Công văn số 18195/BTC-TCHQ ngày 8/12/2015.", "mentions"),
    ("[24] Điểm này được sửa đổi, bổ sung theo quy định tại điểm c khoản 7 Điều 1 của Thông tư số "
     "101/2025/TT-BQP.", "mentions"),
])
def test_provisions_and_the_cues_that_act_on_them(text, relation):
    assert relations(text)[-1][1] == relation


def test_a_heading_in_capitals_governs_nothing_in_small_letters_after_it():
    text = ("PHỤ LỤC III KẾT QUẢ THỰC HIỆN GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH (Kèm theo Công điện số 220/CĐ-TTg "
            "ngày 18 tháng 11 năm 2025 của Thủ tướng Chính phủ)")
    assert relations(text) == [("220/CĐ-TTg", "mentions")]


@pytest.mark.parametrize("text,expected", [
    # a cue after an opening `Căn cứ` describes the basis
    ("Căn cứ các Nghị định của Chính phủ quy định chi tiết thi hành một số điều của Luật Quy hoạch (số "
     "37/2019/NĐ-CP ngày 07/5/2019, số 58/2023/NĐ-CP ngày 12/8/2023);",
     [("37/2019/NĐ-CP", "based_on"), ("58/2023/NĐ-CP", "based_on")]),
    # the laws that amend a basis, as printed with their slips, are bases too
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15 được sửa đổi bổ sung bởi Luật số "
     "87/2025/QH15;", [("64/2025/QH15", "based_on"), ("87/2025/QH15", "based_on")]),
    ("Căn cứ Luật Đất đai số 31/2024/QH15 được sửa đổi, bổ sung một số điều bởi các Luật số 43/2024/QH15, "
     "số 47/2024/QH15 và số 95/2025/QH15;", [("31/2024/QH15", "based_on"), ("43/2024/QH15", "based_on"),
                                             ("47/2024/QH15", "based_on"), ("95/2025/QH15", "based_on")]),
    # a `;` that opens a clause of its own, not another basis, ends the reach of `Căn cứ`
    ("2. Căn cứ nhiệm vụ được giao, các bộ khẩn trương rà soát; đề xuất nhu cầu kinh phí đáp ứng yêu cầu "
     "Nghị quyết số 57-NQ/TW.", [("57-NQ/TW", "mentions")]),
    ("Căn cứ Luật Tổ chức chính quyền địa phương; Luật Ngân sách nhà nước; Nghị định số 163/2016/NĐ-CP;",
     [("163/2016/NĐ-CP", "based_on")]),
])
def test_what_an_opening_can_cu_governs(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text,expected", [
    # numbered items under `Căn cứ:` are bases, as bullets are
    ("Căn cứ:\n1. Luật Đầu tư công số 58/2024/QH15;\n2. Nghị định số 85/2025/NĐ-CP ngày 08/4/2025 của Chính phủ.",
     [("58/2024/QH15", "based_on"), ("85/2025/NĐ-CP", "based_on")]),
    # ... but numbered items under a section heading are tasks, and a heading in capitals governs no bullet
    ("Tổ chức thực hiện:\n1. Quyết định số 15/QĐ-UBND ngày 02/01/2024 của UBND tỉnh.", [("15/QĐ-UBND", "mentions")]),
    ("TỔ CHỨC THỰC HIỆN:\n- Quyết định số 15/QĐ-UBND ngày 02/01/2024 của UBND tỉnh.", [("15/QĐ-UBND", "mentions")]),
    # a numbered line ending with `:` leads its own list (`2. Tuyên truyền các văn bản ... Đề án 06:`)
    ("Căn cứ Công văn số 2854-CV/BTGTU ngày 08/5/2023, Đảng ủy đề nghị như sau:\n"
     "2. Tuyên truyền các văn bản chỉ đạo thực hiện Đề án 06:\n- Chỉ thị số 05/CT-TTg ngày 23/02/2023.",
     [("2854-CV/BTGTU", "based_on"), ("06", "implements"), ("05/CT-TTg", "mentions")]),
])
def test_list_items_under_a_lead_line(text, expected):
    assert relations(text) == expected


def test_a_programme_named_with_its_owners_code_is_no_symbol_and_its_short_name_an_alias():
    text = ("Tiếp tục triển khai các nhiệm vụ được giao trong Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ "
            "tướng Chính phủ phê duyệt Đề án phát triển ứng dụng dữ liệu về dân cư (Đề án 06/CP) và các yêu cầu "
            "của Tổ công tác triển khai Đề án 06/CP.")
    cites, aliases = find_citations(text)
    assert [(c.symbol, c.relation) for c in cites] == [("06/QĐ-TTg", "implements")]
    assert [(a.alias, a.refers_to) for a in aliases] == [("Đề án 06/CP", cites[0].target)]


@pytest.mark.parametrize("text,expected", [
    # a list whose lines were wrapped: the line after `;` goes on with the list's cue
    ("Căn cứ Luật Công an nhân dân số 37/2018/QH14 được sửa đổi, bổ sung bởi Luật số 21/2023/QH15; Luật số\n"
     "30/2023/QH15;\nLuật số 38/2024/QH15 và Luật số 52/2024/QH15;",
     [("37/2018/QH14", "based_on"), ("21/2023/QH15", "based_on"), ("30/2023/QH15", "based_on"),
      ("38/2024/QH15", "based_on"), ("52/2024/QH15", "based_on")]),
    # ... and a list set one document a line, the first after its cue
    ("Thực hiện Chỉ thị số 28/CT-TTg ngày 18/9/2025 của Thủ tướng Chính phủ;\nHướng dẫn số 7886/HD-BNV ngày "
     "14/9/2025 của Bộ Nội vụ, UBND tỉnh ban hành Kế hoạch.",
     [("28/CT-TTg", "implements"), ("7886/HD-BNV", "implements")]),
    # a sentence that ended, or a line with its own words before the citation, starts afresh
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ.\nNghị định số 92/2017/NĐ-CP đã được "
     "thực thi.", [("63/2010/NĐ-CP", "based_on"), ("92/2017/NĐ-CP", "mentions")]),
    ("Căn cứ Nghị định số 63/2010/NĐ-CP ngày 08/6/2010 của Chính phủ;\nTheo đề nghị của Sở Tư pháp tại Tờ trình "
     "số 12/TTr-STP ngày 02/3/2024.", [("63/2010/NĐ-CP", "based_on"), ("12/TTr-STP", "mentions")]),
])
def test_a_list_goes_on_across_its_line_breaks(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a cue right after a type word with no number describes that document (SCHEMA.md: a topic noun phrase)
    ("Bộ Y tế khẩn trương hoàn thiện hồ sơ dự thảo Quyết định sửa đổi, bổ sung Quyết định số 1286/QĐ-TTg ngày "
     "25/12/2022 của Thủ tướng Chính phủ.", [("1286/QĐ-TTg", "mentions")]),
    ("Văn phòng Chính phủ chủ trì xây dựng, trình Chính phủ Nghị định sửa đổi, bổ sung Nghị định số 61/2018/NĐ-CP.",
     [("61/2018/NĐ-CP", "mentions")]),
    # ... but opening the clause, the type word names the citing document itself
    ("Thông tư sửa đổi, bổ sung một số điều của Thông tư số 03/2023/TT-BCA ngày 19/01/2023.",
     [("03/2023/TT-BCA", "amends")]),
    # a law named at length in a list of bases: the cue words are its name
    ("Căn cứ Luật Ban hành văn bản quy phạm pháp luật số 64/2025/QH15, Luật Sửa đổi, bổ sung một số điều của Luật "
     "Ban hành văn bản quy phạm pháp luật số 87/2025/QH15;",
     [("64/2025/QH15", "based_on"), ("87/2025/QH15", "based_on")]),
    ("Căn cứ Luật Xây dựng số 50/2014/QH13, được sửa đổi, bổ sung tại Luật sửa đổi, bổ sung một số điều của Luật "
     "Xây dựng số 62/2020/QH14;", [("50/2014/QH13", "based_on"), ("62/2020/QH14", "based_on")]),
    # cue words as OCR misreads their tones
    ("Triên khai thực hiện Quyết định số 358/QĐ-TTg ngày 10/3/2020 của Thủ tướng Chính phủ.",
     [("358/QĐ-TTg", "implements")]),
    ("Căn cư Nghị định số 39/2022/NĐ-CP ngày 18/6/2022 của Chính phủ;", [("39/2022/NĐ-CP", "based_on")]),
])
def test_type_words_names_and_misread_tones(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a colon before a capital ends the trích yếu of the citation before it: a new clause with its own cue
    ("Xét báo cáo của Ủy ban nhân dân tỉnh (văn bản số 84/BC-UBND ngày 19/11/2025) về tình hình cung ứng vật liệu, "
     "Phó Thủ tướng có ý kiến như sau: Chủ tịch Ủy ban nhân dân tỉnh khẩn trương làm việc với các địa phương theo "
     "chỉ đạo của Thủ tướng Chính phủ tại Thông báo số 627/TB-VPCP ngày 18/11/2025.",
     [("84/BC-UBND", "mentions"), ("627/TB-VPCP", "implements")]),
    # ... not a colon inside the title (`giai đoạn I: từ năm ...`)
    ("Căn cứ Quyết định số 1719/QĐ-TTg ngày 14/10/2021 phê duyệt Chương trình giai đoạn I: từ năm 2021 đến năm 2025 "
     "được sửa đổi, bổ sung bởi Quyết định số 18/2023/QĐ-TTg ngày 01/7/2023;",
     [("1719/QĐ-TTg", "based_on"), ("18/2023/QĐ-TTg", "based_on")]),
])
def test_a_colon_before_a_capital_opens_a_clause(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a document the text says was issued is no object of the cue before `ban hành`
    ("Ngày 23/10/2025, Ngân hàng Nhà nước tiếp tục ban hành Quyết định số 3539/QĐ-NHNN bổ sung phương án.",
     [("3539/QĐ-NHNN", "mentions")]),
    ("Để triển khai thực hiện, Ủy ban nhân dân huyện đã ban hành Kế hoạch số 45/KH-UBND ngày 02/3/2024.",
     [("45/KH-UBND", "mentions")]),
    # ... `ban hành kèm theo` still says where the cue's object is
    ("Điều 1. Tiếp tục áp dụng giá thóc tại Quyết định số 3842/QĐ-UBND ngày 17/7/2025 của UBND thành phố.",
     [("3842/QĐ-UBND", "continues")]),
])
def test_an_issued_document_is_no_object_of_the_cue(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text,expected", [
    # a line opening with `Tiếp tục` is a clause of its own: the `Căn cứ` of the line above (no final
    # punctuation) does not run on into it
    ("Căn cứ nhiệm vụ trọng tâm năm 2025 của Đảng ủy\nTiếp tục đẩy mạnh công tác tuyên truyền, phổ biến, "
     "nâng cao nhận thức của cán bộ, đảng viên và nhân dân về phòng, chống tham nhũng theo Chỉ thị số "
     "12-CT/TU ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy.", [("12-CT/TU", "continues")]),
    # an opening cue reaches `theo` across the commas of its objects
    ("Thực hiện rà soát, sắp xếp, kiện toàn tổ chức bộ máy các cơ quan, đơn vị trực thuộc bảo đảm tinh gọn, "
     "hoạt động hiệu lực, hiệu quả theo Kết luận số 121-KL/TW ngày 24/01/2025 của Ban Chấp hành Trung ương.",
     [("121-KL/TW", "implements")]),
    # a semicolon item named at length before its number shares the cue
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; Luật Bầu cử đại "
     "biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13;",
     [("30/2020/NĐ-CP", "based_on"), ("85/2015/QH13", "based_on")]),
    # a semicolon item that is a clause of its own does not
    ("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05/3/2020 của Chính phủ về công tác văn thư; Ủy ban nhân dân "
     "tỉnh đã có văn bản số 45/UBND-VP ngày 02/4/2024.", [("30/2020/NĐ-CP", "based_on"), ("45/UBND-VP", "mentions")]),
    # a predicate implementing verb with an object governs `theo quy định tại`
    ("Các sở, ngành thực hiện rà soát dữ liệu theo quy định tại Nghị định số 47/2024/NĐ-CP ngày 09/5/2024.",
     [("47/2024/NĐ-CP", "implements")]),
    # a second object joined after a title shares the cue
    ("Thực hiện Chỉ thị số 12-CT/TU ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy về tăng cường công tác dân vận "
     "và hướng dẫn của Sở Nội vụ tại Công văn số 456/SNV-XDCQ ngày 10/3/2024, Ủy ban nhân dân xã ban hành "
     "Kế hoạch.", [("12-CT/TU", "implements"), ("456/SNV-XDCQ", "implements")]),
])
def test_what_an_opening_cue_reaches(text, expected):
    assert relations(text) == expected


@pytest.mark.parametrize("text", [
    # a comma before a capitalised subject: the citation hangs on the main clause
    "Tiếp tục đẩy mạnh công tác tuyên truyền, phổ biến về phòng, chống tham nhũng, Sở Nội vụ tổng hợp kết quả "
    "theo Chỉ thị số 12-CT/TU ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy.",
    # far after commas, `theo quy định tại` says how the last act is done
    "Thực hiện rà soát, sắp xếp, kiện toàn tổ chức bộ máy các cơ quan, đơn vị trực thuộc bảo đảm tinh gọn, hoạt "
    "động hiệu lực, hiệu quả theo quy định tại Nghị định số 120/2020/NĐ-CP ngày 07/10/2020 của Chính phủ.",
])
def test_an_opening_cue_does_not_reach_past_a_new_subject_or_far_to_quy_dinh_tai(text):
    assert relations(text)[0][1] == "mentions"


@pytest.mark.parametrize("text", [
    "Định mức trên bảo đảm chi phí để thực hiện các công việc hỗ trợ theo quy định tại Nghị định số 47/2024/NĐ-CP.",
    "Hồ sơ phải nộp khi thực hiện thủ tục giao đất theo quy định tại Nghị định số 47/2024/NĐ-CP.",
    "Các sở, ngành thực hiện theo quy định tại Nghị định số 47/2024/NĐ-CP ngày 09/5/2024.",
])
def test_a_purpose_a_time_or_a_verb_alone_does_not_govern_theo_quy_dinh_tai(text):
    assert relations(text) == [("47/2024/NĐ-CP", "mentions")]


def test_a_document_named_inside_a_title_is_only_mentioned():
    text = ("Thực hiện Chỉ thị số 12-CT/TU ngày 05/3/2024 của Ban Thường vụ Tỉnh ủy về tăng cường công tác dân vận "
            "theo Công văn số 456/SNV-XDCQ ngày 10/3/2024.")
    assert relations(text)[1] == ("456/SNV-XDCQ", "mentions")


def test_an_issuer_printed_after_a_list_under_one_type_word_is_the_lists():
    # `của X` after `Quyết định số 40/... và số 41/... ngày ...` names the issuer of both; the date stays the last's
    cites, _ = find_citations("Thực hiện Quyết định số 40/QĐ-UBND và số 41/QĐ-UBND ngày 5/1/2024 "
                              "của UBND tỉnh Tuyên Quang.")
    assert [(c.symbol, c.date, c.issuer) for c in cites] == [
        ("40/QĐ-UBND", None, "UBND tỉnh Tuyên Quang"), ("41/QĐ-UBND", "2024-01-05", "UBND tỉnh Tuyên Quang")]
