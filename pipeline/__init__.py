"""chithi: Vietnamese directive documents into structured records and a citation graph.

>>> from pipeline import extract
>>> doc = extract("Số: 05/CT-TTg\\nCHỈ THỊ\\nVề tiết kiệm\\n1. Các bộ, ngành thực hiện thường xuyên.")
>>> doc.to_dict()["header"]["doc_type"]
'Chỉ thị'
"""
from __future__ import annotations

from .errors import ChithiError, CorruptInputError, EmptyDocumentError, InputError, UnsupportedFormatError
from .extract import annotate, extract
from .model import SCHEMA_VERSION, Document

__version__ = "0.1.0"

__all__ = ["extract", "annotate", "Document", "SCHEMA_VERSION", "ChithiError", "InputError",
           "UnsupportedFormatError", "CorruptInputError", "EmptyDocumentError", "build_graph",
           "process_archive", "to_spacy", "__version__"]


def build_graph(records):
    """Build the corpus citation graph from records (dicts of `Document.to_dict()`); see
    `pipeline.graph.build.build_graph`."""
    from .graph import build_graph as _build
    return _build(records)


def process_archive(inputs, out, **kwargs):
    """Process files, folders and zip archives into an output folder; see `pipeline.batch.archive`."""
    from .batch import process_archive as _process
    return _process(inputs, out, **kwargs)


def to_spacy(doc):
    """The record as a `spacy.tokens.Doc` with sentences, entities and span groups; see
    `pipeline.export.spacy_doc`."""
    from .export import to_spacy as _to_spacy
    return _to_spacy(doc)
