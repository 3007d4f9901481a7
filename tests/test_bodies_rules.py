"""Rules of role assignment and mention boundaries, one made-up sentence each (none from a corpus)."""
import pytest

from pipeline.bodies.stage import bodies_stage, find_bodies, mentions, tokenize
from pipeline.model import Document, Header, Source, Task


def pairs(text, **kw):
    return [(b.name, b.role) for b in find_bodies(text, **kw)]


# ---- directing verbs: the subject oversees, the object leads ------------------------------------

def test_directing_verb_after_a_long_subject_phrase():
    assert pairs("Bộ Công Thương, với vai trò cơ quan thường trực, chỉ đạo các doanh nghiệp xăng dầu bảo đảm "
                 "nguồn cung.") == [("Bộ Công Thương", "oversee"), ("các doanh nghiệp", "lead")]


def test_chu_tri_keeps_lead_when_it_also_urges_others():
    assert pairs("Sở Tài chính chủ trì theo dõi, đôn đốc các địa phương triển khai.") == [
        ("Sở Tài chính", "lead"), ("Sở Tài chính", "oversee"), ("các địa phương", "lead")]


def test_list_of_places_after_a_colon_directs_investors():
    got = pairs("Ủy ban nhân dân các tỉnh: Sơn La, Lai Châu quyết liệt chỉ đạo các chủ đầu tư đẩy nhanh tiến độ.")
    assert got == [("Ủy ban nhân dân các tỉnh", "oversee"), ("Sơn La", "oversee"), ("Lai Châu", "oversee"),
                   ("các chủ đầu tư", "lead")]


def test_under_the_direction_of_is_oversight():
    assert pairs("Thực hiện nghiêm chế độ trực theo chỉ đạo của Bộ trưởng Bộ Tài chính.") == [
        ("Bộ trưởng Bộ Tài chính", "oversee")]
    # a document of direction is no oversight
    assert pairs("Triển khai các văn bản chỉ đạo của cấp trên.") == []


# ---- reporting ------------------------------------------------------------------------------------

def test_report_through_an_office_reports_to_both():
    assert pairs("Định kỳ báo cáo về Ủy ban nhân dân tỉnh (qua Sở Nội vụ) trước ngày 15 hằng tháng.") == [
        ("Ủy ban nhân dân tỉnh", "report_to"), ("Sở Nội vụ", "report_to")]


def test_register_with_is_reporting():
    assert pairs("Các sở, ngành đăng ký với Ủy ban nhân dân tỉnh (qua Sở Kế hoạch và Đầu tư) danh mục dự án.") == [
        ("Các sở, ngành", "lead"), ("Ủy ban nhân dân tỉnh", "report_to"), ("Sở Kế hoạch và Đầu tư", "report_to")]


def test_competent_authority_is_a_body():
    assert pairs("Trường hợp vượt thẩm quyền, kịp thời báo cáo cấp có thẩm quyền xem xét.") == [
        ("cấp có thẩm quyền", "report_to")]
    assert pairs("Hoàn thiện hồ sơ, trình cấp có thẩm quyền phê duyệt.") == []


def test_working_with_is_coordination():
    assert pairs("Sở Y tế chủ trì, làm việc với Sở Tài chính để thống nhất phương án.") == [
        ("Sở Y tế", "lead"), ("Sở Tài chính", "coordinate")]


# ---- who acts -------------------------------------------------------------------------------------

def test_clause_opening_do_names_the_actor():
    assert pairs("Kinh phí mua sắm thiết bị: Do các doanh nghiệp tự bố trí.") == [("các doanh nghiệp", "lead")]
    assert pairs("Áp dụng mẫu biểu theo Quyết định do Bộ Tài chính ban hành.") == []


def test_guiding_leads_only_when_it_opens_the_clause():
    assert pairs("Hướng dẫn đoàn cấp huyện tổ chức đánh giá.") == [("đoàn cấp huyện", "lead")]
    assert pairs("Sở Tư pháp chủ trì và hướng dẫn các doanh nghiệp thực hiện.") == [("Sở Tư pháp", "lead")]


def test_subject_after_a_fronted_phrase_with_commas():
    assert pairs("Đối với hồ sơ liên quan đến đại biểu Quốc hội, Ban Thường trực Ủy ban MTTQ xã phải chuyển "
                 "ngay.") == [("Ban Thường trực Ủy ban MTTQ xã", "lead")]


def test_subject_list_with_descriptions():
    assert pairs("Chánh Văn phòng thuộc Bộ, Giám đốc Công an các tỉnh, tổ chức, cá nhân có liên quan chịu "
                 "trách nhiệm thi hành Thông tư này.") == [
        ("Chánh Văn phòng", "lead"), ("Giám đốc Công an các tỉnh", "lead"),
        ("tổ chức, cá nhân có liên quan", "lead")]


def test_acknowledging_is_no_assignment():
    assert pairs("Ban Thường vụ Tỉnh ủy ghi nhận và biểu dương các cấp ủy, tổ chức đảng đã nỗ lực.") == []


def test_comrades_with_lower_case_titles():
    got = pairs("Yêu cầu các đồng chí bí thư huyện ủy trực tiếp chỉ đạo.")
    assert got and got[0][1] == "lead" and got[0][0].startswith("bí thư")


# ---- mentions: boundaries, lists and collectives ----------------------------------------------------

def test_name_ends_before_a_verb_phrase():
    assert pairs("Ban Kiểm tra chuẩn bị tài liệu cho hội nghị.") == [("Ban Kiểm tra", "lead")]
    assert [m[2] for m in mentions("Bộ Nội vụ thông báo kết quả.")] == ["Bộ Nội vụ"]


def test_office_holders_joined_by_thu_truong_are_one_body():
    assert pairs("Thủ trưởng các sở, ngành, thủ trưởng cơ quan, đơn vị chịu trách nhiệm thi hành Quyết định "
                 "này.") == [("Thủ trưởng các sở, ngành, thủ trưởng cơ quan, đơn vị", "lead")]


def test_a_province_after_a_name_belongs_to_it():
    assert pairs("Ban Quản lý các khu công nghiệp Hải Dương phối hợp với các sở.") == [
        ("Ban Quản lý các khu công nghiệp Hải Dương", "lead"), ("các sở", "coordinate")]


def test_lone_province_is_a_place_not_a_body():
    assert pairs("Xây dựng bến cảng tại huyện đảo Cồn Cỏ, tỉnh Quảng Trị.") == []
    assert pairs("Các tỉnh Sơn La, Lai Châu khẩn trương rà soát quỹ đất.") == [
        ("tỉnh Sơn La", "lead"), ("Lai Châu", "lead")]


def test_generic_words_that_are_not_bodies():
    assert pairs("Kiểm tra, xử lý các trường hợp vi phạm.") == []
    assert pairs("Tổ chức thực hiện tốt các nội dung trên.") == []
    assert pairs("Tuyên truyền trên trang thông tin của cơ quan, đơn vị.") == []
    assert pairs("Nâng cao trách nhiệm của địa phương, đơn vị.") == []


def test_organisations_and_persons_as_one_collective():
    assert pairs("Tổ chức, cá nhân có liên quan chịu trách nhiệm thi hành Thông tư này.") == [
        ("Tổ chức, cá nhân có liên quan", "lead")]


def test_youth_union_collective_and_party_committees():
    assert pairs("Các tỉnh, thành đoàn, đoàn trực thuộc triển khai thực hiện.") == [
        ("Các tỉnh, thành đoàn, đoàn trực thuộc", "lead")]
    assert pairs("Các cấp ủy Đảng, Mặt trận Tổ quốc và các đoàn thể tổ chức quán triệt.") == [
        ("Các cấp ủy Đảng", "lead"), ("Mặt trận Tổ quốc", "lead"), ("các đoàn thể", "lead")]


def test_lone_abbreviation_in_a_list():
    assert pairs("Thường trực HĐND, UBND xã phối hợp chặt chẽ.") == [("Thường trực HĐND", "lead"),
                                                                     ("UBND xã", "lead")]


@pytest.mark.parametrize("phrase", ["lãnh đạo, chỉ đạo", "phối hợp, hướng dẫn"])
def test_cue_phrases_with_commas_are_tokenized_like_text(phrase):
    assert "," in tokenize(phrase).norm


def test_spans_and_paragraphs():
    text = "Sở Y tế\n\nphối hợp với | Sở Tài chính"
    toks = tokenize(text)
    assert toks.text == ["Sở", "Y", "tế", "phối", "hợp", "với", "Sở", "Tài", "chính"]
    assert [toks.para[k] for k in range(len(toks))] == [False, False, False, True, False, False, True, False, False]
    assert [text[toks.start(k):toks.end(k)] for k in range(len(toks))] == toks.text


# ---- closing paragraphs of the last item ------------------------------------------------------------

def _doc(text, tasks):
    d = Document(id="t", source=Source("t.txt", "txt"), text=text, header=Header(date="2024-03-01"))
    d.tasks = tasks
    return d


def test_closing_paragraph_of_the_last_item_names_no_body():
    item = ("2. Sở Nội vụ chủ trì tổng hợp kết quả.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành nghiêm túc triển khai thực hiện Kế hoạch này.\n")
    first = "1. Sở Xây dựng rà soát quy hoạch.\n\nĐề nghị các sở nghiêm túc thực hiện.\n"
    text = "KẾ HOẠCH\n" + first + item
    s1 = text.index(first)
    s2 = text.index(item)
    tasks = [Task("1", "1.", 1, None, (s1, s1 + len(first)), first),
             Task("2", "2.", 1, None, (s2, s2 + len(item)), item)]
    doc = bodies_stage(_doc(text, tasks))
    assert [(b.name, b.role) for b in doc.tasks[1].bodies] == [("Sở Nội vụ", "lead")]
    # only the last item of the outline loses its closing paragraph
    assert ("các sở", "lead") in [(b.name, b.role) for b in doc.tasks[0].bodies]


def test_lower_case_field_after_a_comma_stays_in_the_name():
    assert pairs("Đơn vị chủ trì: Cục Trồng trọt, bảo vệ thực vật.") == [("Cục Trồng trọt, bảo vệ thực vật", "lead")]
    # a level word or a generic head after the comma starts another body
    assert pairs("Giao Sở Nội vụ, các sở, ngành thực hiện.") == [("Sở Nội vụ", "lead"), ("các sở, ngành", "lead")]


def test_whose_office_holders():
    assert pairs("Thủ trưởng các đơn vị có liên quan thuộc Bộ Công Thương chịu trách nhiệm thi hành.") == [
        ("Thủ trưởng các đơn vị có liên quan thuộc Bộ Công Thương", "lead")]


def test_deciding_to_act_is_a_task_not_an_issuing_formula():
    assert pairs("Ủy ban nhân dân các xã quyết định thành lập tổ công tác.") == [("Ủy ban nhân dân các xã", "lead")]
    assert pairs("Ủy ban nhân dân tỉnh quyết định:") == []


def test_generic_head_with_an_acronym():
    assert pairs("Trường hợp quá tải, cơ sở KCB có trách nhiệm bổ sung nhân lực.") == [("cơ sở KCB", "lead")]


def test_an_account_of_past_work_assigns_nothing():
    assert pairs("Thời gian qua, Sở Xây dựng đã chủ động kiểm tra hiện trường các công trình.") == []
    assert pairs("Các đơn vị đã được giao nhiệm vụ phải khẩn trương hoàn thành.")[0][1] == "lead"


def test_recommending_to_is_not_reporting():
    assert pairs("Nắm tình hình phản ánh của cử tri để kiến nghị với Ủy ban nhân dân xã giải quyết.") == []


def test_advising_a_list_names_no_body():
    assert pairs("Sở Nội vụ tham mưu Chính phủ, Thủ tướng Chính phủ xem xét khen thưởng.") == [("Sở Nội vụ", "lead")]


def test_places_as_subjects():
    assert pairs("Thành phố Hải Phòng, tỉnh Ninh Bình đẩy nhanh giải phóng mặt bằng.") == [
        ("Thành phố Hải Phòng", "lead"), ("tỉnh Ninh Bình", "lead")]


def test_colon_after_a_single_place_still_ends_the_clause():
    assert pairs("Đối với đơn thư liên quan đến đại biểu HĐND tỉnh: Ban Thường trực Ủy ban MTTQ xã chuyển ngay.") == [
        ("Ban Thường trực Ủy ban MTTQ xã", "lead")]


def test_party_committees_in_lower_case():
    assert pairs("Yêu cầu các đồng chí bí thư tỉnh ủy, thành ủy trực tiếp chỉ đạo.") == [
        ("bí thư tỉnh ủy, thành ủy", "lead")]


def test_object_of_a_clause_opening_directive():
    assert pairs("Chỉ đạo, hướng dẫn các địa phương về công tác phổ biến pháp luật.") == [("các địa phương", "lead")]


def test_list_after_a_preposition_is_no_body():
    assert pairs("Hoàn thành nội dung công việc của bộ, ngành, địa phương mình.") == []


def test_inspector_general():
    assert pairs("Giao Tổng Thanh tra Chính phủ ký ban hành.") == [("Tổng Thanh tra Chính phủ", "lead")]


def test_assigning_staff_to_a_unit_directs_it():
    assert pairs("Đoàn cấp tỉnh phân công ban chuyên môn theo dõi việc thực hiện.") == [
        ("Đoàn cấp tỉnh", "oversee"), ("ban chuyên môn", "lead")]


def test_notifying_an_agency_reports_to_it():
    assert pairs("Bệnh viện có văn bản thông báo với Sở Y tế về số giường kê thêm.") == [("Sở Y tế", "report_to")]


def test_report_and_propose_to_the_competent_level():
    assert pairs("Nguồn vốn sẽ được báo cáo, đề xuất cấp có thẩm quyền quyết định.") == [
        ("cấp có thẩm quyền", "report_to")]


def test_report_cue_far_before_the_recipient():
    assert pairs("Hằng tuần gửi báo cáo kết quả triển khai thực hiện của các đơn vị trong cụm phụ trách và các "
                 "đơn vị thực hiện thí điểm về Văn phòng Tỉnh ủy để tổng hợp.")[-1] == ("Văn phòng Tỉnh ủy", "report_to")


def test_list_goes_on_after_an_adverb_like_description():
    assert pairs("Phối hợp với trung tâm giáo dục thường xuyên, các trường phổ thông và các đơn vị khác.") == [
        ("trung tâm", "coordinate"), ("các trường phổ thông", "coordinate"), ("các đơn vị khác", "coordinate")]


def test_agent_of_a_passive_is_no_body():
    assert pairs("Chủ trương này đã được Trung ương Đảng, Quốc hội, Chính phủ nghiên cứu, bàn bạc.") == []


def test_name_does_not_run_into_the_next_line_list():
    assert [m[2] for m in mentions("Xây dựng cổng thông tin. Bộ Tài chính\nCác bộ, ngành, địa phương phối hợp.")] == [
        "Bộ Tài chính", "Các bộ, ngành, địa phương"]


def test_forwarding_a_case_makes_the_receiver_handle_it():
    assert pairs("Đối với kiến nghị về công tác tổ chức: Chuyển đến Tổ công tác hoặc Ủy ban nhân dân xã để khắc "
                 "phục ngay.") == [("Tổ công tác", "lead"), ("Ủy ban nhân dân xã", "lead")]
    # sending a report is reporting, not forwarding
    assert pairs("Tổng hợp kết quả gửi đến Sở Nội vụ trước ngày 15/12.") == [("Sở Nội vụ", "report_to")]


# ---- lists running on past members that are no body; nouns before `phối hợp`; OCR cues ------------

def test_a_request_goes_on_past_people_in_its_list():
    # `từng cán bộ, công chức, người lao động` are people, not bodies; the list of addressees goes on
    assert pairs("Yêu cầu từng sở, ngành, địa phương, từng cán bộ, công chức, người lao động, các chủ đầu tư, "
                 "nhà thầu thi công tích cực đổi mới cách làm.") == [
        ("từng sở, ngành, địa phương", "lead"), ("các chủ đầu tư", "lead"), ("nhà thầu thi công", "lead")]


def test_bare_generic_head_in_a_list_of_things_is_no_subject():
    assert pairs("Chủ động tuyên truyền tình hình thế giới, trong nước, địa phương, đơn vị và những vấn đề mới "
                 "của công tác thanh niên.") == []
    # right before its verb, after a fronted phrase, it still is
    assert pairs("Trên cơ sở kết quả rà soát, đơn vị chủ động triển khai.") == [("đơn vị", "lead")]


def test_coordination_regulation_names_no_partner_but_with_does():
    assert pairs("Hoàn thiện quy chế phối hợp các đơn vị trong công tác tiếp công dân.") == []
    assert pairs("Sở Tư pháp ký quy chế phối hợp với Công an tỉnh.") == [
        ("Sở Tư pháp", "lead"), ("Công an tỉnh", "coordinate")]
    assert pairs("Sở Nội vụ lập kế hoạch phối hợp với các đơn vị tư vấn.") == [
        ("Sở Nội vụ", "lead"), ("các đơn vị tư vấn", "coordinate")]


def test_ocr_dropped_tone_mark_in_phoi_hop():
    assert pairs("Sở Xây dựng phôi hợp với các cơ quan có liên quan xây dựng đề cương.") == [
        ("Sở Xây dựng", "lead"), ("các cơ quan có liên quan", "coordinate")]


def test_front_work_committee_is_an_organ_head():
    # `Công` after a one-word head is no organ word (`Ban công bố`); `Ban Công tác Mặt trận` is an organ
    assert pairs("Ban Công tác Mặt trận thôn Bình An phối hợp với Trưởng thôn tuyên truyền.") == [
        ("Ban Công tác Mặt trận thôn Bình An", "lead")]


# ---- people, accounts of past work, acronyms ------------------------------------------------------

def test_titles_of_a_named_person_are_no_bodies():
    # the offices after `Đ/c <name>,` say who the person is; the task's bodies come from elsewhere
    assert pairs("Đ/c Trần Văn Bình, Ủy viên Ban Thường vụ, Trưởng Ban Tổ chức Tỉnh đoàn; Bí thư Đảng ủy.") == []
    assert pairs("Đồng chí Lê Thị Mai, Phó Chủ tịch UBND tỉnh chỉ đạo Sở Y tế kiểm tra các cơ sở.") == [
        ("Sở Y tế", "lead")]
    # without a person's name, the office holders are the body; they direct the review (issue 14: `X chỉ
    # đạo <work>` with no body after the verb makes X oversee)
    assert pairs("Các đồng chí Bí thư Đảng ủy chỉ đạo rà soát.") == [("Bí thư Đảng ủy", "oversee")]


def test_request_after_an_account_of_past_work_names_its_lead():
    assert pairs("Sở Công Thương đã kiểm tra 20 cơ sở trong năm.") == []
    assert pairs("Đối với các cơ sở đã mở rộng quy mô, đề nghị đơn vị làm thủ tục điều chỉnh giấy phép.") == [
        ("đơn vị", "lead")]


def test_an_acronym_organ_before_a_comma_is_a_mention():
    assert pairs("Đề nghị Thường trực HĐND, UBND, Ủy ban MTTQ xã phối hợp xử lý.") == [
        ("Thường trực HĐND", "lead"), ("UBND", "lead"), ("Ủy ban MTTQ xã", "lead")]


def test_a_descriptive_name_ends_at_an_aspect_word():
    assert pairs("Ban Chỉ đạo công tác giảm nghèo sẽ tổ chức kiểm tra.") == [
        ("Ban Chỉ đạo công tác giảm nghèo", "lead")]
    assert pairs("Giao Ban Chỉ đạo công tác giảm nghèo đã được kiện toàn theo dõi.") == [
        ("Ban Chỉ đạo công tác giảm nghèo", "lead")]


def test_field_labels_name_no_subject():
    # the label's head is a field name; `được chọn` / `lựa chọn` lists are chosen, not assigned
    assert pairs("Đơn vị được chọn: Sơn La, Lai Châu, Điện Biên.") == []
    assert pairs("Đơn vị lựa chọn: Tỉnh đoàn Sơn La, Tỉnh đoàn Lai Châu.") == []
    assert pairs("Cơ quan nhận báo cáo: UBND tỉnh (qua Sở Tài chính).") == [
        ("UBND tỉnh", "report_to"), ("Sở Tài chính", "report_to")]
    # other labels leave the list to the usual rules, the label itself is no body
    assert pairs("Cơ quan giải quyết: Sở Xây dựng.") == [("Sở Xây dựng", "lead")]
    # a heading that names the item's body is no field label
    assert pairs("Cấp ủy cơ sở:") == [("Cấp ủy", "lead")]


def test_a_sentence_that_is_only_a_name_inside_a_paragraph_is_an_enumerated_item():
    assert pairs("Huy động nguồn lực từ các tổ chức sau. Hội khuyến học. Các trường phổ thông. Các doanh "
                 "nghiệp.") == []
    # a name that opens the text is the heading of the item
    assert pairs("Sở Y tế. Chủ trì triển khai kế hoạch.") == [("Sở Y tế", "lead")]
    # a list of office-holders split by `;` stays a subject
    assert pairs("Quyết định có hiệu lực từ ngày ký. Chánh Văn phòng UBND tỉnh; Giám đốc Sở Nội vụ; Thủ "
                 "trưởng các cơ quan có liên quan chịu trách nhiệm thi hành.") == [
        ("Chánh Văn phòng UBND tỉnh", "lead"), ("Giám đốc Sở Nội vụ", "lead"),
        ("Thủ trưởng các cơ quan có liên quan", "lead")]


def test_a_parenthesis_inside_a_list_keeps_the_list_together():
    assert pairs("Phối hợp với Hội Nông dân, chi ủy thôn (ấp, bản) đơn vị cấp dưới và các tổ chức kinh tế, "
                 "xã hội làm tốt công tác thanh niên.") == [
        ("Hội Nông dân", "coordinate"), ("chi ủy thôn", "coordinate"), ("đơn vị cấp dưới", "coordinate"),
        ("các tổ chức kinh tế, xã hội", "coordinate")]


def test_sections_of_an_office_are_bodies():
    # (the noun that names the section is part of its name: GOLD.md's strict name rule)
    assert pairs("Thường xuyên phối hợp với bộ phận kỹ thuật để xử lý vướng mắc.") == [
        ("bộ phận kỹ thuật", "coordinate")]
    # `các bộ phận` is no ministry
    assert pairs("Yêu cầu các bộ phận liên quan rà soát hồ sơ.") == [("các bộ phận liên quan", "lead")]


def test_a_collective_opening_the_item_is_its_subject_up_to_a_distant_verb():
    assert pairs("Các sở, ngành, các nhà đầu tư trên tinh thần “tất cả vì nhân dân”, trong phân công công việc "
                 "bảo đảm rõ người, rõ việc, rõ trách nhiệm, rõ thời gian, chủ động giải quyết công việc.") == [
        ("Các sở, ngành", "lead"), ("các nhà đầu tư", "lead")]
    # a topic (`X ... thì Y`) is not the subject
    assert pairs("Các đơn vị sự nghiệp đóng trên địa bàn như trường học, trạm y tế, bệnh viện và các cơ sở "
                 "khác thì Ban Thường vụ Đảng ủy xã chủ trì thực hiện.") == [
        ("Ban Thường vụ Đảng ủy xã", "lead")]


def test_the_parties_of_a_project_are_separate_bodies():
    assert pairs("UBND tỉnh đôn đốc chủ đầu tư, nhà đầu tư, nhà thầu đẩy nhanh tiến độ.") == [
        ("UBND tỉnh", "oversee"), ("chủ đầu tư", "lead"), ("nhà đầu tư", "lead"), ("nhà thầu", "lead")]
    # other generic heads stay one collective with them
    assert pairs("Yêu cầu các cơ quan, đơn vị, chủ đầu tư rà soát hồ sơ.") == [
        ("các cơ quan, đơn vị, chủ đầu tư", "lead")]


def test_an_organ_in_parentheses_names_the_body_before_it():
    assert pairs("Yêu cầu Nhà đầu tư (Tập đoàn Hòa Bình) rà soát kế hoạch thi công.") == [
        ("Nhà đầu tư (Tập đoàn Hòa Bình)", "lead")]
    # a list of places in parentheses is not merged
    assert pairs("Sở Xây dựng làm việc với các địa phương (Hà Tĩnh, Nghệ An) để thống nhất phương án.")[0] == (
        "Sở Xây dựng", "lead")


def test_a_name_does_not_run_across_a_line_into_a_time_or_a_person():
    assert pairs("Ban Tổ chức, Ban Kiểm tra\nVào ngày thứ 6 hằng tháng tổ chức tiếp công dân.") == [
        ("Ban Tổ chức", "lead"), ("Ban Kiểm tra", "lead")]
    assert pairs("Trung tâm Hỗ trợ Thanh niên\nĐ/c Nguyễn Văn An, Phó Bí thư.") == [
        ("Trung tâm Hỗ trợ Thanh niên", "lead")]


def test_agreeing_and_praising_subjects_are_the_issuer():
    assert pairs("Chính phủ cơ bản thống nhất nội dung dự thảo Luật.") == []
    assert pairs("Ủy ban nhân dân tỉnh hoan nghênh Sở Y tế đã chủ động triển khai.") == []


def test_shopping_centres_are_no_bodies():
    assert pairs("Khuyến khích hình thành các khu du lịch, các trung tâm mua sắm chất lượng cao.") == []


def test_a_generic_head_alone_in_a_cell_is_a_column_heading():
    assert pairs("Mã hiệu | Công tác | Đơn vị | Định mức") == []
    # with a determiner or a modifier it still names a body
    assert pairs("Nội dung | Các đơn vị | Quý I") == [("Các đơn vị", "lead")]


def test_applicants_and_firms_are_served_not_reported_to():
    assert pairs("Bộ phận một cửa gửi phiếu hẹn trả kết quả cho tổ chức, cá nhân.") == [("Bộ phận", "lead")]
    # the organisations of the Youth Union are bodies, reports go to them
    assert pairs("Hồ sơ dự án được gửi đến các tổ chức Đoàn, Hội để tổng hợp.") == [
        ("các tổ chức Đoàn, Hội", "report_to")]


def test_a_named_organ_after_a_collective_is_its_own_body():
    assert pairs("Phối hợp với các sở, ban, ngành, Văn phòng UBND tỉnh triển khai.") == [
        ("các sở, ban, ngành", "coordinate"), ("Văn phòng UBND tỉnh", "coordinate")]


def test_the_leaders_of_an_organ_receive_reports_and_submissions():
    assert pairs("Sở Nội vụ tổng hợp, báo cáo Lãnh đạo UBND tỉnh.") == [
        ("Sở Nội vụ", "lead"), ("Lãnh đạo UBND tỉnh", "report_to")]
    assert pairs("Ký duyệt hồ sơ và trình lãnh đạo UBND tỉnh.") == []
    # `lãnh đạo` before an organ, as a verb, still makes it the lead
    assert pairs("Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh triển khai.") == [
        ("Ban cán sự đảng UBND tỉnh", "oversee"), ("UBND tỉnh", "lead")]


def test_a_field_label_of_assignment_keeps_its_lead():
    assert pairs("Đơn vị được giao: Sở Y tế.") == [("Sở Y tế", "lead")]
    assert pairs("Đơn vị được kiểm tra: Sở Y tế, Sở Tài chính.") == []


def test_a_generic_head_named_by_a_few_words_before_a_duty_is_the_subject():
    assert pairs("Trong thời hạn 15 ngày, cơ quan bảo hiểm xã hội phải giải quyết hồ sơ.") == [
        ("cơ quan", "lead")]
    # a purpose or a list of people trained is no subject
    assert pairs("Tập huấn cho cán bộ, tổ chức, cá nhân trực tiếp thực hiện Kế hoạch.") == []
    assert pairs("Lấy ý kiến của bộ, ngành, cơ quan ở trung ương để thực hiện thẩm định.") == []


# ---- issue 14: constructions of who does what ----------------------------------------------------

def test_field_label_governs_every_item_of_its_semicolon_list():
    assert pairs("Đơn vị phối hợp: Sở Tài chính; Sở Nội vụ; Công an tỉnh.") == [
        ("Sở Tài chính", "coordinate"), ("Sở Nội vụ", "coordinate"), ("Công an tỉnh", "coordinate")]
    # an item that says more than a name is a clause of its own
    assert pairs("Đơn vị phối hợp: Sở Tài chính; Sở Nội vụ chủ trì kiểm tra.") == [
        ("Sở Tài chính", "coordinate"), ("Sở Nội vụ", "lead")]


def test_coordination_between_and_with_the_participation_of():
    assert pairs("Tăng cường phối hợp giữa Sở Y tế, Sở Tài chính, Công an tỉnh trong quản lý.") == [
        ("Sở Y tế", "coordinate"), ("Sở Tài chính", "coordinate"), ("Công an tỉnh", "coordinate")]
    assert pairs("Phối hợp, hỗ trợ Sở Y tế triển khai.") == [("Sở Y tế", "coordinate")]
    assert pairs("Tổ chức hội nghị với sự tham gia của Sở Nội vụ, Sở Tư pháp.") == [
        ("Sở Nội vụ", "coordinate"), ("Sở Tư pháp", "coordinate")]
    # a programme or the results of coordination between parties name no task of theirs
    assert pairs("Bám sát nội dung Chương trình phối hợp giữa Sở Y tế và Sở Tư pháp.") == []


def test_directing_verb_without_a_body_after_it():
    assert pairs("Giao Sở Nội vụ lãnh đạo, chỉ đạo việc sắp xếp.") == [("Sở Nội vụ", "oversee")]
    assert pairs("Giao Bộ trưởng Bộ Công Thương trực tiếp chỉ đạo kiểm tra, rà soát.") == [
        ("Bộ trưởng Bộ Công Thương", "oversee")]
    # duties listed after the verb that the body carries out itself
    assert pairs("Giao Bộ trưởng Bộ Công Thương trực tiếp chỉ đạo, kiểm tra và xử lý vướng mắc.") == [
        ("Bộ trưởng Bộ Công Thương", "lead")]
    # a body with its own cue after the verb does not take the object's place
    assert pairs("Sở Y tế chỉ đạo thực hiện, phối hợp với Sở Tài chính.") == [
        ("Sở Y tế", "oversee"), ("Sở Tài chính", "coordinate")]


def test_fronted_source_of_an_instruction_is_no_body():
    assert pairs("Theo chỉ đạo của Thủ tướng Chính phủ, Sở Y tế triển khai ngay.") == [("Sở Y tế", "lead")]


def test_lists_with_a_shared_head():
    assert pairs("Các Bộ: Tài chính, Công Thương khẩn trương rà soát.") == [
        ("Bộ Tài chính", "lead"), ("Bộ Công Thương", "lead")]
    assert pairs("Giao các tập đoàn Điện lực Việt Nam, Dầu khí Việt Nam và Than - Khoáng sản Việt Nam thực hiện.") == [
        ("Tập đoàn Điện lực Việt Nam", "lead"), ("Tập đoàn Dầu khí Việt Nam", "lead"),
        ("Tập đoàn Than - Khoáng sản Việt Nam", "lead")]
    # an item that with the head names an organ keeps its `và`; an office-holder holds each office
    assert pairs("Giám đốc các Sở: Y tế, Giáo dục và Đào tạo chịu trách nhiệm thi hành.") == [
        ("Giám đốc Sở Y tế", "lead"), ("Giám đốc Sở Giáo dục và Đào tạo", "lead")]
    assert pairs("Báo cáo kết quả về các Bộ: Quốc phòng, Công an.") == [
        ("Bộ Quốc phòng", "report_to"), ("Bộ Công an", "report_to")]
    # one organ named with a determiner is no list
    assert [m[2] for m in mentions("các Sở Y tế")] != ["Y tế"]


def test_qualifiers_that_belong_to_a_collective_name():
    assert pairs("Phối hợp với cơ quan chuyên môn về y tế thực hiện.") == [("cơ quan chuyên môn về y tế", "coordinate")]
    assert pairs("Phối hợp với các tổ chức thành viên xác minh.") == [("các tổ chức thành viên", "coordinate")]
    assert pairs("Phối hợp với bộ phận kỹ thuật của Trung ương Đoàn để giải quyết.") == [
        ("bộ phận kỹ thuật của Trung ương Đoàn", "coordinate")]
    assert pairs("Phối hợp với các đơn vị xây dựng pháp luật có liên quan.") == [
        ("các đơn vị xây dựng pháp luật có liên quan", "coordinate")]
    # the topic of the work after `về` is no part of the name
    assert pairs("Hướng dẫn cơ quan chuyên môn về việc lập hồ sơ.") == [("cơ quan chuyên môn", "lead")]
    assert pairs("Hướng dẫn các tổ chức, cá nhân về nghiệp vụ liên quan.") == [("các tổ chức, cá nhân", "lead")]


def test_report_named_as_a_source_is_no_cue():
    assert pairs("Theo báo cáo, Sở Y tế cần tăng cường kiểm tra.") == [("Sở Y tế", "lead")]
    assert pairs("Theo Báo cáo của Sở Y tế, Sở Tài chính cần bổ sung kinh phí.") == [("Sở Tài chính", "lead")]
    assert pairs("Căn cứ đề nghị của Sở Nội vụ, Sở Tài chính có trách nhiệm bố trí kinh phí.") == [
        ("Sở Tài chính", "lead")]
    assert pairs("Định kỳ báo cáo Ủy ban nhân dân tỉnh.") == [("Ủy ban nhân dân tỉnh", "report_to")]


def test_agent_of_a_task_stated_in_the_passive():
    assert pairs("Bản tin được Sở Thông tin và Truyền thông biên soạn hằng tháng.") == [
        ("Sở Thông tin và Truyền thông", "lead")]
    # approval, and what was done, name no body
    assert pairs("Kế hoạch được Ủy ban nhân dân tỉnh phê duyệt.") == []
    assert pairs("Kế hoạch đã được Sở Y tế triển khai.") == []
    assert pairs("Nếu liên quan đến người được Ủy ban MTTQ xã giới thiệu: xác minh ngay.") == []


def test_sections_that_assess_name_no_body():
    head, item = "Kết quả đạt được\n", "Sở Y tế tích cực triển khai tiêm chủng.\n"
    task = "Sở Tài chính chủ trì bố trí kinh phí.\n"
    text = "KẾ HOẠCH\n" + head + item + task
    h, i, t = text.index(head), text.index(item), text.index(task)
    tasks = [Task("1", "1.", 1, None, (h, h + len(head)), head),
             Task("1.1", "a)", 2, "1", (i, i + len(item)), item),
             Task("2", "2.", 1, None, (t, t + len(task)), task)]
    doc = bodies_stage(_doc(text, tasks))
    assert [t.bodies for t in doc.tasks[:2]] == [[], []]
    assert [(b.name, b.role) for b in doc.tasks[2].bodies] == [("Sở Tài chính", "lead")]
    # an order that opens with such a word is a task (`Hạn chế khoan mới ...`)
    order = "Hạn chế khoan mới giếng; Sở Nông nghiệp và Môi trường kiểm tra.\n"
    doc = bodies_stage(_doc(order, [Task("1", "1.", 1, None, (0, len(order)), order)]))
    assert [(b.name, b.role) for b in doc.tasks[0].bodies] == [("Sở Nông nghiệp và Môi trường", "lead")]


def test_generic_head_with_a_sector_name():
    assert pairs("Phối hợp với cơ quan Công an, lực lượng Quân đội điều tra.") == [
        ("cơ quan Công an", "coordinate"), ("lực lượng Quân đội", "coordinate")]
    assert pairs("Cơ quan Bảo hiểm xã hội thành phố Huế chủ trì kiểm tra.") == [
        ("Cơ quan Bảo hiểm xã hội thành phố Huế", "lead")]
    # an organ named after the generic word is a body of its own
    got = pairs("Phối hợp với cơ quan Sở Y tế.")
    assert ("Sở Y tế", "coordinate") in got and not any(n.startswith("cơ quan Sở") for n, _ in got)


def test_fronted_list_of_sources_before_the_subject():
    assert pairs("Trên cơ sở đề xuất của Sở Nội vụ, Sở Xây dựng hoặc các địa phương, Sở Tài chính chủ trì "
                 "thẩm định.") == [("Sở Tài chính", "lead")]


def test_every_member_of_a_party_list():
    assert pairs("Giao các ban đảng, đảng ủy các bộ, các tỉnh ủy, thành ủy, đảng ủy khối tổ chức quán triệt.") == [
        ("các ban đảng", "lead"), ("đảng ủy các bộ", "lead"), ("tỉnh ủy, thành ủy", "lead"), ("đảng ủy khối", "lead")]
    assert pairs("Các đơn vị trực thuộc các sở, ngành thực hiện.") == [("Các đơn vị trực thuộc các sở, ngành", "lead")]
    # `các cấp` qualifies the list, it starts no member
    assert pairs("Phối hợp với cấp ủy, chính quyền các cấp.") == [("cấp ủy, chính quyền các cấp", "coordinate")]


def test_subject_list_after_a_fronted_source():
    assert pairs("Trên cơ sở ý kiến của Hội đồng thẩm định, Bộ trưởng Bộ Quốc phòng, Bộ trưởng Bộ Công an xem xét, "
                 "quyết định.") == [("Bộ trưởng Bộ Quốc phòng", "lead"), ("Bộ trưởng Bộ Công an", "lead")]


def test_where_units_are_stationed_names_them():
    assert pairs("Phối hợp với các lực lượng vũ trang đóng quân tại địa bàn, các doanh nghiệp quân đội.") == [
        ("các lực lượng vũ trang đóng quân tại địa bàn", "coordinate"), ("các doanh nghiệp quân đội", "coordinate")]
    assert pairs("Các đơn vị đóng trên địa bàn tỉnh thực hiện.") == [("Các đơn vị đóng trên địa bàn tỉnh", "lead")]


def test_a_ministry_takes_no_provinces_after_it():
    got = pairs("Bộ Xây dựng, Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên đôn đốc chủ đầu tư triển khai.")
    assert ("Bộ Quốc phòng", "oversee") in got and not any(n.startswith("Bộ Quốc phòng các") for n, _ in got)


def test_names_whose_words_open_verbs_elsewhere():
    assert pairs("Ban QLDA đầu tư xây dựng tỉnh chủ trì thẩm định.") == [("Ban QLDA đầu tư xây dựng tỉnh", "lead")]
    assert pairs("Trung tâm Phát triển quỹ đất tỉnh thực hiện.") == [("Trung tâm Phát triển quỹ đất tỉnh", "lead")]
    assert pairs("Chi cục Trồng trọt và bảo vệ thực vật kiểm tra.") == [
        ("Chi cục Trồng trọt và bảo vệ thực vật", "lead")]
    # the verb phrase after a name is no part of it
    assert pairs("Trung tâm Y tế xây dựng kế hoạch.") == [("Trung tâm Y tế", "lead")]
    assert pairs("Học viện Chính trị quốc gia Hồ Chí Minh tổ chức bồi dưỡng.") == [
        ("Học viện Chính trị quốc gia Hồ Chí Minh", "lead")]


def test_heading_body_that_directs_the_work_oversees():
    assert pairs("Sở Y tế: Chỉ đạo các đơn vị trực thuộc triển khai.") == [
        ("Sở Y tế", "oversee"), ("các đơn vị trực thuộc", "lead")]
    assert pairs("Sở Y tế: Chủ trì, phối hợp với Sở Tài chính triển khai.") == [
        ("Sở Y tế", "lead"), ("Sở Tài chính", "coordinate")]


def test_assigning_to_a_body_whose_verb_also_issues():
    assert pairs("Giao Văn phòng Ủy ban nhân dân tỉnh hướng dẫn và kiểm tra việc thực hiện.") == [
        ("Văn phòng Ủy ban nhân dân tỉnh", "lead")]
    assert pairs("Giao cho Sở Nội vụ làm đầu mối tổng hợp.") == [("Sở Nội vụ", "lead")]
    # the issuer of the text, and a budget handed to a body, assign nothing
    assert pairs("Ủy ban nhân dân tỉnh yêu cầu:") == []
    assert pairs("Kinh phí được bố trí trong dự toán giao cho Sở Y tế hàng năm.") == []


def test_leaders_of_the_organ_the_text_speaks_for():
    assert pairs("Cuối năm, báo cáo kết quả về Vụ Pháp chế để tổng hợp, báo cáo lãnh đạo Bộ.") == [
        ("Vụ Pháp chế", "report_to"), ("lãnh đạo Bộ", "report_to")]
    # with no verb of reporting before it, a bare `Lãnh đạo Bộ` is not made a body
    assert pairs("Lãnh đạo Bộ chỉ đạo.") == []


def test_list_item_printed_without_its_head():
    assert pairs("Đơn vị phối hợp: Vụ Pháp luật hình sự - hành chính, Các vấn đề chung về xây dựng pháp luật, "
                 "Vụ Pháp luật quốc tế.") == [
        ("Vụ Pháp luật hình sự - hành chính", "coordinate"), ("Các vấn đề chung về xây dựng pháp luật", "coordinate"),
        ("Vụ Pháp luật quốc tế", "coordinate")]
    # a field after a comma inside a name is no organ of its own
    assert ("Gia đình", "lead") not in pairs("Cục trưởng Cục Văn hóa cơ sở, Gia đình và Thư viện chịu trách nhiệm.")


def test_head_of_a_steering_committee_in_lower_case():
    assert pairs("Xây dựng báo cáo Thủ tướng Chính phủ và Trưởng ban chỉ đạo; bổ sung cơ chế.") == [
        ("Thủ tướng Chính phủ", "report_to"), ("Trưởng ban chỉ đạo", "report_to")]


def test_coordination_list_that_runs_on_over_semicolons():
    assert pairs("Giao Sở Công Thương chủ trì, phối hợp với các sở, ban, ngành; Ủy ban nhân dân các xã, phường; "
                 "các doanh nghiệp có liên quan triển khai.") == [
        ("Sở Công Thương", "lead"), ("các sở, ban, ngành", "coordinate"),
        ("Ủy ban nhân dân các xã, phường", "coordinate"), ("các doanh nghiệp có liên quan", "coordinate")]
    # a clause whose coordination ends in a verb phrase leaves the next subject its own
    assert pairs("Phối hợp với Sở Y tế kiểm tra; Sở Tài chính bố trí kinh phí.") == [
        ("Sở Y tế", "coordinate"), ("Sở Tài chính", "lead")]


# ---- guiding verbs (issue 14) --------------------------------------------------------------------

def test_guiding_verb_makes_the_guided_organs_lead():
    assert pairs("Sở Nội vụ hướng dẫn Sở Y tế và Sở Tài chính triển khai.") == [
        ("Sở Nội vụ", "oversee"), ("Sở Y tế", "lead"), ("Sở Tài chính", "lead")]
    assert pairs("Thực hiện và hướng dẫn Phòng Tư pháp thực hiện bồi dưỡng.") == [("Phòng Tư pháp", "lead")]
    assert pairs("Sở Y tế hướng dẫn thực hiện.") == [("Sở Y tế", "lead")]
    assert pairs("Bộ Tài chính hướng dẫn như sau:") == []


def test_guiding_as_a_noun_or_in_a_cited_title_names_no_body():
    assert pairs("Bộ Tài chính đã có công văn gửi các bộ về việc hướng dẫn các bộ, ngành, địa phương rà soát.") == []
    assert pairs("Thực hiện theo Thông tri số 04 của Ban Thường trực hướng dẫn Ủy ban MTTQ xã kiểm tra.") == []


def test_passive_agent_after_a_noun_with_truong():
    assert pairs("Bản tin thị trường được Sở Công Thương biên soạn hằng tháng.") == [("Sở Công Thương", "lead")]
    assert pairs("Trường hợp được Sở Y tế kiểm tra thì ghi vào sổ.") == []


def test_every_level_and_the_verb_to_organise_after_a_list():
    assert pairs("Hướng dẫn, đôn đốc Ủy ban nhân dân các cấp thực hiện các quy định.") == [
        ("Ủy ban nhân dân các cấp", "lead")]
    assert pairs("Chủ trì hướng dẫn các cơ quan, đơn vị có liên quan và tổ chức triển khai thực hiện.") == [
        ("các cơ quan, đơn vị có liên quan", "lead")]


def test_fronted_carrying_out_under_a_direction_names_no_body():
    assert pairs("Thực hiện theo chỉ đạo của Thủ tướng Chính phủ, Sở Công Thương kiểm tra thị trường.") == [
        ("Sở Công Thương", "lead")]


def test_the_leaders_of_an_organ_are_not_the_organ():
    assert pairs("Lãnh đạo Sở Y tế chủ trì hội nghị.") == [("Lãnh đạo Sở Y tế", "lead")]
    assert pairs("Giao Lãnh đạo Văn phòng UBND tỉnh theo dõi.") == [("Lãnh đạo Văn phòng UBND tỉnh", "lead")]
    # the verb `lãnh đạo` after a subject
    assert pairs("Ban cán sự đảng UBND tỉnh lãnh đạo UBND tỉnh triển khai.") == [
        ("Ban cán sự đảng UBND tỉnh", "oversee"), ("UBND tỉnh", "lead")]
