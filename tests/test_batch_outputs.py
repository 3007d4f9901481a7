"""The output steps of a batch: timed, the calendar and the tables run in a process of their own beside
the graph and the explorer when two cores are given, with the same files and the same error reporting
as in one process."""
import copy
from pathlib import Path

import pytest

from pipeline.batch import process_archive
from pipeline.batch.outputs import run_output_steps
from pipeline.batch.summary import Summary

DOC = ("Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng chống thiên tai\n1. Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024.\n"
       "2. Sở Y tế thực hiện Chỉ thị số 05/CT-TTg ngày 23/02/2023, hoàn thành trong quý III năm 2024.\n")


def _batch(tmp_path: Path) -> Path:
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC, encoding="utf-8")
    (src / "b.txt").write_text(DOC.replace("12/CT-UBND", "13/CT-UBND"), encoding="utf-8")
    out = tmp_path / "out"
    s = process_archive([src], out, jobs=1, progress=False, outputs=False)
    assert s.records == 2
    return out


def test_the_calendar_apart_writes_what_one_process_writes(tmp_path: Path):
    out = _batch(tmp_path)
    jsonl = out / "documents.jsonl"
    one = Summary(out=out, counts={"ok": 2})
    run_output_steps(out, jsonl, one, cores=1)
    ics_one = (out / "deadlines.ics").read_bytes()
    tables_one = {p.name: p.read_bytes() for p in (out / "tables").iterdir()}
    (out / "deadlines.ics").unlink()
    for p in (out / "tables").iterdir():
        p.unlink()
    two = Summary(out=out, counts={"ok": 2})
    run_output_steps(out, jsonl, two, cores=2)
    assert (out / "deadlines.ics").read_bytes() == ics_one and b"VTODO" in ics_one
    assert {p.name: p.read_bytes() for p in (out / "tables").iterdir()} == tables_one and len(tables_one) == 5
    for s in (one, two):
        assert not s.step_errors
        assert set(s.step_seconds) == {"tables", "graph", "explorer", "calendar"}
        assert set(s.outputs) >= {"tables", "graph", "explorer", "calendar"}


def test_a_process_started_before_the_extraction_writes_the_same_files_and_is_closed(tmp_path: Path):
    """The batch starts the process apart with its workers (its imports fall in the extraction): fed
    the records at the end, it writes what the steps write in one process, and is shut down after."""
    import pytest

    from pipeline.batch.outputs import OutputProcess

    out = _batch(tmp_path)
    jsonl = out / "documents.jsonl"
    import importlib.util

    import pandas  # noqa: F401  (the tables written where pandas is loaded ...)
    run_output_steps(out, jsonl, Summary(out=out, counts={"ok": 2}), cores=1)
    ics_one = (out / "deadlines.ics").read_bytes()
    tables_one = {p.name: p.read_bytes() for p in (out / "tables").iterdir()}
    (out / "deadlines.ics").unlink()
    apart = OutputProcess.start(2)
    assert apart is not None and OutputProcess.start(1) is None
    apart.warm.result(timeout=120)          # the imports ran in the process apart
    with pytest.raises(ModuleNotFoundError):    # (... and in the process apart, which never loads it)
        apart.pool.submit(importlib.util.find_spec, "pandas").result(timeout=60)
    s = Summary(out=out, counts={"ok": 2})
    run_output_steps(out, jsonl, s, cores=2, apart=apart)
    assert (out / "deadlines.ics").read_bytes() == ics_one and not s.step_errors
    assert {p.name: p.read_bytes() for p in (out / "tables").iterdir()} == tables_one and len(tables_one) == 5
    assert set(s.step_seconds) == {"tables", "graph", "explorer", "calendar"}
    with pytest.raises(RuntimeError):       # the steps closed it
        apart.submit(out, jsonl)


def test_a_calendar_that_fails_apart_is_an_error_of_the_step(tmp_path: Path):
    out = _batch(tmp_path)
    (out / "deadlines.ics").mkdir()           # the calendar cannot be renamed into place
    s = Summary(out=out, counts={"ok": 2})
    run_output_steps(out, out / "documents.jsonl", s, cores=2)
    assert len(s.step_errors) == 1 and s.step_errors[0].startswith("calendar:")
    assert "calendar" not in s.step_seconds and (out / "explorer.html").exists()
    errors = (out / "errors.jsonl").read_text(encoding="utf-8")
    assert '"stage": "calendar"' in errors


def test_tables_that_fail_apart_leave_the_calendar_done(tmp_path: Path):
    out = _batch(tmp_path)
    (out / "tables").write_text("a file where the tables' folder goes", encoding="utf-8")
    s = Summary(out=out, counts={"ok": 2})
    run_output_steps(out, out / "documents.jsonl", s, cores=2)
    assert len(s.step_errors) == 1 and s.step_errors[0].startswith("tables:")
    assert set(s.step_seconds) == {"graph", "explorer", "calendar"} and (out / "deadlines.ics").exists()
    assert '"stage": "tables"' in (out / "errors.jsonl").read_text(encoding="utf-8")


def test_the_explorer_reads_the_same_from_its_slim_copies(tmp_path: Path):
    """The explorer gets copies of the records made on the graph's reading (text cut to the citation
    contexts, task texts to what the page shows): its page is the one the whole records give, and the
    records the graph reads stay whole."""
    from pipeline.batch.outputs import explorer_record, iter_records
    from pipeline.graph import build_graph
    from pipeline.graph.explorer import render_explorer

    out = _batch(tmp_path)
    records = list(iter_records(out / "documents.jsonl"))
    records[0]["tasks"][0]["text"] = "Sở Nội vụ chủ trì " * 100      # longer than the page shows
    whole = copy.deepcopy(records)
    copies = [explorer_record(r, slim=False) for r in records]
    assert records == whole and len(copies[0]["tasks"][0]["text"]) < len(records[0]["tasks"][0]["text"])
    G = build_graph(records).graph
    assert render_explorer(G, copies) == render_explorer(G, records)


def test_an_interrupt_during_the_steps_closes_the_process_apart(tmp_path, monkeypatch):
    """Ctrl-C in the graph step: the process apart and errors.jsonl are closed all the same (review)."""
    import concurrent.futures as cf
    import types

    from pipeline.batch import outputs

    closed = []

    class Apart:
        def submit(self, out, jsonl):
            fut = cf.Future()
            fut.set_result({})
            return fut

        def close(self):
            closed.append(True)

    def interrupted(*args):
        raise KeyboardInterrupt

    monkeypatch.setattr(outputs, "_graph_step", interrupted)
    (tmp_path / "documents.jsonl").write_text("", encoding="utf-8")
    summary = types.SimpleNamespace(records=0, step_errors=[], step_seconds={}, outputs={})
    with pytest.raises(KeyboardInterrupt):
        outputs.run_output_steps(tmp_path, tmp_path / "documents.jsonl", summary, cores=2, apart=Apart())
    assert closed == [True]


def _in_a_fresh_process(code: str) -> str:
    import subprocess
    import sys
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                          cwd=Path(__file__).resolve().parents[1]).stdout.strip()


def test_graph_warm_up_loads_the_graph_steps_modules_in_a_fresh_process():
    # a batch calls it while its workers extract, so that the graph step does not start with the imports
    code = ("import sys, pipeline.graph as g; assert 'networkx' not in sys.modules; g.warm_up(); "
            "print(all(m in sys.modules for m in ('networkx', 'pipeline.graph.resolve', 'pipeline.graph.gexf', "
            "'pipeline.graph.graphml', 'pipeline.graph.explorer')))")
    assert _in_a_fresh_process(code) == "True"


def test_a_one_job_batch_warms_the_tables_up_in_a_thread_while_its_worker_extracts(tmp_path):
    """Without a process apart the tables' and the calendar's imports run in a thread of the batch's process
    (joined before the steps); the batch's files are those of a batch on two cores."""
    code = ("import sys, pipeline.batch.archive as a; assert 'pyarrow' not in sys.modules; t = a._warm_tables_here(); "
            "t.join(60); print(not t.is_alive() and all(m in sys.modules for m in ('pyarrow.parquet', "
            "'pipeline.export.tables', 'pipeline.export.calendar')))")
    assert _in_a_fresh_process(code) == "True"
    src = _batch(tmp_path).parent / "in"
    one, two = tmp_path / "one", tmp_path / "two"
    process_archive([src], one, jobs=1, progress=False)
    process_archive([src], two, jobs=2, progress=False)
    for name in ("deadlines.ics", *(f"tables/{t}.parquet" for t in ("documents", "tasks", "bodies"))):
        assert (one / name).read_bytes() == (two / name).read_bytes(), name


def test_the_graph_is_cleaned_where_its_json_shows_a_character_xml_refuses(tmp_path):
    """A form feed (kept in records) and a control character in the graph's values: the files are those
    of the graph cleaned first, the GraphML readable; a clean graph is written as it is, uncleaned."""
    import copy
    import re

    import networkx as nx

    from pipeline.batch.outputs import _write_graph_files
    from pipeline.export import clean_graph
    from pipeline.graph import write_graph

    def graph(dirty: bool) -> nx.MultiDiGraph:
        G = nx.MultiDiGraph()
        G.add_node("vn:a", title="Về\x0c phòng" if dirty else "Về phòng", seen=True, mentions=["x\\fy"])
        G.add_node("vn:b", title="Kế hoạch", seen=False)
        G.add_edge("vn:a", "vn:b", relation="implements", text="Chỉ thị\x01 số 05" if dirty else "Chỉ thị số 05")
        return G

    for dirty in (True, False):
        G = graph(dirty)
        want = copy.deepcopy(G)
        assert bool(clean_graph(want)) is dirty
        write_graph(want, tmp_path / f"want{dirty}", cleaned=True)
        _write_graph_files(G, tmp_path / f"got{dirty}")
        for name in ("graph.graphml", "graph.json", "nodes.csv", "edges.csv", "resolution.json", "graph.gexf"):
            got, exp = ((tmp_path / f"{d}{dirty}" / name).read_bytes() for d in ("got", "want"))
            assert re.sub(rb'lastmodifieddate="[^"]*"', b"", got) == re.sub(rb'lastmodifieddate="[^"]*"', b"", exp)
        H = nx.read_graphml(tmp_path / f"got{dirty}" / "graph.graphml")
        assert H.nodes["vn:a"]["title"] == ("Về\ufffd phòng" if dirty else "Về phòng")
    # (`x\\fy`, a backslash and an f, looks like a form feed in JSON: a false alarm, cleaned with nothing to replace)
    G = graph(False)
    G.nodes["vn:a"]["title"] = "a\\fb"
    _write_graph_files(G, tmp_path / "alarm")
    assert G.nodes["vn:a"]["title"] == "a\\fb"
