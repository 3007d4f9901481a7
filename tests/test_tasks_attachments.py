"""The quick answers of pipeline/tasks/attachments.py give what the full tests give: `_is_caps`'s count of
the small ASCII letters in C, and the type word found by a regex the engine can skip to."""
import random
import re

from pipeline.tasks import attachments as A


def _caps_counted(text: str, min_letters: int = 8) -> bool:
    """`_is_caps` by its definition: at least `min_letters` letters, four in five of them upper case."""
    letters = [c for c in text if c.isalpha()]
    upper = sum(c.isupper() for c in letters)
    return len(letters) >= min_letters and upper >= 0.8 * len(letters)


def _lines(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    pieces = ["KẾ HOẠCH", "Kế hoạch", "QUY CHẾ", "QUY ĐỊNH", "PHỤ LỤC", "BẢNG", "BẢNGX", "xKẾ HOẠCH", "ĐỀ ÁN",
              "abc", "ABC", "ỦY BAN", "tỉnh", " ", "\n", "\t", ".", "(", "1", "ß", "ǅ", "Ⅰ", "\ud800", "đ", "Đ"]
    return [" ".join(rng.choice(pieces) for _ in range(rng.randint(0, 40))) for _ in range(n)]


def test_is_caps_is_its_definition():
    lines = _lines(1, 3000) + ["KẾ HOẠCH", "Kế hoạch thực hiện", "a" * 300 + "A" * 2000, "A" * 2000 + "a" * 300,
                               "ABCDE abcd", "ABCDEFGH ab", "ABCDEFGH abc", "x" * 45, ""]
    for s in lines:
        for k in (1, 8):
            assert A._is_caps(s, min_letters=k) == _caps_counted(s, k), (s, k)


def test_attached_type_at_is_the_search():
    for s in _lines(2, 3000) + ["KẾ HOẠCH", " KẾ HOẠCH", "xKẾ HOẠCH KẾ HOẠCH", "KẾ HOẠCHX KẾ HOẠCH", "\tPHỤ LỤC 1"]:
        m = A._ATTACHED_TYPE.search(s)
        assert A._attached_type_at(s) == (m.start() if m else None), s


def test_a_type_word_inside_a_word_is_skipped():
    # `xKẾ HOẠCH` is not the word, the next one is (after its space)
    assert A._attached_type_at("xKẾ HOẠCH KẾ HOẠCH") == 9
    assert re.search(A._ATTACHED_WORDS, "xKẾ HOẠCH").start() == 1
