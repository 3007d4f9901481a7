"""Deadlines, points in time: a matched fragment ("15/6/2024", "tháng 6", "quý II năm 2025", "năm
2025", "6 tháng đầu năm") parsed into its type and fields (`Point`), and bounded by a year (its first
and last day).  Used by the handlers (`deadlines/values.py`) to turn phrases into dates and periods.
"""
from __future__ import annotations

import calendar
import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any

from pipeline.deadlines.grammar import Date, Grammar, _norm


def parse_ref(ref: Any) -> Date | None:
    """A reference date (the document's: a date, a datetime or an ISO string) as a date; None if none."""
    if ref is None or isinstance(ref, Date) and not isinstance(ref, _dt.datetime):
        return ref
    if isinstance(ref, _dt.datetime):
        return ref.date()
    try:
        return Date.fromisoformat(str(ref)[:10])
    except ValueError:
        return None


# --------------------------------------------------------------------------------------------------
# Points in time: parse a matched fragment into its type and fields, then bound it by a year.

@dataclass
class Point:
    kind: str                 # day | month | quarter | year | half | now
    y: int | None
    m: int = 1
    d: int = 1
    q: tuple[int, ...] = ()
    first_half: bool = True
    months: int = 6

    def bounds(self, year: int) -> tuple[Date, Date] | None:
        try:
            if self.kind == "day":
                x = Date(year, self.m, self.d)
                return x, x
            if self.kind == "month":
                return Date(year, self.m, 1), Date(year, self.m, calendar.monthrange(year, self.m)[1])
            if self.kind == "quarter":
                lo, hi = min(self.q), max(self.q)
                em = hi * 3
                return Date(year, lo * 3 - 2, 1), Date(year, em, calendar.monthrange(year, em)[1])
            if self.kind == "year":
                return Date(year, 1, 1), Date(year, 12, 31)
            if self.kind == "half":
                if self.first_half:
                    em = self.months
                    return Date(year, 1, 1), Date(year, em, calendar.monthrange(year, em)[1])
                return Date(year, 13 - self.months, 1), Date(year, 12, 31)
        except ValueError:      # 31/2, tháng 13: not a date
            return None
        return None


def _point(g: Grammar, s: str) -> Point | None:
    t = _norm(s)
    if t.startswith("ngày "):
        t = t[5:]
    years = re.findall(r"(?<!\d)((?:19|20)\d\d)(?!\d)", t)
    y = int(years[-1]) if years else None
    if t.startswith(("quý", "quí", "quy")):
        qs = [g.quarters[x.lower()] for x in g.quarter_num.findall(t[4:].split("/")[0].split("năm")[0])]
        for k in range(1, len(qs)):
            if qs[k] <= qs[k - 1] < 4:
                qs[k] = qs[k - 1] + 1   # a list of quarters rises: `Quý II, II` is OCR's `Quý II, III`
        return Point("quarter", y, q=tuple(qs)) if qs else None
    if t.startswith("nửa"):
        return Point("half", y, first_half="đầu" in t, months=6)
    if "tháng" in t and ("đầu" in t or "cuối" in t):
        n = 9 if t.startswith(("9", "09", "chín")) else 6
        return Point("half", y, first_half="đầu" in t, months=n)
    if t.startswith("tháng") or t.startswith("t"):
        ms = re.findall(r"\d+", t)
        return Point("month", y, m=int(ms[0])) if ms and 1 <= int(ms[0]) <= 12 else None
    if t.startswith("năm"):
        return Point("year", y)
    nums = [int(x) for x in re.findall(r"\d+", t)]
    if len(nums) < 2:
        return None
    if len(nums) == 2 and nums[1] >= 1900:          # "6/2024": a month and its year
        return Point("month", nums[1], m=nums[0]) if 1 <= nums[0] <= 12 else None
    return Point("day", y if len(nums) >= 3 else None, m=nums[1], d=nums[0])


def _add_months(d: Date, n: int) -> Date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return Date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))
