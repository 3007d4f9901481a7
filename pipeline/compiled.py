"""Which build of a compiled package runs (mypyc, `setup.py`; README: "Compiled stages").

An install may compile the modules of a package (`pipeline/bodies`, `pipeline/read`, the other stages' packages).
The compiled modules are imported only while every source hashes as the package's `compiled.json` (written by
that build: its own sources, and those of the compiled packages it calls, as `../read/chars`) says and
`CHITHI_PURE_PYTHON` is unset; else a finder imports all of them from their `.py` files, so that an edited
source is never shadowed by an old build, and compiled and Python modules are never mixed.
"""
import hashlib
import importlib.machinery
import importlib.util
import json
import os
import sys


def build_matches(here: str, library: str) -> bool:
    """Whether a compiled build of every module of the package in folder `here` is there, with its shared
    library `library` (a top-level module, beside the `pipeline` package, that this interpreter can import),
    built from the sources as they are now.  (An install whose mypyc run failed maps no shared library any more:
    an unchanged package's old build, though it matches, could then be imported only from the checkout's root.)"""
    try:
        with open(os.path.join(here, "compiled.json"), encoding="utf-8") as f:
            built = json.load(f)
    except (OSError, ValueError):
        return False
    suffix = importlib.machinery.EXTENSION_SUFFIXES[0]
    root = os.path.dirname(os.path.dirname(os.path.abspath(here)))
    if not os.path.exists(os.path.join(root, library + suffix)) or importlib.util.find_spec(library) is None:
        return False
    for mod, digest in built.items():
        try:
            with open(os.path.join(here, mod + ".py"), "rb") as f:
                source = f.read()
        except OSError:
            return False
        if hashlib.sha256(source).hexdigest() != digest or not os.path.exists(os.path.join(here, mod + suffix)):
            return False
    return True


class SourceFinder:
    """Finds the modules of one package as their `.py` files, ahead of any compiled build of them."""

    def __init__(self, package: str, here: str) -> None:
        self.package, self.here = package, here

    def find_spec(self, name, path=None, target=None):
        pkg, _, mod = name.rpartition(".")
        src = os.path.join(self.here, mod + ".py")
        if pkg == self.package and os.path.isfile(src):
            return importlib.util.spec_from_file_location(name, src)
        return None


def use_build(package: str, here: str, library: str) -> bool:
    """Whether `package` (in folder `here`, its compiled modules' shared library `library`) runs compiled.
    Called by the package's `__init__.py` before it imports a module of its own: where the build does not
    match (or `CHITHI_PURE_PYTHON` is set), a `SourceFinder` goes first on `sys.meta_path`."""
    compiled = not os.environ.get("CHITHI_PURE_PYTHON") and build_matches(here, library)
    if not compiled and not any(type(f).__name__ == "SourceFinder" and getattr(f, "package", None) == package
                                for f in sys.meta_path):
        sys.meta_path.insert(0, SourceFinder(package, here))
    return compiled


def source_copy(module, name: str | None = None):
    """A fresh copy of `module` run from its `.py` file, registered as `name` (default: the module's name +
    `_from_source`).  Where a package runs compiled, its functions call each other directly: a monkeypatch
    of the compiled module reaches none of them, and doctest cannot read a compiled module; the tests and
    the doctest collection (`conftest.py`) use this copy instead."""
    path = os.path.join(os.path.dirname(os.path.abspath(module.__file__)), module.__name__.rpartition(".")[2] + ".py")
    name = name or module.__name__ + "_from_source"
    spec = importlib.util.spec_from_file_location(name, path)
    fresh = sys.modules[name] = importlib.util.module_from_spec(spec)     # (a dataclass looks its module up)
    spec.loader.exec_module(fresh)
    return fresh
