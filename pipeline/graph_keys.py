"""Graph node keys: the identity of a document in reality (issuing organisation with its locality,
type, number, and the year or the Party committee's term), from a symbol, an issuer phrase and a date.

Used by `pipeline.graph` (corpus resolution) and by the citation stage (per-document targets).
"""
from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from . import symbols as _symbols

try:  # the gazetteer canonicalises province names ('TP.HCM' -> 'Hồ Chí Minh'); optional
    from . import gazetteer as _gaz
except Exception:  # pragma: no cover - gazetteer data missing
    _gaz = None

MERGER_DATE = datetime.date(2025, 7, 1)


# --------------------------------------------------------------------------------------------- text

_NONWORD = re.compile(r"[^0-9a-z]+")


@functools.lru_cache(maxsize=131072)
def fold(s: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form: 'Tỉnh ủy Tiền Giang' -> 'tinh uy tien giang'."""
    if not s:
        return ""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    return _NONWORD.sub(" ", s).strip()


@functools.lru_cache(maxsize=131072)
def slug(s: str | None) -> str:
    return fold(s).replace(" ", "-")


def _date(s: Any) -> datetime.date | None:
    if not s:
        return None
    try:
        return datetime.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


# -------------------------------------------------------------------------------------------- symbol

STATE_TYPES = {"NQ", "QĐ", "CT", "QC", "QYĐ", "TC", "TB", "HD", "CTR", "KH", "PA", "ĐA", "DA", "BC", "BB",
               "TTR", "HĐ", "CĐ", "BGN", "BTT", "GUQ", "GM", "GGT", "GNP", "PG", "PC", "PB", "NĐ", "TT",
               "TTLT", "L", "SY", "TRS", "SL", "GN", "TTH", "UQ", "NP", "QĐI"}
# State issuer codes that a Party-shaped symbol (`05-CT/TTg`) betrays as a mis-typed State symbol.
STATE_ISSUERS = {"TTG", "CP", "VPCP", "UBND", "HĐND", "CTUBND", "CTN", "BNV", "BTC", "BCA", "BQP", "BNG",
                 "BTP", "BCT", "BXD", "BYT", "BGDĐT", "BKHCN", "BVHTTDL", "BNNMT", "BDTTG", "NHNN", "TTCP",
                 "BKHĐT", "BLĐTBXH", "BGTVT", "BTNMT", "BNNPTNT", "BTTTT", "UBDT"}
_LOCAL_STATE = re.compile(r"^(UBND|HĐND|CTUBND|VPUBND|UBMTTQ|BQL|S[A-ZĐ]{1,7})$")
_LOCAL_PARTY = re.compile(r"(TU|THU|HU|QU|ĐU|ĐUK|CB|ĐH)$")
# Codes that name a kind of organisation, not one organisation: the issuer's name is part of the key.
_GENERIC_PARTY = {"ĐU", "CB", "ĐUK", "BCSĐ", "ĐĐ"}
_SUB_PROVINCE = {"THU", "HU", "QU"}
_DIGITS = re.compile(r"^(\d+)(.*)$")


@dataclass(frozen=True)
class Symbol:
    """A parsed `Số, ký hiệu`: system, number, type code, issuer code, year printed in it."""

    system: str                 # party | state
    number: str                 # zero-padded to two digits: '05', '922', '123a'
    type_code: str              # 'CT', 'KH', 'CV' (State công văn: no type in the symbol)
    issuer_code: str            # 'TU', 'TTG', 'UBND', 'BTC-BNV'
    year: int | None = None     # State VBQPPL `30/2020/NĐ-CP`

    @property
    def canonical(self) -> str:
        if self.system == "party":
            return f"{self.number}-{self.type_code}/{self.issuer_code}"
        mid = f"{self.year}/" if self.year else ""
        if self.type_code == "CV":
            return f"{self.number}/{mid}{self.issuer_code}"
        return f"{self.number}/{mid}{self.type_code}-{self.issuer_code}"


def _num(n: str) -> str:
    m = _DIGITS.match(n.strip())
    if not m:
        return n.strip().lower()
    return f"{int(m.group(1)):02d}{m.group(2).lower()}"


@functools.lru_cache(maxsize=65536)
def parse_symbol(symbol: str | None) -> Symbol | None:
    """Parse a Party (`24-CT/TU`) or State (`05/CT-TTg`, `30/2020/NĐ-CP`, `73/TTg-CN`) symbol.

    A Party-shaped symbol whose issuer is a State code (`05-CT/TTg`) is read as the State symbol it
    stands for.  Returns None when the text is not a symbol."""
    if not symbol:
        return None
    s = unicodedata.normalize("NFC", symbol).replace("Ð", "Đ").replace("đ", "Đ")
    s = re.sub(r"\s+", "", s).strip(".,;:").upper()
    m = re.match(r"^(\d+[A-Z]?)-([A-ZĐ]+)[/-]([A-ZĐ][A-ZĐ0-9-]*)(?:/.*)?$", s)
    if m:
        num, typ, iss = m.groups()
        if iss.split("-")[0] in STATE_ISSUERS and not _LOCAL_PARTY.search(iss):
            return Symbol("state", _num(num), typ, iss)
        return Symbol("party", _num(num), typ, iss)
    m = re.match(r"^(\d+[A-Z]?)/(?:(\d{4})/)?([A-ZĐ0-9]+)(?:-([A-ZĐ0-9-]+))?$", s)
    if m:
        num, year, first, rest = m.groups()
        y = int(year) if year else None
        if first in STATE_TYPES and rest:
            if (re.search(r"(TU|TW|ĐU|THU|HU)$", rest) and rest not in STATE_ISSUERS
                    and not _LOCAL_STATE.match(rest)):           # 12/BC-VPTU: a Party symbol mistyped
                return Symbol("party", _num(num), first, rest)
            return Symbol("state", _num(num), first, rest, y)
        if re.match(r"^QH\d*$", first) and y:           # laws: 40/2009/QH12
            return Symbol("state", _num(num), "L", first, y)
        return Symbol("state", _num(num), "CV", first, y)   # Công văn: issuer-unit
    return None


# ------------------------------------------------------------------------------------------ locality

_SUBLOC = re.compile(r"(?<!\w)(?i:thành ủy|thị ủy|huyện ủy|quận ủy|huyện|quận|thị xã|thành phố|tp\.?|xã|phường|"
                     r"thị trấn)\s+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝỦỨỪ][\w'-]*\s*)+)")


def _province(text: str | None, date: str | None = None) -> str | None:
    """Canonical province name found in `text` (units of one name before and after 2025 share it,
    so the date does not matter)."""
    return _province_name(text) if text else None


@functools.lru_cache(maxsize=65536)
def _province_name(text: str) -> str | None:
    if _gaz is not None:
        try:
            p = _gaz.find_province(text)
        except Exception:  # pragma: no cover - gazetteer data problem
            p = None
        if p is not None:
            return p.name
    return None


def _sub_locality(text: str | None) -> str | None:
    """'Ban Thường vụ thành ủy Gia Nghĩa' -> 'Gia Nghĩa' (a named unit below or at province level)."""
    if not text:
        return None
    for m in _SUBLOC.finditer(text):
        name = m.group(1).strip()
        words = name.split()[:4]
        if words:
            return " ".join(words)
    return None


_KIND_CITY = re.compile(r"\b(thanh pho|thanh uy|tp)\b")
_KIND_PROVINCE = re.compile(r"\b(tinh|tinh uy)\b")


def _predecessors(province: str, issuer_text: str | None = None) -> list[str]:
    """Old provinces merged into `province` on 2025-07-01 (itself included when it kept the name);
    an issuer phrase saying `tỉnh` / `Tỉnh ủy` or `thành phố` / `Thành ủy` keeps those of that kind."""
    if _gaz is None:
        return []
    try:
        units = [p for p in _gaz.provinces() if p.successor == province and p.valid_to and p.valid_to < MERGER_DATE]
    except Exception:  # pragma: no cover
        return []
    f = fold(issuer_text)
    kind = "thành phố" if _KIND_CITY.search(f) else "tỉnh" if _KIND_PROVINCE.search(f) else None
    if kind and len(units) > 1:
        units = [p for p in units if p.kind == kind] or units
    return sorted({p.name for p in units})


# ---------------------------------------------------------------------------------------------- scope

def party_term(issuer_code: str, date: datetime.date | None, *, merged: bool = False,
               text: str | None = None) -> str | None:
    """The committee term ('2020-2025') a Party document of `issuer_code` dated `date` belongs to.

    The boundaries are `pipeline.symbols.party_term`'s (the one definition, shared with citation
    targets; table in models/issuer_codes.toml `[[term]]`), for the level `symbols.party_level`
    gives the code: central organs (`/TW`) follow the national congresses (and a `(khóa XII)` in
    `text`); provincial committees run 2015-2020, 2020-2025, 2025-2030.  Dates inside a congress
    season, when the term depends on the congress date of that committee, give None (unknown, not
    guessed).  Provinces merged on 2025-07-01 started term 2025-2030 on that day (`merged`)."""
    level = _symbols.party_level(issuer_code)
    khoa = _symbols.khoa_in(text) if level == "central" else None
    return _symbols.party_term(level, date, merged=merged, khoa=khoa)


# ----------------------------------------------------------------------------------------------- keys

_ORGAN_WORDS = re.compile(r"\b(ban thuong vu|thuong truc|ban chap hanh|dang uy|dang bo|chi bo|ban can su dang|"
                          r"dang doan|khoi|tinh|thanh pho|tp|huyen|quan|xa|phuong|thi xa|thi tran|uy ban nhan dan|"
                          r"ubnd|co so|truc thuoc|cua)\b")


def make_key(*, system: str, issuer: str, type_code: str, number: str, scope: str) -> str:
    """``vn:{system}:{issuer}:{type}:{number}:{scope}`` with each part slugged (the documented format
    of `pipeline.citations.node_key`)."""
    return ":".join(["vn", system, issuer, slug(type_code), _num(number), scope])


@dataclass
class Context:
    """What a citing document lends to the citations it holds."""

    record_id: str
    node: str
    locality: str | None              # canonical province of the citing document
    date: datetime.date | None
    issuer_code: str | None
    issuer_slug: str | None
    org: str | None


@dataclass
class Keying:
    """The outcome of keying one document reference."""

    key: str | None = None
    base: tuple | None = None         # (system, issuer slug, type, number): key without scope
    candidates: list[str] = field(default_factory=list)
    reason: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


def _org(code: str, issuer_text: str | None, locality: str | None) -> str | None:
    words = fold(issuer_text)
    for lw in filter(None, [fold(locality)]):
        words = words.replace(lw, " ")
    words = _ORGAN_WORDS.sub(" ", words)
    return slug(words) or None


def key_reference(sym: Symbol, *, issuer_text: str | None, date: datetime.date | None, ctx: Context | None,
                  text: str | None = None) -> Keying:
    """Key a reference to a document from its parsed symbol, issuer phrase and date, the citing
    document `ctx` lending a locality (and organisation) the phrase leaves out."""
    code = sym.issuer_code
    local = bool(_LOCAL_PARTY.search(code) if sym.system == "party"
                 else _LOCAL_STATE.match(code.split("-")[0]))
    iso = date.isoformat() if date else None
    prov = _province(issuer_text, iso)
    sub = _sub_locality(issuer_text) if code in _SUB_PROVINCE or sym.system == "state" else None
    if sub and (_province(sub) or (prov and fold(sub) == fold(prov))):
        sub = None
    provinces: list[str] = []
    if local or prov or sub:
        if prov:
            provinces = [prov]
        elif ctx is not None and ctx.locality:
            provinces = [ctx.locality]
            if ctx.date and ctx.date >= MERGER_DATE and date and date < MERGER_DATE \
                    and len(_predecessors(ctx.locality)) > 1:
                provinces = _predecessors(ctx.locality, issuer_text)
        if code in _SUB_PROVINCE and not sub:
            if ctx is not None and ctx.issuer_code == code and ctx.issuer_slug:
                return _scoped(sym, ctx.issuer_slug, date, text, issuer_text, merged=False)
            return Keying(reason=f"issuer {code} is below province level and names no locality")
        if not provinces and not sub:
            return Keying(reason="local issuer with no locality (citing document has none)")
    org = None
    if sym.system == "party" and code in _GENERIC_PARTY:
        org = _org(code, issuer_text, provinces[0] if provinces else None)
        if not org and ctx is not None and ctx.issuer_code == code:
            org = ctx.org
        if not org:
            return Keying(reason=f"issuer {code} needs the organisation's name")
    keyings = []
    for p in provinces or [None]:
        body = code.split("-")[0] if sym.system == "state" else code   # State: the body, not the unit
        parts = [slug(body), org, slug(sub) if sub else None, slug(p) if p else None]
        issuer_slug = "-".join(x for x in parts if x)
        merged = bool(p and len(_predecessors(p)) > 1)
        keyings.append(_scoped(sym, issuer_slug, date, text, issuer_text, merged=merged,
                               locality=p, sub=sub))
    if len(keyings) == 1:
        return keyings[0]
    return Keying(candidates=[k.key for k in keyings if k.key],
                  reason="issuer locality before the 2025 merger: " + ", ".join(provinces))


def _scoped(sym: Symbol, issuer_slug: str, date: datetime.date | None, text: str | None,
            issuer_text: str | None, *, merged: bool, locality: str | None = None,
            sub: str | None = None) -> Keying:
    if sym.system == "state":
        scope = str(sym.year) if sym.year else (str(date.year) if date else None)
    else:
        scope = party_term(sym.issuer_code, date, merged=merged, text=text)
    if scope is None and date is not None:
        scope = date.isoformat()          # a term unknown from the date alone: the date itself is unique
    base = (sym.system, issuer_slug, slug(sym.type_code), sym.number)
    meta = {"system": sym.system, "symbol": sym.canonical, "number": sym.number,
            "doc_type_code": sym.type_code, "issuer_code": sym.issuer_code, "issuer_key": issuer_slug,
            "locality": locality, "sub_locality": sub, "date": date.isoformat() if date else None,
            "year": (sym.year or (date.year if date else None)),
            "term": scope if sym.system == "party" and scope and len(scope) == 9 else None}
    if issuer_text:
        meta["issuer"] = issuer_text
    if scope is None:
        return Keying(base=base, meta=meta, reason="no date: the year or term of the symbol is unknown")
    return Keying(key=make_key(system=sym.system, issuer=issuer_slug, type_code=sym.type_code,
                               number=sym.number, scope=scope), base=base, meta=meta)
