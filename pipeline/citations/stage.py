"""Citations: the documents a document refers to, their relation to it, and the aliases it defines.

`find_citations(text)` finds every mention of another document:

* a symbol (`Chỉ thị số 24-CT/TU`, `số 36/QĐ-TTg`, `văn bản số 1148/UBND- ĐT`, `Luật KCB số
  40/2009/QH12`, `Quyết định của Bộ Chính trị số 31-QĐ/TW`), with the type word before it (or the
  type its code names), then the date in any written form and the issuer after `của`/`do`; one
  `của ...` may serve several documents listed before it;
* a type word and a number with no symbol (`Kế hoạch 593 của UBND Thành phố`, `Đề án 06`);
* alias definitions (`(gọi tắt là Đề án 06)`, `(sau đây gọi là Quyết định số 1132/QĐ-TTg)`);
  later mentions of the alias are the same document.

Mentions of one document are merged into one `Citation` (its first full mention), with the strongest
relation among them (`based_on` > `implements` > ... > `mentions`).  Cue phrases, type words and alias
phrases are data: models/citation_cues.toml and models/doctypes.toml.

A citation's `target` is the graph key of the document it names, built by the one key builder
(`pipeline.graph.keys.key_reference` / `node_key`) that pipeline/graph/build.py uses too; a Party key's
scope is the committee term, `pipeline.lang.symbols.party_term`.

Speed (the stage runs on every document): the symbols come from `symbols.find_symbols`, whose
result for the text the header already scanned is kept; phrase lists are compiled as tries; the
patterns that scan the whole text open with the one character class every match starts with (a
digit, a boundary character), so the regex engine skips to those; type-word-and-number mentions are
found backwards from their digits; a text with no mention skips the clause analysis.

The finder's modules:
- `citations/stage.py` (this one): the stage (`citations_stage`: where to read from, the document's own
  symbol and its misprints left out, the task path of each citation); it re-exports the names other
  code imports from `pipeline.citations.stage` (`find_citations`, `node_key`, `parse_date`, `slug` ...);
- `citations/find.py`: `find_citations`, in phases (mentions, aliases, relations, then the documents
  they name);
- `citations/cues.py`: the data (cue phrases, type words, alias phrases), compiled as tries;
- `citations/mentions.py`: mentions of a symbol or a type word and a number, and the type word before;
- `citations/context.py`: dates, issuers, terms and titles after a mention, clause boundaries and the
  relation a cue phrase gives;
- `citations/keys.py`: a citation's graph key (`citation_target`), through `pipeline.graph.keys`.
"""
from __future__ import annotations

import datetime as _dt
from bisect import bisect_right
from itertools import chain

from ..lang import parse_symbol as _parse_symbol
from ..lang.symbols import symbol_key
from ..model import Citation, Document, Task
from .context import _BOUNDARY_RE, parse_date  # noqa: F401
from .cues import RELATION_ORDER, _cues, _trie  # noqa: F401
from .find import find_citations
from .keys import node_key, slug  # noqa: F401
from .mentions import _numrefs  # noqa: F401

__all__ = ["find_citations", "citations_stage", "node_key", "slug", "RELATION_ORDER"]


# --------------------------------------------------------------------------------------------------
# Stage


def _misprints(doc: Document, cits: list[Citation], own: str | None) -> set[int]:
    """Citations that print the document's subject with a wrong number: the header's
    `symbol-conflict` warning (spans: the subject, then the misprint) reads `22-CT/ThU` in the lead
    and `02-CT/ThU` later as one document.  The misprint lends the subject's citation a date or
    issuer it lacks.  A misprint dated otherwise than the subject is a document of its own and stays, and so is an
    undated one where the subject is the header's own symbol, not cited in the text,
    and so do symbols with a year (`75/2015/QH13`, `85/2015/QH13`: a law's number is its own, and two
    laws of one year one digit apart are common)."""
    out: set[int] = set()
    for w in doc.warnings:
        if w.code != "symbol-conflict" or len(w.spans) < 2:
            continue
        (ss, _), (ms, _) = w.spans[0], w.spans[1]
        sec = next((i for i, c in enumerate(cits) if c.span[0] <= ms < c.span[1]), None)
        if sec is None:
            continue
        prim = next((i for i, c in enumerate(cits) if c.span[0] <= ss < c.span[1]), None)
        if prim == sec:
            continue
        c = cits[sec]
        if prim is not None:
            subject_date = cits[prim].date
        elif own and symbol_key(doc.text[w.spans[0][0]:w.spans[0][1]]) == own:
            subject_date = doc.header.date
            if c.date is None:
                continue    # (`Kế hoạch số 13/KH-UBND` undated in Kế hoạch 12/KH-UBND: an organ's numbers run on,
                # so one a digit away is another document unless printed with the document's own date)
        else:
            continue
        if c.date and subject_date and c.date != subject_date:
            continue
        sym = _parse_symbol(c.symbol) if c.symbol else None
        if sym is None or sym.year:          # `75/2015/QH13` and `85/2015/QH13`: two laws, not a misprint
            continue
        if prim is not None:                     # (its relation, read off a misprinted mention, is not taken)
            p = cits[prim]
            p.date = p.date or c.date
            p.issuer = p.issuer or c.issuer
        out.add(sec)
    return out


def citations_stage(doc: Document) -> Document:
    """Fill doc.citations and doc.aliases from the title onward (the header's own symbol is skipped)."""
    start = 0
    if doc.body_span is not None:
        start = doc.body_span[0]
    spans = doc.header.spans if doc.header and doc.header.spans else {}
    title = spans.get("title")
    if title is not None:
        start = min(start, title[0]) if doc.body_span is not None else title[0]
    if spans.get("symbol") is not None and doc.body_span is not None:
        # a trích yếu the header missed, or legal-basis lines it took for header, are read from the
        # document's own symbol on (that symbol is skipped below)
        start = min(start, spans["symbol"][1])
    doc_date = None
    if doc.header.date:
        try:
            doc_date = _dt.date.fromisoformat(doc.header.date)
        except ValueError:
            doc_date = None
    breaks = (title[1],) if title is not None else ()
    cits, aliases = find_citations(doc.text, doc_date=doc_date, locality=doc.header.locality, start=start,
                                   breaks=breaks)
    own = symbol_key(doc.header.symbol) if doc.header.symbol else None
    misprints = _misprints(doc, cits, own)
    if own or misprints:
        keep = [c for i, c in enumerate(cits)
                if not (own and c.symbol and symbol_key(c.symbol) == own) and i not in misprints]
        if len(keep) != len(cits):
            idx = {id(c): i for i, c in enumerate(keep)}
            old = list(cits)
            for a in aliases:
                if a.citation is not None:
                    a.citation = idx.get(id(old[a.citation]))
            cits = keep
    _set_paths(cits, doc.tasks)
    doc.citations = cits
    doc.aliases = aliases
    return doc


def _set_paths(cits: list[Citation], tasks: list[Task]) -> None:
    """Each citation's `path`: the task whose span holds its start, the shortest where spans nest (the
    first of those in order of start where two are as short).  Task spans hold only a node's own text, so
    they seldom overlap: then the one that holds a citation is the last to start at or before it (a
    bisection), not the one a look at every task finds."""
    tasks = [t for t in tasks if t.span[1] > t.span[0]]
    flat = list(chain.from_iterable([t.span for t in tasks]))
    ordered = flat == sorted(flat)
    if ordered:
        # (the usual case, checked at C speed: tasks in document order, none overlapping another: they are
        # in the order the sort below gives, and the test after it holds)
        starts = flat[::2]
    else:
        tasks.sort(key=lambda t: (t.span[0], -(t.span[1])))
        starts = [t.span[0] for t in tasks]
    if ordered or all(a.span[1] <= b for a, b in zip(tasks, starts[1:], strict=False)):
        for c in cits:
            k = bisect_right(starts, c.span[0]) - 1
            c.path = tasks[k].path if k >= 0 and c.span[0] < tasks[k].span[1] else None
        return
    for c in cits:
        best = None
        for t in tasks:
            if t.span[0] <= c.span[0] < t.span[1]:
                if best is None or (t.span[1] - t.span[0]) < (best.span[1] - best.span[0]):
                    best = t
        c.path = best.path if best else None
