"""Constructions found by scoring the pipeline against session 24's hand annotation of 16 archive documents it had
never been run on (corpora/unseen, batch held-out-24): each a made-up sentence in the same construction, run through
the real finder, with what a careful reader finds.  Rules kept as data have their examples in models/bodies.toml
(`direct_companions`, `cue_report`, `cue_direct`, `lead_verbs`)."""
from __future__ import annotations

import pytest

from pipeline.bodies.stage import find_bodies


def bodies(text: str) -> set[tuple[str, str]]:
    return {(b.name, b.role) for b in find_bodies(text)}


# --- a preposition that governs a `;` list (bodies/roles.py: `flow.list_carry = "none"`)

@pytest.mark.parametrize("text", [
    # the bodies a decision is about, after `đối với`, item after item
    "Sở Tài chính quyết định đối với Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh; các cơ quan, tổ chức, "
    "đơn vị thuộc Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Trường Chính trị tỉnh.",
    # the same after a colon, and after `của:`
    "Sở Tài chính quyết định đối với: Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng nhân dân tỉnh; các cơ quan, tổ "
    "chức, đơn vị thuộc Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Trường Chính trị tỉnh.",
    "Sở Tài chính quyết định định mức máy móc phục vụ hoạt động của: Văn phòng Đoàn Đại biểu Quốc hội và Hội đồng "
    "nhân dân tỉnh; các cơ quan, tổ chức, đơn vị thuộc Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh; Trường Chính trị tỉnh."])
def test_a_governed_semicolon_list_names_no_body(text):
    assert bodies(text) == {("Sở Tài chính", "lead")}


def test_a_semicolon_item_with_a_verb_of_its_own_is_a_clause_of_its_own():
    # (`Sở Tài chính thẩm định` has a subject and a verb: not an item of the list `cho` governs)
    assert bodies("Cấp kinh phí cho Sở Y tế; Sở Tài chính thẩm định dự toán.") == {("Sở Tài chính", "lead")}
