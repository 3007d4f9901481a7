"""Task tables that PDF extraction flattened into one cell per line, rebuilt into rows (issue 13).

An official-gazette PDF prints an annex table of tasks; `pdftotext` and copy-paste give it back as
one short line per cell, row after row, over page breaks:

    TT / Nội dung / Cơ quan chủ trì / Cơ quan phối hợp / Thời gian / hoàn thành /
    1 / Xây dựng kế hoạch ... / Sở Tư pháp / Các sở, ngành / Quý IV/2024 / 2 / ...

The column headings (`flat_heads`: a number column first, or its heading not printed) open such a
table; each row starts at the line that holds the next row number (`1`, `2` ...; `A`, `I`, `II` for
groups of rows, whose numbers go on or start again at 1; `1.1` under `1` or `I`).  The lines of a
row are given back to its columns by what they read as (`flat_rows.align_row`): a cell that is empty
prints nothing, so a line's place in the row does not say its column.  Headings repeated at the top
of a page are marked `repeated_head` (normalization sets them aside), a blank line inside a row
`GAP`; a line that ran two cells together is cut in two (`_Splits`).  Otherwise only the cell and
the style `flat` (cells keyed by column) of each line are set; text and offsets stay as read.
A table whose pages `pdftotext` printed by column blocks (a heading after the first row's content, a
run of row numbers before their rows' cells) is read by `flat_blocks`, and each row's lines put
together (`_Splits.reorder`): text and offsets stay as read there too, the lines' order does not.
"""
from __future__ import annotations

import copy
import re
from collections.abc import Collection
from typing import Final

from .. import regexes
from ..tasks import column_patterns, ends_body, roman_value
from .flat_blocks import BlockTable, read_block_table
from .flat_heads import (
    BODY_HEADING,
    GLUED_NUMBER_HEAD,
    HEAD_MAX,
    ROW_NUMBER,
    TableOpenings,
    ahead,
    column_numbers,
    first_row_follows,
    heading_columns,
    heading_role,
    heading_roles,
    plain,
    read_heads,
    repeated_heads,
)
from .flat_rows import align_row, reads_as_organ, reads_as_time
from .layout import GAP, RawLine

CELL_MAX: Final = 100        # a line of a flattened table is a narrow cell's line, or a content cell's whole
WIDE_LINE: Final = 60        # a line this long, and half as long again as the table's cells, is the prose after it
_LETTERS: Final = "ABCDEFGH"
_GLUED_ROW: Final = regexes.compile(r"(?P<n>\d{1,3})\.?(?=\s+\S)")                     # `1 Xây dựng kế hoạch`


def _past_table(lines: list[RawLine], k: int, s: str, rows: int, widest: int, numbers: _Numbering) -> bool:
    """Line `k` (text `s`) is past the table: the body ends (`Nơi nhận`), prose goes on (two lines
    half as long again as the cells' longest, with no next row number in the lines after), or the
    body's next section opens (`3. TỔ CHỨC THỰC HIỆN`, not a group of rows glued to its heading)."""
    if ends_body(s):
        return True
    if len(s) > CELL_MAX or rows >= 2 and len(s) > max(WIDE_LINE, 1.5 * widest):
        # prose goes on in wide lines; a wide cell's line (a content cell printed whole on its line, as
        # a copy of a Word table gives it) is followed by the row's narrow ones
        after = next(iter(ahead(lines, k + 1, 1)), "")
        peek = copy.copy(numbers)
        if (not after or len(after) > WIDE_LINE) and not any(peek.take(x) for x in ahead(lines, k + 1, 20)):
            return True
    heading = BODY_HEADING.match(s)
    return heading is not None and heading.group("title").isupper() and not _group_heading(lines, k, numbers)


def _cut_glued_row(lines: list[RawLine], k: int, s: str, numbers: _Numbering, splits: _Splits) -> bool:
    """Cut line `k` (text `s`) after the number of the next row that PDF text ran into its content's
    first line (`1 Xây dựng kế hoạch`)."""
    m = _GLUED_ROW.match(s)
    return bool(m and s[m.end():].lstrip()[:1].isupper() and copy.copy(numbers).take(m.group("n"))
                and splits.cut(lines, k, m))


class _Numbering:
    """The row numbers of a table so far: groups `A`, `B` and `I`, `II`; rows `1`, `2` (going on over
    groups or starting again at 1 in each); sub-rows `1.1`, `1.2` under row `1`."""

    def __init__(self) -> None:
        self.letter = 0
        self.group = 0
        self.row = 0
        self.dotted = 0           # the first number of the last `a.b` (or the last row's)
        self.sub = 0
        self.last_was_group = False

    def take(self, t: str) -> str | None:
        """The row number `t` is, when it numbers the next row (the counters move on); else None."""
        m = ROW_NUMBER.fullmatch(t)
        if not m:
            return None
        n = m.group("n")
        if n in _LETTERS:                   # `A.`, `B.`: groups over the Roman ones
            if _LETTERS.index(n) != self.letter:
                return None
            self.letter, self.group, self.last_was_group = self.letter + 1, 0, True
            return n
        if n[0] in "IVX":
            if roman_value(n) != self.group + 1:
                return None
            self.group, self.last_was_group = self.group + 1, True
            return n
        if "." in n:
            # `1.1` under row 1 or group I, or opening the first of its kind; then `1.2`, `1.3` ...
            a, b = (int(x) for x in n.split("."))
            if not (b == self.sub + 1 and a == self.dotted or b == 1 and a in (self.row, self.row + 1, self.group,
                                                                                self.dotted + 1)):
                return None
            self.dotted, self.sub, self.last_was_group = a, b, False
            return n
        v = int(n)
        if v != self.row + 1 and not (v == 1 and self.last_was_group):
            return None
        self.row, self.dotted, self.sub, self.last_was_group = v, v, 0, False
        return n


def _group_heading(lines: list[RawLine], k: int, numbers: _Numbering) -> bool:
    """Line `k` (`II. HOÀN THIỆN CƠ CHẾ`) numbers the table's next group of rows, glued to its heading:
    the group number is the next one, and a row numbered next follows within a few lines (else it is
    the body's next section, `III. TỔ CHỨC THỰC HIỆN`, after the table)."""
    m = BODY_HEADING.match(plain(lines[k].text))
    peek = copy.copy(numbers)
    if m is None or m.group("n")[0] not in "IVX" or not peek.take(m.group("n")):
        return False
    return any(peek.take(t) for t in ahead(lines, k + 1, 7) if ROW_NUMBER.fullmatch(t))


class _Splits:
    """Lines cut in two where PDF text ran two cells into one line (`1 Xây dựng kế hoạch`: a row's
    number and its content's first line, printed on one baseline): the new lines, each with the line
    it follows, for the reader to put on its page.  A line in `fixed` (its text lent for the while)
    is not cut."""

    def __init__(self, fixed: Collection[int]) -> None:
        self.fixed = fixed
        self.added: list[tuple[RawLine, RawLine]] = []
        self.touched: list[RawLine] = []     # every line cut, cut from, or put in another order so far

    def cut(self, lines: list[RawLine], k: int, m: re.Match) -> bool:
        """Cut line `k` where the match `m` of its text ends (the spaces after it dropped)."""
        ln = lines[k]
        if id(ln) in self.fixed or ln.text != ln.text.lstrip() or "*" in ln.text:
            return False
        rest = len(ln.text[m.end():]) - len(ln.text[m.end():].lstrip())
        at = m.end() + rest
        drops = ln.drops
        new = RawLine(ln.text[at:], raw_offset=ln.raw_offset + at, style=ln.style,
                      drops=None if drops is None else tuple((a - at, b - at) for a, b in drops if a >= at))
        ln.text = ln.text[:m.end()]
        ln.drops = None if drops is None else tuple(d for d in drops if d[1] <= m.end())
        lines.insert(k + 1, new)
        self.added.append((ln, new))
        self.touched += (ln, new)
        return True

    def reorder(self, lines: list[RawLine], a: int, new: list[RawLine]) -> None:
        """Put `new` (the lines `a`.. in another order, on one page) in their place: each line that
        follows another than before, or a line moved, or a line cut from another, is added again after
        the line it now follows (line `a - 1` stays where it was)."""
        b = a + len(new)
        ids = {id(ln) for ln in lines[a:b]}
        cut = {id(x) for _, x in self.added}
        before = {id(ln): id(lines[k - 1]) for k, ln in enumerate(lines[a:b], a)}
        self.added = [(x, y) for x, y in self.added if id(y) not in ids]
        moved = False
        for k, ln in enumerate(new, a):
            prev = new[k - a - 1] if k > a else lines[a - 1]
            moved = moved or before[id(ln)] != id(prev) or id(ln) in cut
            if moved or id(ln) in cut:
                self.added.append((prev, ln))
        lines[a:b] = new
        self.touched += new


def rebuild_flat_tables(lines: list[RawLine], next_table: int, fixed: Collection[int] = (),
                        page_ends: Collection[int] = (), opening: list[int] | None = None) -> list[tuple]:
    """Give the lines of flattened task tables their cells, cutting in two the lines that ran two
    cells together; returns the lines added, each with the line it follows (`_Splits`).  A bare
    number that ends a page (`page_ends`: the ids of the pages' last lines) is its page number.
    `opening`: the indices of the lines that may open a table or hold a glued heading, in order, where
    known (`flat_heads.table_opening_lines`): no other line is tried, but those cut or moved here."""
    splits = _Splits(fixed)
    number_head, content_head = column_patterns()["number"], column_patterns()["content"]
    openings = None if opening is None else TableOpenings(lines, opening, splits.touched)
    i = 0
    while i < len(lines):
        if openings is not None:
            i = openings.next(i)        # (a line no heading opens is passed over: most lines)
            if i >= len(lines):
                break
        text = lines[i].text
        if lines[i].cell is not None or len(text) > HEAD_MAX and "*" not in text and len(text.strip()) > HEAD_MAX:
            i += 1          # (a cell, or a line too long for a heading: most lines, passed over at once)
            continue
        t0 = plain(text)
        glued = GLUED_NUMBER_HEAD.match(t0) if len(t0) <= HEAD_MAX else None
        if glued and heading_role(t0[glued.end():]) == "content":
            splits.cut(lines, i, glued)        # `TT Nội dung`: the number's heading and the content's
            t0 = plain(lines[i].text)
        # (the number's heading `TT`, or the content's where the number's is not printed, opens the
        # headings: one cheap test per line before the others)
        opens_table = 0 < len(t0) <= HEAD_MAX and (
            len(t0) <= 12 and number_head.search(t0) or content_head.match(t0))
        found = read_heads(lines, i) if opens_table else None
        if found is None:
            blocks = read_block_table(lines, i, _past_block_table, page_ends) if opens_table and i else None
            if blocks is not None:       # (a table printed by column blocks: headings after rows)
                i = _put_block_table(lines, blocks, next_table, splits)
                next_table += 1
                continue
            i += 1
            continue
        heads, at, k = found
        t = next_table
        next_table += 1
        roles = [r or "other" for r in heading_roles(heads)]
        cols = heading_columns(roles)
        for c, ks in enumerate(at):      # the heading lines are row 0, one cell per heading
            col = cols[c]
            for kk in ks:
                lines[kk].cell = (t, 0, col) if col is not None else None
                lines[kk].style = lines[kk].style | ({"flat"} if col is not None else {"repeated_head"})
        kept = sorted((col, c) for c, col in enumerate(cols) if col is not None)
        heads, roles = [heads[c] for _, c in kept], [roles[c] for _, c in kept]
        for kk in column_numbers(lines, k, len(heads)):
            lines[kk].style = lines[kk].style | {"repeated_head"}     # set aside with the headings
            k = kk + 1
        start = at[0][0] if at[0] else k
        i, found_rows = _rows(lines, k, t, heads, roles, splits, page_ends)
        if found_rows:                   # (headings with no row under them are no table to keep whole)
            _close_gaps(lines, start, i)
    return splits.added


def _past_block_table(k: int, s: str) -> bool:
    """Line `k` (text `s`) is past a table printed by column blocks: the body ends, prose goes on in
    wide lines, or the body's next section opens."""
    heading = BODY_HEADING.match(s)
    return ends_body(s) or len(s) > CELL_MAX or heading is not None and heading.group("title").isupper()


def _put_block_table(lines: list[RawLine], table: BlockTable, t: int, splits: _Splits) -> int:
    """Give the lines of table `t`, read by column blocks, their cells and put each row's lines
    together, page by page; returns the index of the line past the table."""
    for k, (r, c) in table.cells.items():
        lines[k].cell = (t, r, c)
        lines[k].style = lines[k].style | {"flat"}
    for k in table.aside:
        lines[k].style = lines[k].style | {"repeated_head"}
    for a, b in table.pages:
        splits.reorder(lines, a, table.order(lines, a, b))
    return table.pages[-1][1]


def _close_gaps(lines: list[RawLine], start: int, end: int) -> None:
    """The blank lines between two lines of one row (pdftotext leaves one between every two cells)
    are marked `GAP`, no paragraph break, so the reader keeps the row whole; a blank line between
    two rows stays a break."""
    prev: tuple[int, int, int] | None = None        # the cell of the last line in one
    gap: list[RawLine] = []
    for ln in lines[start:end]:
        if not ln.text.strip() and ln.cell is None:
            gap.append(ln)
            continue
        if ln.cell is not None:
            if prev is not None and prev[:2] == ln.cell[:2]:
                for g in gap:
                    g.style = g.style | {GAP}
            prev = ln.cell
        gap = []


def _count_cell(lines: list[RawLine], k: int, s: str, row: list[RawLine], roles: list[str]) -> bool:
    """Line `k` (text `s`), a bare number, is a cell of a column of counts or sums printed between the
    content and the bodies or the time (`TT | Nội dung | Số lớp | Chủ trì | Thời gian`), not the next
    row's number, though it may be that number: the row holds its number and its content only so far,
    and the line after it reads as an organ or a time, where a row's number is followed by its content.

    >>> from .layout import RawLine
    >>> ls = [RawLine(t, 0) for t in ["1", "Tập huấn nghiệp vụ", "2", "Sở Tư pháp", "Quý II/2025"]]
    >>> _count_cell(ls, 2, "2", ls[:2], ["number", "content", "other", "lead", "time"])
    True
    >>> _count_cell(ls, 2, "2", ls[:2], ["number", "content", "lead", "time"])
    False
    """
    if not s.isdigit() or len(row) < 2 or any(reads_as_organ(t) or reads_as_time(t)
                                              for t in (plain(ln.text) for ln in row[1:])):
        return False
    try:
        after = roles.index("content") + 1
    except ValueError:
        return False
    if after >= len(roles) or roles[after] != "other" or not any(r in ("lead", "coordinate", "time")
                                                                  for r in roles[after + 1:]):
        return False
    nxt = next(iter(ahead(lines, k + 1, 1)), "")
    if not nxt or not (reads_as_organ(nxt) or reads_as_time(nxt)) or ROW_NUMBER.fullmatch(nxt):
        return False
    # the next row's own number is a count only where that number comes again, alone, before the one
    # after it (`1 / Tổ chức hội nghị / 2 / Sở Tư pháp / ... / 2 / ...`); else it opens the next row,
    # whose content may read as an organ (`2 / Các sở, ngành rà soát quy định / ...`)
    first = plain(row[0].text)
    if not first.isdigit() or int(s) != int(first) + 1:
        return True
    for t in ahead(lines, k + 1, 60):
        if t == s:
            return True
        if t == str(int(s) + 1):
            return False
    return True         # (no number after it: the last row's count)


def _cut_row(row: list[RawLine], t: int, r: int, roles: list[str], last: bool = False) -> None:
    """Give the lines of row `r` of table `t` (its number's line first) their cells (`align_row`);
    lines after the `last` row's cells are left out of the table."""
    if not row:
        return
    number, cells = row[0], row[1:]
    number.cell = (t, r, 0)
    number.style = number.style | {"flat"}
    # a group's number glued to its heading (`II. HOÀN THIỆN CƠ CHẾ`) is a cell over the number
    # and content columns: its wrapped lines are that cell's too
    group_cell = not ROW_NUMBER.fullmatch(plain(number.text))
    cols = [-1] * len(cells) if group_cell else align_row([ln.text for ln in cells], roles[1:], last)
    for ln, c in zip(cells, cols, strict=True):
        if c < 0 and not group_cell:
            continue                            # past the table's last cell
        ln.cell = (t, r, c + 1)
        ln.style = ln.style | {"flat"}         # keyed by column: an empty cell keeps its place


def _rows(lines: list[RawLine], k: int, t: int, heads: list[str], roles: list[str],
          splits: _Splits, page_ends: Collection[int]) -> tuple[int, int]:
    """Assign the rows after the headings; returns the index of the first line past the table and
    the number of rows."""
    head_texts = {h.split()[0].lower() for h in heads if h}
    numbers = _Numbering()
    widest = 0                                        # the longest line of a cell so far
    row: list[RawLine] = []
    r = 0

    while k < len(lines):
        ln = lines[k]
        s = plain(ln.text)
        if not s or ln.cell is not None or id(ln) in page_ends and s.isdigit():
            k += 1                                    # (a page's number at its foot is no row's)
            continue
        if _past_table(lines, k, s, r, widest, numbers):
            break
        heading = BODY_HEADING.match(s)
        glued = heading is not None and _group_heading(lines, k, numbers)
        if _cut_glued_row(lines, k, s, numbers, splits):
            s = plain(ln.text)                       # `1 Xây dựng kế hoạch`: the row's number, then its content
        if _count_cell(lines, k, s, row, roles):
            row.append(ln)                           # a count of the row (`Số lớp` | `2`), no row's number
        elif numbers.take(s) or glued and heading is not None and numbers.take(heading.group("n")):
            _cut_row(row, t, r, roles)
            row.clear()
            r += 1
            row.append(ln)
        elif row and len(s) <= HEAD_MAX and s.split()[0].lower() in head_texts and (
                repeat := repeated_heads(lines, k, heads)) is not None:
            end, again = repeat
            first = next(iter(ahead(lines, end, 1)), "")
            if numbers.row > 1 and first_row_follows(lines, end) and not copy.copy(numbers).take(first):
                break                                 # a table of its own under the same headings
            for kk in again:
                lines[kk].style = lines[kk].style | {"repeated_head"}   # the headings again, atop a page
            k = end
            continue
        elif row and not ROW_NUMBER.fullmatch(s):
            row.append(ln)
            widest = max(widest, len(s))
        elif not row:
            break                                     # no first row: not a table after all
        k += 1                                        # (a bare number out of sequence: a page number)
    _cut_row(row, t, r, roles, last=True)
    return k, r
