"""Markers glued inside a paragraph when a scrape or a news copy lost the line breaks.

`... yêu cầu như sau: 1. Tăng cường ... 2. Giao ...` is three items, but a number in prose
(`Điều 5 khoản 2.`, `đạt 95%. 3 đơn vị ...`) is not.  A marker inside a paragraph opens a node only
when the outline says it comes next: it follows a sentence end or a colon (or a heading in
capitals), and it is the successor of the open node of its kind (`2.` after `1.`, `b)` after `a)`,
`1.3.` after `1.2.`), or the first of a new list (`1.`, `a)`, `I.`, `-`) right after a colon.
"""
from __future__ import annotations

from collections.abc import Callable
from typing import Final

from pipeline import regexes

# where a glued marker may stand: after a sentence end or a colon (spaces optional: `sau:**1.` loses
# its emphasis and its space), or after a heading in capitals; then the marker and a capital
_CAPITALS = "A-ZĐÀÁẢÃẠÂẦẤẨẪẬĂẰẮẲẴẶÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_CANDIDATE = regexes.compile(   # (one class for both openers: the alternation cost a test at every letter)
    rf"[.:;!?{_CAPITALS}]\s*"
    # (what a marker opens with, tested first: after most capitals, the small letter of a word, one test
    # says no marker follows, not one per kind of marker; a fifth less time over a paragraph)
    r"(?=[IVX\d\-–+ĐCMP]|[a-zđ]\))"
    r"(?=(?:[IVX]{1,4}\.|\d{1,2}\.|\d{1,2}(?:\.\d{1,2}){1,3}\.?|[a-zđ]\)|[-–+]|(?:Điều|ĐIỀU)\s+\d{1,3}\."
    r"|(?:Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN)\s+(?:[IVXL]{1,5}|\d{1,2})\b[.:\-–]?)"
    r"\s*[\"“]?[A-ZÀ-ỸĐ])")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
# a marker is read from this many characters at most (a marker and the start of its text; a whole
# paragraph sliced for each candidate made long pages quadratic)
MARKER_SPAN = 80
_ROMAN_VALUES: Final = {"I": 1, "V": 5, "X": 10}
# (compiled once: a call with a pattern's string looks it up in the `re` module's cache, in Python, each time)
_DIGITS: Final = regexes.compile(r"\d+")
_HEADING_NUMBER: Final = regexes.compile(r"\s(?:(?P<r>[IVXL]+)|(?P<d>\d+))\b")
_ROMAN_HEAD: Final = regexes.compile(r"[IVX]+")


def no_small_letters(text: str) -> bool:
    """No lower-case letter in `text` (a heading in capitals; `[^a-zà-ỹ]` would not do: the capitals
    Ạ..Ỹ share that code range)."""
    return not any(map(str.islower, text))      # (a loop in C)


def roman_value(s: str) -> int:
    """The value of Roman numeral `s` (`XIV` 14; letters other than I, V, X count nothing)."""
    total = 0
    for k, ch in enumerate(s):
        v = _ROMAN_VALUES.get(ch, 0)
        total += -v if k + 1 < len(s) and _ROMAN_VALUES.get(s[k + 1], 0) > v else v
    return total


def marker_value(kind: str, label: str) -> tuple | None:
    """The position of a marker in its list: numbers of a decimal, a Roman or letter rank."""
    if kind.startswith("decimal") or kind == "article":
        return tuple(int(x) for x in _DIGITS.findall(label)) or None
    if kind in ("part", "chapter", "section"):      # `Chương II`, `Mục 2`: a Roman or an Arabic number
        m = _HEADING_NUMBER.search(label)
        return ((roman_value(m.group("r")) if m.group("r") else int(m.group("d"))),) if m else None
    if kind == "roman":
        m = _ROMAN_HEAD.match(label)
        return (roman_value(m.group(0)),) if m else None
    if kind == "letter":
        ch = label[:1]
        return (_LETTERS.index(ch),) if ch in _LETTERS else None
    return None


def _is_next(kind: str, prev: tuple | None, cur: tuple | None) -> bool:
    if prev is None or cur is None or len(prev) != len(cur) or prev[:-1] != cur[:-1]:
        return False
    if kind == "letter":      # `d)` then `đ)`, or `e)` where a list skips `đ`
        return cur[-1] == prev[-1] + 1 or (_LETTERS[prev[-1]] == "d" and _LETTERS[cur[-1]] == "e")
    return cur[-1] == prev[-1] + 1


def _is_first(kind: str, cur: tuple | None, open_: list[tuple[str, str]]) -> bool:
    """The first marker of a new list: `1.`, `a)`, `I.`, a dash; `2.1.` under an open `2.`."""
    if kind in ("dash", "plus"):
        return True
    if cur is None or cur[-1] != (0 if kind == "letter" else 1):
        return False
    if kind.startswith("decimal") and len(cur) > 1:
        parent = f"decimal{len(cur) - 1}"
        last = next((lab for k, lab in reversed(open_) if k == parent), None)
        return last is not None and marker_value(parent, last) == cur[:-1]
    return True


def _caps_before(text: str, q: int) -> bool:
    """Two capital letters end at `q` (a heading, not the `Y` of `Y – Sinh`)."""
    t = text[max(0, q - 2):q]
    return len(t) == 2 and t.isalpha() and t.isupper()


def has_candidate(text: str, s: int, e: int) -> bool:
    """Whether anything in `text[s:e]` past its first character could be a glued marker (most
    paragraphs hold none: one search spares them the outline's questions)."""
    return _CANDIDATE.search(text, s + 1, e) is not None


def next_inline_cut(text: str, s: int, e: int, open_: list[tuple[str, str]],
                    parse: Callable) -> int | None:
    """Where in `text[s:e]` the next glued marker opens a node, given the open outline `open_`
    ((kind, label) from the root down, the paragraph's own marker included), or None."""
    own = parse(text[s:min(e, s + MARKER_SPAN)])
    for c in _CANDIDATE.finditer(text, s + (own.end if own else 1), e):
        p, q = c.end(), c.start() + 1       # the marker; the end of the sentence or heading before it
        if p == q and text[q - 2:q - 1].isdigit():
            continue        # `1.2.`, `12.5`: the inside of a number
        m = parse(text[p:min(e, p + MARKER_SPAN)])
        if m is None or m.end >= e - p:
            continue
        same = next((lab for k, lab in reversed(open_) if k == m.kind), None)
        cur = marker_value(m.kind, m.label)
        if m.kind in ("dash", "plus"):
            # a bullet only where bullets are open, or where a colon announces them
            ok = text[q - 1] in ".:;!?" and (same is not None or text[q - 1] == ":")
        elif same is not None:
            ok = _is_next(m.kind, marker_value(m.kind, same), cur)
        elif m.kind == "article" and _caps_before(text, q):
            ok = True           # a chapter's title in capitals, then its first article (numbered on from before)
        else:
            ok = _is_first(m.kind, cur, open_) and (
                text[q - 1] == ":" or _caps_before(text, q)
                or _successor_follows(text, p + m.end, e, m.kind, cur, parse))
        if ok and same is None and m.kind in ("part", "chapter", "section") and text[q - 1] not in ".:;!?":
            ok = False      # a first heading only after a sentence's end (`DANH MỤC 01 ...` is a caption)
        if ok and text[q - 1] not in ".:;!?" and (p == q or not _caps_before(text, q)):
            ok = False      # after a heading, it must be capitals and a space
        if ok:
            return p
    return None


def _successor_follows(text: str, s: int, e: int, kind: str, cur: tuple | None, parse: Callable) -> bool:
    """Whether the marker after `cur` is glued further on in the paragraph (`a) ... b) ...`): a list
    opened after a full stop is a list only when it goes on."""
    for c in _CANDIDATE.finditer(text, s, e):
        m = parse(text[c.end():min(e, c.end() + MARKER_SPAN)])
        if m is not None and m.kind == kind and _is_next(kind, cur, marker_value(kind, m.label)):
            return True
    return False


def with_marker(open_: list[tuple[str, str]], kind: str, label: str) -> list[tuple[str, str]]:
    """The open outline once a node of `kind` opens: a sibling closes the nodes after its kind."""
    for k in range(len(open_) - 1, -1, -1):
        if open_[k][0] == kind:
            return open_[:k] + [(kind, label)]
    return open_ + [(kind, label)]
