"""Symbols printed with the hyphen between a State type and issuer lost, the find_symbols cache, and its scan
by one pattern per digit."""
from __future__ import annotations

import pytest

from pipeline import extract
from pipeline.lang import find_symbols, parse_symbol
from pipeline.lang import symbols as S

from .conftest import DEV, SEEDS, corpus_files


@pytest.mark.parametrize("raw,canonical", [
    ("214/2025/NĐCP", "214/2025/NĐ-CP"), ("04/2022/QĐTTg", "04/2022/QĐ-TTg"), ("524/QĐTTg", "524/QĐ-TTg"),
    ("1600/QĐTTG", "1600/QĐ-TTg"), ("06/2022/TTBTTTT", "06/2022/TT-BTTTT"), ("1254/QĐBTC", "1254/QĐ-BTC"),
])
def test_run_together_type_and_issuer(raw, canonical):
    s = parse_symbol(raw)
    assert s is not None and s.canonical == canonical and s.system == "state"


@pytest.mark.parametrize("raw,canonical", [
    ("40/2009/QH12", "40/2009/QH12"), ("101/2025/UBTVQH15", "101/2025/UBTVQH15"),
    ("02/2026/CTUBND", "02/2026/CTUBND"),      # an issuer code of its own: not CT + UBND
])
def test_whole_codes_are_not_split(raw, canonical):
    assert parse_symbol(raw).canonical == canonical


@pytest.mark.parametrize("raw", ["12/UBND", "5/QĐ", "12/CTUBND", "3/KHCN"])
def test_no_symbol(raw):
    assert parse_symbol(raw) is None


def test_find_symbols_same_result_twice():
    text = "Thực hiện Quyết định số 524/QĐTTg ngày 01/4/2021 và Chỉ thị số 08-CT/TU."
    a = find_symbols(text)
    b = find_symbols(text)
    assert a == b and a is not b
    assert [s.canonical for _, _, s in a] == ["524/QĐ-TTg", "08-CT/TU"]


def _spans(ms):
    return [m.span() for m in ms]


def test_digit_parts_find_what_the_symbol_pattern_finds():
    """`_symbol_matches` (one pattern per first digit, matches put in order) gives `_SYMBOL_RE.finditer`."""
    for d in (SEEDS, DEV):
        for f in [f for f in corpus_files(d) if f.suffix == ".txt"][:40]:
            text = f.read_text(encoding="utf-8")
            assert _spans(S._symbol_matches(text)) == _spans(S._SYMBOL_RE.finditer(text))


def test_overlapping_digit_parts_leave_it_to_the_one_pattern():
    """A number, a space and a year-led symbol (`5 2020/NĐ-CP`): the part for `2` finds `2020/NĐ-CP` inside the
    one pattern's match `5 2020/NĐ-CP`; the one pattern's scan is taken."""
    text = "Theo văn bản 5 2020/NĐ-CP và Chỉ thị số 08-CT/TU, Kế hoạch 12 KH/UBND."
    parts = sorted(_spans(m for rx in S._SYMBOL_PARTS for m in rx.finditer(text)))
    assert (2 < len(parts) and any(b[0] < a[1] for a, b in zip(parts, parts[1:], strict=False)))
    assert _spans(S._symbol_matches(text)) == _spans(S._SYMBOL_RE.finditer(text))
    assert [text[s:e] for s, e, _ in find_symbols(text)] == ["08-CT/TU", "12 KH/UBND"]


@pytest.mark.parametrize("raw, number, canonical", [
    # a register that pads its numbers with zeros (Đắk Lắk, Cà Mau): the number as printed
    ("Số: 0125/KH-UBND", "0125", "0125/KH-UBND"),
    ("01779/QĐ-UBND", "01779", "01779/QĐ-UBND"),
])
def test_a_zero_padded_number(raw, number, canonical):
    sym = parse_symbol(raw)
    assert (sym.number, sym.canonical) == (number, canonical)


def test_a_zero_padded_symbol_in_a_header():
    h = extract("ỦY BAN NHÂN DÂN\nTỈNH ĐẮK LẮK\nSố: 0125/KH-UBND\nĐắk Lắk, ngày 18 tháng 11 năm 2025\nKẾ HOẠCH\n"
                "Về thử\n1. Sở Nội vụ chủ trì.\n").header
    assert (h.symbol, h.number, h.doc_type) == ("0125/KH-UBND", "0125", "Kế hoạch")
