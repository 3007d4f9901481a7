"""Header stage: issuer, type, number and symbol, date, place, title, Kính gửi, signer, Nơi nhận.

An install may compile the stage's modules (mypyc, `setup.py`; README: "Compiled stages"): they run compiled
only while their sources (and those of the compiled packages they call) are as built and `CHITHI_PURE_PYTHON`
is unset, else all of them from their `.py` files (`pipeline/compiled.py`).
"""
import os

from ..compiled import use_build

# whether the stage runs compiled (`python -c "import pipeline.header as p; print(p.compiled)"`)
compiled = use_build(__name__, os.path.dirname(os.path.abspath(__file__)), "chithi_header__mypyc")

from .names import is_person_name  # noqa: E402
from .stage import parse_header  # noqa: E402

__all__ = ["is_person_name", "parse_header", "compiled"]
