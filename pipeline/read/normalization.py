"""Normalization: a `RawDoc` of pages and lines becomes a `Document` with one normalized `text`.

What changes, and why:
- Unicode NFC, one tone-mark placement (`hoà`→`hòa`, `thuỷ`→`thủy`: the placement of current
  official texts and of the gold), look-alike characters (`Ð` U+00D0 → `Đ`), odd spaces collapsed
  (`chars`);
- markdown emphasis and escapes are dropped (`**I. MỤC ĐÍCH**` → `I. MỤC ĐÍCH`), their style kept
  (`emit`);
- lines broken by PDF extraction, OCR or scraping are joined back into paragraphs, also across
  page breaks; a paragraph is one line of `text`, a table row is one line whose cells are `" | "`
  separated (`paragraphs`);
- page numbers, running headers and site boilerplate are set aside (kept in `Document.set_aside`;
  `boilerplate`).

Every character of `text` maps back to its raw source offset through `SourceMap` runs, and to its
page through `Source.page_info`; word boxes of PDF and OCR input become `Box`es over `text`.
"""
from __future__ import annotations

import unicodedata

from .. import regexes
from ..model import Block, Box, Document, Source, SourceMap
from .boilerplate import (  # noqa: F401
    DEBRIS_MARK,
    SITE_TAIL_MIN_TEXT,
    classify_line,
    classify_stripped,
    front_matter_lines,
    furniture_lines,
    is_ocr_debris,
    line_classifier,
    page_number_in_cell,
    reads_as_prose,
    running_headers,
)
from .case import count_case  # noqa: F401  (a public name of this module)
from .chars import ODD_CHAR_RE, composed, normalize_chars, view  # noqa: F401  (the public names of this module)
from .emit import (
    TextBuilder,
    busy_lines,
    drop_markup,
    emit_line,
    emit_parsed_line,
    kept_text,
    line_starts,
    record_boxes,
)
from .flat_rows import reads_as_organ, reads_as_time
from .layout import BOLD_RUN, CONTINUED, GAP, RawDoc, RawLine, RawPage, page_spans
from .lost_bullets import lost_bullet_lines
from .paragraphs import (  # noqa: F401
    HEADING_WORD,
    MANGLED_MARKER_RE,
    MARKER_RE,
    TYPE_ALONE,
    LineView,
    inline_run_goes_on,
    is_bold_line,
    letter_marker_alone,
    md_style,
    para_style,
    paragraph_break,
    starts_paragraph,
    takes_a_number,
)

_ALNUM = regexes.compile(r"[^\W_]")
_WEEKDAY = regexes.compile(r"Thứ\s+(?:hai|ba|tư|năm|sáu|bảy|Hai|Ba|Tư|Năm|Sáu|Bảy)\s*,\s*(?:ngày\s+)?\d")  # (no marker)
_INDENTED = regexes.compile(r"\n[^\S\n]+\S")      # a line that opens with a space and holds more


def _column(cell: list[tuple[RawLine, int]]) -> int:
    """The column number of a cell of a `| a | b |` row or of a table rebuilt from one cell per line (the `(table, row,
    column)` key; the other readers' keys number the cells they saw, so their cells count as adjacent)."""
    ln = cell[0][0]
    keyed = "pipe" in ln.style or "flat" in ln.style
    return ln.cell[2] if keyed and ln.cell is not None and len(ln.cell) > 2 else -1


class _Normalizer:
    """The state of one document's normalization: the text built so far, its blocks, the open
    paragraph or table row, and where each raw line landed."""

    def __init__(self, raw: RawDoc) -> None:
        self.raw = raw
        lines = [ln for page in raw.pages for ln in page.lines]
        texts = [ln.text for ln in lines]
        source = "\n".join(texts)
        # (line by line where the reader did not check: lines joined by newlines, which compose with nothing, are in NFC
        # when each line is)
        denormal = [] if raw.nfc else [k for k, t in enumerate(texts) if not unicodedata.is_normalized("NFC", t)]
        self.nfc = not denormal
        starts = line_starts(texts)
        busy, special, debris, odd_chars = busy_lines(texts, source, starts, DEBRIS_MARK)
        self.b = TextBuilder(self.nfc, odd_chars)
        # in a text in NFC most lines are read by the layout tests as they are (no character `view` replaces) and
        # emitted as they are (no markup or tone mark either: `busy_lines`); the ids of the few that are not: those read
        # through `view`, and the busy ones.  A text not in NFC mostly is, but for a few lines (a name pasted in NFD):
        # those lines are read through `view` too.
        if denormal:
            special = special.union(denormal)
        self.viewed = {id(lines[k]) for k in special}
        self.busy = self.viewed.union(id(lines[k]) for k in busy)
        self.blocks: list[Block] = []
        self.set_aside: list[tuple[str, int, str]] = []
        self.boxes: list[Box] = []
        self.classify = line_classifier()       # (`classify_stripped`)
        self.running = running_headers(raw, self.view)
        self.debris = {id(lines[k]) for k in debris}   # the lines `is_ocr_debris` can hold true of
        # the lines `set_aside_kind` may set aside (but for their style or a site's tail): `furniture_lines`,
        # those read through `view`, debris, running headers
        self.aside = self.viewed.union(self.debris, (id(lines[k]) for k in furniture_lines(source, starts)), (
            id(ln) for ln in (lines if self.running else ()) if ln.text.strip() in self.running))
        # (a lost bullet leaves a line that opens with a space: two such lines at least, or none)
        indented = _INDENTED.finditer("\n" + source)
        self.lost_bullets = lost_bullet_lines(raw, self.view) if next(indented, None) and next(indented, None) \
            else set()
        self.para: list[tuple[RawLine, int]] = []       # lines of the open paragraph, with their page
        self.last_view: LineView | None = None          # the view of its last line, once worked out
        self.line_starts: list[int] = []                # text offsets where a raw line was joined on
        self.line_pos: dict[int, int] = {}              # id(raw line) -> text offset where it was emitted
        self.row_key: tuple[int, int] | None = None
        self.row_cells: list[list[tuple[RawLine, int]]] = []
        self.gap_after_ocr = False
        self.opened_unfinished = False      # the open paragraph follows a line that ends on `Ảnh`, `khoản` ...
        self.bullet_alone: tuple[RawLine, int] | None = None     # a line that is a bullet alone, just before

    def view(self, text: str) -> str:
        """`text` as the layout tests read it (`chars.view`), sparing the work the source does not need."""
        if self.nfc and not self.b.odd_chars:
            return text
        return view(text, self.b.odd_chars)

    def line_view(self, ln: RawLine) -> LineView:
        """The paragraph tests' view of `ln` (a markdown line without the markup its parser found; with none, and no
        star or underscore left as text, a plain one; bold from end to end, or in a bold run over whole lines)."""
        if ln.drops is None or not ln.drops and "*" not in ln.text and "_" not in ln.text:
            return LineView(self.view(ln.text) if id(ln) in self.viewed else ln.text, True)    # (nfc)
        bold = "*" in ln.text and (BOLD_RUN in ln.style or is_bold_line(ln.text))
        return LineView.parsed(self.view(kept_text(ln.text, ln.drops)), bold)

    def emit_joined(self, lines: list[tuple[RawLine, int]]) -> bool:
        """Emit source lines joined by spaces (a paragraph, or one table cell), recording where each line landed, the
        soft line breaks, and the word boxes.  Whether every line was plain: no style, no markup, emitted as it is."""
        b = self.b
        line_pos = self.line_pos
        busy = self.busy
        first = True
        plain = True
        for ln, page in lines:
            if ln.drops is None or not ln.drops:
                if id(ln) not in busy and not ln.words and ln.bbox is None:
                    # (most lines: the space before it and the line in one step, returning where it landed)
                    line_pos[id(ln)] = b.join_plain(ln.text, ln.raw_offset, first, self.line_starts)
                    first = False
                    plain = plain and not ln.style
                    continue
            plain = False
            if not first:
                b.sep(" ", ln.raw_offset)
                self.line_starts.append(b.length)
            first = False
            before = line_pos[id(ln)] = b.length
            if ln.drops is None:
                if id(ln) not in busy:
                    b.emit_plain(ln.text, ln.raw_offset)
                else:
                    emit_line(b, ln.text, ln.raw_offset)
            elif not ln.drops and id(ln) not in busy:
                b.emit_plain(ln.text, ln.raw_offset)    # (a markdown line with no markup, as most are)
            else:
                emit_parsed_line(b, ln.text, ln.raw_offset, ln.drops)
            if ln.words or ln.bbox is not None:
                record_boxes(ln, before, b.length, page, self.boxes)
        if b.last_char == " ":
            b.trim()
        return plain

    def flush_para(self) -> None:
        """Close the open paragraph: one line of text, one `para` block."""
        para = self.para
        if not para:
            return
        b = self.b
        start = b.length
        plain = self.emit_joined(para)
        end = b.length
        if end > start:
            # (span, kind, cells, table, page, style by position: keywords cost `Block.__init__` twice as much)
            style = frozenset() if plain else para_style(para)      # (plain lines: no style, no markup)
            self.blocks.append(Block((start, end), "para", [], None, para[0][1], style))
            b.sep("\n", para[-1][0].raw_offset + len(para[-1][0].text))
        para.clear()
        self.last_view = None

    def flush_row(self) -> None:
        """Close the open table row: one line of text whose cells are ` | ` separated."""
        key = self.row_key
        if not self.row_cells or key is None:     # (a key is set while a row is open)
            self.row_key = None
            return
        b = self.b
        start = b.length
        cells = []
        for c, cell in enumerate(self.row_cells):
            if c:
                b.sep(" | ", cell[0][0].raw_offset)
            cs = b.length
            # an empty cell before this one keeps its place as an empty span: a header cell that spans two columns
            # (`Cơ quan thực hiện` over `Chủ trì | Phối hợp`) leaves one, and the rows are read by column number
            col, before = _column(cell), (_column(self.row_cells[c - 1]) if c else -1)
            if col >= 0:
                cells.extend([(cs, cs)] * (col - before - 1))
            self.emit_joined(cell)
            cells.append((cs, max(cs, b.length)))
        end = b.length
        if end > start:
            self.blocks.append(Block((start, end), "row", cells=cells, table=key[0], page=self.row_cells[0][0][1]))
            last = self.row_cells[-1][-1][0]
            b.sep("\n", last.raw_offset + len(last.text))
        self.row_cells.clear()
        self.row_key = None

    def set_aside_kind(self, ln: RawLine, in_tail: bool, after: RawLine | None = None) -> str | None:
        """The kind of furniture `ln` is (a page number, a running header, site boilerplate, scanner debris), or None
        for a line of the document.  `after`: the next line on its page."""
        if in_tail:
            return "site_tail"      # the rest of the page is the site's, whatever the line
        stripped = ln.text.strip()
        as_is = id(ln) not in self.viewed
        # a flattened table's own heading row is no running header, though its repeats atop each page are, nor a cell
        # that ends several pages as a time, a body (`2026-2030`) or a sentence (`Thu thập, biên tập, xây dựng ...`)
        running = self.running and (stripped if as_is else self.view(stripped)) in self.running and not (
            ln.cell is not None and "flat" in ln.style
            and (ln.cell[1] == 0 or reads_as_time(stripped) or reads_as_organ(stripped) or reads_as_prose(stripped)))
        key = stripped.strip("*_").strip() if stripped[:1] in "*_" or stripped[-1:] in "*_" else stripped
        kind = self.classify(key if as_is else self.view(key)) or (
            "running_header" if running or "repeated_head" in ln.style else None)
        if kind == "page_number" and ln.cell is not None and key.isdigit() and not self._page_in_cell(ln, after):
            kind = None        # "1" in a table cell is the row's number, not a page number (`- 5 -`, `Trang 5/9` are)
        if kind is None and ln.cell is None and id(ln) in self.debris and is_ocr_debris(ln.text):
            kind = "ocr_debris"
        return kind

    def _page_in_cell(self, ln: RawLine, after: RawLine | None) -> bool:
        """Whether the number `ln` alone in a cell is a page's (`page_number_in_cell`), from the line `after` it."""
        line = "" if after is None else self.view(after.text.strip())
        kind = ("running_header" if line in self.running else self.classify(line.strip("*_").strip())) if line else None
        return page_number_in_cell(line if after is not None and after.cell == ln.cell else "", kind)

    def add_cell_line(self, ln: RawLine, page: int) -> None:
        """A line of a table cell: it opens a new row, a new cell, or goes on in the open one."""
        self.flush_para()
        self.bullet_alone = None
        assert ln.cell is not None
        key = ln.cell[:2]
        if key != self.row_key:
            self.flush_row()
            self.row_key = key
        if not self.row_cells or self.row_cells[-1][0][0].cell != ln.cell:
            self.row_cells.append([])
        self.row_cells[-1].append((ln, page))

    def add_blank(self, page: RawPage) -> None:
        """A blank line (or pure decoration): it ends the paragraph; on an OCR page a blank line is only a wider gap,
        and a dash line that continues an unfinished phrase (`Vụ Tổ chức` / `- cán bộ, ...`) still joins it."""
        if self.row_cells:
            self.flush_row()
        self.bullet_alone = None
        if page.method == "ocr":
            self.gap_after_ocr = True
        elif not self._marker_alone():
            self.flush_para()

    def _marker_alone(self) -> bool:
        """The open paragraph is a numbering marker alone on its line (`(3)`, `c)`, `2.`): a converter that set the
        marker in a box of its own puts a blank line between it and its text, which the next line still joins."""
        if len(self.para) != 1 or self.opened_unfinished:
            return False        # (`... đi đầu - Ảnh` / `1.`: the number of a caption the line before wrapped)
        if self.last_view is None:          # (the view of the paragraph's last line, kept for the next)
            ln = self.para[0][0]
            # (a plain line, as `LineView` reads it, stripped: most are no marker, and need no view)
            if not ln.drops and id(ln) not in self.viewed and "*" not in ln.text and "_" not in ln.text \
                    and not MARKER_RE.match(ln.text.strip()) and not letter_marker_alone(ln.text.strip()):
                return False
            self.last_view = self.line_view(ln)
        p = self.last_view.p
        m = self.last_view.marker_p()
        # (a heading word alone, `Chương I` / blank / its title, keeps its own line: the outline reads it)
        return (m is not None and p[:1] not in "-–+•*" and not p[m.end():].strip(" .:*_")
                and not HEADING_WORD.match(p)) or letter_marker_alone(p)

    def add_line(self, ln: RawLine, page: RawPage) -> None:
        """A line outside tables: it ends the open paragraph, opens a new one, or joins it."""
        if self.row_cells:
            self.flush_row()
        text = ln.text
        if self.bullet_alone is not None:
            alone, self.bullet_alone = self.bullet_alone, None
            if self.para and not paragraph_break(self.last_view or self.line_view(self.para[-1][0]),
                                                 LineView(f"{alone[0].text.strip()} {text.strip()}")):
                self.para += [alone, (ln, page.number)]     # `Phòng Văn hóa` / `-` / `Xã hội chủ trì ...`: a wrap's
                self.last_view = None                       # dash, in the phrase it goes on
                return
            self.flush_para()
            if text[:1].isupper() and not (MARKER_RE.match(text) and not _WEEKDAY.match(text)):   # (`-` / `Điều 2.`)
                # `-` / `Phân công, chỉ đạo ...`: a bullet a converter set on a line of its own
                self.para += [alone, (ln, page.number)]     # (joined by a space: `- Phân công, chỉ đạo ...`)
                return
        # (`isalnum` is the class `_ALNUM` reads: most lines open with a letter or a digit; `<` found at memory speed)
        if (not (text[:1].isalnum() or _ALNUM.search(text)) or "<" in text and "<br" in text) \
                and not drop_markup(text).strip(" -_=~|"):
            if text.strip() in ("-", "–", "+", "•") and page.method != "ocr":
                self.bullet_alone = (ln, page.number)   # (a bullet if a line of text follows, or a dash it goes on)
            else:
                self.flush_para()          # pure decoration (`*`, `-----`, `<br>`) ends a paragraph
            return
        para = self.para
        view = last = None          # (both set while a paragraph is open)
        if para:
            view = self.line_view(ln)
            last = self.last_view = self.last_view or self.line_view(para[-1][0])
        if self.gap_after_ocr:
            self.gap_after_ocr = False
            if last and view and (paragraph_break(last, view) or text.strip()[:1] not in "-–"):
                self.flush_para()
        unfinished = False
        if id(ln) in self.lost_bullets:
            self.flush_para()
            ln.style = ln.style | {"lost_bullet"}
        elif para and last and view and CONTINUED not in ln.style \
                and paragraph_break(last, view, " ".join(x.text for x, _ in para[:-1]) if view.l[:1] in "-–" else "") \
                and not (view.l[:1] == "(" and inline_run_goes_on([x.text for x, _ in para], view.l)):
            unfinished = takes_a_number(last.p)
            self.flush_para()
        if not para:
            self.opened_unfinished = unfinished     # (the line before it ends on a word a number follows)
        para.append((ln, page.number))
        self.last_view = view

    def read_pages(self) -> None:
        """Every line of every page, in reading order.  Page breaks do not end paragraphs: a
        sentence may run on to the next page."""
        front = front_matter_lines(self.raw)
        aside = self.aside
        for page in self.raw.pages:
            in_tail = False
            lines = page.lines
            for i, ln in enumerate(lines):
                if front and id(ln) in front:
                    self.set_aside.append(("front_matter", page.number, ln.text.strip()))
                    continue
                text = ln.text
                if GAP in ln.style:
                    continue            # a blank line inside a row of a flattened table: no break
                if (not text or text.isspace()) and not in_tail and ln.cell is None \
                        and "repeated_head" not in ln.style:
                    self.add_blank(page)
                    continue
                kind = self.set_aside_kind(ln, in_tail, lines[i + 1] if i + 1 < len(lines) else None) \
                    if in_tail or ln.style or id(ln) in aside else None
                if kind == "site_tail" and self.b.length >= SITE_TAIL_MIN_TEXT:
                    in_tail = True      # related documents, notices: the rest of the page is the site's
                if kind:
                    self.set_aside.append((kind, page.number, ln.text.strip()))
                elif ln.cell is not None:
                    self.add_cell_line(ln, page.number)
                else:
                    self.add_line(ln, page)
        self.flush_row()
        self.flush_para()

    def document(self) -> Document:
        """The `Document` of what was read."""
        raw = self.raw
        text = self.b.text().rstrip("\n ")
        ocr_pages = [p for p in raw.pages if p.method == "ocr"]
        conf = None
        if ocr_pages:
            confs = [p.confidence for p in ocr_pages if p.confidence is not None]
            conf = round(sum(confs) / len(confs), 4) if confs else None
        fmt = raw.format if raw.format in ("txt", "pdf", "image", "docx", "html") else "txt"
        source = Source(path=raw.path, format=fmt, pages=len(raw.pages), ocr=bool(ocr_pages),
                        ocr_confidence=conf, page_info=page_spans(raw, self.line_pos, text))
        doc = Document(id=raw.source_bytes_sha256, source=source, text=text,
                       blocks=[bl for bl in self.blocks if bl.span[0] < len(text)],
                       source_map=SourceMap(self.b.runs, self.boxes), set_aside=self.set_aside)
        doc.line_starts = [x for x in self.line_starts if x < len(text)]
        for page in raw.pages:
            for w in page.warnings:
                doc.warn("page-warning", f"page {page.number}: {w}")
        return doc


def normalize(raw: RawDoc) -> Document:
    """Build the `Document` (text, blocks, pages, source map) of a `RawDoc`."""
    n = _Normalizer(raw)
    n.read_pages()
    return n.document()
