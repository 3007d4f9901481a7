"""Deadlines, values: the handlers that turn a rule's match into normalized values (see `deadlines/stage.py`).

The handlers of dates and periods (`deadlines/handlers.py` maps each rule's `handler` to one): due dates and periods
(ISO dates and intervals, against the reference date: the document's), recurrences (RRULEs:
`FREQ=MONTHLY;BYMONTHDAY=10` ...), relative time limits (ISO durations: `P30D`, resolved to a date
when counted from the document's own date) and ongoing tasks (no value).  A handler may also reject
its match: a date already past, an impossible date, a year bound that is a plan's horizon, a cited
document's date.
"""
from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Callable

from pipeline.deadlines.filters import _PART_END
from pipeline.deadlines.grammar import Date, Grammar, _norm
from pipeline.deadlines.points import Point, _add_months, _point

# --------------------------------------------------------------------------------------------------
# Handlers: (grammar, match, text, ref) -> list of (span | None, value, inferred, resolved, kind | None).
# An empty list rejects the match (a past date, a name, an impossible date).

Out = list[tuple[tuple[int, int] | None, str | None, bool, str | None, str | None]]


def _bounded(g: Grammar, s: str, ref: Date | None) -> tuple[Point, tuple[Date, Date] | None, bool] | None:
    p = _point(g, s)
    if p is None:
        return None
    if p.y is not None:
        return p, p.bounds(p.y), False
    if ref is None:
        return p, None, True
    return p, p.bounds(ref.year), True


_YEAR_SLACK = _dt.timedelta(days=366)


def _past(b: tuple[Date, Date] | None, inferred: bool, ref: Date | None) -> bool:
    """A stated period or date that is over before the document was signed is not a deadline."""
    return b is not None and ref is not None and not inferred and b[1] < ref


def _h_due_date(g, m, text, ref) -> Out:
    out: Out = []
    grp_start = m.start("a")
    for i, dm in enumerate(g.any_date.finditer(text, grp_start, m.end("a"))):
        r = _bounded(g, dm.group(), ref)
        # A cue word makes it a deadline even when already passed (a document may restate an
        # overdue one); only one more than a year before the document is history.
        if r is None or (r[1] is None and ref is not None) or (
                r[1] is not None and ref is not None and not r[2] and r[1][1] < ref - _YEAR_SLACK):
            return []
        span = (m.start(), dm.end()) if i == 0 else (dm.start(), dm.end())
        out.append((span, r[1][1].isoformat() if r[1] else None, r[2], None, None))
    return out


def _one(g, m, text, ref, pick: Callable[[Point, tuple[Date, Date]], str | None], kind=None) -> Out:
    r = _bounded(g, m.group("a"), ref)
    if r is None:
        return []
    p, b, inf = r
    if b is None:
        return [] if ref is not None else [(None, None, True, None, kind)]
    if _past(b, inf, ref):
        return []
    v = pick(p, b)
    return [] if v is None else [(None, v, inf, None, kind)]


def _h_point_end(g, m, text, ref) -> Out:
    out = _one(g, m, text, ref, lambda p, b: b[1].isoformat())
    if out and ref is not None and out[0][1] is not None and int(out[0][1][:4]) >= ref.year + g.horizon_years:
        # A far year bound in the clause of a planning word is the plan's horizon (see the grammar).
        start = m.start()
        part = m.low[max(m.lo, start - 200):start]
        ends = list(_PART_END.finditer(part))
        if ends:
            part = part[ends[-1].end():]
        if g.horizon.search(part):
            return []
        # ... and so is a far year alone (`đến năm 2030`, not a day) in an item that sets no target: it
        # restates the programme's horizon (`nhu cầu vốn từng năm và đến năm 2030`) (see the grammar).
        p = _point(g, m.group("a"))
        if p is not None and p.kind == "year" and not g.target.search(m.low, m.lo, m.hi) and not _heading(m):
            return []
    return out


def _heading(m) -> bool:
    """Is the piece the match lies in a short heading (`Đến năm 2030`, `Phát triển kinh tế số đến năm 2030`):
    no sentence, ten words at most?  It names the period the targets under it are set for."""
    piece = m.low[m.lo:m.hi].strip(" \t\n.:")
    return not re.search(r"[.,;:]\s", piece) and len(piece.split()) <= 10


def _h_before_start(g, m, text, ref) -> Out:
    return _one(g, m, text, ref, lambda p, b: (b[0] - _dt.timedelta(days=1)).isoformat())


def _h_part_of_month(g, m, text, ref) -> Out:
    mid = _norm(m.group("part")) == "giữa"

    def pick(p: Point, b: tuple[Date, Date]) -> str | None:
        if mid:
            return b[0].replace(day=15).isoformat() if p.kind == "month" else None
        return b[1].isoformat()
    return _one(g, m, text, ref, pick)


def _h_period(g, m, text, ref) -> Out:
    if _figures_period(g, m, ref):
        return []
    out = _one(g, m, text, ref, lambda p, b: f"{b[0].isoformat()}/{b[1].isoformat()}")
    # A month or quarter without its year that is over before the document's date tells what happened
    # ("GDP quý I tăng 6,9%", "khách quốc tế trong tháng 3 đạt ..." in an April document).
    if out and ref is not None and out[0][2] and out[0][1] is not None and out[0][1][11:] < ref.isoformat():
        return []
    return out


def _h_row_month(g, m, text, ref) -> Out:
    """A month with its year in a row of a task table (rule row-month): the row's period.  A timetable
    may list work already under way when it was signed (a plan signed in April with a row for March), so
    a month over before the document's date counts too, as a cued date does (`_h_due_date`): only one
    more than a year before it is history."""
    if _figures_period(g, m, ref):
        return []
    r = _bounded(g, m.group("a"), ref)
    if r is None or r[1] is None or (ref is not None and r[1][1] < ref - _YEAR_SLACK):
        return []
    b = r[1]
    return [(None, f"{b[0].isoformat()}/{b[1].isoformat()}", r[2], None, None)]


def _figures_period(g: Grammar, m, ref: Date | None) -> bool:
    """Is a period with no cue word the time some figures cover ("Kết quả 6 tháng đầu năm cho thấy ...",
    "quý I tăng 6,9%"), not a deadline?  A figure word before it in its clause, or a growth verb and a
    number a few words after it.  With a cue ("báo cáo kết quả trong tháng 7", "trong năm 2025 giảm
    5% ...") the period is when the task is due."""
    if m.pm is not None:
        return False
    start = m.start()
    before = m.low[max(m.lo, start - 60):start]
    cut = max(before.rfind(c) for c in ",.;:\n")
    if g.figure_before.search(before, cut + 1):
        return True
    return g.figure_after.match(m.low, m.end(), min(m.hi, m.end() + 40)) is not None


def _h_labelled(g, m, text, ref) -> Out:
    # A single day is a date; a month or a year is a period.
    def pick(p: Point, b: tuple[Date, Date]) -> str | None:
        return b[0].isoformat() if p.kind == "day" else f"{b[0].isoformat()}/{b[1].isoformat()}"
    if m.group("nl") is not None and not text[m.start("a")].isupper():
        return []           # a line break alone sets apart only a capitalised cell ("Tháng 12")
    p = _point(g, m.group("a"))
    return _one(g, m, text, ref, pick, kind="date" if p is not None and p.kind == "day" else "period")


def _h_bare_date(g, m, text, ref) -> Out:
    if ref is None:
        return []
    before = text[max(m.lo, m.start() - 60):m.start()]
    # The date of a cited document: `số 05/CT-TTg ngày ...`, `Kế hoạch 12/KH-UBND ngày ...`.
    if re.search(r"\d+\s*[/-]\s*[A-ZĐ][\w\-/Đđ]*\s*,?\s*$|(?:số|ký hiệu)\s*:?\s*\S*\s*$", before):
        return []
    # "sau ngày 10/10/2025": a point the task starts after, not one it is due by.
    if re.search(r"(?<![\w])sau\s*$", before, re.IGNORECASE):
        return []
    r = _bounded(g, m.group("a"), ref)
    if r is None or r[1] is None or r[1][0] < ref:
        return []
    return [(None, r[1][0].isoformat(), False, None, None)]


def _h_range(g, m, text, ref) -> Out:
    sa, sb = m.group("a") or "nay", m.group("b") or m.group("by")
    pb = _point(g, sb)
    if pb is None:
        return []
    if m.group("a") is not None and m.group("from") is None and not (
            pb.kind == "quarter" and _norm(sa).startswith(("quý", "quí", "quy"))):
        return []           # "15/6 - 20/6" without "từ" may be anything; two quarters are a range
    if _norm(sa) == "nay" and ref is None:
        # from an unknown date: only the end is known (SCHEMA.md: the date X)
        bb = pb.bounds(pb.y) if pb.y is not None else None
        return [(None, bb[1].isoformat() if bb else None, bb is None, None, "date")]
    pa = Point("day", ref.year, m=ref.month, d=ref.day) if _norm(sa) == "nay" else _point(g, sa)
    if pa is None:
        return []
    # "từ nay đến cuối năm": the end's year is the document's (left out).
    inferred = _norm(sa) == "nay" and pb.y is None
    ya, yb = pa.y, pb.y
    if yb is None and ya is None:
        if ref is None:
            return [(None, None, True, None, None)]
        ya = yb = ref.year
        inferred = True
    elif ya is None:
        ya = yb
    elif yb is None:
        yb = ya
    assert ya is not None and yb is not None        # (set by each branch)
    ba, bb = pa.bounds(ya), pb.bounds(yb)
    if ba is None or bb is None:
        return []
    if ba[0] > bb[1]:
        if pa.y is None:          # "từ 15/11 đến 15/1/2025": the start is in the year before
            ba = pa.bounds(ya - 1)
        elif pb.y is None:
            bb = pb.bounds(yb + 1)
        if ba is None or bb is None or ba[0] > bb[1]:
            return []
    if _past((ba[0], bb[1]), inferred, ref):
        return []
    return [(None, f"{ba[0].isoformat()}/{bb[1].isoformat()}", inferred, None, None)]


def _labelled(g: Grammar, m) -> bool:
    """Does a time label (`Thời gian thực hiện:`, `Thời hạn:`) stand right before the phrase?"""
    before = m.low[max(m.lo, m.start() - 40):m.start()].rstrip()
    return before.endswith(":") and g.time_columns.search(before) is not None


def _uncued_open_from(m) -> bool:
    """Without "từ", only "... và các năm tiếp theo" opens a period ("Quý III năm 2026 và các năm tiếp theo"):
    an open start with neither finds nothing (`_h_open_from`, and `handlers.REJECTS`)."""
    return m.pm is None and not (m.group("on") and _norm(m.group("on")).startswith("và"))


def _h_open_from(g, m, text, ref) -> Out:
    s = m.group("a")
    if _uncued_open_from(m):
        return []
    r = _bounded(g, s, ref)
    if r is None:
        return []
    p, b, inf = r
    if b is None:
        return []
    # "từ năm 2010 trở đi" in a 2024 document describes the past, and so does a start already over when the
    # document was signed ("mô hình ... vận hành từ ngày 01/7/2025" in a November 2025 notice): since when
    # something holds, not when a task is due.
    # (A time label before it, "Thời gian thực hiện: Từ tháng 10/2025 đến khi ...", makes it the task's own.)
    if ref is not None and not inf and (b[0].year < ref.year - 1 or (b[1] < ref and not _labelled(g, m))):
        return []
    return [(None, f"{b[0].isoformat()}/..", inf, None, None)]


def _h_this_year(g, m, text, ref) -> Out:
    if ref is None:
        return [(None, None, True, None, None)]
    return [(None, f"{ref.year}-01-01/{ref.year}-12-31", True, None, None)]


def _h_year_end(g, m, text, ref) -> Out:
    if ref is None:
        return [(None, None, True, None, None)]
    return [(None, f"{ref.year}-12-31", True, None, None)]


def _h_stage(g, m, text, ref) -> Out:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < y1 or (ref is not None and y2 < ref.year):
        return []
    return [(None, f"{y1}-01-01/{y2}-12-31", False, None, None)]


def _h_year_span(g, m, text, ref) -> Out:
    if _norm(m.group("sep")) in (",", "và") and int(m.group("y2")) != int(m.group("y1")) + 1:
        return []           # "các năm 2024, 2026": years apart, no span
    return _h_stage(g, m, text, ref)


def _h_year_cell(g, m, text, ref) -> Out:
    # A span of years in a cell of a document of unknown date may be anything (a table of past terms), and a
    # single year alone in a cell a figure: only after a time label ("Thời gian: 2026") or in a cell of a row's
    # time column (`Thời gian thực hiện` | `2026`: the row's period, SCHEMA.md).
    labelled = m.time_cell or ":" in (m.pm.group(0) if m.pm is not None else "")
    y1 = int(m.group("y1"))
    y2 = int(m.group("y2")) if m.group("y2") else None
    if not labelled and (ref is None or y2 is None):
        return []
    y2 = y1 if y2 is None else y2
    if y2 < y1 or (ref is not None and y2 < ref.year):
        return []
    return [(None, f"{y1}-01-01/{y2}-12-31", False, None, None)]


def _h_month_span(g, m, text, ref) -> Out:
    m1, m2, y = int(m.group("m1")), int(m.group("m2")), int(m.group("y"))
    if not 1 <= m1 < m2 <= 12 or _figures_period(g, m, ref):
        return []
    months = [m1, *map(int, re.findall(r"\d{1,2}", m.group("mid") or "")), m2]
    if (m.group("dash") is None or len(months) > 2) and m.group("cue") is None:
        return []                 # a list in running text: when something else happened
    if m.group("gap") and not any(c in m.group("cue") for c in ":\n|"):
        return []                 # a lost dash (`Tháng 11 12/2025`) only after a label or at a line's or cell's start
    if (m.group("dash") is None or len(months) > 2) and any(
            b != a + 1 for a, b in zip(months[:-1], months[1:], strict=True)):
        return []                 # a list of months apart is no stretch
    end = _add_months(_dt.date(y, m2, 1), 1) - _dt.timedelta(days=1)
    if ref is not None and end < ref:
        return []
    return [(None, f"{y}-{m1:02d}-01/{end.isoformat()}", False, None, None)]


def _h_stage_open(g, m, text, ref) -> Out:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < y1 or (ref is not None and y2 < ref.year):
        return []
    return [(None, f"{y1}-01-01/..", False, None, None)]


# The months of each quarter at one place in it: "tháng cuối quý" = March, June, September, December.


def _h_day_span(g, m, text, ref) -> Out:
    if m.group("dd") is None and m.group("from") is None:
        return []                 # "01-15/12/2025" with neither `ngày` nor `từ`: a code, a count
    mo_s, y_s = (m.group("mo"), m.group("y")) if m.group("mo") else (m.group("mow"), m.group("yw"))
    d1, d2, mo = int(m.group("d1")), int(m.group("d2")), int(mo_s)
    inferred = y_s is None
    y = (ref.year if ref is not None else None) if inferred else int(y_s)
    if y is None or not 1 <= mo <= 12 or not 1 <= d1 < d2:
        return []
    try:
        a, b = _dt.date(y, mo, d1), _dt.date(y, mo, d2)
    except ValueError:
        return []
    if _past((a, b), inferred, ref):
        return []
    return [(None, f"{a.isoformat()}/{b.isoformat()}", inferred, None, None)]
