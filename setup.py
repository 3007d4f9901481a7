"""Build hook: setuptools reads the project from pyproject.toml; this file only adds the bodies stage's modules
compiled with mypyc (README: "Compiled bodies stage").  Nothing is compiled where mypyc cannot be imported or
`CHITHI_PURE_PYTHON=1` is set, and a failed compile (no C compiler, no Python headers) is a warning: the
install goes on with the pure-Python package.  `compiled.json` (beside the built modules) records a hash of
each source, so that `pipeline/bodies/__init__.py` uses a build only while its sources are unchanged.
"""
from __future__ import annotations

import glob
import hashlib
import importlib.util
import json
import os

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# the compiled modules' shared library: a top-level module (`chithi_bodies__mypyc`), as mypyc expects it
GROUP = "chithi_bodies"
# __init__.py stays Python: it picks the compiled modules or their sources before they are imported
SOURCES = sorted(p for p in glob.glob("pipeline/bodies/*.py") if not p.endswith("__init__.py"))


def _wanted() -> bool:
    return not os.environ.get("CHITHI_PURE_PYTHON") and bool(SOURCES) and importlib.util.find_spec("mypyc") is not None


def _extensions() -> list:
    from mypyc.build import mypycify
    # the other packages are read for their types only, and their own type errors do not stop the build
    flags = ["--follow-imports=silent", "--ignore-missing-imports", "--disable-error-code=annotation-unchecked"]
    try:
        exts = mypycify(flags + SOURCES, opt_level="3", group_name=GROUP)
    except (Exception, SystemExit) as e:   # mypyc exits on a type error: build the pure-Python package
        print(f"warning: mypyc could not compile pipeline/bodies ({e!r}); installing pure Python")
        return []
    for ext in exts:
        ext.optional = True                 # a failed C compile warns instead of failing the install
    return exts


def source_hashes() -> dict[str, str]:
    """The sha256 of each compiled module's source, by module name (what `compiled.json` holds)."""
    return {os.path.basename(p)[:-3]: hashlib.sha256(open(p, "rb").read()).hexdigest() for p in SOURCES}


class BuildExt(build_ext):
    """build_ext that runs mypyc only where a build is asked for (`setup()` is given a stand-in for the
    extensions, and pip's metadata steps, each a run of this file, list files with this command without
    building), and writes `compiled.json` beside the modules when every one of them was built."""

    def finalize_options(self) -> None:
        if STAND_IN and self.distribution.ext_modules == STAND_IN:
            metadata_only = set(self.distribution.commands) <= {"egg_info", "dist_info", "sdist"}
            self.distribution.ext_modules = [] if metadata_only else _extensions()
        super().finalize_options()

    def run(self) -> None:
        stamp = os.path.join(os.path.dirname(self.get_ext_fullpath("pipeline.bodies.stage")), "compiled.json")
        inplace, self.inplace = self.inplace, False     # where this run builds them (then copied in place)
        built = [self.get_ext_fullpath(ext.name) for ext in self.extensions]
        self.inplace = inplace
        for old in [stamp, *built]:         # an earlier build (a reused build/) never vouches for this one
            if os.path.exists(old):
                os.remove(old)
        super().run()
        if built and all(os.path.exists(p) for p in built):
            with open(stamp, "w", encoding="utf-8") as f:
                json.dump(source_hashes(), f, indent=1, sort_keys=True)


STAND_IN = [Extension(GROUP + "__mypyc", sources=[])] if _wanted() else []
setup(ext_modules=STAND_IN, cmdclass={"build_ext": BuildExt})
