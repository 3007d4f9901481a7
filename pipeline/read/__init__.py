"""Reading inputs: one reader per format (text, Markdown, HTML, DOCX, PDF), the raw pages and lines
they produce, a PDF's text layer, reading limits, and normalization into the one text of a
`Document`.

An install may compile the modules normalization runs (mypyc, `setup.py`; README: "Compiled stages"): they run
compiled only while their sources are as built and `CHITHI_PURE_PYTHON` is unset, else all of them from their
`.py` files (`pipeline/compiled.py`).
"""
import os

from ..compiled import use_build

# whether the reader runs compiled (`python -c "import pipeline.read as r; print(r.compiled)"`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_read__mypyc")

from .case import count_case  # noqa: E402
from .layout import RawDoc, RawLine, RawPage, RawWord  # noqa: E402
from .limits import MIB, MIN_RENDER_DPI, Limits, current, render_scale, set_limits  # noqa: E402
from .normalization import normalize  # noqa: E402
from .paragraphs import BULLET_CHARS, MANGLED_MARKER_RE, MARKER_RE  # noqa: E402
from .readers import (  # noqa: E402
    HTML_EXTENSIONS,
    TEXT_EXTENSIONS,
    decode_text,
    file_sha256,
    holds_pages,
    read_bytes,
    read_path,
    read_text,
    sha256_bytes,
)

__all__ = [
    "BULLET_CHARS", "MANGLED_MARKER_RE", "MARKER_RE", "MIB", "MIN_RENDER_DPI", "TEXT_EXTENSIONS", "Limits",
    "HTML_EXTENSIONS", "compiled",
    "RawDoc", "RawLine", "RawPage", "RawWord", "count_case", "current", "decode_text", "file_sha256", "holds_pages",
    "normalize",
    "read_bytes", "read_path", "read_text", "render_scale", "set_limits", "sha256_bytes",
]
