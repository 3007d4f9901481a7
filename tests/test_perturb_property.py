"""Property (issue 13): adding markdown emphasis or re-wrapping lines never changes the task tree of
the sample corpus documents: the same paths, each opening with the same words."""
from __future__ import annotations

import re
from functools import cache

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline.evaluate.perturb import emphasis, rewrap
from pipeline.evaluate.score import norm
from pipeline.extract import extract

from .conftest import SAMPLE, corpus_files

DOCS = {p.name: p for p in corpus_files(SAMPLE)}
START_WORDS = 6


def tree(text: str, name: str) -> list[tuple[str, list[str]]]:
    """(path, first words of its text) of every task; words without punctuation or markup."""
    doc = extract(text.encode("utf-8"), path=name)
    return [(t.path, re.findall(r"\w+", norm(t.text))[:START_WORDS]) for t in doc.tasks]


@cache
def clean_tree(name: str) -> list[tuple[str, list[str]]]:
    return tree(DOCS[name].read_text(encoding="utf-8-sig"), name)


def differs(clean: list, got: list) -> str:
    """The first task whose path or opening words changed, for the failure message."""
    for k, (a, b) in enumerate(zip(clean, got, strict=False)):
        if a != b:
            return f"task #{k}: clean {a[0]} {' '.join(a[1])!r}, perturbed {b[0]} {' '.join(b[1])!r}"
    return f"clean has {len(clean)} tasks, perturbed {len(got)}"


PROPERTY = settings(max_examples=30, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])


@PROPERTY
@given(name=st.sampled_from(sorted(DOCS)), seed=st.integers(0, 2**31 - 1))
def test_emphasis_never_changes_the_tree(name, seed):
    text = DOCS[name].read_text(encoding="utf-8-sig")
    got = tree(emphasis(text, seed), name)
    assert got == clean_tree(name), differs(clean_tree(name), got)


@PROPERTY
@given(name=st.sampled_from(sorted(DOCS)), seed=st.integers(0, 2**31 - 1))
def test_rewrapping_never_changes_the_tree(name, seed):
    text = DOCS[name].read_text(encoding="utf-8-sig")
    got = tree(rewrap(text, seed), name)
    assert got == clean_tree(name), differs(clean_tree(name), got)
