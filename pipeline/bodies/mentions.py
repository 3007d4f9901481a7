"""Mention detection of the bodies stage: gazetteer phrases (`bodies_gazetteer.match_phrases`),
productive names (an organ head + a capitalised name, a level word or a province) with their
extent, collectives (`các sở, ban, ngành`), overlap resolution and the joins of adjacent mentions."""
from __future__ import annotations

import functools
from typing import Final

from pipeline.bodies.collectives import (
    _collective_at,
    _council_deputies,
    _counted_kinds,
    _governed_list,
    _heads_run,
    _units_of_kind_end,
)
from pipeline.bodies.descriptions import (
    _described_objects,
    _described_subjects,
    _names_kinds,
    _topic_then,
    _with_sector,
)
from pipeline.bodies.extent import (
    _LINE_STOP_FIRST,
    Mention,
    _extend_name,
    _extend_tail,
    _heads_sorted,
    _person_marker,
    _prov_seqs,
    _start_of,
    _unit_number,
)
from pipeline.bodies.gazetteer import _phrase_reach, match_phrases, organ_aliases
from pipeline.bodies.holders import fronted_subject, holders_of_named, people_apart
from pipeline.bodies.lists import (
    _CLAUSE_OPEN,
    _fit_to_named,
    _headless_items,
    _leaders_of_own_organ,
    _merge,
    _plausible,
    _province_ok,
    _shared_head_items,
    _titles_of_people,
    _without_overlaps,
)
from pipeline.bodies.parens import without_owners
from pipeline.bodies.tails import with_tails
from pipeline.bodies.tokens import ALPHA_FIRST, CAPITALISED, DIGITS, UPPER, Toks, WordMemo, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _BARE_BEFORE,
    _VERB_STOP_FIRST,
    ASPECT,
    CUE_FIRST,
    DESCRIPTIVE,
    DETERMINERS,
    HEADING_TOPIC,
    HEADS,
    JOINT_OFFICES,
    JOINT_SERVED,
    LEVEL_WORDS,
    LINE_OPENERS,
    NAME_COMPOUNDS,
    NAME_FIELDS,
    NOT_AFTER_HEAD,
    POSITIONS,
    POSITIONS_ALL,
    REGIONAL_HEADS,
    STANDALONE,
    TO_LEADERS,
    VERB_STOP,
)

# `cơ quan thường trực` + the body it serves (`Bộ Tài chính - Cơ quan Thường trực Ban Chỉ đạo 751`): no body named
_STANDING_OF: Final = ["cơ", "quan", "thường", "trực"]
_LOWER_HEADS: Final = frozenset({"người", "lực", "thủ"})


@functools.cache
def _any_first() -> frozenset[str]:
    """Token norms that can start a mention of any kind."""
    return frozenset(_phrase_reach()) | frozenset(HEADS.idx) | frozenset(_heads_sorted().idx) \
        | frozenset(DETERMINERS)     # heads that start a productive name in lower case too


# token norm -> whether a mention may start there (a count may open a collective as `các` does: `19 bộ, cơ quan`)
_STARTS: Final = WordMemo(lambda w: w in _any_first() or (w.isdigit() and len(w) <= 3))


def candidates(norms: list[str]) -> list[int]:
    """The tokens that may start a mention of any kind (a gazetteer phrase, a head, a collective)."""
    return [k for k in range(len(norms)) if _STARTS[norms[k]]]     # (compiled: a loop in C, the memo looked up)


def find_mentions(toks: Toks, phrases: list[tuple[str, int, int]] | None = None,
                  cand: list[int] | None = None) -> list[Mention]:
    """Every mention of a body in `toks`, before roles.  `phrases` (the gazetteer phrases of the text,
    `match_phrases`) and `cand` (`candidates`) when the caller has them already (one run per document)."""
    norms = toks.norm
    cand = candidates(norms) if cand is None else cand
    if phrases is None:
        phrases = match_phrases([norms], [cand])[0] if cand else []
    found = _named(toks, phrases) + _productive(toks, cand) + _collectives(toks, cand)
    found.extend(_headless_items(toks, norms, found))
    if found and "biểu" in toks.words:     # (the norms' set built only for a text with a mention, as below)
        found.extend(_council_deputies(toks, found))
    shared = _shared_head_items(toks, norms, cand)
    if shared:
        spans = [(a, b) for a, b, _ in shared] + [(m.i, m.j) for _, _, ms in shared for m in ms]
        found = [m for m in found if not any(m.i < b and a < m.j for a, b in spans)]
        found.extend(m for _, _, ms in shared for m in ms)
    if not found and "lãnh" not in norms:   # (no set of the norms built for a text with no mention: 2 in 5)
        return []       # (every pass below works on the mentions found; `lãnh đạo Bộ` alone adds one)
    words = toks.words      # (the norms' set: a test below is one look-up, no scan)
    _fit_to_named(found, toks)
    out = _merge(_without_overlaps(found, len(toks)), norms, toks)
    if "cá" in words:       # (only `cá nhân` splits an office-holder's list: no pass over the other texts)
        out = people_apart(out, toks)
    if "(" in words:        # (the same for an organ in parentheses)
        out = without_owners(out, toks)
    if "đảng" in words:
        out = _last_committees(out, toks)
    _with_leaders(out, toks)
    out = _with_members(out, toks) if "viên" in words else out
    collectives = _names_kinds(out, norms)
    if collectives:
        _with_sector(out, toks)
        out = _described_subjects(out, toks)
        _described_objects(out, toks)
        _with_sector(out, toks, bare=True)
    out = with_tails(out, toks, collectives)
    if "các" in words or "chí" in words or "những" in words:
        _name_heads(out, toks)
    out = _leaders_of_own_organ(out, toks, norms)
    titles = _titles_of_people(toks, norms)
    return [m for k, m in enumerate(out) if _plausible(m, norms, toks) and norms[m.i - 4:m.i] != _STANDING_OF
            and (_province_ok(out, k, norms) or fronted_subject(m, toks))
            and not (titles and any(a <= m.i < b for a, b in titles))]


def _named(toks: Toks, phrases: list[tuple[str, int, int]]) -> list[Mention]:
    """The gazetteer's organs (with their level word and province after them) and provinces."""
    norms = toks.norm
    found = []
    for lab, s, e in phrases:
        if lab == "ORG" and s and not toks.cap[s] and _match_seq(norms, s - 1, _heads_sorted()) >= 2:
            continue    # `cơ sở y tế`: a generic head (`cơ sở`) ends in the organ's first word; no `Sở Y tế`
        if lab == "ORG":
            found.append(Mention(s, _extend_tail(toks, norms, e), "named", organ_aliases().get(tuple(norms[s:e]))))
        else:
            found.append(Mention(s, e, "province"))
    return found


def _head_length(toks: Toks, i: int) -> int:
    """The length of the organ head at token i (0: none): `Ủy ban nhân` (`dân` dropped, a typist's slip) heads only
    before a level (`Ủy ban nhân các xã`); before a name it is `Ủy ban` (`Ủy ban Nhân quyền ...`)."""
    norms = toks.norm
    k = _match_seq(norms, i, HEADS)
    if k == 3 and norms[i + 2] == "nhân" and (toks.cap[i + 2] or i + 3 == len(norms) or not (
            norms[i + 3] in DETERMINERS or norms[i + 3] in LEVEL_WORDS.idx)):
        return 2
    return k


def _productive(toks: Toks, cand: list[int]) -> list[Mention]:
    """Productive names: an organ head followed by a capitalised name, a level word or a province; an
    office-holder of a collective (`Giám đốc các sở`); a head with a collective after it."""
    norms, texts = toks.norm, toks.text
    n = len(norms)
    found = []
    heads = HEADS.idx
    for i in [i for i in cand if norms[i] in heads
              and (CAPITALISED[texts[i]] or norms[i] in _LOWER_HEADS
                   or (i and norms[i - 1] == "chí" and _match_seq(norms, i, POSITIONS_ALL)))]:
        k = _head_length(toks, i)
        if not k:
            continue
        j, w = i + k, norms[i]      # (`w in X.fwd` before `_match_seq(norms, i, X)`: no call for most heads)
        if j < n and norms[j] in NOT_AFTER_HEAD and k == 1 \
                and not (toks.cap[j] and _match_seq(norms, j, NAME_COMPOUNDS) > 1):
            continue    # `Ban hành`, `Bộ luật`; but `Sở Quy hoạch - Kiến trúc`: a capitalised word of a name
        if j < n and norms[j] == "," and k == 1 and not (UPPER[texts[i]] and _match_seq(norms, i, STANDALONE)):
            continue        # `Ban, ngành`; but `Thường trực HĐND, UBND, ...`: an acronym names its organ
        nxt = i + 1 if k > 1 else j     # (the head's second word, or the word after a one-word head)
        if UPPER[texts[i]] and len(texts[i]) > 1 and nxt < n and UPPER[texts[nxt]] and len(texts[nxt]) > 1:
            continue        # all-caps headings and signature titles (`CHỦ TỊCH`): only gazetteer names
        if w in REGIONAL_HEADS.fwd and _match_seq(norms, i, REGIONAL_HEADS) == k and not _regional_unit(toks, j):
            continue        # `Luật Thuế Giá trị gia tăng`: `Thuế` names an organ only with where it serves
        e = _extend_name(toks, norms, j)
        if e < n and norms[e] == "và" and _match_seq(norms, i, JOINT_OFFICES) == k:
            e = _joint_office_end(toks, e)
        if w in DESCRIPTIVE.fwd and _match_seq(norms, i, DESCRIPTIVE):
            e = _descriptive_end(toks, e)
        if e == j and w in POSITIONS.fwd and _match_seq(norms, i, POSITIONS):
            e = _collective_at(norms, toks, j, bare=True) or e
            if e > j and norms[j] in DETERMINERS and j + 1 < n and toks.cap[j + 1] and _match_seq(norms, j + 1, HEADS):
                # `Tổng Giám đốc các Công ty TNHH Một thành viên X`: the organs' name after their head
                e = max(e, _extend_name(toks, norms, j + 1 + _match_seq(norms, j + 1, HEADS)))
        e = _units_of_kind_end(toks, norms, i, j) if e == j and k > 1 else e   # `Công an các đơn vị, địa phương`
        if e == j and k < 2 and not (w in STANDALONE.fwd and _match_seq(norms, i, STANDALONE)):
            # `Ủy ban nhân dân các xã`, `lực lượng Công an` handled by extension; bare heads are no organ
            if not (j < n and norms[j] in DETERMINERS):
                continue
            e = _collective_at(norms, toks, j)
            if not e:
                continue
        found.append(Mention(i, e, "productive"))
    if len(found) > 1:
        holders_of_named(found, toks)
    return found


def _regional_unit(toks: Toks, j: int) -> bool:
    """Whether a level word, a province or a unit's number follows a regional head at j (`Thuế tỉnh`)."""
    norms = toks.norm
    return j < len(norms) and not toks.para[j] and bool(
        _match_seq(norms, j, LEVEL_WORDS) or _match_seq(norms, j, _prov_seqs()) or _unit_number(toks, norms, j))


def _joint_office_end(toks: Toks, e: int) -> int:
    """End of the second organ an office serves, the locality both share printed after it (`Văn phòng HĐND`
    + `và UBND tỉnh`), or e: no organ head after `và`, or a first name complete with its own level word
    (`Văn phòng UBND tỉnh và Sở Y tế` are two bodies), or no organ an office serves (`joint_served`: `Văn phòng
    Tỉnh ủy và Trường Chính trị tỉnh` are two)."""
    norms = toks.norm
    k = _match_seq(norms, e + 1, HEADS) if e + 1 < len(norms) and toks.cap[e + 1] else 0
    if not k or toks.para[e + 1] or _ends_with(norms, e, LEVEL_WORDS) or not _match_seq(norms, e + 1, JOINT_SERVED) \
            or not any(_match_seq(norms, x, JOINT_SERVED) for x in range(max(0, e - 6), e)):
        return e    # (both organs must be ones an office serves: `Văn phòng Tỉnh ủy và UBND tỉnh` are two bodies)
    end = _extend_name(toks, norms, e + 1 + k)
    return end if _ends_with(norms, end, LEVEL_WORDS) or _ends_with(norms, end, _prov_seqs()) else e


def _descriptive_end(toks: Toks, e: int) -> int:
    """End of the description that names a committee or a centre (`Ban Chỉ đạo phòng, chống thiên tai`,
    `Trung tâm phục vụ hành chính công`): up to twelve words, to a cue, an aspect word, a new line that
    opens a sentence, another organ, a verb phrase or `và` + a determiner + a lower-case word (`Ban Quản lý dự
    án và các nhà thầu`: another member of a list; `Ban Quản lý Khu kinh tế X và các Khu công nghiệp Y` is one)."""
    norms = toks.norm
    n = len(norms)
    x = e
    while x < n and x - e < 12 and not toks.para[x]:
        if _closed_by_level(toks, x):
            break   # `Ban Chỉ đạo tỉnh` + `thành lập các đoàn`: the level word is a committee's last word
        k = _match_seq(norms, x + 1, LEVEL_WORDS) if norms[x] == "của" and x + 1 < n and not toks.cap[x + 1] else 0
        if k and (x + 1 + k == n or not toks.cap[x + 1 + k]):
            x += 1 + k
            break   # `Tổ công tác liên ngành của tỉnh`: the committee's level, after `của`, is its last word
        k = _match_seq(norms, x, NAME_FIELDS)
        if k:
            x += k      # `Ban Quản lý dự án đầu tư xây dựng các công trình giao thông tỉnh`: a field, not a verb
            continue
        if _descriptive_stop(toks, x) or (toks.cap[x - 1] and _ends_with(norms, x, _prov_seqs())):
            break   # (a province closes the name: `Trung tâm Đổi mới sáng tạo Hà Nội` + `phê duyệt`)
        x += 1      # (a capitalised verb is a word of the name: `Trung tâm Xúc tiến đầu tư và Hỗ trợ doanh nghiệp`)
    while x > e and norms[x - 1] in {"và", ",", "-", "hoặc"}:
        x -= 1      # `Ban bầu cử và` + `Tổ bầu cử`: a joiner before the next member is no word of the name
    return x


def _closed_by_level(toks: Toks, x: int) -> bool:
    """Whether the administrative level word before x closes a committee's name (`Ban Chỉ đạo phòng, chống
    thiên tai tỉnh`: the level comes last), a lower-case word after it being the clause's (not `tỉnh ủy`, and a
    capitalised place goes on: `Ủy ban bầu cử xã Lương Minh`)."""
    norms = toks.norm
    return x > 0 and norms[x - 1] in _ADMIN_LAST and not toks.cap[x] and ALPHA_FIRST[toks.text[x]] \
        and norms[x] not in {"ủy", "uỷ", "đoàn"} and bool(_ends_with(norms, x, LEVEL_WORDS))


_ADMIN_LAST = frozenset({"tỉnh", "huyện", "xã", "phường", "quận", "trấn", "phố", "ương"})
# (a committee's description ends: `Ban Chỉ đạo gồm ...`, `Đối với Hội đồng nhân dân thì Sở Y tế ...`)
_DESCRIPTION_END = frozenset({"hoặc", "gồm", "thì"})


def _descriptive_stop(toks: Toks, x: int) -> bool:
    """Whether the description of a committee's name ends before token x (`_descriptive_end`)."""
    norms, n = toks.norm, len(toks.norm)
    return not (toks.text[x][:1].isalnum() \
        and norms[x] not in CUE_FIRST and norms[x] not in _DESCRIPTION_END \
        and norms[x:x + 2] not in (["bao", "gồm"], ["định", "kỳ"], ["thông", "qua"]) \
        and not (norms[x] == "và" and x + 2 < n and not toks.cap[x + 1 + (norms[x + 1] in DETERMINERS)]
                 and (norms[x + 1] in DETERMINERS or _match_seq(norms, x + 1, _heads_sorted()) > 0)) \
        and norms[x] not in ASPECT and norms[x] != "những" \
        and not (norms[x] in _LINE_STOP_FIRST and toks.nl_before(x)
                 and (norms[x] in LINE_OPENERS or _person_marker(norms, x))) \
        and not (toks.cap[x] and norms[x] in HEADS.idx and _match_seq(norms, x, HEADS) > 1
                 and norms[x - 2:x] != ["đại", "biểu"]) \
        and not (norms[x] in _VERB_STOP_FIRST and not toks.cap[x] and _match_seq(norms, x, VERB_STOP)))


def _collectives(toks: Toks, cand: list[int]) -> list[Mention]:
    """Collectives: `các` + generic heads, or a bare head after a cue or opening a clause; not a list
    governed by a preposition (`của bộ, ngành, địa phương`), not a column heading alone in a cell."""
    norms = toks.norm
    n, coll_first, dets = len(norms), _heads_sorted().idx, DETERMINERS
    found: list[Mention] = []
    topic = n > 0 and norms[0] in HEADING_TOPIC.fwd    # (else `_topic_then` is False past token 0: no call per head)
    # (a bare head only where the test below may pass: no turn of the loop for the many that are ordinary words)
    for i in [i for i in cand if norms[i] in coll_first and (i == 0 or toks.para[i] or topic or norms[i] in dets
                                                             or norms[i - 1] in _BARE_BEFORE)
              or (norms[i] in dets and i + 1 < n and (norms[i + 1] in coll_first or norms[i + 1] in {"cơ", "cả"}))
              or (DIGITS[norms[i]] and _counted_kinds(norms, toks, i))]:
        w = "các" if DIGITS[norms[i]] else norms[i]     # (a count of kinds opens one as `các` does)
        if not (w in DETERMINERS or i == 0 or toks.para[i] or (topic and _topic_then(norms, i)) or (
                norms[i - 1] in _BARE_BEFORE and not (norms[i - 1] == "đạo" and (i < 2 or norms[i - 2] != "chỉ")))):
            continue    # a bare head after `chỉ đạo` is its object; after `lãnh đạo` it is `leaders of ...`
        e = _collective_at(norms, toks, i, bare=w not in DETERMINERS)
        if e and w not in DETERMINERS and i and norms[i - 1] == "," and _governed_list(toks, i - 1):
            continue    # `của bộ, ngành, địa phương`: the list after a preposition is a complement
        if e and w not in DETERMINERS and (i == 0 or toks.para[i]) and (e == n or toks.para[e]) \
                and _match_seq(norms, i, _heads_sorted()) == e - i:
            continue    # `| Đơn vị |` alone in a cell: a column heading (unit of measure, unit in charge)
        if e:
            found.append(Mention(i, e, "collective"))
    return found


_PARTY_COMMITTEE = (("đảng", "ủy"), ("đảng", "uỷ"))


def _last_committees(out: list[Mention], toks: Toks) -> list[Mention]:
    """The last member of a plural list of party committees, a bare `đảng ủy` + what says which (`các tỉnh
    ủy, thành ủy, đảng ủy trực thuộc Trung ương`): a body of its own.  Only after a list that opens with
    `các`: after `Ban Thường vụ tỉnh ủy, thành ủy, đảng ủy ...` it is the owner of the standing committee."""
    norms = toks.norm
    n = len(norms)
    for p in list(out):
        x = p.j + 1
        if DETERMINERS.intersection(norms[max(0, p.i - 1):p.i + 1]) and x + 2 < n and norms[p.j] == "," \
                and tuple(norms[x:x + 2]) in _PARTY_COMMITTEE \
                and not toks.cap[x] and not toks.para[x]:
            e = _heads_run(toks, norms, x + 2, tuple(norms[x:x + 2]))
            if e > x + 2:
                out = [m for m in out if not (x <= m.i < e)] + [Mention(x, e, "collective")]
    out.sort(key=_start_of)
    return out


def _with_leaders(out: list[Mention], toks: Toks) -> None:
    """`lãnh đạo` before an organ as the noun (its leaders) joins the organ's mention: after a verb of
    reporting (`báo cáo lãnh đạo Bộ`, `trình Lãnh đạo UBND tỉnh`; not `lãnh đạo X`, to lead X), or
    capitalised opening a clause (`Lãnh đạo Sở Y tế chủ trì`)."""
    norms = toks.norm
    if "đạo" not in toks.words:
        return
    for m in out:
        if m.i >= 3 and norms[m.i - 2] == "lãnh" and norms[m.i - 1] == "đạo" \
                and _ends_with(norms, m.i - 2, TO_LEADERS):
            m.i -= 2
    for m in out:
        if m.i >= 2 and toks.text[m.i - 2] == "Lãnh" and norms[m.i - 1] == "đạo" and toks.cap[m.i] \
                and m.kind in ("named", "productive") \
                and (m.i == 2 or toks.para[m.i - 2] or toks.nl_before(m.i - 2)
                     or norms[m.i - 3] in _CLAUSE_OPEN | {",", "và", "giao"}):
            m.i -= 2


def _with_members(out: list[Mention], toks: Toks) -> list[Mention]:
    """`(các) thành viên` before an organ names its members (`Các thành viên Ban Chỉ đạo có trách nhiệm`, `các sở,
    ngành thành viên Ban Chỉ đạo`): the organ's mention takes it, or the collective that ends on it the organ."""
    norms = toks.norm
    res: list[Mention] = []
    for m in out:
        i = m.i
        member = i >= 2 and norms[i - 2:i] == ["thành", "viên"] and m.kind in ("named", "productive") \
            and toks.cap[i] and not toks.para[i] and not toks.para[i - 1]
        if member and res and res[-1].j == i and res[-1].kind == "collective":
            res[-1].j = m.j     # `các sở, ngành thành viên` + `Ban Chỉ đạo`: one body
            continue
        if member and not (res and res[-1].j > i - 2):
            m.i = i - 2 - (i > 2 and norms[i - 3] == "các" and not (res and res[-1].j > i - 3) and not toks.para[i - 2])
        res.append(m)
    return res


_NAME_OPENERS = frozenset({"các", "những", "chí"})


def _name_heads(out: list[Mention], toks: Toks) -> None:
    """The words before a name that GOLD.md keeps as printed: `(các) đồng chí` before an office-holder
    (`các đồng chí Bí thư tỉnh ủy`, `đồng chí Phó Chủ tịch Thường trực`), and the determiner of organs
    named by their kind (`các tỉnh ủy, thành ủy`, `Các Bộ trưởng, Thủ trưởng cơ quan ngang Bộ`)."""
    norms = toks.norm
    taken = None
    for m in out:
        i = m.i
        if i == 0 or norms[i - 1] not in _NAME_OPENERS or m.kind not in ("named", "productive"):
            continue
        if taken is None:
            taken = {x for o in out for x in range(o.i, o.j)}
        if i >= 2 and norms[i - 2:i] == ["đồng", "chí"] and i - 2 not in taken \
                and (_match_seq(norms, i, POSITIONS_ALL) or _match_seq(norms, i, HEADS)):
            i -= 2
        if i >= 1 and norms[i - 1] in {"các", "những"} and i - 1 not in taken \
                and (not toks.cap[m.i] or _match_seq(norms, m.i, POSITIONS_ALL) or i < m.i):
            i -= 1
        m.i = i
