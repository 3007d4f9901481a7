"""The graph's GEXF and GraphML written as text (`graph.gexf`, `graph.graphml`) are byte for byte networkx's."""
from __future__ import annotations

import math

import networkx as nx
import pytest

from pipeline.graph.gexf import write_gexf
from pipeline.graph.graphml import write_graphml


def _graphs():
    multi = nx.MultiDiGraph(name="corpus & <co>")
    multi.add_node("vn:a", key="k\"1", seen=True, year=2024, title="Chỉ thị\tsố 1\n<về> & \"x\"")
    multi.add_node("vn:b")                         # no attribute: an empty element
    multi.add_node("vn:c", score=math.inf, ratio=0.5, neg=-math.inf, nan=math.nan, seen=False)
    multi.add_edge("vn:a", "vn:b", relation="cites", index=3)
    multi.add_edge("vn:a", "vn:b", relation="amends", resolved=False)
    multi.add_edge("vn:c", "vn:a", key="k2", text="\u00e9\r\u1ef9 \ud7ff")
    multi.add_edge("vn:c", "vn:a", key="k3", text=1)       # a second type of the same name: a second key
    plain = nx.DiGraph()
    plain.add_edge(1, 2)                            # no attribute on the edge (no multigraph key)
    plain.add_edge(2, 3, w="x")
    undirected = nx.Graph()
    undirected.add_node("only", a=1)
    reserved = nx.MultiDiGraph()
    reserved.add_node("x", label="shown", id="n1")  # attributes GEXF reads itself: networkx writes them
    reserved.add_edge("x", "x", weight=2.0)
    return [multi, plain, undirected, nx.MultiDiGraph(), reserved]


@pytest.mark.parametrize("fmt", ["gexf", "graphml"])
@pytest.mark.parametrize("k", range(5))
def test_the_text_writers_give_networkx_bytes(tmp_path, monkeypatch, k, fmt):
    G = _graphs()[k]
    getattr(nx, f"write_{fmt}")(G, tmp_path / f"nx.{fmt}")
    if k < 4:       # written as text, not handed to networkx
        monkeypatch.setattr(nx, f"write_{fmt}", None)
    {"gexf": write_gexf, "graphml": write_graphml}[fmt](G, tmp_path / f"fast.{fmt}")
    assert (tmp_path / f"fast.{fmt}").read_bytes() == (tmp_path / f"nx.{fmt}").read_bytes()


@pytest.mark.parametrize("value", [object(), "\ud800 lone surrogate", "bell \x07"])
def test_refuses_what_networkx_refuses(tmp_path, value):
    G = nx.MultiDiGraph()
    G.add_node("a", bad=value)
    for ours, theirs, name in ((write_gexf, nx.write_gexf, "g.gexf"), (write_graphml, nx.write_graphml, "g.graphml")):
        try:
            theirs(G, tmp_path / name)
        except Exception as e:      # noqa: BLE001 - whatever networkx raises, ours raises too
            with pytest.raises(type(e)):
                ours(G, tmp_path / name)
        else:
            expected = (tmp_path / name).read_bytes()
            ours(G, tmp_path / name)
            assert (tmp_path / name).read_bytes() == expected
