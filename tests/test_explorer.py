"""explorer.html: self-contained, safe against document text, and working in headless Chromium.

The browser tests need the Debian `chromium` package (/usr/bin/chromium) and the `playwright` Python
package (no browser download); they are skipped when either is missing.
"""
from __future__ import annotations

import json
import re
import shutil
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_graph import INJECT, K05, K24_HCM, fixture_records  # noqa: E402

from pipeline.graph import build_graph  # noqa: E402
from pipeline.graph.explorer import explorer_data, render_chain_svg, write_explorer  # noqa: E402

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def built():
    recs = fixture_records()
    return build_graph(recs).graph, recs


@pytest.fixture(scope="module")
def page_file(built, tmp_path_factory):
    G, recs = built
    return write_explorer(G, recs, tmp_path_factory.mktemp("explorer"))


def test_page_is_self_contained(page_file):
    html = page_file.read_text(encoding="utf-8")
    assert page_file.name == "explorer.html"
    assert not re.search(r"""(src|href)=["']?(https?:)?//""", html)
    assert "<link" not in html and "innerHTML" not in html and "insertAdjacentHTML" not in html
    assert "script-src 'sha256-" in html


def test_data_is_escaped(page_file, built):
    html = page_file.read_text(encoding="utf-8")
    m = re.search(r'<script type="application/json" id="chithi-data">(.*?)</script>', html, re.S)
    blob = m.group(1)
    assert "<" not in blob and ">" not in blob and "&" not in blob
    data = json.loads(blob)
    titles = [n.get("ti") for n in data["nodes"]]
    assert any(INJECT in (t or "") for t in titles)
    assert html.count("<script") == 2            # the data element and the page's own script


def test_explorer_data(built):
    G, recs = built
    data = explorer_data(G, recs)
    keys = [n["k"] for n in data["nodes"]]
    assert len(keys) == G.number_of_nodes() and len(data["edges"]) == G.number_of_edges()
    assert data["tasks"][K24_HCM][0][2] == [["Các cấp ủy", "lead"]]
    e = [e for e in data["edges"] if keys[e[1]] == K05 and e[4] and "05-CT/TTg" in e[4][1]]
    assert e, "context of a citation comes from the record text"


def test_chain_svg(built):
    svg = render_chain_svg(built[0], "05/CT-TTg")
    assert svg.startswith("<svg") and "24-CT/TU" in svg and "528-CV/ĐU" in svg


# ------------------------------------------------------------------------------------ in the browser

def _browser():
    sync_api = pytest.importorskip("playwright.sync_api")
    if not Path(CHROMIUM).exists():
        pytest.skip("chromium not installed (apt-get install -y chromium)")
    return sync_api


@pytest.fixture(scope="module")
def browser():
    sync_api = _browser()
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield b
        b.close()


@pytest.fixture(scope="module")
def page(browser, page_file):
    pg = browser.new_page()
    errors: list[str] = []
    dialogs: list[str] = []
    pg.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: errors.append(str(e)))
    pg.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    pg.goto(page_file.as_uri())
    pg.wait_for_function("window.chithiExplorer && window.chithiExplorer.ready")
    pg.errors, pg.dialogs = errors, dialogs
    yield pg
    pg.close()


def test_loads_without_errors(page):
    assert page.errors == []
    assert page.locator("#results li").count() > 5


def test_first_screen_is_the_overview(page, built):
    """The corpus at a glance: the graph of the corpus documents (cited-only ones on demand), the
    most cited documents, a timeline, the unresolved citations as a list; corpus documents first."""
    G, _ = built
    page.evaluate("location.hash = ''")
    page.wait_for_selector("#overview")
    seen = sum(1 for _, d in G.nodes(data=True) if d.get("seen"))
    assert page.locator("#ov-graph circle").count() == seen
    page.check("#ov-cited")
    assert page.locator("#ov-graph circle").count() > seen
    page.uncheck("#ov-cited")
    assert page.locator("#ov-top li >> nth=0").inner_text().startswith("05/CT-TTg")
    assert page.locator("svg.overview-timeline rect").count() >= 2
    provisional = sum(1 for _, v in G.edges() if G.nodes[v].get("resolved") is False)
    assert provisional and page.locator("#ov-unresolved li").count() == provisional
    keys = page.eval_on_selector_all("#results li", "els => els.map(e => e.dataset.key)")
    flags = [G.nodes[k]["seen"] for k in keys]
    assert flags == sorted(flags, reverse=True) and flags[0]
    assert page.errors == []


def test_search_finds_node_and_panel_shows_citations(page):
    page.fill("#q", "05-CT/TTg")                          # the other spelling of 05/CT-TTg
    page.wait_for_timeout(300)                            # the search runs 120 ms after typing
    page.wait_for_function("document.querySelector('#results li') && "
                           "document.querySelector('#results li').dataset.key === 'vn:state:ttg:ct:05:2023'")
    page.click("#results li >> nth=0")
    page.wait_for_selector("#incoming li")
    assert page.locator("#incoming li").count() == 4
    assert "Tỉnh ủy Tiền Giang" in page.inner_text("#incoming")
    assert "based_on" in page.inner_text("#incoming")
    assert page.locator("svg.ego circle").count() == 5    # itself and its four citers


def test_filters_and_panel_tasks(page):
    page.fill("#q", "")
    page.select_option("#f-system", "party")
    page.check("#f-seen")
    page.wait_for_timeout(50)
    keys = page.eval_on_selector_all("#results li", "els => els.map(e => e.dataset.key)")
    assert keys and all(k.startswith("vn:party:") for k in keys)
    page.evaluate(f"location.hash = '#' + encodeURIComponent('{K24_HCM}')")
    page.wait_for_selector("#tasks li")
    assert "trước ngày 30/6/2023" in page.inner_text("#tasks")
    assert "Các cấp ủy (lead)" in page.inner_text("#tasks")
    assert "05/CT-TTg" in page.inner_text("#outgoing")
    page.select_option("#f-system", "")
    page.uncheck("#f-seen")


def test_injected_script_does_not_run(page):
    page.evaluate(f"location.hash = '#' + encodeURIComponent('{K24_HCM}')")
    page.wait_for_selector("#node-title")
    assert "<script>window.__pwned = 1</script>" in page.inner_text("#node-title")
    page.fill("#q", "tăng cường triển khai")
    page.wait_for_timeout(300)
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#panel script, #results script, #panel img").count() == 0
    assert page.dialogs == [] and page.errors == []


def test_unresolved_shown_on_the_citing_document(page):
    page.evaluate("location.hash = '#' + encodeURIComponent('vn:state:ubnd-ho-chi-minh:kh:2100:2023')")
    page.wait_for_selector("#unresolved li")
    assert "tu-ho-chi-minh" in page.inner_text("#unresolved")       # the candidate of the undated 24-CT/TU


def test_large_graph_renders(browser, tmp_path):
    """Thousands of nodes: the list is capped and the page stays interactive."""
    sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "benchmarks"))
    from bench_graph import synthetic_records
    recs = synthetic_records(1500, seed=3)
    G = build_graph(recs).graph
    f = write_explorer(G, recs, tmp_path / "big.html")
    pg = browser.new_page()
    errs: list[str] = []
    pg.on("pageerror", lambda e: errs.append(str(e)))
    pg.on("console", lambda m: errs.append(m.text) if m.type == "error" else None)
    pg.goto(f.as_uri())
    pg.wait_for_function("window.chithiExplorer && window.chithiExplorer.ready", timeout=20000)
    assert pg.locator("#results li").count() == 200
    t = pg.evaluate("""() => { const t0 = performance.now(); const q = document.getElementById('q');
        q.value = 'ubnd';
        document.getElementById('f-seen').dispatchEvent(new Event('change'));   // runs the search now
        return performance.now() - t0; }""")
    pg.wait_for_timeout(300)
    top = pg.get_attribute("#results li >> nth=0", "data-key")
    pg.evaluate("k => location.hash = '#' + encodeURIComponent(k)", top)
    pg.wait_for_selector("#incoming li")
    assert pg.locator("svg.ego circle").count() <= 2 * 36 + 1
    assert errs == [] and t < 1000
    pg.close()
