"""Deadlines: find the time constraints a task states and normalize them (SCHEMA.md, "Deadlines").

The grammar is data (`models/deadlines.toml`): word lists and one regex template per phrase shape,
each with examples and counter-examples.  This module only knows how to turn a matched phrase into a
value (an ISO date, an interval, an RRULE, an ISO duration).  Normalization is always against the
reference date passed in (the document's date), never today's: a directive's "trước ngày 15/6" means
the 15th of June of the year it was signed.

Why the few filters below exist (all are grammar facts, none is about a particular file):
- a dated point before the document's own date is history or a cited document, not a deadline
  (a document cannot ask for work to be done in the past);
- a year bound inside a name (`Đề án ... giai đoạn 2022-2025, tầm nhìn đến năm 2030`) bounds the
  programme, not the task;
- a bare full date with no cue word counts only when it is on or after the document's date and is
  not the date of a cited document (`số 05/CT-TTg ngày ...`).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pipeline.model import Deadline, Document

GRAMMAR_PATH = Path(__file__).resolve().parent.parent / "models" / "deadlines.toml"

Date = _dt.date

# --------------------------------------------------------------------------------------------------
# Loading the grammar: placeholders -> regex fragments, compiled once.

_Y = r"(?:19|20)\d\d(?!\d)"
# Numeric parts must not continue another number (`120/6`, `1.500`), hence the look-behinds.
# Written `(?:ngày\s+|(?=\d))` rather than `(?:ngày\s+)?`: a leading branch lets the regex engine skip
# to candidate positions, 2-3 times faster over long texts.
_DATE = (r"(?:ngày\s+|(?=\d))(?<![\d/.\-])(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*[/.\-]\s*" + _Y +
         r"|\d{1,2}\s+tháng\s+\d{1,2}\s*(?:,?\s*năm|/|-)\s*" + _Y + ")")
# Day and month with the year left out: nothing number-like may follow (else it is a full date).
_DM = (r"(?:ngày\s+|(?=\d))(?<![\d/.\-])(?:\d{1,2}\s*/\s*\d{1,2}|\d{1,2}\s+tháng\s+\d{1,2})"
       r"(?!\s*[/.]\s*\d|\s*-\s*(?:19|20)\d\d(?!\d)|\d|\s*,?\s*năm\s+\d)")
_MONTH = (r"(?:tháng\s+\d{1,2}(?!\d)(?!\s*/\s*\d{1,2}\s*/)(?:\s*(?:/|-|,?\s*năm)\s*" + _Y + r")?"
          r"|t(?<![\w]t)\d{1,2}\s*/\s*" + _Y + ")")
_YEAR = r"năm\s+" + _Y
_HALF = r"(?:sáu|chín|0[69](?<!\d0[69])|[69](?<!\d[69]))\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+" + _Y + r")?(?!\s+(?:vừa\s+)?qua|\s+trước)"
_FREQUNIT = r"(?:ngày|tuần|tháng|quý|quí|năm)"


def _alt(words: list[str]) -> str:
    """A regex alternation of phrases, longest first, any whitespace between words.

    Phrases are grouped by their first word (`thứ (?:hai|ba|...)`): a handful of distinct first
    words is much cheaper for the regex engine to try at every position than dozens of phrases."""
    groups: dict[str, list[list[str]]] = {}
    for w in set(words):
        parts = w.split()
        groups.setdefault(parts[0], []).append(parts[1:])
    alts = []
    for first in sorted(groups, key=len, reverse=True):
        rests = sorted(groups[first], key=lambda r: len(" ".join(r)), reverse=True)
        tails = [r"\s+".join(re.escape(x) for x in r) for r in rests if r]
        head = re.escape(first)
        if not tails:
            alts.append(head)
        else:
            opt = "?" if any(not r for r in rests) else ""
            alts.append(head + r"(?:\s+(?:" + "|".join(tails) + "))" + opt)
    return "(?:" + "|".join(alts) + ")"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    handler: str
    regex: re.Pattern[str]
    prefix: re.Pattern[str] | None
    prefix_required: bool
    needs: tuple[str, ...]          # the rule can only match a text holding one of these ("0-9": a digit)
    at_points: bool                 # the core starts with a point in time: try it only where one starts
    name_sensitive: bool
    examples: tuple[dict[str, Any], ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    lex: dict[str, Any]
    rules: tuple[Rule, ...]
    example_ref_date: Date
    subs: dict[str, str]
    numbers: dict[str, int]
    quarters: dict[str, int]
    weekdays: dict[str, str]
    freq: dict[str, str]
    ongoing_not: re.Pattern[str]
    name_words: re.Pattern[str]
    name_words_cased: re.Pattern[str]
    anchors_doc_date: tuple[str, ...]
    vision: re.Pattern[str]
    every_not_after: re.Pattern[str]
    dm: re.Pattern[str]
    points: re.Pattern[str]
    any_date: re.Pattern[str]
    period_item: re.Pattern[str]
    quarter_num: re.Pattern[str]
    prefilter: re.Pattern[str]


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


@functools.lru_cache(maxsize=4)
def load_grammar(path: str | None = None) -> Grammar:
    """Read and compile `models/deadlines.toml` (cached: done once per process)."""
    data = tomllib.loads(Path(path or GRAMMAR_PATH).read_text(encoding="utf-8"))
    lex = data["lexicon"]
    numbers = {k: int(v) for k, v in lex["numbers"].items()}
    quarters = {k.lower(): int(v) for k, v in lex["quarters"].items()}
    q_alt = "(?:" + "|".join(re.escape(q) for q in sorted(quarters, key=len, reverse=True)) + r")(?![\w])"
    quarter = (r"qu(?<![\w]qu)[ýíy]\s+" + q_alt + r"(?:\s*(?:,|và)\s*" + q_alt + ")*"
               r"(?:\s*(?:/|-|,?\s*năm)\s*" + _Y + ")?")
    num = r"(?:(?<![\d.,])\d{1,3}(?![\d.,]\d)|" + _alt(list(numbers)) + r"(?![\w]))"
    subs = {
        "DATE": _DATE, "DM": _DM, "ANYDATE": f"(?:{_DATE}|{_DM})", "MONTH": _MONTH,
        "QUARTER": quarter, "YEAR": _YEAR, "HALF": _HALF, "NUM": num, "FREQUNIT": _FREQUNIT,
        "EVERY": _alt(lex["every"]), "WEEKDAY": _alt(list(lex["weekdays"])),
        "DUE": _alt(lex["due_cues"]), "AT": _alt(lex["at_cues"]), "UNTIL": _alt(lex["until_cues"]),
        "LABEL": _alt(lex["labels"]), "ONGOING": _alt(lex["ongoing"]),
    }
    subs["POINT"] = f"(?:{subs['ANYDATE']}|{_MONTH}|{quarter}|{_YEAR})"

    def expand(tpl: str) -> str:
        return re.sub(r"<<([A-Z]+)>>", lambda m: subs[m.group(1)], tpl)

    rules = []
    for r in data["rule"]:
        # Rules run over the lower-cased text (see `_LOWER`), so without IGNORECASE: the regex engine
        # can then skip ahead to a pattern's first letters, several times faster on long texts.
        flags = re.MULTILINE if r.get("multiline") else 0
        prefix = re.compile("(?:" + expand(r["prefix"]) + r")\Z", flags) if r.get("prefix") else None
        rules.append(Rule(r["name"], r["kind"], r["handler"], re.compile(expand(r["pattern"]), flags),
                          prefix, bool(r.get("prefix_required")), tuple(w.lower() for w in r.get("needs", ())),
                          r.get("anchor") == "point",
                          bool(r.get("name_sensitive")), tuple(r.get("examples", ())),
                          tuple(r.get("counter_examples", ()))))
    # Cheap gate: a text with none of these has no deadline (most paragraphs), skip all rules.
    gate_words = (list(lex["ongoing"]) + list(lex["every"]) + ["ngày", "tháng", "quý", "quí", "năm",
                  "định kỳ", "lần", "thứ", "chủ nhật"])
    return Grammar(
        lex=lex, rules=tuple(rules), example_ref_date=Date.fromisoformat(data["example_ref_date"]),
        subs=subs, numbers=numbers, quarters=quarters,
        weekdays={_norm(k): v for k, v in lex["weekdays"].items()},
        freq={k: v for k, v in lex["freq"].items()},
        ongoing_not=re.compile(_alt(lex["ongoing_not"]), re.IGNORECASE),
        name_words=re.compile(_alt(lex["name_words"]), re.IGNORECASE),
        name_words_cased=re.compile(r"(?<![\w])" + _alt(lex["name_words_cased"]) + r"(?![\w])"),
        anchors_doc_date=tuple(_norm(a) for a in lex["anchor_doc_date"]),
        vision=re.compile(r"(?:tầm\s+nhìn|định\s+hướng)\s*$", re.IGNORECASE),
        every_not_after=re.compile(r"(?<![\w])" + _alt(lex["every_not_after"]) + r"\s*$", re.IGNORECASE),
        dm=re.compile(_DM, re.IGNORECASE),
        points=re.compile(f"{subs['ANYDATE']}|{_MONTH}|{quarter}|{_YEAR}|{_HALF}"), any_date=re.compile(subs["ANYDATE"], re.IGNORECASE),
        period_item=re.compile(r"(?:" + subs["EVERY"] + r"\s+)?(?:(?P<n>" + num + r")\s+)?(?P<u>" + _FREQUNIT + ")",
                               re.IGNORECASE),
        quarter_num=re.compile(q_alt, re.IGNORECASE),
        prefilter=re.compile(_alt(gate_words) + r"|\d", re.IGNORECASE),
    )


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
        qs = tuple(g.quarters[x.lower()] for x in g.quarter_num.findall(t[4:].split("/")[0].split("năm")[0]))
        return Point("quarter", y, q=qs) if qs else None
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
    return Point("day", y if len(nums) >= 3 else None, m=nums[1], d=nums[0])


def _add_months(d: Date, n: int) -> Date:
    y, m = divmod(d.month - 1 + n, 12)
    y += d.year
    return Date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


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
    return _one(g, m, text, ref, lambda p, b: b[1].isoformat())


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
    return _one(g, m, text, ref, lambda p, b: f"{b[0].isoformat()}/{b[1].isoformat()}")


def _h_labelled(g, m, text, ref) -> Out:
    # A single day is a date; a month or a year is a period.
    def pick(p: Point, b: tuple[Date, Date]) -> str | None:
        return b[0].isoformat() if p.kind == "day" else f"{b[0].isoformat()}/{b[1].isoformat()}"
    p = _point(g, m.group("a"))
    return _one(g, m, text, ref, pick, kind="date" if p is not None and p.kind == "day" else "period")


def _h_bare_date(g, m, text, ref) -> Out:
    if ref is None:
        return []
    before = text[max(0, m.start() - 60):m.start()]
    # The date of a cited document: `số 05/CT-TTg ngày ...`, `Kế hoạch 12/KH-UBND ngày ...`.
    if re.search(r"\d+\s*[/-]\s*[A-ZĐ][\w\-/Đđ]*\s*,?\s*$|(?:số|ký hiệu)\s*:?\s*\S*\s*$", before):
        return []
    r = _bounded(g, m.group("a"), ref)
    if r is None or r[1] is None or r[1][0] < ref:
        return []
    return [(None, r[1][0].isoformat(), False, None, None)]


def _h_range(g, m, text, ref) -> Out:
    sa, sb = m.group("a") or "nay", m.group("b")
    pb = _point(g, sb)
    if pb is None:
        return []
    if m.group("a") is not None and m.group("from") is None and not (
            pb.kind == "quarter" and _norm(sa).startswith(("quý", "quí", "quy"))):
        return []           # "15/6 - 20/6" without "từ" may be anything; two quarters are a range
    if _norm(sa) == "nay":
        if ref is None:
            return []
        pa = Point("day", ref.year, m=ref.month, d=ref.day)
    else:
        pa = _point(g, sa)
        if pa is None:
            return []
    inferred = False
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


def _h_open_from(g, m, text, ref) -> Out:
    s = m.group("a")
    if m.pm is None and not (m.group("on") and "tiếp" in m.group("on") and _norm(s).startswith("năm")):
        return []
    r = _bounded(g, s, ref)
    if r is None or r[1] is None:
        return []
    p, b, inf = r
    # "từ năm 2010 trở đi" in a 2024 document describes the past.
    if ref is not None and not inf and b[0].year < ref.year - 1:
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


def _count(g: Grammar, s: str | None) -> int | None:
    if not s:
        return None
    t = _norm(s)
    return int(t) if t.isdigit() else g.numbers.get(t)


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
    if g.every_not_after.search(text, max(0, m.start() - 40), m.start()):
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


def _h_monthly_day(g, m, text, ref) -> Out:
    d = int(m.group("dom"))
    return [(None, f"FREQ=MONTHLY;BYMONTHDAY={d}", False, None, None)] if 1 <= d <= 31 else []


def _h_yearly_dates(g, m, text, ref) -> Out:
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


def _h_stage(g, m, text, ref) -> Out:
    y1, y2 = int(m.group("y1")), int(m.group("y2"))
    if y2 < y1 or (ref is not None and y2 < ref.year):
        return []
    return [(None, f"{y1}-01-01/{y2}-12-31", False, None, None)]


_UNIT_ISO = {"ngày": "D", "tuần": "W", "tháng": "M", "năm": "Y"}


def _h_relative_after(g, m, text, ref) -> Out:
    n = _count(g, m.group("n"))
    if not n:
        return []
    unit = _norm(m.group("unit"))
    v = f"P{n}{_UNIT_ISO[unit]}"
    resolved = None
    anchor = _norm(m.group("anchor"))
    # Only the document's own date is known here; working days need a holiday calendar: not resolved.
    if ref is not None and anchor in g.anchors_doc_date and not m.group("work"):
        if unit == "ngày":
            resolved = ref + _dt.timedelta(days=n)
        elif unit == "tuần":
            resolved = ref + _dt.timedelta(weeks=n)
        elif unit == "tháng":
            resolved = _add_months(ref, n)
        else:
            resolved = _add_months(ref, 12 * n)
    return [(None, v, False, resolved.isoformat() if resolved else None, None)]


def _h_relative_before(g, m, text, ref) -> Out:
    n = _count(g, m.group("n"))
    if not n:
        return []
    return [(None, f"-P{n}{_UNIT_ISO[_norm(m.group('unit'))]}", False, None, None)]


def _h_ongoing(g, m, text, ref) -> Out:
    # Whole words only (checked here, not by a leading look-behind that would slow the scan).
    if m.start() > 0 and text[m.start() - 1].isalnum():
        return []
    # "ngay cả", "ngay từ đầu", "cảnh báo sớm": the word is not about time there.
    for x in g.ongoing_not.finditer(text, max(0, m.start() - 20), min(len(text), m.end() + 20)):
        if x.start() < m.end() and x.end() > m.start():
            return []
    return [(None, None, False, None, None)]


HANDLERS: dict[str, Callable[..., Out]] = {
    "due_date": _h_due_date, "point_end": _h_point_end, "before_start": _h_before_start,
    "part_of_month": _h_part_of_month, "period": _h_period, "labelled": _h_labelled,
    "bare_date": _h_bare_date, "range": _h_range, "open_from": _h_open_from, "this_year": _h_this_year,
    "year_end": _h_year_end, "every": _h_every, "periodic": _h_periodic, "monthly_day": _h_monthly_day,
    "yearly_dates": _h_yearly_dates, "weekday": _h_weekday, "times_per": _h_times_per,
    "half_and_year_end": _h_half_and_year_end, "stage": _h_stage,
    "relative_after": _h_relative_after, "relative_before": _h_relative_before, "ongoing": _h_ongoing,
}


# --------------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"[.;!?]\s|\n\s*\n")
_CLAUSE_END = re.compile(r"[,:()]")
_SYMBOL = re.compile(r"\d+\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{2,}[\w\-/Đđ]*")


def _inside_name(g: Grammar, text: str, start: int) -> bool:
    """Is `start` inside a document or programme name?

    Inside an open quotation; or right after "tầm nhìn"/"định hướng" ("..., tầm nhìn đến năm 2030");
    or in the same clause as a name word ("quy hoạch hạ tầng ... đến năm 2030").  A comma ends the
    clause: in "... nhiệm vụ của Đề án 06, hoàn thành các mục tiêu trong năm 2023" the year is the task's.
    """
    window = text[max(0, start - 200):start]
    ends = list(_SENT_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    if window.count("“") > window.count("”") or window.count('"') % 2 == 1:
        return True
    if g.vision.search(window):
        return True
    # In the same sentence as a cited symbol: the phrase is (part of) the cited document's title,
    # as in "Nghị quyết số 18-NQ/TU ... về ..., xây dựng thành phố thông minh đến năm 2025".
    if _SYMBOL.search(window):
        return True
    cl = list(_CLAUSE_END.finditer(window))
    if cl:
        window = window[cl[-1].end():]
    return bool(g.name_words.search(window) or g.name_words_cased.search(window))


_PREFIX_WINDOW = 80
# str.lower() may change a text's length ("İ" -> "i̇"); this table lower-cases only the characters whose
# lower case is one character, so offsets in the lower-cased text are offsets in the text.
_LOWER = {c: ord(c_low) for c in range(0x10000)
          if (c_low := chr(c).lower()) != chr(c) and len(c_low) == 1}
_DIGIT = re.compile(r"\d")


class _Match:
    """A rule's core match joined with the cue words found just before it (its prefix), seen by the
    handlers as one match: groups are looked up in the core, then in the prefix."""

    __slots__ = ("core", "pm")

    def __init__(self, core: re.Match[str], pm: re.Match[str] | None):
        self.core, self.pm = core, pm

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


_TRIM = " \t\r\n|*+-–•"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM + ".,;:":
        e -= 1
    return s, e


def _parse_ref(ref: Any) -> Date | None:
    if ref is None or isinstance(ref, Date) and not isinstance(ref, _dt.datetime):
        return ref
    if isinstance(ref, _dt.datetime):
        return ref.date()
    try:
        return Date.fromisoformat(str(ref)[:10])
    except ValueError:
        return None


def find_deadlines(text: str, ref_date: Date | str | None = None) -> list[Deadline]:
    """Every deadline stated in `text`, normalized against `ref_date` (the document's date).

    Spans are relative to `text`, never overlap, and come in order of appearance;
    `text[d.span[0]:d.span[1]] == d.text` always holds.
    """
    if not text:
        return []
    g = load_grammar()
    ref = _parse_ref(ref_date)
    if not g.prefilter.search(text):
        return []
    # Lower-cased, same length (so every offset holds): the rules are written in lower case.
    low = text.translate(_LOWER)
    has_digit = _DIGIT.search(text) is not None
    cands: list[tuple[int, int, int, Rule, Out]] = []
    # Stretches found to be inside a name: no shorter phrase inside them may be a deadline either.
    blocked: list[tuple[int, int]] = []
    points: list[int] | None = None
    for ri, rule in enumerate(g.rules):
        # Most task texts hold no digit and few time words: skip the rules that cannot match.
        if rule.needs and not any(has_digit if w == "0-9" else w in low for w in rule.needs):
            continue
        handler = HANDLERS[rule.handler]
        if rule.at_points:
            # One scan for every point in time, shared by the rules whose core starts with one:
            # trying their regex only there is several times faster than scanning the text per rule.
            if points is None:
                points = [p.start() for p in g.points.finditer(low)]
            cores = [c for c in (rule.regex.match(low, p) for p in points) if c is not None]
        else:
            cores = list(rule.regex.finditer(low))
        for core in cores:
            if core.end() == core.start():
                continue
            pm = None
            if rule.prefix is not None:
                pm = rule.prefix.search(low, max(0, core.start() - _PREFIX_WINDOW), core.start())
                # An empty prefix counts only where the prefix itself is a context ("at a line start").
                if pm is not None and pm.start() == pm.end() and not rule.prefix_required:
                    pm = None
                if pm is None and rule.prefix_required:
                    continue
            m = _Match(core, pm)
            if rule.name_sensitive and _inside_name(g, text, m.start()):
                blocked.append((m.start(), m.end()))
                continue
            out = handler(g, m, text, ref)
            if out:
                cands.append((m.start(), m.end(), ri, rule, out))
    # Longest phrase first, then the earlier rule: "trước ngày 10 hằng tháng" is one recurring
    # deadline, not a date plus a frequency.
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: list[tuple[int, int]] = list(blocked)
    result: list[Deadline] = []
    for s, e, _ri, rule, out in cands:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        for span, value, inferred, resolved, kind in out:
            a, b = _trim(text, *(span or (s, e)))
            if a >= b:
                continue
            result.append(Deadline(text=text[a:b], span=(a, b), kind=kind or rule.kind, value=value,
                                   inferred=inferred, resolved=resolved))
    result.sort(key=lambda d: d.span)
    return result


def deadlines_stage(doc: Document) -> Document:
    """Tag every task with the deadlines of its own text (table rows: the whole row)."""
    ref = _parse_ref(doc.header.date)
    for task in doc.tasks:
        s, e = task.span
        found = []
        for d in find_deadlines(doc.text[s:e], ref):
            d.span = (d.span[0] + s, d.span[1] + s)
            found.append(d)
        task.deadlines = found
    return doc
