"""Citations: the documents a document refers to, their relation to it, and the aliases it defines.

`find_citations(text)` finds every mention of another document:

* a symbol (`Chỉ thị số 24-CT/TU`, `số 36/QĐ-TTg`, `văn bản số 1148/UBND- ĐT`, `Luật KCB số
  40/2009/QH12`, `Quyết định của Bộ Chính trị số 31-QĐ/TW`), with the type word before it (or the
  type its code names), then the date in any written form and the issuer after `của`/`do`; one
  `của ...` may serve several documents listed before it;
* a type word and a number with no symbol (`Kế hoạch 593 của UBND Thành phố`, `Đề án 06`);
* alias definitions (`(gọi tắt là Đề án 06)`, `(sau đây gọi là Quyết định số 1132/QĐ-TTg)`);
  later mentions of the alias are the same document.

Mentions of one document are merged into one `Citation` (its first full mention), with the strongest
relation among them (`based_on` > `implements` > ... > `mentions`).  Cue phrases, type words and alias
phrases are data: models/citation_cues.toml and models/doctypes.toml.

`node_key` builds the graph key of a document (see its docstring); pipeline/graph.py uses it too.
A Party key's scope is the committee term, `party_term`, which is `pipeline.symbols.party_term`:
the one definition of term boundaries that graph keys use as well.

Speed (the stage runs on every document): the symbols come from `symbols.find_symbols`, whose
result for the text the header already scanned is kept; phrase lists are compiled as tries; the
patterns that scan the whole text open with the one character class every match starts with (a
digit, a boundary character), so the regex engine skips to those; type-word-and-number mentions are
found backwards from their digits; a text with no mention skips the clause analysis.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .model import Alias, Citation, Document
from .symbols import (MODELS, Symbol, _doctypes, canonical_type_code, doc_type_name,
                      find_symbols, party_level, symbol_key)
from .symbols import parse_symbol as _parse_symbol
from .symbols import party_term as _symbol_party_term

__all__ = ["find_citations", "citations_stage", "node_key", "slug", "party_term", "RELATION_ORDER"]

# --------------------------------------------------------------------------------------------------
# Data


def _trie(phrases: list[str], *, reverse: bool = False) -> str:
    """An alternation matching any of `phrases` (words joined by any run of blanks), written as a
    trie so the regex engine tests one character per branch instead of every phrase in turn.

    The set of strings it matches is that of the plain alternation; where one phrase extends
    another, the longer is tried first (as the plain alternation sorted longest first did).  Phrases
    are lower-cased: the patterns built from it are compiled with re.IGNORECASE.  `reverse` builds
    the alternation of the phrases written backwards (for scanning a reversed text)."""
    root: dict = {}
    for p in phrases:
        key = " ".join(p.lower().split())
        if not key:
            continue
        if reverse:
            key = key[::-1]
        node = root
        for ch in key:
            node = node.setdefault(ch, {})
        node[""] = {}

    def emit(node: dict) -> str:
        alts = [(r"\s+" if ch == " " else re.escape(ch)) + emit(node[ch]) for ch in sorted(k for k in node if k)]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return "(?:" + body + ")?" if "" in node else body

    return emit(root) or "(?!)"


def _phr_re(phrases: list[str]) -> str:
    return _trie(phrases)


@dataclass
class _Cues:
    order: list[str]
    rank: dict[str, int]
    cue_re: re.Pattern              # group name = relation index
    cue_rel: dict[str, str]         # casefolded, space-collapsed phrase -> relation
    neutral_re: re.Pattern
    connector_re: re.Pattern
    title_re: re.Pattern
    type_re: re.Pattern             # type words and generic words
    generic: set[str]
    alias_re: re.Pattern
    numref_re: re.Pattern
    numref_rev_re: re.Pattern       # candidates for numref_re, found in the reversed text
    blocker_re: re.Pattern
    max_distance: int
    tail_conn_re: re.Pattern
    raw: dict


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    with open(MODELS / "citation_cues.toml", "rb") as f:
        data = tomllib.load(f)
    order = data["order"]
    cue_rel: dict[str, str] = {}
    for c in data["cue"]:
        for p in c["phrases"]:
            cue_rel[" ".join(p.casefold().split())] = c["relation"]
    cue_re = re.compile(r"(?<!\w)(?:%s)(?!\w)" % _phr_re(list(cue_rel)), re.IGNORECASE)
    neutral_re = re.compile(r"(?<!\w)(?:%s)(?!\w)" % _phr_re(data["neutral"]["phrases"]), re.IGNORECASE)
    conn = _phr_re([p for p in data["connector"]["phrases"] if p not in (",", ";")])
    connector_re = re.compile(r"^[\s)”\"’]*(?:[,;]?\s*(?:(?:%s)(?!\w))?\s*)*[\s(“\"]*$" % conn, re.IGNORECASE)
    title_re = re.compile(r"^[\s,]*(?:%s)(?!\w)" % _phr_re(data["title"]["introducers"]), re.IGNORECASE)
    dt = _doctypes()
    names = list(dt.by_name)
    generic = [w for w in data["generic"]["words"]]
    type_re = re.compile(r"(?<!\w)(?:%s)(?!\w)" % _phr_re(names + generic), re.IGNORECASE)
    alias_re = re.compile(
        r"\(\s*(?P<phrase>%s)\s*:?\s*(?P<alias>[^()\n]{2,120}?)\s*\)" % _phr_re(data["alias"]["phrases"]),
        re.IGNORECASE)
    num_names = [n for n in names if dt.by_name[n]["name"] not in data["number_only"]["excluded_types"]]
    numref_re = re.compile(
        r"(?<!\w)(?<!các )(?<!những )(?P<type>%s)[ \t]+(?:(?P<so>s[ốo])[ \t]*:?[ \t]*)?(?P<num>\d{1,4}[a-z]?)"
        r"(?![\w/⁄\-–]|[.,]\d|\s*[/⁄\-–]\s*[A-Za-zĐđ\d]|\s*%%|\s+(?:năm|tháng|ngày|giờ|người|lần|đồng|triệu|tỷ)(?!\w))"
        % _phr_re(num_names), re.IGNORECASE)
    # the same, backwards from the number's first digit: where a type word can start (numref_re decides)
    numref_rev_re = re.compile(r"\d(?:[ \t]*:?[ \t]*[ốo]s)?[ \t]+(?P<type>%s)" % _trie(num_names, reverse=True),
                               re.IGNORECASE)
    blocker_re = re.compile(r"(?<!\w)(?:%s)(?!\w)" % _phr_re(data["blocker"]["phrases"]), re.IGNORECASE)
    tail = [p for p in data["connector"]["phrases"] if p not in (",", ";", "tại", "theo")]
    tail_conn_re = re.compile(r"(?:[,;]|(?<!\w)(?:%s))\s*(?:các\s+)?$" % _phr_re(tail), re.IGNORECASE)
    return _Cues(order, {r: i for i, r in enumerate(order)}, cue_re, cue_rel, neutral_re, connector_re,
                 title_re, type_re, {g.casefold() for g in generic}, alias_re, numref_re, numref_rev_re, blocker_re,
                 int(data["blocker"].get("max_distance", 90)), tail_conn_re, data)


RELATION_ORDER = ("based_on", "implements", "continues", "replaces", "amends", "repeals", "guides", "mentions")

# --------------------------------------------------------------------------------------------------
# Dates

_DATE_RE = re.compile(
    r"(?:(?:ngày|ngay)\s*(?P<d1>\d{1,2})\s*tháng\s*(?P<m1>\d{1,2})\s*năm\s*(?P<y1>\d{4}))"
    r"|(?:(?:(?:ngày|ngay)\s*)?(?P<d2>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m2>\d{1,2})\s*(?P=s)\s*(?P<y2>\d{4}|\d{2})(?!\d))",
    re.IGNORECASE)


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        yy = int(y)
        if yy < 100:
            yy += 2000 if yy < 50 else 1900
        return _dt.date(yy, int(m), int(d)).isoformat()
    except ValueError:
        return None


def parse_date(s: str) -> str | None:
    """`ngày 23 tháng 02 năm 2023`, `23/02/2023`, `26-4-2016`, `14.12.2020` -> ISO date."""
    m = _DATE_RE.search(s)
    if not m:
        return None
    if m.group("d1"):
        return _iso(m.group("d1"), m.group("m1"), m.group("y1"))
    return _iso(m.group("d2"), m.group("m2"), m.group("y2"))


_FWD_DATE_RE = re.compile(r"[\s,]*(?:\(\s*)?(?:ban\s+hành\s+|ký\s+)?(?:vào\s+)?(?:" + _DATE_RE.pattern + r")(?:\s*\))?",
                          re.IGNORECASE)
_ISSUER_STOP = (r"(?=\s+(?i:về|v/v|ngày|số|thực\s+hiện|triển\s+khai|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|"
                r"tại|đã|được|trong|năm|nhằm|với|để|theo|như|là|có|cho|thì|đến|từ|sửa\s+đổi|bổ\s+sung|"
                r"và\s+(?:các\s+)?(?:[A-ZĐ]\S*\s+)?(?:số|\d))(?!\w)|\s*\n(?![a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ])|\s*[,;.()“”\"\[\]|:*]|\s*$|\s+-\s)")
_FWD_ISSUER_RE = re.compile(r"[\s,]*(?i:của|do)\s+(?P<iss>(?:[^\n,;.()“”\"|:*]|\n(?=[a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ])){2,100}?)" + _ISSUER_STOP)
_TERM_RE = re.compile(r"\s*\(\s*(?:khóa|khoá)\s+(?P<term>[IVXL]+)\s*\)", re.IGNORECASE)
_TITLE_RE = re.compile(r"[\s,]*(?:về\s+việc|về|v/v)\s+(?P<title>[^;\n(|]{3,300}?)(?=\s*(?:[;\n(|]|\.\s|\.$|$))",
                       re.IGNORECASE)
_LOCALITY_RE = re.compile(
    r"(?<!\w)(?P<kw>(?i:tỉnh\s+ủy|tỉnh\s+uỷ|thành\s+ủy|thành\s+uỷ|huyện\s+ủy|tỉnh|thành\s+phố|huyện|quận|thị\s+xã|tp\.?))"
    r"\s+(?!(?i:ủy|uỷ|thành|tỉnh|phố|huyện|quận|xã)(?!\w))(?P<loc>(?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*)(?:\s+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][\w]*){0,3})")
_ABBR_BEFORE_RE = re.compile(r"(?<!\w)(?P<abbr>[A-ZĐ][A-Za-zĐ]{1,4})\s*(?:(?P<so>s[ốo])\s*:?\s*)?$")
_SO_BEFORE_RE = re.compile(r"(?<!\w)(?P<so>s[ốoó]\s*:?|No\.?)\s*$", re.IGNORECASE)
_SO_LAST = frozenset(":.ốoóỐOÓ")
_MID_OK_RE = re.compile(r"^[^\n,.;:()“”\"|]{0,80}$")
# Clause boundaries: a sentence end before a line break, a blank line, a line opening with a list
# marker or `Căn cứ` / `Thực hiện` / `Điều N`, a sentence end before a capital, a table cell.  The
# pattern opens with the one character every boundary starts with (so the engine skips to those),
# then looks back at it to choose the alternative.
_BOUNDARY_RE = re.compile(
    r"[.;:!?\n|](?:(?<=[.;:!?])[\s*]*\n|(?<=\n)\s*\n"
    r"|(?<=\n)(?=\s*(?:[-+•–*]|\d{1,2}[.)/-]\s|[a-zđ]\)|[IVX]{1,4}[.\-]\s|Căn\s+cứ|Thực\s+hiện|Điều\s+\d))"
    r"|(?<=\.)\s+(?=[A-ZĐÂĂÊÔƠƯ])|(?<=\|))")
_HEADER_NO_RE = re.compile(r"(?:^|\n)[ \t*|]*S[ốỐ]\s*:?\s*$")

# --------------------------------------------------------------------------------------------------
# Keys


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


# --------------------------------------------------------------------------------------------------
# Finding mentions


@dataclass
class _Mention:
    start: int
    end: int
    anchor: tuple[int, int]             # the symbol or number
    doc_type: str | None
    number: str | None
    sym: Symbol | None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    term: str | None = None
    kind: str = "symbol"                # symbol | number
    relation: str = "mentions"
    clause_relation: str = "mentions"
    doc: int | None = None              # index of the document it names
    in_alias: bool = False
    full: bool = False                  # has date or issuer (a full mention)


def _type_before(text: str, s: int, cues: _Cues) -> tuple[int, str | None, str | None, bool]:
    """(start, doc_type, old-style issuer, has 'số') of what introduces the symbol at `s`."""
    lo = max(0, s - 160)
    back = text[lo:s]
    # `số` / `No.` (and a colon) can end `back` only if its last visible character is one of these
    so = _SO_BEFORE_RE.search(back) if back.rstrip()[-1:] in _SO_LAST else None
    has_so = bool(so)
    before_so = back[:so.start()] if so else back
    # a type word right before (`Chỉ thị số`, `Kế hoạch`) or with a name / issuer between (`Luật KCB số`)
    last = None
    for m in cues.type_re.finditer(before_so):
        last = m
    if last is not None:
        mid = before_so[last.end():]
        word = last.group(0)
        if not mid.strip() or (has_so and _MID_OK_RE.match(mid) and not cues.type_re.search(mid)
                                and len(mid.split()) <= 8):
            old_issuer = None
            mm = re.match(r"\s*(?:của|do)\s+(.+?)\s*$", mid, re.IGNORECASE)
            if mm:
                old_issuer = mm.group(1)
            if mid.strip() and not mm and not word[:1].isupper():
                pass  # `văn bản ... số`: only right before
            else:
                key = " ".join(word.casefold().split())
                if key in cues.generic:
                    dtype = None
                else:
                    dtype = _doctypes().by_name[key]["name"]
                return lo + last.start(), dtype, old_issuer, has_so
    ab = _ABBR_BEFORE_RE.search(back)
    if ab and canonical_type_code(ab.group("abbr")) and ab.group("abbr") not in ("TT",) or \
            (ab and ab.group("abbr").upper() in ("CV", "VB")):
        code = ab.group("abbr")
        name = "Công văn" if code.upper() == "CV" else (None if code.upper() == "VB" else doc_type_name(code))
        return lo + ab.start(), name, None, has_so
    if so:
        return lo + so.start(), None, None, True
    return s, None, None, False


def _forward(text: str, e: int, m: _Mention) -> None:
    """Date, issuer, term and title after a mention; extends m.end over date and issuer."""
    pos = e
    window = text[pos:pos + 400]
    dm = _FWD_DATE_RE.match(window)
    if dm:
        d = parse_date(dm.group(0))
        if d:
            m.date = d
            pos += dm.end()
            window = text[pos:pos + 400]
    im = _FWD_ISSUER_RE.match(window)
    if im:
        iss = im.group("iss").strip()
        if iss and iss[:1].isupper():
            m.issuer = iss
            pos += im.end()
            window = text[pos:pos + 400]
            tm = _TERM_RE.match(window)
            if tm:
                m.term = tm.group("term")
                pos += tm.end()
                window = text[pos:pos + 400]
            if not m.date:
                dm = _FWD_DATE_RE.match(window)
                if dm and parse_date(dm.group(0)):
                    m.date = parse_date(dm.group(0))
                    pos += dm.end()
                    window = text[pos:pos + 400]
    m.end = pos
    tt = _TITLE_RE.match(window)
    if tt:
        m.title = tt.group("title").strip()
    m.full = bool(m.date or m.issuer)


def _boundaries(text: str) -> list[int]:
    return [0] + [b.end() for b in _BOUNDARY_RE.finditer(text)]


def _numrefs(text: str, start: int, cues: _Cues) -> list[re.Match]:
    """The matches of `cues.numref_re.finditer(text, start)`, found faster.

    A type word and a number (`Kế hoạch 593`) end in a digit, so the candidates are read backwards
    from each digit in the reversed text (one pass of a pattern that opens with a digit); each is
    then matched forwards with numref_re itself.  Where the longest type word ending there fails
    (`các Pháp lệnh 5`), the later word starts inside it are tried, as finditer would."""
    n = len(text)
    rev = text[::-1]
    cands: list[tuple[int, int]] = []
    for rm in cues.numref_rev_re.finditer(rev, 0, n - start):
        cands.append((n - rm.end("type"), n - rm.start("type")))
    out: list[re.Match] = []
    last = start
    for x, tend in reversed(cands):
        if x < last:
            continue
        m = cues.numref_re.match(text, x)
        y = x
        while m is None:
            y = next((i for i in range(y + 1, tend) if text[i - 1].isspace() and not text[i].isspace()), None)
            if y is None:
                break
            m = cues.numref_re.match(text, y)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _cue_in(text: str, lo: int, hi: int, cues: _Cues) -> tuple[str, int] | None:
    """The nearest cue in text[lo:hi] that reaches `hi`: (relation, start).

    A cue covered by a neutral phrase (`được sửa đổi, bổ sung bởi`) is none; `Căn cứ` counts when it
    opens the clause or is capitalised, and reaches across the clause; other cues reach at most
    `max_distance` characters and not past a blocker (`quy định tại`)."""
    seg = text[lo:hi]
    neutral = [(n.start(), n.end()) for n in cues.neutral_re.finditer(seg)]
    best = None
    best_rel = None
    for c in cues.cue_re.finditer(seg):
        if any(ns <= c.start() < ne or ns < c.end() <= ne for ns, ne in neutral):
            continue
        # a type word followed by its number is no cue (`Hướng dẫn số 36-HD/VPTW`)
        if re.match(r"\s*(?:s[ốo]\s*:?\s*)?\d", seg[c.end():c.end() + 8]):
            continue
        rel = cues.cue_rel.get(" ".join(c.group(0).casefold().split()))
        if rel is None:
            continue
        if rel == "based_on":
            if not (c.group(0)[:1].isupper() or not seg[:c.start()].strip(" \t\n-+•–*")):
                continue
        else:
            rest = seg[c.end():]
            if len(rest) > cues.max_distance or cues.blocker_re.search(rest):
                continue
        best, best_rel = c, rel
    if best is None:
        return None
    return best_rel, lo + best.start()


def _lead_line_cue(text: str, ws: int, cues: _Cues) -> str | None:
    """For a bullet item: the cue that opens the lead line of its list (`Căn cứ:` / `Thực hiện:`)."""
    i = ws
    for _ in range(40):
        ls = text.rfind("\n", 0, max(i - 1, 0)) + 1
        line = text[ls:i].strip()
        if not line:
            if ls == 0:
                return None
            i = ls - 1
            continue
        if re.match(r"[-+•–*]", line):
            if ls == 0:
                return None
            i = ls - 1
            continue
        if line.endswith(":"):
            c = cues.cue_re.match(line)
            if c:
                return cues.cue_rel.get(" ".join(c.group(0).casefold().split()))
        return None
    return None


def _merge_into(dst: Citation, m: _Mention) -> None:
    if dst.date is None and m.date:
        dst.date = m.date
    if dst.issuer is None and m.issuer:
        dst.issuer = m.issuer
    if dst.title is None and m.title:
        dst.title = m.title
    if dst.doc_type is None and m.doc_type:
        dst.doc_type = m.doc_type


def find_citations(text: str, *, doc_date: _dt.date | None = None, locality: str | None = None,
                   start: int = 0) -> tuple[list[Citation], list[Alias]]:
    """Citations and aliases in `text[start:]` (spans are offsets into `text`)."""
    if not isinstance(text, str) or not text:
        return [], []
    cues = _cues()
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    # 1. symbols
    for s, e, sym in find_symbols(text):
        if s < start:
            continue
        cs, dtype, old_iss, _ = _type_before(text, s, cues)
        if cs < start:
            cs = s
        if dtype is None and _HEADER_NO_RE.search(text, max(0, s - 12), s):
            continue                       # `Số: 46/TB-BCĐ` opening a line: a header, not a citation
        if dtype is None:
            dtype = sym.doc_type
        m = _Mention(cs, e, (s, e), dtype, sym.number, sym, issuer=old_iss)
        _forward(text, e, m)
        if old_iss and not m.issuer:
            m.issuer = old_iss
        mentions.append(m)
        taken.append((s, e))

    # 2. type word + number, no symbol
    for nm in _numrefs(text, start, cues):
        tw = nm.group("type")
        if not tw[:1].isupper() or tw.isupper():
            continue
        a = (nm.start("num"), nm.end("num"))
        if any(ts <= a[0] < te for ts, te in taken):
            continue
        num = nm.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", num):
            continue
        dtype = _doctypes().by_name[" ".join(tw.casefold().split())]["name"]
        m = _Mention(nm.start(), nm.end(), a, dtype, num, None, kind="number")
        _forward(text, nm.end(), m)
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)

    # shared trailing issuer: `Chỉ thị số 13-CT/TW ngày ... và Kết luận số 61-KL/TW ngày ... của Ban Bí thư`
    for i in range(len(mentions) - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if a.issuer is None and b.issuer and re.fullmatch(r"\s*(?:,|;|và|,\s*và)\s*", text[a.end:b.start]):
            a.issuer = b.issuer
            a.full = True

    # 3. aliases
    aliases_raw: list[tuple[re.Match, str]] = []
    for am in cues.alias_re.finditer(text, start):
        alias = am.group("alias").strip().strip("“”\"'").strip()
        if not alias:
            continue
        first = alias.split(" ")[0]
        if not cues.type_re.match(alias) and not (canonical_type_code(first) and re.search(r"\d", alias)):
            continue
        for mm in mentions:
            if am.start("alias") <= mm.anchor[0] < am.end("alias"):
                mm.in_alias = True
        aliases_raw.append((am, alias))

    if not mentions and not aliases_raw:
        return [], []

    # 4. relation of every mention
    bounds = _boundaries(text)
    for i, m in enumerate(mentions):
        ws = bounds[bisect.bisect_right(bounds, m.start) - 1]
        prev = None
        for j in range(i - 1, -1, -1):
            if mentions[j].end <= m.start and mentions[j].end > ws:
                prev = mentions[j]
                break
            if mentions[j].end <= ws:
                break
        if prev is None:
            c = _cue_in(text, ws, m.start, cues)
            rel = c[0] if c else None
            if rel is None and text[ws:m.start].lstrip().startswith(("-", "+", "•", "–", "*")):
                rel = _lead_line_cue(text, ws, cues)
            m.relation = m.clause_relation = rel or "mentions"
            continue
        gap = text[prev.end:m.start]
        if cues.connector_re.match(gap):
            m.relation = prev.clause_relation if prev.in_alias else prev.relation
            m.clause_relation = prev.clause_relation
            continue
        if ";" in gap:
            after = gap[gap.rfind(";") + 1:]
            c = _cue_in(text, prev.end + gap.rfind(";") + 1, m.start, cues)
            if c:
                m.relation = c[0]
            elif cues.connector_re.match(after):
                m.relation = prev.clause_relation      # next item of a `;` list
            else:
                m.relation = "mentions"
            m.clause_relation = prev.clause_relation
            continue
        has_title = prev.full or prev.sym is not None
        if has_title and cues.title_re.match(gap) and cues.tail_conn_re.search(gap):
            m.relation = m.clause_relation = prev.clause_relation   # `X về ... và Y`: next list item
            continue
        if has_title and (cues.title_re.match(gap) or gap.lstrip().startswith(("(", "“", "\""))):
            m.relation = "mentions"            # inside the trích yếu of prev
            m.clause_relation = prev.clause_relation
            continue
        c = _cue_in(text, prev.end, m.start, cues)
        m.relation = c[0] if c else "mentions"
        m.clause_relation = prev.clause_relation

    # 5. documents
    citations: list[Citation] = []
    doc_syms: list[Symbol | None] = []
    by_symbol: dict[str, int] = {}
    by_typenum: dict[tuple[str, str], int] = {}

    def tn_key(dtype: str | None, num: str | None) -> tuple[str, str] | None:
        if not dtype or not num:
            return None
        return (dtype.casefold(), num.lstrip("0").lower() or "0")

    alias_target: dict[str, int] = {}

    def new_doc(m: _Mention) -> int:
        c = Citation(text=text[m.start:m.end], span=(m.start, m.end), doc_type=m.doc_type, number=m.number,
                     symbol=m.sym.canonical if m.sym else None,
                     symbol_as_written=text[m.anchor[0]:m.anchor[1]] if m.sym else None,
                     date=m.date, issuer=m.issuer, relation=m.relation, title=m.title)
        citations.append(c)
        doc_syms.append(m.sym)
        return len(citations) - 1

    # alias definitions decide where an alias's number-mention belongs
    alias_records: list[tuple[re.Match, str, _Mention | None]] = []
    for am, alias in aliases_raw:
        inner = [mm for mm in mentions if am.start("alias") <= mm.anchor[0] < am.end("alias")]
        inner_m = inner[0] if inner else None
        ref: _Mention | None = None
        if inner_m is not None and inner_m.sym is not None:
            ref = inner_m
        else:
            # the citation whose trích yếu the alias closes, when there is one in the clause
            ws = bounds[bisect.bisect_right(bounds, am.start()) - 1]
            prevs = [mm for mm in mentions if ws <= mm.start and mm.end <= am.start() and not mm.in_alias]
            if prevs:
                p = prevs[-1]
                gap = text[p.end:am.start()]
                if cues.title_re.match(gap) or len(gap.strip()) == 0 or p.title is not None and \
                        p.end + 5 >= am.start() - len(gap):
                    if cues.title_re.match(gap) or not gap.strip():
                        ref = p
        if ref is not None and inner_m is not None and inner_m is not ref:
            inner_m.doc = -1                     # resolved below to ref's document
            inner_m.kind = "alias-of"
            setattr(inner_m, "_ref", ref)
        elif inner_m is not None and inner_m.sym is None:
            # the alias names a document of its own (`Đề án “...” (gọi tắt là Đề án 06)`): its first
            # full mention starts at the type word before the quoted title
            q = text.rfind("“", max(0, am.start() - 600), am.start())
            if q > 0 and text[am.start() - 3:am.start()].strip().endswith(("”", "\"")):
                tw = None
                for t in cues.type_re.finditer(text, max(0, q - 40), q + 1):
                    tw = t
                if tw is not None and inner_m.doc_type and \
                        _doctypes().by_name.get(" ".join(tw.group(0).casefold().split()), {}).get("name") \
                        == inner_m.doc_type and tw.start() >= start:
                    inner_m.start = tw.start()
                    inner_m.title = text[q + 1:text.find("”", q + 1, am.start()) if text.find("”", q + 1, am.start()) > 0 else am.start()]
                    inner_m.full = True
        alias_records.append((am, alias, ref if ref is not None else inner_m))

    # assign documents in text order
    def alias_key(s: str) -> str:
        return " ".join(s.casefold().replace(" số ", " ").split())

    for m in sorted(mentions, key=lambda x: x.start):
        if m.kind == "alias-of":
            continue
        if m.sym is not None:
            k = symbol_key(m.sym)
            d = by_symbol.get(k)
            if d is not None and m.date and citations[d].date and m.date != citations[d].date and m.full:
                d = None                        # same symbol, another document (another year/term)
            if d is None:
                # an earlier number-only mention of the same type and number
                tk = tn_key(m.doc_type, m.number)
                if tk in by_typenum and doc_syms[by_typenum[tk]] is None:
                    d = by_typenum[tk]
                    c = citations[d]
                    c.symbol, c.symbol_as_written = m.sym.canonical, text[m.anchor[0]:m.anchor[1]]
                    doc_syms[d] = m.sym
                    if m.full and not (c.date or c.issuer):
                        c.text, c.span = text[m.start:m.end], (m.start, m.end)
                else:
                    d = new_doc(m)
                by_symbol.setdefault(k, d)
                if tk:
                    by_typenum.setdefault(tk, d)
            m.doc = d
        else:
            tk = tn_key(m.doc_type, m.number)
            ak = alias_key(text[m.start:m.anchor[1]])
            d = alias_target.get(ak)
            if d is None and tk in by_typenum:
                d = by_typenum[tk]
            if d is None:
                # (a later symbol mention of the same type and number absorbs it below)
                d = new_doc(m)
                if tk:
                    by_typenum[tk] = d
            m.doc = d
        for am, alias, ref in alias_records:
            if ref is m:
                alias_target[alias_key(alias)] = m.doc
    for m in mentions:
        if m.kind == "alias-of":
            ref = getattr(m, "_ref")
            m.doc = ref.doc
            if ref.doc is not None:
                alias_target[alias_key(text[m.start:m.anchor[1]])] = ref.doc

    # merge metadata and relations
    doc_khoa: dict[int, str] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if m.doc is None or m.doc < 0:
            continue
        c = citations[m.doc]
        _merge_into(c, m)
        if m.term:
            doc_khoa.setdefault(m.doc, m.term)
        if cues.rank.get(m.relation, 99) < cues.rank.get(c.relation, 99):
            c.relation = m.relation

    # numbers without symbol that a symbol document of the same type and number covers
    drop: set[int] = set()
    for i, c in enumerate(citations):
        if c.symbol is None:
            tk = tn_key(c.doc_type, c.number)
            for j, c2 in enumerate(citations):
                if j != i and c2.symbol is not None and tn_key(c2.doc_type, c2.number) == tk:
                    if cues.rank[c.relation] < cues.rank[c2.relation]:
                        c2.relation = c.relation
                    drop.add(i)
                    for k in list(alias_target):
                        if alias_target[k] == i:
                            alias_target[k] = j
                    break
    remap: dict[int, int] = {}
    out: list[Citation] = []
    out_syms: list[Symbol | None] = []
    out_khoa: list[str | None] = []
    for i, c in enumerate(citations):
        if i in drop:
            continue
        remap[i] = len(out)
        out.append(c)
        out_syms.append(doc_syms[i])
        out_khoa.append(doc_khoa.get(i))
    for i in drop:
        tk = tn_key(citations[i].doc_type, citations[i].number)
        for j, c2 in enumerate(out):
            if c2.symbol is not None and tn_key(c2.doc_type, c2.number) == tk:
                remap[i] = j
                break

    for c, sym, khoa in zip(out, out_syms, out_khoa):
        c.target = citation_target(c, sym, locality, khoa)

    aliases: list[Alias] = []
    for am, alias, ref in alias_records:
        idx = None
        if ref is not None and ref.doc is not None and ref.doc >= 0:
            idx = remap.get(ref.doc)
        aliases.append(Alias(alias=alias, refers_to=out[idx].target if idx is not None else None,
                             span=(am.start("alias") + am.group("alias").find(alias),
                                   am.start("alias") + am.group("alias").find(alias) + len(alias)),
                             citation=idx))
    return out, aliases


# --------------------------------------------------------------------------------------------------
# Stage


def _misprints(doc: Document, cits: list[Citation], own: str | None) -> set[int]:
    """Citations that print the document's subject with a wrong number: the header's
    `symbol-conflict` warning (spans: the subject, then the misprint) reads `22-CT/ThU` in the lead
    and `02-CT/ThU` later as one document.  The misprint lends the subject's citation a date or
    issuer it lacks.  A misprint dated otherwise than the subject is a document of its own and stays,
    and so do symbols with a year (`75/2015/QH13`, `85/2015/QH13`: a law's number is its own, and two
    laws of one year one digit apart are common)."""
    out: set[int] = set()
    for w in doc.warnings:
        if w.code != "symbol-conflict" or len(w.spans) < 2:
            continue
        (ss, _), (ms, _) = w.spans[0], w.spans[1]
        sec = next((i for i, c in enumerate(cits) if c.span[0] <= ms < c.span[1]), None)
        if sec is None:
            continue
        prim = next((i for i, c in enumerate(cits) if c.span[0] <= ss < c.span[1]), None)
        if prim == sec:
            continue
        if prim is not None:
            subject_date = cits[prim].date
        elif own and symbol_key(doc.text[w.spans[0][0]:w.spans[0][1]]) == own:
            subject_date = doc.header.date
        else:
            continue
        c = cits[sec]
        if c.date and subject_date and c.date != subject_date:
            continue
        sym = _parse_symbol(c.symbol) if c.symbol else None
        if sym is None or sym.year:          # `75/2015/QH13` and `85/2015/QH13`: two laws, not a misprint
            continue
        if prim is not None:                     # (its relation, read off a misprinted mention, is not taken)
            p = cits[prim]
            p.date = p.date or c.date
            p.issuer = p.issuer or c.issuer
        out.add(sec)
    return out


def citations_stage(doc: Document) -> Document:
    """Fill doc.citations and doc.aliases from the title onward (the header's own symbol is skipped)."""
    start = 0
    if doc.body_span is not None:
        start = doc.body_span[0]
    title = doc.header.spans.get("title") if doc.header and doc.header.spans else None
    if title is not None:
        start = min(start, title[0]) if doc.body_span is not None else title[0]
    doc_date = None
    if doc.header.date:
        try:
            doc_date = _dt.date.fromisoformat(doc.header.date)
        except ValueError:
            doc_date = None
    cits, aliases = find_citations(doc.text, doc_date=doc_date, locality=doc.header.locality, start=start)
    own = symbol_key(doc.header.symbol) if doc.header.symbol else None
    misprints = _misprints(doc, cits, own)
    if own or misprints:
        keep = [c for i, c in enumerate(cits)
                if not (own and c.symbol and symbol_key(c.symbol) == own) and i not in misprints]
        if len(keep) != len(cits):
            idx = {id(c): i for i, c in enumerate(keep)}
            old = list(cits)
            for a in aliases:
                if a.citation is not None:
                    a.citation = idx.get(id(old[a.citation]))
            cits = keep
    # path of the task whose span holds the citation
    tasks = sorted(doc.tasks, key=lambda t: (t.span[0], -(t.span[1])))
    for c in cits:
        best = None
        for t in tasks:
            if t.span[0] <= c.span[0] < t.span[1]:
                if best is None or (t.span[1] - t.span[0]) < (best.span[1] - best.span[0]):
                    best = t
        c.path = best.path if best else None
    doc.citations = cits
    doc.aliases = aliases
    return doc
