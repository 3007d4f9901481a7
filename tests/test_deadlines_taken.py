"""The stretches a deadline phrase may not overlap (`deadlines.stage._Taken`): two bisections decide as a
scan of every blocked stretch and taken phrase does."""
import random

from pipeline.deadlines.stage import _Taken


def test_a_phrase_is_taken_exactly_when_it_overlaps_no_stretch():
    rnd = random.Random(3)
    for _ in range(3000):
        blocked = [(a, a + rnd.randint(0, 8)) for a in (rnd.randint(0, 60) for _ in range(rnd.randint(0, 8)))]
        taken, scanned = _Taken(list(blocked)), list(blocked)
        for _ in range(rnd.randint(1, 30)):
            s = rnd.randint(0, 70)
            e = s + rnd.randint(0, 10)
            free = not any(s < te and ts < e for ts, te in scanned)
            if free:
                scanned.append((s, e))
            assert taken.take(s, e) == free, (blocked, scanned, s, e)


def test_touching_stretches_do_not_overlap():
    taken = _Taken([(10, 20)])
    assert taken.take(20, 25) and taken.take(5, 10) and not taken.take(19, 21) and not taken.take(24, 30)
    assert taken.take(25, 25) and not taken.take(12, 12)
