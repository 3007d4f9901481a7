"""Citations, data: the cue phrases, type words, alias phrases and blockers of
models/citation_cues.toml and models/doctypes.toml, compiled once (`_cues`) into the patterns that
the citation finder scans with; phrase lists become tries (`_trie`), so the regex engine tests one
character per branch instead of every phrase in turn."""
from __future__ import annotations

import re
import tomllib
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from .. import regexes
from ..lang.symbols import doc_types
from ..resources import open_model

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


@lru_cache(maxsize=1)
def _toneless_table() -> tuple[str, ...]:
    """Each precomposed Vietnamese letter to the same letter without its tone mark (`ể` -> `ê`, `ứ` ->
    `ư`, `ặ` -> `ă`): one character for one, so offsets stay.  A tuple indexed by code point, every other
    character to itself (a character past its end is left as it is): `str.translate` reads a tuple 2.6
    times faster than a dict."""
    tones = "\u0300\u0301\u0303\u0309\u0323"
    table = [chr(cp) for cp in range(0x1EFA)]
    for cp in range(0x00C0, 0x1EFA):
        bare = unicodedata.normalize("NFC", "".join(c for c in unicodedata.normalize("NFD", chr(cp)) if c not in tones))
        if bare != chr(cp) and len(bare) == 1:
            table[cp] = bare
    return tuple(table)


def toneless(s: str) -> str:
    """`s` without tone marks, the letters' own marks kept (`triển khai` -> `triên khai`, not `trien khai`):
    cue phrases are matched so, as OCR misreads tones (`triên khai`, `sửa đối, bố sung`, `Căn cư`) far more
    than letters, and a word differing only in its tones from a cue word is rare (`cần cù` differs from
    `căn cứ` in its letters too)."""
    return s.translate(_toneless_table())


# What stands between a type word and its number (`Kế hoạch 593`, `Chỉ thị số: 12`), reversed (`numref_rev_re`), and
# the characters it can open with (IGNORECASE): those that stand right before a number's first digit, where
# `mentions._numrefs` tries the reversed pattern (tests/test_citations_fast.py checks the set).
NUMREF_GAP_REV = r"(?:[ \t]*:?[ \t]*[ốo]s)?[ \t]+"
NUMREF_GAP_FIRST = frozenset(" \t:oOốỐ")


@dataclass
class _Cues:
    order: list[str]
    rank: dict[str, int]
    cue_re: re.Pattern              # on the toneless text (`toneless`)
    cue_rel: dict[str, str]         # casefolded, space-collapsed toneless phrase -> relation
    neutral_re: re.Pattern
    connector_re: re.Pattern
    title_re: re.Pattern
    type_re: re.Pattern             # type words and generic words
    generic: set[str]
    alias_re: re.Pattern
    numref_re: re.Pattern
    numref_rev_re: re.Pattern       # candidates for numref_re, found in the reversed text
    blocker_re: re.Pattern
    provision_blocker_re: re.Pattern    # the blockers a cue opening its clause does not pass
    max_distance: int
    governed_distance: int
    tail_conn_re: re.Pattern
    raw: dict
    provision_re: re.Pattern        # a provision with its number (`khoản 1`, `điểm a`, `Điều 7`)
    participle_re: re.Pattern       # `được hướng dẫn tại` right before a citation
    acts_on: frozenset[str]         # relations whose cue acts on a provision (no blocker stops them)
    bare_alias_re: re.Pattern       # `(Đề án 06/CP)`: a programme's short name with no alias phrase
    owner_code_types: frozenset[str]    # types whose number an owner's code follows (`Đề án 06/CP`)
    not_own_re: re.Pattern          # words before an amending cue that make the act another's (`tham mưu`)
    described_within: int           # a type word this close before an amending cue names who does it
    plural_item_re: re.Pattern      # `; các Quyết định số`, `; Các Công điện: số`: a `;` list's next item
    form_re: re.Pattern             # `Mẫu số ` right before a symbol: a form of an annex ([not_documents])


@lru_cache(maxsize=1)
def _cues() -> _Cues:
    with open_model("citation_cues.toml") as f:
        data = tomllib.load(f)
    order = data["order"]
    cue_rel: dict[str, str] = {}            # (cue_re and neutral_re match the toneless text: `toneless`)
    for c in data["cue"]:
        for p in c["phrases"]:
            cue_rel[toneless(" ".join(p.casefold().split()))] = c["relation"]
    cue_re = regexes.compile(r"(?<!\w)(?:" + _phr_re(list(cue_rel)) + r")(?!\w)", re.IGNORECASE)
    neutral = [toneless(p.casefold()) for p in data["neutral"]["phrases"]]
    neutral_re = regexes.compile(r"(?<!\w)(?:" + _phr_re(neutral) + r")(?!\w)", re.IGNORECASE)
    conn = _phr_re([p for p in data["connector"]["phrases"] if p not in (",", ";")])
    connector_re = regexes.compile(r"^[\s)”\"’]*(?:[,;]?\s*(?:(?:" + conn + r")(?!\w))?\s*)*[\s(“\"]*$", re.IGNORECASE)
    title_re = regexes.compile(r"^[\s,]*(?:" + _phr_re(data["title"]["introducers"]) + r")(?!\w)", re.IGNORECASE)
    dt = doc_types()
    names = list(dt.by_name)
    generic = [w for w in data["generic"]["words"]]
    type_re = regexes.compile(r"(?<!\w)(?:" + _phr_re(names + generic) + r")(?!\w)", re.IGNORECASE)
    alias_re = regexes.compile(
        r"\(\s*(?P<phrase>" + _phr_re(data["alias"]["phrases"]) + r")\s*:?\s*(?P<alias>[^()\n]{2,120}?)\s*\)",
        re.IGNORECASE)
    bare_alias_re = regexes.compile(r"\(\s*(?P<alias>(?:" + _phr_re(data["alias"]["bare_types"])
                                    + r")\s+\d{1,4}[a-z]?(?:/[A-ZĐ]{1,6})?)\s*\)", re.IGNORECASE)
    num_names = [n for n in names if dt.by_name[n]["name"] not in data["number_only"]["excluded_types"]]
    # (`ngày` after the number is a duration, `Kế hoạch 5 ngày`, unless a date follows: `số 593 ngày 12/01`)
    not_after = (r"(?![\w/⁄\-–]|[.,]\d|\s*[/⁄\-–]\s*[A-Za-zĐđ\d]|\s*%|\s+(?:năm|tháng|"
                 r"ngày(?!\s*\d{1,2}\s*(?:[/.\-]\s*\d|tháng))|giờ|người|lần|đồng|triệu|tỷ)(?!\w))")
    numref_re = regexes.compile(
        # (a plural `các Quyết định 03 cán bộ` counts things; `các Nghị quyết số 18, 19` names documents)
        r"(?<!\w)(?:(?<!các )(?<!những )|(?=(?:" + _phr_re(num_names) + r")[ \t]+s[ốo][ \t]*:?[ \t]*\d))"
        r"(?P<type>" + _phr_re(num_names) + r")[ \t]+(?:(?P<so>s[ốo])[ \t]*:?[ \t]*)?"
        r"(?P<num>\d{1,4}[a-z]?)" + not_after, re.IGNORECASE)
    # the same, backwards from the number's first digit: where a type word can start (numref_re decides)
    numref_rev = NUMREF_GAP_REV + r"(?P<type>" + _trie(num_names, reverse=True) + r")"
    numref_rev_re = regexes.compile(r"\d" + numref_rev, re.IGNORECASE)
    blocker_re = regexes.compile(r"(?<!\w)(?:" + _phr_re(data["blocker"]["phrases"]) + r")(?!\w)", re.IGNORECASE)
    passed = {" ".join(p.casefold().split()) for p in data["blocker"].get("opening_passes", [])}
    provision = [p for p in data["blocker"]["phrases"] if " ".join(p.casefold().split()) not in passed]
    provision_blocker_re = regexes.compile(r"(?<!\w)(?:" + _phr_re(provision) + r")(?!\w)", re.IGNORECASE)
    tail = [p for p in data["connector"]["phrases"] if p not in (",", ";", "tại", "theo")]
    tail_conn_re = regexes.compile(r"(?:[,;]|(?<!\w)(?:" + _phr_re(tail) + r"))\s*(?:các\s+)?$", re.IGNORECASE)
    provision_re = regexes.compile(r"(?<!\w)(?:" + _phr_re(data["blocker"]["provisions"])
                                   + r")\s+(?:\d{1,3}[a-zđ]?|[IVXLC]{1,6}|[a-zđ])(?!\w)", re.IGNORECASE)
    participle_re = regexes.compile(r"(?<!\w)(?:được|bị)\s+(?:[^\W\d_]+\s+){0,3}?(?:"
                                    + _phr_re(data["participle"]["verbs"])
                                    + r")\s+(?:tại|bởi|theo)(?:\s+(?:các|những))?\s*[:(]?\s*$", re.IGNORECASE)
    return _Cues(order, {r: i for i, r in enumerate(order)}, cue_re, cue_rel, neutral_re, connector_re,
                 title_re, type_re, {g.casefold() for g in generic}, alias_re, numref_re, numref_rev_re, blocker_re,
                 provision_blocker_re, int(data["blocker"].get("max_distance", 90)),
                 int(data["blocker"].get("governed_distance", 300)), tail_conn_re, data, provision_re, participle_re,
                 frozenset(data["blocker"]["acts_on"]), bare_alias_re, frozenset(data["owner_code"]["types"]),
                 regexes.compile(r"(?<!\w)(?<!quy )(?:" + _phr_re([toneless(w) for w in data["own_act"]["not_after"]])
                                 + r")(?!\w)", re.IGNORECASE),
                 int(data["own_act"]["described_within"]),
                 regexes.compile(r"\s*(?:các|những)\s+(?:(?:" + _phr_re(names) + r")\s*:?\s*(?:s[ốo]\s*:?\s*)?)?",
                                 re.IGNORECASE),
                 regexes.compile(r"(?<!\w)(?:" + _phr_re(data["not_documents"]["words"])
                                 + r")\s*(?:s[ốo]\s*)?:?\s*$", re.IGNORECASE))


RELATION_ORDER = ("based_on", "implements", "continues", "replaces", "amends", "repeals", "guides", "mentions")
