"""What is written beside the records: Parquet tables, iCalendar, the HTML view of a document, the
spaCy view, and safe (atomic) output files.
"""
from .outfiles import OutputLock, atomic_write, clean_graph, clean_record, replace_into
from .show import render_html
from .spacy_doc import to_spacy
from .tables import write_tables

__all__ = [
    "OutputLock", "atomic_write", "clean_graph", "clean_record", "render_html", "replace_into", "to_spacy",
    "write_tables",
]
