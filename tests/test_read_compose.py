"""`chars.composed_runs` composes a piece not in NFC stretch by stretch; emitted, it gives the text
and the offset runs the character-by-character way gives (kept in `emit_piece` for what it leaves)."""
import random
import unicodedata

from pipeline.read.chars import composed_runs
from pipeline.read.emit import TextBuilder, emit_by_cluster, emit_piece


def _by_char(s: str, raw: int) -> TextBuilder:
    """The character-by-character way: each cluster composed, each character emitted at its offset."""
    b = TextBuilder(nfc=False)
    emit_by_cluster(b, s, raw)
    return b


def _emitted(s: str, raw: int) -> TextBuilder:
    b = TextBuilder(nfc=False)
    emit_piece(b, s, raw)
    return b


def test_a_decomposed_line_is_emitted_as_character_by_character():
    s = unicodedata.normalize("NFD", "Căn cứ Nghị định số 02/2025/NĐ-CP, hoà thuỷ Ðiều")
    assert composed_runs(s, 7) is not None
    new, old = _emitted(s, 7), _by_char(s, 7)
    assert new.text() == old.text() == unicodedata.normalize("NFC", "Căn cứ Nghị định số 02/2025/NĐ-CP, hòa thủy Đ") \
        + "iều" and new.runs == old.runs


def test_odd_clusters_keep_the_offsets_of_the_character_by_character_way():
    # marks with no base, marks that do not compose (two tones), a singleton (Ω U+2126), Hangul jamo,
    # a mark outside the BMP, mixed with NFC stretches
    pool = ["a", "o", "u", "y", "Đ", "ư", " ", ".", "\u0300", "\u0301", "\u0323", "\u0309", "\u0303", "\u0306",
            "\u0302", "\u031b", "\u2126", "\u1100", "\u1161", "\u11a8", "\U0001d165", "\U0001d16d", "ộ", "\u00a0",
            "q", "e", "\u0400", "а"]
    rng = random.Random(17)
    for _ in range(3000):
        s = "".join(rng.choice(pool) for _ in range(rng.randint(1, 12)))
        if unicodedata.is_normalized("NFC", s):
            continue
        new, old = _emitted(s, 3), _by_char(s, 3)
        assert (new.text(), new.runs) == (old.text(), old.runs), ascii(s)
