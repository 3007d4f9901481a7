"""Directing verbs, clause by clause: `X (lãnh đạo,) chỉ đạo Y`, `X đôn đốc Y`, `X hướng dẫn Y thực hiện` make X
oversee and Y lead (issue 14); `X chủ trì, đôn đốc Y` keeps X leading too; `X phối hợp với Y chỉ đạo Z` directs Z with
its partner Y."""
from __future__ import annotations

from pipeline.bodies.cues import _role_before
from pipeline.bodies.mentions import Mention
from pipeline.bodies.shapes import _directs_alone, _guided
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    CUE_COORD,
    CUE_DIRECT,
    CUE_OVERSEE,
    CUE_REPORT,
    DETERMINERS,
    DIRECT_COMPANIONS,
    LEAD_KEEP,
    UNNAMED_KINDS,
)


def directing(toks: Toks, groups: list[list[Mention]], roles: list[str | None], s: int, e: int
               ) -> dict[int, set[str]]:
    """`X (lãnh đạo,) chỉ đạo Y` / `X đôn đốc Y` / `X hướng dẫn Y thực hiện`: X oversees, Y leads (the
    roles revised in place); the roles a group keeps besides (`X chủ trì, đôn đốc Y`: X leads too)."""
    norms = toks.norm
    extra: dict[int, set[str]] = {}
    objects: set[int] = _guided(norms, groups, roles, s, e, toks.text)
    for gi, g in enumerate(groups):
        if gi + 1 >= len(groups) or gi in objects or roles[gi] not in {"lead", None}:
            continue
        nxt = groups[gi + 1]
        j = g[-1].j + (norms[g[-1].j] == ":")     # (`X: chỉ đạo Y ...`: a heading run into its duty)
        k = _match_seq(norms, j, CUE_OVERSEE)
        if k:
            gap = norms[j + k:nxt[0].i]
            if len(gap) <= 6 and roles[gi + 1] in {None, "lead"} \
                    and (roles[gi] is not None or _role_before(norms, s, g[0].i)[1]):
                roles[gi] = "oversee"
                roles[gi + 1] = "lead"
                objects.add(gi + 1)
            continue
        if roles[gi] != "lead":
            continue
        z = _directed_with_partner(norms, groups, roles, gi)
        if z is not None:
            # `X phối hợp với Y chỉ đạo Z`: X directs Z with its partner Y (who keeps coordinating)
            _directs(norms, roles, extra, objects, gi, z, range(g[-1].j, nxt[0].i))
            continue
        # the directing verb later in the subject's clause, right before the next group
        c = _direct_cue_start(norms, g[-1].j, nxt[0].i)
        if c is None or any(w in {";", ":"} for w in norms[g[-1].j:c]) or norms[g[-1].j:c] in (["và"], [","]):
            continue
        if any(_match_seq(norms, y, CUE_COORD) or _match_seq(norms, y, CUE_REPORT) for y in range(g[-1].j, c)):
            continue
        _directs(norms, roles, extra, objects, gi, gi + 1, range(g[-1].j, c))
    for gi, g in enumerate(groups):
        if roles[gi] == "lead" and gi not in objects and _directs_alone(norms, g, e) and not any(
                roles[h] == "lead" and h not in objects for h in range(gi + 1, len(groups))):
            roles[gi] = "oversee"
    return extra


def _directed_with_partner(norms: list[str], groups: list[list[Mention]], roles: list[str | None], gi: int
                           ) -> int | None:
    """The group that group gi directs together with the partner right after it (`Sở Y tế phối hợp với Sở Giáo dục và
    Đào tạo chỉ đạo các trường học ...`: gi + 2), or None: the partner follows gi's coordinating cue (after `chủ trì,`
    at most) and the directing verb follows the partner, with nothing else between."""
    if gi + 2 >= len(groups) or roles[gi + 1] != "coordinate":
        return None
    g, partner, obj = groups[gi], groups[gi + 1], groups[gi + 2]
    if all(tuple(norms[m.i + (norms[m.i] in DETERMINERS):m.j]) in UNNAMED_KINDS for m in obj):
        return None     # (`... chỉ đạo các đơn vị thực hiện`: no body would lead, the subject keeps leading)
    k = _ends_with(norms, partner[0].i, CUE_COORD)
    if not k:
        return None
    rest = partner[0].i - k - g[-1].j      # (what stands before the cue: nothing, or `chủ trì,`)
    rest -= rest > 0 and norms[partner[0].i - k - 1] == ","
    if rest < 0 or rest and _match_seq(norms, g[-1].j, LEAD_KEEP) != rest:
        return None
    return gi + 2 if _direct_cue_start(norms, partner[-1].j, obj[0].i) == partner[-1].j else None


def _direct_cue_start(norms: list[str], lo: int, i: int) -> int | None:
    """Where the directing verb right before token i opens (`... chỉ đạo các trường học`: a determiner between them
    skipped, never before `lo`), or None."""
    x = i
    while x > lo and norms[x - 1] in DETERMINERS:
        x -= 1
    x -= x > lo + 1 and norms[x - 1] == ","     # (a stray comma before the object: `chỉ đạo, kiểm tra, các Bộ`)
    while True:
        k = _ends_with(norms, x, CUE_DIRECT)
        if k:
            return x - k
        # a verb of the directing verb's list before the object (`chỉ đạo, đôn đốc, kiểm tra các Bộ`): look before it
        c = _ends_with(norms, x, DIRECT_COMPANIONS)
        if not c or x - c - 1 <= lo or norms[x - c - 1] not in {",", "và"}:
            return None
        x -= c + 1


def _directs(norms: list[str], roles: list[str | None], extra: dict[int, set[str]], objects: set[int], gi: int,
             z: int, between: range) -> None:
    """Group gi directs group z, which leads: gi oversees, and keeps leading where it chairs (`chủ trì`, LEAD_KEEP)
    in the words `between` them."""
    if any(_match_seq(norms, y, LEAD_KEEP) for y in between):
        extra.setdefault(gi, set()).add("oversee")
    else:
        roles[gi] = "oversee"
    roles[z] = "lead"
    objects.add(z)
