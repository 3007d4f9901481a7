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
