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
    for m in out:
        x = m.j
        if x + 2 >= n or norms[x] != "của" or norms[x + 1:x + 3] != ["quốc", "hội"] or m.kind == "province" \
                or norms[m.i] not in _MEMBER_HEADS or toks.para[x + 1]:
            continue
        drop.update(k for k, o in enumerate(out) if o.i == x + 1 and o.j == x + 3)
        m.j = x + 3
    return [m for k, m in enumerate(out) if k not in drop] if drop else out
