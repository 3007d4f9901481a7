"""Gazetteer of Vietnamese administrative units and organs, loaded from `models/gazetteer/`.

Provinces (`provinces.tsv`): the 63 provincial-level units before the 2025 merger (valid until
2025-06-30; Thừa Thiên Huế until 2024-12-31, then the centrally-run city Huế) and the 34 units from
2025-07-01.  Each old unit names its `successor` (the new unit of that name).

Organs (`organs.tsv`, `collectives.tsv`, `abbreviations.tsv`): see `models/gazetteer/CARD.md`.

All look-ups are accent- and case-insensitive (`fold`).
"""
from __future__ import annotations

import csv
import datetime
import functools
import re
from dataclasses import dataclass, field

from .. import regexes
from ..resources import models_dir, open_model
from .symbols import fold  # noqa: F401  (the one fold of names, re-exported)

GAZETTEER_DIR = models_dir() / "gazetteer"   # read its tables with `open_model`



def _date(s: str) -> datetime.date | None:
    s = (s or "").strip()
    return datetime.date.fromisoformat(s) if s else None


def as_date(d: datetime.date | str | None) -> datetime.date | None:
    """A date from a date or an ISO `YYYY-MM-DD` string; None for None or what does not parse."""
    if d is None or isinstance(d, datetime.date):
        return d
    try:
        return datetime.date.fromisoformat(str(d)[:10])
    except ValueError:
        return None


def read_tsv(name: str) -> list[dict[str, str]]:
    """Rows of a gazetteer TSV (header line first; lines starting with '#' are comments)."""
    with open_model(f"gazetteer/{name}", encoding="utf-8", newline="") as f:
        lines = [ln for ln in f if ln.strip() and not ln.startswith("#")]
    return [{k: (v or "").strip() for k, v in row.items()}
            for row in csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE)]


@dataclass(frozen=True)
class Province:
    code: str
    name: str                       # 'Tiền Giang', 'Hồ Chí Minh', 'Huế'
    kind: str                       # 'tỉnh' | 'thành phố'
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str | None           # name of the unit it became on valid_to + 1 day
    aliases: tuple[str, ...] = field(default=())

    @property
    def full_name(self) -> str:
        """'tỉnh Tiền Giang', 'thành phố Hồ Chí Minh'."""
        return f"{self.kind} {self.name}"

    def valid_on(self, d: datetime.date | None) -> bool:
        if d is None:
            return self.valid_to is None
        return (self.valid_from is None or self.valid_from <= d) and (self.valid_to is None or d <= self.valid_to)


@functools.cache
def provinces() -> list[Province]:
    """Every province of models/provinces.tsv with its aliases (read once)."""
    out = []
    for r in read_tsv("provinces.tsv"):
        name = r["name"]
        extra = [a.strip() for a in r.get("aliases", "").split(";") if a.strip()]
        al = [name, f"{r['kind']} {name}", *extra]
        if r["kind"] == "thành phố":
            al += [f"TP {name}", f"TP. {name}", f"TP.{name}"]
        out.append(Province(r["code"], name, r["kind"], _date(r["valid_from"]), _date(r["valid_to"]),
                            r["successor"] or None, tuple(dict.fromkeys(al))))
    return out


@functools.cache
def _province_index() -> tuple[dict[str, list[Province]], re.Pattern]:
    idx: dict[str, list[Province]] = {}
    for p in provinces():
        for a in p.aliases:
            k = fold(a)
            if k and p not in idx.setdefault(k, []):
                idx[k].append(p)
    keys = sorted(idx, key=len, reverse=True)
    rx = regexes.compile(r"(?<![0-9a-z])(?:" + "|".join(re.escape(k) for k in keys) + r")(?![0-9a-z])")
    return idx, rx


def _latest(units: list[Province]) -> Province:
    return max(units, key=lambda p: (p.valid_to is None, p.valid_to or datetime.date.max,
                                     p.valid_from or datetime.date.min))


def province_candidates(text: str) -> list[Province]:
    """Every unit whose name (or alias) is the longest name found in `text` (old and new alike)."""
    idx, rx = _province_index()
    best = None
    for m in rx.finditer(fold(text)):
        if best is None or len(m.group(0)) > len(best):
            best = m.group(0)
    return list(idx.get(best, [])) if best else []


def find_province(text: str, date: datetime.date | str | None = None) -> Province | None:
    """The province/city named in a short string ('TỈNH TIỀN GIANG', 'TPHCM', 'thành phố Cần Thơ').

    With several units of that name (Lào Cai before and after 2025-07-01) the latest is returned,
    or with `date` the one valid then (see `province_on`, which also follows merges)."""
    units = province_candidates(text)
    if not units:
        return None
    d = as_date(date)
    if d is not None:
        for p in units:
            if p.valid_on(d):
                return p
    return _latest(units)


def _by_name(name: str) -> list[Province]:
    return [p for p in provinces() if p.name == name]


@functools.lru_cache(maxsize=4096)     # (every body of a document asks it the same; `chithi bench` empties it)
def province_on(name: str, date: datetime.date | str | None) -> Province | None:
    """The unit that `name` denotes on `date`: itself while valid, its successor after a merge
    (Tiền Giang on 2025-08-01 -> Đồng Tháp), its predecessor before it existed (Huế in 2020 ->
    Thừa Thiên Huế).  `date=None` means today's map (the latest successor)."""
    units = province_candidates(name)
    if not units:
        return None
    d = as_date(date)
    for p in units:
        if p.valid_on(d):
            return p
    if d is None:
        p = _latest(units)
        seen = set()
        while p.valid_to is not None and p.successor and (p.name, p.valid_to) not in seen:
            seen.add((p.name, p.valid_to))
            nxt = [q for q in _by_name(p.successor) if q.valid_from and q.valid_from > p.valid_to]
            if not nxt:
                break
            p = min(nxt, key=lambda q: q.valid_from)
        return p
    # follow successors forward while the date is later than the unit's end
    p = min(units, key=lambda q: q.valid_from or datetime.date.min)
    if p.valid_from is None or d >= p.valid_from:
        p = _latest([q for q in units if q.valid_from is None or q.valid_from <= d])
        for _ in range(5):
            if p.valid_on(d) or not p.successor or p.valid_to is None:
                break
            nxt = [q for q in _by_name(p.successor) if q.valid_from and q.valid_from > p.valid_to]
            if not nxt:
                break
            p = min(nxt, key=lambda q: q.valid_from)
        return p if p.valid_on(d) else None
    # before the unit existed: the unique predecessor valid then
    names = {q.name for q in units}
    preds = [q for q in provinces() if q.successor in names and q.valid_on(d) and q.name not in names]
    return preds[0] if len(preds) == 1 else None


_JOIN = regexes.compile(r"(\w+)\s+[-–]\s+(\w+)")


@functools.cache
def hyphen_joins() -> frozenset[tuple[str, str]]:
    """(word before, word after) of every ` - ` inside a name of the gazetteer (`Lao động - Thương binh`,
    `Bà Rịa - Vũng Tàu`) or a compound written with one (`kinh tế - xã hội`), in lowercase: a line wrapped
    at that dash continues the name, it opens no bullet."""
    names: list[str] = []
    for table, cols in (("organs.tsv", ("name", "aliases")), ("provinces.tsv", ("name", "aliases")),
                        ("abbreviations.tsv", None), ("dash_compounds.tsv", ("phrase",))):
        for row in read_tsv(table):
            values = [row.get(c, "") for c in cols] if cols else list(row.values())
            names += [n for v in values for n in v.split(";")]
    return frozenset((a.lower(), b.lower()) for n in names for a, b in _JOIN.findall(n))
