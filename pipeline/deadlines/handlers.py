"""Deadlines, handlers: the rule `handler` names of `models/deadlines.toml` and the function of each
(`deadlines/values.py` dates and periods, `deadlines/recurring.py` RRULEs, `deadlines/relative.py` relative
and ongoing deadlines), and the match they are given (`_Match`, made by `deadlines/stage.py`).
"""
from __future__ import annotations

import re
from collections.abc import Callable

from pipeline.deadlines.recurring import (
    _h_every,
    _h_every_n,
    _h_half_and_year_end,
    _h_monthly_day,
    _h_periodic,
    _h_quarter_month_day,
    _h_times_per,
    _h_weekday,
    _h_yearly_dates,
    _h_yearly_month,
)
from pipeline.deadlines.relative import (
    _h_after_event,
    _h_before_event,
    _h_before_meeting,
    _h_ongoing,
    _h_relative_after,
    _h_relative_bare,
    _h_relative_before,
)
from pipeline.deadlines.values import (
    Out,
    _h_bare_date,
    _h_before_start,
    _h_day_span,
    _h_due_date,
    _h_labelled,
    _h_month_span,
    _h_open_from,
    _h_part_of_month,
    _h_period,
    _h_point_end,
    _h_range,
    _h_row_month,
    _h_stage,
    _h_stage_open,
    _h_this_year,
    _h_year_cell,
    _h_year_end,
    _h_year_span,
    _uncued_open_from,
)

HANDLERS: dict[str, Callable[..., Out]] = {
    "due_date": _h_due_date, "point_end": _h_point_end, "before_start": _h_before_start,
    "part_of_month": _h_part_of_month, "period": _h_period, "labelled": _h_labelled, "month_span": _h_month_span,
    "day_span": _h_day_span, "row_month": _h_row_month,
    "year_cell": _h_year_cell, "bare_date": _h_bare_date, "range": _h_range, "open_from": _h_open_from,
    "this_year": _h_this_year, "year_end": _h_year_end, "every": _h_every, "periodic": _h_periodic,
    "monthly_day": _h_monthly_day, "every_n": _h_every_n, "yearly_dates": _h_yearly_dates,
    "yearly_month": _h_yearly_month, "weekday": _h_weekday, "times_per": _h_times_per,
    "half_and_year_end": _h_half_and_year_end, "stage": _h_stage, "stage_open": _h_stage_open,
    "year_span": _h_year_span, "quarter_month_day": _h_quarter_month_day, "after_event": _h_after_event,
    "relative_after": _h_relative_after, "relative_before": _h_relative_before, "relative_bare": _h_relative_bare,
    "ongoing": _h_ongoing, "before_event": _h_before_event, "before_meeting": _h_before_meeting,
}


# What some handlers test first, on the match alone (whatever the reference date): where it holds the handler
# finds nothing, so `stage._candidates` keeps no candidate for it (an open start, `open-from`, is tried at every
# point in time, and few have its cue).
REJECTS: dict[str, Callable[[_Match], bool]] = {"open_from": _uncued_open_from}


class _Match:
    """A rule's core match joined with the cue words found just before it (its prefix), seen by the
    handlers as one match: groups are looked up in the core, then in the prefix.  `lo`/`hi` bound the
    piece of text (a task's) the match lies in: no context is read outside them; `low` is the
    lower-cased text; `time_cell`: the piece is a cell of a row's time column (`Thời gian`, `Thời hạn`)."""

    __slots__ = ("core", "pm", "lo", "hi", "low", "time_cell")

    def __init__(self, core: re.Match[str], pm: re.Match[str] | None, lo: int, hi: int, low: str,
                 time_cell: bool = False):
        self.core, self.pm, self.lo, self.hi, self.low, self.time_cell = core, pm, lo, hi, low, time_cell

    def _which(self, name: str) -> re.Match[str] | None:
        if name in self.core.re.groupindex:
            return self.core
        if self.pm is not None and name in self.pm.re.groupindex:
            return self.pm
        return None

    def group(self, name: str | int = 0) -> str | None:
        if name == 0:
            return self.core.string[self.start():self.end()]
        m = self._which(str(name))
        return m.group(name) if m is not None else None

    def start(self, name: str | None = None) -> int:
        if name is None:
            return self.pm.start() if self.pm is not None else self.core.start()
        m = self._which(name)
        return m.start(name) if m is not None else -1

    def end(self, name: str | None = None) -> int:
        if name is None:
            return self.core.end()
        m = self._which(name)
        return m.end(name) if m is not None else -1
