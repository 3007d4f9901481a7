"""Corpus-level citation resolution, the graph, its exports and queries (pipeline.graph.build, pipeline.graph.queries).

The fixture records are hand-made dicts of SCHEMA.md built on the real cases of the seeds: two
`24-CT/TU` (Thành ủy TP.HCM 2023-04-14, Tỉnh ủy Bắc Giang 2023-04-28), `05/CT-TTg` written `05-CT/TTg`,
`Đề án 06` as an alias of `06/QĐ-TTg`, `UBND tỉnh` taking the citing document's locality.
`fixture_records()` is imported by test_explorer.py and test_notebook.py.
"""
from __future__ import annotations

import csv
import json

import networkx as nx
import pytest

from pipeline.graph import queries as q
from pipeline.graph.build import (
    GraphError,
    apply_targets,
    build_graph,
    issuer_term,
    node_key,
    parse_symbol,
    read_graph,
    slug,
    write_graph,
)

INJECT = "<script>window.__pwned = 1</script><img src=x onerror=\"window.__pwned=2\">"


def _h(system, issuer, code, number, symbol, date, locality, title, doc_type):
    return {"system": system, "issuer": {"name": issuer, "span": [0, len(issuer)]}, "parent_issuer": None,
            "doc_type": doc_type, "doc_type_code": code, "number": number, "symbol": symbol, "date": date,
            "place": locality, "title": title, "addressees": [], "signer": {}, "recipients": [],
            "locality": locality}


def _c(text, symbol, date, issuer, relation="mentions", *, doc_type="Chỉ thị", written=None, path=None,
       span=None, title=None, number=None):
    return {"text": text, "span": span or [100, 100 + len(text)], "doc_type": doc_type,
            "number": number or (symbol.split("-")[0].split("/")[0] if symbol else None), "symbol": symbol,
            "symbol_as_written": written or symbol, "date": date, "issuer": issuer, "relation": relation,
            "target": None, "path": path, "title": title}


def _rec(rid, header, citations=(), tasks=(), aliases=(), text=None):
    body = text or " ".join(c["text"] for c in citations)
    return {"schema_version": "1", "id": rid, "source": {"path": f"{rid}.txt", "format": "txt"},
            "text": body, "header": header, "tasks": list(tasks), "citations": list(citations),
            "aliases": list(aliases), "warnings": []}


def fixture_records() -> list[dict]:
    """Seven records: a TP.HCM chain, Tiền Giang, Bắc Giang, a news article, a post-merger Đồng Tháp document."""
    ct05 = "Chỉ thị số 05/CT-TTg ngày 23 tháng 02 năm 2023 của Thủ tướng Chính phủ"
    hcm24 = _rec("r-hcm-24", _h("party", "Thành ủy Thành phố Hồ Chí Minh", "CT", "24", "24-CT/TU", "2023-04-14",
                                "Hồ Chí Minh", "tăng cường triển khai Đề án 06 " + INJECT, "Chỉ thị"),
                 citations=[_c("Chỉ thị số 05-CT/TTg ngày 23/02/2023 của Thủ tướng Chính phủ", "05/CT-TTg",
                               "2023-02-23", "Thủ tướng Chính phủ", "implements", written="05-CT/TTg", path="1")],
                 tasks=[{"path": "1", "label": "1.", "level": 1, "parent": None, "span": [0, 40],
                         "text": "Các cấp ủy " + INJECT + " quán triệt Chỉ thị.",
                         "bodies": [{"name": "Các cấp ủy", "role": "lead", "span": [0, 10],
                                     "canonical": None, "inherited": False}],
                         "deadlines": [{"text": "trước ngày 30/6/2023", "span": [20, 40], "kind": "date",
                                        "value": "2023-06-30"}]}])
    hcm528 = _rec("r-hcm-528", _h("party", "Đảng ủy Sở Giáo dục và Đào tạo", "CV", "528", "528-CV/ĐU",
                                  "2023-05-15", "Hồ Chí Minh", "quán triệt Chỉ thị số 24-CT/TU", "Công văn"),
                  citations=[_c("Chỉ thị số 24-CT/TU ngày 14 tháng 4 năm 2023 của Ban Thường vụ Thành ủy", "24-CT/TU",
                                "2023-04-14", "Ban Thường vụ Thành ủy", "implements", path="1", span=[10, 80]),
                             _c("Chỉ thị số 05-CT/TTg ngày 23 tháng 02 năm 2023 của Thủ tướng Chính phủ",
                                "05/CT-TTg", "2023-02-23", "Thủ tướng Chính phủ", written="05-CT/TTg",
                                span=[90, 160]),
                             _c("Đề án “Phát triển ứng dụng dữ liệu về dân cư” (viết tắt là Đề án 06)", None, None,
                                None, "implements", doc_type="Đề án", span=[170, 240]),
                             _c("Chỉ thị số 24-CT/TU", "24-CT/TU", None, None, path="2", span=[300, 319])])
    tg08 = _rec("r-tg-08", _h("party", "Tỉnh ủy Tiền Giang", "CT", "08", "08-CT/TU", "2023-05-10", "Tiền Giang",
                              "tiếp tục đẩy mạnh thực hiện Đề án 06 trên địa bàn tỉnh", "Chỉ thị"),
                citations=[_c("Quyết định số 06/QĐ-TTg ngày 06/01/2022 của Thủ tướng Chính phủ (gọi tắt là Đề án 06)",
                              "06/QĐ-TTg", "2022-01-06", "Thủ tướng Chính phủ", "implements",
                              doc_type="Quyết định", span=[0, 90]),
                           _c("Kế hoạch 53/KH-UBND ngày 18/02/2022 của Ủy ban nhân dân tỉnh", "53/KH-UBND",
                              "2022-02-18", "Ủy ban nhân dân tỉnh", "implements", doc_type="Kế hoạch",
                              span=[100, 160]),
                           _c(ct05, "05/CT-TTg", "2023-02-23", "Thủ tướng Chính phủ", "based_on", span=[200, 270])],
                aliases=[{"alias": "Đề án 06", "refers_to": "vn:state:ttg:qd:06:2022", "span": [75, 83]}])
    bg = _rec("r-bg-30", _h("state", "Ủy ban nhân dân tỉnh Bắc Giang", "KH", "30", "30/KH-UBND", "2023-05-20",
                            "Bắc Giang", "thực hiện Chỉ thị số 24-CT/TU của Ban Thường vụ Tỉnh ủy", "Kế hoạch"),
             citations=[_c("Chỉ thị số 24-CT/TU ngày 28/4/2023 của Ban Thường vụ Tỉnh ủy", "24-CT/TU", "2023-04-28",
                           "Ban Thường vụ Tỉnh ủy", "implements", path="1"),
                        _c(ct05, "05/CT-TTg", "2023-02-23", "Thủ tướng Chính phủ", "implements", span=[200, 270])])
    news = _rec("r-news", {"system": None, "issuer": None, "doc_type": None, "doc_type_code": None,
                           "number": None, "symbol": None, "date": "2022-05-12", "place": None,
                           "title": "Thực hiện Đề án 06: TPHCM phấn đấu là địa phương đi đầu", "locality": None},
                citations=[_c("Kế hoạch 593 của UBND Thành phố", None, None, "UBND Thành phố", doc_type="Kế hoạch",
                              number="593"),
                           _c("Chỉ thị số 24-CT/TU ngày 28/4/2023 của Ban Thường vụ Tỉnh ủy", "24-CT/TU",
                              "2023-04-28", "Ban Thường vụ Tỉnh ủy", span=[300, 360])])
    hcm_short = _rec("r-hcm-kh", _h("state", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "KH", "2100", "2100/KH-UBND",
                                    "2023-06-01", "Hồ Chí Minh", "thực hiện Chỉ thị 24", "Kế hoạch"),
                     citations=[_c("Chỉ thị số 24-CT/TU của Ban Thường vụ Thành ủy", "24-CT/TU", None,
                                   "Ban Thường vụ Thành ủy", "implements")])
    dt = _rec("r-dt-2025", _h("state", "Ủy ban nhân dân tỉnh Đồng Tháp", "KH", "15", "15/KH-UBND", "2025-09-10",
                              "Đồng Tháp", "tổng kết Kế hoạch 53", "Kế hoạch"),
              citations=[_c("Kế hoạch 53/KH-UBND ngày 18/02/2022 của Ủy ban nhân dân tỉnh", "53/KH-UBND",
                            "2022-02-18", "Ủy ban nhân dân tỉnh", "mentions", doc_type="Kế hoạch")])
    return [hcm24, hcm528, tg08, bg, news, hcm_short, dt]


@pytest.fixture(scope="module")
def result():
    return build_graph(fixture_records())


K05 = "vn:state:ttg:ct:05:2023"
K24_HCM = "vn:party:tu-ho-chi-minh:ct:24:2020-2025"
K24_BG = "vn:party:tu-bac-giang:ct:24:2020-2025"
K06 = "vn:state:ttg:qd:06:2022"


def _res(result, rid, i):
    return next(r for r in result.resolutions if r.record == rid and r.index == i)


# ------------------------------------------------------------------------------------------- symbols

@pytest.mark.parametrize("text, canonical, system", [
    ("05/CT-TTg", "05/CT-TTg", "state"), ("05-CT/TTg", "05/CT-TTg", "state"), ("24-CT/TU", "24-CT/TU", "party"),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "state"), ("40/2009/QH12", "40/2009/QH12", "state"),
    ("6411/VPCP-KTTH", "6411/VPCP-KTTH", "state"), ("12/BC-VPTU", "12-BC/VPTU", "party"),
    ("5053-CV/VPTW/nb", "5053-CV/VPTW/nb", "party"), ("5/CT-TTg", "5/CT-TTg", "state"),
    ("08-CT/TU", "08-CT/TU", "party"),
])
def test_parse_symbol(text, canonical, system):
    s = parse_symbol(text)
    assert (s.canonical, s.system) == (canonical, system)


def test_parse_symbol_rejects_text():
    assert parse_symbol("Đề án 06") is None and parse_symbol(None) is None


def test_issuer_term():
    import datetime as dt
    assert issuer_term("TU", dt.date(2023, 4, 14)) == "2020-2025"
    assert issuer_term("TU", dt.date(2020, 8, 20)) is None            # congress season: not guessed
    assert issuer_term("TU", dt.date(2025, 8, 1), merged=True) == "2025-2030"
    assert issuer_term("TW", dt.date(2017, 10, 25)) == "2016-2021"
    assert issuer_term("TW", dt.date(2022, 6, 16)) == "2021-2026"
    assert issuer_term("TW", None, text="Chỉ thị số 18-CT/TW của Ban Bí thư (khóa XI)") == "2011-2016"


def test_node_key_format():
    assert node_key(system="state", issuer="ttg", type_code="CT", number="5", year="2023") == K05


def test_one_document_identity():
    """Citations, the graph and OCR repair share one symbol parser, one key builder, one slug."""
    from pipeline.citations import keys as citations_keys
    from pipeline.citations import stage as citations
    from pipeline.graph import keys as graph_keys
    from pipeline.lang import symbols
    assert graph_keys.parse_symbol is symbols.parse_symbol and graph_keys.Symbol is symbols.Symbol
    assert citations.node_key is graph_keys.node_key is citations_keys.node_key
    assert citations.slug is graph_keys.slug is symbols.slug
    for name in ("STATE_TYPES", "PARTY_TYPES", "TYPE_NAMES", "STATE_ISSUERS", "make_key"):
        assert not hasattr(graph_keys, name)
        assert not hasattr(__import__("pipeline.ocr.repair", fromlist=["x"]), name)


@pytest.mark.parametrize("kw", [dict(system="state", issuer="TTg", type_code="CT", number="5", year="2023"),
                                dict(system="party", issuer="TU", type_code="CT", number="08", year="2020-2025",
                                     locality="Tiền Giang"),
                                dict(system="state", issuer="UBND", type_code="KH", number="922", year="2022",
                                     locality="Hồ Chí Minh")])
def test_key_with_locality_is_the_issuer_slugged_with_it(kw):
    issuer = "-".join(filter(None, [slug(kw["issuer"]), slug(kw.get("locality"))]))
    assert node_key(system=kw["system"], issuer=issuer, type_code=kw["type_code"], number=kw["number"],
                    year=kw["year"]) == node_key(**kw)


def test_apply_targets(result):
    recs = apply_targets(fixture_records(), result)
    assert recs[1]["citations"][2]["target"] == K06
    assert recs[4]["citations"][0]["target"] is None


# ---------------------------------------------------------------------------------------- resolution

def test_same_symbol_two_issuers_are_two_nodes(result):
    G = result.graph
    assert K24_HCM in G and K24_BG in G
    assert G.nodes[K24_HCM]["seen"] is True and G.nodes[K24_BG]["seen"] is False
    assert G.nodes[K24_HCM]["date"] == "2023-04-14" and G.nodes[K24_BG]["date"] == "2023-04-28"


def test_symbol_written_two_ways_is_one_node(result):
    G = result.graph
    assert sorted(G.nodes[K05]["symbols_as_written"]) == ["05-CT/TTg", "05/CT-TTg"]
    citers = {u for u, _ in G.in_edges(K05)}
    assert citers == {K24_HCM, "vn:party:du-so-giao-duc-va-dao-tao-ho-chi-minh:cv:528:2020-2025",
                      "vn:party:tu-tien-giang:ct:08:2020-2025", "vn:state:ubnd-bac-giang:kh:30:2023"}
    assert [n for n in G if n.startswith("vn:state:ttg:ct:05")] == [K05]


def test_alias_resolves_later_mention(result):
    r = _res(result, "r-hcm-528", 2)
    assert (r.status, r.target, r.method) == ("resolved", K06, "corpus-alias")
    assert "Đề án 06" in result.graph.nodes[K06]["aliases"]


def test_issuer_without_locality_takes_the_citing_documents(result):
    assert _res(result, "r-tg-08", 1).target == "vn:state:ubnd-tien-giang:kh:53:2022"
    assert _res(result, "r-hcm-528", 0).target == K24_HCM


def test_later_short_mention_in_same_document(result):
    r = _res(result, "r-hcm-528", 3)
    assert (r.status, r.target, r.method) == ("resolved", K24_HCM, "same-document")


def test_unresolved_with_reasons(result):
    r = _res(result, "r-news", 0)
    assert r.status == "unresolved" and "symbol" in r.reason
    alone = build_graph([fixture_records()[4]])
    r = _res(alone, "r-news", 1)
    assert r.status == "unresolved" and "locality" in r.reason


def test_unresolved_merges_into_the_document_of_same_symbol_and_date(result):
    """The news record's `24-CT/TU ngày 28/4/2023 của Ban Thường vụ Tỉnh ủy` names no locality; the
    batch holds a fuller citation of that symbol and date (Bắc Giang's): it merges there."""
    r = _res(result, "r-news", 1)
    assert (r.status, r.target, r.method) == ("resolved", K24_BG, "symbol-and-date")
    assert "locality" in r.evidence


def test_no_date_is_ambiguous_not_guessed(result):
    r = _res(result, "r-hcm-kh", 0)
    assert r.status == "ambiguous" and r.candidates == [K24_HCM]
    r2 = _res(build_graph(fixture_records(), assume_unique=True), "r-hcm-kh", 0)
    assert (r2.status, r2.target, r2.method) == ("resolved", K24_HCM, "unique-candidate")


def test_merger_makes_predecessors_candidates(result):
    r = _res(build_graph([fixture_records()[6]]), "r-dt-2025", 0)
    assert r.status == "ambiguous"
    assert r.candidates == ["vn:state:ubnd-dong-thap:kh:53:2022", "vn:state:ubnd-tien-giang:kh:53:2022"]
    r = _res(result, "r-dt-2025", 0)          # the batch holds Tiền Giang's 53/KH-UBND of that date
    assert (r.status, r.target, r.method) == ("resolved", "vn:state:ubnd-tien-giang:kh:53:2022", "symbol-and-date")


def test_merger_kind_of_unit_narrows_predecessors():
    rec = _rec("hcm-2025", _h("party", "Thành ủy Thành phố Hồ Chí Minh", "KH", "12", "12-KH/TU", "2025-11-19",
                              "Hồ Chí Minh", "x", "Kế hoạch"),
               citations=[_c("Kế hoạch hành động số 459-KHHĐ/TU ngày 21 tháng 5 năm 2025 của Thành ủy Thành phố",
                             "459-KHHĐ/TU", "2025-05-21", "Thành ủy Thành phố", doc_type="Kế hoạch")])
    r = build_graph([rec]).resolutions[0]
    assert (r.status, r.target) == ("resolved", "vn:party:tu-ho-chi-minh:khhd:459:2020-2025")


def test_seen_and_cited_nodes_and_edges(result):
    G = result.graph
    assert isinstance(G, nx.MultiDiGraph)
    assert sum(1 for _, d in G.nodes(data=True) if d["seen"]) == 7
    e = [d for _, _, d in G.edges(data=True) if d["record"] == "r-hcm-528" and d["index"] == 0][0]
    assert e["relation"] == "implements" and e["path"] == "1" and e["span"] == [10, 80]
    assert G.graph["summary"]["citations"] == len(result.resolutions) == 14
    assert {u["status"] for u in G.graph["unresolved"]} == {"ambiguous", "unresolved"}


def test_news_article_is_an_unkeyed_seen_node(result):
    n = [d for _, d in result.graph.nodes(data=True) if d.get("record") == "r-news"][0]
    assert n["key"].startswith("vn:record:") and n["seen"] and n["key_reason"]


def test_gold_shaped_header_with_string_issuer():
    rec = _rec("g", {"system": "party", "issuer": "Tỉnh ủy Tiền Giang", "symbol": "08-CT/TU",
                     "date": "2023-05-10", "place": "Tiền Giang", "locality": None})
    G = build_graph([rec]).graph
    assert "vn:party:tu-tien-giang:ct:08:2020-2025" in G


def test_empty_corpus():
    r = build_graph([])
    assert r.graph.number_of_nodes() == 0 and r.resolutions == []


# ---------------------------------------------------------------------------------------------- export

def test_write_and_read_graph(result, tmp_path):
    paths = write_graph(result.graph, tmp_path)
    for p in paths.values():
        assert p.exists() and p.stat().st_size > 0
    G2 = read_graph(tmp_path)
    assert set(G2) == set(result.graph) and G2.number_of_edges() == result.graph.number_of_edges()
    assert G2.graph["unresolved"] == result.graph.graph["unresolved"]
    gm = nx.read_graphml(paths["graphml"])
    assert gm.nodes[K05]["symbols_as_written"] in ("05-CT/TTg; 05/CT-TTg", "05/CT-TTg; 05-CT/TTg")
    nx.read_gexf(paths["gexf"])
    with open(paths["edges"], encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert len(rows) == result.graph.number_of_edges()
    assert json.loads(paths["report"].read_text(encoding="utf-8"))["summary"]["citations"] == 14


def test_read_graph_missing(tmp_path):
    with pytest.raises(GraphError):
        read_graph(tmp_path)


# --------------------------------------------------------------------------------------------- queries

def test_cites_and_cited_by(result):
    G = result.graph
    rows = q.cites(G, "528-CV/ĐU")
    assert {r["target"] for r in rows} == {K24_HCM, K05, K06}
    rows = q.cited_by(G, "05/CT-TTg")
    assert len(rows) == 4 and {r["relation"] for r in rows} == {"implements", "based_on", "mentions"}


def test_ambiguous_reference_refuses_to_guess(result):
    with pytest.raises(q.AmbiguousNodeError) as e:
        q.cited_by(result.graph, "24-CT/TU")
    assert set(e.value.candidates) == {K24_HCM, K24_BG}
    assert {r["source"] for r in q.cited_by(result.graph, "24-CT/TU", issuer="Bắc Giang")} == {
        "vn:state:ubnd-bac-giang:kh:30:2023", "vn:record:r-news"}
    with pytest.raises(q.NodeNotFoundError):
        q.cites(result.graph, "999/QĐ-XYZ")


def test_implementation_chain(result):
    rows = q.implementation_chain(result.graph, K05)
    depth = {r["key"]: r["depth"] for r in rows}
    assert depth[K24_HCM] == 1 and depth["vn:state:ubnd-bac-giang:kh:30:2023"] == 1
    assert depth["vn:party:du-so-giao-duc-va-dao-tao-ho-chi-minh:cv:528:2020-2025"] == 2   # only mentions 05
    rows = q.implementation_chain(result.graph, K24_HCM)
    assert [(r["key"], r["depth"], r["relation"]) for r in rows] == [
        ("vn:party:du-so-giao-duc-va-dao-tao-ho-chi-minh:cv:528:2020-2025", 1, "implements")]
    assert "528-CV/ĐU" in q.format_chain(result.graph, K05)


def test_top_cited_and_filters(result):
    rows = q.top_cited(result.graph, n=3)
    assert rows[0]["key"] == K05 and rows[0]["cited_by"] == 4
    assert [r["key"] for r in q.top_cited(result.graph, system="party")][0] == K24_BG    # Bắc Giang's and the news
    assert all(r["year"] == 2022 for r in q.top_cited(result.graph, year=2022))
    assert q.top_cited(result.graph, doc_type="Kế hoạch")[0]["doc_type_code"] == "KH"
    assert q.top_cited(result.graph, issuer="Thủ tướng")[0]["key"] in (K05, K06)


def test_unresolved_rows(result):
    rows = q.unresolved(result.graph)
    assert len(rows) == 2 and {r["status"] for r in rows} == {"ambiguous", "unresolved"}
    assert len(q.unresolved(result.graph, status="ambiguous")) == 1


def test_run_query_on_written_graph(result, tmp_path):
    write_graph(result.graph, tmp_path)
    assert len(q.run_query(tmp_path, "cited-by", {"node": "05/CT-TTg"})) == 4
    assert len(q.run_query(tmp_path, "cited-by", ["05-CT/TTg"])) == 4
    assert q.run_query(tmp_path, "top", ["--n", "1"])[0]["key"] == K05
    assert q.run_query(tmp_path, "chain", [K24_HCM])[0]["depth"] == 1
    assert len(q.run_query(tmp_path, "unresolved", [])) == 2
    assert q.run_query(tmp_path, "cites", ["--issuer", "Bắc Giang", "30/KH-UBND"])
    with pytest.raises(q.GraphQueryError):
        q.run_query(tmp_path, "nope", [])


def test_query_takes_a_misprinted_symbol(result):
    """`08-CT7TU` (an OCR'd slash) and `8-CT/TU` name 08-CT/TU, as extraction reads them."""
    rows = q.cites(result.graph, "08-CT7TU")
    assert {r["target"] for r in rows} >= {K06, K05}
    assert q.cites(result.graph, "8-ct/tu") == rows


def test_every_citation_is_an_edge(result):
    """Unresolved and ambiguous citations go to provisional nodes (`resolved: false`, the reason)."""
    G = result.graph
    assert G.number_of_edges() == len(result.resolutions)
    for r in q.unresolved(G):
        d = G.nodes[r["provisional"]]
        assert d["resolved"] is False and d["reason"]
    assert not any(G.nodes[n].get("resolved") is False for n in q.find_nodes(G, "24-CT/TU"))


def test_cli_query_without_result_exits_1(result, tmp_path, capsys):
    from pipeline.cli import main
    write_graph(result.graph, tmp_path)
    assert main(["graph", str(tmp_path), "cites", "999/QĐ-XYZ"]) == 1
    assert "999/QĐ-XYZ" in capsys.readouterr().err
    assert main(["graph", str(tmp_path), "cited-by", "2100/KH-UBND"]) == 1     # cited by no document
    assert "no result" in capsys.readouterr().err
    assert main(["graph", str(tmp_path), "cites", "08-CT7TU"]) == 0


def test_reported_document_and_what_its_content_cites():
    """A news text: `Ngày 05/3/2024, UBND tỉnh Bắc Giang đã ban hành Kế hoạch số 45/KH-UBND về triển
    khai thực hiện Chỉ thị số 05/CT-TTg ...`.  The record `reports` Kế hoạch 45 (its issuer and date
    from the sentence); what Kế hoạch 45 implements hangs off Kế hoạch 45, not off the news."""
    from pipeline import extract
    text = ("Tin tức\n\nNgày 05/3/2024, Ủy ban nhân dân tỉnh Bắc Giang đã ban hành Kế hoạch số 45/KH-UBND về "
            "triển khai thực hiện Chỉ thị số 05/CT-TTg ngày 23/02/2023 của Thủ tướng Chính phủ.\n"
            "Theo kế hoạch, các sở, ngành tăng cường kiểm tra.\n")
    rec = {**extract(text).to_dict(), "id": "news"}
    G = build_graph([rec]).graph
    k45 = "vn:state:ubnd-bac-giang:kh:45:2024"
    edges = {(u, v): d for u, v, d in G.edges(data=True)}
    assert edges[("vn:record:news", k45)]["relation"] == "reports"
    assert G.nodes[k45]["date"] == "2024-03-05" and "Bắc Giang" in G.nodes[k45]["issuer"]
    e = edges[(k45, K05)]
    assert e["relation"] == "implements" and e["attributed_by"] == "news" and e["record"] == "news"
    assert G.number_of_edges() == len(rec["citations"]) == 2
