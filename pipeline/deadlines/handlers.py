"""Deadlines, handlers: the rule `handler` names of `models/deadlines.toml` and the function of each
(`deadlines/values.py` dates and periods, `deadlines/recurring.py` RRULEs, `deadlines/relative.py` relative
and ongoing deadlines).
"""
from __future__ import annotations

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
    "ongoing": _h_ongoing, "before_event": _h_before_event,
}
