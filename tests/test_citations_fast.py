"""The fast paths of the citations stage find exactly what the plain patterns find, and the fixes
that came with them (misprinted subject symbols, issuer localities in any case)."""
from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.citations import stage as C
from pipeline.graph.keys import issuer_locality
from pipeline.lang import symbols as S
from pipeline.model import Diagnostic, Document, Header, Source

from .conftest import DEV, SEEDS, corpus_files


def _plain_alternation(phrases):
    return "|".join(r"\s+".join(re.escape(w) for w in p.split())
                    for p in sorted(set(phrases), key=len, reverse=True))


WORDS = ["thực", "hiện", "thực hiện", "chỉ", "thị", "chỉ thị", "kế", "hoạch", "các", "số", "và", "pháp",
         "lệnh", "luật", "bộ luật", "văn bản", "VB"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=6),
       st.lists(st.sampled_from(WORDS + [" ", "\n", "  ", ",", "5", "Chỉ Thị", "X"]), max_size=25))
def test_trie_matches_the_plain_alternation(phrases, parts):
    text = " ".join(parts)
    trie = re.compile(r"(?<!\w)(?:" + C._trie(phrases) + r")(?!\w)", re.IGNORECASE)
    plain = re.compile(r"(?<!\w)(?:" + _plain_alternation(phrases) + r")(?!\w)", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in plain.finditer(text)]


NUMREF_PARTS = ["Kế hoạch", "kế hoạch", "KẾ HOẠCH", "Chỉ thị", "Pháp lệnh", "Đề án", "các ", "những ", "số", "Số",
                "số:", " ", "  ", "\t", "\n", "5", "06", "593", "2025", "12a", "/", "-", "năm", "%", ".", ",", "x"]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(NUMREF_PARTS), max_size=30), st.integers(min_value=0, max_value=40))
def test_numrefs_equal_finditer(parts, start):
    text = "".join(parts)
    start = min(start, len(text))
    cues = C._cues()
    want = [(m.span(), m.group("type"), m.group("num")) for m in cues.numref_re.finditer(text, start)]
    got = [(m.span(), m.group("type"), m.group("num")) for m in C._numrefs(text, start, cues)]
    assert got == want


_PLAIN_BOUNDARY = re.compile(
    r"(?:[.;:!?][\s*]*\n|\n\s*\n|\n(?=\s*(?:[-+•–*]|\d{1,2}[.)/-]\s|[a-zđ]\)|[IVX]{1,4}[.\-]\s|Căn\s+cứ|Thực\s+hiện"
    r"|Tiếp\s+tục|Điều\s+\d))|\.\s+(?=[A-ZĐÂĂÊÔƠƯ])|\|)")
_PLAIN_SYMBOL = re.compile(r"(?<![0-9A-Za-z/.\-⁄–])" + S._SYMBOL_RE.pattern.replace(
    r"\d(?<![0-9A-Za-z/.\-⁄–]\d)" + S._NUM_REST, S._NUM, 1))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([".", ";", ":", "!", "?", "\n", " ", "*", "|", "- ", "1. ", "a) ", "IV. ", "Căn cứ",
                                 "Thực hiện", "Tiếp tục", "Điều 3", "Ông", "x", "08-CT/TU", "/", "12", "2020", "QĐ",
                                 "-UBND"]),
                max_size=30))
def test_boundaries_and_symbols_equal_the_plain_patterns(parts):
    text = "".join(parts)
    assert [m.end() for m in C._BOUNDARY_RE.finditer(text)] == [m.end() for m in _PLAIN_BOUNDARY.finditer(text)]
    assert [m.span() for m in S._SYMBOL_RE.finditer(text)] == [m.span() for m in _PLAIN_SYMBOL.finditer(text)]


def _corpus_texts():
    out = []
    for d in (SEEDS, DEV):
        out += [p.read_text(encoding="utf-8") for p in [f for f in corpus_files(d) if f.suffix == ".txt"][:40]]
    return out


def test_fast_paths_on_the_corpus():
    cues = C._cues()
    for text in _corpus_texts():
        assert [m.span() for m in C._numrefs(text, 0, cues)] == [m.span() for m in cues.numref_re.finditer(text)]
        assert [m.end() for m in C._BOUNDARY_RE.finditer(text)] == [m.end() for m in _PLAIN_BOUNDARY.finditer(text)]
        assert [m.span() for m in S._SYMBOL_RE.finditer(text)] == [m.span() for m in _PLAIN_SYMBOL.finditer(text)]


def test_find_symbols_returns_a_fresh_list():
    text = "Chỉ thị số 05-CT/TTg và Kế hoạch 53/KH-UBND"
    a = S.find_symbols(text)
    a.clear()
    assert [s.canonical for _, _, s in S.find_symbols(text)] == ["05/CT-TTg", "53/KH-UBND"]


def _doc(text, symbol=None, date=None, warnings=()):
    return Document(id="x", source=Source(path="x", format="txt"), text=text,
                    header=Header(symbol=symbol, date=date, locality="Gia Nghĩa"), warnings=list(warnings))


def _conflict(text, a, b):
    """The header's `symbol-conflict` warning between the first prints of symbols `a` and `b`."""
    sa, sb = (text.index(a), text.index(a) + len(a)), (text.index(b), text.index(b) + len(b))
    return Diagnostic("symbol-conflict", f"{a} and {b}", span=sa, spans=[sa, sb])


def test_misprint_of_the_subject_is_not_another_document():
    text = ("Thành ủy ban hành Chỉ thị số 22-CT/ThU về tăng cường sự lãnh đạo.\n"
            "Ban Thường vụ Thành ủy đã ban hành Chỉ thị số 02-CT/ThU ngày 29/12/2023 để chấn chỉnh.\n")
    doc = C.citations_stage(_doc(text, warnings=[_conflict(text, "22-CT/ThU", "02-CT/ThU")]))
    assert [c.symbol for c in doc.citations] == ["22-CT/ThU"]
    assert doc.citations[0].date == "2023-12-29"
    # without the header's warning both stay
    assert [c.symbol for c in C.citations_stage(_doc(text)).citations] == ["22-CT/ThU", "02-CT/ThU"]


def test_misprint_dated_otherwise_is_a_document_of_its_own():
    text = ("Chỉ thị số 22-CT/ThU ngày 10/01/2024 của Thành ủy.\n"
            "Thực hiện Chỉ thị số 23-CT/ThU ngày 05/3/2020 của Thành ủy.\n")
    doc = C.citations_stage(_doc(text, warnings=[_conflict(text, "22-CT/ThU", "23-CT/ThU")]))
    assert [c.symbol for c in doc.citations] == ["22-CT/ThU", "23-CT/ThU"]


@pytest.mark.parametrize("issuer,loc", [
    ("Ban Thường vụ Tỉnh ủy Hậu Giang", "Hậu Giang"), ("UBND tỉnh Bến Tre", "Bến Tre"),
    ("Thành ủy Thành phố Hồ Chí Minh", "Hồ Chí Minh"), ("UBND TP. Hồ Chí Minh", "Hồ Chí Minh"),
    ("TỈNH ỦY KON TUM", "Kon Tum"), ("BAN THƯỜNG VỤ TỈNH ỦY", None), ("Ban Thường vụ Tỉnh ủy", None),
    ("Ủy ban nhân dân Thành phố", None), ("Ban Thường trực Ủy ban MTTQ Việt Nam xã Quảng Ninh", None),
])
def test_issuer_locality(issuer, loc):
    """The province an issuer phrase names (the gazetteer's name), not a commune of that name."""
    assert issuer_locality(issuer) == loc


def test_year_symbols_one_digit_apart_are_two_laws():
    text = ("Căn cứ Luật Bầu cử số 85/2015/QH13;\nCăn cứ Luật Mặt trận Tổ quốc Việt Nam số 75/2015/QH13;\n")
    s1, s2 = text.index("85/2015"), text.index("75/2015")
    w = Diagnostic("symbol-conflict", "", span=(s1, s1 + 12), spans=[(s1, s1 + 12), (s2, s2 + 12)])
    doc = C.citations_stage(_doc(text, warnings=[w]))
    assert [c.symbol for c in doc.citations] == ["85/2015/QH13", "75/2015/QH13"]


def test_capitals_issuer_names_no_locality_in_lower_case():
    assert issuer_locality("ỦY BAN NHÂN DÂN TỈNH Căn cứ Luật") is None
    assert issuer_locality("UBND TỈNH QUẢNG NAM") == "Quảng Nam"


def _slow_paths(cits, tasks):
    # the look at every task: the shortest span that holds the citation's start, the first in order of start
    out = []
    for c in cits:
        best = None
        for t in sorted(tasks, key=lambda t: (t.span[0], -(t.span[1]))):
            shorter = best is None or t.span[1] - t.span[0] < best.span[1] - best.span[0]
            if t.span[0] <= c.span[0] < t.span[1] and shorter:
                best = t
        out.append(best.path if best else None)
    return out


_SPAN = st.tuples(st.integers(0, 60), st.integers(0, 20)).map(lambda p: (p[0], p[0] + p[1]))


@settings(max_examples=300, deadline=None)
@given(st.lists(_SPAN, max_size=8), st.lists(st.integers(0, 80), max_size=6), st.booleans())
def test_citation_paths_by_bisection_equal_a_look_at_every_task(spans, at, disjoint):
    # Task spans hold a node's own text and seldom overlap: the task of a citation is then found by a
    # bisection; nested or overlapping spans (and empty ones, a heading alone on its line) are still read
    # as a look at every task reads them.
    from pipeline.model import Citation, Task
    if disjoint:
        spans = [(a * 100, a * 100 + (b - a)) for a, b in spans]
        at = [x * 13 for x in at]
    tasks = [Task(str(i + 1), "", 1, None, sp, "") for i, sp in enumerate(spans)]
    cits = [Citation("x", (p, p + 1), None, None, None, None, None, None) for p in at]
    C._set_paths(cits, tasks)
    assert [c.path for c in cits] == _slow_paths(cits, tasks)


def test_numref_candidates_are_the_reversed_pattern():
    """The reversed pattern tried only at the digits after a character its gap can open with
    (`_numref_candidates`) finds in a reversed text what a scan with `numref_rev_re` finds."""
    import re

    from pipeline.citations.mentions import _numref_candidates
    cues = C._cues()
    texts = _corpus_texts()[:20] + ["theo Kế hoạch 593 và Chỉ thị số 12, các Pháp lệnh 5; Kế hoạch 06",
                                    "Quyết định số:15, Kế hoạch\t7, Chỉ thị SỐ 3 và Nghị quyết No 4", "7 Kế hoạch 8",
                                    "Kế hoạch số3 và Chỉ thị SỐ:4, Kế hoạch So 5"]
    for text in texts:
        for start in (0, 5):
            rev = text[::-1]
            assert [m.span() for m in _numref_candidates(text, start, cues)] == [
                m.span() for m in cues.numref_rev_re.finditer(rev, 0, len(text) - start)]
    text = "theo Kế hoạch 593 và Chỉ thị số 12, các Pháp lệnh 5; Kế hoạch 06"
    assert [m.group("num") for m in C._numrefs(text, 0, cues)] == ["593", "12", "5", "06"]
    # the characters the gap can open with, under IGNORECASE: every character the pattern's first set matches
    from pipeline.citations.cues import NUMREF_GAP_FIRST, NUMREF_GAP_REV
    assert NUMREF_GAP_REV == r"(?:[ \t]*:?[ \t]*[ốo]s)?[ \t]+"
    first = re.compile(r"[ \t:ốo]", re.IGNORECASE)
    assert {chr(c) for c in range(0x110000) if first.match(chr(c))} == NUMREF_GAP_FIRST


def _clause_start_of_the_whole_text(text, breaks, at, lists):
    """The clause start of `at` from every boundary of the text (what `_Clauses.start` finds from a scan near `at`)."""
    import bisect
    bounds = sorted({0, *(m.end() for m in C._BOUNDARY_RE.finditer(text)), *breaks})
    k = bisect.bisect_right(bounds, at) - 1
    while lists and k > 0 and not text[bounds[k]:at].strip() and \
            text[bounds[k - 1]:bounds[k]].rstrip().endswith((";", ",")):
        k -= 1
    return bounds[k]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([".", ";", ",", ":", "\n", " ", "*", "|", "- ", "1. ", "Căn cứ", "Luật số 5/QH", "x",
                                 "Ông", "abc " * 40, ";\n", ",\n"]), max_size=40),
       st.lists(st.integers(min_value=0, max_value=400), max_size=2), st.data())
def test_clause_starts_near_a_place_are_those_of_the_whole_text(parts, breaks, data):
    from pipeline.citations.context import _Clauses
    text = "".join(parts)
    clauses = _Clauses(text, tuple(breaks))     # (one object asked in any order: its scans go on, or start anew)
    for at in data.draw(st.lists(st.integers(min_value=0, max_value=len(text)), min_size=1, max_size=6)):
        for lists in (True, False):
            assert clauses.start(at, lists) == _clause_start_of_the_whole_text(text, tuple(breaks), at, lists)


def test_clause_starts_on_the_corpus():
    from pipeline.citations.context import _Clauses
    for text in _corpus_texts()[::4]:
        clauses = _Clauses(text, (len(text) // 3,))
        for at in [*range(0, len(text), 61), *range(len(text) - 1, 0, -397)]:
            for lists in (True, False):
                assert clauses.start(at, lists) == _clause_start_of_the_whole_text(text, (len(text) // 3,), at, lists)
