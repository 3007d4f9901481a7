"""Deadlines: find the time constraints a task states and normalize them (SCHEMA.md, "Deadlines").

The grammar is data (`models/deadlines.toml`, card `models/deadlines.md`): word lists and one regex
template per phrase shape, each with examples and counter-examples.  This module only knows how to
turn a matched phrase into a value (an ISO date, an interval, an RRULE, an ISO duration).
Normalization is always against the reference date passed in (the document's date), never today's:
a directive's "trước ngày 15/6" means the 15th of June of the year it was signed.

Why the few filters below exist (all are grammar facts, none is about a particular file):
- a dated point before the document's own date is history or a cited document, not a deadline
  (a document cannot ask for work to be done in the past);
- a year bound inside a name (`Đề án ... giai đoạn 2022-2025, tầm nhìn đến năm 2030`) bounds the
  programme, not the task;
- a bare full date with no cue word counts only when it is on or after the document's date and is
  not the date of a cited document (`số 05/CT-TTg ngày ...`);
- a phrase in a clause that tells what was done (`đã ..., kịp thời ...`, `thời gian qua`), that
  qualifies a noun (`có kế hoạch hoàn thành năm 2025`) or that forecasts (`... sẽ hoàn thành`) is
  not the task's deadline.

Speed: `deadlines_stage` scans all tasks of a document in one pass (`_scan`), and one anchor regex
finds every place where a rule may start (`_cores`); both give exactly what scanning each task with
every rule gives (tests/test_deadlines.py checks it).
"""
from __future__ import annotations

import calendar
import datetime as _dt
import functools
from bisect import bisect_right
from itertools import repeat
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pipeline.errors import DataTableError
from pipeline.model import Deadline, Document, Task

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
# A letter no Vietnamese word uses (`š`, `œ`), glued to a number: OCR noise ("tháng 5Š năm 2025").
_VI_LETTER = ("a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩị"
              "òóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_NOISE = r"(?:(?![" + _VI_LETTER + r"])[^\W\d_])?"
_MONTH = (r"(?:tháng\s+\d{1,2}" + _NOISE + r"(?!\d)(?!\s*/\s*\d{1,2}\s*/)(?:\s*(?:/|-|,?\s*năm)\s*" + _Y + r")?"
          r"|t(?<![\w]t)\d{1,2}\s*/\s*" + _Y +
          # a month and its year alone ("Thời hạn: 6/2024"), not a number/year of a symbol ("06/2024/NĐ-CP")
          r"|(?<![\d/.\-])(?:0?[1-9]|1[0-2])\s*/\s*" + _Y + r"(?!\s*/))")
_YEAR = r"năm\s+" + _Y
_HALF = r"(?:sáu|chín|0[69](?<!\d0[69])|[69](?<!\d[69]))\s+tháng\s+(?:đầu|cuối)\s+năm(?:\s+" + _Y + r")?(?!\s+(?:vừa\s+)?qua|\s+trước)"
_FREQUNIT = r"(?:ngày|tuần|tháng|quý|quí|năm)"
# A time of day before a date: "17 giờ 00", "17 giờ 30 phút", "16h30".
_TIME = r"\d{1,2}\s*(?:giờ|h)(?:\s*\d{1,2}(?!\d)(?:\s*phút)?)?(?![\w/])"


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
    starts: tuple[str, ...]         # the words its core can start with ("0-9": a number)
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
    anchors: re.Pattern[str]
    dispatch: dict[str, tuple[bool, tuple[int, ...]]]
    past_tense: re.Pattern[str]
    past_marker: re.Pattern[str]
    directing: re.Pattern[str]
    attribute_before: re.Pattern[str]
    future_after: re.Pattern[str]
    horizon: re.Pattern[str]
    horizon_years: int
    time_columns: re.Pattern[str]


# Lexicon lists a rule's `starts` may name.
_LISTS = {"EVERY": "every", "WEEKDAY": "weekdays", "ONGOING": "ongoing", "DUE": "due_cues", "AT": "at_cues",
          "UNTIL": "until_cues", "LABEL": "labels"}


def _point_starts(quarters: dict[str, int]) -> dict[str, str]:
    """Where a point in time (`_DATE`, `_DM`, `_MONTH`, quarter, `_YEAR`, `_HALF`) can start: its first
    word ("0-9": a number) -> what must follow it (a regex, a necessary condition only)."""
    q_first = "".join(sorted({re.escape(q[0]) for q in quarters}))
    return {"0-9": r"\d?\s*(?:[/.\-]\s*\d|tháng)", "ngày": r"\s+\d", "tháng": r"\s+\d", "t": r"\d",
            "năm": r"\s+(?:19|20)\d\d", "quý": rf"\s+[{q_first}]", "quí": rf"\s+[{q_first}]",
            "quy": rf"\s+[{q_first}]", "sáu": r"\s+tháng", "chín": r"\s+tháng"}


def _anchor_scan(rules: list[Rule], point_starts: dict[str, str]
                 ) -> tuple[re.Pattern[str], dict[str, tuple[bool, tuple[int, ...]]]]:
    """One regex finding every place where a point in time or any rule's core may start, and what to
    try there: first word -> (a point may start here, the rules to try).

    A word matches only where what follows it allows one of its users (`định` only before `kỳ`, a number
    only before `/` or `tháng` ...), and the words are grouped by first letter (`t(?:háng|uần|...)`): one
    pass over a text costs about as much as one rule's scan, and finds few places."""
    users: dict[str, list[tuple[str | None, bool, int]]] = {}
    for w, follow in point_starts.items():
        users.setdefault(w, []).append((follow, True, -1))
    for i, rule in enumerate(rules):
        for phrase in rule.starts:
            first, *rest = phrase.split()
            follow = "".join(r"\s+" + (r"\d" if x == "0-9" else re.escape(x)) for x in rest) or None
            if first == "0-9" and follow:
                follow = r"\d*" + follow          # the anchor holds the number's first digit only
            users.setdefault(first, []).append((follow, False, i))

    def guarded(w: str) -> str:
        follows = [f for f, _, _ in users[w]]
        if any(f is None for f in follows):
            return ""
        return "(?=" + "|".join(sorted(set(follows))) + ")"

    groups: dict[str, list[str]] = {}
    for w in users:
        if w != "0-9":
            groups.setdefault(w[0], []).append(w)
    alts = []
    for first in sorted(groups):
        tails = [re.escape(w[1:]) + guarded(w) for w in sorted(groups[first], key=len, reverse=True)]
        alts.append(re.escape(first) + "(?:" + "|".join(tails) + ")")
    if "0-9" in users:
        # A number where it starts; one alternative per digit: with every alternative opening on a
        # letter, the regex engine skips at once the characters that open none.
        alts += [d + r"(?<!\d" + d + ")" + guarded("0-9") for d in "0123456789"]
    dispatch = {w: (any(pt for _, pt, _ in us), tuple(sorted({i for _, pt, i in us if not pt})))
                for w, us in users.items()}
    return re.compile("|".join(alts)), dispatch


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
    quarter = (r"qu(?<![\w]qu)[ýíy]\s+" + q_alt + r"(?:\s*(?:,|và)\s*(?:qu[ýíy]\s+)?" + q_alt + ")*"
               r"(?:\s*(?:/|-|,?\s*năm)\s*" + _Y + ")?")
    num = r"(?:(?<![\d.,])\d{1,3}(?![\d.,]\d)|" + _alt(list(numbers)) + r"(?![\w]))"
    subs = {
        "DATE": _DATE, "DM": _DM, "ANYDATE": f"(?:{_DATE}|{_DM})", "MONTH": _MONTH,
        "QUARTER": quarter, "YEAR": _YEAR, "HALF": _HALF, "NUM": num, "FREQUNIT": _FREQUNIT, "TIME": _TIME,
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
        at_points = r.get("anchor") == "point"
        starts: list[str] = []
        for w in r.get("starts", ()):
            first, _, rest = w.partition(" ")
            m = re.fullmatch(r"<<([A-Z]+)>>", first)
            starts += [f"{x} {rest}" for x in lex[_LISTS[m.group(1)]]] if m else [w]
        starts = sorted({" ".join(w.lower().split()) for w in starts})
        if not at_points and not starts:
            raise DataTableError(f"rule {r['name']!r}: needs `starts` or `anchor = \"point\"`",
                                 path=str(path or GRAMMAR_PATH))
        rules.append(Rule(r["name"], r["kind"], r["handler"], re.compile(expand(r["pattern"]), flags),
                          prefix, bool(r.get("prefix_required")), tuple(starts), at_points,
                          bool(r.get("name_sensitive")), tuple(r.get("examples", ())),
                          tuple(r.get("counter_examples", ()))))
    anchors, dispatch = _anchor_scan(rules, _point_starts(quarters))
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
        anchors=anchors, dispatch=dispatch,
        # Over the lower-cased text: `đã` not followed by a participle's verb.
        past_tense=re.compile(r"(?<![\w])đã(?![\w])(?!\s+" + _alt(lex["past_participles"]) + r"(?![\w]))"),
        past_marker=re.compile(r"(?<![\w])" + _alt(lex["past_markers"]) + r"(?![\w])"),
        directing=re.compile(r"(?<![\w])" + _alt(lex["directing"]) + r"(?![\w])"),
        attribute_before=re.compile(r"(?<![\w])" + _alt(lex["attribute_before"]) + r"\s*$"),
        # The rest of the clause (no punctuation) holds the word: at most a few words before it.
        future_after=re.compile(r"(?:\s+[^\W\d_]+){0,3}?\s+" + _alt(lex["future_after"]) + r"(?![\w])"),
        horizon=re.compile(r"(?<![\w])" + _alt(lex["horizon_words"]) + r"(?![\w])"),
        horizon_years=int(lex["horizon_years"]),
        time_columns=re.compile(_alt(lex["time_columns"]), re.IGNORECASE),
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
    if len(nums) == 2 and nums[1] >= 1900:          # "6/2024": a month and its year
        return Point("month", nums[1], m=nums[0]) if 1 <= nums[0] <= 12 else None
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
    return out


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
    out = _one(g, m, text, ref, lambda p, b: f"{b[0].isoformat()}/{b[1].isoformat()}")
    # A month or quarter without its year that is over before the document's date tells what happened
    # ("GDP quý I tăng 6,9%", "khách quốc tế trong tháng 3 đạt ..." in an April document).
    if out and ref is not None and out[0][2] and out[0][1] is not None and out[0][1][11:] < ref.isoformat():
        return []
    return out


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
    if _norm(sa) == "nay":
        if ref is None:
            return []
        pa = Point("day", ref.year, m=ref.month, d=ref.day)
    else:
        pa = _point(g, sa)
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
    if g.every_not_after.search(text, max(m.lo, m.start() - 40), m.start()):
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
    if m.start() > m.lo and text[m.start() - 1].isalnum():
        return []
    # "ngay cả", "cảnh báo sớm", "chi thường xuyên": the word is not about time there.
    for x in g.ongoing_not.finditer(text, max(m.lo, m.start() - 20), min(m.hi, m.end() + 20)):
        if x.start() < m.end() and x.end() > m.start():
            return []
    return [(None, None, False, None, None)]


HANDLERS: dict[str, Callable[..., Out]] = {
    "due_date": _h_due_date, "point_end": _h_point_end, "before_start": _h_before_start,
    "part_of_month": _h_part_of_month, "period": _h_period, "labelled": _h_labelled,
    "bare_date": _h_bare_date, "range": _h_range, "open_from": _h_open_from, "this_year": _h_this_year,
    "year_end": _h_year_end, "every": _h_every, "periodic": _h_periodic, "monthly_day": _h_monthly_day,
    "every_n": _h_every_n, "yearly_dates": _h_yearly_dates, "yearly_month": _h_yearly_month,
    "weekday": _h_weekday, "times_per": _h_times_per,
    "half_and_year_end": _h_half_and_year_end, "stage": _h_stage,
    "relative_after": _h_relative_after, "relative_before": _h_relative_before, "ongoing": _h_ongoing,
}


# --------------------------------------------------------------------------------------------------

_SENT_END = re.compile(r"[.;!?]\s|\n\s*\n")
# The end of a sentence or of a part of one (a `;` or `:` list item), for the clause-level checks.
_PART_END = re.compile(r"[.;!?:](?=\s)|\n\s*\n")
_CLAUSE_END = re.compile(r"[,:()]")
_SYMBOL = re.compile(r"\d+\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{2,}[\w\-/Đđ]*")
_WORD = re.compile(r"[^\W\d_]+")


def _open_quote(window: str) -> bool:
    """Does `window` end inside a quotation?  Curly quotes open and close; a straight one toggles (a
    text may mix them: `"hành trình ...”`)."""
    opened, closed, straight = window.count("“"), window.count("”"), window.count('"')
    if opened or closed:
        return opened + straight % 2 > closed
    return straight % 2 == 1


def _in_caps_heading(text: str, start: int, lo: int, hi: int) -> bool:
    """Is `start` on a line printed all in capitals (a title: "DANH MỤC NHIỆM VỤ ... ĐẾN NĂM 2030")?"""
    a = max(lo, text.rfind("\n", lo, start) + 1)
    b = text.find("\n", start, hi)
    line = text[a:hi if b < 0 else b]
    return len(_WORD.findall(line)) >= 5 and line == line.upper()


def _inside_name(g: Grammar, text: str, start: int, lo: int = 0, hi: int | None = None) -> bool:
    """Is `start` inside a document or programme name?

    Inside an open quotation; or right after "tầm nhìn"/"định hướng" ("..., tầm nhìn đến năm 2030");
    or in the same clause as a name word ("quy hoạch hạ tầng ... đến năm 2030"); or on a title line
    printed in capitals.  A comma ends the clause: in "... nhiệm vụ của Đề án 06, hoàn thành các mục
    tiêu trong năm 2023" the year is the task's.
    """
    window = text[max(lo, start - 200):start]
    ends = list(_SENT_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    if _open_quote(window):
        return True
    if g.vision.search(window):
        return True
    # In the same sentence as a cited symbol: the phrase is (part of) the cited document's title,
    # as in "Nghị quyết số 18-NQ/TU ... về ..., xây dựng thành phố thông minh đến năm 2025".
    if _SYMBOL.search(window):
        return True
    if _in_caps_heading(text, start, lo, len(text) if hi is None else hi):
        return True
    cl = list(_CLAUSE_END.finditer(window))
    if cl:
        window = window[cl[-1].end():]
    return bool(g.name_words.search(window) or g.name_words_cased.search(window))


def _not_the_tasks(g: Grammar, low: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Does the phrase `low[start:end]` tell something other than when the task is due?

    - It is the attribute of a noun: "các dự án có kế hoạch hoàn thành năm 2025".
    - It stands inside a quotation (a name, a slogan).
    - Its clause goes on in the future tense: a forecast or the issuer's own plan ("chúng ta tin tưởng
      trong năm 2025 sẽ hoàn thành ...", "trong năm 2019 Bộ sẽ tổng kết ..."), not a directed task.
    - Its clause tells what was done (history): `đã` right before it or with a comma between
      ("các bộ, ngành đã tiếp tục nỗ lực, khắc phục khó khăn, kịp thời hướng dẫn"), or a past-time
      marker ("Kết quả đạt được thời gian qua là nhờ ... trong cả giai đoạn 2021-2025"), with no
      directing word after it ("Thời gian qua ..., đề nghị các sở kịp thời ...").
    """
    if g.attribute_before.search(low, max(lo, start - 30), start):
        return True
    if g.future_after.match(low, end, min(hi, end + 40)):
        return True
    window = low[max(lo, start - 200):start]
    ends = list(_SENT_END.finditer(window))
    if ends:
        window = window[ends[-1].end():]
    # Inside a quotation: a name or a slogan ("cuộc vận động “Mỗi ngày một tin tốt, mỗi tuần ...”").
    if _open_quote(window):
        return True
    if "đã" not in window and "qua" not in window:
        return False
    past = None
    for past in g.past_tense.finditer(window):
        pass
    if past is not None:
        between = window[past.end():]
        if (not between.strip() or "," in between) and not g.directing.search(between):
            return True
    marker = None
    for marker in g.past_marker.finditer(window):
        pass
    return marker is not None and not g.directing.search(window, marker.end())


_PREFIX_WINDOW = 80
# str.lower() may change a text's length ("İ" -> "i̇"); this table lower-cases only the characters whose
# lower case is one character, so offsets in the lower-cased text are offsets in the text.
_LOWER = {c: ord(c_low) for c in range(0x10000)
          if (c_low := chr(c).lower()) != chr(c) and len(c_low) == 1}


def _lower(text: str) -> str:
    """The text lower-cased, same length (every offset holds); str.lower() when it keeps the length."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_LOWER)


class _Match:
    """A rule's core match joined with the cue words found just before it (its prefix), seen by the
    handlers as one match: groups are looked up in the core, then in the prefix.  `lo`/`hi` bound the
    piece of text (a task's) the match lies in: no context is read outside them; `low` is the
    lower-cased text."""

    __slots__ = ("core", "pm", "lo", "hi", "low")

    def __init__(self, core: re.Match[str], pm: re.Match[str] | None, lo: int, hi: int, low: str):
        self.core, self.pm, self.lo, self.hi, self.low = core, pm, lo, hi, low

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


# Pieces of text scanned together are joined by this: no rule's pattern can match across it (no pattern
# matches NUL, and `\s*` stops at it), and each piece is preceded and followed by a blank line, which
# every rule reads as it reads the start and the end of a text.
_SEP = "\n\n\x00\n\n"


def _cores(g: Grammar, low: str, exhaustive: bool = False) -> list[list[re.Match[str]]]:
    """Every rule's core matches in `low`, as `finditer` of each rule would give them (a rule whose core
    starts with a point in time: its match at every point that `finditer` of the points gives).

    One scan of `g.anchors` finds every place where a point or a rule's core may start; each rule is
    tried only there.  `exhaustive` scans with every rule's regex instead (the reference: same result)."""
    rules = g.rules
    if exhaustive:
        points = [p.start() for p in g.points.finditer(low)]
        return [[c for c in map(r.regex.match, repeat(low), points) if c is not None] if r.at_points
                else list(r.regex.finditer(low)) for r in rules]
    at: list[list[int]] = [[] for _ in rules]
    point_at: list[int] = []
    dispatch = g.dispatch
    for a in g.anchors.finditer(low):
        w = a.group()
        pt, rs = dispatch["0-9" if w[0].isdigit() else w]
        p = a.start()
        if pt:
            point_at.append(p)
        for ri in rs:
            at[ri].append(p)
    # `finditer` of the points, replayed where one may start: a match ends the stretch searched.
    points: list[int] = []
    last = 0
    match = g.points.match
    for p in point_at:
        if p >= last:
            pm = match(low, p)
            if pm is not None:
                points.append(p)
                last = pm.end()
    out: list[list[re.Match[str]]] = []
    for ri, r in enumerate(rules):
        if r.at_points:
            out.append([c for c in map(r.regex.match, repeat(low), points) if c is not None] if points else [])
            continue
        found = []
        last = 0
        for p in at[ri]:
            if p >= last:
                c = r.regex.match(low, p)
                if c is not None:
                    found.append(c)
                    last = c.end() if c.end() > p else p + 1
        out.append(found)
    return out


def _scan(g: Grammar, text: str, low: str, ref: Date | None,
          starts: list[int], ends: list[int], exhaustive: bool = False) -> list[list[Deadline]]:
    """The deadlines of each piece `text[starts[i]:ends[i]]` (pieces joined by `_SEP`), spans in `text`.

    All pieces at once: a document's tasks are scanned together, one anchor scan for all rules (see
    `_cores`), not one regex call per rule per task."""
    out: list[list[Deadline]] = [[] for _ in starts]
    if not text:
        return out
    cands: list[tuple[int, int, int, int, Rule, Out, int, int]] = []
    # Per piece: stretches found inside a name (no shorter phrase in them is a deadline either), then
    # the phrases taken.
    blocked: dict[int, list[tuple[int, int]]] = {}
    single = len(starts) == 1
    for ri, (rule, cores) in enumerate(zip(g.rules, _cores(g, low, exhaustive))):
        if not cores:
            continue
        handler = HANDLERS[rule.handler]
        for core in cores:
            cs = core.start()
            if core.end() == cs:
                continue
            if single:
                k, lo, hi = 0, 0, len(low)
            else:
                k = bisect_right(starts, cs) - 1
                lo, hi = starts[k], ends[k]
                if core.end() > hi:       # cannot happen (see _SEP); kept exact if it ever does
                    core = rule.regex.match(low, cs, hi)
                    if core is None or core.end() == cs:
                        continue
            pm = None
            if rule.prefix is not None:
                # Two characters of the separator before a piece stand for the start of a text.
                pm = rule.prefix.search(low, max(lo - 2 if lo else 0, cs - _PREFIX_WINDOW), cs)
                # An empty prefix counts only where the prefix itself is a context ("at a line start").
                if pm is not None and pm.start() == pm.end() and not rule.prefix_required:
                    pm = None
                if pm is None and rule.prefix_required:
                    continue
            m = _Match(core, pm, lo, hi, low)
            ms = m.start()
            if rule.name_sensitive and _inside_name(g, text, ms, lo, hi):
                blocked.setdefault(k, []).append((ms, m.end()))
                continue
            res = handler(g, m, text, ref)
            if res and not _not_the_tasks(g, low, ms, m.end(), lo, hi):
                cands.append((ms, m.end(), ri, k, rule, res, lo, hi))
    # Longest phrase first, then the earlier rule: "trước ngày 10 hằng tháng" is one recurring
    # deadline, not a date plus a frequency.  (Pieces never overlap: each keeps its own list.)
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    for s, e, _ri, k, rule, res, lo, hi in cands:
        taken = blocked.setdefault(k, [])
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        for span, value, inferred, resolved, kind in res:
            a, b = _trim(text, *(span or (s, e)))
            a, b = max(a, lo), min(b, hi)
            if a >= b:
                continue
            out[k].append(Deadline(text=text[a:b], span=(a, b), kind=kind or rule.kind, value=value,
                                   inferred=inferred, resolved=resolved))
    for found in out:
        if len(found) > 1:
            found.sort(key=lambda d: d.span)
    return out


def find_deadlines(text: str, ref_date: Date | str | None = None) -> list[Deadline]:
    """Every deadline stated in `text`, normalized against `ref_date` (the document's date).

    Spans are relative to `text`, never overlap, and come in order of appearance;
    `text[d.span[0]:d.span[1]] == d.text` always holds.
    """
    if not text:
        return []
    return _scan(load_grammar(), text, _lower(text), _parse_ref(ref_date), [0], [len(text)])[0]


def _pieces(g: Grammar, task: Task) -> list[tuple[int, int]]:
    """The stretches of the document a task's deadlines are read from: its own text, and for a row
    of a task table the cells of its time columns (`Thời gian thực hiện`, `Thời hạn`, `Tiến độ`)."""
    s, e = task.span
    pieces = [(s, e)]
    if task.kind == "row" and task.cells:
        for name, (a, b) in task.cells.items():
            if b > a and (b <= s or a >= e) and g.time_columns.search(name):
                pieces.append((a, b))
    return pieces


def deadlines_stage(doc: Document) -> Document:
    """Tag every task with the deadlines its own text states (a table row: also its time cells).

    All tasks of the document are scanned in one pass (see `_scan`)."""
    g = load_grammar()
    ref = _parse_ref(doc.header.date)
    text = doc.text
    owners: list[int] = []
    spans: list[tuple[int, int]] = []
    n = len(text)
    for i, task in enumerate(doc.tasks):
        task.deadlines = []
        for a, b in (_pieces(g, task) if task.kind == "row" else (task.span,)):
            a, b = max(0, a), min(n, b)
            if b > a:
                owners.append(i)
                spans.append((a, b))
    if not spans:
        return doc
    # Join the pieces; remember where each one starts in the joined text.
    joined = _SEP.join([text[a:b] for a, b in spans])
    step = len(_SEP)
    starts, ends = [], []
    pos = 0
    for a, b in spans:
        starts.append(pos)
        pos += b - a
        ends.append(pos)
        pos += step
    found = _scan(g, joined, _lower(joined), ref, starts, ends)
    for k, dls in enumerate(found):
        if not dls:
            continue
        shift = spans[k][0] - starts[k]
        task = doc.tasks[owners[k]]
        for d in dls:
            d.span = (d.span[0] + shift, d.span[1] + shift)
            task.deadlines.append(d)
    for task in doc.tasks:
        if len(task.deadlines) > 1:
            task.deadlines.sort(key=lambda d: d.span)
    return doc
