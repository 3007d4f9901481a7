"""Task stage: the tree of numbered items of a document's body.

An install may compile the stage's modules (mypyc, `setup.py`; README: "Compiled stages"): they run compiled
only while their sources (and those of the compiled packages they call) are as built and `CHITHI_PURE_PYTHON`
is unset, else all of them from their `.py` files (`pipeline/compiled.py`).
"""
import os

from ..compiled import use_build

# whether the stage runs compiled (`python -c "import pipeline.tasks as p; print(p.compiled)"`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_tasks__mypyc")

from .ends import ends_body  # noqa: E402
from .inline import roman_value  # noqa: E402
from .markers import Marker, parse_marker  # noqa: E402
from .stage import segment_tasks  # noqa: E402
from .tables import column_patterns, column_role  # noqa: E402

__all__ = ["Marker", "column_patterns", "column_role", "compiled", "ends_body", "parse_marker", "roman_value",
           "segment_tasks"]
