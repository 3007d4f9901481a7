"""The house rules of issue 12, checked on the tree: what the README's layout table says matches the
package, modules and functions stay small, no private name crosses a subpackage, `ruff check` is clean."""
from __future__ import annotations

import ast
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "pipeline"
MODULE_MAX_LINES = 400


def subpackages() -> list[Path]:
    return sorted(p.parent for p in PACKAGE.glob("*/__init__.py") if p.parent.name != "models")


def readme_layout() -> dict[str, list[str]]:
    """`pipeline/<name>/` -> the modules its README row lists after `Modules:`."""
    rows = {}
    for line in (ROOT / "README.md").read_text(encoding="utf-8").splitlines():
        m = re.match(r"\| `pipeline/(\w+)/` \|.*Modules: ([^|]*)\|", line)
        if m:
            rows[m.group(1)] = sorted(re.findall(r"`(\w+)`", m.group(2).split("(+")[0]))
    return rows


def test_readme_layout_lists_every_subpackage_and_its_modules():
    listed = readme_layout()
    for pkg in subpackages():
        modules = sorted(p.stem for p in pkg.glob("*.py") if p.name != "__init__.py")
        assert listed.get(pkg.name) == modules, f"README's layout row for pipeline/{pkg.name}/"
    assert set(listed) == {p.name for p in subpackages()}


@pytest.mark.parametrize("path", sorted(PACKAGE.rglob("*.py")), ids=lambda p: str(p.relative_to(ROOT)))
def test_module_is_small(path):
    lines = path.read_text(encoding="utf-8").count("\n")
    assert lines <= MODULE_MAX_LINES, f"{path.relative_to(ROOT)} has {lines} lines: split it by phase"


def _imports_of(path: Path) -> list[tuple[str, str]]:
    """(absolute module, name) of every `from ... import name` in the file."""
    module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
    package = module.rsplit(".", 1)[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            target = ".".join(base + ([node.module] if node.module else [])) if node.level else node.module
            found.extend((target, a.name) for a in node.names)
    return found


def _subpackage(module: str) -> str:
    parts = module.split(".")
    return parts[1] if len(parts) > 2 else ""


def test_no_private_name_crosses_a_subpackage():
    crossings = []
    for path in PACKAGE.rglob("*.py"):
        here = _subpackage(".".join(path.relative_to(ROOT).with_suffix("").parts))
        for target, name in _imports_of(path):
            if target.startswith("pipeline") and name.startswith("_") and _subpackage(target) != here:
                crossings.append(f"{path.relative_to(ROOT)}: {name} from {target}")
    assert not crossings, crossings


def test_ruff_is_clean():
    ruff = shutil.which("ruff", path=str(Path(sys.executable).parent)) or shutil.which("ruff")
    assert ruff, "ruff is a dev dependency (pyproject.toml): `make install` installs it"
    run = subprocess.run([ruff, "check", "--output-format", "concise", str(ROOT)], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 0, run.stdout[-4000:]


FUNCTION_MAX_LINES = 60


def test_functions_fit_on_a_screen():
    long = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                lines = node.end_lineno - node.lineno + 1
                if lines > FUNCTION_MAX_LINES:
                    long.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name} ({lines} lines)")
    assert not long, long
