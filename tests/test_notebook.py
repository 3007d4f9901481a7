"""notebooks/explore_graph.ipynb runs top to bottom on a small batch output, and is committed without outputs."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_graph import fixture_records  # noqa: E402

NOTEBOOK = Path(__file__).resolve().parents[1] / "notebooks" / "explore_graph.ipynb"


def test_committed_notebook_has_no_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def _text(nb) -> str:
    parts = []
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            parts.append(o.get("text", ""))
            for v in (o.get("data") or {}).values():
                parts.append(v if isinstance(v, str) else json.dumps(v))
    return "\n".join(parts)


def test_notebook_executes_on_a_batch_output(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    docs = tmp_path / "documents.jsonl"
    docs.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in fixture_records()) + "\n", encoding="utf-8")
    monkeypatch.setenv("CHITHI_DOCUMENTS", str(docs))
    monkeypatch.setenv("CHITHI_DIRECTIVE", "05/CT-TTg")
    monkeypatch.setenv("CHITHI_GRAPH_OUT", str(tmp_path / "graph"))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    client = nbclient.NotebookClient(nb, timeout=180, kernel_name="python3",
                                     resources={"metadata": {"path": str(NOTEBOOK.parent)}})
    client.execute()
    out = _text(nb)
    assert "7 records" in out
    assert "└── [implements] Kế hoạch 30/KH-UBND" in out or "[implements]" in out
    assert "528-CV/ĐU" in out                           # depth 2 of the chain of 05/CT-TTg
    assert "<svg" in out or "image/png" in json.dumps([c.get("outputs") for c in nb.cells])
    assert (tmp_path / "graph" / "graph.graphml").exists() and (tmp_path / "graph" / "explorer.html").exists()
