"""Header stage: organ names, positions and titles in normal case (NĐ 30/2020 Phụ lục II), from the
`[casing]` table of models/header.toml."""
from __future__ import annotations

import re
from functools import cache

from .. import regexes
from ..lang import gazetteer
from .units import _SYLLABLE, _facts


@cache
def _casing() -> dict:
    c = _facts()["casing"]
    heads = [(tuple(h.split()), False) for h in c["field_heads"]] + \
        [(tuple(h.split()), True) for h in c["closed_heads"]]
    heads.sort(key=lambda h: -len(h[0]))
    fixed = sorted(c["fixed"], key=len, reverse=True)
    by_first: dict[str, list] = {}
    for h in heads:
        by_first.setdefault(h[0][0], []).append(h)
    places: dict[str, list[tuple[str, ...]]] = {}      # first word -> the place cues it opens, longest first
    for p in sorted(c["place_cues"], key=len, reverse=True):
        places.setdefault(p.split()[0], []).append(tuple(p.split()))
    return {"heads": heads, "by_first": by_first, "enders": frozenset(c["field_enders"]), "places": places,
            # (`đảng viên`, `đoàn viên` are members, not the Party or the Union; `cấp tỉnh ủy ban nhân dân` is
            # `tỉnh` and `ủy ban nhân dân`, no `Tỉnh ủy`, while `Tỉnh ủy ban hành` is the committee issuing)
            "fixed": _names_re(fixed, r"(?![\wĐđ])(?!\s+viên)(?!\s+ban\s+(?!hành))"),
            "fixed_map": {x.lower(): x for x in fixed},
            "syllable_words": frozenset(tuple(w.split()) for w in c["syllable_words"]),
            # (longest first: `Phó Cục trưởng` before `Cục trưởng` is not needed, a form matches from the first word)
            "position_forms": tuple((tuple(f.casefold().split()), f) for f in c["position_forms"])}


def _keeps_capitals(word: str) -> bool:
    """An abbreviation (UBND, MTTQ, KT.) or a Roman numeral (khóa XIII): capitals that are not a
    Vietnamese syllable written in capitals."""
    core = word.strip(",.;:()“”\"'")
    return (len(core) >= 2 and core.isupper()
            and (not _SYLLABLE.fullmatch(core) or _ROMAN.fullmatch(core) is not None))


def _in_syllable_word(words: list[str], k: int, syllable_words: frozenset) -> bool:
    """Whether `words[k]`, capitals that read as a Roman numeral, is a syllable of a word with its neighbour
    (`PHẠM VI`, `VI PHẠM`: models/header.toml [casing] syllable_words)."""
    low = [w.strip(",.;:()“”\"'").lower() for w in words[max(0, k - 1):k + 2]]
    at = 1 if k else 0
    return (at > 0 and (low[at - 1], low[at]) in syllable_words) or \
        (at + 1 < len(low) and (low[at], low[at + 1]) in syllable_words)


_ROMAN = regexes.compile(r"[IVXLC]+")
_DIGIT = regexes.compile(r"\d")


def _cap(w: str) -> str:
    return w[:1].upper() + w[1:].lower()


def title_case_organ(s: str) -> str:
    """Write an organ name or a position in normal case (NĐ 30/2020 Phụ lục II).

    The kind of organ and the first syllable of each part of its field are capitalised, places are
    proper names, abbreviations stay as they are; the tables are `[casing]` in models/header.toml.

    >>> title_case_organ("UBND TỈNH TIỀN GIANG"), title_case_organ("SỞ GIÁO DỤC VÀ ĐÀO TẠO")
    ('UBND tỉnh Tiền Giang', 'Sở Giáo dục và Đào tạo')
    """
    c = _casing()
    words = s.split()
    low = [w.lower() for w in words]
    out: list[str] = []
    field = "none"          # "start": right after a head; "in": inside the field name
    cap_place = 0           # words of a place name still to capitalise
    k = 0
    while k < len(words):
        w = words[k]
        if _keeps_capitals(w):
            out.append(w)   # an abbreviation: UBND, HĐND, MTTQ, TNCS, KT.
            field = "none" if field == "start" else field
            k += 1
            continue
        cands = c["by_first"].get(low[k].strip(",.;:"), ())
        head = next((h for h in cands if tuple(x.strip(",.;:") for x in low[k:k + len(h[0])]) == h[0]), None)
        place = next((p for p in c["places"].get(low[k], ()) if tuple(low[k:k + len(p)]) == p), None)
        joined = field == "in" and k > 0 and (low[k - 1] in ("và", "-", "–") or low[k - 1].endswith(","))
        if head and field != "in":   # inside a field name, "vụ", "hội", "xã" are words of it
            n, closed = len(head[0]), head[1]
            out.append(_cap(words[k]))
            out.extend(x.lower() for x in words[k + 1:k + n])
            field, cap_place = ("none" if closed else "start"), 0
            k += n
            continue
        if place and not joined:     # ... Thương binh và Xã hội
            out.extend(x.lower() for x in words[k:k + len(place)])
            field, cap_place = "none", 4
            k += len(place)
            continue
        prev = low[k - 1] if k else ""
        if k == 0 or cap_place:
            out.append(_cap(w))
            cap_place = max(cap_place - 1, 0)
        elif field == "start" and low[k] not in c["enders"]:
            out.append(_cap(w))
            field = "in"
        elif field == "in" and low[k] not in c["enders"] and (prev in ("và", "-", "–") or prev.endswith(",")):
            out.append(_cap(w))
        else:
            out.append(w.lower())
            if low[k] in c["enders"] and low[k] != "và":
                field = "none"
            elif field == "start":
                field = "none"
        k += 1
    text = " ".join(out)
    # Province names are proper names wherever they stand; some names have one written form.
    return c["fixed"].sub(lambda m: c["fixed_map"][m.group(1).lower()], _proper_provinces(text))


@cache
def _province_names() -> tuple[str, ...]:
    return tuple(sorted({p.name for p in gazetteer.provinces()}, key=lambda n: (-len(n), n)))   # (ties: one order)


@cache
def _province_re() -> tuple[re.Pattern, dict[str, str]]:
    names = _province_names()
    return _names_re(names, r"(?![\wĐđ])"), {p.lower(): p for p in names}


def _names_re(names: list[str] | tuple[str, ...], after: str) -> re.Pattern:
    r"""`(?i)(?<![\wĐđ])(name|name|...)` + `after`, the names tried in their order, written so that the
    engine tests one class at each character and the names of one first letter only where it stands
    (the alternation of every name tried at every character: 11 µs for a title of 100 characters, now 5).
    Where two first letters match one character whatever their case, the plain alternation."""
    groups: dict[str, list[str]] = {}
    for n in names:
        groups.setdefault(n[:1].lower(), []).append(n)
    keys = list(groups)
    plain = "|".join(re.escape(n) for n in names)
    if any(re.fullmatch(re.escape(a), b, re.I) for a in keys for b in keys if a != b) or "" in groups:
        return regexes.compile(r"(?i)(?<![\wĐđ])(" + plain + ")" + after)
    firsts = "".join(re.escape(k) for k in keys)
    grouped = "|".join(re.escape(k) + "(?:" + "|".join(re.escape(n[1:]) for n in g) + ")" for k, g in groups.items())
    return regexes.compile(r"(?i)(?=[" + firsts + r"])(?<![\wĐđ])(" + grouped + ")" + after)


def _proper_provinces(text: str) -> str:
    """Province names written as names (`tiền giang` → `Tiền Giang`), in one pass."""
    rx, proper = _province_re()
    return rx.sub(lambda m: proper.get(m.group(1).lower(), m.group(1)), text)


def _sentence_case(s: str) -> str:
    """A signer's title in normal case (`PHÓ CHỦ TỊCH` → `Phó Chủ tịch`, `CỤC TRƯỞNG` → `Cục trưởng`:
    models/header.toml [casing] position_forms), the organ after it as an organ's name (`VỤ TRƯỞNG VỤ PHÁP CHẾ` →
    `Vụ trưởng Vụ Pháp chế`)."""
    words = s.split()
    c = _casing()
    forms = c["position_forms"]
    folded = tuple(w.casefold() for w in words[:max(len(k) for k, _ in forms)])
    low = title_case_organ(s)
    for key, form in forms:
        if folded[:len(key)] == key:
            rest = words[len(key):]
            if not rest:
                return form
            if rest[0].casefold() in c["by_first"]:     # an organ after the position: cased as an organ's name
                organ = title_case_organ(" ".join(rest))
                return f"{form} {organ[:1].upper() + organ[1:]}"
            return " ".join([form, *low.split()[len(key):]])        # (`Phó Cục trưởng thường trực`)
    return low[:1].upper() + low[1:]


def sentence_case_title(s: str) -> str:
    """A trích yếu printed in capitals, in sentence case: abbreviations and symbols keep their
    capitals, provinces and the `fixed` names of [casing] theirs."""
    c = _casing()
    words = s.split()
    text = " ".join(w if (_keeps_capitals(w) and not _in_syllable_word(words, k, c["syllable_words"]))
                    or _DIGIT.search(w) else w.lower() for k, w in enumerate(words))
    text = text[:1].upper() + text[1:]
    return c["fixed"].sub(lambda m: c["fixed_map"][m.group(1).lower()], _proper_provinces(text))
