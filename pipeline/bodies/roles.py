"""Role assignment of the bodies stage: clauses of a task's text, groups of mentions (lists), and the
role of each group from the cue before it (`phối hợp`, `báo cáo ... về`, `giao`), what follows it
(a lead verb, an issuer's verb) and the directing verbs between groups (`X chỉ đạo Y`).
"""
from __future__ import annotations

import bisect
from itertools import compress

from pipeline.bodies.gazetteer import collective_heads
from pipeline.bodies.mentions import Mention, _heads_sorted
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq, _seq
from pipeline.bodies.vocab import (
    _GOVERNS,
    _LEAD_AT_START,
    _NONE_STRICT,
    _PUNCT_LIST,
    CARRY_OUT,
    CUE_COORD,
    CUE_DIRECT,
    CUE_FORWARD,
    CUE_LEAD,
    CUE_NONE,
    CUE_OVERSEE,
    CUE_OVERSEE_OF,
    CUE_REPORT,
    CUE_REPORT_TO,
    DETERMINERS,
    DUTY,
    FIELD_NONE,
    FIELD_REPORT,
    FILLER,
    FRONTED_SOURCE,
    GUIDE,
    ISSUER_VERBS,
    LABELS,
    LABELS_ROLE,
    LEAD_KEEP,
    LEAD_STRONG,
    LEAD_VERBS,
    LEVEL_FIRST,
    LEVEL_WORDS,
    MODIFIERS,
    PASSIVE_DO,
    REPORT_AS_NOUN,
    SHARED_HEADS,
)

_LIST_INTRO = {"tỉnh", "phố", "huyện", "xã", "phường", "phương", "quận"}
_CLAUSE_PUNCT = {";", "!", "?", ".", ":"}


def _clauses(toks: Toks) -> list[tuple[int, int]]:
    out, s = [], 0
    texts, paras, caps = toks.text, toks.para, toks.cap
    n = len(texts)
    punct = _CLAUSE_PUNCT
    ks = list(compress(range(n), map(punct.__contains__, texts)))
    if any(paras):
        ks = sorted(set(ks).union(compress(range(n), paras)))
    for k in ks:
        t = texts[k]
        para = paras[k]
        end = t in {";", "!", "?"} or (t in {".", ":"} and (k + 1 == n or caps[k + 1])
                                        and not (t == ":" and k and (toks.norm[k - 1] in _LIST_INTRO
                                                                     or _ends_with(toks.norm, k, SHARED_HEADS))
                                                 and "các" in toks.norm[max(0, k - 5):k])) \
            or (k > s and para and k + 1 < n and texts[k - 1] in {".", ":", ";"})
        if para and k > s and not end:
            # a paragraph break after a heading line (`Sở Y tế` / `Sở Y tế:`) ends the clause
            if toks.text[k - 1] in {":", ".", ";"} or not toks.text[k - 1][:1].isalpha() or _heading_like(toks, s, k):
                out.append((s, k))
                s = k
                continue
        if end:
            out.append((s, k + 1 if t != "\n" else k))
            s = k + 1
    if s < len(toks):
        out.append((s, len(toks)))
    return out


def _heading_like(toks: Toks, s: int, k: int) -> bool:
    return k - s <= 14


def _groups(ms: list[Mention], norms: list[str]) -> list[list[Mention]]:
    """Mentions joined by `,` / `và` / `;` inside a list form one group."""
    groups: list[list[Mention]] = []
    for m in ms:
        if groups:
            last = groups[-1][-1]
            between = norms[last.j:m.i]
            if between[:1] == ["("] and ")" in between[:12]:
                # `chi ủy thôn (ấp, khu, bản) đơn vị cấp dưới`: a parenthesis inside a list
                between = between[between.index(")") + 1:]
            if len(between) <= 3 and all(w in _PUNCT_LIST or w in {"các", "tỉnh", "thành", "phố", ":", "với"}
                                         for w in between):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


# nouns that make `phối hợp` (without `với`) after them a noun phrase (`quy chế phối hợp các đơn vị`);
# `lập kế hoạch phối hợp với X`, `ký quy chế phối hợp với X` still coordinate with X
_COORD_NOUNS = _seq("quy chế", "cơ chế", "văn bản", "biên bản", "thỏa thuận", "chương trình", "kết quả", "kế hoạch")


def _role_before(norms: list[str], s: int, i: int) -> tuple[str | None, bool]:
    """(role from the cue just before token i, whether the mention is at the clause's start)."""
    j = i
    # skip fillers, and a determiner left outside the mention (`Các tỉnh Nghệ An, Quảng Ngãi`)
    while j > s and (norms[j - 1] in FILLER or (j == i and norms[j - 1] in DETERMINERS)
                     or (j < i and norms[j - 1] in DETERMINERS and norms[j] in LEVEL_FIRST)):
        j -= 1
    if j == s:
        return "lead", True
    k = _ends_with(norms, j, CUE_COORD)
    if k:
        if norms[j - 1] not in {"với", "cùng"} and _ends_with(norms, j - k, _COORD_NOUNS):
            return None, False      # `quy chế phối hợp các đơn vị`: a document between parties, no cue
        return "coordinate", False
    k = _ends_with(norms, j, CUE_REPORT)
    if k:
        if "," in norms[j:i] or (j - k > s and norms[j - k - 1] in REPORT_AS_NOUN):
            return None, False      # `Theo báo cáo, Sở Y tế ...`: a report named as a source, no cue
        return "report_to", False
    if _ends_with(norms, j, CUE_FORWARD):
        return "lead", False        # `chuyển đơn đến X để giải quyết`: X handles the matter
    k = _ends_with(norms, j, CUE_REPORT_TO)
    if k and not _opening_cue(norms, s, j):     # `Giao cho X ...` opening the clause assigns
        # `báo cáo (kết quả ...) về X`, `gửi ... về X`; not `kiến nghị với X`, `trình lên X`
        if _ends_with(norms, j - k, CUE_NONE) and norms[j - k - 1] not in {"cáo", "gửi"}:
            return None, False
        lo = max(s, j - 28)
        window = norms[lo:j - k]
        for c in CUE_REPORT:
            for x in range(len(window) - len(c) + 1):
                if tuple(window[x:x + len(c)]) == c:
                    return "report_to", False
        if norms[j - 1] in {"về", "cho"}:
            return None, False
    k = _ends_with(norms, j, CUE_NONE)
    if k and not _ends_with(norms, j, CUE_LEAD):
        return None, False
    k = _ends_with(norms, j, CUE_LEAD)
    if k:
        # `giao`/`đề nghị` at the clause start, or `chỉ đạo` objects
        before = j - k
        while before > s and norms[before - 1] in FILLER:
            before -= 1
        if before != s and tuple(norms[j - k:j]) in _LEAD_AT_START:
            # `do X ban hành` (the agent of a past act), `... và hướng dẫn X`: only a clause-opening
            # `Do X đầu tư`, `Hướng dẫn X ...`, `Phân công X ...` names who acts
            return None, False
        return "lead", before == s
    return None, False


def _role_after(norms: list[str], j: int, e: int, window: int = 0) -> str | None:
    """What follows a group: 'issuer' (`yêu cầu`), 'lead' (a lead verb, or nothing: a heading).
    With `window`, a strong lead verb (`có trách nhiệm`, `chủ trì`) up to that many tokens on counts."""
    if j >= e or norms[j] in {":", ".", ";"}:
        return "end"
    k = _match_seq(norms, j, ISSUER_VERBS)
    if k and norms[j:j + k] == ["hướng", "dẫn"] and j + k < e and norms[j + k] not in {":", "như", "cụ"}:
        k = 0       # `Bộ X hướng dẫn như sau:` issues; `Sở Y tế hướng dẫn thực hiện` does the work
    if k and not _match_seq(norms, j, CUE_OVERSEE) and not (
            norms[j:j + k] == ["quyết", "định"] and j + k < e and norms[j + k][:1].isalpha()):
        # `UBND tỉnh quyết định:` issues; `UBND xã quyết định thành lập đoàn kiểm tra` acts
        return "issuer"
    if _match_seq(norms, j, LEAD_VERBS):
        return "lead"
    for x in range(j + 1, min(e, j + window)):
        if norms[x] in {",", ";", ":"} and x + 1 < e and norms[x + 1] not in DETERMINERS:
            if norms[x] != ",":
                return "lead"
        if _match_seq(norms, x, LEAD_STRONG):
            return "lead"
    return "lead" if window and min(e, j + window) == e else None


def _short_items(gap: list[str]) -> bool:
    """A run of short list items, each of one to three words after its comma (`, từng cán bộ, công
    chức, người lao động,`): members of the list that are no body (people, the public)."""
    if gap[0] != "," or gap[-1] != "," or len(gap) > 20:
        return False
    items = " ".join(gap[1:-1]).split(" , ")
    return len(items) <= 6 and all(1 <= len(x.split()) <= 3 for x in items)


def _subject_chain(norms: list[str], a: int, b: int) -> bool:
    """The words between two mentions of a subject list only describe the first (`thuộc cơ quan
    Bộ`, `trên địa bàn`): no verb or cue among them, and few."""
    gap = norms[a:b]
    if any(w in {";", ":", "."} for w in gap):
        return False
    if len(gap) > 8 and not _short_items(gap):
        return False
    return not any(_match_seq(norms, y, LEAD_STRONG) or _match_seq(norms, y, CUE_COORD)
                   or _match_seq(norms, y, CUE_REPORT) or _match_seq(norms, y, _NONE_STRICT)
                   for y in range(a, b))


_REQUEST = {"nghị", "cầu", "giao"}      # the last words of `đề nghị`, `yêu cầu`, `giao`


def _people_only(norms: list[str], m: Mention) -> bool:
    """Whether a collective names only people, households and firms (`collectives.tsv` kind `actor`; the
    members of a body, `thành viên`, are no applicants)."""
    heads, kinds = collective_heads(), []
    for x in range(m.i, m.j):
        k = _match_seq(norms, x, _heads_sorted())
        if k:
            head = tuple(norms[x:x + k])
            kinds.append("member" if head == ("thành", "viên") else heads[head])
    return bool(kinds) and all(k == "actor" for k in kinds)


def _strong_verb_soon(norms: list[str], j: int, e: int) -> bool:
    """A duty (`phải`, `chịu trách nhiệm` ...) within four plain words after j, none of them a
    preposition (`... tổ chức ở trung ương để thực hiện`: a purpose, no subject)."""
    for x in range(j, min(e, j + 5)):
        if _match_seq(norms, x, DUTY):
            return True
        if not norms[x][:1].isalpha() or norms[x] in _GOVERNS or norms[x] in {"để", "đến", "khi", "chưa"}:
            return False
    return False


def _account(norms: list[str], j: int, e: int) -> bool:
    """Whether the words after a group tell what it did (`đã kiểm tra`, `cũng đã ...`), not what it must
    do (`đã được giao` is still a task)."""
    if j < e and norms[j] == "cũng":
        j += 1
    return j + 1 < e and norms[j] == "đã" and norms[j + 1] != "được"


def _field_label(norms: list[str], x: int, e: int, cms: list[Mention]) -> str | None:
    """The role of the list after a field label `<generic head> <one to three words>:` whose words say
    it: `Đơn vị được chọn:`, `Đơn vị lựa chọn:` name no assignment ('none'), `Cơ quan nhận báo cáo:`
    receives reports; other words leave the list to the usual rules (''); not a field label: None.
    Role labels (`Đơn vị chủ trì:`) are `LABELS`."""
    if len(cms) != 1 or norms[e - 1] != ":" or e - x > 6:
        return None
    m = cms[0]
    if m.kind != "collective" or m.i != x or norms[x] in DETERMINERS or not 1 <= e - 1 - m.j <= 3:
        return None
    words = norms[m.j:e - 1]
    if _match_seq(words, 0, LEVEL_WORDS) or _match_seq(words, 0, MODIFIERS):
        return None     # `Cấp ủy cơ sở:`: a heading that names the item's body
    if any(_match_seq(words, y, FIELD_NONE) for y in range(len(words))):
        return "none"
    if any(_match_seq(words, y, FIELD_REPORT) for y in range(len(words))):
        return "report_to"
    return ""


def _opening_cue(norms: list[str], s: int, j: int) -> bool:
    """Whether a lead cue ending at j opens the clause (`Giao cho Sở X ...`; not `... dự toán giao cho X`,
    `bàn giao cho X`, where the words tell what was handed over)."""
    k = _ends_with(norms, j, CUE_LEAD)
    if not k:
        return False
    x = j - k
    while x > s and norms[x - 1] in FILLER:
        x -= 1
    return x == s


def _cued_lead(norms: list[str], s: int, i: int) -> bool:
    """Whether a lead cue (`giao`, `đề nghị`, `yêu cầu`) stands right before token i (fillers and a
    determiner skipped)."""
    j = i
    while j > s and (norms[j - 1] in FILLER or norms[j - 1] in DETERMINERS):
        j -= 1
    return j > s and bool(_ends_with(norms, j, CUE_LEAD))


def _bare_list(norms: list[str], x: int, e: int, cms: list[Mention]) -> bool:
    """Whether the clause from x to e holds only the names of its mentions and list punctuation (an item
    of a `;` list after a field label: `Đơn vị phối hợp: Sở A; Sở B; Công an tỉnh.`)."""
    if not cms:
        return False
    inside = bytearray(e - x)
    for m in cms:
        inside[max(m.i, x) - x:min(m.j, e) - x] = b"\x01" * (min(m.j, e) - max(m.i, x))
    return all(inside[y - x] or norms[y] in _PUNCT_LIST or norms[y] in FILLER or norms[y] in DETERMINERS
               or norms[y] in {";", "."} for y in range(x, e))


def _directs_alone(norms: list[str], g: list[Mention], e: int) -> bool:
    """A directing verb right after a subject group with no body after it in the clause (`Giao X lãnh đạo,
    chỉ đạo việc sắp xếp`, `X trực tiếp chỉ đạo kiểm tra`): the subject oversees the work."""
    k = _match_seq(norms, g[-1].j, CUE_OVERSEE) if g[-1].j < e else 0
    # the work it directs follows the verb at once; `X trực tiếp chỉ đạo, kiểm tra và xử lý ...` lists duties
    # X carries out itself, and a bare `X chỉ đạo.` names no work
    return bool(k) and g[-1].j + k < e and norms[g[-1].j + k][:1].isalpha() and norms[g[-1].j + k] != "và"


def _passive_agent(norms: list[str], g: list[Mention], s: int, e: int) -> bool:
    """Whether the group after `được` is the agent of a task stated in the passive: no past marker
    before (`đã được X thông qua` tells what was done) and a verb of doing right after it (`PASSIVE_DO`)."""
    b = g[0].i - 1
    if b - 1 >= s and norms[b - 1] in {"đã", "đang", "vừa", "mới", "từng", "không", "chưa", "sẽ", "khi", "được"}:
        return False
    if any(_match_seq(norms, y, _NOT_MAIN_CLAUSE) for y in range(s, b)):
        return False    # `Nếu liên quan đến người được MTTQ xã giới thiệu`: a condition or a described person
    return bool(g[-1].j < e and _match_seq(norms, g[-1].j, PASSIVE_DO))


# words before a passive `được X ...` that make it a condition or a relative clause, not the task's statement
# (`trường hợp`, not the `trường` of `thị trường`)
_NOT_MAIN_CLAUSE = _seq("nếu", "khi", "đối với", "liên quan", "người", "trường hợp")


def _fronted_source(norms: list[str], x: int, e: int, cms: list[Mention]) -> bool:
    """`Theo chỉ đạo của X, ...` opening the clause (from x): X is the source of the instruction the
    clause carries out, no body of the task (a comma and more words follow its name)."""
    while x < e and norms[x] in FILLER:
        x += 1
    if not cms or not (cms[0].j + 1 < e and norms[cms[0].j] == ","):
        return False
    x += _match_seq(norms, x, CARRY_OUT)       # `Thực hiện theo chỉ đạo của Thủ tướng Chính phủ, Sở X ...`
    k = _match_seq(norms, x, CUE_OVERSEE_OF)
    if k and x + k == cms[0].i:
        return True
    # `Theo báo cáo của Sở Y tế, ...`, `Căn cứ đề nghị của Sở X, ...`: the body a fronted source belongs to
    return bool(_match_seq(norms, x, FRONTED_SOURCE)) and norms[cms[0].i - 1] == "của" \
        and cms[0].i - x <= 8 and not any(w in {",", ";", ":"} for w in norms[x:cms[0].i])


def _guiding_verb(texts: list[str], norms: list[str], s: int, v: int) -> bool:
    """Whether the guiding verb at v is the clause's own: not a noun (`về việc hướng dẫn`, `văn bản hướng
    dẫn`, `theo hướng dẫn`), not the title of a document (`Hướng dẫn` capitalised inside a sentence), and
    not in the description of a cited document (`Thông tri số 04 ... hướng dẫn Ủy ban MTTQ kiểm tra`)."""
    if v > s and (norms[v - 1] in _GUIDE_AS_NOUN or texts[v][:1].isupper()):
        return False
    return not any(norms[y] == "số" and norms[y + 1][:1].isdigit() for y in range(s, v - 1))


# words before `hướng dẫn` that make it a noun
_GUIDE_AS_NOUN = frozenset({"việc", "theo", "văn", "bản", "tác", "các", "những", "tại", "của"})


def _guided(norms: list[str], groups: list[list[Mention]], roles: list[str | None], s: int, e: int,
            toks_text: list[str]) -> set[int]:
    """`(X) hướng dẫn Y, Z triển khai`: the organs a guiding verb governs, with a verb of doing after them,
    lead; the subject right before the verb oversees them (`Sở Nội vụ hướng dẫn Sở Y tế thực hiện`).  Firms
    and people guided (`hướng dẫn các doanh nghiệp thực hiện`) are the public served: no body.  The
    groups made objects (their numbers)."""
    objects: set[int] = set()
    for gi, g in enumerate(groups):
        x = g[0].i
        while x > s and norms[x - 1] in DETERMINERS:
            x -= 1
        k = _ends_with(norms, x, GUIDE)
        after = g[-1].j + (g[-1].j < e and norms[g[-1].j] == "và")     # (`... và tổ chức triển khai`)
        if not k or roles[gi] not in {None, "lead"} or _role_after(norms, after, e) != "lead" \
                or all(m.kind == "collective" and _people_only(norms, m) for m in g) \
                or not _guiding_verb(toks_text, norms, s, x - k):
            continue
        roles[gi] = "lead"
        objects.add(gi)
        subj = groups[gi - 1] if gi else None
        if subj and subj[-1].j == x - k and roles[gi - 1] in {None, "lead"} and gi - 1 not in objects \
                and (roles[gi - 1] == "lead" or _role_before(norms, s, subj[0].i)[1]):
            roles[gi - 1] = "oversee"
    return objects


def assign_roles(toks: Toks, ms: list[Mention]) -> list[tuple[Mention, str]]:
    norms = toks.norm
    out: list[tuple[Mention, str]] = []
    if not ms:
        return out
    starts = [m.i for m in ms]
    carry: str | None = None
    list_carry: str | None = None
    heading: list[int] = []     # entries of `out` of a heading clause `X:` just before
    coord_next = False          # the clause before ended on the bodies a `phối hợp` governs
    for s, e in _clauses(toks):
        # `Đơn vị chủ trì: X` / `Cơ quan phối hợp: Y, Z` label the clause (or the next one)
        x = s
        while x < e and norms[x] in FILLER:
            x += 1
        k = max(_match_seq(norms, x, CUE_OVERSEE), _match_seq(norms, x, CUE_DIRECT))
        if heading and k and norms[x:x + k] != ["lãnh", "đạo"]:     # (`X: Lãnh đạo Cục`: X is the leaders)
            # `Sở Y tế: Chỉ đạo các đơn vị trực thuộc ...`: the body the heading names directs the work
            for q in heading:
                out[q] = (out[q][0], "oversee")
        heading = []
        coord_prev, coord_next = coord_next, False
        n_out = len(out)
        label = None
        k = _match_seq(norms, x, LABELS)
        if k and x + k < len(norms) and norms[x + k] == ":":
            label = LABELS_ROLE[tuple(norms[x:x + k])]
            x += k + 1
        a = bisect.bisect_left(starts, x)
        cms = ms[a:bisect.bisect_left(starts, e, a)]
        if label and not cms:
            carry = label
            continue
        field = None if label else _field_label(norms, x, e, cms)
        if field is not None:
            # `Đơn vị được chọn: A, B`, `Cơ quan nhận báo cáo: X`: the label's head is a field name, not a
            # subject; its words may give the list after it a role
            carry = field or None
            continue
        if list_carry and not label and _bare_list(norms, x, e, cms):
            label = list_carry  # `Đơn vị phối hợp: A; B; C`: the label governs every item of its `;` list
        list_carry = None
        label = label or carry
        carry = None
        if not cms or label == "none":
            continue
        if label:
            out.extend((m, label) for m in cms)
            if norms[e - 1] == ";":
                list_carry = label
            continue
        if _fronted_source(norms, x, e, cms):
            # `Theo chỉ đạo của Thủ tướng Chính phủ, Sở Y tế ...`, `Trên cơ sở đề xuất của A, B hoặc C, Sở X
            # chủ trì`: the sources are no body; the last name of their list is the subject
            run = _groups(cms, norms)[0]
            # the sources run to the member a conjunction joins (`A, B hoặc C`), else the first one
            joined = [q for q in range(1, len(run) - 1) if {"hoặc", "và"} & set(norms[run[q - 1].j:run[q].i])]
            cms = cms[(joined[-1] + 1) if joined else 1:]
            if not cms:
                continue
        groups = _groups(cms, norms)
        past = [gi for gi, g in enumerate(groups) if _account(norms, g[-1].j, e)]
        first = 0
        if past:
            # `Bộ X đã chủ động kiểm tra ...`: an account of what was done, not a task; unless a request
            # follows it (`Đối với các cơ sở đã đầu tư ..., đề nghị đơn vị ...`): only what follows counts
            ask = next((x for x in range(groups[past[-1]][-1].j, e) if norms[x] in _REQUEST
                        and _ends_with(norms, x + 1, CUE_LEAD)), None)
            if ask is None:
                continue
            first = next((gi for gi, g in enumerate(groups) if g[0].i > ask), len(groups))
        roles: list[str | None] = []
        extra: dict[int, set[str]] = {}
        for gi, g in enumerate(groups):
            if gi < first:
                roles.append(None)
                continue
            role, at_start = _role_before(norms, s, g[0].i)
            after = _role_after(norms, g[-1].j, e, 16 if g[0].kind == "collective" else 0)
            if after is None and s == 0 and at_start and g[0].kind == "collective" and norms[g[0].i] in DETERMINERS \
                    and "thì" not in norms[g[-1].j:e] \
                    and any(_match_seq(norms, y, LEAD_STRONG) for y in range(g[-1].j + 16, e)):
                # the collective that opens the item is its subject up to a strong verb anywhere in the
                # clause (`Thứ nhất, các bộ, ngành, các nhà đầu tư trên tinh thần “...”, ... chủ động ...`);
                # not a topic (`Các đơn vị ... thì Ban Thường vụ ...`)
                after = "lead"
            prev = norms[g[0].i - 1] if g[0].i > s else ""
            if role == "lead" and at_start and after == "issuer" and not _cued_lead(norms, s, g[0].i):
                role = None     # `UBND tỉnh yêu cầu:` issues; `Giao Sở Y tế hướng dẫn ...` assigns
            elif role == "lead" and at_start and s and norms[s - 1] == "." and norms[e - 1] == "." \
                    and not toks.para[s] and len(groups) == 1 and e - 1 - g[-1].j <= 3 \
                    and not any(_match_seq(norms, y, LEAD_VERBS) for y in range(g[-1].j, e - 1)):
                # a sentence that is only a name, inside a paragraph (`... gồm: Hội khuyến học. Các doanh
                # nghiệp.`): an item of an enumeration, not a heading naming the task's body
                role = None
            elif role == "lead" and at_start and g[0].kind == "collective" and after not in {"lead", "end"} \
                    and not _ends_with(norms, g[0].i, CUE_LEAD):
                # a collective opening the clause is its subject only before a verb of doing; after
                # `Chỉ đạo, hướng dẫn` it is the object
                role = None
            elif role is None and prev == "thì" and after == "lead":
                role = "lead"       # `Nếu ... thì Sở X chủ trì`, `Các đơn vị ... thì Ban Thường vụ ... chỉ đạo`
            elif role is None and prev in {",", "và"} and gi and roles[gi - 1] in {"lead", "coordinate", "report_to"} \
                    and _subject_chain(norms, groups[gi - 1][-1].j, g[0].i) and after != "issuer":
                # a list goes on after words describing its previous member: `Thủ trưởng đơn vị thuộc
                # Bộ, Giám đốc Công an tỉnh, ... chịu trách nhiệm`, `phối hợp với trung tâm giáo dục
                # thường xuyên, các trường phổ thông`
                role = roles[gi - 1]
            elif role is None and after == "lead" and prev == "," and (
                    g[0].kind != "collective" or norms[g[0].i] in DETERMINERS
                    or _role_after(norms, g[-1].j, e) == "lead" or _strong_verb_soon(norms, g[-1].j, e)):
                # `Trên cơ sở ..., Sở X chủ trì`; a bare generic head in a list of things (`tình hình thế
                # giới, trong nước, địa phương, đơn vị và ...`) only right before its verb, or a few
                # words that name it before a strong one (`..., bộ phận xử lý đơn thư phải ...`)
                role = "lead"
            elif role is None and prev == "(" and g[0].i - 2 >= s and norms[g[0].i - 2] == "qua" \
                    or (prev == "qua" and g[0].i - 2 >= s and norms[g[0].i - 2] == "("):
                # `báo cáo về Bộ X (qua Cục Y)`: Y receives the report too
                if gi and roles[gi - 1] == "report_to":
                    role = "report_to"
            if role is None and after == "lead" and len(g) > 1 and (g[0].i == s or norms[g[0].i - 1] not in _GOVERNS) \
                    and g[-1].kind in ("named", "productive") and not _ends_with(norms, g[0].i, CUE_NONE):
                # `Đối với ... đại biểu Quốc hội, Ban Thường trực X phải ...`: the subject is the
                # mention right before the verb, after the last comma
                last = max(x for x, m in enumerate(g) if norms[m.i - 1] == ",") if any(
                    norms[m.i - 1] == "," for m in g[1:]) else None
                if last and last == len(g) - 1 and _role_after(norms, g[-1].j, e) == "lead":
                    out.append((g[-1], "lead"))
            if role is None and prev == "được" and _passive_agent(norms, g, s, e):
                role = "lead"       # `Bản tin ... được Sở X biên soạn hằng tháng`: the agent does the work
            if role is None and _ends_with(norms, g[0].i, CUE_OVERSEE_OF):
                # `như chỉ đạo của Bộ trưởng Bộ Y tế`
                role = "oversee"
            if gi == 0 and coord_prev and role == "lead" and g[0].i <= x + 1:
                role = "coordinate"     # `phối hợp Ban Quản lý X; các doanh nghiệp và các đơn vị liên quan ...`
            roles.append(role)
        # `X (lãnh đạo,) chỉ đạo Y` / `X đôn đốc Y`: X oversees, Y leads
        objects: set[int] = _guided(norms, groups, roles, s, e, toks.text)
        for gi, g in enumerate(groups):
            if gi + 1 >= len(groups) or gi in objects or roles[gi] not in {"lead", None}:
                continue
            nxt = groups[gi + 1]
            k = _match_seq(norms, g[-1].j, CUE_OVERSEE)
            if k:
                gap = norms[g[-1].j + k:nxt[0].i]
                if len(gap) <= 6 and roles[gi + 1] in {None, "lead"} \
                        and (roles[gi] is not None or _role_before(norms, s, g[0].i)[1]):
                    roles[gi] = "oversee"
                    roles[gi + 1] = "lead"
                    objects.add(gi + 1)
                continue
            if roles[gi] != "lead":
                continue
            # the directing verb later in the subject's clause, right before the next group
            x = nxt[0].i
            while x > g[-1].j and norms[x - 1] in DETERMINERS:
                x -= 1
            k = _ends_with(norms, x, CUE_DIRECT)
            if not k or any(w in {";", ":"} for w in norms[g[-1].j:x - k]):
                continue
            if any(_match_seq(norms, y, CUE_COORD) or _match_seq(norms, y, CUE_REPORT) for y in range(g[-1].j, x - k)):
                continue
            if any(_match_seq(norms, y, LEAD_KEEP) for y in range(g[-1].j, x - k)):
                extra.setdefault(gi, set()).add("oversee")
            else:
                roles[gi] = "oversee"
            roles[gi + 1] = "lead"
            objects.add(gi + 1)
        for gi, g in enumerate(groups):
            if roles[gi] == "lead" and gi not in objects and _directs_alone(norms, g, e) and not any(
                    roles[h] in {"lead", None} and h not in objects for h in range(gi + 1, len(groups))):
                roles[gi] = "oversee"
        for gi, (g, r) in enumerate(zip(groups, roles)):
            for role in ([r] if r else []) + sorted(extra.get(gi, ())):
                for m in g:
                    if role == "report_to" and m.kind == "collective" and _people_only(norms, m):
                        continue    # `gửi phiếu hẹn cho tổ chức, cá nhân`: applicants are served, not reported to
                    out.append((m, role))
        coord_next = norms[e - 1] == ";" and groups[-1][-1].j == e - 1 and roles[-1] == "coordinate"
        if norms[e - 1] == ":" and len(groups) == 1 and groups[0][0].i == x and groups[0][-1].j == e - 1:
            heading = [q for q in range(n_out, len(out)) if out[q][1] == "lead"]
    return out
