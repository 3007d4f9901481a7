"""PDF input from bytes in memory: `pipeline.read.pages.read_pdf` (the text layer where it is good, OCR
where it is not, page by page) over the file itself, or over a temporary copy of the bytes.
"""
from __future__ import annotations

import os
import tempfile

from .layout import RawDoc
from .pages import read_pdf


def read_pdf_bytes(data: bytes, path: str, *, ocr: str = "auto", jobs: int | None = None) -> RawDoc:
    """Read a PDF given as bytes (`path` names it in the record; read in place when it exists)."""
    if os.path.exists(path):
        return read_pdf(path, jobs=jobs, ocr=ocr)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        raw = read_pdf(tmp.name, jobs=jobs, ocr=ocr)
    raw.path = path
    return raw
