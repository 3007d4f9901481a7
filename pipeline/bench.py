"""`chithi bench`: documents per second of text extraction, one process.

The figure is reported with a baseline measured in the same run on the same files: reading and
normalizing alone (the floor any extraction pays), so the ratio says what the annotation stages
cost whatever the machine.  Per-stage times show where the time goes.
"""
from __future__ import annotations

import resource
import time
from pathlib import Path

from .errors import InputError
from .extract import annotate, warm_up
from .read import normalize, read_path


def _files(dirs: list[str]) -> list[Path]:
    out = []
    for d in dirs:
        p = Path(d)
        if p.is_file():
            out.append(p)
        else:
            out += sorted(f for f in p.rglob("*") if f.suffix in (".txt", ".md") and not f.name.endswith(".truth.txt")
                          and f.name not in ("README.md", "MANIFEST.tsv"))
    return out


def run_bench(dirs: list[str], repeat: int = 3) -> str:
    files = _files(dirs)
    if not files:
        raise InputError(f"no text documents found in {', '.join(dirs)}")
    # Warm up caches (gazetteer, matchers, compiled grammars) outside the timed runs, as a batch
    # worker does (see `extract.warm_up`).
    annotate(normalize(read_path(files[0])))
    warm_up()
    best_base = best_full = float("inf")
    stages: dict[str, float] = {}
    chars = 0
    for _ in range(repeat):
        t0 = time.perf_counter()
        docs = [normalize(read_path(f)) for f in files]
        best_base = min(best_base, time.perf_counter() - t0)
        del docs            # the full run must not pay the garbage collector for the baseline's documents
        t0 = time.perf_counter()
        run_stages: dict[str, float] = {}
        chars = 0
        for f in files:
            doc = annotate(normalize(read_path(f)), run_stages)
            chars += len(doc.text)
        elapsed = time.perf_counter() - t0
        if elapsed < best_full:
            best_full, stages = elapsed, run_stages
    n = len(files)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [f"chithi bench: {n} documents, {chars / n / 1000:.1f}k characters each on average, best of {repeat}",
             f"  read + normalize (baseline)  {n / best_base:8.1f} docs/s",
             f"  full extraction              {n / best_full:8.1f} docs/s   ({best_full / best_base:.1f}x the baseline's time)",
             f"  peak memory                  {peak:8.0f} MiB", "  time per stage (share of full extraction):"]
    for name, t in stages.items():
        lines.append(f"    {name:<12} {1000 * t / n:6.2f} ms/doc  {100 * t / best_full:5.1f}%")
    return "\n".join(lines)
