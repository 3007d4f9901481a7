"""Reading inputs: one reader per format (text, Markdown, HTML, DOCX, PDF), the raw pages and lines
they produce, a PDF's text layer, reading limits, and normalization into the one text of a
`Document`.
"""
from .layout import RawDoc, RawLine, RawPage, RawWord
from .limits import MIB, MIN_RENDER_DPI, Limits, current, render_scale, set_limits
from .normalization import normalize
from .paragraphs import BULLET_CHARS, MANGLED_MARKER_RE, MARKER_RE, count_case
from .readers import (
    HTML_EXTENSIONS,
    TEXT_EXTENSIONS,
    decode_text,
    file_sha256,
    read_bytes,
    read_path,
    read_text,
    sha256_bytes,
)

__all__ = [
    "BULLET_CHARS", "MANGLED_MARKER_RE", "MARKER_RE", "MIB", "MIN_RENDER_DPI", "TEXT_EXTENSIONS", "Limits",
    "HTML_EXTENSIONS",
    "RawDoc", "RawLine", "RawPage", "RawWord", "count_case", "current", "decode_text", "file_sha256", "normalize",
    "read_bytes", "read_path", "read_text", "render_scale", "set_limits", "sha256_bytes",
]
