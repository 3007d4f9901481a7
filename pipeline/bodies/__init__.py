"""Bodies stage: who leads, coordinates, oversees and is reported to, resolved to canonical organs
(mentions, roles, names).

An install may compile the stage's modules (mypyc, `setup.py`; README: "Compiled bodies stage").  The compiled
modules are imported only while every source hashes as `compiled.json` (written by that build) says and
`CHITHI_PURE_PYTHON` is unset; else a finder imports all of them from their `.py` files, so that an edited
source is never shadowed by an old build, and compiled and Python modules are never mixed.
"""
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys

_HERE = os.path.dirname(os.path.abspath(__file__))


def _build_matches() -> bool:
    """Whether a compiled build of every module is here and was built from the sources as they are now."""
    try:
        with open(os.path.join(_HERE, "compiled.json"), encoding="utf-8") as f:
            built = json.load(f)
    except (OSError, ValueError):
        return False
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    # their shared library is a top-level module, beside the `pipeline` package (setup.py)
    if not os.path.exists(os.path.join(os.path.dirname(os.path.dirname(_HERE)), "chithi_bodies__mypyc" + suffix)):
        return False
    for mod, digest in built.items():
        try:
            with open(os.path.join(_HERE, mod + ".py"), "rb") as f:
                source = f.read()
        except OSError:
            return False
        if hashlib.sha256(source).hexdigest() != digest or not os.path.exists(os.path.join(_HERE, mod + suffix)):
            return False
    return True


class _Sources:
    """Finds this package's modules as their `.py` files, ahead of any compiled build of them."""

    @staticmethod
    def find_spec(name, path=None, target=None):
        pkg, _, mod = name.rpartition(".")
        src = os.path.join(_HERE, mod + ".py")
        if pkg == __name__ and os.path.isfile(src):
            return importlib.util.spec_from_file_location(name, src)
        return None


# whether the stage runs compiled (the tests read it; `python -c "import pipeline.bodies as b; print(b.compiled)"`)
compiled = not os.environ.get("CHITHI_PURE_PYTHON") and _build_matches()
if not compiled and not any(isinstance(f, type) and f.__name__ == "_Sources" for f in sys.meta_path):
    sys.meta_path.insert(0, _Sources)

from .stage import bodies_stage, column_role, find_bodies  # noqa: E402

__all__ = ["bodies_stage", "column_role", "find_bodies", "compiled"]
