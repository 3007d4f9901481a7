"""Party terms (nhiệm kỳ): one definition of term boundaries for graph keys and citation targets.

`pipeline.lang.symbols.party_term` reads the table models/issuer_codes.toml `[[term]]`;
`pipeline.graph.build.issuer_term` (the term of an issuer code, for graph keys and citation targets alike) is
a thin wrapper around it.  The facts are document-format.md §3.1 (central khóa XII 2016-2021, XIII
2021-2026, XIV from 2026; provincial committees 2015-2020, 2020-2025, 2025-2030; the boundary is the
congress, not 1 January; the 2025-07-01 merger; district committees abolished that day).  The
conventions the reference leaves open are the table's: a date inside a congress season has no known
term (None, never guessed); the national congresses' seasons are their days (XIII 2021-01-25 ..
2021-02-01, XIV 2026-01-19 .. 2026-01-23); provincial seasons run July..October of the congress
year, district and grassroots ones April..October.
"""
from __future__ import annotations

import datetime as dt

import pytest

from pipeline import citations
from pipeline.graph import build as graph
from pipeline.graph import build_graph
from pipeline.lang.symbols import PARTY_LEVELS, _party_terms, party_level, party_term

D = dt.date


@pytest.mark.parametrize("level,date,term", [
    # central: the national congresses of 2021 and 2026
    ("central", D(2021, 1, 24), "2016-2021"),
    ("central", D(2021, 1, 25), None),            # XIII congress opens
    ("central", D(2021, 2, 1), None),             # ... and closes
    ("central", D(2021, 2, 2), "2021-2026"),
    ("central", D(2026, 1, 7), "2021-2026"),      # 80-NQ/TW of 2026-01-07 is still khóa XIII
    ("central", D(2026, 1, 19), None),
    ("central", D(2026, 1, 23), None),
    ("central", D(2026, 1, 24), "2026-2031"),
    ("central", D(2026, 3, 17), "2026-2031"),     # 02-NQ/TW of 2026-03-17: the series restarted
    # central documents are untouched by the provincial congress seasons of 2020 and 2025
    ("central", D(2020, 8, 20), "2016-2021"),
    ("central", D(2025, 8, 1), "2021-2026"),
    # provincial: congresses of 2020 and 2025, July..October
    ("provincial", D(2020, 6, 30), "2015-2020"),
    ("provincial", D(2020, 7, 1), None),
    ("provincial", D(2020, 10, 31), None),
    ("provincial", D(2020, 11, 1), "2020-2025"),
    ("provincial", D(2021, 1, 28), "2020-2025"),  # the national congress does not move provincial terms
    ("provincial", D(2025, 6, 30), "2020-2025"),
    ("provincial", D(2025, 7, 1), None),
    ("provincial", D(2025, 11, 1), "2025-2030"),
    # district committees: no 2025 congress, abolished 2025-07-01
    ("district", D(2020, 3, 31), "2015-2020"),
    ("district", D(2020, 8, 1), None),
    ("district", D(2025, 6, 30), "2020-2025"),
    ("district", D(2025, 7, 1), None),
    # grassroots
    ("grassroots", D(2020, 3, 31), "2015-2020"),
    ("grassroots", D(2020, 11, 1), "2020-2025"),
    ("grassroots", D(2025, 5, 1), None),
    # Youth Union: its national congress of 2022-12-14..16; local committees from June
    ("youth-central", D(2022, 12, 13), "2017-2022"),
    ("youth-central", D(2022, 12, 17), "2022-2027"),
    ("youth", D(2022, 9, 1), None),
    # outside the table
    ("central", D(1990, 1, 1), None),
    ("central", D(2031, 6, 1), None),             # the next congress is not in the table
    ("provincial", D(2030, 6, 1), None),
    ("central", None, None),
    (None, D(2023, 1, 1), None),
])
def test_term_boundaries(level, date, term):
    assert party_term(level, date) == term
    assert party_term(level, date.isoformat() if date else None) == term


def test_merged_province_starts_its_term_at_the_merger():
    assert party_term("provincial", D(2025, 7, 1), merged=True) == "2025-2030"
    assert party_term("provincial", D(2025, 6, 30), merged=True) == "2020-2025"
    assert party_term("provincial", D(2020, 8, 1), merged=True) is None     # only the 2025 season
    assert party_term("district", D(2025, 7, 1), merged=True) is None


def test_khoa_names_a_central_term():
    assert party_term("central", None, khoa="XI") == "2011-2016"
    assert party_term("central", D(2026, 1, 20), khoa="xiii") == "2021-2026"
    assert party_term("provincial", D(2023, 1, 1), khoa="XVII") == "2020-2025"   # a local khóa: not central's
    assert graph.issuer_term("TW", None, text="Chỉ thị số 18-CT/TW ngày 4/9/2012 của Ban Bí thư (khoá XI)") \
        == "2011-2016"


@pytest.mark.parametrize("code,level", [
    ("TW", "central"), ("VPTW", "central"), ("BTCTW", "central"), ("UBKTTW", "central"),
    ("TU", "provincial"), ("BTGTU", "provincial"), ("VPTU", "provincial"),
    ("HU", "district"), ("ThU", "district"), ("QU", "district"), ("ĐUK", "district"),
    ("ĐU", "grassroots"), ("DU", "grassroots"), ("CB", "grassroots"),
    ("TWĐTN-BTC", "youth-central"), ("TĐTN", "youth"), ("ĐH", None),
])
def test_party_level(code, level):
    assert party_level(code) == level


def test_table_is_ordered_and_covers_every_level():
    table = _party_terms()
    assert set(table) == set(PARTY_LEVELS)
    for level, (seasons, _until) in table.items():
        for a, b in zip(seasons, seasons[1:], strict=False):
            assert a.start <= a.end < b.start, level
            assert int(a.term[:4]) < int(b.term[:4]), level
        for x in seasons:
            assert x.start.year == int(x.term[:4]) and int(x.term[5:]) - int(x.term[:4]) == 5, level


CODES = ["TW", "VPTW", "TU", "BTGTU", "HU", "THU", "ĐU", "CB", "ĐUK", "TWĐTN-BTC", "TĐTN"]
DATES = [D(y, m, d) for y in (2015, 2020, 2021, 2022, 2025, 2026) for m, d in
         ((1, 1), (1, 20), (1, 24), (2, 1), (2, 2), (3, 31), (4, 1), (6, 30), (7, 1), (10, 31), (11, 1),
          (12, 13), (12, 17))]


@pytest.mark.parametrize("code", CODES)
def test_graph_and_citations_share_one_definition(code):
    level = party_level(code)
    for d in DATES:
        expected = party_term(level, d)
        assert graph.issuer_term(code, d) == expected, (code, d)
        if level == "provincial":
            assert graph.issuer_term(code, d, merged=True) == party_term(level, d, merged=True)


def _record(rid, text, locality="Tiền Giang"):
    cits, aliases = citations.find_citations(text, locality=locality)
    header = {"system": "party", "issuer": {"name": "Tỉnh ủy Tiền Giang"}, "doc_type": "Chỉ thị",
              "doc_type_code": "CT", "number": "99", "symbol": "99-CT/TU", "date": "2026-03-01",
              "locality": locality}
    return {"id": rid, "text": text, "header": header, "citations": [c.to_dict() for c in cits],
            "aliases": [a.to_dict() for a in aliases] if aliases else [], "tasks": [], "warnings": []}, cits


@pytest.mark.parametrize("date,scope", [
    ("30/6/2020", "2015-2020"), ("01/11/2020", "2020-2025"), ("20/8/2020", "2020-08-20"),
    ("30/6/2025", "2020-2025"), ("01/11/2025", "2025-2030"),
])
def test_citation_target_is_the_graph_key(date, scope):
    """A citation's own target and the node the graph resolves it to are one key, at the boundaries
    too (a date the term cannot be read from scopes the key by the date itself, in both)."""
    rec, cits = _record("r1", f"Thực hiện Chỉ thị số 08-CT/TU ngày {date} của Ban Thường vụ Tỉnh ủy Tiền Giang.")
    key = f"vn:party:tu-tien-giang:ct:08:{scope}"
    assert cits[0].target == key
    res = build_graph([rec])
    assert [(r.status, r.target) for r in res.resolutions] == [("resolved", key)]


@pytest.mark.parametrize("date,scope", [("24/01/2021", "2016-2021"), ("02/02/2021", "2021-2026"),
                                        ("07/01/2026", "2021-2026"), ("17/3/2026", "2026-2031")])
def test_central_citation_target_is_the_graph_key(date, scope):
    rec, cits = _record("r2", f"Thực hiện Nghị quyết số 18-NQ/TW ngày {date} của Bộ Chính trị.")
    key = f"vn:party:tw:nq:18:{scope}"
    assert cits[0].target == key
    assert build_graph([rec]).resolutions[0].target == key


def test_merged_province_citation_target_is_the_graph_key():
    """Tiền Giang merged into Đồng Tháp on 2025-07-01: a Tỉnh ủy Đồng Tháp document of August 2025
    is in the new committee's term, for the citation and for the graph alike."""
    rec, cits = _record("r3", "Thực hiện Kế hoạch số 05-KH/TU ngày 15/8/2025 của Tỉnh ủy Đồng Tháp.",
                        locality="Đồng Tháp")
    key = "vn:party:tu-dong-thap:kh:05:2025-2030"
    assert cits[0].target == key
    assert build_graph([rec]).resolutions[0].target == key
