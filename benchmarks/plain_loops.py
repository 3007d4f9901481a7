"""The ceiling of a batch's speed-up on this machine: `jobs` plain processes extract an archive's documents
with nothing of the batch around them (no main process feeding them, no pipes, no manifest, no output
steps), each taking the next document from one shared counter, so that the load stays balanced.

    PYTHONPATH=<checkout> python benchmarks/plain_loops.py ARCHIVE --jobs 2     # prints one JSON line

Each process loads the models (`extract.warm_up`) and reads every document into memory before a barrier;
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
from pathlib import Path


def _loop(paths: list[str], counter, barrier, results) -> None:
    from pipeline.batch.archive import process_one
    from pipeline.extract import warm_up

    warm_up(page_readers=False)
    docs = [(p, Path(p).read_bytes()) for p in paths]
    barrier.wait()
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


def plain_loops(archive: str, jobs: int) -> dict:
    """Seconds from the barrier until every loop is done, the loops' CPU seconds in all, documents done."""
    paths = sorted(str(p) for p in Path(archive).rglob("*.md"))
    ctx = mp.get_context("spawn")
    counter, barrier, results = ctx.Value("l", 0), ctx.Barrier(jobs + 1), ctx.Queue()
    procs = [ctx.Process(target=_loop, args=(paths, counter, barrier, results)) for _ in range(jobs)]
    for p in procs:
        p.start()
    barrier.wait()
    t0 = time.perf_counter()
    got = [results.get() for _ in procs]
    seconds = time.perf_counter() - t0
    for p in procs:
        p.join()
    return {"jobs": jobs, "seconds": seconds, "cpu": sum(c for _, c in got), "docs": sum(d for d, _ in got)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("archive")
    ap.add_argument("--jobs", type=int, default=1)
    a = ap.parse_args()
    print(json.dumps(plain_loops(a.archive, a.jobs)))


if __name__ == "__main__":
    main()
