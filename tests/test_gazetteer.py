"""The gazetteer tables: provinces over time, organs, aliases, examples and counter-examples."""
import datetime as dt

import pytest

from pipeline.bodies import stage as bodies
from pipeline.lang import find_province, fold, province_on, provinces, read_tsv

D = dt.date


def _overlap(a_from, a_to, b_from, b_to):
    lo = max(a_from or D.min, b_from or D.min)
    hi = min(a_to or D.max, b_to or D.max)
    return lo <= hi


def test_province_counts_over_time():
    def on(day):
        return [p for p in provinces() if p.valid_on(day)]

    assert len(on(D(2024, 6, 1))) == 63
    assert len(on(D(2025, 3, 1))) == 63
    assert len(on(D(2025, 8, 1))) == 34
    assert len(on(None)) == 34
    assert sum(p.kind == "thành phố" for p in on(D(2024, 6, 1))) == 5
    assert sum(p.kind == "thành phố" for p in on(D(2025, 3, 1))) == 6
    assert sum(p.kind == "thành phố" for p in on(D(2025, 8, 1))) == 6


def test_no_overlapping_validity_for_same_name():
    for rows in (provinces(), list(bodies.organs().values())):
        by = {}
        for p in rows:
            by.setdefault(fold(p.name), []).append(p)
        for name, ps in by.items():
            for i, a in enumerate(ps):
                for b in ps[i + 1:]:
                    assert not _overlap(a.valid_from, a.valid_to, b.valid_from, b.valid_to), name


def test_successors_exist_and_follow():
    names = {p.name for p in provinces()}
    for p in provinces():
        if p.valid_to is not None:
            assert p.successor in names, p
            day_after = p.valid_to + dt.timedelta(days=1)
            nxt = [q for q in provinces() if q.name == p.successor and q.valid_from == day_after]
            assert len(nxt) == 1, p
    for o in bodies.organs().values():
        if o.successor:
            assert o.successor in bodies.organs(), o


@pytest.mark.parametrize("old,new", [("Hà Giang", "Tuyên Quang"), ("Yên Bái", "Lào Cai"), ("Bắc Kạn", "Thái Nguyên"),
                                     ("Hòa Bình", "Phú Thọ"), ("Vĩnh Phúc", "Phú Thọ"), ("Tiền Giang", "Đồng Tháp"),
                                     ("Bình Dương", "Hồ Chí Minh"), ("Bà Rịa - Vũng Tàu", "Hồ Chí Minh"),
                                     ("Hậu Giang", "Cần Thơ"), ("Kiên Giang", "An Giang"), ("Quảng Nam", "Đà Nẵng"),
                                     ("Long An", "Tây Ninh"), ("Nam Định", "Ninh Bình"), ("Hà Nội", "Hà Nội")])
def test_merges(old, new):
    assert province_on(old, D(2025, 8, 1)).name == new
    assert province_on(old, D(2024, 8, 1)).name == old


def test_trap_codes_of_new_units():
    new = {p.name: p.code for p in provinces() if p.valid_from == D(2025, 7, 1)}
    assert (new["Lào Cai"], new["Bắc Ninh"], new["Quảng Trị"], new["Gia Lai"], new["Tây Ninh"],
            new["Đồng Tháp"], new["An Giang"]) == ("15", "24", "44", "52", "80", "82", "91")


def test_hue():
    assert province_on("Thừa Thiên Huế", D(2024, 12, 31)).name == "Thừa Thiên Huế"
    h = province_on("Thừa Thiên Huế", D(2025, 1, 1))
    assert (h.name, h.kind) == ("Huế", "thành phố")
    assert province_on("Huế", D(2020, 1, 1)).name == "Thừa Thiên Huế"
    assert find_province("Thừa Thiên Huế").name == "Thừa Thiên Huế"


@pytest.mark.parametrize("text,name", [("TỈNH TIỀN GIANG", "Tiền Giang"), ("Tp. Hồ Chí Minh", "Hồ Chí Minh"),
                                       ("TPHCM", "Hồ Chí Minh"), ("thành phố Cần Thơ", "Cần Thơ"),
                                       ("UBND TỈNH THANH HOÁ", "Thanh Hóa"), ("tỉnh Đăk Lăk", "Đắk Lắk"),
                                       ("Bà Rịa-Vũng Tàu", "Bà Rịa - Vũng Tàu"),
                                       ("ỦY BAN NHÂN DÂN THÀNH PHỐ HÀ NỘI", "Hà Nội")])
def test_find_province(text, name):
    assert find_province(text).name == name


@pytest.mark.parametrize("text", ["Bộ Tài chính", "Văn phòng Chính phủ", "", "Nam"])
def test_find_province_counter_examples(text):
    assert find_province(text) is None


def test_every_province_alias_resolves():
    for p in provinces():
        for a in p.aliases:
            assert find_province(a).name == p.name, a


def test_every_organ_alias_resolves():
    al = bodies.organ_aliases()
    for r in read_tsv("organs.tsv"):
        for a in [r["name"], *[x for x in r["aliases"].split(";") if x.strip()]]:
            key = tuple(bodies.tokenize(a).norm)
            if len(key) == 1 and key[0] in bodies._AMBIGUOUS_SINGLE:
                continue
            assert key in al, a
            # a name found in running text is that organ (or an organ with the same key)
            found = bodies.mentions(f"Giao {a} chủ trì.")
            assert any(fold(n) == fold(a) for _, _, n in found), (a, found)


def test_abbreviations_and_collectives_tables():
    ab = bodies.abbreviations()
    assert ab["UBND"] == "Ủy ban nhân dân" and ab["HĐND"] == "Hội đồng nhân dân" and ab["MTTQ"] == "Mặt trận Tổ quốc"
    assert all(v.strip() for v in ab.values())
    heads = bodies.collective_heads()
    assert ("cơ", "quan") in heads and ("đơn", "vị") in heads
    rows = read_tsv("collectives.tsv")
    assert len({r["head"] for r in rows}) == len(rows)                     # no head twice
    assert {r["kind"] for r in rows} <= {"organ", "level", "actor"}


@pytest.mark.parametrize("head", [r["head"] for r in read_tsv("collectives.tsv")])
def test_every_collective_head_makes_a_collective(head):
    text = f"Yêu cầu {head} thực hiện." if head.startswith("các ") else f"Yêu cầu các {head} thực hiện."
    assert any(head.lower() in n.lower() for _, _, n in bodies.mentions(text)), head


def test_ministries_2025():
    orgs = bodies.organs()
    current = [o for o in orgs.values() if o.kind in {"ministry", "ministry_level"} and o.valid_to is None]
    assert len([o for o in current if o.kind == "ministry"]) == 14
    assert {o.name for o in current if o.kind == "ministry_level"} == {
        "Văn phòng Chính phủ", "Ngân hàng Nhà nước Việt Nam", "Thanh tra Chính phủ"}
    assert orgs["Bộ Kế hoạch và Đầu tư"].successor == "Bộ Tài chính"


def _examples(kind):
    return [(r["text"], r["expected"]) for r in read_tsv("examples.tsv") if r["kind"] == kind]


@pytest.mark.parametrize("text,expected", _examples("mention"))
def test_mention_examples(text, expected):
    got = [n for _, _, n in bodies.mentions(text)]
    assert got == ([] if expected == "-" else expected.split(" | "))


@pytest.mark.parametrize("text,expected", _examples("role"))
def test_role_examples(text, expected):
    got = [f"{b.name}={b.role}" for b in bodies.find_bodies(text)]
    assert got == ([] if expected == "-" else expected.split(" | "))
