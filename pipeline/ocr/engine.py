"""Running Tesseract: availability checks, the settings (`DPI`, `LANG`, `OEM`, `PSM`), the result
cache keyed by the page image, recognition of a page's words with their boxes and confidences, and
the re-reading of short unsure tokens from their crops.  Split out of `pipeline.ocr.pages`, which
re-exports these names.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import unicodedata
from functools import lru_cache
from typing import Any

from ..errors import OCRUnavailableError
from .rows import union

INSTALL_HINT = ("install Tesseract with its Vietnamese data: "
                "`apt-get install tesseract-ocr tesseract-ocr-vie` (Debian/Ubuntu), "
                "`brew install tesseract tesseract-lang` (macOS)")

DPI = 300
LANG = "vie"
OEM = 1
PSM = 3
# Bump when the preprocessing or the layout changes: it is part of the cache key.
OCR_VERSION = "ocr-5"


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
    """Raise OCRUnavailableError (saying what to install) when Tesseract with `vie` is not usable."""
    reason = _tesseract_status()
    if reason is not None:
        raise OCRUnavailableError(f"OCR needed but unavailable: {reason}", path=path)


# -- cache ----------------------------------------------------------------------------------------

def cache_dir() -> str:
    """Where OCR results are cached: `CHITHI_CACHE`, else `~/.cache/chithi/ocr`."""
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

def tesseract_image(arr):
    """The PIL image of `arr` that pytesseract hands to Tesseract as an uncompressed BMP: the same
    pixels as the PNG it writes by default, without the PNG compression, which costs 0.3-0.5 s
    for a page at 300 dpi (a quarter of Tesseract's own time)."""
    from PIL import Image

    img = Image.fromarray(arr)
    img.format = "BMP"
    return img


def tesseract_data_many(images: list, config: str, *, timeout: float = 0) -> list[dict]:
    """pytesseract's `image_to_data` dict for each of `images` (arrays), from one Tesseract run over a
    list file: the model is loaded once rather than once per image (most of the time of a small
    crop).  Each image is recognized on its own, as in a run of its own: same words, boxes and
    confidences.  Raises RuntimeError when the run times out."""
    import tempfile

    import pytesseract

    if not images:
        return []
    with tempfile.TemporaryDirectory(prefix="chithi-ocr-") as tmp:
        names = []
        for i, arr in enumerate(images):
            names.append(os.path.join(tmp, f"{i}.bmp"))
            tesseract_image(arr).save(names[-1], format="BMP")
        listing = os.path.join(tmp, "images.txt")
        with open(listing, "w", encoding="utf-8") as f:
            f.write("\n".join(names) + "\n")
        data = pytesseract.image_to_data(listing, lang=LANG, config=config, output_type=pytesseract.Output.DICT,
                                         timeout=timeout or 0)
    out: list[dict] = [{k: [] for k in data} for _ in images]
    for row in range(len(data["text"])):
        page = int(data["page_num"][row]) - 1
        if 0 <= page < len(out):
            for k, col in data.items():
                out[page][k].append(col[row])
    return out


def tesseract_words(gray, *, psm: int = PSM, timeout: float = 0) -> list[dict]:
    """Words of a page image from Tesseract's image_to_data: text, box, conf (0..1), line key."""
    import pytesseract

    config = f"--oem {OEM} --psm {psm} --dpi {DPI} -c preserve_interword_spaces=0"
    data = pytesseract.image_to_data(tesseract_image(gray), lang=LANG, config=config,
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
    All the crops of a page are read in one Tesseract run (`tesseract_data_many`).  Changes `words`
    in place; returns how many words were changed."""
    groups, crops = _reread_crops(gray, words, scale)
    try:
        readings = tesseract_data_many(crops, f"--oem {OEM} --psm 7 --dpi {DPI}", timeout=timeout)
    except RuntimeError:
        return 0      # timed out: keep the first readings
    changed = 0
    for idx, data in zip(groups, readings, strict=True):
        toks = [(unicodedata.normalize("NFC", t.strip()), max(0.0, float(c)) / 100.0)
                for t, c in zip(data["text"], data["conf"], strict=True) if t and t.strip()]
        if len(toks) != len(idx):
            continue
        old = min(words[i]["conf"] for i in idx)
        new = min(c for _, c in toks)
        # a line read as one gets one confidence for all its words, lower than a lone token's
        need = REREAD_MIN_CONF if len(idx) == 1 else REREAD_LINE_MIN_CONF
        if new >= need and new > old + (0.2 if len(idx) == 1 else 0.3) \
                and [t for t, _ in toks] != [words[i]["text"] for i in idx]:
            for i, (t, c) in zip(idx, toks, strict=True):
                if words[i]["text"] != t:
                    changed += 1
                words[i]["text"], words[i]["conf"] = t, c
    return changed


def _reread_crops(gray, words: list[dict], scale: int) -> tuple[list[list[int]], list]:
    """The word groups to read again and their crops (padded, scaled `scale` times)."""
    import cv2

    height, width = gray.shape[:2]
    groups, crops = [], []
    for idx in [[i] for i in isolated_candidates(words)] + short_line_candidates(words):
        x0, y0, x1, y1 = (int(v) for v in union(words[i]["bbox"] for i in idx))
        pad = max(10, (y1 - y0) // 2 + 10)
        crop = gray[max(0, y0 - pad):min(height, y1 + pad), max(0, x0 - pad):min(width, x1 + pad)]
        if crop.size == 0:
            continue
        groups.append(idx)
        crops.append(cv2.resize(crop, None, fx=scale, fy=scale, interpolation=cv2.INTER_CUBIC))
    return groups, crops



# -- errors ---------------------------------------------------------------------------------------

def _why(e: BaseException) -> str:
    msg = str(e).strip() or type(e).__name__
    if "timeout" in msg.lower():
        return "timed out"
    return msg.splitlines()[0][:200]
