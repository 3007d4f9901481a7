"""The per-document pipeline: read, normalize, then the stages of `pipeline.run` (one per kind of
annotation).

`extract()` is what the CLI, the batch runner and library users call.  It raises only the typed
errors of `pipeline.errors` for input it cannot read; a stage that fails on a document it could read
leaves a `stage-error` warning on the record and the remaining stages still run, so one odd
document never costs the rest of its annotations.
"""
from __future__ import annotations

import gc
import importlib
import os
from pathlib import Path

from .errors import EmptyDocumentError
from .model import Document
from .read import normalize, read_bytes, read_path, read_text, sha256_bytes
from .run import load_all, run_stages


def annotate(doc: Document, timings: dict[str, float] | None = None) -> Document:
    """Run every stage over a normalized document (`pipeline.run.STAGES`, each loaded on first use);
    `timings` adds each stage's seconds under its name."""
    return run_stages(doc, timings=timings)


def _names_a_file(text: str) -> bool:
    """True when a `str` given to `extract` names an existing path rather than holding a document.

    Text can be anything, so asking the file system must not fail: a long line is not a valid
    path (ENAMETOOLONG) and a NUL byte is refused by the OS; both mean "this is text".
    """
    if "\n" in text or "\0" in text or len(text) >= 4096:
        return False
    try:
        return Path(text).exists()
    except (OSError, ValueError):
        return False


def extract(source: str | os.PathLike | bytes, *, path: str | None = None, ocr: str = "auto",
            jobs: int | None = None) -> Document:
    """Extract one document.

    `source` is a path, the bytes of a file, or the text of a document (a `str` that is not an
    existing path is taken as text).

    >>> doc = extract("Số: 12/CT-UBND\\nCHỈ THỊ\\nVề phòng chống thiên tai\\n"
    ...               "1. Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024.")
    >>> doc.header.symbol, doc.tasks[0].path
    ('12/CT-UBND', '1')
    """
    if isinstance(source, bytes):
        raw = read_bytes(source, path or "<bytes>", ocr=ocr, jobs=jobs)
    elif isinstance(source, os.PathLike) or (isinstance(source, str) and _names_a_file(source)):
        raw = read_path(source, ocr=ocr, jobs=jobs)
    else:
        text = str(source)
        if not text.strip():
            raise EmptyDocumentError("the text is empty", path=path)
        raw = read_text(text, path or "<text>", "txt")
        raw.source_bytes_sha256 = sha256_bytes(text.encode("utf-8"))
    doc = normalize(raw)
    if not doc.text.strip():
        raise EmptyDocumentError("no text could be read from the document", path=raw.path)
    if raw.pages_lost:
        # a partial read is said, never passed off as the whole document (status `partial`)
        doc.source.pages_lost = list(raw.pages_lost)
        doc.warn("pages-lost", f"{len(raw.pages_lost)} page(s) could not be read: "
                               f"{', '.join(map(str, raw.pages_lost))}; the record holds the others")
    return annotate(doc)


# What reading a PDF or a scan imports on first use: a worker loads it before its first document, so
# that a document's time limit (`--doc-timeout`) measures the document, not the imports.
_PAGE_READER_MODULES = ("pdfplumber", "pypdfium2", "PIL.Image", "pytesseract", "cv2")


def _load_page_readers() -> None:
    for name in _PAGE_READER_MODULES:
        try:
            importlib.import_module(name)
        except ImportError:     # an optional reader: the document that needs it reports the error
            pass


# What `warm_up` has done in this process: a worker forked from a process that warmed up (the batch's fork server)
# does only what is left (the page readers, say), not the sample document and the collection again.
_WARMED: set[str] = set()
_WARM_UP_SAMPLE = ("Số: 1/CT-UBND\nCHỈ THỊ\nVề thử\n1. Sở Nội vụ chủ trì, phối hợp với Sở Tài chính, "
                   "báo cáo trước ngày 15/6/2024. Thực hiện Chỉ thị số 05/CT-TTg. Sở Y tế phối hợp.")


def warm_up(page_readers: bool = True) -> None:
    """Load every stage, table, matcher and model once, then `gc.freeze()` them.

    For long-running workers (the batch runner's processes, `chithi bench`): the gazetteer, the
    grammars, the phrase tables and underthesea's abbreviations are tens of thousands of objects that live
    for the whole run; frozen, the cyclic garbage collector stops rescanning them after every few
    documents.  Library calls to `extract` never change the collector's state.

    `page_readers=False` leaves out the PDF and OCR readers (pdfplumber, OpenCV, Tesseract's
    wrapper: 0.4 s of CPU, half of the warm-up) for a batch of text inputs only.  A second call does only
    what the first left out.
    """
    todo = {"stages"} | ({"page_readers"} if page_readers else set())
    if todo <= _WARMED:
        return
    load_all()
    if page_readers:
        _load_page_readers()
    if "stages" not in _WARMED:
        annotate(normalize(read_text(_WARM_UP_SAMPLE)))
    gc.collect()
    gc.freeze()
    _WARMED.update(todo)
