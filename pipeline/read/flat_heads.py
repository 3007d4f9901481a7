"""The headings of a task table printed one cell per line, and the look-ahead over its lines.

What `pipeline.read.flat_tables` opens a table with and reads its rows by: the role of each heading
(`tasks.column_role`, the outline's reading of models/tasks.toml `[table.columns]`), the run of
headings with the lines of each (a heading wrapped over lines, the spanning heading over `Chủ trì` /
`Phối hợp`, the number's heading not printed), the headings printed again atop a page, the numbers
of the columns printed under them, and the next lines that are not blank.
"""
from __future__ import annotations

import re

from ..tasks import column_role
from .layout import RawLine

HEAD_MAX = 60         # a column heading is a few words
HEAD_LINES = 4        # over at most this many lines
ROW_NUMBER = re.compile(r"(?P<n>\d{1,3}(?:\.\d{1,2})?|[IVX]{1,5}|[A-H])\.?")
# `III. TỔ CHỨC THỰC HIỆN` (a section of the body), or `II. HOÀN THIỆN` (a group of rows, glued)
BODY_HEADING = re.compile(r"(?P<n>[IVX]{1,5}|\d{1,2})\.\s+(?P<title>\w\w)")
COLUMN_NUMBER = re.compile(r"\(\d{1,2}\)")


def plain(text: str) -> str:
    """A line as a flattened table's heading or row number is read: emphasis marks left out."""
    return " ".join(text.replace("*", " ").split()) if "*" in text else text.strip()


def heading_role(text: str, taken: list[str | None] = ()) -> str | None:
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
        heads, at, roles = [""] + heads, [[]] + at, ["number"] + roles
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


def heading_columns(roles: list[str | None]) -> list[int | None]:
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
