"""The facts of task segmentation (models/tasks.toml), compiled once."""
from __future__ import annotations

import re
import tomllib
from functools import cache

from .. import regexes
from ..resources import open_model


@cache
def _facts() -> dict:
    with open_model("tasks.toml") as f:
        data = tomllib.load(f)
    data["_not_items"] = regexes.compile(r"^(?:" + "|".join(data["not_items"]["patterns"]) + r")", re.I)
    data["_closing"] = regexes.compile(r"^(?:" + "|".join(data["closing"]["patterns"]) + r")", re.I)
    data["_closing_after"] = regexes.compile(r"^(?:" + "|".join(data["closing_after_items"]["patterns"]) + r")", re.I)
    data["_attachment"] = regexes.compile(r"^(?:" + "|".join(data["attachment"]["patterns"]) + r")")
    data["_attached_by"] = regexes.compile(r"(?:" + "|".join(data["attachment"]["attached_by"]) + r")", re.I)
    cols = data["table"]["columns"]
    data["_col"] = {k: regexes.compile("|".join(v), re.I) for k, v in cols.items()}
    return data
