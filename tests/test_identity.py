"""One document identity: the symbol parser, the key builder, `fold`/`slug` and the type and issuer
codes come from one place (pipeline.lang.symbols, pipeline.graph.keys) and the data files
models/doctypes.toml and models/issuer_codes.toml; OCR repair reads its codes there too."""
from __future__ import annotations

import datetime as dt
import re
import tomllib
import unicodedata

import pytest

from pipeline.graph import Context, key_reference
from pipeline.graph import keys as graph_keys
from pipeline.lang import gazetteer, symbols
from pipeline.lang.symbols import parse_symbol
from pipeline.ocr import repair as ocr_repair
from pipeline.resources import models_dir

OCR = tomllib.loads((models_dir() / "doctypes.toml").read_text(encoding="utf-8"))["ocr"]


@pytest.mark.parametrize("raw", OCR["examples"])
def test_ocr_examples_are_repaired_to_a_symbol(raw):
    fixed, reps = ocr_repair.repair_line(raw)
    assert reps and parse_symbol(fixed) is not None and "7" not in fixed.split("-", 1)[1]


@pytest.mark.parametrize("raw", OCR["counter_examples"])
def test_ocr_counter_examples_stay(raw):
    assert ocr_repair.repair_line(raw) == (raw, [])


def test_ocr_codes_are_the_data_files():
    codes = symbols.type_codes(ocr=True)
    assert {"CT", "QĐ", "KHLT", "TBKL"} <= codes and "XY" not in codes
    assert "BTGTU" in ocr_repair._KNOWN_SEGMENTS and "TTg" in ocr_repair._KNOWN_SEGMENTS
    assert "KẾ HOẠCH LIÊN TỊCH" in ocr_repair._TYPE_NAMES and "LUẬT" in ocr_repair._TYPE_NAMES


def test_one_party_term():
    """One function named party_term (symbols: by level); graph keys read it through issuer_term."""
    import pipeline.citations.stage as citations
    assert not hasattr(graph_keys, "party_term") and not hasattr(citations, "party_term")
    assert graph_keys.issuer_term("TU", dt.date(2023, 4, 14)) == symbols.party_term("provincial", dt.date(2023, 4, 14))


def test_one_fold():
    assert gazetteer.fold is symbols.fold is graph_keys.fold
    assert symbols.slug("Tỉnh ủy Tiền Giang") == "tinh-uy-tien-giang"


@pytest.mark.parametrize("name", ["Tỉnh ủy Tiền Giang", "ĐOÀN THANH NIÊN", "Uỷ ban nhân dân", "İstanbul – Ðà Nẵng",
                                  "a\u1dc0b\u20d0c", "שָׁלוֹם Ñandú", "x\u0301\u0483y", "Sở Y tế (VNPT)/2024", ""])
def test_fold_takes_out_every_nonspacing_mark(name):
    """`fold` takes the common diacritics out in C and any other nonspacing mark one by one: the same as taking
    every `Mn` character out of the decomposed name (and a mark `lower` makes, `İ` -> `i̇`, is a separator)."""
    nfd = unicodedata.normalize("NFD", name.replace("Đ", "D").replace("đ", "d").replace("Ð", "D"))
    plain = "".join(ch for ch in nfd if unicodedata.category(ch) != "Mn").lower()
    assert gazetteer.fold(name) == re.sub(r"[^0-9a-z]+", " ", plain).strip()


def _ctx(locality, evidence="header", date=None):
    return Context("r", "vn:record:r", locality, date, None, None, None, evidence)


def test_locality_evidence_in_order():
    sym = parse_symbol("24-CT/TU")
    d = dt.date(2023, 4, 28)
    own = key_reference(sym, issuer_text="Ban Thường vụ Tỉnh ủy Bắc Giang", date=d, ctx=_ctx("Hà Nội"))
    assert own.key == "vn:party:tu-bac-giang:ct:24:2020-2025" and "issuer's own name" in own.meta["key_reason"]
    said = key_reference(sym, issuer_text="Ban Thường vụ Tỉnh ủy", date=d, ctx=_ctx("Hà Nội"),
                         sentence="thực hiện Chỉ thị số 24-CT/TU của Ban Thường vụ Tỉnh ủy trên địa bàn tỉnh Bắc Giang")
    assert said.key == own.key and "citing sentence" in said.meta["key_reason"]
    head = key_reference(sym, issuer_text="Ban Thường vụ Tỉnh ủy", date=d, ctx=_ctx("Bắc Giang"))
    assert head.key == own.key and "header" in head.meta["key_reason"] and not head.meta["locality_inferred"]
    body = key_reference(sym, issuer_text="Ban Thường vụ Tỉnh ủy", date=d, ctx=_ctx("Bắc Giang", "body"))
    assert body.key == own.key and "inferred" in body.meta["key_reason"] and body.meta["locality_inferred"]
    none = key_reference(sym, issuer_text="Ban Thường vụ Tỉnh ủy", date=d, ctx=None)
    assert none.key is None and "locality" in none.reason


def test_a_bare_place_name_is_no_evidence():
    """`tư tưởng Hồ Chí Minh` names no place; `tỉnh`, `thành phố`, `TP` before the name do."""
    assert graph_keys.provinces_named("học tập và làm theo tư tưởng Hồ Chí Minh") == []
    assert graph_keys.provinces_named("trên địa bàn TP.HCM và tỉnh Bắc Giang, tỉnh Bắc Giang") == \
        ["Bắc Giang", "Hồ Chí Minh"]


def test_central_issuer_never_takes_a_locality():
    """The issuer phrase of `71/NQ-CP` ran on to `... của Ban Thường vụ Thành ủy Hà Nội`: the
    Chính phủ is central, its key has no locality."""
    k = key_reference(parse_symbol("71/NQ-CP"), issuer_text="Chính phủ và Kế hoạch hành động của Ban Thường vụ "
                      "Thành ủy Hà Nội", date=dt.date(2025, 5, 1), ctx=_ctx("Hà Nội"))
    assert k.key == "vn:state:cp:nq:71:2025"


def test_commune_of_a_province_name_is_not_the_province():
    assert graph_keys.issuer_locality("Ủy ban MTTQ Việt Nam xã Quảng Ninh") is None
    assert graph_keys.issuer_locality("Tỉnh ủy Quảng Ninh") == "Quảng Ninh"


def test_company_names_say_no_locality():
    """A business's name holds a brand, not a locality (`Công ty cổ phần siêu thị Sài Gòn`), and its
    code (`STSG`) is no Sở's: the key takes no province."""
    sym = symbols.parse_symbol("291/STSG-HC")
    k = key_reference(sym, issuer_text="Công ty cổ phần siêu thị Sài Gòn", date=dt.date(2025, 9, 29), ctx=None)
    assert k.key == "vn:state:stsg:cv:291:2025"
    k = key_reference(symbols.parse_symbol("12/STC-NS"), issuer_text="Sở Tài chính tỉnh Bắc Giang",
                      date=dt.date(2025, 3, 1), ctx=None)
    assert k.key == "vn:state:stc-bac-giang:cv:12:2025"


def test_province_name_cut_short_is_the_province():
    """`Thuế thành phố Hồ Chí` (the text dropped `Minh`) names Hồ Chí Minh, not a unit `Hồ Chí`."""
    k = key_reference(symbols.parse_symbol("3896/TPHCM-VP"), issuer_text="Thuế thành phố Hồ Chí",
                      date=dt.date(2025, 10, 21), ctx=None)
    assert k.key == "vn:state:tphcm-ho-chi-minh:cv:3896:2025"


def test_company_words_examples():
    from pipeline.graph.locality import is_company
    facts = symbols.issuer_facts()["company"]
    assert all(is_company(x) for x in facts["examples"])
    assert not any(is_company(x) for x in facts["counter_examples"])
