"""Citations, mentions: where a text names another document.

`_Mention` is one mention (a symbol, or a type word and a number) with what was read around it;
`_type_before` finds the type word (or type code, or `số`) that introduces a symbol; `_numrefs` finds
the type-word-and-number mentions (`Kế hoạch 593`) backwards from their digits; `_merge_into` fills a
document's citation with what a later mention of it adds.  What follows a mention (date, issuer,
title) and the relation its clause gives it are in pipeline/citations/context.py.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from operator import methodcaller

from .. import regexes
from ..lang.symbols import Symbol, canonical_type_code, doc_type_name, doc_types
from ..model import Citation
from .cues import NUMREF_GAP_FIRST, _Cues

# --------------------------------------------------------------------------------------------------
# Finding mentions

_ABBR_BEFORE_RE = regexes.compile(r"(?<!\w)(?P<abbr>[A-ZĐ][A-Za-zĐ]{1,4})\s*(?:(?P<so>s[ốo])\s*:?\s*)?$")
_SO_BEFORE_RE = regexes.compile(r"(?<!\w)(?P<so>s[ốoó]\s*:?|No\.?)\s*$", re.IGNORECASE)
_SO_LAST = frozenset(":.ốoóỐOÓ")
_MID_OK_RE = regexes.compile(r"^[^\n,.;:()“”\"|]{0,80}$")
_HEADER_NO_RE = regexes.compile(r"(?:^|\n)[ \t*|]*S[ốỐ]\s*:?\s*$")


@dataclass
class _Mention:
    start: int
    end: int
    anchor: tuple[int, int]             # the symbol or number
    doc_type: str | None
    number: str | None
    sym: Symbol | None
    date: str | None = None
    issuer: str | None = None
    title: str | None = None
    term: str | None = None
    kind: str = "symbol"                # symbol | number
    relation: str = "mentions"
    clause_relation: str = "mentions"
    doc: int | None = None              # index of the document it names
    in_alias: bool = False
    full: bool = False                  # has date or issuer (a full mention)
    # an `alias-of` mention's document: the mention it stands for (not compared: what the mention is, is above)
    alias_of: _Mention | None = field(default=None, compare=False, repr=False)


def _type_before(text: str, s: int, cues: _Cues) -> tuple[int, str | None, str | None, bool]:
    """(start, doc_type, old-style issuer, has 'số') of what introduces the symbol at `s`."""
    lo = max(0, s - 160)
    back = text[lo:s]
    r = back.rstrip()
    # `số` / `No.` (and a colon) can end `back` only if its last visible character is one of these; the
    # search starts where they can (two or three characters before the colon or the end: see _tail_from)
    so = _SO_BEFORE_RE.search(back, _tail_from(r, 0, 3)) if r[-1:] in _SO_LAST else None
    has_so = bool(so)
    before_so = back[:so.start()] if so else back
    # a type word right before (`Chỉ thị số`, `Kế hoạch`) or with a name / issuer between (`Luật KCB số`);
    # only the last one counts, and only where no `,` `.` `;` ... stands after it (those end a clause and
    # are in no type word): the type words are looked for after the last of them
    last = None
    for m in cues.type_re.finditer(before_so, 1 + max(map(before_so.rfind, _CLAUSE_CUTS))):
        last = m
    if last is not None:
        mid = before_so[last.end():]
        word = last.group(0)
        if not mid.strip() or (has_so and _MID_OK_RE.match(mid) and not cues.type_re.search(mid)
                                and len(mid.split()) <= 8):
            old_issuer = None
            mm = re.match(r"\s*(?:của|do)\s+(.+?)\s*$", mid, re.IGNORECASE)
            if mm:
                old_issuer = mm.group(1)
            if mid.strip() and not mm and not word[:1].isupper():
                pass  # `văn bản ... số`: only right before
            else:
                key = " ".join(word.casefold().split())
                if key in cues.generic:
                    dtype = None
                else:
                    dtype = doc_types().by_name[key]["name"]
                return lo + last.start(), dtype, old_issuer, has_so
    ab = _ABBR_BEFORE_RE.search(back, _tail_from(r, 2, 5))
    if ab and canonical_type_code(ab.group("abbr")) and ab.group("abbr") not in ("TT",) or \
            (ab and ab.group("abbr").upper() in ("CV", "VB")):
        code = ab.group("abbr")
        name = "Công văn" if code.upper() == "CV" else (None if code.upper() == "VB" else doc_type_name(code))
        return lo + ab.start(), name, None, has_so
    if so:
        return lo + so.start(), None, None, True
    return s, None, None, False


def _symbol_type(text: str, s: int, sym: Symbol, cues: _Cues) -> tuple[int, str | None, str | None] | None:
    """(start, doc_type, old-style issuer) of the mention of the symbol `sym` at `s`: what introduces it
    (`_type_before`; a law's name, `_law_named_before`), else the type its code gives; None where it numbers no
    document: a form of an annex (`theo Mẫu số 01/BCĐBQH-MT`), a header's number opening a line (`Số: 46/TB-BCĐ`)."""
    if _names_a_form(text, s, cues):
        return None
    cs, dtype, old_iss, _ = _type_before(text, s, cues)
    if dtype is None and _HEADER_NO_RE.search(text, max(0, s - 12), s):
        return None
    if dtype is None and sym.type_code is None and sym.issuer_code and "QH" in sym.issuer_code:
        cs, dtype = _law_named_before(text, s, cues) or (cs, None)
    return cs, dtype if dtype is not None else sym.doc_type, old_iss


def _names_a_form(text: str, s: int, cues: _Cues) -> bool:
    """Whether the symbol at `s` numbers a form or a table of an annex (`Mẫu số 01/BCĐBQH-MT`: models/citation_cues.toml
    [not_documents]), right after its word and `số`."""
    return cues.form_re.search(text, max(0, s - 24), s) is not None


_NUMBER_IN_NAME = regexes.compile(r"\d\s*[/⁄]|(?<!\w)s[ốoó]\s*:?\s*\d", re.IGNORECASE)


def _law_named_before(text: str, s: int, cues: _Cues) -> tuple[int, str] | None:
    """(start, type) of the name of a law or an ordinance that introduces the symbol at `s` (`Luật Cán bộ, công chức
    số 80/2025/QH15`): a type word of models/citation_cues.toml [named_types], capitalised, then a name whose commas
    part short phrases; None if none."""
    named = cues.raw["named_types"]
    back = text[max(0, s - 200):s]
    so = _SO_BEFORE_RE.search(back)
    name_end = so.start() if so else len(back)
    last = None
    for m in cues.type_re.finditer(back, 1 + max(map(back.rfind, _NAME_CUTS)), name_end):
        last = m
    if last is None or not last.group(0)[:1].isupper():
        return None
    entry = doc_types().by_name.get(" ".join(last.group(0).casefold().split()))
    if entry is None:
        return None     # (a generic word: `văn bản`)
    dtype: str = entry["name"]
    mid = back[last.end():name_end]
    if dtype not in named["types"] or not mid.strip() or len(mid.split()) > named["max_words"] \
            or any(not p.strip() or len(p.split()) > named["max_part_words"] for p in mid.split(",")) \
            or _NUMBER_IN_NAME.search(mid):
        return None     # (`Luật số 71/2025/QH15, số 84/2025/QH15`: a list of numbers, no name)
    return s - len(back) + last.start(), dtype


# what `_MID_OK_RE` lets no gap between a type word and its symbol hold (a newline aside: a type word's
# words may wrap); no type word holds one (tests/test_citations_before.py checks it)
_CLAUSE_CUTS = ",.;:()“”\"|"
_NAME_CUTS = _CLAUSE_CUTS.replace(",", "")     # (a law's name may hold commas: `_law_named_before`)


def _tail_from(r: str, so_len: int, width: int) -> int:
    """Where a match of `_SO_BEFORE_RE` (`so_len` 0, `width` 3: `số`, `No.`) or `_ABBR_BEFORE_RE` (2, 5: a
    code of up to five letters, then `số`) can start in a text whose blanks at the end are stripped to `r`:
    both end in blanks only, the `số` in a colon and blanks; what comes before is at most `width` long."""
    if r.endswith(":"):
        r = r[:-1].rstrip()
    if so_len:
        r = r[:-so_len].rstrip()
    return max(0, len(r) - width)


def _tn_key(dtype: str | None, num: str | None) -> tuple[str, str] | None:
    if not dtype or not num:
        return None
    return (dtype.casefold(), num.lstrip("0").lower() or "0")


def _alias_key(s: str) -> str:
    # (`Đề án 06/CP` and `Đề án 06` name one programme: the owner's code is dropped)
    return re.sub(r"(?<=\d)/[^\W\d_]{1,6}$", "", " ".join(s.casefold().replace(" số ", " ").split()))


def _abbreviates(text: str, ref: _Mention | None, am: re.Match, alias: str, cues: _Cues) -> bool:
    """Does a short name in brackets with no alias phrase (`(Đề án 06/CP)`) abbreviate what the
    trích yếu of the citation `ref` names just before it (`phê duyệt Đề án phát triển ... (Đề án
    06/CP)`): the same type word there, in the same sentence?  (`Dự án 2 (Chương trình 135)` names
    something else.)"""
    tw = cues.type_re.match(alias)
    if ref is None or ref.end > am.start() or tw is None:
        return False
    between = text[ref.end:am.start()]
    return "." not in between.rstrip(". ") and tw.group(0).casefold() in between.casefold()


def _owner_code(m: _Mention, cues: _Cues) -> bool:
    """Is the symbol of `m` an owner's code after a programme's number (`Đề án 06/CP`), not a symbol:
    an older State symbol with no type code and no year, after a type (models/citation_cues.toml
    [owner_code]) that such symbols never name?"""
    sym = m.sym
    return (sym is not None and m.doc_type in cues.owner_code_types and sym.system == "state"
            and sym.type_code is None and sym.year is None and "-" not in sym.issuer_code)


def _numrefs(text: str, start: int, cues: _Cues) -> list[re.Match]:
    """The matches of `cues.numref_re.finditer(text, start)`, found faster.

    A type word and a number (`Kế hoạch 593`) end in a digit, so the candidates are read backwards
    from each digit in the reversed text (`_numref_candidates`); each is then matched forwards with
    numref_re itself.  Where the longest type word ending there fails (`các Pháp lệnh 5`), the later
    word starts inside it are tried, as finditer would."""
    n = len(text)
    cands = [(n - rm.end("type"), n - rm.start("type")) for rm in _numref_candidates(text, start, cues)]
    out: list[re.Match] = []
    last = start
    for x, tend in reversed(cands):
        if x < last:
            continue
        m = cues.numref_re.match(text, x)
        y = x
        while m is None:
            nxt = next((i for i in range(y + 1, tend) if text[i - 1].isspace() and not text[i].isspace()), None)
            if nxt is None:
                break
            y = nxt
            m = cues.numref_re.match(text, y)
        if m is not None:
            out.append(m)
            last = m.end()
    return out


def _numref_candidates(text: str, start: int, cues: _Cues) -> list[re.Match]:
    """What `cues.numref_rev_re.finditer(text[::-1], 0, len(text) - start)` finds at an ASCII digit, in order.

    The reversed pattern opens with a digit and then the gap before a number (`cues.NUMREF_GAP_REV`), which
    opens with one of a few characters (`NUMREF_GAP_FIRST`: a blank, `:`, the `ố`/`o` of `số`): so the
    pattern is tried only at the digits (found with `str.find`, which skips to them) that stand right after
    one of those, not at every digit as a scan of the reversed text does.  A match holds no digit but its
    first character, so no two overlap: they are the ones `finditer` gives."""
    n = len(text)
    rev = text[::-1]
    end = n - start
    match = cues.numref_rev_re.match
    found: list[re.Match] = []
    for d in "0123456789":
        # (a match needs the digit and the character before it in text[start:])
        q = text.find(d, start + 1)
        while q >= 0:
            if text[q - 1] in NUMREF_GAP_FIRST:
                m = match(rev, n - 1 - q, end)
                if m is not None:
                    found.append(m)
            q = text.find(d, q + 1)
    found.sort(key=_START)
    return found


_START = methodcaller("start")


def _merge_into(dst: Citation, m: _Mention) -> None:
    if dst.date is None and m.date:
        dst.date = m.date
    if dst.issuer is None and m.issuer:
        dst.issuer = m.issuer
    if dst.title is None and m.title:
        dst.title = m.title
    if dst.doc_type is None and m.doc_type:
        dst.doc_type = m.doc_type


# A number listed after another of the same type (`, 19`, `và số 20`): not a count (`, 5 năm`), a
# symbol (`, 19-NQ/TW` is read as one) or a date.
_LISTED_NUMBER = regexes.compile(r"\s*(?:,|và|,\s*và)\s*(?:s[ốo]\s*)?(\d{1,4}[a-z]?)(?![\w/⁄\-–.]|,\d|\s*[/⁄\-–]\s*\w"
                                 r"|\s+(?:năm|tháng|ngày|giờ|người|lần|đồng|triệu|tỷ|%)(?!\w))")
# `Luật ... số 64/2025/QH15 (đã) được sửa đổi(,) bổ sung (một số điều) (bởi|tại|theo) Luật số 87/2025/QH15`, as
# printed with its slips (`bới`, `thao`, no comma, no preposition): the amending law joins the list of the
# law it amends, as the connectors of models/citation_cues.toml do.
_AMENDED_BY = regexes.compile(r"[\s,(]*(?:(?:và|đã)\s+)*(?:được|bị)\s+sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?"
                              r"(?:\s+một\s+số\s+điều)?(?:\s+(?:bởi|bới|tại|theo|thao))?(?:\s+(?:các|những))?\s*$",
                              re.IGNORECASE)
# The gap before a list item named at length (`..., Luật Sửa đổi, bổ sung một số điều của Luật Ban hành văn
# bản quy phạm pháp luật số 87/2025/QH15`): a connector or an amended-by phrase, then the item's type word.
_NAMED_ITEM_GAP = regexes.compile(r"[\s,;(]*(?:(?:và|đã|cùng)\s+)*(?:(?:được|bị)\s+sửa\s+đổi(?:\s*,?\s*bổ\s+sung)?"
                                  r"(?:\s+một\s+số\s+điều)?(?:\s+(?:bởi|bới|tại|theo|thao))?\s+)?(?:các\s+)?",
                                  re.IGNORECASE)


def _named_list_item(gap: str, m: _Mention, cues: _Cues) -> bool:
    """Is `gap` (between a citation and `m`) the next list item's long name: a connector, then `m`'s own
    type word opening the name whose number `m` is (`, Luật Sửa đổi, bổ sung ... pháp luật số 87/2025/QH15`)?
    The cue words inside that name are the law's name, no description."""
    lead = _NAMED_ITEM_GAP.match(gap)
    assert lead is not None         # (it matches the empty string)
    if not lead.group(0).strip(" \t\n") or not m.doc_type:
        return False                # (no connector: `Nghị định 12 sửa đổi Nghị định 34` is a description)
    tw = cues.type_re.match(gap, lead.end())
    return (tw is not None and doc_types().by_name.get(" ".join(tw.group(0).casefold().split()), {}).get("name")
            == m.doc_type and not re.search(r"[;.\n]", gap[tw.end():]) and len(gap) - tw.end() <= 150)


# The next item of a `;` list named at length before its number (`Căn cứ Luật Đất đai số 31/2024/QH15; Luật
# Bầu cử đại biểu Quốc hội và đại biểu Hội đồng nhân dân số 85/2015/QH13`): the mention is the number, the item's
# type word and name stand before it, with no clause of their own (no cue, no punctuation).
_NUMBER_FIRST = regexes.compile(r"s[ốo]\b|\d", re.IGNORECASE)


def _next_list_item(text: str, item: str, m: _Mention, cues: _Cues) -> bool:
    """Is `item` (after a `;`, up to the mention `m`) only what opens the list's next item: a connector, a
    plural (`; các Quyết định số ...`), or the type word and name of the document `m` numbers?"""
    if cues.connector_re.match(item) or cues.plural_item_re.fullmatch(item):
        return True
    name = item.lstrip(" \t\n-+•–*")
    return (bool(_NUMBER_FIRST.match(text, m.start)) and cues.type_re.match(name) is not None
            and len(name) <= 120 and not re.search(r"[,.:;()“”\"]", name))


# After a cited document's title, a second object of the same cue joined by `và`: another body's guidance, named
# by the document it is in (`Thực hiện Thông tri số 02-TT/TU ... về ... và hướng dẫn của Bộ Nội vụ tại Công văn số
# 8935/BNV-CTTN`): that document is the next list item, not part of the title.
_JOINED_GUIDANCE = regexes.compile(r"\svà\s+(?:các\s+)?(?:văn\s+bản\s+)?(?:hướng\s+dẫn|chỉ\s+đạo|ý\s+kiến\s+chỉ\s+đạo"
                                   r"|ý\s+kiến|yêu\s+cầu|kế\s+hoạch)\s+(?:của\s+[^,;.“”()]{2,80}?\s+)?(?:tại|theo)\s*$",
                                   re.IGNORECASE)


_LIST_GAP = regexes.compile(r"\s*(?:,|và|,\s*và)\s*(?:s[ốo]\s*)?")


_CLOSING = {"“": "”", "(": ")", "\"": "\""}


def _closed_then_joined(gap: str, cues: _Cues) -> bool:
    """Does `gap` open a quoted or bracketed title, close it, and go on with only a list connector
    (`“Về đẩy mạnh ...” và `)?"""
    lead = len(gap) - len(gap.lstrip())
    close = _CLOSING.get(gap[lead:lead + 1])
    if close is None:
        return False
    k = gap.rfind(close)
    return k > lead and bool(gap[k + 1:].strip()) and bool(cues.connector_re.match(gap[k + 1:]))


_COLON_CLAUSE = regexes.compile(r":(?=[ \t]+[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])")


def _clause_cut(gap: str) -> int:
    """Where the last clause of `gap` (between two citations) starts: after its last `;`, or after a colon
    before a capital (`X về ... như sau: Chủ tịch ... theo chỉ đạo tại Y`; not `giai đoạn I: từ năm`);
    -1 for none."""
    return max(gap.rfind(";"), max((c.start() for c in _COLON_CLAUSE.finditer(gap)), default=-1))


# a list of numbers sharing one type word (`Quyết định số 40/QĐ-UBND và số 41/QĐ-UBND ngày ... của UBND tỉnh`):
# the issuer after the last is the list's
_SHARED_DATE_GAP = regexes.compile(r"\s*(?:,|và|,\s*và)\s*(?:số\s*)?")


def _share_with_earlier(a: _Mention, b: _Mention) -> None:
    """`a` and `b` listed under one type word: `a` takes the issuer printed once after `b` where it has none.  (Not the
    date: `các Công điện số 217/CĐ-TTg, 218/CĐ-TTg và 222/CĐ-TTg ngày 19/11/2025` dates the last one only.)"""
    if a.issuer is None and b.issuer:
        a.issuer = b.issuer
        a.full = True
