"""Readers: turn a file (or a string) into a `RawDoc` of pages and lines.

One reader per format; `read(path)` picks by content first (magic bytes) and by extension second,
so a PDF saved as `.txt` is still read as a PDF.  Text formats keep the raw character offset of each
line so that every span of the normalized text maps back to the source.  Text lines and their tables
are read by `text`, markdown's markup is found by `markdown`.
"""
from __future__ import annotations

import hashlib
import io
import re
import zipfile
from pathlib import Path

from .. import regexes
from ..errors import CorruptInputError, EmptyDocumentError, InputError, UnsupportedFormatError
from .layout import RawDoc, RawLine, RawPage
from .text import read_text

TEXT_EXTENSIONS = {".txt": "txt", ".md": "md", ".markdown": "md", ".text": "txt"}
HTML_EXTENSIONS = {".html", ".htm", ".xhtml"}
IMAGE_EXTENSIONS = {".png", ".jpg", ".jpeg", ".tif", ".tiff", ".bmp", ".webp"}
MAX_BYTES = 64 * 1024 * 1024   # the default of `Limits.input_bytes`: no directive is that long, a dump is


def sha256_bytes(data: bytes) -> str:
    """The hex SHA-256 of `data` (a record's `id`)."""
    return hashlib.sha256(data).hexdigest()


def file_sha256(path: str) -> str:
    """`sha256_bytes` of a file's content, read in chunks (a scan or a PDF can be large)."""
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


_IMAGE_SIGNATURES = (b"\x89PNG", b"\xff\xd8\xff", b"II*\x00", b"MM\x00*", b"BM")


def holds_pages(data: bytes) -> bool:
    """Whether `data` is a PDF or an image by its content: read page by page (rendered and OCR'd where it has no
    text layer), seconds where a text takes milliseconds.

    >>> holds_pages(b"%PDF-1.7 ..."), holds_pages(b"\\xff\\xd8\\xff\\xe0 JFIF"), holds_pages("Số: 05/CT-TTg".encode())
    (True, True, False)
    """
    return data.startswith((b"%PDF", *_IMAGE_SIGNATURES)) or (data[:4] == b"RIFF" and data[8:12] == b"WEBP")


def sniff_format(data: bytes, name: str = "") -> str:
    """Format of `data`: pdf, image, docx, html, txt or md.  Content wins over the extension."""
    head = data[:16]
    if head.startswith(b"%PDF"):
        return "pdf"
    if holds_pages(data):       # (a PDF is taken above: an image)
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


_CONTROL = regexes.compile(r"[\x00-\x08\x0b\x0e-\x1f]")
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

    from .docx_numbering import DocxNumbering

    try:
        d = docx.Document(io.BytesIO(data))
    except Exception as e:  # python-docx raises many kinds of errors on broken zips
        raise CorruptInputError(f"cannot open the Word document ({type(e).__name__}: {e})", path=path) from e
    numbering = DocxNumbering(d)
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
            lines.append(RawLine(_numbered(numbering, p), style=frozenset(style)))
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
                    for para in "\n".join(_numbered(numbering, cp, alone=True) for cp in cell.paragraphs).split("\n"):
                        if para.strip():
                            lines.append(RawLine(para, cell=(table_no, r, c)))
    return RawDoc(path=path, format="docx", pages=[RawPage(1, lines)])


def _numbered(numbering, p, alone: bool = False) -> str:
    """A paragraph's text with the marker Word numbers it with (docx_numbering), if any.  An empty
    paragraph gets its marker `alone` only in a table cell (the TT column); in the body a lone number
    is a slip of the typist, not an item."""
    marker = numbering.marker(p._p)
    if not marker or not (alone or p.text.strip()):
        return p.text
    return f"{marker} {p.text}".rstrip()


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
