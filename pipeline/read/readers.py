"""Readers: turn a file (or a string) into a `RawDoc` of pages and lines.

One reader per format; `read(path)` picks by content first (magic bytes) and by extension second,
so a PDF saved as `.txt` is still read as a PDF.  Text formats keep the raw character offset of each
line so that every span of the normalized text maps back to the source.

Markdown and scraped pages carry tables in two shapes, both read into table cells here:
- pipe tables `| a | b |` (one row a line, `|---|` separator rows dropped);
- "vertical" tables where each `|` sits alone on a line: `|` opens a cell, the next `|` closes it
  and opens the next, two `|` lines in a row end a row, and `|` followed by a blank line ends the table.
"""
from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zipfile
from itertools import accumulate
from pathlib import Path

from ..errors import CorruptInputError, EmptyDocumentError, InputError, UnsupportedFormatError
from .chars import ODD_CHAR_RE, view
from .flat_tables import rebuild_flat_tables
from .layout import RawDoc, RawLine, RawPage
from .paragraphs import TYPE_ALONE

_TYPE_TITLE = re.compile(rf"^{TYPE_ALONE}\s*$")

TEXT_EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
MAX_BYTES = 64 * 1024 * 1024   # the default of `Limits.input_bytes`: no directive is that long, a dump is


def sha256_bytes(data: bytes) -> str:
    """The hex SHA-256 of `data` (a record's `id`)."""
    return hashlib.sha256(data).hexdigest()


def sniff_format(data: bytes, name: str = "") -> str:
    """Format of `data`: pdf, image, docx, html, txt or md.  Content wins over the extension."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "pdf"
    if head.startswith((b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")) or (
            head[:4] == b"RIFF" and data[8:12] == b"WEBP"):
        return "image"
    ext = Path(name).suffix.lower()
    if head.startswith(b"PK\x03\x04"):
        if ext == ".docx" or b"word/" in data[:4096] or _zip_has(data, "word/document.xml"):
            return "docx"
        raise UnsupportedFormatError("a zip archive, not a document (use `chithi batch` for archives)", path=name)
    if ext in TEXT_EXTENSIONS:
        return TEXT_EXTENSIONS[ext]
    if ext in HTML_EXTENSIONS:
        return "html"
    if ext in IMAGE_EXTENSIONS or ext == ".pdf" or ext == ".docx":
        raise CorruptInputError(f"the file says {ext} but its content is not", path=name)
    sample = data[:2048].lstrip().lower()
    if sample.startswith((b"<!doctype html", b"<html")) or b"<body" in sample:
        return "html"
    if _looks_binary(data):
        raise UnsupportedFormatError("binary content of an unknown format", path=name)
    return "txt"


def _zip_has(data: bytes, member: str) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return member in z.namelist()
    except zipfile.BadZipFile:
        return False


def _looks_binary(data: bytes) -> bool:
    sample = data[:8192]
    if b"\x00" in sample:
        return True
    try:
        sample.decode("utf-8")
        return False
    except UnicodeDecodeError as e:
        # A multi-byte character cut at the sample's end is still text.
        return e.start < len(sample) - 4


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
MAX_CONTROL_SHARE = 0.02    # a stray control character is cleaned; this many is a wrong decoding
MIN_CONTROL_COUNT = 8       # ... and so are a few in a short text


def _control_share(text: str, count: int | None = None) -> float:
    """Share of control characters in `text` (`count` of them when already counted), 0 while there
    are only a few."""
    n = len(_CONTROL.findall(text)) if count is None else count
    return n / max(len(text), 1) if n > MIN_CONTROL_COUNT else 0.0


# Every byte but the control characters of `_CONTROL`: deleting them from UTF-8 or cp1258 bytes leaves
# the control characters, the same ones the decoded text holds (no multi-byte sequence has a byte
# under 0x80), counted at C speed before decoding.
_NOT_CONTROL_BYTES = bytes(b for b in range(256) if not (b <= 0x08 or b in (0x0b, 0x0c) or 0x0e <= b <= 0x1f))


def _detect_decoding(data: bytes) -> str | None:
    """The text of `data` in the encoding charset-normalizer finds most likely (UTF-16 without a
    byte-order mark, say), or None when it finds none."""
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        return None
    try:
        return data.decode(best.encoding)
    except (UnicodeDecodeError, LookupError):
        return None


def decode_text(data: bytes, path: str = "") -> str:
    """Decode text bytes: UTF-32/UTF-16 with a byte-order mark, UTF-8 (with or without BOM), else
    cp1258 (the Vietnamese Windows code page, common in old archives); where these give control
    characters, the encoding charset-normalizer detects (UTF-16 without a byte-order mark, say).
    A text that still decodes to control characters (UTF-16 the detector missed, a binary file named
    .txt) is refused: it would make a record of garbage."""
    if data.startswith((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff")):
        text = data.decode("utf-32", "replace")
        share = _control_share(text)
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16", "replace")
        share = _control_share(text)
    else:
        text = error = None
        for enc in ("utf-8-sig", "cp1258"):
            try:
                text = data.decode(enc)
                break
            except UnicodeDecodeError as e:
                error = e
        controls = len(data.translate(None, _NOT_CONTROL_BYTES))
        if text is None or _control_share(text, controls) > MAX_CONTROL_SHARE:
            guess = _detect_decoding(data)
            if guess is not None and _control_share(guess) <= MAX_CONTROL_SHARE:
                text, controls = guess, None
        if text is None:
            raise CorruptInputError(f"text is neither UTF-8 nor cp1258 ({error.reason})", path=path)
        share = _control_share(text, controls)
    if share > MAX_CONTROL_SHARE:
        raise CorruptInputError(f"the text decodes to control characters ({share:.0%} of it): a binary file, or "
                                f"UTF-16 without a byte-order mark; save it as UTF-8", path=path)
    return text


# -- text and markdown --------------------------------------------------------------------------

_PIPE_ROW = re.compile(r"^\s*\|.*\|\s*$")
_PIPE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def read_text(text: str, path: str = "<text>", fmt: str = "txt") -> RawDoc:
    """Lines of a text or markdown document, with tables read into cells; one page (form feeds
    `\\f`, as `pdftotext` writes them, start new pages)."""
    reader = _TextLines(text.split("\n"))
    if "|" not in text:          # no table: every line is a line of text (the common case, read fast)
        reader.plain_lines()
    else:
        offset = 0
        for i, line in enumerate(reader.lines):
            start = offset
            offset += len(line) + 1
            if "\f" in line:
                before, _, line = line.rpartition("\f")
                reader.pages.append(RawPage(len(reader.pages) + 1))
                start += len(before) + 1
            reader.add(i, line, start)
    for page in reader.pages:
        _uncell_long_vertical_cells(page)
    # task tables flattened to one cell per line (PDF text), over page breaks
    _rebuild_flat_tables([ln for page in reader.pages for ln in page.lines], reader.table + 1,
                         unicodedata.is_normalized("NFC", text), bool(ODD_CHAR_RE.search(text)))
    return RawDoc(path=path, format=fmt, pages=reader.pages)


def _rebuild_flat_tables(lines: list[RawLine], next_table: int, nfc: bool, odd_chars: bool) -> None:
    """`rebuild_flat_tables` on the lines as the layout tests read them (`chars.view`): a copy in NFD
    or with non-breaking spaces in its column headings is rebuilt as the plain one is.  The lines
    whose view differs lend it their text for the while (`nfc`, `odd_chars`: what the text is known
    to be in, and to hold)."""
    if nfc and not odd_chars:
        rebuild_flat_tables(lines, next_table)
        return
    lent = []
    for ln in lines:
        if nfc and not ODD_CHAR_RE.search(ln.text):
            continue
        v = view(ln.text)
        if v != ln.text:
            lent.append((ln, ln.text))
            ln.text = v
    try:
        rebuild_flat_tables(lines, next_table)
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

    def plain_lines(self) -> None:
        """Every line a line of text, a form feed opening a new page (the text before the last one
        on its line is dropped, as `read_text` does)."""
        lines = self.lines
        starts = list(accumulate((len(line) + 1 for line in lines[:-1]), initial=0))
        if not any("\f" in line for line in lines):
            self.pages[0].lines = [RawLine(line, raw_offset=start) for line, start in zip(lines, starts, strict=True)]
            return
        out = self.pages[0].lines
        for line, start in zip(lines, starts, strict=True):
            if "\f" in line:
                before, _, line = line.rpartition("\f")
                self.pages.append(RawPage(len(self.pages) + 1))
                out = self.pages[-1].lines
                start += len(before) + 1
            out.append(RawLine(line, raw_offset=start))

    def add(self, i: int, line: str, start: int) -> None:
        """Line `i` (`line`, at raw offset `start`): a vertical table's pipe, a cell, a pipe row or text."""
        page = self.pages[-1]
        stripped = line.strip()
        if stripped == "|":
            self.vertical_pipe(self.lines[i + 1].strip() if i + 1 < len(self.lines) else "")
            self.prev_pipe = True
            return
        if self.vt_state is not None and stripped:
            page.lines.append(RawLine(line, raw_offset=start, cell=self.vt_state))
            self.prev_pipe = False
            return
        self.prev_pipe = False
        if _PIPE_ROW.match(line) and line.count("|") >= 2:
            if not _PIPE_SEP.match(line):
                self.pipe_row(page, line, start)
            return
        page.lines.append(RawLine(line, raw_offset=start))

    def vertical_pipe(self, nxt: str) -> None:
        """A `|` alone on its line, followed by line `nxt`: it opens a table, a cell or a row, or
        ends the table."""
        vt = self.vt_state
        if vt is None:
            self.table += 1
            vt = (self.table, 0, -1)
            self.ncols = 0
        elif self.prev_pipe:
            self.ncols = max(self.ncols, vt[2])   # the closing pipe already moved past the last cell
            vt = (vt[0], vt[1] + 1, -1)            # two pipes in a row: a new row
        if nxt == "" and not self.prev_pipe:
            vt = None                                                  # pipe then blank line: table ends
        elif _TYPE_TITLE.match(view(nxt).strip("*_ ")):
            vt = None       # the type name (ô 5a) is centred below the header table, never in it
        elif nxt != "|" and self.ncols and vt[2] + 1 >= self.ncols and not self.prev_pipe:
            vt = None                                                  # the row is full: the table ended
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


VERTICAL_CELL_MAX_LINES = 15


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


# -- HTML ---------------------------------------------------------------------------------------

_BLOCK_TAGS = {"p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6", "table", "section",
               "article", "header", "footer", "blockquote", "pre", "ul", "ol"}
_DROP_TAGS = {"script", "style", "noscript", "nav", "iframe", "svg", "form", "button", "select"}


def read_html(html: str, path: str = "<html>") -> RawDoc:
    """Visible text of an HTML page, one line per block; tables become cells; navigation, scripts
    and forms are dropped here (the rest of the site boilerplate is set aside by normalization)."""
    from bs4 import BeautifulSoup

    soup = BeautifulSoup(html, "lxml")
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    lines: list[RawLine] = []
    body = soup.body or soup
    tables: list[list[list[str]]] = []
    for table in body.find_all("table"):
        if table.find_parent("table") is not None:
            continue        # nested tables are read as part of their outer cell
        tables.append([[c.get_text(" ", strip=True) for c in tr.find_all(["td", "th"])]
                       for tr in table.find_all("tr")])
        table.replace_with(soup.new_string(f"\n\x00TABLE{len(tables) - 1}\x00\n"))
    for raw in body.get_text("\n").split("\n"):
        m = re.fullmatch(r"\s*\x00TABLE(\d+)\x00\s*", raw)
        if m:
            t = int(m.group(1))
            for r, cells in enumerate(tables[t]):
                for c, cell in enumerate(cells):
                    if cell.strip():
                        lines.append(RawLine(cell, cell=(t, r, c)))
            lines.append(RawLine(""))
            continue
        lines.append(RawLine(raw.replace("\x00", "")))
    return RawDoc(path=path, format="html", pages=[RawPage(1, lines)])


# -- DOCX ---------------------------------------------------------------------------------------

def read_docx(data: bytes, path: str = "<docx>") -> RawDoc:
    """Paragraphs and tables of a Word document, in body order."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds of errors on broken zips
        raise CorruptInputError(f"cannot open the Word document ({type(e).__name__}: {e})", path=path) from e
    lines: list[RawLine] = []
    table_no = -1
    for child in d.element.body.iterchildren():
        tag = child.tag.rsplit("}", 1)[-1]
        if tag == "p":
            p = Paragraph(child, d)
            style = set()
            if p.runs and all(r.bold for r in p.runs if r.text.strip()):
                style.add("bold")
            if p.runs and all(r.italic for r in p.runs if r.text.strip()):
                style.add("italic")
            lines.append(RawLine(p.text, style=frozenset(style)))
            lines.append(RawLine(""))   # paragraphs are paragraphs: never joined to the next
        elif tag == "tbl":
            table_no += 1
            t = Table(child, d)
            for r, row in enumerate(t.rows):
                seen = set()
                for c, cell in enumerate(row.cells):
                    if id(cell._tc) in seen:    # merged cells repeat
                        continue
                    seen.add(id(cell._tc))
                    for para in cell.text.split("\n"):
                        if para.strip():
                            lines.append(RawLine(para, cell=(table_no, r, c)))
    return RawDoc(path=path, format="docx", pages=[RawPage(1, lines)])


# -- dispatch -----------------------------------------------------------------------------------

def read_bytes(data: bytes, path: str = "<bytes>", *, ocr: str = "auto", jobs: int | None = None) -> RawDoc:
    """Read a document from its bytes.  `ocr`: auto (OCR pages without a usable text layer),
    force (OCR every page), never (text layers only)."""
    if not data or not data.strip():
        raise EmptyDocumentError("the file is empty", path=path)
    fmt = sniff_format(data, path)
    if fmt == "md":
        from .markdown import read_markdown
        raw = read_markdown(decode_text(data, path), path)
    elif fmt == "txt":
        raw = read_text(decode_text(data, path), path, fmt)
    elif fmt == "html":
        raw = read_html(decode_text(data, path), path)
    elif fmt == "docx":
        raw = read_docx(data, path)
    elif fmt == "pdf":
        from . import pdf
        raw = pdf.read_pdf_bytes(data, path, ocr=ocr, jobs=jobs)
    elif fmt == "image":
        from .. import ocr as ocr_mod
        if ocr == "never":
            raise UnsupportedFormatError("an image needs OCR, and OCR is turned off", path=path)
        raw = ocr_mod.read_image_bytes(data, path, jobs=jobs)
    else:  # pragma: no cover - sniff_format returns only the formats above
        raise UnsupportedFormatError(f"unknown format {fmt}", path=path)
    raw.source_bytes_sha256 = sha256_bytes(data)
    return raw


def _check_input_size(size: int, path: str) -> None:
    """Refuse an input over `Limits.input_bytes` (`pipeline.read.limits`) before reading it."""
    from .limits import current
    cap = current().input_bytes
    if size > cap:
        from ..errors import LimitError
        raise LimitError(f"file is {size / 2**20:.0f} MiB, over the {cap / 2**20:.0f} MiB limit "
                         f"(raise it with --max-input-mb)", path=path)


def read_path(path: str | Path, *, ocr: str = "auto", jobs: int | None = None) -> RawDoc:
    """Read a document from a file (`read_bytes`), refusing folders and inputs over the limits."""
    p = Path(path)
    try:
        size = p.stat().st_size
    except FileNotFoundError as e:
        raise InputError("no such file", path=str(path)) from e
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror})", path=str(path)) from e
    if p.is_dir():
        raise InputError("is a folder (use `chithi batch` for folders)", path=str(path))
    _check_input_size(size, str(path))
    try:
        data = p.read_bytes()
    except OSError as e:
        raise InputError(f"cannot read ({e.strerror})", path=str(path)) from e
    return read_bytes(data, str(path), ocr=ocr, jobs=jobs)
