"""notebooks/analyst_archive.ipynb (who is asked to do what, when, how directives chain) runs top to
bottom on a real batch: the pipeline run over corpora/sample, which the repository holds."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from pipeline.batch import process_archive

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOK = ROOT / "notebooks" / "analyst_archive.ipynb"
SAMPLE = ROOT / "corpora" / "sample"


def test_committed_notebook_has_no_outputs():
    nbformat = pytest.importorskip("nbformat")
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbformat.validate(nb)
    assert all(c.outputs == [] and c.execution_count is None for c in nb.cells if c.cell_type == "code")


def test_notebook_executes_on_a_batch_of_the_sample(tmp_path, monkeypatch):
    nbformat = pytest.importorskip("nbformat")
    nbclient = pytest.importorskip("nbclient")
    assert any(SAMPLE.glob("*.txt")), f"no documents in {SAMPLE}"
    process_archive([SAMPLE], tmp_path, jobs=1, progress=False, outputs=False)
    docs = tmp_path / "documents.jsonl"
    records = [json.loads(line) for line in docs.read_text(encoding="utf-8").splitlines() if line.strip()]
    monkeypatch.setenv("CHITHI_DOCUMENTS", str(docs))
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3",
                            resources={"metadata": {"path": str(NOTEBOOK.parent)}}).execute()
    texts, images = [], 0
    for cell in nb.cells:
        for o in cell.get("outputs", []):
            assert o.get("output_type") != "error", o
            texts.append(o.get("text", ""))
            data = o.get("data") or {}
            texts.append(data.get("text/plain", ""))
            images += "image/png" in data
    out = "\n".join(texts)
    assert f"{len(records)} records" in out
    tasks = sum(len(r["tasks"]) for r in records)
    assert tasks and "organs with tasks:" in out and "dated deadlines" in out and "recurring duties" in out
    assert images >= 3          # organs by role, the calendar heat map, the most cited of each year
