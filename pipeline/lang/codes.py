"""Document types and issuer codes: the tables of models/doctypes.toml and models/issuer_codes.toml,
compiled once, and the lookups the symbol parser, the header and the citations read them through
(`canonical_type_code`, `doc_type_name`, `match_doc_type` ...); `fold` and `slug`, the one way names
are compared and keyed."""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import regexes
from ..resources import open_model

# --------------------------------------------------------------------------------------------------
# Tables


_NONWORD = regexes.compile(r"[^0-9a-z]+")
# the combining diacritical marks (U+0300-U+036F, every one a nonspacing mark, `Mn`): all the marks a Vietnamese
# name decomposes to, taken out in C by `str.translate`; a name with other characters left is read one by one
_DIACRITICS = dict.fromkeys(range(0x300, 0x370))


@lru_cache(maxsize=131072)
def fold(s: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, the one the graph, citations and
    the gazetteer compare names by: 'Tỉnh ủy Tiền Giang' -> 'tinh uy tien giang'."""
    if not s:
        return ""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D")).translate(_DIACRITICS)
    if not s.isascii():     # (an ASCII string holds no mark: nothing else to take out)
        s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return _NONWORD.sub(" ", s.lower()).strip()


@lru_cache(maxsize=131072)
def slug(s: str | None) -> str:
    """The part of a graph key a name gives: `Tiền Giang` -> `tien-giang`, `ĐU` -> `du`."""
    return fold(s).replace(" ", "-")


def _fold(code: str) -> str:
    """Key for comparing codes: upper case, Ð/đ -> Đ."""
    return code.replace("Ð", "Đ").replace("ð", "đ").upper()


def _dfold(code: str) -> str:
    """Key that also reads D as Đ (for typed-in `QD`, `HDND`)."""
    return _fold(code).replace("D", "Đ")


@dataclass
class _DocTypes:
    types: list[dict]
    by_name: dict[str, dict]                 # casefolded name -> entry
    code_to_name: dict[str, dict[str, str]]  # system -> canonical code -> name
    canon_code: dict[str, str]               # _fold(code) -> canonical code
    canon_code_d: dict[str, str]             # _dfold(code) -> canonical code (fallback)
    name_re: re.Pattern


@lru_cache(maxsize=1)
def _doctypes_data() -> dict:
    with open_model("doctypes.toml") as f:
        return tomllib.load(f)


@lru_cache(maxsize=1)
def _doctypes() -> _DocTypes:
    data = _doctypes_data()
    types = data["type"]
    by_name: dict[str, dict] = {}
    code_to_name: dict[str, dict[str, str]] = {"state": {}, "party": {}}
    canon: dict[str, str] = {}
    for t in types:
        for n in [t["name"], *t.get("names", [])]:
            by_name[unicodedata.normalize("NFC", n).casefold()] = t
        for system in ("state", "party"):
            for c in t.get(system, []):
                code_to_name[system].setdefault(c, t["name"])
                canon[_fold(c)] = c
        for c in t.get("old_state", []):
            code_to_name["state"].setdefault(c, t["name"])
            canon[_fold(c)] = c
    canon_d: dict[str, str] = {}
    for c in canon.values():
        canon_d.setdefault(_dfold(c), c)
    names = sorted(by_name, key=len, reverse=True)
    name_re = regexes.compile(r"(?:" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE)
    return _DocTypes(types, by_name, code_to_name, canon, canon_d, name_re)


@dataclass
class _Issuers:
    party: set[str]
    party_suffixes: list[str]
    state: set[str]
    numbered: list[str]
    canon: dict[str, str]
    canon_d: dict[str, str]
    prefixes: list[str]
    units: set[str]
    alone: set[str]                    # central State codes an older symbol prints alone (`769/TTg`)


@lru_cache(maxsize=1)
def _issuer_data() -> dict:
    with open_model("issuer_codes.toml") as f:
        return tomllib.load(f)


def issuer_facts() -> dict:
    """models/issuer_codes.toml as read (codes by system, compound codes, terms, company words)."""
    return _issuer_data()


def doc_types() -> _DocTypes:
    """models/doctypes.toml compiled: type entries by name, codes by system, the type-name pattern."""
    return _doctypes()


@lru_cache(maxsize=1)
def _issuers() -> _Issuers:
    data = _issuer_data()
    party = {_fold(c) for c in data["party"]["codes"]}
    state = {_fold(c) for c in data["state"]["codes"]}
    canon: dict[str, str] = {}
    for c in data["party"]["codes"] + data["state"]["codes"] + data["compound"]["prefixes"] + data["compound"]["units"]:
        canon.setdefault(_fold(c), c)
    canon_d: dict[str, str] = {}
    for c in canon.values():
        canon_d.setdefault(_dfold(c), c)
    return _Issuers(party, [_fold(s) for s in data["party"]["suffixes"]], state,
                    [_fold(s) for s in data["state"]["numbered"]], canon, canon_d,
                    [_fold(p) for p in data["compound"]["prefixes"]],
                    {_fold(u) for u in data["compound"]["units"]},
                    {_fold(c) for c in data["state"].get("alone", [])})


def canonical_type_code(code: str) -> str | None:
    """`CTR` -> `CTr`, `QD` -> `QĐ`; None when `code` is no known type code."""
    dt = _doctypes()
    k = _fold(code)
    if k in dt.canon_code:
        return dt.canon_code[k]
    return dt.canon_code_d.get(_dfold(code))


def _canon_issuer_part(part: str) -> str:
    iss = _issuers()
    k = _fold(part)
    if k in iss.canon:
        return iss.canon[k]
    kd = _dfold(part)
    if kd in iss.canon_d:
        return iss.canon_d[kd]
    for n in iss.numbered:             # QH14, HĐND8, UBTVQH15
        m = re.fullmatch(r"([A-ZĐ]+?)(\d+)", kd)
        if m and m.group(1) == _dfold(n):
            return iss.canon.get(n, n) + m.group(2)
    return part.replace("Ð", "Đ").replace("ð", "đ")


def _canon_issuer(parts: list[str]) -> str:
    iss = _issuers()
    out: list[str] = []
    for p in parts:
        k = _fold(p)
        if k not in iss.canon and len(parts) == 1:
            for pre in iss.prefixes:           # TWĐTNBTC -> TWĐTN-BTC
                if k.startswith(pre) and k[len(pre):] in iss.units:
                    out += [iss.canon[pre], iss.canon[k[len(pre):]]]
                    break
            else:
                out.append(_canon_issuer_part(p))
            continue
        out.append(_canon_issuer_part(p))
    return "-".join(out)


def _issuer_family(issuer: str) -> str | None:
    """'party' / 'state' when the issuer code is known to belong to one system."""
    iss = _issuers()
    first = _fold(issuer.split("-")[0].split("/")[0])
    if first in iss.state or _fold(issuer) in iss.state:
        return "state"
    for n in iss.numbered:
        if re.fullmatch(re.escape(n) + r"\d*", first):
            return "state"
    if first in iss.party or _fold(issuer) in iss.party:
        return "party"
    if any(first.endswith(s) for s in iss.party_suffixes):
        return "party"
    return None


def doc_type_name(code: str | None, system: str | None = None) -> str | None:
    """`CT` -> `Chỉ thị`; `TT` -> `Thông tư` (state) / `Thông tri` (party); `CV` -> `Công văn`."""
    if not code:
        return None
    c = canonical_type_code(code)
    if c is None:
        return None
    dt = _doctypes()
    systems = [system] if system in ("state", "party") else ["state", "party"]
    for s in systems:
        if c in dt.code_to_name[s]:
            return dt.code_to_name[s][c]
    for s in ("state", "party"):
        if c in dt.code_to_name[s]:
            return dt.code_to_name[s][c]
    return None


def doc_type_code(name: str, system: str | None = None) -> str | None:
    """`Kế hoạch` -> `KH`; `Công văn` -> `CV` for party, None for state; `Quy định` -> `QyĐ` / `QĐ`."""
    t = _doctypes().by_name.get(unicodedata.normalize("NFC", name).strip().casefold())
    if t is None:
        return None
    if system == "party":
        if t["name"] == "Quy định":
            return "QĐ"          # Party Quy định share QĐ with Quyết định (QĐ 399; QĐi was a 2018 habit)
        codes = t.get("party", [])
    elif system == "state":
        codes = t.get("state", [])
    else:
        codes = t.get("state", []) or t.get("party", [])
    return codes[0] if codes else None


def doc_type_names() -> list[str]:
    """The canonical name of every document type, in the order of models/doctypes.toml."""
    return [t["name"] for t in _doctypes().types]


def _ocr_extras() -> dict:
    return _doctypes_data().get("ocr", {})


def type_codes(*, ocr: bool = False) -> frozenset[str]:
    """Every type code of models/doctypes.toml (State, Party and older State codes, as spelled
    there); with `ocr`, the codes OCR repair also accepts after a number (its `[ocr] extra_codes`)."""
    codes = {c for t in _doctypes().types for k in ("state", "party", "old_state") for c in t.get(k, [])}
    if ocr:
        codes |= set(_ocr_extras().get("extra_codes", []))
    return frozenset(codes)


def type_names(*, ocr: bool = False) -> tuple[str, ...]:
    """Every type name and spelling of models/doctypes.toml; with `ocr`, the names OCR repair also
    knows printed above a title (`[ocr] extra_names`)."""
    names = [n for t in _doctypes().types for n in [t["name"], *t.get("names", [])]]
    if ocr:
        names += _ocr_extras().get("extra_names", [])
    return tuple(dict.fromkeys(names))


def issuer_codes() -> frozenset[str]:
    """Issuer codes of models/issuer_codes.toml: Party and State codes, compound prefixes and units."""
    data = _issuer_data()
    comp = data.get("compound", {})
    return frozenset([*data["party"]["codes"], *data["state"]["codes"], *comp.get("prefixes", []),
                      *comp.get("units", [])])


def match_doc_type(text: str) -> tuple[str, int, int] | None:
    """A type word at the start of `text` (after blanks), any case: ("Chỉ thị", start, end)."""
    dt = _doctypes()
    s = len(text) - len(text.lstrip())
    head = unicodedata.normalize("NFC", text[s:s + 40])
    m = dt.name_re.match(head)
    if not m:
        return None
    t = dt.by_name[m.group(0).casefold()]
    # NFC of the head can shorten it only where text was not NFC; pipeline text is NFC.
    return t["name"], s, s + m.end()


@lru_cache(maxsize=1)
def _ocr_join_re() -> tuple[re.Pattern, re.Pattern]:
    """A State type code and issuer code that OCR or a lost line break joined with a dot, a space or a
    line break instead of the hyphen (`05/CT.TTg`, `01/2008/NĐ CP`, `755/CĐ` / `TTg`): only codes of
    the tables, so that `12/KH` and a word after it are not read as one.  With it, the same from its slash
    on: opening with a literal, it finds in a few microseconds whether a text holds any such join."""
    # longest first, then in alphabetical order: the same pattern text in every process, whatever the hash seed
    types = sorted({c for t in doc_types().types for c in t.get("state", [])}, key=lambda c: (-len(c), c))
    issuers = sorted(issuer_facts()["state"]["codes"], key=lambda c: (-len(c), c))
    alt = "|".join
    after_slash = (r"[ \t]*(?:((?:19|20)\d\d)[ \t]*/[ \t]*)?(" + alt(re.escape(t) for t in types)
                   + r")(?:\.|[ \t]+|[ \t]*\n[ \t]*)(" + alt(re.escape(i) for i in issuers) + r")(?![\w/\-–])")
    return regexes.compile(r"(\d(?<![\w/.\-]\d)\d{0,4})[ \t]*/" + after_slash), regexes.compile("/" + after_slash)
