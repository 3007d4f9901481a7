"""Task stage: the tree of numbered items of a document's body."""
from .ends import ends_body
from .inline import roman_value
from .markers import Marker, parse_marker
from .stage import segment_tasks
from .tables import column_patterns, column_role

__all__ = ["Marker", "column_patterns", "column_role", "ends_body", "parse_marker", "roman_value", "segment_tasks"]
