"""Header stage, the document's own identity: its symbol after `Số` (or in a metadata line), its type
word and the trích yếu under it, and the places a Công văn or a copy without header puts its title."""
from __future__ import annotations

import functools
import re

from .. import regexes
from ..lang import RECIPIENTS_HEADING, symbols
from ..model import Document
from ..read import MARKER_RE
from .authority import _BODY_LINE, _authority_tail, _basis_after
from .casing import sentence_case_title
from .repairs import _continue_title, _strip_ocr_lead
from .signer import _is_authority_line
from .units import _DATE_RE, _LOOSE_SYMBOL, _SO_RE, _VV_RE, HEADER_WINDOW, Unit, _facts, is_caps


def _parse_symbol_after_so(text: str) -> tuple[symbols.Symbol | None, int, int, bool]:
    """The symbol that follows a `Số` anchor: (symbol, start, end, blank) — `blank` is a draft's
    `Số: /KH-UBND` (the number left empty), which must not produce a symbol."""
    m = _SO_RE.search(text)
    if not m:
        return None, 0, 0, False
    rest = text[m.end():]
    if _BLANK_NUMBER[0].match(rest) or _BLANK_NUMBER[1].match(rest):
        return None, m.end(), m.end(), True     # a draft: the number is left blank
    if _BLANK_NUMBER[2].match(rest):
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
        loose = symbols.parse_symbol(raw)
        if loose:
            return loose, m.end() + lm.start(), m.end() + lm.end(), False
    # `Số: 3# /CĐ-TTg`: a number OCR could not read; its style still tells the system.
    g = re.match(r"\s*[^\s/\-]{1,4}\s*(?=[/\-]\s*[A-ZĐ][\wĐđ]*[-/])", rest)
    if g:
        return None, m.end() + g.end(), m.end() + g.end(), True
    return None, 0, 0, False


def find_symbol(doc: Document, units: list[Unit], window: list[Unit]) -> Unit | None:
    """The unit holding the document's own symbol (after `Số`, or in a scraped page's metadata or
    title line); fills the header's symbol, number, system and type code."""
    h = doc.header
    stamp, opener = _facts()["_stamp"], _facts()["_opener"]
    sym_unit = None
    for k, u in enumerate(window):          # (the window is the first units)
        if stamp.match(u.text) or "ĐẾN" in u.text[:6] or opener.match(u.text):
            continue        # (`Căn cứ Luật Lưu trữ số 33/2024/QH15`: a cited document's number)
        text = u.text
        if _SO_ALONE.fullmatch(text.strip()) and k + 1 < len(units):
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
            found = symbols.find_symbols(u.text) if not opener.match(u.text) else None
            # (a symbol that closes a parenthesis is the wrapped end of a citation: `(được sửa đổi tại Nghị định số` /
            # `167/2025/NĐ-CP).` in a copy with no header)
            if found and (len(u.text) < 120) and _names_itself(u.text[:found[0][0]]) \
                    and not u.text[found[0][1]:].lstrip().startswith(")"):
                s, e, sym = found[0]
                h.symbol, h.number, h.system, h.doc_type_code = sym.canonical, sym.number, sym.system, sym.type_code
                h.spans["symbol"] = (u.span[0] + s, u.span[0] + e)
                named = symbols.match_doc_type(u.text[:s])       # `Chỉ thị 299/TTg`: the type before it
                if named and not u.text[named[2]:s].strip(" :") and not sym.type_code:
                    h.doc_type = named[0]
                sym_unit = u
                break
    return sym_unit


def _names_itself(before: str) -> bool:
    """Whether what precedes a symbol on a line leaves it the document's own (`Số hiệu:`, `Chỉ thị số`,
    a page's metadata cells) rather than a document the line cites or reports on (`Kết quả thực hiện
    Chỉ thị số 08/CT-TTg`, `SỬA ĐỔI ... CỦA THÔNG TƯ SỐ 07/2024/TT-NHNN`, `Toàn văn Công điện 155/CĐ-TTg`)."""
    return _CITING_WORDS.search(before.rsplit("|", 1)[-1]) is None


# words that put a symbol after them in another document's place: an action on it or a report of it
_CITING_WORDS = regexes.compile(r"(?<![\w])(?:thực\s+hiện|triển\s+khai|theo|căn\s+cứ|của|tại|sửa\s+đổi|bổ\s+sung|"
                                r"thay\s+thế|bãi\s+bỏ|hướng\s+dẫn|toàn\s+văn|quy\s+định)(?![\w])", re.I)


def find_type_and_title(doc: Document, units: list[Unit], anchors: list[Unit], date_unit: Unit | None
                        ) -> tuple[int, bool]:
    """The type line after the anchors and the trích yếu under it: (index of the title's last unit,
    whether a type line was found)."""
    h = doc.header
    after = max((units.index(u) for u in anchors), default=-1)
    title_end_unit = after
    type_found = body_seen = False
    for k in range(max(after + 1 - 3, 0), min(len(units), HEADER_WINDOW)):
        u = units[k]
        if u in anchors and not is_caps(u.text[-40:]):
            continue
        if _PAST_HEADER.match(u.text):
            break       # past the header: a type name further down heads an attachment
        if k > after and _opens_body(u.text):
            body_seen = True    # past the legal basis or the first item: `QUY ĐỊNH CHUNG` there is a chapter's title
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
        if body_seen and text[te:].strip() != ":":
            continue    # only the enacting word (`QUYẾT ĐỊNH:`) still names the type there
        type_found = True
        h.doc_type = name
        h.spans["doc_type"] = (u.span[0] + ts, u.span[0] + te)
        if not body_seen:
            title_end_unit = _title_after_type(doc, units, k, u, te)
        break
    return title_end_unit, type_found


# (compiled once: a call with a pattern's string looks it up in the `re` module's cache, in Python, each time)
_PAST_HEADER = regexes.compile(rf"(?:Kính\s+gửi|KÍNH\s+GỬI|{RECIPIENTS_HEADING})\b")
_SO_ALONE = regexes.compile(r"(?:Số|SỐ)\s*:?")
_BLANK_NUMBER = (regexes.compile(r"\s*[/\-]\s*[A-ZĐ]"), regexes.compile(r"\s*\.{2,}"),
                 regexes.compile(r"\s*[A-ZĐ]{1,5}\s*/\s*[A-ZĐ]"))
_TITLE_STOP = regexes.compile(r"Căn\s+cứ|Kính\s+gửi")


@functools.cache
def _type_at_end() -> re.Pattern:
    names = sorted(symbols.type_names(), key=len, reverse=True)
    return regexes.compile(r"(?i)(?<!\w)(?:" + "|".join(re.escape(n).replace(r"\ ", r"\s+") for n in names) + r")\s*$")


def _ends_with_type(text: str) -> bool:
    """Whether `text` ends with a document type's name (`... KÈM THEO NGHỊ QUYẾT`): a number should follow."""
    return _type_at_end().search(text[-40:]) is not None


def _opens_body(text: str) -> bool:
    """A line that only the body has: a legal basis or motive (`Căn cứ ...`) or an enumerated item."""
    return bool(_BODY_LINE.match(text))


def _title_after_type(doc: Document, units: list[Unit], k: int, u: Unit, te: int) -> int:
    """The trích yếu after the type word ending at `te` in `units[k]` (the rest of its line and up to
    three lines under it): sets the header's title; the index of its last unit."""
    f = _facts()
    h = doc.header
    text = u.text
    rest = text[te:].strip(" :.-")
    title_units = []
    if rest:
        title_units.append((u, text.index(rest, te)))
    kk = k + 1
    while kk < len(units) and len(title_units) < 3:
        nu = units[kk]
        if MARKER_RE.match(nu.text) or _TITLE_STOP.match(nu.text) \
                or _SO_RE.match(nu.text) and not (title_units and _ends_with_type(title_units[-1][0].text)):
            break       # (`BÃI BỎ QUYẾT ĐỊNH` + `SỐ 55/2014/QĐ-UBND NGÀY ...`: the number of the document it cites)
        if not title_units and _ISSUER_LINE.match(nu.text) and kk + 1 < len(units):
            kk += 1     # `CHỈ THỊ` / `CỦA BAN THƯỜNG VỤ TỈNH ỦY` / `về ...`: the issuer's line, then the trích yếu
            continue
        # The trích yếu right after the type name may itself open with `Thực hiện ...`.
        if (title_units or len(nu.text) > 400) and f["_opener"].match(nu.text):
            break
        goes_on = len(nu.text) < 160 and is_caps(title_units[-1][0].text) is False if title_units else False
        if title_units and not is_caps(nu.text) and not (goes_on and not nu.text.endswith((".", ";", ":"))):
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
        tail = _authority_tail(title, len(pieces[-1].strip()), doc.text[:s0], _basis_after(units, title_units[-1][0]))
        if tail:
            kept = title[:tail].rstrip(" ,;-")
            e0 -= len(title) - len(kept)
            title = kept
        title, s0 = _without_formula(doc.text, *_strip_ocr_lead(title, s0))
        h.title = sentence_case_title(title) if is_caps(title) else title
        h.spans["title"] = (s0, e0)
        return units.index(title_units[-1][0])
    return k


def _without_formula(text: str, title: str, s0: int) -> tuple[str, int]:
    """The trích yếu less its formula `Về việc` (like a Công văn's `V/v`; OCR: `và việc`) and an issuer phrase before
    its `về` (`KẾT LUẬN CỦA BỘ CHÍNH TRỊ VỀ ...`), and where it starts in `text`."""
    vv = re.match(r"(?i)v[ềeêàẻ]\s+việc\s+", title)
    if vv:
        title = title[vv.end():]
        s0 = text.find(title[:20], s0) if text.find(title[:20], s0) >= 0 else s0
    lead = re.match(r"(?i)của\s+[^,]{2,60}(?:,\s*[^,]{2,40})?\s+(?=về\s)", title)
    if lead:
        s0 += lead.end()
        title = title[lead.end():]
    return title, s0


# a line of its own under the type name that says whose document it is (HD 36: `CỦA BAN THƯỜNG VỤ TỈNH ỦY`, `của
# Ban Bí thư`): an organ's name, no `về` (`KẾT LUẬN CỦA BỘ CHÍNH TRỊ VỀ ...` is one line whose issuer phrase is cut
# after), no verb and no number (`của Ban Thường vụ Tỉnh ủy thực hiện Chỉ thị số 35-CT/TW`: the trích yếu itself)
_ISSUER_LINE = regexes.compile(r"(?i)[\s*_]*của\s+(?:(?!\b(?:về|thực\s+hiện|triển\s+khai|số|ban\s+hành|tổ\s+chức)\b)"
                               r"[^\n,.;:\d]){2,80}[\s*_]*$")


# the words right before the symbol's `số` that open its line or cell (`Luật số:`, `| Nghị quyết số`; not an
# issuer's name ending in a type's word, `BAN QUẢN LÝ DỰ ÁN SỐ: 125/BQLDA-KT`)
_TYPE_THEN_SO = regexes.compile(r"(?:^|\|)[\s*_]*((?:[^\W\d_]+\s+){1,2})(?:số|SỐ)\s*:?\s*$")


def _type_without_its_line(doc: Document, sym_unit: Unit | None) -> None:
    """The type where no type line names it: its symbol's type code, or the type word before `số`."""
    h = doc.header
    if h.doc_type_code:
        h.doc_type = symbols.doc_type_name(h.doc_type_code, h.system)
    elif not h.doc_type and sym_unit is not None and "symbol" in h.spans:
        h.doc_type = _type_before_so(doc.text[sym_unit.span[0]:h.spans["symbol"][0]])


def _type_before_so(before: str) -> str | None:
    """The type whose word stands right before the symbol's `số` (`Luật số: 80/2025/QH15`, a law's symbol naming
    no type), in `before` (the symbol's line up to the symbol); None if none."""
    m = _TYPE_THEN_SO.search(before) or _TYPE_AFTER_CAPS.search(before)
    words = m.group(1).split() if m else []
    mt = symbols.match_doc_type(" ".join(words))
    return mt[0] if mt and mt[1] == 0 and mt[2] == len(" ".join(words)) else None


# ... or in normal case after the issuer's capitals on its line (`QUỐC HỘI Luật số: 80/2025/QH15`, header columns
# run together)
_TYPE_AFTER_CAPS = regexes.compile(r"(?<![\w])[A-ZĐÀ-Ỹ]{2,}\s+([A-ZĐÀ-Ỹ][a-zđà-ỹ]+(?:\s+[a-zđà-ỹ]+)?\s+)số\s*:?\s*$")


# a symbol closing the text before a trích yếu (`Số 219-CV/ĐU về việc ...`)
_ENDS_WITH_SYMBOL = regexes.compile(r"\d+\s*[-/]\s*[^\W\d_]+(?:[-/][\wĐđ&.]+)*\s*$")


# Where a `V/v` title ends on its line: a cell rule, a wide gap, `Kính gửi`, the place-and-date line.
_VV_END_RE = regexes.compile(r"\s*\|\s*|\s{2,}|\s(?=Kính\s+gửi)|\s(?=(?:[^\W\d_]+\s){0,3}[^\W\d_]+,\s*ngày\s+\d)")


def title_fallbacks(doc: Document, units: list[Unit], window: list[Unit], sym_unit: Unit | None,
                    type_found: bool, title_end_unit: int, has_motto: bool) -> int:
    """The type a symbol gives, and a title where no type line gave one: after `V/v` (a Công văn),
    after `Về` on the symbol's line or the next, a copy's headline (`has_motto`: the header window
    holds a motto, so the copy has its header); the title's last unit index."""
    h = doc.header
    if not type_found:
        _type_without_its_line(doc, sym_unit)
    if h.symbol and not h.doc_type_code and h.system == "state" and "-" in h.symbol:
        h.doc_type = h.doc_type or "Công văn"       # (an older `299/TTg` may be of any type)
    # Công văn: trích yếu after V/v (under the number, or on its own line).
    if not h.title:
        for u in window[: max(title_end_unit + 4, 8)]:
            m = _VV_RE.search(u.text)
            before = u.text[:m.start()] if m else ""
            # (`về việc` in small letters opens its line or follows the number's symbol: mid-sentence it is the
            # sentence's own words)
            small = m is not None and m.group(0).startswith("về")
            if m and (not before.strip(" “\"'*_") or small and u is sym_unit and _ENDS_WITH_SYMBOL.search(before)
                      or not small and (u is sym_unit or before.strip().endswith(tuple("0123456789"))
                                        or sym_unit is not None and u.block == sym_unit.block)):
                t = u.text[m.end():]
                t = _VV_END_RE.split(t)[0].strip()
                if u.text[:m.start()].strip(" *_").startswith(("“", '"')):
                    t = t.rstrip(" ”\"")          # “V/v ...”: the quotes are not the title's
                if t:
                    s0 = u.span[0] + m.end()
                    h.title = t
                    h.spans["title"] = (s0, s0 + len(t))
                    if not type_found:
                        # a `V/v` trích yếu is a Công văn's (NĐ 30), whatever its symbol's code reads
                        # as (`5348/CT-CS`: CT is the Cục Thuế, not a Chỉ thị)
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
    if not h.title and not h.symbol and units and not has_motto:
        # A news article or a copy without header block (no motto): its first line is the headline.
        first = units[0]
        if len(first.text) < 300 and not MARKER_RE.match(first.text):
            h.title = first.text.strip()
            h.spans["title"] = first.span
            title_end_unit = max(title_end_unit, 0)
    return title_end_unit
