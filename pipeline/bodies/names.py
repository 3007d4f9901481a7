"""Canonical names of bodies: abbreviations expanded, the organ valid on the document's date
(successor after a merger) and the locality added to province-level organs.
"""
from __future__ import annotations

import datetime
import functools
import re

from pipeline.bodies.gazetteer import abbreviations, organs
from pipeline.lang.gazetteer import as_date, find_province, fold, province_on, provinces

_LEVEL_TAIL = re.compile(r"(?<!cấp)\s(tỉnh|thành phố|Thành phố|Tỉnh)$")
_PARTY_TAIL = re.compile(r"(Tỉnh ủy|Thành ủy|Tỉnh uỷ|Thành uỷ|Tỉnh đoàn|Thành đoàn)$")


def _expand(name: str) -> str:
    ab = abbreviations()
    words = []
    for w in re.split(r"(\s+)", name):
        words.append(ab.get(w, w) if w.strip() else " ")
    s = re.sub(r"\s+", " ", "".join(words)).strip()
    s = s.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    return s


@functools.cache
def _folded_provinces():
    """Each province with its folded name between spaces (as a whole-word test reads it)."""
    return [(f" {fold(p.name)} ", p) for p in provinces()]


@functools.lru_cache(maxsize=8192)
def canonical_name(name: str, organ: str | None = None, locality: str | None = None,
                   doc_date: datetime.date | str | None = None) -> str:
    """`name` with abbreviations expanded, the organ valid on `doc_date` (successor after a merger)
    and the locality added to province-level organs (`UBND tỉnh` -> `Ủy ban nhân dân tỉnh Tiền Giang`)."""
    d = as_date(doc_date)
    base = _expand(name)
    if organ and organ in organs():
        o = organs()[organ]
        # the organ valid on the document's date
        seen = 0
        while d and o.valid_to and d > o.valid_to and o.successor and o.successor in organs() and seen < 4:
            o = organs()[o.successor]
            seen += 1
        if fold(base) == fold(_expand(organ)) or organ != o.name or len(organ) >= len(base):
            base = o.name
    # an explicit province: the unit valid on the date
    fb = f" {fold(base)} "
    cands = [p for fn, p in _folded_provinces() if fn in fb]
    if cands:
        p = max(cands, key=lambda p: len(p.name))
        q = province_on(p.name, d) if d else None
        if q is not None and q.name != p.name:
            base = re.sub(rf"((tỉnh|thành phố|Thành phố|TP\.?)\s+)?{re.escape(p.name)}", q.full_name, base)
        return base
    if not locality:
        return base
    p = province_on(locality, d) if d else find_province(locality)
    if p is None:
        return base
    low = base.lower()
    if low.startswith("các ") or low.startswith("những "):
        return base
    if _LEVEL_TAIL.search(base):
        lvl = _LEVEL_TAIL.search(base).group(1).lower()
        if (lvl == "tỉnh") == (p.kind == "tỉnh") or lvl == "tỉnh":
            return _LEVEL_TAIL.sub(" " + p.full_name, base)
        return base
    if _PARTY_TAIL.search(base):
        return f"{base} {p.name}"
    if organ and organ in organs() and organs()[organ].level == "province":
        return f"{base} {p.full_name}"
    if re.match(r"(Sở|Công an|Bộ Chỉ huy|Ban Quản lý)\s", base):
        return f"{base} {p.full_name}"
    return base
