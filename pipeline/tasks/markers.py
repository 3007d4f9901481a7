"""Enumeration markers that open a paragraph: what kind of item a paragraph is, and its label.

Markers follow NĐ 30/2020 (Phần/Chương/Mục, Điều, khoản `1.`, điểm `a)`) and Party habits (`I-`,
`1-`, then `a)`, `-`, `+`).  `1.2.` is a kind of its own (two-part decimal) so it nests under `1.`.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from .inline import _CAPITALS, MARKER_SPAN

_ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ORDINALS = "nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười"
_MARKERS = [
    # (kind, regex) — the regex matches the marker at the start of a paragraph; group "v" is the value.
    ("part", re.compile(rf"^(?:PHẦN|Phần)\s+(?P<v>(?=[IVXL])(?:{_ROMAN})|\d{{1,2}}|THỨ\s+[A-ZÀ-ỸĐ]+|thứ\s+\w+)"
                        r"\s*[.:\-–]?\s*")),
    ("chapter", re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<v>(?=[IVXL])(?:{_ROMAN})|\d{{1,2}})\s*[.:\-–]?\s*")),
    # `Mục 1 PHỐI HỢP ...`: a heading joined to its caps title has no punctuation (`Mục 2 Phần I` is prose)
    ("section", re.compile(rf"^(?:MỤC|Mục)\s+(?P<v>(?=[IVXL])(?:{_ROMAN})|\d{{1,2}})"
                           rf"(?:\s*[.:\-–]\s*|\s+(?=[{_CAPITALS}]{{2}}))")),
    ("article", re.compile(r"^(?:ĐIỀU|Điều)\s+(?P<v>\d{1,3})\s*[.:\-–]\s*")),
    # `I.1.`, `II.2.1`: a Roman heading's own decimal children (`romandec1` under `I.`)
    ("romandec", re.compile(rf"^(?P<v>(?=[IVXL])(?:{_ROMAN})(?:\.\d{{1,2}}){{1,3}})\.?\s+(?=\S)")),
    ("roman", re.compile(rf"^(?P<v>(?=[IVXL])(?:{_ROMAN}))\s*[.\-–)/]\s*(?=\S)")),
    # `1/ Tăng cường`, `a/ Rà soát` (Party habit); `48/ NQ-CP` is a symbol's number wrapped to a line start
    ("decimal", re.compile(r"^(?P<v>\d{1,2}(?:[ \t]?\.[ \t]?\d{1,2}){0,4})"
                           r"(?:\s*[.)]|\s*[-–](?=\s)|/\s*(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ]))\s*(?=[^\d\s])"
                           r"|^(?P<w>\d{1,2}(?:\.\d{1,2}){1,4})\s+(?=[A-ZÀ-ỸĐ])")),
    ("letter", re.compile(r"^(?P<v>[a-zđ])\s?(?:[).]|/(?=\s*[A-ZĐÀ-Ỹ][a-zđà-ỹ]))\s*(?=\S)")),
    ("upper", re.compile(r"^(?P<v>[A-HK])\s?[.)]\s+(?=[A-ZÀ-ỸĐ])")),
    ("paren", re.compile(r"^\(\s?(?P<v>\d{1,2})\s?\)\s*")),
    ("paren_letter", re.compile(r"^\(\s?(?P<v>[a-zđ])\s?\)\s*")),
    ("circled", re.compile(r"^(?P<v>[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe])\s*")),
    ("ordinal", re.compile(rf"^(?P<v>Thứ\s+(?:{_ORDINALS}))\s*[,:.]\s*")),
    ("dash", re.compile(r"^(?P<v>[-–—])\s*(?=\S)")),
    ("plus", re.compile(r"^(?P<v>\+)\s*(?=\S)")),
    ("dot", re.compile(r"^(?P<v>[•·●○■□▪➢✓*\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e])\s*(?=\S)")),
]




@dataclass
class Marker:
    kind: str
    label: str
    end: int          # offset in the paragraph where the item's own text starts



# every marker of `_MARKERS` in one pattern: most paragraphs open with none, and one test says so
_ANY_MARKER = re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[vw]>', '(?:', rx.pattern)})" for _, rx in _MARKERS))


def parse_marker(text: str) -> Marker | None:
    """The enumeration marker that opens a paragraph, or None."""
    if len(text) > MARKER_SPAN:
        # what opens a paragraph decides (a marker alone must be the whole paragraph, and is short):
        # the head of a long paragraph reads the same, and heads repeat across the stages' questions
        text = text[:MARKER_SPAN]
    return _parse_head(text)


@lru_cache(maxsize=8192)
def _parse_head(text: str) -> Marker | None:
    for kind, rx in (_MARKERS if _ANY_MARKER.match(text) else ()):
        m = rx.match(text)
        if not m:
            continue
        label = text[:m.end()].strip()
        if kind == "decimal":
            parts = re.split(r"\s?\.\s?", m.group("v") or m.group("w"))
            kind = f"decimal{len(parts)}"
            if len(parts) == 1 and re.match(r"\d{1,2}\s*[.)]\s*\d", text):
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


_ALONE_RE = re.compile(rf"(?P<k>ĐIỀU|Điều|MỤC|Mục|CHƯƠNG|Chương|PHẦN|Phần)\s+(?:\d{{1,3}}|(?=[IVXL])(?:{_ROMAN}))")
_ALONE_KIND = {"điều": "article", "mục": "section", "chương": "chapter", "phần": "part"}
