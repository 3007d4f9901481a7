"""Deadlines: find the time constraints a task states and normalize them (SCHEMA.md, "Deadlines").

The grammar is data (`models/deadlines.toml`, card `models/deadlines.md`): word lists and one regex
template per phrase shape, each with examples and counter-examples.  The code only knows how to
turn a matched phrase into a value (an ISO date, an interval, an RRULE, an ISO duration).
Normalization is always against the reference date passed in (the document's date), never today's:
a directive's "trước ngày 15/6" means the 15th of June of the year it was signed.

Why the few filters exist (all are grammar facts, none is about a particular file; the first and
the third are checked by the handlers, `deadlines/values.py`, the others in `deadlines/filters.py`):
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

The stage's modules:
- `deadlines/stage.py` (this one): the stage (`deadlines_stage`), `find_deadlines`, the scan of a text with
  every rule (`_cores`, `_scan`, `_lower`); it re-exports the names other code imports from
  `pipeline.deadlines.stage` (`load_grammar`, `Grammar`, `Rule` ...);
- `deadlines/grammar.py`: loading `models/deadlines.toml` and compiling its rules (`load_grammar`);
- `deadlines/points.py`: points in time (`Point`): parse a matched fragment, bound it by a year; the
  reference date (`parse_ref`);
- `deadlines/handlers.py`: `HANDLERS`, the function of each rule's `handler` name, and `_Match`, a match as
  the handlers see it; the handlers that turn a match into values: `deadlines/values.py` (dates and
  periods), `deadlines/recurring.py` (RRULEs), `deadlines/relative.py` (durations, relative and ongoing
  deadlines);
- `deadlines/filters.py`: the clause-level filters (`_inside_name`, `_not_the_tasks`).
"""
from __future__ import annotations

import functools
import re
from bisect import bisect_left, bisect_right, insort
from itertools import accumulate, repeat
from typing import Final

from pipeline import regexes
from pipeline.deadlines.filters import _fine, _inside_name, _not_the_tasks
from pipeline.deadlines.grammar import GRAMMAR_PATH, Date, Grammar, Rule, anchor_matches, load_grammar
from pipeline.deadlines.handlers import HANDLERS, REJECTS, _Match
from pipeline.deadlines.points import Point, parse_ref
from pipeline.deadlines.year import fill_years, reference_year
from pipeline.model import Deadline, Document, Task

__all__ = ["GRAMMAR_PATH", "HANDLERS", "Date", "Grammar", "Point", "Rule", "deadlines_stage",
           "find_deadlines", "load_grammar"]


_PREFIX_WINDOW = 80
# the bounds of how long a paper stays valid, after `valid_before` (`có giá trị sử dụng đến / tới / kể từ / trong
# thời hạn ...`)
_VALID_BOUNDS = ("đến", "tới", "từ", "kể từ", "trong thời hạn", "trong vòng")
# what stands between the rhythms of two activities (`_without_weaker_rhythms`: `giao ban hằng tháng, gửi báo cáo
# trước ngày 25 hằng tháng`, `kiểm tra hằng năm và báo cáo trước ngày 15/12 hằng năm`)
_RHYTHMS_APART = regexes.compile(r"[.;!?\n,]|\svà\s")


@functools.cache
def _lower_table() -> dict[int, int]:
    """str.lower() may change a text's length ("İ" -> "i̇"); this table lower-cases only the characters
    whose lower case is one character, so offsets in the lower-cased text are offsets in the text.
    (Built when a text first needs it: 30 ms that no other text pays.)"""
    return {c: ord(c_low) for c in range(0x10000) if (c_low := chr(c).lower()) != chr(c) and len(c_low) == 1}


def _lower(text: str) -> str:
    """The text lower-cased, same length (every offset holds); str.lower() when it keeps the length."""
    low = text.lower()
    return low if len(low) == len(text) else text.translate(_lower_table())


_TRIM = " \t\r\n|*+-–•"


def _trim(text: str, s: int, e: int) -> tuple[int, int]:
    while s < e and text[s] in _TRIM:
        s += 1
    while e > s and text[e - 1] in _TRIM + ".,;:":
        e -= 1
    return s, e


# Pieces of text scanned together are joined by this: no rule's pattern can match across it (no pattern
# matches NUL, and `\s*` stops at it), and each piece is preceded and followed by a blank line, which
# every rule reads as it reads the start and the end of a text.
_SEP = "\n\n\x00\n\n"


def _cores(g: Grammar, low: str, exhaustive: bool = False, rows: bool = True) -> list[list[re.Match[str]]]:
    """Every rule's core matches in `low`, as `finditer` of each rule would give them (a rule whose core
    starts with a point in time: its match at every point that `finditer` of the points gives); with `rows`
    false (no piece is a row's or a cell's), none of the rules for rows (`rows_only`), which read no other piece.

    The anchor scan (`anchor_matches`: `g.anchors`, by parts) finds every place where a point or a rule's
    core may start; each rule is tried only there.  `exhaustive` scans with every rule's regex instead (the
    reference: same result)."""
    rules = g.rules
    if exhaustive:
        points = [p.start() for p in g.points.finditer(low)]
        return [[c for c in map(r.regex.match, repeat(low), points) if c is not None] if r.at_points
                else list(r.regex.finditer(low)) for r in rules]
    # One pass over the anchors, in order: each rule's `finditer` replayed where its core may start (a match
    # ends the stretch that rule searches), and so is `finditer` of the points.
    out: list[list[re.Match[str]]] = [[] for _ in rules]
    last = [0] * len(rules)
    points = []
    last_point = 0
    dispatch, core_match, point_match = g.dispatch, g.core_match, g.points.match
    for a in anchor_matches(g, low):
        pt, rs = dispatch[a.group()]        # (a number's anchor is its first digit: keyed too)
        p = a.start()
        if pt and p >= last_point:
            pm = point_match(low, p)
            if pm is not None:
                points.append(p)
                last_point = pm.end()
        for ri in rs:
            if p >= last[ri]:
                c = core_match[ri](low, p)
                if c is not None:
                    out[ri].append(c)
                    e = c.end()
                    last[ri] = e if e > p else p + 1
    for ri, r in enumerate(rules):
        if r.rows_only and not rows:
            out[ri] = []
        elif r.at_points:
            out[ri] = [c for c in map(core_match[ri], repeat(low), points) if c is not None] if points else []
    return out


# What a piece of text is, for the rules that read it: a task's text, the text or a time cell of a row of a
# task table (every rule), another cell of a row (only the rules for rows, `rows_only`).  A time cell is read
# as the row's text is; only its value alone (a bare year, `2026`) is known there to be a time.
ITEM, ROW, ROW_CELL, TIME_CELL = 0, 1, 2, 3


def _scan(g: Grammar, text: str, low: str, ref: Date | None,
          starts: list[int], ends: list[int], exhaustive: bool = False,
          scopes: list[int] | None = None, cores: list[list[re.Match[str]]] | None = None,
          cands: tuple[list[_Cand], dict[int, list[tuple[int, int]]]] | None = None) -> list[list[Deadline]]:
    """The deadlines of each piece `text[starts[i]:ends[i]]` (pieces joined by `_SEP`), spans in `text`;
    `scopes[i]` says what piece i is (`ITEM` when not given); `cores`: `_cores(g, low)`, `cands`: `_candidates`
    (the same whatever the reference date), when the caller has them.

    All pieces at once: a document's tasks are scanned together, one anchor scan for all rules (see
    `_cores`), not one regex call per rule per task."""
    out: list[list[Deadline]] = [[] for _ in starts]
    if not text:
        return out
    # Per piece: stretches found inside a name (no shorter phrase in them is a deadline either), then
    # the phrases taken.
    found, blocked = cands or _candidates(g, text, low, starts, ends, exhaustive, scopes, cores)
    # Longest phrase first, then the earlier rule: "trước ngày 10 hằng tháng" is one recurring
    # deadline, not a date plus a frequency.  (Pieces never overlap: each keeps its own list.)
    found.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken: dict[int, _Taken] = {}
    for s, e, _ri, k, rule, m, lo, hi in found:
        piece = taken.get(k)
        if piece is None:
            piece = taken[k] = _Taken(blocked.get(k, []))
        if not piece.free(s, e):
            continue      # (a phrase taken before it covers it: its values are never read)
        res = HANDLERS[rule.handler](g, m, text, ref)
        if not res or _not_the_tasks(g, low, s, e, lo, hi, rule.kind):
            continue
        piece.take(s, e)
        for span, value, inferred, resolved, kind in res:
            a, b = _trim(text, *(span or (s, e)))
            a, b = max(a, lo), min(b, hi)
            if a >= b:
                continue
            out[k].append(Deadline(text=text[a:b], span=(a, b), kind=kind or rule.kind, value=value,
                                   inferred=inferred, resolved=resolved))
    for piece_found in out:
        if len(piece_found) > 1:
            piece_found.sort(key=lambda d: d.span)
            piece_found[:] = _without_weaker_rhythms(piece_found, low)
    return out


def _without_weaker_rhythms(found: list[Deadline], low: str) -> list[Deadline]:
    """A bare rhythm (`hằng tháng`: `FREQ=MONTHLY`) that a fuller one of the same frequency in the same phrase says
    more precisely (`báo cáo hằng tháng trước ngày 25 hằng tháng`: `FREQ=MONTHLY;BYMONTHDAY=25`) is the same
    deadline: only the fuller one stays (a comma or `và` between them parts two activities)."""
    # (the same rhythm said more precisely: days or months added, never another interval: `hằng tháng` and `quý`
    # `FREQ=MONTHLY;INTERVAL=3` are two)
    fuller = [d for d in found if d.kind == "recurring" and d.value and ";" in d.value and "INTERVAL=" not in d.value]
    if not fuller:
        return found

    def weaker(d: Deadline) -> bool:
        return d.kind == "recurring" and d.value is not None and ";" not in d.value and any(
            f.value.startswith(d.value + ";") and not _RHYTHMS_APART.search(  # type: ignore[union-attr]
                low, min(d.span[1], f.span[1]), max(d.span[0], f.span[0])) for f in fuller)
    return [d for d in found if not weaker(d)]


class _Taken:
    """The stretches of one piece that a phrase may not overlap: those `_candidates` blocked, and the
    phrases taken so far.  Each test is two bisections, not a scan of every stretch (a piece of
    thousands of lines made the scan quadratic)."""

    __slots__ = ("phrases", "reach", "starts")

    def __init__(self, blocked: list[tuple[int, int]]) -> None:
        spans = sorted(blocked)
        self.starts = [a for a, _ in spans]
        self.reach = list(accumulate((b for _, b in spans), max))   # the furthest end of those so far
        self.phrases: list[tuple[int, int]] = []    # taken: they overlap nothing, so ends grow with starts

    def free(self, s: int, e: int) -> bool:
        """Whether `[s, e)` overlaps no stretch (none starts before `e` and ends after `s`)."""
        p = bisect_left(self.starts, e)
        if p and self.reach[p - 1] > s:
            return False
        q = bisect_left(self.phrases, (e,))
        return not (q and self.phrases[q - 1][1] > s)

    def take(self, s: int, e: int) -> bool:
        """Take `[s, e)` unless it overlaps a stretch."""
        free = self.free(s, e)
        if free:
            insort(self.phrases, (s, e))
        return free


_Cand = tuple[int, int, int, int, Rule, _Match, int, int]


def _candidates(g: Grammar, text: str, low: str, starts: list[int], ends: list[int], exhaustive: bool,
                scopes: list[int] | None = None, cores: list[list[re.Match[str]]] | None = None
                ) -> tuple[list[_Cand], dict[int, list[tuple[int, int]]]]:
    """Every rule's matches: (start, end, rule number, piece, rule, match, piece start, piece end), and per
    piece the stretches of a name that block shorter phrases.  A rule for rows reads only the pieces
    of rows; the other rules every piece but a row's cell outside its time columns.  `_scan` reads their
    values (handler, `_not_the_tasks`) only where no phrase taken before covers them."""
    cands: list[_Cand] = []
    blocked: dict[int, list[tuple[int, int]]] = {}
    single = len(starts) == 1
    n = len(low)
    every = _cores(g, low, exhaustive) if cores is None else cores
    in_force, valid = g.in_force_before.search, g.valid_before.search
    for ri, (rule, matches) in enumerate(zip(g.rules, every, strict=True)):
        if not matches:
            continue
        prefix, rows_only = rule.prefix, rule.rows_only
        required = prefix is not None and rule.prefix_required
        checks_name, checks_force = rule.name_sensitive, rule.kind != "ongoing"
        reject = REJECTS.get(rule.handler)
        for core in matches:
            cs, ce = core.start(), core.end()
            if ce == cs:
                continue
            if single:
                k, lo, hi = 0, 0, n
            else:
                k = bisect_right(starts, cs) - 1
                lo, hi = starts[k], ends[k]
                if ce > hi:       # cannot happen (see _SEP); kept exact if it ever does
                    cut = rule.regex.match(low, cs, hi)
                    if cut is None or cut.end() == cs:
                        continue
                    core, ce = cut, cut.end()
            scope = scopes[k] if scopes is not None else ITEM
            if (scope == ITEM) if rows_only else (scope == ROW_CELL):
                continue
            pm = None if prefix is None else _prefix(rule, low, lo, cs)
            if pm is None and required:
                continue
            ms = cs if pm is None else pm.start()
            if checks_name and _inside_name(g, text, ms, lo, hi, _fine(g, low[ms:ce])):
                blocked.setdefault(k, []).append((ms, ce))
                continue
            if checks_force and (in_force(low, max(lo, ms - _IN_FORCE_REACH), ms)
                                 or low.startswith(_VALID_BOUNDS, ms) and valid(low, max(lo, ms - 30), ms)):
                # the date a rule takes effect: no shorter phrase in it ("ngày 01/12/2025") is a deadline either
                blocked.setdefault(k, []).append((ms, ce))
                continue
            m = _Match(core, pm, lo, hi, low, scope == TIME_CELL)
            if reject is None or not reject(m):
                cands.append((ms, ce, ri, k, rule, m, lo, hi))
    return cands, blocked


# how far before a phrase its rule's taking effect is looked for: `hiệu lực thi hành kể từ ngày ký ban hành ` (48
# characters) with room for a parenthesis
_IN_FORCE_REACH: Final = 60


def _prefix(rule: Rule, low: str, lo: int, cs: int) -> re.Match[str] | None:
    """The cue words a rule's core at cs may have just before it (in the same piece)."""
    if rule.prefix is None:
        return None
    # Two characters of the separator before a piece stand for the start of a text.
    pm = rule.prefix.search(low, max(lo - 2 if lo else 0, cs - _PREFIX_WINDOW), cs)
    # An empty prefix counts only where the prefix itself is a context ("at a line start").
    if pm is not None and pm.start() == pm.end() and not rule.prefix_required:
        return None
    return pm


def find_deadlines(text: str, ref_date: Date | str | None = None, row: bool = False) -> list[Deadline]:
    """Every deadline stated in `text`, normalized against `ref_date` (the document's date); `row`: the
    text is (a cell of) a row of a task table, which the rules for rows read too.

    Spans are relative to `text`, never overlap, and come in order of appearance;
    `text[d.span[0]:d.span[1]] == d.text` always holds.
    """
    if not text:
        return []
    return _scan(load_grammar(), text, _lower(text), parse_ref(ref_date), [0], [len(text)],
                 scopes=[ROW] if row else None)[0]


def _pieces(g: Grammar, task: Task) -> list[tuple[int, int, int]]:
    """The stretches of the document a task's deadlines are read from, with what each is (`ITEM`, `ROW`,
    `ROW_CELL`): its own text, and for a row of a task table its cells, those of its time columns
    (`Thời gian thực hiện`, `Thời hạn`, `Tiến độ`) read as its text is, the others by the rules for rows."""
    s, e = task.span
    if task.kind != "row":
        return [(s, e, ITEM)]
    pieces = [(s, e, ROW)]
    for name, (a, b) in task.cells.items():
        if b > a and (b <= s or a >= e):
            pieces.append((a, b, TIME_CELL if g.time_columns.search(name) else ROW_CELL))
    return pieces


def _all_pieces(g: Grammar, tasks: list[Task], n: int) -> tuple[list[int], list[tuple[int, int]], list[int]]:
    """The pieces of every task (`_pieces`), within the text (`n` long) and not empty: (the task's number,
    the piece's span, what it is) of each; every task's deadlines emptied."""
    owners: list[int] = []
    spans: list[tuple[int, int]] = []
    scopes: list[int] = []
    for i, task in enumerate(tasks):
        task.deadlines = []
        for a, b, scope in _pieces(g, task):
            a, b = max(0, a), min(n, b)
            if b > a:
                owners.append(i)
                spans.append((a, b))
                scopes.append(scope)
    return owners, spans, scopes


def deadlines_stage(doc: Document) -> Document:
    """Tag every task with the deadlines its own text states (a table row: also its time cells).

    All tasks of the document are scanned in one pass (see `_scan`)."""
    g = load_grammar()
    ref = parse_ref(doc.header.date)
    text = doc.text
    owners, spans, scopes = _all_pieces(g, doc.tasks, len(text))
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
    low, kinds = _lower(joined), scopes if any(scopes) else None
    # (where each rule matches, and what it finds there: the same text, whatever the reference date)
    cands = _candidates(g, joined, low, starts, ends, False, kinds, _cores(g, low, rows=kinds is not None))
    found = _scan(g, joined, low, ref, starts, ends, scopes=kinds, cands=cands)
    year = reference_year(doc) if ref is None else None
    if year is not None:        # (a dateless document: its year-less deadlines read again with the year it states)
        fill_years(found, _scan(g, joined, low, Date(year, 1, 1), starts, ends, scopes=kinds, cands=cands))
    tasks = doc.tasks
    several: set[int] = set()       # the tasks given deadlines by more than one piece (each piece's are in order)
    for k, dls in enumerate(found):
        if not dls:
            continue
        shift = spans[k][0] - starts[k]
        i = owners[k]
        task = tasks[i]
        if task.deadlines:
            several.add(i)
        for d in dls:
            d.span = (d.span[0] + shift, d.span[1] + shift)
            task.deadlines.append(d)
    for i in several:
        tasks[i].deadlines.sort(key=lambda d: d.span)
    return doc
