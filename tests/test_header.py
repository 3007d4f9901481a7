import tomllib

import pytest

from pipeline import extract
from pipeline.header.stage import _facts, title_case_organ
from pipeline.resources import models_dir

with open(models_dir() / "header.toml", "rb") as f:
    FACTS = tomllib.load(f)


@pytest.mark.parametrize("text", FACTS["motto"]["examples"])
def test_motto_examples(text):
    assert _facts()["_motto"].search(text)


@pytest.mark.parametrize("text", FACTS["motto"]["counter_examples"])
def test_motto_counter_examples(text):
    assert not _facts()["_motto"].search(text)


@pytest.mark.parametrize("text", FACTS["stamps"]["examples"])
def test_stamp_examples(text):
    assert _facts()["_stamp"].match(text)


@pytest.mark.parametrize("text", FACTS["stamps"]["counter_examples"])
def test_stamp_counter_examples(text):
    assert not _facts()["_stamp"].fullmatch(text)


@pytest.mark.parametrize("block,name,position", FACTS["signer"]["examples"])
def test_signer_examples(block, name, position):
    doc = extract(f"Số: 01/KH-UBND\nKẾ HOẠCH\nVề việc thử\n1. Nội dung.\n{block}")
    assert doc.header.signer.name == name
    assert doc.header.signer.position.casefold() == position.casefold()


@pytest.mark.parametrize("raw,issuer,parent", FACTS["issuer"]["examples"])
def test_issuer_examples(raw, issuer, parent):
    doc = extract(f"{raw}\nSố: 01/KH-UBND\nKẾ HOẠCH\nVề việc thử\n1. Nội dung.")
    assert doc.header.issuer.name.casefold() .startswith(issuer.casefold())
    assert (doc.header.parent_issuer.name if doc.header.parent_issuer else "").casefold() == parent.casefold()


def test_state_header_fields():
    text = ("ỦY BAN NHÂN DÂN TỈNH TIỀN GIANG\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 12/CT-UBND\nTiền Giang, ngày 05 tháng 3 năm 2024\nCHỈ THỊ\nVề tăng cường phòng chống thiên tai\n"
            "1. Sở Nông nghiệp chủ trì.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nNguyễn Văn An")
    h = extract(text).header
    assert (h.system, h.doc_type, h.number, h.symbol, h.date, h.place) == (
        "state", "Chỉ thị", "12", "12/CT-UBND", "2024-03-05", "Tiền Giang")
    assert h.issuer.name == "Ủy ban nhân dân tỉnh Tiền Giang" and h.locality == "Tiền Giang"
    assert h.title.startswith("Về tăng cường phòng chống")
    assert (h.signer.name, h.signer.authority, h.recipients) == ("Nguyễn Văn An", "KT.", ["Như trên", "Lưu: VT"])


def test_ocr_symbol_repair_and_incoming_stamp_ignored():
    text = ("TỈNH ỦY TIỀN GIANG\nSố 08-CT7TU\nĐẢNG CỘNG SẢN VIỆT NAM\nTiền Giang, ngày 10 tháng 5 năm 2023\n"
            "CHỈ THỊ\nVề chuyển đổi số\nĐẾN Số: 1529 Ngày: 10/5/23\n1. Các cấp ủy lãnh đạo.")
    h = extract(text).header
    assert h.symbol == "08-CT/TU" and h.system == "party" and h.date == "2023-05-10"


def test_draft_with_blank_number_has_no_symbol():
    h = extract("BAN THƯỜNG TRỰC\nSố: /KH-MTTQ-BTT\nKẾ HOẠCH\nTiếp công dân\n1. Nội dung.").header
    assert h.symbol is None and h.number is None and h.doc_type == "Kế hoạch"


def test_symbol_conflict_becomes_warning():
    text = ("Ngày 3/3, Thành ủy ban hành Chỉ thị số 22-CT/ThU về chuyển đổi số.\n"
            "Theo Chỉ thị 02-CT/ThU, các cấp ủy phải thực hiện.")
    doc = extract(text)
    w = [w for w in doc.warnings if w.code == "symbol-conflict"]
    assert w and len(w[0].spans) == 2
    assert {doc.text[s:e] for s, e in w[0].spans} == {"22-CT/ThU", "02-CT/ThU"}


@pytest.mark.parametrize("caps,normal", _facts()["casing"]["examples"])
def test_title_case_organ(caps, normal):
    assert title_case_organ(caps) == normal


def test_place_is_the_capitalised_run_before_the_date_on_a_flattened_line():
    text = ("BỘ TÀI CHÍNH CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 120/BTC-NSNN V/v hướng dẫn thu ngân sách năm 2024 Đà Nẵng, ngày 3 tháng 2 năm 2024 "
            "Kính gửi: Sở Tài chính\n"
            "1. Sở Tài chính chủ trì.")
    h = extract(text).header
    assert (h.place, h.date, h.symbol) == ("Đà Nẵng", "2024-02-03", "120/BTC-NSNN")


def test_unreadable_date_keeps_place_and_falls_back_to_the_e_signature():
    text = ("Người ký: CỔNG THÔNG TIN ĐIỆN TỬ\nThời gian ký: 07.03.2025 10:12:00 +07:00\n"
            "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 1# /CĐ-TTg Hà Nội, ngày ® tháng tụ năm 2025\nCÔNG ĐIỆN\nVề việc phòng chống hạn hán\n"
            "1. Bộ Nông nghiệp và Môi trường chủ trì.")
    doc = extract(text)
    h = doc.header
    assert h.place == "Hà Nội" and h.date == "2025-03-07"
    assert h.symbol is None and h.system == "state"          # the number is unreadable, its style is not
    assert h.title == "phòng chống hạn hán"                  # `Về việc` is the formula, like V/v
    assert any(w.code == "date-from-signature" for w in doc.warnings)


def test_title_goes_on_across_stamp_debris_when_it_stops_mid_phrase():
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 15/CT-UBND\nAn Giang, ngày 2 tháng 3 năm 2024\nCHỈ THỊ\n"
            "Về tăng cường quản lý đất đai,\n\n| CỔNG THÔNG TIN ĐIỆN TỬ\n\nĐẾN m _—\n\nkhoáng sản trên địa bàn tỉnh\n\n"
            "Căn cứ Luật Đất đai;\n1. Sở Nông nghiệp và Môi trường chủ trì.")
    h = extract(text).header
    assert h.title == "Về tăng cường quản lý đất đai, khoáng sản trên địa bàn tỉnh"


def test_a_board_on_its_own_line_is_the_issuer_under_its_committee():
    text = ("ỦY BAN MTTQ VIỆT NAM\nXÃ HÒA BÌNH\nBAN THƯỜNG TRỰC\nSố: 12/KH-MTTQ-BTT\n"
            "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nHòa Bình, ngày 1 tháng 4 năm 2025\n"
            "KẾ HOẠCH\nTổ chức hội nghị\n1. Ban Thường trực chủ trì.")
    h = extract(text).header
    assert h.issuer.name == "Ban Thường trực Ủy ban MTTQ Việt Nam xã Hòa Bình"
    assert h.parent_issuer.name == "Ủy ban MTTQ Việt Nam xã Hòa Bình"


def test_issuer_from_the_lead_in_sentence_when_the_header_block_has_none():
    text = ("Số 31-CV/ĐU\nVề triển khai Kết luận số 12-KL/TU\nKính gửi: Các chi bộ trực thuộc\n"
            "Căn cứ Kết luận số 12-KL/TU của Ban Thường vụ Tỉnh ủy, Đảng ủy Sở Y tế đề nghị các chi bộ "
            "thực hiện như sau:\n"
            "1. Tổ chức quán triệt Kết luận.")
    h = extract(text).header
    assert h.issuer.name == "Đảng ủy Sở Y tế"


def test_titles_lose_scanner_debris_before_the_first_word_but_keep_numbers():
    base = ("CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 8/NQ-CP Hà Nội, ngày 1 tháng 4 năm 2025\n\n| NGHỊ QUYẾT\n\n{}\n\n"
            "Căn cứ Luật Tổ chức Chính phủ;\n1. Bộ Tư pháp chủ trì.")
    assert extract(base.format("2 ? dự thảo Luật Thanh tra")).header.title == "dự thảo Luật Thanh tra"
    assert extract(base.format("⁄UÀ. Phiên họp Chính phủ thường kỳ")).header.title == "Phiên họp Chính phủ thường kỳ"
    title = "100 năm ngày sinh đồng chí Lê Duẩn"
    assert extract(base.format(title)).header.title == title


def test_a_news_copy_has_its_headline_as_title_and_no_symbol():
    text = ("Tỉnh ủy Bình Phước ban hành chỉ thị về phòng chống thiên tai trong mùa mưa bão năm 2025 và\n"
            "những năm tiếp theo\n"
            "Ngày 12/5/2025, Ban Thường vụ Tỉnh ủy đã ban hành Chỉ thị số 15-CT/TU về phòng chống thiên tai. "
            "Chỉ thị yêu cầu các cấp ủy tập trung lãnh đạo.\n")
    h = extract(text).header
    assert h.title.startswith("Tỉnh ủy Bình Phước ban hành") and h.title.endswith("những năm tiếp theo")
    assert h.symbol is None


@pytest.mark.parametrize("caps,normal", _facts()["casing"]["title_examples"])
def test_titles_in_capitals_are_written_in_sentence_case(caps, normal):
    from pipeline.header.stage import sentence_case_title
    assert sentence_case_title(caps) == normal


@pytest.mark.parametrize("caps,normal", _facts()["casing"]["position_examples"])
def test_positions_in_capitals_are_written_as_nd30_writes_them(caps, normal):
    from pipeline.header.casing import _sentence_case
    assert _sentence_case(caps) == normal


def test_a_signer_position_through_the_pipeline():
    h = extract("CỤC HẢI QUAN\nSố: 12/CHQ-GSQL\nHà Nội, ngày 05 tháng 3 năm 2025\nV/v thử\nKính gửi: Cục Thuế.\n"
                "Cục Hải quan đề nghị thực hiện.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\nKT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\n"
                "Nguyễn Văn An\n").header
    assert (h.signer.position, h.signer.name) == ("Phó Cục trưởng", "Nguyễn Văn An")


def test_signer_names_are_people_not_places_or_organs():
    from pipeline.header import is_person_name
    for n in _facts()["signer"]["name_examples"]:
        assert is_person_name(n.split()), n
    for n in _facts()["signer"]["name_counter_examples"]:
        assert not is_person_name(n.split()), n


def test_place_drops_the_tail_of_a_symbol_before_it():
    text = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nSố 60-NQ/TW Hà Nội, ngày 12 tháng 4 năm 2025\nNGHỊ QUYẾT\nHội nghị lần thứ 11\n"
            "1. Các cấp ủy thực hiện.")
    assert extract(text).header.place == "Hà Nội"
    text2 = "UBND TP.HCM\nSố: 5/KH-UBND TP. Hồ Chí Minh, ngày 1 tháng 2 năm 2025\nKẾ HOẠCH\nThử\n1. Sở Nội vụ chủ trì."
    assert extract(text2).header.place == "TP. Hồ Chí Minh"


def test_draft_headers_without_numbers_still_tell_the_system():
    party = ("THÀNH ỦY HÀ NỘI\nBAN TỔ CHỨC\n*\nSố\n- HD/BTCTU\n\nĐẢNG CỘNG SẢN VIỆT NAM\nHƯỚNG DẪN\nNghiệp vụ\n"
             "1. Các đảng bộ thực hiện.")
    h = extract(party).header
    assert (h.system, h.symbol, h.issuer.name, h.parent_issuer.name) == \
        ("party", None, "Ban Tổ chức Thành ủy Hà Nội", "Thành ủy Hà Nội")
    union = ("BAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố:         CV/TWĐTN\n\n“V/v đẩy mạnh phòng, chống dịch”\n\n"
             "Hà Nội, ngày      tháng 9  năm 2022\n\nKính gửi: Các tỉnh đoàn\n\nBan Bí thư đề nghị:\n"
             "1. Các tỉnh đoàn thực hiện.")
    h = extract(union).header
    assert (h.system, h.symbol, h.title) == ("party", None, "đẩy mạnh phòng, chống dịch")


def test_an_unaccented_stamp_and_a_broken_motto_are_not_the_issuer():
    text = ("CUC THUE TINH HOA BINH\n\nBỘ TÀI CHÍNH | Chuyển:......... CỘNG |HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
            "TỔNG CỤC THUẾ Độc lập - Tự do - Hạnh phúc\n\nSố:470/TCT-TTKT Hà Nội, ngày 05 tháng 5 năm 2020\n"
            "V/v thực hiện kế hoạch thanh tra.\n\nKính gửi: Cục Thuế các tỉnh.\n\n1. Cục Thuế rà soát.")
    h = extract(text).header
    assert h.issuer.name == "Tổng cục Thuế" and h.parent_issuer.name == "Bộ Tài chính"


def test_a_header_table_that_split_the_national_title_gives_none_of_it_to_the_issuer():
    """A header set as a table whose cells split or interleave the national title (`CỘNG | HÒA XÃ HỘI ...`, `CỤC THUẾ
    ------- NGHĨA VIỆT NAM` | `CỘNG HÒA XÃ HỘI CHỦ`): the title is read across the row's cells, and the line printed
    under the issuer's name ends it."""
    body = ("\n\nSố: 5331/CT-CS\n\nV/v chính sách thuế\n\nKính gửi: Cục Thuế các tỉnh.\n\n1. Cục Thuế rà soát.\n")
    motto = "Độc lập - Tự do - Hạnh phúc |\n"
    split = "| BỘ TÀI CHÍNH **CỤC THUẾ** ------- | **CỘNG | HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM** " + motto
    interleaved = "| BỘ TÀI CHÍNH **CỤC THUẾ** ------- NGHĨA VIỆT NAM | **CỘNG HÒA XÃ HỘI CHỦ** " + motto
    for top in (split, interleaved):
        h = extract(top + "|---|---|---|" + body).header
        assert (h.issuer.name, h.parent_issuer.name) == ("Cục Thuế", "Bộ Tài chính")


def test_the_motto_cited_in_the_body_of_a_page_with_no_header_is_no_header():
    """A page with no header block (a Q&A page) whose lead-in in sentence case announces a list (`..., cụ thể như sau:`)
    has begun its body there: the national title and the motto its text cites further down, which a wrap may put at a
    line's start (`...; CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM;` / `Độc lập - Tự do - Hạnh phúc; ...`), make no header."""
    page = ("# Công dân được bảo vệ quyền lợi thế nào khi sử dụng ứng dụng định danh?\n\n"
            "**Công dân được bảo vệ quyền lợi thế nào? - Câu hỏi của chị H (Kiên Giang).**\n\n"
            "**Công dân được bảo vệ quyền lợi thế nào khi sử dụng ứng dụng định danh?**\n\n"
            "Nội dung thông tin thể hiện trên thẻ căn cước mới?\n\n"
            "Theo dự thảo Thông tư quy định về mẫu thẻ căn cước, kèm theo ý kiến của Bộ Công an tải về, thẻ căn cước "
            "mới có hai mẫu, cụ thể như sau:\n\n+ Mẫu cấp cho công dân từ 0 đến 6 tuổi: mặt trước không có ảnh.\n\n"
            "+ Mẫu cấp cho công dân từ 6 tuổi trở lên: mặt trước có dòng chữ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM;\n"
            "Độc lập - Tự do - Hạnh phúc; Số định danh cá nhân.\n")
    doc = extract(page.encode(), path="hoi-dap.md")
    assert [doc.text[t.span[0]:t.span[0] + 12] for t in doc.tasks] == ["Mẫu cấp cho ", "Mẫu cấp cho "]


def test_two_laws_one_digit_apart_are_no_symbol_conflict():
    text = ("Luật số 75/2015/QH13 và Luật số 85/2015/QH13 được Quốc hội thông qua. Luật số 75/2015/QH13 quy định ...\n")
    assert not [w for w in extract(text).warnings if w.code == "symbol-conflict"]


def test_addressees_run_together_on_one_line_are_no_task():
    # a scan or a flattened cell prints the `Kính gửi` list as one long line of `- X; - Y; ...`
    names = [f"Sở Lao động - Thương binh và Xã hội tỉnh {p}" for p in
             ("Hưng Yên", "Hòa Bình", "Thanh Hóa", "Quảng Trị", "Ninh Thuận", "Hậu Giang")]
    text = ("BỘ TÀI CHÍNH\n\nSố: 15/BTC-NSNN\n\nHà Nội, ngày 3 tháng 2 năm 2024\n\nKính gửi:\n- "
            + "; - ".join(names) + ".\n\nGiám đốc Sở có trách nhiệm:\n\n- Phối hợp với Bưu điện tỉnh.\n\n"
            "- Kiểm tra việc chi trả.\n")
    d = extract(text)
    assert len(d.header.addressees) == 6
    assert [t.text for t in d.tasks] == ["Phối hợp với Bưu điện tỉnh.", "Kiểm tra việc chi trả."]


def test_party_committee_of_a_commune_under_its_province():
    """`ĐẢNG BỘ TỈNH NGHỆ AN` over `BAN CHẤP HÀNH ĐẢNG BỘ XÃ HƯNG NGUYÊN`: the committee is one organ
    (its board head continues with the Đảng bộ it belongs to), the province's Đảng bộ its parent."""
    h = extract("ĐẢNG BỘ TỈNH NGHỆ AN\nBAN CHẤP HÀNH ĐẢNG BỘ XÃ HƯNG NGUYÊN\n*\nSố 05-NQ/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
                "Hưng Nguyên, ngày 05 tháng 01 năm 2025\nNGHỊ QUYẾT\nvề phát triển kinh tế\n\n"
                "1. Các chi bộ thực hiện.\n").header
    assert (h.issuer.name, h.parent_issuer.name) == \
        ("Ban Chấp hành Đảng bộ xã Hưng Nguyên", "Đảng bộ tỉnh Nghệ An")


def test_kinh_gui_without_its_colon_still_opens_the_addressee_list():
    # A scrape that lost the colon (it sat in its own table cell): the dash list is the addressees,
    # not the first tasks, and the numbered items keep their top-level paths.
    text = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 123/UBND-KT\nV/v tăng cường phòng chống dịch bệnh\n\n"
            "An Giang, ngày 5 tháng 3 năm 2025\n\nKính gửi\n- Sở Nông nghiệp và Môi trường;\n- Sở Tài chính.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu:\n1. Sở Nông nghiệp và Môi trường theo dõi tình hình dịch bệnh.\n"
            "2. Sở Tài chính bố trí kinh phí.\n")
    rec = extract(text).to_dict()
    assert rec["header"]["addressees"] == ["Sở Nông nghiệp và Môi trường", "Sở Tài chính"]
    assert [t["path"] for t in rec["tasks"]] == ["1", "2"]
    prose = text.replace("Kính gửi\n", "Kính gửi tới các đơn vị lời chào\n")
    assert extract(prose).to_dict()["header"]["addressees"] in ([], None)


def test_the_youth_union_s_name_top_right_is_no_issuer_and_the_issuer_ends_above_the_type_line():
    # Đoàn TNCS prints its own name where the State prints the motto; a symbol with a blank number leaves
    # no anchor, and the issuer block still ends above the type line (`CHƯƠNG TRÌNH HÀNH ĐỘNG`)
    doc = ("BAN CHẤP HÀNH TRUNG ƯƠNG\n\nSố:       CTr/TWĐTNVP\n\nĐOÀN TNCS HỒ CHÍ MINH\n\n"
           "Hà Nội, ngày      tháng 01 năm 2023\n\nCHƯƠNG TRÌNH HÀNH ĐỘNG\nThực hiện Nghị quyết Đại hội Đoàn\n\n"
           "I. NỘI DUNG VÀ GIẢI PHÁP\n1. Công tác tuyên truyền, giáo dục\n")
    h = extract(doc).header
    assert h.issuer.name == "Ban Chấp hành Trung ương" and h.locality is None


def test_a_signature_read_beside_the_recipients_line_by_line():
    # a PDF's two columns read line by line: `Nơi nhận: KT. CHỦ TỊCH` / `- Như trên; PHÓ CHỦ TỊCH`
    doc = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 12/KH-UBND\nAn Giang, ngày 5 tháng 3 năm 2025\n\n"
           "KẾ HOẠCH\nVề phòng cháy\n\n1. Sở Xây dựng chủ trì kiểm tra.\n\n"
           "Nơi nhận: KT. CHỦ TỊCH\n- Như trên; PHÓ CHỦ TỊCH\n- Lưu: VT.\n\nNguyễn Văn An\n")
    h = extract(doc).header
    assert (h.signer.name, h.signer.position, h.signer.authority) == ("Nguyễn Văn An", "Phó Chủ tịch", "KT.")
    assert h.recipients == ["Như trên", "Lưu: VT"]


def test_a_signature_beside_the_recipients_with_a_placeholder_run_into_the_name():
    # the two columns indented as a text layer prints them: `(Đã ký)` over the name, joined to its line on reading
    doc = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 12/KH-UBND\nAn Giang, ngày 5 tháng 3 năm 2025\n\n"
           "KẾ HOẠCH\nVề phòng cháy\n\n1. Sở Xây dựng chủ trì kiểm tra.\n\n"
           "Nơi nhận:                                  KT. CHỦ TỊCH\n"
           "- Như trên;                              PHÓ CHỦ TỊCH\n- Lưu: VT.\n"
           + " " * 43 + "(Đã ký)\n" + " " * 43 + "Nguyễn Văn An\n")
    h = extract(doc).header
    assert (h.signer.name, h.signer.position, h.signer.authority) == ("Nguyễn Văn An", "Phó Chủ tịch", "KT.")


def test_a_v_v_subject_line_makes_a_cong_van_whatever_the_symbol_s_code():
    # `5348/CT-CS`: CT is the issuer's code (Cục Thuế), not a Chỉ thị's; the `V/v` line says Công văn
    doc = ("CỤC THUẾ\nSố: 5348/CT-CS\nV/v hướng dẫn góp vốn điều lệ\nHà Nội, ngày 5 tháng 8 năm 2025\n\n"
           "Kính gửi: Thuế tỉnh Quảng Trị\n\nCục Thuế có ý kiến như sau:\n\n1. Thuế tỉnh hướng dẫn người nộp thuế.\n")
    h = extract(doc).header
    assert (h.doc_type, h.title) == ("Công văn", "hướng dẫn góp vốn điều lệ")


def test_the_party_s_name_ending_a_title_is_no_motto():
    # `PHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM` under the type line ends the title: the motto is only the one
    # beside the issuer, above the type line, so the type line `QUY ĐỊNH` is still found
    doc = ("BAN CHẤP HÀNH TRUNG ƯƠNG\nĐẢNG CỘNG SẢN VIỆT NAM\nSố 383-QĐ/TW\nHà Nội, ngày 19 tháng 11 năm 2025\n\n"
           "QUY ĐỊNH\nVỀ\nPHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM\n\n- Căn cứ Điều lệ Đảng;\n\n"
           "Ban Bí thư quy định về Phông lưu trữ Đảng Cộng sản Việt Nam như sau:\n\nI- QUY ĐỊNH CHUNG\n")
    h = extract(doc).header
    assert h.doc_type == "Quy định" and "phông lưu trữ" in h.title.lower()


def test_a_cited_document_s_number_in_a_legal_basis_is_not_the_symbol():
    # a copy that lost its `Số` line: `Căn cứ Luật Lưu trữ số 33/2024/QH15` cites another document
    doc = ("QUYẾT ĐỊNH\nBan hành Quy chế công tác lưu trữ\n\nCăn cứ Luật Lưu trữ số 33/2024/QH15;\n\n"
           "QUYẾT ĐỊNH:\n\nĐiều 1. Ban hành kèm theo Quyết định này Quy chế công tác lưu trữ.\n")
    h = extract(doc).header
    assert h.symbol is None and h.number is None


def test_a_date_line_that_ocr_misread():
    # `ngảy`, `thảng` (a tone misread), an O for a 0 in the year
    for line in ("An Giang, ngảy 5 tháng 3 năm 2025", "An Giang, ngày 5 thảng 3 năm 2025",
                 "An Giang, ngày 5 tháng 3 năm 2O25"):
        doc = (f"ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\nSố: 12/KH-UBND\n{line}\n\n"
               "KẾ HOẠCH\nVề phòng cháy\n\n1. Sở Y tế kiểm tra.\n")
        h = extract(doc).header
        assert (h.date, h.place) == ("2025-03-05", "An Giang"), line


def test_a_symbol_the_first_lines_cite_is_not_the_document_s():
    # a copy without its `Số` line whose title reports on another document: no symbol; a page's own
    # metadata line still gives one
    cited = ("BÁO CÁO\nKết quả thực hiện Chỉ thị số 08/CT-TTg của Thủ tướng Chính phủ\n\n"
             "Thực hiện Chỉ thị số 08/CT-TTg, Ủy ban nhân dân tỉnh báo cáo như sau:\n\n1. Kết quả đạt được.\n")
    assert extract(cited).header.symbol is None
    own = "Số hiệu: 221-KL/TW\n\nKẾT LUẬN\nCỦA BỘ CHÍNH TRỊ VỀ TÌNH HÌNH\n\n1. Cơ bản thống nhất với Báo cáo.\n"
    assert extract(own).header.symbol == "221-KL/TW"


def test_a_converter_s_front_matter_is_set_aside():
    doc = ("---\ntitle: \"Doc Undated Chi thi 11\"\ncategory: \"Tax\"\noriginal_format: \"pdf\"\n---\n\n"
           "THỦ TƯỚNG CHÍNH PHỦ\nSố: 11/CT-TTg\nHà Nội, ngày 4 tháng 3 năm 2020\n\nCHỈ THỊ\nVề nhiệm vụ cấp bách\n\n"
           "1. Các bộ triển khai.\n")
    r = extract(doc)
    assert r.header.title != 'title: "Doc Undated Chi thi 11"' and "category" not in r.text
    assert [k for k, _, _ in r.set_aside][:2] == ["front_matter", "front_matter"]


def test_kinh_gui_search_finds_what_the_plain_alternation_finds():
    # `_KINH_GUI` spells each alternative from its first letter (a search skips the other characters);
    # it must find exactly what `Kính gửi`-or-`điện` written as one group finds
    import random
    import re

    from pipeline.header.units import _KG, _KINH_GUI
    plain = re.compile(rf"(?:{_KG}|(?<=[A-ZÀ-ỸĐ]{{2}}\s)điện)\s*:\s*")
    pieces = ["Kính gửi", "kính gởi", "KÍNH GỬI", "Kinh gửỉ", "Đồng kính gửi", "THỦ TƯỚNG CHÍNH PHỦ điện",
              "AB điện", "Ab điện", "điện", ":", " ", "\n", "K", "k", "đ", "gửi", "Sở Y tế", ";"]
    rng = random.Random(19)
    for _ in range(5_000):
        s = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 8)))
        assert [m.span() for m in _KINH_GUI.finditer(s)] == [m.span() for m in plain.finditer(s)], repr(s)
    assert _KINH_GUI.search("THỦ TƯỚNG CHÍNH PHỦ điện: Bộ Y tế").span() == (20, 26)


@pytest.mark.parametrize("before", ["", "Cổng thông tin điện tử\n\n", "Trang chủ | Văn bản\n"])
def test_a_line_above_the_header_keeps_the_mottos_dashes_in_the_header(before):
    """The dashes printed under the motto (`—— Độc lập - Tự do - Hạnh phúc`) are no item that opens
    the body, wherever the motto's line falls (a site's line above the header moves it down)."""
    doc = extract(before + "THỦ TƯỚNG CHÍNH PHỦ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
                  "—— Độc lập - Tự do - Hạnh phúc\nSố: 12/CĐ-TTg Hà Nội, ngày 5 tháng 3 năm 2025\n"
                  "CÔNG ĐIỆN\nVề tăng cường phòng cháy\n"
                  "1. Bộ Xây dựng rà soát các công trình.\n2. Bộ Công an kiểm tra.\n")
    h = doc.header
    assert (h.doc_type, h.symbol, h.date, h.place) == ("Công điện", "12/CĐ-TTg", "2025-03-05", "Hà Nội")
    assert [t.path for t in doc.tasks] == ["1", "2"]


_TITLE_AUTHORITY = tomllib.load(open(models_dir() / "header.toml", "rb"))["title_authority"]


def _decision(top: str, title: str) -> str:
    return (f"{top}\nSố: 12/QĐ-UBND\nHà Nội, ngày 05 tháng 3 năm 2025\nQUYẾT ĐỊNH\n{title}\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nQUYẾT ĐỊNH:\nĐiều 1. Công bố kèm theo Quyết định này.\n")


@pytest.mark.parametrize("top, authority", [
    # a decision's authority line run onto the title's last line (a scrape that lost the break): its organ
    # is the one the header's top block names
    ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH BẮC NINH"),
    ("BỘ TÀI CHÍNH", "BỘ TRƯỞNG BỘ TÀI CHÍNH"),
    ("ỦY BAN NHÂN DÂN\nTP. HỒ CHÍ MINH", "CHỦ TỊCH ỦY BAN NHÂN DÂN TP. HỒ CHÍ MINH"),
    # an organ whose name holds commas; an organ named with the place it serves, under its parent's name
    ("BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH", "BỘ TRƯỞNG BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH"),
    ("UBND THÀNH PHỐ HÀ NỘI\nTRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG",
     "GIÁM ĐỐC TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG THÀNH PHỐ HÀ NỘI"),
])
def test_an_authority_line_run_onto_the_title_is_no_part_of_it(top, authority):
    doc = extract(_decision(top, f"CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤU THẦU {authority}"))
    assert doc.header.title == "Công bố danh mục thủ tục hành chính lĩnh vực đấu thầu"
    assert doc.text[slice(*doc.header.spans["title"])].endswith("LĨNH VỰC ĐẤU THẦU")


@pytest.mark.parametrize("title", _TITLE_AUTHORITY["counter_examples"] + [
    # the post the decision is about, an organ's name, a meeting its holder chaired: the title's own words
    "VỀ VIỆC BỔ NHIỆM\nPHÓ GIÁM ĐỐC SỞ Y TẾ",
    "VỀ VIỆC ÔNG NGUYỄN VĂN AN GIỮ CHỨC PHÓ GIÁM ĐỐC SỞ Y TẾ",
    "VỀ VIỆC KIỆN TOÀN CHỨC DANH TRƯỞNG BAN CHỈ ĐẠO",
    "VỀ VIỆC ĐIỀU ĐỘNG CÁN BỘ LÀM GIÁM ĐỐC BỆNH VIỆN ĐA KHOA TỈNH",
    "KẾT LUẬN CỦA BỘ CHÍNH TRỊ, BAN BÍ THƯ VỀ TÌNH HÌNH, KẾT QUẢ HOẠT ĐỘNG",
    "KẾT LUẬN CỦA THỦ TƯỚNG - TRƯỞNG BAN CHỈ ĐẠO TẠI PHIÊN HỌP LẦN THỨ 21",
])
def test_a_signer_title_inside_the_trich_yeu_stays(title):
    h = extract(_decision("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", title)).header
    words = [w for w in title.casefold().replace("về việc", "").split()]
    assert h.title.casefold().rstrip(".").split() == words


@pytest.mark.parametrize("title", _TITLE_AUTHORITY["examples"])
def test_title_authority_examples(title):
    h = extract(_decision("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", title)).header
    assert h.title.casefold() == "công bố danh mục thủ tục hành chính lĩnh vực đấu thầu"


@pytest.mark.parametrize("top, issuer, parent", [
    # a scraped page's title line (type and symbol) run onto the issuer's line
    ("Công văn 778/TCHQ-GSQL\nBỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN ------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - "
     "Tự do - Hạnh phúc ---------------",
     "Tổng cục Hải quan", "Bộ Tài chính"),
    # a stray mark before the name
    ("/ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Ủy ban nhân dân tỉnh Bắc Ninh", None),
])
def test_the_issuer_is_the_run_of_capitals_that_ends_its_line(top, issuer, parent):
    text = (f"{top}\nSố: 778/TCHQ-GSQL V/v xử lý vướng mắc\nHà Nội, ngày 13 tháng 02 năm 2017 Kính gửi: Cục Hải "
            "quan các tỉnh.\nĐể đảm bảo việc trao đổi thông tin.\n1. Hướng dẫn.\n")
    h = extract(text).header
    assert (h.issuer.name, h.parent_issuer.name if h.parent_issuer else None) == (issuer, parent)


@pytest.mark.parametrize("top, issuer", [
    # a bare number is part of an organ's name; a symbol's or a date's digits are not
    ("BAN CHỈ ĐẠO 389 TỈNH QUẢNG NAM", "Ban Chỉ đạo 389 tỉnh Quảng Nam"),
    ("PHÒNG GIÁO DỤC HUYỆN X\nTRƯỜNG THCS SỐ 2 XÃ AN BÌNH", "Trường THCS số 2 xã An Bình"),
    ("UBND QUẬN GÒ VẤP\nUBND PHƯỜNG 12 QUẬN GÒ VẤP", "UBND phường 12 quận Gò Vấp"),
])
def test_an_organ_name_with_a_number(top, issuer):
    h = extract(f"{top}\nSố: 12/KH-BCĐ\nQuảng Nam, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\nVề việc thử\n"
                "1. Nội dung.\n").header
    assert h.issuer.name == issuer


def test_a_party_issuer_read_after_the_motto_on_its_line():
    # the right column read first: the motto, then the committee's name joined to it on reading
    doc = ("ĐẢNG CỘNG SẢN VIỆT NAM\nTỈNH ỦY LÀO CAI\n*\nSố 12-CT/TU\nLào Cai, ngày 15 tháng 3 năm 2025\n\n"
           "CHỈ THỊ\nvề phòng, chống thiên tai\n\n1. Các cấp ủy lãnh đạo thực hiện.\n")
    h = extract(doc).header
    assert (h.issuer.name, h.symbol) == ("Tỉnh ủy Lào Cai", "12-CT/TU")


def _caps_tail_forward(seg):
    # the words read from the start (the reference): the last run of capital words, reset by any other word
    import re
    start, number_before = None, False
    for m in re.finditer(r"\S+", seg):
        w = m.group(0)
        lead = len(w) - len(w.lstrip("/"))
        letters = [c for c in w if c.isalpha()]
        if re.search(r"\d|/", w[lead:]) or (letters and not all(c.isupper() for c in letters)):
            start, number_before = None, not letters and "/" not in w
        elif start is None and letters:
            start = m.start() + lead
    if start is None or number_before or len(re.findall(r"[^\W\d_]{2,}", seg[start:])) < 2:
        return None
    return start


def test_caps_tail_read_from_the_end_equals_reading_every_word():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from pipeline.header.issuer import _caps_tail
    words = ["BỘ", "TÀI", "CHÍNH", "Công", "văn", "2739/VPCP", "389", "-", "/ỦY", "BAN", "x1", "A", "&", "1/2",
             "v/v", "---", "ĐẠO", "SỐ", "2", "/", "\n", " "]

    @settings(max_examples=500, deadline=None)
    @given(st.lists(st.sampled_from(words), max_size=14).map(" ".join))
    def check(seg):
        assert _caps_tail(seg) == _caps_tail_forward(seg)

    check()
    assert _caps_tail("Công văn 778/TCHQ-GSQL BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN") == 23


@pytest.mark.parametrize("top, title", [
    # NĐ 30/2020: a decision or a resolution prints its issuing authority between the trích yếu and the legal
    # basis; a scrape keeps it as the title's last line or runs it onto that line
    ("CHÍNH PHỦ", "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤU THẦU CHÍNH PHỦ"),
    ("KIỂM TOÁN NHÀ NƯỚC", "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤU THẦU\nTỔNG KIỂM TOÁN NHÀ NƯỚC"),
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG", "CÔNG BỐ DANH MỤC THỦ TỤC HÀNH CHÍNH LĨNH VỰC ĐẤU THẦU\n"
                                           "ỦY BAN NHÂN DÂN THÀNH PHỐ HẢI PHÒNG"),
])
def test_the_issuing_authority_between_title_and_basis_is_no_part_of_the_title(top, title):
    doc = extract(_decision(top, title))
    assert doc.header.title == "Công bố danh mục thủ tục hành chính lĩnh vực đấu thầu"
    assert doc.text[slice(*doc.header.spans["title"])].endswith("LĨNH VỰC ĐẤU THẦU")


@pytest.mark.parametrize("top, title", [
    # a place name whose last word is a head word (`HẢI PHÒNG`, `XÃ HỘI`), an organ inside a signer's title of
    # the trích yếu's object, a name the top block prints inside a line only: the title's own words
    ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ HẢI PHÒNG", "QUY ĐỊNH THU GOM BÙN THẢI TRÊN ĐỊA BÀN THÀNH PHỐ HẢI PHÒNG"),
    ("NGÂN HÀNG CHÍNH SÁCH XÃ HỘI", "ĐIỀU CHỈNH LÃI SUẤT CHO VAY TẠI NGÂN HÀNG CHÍNH SÁCH XÃ HỘI"),
    ("BỘ TÀI CHÍNH", "SỬA ĐỔI THÔNG TƯ SỐ 55/2023/TT-BTC NGÀY 15 THÁNG 8 NĂM 2023 CỦA BỘ TRƯỞNG BỘ TÀI CHÍNH"),
    ("ỦY BAN NHÂN DÂN\nTỈNH BẮC NINH", "QUY ĐỊNH CHẾ ĐỘ THU PHÍ ĐỐI VỚI DOANH NGHIỆP TỈNH BẮC NINH"),
])
def test_an_organ_that_ends_the_trich_yeu_stays(top, title):
    h = extract(_decision(top, title)).header
    assert h.title.casefold().split() == title.casefold().split()


@pytest.mark.parametrize("row, place", [
    # a scraped header row: the issuer and the symbol in one cell, the motto and the place-and-date line in the other
    ("CHÍNH PHỦ_______ Số: 12/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAMĐộc lập – Tự do – Hạnh phúc"
     "________________________ Hà Nội, ngày 30 tháng 6 năm 2025 |", "Hà Nội"),
    ("CHÍNH PHỦ Số: 12/2025/NĐ-CP | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc "
     "Thành phố Hồ Chí Minh, ngày 30 tháng 6 năm 2025", "Thành phố Hồ Chí Minh"),
])
def test_a_date_run_onto_the_motto_in_one_header_row(row, place):
    h = extract(f"{row}\n\nNGHỊ ĐỊNH\nQuy định về thử\nCăn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phạm vi.\n").header
    assert (h.date, h.place, h.symbol, h.issuer.name) == ("2025-06-30", place, "12/2025/NĐ-CP", "Chính phủ")


_MOTTO = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"


@pytest.mark.parametrize("text, issuer", [
    # the issuer's cell beside the motto, the symbol after `Luật số:` (a law's form)
    ("QUỐC HỘI | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc | Luật số: 60/2024/QH15 |\nLUẬT\n"
     "DỮ LIỆU\nCăn cứ Hiến pháp;\nQuốc hội ban hành Luật Dữ liệu.\nĐiều 1. Phạm vi điều chỉnh\n", "Quốc hội"),
    # the top block lost: the authority line between the title and the legal basis names the issuer
    (f"{_MOTTO}Số: 1654/NQ-UBTVQH15\nNGHỊ QUYẾT\nVề việc sắp xếp các đơn vị hành chính cấp xã\n"
     "ỦY BAN THƯỜNG VỤ QUỐC HỘI\nCăn cứ Hiến pháp;\nQUYẾT NGHỊ:\nĐiều 1. Sắp xếp.\n", "Ủy ban Thường vụ Quốc hội"),
    # ... or the enacting formula that closes the basis: the organ, not its head
    (f"{_MOTTO}Số: 21/2025/TT-BGDĐT\nTHÔNG TƯ\nQuy định chế độ làm việc\nCăn cứ Luật Giáo dục;\n"
     "Bộ trưởng Bộ Giáo dục và Đào tạo ban hành Thông tư quy định chế độ làm việc.\nĐiều 1. Phạm vi.\n",
     "Bộ Giáo dục và Đào tạo"),
    (f"{_MOTTO}Số: 25/2025/NĐ-CP\nNGHỊ ĐỊNH\nQuy định chức năng của Bộ Nội vụ\nCăn cứ Luật Tổ chức Chính phủ;\n"
     "Theo đề nghị của Bộ trưởng Bộ Nội vụ;\nChính phủ ban hành Nghị định quy định chức năng.\nĐiều 1. Vị trí.\n",
     "Chính phủ"),
    # an authority that is a head's title as a whole stays whole
    (f"{_MOTTO}Số: 25/2025/QĐ-TTg\nQUYẾT ĐỊNH\nBan hành quy chế\nCăn cứ Luật Tổ chức Chính phủ;\n"
     "Thủ tướng Chính phủ ban hành Quyết định ban hành quy chế.\nĐiều 1. Ban hành.\n", "Thủ tướng Chính phủ"),
])
def test_an_issuer_the_header_block_lost_or_spelt_otherwise(text, issuer):
    assert extract(text).header.issuer.name == issuer


def test_a_title_line_that_opens_with_the_number_of_the_document_it_cites():
    # `... QUYẾT ĐỊNH` ends a line whose next opens `SỐ ...`: the number of the document the title cites, not a symbol
    doc = extract(_decision("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ ĐÀ NẴNG", "BÃI BỎ QUYẾT ĐỊNH\nSỐ 55/2014/QĐ-UBND NGÀY "
                                                                "31/12/2014 CỦA UBND THÀNH PHỐ ĐÀ NẴNG"))
    assert doc.header.title.casefold().split() == ("bãi bỏ quyết định số 55/2014/qđ-ubnd ngày 31/12/2014 của ubnd "
                                                   "thành phố đà nẵng").split()
    assert doc.header.symbol == "12/QĐ-UBND"


@pytest.mark.parametrize("line, place", [
    # the comma before `ngày` left out: the place only where the words name a province or a city
    ("Số: 388/NQ-CP | Hà Nội ngày 01 tháng 12 năm 2025", "Hà Nội"),
    ("Số: 388/NQ-CP | Thành phố Hồ Chí Minh ngày 01 tháng 12 năm 2025", "Thành phố Hồ Chí Minh"),
    ("Số: 388/NQ-CP | Văn phòng Chính phủ ngày 01 tháng 12 năm 2025", None),
])
def test_a_place_whose_comma_was_left_out(line, place):
    h = extract(f"CHÍNH PHỦ\n{line}\nNGHỊ QUYẾT\nVề thử\nCăn cứ Luật Tổ chức Chính phủ;\nĐiều 1. Phạm vi.\n").header
    assert (h.date, h.place) == ("2025-12-01", place)


@pytest.mark.parametrize("anchor, doc_type", [
    # no type line (a scrape glued it to the title): the type word before `số` names the type a law's symbol does not
    ("Luật số: 80/2025/QH15", "Luật"),
    ("Nghị quyết số: 102/2025/QH15", "Nghị quyết"),
])
def test_the_type_word_before_so(anchor, doc_type):
    h = extract(f"QUỐC HỘI\n{anchor} | Hà Nội, ngày 24 tháng 6 năm 2025\nLUẬTCÁN BỘ, CÔNG CHỨC\n"
                "Căn cứ Hiến pháp;\nĐiều 1. Phạm vi điều chỉnh\n").header
    assert (h.doc_type, h.symbol) == (doc_type, anchor.split()[-1])


def test_the_chairman_a_decision_approves_is_no_authority_line():
    # the commune's chairman the decision approves stays; the province's chairman under it is the authority
    h = extract(_decision("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA", "PHÊ CHUẨN KẾT QUẢ BẦU CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MƯỜNG BÚ\n"
                                                         "\nCHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA")).header
    assert h.title.casefold() == "phê chuẩn kết quả bầu chủ tịch ủy ban nhân dân xã mường bú"


@pytest.mark.parametrize("title, kept", [
    # an authority line after a title that ends with `TỈNH` (`TỈNH ỦY` read there would hide it)
    ("CÔNG BỐ THỦ TỤC HÀNH CHÍNH TRONG PHẠM VI CẤP TỈNH\nỦY BAN NHÂN DÂN TỈNH SƠN LA",
     "công bố thủ tục hành chính trong phạm vi cấp tỉnh"),
    # a signer's title wrapped inside its line
    ("CÔNG BỐ THỦ TỤC HÀNH CHÍNH CỦA ỦY BAN NHÂN DÂN TỈNH CHỦ\nTỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA",
     "công bố thủ tục hành chính của ủy ban nhân dân tỉnh"),
])
def test_an_authority_line_that_other_words_hid(title, kept):
    assert extract(_decision("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA", title)).header.title.casefold() == kept


@pytest.mark.parametrize("body", [
    # an item that asks for a decision to be issued, a plan's first line in capitals: no issuer's formula or line
    "Sở Tư pháp chủ trì tham mưu Ủy ban nhân dân tỉnh ban hành Quyết định về công tác pháp chế.\nI. MỤC ĐÍCH\n",
    "BAN CHỈ ĐẠO CHUYỂN ĐỔI SỐ\nThực hiện Nghị quyết số 05/NQ-HĐND ngày 1/3/2025.\nI. MỤC ĐÍCH\n",
    "Bộ trưởng Bộ Tài chính ban hành Thông tư hướng dẫn.\nI. MỤC ĐÍCH\n",
])
def test_no_issuer_from_a_sentence_of_the_body(body):
    head = (f"{_MOTTO}Số: 12/KH-UBND\nSơn La, ngày 05 tháng 3 năm 2025\nKẾ HOẠCH\n"
            "Triển khai công tác pháp chế năm 2025\n")
    assert extract(head + body).header.issuer is None


def test_an_issuer_that_ends_with_a_type_word_before_so():
    # `DỰ ÁN` ends the issuer's name, not a type word before the symbol's `SỐ`: the symbol's shape gives the type
    h = extract("BAN QUẢN LÝ DỰ ÁN SỐ: 125/BQLDA-KT\nSơn La, ngày 05 tháng 3 năm 2025\nKính gửi: Sở Tài chính.\n"
                "Ban Quản lý dự án đề nghị Sở Tài chính thẩm định.\n").header
    assert (h.symbol, h.doc_type) == ("125/BQLDA-KT", "Công văn")


@pytest.mark.parametrize("title, kept", [
    # a title that ends with a whole organ's name, the authority line under it (second review)
    ("BAN HÀNH KẾ HOẠCH THỰC HIỆN NGHỊ QUYẾT SỐ 66/NQ-CP CỦA CHÍNH PHỦ\nỦY BAN NHÂN DÂN TỈNH SƠN LA",
     "ban hành kế hoạch thực hiện nghị quyết số 66/nq-cp của chính phủ"),
    ("VỀ VIỆC THÀNH LẬP ĐOÀN THANH TRA\nỦY BAN NHÂN DÂN TỈNH SƠN LA", "thành lập đoàn thanh tra"),
    # a board of the organ: the name goes on (`VĂN PHÒNG` + `ỦY BAN NHÂN DÂN ...`)
    ("QUY ĐỊNH CHỨC NĂNG CỦA VĂN PHÒNG ỦY BAN NHÂN DÂN TỈNH SƠN LA",
     "quy định chức năng của văn phòng ủy ban nhân dân tỉnh sơn la"),
])
def test_an_authority_line_after_a_whole_name(title, kept):
    assert extract(_decision("ỦY BAN NHÂN DÂN\nTỈNH SƠN LA", title)).header.title.casefold() == kept


def test_the_enacting_formula_after_the_submission_it_considers():
    text = (f"{_MOTTO}Số: 12/2025/NQ-HĐND\nSơn La, ngày 05 tháng 3 năm 2025\nNGHỊ QUYẾT\nQuy định mức chi hỗ trợ\n"
            "Căn cứ Luật Tổ chức chính quyền địa phương;\nXét Tờ trình số 45/TTr-UBND ngày 01 tháng 3 năm 2025 "
            "của Ủy ban nhân dân tỉnh; ý kiến thảo luận của đại biểu tại kỳ họp.\nHội đồng nhân dân tỉnh ban hành "
            "Nghị quyết quy định mức chi hỗ trợ.\nĐiều 1. Phạm vi.\n")
    assert extract(text).header.issuer.name == "Hội đồng nhân dân tỉnh"


def test_the_type_word_after_the_issuer_on_its_line():
    h = extract("QUỐC HỘI Luật số: 80/2025/QH15\nHà Nội, ngày 24 tháng 6 năm 2025\nCăn cứ Hiến pháp;\n"
                "Điều 1. Phạm vi điều chỉnh\n").header
    assert (h.doc_type, h.symbol) == ("Luật", "80/2025/QH15")


def test_an_authority_line_whose_name_the_top_block_prints_beside_the_motto():
    # a flattened two-column header: the issuer's lines interleaved with the motto's
    top = "ỦY BAN THƯỜNG VỤ\\ CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nQUỐC HỘI\\ Độc lập - Tự do - Hạnh phúc"
    h = extract(_decision(top, "SẮP XẾP CÁC ĐƠN VỊ HÀNH CHÍNH CẤP XÃ CỦA TỈNH LAI CHÂU NĂM 2025\n"
                               "ỦY BAN THƯỜNG VỤ QUỐC HỘI")).header
    assert h.title == "Sắp xếp các đơn vị hành chính cấp xã của tỉnh Lai Châu năm 2025"


@pytest.mark.parametrize("marked,name", FACTS["stamps"]["prefix_examples"])
def test_a_mark_above_the_issuer_is_no_part_of_it(marked, name):
    # a scraped copy prints the mark of a draft, urgency or secrecy on the issuer's first line
    doc = extract(f"{marked}\nSố: 01/KH-UBND\nKẾ HOẠCH\nVề việc thử\n1. Nội dung.")
    assert doc.header.issuer.name.casefold() == title_case_organ(name).casefold()


@pytest.mark.parametrize("head,title", [
    # HD 36: the issuer's line under the type name, then the trích yếu
    ("CHỈ THỊ\nCỦA BAN THƯỜNG VỤ TỈNH ỦY\nvề tăng cường công tác phòng cháy", "về tăng cường công tác phòng cháy"),
    ("CHỈ THỊ\ncủa Ban Bí thư\nvề lãnh đạo đại hội đảng bộ các cấp", "về lãnh đạo đại hội đảng bộ các cấp"),
])
def test_party_trich_yeu_forms(head, title):
    text = (f"ĐẢNG ỦY XÃ TÂN CHI\n*\nSố 219-CT/ĐU\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            f"Tân Chi, ngày 10 tháng 3 năm 2026\n{head}\n1. Nội dung.")
    assert extract(text).header.title == title


def test_party_cong_van_trich_yeu_written_ve_viec():
    # a Party công văn's trích yếu under its number, written `về việc` (HD 36 ô 5b); mid-sentence no trích yếu
    text = ("ĐẢNG ỦY XÃ TÂN CHI\n*\nSố 219-CV/ĐU\nvề việc góp ý dự thảo văn kiện\nĐẢNG CỘNG SẢN VIỆT NAM\n"
            "Tân Chi, ngày 10 tháng 3 năm 2026\n1. Nội dung.")
    assert extract(text).header.title == "góp ý dự thảo văn kiện"
    text = ("Số 219-TB/ĐU\nĐảng ủy đã họp về việc góp ý dự thảo văn kiện.\n1. Nội dung.")
    assert extract(text).header.doc_type == "Thông báo"


def test_the_secretariat_signing_gives_no_position():
    # `T/M BAN BÍ THƯ` names the organ a member signs for; its `BÍ THƯ` is no position
    doc = extract("Số 12-CT/TW\nCHỈ THỊ\nvề thử\n1. Nội dung.\nT/M BAN BÍ THƯ\nTrần Văn Tâm")
    assert (doc.header.signer.name, doc.header.signer.position) == ("Trần Văn Tâm", None)


def test_a_cong_dien_addressee_list_under_dien_on_its_own_line():
    # `THỦ TƯỚNG CHÍNH PHỦ` / `Điện:` / `- ...`: the addressees, no tasks
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 45/CĐ-TTg\nHà Nội, ngày 20 tháng 9 năm 2025\nCÔNG ĐIỆN\nVề việc ứng phó bão\n"
            "THỦ TƯỚNG CHÍNH PHỦ\nĐiện:\n- Các Bộ trưởng: Quốc phòng, Công an;\n"
            "- Chủ tịch Ủy ban nhân dân các tỉnh ven biển.\nThủ tướng Chính phủ yêu cầu:\n1. Các bộ chủ động.\n"
            "2. Các tỉnh sơ tán dân.\n")
    doc = extract(text)
    assert [t.path for t in doc.tasks] == ["1", "2"]
    assert doc.header.addressees == ["Các Bộ trưởng: Quốc phòng, Công an", "Chủ tịch Ủy ban nhân dân các tỉnh ven biển"]


def test_a_cong_dien_addressee_split_over_the_cells_of_its_row():
    # a scraped page's table: `- Bộ trưởng các Bộ:` | `Quốc phòng, Công an.` in one row, the next addressee in
    # the next row: one list, the item and the names its colon announces one addressee
    text = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 45/CĐ-TTg\nHà Nội, ngày 20 tháng 9 năm 2025\nCÔNG ĐIỆN\nVề việc ứng phó bão\n"
            "THỦ TƯỚNG CHÍNH PHỦ điện:\n|\n- Bộ trưởng\ncác Bộ:\n|\nQuốc phòng, Công an.\n|\n"
            "- Chủ tịch Ủy ban nhân dân các tỉnh ven biển.\n|\nTrong những ngày qua, bão gây thiệt hại lớn. "
            "Thủ tướng Chính phủ yêu cầu:\n\n1. Các bộ chủ động.\n2. Các tỉnh sơ tán dân.\n")
    doc = extract(text)
    assert doc.header.addressees == ["Bộ trưởng các Bộ: Quốc phòng, Công an",
                                     "Chủ tịch Ủy ban nhân dân các tỉnh ven biển"]
    assert [t.path for t in doc.tasks] == ["1", "2"]


@pytest.mark.parametrize("text,addressees,body", FACTS["addressees"]["examples"])
def test_addressees_without_label_examples(text, addressees, body):
    """A body that opens with a dash list of offices, then prose, then the outline: the list is the addressees
    (models/header.toml `addressees`), and the outline's first item is `1.`."""
    doc = extract(text)
    assert doc.header.addressees == addressees.split("|")
    assert doc.text[doc.body_span[0]:].startswith(body)
    first = doc.tasks[0]
    assert first.path == "1" and doc.text[first.span[0]:].startswith(("Chủ tịch", "Sở Y tế"))


@pytest.mark.parametrize("text", FACTS["addressees"]["counter_examples"])
def test_addressees_without_label_counter_examples(text):
    """Dashes that name duties or topics, or names with no outline after them, stay the body's own."""
    doc = extract(text)
    assert doc.header.addressees == []
    assert doc.body_span[0] == 0


def test_a_symbol_that_closes_a_parenthesis_is_a_citation_not_the_documents_own():
    # a letter copied without its header: a wrapped citation's tail at a line's start is no symbol line
    text = ("Kính gửi: Công ty TNHH An Phát.\nTrả lời công văn của Công ty, Cục Hải quan có ý kiến như sau:\n"
            "1. Về phương tiện quay vòng\n- Thủ tục hải quan được quy định tại Điều 49 Nghị định số 08/2015/NĐ-CP "
            "(được sửa đổi tại Nghị định số\n167/2025/NĐ-CP).\n2. Về hàng hóa gửi kho ngoại quan\n- Thủ tục được quy "
            "định tại Điều 88 Nghị định số 08/2015/NĐ-CP.\n")
    doc = extract(text)
    assert doc.header.symbol is None
    assert [t.path for t in doc.tasks if "." not in t.path] == ["1", "2"]
