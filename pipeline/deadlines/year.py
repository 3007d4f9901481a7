"""The year a document's year-less deadlines (`trước ngày 15/6`, `Tháng 5`, `Cả năm`) belong to when its
date is unknown.

SCHEMA: a year left out is taken from the document's date. Where no full date is printed, the year is
still known when
- the date line prints it with the day left blank, an unsigned copy (`ngày    tháng 8 năm 2025`:
  `Header.year`, read by the header stage), or
- the document states its own period, as a plan or programme for one year does in its title or in the
  sentence that introduces it (`Kế hoạch công tác năm 2024`; `... xây dựng Kế hoạch thực hiện ... năm
  2022, cụ thể như sau:`): a header-less copy keeps that sentence. One year only: a title that names
  two (`tổng kết năm 2024, triển khai nhiệm vụ năm 2025`) or a stage (`giai đoạn 2021-2025`) gives none.
A cited plan (`Thực hiện Kế hoạch số 12/KH-UBND ... năm 2022`) is another document's period, not this
one's: only the document's own title, or `ban hành` / `xây dựng` this plan, counts.
"""
from __future__ import annotations

import re

from ..model import Deadline, Document

# `Kế hoạch`/`Chương trình` opening the title, or what the preamble says it issues; then its topic (no
# sentence end, no symbol) up to `năm YYYY` that is not the start of a stage (`năm 2021 - 2025`).
_OWN_PLAN = re.compile(
    r"(?:^|\b(?:ban hành|xây dựng)\s+)(?:kế hoạch|chương trình)\b(?P<topic>[^.;:\n]{0,200}?)"
    r"\bnăm\s+(?P<y>(?:19|20)\d\d)\b(?!\s*(?:[-–—/]|đến\b))", re.I | re.M)
_SYMBOL = re.compile(r"\d+\s*/\s*\w|\bsố\s+\d")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def reference_year(doc: Document) -> int | None:
    """The year of `doc`'s date, or where the date is unknown the year it prints or states as its own
    period (see the module's doc); None when nothing says."""
    h = doc.header
    if h.year is not None:
        return h.year
    if h.title:
        year = _one_year(h.title)
        if year is not None and (_OWN_PLAN.search(h.title) or (h.doc_type or "").lower() in _PLAN_TYPES):
            return year
    first = min((t.span[0] for t in doc.tasks), default=len(doc.text))
    m = _OWN_PLAN.search(doc.text, 0, first)
    if m is None or _SYMBOL.search(m.group("topic")):
        return None
    return int(m.group("y"))


_PLAN_TYPES = frozenset({"kế hoạch", "chương trình"})


def _one_year(title: str) -> int | None:
    years = set(_YEAR.findall(title))
    return int(years.pop()) if len(years) == 1 and not re.search(r"\d\s*[-–—]\s*(?:19|20)\d\d", title) else None


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
