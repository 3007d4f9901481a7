"""`emit.markup_matches` finds what `MARKUP_RE.finditer` finds, trying the pattern only where a match
can open; a busy line is emitted alike whichever way its pieces go (fixed one by one or as they are)."""
import random

from pipeline.read.emit import MARKUP_RE, TextBuilder, emit_line, markup_matches


def _spans(matches):
    return [(m.span(), m.group(0)) for m in matches]


def test_markup_matches_are_those_of_finditer():
    cases = ["  # Tiêu đề", " # Tiêu đề", "# Tiêu đề", "#x", "a  b", " \tb", "\\*a\\", "x<br/>y<br >z",
             "a\u00a0b\u2003c", " ", "  ", "\u1680\u1680x", "*** a ***", "__a__ _b_", "**3**. Giao", "a \u200bb",
             "Sở Y tế *(chủ trì)*;  Sở Tài chính", "\ufeffKẾ HOẠCH", "x\r", "\\"]
    pool = list(" \t*_#\\<br/>\u00a0\u2003\u200b\ufeff\u00ad\u3000\u1680ab1.(-")
    rng = random.Random(5)
    cases += ["".join(rng.choice(pool) for _ in range(rng.randint(1, 14))) for _ in range(5000)]
    for s in cases:
        assert _spans(markup_matches(s)) == _spans(MARKUP_RE.finditer(s)), ascii(s)


def _emit(line: str, nfc: bool, odd: bool) -> tuple[str, list]:
    b = TextBuilder(nfc, odd)
    emit_line(b, line, 10)
    return b.text(), b.runs


def test_a_busy_line_without_a_tone_to_move_is_emitted_as_with_its_pieces_fixed():
    line = "là 04 năm *(48 tháng) *đối với  nhiệm kỳ quả *(60 tháng)*"
    # in NFC without odd characters its pieces go as they are; else each is fixed
    assert _emit(line, True, False) == _emit(line, False, True)
    assert _emit(line, True, False)[0] == "là 04 năm (48 tháng) đối với nhiệm kỳ quả (60 tháng)"


def test_a_busy_line_with_a_tone_to_move_has_its_pieces_fixed():
    line = "hoà  nhập, thuỷ *lợi* khoẻ"
    assert _emit(line, True, False) == _emit(line, False, True)
    assert _emit(line, True, False)[0] == "hòa nhập, thủy lợi khỏe"


def test_tone_quick_finds_the_pairs_whose_tone_moves():
    from pipeline.read.chars import TONE_QUICK, fix_tones
    for word, moves in (("hoà", True), ("khoẻ", True), ("thuỷ", True), ("quả", False), ("quý", False), ("hoàn", False),
                        ("mùa", False), ("thuế", False), ("Hoà.", True), ("QUÝ", False), ("HOÀ", True)):
        assert bool(TONE_QUICK.search(word)) == moves == (fix_tones(word) != word), word


def test_drop_markup_is_markup_re_sub():
    from pipeline.read.emit import drop_markup
    rng = random.Random(8)
    pool = list(" \t*_#\\<br/>\u00a0\u2003ab.")
    for s in ["**3**. Giao", "  # Tiêu đề", "a  b\\*c<br>d", ""] + ["".join(rng.choice(pool) for _ in range(12))
                                                                for _ in range(3000)]:
        assert drop_markup(s) == MARKUP_RE.sub("", s) and drop_markup(s, " ") == MARKUP_RE.sub(" ", s), ascii(s)
