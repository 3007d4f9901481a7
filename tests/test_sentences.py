"""Sentences stage (underthesea): spans into the text, abbreviations and dates kept whole."""
from pipeline import extract
from pipeline.graph.explorer import _ctx
from pipeline.lang.sentences import split_sentences


def _texts(text):
    return [text[s:e] for s, e in split_sentences(text)]


def test_sentences_keep_abbreviations_and_dates_whole():
    text = "Theo Quyết định số 12/QĐ-UBND ngày 1.2.2024 của UBND tỉnh, TP. Hồ Chí Minh thực hiện. Sở Y tế phối hợp!"
    assert _texts(text) == ["Theo Quyết định số 12/QĐ-UBND ngày 1.2.2024 của UBND tỉnh, TP. Hồ Chí Minh thực hiện.",
                            "Sở Y tế phối hợp!"]


def test_a_paragraph_without_an_inner_sentence_end_is_one_sentence():
    text = "  Sở Nội vụ chủ trì, phối hợp với Sở Tài chính  "
    assert split_sentences(text, 10) == [(12, 10 + len(text.rstrip()))]


def test_every_citation_knows_its_sentence_and_the_explorer_shows_it():
    text = ("CHỈ THỊ\nVề chuyển đổi số\n1. Sở Nội vụ chủ trì. Thực hiện Chỉ thị số 05/CT-TTg ngày 23/02/2023 "
            "của Thủ tướng Chính phủ, các sở báo cáo kết quả. Sở Tài chính bố trí kinh phí.\n")
    doc = extract(text)
    c = doc.citations[0]
    s, e = c.sentence
    assert doc.text[s:e].startswith("Thực hiện Chỉ thị số 05/CT-TTg") and doc.text[s:e].endswith("báo cáo kết quả.")
    before, cited, after = _ctx(doc.text, list(c.span), c.text, list(c.sentence))
    assert before == "Thực hiện " and after.endswith("báo cáo kết quả.") and "Sở Tài chính" not in after
