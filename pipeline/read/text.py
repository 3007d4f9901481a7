"""Text and markdown sources read line by line into pages of `RawLine`s, with their tables.

Markdown and scraped pages carry tables in two shapes, both read into table cells here:
- pipe tables `| a | b |` (one row a line, `|---|` separator rows dropped);
- "vertical" tables where each `|` sits alone on a line: `|` opens a cell, the next `|` closes it
  and opens the next, two `|` lines in a row end a row, and `|` followed by a blank line ends the table.
Task tables that PDF text flattened to one cell per line are rebuilt (`flat_tables`).
"""
from __future__ import annotations

import unicodedata
from bisect import bisect_left
from typing import Final

from .. import regexes
from ..lang import RECIPIENTS_HEADING
from .boilerplate import classify_stripped, page_number_in_cell
from .chars import ODD_CHAR_RE, view
from .emit import line_starts, lines_matching
from .flat_heads import table_opening_lines
from .flat_tables import rebuild_flat_tables
from .layout import RawDoc, RawLine, RawPage
from .paragraphs import TYPE_ALONE

_TYPE_TITLE: Final = regexes.compile(rf"^{TYPE_ALONE}\s*$")

# the heading of the recipients list (the one pattern of `lang`), with its colon or alone on its line
_RECIPIENTS: Final = regexes.compile(rf"{RECIPIENTS_HEADING}\s*(?::|$)")
# a line that may be a page's furniture (`is_furniture` tells): a number, `- 5 -`, `Trang 5/9`, `CÔNG BÁO/...`; from the
# line break before it (a literal first: the engine skips from one to the next, where `^` is tried at every character)
_FURNITURE_LINE: Final = regexes.compile(r"\n[ \t*_]*(?:\d{1,4}[ \t*_]*(?=\n|$)|[-–][ \t]*\d|[Tt][Rr][Aa][Nn][Gg]\b"
                                         r"|(?:\d{1,4}\s+)?[Cc]\S{1,4}[Nn][Gg]\s*[Bb])")
# an empty paragraph in emphasis (`** **`, `* *`), which scraped pages print between blocks
_EMPTY_EMPHASIS: Final = regexes.compile(r"([*_]{1,2})\s+\1")
_PIPE_ROW: Final = regexes.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEP: Final = regexes.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(text: str, path: str = "<text>", fmt: str = "txt") -> RawDoc:
    """Lines of a text or markdown document, with tables read into cells; one page (form feeds
    `\\f`, as `pdftotext` writes them, start new pages)."""
    reader = _TextLines(text.split("\n"))
    if "|" not in text:          # no table: every line is a line of text (the common case, read fast)
        reader.plain_lines("\f" in text)
    else:
        reader.furniture = _furniture_lines(text)
        offset = 0
        for i, line in enumerate(reader.lines):
            start = offset
            offset += len(line) + 1
            if "\f" in line:
                before, _, line = line.rpartition("\f")
                reader.pages.append(RawPage(len(reader.pages) + 1))
                start += len(before) + 1
            reader.add(i, line, start)
    if reader.table >= 0:           # (a text without tables has no cells)
        for page in reader.pages:
            _uncell_long_vertical_cells(page)
    # task tables flattened to one cell per line (PDF text), over page breaks
    page_ends = {id(next(ln for ln in reversed(page.lines) if ln.text.strip()))
                 for page in reader.pages[:-1] if any(ln.text.strip() for ln in page.lines)}
    nfc = in_nfc(reader.lines)     # (and so is every line, a piece of it)
    # the indices of the lines that may open a table, where one scan tells (in NFC; None: any line may)
    opening = _opening_lines(reader.pages, text, reader.starts) if nfc else None
    if opening is not None and not opening:
        added = []          # no line opens a table (most texts: one scan tells, where one in NFC is read)
    else:
        lines = [ln for page in reader.pages for ln in page.lines]
        odd: set[int] | None = None
        if reader.starts is not None:       # (the lines are the text's, one for one: its odd ones in one scan)
            odd = set()
            lines_matching(ODD_CHAR_RE, text, reader.starts, odd)
        added = _rebuild_flat_tables(lines, reader.table + 1, nfc, bool(odd) if odd is not None
                                     else bool(ODD_CHAR_RE.search(text)), page_ends, odd, opening)
    if added:
        after: dict[int, list[RawLine]] = {}
        for ln, new in added:
            after.setdefault(id(ln), []).append(new)
        moved = {id(new) for _, new in added}      # (a line of a table's row put with the row's others)
        for page in reader.pages:
            page.lines = [x for ln in page.lines if id(ln) not in moved for x in _with_added(ln, after)]
    return RawDoc(path=path, format=fmt, pages=reader.pages, nfc=nfc)


def in_nfc(lines: list[str]) -> bool:
    """Whether `lines` joined by newlines are in NFC: whether each line is (a newline composes with
    nothing and no mark is reordered across it).  Line by line, a mark the quick check cannot clear
    (one left in a text in NFC, after a letter it does not compose with) costs a normalization of its
    line, where one check of the whole text normalizes all of it to compare."""
    for line in lines:
        if not unicodedata.is_normalized("NFC", line):
            return False
    return True


def _opening_lines(pages: list[RawPage], text: str, starts: list[int] | None) -> list[int] | None:
    """The indices, in order, of the lines of `pages` (of `text`, in NFC) that may open a flattened table
    or hold a glued heading (`flat_heads.table_opening_lines`), or None where not worked out.  `starts`:
    where each line starts in `text`, where they are its lines one for one; else a line found is the one
    read from where it starts (the text before a form feed on its line, or a pipe row, is no line)."""
    found = table_opening_lines(text)
    if found is None or not found:
        return found
    if starts is not None:
        return [bisect_left(starts, at) for at in found]
    index = {ln.raw_offset: k for k, ln in enumerate(ln for page in pages for ln in page.lines)}
    return sorted(index[at] for at in found if at in index)


def _with_added(ln: RawLine, after: dict[int, list[RawLine]]) -> list[RawLine]:
    """`ln` and the lines cut from it (each cut from the one before), in reading order."""
    out = [ln]
    while id(out[-1]) in after:
        out.extend(after.pop(id(out[-1])))
    return out


def _rebuild_flat_tables(lines: list[RawLine], next_table: int, nfc: bool, odd_chars: bool, page_ends: set[int],
                         odd: set[int] | None = None, opening: list[int] | None = None) -> list[tuple]:
    """`rebuild_flat_tables` on the lines as the layout tests read them (`chars.view`): a copy in NFD
    or with non-breaking spaces in its column headings is rebuilt as the plain one is.  The lines
    whose view differs lend it their text for the while (`nfc`, `odd_chars`: what the text is known
    to be in, and to hold; `odd`: the indices of the lines that hold an odd character, where known;
    `opening`: the indices of the lines that may open a table, where known)."""
    if nfc and not odd_chars:
        return rebuild_flat_tables(lines, next_table, page_ends=page_ends, opening=opening)
    lent = []
    if nfc:         # only the lines that hold an odd character read otherwise: found in one scan
        if odd is None:
            texts = [ln.text for ln in lines]
            odd = set()
            lines_matching(ODD_CHAR_RE, "\n".join(texts), line_starts(texts), odd)
        lines_to_view = [lines[k] for k in sorted(odd)]
    else:           # (a text not in NFC mostly is: the lines that are not, or hold an odd character)
        lines_to_view = [ln for ln in lines if not unicodedata.is_normalized("NFC", ln.text)
                         or ODD_CHAR_RE.search(ln.text)]
    for ln in lines_to_view:
        v = view(ln.text)
        if v != ln.text:
            lent.append((ln, ln.text))
            ln.text = v
    try:
        return rebuild_flat_tables(lines, next_table, fixed={id(ln) for ln, _ in lent}, page_ends=page_ends,
                                   opening=opening)
    finally:
        for ln, text in lent:
            ln.text = text


class _TextLines:
    """The pages of a text being read line by line, and the table (pipe or vertical) open in it."""

    def __init__(self, lines: list[str]) -> None:
        self.lines = lines
        self.pages: list[RawPage] = [RawPage(1)]
        self.table = -1
        self.vt_state: tuple[int, int, int] | None = None   # (table, row, col) of the open vertical cell
        self.ncols = 0                                      # cells per row of the open vertical table
        self.prev_pipe = False
        self.furniture: set[int] = set()     # the lines that may be a page's furniture (`is_furniture` tells)
        self.signature_row = False      # the open vertical table opened with `Nơi nhận` (recipients | signature)
        self.starts: list[int] | None = None    # where each line starts, when the lines are the text's

    def plain_lines(self, form_feeds: bool = True) -> None:
        """Every line a line of text, a form feed opening a new page (the text before the last one
        on its line is dropped, as `read_text` does; `form_feeds`: the text may hold some)."""
        lines = self.lines
        starts = line_starts(lines)
        if not form_feeds:
            # (the offset passed by position: a keyword costs a dataclass's `__init__` half as much again)
            self.pages[0].lines = list(map(RawLine, lines, starts))
            self.starts = starts
            return
        out = self.pages[0].lines
        for line, start in zip(lines, starts, strict=True):
            if "\f" in line:
                before, _, line = line.rpartition("\f")
                self.pages.append(RawPage(len(self.pages) + 1))
                out = self.pages[-1].lines
                start += len(before) + 1
            out.append(RawLine(line, start))

    def add(self, i: int, line: str, start: int) -> None:
        """Line `i` (`line`, at raw offset `start`): a vertical table's pipe, a cell, a pipe row or text."""
        page = self.pages[-1]
        if self.vt_state is None and "|" not in line:      # (outside a table, a line of text: most lines)
            self.prev_pipe = False
            page.lines.append(RawLine(line, start))
            return
        stripped = line.strip()
        if stripped == "|":
            nxt = self.past_furniture(i + 1)        # (most lines: no furniture, one look-up)
            after = self.past_furniture(nxt + 1)
            self.vertical_pipe(self.lines[nxt].strip() if nxt < len(self.lines) else "",
                               self.lines[after].strip() if after < len(self.lines) else "")
            self.prev_pipe = True
            return
        if self.vt_state is not None and i in self.furniture and self.is_furniture(i):
            # a page break inside the table (its page number, the gazette's running header): set aside later, no
            # cell's text, so the pipes around it keep their meaning (`|` / `4` / `CÔNG BÁO/...` / `|`: a new row)
            page.lines.append(RawLine(line, raw_offset=start, cell=self.vt_state))
            return
        if self.vt_state is not None and stripped:
            if not self.prev_pipe and stripped[0] in "*_" and _EMPTY_EMPHASIS.fullmatch(stripped):
                # `** **` after a cell's text: the empty paragraph a scraped page prints below a table whose last row
                # lost its closing pipe (`|` / `|` / `**Tổng số: 18**` / `** **` / `**PHỤ LỤC 2**`): the table ended
                self.vt_state = None
                page.lines.append(RawLine(line, start))
                return
            if not (stripped[0] == "|" and line.count("|") >= 2 and _PIPE_ROW.match(line)):
                page.lines.append(RawLine(line, raw_offset=start, cell=self.vt_state))
                self.prev_pipe = False
                return
            # a markdown table's row (`| a | b |`) is no line of a cell: the vertical table has ended before it (a
            # header set as a pipe table under a scraped page's vertical table of metadata)
            self.vt_state = None
        self.prev_pipe = False
        if _PIPE_ROW.match(line) and line.count("|") >= 2:
            if not _PIPE_SEP.match(line):
                self.pipe_row(page, line, start)
            return
        page.lines.append(RawLine(line, start))

    def is_furniture(self, i: int) -> bool:
        """Whether line `i` is a page's furniture that a page break leaves inside a table: the gazette's running
        header, a page number that is no bare number (`- 5 -`, `Trang 5/9`), or a bare one (`page_number_in_cell`)."""
        if i not in self.furniture:
            return False
        line = self.lines[i].strip().strip("*_").strip()
        if line.isdigit():      # (a row's number, mostly: a page's before the running header or its cell's text)
            after = self.lines[i + 1].strip() if i + 1 < len(self.lines) else ""
            return page_number_in_cell(after, self._kind(i + 1) if i + 1 in self.furniture else None)
        return self._kind(i) in ("running_header", "page_number")

    def _kind(self, i: int) -> str | None:
        """The boilerplate kind of line `i` (`classify_stripped`)."""
        return classify_stripped(view(self.lines[i].strip().strip("*_").strip()))

    def past_furniture(self, i: int) -> int:
        """The first line from `i` that is no page furniture (`is_furniture`): what a pipe opens or closes."""
        while i in self.furniture and self.is_furniture(i):
            i += 1
        return i

    def vertical_pipe(self, nxt: str, after: str = "") -> None:
        """A `|` alone on its line, followed by lines `nxt` and `after`: it opens a table, a cell or a row, or
        ends the table."""
        vt = self.vt_state
        if vt is None:
            self.table += 1
            vt = (self.table, 0, -1)
            self.ncols = 0
            first = view(nxt).strip("*_ ") or view(after).strip("*_ ")     # (`** **` / `*Nơi nhận:*`)
            self.signature_row = _RECIPIENTS.match(first) is not None
        elif self.prev_pipe:
            self.ncols = max(self.ncols, vt[2])   # the closing pipe already moved past the last cell
            vt = (vt[0], vt[1] + 1, -1)            # two pipes in a row: a new row
        if nxt == "":
            # pipe then blank line: the table ends, after a cell or after a row's pipes alike (a last row of empty
            # cells, `|` / `|` / blank / `*(*) Ghi chú*` / `**Phụ lục 11**`: the note and the annex are no cells)
            vt = None
        elif _TYPE_TITLE.match(view(nxt).strip("*_ ")) or _wrapped_type_title(nxt, after):
            vt = None       # the type name (ô 5a) is centred below the header table, never in it
        elif nxt != "|" and self.ncols and vt[2] + 1 >= self.ncols and not self.prev_pipe:
            vt = None                                                  # the row is full: the table ended
        elif self.signature_row and vt[1] == 0 and vt[2] >= 1 and not self.prev_pipe:
            vt = None       # `Nơi nhận` | the signature: the row, and the table, end after its two cells
        elif not self.ncols and vt[2] >= 1 and not self.prev_pipe and nxt[:1] in "*_" and not view(nxt).strip("*_ ") \
                and after not in ("", "|"):
            # a one-row table's closing pipe, then the empty paragraph a scraped page prints below its tables (`** **`)
            # and text: the table ended (the signature's row, then `** **` / `**PHỤ LỤC**`: the annex is no cell)
            vt = None
        else:
            vt = (vt[0], vt[1], vt[2] + 1)
        self.vt_state = vt

    def pipe_row(self, page: RawPage, line: str, start: int) -> None:
        """A pipe table's row `| a | b |`: one line per non-empty cell, split on the pipes, offsets kept."""
        if not (page.lines and page.lines[-1].cell and page.lines[-1].cell[0] == self.table
                and _is_pipe_line(page.lines[-1])):
            self.table += 1
            row = 0
        else:
            row = page.lines[-1].cell[1] + 1
        col = 0
        pos = line.index("|") + 1
        while True:
            nxt = line.find("|", pos)
            if nxt < 0:
                break
            cell_text = line[pos:nxt]
            if cell_text.strip():
                lead = len(cell_text) - len(cell_text.lstrip())
                page.lines.append(RawLine(cell_text.strip(), raw_offset=start + pos + lead,
                                          cell=(self.table, row, col), style=frozenset({"pipe"})))
            col += 1
            pos = nxt + 1


def _furniture_lines(text: str) -> set[int]:
    """The numbers of the lines of `text` that may be a page's furniture (`_FURNITURE_LINE`)."""
    found: set[int] = set()
    text = "\n" + text
    pos, line = 0, -1
    for m in _FURNITURE_LINE.finditer(text):
        line += text.count("\n", pos, m.start() + 1)       # (the line the match's break opens)
        pos = m.start() + 1
        found.add(line)
    return found


def _wrapped_type_title(nxt: str, after: str) -> bool:
    """`**QUYẾT` / `ĐỊNH**`: the type name below the header table, wrapped over two lines by the scrape."""
    if not nxt.isupper():
        return False        # (most lines: no view made)
    first = view(nxt).strip("*_ ")
    return bool(first) and first.isupper() and _TYPE_TITLE.match(view(f"{nxt} {after}").strip("*_ ")) is not None


VERTICAL_CELL_MAX_LINES: Final = 15


def _uncell_long_vertical_cells(page: RawPage) -> None:
    """A vertical-table cell holds a short piece (a header column, a signature, a table entry).
    Scraped pages also leave the whole body between two `|` lines; a cell longer than
    `VERTICAL_CELL_MAX_LINES` lines is such text, read as paragraphs, not one cell."""
    counts: dict[tuple, int] = {}
    for ln in page.lines:
        if ln.cell is not None and "pipe" not in ln.style:
            counts[ln.cell] = counts.get(ln.cell, 0) + 1
    long = {k for k, n in counts.items() if n > VERTICAL_CELL_MAX_LINES}
    if long:
        for ln in page.lines:
            if ln.cell in long and "pipe" not in ln.style:
                ln.cell = None


def _is_pipe_line(line: RawLine) -> bool:
    return "pipe" in line.style
