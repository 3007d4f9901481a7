"""`chithi batch`: files, folders and zip archives into an output folder, resumable and parallel.

`process_archive(inputs, out)` streams every input document through `extract()` in worker
processes (or on a Dask cluster with `scheduler="tcp://host:8786"`) and writes to `out/`:

- `documents.jsonl`: one record per document (SCHEMA.md), appended as results arrive;
- `errors.jsonl`: one line per bad input: `file`, `stage`, `error`, `message` (and `id`);
- `manifest.sqlite`: status of every input content (sha256 of its bytes), so that a run killed at
  any moment (kill -9 included) and started again finishes the rest, losing and duplicating nothing;
- `quarantine.jsonl`: lines of documents.jsonl / errors.jsonl found damaged at the start of a run
  (torn, edited, duplicated), moved there; their documents are extracted again;
- `.digests.jsonl`: what the graph and the explorer read of each record, and where in its line lie the
  items the tables and the calendar read, written by its worker (`digests`);
- `tables/*.parquet` (documents, tasks, bodies, deadlines, citations), `graph/`, `explorer.html`,
  `deadlines.ics`, built at the end from documents.jsonl; and `summary.md`.

One run at a time writes to a folder (an OS lock on `out/.lock`; a second run gets
`OutputLockedError`).  Every input is read within the limits of `pipeline.read.limits` (bytes, pixels,
seconds per document); a document over one is a failed input, and the batch goes on.

>>> import tempfile, pathlib
>>> d = pathlib.Path(tempfile.mkdtemp())
>>> _ = (d / "a.txt").write_text("Số: 12/CT-UBND\\nCHỈ THỊ\\nVề phòng chống thiên tai\\n1. Sở Nội vụ chủ trì.",
...                              encoding="utf-8")
>>> _ = (d / "b.txt").write_text("Số: 05/CT-TTg\\nCHỈ THỊ\\nVề tiết kiệm\\n1. Các bộ thực hiện thường xuyên.",
...                              encoding="utf-8")
>>> s = process_archive([d], d / "out", jobs=1, progress=False)
>>> s.counts["ok"], s.failed, len((d / "out" / "documents.jsonl").read_text(encoding="utf-8").splitlines())
(2, 0, 2)
>>> process_archive([d], d / "out", jobs=1, progress=False).processed   # nothing left to do
0
"""
from __future__ import annotations

import contextlib
import os
import resource
import sqlite3
import threading
import time
from collections.abc import Iterable
from pathlib import Path

from .. import regexes
from ..errors import ChithiError, OutputError, UsageError
from ..export import OutputLock, atomic_write
from ..read import Limits, current, set_limits
from .digests import digest_line, record_line
from .extraction import extract_all, start_pool
from .inputs import Item, count_inputs, iter_inputs, load, needs_page_readers  # noqa: F401 - re-exported
from .manifest import Manifest, record_status
from .outputs import OUTPUT_STAGES, OutputProcess, iter_records, run_output_steps, warm_up_apart  # noqa: F401 - re-exported
from .summary import Summary, maxrss_mb
from .workers import begin_workers

VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
VIETNAMESE_LETTERS |= {c.upper() for c in VIETNAMESE_LETTERS}
MIN_VIETNAMESE_SHARE = 0.01     # real Vietnamese text has 20-35 % of its letters marked
_MARKED_LETTER = regexes.compile("[" + "".join(sorted(VIETNAMESE_LETTERS)) + "]")


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
    text = rec.get("text") or ""
    # A Vietnamese text has its share of marked letters within its first few hundred characters: once
    # the marked letters reach the share of all characters (more than its letters), no warning can
    # follow, and the count of every letter (a loop over each character) is left out.
    enough, marked = MIN_VIETNAMESE_SHARE * len(text), 0
    for _ in _MARKED_LETTER.finditer(text):
        marked += 1
        if marked >= enough:
            return
    letters = marked = 0
    for c in text:
        if c.isalpha():
            letters += 1
            if c in VIETNAMESE_LETTERS:
                marked += 1
    if letters >= 20 and marked / letters < MIN_VIETNAMESE_SHARE:
        rec.setdefault("warnings", []).append({
            "code": "not-vietnamese", "span": None,
            "message": f"only {marked} of {letters} letters carry Vietnamese diacritics: "
                       f"probably not a Vietnamese document"})


def process_one(key: str, path: str, data: bytes, ocr: str = "auto", limits: dict | None = None) -> tuple:
    """Extract one document.  Returns `("ok", key, path, status, json_line_utf8, seconds, digest)` or
    `("failed", key, path, stage, error_type, message, seconds)`; never raises.  Text that no JSON,
    CSV or XML reader takes is cleaned here, where the record is written (`digests.record_line`).  `digest`:
    the line of `.digests.jsonl` for the record (`digests.digest_line`), None if it could not be made."""
    from ..extract import extract
    t0 = time.perf_counter()
    try:
        if limits is not None and Limits(**limits) != current():     # (no dict made of the current ones a document)
            set_limits(limits)
        rec = extract(data, path=path, ocr=ocr, jobs=1).to_dict()
        check_language(rec)
        # UTF-8 bytes, encoded here: the main process writes them as they come, without a copy
        line, cut = record_line(rec)       # (cleaned where its JSON shows a character XML or CSV cannot take)
        status = record_status(rec)
        try:
            digest = digest_line(rec, line, cut)
        except Exception:       # the graph step digests the record itself
            digest = None
        return ("ok", key, path, status, line, time.perf_counter() - t0, digest)
    except ChithiError as e:
        return ("failed", key, path, e.stage, type(e).__name__, e.message, time.perf_counter() - t0)
    except Exception as e:  # a bug must cost one document, not the batch
        return ("failed", key, path, "extract", type(e).__name__, str(e) or repr(e), time.perf_counter() - t0)


def available_cores() -> int:
    """The cores this process may run on."""
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


# -- the batch ------------------------------------------------------------------------------------

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


def _warm_graph() -> None:
    """`graph.warm_up` while the workers load their models; a failure is left to the graph step, which records it."""
    with contextlib.suppress(Exception):
        from ..graph import warm_up
        warm_up()


def _warm_tables_here() -> threading.Thread:
    """Without a process apart (one job), the tables' and the calendar's first steps (their imports, Arrow's
    first Parquet write: 0.3 s, most of it pyarrow importing pandas) run in a thread of this process while the
    worker extracts, instead of after it; a failure is left to the steps, which record it."""
    def warm() -> None:
        with contextlib.suppress(Exception):
            warm_up_apart()
    thread = threading.Thread(target=warm, daemon=True, name="chithi-warm-tables")
    thread.start()
    return thread


def _remove_stale_temps(out: Path) -> None:
    """Temporary files a killed run left while writing its outputs (`.name.XXXX.tmp`, `.graph.XXXX/`,
    `tables/*.parquet.tmp`); safe to remove: this run holds the folder's lock."""
    import shutil
    for p in [*out.glob(".*.tmp"), *out.glob(".*.tmp.html"), *out.glob("tables/*.parquet.tmp")]:
        p.unlink(missing_ok=True)
    for d in out.glob(".graph.*"):
        shutil.rmtree(d, ignore_errors=True)


def _start(summary: Summary, njobs: int, limits: Limits, inputs: list[str], out: Path, manifest: Manifest,
           output_cores: int) -> tuple:
    """The pool, the output steps' process apart and their warm-up (`output_cores` 0: no output steps).  The
    workers' fork server loads the models while this process checks the folder and warms the graph step, each on a
    core of its own (`workers.begin_workers`); the workers and the process apart are forked from it then.  Until
    `extract_all` holds the pool, an interrupt here must not leave the workers running: it closes what started."""
    began = time.monotonic()
    if not summary.scheduler:
        begin_workers()
    pool = apart = warming = None
    try:
        _remove_stale_temps(out)
        summary.repairs = manifest.reconcile(out / "documents.jsonl", out / "errors.jsonl", out / "quarantine.jsonl")
        if output_cores:
            _warm_graph()
        pool = start_pool(summary, njobs, limits, page_readers=needs_page_readers(inputs, str(out)), began=began)
        if output_cores:    # the process apart starts now, while the documents are extracted
            apart = OutputProcess.start(output_cores)
            warming = _warm_tables_here() if apart is None else None
    except BaseException:
        try:
            if pool is not None:
                pool.close(now=True)
        finally:
            if apart is not None:
                apart.close()
        raise
    return pool, apart, warming


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
        summary = Summary(out=out, scheduler=scheduler, limits=limits)
        cores = min(njobs, available_cores())
        pool, apart, warming = _start(summary, njobs, limits, inputs, out, manifest, cores if outputs else 0)
        try:
            extract_all(pool, inputs, out, manifest, summary, ocr, progress, limits)
            summary.extract_s = time.perf_counter() - t0
            summary.counts = manifest.counts()
            manifest.close()
            jsonl = out / "documents.jsonl"
            summary.outputs = {"records": str(jsonl), "errors": str(out / "errors.jsonl"),
                               "manifest": str(out / "manifest.sqlite")}
            if outputs:
                if warming is not None:
                    warming.join(60)        # (a step imports what it needs itself anyway)
                run_output_steps(out, jsonl, summary, cores=cores, apart=apart)
        finally:
            if apart is not None:       # closed by the output steps; here when the batch stopped before
                apart.close()
        summary.elapsed = time.perf_counter() - t0
        summary.peak_rss_mb = maxrss_mb(resource.RUSAGE_SELF)
        # (workers forked by the fork server are not this process's children: the pool read their peaks)
        summary.peak_worker_rss_mb = max(summary.peak_worker_rss_mb, maxrss_mb(resource.RUSAGE_CHILDREN))
        summary.outputs["summary"] = str(out / "summary.md")
        with atomic_write(out / "summary.md") as f:
            f.write(summary.markdown())
        return summary
    finally:
        lock.release()
