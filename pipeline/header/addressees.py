"""Addressees printed with no `Kính gửi:` label: the dash list that opens a body.

A copy that lost its header (or the table cell that held `Kính gửi:`, or a Công điện's `THỦ TƯỚNG CHÍNH PHỦ
điện:`) opens its body with the list of addressees, then the preamble's prose, then the outline:

    - Chủ tịch Ủy ban nhân dân các tỉnh, thành phố: Hà Tĩnh, Quảng Trị;
    - Bộ trưởng các Bộ: Tài chính, Xây dựng.
    Trong những ngày qua, mưa lũ lớn ... Thủ tướng Chính phủ yêu cầu:
    1. ...

Read as the outline, the dashes were its first items and every item after them moved one place down.  They are
the addressees (GOLD.md: the `Kính gửi` list is no node) when all three hold: every dash item names an office or an
organ and no duty (models/header.toml `addressees`), prose follows them, and an outline of numbered items follows
the prose.
"""
from __future__ import annotations

import re
from functools import cache

from .. import regexes
from ..model import Document
from ..read import BULLET_CHARS, MARKER_RE
from .signer import _split_list
from .units import Unit, _facts

# an addressee is a name, a line or two: a longer item is a sentence
_MOST_CHARS = 300


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern]:
    """(an item's opening: leading words then a head; a duty's verb anywhere in it), from `addressees`."""
    facts = _facts()
    table = facts["addressees"]
    heads = {*table["more_heads"], *facts["issuer"]["heads"], *facts["signer"]["positions"]}     # (read case-blind)
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(heads, key=lambda w: (-len(w), w)))
    lead = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in table["leading"])
    opening = regexes.compile(rf"(?:(?:{lead})\s+)*(?:{alt})(?![\wĐđ])", re.IGNORECASE)
    verbs = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in table["task_verbs"])
    duty = regexes.compile(rf"(?<![\wĐđ])(?:{verbs})(?![\wĐđ])")        # (lower case: `Ban Chỉ đạo` is a name)
    return opening, duty


def _addressee_item(text: str) -> bool:
    """Whether a unit is a dash item that names an office or an organ (`- Bộ trưởng các Bộ: Tài chính, Nội vụ;`)."""
    if not text or text[0] not in BULLET_CHARS or text[:2] == "--":
        return False
    item = text.lstrip(BULLET_CHARS + " \t")
    last = item.rstrip()[-1:]
    if len(item) > _MOST_CHARS or not (last in (";", ".", ",") or last.isalnum()):
        return False        # (a name ends a list item or its line, never on `:` or a bracket)
    opening, duty = _patterns()
    return opening.match(item) is not None and duty.search(item) is None


def _goes_on(before: str, text: str) -> bool:
    """A dash item that goes on with the names the item before it left open with a comma (`- Chủ tịch Ủy ban nhân dân
    các tỉnh: Gia Lai,` / `- Đắk Lắk và Khánh Hòa;`: a scrape's stray dash)."""
    return before.rstrip().endswith(",") and text[:1] in BULLET_CHARS and len(text) <= _MOST_CHARS \
        and _patterns()[1].search(text) is None


def _opens_outline(text: str) -> bool:
    """A numbered item (`1.`, `I.`, `a)`, `Điều 1.`), not a bullet."""
    return text[:1] not in BULLET_CHARS and (MARKER_RE.match(text) is not None or text.startswith("Điều "))


def bare_addressees(doc: Document, units: list[Unit], start: int) -> int:
    """Where the body starts once a dash list of addressees at `start` (no `Kính gửi` found) is read as the
    header's `addressees`; `start` when there is none."""
    h = doc.header
    if h.addressees:
        return start
    end = start
    while end < len(units) and (_addressee_item(units[end].text) or end > start and _goes_on(units[end - 1].text,
                                                                                             units[end].text)):
        end += 1
    if end == start or end >= len(units):
        return start
    prose = units[end].text
    if not prose[:1].isupper() or _opens_outline(prose) or prose[0] in BULLET_CHARS:
        return start
    if not any(_opens_outline(u.text) for u in units[end + 1:]):
        return start
    items: list[str] = []
    for k in range(start, end):
        if k > start and _goes_on(units[k - 1].text, units[k].text):
            items[-1] += " " + units[k].text.lstrip(BULLET_CHARS + " \t")
        else:
            items.append(units[k].text)
    h.addressees = _split_list(" ; ".join(items))
    h.spans["addressees"] = (units[start].span[0], units[end - 1].span[1])
    return end
