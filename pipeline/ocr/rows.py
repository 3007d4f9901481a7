"""The geometry under the layout of words into lines: boxes, rows of words, segments split at wide
gaps, the gutter between two columns, and dust specks.

Words are dicts with `text`, `bbox` (x0, y0, x1, y1), `conf` and an optional `line` key (Tesseract's
line); a row is a list of words, a segment a run of a row's words between two wide gaps.
"""
from __future__ import annotations

from collections.abc import Iterable
from typing import Any

Box = tuple[float, float, float, float]


def vertical_overlap(a: Box, b: Box) -> float:
    """Vertical overlap of two boxes relative to the smaller height."""
    ov = min(a[3], b[3]) - max(a[1], b[1])
    return ov / max(1.0, min(a[3] - a[1], b[3] - b[1]))


def union(boxes: Iterable[Box]) -> Box:
    """The smallest box holding all `boxes`."""
    bs = list(boxes)
    return (min(b[0] for b in bs), min(b[1] for b in bs), max(b[2] for b in bs), max(b[3] for b in bs))


def median(xs: list[float], default: float = 0.0) -> float:
    """The median of `xs` (`default` when empty)."""
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
        items.append((union(w["bbox"] for w in ws), ws))
    items.sort(key=lambda it: (it[0][1] + it[0][3]) / 2)
    rows: list[tuple[Box, list[dict]]] = []
    for box, ws in items:
        best = None
        for j in range(len(rows) - 1, max(-1, len(rows) - 4), -1):
            rb, rws = rows[j]
            if vertical_overlap(box, rb) > 0.5 and not x_overlaps(ws, rws):
                best = j
                break
        if best is None:
            rows.append((box, list(ws)))
        else:
            rb, rws = rows[best]
            rows[best] = (union([rb, box]), rws + ws)
    out = []
    for _, ws in sorted(rows, key=lambda r: (r[0][1] + r[0][3]) / 2):
        out.append(sorted(ws, key=lambda w: w["bbox"][0]))
    return out


def x_overlaps(a: list[dict], b: list[dict]) -> bool:
    """True when a word of `a` and a word of `b` overlap horizontally (by more than 2 px)."""
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


def seg_box(seg: list[dict]) -> Box:
    """The box of a segment's words."""
    return union(w["bbox"] for w in seg)


def seg_text(seg: list[dict]) -> str:
    """A segment's words joined by spaces."""
    return " ".join(w["text"] for w in seg)


def find_split(rows_segs: list[list[Box]], width: float) -> float | None:
    """x of the gutter between the two header columns, from rows that have two segments."""
    gaps = []
    for segs in rows_segs:
        if len(segs) < 2:
            continue
        # the widest gap near the middle of the page
        best = None
        for a, b in zip(segs, segs[1:], strict=False):
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
    return median([(g[0] + g[1]) / 2 for g in gaps])


def centred(b: Box, width: float, mh: float) -> bool:
    """True for a box centred on the page (within 4% of its width or a text height) and narrower than 60% of it."""
    return abs((b[0] + b[2]) / 2 - width / 2) < max(0.04 * width, mh) and (b[2] - b[0]) < 0.6 * width


def upper_share(seg: list[dict]) -> float:
    """The share of a segment's letters in upper case."""
    letters = [c for w in seg for c in w["text"] if c.isalpha()]
    return sum(c.isupper() for c in letters) / len(letters) if letters else 0.0


def gutter(boxes: list[Box]) -> tuple[float, float]:
    """(end of the left part, start of the right part) of a row: split at its widest gap."""
    bs = sorted(boxes, key=lambda b: b[0])
    g = max(range(1, len(bs)), key=lambda t: bs[t][0] - bs[t - 1][2])
    return max(b[2] for b in bs[:g]), bs[g][0]


def two_column_run(rboxes: list[list[Box]], i: int, width: float, mh: float, k: int | None = None) -> tuple[int, float]:
    """(last row index, x where the right column starts) of a run of rows from row i that read as
    two columns (Nơi nhận beside the signature block): every segment lies left of the right column's
    start or right of the left column's end.  Row k (default i) has two segments and gives the
    gutter.  The last index is i itself when the rows do not form columns (fewer than two rows with
    both columns)."""
    lo, hi = gutter(rboxes[i if k is None else k])
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
            l2, h2 = gutter(nb)
            if h2 - l2 > 2 * mh:
                lo, hi = max(lo, l2), min(hi, h2) if min(hi, h2) > max(lo, l2) + 2 * mh else hi
    ok = multi >= 2 or (multi == 1 and j - i >= 2)
    return (j if ok else i), (lo + hi) / 2



# -- word clean-up --------------------------------------------------------------------------------

def drop_specks(words: list[dict]) -> list[dict]:
    """Words that are dust, not print: boxes tiny in both directions next to the text height
    (Tesseract reads a speck as `-`, `_` or `.`, and a `-` opening a line is a bullet)."""
    hs = [w["bbox"][3] - w["bbox"][1] for w in words if len(w["text"]) > 1]
    mh = median(hs, default=40.0)
    out = []
    for w in words:
        bw, bh = w["bbox"][2] - w["bbox"][0], w["bbox"][3] - w["bbox"][1]
        tiny = bw < 0.15 * mh and bh < 0.15 * mh
        small_unsure = bw < 0.3 * mh and bh < 0.3 * mh and (w.get("conf") or 0) < 0.3
        if tiny or small_unsure:
            continue
        out.append(w)
    return out
