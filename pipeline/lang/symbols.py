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

import re
import unicodedata
from collections import namedtuple
from dataclasses import dataclass, replace
from functools import lru_cache

from .. import regexes
from .codes import (  # noqa: F401  (re-exported: `pipeline.lang.symbols` is where callers find them)
    _canon_issuer,
    _canon_issuer_part,
    _dfold,
    _doctypes,
    _doctypes_data,
    _fold,
    _issuer_data,
    _issuer_family,
    _issuers,
    _ocr_join_re,
    canonical_type_code,
    doc_type_code,
    doc_type_name,
    doc_type_names,
    doc_types,
    fold,
    issuer_codes,
    issuer_facts,
    match_doc_type,
    slug,
    type_codes,
    type_names,
)
from .digits import digit_matches, digit_parts
from .terms import PARTY_LEVELS, _party_terms, khoa_in, party_level, party_term  # noqa: F401


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
_AFTER_DIGIT = (   # the pattern after the number's first digit
    rf"(?<![0-9A-Za-z/.\-⁄–]\d){_NUM_REST})"
    rf"(?P<sep1>{_SEP}|[ \t]|{_GLUED})"
    rf"(?P<year>(?:19|20)\d\d(?:{_SEP}|{_GLUED}))?"
    rf"(?P<g1>{_GROUP})"
    rf"(?P<rest>(?:{_SEP}[{_L}0-9]*[{_L}][{_L}0-9]*)*)"
    rf"(?![\w])"
)
_SYMBOL_RE = regexes.compile(r"(?P<num>\d" + _AFTER_DIGIT)
# The same, one pattern per digit it opens with (`_symbol_matches`): the engine skips at once to the one
# character a pattern opens with, where it tries the set `\d` at every character (0.19 -> 0.11 ms per dev text)
_SYMBOL_PARTS = digit_parts("(?P<num>", _AFTER_DIGIT)
_SPLIT_RE = regexes.compile(r"\s*([-/–—⁄])\s*")
_PREFIX_RE = regexes.compile(r"^\s*(?:s[ốoó]\s*:?|no\.?)?\s*", re.IGNORECASE)
_UPPER_RE = regexes.compile(r"[A-ZĐÐ]")


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


def parse_symbol(raw: object) -> Symbol | None:
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


def _norm_sep(sep: str) -> str:
    return "-" if sep in "–—" else ("/" if sep == "⁄" else sep)


def _parse_match(m: re.Match, as_written: str) -> Symbol | None:
    number = m.group("num")     # (zero-padded by some registers: `0125/KH-UBND`, `01779/QĐ-UBND`)
    sep1 = _norm_sep(m.group("sep1").strip() or " ")
    year_raw = m.group("year")
    ym = re.match(r"\d{4}", year_raw) if year_raw else None
    year = ym.group(0) if ym else None
    # the groups after the first and their separators: ['', sep, group, sep, group, ...]
    pairs: list[tuple[str, str]] = []
    if m.group("rest"):
        toks = _SPLIT_RE.split(m.group("rest"))
        for i in range(1, len(toks) - 1, 2):
            pairs.append((_norm_sep(toks[i]), toks[i + 1]))
    groups = [m.group("g1")] + [g for _, g in pairs]
    if any(not g for g in groups):
        return None
    seps = [p[0] for p in pairs]
    if year:                                   # NUM/YEAR/... : State VBQPPL
        return _parse_year_form(number, year, sep1, groups, as_written)
    if sep1 in ("-", " "):                     # Party shape: NUM-TYPE/ISSUER
        return _parse_party_form(number, sep1, groups, seps, as_written)
    return _parse_state_form(number, sep1, groups, seps, as_written)


def _parse_year_form(number: str, year: str, sep1: str, groups: list[str], as_written: str) -> Symbol | None:
    """`30/2020/NĐ-CP`, `40/2009/QH12`, `214/2025/NĐCP`."""
    g1 = groups[0]
    if sep1 != "/" or not _ok_code_group(g1):
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


def _parse_party_form(number: str, sep1: str, groups: list[str], seps: list[str], as_written: str) -> Symbol | None:
    """`08-CT/TU`, `5053-CV/VPTW/nb`, `98-KH/TWĐTN-BTC`, `08-CT7TU`; `05-CT/TTg` (a State symbol in
    the Party style)."""
    type_raw = groups[0]
    if len(groups) == 1:
        split = _ocr7(type_raw)
        if not split:
            return None
        type_raw, iss0 = split
        issuer, suffix = [iss0], []
    else:
        if seps[0] not in ("/", "-"):
            return None
        # issuer: next group; a hyphenated issuer continues with '-' groups; '/' then a suffix
        issuer = [groups[1]]
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
    fam = _issuer_family(issuer[0])
    if not _ok_code_group(issuer[0]) and not fam:
        return None
    if fam == "state":
        if canonical_type_code(type_raw) is None:
            return None
        # `05-CT/TTg`, `72-NQ-CP`: a State symbol written in the Party style
        return _make(number, None, tc, issuer[:1], issuer[1:] + suffix, "state", as_written)
    return _make(number, None, tc, issuer, suffix, "party", as_written)


def _parse_state_form(number: str, sep1: str, groups: list[str], seps: list[str], as_written: str) -> Symbol | None:
    """`05/CT-TTg`, `2739/VPCP-ĐMDN` (a Công văn), `15/QĐUBND`, `769/TTg`; `12/BC-VPTU` (a Party
    symbol with its separators swapped)."""
    g1 = groups[0]
    if len(groups) == 1:
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


def find_symbols(text: str | None) -> list[tuple[int, int, Symbol]]:
    """Every symbol in `text`, with its span (the span covers the symbol as printed, no `Số`).

    The header and the citations stage both scan the whole text of a document: the last few texts'
    results are kept, so the second scan is free (a new list is returned each time)."""
    if not text or not isinstance(text, str):
        return []
    return list(_find_symbols_cached(text))


@lru_cache(maxsize=8)
def _find_symbols_cached(text: str) -> tuple[tuple[int, int, Symbol], ...]:
    out: list[tuple[int, int, Symbol]] = []
    for m in _symbol_matches(text):
        raw = m.group(0)
        sym = _parse_raw(raw, m)
        if sym is not None:
            out.append((m.start(), m.end(), sym))
    if "/" in text:
        out = _with_ocr_joins(text, out)
    return tuple(out)


def _symbol_matches(text: str) -> list[re.Match]:
    """`_SYMBOL_RE.finditer(text)` from the scans of `_SYMBOL_PARTS` (`digits.digit_matches`); two overlap only
    where a match holds a digit after a space or a line break (`5 2020/...`), and then the one pattern decides."""
    return digit_matches(_SYMBOL_PARTS, _SYMBOL_RE, text)




def _with_ocr_joins(text: str, found: list[tuple[int, int, Symbol]]) -> list[tuple[int, int, Symbol]]:
    """`found` and the symbols whose type and issuer codes were joined otherwise than by a hyphen."""
    extra = []
    joined, after_slash = _ocr_join_re()
    if after_slash.search(text) is None:
        return found        # (most texts) no codes joined after a slash: a literal `/` the engine skips to
    for m in joined.finditer(text):
        if any(s < m.end() and m.start() < e for s, e, _ in found):
            continue
        num, year, typ, iss = m.groups()
        sym = parse_symbol(f"{num}/{year}/{typ}-{iss}" if year else f"{num}/{typ}-{iss}")
        if sym is not None:
            extra.append((m.start(), m.end(), replace(sym, as_written=m.group(0))))
    return sorted(found + extra, key=lambda x: x[0]) if extra else found


class _Memo(dict):
    """Answers kept by the text they answer for, across documents (symbols recur from one to the next),
    emptied with the functools caches by `chithi bench` between its rounds (`cache_info`, `cache_clear`):
    a round that found the answers of the round before would report a speed no batch gets (issue 17)."""

    def cache_info(self):   # noqa: ANN201  (`_MemoInfo`, whose fields `clear_input_caches` reads: not annotated,
        return _MemoInfo(_MEMO_MAX, len(self))      # as compiled a `tuple` annotation makes it a plain tuple)

    def cache_clear(self) -> None:
        self.clear()


_MemoInfo = namedtuple("_MemoInfo", "maxsize currsize")
_MEMO_MAX = 20000       # (a module constant: a class attribute of a dict subclass is not one once compiled)
_PARSED: _Memo = _Memo()


def _parse_raw(raw: str, m: re.Match) -> Symbol | None:
    """`_parse_match` memoised on the matched text (the groups of a match are a function of its
    text: the pattern looks outside the match only to reject it)."""
    try:
        return _PARSED[raw]
    except KeyError:
        pass
    sym = _parse_match(m, raw)
    if len(_PARSED) > _MEMO_MAX:
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
