"""The matching rules of GOLD.md, as the reference scorer (`shared/blind/gold_score.py`) applies them.

Every comparison here must give the reference scorer's answer: `chithi evaluate` and the blind score
are read side by side, so a looser rule here (a fuzzier body name, another tone placement) would make
the two disagree.  difflib, not rapidfuzz, because the reference uses it and the ratios differ.
"""
from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from typing import Any

from pipeline import regexes

# `based_on` > `implements` > ... > `mentions`: a document cited several times takes its strongest cue.
RELATION_ORDER = ("based_on", "implements", "continues", "replaces", "amends", "repeals", "guides", "mentions")
_DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")
_TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old and new tone placement (`hòa`/`hoà`, `ủy`/`uỷ`) spell the same word: the mark goes on the first
# vowel of a final oa, oe, uy (on the decomposed string, so the mark is a separate character).
_TONE_LATE = regexes.compile(rf"([oOuU])([aAeEyY])([{_TONES}])(?![^\W\d_])")
_EDGE_PUNCT = " .,;:\"'“”‘’()"
# Plural and address words do not change the body a name names (`các sở` is `sở` plus one word).
_UNCOUNTED_WORDS = frozenset(("các", "những", "đồng", "chí"))
_LEADING_ZEROS = regexes.compile(r"^0+(?=\d)")


def fold_tones(s: str) -> str:
    """One tone placement for old and new styles (`hoà` = `hòa`, `uỷ` = `ủy`)."""
    return unicodedata.normalize("NFC", _TONE_LATE.sub(r"\1\3\2", unicodedata.normalize("NFD", s)))


def norm(s: Any) -> str:
    """NFC, one tone placement, plain dashes, `Đ` for the Icelandic `Ð`, case-folded, spaces collapsed,
    edge punctuation stripped."""
    if s is None:
        return ""
    s = fold_tones(unicodedata.normalize("NFC", str(s))).translate(_DASHES).replace("\u00d0", "\u0110")
    s = re.sub(r"\s+", " ", s.casefold()).strip()
    return s.strip(_EDGE_PUNCT)


def ratio(a: Any, b: Any) -> float:
    """Fuzzy ratio (0-100) of two texts after normalization."""
    a, b = norm(a), norm(b)
    if not a and not b:
        return 100.0
    return 100.0 * difflib.SequenceMatcher(None, a, b).ratio()


def token_set_ratio(a: Any, b: Any) -> float:
    """Fuzzy token-set ratio (0-100) of two texts after normalization."""
    ta, tb = set(norm(a).split()), set(norm(b).split())
    if not ta or not tb:
        return 100.0 if ta == tb else 0.0
    inter = " ".join(sorted(ta & tb))
    only_a = " ".join(sorted(ta - tb))
    only_b = " ".join(sorted(tb - ta))
    s1 = (inter + " " + only_a).strip()
    s2 = (inter + " " + only_b).strip()
    return max(ratio(inter, s1) if inter else 0.0, ratio(inter, s2) if inter else 0.0, ratio(s1, s2))


def _counted_words(s: Any) -> list[str]:
    return [w for w in norm(s).split() if w not in _UNCOUNTED_WORDS]


def same_body_name(a: Any, b: Any) -> bool:
    """Close strings match; so do close word sets at most one counted word apart (`lực lượng` for
    `lực lượng dân quân tự vệ` is a boundary error, not a match)."""
    if ratio(a, b) >= 85:
        return True
    return token_set_ratio(a, b) >= 85 and abs(len(_counted_words(a)) - len(_counted_words(b))) <= 1


def starts_match(starts: Any, text: Any) -> bool:
    """The node's text begins with the gold `starts` (90% of its characters found in order)."""
    a, b = norm(starts), norm(text)
    if not a or b.startswith(a):
        return True
    window = b[: len(a) + 12]
    blocks = sum(x.size for x in difflib.SequenceMatcher(None, a, window).get_matching_blocks())
    return 100.0 * blocks / len(a) >= 90


def canon_symbol(s: Any) -> str:
    """A symbol in one canonical spelling for comparison."""
    if not s:
        return ""
    s = unicodedata.normalize("NFC", str(s)).translate(_DASHES).replace("\u00d0", "\u0110")
    return _LEADING_ZEROS.sub("", re.sub(r"\s+", "", s).upper())


def plain_number(n: Any) -> str:
    """A document number without leading zeros."""
    return _LEADING_ZEROS.sub("", str(n or "").strip())


def citation_key(c: dict) -> tuple:
    """A citation is its canonical symbol, or with none its type and number."""
    sym = canon_symbol(c.get("symbol"))
    if sym:
        return ("sym", sym)
    return ("typ", norm(c.get("doc_type")), plain_number(c.get("number")))


def greedy_match(gold: Sequence, pred: Sequence, same: Callable[[Any, Any], bool]) -> tuple[int, list, list]:
    """Each gold item in order takes the first unused prediction that matches.
    Returns (matches, gold items left, predictions left)."""
    used: set[int] = set()
    gold_left = []
    for g in gold:
        for j, p in enumerate(pred):
            if j not in used and same(g, p):
                used.add(j)
                break
        else:
            gold_left.append(g)
    return len(used), gold_left, [p for j, p in enumerate(pred) if j not in used]


def dedupe(triples: Iterable[tuple]) -> list[tuple]:
    """One entry per (path, role or kind, normalized value): a phrase stated twice states nothing new."""
    seen, out = set(), []
    for t in triples:
        key = (t[0], t[1], norm(t[2]))
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def strongest_relation(relations: Iterable[Any]) -> str:
    """The strongest of several citation relations (GOLD.md's order)."""
    known = [r for r in relations if r in RELATION_ORDER] or ["mentions"]
    return min(known, key=RELATION_ORDER.index)
