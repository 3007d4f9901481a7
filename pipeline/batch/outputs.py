"""The output steps of a batch: Parquet tables, the graph, the explorer and the calendar.

Each step streams the records from documents.jsonl (one record in memory at a time; the explorer
keeps only the few hundred characters around each citation, not the texts), writes every file
under a temporary name and renames it into place (a run killed while writing leaves the previous
file, never half of one), and cleans text that XML cannot hold (`outfiles.clean_graph`).  A step
that fails is recorded in errors.jsonl (stage tables/graph/explorer/calendar) and in
`summary.step_errors`; the other steps still run.
"""
from __future__ import annotations

import bisect
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..export import atomic_write, clean_graph, replace_into

OUTPUT_STAGES = ("tables", "graph", "explorer", "calendar")
EXPLORER_FULL_TEXT_MAX = 5000   # above this many records the explorer gets records without their text


def iter_records(jsonl: str | Path, *, slim: bool = False) -> Iterator[dict]:
    """Stream the records of a documents.jsonl (`slim`: without `text` and `set_aside`)."""
    with open(jsonl, encoding="utf-8") as f:
        for line in f:
            if line.strip():
                try:
                    rec = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if slim:
                    rec.pop("text", None)
                    rec.pop("set_aside", None)
                yield rec


class SparseText:
    """The parts of a record's text around given spans, standing in for the whole text where only
    those parts are read (`len` and slices inside a part behave as on the full string).

    >>> t = SparseText("0123456789" * 100, [(500, 505)], margin=3)
    >>> len(t), t[497:500], t[505:508]
    (1000, '789', '567')
    """

    def __init__(self, text: str, spans: list, margin: int):
        self.n = len(text)
        windows = sorted((max(0, a - margin), min(self.n, b + margin)) for a, b in spans if 0 <= a <= b <= self.n)
        merged: list[list[int]] = []
        for lo, hi in windows:
            if merged and lo <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], hi)
            else:
                merged.append([lo, hi])
        self.starts = [lo for lo, _ in merged]
        self.parts = [(lo, hi, text[lo:hi]) for lo, hi in merged]

    def __len__(self) -> int:
        return self.n

    def __getitem__(self, key: slice) -> str:
        start, stop, _ = key.indices(self.n)
        i = bisect.bisect_right(self.starts, start) - 1
        if start >= stop:
            return ""
        if i >= 0:
            lo, hi, part = self.parts[i]
            if stop <= hi:
                return part[start - lo:stop - lo]
        raise IndexError(f"[{start}:{stop}] is outside the parts kept of this text")


def explorer_records(jsonl: Path, *, slim: bool) -> Iterator[dict]:
    """Records for the explorer, one at a time: the text reduced to what citation contexts read."""
    from ..graph import CONTEXT_CHARS
    for rec in iter_records(jsonl, slim=slim):
        rec.pop("set_aside", None)
        text = rec.get("text")
        if isinstance(text, str):
            spans = [c["span"] for c in rec.get("citations") or []
                     if isinstance(c.get("span"), (list, tuple)) and len(c["span"]) == 2]
            rec["text"] = SparseText(text, spans, CONTEXT_CHARS) if text else ""
        yield rec


def _write_graph_files(G, folder: Path) -> None:
    """write_graph into a temporary folder beside `folder`, then each file renamed into place."""
    from ..graph import write_graph
    clean_graph(G)
    tmp = Path(tempfile.mkdtemp(prefix=".graph.", dir=folder.parent))
    try:
        paths = write_graph(G, tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for p in paths.values():
            replace_into(p, folder / Path(p).name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _tables_step(out: Path, jsonl: Path, slim: bool) -> str:
    from ..export import write_tables
    write_tables(iter_records(jsonl), out / "tables")
    return str(out / "tables")


def _graph_step(out: Path, jsonl: Path, slim: bool) -> tuple[str, object]:
    from ..graph import build_graph
    G = build_graph(iter_records(jsonl)).graph   # it reads each citing text once, then drops it
    _write_graph_files(G, out / "graph")
    return str(out / "graph"), G


def _explorer_step(out: Path, jsonl: Path, slim: bool, G) -> str:
    from ..graph import write_explorer
    tmp = out / ".explorer.tmp.html"
    write_explorer(G, explorer_records(jsonl, slim=slim), tmp)
    replace_into(tmp, out / "explorer.html")
    return str(out / "explorer.html")


def _calendar_step(out: Path, jsonl: Path, slim: bool = True) -> str:
    from ..export import calendar as cal
    with atomic_write(out / "deadlines.ics", "wb") as f:
        for chunk in cal.iter_ics(iter_records(jsonl, slim=True)):
            f.write(chunk)
    return str(out / "deadlines.ics")


def _timed(fn, *args) -> tuple[object, float]:
    t0 = time.perf_counter()
    return fn(*args), time.perf_counter() - t0


STEPS = {"tables": _tables_step, "calendar": _calendar_step}
TARGETS = {"tables": lambda out: out / "tables", "graph": lambda out: out / "graph",
           "explorer": lambda out: out / "explorer.html", "calendar": lambda out: out / "deadlines.ics"}
# The steps that do not read the graph: with two cores they run in a process of their own, beside the
# graph and the explorer (together about as long as these two), so the output steps take the time
# of the longer of the two halves, not of the sum.
APART = ("calendar", "tables")


def _run_apart(out: Path, jsonl: Path, slim: bool) -> dict[str, tuple]:
    """The `APART` steps in turn, in the process apart: per step (path, seconds) or, where it failed,
    (None, (error name, message)): a failure is reported, not raised, so the next step still runs."""
    done: dict[str, tuple] = {}
    for stage in APART:
        try:
            done[stage] = _timed(STEPS[stage], out, jsonl, slim)
        except Exception as e:
            done[stage] = (None, (type(e).__name__, str(e)))
    return done


def _start_apart(out: Path, jsonl: Path, slim: bool, cores: int):
    """With two cores or more, start the `APART` steps in a process of their own (None: they run here)."""
    if cores < 2:
        return None
    import concurrent.futures as cf
    import multiprocessing

    try:
        pool = cf.ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("spawn"))
        return pool, pool.submit(_run_apart, out, jsonl, slim)
    except (OSError, RuntimeError):     # no process could start: the steps run here, after the others
        return None


def run_output_steps(out: Path, jsonl: Path, summary, cores: int = 1) -> None:
    """Tables, graph, explorer and calendar from documents.jsonl (see the module docstring); with
    `cores` of two or more the calendar and the tables run in a process of their own beside the graph
    and the explorer.  `summary.step_seconds` gets each step's time."""
    errs = open(out / "errors.jsonl", "ab")
    slim = summary.records > EXPLORER_FULL_TEXT_MAX

    def failed(stage: str, name: str, message: str) -> None:
        summary.step_errors.append(f"{stage}: {name}: {message}")
        errs.write(json.dumps({"file": str(TARGETS[stage](out)), "stage": stage, "error": name, "message": message},
                              ensure_ascii=False).encode("utf-8") + b"\n")
        errs.flush()
        os.fsync(errs.fileno())

    def done(stage: str, res, secs) -> None:
        summary.step_seconds[stage] = secs
        summary.outputs[stage] = res[0] if isinstance(res, tuple) else res

    def step(stage: str, fn, *args):
        try:
            res, secs = _timed(fn, out, jsonl, slim, *args)
        except Exception as e:
            failed(stage, type(e).__name__, str(e))
            return None
        done(stage, res, secs)
        return res

    apart = _start_apart(out, jsonl, slim, cores)
    if apart is None:
        step("tables", _tables_step)
    graph = step("graph", _graph_step)
    if graph is not None:
        step("explorer", _explorer_step, graph[1])
    if apart is None:
        step("calendar", _calendar_step)
    else:
        pool, fut = apart
        try:
            results = fut.result()
        except Exception as e:          # the process apart died: none of its steps is done
            results = {stage: (None, (type(e).__name__, str(e))) for stage in APART}
        finally:
            pool.shutdown()
        for stage in APART:
            res, secs = results[stage]
            if res is None:
                failed(stage, *secs)
            else:
                done(stage, res, secs)
    errs.close()

