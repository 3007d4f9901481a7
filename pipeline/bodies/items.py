"""Items that are only names, read with the lead-in of their list.

An outline's list item may print nothing but one or more names (`- Sở Tài chính;`, `a) Phòng Kế toán - Tài vụ;`).
Alone, the first name of a text is its subject, so such an item made every name a lead.  What the names do is
said by the line that opens the list, its parent's text ending with `:`:
- `Cơ quan phối hợp:` / `Giao Sở Y tế chủ trì, phối hợp với:` + `- Sở Tài chính;`: the names coordinate;
- `Các phòng chuyên môn thuộc Chi cục gồm:` + `a) Phòng Kế toán - Tài vụ;`: the names say what a body is made of
  (the structure of an organisation, the members of a council), no body of a task.
So an item that is only names is read as the end of its parent's last clause (the lead-in and the item joined), and
gets the bodies that reading finds in the item's own words.  An item with words of its own (`- Sở Tài chính bố trí
kinh phí;`), an item with items of its own (a heading that names who does them) and a parent that does not end
with `:` are read alone, as before.
"""
from __future__ import annotations

import re
from typing import Final

from pipeline import regexes
from pipeline.model import Document

# the words an item of names may hold besides the names: list punctuation, joiners, determiners, a closing mark
_FILLER: Final = regexes.compile(r"(?:[\s,;.:/()\-–—+*•]|\bvà\b|\bcác\b|\bhoặc\b)*", re.IGNORECASE)
# a lead-in that ends with a preposition whose object is the list (`phối hợp với:`, `báo cáo về:`, `giao cho:`, `có
# sự phối hợp của:`)
_PREPOSITION_LAST: Final = regexes.compile(r"(?:^|\s)(?:với|về|cho|đến|tới|của)\s*:$", re.IGNORECASE)
# the words that announce the items (`các cơ quan sau:`, `các sở, ngành sau đây:`, `gồm:`), and a role right before
# them (`phối hợp với các cơ quan sau:`, `Cơ quan phối hợp gồm:`; not `chủ trì thành lập Hội đồng thẩm định gồm:`,
# whose members the items name)
_ANNOUNCED: Final = regexes.compile(
    r"\s*(?:(?:các|những)\s+(?:(?!các\s|những\s)[^:;]){1,40}?\s+(?:sau(?:\s+đây)?|như\s+sau|(?:bao\s+)?gồm(?:\s+có)?)|(?:bao\s+)?gồm(?:\s+có)?)"
    r"\s*:$", re.IGNORECASE)
_ROLE_BEFORE: Final = regexes.compile(
    r"(?:^|\s)(?:phối\s+hợp(?:\s+với)?|chủ\s+trì|thực\s+hiện|tham\s+gia|báo\s+cáo(?:\s+về)?|giao(?:\s+cho)?|của)\s*$",
    re.IGNORECASE)


def lead_in(text: str) -> str | None:
    """The last clause of a parent's text when it ends with `:` (the line that opens a list), else None.  After a
    preposition the colon goes (`phối hợp với:` + `Sở Tài chính` read `phối hợp với Sở Tài chính`); after a label it
    stays (`Cơ quan phối hợp:`, `chủ trì thực hiện:`: a label governs the list after its colon)."""
    stripped = text.rstrip()
    if not stripped.endswith(":"):
        return None
    cut = max(stripped.rfind(c, 0, len(stripped) - 1) for c in ".;!?\n") + 1     # (after the last clause end)
    clause = stripped[cut:].strip()
    # the list's own announcement stands for its items: `phối hợp với các cơ quan sau:` / `- Sở Tài chính` reads
    # `phối hợp với Sở Tài chính`, `Cơ quan phối hợp gồm:` a label (`gồm` after a role word: no structure listed)
    m = _ANNOUNCED.search(clause)
    if m is not None and _ROLE_BEFORE.search(clause, 0, m.start()):
        clause = clause[:m.start()] + ":"
    if _PREPOSITION_LAST.search(clause):
        clause = clause[:-1].rstrip()
    return clause or None


def names_only(text: str, spans: list[tuple[int, int]]) -> bool:
    """Whether `text` holds nothing but the names at `spans` (relative to it) and list punctuation between them,
    and does not end with `:`."""
    if not spans or text.rstrip().endswith(":"):
        return False    # (`UBND các xã, phường:`: a heading that names who does what its items say)
    x = 0
    for s, e in sorted(spans):
        if s > x and _FILLER.fullmatch(text, x, s) is None:
            return False
        x = max(x, e)
    return _FILLER.fullmatch(text, x, len(text)) is not None


def lead_ins(doc: Document) -> dict[int, str]:
    """For each task (by index) with no items of its own whose parent's text ends with `:`, the lead-in its names
    are read with."""
    by_path = {t.path: t for t in doc.tasks}
    headings = {t.parent for t in doc.tasks}
    out: dict[int, str] = {}
    text = doc.text
    read: dict[str, str | None] = {}        # each parent's lead-in, read once for all its items
    for ti, t in enumerate(doc.tasks):
        parent = by_path.get(t.parent) if t.parent else None
        if parent is None or t.kind == "row" or parent.kind == "row" or t.path in headings:
            continue    # (an item with items of its own is a heading: `Ban Thường trực Ủy ban MTTQ xã` + its duties)
        s, e = parent.span
        if not text[max(s, e - 8):e].rstrip().endswith(":"):
            continue    # (most parents: no list announced; their text is not copied)
        if parent.path not in read:
            read[parent.path] = lead_in(text[s:e])
        clause = read[parent.path]
        if clause is not None:
            out[ti] = clause
    return out
