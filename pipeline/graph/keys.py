"""Document identity: the graph node key of a document in reality (issuing organisation with its
locality, type, number, and the year or the Party committee's term), from a symbol, an issuer phrase
and a date, and the evidence that gave its locality.

The one key builder: `node_key` writes a key, `key_reference` decides its parts.  The citation stage
(`pipeline.citations.keys.citation_target`, the `target` of each citation of a record) and the corpus
graph (`pipeline.graph.build`) both call `key_reference`; the symbol, its parser, `fold`/`slug` and the
Party term come from `pipeline.lang.symbols`, whose tables are models/doctypes.toml and
models/issuer_codes.toml.
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass, field
from typing import Any

from .. import regexes
from ..lang import Symbol, fold, parse_symbol, slug  # noqa: F401  (the one identity, re-exported)
from ..lang import symbols as _symbols
from .locality import (  # noqa: F401  (re-exported: graph_keys.provinces_named, issuer_locality ...)
    _CAP_NAME,
    _SUB_COMMITTEE,
    MERGER_DATE,
    _predecessors,
    _province,
    _sentence_locality,
    _sub_locality,
    is_company,
    issuer_locality,
    province_cut_short,
    provinces_counted,
    provinces_named,
)


def as_date(s: Any) -> datetime.date | None:
    """A date from an ISO string (its first ten characters) or a date; None for anything else."""
    if not s:
        return None
    if isinstance(s, datetime.date):
        return s
    try:
        return datetime.date.fromisoformat(str(s)[:10])
    except ValueError:
        return None


_date = as_date


# -------------------------------------------------------------------------------------------- symbol

# The levels of `symbols.party_level` whose committees are local: their key needs a locality.
_LOCAL_LEVELS = {"provincial", "district", "grassroots", "youth"}
_LOCAL_STATE = regexes.compile(r"^(UBND|HĐND|CTUBND|VPUBND|UBMTTQ|BQL|S[A-ZĐ]{1,7})$")
# Codes that name a kind of organisation, not one organisation: the issuer's name is part of the key.
_GENERIC_PARTY = {"ĐU", "CB", "ĐUK", "BCSĐ", "ĐĐ"}
_SUB_PROVINCE = {"THU", "HU", "QU"}
_DIGITS = regexes.compile(r"^(\d+)(.*)$")


@functools.lru_cache(maxsize=65536)
def key_number(n: str) -> str:
    """The number part of a key: no leading zeros, padded to two digits (`5`, `05` -> `05`)."""
    m = _DIGITS.match(n.strip())
    if not m:
        return n.strip().lower()
    return f"{int(m.group(1)):02d}{m.group(2).lower()}"


def node_key(*, system: str, issuer: str, type_code: str | None, number: str, year: str | None,
             locality: str | None = None) -> str:
    """The graph node key of a document: `vn:{system}:{issuer}[-{locality}]:{type}:{number}:{scope}`.

    * system   `state` | `party`
    * issuer   the issuing body's code from the symbol, slugged (`TTg` -> `ttg`; a Party issuer keeps
               its whole code, `TWĐTN-BTC` -> `twdtn-btc`; a State issuer its first group, the body, so
               the drafting unit of a Công văn is dropped: `2739/VPCP-ĐMDN` -> `vpcp`); for a local
               issuer followed by its organisation and locality (`tu-tien-giang`, `ubnd-ha-noi`)
    * locality slug of a locality to append to the issuer (for callers that keep them apart)
    * type     the type code, slugged (`CT` -> `ct`, `QĐ` -> `qd`); `cv` for a State Công văn; the
               slug of the type name where the symbol has no code (`luat`)
    * number   the number without leading zeros, padded to two digits (`5`, `05` -> `05`)
    * scope    State: the year (of the symbol, else of the date); Party: the term (`2020-2025`), or
               the date itself where the date cannot tell the term

    Examples: `vn:state:ttg:ct:05:2023`, `vn:party:tu-tien-giang:ct:08:2020-2025`,
    `vn:state:qh12:luat:40:2009`.
    """
    iss = slug(issuer) or "x"
    if locality:
        iss = f"{iss}-{slug(locality)}"
    return f"vn:{system}:{iss}:{slug(type_code) or 'x'}:{key_number(number)}:{year or 'x'}"


def key_type(sym: Symbol) -> str:
    """The type part of a key: the symbol's type code; `CV` for a State Công văn (no code in its
    symbol); `x` for a symbol with a year and no type code (`40/2009/QH12`: the Quốc hội numbers
    its laws and resolutions in one series, so number and year name the document whatever type
    word the text puts before it): the key depends on the symbol, not on the wording."""
    if sym.type_code:
        return sym.type_code
    if sym.system == "state" and sym.year is None:
        return "CV"
    return "x"


@functools.lru_cache(maxsize=65536)
def issuer_code_of(sym: Symbol) -> str:
    """The issuer code a key is built on, upper case: a Party symbol's whole code without its
    suffix (`VPTW` of `5053-CV/VPTW/nb`), a State symbol's code (`VPCP-ĐMDN`)."""
    code = sym.issuer_code.split("/")[0] if sym.system == "party" else sym.issuer_code
    return code.upper().replace("Ð", "Đ")


@functools.lru_cache(maxsize=65536)
def symbol_identity(sym: Symbol) -> tuple:
    """What of a symbol tells one document from another, whatever its spelling: system, number
    without leading zeros, year, type and issuer codes folded (`05-CT/TTg`, `5/CT-TTG` and
    `05/CT-TTg` are one; the drafting unit of a State Công văn is kept)."""
    fold_code = _symbols._dfold
    issuer = "-".join(sorted(fold_code(x) for x in sym.issuer_code.split("-"))) if sym.system == "state" \
        else fold_code(sym.issuer_code)
    return (sym.system, key_number(sym.number), sym.year, fold_code(sym.type_code or ""), issuer)


def issuer_term(issuer_code: str, date: datetime.date | str | None, *, merged: bool = False,
                text: str | None = None) -> str | None:
    """The committee term ('2020-2025') of a Party document of `issuer_code` dated `date`:
    `symbols.party_term` for the level `symbols.party_level` gives the code (the one definition,
    table in models/issuer_codes.toml `[[term]]`), with a `(khóa XII)` in `text` naming a central
    term.  None where the date cannot tell (a congress season, no date)."""
    level = _symbols.party_level(issuer_code)
    khoa = _symbols.khoa_in(text) if level == "central" else None
    return _symbols.party_term(level, date, merged=merged, khoa=khoa)


# ----------------------------------------------------------------------------------------------- keys

_ORGAN_WORDS = regexes.compile(r"\b(ban thuong vu|thuong truc|ban chap hanh|dang uy|dang bo|chi bo|ban can su dang|"
                               r"dang doan|khoi|tinh|thanh pho|tp|huyen|quan|xa|phuong|thi xa|thi tran|uy ban nhan dan|"
                               r"ubnd|co so|truc thuoc|cua)\b")


# Which evidence gave a key's locality (`key_reason` of a node, `locality_evidence` of a Keying).
EVIDENCE = {
    "issuer": "locality from the issuer's own name",
    "sentence": "locality from the citing sentence",
    "header": "locality from the citing document's header",
    "body": "locality inferred from the place the citing document is about",
    "citing-issuer": "the citing document's own issuer",
}
_LOCAL_STATE_CODE = regexes.compile(r"^(UBND\w*|HĐND\d*|CTUBND|VPUBND|UBMTTQ|MTTQ|BQL|BCĐ\w*|GDĐT\w*|S[A-ZĐ]{1,7})$")
@dataclass(slots=True)
class Context:
    """What a citing document lends to the citations it holds."""

    record_id: str
    node: str
    locality: str | None              # canonical province of the citing document
    date: datetime.date | None
    issuer_code: str | None
    issuer_slug: str | None
    org: str | None
    locality_evidence: str | None = "header"     # header | body (inferred): where `locality` came from


@dataclass(slots=True)
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


@functools.lru_cache(maxsize=65536)
def is_central(sym: Symbol) -> bool:
    """True when the issuer code of `sym` is a known central body's (models/issuer_codes.toml:
    `TTg`, `CP`, the ministries; a central Party organ): its key never takes a locality, whatever
    the issuer phrase runs on to (`71/NQ-CP` of `Chính phủ và Kế hoạch ... của Thành ủy Hà Nội`)."""
    code = issuer_code_of(sym)
    if sym.system == "party":
        return _symbols.party_level(code) in ("central", "youth-central")
    first = code.split("-")[0]
    return first in _state_codes() and not _LOCAL_STATE_CODE.match(first)


@functools.lru_cache(maxsize=1)
def _state_codes() -> frozenset[str]:
    return frozenset(c.upper() for c in _symbols.issuer_facts()["state"]["codes"])


@functools.lru_cache(maxsize=65536)
def is_local(sym: Symbol) -> bool:
    """True when the issuer of `sym` is a local body, whose key needs its locality: a Party
    committee below the centre (`symbols.party_level`), a State people's committee or council, a
    provincial department (`S*`), a management board."""
    code = issuer_code_of(sym)
    if sym.system == "party":
        return _symbols.party_level(code) not in ("central", "youth-central")
    return bool(_LOCAL_STATE_CODE.match(code.split("-")[0]))


@functools.lru_cache(maxsize=65536)
def _symbol_facts(sym: Symbol) -> tuple[str, bool, bool, str, str, str | None]:
    """(issuer code, local, central, type part, number part, Party level) of a symbol: what keying
    it reads, looked up once per reference (a graph keys thousands)."""
    code = issuer_code_of(sym)
    return (code, is_local(sym), is_central(sym), key_type(sym), key_number(sym.number),
            _symbols.party_level(code) if sym.system == "party" else None)


def _locate(sym: Symbol, code: str, issuer_text: str | None, ctx: Context | None,
            sentence: str | None, local: bool, central: bool, company: bool
            ) -> tuple[str | None, str | None, str | None]:
    """(province, sub-province unit, evidence) of a reference's issuer, the evidence in order: the
    issuer's own name, the citing sentence, the citing document (its header, or inferred from its
    body)."""
    if company or central:               # a business: its name's place is a brand, not its locality
        return None, None, None
    prov = _province(issuer_text)
    sub = _sub_locality(issuer_text) if code in _SUB_PROVINCE or sym.system == "state" else None
    if sub and not prov and province_cut_short(sub):
        prov, sub = province_cut_short(sub), None       # `Thuế thành phố Hồ Chí` (Minh dropped)
    if sub and (_province(sub) or (prov and fold(sub) == fold(prov))):
        sub = None
    evidence = "issuer" if prov or sub else None
    if prov or not local:
        return prov, sub, evidence
    s_prov, s_sub = _sentence_locality(sym, code, sentence)
    if s_sub and not sub:
        sub, evidence = s_sub, "sentence"
    if s_prov:
        return s_prov, sub, "sentence"
    if ctx is not None and ctx.locality:
        return ctx.locality, sub, ctx.locality_evidence if evidence is None else evidence + "+" + ctx.locality_evidence
    return None, sub, evidence


def key_reference(sym: Symbol, *, issuer_text: str | None, date: datetime.date | None, ctx: Context | None,
                  text: str | None = None, sentence: str | None = None,
                  khoa: str | None = None) -> Keying:
    """Key a reference to a document from its parsed symbol, issuer phrase and date, the citing
    sentence or the citing document `ctx` lending a locality (and organisation) the phrase leaves
    out.  `meta["key_reason"]` says which evidence gave the locality."""
    facts = _symbol_facts(sym)
    code, local = facts[0], facts[1]
    company = is_company(issuer_text)
    prov, sub, evidence = _locate(sym, code, issuer_text, ctx, sentence, local, facts[2], company)
    if sub and prov and fold(sub) == fold(prov):
        sub = None
    provinces: list[str] = [prov] if prov else []
    if prov and evidence and evidence.endswith(("header", "body")) and ctx is not None and ctx.date \
            and ctx.date >= MERGER_DATE and date and date < MERGER_DATE and len(_predecessors(prov)) > 1:
        provinces = _predecessors(prov, None if sub else issuer_text)   # `thành phố Hội An`: the unit's kind
    if (local and not company) or prov or sub:
        if code in _SUB_PROVINCE and not sub:
            if ctx is not None and ctx.issuer_code and ctx.issuer_code.upper() == code and ctx.issuer_slug:
                k = _scoped(sym, facts, ctx.issuer_slug, date, text, issuer_text, merged=False, khoa=khoa)
                k.meta["key_reason"] = EVIDENCE["citing-issuer"]
                return k
            return Keying(reason=f"issuer {code} is below province level and names no locality")
        if not provinces and not sub:
            return Keying(reason="local issuer with no locality (citing document has none)")
    org = None
    if sym.system == "party" and code in _GENERIC_PARTY:
        org = _org(code, issuer_text, provinces[0] if provinces else None)
        if not org and ctx is not None and ctx.issuer_code and ctx.issuer_code.upper() == code:
            org = ctx.org
        if not org:
            return Keying(reason=f"issuer {code} needs the organisation's name")
    keyings = []
    for p in provinces or [None]:
        body = code.split("-")[0] if sym.system == "state" else code   # State: the body, not the unit
        parts = [slug(body), org, slug(sub) if sub else None, slug(p) if p else None]
        issuer_slug = "-".join(x for x in parts if x)
        merged = bool(p and len(_predecessors(p)) > 1)
        k = _scoped(sym, facts, issuer_slug, date, text, issuer_text, merged=merged, locality=p, sub=sub,
                    khoa=khoa)
        if evidence:
            k.meta["key_reason"] = "; ".join(EVIDENCE[e] for e in evidence.split("+"))
            k.meta["locality_inferred"] = evidence.endswith("body")
        keyings.append(k)
    if len(keyings) == 1:
        return keyings[0]
    return Keying(candidates=[k.key for k in keyings if k.key],
                  reason="issuer locality before the 2025 merger: " + ", ".join(provinces))


@functools.lru_cache(maxsize=65536)
def _party_scope(level: str | None, date: datetime.date | None, merged: bool, khoa: str | None) -> str | None:
    return _symbols.party_term(level, date, merged=merged, khoa=khoa)


def _scoped(sym: Symbol, facts: tuple, issuer_slug: str, date: datetime.date | None, text: str | None,
            issuer_text: str | None, *, merged: bool, locality: str | None = None,
            sub: str | None = None, khoa: str | None = None) -> Keying:
    code, type_code, number, level = facts[0], facts[3], facts[4], facts[5]
    if sym.system == "state":
        scope = str(sym.year) if sym.year else (str(date.year) if date else None)
    else:
        scope = _party_scope(level, date, merged, khoa or (_symbols.khoa_in(text) if level == "central" else None))
    iso = date.isoformat() if date else None
    if scope is None and iso is not None:
        scope = iso                       # a term unknown from the date alone: the date itself is unique
    type_slug = slug(type_code)
    base = (sym.system, issuer_slug, type_slug, number)
    meta = {"system": sym.system, "symbol": sym.canonical, "number": number,
            "doc_type_code": type_code if type_code != "x" else None, "issuer_code": code, "issuer_key": issuer_slug,
            "locality": locality, "sub_locality": sub, "date": iso,
            "year": (int(sym.year) if sym.year else (date.year if date else None)),
            "term": scope if sym.system == "party" and scope and len(scope) == 9 else None}
    if issuer_text:
        meta["issuer"] = issuer_text
    if scope is None:
        return Keying(base=base, meta=meta, reason="no date: the year or term of the symbol is unknown")
    # (node_key's parts, written out: the slugs and number are the ones computed above)
    return Keying(key=f"vn:{sym.system}:{slug(issuer_slug) or 'x'}:{type_slug or 'x'}:{number}:{scope}",
                  base=base, meta=meta)
