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
import tomllib
from dataclasses import dataclass
from functools import cache

from . import gazetteer, symbols
from .model import Document, Named, Span
from .normalize import MARKER_RE, MODELS, count_case

HEADER_WINDOW = 40          # units searched for header anchors
SIGNATURE_LOOKAHEAD = 5     # units read after an authority line for position and name


@dataclass
class Unit:
    span: Span
    text: str
    block: int
    cell: int | None = None     # index of the cell in its row, None for a paragraph


@cache
def _facts() -> dict:
    with open(MODELS / "header.toml", "rb") as f:
        data = tomllib.load(f)
    heads = sorted(data["issuer"]["heads"], key=len, reverse=True)
    data["_motto"] = re.compile("|".join(data["motto"]["patterns"]), re.I)
    data["_heads"] = re.compile(r"(?<![\wĐđ])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\wĐđ])")
    data["_relative"] = tuple(data["issuer"]["relative_heads"])
    data["_stamp"] = re.compile("|".join(f"(?:{p})" for p in data["stamps"]["patterns"]))
    data["_opener"] = re.compile(r"^(?:" + "|".join(data["doc_type_line"]["body_openers"]) + r")\b")
    auth = "|".join(data["signer"]["authority"])
    data["_authority"] = re.compile(rf"^(?:{auth})(?:\s*(?=[A-ZĐ]|[^\W\d_])|\s*$)")
    pos = sorted(data["signer"]["positions"], key=len, reverse=True)
    data["_position"] = re.compile(r"(?<![\wĐđ])(?:" + "|".join(re.escape(p) for p in pos) + r")(?![\wĐđ])")
    return data


_DATE_RE = re.compile(
    r"(?:(?P<place>[A-ZÀ-ỸĐ][\w\s.\-]{1,40}?)\s*,\s*)?[Nn]gày\s*(?P<d>\d{1,2})\s*(?:tháng|-|/)\s*(?P<m>\d{1,2})\s*(?:năm|-|/)\s*(?P<y>(?:19|20)\d\d)")
_SO_RE = re.compile(r"(?<![\wĐđ])(?:Số|SỐ|Sô|S6)\s*(?:hiệu)?\s*[:.]?\s*")
_CAPS_WORD = re.compile(r"[A-ZÀ-ỸĐ]")
_WORD_RE = re.compile(r"[^\W\d_]+")


def find_name(text: str, pos: int = 0) -> tuple[int, int] | None:
    """A person's name: 2 to 6 words each written Capital-then-small (`Nguyễn Huỳnh Long`).
    (Case is read with str methods: regex ranges such as [À-Ỹ] mix capitals and small letters.)"""
    run: list[re.Match] = []
    for m in _WORD_RE.finditer(text, pos):
        w = m.group(0)
        ok = w[0].isupper() and (len(w) == 1 or w[1:].islower())
        if ok and (not run or text[run[-1].end():m.start()].strip() == ""):
            run.append(m)
            continue
        if len(run) >= 2 and is_person_name([r.group(0) for r in run[:6]]):
            break
        run = [m] if ok else []
    if len(run) >= 2 and is_person_name([r.group(0) for r in run[:6]]):
        run = run[:6]
        return run[0].start(), run[-1].end()
    return None


def is_person_name(words: list[str]) -> bool:
    """A family name first, or `Thị`/`Văn` second (models/header.toml [signer]); never a place.

    >>> is_person_name(["Trần", "Chí", "Hùng"]), is_person_name(["Kon", "Tum"])
    (True, False)
    """
    f = _facts()["signer"]
    if len(words) < 2:
        return False
    joined = " ".join(words)
    if any(joined.startswith(p) for p in _province_names()):
        return False
    return words[0] in _surnames() or words[1] in f["middle_names"]


@cache
def _surnames() -> frozenset[str]:
    return frozenset(_facts()["signer"]["surnames"])
_LOOSE_SYMBOL = re.compile(r"^(\d{1,5}[a-z]?)\s*[-/ ]?\s*([A-ZĐ][A-Za-zĐđ]{0,6})\s*([/-])\s*([A-ZĐ][A-Za-zĐđ0-9\-]{0,24})")
# A Vietnamese syllable in capitals (onset, vowel nucleus, coda): words that are not one are
# abbreviations (UBND, HĐND, MTTQ) and keep their capitals.
_SYLLABLE = re.compile(r"(?:NGH|NG|GH|CH|GI|KH|NH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?"
                       r"[AĂÂEÊIOÔƠUƯYÀ-ỸÁÉÍÓÚÝ]{1,3}(?:NG|NH|CH|[CMNPTIYOU])?")
_VV_RE = re.compile(r"(?:V/v|V/V|v/v|Về việc|VỀ VIỆC)\s*[:.]?\s*")


def _header_zone_end(units: list[Unit]) -> int:
    """Units before the body: the body opens with a legal basis or motive (`Căn cứ`, `Thực hiện`),
    an enumerated item, or a long paragraph in sentence case."""
    f = _facts()
    for k, u in enumerate(units[:HEADER_WINDOW]):
        if k < 2:
            continue
        t = u.text
        if f["_opener"].match(t) and u.cell is None:
            return k
        mk = MARKER_RE.match(t)
        if mk and not t.startswith(("-", "–", "+", "*", "•")) and u.cell is None:
            return k
        if len(t) > 400 and not is_caps(t[:200]) and u.cell is None and k > 3:
            return k
    return min(len(units), HEADER_WINDOW)


def _units(doc: Document) -> list[Unit]:
    out = []
    for i, b in enumerate(doc.blocks):
        if b.kind == "row":
            for c, (s, e) in enumerate(b.cells):
                if e > s:
                    out.append(Unit((s, e), doc.text[s:e], i, c))
        else:
            out.append(Unit(b.span, doc.text[b.span[0]:b.span[1]], i))
    return out


def is_caps(s: str) -> bool:
    up, low = count_case(s[:200])
    return up + low >= 2 and up >= 0.8 * (up + low)


@cache
def _casing() -> dict:
    c = _facts()["casing"]
    heads = [(tuple(h.split()), False) for h in c["field_heads"]] + [(tuple(h.split()), True) for h in c["closed_heads"]]
    heads.sort(key=lambda h: -len(h[0]))
    fixed = sorted(c["fixed"], key=len, reverse=True)
    by_first: dict[str, list] = {}
    for h in heads:
        by_first.setdefault(h[0][0], []).append(h)
    return {"heads": heads, "by_first": by_first, "enders": frozenset(c["field_enders"]),
            "places": [tuple(p.split()) for p in sorted(c["place_cues"], key=len, reverse=True)],
            # (`đảng viên`, `đoàn viên` are members, not the Party or the Union)
            "fixed": re.compile(r"(?i)(?<![\wĐđ])(" + "|".join(re.escape(x) for x in fixed) + r")(?![\wĐđ])(?!\s+viên)"),
            "fixed_map": {x.lower(): x for x in fixed}}


def _cap(w: str) -> str:
    return w[:1].upper() + w[1:].lower()


def title_case_organ(s: str) -> str:
    """Write an organ name or a position in normal case (NĐ 30/2020 Phụ lục II).

    The kind of organ and the first syllable of each part of its field are capitalised, places are
    proper names, abbreviations stay as they are; the tables are `[casing]` in models/header.toml.

    >>> title_case_organ("UBND TỈNH TIỀN GIANG"), title_case_organ("SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    ('UBND tỉnh Tiền Giang', 'Sở Giáo dục và Đào tạo')
    """
    c = _casing()
    words = s.split()
    low = [w.lower() for w in words]
    out: list[str] = []
    field = "none"          # "start": right after a head; "in": inside the field name
    cap_place = 0           # words of a place name still to capitalise
    k = 0
    while k < len(words):
        w, core = words[k], words[k].strip(",.;:()“”\"'")
        if len(core) >= 2 and core.isupper() and not _SYLLABLE.fullmatch(core):
            out.append(w)   # an abbreviation: UBND, HĐND, MTTQ, TNCS, KT.
            field = "none" if field == "start" else field
            k += 1
            continue
        cands = c["by_first"].get(low[k].strip(",.;:"), ())
        head = next((h for h in cands if tuple(x.strip(",.;:") for x in low[k:k + len(h[0])]) == h[0]), None)
        place = next((p for p in c["places"] if tuple(low[k:k + len(p)]) == p), None)
        joined = field == "in" and k > 0 and (low[k - 1] in ("và", "-", "–") or low[k - 1].endswith(","))
        if head and field != "in":   # inside a field name, "vụ", "hội", "xã" are words of it
            n, closed = len(head[0]), head[1]
            out.append(_cap(words[k]))
            out.extend(x.lower() for x in words[k + 1:k + n])
            field, cap_place = ("none" if closed else "start"), 0
            k += n
            continue
        if place and not joined:     # ... Thương binh và Xã hội
            out.extend(x.lower() for x in words[k:k + len(place)])
            field, cap_place = "none", 4
            k += len(place)
            continue
        prev = low[k - 1] if k else ""
        if k == 0 or cap_place:
            out.append(_cap(w))
            cap_place = max(cap_place - 1, 0)
        elif field == "start" and low[k] not in c["enders"]:
            out.append(_cap(w))
            field = "in"
        elif field == "in" and low[k] not in c["enders"] and (prev in ("và", "-", "–") or prev.endswith(",")):
            out.append(_cap(w))
        else:
            out.append(w.lower())
            if low[k] in c["enders"] and low[k] != "và":
                field = "none"
            elif field == "start":
                field = "none"
        k += 1
    text = " ".join(out)
    # Province names are proper names wherever they stand; some names have one written form.
    return c["fixed"].sub(lambda m: c["fixed_map"][m.group(1).lower()], _proper_provinces(text))


@cache
def _province_names() -> tuple[str, ...]:
    return tuple(sorted({p.name for p in gazetteer.provinces()}, key=len, reverse=True))


@cache
def _province_re() -> tuple[re.Pattern, dict[str, str]]:
    names = _province_names()
    return (re.compile(r"(?i)(?<![\wĐđ])(" + "|".join(re.escape(p) for p in names) + r")(?![\wĐđ])"),
            {p.lower(): p for p in names})


def _proper_provinces(text: str) -> str:
    """Province names written as names (`tiền giang` → `Tiền Giang`), in one pass."""
    rx, proper = _province_re()
    return rx.sub(lambda m: proper.get(m.group(1).lower(), m.group(1)), text)


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
    for u in window:
        if stamp.match(u.text) or "ĐẾN" in u.text[:6]:
            continue
        text = u.text
        k = units.index(u)
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
    if h.symbol and not h.doc_type_code and h.system == "state":
        h.doc_type = h.doc_type or "Công văn"
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
        while kk < len(units) and (units[kk].block == u.block or re.match(r"[-+•–]\s*", units[kk].text)) and len(units[kk].text) < 250:
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


_PLACE_JOINERS = ("phố", "xã", "trấn", "-", "–")
# A place-and-date line whose date did not survive OCR (`Hà Nội, ngày ® tháng tụ năm 2025`).
_PLACE_NGAY = re.compile(r"(?P<place>[^\W\d_][\w.\- ]{1,40}?)\s*,\s*(?:ngày|Ngày|NGÀY)\b")
# The e-signature stamp of a published copy (`Thời gian ký: 10.04.2025 18:36:06 +07:00`).
_SIGNED_AT = re.compile(r"Thời\s+gian\s+ký\s*:\s*(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)")


def _set_place(h, u: Unit, group: str | None, start: int) -> None:
    """The place is the run of capitalised words just before `, ngày` (NĐ 30 ô 4): what comes before
    it on a flattened line (a symbol, a `V/v` title, the motto) is not part of it."""
    words = (group or "").split()
    run: list[str] = []
    for w in reversed(words):
        core = w.strip(".,:;()")
        symbol_part = "-" in core and re.search(r"[A-ZĐ]{2}", core)        # /CĐ-TTg
        if (core and core[0].isupper() and not re.search(r"\d|/", core) and not symbol_part
                and not _facts()["_motto"].search(w)):
            run.insert(0, w)
        elif run and core.lower() in _PLACE_JOINERS:
            run.insert(0, w)
        else:
            break
    # lower-case openers, and the tail of a symbol or an issuer code (`TTg`, `TW`) before the name
    while run and (not run[0][0].isupper() or count_case(run[0][1:])[0] and "." not in run[0]):
        run.pop(0)
    place = " ".join(run).strip(" .-")
    if not place or len(run) > 6 or is_caps(place) and len(run) > 3:
        return
    h.place = place
    ps = u.text.find(place, start)
    h.spans["place"] = (u.span[0] + ps, u.span[0] + ps + len(place))


def _ocr_noise(text: str) -> bool:
    """A short line of stamp or scanner debris between the lines of a trích yếu (`ĐẾN m _—`,
    `| CỔNG THÔNG TIN ĐIỆN TỬ`, `ng Đã TS) c......`)."""
    t = text.strip()
    if not t or len(t) > 45:
        return False
    if _facts()["_stamp"].match(t) or re.search(r"[|_®©#]|\.{4,}|[—~]", t):
        return True
    words = re.findall(r"[^\W\d_]{2,}", t)
    return len(words) < 2


_TITLE_JUNK = re.compile(r"[\^_¬⁄~+=<>\\#@®©{}|]")


def _strip_ocr_lead(title: str, s0: int) -> tuple[str, int]:
    """Drop scanner debris before the first word of a trích yếu (`2 ? và dự thảo ...`,
    `⁄UÀ. Kết luận ...`): tokens with a stamp-edge character, or a run of one- and two-character
    tokens without letters that holds some punctuation. `100 năm ...` keeps its number."""
    toks = list(re.finditer(r"\S+", title))
    cut = 0
    run_has_punct = False
    for k, t in enumerate(toks[:3]):
        w = t.group(0)
        if _TITLE_JUNK.search(w):
            cut = t.end()
            continue
        if len(w) <= 2 and not re.search(r"[^\W\d_]", w):
            run_has_punct |= not w.isalnum()
            if run_has_punct:
                cut = t.end()
            continue
        break
    if not cut:
        return title, s0
    rest = title[cut:].lstrip()
    return rest, s0 + (len(title) - len(rest))


def _continue_title(units: list[Unit], title_units: list) -> None:
    """A trích yếu that stops mid-phrase (no closing punctuation, the next line in lower case)
    goes on in the next paragraph, across OCR debris between them."""
    while len(title_units) < 4:
        last = title_units[-1][0]
        if is_caps(last.text) or last.text.rstrip().endswith((".", ";", ":", "!", "?")):
            return
        j = units.index(last) + 1
        skipped = 0
        while j < len(units) and skipped < 3 and _ocr_noise(units[j].text):
            j, skipped = j + 1, skipped + 1
        if j >= len(units):
            return
        nu = units[j]
        if (len(nu.text) > 200 or not re.match(r"[^\W\d_]{2,}\s", nu.text) or not nu.text[:1].islower()
                or MARKER_RE.match(nu.text) or _facts()["_opener"].match(nu.text) or _KINH_GUI.search(nu.text)
                or re.search(r",\s*ngày\b", nu.text)):
            return
        title_units.append((nu, 0))


def _date_fallbacks(doc: Document, h, window: list[Unit]) -> None:
    """When the printed date is unreadable (OCR), keep its place and take the date of the electronic
    signature, with a warning that says so."""
    for u in window:
        m = _PLACE_NGAY.search(u.text)
        if m and m.start() < 60 and h.place is None:
            _set_place(h, u, m.group("place"), m.start("place"))
            break
    # The stamp may be in the text or set aside with the page furniture by normalization.
    lines = [(u.span[0], u.text) for u in window] + [(None, t) for _, _, t in doc.set_aside]
    for base, text in lines:
        m = _SIGNED_AT.search(text)
        if m:
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            h.date = d.isoformat()
            span = None
            if base is not None:
                span = h.spans["date"] = (base + m.start(1), base + m.end(3))
            doc.warn("date-from-signature", "the printed date is unreadable; the date of the electronic "
                     "signature is used", span)
            return


# `Kính gửi:` (NĐ 30 ô 9a), or the Công điện form `THỦ TƯỚNG CHÍNH PHỦ điện:` before the list.
_KINH_GUI = re.compile(r"(?:Kính\s+gửi|KÍNH\s+GỬI|(?<=[A-ZÀ-ỸĐ]{2}\s)điện)\s*:\s*")


def _sentence_case(s: str) -> str:
    """A signer's title in normal case (`PHÓ CHỦ TỊCH` → `Phó Chủ tịch`)."""
    low = title_case_organ(s)
    return low[:1].upper() + low[1:]


def sentence_case_title(s: str) -> str:
    """A trích yếu printed in capitals, in sentence case: abbreviations and symbols keep their
    capitals, provinces and the `fixed` names of [casing] theirs."""
    c = _casing()
    out = []
    for w in s.split():
        core = w.strip(",.;:()“”\"'")
        if (len(core) >= 2 and core.isupper() and (not _SYLLABLE.fullmatch(core) or re.fullmatch(r"[IVXLC]+", core))
                or re.search(r"\d", core)):
            out.append(w)
        else:
            out.append(w.lower())
    text = " ".join(out)
    text = text[:1].upper() + text[1:]
    return c["fixed"].sub(lambda m: c["fixed_map"][m.group(1).lower()], _proper_provinces(text))


def _is_authority_line(text: str) -> bool:
    f = _facts()
    return bool(f["_authority"].match(text)) or bool(re.fullmatch(r"(?:BỘ TRƯỞNG|CHỦ TỊCH|THỦ TƯỚNG)\b.*", text) and len(text) < 60)


def _split_list(s: str) -> list[str]:
    parts = re.split(r"\s*;\s*|\n", s)
    return [p.strip(" .,;-–•") for p in parts if p and p.strip(" .,;-–•")]


# Committees and bodies a board is named after ("Ban Tuyên giáo Tỉnh ủy", "Văn phòng Chính phủ").
_SUFFIX_HEADS = ("TỈNH ỦY", "THÀNH ỦY", "HUYỆN ỦY", "QUẬN ỦY", "THỊ ỦY", "ĐẢNG ỦY", "TRUNG ƯƠNG ĐOÀN", "CHÍNH PHỦ",
                 "QUỐC HỘI", "ỦY BAN NHÂN DÂN", "UBND", "HĐND", "HỘI ĐỒNG NHÂN DÂN", "ỦY BAN MTTQ", "BAN CHẤP HÀNH")
_BOARD_HEADS = ("BAN", "VĂN PHÒNG", "ỦY BAN KIỂM TRA", "ĐẢNG ĐOÀN", "THƯỜNG TRỰC", "BỘ CHỈ HUY")


# The sentence that opens the body names its author when the header block lost it:
# `..., Đảng ủy Sở Giáo dục và Đào tạo đề nghị các đảng bộ, chi bộ thực hiện như sau:`.
_LEAD_IN_VERB = re.compile(r"\s+(?:đề\s+nghị|yêu\s+cầu|chỉ\s+thị|thông\s+báo|hướng\s+dẫn|có\s+ý\s+kiến|"
                           r"ban\s+hành|xây\s+dựng|quyết\s+định|kết\s+luận)\b")


def _issuer_from_lead_in(doc: Document, units: list[Unit]) -> None:
    heads = [h for h, _ in _casing()["heads"]] + [tuple(x.lower().split()) for x in _facts()["issuer"]["heads"]]
    for u in units:
        text = u.text.rstrip()
        if not text.endswith(":") or not re.search(r"như\s+sau\s*:$|thực\s+hiện\s*:$", text):
            continue
        for m in _LEAD_IN_VERB.finditer(text):
            start = max(text.rfind(", ", 0, m.start()) + 2, text.rfind(". ", 0, m.start()) + 2, 0)
            name = text[start:m.start()].strip()
            words = tuple(w.lower() for w in name.split())
            if (not name or not name[0].isupper() or len(words) > 12
                    or not any(words[:len(h)] == h for h in heads)):
                continue
            doc.header.issuer = Named(name, (u.span[0] + start, u.span[0] + start + len(name)))
            return


def _parse_issuer(doc, units, window, motto_units, sym_unit, date_unit) -> None:
    f = _facts()
    h = doc.header
    cand: list[tuple[Unit, int, int]] = []     # (unit, start, end) of the top-left text
    limit = units.index(sym_unit) if sym_unit is not None else min(len(units), 8)
    for u in units[: limit + 1]:
        text = u.text
        s, e = 0, len(text)
        mm = f["_motto"].search(text)
        if mm:
            if mm.start() < 3:
                continue
            e = mm.start()
        if u is sym_unit:
            so = _SO_RE.search(text)
            if not so or so.start() < 3:
                continue
            e = min(e, so.start())
        if u is date_unit:
            continue
        seg = text[s:e]
        if not is_caps(seg) and "|" in seg and is_caps(seg.split("|")[0]):
            e = s + seg.index("|")         # `BỘ TÀI CHÍNH | Chuyển:....`: an OCR'd stamp beside the name
            seg = text[s:e]
        if not is_caps(seg):
            # `Công văn 2739/VPCP-ĐMDN ... do Văn phòng Chính phủ ban hành. VĂN PHÒNG CHÍNH PHỦ ---`:
            # a scraped summary sentence before the issuer on the same line
            cut = seg.rfind(". ")
            if cut < 0 or not is_caps(seg[cut + 2:]):
                continue
            s, seg = s + cut + 2, seg[cut + 2:]
        if not seg.strip(" -*_|") or f["_stamp"].match(seg) or re.search(r"\d|/", seg):
            continue
        if seg.isascii() and len(seg.split()) >= 3:
            continue      # `CUC THUE TINH HOA BINH`: a receiving office's stamp, no Vietnamese name is unaccented
        if symbols.match_doc_type(seg.strip()) and symbols.match_doc_type(seg.strip())[2] >= len(seg.strip()) - 1:
            continue
        cand.append((u, s, e))
    if not cand:
        return
    # Join the candidate segments, then split the organ names at head words.
    pieces = []
    for u, s, e in cand:
        seg = u.text[s:e]
        for m in re.finditer(r"[^\-*_|]+", seg):
            chunk = m.group(0)
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                pieces.append((u.span[0] + s + m.start() + lead, chunk.strip()))
    if not pieces:
        return
    # A flat list of (offset, word) with organ boundaries at heads.
    organs: list[list[tuple[int, str]]] = []
    for off, chunk in pieces:
        pos = 0
        for m in f["_heads"].finditer(chunk):
            if m.start() > pos and organs:
                organs[-1].append((off + pos, chunk[pos:m.start()].strip()))
            elif m.start() > pos:
                organs.append([(off + pos, chunk[pos:m.start()].strip())])
            prev = organs[-1] if organs else None
            prev_text = " ".join(t for _, t in prev) if prev else ""
            # A head continues the previous name when that name is still bare (VĂN PHÒNG + CHÍNH PHỦ),
            # ends in a connective, names the committee a board belongs to (BAN TUYÊN GIÁO + TỈNH ỦY),
            # or closes the text with nothing after it (... VÀ XÃ HỘI).
            # (only a one-word head: BAN THƯỜNG TRỰC after ỦY BAN MTTQ ... XÃ LƯƠNG MINH is a new organ)
            at_end = " " not in m.group(0) and not chunk[m.end():].strip(" .,")
            if prev and (len(prev_text.split()) < 2 or prev_text.endswith(("CỦA", "VÀ", "THUỘC")) or at_end
                         or (m.group(0) in _SUFFIX_HEADS and prev_text.startswith(_BOARD_HEADS))):
                prev.append((off + m.start(), m.group(0)))
            else:
                organs.append([(off + m.start(), m.group(0))])
            pos = m.end()
        if pos < len(chunk):
            tail = chunk[pos:].strip()
            if tail:
                if organs:
                    organs[-1].append((off + pos + (len(chunk[pos:]) - len(chunk[pos:].lstrip())), tail))
                else:
                    organs.append([(off + pos, tail)])
    organs = [o for o in organs if " ".join(t for _, t in o).strip(" .,")]
    if not organs:
        return
    names = []
    for o in organs:
        start = o[0][0]
        last_off, last_text = o[-1]
        end = last_off + len(last_text)
        raw = re.sub(r"\s+", " ", " ".join(t for _, t in o)).strip(" .,")
        names.append((raw, (start, end)))
    issuer_raw, issuer_span = names[-1]
    parent = names[-2] if len(names) >= 2 else None
    name = title_case_organ(issuer_raw)
    if parent and issuer_raw.startswith(f["_relative"]):
        pname = re.sub(r"^(?:ĐẢNG BỘ|Đảng bộ)\s+", "", parent[0])
        name = f"{name} {title_case_organ(pname)}"
    h.issuer = Named(name, issuer_span)
    if parent:
        h.parent_issuer = Named(title_case_organ(parent[0]), parent[1])


def _parse_signer(doc: Document, units: list[Unit], start: int) -> Unit | None:
    """The signature block: authority line (TM./KT./T/M...), position title, name."""
    f = _facts()
    h = doc.header
    auth_re, pos_re = f["_authority"], f["_position"]
    for k in range(start, len(units)):
        u = units[k]
        am = auth_re.match(u.text)
        pm = None if am else pos_re.fullmatch(u.text.strip(" *"))
        if not am and not pm:
            # a title and a name at the end of a unit (`... Lưu: VT. BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng`)
            # (only the end of a unit can hold them: the title, then a name that closes the unit)
            lo = max(0, len(u.text) - 140)
            tail = list(pos_re.finditer(u.text, lo))
            if tail and tail[-1].start() > lo:
                nm = find_name(u.text, tail[-1].end())
                if nm and nm[0] - tail[-1].end() <= 2 and nm[1] >= len(u.text.rstrip(" .")) - 1:
                    p = tail[-1].group(0)
                    h.signer.position = _sentence_case(p)
                    h.signer.name = u.text[nm[0]:nm[1]]
                    h.signer.span = (u.span[0] + nm[0], u.span[0] + nm[1])
                    return u
        if not am and not pm:
            continue
        if pm:
            # position alone, then (past a `(Đã ký)` line) a name, maybe after a rank (`Đại tướng`)
            nxt = [v for v in units[k + 1:k + 3] if not re.fullmatch(r"\(?\s*[Đđ]ã\s+ký\s*\)?", v.text.strip())]
            nm = find_name(nxt[0].text) if nxt else None
            if not (nm and nm[1] >= len(nxt[0].text.rstrip(" .")) - 1 and nm[0] <= 12):
                continue
        # Read this unit and the next few short ones.
        texts = [u.text]
        for nu in units[k + 1:k + 1 + SIGNATURE_LOOKAHEAD]:
            if len(nu.text) > 120 or re.match(r"Nơi nhận", nu.text):
                break
            if re.fullmatch(r"\(?\s*[Đđ]ã\s+ký\s*\)?", nu.text.strip()):
                texts.append(" " * len(nu.text))     # keeps offsets; an (Đã ký) line is no name
                continue
            texts.append(nu.text)
        block = " ".join(texts)
        if am:
            h.signer.authority = re.sub(r"\s+", "", am.group(0))
        positions = list(pos_re.finditer(block))
        after = positions[-1].end() if positions else (am.end() if am else 0)
        name_m = find_name(block, after)
        if positions:
            p = positions[-1].group(0)
            h.signer.position = _sentence_case(p) if is_caps(p) else p
        if name_m:
            h.signer.name = block[name_m[0]:name_m[1]]
            # span of the name in text
            off = 0
            for t, nu in zip(texts, units[k:]):
                if off <= name_m[0] < off + len(t):
                    s = nu.span[0] + name_m[0] - off
                    h.signer.span = (s, s + len(h.signer.name))
                    break
                off += len(t) + 1
        return u
    return None


def _parse_recipients(doc: Document, units: list[Unit], start: int) -> Unit | None:
    h = doc.header
    for k in range(start, len(units)):
        u = units[k]
        m = re.match(r"(?:Nơi\s+nhận|NƠI\s+NHẬN)\s*:?\s*", u.text)
        if not m:
            continue
        items = [u.text[m.end():]] if u.text[m.end():].strip() else []
        for nu in units[k + 1:]:
            if not re.match(r"[-+•–]\s*", nu.text) or len(nu.text) > 300:
                break
            items.append(nu.text)
        h.recipients = _split_list(" ; ".join(items))
        return u
    return None


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
