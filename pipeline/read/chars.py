"""Character normalization: Unicode NFC, one tone-mark placement, look-alike characters, odd spaces.

`normalize_chars` is the whole treatment for a string outside a document (a gold value, a query);
inside a document `emit` applies `fix_chars` piece by piece so that every character keeps its raw
offset.
"""
from __future__ import annotations

import re
import unicodedata
from functools import cache
from typing import Final

from pipeline import regexes

LOOKALIKES: Final = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u00a0": " ", "\u2007": " ",
              "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ", "\t": " ", "\u2002": " ",
              "\u2003": " ", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\ufeff": " ", "\u200b": " ",
              "\u00ad": " ", "\u200c": " ", "\u200d": " ", "\r": " ", "\f": " ", "\v": " ", "\u2044": "/"}
LOOKALIKE_RE: Final = regexes.compile("[" + "".join(re.escape(k) for k in LOOKALIKES) + "]")
_TONES: Final = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}   # huyền, sắc, ngã, hỏi, nặng
_LETTER: Final = r"A-Za-zÀ-ỹĐđ"
_TONED_SECOND: Final = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ"
# A tone mark on the second vowel of an open oa/oe/uy syllable moves to the first vowel:
# hoà→hòa, khoẻ→khỏe, thuỷ→thủy (not after q: quý is right; not with a coda: hoàn, thuyền).  The
# pair ends its word (no letter after it), so the pattern need not read the word from its start.
# (the q test after the first letter, so that the pattern opens with its class: a search skips in C)
_TONE_RE: Final = regexes.compile(rf"([oOuU])(?<![qQ].)([{_TONED_SECOND}])(?![{_LETTER}])")


def _moved(first: str, second: str) -> str | None:
    """The vowel pair `first` + `second` (toned) with the tone on `first`, or None where it stays."""
    if first in "uU" and unicodedata.normalize("NFD", second)[0] not in "yY":
        return None      # ua/ue do not move (mùa, thuế are not this pattern)
    if first in "oO" and unicodedata.normalize("NFD", second)[0] in "yY":
        return None
    d = unicodedata.normalize("NFD", second)
    tone = next((c for c in d if c in _TONES), "")
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return unicodedata.normalize("NFC", first + tone) + base


# Every pair the pattern can match, worked out once: `_move_tone` runs on each old-style syllable.
_MOVED: Final = {(f, t): _moved(f, t) for f in "oOuU" for t in _TONED_SECOND}


def _move_tone(m: re.Match) -> str:
    moved = _MOVED[m.group(1, 2)]
    return m.group(0) if moved is None else moved


def normalize_chars(s: str) -> str:
    """The character normalization of `text`, for strings outside a document (gold values, queries).
    Length may change (NFC); inside documents `normalize` keeps the offset map."""
    s = unicodedata.normalize("NFC", s)
    s = LOOKALIKE_RE.sub(lambda m: LOOKALIKES[m.group(0)], s)
    if _CYRILLIC_ANY.search(s):
        s = _latin_cyrillic(s)
    s = _TONE_RE.sub(_move_tone, s)
    return _SPACES.sub(" ", s)


_SPACES: Final = regexes.compile(" {2,}")     # (compiled: `re.sub` looks a pattern up in Python on each call)


# Two cheap searches say whether `fix_chars` has anything to do: a look-alike or a Cyrillic letter
# (`ODD_CHAR_RE`), or o/u before a toned a/e/y that ends the word (`TONE_QUICK`: the tone moves only
# in open syllables, `hoà`, not `hoạt`).  (One alternation of both scans several times slower.)
ODD_CHAR_RE: Final = regexes.compile(LOOKALIKE_RE.pattern[:-1] + "\u0400-\u04ff]")
TONED_END: Final = rf"[{_TONED_SECOND}](?![{_LETTER}])"      # (the toned vowel that ends a word)
# Only the pairs whose tone moves (`_MOVED`), not after q: the words `quả`, `quá`, `quý`, which fill
# every document, have nothing to move, and a line found to need nothing is emitted as it is.
# (the pattern opens with the class of its first letter, so that a search skips to the next o or u in C
# instead of trying the pattern at every position)
_TONE_PAIRS: Final = "[oOuU](?<![qQ].)(?:" + "|".join(
    f"(?<={f}){''.join(['['] + [t for t in _TONED_SECOND if _MOVED[f, t] is not None] + [']'])}" for f in "oOuU") + ")"
TONE_QUICK: Final = regexes.compile(f"{_TONE_PAIRS}(?![{_LETTER}])")
# (the pairs wherever they stand: a line without one has no piece, cut at its markup, that `fix_tones` changes)
TONE_PAIR: Final = regexes.compile(_TONE_PAIRS)
_CYRILLIC_ANY: Final = regexes.compile(r"[\u0400-\u04ff]")


# Cyrillic letters that look like Latin ones, printed inside Latin words by copy-paste or OCR
# (`Ðіều` with a Cyrillic і, `сhung`, `Quý ІІI`): mapped back where the word holds a Latin letter.
CYRILLIC_LOOKALIKES: Final = dict(zip("аеорсхуіјѕАВЕКМНОРСТХІЈЅ", "aeopcxyijsABEKMHOPCTXIJS", strict=True))
_CYRILLIC_WORD: Final = regexes.compile(r"[\w\u0300-\u0323]*[\u0400-\u04ff][\w\u0300-\u0323]*")


def _has_latin(w: str) -> bool:
    return any("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f" or "\u1ea0" <= c <= "\u1ef9" for c in w)


def _latin_cyrillic(s: str) -> str:
    """Cyrillic look-alikes of `s` made Latin inside words that hold a Latin letter, and as words of
    one letter (`а)` with a Cyrillic а is the marker `a)`, `lự с` a broken `lực`) unless `s` holds a
    Cyrillic word of two letters or more without a Latin one: a Russian word stays Russian."""
    words = _CYRILLIC_WORD.findall(s)
    russian = any(len(w) > 1 and not _has_latin(w) for w in words)

    def latin(m: re.Match) -> str:
        w = m.group(0)
        if _has_latin(w) or len(w) == 1 and not russian:
            return "".join(CYRILLIC_LOOKALIKES.get(c, c) for c in w)
        return w
    return _CYRILLIC_WORD.sub(latin, s)


def fix_chars(s: str) -> str:
    """Look-alikes, Cyrillic letters inside Latin words and old-style tone marks of an NFC string,
    each replaced by one character (the length stays, so offsets do)."""
    if ODD_CHAR_RE.search(s):
        if _CYRILLIC_ANY.search(s):
            s = _latin_cyrillic(s)
        if LOOKALIKE_RE.search(s):
            s = LOOKALIKE_RE.sub(lambda m: LOOKALIKES[m.group(0)], s)
    return fix_tones(s)


def fix_tones(s: str) -> str:
    """`fix_chars` on a string without look-alikes: old-style tone marks only."""
    return _TONE_RE.sub(_move_tone, s) if TONE_QUICK.search(s) else s


def composed(s: str) -> str:
    """`s` in NFC, for the tests that read raw lines (a source in NFD spells `Nơi nhận`, `ngày` with
    combining marks the patterns do not match); the emitted text keeps its own offsets."""
    return s if s.isascii() or unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


# The layout tests (`boilerplate`, `paragraphs`) read a raw line as its clean copy will read: odd
# spaces, look-alike and Cyrillic letters replaced one for one (a source with non-breaking spaces or
# a Cyrillic `І` in `ІІ.` is judged as the plain one is).  Tone marks stay where they are: no test
# reads a syllable that moves.
_VIEW_TABLE: Final = str.maketrans({**LOOKALIKES, **CYRILLIC_LOOKALIKES})


def view(s: str, odd_chars: bool = True) -> str:
    """`s` composed (NFC) with its look-alike characters replaced (`odd_chars`: the source may hold
    some; False skips the replacement for a source known to have none).  For tests only: the
    length may change, so offsets into `s` do not carry over.

    >>> view("Kính\\u00a0gửi") == "Kính gửi", view("\\u0406I. M\\u1ee4C") == "II. MỤC"
    (True, True)
    """
    s = composed(s)
    return s.translate(_VIEW_TABLE) if odd_chars and ODD_CHAR_RE.search(s) else s


@cache
def _marks() -> re.Pattern:
    """Runs of combining characters (canonical class over 0) of the Basic Multilingual Plane, made
    on the first text not in NFC (none lies below U+0300)."""
    return regexes.compile("[" + "".join(re.escape(chr(c)) for c in range(0x300, 0x10000)
                                    if unicodedata.combining(chr(c))) + "]+")


def composed_runs(s: str, raw: int) -> tuple[str, list[tuple[int, int]]] | None:
    """`s` composed to NFC cluster by cluster (a character and the combining marks after it), each
    composed character keeping the raw offset of its cluster's base (its last one past the base's),
    with the runs `(offset in the result, raw offset)` along which the two advance together.  The
    stretches between marks are taken whole (in NFC, each of their characters is its own NFC), not
    character by character.  None for a text the way does not fit (a character outside the BMP, a
    stretch not in NFC): the caller composes it character by character."""
    if max(s) > "\uffff":
        return None
    pieces: list[str] = []
    runs: list[tuple[int, int]] = []
    n = pos = 0

    def put(t: str, off: int) -> None:
        nonlocal n
        if not runs or runs[-1][1] + (n - runs[-1][0]) != off:
            runs.append((n, off))
        pieces.append(t)
        n += len(t)
    for m in _marks().finditer(s):
        base = max(m.start() - 1, 0)
        if base > pos:
            if not unicodedata.is_normalized("NFC", s[pos:base]):
                return None
            put(s[pos:base], raw + pos)
        last = m.end() - base - 1
        for k, ch in enumerate(unicodedata.normalize("NFC", s[base:m.end()])):
            put(ch, raw + base + min(k, last))
        pos = m.end()
    if pos < len(s):
        if not unicodedata.is_normalized("NFC", s[pos:]):
            return None
        put(s[pos:], raw + pos)
    return "".join(pieces), runs
