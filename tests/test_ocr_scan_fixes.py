"""Fixes of the OCR layer found by benchmarks/bench_ocr_extraction.py (extraction on rendered scans
against the same documents as text): repairs applied on the OCR path, the header band with a left
column longer than the right one, dust specks, isolated markers read again, junk before markers,
the renderer's signature option and the benchmark's printed text."""
from __future__ import annotations

import os
import sys

import pytest

from pipeline.ocr import pages as ocr
from pipeline.ocr.repair import repair_line, text_before

from .test_ocr import _row, _w  # word boxes as Tesseract reports them

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def _centred_row(texts, centre, top, line=None):
    width = sum(22 * len(t) + 14 for t in texts.split()) - 14
    return _row(texts, centre - width // 2, top, line=line)


# -- header band --------------------------------------------------------------------------------

def test_left_column_longer_than_the_right_one_stays_in_the_header():
    # Party header: a three-line issuer above `Số`, the right column (motto, date) only two rows
    W, H = 2480, 3508
    L, R = 724, 1684
    words = (_centred_row("BAN CHẤP HÀNH TRUNG ƯƠNG", L, 240) + _centred_row("ĐOÀN TNCS HỒ CHÍ MINH", R, 240)
             + _centred_row("BAN CHỈ ĐẠO", L, 310) + _centred_row("Hà Nội, ngày 30 tháng 01 năm 2022", R, 310)
             + _centred_row("THỰC HIỆN QUY CHẾ DÂN CHỦ", L, 380)
             + _centred_row("Số: 479-KH/BCĐQCDC", L, 450)
             + _centred_row("KẾ HOẠCH", 1240, 600)
             + [_w(t, 444 + 90 * k, 760) for k, t in enumerate(
                 "Căn cứ Quy chế thực hiện dân chủ trong hoạt động của cơ quan".split())])
    lines = ocr.layout_lines(words, W, H, first_page=True)
    got = [(ln.column, ln.text) for ln in lines]
    assert got[:6] == [("left", "BAN CHẤP HÀNH TRUNG ƯƠNG"), ("left", "BAN CHỈ ĐẠO"),
                       ("left", "THỰC HIỆN QUY CHẾ DÂN CHỦ"), ("left", "Số: 479-KH/BCĐQCDC"),
                       ("right", "ĐOÀN TNCS HỒ CHÍ MINH"), ("right", "Hà Nội, ngày 30 tháng 01 năm 2022")]
    assert got[6] == (None, "KẾ HOẠCH")
    assert got[7][0] is None and got[7][1].startswith("Căn cứ")


def test_a_body_line_after_the_date_row_is_not_pulled_into_the_left_column():
    W, H = 2480, 3508
    words = (_centred_row("BỘ TƯ PHÁP", 724, 240) + _centred_row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1684, 240)
             + _centred_row("Số: 173/QĐ-BTP", 724, 310) + _centred_row("Hà Nội, ngày 29 tháng 01 năm 2015", 1684, 310)
             # flush-left short body line right under the header (not centred on the left column)
             + [_w(t, 354 + 120 * k, 380) for k, t in enumerate("Kính gửi: Bộ Nội vụ".split())])
    lines = ocr.layout_lines(words, W, H, first_page=True)
    assert [(ln.column, ln.text) for ln in lines][-1] == (None, "Kính gửi: Bộ Nội vụ")


# -- specks and isolated tokens -----------------------------------------------------------------

def test_dust_specks_are_dropped_but_real_dashes_and_dots_kept():
    words = [_w("Quản", 356, 1381, h=46), _w("trị", 485, 1382, h=45),
             _w("-", 317, 1425, x1=318, h=3, conf=0.65),          # a 1x3 px speck read as a bullet
             _w("_", 353, 1889, x1=355, h=2, conf=0.41),
             _w("ẹ", 1703, 2835, x1=1708, h=10, conf=0.09),        # small and unsure
             _w("-", 444, 2000, x1=462, h=4, conf=0.9),            # a printed bullet: 18 px wide
             _w("đất.", 986, 1966, h=42)]
    kept = [w["text"] for w in ocr.drop_specks(words)]
    assert kept == ["Quản", "trị", "-", "đất."]


def test_isolated_candidates_are_short_unsure_and_alone_on_their_line():
    words = [_w("nước", 750, 1968, line=(1, 1, 1)), _w("đất.", 986, 1966, line=(1, 1, 1), conf=0.3),
             _w("s.", 446, 2055, line=(1, 2, 1), conf=0.0),
             _w("Kết", 446, 2134, line=(1, 3, 1), conf=0.2), _w("hợp", 536, 2137, line=(1, 3, 1)),
             _w("Nghiêm", 446, 2300, line=(1, 4, 1), conf=0.1)]
    assert ocr.isolated_candidates(words) == [2]


def _printed(text: str, width: int):
    """`text` printed small and slightly blurred on a white strip: (grayscale array, ink box)."""
    import numpy as np
    from PIL import Image, ImageDraw, ImageFilter

    from tests.support.scanrender import _font

    img = Image.new("L", (width, 200), 255)
    ImageDraw.Draw(img).text((100, 60), text, font=_font("regular", 13), fill=15)
    gray = np.asarray(img.filter(ImageFilter.GaussianBlur(0.8)))
    ys, xs = np.nonzero(gray < 128)
    return gray, (int(xs.min()), int(ys.min()), int(xs.max()) + 1, int(ys.max()) + 1)


@pytest.mark.skipif(not ocr.ocr_available(), reason="tesseract with vie data not installed")
def test_an_isolated_marker_is_read_again_from_its_crop():
    gray, box = _printed("2.", 700)
    words = [{"text": "s.", "bbox": box, "conf": 0.0, "line": (1, 1, 1)}]
    assert ocr.reread_isolated(gray, words) == 1
    assert words[0]["text"] == "2." and words[0]["conf"] >= ocr.REREAD_MIN_CONF
    sure = [{"text": "2.", "bbox": box, "conf": 0.95, "line": (1, 1, 1)}]
    assert ocr.reread_isolated(gray, sure) == 0          # a sure reading is never re-read


# -- repairs on the OCR path ----------------------------------------------------------------------

@pytest.mark.parametrize("raw, fixed", [
    ("_ Điều 1. Sửa đổi, bổ sung", "  Điều 1. Sửa đổi, bổ sung"),
    ("' 2. Các bộ, ngành", "  2. Các bộ, ngành"),
    ("| a) Sở Nội vụ chủ trì", "  a) Sở Nội vụ chủ trì"),
    ("~ - Tăng cường", "  - Tăng cường"),
    ("_ l. Bộ Văn hóa", "  1. Bộ Văn hóa"),
])
def test_junk_glyph_before_a_marker_is_blanked(raw, fixed):
    new, reps = repair_line(raw)
    assert new == fixed and len(new) == len(raw)
    assert text_before(new, reps) == raw
    assert any(r.rule == "marker-junk" for r in reps)


@pytest.mark.parametrize("text", [
    "“2a. Đơn vị kế toán", "'Điều 1' của Thông tư", "_ ghi chú cuối trang", "... và các nội dung khác",
    "- Sở Tài chính", "I. MỤC ĐÍCH",
])
def test_no_junk_repair_without_a_marker(text):
    new, reps = repair_line(text)
    assert not any(r.rule == "marker-junk" for r in reps)


def test_ocr_array_repairs_and_drops_specks(monkeypatch):
    import numpy as np

    W, H = 2480, 3508
    words = (_centred_row("ỦY BAN NHÂN DÂN", 724, 240, line=(1, 1, 1))
             + _centred_row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1684, 240, line=(1, 1, 1))
             + _centred_row("Số: l2/CT-UBND", 724, 310, line=(1, 2, 1))
             + _centred_row("Hà Nội, ngày 1O tháng 5 năm 2025", 1684, 310, line=(1, 2, 1))
             + [_w("-", 300, 600, x1=301, h=3, line=(2, 1, 1))]
             + [_w(t, 444 + 90 * k, 600, line=(2, 1, 1)) for k, t in enumerate("l. Sở Nội vụ chủ trì".split())])
    monkeypatch.setattr(ocr, "ocr_words", lambda arr, **kw: {"words": words, "width": W, "height": H, "info": {}})
    page = ocr.ocr_array(np.zeros((10, 10), np.uint8), 1)
    texts = [ln.text for ln in page.lines]
    assert "Số: 12/CT-UBND" in texts and "Hà Nội, ngày 10 tháng 5 năm 2025" in texts
    assert texts[-1] == "1. Sở Nội vụ chủ trì"                # no speck bullet, marker repaired
    assert page.method == "ocr" and page.confidence is not None


# -- renderer and benchmark -------------------------------------------------------------------------

def test_render_without_a_generic_signature_block():
    from tests.support.scanrender import render_scan_with_truth

    text = ("BỘ TƯ PHÁP\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 173/QĐ-BTP\nHà Nội, ngày 29 tháng 01 năm 2015\n"
            "QUYẾT ĐỊNH\nĐiều 1. Ban hành kèm theo Quyết định này Kế hoạch.\nBỘ TRƯỞNG\nLê Thành Long")
    imgs, truths = render_scan_with_truth(text, seed=0, signature=())
    assert "CHỦ TỊCH" not in truths[-1] and truths[-1].endswith("Lê Thành Long")
    imgs, truths = render_scan_with_truth(text, seed=0)
    assert truths[-1].endswith("TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH")          # the default is unchanged


def test_bench_printed_text_drops_markup_and_keeps_bullets():
    sys.path.insert(0, os.path.join(ROOT, "benchmarks"))
    from bench_ocr_extraction import printed_text

    src = ("|\n**ỦY BAN NHÂN DÂN**\nTHÀNH PHỐ CẦN THƠ\n-------\n|\n# Tiêu đề\n"
           "| BỘ TƯ PHÁP ------ | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
           "| 1 | Rà soát văn bản | Sở Tư pháp | Quý I |\n"
           "I. MỤC ĐÍCH\n Tiếp tục số hóa nghiệp vụ\n Đẩy mạnh các nội dung\n*Cần Thơ, ngày 18*\n")
    lines = printed_text(src).splitlines()
    assert lines == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "", "Tiêu đề", "BỘ TƯ PHÁP",
                     "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "1 Rà soát văn bản Sở Tư pháp Quý I", "I. MỤC ĐÍCH",
                     "- Tiếp tục số hóa nghiệp vụ", "- Đẩy mạnh các nội dung", "Cần Thơ, ngày 18"]


@pytest.mark.parametrize("word, fixed", [
    ("173/QĐĐ-BTP", "173/QĐ-BTP"), ("158/CĐĐ-TTg,", "158/CĐ-TTg,"), ("08-CTT/TU", "08-CT/TU"),
    ("100/2025/TTT-BCA", "100/2025/TT-BCA"),
    ("3418/LĐĐTBXH-NCC", "3418/LĐTBXH-NCC"), ("(4210/QĐĐ-BYTT)", "(4210/QĐ-BYT)"),   # issuer codes too
    ("3397/5KHĐT-QLKTTW", "3397/BKHĐT-QLKTTW"), ("100/2025/TT-8CA", "100/2025/TT-BCA"),  # a letter read as a digit
])
def test_doubled_letter_in_a_symbol_type_is_dropped(word, fixed):
    from pipeline.ocr.repair import repair_word

    new, reps = repair_word(word)
    assert new == fixed and reps[0].rule == "symbol-type"


@pytest.mark.parametrize("word, fixed", [("158/CĐ\u00d0-TTg", "158/CĐ-TTg"), ("TGĐ\u00d0", "TGĐ"),
                                         ("3418/L\u00d0ĐTBXH-NCC", "3418/LĐTBXH-NCC")])
def test_d_emitted_twice_as_d_and_eth_is_one_d(word, fixed):
    from pipeline.ocr.repair import repair_word

    new, reps = repair_word(word)
    assert new == fixed and reps[0].rule == "double-d"


@pytest.mark.parametrize("word", ["12/QĐ-UBND", "5/TTg-KTTH", "01-NQ/ĐĐ", "5155/SGDĐT-GDTXNNPĐH", "3418/XXYYZ-NCC",
                                  "98-KH/TWĐTN-BTC", "ĐĐ-ĐĐ", "QĐĐ", "12/2025", "12/5T-A", "2025/1234"])
def test_symbol_type_repair_leaves_known_or_unknowable_alone(word):
    from pipeline.ocr.repair import repair_word

    assert repair_word(word) == (word, [])


def test_repair_page_rebuilds_the_line_from_repaired_words():
    from pipeline.ocr.repair import repair_page
    from pipeline.read import RawLine, RawPage, RawWord

    texts = ["Căn", "cứ", "Quyết", "định", "số", "173/QĐĐ-BTP", "ngày", "29", "tháng", "O1"]
    ws = [RawWord(t, (100.0 * k, 0.0, 100.0 * k + 80, 40.0), 0.9) for k, t in enumerate(texts)]
    page = RawPage(1, [RawLine(" ".join(texts), words=ws)])
    reps = repair_page(page)
    ln = page.lines[0]
    assert ln.text == "Căn cứ Quyết định số 173/QĐ-BTP ngày 29 tháng 01"   # word, then character repairs
    assert [w.text for w in ln.words][5] == "173/QĐ-BTP" and ln.words[5].bbox == (500.0, 0.0, 580.0, 40.0)
    assert [w.text for w in ln.words][-1] == "01"
    assert [r.rule for r in reps] == ["symbol-type", "date-number"]


def test_split_header_cuts_a_flattened_two_column_header():
    from tests.support.scanrender import split_header

    text = ("BỘ TƯ PHÁP -------- CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc ---------------\n"
            "Số: 82/NQ-CP Hà Nội, ngày 13 tháng 4 năm 2025 Kính gửi: Bộ Nội vụ\nNội dung")
    left, right, body = split_header(text)
    assert left == ["BỘ TƯ PHÁP", "Số: 82/NQ-CP"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Hà Nội, ngày 13 tháng 4 năm 2025"]
    assert body == ["Kính gửi: Bộ Nội vụ", "Nội dung"]


def test_split_header_joins_a_broken_date_and_motto():
    from tests.support.scanrender import split_header

    text = ("ỦY BAN NHÂN DÂN\nTHÀNH PHỐ CẦN THƠ\n\nCỘNG HÒA XÃ HỘI\nCHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n"
            "Số: 09/CT-UBND\nCần Thơ, ngày 18\ntháng 11 năm 2025\nCHỈ THỊ")
    left, right, body = split_header(text)
    assert left == ["ỦY BAN NHÂN DÂN", "THÀNH PHỐ CẦN THƠ", "Số: 09/CT-UBND"]
    assert right == ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                     "Cần Thơ, ngày 18 tháng 11 năm 2025"]
    assert [b for b in body if b] == ["CHỈ THỊ"]
    # the symbol's last letters are not taken for a place
    left, right, _ = split_header("THỦ TƯỚNG CHÍNH PHỦ\nSố: 37/CĐ-TTg Hà Nội, ngày 13 tháng 4 năm 2025\nCÔNG ĐIỆN")
    assert left[-1] == "Số: 37/CĐ-TTg" and right == ["Hà Nội, ngày 13 tháng 4 năm 2025"]


# -- red stamps -----------------------------------------------------------------------------------

def _page_with_received_box():
    from PIL import Image, ImageDraw

    from tests.support.scanrender import _font, _multiply, render_scan

    text = ("THỦ TƯỚNG CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\nSố: 37/CĐ-TTg\n"
            "Hà Nội, ngày 13 tháng 4 năm 2025\nCÔNG ĐIỆN\nVề vụ cháy nhà dân\n"
            "1. Bộ Công an khẩn trương điều tra nguyên nhân vụ cháy.")
    img = render_scan(text, seed=3, max_pages=1)[0]          # with the red HỎA TỐC stamp and the seal
    layer = Image.new("RGBA", (760, 300), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (205, 35, 40, 220)
    d.rectangle((5, 5, 755, 295), outline=red, width=8)
    f = _font("bold", 14)
    d.text((30, 25), "ĐẾN Số: 1254", font=f, fill=red)
    d.text((30, 115), "Ngày: 05/4/2025", font=f, fill=red)
    _multiply(img, layer.rotate(-4, expand=True), (1450, 2400))
    return img


@pytest.mark.skipif(not ocr.ocr_available(), reason="tesseract with vie data not installed")
def test_red_stamps_are_read_from_the_red_layer():
    import numpy as np

    img = _page_with_received_box()
    stamps = ocr.read_red_stamps(np.asarray(img))
    texts = [s["text"] for s in stamps]
    assert "HỎA TỐC" in texts                                   # rotated, framed urgency stamp
    assert "ĐẾN Số: 1254" in texts and "Ngày: 05/4/2025" in texts   # the received box, line by line
    assert not any("ỦY BAN" in t for t in texts)                # the round seal is not a stamp
    assert all(len(s["bbox"]) == 4 and 0 <= s["conf"] <= 1 for s in stamps)
    # black text only: nothing is read
    assert ocr.read_red_stamps(np.full((400, 600, 3), 255, np.uint8)) == []
    assert ocr.read_red_stamps(np.full((400, 600), 255, np.uint8)) == []


def test_stamp_lines_open_the_page_apart_from_the_header(monkeypatch):
    import numpy as np

    W, H = 2480, 3508
    words = (_centred_row("THỦ TƯỚNG CHÍNH PHỦ", 724, 240, line=(1, 1, 1))
             + _centred_row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1684, 240, line=(1, 1, 1))
             + _centred_row("Số: 37/CĐ-TTg", 724, 310, line=(1, 2, 1))
             + _centred_row("Hà Nội, ngày 13 tháng 4 năm 2025", 1684, 310, line=(1, 2, 1)))
    res = {"words": words, "width": W, "height": H, "info": {},
           "red_stamps": [{"text": "HỎA TỐC", "bbox": (210, 563, 770, 926), "conf": 0.93}]}
    monkeypatch.setattr(ocr, "ocr_words", lambda arr, **kw: res)
    page = ocr.ocr_array(np.zeros((10, 10), np.uint8), 1)
    assert page.lines[0].text == "HỎA TỐC" and page.lines[0].style == frozenset({"stamp", "red"})
    assert page.lines[0].column is None and page.lines[1].text == ""     # a blank line: never joined
    assert [ln.text for ln in page.lines if ln.column == "left"] == ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 37/CĐ-TTg"]


def test_stamps_stay_out_of_the_header_fields(monkeypatch):
    """End to end through normalization and the header stage: the stamp is in the text, the header
    fields are the document's own (the received box's number and date are not)."""
    import numpy as np

    from pipeline.extract import annotate
    from pipeline.read import RawDoc, normalize

    W, H = 2480, 3508
    words = (_centred_row("THỦ TƯỚNG CHÍNH PHỦ", 724, 240, line=(1, 1, 1))
             + _centred_row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1684, 240, line=(1, 1, 1))
             + _centred_row("Độc lập - Tự do - Hạnh phúc", 1684, 310, line=(1, 2, 1))
             + _centred_row("Số: 37/CĐ-TTg", 724, 380, line=(1, 3, 1))
             + _centred_row("Hà Nội, ngày 13 tháng 4 năm 2025", 1684, 380, line=(1, 3, 1))
             + _centred_row("CÔNG ĐIỆN", 1240, 520, line=(2, 1, 1))
             + [_w(t, 444 + 60 * k, 700, line=(3, 1, 1)) for k, t in enumerate("1. Bộ Công an điều tra.".split())])
    res = {"words": words, "width": W, "height": H, "info": {},
           "red_stamps": [{"text": "HỎA TỐC", "bbox": (210, 563, 770, 926), "conf": 0.93},
                          {"text": "ĐẾN Số: 1254", "bbox": (1500, 1300, 2290, 1564), "conf": 0.95},
                          {"text": "Ngày: 05/4/2025", "bbox": (1500, 1300, 2290, 1564), "conf": 0.95}]}
    monkeypatch.setattr(ocr, "ocr_words", lambda arr, **kw: res)
    page = ocr.ocr_array(np.zeros((10, 10), np.uint8), 1)
    doc = annotate(normalize(RawDoc(path="scan.png", format="image", pages=[page], ocr=True)))
    assert "HỎA TỐC" in doc.text
    assert doc.header.symbol == "37/CĐ-TTg" and doc.header.number == "37"
    assert doc.header.date == "2025-04-13"


@pytest.mark.parametrize("raw, fixed", [
    ("2:", "2."), (" 12; ", " 12. "), ("1O,", "10."), ("+1.", " 1."), ("'3:", " 3."),
    ("CHÍ THỊ", "CHỈ THỊ"), (" QUYÉT ĐỊNH", " QUYẾT ĐỊNH"), ("KÊ HOẠCH", "KẾ HOẠCH"), ("THÔNG BAO", "THÔNG BÁO"),
])
def test_lone_number_and_type_name_repairs(raw, fixed):
    new, reps = repair_line(raw)
    assert new == fixed and text_before(new, reps) == raw


@pytest.mark.parametrize("text", ["2: Kết hợp khai thác", "Số:", "2.", "+ 1.", "+1. Các bộ", "CHỈ THỊ", "Chi thi",
                                  "CHI THI NAY", "THÔNG TIN", "KẾT QUẢ"])
def test_lone_number_and_type_name_repairs_leave_the_rest(text):
    new, reps = repair_line(text)
    assert new == text and not reps


def test_roman_numeral_heading_gets_its_period_back():
    from pipeline.ocr.repair import repair_page
    from pipeline.read import RawLine, RawPage, RawWord

    def line(text):
        return RawLine(text, words=[RawWord(t, (0.0, 0.0, 10.0, 10.0), 0.9) for t in text.split()])

    page = RawPage(1, [line("II NỘI DUNG TRIỂN KHAI"), line("I. MỤC ĐÍCH"), line("V Sở Nội vụ chủ trì"),
                       line("II"), line("VI ban hành")])
    reps = repair_page(page)
    assert [ln.text for ln in page.lines] == ["II. NỘI DUNG TRIỂN KHAI", "I. MỤC ĐÍCH", "V Sở Nội vụ chủ trì", "II",
                                              "VI ban hành"]
    assert page.lines[0].words[0].text == "II." and [r.rule for r in reps] == ["marker-period"]


def _body_rows():
    """A title (centred), then two paragraphs with a first-line indent, one with a lone marker line."""
    W = 2480
    rows = [_centred_row("KẾ HOẠCH", W // 2, 500, line=(1, 1, 1)),
            _centred_row("Triển khai phần mềm quản lý đoàn viên", W // 2, 570, line=(1, 2, 1))]
    y = 700
    for k, (x0, text) in enumerate([
            (444, "Thực hiện chương trình công tác Đoàn và phong trào thanh thiếu nhi năm 2023, để công tác quản"),
            (354, "lý đoàn viên ngày càng đi vào nề nếp, Ban Bí thư ban hành Kế hoạch như sau"),
            (444, "2."),
            (444, "Kết hợp hoặc luân phiên khai thác nước mặt với khai thác nước dưới đất, nước mưa"),
            (354, "và tăng cường tuần hoàn, tái sử dụng nước nhằm tối ưu hóa việc sử dụng nguồn nước cho các"),
            (354, "mục đích sử dụng và lợi ích về kinh tế - xã hội, môi trường do nguồn nước mang lại.")]):
        x, ws = x0, []
        for t in text.split():
            ws.append(_w(t, x, y, line=(2, k, 1)))
            x += 22 * len(t) + 14
        rows.append(ws)
        y += 70
    return [w for r in rows for w in r]


def test_ocr_layout_marks_paragraph_starts_with_an_empty_line():
    W, H = 2480, 3508
    lines = ocr.layout_lines(_body_rows(), W, H, first_page=False, paragraph_breaks=True)
    texts = [ln.text[:12] for ln in lines]
    assert texts == ["KẾ HOẠCH", "Triển khai p", "", "Thực hiện ch", "lý đoàn viên", "", "2.", "Kết hợp hoặc",
                     "và tăng cườn", "mục đích sử "]
    # off by default (PDF text layers): the same rows without empty lines
    assert "" not in [ln.text for ln in ocr.layout_lines(_body_rows(), W, H, first_page=False)]


def test_paragraph_breaks_reach_the_document_text():
    from pipeline.read import RawDoc, RawPage, normalize

    W, H = 2480, 3508
    page = RawPage(1, ocr.layout_lines(_body_rows(), W, H, first_page=False, paragraph_breaks=True), method="ocr")
    text = normalize(RawDoc(path="scan.png", format="image", pages=[page], ocr=True)).text
    paras = text.split("\n")
    assert paras[1] == "Triển khai phần mềm quản lý đoàn viên"          # the title is not joined to the body
    assert paras[2].startswith("Thực hiện") and paras[3].startswith("2. Kết hợp")


def test_esign_block_goes_to_a_blue_box_removed_before_ocr():
    import numpy as np

    from tests.support.scanrender import render_scan_with_truth, split_esign

    text = ("Người ký: CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ\nEmail: thongtinchinhphu@chinhphu.vn\nT T\n"
            "Cơ quan: VĂN PHÒNG CHÍNH PHỦ\nCHINHPHU.VNThời gian ký: 15.04.2025 14:20:03 +07:00\n\n"
            "CHÍNH PHỦ\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 82/NQ-CP\nHà Nội, ngày 13 tháng 4 năm 2025\nNGHỊ QUYẾT")
    esign, rest = split_esign(text)
    assert esign[0].startswith("Người ký") and esign[-1].endswith("+07:00") and "T T" in esign
    assert rest.strip().startswith("CHÍNH PHỦ")
    assert split_esign("CHÍNH PHỦ\nSố: 82/NQ-CP") == ([], "CHÍNH PHỦ\nSố: 82/NQ-CP")
    imgs, truths = render_scan_with_truth(text, seed=0, stamp=False, noise=0, blur=0, skew_deg=0)
    assert truths[0].splitlines()[0] == "CHÍNH PHỦ" and "Người ký" not in truths[0]
    top = np.asarray(imgs[0])[:230]
    assert ocr.stamp_mask(top).sum() > 2000                 # printed in blue, above the header
    gray = ocr.to_gray(ocr.remove_stamps(top))
    assert gray.min() > 150                                 # and no ink left after colour removal


@pytest.mark.parametrize("raw, canon", [
    ("HOA TOC", "HỎA TỐC"), ("Hỏa Tốc", "HỎA TỐC"), ("Thuong khan", "THƯỢNG KHẨN"), ("MAT", "MẬT"),
    ("SAO Y BAN CHINH", "SAO Y BẢN CHÍNH"), (" DEN Số: 1254", " ĐẾN Số: 1254"), ("Den: 12/4", "ĐẾN: 12/4"),
    ("Khẩn trương thực hiện", "Khẩn trương thực hiện"), ("Đến nay, các bộ", "Đến nay, các bộ"),
    ("ỦY BAN NHÂN DÂN", "ỦY BAN NHÂN DÂN"),
])
def test_stamp_words_are_written_as_printed(raw, canon):
    assert ocr.canonical_stamp(raw) == canon


def test_red_stamp_text_takes_the_one_word_marks_only_whole():
    assert ocr.is_red_stamp_text("KHẨN") and ocr.is_red_stamp_text("Tối mật") and ocr.is_red_stamp_text("HOA TOC")
    assert not ocr.is_red_stamp_text("Khẩn trương thực hiện") and not ocr.is_red_stamp_text("ỦY BAN NHÂN DÂN")


def test_split_header_separates_a_web_title_from_the_issuer():
    from tests.support.scanrender import split_header

    text = ("Công văn 296/BHXH-CSYT năm 2021 hướng dẫn quy định do Bảo hiểm xã hội Việt Nam ban hành. "
            "BẢO HIỂM XÃ HỘI VIỆT NAM --------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM Độc lập - Tự do - Hạnh phúc\n"
            "Số: 296/BHXH-CSYT V/v hướng dẫn một số quy định\nHà Nội, ngày 02 tháng 02 năm 2021 Kính gửi:\n- Bảo hiểm")
    left, right, body = split_header(text)
    assert left == ["Công văn 296/BHXH-CSYT năm 2021 hướng dẫn quy định do Bảo hiểm xã hội Việt Nam ban hành.",
                    "BẢO HIỂM XÃ HỘI VIỆT NAM", "Số: 296/BHXH-CSYT", "V/v hướng dẫn một số quy định"]
    assert right[-1] == "Hà Nội, ngày 02 tháng 02 năm 2021" and body[:2] == ["Kính gửi:", "- Bảo hiểm"]


def test_paragraph_breaks_on_a_sparse_a4_page_use_the_standard_margin():
    # the signature page: no full-width row to find the margin from; each line is its own paragraph
    W, H = 2480, 3508
    words = []
    for k, text in enumerate(["- Lưu: VT, V03, H01.", "BỘ TRƯỞNG", "(Đã ký)", "Đại tướng Lương Tam Quang"]):
        x = 446
        for t in text.split():
            words.append(_w(t, x, 800 + 84 * k, line=(1, k, 1)))
            x += 22 * len(t) + 14
    lines = ocr.layout_lines(words, W, H, first_page=False, paragraph_breaks=True)
    assert [ln.text for ln in lines] == ["- Lưu: VT, V03, H01.", "", "BỘ TRƯỞNG", "", "(Đã ký)", "",
                                         "Đại tướng Lương Tam Quang"]
    # not on a page of another shape (no margin is known there)
    assert "" not in [ln.text for ln in ocr.layout_lines(words, W, W, first_page=False, paragraph_breaks=True)]


def test_a_long_second_title_row_is_not_cut_from_the_first():
    W, H = 2480, 3508
    words = (_centred_row("NGHỊ QUYẾT", W // 2, 500, line=(1, 1, 1))
             + _centred_row("Hội nghị lần thứ tư", W // 2, 570, line=(1, 2, 1))
             + _centred_row("Ban Thường vụ Trung ương Đoàn TNCS Hồ Chí Minh khóa XII nhiệm kỳ 2022 - 2027 họp",
                            W // 2, 640, line=(1, 3, 1)))
    x = 444
    for t in "Ngày 24 tháng 9 năm 2023, tại Sơn La, Ban Thường vụ Trung ương Đoàn đã họp".split():
        words.append(_w(t, x, 760, line=(2, 1, 1)))
        x += 22 * len(t) + 14
    for k in range(3):      # full body rows: the margin
        x = 354
        for t in "thảo luận và thống nhất ban hành nghị quyết về các nội dung sau đây của hội nghị".split():
            words.append(_w(t, x, 830 + 70 * k, line=(2, 2 + k, 1)))
            x += 22 * len(t) + 14
    texts = [ln.text for ln in ocr.layout_lines(words, W, H, first_page=False, paragraph_breaks=True)]
    assert texts[:4] == ["NGHỊ QUYẾT", "Hội nghị lần thứ tư",
                         "Ban Thường vụ Trung ương Đoàn TNCS Hồ Chí Minh khóa XII nhiệm kỳ 2022 - 2027 họp", ""]


def test_short_line_candidates_are_short_unsure_lines():
    words = [_w("đ", 446, 2516, line=(2, 6, 1), conf=0.06), _w("SƠ", 501, 2514, line=(2, 6, 1), conf=0.79),
             _w("Tài", 444, 2598, line=(2, 7, 1)), _w("chính", 530, 2598, line=(2, 7, 1)),          # sure
             _w("Các", 444, 2700, line=(2, 8, 1), conf=0.3), _w("cơ", 530, 2700, line=(2, 8, 1)),
             _w("quan", 600, 2700, line=(2, 8, 1)), _w("liên", 700, 2700, line=(2, 8, 1))]      # 4 words
    assert ocr.short_line_candidates(words) == [[0, 1]]


@pytest.mark.skipif(not ocr.ocr_available(), reason="tesseract with vie data not installed")
def test_a_short_unsure_line_is_read_again_as_a_whole():
    gray, (x0, y0, x1, y1) = _printed("3. Sở", 900)
    mid = x0 + 40
    words = [{"text": "đ", "bbox": (x0, y0, mid, y1), "conf": 0.06, "line": (1, 1, 1)},
             {"text": "SƠ", "bbox": (mid + 10, y0, x1, y1), "conf": 0.79, "line": (1, 1, 1)}]
    assert ocr.reread_isolated(gray, words) >= 1
    assert words[0]["text"] == "3." and words[1]["text"].lower() == "sở"      # the marker is back


# -- paragraphs across OCR gaps -------------------------------------------------------------------

def test_a_dash_line_continuing_a_phrase_joins_it_across_an_ocr_gap():
    from pipeline.read import RawDoc, RawLine, RawPage, normalize

    def doc(method):
        lines = [RawLine("- Đơn vị phối hợp: Văn phòng Bộ, Vụ Tổ chức"), RawLine(""),
                 RawLine("- cán bộ, Vụ Pháp luật quốc tế."), RawLine(""), RawLine("- Thời gian: Quý IV/2015.")]
        return normalize(RawDoc("x.pdf", "pdf", [RawPage(1, lines, method=method)]))

    # an OCR page's blank line is only a wider gap: the unfinished phrase goes on
    assert doc("ocr").text.split("\n") == [
        "- Đơn vị phối hợp: Văn phòng Bộ, Vụ Tổ chức - cán bộ, Vụ Pháp luật quốc tế.", "- Thời gian: Quý IV/2015."]
    # a text's blank line ends the paragraph
    assert len(doc("text").text.split("\n")) == 3
