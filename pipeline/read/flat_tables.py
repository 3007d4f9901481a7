"""Task tables that PDF extraction flattened into one cell per line, rebuilt into rows (issue 13).

An official-gazette PDF prints an annex table of tasks; `pdftotext` and copy-paste give it back as
one short line per cell, row after row, over page breaks:

    TT / Nội dung / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian / hoàn thành /
    1 / Xây dựng kế hoạch ... / Sở Tư pháp / Các sở, ngành / Quý IV/2024 / 2 / ...

The column headings (the roles of models/tasks.toml `[table.columns]`, a number column first) open
such a table; each row starts at the line that holds the next row number.  A row whose cells are one
line each gets its columns; in a row with more lines than columns, the content column (the wide
one, which wraps) takes the first lines and each column after it one of the last lines.  Headings
repeated at the top of a page are marked `repeated_head` (normalization sets them aside).  Only the
cell of each line is set; text and offsets stay as read.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache

from ..resources import open_model
from ..tasks import ends_body
from .layout import RawLine

CELL_MAX = 100        # a line of a flattened table is a narrow cell's line; a longer one ends the table
HEAD_MAX = 40         # a column heading is a few words
_ROW_NUMBER = re.compile(r"(?P<n>\d{1,3}|[IVX]{1,5})\.?")
_BODY_HEADING = re.compile(r"(?:[IVX]{1,5}|\d{1,2})\.\s+[A-ZĐ]{2}")   # `III. TỔ CHỨC THỰC HIỆN`
_ROMAN = {"I": 1, "II": 2, "III": 3, "IV": 4, "V": 5, "VI": 6, "VII": 7, "VIII": 8, "IX": 9, "X": 10}


@cache
def _roles() -> dict[str, re.Pattern]:
    with open_model("tasks.toml") as f:
        cols = tomllib.load(f)["table"]["columns"]
    return {k: re.compile("|".join(v), re.I) for k, v in cols.items()}


def _role(text: str) -> str | None:
    for role, rx in _roles().items():
        if rx.search(text):
            return role
    return None


def _heads(lines: list[RawLine], i: int) -> tuple[list[str], int] | None:
    """The column headings that start at line `i`, and the index of the line after them."""
    heads: list[str] = []
    k = i
    while k < len(lines) and len(heads) < 8:
        t = lines[k].text.strip()
        if not t:
            k += 1
            continue
        if len(t) > HEAD_MAX or _ROW_NUMBER.fullmatch(t):
            break
        if heads and (t[:1].islower() or _role(heads[-1]) is None):
            heads[-1] = f"{heads[-1]} {t}"      # a heading wrapped over two lines (`Thời gian` / `hoàn thành`)
        else:
            heads.append(t)
        k += 1
    roles = [_role(h) for h in heads]
    if (len(heads) < 3 or roles[0] != "number" or "content" not in roles
            or not {"lead", "coordinate", "time"} & set(roles)):
        return None
    return heads, k


def _is_next(t: str, last: str | None) -> bool:
    """`t` numbers the row after `last` (`1` first; `I`, `II` number groups of rows)."""
    m = _ROW_NUMBER.fullmatch(t)
    if not m:
        return False
    n = m.group("n")
    if n.isdigit():
        prev = int(last) if last and last.isdigit() else 0
        return int(n) == prev + 1 or (int(n) == 1 and last is not None and not last.isdigit())
    return _ROMAN.get(n, 0) == (_ROMAN.get(last or "", 0) + 1 if last and not last.isdigit() else 1)


def rebuild_flat_tables(lines: list[RawLine], next_table: int) -> int:
    """Give the lines of flattened task tables their cells; returns the next free table number."""
    i = 0
    while i < len(lines):
        t0 = lines[i].text.strip()
        # (the number heading `TT` opens the headings: one cheap test per line before the others)
        opens_table = lines[i].cell is None and 0 < len(t0) <= 12 and _roles()["number"].search(t0)
        found = _heads(lines, i) if opens_table else None
        if found is None:
            i += 1
            continue
        heads, k = found
        t = next_table
        next_table += 1
        head_lines = [ln for ln in lines[i:k] if ln.text.strip()]
        col, cur = -1, ""
        for ln in head_lines:      # the heading lines are row 0, one cell per heading (as `_heads` joined them)
            s = ln.text.strip()
            if col >= 0 and (s[:1].islower() or _role(cur) is None):
                cur = f"{cur} {s}"
            else:
                col, cur = col + 1, s
            ln.cell = (t, 0, col)
        i = _rows(lines, k, t, heads)
    return next_table


def _rows(lines: list[RawLine], k: int, t: int, heads: list[str]) -> int:
    """Assign the rows after the headings; returns the index of the first line past the table."""
    head_texts = {h.split()[0].lower() for h in heads}
    last: str | None = None
    row: list[RawLine] = []
    r = 0

    def close() -> None:
        if not row:
            return
        number, cells = row[0], row[1:]
        number.cell = (t, r, 0)
        # the content column is the wide one that wraps; the short columns after it take a line each
        rest = len(heads) - 2
        wrapped = max(1, len(cells) - rest)
        for c, ln in enumerate(cells):
            ln.cell = (t, r, 1 if c < wrapped else c - wrapped + 2)
        row.clear()

    while k < len(lines):
        ln = lines[k]
        s = ln.text.strip()
        if not s or ln.cell is not None:
            k += 1
            continue
        if len(s) > CELL_MAX or ends_body(s) or _BODY_HEADING.match(s):
            break                                     # past the table: the body goes on, or ends
        if _is_next(s, last):
            close()
            r += 1
            last = _ROW_NUMBER.fullmatch(s).group("n")
            row.append(ln)
        elif row and len(s) <= HEAD_MAX and (s.split()[0].lower() in head_texts and _role(s)
                                            or s[:1].islower() and "repeated_head" in lines[k - 1].style):
            ln.style = ln.style | {"repeated_head"}   # the headings again, at the top of a page
        elif row and not _ROW_NUMBER.fullmatch(s):
            row.append(ln)
        elif not row:
            break                                     # no first row: not a table after all
        k += 1                                        # (a bare number out of sequence: a page number)
    close()
    return k
