"""Where a batch's documents are extracted: worker processes on this machine, or a Dask cluster.

`LocalPool` keeps one process per job, each sent at most `DEPTH` documents at a time: the one it extracts
and the next, which it reads from its pipe as soon as it is done instead of waiting for the main process to
read its result and answer (so the input in flight is bounded by twice the number of workers).  A clock runs
on the document each worker extracts: one that runs past `Limits.doc_seconds` has its worker killed and
replaced and is recorded as failed, and a worker that dies (out of memory, a crash in a native library)
gives its document back to be tried once more; the document queued behind it goes back unharmed.
`DaskPool` sends the same work to a Dask scheduler, at most two documents per worker thread.

Both give results as the tuples of `batch.process_one`, plus `("crashed", args)` for a document
whose worker died and `("requeued", args)` for one sent to a worker that died or was stopped before it
started on it.
"""
from __future__ import annotations

import multiprocessing.connection as mpc
import os
import queue
import signal
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from multiprocessing.reduction import ForkingPickler
from typing import Any

from .. import regexes
from ..errors import ChithiError, SchedulerError, UsageError
from ..read import holds_pages
from .workers import READY, peak_rss_mb, worker_context, worker_main

# Documents sent to a worker at once.  With one, a worker waited for the main process after every document:
# 1.3 ms a document on a 2-core VM at one job (8% of the batch), where the idle core must be woken twice.
DEPTH = 2
# Only a quick input is queued behind a quick one: text of at most this size, no PDF or image, which take
# seconds (nothing to gain, and at the end of a batch a document queued behind one would wait while another
# worker has none); so too the inputs held in memory stay near one per worker (`--max-input-mb` each).
QUEUED_MAX_BYTES = 1 << 20


def _quick(data: bytes) -> bool:
    """Whether an input is read in milliseconds: text of at most `QUEUED_MAX_BYTES`."""
    return len(data) <= QUEUED_MAX_BYTES and not holds_pages(data)


def _ended(exitcode: int | None, gone: bool = True) -> str:
    """How a worker ended, in words (`_failed_start`'s message): `gone` with its `exitcode` (None: not known),
    or not gone (hung).

    >>> _ended(1), _ended(-9)
    ('exited with code 1', 'was killed by signal 9 (SIGKILL)')
    >>> _ended(None), _ended(None, gone=False)
    ('ended (exit status not known)', 'hung past the start time limit')
    """
    if not gone:
        return "hung past the start time limit"
    if exitcode is None:
        return "ended (exit status not known)"
    if exitcode < 0:
        try:
            return f"was killed by signal {-exitcode} ({signal.Signals(-exitcode).name})"
        except ValueError:
            return f"was killed by signal {-exitcode}"
    return f"exited with code {exitcode}"


def _kill_group(pid: int, alive: bool = True) -> None:
    """SIGKILL a worker and what it started (its process group, see `worker_main`).  A worker no longer
    `alive` may have left programs running (a Tesseract of a worker killed for memory): its group is stopped,
    and never the pid alone, which another process may hold by now (the group's members keep its number)."""
    try:
        os.killpg(pid, signal.SIGKILL)
    except OSError:         # not yet its own group leader, or gone
        if not alive:
            return
        try:
            os.kill(pid, signal.SIGKILL)
        except OSError:
            pass


def _send_all(conn, outbox: queue.SimpleQueue, unsent: queue.SimpleQueue) -> None:
    """A worker's sender thread: sends what the main process puts in `outbox`, until None (sent too: the
    worker stops).  A document larger than the pipe's buffer waits here until the worker reads it, never in
    the main process, which must keep reading results (the worker may be sending one meanwhile).  A document
    that cannot be pickled (out of memory) goes onto `unsent`, before anything after it is sent, and the pipe
    stays as it was: the worker goes on with the next one."""
    while True:
        args = outbox.get()
        try:
            data = ForkingPickler.dumps(args)
        except Exception as e:      # (the error in words: its traceback would hold what the pickling had built)
            unsent.put((args, type(e).__name__, str(e)))
            continue
        try:
            conn.send_bytes(data)
        except Exception:   # (BrokenPipeError, OSError) the worker died or was stopped: the next poll gives
            return          # its documents back
        if args is None:
            return


SENDER_JOIN_S = 5      # how long closing a pipe waits for its sender to end its send


@dataclass
class _Worker:
    proc: Any
    conn: Any
    outbox: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)
    unsent: queue.SimpleQueue = field(default_factory=queue.SimpleQueue)    # (args, error, message): never sent
    ready: bool = False
    tasks: deque = field(default_factory=deque)     # documents sent, in order: the first is being extracted
    started: float = 0.0                            # when the first of `tasks` started
    born: float = field(default_factory=time.monotonic)
    sender: threading.Thread = field(init=False)

    def __post_init__(self) -> None:
        self.sender = threading.Thread(target=_send_all, args=(self.conn, self.outbox, self.unsent), daemon=True,
                                       name="chithi-sender")
        self.sender.start()

    def close_pipe(self) -> None:
        """Stop the sender thread (it ends its send first: the worker read it, or is gone), then close the pipe.
        A sender still sending (a worker stopped but not yet gone) keeps the pipe open: closed under it, its
        number could be given to the next worker's pipe, which would get the rest of the old send."""
        self.outbox.put(None)
        self.sender.join(SENDER_JOIN_S)
        if not self.sender.is_alive():
            self.conn.close()


class LocalPool:
    START_TIMEOUT_S = 300       # loading the models takes seconds; minutes means something is wrong
    MAX_FAILED_STARTS = 5
    PEAK_EVERY_S = 1.0          # how often the workers' peak memory is read (and before each one stops)

    def __init__(self, jobs: int, doc_seconds: float, page_readers: bool = True, began: float | None = None):
        """`began`: when the workers began to start (`begin_workers`; default now), the start of `ready_after`."""
        self.jobs, self.doc_seconds = jobs, doc_seconds
        self.page_readers = page_readers     # load the PDF and OCR readers at start (see `extract.warm_up`)
        self.failed_starts = 0
        self.started = time.monotonic() if began is None else began
        self.ready_after: list[float] = []     # seconds from the pool's start until each worker was ready
        self.peak_worker_mb = 0.0               # the largest peak resident set of a worker so far
        self._peaks_read = 0.0
        self.ctx = worker_context()
        self.workers: list[_Worker] = []
        try:
            for _ in range(jobs):
                self.workers.append(self._spawn())
        except BaseException:       # (no more processes, Ctrl-C: those started are stopped, not left running)
            self.close(now=True)
            raise

    def _spawn(self) -> _Worker:
        parent, child = self.ctx.Pipe()
        proc = self.ctx.Process(target=worker_main, args=(child, dict(os.environ), self.page_readers), daemon=True,
                                name="chithi-worker")
        proc.start()
        child.close()
        return _Worker(proc, parent)

    @staticmethod
    def _takes(w: _Worker, data: bytes) -> bool:
        """Whether `w` can be sent `data` now: ready, alive (a worker that died idle is replaced by the next
        `poll`; a document sent to it would come back `crashed`, a try lost), and free or holding quick ones."""
        queued_ok = len(w.tasks) < DEPTH and _quick(data) and all(_quick(t[2]) for t in w.tasks)
        return w.ready and (not w.tasks or queued_ok) and w.proc.exitcode is None

    def idle(self, data: bytes = b"") -> bool:
        """Whether a worker can be sent the input `data` now."""
        return any(self._takes(w, data) for w in self.workers)

    def busy(self) -> bool:
        return any(w.tasks for w in self.workers)

    def submit(self, args: tuple) -> None:
        """Send `args` to the ready worker holding the fewest documents (a free one before a second to any), of
        those the one whose document started first (the likeliest to read it soonest)."""
        # (none where the worker `idle` found died since: sent to a live one, ready or not, it is read in time;
        # sent to none, it would be lost)
        takers = [w for w in self.workers if self._takes(w, args[2])] \
            or [w for w in self.workers if w.proc.exitcode is None] or self.workers
        w = min(takers, key=lambda w: (len(w.tasks), w.started))
        if not w.tasks:
            w.started = time.monotonic()
        w.tasks.append(args)
        w.outbox.put(args)

    def poll(self, timeout: float = 0.5) -> list[tuple]:
        """Results that arrived within `timeout` s, documents whose worker died or ran out of time."""
        waits = [w.conn for w in self.workers] + [w.proc.sentinel for w in self.workers]
        ready = set(mpc.wait(waits, timeout))
        out: list[tuple] = []
        if time.monotonic() - self._peaks_read > self.PEAK_EVERY_S:
            self._read_peaks(self.workers)
        for i, w in enumerate(self.workers):
            self._take_unsent(w, out)
            # a worker ended: its sentinel or its pipe says so at once, where `is_alive` (waitpid) may answer
            # late, or never where another part of the program reaped the process
            gone = w.proc.sentinel in ready or not w.proc.is_alive()
            # every message its pipe holds first (one may have come since `wait`): a document whose result
            # came is never taken for the one it died on or ran out of time with
            gone = self._read_all(w, out) or gone
            if w.tasks and gone:
                out.append(("crashed", w.tasks[0]))
                self._replace(i, out)
            elif w.tasks and time.monotonic() - w.started > self.doc_seconds:
                key, path = w.tasks[0][0], w.tasks[0][1]
                out.append(("failed", key, path, "timeout", "LimitError",
                            f"extraction ran past the {self.doc_seconds:g} s limit per document (raise it with "
                            f"--doc-timeout): stopped", time.monotonic() - w.started))
                self._replace(i, out)
            elif gone or (not w.ready and time.monotonic() - w.born > self.START_TIMEOUT_S):
                if not w.ready:
                    if gone:
                        w.proc.join(1)      # (its pipe or sentinel may tell of its end before it can be reaped)
                    self._failed_start(w.proc.exitcode if gone else None, gone)
                self._replace(i)      # died while idle or warming up: start another
        return out

    def _read_peaks(self, workers: list[_Worker]) -> None:
        for w in workers:
            self.peak_worker_mb = max(self.peak_worker_mb, peak_rss_mb(w.proc.pid))
        self._peaks_read = time.monotonic()

    def _read_all(self, w: _Worker, out: list[tuple]) -> bool:
        """Take every message waiting in `w`'s pipe (readiness, results onto `out`); whether the pipe ended."""
        try:
            while w.conn.poll():
                msg = w.conn.recv()
                if msg == READY:
                    w.ready = True
                    self.failed_starts = 0      # (workers can start: only failures in a row stop the pool)
                    self.ready_after.append(time.monotonic() - self.started)
                else:
                    # (a document the sender could not send was put on `unsent` before the next one was sent:
                    # taken out of `tasks` first, it is never taken for the one this result is of)
                    self._take_unsent(w, out)
                    out.append(msg)
                    if w.tasks:
                        w.tasks.popleft()
                    w.started = time.monotonic()        # (the next one's clock: the worker read it at once)
        except (EOFError, OSError):
            return True
        return False

    @staticmethod
    def _take_unsent(w: _Worker, out: list[tuple]) -> None:
        """The documents `w`'s sender could not send, out of its `tasks` and failed onto `out`."""
        while not w.unsent.empty():
            args, error, message = w.unsent.get()
            k = next((k for k, t in enumerate(w.tasks) if t is args), None)
            if k is None:
                continue
            del w.tasks[k]
            if k == 0:
                w.started = time.monotonic()        # (the worker goes on with the next one)
            out.append(("failed", args[0], args[1], "worker", error,
                        f"the document could not be sent to a worker ({error}: {message})", None))

    def _failed_start(self, exitcode: int | None, gone: bool) -> None:
        """Count a worker that died (`gone`, its `exitcode` where known) or hung before it was ready; a pool whose
        workers cannot start at all (a broken installation, a machine out of memory: `MAX_FAILED_STARTS` failures
        with no worker ready between them) stops the batch instead of starting workers for ever."""
        self.failed_starts += 1
        if self.failed_starts >= self.MAX_FAILED_STARTS:
            raise ChithiError(f"the worker processes cannot start ({self.failed_starts} in a row died or hung before "
                              f"they were ready; the last {_ended(exitcode, gone)}): check that `python -c 'import "
                              f"pipeline'` works, and the memory free", stage="worker")

    def _replace(self, i: int, out: list[tuple] | None = None) -> None:
        """Stop worker `i` and start another; the documents queued behind the one it was extracting go back
        (`requeued`, onto `out`)."""
        w = self.workers[i]
        self._read_peaks([w])
        _kill_group(w.proc.pid, alive=w.proc.is_alive())
        w.proc.join(5)
        w.close_pipe()
        if out is not None:
            out.extend(("requeued", args) for args in list(w.tasks)[1:])
        self.workers[i] = self._spawn()

    def close(self, now: bool = False) -> None:
        """Stop the workers once they are done with the documents they hold, waiting 10 s at most; `now` (an
        interrupted batch, whose results are not written any more): at once."""
        self._read_peaks(self.workers)      # (done with their documents unless `now`: their peaks are final)
        for w in self.workers:
            w.outbox.put(None)          # (after what it was sent: the worker stops once it has read them)
        deadline = time.monotonic() + 10
        for w in self.workers:
            if not now:
                w.proc.join(max(0.1, deadline - time.monotonic()))
            alive = w.proc.is_alive()
            _kill_group(w.proc.pid, alive)      # (dead, it may have left a program running)
            if alive:
                w.proc.join(5)
            w.close_pipe()


_SCHEDULER = regexes.compile(r"^(?:(tcp|tls|inproc|ws|wss|ucx)://)?[\w.\-\[\]:]+:\d{1,5}$|^(tcp|tls|inproc|ws|wss|ucx)://\S+$")


def check_scheduler_address(address: str) -> None:
    """A Dask scheduler address looks like `tcp://host:8786` (or `host:8786`).

    >>> check_scheduler_address("tcp://10.0.0.5:8786")
    >>> check_scheduler_address("not an address")
    Traceback (most recent call last):
    pipeline.errors.UsageError: malformed --scheduler 'not an address': expected an address like tcp://host:8786
    """
    if not _SCHEDULER.match(address or ""):
        raise UsageError(f"malformed --scheduler {address!r}: expected an address like tcp://host:8786")


class DaskPool:
    CONNECT_TIMEOUT_S = 10

    def __init__(self, address: str, doc_seconds: float):
        check_scheduler_address(address)
        from dask.distributed import Client
        try:
            self.client = Client(address, timeout=self.CONNECT_TIMEOUT_S)
            info = self.client.scheduler_info()
        except Exception as e:   # OSError, TimeoutError, ValueError from the comm layer
            raise SchedulerError(f"cannot reach the Dask scheduler at {address} ({type(e).__name__}: {e})") from e
        self.jobs = max(1, sum(w.get("nthreads", 1) for w in info["workers"].values()))
        self.doc_seconds = doc_seconds
        self.inflight: dict[Any, tuple[tuple, float]] = {}

    def idle(self, data: bytes = b"") -> bool:
        return len(self.inflight) < 2 * self.jobs

    def busy(self) -> bool:
        return bool(self.inflight)

    def submit(self, args: tuple) -> None:
        from .archive import process_one
        self.inflight[self.client.submit(process_one, *args, pure=False)] = (args, time.monotonic())

    def poll(self, timeout: float = 0.5) -> list[tuple]:
        from dask.distributed import wait
        try:
            wait(list(self.inflight), timeout=timeout, return_when="FIRST_COMPLETED")
        except Exception:  # distributed raises a TimeoutError subclass
            pass
        out = []
        for fut, (args, t0) in list(self.inflight.items()):
            if fut.done():
                try:
                    out.append(fut.result())
                except Exception as e:   # the cluster lost the task, a worker died
                    out.append(("failed", args[0], args[1], "worker", type(e).__name__, str(e) or repr(e), None))
            elif time.monotonic() - t0 > self.doc_seconds + 60:   # queued on the cluster: a margin
                fut.cancel()
                out.append(("failed", args[0], args[1], "timeout", "LimitError",
                            f"no result within the {self.doc_seconds:g} s limit per document: cancelled", None))
            else:
                continue
            del self.inflight[fut]
        return out

    def close(self, now: bool = False) -> None:
        """Close the client: the tasks still on the cluster are cancelled with it, `now` or not."""
        self.client.close()
