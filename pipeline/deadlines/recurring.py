"""Deadlines, recurrences: the handlers that turn a recurring phrase into an iCalendar RRULE (`hằng tháng`,
`định kỳ 6 tháng`, `trước ngày 15/6 và 15/12 hằng năm`, `vào ngày 20 của tháng cuối quý`, `02 lần/năm`).
"""
from __future__ import annotations

import re

from pipeline.deadlines.grammar import Grammar, _norm
from pipeline.deadlines.points import _point
from pipeline.deadlines.values import Out


def _count(g: Grammar, s: str | None) -> int | None:
    if not s:
        return None
    t, _, gloss = _norm(s).partition("(")     # (`15 (mười lăm)`, `mười lăm (15)`: the figures)
    t, gloss = t.strip(), gloss.strip(" )")
    return int(t) if t.isdigit() else int(gloss) if gloss.isdigit() else g.numbers.get(t)


def _freq(g: Grammar, unit: str, n: int | None) -> str | None:
    u = _norm(unit)
    if n is None or n == 1:
        return g.freq.get(u)
    if n <= 0:
        return None
    return {"ngày": f"FREQ=DAILY;INTERVAL={n}", "tuần": f"FREQ=WEEKLY;INTERVAL={n}",
            "tháng": f"FREQ=MONTHLY;INTERVAL={n}", "quý": f"FREQ=MONTHLY;INTERVAL={3 * n}",
            "quí": f"FREQ=MONTHLY;INTERVAL={3 * n}", "năm": f"FREQ=YEARLY;INTERVAL={n}"}.get(u)


def _h_every(g, m, text, ref) -> Out:
    # (60 characters: a payment's kind may take a few words, "trợ cấp tai nạn lao động, bệnh nghề nghiệp")
    if g.every_not_after.search(text, max(m.lo, m.start() - 60), m.start()):
        return []
    v = _freq(g, m.group("unit"), None)
    return [(None, v, False, None, None)] if v else []


def _h_periodic(g, m, text, ref) -> Out:
    out: Out = []
    for i, it in enumerate(g.period_item.finditer(text, m.start("items"), m.end("items"))):
        v = _freq(g, it.group("u"), _count(g, it.group("n")))
        if v is None:
            continue
        out.append(((m.start(), it.end()) if i == 0 else (it.start(), it.end()), v, False, None, None))
    return out


def _h_every_n(g, m, text, ref) -> Out:
    n = _count(g, m.group("n"))
    v = _freq(g, m.group("unit"), n) if n else None
    return [(None, v, False, None, None)] if v else []


def _h_monthly_day(g, m, text, ref) -> Out:
    d = int(m.group("dom"))
    return [(None, f"FREQ=MONTHLY;BYMONTHDAY={d}", False, None, None)] if 1 <= d <= 31 else []


def _h_yearly_dates(g, m, text, ref) -> Out:
    # "từ ngày 01/12 của năm trước đến ...": where a window opens, not when the task is due.
    if re.search(r"(?<![\w])từ\s*$", m.low[max(m.lo, m.start("dates") - 6):m.start("dates")]):
        return []
    months, days = [], []
    for dm in g.dm.finditer(text, m.start("dates"), m.end("dates")):
        nums = [int(x) for x in re.findall(r"\d+", dm.group())]
        if len(nums) < 2 or not (1 <= nums[1] <= 12 and 1 <= nums[0] <= 31):
            return []
        days.append(nums[0])
        months.append(nums[1])
    if not months:
        return []
    bm = ",".join(str(x) for x in sorted(set(months)))
    bd = ",".join(str(x) for x in sorted(set(days)))
    return [(None, f"FREQ=YEARLY;BYMONTH={bm};BYMONTHDAY={bd}", False, None, None)]


def _h_yearly_month(g, m, text, ref) -> Out:
    p = _point(g, m.group("a"))
    if p is not None and p.kind == "quarter":
        if p.y is not None:
            return []
        months = sorted({3 * q - k for q in p.q for k in (2, 1, 0)})
    else:
        months = sorted({int(x) for x in re.findall(r"\d+", m.group("a"))})
    if not months or not all(1 <= x <= 12 for x in months):
        return []
    return [(None, "FREQ=YEARLY;BYMONTH=" + ",".join(map(str, months)), False, None, None)]


def _h_weekday(g, m, text, ref) -> Out:
    wd = g.weekdays.get(_norm(m.group("wd")))
    if wd is None:
        return []
    if _norm(m.group("unit")) == "tuần":
        return [(None, f"FREQ=WEEKLY;BYDAY={wd}", False, None, None)]
    wk = _norm(m.group("wk") or "")
    pos = "-1" if "cuối" in wk else ("1" if "đầu" in wk else "")
    return [(None, f"FREQ=MONTHLY;BYDAY={pos}{wd}", False, None, None)]


def _h_times_per(g, m, text, ref) -> Out:
    n = _count(g, m.group("n") or m.group("n2"))
    unit = _norm(m.group("unit") or m.group("unit2"))
    if not n:
        return []
    span_months = {"năm": 12, "quý": 3, "quí": 3, "tháng": 1}[unit]
    if span_months % n == 0:
        iv = span_months // n
        v = "FREQ=YEARLY" if iv == 12 else ("FREQ=MONTHLY" if iv == 1 else f"FREQ=MONTHLY;INTERVAL={iv}")
    elif unit == "tháng" and n in (2, 4):
        v = "FREQ=WEEKLY" if n == 4 else "FREQ=WEEKLY;INTERVAL=2"
    else:
        return []
    return [(None, v, False, None, None)]


def _h_half_and_year_end(g, m, text, ref) -> Out:
    return [(None, "FREQ=YEARLY;BYMONTH=6,12", False, None, None)]


_QUARTER_MONTH = {"đầu": 1, "thứ hai": 2, "thứ 2": 2, "thứ ba": 3, "thứ 3": 3, "cuối": 3}


def _h_quarter_month_day(g, m, text, ref) -> Out:
    # "từ ngày 01 tháng đầu quý đến ...": where a reporting window opens, not when the task is due.
    if re.search(r"(?<![\w])từ\s*$", m.low[max(m.lo, m.start() - 6):m.start()]):
        return []
    d = int(m.group("dom"))
    k = _QUARTER_MONTH.get(_norm(m.group("which")))
    if k is None or not 1 <= d <= 31:
        return []
    months = ",".join(str(3 * q + k) for q in range(4))
    return [(None, f"FREQ=YEARLY;BYMONTH={months};BYMONTHDAY={d}", False, None, None)]
