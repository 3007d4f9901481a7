"""Document symbols (số, ký hiệu) and document types of Vietnamese State and Party documents.

Grammar (shared/reference/document-format.md §1.2, §2.3):

    Party   NUM "-" TYPE "/" ISSUER ("/" SUFFIX)?          08-CT/TU, 5053-CV/VPTW/nb, 98-KH/TWĐTN-BTC
    State   NUM "/" TYPE "-" ISSUER ("-" UNIT)*            05/CT-TTg, 922/KH-UBND
            NUM "/" ISSUER "-" UNIT                        2739/VPCP-ĐMDN   (Công văn: no type code)
            NUM "/" YEAR "/" TYPE "-" ISSUER ("-" ...)*    30/2020/NĐ-CP
            NUM "/" YEAR "/" ISSUER                        40/2009/QH12     (laws, QH resolutions)

Party vs State is decided by the shape (hyphen then slash = Party; slash then hyphen = State), except
where the issuer code says otherwise (`05-CT/TTg` is the Thủ tướng's Chỉ thị 05/CT-TTg written in the
Party style; `12/BC-VPTU` a Party Báo cáo written in the State style).

Tolerated damage: spaces around separators (`100 - KL/TW`, `71/NQ -CP`), en dashes, `Ð`/`D` for `Đ`
in known codes (`QD` -> `QĐ`), mixed case (`CTR` -> `CTr`, `TTG` -> `TTg`), OCR `7` for `/`
(`08-CT7TU`), hyphen for slash (`72-NQ-TW`), space for the first hyphen (`113 NQ/ĐU`), run-together
compound issuers split by the issuer table (`98 KH/TWĐTNBTC` -> `98-KH/TWĐTN-BTC`), a State type
and issuer printed without their hyphen (`214/2025/NĐCP` -> `214/2025/NĐ-CP`, `524/QĐTTg`).

A Party symbol is unique within one committee term: `party_level` and `party_term` give the term
(the one definition that graph keys and citation targets share).

The type, issuer and term tables are data: models/doctypes.toml and models/issuer_codes.toml.
"""
from __future__ import annotations

import datetime as _dt
import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..resources import open_model


@dataclass(frozen=True)
class Symbol:
    number: str            # as printed, leading zeros kept ("08")
    year: str | None       # "2020" for 30/2020/NĐ-CP
    type_code: str | None  # canonical type code ("CT", "QĐ", "CTr"); None for State Công văn / laws
    issuer_code: str       # everything after the type: "TU", "TTg", "TWĐTN-BTC", "VPCP-KTTH"
    system: str            # "party" | "state"
    canonical: str         # "08-CT/TU", "05/CT-TTg", "30/2020/NĐ-CP", "2739/VPCP-ĐMDN", "40/2009/QH12"
    as_written: str

    def __hash__(self) -> int:
        # the other fields follow from these two; the graph hashes symbols by the hundred thousand
        return hash((self.canonical, self.as_written))

    @property
    def doc_type(self) -> str | None:
        """The type this symbol states: "Công văn" for a State symbol without a type code (issuer and
        unit: `2739/VPCP-ĐMDN`), None where the symbol cannot say (`40/2009/QH12` is a Luật or a Nghị
        quyết of the Quốc hội; an older `299/TTg` a Chỉ thị, a Quyết định or a letter)."""
        if self.type_code is None:
            return "Công văn" if (self.system == "state" and self.year is None and "-" in self.issuer_code) else None
        return doc_type_name(self.type_code, self.system)


# --------------------------------------------------------------------------------------------------
# Tables


_NONWORD = re.compile(r"[^0-9a-z]+")


@lru_cache(maxsize=131072)
def fold(s: str | None) -> str:
    """Case-, accent- and punctuation-insensitive form of a name, the one the graph, citations and
    the gazetteer compare names by: 'Tỉnh ủy Tiền Giang' -> 'tinh uy tien giang'."""
    if not s:
        return ""
    s = unicodedata.normalize("NFD", s.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    s = "".join(ch for ch in s if unicodedata.category(ch) != "Mn").lower()
    return _NONWORD.sub(" ", s).strip()


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
    for k, c in canon.items():
        canon_d.setdefault(_dfold(c), c)
    names = sorted(by_name, key=len, reverse=True)
    name_re = re.compile(r"(?:%s)(?!\w)" % "|".join(re.escape(n) for n in names), re.IGNORECASE)
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


def doc_type_name(code: str, system: str | None = None) -> str | None:
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


# --------------------------------------------------------------------------------------------------
# Party terms (nhiệm kỳ): the time scope of a Party symbol


PARTY_LEVELS = ("central", "provincial", "district", "grassroots", "youth-central", "youth")


@dataclass(frozen=True)
class _Season:
    start: _dt.date          # first day of the congress season (inclusive)
    end: _dt.date            # last day (inclusive)
    term: str                # the term that starts after it: "2020-2025"
    khoa: str | None = None  # the central committee's khóa of that term ("XIII")
    merged_from: _dt.date | None = None   # a merged organisation's term starts on this day


@lru_cache(maxsize=1)
def _party_terms() -> dict[str, tuple[tuple[_Season, ...], _dt.date | None]]:
    out = {}
    for t in _issuer_data()["term"]:
        seasons = tuple(sorted((_Season(x["from"], x["to"], x["term"], x.get("khoa"), x.get("merged_from"))
                                for x in t["seasons"]), key=lambda x: x.start))
        out[t["level"]] = (seasons, t.get("until"))
    return out


def party_level(issuer_code: str) -> str | None:
    """The level of the committee whose term numbers a Party symbol of `issuer_code` (the part after
    the type: `TU`, `BTGTU`, `ĐU`, `TW`, `TWĐTN-BTC`): one of PARTY_LEVELS.

    `/TW` and the central boards (`VPTW`, `BTCTW`) are central; `/HU`, `/QU`, `/ThU` and `/ĐUK`
    district; `/ĐU`, `/CB` grassroots; `/TWĐTN...` the Youth Union's centre, other `ĐTN` codes its
    local committees; every other Party code (`TU`, `VPTU`, `BCSĐ` ...) provincial.  `ĐH` (congress
    documents, a series of one congress) has no level: None."""
    first = _dfold(issuer_code.split("/")[0].split("-")[0]).strip()      # `DU` typed for `ĐU`
    if not first or first == "ĐH":
        return None
    if first.startswith("TWĐ"):
        return "youth-central"
    if "ĐTN" in first:
        return "youth"
    if first.endswith(("TW", "TƯ")):
        return "central"
    if first.endswith(("HU", "QU", "ĐUK")):          # HU, QU, ThU (THU), Đảng ủy Khối
        return "district"
    if first.endswith(("ĐU", "CB")):
        return "grassroots"
    return "provincial"


_KHOA_RE = re.compile(r"(?<!\w)kh(?:óa|oá|oa)\s+([XIVL]+)(?!\w)", re.IGNORECASE)


def khoa_in(text: str | None) -> str | None:
    """The Roman numeral of a `(khóa XII)` / `khoá XI` in `text`, upper-cased; None without one."""
    m = _KHOA_RE.search(text or "")
    return m.group(1).upper() if m else None


def party_term(level: str | None, date: _dt.date | str | None, *, merged: bool = False,
               khoa: str | None = None) -> str | None:
    """The committee term (`"2020-2025"`) of a Party document of a committee of `level` dated `date`.

    The one definition of term boundaries: graph keys (`pipeline.graph.build`) and citation targets
    (`pipeline.citations.stage`) both call it.  The table is data, models/issuer_codes.toml `[[term]]`:
    per level, the seasons in which its congresses are held.

    * A date inside a congress season gives None: the old committee and the new one both issue
      documents then (for the national congresses, the exact days: the term changes with the
      congress, `2021-02-01` is inside the XIII congress, `2021-02-02` in term 2021-2026).
    * Local congress seasons are conventions, wide enough for every committee of the level
      (provincial July..October, district and grassroots April..October of the congress year):
      a provincial document of 2020-06-30 is in 2015-2020, of 2020-11-01 in 2020-2025, of 2020-08-20
      unknown; central documents of 2020-08-20 are in 2016-2021 and of 2021-01-20 too.
    * `merged`: an organisation formed by the 2025-07-01 merger of provinces starts its term
      (2025-2030) that day.  District committees, abolished that day, have no term after it.
    * `khoa` (`"XII"`, from `(khóa XII)`) names a central term outright, whatever the date.
    * No date, a date before the table or from the nominal last year of the last term on: None.
    """
    table = _party_terms().get(level or "")
    if table is None:
        return None
    seasons, until = table
    if khoa and level == "central":
        k = khoa.strip().upper()
        for x in seasons:
            if x.khoa == k:
                return x.term
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date[:10])
        except ValueError:
            return None
    if not isinstance(date, _dt.date):
        return None
    if until is not None and date > until:
        return None
    term = None
    for x in seasons:
        if date < x.start:
            return term                  # between two seasons (None before the first)
        if date <= x.end:
            return x.term if merged and x.merged_from is not None and date >= x.merged_from else None
        term = x.term
    # after the last season: its term, up to `until`, or else short of the term's nominal last year
    # (when the next congresses fall is not in the table)
    if until is None and date.year >= int(term[-4:]):
        return None
    return term


# --------------------------------------------------------------------------------------------------
# Parsing

_L = "A-Za-zĐđÐð"
_NUM = r"\d{1,5}(?:\.\d{1,3})?[a-z]?"
_NUM_REST = r"\d{0,4}(?:\.\d{1,3})?[a-z]?"          # _NUM after its first digit
_SEP = r"(?:[ \t]{0,2}[-/–—⁄](?:[ \t]{0,2}|[ \t]*\n[ \t]*(?=[A-ZĐÐ]))|[ \t]*\n[ \t]*[-/–—⁄][ \t]{0,2})"
_GROUP = rf"[{_L}][{_L}0-9]*"
# The number opens the pattern (its first digit, then a look back at the character before it) so
# that the regex engine skips ahead to digits instead of trying every position of the text.
# A number run into its type code (`88KL/TW`, `45CT/TW`: no hyphen) or a year run into its type code
# (`49/2025TT-BCT`: no slash) has an empty separator there; it reads as a symbol only where a code
# of at most four letters and the next separator follow, and (for the number) the code is a known
# type code (`_parse_match` decides that as for a space: `113 NQ/ĐU`).
_GLUED = r"(?=[A-ZĐÐ][A-Za-zĐÐ]{0,3}[ \t]*[-/–⁄])"
_SYMBOL_RE = re.compile(
    rf"(?P<num>\d(?<![0-9A-Za-z/.\-⁄–]\d){_NUM_REST})"
    rf"(?P<sep1>{_SEP}|[ \t]|{_GLUED})"
    rf"(?P<year>(?:19|20)\d\d(?:{_SEP}|{_GLUED}))?"
    rf"(?P<g1>{_GROUP})"
    rf"(?P<rest>(?:{_SEP}[{_L}0-9]*[{_L}][{_L}0-9]*)*)"
    rf"(?![\w])"
)
_SPLIT_RE = re.compile(r"\s*([-/–—⁄])\s*")
_PREFIX_RE = re.compile(r"^\s*(?:s[ốoó]\s*:?|no\.?)?\s*", re.IGNORECASE)
_UPPER_RE = re.compile(r"[A-ZĐÐ]")


def _ok_code_group(g: str) -> bool:
    """A letter group that reads as a code: a known code, or two capitals or more."""
    return bool(canonical_type_code(g)) or len(_UPPER_RE.findall(g)) >= 2 or (
        len(g) <= 3 and g[:1].isupper())


def _ocr7(g: str) -> tuple[str, str] | None:
    """`CT7TU` -> ("CT", "TU"): an OCR'd slash between a known type code and capitals."""
    m = re.fullmatch(rf"([{_L}]+)7([A-ZĐÐ][{_L}0-9]*)", g)
    if m and canonical_type_code(m.group(1)):
        return m.group(1), m.group(2)
    return None


def _run_together(g: str) -> tuple[str, str] | None:
    """`NĐCP` -> ("NĐ", "CP"), `QĐTTg` -> ("QĐ", "TTg"): a State type code and a State issuer code
    printed without their hyphen.  Only where the whole group is no issuer code itself (`CTUBND`)
    and the split is exactly a known type code + a code only State bodies use."""
    iss = _issuers()
    k = _fold(g)
    if k in iss.state or k in iss.canon or not 3 <= len(g) <= 14:
        return None
    for i in range(len(g) - 2, 0, -1):        # the longest type code first (`TTLT` before `TT`)
        tc = canonical_type_code(g[:i])
        if tc and doc_type_name(tc, "state") and _issuer_family(g[i:]) == "state" and _fold(g[i:]) != "CT":
            return tc, _canon_issuer_part(g[i:])
    return None


def _make(number: str, year: str | None, type_code: str | None, issuer: list[str], suffix: list[str],
          system: str, as_written: str) -> Symbol | None:
    if not issuer or not all(issuer):
        return None
    iss = _canon_issuer(issuer)
    if system == "party":
        tc = type_code
        canon = f"{number}-{tc}/{iss}" + "".join("/" + s for s in suffix)
        return Symbol(number, None, tc, iss + "".join("/" + s for s in suffix), "party", canon, as_written)
    if suffix:
        iss = iss + "".join("-" + _canon_issuer_part(s) for s in suffix)
    body = f"{type_code}-{iss}" if type_code else iss
    canon = f"{number}/{year}/{body}" if year else f"{number}/{body}"
    return Symbol(number, year, type_code, iss, "state", canon, as_written)


def parse_symbol(raw: str) -> Symbol | None:
    """Parse one symbol (`Số: 08-CT/TU`, `05/CT-TTg`, `30/2020/NĐ-CP`); None for anything else."""
    if not raw or not isinstance(raw, str) or len(raw) > 120:
        return None
    return _parse_symbol_text(raw)


@lru_cache(maxsize=65536)
def _parse_symbol_text(raw: str) -> Symbol | None:
    """`parse_symbol` of a string, memoised: the graph parses each citation's symbol again."""
    s = unicodedata.normalize("NFC", raw).strip().strip(".,;:)(")
    s = _PREFIX_RE.sub("", s, count=1)
    m = _SYMBOL_RE.fullmatch(s)
    if not m:
        return None
    return _parse_match(m, raw.strip())


def _parse_match(m: re.Match, as_written: str) -> Symbol | None:
    number = m.group("num")
    if number.startswith("0") and len(number) > 3:
        return None
    sep1 = m.group("sep1").strip() or " "
    year_raw = m.group("year")
    year = re.match(r"\d{4}", year_raw).group(0) if year_raw else None
    g1 = m.group("g1")
    rest = m.group("rest")
    # split the rest into (separator, group) pairs
    pairs: list[tuple[str, str]] = []
    if rest:
        toks = _SPLIT_RE.split(rest)
        # toks: ['', sep, group, sep, group, ...]
        for i in range(1, len(toks) - 1, 2):
            sep = toks[i]
            sep = "-" if sep in "–—" else ("/" if sep == "⁄" else sep)
            pairs.append((sep, toks[i + 1]))
    groups = [g1] + [g for _, g in pairs]
    if any(not g for g in groups):
        return None
    seps = [p[0] for p in pairs]
    sep1 = "-" if sep1 in "–—" else ("/" if sep1 == "⁄" else sep1)

    if year:                                   # NUM/YEAR/... : State VBQPPL
        if sep1 != "/":
            return None
        if not _ok_code_group(g1):
            return None
        tc = canonical_type_code(g1)
        if tc and groups[1:]:
            return _make(number, year, tc, groups[1:2], groups[2:], "state", as_written)
        if tc and not groups[1:]:
            return None
        split = _run_together(g1) if not groups[1:] else None
        if split:                              # `214/2025/NĐCP`, `04/2022/QĐTTg`
            return _make(number, year, split[0], [split[1]], [], "state", as_written)
        return _make(number, year, None, groups[:1], groups[1:], "state", as_written)

    if sep1 in ("-", " "):                     # Party shape: NUM-TYPE/ISSUER
        type_raw = g1
        if not pairs:
            split = _ocr7(g1)
            if not split:
                return None
            type_raw, iss0 = split
            issuer, suffix = [iss0], []
        else:
            if seps[0] not in ("/", "-"):
                return None
            # issuer: next group; a hyphenated issuer continues with '-' groups; '/' then a suffix
            issuer = [groups[1]]
            suffix: list[str] = []
            i = 2
            while i < len(groups) and seps[i - 1] == "-":
                issuer.append(groups[i])
                i += 1
            suffix = groups[i:]
        tc = canonical_type_code(type_raw)
        if tc is None:
            if sep1 == " " or not (_UPPER_RE.findall(type_raw) and type_raw.upper() == type_raw and len(type_raw) >= 2):
                return None
            tc = type_raw.replace("Ð", "Đ")
        if not _ok_code_group(issuer[0]) and not _issuer_family(issuer[0]):
            return None
        fam = _issuer_family(issuer[0])
        if fam == "state":
            if canonical_type_code(type_raw) is None:
                return None
            # `05-CT/TTg`, `72-NQ-CP`: a State symbol written in the Party style
            return _make(number, None, tc, issuer[:1], issuer[1:] + suffix, "state", as_written)
        return _make(number, None, tc, issuer, suffix, "party", as_written)

    # State shape: NUM/G1-G2...
    if not pairs:
        split = _run_together(g1) if sep1 == "/" else None
        if split:                              # `15/QĐUBND`
            return _make(number, None, split[0], [split[1]], [], "state", as_written)
        if sep1 == "/" and _fold(g1) in _issuers().alone and not re.fullmatch(r"(?:19|20)\d\d", number):
            # an older State symbol with no type code (`769/TTg`, `43/CP`, `6006/BGDĐT`); not a year
            # (`QCVN 01:2022/BQP` names a standard)
            return _make(number, None, None, [g1], [], "state", as_written)
        return None
    if not _ok_code_group(g1):
        return None
    tc = canonical_type_code(g1)
    if tc:
        issuer = groups[1:]
        fam = _issuer_family(issuer[0])
        if fam == "party" and doc_type_name(tc, "party") and len(issuer) == 1:
            # `12/BC-VPTU`: a Party symbol with its separators swapped
            return _make(number, None, tc, issuer, [], "party", as_written)
        if not _ok_code_group(issuer[0]) and fam is None:
            return None
        return _make(number, None, tc, issuer[:1], issuer[1:], "state", as_written)
    # Công văn: NUM/ISSUER-UNIT
    if "/" in seps and seps[0] == "/":
        return None
    if len(_UPPER_RE.findall(g1)) < 1:
        return None
    return _make(number, None, None, groups[:1], groups[1:], "state", as_written)


def find_symbols(text: str) -> list[tuple[int, int, Symbol]]:
    """Every symbol in `text`, with its span (the span covers the symbol as printed, no `Số`).

    The header and the citations stage both scan the whole text of a document: the last few texts'
    results are kept, so the second scan is free (a new list is returned each time)."""
    if not text or not isinstance(text, str):
        return []
    return list(_find_symbols_cached(text))


@lru_cache(maxsize=8)
def _find_symbols_cached(text: str) -> tuple[tuple[int, int, Symbol], ...]:
    out: list[tuple[int, int, Symbol]] = []
    for m in _SYMBOL_RE.finditer(text):
        raw = m.group(0)
        sym = _parse_raw(raw, m)
        if sym is not None:
            out.append((m.start(), m.end(), sym))
    return tuple(out)


_PARSED: dict[str, Symbol | None] = {}


def _parse_raw(raw: str, m: re.Match) -> Symbol | None:
    """`_parse_match` memoised on the matched text (the groups of a match are a function of its
    text: the pattern looks outside the match only to reject it)."""
    try:
        return _PARSED[raw]
    except KeyError:
        pass
    sym = _parse_match(m, raw)
    if len(_PARSED) > 20000:
        _PARSED.clear()
    _PARSED[raw] = sym
    return sym


@lru_cache(maxsize=16384)
def symbol_key(sym: Symbol | str) -> str:
    """A key for comparing symbols regardless of case, Đ/D spelling and the order of the issuer
    codes of a State symbol (`16/KH-MTTQ-BTT` and `16/KH-BTT-MTTQ` name one document)."""
    if isinstance(sym, str):
        p = parse_symbol(sym)
        if p is None:
            return _dfold(sym)
        sym = p
    if sym.system == "state":
        parts = sorted(_dfold(x) for x in sym.issuer_code.split("-"))
        head = f"{sym.number}/{sym.year}/" if sym.year else f"{sym.number}/"
        return _dfold(head + (sym.type_code or "") + ":" + "-".join(parts))
    return _dfold(sym.canonical)
