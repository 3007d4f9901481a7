"""Roles revised over a whole text once every clause has its own (`after_roles`):
- a `;` list of subjects whose last member takes the duty: `Bộ Công an; Bộ Quốc phòng; Ủy ban nhân dân các tỉnh:
  Chỉ đạo ...` or `...; Ủy ban nhân dân các tỉnh chỉ đạo ...`.  Each member stands in a clause of its own (the
  clauses end at `;`), so only the last one meets the directing verb; the members before it share its role;
- a subject that directs in its clause and goes on, with no subject of its own, to chair a task after the `;`
  (`Sở Nội vụ có trách nhiệm kiểm tra, đôn đốc các cơ quan thực hiện; chủ trì tổng hợp kết quả`): it leads too, as
  `X chủ trì, đôn đốc Y` does in one clause (`lead_keep`);
- a collective whose members are named in a parenthesis after it (`làm việc với các địa phương (Ninh Bình, Hải
  Phòng)`): the named members are the bodies, the collective only announces them.
"""
from __future__ import annotations

from pipeline.bodies.mentions import Mention
from pipeline.bodies.tokens import Toks, _match_seq
from pipeline.bodies.vocab import _PUNCT_LIST, LEAD_KEEP, past_fillers

Pairs = list[tuple[Mention, str]]


def _bare_list(norms: list[str], s: int, e: int, entries: Pairs) -> bool:
    """Whether the clause from s to e is only a list of the mentions of `entries`, each a lead, up to its `;`."""
    x = past_fillers(norms, s, e)
    if norms[e - 1] != ";" or not entries or any(r != "lead" for _, r in entries):
        return False
    covered: set[int] = set()
    for m, _ in entries:
        covered.update(range(m.i, m.j))
    return all(y in covered or norms[y] in _PUNCT_LIST for y in range(x, e - 1))


def after_roles(toks: Toks, clauses: list[tuple[int, int]], out: Pairs) -> None:
    """The roles of `out` revised in place (see the module's doc)."""
    if ";" in toks.words:       # (the norms' set, built by `find_mentions`: a look-up, no scan)
        shared_oversee(toks, clauses, out)
        chairs_after(toks, clauses, out)
    if "(" in toks.words:
        out[:] = [p for p in out if not _announces_members(toks, p[0], out)]


def _announces_members(toks: Toks, m: Mention, out: Pairs) -> bool:
    """Whether the collective m is followed by a parenthesis that names its members: only mentions of organs or
    places (one at least) and list punctuation up to the closing `)`."""
    norms = toks.norm
    n = len(norms)
    if m.kind != "collective" or m.j >= n or norms[m.j] != "(":
        return False
    inside = {x: o for x, o in ((o.i, o) for o, _ in out) if o.kind != "collective"}
    x, named = m.j + 1, 0
    while x < n and norms[x] != ")":
        if x in inside:
            named += 1
            x = inside[x].j
        elif norms[x] in _PUNCT_LIST:
            x += 1
        else:
            return False
    return x < n and named > 0


def shared_oversee(toks: Toks, clauses: list[tuple[int, int]], out: Pairs) -> None:
    """The members of a `;` list of subjects, each a clause that is only its names, oversee with the member after
    them that opens its clause and oversees (roles revised in `out` in place)."""
    norms = toks.norm
    pending: list[int] = []
    for s, e in clauses:
        idx = [q for q, (m, _) in enumerate(out) if s <= m.i < e]
        if _bare_list(norms, s, e, [out[q] for q in idx]):
            pending.extend(idx)
            continue
        if pending and idx:
            x = past_fillers(norms, s, e)
            m, role = out[idx[0]]
            if m.i == x and role == "oversee":
                for q in pending:
                    out[q] = (out[q][0], "oversee")
        pending = []


def chairs_after(toks: Toks, clauses: list[tuple[int, int]], out: Pairs) -> None:
    """The subjects of a clause that only oversee there lead too where the next clause, after `;`, opens with
    `chủ trì` (`lead_keep`) and names no lead of its own (`...; chủ trì hội nghị: đồng chí Chủ tịch UBND tỉnh` names
    who chairs): the same subjects chair that task (entries appended to `out`)."""
    norms = toks.norm
    for (s0, e0), (s, e) in zip(clauses, clauses[1:], strict=False):
        x = past_fillers(norms, s, e)
        if norms[e0 - 1] != ";" or not _match_seq(norms, x, LEAD_KEEP) \
                or any(s <= m.i < e and r == "lead" for m, r in out):
            continue
        out.extend((m, "lead") for m in _subjects(norms, s0, e0, out)
                   if all(r == "oversee" for o, r in out if o is m))


def _subjects(norms: list[str], s: int, e: int, out: Pairs) -> list[Mention]:
    """The mentions that open the clause from s to e, one after another with list punctuation between them (`Sở Y
    tế, Sở Tài chính chỉ đạo ...`): its subjects; not a body named later in it (`chịu sự chỉ đạo của Sở Y tế`)."""
    found = sorted({id(m): m for m, _ in out if s <= m.i < e}.values(), key=lambda m: m.i)
    pos, subjects = past_fillers(norms, s, e), []
    for m in found:
        if any(norms[x] not in _PUNCT_LIST for x in range(pos, m.i)):
            break
        subjects.append(m)
        pos = m.j
    return subjects
