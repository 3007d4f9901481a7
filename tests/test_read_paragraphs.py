"""The cheap tests `paragraphs` runs first give the answers of the full ones: `_is_caps` (the small
letters counted in C on a short line), the header-line pattern without its place-and-date branch on a
line without `ngày`."""
import random

from pipeline.read import paragraphs as P


def _caps_counted(s: str) -> bool:
    """`_is_caps` by its definition: over 85% of the letters of the first 150 characters capitals."""
    up, low = P.count_case(s[:150])
    return up + low >= 3 and up > 0.85 * (up + low)


def test_is_caps_is_its_definition():
    letters = "aAbBkKhHđĐêÊơƠưƯạẠễỄ  .,0-ⅠβΒ"
    rng = random.Random(3)
    lines = ["KẾ HOẠCH", "Kế hoạch", "UBND TỈNH ĐỒNG THÁP", "ỦY BAN NHÂN DÂN tỉnh", "I. MỤC ĐÍCH, YÊU CẦU", "abc",
             "ABc", "ABCDEFGHIJKLMNOPQRSTUVWXYZ abc", "x" * 45, "X" * 45 + "y" * 8, "CHƯƠNG I\ud800"]
    lines += ["".join(rng.choice(letters) for _ in range(rng.randint(1, 60))) for _ in range(4000)]
    for s in lines:
        assert P._is_caps(s) == _caps_counted(s), s


def test_the_undated_header_pattern_answers_as_the_whole_one_without_ngay():
    lines = ["Hà Nội, ngày 12 tháng 3 năm 2025", "TP. Hồ Chí Minh, ngày 5", "Số: 12/KH-UBND", "Kính gửi: Sở Y tế",
             "Căn cứ Luật Tổ chức", "KẾ HOẠCH", "Ngày 12/3/2025, Ủy ban", "Đồng Tháp, ngày", "a, b, ngày 3",
             "Thực hiện Chỉ thị", "V/v triển khai", "Nơi nhận:", "Sở Y tế chủ trì, phối hợp"]
    for s in lines:
        undated = P._HEADER_LINE_UNDATED if "ngày" not in s else P._HEADER_LINE
        assert bool(undated.match(s)) == bool(P._HEADER_LINE.match(s)), s
    assert P._HEADER_LINE.match(lines[0]) and not P._HEADER_LINE_UNDATED.match(lines[0])


def test_marker_is_marker_re_match():
    lines = ["1. Mục tiêu", "a) Sở Y tế", "b ) x", "c. Nội dung", "d.Không", "đ) Khác", "ab) không", "a", "a)",
             "Điều 5. Hiệu lực", "Chương II", "CHƯƠNG II", "Mục 1", "Phần thứ nhất", "Thứ hai, ...", "IV. TỔ CHỨC",
             "- Sở Y tế", "• Nội dung", "(3) Bộ B", "( a ) x", "① một", "\uf0b7 Tuyên truyền", "Các sở, ngành",
             "Tổ chức", "Phối hợp", "Mười", "ｌ) x", "１. x", "", " 1. x", "x) thứ", "thực hiện", "e\tx", "f\u00a0)"]
    rng = random.Random(11)
    pool = "abđzIVXLCĐMPTCh1234567890.)( -–•*①\uf0b7ươngềiụcầnứ \t\u00a0\u2003ｌ１"
    lines += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 8))) for _ in range(20000)]
    for s in lines:
        m, ref = P.marker(s), P.MARKER_RE.match(s)
        assert (m and m.span()) == (ref and ref.span()), ascii(s)
