"""The year a document's year-less deadlines (`trước ngày 15/6`, `Tháng 5`, `Cả năm`) belong to when its
date is unknown.

SCHEMA: a year left out is taken from the document's date. Where no full date is printed, the year is
still known when
- the date line prints it with the day left blank, an unsigned copy (`ngày    tháng 8 năm 2025`:
  `Header.year`, read by the header stage), or
- the document states its own period as one year, in the sentence that introduces it or in a news
  copy's title line (`... xây dựng Kế hoạch thực hiện ... năm 2022, cụ thể như sau:`; `Kế hoạch công
  tác năm 2024`): a header-less copy keeps that sentence.
Not its own period: a plan cited or asked for (`Thực hiện Quyết định số 45/QĐ-UBND ... ban hành Kế
hoạch ... năm 2022`, `đề nghị các đơn vị xây dựng kế hoạch ... năm 2025`, a subject line `V/v xây dựng
kế hoạch ...`), a year inside a symbol or date, a stage (`năm 2021 - 2025`), a plan that reviews a
year past (`Kế hoạch tổ chức Hội nghị tổng kết công tác năm 2024`).
"""
from __future__ import annotations

import re
from functools import cache

from .. import regexes
from ..model import Deadline, Document
from .grammar import _alt, load_grammar


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """From the grammar's lexicon (`own_period_*`): the plan that states the document's own year (a plan's
    noun opening a line, or after what the preamble does, then its topic with no sentence end, up to `năm
    YYYY` that starts no stage), and what in its topic and in the clause before it says the plan is another's
    (a number or date of a cited document, a review of a year past; a citing, asking or subject word)."""
    lex = load_grammar().lex
    own = regexes.compile(rf"(?:^|\b(?:{_alt(lex['own_period_verbs'])})\s+)(?:{_alt(lex['own_period_plans'])})\b"
                          r"(?P<topic>[^.;:\n]{0,200}?)\bnăm\s+(?P<y>(?:19|20)\d\d)\b(?!\s*(?:[-–—/]|đến\b))",
                          re.I | re.M)
    not_topic = regexes.compile(rf"\d|\b(?:{_alt(lex['own_period_not_topic'])})\b", re.I)
    not_clause = regexes.compile(rf"\d|\b(?:{_alt(lex['own_period_not_clause'])})\b", re.I)
    return own, not_topic, not_clause


def reference_year(doc: Document) -> int | None:
    """The year of `doc`'s date, or where the date is unknown the year it prints or states as its own
    period (see the module's doc); None when nothing says."""
    if doc.header.year is not None:
        return doc.header.year
    own, not_topic, not_clause = _patterns()
    first = min((t.span[0] for t in doc.tasks), default=len(doc.text))
    m = own.search(doc.text, 0, first)
    if m is None or not_topic.search(m.group("topic")):
        return None
    text = doc.text
    clause = max(text.rfind(c, 0, m.start()) for c in ".;:,\n") + 1
    if not_clause.search(text, clause, m.start()):
        return None
    return int(m.group("y"))


def fill_years(found: list[list[Deadline]], dated: list[list[Deadline]]) -> None:
    """Give the year-less deadlines of `found` (scanned with no date: value null) the value the same
    phrase has in `dated`, scanned against the year the document states (`reference_year`); what
    needs the full date (`từ nay`, a bare date's test against the signing day) stays as it was."""
    for mine, theirs in zip(found, dated, strict=True):
        by_span = {(d.span, d.kind): d for d in theirs if d.inferred}
        for d in mine:
            other = by_span.get((d.span, d.kind)) if d.inferred and d.value is None else None
            if other is not None:
                d.value = other.value
