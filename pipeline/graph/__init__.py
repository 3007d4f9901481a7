"""The corpus citation graph: document keys, building and resolution, queries, and the offline
explorer page with its assets.
"""
from .build import (
    GraphError,
    GraphResult,
    Resolution,
    apply_targets,
    build_graph,
    build_graph_from_jsonl,
    flat_copy,
    read_graph,
    read_records,
    write_graph,
)
from .explorer import CONTEXT_CHARS, write_explorer
from .keys import Context, key_reference, node_key
from .queries import run_query

__all__ = [
    "CONTEXT_CHARS", "Context", "GraphError", "GraphResult", "Resolution", "apply_targets", "build_graph",
    "build_graph_from_jsonl", "flat_copy", "key_reference", "node_key", "read_graph", "read_records",
    "run_query", "write_explorer", "write_graph",
]
