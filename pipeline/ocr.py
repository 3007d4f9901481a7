"""OCR of scanned PDFs and images, and the PDF reader that decides per page between text layer and OCR.

Pipeline for one page image:

1. render (PDF pages with pypdfium2 at 300 dpi) or load (PNG/JPEG/TIFF frames; low-resolution
   images are scaled up to about 300 dpi);
2. preprocess: remove red and blue stamps, seals and e-signature blocks by colour, convert to
   grayscale, deskew (`PREPROCESS_STEPS`; each step was measured, see corpora/scans/README.md);
3. recognize with Tesseract (`vie`, LSTM engine `--oem 1`) through `image_to_data`, which gives a box
   and a confidence for every word; a short unsure token alone on its line (a marker `2.`) is read
   again from its crop scaled up (`reread_isolated`); dust specks are dropped (`drop_specks`);
4. lay the words out into `RawLine`s (`layout_lines`): rows of words, split at wide gaps, the two
   header columns of page 1 kept apart and labelled `column="left"/"right"` (a left column longer
   than the right one included), stamps (`ĐẾN`, `HỎA TỐC`, `SAO Y`, the e-gazette received box)
   labelled with style `{"stamp"}`, and an empty line before a row that opens a paragraph by the
   layout (first-line indent, the row under a centred title), since normalization joins lines;
5. repair what the document format pins down (`pipeline.ocr_repair.repair_page`: symbols, dates,
   markers, type names);
6. stamps in red ink, removed in step 2, are read from the red layer on their own
   (`read_red_stamps`) and open the page as lines with style `{"stamp", "red"}`, an empty line
   after them (so that they are never joined to the header line under them).

Pages run in parallel in worker processes (one Tesseract per core, each single-threaded with
`OMP_THREAD_LIMIT=1`), with a per-page timeout: a page that fails or times out becomes an empty
`RawPage(method="empty")` with a warning and the document goes on.  Results are cached by the
sha256 of the page image and the settings (`CHITHI_CACHE`, default `~/.cache/chithi/ocr`).
"""
from __future__ import annotations

import concurrent.futures as cf
import hashlib
import json
import math
import os
import re
import shutil
import threading
import unicodedata
from functools import lru_cache
from typing import Any, Iterable, Sequence

from .errors import CorruptInputError, OCRError, OCRUnavailableError
from .layout import RawDoc, RawLine, RawPage, RawWord
from .ocr_repair import repair_page

INSTALL_HINT = ("install Tesseract with its Vietnamese data: "
                "`apt-get install tesseract-ocr tesseract-ocr-vie` (Debian/Ubuntu), "
                "`brew install tesseract tesseract-lang` (macOS)")

DPI = 300
LANG = "vie"
OEM = 1
PSM = 3
# Bump when the preprocessing or the layout changes: it is part of the cache key.
OCR_VERSION = "ocr-5"
# Steps applied by default, in this order.  "binarize" (median denoise + Otsu) is available but off:
# it cost accuracy on every set measured (Tesseract binarizes better itself).
PREPROCESS_STEPS: tuple[str, ...] = ("color", "gray", "deskew")
ALL_STEPS = ("color", "gray", "deskew", "binarize")

Box = tuple[float, float, float, float]


# -- availability ---------------------------------------------------------------------------------

@lru_cache(maxsize=1)
def _tesseract_status() -> str | None:
    """None when Tesseract with `vie` is usable, else the reason it is not."""
    try:
        import pytesseract
    except ImportError:
        return "the Python package pytesseract is not installed (`pip install pytesseract`)"
    cmd = pytesseract.pytesseract.tesseract_cmd
    if not (shutil.which(cmd) or os.path.exists(cmd)):
        return f"the tesseract program is not installed; {INSTALL_HINT}"
    try:
        langs = pytesseract.get_languages(config="")
    except Exception as e:  # noqa: BLE001 - any failure to run it means it is unusable
        return f"tesseract does not run ({e}); {INSTALL_HINT}"
    if LANG not in langs:
        return f"tesseract has no Vietnamese data (`{LANG}`); {INSTALL_HINT}"
    return None


def ocr_available() -> bool:
    """True when Tesseract and its Vietnamese data are installed."""
    return _tesseract_status() is None


def require_ocr(path: str | None = None) -> None:
    reason = _tesseract_status()
    if reason is not None:
        raise OCRUnavailableError(f"OCR needed but unavailable: {reason}", path=path)


# -- preprocessing --------------------------------------------------------------------------------

def stamp_mask(rgb):
    """Boolean mask of the pixels of red and blue stamps, seals and e-signature blocks.

    Saturated reds (hue < 12° or > 165° on OpenCV's 0-180 scale) and saturated, not-too-dark blues
    (hue 95-135).  Black and gray text is unsaturated and is never in the mask, so text under a
    seal survives; dark blue-black pen (low value) is kept too.
    """
    import cv2
    import numpy as np

    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    sat = (s > 70) & (v > 70)
    red = (h < 12) | (h > 165)
    blue = (h >= 95) & (h <= 135)
    return sat & (red | blue) & np.ones_like(sat)


def remove_stamps(rgb):
    """Paint the stamp pixels (`stamp_mask`) white; returns a new RGB array."""
    out = rgb.copy()
    out[stamp_mask(rgb)] = 255
    return out


def to_gray(img):
    import cv2

    if img.ndim == 2:
        return img
    return cv2.cvtColor(img, cv2.COLOR_RGB2GRAY)


def estimate_skew(gray, max_deg: float = 5.0, step: float = 0.1) -> float:
    """Skew angle in degrees (positive = text runs down to the right... as cv2 rotation angle),
    found by maximizing the variance of the row profile of the ink over candidate angles."""
    import cv2
    import numpy as np

    h, w = gray.shape[:2]
    scale = min(1.0, 1000.0 / max(h, w))
    small = cv2.resize(gray, (max(1, int(w * scale)), max(1, int(h * scale))), interpolation=cv2.INTER_AREA)
    _, ink = cv2.threshold(small, 0, 255, cv2.THRESH_BINARY_INV + cv2.THRESH_OTSU)
    ys, xs = np.nonzero(ink)
    if len(xs) < 50:
        return 0.0
    xs = xs.astype(np.float64) - small.shape[1] / 2
    ys = ys.astype(np.float64)
    nrows = small.shape[0]

    def score(deg: float) -> float:
        t = math.radians(deg)
        r = np.round(ys - xs * math.tan(t)).astype(np.int64)
        r = r[(r >= 0) & (r < nrows)]
        prof = np.bincount(r, minlength=nrows).astype(np.float64)
        return float((prof ** 2).sum())

    coarse = np.arange(-max_deg, max_deg + 1e-9, 0.5)
    best = max(coarse, key=score)
    fine = np.arange(best - 0.5, best + 0.5 + 1e-9, step)
    return float(max(fine, key=score))


def rotate(gray, deg: float):
    import cv2

    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def deskew(gray, min_deg: float = 0.15):
    deg = estimate_skew(gray)
    if abs(deg) < min_deg:
        return gray, 0.0
    return rotate(gray, deg), deg


def binarize(gray):
    import cv2

    den = cv2.medianBlur(gray, 3)
    _, bw = cv2.threshold(den, 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return bw


def preprocess(img, steps: Sequence[str] = PREPROCESS_STEPS):
    """Apply the preprocessing steps to an RGB or gray uint8 array; returns (gray array, info)."""
    info: dict[str, Any] = {}
    a = img
    if a.ndim == 3 and a.shape[2] == 4:
        a = a[..., :3]
    if a.ndim == 3 and "color" in steps:
        a = remove_stamps(a)
    if a.ndim == 3 and ("gray" in steps or "deskew" in steps or "binarize" in steps):
        a = to_gray(a)
    if "deskew" in steps:
        a, deg = deskew(a)
        info["skew_deg"] = deg
    if "binarize" in steps:
        a = binarize(a)
    return a, info


# -- page images ----------------------------------------------------------------------------------

def _pil_to_array(im):
    import numpy as np

    if im.mode not in ("L", "RGB"):
        im = im.convert("RGB") if im.mode in ("RGBA", "P", "CMYK", "LA", "I;16", "I", "F", "1") and im.mode != "1" else im.convert("L")
    return np.asarray(im)


def _image_dpi_scale(im) -> float:
    """Factor that brings an image to about 300 dpi (A4-ish pages without dpi are judged by size)."""
    w, h = im.size
    dpi = im.info.get("dpi")
    d = None
    if dpi:
        try:
            d = float(dpi[0])
        except (TypeError, ValueError, IndexError):
            d = None
    if not d or d < 50 or d > 1200:
        # assume the long side is an A4 page's long side (11.7 in)
        d = max(w, h) / 11.69
    if d >= 240:
        return 1.0
    return min(3.0, DPI / d)


def load_image_frame(path: str, frame: int = 0):
    """One frame of an image file as an array at about 300 dpi."""
    from PIL import Image, ImageOps

    with Image.open(path) as im:
        if frame:
            im.seek(frame)
        im = ImageOps.exif_transpose(im) if frame == 0 else im
        im = im.convert("RGB") if im.mode not in ("L", "RGB") else im.copy()
    f = _image_dpi_scale(im)
    if f > 1.05:
        im = im.resize((round(im.size[0] * f), round(im.size[1] * f)), Image.LANCZOS)
    return _pil_to_array(im)


def render_pdf_page(path: str, index: int, dpi: int = DPI):
    """Page `index` (0-based) of a PDF rendered at `dpi` as an RGB array."""
    import numpy as np
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        bm = page.render(scale=dpi / 72)
        im = bm.to_pil().convert("RGB")
        return np.asarray(im)
    finally:
        pdf.close()


# -- cache ----------------------------------------------------------------------------------------

def cache_dir() -> str:
    return os.environ.get("CHITHI_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "chithi", "ocr")


def _cache_key(arr, settings: dict) -> str:
    h = hashlib.sha256()
    h.update(repr((arr.shape, str(arr.dtype))).encode())
    h.update(arr.tobytes())
    h.update(json.dumps(settings, sort_keys=True).encode())
    return h.hexdigest()


def _cache_get(key: str) -> dict | None:
    p = os.path.join(cache_dir(), key[:2], key + ".json")
    try:
        with open(p, encoding="utf-8") as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def _cache_put(key: str, value: dict) -> None:
    d = os.path.join(cache_dir(), key[:2])
    try:
        os.makedirs(d, exist_ok=True)
        tmp = os.path.join(d, f".{key}.{os.getpid()}.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(value, f, ensure_ascii=False)
        os.replace(tmp, os.path.join(d, key + ".json"))
    except OSError:
        pass   # a read-only cache is not an error


# -- recognition ----------------------------------------------------------------------------------

def tesseract_words(gray, *, psm: int = PSM, timeout: float = 0) -> list[dict]:
    """Words of a page image from Tesseract's image_to_data: text, box, conf (0..1), line key."""
    import pytesseract
    from PIL import Image

    config = f"--oem {OEM} --psm {psm} --dpi {DPI} -c preserve_interword_spaces=0"
    data = pytesseract.image_to_data(Image.fromarray(gray), lang=LANG, config=config,
                                     output_type=pytesseract.Output.DICT, timeout=timeout or 0)
    words = []
    for i, t in enumerate(data["text"]):
        t = unicodedata.normalize("NFC", (t or "").strip())
        if not t:
            continue
        try:
            conf = float(data["conf"][i])
        except (TypeError, ValueError):
            conf = -1.0
        x, y, w, h = (int(data[k][i]) for k in ("left", "top", "width", "height"))
        words.append({"text": t, "bbox": (x, y, x + w, y + h), "conf": max(0.0, conf) / 100.0,
                      "line": (data["block_num"][i], data["par_num"][i], data["line_num"][i])})
    return words


def ocr_words(arr, *, steps: Sequence[str] = PREPROCESS_STEPS, psm: int = PSM, timeout: float = 0,
              use_cache: bool = True) -> dict:
    """Preprocess and recognize one page image; returns {"words", "width", "height", "info"}.

    Isolated low-confidence tokens (a marker alone on its line: `2.`, `-`) are read again on their
    own (`reread_isolated`).  Cached by sha256 of the image bytes and the settings: the layout step
    runs on the cached words, so changing the layout never re-runs Tesseract.
    """
    settings = {"v": OCR_VERSION, "lang": LANG, "oem": OEM, "psm": psm, "dpi": DPI, "steps": list(steps)}
    key = _cache_key(arr, settings) if use_cache else ""
    if use_cache:
        hit = _cache_get(key)
        if hit is not None:
            for w in hit["words"]:
                w["bbox"] = tuple(w["bbox"])
                w["line"] = tuple(w["line"])
            dirty = False
            if hit.get("reread") != REREAD_VERSION:
                # an entry from before the re-reading step: add it (Tesseract on a few crops only)
                if isolated_candidates(hit["words"]) or short_line_candidates(hit["words"]):
                    gray, _ = preprocess(arr, steps)
                    reread_isolated(gray, hit["words"], timeout=timeout)
                hit["reread"] = REREAD_VERSION
                dirty = True
            if hit.get("red_stamps_v") != RED_STAMP_VERSION:
                hit["red_stamps"] = read_red_stamps(arr, timeout=timeout) if "color" in steps else []
                hit["red_stamps_v"] = RED_STAMP_VERSION
                dirty = True
            if dirty:
                _cache_put(key, hit)
            return hit
    gray, info = preprocess(arr, steps)
    words = tesseract_words(gray, psm=psm, timeout=timeout)
    reread_isolated(gray, words, timeout=timeout)
    h, w = gray.shape[:2]
    res = {"words": words, "width": w, "height": h, "info": info, "reread": REREAD_VERSION,
           "red_stamps": read_red_stamps(arr, timeout=timeout) if "color" in steps else [],
           "red_stamps_v": RED_STAMP_VERSION}
    if use_cache:
        _cache_put(key, res)
    return res


# Re-reading of isolated tokens.  Tesseract reads a short token alone on its line badly: a marker
# `2.` printed on a line of its own comes out as `s.` with confidence 0, while the same crop scaled
# up 3x and read as one text line (`--psm 7`) gives `2.` at 0.94.
REREAD_VERSION = 3
REREAD_MAX_CONF = 0.6          # tokens below this confidence are read again
REREAD_MIN_CONF = 0.8          # and the new reading is taken when at least this sure
REREAD_MAX_LEN = 4             # characters: markers and short numbers, not words
REREAD_LINE_MIN_CONF = 0.5     # a short line read again is taken when this sure (and 0.3 surer)


def isolated_candidates(words: list[dict]) -> list[int]:
    """Indexes of the words that are alone on their Tesseract line, short and unsure."""
    count: dict[Any, int] = {}
    for w in words:
        count[w.get("line")] = count.get(w.get("line"), 0) + 1
    return [i for i, w in enumerate(words)
            if count[w.get("line")] == 1 and len(w["text"]) <= REREAD_MAX_LEN and w["conf"] < REREAD_MAX_CONF]


def short_line_candidates(words: list[dict]) -> list[list[int]]:
    """Index groups of Tesseract lines of two or three words, 12 characters at most, one of them
    unsure: a marker and a short heading on a line of their own (`3. Sở`, read `đ SƠ`)."""
    groups: dict[Any, list[int]] = {}
    for i, w in enumerate(words):
        groups.setdefault(w.get("line", ("w", i)), []).append(i)
    out = []
    for idx in groups.values():
        if 2 <= len(idx) <= 3 and sum(len(words[i]["text"]) for i in idx) <= 12 \
                and min(words[i]["conf"] for i in idx) < REREAD_MAX_CONF:
            out.append(idx)
    return out


def reread_isolated(gray, words: list[dict], *, scale: int = 3, timeout: float = 0) -> int:
    """Read each isolated unsure token (`isolated_candidates`) and each short unsure line
    (`short_line_candidates`) again from its crop scaled `scale` times, as a single text line; keep
    the new reading when Tesseract is sure of it (and surer than before) and it has as many words.
    Changes `words` in place; returns how many words were changed."""
    import cv2
    import pytesseract
    from PIL import Image

    changed = 0
    H, W = gray.shape[:2]
    for idx in [[i] for i in isolated_candidates(words)] + short_line_candidates(words):
        x0, y0, x1, y1 = (int(v) for v in _union(words[i]["bbox"] for i in idx))
        pad = max(10, (y1 - y0) // 2 + 10)
        crop = gray[max(0, y0 - pad):min(H, y1 + pad), max(0, x0 - pad):min(W, x1 + pad)]
        if crop.size == 0:
            continue
        big = cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC)
        try:
            data = pytesseract.image_to_data(Image.fromarray(big), lang=LANG,
                                             config=f"--oem {OEM} --psm 7 --dpi {DPI}",
                                             output_type=pytesseract.Output.DICT, timeout=timeout or 0)
        except RuntimeError:
            continue      # timed out: keep the first reading
        toks = [(unicodedata.normalize("NFC", t.strip()), max(0.0, float(c)) / 100.0)
                for t, c in zip(data["text"], data["conf"]) if t and t.strip()]
        if len(toks) != len(idx):
            continue
        old = min(words[i]["conf"] for i in idx)
        new = min(c for _, c in toks)
        # a line read as one gets one confidence for all its words, lower than a lone token's
        need = REREAD_MIN_CONF if len(idx) == 1 else REREAD_LINE_MIN_CONF
        if new >= need and new > old + (0.2 if len(idx) == 1 else 0.3) \
                and [t for t, _ in toks] != [words[i]["text"] for i in idx]:
            for i, (t, c) in zip(idx, toks):
                if words[i]["text"] != t:
                    changed += 1
                words[i]["text"], words[i]["conf"] = t, c
    return changed


# Red stamps.  The colour step paints red and blue ink white before recognition, so the urgency and
# copy stamps (`HỎA TỐC`, `THƯỢNG KHẨN`, `SAO Y BẢN CHÍNH`) and the received box (`ĐẾN Số: ... Ngày: ...`)
# would be lost; they are read from the red layer on its own: each blob of red ink is cut out, turned
# upright (stamps are set at an angle) and recognized; only what reads as a stamp is kept (a round
# seal's text around its ring never does).
RED_STAMP_VERSION = 2


def red_mask(rgb):
    """Boolean mask of saturated red ink (stamps and seals), as `stamp_mask` without the blues."""
    import cv2

    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    h, s, v = hsv[..., 0], hsv[..., 1], hsv[..., 2]
    return (s > 70) & (v > 70) & ((h < 12) | (h > 165))


def read_red_stamps(rgb, *, timeout: float = 0, min_pixels: int = 1500) -> list[dict]:
    """Stamps printed in red on a page image: [{"text", "bbox", "conf"}], one per line of a stamp,
    top to bottom.  A blob of red ink is read when one of its lines is a stamp (`is_stamp_text`);
    then all its lines are kept (the `Số:`/`Ngày:` lines of a received box)."""
    import cv2
    import numpy as np
    import pytesseract
    from PIL import Image

    if getattr(rgb, "ndim", 0) != 3 or rgb.shape[2] < 3:
        return []
    mask = red_mask(np.ascontiguousarray(rgb[..., :3]))
    if int(mask.sum()) < min_pixels:
        return []
    m8 = mask.astype(np.uint8) * 255
    blobs = cv2.dilate(m8, np.ones((31, 31), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    H, W = mask.shape
    out: list[dict] = []
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k][:4])
        if w < 120 or h < 50 or w > 0.7 * W or h > 0.3 * H:
            continue
        ink = 255 - m8[y:y + h, x:x + w]
        deg = estimate_skew(ink, max_deg=25.0)
        up = rotate(ink, deg) if abs(deg) >= 0.3 else ink
        # the stamp's frame: long straight runs of ink, upright now, are painted white
        inv = 255 - up
        frame = cv2.morphologyEx(inv, cv2.MORPH_OPEN, np.ones((1, 81), np.uint8)) | \
            cv2.morphologyEx(inv, cv2.MORPH_OPEN, np.ones((81, 1), np.uint8))
        up = up.copy()
        up[cv2.dilate(frame, np.ones((5, 5), np.uint8)) > 0] = 255
        up = cv2.copyMakeBorder(up, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255)
        try:
            data = pytesseract.image_to_data(Image.fromarray(up), lang=LANG, config=f"--oem {OEM} --psm 6 --dpi {DPI}",
                                             output_type=pytesseract.Output.DICT, timeout=timeout or 0)
        except RuntimeError:
            continue
        lines: dict[tuple, list[tuple[str, float]]] = {}
        for i, t in enumerate(data["text"]):
            t = unicodedata.normalize("NFC", (t or "").strip())
            if t:
                key = (data["block_num"][i], data["par_num"][i], data["line_num"][i])
                lines.setdefault(key, []).append((t, max(0.0, float(data["conf"][i])) / 100.0))
        texts = [(canonical_stamp(" ".join(t for t, _ in ws).strip(" |[](){}!_.,")), sum(c for _, c in ws) / len(ws))
                 for _, ws in sorted(lines.items())]
        if not any(is_red_stamp_text(t) for t, _ in texts):
            continue
        for t, c in texts:
            if any(ch.isalnum() for ch in t):
                out.append({"text": t, "bbox": (x, y, x + w, y + h), "conf": round(c, 4)})
    return out


# The closed vocabulary of urgency, secrecy and copy marks (NĐ 30/2020 Điều 15, 22): a reading with
# the tone marks lost (`HOA TOC`) is written as printed, so the header stage knows it for a stamp.
STAMP_WORDS = ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "SAO Y BẢN CHÍNH", "SAO Y",
               "BẢN SAO", "TRÍCH SAO", "SAO LỤC", "ĐẾN")


def _fold_upper(s: str) -> str:
    d = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c)).upper()


_STAMP_WORD_RES = [(re.compile(r"(?<!\w)" + r"\s+".join(re.escape(_fold_upper(w)) for w in sw.split()) + r"(?!\w)"), sw)
                   for sw in STAMP_WORDS]


def canonical_stamp(text: str) -> str:
    """A stamp's words as printed: `Hoa Toc` -> `HỎA TỐC`, `DEN Số: 12` -> `ĐẾN Số: 12`: a line that is
    one of the stamp words (matched without tone marks and case), or `ĐẾN` before `Số/Ngày/Giờ`."""
    core = text.strip()
    folded = _fold_upper(core)
    if len(folded) != len(core):
        return text
    for rx, word in _STAMP_WORD_RES:
        m = rx.match(folded)
        if not m or len(word) != m.end():
            continue
        rest = folded[m.end():]
        if not rest.strip() or (word == "ĐẾN" and re.match(r"\s*(?:SO|NGAY|GIO)\b|\s*:", rest)):
            return text.replace(core, word + core[m.end():], 1)
    return text


_RED_ONLY = re.compile(r"^(?:THƯỢNG\s+)?KHẨN$|^(?:TỐI\s+|TUYỆT\s+)?MẬT$|^SAO\s+LỤC$|^TRÍCH\s+SAO$")


def is_red_stamp_text(text: str) -> bool:
    """A line of a red stamp: the stamps of `is_stamp_text`, and the one-word urgency and secrecy
    marks (`KHẨN`, `MẬT`), which in black text could be any heading."""
    t = canonical_stamp(text.strip())
    return is_stamp_text(t) or bool(_RED_ONLY.match(t))


def stamp_lines(stamps: list[dict]) -> list[RawLine]:
    """RawLines (style {"stamp", "red"}, no column) for stamps read from the red layer, each group
    followed by an empty line so that normalization never joins a stamp to the header line under it."""
    out: list[RawLine] = []
    for st in stamps:
        b = tuple(float(v) for v in st["bbox"])
        out.append(RawLine(text=st["text"], bbox=b, words=[RawWord(st["text"], b, st.get("conf"))],
                           style=frozenset({"stamp", "red"})))
    if out:
        out.append(RawLine(text=""))
    return out


def drop_specks(words: list[dict]) -> list[dict]:
    """Words that are dust, not print: boxes tiny in both directions next to the text height
    (Tesseract reads a speck as `-`, `_` or `.`, and a `-` opening a line is a bullet)."""
    hs = [w["bbox"][3] - w["bbox"][1] for w in words if len(w["text"]) > 1]
    mh = _median(hs, default=40.0)
    out = []
    for w in words:
        bw, bh = w["bbox"][2] - w["bbox"][0], w["bbox"][3] - w["bbox"][1]
        tiny = bw < 0.15 * mh and bh < 0.15 * mh
        small_unsure = bw < 0.3 * mh and bh < 0.3 * mh and (w.get("conf") or 0) < 0.3
        if tiny or small_unsure:
            continue
        out.append(w)
    return out


def ocr_array(arr, number: int = 1, *, first_page: bool | None = None, steps: Sequence[str] = PREPROCESS_STEPS,
              psm: int = PSM, timeout: float = 0, use_cache: bool = True) -> RawPage:
    """OCR one page image (RGB or gray uint8 array) into a RawPage (method "ocr")."""
    first = (number == 1) if first_page is None else first_page
    res = ocr_words(arr, steps=steps, psm=psm, timeout=timeout, use_cache=use_cache)
    w, h = res["width"], res["height"]
    lines = layout_lines(drop_specks(res["words"]), w, h, first_page=first, paragraph_breaks=True)
    page = RawPage(number=number, lines=lines, method="ocr" if lines else "empty", width=w, height=h)
    repair_page(page)        # symbols, dates and markers misread by Tesseract (`pipeline.ocr_repair`)
    confs = [wd.conf for ln in lines for wd in ln.words if wd.conf is not None]
    if lines and res.get("red_stamps"):
        # red stamps open the page (they stand over the header), apart from the text
        page.lines = stamp_lines(res["red_stamps"]) + page.lines
    page.confidence = round(sum(confs) / len(confs), 4) if confs else None
    if not lines:
        page.warnings.append(f"page {number}: OCR found no text")
    return page


# -- layout: words -> lines -----------------------------------------------------------------------

STAMP_RES = [
    re.compile(r"^\W*ĐẾN\b"),
    re.compile(r"^\W*(?:Đ|D)[ẾEÊ]N\W*(?:Giờ|Ngày|Số)", re.I),
    re.compile(r"\bC[ỔÔO]NG\s+TH[ÔO]NG\s+TIN\s+Đ?I[ỆE]N\s+T[ỬU]", re.I),
    re.compile(r"ĐI[ỆE]N\W{0,2}T[ỬỪU]\W{0,2}CH[ÍI]NH\W{0,2}PH[ỦÙU]"),
    re.compile(r"^\W*(?:Giờ|Ngày|Số)\s*:?\s*\.{3,}", re.I),
    re.compile(r"\bH[ỎO]A\s*T[ỐO]C\b", re.I),
    re.compile(r"\bTH[ƯU][ỢO]NG\s+KH[ẨA]N\b"),
    re.compile(r"\bSAO\s+Y\b"),
    re.compile(r"\bBẢN\s+SAO\b"),
    re.compile(r"\bS[ốỐ]\s*:?\s*\.{3,}.*\bS[Yy]\b"),
]


def is_stamp_text(text: str) -> bool:
    return any(r.search(text) for r in STAMP_RES)


def _vov(a: Box, b: Box) -> float:
    """Vertical overlap of two boxes relative to the smaller height."""
    ov = min(a[3], b[3]) - max(a[1], b[1])
    return ov / max(1.0, min(a[3] - a[1], b[3] - b[1]))


def _union(boxes: Iterable[Box]) -> Box:
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def _median(xs: list[float], default: float = 0.0) -> float:
    if not xs:
        return default
    s = sorted(xs)
    n = len(s)
    return s[n // 2] if n % 2 else (s[n // 2 - 1] + s[n // 2]) / 2


def group_rows(words: list[dict]) -> list[list[dict]]:
    """Group words into rows (visual lines across the whole page width), top to bottom.

    Words that share a `line` key (Tesseract's line) stay together; units are joined into a row when
    they overlap vertically by more than half the smaller height.
    """
    units: dict[Any, list[dict]] = {}
    order = []
    for i, w in enumerate(words):
        k = w.get("line", ("w", i))
        if k not in units:
            units[k] = []
            order.append(k)
        units[k].append(w)
    items = []
    for k in order:
        ws = sorted(units[k], key=lambda w: w["bbox"][0])
        # a core box from word heights (ignore tall outliers like stamps overlapping the line)
        items.append((_union(w["bbox"] for w in ws), ws))
    items.sort(key=lambda it: (it[0][1] + it[0][3]) / 2)
    rows: list[tuple[Box, list[dict]]] = []
    for box, ws in items:
        best = None
        for j in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            rb, rws = rows[j]
            if _vov(box, rb) > 0.5 and not _x_overlaps(ws, rws):
                best = j
                break
        if best is None:
            rows.append((box, list(ws)))
        else:
            rb, rws = rows[best]
            rows[best] = (_union([rb, box]), rws + ws)
    out = []
    for _, ws in sorted(rows, key=lambda r: (r[0][1] + r[0][3]) / 2):
        out.append(sorted(ws, key=lambda w: w["bbox"][0]))
    return out


def _x_overlaps(a: list[dict], b: list[dict]) -> bool:
    for wa in a:
        for wb in b:
            if min(wa["bbox"][2], wb["bbox"][2]) - max(wa["bbox"][0], wb["bbox"][0]) > 2:
                return True
    return False


def split_row(ws: list[dict], gap: float) -> list[list[dict]]:
    """Split a row at horizontal gaps wider than `gap`."""
    segs = [[ws[0]]]
    for w in ws[1:]:
        if w["bbox"][0] - segs[-1][-1]["bbox"][2] > gap:
            segs.append([w])
        else:
            segs[-1].append(w)
    return segs


def _seg_box(seg: list[dict]) -> Box:
    return _union(w["bbox"] for w in seg)


def _seg_text(seg: list[dict]) -> str:
    return " ".join(w["text"] for w in seg)


DATE_RE = re.compile(r"ng[àa]y\W{0,3}\S{0,4}\W{0,3}th[áa]ng\W{0,3}\S{0,4}\W{0,3}n[ăa]m\s*\S{2,6}", re.I)
NUMBER_RE = re.compile(r"^\s*S[ốỐoô]\s*:?", re.I)


def _find_split(rows_segs: list[list[Box]], width: float) -> float | None:
    """x of the gutter between the two header columns, from rows that have two segments."""
    gaps = []
    for segs in rows_segs:
        if len(segs) < 2:
            continue
        # the widest gap near the middle of the page
        best = None
        for a, b in zip(segs, segs[1:]):
            g0, g1 = a[2], b[0]
            mid = (g0 + g1) / 2
            if 0.25 * width < mid < 0.75 * width and (best is None or g1 - g0 > best[1] - best[0]):
                best = (g0, g1)
        if best:
            gaps.append(best)
    if not gaps:
        return None
    lo = max(g[0] for g in gaps)
    hi = min(g[1] for g in gaps)
    if lo < hi:
        return (lo + hi) / 2
    return _median([(g[0] + g[1]) / 2 for g in gaps])


def layout_lines(words: list[dict], width: float, height: float, *, first_page: bool = True,
                 gap_factor: float = 2.2, paragraph_breaks: bool = False) -> list[RawLine]:
    """Lay words (dicts with text, bbox, conf, optional line key) out into RawLines in reading order.

    Rows are split into segments at gaps wider than `gap_factor` x the median word height.  On the
    first page the header band (rows from the top down to the place/date row, within the top 45%)
    is read as two columns split at their gutter: first the left column's lines, then the right
    column's, each with `column` set.  Elsewhere, runs of rows whose segments all fall on one side
    of a common gutter (signature block beside Nơi nhận) are read column by column too.  Segments
    that are stamps (`is_stamp_text`) get style {"stamp"}.  With `paragraph_breaks` (OCR), an empty
    line goes before a body row that opens a paragraph by the layout (first-line indent, or the
    first row under a centred title).
    """
    if not words:
        return []
    rows = group_rows(words)
    hs = [w["bbox"][3] - w["bbox"][1] for w in words if len(w["text"]) > 1]
    mh = _median(hs, default=20.0)
    gap = gap_factor * mh
    rsegs = [split_row(r, gap) for r in rows]
    rboxes = [[_seg_box(s) for s in segs] for segs in rsegs]

    # header band (page 1): from the top to the date row
    header_end = -1
    if first_page:
        limit = 0.45 * height
        for i, segs in enumerate(rsegs):
            if rboxes[i][0][1] > limit:
                break
            if any(DATE_RE.search(_seg_text(s)) and b[0] > 0.3 * width for s, b in zip(segs, rboxes[i])):
                header_end = i
                break
            if i >= 2 and len(segs) == 1 and _centred(rboxes[i][0], width, mh) and _upper_share(segs[0]) > 0.7 \
                    and any(len(r) >= 2 for r in rboxes[:i]):
                header_end = i - 1   # the title (tên loại) under a header without a readable date
                break
        if header_end < 0:
            # no date: the rows before the first one centred on the page that crosses the gutter
            split0 = _find_split(rboxes[: max(1, sum(1 for b in rboxes if b[0][1] < limit))], width)
            if split0 is not None:
                for i, boxes in enumerate(rboxes):
                    if boxes[0][1] > limit:
                        break
                    if any(b[0] < split0 - mh and b[2] > split0 + mh for b in boxes):
                        header_end = i - 1
                        break
        # V/v lines under the number, left of the gutter, belong to the header too (công văn)
    out: list[RawLine] = []

    def mk(seg: list[dict], column: str | None) -> RawLine:
        text = _seg_text(seg)
        style = {"stamp"} if is_stamp_text(text) else set()
        return RawLine(text=text, bbox=_seg_box(seg),
                       words=[RawWord(w["text"], tuple(float(v) for v in w["bbox"]), w.get("conf")) for w in seg],
                       style=frozenset(style), column=column)

    start = 0
    if header_end >= 0:
        band = range(0, header_end + 1)
        split = _find_split([rboxes[i] for i in band], width)
        if split is None:
            split = width / 2
        # continue the band with rows left of the gutter right after the date row: V/v lines, and
        # the rest of a left column longer than the right one (a long issuer name above `Số`),
        # whose lines are centred on the left column like those above them
        lcs = [(b[0] + b[2]) / 2 for i in range(0, header_end + 1) for b in rboxes[i] if b[2] <= split + mh * 0.5]
        left_centre = _median(lcs) if lcs else None
        j = header_end + 1
        in_vv = False
        while j < len(rsegs) and j <= header_end + 10:
            left_only = all(b[2] <= split + mh for b in rboxes[j])
            close = rboxes[j][0][1] - max(b[3] for b in rboxes[j - 1]) < 1.5 * mh
            rb = _union(rboxes[j])
            centred_left = left_centre is not None and abs((rb[0] + rb[2]) / 2 - left_centre) < 1.5 * mh
            if left_only and (_is_vv(rsegs[j]) or (in_vv and close)):
                in_vv = True
                j += 1
                continue
            if left_only and close and centred_left and not in_vv:
                j += 1
                continue
            break
        band = range(0, j)
        left: list[RawLine] = []
        right: list[RawLine] = []
        other: list[RawLine] = []
        for i in band:
            for s, b in zip(rsegs[i], rboxes[i]):
                ln = mk(s, None)
                if "stamp" in ln.style:
                    other.append(ln)
                elif b[2] <= split + mh * 0.5:
                    ln.column = "left"
                    left.append(ln)
                elif b[0] >= split - mh * 0.5:
                    ln.column = "right"
                    right.append(ln)
                else:
                    # crosses the gutter: split its words by their centre
                    lw = [w for w in s if (w["bbox"][0] + w["bbox"][2]) / 2 < split]
                    rw = [w for w in s if (w["bbox"][0] + w["bbox"][2]) / 2 >= split]
                    if lw:
                        left.append(mk(lw, "left"))
                    if rw:
                        right.append(mk(rw, "right"))
        out.extend(left + right + other)
        start = j

    # the rest: rows in order; runs of two-column rows read column by column.  OCR has no blank
    # lines, and normalization joins a line to the one above unless something says otherwise, so
    # a row that opens a paragraph by the layout gets an empty line before it: a first-line indent
    # (the row starts 1.2 to 4 text heights right of the body's left edge), or the first row under
    # a centred one (the title).
    fulls = sorted(b[0][0] for b in rboxes[start:] if len(b) == 1 and b[0][2] - b[0][0] > 0.6 * width)
    margin = _median(fulls[: max(1, len(fulls) // 2)]) if len(fulls) >= 3 and paragraph_breaks else None
    if margin is None and paragraph_breaks and 1.38 < height / max(width, 1.0) < 1.45:
        # a page with few full rows (the signature page): the left margin of an A4 page, 30 mm
        # (Nghị định 30/2020, Phụ lục I: 30-35 mm)
        margin = width * 30.0 / 210.0
    prev_box: Box | None = None
    i = start
    while i < len(rsegs):
        # a two-column run starts at a row with two segments, or one or two rows before it
        k = next((k for k in range(i, min(i + 3, len(rsegs))) if len(rsegs[k]) >= 2), None)
        if k is not None:
            run_end, rx = _two_column_run(rboxes, i, width, mh, k)
            if run_end > i:
                left, right = [], []
                for r in range(i, run_end + 1):
                    for s, b in zip(rsegs[r], rboxes[r]):
                        (right if (b[0] + b[2]) / 2 >= rx else left).append(mk(s, None))
                out.extend(left + right)
                i = run_end + 1
                prev_box = None
                continue
        if len(rsegs[i]) == 1 and margin is not None and prev_box is not None and out and out[-1].text \
                and not _LONE_MARKER.match(out[-1].text):
            b = rboxes[i][0]
            indented = 1.2 * mh <= b[0] - margin <= 4 * mh
            # a title broken over rows: the next row is centred on the same axis (maybe wider)
            same_axis = abs((prev_box[0] + prev_box[2]) / 2 - (b[0] + b[2]) / 2) < 1.5 * mh and b[0] > margin + 1.5 * mh
            title_goes_on = _centred(prev_box, width, mh) and (_centred(b, width, mh) or same_axis)
            under_centred = _centred(prev_box, width, mh) and not title_goes_on
            if (indented or under_centred) and not title_goes_on:
                out.append(RawLine(text=""))
        for s in rsegs[i]:
            out.append(mk(s, None))
        prev_box = rboxes[i][0] if len(rsegs[i]) == 1 else None
        i += 1
    _spread_stamps(out, width, mh)
    return out



_LONE_MARKER = re.compile(r"^\W{0,2}(?:[0-9IVXLC]{1,4}|[a-zđ])\W{0,2}$")   # "2." alone: its text follows


def _spread_stamps(lines: list[RawLine], width: float, mh: float) -> None:
    """Lines inside a stamp's box (short lines just under or over a recognized stamp line, within its
    horizontal extent) are part of the stamp too: the received box's `Giờ/Ngày` lines, garbled."""
    changed = True
    while changed:
        changed = False
        stamps = [ln.bbox for ln in lines if "stamp" in ln.style and ln.bbox]
        for ln in lines:
            if "stamp" in ln.style or not ln.bbox or ln.column:
                continue
            b = ln.bbox
            if b[2] - b[0] > 0.4 * width:
                continue
            for sb in stamps:
                inside = min(b[2], sb[2] + mh) - max(b[0], sb[0] - mh)
                near = (sb[3] - mh <= b[1] <= sb[3] + 2.5 * mh) or (sb[1] - 2.5 * mh <= b[3] <= sb[1] + mh)
                if near and inside > 0.7 * (b[2] - b[0]):
                    ln.style = frozenset(set(ln.style) | {"stamp"})
                    changed = True
                    break




def _centred(b: Box, width: float, mh: float) -> bool:
    return abs((b[0] + b[2]) / 2 - width / 2) < max(0.04 * width, mh) and (b[2] - b[0]) < 0.6 * width


def _upper_share(seg: list[dict]) -> float:
    letters = [c for w in seg for c in w["text"] if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def _is_vv(segs: list[list[dict]]) -> bool:
    return bool(segs) and bool(re.match(r"^\W*(V/v|về việc)", _seg_text(segs[0]), re.I))


def _gutter(boxes: list[Box]) -> tuple[float, float]:
    """(end of the left part, start of the right part) of a row: split at its widest gap."""
    bs = sorted(boxes, key=lambda b: b[0])
    g = max(range(1, len(bs)), key=lambda t: bs[t][0] - bs[t - 1][2])
    return max(b[2] for b in bs[:g]), bs[g][0]


def _two_column_run(rboxes: list[list[Box]], i: int, width: float, mh: float, k: int | None = None) -> tuple[int, float]:
    """(last row index, x where the right column starts) of a run of rows from row i that read as
    two columns (Nơi nhận beside the signature block): every segment lies left of the right column's
    start or right of the left column's end.  Row k (default i) has two segments and gives the
    gutter.  The last index is i itself when the rows do not form columns (fewer than two rows with
    both columns)."""
    lo, hi = _gutter(rboxes[i if k is None else k])
    if not (0.25 * width < hi < 0.85 * width and hi - lo > 2 * mh):
        return i, hi

    def side(b: Box) -> str:
        if b[2] < hi - mh:
            return "left"
        if b[0] > lo + mh:
            return "right"
        return "cross"

    if any(side(b) == "cross" for b in rboxes[i]):
        return i, hi
    j = i
    multi = 1 if len(rboxes[i]) >= 2 else 0
    while j + 1 < len(rboxes):
        nb = rboxes[j + 1]
        if any(side(b) == "cross" for b in nb):
            break
        if nb[0][1] - max(b[3] for b in rboxes[j]) > 3 * mh:
            break
        j += 1
        if len(nb) >= 2:
            multi += 1
            l2, h2 = _gutter(nb)
            if h2 - l2 > 2 * mh:
                lo, hi = max(lo, l2), min(hi, h2) if min(hi, h2) > max(lo, l2) + 2 * mh else hi
    ok = multi >= 2 or (multi == 1 and j - i >= 2)
    return (j if ok else i), (lo + hi) / 2


# -- parallel page runner -------------------------------------------------------------------------

_PDFIUM_LOCK = threading.Lock()   # pdfium is not thread-safe: one render at a time


def _ocr_job(job: tuple) -> RawPage:
    kind, path, index, number, first, timeout, steps = job
    if kind == "pdf":
        with _PDFIUM_LOCK:
            arr = render_pdf_page(path, index)
    elif kind == "image":
        arr = load_image_frame(path, index)
    else:  # "array": path holds the array
        arr = path
    return ocr_array(arr, number, first_page=first, steps=steps, timeout=timeout)


def _empty(number: int, why: str) -> RawPage:
    return RawPage(number=number, lines=[], method="empty", warnings=[f"page {number}: OCR failed: {why}"])


def default_jobs() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return max(1, os.cpu_count() or 1)


def run_pages(jobs_list: list[tuple], *, jobs: int | None = None, timeout: float = 120) -> list[RawPage]:
    """Run OCR jobs (see `_ocr_job`) on `jobs` cores (default: all); failed pages become empty pages.

    The work of a page is a Tesseract process (pytesseract runs the program), so a pool of threads,
    one per core, keeps one single-threaded Tesseract (`OMP_THREAD_LIMIT=1`) busy on every core;
    rendering, preprocessing (OpenCV, numpy) and the subprocess wait release the GIL.  Threads
    rather than processes: no pickling of pages, no `__main__` guard needed by callers, no fork of
    a parent holding OpenMP/OpenCV locks, and they nest inside the batch runner's worker processes.
    `timeout` is per page: pytesseract kills Tesseract when it runs over.
    """
    n = max(1, min(jobs or default_jobs(), len(jobs_list) or 1))
    results: dict[int, RawPage] = {}
    old = os.environ.get("OMP_THREAD_LIMIT")
    if n > 1:
        os.environ["OMP_THREAD_LIMIT"] = "1"   # inherited by the Tesseract processes
    try:
        with cf.ThreadPoolExecutor(max_workers=n, thread_name_prefix="chithi-ocr") as ex:
            futs = [(ex.submit(_ocr_job, j), j) for j in jobs_list]
            for f, j in futs:
                try:
                    # the extra time covers rendering, preprocessing and waiting in the queue
                    results[j[3]] = f.result(timeout=timeout * (1 + len(jobs_list) / n) + 30)
                except OCRUnavailableError:
                    raise
                except cf.TimeoutError:
                    results[j[3]] = _empty(j[3], f"timed out after {timeout:.0f} s")
                except Exception as e:  # noqa: BLE001 - one page must not sink the document
                    results[j[3]] = _empty(j[3], _why(e))
    finally:
        if n > 1:
            if old is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = old
    return [results[j[3]] for j in jobs_list]


def _why(e: BaseException) -> str:
    msg = str(e).strip() or type(e).__name__
    if "timeout" in msg.lower():
        return "timed out"
    return msg.splitlines()[0][:200]


# -- public readers -------------------------------------------------------------------------------

def read_pdf_pages_ocr(path: str, page_numbers: list[int] | None = None, *, jobs: int | None = None,
                       timeout: float = 120, steps: Sequence[str] = PREPROCESS_STEPS) -> list[RawPage]:
    """OCR pages of a PDF (1-based `page_numbers`, default all) rendered at 300 dpi."""
    require_ocr(path)
    n = _pdf_page_count(path)
    nums = page_numbers if page_numbers is not None else list(range(1, n + 1))
    jl = [("pdf", path, p - 1, p, p == 1, timeout, tuple(steps)) for p in nums if 1 <= p <= n]
    return run_pages(jl, jobs=jobs, timeout=timeout)


def _pdf_page_count(path: str) -> int:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as e:  # noqa: BLE001 - pdfium raises PdfiumError for broken and encrypted files
        raise CorruptInputError(f"cannot open the PDF ({e})", path=path) from e
    try:
        return len(pdf)
    finally:
        pdf.close()


def image_frame_count(path: str) -> int:
    from PIL import Image

    try:
        with Image.open(path) as im:
            return getattr(im, "n_frames", 1)
    except Exception as e:  # noqa: BLE001
        raise CorruptInputError(f"cannot open the image ({e})", path=path) from e


def read_image(path: str, *, jobs: int | None = None, timeout: float = 120,
               steps: Sequence[str] = PREPROCESS_STEPS) -> RawDoc:
    """OCR an image file: PNG, JPEG, TIFF (every frame of a multi-page TIFF is a page)."""
    require_ocr(path)
    n = image_frame_count(path)
    jl = [("image", path, i, i + 1, i == 0, timeout, tuple(steps)) for i in range(n)]
    pages = run_pages(jl, jobs=jobs, timeout=timeout)
    doc = RawDoc(path=path, format="image", pages=pages, ocr=True)
    doc.source_bytes_sha256 = _file_sha256(path)
    _check_doc(doc)
    return doc


def read_image_bytes(data: bytes, path: str = "<image>", *, jobs: int | None = None, timeout: float = 120) -> RawDoc:
    """`read_image` for bytes in memory."""
    import tempfile

    suffix = os.path.splitext(path)[1] or ".img"
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        doc = read_image(tmp.name, jobs=jobs, timeout=timeout)
    doc.path = path
    return doc


def _file_sha256(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _check_doc(doc: RawDoc) -> None:
    if doc.pages and all(p.method == "empty" and p.warnings and "OCR failed" in p.warnings[0] for p in doc.pages):
        raise OCRError("OCR failed on every page: " + "; ".join(p.warnings[0] for p in doc.pages[:3]), path=doc.path)


# -- text layer quality ---------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                       r"[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$")
_WORD = re.compile(r"[^\W\d_]+|\S+", re.UNICODE)


def _strip_tones(w: str) -> str:
    d = unicodedata.normalize("NFD", w)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))


def text_quality(text: str) -> dict[str, float]:
    """Share of tokens that are plausible Vietnamese syllables, and share of letter tokens with a
    Vietnamese (non-ASCII) letter."""
    toks = [t for t in re.split(r"[\s\-–/,.;:()\"'“”]+", text) if t]
    letters = [t for t in toks if any(c.isalpha() for c in t)]
    if not letters:
        return {"tokens": 0, "valid": 0.0, "diacritic": 0.0}
    valid = 0
    diac = 0
    for t in letters:
        if any(ord(c) > 127 and c.isalpha() for c in t):
            diac += 1
        if t.isalpha() and (_SYLLABLE.match(_strip_tones(t.lower())) or (t.isupper() and len(t) <= 8)
                            or (t[:1].isupper() and t[1:].isalpha() and len(t) <= 6 and not t[1:].islower())):
            valid += 1
    return {"tokens": len(letters), "valid": valid / len(letters), "diacritic": diac / len(letters)}


def page_text_layer_is_poor(text: str, n_chars_expected_hint: int | None = None) -> bool:
    """True when a page's text layer should not be trusted and the page should be OCR'd.

    Poor: (nearly) empty; much shorter than `n_chars_expected_hint` (e.g. a scan whose only text is an
    e-signature box); or not Vietnamese as written (a bad OCR layer from a scanner: few letters with
    Vietnamese diacritics, many tokens that are not Vietnamese syllables).
    """
    s = unicodedata.normalize("NFC", text or "")
    n = sum(1 for c in s if not c.isspace())
    if n < 20:
        return True
    if n_chars_expected_hint and n < 0.3 * n_chars_expected_hint:
        return True
    q = text_quality(s)
    if q["tokens"] < 8:
        return q["valid"] < 0.5
    return q["diacritic"] < 0.3 or q["valid"] < 0.8


# -- the PDF reader -------------------------------------------------------------------------------

_ESIGN_RE = re.compile(r"(Người\s+ký|Thời\s+gian\s+ký|Cơ\s+quan\s*:|Email\s*:|Ký\s+bởi)", re.I)


def _pdf_text_pages(path: str):
    """(words per page as dicts, page width, height, image coverage share) from pdfplumber."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # noqa: BLE001
        raise CorruptInputError(f"cannot open the PDF ({_why(e)})", path=path) from e
    out = []
    try:
        for page in pdf.pages:
            try:
                ws = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
            except Exception as e:  # noqa: BLE001
                out.append(([], float(page.width), float(page.height), 0.0, f"text layer unreadable ({_why(e)})"))
                continue
            words = [{"text": unicodedata.normalize("NFC", w["text"]), "bbox": (w["x0"], w["top"], w["x1"], w["bottom"]),
                      "conf": None} for w in ws if w["text"].strip()]
            area = float(page.width) * float(page.height) or 1.0
            cover = 0.0
            for im in page.images:
                cover += max(0.0, (min(im["x1"], page.width) - max(im["x0"], 0))) * \
                    max(0.0, (min(im["bottom"], page.height) - max(im["top"], 0)))
            out.append((words, float(page.width), float(page.height), min(1.0, cover / area), None))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise CorruptInputError(f"cannot read the PDF ({_why(e)})", path=path) from e
    finally:
        pdf.close()
    return out


def read_pdf(path: str, *, jobs: int | None = None, ocr: str = "auto", timeout: float = 120) -> RawDoc:
    """Read a PDF: the text layer of each page where it is good (method "text"), OCR where it is
    poor or missing (method "ocr"), pages with neither "empty".  `ocr`: auto | force | never.

    Raises CorruptInputError for broken or encrypted PDFs; OCRUnavailableError when pages need OCR
    and Tesseract is missing (`ocr="never"` keeps the text layer as it is instead).
    """
    _pdf_page_count(path)   # pdfium: broken / encrypted -> CorruptInputError
    tpages = _pdf_text_pages(path)
    pages: list[RawPage | None] = []
    need: list[int] = []
    notes: dict[int, list[str]] = {}
    for i, (words, w, h, cover, err) in enumerate(tpages):
        num = i + 1
        body = [wd for wd in words]
        text = " ".join(wd["text"] for wd in body)
        # an image-only scan with an e-signature box: the text layer is only the signature's text
        sig_only = cover > 0.5 and (len(text) < 400 or bool(_ESIGN_RE.search(text)) and len(text) < 600)
        poor = err is not None or page_text_layer_is_poor(text) or sig_only
        if ocr == "force" or (ocr == "auto" and poor):
            need.append(num)
            pages.append(None)
            if err:
                notes[num] = [f"page {num}: {err}"]
            continue
        lines = layout_lines(words, w, h, first_page=(num == 1)) if words else []
        pg = RawPage(number=num, lines=lines, method="text" if lines else "empty", width=w, height=h)
        if err:
            pg.warnings.append(f"page {num}: {err}")
        elif poor and lines:
            pg.warnings.append(f"page {num}: text layer looks poor and OCR is off")
        pages.append(pg)
    if need:
        require_ocr(path)
        ocr_pages = read_pdf_pages_ocr(path, need, jobs=jobs, timeout=timeout)
        for pg in ocr_pages:
            pg.warnings = notes.get(pg.number, []) + pg.warnings
            pages[pg.number - 1] = pg
    doc = RawDoc(path=path, format="pdf", pages=[p for p in pages if p is not None], ocr=bool(need))
    doc.source_bytes_sha256 = _file_sha256(path)
    if need and len(need) == len(tpages):
        _check_doc(doc)
    return doc


def doc_text(doc_or_pages, *, skip_styles: Iterable[str] = ()) -> str:
    """Plain text of a RawDoc or of pages: lines joined by newlines, pages by blank lines."""
    pages = doc_or_pages.pages if isinstance(doc_or_pages, RawDoc) else doc_or_pages
    skip = set(skip_styles)
    return "\n\n".join("\n".join(ln.text for ln in p.lines if not (skip & set(ln.style))) for p in pages)
