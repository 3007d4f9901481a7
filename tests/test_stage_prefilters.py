"""The cheap first tests that spare the header, tasks and sentences stages a regex or a slice per unit
answer as the tests they stand before: never False where the full test would match."""
import random

from pipeline.header.units import _facts, _may_open_position
from pipeline.model import Block
from pipeline.tasks.attachments import _ANNEX_HEADING, _ATTACHED_TYPE, _may_open_attachment
from pipeline.tasks.markers import parse_marker
from pipeline.tasks.outline import _last_marked

_PIECES = ["KẾ HOẠCH", "PHỤ LỤC I", " QUY CHẾ", "ĐỀ ÁN", "BẢNG", "Kế hoạch", "1. Sở Y tế", "- Các sở",
           " ", "\t", "*", "PHÓ CHỦ TỊCH", "** CHỦ TỊCH", "Chủ tịch", "a) Nội dung", "Đ", "đ", "x", ""]


def _strings(n=3000, seed=16):
    rng = random.Random(seed)
    return ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 3))) for _ in range(n)]


def test_a_paragraph_an_attachment_may_open_is_one_the_patterns_may_match():
    assert _may_open_attachment("P") and _may_open_attachment(" ") and not _may_open_attachment("1")
    for t in _strings():
        if _ANNEX_HEADING.match(t) or _ATTACHED_TYPE.match(t):
            assert _may_open_attachment(t[:1]), repr(t)


def test_a_unit_a_position_may_open_is_one_the_position_pattern_may_match():
    pos = _facts()["_position"]
    assert _may_open_position("P") and _may_open_position("*") and not _may_open_position("-")
    for t in _strings():
        if pos.fullmatch(t.strip(" *")):
            assert _may_open_position(t[:1]), repr(t)


def test_the_last_marked_paragraph_is_found_from_the_end():
    text = "Mở đầu\n1. Sở Y tế\nNội dung\n2. Sở Tài chính\nKết thúc"
    blocks, at = [], 0
    for line in text.split("\n"):
        blocks.append(Block((at, at + len(line))))
        at += len(line) + 1
    assert _last_marked(text, blocks) == text.index("2. Sở")
    shuffled = blocks[::-1]         # (blocks out of order: still the greatest start)
    assert _last_marked(text, shuffled) == text.index("2. Sở")
    assert _last_marked(text, [blocks[0], blocks[2]]) == 0
    rows = [Block(b.span, "row", [b.span]) for b in blocks]
    assert _last_marked(text, rows) == 0
    assert max(b.span[0] for b in blocks if parse_marker(text[b.span[0]:b.span[1]])) == text.index("2. Sở")


def test_a_name_glued_after_the_last_separator_is_the_one_a_search_finds():
    from pipeline.header.signer import _GLUED_NAME, _glued_name
    assert _glued_name("TGĐ Cổng TTĐT, các Vụ, Cục; Nguyên Hòa Bình").group("name") == "Nguyên Hòa Bình"
    rng = random.Random(17)
    pieces = [";", ",", " ", "\n", "Nguyễn Văn An", "Sở", "các Vụ", "x" * 45, "  \n"]
    for _ in range(5000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 6)))
        a, b = _GLUED_NAME.search(t), _glued_name(t)
        assert (a and a.span("name")) == (b and b.span("name")), repr(t)


def test_names_grouped_by_first_letter_match_as_the_plain_alternation():
    import re

    from pipeline.header.casing import _casing, _names_re, _province_names
    fixed = sorted(_facts()["casing"]["fixed"], key=len, reverse=True)
    rng = random.Random(18)
    for names, after in ((list(_province_names()), r"(?![\wĐđ])"), (fixed, r"(?![\wĐđ])(?!\s+viên)")):
        plain = re.compile(r"(?i)(?<![\wĐđ])(" + "|".join(re.escape(n) for n in names) + ")" + after)
        grouped = _names_re(names, after)
        assert grouped.pattern != plain.pattern         # (these tables have no two first letters alike)
        pieces = names + [n.upper() for n in names] + [n.lower() for n in names] + \
            [" ", "tỉnh ", "x", "Đ", "đ", "ı", "ſ", "\u212a", "İ", " viên", "-", "1"]
        for _ in range(3000):
            t = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 5)))
            assert [m.span(1) for m in plain.finditer(t)] == [m.span(1) for m in grouped.finditer(t)], repr(t)
    assert _casing()["fixed"].pattern.startswith("(?i)(?=[")
    assert _names_re(["Ia Grai", "\u0131a"], "").pattern.startswith("(?i)(?<!")     # i and the dotless ı


def test_a_paragraph_opening_with_a_letter_has_no_marker_to_repair():
    from pipeline.read import MANGLED_MARKER_RE
    from pipeline.tasks.repairs import _COMMA_NUMBER, _LOST_PAREN_DIGIT, _SPECKS, _unread_marker
    repaired = ["_2. Thanh tra tỉnh", "___». Giao Sở", "() Đẩy mạnh", "1, Ưu tiên", "___\" Thành lập", "» Giao"]
    for para in repaired:
        for lead in ("a", "Đ", "ư", "X", "ĩ"):
            # a letter before any of them: none of the patterns the repairs read matches
            patterns = (MANGLED_MARKER_RE, _LOST_PAREN_DIGIT, _COMMA_NUMBER, _SPECKS)
            assert not any(rx.match(lead + para) for rx in patterns)
            assert _unread_marker(lead + para, []) is None
    assert _unread_marker("_2. Thanh tra tỉnh", []).label == "2."


def test_a_unit_whose_last_word_opens_in_small_letters_ends_in_no_signature():
    from pipeline.header.signer import _signature_at_end
    from pipeline.header.units import _may_end_in_name
    assert _signature_at_end("Lưu: VT. BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng") is not None
    assert _may_end_in_name("Lưu: VT. BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng.")
    assert not _may_end_in_name("PHÓ CHỦ TỊCH Nguyễn Văn an")
    assert not _may_end_in_name("Các sở tổ chức thực hiện. |")
    assert not _may_end_in_name("Hà Nội, ngày 12 tháng 3 năm 2025.") and not _may_end_in_name("Ông A ……")
    import re

    from pipeline.header.units import _in_word
    word = re.compile(r"[^\W\d_]")
    assert all(_in_word(chr(c)) == bool(word.fullmatch(chr(c))) for c in range(0x10000) if not 0xD800 <= c < 0xE000)
    rng = random.Random(20)
    pieces = ["PHÓ CHỦ TỊCH", "THỨ TRƯỞNG", "TM. ỦY BAN NHÂN DÂN", "Nguyễn", "Văn", "An", "Trần Thị Mai", "thực hiện",
              "(Đã ký)", "Thượng tướng", " ", " ", "\n", ".", "|", ",", "Đỗ", "lê", "x2", "Ân", "2025", "……", "An²"]
    found = 0
    for _ in range(20000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        if rng.random() < 0.5:       # a position, then a name, then what may close the unit
            t += rng.choice(pieces[:3]) + rng.choice([" ", "\n", " (Đã ký) "]) + rng.choice(
                ["Nguyễn Văn An", "Trần Thị Mai", "Đỗ Ân", "Lê Văn Ân"]) + rng.choice(["", ".", " |", " .", ","])
        if _signature_at_end(t) is not None:
            found += 1
            assert _may_end_in_name(t), repr(t)
    assert found > 1000


def test_a_run_of_recipients_is_told_from_a_long_item_without_splitting_it():
    from pipeline.tasks.ends import _ITEMS, _rules, is_recipient_run
    assert is_recipient_run("- Như trên; - Sở A; - Lưu: VT.")
    long_item = ("- Sở Y tế chủ trì, phối hợp với các sở, ngành liên quan tổ chức triển khai thực hiện kế hoạch "
                 "này; - Lưu: VT.")
    assert not is_recipient_run(long_item)
    rng = random.Random(21)
    pieces = ["- ", "Như trên", "; ", ". ", "Sở A", "Lưu: VT", "x" * 30, "– ", "+"]
    for _ in range(5000):
        t = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        items = _ITEMS.split(t)
        expected = (t[:1] in "-+•–" and len(items) >= 3 and all(len(x) < 100 for x in items)
                    and any(_rules()["item"].match(x) for x in items))
        assert is_recipient_run(t) == bool(expected), repr(t)
