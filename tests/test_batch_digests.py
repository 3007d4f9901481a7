"""The digests the workers write beside each record (`batch.digests`): the graph and the explorer made
from them are the ones the records give, and a digest that is not of the line on disk (the line
changed, the digest cut or lost, a run killed between the two writes) is never used."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.batch import process_archive
from pipeline.batch.digests import DIGESTS, digested_records, digests, read_index
from pipeline.batch.manifest import Manifest
from pipeline.batch.outputs import iter_records, run_output_steps
from pipeline.batch.summary import Summary
from pipeline.graph.entries import RawJSON, compact_json, script_safe

from .conftest import ARCHIVE, corpus_files

GRAPH_AND_PAGE = ["graph/graph.graphml", "graph/graph.gexf", "graph/graph.json", "graph/nodes.csv",
                  "graph/edges.csv", "graph/resolution.json", "explorer.html"]


def _batch(tmp_path: Path, n: int = 8) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    for i, p in enumerate([p for p in corpus_files(ARCHIVE) if p.suffix == ".md"][:n]):
        (src / f"doc{i}.md").write_text(p.read_text(encoding="utf-8")[:6000], encoding="utf-8")
    out = tmp_path / "out"
    process_archive([src], out, jobs=1, progress=False, outputs=False)
    return out


def _outputs(out: Path) -> dict[str, bytes]:
    """The graph files and the page made now from `out` (its other files left as they are)."""
    for name in GRAPH_AND_PAGE:
        (out / name).unlink(missing_ok=True)
    s = Summary(out=out, counts={"ok": len(list(iter_records(out / "documents.jsonl")))})
    run_output_steps(out, out / "documents.jsonl", s, cores=1)
    assert not s.step_errors
    return {name: (out / name).read_bytes() for name in GRAPH_AND_PAGE}


def _without_digests(out: Path, tmp_path: Path) -> dict[str, bytes]:
    plain = tmp_path / "plain"
    shutil.copytree(out, plain)
    (plain / DIGESTS).unlink()
    return _outputs(plain)


def test_every_record_gets_a_digest_and_the_outputs_are_the_records(tmp_path: Path):
    out = _batch(tmp_path)
    index = read_index(out / DIGESTS)
    records = list(iter_records(out / "documents.jsonl"))
    assert len(index) == len(records) == 8 and any(r["citations"] for r in records)
    # each digest read back is what the record gives (its text in the parts kept around its citations)
    for (graph, entry), rec in zip(digested_records(out / "documents.jsonl", False, index), records, strict=True):
        want_graph, want_entry = digests(rec)
        # the tasks come as the page's JSON, not decoded (the graph reads their count only)
        assert isinstance(entry["tasks"], RawJSON) and graph["tasks"] is entry["tasks"]
        assert entry["tasks"].text == script_safe(compact_json(want_entry["tasks"]))
        assert len(entry["tasks"]) == len(want_entry["tasks"]) == len(rec["tasks"])
        assert {**graph, "tasks": None} == json.loads(json.dumps({**want_graph, "tasks": None}))
        assert {**entry, "text": None, "tasks": None} == json.loads(json.dumps({**want_entry, "text": None,
                                                                                "tasks": None}))
        assert entry["text"].parts == want_entry["text"].parts and len(entry["text"]) == len(rec["text"])
    assert _outputs(out) == _without_digests(out, tmp_path)


def test_a_digest_of_another_line_is_not_used(tmp_path: Path):
    """A record changed after its digest was written (a citation's symbol edited): the graph shows the
    record on disk, as it does without any digest."""
    out = _batch(tmp_path)
    lines = (out / "documents.jsonl").read_bytes().splitlines(keepends=True)
    i = next(i for i, line in enumerate(lines) if json.loads(line)["citations"])
    rec = json.loads(lines[i])
    rec["citations"][0]["symbol"] = "99/CT-TTg"
    lines[i] = json.dumps(rec, ensure_ascii=False).encode("utf-8") + b"\n"
    (out / "documents.jsonl").write_bytes(b"".join(lines))
    got = _outputs(out)
    assert b"99/CT-TTg" in got["graph/graph.json"]
    assert got == _without_digests(out, tmp_path)


def test_a_run_killed_while_writing_a_digest_resumes_with_the_same_outputs(tmp_path: Path):
    """The last record and its digest cut (a kill in the middle of both writes): the resumed run redoes
    the record, its digest starts on a line of its own, and the outputs are those of the records."""
    out = _batch(tmp_path, 4)
    last_id = list(iter_records(out / "documents.jsonl"))[-1]["id"]
    for name in ("documents.jsonl", DIGESTS):
        data = (out / name).read_bytes()
        (out / name).write_bytes(data[:len(data) - len(data.rstrip(b"\n").rsplit(b"\n", 1)[1]) // 2 - 1])
    m = Manifest(out / "manifest.sqlite")
    with m.db:
        m.db.execute("DELETE FROM docs WHERE id=?", (last_id,))
        m.db.execute("DELETE FROM meta")
    m.close()
    assert process_archive([tmp_path / "in"], out, jobs=1, progress=False, outputs=False).processed == 1
    index = read_index(out / DIGESTS)
    records = list(iter_records(out / "documents.jsonl"))
    assert len(records) == 4 and len(index) == 4 and records[-1]["id"] == last_id
    assert _outputs(out) == _without_digests(out, tmp_path)


def test_a_digest_cut_whose_record_is_whole_is_made_again_from_the_record(tmp_path: Path):
    """A kill after the record's line was written whole but within its digest's line (written in
    pieces): the next run ends the cut line, and the graph step digests that record itself."""
    out = _batch(tmp_path, 3)
    data = (out / DIGESTS).read_bytes()
    (out / DIGESTS).write_bytes(data[:len(data) - 200])
    assert process_archive([tmp_path / "in"], out, jobs=1, progress=False, outputs=False).processed == 0
    assert len(read_index(out / DIGESTS)) == 3          # the cut one too, ended by the new run
    assert _outputs(out) == _without_digests(out, tmp_path)


def _edit_digests(out: Path, edit) -> None:
    """Each line of the digest file through `edit(key, body)` (the line's key and what follows it)."""
    parts = [x.partition(b" ") for x in (out / DIGESTS).read_bytes().splitlines()]
    (out / DIGESTS).write_bytes(b"".join(b"%s %s\n" % (k, edit(k, b)) for k, _, b in parts))


def test_a_digest_whose_tasks_are_not_whole_is_made_again_from_the_record(tmp_path: Path):
    """The tasks after the tab one byte short, changed, or missing (a digest of an older version): the
    digest is not used, and the page is the records' (a task's text that could not be decoded is never
    put in as it is)."""
    out = _batch(tmp_path, 4)
    first = (out / DIGESTS).read_bytes().splitlines()[0].partition(b" ")[0]
    cuts = [lambda b: b[:-1], lambda b: b[:-2] + b"x" + b[-1:], lambda b: b.partition(b"\t")[0]]
    for n, cut in enumerate(cuts):
        case = tmp_path / f"case{n}"
        shutil.copytree(out, case)
        _edit_digests(case, lambda k, b, cut=cut: cut(b) if k == first else b)
        kinds = [type(entry["tasks"]) for _, entry in digested_records(case / "documents.jsonl", False)]
        assert kinds == [list, RawJSON, RawJSON, RawJSON]      # the first one made from its record
        assert _outputs(case) == _without_digests(out, tmp_path / f"plain{n}")


def test_the_page_puts_the_digests_tasks_in_as_the_records_give_them(tmp_path: Path):
    """A task whose text holds what the page escapes (`</script>`, `&`, a line separator): the page made
    from the digests holds it escaped, the same bytes as the page made from the records."""
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text("Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng chống thiên tai\n"
                               "Căn cứ Chỉ thị số 05/CT-TTg ngày 02/01/2023 của Thủ tướng Chính phủ;\n"
                               "1. Sở Nội vụ chủ trì </script> & phối hợp\u2028các sở.", encoding="utf-8")
    out = tmp_path / "out"
    process_archive([src], out, jobs=1, progress=False, outputs=False)
    assert isinstance(next(digested_records(out / "documents.jsonl", False))[1]["tasks"], RawJSON)
    got = _outputs(out)
    assert "Sở Nội vụ chủ trì \\u003c/script\\u003e \\u0026 phối hợp\\u2028".encode() in got["explorer.html"]
    assert got == _without_digests(out, tmp_path)
