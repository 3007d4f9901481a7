"""Stamps printed in red ink: read from the red layer of a page image on their own (the colour
preprocessing step paints them out before recognition), written as printed (`canonical_stamp`),
and turned into the lines that open an OCR page (`stamp_lines`).  Split out of `pipeline.ocr.pages`,
which re-exports these names.
"""
from __future__ import annotations

import re
import unicodedata

from .. import regexes
from ..read import RawLine, RawWord
from .engine import DPI, OEM, tesseract_data_many
from .layout import is_stamp_text
from .preprocess import estimate_skew, ink_mask, rotate

# Red stamps.  The colour step paints red and blue ink white before recognition, so the urgency and
# copy stamps (`HỎA TỐC`, `THƯỢNG KHẨN`, `SAO Y BẢN CHÍNH`) and the received box (`ĐẾN Số: ... Ngày: ...`)
# would be lost; they are read from the red layer on its own: each blob of red ink is cut out, turned
# upright (stamps are set at an angle) and recognized; only what reads as a stamp is kept (a round
# seal's text around its ring never does).
RED_STAMP_VERSION = 2


def red_mask(rgb):
    """Boolean mask of saturated red ink (stamps and seals), as `stamp_mask` without the blues."""
    return ink_mask(rgb, blue=False) > 0


def read_red_stamps(rgb, *, timeout: float = 0, min_pixels: int = 1500) -> list[dict]:
    """Stamps printed in red on a page image: [{"text", "bbox", "conf"}], one per line of a stamp,
    top to bottom.  A blob of red ink is read when one of its lines is a stamp (`is_stamp_text`);
    then all its lines are kept (the `Số:`/`Ngày:` lines of a received box).  The blobs of a page
    are read in one Tesseract run (`tesseract_data_many`)."""
    boxes, images = _red_blobs(rgb, min_pixels)
    try:
        readings = tesseract_data_many(images, f"--oem {OEM} --psm 6 --dpi {DPI}", timeout=timeout)
    except RuntimeError:
        return []
    out: list[dict] = []
    for (x, y, w, h), data in zip(boxes, readings, strict=True):
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


def _red_blobs(rgb, min_pixels: int) -> tuple[list[tuple[int, int, int, int]], list]:
    """The boxes (x, y, w, h) of the blobs of red ink of a page that may be stamps, and each blob as
    a gray image ready to read: turned upright, its frame painted out, a white border around it."""
    import cv2
    import numpy as np

    if getattr(rgb, "ndim", 0) != 3 or rgb.shape[2] < 3:
        return [], []
    m8 = ink_mask(np.ascontiguousarray(rgb[..., :3]), blue=False)     # red ink 255, the rest 0
    if cv2.countNonZero(m8) < min_pixels:
        return [], []
    blobs = cv2.dilate(m8, np.ones((31, 31), np.uint8))
    n, _, stats, _ = cv2.connectedComponentsWithStats(blobs)
    height, width = m8.shape
    boxes, images = [], []
    for k in range(1, n):
        x, y, w, h = (int(v) for v in stats[k][:4])
        if w < 120 or h < 50 or w > 0.7 * width or h > 0.3 * height:
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
        boxes.append((x, y, w, h))
        images.append(cv2.copyMakeBorder(up, 30, 30, 30, 30, cv2.BORDER_CONSTANT, value=255))
    return boxes, images


# The closed vocabulary of urgency, secrecy and copy marks (NĐ 30/2020 Điều 15, 22): a reading with
# the tone marks lost (`HOA TOC`) is written as printed, so the header stage knows it for a stamp.
STAMP_WORDS = ("HỎA TỐC", "THƯỢNG KHẨN", "KHẨN", "TUYỆT MẬT", "TỐI MẬT", "MẬT", "SAO Y BẢN CHÍNH", "SAO Y",
               "BẢN SAO", "TRÍCH SAO", "SAO LỤC", "ĐẾN")


def _fold_upper(s: str) -> str:
    d = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in d if not unicodedata.combining(c)).upper()


_STAMP_WORD_RES = [(regexes.compile(r"(?<!\w)" + r"\s+".join(re.escape(_fold_upper(w)) for w in sw.split())
                                    + r"(?!\w)"), sw)
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


_RED_ONLY = regexes.compile(r"^(?:THƯỢNG\s+)?KHẨN$|^(?:TỐI\s+|TUYỆT\s+)?MẬT$|^SAO\s+LỤC$|^TRÍCH\s+SAO$")


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
