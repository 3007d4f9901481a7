"""`chithi evaluate --perturb --against clean`: each variant scored against the document's own clean
record, for archives without gold (pipeline.evaluate.consistency)."""
from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.cli import main
from pipeline.evaluate import REFERENCES, evaluate_perturbed
from pipeline.evaluate.consistency import documents, record_as_gold
from pipeline.evaluate.score import score_document

from .conftest import SAMPLE


def test_a_clean_record_as_its_own_gold_scores_full_marks():
    doc = next(p for p in documents([SAMPLE]) if p.name.startswith("ct-09"))
    record = extract(doc).to_dict()
    gold = record_as_gold(record, doc.name)
    assert gold["tasks"] and any(t["bodies"] for t in gold["tasks"]) and any(t["deadlines"] for t in gold["tasks"])
    assert gold["header"]["signer"].keys() == {"name", "position"} and gold["header"]["symbol"]
    ds = score_document(gold, record)
    assert all(ds.parts[p].f1 == 1.0 for p in ("tasks", "bodies", "deadlines")), ds.misses
    assert all(ds.header.values())


def test_inherited_bodies_are_no_part_of_the_reference():
    record = {"tasks": [{"path": "1", "text": "Sở Y tế chủ trì kiểm tra.", "deadlines": [],
                         "bodies": [{"name": "Sở Y tế", "role": "lead"},
                                    {"name": "UBND tỉnh", "role": "oversee", "inherited": True}]}]}
    assert record_as_gold(record, "x.txt")["tasks"][0]["bodies"] == [{"name": "Sở Y tế", "role": "lead"}]


def test_documents_leave_out_gold_files_and_notes(tmp_path):
    for name in ("a.txt", "b.md", "a.gold.json", "README.md", "MANIFEST.md", "NOTES.txt", "scan.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [p.name for p in documents([tmp_path])] == ["a.txt", "b.md", "scan.png"]


def test_a_document_that_cannot_be_read_is_one_error_and_the_run_goes_on(tmp_path):
    (tmp_path / "a.txt").write_bytes(b"\x00\x01\x02\x03" * 50)
    (tmp_path / "b.txt").write_text("1. Sở Xây dựng rà soát.\n\n2. Sở Tài chính bố trí kinh phí.\n", encoding="utf-8")
    (tmp_path / "scan.png").write_bytes(b"\x89PNG")
    rep = evaluate_perturbed([tmp_path], lambda data, path: extract(data, path=path).to_dict(),
                             names=["emphasis"], against="clean")
    assert [d.file for d in rep.reports["clean"].docs if d.error] == ["a.txt"]
    assert len(rep.reports["emphasis"].docs) == 1 and rep.skipped == ["scan.png"]
    assert "ERROR clean a.txt" in rep.table() and "not perturbed (no text source): scan.png" in rep.table()


def test_variants_are_scored_against_the_clean_record(tmp_path):
    (tmp_path / "a.txt").write_text("Một.\n\nHai.\n\nBa.\n", encoding="utf-8")

    def paragraphs_as_tasks(data: bytes, path: str) -> dict:
        # a stand-in extractor that reads one node per blank-line-separated paragraph
        paras = [p for p in data.decode().split("\n\n") if p.strip()]
        return {"tasks": [{"path": str(i), "text": p} for i, p in enumerate(paras, 1)]}

    rep = evaluate_perturbed([tmp_path], paragraphs_as_tasks, names=["no_blank_lines", "unicode"], against="clean")
    assert rep.f1("clean", "tasks") == 1.0
    assert rep.f1("no_blank_lines", "tasks") < 1.0       # the paragraphs ran together: its answer changed
    assert "own clean record" in rep.table()
    with pytest.raises(ValueError):
        evaluate_perturbed([tmp_path], paragraphs_as_tasks, against="silver")


def test_cli_against_clean(tmp_path, capsys):
    (tmp_path / "a.txt").write_text("Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng cháy\n\n1. Sở Xây dựng rà soát.\n\n"
                                    "2. Sở Tài chính bố trí kinh phí trước ngày 30/6/2025.\n", encoding="utf-8")
    assert main(["evaluate", str(tmp_path), "--perturb", "emphasis,rewrap", "--against", "clean"]) == 0
    out = capsys.readouterr().out
    assert "own clean record" in out and "emphasis" in out
    assert main(["evaluate", str(tmp_path), "--perturb", "emphasis"]) == 2           # no gold there
    assert "--against clean" in capsys.readouterr().err
    assert main(["evaluate", str(tmp_path), "--against", "clean"]) == 2               # needs --perturb
    scans = tmp_path / "scans"
    scans.mkdir()
    (scans / "a.png").write_bytes(b"\x89PNG")
    (scans / "a.gold.json").write_text('{"tasks": []}', encoding="utf-8")
    assert main(["evaluate", str(scans), "--perturb", "emphasis"]) == 2
    assert "not text: a.png" in capsys.readouterr().err


def test_the_cli_offers_every_reference():
    from pipeline.cli import build_parser
    evaluate = build_parser()._subparsers._group_actions[0].choices["evaluate"]
    against = next(a for a in evaluate._actions if a.dest == "against")
    assert tuple(against.choices) == REFERENCES
