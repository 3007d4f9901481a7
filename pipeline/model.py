"""The data model: one document, its normalized text, and every annotation as a span into it.

Everything the pipeline finds is a span `[start, end)` into `Document.text`, the one normalized
text of the document.  `Document.source_map` maps any offset back to the source (page, and the word
box for OCR and PDF input), so an analyst can go from a span to the page it came from.

Stages (`pipeline.header.stage`, `pipeline.tasks.stage`, `pipeline.bodies.stage`, `pipeline.deadlines.stage`,
`pipeline.citations.stage`) are functions over a `Document` that each add one kind of annotation.
`Document.to_dict()` is the JSON record of `SCHEMA.md`; field names there are a public contract.
"""
from __future__ import annotations

import bisect
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from .resources import model_text

SCHEMA_VERSION = "1"

Span = tuple[int, int]

ROLES = ("lead", "coordinate", "oversee", "report_to")
DEADLINE_KINDS = ("date", "period", "recurring", "relative", "ongoing")
RELATIONS = ("based_on", "implements", "continues", "replaces", "amends", "repeals", "guides", "mentions")


def _span(s: Span | None) -> list[int] | None:
    return None if s is None else [int(s[0]), int(s[1])]


@dataclass
class Body:
    """An organ responsible for a task, with its role (`ROLES`)."""

    name: str
    role: str
    span: Span
    canonical: str | None = None
    inherited: bool = False
    # the head a list shares (`Các Bộ: Tài chính, Công Thương`): `name` is this head + the item's text at `span`
    shared_head: str | None = None

    def to_dict(self) -> dict[str, Any]:
        d = {"name": self.name, "role": self.role, "span": _span(self.span),
             "canonical": self.canonical, "inherited": self.inherited}
        if self.shared_head:
            d["shared_head"] = self.shared_head
        return d


@dataclass
class Deadline:
    """A time constraint on doing a task, normalized (`SCHEMA.md`, Deadlines)."""

    text: str
    span: Span
    kind: str
    value: str | None
    inferred: bool = False          # a year left out was taken from the document's date
    resolved: str | None = None     # relative deadlines: the date, once the anchor is known

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"text": self.text, "span": _span(self.span), "kind": self.kind, "value": self.value}
        if self.inferred:
            d["inferred"] = True
        if self.resolved is not None:
            d["resolved"] = self.resolved
        return d


@dataclass
class Task:
    """One node of the task tree.  `span` covers the node's own text (children excluded)."""

    path: str
    label: str
    level: int
    parent: str | None
    span: Span
    text: str
    kind: str = "item"              # item | heading | row (a row of a task table)
    bodies: list[Body] = field(default_factory=list)
    deadlines: list[Deadline] = field(default_factory=list)
    # For table rows: column name (as printed in the table head) -> span of the cell.
    cells: dict[str, Span] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "label": self.label, "level": self.level, "parent": self.parent,
                "span": _span(self.span), "text": self.text,
                "bodies": [b.to_dict() for b in self.bodies],
                "deadlines": [d.to_dict() for d in self.deadlines]}


@dataclass
class Citation:
    """A reference from this document to another one."""

    text: str
    span: Span
    doc_type: str | None
    number: str | None
    symbol: str | None
    symbol_as_written: str | None
    date: str | None
    issuer: str | None
    relation: str = "mentions"
    target: str | None = None       # graph node key, set by per-document keying or corpus resolution
    path: str | None = None         # path of the citing task, None outside the task tree
    title: str | None = None        # the trích yếu that follows, when stated
    sentence: Span | None = None    # the sentence the citation stands in (its context)

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "span": _span(self.span), "doc_type": self.doc_type,
                "number": self.number, "symbol": self.symbol, "symbol_as_written": self.symbol_as_written,
                "date": self.date, "issuer": self.issuer, "relation": self.relation,
                "target": self.target, "path": self.path, "title": self.title,
                "sentence": _span(self.sentence) if self.sentence else None}


@dataclass
class Alias:
    """A short name the document defines for another document (`gọi tắt là Đề án 06`)."""

    alias: str
    refers_to: str | None
    span: Span
    citation: int | None = None     # index into Document.citations of the defining citation

    def to_dict(self) -> dict[str, Any]:
        return {"alias": self.alias, "refers_to": self.refers_to, "span": _span(self.span)}


@cache
def diagnostic_codes() -> dict[str, dict[str, str]]:
    """The catalogue of diagnostic codes (`models/diagnostics.toml`): code -> severity and meaning."""
    return tomllib.loads(model_text("diagnostics.toml"))["codes"]


def partial_codes() -> frozenset[str]:
    """The codes that make a record `partial`: part of its document was not read or not extracted."""
    return frozenset(c for c, d in diagnostic_codes().items() if d["severity"] == "partial")


@dataclass
class Diagnostic:
    """Something a reader should know: a value that disagrees with itself, a page OCR gave up on.

    `code` is one of the catalogue in `models/diagnostics.toml` (`diagnostic_codes()` reads it),
    which also says whether the code makes a record `partial`. Records keep them under `warnings`."""

    code: str
    message: str
    span: Span | None = None
    spans: list[Span] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"code": self.code, "message": self.message, "span": _span(self.span)}
        if self.spans:
            d["spans"] = [_span(s) for s in self.spans]
        return d


@dataclass
class Signer:
    name: str | None = None
    position: str | None = None
    authority: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "position": self.position, "authority": self.authority}


@dataclass
class Named:
    """A header value that names something and points at where it was read."""

    name: str
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "span": _span(self.span)}


@dataclass
class Header:
    system: str | None = None
    issuer: Named | None = None
    parent_issuer: Named | None = None
    doc_type: str | None = None
    doc_type_code: str | None = None
    number: str | None = None
    symbol: str | None = None
    date: str | None = None
    place: str | None = None
    title: str | None = None
    addressees: list[str] = field(default_factory=list)
    signer: Signer = field(default_factory=Signer)
    recipients: list[str] = field(default_factory=list)
    # Where each scalar field was read (field name -> span); exported as `header.spans`.
    spans: dict[str, Span] = field(default_factory=dict)
    # Province/city the issuer belongs to, used to resolve `UBND tỉnh` and keys (not a SCHEMA field).
    locality: str | None = None
    # The year of the document's date, also where the date line prints no day (an unsigned copy:
    # `Hà Nội, ngày    tháng 8 năm 2025`, so `date` is null): year-less deadlines take it (not exported).
    year: int | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system,
                "issuer": self.issuer.to_dict() if self.issuer else None,
                "parent_issuer": self.parent_issuer.to_dict() if self.parent_issuer else None,
                "doc_type": self.doc_type, "doc_type_code": self.doc_type_code,
                "number": self.number, "symbol": self.symbol, "date": self.date, "place": self.place,
                "title": self.title, "addressees": list(self.addressees), "signer": self.signer.to_dict(),
                "recipients": list(self.recipients), "locality": self.locality,
                "spans": {k: _span(v) for k, v in sorted(self.spans.items())}}


@dataclass
class Box:
    """Where a stretch of text sits on a page: `[start, end)` in `text`, page number (1-based), box in
    PDF points or image pixels (x0, top, x1, bottom), and the OCR confidence (0..1) when recognised."""

    start: int
    end: int
    page: int
    bbox: tuple[float, float, float, float]
    conf: float | None = None


@dataclass
class PageInfo:
    number: int                     # 1-based
    span: Span                      # its stretch of `text`
    method: str = "text"            # text | ocr | empty  (how its text was obtained)
    confidence: float | None = None
    width: float | None = None
    height: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"number": self.number, "span": _span(self.span), "method": self.method,
                "confidence": self.confidence}


@dataclass
class Source:
    path: str
    format: str
    pages: int = 1
    ocr: bool = False
    ocr_confidence: float | None = None
    page_info: list[PageInfo] = field(default_factory=list)
    pages_lost: list[int] = field(default_factory=list)   # 1-based pages that could not be read

    @property
    def page_spans(self) -> list[Span]:
        return [p.span for p in self.page_info]

    def to_dict(self) -> dict[str, Any]:
        d = {"path": self.path, "format": self.format, "pages": self.pages, "ocr": self.ocr,
             "ocr_confidence": self.ocr_confidence,
             "page_spans": [_span(s) for s in self.page_spans],
             "page_info": [p.to_dict() for p in self.page_info]}
        if self.pages_lost:      # only on partial reads: a whole record keeps its shape
            d["pages_lost"] = list(self.pages_lost)
        return d


@dataclass
class Block:
    """A unit of layout in `text`: a paragraph (one line of `text`) or a table row, whose cells are
    spans.  Readers and normalization produce blocks; header and task segmentation read them."""

    span: Span
    kind: str = "para"              # para | row
    cells: list[Span] = field(default_factory=list)
    table: int | None = None        # index of the table a row belongs to
    page: int = 1
    style: frozenset[str] = frozenset()   # bold / italic / heading markers seen in the source


class SourceMap:
    """Maps offsets of `text` back to the source: raw character offset, page, and word box.

    Raw offsets are kept as runs `(text_start, raw_start)`: within a run, text and source advance
    together, so the map costs one entry per edit, not one per character."""

    def __init__(self, runs: Iterable[tuple[int, int]] | None = None, boxes: list[Box] | None = None):
        self.runs = list(runs or [])
        self._run_starts = [r[0] for r in self.runs]
        self.boxes = sorted(boxes or [], key=lambda b: b.start)
        self._box_starts = [b.start for b in self.boxes]

    def raw_offset(self, i: int) -> int | None:
        """Offset in the source's raw text of `text[i]` (None when not known)."""
        if not self.runs:
            return None
        k = max(bisect.bisect_right(self._run_starts, i) - 1, 0)
        t0, r0 = self.runs[k]
        return r0 + (i - t0)

    def boxes_for(self, span: Span) -> list[Box]:
        """Word boxes that overlap `span` (empty for born-digital text input)."""
        lo = max(bisect.bisect_right(self._box_starts, span[0]) - 1, 0)
        out = []
        for b in self.boxes[lo:]:
            if b.start >= span[1]:
                break
            if b.end > span[0]:
                out.append(b)
        return out


@dataclass
class Document:
    id: str
    source: Source
    text: str
    header: Header = field(default_factory=Header)
    tasks: list[Task] = field(default_factory=list)
    citations: list[Citation] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    warnings: list[Diagnostic] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    source_map: SourceMap = field(default_factory=SourceMap)
    # Stretches of the source set aside by normalization (page numbers, running headers, site
    # boilerplate), kept so nothing is silently lost: (kind, page, text).
    set_aside: list[tuple[str, int, str]] = field(default_factory=list)
    # Where the body starts and ends in `text` (after the header, before the signature block).
    body_span: Span | None = None
    # Offsets in `text` where a source line was joined onto the line before (soft line breaks):
    # header parsing reads the printed line structure from them.
    line_starts: list[int] = field(default_factory=list)
    # Sentence spans (underthesea), in text order.
    sentences: list[Span] = field(default_factory=list)

    def page_of(self, offset: int) -> int:
        """1-based page number that holds `text[offset]`."""
        starts = [p.span[0] for p in self.source.page_info]
        if not starts:
            return 1
        return self.source.page_info[max(bisect.bisect_right(starts, offset) - 1, 0)].number

    def span_text(self, span: Span) -> str:
        return self.text[span[0]:span[1]]

    def warn(self, code: str, message: str, span: Span | None = None, spans: list[Span] | None = None) -> None:
        self.warnings.append(Diagnostic(code, message, span, list(spans or [])))

    def task(self, path: str) -> Task | None:
        for t in self.tasks:
            if t.path == path:
                return t
        return None

    def to_dict(self) -> dict[str, Any]:
        return {"schema_version": SCHEMA_VERSION, "id": self.id, "source": self.source.to_dict(),
                "text": self.text, "header": self.header.to_dict(),
                "tasks": [t.to_dict() for t in self.tasks],
                "citations": [c.to_dict() for c in self.citations],
                "aliases": [a.to_dict() for a in self.aliases],
                "warnings": [w.to_dict() for w in self.warnings],
                "sentences": [list(s) for s in self.sentences],
                "set_aside": [{"kind": k, "page": p, "text": t} for k, p, t in self.set_aside]}
