"""Role assignment of the bodies stage, clause by clause: a clause's label (`Đơn vị chủ trì:`), its groups
of mentions (lists), the role of each group from the cue before it (`phối hợp`, `báo cáo ... về`, `giao`)
and what follows it (a lead verb, an issuer's verb), then the directing and guiding verbs between groups
(`X chỉ đạo Y`, `X hướng dẫn Y thực hiện`).  Clauses and groups: `bodies/clauses.py`; the cues:
`bodies/cues.py`; the shapes of a clause that decide beyond the cue: `bodies/shapes.py`.
"""
from __future__ import annotations

import bisect
from dataclasses import dataclass, field

from pipeline.bodies.chains import after_roles
from pipeline.bodies.clauses import _clauses, _groups
from pipeline.bodies.cues import (
    _after_enumerator,
    _bare_assignment,
    _cued_lead,
    _delegated_in_passing,
    _role_after,
    _role_before,
)
from pipeline.bodies.descriptions import _ROLE_WORDS
from pipeline.bodies.directing import directing
from pipeline.bodies.mentions import Mention
from pipeline.bodies.runins import run_in_subject
from pipeline.bodies.shapes import (
    _REQUEST,
    _account,
    _after_fronted,
    _after_fronted_phrase,
    _bare_list,
    _field_label,
    _governed_list_goes_on,
    _passive_agent,
    _people_only,
    _strong_verb_soon,
    _subject_chain,
    _topic_subject,
)
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _GOVERNS,
    APPROVAL_VERBS,
    CUE_COORD,
    CUE_DIRECT,
    CUE_LEAD,
    CUE_NONE,
    CUE_OVERSEE,
    CUE_OVERSEE_OF,
    DETERMINERS,
    GUIDE,
    HEADING_TOPIC,
    LABELS,
    LABELS_ROLE,
    LEAD_STRONG,
    LEAD_VERBS,
    SUBJECT_COORD,
    past_fillers,
)

Pairs = list[tuple[Mention, str]]


@dataclass(slots=True)
class _Flow:
    """What one clause passes on to the next."""
    carry: str | None = None            # a label with nothing after it governs the next clause
    list_carry: str | None = None       # a label whose `;` list goes on in the next clause
    heading: list[int] = field(default_factory=list)    # entries of `out` of a heading clause `X:` just before
    coord_next: bool = False            # the clause ended on the bodies a `phối hợp` governs


def assign_roles(toks: Toks, ms: list[Mention]) -> Pairs:
    """The role of each mention of a task's text (a mention may get two, or none): clause by clause."""
    out: Pairs = []
    if not ms:
        return out
    starts = [m.i for m in ms]
    flow = _Flow()
    last = max(starts)
    clauses = _clauses(toks)
    for s, e in clauses:
        if s > last and not flow.heading:
            break       # no mention left, and no heading before that a clause may still turn to oversee
        _clause_roles(toks, ms, starts, s, e, flow, out)
        if toks.norm[e - 1] == ":" and e - 1 > s and _ends_with(toks.norm, e - 1, CUE_NONE):
            flow.list_carry = "none"    # `X quyết định đối với:` / `A; B; C`: the preposition governs the list
    if out and (";" in toks.words or "(" in toks.words):     # (the norms' set: a look-up, no scan)
        after_roles(toks, clauses, out)     # `Bộ Công an; Bộ Quốc phòng: Chỉ đạo ...`, `các địa phương (A, B)`
    return out


def _clause_roles(toks: Toks, ms: list[Mention], starts: list[int], s: int, e: int, flow: _Flow, out: Pairs) -> None:
    """The roles of the mentions of the clause from s to e, appended to `out`."""
    norms = toks.norm
    x = past_fillers(norms, s, e)
    if flow.heading:
        k = max(_match_seq(norms, x, CUE_OVERSEE), _match_seq(norms, x, CUE_DIRECT))
        if not k and _guides_a_mention(norms, starts, x, e):
            k = 1   # `Bộ Y tế: Hướng dẫn các địa phương triển khai ...`: guiding others to do the work directs it
        if k and norms[x:x + k] != ["lãnh", "đạo"]:     # (`X: Lãnh đạo Cục`: X is the leaders)
            # `Sở Y tế: Chỉ đạo các đơn vị trực thuộc ...`: the body the heading names directs the work
            for q in flow.heading:
                out[q] = (out[q][0], "oversee")
    flow.heading = []
    coord_prev, flow.coord_next = flow.coord_next, False
    n_out = len(out)
    x, cms, label = _labelled(norms, ms, starts, x, e, flow)
    if not cms:
        return
    if label == "lead" and cms[0].i == x and any(_match_seq(norms, y, CUE_COORD) for y in range(cms[0].j, e)):
        # `Cơ quan thực hiện: Sở X chủ trì, phối hợp với các sở, ngành ...`: the label names who carries the
        # work out, and the clause after it still says who partners whom
        label = None
    if label:
        out.extend((m, label) for m in cms)
        if norms[e - 1] == ";":
            flow.list_carry = label
        return
    rest = _after_fronted(norms, x, e, cms)
    if rest is not None:
        # `Theo chỉ đạo của Thủ tướng Chính phủ, Sở Y tế ...`, `Đối với các doanh nghiệp, Sở X ...`: the sources
        # and the topic are no body
        cms = rest
        if not cms:
            return
    groups = _groups(cms, norms)
    first = _first_assigned(norms, groups, e)
    if first is None:
        return
    roles: list[str | None] = []
    for gi in range(len(groups)):
        roles.append(None if gi < first else _group_role(toks, groups, roles, gi, s, e, x, coord_prev, out))
    for gi in range(_governed_list_goes_on(norms, ms, starts, groups, x, s, e, out)):
        roles[gi] = None    # (`... của các sở, ngành; UBND các xã ... trong việc ...`: one list, no subject)
    extra = directing(toks, groups, roles, s, e)
    _emit(norms, groups, roles, extra, out)
    _pass_on(norms, groups, roles, s, e, x, flow, [q for q in range(n_out, len(out)) if out[q][1] == "lead"])


def _pass_on(norms: list[str], groups: list[list[Mention]], roles: list[str | None], s: int, e: int, x: int,
             flow: _Flow, leads: list[int]) -> None:
    """What a clause that ends on its last group passes on to the next: a `phối hợp` list going on, a governed `;` list
    going on, a heading `X:` (`leads`: the entries of `out` the clause made leads)."""
    ends_on_group = groups[-1][-1].j == e - 1
    flow.coord_next = norms[e - 1] == ";" and ends_on_group and roles[-1] == "coordinate"
    if norms[e - 1] == ";" and ends_on_group and roles[-1] is None and _ends_with(norms, groups[-1][0].i, CUE_NONE):
        # `X quyết định đối với Văn phòng A; các đơn vị thuộc B; ...`: the preposition governs its whole `;` list
        flow.list_carry = "none"
    if norms[e - 1] == ":" and len(groups) == 1 and ends_on_group \
            and (groups[0][0].i == x or _topic_heading(norms, groups[0], s, e)):
        flow.heading = leads


def _guides_a_mention(norms: list[str], starts: list[int], x: int, e: int) -> bool:
    """Does a guiding verb at x have a mention for its object (`Hướng dẫn (các) Sở Y tế ...`)?"""
    k = _match_seq(norms, x, GUIDE)
    if not k:
        return False
    a = bisect.bisect_left(starts, x + k)
    return a < len(starts) and starts[a] < e and (starts[a] == x + k or (
        starts[a] == x + k + 1 and norms[x + k] in DETERMINERS))


def _labelled(norms: list[str], ms: list[Mention], starts: list[int], x: int, e: int, flow: _Flow
              ) -> tuple[int, list[Mention], str | None]:
    """The clause's own mentions (after a label), and the role a label gives them (`Đơn vị chủ trì: X`,
    `Cơ quan phối hợp: Y, Z`, the items of a labelled `;` list, a label carried from the clause before);
    no mentions when the clause gives no body (a field label, `Đơn vị được chọn:`)."""
    label = None
    k = _match_seq(norms, x, LABELS)
    if k and x + k < len(norms) and norms[x + k] == ":":
        label = LABELS_ROLE[tuple(norms[x:x + k])]
        x += k + 1
    a = bisect.bisect_left(starts, x)
    cms = ms[a:bisect.bisect_left(starts, e, a)]
    if label and not cms:
        flow.carry = label
        flow.list_carry = None      # (`Đơn vị chủ trì: A; Đơn vị phối hợp: B; C`: the new label governs B, C)
        return x, [], None
    fld = None if label else _field_label(norms, x, e, cms)
    if fld is not None:
        # `Đơn vị được chọn: A, B`, `Cơ quan nhận báo cáo: X`: the label's head is a field name, not a
        # subject; its words may give the list after it a role
        flow.carry = fld or None
        return x, [], None
    if flow.list_carry and not label and _bare_list(norms, x, e, cms):
        # `Đơn vị phối hợp: A; B; C`: the label governs every item of its `;` list, and so does a preposition (`quyết
        # định đối với Văn phòng A; các đơn vị thuộc B; ...`)
        label = flow.list_carry
    flow.list_carry = None
    label = label or flow.carry
    flow.carry = None
    if label == "none":
        if norms[e - 1] == ";" and _bare_list(norms, x, e, cms):
            flow.list_carry = "none"    # (the governed `;` list goes on)
        return x, [], None
    return x, cms, label


def _first_assigned(norms: list[str], groups: list[list[Mention]], e: int) -> int | None:
    """The first group the clause assigns work to: `Bộ X đã chủ động kiểm tra ...` is an account of what
    was done, not a task (None); unless a request follows it (`Đối với các cơ sở đã đầu tư ..., đề nghị
    đơn vị ...`): only what follows counts."""
    past = [gi for gi, g in enumerate(groups) if _account(norms, g[-1].j, e)]
    if not past:
        return 0
    ask = next((x for x in range(groups[past[-1]][-1].j, e) if norms[x] in _REQUEST
                and _ends_with(norms, x + 1, CUE_LEAD)), None)
    if ask is None:
        return None
    return next((gi for gi, g in enumerate(groups) if g[0].i > ask), len(groups))


def _after_group(norms: list[str], g: list[Mention], s: int, e: int, at_start: bool) -> str | None:
    """What follows a group (`_role_after`); a collective that opens the item is its subject up to a
    strong verb anywhere in the clause (`Thứ nhất, các bộ, ngành, các nhà đầu tư trên tinh thần “...”,
    ... chủ động ...`), not a topic (`Các đơn vị ... thì Ban Thường vụ ...`)."""
    after = _role_after(norms, g[-1].j, e, 16 if g[0].kind == "collective" else 0)
    if after is None and s == 0 and at_start and g[0].kind == "collective" and norms[g[0].i] in DETERMINERS \
            and "thì" not in norms[g[-1].j:e] \
            and any(_match_seq(norms, y, LEAD_STRONG) for y in range(g[-1].j + 16, e)):
        after = "lead"
    return after


def _group_role(toks: Toks, groups: list[list[Mention]], roles: list[str | None], gi: int, s: int, e: int,
                x: int, coord_prev: bool, out: Pairs) -> str | None:
    """The role of group gi from its cue and what follows it (the roles of the groups before it known)."""
    norms = toks.norm
    g = groups[gi]
    # a name that opens with `(các) đồng chí` holds its own cue (`đồng chí` is a lead cue before an office)
    role, at_start = _role_before(norms, s, g[0].i + _comrades(norms, g[0].i))
    after = _after_group(norms, g, s, e, at_start)
    role = _reconsidered(toks, groups, roles, gi, s, e, role, at_start, after)
    if role == "lead" and _bare_assignment(norms, s, g[0].i) and _role_after(norms, g[-1].j, e) != "lead":
        role = None     # `..., phân công nhiệm vụ cho các thành viên`: who receives duties, no verb of theirs
    if role == "lead" and _delegated_in_passing(norms, s, g[0].i, groups[gi - 1] if gi else None):
        role = None     # `các nội dung đã phân cấp cho X`: a delegation named, not made here
    if role is None and after == "lead" and len(g) > 1 and (g[0].i == s or norms[g[0].i - 1] not in _GOVERNS) \
            and g[-1].kind in ("named", "productive") and not _ends_with(norms, g[0].i, CUE_NONE):
        # `Đối với ... đại biểu Quốc hội, Ban Thường trực X phải ...`: the subject is the
        # mention right before the verb, after the last comma
        last = max(x for x, m in enumerate(g) if norms[m.i - 1] == ",") if any(
            norms[m.i - 1] == "," for m in g[1:]) else None
        if last and last == len(g) - 1 and _role_after(norms, g[-1].j, e) == "lead":
            out.append((g[-1], "lead"))
    prev = norms[g[0].i - 1] if g[0].i > s else ""
    if gi == 0 and _topic_subject(norms, s, g, e):
        role = "lead"       # `Đối với các chủ đầu tư cần nhanh chóng ...`: the topic must act
    if role is None and prev in {"được", "do"} and _passive_agent(norms, g, s, e):
        role = "lead"       # `Bản tin ... được Sở X biên soạn hằng tháng`: the agent does the work
    if role is None and _ends_with(norms, g[0].i, CUE_OVERSEE_OF):
        # `như chỉ đạo của Bộ trưởng Bộ Y tế`
        role = "oversee"
    if role == "report_to" and _sent_for_approval(norms, s, g):
        role = None         # `lập tờ trình gửi UBND tỉnh xem xét, phê duyệt`: a submission, not a report
    if role == "lead" and _match_seq(norms, g[-1].j, SUBJECT_COORD) and _led_before(norms, g[0].i):
        role = "coordinate"     # `X chủ trì; Sở Tư pháp, Sở Nội vụ phối hợp thực hiện`: partners of the lead
    if gi == 0 and coord_prev and role == "lead" and g[0].i <= x + 1:
        role = "coordinate"     # `phối hợp Ban Quản lý X; các doanh nghiệp và các đơn vị liên quan ...`
    return role


def _sent_for_approval(norms: list[str], s: int, g: list[Mention]) -> bool:
    """Whether the group is sent a document to approve (`gửi X (để) xem xét, phê duyệt`): its reporting cue is
    `gửi`, not `báo cáo` / `phản ánh`, and an approval verb follows it."""
    j = g[-1].j + (g[-1].j < len(norms) and norms[g[-1].j] == "để")
    if j >= len(norms) or not _match_seq(norms, j, APPROVAL_VERBS):
        return False
    cues = [norms[x] for x in range(max(s, g[0].i - 28), g[0].i) if norms[x] in {"gửi", "cáo", "ánh"}]
    return bool(cues) and cues[-1] == "gửi"


def _led_before(norms: list[str], i: int) -> bool:
    """Does the item name a lead (`chủ trì`) before token i?  Then a subject that only `phối hợp thực hiện`
    partners it; alone (`Đề nghị Mặt trận ... phối hợp tổ chức tuyên truyền`) it is the one asked to act."""
    return any(norms[y] == "chủ" and norms[y + 1] == "trì" for y in range(i - 1))


def _reconsidered(toks: Toks, groups: list[list[Mention]], roles: list[str | None], gi: int, s: int, e: int,
                  role: str | None, at_start: bool, after: str | None) -> str | None:
    """The cue's role of group gi revised by the clause's shape: an issuer, an item of an enumeration, a
    collective as object, `thì`, a list going on, a subject after a fronted phrase, `(qua Y)`."""
    norms = toks.norm
    g = groups[gi]
    prev = norms[g[0].i - 1] if g[0].i > s else ""
    if role == "lead" and at_start and after == "issuer" and not _cued_lead(norms, s, g[0].i):
        return None     # `UBND tỉnh yêu cầu:` issues; `Giao Sở Y tế hướng dẫn ...` assigns
    if role == "lead" and at_start and s and norms[s - 1] == "." and norms[e - 1] == "." \
            and not toks.para[s] and len(groups) == 1 and e - 1 - g[-1].j <= 3 \
            and not any(_match_seq(norms, y, LEAD_VERBS) for y in range(g[-1].j, e - 1)):
        # a sentence that is only a name, inside a paragraph (`... gồm: Hội khuyến học. Các doanh
        # nghiệp.`): an item of an enumeration, not a heading naming the task's body
        return None
    if role == "lead" and at_start and (after != "lead" or "thì" in norms[g[-1].j:e]) \
            and _after_enumerator(norms, s, g[0].i):
        return None     # `(ii) Bộ X - 01 Nghị định`: a numbered entry is a subject only before a verb of doing
    if role == "lead" and at_start and g[0].kind == "collective" and after not in {"lead", "end"} \
            and not _ends_with(norms, g[0].i, CUE_LEAD) and tuple(norms[g[-1].j - 2:g[-1].j]) not in _ROLE_WORDS:
        # a collective opening the clause is its subject only before a verb of doing; after
        # `Chỉ đạo, hướng dẫn` it is the object (one named by its role, `Cơ quan chủ trì lập ...`, is the subject)
        return None
    if role is None and _topic_heading(norms, g, s, e, any(m.j == len(norms) or toks.nl_before(m.j) for m in g)):
        return "lead"       # `Trách nhiệm của Sở Y tế:`, `Nhiệm vụ của UBND tỉnh:`: the heading names who acts
    if role is not None:
        if _via(norms, s, g[0].i) and gi and roles[gi - 1] == "report_to":
            return "report_to"
        return role
    if prev == "thì" and after == "lead":
        return "lead"       # `Nếu ... thì Sở X chủ trì`, `Các đơn vị ... thì Ban Thường vụ ... chỉ đạo`
    if prev in {",", "và"} and gi and roles[gi - 1] in {"lead", "coordinate", "report_to"} \
            and _subject_chain(norms, groups[gi - 1][-1].j, g[0].i) and after != "issuer":
        # a list goes on after words describing its previous member: `Thủ trưởng đơn vị thuộc
        # Bộ, Giám đốc Công an tỉnh, ... chịu trách nhiệm`, `phối hợp với trung tâm giáo dục
        # thường xuyên, các trường phổ thông`
        return roles[gi - 1]
    if after == "lead" and prev == "," and (
            g[0].kind != "collective" or norms[g[0].i] in DETERMINERS
            or _role_after(norms, g[-1].j, e) == "lead" or _strong_verb_soon(norms, g[-1].j, e)):
        # `Trên cơ sở ..., Sở X chủ trì`; a bare generic head in a list of things (`tình hình thế
        # giới, trong nước, địa phương, đơn vị và ...`) only right before its verb, or a few
        # words that name it before a strong one (`..., bộ phận xử lý đơn thư phải ...`)
        return "lead"
    if after is None and prev in {",", "thì"} and _after_fronted_phrase(norms, g, s, e, first=gi == 0):
        return "lead"       # `Khi phát hiện vi phạm, Đoàn kiểm tra lập biên bản`: the subject after a condition
    if prev == "(" and g[0].i - 2 >= s and norms[g[0].i - 2] == "qua" or _via(norms, s, g[0].i):
        # `báo cáo về Bộ X (qua Cục Y)`: Y receives the report too
        if gi and roles[gi - 1] == "report_to":
            return "report_to"
    return "lead" if gi == 0 and run_in_subject(norms, g, s) else None     # (bodies/runins.py)


def _via(norms: list[str], s: int, i: int) -> bool:
    """Whether `(qua` or `(thông qua` stands right before token i: the channel a report goes through."""
    k = 2 + (i - 3 >= s and norms[i - 2] == "thông")
    return i - k >= s and norms[i - 1] == "qua" and norms[i - k] == "("


def _emit(norms: list[str], groups: list[list[Mention]], roles: list[str | None], extra: dict[int, set[str]],
          out: Pairs) -> None:
    """Every mention of a group with its group's roles."""
    for gi, (g, r) in enumerate(zip(groups, roles, strict=True)):
        for role in ([r] if r else []) + sorted(extra.get(gi, ())):
            for m in g:
                if role == "report_to" and m.kind == "collective" and _people_only(norms, m):
                    continue    # `gửi phiếu hẹn cho tổ chức, cá nhân`: applicants are served, not reported to
                out.append((m, role))


def _topic_heading(norms: list[str], g: list[Mention], s: int, e: int, at_end: bool = False) -> bool:
    """Whether the clause is a heading `<topic> X:` that names the body of the tasks after it (`Trách nhiệm
    của Sở Y tế:`, `Nhiệm vụ của Ủy ban nhân dân cấp tỉnh:`, `Về phía Công an tỉnh:`); with `at_end` (the
    group ends the text or its line) the heading may go without its colon (`1. Trách nhiệm của Sở Y tế`)."""
    x = past_fillers(norms, s, e)
    if not (g[-1].j == e - 1 and norms[e - 1] in {":", ";", "."}) and not at_end:
        return False        # a heading line may go without its colon (`1. Trách nhiệm của Sở Y tế` / `a) ...`)
    k = _match_seq(norms, x, HEADING_TOPIC)
    return bool(k) and x + k == g[0].i - (norms[g[0].i - 1] in DETERMINERS and x + k == g[0].i - 1)


def _comrades(norms: list[str], i: int) -> int:
    """Length of `đồng chí` / `các đồng chí` that opens a name at i (0 if none)."""
    if norms[i:i + 2] == ["đồng", "chí"]:
        return 2
    return 3 if norms[i:i + 3] == ["các", "đồng", "chí"] else 0
