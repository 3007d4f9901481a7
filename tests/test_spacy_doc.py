"""The spaCy view of a record: same text, same offsets, every annotation in a span group."""
import pytest

from pipeline import extract
from pipeline.export import to_spacy

from .conftest import SAMPLE, corpus_files

FILES = corpus_files(SAMPLE)[:8]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_spacy_doc_keeps_text_offsets_and_annotations(path):
    doc = extract(path)
    sd = to_spacy(doc)
    assert sd.text == doc.text
    assert len(sd.spans["tasks"]) == len(doc.tasks)
    assert [s.label_ for s in sd.spans["tasks"]] == [t.path for t in doc.tasks]
    for s, t in zip(sd.spans["tasks"], doc.tasks, strict=True):
        assert s.start_char <= t.span[0] and s.end_char >= t.span[1]
    assert len(sd.spans["citations"]) == len(doc.citations)
    if doc.sentences:
        assert len(list(sd.sents)) >= len(doc.sentences) // 2
    roles = {e.label_ for e in sd.ents}
    assert roles <= {"LEAD", "COORDINATE", "OVERSEE", "REPORT_TO"}
