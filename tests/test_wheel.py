"""chithi as a user installs it: a wheel built from this checkout, installed into a fresh virtual
environment that sees the installed dependencies but not this checkout, runs `chithi extract` and the
README's library example from a folder outside the repository.

The build is offline (`--no-build-isolation`: the setuptools of the running environment builds it).
"""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from .conftest import ROOT

DOC = "Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng chống thiên tai\n1. Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024.\n"
# What a checkout holds that a wheel is built from (a copy, so that no build/ is left in the checkout).
BUILD_INPUTS = ("pyproject.toml", "setup.py", "README.md", "pipeline", "models")
# What a build leaves in a checkout (compiled modules, README: "Compiled stages"): not copied, as git has none
BUILT = ("__pycache__", "*.pyc", "*.so", "compiled.json")


def _run(cmd: list, **kw) -> subprocess.CompletedProcess:
    r = subprocess.run([str(c) for c in cmd], capture_output=True, text=True, timeout=300, **kw)
    command = " ".join(map(str, cmd))
    assert r.returncode == 0, f"{command} exited {r.returncode}:\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}"
    return r


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> dict:
    """A fresh venv with the wheel installed: its python, its `chithi`, a work folder outside the repo
    and the environment to run them in (no PYTHONPATH, so the checkout is not on the path)."""
    tmp = tmp_path_factory.mktemp("wheel")
    src = tmp / "src"
    src.mkdir()
    for name in BUILD_INPUTS:
        p = ROOT / name
        if p.is_dir():
            shutil.copytree(p, src / name, ignore=shutil.ignore_patterns(*BUILT))
        else:
            shutil.copy2(p, src / name)
    dist = tmp / "dist"
    import setuptools

    major = int(setuptools.__version__.split(".")[0])
    assert major >= 77, f"setuptools {setuptools.__version__} cannot build chithi (needs >= 77, the dev extra has it)"
    _run([sys.executable, "-m", "pip", "wheel", src, "--no-deps", "--no-build-isolation", "--no-index",
          "-q", "-w", dist])
    wheels = list(dist.glob("chithi-*.whl"))
    assert len(wheels) == 1, wheels

    venv = tmp / "venv"
    _run([sys.executable, "-m", "venv", "--without-pip", venv])
    py = venv / "bin" / "python"
    site = Path(_run([py, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"]).stdout.strip())
    # The dependencies: this environment's site-packages, on the path through a .pth line. Python does
    # not read the .pth files of a folder added this way, so an editable install of the checkout there
    # (its finder is started by a .pth file) stays out of the fresh venv.
    (site / "chithi-deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    _run([sys.executable, "-m", "pip", "--python", py, "install", "-q", "--no-deps", "--no-index", wheels[0]])

    work = tmp / "work"
    work.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV")}
    return {"python": py, "chithi": venv / "bin" / "chithi", "site": site, "work": work, "env": env}


def test_the_wheel_is_what_runs(installed):
    probe = ("import sys, pipeline, pipeline.resources as r; print(pipeline.__file__); print(r.models_dir()); "
             "print(sum(m.startswith('__editable__') for m in sys.modules))")
    r = _run([installed["python"], "-c", probe], cwd=installed["work"], env=installed["env"])
    package_file, models, editable_finders = r.stdout.split()
    assert Path(package_file).is_relative_to(installed["site"]), package_file
    assert editable_finders == "0"      # the .pth files of the dependencies' folder were not run
    assert Path(models) == installed["site"] / "pipeline" / "models"
    assert (Path(models) / "gazetteer" / "organs.tsv").is_file()


def test_chithi_extract_from_the_wheel(installed):
    doc = installed["work"] / "chi-thi.txt"
    doc.write_text(DOC, encoding="utf-8")
    r = _run([installed["chithi"], "extract", doc.name], cwd=installed["work"], env=installed["env"])
    records = [json.loads(line) for line in r.stdout.splitlines()]
    assert len(records) == 1
    rec = records[0]
    assert rec["header"]["symbol"] == "12/CT-UBND" and rec["header"]["doc_type"] == "Chỉ thị"
    assert [t["path"] for t in rec["tasks"]] == ["1"]
    assert [b["name"] for b in rec["tasks"][0]["bodies"]] == ["Sở Nội vụ"]
    assert [d["text"] for d in rec["tasks"][0]["deadlines"]] == ["trước ngày 15/6/2024"]


def test_readme_library_example_with_the_wheel(installed):
    readme = installed["work"] / "README.md"
    shutil.copy2(ROOT / "README.md", readme)
    r = _run([installed["python"], "-m", "doctest", "-v", "-o", "NORMALIZE_WHITESPACE", "-o", "ELLIPSIS", readme.name],
             cwd=installed["work"], env=installed["env"])
    assert "Test passed." in r.stdout and " 0 failed" in r.stdout, r.stdout[-2000:]
    assert "from pipeline import extract" in r.stdout


def test_demo_from_the_wheel_names_what_is_missing(installed):
    # The sample corpus comes with a source checkout only: the installed command says so and exits 2.
    r = subprocess.run([str(installed["chithi"]), "demo", "-o", "out"], capture_output=True, text=True, timeout=300,
                       cwd=installed["work"], env=installed["env"])
    assert r.returncode == 2, r.stderr
    assert "source checkout" in r.stderr and not (installed["work"] / "out").exists()
