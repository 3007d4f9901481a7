"""Layout of OCR and text-layer words into `RawLine`s: rows of words, split at wide gaps, the two
header columns of page 1 kept apart, two-column runs (Nơi nhận beside the signature block) read
column by column, stamps labelled, and empty lines where a paragraph opens by the layout.

Words are dicts with `text`, `bbox` (x0, y0, x1, y1), `conf` and an optional `line` key (Tesseract's
line); the geometry under the layout (rows, segments, gutters) is `pipeline.ocr.rows`.  The phases
of `layout_lines`: the header band of page 1 (`_header_end`, `_band_end`, `_header_lines`), then the
body (`_body_lines`), then stamps spread to the lines inside their box (`_spread_stamps`).
"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache

from .. import regexes
from ..read import RawLine, RawWord
from ..resources import model_text
from .rows import (  # noqa: F401 - Box, drop_specks, group_rows and split_row are re-exported
    Box,
    centred,
    drop_specks,
    find_split,
    group_rows,
    median,
    seg_box,
    seg_text,
    split_row,
    two_column_run,
    union,
    upper_share,
)

# -- stamps -----------------------------------------------------------------------------------------

@cache
def stamp_patterns() -> list[re.Pattern]:
    """The patterns of a stamp's text: models/ocr.toml `[stamps]`."""
    return [regexes.compile(p) for p in tomllib.loads(model_text("ocr.toml"))["stamps"]["patterns"]]



def is_stamp_text(text: str) -> bool:
    """True for the text of a stamp (`ĐẾN`, `HỎA TỐC`, `SAO Y`, the e-gazette received box)."""
    return any(r.search(text) for r in stamp_patterns())


DATE_RE = regexes.compile(r"ng[àa]y\W{0,3}\S{0,4}\W{0,3}th[áa]ng\W{0,3}\S{0,4}\W{0,3}n[ăa]m\s*\S{2,6}", re.I)
NUMBER_RE = regexes.compile(r"^\s*S[ốỐoô]\s*:?", re.I)


# -- layout: words -> lines -----------------------------------------------------------------------

@dataclass
class _Rows:
    """A page's rows: each row's segments and their boxes, the page size and the median text height."""
    segs: list[list[list[dict]]]
    boxes: list[list[Box]]
    width: float
    height: float
    mh: float


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
    mh = median([w["bbox"][3] - w["bbox"][1] for w in words if len(w["text"]) > 1], default=20.0)
    rsegs = [split_row(r, gap_factor * mh) for r in group_rows(words)]
    page = _Rows(rsegs, [[seg_box(s) for s in segs] for segs in rsegs], width, height, mh)
    out: list[RawLine] = []
    start = 0
    header_end = _header_end(page) if first_page else -1
    if header_end >= 0:
        start, header = _header_lines(page, header_end)
        out.extend(header)
    _body_lines(page, start, out, paragraph_breaks)
    _spread_stamps(out, width, mh)
    return out


def _line(seg: list[dict], column: str | None) -> RawLine:
    text = seg_text(seg)
    style = {"stamp"} if is_stamp_text(text) else set()
    return RawLine(text=text, bbox=seg_box(seg),
                   words=[RawWord(w["text"], tuple(float(v) for v in w["bbox"]), w.get("conf")) for w in seg],
                   style=frozenset(style), column=column)


def _header_end(p: _Rows) -> int:
    """The last row of page 1's header band: the place/date row, or the row over a title (tên loại)
    under a header without a readable date, or (no date) the row over the first one that crosses
    the columns' gutter; -1 when there is no header band."""
    limit = 0.45 * p.height
    for i, segs in enumerate(p.segs):
        if p.boxes[i][0][1] > limit:
            break
        if any(DATE_RE.search(seg_text(s)) and b[0] > 0.3 * p.width for s, b in zip(segs, p.boxes[i], strict=True)):
            return i
        if i >= 2 and len(segs) == 1 and centred(p.boxes[i][0], p.width, p.mh) and upper_share(segs[0]) > 0.7 \
                and any(len(r) >= 2 for r in p.boxes[:i]):
            return i - 1   # the title (tên loại) under a header without a readable date
    # no date: the rows before the first one centred on the page that crosses the gutter
    split0 = find_split(p.boxes[: max(1, sum(1 for b in p.boxes if b[0][1] < limit))], p.width)
    if split0 is not None:
        for i, boxes in enumerate(p.boxes):
            if boxes[0][1] > limit:
                break
            if any(b[0] < split0 - p.mh and b[2] > split0 + p.mh for b in boxes):
                return i - 1
    return -1


def _band_end(p: _Rows, header_end: int, split: float) -> int:
    """The row after the header band: the band goes on past the date row with rows left of the
    gutter, V/v lines (công văn) and the rest of a left column longer than the right one (a long
    issuer name above `Số`), whose lines are centred on the left column like those above them."""
    mh = p.mh
    lcs = [(b[0] + b[2]) / 2 for i in range(0, header_end + 1) for b in p.boxes[i] if b[2] <= split + mh * 0.5]
    left_centre = median(lcs) if lcs else None
    j = header_end + 1
    in_vv = False
    while j < len(p.segs) and j <= header_end + 10:
        left_only = all(b[2] <= split + mh for b in p.boxes[j])
        close = p.boxes[j][0][1] - max(b[3] for b in p.boxes[j - 1]) < 1.5 * mh
        rb = union(p.boxes[j])
        centred_left = left_centre is not None and abs((rb[0] + rb[2]) / 2 - left_centre) < 1.5 * mh
        if left_only and (_is_vv(p.segs[j]) or (in_vv and close)):
            in_vv = True
            j += 1
            continue
        if left_only and close and centred_left and not in_vv:
            j += 1
            continue
        break
    return j


def _header_lines(p: _Rows, header_end: int) -> tuple[int, list[RawLine]]:
    """(the first row after the band, the band's lines): the left column's lines, then the right
    column's, then its stamps; a segment across the gutter is split by its words' centres."""
    split = find_split([p.boxes[i] for i in range(0, header_end + 1)], p.width)
    if split is None:
        split = p.width / 2
    j = _band_end(p, header_end, split)
    left: list[RawLine] = []
    right: list[RawLine] = []
    other: list[RawLine] = []
    for i in range(0, j):
        for s, b in zip(p.segs[i], p.boxes[i], strict=True):
            ln = _line(s, None)
            if "stamp" in ln.style:
                other.append(ln)
            elif b[2] <= split + p.mh * 0.5:
                ln.column = "left"
                left.append(ln)
            elif b[0] >= split - p.mh * 0.5:
                ln.column = "right"
                right.append(ln)
            else:
                # crosses the gutter: split its words by their centre
                lw = [w for w in s if (w["bbox"][0] + w["bbox"][2]) / 2 < split]
                rw = [w for w in s if (w["bbox"][0] + w["bbox"][2]) / 2 >= split]
                if lw:
                    left.append(_line(lw, "left"))
                if rw:
                    right.append(_line(rw, "right"))
    return j, left + right + other


def _body_margin(p: _Rows, start: int, paragraph_breaks: bool) -> float | None:
    """The body's left edge (from full-width rows), for first-line indents; None without
    `paragraph_breaks` or when the page gives none."""
    fulls = sorted(b[0][0] for b in p.boxes[start:] if len(b) == 1 and b[0][2] - b[0][0] > 0.6 * p.width)
    margin = median(fulls[: max(1, len(fulls) // 2)]) if len(fulls) >= 3 and paragraph_breaks else None
    if margin is None and paragraph_breaks and 1.38 < p.height / max(p.width, 1.0) < 1.45:
        # a page with few full rows (the signature page): the left margin of an A4 page, 30 mm
        # (Nghị định 30/2020, Phụ lục I: 30-35 mm)
        margin = p.width * 30.0 / 210.0
    return margin


def _opens_paragraph(p: _Rows, prev_box: Box, b: Box, margin: float) -> bool:
    """True when a one-segment row `b` under the one-segment row `prev_box` opens a paragraph by the
    layout: a first-line indent (1.2 to 4 text heights right of the margin), or the first row under
    a centred one (the title), unless the title goes on over this row."""
    mh, width = p.mh, p.width
    indented = 1.2 * mh <= b[0] - margin <= 4 * mh
    # a title broken over rows: the next row is centred on the same axis (maybe wider)
    same_axis = abs((prev_box[0] + prev_box[2]) / 2 - (b[0] + b[2]) / 2) < 1.5 * mh and b[0] > margin + 1.5 * mh
    title_goes_on = centred(prev_box, width, mh) and (centred(b, width, mh) or same_axis)
    under_centred = centred(prev_box, width, mh) and not title_goes_on
    return (indented or under_centred) and not title_goes_on


def _body_lines(p: _Rows, start: int, out: list[RawLine], paragraph_breaks: bool) -> None:
    """Append the rows from `start` to `out` in order; runs of two-column rows read column by column.

    OCR has no blank lines, and normalization joins a line to the one above unless something says
    otherwise, so a row that opens a paragraph by the layout (`_opens_paragraph`) gets an empty
    line before it."""
    margin = _body_margin(p, start, paragraph_breaks)
    prev_box: Box | None = None
    i = start
    while i < len(p.segs):
        # a two-column run starts at a row with two segments, or one or two rows before it
        k = next((k for k in range(i, min(i + 3, len(p.segs))) if len(p.segs[k]) >= 2), None)
        if k is not None:
            run_end, rx = two_column_run(p.boxes, i, p.width, p.mh, k)
            if run_end > i:
                left, right = [], []
                for r in range(i, run_end + 1):
                    for s, b in zip(p.segs[r], p.boxes[r], strict=True):
                        (right if (b[0] + b[2]) / 2 >= rx else left).append(_line(s, None))
                out.extend(left + right)
                i = run_end + 1
                prev_box = None
                continue
        if len(p.segs[i]) == 1 and margin is not None and prev_box is not None and out and out[-1].text \
                and not _LONE_MARKER.match(out[-1].text) and _opens_paragraph(p, prev_box, p.boxes[i][0], margin):
            out.append(RawLine(text=""))
        for s in p.segs[i]:
            out.append(_line(s, None))
        prev_box = p.boxes[i][0] if len(p.segs[i]) == 1 else None
        i += 1


_LONE_MARKER = regexes.compile(r"^\W{0,2}(?:[0-9IVXLC]{1,4}|[a-zđ])\W{0,2}$")   # "2." alone: its text follows


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




def _is_vv(segs: list[list[dict]]) -> bool:
    return bool(segs) and bool(re.match(r"^\W*(V/v|về việc)", seg_text(segs[0]), re.I))
