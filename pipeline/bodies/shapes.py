"""Shapes of a clause that decide roles beyond the cue: subject lists, past accounts, field labels,
`;` lists, passives, fronted sources, directing and guiding verbs.
"""
from __future__ import annotations

import bisect

from pipeline.bodies.clauses import _groups
from pipeline.bodies.cues import _denied_duty, _role_after, _role_before
from pipeline.bodies.gazetteer import collective_heads
from pipeline.bodies.mentions import Mention, _heads_sorted
from pipeline.bodies.tokens import _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _GOVERNS,
    _NONE_STRICT,
    _PUNCT_LIST,
    CARRY_OUT,
    CUE_COORD,
    CUE_FIRST,
    CUE_NONE,
    CUE_OVERSEE,
    CUE_OVERSEE_OF,
    CUE_REPORT,
    DETERMINERS,
    DUTY,
    FIELD_NONE,
    FIELD_REPORT,
    FILLER,
    FRONTED_OPENERS,
    FRONTED_SOURCE,
    GUIDE,
    GUIDE_AS_NOUN,
    LEAD_STRONG,
    LEVEL_WORDS,
    MODIFIERS,
    NOT_MAIN_CLAUSE,
    PASSIVE_DO,
    TASK_SUBJECTS,
    TOPIC_FRONTED,
    past_fillers,
)


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
    """Whether the group after `được` (or `do`, in a clause that opens with the task: `Việc kiểm tra do X ...`,
    `TASK_SUBJECTS`) is the agent of a task stated in the passive: no past marker before (`đã được X thông qua`
    tells what was done) and a verb of doing right after it (`PASSIVE_DO`)."""
    b = g[0].i - 1
    if norms[b] == "do":
        x = past_fillers(norms, s, b)
        if not _match_seq(norms, x, TASK_SUBJECTS) or b - x > 10 or any(w in _GOVERNS for w in norms[x:b]):
            return False    # `Tham dự các hội nghị do Sở Y tế chủ trì`, `... với cơ sở dữ liệu do X quản lý`: it
            # describes a thing; only right after the task (no other noun a preposition brings in) is X its doer
    if b - 1 >= s and norms[b - 1] in {"đã", "đang", "vừa", "mới", "từng", "không", "chưa", "sẽ", "khi", "được"}:
        return False
    if any(_match_seq(norms, y, NOT_MAIN_CLAUSE) for y in range(s, b)):
        return False    # `Nếu liên quan đến người được MTTQ xã giới thiệu`: a condition or a described person
    return bool(g[-1].j < e and _match_seq(norms, g[-1].j, PASSIVE_DO))




def _topic_at(norms: list[str], x: int, i: int) -> bool:
    """Whether a fronted topic opener (`Đối với`) at x is followed by the mention at i (a determiner between)."""
    k = _match_seq(norms, x, TOPIC_FRONTED)
    return bool(k) and (i == x + k or (i == x + k + 1 and norms[x + k] in DETERMINERS))


def _topic_subject(norms: list[str], x: int, g: list[Mention], e: int) -> bool:
    """`Đối với các chủ đầu tư cần nhanh chóng ...`: the topic, with a duty right after it and no comma (the
    [duty] words that make the words before them a subject: `phải`, `cần`, `có trách nhiệm` ...), is the one
    who must act (with the comma it is only the topic: `Đối với X, Y ...`)."""
    x = past_fillers(norms, x, e)
    return _topic_at(norms, x, g[0].i) and g[-1].j < e and bool(_match_seq(norms, g[-1].j, DUTY))


def _after_topic(norms: list[str], x: int, e: int, cms: list[Mention]) -> list[Mention] | None:
    """The clause's mentions after a fronted topic (`Đối với các doanh nghiệp, Sở Công Thương hướng dẫn ...`):
    the topic's list is no body, but for a named organ that closes it after a comma (the subject); None when
    the clause opens with no topic, or with one that must act (`_topic_subject`)."""
    x = past_fillers(norms, x, e)
    if not cms or not _topic_at(norms, x, cms[0].i) or _topic_subject(norms, x, cms[:1], e):
        return None
    run = _groups(cms, norms)[0]
    rest = cms[len(run):]
    if "thì" in norms[run[-1].j:rest[0].i if rest else e]:
        return rest     # `Đối với Sở Nội vụ, Sở Tư pháp thì Văn phòng UBND tỉnh tổng hợp`: the topic runs to `thì`
    last = run[-1]
    keep = len(run) > 1 and last.kind in ("named", "productive") and norms[last.i - 1] == ","
    return ([last] if keep else []) + rest


def _after_fronted(norms: list[str], x: int, e: int, cms: list[Mention]) -> list[Mention] | None:
    """The clause's mentions after a fronted topic or source (`Đối với X, ...`, `Theo chỉ đạo của X, ...`,
    `Trên cơ sở đề xuất của A, B hoặc C, Sở X chủ trì`), or None when the clause opens with neither."""
    rest = _after_topic(norms, x, e, cms)
    if rest is not None or not _fronted_source(norms, x, e, cms):
        return rest
    run = _groups(cms, norms)[0]
    # the sources run to the member a conjunction joins (`A, B hoặc C`), else the first one; a condition
    # closed by `thì` runs to it (`Trường hợp thuộc thẩm quyền của A, B thì C ...`)
    joined = [q for q in range(1, len(run) - 1) if {"hoặc", "và"} & set(norms[run[q - 1].j:run[q].i])]
    thi = next((y for y in range(run[0].j, e) if norms[y] == "thì"), None)
    return [m for m in cms if m.i > thi] if thi is not None else cms[(joined[-1] + 1) if joined else 1:]


def _fronted_source(norms: list[str], x: int, e: int, cms: list[Mention]) -> bool:
    """`Theo chỉ đạo của X, ...` opening the clause (from x): X is the source of the instruction the
    clause carries out, no body of the task (a comma and more words follow its name)."""
    x = past_fillers(norms, x, e)
    if not cms or not (cms[0].j + 1 < e and norms[cms[0].j] == ","):
        return False
    carry = _match_seq(norms, x, CARRY_OUT)     # `Thực hiện theo chỉ đạo của Thủ tướng Chính phủ, Sở X ...`
    x += carry
    k = _match_seq(norms, x, CUE_OVERSEE_OF)
    if k and x + k == cms[0].i:
        return True
    # `Theo báo cáo của Sở Y tế, ...`, `Căn cứ đề nghị của Sở X, ...`, `Thực hiện ý kiến chỉ đạo của X, ...`:
    # the body a fronted source belongs to; so the owner in a fronted condition (`Sau khi có ý kiến của Bộ Y
    # tế, Sở Y tế hoàn thiện ...`, `Khi có yêu cầu của X, ...`)
    return bool(carry or _match_seq(norms, x, FRONTED_SOURCE) or _match_seq(norms, x, FRONTED_OPENERS)) \
        and norms[cms[0].i - 1] == "của" \
        and cms[0].i - x <= 20 and not any(w in {",", ";", ":"} for w in norms[x:cms[0].i])


def _guiding_verb(texts: list[str], norms: list[str], s: int, v: int) -> bool:
    """Whether the guiding verb at v is the clause's own: not a noun (`về việc hướng dẫn`, `văn bản hướng
    dẫn`, `theo hướng dẫn`), not the title of a document (`Hướng dẫn` capitalised inside a sentence), and
    not in the description of a cited document (`Thông tri số 04 ... hướng dẫn Ủy ban MTTQ kiểm tra`)."""
    if v > s and (norms[v - 1] in GUIDE_AS_NOUN or texts[v][:1].isupper()):
        return False
    return not any(norms[y] == "số" and norms[y + 1][:1].isdigit() for y in range(s, v - 1))




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


def _after_fronted_phrase(norms: list[str], g: list[Mention], s: int, e: int, first: bool) -> bool:
    """Whether a named organ (or a kind of bodies its words name) right after the comma that closes a fronted condition
    or basis (`Khi ...,`, `Trường hợp ...,`, `Trên cơ sở ...,`) is the subject of a verb that no table lists: a
    plain lower-case word follows it, neither a preposition nor a cue. The condition may hold commas of its own
    (`Trong thời hạn 05 ngày, kể từ ngày nhận hồ sơ, Sở Y tế thẩm định`) when it names no organ (`first`): an organ
    before would make this one a member of its list or of a chain (`gửi Sở Tài chính thẩm định, UBND tỉnh phê
    duyệt`), a `thì` after it puts the subject after the `thì` (`Đối với A, B thì C ...`), and a predicate of one
    word is a modifier closing a list of things (`tổ chức hội thi bí thư chi đoàn, Đoàn cơ sở giỏi.`). A `thì`
    closes a condition as the comma does (`Trường hợp ... thì Tổ kiểm phiếu đếm phiếu`)."""
    x = past_fillers(norms, s, e)
    j = g[-1].j
    then = norms[g[0].i - 1] == "thì"       # (`Nếu ... thì Đoàn kiểm tra lập biên bản`: `thì` closes the condition)
    named = g[0].kind in ("named", "productive") or g[0].kind == "collective" and (
        norms[g[0].i] in DETERMINERS or g[0].j - g[0].i >= 3)     # (a kind that its words say: `lực lượng chức năng`)
    return bool(_match_seq(norms, x, FRONTED_OPENERS)) and len(g) == 1 and named \
        and j < e and norms[j][:1].isalpha() and norms[j] not in _GOVERNS and norms[j] not in CUE_FIRST \
        and ("," not in norms[x:g[0].i - 1] and not then
             or (first or then) and "thì" not in norms[j:e] and _predicate_after(norms, j, e)) \
        and not _ends_with(norms, g[0].i, CUE_NONE) and not _denied_duty(norms, j, e)


def _predicate_after(norms: list[str], j: int, e: int) -> bool:
    """Whether two words follow token j before the clause's end or a punctuation mark: a verb and what it
    governs, not a lone modifier."""
    return j + 1 < e and norms[j][:1].isalpha() and norms[j + 1][:1].isalpha()


def _governed_list_goes_on(norms: list[str], ms: list[Mention], starts: list[int], groups: list[list[Mention]],
                           x: int, s: int, e: int, given: list[tuple[Mention, str]]) -> int:
    """How many groups opening the clause at s go on with the list a preposition governs at the end of the clause
    before (`... nhiệm vụ của các sở, ngành; UBND các xã và các cơ quan liên quan trong việc ...`: the `;` parts
    one list), no body given a role (`given`: the roles so far); 0 unless the list ends there or a
    preposition follows it (a verb makes its subject: `...; UBND cấp tỉnh trình HĐND phê duyệt`)."""
    if not s or norms[s - 1] != ";" or not groups or groups[0][0].i != x:
        return 0
    a = bisect.bisect_left(starts, s) - 1     # the last mention before the clause, and back over its list
    if a < 0 or ms[a].j != s - 1 or any(m is ms[a] for m, _ in given):
        return 0
    while a > 0 and ms[a - 1].j == ms[a].i - 1 and norms[ms[a].i - 1] in {",", "và"}:
        a -= 1
    if not ms[a].i or norms[ms[a].i - 1] not in _GOVERNS or norms[ms[a].i - 1] == "với":
        return 0    # (`Đối với X; Y; Z mỗi đơn vị ...`: topics, each of them to act)
    k = 1
    while k < len(groups) and groups[k][0].i - groups[k - 1][-1].j == 1 and norms[groups[k][0].i - 1] in {",", "và"}:
        k += 1
    j = groups[k - 1][-1].j
    return k if j >= e or norms[j] in {";", ".", ":", ")"} or norms[j] in _GOVERNS else 0
