"""Analyst queries over the corpus citation graph: functions that take the graph `G` first and return
plain rows (a list of dicts), ready for a table, a CSV or `pandas.DataFrame(rows)`.

`chithi graph OUT cites|cited-by|chain|top|unresolved ...` is `run_query(OUT, command, args)`.

A document is named by its node key (``vn:state:ttg:ct:05:2023``), its symbol in any spelling
(``05-CT/TTg``) or an alias (``Đề án 06``).  A symbol that names several documents (``24-CT/TU`` of
two provinces) raises `AmbiguousNodeError` listing them; narrow it with ``issuer=`` or ``year=``.

Example
-------
>>> from pipeline.graph.build import build_graph
>>> G = build_graph([{"id": "a", "header": {"system": "state", "doc_type": "Kế hoạch", "doc_type_code": "KH",
...     "number": "30", "symbol": "30/KH-UBND", "date": "2023-03-01", "issuer": {"name": "UBND tỉnh Tiền Giang"},
...     "locality": "Tiền Giang"},
...     "citations": [{"text": "Chỉ thị số 05/CT-TTg ngày 23/02/2023", "doc_type": "Chỉ thị", "number": "05",
...                    "symbol": "05/CT-TTg", "date": "2023-02-23", "issuer": "Thủ tướng Chính phủ",
...                    "relation": "implements"}]}]).graph
>>> [r["symbol"] for r in implementation_chain(G, "05/CT-TTg")]
['30/KH-UBND']
"""
from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ChithiError
from .build import fold, parse_symbol, read_graph
from .keys import symbol_identity

CHAIN_RELATIONS = ("implements", "based_on", "guides")
COMMANDS = ("cites", "cited-by", "chain", "top", "unresolved")


class GraphQueryError(ChithiError):
    """A query cannot be answered (unknown command, bad argument)."""

    stage = "graph"


class NodeNotFoundError(GraphQueryError):
    """No document of the graph matches the reference."""


class AmbiguousNodeError(GraphQueryError):
    """Several documents match the reference; `candidates` lists their keys.  In the face of
    ambiguity, refuse the temptation to guess."""

    def __init__(self, message: str, candidates: Sequence[str]):
        super().__init__(message + ": " + ", ".join(candidates))
        self.candidates = list(candidates)


# ------------------------------------------------------------------------------------------ lookup

def _matches_issuer(d: Mapping[str, Any], issuer: str | None) -> bool:
    if not issuer:
        return True
    f = fold(issuer)
    hay = " | ".join(fold(x) for x in [d.get("issuer"), d.get("locality"), d.get("key"), d.get("issuer_code"),
                                         *(d.get("issuer_names") or [])] if x)
    return f in hay or f.replace(" ", "-") in (d.get("key") or "")


def _year(d: Mapping[str, Any]) -> int | None:
    y = d.get("year")
    if y is None and d.get("date"):
        y = str(d["date"])[:4]
    try:
        return int(y) if y is not None else None
    except (TypeError, ValueError):
        return None


def find_nodes(G: nx.MultiDiGraph, ref: str, *, issuer: str | None = None, year: int | None = None) -> list[str]:
    """Keys of the documents `ref` may name: a key, a symbol in any spelling (misprints that
    extraction repairs too: `08-CT7TU`, `5/CT-TTG`), or an alias.  Documents resolved to a unique
    node come first: provisional nodes (`resolved: false`) only when no resolved one matches."""
    if ref in G:
        return [ref]
    sym = parse_symbol(ref)
    want = symbol_identity(sym) if sym is not None else None
    f = fold(ref)
    out = []
    for n, d in G.nodes(data=True):
        hit = False
        if sym is not None:
            for s in [d.get("symbol"), *(d.get("symbols_as_written") or [])]:
                p = parse_symbol(s)
                if p is not None and symbol_identity(p) == want:
                    hit = True
                    break
        elif f and any(fold(a) == f for a in d.get("aliases") or []):
            hit = True
        if hit and _matches_issuer(d, issuer) and (year is None or _year(d) == int(year)):
            out.append(n)
    resolved = [n for n in out if G.nodes[n].get("resolved", True)]
    return sorted(resolved or out)


def resolve_node(G: nx.MultiDiGraph, ref: str, *, issuer: str | None = None, year: int | None = None) -> str:
    """The one key `ref` names; raises `NodeNotFoundError` or `AmbiguousNodeError`."""
    found = find_nodes(G, ref, issuer=issuer, year=year)
    if not found:
        raise NodeNotFoundError(f"no document {ref!r} in the graph")
    if len(found) > 1:
        raise AmbiguousNodeError(f"{ref!r} names {len(found)} documents (narrow with issuer= or year=)", found)
    return found[0]


def _doc(G: nx.MultiDiGraph, n: str) -> dict[str, Any]:
    d = G.nodes[n]
    return {"symbol": d.get("symbol"), "doc_type": d.get("doc_type"), "issuer": d.get("issuer"),
            "date": d.get("date"), "title": d.get("title"), "seen": bool(d.get("seen"))}


# ----------------------------------------------------------------------------------------- queries

def cites(G: nx.MultiDiGraph, ref: str, *, issuer: str | None = None, year: int | None = None) -> list[dict]:
    """What the document `ref` cites: one row per citation (edge), in the order of the text."""
    n = resolve_node(G, ref, issuer=issuer, year=year)
    rows = [{"source": n, "target": v, "relation": e.get("relation"), "path": e.get("path"),
             **_doc(G, v), "text": e.get("text"), "span": e.get("span"), "method": e.get("method")}
            for _, v, e in G.out_edges(n, data=True)]
    return sorted(rows, key=lambda r: (r["span"] or [0])[0])


def cited_by(G: nx.MultiDiGraph, ref: str, *, issuer: str | None = None, year: int | None = None,
             relation: str | None = None) -> list[dict]:
    """What cites the document `ref`: one row per citation, the citing document's metadata with it."""
    n = resolve_node(G, ref, issuer=issuer, year=year)
    rows = [{"source": u, "target": n, "relation": e.get("relation"), "path": e.get("path"),
             **_doc(G, u), "text": e.get("text"), "record": e.get("record")}
            for u, _, e in G.in_edges(n, data=True) if relation is None or e.get("relation") == relation]
    return sorted(rows, key=lambda r: (r["date"] or "", r["source"]))


def implementation_chain(G: nx.MultiDiGraph, ref: str, *, relations: Iterable[str] = CHAIN_RELATIONS,
                         max_depth: int | None = None, issuer: str | None = None,
                         year: int | None = None) -> list[dict]:
    """Who implements the directive `ref`, and who implements those: breadth-first over incoming
    edges whose relation is in `relations`.  Each document appears once, at its shortest depth, with
    the `parent` it implements and the `relation` of that edge."""
    root = resolve_node(G, ref, issuer=issuer, year=year)
    rels = set(relations)
    seen = {root}
    rows: list[dict] = []
    queue = deque([(root, 0)])
    while queue:
        node, depth = queue.popleft()
        if max_depth is not None and depth >= max_depth:
            continue
        level = []
        for u, _, e in G.in_edges(node, data=True):
            if e.get("relation") in rels and u not in seen:
                seen.add(u)
                level.append({"depth": depth + 1, "key": u, **_doc(G, u), "relation": e.get("relation"),
                              "parent": node, "path": e.get("path")})
        level.sort(key=lambda r: (r["date"] or "", r["key"]))
        rows.extend(level)
        queue.extend((r["key"], depth + 1) for r in level)
    return rows


def format_chain(G: nx.MultiDiGraph, ref: str, **kw) -> str:
    """The implementation chain of `ref` as an indented text tree (for terminals and notebooks)."""
    root = resolve_node(G, ref, issuer=kw.pop("issuer", None), year=kw.pop("year", None))
    rows = implementation_chain(G, root, **kw)
    children: dict[str, list[dict]] = {}
    for r in rows:
        children.setdefault(r["parent"], []).append(r)

    def label(n: str) -> str:
        d = G.nodes[n]
        return " ".join(x for x in [d.get("doc_type") or "", d.get("symbol") or n, f"({d.get('issuer')})"
                                    if d.get("issuer") else "", d.get("date") or ""] if x)

    lines = [label(root)]

    def walk(n: str, prefix: str) -> None:
        kids = children.get(n, [])
        for i, r in enumerate(kids):
            last = i == len(kids) - 1
            lines.append(f"{prefix}{'└── ' if last else '├── '}[{r['relation']}] {label(r['key'])}")
            walk(r["key"], prefix + ("    " if last else "│   "))

    walk(root, "")
    return "\n".join(lines)


def top_cited(G: nx.MultiDiGraph, n: int = 20, *, issuer: str | None = None, system: str | None = None,
              doc_type: str | None = None, year: int | None = None, relation: str | None = None,
              provisional: bool = False) -> list[dict]:
    """The most cited documents, by the number of distinct documents citing them (then citations).

    Filters apply to the cited document: `issuer` (part of its issuer name or locality), `system`
    (party | state), `doc_type` (name or code: 'Chỉ thị' or 'CT'), `year`; `relation` counts only
    edges of that relation; `provisional` counts the provisional nodes of unresolved citations too."""
    rows = []
    ft = fold(doc_type) if doc_type else None
    for node, d in G.nodes(data=True):
        if not provisional and not d.get("resolved", True):
            continue
        if system and d.get("system") != system:
            continue
        if ft and ft not in (fold(d.get("doc_type")), fold(d.get("doc_type_code"))):
            continue
        if year is not None and _year(d) != int(year):
            continue
        if not _matches_issuer(d, issuer):
            continue
        edges = [(u, e) for u, _, e in G.in_edges(node, data=True) if relation is None or e.get("relation") == relation]
        if not edges:
            continue
        rows.append({"key": node, **_doc(G, node), "doc_type_code": d.get("doc_type_code"),
                     "system": d.get("system"), "year": _year(d),
                     "cited_by": len({u for u, _ in edges}), "citations": len(edges)})
    rows.sort(key=lambda r: (-r["cited_by"], -r["citations"], r["key"]))
    for i, r in enumerate(rows[:n], 1):
        r["rank"] = i
    return rows[:n]


def unresolved(G: nx.MultiDiGraph, *, status: str | None = None, record: str | None = None) -> list[dict]:
    """Citations left `ambiguous` (with candidates) or `unresolved` (with the reason)."""
    return [dict(r) for r in G.graph.get("unresolved", [])
            if (status is None or r["status"] == status) and (record is None or r["record"] == record)]


# --------------------------------------------------------------------------------------------- CLI

def _parse_args(args: Mapping[str, Any] | Sequence[str] | None) -> dict[str, Any]:
    if args is None:
        return {}
    if isinstance(args, Mapping):
        return dict(args)
    out: dict[str, Any] = {}
    it = iter(args)
    for a in it:
        if a.startswith("--"):
            name = a[2:].replace("-", "_")
            if "=" in name:
                name, val = name.split("=", 1)
            else:
                val = next(it, None)
                if val is None:
                    raise GraphQueryError(f"option --{name} needs a value")
            out[name] = val
        elif "node" not in out:
            out["node"] = a
        else:
            raise GraphQueryError(f"unexpected argument {a!r}")
    return out


def _int(v: Any, name: str) -> int | None:
    if v is None:
        return None
    try:
        return int(v)
    except (TypeError, ValueError) as e:
        raise GraphQueryError(f"--{name} must be a number, not {v!r}") from e


def query(G: nx.MultiDiGraph, command: str, args: Mapping[str, Any] | Sequence[str] | None = None) -> list[dict]:
    """Run one `COMMANDS` query on a loaded graph; `args` is a mapping or an argv list
    (``["05/CT-TTg", "--issuer", "Bắc Giang"]``)."""
    a = _parse_args(args)
    node, issuer, year = a.get("node"), a.get("issuer"), _int(a.get("year"), "year")
    if command in ("cites", "cited-by", "chain") and not node:
        raise GraphQueryError(f"{command} needs a document (key, symbol or alias)")
    if command == "cites":
        return cites(G, node, issuer=issuer, year=year)
    if command == "cited-by":
        return cited_by(G, node, issuer=issuer, year=year, relation=a.get("relation"))
    if command == "chain":
        rel = a.get("relations")
        rels = tuple(rel.split(",")) if isinstance(rel, str) else tuple(rel or CHAIN_RELATIONS)
        return implementation_chain(G, node, relations=rels, max_depth=_int(a.get("max_depth"), "max-depth"),
                                    issuer=issuer, year=year)
    if command == "top":
        return top_cited(G, _int(a.get("n"), "n") or 20, issuer=issuer, system=a.get("system"),
                         doc_type=a.get("doc_type") or a.get("type"), year=year, relation=a.get("relation"))
    if command == "unresolved":
        return unresolved(G, status=a.get("status"), record=a.get("record"))
    raise GraphQueryError(f"unknown graph command {command!r} (one of {', '.join(COMMANDS)})")


def run_query(out_dir: str | Path, command: str, args: Mapping[str, Any] | Sequence[str] | None = None) -> list[dict]:
    """Load the graph written under `out_dir` (its node-link ``graph.json``) and run one query."""
    return query(read_graph(out_dir), command, args)
