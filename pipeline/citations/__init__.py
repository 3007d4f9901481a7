"""Citations stage: references to other documents, their relation and aliases, with the key of the
cited document.

An install may compile the stage's modules (mypyc, `setup.py`; README: "Compiled stages"): they run compiled
only while their sources (and those of the compiled packages they call) are as built and `CHITHI_PURE_PYTHON`
is unset, else all of them from their `.py` files (`pipeline/compiled.py`).
"""
import os

from ..compiled import use_build

# whether the stage runs compiled (`python -c "import pipeline.citations as p; print(p.compiled)"`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_citations__mypyc")

from .context import parse_date  # noqa: E402
from .stage import citations_stage, find_citations  # noqa: E402

__all__ = ["citations_stage", "find_citations", "parse_date", "compiled"]
