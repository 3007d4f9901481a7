"""Golden regression test: every record of `corpora/sample` equals the stored one
(`tests/golden/sample.jsonl`). After an intended change: `python -m tests.golden --refresh`
(`make golden`), then review `git diff tests/golden/`."""
from __future__ import annotations

import pytest

from .conftest import ROOT, SAMPLE, corpus_files
from .golden import differences, record_of, stored

REFRESH = "if the change is intended, refresh the golden records: python -m tests.golden --refresh (make golden)"
FILES = corpus_files(SAMPLE)


@pytest.fixture(scope="module")
def golden() -> dict[str, dict]:
    return stored()


def test_every_sample_document_has_a_golden_record(golden):
    names = sorted(p.relative_to(ROOT).as_posix() for p in FILES)
    assert sorted(golden) == names, REFRESH


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_record_equals_the_golden_one(path, golden):
    key = path.relative_to(ROOT).as_posix()
    if key not in golden:
        pytest.fail(f"no golden record for {key}; {REFRESH}", pytrace=False)
    diff = differences(golden[key], record_of(path))
    if diff:
        pytest.fail(f"{key} differs from its golden record:\n  " + "\n  ".join(diff) + f"\n{REFRESH}", pytrace=False)
