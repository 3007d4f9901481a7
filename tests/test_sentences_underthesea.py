"""The sentence stage splits exactly as underthesea's `sent_tokenize` does.

`lang.sentences` loads underthesea's sentence module by itself (the package import would load its
whole NLP stack); these tests hold what it gives to the package import's own output on every
paragraph and line of the repository's corpora and on random strings of the characters the rules read.
"""
import random
from pathlib import Path

from underthesea import sent_tokenize

from pipeline.lang.sentences import (
    _INNER_END,
    _abbreviations,
    _found_spans,
    _punkt_sentences,
    sentence_spans,
    sentences_from_text,
    split_sentences,
)

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


def test_sentence_spans_read_in_place_are_the_strings_found_in_turn():
    # `sentence_spans` reads a paragraph inside the document's text (offsets, no slice); each span is the
    # place of the string underthesea's rules give, found in turn as `_found_spans` finds them
    rng = random.Random(19)
    alphabet = list("aAbĐ. .?!\t\n\r…1234TPtp ...Ths.e.g,\u00a0") + ["Sở Y tế ", "ngày 1.2.2024 ", "... Vâng "]
    pieces = _corpus_pieces()[:4000] + ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 120)))
                                        for _ in range(2_000)]
    for p in pieces:
        assert split_sentences(p, 7) == _spans_found_in_turn(p, 7), repr(p)
        doc_text = "Xx. " + p + " .Yy"
        assert sentence_spans(doc_text, 4, 4 + len(p)) == _spans_found_in_turn(p, 4), repr(p)


def _spans_found_in_turn(text, start):
    """The spans as the stage once found them: a paragraph with no sentence end inside is one sentence;
    else each of the strings `sentences_from_text` gives, found in the paragraph after the one before."""
    stripped = text.strip()
    if not stripped:
        return []
    if not _INNER_END.search(stripped):
        lead = len(text) - len(text.lstrip())
        return [(start + lead, start + lead + len(stripped))]
    return _found_spans(text, start)
