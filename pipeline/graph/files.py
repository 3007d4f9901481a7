"""The corpus graph on disk: GraphML, GEXF, node-link JSON (the exchange format `read_graph` loads),
CSV node and edge lists and the resolution report; and a batch's `documents.jsonl` read back."""
from __future__ import annotations

import csv
import json
from pathlib import Path
from typing import Any

import networkx as nx

from ..export import clean_graph
from .gexf import write_gexf
from .graphml import write_graphml
from .model import GraphError

GRAPH_FILES = {"graphml": "graph.graphml", "gexf": "graph.gexf", "json": "graph.json",
               "nodes": "nodes.csv", "edges": "edges.csv", "report": "resolution.json"}


def read_records(path: str | Path) -> list[dict]:
    """The records of a `documents.jsonl` (one per line); `GraphError` names a line that is no JSON."""
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise GraphError(f"line {n}: not JSON ({e.msg})", path=str(path)) from e
    return out


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _scalar(v: Any) -> Any:
    if type(v) in _PLAIN:               # (most values: no isinstance test each)
        return v
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def flat_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (lists joined with '; ', None dropped), as GraphML/GEXF need."""
    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.get("summary", {}).items()})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items() if v is not None and v != []})
    for u, v, key, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in d.items() if x is not None})
    return H


NODE_COLUMNS = ["key", "seen", "system", "symbol", "doc_type", "doc_type_code", "number", "issuer", "locality",
                "date", "year", "term", "title", "mentions", "record", "path"]
EDGE_COLUMNS = ["source", "target", "relation", "path", "span", "record", "index", "method", "text"]


def graph_json(G: nx.MultiDiGraph) -> str:
    """graph.json's text: the node-link data of `G` (the exchange format `read_graph` loads)."""
    return json.dumps(nx.node_link_data(G, edges="edges"), ensure_ascii=False)


def write_graph(G: nx.MultiDiGraph, out_dir: str | Path, *, cleaned: bool = False,
                json_written: bool = False) -> dict[str, Path]:
    """Write `G` to `out_dir`: graph.json (node-link, the exchange format that `read_graph` loads, unresolved
    citations included), graph.graphml, graph.gexf, nodes.csv, edges.csv, resolution.json.
    `cleaned`: `G` went through `clean_graph` already (its flat copy needs no second pass).
    `json_written`: the caller wrote graph.json (`graph_json(G)`) into `out_dir` already.
    Returns the paths by format name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / v for k, v in GRAPH_FILES.items()}
    if not json_written:    # (first, its text let go before the XML files are made: 100 MB at 20,000 documents)
        paths["json"].write_text(graph_json(G), encoding="utf-8")
    H = flat_copy(G)
    if not cleaned:     # XML takes no control characters: cleaned in the copy (outfiles.clean_graph)
        clean_graph(H)
    write_graphml(H, paths["graphml"])      # networkx's bytes, without an lxml element per value (graphml.py)
    write_gexf(H, paths["gexf"])      # networkx's bytes, without its element tree (gexf.py)
    with open(paths["nodes"], "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(NODE_COLUMNS)
        for n, d in G.nodes(data=True):
            w.writerow([_scalar(d.get(c)) if c != "key" else n for c in NODE_COLUMNS])
    with open(paths["edges"], "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EDGE_COLUMNS)
        for u, v, d in G.edges(data=True):
            w.writerow([u, v] + [_scalar(d.get(c)) for c in EDGE_COLUMNS[2:]])
    paths["report"].write_text(json.dumps({"summary": G.graph.get("summary", {}),
                                           "unresolved": G.graph.get("unresolved", [])},
                                          ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Load a graph written by `write_graph` (a directory, or its graph.json)."""
    p = Path(path)
    if p.is_dir():     # the graph folder, or a batch output folder holding graph/
        p = p / GRAPH_FILES["json"] if (p / GRAPH_FILES["json"]).exists() or not (p / "graph").is_dir() \
            else p / "graph" / GRAPH_FILES["json"]
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise GraphError("no graph.json here: run the batch with the graph step first", path=str(p)) from e
    except json.JSONDecodeError as e:
        raise GraphError(f"not a node-link JSON graph ({e.msg})", path=str(p)) from e
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
