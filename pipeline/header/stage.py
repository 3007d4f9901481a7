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

from ..lang import gazetteer, symbols
from ..model import Document
from ..read import MARKER_RE
from .casing import sentence_case_title, title_case_organ  # noqa: F401  (public)
from .issuer import _issuer_from_lead_in, _parse_issuer
from .repairs import _continue_title, _date_fallbacks, _set_place, _strip_ocr_lead
from .signer import _is_authority_line, _parse_recipients, _parse_signer, _split_list, find_name, is_person_name  # noqa: F401
from .units import (  # noqa: F401
    _DATE_RE,
    _KINH_GUI,
    _LOOSE_SYMBOL,
    _SO_RE,
    _VV_RE,
    HEADER_WINDOW,
    _facts,
    _header_zone_end,
    _units,
    is_caps,
)


def _parse_symbol_after_so(text: str) -> tuple[symbols.Symbol | None, int, int, bool]:
    """The symbol that follows a `Số` anchor: (symbol, start, end, blank) — `blank` is a draft's
    `Số: /KH-UBND` (the number left empty), which must not produce a symbol."""
    m = _SO_RE.search(text)
    if not m:
        return None, 0, 0, False
    rest = text[m.end():]
    if re.match(r"\s*[/\-]\s*[A-ZĐ]", rest) or re.match(r"\s*\.{2,}", rest):
        return None, m.end(), m.end(), True     # a draft: the number is left blank
    if re.match(r"\s*[A-ZĐ]{1,5}\s*/\s*[A-ZĐ]", rest):
        # `Số:    CV/TWĐTN`: a Party symbol whose number (and its hyphen) was left blank
        return None, m.end(), m.end(), True
    found = symbols.find_symbols(rest[:80])
    if found and found[0][0] <= 2:
        s, e, sym = found[0]
        return sym, m.end() + s, m.end() + e, False
    lm = _LOOSE_SYMBOL.match(rest)
    if lm:
        num, typ, sep, iss = lm.groups()
        raw = f"{num}-{typ}/{iss}" if sep == "/" else f"{num}/{typ}-{iss}"
        sym = symbols.parse_symbol(raw)
        if sym:
            return sym, m.end() + lm.start(), m.end() + lm.end(), False
    # `Số: 3# /CĐ-TTg`: a number OCR could not read; its style still tells the system.
    g = re.match(r"\s*[^\s/\-]{1,4}\s*(?=[/\-]\s*[A-ZĐ][\wĐđ]*[-/])", rest)
    if g:
        return None, m.end() + g.end(), m.end() + g.end(), True
    return None, 0, 0, False


def parse_header(doc: Document) -> Document:
    """Fill `doc.header` and `doc.body_span`."""
    f = _facts()
    units = _units(doc)
    h = doc.header
    window = units[:_header_zone_end(units)]
    motto_units = [u for u in window if f["_motto"].search(u.text)]
    stamp = f["_stamp"]

    # -- number and symbol ------------------------------------------------------------------------
    sym_unit = None
    for k, u in enumerate(window):          # (the window is the first units)
        if stamp.match(u.text) or "ĐẾN" in u.text[:6]:
            continue
        text = u.text
        if re.fullmatch(r"(?:Số|SỐ)\s*:?", text.strip()) and k + 1 < len(units):
            # `Số` alone, its (blank) number and code on the next line: `- HD/BTCTU`
            nxt = units[k + 1].text
            if re.match(r"\s*[/\-]\s*[A-ZĐ][\wĐđ]*[-/]", nxt):
                sym_unit = u
                h.system = "state" if re.match(r"\s*/", nxt) else "party"
                break
        sym, s, e, blank = _parse_symbol_after_so(text)
        if sym or blank:
            sym_unit = u
            if blank:
                # `Số: /KH-UBND` (State: slash, type, hyphen) or `Số -CT/TU` (Party): the style tells
                # the system even when the number is left blank.
                rest = u.text[s:]
                if re.match(r"\s*/\s*[A-ZĐ][\wĐđ]*-", rest):
                    h.system = "state"
                elif re.match(r"\s*-?\s*[A-ZĐ][\wĐđ]*/", rest):
                    h.system = "party"
            if sym:
                h.symbol, h.number, h.system = sym.canonical, sym.number, sym.system
                h.doc_type_code = sym.type_code
                h.spans["symbol"] = (u.span[0] + s, u.span[0] + e)
            break
    if sym_unit is None and units:
        # Scraped pages put the symbol in a metadata table (`Số hiệu: 221-KL/TW`) or a title line.
        for u in units[:8]:
            found = symbols.find_symbols(u.text)
            if found and (len(u.text) < 120):
                s, e, sym = found[0]
                h.symbol, h.number, h.system, h.doc_type_code = sym.canonical, sym.number, sym.system, sym.type_code
                h.spans["symbol"] = (u.span[0] + s, u.span[0] + e)
                named = symbols.match_doc_type(u.text[:s])       # `Chỉ thị 299/TTg`: the type before it
                if named and not u.text[named[2]:s].strip(" :") and not sym.type_code:
                    h.doc_type = named[0]
                sym_unit = u
                break

    # -- place and date ---------------------------------------------------------------------------
    date_unit = None
    headerless = sym_unit is None and not motto_units
    for u in ([] if headerless else window):
        if stamp.match(u.text) or f["_opener"].match(u.text):
            continue
        m = _DATE_RE.search(u.text)
        if m and (m.start() < 60 or u.cell is not None):
            try:
                d = dt.date(int(m.group("y")), int(m.group("m")), int(m.group("d")))
            except ValueError:
                continue
            h.date = d.isoformat()
            h.spans["date"] = (u.span[0] + m.start("d") - 0, u.span[0] + m.end("y"))
            _set_place(h, u, m.group("place"), m.start("place") if m.group("place") else 0)
            date_unit = u
            break
    if h.date is None and not headerless:
        _date_fallbacks(doc, h, window)

    # -- type and title ---------------------------------------------------------------------------
    anchors = [u for u in (sym_unit, date_unit) if u is not None] + motto_units
    after = max((units.index(u) for u in anchors), default=-1)
    title_end_unit = after
    type_found = False
    for k in range(max(after + 1 - 3, 0), min(len(units), HEADER_WINDOW)):
        u = units[k]
        if u in anchors and not is_caps(u.text[-40:]):
            continue
        if re.match(r"(?:Kính\s+gửi|KÍNH\s+GỬI|Nơi\s+nhận|NƠI\s+NHẬN)\b", u.text):
            break       # past the header: a type name further down heads an attachment
        text = u.text
        pos = 0
        if u is date_unit:
            dm = _DATE_RE.search(text)
            pos = dm.end() if dm else 0
        # OCR leaves a table rule or a stamp's edge before the type name (`| THÔNG BÁO`)
        stripped = text[pos:].lstrip(" |_—~*")
        mt = symbols.match_doc_type(stripped)
        if not mt:
            continue
        lead = len(text[pos:]) - len(stripped)
        name, ts, te = mt
        ts, te = pos + lead + ts, pos + lead + te
        if not is_caps(text[ts:te]) or (te < len(text) and text[te].isalnum()):
            continue
        type_found = True
        h.doc_type = name
        h.spans["doc_type"] = (u.span[0] + ts, u.span[0] + te)
        rest = text[te:].strip(" :.-")
        title_units = []
        if rest:
            title_units.append((u, text.index(rest, te)))
        kk = k + 1
        while kk < len(units) and len(title_units) < 3:
            nu = units[kk]
            if MARKER_RE.match(nu.text) or _SO_RE.match(nu.text) or re.match(r"Căn\s+cứ|Kính\s+gửi", nu.text):
                break
            # The trích yếu right after the type name may itself open with `Thực hiện ...`.
            if (title_units or len(nu.text) > 400) and f["_opener"].match(nu.text):
                break
            if title_units and not is_caps(nu.text) and not (len(nu.text) < 160 and is_caps(title_units[-1][0].text) is False and not nu.text.endswith((".", ";", ":"))):
                break
            if title_units and is_caps(nu.text) and _is_authority_line(nu.text):
                break
            title_units.append((nu, 0))
            kk += 1
            if not is_caps(nu.text):
                break
        if title_units:
            _continue_title(units, title_units)
            s0 = title_units[0][0].span[0] + title_units[0][1]
            e0 = title_units[-1][0].span[1]
            pieces = [doc.text[u.span[0] + off:u.span[1]] for u, off in title_units]
            if len(pieces) == 1:
                cut = re.search(r"\s-{3,}|\n", pieces[0])        # the rule under the trích yếu ends it
                if cut:
                    e0 = s0 + cut.start()
                    pieces[0] = pieces[0][:cut.start()]
            title = " ".join(p.strip() for p in pieces).strip(" -")
            title, s0 = _strip_ocr_lead(title, s0)
            # `Về việc` is the formula of the trích yếu, like a Công văn's `V/v` (OCR: `và việc`).
            vv = re.match(r"(?i)v[ềeêàẻ]\s+việc\s+", title)
            if vv:
                title = title[vv.end():]
                s0 = doc.text.find(title[:20], s0) if doc.text.find(title[:20], s0) >= 0 else s0
            # `KẾT LUẬN CỦA BỘ CHÍNH TRỊ VỀ ...`: the issuer phrase is not part of the trích yếu.
            lead = re.match(r"(?i)của\s+[^,]{2,60}(?:,\s*[^,]{2,40})?\s+(?=về\s)", title)
            if lead:
                s0 += lead.end()
                title = title[lead.end():]
            h.title = sentence_case_title(title) if is_caps(title) else title
            h.spans["title"] = (s0, e0)
            title_end_unit = units.index(title_units[-1][0])
        else:
            title_end_unit = k
        break
    if not type_found and h.doc_type_code:
        h.doc_type = symbols.doc_type_name(h.doc_type_code, h.system)
    if h.symbol and not h.doc_type_code and h.system == "state" and "-" in h.symbol:
        h.doc_type = h.doc_type or "Công văn"       # (an older `299/TTg` may be of any type)
    # Công văn: trích yếu after V/v (under the number, or on its own line).
    if not h.title:
        for u in window[: max(title_end_unit + 4, 8)]:
            m = _VV_RE.search(u.text)
            if m and (not u.text[:m.start()].strip(" “\"'*_") or u is sym_unit or u.text[:m.start()].strip().endswith(tuple("0123456789"))
                      or sym_unit is not None and u.block == sym_unit.block):
                t = u.text[m.end():]
                t = re.split(r"\s*\|\s*|\s{2,}|\s(?=Kính\s+gửi)|\s(?=(?:[^\W\d_]+\s){0,3}[^\W\d_]+,\s*ngày\s+\d)", t)[0].strip()
                if u.text[:m.start()].strip(" *_").startswith(("“", '"')):
                    t = t.rstrip(" ”\"")          # “V/v ...”: the quotes are not the title's
                if t:
                    s0 = u.span[0] + m.end()
                    h.title = t
                    h.spans["title"] = (s0, s0 + len(t))
                    if not h.doc_type:
                        h.doc_type = "Công văn"
                    title_end_unit = max(title_end_unit, units.index(u))
                    break
    if not h.title and sym_unit is not None and "symbol" in h.spans:
        rest_at = h.spans["symbol"][1] - sym_unit.span[0]
        m = re.match(r"\s*(?:Về|VỀ)\s+(?:việc\s+)?", sym_unit.text[rest_at:])
        if m and len(sym_unit.text) - rest_at > 10:
            s0 = sym_unit.span[0] + rest_at + m.end()
            t = re.split(r"\s*\|\s*", doc.text[s0:sym_unit.span[1]])[0].strip()
            h.title, h.spans["title"] = t, (s0, s0 + len(t))
            h.doc_type = h.doc_type or "Công văn"
    if not h.title and sym_unit is not None:
        k = units.index(sym_unit) + 1
        if k < len(units) and re.match(r"(?:Về|VỀ)\s+", units[k].text) and len(units[k].text) < 400:
            u = units[k]
            t = re.sub(r"^(?:Về|VỀ)\s+(?:việc\s+)?", "", u.text)
            s0 = u.span[1] - len(t)
            h.title, h.spans["title"] = t, (s0, u.span[1])
            h.doc_type = h.doc_type or "Công văn"
            title_end_unit = max(title_end_unit, k)
    if not h.title and not h.symbol and units:
        # A news article or a copy without header block: its first line is the headline.
        first = units[0]
        if len(first.text) < 300 and not MARKER_RE.match(first.text):
            h.title = first.text.strip()
            h.spans["title"] = first.span
            title_end_unit = max(title_end_unit, 0)

    if headerless:
        # A news article or a copy without header block: only a dateline gives its date.
        for u in units[:5]:
            dm = re.fullmatch(r"(\d{1,2})[/.-](\d{1,2})[/.-]((?:19|20)\d\d)(?:\s*[-,|]?\s*\d{1,2}:\d{2}(?::\d{2})?\s*(?:AM|PM|SA|CH)?)?", u.text.strip())
            if dm:
                try:
                    h.date = dt.date(int(dm.group(3)), int(dm.group(2)), int(dm.group(1))).isoformat()
                    h.spans["date"] = u.span
                except ValueError:
                    pass
                break

    # -- issuer -----------------------------------------------------------------------------------
    if not headerless:
        _parse_issuer(doc, units, window, motto_units, sym_unit, date_unit)
        if h.issuer is None:
            _issuer_from_lead_in(doc, units[title_end_unit + 1:title_end_unit + 12])

    # -- Kính gửi, body start ---------------------------------------------------------------------
    body_start_unit = title_end_unit + 1
    for k in range(0, min(len(units), HEADER_WINDOW)):
        u = units[k]
        m = _KINH_GUI.search(u.text)
        if not m or (m.start() > 0 and k >= len(window) + 2):
            continue
        items = [u.text[m.end():]] if u.text[m.end():].strip() else []
        kk = k + 1
        # the list may sit in the next cell of the same row
        while kk < len(units) and (units[kk].block == u.block or re.match(r"[-+•–]\s*", units[kk].text)) \
                and (len(units[kk].text) < 250 or _recipient_run(units[kk].text)):
            items.append(units[kk].text)
            kk += 1
        h.addressees = _split_list(" ; ".join(items))
        h.spans["addressees"] = (u.span[0], units[kk - 1].span[1])
        body_start_unit = max(body_start_unit, kk)
        break
    # Skip units still in the header (symbol, date, motto cells after the title in odd layouts).
    while body_start_unit < len(units) and (units[body_start_unit] in anchors or stamp.match(units[body_start_unit].text)):
        body_start_unit += 1

    # -- signature and Nơi nhận ------------------------------------------------------------------
    sig_unit = _parse_signer(doc, units, body_start_unit)
    noi_nhan = _parse_recipients(doc, units, body_start_unit)
    ends = [u.span[0] for u in (sig_unit, noi_nhan) if u is not None]
    body_start = units[body_start_unit].span[0] if body_start_unit < len(units) else len(doc.text)
    body_end = min(ends) if ends else len(doc.text)
    if body_end <= body_start:
        body_end = len(doc.text)
    doc.body_span = (body_start, body_end)

    h.locality = _locality(h)
    _check_symbol_conflicts(doc)
    return doc


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
        if sum(x != y for x, y in zip(n1, n2)) != 1:
            continue
        seen.add(sym.canonical)
        doc.warn("symbol-conflict", f"{a.as_written} and {sym.as_written} are printed for what reads as one document",
                 span=(subj[0], subj[1]), spans=[(subj[0], subj[1]), (s, e)])
