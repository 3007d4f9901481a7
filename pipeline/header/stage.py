"""Header stage: issuer, parent issuer, type, number, symbol, date, place, title, addressees,
signer and recipients, read from the layout NĐ 30/2020 (State) and HD 36 / HD 05 (Party) prescribe.

The stage works on "units": paragraphs, and each cell of a table row (scraped pages and DOCX put the
two header columns in a table).  It finds anchors (the `Số` line, the place-and-date line, the type
line, the motto) in the first units, reads the issuer from the top-left block, the signer from the
signature block, and sets `Document.body_span` to the stretch between the header and the signature.
Values that disagree inside one document become warnings with both spans, never a silent pick.
"""
from __future__ import annotations

import datetime as dt
import re

from .. import regexes
from ..lang import gazetteer, symbols
from ..model import Document
from ..read import MARKER_RE
from .addressees import bare_addressees
from .casing import sentence_case_title, title_case_organ  # noqa: F401  (public)
from .issuer import _issuer_from_lead_in, _parse_issuer
from .names import find_name, is_person_name  # noqa: F401
from .preamble import header_block_start
from .repairs import _date_fallbacks, _set_place
from .signer import (  # noqa: F401
    _is_authority_line,
    _parse_recipients,
    _parse_signer,
    _split_list,
    signer_in_recipients,
)
from .title import _parse_symbol_after_so, find_symbol, find_type_and_title, title_fallbacks  # noqa: F401
from .units import (  # noqa: F401
    _DATE_RE,
    _KINH_GUI,
    _KINH_GUI_BARE,
    _LOOSE_SYMBOL,
    _NGAY_RE,
    _SO_RE,
    _VV_RE,
    HEADER_WINDOW,
    Unit,
    _facts,
    _header_zone_end,
    _units,
    is_caps,
)


def parse_header(doc: Document) -> Document:
    """Fill `doc.header` and `doc.body_span`."""
    f = _facts()
    units = _units(doc)
    zone = _header_zone_end(units)
    start = header_block_start(units, zone)
    if start:       # a scraped page's preamble before the header block (header/preamble.py)
        units = units[start:]
        zone = _header_zone_end(units)
    h = doc.header
    window = units[:zone]
    motto_units = [u for u in window if f["_motto"].search(u.text)]
    sym_unit = find_symbol(doc, units, window)
    headerless = sym_unit is None and not motto_units
    has_motto = bool(motto_units)
    date_unit = None if headerless else _find_date(doc, window)
    found = [units.index(u) for u in (sym_unit, date_unit) if u is not None]
    if found:
        # the motto stands beside the issuer, above the type line: `... ĐẢNG CỘNG SẢN VIỆT NAM` further
        # down ends a title (`PHÔNG LƯU TRỮ ĐẢNG CỘNG SẢN VIỆT NAM`) or a sentence
        motto_units = [u for u in motto_units if units.index(u) <= max(found) + 1]
    anchors = [u for u in (sym_unit, date_unit) if u is not None] + motto_units
    title_end_unit, type_found = find_type_and_title(doc, units, anchors, date_unit)
    title_end_unit = title_fallbacks(doc, units, window, sym_unit, type_found, title_end_unit, has_motto)
    if headerless:
        _find_dateline(doc, units)
    else:
        _parse_issuer(doc, units, window, motto_units, sym_unit, date_unit)
        if h.issuer is None:
            _issuer_from_lead_in(doc, units[title_end_unit + 1:title_end_unit + 12])
    body_start_unit = _find_addressees(doc, units, window, anchors, title_end_unit)
    # -- signature and Nơi nhận: the body ends where they start
    sig_unit = _parse_signer(doc, units, body_start_unit)
    noi_nhan = _parse_recipients(doc, units, body_start_unit)
    if noi_nhan is not None:
        signer_in_recipients(doc, units, units.index(noi_nhan))
    ends = [u.span[0] for u in (sig_unit, noi_nhan) if u is not None]
    body_start = units[body_start_unit].span[0] if body_start_unit < len(units) else len(doc.text)
    body_end = min(ends) if ends else len(doc.text)
    if body_end <= body_start:
        body_end = len(doc.text)
    doc.body_span = (body_start, body_end)
    h.locality = _locality(h)
    if h.date is not None:
        h.year = int(h.date[:4])
    _check_symbol_conflicts(doc)
    return doc


def _find_date(doc: Document, window: list[Unit]) -> Unit | None:
    """The place-and-date line (`Hà Nội, ngày 10 tháng 3 năm 2024`) in the header window."""
    f, h = _facts(), doc.header
    for u in window:
        if f["_stamp"].match(u.text) or f["_opener"].match(u.text):
            continue
        m = _DATE_RE.search(u.text) if _NGAY_RE.search(u.text) else None
        if m and (m.start() < 60 or u.cell is not None or _after_motto(u.text, m.start("d"))):
            try:
                d = dt.date(int(m.group("y").replace("O", "0").replace("o", "0")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            h.date = d.isoformat()
            h.spans["date"] = (u.span[0] + m.start("d") - 0, u.span[0] + m.end("y"))
            if m.group("place"):
                _set_place(h, u, m.group("place"), m.start("place"))
            else:   # `Hà Nội ngày 01 tháng 12 năm 2025`: the comma left out, a place only where it names a province
                lead = u.text[max(0, m.start() - 45):m.start()]
                _set_place(h, u, lead, m.start() - len(lead), province_only=True)
            return u
    if h.date is None:
        _date_fallbacks(doc, h, window)
    return None


# what may stand between the motto and the place-and-date line run onto it: its rule, a cell's edge
# (a place of a capitalised word and at most four more: `Hà Nội`, `Thành phố Hồ Chí Minh`)
_MOTTO_TO_DATE = regexes.compile(r"[\s_\-–—=|*]*[A-ZÀ-ỸĐ][\w.\-]*(?:\s+[^\W\d_][\w.\-]*){0,4}\s*,?\s*[Nn]g[àáảãạa]y\s*")


def _after_motto(text: str, day: int) -> bool:
    """Whether the date whose day starts at `day` is the place-and-date line run onto the motto's (a scraped
    header row: `... Độc lập – Tự do – Hạnh phúc____ Hà Nội, ngày 30 tháng 6 năm 2025`), not a date in a line."""
    return any(_MOTTO_TO_DATE.fullmatch(text, m.end(), day) for m in _facts()["_motto"].finditer(text, 0, day))


_DATELINE_RE = regexes.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)"
                               r"(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?)?")


def _find_dateline(doc: Document, units: list[Unit]) -> None:
    """A news article or a copy without header block: only a dateline gives its date."""
    h = doc.header
    for u in units[:5]:
        dm = _DATELINE_RE.fullmatch(u.text.strip())
        if dm:
            try:
                h.date = dt.date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1))).isoformat()
                h.spans["date"] = u.span
            except ValueError:
                pass
            break


def _find_addressees(doc: Document, units: list[Unit], window: list[Unit], anchors: list[Unit],
                     title_end_unit: int) -> int:
    """The `Kính gửi` list; the index of the body's first unit (after the title and that list)."""
    h, stamp = doc.header, _facts()["_stamp"]
    body_start_unit = title_end_unit + 1
    for k in range(0, min(len(units), HEADER_WINDOW)):
        u = units[k]
        if k >= len(window) + 2 and not _KINH_GUI.match(u.text) and not _KINH_GUI_BARE.match(u.text):
            continue        # past the header zone only a list that opens its unit counts: no search of it
        m = _KINH_GUI.search(u.text) or _KINH_GUI_BARE.match(u.text)
        if not m or (m.start() > 0 and k >= len(window) + 2):
            continue
        items = [u.text[m.end():]] if u.text[m.end():].strip() else []
        kk = k + 1
        # the list may sit in the next cell of the same row, and an item ending with a colon go on in the next
        # cell of its own row (`- Bộ trưởng các Bộ:` | `Quốc phòng, Công an, Tài chính.`)
        while kk < len(units):
            nxt = units[kk]
            joins = nxt.block != u.block and _announces(items, units[kk - 1], nxt)
            if not (nxt.block == u.block or joins or _bullet_addressee(items, nxt.text)
                    or _continues_list(items, nxt.text)) or not (len(nxt.text) < 250 or _recipient_run(nxt.text)):
                break
            if joins:
                items[-1] += " " + nxt.text
            else:
                items.append(nxt.text)
            kk += 1
        h.addressees = _split_list(" ; ".join(items))
        h.spans["addressees"] = (u.span[0], units[kk - 1].span[1])
        body_start_unit = max(body_start_unit, kk)
        break
    # Skip units still in the header (symbol, date, motto cells after the title in odd layouts).
    while body_start_unit < len(units) and (units[body_start_unit] in anchors
                                            or stamp.match(units[body_start_unit].text)):
        body_start_unit += 1
    return body_start_unit if h.addressees else bare_addressees(doc, units, body_start_unit)


def _announces(items: list[str], last: Unit, unit: Unit) -> bool:
    """Whether `unit` holds the names that the list's last item, ending with a colon in the cell before it, announces
    (`- Bộ trưởng các Bộ:` | `Quốc phòng, Công an.`)."""
    return bool(items) and items[-1].rstrip().endswith(":") and unit.block == last.block


def _bullet_addressee(items: list[str], text: str) -> bool:
    """A bulleted line of the `Kính gửi` list; not the first item of the body's list after an opening
    sentence run onto the addressee's line (`Kính gửi: Ban X Cục Thuế nhận được ... có ý kiến như sau:`
    / `- Tại Điều 11 ...`, a copy that lost its blank lines)."""
    if not re.match(r"[-+•–]\s*", text):
        return False
    return not (items and len(items[-1]) > 120 and items[-1].rstrip().endswith(":"))


def _continues_list(items: list[str], text: str) -> bool:
    """An addressee whose bullet the extraction lost: the list before it ended in `;`, and the line is
    short and ends like a list item (`Kính gửi: - Sở A;` / `Sở B.`), not a marker or a body opener."""
    return bool(items) and items[-1].rstrip().endswith(";") and len(text) < 160 \
        and text.rstrip()[-1:] in ";." and not MARKER_RE.match(text.lstrip()) \
        and not _facts()["_opener"].match(text.lstrip())


def _recipient_run(text: str) -> bool:
    """A line of several addressees run together (`- Sở A; - Sở B; - Sở C.`), as a scan or a flattened
    cell prints the `Kính gửi` list: every item short, like a name."""
    items = re.split(r";\s*[-+•–]\s*", text)
    return len(items) >= 2 and all(len(x) < 160 for x in items)


_LOCAL_CODES = ("UBND", "HĐND", "TU", "ĐU", "HU", "ThU", "QU", "BTGTU", "VPTU", "BTCTU", "UBKTTU", "BDVTU", "BTGDVTU")


def _locality(h) -> str | None:
    """The province the issuer belongs to: named in the issuer or its parent, else the place of a
    local issuer (a symbol of UBND, HĐND, TU, Sở ...).  Central organs have none."""
    for named in (h.issuer, h.parent_issuer):
        if named:
            p = gazetteer.find_province(named.name)
            if p:
                return p.name
    code = (h.symbol or "").split("/")[-1].split("-")[-1] if h.symbol else ""
    local = h.symbol and (any(c in (h.symbol or "") for c in _LOCAL_CODES) or code.startswith("S"))
    if h.place and local:
        p = gazetteer.find_province(h.place)
        if p:
            return p.name
    return None


def _check_symbol_conflicts(doc: Document) -> None:
    """A document that prints its subject's symbol two ways — `22-CT/ThU` in the lead, `02-CT/ThU`
    later — gets a `symbol-conflict` warning with both spans.  The subject is the document's own
    symbol, or, with no header (a news report), the symbol it prints most; a conflicting one has the
    same type and issuer and a number one character away, and is never printed with another date."""
    found = symbols.find_symbols(doc.text)
    if not found:
        return
    counts: dict[str, int] = {}
    for _, _, sym in found:
        counts[sym.canonical] = counts.get(sym.canonical, 0) + 1
    subject = doc.header.symbol or max(counts, key=lambda c: counts[c])
    subj = next((x for x in found if x[2].canonical == subject), None)
    if subj is None:
        return
    a = subj[2]
    if a.year:
        return      # `75/2015/QH13` and `85/2015/QH13` are two laws: numbered-with-year symbols are exact
    seen = set()
    for s, e, sym in found:
        if (sym.system, sym.type_code, sym.issuer_code, sym.year) != (a.system, a.type_code, a.issuer_code, a.year):
            continue
        n1, n2 = a.number, sym.number
        if sym.canonical in seen or n1 == n2 or len(n1) != len(n2) or len(n1) < 2:
            continue
        if sum(x != y for x, y in zip(n1, n2, strict=True)) != 1:
            continue
        seen.add(sym.canonical)
        doc.warn("symbol-conflict", f"{a.as_written} and {sym.as_written} are printed for what reads as one document",
                 span=(subj[0], subj[1]), spans=[(subj[0], subj[1]), (s, e)])
