"""Robustness to form on archive pages no rule was written from: a reproducible sample of an archive, read in every
form `--perturb` makes, each variant scored against the page's own clean record (no gold needed).

    python benchmarks/bench_robustness.py --archive ../shared/corpora/archive               # 60 pages, seed 2026
    python benchmarks/bench_robustness.py --archive ../shared/corpora/archive --seed 7 --size 48 --exclude-seed 2026

The sample is `random.Random(seed).sample` of the archive's markdown pages, sorted by name, less those in
`corpora/unseen` and `corpora/archive` (read elsewhere) and less those of the samples of `--exclude-seed` (a held-out
sample drawn after a development one); pages that are no directive (no document type or symbol in their header:
encyclopaedia or Q&A pages) are left out and counted.  Session 26 wrote its rules from seed 2026 and held seed 7 out.
The table is `chithi evaluate DIR --perturb --against clean`'s; `--by-doc` adds each page that moved.
"""
from __future__ import annotations

import argparse
import os
import random
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from pipeline import extract  # noqa: E402
from pipeline.evaluate import evaluate_perturbed  # noqa: E402


def sample(archive: Path, seed: int, size: int, exclude_seeds: list[int], default_size: int = 60) -> list[Path]:
    """The pages of `archive` drawn by `seed` (see the module's doc)."""
    skip = {p.stem for d in ("unseen", "archive") for p in (ROOT / "corpora" / d).glob("*.md")}
    names = sorted(p.name for p in archive.glob("*.md") if p.stem not in skip)
    for other in exclude_seeds:         # (a development sample drawn first: its pages are not held out)
        skip |= {Path(n).stem for n in random.Random(other).sample(names, min(default_size, len(names)))}
    names = sorted(n for n in names if Path(n).stem not in skip)
    return [archive / n for n in random.Random(seed).sample(names, min(size, len(names)))]


def directives(pages: list[Path]) -> tuple[list[Path], list[str]]:
    """The pages whose header names a document type and a symbol, and the names of the others."""
    kept, left = [], []
    for p in pages:
        h = extract(p.read_bytes(), path=str(p)).header
        if h.doc_type and h.symbol:
            kept.append(p)
        else:
            left.append(p.name)
    return kept, left


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--archive", default=str(ROOT.parent / "shared" / "corpora" / "archive"))
    ap.add_argument("--seed", type=int, default=2026)
    ap.add_argument("--size", type=int, default=60)
    ap.add_argument("--exclude-seed", type=int, action="append", default=[])
    ap.add_argument("--by-doc", action="store_true")
    args = ap.parse_args()
    archive = Path(args.archive)
    if not archive.is_dir():
        print(f"bench_robustness: {archive}: no such folder", file=sys.stderr)
        return 2
    pages, left = directives(sample(archive, args.seed, args.size, args.exclude_seed))
    with tempfile.TemporaryDirectory() as tmp:
        for p in pages:
            shutil.copy(p, os.path.join(tmp, p.name))
        rep = evaluate_perturbed([tmp], lambda data, path: extract(data, path=path).to_dict(), against="clean")
    print(f"archive {archive}: seed {args.seed}, {len(pages)} directives ({len(left)} pages that are no directive left "
          f"out: {', '.join(left) or 'none'})")
    print(rep.table())
    if args.by_doc:
        print("\n".join(rep.by_doc_lines()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
