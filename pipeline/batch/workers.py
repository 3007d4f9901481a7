"""How a batch's worker processes start and run (`runner.LocalPool` keeps them).

Where the platform has one, a fork server started at the batch's start (`begin_workers`) loads the stages, tables
and models once (`preload`); each worker, and the output steps' process apart, is forked from it, sharing what it
loaded, instead of starting a fresh interpreter that loads its own copy: on two cores, two workers and the process
apart no longer load the same things side by side while the batch waits.  A worker takes the environment its batch
starts with (`apply_environ`), since the server keeps the one it was started with.
"""
from __future__ import annotations

import multiprocessing
import os
import signal
import threading
import time

READY = "ready"     # what a worker sends once it is ready for documents

# What the fork server imports before it forks the first worker: the models, loaded once for all the workers of
# this process's batches (a worker started after another died starts at once, with nothing to load).
FORKSERVER_PRELOAD = "pipeline.batch.preload"


def worker_context():
    """The way worker processes start: forked from a fork server that loaded the models once (`FORKSERVER_PRELOAD`),
    where the platform has one; else each one fresh (spawn), loading them itself.  Never forked from the main
    process, whose threads (the pool's senders, a caller's) may hold a lock at the moment of the fork."""
    if "forkserver" not in multiprocessing.get_all_start_methods():     # pragma: no cover - not on Linux
        return multiprocessing.get_context("spawn")
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload([FORKSERVER_PRELOAD])
    return ctx


def begin_workers() -> None:
    """Start the fork server now, without waiting for it: it loads the models while the caller goes on (checks its
    folder, warms its output steps); the first worker started waits for it.  A server already running (an earlier
    batch of this process) is kept, and with spawn there is nothing to begin."""
    if worker_context().get_start_method() == "forkserver":
        from multiprocessing import forkserver
        forkserver.ensure_running()


def apply_environ(environ: dict[str, str]) -> None:
    """Make `environ` this process's environment: a process forked from the fork server has the environment the
    main process had when the server started (an earlier batch's), not the one it has now."""
    if os.environ != environ:
        os.environ.clear()
        os.environ.update(environ)


def watch_parent(parent: int) -> None:
    """Stop this worker's process group (it and its Tesseract processes) once the process that started it (the
    main process, or the fork server, which ends with it) is gone (killed with -9, say): a worker never outlives its
    batch by more than a second or two."""
    while os.getppid() == parent:
        time.sleep(1.0)
    os.killpg(0, signal.SIGKILL)


def worker_main(conn, environ: dict[str, str], page_readers: bool = True) -> None:
    """A worker process: load the models once (those its fork server loaded are there already), then extract
    documents sent over `conn`.  It leads its own process group, so that stopping it (time limit) stops the
    programs it started too.  `environ`: the main process's environment when the worker was started, which a
    worker forked from the fork server (started with the environment of an earlier batch) takes as its own."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)    # Ctrl-C is the main process's to handle
    os.setpgrp()
    apply_environ(environ)
    # the process it was started by: the main process, or the fork server, which ends when the main process does
    parent = os.getppid()
    # The batch runs one worker per core: a Tesseract that starts OpenMP threads on top would only
    # fight the other workers for the cores (OCR pages ran 2-3x slower on a loaded machine).
    os.environ.setdefault("OMP_THREAD_LIMIT", "1")
    threading.Thread(target=watch_parent, args=(parent,), daemon=True).start()
    from ..extract import warm_up
    from .archive import process_one
    try:
        warm_up(page_readers=page_readers)
    except Exception:       # a worker that cannot warm up still extracts (and reports) documents
        pass
    conn.send(READY)
    while True:
        try:
            args = conn.recv()
        except (EOFError, OSError):
            return
        if args is None:
            return
        conn.send(process_one(*args))


def peak_rss_mb(pid: int) -> float:
    """The peak resident set of process `pid` in MB (Linux's `VmHWM`), 0 where it cannot be read: a worker forked
    by the fork server is no child of the main process, whose `RUSAGE_CHILDREN` never counts it."""
    try:
        with open(f"/proc/{pid}/status", "rb") as f:
            for line in f:
                if line.startswith(b"VmHWM:"):
                    return int(line.split()[1]) / 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0.0
