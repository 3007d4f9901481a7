"""PDF input: the text layer where it is good, OCR where it is not (per page).

The work is done by `pipeline.ocr.pages.read_pdf`, which reads pdfplumber's words with their positions
(so the two header columns are read as columns) and sends only pages without a usable text layer
to Tesseract.  This module adapts it to in-memory bytes.
"""
from __future__ import annotations

import os
import tempfile

from .layout import RawDoc


def read_pdf_bytes(data: bytes, path: str, *, ocr: str = "auto", jobs: int | None = None) -> RawDoc:
    from .. import ocr as ocr_mod

    if os.path.exists(path):
        return ocr_mod.read_pdf(path, jobs=jobs, ocr=ocr)
    with tempfile.NamedTemporaryFile(suffix=".pdf") as tmp:
        tmp.write(data)
        tmp.flush()
        raw = ocr_mod.read_pdf(tmp.name, jobs=jobs, ocr=ocr)
    raw.path = path
    return raw
