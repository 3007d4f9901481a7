"""Page images for OCR: loading image frames and rendering PDF pages at about 300 dpi, and the
preprocessing before recognition (stamp colours painted out, grayscale, deskew, optional
binarization).  Split out of `pipeline.ocr.pages`, which re-exports these names.
"""
from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from .engine import DPI

# Steps applied by default, in this order.  "binarize" (median denoise + Otsu) is available but off:
# it cost accuracy on every set measured (Tesseract binarizes better itself).
PREPROCESS_STEPS: tuple[str, ...] = ("color", "gray", "deskew")
ALL_STEPS = ("color", "gray", "deskew", "binarize")


# -- preprocessing --------------------------------------------------------------------------------

def stamp_mask(rgb):
    """Boolean mask of the pixels of red and blue stamps, seals and e-signature blocks.

    Saturated reds (hue < 12° or > 165° on OpenCV's 0-180 scale) and saturated, not-too-dark blues
    (hue 95-135).  Black and gray text is unsaturated and is never in the mask, so text under a
    seal survives; dark blue-black pen (low value) is kept too.
    """
    return ink_mask(rgb) > 0


def ink_mask(rgb, *, blue: bool = True):
    """`stamp_mask` as a uint8 mask (255 in the mask, 0 outside), without the blues when `blue` is
    False (`stamps.red_mask`).  Bounds by `cv2.inRange` (inclusive): saturation and value > 70, hue
    < 12 or > 165 (red), 95-135 (blue); one pass in OpenCV, a third of the numpy comparisons' time."""
    import cv2

    hsv = cv2.cvtColor(rgb, cv2.COLOR_RGB2HSV)
    mask = cv2.inRange(hsv, (0, 71, 71), (11, 255, 255)) | cv2.inRange(hsv, (166, 71, 71), (255, 255, 255))
    if blue:
        mask |= cv2.inRange(hsv, (95, 71, 71), (135, 255, 255))
    return mask


def remove_stamps(rgb):
    """Paint the stamp pixels (`stamp_mask`) white; returns a new RGB array."""
    import cv2

    return cv2.bitwise_or(rgb, (255, 255, 255, 0), dst=rgb.copy(), mask=ink_mask(rgb))


def to_gray(img):
    """A gray uint8 copy of an RGB or gray image."""
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
    """`gray` rotated by `deg` degrees about its centre, the corners filled white."""
    import cv2

    h, w = gray.shape[:2]
    m = cv2.getRotationMatrix2D((w / 2, h / 2), deg, 1.0)
    return cv2.warpAffine(gray, m, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def deskew(gray, min_deg: float = 0.15):
    """(`gray` turned upright, the skew in degrees); unchanged below `min_deg`."""
    deg = estimate_skew(gray)
    if abs(deg) < min_deg:
        return gray, 0.0
    return rotate(gray, deg), deg


def binarize(gray):
    """Black and white by a median filter and Otsu's threshold (not a default step: measured worse)."""
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
        colour = im.mode in ("RGBA", "P", "CMYK", "LA", "I;16", "I", "F", "1") and im.mode != "1"
        im = im.convert("RGB") if colour else im.convert("L")
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


def _over_image_limit(size: tuple[int, int], path: str) -> None:
    """Refuse an image over `Limits.image_pixels` from its header, before decoding it."""
    from ..errors import LimitError
    from ..read import current

    cap = current().image_pixels
    if size[0] * size[1] > cap:
        raise LimitError(f"the image is {size[0]} x {size[1]} pixels ({size[0] * size[1] / 1e6:.0f} million), over "
                         f"the {cap / 1e6:.0f} million pixel limit (raise it with --max-image-mpx)", path=path)


def check_image_pixels(source, path: str) -> None:
    """Refuse (LimitError) an image file or bytes whose header declares more pixels than
    `Limits.image_pixels`; reads the header only.  Unreadable images are left to the reader."""
    import io
    import warnings

    from PIL import Image

    guard = Image.MAX_IMAGE_PIXELS
    Image.MAX_IMAGE_PIXELS = None        # the header only: the size is checked below, with its message
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(source) if isinstance(source, bytes) else source) as im:
                size = im.size
    except Exception:  # noqa: BLE001 - not an image Pillow reads: the reader says why
        return
    finally:
        Image.MAX_IMAGE_PIXELS = guard
    _over_image_limit(size, path)


def load_image_frame(path: str, frame: int = 0):
    """One frame of an image file as an array at about 300 dpi, and never more pixels than
    `Limits.page_pixels` (a larger image is scaled down to it)."""
    from PIL import Image, ImageOps

    from ..read import current

    with Image.open(path) as im:
        if frame:
            im.seek(frame)
        _over_image_limit(im.size, path)
        im = ImageOps.exif_transpose(im) if frame == 0 else im
        im = im.convert("RGB") if im.mode not in ("L", "RGB") else im.copy()
    f = _image_dpi_scale(im)
    cap = current().page_pixels
    if im.size[0] * im.size[1] * f * f > cap:
        f = math.sqrt(cap / (im.size[0] * im.size[1]))
    if f > 1.05 or f < 1.0:
        im = im.resize((max(1, round(im.size[0] * f)), max(1, round(im.size[1] * f))), Image.LANCZOS)
    return _pil_to_array(im)


def render_pdf_page(path: str, index: int, dpi: int = DPI):
    """Page `index` (0-based) of a PDF rendered at `dpi` as an RGB array; a page too large for
    `Limits.page_pixels` at `dpi` is rendered at a lower resolution, and refused (LimitError) where
    that would fall below `MIN_RENDER_DPI`."""
    import numpy as np
    import pypdfium2 as pdfium

    from ..errors import LimitError
    from ..read import MIN_RENDER_DPI, current, render_scale

    pdf = pdfium.PdfDocument(path)
    try:
        page = pdf[index]
        w, h = page.get_size()
        scale = render_scale(w, h, dpi, current())
        if not scale:
            raise LimitError(f"page {index + 1} is {w / 72:.0f} x {h / 72:.0f} in: even at {MIN_RENDER_DPI} dpi "
                             f"it is over the {current().page_pixels / 1e6:.0f} million pixel limit per page "
                             f"(raise it with --max-page-mpx)")
            # (no path: the page's warning already belongs to its document)
        bm = page.render(scale=scale)
        im = bm.to_pil().convert("RGB")
        return np.asarray(im)
    finally:
        pdf.close()
