"""The package's data files: the fact tables of `models/` and the explorer's assets.

The tables live at the top level of the repository (`models/`, each with its card, where people read
them); the build carries them into the package as `pipeline/models/` (see `pyproject.toml`), so an
installed wheel finds them through `importlib.resources` like any package data. A source checkout or
an editable install has no `pipeline/models/`: there the top-level folder beside the package is read.
Every table is read through `read_model` (once per process, cached).

>>> b"[" in read_model("boilerplate.toml")
True
>>> "gazetteer" in [entry.name for entry in models_dir().iterdir()]
True
"""

from __future__ import annotations

import io
from functools import cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path


@cache
def models_dir() -> Traversable:
    """The folder of fact tables: `pipeline/models/` when installed, else the checkout's `models/`."""
    packaged = resources.files(__package__) / "models"
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parent.parent / "models"


@cache
def read_model(name: str) -> bytes:
    """The bytes of one table, `name` relative to `models/` (`"doctypes.toml"`, `"gazetteer/organs.tsv"`)."""
    entry = models_dir()
    for part in name.split("/"):
        entry = entry / part
    return entry.read_bytes()


def open_model(name: str, encoding: str | None = None, newline: str | None = None) -> io.IOBase:
    """A file object over one table: binary (for `tomllib.load`), or text when `encoding` is given."""
    data = read_model(name)
    if encoding is None:
        return io.BytesIO(data)
    return io.StringIO(data.decode(encoding), newline=newline)


def model_text(name: str) -> str:
    """The text (UTF-8) of one table."""
    return read_model(name).decode("utf-8")


@cache
def asset_text(name: str) -> str:
    """The text of one of the explorer page's assets (`pipeline/graph/explorer_assets/NAME`)."""
    return (resources.files(__package__) / "graph" / "explorer_assets" / name).read_text(encoding="utf-8")
