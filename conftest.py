"""pytest over the whole checkout (`testpaths`: tests and the doctests of `pipeline/`).

Where the install compiled a package (setup.py, README: "Compiled stages"), its modules are imported compiled,
and pytest cannot read the doctests of a compiled module (its `__file__` is not its `.py` file): they are
collected from a copy of the module run from its `.py` file (the copy imports its compiled neighbours), so that
no doctest is left out.
"""
import importlib
from pathlib import Path

import pytest
from _pytest.doctest import DoctestModule

import pipeline.bodies
import pipeline.citations
import pipeline.deadlines
import pipeline.header
import pipeline.lang
import pipeline.read
import pipeline.tasks
from pipeline.compiled import source_copy

# the folders of the packages that run compiled
COMPILED = {Path(p.__file__).resolve().parent for p in (pipeline.bodies, pipeline.read, pipeline.header, pipeline.tasks,
                                                        pipeline.deadlines, pipeline.citations, pipeline.lang)
            if p.compiled}


def _compiled(path: Path) -> bool:
    """`path` is the source of a module that runs compiled."""
    path = path.resolve()
    return path.parent in COMPILED and path.suffix == ".py" and path.with_suffix("").name != "__init__" \
        and any(path.parent.glob(path.stem + ".*.so"))


class SourceDoctests(DoctestModule):
    """The doctests of a compiled module, read from a copy of it run from its `.py` file (named apart, so
    that doctest finds the copy's functions its own: `pipeline.read.chars` is read as `pipeline.read.chars_py`)."""

    def _getobj(self):
        module = importlib.import_module("pipeline." + ".".join(
            self.path.resolve().relative_to(Path(pipeline.__file__).resolve().parent).with_suffix("").parts))
        return source_copy(module, module.__name__ + "_py")


@pytest.hookimpl(wrapper=True)
def pytest_collect_file(file_path: Path, parent):
    """pytest's doctest collector of a compiled module's source, in its copy's (`SourceDoctests`)."""
    found = yield
    if not _compiled(file_path):
        return found
    return [SourceDoctests.from_parent(parent, path=file_path) if type(c) is DoctestModule else c
            for c in found or []]
