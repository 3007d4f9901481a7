"""Reading limits: what one input may cost before it is refused (or read at a lower resolution).

Every limit has a default sized for real directive documents with a wide margin, and a user can
raise or lower each one (`chithi batch --max-input-mb ...`, or `set_limits` in library code).  A
document over a limit becomes one clear per-file error (`LimitError`, stage `read`), never a crash
or a run that eats the machine:

- `input_bytes`: bytes of one input file or zip entry (counted while streaming, so a zip entry
  whose header lies about its size is stopped at the limit, not inflated whole);
- `archive_bytes`: bytes a whole zip archive may expand to (a zip bomb stops there);
- `page_pixels`: pixels of one rendered PDF page: a larger page is rendered at a lower resolution,
  down to `MIN_RENDER_DPI`, and refused below that;
- `image_pixels`: pixels of one input image (checked from its header before decoding; Pillow's
  `MAX_IMAGE_PIXELS` is set to it); an image over `page_pixels` is scaled down before OCR;
- `doc_seconds`: wall-clock seconds for one document in a batch worker; the worker is stopped and
  the file recorded as failed, the batch goes on.

>>> lim = Limits(input_bytes=10)
>>> lim.input_bytes, Limits().page_pixels
(10, 25000000)
>>> render_scale(595, 842, 300, Limits())       # an A4 page renders at 300 dpi
4.166666666666667
>>> round(render_scale(2000, 2000, 300, Limits()) * 72)   # a 2000 pt page: lowered to fit the cap
180
>>> render_scale(5000, 5000, 300, Limits())     # a 5000 pt page would fall under 100 dpi: refused
0.0
"""
from __future__ import annotations

import math
from dataclasses import asdict, dataclass, replace
from typing import Final

MIB: Final = 2 ** 20
MIN_RENDER_DPI: Final = 100     # below this Tesseract reads nothing useful: the page is refused instead


@dataclass(frozen=True)
class Limits:
    input_bytes: int = 64 * MIB
    archive_bytes: int = 4096 * MIB
    page_pixels: int = 25_000_000       # an A3 page at 300 dpi is 17.4 million
    image_pixels: int = 100_000_000     # an A4 scan at 1200 dpi is 140 million: refused
    doc_seconds: float = 600.0

    def to_dict(self) -> dict:
        return asdict(self)


_current = Limits()


def current() -> Limits:
    """The limits in force in this process."""
    return _current


def set_limits(limits: Limits | dict | None = None, **changes) -> Limits:
    """Set the limits of this process (a `Limits`, a dict of its fields, or keyword changes);
    returns the previous ones.  Pillow's decompression-bomb guard follows `image_pixels`."""
    global _current
    old = _current
    new = limits if isinstance(limits, Limits) else Limits(**limits) if isinstance(limits, dict) else _current
    _current = replace(new, **changes) if changes else new
    try:
        from PIL import Image
        # Pillow warns past MAX_IMAGE_PIXELS and raises past twice it: raise at the limit itself.
        Image.MAX_IMAGE_PIXELS = _current.image_pixels // 2
    except ImportError:  # pragma: no cover - Pillow is a dependency
        pass
    return old


def render_scale(width_pt: float, height_pt: float, dpi: float, limits: Limits) -> float:
    """The scale (pixels per point) at which to render a page of `width_pt` x `height_pt`: `dpi/72`,
    lowered so that the page stays within `limits.page_pixels`.  0 when that would go below
    `MIN_RENDER_DPI` (the page must be refused)."""
    scale = dpi / 72
    area = max(width_pt, 1.0) * max(height_pt, 1.0)
    if area * scale * scale > limits.page_pixels:
        scale = math.sqrt(limits.page_pixels / area)
    return scale if scale * 72 >= MIN_RENDER_DPI - 1e-9 else 0.0
