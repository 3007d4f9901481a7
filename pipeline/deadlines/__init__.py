"""Deadlines stage: dates, periods, recurrences and relative deadlines, normalized against the
document's date (the grammar is models/deadlines.toml).

An install may compile the stage's modules (mypyc, `setup.py`; README: "Compiled stages"): they run compiled
only while their sources (and those of the compiled packages they call) are as built and `CHITHI_PURE_PYTHON`
is unset, else all of them from their `.py` files (`pipeline/compiled.py`).
"""
import os

from ..compiled import use_build

# whether the stage runs compiled (`python -c "import pipeline.deadlines as p; print(p.compiled)"`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_deadlines__mypyc")

from .stage import deadlines_stage, find_deadlines  # noqa: E402

__all__ = ["deadlines_stage", "find_deadlines", "compiled"]
