"""The ceiling of a batch's speed-up on this machine: `jobs` plain processes extract an archive's documents
with nothing of the batch around them (no main process feeding them, no pipes, no manifest, no output
steps), each taking the next document from one shared counter, so that the load stays balanced.

    PYTHONPATH=<checkout> python benchmarks/plain_loops.py ARCHIVE --jobs 2     # prints one JSON line

Each process loads the models (`extract.warm_up`) and reads into memory the documents a batch of the archive
extracts (its inputs, one of each content: `documents`) before a barrier;
the clock starts when all of them have passed it.  Per document each runs what a batch worker runs
(`batch.archive.process_one`: extraction, record line, digest), so the time measured is that of the
workers alone, started and ready: `bench_batch.py` sets the batch's steady speed-up beside it.  What
limits the ceiling is the machine (cores that slow each other down, shared caches, a virtual machine's
neighbours), since two such loops share nothing.
"""
from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import time

TIMEOUT_S = 600     # for the loops to load, and then to extract the archive


def documents(archive: str) -> list[tuple[str, bytes]]:
    """(path, bytes) of the documents a batch of `archive` extracts: its inputs as the batch lists and reads them
    (`batch.iter_inputs`, `batch.load`), those it cannot read and the copies of a content left out."""
    from pipeline.batch.archive import iter_inputs, load

    docs: dict[str, tuple[str, bytes]] = {}
    for item in iter_inputs([archive]):
        key, data, err = load(item)
        if err is None and data is not None:
            docs.setdefault(key, (item.path, data))
    return list(docs.values())


def _loop(archive: str, counter, barrier, results) -> None:
    """One plain process; a failure breaks the barrier and is put on `results`: the measure stops at once."""
    try:
        from pipeline.batch.archive import process_one
        from pipeline.extract import warm_up

        warm_up(page_readers=False)
        docs = documents(archive)
        barrier.wait(TIMEOUT_S)
        cpu0 = time.process_time()
        done = 0
        while True:
            with counter.get_lock():
                k = counter.value
                counter.value += 1
            if k >= len(docs):
                break
            path, data = docs[k]
            process_one(path, path, data)
            done += 1
        results.put((done, time.process_time() - cpu0))
    except BaseException as e:
        barrier.abort()
        results.put((None, f"{type(e).__name__}: {e}"))
        raise


def plain_loops(archive: str, jobs: int) -> dict:
    """Seconds from the barrier until every loop is done, the loops' CPU seconds in all, documents done.  A loop
    that fails stops the measure (`threading.BrokenBarrierError` before the clock, `RuntimeError` after it)."""
    ctx = mp.get_context("spawn")
    counter, barrier, results = ctx.Value("l", 0), ctx.Barrier(jobs + 1), ctx.Queue()
    procs = [ctx.Process(target=_loop, args=(archive, counter, barrier, results), daemon=True) for _ in range(jobs)]
    for p in procs:
        p.start()
    try:
        barrier.wait(TIMEOUT_S)
        t0 = time.perf_counter()
        got = [results.get(timeout=TIMEOUT_S) for _ in procs]
        seconds = time.perf_counter() - t0
        failed = [msg for done, msg in got if done is None]
        if failed:
            raise RuntimeError(f"a plain loop failed: {failed[0]}")
    finally:
        for p in procs:
            p.join(TIMEOUT_S if p.exitcode is None else 0)
            if p.is_alive():
                p.kill()
    return {"jobs": jobs, "seconds": seconds, "cpu": sum(c for _, c in got), "docs": sum(d for d, _ in got)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    print(json.dumps(plain_loops(a.archive, a.jobs)))


if __name__ == "__main__":
    main()
