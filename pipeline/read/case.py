"""Letter case of a line: whether it is set in capitals (a heading, a header line), and its counts of capital and
small letters, read with str methods and regex classes built from them (no class of a range such as [À-Ỹ] can
tell case: Latin Extended Additional interleaves capitals and small letters)."""
from __future__ import annotations

import re
from typing import Final

from .. import regexes


def is_caps(s: str) -> bool:
    """Mostly capital letters (a heading, a header line); judged on the first 150 characters."""
    if len(s) > 40:
        if not _FEW_LOWER.match(s, 0, 40):
            return False      # 23 small letters need over 130 capitals to be outweighed: more than fit
    elif 20 * len(s.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LOWER)) > 3 * len(s):
        return False          # (the test below on the ASCII small letters alone, counted in C: most short lines)
    s = s[:150]
    low = len(_LOWER_RE.findall(s))       # few in a heading in capitals
    if 20 * low > 3 * len(s):
        return False      # (capitals, at most the rest of the line, cannot be over 85% of the letters)
    up = len(_UPPER_RE.findall(s))        # (the lines that come this far are short, or headings)
    return up + low >= 3 and up > 0.85 * (up + low)


# Every capital and small letter of the scripts a Vietnamese document uses, as regex classes: counting
# with `findall` runs in C, where a Python loop over characters was the hot spot of normalization.
_UPPER_RE: Final = regexes.compile("[" + "".join(re.escape(chr(i)) for i in range(0x41, 0x2000) if chr(i).isupper())
                                   + "]")
_LOWER_RE: Final = regexes.compile("[" + "".join(re.escape(chr(i)) for i in range(0x61, 0x2000) if chr(i).islower())
                                   + "]")
_NOT_LOWER_RE: Final = regexes.compile("[^" + _LOWER_RE.pattern[1:])
# every byte but a-z: deleted from a line's UTF-8 (where no byte of a longer character is one of them),
# what is left is its ASCII small letters
_NOT_ASCII_LOWER: Final = bytes(sorted(set(range(256)) - set(range(0x61, 0x7b))))
# 18 characters other than small letters among the first 40: fewer leave 23 small letters at least
# (the most prose lines show there).  Read word by word: a possessive repeat (Python 3.11) takes a run
# of small letters in one step and keeps no states to backtrack to, which the two disjoint classes
# never need; on a prose line the pattern fails after the 40 characters' few words, where counting
# the 23 small letters one by one took half as long again
try:
    _FEW_LOWER = regexes.compile(f"(?:{_LOWER_RE.pattern}*+{_NOT_LOWER_RE.pattern}){{18}}")
except re.error:        # pragma: no cover - Python 3.10
    _FEW_LOWER = regexes.compile(f"(?:{_LOWER_RE.pattern}*{_NOT_LOWER_RE.pattern}){{18}}")


def count_case(s: str) -> tuple[int, int]:
    """(capital letters, small letters) in `s`.

    >>> count_case("UBND tỉnh Đồng Tháp")
    (6, 10)
    """
    return len(_UPPER_RE.findall(s)), len(_LOWER_RE.findall(s))
