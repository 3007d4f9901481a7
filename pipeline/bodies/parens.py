"""An organ and another in parentheses right after it.  Where both are ranks of one hierarchy (a ministry or a province,
its departments, their units: `models/bodies.toml` owning_heads, unit_heads, subunit_heads), the lower one in
parentheses is the unit that handles the matter, a body too with the same role (`Bộ Tư pháp (Cục Kiểm tra văn bản
...)`, `Ủy ban nhân dân tỉnh (Sở Khoa học và Công nghệ)`), and the higher one only says whose unit the first is
(`Cục Kiểm tra văn bản ... (Bộ Tư pháp)`, `Trung tâm Chuyển đổi số (Sở Khoa học và Công nghệ)`), no body.  Any other
organ in parentheses names the one before (`Nhà đầu tư (Tập đoàn X)`, `Tập đoàn Bưu chính Viễn thông (VNPT)`: one body,
`lists._merge`)."""
from __future__ import annotations

from typing import Final

from pipeline.bodies.extent import Mention
from pipeline.bodies.tokens import Toks, _match_seq
from pipeline.bodies.vocab import OWNING_HEADS, SUBUNIT_HEADS, UNIT_HEADS

_ORGAN_KINDS: Final = frozenset({"named", "productive"})
_FORMER: Final = frozenset({"cũ"})


def _rank(norms: list[str], m: Mention) -> int:
    """3 for an owning organ, 2 for a department, 1 for a unit of one, 0 for none of them (the longest head decides:
    `Chi cục` is a unit, `Cục` a department)."""
    ranks = ((_match_seq(norms, m.i, OWNING_HEADS), 3), (_match_seq(norms, m.i, UNIT_HEADS), 2),
             (_match_seq(norms, m.i, SUBUNIT_HEADS), 1))
    k, r = max(ranks)
    return r if k and m.kind in _ORGAN_KINDS else 0


def ranked(norms: list[str], p: Mention, m: Mention) -> bool:
    """Whether organ `m`, in parentheses after `p`, stands at another rank of p's hierarchy: two organs, not a name
    and its gloss."""
    if norms[m.j - 1] in _FORMER or tuple(norms[m.j - 2:m.j]) == ("trước", "đây"):
        return False        # `Viện X (Trung tâm Y cũ)`: the organ's former name
    a, b = _rank(norms, p), _rank(norms, m)
    return bool(a and b) and a != b


def without_owners(out: list[Mention], toks: Toks) -> list[Mention]:
    """`out` with each organ in parentheses that owns the organ right before it (`Cục X (Bộ Y)`) taken into that
    organ's span but not its name (`name_to`): the subject and its verb stay next to each other for the roles
    (`Khi ..., Chi cục Kiểm lâm (Sở Nông nghiệp và Môi trường) tổ chức kiểm tra`)."""
    norms = toks.norm
    res: list[Mention] = []
    for m in out:
        p = res[-1] if res else None
        if p is not None and m.i == p.j + 1 and norms[p.j] == "(" and m.j < len(norms) and norms[m.j] == ")" \
                and ranked(norms, p, m) and _rank(norms, m) > _rank(norms, p):
            p.name_to, p.j = p.j, m.j + 1
            continue
        res.append(m)
    return res
