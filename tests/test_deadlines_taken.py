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



def _eager(text: str, ref) -> tuple[list[tuple], int]:
    """The deadlines `_scan` found when it read the values of every match first (before a match's values
    were read only where no phrase taken before covers it), and how many matches with values were covered."""
    from pipeline.deadlines import stage as S
    g, low = S.load_grammar(), S._lower(text)
    found, blocked = S._candidates(g, text, low, [0], [len(text)], False)
    cands = []
    for s, e, ri, _k, rule, m, lo, hi in found:
        res = S.HANDLERS[rule.handler](g, m, text, ref)
        if res and not S._not_the_tasks(g, low, s, e, lo, hi):
            cands.append((s, e, ri, rule, res, lo, hi))
    cands.sort(key=lambda c: (-(c[1] - c[0]), c[2], c[0]))
    taken, out, covered = _Taken(blocked.get(0, [])), [], 0
    for s, e, _ri, rule, res, lo, hi in cands:
        if not taken.take(s, e):
            covered += 1
            continue
        for span, value, inferred, resolved, kind in res:
            a, b = S._trim(text, *(span or (s, e)))
            a, b = max(a, lo), min(b, hi)
            if a < b:
                out.append(((a, b), value, kind or rule.kind, inferred, resolved))
    return sorted(out, key=repr), covered


def test_values_read_only_where_no_phrase_is_taken_give_the_same_deadlines():
    import datetime as dt

    from pipeline.deadlines import stage as S
    ref = dt.date(2024, 3, 1)
    sentences = ["Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024.",
                 "Hoàn thành chậm nhất là ngày 30 tháng 9 năm 2024; báo cáo định kỳ hằng quý trước ngày 20.",
                 "Triển khai thường xuyên, hằng năm tổng kết vào tháng 12/2024 và quý IV năm 2025.",
                 "Trong thời hạn 15 ngày kể từ ngày nhận được văn bản, các sở báo cáo UBND tỉnh.",
                 "Đề án giai đoạn 2021-2025, tầm nhìn đến năm 2030; xong trước 31/12/2024.",
                 "Từ ngày 01/4/2024 đến ngày 30/6/2024 tổ chức kiểm tra; sáu tháng đầu năm và cuối năm báo cáo."]
    g = S.load_grammar()
    covered = 0
    for text in sentences + [" ".join(sentences)]:
        found = S._scan(g, text, S._lower(text), ref, [0], [len(text)])[0]
        want, n = _eager(text, ref)
        assert sorted([(d.span, d.value, d.kind, d.inferred, d.resolved) for d in found], key=repr) == want, text
        covered += n
    assert covered > 0      # (`15/6/2024` inside `trước ngày 15/6/2024`: its own values are never read now)
