"""What the tests share: the corpora they read, all inside the repository (`corpora/`, see its README).

A corpus that a test needs and does not find fails the test (at collection for tests parametrized over
its files) with a message naming the folder: never a skip, never a smaller collection.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.compiled import source_copy

ROOT = Path(__file__).resolve().parent.parent
CORPORA = ROOT / "corpora"
SAMPLE = CORPORA / "sample"      # seeds and varied documents with gold, also `chithi demo`'s input
DEV = CORPORA / "dev"            # the development documents and their gold (MANIFEST.tsv: provenance)
SEEDS = SAMPLE                   # the five seed documents (000_ to 004_) are in the sample byte for byte
ARCHIVE = CORPORA / "archive"    # crawled pages in markdown, for the batch tests
SCANS = CORPORA / "scans"        # real scans with transcriptions


def _is_document(p: Path) -> bool:
    return (p.suffix in (".txt", ".md") and not p.name.endswith(".truth.txt")
            and p.name not in ("README.md",))


def corpus_dir(d: Path) -> Path:
    """`d`, a corpus folder of the repository holding documents; the calling test fails when it is
    missing or empty (a clone without it is broken, and a silent skip would hide that)."""
    if not d.is_dir() or not any(_is_document(p) for p in d.iterdir()):
        pytest.fail(f"corpus {d.relative_to(ROOT) if d.is_relative_to(ROOT) else d} is missing or has no "
                    "documents: it ships with the repository (see corpora/README.md)", pytrace=False)
    return d


def corpus_files(*dirs: Path) -> list[Path]:
    """The documents of `dirs` (notes and OCR transcriptions aside), each folder's sorted by name."""
    files = []
    for d in dirs:
        files += sorted(p for p in corpus_dir(d).iterdir() if _is_document(p))
    return files


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return corpus_dir(SAMPLE)


def from_source(module):
    """A fresh copy of `module` run from its `.py` file (`pipeline.compiled.source_copy`)."""
    return source_copy(module)
