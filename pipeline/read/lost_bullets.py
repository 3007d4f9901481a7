"""Lines whose bullet glyph was lost in PDF extraction (`lost_bullet_lines`): they open with one or two
spaces where the glyph stood, in a document whose other lines start flush left.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Final

from .. import regexes
from .layout import RawDoc, RawLine
from .paragraphs import BULLET_CHARS, MARKER_RE

_LOST_BULLET: Final = regexes.compile(r"( {1,2})[A-ZÀ-ỸĐ0-9\"“(]")


def lost_bullet_lines(raw: RawDoc, view: Callable[[str], str] = str) -> set[int]:
    """Lines whose bullet glyph was lost in PDF extraction: they open with one or two spaces (where the
    glyph stood) and a capital, in a document whose other lines start flush left.  Returns ids.
    Where most such lines open with a plain space, those that open with another space (a non-breaking
    one, as `view` reads it) are such lines too; many of them are a web copy's indent, not lost glyphs."""
    n = indented = listed = 0
    found: dict[bool, tuple[list[RawLine], list[RawLine]]] = {True: ([], []), False: ([], [])}
    prev = ""
    for p in raw.pages:
        for ln in p.lines:
            t = ln.text
            if ln.cell is not None or not t.strip():
                continue
            n += 1
            before, prev = prev, t
            if not t[0].isspace():
                continue
            indented += 1
            m = _LOST_BULLET.match(t)
            plain = m is not None
            if not plain:
                m = _LOST_BULLET.match(view(t))
            if m:
                found[plain][len(m.group(1)) - 1].append(ln)
                listed += before.rstrip().endswith((";", ":"))     # (an item closed, a list announced, before it)
    (one, two), (one_v, two_v) = found[True], found[False]
    # A wide glyph may leave two spaces; such lines count only as stragglers of a one-space
    # document (in a flattened table, two-space lines are its cells).
    with_two = len(two) < len(one) / 2
    cand = one + (two if with_two else [])
    # Many indented lines are a copy's paragraph indent, unless the document lists its items flush left
    # while the candidates are not (`_lists`: read only where it decides)
    if len(cand) < 2 or (indented > 0.25 * n and not _lists(raw, listed, len(cand))):
        return set()
    if len(one_v) < len(one) / 3:      # the odd space is the exception of a document of lost glyphs
        cand += one_v + (two_v if with_two else [])
    return {id(ln) for ln in cand}


def _lists(raw: RawDoc, listed: int, cand: int) -> bool:
    """The numbered items (a marker, no bullet's glyph: where they start tells the document's own
    indentation) start flush left, and the `cand` candidates read as a list (the line before `listed`
    of them closes an item with `;` or announces one with `:`): a PDF of lost glyphs under `1.`, `a)`,
    the glyph's place."""
    numbered_flush = numbered_indented = 0
    for p in raw.pages:
        for ln in p.lines:
            t = ln.text
            if ln.cell is not None or not t.strip():
                continue
            numbered = MARKER_RE.match(t.lstrip())
            if numbered and numbered.group(0)[0] not in BULLET_CHARS:
                if t[0].isspace():
                    numbered_indented += 1
                else:
                    numbered_flush += 1
    return numbered_flush >= 3 and numbered_indented <= 0.1 * numbered_flush and listed >= 0.15 * cand
