"""Organs named for several localities at once: a provincial organ followed by the localities whose organs of that
name are meant (`Sở Y tế các tỉnh, thành phố`), and an office of a committee followed by the parallel committees of
other localities (`Bí thư Tỉnh ủy, Thành ủy`), and a name whose localities run on (`Ban Chỉ đạo 389 các tỉnh, thành
phố`): one body each, named as printed (GOLD.md).
"""
from __future__ import annotations

from pipeline.bodies.extent import _COMMITTEES, Mention, _level_run, _prov_seqs
from pipeline.bodies.gazetteer import organ_aliases, organs
from pipeline.bodies.tokens import Toks, _match_seq
from pipeline.bodies.vocab import HEADS, LEVEL_WORDS

# the committees of the levels of localities (`Tỉnh ủy`, `Thành ủy`, `Huyện ủy` ...): alternatives of one another
_LEVEL_COMMITTEES = frozenset(c for c in _COMMITTEES if c[0] != "đảng")


def localities_of_organs(out: list[Mention], toks: Toks) -> list[Mention]:
    """An organ every province has (organs.tsv, level `province`), an agency with a branch in each (kind `agency`) or
    any organ's `chi nhánh`, followed by the localities whose organs of that name are meant (`Sở Y tế các tỉnh, thành
    phố`, `Sở Xây dựng các địa phương`, `Sở Công Thương các tỉnh, thành phố trực thuộc Trung ương`, `Ngân hàng Nhà
    nước chi nhánh các tỉnh`) is one body, named as printed (GOLD.md), not the organ and a collective of places;
    not before the names of the provinces (`Bộ Xây dựng, Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên`: a comma lost
    before a list of places)."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    for m in out:
        if m.kind != "named" or m.j >= n or norms[m.j] not in {"các", "chi"}:
            continue    # (the common case, with no look-up)
        organ = organs().get(m.organ or "")
        q = m.j + 2 * (norms[m.j:m.j + 2] == ["chi", "nhánh"])     # (`Ngân hàng Nhà nước chi nhánh các tỉnh`)
        if q >= n or norms[q] != "các" or toks.para[q] or organ is None \
                or not (q > m.j or organ.level == "province" or organ.kind == "agency" or _in_each_province(norms, m)):
            continue    # (an agency's branches: `Cục Thuế các tỉnh, thành phố`)
        e = _level_run(toks, norms, q) or (q + 3 if norms[q + 1:q + 3] == ["địa", "phương"] else 0)
        if not e or (e < n and _match_seq(norms, e, _prov_seqs())):
            continue
        e += _match_seq(norms, e, LEVEL_WORDS) if e < n and not toks.para[e] else 0     # (`trực thuộc Trung ương`)
        drop.update(k for k, o in enumerate(out) if o is not m and m.j <= o.i < e)
        m.j = e
    return [m for k, m in enumerate(out) if k not in drop] if drop else out


def _in_each_province(norms: list[str], m: Mention) -> bool:
    """Whether the name as printed, with `tỉnh` after it, names an organ every province has (`Bộ đội Biên phòng` +
    `tỉnh`: the provincial command of organs.tsv): `Bộ đội Biên phòng các tỉnh biên giới` are those commands."""
    organ = organs().get(organ_aliases().get(tuple(norms[m.i:m.j]) + ("tỉnh",), ""))
    return organ is not None and organ.level == "province"


def committee_alternatives(out: list[Mention], toks: Toks) -> list[Mention]:
    """An office or a board of a committee followed by the parallel committees of other localities (`Bí thư Tỉnh ủy,
    Thành ủy`, `Ban Thường vụ Huyện ủy, Quận ủy, Thị ủy`) is one body: the same office in each of them, not the
    office and a bare committee; a committee with its own place after it (`Thành ủy Hà Nội`) is another member.  So
    are the committees listed after `các` (`Các Tỉnh ủy, Thành ủy`: one collective, as `các tỉnh ủy, thành ủy`)."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    for m in out:
        if m.j >= n or norms[m.j] != ",":
            continue    # (the common case: no comma after the name)
        plural = m.j - m.i == 2 and m.i > 0 and norms[m.i - 1] == "các"     # (`Các Tỉnh ủy, Thành ủy`: one collective)
        if m.kind not in ("named", "productive") or (m.j - m.i < 3 and not plural) \
                or tuple(norms[m.j - 2:m.j]) not in _LEVEL_COMMITTEES:
            continue
        x = m.j
        while x + 2 < n and norms[x] == "," and tuple(norms[x + 1:x + 3]) in _LEVEL_COMMITTEES \
                and not toks.para[x + 1] and (x + 3 == n or not (toks.cap[x + 3] and toks.text[x + 3][:1].isalpha())):
            x += 3
        if x > m.j:
            drop.update(k for k, o in enumerate(out) if o is not m and m.j <= o.i < x)
            m.i, m.j = m.i - plural, x
    return [m for k, m in enumerate(out) if k not in drop] if drop else out


def more_localities(out: list[Mention], toks: Toks) -> list[Mention]:
    """A name that ends with `các` + a level word goes on over the further levels of its list (`Ban Chỉ đạo 389 các
    tỉnh` + `, thành phố`, `Bộ Chỉ huy quân sự các tỉnh` + `, thành phố`): the localities whose bodies are meant, not
    a list of other bodies (a level word that opens an organ's head, `, Tỉnh đoàn`, is another member)."""
    norms = toks.norm
    n = len(norms)
    drop: set[int] = set()
    for m in out:
        if m.j + 1 >= n or norms[m.j] != "," or m.kind not in ("named", "productive") \
                or "các" not in norms[max(m.i, m.j - 4):m.j] or not _ends_level(norms, m.j):
            continue
        x = m.j
        while x + 1 < n and norms[x] == "," and not toks.para[x + 1] and _match_seq(norms, x + 1, LEVEL_WORDS) \
                and _match_seq(norms, x + 1, HEADS) <= _match_seq(norms, x + 1, LEVEL_WORDS):
            x += 1 + _match_seq(norms, x + 1, LEVEL_WORDS)
        if x > m.j:
            drop.update(k for k, o in enumerate(out) if o is not m and m.j <= o.i < x)
            m.j = x
    return [m for k, m in enumerate(out) if k not in drop] if drop else out


def _ends_level(norms: list[str], j: int) -> bool:
    """Whether a level word right after `các` ends at j (`các tỉnh`, `các quận, huyện`)."""
    return any(norms[j - k - 1] == "các" and _match_seq(norms, j - k, LEVEL_WORDS) == k
               for k in (1, 2) if j - k - 1 >= 0)
