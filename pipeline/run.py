"""The stage list: what runs over a normalized `Document`, in which order, and what each stage needs.

Each `Stage` names the `Document` fields it reads (`needs`) and the ones it fills (`adds`); the order
of `STAGES` is checked against them (`check_order`), so a stage never reads a field that no earlier
stage (or normalization) has filled.  A stage's code is imported the first time it runs, not when
`pipeline` is imported: `import pipeline` stays cheap, and a library call pays for a stage's tables
and models only when it needs them.  Long-running workers load everything up front instead
(`extract.warm_up`).

>>> [s.name for s in STAGES]
['header', 'tasks', 'bodies', 'deadlines', 'citations', 'sentences']
>>> check_order(STAGES)
"""
from __future__ import annotations

import importlib
import time
from collections.abc import Callable
from dataclasses import dataclass

from .errors import ChithiError
from .model import Document

# What normalization fills before any stage runs.
NORMALIZED = frozenset({"text", "blocks", "line_starts", "set_aside", "source_map"})


@dataclass(frozen=True)
class Stage:
    """One stage: its name, where its function lives (imported on first use), what it reads and adds."""
    name: str
    module: str                 # dotted module path, relative to `pipeline`
    function: str
    needs: frozenset[str]
    adds: frozenset[str]

    def load(self) -> Callable[[Document], Document]:
        """The stage's function, its module imported the first time (an import error is raised, not
        recorded as a stage error of every document: it is a broken installation)."""
        fn = _LOADED.get(self.name)
        if fn is None:
            fn = _LOADED[self.name] = getattr(importlib.import_module(f"pipeline.{self.module}"), self.function)
        return fn


_LOADED: dict[str, Callable[[Document], Document]] = {}


def _stage(name: str, module: str, function: str, needs: str, adds: str) -> Stage:
    return Stage(name, module, function, frozenset(needs.split()), frozenset(adds.split()))


# Order matters: the header sets the body span and locality the other stages read; tasks come
# before the stages that annotate tasks; citations read task paths; sentences give each citation
# its sentence.
STAGES: list[Stage] = [
    _stage("header", "header", "parse_header", "text blocks set_aside", "header body_span"),
    _stage("tasks", "tasks", "segment_tasks", "text blocks line_starts body_span", "tasks"),
    _stage("bodies", "bodies", "bodies_stage", "text tasks header", "tasks.bodies"),
    _stage("deadlines", "deadlines", "deadlines_stage", "text tasks header", "tasks.deadlines"),
    _stage("citations", "citations", "citations_stage", "text header body_span tasks", "citations aliases"),
    _stage("sentences", "lang.sentences", "sentences_stage", "text blocks citations", "sentences citations.sentence"),
]


def check_order(stages: list[Stage]) -> None:
    """Raise ValueError when a stage needs a field that neither normalization nor an earlier stage fills."""
    have = set(NORMALIZED)
    for s in stages:
        missing = {n for n in s.needs if n not in have}
        if missing:
            raise ValueError(f"stage {s.name} needs {', '.join(sorted(missing))}, which no earlier stage adds")
        have |= s.adds | {a.split(".")[0] for a in s.adds}


def run_stages(doc: Document, stages: list[Stage] | None = None,
               timings: dict[str, float] | None = None) -> Document:
    """Run `stages` (default: all) over a normalized document.  A stage that fails on a document
    leaves a `stage-error` diagnostic and the later stages still run; typed errors pass through."""
    for stage in STAGES if stages is None else stages:
        run = stage.load()
        t0 = time.perf_counter()
        try:
            run(doc)
        except ChithiError:
            raise
        except Exception as e:  # a bug in one stage must not lose the document
            doc.warn("stage-error", f"{stage.name}: {type(e).__name__}: {e}")
        if timings is not None:
            timings[stage.name] = timings.get(stage.name, 0.0) + time.perf_counter() - t0
    return doc


def load_all() -> None:
    """Import every stage's code now (batch workers, `chithi bench`): nothing is left to load later."""
    for s in STAGES:
        s.load()
