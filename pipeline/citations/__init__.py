"""Citations stage: references to other documents, their relation and aliases, with the key of the
cited document.
"""
from .context import parse_date
from .stage import citations_stage, find_citations

__all__ = ["citations_stage", "find_citations", "parse_date"]
