"""`chithi batch`: files, folders and zip archives into an output folder, resumable and parallel.

`process_archive(inputs, out)` streams every input document through `extract()` in worker
processes (or on a Dask cluster with `scheduler="tcp://host:8786"`) and writes to `out/`:

- `documents.jsonl`: one record per document (SCHEMA.md), appended as results arrive;
- `errors.jsonl`: one line per bad input: `file`, `stage`, `error`, `message` (and `id`);
- `manifest.sqlite`: status of every input content (sha256 of its bytes), so that a run killed at
  any moment (kill -9 included) and started again finishes the rest, losing and duplicating nothing;
- `quarantine.jsonl`: lines of documents.jsonl / errors.jsonl found damaged at the start of a run
  (torn, edited, duplicated), moved there; their documents are extracted again;
- `tables/*.parquet` (documents, tasks, bodies, deadlines, citations), `graph/`, `explorer.html`,
  `deadlines.ics`, built at the end from documents.jsonl; and `summary.md`.

One run at a time writes to a folder (an OS lock on `out/.lock`; a second run gets
`OutputLockedError`).  Every input is read within the limits of `pipeline.read.limits` (bytes, pixels,
seconds per document); a document over one is a failed input, and the batch goes on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Số: 12/CT-UBND\\nCHỈ THỊ\\nVề phòng chống thiên tai\\n1. Sở Nội vụ chủ trì.", encoding="utf-8")
>>> _ = (d / "b.txt").write_text("Số: 05/CT-TTg\\nCHỈ THỊ\\nVề tiết kiệm\\n1. Các bộ thực hiện thường xuyên.", encoding="utf-8")
>>> s = process_archive([d], d / "out", jobs=1, progress=False)
>>> s.counts["ok"], s.failed, len((d / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines())
(2, 0, 2)
>>> process_archive([d], d / "out", jobs=1, progress=False).processed   # nothing left to do
0
"""
from __future__ import annotations

import json
import os
import resource
import sqlite3
import sys
import time
from collections import deque
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import ChithiError, OutputError, UsageError
from ..export import OutputLock, atomic_write, clean_record
from ..read import Limits, current, set_limits
from .inputs import Item, count_inputs, iter_inputs, load  # noqa: F401 - re-exported
from .manifest import Manifest, record_status
from .outputs import OUTPUT_STAGES, iter_records, run_output_steps  # noqa: F401 - re-exported

VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
VIETNAMESE_LETTERS |= {c.upper() for c in VIETNAMESE_LETTERS}
MIN_VIETNAMESE_SHARE = 0.01     # real Vietnamese text has 20-35 % of its letters marked
COMMIT_EVERY_S, COMMIT_EVERY_N = 0.5, 64


# -- per-document work (runs in a worker process or on a Dask worker) --------------------------

def check_language(rec: dict) -> None:
    """Warn `not-vietnamese` on a record whose letters almost never carry Vietnamese diacritics.

    >>> r = {"text": "This is an English memo about the budget for next year.", "warnings": []}
    >>> check_language(r); [w["code"] for w in r["warnings"]]
    ['not-vietnamese']
    >>> r = {"text": "Ủy ban nhân dân tỉnh chỉ đạo các sở thực hiện.", "warnings": []}
    >>> check_language(r); r["warnings"]
    []
    """
    letters = marked = 0
    for c in rec.get("text") or "":
        if c.isalpha():
            letters += 1
            if c in VIETNAMESE_LETTERS:
                marked += 1
    if letters >= 20 and marked / letters < MIN_VIETNAMESE_SHARE:
        rec.setdefault("warnings", []).append({
            "code": "not-vietnamese", "span": None,
            "message": f"only {marked} of {letters} letters carry Vietnamese diacritics: probably not a Vietnamese document"})


def process_one(key: str, path: str, data: bytes, ocr: str = "auto", limits: dict | None = None) -> tuple:
    """Extract one document.  Returns `("ok", key, path, status, json_line_utf8, seconds)` or
    `("failed", key, path, stage, error_type, message, seconds)`; never raises.  Text that no JSON,
    CSV or XML reader takes is cleaned here, where the record is written (`clean_record`)."""
    from ..extract import extract
    t0 = time.perf_counter()
    try:
        if limits is not None and limits != current().to_dict():
            set_limits(limits)
        rec = extract(data, path=path, ocr=ocr, jobs=1).to_dict()
        check_language(rec)
        clean_record(rec)
        status = record_status(rec)
        # UTF-8 bytes, encoded here: the main process writes them as they come, without a copy
        line = json.dumps(rec, ensure_ascii=False).encode("utf-8")
        del rec
        return ("ok", key, path, status, line, time.perf_counter() - t0)
    except ChithiError as e:
        return ("failed", key, path, e.stage, type(e).__name__, e.message, time.perf_counter() - t0)
    except Exception as e:  # a bug must cost one document, not the batch
        return ("failed", key, path, "extract", type(e).__name__, str(e) or repr(e), time.perf_counter() - t0)


def available_cores() -> int:
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def check_jobs(jobs: int | None) -> int:
    """Worker processes for `jobs`: all cores when None, at most the cores available (more would
    only queue documents in memory); 0 or less is a UsageError.

    >>> check_jobs(1), check_jobs(10_000) == available_cores()
    (1, True)
    >>> check_jobs(0)
    Traceback (most recent call last):
    pipeline.errors.UsageError: --jobs must be 1 or more (at most the ... core(s) available), not 0
    """
    cores = available_cores()
    if jobs is None:
        return cores
    if isinstance(jobs, bool) or not isinstance(jobs, int) or jobs < 1:
        raise UsageError(f"--jobs must be 1 or more (at most the {cores} core(s) available), not {jobs}")
    return min(jobs, cores)


# -- progress -------------------------------------------------------------------------------------

class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.t0, self.last = total, 0, time.monotonic(), time.monotonic()
        self.rich = None
        self.enabled = enabled
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (
                BarColumn,
                MofNCompleteColumn,
                Progress,
                TextColumn,
                TimeElapsedColumn,
                TimeRemainingColumn,
            )
            self.rich = Progress(TextColumn("[bold]chithi batch"), BarColumn(), MofNCompleteColumn(),
                                 TextColumn("{task.fields[rate]} docs/s"), TextColumn("{task.fields[counts]}"),
                                 TimeElapsedColumn(), TextColumn("ETA"), TimeRemainingColumn(),
                                 console=Console(stderr=True), transient=False)
            self.rich.start()
            self.task = self.rich.add_task("batch", total=total, rate="-", counts="")

    def advance(self, counts: dict) -> None:
        self.done += 1
        if not self.enabled:
            return
        now = time.monotonic()
        rate = self.done / max(now - self.t0, 1e-9)
        c = f"ok {counts['ok']} partial {counts['partial']} failed {counts['failed']}"
        if self.rich is not None:
            self.rich.update(self.task, advance=1, rate=f"{rate:.1f}", counts=c)
        elif now - self.last >= 5.0:
            self.last = now
            left = max(self.total - self.done, 0)
            print(f"chithi batch: {self.done}/{self.total} documents ({c}), {rate:.1f} docs/s, "
                  f"ETA {_fmt_s(left / rate if rate else 0)}", file=sys.stderr, flush=True)

    def close(self, counts: dict) -> None:
        if self.rich is not None:
            self.rich.stop()
        elif self.enabled:
            el = time.monotonic() - self.t0
            print(f"chithi batch: {self.done}/{self.total} documents done in {_fmt_s(el)}", file=sys.stderr, flush=True)


def _fmt_s(s: float) -> str:
    s = int(s)
    return f"{s // 3600}h{s % 3600 // 60:02d}m" if s >= 3600 else f"{s // 60}m{s % 60:02d}s"


# -- the batch ------------------------------------------------------------------------------------

@dataclass
class Summary:
    """What a batch did.  `counts` covers the whole output folder (this run and earlier ones)."""
    out: Path
    counts: dict[str, int] = field(default_factory=dict)   # ok, partial, failed, duplicates
    processed: int = 0           # documents extracted by this run
    skipped: int = 0             # inputs already done by an earlier run
    elapsed: float = 0.0         # the whole call, output steps included
    extract_s: float = 0.0       # reading and extracting the documents
    peak_rss_mb: float = 0.0     # this process
    peak_worker_rss_mb: float = 0.0   # the largest local worker process
    outputs: dict[str, str] = field(default_factory=dict)
    step_errors: list[str] = field(default_factory=list)
    jobs: int = 0
    scheduler: str | None = None
    limits: Limits | None = None
    repairs: dict[str, int] = field(default_factory=dict)   # what `Manifest.reconcile` found at start

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def records(self) -> int:
        return self.counts.get("ok", 0) + self.counts.get("partial", 0)

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.extract_s if self.extract_s > 0 else 0.0

    def repair_note(self) -> str:
        r = self.repairs
        if not (r.get("quarantined") or r.get("forgotten")):
            return ""
        return (f"repaired at start: {r.get('quarantined', 0)} damaged line(s) moved to {self.out}/quarantine.jsonl, "
                f"{r.get('forgotten', 0)} document(s) missing from the output extracted again")

    def text(self) -> str:
        c = self.counts
        lines = [f"{self.records} record(s) in {self.out}/documents.jsonl: {c.get('ok', 0)} ok, "
                 f"{c.get('partial', 0)} partial (a stage failed or pages were lost), {c.get('failed', 0)} failed input(s), "
                 f"{c.get('duplicates', 0)} duplicate(s)",
                 f"this run: {self.processed} document(s) in {self.extract_s:.1f} s ({self.docs_per_s:.1f} docs/s, "
                 f"{'Dask ' + self.scheduler if self.scheduler else f'{self.jobs} process(es)'}), "
                 f"{self.skipped} already done; peak memory {self.peak_rss_mb:.0f} MB main, "
                 f"{self.peak_worker_rss_mb:.0f} MB per worker"]
        if c.get("failed") or c.get("duplicates"):
            lines.append(f"each failed input and duplicate is a line of {self.out}/errors.jsonl")
        if self.repair_note():
            lines.append(self.repair_note())
        for e in self.step_errors:
            lines.append(f"output step failed: {e}")
        return "\n".join(lines)

    def markdown(self) -> str:
        c = self.counts
        rows = "\n".join(f"| {k} | {v} |" for k, v in (("ok", c.get("ok", 0)), ("partial", c.get("partial", 0)),
                                                         ("failed", c.get("failed", 0)),
                                                         ("duplicates", c.get("duplicates", 0))))
        where = "\n".join(f"- {k}: `{v}`" for k, v in self.outputs.items())
        steps = "".join(f"\n- output step failed: {e}" for e in self.step_errors)
        if self.repair_note():
            steps += f"\n- {self.repair_note()}"
        return (f"# chithi batch\n\n| status | documents |\n| --- | --- |\n{rows}\n\n"
                f"- this run: {self.processed} document(s) in {self.extract_s:.1f} s, {self.docs_per_s:.2f} docs/s "
                f"({'Dask ' + self.scheduler if self.scheduler else f'{self.jobs} worker process(es)'}); "
                f"{self.skipped} input(s) already done by an earlier run; {self.elapsed:.1f} s with the output steps\n"
                f"- peak memory: {self.peak_rss_mb:.0f} MB (this process), {self.peak_worker_rss_mb:.0f} MB (largest worker)\n"
                f"{steps}\n\n## Where things are\n\n{where}\n")


def _maxrss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


class _Writer:
    """Appends to documents.jsonl / errors.jsonl and commits manifest rows after fsync."""

    def __init__(self, out: Path, manifest: Manifest):
        self.m = manifest
        self.docs = open(out / "documents.jsonl", "ab")
        self.errs = open(out / "errors.jsonl", "ab")
        self.rows: list[tuple] = []
        self.dups: list[tuple] = []
        self.pending: dict[str, str] = {}    # key -> path, written but not committed
        self.last = time.monotonic()

    def record(self, key: str, path: str, status: str, line: bytes, secs: float) -> None:
        self.docs.write(line)
        self.docs.write(b"\n")
        self.rows.append((key, status, path, secs))
        self.pending[key] = path
        self.maybe_commit()

    def error(self, key: str | None, path: str, stage: str, err: str, message: str, secs: float | None = None) -> None:
        d = {"file": path, "stage": stage, "error": err, "message": message}
        if key:
            d["id"] = key
        self.errs.write(json.dumps(d, ensure_ascii=False).encode("utf-8") + b"\n")
        if key and stage not in OUTPUT_STAGES and stage != "dedupe":
            self.rows.append((key, "failed", path, secs))
            self.pending[key] = path
        self.maybe_commit()

    def duplicate(self, key: str, path: str, first: str) -> None:
        self.error(key, path, "dedupe", "Duplicate", f"same content as {first}: not processed again")
        self.dups.append((path, key, first))

    def maybe_commit(self, force: bool = False) -> None:
        if force or len(self.rows) + len(self.dups) >= COMMIT_EVERY_N or time.monotonic() - self.last >= COMMIT_EVERY_S:
            self.commit()

    def commit(self) -> None:
        for f in (self.docs, self.errs):
            f.flush()
            os.fsync(f.fileno())
        self.m.add(self.rows, duplicates=self.dups,
                   meta={"offset:docs": self.docs.tell(), "offset:errors": self.errs.tell()})
        self.rows, self.dups, self.pending = [], [], {}
        self.last = time.monotonic()

    def close(self) -> None:
        self.commit()
        self.docs.close()
        self.errs.close()


def _open_output(out: Path) -> tuple[OutputLock, Manifest]:
    """Create `out`, take its lock and open its manifest, or raise OutputError saying why not."""
    if out.exists() and not out.is_dir():
        raise OutputError("the output path is a file, not a folder: choose a folder", path=str(out))
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise OutputError(f"cannot create the output folder ({e.strerror or e})", path=str(out)) from e
    if not os.access(out, os.W_OK | os.X_OK):
        raise OutputError("the output folder is not writable", path=str(out))
    lock = OutputLock(out)
    path = out / "manifest.sqlite"
    try:
        try:
            return lock, Manifest(path)
        except sqlite3.DatabaseError as e:
            if isinstance(e, sqlite3.OperationalError):
                raise
            # A damaged manifest is set aside and rebuilt from what is on disk (`reconcile`).
            for suffix in ("", "-wal", "-shm"):
                side = Path(f"{path}{suffix}")
                if side.exists():
                    side.replace(Path(f"{path}{suffix}.damaged-{int(time.time())}"))
            return lock, Manifest(path)
    except (sqlite3.Error, OSError) as e:
        lock.release()
        raise OutputError(f"cannot open the manifest ({e})", path=str(path)) from e


def _remove_stale_temps(out: Path) -> None:
    """Temporary files a killed run left while writing its outputs (`.name.XXXX.tmp`, `.graph.XXXX/`,
    `tables/*.parquet.tmp`); safe to remove: this run holds the folder's lock."""
    import shutil
    for p in [*out.glob(".*.tmp"), *out.glob(".*.tmp.html"), *out.glob("tables/*.parquet.tmp")]:
        p.unlink(missing_ok=True)
    for d in out.glob(".graph.*"):
        shutil.rmtree(d, ignore_errors=True)


def process_archive(inputs: Iterable[str | os.PathLike] | str | os.PathLike, out: str | os.PathLike, *,
                    jobs: int | None = None, scheduler: str | None = None, ocr: str = "auto",
                    progress: bool = True, outputs: bool = True, limits: Limits | None = None) -> Summary:
    """Process files, folders and zip archives into the folder `out`; see the module docstring.

    `jobs`: worker processes (default: all cores; 0 or less raises UsageError); `scheduler`: a Dask
    scheduler address to run on instead; `ocr`: auto|force|never; `progress`: a progress bar on a
    terminal, periodic lines on stderr otherwise; `outputs`: build tables, graph, explorer and
    calendar at the end; `limits`: the reading limits (default: `pipeline.read.limits.current()`).
    Bad inputs never stop the batch: each becomes one line of errors.jsonl.  Raises OutputError
    (OutputLockedError while another run holds the folder) before processing anything.
    """
    t0 = time.perf_counter()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [str(p) for p in inputs]
    limits = limits or current()
    njobs = check_jobs(jobs)      # checked with a scheduler too: a wrong value is a usage error everywhere
    out = Path(out)
    lock, manifest = _open_output(out)
    try:
        _remove_stale_temps(out)
        summary = Summary(out=out, scheduler=scheduler, limits=limits)
        summary.repairs = manifest.reconcile(out / "documents.jsonl", out / "errors.jsonl", out / "quarantine.jsonl")
        _extract_all(inputs, out, manifest, summary, njobs, ocr, progress, limits)
        summary.extract_s = time.perf_counter() - t0
        summary.counts = manifest.counts()
        manifest.close()
        jsonl = out / "documents.jsonl"
        summary.outputs = {"records": str(jsonl), "errors": str(out / "errors.jsonl"),
                           "manifest": str(out / "manifest.sqlite")}
        if outputs:
            run_output_steps(out, jsonl, summary)
        summary.elapsed = time.perf_counter() - t0
        summary.peak_rss_mb = _maxrss_mb(resource.RUSAGE_SELF)
        summary.peak_worker_rss_mb = _maxrss_mb(resource.RUSAGE_CHILDREN)
        summary.outputs["summary"] = str(out / "summary.md")
        with atomic_write(out / "summary.md") as f:
            f.write(summary.markdown())
        return summary
    finally:
        lock.release()


def _extract_all(inputs: list[str], out: Path, manifest: Manifest, summary: Summary, jobs: int, ocr: str,
                 progress: bool, limits: Limits) -> None:
    """Read every input and extract the documents not done yet, writing results as they come."""
    run = _Extraction(out, manifest, summary, jobs, ocr, limits,
                      _Progress(count_inputs(inputs, out) if progress else 0, progress))
    try:
        for item in iter_inputs(inputs, out, limits):
            run.take(item)
        run.drain()
    finally:
        run.close()


class _Extraction:
    """One run's documents in flight: sent to the pool (at most one per worker), results written
    as they come, a document whose worker died tried once more."""

    def __init__(self, out: Path, manifest: Manifest, summary: Summary, jobs: int, ocr: str, limits: Limits,
                 prog: _Progress):
        from .runner import DaskPool, LocalPool
        self.pool = (DaskPool(summary.scheduler, limits.doc_seconds) if summary.scheduler
                     else LocalPool(jobs, limits.doc_seconds))
        summary.jobs = self.pool.jobs
        self.m, self.summary, self.ocr, self.limits, self.prog = manifest, summary, ocr, limits, prog
        self.writer = _Writer(out, manifest)
        self.inflight: dict[str, str] = {}       # key -> path, sent to a worker
        self.retried: set[str] = set()
        self.retry: deque[tuple] = deque()
        self.counts = {"ok": 0, "partial": 0, "failed": 0}

    def take(self, item: Item) -> None:
        """Read one input and send it to a worker, or record why not (done, duplicate, unreadable)."""
        key, data, err = load(item, self.limits)
        w = self.writer
        known = self.m.status(key) if key not in w.pending else "pending"
        first = self.inflight.get(key) or w.pending.get(key) or (self.m.path_of(key) if known else None)
        if known or key in self.inflight:
            if first == item.path or (err and known):
                self.summary.skipped += 1          # done by an earlier run
            elif not self.m.is_duplicate_known(item.path) and not any(d[0] == item.path for d in w.dups):
                w.duplicate(key, item.path, first)
            self.prog.advance(self.counts)
            return
        if err is not None:
            w.error(key, item.path, *err)
            self.counts["failed"] += 1
            self.prog.advance(self.counts)
            return
        self.wait_for_idle()          # at most one document in flight per worker
        self.inflight[key] = item.path
        self.pool.submit((key, item.path, data, self.ocr, self.limits.to_dict()))

    def handle(self, res: tuple) -> None:
        if res[0] == "crashed":
            # A worker died (out of memory, a crash in a native library): try the document once
            # more in a new worker; a second death marks it failed.
            args = res[1]
            if args[0] not in self.retried:
                self.retried.add(args[0])
                self.retry.append(args)
                return
            res = ("failed", args[0], args[1], "worker", "WorkerCrashed",
                   "the worker process died while extracting this document (twice)", None)
        key = res[1]
        self.inflight.pop(key, None)
        if res[0] == "ok":
            _, _, path, status, line, secs = res
            self.writer.record(key, path, status, line, secs)
            self.counts[status] += 1
        else:
            _, _, path, stage, err, msg, secs = res
            self.writer.error(key, path, stage, err, msg, secs)
            self.counts["failed"] += 1
        self.summary.processed += 1
        self.prog.advance(self.counts)

    def wait_for_idle(self) -> None:
        while True:
            while self.retry and self.pool.idle():
                self.pool.submit(self.retry.popleft())
            if self.pool.idle() and not self.retry:
                return
            self.poll()

    def poll(self) -> None:
        for res in self.pool.poll():
            self.handle(res)
        self.writer.maybe_commit()

    def drain(self) -> None:
        while self.pool.busy() or self.retry:
            self.wait_for_idle()
            self.poll()

    def close(self) -> None:
        try:
            self.pool.close()
        finally:
            self.writer.close()
            self.prog.close(self.counts)
