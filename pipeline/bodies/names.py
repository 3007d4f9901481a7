"""Canonical names of bodies: abbreviations expanded, the organ valid on the document's date
(successor after a merger) and the locality added to province-level organs.
"""
from __future__ import annotations

import datetime
import functools
import re

from pipeline import regexes
from pipeline.bodies.gazetteer import abbreviations, organs
from pipeline.lang.gazetteer import as_date, find_province, fold, province_on, provinces

_LEVEL_TAIL = regexes.compile(r"(?<!cấp)\s(tỉnh|thành phố|Thành phố|Tỉnh)$")
_PARTY_TAIL = regexes.compile(r"(Tỉnh ủy|Thành ủy|Tỉnh uỷ|Thành uỷ|Tỉnh đoàn|Thành đoàn)$")


_SPACES = regexes.compile(r"\s+")


def _expand(name: str) -> str:
    """`name` with its abbreviations expanded word by word, spaces made single, `uỷ` spelt `ủy`."""
    ab = abbreviations()
    words = name.split()        # (the same white space as `\s`)
    expanded = [ab.get(w, w) for w in words]
    s = " ".join(expanded)
    if expanded != words:
        s = _SPACES.sub(" ", s).strip()     # an expansion's own spaces
    return s.replace("Uỷ", "Ủy").replace("uỷ", "ủy")


@functools.cache
def _folded_provinces() -> tuple[dict[str, list[tuple[int, str, object]]], list[tuple[int, str, object]]]:
    """Each province with its folded name between spaces (as a whole-word test reads it), by the first
    word of that name (a name can only be in a text that holds its first word), with its place in
    `provinces()`; and those whose folded name is empty (found anywhere)."""
    by_first: dict[str, list[tuple[int, str, object]]] = {}
    empty: list[tuple[int, str, object]] = []
    for k, p in enumerate(provinces()):
        f = fold(p.name)
        if f:
            by_first.setdefault(f.split(" ", 1)[0], []).append((k, f" {f} ", p))
        else:
            empty.append((k, f" {f} ", p))
    return by_first, empty


def _provinces_in(fb: str) -> list:
    """The provinces whose folded name is a run of whole words of `fb` (folded, between spaces), in the
    order of `provinces()`."""
    by_first, empty = _folded_provinces()
    found = [x for w in set(fb.split()) for x in by_first.get(w, ()) if x[1] in fb] + \
        [x for x in empty if x[1] in fb]
    return [p for _, _, p in sorted(found, key=lambda x: x[0])]


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
    cands = _provinces_in(fb)
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
        lvl = _LEVEL_TAIL.search(base).group(1).lower()  # type: ignore[union-attr]
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
