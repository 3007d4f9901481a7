"""GEXF of the corpus graph written as text, byte for byte what `networkx.write_gexf` writes for it.

networkx builds an ElementTree of the whole graph (an element per attribute value), indents it in
Python and serializes it element by element: the slowest file of the graph step.  The graph written
here has static, scalar attributes only (`files.flat_copy`), so each node and edge is a few formatted
lines.  A graph with anything else (a GEXF-reserved attribute such as `id`, `label`, `viz`, `spells`,
a list, a type GEXF has no name for, a dynamic mode, defaults) goes to networkx as before.
"""
from __future__ import annotations

import time
from pathlib import Path

import networkx as nx

from pipeline import regexes

# the attribute types networkx names for these Python types (the last entry of its table wins)
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
_NODE_RESERVED = frozenset({"id", "label", "pid", "start", "end", "parents", "spells", "slices", "viz",
                            "networkx_key"})
_EDGE_RESERVED = frozenset({"id", "label", "weight", "type", "start", "end", "spells", "slices", "viz",
                            "networkx_key"})
_GRAPH_RESERVED = frozenset({"mode", "node_default", "edge_default"})
# ElementTree's escapes, in one pass each (`&` is replaced first there, so the results agree)
_ATTR = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;",
                       "\t": "&#09;"})
_ATTR_ANY = regexes.compile('[&<>"\r\n\t]')
_HEAD = ('<?xml version=\'1.0\' encoding=\'utf-8\'?>\n<gexf xmlns="http://www.gexf.net/1.2draft" '
         'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.gexf.net/1.2draft '
         'http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n  <meta lastmodifieddate="{date}">\n'
         '    <creator>NetworkX {version}</creator>\n  </meta>\n')


def _esc_attr(s: str) -> str:
    return s.translate(_ATTR) if _ATTR_ANY.search(s) else s      # most values have nothing to escape


class _Unsupported(Exception):
    """The graph holds something this writer leaves to networkx."""


def _value(v) -> str:
    if v is True or v is False:
        return "true" if v else "false"
    s = str(v)
    if type(v) is float:
        s = {"inf": "INF", "nan": "NaN", "-inf": "-INF"}.get(s, s)
    return _esc_attr(s)


class _Attributes:
    """The attribute declarations of one class (node or edge), numbered in order of first use from a
    counter shared by both classes, as networkx numbers them."""

    def __init__(self, counter: list[int]) -> None:
        self.ids: dict[str, str] = {}
        self.decl: list[str] = []
        self.counter = counter

    def id_of(self, title: str, v) -> str:
        t = _TYPES.get(type(v))
        if t is None:
            raise _Unsupported(title)       # networkx names more types, or refuses the value
        i = self.ids.get(title)
        if i is None:
            i = self.ids[title] = str(self.counter[0])
            self.counter[0] += 1
            self.decl.append(f'      <attribute id="{i}" title="{_esc_attr(title)}" type="{t}" />\n')
        return i

    def values(self, data: dict, indent: str) -> list[str]:
        out = [f"{indent}  <attvalues>\n"]
        ids = self.ids
        for k, v in data.items():
            if type(v) is str and type(k) is str and k != "key" and (i := ids.get(k)) is not None:
                # (most values: a string of a declared attribute, written without a call each)
                v = v.translate(_ATTR) if _ATTR_ANY.search(v) else v
                out.append(f'{indent}    <attvalue for="{i}" value="{v}" />\n')
                continue
            out.append(f'{indent}    <attvalue for="{self.id_of("networkx_key" if k == "key" else str(k), v)}" '
                       f'value="{_value(v)}" />\n')
        out.append(f"{indent}  </attvalues>\n")
        return out


def _element(tag: str, attrs: str, body: list[str], last: bool) -> list[str]:
    """`<tag attrs>` with its attribute values, or `<tag attrs />` with none; the indentation of the
    last element of a list closes the list."""
    if not body:
        return [f"      <{tag} {attrs} />\n"] if not last else [f"      <{tag} {attrs} />\n    "]
    return [f"      <{tag} {attrs}>\n", *body, "      </" + tag + ">\n" + ("    " if last else "")]


def _items(G: nx.Graph, nodes: _Attributes, edges: _Attributes) -> tuple[list[str], list[str]]:
    node_lines: list[str] = []
    n = G.number_of_nodes()
    for k, (node, data) in enumerate(G.nodes(data=True)):
        if not _NODE_RESERVED.isdisjoint(data):
            raise _Unsupported("node attribute")
        s = _esc_attr(str(node))
        node_lines += _element("node", f'id="{s}" label="{s}"', nodes.values(data, "      ") if data else [],
                               k == n - 1)
    edge_lines: list[str] = []
    m = G.number_of_edges()
    multi = G.is_multigraph()
    for k, e in enumerate(G.edges(keys=True, data=True) if multi else G.edges(data=True)):
        data = e[-1]
        if not _EDGE_RESERVED.isdisjoint(data):
            raise _Unsupported("edge attribute")
        if multi:
            data = {**data, "key": e[2]}
        attrs = f'source="{_esc_attr(str(e[0]))}" target="{_esc_attr(str(e[1]))}" id="{k}"'
        edge_lines += _element("edge", attrs, edges.values(data, "      ") if data else [], k == m - 1)
    return node_lines, edge_lines


def _pieces(G: nx.Graph) -> list[str]:
    """The file's text in pieces, written one after the other (joined, a 20,000-document graph's text took 150 MB
    more at once)."""
    counter = [0]
    nodes, edges = _Attributes(counter), _Attributes(counter)
    node_lines, edge_lines = _items(G, nodes, edges)
    name = G.graph.get("name", "")
    if not isinstance(name, str):
        raise _Unsupported("graph name")
    out = [_HEAD.format(date=time.strftime("%Y-%m-%d"), version=nx.__version__),
           f'  <graph defaultedgetype="{"directed" if G.is_directed() else "undirected"}" mode="static" '
           f'name="{_esc_attr(name)}">\n']
    # each class's declarations went in before the graph's first child when first used: edges' first
    for cls, attrs in (("edge", edges), ("node", nodes)):
        if attrs.decl:
            out += [f'    <attributes mode="static" class="{cls}">\n', *attrs.decl, "    </attributes>\n"]
    out += ["    <nodes>\n", *node_lines, "</nodes>\n"] if node_lines else ["    <nodes />\n"]
    out += ["    <edges>\n", *edge_lines, "</edges>\n  </graph>\n"] if edge_lines else ["    <edges />\n  </graph>\n"]
    out.append("</gexf>\n")
    return out


def write_gexf(G: nx.Graph, path: str | Path) -> None:
    """`networkx.write_gexf(G, path)`, the same bytes, without building an element tree where the
    graph allows (see the module docstring)."""
    try:
        if not _GRAPH_RESERVED.isdisjoint(G.graph):
            raise _Unsupported("graph attribute")
        pieces = _pieces(G)
    except _Unsupported:
        nx.write_gexf(G, path)
        return
    with open(path, "w", encoding="utf-8", errors="xmlcharrefreplace", newline="\n") as f:
        f.writelines(pieces)
