"""`chithi batch`: files, folders and zip archives into an output folder, resumable and parallel.

`process_archive(inputs, out)` streams every input document through `extract()` in worker
processes (or on a Dask cluster with `scheduler="tcp://host:8786"`) and writes to `out/`:

- `documents.jsonl`: one record per document (SCHEMA.md), appended as results arrive;
- `errors.jsonl`: one line per bad input: `file`, `stage`, `error`, `message` (and `id`);
- `manifest.sqlite`: status of every input content (sha256 of its bytes), so that a run killed at
  any moment (kill -9 included) and started again finishes the rest, losing and duplicating nothing;
- `tables/*.parquet` (documents, tasks, bodies, deadlines, citations), `graph/`, `explorer.html`,
  `deadlines.ics`, built at the end from documents.jsonl; and `summary.md`.

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

import concurrent.futures as cf
import hashlib
import json
import multiprocessing
import os
import resource
import sys
import time
import zipfile
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import Any, Iterable, Iterator

from .errors import ChithiError
from .manifest import Manifest, record_status
from .readers import MAX_BYTES

SKIP_SUFFIXES = (".gold.json", ".truth.txt")
OUTPUT_STAGES = ("tables", "graph", "explorer", "calendar")
VIETNAMESE_LETTERS = set("àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ")
VIETNAMESE_LETTERS |= {c.upper() for c in VIETNAMESE_LETTERS}
MIN_VIETNAMESE_SHARE = 0.01     # real Vietnamese text has 20-35 % of its letters marked
COMMIT_EVERY_S, COMMIT_EVERY_N = 0.5, 64
EXPLORER_FULL_TEXT_MAX = 5000   # above this many records the explorer gets records without their text


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


def process_one(key: str, path: str, data: bytes, ocr: str = "auto") -> tuple:
    """Extract one document.  Returns `("ok", key, path, status, json_line, seconds)` or
    `("failed", key, path, stage, error_type, message, seconds)`; never raises."""
    from .extract import extract
    t0 = time.perf_counter()
    try:
        rec = extract(data, path=path, ocr=ocr, jobs=1).to_dict()
        check_language(rec)
        line = json.dumps(rec, ensure_ascii=False)
        return ("ok", key, path, record_status(rec), line, time.perf_counter() - t0)
    except ChithiError as e:
        return ("failed", key, path, e.stage, type(e).__name__, e.message, time.perf_counter() - t0)
    except Exception as e:  # a bug must cost one document, not the batch
        return ("failed", key, path, "extract", type(e).__name__, str(e) or repr(e), time.perf_counter() - t0)


# -- inputs ---------------------------------------------------------------------------------------

@dataclass
class Item:
    """One input document: a file, or a member of a zip archive (`data` read in place)."""
    path: str                        # as reported: the file path, or "archive.zip!member"
    fs: str | None = None            # file on disk
    data: bytes | None = None        # zip member bytes
    error: tuple[str, str, str] | None = None   # (stage, error type, message) found while listing
    size: int | None = None


# A collection's own notes (README, MANIFEST) describe the documents; they are not documents.
SKIP_NAMES = ("readme.md", "readme.txt", "readme", "manifest.tsv", "manifest.csv", "license", "license.txt")


def _skipped(name: str) -> bool:
    base = name.rsplit("/", 1)[-1].lower()
    return base.startswith(".") or name.endswith(SKIP_SUFFIXES) or base in SKIP_NAMES


def _unsafe_member(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or (len(name) > 1 and name[1] == ":")


def _iter_zip(zpath: str) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(zpath)
    except (zipfile.BadZipFile, OSError) as e:
        yield Item(zpath, error=("read", "CorruptInputError", f"not a readable zip archive ({e})"))
        return
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = f"{zpath}!{info.filename}"
            if _unsafe_member(info.filename):
                yield Item(name, error=("read", "UnsafeZipEntry", "absolute path or '..' in a zip entry: refused"))
            elif any(_skipped(part) for part in PurePosixPath(info.filename).parts):
                continue
            elif info.flag_bits & 0x1:
                yield Item(name, error=("read", "CorruptInputError", "encrypted zip entry"))
            elif info.file_size > MAX_BYTES:
                yield Item(name, size=info.file_size, error=(
                    "read", "InputError", f"entry is {info.file_size / 2**20:.0f} MiB, over the {MAX_BYTES // 2**20} MiB limit"))
            else:
                try:
                    yield Item(name, data=zf.read(info))
                except Exception as e:  # bad CRC, unsupported compression...
                    yield Item(name, error=("read", "CorruptInputError", f"cannot read zip entry ({e})"))


def _walk(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> Iterator[tuple[str, bool]]:
    """(path, exists) of every file under `inputs`, folders walked sorted, hidden and gold files
    skipped, and the folder `exclude` (the batch's own output) left out."""
    ex = os.path.realpath(exclude) if exclude else None
    for inp in inputs:
        p = str(inp)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.realpath(os.path.join(root, d)) != ex)
                for f in sorted(files):
                    if not _skipped(f):
                        yield os.path.join(root, f), True
        else:
            yield p, os.path.exists(p) or os.path.islink(p)


def iter_inputs(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> Iterator[Item]:
    """Every document under `inputs`, lazily: folders are walked (sorted, hidden files and
    `*.gold.json` / `*.truth.txt` skipped), zip archives opened in place."""
    for p, exists in _walk(inputs, exclude):
        if not exists:
            yield Item(p, error=("read", "InputError", "no such file or folder"))
        elif p.lower().endswith(".zip"):
            yield from _iter_zip(p)
        else:
            yield Item(p, fs=p)


def count_inputs(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> int:
    """How many documents `iter_inputs` will yield (without reading any file), for the ETA."""
    n = 0
    for p, exists in _walk(inputs, exclude):
        if exists and p.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(p) as zf:
                    n += sum(1 for i in zf.infolist() if not i.is_dir())
            except Exception:
                n += 1
        else:
            n += 1
    return n


def _load(item: Item) -> tuple[str, bytes | None, tuple | None]:
    """(key, bytes, error): the content hash and bytes of an item, or a key for an unreadable one."""
    if item.error is None and item.fs is not None:
        try:
            st = os.stat(item.fs)
            if st.st_size > MAX_BYTES:
                item.error = ("read", "InputError",
                              f"file is {st.st_size / 2**20:.0f} MiB, over the {MAX_BYTES // 2**20} MiB limit")
                item.size = st.st_size
            else:
                with open(item.fs, "rb") as f:
                    item.data = f.read()
        except OSError as e:
            item.error = ("read", "InputError", f"cannot read ({e.strerror or e})")
    if item.error is not None:
        mtime = ""
        try:
            mtime = str(os.stat(item.fs).st_mtime_ns) if item.fs else ""
        except OSError:
            pass
        return "unread:" + hashlib.sha256(f"{item.path}|{item.size}|{mtime}".encode()).hexdigest(), None, item.error
    data, item.data = item.data, None
    return hashlib.sha256(data).hexdigest(), data, None


# -- executors ------------------------------------------------------------------------------------

def _worker_init() -> None:
    """A worker process loads every model once and freezes it out of the garbage collector's way."""
    from .extract import warm_up
    try:
        warm_up()
    except Exception:       # a worker that cannot warm up still extracts (and reports) documents
        pass


class _LocalRunner:
    def __init__(self, jobs: int):
        self.jobs = jobs
        self._start()

    def _start(self) -> None:
        self.ex = cf.ProcessPoolExecutor(max_workers=self.jobs, mp_context=multiprocessing.get_context("spawn"),
                                         initializer=_worker_init)

    def submit(self, args: tuple):
        return self.ex.submit(process_one, *args)

    def wait(self, futs) -> set:
        done, _ = cf.wait(futs, timeout=1.0, return_when=cf.FIRST_COMPLETED)
        return done

    def restart(self) -> None:
        self.ex.shutdown(wait=False, cancel_futures=True)
        self._start()

    def close(self) -> None:
        self.ex.shutdown(wait=True)


class _DaskRunner:
    def __init__(self, address: str):
        from dask.distributed import Client
        self.client = Client(address)
        self.jobs = max(1, sum(w.get("nthreads", 1) for w in self.client.scheduler_info()["workers"].values()))

    def submit(self, args: tuple):
        return self.client.submit(process_one, *args, pure=False)

    def wait(self, futs) -> set:
        from dask.distributed import wait
        try:
            wait(list(futs), timeout=1.0, return_when="FIRST_COMPLETED")
        except Exception:  # distributed raises a TimeoutError subclass
            pass
        return {f for f in futs if f.done()}

    def restart(self) -> None:
        pass

    def close(self) -> None:
        self.client.close()


# -- progress -------------------------------------------------------------------------------------

class _Progress:
    def __init__(self, total: int, enabled: bool):
        self.total, self.done, self.t0, self.last = total, 0, time.monotonic(), time.monotonic()
        self.rich = None
        self.enabled = enabled
        if enabled and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import (BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn,
                                       TimeRemainingColumn)
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

    @property
    def failed(self) -> int:
        return self.counts.get("failed", 0)

    @property
    def records(self) -> int:
        return self.counts.get("ok", 0) + self.counts.get("partial", 0)

    @property
    def docs_per_s(self) -> float:
        return self.processed / self.extract_s if self.extract_s > 0 else 0.0

    def text(self) -> str:
        c = self.counts
        lines = [f"{self.records} record(s) in {self.out}/documents.jsonl: {c.get('ok', 0)} ok, "
                 f"{c.get('partial', 0)} partial (a stage failed), {c.get('failed', 0)} failed input(s), "
                 f"{c.get('duplicates', 0)} duplicate(s)",
                 f"this run: {self.processed} document(s) in {self.extract_s:.1f} s ({self.docs_per_s:.1f} docs/s, "
                 f"{'Dask ' + self.scheduler if self.scheduler else f'{self.jobs} process(es)'}), "
                 f"{self.skipped} already done; peak memory {self.peak_rss_mb:.0f} MB main, "
                 f"{self.peak_worker_rss_mb:.0f} MB per worker"]
        if c.get("failed") or c.get("duplicates"):
            lines.append(f"each failed input and duplicate is a line of {self.out}/errors.jsonl")
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
        return (f"# chithi batch\n\n| status | documents |\n| --- | --- |\n{rows}\n\n"
                f"- this run: {self.processed} document(s) in {self.extract_s:.1f} s, {self.docs_per_s:.2f} docs/s "
                f"({'Dask ' + self.scheduler if self.scheduler else f'{self.jobs} worker process(es)'}); "
                f"{self.skipped} input(s) already done by an earlier run; {self.elapsed:.1f} s with the output steps\n"
                f"- peak memory: {self.peak_rss_mb:.0f} MB (this process), {self.peak_worker_rss_mb:.0f} MB (largest worker)\n"
                f"{steps}\n\n## Where things are\n\n{where}\n")


def _maxrss_mb(who: int) -> float:
    kb = resource.getrusage(who).ru_maxrss
    return kb / 1024 if sys.platform != "darwin" else kb / 2**20


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

    def record(self, key: str, path: str, status: str, line: str, secs: float) -> None:
        self.docs.write(line.encode("utf-8") + b"\n")
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


def process_archive(inputs: Iterable[str | os.PathLike] | str | os.PathLike, out: str | os.PathLike, *,
                    jobs: int | None = None, scheduler: str | None = None, ocr: str = "auto",
                    progress: bool = True, outputs: bool = True) -> Summary:
    """Process files, folders and zip archives into the folder `out`; see the module docstring.

    `jobs`: worker processes (default: all cores); `scheduler`: a Dask scheduler address to run
    on instead; `ocr`: auto|force|never; `progress`: a progress bar on a terminal, periodic lines
    on stderr otherwise; `outputs`: build tables, graph, explorer and calendar at the end.
    Bad inputs never stop the batch: each becomes one line of errors.jsonl.
    """
    t0 = time.perf_counter()
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    inputs = [str(p) for p in inputs]
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out / "manifest.sqlite")
    manifest.reconcile(out / "documents.jsonl", out / "errors.jsonl")
    writer = _Writer(out, manifest)
    summary = Summary(out=out, scheduler=scheduler)
    runner = _DaskRunner(scheduler) if scheduler else _LocalRunner(jobs or os.cpu_count() or 1)
    summary.jobs = runner.jobs
    max_inflight = 4 * runner.jobs
    inflight: dict[Any, tuple] = {}          # future -> (args, attempt)
    inflight_keys: dict[str, str] = {}       # key -> path
    counts = {"ok": 0, "partial": 0, "failed": 0}
    prog = _Progress(count_inputs(inputs, out) if progress else 0, progress)

    def handle(res: tuple) -> None:
        key = res[1]
        inflight_keys.pop(key, None)
        if res[0] == "ok":
            _, _, path, status, line, secs = res
            writer.record(key, path, status, line, secs)
            counts[status] += 1
        else:
            _, _, path, stage, err, msg, secs = res
            writer.error(key, path, stage, err, msg, secs)
            counts["failed"] += 1
        summary.processed += 1
        prog.advance(counts)

    def drain(block_until: int) -> None:
        while len(inflight) > block_until:
            broken = False
            for fut in runner.wait(set(inflight)):
                args, attempt = inflight[fut]
                try:
                    res = fut.result()
                except cf.process.BrokenProcessPool:
                    broken = True
                    continue
                except Exception as e:   # the cluster lost the task, a worker died
                    res = ("failed", args[0], args[1], "worker", type(e).__name__, str(e) or repr(e), None)
                del inflight[fut]
                handle(res)
            if broken:
                # A worker died (out of memory, a crash in a native library): start a new pool and
                # try every unfinished document once more; a second death marks it failed.
                redo = list(inflight.values())
                inflight.clear()
                runner.restart()
                for args, attempt in redo:
                    if attempt >= 1:
                        handle(("failed", args[0], args[1], "worker", "WorkerCrashed",
                                "the worker process died while extracting this document (twice)", None))
                    else:
                        inflight[runner.submit(args)] = (args, attempt + 1)
            writer.maybe_commit()

    try:
        for item in iter_inputs(inputs, out):
            key, data, err = _load(item)
            known = manifest.status(key) if key not in writer.pending else "pending"
            first = inflight_keys.get(key) or writer.pending.get(key) or (manifest.path_of(key) if known else None)
            if known or key in inflight_keys:
                if first == item.path or (err and known):
                    summary.skipped += 1          # done by an earlier run
                elif not manifest.is_duplicate_known(item.path) and not any(d[0] == item.path for d in writer.dups):
                    writer.duplicate(key, item.path, first)
                prog.advance(counts)
                continue
            if err is not None:
                writer.error(key, item.path, *err)
                counts["failed"] += 1
                prog.advance(counts)
                continue
            args = (key, item.path, data, ocr)
            inflight_keys[key] = item.path
            inflight[runner.submit(args)] = (args, 0)
            del data, args
            drain(max_inflight)
        drain(0)
    finally:
        runner.close()
        writer.close()
        prog.close(counts)

    summary.extract_s = time.perf_counter() - t0
    summary.counts = manifest.counts()
    manifest.close()
    jsonl = out / "documents.jsonl"
    summary.outputs = {"records": str(jsonl), "errors": str(out / "errors.jsonl"),
                       "manifest": str(out / "manifest.sqlite")}
    if outputs:
        _output_steps(out, jsonl, summary)
    summary.elapsed = time.perf_counter() - t0
    summary.peak_rss_mb = _maxrss_mb(resource.RUSAGE_SELF)
    summary.peak_worker_rss_mb = _maxrss_mb(resource.RUSAGE_CHILDREN)
    summary.outputs["summary"] = str(out / "summary.md")
    (out / "summary.md").write_text(summary.markdown(), encoding="utf-8")
    return summary


def _output_steps(out: Path, jsonl: Path, summary: Summary) -> None:
    """Tables, graph, explorer and calendar from documents.jsonl; a failing step is recorded in
    errors.jsonl (stage tables/graph/explorer/calendar) and the others still run."""
    errs = open(out / "errors.jsonl", "ab")

    def failed(stage: str, target: str, e: BaseException) -> None:
        msg = f"{type(e).__name__}: {e}"
        summary.step_errors.append(f"{stage}: {msg}")
        errs.write(json.dumps({"file": target, "stage": stage, "error": type(e).__name__, "message": str(e)},
                              ensure_ascii=False).encode("utf-8") + b"\n")
        errs.flush()

    try:
        from .tables import write_tables
        paths = write_tables(iter_records(jsonl), out / "tables")
        summary.outputs["tables"] = str(out / "tables")
        del paths
    except Exception as e:
        failed("tables", str(out / "tables"), e)
    G = None
    try:
        from .graph import build_graph, write_graph
        G = build_graph(iter_records(jsonl)).graph   # it reads each text once, then drops it
        write_graph(G, out / "graph")
        summary.outputs["graph"] = str(out / "graph")
    except Exception as e:
        failed("graph", str(out / "graph"), e)
    if G is not None:
        try:
            from .explorer import write_explorer
            slim = summary.records > EXPLORER_FULL_TEXT_MAX
            summary.outputs["explorer"] = str(write_explorer(G, iter_records(jsonl, slim=slim), out / "explorer.html"))
        except Exception as e:
            failed("explorer", str(out / "explorer.html"), e)
    try:
        from . import calendar as cal
        ics = cal.to_ics(iter_records(jsonl, slim=True))
        (out / "deadlines.ics").write_bytes(ics if isinstance(ics, bytes) else str(ics).encode("utf-8"))
        summary.outputs["calendar"] = str(out / "deadlines.ics")
    except Exception as e:
        failed("calendar", str(out / "deadlines.ics"), e)
    errs.close()
