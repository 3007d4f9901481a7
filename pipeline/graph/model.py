"""The corpus graph's result types: one `Resolution` per citation, the `GraphResult` of a build, and
`GraphError` for a graph that cannot be built, written or read."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from ..errors import ChithiError


class GraphError(ChithiError):
    """A graph cannot be built, written or read."""

    stage = "graph"


@dataclass(slots=True)
class Resolution:
    """How one citation of one record was resolved."""

    record: str
    index: int
    status: str                       # resolved | ambiguous | unresolved | self
    target: str | None = None
    candidates: list[str] = field(default_factory=list)
    reason: str | None = None
    method: str | None = None         # key | same-document | alias | corpus-alias | unique-candidate | record-target
    text: str | None = None
    symbol: str | None = None
    provisional: str | None = None    # the provisional node an unresolved citation's edge goes to
    evidence: str | None = None       # what resolved it beyond its own fields (an alias's defining record)

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "index": self.index, "status": self.status, "target": self.target,
                "candidates": list(self.candidates), "reason": self.reason, "method": self.method,
                "text": self.text, "symbol": self.symbol, "provisional": self.provisional,
                "evidence": self.evidence}


@dataclass
class GraphResult:
    """`build_graph`'s answer: the graph and one `Resolution` per citation."""

    graph: nx.MultiDiGraph
    resolutions: list[Resolution]

    @property
    def unresolved(self) -> list[Resolution]:
        return [r for r in self.resolutions if r.status == "unresolved"]

    @property
    def ambiguous(self) -> list[Resolution]:
        return [r for r in self.resolutions if r.status == "ambiguous"]

    def summary(self) -> dict[str, int]:
        out = {"records": sum(1 for _, d in self.graph.nodes(data=True) if d.get("seen")),
               "nodes": self.graph.number_of_nodes(),
               # (what number_of_edges() counts, without its walk of every node's degree both ways)
               "edges": sum(len(keys) for _, nbrs in self.graph.adjacency() for keys in nbrs.values()),
               "citations": len(self.resolutions)}
        for r in self.resolutions:
            out[r.status] = out.get(r.status, 0) + 1
        if self.resolutions:      # the share of citations resolved to a unique document
            out["resolved_share"] = round(out.get("resolved", 0) / len(self.resolutions), 4)
        return out
