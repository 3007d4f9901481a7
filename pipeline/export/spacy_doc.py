"""The record as a spaCy `Doc`, for people who work in spaCy.

`to_spacy(doc)` returns a `spacy.tokens.Doc` over the record's `text` whose sentence boundaries are
the sentences stage's, whose entities are the responsible bodies (labelled by role), and whose span
groups hold every annotation: `doc.spans["tasks"]` (label: the task path), `["bodies"]` (role),
`["deadlines"]` (kind), `["citations"]` (relation), `["header"]` (field name).  Offsets are the
record's, so a spaCy span maps back to the JSON and to the source page through `SourceMap`.

>>> from pipeline import extract
>>> sd = to_spacy(extract("CHỈ THỊ\\nVề thử\\n1. Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024."))
>>> [(e.text, e.label_) for e in sd.ents]
[('Sở Nội vụ', 'LEAD')]
>>> [(s.text, s.label_) for s in sd.spans["deadlines"]]
[('trước ngày 15/6/2024', 'date')]
"""
from __future__ import annotations

from functools import cache

from .. import regexes
from ..model import Document, Span

_TOKEN = regexes.compile(r"\w+(?:[./\-]\w+)*|[^\w\s]")     # words, symbols such as 24-CT/TU kept whole


@cache
def _vocab():
    import spacy
    # The Vietnamese language class without pyvi: tokens come from the record, not a tokenizer.
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}}).vocab


def to_spacy(doc: Document):
    """A `spacy.tokens.Doc` of `doc` with its annotations (see the module docstring)."""
    from spacy.tokens import Doc
    from spacy.util import filter_spans

    text = doc.text
    # spaCy rebuilds the text from words and one optional space after each: any other whitespace
    # (new lines, double spaces) becomes a token of its own, so offsets stay the record's.
    words: list[str] = []
    spaces: list[bool] = []
    starts: list[int] = []
    pos = 0
    for m in list(_TOKEN.finditer(text)) + [None]:
        at = m.start() if m else len(text)
        gap = text[pos:at]
        if gap.startswith(" ") and words and not spaces[-1]:
            spaces[-1], gap, pos = True, gap[1:], pos + 1
        if gap:
            words.append(gap)
            spaces.append(False)
            starts.append(pos)
        if m:
            words.append(m.group(0))
            spaces.append(False)
            starts.append(at)
            pos = m.end()
    sent_starts = {s for s, _ in doc.sentences}
    is_start = [True if p in sent_starts else (False if doc.sentences else None) for p in starts]
    if is_start:
        is_start[0] = True
    sd = Doc(_vocab(), words=words, spaces=spaces, sent_starts=is_start)

    def span(s: Span, label: str):
        return sd.char_span(s[0], s[1], label=label, alignment_mode="expand")

    groups: dict[str, list] = {"tasks": [], "bodies": [], "deadlines": [], "citations": [], "header": []}
    for t in doc.tasks:
        groups["tasks"].append(span(t.span, t.path))
        for b in t.bodies:
            if b.span is not None and not b.inherited:
                groups["bodies"].append(span(b.span, b.role.upper()))
        for d in t.deadlines:
            if d.span is not None:
                groups["deadlines"].append(span(d.span, d.kind))
    for c in doc.citations:
        groups["citations"].append(span(c.span, c.relation))
    for name, s in doc.header.spans.items():
        groups["header"].append(span(s, name))
    for name, g in groups.items():
        sd.spans[name] = [x for x in g if x is not None]
    sd.ents = filter_spans(sd.spans["bodies"])
    return sd
