"""Bodies named with the organ they belong to (models/bodies.toml `assembly_members`): the committees of the
National Assembly are printed `Ủy ban Kinh tế và Tài chính của Quốc hội`, `Hội đồng Dân tộc của Quốc hội`, `các
Ủy ban của Quốc hội`; `của Quốc hội` is part of the name (GOLD.md: the name as printed), and `Quốc hội` there is no
body of its own.  So is the organ a kind of bodies serves (`các cơ quan tham mưu, giúp việc Tỉnh ủy`: `serving`).
"""
from __future__ import annotations

from pipeline.bodies.extent import Mention
from pipeline.bodies.tokens import Toks, _ends_with
from pipeline.bodies.vocab import ASSEMBLY_HEADS, ASSEMBLY_OWNERS, SERVING


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


def served_organs(out: list[Mention], toks: Toks) -> list[Mention]:
    """A collective that ends on a word of serving (`các cơ quan tham mưu, giúp việc`) or names the Party boards
    (`các ban đảng`, `các ban xây dựng Đảng`) takes the organ right after it, `của` between or not (`Tỉnh ủy`, `của
    cấp ủy`): the organ it serves names which bodies, and is no body of the task."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    for k, m in enumerate(out):
        if m.kind != "collective" or not _ends_with(norms, m.j, SERVING):
            continue
        x = m.j + (m.j < n and norms[m.j] == "của")
        nxt = out[k + 1] if k + 1 < len(out) else None
        if nxt is not None and nxt.i == x and nxt.kind in ("named", "productive") and not toks.para[x]:
            m.j = nxt.j
            drop.add(k + 1)
        elif norms[x:x + 2] == ["cấp", "ủy"] and not toks.para[x]:
            m.j = x + 2     # (`của cấp ủy`: the committee of the level the text speaks to)
    return [m for k, m in enumerate(out) if k not in drop] if drop else out
