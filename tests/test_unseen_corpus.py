"""The hand-annotated unseen documents (corpora/unseen): their gold is well-formed GOLD.md, names documents that
ship beside it, and lines up with the outline the pipeline reads (every annotated task path is one the pipeline
finds, with the words it starts with), so `chithi evaluate corpora/unseen` measures bodies and deadlines."""
from __future__ import annotations

import json

import pytest

from pipeline import extract
from pipeline.cli import main
from pipeline.evaluate import score_records

from .conftest import ROOT, corpus_dir

UNSEEN = ROOT / "corpora" / "unseen"
ROLES = {"lead", "coordinate", "oversee", "report_to"}
KINDS = {"date", "period", "recurring", "relative", "ongoing"}


def golds() -> list:
    return sorted(corpus_dir(UNSEEN).glob("*.gold.json"))


# nodes with no words of their own: an article whose number stands alone on its line, its clauses below (`**Điều 2.**`)
NO_OWN_WORDS = {"db769f685bf6bb23.gold.json": {"2"}}


def test_the_unseen_gold_is_well_formed():
    files = golds()
    assert len(files) == 106
    for g in files:
        gold = json.loads(g.read_text(encoding="utf-8"))
        assert (UNSEEN / gold["file"]).is_file() and set(gold) == {"file", "tasks"}, g.name
        for t in gold["tasks"]:
            assert t["path"] and (t["starts"] or t["path"] in NO_OWN_WORDS.get(g.name, ())), (g.name, t["path"])
            assert all(b["role"] in ROLES and b["name"] for b in t["bodies"]), (g.name, t["path"])
            assert all(d["kind"] in KINDS for d in t["deadlines"]), (g.name, t["path"])


@pytest.mark.parametrize("gold_file", golds(), ids=lambda p: p.name[:16])
def test_the_outline_lines_up_with_the_gold(gold_file):
    gold = json.loads(gold_file.read_text(encoding="utf-8"))
    record = extract(UNSEEN / gold["file"]).to_dict()
    report = score_records([record], [gold])
    tasks = report.part("tasks")
    assert (tasks.fn, tasks.fp) == (0, 0), report.table(by_doc=True)


def test_parts_left_out_of_the_gold_show_no_figure():
    gold = json.loads(golds()[0].read_text(encoding="utf-8"))
    table = score_records([extract(UNSEEN / gold["file"]).to_dict()], [gold]).table()
    assert "n/a (no header gold)" in table
    assert [line.split()[1:4] for line in table.splitlines() if line.strip().startswith("citations")] == [["n/a"] * 3]


def test_perturbed_scores_show_no_header_figure_where_none_was_annotated(tmp_path, capsys):
    gold = golds()[0]
    for f in (gold, UNSEEN / json.loads(gold.read_text(encoding="utf-8"))["file"]):
        (tmp_path / f.name).write_bytes(f.read_bytes())
    assert main(["evaluate", str(tmp_path), "--perturb", "emphasis"]) == 0
    out = capsys.readouterr().out
    rows = [line.split() for line in out.splitlines() if line.strip().startswith(("clean", "emphasis"))]
    assert [row[-1] for row in rows] == ["n/a", "n/a"]
