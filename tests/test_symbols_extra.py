"""Symbols printed with the hyphen between a State type and issuer lost, and the find_symbols cache."""
from __future__ import annotations

import pytest

from pipeline.lang import find_symbols, parse_symbol


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
