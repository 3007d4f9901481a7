"""What readers hand to normalization: pages of lines, before any cleaning.

Every reader (text, markdown, HTML, DOCX, PDF text layer, OCR) produces a `RawDoc`: its pages, each
a list of `RawLine`s in reading order.  A line keeps its raw text, where it came from in the source
(character offset for text files, a box for PDF and OCR), its words with boxes when known, and the
table cell it belongs to.  `pipeline.read.normalization` turns a `RawDoc` into a `Document`.
"""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Final

from ..model import PageInfo

BBox = tuple[float, float, float, float]   # x0, top, x1, bottom (PDF points or image pixels)
# The style of a markdown line that goes on with an emphasis opened on a line before it
# (`**II. NỘI DUNG` / `KẾ HOẠCH**`): one phrase, so no paragraph starts there.
CONTINUED: Final = "emphasis_continued"
# The style of a line of a bold phrase wrapped over whole lines (`**Điều 3. Tổ` / `chức thực hiện**`): bold.
BOLD_RUN: Final = "bold_run"
# The style of a blank line inside a row of a task table printed one cell per line (pdftotext leaves
# one between every two cells): no paragraph break, so the row stays whole.
GAP: Final = "flat_gap"


@dataclass
class RawWord:
    text: str
    bbox: BBox
    conf: float | None = None       # OCR confidence 0..1


# (slots, and no list of words made for a line without any: a document reads thousands of lines, and
# each container made counts towards the garbage collector's next pass)
@dataclass(slots=True)
class RawLine:
    text: str
    raw_offset: int = 0             # offset of text[0] in the source's raw text (text inputs)
    bbox: BBox | None = None
    words: Sequence[RawWord] = ()   # (a list where a reader gives them)
    # Table structure: lines of one cell share (table, row, col); None outside tables.
    cell: tuple[int, int, int] | None = None
    style: frozenset[str] = frozenset()   # "bold", "italic", "heading", "center"
    column: str | None = None       # "left" / "right" for the two header columns of a page
    # Markdown: the stretches of `text` a CommonMark parser found to be markup (emphasis delimiters,
    # escape backslashes), to leave out of the normalized text; None where no parser read the line
    # (normalization then drops markup by its patterns).  See `pipeline.read.markdown`.
    drops: tuple[tuple[int, int], ...] | None = None

    # (written out, the one the dataclass would make: compiled (mypyc), a generated `__init__` runs
    # interpreted, and each line of every document is made through it)
    def __init__(self, text: str, raw_offset: int = 0, bbox: BBox | None = None, words: Sequence[RawWord] = (),
                 cell: tuple[int, int, int] | None = None, style: frozenset[str] = frozenset(),
                 column: str | None = None, drops: tuple[tuple[int, int], ...] | None = None) -> None:
        self.text = text
        self.raw_offset = raw_offset
        self.bbox = bbox
        self.words = words
        self.cell = cell
        self.style = style
        self.column = column
        self.drops = drops


@dataclass
class RawPage:
    number: int                     # 1-based
    lines: list[RawLine] = field(default_factory=list)
    method: str = "text"            # text | ocr | empty
    confidence: float | None = None
    width: float | None = None
    height: float | None = None
    warnings: list[str] = field(default_factory=list)


@dataclass
class RawDoc:
    path: str
    format: str                     # txt | md | html | docx | pdf | image
    pages: list[RawPage] = field(default_factory=list)
    source_bytes_sha256: str = ""
    ocr: bool = False
    pages_lost: list[int] = field(default_factory=list)   # pages that could not be read (PDF), 1-based
    # every line's text is known to be in NFC (the reader found its whole source so), which spares
    # normalization the check; False where it was not checked
    nfc: bool = False


def page_spans(raw: RawDoc, line_pos: dict[int, int], text: str) -> list[PageInfo]:
    """Each page's stretch of `text`: from where its first kept line landed (`line_pos`: id of a raw line ->
    where it was emitted; a page with none starts where the last did) to where the next page starts."""
    starts: list[int] = []
    prev_start = 0
    for page in raw.pages:
        start = next((line_pos[id(ln)] for ln in page.lines if id(ln) in line_pos), None)
        prev_start = start if start is not None else prev_start
        starts.append(prev_start)
    n = len(text)
    out = []
    for k, rp in enumerate(raw.pages):
        end = starts[k + 1] if k + 1 < len(starts) else n
        out.append(PageInfo(rp.number, (min(starts[k], n), min(end, n)), rp.method, rp.confidence,
                            rp.width, rp.height))
    return out

