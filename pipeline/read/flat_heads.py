"""The headings of a task table printed one cell per line, and the look-ahead over its lines.

What `pipeline.read.flat_tables` opens a table with and reads its rows by: the role of each heading
(`tasks.column_role`, the outline's reading of models/tasks.toml `[table.columns]`), the run of
headings with the lines of each (a heading wrapped over lines, the spanning heading over `Chủ trì` /
`Phối hợp`, the number's heading not printed), the headings printed again atop a page, the numbers
of the columns printed under them, and the next lines that are not blank.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from functools import cache
from typing import Final

from .. import regexes
from ..tasks import column_patterns, column_role
from .chars import CYRILLIC_LOOKALIKES, LOOKALIKES
from .layout import RawLine
from .linerules import _prefixes, _sre

HEAD_MAX: Final = 60         # a column heading is a few words
HEAD_LINES: Final = 4        # over at most this many lines
ROW_NUMBER: Final = regexes.compile(r"(?P<n>\d{1,3}(?:\.\d{1,2})?|[IVX]{1,5}|[A-H])\.?")
# `III. TỔ CHỨC THỰC HIỆN` (a section of the body), or `II. HOÀN THIỆN` (a group of rows, glued)
BODY_HEADING: Final = regexes.compile(r"(?P<n>[IVX]{1,5}|\d{1,2})\.\s+(?P<title>\w\w)")
COLUMN_NUMBER: Final = regexes.compile(r"\(\d{1,2}\)")
GLUED_NUMBER_HEAD: Final = regexes.compile(r"(?:S?TT|Số\s+TT)\.?(?=\s+\S)", re.I)     # `TT Nội dung`


def plain(text: str) -> str:
    """A line as a flattened table's heading or row number is read: emphasis marks left out."""
    return " ".join(text.replace("*", " ").split()) if "*" in text else text.strip()


def heading_role(text: str, taken: Sequence[str | None] = ()) -> str | None:
    """The role of heading `text` as the outline reads it (`tasks.column_role`: one not `taken` by the
    headings before it where it has two), else its first role (two lead headings: one spans the two
    after it); a second content heading (`Văn bản giao nhiệm vụ` after `Nhiệm vụ`) is a column of notes."""
    role = column_role(text, skip=[r for r in taken if r]) or column_role(text)
    return "other" if role == "content" and "content" in taken else role


def heading_roles(heads: list[str]) -> list[str | None]:
    """The role of each of a run of headings, in order (`heading_role`)."""
    roles: list[str | None] = []
    for h in heads:
        roles.append(heading_role(h, roles))
    return roles


def read_heads(lines: list[RawLine], i: int) -> tuple[list[str], list[list[int]], int] | None:
    """The column headings that start at line `i`, the lines of each, and the index of the line
    after them.  The number column's heading comes first, or is not printed at all (an empty
    heading cell prints nothing): then the headings open with the content's, and `heads` gets an
    empty first heading."""
    heads: list[str] = []
    at: list[list[int]] = []
    k = i
    while k < len(lines) and len(heads) < 9:
        t = plain(lines[k].text)
        if not t:
            k += 1
            continue
        if (len(t) > HEAD_MAX or t[:1].isdigit() or ROW_NUMBER.fullmatch(t) or COLUMN_NUMBER.fullmatch(t)
                or lines[k].cell is not None or heads and t[-1] in ".;:" or BODY_HEADING.match(t)):
            break                           # (a heading opens with no number: a row's, glued or not)
        if heads and _wraps(heads[-1], t):
            if len(at[-1]) >= HEAD_LINES:
                break                       # no heading runs on this long: short lines of a list
            heads[-1] = f"{heads[-1]} {t}"      # a heading wrapped over two lines (`Thời gian` / `hoàn thành`)
            at[-1].append(k)
        else:
            heads.append(t)
            at.append([k])
        k += 1
    roles = heading_roles(heads)
    if roles and roles[0] == "content" and first_row_follows(lines, k):
        heads, at, roles = [""] + heads, [[]] + at, ["number", *roles]
    if (len(heads) < 3 or roles[0] != "number" or "content" not in roles
            or not {"lead", "coordinate", "time"} & set(roles)):
        return None
    return heads, at, k


def _wraps(head: str, line: str) -> bool:
    """`line` goes on heading `head` (`Thời gian` / `hoàn thành`, `TIẾN` / `ĐỘ`): it opens in lower
    case, or it gives a heading of no role the role neither part has alone (`Cơ quan` / `Chủ trì`);
    a heading of no role followed by another (`Kinh phí` / `Ghi chú`) is a column of its own."""
    if line[:1].islower():
        return True
    return heading_role(head) is None and heading_role(line) is None and heading_role(f"{head} {line}") is not None


def ahead(lines: list[RawLine], k: int, n: int) -> list[str]:
    """The next `n` lines from `k` that are not blank, as `plain` reads them."""
    out: list[str] = []
    for ln in lines[k:]:
        if len(out) == n:
            break
        if ln.text.strip():
            out.append(plain(ln.text))
    return out


def repeated_heads(lines: list[RawLine], k: int, heads: list[str]) -> tuple[int, list[int]] | None:
    """The table's headings printed again from line `k` (atop a new page), with the numbers of the
    columns under them: the index of the line after them and their lines; None when line `k` opens
    no such run (a cell's line that opens with a heading's word, `Nhiệm vụ trọng tâm năm 2025:`)."""
    found = read_heads(lines, k)
    if found is None or [_key(h) for h in _kept(found[0]) if h] != [_key(h) for h in heads if h]:
        return None
    again, end = [kk for ks in found[1] for kk in ks], found[2]
    numbered = column_numbers(lines, end, len(found[0]))
    return (numbered[-1] + 1 if numbered else end), again + numbered


def _kept(heads: list[str]) -> list[str]:
    """The headings that print a column (`heading_columns`)."""
    cols = heading_columns([r or "other" for r in heading_roles(heads)])
    return [h for h, c in zip(heads, cols, strict=True) if c is not None]


def _key(heading: str) -> str:
    """A heading as compared with its repeat: its letters and digits, case folded."""
    return re.sub(r"[\W_]+", "", heading).casefold()


def first_row_follows(lines: list[RawLine], k: int) -> bool:
    """The first non-blank line from `k` numbers a table's first row (`1`, `I`) or its columns (`(1)`)."""
    t = next(iter(ahead(lines, k, 1)), "")
    return t.rstrip(".") in ("1", "I") or t == "(1)"


def column_numbers(lines: list[RawLine], k: int, ncols: int) -> list[int]:
    """The lines from `k` that number the columns under their headings (`(1)`, `(2)` ... or `1`, `2`
    ... one for each of `ncols` columns; a form's habit), or [] when they are not there."""
    out: list[int] = []
    j = k
    while j < len(lines) and len(out) < ncols:
        t = plain(lines[j].text)
        if t:
            if t.strip("()").rstrip(".") != str(len(out) + 1):
                return []
            out.append(j)
        j += 1
    return out if ncols >= 3 else []


def heading_columns(roles: list[str] | list[str | None]) -> list[int | None]:
    """The column of each heading.  A body heading that spans the two sub-headings printed right
    after it (`Cơ quan thực hiện` over `Chủ trì` / `Phối hợp`) prints no column of its own."""
    cols: list[int | None] = []
    col = 0
    for c, role in enumerate(roles):
        if role == "lead" and roles[c + 1:c + 3] == ["lead", "coordinate"]:
            cols.append(None)
            continue
        cols.append(col)
        col += 1
    return cols


HEAD_PREFIX: Final = 8       # the characters of a heading read by `table_openings` (`Nội dung`, `Công việc`)
# what `view` replaces, and the characters it puts instead (one for one)
_VIEWED: Final = {**LOOKALIKES, **CYRILLIC_LOOKALIKES}
# what `plain` and `view` read as a space: spaces, emphasis marks, and what `view` makes a space
_SPACES: Final = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "".join(k for k, v in _VIEWED.items()
                                                                             if v.isspace())
_BLANK: Final = "[*" + re.escape(_SPACES.replace("\n", "")) + "]"
_BLANK_CHARS: Final = frozenset("*" + _SPACES.replace("\n", ""))
_TWO_SEEN: dict[str, bool] = {}     # (`_first_two` of the two characters, as they are met)


@cache
def _heads() -> list[tuple[str, ...]] | None:
    """The headings `table_openings` reads, as the classes of their first characters as a line shows
    them (`_as_read`); None where one is not worked out."""
    number, content = column_patterns()["number"], column_patterns()["content"]
    heads: set[tuple] = set()
    for rx, anchored in ((number, True), (content, False), (GLUED_NUMBER_HEAD, False)):
        if rx.flags & ~(re.IGNORECASE | re.UNICODE):
            return None
        parsed = _sre.parse(rx.pattern, rx.flags)
        if anchored and not (parsed.data and parsed.data[0][0] is _sre.AT):
            return None         # (a search anywhere in the heading: no first characters)
        found = _prefixes(parsed, HEAD_PREFIX)
        if found is None or any(None in t or not t for t in found):
            return None
        heads |= {tuple(f"(?i:{c})" if rx.flags & re.IGNORECASE else c for c in t) for t in found}
    return [tuple(map(_as_read, t)) for t in sorted(heads)]


@cache
def table_openings() -> re.Pattern | None:
    """A pattern that matches at the newline before every line of a text in NFC that
    `flat_tables.rebuild_flat_tables` may open a table at or cut a glued heading from: the number's
    heading (`TT`), the content's (`Nội dung`) or both glued, read by the classes of their first three
    characters (`linerules._prefixes`) as `plain` and `view` read a line: a space of the heading is a
    run of spaces and emphasis marks of the line, a letter may be a look-alike.  A necessary
    condition: a text where it finds nothing holds no such table.  None where a pattern is not
    worked out (then every text is read line by line)."""
    heads = _heads()
    # (`plain` reads a line from its first character that is no blank)
    return None if heads is None else regexes.compile(r"\n" + _BLANK + f"*(?!{_BLANK})" + _trie(heads))


@cache
def _first_two() -> re.Pattern:
    """The first two characters (that are no blank) of a line `table_openings` matches at, or more: the
    first two classes of its headings, as a pattern (matched against those two characters)."""
    return regexes.compile(_trie([t[:2] for t in _heads() or []]))


def opens_a_table(text: str) -> bool:
    """Whether a line of `text` (in NFC) may open a table of `rebuild_flat_tables` or hold a glued
    heading (`table_opening_lines` finds one, or is not worked out).  False: no line does."""
    found = table_opening_lines(text)
    return found is None or bool(found)


def table_opening_lines(text: str) -> list[int] | None:
    """Where the lines of `text` (in NFC) start that `table_openings` finds, short enough for a heading
    as that reads it (its blanks at both ends dropped, as `view` reads them), in order:
    `rebuild_flat_tables` opens a table at or cuts a glued heading from no other line (None where
    `table_openings` is not worked out: any line may).  A form feed opens a line, as a newline does."""
    opens = table_openings()
    if opens is None:
        return None
    # (a match opens at the newline before its line: where the line starts in `text`)
    src = "\n" + (text.replace("\f", "\n") if "\f" in text else text)
    found: list[int] = []
    firsts, at, n = _first_two(), 0, len(src)
    while at >= 0:      # (`at`: the newline before a line, tried where `_first_two` may read it past its blanks)
        i = at + 1
        while i < n and src[i] in _BLANK_CHARS:
            i += 1
        ok = _TWO_SEEN.get(two := src[i:i + 2])
        if ok is None:
            if len(_TWO_SEEN) > 1 << 16:
                _TWO_SEEN.clear()
            ok = _TWO_SEEN[two] = firsts.match(two) is not None
        if ok and (m := opens.match(src, at)) is not None and _short_enough(src, m):
            found.append(at)
        at = src.find("\n", at + 1)
    return found


class TableOpenings:
    """The lines that may open a table or hold a glued heading (`table_opening_lines`), as their indices
    in `lines`, in order: found again, with every line in `touched` (cut, cut from or moved by
    `flat_tables`: a list that grows), once it grows."""

    def __init__(self, lines: list[RawLine], at: list[int], touched: list[RawLine]) -> None:
        self.lines, self.at, self.touched = lines, at, touched
        self.seen = len(touched)
        self.kept = [lines[k] for k in at]

    def next(self, i: int) -> int:
        """The index of the first of them at `i` or after (`len(lines)`: none)."""
        if len(self.touched) != self.seen:
            ids = {id(ln) for ln in self.kept}.union(map(id, self.touched))
            self.at = [k for k, ln in enumerate(self.lines) if id(ln) in ids]
            self.kept = [self.lines[k] for k in self.at]
            self.seen = len(self.touched)
        j = bisect_left(self.at, i)
        return self.at[j] if j < len(self.at) else len(self.lines)


def _short_enough(src: str, m: re.Match) -> bool:
    """The line of `src` whose newline `m` opens at is short enough for a heading as `plain` reads it
    (its blanks at both ends dropped, as `view` reads them)."""
    end = src.find("\n", m.start() + 1)
    line = src[m.start() + 1:end if end >= 0 else len(src)]
    return len(line) <= HEAD_MAX or "*" in line or len(line.strip(_SPACES)) <= HEAD_MAX


@cache
def _as_read(cls: str) -> str:
    """The class `cls` of a heading's character as a line shows it: the character, a look-alike
    `view` replaces with one, or for a space a run of blanks (`_BLANK`)."""
    rx = regexes.compile(cls)
    alike = "".join(re.escape(k) for k, v in _VIEWED.items() if rx.fullmatch(v))
    alts = [cls] + ([f"[{alike}]"] if alike else []) + ([_BLANK + "+"] if rx.fullmatch(" ") else [])
    # (a line holds no newline, nor a form feed)
    guard = r"(?![\n\f])" if rx.fullmatch("\n") or rx.fullmatch("\f") else ""
    return guard + ("(?:" + "|".join(alts) + ")" if len(alts) > 1 else cls)


def _trie(seqs: list[tuple[str, ...]]) -> str:
    """One alternation of the sequences, those that open alike sharing their first item."""
    if any(not s for s in seqs):
        return ""               # (a sequence ends here: what follows is free)
    by_first: dict[str, list[tuple[str, ...]]] = {}
    for s in seqs:
        by_first.setdefault(s[0], []).append(s[1:])
    return "(?:" + "|".join(first + _trie(rest) for first, rest in sorted(by_first.items())) + ")"
