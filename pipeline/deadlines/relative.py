"""Deadlines, relative and ongoing: the handlers of a time limit counted from an event (`trong thời hạn
30 ngày kể từ ngày ký`: `P30D`, resolved from the document's date; `ngay sau khi bão tan`: no offset) and of
ongoing tasks (`thường xuyên`, `kịp thời`; not negated or describing a failure).
"""
from __future__ import annotations

import datetime as _dt

from pipeline import regexes
from pipeline.deadlines.filters import _PART_END
from pipeline.deadlines.grammar import _norm
from pipeline.deadlines.points import _add_months
from pipeline.deadlines.recurring import _count
from pipeline.deadlines.values import Out


def _h_after_event(g, m, text, ref) -> Out:
    """As soon as (or after) an event, no offset stated: relative, value null.  Fronted, before a main
    clause in the past tense ("Ngay sau khi bão tan, tỉnh đã ..."), it tells what was done; after its
    verb ("xử lý ngay khi ...") the clause before it is the one the history filters read."""
    before = m.low[max(m.lo, m.start() - 200):m.start()]
    ends = list(_PART_END.finditer(before))
    if not before[ends[-1].end() if ends else 0:].strip(" \t\n|*+-–•()0123456789."):
        rest = m.low[m.end():min(m.hi, m.end() + 200)]
        end = _PART_END.search(rest)
        if g.past_tense.search(rest, 0, end.start() if end else len(rest)):
            return []
    return [(None, None, False, None, None)]


def _h_before_event(g, m, text, ref) -> Out:
    """Before an event, no offset stated (`trước khi trình UBND tỉnh`): relative, value null, as `_h_after_event`
    reads it; but after `đã` in its clause (`các hộp thư đã được cấp trước khi Quy chế được ban hành`) it tells
    when something was done."""
    before = m.low[max(m.lo, m.start() - 200):m.start()]
    cut = max(before.rfind(c) for c in ",.;:\n")
    if _DONE.search(before, cut + 1):
        return []
    return _h_after_event(g, m, text, ref)


_DONE = regexes.compile(r"đ(?<![\w]đ)ã(?![\w])")      # (`(?<![\w])` after the first letter: searched for it alone)

_UNIT_ISO = {"ngày": "D", "tuần": "W", "tháng": "M", "năm": "Y"}


# the document itself between `ngày` and the verb of its issuing: `ngày Kế hoạch này được ban hành` is `ngày ban hành`
_THIS_DOCUMENT = regexes.compile(r"^ngày (?:\w+ ){1,2}này (?:được )?")


def _h_relative_after(g, m, text, ref) -> Out:
    n = _count(g, m.group("n"))
    if not n:
        return []
    unit = _norm(m.group("unit"))
    v = f"P{n}{_UNIT_ISO[unit]}"
    resolved = None
    anchor = _THIS_DOCUMENT.sub("ngày ", _norm(m.group("anchor")))     # (`ngày Kế hoạch này được ban hành`)
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


def _h_relative_bare(g, m, text, ref) -> Out:
    n = _count(g, m.group("n"))
    return [(None, f"P{n}{_UNIT_ISO[_norm(m.group('unit'))]}", False, None, None)] if n else []


def _h_relative_before(g, m, text, ref) -> Out:
    n = _count(g, m.group("n"))
    if not n:
        return []
    return [(None, f"-P{n}{_UNIT_ISO[_norm(m.group('unit'))]}", False, None, None)]


# a negation a few words before the adverb, in its clause: `chưa được tiến hành thường xuyên`, `không được thực hiện kịp
# thời`, `chưa kiểm tra thường xuyên` (a shortcoming); not `không ngừng`, `không chỉ`, `không để` (a goal, a duty)
_NEGATED_VERB = regexes.compile(r"(?:\bchưa(?:\s+được)?(?:\s+[^\W\d_]+){1,3}|\bkhông\s+được(?:\s+[^\W\d_]+){1,3}"
                                r"|\bkhông\s+(?!ngừng\b|chỉ\b|để\b|những\b)[^\W\d_]+(?:\s+[^\W\d_]+)?)\s+$")


def _negated_verb(before: str) -> bool:
    """Whether the clause before an ongoing adverb negates its verb (`_NEGATED_VERB`)."""
    cut = max(before.rfind(c) for c in ",.;:\n(")
    return _NEGATED_VERB.search(before, cut + 1) is not None


def _h_ongoing(g, m, text, ref) -> Out:
    # Whole words only (checked here, not by a leading look-behind that would slow the scan).
    if m.start() > m.lo and text[m.start() - 1].isalnum():
        return []
    # "xử lý không kịp thời", "chưa thường xuyên": a shortcoming, no deadline.
    before = m.low[max(m.lo, m.start() - 25):m.start()]
    if before[-1:].isspace():
        words = before.split()[-3:]
        if any(" ".join(words[k:]) in g.ongoing_negations for k in range(len(words))):
            return []
        if _negated_verb(m.low[max(m.lo, m.start() - 60):m.start()]):
            return []
    # "ngay cả", "cảnh báo sớm", "chi thường xuyên": the word is not about time there.
    for x in g.ongoing_not.finditer(text, max(m.lo, m.start() - 20), min(m.hi, m.end() + 20)):
        if x.start() < m.end() and x.end() > m.start():
            return []
    return [(None, None, False, None, None)]
