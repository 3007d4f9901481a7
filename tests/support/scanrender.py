"""Render text into a realistic scanned page, to measure OCR on documents whose truth is known.

`render_scan(text)` lays a document out like a Vietnamese official document on A4 at 300 dpi: the
two-column header (issuer and number on the left, national motto and place/date on the right),
a centred title, the body wrapped in Times-like serif type (Liberation Serif 2, Debian package
`fonts-liberation2`; DejaVu Serif from `fonts-dejavu-core` as fallback), then a signature block with a
pen scribble and a red round seal; a red urgency stamp (`HỎA TỐC`) can be added at the top left.
Then it ages the page: slight skew, blur, noise, specks, paper tone.

A text that opens with an electronic-signature block (`Người ký: ...`, `Thời gian ký: ...`) gets it
printed in blue in a box at the top right of page 1, as signed PDFs show it (`split_esign`).

`render_scan_with_truth` also returns the text drawn on each page, in the reading order the OCR
reader produces (left header column, right header column, then the rest top to bottom), stamps
and signatures left out: the truth that the OCR output is compared with.
"""
from __future__ import annotations

import math
import os
import random
import re
from dataclasses import dataclass

from PIL import Image, ImageDraw, ImageFilter, ImageFont

DPI = 300
PAGE_W, PAGE_H = 2480, 3508                       # A4 at 300 dpi
MARGIN_L, MARGIN_R, MARGIN_T, MARGIN_B = 354, 236, 236, 236   # 30/20/20/20 mm

# Liberation 2 (Debian `fonts-liberation2`) has the Vietnamese letters; Liberation 1.x
# (`fonts-liberation`) does not, so it is not looked for.
FONT_DIRS = ["/usr/share/fonts/truetype/liberation2", "/usr/share/fonts/truetype/dejavu",
             "/usr/share/fonts/TTF", "/usr/share/fonts/dejavu", "/Library/Fonts"]
FONT_FILES = {
    "regular": ["LiberationSerif-Regular.ttf", "DejaVuSerif.ttf"],
    "bold": ["LiberationSerif-Bold.ttf", "DejaVuSerif-Bold.ttf"],
    "italic": ["LiberationSerif-Italic.ttf", "DejaVuSerif-Italic.ttf"],
}


def find_font(style: str = "regular") -> str:
    """Path of a serif font with Vietnamese glyphs (apt: fonts-liberation2, or fonts-dejavu-core)."""
    for name in FONT_FILES[style]:
        for d in FONT_DIRS:
            p = os.path.join(d, name)
            if os.path.exists(p):
                return p
    raise FileNotFoundError("no serif font with Vietnamese glyphs: apt-get install fonts-liberation2 "
                            "(or fonts-dejavu-core)")


_FONTS: dict[tuple[str, int], ImageFont.FreeTypeFont] = {}


def _font(style: str, pt: float) -> ImageFont.FreeTypeFont:
    px = round(pt * DPI / 72)
    k = (style, px)
    if k not in _FONTS:
        _FONTS[k] = ImageFont.truetype(find_font(style), px)
    return _FONTS[k]


RIGHT_RE = re.compile(r"^(CỘNG HÒA|CỘNG HOÀ|ĐẢNG CỘNG SẢN|Độc lập|ĐOÀN TNCS|MẶT TRẬN)|,\s*ngày\b", re.I)
_DATE_LINE = re.compile(r",\s*ngày\s+\S+\s+tháng")
# Where a header line flattened from two columns splits (a web copy writes `BỘ TƯ PHÁP ----- CỘNG HÒA
# XÃ HỘI ...` or `Số: 82/NQ-CP Hà Nội, ngày ...` on one line): at rules, before the motto, before
# `V/v`, before the place of the place-and-date, and after the date's year.
_RULE = re.compile(r"\s*[-_—–=]{3,}\s*")
_SPLIT_BEFORE = re.compile(r"\s+(?=CỘNG\s+H[OÒ][AÀ]\s+XÃ|ĐẢNG\s+CỘNG\s+SẢN|Độc\s+lập\s*[-–]|ĐOÀN\s+TNCS|V/v\b)")
_CAPS_TAIL = re.compile(r"(?<=\.)\s+(?=[A-ZÀ-ỸĐ]{2,}(?:\s+[A-ZÀ-ỸĐ&-]+)+\s*$)")   # "... ban hành. ISSUER"
_PLACE_DATE = re.compile(r"(?<!\S)(?:(?:Thành phố|TP\.|Tp\.)\s*)?(?:[A-ZÀ-ỸĐ][a-zà-ỹđ]+\s+){0,3}[A-ZÀ-ỸĐ][a-zà-ỹđ]+\s*,"
                         r"\s*ngày\s+\S+\s+tháng\s+\S+\s+năm\s+\d{4}")


def _pieces(line: str) -> list[str]:
    """A header line cut where a flattened two-column header joined its parts (see `_RULE`...)."""
    out = []
    for part in _RULE.split(line):
        part = part.strip()
        if not part:
            continue
        m = _PLACE_DATE.search(part)
        if m and m.start() > 0:
            segs = [part[:m.start()], part[m.start():m.end()], part[m.end():]]
        elif m:
            segs = [part[:m.end()], part[m.end():]]
        else:
            segs = [part]
        for seg in segs:
            for x in _SPLIT_BEFORE.split(seg):
                out += [y.strip() for y in _CAPS_TAIL.split(x) if y.strip()]
    return out


_ESIGN = re.compile(r"^(?:Người\s+ký|Ký\s+bởi|Email|Cơ\s+quan|Ngày\s+ký)\s*:|Thời\s+gian\s+ký\s*:", re.I)


def split_esign(text: str) -> tuple[list[str], str]:
    """(lines of an electronic-signature block that opens the text, the rest of the text).  Such a
    block (`Người ký: ...`, `Email: ...`, `Cơ quan: ...`, `Thời gian ký: ...`, with the short debris
    an earlier OCR left between them) is printed in blue in a box at the top right of a signed PDF,
    not in the header."""
    lines = text.strip().splitlines()
    k, found = 0, False
    while k < len(lines):
        ln = lines[k].strip()
        if _ESIGN.search(ln):
            found = True
        elif ln and len(ln) > 6:
            break
        k += 1
    if not found:
        return [], text
    return [ln.strip() for ln in lines[:k] if ln.strip()], "\n".join(lines[k:])


def _esign_box(img: Image.Image, lines: list[str]) -> None:
    """The blue e-signature box at the top right of page 1 (removed by colour before OCR)."""
    f = _font("regular", 8)
    lh = round(8 * DPI / 72 * 1.25)
    w = int(max(f.getlength(ln) for ln in lines)) + 40
    x0 = PAGE_W - MARGIN_R - w
    y0 = max(20, MARGIN_T - 30 - lh * len(lines) - 20)
    d = ImageDraw.Draw(img)
    blue = (35, 70, 190)
    d.rectangle((x0, y0, x0 + w, y0 + lh * len(lines) + 20), outline=blue, width=3)
    for k, ln in enumerate(lines):
        d.text((x0 + 20, y0 + 10 + k * lh), ln, font=f, fill=blue)


def split_header(text: str) -> tuple[list[str], list[str], list[str]]:
    """(left header lines, right header lines, body lines): header lines are the first lines of the
    text up to the place/date line; motto and date go right, issuer and number left.  Lines of a
    header flattened from its two columns are cut apart first (`_pieces`); what follows the date on
    its line (`Kính gửi: ...`, the title) starts the body.  A date broken over two lines
    (`Cần Thơ, ngày 18` / `tháng 11 năm 2025`) is joined."""
    lines = [ln.strip() for ln in text.strip().splitlines()]
    end = -1
    for i, ln in enumerate(lines[:25]):
        if _DATE_LINE.search(ln):
            end = i
            break
        if i + 1 < len(lines) and re.search(r",\s*ngày(?:\s+\S+)?$", ln) and \
                _DATE_LINE.search(ln + " " + lines[i + 1]):
            lines[i:i + 2] = [ln + " " + lines[i + 1], ""]
            end = i
            break
    if end < 0:
        return [], [], [ln for ln in lines]
    left, right, rest = [], [], []
    for ln in lines[: end + 1]:
        if not ln:
            continue
        pieces = _pieces(ln)
        for k, pc in enumerate(pieces):
            if not any(c.isalnum() for c in pc):
                continue
            if rest:
                rest.append(pc)
            elif right and re.match(r"CỘNG H[OÒ][AÀ]", right[-1]) and "NAM" not in right[-1] and pc.isupper():
                right[-1] += " " + pc          # the motto broken over two lines
            elif RIGHT_RE.search(pc):
                right.append(pc)
                if _PLACE_DATE.search(pc) and ln is lines[end]:
                    rest = [" ".join(pieces[k + 1:])] if pieces[k + 1:] else []
                    break
            else:
                left.append(pc)
    return left, right, [r for r in rest if r] + lines[end + 1:]


@dataclass
class _Item:
    text: str
    x: int
    y: int
    font: ImageFont.FreeTypeFont
    truth: bool = True
    col: str | None = None


def _wrap(text: str, font: ImageFont.FreeTypeFont, width: int, indent: int = 0) -> list[str]:
    words = text.split()
    out: list[str] = []
    cur = ""
    first = True
    for w in words:
        t = (cur + " " + w) if cur else w
        lim = width - (indent if first else 0)
        if cur and font.getlength(t) > lim:
            out.append(cur)
            cur = w
            first = False
        else:
            cur = t
    if cur:
        out.append(cur)
    return out


def _layout(left: list[str], right: list[str], body: list[str], *, pt: float = 13.0) -> list[list[_Item]]:
    reg, bold, _ = _font("regular", pt), _font("bold", pt), _font("italic", pt)
    hreg, hbold, hital = _font("regular", pt - 1), _font("bold", pt - 1), _font("italic", pt - 1)
    lh = round(pt * DPI / 72 * 1.3)
    pages: list[list[_Item]] = [[]]
    y = MARGIN_T
    if left or right:
        lx_c = MARGIN_L + 370                        # centre of the left column
        rx_c = MARGIN_L + 1330                       # centre of the right column
        ly = ry = y
        for ln0 in left:
            f = hbold if ln0.isupper() and not ln0.startswith("Số") else hreg
            for ln in _wrap(ln0, f, 740):
                pages[0].append(_Item(ln, round(lx_c - f.getlength(ln) / 2), ly, f, col="left"))
                ly += lh
        for ln0 in right:
            f = hital if re.search(r",\s*ngày", ln0) else hbold
            for ln in _wrap(ln0, f, 1100):
                pages[0].append(_Item(ln, round(rx_c - f.getlength(ln) / 2), ry, f, col="right"))
                ry += lh
        y = max(ly, ry) + lh
    width = PAGE_W - MARGIN_L - MARGIN_R
    title_zone = bool(left or right)
    for para in body:
        para = para.strip()
        if not para:
            continue
        centred = title_zone and (para.isupper() or len(pages) == 1 and len(pages[0]) < 12 and len(para) < 120
                                  and not para.endswith((".", ";", ":")))
        if not centred:
            title_zone = False
        f = bold if centred else reg
        rows = _wrap(para, f, width, 0 if centred else 90)
        for k, row in enumerate(rows):
            if y + lh > PAGE_H - MARGIN_B:
                pages.append([])
                y = MARGIN_T
            if centred:
                x = round(MARGIN_L + (width - f.getlength(row)) / 2)
            else:
                x = MARGIN_L + (90 if k == 0 else 0)
            pages[-1].append(_Item(row, x, y, f))
            y += lh
        y += lh // 5
    pages[-1].append(_Item("", 0, y, reg, truth=False))   # end marker (for the signature)
    return pages


def _red_seal(img: Image.Image, cx: int, cy: int, r: int, rng: random.Random, text: str = "ỦY BAN NHÂN DÂN") -> None:
    layer = Image.new("RGBA", img.size, (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (200 + rng.randint(0, 40), 20 + rng.randint(0, 30), 30 + rng.randint(0, 30), 200)
    d.ellipse((cx - r, cy - r, cx + r, cy + r), outline=red, width=14)
    d.ellipse((cx - r + 40, cy - r + 40, cx + r - 40, cy + r - 40), outline=red, width=6)
    # star in the middle
    pts = []
    for k in range(10):
        a = -math.pi / 2 + k * math.pi / 5
        rr = 70 if k % 2 == 0 else 28
        pts.append((cx + rr * math.cos(a), cy + rr * math.sin(a)))
    d.polygon(pts, fill=red)
    f = _font("bold", 11)
    n = len(text)
    for k, ch in enumerate(text):
        a = math.pi * (1.15 + 0.7 * k / max(1, n - 1))
        x, y = cx + (r - 75) * math.cos(a), cy + (r - 75) * math.sin(a)
        d.text((x, y), ch, font=f, fill=red, anchor="mm")
    _multiply(img, layer, (0, 0))


def _multiply(img: Image.Image, layer: Image.Image, at: tuple[int, int]) -> None:
    """Print an RGBA ink layer onto the page as ink does: colours multiply, so black text under a
    seal stays black (what the scanner sees), and the seal shows on white paper."""
    from PIL import ImageChops

    x, y = at
    box = (x, y, x + layer.width, y + layer.height)
    region = img.crop(box)
    white = Image.new("RGB", layer.size, (255, 255, 255))
    ink = Image.composite(layer.convert("RGB"), white, layer.split()[3])
    img.paste(ImageChops.multiply(region, ink), box)


def _scribble(img: Image.Image, x: int, y: int, rng: random.Random) -> None:
    d = ImageDraw.Draw(img)
    blue = (20, 40, 150)
    px, py = x, y
    for _ in range(40):
        nx = px + rng.randint(-30, 60)
        ny = y + rng.randint(-60, 60)
        d.line((px, py, nx, ny), fill=blue, width=5)
        px, py = nx, ny


def _urgent_stamp(img: Image.Image, rng: random.Random, text: str = "HỎA TỐC") -> None:
    f = _font("bold", 22)
    w = int(f.getlength(text)) + 80
    layer = Image.new("RGBA", (w, 200), (0, 0, 0, 0))
    d = ImageDraw.Draw(layer)
    red = (210, 30, 40, 210)
    d.rectangle((5, 5, w - 5, 195), outline=red, width=10)
    d.text((w // 2, 100), text, font=f, fill=red, anchor="mm")
    layer = layer.rotate(rng.uniform(8, 20), expand=True)
    _multiply(img, layer, (MARGIN_L - 150 + rng.randint(0, 60), 560 + rng.randint(0, 80)))


def render_scan_with_truth(text: str, *, seed: int = 0, skew_deg: float | None = None, blur: float = 0.8,
                           noise: float = 10.0, stamp: bool = True, header: tuple[list[str], list[str]] | None = None,
                           max_pages: int | None = None, pt: float = 13.0,
                           signature: tuple[str, ...] | None = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH"),
                           ) -> tuple[list[Image.Image], list[str]]:
    """Render `text` as scanned pages; returns (page images, truth text of each page).

    `header`: (left lines, right lines) of the two-column header; default: taken from the first
    lines of `text` (`split_header`).  `skew_deg`: rotation of the sheet (default: random within
    ±1°).  `blur`: Gaussian blur radius in pixels.  `noise`: std of the pixel noise (0-255 scale).
    `stamp`: add the red round seal, the red `HỎA TỐC` stamp and the pen signature.
    `signature`: the lines of the signature block printed above the seal (default a generic
    `TM. ỦY BAN NHÂN DÂN / CHỦ TỊCH`); `()` prints none, for a text that ends with its own
    signature block (then the seal and the pen scribble fall just under the text).
    """
    rng = random.Random(seed)
    esign: list[str] = []
    if header is None:
        esign, text = split_esign(text)
        left, right, body = split_header(text)
    else:
        left, right = list(header[0]), list(header[1])
        body = text.strip().splitlines()
    pages = _layout(left, right, body, pt=pt)
    if max_pages:
        pages = pages[:max_pages]
    if skew_deg is None:
        skew_deg = rng.uniform(-1.0, 1.0)
    images, truths = [], []
    for pi, items in enumerate(pages):
        img = Image.new("RGB", (PAGE_W, PAGE_H), (255, 255, 255))
        d = ImageDraw.Draw(img)
        for it in items:
            if it.text:
                d.text((it.x, it.y), it.text, font=it.font, fill=(15, 15, 15))
        if pi == 0 and (left or right):
            # the short rules under the issuer and the motto
            lx = MARGIN_L + 370
            ly = MARGIN_T + len(left[:2]) * round(pt * DPI / 72 * 1.3) + 4
            d.line((lx - 120, ly, lx + 120, ly), fill=(15, 15, 15), width=3)
        if pi == 0 and esign:
            _esign_box(img, esign)
        if stamp and pi == 0:
            _urgent_stamp(img, rng)
        if stamp and pi == len(pages) - 1:
            end_y = items[-1].y
            sy = min(end_y + 120, PAGE_H - 700)
            sx = MARGIN_L + 1250
            sig = list(signature or ())
            if not sig:
                sy = max(MARGIN_T, min(end_y - 120, PAGE_H - 700))
            for k, ln in enumerate(sig):
                f = _font("bold", pt)
                d.text((sx + 250 - f.getlength(ln) / 2, sy + k * 70), ln, font=f, fill=(15, 15, 15))
            _scribble(img, sx + 100, sy + 300, rng)
            _red_seal(img, sx + 120, sy + 260, 230, rng)
            items = items + [_Item(ln, sx, sy + k * 70, _font("bold", pt)) for k, ln in enumerate(sig)]
        img = _age(img, rng, skew_deg, blur, noise)
        images.append(img)
        order = [it for it in items if it.col == "left"] + [it for it in items if it.col == "right"] + \
            [it for it in items if it.col is None]
        truths.append("\n".join(it.text for it in order if it.truth and it.text))
    return images, truths


def render_scan(text: str, *, seed: int = 0, skew_deg: float | None = None, blur: float = 0.8, noise: float = 10.0,
                stamp: bool = True, header: tuple[list[str], list[str]] | None = None,
                max_pages: int | None = None,
                signature: tuple[str, ...] | None = ("TM. ỦY BAN NHÂN DÂN", "CHỦ TỊCH")) -> list[Image.Image]:
    """Render `text` into scanned page images (see `render_scan_with_truth`)."""
    return render_scan_with_truth(text, seed=seed, skew_deg=skew_deg, blur=blur, noise=noise, stamp=stamp,
                                  header=header, max_pages=max_pages, signature=signature)[0]


def _age(img: Image.Image, rng: random.Random, skew_deg: float, blur: float, noise: float) -> Image.Image:
    import numpy as np

    if skew_deg:
        img = img.rotate(skew_deg, resample=Image.BICUBIC, fillcolor=(255, 255, 255))
    if blur:
        img = img.filter(ImageFilter.GaussianBlur(blur))
    a = np.asarray(img).astype(np.float32)
    nr = np.random.default_rng(rng.randint(0, 2**31))
    a *= np.array([0.97, 0.96, 0.93], dtype=np.float32)            # paper tone
    if noise:
        a += nr.normal(0, noise, a.shape[:2])[..., None]
        n = int(a.shape[0] * a.shape[1] * 0.0004)                  # dust specks
        ys, xs = nr.integers(0, a.shape[0], n), nr.integers(0, a.shape[1], n)
        a[ys, xs] = nr.uniform(0, 90, (n, 1))
    return Image.fromarray(np.clip(a, 0, 255).astype(np.uint8))
