"""Layout of OCR and text-layer words into `RawLine`s: rows of words, split at wide gaps, the two
header columns of page 1 kept apart, two-column runs (Nơi nhận beside the signature block) read
column by column, stamps labelled, and empty lines where a paragraph opens by the layout.

Words are dicts with `text`, `bbox` (x0, y0, x1, y1), `conf` and an optional `line` key (Tesseract's
line).  Split out of `pipeline.ocr.pages`, which re-exports these names.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from ..read import RawLine, RawWord

Box = tuple[float, float, float, float]


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



# -- word clean-up --------------------------------------------------------------------------------

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
