"""Gazetteer-derived resources of the bodies stage, built once: organs (`organs.tsv`), their names and
aliases as token-norm keys, abbreviations, collective heads, province keys, and the phrase look-up
that finds gazetteer phrases (ORG, PROV) in a text's token norms (`match_phrases`).
"""
from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Final

from pipeline.bodies.tokens import Seqs, tokenize, with_dashes_lost
from pipeline.lang import provinces, read_tsv


@dataclass(frozen=True)
class Organ:
    name: str
    kind: str
    system: str
    level: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str | None


def _d(s: str) -> datetime.date | None:
    return datetime.date.fromisoformat(s) if s else None


@functools.cache
def organs() -> dict[str, Organ]:
    """The organs of organs.tsv by name."""
    out = {}
    for r in read_tsv("organs.tsv"):
        out[r["name"]] = Organ(r["name"], r["kind"], r["system"], r["level"], _d(r["valid_from"]),
                               _d(r["valid_to"]), r["successor"] or None)
    return out


@functools.cache
def organ_aliases() -> dict[tuple[str, ...], str]:
    """token-norm tuple -> organ name, for every name and alias of organs.tsv."""
    out: dict[tuple[str, ...], str] = {}
    for r in read_tsv("organs.tsv"):
        for a in [r["name"], *[x.strip() for x in r["aliases"].split(";") if x.strip()]]:
            key = tuple(tokenize(a).norm)
            if len(key) == 1 and key[0] in _AMBIGUOUS_SINGLE:
                continue
            out.setdefault(key, r["name"])
    return out


@functools.cache
def alias_lengths() -> dict[tuple[str, str], tuple[int, ...]]:
    """The first two token norms of the names and aliases of organs.tsv (of two words or more) -> the lengths of
    those that open with the two, longest first: which lengths a look-up of a name that starts with them may
    find (`("sở", "y")` -> (3,): `sở y tế`), one look-up where trying every length built a tuple each."""
    lengths: dict[tuple[str, str], set[int]] = {}
    for k in organ_aliases():
        if len(k) > 1:
            lengths.setdefault((k[0], k[1]), set()).add(len(k))
    return {w: tuple(sorted(v, reverse=True)) for w, v in lengths.items()}


# the provinces' names and the generic heads as `Seqs` (`bodies/extent.py`), made on the first call: asked for
# hundreds of times a document, a list read where a cache was a call looked up by name
_PROV_SEQS: Final[list[Seqs]] = []
_HEADS_SORTED: Final[list[Seqs]] = []


def _prov_seqs() -> Seqs:
    if not _PROV_SEQS:
        _PROV_SEQS.append(Seqs(province_keys()))
    return _PROV_SEQS[0]


def _heads_sorted() -> Seqs:
    if not _HEADS_SORTED:
        _HEADS_SORTED.append(Seqs(collective_heads()))
    return _HEADS_SORTED[0]


@functools.cache
def organ_seqs() -> Seqs:
    """Every name and alias of organs.tsv of two words or more, as `Seqs` (a name that ends on one is whole)."""
    return Seqs(k for k in organ_aliases() if len(k) > 1)


# one-token aliases that are also ordinary words or other things in running text
_AMBIGUOUS_SINGLE = {"tu", "cp", "qh", "bct", "btc", "btp", "bbt", "ctn", "bnv", "bng", "bca", "bqp", "sct",
                     "stc", "stp", "snv", "sxd", "syt", "vtv", "vov", "thủ tướng", "phó thủ tướng"}


@functools.cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> expansion (abbreviations.tsv)."""
    return {r["abbr"]: r["expansion"] for r in read_tsv("abbreviations.tsv")}


@functools.cache
def collective_heads() -> dict[tuple[str, ...], str]:
    """Generic head (token norms, a comma a token of its own: `cơ quan tham mưu, giúp việc`) -> its kind
    (collectives.tsv: organ, level, actor)."""
    heads = {tuple(tokenize(r["head"]).norm): r["kind"] for r in read_tsv("collectives.tsv")}
    for q, kind in list(heads.items()):
        for lost in with_dashes_lost([q])[1:]:      # (`tổ chức chính trị xã hội`: the dash a PDF lost)
            heads.setdefault(lost, kind)
    return heads


@functools.cache
def province_keys() -> dict[tuple[str, ...], str]:
    """Every name and alias of a province (token norms) -> the province's name."""
    out: dict[tuple[str, ...], str] = {}
    for p in provinces():
        for a in p.aliases:
            key = tuple(tokenize(a).norm)
            out.setdefault(key, p.name)
    return out


@functools.cache
def _phrase_index() -> tuple[dict[str, tuple[int, ...]], dict[tuple[str, ...], tuple[str, ...]]]:
    """Gazetteer phrases by token norms: (first token -> the lengths of its phrases, longest first;
    phrase -> its labels, ORG for organs.tsv and PROV for provinces)."""
    labels: dict[tuple[str, ...], tuple[str, ...]] = {}
    for lab, keys in (("ORG", organ_aliases()), ("PROV", province_keys())):
        for k in keys:
            if k:
                labels[k] = labels.get(k, ()) + (lab,)
    lengths: dict[str, set[int]] = {}
    for k in labels:
        lengths.setdefault(k[0], set()).add(len(k))
    return {w: tuple(sorted(v, reverse=True)) for w, v in lengths.items()}, labels


@functools.cache
def _phrase_reach() -> dict[str, tuple[int, dict[str, int]]]:
    """first token of a phrase -> (1 if it is a phrase on its own else 0, second token -> the length of
    the longest phrase that starts with the two): how far a phrase starting at a token may reach."""
    out: dict[str, tuple[int, dict[str, int]]] = {}
    for k in _phrase_index()[1]:
        one, seconds = out.get(k[0], (0, {}))
        if len(k) == 1:
            one = 1
        else:
            seconds[k[1]] = max(seconds.get(k[1], 0), len(k))
        out[k[0]] = (one, seconds)
    return out


@functools.cache
def _phrase_starts() -> dict[str, tuple[dict[str, tuple[int, ...]], tuple[str, ...]]]:
    """Where a phrase may start, for `match_phrases`: first token norm -> (second token norm -> the lengths
    of the phrases that open with the two, longest first; the labels of the first token as a phrase of its
    own, or ()).  Two dictionary look-ups at a token, no key built."""
    seconds: dict[str, dict[str, set[int]]] = {}
    ones: dict[str, tuple[str, ...]] = {}
    for k, labs in _phrase_index()[1].items():
        if len(k) == 1:
            ones[k[0]] = labs
        else:
            seconds.setdefault(k[0], {}).setdefault(k[1], set()).add(len(k))
    return {w: ({x: tuple(sorted(v, reverse=True)) for x, v in seconds.get(w, {}).items()}, ones.get(w, ()))
            for w in seconds.keys() | ones.keys()}


# ----------------------------------------------------------------------------------------------
# finding the phrases

def match_phrases(texts: list[list[str]], cands: list[list[int]] | None = None) -> list[list[tuple[str, int, int]]]:
    """Gazetteer phrases in the token norms of each text: (label, start, end) of the longest phrase of
    each label starting at each token, ordered by start then label.  A phrase is looked up whole in
    the table of phrases (`_phrase_index`), at the lengths that phrases opening with its first two
    tokens have, longest first: a few dictionary look-ups at the tokens that may start one.  `cands`: for each
    text, the tokens (at least those that may start a phrase) already picked out by the caller,
    ascending.  (spaCy's `PhraseMatcher` over the same table finds the same phrases, the tests check;
    building its `Doc`s cost more than the look-ups, and importing spaCy most of a fresh process's
    first `extract()`.)"""
    labels = _phrase_index()[1]
    starts = _phrase_starts()
    out: list[list[tuple[str, int, int]]] = []
    for t, norms in enumerate(texts):
        found: list[tuple[str, int, int]] = []
        n = len(norms)
        at_tokens = cands[t] if cands is not None else range(n)
        for i in at_tokens:     # (compiled: a loop in C, one look-up a token)
            start = starts.get(norms[i])
            if start is None:
                continue        # (no phrase starts with the token)
            seconds, ones = start
            ks = seconds.get(norms[i + 1]) if i + 1 < n else None
            if ks is None and not ones:
                continue        # (most starts: no phrase opens with the two tokens)
            at: list[tuple[str, int, int]] = []
            for k in ks or ():
                labs = labels.get(tuple(norms[i:i + k])) if i + k <= n else None
                if labs:
                    at += [(lab, i, i + k) for lab in labs if all(lab != x for x, _, _ in at)]
            if ones:
                at += [(lab, i, i + 1) for lab in ones if all(lab != x for x, _, _ in at)]
            if at:
                found += sorted(at) if len(at) > 1 else at
        out.append(found)
    return out
