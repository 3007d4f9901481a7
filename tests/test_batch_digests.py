"""The digests the workers write beside each record (`batch.digests`): the graph and the explorer made
from them are the ones the records give, and a digest that is not of the line on disk (the line
changed, the digest cut or lost, a run killed between the two writes) is never used."""
from __future__ import annotations

import json
import shutil
from pathlib import Path

from pipeline.batch import process_archive
from pipeline.batch.digests import (
    DIGESTS,
    SLIM_LEFT_OUT,
    digested_records,
    digests,
    line_key,
    read_index,
    record_line,
    slim_record,
    slim_records,
)
from pipeline.batch.manifest import Manifest
from pipeline.batch.outputs import SparseText, iter_records, run_output_steps
from pipeline.batch.summary import Summary
from pipeline.export import record_json
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
    # the output steps read the records in the order of their ids, whatever order the workers wrote them in
    records.sort(key=lambda r: r["id"])
    # each digest read back is what the record gives (its text in the parts kept around its citations)
    for (graph, entry), rec in zip(digested_records(out / "documents.jsonl", False, index), records, strict=True):
        want_graph, want_entry = digests(rec)
        # the tasks come as the page's JSON, not decoded (the graph reads their count only)
        assert isinstance(entry["tasks"], RawJSON) and graph["tasks"] is entry["tasks"]
        assert entry["tasks"].data == script_safe(compact_json(want_entry["tasks"])).encode("utf-8")
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
    # the tables and the calendar too: from the cuts, as from the records decoded whole
    assert all(isinstance(r["text"], SparseText) for r in slim_records(out / "documents.jsonl"))
    got = _apart_outputs(out)
    (out / DIGESTS).unlink()
    assert _apart_outputs(out) == got


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
    keys = [x.partition(b" ")[0] for x in (out / DIGESTS).read_bytes().splitlines()]
    first = keys[0]
    cuts = [lambda b: b[:-1], lambda b: b[:-2] + b"x" + b[-1:], lambda b: b.partition(b"\t")[0]]
    for n, cut in enumerate(cuts):
        case = tmp_path / f"case{n}"
        shutil.copytree(out, case)
        _edit_digests(case, lambda k, b, cut=cut: cut(b) if k == first else b)
        kinds = {entry["id"]: type(entry["tasks"]) for _, entry in digested_records(case / "documents.jsonl", False)}
        # the first one made from its record
        assert kinds == {k.split(b":")[0].decode(): list if k == first else RawJSON for k in keys}
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


# -- the tables and the calendar: the records read from the parts of their lines that their cuts name --

def _apart_outputs(out: Path) -> dict:
    """The Parquet tables (read back) and the calendar made now from `out` by the steps apart."""
    import pyarrow.parquet as pq

    from pipeline.batch.outputs import _one_pass
    done = _one_pass(out, out / "documents.jsonl")
    assert all(path is not None for path, _ in done.values()), done
    tables = {p.name: pq.read_table(p) for p in sorted((out / "tables").glob("*.parquet"))}
    assert len(tables) == 5 and tables["tasks.parquet"].num_rows
    return {**{k: (t.schema, t.to_pylist()) for k, t in tables.items()},
            "deadlines.ics": (out / "deadlines.ics").read_bytes()}


def test_each_line_is_record_json_and_its_cut_holds_what_the_tables_read(tmp_path: Path):
    out = _batch(tmp_path, 4)
    lines = (out / "documents.jsonl").read_bytes().splitlines()
    cuts = {k: c for k, c, _ in (x.split(b" ", 2) for x in (out / DIGESTS).read_bytes().splitlines())}
    for line in lines:
        rec = json.loads(line)
        got, cut = record_line(json.loads(line))
        assert got == line == record_json(rec).encode("utf-8") and cuts[line_key(line)] == cut
        slim = slim_record(line, cut)
        assert set(slim) == set(rec) - {"set_aside", "sentences"} and len(slim["text"]) == len(rec["text"])
        kept = {k: v for k, v in rec.items() if k not in SLIM_LEFT_OUT}
        assert {k: v for k, v in slim.items() if k != "text"} == kept
    # a key that is not a string: the line as record_json writes it, without a cut
    assert record_line({1: "a", "id": "b"}) == (record_json({1: "a", "id": "b"}).encode("utf-8"), None)
    # a text that is not a string stays in the slim record
    line, cut = record_line({"id": "x", "text": None, "sentences": [[0, 1]]})
    assert slim_record(line, cut) == {"id": "x", "text": None}


def test_the_tables_and_calendar_are_the_records_with_or_without_cuts(tmp_path: Path):
    """The tables and the calendar from the cuts are those of the records decoded whole: without the
    digest file, with a cut that does not fit its line or is cut itself (a kill), with a line edited."""
    out = _batch(tmp_path, 6)
    records = list(slim_records(out / "documents.jsonl"))
    assert len(records) == 6 and all(isinstance(r["text"], SparseText) and "sentences" not in r for r in records)
    want = _apart_outputs(out)
    plain = tmp_path / "plain"
    shutil.copytree(out, plain)
    (plain / DIGESTS).unlink()
    assert _apart_outputs(plain) == want
    lines = (out / DIGESTS).read_bytes().splitlines()
    keys = [x.partition(b" ")[0] for x in lines]
    bad_cuts = {keys[0]: b"12:1-999999999:7", keys[1]: b"12::1", keys[2]: b"-", keys[3]: b"x:1-5",
                keys[4]: b"%s:%d" % (lines[4].split(b" ")[1].rpartition(b":")[0], 12345)}     # (a CRC not its own)
    case = tmp_path / "bad"
    shutil.copytree(out, case)
    _edit_digests(case, lambda k, b: bad_cuts[k] + b" " + b.partition(b" ")[2] if k in bad_cuts else b)
    assert _apart_outputs(case) == want
    # the 2nd digest cut within its cut by a kill, its line ended by the next run, which wrote the others
    case = tmp_path / "cut"
    shutil.copytree(out, case)
    within = len(keys[1]) + 1 + len(lines[1].split(b" ")[1]) // 2
    (case / DIGESTS).write_bytes(b"\n".join([lines[0], lines[1][:within], *lines[2:]]) + b"\n")
    assert len(read_index(case / DIGESTS)) == 6
    assert sum(isinstance(r["text"], SparseText) for r in slim_records(case / "documents.jsonl")) == 5
    assert _apart_outputs(case) == want


def test_the_outputs_do_not_depend_on_the_order_the_workers_wrote_the_records_in(tmp_path: Path):
    """Workers finish in no set order, and a resumed run appends what a killed one left: the records of
    documents.jsonl reversed give the same files, byte for byte (the steps read them in the order of their ids)."""
    out = _batch(tmp_path, 6)
    names = [*GRAPH_AND_PAGE, "deadlines.ics", *(f"tables/{t}.parquet" for t in ("documents", "tasks", "bodies"))]

    def files(folder: Path) -> dict[str, bytes]:
        s = Summary(out=folder, counts={"ok": 6})
        run_output_steps(folder, folder / "documents.jsonl", s, cores=2)
        assert not s.step_errors
        return {name: (folder / name).read_bytes() for name in names}

    other = tmp_path / "reversed"
    shutil.copytree(out, other)
    lines = (out / "documents.jsonl").read_bytes().splitlines(keepends=True)
    assert len(lines) == 6 and lines != lines[::-1]
    (other / "documents.jsonl").write_bytes(b"".join(lines[::-1]))
    assert files(other) == files(out)
