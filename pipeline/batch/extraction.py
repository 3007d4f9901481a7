"""A batch's documents in flight: sent to the worker pool (at most two per worker), results written
to documents.jsonl / errors.jsonl as they come and committed to the manifest after an fsync.
"""
from __future__ import annotations

import json
import os
import time
from collections import deque
from pathlib import Path

from ..read import Limits
from .digests import DIGESTS
from .inputs import Item, count_inputs, iter_inputs, load
from .manifest import Manifest
from .outputs import OUTPUT_STAGES
from .summary import Progress, Summary

COMMIT_EVERY_S, COMMIT_EVERY_N = 0.5, 64


def _last_byte(p: Path) -> bytes:
    with open(p, "rb") as f:
        f.seek(-1, os.SEEK_END)
        return f.read(1)


class Writer:
    """Appends to documents.jsonl / errors.jsonl and commits manifest rows after fsync."""

    def __init__(self, out: Path, manifest: Manifest):
        self.m = manifest
        self.docs = open(out / "documents.jsonl", "ab")
        self.errs = open(out / "errors.jsonl", "ab")
        self.digests = open(out / DIGESTS, "ab")
        if self.digests.tell() and _last_byte(out / DIGESTS) != b"\n":
            self.digests.write(b"\n")       # a line cut by a killed run ends here, not in the next one
        self.rows: list[tuple] = []
        self.dups: list[tuple] = []
        self.pending: dict[str, str] = {}    # key -> path, written but not committed
        self.last = time.monotonic()

    # Nothing here commits: the caller commits (`maybe_commit`) once the next document is on its way
    # to a worker, so that a worker never waits for an fsync.

    def record(self, key: str, path: str, status: str, line: bytes, secs: float, digest: bytes | None = None) -> None:
        """Append one record (committed with the next commit) and its digest (`digests`), if any."""
        self.docs.write(line)
        self.docs.write(b"\n")
        if digest is not None:
            self.digests.write(digest + b"\n")
        self.rows.append((key, status, path, secs))
        self.pending[key] = path

    def error(self, key: str | None, path: str, stage: str, err: str, message: str,
              secs: float | None = None) -> None:
        """Append one line of errors.jsonl (a failed input's manifest row is committed with the next commit)."""
        d = {"file": path, "stage": stage, "error": err, "message": message}
        if key:
            d["id"] = key
        self.errs.write(json.dumps(d, ensure_ascii=False).encode("utf-8") + b"\n")
        if key and stage not in OUTPUT_STAGES and stage != "dedupe":
            self.rows.append((key, "failed", path, secs))
            self.pending[key] = path

    def duplicate(self, key: str, path: str, first: str) -> None:
        """Record an input whose content an earlier input had."""
        self.error(key, path, "dedupe", "Duplicate", f"same content as {first}: not processed again")
        self.dups.append((path, key, first))

    def maybe_commit(self, force: bool = False) -> None:
        """Commit when `COMMIT_EVERY_N` rows wait or `COMMIT_EVERY_S` has passed since the last commit."""
        due = len(self.rows) + len(self.dups) >= COMMIT_EVERY_N or time.monotonic() - self.last >= COMMIT_EVERY_S
        if force or due:
            self.commit()

    def commit(self) -> None:
        """fsync the files, then record their rows and offsets in the manifest."""
        for f in (self.docs, self.errs):
            f.flush()
            os.fsync(f.fileno())
        self.digests.flush()        # (no fsync: a digest lost or cut is made again from its record)
        self.m.add(self.rows, duplicates=self.dups,
                   meta={"offset:docs": self.docs.tell(), "offset:errors": self.errs.tell()})
        self.rows, self.dups, self.pending = [], [], {}
        self.last = time.monotonic()

    def close(self) -> None:
        """Commit what is left and close the files."""
        self.commit()
        self.docs.close()
        self.errs.close()
        self.digests.close()


def start_pool(summary: Summary, jobs: int, limits: Limits, page_readers: bool = True, began: float | None = None):
    """The worker pool of a batch, started now: `jobs` local processes, or the Dask cluster of
    `summary.scheduler`.  Local workers load their models while the caller goes on, the PDF and OCR
    readers too where `page_readers` (`inputs.needs_page_readers`); `began`: when they began to
    (`workers.begin_workers`), the start of `summary.startup_s`."""
    from .runner import DaskPool, LocalPool
    pool = (DaskPool(summary.scheduler, limits.doc_seconds) if summary.scheduler
            else LocalPool(jobs, limits.doc_seconds, page_readers=page_readers, began=began))
    summary.jobs = pool.jobs
    return pool


def extract_all(pool, inputs: list[str], out: Path, manifest: Manifest, summary: Summary, ocr: str,
                progress: bool, limits: Limits) -> None:
    """Read every input and extract the documents not done yet on `pool`, writing results as they
    come; the pool is closed at the end."""
    try:
        run = Extraction(pool, out, manifest, summary, ocr, limits,
                         Progress(count_inputs(inputs, out) if progress else 0, progress))
    except BaseException:
        pool.close(now=True)
        raise
    try:
        for item in iter_inputs(inputs, out, limits):
            run.take(item)
        run.drain()
    except BaseException:
        run.close(now=True)     # (Ctrl-C: the workers are stopped at once, not after the documents they hold)
        raise
    run.close()


class Extraction:
    """One run's documents in flight: sent to the pool (at most two per worker), results written
    as they come, a document whose worker died tried once more."""

    def __init__(self, pool, out: Path, manifest: Manifest, summary: Summary, ocr: str, limits: Limits,
                 prog: Progress):
        self.pool = pool
        self.m, self.summary, self.ocr, self.limits, self.prog = manifest, summary, ocr, limits, prog
        self.writer = Writer(out, manifest)
        self.inflight: dict[str, str] = {}       # key -> path, sent to a worker
        self.retried: set[str] = set()
        self.retry: deque[tuple] = deque()
        self.counts = {"ok": 0, "partial": 0, "failed": 0}
        self.limits_sent = limits.to_dict()      # (made once: sent with every document)

    def take(self, item: Item) -> None:
        """Read one input and send it to a worker, or record why not (done, duplicate, unreadable);
        then commit what is due."""
        self._take(item)
        self.writer.maybe_commit()

    def _take(self, item: Item) -> None:
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
        self.wait_for_idle(data)      # at most `runner.DEPTH` documents in flight per worker
        self.inflight[key] = item.path
        self.pool.submit((key, item.path, data, self.ocr, self.limits_sent))

    def handle(self, res: tuple) -> None:
        """Write one result of the pool (a record, a failure, or a crashed worker's document to retry)."""
        if res[0] == "requeued":       # sent to a worker that died or was stopped before it started on it
            self.retry.appendleft(res[1])
            return
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
            _, _, path, status, line, secs, *digest = res
            self.writer.record(key, path, status, line, secs, *digest)
            self.counts[status] += 1
        else:
            _, _, path, stage, err, msg, secs = res
            self.writer.error(key, path, stage, err, msg, secs)
            self.counts["failed"] += 1
        self.summary.processed += 1
        self.prog.advance(self.counts)

    def wait_for_idle(self, data: bytes = b"") -> None:
        """Return once a worker can take the input `data` (sending documents to retry first)."""
        while True:
            while self.retry and self.pool.idle(self.retry[0][2]):
                self.pool.submit(self.retry.popleft())
            if self.pool.idle(data) and not self.retry:
                return
            self.poll()

    def poll(self) -> None:
        """Handle the results that came within the pool's poll time."""
        for res in self.pool.poll():
            self.handle(res)

    def drain(self) -> None:
        """Wait for the documents in flight, writing and committing their results."""
        while self.pool.busy() or self.retry:
            self.wait_for_idle()
            self.poll()
            self.writer.maybe_commit()

    def close(self, now: bool = False) -> None:
        """Stop the pool (`now`: without waiting for the documents its workers hold), then commit and close the
        output files."""
        ready = getattr(self.pool, "ready_after", [])[:self.pool.jobs]
        self.summary.startup_s = max(ready) if len(ready) == self.pool.jobs else 0.0
        try:
            self.pool.close(now)
            self.summary.peak_worker_rss_mb = getattr(self.pool, "peak_worker_mb", 0.0)
        finally:
            self.writer.close()
            self.prog.close(self.counts)
