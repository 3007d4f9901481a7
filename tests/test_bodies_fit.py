"""Productive names fitted to the gazetteer names they overlap (`lists._fit_to_named`): looking only at the
named mentions near each productive one (`lists._Near`) fits them as testing every pair does."""
import copy
import random

import pipeline.bodies.lists as lists
from pipeline.bodies.extent import Mention
from pipeline.bodies.stage import mentions, tokenize
from pipeline.compiled import source_copy

# the compiled `_fit_to_named` calls its own `_Near`, which no monkeypatch of the compiled module reaches
LISTS_SOURCE = source_copy(lists)


class _Every(LISTS_SOURCE._Near):
    calls = 0

    def around(self, m):
        _Every.calls += 1
        return self.named


def test_the_names_near_a_mention_fit_it_as_every_name_does(monkeypatch):
    toks = tokenize("Sở Y tế các tỉnh, Bộ Tài chính\nCục Kế hoạch và tài chính, Ủy ban nhân dân tỉnh " * 6)
    rnd = random.Random(7)
    for _ in range(500):
        found = []
        for _ in range(rnd.randint(9, 40)):
            i = rnd.randrange(len(toks) - 1)
            found.append(Mention(i, min(len(toks) - 1, i + rnd.randint(1, 12)),
                                 rnd.choice(["named", "productive", "collective"]), rnd.choice([None, "Bộ Tài chính"])))
        named = [m for m in found if m.kind == "named"]
        near = lists._Near(named)
        for m in found:
            if m.kind != "productive":
                continue
            # every name that starts inside what `m` may grow to (through names that start inside it and
            # end past it) and ends after its start is near it, in the names' own order
            hi = m.j
            while any(m.i < nm.i < hi < nm.j for nm in named):
                hi = max(nm.j for nm in named if m.i < nm.i < hi < nm.j)
            got = near.around(m)
            assert [nm for nm in named if nm.i < hi and nm.j > m.i and nm in got] == \
                [nm for nm in named if nm.i < hi and nm.j > m.i]
            assert got == [nm for nm in named if nm in got]
        fitted = copy.deepcopy(found)
        lists._fit_to_named(fitted, toks)
        with monkeypatch.context() as mp:
            mp.setattr(LISTS_SOURCE, "_Near", _Every)
            LISTS_SOURCE._fit_to_named(found, toks)
        assert [(m.i, m.j) for m in fitted] == [(m.i, m.j) for m in found]
    assert _Every.calls       # the test compared with every pair tested, not `_Near` with itself


def test_a_long_list_of_organs_keeps_each_name():
    text = "; ".join(["Cục trưởng Cục Kế hoạch và tài chính, Sở Y tế tỉnh Tiền Giang"] * 40)
    names = [n for _, _, n in mentions(text)]
    assert names.count("Cục trưởng Cục Kế hoạch và tài chính") == 40 and names.count("Sở Y tế tỉnh Tiền Giang") == 40


def _overlaps_by_sorting(found, n):
    """`_without_overlaps` as it was written with key functions and a bytearray (the reference)."""
    ordered = sorted(found, key=lambda m: m.i)
    if all(a.j <= b.i for a, b in zip(ordered, ordered[1:], strict=False)) and all(m.i < m.j for m in ordered):
        return ordered
    inner = [(m.i, m.j) for m in found if m.kind in ("named", "productive")]
    if inner and any(m.kind == "collective" for m in found):
        found = [m for m in found if m.kind != "collective" or not any(a < m.i < b < m.j for a, b in inner)]
    order = {"named": 0, "productive": 1, "collective": 2, "province": 3}
    found.sort(key=lambda m: (m.i - m.j, order[m.kind], m.i))
    taken = bytearray(n)
    out = []
    for m in found:
        if taken.find(1, m.i, m.j) >= 0:
            continue
        taken[m.i:m.j] = b"\x01" * (m.j - m.i)
        out.append(m)
    out.sort(key=lambda m: m.i)
    named = {(f.i, f.j): f.organ for f in found if f.kind == "named"}
    for m in out:
        if m.kind != "named" and (m.i, m.j) in named:
            m.organ = named[(m.i, m.j)]
    return out


def test_without_overlaps_keeps_what_sorting_by_key_functions_kept():
    """`_without_overlaps` sorts one int a mention (no key function): the same mentions, in the same order, with
    the same organs as the sorts by key (longer first, then named, productive, collective, province, then start,
    ties as found), over made-up sets of mentions with shared spans, nested and crossing ones."""
    rng = random.Random(11)
    kinds = ["named", "productive", "collective", "province"]
    for _ in range(3000):
        n = rng.randint(1, 14)
        found = []
        for q in range(rng.randint(0, 7)):
            i = rng.randint(0, n - 1)
            j = rng.randint(i + (rng.random() > 0.05), n)
            found.append(Mention(i, j, rng.choice(kinds), f"organ {q}" if rng.random() < 0.5 else None))
        want = _overlaps_by_sorting(copy.deepcopy(found), n)
        got = lists._without_overlaps(copy.deepcopy(found), n)
        assert [(m.i, m.j, m.kind, m.organ) for m in got] == [(m.i, m.j, m.kind, m.organ) for m in want], found
