"""Sentences stage: underthesea's sentence segmentation over every paragraph and table cell.

Each sentence is a span of `Document.text`; a citation keeps the span of the sentence it stands in
(`Citation.sentence`), which is the context analysts read in the explorer and the notebooks.

underthesea splits on Vietnamese sentence ends and keeps abbreviations (`TP.`, `Tp.`, `ThS.`) and
dates (`1.2.2024`) whole.  A paragraph with no sentence end inside it is one sentence, so the
segmenter is only called on the paragraphs that need it.

The segmenter is underthesea's own `sent_tokenize`, taken from its sentence module loaded by
itself: `import underthesea` would load its whole NLP stack (0.2-0.4 s) for a 300-line rule module
(a test checks that the module so loaded splits every corpus paragraph as the package import does).
"""
from __future__ import annotations

import bisect
import importlib.util
from functools import cache
from pathlib import Path

from .. import regexes
from ..model import Document, Span

# A sentence end followed by more text: only then can a paragraph hold several sentences.
_INNER_END = regexes.compile(r"[.!?…][\"'”’)]*\s+\S")


def _underthesea_sentence_module():
    """underthesea's `pipeline.sent_tokenize` module, loaded from its file without running the
    package's `__init__` (which imports its models); the package import where the file is not found."""
    spec = importlib.util.find_spec("underthesea")
    for root in (spec.submodule_search_locations or []) if spec else []:
        path = Path(root) / "pipeline" / "sent_tokenize" / "__init__.py"
        if path.is_file():
            mod_spec = importlib.util.spec_from_file_location("pipeline_underthesea_sent_tokenize", path)
            module = importlib.util.module_from_spec(mod_spec)
            mod_spec.loader.exec_module(module)
            return module
    from underthesea.pipeline import sent_tokenize
    return sent_tokenize


@cache
def _sent_tokenize():
    """underthesea's `sent_tokenize` function, from its module loaded by itself."""
    return _underthesea_sentence_module().sent_tokenize


@cache
def _abbreviations() -> frozenset[str] | None:
    """The abbreviations underthesea's Punkt-style tokenizer keeps whole (`tp`, `ths`, single letters),
    or None where its module holds no such tokenizer (another version: its own function is called)."""
    module = _underthesea_sentence_module()
    load = getattr(module, "_load_model", None)
    if load is None:
        return None
    load()
    tokenizer = getattr(module, "sentence_tokenizer", None)
    if tokenizer is None or type(tokenizer).__name__ != "PunktSentenceTokenizer" \
            or not isinstance(tokenizer.abbrev_types, set):
        return None
    return frozenset(tokenizer.abbrev_types)


def sentences_from_text(text: str) -> list[str]:
    """The sentences of `text` as underthesea's `sent_tokenize` gives them (stripped strings).

    >>> sentences_from_text("Xin chào. TP. Huế đẹp... Vâng")
    ['Xin chào.', 'TP. Huế đẹp...', 'Vâng']
    """
    abbreviations = _abbreviations()
    if abbreviations is None:
        return _sent_tokenize()(text)
    return _punkt_sentences(text, abbreviations)


_END_CHAR = regexes.compile(r"[.?!]")


def _punkt_sentences(text: str, abbreviations: frozenset[str]) -> list[str]:
    """underthesea's `PunktSentenceTokenizer.sentences_from_text`, its rules unchanged (`_punkt_spans`)."""
    return [text[a:b] for a, b in _punkt_spans(text, 0, len(text), abbreviations)]


def _punkt_spans(text: str, lo: int, hi: int, abbreviations: frozenset[str]) -> list[Span]:
    """The sentences of `text[lo:hi]` by underthesea's Punkt rules, as spans of `text`, each stripped
    of its white space (what `sentences_from_text` gives, at the place it stands: no `find` of each
    string, no slice of the paragraph).  The rules are run from one `.`/`?`/`!` to the next (a regex finds
    it) instead of character by character: its loop does nothing at any other character, and was most
    of the sentences stage (tests hold both to underthesea's output)."""
    out: list[Span] = []
    start = lo
    m = _END_CHAR.search(text, lo, hi)
    while m is not None:
        i = m.start()
        nxt = i + 1
        if text[i] == ".":
            dot_end = i
            while dot_end < hi and text[dot_end] == ".":
                dot_end += 1
            if dot_end - i >= 3:        # an ellipsis: a sentence ends there before a capital or the end
                after = dot_end
                while after < hi and text[after] in " \t":
                    after += 1
                if after >= hi or text[after].isupper():
                    _add_stripped(out, text, start, dot_end)
                    while dot_end < hi and text[dot_end] in " \t\n\r":
                        dot_end += 1
                    start = dot_end
                m = _END_CHAR.search(text, dot_end, hi)
                continue
        if _punkt_boundary(text, i, lo, hi, abbreviations):
            end = i + 1
            while end < hi and text[end] in ".?!":
                end += 1
            _add_stripped(out, text, start, end)
            while end < hi and text[end] in " \t\n\r":
                end += 1
            start = nxt = end
        m = _END_CHAR.search(text, nxt, hi)
    _add_stripped(out, text, start, hi)
    return out


def _add_stripped(out: list[Span], text: str, a: int, b: int) -> None:
    """Append the span of `text[a:b].strip()` to `out` unless it is empty."""
    a, b = _stripped(text, a, b)
    if a < b:
        out.append((a, b))


def _stripped(text: str, a: int, b: int) -> Span:
    """The span of `text[a:b].strip()` in `text` (`str.strip` and `str.isspace` read one set of white space
    characters): read in place, no slice."""
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _punkt_boundary(text: str, pos: int, lo: int, hi: int, abbreviations: frozenset[str]) -> bool:
    """underthesea's `_is_sentence_boundary` in `text[lo:hi]`: every `?`/`!`, and a `.` that is neither
    between digits (`1.500`) nor after an abbreviation (the letters, digits and dots before it,
    lower-cased)."""
    if text[pos] != ".":
        return True
    if pos > lo and text[pos - 1].isdigit() and pos + 1 < hi and text[pos + 1].isdigit():
        return False
    start = pos - 1
    while start >= lo and (text[start].isalnum() or text[start] == "."):
        start -= 1
    word = text[start + 1:pos]
    return not (word and word.lower() in abbreviations)


def split_sentences(text: str, start: int = 0) -> list[Span]:
    """Spans (offset by `start`) of the sentences of one paragraph.

    >>> split_sentences("Sở Nội vụ chủ trì. TP. Hồ Chí Minh phối hợp.")
    [(0, 18), (19, 44)]
    """
    return [(start + a, start + b) for a, b in sentence_spans(text, 0, len(text))]


def sentence_spans(text: str, lo: int, hi: int) -> list[Span]:
    """Spans of `text` of the sentences of the paragraph `text[lo:hi]` (read in place: no slice of it)."""
    a, b = _stripped(text, lo, hi)
    if a == b:
        return []
    # (a match opens on a sentence end and closes on a character that is not white space: it lies in the
    # stripped paragraph wherever it lies in the paragraph)
    if not _INNER_END.search(text, a, b):
        return [(a, b)]
    abbreviations = _abbreviations()
    if abbreviations is not None:
        return _punkt_spans(text, lo, hi, abbreviations)
    return _found_spans(text[lo:hi], lo)


def _found_spans(text: str, start: int) -> list[Span]:
    """The spans of the strings underthesea's own `sent_tokenize` gives for `text`, found in it in turn."""
    spans: list[Span] = []
    pos = 0
    for sent in sentences_from_text(text):
        sent = sent.strip()
        if not sent:
            continue
        at = text.find(sent, pos)
        if at < 0:          # the segmenter changed the text: keep what is left as one sentence
            break
        spans.append((start + at, start + at + len(sent)))
        pos = at + len(sent)
    rest = text[pos:].strip()
    if rest:
        at = text.index(rest, pos)
        spans.append((start + at, start + at + len(rest)))
    return spans


def sentences_stage(doc: Document) -> Document:
    """Fill `doc.sentences` and each citation's `sentence`."""
    out: list[Span] = []
    for b in doc.blocks:
        pieces = b.cells if b.kind == "row" and b.cells else [b.span]
        for s, e in pieces:
            out.extend(sentence_spans(doc.text, s, e))
    out.sort()
    doc.sentences = out
    starts = [s for s, _ in out]
    for c in doc.citations:
        k = bisect.bisect_right(starts, c.span[0]) - 1
        if k >= 0 and out[k][0] <= c.span[0] < out[k][1]:
            c.sentence = out[k]
    return doc
