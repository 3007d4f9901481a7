"""`busy_lines` finds, in one scan of a document, the lines that each per-line test would find."""
import random

from pipeline.read.boilerplate import DEBRIS_MARK
from pipeline.read.chars import ODD_CHAR_RE, TONE_QUICK
from pipeline.read.emit import _MARKUP_QUICK, _SPECIAL_RE, busy_lines, line_starts

# pieces of lines: plain words, markup, odd spaces, look-alikes, Cyrillic letters, tone marks that move
# (`hoà`, `thuỷ`) or stay (`hoàn`, `quý`), scanner debris
_PIECES = ["Sở Nội vụ ", "chủ trì", " ", "  ", "**", "_", "#", "\\", "<br>", "\t", "\u00a0", "\u2009", "\ufeff",
           "\u00d0", "\u0406", "сhung", "hoà", "hoàn", "thuỷ", "quý", "Uỷ ban", "o", "ạ", "^", "~", "©", "°", "a)"]


def test_one_scan_finds_the_lines_each_test_finds():
    rng = random.Random(3)
    for _ in range(300):
        texts = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(0, 5))) for _ in range(rng.randint(1, 12))]
        busy, special, marked, odd = busy_lines(texts, "\n".join(texts), line_starts(texts), DEBRIS_MARK)
        assert special == {k for k, t in enumerate(texts) if _SPECIAL_RE.search(t)}
        assert marked == {k for k, t in enumerate(texts) if DEBRIS_MARK.search(t)}
        assert busy == {k for k, t in enumerate(texts)
                        if _SPECIAL_RE.search(t) or _MARKUP_QUICK.search(t) or "  " in t or TONE_QUICK.search(t)}
        assert odd == any(ODD_CHAR_RE.search(t) for t in texts)


def test_a_line_that_holds_a_newline_makes_every_line_busy():
    texts = ["Sở Y tế", "a\nb", "c"]
    busy, special, marked, odd = busy_lines(texts, "\n".join(texts), line_starts(texts), DEBRIS_MARK)
    assert busy == special == {0, 1, 2} and marked == set() and not odd
