"""Task tables whose PDF text came by column blocks, rebuilt into rows (issue 13, construction 8).

`pdftotext` prints a page of a table by the blocks of text it finds (lines between blank lines), not
always row by row: a column whose first cell sits lower than the row's first line comes after the
cells beside it, and its heading with it.  A page of such a table reads, one block at a time:

    TT / Nội dung / 1 / <row 1's content> / THỜI HẠN / <row 1's time> / 2 / 3 /
    <row 2's content> / <row 2's time> / <row 3's content> / <row 3's time> /
    CƠ QUAN THỰC HIỆN / Phụ trách / Phối hợp / <their cells, in an order of their own> / <page number>

The reader opens such a table where the headings before the first row are only the number's and the
content's (`flat_heads.read_heads` finds no table there) and reads, page by page, these constructions:

- a heading printed after the first row's content, before that column's first cell: the blocks after
  it are that column's cells, one for each row of the page so far, in order (a time's reads as a
  time, a lead's or a coordinating body's as organs);
- a run of consecutive row numbers, each row's cells then following in order: its content, then its
  time (a block that reads as a time; an empty time cell prints nothing);
- a row number printed after its content, atop a page (the content's block, then the number);
- the blocks of a run's last row after its content that read as no time: cells of its other columns,
  whose order is not printed: kept in the row, after its columns read (no column's cells);
- the headings printed again atop a page, in any order: set aside;
- a spanning heading with its sub-headings after the page's rows (`PHÂN CÔNG` / `Phụ trách` /
  `Phối hợp`): its cells do not say their rows (their blocks come in an order of their own), so they
  are not read: their lines stay out of the table as they came, the headings are set aside.
A page that shows anything else (a block before the page's first row that is not that row's content,
a second time for a row, a block after a column's cells) is not read: the table ends before it.
The lines of each row are then put together (`BlockTable.order`), so the reader after sees it whole.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from typing import Any, Final

from .. import regexes
from .flat_heads import HEAD_MAX, ahead, heading_role, plain
from .flat_rows import reads_as_organ, reads_as_time
from .layout import RawLine

SUB_HEAD_MAX: Final = 30       # a sub-heading under a spanning heading: a few words on one line
SUB_HEAD_WORDS: Final = 4
UNREAD: Final = -1            # the column of a row's cells that come after its time in no column read
_NUMBER: Final = regexes.compile(r"\d{1,3}\.?")
_ABSENT: Final = object()      # (the old value, in `BlockTable.journal`, of a key that was not there)


@dataclass
class _Block:
    """Lines of a page between blank lines: their indices and their text joined."""
    at: list[int]
    text: str


@dataclass
class BlockTable:
    """What the reader found: the (row, column) of each line of a cell (row 0: the headings), the
    lines set aside (headings printed again, a spanning heading and its sub-headings), the pages read
    (the index of each one's first and past-last line) and the number of rows."""
    cells: dict[int, tuple[int, int]] = field(default_factory=dict)
    aside: list[int] = field(default_factory=list)
    pages: list[tuple[int, int]] = field(default_factory=list)
    rows: int = 0
    time_col: int | None = None
    ncols: int = 2
    known: set[str] = field(default_factory=set)
    filled: set[tuple[int, int]] = field(default_factory=set)     # (row, column) of the cells read
    roles: dict[int, str] = field(default_factory=dict)            # the role of each column after the content
    # what the page being read changed in `cells`, `roles`, `known` and `filled`: (container, key, old
    # value), for `undo` (a copy of the whole table before each page would cost the pages before it again)
    journal: list[tuple[Any, Any, Any]] = field(default_factory=list, repr=False, compare=False)

    def mark(self) -> tuple[int, int, int | None, int]:
        """Start a page: what `undo` brings the table back to."""
        self.journal.clear()
        return self.rows, self.ncols, self.time_col, len(self.aside)

    def undo(self, mark: tuple[int, int, int | None, int]) -> None:
        """Take back what was changed since `mark` (a page not read)."""
        for container, key, old in self.journal[::-1]:
            if isinstance(container, set):
                container.discard(key)
            elif old is _ABSENT:
                del container[key]
            else:
                container[key] = old
        self.journal.clear()
        self.rows, self.ncols, self.time_col, n = mark
        del self.aside[n:]

    def put(self, d: dict, key, value) -> None:
        """`d[key] = value`, journaled."""
        self.journal.append((d, key, d.get(key, _ABSENT)))
        d[key] = value

    def add(self, s: set, key) -> None:
        """`s.add(key)`, journaled."""
        if key not in s:
            self.journal.append((s, key, None))
            s.add(key)

    def order(self, lines: list[RawLine], a: int, b: int) -> list[RawLine]:
        """The lines `a`..`b` (one page) with the lines of each row put together where its first line
        was, its cells in column order; the other lines (blank, set aside, not read) stay in place."""
        groups: dict[int, list[int]] = {}
        for k in range(a, b):
            if k in self.cells:
                groups.setdefault(self.cells[k][0], []).append(k)
        out: list[RawLine] = []
        done: set[int] = set()
        for k in range(a, b):
            if k not in self.cells:
                out.append(lines[k])
                continue
            r = self.cells[k][0]
            if r not in done:
                done.add(r)
                out.extend(lines[x] for x in sorted(groups[r], key=lambda x: (self.cells[x][1], x)))
        return out


def _key(text: str) -> str:
    """A heading as compared with its repeat: its letters and digits, case folded."""
    return re.sub(r"[\W_]+", "", text).casefold()


def _blocks(lines: list[RawLine], i: int, past: Callable[[int, str], bool],
            page_ends: Collection[int]) -> list[list[_Block]]:
    """The blocks from line `i` to the first line past the table, page by page (a page ends with the
    block of its last line).  A bare number between blank lines is a block of its own (a row's
    number, or a page's); one run into the lines about it is a page's printed where its page opens
    (PDF text, a blank line around a row's number always), in no block."""
    pages: list[list[_Block]] = [[]]
    at: list[int] = []

    def flush() -> None:
        if at:
            pages[-1].append(_Block(list(at), " ".join(plain(lines[x].text) for x in at)))
            at.clear()

    for k in range(i, len(lines)):
        s = plain(lines[k].text)
        if not s:
            flush()
            continue
        if past(k, s):
            break
        number = _NUMBER.fullmatch(s) is not None
        if number and id(lines[k]) not in page_ends and (
                lines[k - 1].text.strip() or k + 1 < len(lines) and lines[k + 1].text.strip()):
            continue            # a page's number printed in the flow, in no block (a row's has blank lines)
        if number:
            flush()
        at.append(k)
        if number or id(lines[k]) in page_ends:
            flush()
            if id(lines[k]) in page_ends:
                pages.append([])
    flush()
    return [p for p in pages if p]


def _is_heading(b: _Block) -> bool:
    """A block that reads as a column's heading (a time cell that opens with `Hoàn thành` does not)."""
    t = b.text
    return (len(t) <= HEAD_MAX and len(t.split()) <= 6 and t[-1] not in ".,;:" and not t[:1].isdigit()
            and heading_role(t) not in (None, "content") and (t.isupper() or not reads_as_time(t)))


def _is_sub_heading(b: _Block) -> bool:
    """A block that reads as a sub-heading under a spanning heading (`Phụ trách`, `Phối hợp`): a few words
    on one line, in lower case but the first letter, that read as no time and no organ (a cell's)."""
    t = b.text
    return (len(b.at) == 1 and len(t) <= SUB_HEAD_MAX and len(t.split()) <= SUB_HEAD_WORDS and t[:1].isupper()
            and not t.isupper() and t[-1] not in ".,;:" and not reads_as_time(t) and not reads_as_organ(t)
            and not _NUMBER.fullmatch(t))


def read_block_table(lines: list[RawLine], i: int, past: Callable[[int, str], bool],
                     page_ends: Collection[int] = ()) -> BlockTable | None:
    """The table printed by column blocks whose number's heading is line `i` (`TT`, then the content's
    heading, then row `1`), or None when the lines from `i` open no such table.  `past(k, s)`: line
    `k` (text `s`) is past the table; `page_ends`: the ids of the pages' last lines."""
    opening = ahead(lines, i, 3)
    if len(opening) < 3 or opening[2].rstrip(".") != "1" or heading_role(opening[1]) != "content":
        return None                     # (one cheap test before the blocks are read)
    pages = _blocks(lines, i, past, page_ends)
    first = pages[0] if pages else []
    if (len(first) < 4 or heading_role(first[0].text) != "number" or heading_role(first[1].text) != "content"
            or first[2].text.rstrip(".") != "1"):
        return None
    table = BlockTable()
    table.cells.update({k: (0, c) for c, b in enumerate(first[:2]) for k in b.at})
    table.known.update(_key(b.text) for b in first[:2])
    for n, blocks in enumerate(pages):
        mark = table.mark()
        if not _Page(table, blocks[2:] if n == 0 else blocks, page_ends, lines).read():
            table.undo(mark)
            break
        table.pages.append((blocks[0].at[0], blocks[-1].at[-1] + 1))
    if table.rows < 2 or table.time_col is None:
        return None
    for k, (r, c) in table.cells.items():
        if c == UNREAD:                             # (after the columns read)
            table.cells[k] = (r, table.ncols)
    return table


class _Page:
    """One page's blocks read into the table's cells."""

    def __init__(self, table: BlockTable, blocks: list[_Block], page_ends: Collection[int],
                 lines: list[RawLine]) -> None:
        self.t = table
        self.blocks = blocks
        self.page_ends = page_ends
        self.lines = lines
        self.rows: list[int] = []        # the rows opened on this page
        self.mode: str | None = None     # "rows" (a run's cells), "column" (a late heading's), "unread"
        self.queue: list[int] = []       # the rows whose cells come next, and the one at hand
        self.pos = 0
        self.col = 0

    def read(self) -> bool:
        """Read the page's blocks; False when one fits none of the constructions (page not read)."""
        blocks = self.blocks
        k = 0
        while k < len(blocks):
            b = blocks[k]
            if _key(b.text) in self.t.known:
                # the headings again, atop the page (or a page whose break the text lost): its rows start
                self.t.aside.extend(b.at)
                self.rows, self.mode = [], None
                k += 1
                continue
            foot = id(self.lines[b.at[-1]]) in self.page_ends
            run = 0 if foot else self._numbers(k)
            if _NUMBER.fullmatch(b.text) and (foot or not run):
                k += 1                               # a page's number at its foot, or one out of sequence
                continue
            if run:
                self._open(blocks[k:k + run])
                k += run
            elif _is_heading(b):
                k = self._heading(k)
            elif not self._cell(b, k):
                return False
            else:
                k += 1 + (self.mode == "before")
                if self.mode == "before":
                    self.mode = "rows"
        return True

    def _numbers(self, k: int) -> int:
        """How many blocks from `k` are consecutive row numbers going on from the table's last."""
        n = 0
        while (k + n < len(self.blocks) and len(self.blocks[k + n].at) == 1
               and _NUMBER.fullmatch(self.blocks[k + n].text)
               and id(self.lines[self.blocks[k + n].at[0]]) not in self.page_ends
               and int(self.blocks[k + n].text.rstrip(".")) == self.t.rows + 1 + n):
            n += 1
        return n

    def _open(self, numbers: list[_Block]) -> None:
        """Open the rows of a run of numbers: their cells follow, row by row."""
        self.queue = []
        for b in numbers:
            self.t.rows += 1
            self.t.put(self.t.cells, b.at[0], (self.t.rows, 0))
            self.queue.append(self.t.rows)
        self.rows.extend(self.queue)
        self.mode, self.pos = "rows", 0

    def _heading(self, k: int) -> int:
        """A heading after rows: a column's, whose cells follow for the page's rows, or a spanning one
        over sub-headings, whose cells are not read.  Returns the index of the block after them."""
        blocks = self.blocks
        subs = 0
        while k + 1 + subs < len(blocks) and _is_sub_heading(blocks[k + 1 + subs]):
            subs += 1
        if subs >= 2:
            for b in blocks[k:k + 1 + subs]:
                self.t.aside.extend(b.at)
                self.t.add(self.t.known, _key(b.text))
            self.mode = "unread"
            return k + 1 + subs
        col = self.t.ncols
        self.t.ncols += 1
        role = heading_role(blocks[k].text) or "other"
        self.t.put(self.t.roles, col, role)
        if role == "time" and self.t.time_col is None:
            self.t.time_col = col
        for x in blocks[k].at:
            self.t.put(self.t.cells, x, (0, col))
        self.t.add(self.t.known, _key(blocks[k].text))
        self.mode, self.col, self.pos = "column", col, 0
        self.queue = [r for r in self.rows if not self._has(r, col)]
        return k + 1

    def _has(self, r: int, col: int) -> bool:
        return (r, col) in self.t.filled

    def _put(self, b: _Block, r: int, col: int) -> None:
        for x in b.at:
            self.t.put(self.t.cells, x, (r, col))
        self.t.add(self.t.filled, (r, col))

    def _cell(self, b: _Block, k: int) -> bool:
        """Give block `b` (the `k`th) its row and column; False when it fits none."""
        if self.mode == "unread":
            return True
        if self.mode == "column":
            role = self.t.roles[self.col]
            if self.pos >= len(self.queue) or not (reads_as_time(b.text) if role == "time" else
                                                   reads_as_organ(b.text) if role in ("lead", "coordinate") else True):
                return False
            self._put(b, self.queue[self.pos], self.col)
            self.pos += 1
            return True
        if self.mode == "rows":
            return self._row_cell(b)
        # before the page's first row: that row's content, its number printed after it
        if self.rows or not self._numbers(k + 1):
            return False
        self._open([self.blocks[k + 1]])
        self._put(b, self.queue[0], 1)
        self.mode = "before"
        return True

    def _row_cell(self, b: _Block) -> bool:
        """A block of a run of rows: the content of the row at hand, its time, or the next row's
        content; the last row's blocks that read as neither are not read."""
        time = self.t.time_col
        while True:
            r = self.queue[self.pos]
            if not self._has(r, 1):
                self._put(b, r, 1)
                return True
            if time is not None and reads_as_time(b.text):
                if self._has(r, time):
                    return False                    # a second time for the row
                self._put(b, r, time)
                return True
            if self.pos + 1 < len(self.queue):
                self.pos += 1
                continue
            self._put(b, r, UNREAD)                 # a cell of a column not read, kept in its row
            return True
