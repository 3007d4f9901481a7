"""GraphML of the corpus graph written as text, byte for byte what `networkx.write_graphml` (its lxml
writer) writes for it.

networkx makes an lxml element for every node, edge and value and serializes each on its own; the
graph written here (`files.flat_copy`: scalar attributes) is a few formatted lines per node and edge.
A graph with anything else (a graph `id`, node or edge defaults, a type GraphML has no name for, a
character XML cannot hold) goes to networkx as before, which writes it or raises as it did.
"""
from __future__ import annotations

from pathlib import Path

import networkx as nx

from pipeline import regexes

# the attribute types networkx names for these Python types (the last entry of its table wins)
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
# libxml2's escapes: of text, and of attribute values
_TEXT = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;"})
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
                       "\t": "&#9;"})
_TEXT_ANY = regexes.compile("[&<>\r]")
_ATTR_ANY = regexes.compile('[&<>"\r\n\t]')


def _esc_attr(s: str) -> str:
    return s.translate(_ATTR) if _ATTR_ANY.search(s) else s


# what lxml refuses in a string (not an XML character)
_NOT_XML = regexes.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_HEAD = ('<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/'
         'xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')


class _Unsupported(Exception):
    """The graph holds something this writer leaves to networkx."""


class _Keys:
    """The `<key>` declarations, one per (name, type, scope) in order of first use, numbered `d0`, `d1` ...
    and written last first, as networkx writes them."""

    def __init__(self) -> None:
        self.ids: dict[tuple[str, type, str], str] = {}
        self.decl: list[str] = []

    def data(self, items, scope: str, indent: str) -> list[str]:
        out = []
        for k, v in items:
            t = type(v)
            key = self.ids.get((k, t, scope))
            if key is None:
                if t not in _TYPES or not isinstance(k, str):
                    raise _Unsupported(scope)
                key = self.ids[k, t, scope] = f"d{len(self.ids)}"
                self.decl.append(f'<key id="{key}" for="{scope}" attr.name="{_esc_attr(k)}" '
                                 f'attr.type="{_TYPES[t]}"/>\n')
            s = v if t is str else str(v)       # (most values have nothing to escape: searched, not translated)
            out.append(f'{indent}<data key="{key}">{s.translate(_TEXT) if _TEXT_ANY.search(s) else s}</data>\n')
        return out


def _element(open_tag: str, tag: str, body: list[str]) -> list[str]:
    return [f"<{open_tag}>\n", *body, f"</{tag}>\n"] if body else [f"<{open_tag}/>\n"]


def _pieces(G: nx.Graph) -> list[str]:
    """The file's text in pieces, written one after the other (joined, a 20,000-document graph's text took 150 MB
    more at once)."""
    keys = _Keys()
    graph_data = keys.data(G.graph.items(), "graph", "")
    # every key is declared before the first value is written: the nodes' keys, then the edges'
    nodes = [(_esc_attr(str(n)), keys.data(d.items(), "node", "  ")) for n, d in G.nodes(data=True)]
    multi = G.is_multigraph()
    edges = []
    for e in (G.edges(keys=True, data=True) if multi else G.edges(data=True)):
        attrs = f'source="{_esc_attr(str(e[0]))}" target="{_esc_attr(str(e[1]))}"'
        if multi:
            attrs += f' id="{_esc_attr(str(e[2]))}"'
        edges.append((attrs, keys.data(e[-1].items(), "edge", "  ")))
    out = [_HEAD, *reversed(keys.decl), f'<graph edgedefault="{"directed" if G.is_directed() else "undirected"}">',
           *graph_data]
    for n, body in nodes:
        out += _element(f'node id="{n}"', "node", body)
    for attrs, body in edges:
        out += _element(f"edge {attrs}", "edge", body)
    out.append("</graph></graphml>")
    return out


def write_graphml(G: nx.Graph, path: str | Path) -> None:
    """`networkx.write_graphml(G, path)`, the same bytes, without an lxml element per value where the
    graph allows (see the module docstring)."""
    try:
        if "id" in G.graph or "node_default" in G.graph or "edge_default" in G.graph:
            raise _Unsupported("graph attribute")
        pieces = _pieces(G)
        if any(_NOT_XML.search(p) for p in pieces):     # (single characters: no match spans two pieces)
            raise _Unsupported("not XML")
    except _Unsupported:
        nx.write_graphml(G, path)
        return
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(pieces)
