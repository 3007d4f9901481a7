"""Tails of the bodies stage: what follows a body's name and still belongs to it (GOLD.md: the name as
printed): an acronym in parentheses, the field an office-holder is in charge of, the field of a specialised
centre, a branch (`Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh`), and the scope words of the level system
(`Ủy ban bầu cử cùng cấp`, `Ban Tổ chức tỉnh ủy và tương đương`: `scope_tails`), and the relative clause that
says which organ of a kind (`Chi cục Hải quan nơi đăng ký tờ khai`).
"""
from __future__ import annotations

from pipeline.bodies.collectives import _is_acronym
from pipeline.bodies.descriptions import _is_verb, _kind_of_bodies
from pipeline.bodies.extent import Mention, _extend_tail, _prov_seqs
from pipeline.bodies.gazetteer import collective_heads, organs
from pipeline.bodies.lists import _CLAUSE_OPEN
from pipeline.bodies.localities import committee_alternatives, localities_of_organs, more_localities
from pipeline.bodies.owners import assembly_members, served_organs
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _VERB_STOP_FIRST,
    ADVERBIALS,
    ASPECT,
    CUE_COORD,
    CUE_FIRST,
    CUE_LEAD,
    DESCRIPTION_STOP,
    DETERMINERS,
    FIELD_STOP,
    HEADS,
    LABELS,
    LEAD_VERBS,
    LEVEL_LISTS,
    LEVEL_WORDS,
    LINE_OPENERS,
    NAME_FIELDS,
    POSITIONS_ALL,
    SCOPE_TAILS,
    STOP_LOW,
    TOPIC_OPENERS,
    VERB_STOP,
    WHICH_LOCALITIES,
)


def with_tails(out: list[Mention], toks: Toks, collectives: bool) -> list[Mention]:
    """The mentions with the tails that belong to their names (each pass only where its words occur)."""
    words = toks.words      # (the set of the token norms: each test below one look-up, no scan)
    if collectives or "(" in words or "trách" in words:
        _name_tails(out, toks)
    if "cùng" in words or "tương" in words:
        _scope_tails(out, toks)
    if "(" in words:
        _level_list_tails(out, toks)
    if ":" in words and collectives:
        _labelled_items(out, toks)
    if "nhánh" in words:
        out = _branch_tails(out, toks)
    if "-" in words:
        _appositions_cut(out, toks)
        out = _parent_tails(out, toks)
    if "số" in words:
        _numbered_tails(out, toks)
    _whole_places(out, toks)
    if "nơi" in words:
        _where_clauses(out, toks)
    # (bodies/localities.py, bodies/owners.py: each looks at the word after each mention, no scan of the text)
    out = assembly_members(committee_alternatives(out, toks), toks)
    if "việc" in words or "đảng" in words:       # (the last words of `serving`: `giúp việc`, `ban đảng`)
        out = served_organs(out, toks)
    if "các" not in words:
        return out
    return _described_organs(localities_of_organs(more_localities(out, toks), toks), toks)


def _name_tails(out: list[Mention], toks: Toks) -> None:
    """What follows an organ's name and belongs to it (GOLD.md: the name as printed): its acronym in
    parentheses (`Tập đoàn Bưu chính Viễn thông (VNPT)`), the field an office-holder is in charge of
    (`Phó Thủ tướng phụ trách lĩnh vực`, `Phó Chủ tịch UBND tỉnh phụ trách văn xã`) or the bodies of a kind
    are (`các cơ quan, đơn vị phụ trách địa bàn` + a verb), the field of a
    specialised centre named by a generic head (`trung tâm giáo dục thường xuyên`)."""
    norms = toks.norm
    n = len(norms)
    for m in out:
        j = m.j
        if j + 2 < n and norms[j] == "(" and norms[j + 2] == ")" and _is_acronym(toks.text[j + 1]) \
                and m.kind in ("named", "productive") and not toks.para[j]:
            m.j = j + 3
        elif j + 1 < n and norms[j:j + 2] == ["phụ", "trách"] and (m.kind == "collective" or (
                m.kind in ("named", "productive") and toks.text[m.i][:1].isupper()
                and (_match_seq(norms, m.i, POSITIONS_ALL) or _match_seq(norms, m.i, HEADS)))):
            x = j + 2
            while x < n and x - j < 6 and not toks.para[x] and toks.text[x][:1].isalpha() and not toks.cap[x] \
                    and not any(o.i == x for o in out) and norms[x] not in CUE_FIRST and norms[x] not in ASPECT \
                    and norms[x] not in STOP_LOW and norms[x] not in LINE_OPENERS and norms[x] not in DETERMINERS \
                    and norms[x] not in TOPIC_OPENERS \
                    and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
                x += 1
            if m.kind == "collective":
                # the bodies of a kind in charge of a field, up to the verb of their task (`các ban, văn phòng
                # Trung ương Đoàn phụ trách cụm hoạt động theo dõi ...`): a verb phrase or the next member of its
                # list must follow, after at most one more syllable of the field (`các tổ chức phụ trách bầu cử và
                # chính quyền cùng cấp`: `cử`, a verb elsewhere, ends `bầu cử`)
                y = x + 1 if x + 1 < n and norms[x] not in {"và", ","} and toks.text[x].isalpha() else x
                m.j = x if x > j + 2 and x < n and _match_seq(norms, x, VERB_STOP) > 1 else (
                    y if x > j + 2 and y < n and (_match_seq(norms, y, VERB_STOP) > 1 or norms[y] in {"và", ","}
                                                  and any(o.i == y + 1 for o in out)) else m.j)
            elif x > j + 2:
                m.j = x
            elif x == n or not toks.text[x][:1].isalpha() or norms[x] in DETERMINERS:
                m.j = x     # `báo cáo Phó Thủ tướng phụ trách những vấn đề ...`: the one in charge, no field named
        elif m.kind == "collective" and j < n and not toks.para[j] and _match_seq(norms, j, NAME_FIELDS):
            m.j = j + _match_seq(norms, j, NAME_FIELDS)


def _branch_tails(out: list[Mention], toks: Toks) -> list[Mention]:
    """A branch printed after an organ's full name is the body (`Ngân hàng Nhà nước Việt Nam chi nhánh tỉnh
    Tiền Giang`, `... - Chi nhánh Khu vực 9`): `chi nhánh` and the level, province or regional number after it;
    a bare `chi nhánh` with none of them after it stays out (`... và các chi nhánh ngân hàng`).  The branch's
    own name, found from its head (`Chi nhánh Khu vực 9`), is a word of the body, no body of its own."""
    norms = toks.norm
    n = len(norms)
    grown = []
    for m in out:
        x = m.j + (m.j < n and norms[m.j] in {"-", "–"})
        if m.kind not in ("named", "productive") or x + 2 >= n or norms[x:x + 2] != ["chi", "nhánh"] \
                or any(toks.para[y] for y in range(m.j, x + 3)):
            continue
        end = _extend_tail(toks, norms, x + 2)
        if end > x + 2:
            m.j = end
            grown.append(m)
    return [m for m in out if not any(g is not m and g.i <= m.i and m.j <= g.j for g in grown)]


def _whole_places(out: list[Mention], toks: Toks) -> None:
    """A productive name never ends inside the name of a place it closes with (`Ban Quản lý các khu công nghệ
    cao và khu công nghiệp thành phố Hà` + `Nội`: a cap on the words of a name cut the province in two)."""
    norms, cap = toks.norm, toks.cap
    seqs = _prov_seqs()
    for m in out:
        if m.kind != "productive" or m.j >= len(norms) or not cap[m.j - 1] or not cap[m.j]:
            continue    # (a name that ends on a capitalised word with another after it: the only case looked at)
        for y in range(max(m.i, m.j - 3), m.j):
            k = _match_seq(norms, y, seqs)
            if y + k > m.j and not any(toks.para[x] for x in range(m.j, y + k)):
                m.j = y + k
                break


def _appositions_cut(out: list[Mention], toks: Toks) -> None:
    """A name ends before a spaced dash that opens a kind of organ (`Sở Y tế - cơ quan thường trực`, `Văn phòng
    Sở - đơn vị đầu mối`): an apposition saying what part the organ plays, not words of its name (a field
    joined by a dash goes on: `tổ chức chính trị - xã hội`, `Lao động - Thương binh và Xã hội`)."""
    norms = toks.norm
    heads = collective_heads()
    for m in out:
        if m.kind != "productive":
            continue
        for x in range(m.i + 1, m.j - 1):
            if norms[x] in {"-", "–"} and not toks.cap[x + 1] and any(
                    heads.get(tuple(norms[x + 1:x + 1 + k])) in ("organ", "actor") for k in (1, 2)):
                m.j = x
                break


# the kinds of organ a unit's name may end with after a dash (`Vụ Pháp chế - Bộ Tài chính`)
_PARENT_KINDS = frozenset({"ministry", "ministry_level", "committee", "people_committee", "agency"})


def _parent_tails(out: list[Mention], toks: Toks) -> list[Mention]:
    """A unit's name printed with the organ it belongs to after a spaced dash is one body (`Vụ Pháp chế - Bộ
    Tài chính`, `Văn phòng - Ủy ban Dân tộc`): the organ names which unit, as `của` would; a unit of the
    gazetteer only (kind ministry_unit, or a productive name, `Phòng Tư pháp`), and a parent that is a ministry
    or a people's committee."""
    norms = toks.norm
    drop = set()
    for k in range(len(out) - 1):
        m, p = out[k], out[k + 1]
        if m.kind in ("named", "productive") and p.kind == "named" and p.i == m.j + 1 and norms[m.j] in {"-", "–"} \
                and not toks.para[m.j] and not toks.para[p.i] and p.organ and organs()[p.organ].kind in _PARENT_KINDS \
                and (m.kind == "productive" or (m.organ and organs()[m.organ].kind == "ministry_unit")) \
                and k not in drop:
            m.j = p.j
            drop.add(k + 1)
    return [m for k, m in enumerate(out) if k not in drop]


def _scope_tails(out: list[Mention], toks: Toks) -> None:
    """The scope words after a body that say which body of the level system is meant (`scope_tails`):
    `báo cáo Ủy ban bầu cử cùng cấp` is the committee of the same level, `Ban Tổ chức tỉnh ủy và tương
    đương` the board of every committee of that rank; they are the name's last words, never a new body."""
    norms = toks.norm
    for m in out:
        if m.kind == "province" or m.j >= len(norms) or toks.para[m.j]:
            continue
        k = _match_seq(norms, m.j, SCOPE_TAILS)
        if k:
            m.j += k


# words after `từ` that make it a time phrase (`từ nay`, `từ ngày 1/7`, `từ năm 2026`, `từ đầu năm`)
_TIME_AFTER_TU = frozenset({"nay", "ngày", "tháng", "năm", "quý", "đầu", "cuối", "giữa", "sau", "khi"})
# the joins of a list's items: an item after them is where a cue or a subject position puts the list
_LIST_JOIN = frozenset({",", "và"})


def _described_organs(out: list[Mention], toks: Toks) -> list[Mention]:
    """The organs of a kind of locality (`Ủy ban nhân dân các tỉnh`, `Chủ tịch UBND các tỉnh, thành phố`) keep
    the words that say which localities are meant, up to the verb of their task, when they open their clause,
    a cue assigns them or they are an item of a list: `Chủ tịch UBND các tỉnh, thành phố ven biển từ Quảng Ninh
    đến Nghệ An chỉ đạo ...`, `Yêu cầu UBND các tỉnh bị ảnh hưởng của bão tập trung ...`, `phối hợp với Bộ Quốc
    phòng và UBND các tỉnh biên giới tổ chức ...` (GOLD.md: the name as printed).  The words hold no comma, no
    other body (the provinces of a range are its words), no determiner or aspect word, and open
    with a word of place or of what befalls them (`which_localities`)."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    for m in out:
        if m.kind not in ("named", "productive") or "các" not in norms[m.i:m.j] or m.j >= n or toks.para[m.j] \
                or not (_ends_with(norms, m.j, LEVEL_WORDS) or norms[m.j - 2:m.j] == ["địa", "phương"]) \
                or not (m.i == 0 or toks.para[m.i] or norms[m.i - 1] in _CLAUSE_OPEN or norms[m.i - 1] in _LIST_JOIN
                        or _ends_with(norms, m.i, CUE_LEAD) or _ends_with(norms, m.i, CUE_COORD)):
            continue
        opener = _match_seq(norms, m.j, WHICH_LOCALITIES)
        if not opener or norms[m.j] == "từ" and m.j + 1 < n and norms[m.j + 1] in _TIME_AFTER_TU:
            continue    # (a verb the tables do not know may follow: `UBND các xã niêm yết công khai ...`; `từ nay
            # đến cuối năm` says when, not which localities)
        x, inside = m.j + opener, []     # (the opener's words may read as a verb elsewhere: `có biên giới`)
        while x < min(n, m.j + 14) and not toks.para[x] and not toks.nl_before(x) and not _is_verb(norms, x):
            o = next((y for y, p in enumerate(out) if p.i == x), None)
            if o is not None and out[o].kind != "province" or not toks.text[x][:1].isalpha() \
                    or norms[x] in DETERMINERS or norms[x] in ASPECT or norms[x] in DESCRIPTION_STOP:
                break
            inside += [o] if o is not None else []
            x += 1
        if x > m.j and x < n and _is_verb(norms, x) and not toks.para[x] and not toks.nl_before(x) \
                and any(not toks.cap[y] for y in range(m.j, x)):
            m.j = x
            drop.update(inside)
    return [m for k, m in enumerate(out) if k not in drop]


def _numbered_tails(out: list[Mention], toks: Toks) -> None:
    """A body's number printed after its name is part of it (`Đoàn kiểm tra số 2`, `Tổ công tác số 5`): one
    of several bodies of the same kind, told apart by `số` and the number."""
    norms = toks.norm
    n = len(norms)
    for m in out:
        j = m.j
        if m.kind in ("named", "productive") and j + 1 < n and norms[j] == "số" and norms[j + 1].isdigit() \
                and len(norms[j + 1]) <= 3 and not toks.para[j] and not toks.para[j + 1]:
            m.j = j + 2


def _level_list_tails(out: list[Mention], toks: Toks) -> None:
    """A parenthesis after a name's level word that lists levels or village units (`LEVEL_LISTS`: `Ủy ban nhân dân
    các cấp (tỉnh, huyện, xã)`, `chi ủy thôn (ấp, khu, bản...)`) belongs to the name: the levels it covers."""
    norms = toks.norm
    n = len(norms)
    for m in out:
        j = m.j
        if j + 2 >= n or norms[j] != "(" or toks.para[j] or not (_ends_with(norms, j, LEVEL_WORDS)
                                                                 or norms[j - 1] in {"cấp", "thôn", "ấp", "bản"}):
            continue
        x = j + 1
        while x < n and x - j < 16 and norms[x] != ")" and not toks.para[x] and _match_seq(norms, x, LEVEL_LISTS):
            x += _match_seq(norms, x, LEVEL_LISTS)
        if x < n and norms[x] == ")" and x > j + 1 and not any(j < o.i <= x for o in out):
            m.j = x + 1


def _labelled_items(out: list[Mention], toks: Toks) -> None:
    """A kind of bodies in the list a role label governs (`Đơn vị phối hợp: Các đơn vị xây dựng pháp luật, Vụ Phổ
    biến ...`) keeps its lower-case words up to the end of its item: a label's list names bodies and holds no verb
    of a task, so those words say which bodies of the kind are meant (GOLD.md: the name as printed)."""
    norms = toks.norm
    n = len(norms)
    starts = {m.i for m in out}
    listed = False
    for m in out:
        i = m.i
        q = _ends_with(norms, i - 1, LABELS) if i >= 2 and norms[i - 1] == ":" else 0
        # (a label with its head, `Đơn vị phối hợp:`; a bare `Thực hiện:` may open a clause, `Đoàn cấp huyện phân công`)
        listed = bool(q) and norms[i - 1 - q] in {"cơ", "đơn", "bộ"} or (listed and norms[i - 1] in {",", ";"})
        if not listed or not _kind_of_bodies(m, norms):
            continue
        x = m.j
        while x < n and x - m.j < 8 and not toks.para[x] and not toks.cap[x] and toks.text[x][:1].isalpha() \
                and x not in starts and norms[x] != "và" and norms[x] not in FIELD_STOP and norms[x] not in STOP_LOW \
                and not _match_seq(norms, x, ADVERBIALS):
            x += 1      # (no preposition or manner: `các sở, ngành theo chức năng, nhiệm vụ` is a list of its own)
        if x > m.j and x < n and norms[x] in {",", ";", "và"}:     # (an item with more of the list after it)
            m.j = x


# the longest relative clause after `nơi` kept in a name, in tokens
_WHERE_MAX = 9
# the words that open the main clause after it (`... nơi cư trú là ...`, `... thì ...`, `... phải ...`)
_WHERE_STOP = frozenset({"là", "thì", "phải", "cần", "để"})


def _where_clauses(out: list[Mention], toks: Toks) -> None:
    """`X nơi <clause>`: the relative clause after `nơi` says which organ of a kind is meant (`Chi cục Hải quan
    nơi đăng ký tờ khai`, `cấp ủy nơi đảng viên đang sinh hoạt`, `UBND cấp xã nơi xảy ra sự cố`): part of the name
    (GOLD.md: the name as printed), up to the main clause's verb, a punctuation mark or the next body; its first
    word may be a verb of its own (`nơi đăng ký`, `nơi có đất`)."""
    norms = toks.norm
    n = len(norms)
    for k, m in enumerate(out):
        j = m.j
        if m.kind == "province" or j + 1 >= n or norms[j] != "nơi" or toks.para[j] or toks.para[j + 1] \
                or not toks.text[j + 1][:1].isalpha():
            continue
        end = min(n, j + 1 + _WHERE_MAX)
        nxt = out[k + 1].i if k + 1 < len(out) else n
        y = j + 1
        if nxt <= y + 1:
            continue    # (`nơi Công an tỉnh đặt trụ sở`: another body in the clause)
        while y < end - 1 and norms[y] in ASPECT:
            y += 1      # (`nơi đã đăng ký`: the relative clause's verb after its aspect word)
        y += 1
        while y < end and y != nxt and not toks.para[y] and toks.text[y][:1].isalpha() and norms[y] not in _WHERE_STOP \
                and not (norms[y] in _VERB_STOP_FIRST and _match_seq(norms, y, VERB_STOP)) \
                and _match_seq(norms, y, LEAD_VERBS) < 2:
            y += 1
        if y < end and y != nxt or y == n:
            m.j = y     # (a clause with another body in it, or longer than `_WHERE_MAX`, is left out: no half clause)
