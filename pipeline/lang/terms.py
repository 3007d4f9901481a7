"""Party terms (nhiệm kỳ): the time scope of a Party symbol, by the level of the committee that
issues it (`party_level`) and the congress seasons of models/issuer_codes.toml `[[term]]`
(`party_term`, the one definition that graph keys and citation targets share)."""
from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from functools import lru_cache

from .. import regexes
from .codes import _dfold, _issuer_data

# --------------------------------------------------------------------------------------------------
# Party terms (nhiệm kỳ): the time scope of a Party symbol


PARTY_LEVELS = ("central", "provincial", "district", "grassroots", "youth-central", "youth")


@dataclass(frozen=True)
class _Season:
    start: _dt.date          # first day of the congress season (inclusive)
    end: _dt.date            # last day (inclusive)
    term: str                # the term that starts after it: "2020-2025"
    khoa: str | None = None  # the central committee's khóa of that term ("XIII")
    merged_from: _dt.date | None = None   # a merged organisation's term starts on this day


@lru_cache(maxsize=1)
def _party_terms() -> dict[str, tuple[tuple[_Season, ...], _dt.date | None]]:
    out = {}
    for t in _issuer_data()["term"]:
        seasons = tuple(sorted((_Season(x["from"], x["to"], x["term"], x.get("khoa"), x.get("merged_from"))
                                for x in t["seasons"]), key=lambda x: x.start))
        out[t["level"]] = (seasons, t.get("until"))
    return out


def party_level(issuer_code: str) -> str | None:
    """The level of the committee whose term numbers a Party symbol of `issuer_code` (the part after
    the type: `TU`, `BTGTU`, `ĐU`, `TW`, `TWĐTN-BTC`): one of PARTY_LEVELS.

    `/TW` and the central boards (`VPTW`, `BTCTW`) are central; `/HU`, `/QU`, `/ThU` and `/ĐUK`
    district; `/ĐU`, `/CB` grassroots; `/TWĐTN...` the Youth Union's centre, other `ĐTN` codes its
    local committees; every other Party code (`TU`, `VPTU`, `BCSĐ` ...) provincial.  `ĐH` (congress
    documents, a series of one congress) has no level: None."""
    first = _dfold(issuer_code.split("/")[0].split("-")[0]).strip()      # `DU` typed for `ĐU`
    if not first or first == "ĐH":
        return None
    if first.startswith("TWĐ"):
        return "youth-central"
    if "ĐTN" in first:
        return "youth"
    if first.endswith(("TW", "TƯ")):
        return "central"
    if first.endswith(("HU", "QU", "ĐUK")):          # HU, QU, ThU (THU), Đảng ủy Khối
        return "district"
    if first.endswith(("ĐU", "CB")):
        return "grassroots"
    return "provincial"


_KHOA_RE = regexes.compile(r"(?<!\w)kh(?:óa|oá|oa)\s+([XIVL]+)(?!\w)", re.IGNORECASE)


def khoa_in(text: str | None) -> str | None:
    """The Roman numeral of a `(khóa XII)` / `khoá XI` in `text`, upper-cased; None without one."""
    m = _KHOA_RE.search(text or "")
    return m.group(1).upper() if m else None


def party_term(level: str | None, date: _dt.date | str | None, *, merged: bool = False,
               khoa: str | None = None) -> str | None:
    """The committee term (`"2020-2025"`) of a Party document of a committee of `level` dated `date`.

    The one definition of term boundaries: graph keys (`pipeline.graph.build`) and citation targets
    (`pipeline.citations.stage`) both call it.  The table is data, models/issuer_codes.toml `[[term]]`:
    per level, the seasons in which its congresses are held.

    * A date inside a congress season gives None: the old committee and the new one both issue
      documents then (for the national congresses, the exact days: the term changes with the
      congress, `2021-02-01` is inside the XIII congress, `2021-02-02` in term 2021-2026).
    * Local congress seasons are conventions, wide enough for every committee of the level
      (provincial July..October, district and grassroots April..October of the congress year):
      a provincial document of 2020-06-30 is in 2015-2020, of 2020-11-01 in 2020-2025, of 2020-08-20
      unknown; central documents of 2020-08-20 are in 2016-2021 and of 2021-01-20 too.
    * `merged`: an organisation formed by the 2025-07-01 merger of provinces starts its term
      (2025-2030) that day.  District committees, abolished that day, have no term after it.
    * `khoa` (`"XII"`, from `(khóa XII)`) names a central term outright, whatever the date.
    * No date, a date before the table or from the nominal last year of the last term on: None.
    """
    table = _party_terms().get(level or "")
    if table is None:
        return None
    seasons, until = table
    if khoa and level == "central":
        k = khoa.strip().upper()
        for x in seasons:
            if x.khoa == k:
                return x.term
    if isinstance(date, str):
        try:
            date = _dt.date.fromisoformat(date[:10])
        except ValueError:
            return None
    if not isinstance(date, _dt.date):
        return None
    if until is not None and date > until:
        return None
    term = None
    for x in seasons:
        if date < x.start:
            return term                  # between two seasons (None before the first)
        if date <= x.end:
            return x.term if merged and x.merged_from is not None and date >= x.merged_from else None
        term = x.term
    # after the last season: its term, up to `until`, or else short of the term's nominal last year
    # (when the next congresses fall is not in the table)
    if until is None and date.year >= int(term[-4:]):
        return None
    return term
