"""Lists of mentions and their joins: lists with a shared head (`Các Bộ: Tài chính, Công Thương`), items
printed without their head, the leaders of the own organ, productive names bounded by gazetteer names,
titles of named people, overlapping mentions resolved, joins of adjacent mentions, which lone provinces are bodies.
"""
from __future__ import annotations

import bisect
from itertools import accumulate
from typing import Final

from pipeline.bodies.extent import (
    Mention,
    _extend_name,
    _is_name_tok,
    _person_marker,
    _prov_seqs,
    _start_of,
)
from pipeline.bodies.gazetteer import (
    alias_lengths,
    organ_aliases,
    organs,
)
from pipeline.bodies.parens import ranked
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _PUNCT_LIST,
    _VERB_STOP_FIRST,
    DETERMINERS,
    HEADS,
    LEVEL_WORDS,
    OWNER_HEADS,
    PERSON_MARKER_FIRST,
    POSITIONS_ALL,
    REGIONAL_HEADS,
    SHARED_HEADS,
    TO_LEADERS,
    VERB_STOP,
)
from pipeline.header import is_person_name

_KIND_ORDER: Final = {"named": 0, "productive": 1, "collective": 2, "province": 3}     # (four kinds: below 4)
_PLURAL = frozenset({"các", "những"})


def _shared_head_items(toks: Toks, norms: list[str], cand: list[int]) -> list[tuple[int, int, list[Mention]]]:
    """Lists whose items share one plural organ head: `Các Bộ: Tài chính, Công Thương` (-> `Bộ Tài chính`,
    `Bộ Công Thương`), `các tập đoàn Điện lực Việt Nam, Dầu khí Việt Nam và ...`: (start and end of the
    determiner and head, one mention per item named by a capitalised name).  Without a colon, two items
    at least (`các Sở Y tế` is one organ named with a determiner)."""
    n = len(norms)
    out: list[tuple[int, int, list[Mention]]] = []
    # (a determiner may start a mention: `cand` holds every `các`, `những`; most texts have none, and no set of their
    # words is built for them)
    for d in cand:
        if norms[d] not in _PLURAL:
            continue
        if d + 1 >= n:
            continue
        k = _match_seq(norms, d + 1, SHARED_HEADS)
        if not k:
            continue
        x = d + 1 + k
        x += _co_heads(norms, x)     # `Các Bộ, cơ quan: Tài chính, Xây dựng`: the items are the ministries
        colon = x < n and norms[x] == ":"
        x += colon
        head_key = tuple(norms[d + 1:d + 1 + k])
        head = toks.text[d + 1][:1].upper() + " ".join(toks.text[d + 1:d + 1 + k])[1:]
        # an office-holder before the list holds each office (`Giám đốc các Sở: Tư pháp, Y tế`)
        p = next((d - q for q in range(1, 4) if d - q >= 0 and _match_seq(norms, d - q, POSITIONS_ALL) == q), None)
        if p is not None:
            head = " ".join(toks.text[p:d]) + " " + head
        items: list[tuple[int, int]] = []
        while x < n and not toks.para[x] and _is_name_tok(toks, x) and not _match_seq(norms, x, _prov_seqs()):
            e = _organ_item_end(norms, x, head_key)
            if not e and (not _match_seq(norms, x, HEADS) or _match_seq(norms, x, REGIONAL_HEADS)):
                # (`các tập đoàn Điện lực Việt Nam, ...`: a regional head is a word of the item's name)
                e = _extend_name(toks, norms, x)
            if not e or e == x:
                break
            items.extend(_split_last_and(norms, x, e, head_key, bool(items)))
            if e + 1 < n and norms[e] in {",", "và"} and not toks.para[e + 1]:
                x = e + 1
                continue
            break
        if len(items) >= (1 if colon else 2):
            # the first item holds the office-holder, the determiner and the head: the roles read the cue
            # before them
            first = d if p is None else p
            ms = [Mention(first if q == 0 else a, b, "productive", head=head, name_from=a)
                  for q, (a, b) in enumerate(items)]
            out.append((first, d + 1 + k + colon, ms))
    return out


# (the longest first)
_CO_HEADS = (("cơ", "quan", "ngang", "bộ"), ("cơ", "quan"), ("địa", "phương"), ("ngành",))


def _co_heads(norms: list[str], x: int) -> int:
    """Length of the generic heads listed after a shared head right before its colon (`Các Bộ, cơ quan:`, `các Sở,
    ngành:`): the named items after the colon still take the first head; 0 where none or no colon follows."""
    y = x
    while y < len(norms) and norms[y] == ",":
        k = next((len(h) for h in _CO_HEADS if tuple(norms[y + 1:y + 1 + len(h)]) == h), 0)
        if not k:
            return 0
        y += 1 + k
    return y - x if y < len(norms) and norms[y] == ":" else 0


_ELIDED_HEADS = (("vụ",), ("cục",), ("sở",), ("ban",), ("bộ",))


def _headless_items(toks: Toks, norms: list[str], found: list[Mention]) -> list[Mention]:
    """Items of a list of organs printed without their head (`Vụ Pháp luật quốc tế, Các vấn đề chung về
    xây dựng pháp luật, Vụ ...`): a capitalised item between list commas that with a head names a gazetteer
    organ is that organ, named as printed."""
    if not found or "," not in toks.words:
        return []
    # the commas after organs, with the head of the organ before each: the item after it shares that head
    ends = {m.j: norms[m.i] for m in found if m.kind in ("named", "productive") and (norms[m.i],) in _ELIDED_HEADS}
    aliases = organ_aliases()
    out = []
    n = len(norms)
    for c, head in sorted(ends.items()):
        x = c + 1
        if x >= n or norms[c] != "," or not toks.cap[x] or toks.para[x]:
            continue
        # the item's ends, furthest first, at the lengths of the organs' names that open with the head and its
        # first word (most items: none), up to twelve words and three at least (a field alone is no organ)
        for size in alias_lengths().get((head, norms[x]), ()):
            e = x + size - 1
            if e > n or e > x + 12 or e < x + 3:
                continue
            if (e == n or norms[e] in {",", ".", ";", "và"} or toks.text[e][:1].islower()) \
                    and (head,) + tuple(norms[x:e]) in aliases:     # (a lower-case word after it: its verb)
                out.append(Mention(x, e, "named", aliases[(head,) + tuple(norms[x:e])]))
                break
    return out


def _organ_item_end(norms: list[str], x: int, head: tuple[str, ...]) -> int:
    """End of the longest item from x that with the shared head names a gazetteer organ (`Giáo dục và
    Đào tạo` after `các Sở`), or 0."""
    aliases = organ_aliases()
    h = len(head)
    # (only the lengths of the names that open as head + item do: `alias_lengths`)
    for size in alias_lengths().get((head[0], head[1]) if h > 1 else (head[0], norms[x]), ()):
        e = x + size - h
        if x < e <= min(len(norms), x + 12) and head + tuple(norms[x:e]) in aliases:
            return e
    return 0


def _split_last_and(norms: list[str], a: int, b: int, head: tuple[str, ...], after_items: bool
                    ) -> list[tuple[int, int]]:
    """An item of a shared-head list with `và` inside: the last item joined by `và` (`Điện lực Việt Nam,
    Dầu khí Việt Nam và Than - Khoáng sản Việt Nam`), unless head and item name an organ of the gazetteer
    (`Bộ Khoa học và Công nghệ`) or the item is the list's first."""
    if "và" not in norms[a:b] or head + tuple(norms[a:b]) in organ_aliases():
        return [(a, b)]
    v = max(x for x in range(a, b) if norms[x] == "và")
    if not after_items and head + tuple(norms[a:v]) not in organ_aliases():
        return [(a, b)]
    return [(a, v), (v + 1, b)] if v + 1 < b else [(a, v)]


def _leaders_of_own_organ(out: list[Mention], toks: Toks, norms: list[str]) -> list[Mention]:
    """`báo cáo lãnh đạo Bộ`, `xin ý kiến Lãnh đạo Sở`: the leaders of the organ the text speaks for,
    named by a bare capitalised head after a verb of reporting (`TO_LEADERS`), are a body."""
    if "lãnh" not in toks.words:
        return out
    n = len(norms)
    add = []
    for x in range(n - 2):
        if norms[x] == "lãnh" and x >= 1 and norms[x + 1] == "đạo" and toks.cap[x + 2] and norms[x + 2] in OWNER_HEADS \
                and not (x + 3 < n and _is_name_tok(toks, x + 3)) and _ends_with(norms, x, TO_LEADERS) \
                and not any(m.i <= x + 2 < m.j for m in out):
            add.append(Mention(x, x + 3, "productive"))
    return sorted(out + add, key=_start_of) if add else out


class _Near:
    """The named mentions a productive one may overlap while `_fit_to_named` runs over it, in their own
    order: a long text's every name against every other made the fit quadratic (a task of a thousand
    lines took seconds)."""

    def __init__(self, named: list[Mention]) -> None:
        self.named = named
        self.order = sorted(range(len(named)), key=lambda k: named[k].i)
        self.starts = [named[k].i for k in self.order]
        self.reach = list(accumulate((named[k].j for k in self.order), max))   # furthest end so far

    def around(self, m: Mention) -> list[Mention]:
        """Those that start before the furthest end `m` can reach (it grows only to the end of a name
        that starts inside it) and end after its start; the others are skipped by the fit's first test."""
        hi = m.j
        while True:
            x = bisect.bisect_left(self.starts, hi)
            if not x or self.reach[x - 1] <= hi:
                break
            hi = self.reach[x - 1]
        lo = bisect.bisect_right(self.reach, m.i)
        return [self.named[k] for k in sorted(self.order[lo:x])]


def _fit_to_named(found: list[Mention], toks: Toks) -> None:
    """Productive names bounded by the gazetteer names they overlap: one that ends inside a named organ
    runs to its end (`Cục trưởng Cục Kế hoạch` + `Cục Kế hoạch và tài chính`: the office-holder of the
    whole organ); one that starts with a named organ and runs on right after it only in lower-case words
    ends with it (`Ngân hàng Nhà nước Việt Nam ứng dụng ...`: the verb phrase is no part of the name;
    `Cục Trồng trọt, bảo vệ thực vật` names a field after a comma)."""
    named = [m for m in found if m.kind == "named"]
    if not named:
        return
    near = _Near(named) if len(named) > 8 else None
    for m in found:
        if m.kind != "productive":
            continue
        for nm in (named if near is None else near.around(m)):
            if nm.i >= m.j or nm.j <= m.i:
                continue
            if m.i < nm.i < m.j < nm.j:
                m.j = nm.j
            elif nm.i == m.i and nm.j < m.j and (toks.nl_before(nm.j) or toks.text[nm.j].isalpha() and not any(
                    toks.cap[x] or toks.para[x] for x in range(nm.j, m.j))
                    and not _match_seq(toks.norm, nm.j, LEVEL_WORDS)):
                m.j = nm.j      # (a line break after a whole organ's name ends it)
            elif nm.i == m.i and nm.j + 1 < m.j and _two_lower(toks, nm.j):
                m.j = nm.j      # `Bộ Tài chính tiệp thu ý kiên Thành viên Chính phủ`: a scan's misread verb, then words
            elif nm.i == m.i and nm.j < m.j and toks.norm[nm.j] == "các" and nm.organ in organs() \
                    and organs()[nm.organ].level == "central":
                m.j = nm.j      # `Bộ Quốc phòng các tỉnh Ninh Bình, ...`: a ministry has no provinces of its own


def _two_lower(toks: Toks, j: int) -> bool:
    """Two lower-case words at j, neither a level word, a joiner, a determiner (`Sở Tư pháp các tỉnh`) nor a
    branch (`chi nhánh`): a whole organ's name ends before them."""
    norms = toks.norm
    return all(toks.text[x][:1].isalpha() and not toks.cap[x] and not toks.para[x] and norms[x] not in {"và", "-"}
               for x in (j, j + 1)) and not _match_seq(norms, j, LEVEL_WORDS) and norms[j] not in DETERMINERS \
        and norms[j:j + 2] != ["chi", "nhánh"]


def _titles_of_people(toks: Toks, norms: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the titles in apposition to a named person (`Đ/c Nguyễn Văn A, Ủy viên Ban
    Thường vụ, Trưởng Ban Kiểm tra; Bí thư Đảng ủy.`): offices that describe who the person is, not
    bodies the task names.  The titles run to the end of the sentence or line, a clause that opens with a
    lower-case word, a verb phrase (`..., Phó Chủ tịch UBND tỉnh chỉ đạo Sở Y tế ...`) or the next person."""
    n = len(norms)
    out: list[tuple[int, int]] = []
    if PERSON_MARKER_FIRST.isdisjoint(toks.words):
        return out      # no person named (most texts): one look-up per token, in C
    texts = toks.text
    for i in range(n):      # (compiled: a loop in C with a set look-up a token)
        if norms[i] not in PERSON_MARKER_FIRST:
            continue
        k = _person_marker(norms, i)
        if not k:
            continue
        j = i + k
        while j < n and j - i - k < 6 and not toks.para[j] and texts[j].isalpha() and texts[j][0].isupper() \
                and (len(texts[j]) == 1 or texts[j][1:].islower()):
            j += 1
        if j >= n or norms[j] != "," or not is_person_name(texts[i + k:j]):
            continue
        x = j + 1
        while x < n and not toks.para[x] and norms[x] not in {".", ":"} and not _person_marker(norms, x) \
                and not (norms[x] == ";" and not (x + 1 < n and toks.cap[x + 1])) \
                and not (not toks.cap[x] and norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
            x += 1
        out.append((j, x))
    return out


# position heads that continue a list of office-holders as ONE body in lower case (`Người đứng đầu cấp ủy, chính
# quyền, thủ trưởng cơ quan, đơn vị`); capitalised, they name the next office-holder (`Các Bộ trưởng, Thủ trưởng ...`)
_POSITION_JOIN = {("thủ", "trưởng")}


def _merge(out: list[Mention], norms: list[str], toks: Toks) -> list[Mention]:
    """Join a mention with a province right after it (`Ban Quản lý ... Cần Thơ`) and a position with a
    `, thủ trưởng ...` right after it."""
    res: list[Mention] = []
    for m in out:
        if res:
            p = res[-1]
            if m.kind == "province" and m.i == p.j and p.kind != "province" and not toks.para[m.i]:
                p.j = m.j
                continue
            if m.i == p.j and norms[m.i:m.i + 2] == ["các", "cấp"] and p.kind in ("named", "productive") \
                    and not toks.para[m.i] and (m.j == m.i + 2 or norms[m.i + 2] not in {"ủy", "độ"}):
                # `Hội Cựu chiến binh các cấp`, `Chủ tịch UBND các cấp`: the organ at every level, and of which
                # place (`Ủy ban Mặt trận Tổ quốc Việt Nam các cấp thành phố Hà Nội`)
                p.j = m.j
                continue
            if m.i == p.j + 1 and norms[p.j] == "," and m.kind == "named" and not toks.cap[m.i] \
                    and not toks.cap[p.j - 1] and (p.kind in ("named", "productive") or norms[p.j - 1] == "ủy"):
                p.j = m.j       # lower-case generic organs in a row: `các tỉnh ủy, thành ủy`
                continue
            if m.i == p.j + 1 and norms[p.j] == "(" and m.j < len(norms) and norms[m.j] == ")" \
                    and m.kind in ("named", "productive") and p.kind != "province" and not ranked(norms, p, m):
                p.j = m.j + 1   # `Nhà đầu tư (Tập đoàn X)`: the organ in parentheses names the one before
                continue
            if m.i == p.j + 1 and norms[p.j] in {"thuộc", "của"} and m.kind != "province" and _is_generic(p, norms):
                p.j = m.j       # `Thủ trưởng các đơn vị có liên quan thuộc Bộ Tư pháp`
                continue
            if (m.i == p.j and norms[p.j - 1] == "thuộc" or m.i == p.j + 2 and norms[p.j:m.i] == ["trực", "thuộc"]) \
                    and m.kind != "province" and _is_generic(p, norms):
                p.j = m.j       # `các cấp ủy trực thuộc Thành ủy`: the owner of the kind, no body of its own
                continue
            if m.i == p.j + 1 and norms[p.j] == "," and tuple(norms[m.i:m.i + 2]) in _POSITION_JOIN \
                    and _match_seq(norms, p.i + (norms[p.i] in DETERMINERS), POSITIONS_ALL) \
                    and not toks.text[m.i][0].isupper():
                p.j = m.j
                continue
        res.append(m)
    return res


def _is_generic(m: Mention, norms: list[str]) -> bool:
    """A collective or an office-holder (`các đơn vị`, `Thủ trưởng các đơn vị`): what follows `thuộc`/
    `của` tells whose."""
    return m.kind == "collective" or bool(_match_seq(norms, m.i + (norms[m.i] in DETERMINERS), POSITIONS_ALL))


_CLAUSE_OPEN = {".", ";", ":", "-", "–", "+", "•", ")"}


def _province_ok(out: list[Mention], k: int, norms: list[str]) -> bool:
    """A lone province name is a body only in a list headed by an organ or a collective of localities
    (`UBND các tỉnh, thành phố: A, B`, `các địa phương (A, B)`, `Các tỉnh A, B`); elsewhere it is a
    place (`tại đảo Thổ Chu, tỉnh Kiên Giang`)."""
    m = out[k]
    if m.kind != "province":
        return True
    x = k
    while True:
        first = out[x].i
        if first == 0 or norms[first - 1] in DETERMINERS or norms[first - 1] in _CLAUSE_OPEN:
            return True     # `Các tỉnh A, B`, or the subject of its clause: `Thành phố Hà Nội, tỉnh B đẩy nhanh`
        if x == 0:
            return False
        prev = out[x - 1]
        gap = norms[prev.j:first]
        if len(gap) > 3 or not all(w in _PUNCT_LIST or w in {":", "các"} for w in gap):
            return False
        if prev.kind != "province":
            return True
        x -= 1


def _plausible(m: Mention, norms: list[str], toks: Toks) -> bool:
    # a lone province name is a body only in a list of provinces/organs; keep it, roles decide
    if m.j - m.i == 1 and len(norms[m.i]) <= 2 and not toks.text[m.i].isupper():
        return False
    return True


def _without_overlaps(found: list[Mention], n: int) -> list[Mention]:
    """Overlaps resolved: named organs and longer spans first; a named organ inside a longer productive name
    is absorbed (its name extends it: `Sở Y tế tỉnh Tiền Giang`) and keeps its organ identity; a collective
    that starts inside an organ's name belongs to that name (`Giám đốc Công an các tỉnh, tổ chức, cá nhân`:
    `các tỉnh` ends the name; `tổ chức, cá nhân` is found on its own)."""
    size = len(found)
    # (each sort below sorts one int a mention, made of its keys and its place in `found` (ties keep the order
    # found), with no key function called per mention; starts and ends are token numbers, below `width`)
    ordered = [found[key % size] for key in sorted([m.i * size + k for k, m in enumerate(found)])]
    x = 1
    while x < size and ordered[x - 1].j <= ordered[x].i:
        x += 1
    if x >= size and all(m.i < m.j for m in ordered):
        return ordered      # nothing overlaps (two texts in five): each keeps its own span and organ
    inner = [(m.i, m.j) for m in found if m.kind in ("named", "productive")]
    if inner and any(m.kind == "collective" for m in found):
        found = [m for m in found if m.kind != "collective" or not any(a < m.i < b < m.j for a, b in inner)]
        size = len(found)
    width = max(n, max(max(m.i, m.j) for m in found)) + 1
    # longer spans first, then named, productive, collective, province, then by start
    keys = sorted([(((m.i - m.j) * 4 + _KIND_ORDER[m.kind]) * width + m.i) * size + k for k, m in enumerate(found)])
    taken = [False] * width
    out: list[Mention] = []
    for key in keys:
        m = found[key % size]
        x = m.i
        while x < m.j and not taken[x]:
            x += 1
        if x < m.j:
            continue        # a token of it is taken
        for x in range(m.i, m.j):
            taken[x] = True
        out.append(m)
    out.sort(key=_start_of)
    named = {(f.i, f.j): f.organ for f in found if f.kind == "named"}
    if named:
        for m in out:
            if m.kind != "named" and (m.i, m.j) in named:
                m.organ = named[(m.i, m.j)]
    return out
