"""Bodies named with the organ they belong to (models/bodies.toml `assembly_members`): the committees of the
National Assembly are printed `Ủy ban Kinh tế và Tài chính của Quốc hội`, `Hội đồng Dân tộc của Quốc hội`, `các
Ủy ban của Quốc hội`; `của Quốc hội` is part of the name (GOLD.md: the name as printed), and `Quốc hội` there is no
body of its own.
"""
from __future__ import annotations

from pipeline.bodies.extent import Mention
from pipeline.bodies.tokens import Toks
from pipeline.bodies.vocab import ASSEMBLY_HEADS, ASSEMBLY_OWNERS


def assembly_members(out: list[Mention], toks: Toks) -> list[Mention]:
    """A committee, council or office followed by `của Quốc hội` keeps those words; the `Quốc hội` mention after
    it goes (the owner, not a body of the task)."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    for m in out:
        x = m.j
        if x + 1 >= n or norms[x] != "của" or m.kind == "province" or norms[m.i] not in ASSEMBLY_HEADS \
                or toks.para[x + 1]:
            continue
        owner = next((len(o) for o in ASSEMBLY_OWNERS if tuple(norms[x + 1:x + 1 + len(o)]) == o), 0)
        if not owner:
            continue
        drop.update(k for k, o in enumerate(out) if o.i == x + 1 and o.j == x + 1 + owner)
        m.j = x + 1 + owner
    return [m for k, m in enumerate(out) if k not in drop] if drop else out
