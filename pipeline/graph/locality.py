"""Document identity, locality: the province or city an issuer phrase, a citing sentence or a whole
text names (through the gazetteer, `pipeline.lang.gazetteer`), the unit below province level an issuer
names (`thành ủy Gia Nghĩa`), and the provinces merged into one on 2025-07-01."""
from __future__ import annotations

import datetime
import functools
import re

from .. import regexes
from ..lang import Symbol, fold
from ..lang import symbols as _symbols

try:  # the gazetteer canonicalises province names ('TP.HCM' -> 'Hồ Chí Minh'); optional
    from ..lang import gazetteer as _gaz
except Exception:  # pragma: no cover - gazetteer data missing
    _gaz = None

MERGER_DATE = datetime.date(2025, 7, 1)

_SUBLOC = regexes.compile(r"(?<!\w)(?i:thành ủy|thị ủy|huyện ủy|quận ủy|huyện|quận|thị xã|thành phố|tp\.?|xã|phường|"
                          r"thị trấn)\s+((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝỦỨỪ][\w'-]*\s*)+)")


def _province(text: str | None, date: str | None = None) -> str | None:
    """Canonical province name found in `text` (units of one name before and after 2025 share it,
    so the date does not matter)."""
    return _province_name(text) if text else None


def issuer_locality(text: str | None) -> str | None:
    """The province or city an issuer phrase names, as the gazetteer names it (`UBND TP. Hồ Chí
    Minh` -> `Hồ Chí Minh`, `TỈNH ỦY KON TUM` -> `Kon Tum`); None when it names none."""
    return _province(text)


# A province's name after one of these words names a commune or district of that name (`xã Quảng
# Ninh` of Quảng Bình), not the province.
_SUB_UNIT_BEFORE = regexes.compile(r"(?:^|\s)(?:xa|phuong|huyen|quan|thi tran|thi xa|dac khu)\s*$")


@functools.lru_cache(maxsize=65536)
def _province_name(text: str) -> str | None:
    """The longest province name in `text` that is no commune's or district's name there."""
    if _gaz is None:
        return None
    try:
        idx, rx = _gaz._province_index()
    except Exception:  # pragma: no cover - gazetteer data problem
        return None
    folded = fold(text)
    best = None
    for m in rx.finditer(folded):
        if _SUB_UNIT_BEFORE.search(folded[:m.start()]):
            continue
        if best is None or len(m.group(0)) > len(best):
            best = m.group(0)
    units = idx.get(best) if best else None
    return _gaz._latest(units).name if units else None


@functools.lru_cache(maxsize=65536)
def _sub_locality(text: str | None) -> str | None:
    """'Ban Thường vụ thành ủy Gia Nghĩa' -> 'Gia Nghĩa' (a named unit below or at province level)."""
    if not text:
        return None
    for m in _SUBLOC.finditer(text):
        name = m.group(1).strip()
        words = name.split()[:4]
        if words:
            return " ".join(words)
    return None


_KIND_CITY = regexes.compile(r"\b(thanh pho|thanh uy|tp)\b")
_KIND_PROVINCE = regexes.compile(r"\b(tinh|tinh uy)\b")


@functools.lru_cache(maxsize=4096)
def _predecessors(province: str, issuer_text: str | None = None) -> tuple[str, ...]:
    """Old provinces merged into `province` on 2025-07-01 (itself included when it kept the name);
    an issuer phrase saying `tỉnh` / `Tỉnh ủy` or `thành phố` / `Thành ủy` keeps those of that kind."""
    if _gaz is None:
        return ()
    try:
        units = [p for p in _gaz.provinces() if p.successor == province and p.valid_to and p.valid_to < MERGER_DATE]
    except Exception:  # pragma: no cover
        return ()
    f = fold(issuer_text)
    kind = "thành phố" if _KIND_CITY.search(f) else "tỉnh" if _KIND_PROVINCE.search(f) else None
    if kind and len(units) > 1:
        units = [p for p in units if p.kind == kind] or units
    return tuple(sorted({p.name for p in units}))


# The committee word of a sub-province Party code, as a citing sentence names it (`Ban Thường vụ
# thành ủy Gia Nghĩa đã ban hành Chỉ thị số 22-CT/ThU`).
_SUB_COMMITTEE = {"THU": r"thành ủy|thành uỷ|thị ủy|thị uỷ", "HU": r"huyện ủy|huyện uỷ", "QU": r"quận ủy|quận uỷ"}
_CAP_NAME = r"((?:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈÍÌÓÒÚÙÝỦỨỪ][\w'-]*\s*){1,4})"


# A unit word and the capitalised name after it (`tỉnh Bắc Giang`, `Thành phố Hồ Chí Minh`, `TP.HCM`):
# matched on the raw text, so that only these short phrases are folded and looked up.
_UNIT_AND_NAME = regexes.compile(r"[Tt](?<!\w[Tt])(?:ỉnh|ỈNH|hành\s+phố|HÀNH\s+PHỐ|P\.?\s?)\s*"
                                 r"[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ][^\s,.;:()“”\"]*"
                                 r"(?:[ \t]+[-–]?[ \t]*[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ]"
                                 r"[^\s,.;:()“”\"]*){0,4}")


def provinces_named(text: str | None) -> list[str]:
    """Provinces and cities `text` names with their unit word (`tỉnh Bắc Giang`, `thành phố Hồ Chí
    Minh`, `TP.HCM`), most named first: a bare name (`tư tưởng Hồ Chí Minh`) does not count."""
    counts = provinces_counted(text)
    return sorted(counts, key=lambda n: -counts[n])


def provinces_counted(text: str | None) -> dict[str, int]:
    """How many times `text` names each province or city with its unit word."""
    if not text or _gaz is None:
        return {}
    idx, rx = _gaz._province_index()
    counts: dict[str, int] = {}
    for m in _UNIT_AND_NAME.finditer(text):
        hit = rx.match(fold(m.group(0)))
        units = idx.get(hit.group(0)) if hit else None
        if units:
            name = _gaz._latest(units).name
            counts[name] = counts.get(name, 0) + 1
    return counts


def _sentence_locality(sym: Symbol, code: str, sentence: str | None) -> tuple[str | None, str | None]:
    """(province, sub-province unit) a citing sentence gives a local issuer: the one province it
    names with a unit word; for `ThU`/`HU`/`QU` the unit after its committee word."""
    if not sentence:
        return None, None
    sub = None
    if code in _SUB_COMMITTEE:
        m = re.search(rf"(?<!\w)(?i:{_SUB_COMMITTEE[code]})\s+{_CAP_NAME}", sentence)
        sub = " ".join(m.group(1).split()) if m else None
    named = provinces_named(sentence)
    return (named[0] if len(named) == 1 else None), sub


@functools.lru_cache(maxsize=1)
def _company_re() -> re.Pattern:
    words = _symbols.issuer_facts().get("company", {}).get("words", [])
    alternation = "|".join(re.escape(w) for w in words) or "(?!)"
    return regexes.compile(rf"\s*(?:{alternation})(?!\w)", re.IGNORECASE)


@functools.lru_cache(maxsize=65536)
def is_company(issuer_text: str | None) -> bool:
    """Does the issuer phrase name a business (models/issuer_codes.toml [company]), whose name says
    no locality and whose code no public body's?"""
    return bool(issuer_text) and bool(_company_re().match(issuer_text))


@functools.lru_cache(maxsize=4096)
def province_cut_short(name: str | None) -> str | None:
    """The one province whose name `name` is the beginning of (`Hồ Chí` of a text that dropped
    `Minh`): a unit name the text cut short, not a unit of its own; None otherwise."""
    f = fold(name)
    if not f or _gaz is None or len(f) < 4:
        return None
    try:
        idx, _ = _gaz._province_index()
    except Exception:  # pragma: no cover - gazetteer data problem
        return None
    hits = {_gaz._latest(units).name for k, units in idx.items() if k != f and k.startswith(f + " ")}
    return hits.pop() if len(hits) == 1 else None
