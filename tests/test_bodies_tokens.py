"""The bodies stage's tokenizer: its split at spaces first (`tokens._split`) gives exactly what the token
regex's split gives (gaps and tokens), on made-up texts with every kind of piece, on random strings of
the characters that matter, and on the sample corpus."""
import bisect
import pathlib
import random

import pytest

from pipeline.bodies.tokens import _PARA, _TOKEN_SPLIT, _ends_with, _match_seq, _seq, _split, tokenize

ROOT = pathlib.Path(__file__).resolve().parent.parent

PIECES = [
    "Sở Y tế chủ trì, phối hợp với các sở, ngành.",     # words, and a word with one mark
    "Chỉ thị số 27-CT/TW; Nghị quyết 98/NQ-CP (1) và (iv)",   # symbols kept whole, enumerators
    "  two  spaces\tand a tab\n\nnew paragraph | cell |",     # gaps of several kinds
    "**Bộ Tài chính** _nhấn_ `mã` # tiêu đề > trích",        # markdown marks: gaps, not tokens
    "AT&T, AT& T, R&D&, tên_biến, x_, _y, a.b.c. d'e ’f",    # joiners, `&` and `_`
    "“trích dẫn”, — gạch, ¡hỏi! ... 1.000.000đ 30/4/2025.",
    "Uỷ ban\u00a0nhân dân\u2003tỉnh",                         # non-breaking and em spaces
    "(Sở) “Ủy ban”, (1). ). a)).( -- ?!",                  # marks around a word, each a token
    "tế.\nSở x\n\n\ny (a\n)b _\n_\n|\n",                       # line breaks inside a piece between spaces
    "", " ", "a", ",", " ,", "a ", " a", "a,", "a_", "a&", "&", "a-", "-a", "a\n", "\n", "|", "ab|cd",
]


@pytest.mark.parametrize("text", PIECES)
def test_split_is_the_regex_split(text):
    assert _split(text) == _TOKEN_SPLIT.split(text)


def test_split_on_random_strings():
    chars = "aZđỆ09_&'’.-/*\\#|>`,;:()“” \t\n\u00a0\u0301"
    rnd = random.Random(17)
    for _ in range(3000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 24)))
        assert _split(text) == _TOKEN_SPLIT.split(text), repr(text)


def test_split_on_the_sample_corpus():
    files = sorted((ROOT / "corpora" / "sample").rglob("*.txt"))
    assert files
    for f in files:
        text = f.read_text(encoding="utf-8")
        assert _split(text) == _TOKEN_SPLIT.split(text), f.name


def test_tokens_offsets_and_paragraphs():
    toks = tokenize("Sở Y tế,  chủ trì\n\nBộ Tài chính | UBND")
    assert toks.text == ["Sở", "Y", "tế", ",", "chủ", "trì", "Bộ", "Tài", "chính", "UBND"]
    assert [toks.start(k) for k in (0, 3, 4, 6, 9)] == [0, 7, 10, 19, 34]
    assert [k for k, p in enumerate(toks.para) if p] == [6, 9]


def test_paragraph_starts_are_the_tokens_after_each_break():
    # a break (`\\n` + marks + `\\n`, or `|`) marks the first token that starts at or after its end, as the
    # tokens' offsets and a bisection find it (a break may hold a token: `\\n_\\n`)
    chars = "ab_*#> \t\n|,"
    rnd = random.Random(5)
    for _ in range(3000):
        text = "".join(rnd.choice(chars) for _ in range(rnd.randint(0, 20)))
        toks = tokenize(text)
        starts = [toks.start(k) for k in range(len(toks))]
        want = [False] * len(toks)
        for m in _PARA.finditer(text):
            k = bisect.bisect_left(starts, m.end())
            if 0 < k < len(toks):
                want[k] = True
        assert toks.para == want, repr(text)


def test_match_seq_at_and_past_the_end():
    seqs = _seq("phối hợp", "phối hợp với", "giao")
    norms = tokenize("giao Sở Y tế phối hợp với").norm
    assert _match_seq(norms, 0, seqs) == 1
    assert _match_seq(norms, 4, seqs) == 3
    assert _match_seq(norms, 5, seqs) == 0
    assert _match_seq(norms, len(norms), seqs) == 0
    assert _match_seq(norms[:5], 4, seqs) == 0      # `phối` alone at the end: no `phối hợp`


def test_words_is_the_set_of_the_norms():
    # `toks.words` answers `w in toks.norm` with one look-up: the same answer for every word, built once
    toks = tokenize("Giao Uỷ ban nhân dân tỉnh, các sở (Sở Y tế) phối hợp.")
    assert toks.words == set(toks.norm)
    assert "ủy" in toks.words and "Uỷ" not in toks.words and "(" in toks.words and "đảng" not in toks.words
    assert toks.words is toks.words
    assert tokenize("").words == frozenset()


def _match_by_slices(norms, i, seqs):
    """`_match_seq` as it was written with slices: the longest sequence that starts with norms[i] (a word at a
    position counted from the end too) and whose words are the slice from i."""
    if not -len(norms) <= i < len(norms):
        return 0
    return next((len(q) for q in seqs if q and q[0] == norms[i] and (len(q) == 1 or norms[i:i + len(q)] == list(q))), 0)


def _ends_by_slices(norms, j, seqs):
    """`_ends_with` as it was written with slices."""
    if j <= 0:
        return 0
    return next((len(q) for q in seqs if q and q[-1] == norms[j - 1]
                 and (len(q) == 1 or (j >= len(q) and norms[j - len(q):j] == list(q)))), 0)


def test_match_seq_and_ends_with_are_the_longest_sequence_as_slices_read_it():
    """`_match_seq` / `_ends_with` compare a candidate's words where they stand (no slice built): the same
    answer as the slices gave at every position (negative ones too), in made-up texts with sequences that share
    words."""
    seqs = _seq("phối hợp", "phối hợp với", "phối hợp chặt chẽ với", "với", "chặt chẽ với", "Sở Y tế", "y tế",
                "giao", "giao cho")
    rng = random.Random(7)
    words = "phối hợp với chặt chẽ Sở Y tế giao cho các".split()
    texts = ["giao Sở Y tế phối hợp chặt chẽ với", "phối hợp với phối hợp", "y tế", ""]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randint(1, 12))) for _ in range(300)]
    for text in texts:
        norms = tokenize(text).norm
        n = len(norms)
        for i in range(-n, n + 1):
            assert _match_seq(norms, i, seqs) == _match_by_slices(norms, i, seqs), (text, i)
        for j in range(n + 1):
            assert _ends_with(norms, j, seqs) == _ends_by_slices(norms, j, seqs), (text, j)
    assert _match_seq(tokenize("giao cho Sở Y tế").norm, 2, seqs) == 3
    assert _ends_with(tokenize("phối hợp chặt chẽ với Sở").norm, 5, seqs) == 5
