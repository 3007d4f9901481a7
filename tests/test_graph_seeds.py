"""The real pipeline on the five seed documents (corpora/sample/000..004, the documents this project
started from; provenance in corpora/sample/README.md): `process_archive` extracts them and builds
the graph, and the graph keeps what analysts came for.

* every citation with a symbol is an edge to a resolved node (10 of 10);
* `24-CT/TU` is two documents: Thành ủy TP.HCM's of 2023-04-14 (its locality inferred from the
  place the Đảng ủy's letter is about) and Tỉnh ủy Bắc Giang's of 2023-04-28 (from the citing
  sentence, `... trên địa bàn tỉnh Bắc Giang`);
* the news report `Ban Thường vụ thành ủy Gia Nghĩa đã ban hành Chỉ thị số 22-CT/Thu` yields a node
  of that issuer dated 2023-12-29, linked by a `reports` edge;
* every mention of `Đề án 06` resolves to 06/QĐ-TTg, by the alias one seed defines;
* no citation is dropped: edges = citations.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pipeline.batch import process_archive
from pipeline.graph import read_graph

SAMPLE = Path(__file__).resolve().parent.parent / "corpora" / "sample"
SEEDS = sorted(SAMPLE.glob("00[0-4]_*.txt"))
K24_HCM = "vn:party:tu-ho-chi-minh:ct:24:2020-2025"
K24_BG = "vn:party:tu-bac-giang:ct:24:2020-2025"
K06 = "vn:state:ttg:qd:06:2022"


@pytest.fixture(scope="module")
def seed_batch(tmp_path_factory):
    assert len(SEEDS) == 5, f"the five seed documents are missing from {SAMPLE}"
    src = tmp_path_factory.mktemp("seeds")
    for p in SEEDS:
        shutil.copy(p, src / p.name)
    out = tmp_path_factory.mktemp("out")
    process_archive([src], out, jobs=1, progress=False)
    records = [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]
    return records, read_graph(out / "graph")


def test_every_citation_is_an_edge(seed_batch):
    records, G = seed_batch
    citations = sum(len(r["citations"]) for r in records)
    assert G.number_of_edges() == citations
    with_symbol = [(u, v, e) for u, v, e in G.edges(data=True) if e.get("symbol_as_written")]
    assert len(with_symbol) == 10
    assert all(e["resolved"] and not v.startswith("vn:provisional:") for _, v, e in with_symbol)


def test_24_ct_tu_is_two_documents_with_their_evidence(seed_batch):
    _, G = seed_batch
    hcm, bg = G.nodes[K24_HCM], G.nodes[K24_BG]
    assert (hcm["date"], hcm["locality"]) == ("2023-04-14", "Hồ Chí Minh")
    assert "inferred" in hcm["key_reason"] and hcm["locality_inferred"] is True
    assert (bg["date"], bg["locality"]) == ("2023-04-28", "Bắc Giang")
    assert "citing sentence" in bg["key_reason"] and bg["locality_inferred"] is False
    assert sorted(n for n, d in G.nodes(data=True) if d.get("symbol") == "24-CT/TU") == sorted([K24_BG, K24_HCM])


def test_reported_directive_of_gia_nghia(seed_batch):
    _, G = seed_batch
    [node] = [n for n, d in G.nodes(data=True) if d.get("symbol") == "22-CT/ThU"]
    d = G.nodes[node]
    assert d["date"] == "2023-12-29" and "Gia Nghĩa" in d["issuer"] and "thu-gia-nghia" in node
    assert [e["relation"] for _, _, e in G.in_edges(node, data=True)] == ["reports"]


def test_every_mention_of_de_an_06_is_06_qd_ttg(seed_batch):
    records, G = seed_batch
    mentions = [(r["id"], i) for r in records for i, c in enumerate(r["citations"])
                if c.get("symbol") is None and c.get("doc_type") == "Đề án"]
    assert len(mentions) == 3
    edges = {(e["record"], e["index"]): (v, e) for _, v, e in G.edges(data=True)}
    for m in mentions:
        v, e = edges[m]
        assert v == K06, m
        assert e["method"] == "corpus-alias" and e["evidence"].startswith("alias defined in ")
    saying = {r["id"] for r in records if "Đề án 06" in r["text"]}
    assert len(saying) == 4
    assert saying == {e["record"] for _, v, e in G.edges(data=True) if v == K06}
    assert "Đề án 06" in G.nodes[K06]["aliases"]


def test_unresolved_citation_is_a_provisional_node(seed_batch):
    _, G = seed_batch
    provisional = [(n, d) for n, d in G.nodes(data=True) if d.get("resolved") is False]
    assert provisional and all(n.startswith("vn:provisional:") and d["reason"] for n, d in provisional)
    assert G.graph["summary"]["resolved_share"] == round(13 / 14, 4)
