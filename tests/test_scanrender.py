"""The scan renderer: page size, determinism, stamps in colour, truth in reading order."""
from __future__ import annotations

import numpy as np

from tests.support.scanrender import PAGE_H, PAGE_W, find_font, render_scan, render_scan_with_truth, split_header

TEXT = """THỦ TƯỚNG CHÍNH PHỦ
CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM
Độc lập - Tự do - Hạnh phúc
Số: 37/CĐ-TTg
Hà Nội, ngày 13 tháng 4 năm 2025
CÔNG ĐIỆN
Về vụ cháy nhà dân tại thành phố Hà Nội
Khoảng 02 giờ 30 phút ngày 13 tháng 4 năm 2025, xảy ra vụ cháy nhà dân tại số 6, ngách 14, ngõ 68 phố Trung Liệt."""


def test_font_has_vietnamese():
    from PIL import ImageFont

    f = ImageFont.truetype(find_font("regular"), 40)
    assert f.getmask("Ư").getbbox() != f.getmask("\uffff").getbbox()


def test_split_header():
    left, right, body = split_header(TEXT)
    assert left == ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 37/CĐ-TTg"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Hà Nội, ngày 13 tháng 4 năm 2025"]
    assert body[0] == "CÔNG ĐIỆN"


def test_render_is_a4_deterministic_and_has_red_stamps():
    a = render_scan(TEXT, seed=1, skew_deg=0.5)
    b = render_scan(TEXT, seed=1, skew_deg=0.5)
    assert len(a) == 1 and a[0].size == (PAGE_W, PAGE_H)
    assert np.array_equal(np.asarray(a[0]), np.asarray(b[0]))
    arr = np.asarray(a[0]).astype(int)
    red = (arr[..., 0] > 150) & (arr[..., 1] < 110) & (arr[..., 2] < 110)
    assert red.sum() > 5000
    plain = np.asarray(render_scan(TEXT, seed=1, stamp=False, noise=0, blur=0, skew_deg=0)[0]).astype(int)
    red = (plain[..., 0] > 150) & (plain[..., 1] < 110) & (plain[..., 2] < 110)
    assert red.sum() == 0
    assert (plain < 100).any()                      # text was drawn


def test_truth_in_reading_order_and_pagination():
    long = TEXT + "\n" + "\n".join(["Ủy ban nhân dân thành phố chỉ đạo tổ chức thăm hỏi chu đáo, kịp thời động viên, "
                                    "hỗ trợ vật chất, tinh thần, tạo mọi điều kiện tốt nhất."] * 40)
    imgs, truths = render_scan_with_truth(long, seed=0, stamp=False)
    assert len(imgs) == len(truths) >= 2
    first = truths[0].splitlines()
    assert first[:5] == ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 37/CĐ-TTg", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                         "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 13 tháng 4 năm 2025"]
    assert "TM. ỦY BAN NHÂN DÂN" not in truths[-1]   # no signature block without stamp=True
    imgs, truths = render_scan_with_truth(TEXT, seed=0, max_pages=1)
    assert truths[-1].splitlines()[-2:] == ["TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"]
