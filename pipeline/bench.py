"""`chithi bench`: documents per second of text extraction, one process, and the first `extract()`
of a fresh process.

Each figure is reported with a baseline measured in the same run: for throughput, reading and
normalizing the same files alone (the floor any extraction pays), so the ratio says what the
annotation stages cost whatever the machine; for the library's start, a fresh `python -c pass`
next to a fresh `import pipeline; extract(short text)`.  Per-stage times show where the time goes.
"""
from __future__ import annotations

import gc
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

from .errors import InputError
from .extract import annotate, warm_up
from .read import normalize, read_path

FIRST_EXTRACT = ("from pipeline import extract; "
                 "extract('Số: 12/CT-UBND\\nCHỈ THỊ\\nVề phòng chống thiên tai\\n"
                 "1. Sở Nội vụ chủ trì. Sở Y tế phối hợp, báo cáo trước ngày 15/6/2024.')")


def _fresh_process_seconds(code: str, repeat: int) -> float:
    """Best wall time of `repeat` fresh `python -c code` processes (start, imports and the code)."""
    here = str(Path(__file__).resolve().parent.parent)     # this copy of the package, not another one
    env = dict(os.environ, PYTHONPATH=os.pathsep.join([here, *filter(None, [os.environ.get("PYTHONPATH")])]))
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, env=env)
        best = min(best, time.perf_counter() - t0)
    return best


def first_extract_lines(repeat: int = 3) -> list[str]:
    """The first `extract()` of a short text in a fresh process, next to a bare interpreter's start."""
    bare = _fresh_process_seconds("pass", repeat)
    first = _fresh_process_seconds(FIRST_EXTRACT, repeat)
    return [f"  fresh process, python -c pass (baseline)  {bare:6.2f} s",
            f"  fresh process, first extract() of a short text  {first:6.2f} s   "
            f"({first - bare:.2f} s over the baseline; best of {repeat})"]


def _files(dirs: list[str]) -> list[Path]:
    """The text documents (`.txt`, `.md`) under `dirs`, without notes and OCR truth files."""
    out = []
    for d in dirs:
        p = Path(d)
        if p.is_file():
            out.append(p)
        else:
            out += sorted(f for f in p.rglob("*") if f.suffix in (".txt", ".md") and not f.name.endswith(".truth.txt")
                          and f.name not in ("README.md", "MANIFEST.tsv"))
    return out


def clear_input_caches() -> int:
    """Empty the caches keyed by the text they are given (marker heads, symbols, names), so that a
    repeated round over the same documents does not find its answers there: a best-of-N would report a
    speed that no batch of new documents gets (a functools cache, or a memo with their `cache_info` and
    `cache_clear`).  The tables loaded once (`maxsize` 1 or unbounded) stay.
    Returns how many caches were emptied."""
    n = 0
    for name, module in list(sys.modules.items()):
        if not name.startswith("pipeline.") or module is None:
            continue
        for obj in vars(module).values():
            if isinstance(obj, type):
                continue        # (a memo's class: its instance, `symbols._PARSED`, is the cache)
            info = getattr(obj, "cache_info", None)
            if callable(info) and getattr(obj, "__module__", None) == name and info().maxsize not in (None, 1):
                obj.cache_clear()
                n += 1
    return n


def run_bench(dirs: list[str], repeat: int = 3, *, start: bool = True) -> str:
    """The report of `chithi bench` over the text documents under `dirs` (`start`: with the fresh
    process measurement of `first_extract_lines`)."""
    files = _files(dirs)
    if not files:
        raise InputError(f"no text documents found in {', '.join(dirs)}")
    # Warm up caches (gazetteer, matchers, compiled grammars) outside the timed runs, as a batch
    # worker does (see `extract.warm_up`).
    annotate(normalize(read_path(files[0])))
    warm_up()
    best_base = best_full = float("inf")
    # the process's CPU time too: on a machine other programs share, wall time counts the time they ran
    cpu_base = cpu_full = float("inf")
    stages: dict[str, float] = {}
    chars = 0
    for _ in range(repeat):
        clear_input_caches()       # each round meets the documents as new ones, as a batch does
        gc.collect()    # each timed loop starts with no garbage of the loop before it to collect (as timeit's setup)
        t0, c0 = time.perf_counter(), time.process_time()
        for f in files:     # one document at a time, as the full run and a batch hold them (a list of all
            doc = normalize(read_path(f))   # of them made the collector walk it: 0.1 ms/doc more)
        del doc
        best_base = min(best_base, time.perf_counter() - t0)
        cpu_base = min(cpu_base, time.process_time() - c0)
        clear_input_caches()
        gc.collect()
        t0, c0 = time.perf_counter(), time.process_time()
        run_stages: dict[str, float] = {}
        chars = 0
        for f in files:
            doc = annotate(normalize(read_path(f)), run_stages)
            chars += len(doc.text)
        elapsed = time.perf_counter() - t0
        cpu_full = min(cpu_full, time.process_time() - c0)
        if elapsed < best_full:
            best_full, stages = elapsed, run_stages
    n = len(files)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    lines = [f"chithi bench: {n} documents, {chars / n / 1000:.1f}k characters each on average, best of {repeat}",
             f"  read + normalize (baseline)  {n / best_base:8.1f} docs/s   (CPU time: {n / cpu_base:.1f} docs/s)",
             f"  full extraction              {n / best_full:8.1f} docs/s   "
             f"({best_full / best_base:.1f}x the baseline's time; CPU time: {n / cpu_full:.1f} docs/s, "
             f"{cpu_full / cpu_base:.1f}x)",
             f"  peak memory                  {peak:8.0f} MiB", "  time per stage (share of full extraction):"]
    for name, t in stages.items():
        lines.append(f"    {name:<12} {1000 * t / n:6.2f} ms/doc  {100 * t / best_full:5.1f}%")
    if start:
        lines += ["  library start:"] + first_extract_lines(repeat)
    return "\n".join(lines)
