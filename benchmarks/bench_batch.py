"""Benchmark `chithi batch`: documents per second and peak memory at jobs=1 and jobs=2, the share of
the output steps in a batch's time, and a generated archive killed halfway (kill -9 of the process
group) and resumed.

    python benchmarks/bench_batch.py                          # corpora/archive, jobs 1 and 2, twice
    python benchmarks/bench_batch.py --archive ../shared/corpora/archive   # a larger archive
    python benchmarks/bench_batch.py --generate 20000 --skip-speed   # 20,000 documents, kill -9, resume

Each run is a fresh `process_archive` process group; memory is sampled with psutil (resident set of
the batch process and of all its workers) every 0.5 s.  The job counts are run in turn, `--repeat`
rounds (1, 2, 1, 2 ...), so that a burst of load from other programs does not fall on one count
only; the speed-up is that of the best round of each count, with the median next to it.

Each round also runs the machine's ceiling (`plain_loops.py`): as many plain processes as jobs extract the
same documents with nothing of the batch around them, already started.  Its speed-up is what this
machine allows in this run (on a small virtual machine two busy cores slow each other down, whatever the
program); the batch's steady speed-up should come near it, and the rest of the batch's gap is its start.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
ARCHIVE = ROOT / "corpora" / "archive"


def _lines(p: Path) -> int:
    if not p.exists():
        return 0
    n = 0
    with open(p, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            n += chunk.count(b"\n")
    return n


def run_batch(inputs: list[str], out: Path, jobs: int, *, kill_at: int | None = None, outputs: bool = True,
              root: Path = ROOT) -> dict:
    """Run one batch in its own process group; sample memory; optionally kill -9 after `kill_at` records.
    `root`: the checkout whose `pipeline` runs (another one gives a before/after in one run)."""
    code = ("import json,sys; from pipeline.batch.archive import process_archive as p; "
            f"s=p({inputs!r}, {str(out)!r}, jobs={jobs}, progress=False, outputs={outputs}); "
            "print(json.dumps(dict(processed=s.processed, extract_s=s.extract_s, elapsed=s.elapsed, counts=s.counts, "
            "peak_main=s.peak_rss_mb, peak_worker=s.peak_worker_rss_mb, dps=s.docs_per_s, "
            "steps=getattr(s, 'step_seconds', {}), startup=getattr(s, 'startup_s', 0.0))))")
    env = dict(os.environ, PYTHONPATH=str(root))
    t0 = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", code], cwd=root, env=env, start_new_session=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    batch = psutil.Process(proc.pid)
    samples = []          # (seconds, records, main MB, all MB)
    killed = False
    jsonl = out / "documents.jsonl"
    last_lines_t, nrec = 0.0, 0
    while proc.poll() is None:
        try:
            procs = [batch] + batch.children(recursive=True)
            rss = [p.memory_info().rss for p in procs]
            now = time.perf_counter() - t0
            if now - last_lines_t > 2.0:
                nrec, last_lines_t = _lines(jsonl), now
            samples.append((now, nrec, rss[0] / 2**20, sum(rss) / 2**20))
        except psutil.Error:
            pass
        if kill_at is not None and nrec >= kill_at:
            os.killpg(proc.pid, signal.SIGKILL)
            killed = True
            break
        time.sleep(0.5)
    out_s, err_s = proc.communicate()
    res = {"wall": time.perf_counter() - t0, "samples": samples, "killed": killed, "rc": proc.returncode}
    if not killed:
        if proc.returncode != 0:
            raise SystemExit(f"batch failed: {err_s[-2000:]}")
        res.update(json.loads(out_s.strip().splitlines()[-1]))
        if not res["counts"].get("ok") and not res["counts"].get("partial"):
            raise SystemExit(f"the batch of {inputs} run by {root} found no document")
    return res


def generate(n: int, dest: Path, max_chars: int, archive: Path = ARCHIVE) -> Path:
    srcs = sorted(archive.glob("*.md"))
    texts = [p.read_text(encoding="utf-8")[:max_chars] for p in srcs]
    dest.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        sub = dest / f"part{i // 1000:03d}"
        sub.mkdir(exist_ok=True)
        (sub / f"doc{i:06d}.md").write_text(texts[i % len(texts)] + f"\n\nBản sao số {i} của kho lưu trữ.\n",
                                             encoding="utf-8")
    return dest


def mem_profile(samples: list, total: int) -> str:
    """All-process RSS when 10/25/50/75/100 % of the records were written."""
    marks = []
    for pct in (10, 25, 50, 75, 100):
        want = total * pct / 100
        hit = next((s for s in samples if s[1] >= want), samples[-1] if samples else None)
        if hit:
            marks.append(f"{pct}%: {hit[3]:.0f} MB (main {hit[2]:.0f})")
    return ", ".join(marks)


def _median(xs: list[float]) -> float:
    xs = sorted(xs)
    return xs[len(xs) // 2] if len(xs) % 2 else (xs[len(xs) // 2 - 1] + xs[len(xs) // 2]) / 2


def run_plain_loops(archive: str, jobs: int) -> dict:
    """`plain_loops.py` at `jobs` processes, run by this checkout's `pipeline`."""
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "plain_loops.py"), archive, "--jobs", str(jobs)],
                          cwd=ROOT, env=dict(os.environ, PYTHONPATH=str(ROOT)), capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"plain loops failed: {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def speed(archive: str, jobs: list[int], repeat: int, work: Path, roots: list[Path]) -> None:
    """Batches of `archive` at each job count (and checkout) in turn, `repeat` rounds, output steps
    included, and the machine's ceiling (`run_plain_loops`) in the same rounds; one table per checkout."""
    runs: dict[tuple[Path, int], list[dict]] = {(root, j): [] for root in roots for j in jobs}
    ceiling: dict[int, list[dict]] = {j: [] for j in jobs}
    for _ in range(repeat):
        for root in roots:
            for j in jobs:
                out = work / f"archive_j{j}"
                shutil.rmtree(out, ignore_errors=True)
                r = run_batch([archive], out, j, root=root)
                r["peak_all"] = max((s[3] for s in r["samples"]), default=0)
                runs[root, j].append(r)
        for j in jobs:
            ceiling[j].append(run_plain_loops(archive, j))
    for root in roots:
        _speed_table(archive, root, jobs, repeat, {j: runs[root, j] for j in jobs})
    _ceiling_table(jobs, ceiling)


def _ceiling_table(jobs: list[int], ceiling: dict[int, list[dict]]) -> None:
    base = min(r["seconds"] for r in ceiling[jobs[0]])
    base_med = _median([r["seconds"] for r in ceiling[jobs[0]]])
    print(f"\nceiling of this machine (plain_loops.py: {jobs[0]}..{jobs[-1]} plain processes, started, nothing of "
          "the batch around them; compare with 'steady'):")
    print(f"{'jobs':>4} {'docs':>5} {'seconds':>15} {'speed-up':>14} {'paired':>6} {'CPU s':>6}")
    for j in jobs:
        best = min(ceiling[j], key=lambda r: r["seconds"])
        med = _median([r["seconds"] for r in ceiling[j]])
        print(f"{j:>4} {best['docs']:>5} {best['seconds']:>6.2f} ({med:>6.2f}) {base / best['seconds']:>5.2f} "
              f"({base_med / med:>5.2f}) {_paired(ceiling[jobs[0]], ceiling[j], 'seconds'):>6.2f} {best['cpu']:>6.2f}")


def _paired(base: list[dict], runs: list[dict], key: str) -> float:
    """The median over rounds of the speed-up within each round: a machine whose speed drifts over minutes (a
    virtual machine's neighbours) weighs on both runs of a round alike."""
    return _median([b[key] / r[key] for b, r in zip(base, runs, strict=True)])


def _speed_table(archive: str, root: Path, jobs: list[int], repeat: int, runs: dict[int, list[dict]]) -> None:
    base = min(r["extract_s"] for r in runs[jobs[0]])
    base_med = _median([r["extract_s"] for r in runs[jobs[0]]])
    base_steady = min(r["extract_s"] - r["startup"] for r in runs[jobs[0]])
    print(f"\n{root}: archive {archive}: {repeat} round(s); extraction seconds are the best round "
          f"(median in brackets); "
          f"'paired': the median of the speed-ups within each round; "
          f"'start s' is the workers' start-up (loading the models), a fixed cost whatever the job count; "
          f"'steady' is the speed-up once they are ready")
    print(f"{'jobs':>4} {'docs':>5} {'extract s':>15} {'docs/s':>7} {'speed-up':>14} {'paired':>6} {'start s':>7} "
          f"{'steady':>6} "
          f"{'outputs s':>9} {'outputs %':>9} {'main MB':>7} {'worker MB':>9} {'all MB':>6}")
    for j in jobs:
        best = min(runs[j], key=lambda r: r["extract_s"])
        med = _median([r["extract_s"] for r in runs[j]])
        outs = [r["elapsed"] - r["extract_s"] for r in runs[j]]
        share = _median([o / r["elapsed"] for o, r in zip(outs, runs[j], strict=True)])
        print(f"{j:>4} {best['processed']:>5} {best['extract_s']:>6.1f} ({med:>6.1f}) {best['dps']:>7.1f} "
              f"{base / best['extract_s']:>5.2f} ({base_med / med:>5.2f}) "
              f"{_paired(runs[jobs[0]], runs[j], 'extract_s'):>6.2f} {best['startup']:>7.1f} "
              f"{base_steady / min(r['extract_s'] - r['startup'] for r in runs[j]):>6.2f} "
              f"{_median(outs):>9.1f} {100 * share:>8.0f}% {max(r['peak_main'] for r in runs[j]):>7.0f} "
              f"{max(r['peak_worker'] for r in runs[j]):>9.0f} {max(r['peak_all'] for r in runs[j]):>6.0f}")
        steps = {k: _median([r["steps"].get(k, 0.0) for r in runs[j]]) for k in best["steps"]}
        print("       output steps (median s): " + ", ".join(f"{k} {v:.1f}" for k, v in steps.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", default=str(ARCHIVE))
    ap.add_argument("--jobs", default="1,2")
    ap.add_argument("--generate", type=int, default=0,
                    help="also run N generated documents, killed halfway and resumed")
    ap.add_argument("--max-chars", type=int, default=2000, help="size of each generated document")
    ap.add_argument("--repeat", type=int, default=2, help="rounds of the job counts, run in turn")
    ap.add_argument("--baseline", action="append", default=[],
                    help="another checkout to run in the same rounds (a before/after in one run)")
    ap.add_argument("--skip-speed", action="store_true")
    ap.add_argument("--work", default=None, help="scratch folder (default: a temporary one, removed)")
    a = ap.parse_args()
    a.archive = str(Path(a.archive).resolve())     # (the batches of a --baseline checkout run from its folder)
    if not any(Path(a.archive).glob("*.md")):
        sys.exit(f"no markdown document in {a.archive}: the benchmark has nothing to run")
    work = Path(a.work or tempfile.mkdtemp(prefix="bench_batch_")).resolve()
    work.mkdir(parents=True, exist_ok=True)
    try:
        if not a.skip_speed:
            roots = [Path(r).resolve() for r in a.baseline] + [ROOT]
            speed(a.archive, [int(x) for x in a.jobs.split(",")], a.repeat, work, roots)
        if a.generate:
            n = a.generate
            t = time.perf_counter()
            src = generate(n, work / f"gen{n}", a.max_chars, Path(a.archive))
            print(f"\ngenerated {n} documents ({a.max_chars} chars + a unique line) in {time.perf_counter() - t:.0f} s")
            out = work / f"gen{n}_out"
            shutil.rmtree(out, ignore_errors=True)
            first = run_batch([str(src)], out, 2, kill_at=n // 2)
            at_kill = _lines(out / "documents.jsonl")
            print(f"killed (kill -9 of the process group) after {first['wall']:.0f} s with {at_kill} lines in "
                  f"documents.jsonl; "
                  f"memory {mem_profile(first['samples'], n)}")
            second = run_batch([str(src)], out, 2)
            recs, ids = 0, set()
            with open(out / "documents.jsonl", encoding="utf-8") as f:
                for line in f:
                    ids.add(json.loads(line)["id"])
                    recs += 1
            print(f"resumed: {second['processed']} more in {second['extract_s']:.0f} s ({second['dps']:.1f} docs/s), "
                  f"{second['elapsed'] - second['extract_s']:.0f} s of output steps; peak all-process "
                  f"{max(s[3] for s in second['samples']):.0f} MB")
            verdict = "OK" if recs == len(ids) == n else "MISMATCH"
            print(f"records: {recs}, distinct ids: {len(ids)}, expected {n}: {verdict}")
            print(f"counts: {second['counts']}")
    finally:
        if not a.work:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
