"""OCR of scans and of PDF pages without a usable text layer: page images and preprocessing,
Tesseract, red stamps, words into lines, and the repairs the document format makes safe.  Which
pages of a PDF need it is decided in `pipeline.read.pages`.
"""
from .layout import layout_lines
from .pages import (
    check_doc,
    default_jobs,
    doc_text,
    image_frame_count,
    ocr_array,
    ocr_words,
    read_image,
    read_image_bytes,
    read_pdf_pages_ocr,
    require_ocr,
    run_pages,
)

__all__ = [
    "check_doc", "default_jobs", "doc_text", "image_frame_count", "layout_lines", "ocr_array", "ocr_words",
    "read_image", "read_image_bytes", "read_pdf_pages_ocr", "require_ocr", "run_pages",
]
