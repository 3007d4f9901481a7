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
- `citations/stage.py` (this one): `find_citations` (mentions, aliases, relations, then the documents they
  name) and the stage (`citations_stage`); it re-exports the names other code imports from
  `pipeline.citations.stage` (`node_key`, `parse_date`, `slug`, `RELATION_ORDER` ...);
- `citations/cues.py`: the data (cue phrases, type words, alias phrases), compiled as tries;
- `citations/mentions.py`: mentions of a symbol or a type word and a number, and the type word before;
- `citations/context.py`: dates, issuers, terms and titles after a mention, clause boundaries and the
  relation a cue phrase gives;
- `citations/keys.py`: a citation's graph key (`citation_target`), through `pipeline.graph.keys`.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re

from ..lang import parse_symbol as _parse_symbol
from ..lang.symbols import Symbol, doc_types, canonical_type_code, find_symbols, symbol_key
from ..model import Alias, Citation, Document
from .context import (  # noqa: F401
    _BOUNDARY_RE,
    _DATE_RE,
    _FWD_DATE_RE,
    _FWD_ISSUER_RE,
    _ISSUER_STOP,
    _TERM_RE,
    _TITLE_RE,
    _boundaries,
    _cue_in,
    _forward,
    _iso,
    _lead_line_cue,
    _opens_description,
    parse_date,
)
from .cues import RELATION_ORDER, _Cues, _cues, _phr_re, _trie  # noqa: F401
from .keys import citation_target, node_key, slug  # noqa: F401
from .mentions import (  # noqa: F401
    _ABBR_BEFORE_RE,
    _HEADER_NO_RE,
    _MID_OK_RE,
    _SO_BEFORE_RE,
    _SO_LAST,
    _Mention,
    _merge_into,
    _numrefs,
    _type_before,
)

__all__ = ["find_citations", "citations_stage", "node_key", "slug", "RELATION_ORDER"]


# --------------------------------------------------------------------------------------------------
# Finding citations


def find_citations(text: str, *, doc_date: _dt.date | None = None, locality: str | None = None,
                   start: int = 0, breaks: tuple[int, ...] = ()) -> tuple[list[Citation], list[Alias]]:
    """Citations and aliases in `text[start:]` (spans are offsets into `text`).  `breaks` are
    clause boundaries the text alone does not show (the end of the citing document's title, whose
    words, `Về việc triển khai ...`, are no cue of the body's first sentence)."""
    if not isinstance(text, str) or not text:
        return [], []
    cues = _cues()
    mentions: list[_Mention] = []
    taken: list[tuple[int, int]] = []

    # 1. symbols
    for s, e, sym in find_symbols(text):
        if s < start:
            continue
        cs, dtype, old_iss, _ = _type_before(text, s, cues)
        if cs < start:
            cs = s
        if dtype is None and _HEADER_NO_RE.search(text, max(0, s - 12), s):
            continue                       # `Số: 46/TB-BCĐ` opening a line: a header, not a citation
        if dtype is None:
            dtype = sym.doc_type
        m = _Mention(cs, e, (s, e), dtype, sym.number, sym, issuer=old_iss)
        _forward(text, e, m)
        if old_iss and not m.issuer:
            m.issuer = old_iss
        mentions.append(m)
        taken.append((s, e))

    # 2. type word + number, no symbol
    for nm in _numrefs(text, start, cues):
        tw = nm.group("type")
        if tw.isupper() or not (tw[:1].isupper() or nm.group("so")):
            continue                       # a lower-case type word names a document with `số` only
        a = (nm.start("num"), nm.end("num"))
        if any(ts <= a[0] < te for ts, te in taken):
            continue
        num = nm.group("num")
        if re.fullmatch(r"(?:19|20)\d\d", num):
            continue
        dtype = doc_types().by_name[" ".join(tw.casefold().split())]["name"]
        m = _Mention(nm.start(), nm.end(), a, dtype, num, None, kind="number")
        _forward(text, nm.end(), m)
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)

    # shared trailing issuer: `Chỉ thị số 13-CT/TW ngày ... và Kết luận số 61-KL/TW ngày ... của Ban Bí thư`
    for i in range(len(mentions) - 2, -1, -1):
        a, b = mentions[i], mentions[i + 1]
        if a.issuer is None and b.issuer and re.fullmatch(r"\s*(?:,|;|và|,\s*và)\s*", text[a.end:b.start]):
            a.issuer = b.issuer
            a.full = True

    # 3. aliases
    aliases_raw: list[tuple[re.Match, str]] = []
    for am in cues.alias_re.finditer(text, start):
        alias = am.group("alias").strip().strip("“”\"'").strip()
        if not alias:
            continue
        first = alias.split(" ")[0]
        if not cues.type_re.match(alias) and not (canonical_type_code(first) and re.search(r"\d", alias)):
            continue
        for mm in mentions:
            if am.start("alias") <= mm.anchor[0] < am.end("alias"):
                mm.in_alias = True
        aliases_raw.append((am, alias))

    if not mentions and not aliases_raw:
        return [], []

    # 4. relation of every mention
    bounds = sorted(set(_boundaries(text)).union(breaks)) if breaks else _boundaries(text)
    for i, m in enumerate(mentions):
        ws = bounds[bisect.bisect_right(bounds, m.start) - 1]
        prev = None
        for j in range(i - 1, -1, -1):
            if mentions[j].end <= m.start and mentions[j].end > ws:
                prev = mentions[j]
                break
            if mentions[j].end <= ws:
                break
        if prev is None:
            c = _cue_in(text, ws, m.start, cues)
            rel = c[0] if c else None
            if rel is None and text[ws:m.start].lstrip().startswith(("-", "+", "•", "–", "*")):
                rel = _lead_line_cue(text, ws, cues)
            m.relation = m.clause_relation = rel or "mentions"
            continue
        gap = text[prev.end:m.start]
        if ";" in gap and cues.connector_re.match(gap):
            m.relation = m.clause_relation = prev.clause_relation   # next item of a `;` list: its cue's
            continue
        if cues.connector_re.match(gap):
            m.relation = prev.clause_relation if prev.in_alias else prev.relation
            m.clause_relation = prev.clause_relation
            continue
        if ";" in gap:
            after = gap[gap.rfind(";") + 1:]
            c = _cue_in(text, prev.end + gap.rfind(";") + 1, m.start, cues)
            if c:
                m.relation = c[0]
            elif cues.connector_re.match(after):
                m.relation = prev.clause_relation      # next item of a `;` list
            else:
                m.relation = "mentions"
            m.clause_relation = prev.clause_relation
            continue
        has_title = prev.full or prev.sym is not None or _opens_description(gap, cues)
        if has_title and cues.title_re.match(gap) and cues.tail_conn_re.search(gap):
            m.relation = m.clause_relation = prev.clause_relation   # `X về ... và Y`: next list item
            continue
        if has_title and (cues.title_re.match(gap) or gap.lstrip().startswith(("(", "“", "\""))):
            m.relation = "mentions"            # inside the trích yếu of prev
            m.clause_relation = prev.clause_relation
            continue
        c = _cue_in(text, prev.end, m.start, cues)
        m.relation = c[0] if c else "mentions"
        m.clause_relation = prev.clause_relation

    # 5. documents
    citations: list[Citation] = []
    doc_syms: list[Symbol | None] = []
    by_symbol: dict[str, int] = {}
    by_typenum: dict[tuple[str, str], int] = {}

    def tn_key(dtype: str | None, num: str | None) -> tuple[str, str] | None:
        if not dtype or not num:
            return None
        return (dtype.casefold(), num.lstrip("0").lower() or "0")

    alias_target: dict[str, int] = {}

    def new_doc(m: _Mention) -> int:
        c = Citation(text=text[m.start:m.end], span=(m.start, m.end), doc_type=m.doc_type, number=m.number,
                     symbol=m.sym.canonical if m.sym else None,
                     symbol_as_written=text[m.anchor[0]:m.anchor[1]] if m.sym else None,
                     date=m.date, issuer=m.issuer, relation=m.relation, title=m.title)
        citations.append(c)
        doc_syms.append(m.sym)
        return len(citations) - 1

    # alias definitions decide where an alias's number-mention belongs
    alias_records: list[tuple[re.Match, str, _Mention | None]] = []
    for am, alias in aliases_raw:
        inner = [mm for mm in mentions if am.start("alias") <= mm.anchor[0] < am.end("alias")]
        inner_m = inner[0] if inner else None
        ref: _Mention | None = None
        if inner_m is not None and inner_m.sym is not None:
            ref = inner_m
        else:
            # the citation whose trích yếu the alias closes, when there is one in the clause
            ws = bounds[bisect.bisect_right(bounds, am.start()) - 1]
            prevs = [mm for mm in mentions if ws <= mm.start and mm.end <= am.start() and not mm.in_alias]
            if prevs:
                p = prevs[-1]
                gap = text[p.end:am.start()]
                if cues.title_re.match(gap) or len(gap.strip()) == 0 or p.title is not None and \
                        p.end + 5 >= am.start() - len(gap):
                    if cues.title_re.match(gap) or not gap.strip():
                        ref = p
        if ref is not None and inner_m is not None and inner_m is not ref:
            inner_m.doc = -1                     # resolved below to ref's document
            inner_m.kind = "alias-of"
            inner_m._ref = ref
        elif inner_m is not None and inner_m.sym is None:
            # the alias names a document of its own (`Đề án “...” (gọi tắt là Đề án 06)`): its first
            # full mention starts at the type word before the quoted title
            q = text.rfind("“", max(0, am.start() - 600), am.start())
            if q > 0 and text[am.start() - 3:am.start()].strip().endswith(("”", "\"")):
                tw = None
                for t in cues.type_re.finditer(text, max(0, q - 40), q + 1):
                    tw = t
                if tw is not None and inner_m.doc_type and \
                        doc_types().by_name.get(" ".join(tw.group(0).casefold().split()), {}).get("name") \
                        == inner_m.doc_type and tw.start() >= start:
                    inner_m.start = tw.start()
                    inner_m.title = text[q + 1:text.find("”", q + 1, am.start()) if text.find("”", q + 1, am.start()) > 0 else am.start()]
                    inner_m.full = True
        alias_records.append((am, alias, ref if ref is not None else inner_m))

    # assign documents in text order
    def alias_key(s: str) -> str:
        return " ".join(s.casefold().replace(" số ", " ").split())

    for m in sorted(mentions, key=lambda x: x.start):
        if m.kind == "alias-of":
            continue
        if m.sym is not None:
            k = symbol_key(m.sym)
            d = by_symbol.get(k)
            if d is not None and m.date and citations[d].date and m.date != citations[d].date and m.full:
                d = None                        # same symbol, another document (another year/term)
            if d is None:
                # an earlier number-only mention of the same type and number
                tk = tn_key(m.doc_type, m.number)
                if tk in by_typenum and doc_syms[by_typenum[tk]] is None:
                    d = by_typenum[tk]
                    c = citations[d]
                    c.symbol, c.symbol_as_written = m.sym.canonical, text[m.anchor[0]:m.anchor[1]]
                    doc_syms[d] = m.sym
                    if m.full and not (c.date or c.issuer):
                        c.text, c.span = text[m.start:m.end], (m.start, m.end)
                else:
                    d = new_doc(m)
                by_symbol.setdefault(k, d)
                if tk:
                    by_typenum.setdefault(tk, d)
            m.doc = d
        else:
            tk = tn_key(m.doc_type, m.number)
            ak = alias_key(text[m.start:m.anchor[1]])
            d = alias_target.get(ak)
            if d is None and tk in by_typenum:
                d = by_typenum[tk]
            if d is None:
                # (a later symbol mention of the same type and number absorbs it below)
                d = new_doc(m)
                if tk:
                    by_typenum[tk] = d
            m.doc = d
        for am, alias, ref in alias_records:
            if ref is m:
                alias_target[alias_key(alias)] = m.doc
    for m in mentions:
        if m.kind == "alias-of":
            ref = m._ref
            m.doc = ref.doc
            if ref.doc is not None:
                alias_target[alias_key(text[m.start:m.anchor[1]])] = ref.doc

    # merge metadata and relations
    doc_khoa: dict[int, str] = {}
    for m in sorted(mentions, key=lambda x: x.start):
        if m.doc is None or m.doc < 0:
            continue
        c = citations[m.doc]
        _merge_into(c, m)
        if m.term:
            doc_khoa.setdefault(m.doc, m.term)
        if cues.rank.get(m.relation, 99) < cues.rank.get(c.relation, 99):
            c.relation = m.relation

    # numbers without symbol that a symbol document of the same type and number covers
    drop: set[int] = set()
    for i, c in enumerate(citations):
        if c.symbol is None:
            tk = tn_key(c.doc_type, c.number)
            for j, c2 in enumerate(citations):
                if j != i and c2.symbol is not None and tn_key(c2.doc_type, c2.number) == tk:
                    if cues.rank[c.relation] < cues.rank[c2.relation]:
                        c2.relation = c.relation
                    drop.add(i)
                    for k in list(alias_target):
                        if alias_target[k] == i:
                            alias_target[k] = j
                    break
    remap: dict[int, int] = {}
    out: list[Citation] = []
    out_syms: list[Symbol | None] = []
    out_khoa: list[str | None] = []
    for i, c in enumerate(citations):
        if i in drop:
            continue
        remap[i] = len(out)
        out.append(c)
        out_syms.append(doc_syms[i])
        out_khoa.append(doc_khoa.get(i))
    for i in drop:
        tk = tn_key(citations[i].doc_type, citations[i].number)
        for j, c2 in enumerate(out):
            if c2.symbol is not None and tn_key(c2.doc_type, c2.number) == tk:
                remap[i] = j
                break

    for c, sym, khoa in zip(out, out_syms, out_khoa):
        c.target = citation_target(c, sym, locality, khoa, doc_date)

    aliases: list[Alias] = []
    for am, alias, ref in alias_records:
        idx = None
        if ref is not None and ref.doc is not None and ref.doc >= 0:
            idx = remap.get(ref.doc)
        aliases.append(Alias(alias=alias, refers_to=out[idx].target if idx is not None else None,
                             span=(am.start("alias") + am.group("alias").find(alias),
                                   am.start("alias") + am.group("alias").find(alias) + len(alias)),
                             citation=idx))
    return out, aliases


# --------------------------------------------------------------------------------------------------
# Stage


def _misprints(doc: Document, cits: list[Citation], own: str | None) -> set[int]:
    """Citations that print the document's subject with a wrong number: the header's
    `symbol-conflict` warning (spans: the subject, then the misprint) reads `22-CT/ThU` in the lead
    and `02-CT/ThU` later as one document.  The misprint lends the subject's citation a date or
    issuer it lacks.  A misprint dated otherwise than the subject is a document of its own and stays,
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
        if prim is not None:
            subject_date = cits[prim].date
        elif own and symbol_key(doc.text[w.spans[0][0]:w.spans[0][1]]) == own:
            subject_date = doc.header.date
        else:
            continue
        c = cits[sec]
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
    # path of the task whose span holds the citation
    tasks = sorted(doc.tasks, key=lambda t: (t.span[0], -(t.span[1])))
    for c in cits:
        best = None
        for t in tasks:
            if t.span[0] <= c.span[0] < t.span[1]:
                if best is None or (t.span[1] - t.span[0]) < (best.span[1] - best.span[0]):
                    best = t
        c.path = best.path if best else None
    doc.citations = cits
    doc.aliases = aliases
    return doc
