"""tools/relayout.py on a small made-up package laid out flat as `pipeline/` is today: the modules move
into subpackages, every kind of reference follows them, the result imports and runs, and a second
run is refused."""
from __future__ import annotations

import importlib.util
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "tools" / "relayout.py"

FLAT = {
    "pipeline/__init__.py": '''
        """A made-up package."""
        from .extract import extract

        __all__ = ["extract"]
        ''',
    "pipeline/errors.py": '''
        class ChithiError(Exception):
            pass
        ''',
    "pipeline/model.py": '''
        class Document:
            def __init__(self, text):
                self.text = text
                self.bodies = []
        ''',
    "pipeline/normalize.py": '''
        from pathlib import Path

        from .model import Document

        MODELS = Path(__file__).resolve().parent.parent / "models"


        def normalize(text):
            return Document((MODELS / "facts.txt").read_text(encoding="utf-8").strip() + ":" + text)
        ''',
    "pipeline/symbols.py": '''
        def parse_symbol(s):
            return s.upper()


        def _fold(s):
            return s.lower()
        ''',
    "pipeline/bodies_tokens.py": '''
        def tokenize(text):
            return text.split()
        ''',
    "pipeline/bodies.py": '''
        """The bodies stage; see `bodies_tokens.py` and `pipeline.symbols`."""
        from pipeline.bodies_tokens import tokenize
        from pipeline.symbols import _fold


        def bodies_stage(doc):
            doc.bodies = [_fold(t) for t in tokenize(doc.text)]
            return doc
        ''',
    "pipeline/explorer.py": '''
        from pathlib import Path

        ASSETS = Path(__file__).resolve().parent / "explorer_assets"


        def page():
            return (ASSETS / "page.html").read_text(encoding="utf-8")
        ''',
    "pipeline/explorer_assets/page.html": "<p>explorer</p>\n",
    "pipeline/extract.py": '''
        from . import bodies
        from .normalize import normalize


        def extract(text):
            return bodies.bodies_stage(normalize(text))
        ''',
    "pipeline/scanrender.py": '''
        def render(text):
            return "scan:" + text
        ''',
    "pipeline/mystery.py": '''
        X = 1
        ''',
    "models/facts.txt": "F\n",
    "tests/__init__.py": "",
    "tests/test_it.py": '''
        from pipeline import bodies as B
        from pipeline import extract
        from pipeline.explorer import page
        from pipeline.model import Document
        from pipeline.scanrender import render
        from pipeline.symbols import parse_symbol


        def test_all(monkeypatch):
            assert extract("Sở Nội Vụ").bodies == ["f:sở", "nội", "vụ"]
            monkeypatch.setattr("pipeline.bodies.tokenize", lambda t: ["X"])
            assert B.bodies_stage(Document("a")).bodies == ["x"]
            assert B._fold("A") == "a"
            assert page() == "<p>explorer</p>\\n" and render("a") == "scan:a"
            assert parse_symbol("a") == "A"
        ''',
    "notebooks/n.ipynb": None,
    "pyproject.toml": '''
        [project]
        name = "x"

        [project.scripts]
        x = "pipeline.extract:extract"

        [tool.setuptools]
        packages = ["pipeline"]

        [tool.setuptools.package-data]
        pipeline = ["explorer_assets/*"]
        ''',
    "README.md": "Layout\n\n| path | what |\n| --- | --- |\n| `pipeline/` | flat |\n\nSee `pipeline.bodies`.\n",
}
NOTEBOOK = {"cells": [
    {"cell_type": "markdown", "metadata": {}, "source": ["Uses `pipeline.symbols`.\n"]},
    {"cell_type": "code", "metadata": {}, "execution_count": None, "outputs": [],
     "source": ["%matplotlib inline\n", "from pipeline.symbols import parse_symbol\n", "parse_symbol('a')"]},
], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}


def load_relayout():
    spec = importlib.util.spec_from_file_location("relayout", SCRIPT)
    mod = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("relayout", mod)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture()
def flat_repo(tmp_path: Path) -> Path:
    for rel, text in FLAT.items():
        p = tmp_path / rel
        p.parent.mkdir(parents=True, exist_ok=True)
        if text is None:
            p.write_text(json.dumps(NOTEBOOK, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        else:
            p.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return tmp_path


def relayout(repo: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(SCRIPT), "--root", str(repo), "--no-git", *args],
                          capture_output=True, text=True, timeout=300)


def test_placement_rules():
    r = load_relayout()
    assert r.place("bodies") == "bodies.stage"
    assert r.place("bodies_tokens") == "bodies.tokens"
    assert r.place("tasks_inline") == "tasks.inline"          # a family member added later
    assert r.place("evaluate_match") == "evaluate.match"
    assert r.place("perturb_eval") == "evaluate.perturb_eval"
    assert r.place("ocr_textlayer") == "ocr.textlayer"
    assert r.place("cli") == "cli" and r.place("model") == "model"
    assert r.place("mystery") is None                          # unknown: left in place


def test_relative_module_names():
    r = load_relayout()
    assert r.rel_module(["pipeline", "header"], ["pipeline", "lang", "symbols"]) == "..lang.symbols"
    assert r.rel_module(["pipeline", "header"], ["pipeline", "header", "units"]) == ".units"
    assert r.rel_module(["pipeline"], ["pipeline", "bodies"]) == ".bodies"


def test_relayout_moves_rewrites_and_runs(flat_repo: Path):
    run = relayout(flat_repo)
    assert run.returncode == 0, run.stderr + run.stdout
    assert "pipeline/mystery.py: no rule places it" in run.stderr
    pkg = flat_repo / "pipeline"
    for rel in ("bodies/stage.py", "bodies/tokens.py", "lang/symbols.py", "read/normalization.py",
                "graph/explorer.py", "graph/explorer_assets/page.html", "mystery.py", "extract.py"):
        assert (pkg / rel).is_file(), rel
    assert not (pkg / "bodies.py").exists() and not (pkg / "scanrender.py").exists()
    assert (flat_repo / "tests" / "support" / "scanrender.py").is_file()

    stage = (pkg / "bodies" / "stage.py").read_text(encoding="utf-8")
    assert "from pipeline.bodies.tokens import tokenize" in stage
    assert "from pipeline.lang.symbols import _fold" in stage          # a private name: from its module
    assert "see `bodies/tokens.py` and `pipeline.lang.symbols`" in stage
    extract = (pkg / "extract.py").read_text(encoding="utf-8")
    assert "from . import bodies\n" in extract                          # the package exports bodies_stage
    assert "from .read import normalize" in extract
    assert '.parent.parent.parent / "models"' in (pkg / "read" / "normalization.py").read_text(encoding="utf-8")
    init = (pkg / "bodies" / "__init__.py").read_text(encoding="utf-8")
    assert "from .stage import bodies_stage" in init and '__all__ = ["bodies_stage"]' in init

    test = (flat_repo / "tests" / "test_it.py").read_text(encoding="utf-8")
    assert "from pipeline.bodies import stage as B" in test           # B._fold: a private name
    assert "from tests.support.scanrender import render" in test
    assert '"pipeline.bodies.stage.tokenize"' in test
    nb = (flat_repo / "notebooks" / "n.ipynb").read_text(encoding="utf-8")
    assert "from pipeline.lang.symbols import parse_symbol" in nb and "%matplotlib inline" in nb
    assert "Uses `pipeline.lang.symbols`." in nb
    toml = (flat_repo / "pyproject.toml").read_text(encoding="utf-8")
    assert '"pipeline.graph" = ["explorer_assets/*"]' in toml and '"pipeline.bodies",' in toml
    readme = (flat_repo / "README.md").read_text(encoding="utf-8")
    assert "| `pipeline/bodies/` |" in readme and "See `pipeline.bodies.stage`." in readme

    tests = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/test_it.py"],
                           cwd=flat_repo, capture_output=True, text=True, timeout=300,
                           env={**os.environ, "PYTHONPATH": str(flat_repo)})
    assert tests.returncode == 0, tests.stdout[-3000:]

    again = relayout(flat_repo)
    assert again.returncode == 2 and "laid out" in again.stderr


def test_report_lists_private_crossings_and_long_functions(flat_repo: Path, tmp_path_factory):
    long_body = "\n".join(f"    x{i} = {i}" for i in range(70))
    (flat_repo / "pipeline" / "bodies_tokens.py").write_text(
        f"def tokenize(text):\n{long_body}\n    return text.split()\n", encoding="utf-8")
    report = tmp_path_factory.mktemp("r") / "report.md"
    run = relayout(flat_repo, "--report", str(report))
    assert run.returncode == 0, run.stderr
    text = report.read_text(encoding="utf-8")
    assert "| `_fold` | `pipeline.lang.symbols` | `pipeline/bodies/stage.py:3` | `fold` |" in text
    assert "`tokenize` | `pipeline/bodies/tokens.py:1`" in text
