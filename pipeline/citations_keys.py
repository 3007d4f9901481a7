"""Citations, keys: the graph node key of a cited document (`node_key`, `citation_target`), the
slug of a name (`slug`), the level of an issuing body, the locality an issuer phrase names
(`_locality_of`) and the term that scopes a Party key (`party_term`, which is
`pipeline.symbols.party_term`).  pipeline/graph.py uses `node_key` for its keys too."""
from __future__ import annotations

import datetime as _dt
import re
import unicodedata
from functools import lru_cache

from .model import Citation
from .symbols import Symbol, party_level
from .symbols import party_term as _symbol_party_term


# --------------------------------------------------------------------------------------------------
# Keys

_LOCALITY_RE = re.compile(
    r"(?<!\w)(?P<kw>(?i:tỉnh\s+ủy|tỉnh\s+uỷ|thành\s+ủy|thành\s+uỷ|huyện\s+ủy|tỉnh|thành\s+phố|huyện|quận|thị\s+xã|tp\.?))"
    r"\s+(?!(?i:ủy|uỷ|thành|tỉnh|phố|huyện|quận|xã)(?!\w))(?P<loc>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*){0,3})")


@lru_cache(maxsize=8192)
def slug(s: str) -> str:
    """`Tiền Giang` -> `tien-giang`; `ĐU` -> `du`."""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn")
    return re.sub(r"[^a-z0-9]+", "-", s.lower()).strip("-")


def _issuer_level(system: str, issuer: str) -> str | None:
    """The level of the issuing body, which decides whether the key needs a locality and, for a
    Party document, which term table scopes it: a Party level of `symbols.party_level` (central |
    provincial | district | grassroots | youth-central | youth | None for congress documents), or
    for a State body provincial | central."""
    if system == "party":
        return party_level(issuer)
    first = issuer.split("/")[0].split("-")[0].upper().replace("Ð", "Đ")
    if first in ("UBND", "HĐND", "CTUBND", "MTTQ", "BCĐ") or re.fullmatch(r"HĐND\d*", first) \
            or re.fullmatch(r"S[A-ZĐ]{2,}", first) or first.startswith(("UBND", "GDĐT", "BCĐ")):
        return "provincial"
    return "central"


def party_term(date: str | None, system_level: str | None, *, merged: bool = False,
               khoa: str | None = None) -> str | None:
    """The term (`"2020-2025"`) of a Party document of a committee of `system_level` dated `date`
    (ISO): `pipeline.symbols.party_term`, the one definition that graph keys use too (its docstring
    and models/issuer_codes.toml `[[term]]` give the boundaries).  None when the date cannot tell."""
    return _symbol_party_term(system_level, date, merged=merged, khoa=khoa)


_MERGER_DAY = _dt.date(2025, 7, 1)


@lru_cache(maxsize=1024)
def _merged_province(locality: str | None) -> bool:
    """True when `locality` names a province formed by the 2025-07-01 merger of several (its Party
    committee started term 2025-2030 that day), as pipeline.graph decides it."""
    if not locality:
        return False
    try:
        from . import gazetteer
        p = gazetteer.find_province(locality)
        if p is None:
            return False
        return len({q.name for q in gazetteer.provinces()
                    if q.successor == p.name and q.valid_to and q.valid_to < _MERGER_DAY}) > 1
    except Exception:  # gazetteer data missing: no merger known
        return False


def node_key(*, system: str, issuer: str, type_code: str | None, number: str, year: str | None,
             locality: str | None = None) -> str:
    """The graph node key of a document: `vn:{system}:{issuer}[-{locality}]:{type}:{number}:{scope}`.

    * system   `state` | `party`
    * issuer   the issuing body's code from the symbol, slugged (`TTg` -> `ttg`; a Party issuer keeps
               its whole code, `TWĐTN-BTC` -> `twdtn-btc`; a State issuer its first group, the body, so
               the drafting unit of a Công văn is dropped: `2739/VPCP-ĐMDN` -> `vpcp`)
    * locality slug of the province / city / commune for local issuers (`UBND`, `TU`, `ĐU`, `S*`,
               ...), appended to the issuer: `tu-tien-giang`, `ubnd-ha-noi`; None for central bodies
    * type     the type code, slugged (`CT` -> `ct`, `QĐ` -> `qd`); `cv` for a State Công văn; the
               slug of the type name where the symbol has no code (`luat`)
    * number   the number without leading zeros, padded to two digits (`5`, `05` -> `05`)
    * scope    State: the year (of the symbol, else of the date); Party: the term (`2020-2025`)

    Examples: `vn:state:ttg:ct:05:2023`, `vn:party:tu-tien-giang:ct:08:2020-2025`,
    `vn:state:qh12:luat:40:2009`.  Callers must pass locality for local issuers (a key without it is
    not unique); `citation_target` returns None rather than build such a key.
    """
    iss = slug(issuer) or "x"
    if locality:
        iss = f"{iss}-{slug(locality)}"
    num = number.lstrip("0") or "0"
    if num[0].isdigit() and len(re.match(r"\d*", num).group(0)) < 2:
        num = num.zfill(2 + len(num) - len(re.match(r"\d*", num).group(0)))
    t = slug(type_code) if type_code else "x"
    return f"vn:{system}:{iss}:{t}:{num.lower()}:{year or 'x'}"


def citation_target(c: Citation, sym: Symbol | None, locality: str | None, khoa: str | None = None) -> str | None:
    """Node key for a citation when the document alone determines it, else None.  `khoa` is the
    `(khóa XI)` printed after a central Party issuer."""
    if sym is None:
        return None
    system = sym.system
    issuer = sym.issuer_code.split("/")[0] if system == "party" else sym.issuer_code.split("-")[0]
    if system == "state" and sym.type_code is None and sym.year is None:
        tcode = "cv"
    elif sym.type_code:
        tcode = sym.type_code
    else:
        tcode = slug(c.doc_type) if c.doc_type else None
        if not tcode:
            return None
    level = _issuer_level(system, sym.issuer_code)
    loc = None
    if level not in ("central", "youth-central"):
        loc = _locality_of(c.issuer) or locality
        if not loc:
            return None
    if system == "state":
        scope = sym.year or (c.date[:4] if c.date else None)
    else:
        scope = party_term(c.date, level, merged=level == "provincial" and _merged_province(loc), khoa=khoa)
        if scope is None and c.date:
            scope = c.date          # a term the date cannot tell: the date itself is unique (as graph keys)
    if not scope:
        return None
    return node_key(system=system, issuer=issuer, type_code=tcode, number=sym.number, year=scope, locality=loc)


def _locality_of(issuer: str | None) -> str | None:
    if not issuer:
        return None
    """The locality an issuer phrase names (`UBND tỉnh Bến Tre`, `TỈNH ỦY KON TUM`, `Thành ủy Thành
    phố Hồ Chí Minh`); after a unit word in capitals the name must be in capitals too (`ỦY BAN NHÂN
    DÂN TỈNH Căn cứ ...` names none)."""
    for m in _LOCALITY_RE.finditer(issuer):
        kw = m.group("kw")
        if kw.isupper() and kw.rstrip(".") != "TP" and not m.group("loc").isupper():
            continue
        return m.group("loc")
    return None
