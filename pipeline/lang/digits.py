"""Regex scans of a pattern whose matches open with a digit, done as one scan per digit.

A pattern that opens with a set (`\\d`) is tried at every character of the text; one that opens with a literal
character lets the regex engine skip to the places where that character stands.  `digit_parts` makes the ten
patterns, one per ASCII digit, and `digit_matches` merges their scans into what the one pattern's `finditer`
gives: the two agree wherever no two matches overlap (the one pattern would then have taken only the first),
and where two do, the one pattern's own scan is taken.  A number that opens with another script's digit (which
`\\d` reads) is not found by the parts.
"""
from __future__ import annotations

import re
import sys
from operator import methodcaller

from pipeline import regexes

DIGITS = "0123456789"
_START = methodcaller("start")


def digit_parts(before: str, after: str, flags: int = 0) -> tuple[re.Pattern, ...]:
    """The patterns `before + d + after`, one per ASCII digit d (the one pattern is `before + r"\\d" + after`)."""
    return tuple(regexes.compile(before + d + after, flags) for d in DIGITS)


def digit_matches(parts: tuple[re.Pattern, ...], whole: re.Pattern, text: str, pos: int = 0,
                  endpos: int = sys.maxsize) -> list[re.Match]:
    """`whole.finditer(text, pos, endpos)` as a list, from the scans of its `parts` put in order.

    >>> parts, whole = digit_parts("", r"\\d*"), regexes.compile(r"\\d\\d*")
    >>> [m.group() for m in digit_matches(parts, whole, "số 12, 305 và 7")]
    ['12', '305', '7']
    """
    found: list[re.Match] = []
    for rx in parts:
        found += rx.finditer(text, pos, endpos)
    found.sort(key=_START)
    end = 0
    for m in found:
        if m.start() < end:
            return list(whole.finditer(text, pos, endpos))
        end = m.end()
    return found
