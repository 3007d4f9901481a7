"""What several stages share: document symbols and types (the document identity), the gazetteer of
organs and provinces valid on a date, sentence segmentation, the words that mark the layout.
"""
import os

from ..compiled import use_build

# whether the package runs compiled (`pipeline/compiled.py`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_lang__mypyc")

from .gazetteer import find_province, province_on, provinces, read_tsv  # noqa: E402
from .headings import RECIPIENTS_HEADING  # noqa: E402
from .symbols import (  # noqa: E402
    Symbol,
    canonical_type_code,
    doc_type_name,
    find_symbols,
    fold,
    issuer_codes,
    match_doc_type,
    parse_symbol,
    slug,
    symbol_key,
    type_codes,
    type_names,
)

__all__ = [
    "RECIPIENTS_HEADING", "Symbol", "canonical_type_code", "doc_type_name", "find_province", "find_symbols", "fold",
    "issuer_codes", "match_doc_type", "parse_symbol", "province_on", "provinces", "read_tsv", "slug",
    "symbol_key", "type_codes", "type_names",
]
