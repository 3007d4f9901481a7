from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "corpora" / "sample"
SHARED = ROOT.parent / "shared" / "corpora"


def corpus_files(*dirs: Path) -> list[Path]:
    files = []
    for d in dirs:
        if d.exists():
            files += sorted(p for p in d.iterdir() if p.suffix in (".txt", ".md") and not p.name.endswith(".truth.txt")
                            and p.name not in ("README.md",))
    return files


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE
