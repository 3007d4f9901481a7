"""Symbols: valid, mangled and non-symbols; every example of models/doctypes.toml."""
from __future__ import annotations

import tomllib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.lang.symbols import (
    doc_type_code,
    doc_type_name,
    find_symbols,
    match_doc_type,
    parse_symbol,
    symbol_key,
)
from pipeline.resources import models_dir

VALID = [
    # raw, canonical, system, type_code, issuer_code, year
    ("08-CT/TU", "08-CT/TU", "party", "CT", "TU", None),
    ("Số 528-CV/ĐU", "528-CV/ĐU", "party", "CV", "ĐU", None),
    ("05/CT-TTg", "05/CT-TTg", "state", "CT", "TTg", None),
    ("05-CT/TTg", "05/CT-TTg", "state", "CT", "TTg", None),
    ("30/2020/NĐ-CP", "30/2020/NĐ-CP", "state", "NĐ", "CP", "2020"),
    ("2739/VPCP-ĐMDN", "2739/VPCP-ĐMDN", "state", None, "VPCP-ĐMDN", None),
    ("40/2009/QH12", "40/2009/QH12", "state", None, "QH12", "2009"),
    ("18-HD/TWĐTN-BTC", "18-HD/TWĐTN-BTC", "party", "HD", "TWĐTN-BTC", None),
    ("5053-CV/VPTW/nb", "5053-CV/VPTW/nb", "party", "CV", "VPTW/nb", None),
    ("1249a/CTPH-UBDT-BTP", "1249a/CTPH-UBDT-BTP", "state", None, "CTPH-UBDT-BTP", None),
    ("16/KH-MTTQ-BTT", "16/KH-MTTQ-BTT", "state", "KH", "MTTQ-BTT", None),
    ("5/2016/NQ-HĐND8", "5/2016/NQ-HĐND8", "state", "NQ", "HĐND8", "2016"),
]

MANGLED = [
    ("100 - KL/TW", "100-KL/TW"),
    ("134- KL/TW", "134-KL/TW"),
    ("Số: 1400 - CV/VPTU", "1400-CV/VPTU"),
    ("08-CT7TU", "08-CT/TU"),
    ("72-NQ-TW", "72-NQ/TW"),
    ("113 NQ/ĐU", "113-NQ/ĐU"),
    ("98 KH/TWĐTNBTC", "98-KH/TWĐTN-BTC"),
    ("So 12/BC-VPTU", "12-BC/VPTU"),
    ("22-CT/Thu", "22-CT/ThU"),
    ("71/NQ -CP", "71/NQ-CP"),
    ("1148/UBND- ĐT", "1148/UBND-ĐT"),
    ("1569/QĐ-TTG", "1569/QĐ-TTg"),
    ("15/QD-TCT", "15/QĐ-TCT"),
    ("39/2022/ND-CP", "39/2022/NĐ-CP"),
    ("22/2013/NÐ-CP", "22/2013/NĐ-CP"),          # U+00D0
    ("5/CTR-UBND", "5/CTr-UBND"),
    ("12/Ctr-UBND", "12/CTr-UBND"),
    ("861/QĐ – TTg", "861/QĐ-TTg"),
    ("1148/UBND-\nĐT", "1148/UBND-ĐT"),
]

NON_SYMBOLS = ["15/6/2024", "2022-2025", "/KH-UBND", "Số: /KH-UBND", "0273.3872.123", "3/4", "COVID-19",
               "3⁄NOQTW", "24/7", "F0/F1", "ngày 26-4-2016", "14.12.2020", "", "Số", "KH-UBND", "12/QĐ"]


@pytest.mark.parametrize("raw,canon,system,tc,iss,year", VALID)
def test_valid(raw, canon, system, tc, iss, year):
    s = parse_symbol(raw)
    assert s is not None
    assert (s.canonical, s.system, s.type_code, s.issuer_code, s.year) == (canon, system, tc, iss, year)
    assert s.as_written == raw


@pytest.mark.parametrize("raw,canon", MANGLED)
def test_mangled(raw, canon):
    s = parse_symbol(raw)
    assert s is not None and s.canonical == canon


@pytest.mark.parametrize("raw", NON_SYMBOLS)
def test_non_symbols(raw):
    assert parse_symbol(raw) is None


def test_state_cong_van_type():
    s = parse_symbol("2739/VPCP-ĐMDN")
    assert s.doc_type == "Công văn"
    assert parse_symbol("528-CV/ĐU").doc_type == "Công văn"
    assert parse_symbol("40/2009/QH12").doc_type is None


def test_symbol_key_issuer_order():
    assert symbol_key("16/KH-MTTQ-BTT") == symbol_key("16/KH-BTT-MTTQ")
    assert symbol_key("05-CT/TTg") == symbol_key("05/CT-TTg")
    assert symbol_key("08-CT/TU") != symbol_key("08-CT/ĐU")


def test_find_symbols_spans():
    text = ("Căn cứ Chỉ thị số 05-CT/TTg ngày 23/02/2023, Nghị quyết số 71/NQ -CP và "
            "Quyết định số 1569/QĐ-TTg - Tổng hợp ngày 15/6/2024 năm 2022-2025.")
    found = find_symbols(text)
    assert [s.canonical for _, _, s in found] == ["05/CT-TTg", "71/NQ-CP", "1569/QĐ-TTg"]
    for a, b, s in found:
        assert text[a:b] == s.as_written


def _doctypes():
    with open(models_dir() / "doctypes.toml", "rb") as f:
        return tomllib.load(f)["type"]


EXAMPLES = [(t["name"], e) for t in _doctypes() for e in t.get("examples", [])]
COUNTER = [(t["name"], e) for t in _doctypes() for e in t.get("counter_examples", [])]


@pytest.mark.parametrize("name,raw", EXAMPLES)
def test_doctype_examples(name, raw):
    s = parse_symbol(raw)
    assert s is not None, raw
    assert s.doc_type == name


@pytest.mark.parametrize("name,raw", COUNTER)
def test_doctype_counter_examples(name, raw):
    s = parse_symbol(raw)
    assert s is None or s.doc_type != name


def test_doc_type_names_and_codes():
    assert doc_type_name("CT", None) == "Chỉ thị"
    assert doc_type_name("TT", "state") == "Thông tư"
    assert doc_type_name("TT", "party") == "Thông tri"
    assert doc_type_name("CV", "party") == "Công văn"
    assert doc_type_name("QD", "state") == "Quyết định"
    assert doc_type_name("XYZ", None) is None
    assert doc_type_code("Kế hoạch", None) == "KH"
    assert doc_type_code("Công văn", "party") == "CV"
    assert doc_type_code("Công văn", "state") is None
    assert doc_type_code("Quy định", "state") == "QyĐ"
    assert doc_type_code("Quy định", "party") == "QĐ"
    assert doc_type_code("Chương trình", "party") == "CTr"


@pytest.mark.parametrize("text,name", [("CHỈ THỊ", "Chỉ thị"), ("Kế hoạch số 5", "Kế hoạch"),
                                       ("  KẾ HOẠCH\nthực hiện", "Kế hoạch"),
                                       ("Thông tư liên tịch số", "Thông tư liên tịch"),
                                       ("Nghị quyết liên tịch", "Nghị quyết liên tịch"),
                                       ("Công văn", "Công văn")])
def test_match_doc_type(text, name):
    m = match_doc_type(text)
    assert m is not None and m[0] == name
    assert text[m[1]:m[2]].casefold() == name.casefold()


@pytest.mark.parametrize("text", ["Chỉ thịx", "Về việc", "", "Luậtsư"])
def test_match_doc_type_none(text):
    assert match_doc_type(text) is None


def test_every_type_has_a_name_that_matches():
    for t in _doctypes():
        m = match_doc_type(t["name"])
        assert m is not None and m[0] == t["name"]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("0123456789/-–.: \nQĐDCTKHUBNDSốsoTWđÐ7a")) , max_size=40))
def test_parse_never_raises_symbolish(s):
    parse_symbol(s)
    for a, b, sym in find_symbols(s):
        assert s[a:b] == sym.as_written


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_parse_never_raises(s):
    parse_symbol(s)
    find_symbols(s)
