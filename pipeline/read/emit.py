"""Emitting `text`: raw lines become normalized text with the runs that map it back to the source.

A raw line is emitted with its markup dropped (markdown emphasis, heading hashes, backslash escapes,
`<br>`), runs of spaces collapsed and its characters normalized (`chars`); `TextBuilder` keeps one
run `(text offset, raw offset)` per stretch where text and source advance together.
"""
from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from functools import cache
from itertools import accumulate
from typing import Final

from .. import regexes
from ..model import Box
from .chars import (
    LOOKALIKES,
    ODD_CHAR_RE,
    TONE_PAIR,
    TONE_QUICK,
    TONED_END,
    composed_runs,
    fix_chars,
    fix_tones,
)
from .layout import RawLine


class TextBuilder:
    """Accumulates `text` with its raw-offset runs."""

    def __init__(self, nfc: bool = False, odd_chars: bool = True) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.runs: list[tuple[int, int]] = []
        self.last_char = "\n"
        # what the whole source is known to be: all NFC (no piece needs composing), free of look-alike
        # and Cyrillic letters (no piece needs more than its tone marks placed)
        self.nfc = nfc
        self.odd_chars = odd_chars

    def emit(self, s: str, raw: int) -> None:
        """Append `s` (already normalized, same length as its raw source at `raw`)."""
        if not s:
            return
        runs = self.runs
        if not runs or runs[-1][1] + (self.length - runs[-1][0]) != raw:
            runs.append((self.length, raw))     # else it continues the current run
        self.parts.append(s)
        self.length += len(s)
        self.last_char = s[-1]

    def emit_plain(self, line: str, raw: int) -> None:
        """`emit_line` of a line `busy_lines` found nothing to do on: only its leading spaces dropped
        (`emit` done in place: this runs for most lines of a document)."""
        if self.last_char in " \n":
            stripped = line.lstrip()        # no block starts with a space
            raw += len(line) - len(stripped)
            line = stripped
        if not line:
            return
        runs = self.runs
        if not runs or runs[-1][1] + (self.length - runs[-1][0]) != raw:
            runs.append((self.length, raw))
        self.parts.append(line)
        self.length += len(line)
        self.last_char = line[-1]

    def join_plain(self, line: str, raw: int, first: bool, joins: list[int]) -> int:
        """`sep(" ")` (unless `first`; `joins` gets where the line is joined on), then `emit_plain(line)`,
        in one step (most lines of a document); returns the offset where the line landed."""
        length = self.length
        last = self.last_char
        runs = self.runs
        if not first:
            if last not in " \n":      # (`sep`: no space after a space or a newline)
                runs.append((length, raw))
                self.parts.append(" ")
                length += 1
                last = " "
            joins.append(length)
        at = length
        if last in " \n":
            stripped = line.lstrip()
            raw += len(line) - len(stripped)
            line = stripped
        if line:
            if not runs or runs[-1][1] + (length - runs[-1][0]) != raw:
                runs.append((length, raw))
            self.parts.append(line)
            length += len(line)
            last = line[-1]
        self.length = length
        self.last_char = last
        return at

    def sep(self, s: str, raw: int) -> None:
        """Append a separator (space, newline, cell bar) attributed to raw offset `raw`."""
        if s == " " and self.last_char in " \n":
            return
        if s[0] in "\n " and self.last_char == " ":
            self.trim()
        self.runs.append((self.length, raw))
        self.parts.append(s)
        self.length += len(s)
        self.last_char = s[-1]

    def trim(self) -> None:
        """Drop a trailing space (before a line break or a cell bar)."""
        while self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
            if not self.parts[-1]:
                self.parts.pop()
        self.last_char = self.parts[-1][-1] if self.parts else "\n"

    def text(self) -> str:
        """The text emitted so far."""
        return "".join(self.parts)


# Markdown emphasis, heading hashes and backslash escapes; odd spaces; runs of spaces.
MARKUP_RE: Final = regexes.compile(r"\*{1,3}|_{2,3}|^\s{0,3}#{1,6}\s|\\(?=[\\`*_{}\[\]()#+\-.!|]|\s*$)|<br\s*/?>|\s{2,}"
                       r"|[\t\u00a0\u2000-\u200d\u202f\u3000\ufeff\u00ad\r\f\v]")


# Emphasis that opens a line, with the spaces inside it: dropped whole, so the marker it wraps opens
# the block (`** 2.1. **`, `*** a) ***`); a lone `* ` is a bullet and stays.
_LEAD_EMPHASIS: Final = regexes.compile(r"(?:(?:\*{2,3}|_{2,3})\s*)+")


# A character some alternative of `MARKUP_RE` starts with, or a space other than " " (two spaces in a
# row are tested apart): a line without one is emitted in one piece, without scanning `MARKUP_RE`.
_QUICK_CHARS: Final = ("*_#\\<\t\n\r\f\v\x1c\x1d\x1e\x1f\x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200e)))
                + "\u2028\u2029\u202f\u205f\u3000\ufeff\u00ad")
_MARKUP_QUICK: Final = regexes.compile(f"[{re.escape(_QUICK_CHARS)}]")


def line_starts(texts: list[str]) -> list[int]:
    """Where each of `texts` starts in the text of them joined by newlines."""
    return list(accumulate([len(t) + 1 for t in texts[:-1]], initial=0))     # (a comprehension: faster than maps)


def lines_matching(rx: re.Pattern, source: str, starts: list[int], found: set[int]) -> None:
    """Add to `found` the index of each line of `source` (the lines joined by newlines, `starts` their
    offsets) where `rx` finds something: one scan of the whole text in C, one step per line found."""
    m = rx.search(source)
    while m is not None:
        k = bisect_right(starts, m.start()) - 1
        found.add(k)
        if k + 1 >= len(starts):
            return
        m = rx.search(source, starts[k + 1])


def lines_holding(needle: str, source: str, starts: list[int], found: set[int]) -> None:
    """`lines_matching` of a plain string: `str.find` runs at memory speed where a regex class
    tests each character in turn, so a character absent from the text costs next to nothing."""
    at = source.find(needle)
    while at >= 0:
        k = bisect_right(starts, at) - 1
        found.add(k)
        if k + 1 >= len(starts):
            return
        at = source.find(needle, starts[k + 1])


# the characters `chars.view` may replace (look-alikes, Cyrillic letters) and the markup ones outside ASCII
_SPECIAL_RE: Final = regexes.compile(
    f"[{re.escape(''.join(c for c in _QUICK_CHARS if not c.isascii()))}{ODD_CHAR_RE.pattern[1:]}")


@cache
def _anything(marked: str) -> re.Pattern:
    """One scan for every test of `busy_lines` (and the character class `marked`): a character some
    test opens on (markup, odd, look-alike, `marked`), or an o or u before a tone mark to move.  A
    regex class tests each character in turn, so one class instead of one per test; the few lines it
    finds are then tested one by one."""
    chars = re.escape("".join(c for c in _QUICK_CHARS if c != "\n")) + ODD_CHAR_RE.pattern[1:-1] + marked[1:-1]
    if re.search(f"[{chars}]", "oOuU"):
        raise ValueError("a class with o or u finds every line")
    return regexes.compile(f"[{chars}oOuU](?:(?<=[oOuU])(?={TONED_END})|(?<![oOuU]))")


def busy_lines(texts: list[str], source: str, starts: list[int],
               marked: re.Pattern) -> tuple[set[int], set[int], set[int], bool]:
    """(the indices of the lines `emit_line` has work on: markup, odd or repeated spaces, an old-style
    tone mark, an odd character; those with a character `chars.view` may replace; those where the
    character class `marked` finds one; whether the text holds characters `view` replaces at all).
    `source` is `texts` joined by newlines, `starts` where each starts (`line_starts`).  In a text in
    NFC every line but the busy ones is emitted as it is, less its leading spaces
    (`TextBuilder.emit_plain`), and read by the layout tests as it is.  The whole text is scanned
    once instead of each line (a newline ends a line as the end of a string does for `TONE_QUICK`);
    what holds for a line holds for every piece of it that is emitted."""
    found: set[int] = set()
    if source.count("\n") >= len(texts):          # a line holds a newline: all busy
        every = set(range(len(texts)))
        lines_matching(marked, source, starts, found)
        return every, every, found, bool(ODD_CHAR_RE.search(source))
    maybe: set[int] = set()
    lines_matching(_anything(marked.pattern), source, starts, maybe)
    special = {k for k in maybe if _SPECIAL_RE.search(texts[k])}
    found = {k for k in maybe if marked.search(texts[k])}
    busy = special | {k for k in maybe if _MARKUP_QUICK.search(texts[k]) or TONE_QUICK.search(texts[k])}
    lines_holding("  ", source, starts, busy)
    return busy, special, found, any(ODD_CHAR_RE.search(texts[k]) for k in special)


def emit_line(b: TextBuilder, line: str, raw: int) -> None:
    """Emit one raw line: markup dropped, spaces collapsed, characters normalized, offsets kept."""
    if b.last_char in " \n":
        stripped = line.lstrip()        # no block starts with a space
        # nor with the spaces a scrape leaves inside opening emphasis (`** 2.1. **Nội dung`)
        lead = _LEAD_EMPHASIS.match(stripped) if stripped[:1] in ("*", "_") else None
        if lead:
            stripped = stripped[lead.end():]
        raw += len(line) - len(stripped)
        line = stripped
    if "  " not in line and not _MARKUP_QUICK.search(line):
        if line.isascii():
            b.emit(line, raw)
        else:
            emit_piece(b, line, raw)
        return
    # (in a text in NFC without odd characters, a line with no o/u pair whose tone moves has no piece to fix)
    as_is = b.nfc and not b.odd_chars and not TONE_PAIR.search(line)
    pos = 0
    for m in markup_matches(line):
        if m.start() > pos:
            if as_is:
                b.emit(line[pos:m.start()], raw + pos)
            else:
                emit_piece(b, line[pos:m.start()], raw + pos)
        tok = m.group(0)
        if tok.isspace() or tok in LOOKALIKES or tok.startswith("<br"):
            b.sep(" ", raw + m.start())
        pos = m.end()
    if pos < len(line):
        if as_is:
            b.emit(line[pos:], raw + pos)
        else:
            emit_piece(b, line[pos:], raw + pos)


# A character a `MARKUP_RE` match opens with past the line's start (`_QUICK_CHARS`), or a space before
# another space: one class the regex engine skips through, where `MARKUP_RE` (an alternation whose
# branches open with no literal) is tried at every position, three times slower on a busy line.
_MARKUP_AT: Final = regexes.compile(f"[{re.escape(_QUICK_CHARS)} ](?:(?<! )|(?=\\s))")


def drop_markup(s: str, repl: str = "") -> str:
    """`MARKUP_RE.sub(repl, s)`, the matches found by `markup_matches`."""
    parts: list[str] = []
    pos = 0
    for m in markup_matches(s):
        parts += (s[pos:m.start()], repl)
        pos = m.end()
    parts.append(s[pos:])
    return "".join(parts)


def markup_matches(line: str) -> list[re.Match]:
    """`MARKUP_RE.finditer(line)`, tried only where a match can open."""
    out = []
    pos = 0
    if line[:1].isspace():              # (`^\s{0,3}#{1,6}\s` may open with one space)
        m = MARKUP_RE.match(line)
        if m:
            out.append(m)
            pos = m.end()
    search, match = _MARKUP_AT.search, MARKUP_RE.match
    while (c := search(line, pos)) is not None:
        m = match(line, c.start())
        if m:
            out.append(m)
            pos = m.end()
        else:
            pos = c.start() + 1
    return out


# The markup `MARKUP_RE` drops but emphasis and escapes, for a markdown line whose `drops` took those out.
_REST_RE: Final = regexes.compile(r"^\s{0,3}#{1,6}\s|<br\s*/?>|\s{2,}"
                                  r"|[\t\u00a0\u2000-\u200d\u202f\u3000\ufeff\u00ad\r\f\v]")


def emit_parsed_line(b: TextBuilder, line: str, raw: int, drops: tuple[tuple[int, int], ...]) -> None:
    """Emit a markdown line without the stretches `drops` (markup a parser found), its other markup
    (heading hashes, `<br>`, odd and repeated spaces) dropped as `emit_line` drops it."""
    runs: list[tuple[int, int]] = []      # (offset in the kept text, offset in `line`)
    parts: list[str] = []
    pos = kept = 0
    for s, e in drops:
        if s > pos:
            runs.append((kept, pos))
            parts.append(line[pos:s])
            kept += s - pos
        pos = max(pos, e)
    if pos < len(line):
        runs.append((kept, pos))
        parts.append(line[pos:])
    text = "".join(parts)
    start = 0
    if b.last_char in " \n":
        start = len(text) - len(text.lstrip())        # no block starts with a space
    pos = start
    for m in _REST_RE.finditer(text, start):
        if m.start() > pos:
            _emit_kept(b, text, pos, m.start(), runs, raw)
        if m.group(0).isspace() or m.group(0) in LOOKALIKES or m.group(0).startswith("<br"):
            b.sep(" ", raw + _source_offset(runs, m.start()))
        pos = m.end()
    if pos < len(text):
        _emit_kept(b, text, pos, len(text), runs, raw)


def kept_text(line: str, drops: tuple[tuple[int, int], ...]) -> str:
    """`line` without the stretches `drops`."""
    parts, pos = [], 0
    for s, e in drops:
        parts.append(line[pos:s])
        pos = max(pos, e)
    parts.append(line[pos:])
    return "".join(parts)


def _source_offset(runs: list[tuple[int, int]], k: int) -> int:
    """Offset in the line of offset `k` of its kept text."""
    j = len(runs) - 1
    while j > 0 and runs[j][0] > k:
        j -= 1
    return runs[j][1] + k - runs[j][0] if runs else k


def _emit_kept(b: TextBuilder, text: str, lo: int, hi: int, runs: list[tuple[int, int]], raw: int) -> None:
    """Emit `text[lo:hi]` piece by piece, each piece a stretch the line holds unbroken."""
    for j, (k0, l0) in enumerate(runs):
        k1 = runs[j + 1][0] if j + 1 < len(runs) else len(text)
        a, z = max(lo, k0), min(hi, k1)
        if a < z:
            emit_piece(b, text[a:z], raw + l0 + a - k0)


def emit_piece(b: TextBuilder, s: str, raw: int) -> None:
    """Emit a piece of a line without markup: composed to NFC cluster by cluster (each composed
    character keeps the raw offset of its base) and its characters fixed (`fix_chars`)."""
    if s.isascii():
        b.emit(s, raw)
        return
    if b.nfc or unicodedata.is_normalized("NFC", s):
        b.emit(fix_chars(s) if b.odd_chars else fix_tones(s), raw)
        return
    found = composed_runs(s, raw)
    if found is not None:
        text, runs = found
        fixed = fix_chars(text)         # (the same length)
        for k, (at, off) in enumerate(runs):
            b.emit(fixed[at:runs[k + 1][0] if k + 1 < len(runs) else len(fixed)], off)
        return
    emit_by_cluster(b, s, raw)


def emit_by_cluster(b: TextBuilder, s: str, raw: int) -> None:
    """Emit `s` composed cluster by cluster, each character at the raw offset of its base: the way for
    what `composed_runs` leaves (and the reference its stretch-by-stretch way is tested against)."""
    chars: list[str] = []
    offs: list[int] = []
    i = 0
    while i < len(s):
        j = i + 1
        while j < len(s) and unicodedata.combining(s[j]):
            j += 1
        for k, ch in enumerate(unicodedata.normalize("NFC", s[i:j])):
            chars.append(ch)
            offs.append(raw + i + min(k, j - i - 1))
        i = j
    fixed = fix_chars("".join(chars))
    for ch, off in zip(fixed, offs, strict=False):     # `fix_chars` keeps the length
        b.emit(ch, off)


def record_boxes(ln: RawLine, start: int, end: int, page: int, boxes: list[Box]) -> None:
    """Boxes for a line's words: each word gets the stretch of `text` it produced, found by
    walking the emitted line in order (normalization only drops markup and spaces)."""
    if not ln.words:
        if ln.bbox is not None and end > start:
            boxes.append(Box(start, end, page, ln.bbox))
        return
    # Distribute the emitted span over words in order of their lengths.
    total = sum(len(w.text) for w in ln.words) + max(len(ln.words) - 1, 0)
    pos = start
    for w in ln.words:
        n = round(len(w.text) * (end - start) / total) if total else 0
        boxes.append(Box(pos, min(pos + max(n, 1), end), page, w.bbox, w.conf))
        pos = min(pos + n + 1, end)
