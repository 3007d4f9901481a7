"""Bodies named with the organ they belong to: the committees of the National Assembly are printed `Ủy ban Kinh tế và
Tài chính của Quốc hội`, `Hội đồng Dân tộc của Quốc hội`, `các Ủy ban của Quốc hội`; `của Quốc hội` is part of the
name (GOLD.md: the name as printed), and `Quốc hội` there is no body of its own.
"""
from __future__ import annotations

from pipeline.bodies.extent import Mention
from pipeline.bodies.tokens import Toks

# the heads of the bodies of an assembly (`Ủy ban`, `Hội đồng`, `Văn phòng`, `Đoàn đại biểu`)
_MEMBER_HEADS = frozenset({"ủy", "hội", "văn", "đoàn", "ban", "các"})


def assembly_members(out: list[Mention], toks: Toks) -> list[Mention]:
    """A committee, council or office followed by `của Quốc hội` keeps those words; the `Quốc hội` mention after
    it goes (the owner, not a body of the task)."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    starts = {m.i: k for k, m in enumerate(out)}
    for m in out:
        x = m.j
        if m.kind == "province" or x + 2 >= n or norms[x] != "của" or norms[x + 1:x + 3] != ["quốc", "hội"] \
                or norms[m.i] not in _MEMBER_HEADS or toks.para[x + 1]:
            continue
        if x + 1 in starts and out[starts[x + 1]].j == x + 3:
            drop.add(starts[x + 1])
        m.j = x + 3
    return [m for k, m in enumerate(out) if k not in drop] if drop else out
