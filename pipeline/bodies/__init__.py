"""Bodies stage: who leads, coordinates, oversees and is reported to, resolved to canonical organs
(mentions, roles, names).

An install may compile the stage's modules (mypyc, `setup.py`; README: "Compiled stages"): they run compiled
only while their sources are as built and `CHITHI_PURE_PYTHON` is unset, else all of them from their `.py`
files (`pipeline/compiled.py`).
"""
import os

from ..compiled import use_build

# whether the stage runs compiled (the tests read it; `python -c "import pipeline.bodies as b; print(b.compiled)"`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_bodies__mypyc")

from .stage import bodies_stage, column_role, find_bodies  # noqa: E402

__all__ = ["bodies_stage", "column_role", "find_bodies", "compiled"]
