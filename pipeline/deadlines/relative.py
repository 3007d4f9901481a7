"""Deadlines, relative and ongoing: the handlers of a time limit counted from an event (`trong thời hạn
30 ngày kể từ ngày ký`: `P30D`, resolved from the document's date; `ngay sau khi bão tan`: no offset) and of
ongoing tasks (`thường xuyên`, `kịp thời`; not negated or describing a failure).
"""
from __future__ import annotations

import datetime as _dt
import re

from pipeline import regexes
from pipeline.deadlines.filters import _PART_END
from pipeline.deadlines.grammar import _norm
from pipeline.deadlines.points import _add_months
from pipeline.deadlines.recurring import _count
from pipeline.deadlines.values import Out
from pipeline.lang import type_names


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


def _h_before_meeting(g, m, text, ref) -> Out:
    """Before a session or a congress (`trình trước kỳ họp thứ 5`): as `_h_before_event`, but not after a verb that
    says before whom (`chịu trách nhiệm trước Đại hội`, `trả lời chất vấn trước kỳ họp`: lexicon `before_audience`)."""
    before = m.low[max(m.lo, m.start() - 40):m.start()]
    cut = max(before.rfind(c) for c in ",.;:\n")
    if g.before_audience.search(before, cut + 1):
        return []
    return _h_before_event(g, m, text, ref)


_DONE = regexes.compile(r"đ(?<![\w]đ)ã(?![\w])")      # (`(?<![\w])` after the first letter: searched for it alone)

_UNIT_ISO = {"ngày": "D", "tuần": "W", "tháng": "M", "năm": "Y"}


# the document itself between `ngày` and the verb of its issuing: `ngày Kế hoạch này được ban hành` is `ngày ban hành`
# (a type's name: `ngày hợp đồng này được ký` is another paper's day)
_THIS_DOCUMENT = regexes.compile(r"^ngày (?:" + "|".join(sorted({re.escape(n.lower()) for n in type_names()},
                                                                key=lambda n: (-len(n), n))) + r") này (?:được )?")


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
# thời`, `chưa kiểm tra thường xuyên`, `không cung cấp kịp thời` (a shortcoming); not `không` of a noun (`Cục Hàng
# không`, `phòng không`, `không gian mạng`, `không khí`), nor `không ngừng`, `không chỉ`, `không để` (a goal, a duty)
_NOUN_BEFORE_KHONG = frozenset({"hàng", "phòng"})
_NEGATED_VERB = regexes.compile(
    r"(?:\bchưa(?:\s+được)?|\bkhông\s+được|" + "".join(rf"(?<!{w}\s)" for w in sorted(_NOUN_BEFORE_KHONG))
    + r"\bkhông(?!\s+(?:ngừng|chỉ|để|những|gian|khí|quân|phận|lưu|ảnh)\b))(?:\s+[^\W\d_]+){1,3}\s+$")
# an adverb that goes before its verb (`khẩn trương gửi`, `sớm hoàn thành`): with a word after it, a negation before it
# is the subject's (`Các sở chưa gửi báo cáo khẩn trương gửi về ...`: the ones that have not sent it must hurry)
_BEFORE_ITS_VERB = regexes.compile(r"(?:khẩn|khân|khan)\s+trương|sớm")
_WORD_AFTER = regexes.compile(r"\s+[^\W\d_]")


def _negated_verb(before: str, adverb: str, after: str) -> bool:
    """Whether the clause before an ongoing adverb negates its verb (`_NEGATED_VERB`)."""
    if _BEFORE_ITS_VERB.fullmatch(adverb) and _WORD_AFTER.match(after):
        return False
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
        if any(" ".join(words[k:]) in g.ongoing_negations for k in range(len(words))) \
                and not (len(words) >= 2 and words[-1] == "không" and words[-2] in _NOUN_BEFORE_KHONG):
            return []       # (`phòng không`, `hàng không`: a noun, no negation)
        if _negated_verb(m.low[max(m.lo, m.start() - 60):m.start()], m.low[m.start():m.end()],
                         m.low[m.end():min(m.hi, m.end() + 12)]):
            return []
    # "ngay cả", "cảnh báo sớm", "chi thường xuyên": the word is not about time there.
    for x in g.ongoing_not.finditer(text, max(m.lo, m.start() - 20), min(m.hi, m.end() + 20)):
        if x.start() < m.end() and x.end() > m.start():
            return []
    return [(None, None, False, None, None)]
