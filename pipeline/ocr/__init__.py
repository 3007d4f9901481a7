"""OCR of scans and of PDF pages without a usable text layer: page images and preprocessing,
Tesseract, red stamps, words into lines, and the repairs the document format makes safe.
"""
from .pages import (
    default_jobs,
    doc_text,
    image_frame_count,
    ocr_array,
    ocr_words,
    pages_lost,
    read_image,
    read_image_bytes,
    read_pdf,
    read_pdf_pages_ocr,
    run_pages,
)

__all__ = [
    "default_jobs", "doc_text", "image_frame_count", "ocr_array", "ocr_words", "pages_lost", "read_image",
    "read_image_bytes", "read_pdf", "read_pdf_pages_ocr", "run_pages",
]
