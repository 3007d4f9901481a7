"""Build hook: setuptools reads the project from pyproject.toml; this file only adds the modules of the per-document
stages and of the reader compiled with mypyc (README: "Compiled stages").  Nothing is compiled where mypyc cannot
be imported or `CHITHI_PURE_PYTHON=1` is set, and a failed compile (no C compiler, no Python headers) is a
warning: the install goes on with the pure-Python package.  `compiled.json` (beside each package's built
modules) records a hash of each source, its own and those of the compiled packages it imports (a compiled
module calls a compiled module of another package directly, in that package's build), so that the package
(`pipeline/compiled.py`) uses a build only while all those sources are unchanged.
"""
from __future__ import annotations

import ast
import glob
import hashlib
import importlib.util
import json
import os

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# Each compiled package: the name of its modules' shared library (a top-level module, `chithi_bodies__mypyc`,
# as mypyc expects it), and the modules left out.  An __init__.py stays Python: it picks the compiled modules or
# their sources before they are imported.  The reader's compiled modules are those normalization runs (the
# text reader's too) and the Markdown reader (a page's tree read node by node); its other readers (HTML, DOCX,
# PDF) stay Python, each read once per document.
# (pipeline/lang: its modules that load tables once (gazetteer, headings, terms) stay Python; the scans compile.)
PACKAGES = {
    "pipeline/bodies": ("chithi_bodies", {"__init__"}),
    "pipeline/read": ("chithi_read", {"__init__", "pages", "pdf", "readers"}),
    "pipeline/header": ("chithi_header", {"__init__"}),
    "pipeline/tasks": ("chithi_tasks", {"__init__"}),
    "pipeline/deadlines": ("chithi_deadlines", {"__init__"}),
    "pipeline/citations": ("chithi_citations", {"__init__"}),
    "pipeline/lang": ("chithi_lang", {"__init__", "gazetteer", "headings", "terms"}),
}
GROUPS = [(sorted(p for p in glob.glob(f"{pkg}/*.py") if os.path.basename(p)[:-3] not in left_out), group)
          for pkg, (group, left_out) in PACKAGES.items()]
SOURCES = [p for paths, _ in GROUPS for p in paths]


def _imported(path: str) -> set[str]:
    """The compiled packages (folders of PACKAGES) that the module at `path` imports."""
    pkg = os.path.dirname(path).replace("/", ".").split(".")
    found = set()
    for node in ast.walk(ast.parse(open(path, encoding="utf-8").read())):
        if isinstance(node, ast.ImportFrom):
            base = pkg[:len(pkg) - node.level + 1] if node.level else []
            mods = [".".join(base + (node.module or "").split(".")).strip(".")]
            mods += [f"{mods[0]}.{a.name}" for a in node.names]
        elif isinstance(node, ast.Import):
            mods = [a.name for a in node.names]
        else:
            continue
        found |= {f for f in PACKAGES for m in mods if (m + ".").startswith(f.replace("/", ".") + ".")}
    return found


def linked(pkg: str) -> list[str]:
    """The other compiled packages whose modules the build of `pkg` may call, directly or through another."""
    paths = dict(zip(PACKAGES, (paths for paths, _ in GROUPS), strict=True))
    seen, todo = {pkg}, [pkg]
    while todo:
        for other in set().union(*(_imported(p) for p in paths[todo.pop()])) - seen:
            seen.add(other)
            todo.append(other)
    return sorted(seen - {pkg})


def _wanted() -> bool:
    return not os.environ.get("CHITHI_PURE_PYTHON") and bool(SOURCES) and importlib.util.find_spec("mypyc") is not None


def _extensions() -> list:
    from mypyc.build import mypycify
    # the other packages are read for their types only, and their own type errors do not stop the build
    flags = ["--follow-imports=silent", "--ignore-missing-imports", "--disable-error-code=annotation-unchecked"]
    try:
        # one mypyc run, one shared library per package (no module of one imports the other's)
        exts = mypycify(flags + SOURCES, opt_level="3", separate=GROUPS)
    except (Exception, SystemExit) as e:   # mypyc exits on a type error: build the pure-Python package
        print(f"warning: mypyc could not compile {', '.join(PACKAGES)} ({e!r}); installing pure Python")
        return []
    for ext in exts:
        ext.optional = True                 # a failed C compile warns instead of failing the install
    return exts


def source_hashes(paths: list[str]) -> dict[str, str]:
    """The sha256 of each compiled module's source, by its path from its package's folder (what `compiled.json`
    holds: `stage` for a module of the package, `../read/chars` for one of a package it calls)."""
    return {os.path.relpath(p[:-3], os.path.dirname(paths[0])): hashlib.sha256(open(p, "rb").read()).hexdigest()
            for p in paths}


class BuildExt(build_ext):
    """build_ext that runs mypyc only where a build is asked for (`setup()` is given a stand-in for the
    extensions, and pip's metadata steps, each a run of this file, list files with this command without
    building), and writes a package's `compiled.json` beside its modules when every one of them was built."""

    def finalize_options(self) -> None:
        if STAND_IN and self.distribution.ext_modules == STAND_IN:
            metadata_only = set(self.distribution.commands) <= {"egg_info", "dist_info", "sdist"}
            self.distribution.ext_modules = [] if metadata_only else _extensions()
        super().finalize_options()

    def run(self) -> None:
        stamps = [os.path.join(os.path.dirname(self.get_ext_fullpath(pkg.replace("/", ".") + ".x")), "compiled.json")
                  for pkg in PACKAGES]
        inplace, self.inplace = self.inplace, False     # where this run builds them (then copied in place)
        built = {ext.name: self.get_ext_fullpath(ext.name) for ext in self.extensions}
        self.inplace = inplace
        for old in [*stamps, *built.values()]:    # an earlier build (a reused build/) never vouches
            if os.path.exists(old):
                os.remove(old)
        super().run()
        groups = dict(zip(PACKAGES, GROUPS, strict=True))
        for pkg, stamp in zip(PACKAGES, stamps, strict=True):
            # the package's modules and their shared library, and those of the packages it calls
            paths = [p for q in [pkg, *linked(pkg)] for p in groups[q][0]]
            mine = [built.get(p[:-3].replace("/", ".")) for p in paths]
            mine += [built.get(groups[q][1] + "__mypyc") for q in [pkg, *linked(pkg)]]
            if groups[pkg][0] and all(p is not None and os.path.exists(p) for p in mine):
                with open(stamp, "w", encoding="utf-8") as f:
                    json.dump(source_hashes(paths), f, indent=1, sort_keys=True)


STAND_IN = [Extension(GROUPS[0][1] + "__mypyc", sources=[])] if _wanted() else []
setup(ext_modules=STAND_IN, cmdclass={"build_ext": BuildExt})
