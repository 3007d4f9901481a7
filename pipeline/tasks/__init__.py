"""Task stage: the tree of numbered items of a document's body."""
from .ends import ends_body
from .stage import Marker, parse_marker, segment_tasks

__all__ = ["Marker", "ends_body", "parse_marker", "segment_tasks"]
