"""The output steps of a batch: Parquet tables, the graph, the explorer and the calendar.

The steps stream the records from documents.jsonl, one record in memory at a time: the tables and
the calendar from one reading of it (of each line, the items they read: `digests.slim_records`); the
graph and the explorer read the digests the workers wrote of the records (`digests`: the few hundred
characters around each citation and the start of each task, not the texts), the explorer on the
graph's reading (over `EXPLORER_FULL_TEXT_MAX` records it reads them again instead).  Each writes
every file under a temporary name and renames it into place (a run killed while writing leaves the
previous file, never half of one), and cleans text that XML cannot hold (`outfiles.clean_graph`).  A
step that fails is recorded in errors.jsonl (stage tables/graph/explorer/calendar) and in
`summary.step_errors`; the other steps still run.
"""
from __future__ import annotations

import bisect
import concurrent.futures as cf
import contextlib
import gc
import json
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from ..export import atomic_write, clean_graph, replace_into, xml_refused_shown
from .digests import digested_records, slim_records
from .workers import apply_environ, worker_context

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

    @classmethod
    def from_parts(cls, n: int, parts: list) -> SparseText:
        """The SparseText of a text of length `n` whose `parts` ([start, end, text]) were kept."""
        self = cls.__new__(cls)
        self.n, self.parts = n, [tuple(p) for p in parts]
        self.starts = [p[0] for p in self.parts]
        return self

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


def explorer_record(rec: dict, slim: bool) -> dict:
    """A copy of `rec` as the explorer reads it (the record itself stays whole, for the graph): without
    `set_aside` and the sentence spans (the explorer reads a citation's own `sentence`), its text
    reduced to what citation contexts read (none when `slim`), its tasks' texts cut to what the page
    shows of them.  The copies of a whole batch wait for the graph: they hold no more than that."""
    from ..graph.entries import CONTEXT_CHARS, TASK_TEXT_CHARS
    out = {k: v for k, v in rec.items() if k not in ("text", "set_aside", "sentences", "tasks")}
    tasks = rec.get("tasks")
    if isinstance(tasks, list):
        out["tasks"] = [{**t, "text": t["text"][:TASK_TEXT_CHARS]}
                        if isinstance(t, dict) and isinstance(t.get("text"), str) else t for t in tasks]
    elif "tasks" in rec:
        out["tasks"] = tasks
    if not slim and "text" in rec:
        text = rec["text"]
        if isinstance(text, str):
            spans = [c["span"] for c in rec.get("citations") or []
                     if isinstance(c.get("span"), (list, tuple)) and len(c["span"]) == 2]
            text = SparseText(text, spans, CONTEXT_CHARS) if text else ""
        out["text"] = text
    return out


def _write_graph_files(G, folder: Path) -> None:
    """write_graph into a temporary folder beside `folder`, then each file renamed into place; `G` cleaned
    (`clean_graph`) only where its JSON, written first (then let go: not held under the XML), shows a bad character."""
    from ..graph.files import GRAPH_FILES, graph_json, write_graph
    text = graph_json(G)
    if xml_refused_shown(text) and clean_graph(G):
        text = graph_json(G)
    tmp = Path(tempfile.mkdtemp(prefix=".graph.", dir=folder.parent))
    try:
        (tmp / GRAPH_FILES["json"]).write_text(text, encoding="utf-8")
        del text
        paths = write_graph(G, tmp, cleaned=True, json_written=True)
        folder.mkdir(parents=True, exist_ok=True)
        for p in paths.values():
            replace_into(p, folder / Path(p).name)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _graph_step(out: Path, jsonl: Path, slim: bool) -> tuple[str, object, list[dict] | None]:
    """The graph, and on the same reading what the explorer reads of the records (`digests`: what the
    workers wrote of each record, not the records).  Not for a batch whose explorer is `slim` (over
    `EXPLORER_FULL_TEXT_MAX` records): there the explorer reads them again, one at a time, so that
    memory does not grow with the records (None)."""
    from ..graph import build_graph
    for_explorer: list[dict] | None = None if slim else []

    def reading() -> Iterator[dict]:
        for graph, entry in digested_records(jsonl, slim):
            if for_explorer is not None:
                for_explorer.append(entry)
            yield graph

    G = build_graph(reading(), digested=True).graph
    with _collector_paused():       # (the writers' copies and strings woke it to walk the graph: 0.1 s a batch)
        _write_graph_files(G, out / "graph")
    return str(out / "graph"), G, for_explorer


def _explorer_step(out: Path, jsonl: Path, slim: bool, G, entries: list[dict] | None) -> str:
    from ..graph import write_explorer
    tmp = out / ".explorer.tmp.html"
    if entries is None:
        entries = (entry for _, entry in digested_records(jsonl, slim))
    with _collector_paused():
        write_explorer(G, entries, tmp, entries=True)
    replace_into(tmp, out / "explorer.html")
    return str(out / "explorer.html")


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """The cyclic garbage collector paused (as the graph's build pauses it): the explorer's data and
    the records read are many small containers without cycles, freed as they go out of use, and each
    of the collections their allocation set off walked the whole graph in memory (a third of the step)."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _timed(fn, *args) -> tuple[object, float]:
    t0 = time.perf_counter()
    return fn(*args), time.perf_counter() - t0


class _TablesSink:
    """The tables step fed one record at a time."""

    def __init__(self, out: Path) -> None:
        from ..export.tables import TableWriter
        self.folder = out / "tables"
        self.writer = TableWriter(self.folder)

    def add(self, rec: dict) -> None:
        self.writer.add(rec)

    def close(self) -> str:
        self.writer.close()
        return str(self.folder)

    def abort(self, e: BaseException) -> None:
        self.writer.abort()


class _CalendarSink:
    """The calendar step fed one record at a time, into a temporary file renamed into place at the end."""

    def __init__(self, out: Path) -> None:
        from ..export import calendar
        self.calendar = calendar
        self.path = out / "deadlines.ics"
        self.file = atomic_write(self.path, "wb")
        self.f = self.file.__enter__()
        try:
            self.f.write(calendar.ics_head())
        except BaseException as e:
            self.abort(e)
            raise

    def add(self, rec: dict) -> None:
        self.f.write(self.calendar.record_ics(rec))

    def close(self) -> str:
        try:
            self.f.write(self.calendar.ICS_END)
        except BaseException as e:
            self.abort(e)
            raise
        self.file.__exit__(None, None, None)      # fsync and rename (or remove the file and raise)
        return str(self.path)

    def abort(self, e: BaseException) -> None:
        self.file.__exit__(type(e), e, e.__traceback__)   # removes the temporary file


SINKS = {"tables": _TablesSink, "calendar": _CalendarSink}
TARGETS = {"tables": lambda out: out / "tables", "graph": lambda out: out / "graph",
           "explorer": lambda out: out / "explorer.html", "calendar": lambda out: out / "deadlines.ics"}
# The steps that do not read the graph: fed from one reading of documents.jsonl, with two cores in a
# process of their own beside the graph and the explorer (the output steps take the longer half's time).
APART = ("tables", "calendar")


def _failure(e: BaseException) -> tuple[None, tuple[str, str]]:
    return None, (type(e).__name__, str(e))


def _one_pass(out: Path, jsonl: Path) -> dict[str, tuple]:
    """The `APART` steps, each fed every record from one reading of documents.jsonl.  Per step
    (path, seconds: its own work and its share of the reading) or, where it failed, (None, (error
    name, message)): a failure is reported, not raised, and the other step goes on."""
    done: dict[str, tuple] = {}
    live: dict[str, _TablesSink | _CalendarSink] = {}
    secs = dict.fromkeys(APART, 0.0)
    for stage in APART:
        t0 = time.perf_counter()
        try:
            live[stage] = SINKS[stage](out)
        except Exception as e:
            done[stage] = _failure(e)
        secs[stage] += time.perf_counter() - t0

    def fail(stage: str, e: BaseException) -> None:
        with contextlib.suppress(Exception):
            live[stage].abort(e)
        del live[stage]
        done[stage] = _failure(e)

    reading, records = 0.0, slim_records(jsonl)
    with _collector_paused():     # (records and rows are containers without cycles: 0.07 s a batch)
        try:
            while live:
                t0 = time.perf_counter()
                rec = next(records, None)
                reading += time.perf_counter() - t0
                if rec is None:
                    break
                for stage in list(live):
                    t0 = time.perf_counter()
                    try:
                        live[stage].add(rec)
                    except Exception as e:
                        fail(stage, e)
                    secs[stage] += time.perf_counter() - t0
        except Exception as e:             # documents.jsonl could not be read: no step is done
            for stage in list(live):
                fail(stage, e)
    for stage, sink in live.items():
        t0 = time.perf_counter()
        try:
            path = sink.close()
        except Exception as e:
            done[stage] = _failure(e)
        else:
            done[stage] = (path, secs[stage] + time.perf_counter() - t0 + reading / len(APART))
    return done


def warm_up_apart(without_pandas: bool = False) -> None:
    """Make ready what the `APART` steps need (Arrow's first Parquet write); `without_pandas` in the process apart."""
    from ..export import calendar, tables
    tables.warm_up(without_pandas=without_pandas)
    calendar.ics_head()


class OutputProcess:
    """The process apart of the output steps, started at the start of a batch (`start`): its imports (pyarrow's)
    fall in the extraction, not after it."""

    def __init__(self, pool) -> None:
        self.pool = pool
        self.warm = pool.submit(warm_up_apart, True)

    @classmethod
    def start(cls, cores: int) -> OutputProcess | None:
        """With two cores or more, a process for the `APART` steps (None: they run here), forked as a worker is."""
        if cores < 2:
            return None
        pool = None
        try:
            pool = cf.ProcessPoolExecutor(1, mp_context=worker_context(), initializer=apply_environ,
                                          initargs=(dict(os.environ),))
            return cls(pool)
        except (OSError, RuntimeError):     # no process could start: the steps run here
            if pool is not None:
                pool.shutdown(cancel_futures=True)
            return None

    def submit(self, out: Path, jsonl: Path):
        return self.pool.submit(_one_pass, out, jsonl)

    def close(self) -> None:
        self.pool.shutdown(cancel_futures=True)


def run_output_steps(out: Path, jsonl: Path, summary, cores: int = 1, apart: OutputProcess | None = None) -> None:
    """Tables, graph, explorer and calendar from documents.jsonl (see the module docstring); with
    `cores` of two or more the calendar and the tables run in a process of their own beside the graph
    and the explorer (`apart`, when the caller started it already; it is closed here).
    `summary.step_seconds` gets each step's time."""
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

    def record(results: dict[str, tuple]) -> None:
        for stage in APART:
            res, secs = results[stage]
            if res is None:
                failed(stage, *secs)
            else:
                done(stage, res, secs)

    apart = apart or OutputProcess.start(cores)
    try:
        _steps_beside(out, jsonl, apart, step, record)
    finally:                            # on every path, an interrupt included: no process or file left open
        if apart is not None:
            apart.close()
        errs.close()


def _steps_beside(out: Path, jsonl: Path, apart: OutputProcess | None, step, record) -> None:
    """The graph and explorer here, the `APART` steps in the process apart (here when there is none)."""
    fut = None
    try:
        if apart is not None:
            fut = apart.submit(out, jsonl)
    except RuntimeError:                # the process apart is gone (broken pool): the steps run here
        fut = None
    if fut is None:
        record(_one_pass(out, jsonl))
    graph = step("graph", _graph_step)
    if graph is not None:
        step("explorer", _explorer_step, graph[1], graph[2])
    if fut is not None:
        try:
            results = fut.result()
        except Exception as e:          # the process apart died: none of its steps is done
            results = dict.fromkeys(APART, _failure(e))
        record(results)

