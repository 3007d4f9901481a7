"""Enumeration markers that open a paragraph: what kind of item a paragraph is, and its label.

Markers follow NĐ 30/2020 (Phần/Chương/Mục, Điều, khoản `1.`, điểm `a)`) and Party habits (`I-`,
`1-`, then `a)`, `-`, `+`).  `1.2.` is a kind of its own (two-part decimal) so it nests under `1.`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import Final

from .. import regexes
from .facts import _facts
from .inline import _CAPITALS, MARKER_SPAN

_ROMAN: Final = _facts()["marker_parts"]["ROMAN"]         # a Roman numeral up to XCIX


@cache
def _marker_table() -> tuple[list[tuple[str, re.Pattern]], re.Pattern]:
    """The markers of models/tasks.toml `[[markers]]`, in the order they are tried, and all of them in
    one pattern whose group `m<i>` says the first that matches: most paragraphs open with none, and
    one test says so; the others are tried from the first that matches."""
    facts = _facts()
    parts = {**facts["marker_parts"], "CAPITALS": _CAPITALS}
    table = []
    for row in facts["markers"]:
        pattern = "".join(row["pattern"])
        for name, value in parts.items():
            pattern = pattern.replace("{" + name + "}", value)
        table.append((row["kind"], regexes.compile(pattern)))
    any_marker = regexes.compile("|".join(f"(?P<m{i}>{re.sub(r'[(][?]P<[vw]>', '(?:', rx.pattern)})"
                                     for i, (_, rx) in enumerate(table)))
    return table, any_marker




@dataclass
class Marker:
    kind: str
    label: str
    end: int          # offset in the paragraph where the item's own text starts

    # (written out, the one the dataclass would make: compiled (mypyc), a generated `__init__` runs interpreted)
    def __init__(self, kind: str, label: str, end: int) -> None:
        self.kind = kind
        self.label = label
        self.end = end





def parse_marker(text: str) -> Marker | None:
    """The enumeration marker that opens a paragraph, or None."""
    if len(text) > MARKER_SPAN:
        # what opens a paragraph decides (a marker alone must be the whole paragraph, and is short):
        # the head of a long paragraph reads the same, and heads repeat across the stages' questions
        text = text[:MARKER_SPAN]
    return _parse_head(text)


@lru_cache(maxsize=8192)
def _parse_head(text: str) -> Marker | None:
    markers, any_marker = _marker_table()
    first = any_marker.match(text)
    group = first.lastgroup if first else None      # (each alternative is a group: a match names one)
    for kind, rx in (markers[int(group[1:]):] if group else ()):
        m = rx.match(text)
        if not m:
            continue
        label = text[:m.end()].strip()
        if kind == "decimal":
            parts = _DECIMAL_DOT.split(m.group("v") or m.group("w"))
            kind = f"decimal{len(parts)}"
            if len(parts) == 1 and _FIGURE.match(text):
                continue          # 2.000 người, 1.5 lần: a number, not a marker
        if kind == "romandec":
            kind = f"romandec{m.group('v').count('.')}"
        if kind == "roman" and m.group("v") in ("C", "L", "D", "M"):
            continue
        return Marker(kind, label, m.end())
    m = _ALONE_RE.fullmatch(text.strip())
    if m:
        # `Điều 5`, `Mục 1`, `Chương II` alone on a line, without the period (a heading's own line)
        return Marker(_ALONE_KIND[m.group("k").lower()], m.group(0), len(text))
    return None


_DECIMAL_DOT: Final = regexes.compile(r"\s?\.\s?")
_FIGURE: Final = regexes.compile(r"\d{1,2}\s*[.)]\s*\d")
_ALONE_RE: Final = regexes.compile(
    rf"(?P<k>ĐIỀU|Điều|MỤC|Mục|CHƯƠNG|Chương|PHẦN|Phần)\s+(?:\d{{1,3}}|(?=[IVXL])(?:{_ROMAN}))")
_ALONE_KIND: Final = {"điều": "article", "mục": "section", "chương": "chapter", "phần": "part"}
