"""OCR: repair rules, layout of word boxes into lines, stamp colour removal, text-layer quality
(fast, deterministic), and a few real Tesseract runs on small rendered pages (< 60 s in all)."""
from __future__ import annotations

import ctypes
import os

import numpy as np
import pytest

from pipeline.errors import CorruptInputError, OCRUnavailableError
from pipeline.ocr import pages as ocr
from pipeline.ocr.repair import repair_line, repair_page, text_before
from pipeline.read import RawLine, RawPage, RawWord
from pipeline.read import pages as read_pages

# -- repair rules ---------------------------------------------------------------------------------

@pytest.mark.parametrize("raw, fixed", [
    ("Số 08-CT7TU", "Số 08-CT/TU"),
    ("Chỉ thị số 08-CTlTU ngày", "Chỉ thị số 08-CT/TU ngày"),
    ("Số: 37lCĐ-TTg", "Số: 37/CĐ-TTg"),
    ("Quyết định 1l7/QĐ-TTg", "Quyết định 117/QĐ-TTg"),
    ("Nghị định số 60/2O21/NĐ-CP ngày", "Nghị định số 60/2021/NĐ-CP ngày"),
    ("Số: l2/CT-UBND", "Số: 12/CT-UBND"),
    ("Hà Nội, ngày 1O tháng 5 năm 2O25", "Hà Nội, ngày 10 tháng 5 năm 2025"),
    ("ngày 22 tháng I1 năm 2019;", "ngày 22 tháng 11 năm 2019;"),
    ("ngày 06 tháng l2 năm 2023 của", "ngày 06 tháng 12 năm 2023 của"),
    ("trước ngày 15/O5/2024.", "trước ngày 15/05/2024."),
    ("l. Bộ Văn hóa", "1. Bộ Văn hóa"),
    ("1O. Các bộ, ngành", "10. Các bộ, ngành"),
    ("Điều l. Phạm vi", "Điều 1. Phạm vi"),
])
def test_repair_line_fixes_inside_patterns(raw, fixed):
    new, reps = repair_line(raw)
    assert new == fixed
    assert reps and all(len(r.old) == len(r.new) for r in reps)
    assert text_before(new, reps) == raw


@pytest.mark.parametrize("text", [
    "I. MỤC ĐÍCH, YÊU CẦU",                     # roman numeral, not a digit
    "Hôm nay là lOl ngày",                       # no pattern around it
    "Công văn gửi Ban Tổ chức; lOl",
    "ngày 22 tháng I] năm 2019",                # not a number token: left alone
    "Tiêu chuẩn ISO 9001",
    "theo Tờ trình số 574/T1r-SVHTT",           # unknown type: no evidence
    "Khoảng 02 giờ 30 phút ngày 13 tháng 4 năm 2025",
])
def test_repair_line_leaves_the_rest_alone(text):
    assert repair_line(text) == (text, [])


def test_repair_keeps_length_and_words():
    words = ["Số:", "37lCĐ-TTg", "ngày", "l3", "tháng", "4"]
    line = RawLine(" ".join(words), words=[RawWord(w, (i * 10, 0, i * 10 + 8, 10), 0.9) for i, w in enumerate(words)])
    page = RawPage(1, [line], method="ocr")
    reps = repair_page(page)
    assert [r.rule for r in reps] == ["symbol-slash", "date-number"]
    assert line.text == "Số: 37/CĐ-TTg ngày 13 tháng 4"
    assert [w.text for w in line.words] == ["Số:", "37/CĐ-TTg", "ngày", "13", "tháng", "4"]


# -- layout of word boxes -------------------------------------------------------------------------

def _w(text, x0, top, x1=None, h=40, line=None, conf=0.95):
    x1 = x1 if x1 is not None else x0 + 22 * len(text)
    d = {"text": text, "bbox": (x0, top, x1, top + h), "conf": conf}
    if line is not None:
        d["line"] = line
    return d


def _row(texts, x0, top, line=None):
    out, x = [], x0
    for t in texts.split():
        out.append(_w(t, x, top, line=line))
        x += 22 * len(t) + 14
    return out


def test_header_columns_are_split_not_interleaved():
    W, H = 2480, 3508
    words = (_row("THỦ TƯỚNG CHÍNH PHỦ", 300, 240, line=(1, 1, 1))
             + _row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1100, 240, line=(1, 1, 1))
             + _row("Độc lập - Tự do - Hạnh phúc", 1350, 300, line=(2, 1, 1))
             + _row("Số: 37/CĐ-TTg", 380, 420, line=(3, 1, 1))
             + _row("Hà Nội, ngày 13 tháng 4 năm 2025", 1250, 420, line=(3, 1, 1))
             + _row("CÔNG ĐIỆN", 1100, 560, line=(4, 1, 1))
             + _row("Khoảng 02 giờ 30 phút ngày 13 tháng 4 năm 2025, xảy ra vụ cháy nhà dân", 360, 700, line=(5, 1, 1)))
    lines = ocr.layout_lines(words, W, H, first_page=True)
    got = [(ln.column, ln.text) for ln in lines]
    assert got[:5] == [
        ("left", "THỦ TƯỚNG CHÍNH PHỦ"), ("left", "Số: 37/CĐ-TTg"),
        ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Độc lập - Tự do - Hạnh phúc"),
        ("right", "Hà Nội, ngày 13 tháng 4 năm 2025")]
    assert got[5] == (None, "CÔNG ĐIỆN")
    assert got[6][0] is None and got[6][1].startswith("Khoảng")
    # words keep their boxes and confidences
    assert lines[0].words[0].bbox == (300, 240, 300 + 22 * 3, 280) and lines[0].words[0].conf == 0.95


def test_header_without_readable_date_ends_at_the_title():
    W, H = 2480, 3508
    words = (_row("ỦY BAN NHÂN DÂN", 330, 240) + _row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1100, 240)
             + _row("Số: /2024/QĐ-UBND", 330, 400) + _row("Hà Nội, ngày tháng năm", 1250, 400)
             + _row("QUYẾT ĐỊNH", 1130, 520)
             + _row("Về việc ban hành các Quy định tiêu chí", 700, 580))
    lines = ocr.layout_lines(words, W, H, first_page=True)
    cols = {ln.text: ln.column for ln in lines}
    assert cols["ỦY BAN NHÂN DÂN"] == "left" and cols["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"] == "right"
    assert cols["QUYẾT ĐỊNH"] is None


def test_footer_two_columns_read_column_by_column():
    W, H = 2480, 3508
    words = (_row("trên địa bàn thành phố Hà Nội trình Ủy ban nhân dân Thành phố đảm bảo đúng quy định./.", 300, 2600)
             + _row("Nơi nhận:", 300, 2720) + _row("TM. ỦY BAN NHÂN DÂN", 1420, 2700)
             + _row("- Như Điều 3;", 300, 2770) + _row("CHỦ TỊCH", 1590, 2770)
             + _row("- Lưu: VT, KGVX.", 300, 2820)
             + _row("Trần Sỹ Thanh", 1540, 3180))
    texts = [ln.text for ln in ocr.layout_lines(words, W, H, first_page=False)]
    assert texts == ["trên địa bàn thành phố Hà Nội trình Ủy ban nhân dân Thành phố đảm bảo đúng quy định./.",
                     "Nơi nhận:", "- Như Điều 3;", "- Lưu: VT, KGVX.", "TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH",
                     "Trần Sỹ Thanh"]


def test_stamps_are_marked_and_kept_out_of_the_header():
    W, H = 2480, 3508
    words = (_row("THỦ TƯỚNG CHÍNH PHỦ", 300, 240) + _row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1100, 240)
             + _row("HỎA TỐC", 120, 330)
             + _row("Số: 125/CĐ-TTg", 380, 420) + _row("Hà Nội, ngày 01 tháng 12 năm 2024", 1250, 420)
             + _row("CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ", 100, 700) + _row("ĐẾN Ngày:.....", 100, 760)
             + _row("C", 180, 810)
             + _row("THỦ TƯỚNG CHÍNH PHỦ điện:", 900, 760))
    lines = ocr.layout_lines(words, W, H, first_page=True)
    stamp = [ln.text for ln in lines if "stamp" in ln.style]
    assert "HỎA TỐC" in stamp and "ĐẾN Ngày:....." in stamp and "CÔNG THÔNG TIN ĐIỆN TỬ CHÍNH PHỦ" in stamp
    assert "C" in stamp                                 # the garbled rest of the received box
    assert all(ln.column is None for ln in lines if "stamp" in ln.style)
    assert "THỦ TƯỚNG CHÍNH PHỦ điện:" not in stamp
    assert ocr.is_stamp_text("SAO Y BẢN CHÍNH") and not ocr.is_stamp_text("Đến nay, các bộ đã")


# -- preprocessing on synthetic arrays ------------------------------------------------------------

def test_stamp_colour_removal_keeps_black_text():
    img = np.full((100, 300, 3), 255, np.uint8)
    img[40:60, 10:290] = (20, 20, 20)          # black text bar
    img[20:80, 50:100] = (220, 40, 50)         # red seal over it
    img[20:80, 150:200] = (40, 70, 200)        # blue e-signature block
    img[20:80, 220:260] = (60, 60, 70)         # dark gray: not a stamp
    img[45:55, 60:90] = (25, 20, 20)           # text under the red seal
    out = ocr.remove_stamps(img)
    assert (out[25, 60] == 255).all() and (out[25, 160] == 255).all()
    assert (out[50, 65] < 60).all() and (out[50, 20] < 60).all()
    assert (out[25, 230] == (60, 60, 70)).all()
    mask = ocr.stamp_mask(img)
    assert mask[70, 70] and mask[70, 170] and not mask[50, 20] and not mask[70, 230]


def test_deskew_estimates_the_angle():
    import cv2

    img = np.full((800, 800), 255, np.uint8)
    for y in range(100, 700, 40):
        cv2.line(img, (100, y), (700, y), 0, 6)
    m = cv2.getRotationMatrix2D((400, 400), 1.5, 1.0)
    rot = cv2.warpAffine(img, m, (800, 800), borderValue=255)
    assert abs(ocr.estimate_skew(rot) - (-1.5)) < 0.25 or abs(ocr.estimate_skew(rot) - 1.5) < 0.25
    fixed, deg = ocr.deskew(rot)
    assert abs(ocr.estimate_skew(fixed)) < 0.25


def test_preprocess_outputs_gray():
    img = np.full((50, 60, 3), 200, np.uint8)
    g, info = ocr.preprocess(img)
    assert g.ndim == 2 and g.shape == (50, 60) and "skew_deg" in info


# -- text layer quality ---------------------------------------------------------------------------

def test_text_layer_quality():
    bad = ("lTgT TrrurrlolIc crriNrrpn0 coxc uol xA nor cro xcui.c. vqr NAM DQc l$p - Tr; do - Ilgnh phrfic "
           "S5: 3N /CD-TTg Ha NAi, nCdy t0 tluing 4 ndm 2025 BO V5n h6a, Th6 thao vi Du llch")
    good = ("Ủy ban nhân dân thành phố Hà Nội chỉ đạo tổ chức thăm hỏi chu đáo, kịp thời động viên, hỗ trợ "
            "vật chất, tinh thần, tạo mọi điều kiện tốt nhất giúp sớm ổn định nơi ở, cuộc sống cho gia đình.")
    assert read_pages.page_text_layer_is_poor(bad)
    assert not read_pages.page_text_layer_is_poor(good)
    assert read_pages.page_text_layer_is_poor("")
    assert read_pages.page_text_layer_is_poor("   \n 12 ")
    sig = "Người ký: Cổng Thông tin điện tử Chính phủ Email: thongtinchinhphu@chinhphu.vn"
    assert read_pages.page_text_layer_is_poor(sig, n_chars_expected_hint=2500)


# -- errors ---------------------------------------------------------------------------------------

def test_missing_tesseract_says_how_to_install(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract.pytesseract, "tesseract_cmd", "/nonexistent/tesseract")
    ocr._tesseract_status.cache_clear()
    try:
        assert not ocr.ocr_available()
        with pytest.raises(OCRUnavailableError) as e:
            ocr.require_ocr("x.pdf")
        assert "apt-get install tesseract-ocr tesseract-ocr-vie" in str(e.value)
    finally:
        monkeypatch.undo()
        ocr._tesseract_status.cache_clear()


def test_missing_vie_data(monkeypatch):
    import pytesseract

    monkeypatch.setattr(pytesseract, "get_languages", lambda config="": ["eng", "osd"])
    ocr._tesseract_status.cache_clear()
    try:
        with pytest.raises(OCRUnavailableError, match="tesseract-ocr-vie"):
            ocr.require_ocr()
    finally:
        monkeypatch.undo()
        ocr._tesseract_status.cache_clear()


def test_broken_pdf_is_corrupt_input(tmp_path):
    p = tmp_path / "broken.pdf"
    p.write_bytes(b"%PDF-1.4\n1 0 obj <</Type /Catalog>> endobj\ntrailer <<>>\n%%EOF garbage")
    with pytest.raises(CorruptInputError):
        read_pages.read_pdf(str(p))


def test_failed_page_becomes_empty_page_with_warning(tmp_path):
    jobs = [("image", str(tmp_path / "missing.png"), 0, 1, True, 5, ocr.PREPROCESS_STEPS),
            ("image", str(tmp_path / "missing2.png"), 0, 2, False, 5, ocr.PREPROCESS_STEPS)]
    pages = ocr.run_pages(jobs, jobs=2, timeout=5)
    assert [p.method for p in pages] == ["empty", "empty"]
    assert all(p.warnings and "OCR failed" in p.warnings[0] for p in pages)


def test_cache_dir_follows_env(monkeypatch, tmp_path):
    monkeypatch.setenv("CHITHI_CACHE", str(tmp_path))
    assert ocr.cache_dir() == str(tmp_path)
    calls = []

    def fake(gray, **kw):
        calls.append(1)
        return [{"text": "Xin", "bbox": (1, 1, 20, 10), "conf": 0.9, "line": (1, 1, 1)}]

    monkeypatch.setattr(ocr, "tesseract_words", fake)
    arr = np.full((40, 50), 255, np.uint8)
    p1 = ocr.ocr_array(arr, 1)
    p2 = ocr.ocr_array(arr, 1)
    assert len(calls) == 1 and p1.lines[0].text == p2.lines[0].text == "Xin"
    assert p2.method == "ocr" and p2.confidence == 0.9 and (p2.width, p2.height) == (50, 40)
    assert any(f.endswith(".json") for _, _, fs in os.walk(tmp_path) for f in fs)


# -- PDF text layer (no OCR needed) ---------------------------------------------------------------

def make_text_pdf(path: str, rows: list[tuple[str, float, float]], size: float = 12) -> None:
    """A one-page PDF with a real text layer (Vietnamese, TrueType font embedded by pdfium)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as r

    from tests.support.scanrender import find_font

    pdf = pdfium.PdfDocument.new()
    page = pdf.new_page(595, 842)
    data = open(find_font("regular"), "rb").read()
    buf = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
    font = r.FPDFText_LoadFont(pdf.raw, buf, len(data), r.FPDF_FONT_TRUETYPE, 1)
    keep = []
    for text, x, y in rows:
        obj = r.FPDFPageObj_CreateTextObj(pdf.raw, font, size)
        wbuf = ctypes.create_string_buffer((text + "\0").encode("utf-16-le"))
        keep.append(wbuf)
        r.FPDFText_SetText(obj, ctypes.cast(wbuf, ctypes.POINTER(r.FPDF_WCHAR)))
        r.FPDFPageObj_Transform(obj, 1, 0, 0, 1, x, 842 - y)
        r.FPDFPage_InsertObject(page.raw, obj)
    r.FPDFPage_GenerateContent(page.raw)
    pdf.save(path)
    pdf.close()


BODY = ("Ủy ban nhân dân thành phố Hà Nội chỉ đạo tổ chức thăm hỏi chu đáo, kịp thời động viên, hỗ trợ",
        "vật chất, tinh thần, tạo mọi điều kiện tốt nhất giúp sớm ổn định nơi ở, cuộc sống cho gia đình",
        "người bị nạn; phối hợp chặt chẽ với Bộ Công an khẩn trương điều tra nguyên nhân vụ cháy.")


def test_pdf_text_layer_read_with_columns(tmp_path):
    p = str(tmp_path / "text.pdf")
    make_text_pdf(p, [("THỦ TƯỚNG CHÍNH PHỦ", 70, 60), ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 260, 60),
                      ("Độc lập - Tự do - Hạnh phúc", 320, 76),
                      ("Số: 37/CĐ-TTg", 100, 100), ("Hà Nội, ngày 13 tháng 4 năm 2025", 300, 100),
                      ("CÔNG ĐIỆN", 260, 130)] + [(t, 70, 160 + 16 * i) for i, t in enumerate(BODY)])
    doc = read_pages.read_pdf(p, ocr="never")
    page = doc.pages[0]
    assert page.method == "text" and not doc.ocr
    got = [(ln.column, ln.text) for ln in page.lines]
    assert got[:5] == [("left", "THỦ TƯỚNG CHÍNH PHỦ"), ("left", "Số: 37/CĐ-TTg"),
                       ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"), ("right", "Độc lập - Tự do - Hạnh phúc"),
                       ("right", "Hà Nội, ngày 13 tháng 4 năm 2025")]
    assert got[6][1] == BODY[0]


# -- real OCR (Tesseract installed) ---------------------------------------------------------------

SMALL_DOC = """CÔNG ĐIỆN
Về vụ cháy nhà dân tại thành phố Hà Nội
Ủy ban nhân dân thành phố Hà Nội chỉ đạo tổ chức thăm hỏi chu đáo, kịp thời động viên, hỗ trợ vật chất, tinh thần.
1. Bộ Công an khẩn trương điều tra nguyên nhân vụ cháy, làm rõ trách nhiệm của các tổ chức, cá nhân có liên quan."""
LEFT = ["THỦ TƯỚNG CHÍNH PHỦ", "Số: 37/CĐ-TTg"]
RIGHT = ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc", "Hà Nội, ngày 13 tháng 4 năm 2025"]


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    from tests.support.scanrender import render_scan_with_truth

    d = tmp_path_factory.mktemp("scan")
    os.environ.setdefault("CHITHI_CACHE", str(d / "cache"))
    imgs, truths = render_scan_with_truth(SMALL_DOC, header=(LEFT, RIGHT), seed=3, skew_deg=0.7)
    # crop to the top half: a small page keeps the test fast
    img = imgs[0].crop((0, 0, imgs[0].width, 1500))
    png = d / "page.png"
    img.save(png, dpi=(300, 300))
    return d, png, img, truths[0]


def test_real_ocr_of_a_rendered_page(rendered):
    from rapidfuzz.distance import Levenshtein

    d, png, img, truth = rendered
    doc = ocr.read_image(str(png))
    page = doc.pages[0]
    assert doc.format == "image" and doc.ocr and page.method == "ocr"
    assert 0.5 < page.confidence <= 1 and page.width == img.width
    cols = [(ln.column, ln.text) for ln in page.lines if ln.column]
    assert ("left", "Số: 37/CĐ-TTg") in cols
    assert ("right", "Hà Nội, ngày 13 tháng 4 năm 2025") in cols
    assert [c for c, _ in cols] == sorted([c for c, _ in cols])        # all left lines, then right
    # the red HỎA TỐC stamp and the red seal are removed by colour before recognition
    assert not any("TỐC" in ln.text for ln in page.lines if "stamp" not in ln.style)
    text = " ".join(ln.text for ln in page.lines if "stamp" not in ln.style)
    ref = " ".join(truth.split())
    assert Levenshtein.distance(" ".join(text.split()), ref) / len(ref) < 0.03
    w = page.lines[0].words[0]
    assert len(w.bbox) == 4 and 0 <= w.conf <= 1


def test_real_ocr_pdf_and_multipage_tiff(rendered, tmp_path):
    from PIL import Image

    d, png, img, truth = rendered
    small = img.crop((0, 0, img.width, 700))
    pdf = tmp_path / "scan.pdf"
    small.save(pdf, resolution=300)
    doc = read_pages.read_pdf(str(pdf))
    assert doc.ocr and doc.pages[0].method == "ocr"
    assert any("37/CĐ-TTg" in ln.text for ln in doc.pages[0].lines)
    tif = tmp_path / "two.tif"
    blank = Image.new("RGB", small.size, "white")
    small.save(tif, save_all=True, append_images=[blank], dpi=(300, 300))
    doc = ocr.read_image(str(tif), jobs=2)
    assert [p.number for p in doc.pages] == [1, 2]
    assert doc.pages[0].method == "ocr" and doc.pages[1].method == "empty"


def test_vv_lines_under_the_number_stay_in_the_left_column():
    W, H = 2480, 3508
    words = (_row("VĂN PHÒNG CHÍNH PHỦ", 300, 240) + _row("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 1100, 240)
             + _row("Số: 2739/VPCP-ĐMDN", 330, 400) + _row("Hà Nội, ngày 05 tháng 4 năm 2019", 1250, 400)
             + _row("V/v quy định về quản trị", 330, 460) + _row("doanh nghiệp tại Luật", 330, 510)
             + _row("Kính gửi: Bộ Kế hoạch và Đầu tư.", 900, 640))
    got = [(ln.column, ln.text) for ln in ocr.layout_lines(words, W, H)]
    assert got == [("left", "VĂN PHÒNG CHÍNH PHỦ"), ("left", "Số: 2739/VPCP-ĐMDN"),
                   ("left", "V/v quy định về quản trị"),
                   ("left", "doanh nghiệp tại Luật"), ("right", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"),
                   ("right", "Hà Nội, ngày 05 tháng 4 năm 2019"), (None, "Kính gửi: Bộ Kế hoạch và Đầu tư.")]


def test_stamp_table_examples():
    """models/ocr.toml `[stamps]`: every example reads as a stamp's text, no counter-example does."""
    import tomllib

    from pipeline.ocr.layout import is_stamp_text
    from pipeline.resources import model_text

    table = tomllib.loads(model_text("ocr.toml"))["stamps"]
    assert [ex for ex in table["examples"] if not is_stamp_text(ex)] == []
    assert [ex for ex in table["counter_examples"] if is_stamp_text(ex)] == []
