"""Descriptions of the bodies stage: the words after a kind of bodies that say which bodies of that kind a
task means (GOLD.md names a body as printed, its description included): a subject's up to its duty (`Các
đơn vị cấp nước sạch trên địa bàn có trách nhiệm`), an assigned or partnered kind's up to the verb of its task
(`Giao các doanh nghiệp kinh doanh xăng dầu bảo đảm ...`).
"""
from __future__ import annotations

from collections.abc import Set

from pipeline.bodies.extent import Mention
from pipeline.bodies.gazetteer import collective_heads
from pipeline.bodies.lists import _CLAUSE_OPEN
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _VERB_STOP_FIRST,
    ACTIVITIES,
    ADVERBIALS,
    ASPECT,
    BOUND_DUTY,
    CUE_COORD,
    CUE_FIRST,
    CUE_LEAD,
    DESCRIPTION_STOP,
    DETERMINERS,
    DUTY,
    HEADING_TOPIC,
    LABELS,
    LEAD_VERBS,
    LEVEL_WORDS,
    MATTER_OPENERS,
    MODIFIERS,
    NAME_FIELDS,
    POSITIONS_ALL,
    PROJECT_OWNERS,
    PROJECTS,
    RELATED,
    SECTORS,
    STOP_LOW,
    TOPIC_OPENERS,
    VERB_STOP,
)


def _described_subjects(out: list[Mention], toks: Toks) -> list[Mention]:
    """A collective that opens its clause keeps the words that describe it up to its duty (`Các đơn vị cấp
    nước sạch trên địa bàn thành phố có trách nhiệm`, `..., bộ phận xử lý đơn thư phải ...`), or to the end
    of an item that is only a heading naming it (`Các đơn vị thực hiện triển khai trọng điểm`): GOLD.md names
    a body as printed, its description included.  The description holds no other body, no verb phrase of
    its own (`Các đơn vị xây dựng kế hoạch, chủ động ...`), no aspect word and no word that opens a clause
    of its own (`description_stop`: `là`, `khi`, `việc`, `và` ...)."""
    norms = toks.norm
    n = len(norms)
    _named_by_role(out, toks)
    starts = None
    for m in out:
        if m.kind == "collective":      # (`_projects_end` keeps any other mention as it is: no call)
            m.j = _projects_end(toks, m)
    for k, m in enumerate(out):
        kind = _kind_of_bodies(m, norms)        # (once for the two tests below)
        if kind and _after_heading_topic(norms, m.i):
            m.j = _heading_end(toks, m.j, {o.i for o in out})
            continue
        if not kind or not (m.i == 0 or toks.para[m.i] or toks.nl_before(m.i)
                                          or norms[m.i - 1] in _CLAUSE_OPEN or norms[m.i - 1] in {",", "thì"}):
            continue
        nxt = out[k + 1].i if k + 1 < len(out) else n
        if starts is None:
            starts = {o.i for o in out}
        duty = _bound_duty(toks, m.j, min(nxt, m.j + 16), starts)
        if duty is not None:
            m.j = duty          # `Tổ chức, cá nhân sử dụng lao động nước ngoài có trách nhiệm`: all of it names them
            continue
        # (a passive that says which of the kind, `Các cơ quan được giao chủ trì có trách nhiệm`, runs to a duty
        # other than the `chủ trì` it may hold)
        x, verb, passive = m.j, False, m.j < n and norms[m.j] == "được"
        while x < min(nxt, m.j + 14) and not toks.para[x] and not toks.nl_before(x) \
                and not (_match_seq(norms, x, DUTY) and not (passive and norms[x:x + 2] == ["chủ", "trì"])) \
                and (toks.text[x][:1].isalpha() or (norms[x] == "," and not verb)) and norms[x] not in ASPECT \
                and norms[x] not in DESCRIPTION_STOP and norms[x:x + 2] not in (["đối", "với"], ["đồng", "thời"]) \
                and x not in starts:
            # a verb after the first word describes them (`... hộ gia đình khai thác sử dụng nước dưới đất`),
            # up to a comma (`Cơ quan quản lý nhiệm vụ xem xét, quyết định ...` is a clause of its own)
            if norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP):
                if x == m.j and not passive:
                    break
                verb = True
            x += 1
        if x > m.j and x < n and _match_seq(norms, x, DUTY) and norms[x - 1] != ",":
            m.j = x
        elif m.i == 0 and len(out) == 1 and 0 < n - m.j <= 6 and not any(toks.para[y] for y in range(m.j, n)) \
                and all(t[:1].isalpha() for t in toks.text[m.j:n]):
            if _match_seq(norms, 0, LABELS) == n:
                return []   # `Cơ quan chủ trì`, `Đơn vị phối hợp` alone: a column's label, no body
            m.j = n     # the whole heading (a field label `Đơn vị được chọn:` names no body: no colon)
        elif m.i == 0 and norms[0] in DETERMINERS:
            m.j = _kinds_heading_end(toks, m.j, out[1:])
    return out


def _kinds_heading_end(toks: Toks, j: int, rest: list[Mention]) -> int:
    """End of a heading that names a kind of bodies with `các` and closes with a colon, its members in
    parentheses or none (`Các cơ quan đăng ký đầu tư:`, `Các cơ quan đăng ký đầu tư (Sở Tài chính, ...):`):
    the description up to the colon or the parenthesis (a field label has no `các`); else j."""
    norms = toks.norm
    n = len(norms)
    if n < 2 or norms[n - 1] != ":":
        return j
    end = norms.index("(", j) if "(" in norms[j:] and norms[n - 2] == ")" else n - 1
    if not 0 < end - j <= 6 or any(toks.para[y] or not toks.text[y][:1].isalpha() for y in range(j, end)) \
            or any(o.i < end for o in rest) or _match_seq(norms, 1, LABELS) >= end - 1 \
            or any(_match_seq(norms, y, DUTY) or norms[y] in {"gồm", "sau", "như"}
                   or _match_seq(norms, y, MATTER_OPENERS) for y in range(j, end)):
        return j    # (`Các cơ quan phối hợp:` is a column's label in the plural; `... có trách nhiệm:`, `... gồm:`
        # introduce duties or members)
    return end


def _after_heading_topic(norms: list[str], i: int) -> bool:
    """The text opens with a heading topic right before the kind at `i` (`Trách nhiệm của cơ quan, tổ chức
    quản lý trạm`, `Nhiệm vụ của các đơn vị`)."""
    k = _match_seq(norms, 0, HEADING_TOPIC)
    return bool(k) and (k == i or k == i - 1 and norms[k] in DETERMINERS)


def _topic_then(norms: list[str], i: int) -> bool:
    """A bare head right after the heading topic that opens the text, no other kind after it in the line
    (`Trách nhiệm của cơ quan, tổ chức quản lý trạm`; not `của chi bộ, các cấp ủy`, a list of kinds)."""
    if i and norms[0] not in HEADING_TOPIC.fwd:
        return False    # (no heading topic opens the text: asked at every bare head, so no match tried)
    return _match_seq(norms, 0, HEADING_TOPIC) == i and not any(w in DETERMINERS for w in norms[i:i + 16])


def _heading_end(toks: Toks, j: int, starts: set[int]) -> int:
    """Where the kind of bodies a heading topic names ends: with the heading, its description whole (`Trách
    nhiệm của tổ chức, cá nhân sử dụng lao động nước ngoài`), or before the matter it is about (`... về xét
    tặng`, `... trong việc ...`), when the heading is a line of words of its own (at most 14 more, no other
    body, no clause of its own: no verb of duty, no stop word); else at `j`."""
    norms = toks.norm
    n = len(norms)
    end = j
    while end < n and norms[end] != ":" and not toks.para[end] and not toks.nl_before(end):
        if _match_seq(norms, end, MATTER_OPENERS):
            return end if end > j and norms[end - 1] != "," else j
        end += 1
    if end - j > 14 or any(x in starts or not (toks.text[x][:1].isalpha() or norms[x] == ",")
                           or norms[x] in DESCRIPTION_STOP or _match_seq(norms, x, DUTY)
                           or _match_seq(norms, x, LEAD_VERBS) for x in range(j, end)):
        return j
    return end


def _bound_duty(toks: Toks, x: int, end: int, starts: Set[int]) -> int | None:
    """Where a bounding duty (`có trách nhiệm`, `chịu trách nhiệm`, `có nghĩa vụ`: never an adverb of the verb
    before it, as `chủ động`, `khẩn trương` may be) ends the words after a kind of bodies that opens its
    clause, read as their description whatever they hold (a verb, `được giao`, a comma inside a term:
    `Cơ sở khám bệnh, chữa bệnh có trách nhiệm`); None where a clause or another body comes first."""
    norms = toks.norm
    for y in range(x, min(end, len(norms))):
        if toks.para[y] or toks.nl_before(y) or y in starts or norms[y] in DESCRIPTION_STOP \
                or not (toks.text[y][:1].isalpha() or norms[y] == ","):
            return None
        w = norms[y]        # (`w in X.fwd` before `_match_seq`: no call on most words)
        if w in BOUND_DUTY.fwd and _match_seq(norms, y, BOUND_DUTY):
            return y if y > x and norms[y - 1] != "," else None
        if w in ADVERBIALS.fwd and _match_seq(norms, y, ADVERBIALS) and y > x and norms[y - 1] != "," \
                and _duty_after(toks, y, min(end + 10, len(norms))):
            return y    # (`Các sở quản lý quy hoạch theo chức năng, nhiệm vụ có trách nhiệm`: the manner is no name)
        if w in ASPECT or (w in DUTY.fwd and _match_seq(norms, y, DUTY)) \
                or (w in ADVERBIALS.fwd and _match_seq(norms, y, ADVERBIALS)):
            return None         # (`phải`, `không`, `trong phạm vi`: the clause's own verb phrase opens first)
    return None


def _duty_after(toks: Toks, y: int, end: int) -> bool:
    """Does a bounding duty close the adverbial at y (`theo chức năng, nhiệm vụ được giao có trách nhiệm`) in its
    line, with no aspect word or other verb of duty first?"""
    norms = toks.norm
    for z in range(y, end):
        if toks.para[z] or toks.nl_before(z) or norms[z] in ASPECT or norms[z] in {";", ":", "."}:
            return False
        if _match_seq(norms, z, BOUND_DUTY):
            return True
    return False




def _projects_end(toks: Toks, m: Mention) -> int:
    """End of the projects that name their owners (`chủ đầu tư các công trình trọng điểm`, `chủ đầu tư dự án nhà ở
    xã hội`: GOLD.md names the body as printed): the projects' words up to the first verb (the task's)."""
    norms = toks.norm
    n = len(norms)
    x = m.j + (m.j < n and norms[m.j] in DETERMINERS)
    if m.kind != "collective" or m.j >= n or toks.para[m.j]:
        return m.j
    if _owner_before(norms, m.j) and tuple(norms[x:x + 2]) in PROJECTS:
        x += 2
    elif tuple(norms[m.j - 2:m.j]) in PROJECTS and _owner_before(norms, m.j - 2):
        x = m.j     # the owner's head names its projects already (`chủ quản dự án`): what they are follows
    else:
        return m.j
    while x < min(n, m.j + 16) and not toks.para[x] and norms[x] not in CUE_FIRST:
        if not toks.text[x][:1].isalpha():
            # a project's own name keeps its numbers and the dash between its places (`Đường dây 500 kV mạch 3`,
            # `cao tốc Bắc - Nam`)
            if not (toks.text[x].isdigit() and tuple(norms[x - 2:x]) not in PROJECTS
                    or norms[x] == "-" and x + 1 < n and toks.cap[x + 1] and toks.cap[x - 1]):
                break
        elif _is_verb(norms, x) or norms[x] in ASPECT or norms[x] in DESCRIPTION_STOP or norms[x] in STOP_LOW:
            break
        x += 1
    return x


def _owner_before(norms: list[str], j: int) -> bool:
    """Whether the words before j end with the owners of projects (`chủ quản`, `chủ đầu tư`: `project_parties`)."""
    return tuple(norms[max(0, j - 2):j]) in PROJECT_OWNERS or tuple(norms[max(0, j - 3):j]) in PROJECT_OWNERS


# what follows a role word that is then a verb, not part of the name (`các đơn vị phối hợp với X`)
_ROLE_AS_VERB = frozenset({"với", "cùng", ",", "chặt", "giữa", "thực", "triển", "tổ", ":", "và"})


def _named_by_role(out: list[Mention], toks: Toks) -> None:
    """A bare generic head named by its role in the work (`cơ quan chủ trì`, `các đơn vị phối hợp`, a label's
    words used as a noun: `Cơ quan chủ trì có trách nhiệm ...`, `gửi văn bản đến các cơ quan phối hợp`) keeps
    the role word in its name; not before what makes the word a verb (`các đơn vị phối hợp với X`)."""
    norms = toks.norm
    n = len(norms)
    for m in out:
        if m.kind != "collective":
            continue        # (only a collective is named by its role: no look-up for the others)
        i = m.i + (norms[m.i] in DETERMINERS)
        k = _match_seq(norms, i, LABELS)
        if k > m.j - i and i + k < n and not toks.para[m.j] and not toks.para[i + k] \
                and not toks.nl_before(i + k) and norms[i + k] not in _ROLE_AS_VERB \
                and tuple(norms[m.j:i + k]) in _ROLE_WORDS:     # (a label alone on its line names no body)
            m.j = i + k


_ROLE_WORDS = frozenset({("chủ", "trì"), ("phối", "hợp"), ("đầu", "mối")})


def _described_objects(out: list[Mention], toks: Toks) -> None:
    """A collective that a cue assigns or asks to coordinate (`giao`, `đề nghị`, `phối hợp với`) keeps the
    lower-case words that say which bodies of the kind are meant, up to the verb of its task: `Giao các
    doanh nghiệp kinh doanh xăng dầu bảo đảm ...`, `phối hợp với các cơ quan công tác dân tộc kiểm tra ...`
    (GOLD.md: the name as printed).  Only up to a verb the tables know (`lead_verbs`, a verb phrase, a duty):
    a verb they do not know may be the first of the words (`Giao các sở thẩm định hồ sơ`), so no verb, no
    description.  The words hold no other mention, no preposition, conjunction or aspect word."""
    norms = toks.norm
    n = len(norms)
    starts = None
    listed = -1     # (the end of the kind before, when the cue governs it: the next item of its list is governed too)
    for k, m in enumerate(out):
        if not _kind_of_bodies(m, norms):
            continue        # (both tests below want a kind of bodies: no cue looked for before any other mention)
        cued = _ends_with(norms, m.i, CUE_LEAD) or _ends_with(norms, m.i, CUE_COORD) \
            or (listed == m.i - 1 and norms[listed] == ",")
        if cued and m.j + 1 < n and norms[m.j] == "," and norms[m.j + 1] in DETERMINERS:
            listed = m.j    # a kind named whole (`các bệnh viện tuyến huyện, các ...`): the next item is governed too
            continue
        if m.j >= n or toks.para[m.j] or not toks.text[m.j][:1].isalpha() \
                or not cued or _match_seq(norms, m.j, NAME_FIELDS):     # (`trung tâm giáo dục thường xuyên`)
            continue
        nxt = out[k + 1].i if k + 1 < len(out) else n
        if starts is None:
            starts = {o.i for o in out}
        x, comma, mods, first = m.j, False, m.j, 0
        while x < min(nxt, m.j + 14) and not toks.para[x]:
            k = _match_seq(norms, x, MODIFIERS)     # (`trên địa bàn`, `có liên quan`)
            if k:
                x += k
                if mods == x - k:
                    mods = x    # (the modifiers right after the head belong to it whatever follows)
                continue
            if norms[x] == "," and x > m.j and x + 1 < n and toks.text[x + 1][:1].isalpha():
                comma, first = True, first or x
                x += 1
                continue
            if not toks.text[x][:1].isalpha() or toks.cap[x] or _is_verb(norms, x) or norms[x] in STOP_LOW \
                    or norms[x] in DESCRIPTION_STOP or norms[x] in DETERMINERS or norms[x] in TOPIC_OPENERS \
                    or norms[x] in CUE_FIRST or x in starts:
                break
            x += 1
        # (a preposition among the verbs of the tables, `theo`, `trong phạm vi`, is no verb of a task; the words
        # run on past a comma only up to a duty: `chỉ đạo các đơn vị kinh doanh hạ tầng khu chế xuất, khu, cụm
        # công nghiệp có trách nhiệm`)
        if x > m.j and x < n and not toks.para[x] and norms[x - 1] != "," and (
                _match_seq(norms, x, DUTY) if comma else
                _is_verb(norms, x) and norms[x] not in TOPIC_OPENERS and norms[x] != "trong"):
            m.j = x
        elif first == x - 1 and norms[x] in DETERMINERS:
            m.j = first     # an item of a list of kinds: `chỉ đạo các cơ sở giáo dục phổ thông, các cơ sở ...`
            listed = first
        elif mods > m.j and tuple(norms[m.i + (norms[m.i] in DETERMINERS):m.j]) in collective_heads():
            m.j = mods      # a bare head: `chỉ đạo lực lượng chức năng ứng trực`


def _with_sector(out: list[Mention], toks: Toks, bare: bool = False) -> None:
    """A collective keeps the sector printed in lower case right after it (`các tổ chức tín dụng`, `các cơ sở
    y tế`): a noun, never the verb of its task, so whatever verb follows (the tables need not know it)."""
    norms = toks.norm
    starts = None
    for m in out:
        if (m.kind != "collective" if bare else m.kind == "collective") \
                and (_kind_of_bodies(m, norms) or bare and _holder_of_kind(m, norms)) \
                and m.j < len(norms) and not toks.cap[m.j] and not toks.para[m.j]:
            # (with `bare`, a bare head the descriptions left alone: `lực lượng dân quân tự vệ`)
            if norms[m.j] in ACTIVITIES.idx:
                starts = {o.i for o in out} if starts is None else starts
                e = _activity_end(toks, m.j, starts)
                if e > m.j:
                    m.j = e
                    continue
            k = _match_seq(norms, m.j, SECTORS)
            if k and (m.j + k == len(norms) or not toks.cap[m.j + k] or norms[m.j + k] in {",", "."}):
                m.j = _sector_tail(toks, m.j + k)


def _names_kinds(out: list[Mention], norms: list[str]) -> bool:
    """Does any mention name bodies by their kind (`_kind_of_bodies`), or hold an office of a kind (`Thủ trưởng
    cơ quan`)?  Only then do the passes over descriptions and sectors run."""
    return any(_kind_of_bodies(m, norms) or _holder_of_kind(m, norms) for m in out)


def _holder_of_kind(m: Mention, norms: list[str]) -> bool:
    """An office-holder of a kind of organ (`Thủ trưởng cơ quan`, `Người đứng đầu đơn vị`): its sector names
    which (`Thủ trưởng cơ quan hải quan`)."""
    k = m.kind == "productive" and _match_seq(norms, m.i, POSITIONS_ALL)
    return bool(k) and tuple(norms[m.i + k:m.j]) in collective_heads()


def _activity_end(toks: Toks, j: int, starts: set[int]) -> int:
    """End of the trade that says which bodies of a kind are meant (`các cơ sở kinh doanh dịch vụ lưu trú`, `các
    doanh nghiệp cung cấp dịch vụ viễn thông`, `các cơ quan, đơn vị sử dụng ngân sách nhà nước`: `activities`) when a
    verb the tables know (the task's) or a duty follows what they trade in; else j: with no verb after it, the
    activity may be the task itself (`Các doanh nghiệp sử dụng hiệu quả nguồn vốn.`)."""
    norms = toks.norm
    n = len(norms)
    x = j + _match_seq(norms, j, ACTIVITIES)
    obj = x
    while x < min(n, j + 14) and not toks.para[x] and x not in starts:
        k = _match_seq(norms, x, MODIFIERS) or (norms[x] == "," and _match_seq(norms, x + 1, ACTIVITIES) + 1)
        if k > 1 or k and norms[x] != ",":
            x += k      # (`trên địa bàn`; `quản lý, vận hành`: a further activity)
            continue
        if _match_seq(norms, x, DUTY) or _is_verb(norms, x) and norms[x] not in _NOT_TASK_VERBS \
                and (norms[x] == ":" or _match_seq(norms, x, LEAD_VERBS) > 1 or _match_seq(norms, x, VERB_STOP) > 1):
            # (a verb of one syllable may end a word of what they trade in: `dịch vụ bầu cử`; a heading's colon ends it)
            return x if x > obj and norms[x - 1] != "," else j
        if not toks.text[x][:1].isalpha() or toks.cap[x] or norms[x] in STOP_LOW or norms[x] in ASPECT \
                or norms[x] in DESCRIPTION_STOP or norms[x] in DETERMINERS or norms[x] in CUE_FIRST:
            return j
        x += 1
    return j


# verbs of the tables that are no task after a trade (`sử dụng theo quy định`, `... được giao`, `có ...`)
_NOT_TASK_VERBS = frozenset({"theo", "trong", "được", "có", "căn"})


def _sector_tail(toks: Toks, j: int) -> int:
    """End of what follows a collective's sector and still names it (GOLD.md: the name as printed): a further
    sector (`các doanh nghiệp kinh doanh` + `xăng dầu`) and the place or relation that says which (`các cơ sở y
    tế` + `trên địa bàn tỉnh`, `có liên quan`); not a verb (`Các cơ sở y tế quản lý ...`)."""
    norms = toks.norm
    n = len(norms)
    while j < n and not toks.para[j] and not toks.cap[j]:
        k = _match_seq(norms, j, SECTORS)
        if k and j + k < n and norms[j + k] == ",":
            break       # a list of sectors (`kinh doanh xăng dầu, khí đốt`): the description's words, up to a duty
        k = k or _match_seq(norms, j, RELATED) or (norms[j] in _PLACE_FIRST and _match_seq(norms, j, MODIFIERS))
        if not k:
            break
        if j + k < n and toks.cap[j + k] and not toks.para[j + k] and not _match_seq(norms, j + k, LEVEL_WORDS):
            break       # (`các cơ sở y tế tỉnh Nghệ An`: the province is a mention of its own already)
        j += k
    return j


# the first words of the modifiers that say where or under whom the bodies of a sector are (`trên địa bàn`,
# `thuộc tỉnh`, `trực thuộc`, `của tỉnh`), or which others (`các đơn vị điện lực khác`)
_PLACE_FIRST = frozenset({"trên", "thuộc", "trực", "của", "tỉnh", "thành", "tuyến", "khác", "cấp"})


def _kind_of_bodies(m: Mention, norms: list[str]) -> bool:
    """Does the mention name bodies by their kind only: a collective, or a bare generic head (`lực lượng`)
    whose description says which (`lực lượng dân quân tự vệ`)?"""
    return m.kind == "collective" or (m.kind == "productive" and tuple(norms[m.i:m.j]) in collective_heads())


def _is_verb(norms: list[str], x: int) -> bool:
    """Does a verb of the tables (`lead_verbs`, a verb phrase, a duty) start at x?"""
    return bool(_match_seq(norms, x, LEAD_VERBS) or _match_seq(norms, x, DUTY)
                or (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)))
