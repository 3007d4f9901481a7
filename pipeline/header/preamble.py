"""A scraped page's preamble before the document's own header block.

Legal-text sites print their own matter before a document: a table of its metadata (`Số hiệu`,
`Loại văn bản`, `Nơi ban hành`), a news summary of it, often with numbered points of its own
(`Theo đó ... như sau: (1) ... (2) ...`), notices and menus.  The header zone (`_header_zone_end`)
then ends at the summary's first point, long before the header block, and the body read from there
holds the summary's points as tasks.  NĐ 30/2020 and HD 36 give every document the national motto
(or `ĐẢNG CỘNG SẢN VIỆT NAM`) beside the issuer, the `Số` line under them and the type line after:
where the zone holds no motto and a later motto opens such a block, the header is read from that
block (its issuer's lines just above the motto included) and what stands before it is no part of
the document.  A motto alone (a form quoted in a news article: `Mẫu phiếu bầu`, `Tờ khai`) is not
such a block: it has no `Số` line and type line under it.
"""
from __future__ import annotations

from ..lang import symbols
from .units import _SO_RE, Unit, _facts, is_caps

PREAMBLE_MAX_UNITS = 120     # a site's metadata and summary fill a few dozen units; a document's body, more
BLOCK_UNITS = 8              # the `Số` line and the type line stand within this many units after the motto
ISSUER_UNITS = 3             # the issuer's lines (caps, short) just above the motto


def header_block_start(units: list[Unit], zone: int) -> int:
    """Index of the first unit of the document's own header block after a scraped page's preamble,
    or 0 where the header zone (`units[:zone]`, `_header_zone_end`) is the document's own (see the
    module docstring)."""
    motto = _facts()["_motto"]
    if any(motto.search(u.text) for u in units[:zone]):
        return 0
    for k in range(zone, min(len(units), PREAMBLE_MAX_UNITS)):
        if motto.search(units[k].text) and _opens_header_block(units, k):
            return _issuer_above(units, k)
    return 0


def _opens_header_block(units: list[Unit], k: int) -> bool:
    """A `Số ...` line and a type line in capitals (`THÔNG TƯ`, `QUYẾT ĐỊNH`) within the units after the motto at k."""
    after = units[k + 1:k + 1 + BLOCK_UNITS]
    has_symbol = any(_SO_RE.match(u.text) and "/" in u.text for u in after)
    return has_symbol and any(_type_line(u.text) for u in after)


def _type_line(text: str) -> bool:
    m = symbols.match_doc_type(text)
    return m is not None and is_caps(text[m[1]:m[2]])


def _issuer_above(units: list[Unit], k: int) -> int:
    """The motto's unit (the first cell of its row), or the first of the short lines in capitals just
    above it (the issuer's name, its rule `-------`): they belong to the header block."""
    start = k
    while start > 0 and units[start - 1].cell is not None and units[start - 1].block == units[k].block:
        start -= 1         # the cells before the motto's in its row (a scraped page's header table)
    k = start
    while start > 0 and k - start < ISSUER_UNITS and len(units[start - 1].text) <= 120 \
            and units[start - 1].cell is None and is_caps(units[start - 1].text):
        start -= 1
    return start
