"""Signature blocks as unseen documents print them (made-up blocks through `pipeline.extract`)."""
from __future__ import annotations

import pytest

from pipeline import extract

HEAD = "Số: 01/KH-UBND\nKẾ HOẠCH\nVề việc thử\n1. Nội dung.\nNơi nhận:\n- Như trên;\n- Lưu: VT.\n"


@pytest.mark.parametrize("block, position, name", [
    # position and name on one line, as scraped pages print them, with more text after (a paragraph)
    ("CHỦ TỊCH Nguyễn Minh Dũng\n\nNghị quyết 21/2025/NQ-HĐND quy định mức hỗ trợ", "Chủ tịch", "Nguyễn Minh Dũng"),
    ("BỘ TRƯỞNG Nguyễn Mạnh Hùng", "Bộ trưởng", "Nguyễn Mạnh Hùng"),
    # a name ends with its line: the next line's capitalised word is not part of it
    ("KT. CỤC TRƯỞNG\nPHÓ CỤC TRƯỞNG\nĐào Duy Tám\n\nCông văn 37951/CHQ-GSQL năm 2025", "Phó Cục trưởng",
     "Đào Duy Tám"),
    # a position broken over two lines
    ("K/T TRƯỞNG BAN\nPHÓ\nTRƯỞNG BAN\nNguyễn Văn An", "Phó Trưởng ban", "Nguyễn Văn An"),
    # a placeholder run into the name's line
    ("GIÁM ĐỐC\n(Ký và đóng dấu)\nNguyễn Văn An", "Giám đốc", "Nguyễn Văn An"),
    # a title and `THƯỜNG TRỰC` (standing) after it: one title, whatever the title
    ("TM. BAN BÍ THƯ\nBÍ THƯ THƯỜNG TRỰC\nNguyễn Văn An", "Bí thư thường trực", "Nguyễn Văn An"),
    ("TM. BAN CHẤP HÀNH\nPHÓ CHỦ NHIỆM THƯỜNG TRỰC\nNguyễn Văn An", "Phó Chủ nhiệm thường trực", "Nguyễn Văn An"),
    # a scraped page's text run into the name's line: the next document's title is no part of the name,
    # short line or long
    ("KT. TRƯỞNG BAN\nPHÓ TRƯỞNG BAN\nLê Thị Thu Hà Công văn 12/CT-CS năm 2025 về thuế", "Phó Trưởng ban",
     "Lê Thị Thu Hà"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nTrần Văn Bình Quyết định 122/2025/QĐ-UBND bãi bỏ Quyết định 42/2018/QĐ-UBND "
     "về phân cấp quản lý tài sản công tại cơ quan, tổ chức, đơn vị thuộc phạm vi quản lý của địa phương",
     "Phó Chủ tịch", "Trần Văn Bình"),
    # a name whose last word opens no document type's name stays whole (`Công` of `Công ty` is no title)
    ("GIÁM ĐỐC\nNguyễn Văn Công", "Giám đốc", "Nguyễn Văn Công"),
    # the type in title case or capitals, or of one word with its number (review)
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hương Quyết Định 12/QĐ-UBND về giá đất", "Phó Chủ tịch", "Lê Thị Hương"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hương Công Văn 12/UBND-KT", "Phó Chủ tịch", "Lê Thị Hương"),
    ("KT. CHỦ TỊCH\nPHÓ CHỦ TỊCH\nLê Thị Hương Luật 12/2025/QH15 sửa đổi", "Phó Chủ tịch", "Lê Thị Hương"),
    # `Luật` is a given name too: without a number after it, it stays
    ("GIÁM ĐỐC\nNguyễn Văn Luật", "Giám đốc", "Nguyễn Văn Luật"),
    # the heads of the highest organs sign with the organ in their title
    ("T/M BAN CHẤP HÀNH TRUNG ƯƠNG\nTỔNG BÍ THƯ\nNguyễn Văn An", "Tổng Bí thư", "Nguyễn Văn An"),
    ("CHỦ TỊCH QUỐC HỘI\n(Đã ký)\nNguyễn Văn An", "Chủ tịch Quốc hội", "Nguyễn Văn An"),
    ("TỔNG KIỂM TOÁN NHÀ NƯỚC\nNguyễn Văn An", "Tổng Kiểm toán Nhà nước", "Nguyễn Văn An"),
    ("CHỦ TỊCH NƯỚC\nNguyễn Văn An", "Chủ tịch nước", "Nguyễn Văn An"),
    # a scraped cell that runs the authority's line into the title, or a deputy's title into the name
    ("TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH\nNguyễn Văn An", "Chủ tịch", "Nguyễn Văn An"),
    ("KT. TRƯỞNG THUẾ TỈNH PHÓ TRƯỞNG THUẾ TỈNH Nguyễn Văn An", "Phó Trưởng Thuế tỉnh", "Nguyễn Văn An"),
    ("KT. TRƯỞNG THUẾ TỈNH PHÓ TRƯỞNG THUẾ TỈNH TS. Nguyễn Văn An", "Phó Trưởng Thuế tỉnh", "Nguyễn Văn An"),
])
def test_signature_forms(block, position, name):
    s = extract(HEAD + block + "\n").header.signer
    assert (s.position.casefold(), s.name) == (position.casefold(), name)


def test_unit_named_only_under_delegation():
    """TL./TUQ.: the position line names the unit the signer heads; under KT./TM. a capitalised tail
    is no part of the position."""
    s = extract(HEAD + "TL. GIÁM ĐỐC\nTRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ\nPhạm Minh Tuấn\n").header.signer
    assert s.position.casefold() == "trưởng phòng tổ chức cán bộ"
    s = extract(HEAD + "TM. BAN THƯỜNG VỤ\nBÍ THƯ “VỀ TĂNG CƯỜNG”\nLê Hồng Phong\n").header.signer
    assert s.position == "Bí thư"


def test_signature_column_beside_the_recipients():
    """A table that runs the signature column beside the `Nơi nhận` column, row by row."""
    text = ("Số: 01/KH-UBND\nKẾ HOẠCH\nVề việc thử\n1. Nội dung thực hiện.\n\n"
            "| | KT. CHỦ TỊCH |\n|---|---|\n| Nơi nhận: | PHÓ CHỦ TỊCH |\n| - Như trên; | |\n"
            "| - Lưu: VT. | Nguyễn Văn An |\n")
    s = extract(text.encode(), path="x.md").header.signer
    assert (s.authority, s.position, s.name) == ("KT.", "Phó Chủ tịch", "Nguyễn Văn An")


@pytest.mark.parametrize("block, position, name", [
    # a scraped cell that runs the block's lines together
    ("- Lưu: VT, KTTH. | TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Hồ Đức Phớc |", "Phó Thủ tướng", "Hồ Đức Phớc"),
    # a rank between the position and the name
    ("- Lưu: VT. | KT. BỘ TRƯỞNG THỨ TRƯỞNG Thượng tướng Võ Minh Lương", "Thứ trưởng", "Võ Minh Lương"),
    ("- Lưu: VT. THỨ TRƯỞNG THƯỜNG TRỰC (Đã ký) Phạm Ngọc Thưởng |", "Thứ trưởng Thường trực", "Phạm Ngọc Thưởng"),
])
def test_signature_closing_a_unit(block, position, name):
    s = extract(HEAD.replace("- Lưu: VT.\n", "") + block + "\n").header.signer
    assert (s.position.casefold(), s.name) == (position.casefold(), name)


def test_deputy_title_the_table_does_not_know():
    """`KT. TRƯỞNG THUẾ TỈNH` / `PHÓ TRƯỞNG THUẾ TỈNH`: signing for the head, the deputy's title."""
    s = extract(HEAD + "KT.\nTRƯỞNG THUẾ TỈNH PHÓ TRƯỞNG THUẾ TỈNH\nNguyễn Tấn Lợi\n").header.signer
    assert (s.position.casefold(), s.name) == ("phó trưởng thuế tỉnh", "Nguyễn Tấn Lợi")


def test_every_position_of_the_table_closes_a_unit_with_its_name():
    # the search for a signature at a unit's end looks only where a position's first letters are:
    # every position of the table is found there, run into the capitals before it or not
    from pipeline.header.signer import _signature_at_end
    from pipeline.header.units import _facts
    positions = _facts()["signer"]["positions"]
    for p in positions:
        for before in ("Nơi nhận: như trên; Lưu: VT. ", "TM. ỦY BAN NHÂN DÂN"):
            found = _signature_at_end(f"{before}{p} Nguyễn Văn An")
            assert found is not None and found[0].split() == p.split(), (before, p)
    assert _signature_at_end("Giao Sở Nội vụ chủ trì thực hiện Nguyễn Văn An") is None


def test_a_scans_signer_name_glued_to_the_recipients_lines():
    """A scan read the signature column into the recipients' lines and lost the position: the name at
    the end of a line, after its separator, is the signer's, its family name read back (`Nguyên` for
    `Nguyễn`); a recipient that is an organ stays one."""
    from pipeline import extract
    doc = ("THỦ TƯỚNG CHÍNH PHỦ\nSố: 82/NQ-CP\nHà Nội, ngày 10 tháng 4 năm 2025\nNGHỊ QUYẾT\nVề việc thanh tra\n\n"
           "1. Thanh tra Chính phủ chủ trì nghiên cứu, báo cáo Thủ tướng Chính phủ.\n\n"
           "Nơi nhận:\n- Ban Bí thư Trung ương Đảng;\n- VPCP: BTCN, các PCN,\n"
           "Trợ lý TTg, các Vụ, Cục; Nguyên Hòa Bình\n- Lưu: VT.\n")
    h = extract(doc).header
    assert h.signer.name == "Nguyễn Hòa Bình"
    assert "Nguyên Hòa Bình" not in h.recipients and "Ban Bí thư Trung ương Đảng" in h.recipients
    plain = doc.replace("; Nguyên Hòa Bình", "; Sở Tài chính Hà Nam")
    assert extract(plain).header.signer.name is None


def test_name_in_a_scraped_cell():
    """A name whose line a scraped table's cell closes (`Nguyễn Văn An |`) after a run-on recipients list."""
    text = "Số: 01/KH-UBND\nKẾ HOẠCH\nVề việc thử\n1. Nội dung.\n- Chính phủ; - Bộ Nội vụ; - Lưu: VT.\n" \
           "CHỦ TỊCH\nNguyễn Văn An |\n"
    s = extract(text.encode(), path="x.md").header.signer
    assert (s.position, s.name) == ("Chủ tịch", "Nguyễn Văn An")
