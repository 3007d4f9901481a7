"""Gazetteer-derived resources of the bodies stage, built once: organs (`organs.tsv`), their names and
aliases as token-norm keys, abbreviations, collective heads, province keys, and the phrase look-up
that finds gazetteer phrases (ORG, PROV) in a text's token norms.
"""
from __future__ import annotations

import bisect
import datetime
import functools
from dataclasses import dataclass

from pipeline.bodies.tokens import norm_token, tokenize
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


# one-token aliases that are also ordinary words or other things in running text
_AMBIGUOUS_SINGLE = {"tu", "cp", "qh", "bct", "btc", "btp", "bbt", "ctn", "bnv", "bng", "bca", "bqp", "sct",
                     "stc", "stp", "snv", "sxd", "syt", "vtv", "vov", "thủ tướng", "phó thủ tướng"}


@functools.cache
def abbreviations() -> dict[str, str]:
    """Abbreviation -> expansion (abbreviations.tsv)."""
    return {r["abbr"]: r["expansion"] for r in read_tsv("abbreviations.tsv")}


@functools.cache
def collective_heads() -> dict[tuple[str, ...], str]:
    """Generic head (token norms) -> its kind (collectives.tsv: organ, level, actor)."""
    return {tuple(norm_token(w) for w in r["head"].split()): r["kind"] for r in read_tsv("collectives.tsv")}


@functools.cache
def province_keys() -> dict[tuple[str, ...], str]:
    """Every name and alias of a province (token norms) -> the province's name."""
    out = {}
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
def _phrase_words() -> frozenset[str]:
    """Every token norm of a gazetteer phrase."""
    return frozenset(w for k in _phrase_index()[1] for w in k)


# ----------------------------------------------------------------------------------------------
# the spaCy phrase matcher

@functools.cache
def nlp():
    """The blank Vietnamese pipeline whose vocabulary holds the matcher's patterns and documents."""
    import spacy
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


@functools.cache
def phrase_matcher():
    """spaCy `PhraseMatcher` over token norms: label ORG (every name and alias of organs.tsv) and PROV
    (provinces and their aliases).  Patterns and documents are `Doc`s whose words are token norms,
    so matching on ORTH is matching on norms (lower case, tone placement unified)."""
    from spacy.matcher import PhraseMatcher
    from spacy.tokens import Doc
    vocab = nlp().vocab
    m = PhraseMatcher(vocab, attr="ORTH")
    for lab in ("ORG", "PROV"):
        m.add(lab, [Doc(vocab, words=list(k)) for k, labs in _phrase_index()[1].items() if lab in labs])
    return m


_GAP = "\x00"      # a word of no pattern: stands for the tokens left out between two windows


def phrase_doc(texts: list[list[str]], cands: list[list[int]] | None = None):
    """One spaCy `Doc` for the token norms of several texts (a batch of the task texts of a document), the
    place of each of its words in the texts (the texts' tokens numbered one after the other) or -1
    for a gap word, and where each text starts in that numbering.

    Only windows that may hold a phrase go into the Doc: from each token that starts a phrase's first
    two tokens (or is a one-token phrase) as far as the longest such phrase reaches.  Every phrase lies
    inside a window, and windows that do not touch are separated by a gap word, so the matcher finds
    exactly the phrases of the texts in a Doc a small fraction of their length (building a `Doc`
    costs more per word than matching it).  `cands`: for each text, the tokens (at least those that
    may start a phrase) already picked out by the caller, ascending."""
    from spacy.tokens import Doc
    reach = _phrase_reach()
    vocab_words = _phrase_words()
    words: list[str] = []
    pos: list[int] = []
    offs: list[int] = []
    off = 0
    for t, norms in enumerate(texts):
        offs.append(off)
        n = len(norms)
        upto = -1           # end of the last window of this text
        for i in (cands[t] if cands is not None else [i for i, w in enumerate(norms) if w in reach]):
            r = reach.get(norms[i])
            if r is None:
                continue
            end = i + (r[1].get(norms[i + 1], r[0]) if i + 1 < n else r[0])
            if end <= upto or end == i:
                continue
            if i > upto:
                words.append(_GAP)
                pos.append(-1)
            else:
                i = upto
            end = min(end, n)
            # a word of no phrase becomes the gap word: it matches nothing either way, and the
            # vocabulary does not grow with every word that follows a phrase's start
            words += [w if w in vocab_words else _GAP for w in norms[i:end]]
            pos += range(off + i, off + end)
            upto = end
        off += n
    words.append(_GAP)
    pos.append(-1)
    return Doc(nlp().vocab, words=words), pos, offs


def match_phrases(texts: list[list[str]], cands: list[list[int]] | None = None) -> list[list[tuple[str, int, int]]]:
    """Gazetteer phrases in the token norms of each text, by one run of the spaCy `PhraseMatcher` over
    one `Doc` (`phrase_doc`): (label, start, end) of the longest phrase of each label starting at
    each token, ordered by start."""
    out: list[list[tuple[str, int, int]]] = [[] for _ in texts]
    doc, pos, offs = phrase_doc(texts, cands)
    if len(doc) < 2:
        return out
    strings = doc.vocab.strings
    best: dict[tuple[int, str], int] = {}
    for mid, s, e in phrase_matcher()(doc):
        key = (pos[s], strings[mid])
        if best.get(key, 0) < pos[e - 1] + 1:
            best[key] = pos[e - 1] + 1
    for (g, lab), ge in sorted(best.items()):
        t = bisect.bisect_right(offs, g) - 1
        out[t].append((lab, g - offs[t], ge - offs[t]))
    return out
