"""The sentence stage splits exactly as underthesea's `sent_tokenize` does.

`lang.sentences` loads underthesea's sentence module by itself (the package import would load its
whole NLP stack); these tests hold what it gives to the package import's own output on every
paragraph and line of the repository's corpora and on random strings of the characters the rules read.
"""
import random
from pathlib import Path

from underthesea import sent_tokenize

from pipeline.lang.sentences import _abbreviations, _punkt_sentences, sentences_from_text, split_sentences

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _corpus_pieces() -> list[str]:
    files = [p for p in CORPORA.rglob("*") if p.suffix in (".txt", ".md") and p.name != "README.md"]
    assert files, f"no corpus documents under {CORPORA}"
    pieces = []
    for p in files:
        text = p.read_text(encoding="utf-8")
        pieces += text.split("\n\n") + text.splitlines()
    return pieces


def test_corpus_paragraphs_split_as_underthesea_splits_them():
    pieces = _corpus_pieces()
    differ = [p for p in pieces if sentences_from_text(p) != sent_tokenize(p)]
    assert len(pieces) > 10_000 and not differ, differ[:3]


def test_random_strings_of_the_characters_the_rules_read_split_alike():
    rng = random.Random(17)
    alphabet = list("aAbĐ. .?!\t\n\r…1234TPtp ...Ths.e.g,")
    for _ in range(3_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 30)))
        assert sentences_from_text(s) == sent_tokenize(s), repr(s)


def test_abbreviations_and_numbers_end_no_sentence():
    assert sentences_from_text("Ông Nguyễn Văn A. Ths. Trần B phối hợp.") == ["Ông Nguyễn Văn A. Ths. Trần B phối hợp."]
    assert sentences_from_text("Giá 1.500.000 đồng. Xong!") == ["Giá 1.500.000 đồng.", "Xong!"]
    assert split_sentences("Sở Nội vụ chủ trì. TP. Hồ Chí Minh phối hợp.", 10) == [(10, 28), (29, 54)]


def test_underthesea_rules_run_from_one_sentence_end_to_the_next_on_long_strings():
    # the stage runs the tokenizer's rules itself (`_punkt_sentences`), not underthesea's function
    abbreviations = _abbreviations()
    assert abbreviations is not None and {"tp", "ths", "a"} <= abbreviations
    rng = random.Random(18)
    alphabet = list("aAbĐ. .?!\t\n\r…1234TPtp ...Ths.e.g,") + ["Sở Y tế ", "ngày 1.2.2024 ", "... Vâng ", "?! "]
    for _ in range(1_000):
        s = "".join(rng.choice(alphabet) for _ in range(rng.randint(30, 200)))
        assert _punkt_sentences(s, abbreviations) == sent_tokenize(s), repr(s)
