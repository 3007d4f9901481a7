"""The corpus citation graph: document keys, building and resolution, queries, and the offline
explorer page with its assets.

The names are loaded on first use (PEP 562): extracting one document reaches `graph.keys` through
citation keys, and must not pay for networkx and the writers it does not use.
"""
from __future__ import annotations

from ..lazy import lazy_names

_HOMES = {
    "GraphError": "build", "GraphResult": "build", "Resolution": "build", "apply_targets": "build",
    "build_graph": "build", "build_graph_from_jsonl": "build", "flat_copy": "build", "read_graph": "build",
    "read_records": "build", "warm_up": "build", "write_graph": "build",
    "CONTEXT_CHARS": "explorer", "write_explorer": "explorer",
    "Context": "keys", "key_reference": "keys", "node_key": "keys",
    "run_query": "queries",
}

__all__ = sorted(_HOMES)

__getattr__, __dir__ = lazy_names(__name__, _HOMES)
