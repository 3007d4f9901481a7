"""What is written beside the records: Parquet tables, iCalendar, the HTML view of a document, the
spaCy view, and safe (atomic) output files.

The names are loaded on first use (PEP 562), so that a module needing one writer does not load
pyarrow and spaCy for the others.
"""
from __future__ import annotations

from ..lazy import lazy_names

_HOMES = {
    "OutputLock": "outfiles", "atomic_write": "outfiles", "clean_graph": "outfiles", "clean_record": "outfiles",
    "record_items": "outfiles", "record_json": "outfiles",
    "replace_into": "outfiles", "xml_refused_shown": "outfiles", "render_html": "show", "to_spacy": "spacy_doc",
    "write_tables": "tables",
}

__all__ = sorted(_HOMES)

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
