"""pytest over the whole checkout (`testpaths`: tests and the doctests of `pipeline/`).

Where the install compiled the bodies stage (setup.py, README: "Compiled bodies stage"), its modules are
imported compiled, and pytest cannot collect the doctests of a compiled module from its `.py` file: those
modules are left out of the doctest collection while they hold no doctest (`>>>`); one that gains a doctest
fails the collection, so that no doctest is ever left out.
"""
from pathlib import Path

import pipeline.bodies

BODIES = Path(pipeline.bodies.__file__).resolve().parent


def pytest_ignore_collect(collection_path: Path, config) -> bool | None:
    """True for a compiled bodies module without doctests (None: pytest decides)."""
    path = collection_path.resolve()
    if pipeline.bodies.compiled and path.parent == BODIES and path.suffix == ".py" and path.name != "__init__.py":
        return ">>>" not in path.read_text(encoding="utf-8") or None
    return None
