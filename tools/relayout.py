#!/usr/bin/env python3
"""Move the flat modules of `pipeline/` into subpackages that show the architecture (issue 12, item 1).

Run once, from the root of a clean checkout, with the project's Python (it imports every module
after the move, so the dependencies must be there):

    .venv/bin/python tools/relayout.py            # git mv + rewrites + checks; the result is staged
    .venv/bin/python tools/relayout.py --dry-run  # only print the plan and the exports
    .venv/bin/python tools/relayout.py --report relayout-report.md --readme layout.md

It refuses to run on a tree already laid out (a target subpackage exists) or with uncommitted changes.
Standard library only.  What it does:

1. Places every `pipeline/*.py` by rule (`MODULE_TABLE` for the named ones, `PREFIXES` for families:
   `bodies_*.py` -> `bodies/*.py`); a module no rule places is left where it is, with a warning.
   Data folders (`explorer_assets/`) follow their module; `scanrender.py` leaves the package for
   `tests/support/`.  Moves are `git mv`, so history follows the files.
2. Rewrites, found with `ast` (and `tokenize` for comments), never by a blind text search:
   - imports: `from .x import y`, `from . import x`, `from pipeline.x import y`, `import pipeline.x`,
     relative or absolute as they were; an import from outside a subpackage of names that subpackage
     exports goes through the subpackage (`from pipeline.graph import build_graph`), any other one
     names the module (`from pipeline.graph.keys import _org`), so private names keep working;
     a module imported as an object (`from pipeline import ocr`) is bound to its new module;
   - `pipeline.x` / `pipeline/x.py` inside strings (monkeypatch and mock paths, `importorskip`,
     doctests, docstrings) and comments; `x.py` in docstrings and comments;
   - paths built from `Path(__file__)` (`.parent.parent / "models"`) and from
     `importlib.resources.files(__package__)`, so they still name the same file after the move;
   - notebooks' code cells (as Python) and markdown cells, pyproject.toml (the package list, package
     data, entry points), the Makefile, README.md and the other Markdown/TOML files outside corpora/.
3. Writes each subpackage's `__init__.py`: a docstring and the public names that code outside the
   subpackage imports from it (plus the public functions and classes its entry module defines), with
   `__all__`.  A name that equals a submodule's name is not exported (it would shadow the module).
   Then every module is imported in a fresh interpreter; where a subpackage's `__init__.py`, importing
   its modules at once, closes an import cycle with another subpackage, that `__init__.py` imports its
   names on first use instead (PEP 562 `__getattr__`).  A module that still does not import stops the
   script with an error (the tree is left moved, for a look).
4. With `--report FILE`: the imports of private names that cross subpackages, and the functions over
   60 lines, each with a suggested public name (Markdown).  `--readme FILE`: the README layout rows.
"""
from __future__ import annotations

import argparse
import ast
import io
import json
import keyword
import os
import re
import shutil
import subprocess
import sys
import tokenize
import tomllib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

PKG = "pipeline"

# Modules that stay at the top of the package: the model, errors, the per-document pipeline, the
# command, the package data loader, and the `chithi bench` command (it is a CLI command: moved out to
# benchmarks/, an installed package would lose it).
TOP_LEVEL = {"__init__", "__main__", "model", "errors", "extract", "cli", "bench", "resources"}

# Named modules -> their new dotted path below `pipeline.` (families are placed by PREFIXES).
MODULE_TABLE = {
    # read/: from a file to one normalized Document.  (A PDF's text layer stays with OCR, `ocr/textlayer`,
    # as long as `ocr.pages.read_pdf` decides between the two: in read/ it would make an import cycle.)
    "readers": "read.readers", "layout": "read.layout", "pdf": "read.pdf", "normalize": "read.normalization",
    "limits": "read.limits", "flat_tables": "read.flat_tables",
    # ocr/: the OCR package's entry module (pages in, lines out).
    "ocr": "ocr.pages",
    # lang/: what several stages share.
    "symbols": "lang.symbols", "gazetteer": "lang.gazetteer", "sentences": "lang.sentences",
    "markers": "lang.markers", "names": "lang.names", "person_names": "lang.names",
    # each stage package's entry module is `stage`.
    "header": "header.stage", "tasks": "tasks.stage", "bodies": "bodies.stage",
    "deadlines": "deadlines.stage", "citations": "citations.stage",
    # graph/: keys, build, queries, the explorer page.
    "graph": "graph.build", "explorer": "graph.explorer",
    # export/: what is written beside the records.
    "tables": "export.tables", "calendar": "export.calendar", "show": "export.show",
    "spacy_doc": "export.spacy_doc", "outfiles": "export.outfiles", "atomic": "export.outfiles",
    # batch/: the archive runner.
    "batch": "batch.archive", "manifest": "batch.manifest",
    # evaluate/: scoring against gold, and under perturbations.
    "evaluate": "evaluate.score", "perturb": "evaluate.perturb",
}
# Families: `PREFIX_rest.py` -> `SUBPACKAGE/rest.py` (or keeps its whole name where marked).
PREFIXES = {
    "ocr": ("ocr", False), "header": ("header", False), "tasks": ("tasks", False),
    "bodies": ("bodies", False), "deadlines": ("deadlines", False), "citations": ("citations", False),
    "graph": ("graph", False), "batch": ("batch", False), "evaluate": ("evaluate", False),
    "explorer": ("graph", True), "perturb": ("evaluate", True), "export": ("export", False),
}
# Modules that leave the package: test and benchmark helpers (repo path, dotted name).
OUT_OF_PACKAGE = {"scanrender": ("tests/support/scanrender.py", "tests.support.scanrender")}
# Data folders inside the package: old folder -> new folder (relative to pipeline/).
DATA_DIRS = {"explorer_assets": "graph/explorer_assets"}

# Each subpackage's entry module: its public functions and classes are exported by the subpackage.
ENTRY_MODULES = {"header.stage", "tasks.stage", "bodies.stage", "deadlines.stage", "citations.stage",
                 "graph.build", "batch.archive", "ocr.pages", "evaluate.score"}

SUBPACKAGE_DOCS = {
    "read": "Reading inputs: one reader per format (text, Markdown, HTML, DOCX, PDF), the raw pages and "
            "lines they produce, a PDF's text layer, reading limits, and normalization into the one "
            "text of a `Document`.",
    "ocr": "OCR of scans and of PDF pages without a usable text layer: page images and preprocessing, "
           "Tesseract, red stamps, words into lines, and the repairs the document format makes safe.",
    "lang": "What several stages share: document symbols and types (the document identity), the gazetteer "
            "of organs and provinces valid on a date, sentence segmentation.",
    "header": "Header stage: issuer, type, number and symbol, date, place, title, Kính gửi, signer, Nơi nhận.",
    "tasks": "Task stage: the tree of numbered items of a document's body.",
    "bodies": "Bodies stage: who leads, coordinates, oversees and is reported to, resolved to canonical "
              "organs (mentions, roles, names).",
    "deadlines": "Deadlines stage: dates, periods, recurrences and relative deadlines, normalized against "
                 "the document's date (the grammar is models/deadlines.toml).",
    "citations": "Citations stage: references to other documents, their relation and aliases, with the key "
                 "of the cited document.",
    "graph": "The corpus citation graph: document keys, building and resolution, queries, and the offline "
             "explorer page with its assets.",
    "export": "What is written beside the records: Parquet tables, iCalendar, the HTML view of a document, "
              "the spaCy view, and safe (atomic) output files.",
    "batch": "`chithi batch`: inputs (files, folders, zip archives), the manifest that makes a run "
             "resumable, the worker pool, and the run over an archive.",
    "evaluate": "Scoring against gold files (GOLD.md), and scoring under perturbations of the text.",
}
TOP_DOCS = {"model": "the data model", "errors": "typed errors", "extract": "the per-document pipeline",
            "cli": "the `chithi` command", "resources": "package data", "bench": "`chithi bench`"}
SUBPACKAGE_ORDER = ["read", "ocr", "lang", "header", "tasks", "bodies", "deadlines", "citations",
                    "graph", "export", "batch", "evaluate"]

# Never rewritten: this script and its test hold old module names on purpose.
EXCLUDE = {"tools/relayout.py", "tests/test_relayout.py"}
TEXT_SUFFIXES = {".md", ".toml", ".cfg", ".ini", ".rst"}


def warn(msg: str) -> None:
    print(f"relayout: warning: {msg}", file=sys.stderr)


class RelayoutError(Exception):
    pass


# --- the plan ------------------------------------------------------------------------------------

@dataclass
class Plan:
    root: Path
    moves: dict[str, str] = field(default_factory=dict)       # old stem -> new dotted module
    repo_paths: dict[str, str] = field(default_factory=dict)  # old stem -> new repo path
    dirs: dict[str, str] = field(default_factory=dict)        # old repo dir -> new repo dir
    subpackages: list[str] = field(default_factory=list)
    left: list[str] = field(default_factory=list)             # unknown modules left in place
    entry: dict[str, str] = field(default_factory=dict)       # subpackage -> its entry module

    def old_stems(self) -> set[str]:
        return set(self.moves)

    def moved(self) -> dict[str, str]:
        return {s: m for s, m in self.moves.items() if m != f"{PKG}.{s}"}


def place(stem: str) -> str | None:
    """New dotted name below `pipeline.` for a flat module, or None where no rule places it."""
    if stem in TOP_LEVEL:
        return stem
    if stem in MODULE_TABLE:
        return MODULE_TABLE[stem]
    head, sep, rest = stem.partition("_")
    if sep and head in PREFIXES and rest:
        sub, whole = PREFIXES[head]
        name = stem if whole else rest
        if keyword.iskeyword(name) or not name.isidentifier():
            return None
        return f"{sub}.{name}"
    return None


def make_plan(root: Path) -> Plan:
    pkg = root / PKG
    if not (pkg / "__init__.py").is_file():
        raise RelayoutError(f"no {PKG}/__init__.py under {root}: run from the repository root")
    plan = Plan(root)
    taken: dict[str, str] = {}
    for path in sorted(pkg.glob("*.py")):
        stem = path.stem
        if stem in OUT_OF_PACKAGE:
            repo_path, dotted = OUT_OF_PACKAGE[stem]
            plan.moves[stem], plan.repo_paths[stem] = dotted, repo_path
            continue
        new = place(stem)
        if new is None:
            warn(f"{PKG}/{stem}.py: no rule places it; left where it is")
            plan.left.append(stem)
            new = stem
        if new in taken:
            warn(f"{PKG}/{stem}.py would become {PKG}.{new}, as {PKG}/{taken[new]}.py does; left where it is")
            plan.left.append(stem)
            new = stem
        taken[new] = stem
        plan.moves[stem] = f"{PKG}.{new}"
        plan.repo_paths[stem] = f"{PKG}/{new.replace('.', '/')}.py"
    subs = {m.split(".")[1] for s, m in plan.moves.items() if m.startswith(PKG + ".") and m.count(".") == 2}
    plan.subpackages = [s for s in SUBPACKAGE_ORDER if s in subs] + sorted(subs - set(SUBPACKAGE_ORDER))
    for stem, mod in plan.moves.items():
        if mod[len(PKG) + 1:] in ENTRY_MODULES:
            plan.entry[mod.split(".")[1]] = mod
    for sub in sorted(set(plan.subpackages) | set(SUBPACKAGE_ORDER)):
        if (pkg / sub).exists():
            raise RelayoutError(f"{PKG}/{sub}/ exists already: the tree is laid out (this script runs once)")
        if (pkg / f"{sub}.py").exists() and sub not in plan.moves:
            raise RelayoutError(f"{PKG}/{sub}.py is in the way")
    for old, new in DATA_DIRS.items():
        if (pkg / old).is_dir():
            plan.dirs[f"{PKG}/{old}"] = f"{PKG}/{new}"
    for sub in plan.subpackages:
        for stem in plan.left:
            if stem == sub:
                raise RelayoutError(f"{PKG}/{stem}.py is left in place and would shadow the subpackage {sub}/")
    return plan


def map_repo_path(plan: Plan, path: str) -> str:
    """Where a repository path (file or folder, posix) is after the move."""
    for stem, new in plan.repo_paths.items():
        if path == f"{PKG}/{stem}.py":
            return new
    for old, new in plan.dirs.items():
        if path == old or path.startswith(old + "/"):
            return new + path[len(old):]
    return path


# --- text tokens: pipeline.x, pipeline/x.py, x.py ------------------------------------------------

def token_maps(plan: Plan) -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    dotted = {s: m for s, m in plan.moved().items()}
    for old, new in plan.dirs.items():
        dotted[old.split("/", 1)[1]] = new.replace("/", ".")
    slashed = {f"{PKG}/{s}.py": plan.repo_paths[s] for s in plan.moved()}
    for old, new in plan.dirs.items():
        slashed[old] = new
    bare = {}
    for s, m in plan.moved().items():
        p = plan.repo_paths[s]
        bare[f"{s}.py"] = p[len(PKG) + 1:] if p.startswith(PKG + "/") else p
    return dotted, slashed, bare


DOTTED_RE = re.compile(r"(?<![\w.])" + PKG + r"\.([A-Za-z_]\w*)")
SLASHED_RE = re.compile(r"(?<![\w./-])(" + PKG + r"/\w+(?:/\w+)*(?:\.py)?)")
BARE_RE = re.compile(r"(?<![\w./-])([A-Za-z_]\w*\.py)\b")


FAMILY_GLOB_RE = re.compile(r"(?<![\w./-])(" + PKG + r"/)?([a-z]+)(?:_?\*)\.py\b")


def rewrite_tokens(text: str, plan: Plan, *, bare: bool) -> str:
    dotted, slashed, bare_map = token_maps(plan)

    def sub_glob(m: re.Match) -> str:
        fam = m.group(2)
        if fam in PREFIXES and (m.group(1) or bare):
            return f"{m.group(1) or ''}{PREFIXES[fam][0]}/*.py"
        return m.group(0)

    text = FAMILY_GLOB_RE.sub(sub_glob, text)

    def sub_slashed(m: re.Match) -> str:
        tok = m.group(1)
        for old in sorted(slashed, key=len, reverse=True):
            if tok == old or (tok.startswith(old + "/") and not old.endswith(".py")):
                return slashed[old] + tok[len(old):]
        return tok

    text = SLASHED_RE.sub(sub_slashed, text)
    text = DOTTED_RE.sub(lambda m: dotted.get(m.group(1), m.group(0)) if m.group(1) in dotted
                         else m.group(0), text)
    if bare:
        text = BARE_RE.sub(lambda m: bare_map.get(m.group(1), m.group(1)), text)
    return text


# --- Python sources ------------------------------------------------------------------------------

@dataclass
class Source:
    rel: str                 # old repo path (posix)
    new_rel: str             # new repo path
    text: str
    tree: ast.Module | None = None
    notebook: bool = False

    @property
    def in_package(self) -> bool:
        return self.rel.startswith(PKG + "/")

    def old_package(self) -> list[str]:
        parts = PurePosixPath(self.rel).with_suffix("").parts
        return list(parts[:-1]) if parts[-1] != "__init__" else list(parts[:-1])

    def new_package(self) -> list[str]:
        parts = PurePosixPath(self.new_rel).with_suffix("").parts
        return list(parts[:-1])


@dataclass
class ImportUse:
    """One import of a pipeline module (or of names from it) in one source."""
    src: Source
    node: ast.AST
    kind: str                       # "from" | "object" | "import"
    old_module: str = ""            # "pipeline.x" (for "from"/"import")
    names: list = field(default_factory=list)   # [(name, asname)] for "from"; object: [(stem, asname)]
    relative: bool = False


def parse_py(text: str, rel: str) -> ast.Module | None:
    try:
        return ast.parse(text, filename=rel)
    except SyntaxError as e:
        warn(f"{rel}: cannot parse ({e.msg}, line {e.lineno}); its imports are not rewritten")
        return None


def top_bindings(tree: ast.Module) -> tuple[dict[str, str], set[str]]:
    """Top-level names of a module -> "def" (defined here) or "import:MODULE:NAME"; and names declared
    `global` somewhere (rebound at run time)."""
    out: dict[str, str] = {}
    globals_: set[str] = set()

    def visit(stmts, pkg_parts):
        for st in stmts:
            if isinstance(st, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                out[st.name] = "def"
            elif isinstance(st, (ast.Assign, ast.AnnAssign, ast.AugAssign)):
                targets = st.targets if isinstance(st, ast.Assign) else [st.target]
                for t in targets:
                    for n in ast.walk(t):
                        if isinstance(n, ast.Name):
                            out.setdefault(n.id, "def")
            elif isinstance(st, ast.ImportFrom):
                base = resolve_from(st, pkg_parts)
                for a in st.names:
                    out[a.asname or a.name] = f"import:{base}:{a.name}"
            elif isinstance(st, ast.Import):
                for a in st.names:
                    out[a.asname or a.name.split(".")[0]] = f"module:{a.name}"
            elif isinstance(st, (ast.If, ast.Try, ast.With)):
                for block in ("body", "orelse", "finalbody"):
                    visit(getattr(st, block, []) or [], pkg_parts)
                for h in getattr(st, "handlers", []) or []:
                    visit(h.body, pkg_parts)
    visit(tree.body, [PKG])
    for n in ast.walk(tree):
        if isinstance(n, ast.Global):
            globals_.update(n.names)
    return out, globals_


def resolve_from(node: ast.ImportFrom, pkg_parts: list[str]) -> str:
    if node.level:
        base = pkg_parts[: len(pkg_parts) - (node.level - 1)] if node.level > 1 else list(pkg_parts)
        return ".".join(base + ([node.module] if node.module else []))
    return node.module or ""


class Analysis:
    def __init__(self, plan: Plan, sources: list[Source]):
        self.plan = plan
        self.sources = sources
        self.stems = plan.old_stems()
        self.modules: dict[str, Source] = {}          # old dotted module -> source
        for s in sources:
            if s.in_package and s.rel.count("/") == 1 and s.rel.endswith(".py"):
                self.modules[f"{PKG}.{PurePosixPath(s.rel).stem}"] = s
        self.bindings: dict[str, dict[str, str]] = {}
        self.globals: dict[str, set[str]] = {}
        for mod, s in self.modules.items():
            if s.tree is not None:
                self.bindings[mod], self.globals[mod] = top_bindings(s.tree)
        root_init = self.bindings.get(f"{PKG}.__init__", {})
        self.root_names = set(root_init)
        self.uses: list[ImportUse] = []
        self.attr_uses: dict[int, tuple[set[str], bool]] = {}   # id(use) -> (attrs, only attr loads)
        for s in sources:
            if s.tree is not None:
                self._collect(s)

    # which old module a stem is, and where it goes
    def new_module(self, old_module: str) -> str:
        stem = old_module.split(".", 1)[1] if old_module.startswith(PKG + ".") else ""
        return self.plan.moves.get(stem, old_module)

    def subpackage_of(self, new_module: str) -> str | None:
        parts = new_module.split(".")
        if parts[0] == PKG and len(parts) == 3:
            return parts[1]
        return None

    def _collect(self, s: Source) -> None:
        pkg_parts = s.old_package() if s.in_package else []
        parents = {}
        for n in ast.walk(s.tree):
            for c in ast.iter_child_nodes(n):
                parents[id(c)] = n
        for n in ast.walk(s.tree):
            if isinstance(n, ast.ImportFrom):
                if n.level and not s.in_package:
                    continue
                base = resolve_from(n, pkg_parts)
                if base == PKG:
                    objs = [(a.name, a.asname) for a in n.names
                            if a.name in self.stems and a.name not in self.root_names]
                    if objs:
                        use = ImportUse(s, n, "object", PKG, objs, bool(n.level))
                        self.uses.append(use)
                        self._attr_usage(s, use, parents)
                elif base.startswith(PKG + ".") and base.split(".")[1] in self.stems and base.count(".") == 1:
                    self.uses.append(ImportUse(s, n, "from", base, [(a.name, a.asname) for a in n.names],
                                               bool(n.level)))
            elif isinstance(n, ast.Import):
                for a in n.names:
                    parts = a.name.split(".")
                    if len(parts) >= 2 and parts[0] == PKG and parts[1] in self.stems:
                        self.uses.append(ImportUse(s, n, "import", ".".join(parts[:2]), [(a.name, a.asname)]))

    def _attr_usage(self, s: Source, use: ImportUse, parents: dict) -> None:
        for stem, asname in use.names:
            alias = asname or stem
            attrs: set[str] = set()
            only_loads = True
            for n in ast.walk(s.tree):
                if isinstance(n, ast.Name) and n.id == alias:
                    p = parents.get(id(n))
                    if isinstance(p, ast.Attribute) and isinstance(p.ctx, ast.Load) and p.value is n:
                        attrs.add(p.attr)
                    else:
                        only_loads = False
            self.attr_uses[(id(use), stem)] = (attrs, only_loads)

    # where a name bound in a module comes from: (old module, name) of its definition
    def origin(self, module: str, name: str, depth: int = 0) -> tuple[str, str]:
        b = self.bindings.get(module, {}).get(name)
        if depth > 8 or b is None or not b.startswith("import:"):
            return module, name
        _, src, orig = b.split(":", 2)
        if src in self.modules:
            return self.origin(src, orig, depth + 1)
        return src, orig

    def importer_sub(self, s: Source) -> str | None:
        if not s.in_package:
            return None
        parts = s.new_package()
        return parts[1] if len(parts) >= 2 and parts[0] == PKG else ""

    # --- exports of each subpackage
    def compute_exports(self) -> dict[str, dict[str, str]]:
        """subpackage -> {name: old module it is imported from in __init__}."""
        want: dict[str, dict[str, set[str]]] = {}

        def add(sub, name, module):
            want.setdefault(sub, {}).setdefault(name, set()).add(module)

        for use in self.uses:
            if not use.src.in_package:
                continue
            isub = self.importer_sub(use.src)
            if use.kind == "from":
                sub = self.subpackage_of(self.new_module(use.old_module))
                if sub and sub != isub:
                    for name, _ in use.names:
                        if not name.startswith("_") and name != "*":
                            add(sub, name, use.old_module)
            elif use.kind == "object":
                for stem, _ in use.names:
                    sub = self.subpackage_of(self.new_module(f"{PKG}.{stem}"))
                    attrs, only = self.attr_uses[(id(use), stem)]
                    if (sub and sub == stem and sub != isub and only and attrs
                            and not any(a.startswith("_") for a in attrs)):
                        for a in attrs:
                            add(sub, a, f"{PKG}.{stem}")
        for sub, mod in self.plan.entry.items():
            stem = next(s for s, m in self.plan.moves.items() if m == mod)
            src = self.modules.get(f"{PKG}.{stem}")
            if src is None or src.tree is None:
                continue
            for st in src.tree.body:
                if isinstance(st, (ast.FunctionDef, ast.ClassDef)) and not st.name.startswith("_"):
                    add(sub, st.name, f"{PKG}.{stem}")
        exports: dict[str, dict[str, str]] = {}
        for sub, names in want.items():
            submods = {m.split(".")[2] for m in self.plan.moves.values() if self.subpackage_of(m) == sub}
            for name, mods in sorted(names.items()):
                origins = {self.origin(m, name) for m in mods}
                if name in submods:
                    warn(f"{PKG}.{sub}: `{name}` is also a module's name; not exported (import it from its module)")
                    continue
                if len(origins) > 1:
                    warn(f"{PKG}.{sub}: `{name}` means different things in {sorted(mods)}; not exported")
                    continue
                omod, oname = next(iter(origins))
                # import it in __init__ from the module that defines it when that module is in the subpackage
                if self.subpackage_of(self.new_module(omod)) == sub and oname == name:
                    chosen = omod
                else:
                    chosen = sorted(mods)[0]
                if name not in self.bindings.get(chosen, {}):
                    continue
                if any(name in self.globals.get(m, set()) for m in mods | {chosen}):
                    warn(f"{PKG}.{sub}: `{name}` is rebound at run time (global); not exported")
                    continue
                exports.setdefault(sub, {})[name] = chosen
        self.exports = exports
        return exports

    def via_package(self, use_src: Source, old_module: str, names: list[str]) -> str | None:
        """The subpackage to import `names` from instead of their module, or None."""
        sub = self.subpackage_of(self.new_module(old_module))
        if not sub or sub == self.importer_sub(use_src) or not names:
            return None
        ex = self.exports.get(sub, {})
        for name in names:
            if name == "*" or name not in ex:
                return None
            if self.origin(ex[name], name) != self.origin(old_module, name):
                return None
        return sub


# --- edits ---------------------------------------------------------------------------------------

class Edits:
    def __init__(self, text: str):
        self.data = text.encode("utf-8")
        self.starts = [0]
        for i, b in enumerate(self.data):
            if b == 10:
                self.starts.append(i + 1)
        self.edits: list[tuple[int, int, bytes]] = []

    def off(self, line: int, col: int) -> int:
        return self.starts[line - 1] + col

    def span(self, node) -> tuple[int, int]:
        return self.off(node.lineno, node.col_offset), self.off(node.end_lineno, node.end_col_offset)

    def segment(self, a: int, b: int) -> str:
        return self.data[a:b].decode("utf-8")

    def add(self, a: int, b: int, text: str) -> None:
        if self.segment(a, b) == text:
            return
        for x, y, _ in self.edits:
            if a < y and x < b:
                return   # overlaps an edit already made (the larger one wins: it was made first)
        self.edits.append((a, b, text.encode("utf-8")))

    def apply(self) -> str:
        data = self.data
        for a, b, t in sorted(self.edits, reverse=True):
            data = data[:a] + t + data[b:]
        return data.decode("utf-8")


def rel_module(from_pkg: list[str], target: list[str]) -> str:
    """`target` (dotted parts) relative to package `from_pkg`: `..lang.symbols`."""
    i = 0
    while i < min(len(from_pkg), len(target)) and from_pkg[i] == target[i]:
        i += 1
    if i == 0:
        return ".".join(target)
    dots = "." * (len(from_pkg) - i + 1)
    return dots + ".".join(target[i:])


class Rewriter:
    def __init__(self, an: Analysis):
        self.an = an
        self.plan = an.plan

    def module_text(self, s: Source, new_module: str, relative: bool) -> str:
        target = new_module.split(".")
        if relative and s.in_package and target[0] == PKG and s.new_rel.startswith(PKG + "/"):
            return rel_module(s.new_package(), target)
        return new_module

    def rewrite_source(self, s: Source) -> str:
        if s.tree is None:
            return s.text
        ed = Edits(s.text)
        uses = [u for u in self.an.uses if u.src is s]
        self._froms: list = []
        chains: dict[str, str] = {}
        for u in uses:
            if u.kind == "from":
                self._from(s, ed, u)
            elif u.kind == "object":
                self._object(s, ed, u)
            else:
                self._import(s, ed, u, chains)
        self._merge_froms(ed)
        if chains:
            self._chains(s, ed, chains)
        if s.in_package or s.rel in self.plan.repo_paths.values() or s.new_rel != s.rel:
            self._relative_of_mover(s, ed)
        self._paths(s, ed)
        self._strings(s, ed)
        out = ed.apply()
        return self._comments(out, s)

    def _from(self, s: Source, ed: Edits, u: ImportUse) -> None:
        new = self.an.new_module(u.old_module)
        names = [n for n, _ in u.names]
        sub = self.an.via_package(s, u.old_module, names)
        target = f"{PKG}.{sub}" if sub else new
        text = self.module_text(s, target, u.relative)
        a, b = ed.span(u.node)
        seg = ed.segment(a, b)
        m = re.match(r"from\s+([.\w\s]*?)\s+import\b", seg)
        if not m:
            warn(f"{s.rel}:{u.node.lineno}: unexpected import form; not rewritten")
            return
        ed.add(a + len(seg[: m.start(1)].encode()), a + len(seg[: m.end(1)].encode()), text)
        self._froms.append((u, text))

    def _merge_froms(self, ed: Edits) -> None:
        """Two imports on consecutive lines from two old modules now in one place (`from .normalize
        import normalize`, `from .readers import read_path`) become one (`from .read import ...`)."""
        runs: list[list] = []
        for u, text in sorted(self._froms, key=lambda x: x[0].node.lineno):
            prev = runs[-1][-1] if runs else None
            if (prev and prev[1] == text and u.node.lineno == prev[0].node.end_lineno + 1
                    and u.node.col_offset == prev[0].node.col_offset
                    and simple_from(u.node, ed) and simple_from(prev[0].node, ed)):
                runs[-1].append((u, text))
            else:
                runs.append([(u, text)])
        for run in runs:
            if len(run) < 2 or len({u.old_module for u, _ in run}) < 2:
                continue
            names = []
            for u, _ in run:
                for al in u.node.names:
                    piece = al.name if not al.asname else f"{al.name} as {al.asname}"
                    if piece not in names:
                        names.append(piece)
            first, last = run[0][0].node, run[-1][0].node
            merged = f"from {run[0][1]} import " + ", ".join(names)
            if len(merged) + first.col_offset > 110:
                continue
            a, b = ed.span(first)[0], ed.span(last)[1]
            ed.edits = [e for e in ed.edits if not (a <= e[0] and e[1] <= b)]
            ed.add(a, b, merged)

    def _object(self, s: Source, ed: Edits, u: ImportUse) -> None:
        node: ast.ImportFrom = u.node
        a, b = ed.span(node)
        indent = ""
        line_start = ed.starts[node.lineno - 1]
        indent = ed.segment(line_start, a)
        if indent.strip():   # `x = 1; from . import y` : leave it
            warn(f"{s.rel}:{node.lineno}: import shares its line; not rewritten")
            return
        keep = [(al.name, al.asname) for al in node.names if (al.name, al.asname) not in u.names]
        groups: dict[str, list[str]] = {}
        if keep:
            groups.setdefault(self.module_text(s, PKG, u.relative), []).extend(
                n if not al else f"{n} as {al}" for n, al in keep)
        for stem, asname in u.names:
            new = self.an.new_module(f"{PKG}.{stem}")
            alias = asname or stem
            attrs, only = self.an.attr_uses[(id(u), stem)]
            sub = self.an.subpackage_of(new)
            if (sub == stem and only and attrs
                    and self.an.via_package(s, f"{PKG}.{stem}", sorted(attrs)) == sub):
                parent, last = PKG, sub
            else:
                parent, _, last = new.rpartition(".")
            mod = self.module_text(s, parent, u.relative)
            groups.setdefault(mod, []).append(last if last == alias else f"{last} as {alias}")
        lines = [f"from {mod} import {', '.join(names)}" for mod, names in groups.items()]
        if "#" in ed.segment(a, b):
            warn(f"{s.rel}:{node.lineno}: comments inside a rewritten import are dropped")
        ed.add(a, b, ("\n" + indent).join(lines))

    def _import(self, s: Source, ed: Edits, u: ImportUse, chains: dict[str, str]) -> None:
        node: ast.Import = u.node
        a, b = ed.span(node)
        parts = []
        for al in node.names:
            p = al.name.split(".")
            if len(p) >= 2 and p[0] == PKG and p[1] in self.an.stems:
                new = self.an.new_module(".".join(p[:2]))
                name = ".".join([new] + p[2:])
                if not al.asname:
                    chains[".".join(p[:2])] = new
            else:
                name = al.name
            parts.append(name if not al.asname else f"{name} as {al.asname}")
        ed.add(a, b, "import " + ", ".join(parts))

    def _chains(self, s: Source, ed: Edits, chains: dict[str, str]) -> None:
        for n in ast.walk(s.tree):
            if (isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id == PKG
                    and f"{PKG}.{n.attr}" in chains):
                a, b = ed.span(n)
                ed.add(a, b, chains[f"{PKG}.{n.attr}"])

    def _relative_of_mover(self, s: Source, ed: Edits) -> None:
        """Relative imports of modules that are not pipeline modules (none today) and of a module that
        leaves the package (they become absolute)."""
        if s.new_rel.startswith(PKG + "/"):
            return
        for n in ast.walk(s.tree):
            if isinstance(n, ast.ImportFrom) and n.level:
                if any(u.node is n for u in self.an.uses):
                    continue
                base = resolve_from(n, s.old_package())
                a, b = ed.span(n)
                seg = ed.segment(a, b)
                m = re.match(r"from\s+([.\w\s]*?)\s+import\b", seg)
                if m:
                    ed.add(a + len(seg[: m.start(1)].encode()), a + len(seg[: m.end(1)].encode()), base)

    # paths built from __file__ / __package__
    def _paths(self, s: Source, ed: Edits) -> None:
        if s.notebook:
            return
        parents = {}
        for n in ast.walk(s.tree):
            for c in ast.iter_child_nodes(n):
                parents[id(c)] = n
        for n in ast.walk(s.tree):
            info = path_expr(n)
            if info is None:
                continue
            p = parents.get(id(n))
            if p is not None and path_expr(p) is not None:
                continue   # only the outermost expression
            self._path_edit(s, ed, n, info)
        for n in ast.walk(s.tree):
            if isinstance(n, ast.Name) and n.id == "__file__" and s.new_rel != s.rel:
                p = parents.get(id(n))
                if not (isinstance(p, ast.Call) and isinstance(p.func, (ast.Name, ast.Attribute))
                        and getattr(p.func, "id", getattr(p.func, "attr", "")) == "Path"):
                    warn(f"{s.rel}:{n.lineno}: `__file__` used outside Path(__file__): check it by hand")

    def _path_edit(self, s: Source, ed: Edits, node, info) -> None:
        """Rewrite one path expression so that it names, from the module's new place, what it named
        from the old one (mapped through the move: a data folder that moved with its module)."""
        kind, base_node, ups, lits, style = info
        old_file, new_file = PurePosixPath(s.rel), PurePosixPath(s.new_rel)
        if kind == "file":
            anchor_old = old_file
            for _ in range(ups):
                anchor_old = anchor_old.parent
        elif kind == "package":
            anchor_old = old_file.parent
        else:
            anchor_old = PurePosixPath(PKG)
        old_target = os.path.normpath(str(anchor_old.joinpath(*lits)))
        new_target = os.path.normpath(map_repo_path(self.plan, old_target))
        if kind == "file":
            rel = PurePosixPath(os.path.relpath(new_target, str(new_file.parent)))
            parts = rel.parts if str(rel) != "." else ()
            n_back = 0
            while n_back < len(parts) and parts[n_back] == "..":
                n_back += 1
            n_up, rest = n_back + 1, list(parts[n_back:])
            if (n_up, rest) == (ups, [x for x in lits if x not in ("", ".")]):
                return
            text = ed.segment(*ed.span(base_node)) + path_ups(n_up, style) + "".join(f' / "{r}"' for r in rest)
        else:
            anchor_new = new_file.parent if kind == "package" else PurePosixPath(PKG)
            base = ed.segment(*ed.span(base_node))
            if not (new_target + "/").startswith(str(anchor_new) + "/"):
                anchor_new = PurePosixPath(PKG)
                base = ed.segment(*ed.span(base_node.func)) + f'("{PKG}")'
            rest = list(PurePosixPath(os.path.relpath(new_target, str(anchor_new))).parts)
            if rest == [x for x in lits if x not in ("", ".")] and anchor_new == anchor_old:
                return
            text = base + "".join(f' / "{r}"' for r in rest)
        a, b = ed.span(node)
        ed.add(a, b, text)

    def _strings(self, s: Source, ed: Edits) -> None:
        doc_nodes = set()
        for n in ast.walk(s.tree):
            if isinstance(n, (ast.Module, ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                body = n.body
                if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                    doc_nodes.add(id(body[0].value))
            if isinstance(n, ast.Expr) and isinstance(n.value, ast.Constant) and isinstance(n.value.value, str):
                doc_nodes.add(id(n.value))
        in_fstring = set()
        for n in ast.walk(s.tree):
            if isinstance(n, ast.JoinedStr):
                in_fstring.update(id(c) for c in ast.walk(n) if c is not n)
        for n in ast.walk(s.tree):
            if isinstance(n, ast.JoinedStr) and id(n) not in in_fstring:
                a, b = ed.span(n)
                seg = ed.segment(a, b)
                new = rewrite_tokens(seg, self.plan, bare=False)
                if new != seg:
                    ed.add(a, b, new)
            elif (isinstance(n, ast.Constant) and isinstance(n.value, str) and hasattr(n, "end_lineno")
                  and id(n) not in in_fstring):
                a, b = ed.span(n)
                seg = ed.segment(a, b)
                new = rewrite_tokens(seg, self.plan, bare=id(n) in doc_nodes)
                if new != seg:
                    ed.add(a, b, new)

    def _comments(self, text: str, s: Source) -> str:
        try:
            toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
        except (tokenize.TokenError, SyntaxError):
            return text
        lines = text.splitlines(keepends=True)
        changes = []
        for t in toks:
            if t.type == tokenize.COMMENT:
                new = rewrite_tokens(t.string, self.plan, bare=True)
                if new != t.string:
                    changes.append((t.start, t.end, new))
        for (r, c0), (_, c1), new in reversed(changes):
            line = lines[r - 1]
            lines[r - 1] = line[:c0] + new + line[c1:]
        return "".join(lines)


def simple_from(st, ed: "Edits") -> bool:
    line = ed.segment(ed.starts[st.lineno - 1], ed.starts[st.lineno] if st.lineno < len(ed.starts) else len(ed.data))
    return (isinstance(st, ast.ImportFrom) and st.lineno == st.end_lineno and "#" not in line and ";" not in line
            and all(al.name != "*" for al in st.names))


def path_ups(n: int, style: str) -> str:
    if n <= 0:
        return ""
    if style == "parents" and n > 1:
        return f".parents[{n - 1}]"
    return ".parent" * n


def normal_path_text(t: str) -> str:
    return re.sub(r"\s+", "", t).replace("'", '"')


def path_expr(n):
    """(kind, base node, levels up, literal parts, style) for `Path(__file__)...parent / "x"` and
    `resources.files(__package__) / "x"`, or None."""
    lits: list[str] = []
    while isinstance(n, ast.BinOp) and isinstance(n.op, ast.Div) and isinstance(n.right, ast.Constant) \
            and isinstance(n.right.value, str):
        lits[:0] = n.right.value.split("/")
        n = n.left
    ups = 0
    style = "parent"
    while True:
        if isinstance(n, ast.Attribute) and n.attr == "parent":
            ups += 1
            n = n.value
        elif (isinstance(n, ast.Subscript) and isinstance(n.value, ast.Attribute) and n.value.attr == "parents"
              and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, int)):
            ups += n.slice.value + 1
            style = "parents"
            n = n.value.value
        elif (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("resolve", "absolute")
              and not n.args):
            base_call = n
            inner = n.func.value
            if is_path_file(inner):
                if not ups and not lits:
                    return None
                return "file", base_call, ups, lits, style
            return None
        else:
            break
    if is_path_file(n):
        if not ups and not lits:
            return None
        return "file", n, ups, lits, style
    if (isinstance(n, ast.Call) and getattr(n.func, "attr", getattr(n.func, "id", "")) == "files"
            and len(n.args) == 1 and not ups and lits):
        arg = n.args[0]
        if isinstance(arg, ast.Name) and arg.id == "__package__":
            return "package", n, 0, lits, style
        if isinstance(arg, ast.Constant) and arg.value == PKG:
            return "root", n, 0, lits, style
    return None


def is_path_file(n) -> bool:
    return (isinstance(n, ast.Call) and getattr(n.func, "id", getattr(n.func, "attr", "")) == "Path"
            and len(n.args) == 1 and isinstance(n.args[0], ast.Name) and n.args[0].id == "__file__")


# --- notebooks -----------------------------------------------------------------------------------

MAGIC_RE = re.compile(r"^(\s*)([%!].*)$", re.M)


def notebook_sources(rel: str, text: str) -> tuple[dict, list[Source]]:
    nb = json.loads(text)
    out = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") == "code":
            code = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
            masked = MAGIC_RE.sub(lambda m: m.group(1) + "#" + m.group(2)[1:], code)
            src = Source(f"{rel}#cell{i}", f"{rel}#cell{i}", masked, notebook=True)
            src.tree = parse_py(masked, src.rel)
            src.original = code
            out.append(src)
    return nb, out


def unmask(original: str, masked_new: str) -> str:
    olines = original.splitlines(keepends=True)
    nlines = masked_new.splitlines(keepends=True)
    if len(olines) != len(nlines):
        return masked_new
    return "".join(o if MAGIC_RE.match(o.rstrip("\n")) else n for o, n in zip(olines, nlines))


def dump_notebook(nb: dict, original: str) -> str:
    for indent in (1, 2, 4):
        if json.dumps(json.loads(original), indent=indent, ensure_ascii=False) + "\n" == original:
            return json.dumps(nb, indent=indent, ensure_ascii=False) + "\n"
    return json.dumps(nb, indent=1, ensure_ascii=False) + "\n"


def split_source(text: str) -> list[str]:
    return text.splitlines(keepends=True)


# --- pyproject.toml ------------------------------------------------------------------------------

def rewrite_pyproject(text: str, plan: Plan) -> str:
    # module paths in strings first (entry points, `pipeline.explorer_assets`), once, on the old names
    text = rewrite_tokens(text, plan, bare=True)
    data = tomllib.loads(text)
    st = data.get("tool", {}).get("setuptools", {})
    packages = st.get("packages")
    new_subs = [f"{PKG}.{s}" for s in plan.subpackages]
    lines = text.splitlines(keepends=True)
    section = None
    out: list[str] = []
    i = 0
    dirmap = {old.replace("/", "."): new.replace("/", ".") for old, new in plan.dirs.items()}
    final_packages: list[str] = []
    if isinstance(packages, list):
        final_packages = []
        for p in packages:
            p = next((new + p[len(old):] for old, new in dirmap.items() if p == old or p.startswith(old + ".")), p)
            final_packages.append(p)
        for sp in new_subs:
            if sp not in final_packages:
                final_packages.append(sp)
        final_packages = [final_packages[0]] + sorted(final_packages[1:]) if final_packages else final_packages
    while i < len(lines):
        line = lines[i]
        hdr = re.match(r"\s*\[([^\[\]]+)\]\s*(#.*)?$", line)
        if hdr:
            section = hdr.group(1).strip()
            out.append(line)
            i += 1
            continue
        m = re.match(r"\s*(\"[^\"]+\"|[\w.-]+)\s*=", line)
        if m and section in ("tool.setuptools", "tool.setuptools.package-data"):
            j, chunk = i, line
            while True:
                try:
                    kv = tomllib.loads(chunk)
                    break
                except tomllib.TOMLDecodeError:
                    j += 1
                    if j >= len(lines):
                        raise RelayoutError("pyproject.toml: cannot read a value of [tool.setuptools]")
                    chunk += lines[j]
            key, value = next(iter(kv.items()))
            if section == "tool.setuptools" and key == "packages" and isinstance(value, list):
                out.append(toml_list_line("packages", final_packages))
                i = j + 1
                continue
            if section == "tool.setuptools.package-data":
                for k, globs in package_data_entries(key, value, plan, final_packages or [PKG] + new_subs):
                    out.append(toml_list_line(toml_key(k), globs))
                i = j + 1
                continue
            out.append(chunk)
            i = j + 1
            continue
        out.append(line)
        i += 1
    return "".join(out)


def package_data_entries(key: str, globs: list[str], plan: Plan, packages: list[str]):
    pkg_dirs = sorted(packages, key=lambda p: p.count("."), reverse=True)
    out: dict[str, list[str]] = {}
    for g in globs:
        full = key.replace(".", "/") + "/" + g
        new_full = map_repo_path(plan, full)
        for old, new in plan.dirs.items():
            if full.startswith(old + "/"):
                new_full = new + full[len(old):]
        for p in pkg_dirs:
            pd = p.replace(".", "/")
            if new_full.startswith(pd + "/"):
                out.setdefault(p, []).append(new_full[len(pd) + 1:])
                break
        else:
            out.setdefault(key, []).append(g)
    return out.items()


def toml_key(k: str) -> str:
    return k if re.fullmatch(r"[A-Za-z0-9_-]+", k) else f'"{k}"'


def toml_list_line(key: str, items: list[str]) -> str:
    one = f"{key} = [" + ", ".join(f'"{x}"' for x in items) + "]\n"
    if len(one) <= 110:
        return one
    return f"{key} = [\n" + "".join(f'  "{x}",\n' for x in items) + "]\n"


# --- README --------------------------------------------------------------------------------------

def layout_row(plan: Plan) -> str:
    """The README layout table's rows for the package (one per subpackage)."""
    mods: dict[str, list[str]] = {}
    for stem, mod in sorted(plan.moves.items()):
        parts = mod.split(".")
        if parts[0] != PKG:
            continue
        if len(parts) == 3:
            mods.setdefault(parts[1], []).append(parts[2])
    tops = [s for s in TOP_DOCS if plan.moves.get(s) == f"{PKG}.{s}"]
    tops += sorted(s for s, m in plan.moves.items() if m == f"{PKG}.{s}" and not s.startswith("__") and s not in TOP_DOCS)
    rows = ["| `pipeline/` | the package: " + ", ".join(f"`{t}.py`" + (f" ({TOP_DOCS[t]})" if t in TOP_DOCS else "")
                                                  for t in tops)
            + "; and one subpackage per part of the pipeline, each exporting its public names from its "
              "`__init__.py`: |"]
    for sub in plan.subpackages:
        names = ", ".join(f"`{m}`" for m in sorted(mods.get(sub, [])))
        extra = " (+ `explorer_assets/`)" if any(v.endswith(f"{sub}/explorer_assets") for v in plan.dirs.values()) else ""
        rows.append(f"| `pipeline/{sub}/` | {SUBPACKAGE_DOCS.get(sub, '')} Modules: {names}{extra} |")
    if any(m.startswith("tests.support") for m in plan.moves.values()):
        rows.append("| `tests/support/` | helpers of the tests and benchmarks, not shipped: `scanrender.py` "
                    "(renders text into realistic scanned pages) |")
    return "\n".join(rows)


def rewrite_readme(text: str, plan: Plan) -> str:
    lines = text.splitlines(keepends=True)
    out = []
    for line in lines:
        if line.startswith("| `pipeline/` |"):
            out.append(layout_row(plan) + "\n")
        else:
            out.append(rewrite_tokens(line, plan, bare=False))
    return "".join(out)


# --- __init__.py of each subpackage --------------------------------------------------------------

def init_text(sub: str, exports: dict[str, str], plan: Plan, lazy: bool = False) -> str:
    doc = SUBPACKAGE_DOCS.get(sub, f"The `{sub}` subpackage.")
    if lazy:
        doc += (" Its names are imported on first use (PEP 562): importing its modules at once would close "
                "an import cycle with another subpackage.")
    by_mod: dict[str, list[str]] = {}
    where: dict[str, str] = {}
    for name, old in exports.items():
        new = plan.moves[old.split(".", 1)[1]]
        by_mod.setdefault(new.split(".")[2], []).append(name)
        where[name] = new.split(".")[2]
    wrapped = wrap_words(doc, 100)
    body = ['"""' + wrapped + '\n"""' if "\n" in wrapped else '"""' + wrapped + '"""']
    all_names = sorted(exports, key=by_type)
    imports = [import_line(f"from .{mod} import ", sorted(by_mod[mod], key=by_type)) for mod in sorted(by_mod)]
    if not lazy:
        body += imports
        body.append("")
        body.append(list_line("__all__ = [", [f'"{n}"' for n in all_names], "]") if all_names
                    else "__all__: list[str] = []")
        return "\n".join(body) + "\n"
    body += ["from __future__ import annotations", "", "from importlib import import_module",
             "from typing import TYPE_CHECKING", "", "if TYPE_CHECKING:"]
    body += ["    " + line if line else line for imp in imports for line in imp.split("\n")] or ["    pass"]
    body += ["", list_line("_MODULE_OF = {", [f'"{n}": "{where[n]}"' for n in all_names], "}"),
             list_line("__all__ = [", [f'"{n}"' for n in all_names], "]") if all_names else "__all__: list[str] = []",
             "", "",
             "def __getattr__(name: str):",
             "    if name not in _MODULE_OF:",
             '        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")',
             '    value = getattr(import_module(f".{_MODULE_OF[name]}", __name__), name)',
             "    globals()[name] = value",
             "    return value",
             "", "",
             "def __dir__() -> list[str]:",
             "    return sorted(set(globals()) | set(__all__))"]
    return "\n".join(body) + "\n"


def by_type(name: str) -> tuple:
    """isort's order by type: CONSTANTS, then Classes, then functions and variables."""
    kind = 0 if name.isupper() else 1 if name[:1].isupper() else 2
    return kind, name


def wrap_words(text: str, width: int) -> str:
    lines, cur = [], ""
    for w in text.split():
        if cur and len(cur) + 1 + len(w) > width - 4:
            lines.append(cur)
            cur = w
        else:
            cur = f"{cur} {w}" if cur else w
    lines.append(cur)
    return "\n".join(lines)


def import_line(head: str, names: list[str]) -> str:
    one = head + ", ".join(names)
    if len(one) <= 110:
        return one
    return list_line(head + "(", names, ")")


def list_line(head: str, items: list[str], close: str) -> str:
    one = head + ", ".join(items) + close
    if len(one) <= 110:
        return one
    lines, cur = [head], "    "
    for it in items:
        piece = it + ", "
        if len(cur) + len(piece) > 110:
            lines.append(cur.rstrip())
            cur = "    "
        cur += piece
    lines.append(cur.rstrip())
    lines.append(close)
    return "\n".join(lines)


# --- running -------------------------------------------------------------------------------------

def git(root: Path, *args: str, check: bool = True) -> str:
    r = subprocess.run(["git", *args], cwd=root, capture_output=True, text=True)
    if check and r.returncode:
        raise RelayoutError(f"git {' '.join(args)}: {r.stderr.strip()}")
    return r.stdout


def is_git(root: Path) -> bool:
    return subprocess.run(["git", "rev-parse", "--is-inside-work-tree"], cwd=root, capture_output=True).returncode == 0


def repo_files(root: Path, use_git: bool) -> list[str]:
    if use_git:
        files = git(root, "ls-files", "-co", "--exclude-standard").splitlines()
    else:
        files = []
        for dp, dn, fn in os.walk(root):
            dn[:] = [d for d in dn if not d.startswith(".") and d not in ("__pycache__", "build", "dist", "out")]
            for f in fn:
                files.append(str(Path(dp, f).relative_to(root)).replace(os.sep, "/"))
    return sorted(f for f in files if (root / f).is_file())


def wants_text_rewrite(rel: str) -> bool:
    p = PurePosixPath(rel)
    if rel in EXCLUDE:
        return False
    if p.parts[0] == "corpora":
        return p.name in ("README.md", "CARD.md")
    return p.suffix in TEXT_SUFFIXES or p.name == "Makefile"


def run(root: Path, *, dry_run: bool, allow_dirty: bool, use_git: bool,
        import_check: bool = True) -> tuple[Plan, Analysis]:
    plan = make_plan(root)
    if use_git and not allow_dirty and git(root, "status", "--porcelain", "--untracked-files=no").strip():
        raise RelayoutError("the working tree has uncommitted changes: commit them first (or --allow-dirty)")
    if import_check and not dry_run:
        every = ", ".join(package_modules(root))
        failures = import_failures(root, [every])
        if failures:
            raise RelayoutError(f"the package does not import before the move, so the move could not be checked: "
                                f"{failures[every].splitlines()[-1]} (run the script with the project's Python: "
                                ".venv/bin/python tools/relayout.py)")
    files = repo_files(root, use_git)
    new_rel = {f"{PKG}/{s}.py": p for s, p in plan.repo_paths.items()}
    sources: list[Source] = []
    notebooks: dict[str, tuple[dict, list[Source], str]] = {}
    for rel in files:
        if rel in EXCLUDE:
            continue
        text_path = root / rel
        if rel.endswith(".py"):
            text = text_path.read_text(encoding="utf-8")
            nrel = new_rel.get(rel, map_repo_path(plan, rel))
            s = Source(rel, nrel, text)
            s.tree = parse_py(text, rel)
            sources.append(s)
        elif rel.endswith(".ipynb"):
            text = text_path.read_text(encoding="utf-8")
            nb, cells = notebook_sources(rel, text)
            notebooks[rel] = (nb, cells, text)
            sources.extend(cells)
    an = Analysis(plan, sources)
    exports = an.compute_exports()

    print(f"relayout: {len(plan.moved())} modules move, {len(plan.left)} left in place, "
          f"{len(plan.subpackages)} subpackages")
    for stem, mod in sorted(plan.moved().items(), key=lambda kv: kv[1]):
        print(f"  {PKG}/{stem}.py -> {plan.repo_paths[stem]}")
    for old, new in plan.dirs.items():
        print(f"  {old}/ -> {new}/")
    if dry_run:
        for sub in plan.subpackages:
            print(f"  {PKG}/{sub}/__init__.py exports: {', '.join(sorted(exports.get(sub, {}))) or '-'}")
        return plan, an

    rw = Rewriter(an)
    new_texts: dict[str, str] = {}
    for s in sources:
        if s.notebook:
            continue
        new = rw.rewrite_source(s)
        if new != s.text or s.new_rel != s.rel:
            new_texts[s.rel] = new
    nb_texts = {}
    for rel, (nb, cells, text) in notebooks.items():
        ci = 0
        for i, cell in enumerate(nb.get("cells", [])):
            if cell.get("cell_type") == "code":
                src = cells[ci]
                ci += 1
                new = unmask(src.original, rw.rewrite_source(src))
                if new != src.original:
                    cell["source"] = split_source(new) if isinstance(cell["source"], list) else new
            elif cell.get("cell_type") == "markdown":
                md = "".join(cell["source"]) if isinstance(cell["source"], list) else cell["source"]
                new = rewrite_tokens(md, plan, bare=True)
                if new != md:
                    cell["source"] = split_source(new) if isinstance(cell["source"], list) else new
        out = dump_notebook(nb, text)
        if out != text:
            nb_texts[rel] = out
    other_texts = {}
    for rel in files:
        if not wants_text_rewrite(rel):
            continue
        text = (root / rel).read_text(encoding="utf-8")
        if rel == "pyproject.toml":
            new = rewrite_pyproject(text, plan)
        elif rel == "README.md":
            new = rewrite_readme(text, plan)
        else:
            new = rewrite_tokens(text, plan, bare=PurePosixPath(rel).suffix == ".md" or rel.startswith("models/"))
        if new != text:
            other_texts[rel] = new

    # move, then write
    def mv(a: str, b: str) -> None:
        (root / b).parent.mkdir(parents=True, exist_ok=True)
        if use_git and git(root, "ls-files", a).strip():
            git(root, "mv", a, b)
        else:
            shutil.move(str(root / a), str(root / b))

    for stem in plan.moved():
        mv(f"{PKG}/{stem}.py", plan.repo_paths[stem])
    for old, new in plan.dirs.items():
        mv(old, new)
    for s in sources:
        if s.rel in new_texts:
            (root / s.new_rel).write_text(new_texts[s.rel], encoding="utf-8")
    for rel, text in {**nb_texts, **other_texts}.items():
        (root / rel).write_text(text, encoding="utf-8")
    created = []
    for sub in plan.subpackages:
        p = root / PKG / sub / "__init__.py"
        p.write_text(init_text(sub, exports.get(sub, {}), plan), encoding="utf-8")
        created.append(p)
    support = {PurePosixPath(p).parent for p, _ in OUT_OF_PACKAGE.values()}
    for d in support:
        init = root / d / "__init__.py"
        if (root / d).is_dir() and not init.exists():
            init.write_text('"""Helpers of the tests and the benchmarks (not part of the package)."""\n',
                            encoding="utf-8")
            created.append(init)
    if use_git:
        git(root, "add", *[str(p.relative_to(root)) for p in created])
        changed = [s.new_rel for s in sources if s.rel in new_texts and not s.notebook] + list(nb_texts) + list(other_texts)
        if changed:
            git(root, "add", *changed)
    if import_check:
        lazy = settle_imports(root, plan, exports)
        if use_git and lazy:
            git(root, "add", *[f"{PKG}/{sub}/__init__.py" for sub in lazy])
    print(f"relayout: rewrote {len(new_texts) + len(nb_texts) + len(other_texts)} files, "
          f"wrote {len(created)} __init__.py")
    return plan, an


def package_modules(root: Path) -> list[str]:
    mods = []
    for p in sorted((root / PKG).rglob("*.py")):
        parts = list(p.relative_to(root).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        if parts[-1] != "__main__":
            mods.append(".".join(parts))
    return mods


def import_failures(root: Path, mods: list[str]) -> dict[str, str]:
    """Import each module in a fresh interpreter (the order of imports decides whether a cycle bites);
    returns {module: its traceback} for those that fail."""
    env = dict(os.environ, PYTHONPATH=str(root) + os.pathsep + os.environ.get("PYTHONPATH", ""))

    def one(m: str):
        r = subprocess.run([sys.executable, "-c", f"import {m}"], cwd=root, env=env, capture_output=True, text=True)
        return m, (r.stderr.strip() or f"exit {r.returncode}") if r.returncode else None

    from concurrent.futures import ThreadPoolExecutor
    with ThreadPoolExecutor(max_workers=min(4, os.cpu_count() or 1)) as ex:
        return {m: err for m, err in ex.map(one, mods) if err}


CYCLE_RE = re.compile(r"partially initialized module '" + PKG + r"\.")
INIT_FRAME_RE = re.compile(r'File "[^"]*[/\\]' + PKG + r'[/\\](\w+)[/\\]__init__\.py"')


def settle_imports(root: Path, plan: Plan, exports: dict[str, dict[str, str]]) -> list[str]:
    """Check that every module imports; where a subpackage's `__init__.py`, importing its modules at
    once, closes an import cycle with another subpackage, write that `__init__.py` in the lazy form
    (names imported on first use, PEP 562).  Returns the subpackages made lazy."""
    mods = package_modules(root)
    lazy: set[str] = set()
    for round_ in range(3):
        failures = import_failures(root, mods)
        missing = {m: e for m, e in failures.items() if "ModuleNotFoundError" in e and f"'{PKG}" not in e}
        if missing:
            raise RelayoutError("cannot check the imports: a dependency is missing in this Python "
                                f"({next(iter(missing.values())).splitlines()[-1]}); run the script with the "
                                "project's Python (.venv/bin/python tools/relayout.py)")
        cycles = {m: e for m, e in failures.items() if CYCLE_RE.search(e)}
        if not failures:
            print(f"relayout: all {len(mods)} modules import"
                  + (f" (lazy __init__.py: {', '.join(sorted(lazy))})" if lazy else ""))
            return sorted(lazy)
        if not cycles or round_ == 2:
            break
        more = {sub for e in cycles.values() for sub in INIT_FRAME_RE.findall(e)} & set(plan.subpackages)
        if round_ == 1 or not more - lazy:
            more = set(plan.subpackages)
        lazy |= more
        for sub in sorted(more):
            (root / PKG / sub / "__init__.py").write_text(init_text(sub, exports.get(sub, {}), plan, lazy=True),
                                                          encoding="utf-8")
        print(f"relayout: import cycles through __init__.py: lazy exports for {', '.join(sorted(more))}")
    for m, e in sorted(failures.items()):
        print(f"relayout: import {m} fails: {e.splitlines()[-1]}", file=sys.stderr)
    raise RelayoutError(f"{len(failures)} modules do not import after the move (see above)")


# --- report: private names across subpackages, long functions ------------------------------------

def subpackage_of_path(rel: str) -> str:
    parts = PurePosixPath(rel).parts
    if parts[0] != PKG:
        return parts[0]
    return parts[1] if len(parts) > 2 else PKG


def report(root: Path, limit: int = 60) -> str:
    files = sorted(p for p in (root / PKG).rglob("*.py"))
    modules = {}
    for p in files:
        rel = str(p.relative_to(root)).replace(os.sep, "/")
        parts = list(PurePosixPath(rel).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules[".".join(parts)] = (rel, ast.parse(p.read_text(encoding="utf-8")))
    public_of = {m: {n for n in top_bindings(t)[0] if not n.startswith("_")} for m, (_, t) in modules.items()}
    crossing: dict[tuple[str, str], list[str]] = {}
    test_private: dict[tuple[str, str], list[str]] = {}
    extra = []
    for d in ("tests", "benchmarks"):
        for p in sorted((root / d).rglob("*.py")):
            rel = str(p.relative_to(root)).replace(os.sep, "/")
            if rel in EXCLUDE:
                continue
            try:
                extra.append((rel, ast.parse(p.read_text(encoding="utf-8"))))
            except SyntaxError:
                pass
    for m, (rel, tree) in list(modules.items()) + [(None, x) for x in extra]:
        parts = list(PurePosixPath(rel).with_suffix("").parts)
        pkg_parts = parts[:-1]
        isub = subpackage_of_path(rel)

        def note(module: str, name: str, line: int) -> None:
            target_rel = modules[module][0]
            if rel.startswith(PKG + "/"):
                if subpackage_of_path(target_rel) != isub:
                    crossing.setdefault((module, name), []).append(f"{rel}:{line}")
            else:
                test_private.setdefault((module, name), []).append(f"{rel}:{line}")

        # modules bound to a name (`from ..lang import symbols as _symbols`, `import pipeline.x as y`):
        # their private attributes read as `alias._name`
        aliases: dict[str, str] = {}
        for n in ast.walk(tree):
            if isinstance(n, ast.ImportFrom):
                base = resolve_from(n, pkg_parts) if n.level else (n.module or "")
                for a in n.names:
                    if f"{base}.{a.name}" in modules:
                        aliases[a.asname or a.name] = f"{base}.{a.name}"
            elif isinstance(n, ast.Import):
                for a in n.names:
                    if a.asname and a.name in modules:
                        aliases[a.asname] = a.name
        for n in ast.walk(tree):
            if (isinstance(n, ast.Attribute) and isinstance(n.value, ast.Name) and n.value.id in aliases
                    and n.attr.startswith("_") and not n.attr.startswith("__")):
                note(aliases[n.value.id], n.attr, n.lineno)
        for n in ast.walk(tree):
            if not isinstance(n, ast.ImportFrom):
                continue
            base = resolve_from(n, pkg_parts) if n.level else (n.module or "")
            if not base.startswith(PKG):
                continue
            target_rel = modules.get(base, (None,))[0]
            if target_rel is None:
                continue
            for a in n.names:
                if a.name.startswith("_") and not a.name.startswith("__"):
                    note(base, a.name, n.lineno)
    longs = []
    for m, (rel, tree) in modules.items():
        for n in ast.walk(tree):
            if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
                first = min([n.lineno] + [d.lineno for d in n.decorator_list])
                length = n.end_lineno - first + 1
                if length > limit:
                    longs.append((length, rel, n.lineno, n.name))
    longs.sort(reverse=True)

    def places(where: list[str]) -> str:
        def key(w: str):
            path, _, line = w.rpartition(":")
            return path, int(line)
        return ", ".join(f"`{w}`" for w in sorted(set(where), key=key))

    def suggest(module: str, name: str) -> str:
        plain = name.lstrip("_")
        taken = public_of.get(module, set())
        if plain in taken:
            return f"`{plain}` is taken in `{module}`: a new name is needed (e.g. `{plain}_of`)"
        return f"`{plain}`"

    out = ["# Relayout report", "",
           "Produced by `python3 tools/relayout.py --report FILE` on the tree after the move.", "",
           f"## Private names imported across subpackages ({len(crossing)} names)", "",
           "Each is used outside the subpackage that defines it, so it is part of that subpackage's "
           "interface: rename it to the public name suggested (and export it from the subpackage's "
           "`__init__.py`), or move the code that needs it.", "",
           "| name | imported from | imported by | suggested public name |", "| --- | --- | --- | --- |"]
    for (mod, name), where in sorted(crossing.items()):
        out.append(f"| `{name}` | `{mod}` | {places(where)} | {suggest(mod, name)} |")
    out += ["", f"## Private names that tests and benchmarks import ({len(test_private)} names)", "",
            "Not crossings of the package's subpackages, but the issue asks for no re-export of private names "
            "for tests: test these through public functions, or make them public (same suggestion).", "",
            "| name | imported from | imported by | suggested public name |", "| --- | --- | --- | --- |"]
    for (mod, name), where in sorted(test_private.items()):
        out.append(f"| `{name}` | `{mod}` | {places(where)} | {suggest(mod, name)} |")
    out += ["", f"## Functions over {limit} lines ({len(longs)})", "",
            "Lines from the `def` (or its first decorator) to the last line, docstring included.", "",
            "| lines | function | where |", "| ---: | --- | --- |"]
    for length, rel, line, name in longs:
        out.append(f"| {length} | `{name}` | `{rel}:{line}` |")
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--root", default=".", help="repository root (default: the current folder)")
    ap.add_argument("--dry-run", action="store_true", help="print the plan and change nothing")
    ap.add_argument("--allow-dirty", action="store_true", help="run with uncommitted changes")
    ap.add_argument("--no-git", action="store_true", help="move with plain renames (a copy without git)")
    ap.add_argument("--no-import-check", action="store_true",
                    help="skip importing every module after the move (and the lazy __init__.py it may write)")
    ap.add_argument("--report", metavar="FILE", help="write the report of private imports and long functions")
    ap.add_argument("--report-only", action="store_true", help="only write the report (tree already moved)")
    ap.add_argument("--readme", metavar="FILE", help="write the README layout rows of the new tree")
    args = ap.parse_args(argv)
    root = Path(args.root).resolve()
    use_git = not args.no_git and is_git(root)
    try:
        if not args.report_only:
            plan, _ = run(root, dry_run=args.dry_run, allow_dirty=args.allow_dirty, use_git=use_git,
                          import_check=not args.no_import_check)
            if args.readme:
                Path(args.readme).write_text(layout_row(plan) + "\n", encoding="utf-8")
        if args.report and not args.dry_run:
            Path(args.report).write_text(report(root), encoding="utf-8")
    except RelayoutError as e:
        print(f"relayout: {e}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
