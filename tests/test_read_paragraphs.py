"""The cheap test `is_caps` runs first (the small ASCII letters of a short line counted in C) gives
the answer of the full count."""
import random

from pipeline.read import case as C
from pipeline.read import paragraphs as P


def _caps_counted(s: str) -> bool:
    """`is_caps` by its definition: over 85% of the letters of the first 150 characters capitals."""
    up, low = C.count_case(s[:150])
    return up + low >= 3 and up > 0.85 * (up + low)


def test_is_caps_is_its_definition():
    letters = "aAbBkKhHđĐêÊơƠưƯạẠễỄ  .,0-ⅠβΒ"
    rng = random.Random(3)
    lines = ["KẾ HOẠCH", "Kế hoạch", "UBND TỈNH ĐỒNG THÁP", "ỦY BAN NHÂN DÂN tỉnh", "I. MỤC ĐÍCH, YÊU CẦU", "abc",
             "ABc", "ABCDEFGHIJKLMNOPQRSTUVWXYZ abc", "x" * 45, "X" * 45 + "y" * 8, "CHƯƠNG I\ud800"]
    lines += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 60))) for _ in range(4000)]
    for s in lines:
        assert C.is_caps(s) == _caps_counted(s), s



def test_a_sections_capital_letter_opens_a_paragraph_after_a_title_in_capitals():
    # `A. CÔNG TÁC ...` after `VỀ CÔNG TÁC ĐẢNG VIÊN`: the next section's letter, no wrap of the title above
    assert P.starts_paragraph("VỀ CÔNG TÁC ĐẢNG VIÊN", "A. CÔNG TÁC TẠO NGUỒN, KẾT NẠP ĐẢNG VIÊN")
    assert P.starts_paragraph("QUY TRÌNH NỘI BỘ THỦ TỤC HÀNH CHÍNH NỘI BỘ", "B. THỦ TỤC HÀNH CHÍNH CẤP XÃ")
    # a title in capitals wrapped onto the next line still reads as one
    assert not P.starts_paragraph("KẾ HOẠCH THỰC HIỆN CHƯƠNG TRÌNH", "CHUYỂN ĐỔI SỐ NĂM 2025")
    assert not P.starts_paragraph("VỀ VIỆC TRIỂN KHAI", "A LƯỚI VÀ CÁC XÃ")


def test_markdown_heading_is_a_block_of_its_own():
    """An ATX heading (`#` to `######` and a space, or the hashes alone) opens and ends its paragraph, as the
    line before or after; a `#` that opens a word (`#chuyển_đổi_số`, `#1`) is no heading."""
    prose = P.LineView("Các sở, ngành triển khai thực hiện")
    for head in ("## Chương II", "# Kế hoạch", "###### Mục 1", "###", "#\tTiêu đề"):
        assert P.paragraph_break(prose, P.LineView(head)), head
        assert P.paragraph_break(P.LineView(head), P.LineView("các nội dung sau đây")), head
    for word in ("#chuyển_đổi_số trên địa bàn", "#1 trong các nhiệm vụ", "####### bảy dấu"):
        assert not P.paragraph_break(prose, P.LineView(word)), word
