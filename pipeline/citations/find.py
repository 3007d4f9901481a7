"""Citations, the finder: `find_citations(text)` reads every mention of another document, gives each
its relation, and groups the mentions into documents, in phases (one method of `_Finder` each):

1. mentions: symbols (with the type word before them, the date and issuer after), then type words with a
   number and no symbol (`Kế hoạch 593 của UBND Thành phố`); an issuer shared by a list (`Chỉ thị số
   13-CT/TW ngày ... và Kết luận số 61-KL/TW ngày ... của Ban Bí thư`); 2. alias definitions (`(gọi tắt là ...)`);
3. the relation of every mention, from the cue of its clause or of the list it continues;
4. documents: mentions of one document merged (its first full mention), the strongest relation
   among them; a number-only mention that a symbol document of the same type and number covers is
   that document; then the aliases, with the documents they name.
"""
from __future__ import annotations

import datetime as _dt
import re

from .. import regexes
from ..lang.symbols import Symbol, canonical_type_code, doc_types, find_symbols, parse_symbol, symbol_key
from ..model import Alias, Citation
from .context import _Clauses, _cue_in, _forward, _opens_description
from .cues import _Cues, _cues
from .keys import citation_target
from .leads import _list_item_cue
from .mentions import (
    _AMENDED_BY,
    _JOINED_GUIDANCE,
    _LIST_GAP,
    _LISTED_NUMBER,
    _SHARED_DATE_GAP,
    _abbreviates,
    _alias_key,
    _clause_cut,
    _closed_then_joined,
    _Mention,
    _merge_into,
    _named_list_item,
    _next_list_item,
    _numrefs,
    _owner_code,
    _share_with_earlier,
    _symbol_type,
    _tn_key,
)

_SHARED_ISSUER_GAP = regexes.compile(r"\s*(?:,|;|và|,\s*và)\s*")
def find_citations(text: str, *, doc_date: _dt.date | None = None, locality: str | None = None,
                   start: int = 0, breaks: tuple[int, ...] = ()) -> tuple[list[Citation], list[Alias]]:
    """Citations and aliases in `text[start:]` (spans are offsets into `text`).  `breaks` are
    clause boundaries the text alone does not show (the end of the citing document's title, whose
    words, `Về việc triển khai ...`, are no cue of the body's first sentence)."""
    if not isinstance(text, str) or not text:
        return [], []
    f = _Finder(text, start)
    f.find_mentions()
    f.find_aliases()
    if not f.mentions and not f.aliases_raw:
        return [], []
    f.relate(breaks)
    f.place_aliases()
    f.assign_documents()
    f.merge_mentions()
    out, syms, khoa, remap = f.drop_covered()
    for c, sym, k in zip(out, syms, khoa, strict=True):
        c.target = citation_target(c, sym, locality, k, doc_date)
    return out, f.aliases(out, remap)


class _Finder:
    """The state the phases of `find_citations` share."""

    def __init__(self, text: str, start: int):
        self.text, self.start = text, start
        self.cues: _Cues = _cues()
        self.mentions: list[_Mention] = []
        self.aliases_raw: list[tuple[re.Match, str]] = []
        self.clauses = _Clauses(text)
        self.citations: list[Citation] = []
        self.doc_syms: list[Symbol | None] = []
        self.by_symbol: dict[str, int] = {}
        self.by_typenum: dict[tuple[str, str], int] = {}
        self.alias_target: dict[str, int] = {}
        self.alias_records: list[tuple[re.Match, str, _Mention | None]] = []
        self.doc_khoa: dict[int, str] = {}

    # -- 1. mentions
    def find_mentions(self) -> None:
        text, start, cues = self.text, self.start, self.cues
        taken: list[tuple[int, int]] = []
        for s, e, sym in find_symbols(text):
            if s < start:
                continue
            found = _symbol_type(text, s, sym, cues)
            if found is None:
                continue            # a form of an annex (`Mẫu số 01/BCĐBQH-MT`), a header's `Số: 46/TB-BCĐ`
            cs, dtype, old_iss = found
            cs = s if cs < start else cs
            m = _Mention(cs, e, (s, e), dtype, sym.number, sym, issuer=old_iss)
            if _owner_code(m, cues):            # `Đề án 06/CP`: the type and the number, no symbol
                m.anchor, m.sym, m.kind = (s, s + len(sym.number)), None, "number"
            _forward(text, e, m)
            if old_iss and not m.issuer:
                m.issuer = old_iss
            self.mentions.append(m)
            taken.append((s, e))
        self._find_number_mentions(taken)
        self.mentions.sort(key=lambda m: m.start)
        self._find_listed_numbers()
        # shared trailing issuer: `Chỉ thị số 13-CT/TW ngày ... và Kết luận số 61-KL/TW ngày ... của Ban Bí thư`
        ms = self.mentions
        for i in range(len(ms) - 2, -1, -1):
            a, b = ms[i], ms[i + 1]
            if a.issuer is None and b.issuer and _SHARED_ISSUER_GAP.fullmatch(text[a.end:b.start]):
                a.issuer = b.issuer
                a.full = True
            if a.end <= b.anchor[0] and _SHARED_DATE_GAP.fullmatch(text, a.end, b.anchor[0]):
                _share_with_earlier(a, b)

    def _find_number_mentions(self, taken: list[tuple[int, int]]) -> None:
        """Type word and number, no symbol (`Kế hoạch 593`, `kế hoạch số 45`)."""
        text = self.text
        for nm in _numrefs(text, self.start, self.cues):
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
            self.mentions.append(m)

    def _find_listed_numbers(self) -> None:
        """Numbers listed after a type word and a number, sharing the type (`các Nghị quyết số 18,
        19`) and, where the list ends in a symbol, its shape (`Quyết định số 1, 2 và 3/QĐ-TTg`)."""
        text, out = self.text, []
        for i, m in enumerate(self.mentions):
            if m.kind != "number" or m.end != m.anchor[1]:
                continue
            pos, items = m.end, [m]
            while (lm := _LISTED_NUMBER.match(text, pos)) is not None:
                items.append(_Mention(lm.start(1), lm.end(1), (lm.start(1), lm.end(1)), m.doc_type, lm.group(1),
                                      None, kind="number"))
                pos = lm.end(1)
            nxt = self.mentions[i + 1] if i + 1 < len(self.mentions) else None
            if nxt is not None and nxt.sym is not None and _LIST_GAP.fullmatch(text, pos, nxt.anchor[0]):
                for it in items:            # `số 1, 2 và 3/QĐ-TTg`: the symbol's shape for each number
                    assert it.number is not None        # (a number's mention)
                    sym = parse_symbol(it.number + nxt.sym.canonical[len(nxt.sym.number):])
                    if sym is not None:
                        it.sym, it.kind = sym, "symbol"
                        it.relation = m.relation
            if len(items) > 1 or items[0].sym is not None:
                _forward(text, items[-1].end, items[-1])
                out.extend(items[1:])
        if out:
            self.mentions = sorted(self.mentions + out, key=lambda x: x.start)

    # -- 2. aliases
    def find_aliases(self) -> None:
        cues = self.cues
        found = [*cues.alias_re.finditer(self.text, self.start), *cues.bare_alias_re.finditer(self.text, self.start)]
        for am in sorted(found, key=lambda a: a.start()):
            alias = am.group("alias").strip().strip("“”\"'").strip()
            if not alias:
                continue
            first = alias.split(" ")[0]
            if not cues.type_re.match(alias) and not (canonical_type_code(first) and re.search(r"\d", alias)):
                continue
            for mm in self.mentions:
                if am.start("alias") <= mm.anchor[0] < am.end("alias"):
                    mm.in_alias = True
            self.aliases_raw.append((am, alias))

    # -- 3. relations
    def relate(self, breaks: tuple[int, ...]) -> None:
        text, ms = self.text, self.mentions
        self.clauses = _Clauses(text, breaks)
        for i, m in enumerate(ms):
            ws = self.clauses.start(m.start)
            prev = None
            for j in range(i - 1, -1, -1):
                if ms[j].end <= m.start and ms[j].end > ws:
                    prev = ms[j]
                    break
                if ms[j].end <= ws:
                    break
            if prev is None:
                c = _cue_in(text, ws, m.start, self.cues)
                rel = c[0] if c else None
                if rel is None:
                    rel = _list_item_cue(text, ws, m.start, self.start, self.cues)
                m.relation = m.clause_relation = rel or "mentions"
            else:
                self._relate_after(m, prev)

    def _relate_after(self, m: _Mention, prev: _Mention) -> None:
        """The relation of a mention with another before it in its clause."""
        text, cues = self.text, self.cues
        gap = text[prev.end:m.start]
        m.clause_relation = prev.clause_relation
        if ";" in gap and cues.connector_re.match(gap):
            m.relation = prev.clause_relation      # next item of a `;` list: its cue's
            return
        if cues.connector_re.match(gap) or _AMENDED_BY.match(gap) or _named_list_item(gap, m, cues):
            m.relation = prev.clause_relation if prev.in_alias else prev.relation
            return
        cut = _clause_cut(gap)
        if cut >= 0:
            c = _cue_in(text, prev.end + cut + 1, m.start, cues)
            # (else the next item of a `;` list, `; các Quyết định số ...`, takes its cue's relation)
            listed = c is None and _next_list_item(text, gap[cut + 1:], m, cues)
            m.relation = c[0] if c else prev.clause_relation if listed else "mentions"
            return
        has_title = prev.full or prev.sym is not None or _opens_description(gap, cues)
        if has_title and cues.title_re.match(gap) and (cues.tail_conn_re.search(gap) or _JOINED_GUIDANCE.search(gap)):
            m.relation = prev.clause_relation   # `X về ... và Y`, `X về ... và hướng dẫn của Z tại Y`: next list item
            return
        if has_title and _closed_then_joined(gap, cues):
            m.relation = prev.clause_relation   # `X “Về ...” và Y`: the quoted title closed, next list item
            return
        if has_title and (cues.title_re.match(gap) or gap.lstrip().startswith(("(", "“", "\""))):
            m.relation = "mentions"            # inside the trích yếu of prev
            return
        c = _cue_in(text, prev.end, m.start, cues)
        # a cue right after a cited document, nothing between, is that document's act (`Nghị định số 12/2025/NĐ-CP
        # thay thế Nghị định số 34/2019/NĐ-CP`): the document after it is only mentioned (SCHEMA.md)
        m.relation = c[0] if c and not (prev.sym is not None and not text[prev.end:c[1]].strip()) else "mentions"

    # -- 4. documents
    def _new_doc(self, m: _Mention) -> int:
        text = self.text
        c = Citation(text=text[m.start:m.end], span=(m.start, m.end), doc_type=m.doc_type, number=m.number,
                     symbol=m.sym.canonical if m.sym else None,
                     symbol_as_written=text[m.anchor[0]:m.anchor[1]] if m.sym else None,
                     date=m.date, issuer=m.issuer, relation=m.relation, title=m.title)
        self.citations.append(c)
        self.doc_syms.append(m.sym)
        return len(self.citations) - 1

    def place_aliases(self) -> None:
        """Alias definitions decide where an alias's number-mention belongs."""
        for am, alias in self.aliases_raw:
            inner = [mm for mm in self.mentions if am.start("alias") <= mm.anchor[0] < am.end("alias")]
            inner_m = inner[0] if inner else None
            ref = inner_m if inner_m is not None and inner_m.sym is not None else self._closed_by(am)
            if am.re is self.cues.bare_alias_re and not _abbreviates(self.text, ref, am, alias, self.cues):
                for mm in inner:
                    mm.in_alias = False
                continue                # `Dự án 2 (Chương trình 135)`: a name of something else, no alias
            if ref is not None and inner_m is not None and inner_m is not ref:
                inner_m.doc = -1                     # resolved below to ref's document
                inner_m.kind = "alias-of"
                inner_m.alias_of = ref
            elif inner_m is not None and inner_m.sym is None:
                self._own_document(am, inner_m)
            self.alias_records.append((am, alias, ref if ref is not None else inner_m))

    def _closed_by(self, am: re.Match) -> _Mention | None:
        """The citation whose trích yếu the alias closes, when there is one in the clause."""
        ws = self.clauses.start(am.start(), lists=False)
        prevs = [mm for mm in self.mentions if ws <= mm.start and mm.end <= am.start() and not mm.in_alias]
        if not prevs:
            return None
        p = prevs[-1]
        gap = self.text[p.end:am.start()]
        if self.cues.title_re.match(gap) or len(gap.strip()) == 0 or p.title is not None and \
                p.end + 5 >= am.start() - len(gap):
            if self.cues.title_re.match(gap) or not gap.strip():
                return p
        return None

    def _own_document(self, am: re.Match, inner_m: _Mention) -> None:
        """The alias names a document of its own (`Đề án “...” (gọi tắt là Đề án 06)`): its first full
        mention starts at the type word before the quoted title."""
        text = self.text
        q = text.rfind("“", max(0, am.start() - 600), am.start())
        if not (q > 0 and text[am.start() - 3:am.start()].strip().endswith(("”", "\""))):
            return
        tw = None
        for t in self.cues.type_re.finditer(text, max(0, q - 40), q + 1):
            tw = t
        if tw is not None and inner_m.doc_type and \
                doc_types().by_name.get(" ".join(tw.group(0).casefold().split()), {}).get("name") \
                == inner_m.doc_type and tw.start() >= self.start:
            inner_m.start = tw.start()
            close = text.find("”", q + 1, am.start())
            inner_m.title = text[q + 1:close if close > 0 else am.start()]
            inner_m.full = True

    def assign_documents(self) -> None:
        """Each mention's document, in text order."""
        for m in sorted(self.mentions, key=lambda x: x.start):
            if m.kind == "alias-of":
                continue
            m.doc = self._symbol_doc(m) if m.sym is not None else self._number_doc(m)
            for _am, alias, ref in self.alias_records:
                if ref is m:
                    self.alias_target[_alias_key(alias)] = m.doc
        for m in self.mentions:
            if m.kind == "alias-of":
                ref = m.alias_of
                assert ref is not None      # (set with the kind)
                m.doc = ref.doc
                if ref.doc is not None:
                    self.alias_target[_alias_key(self.text[m.start:m.anchor[1]])] = ref.doc

    def _symbol_doc(self, m: _Mention) -> int:
        sym = m.sym
        assert sym is not None      # (called for a mention with a symbol)
        k = symbol_key(sym)
        d = self.by_symbol.get(k)
        if d is not None and m.date and self.citations[d].date and m.date != self.citations[d].date and m.full:
            d = None                        # same symbol, another document (another year/term)
        if d is None:
            # an earlier number-only mention of the same type and number
            tk = _tn_key(m.doc_type, m.number)
            if tk in self.by_typenum and self.doc_syms[self.by_typenum[tk]] is None:
                d = self.by_typenum[tk]
                c = self.citations[d]
                c.symbol, c.symbol_as_written = sym.canonical, self.text[m.anchor[0]:m.anchor[1]]
                self.doc_syms[d] = sym
                if m.full and not (c.date or c.issuer):
                    c.text, c.span = self.text[m.start:m.end], (m.start, m.end)
            else:
                d = self._new_doc(m)
            self.by_symbol.setdefault(k, d)
            if tk:
                self.by_typenum.setdefault(tk, d)
        return d

    def _number_doc(self, m: _Mention) -> int:
        tk = _tn_key(m.doc_type, m.number)
        d = self.alias_target.get(_alias_key(self.text[m.start:m.anchor[1]]))
        if d is None and tk in self.by_typenum:
            d = self.by_typenum[tk]
        if d is None:
            # (a later symbol mention of the same type and number absorbs it below)
            d = self._new_doc(m)
            if tk:
                self.by_typenum[tk] = d
        return d

    def merge_mentions(self) -> None:
        """Each document's metadata from all its mentions, and the strongest relation among them."""
        rank = self.cues.rank
        for m in sorted(self.mentions, key=lambda x: x.start):
            if m.doc is None or m.doc < 0:
                continue
            c = self.citations[m.doc]
            _merge_into(c, m)
            if m.term:
                self.doc_khoa.setdefault(m.doc, m.term)
            if rank.get(m.relation, 99) < rank.get(c.relation, 99):
                c.relation = m.relation

    def drop_covered(self) -> tuple[list[Citation], list[Symbol | None], list[str | None], dict[int, int]]:
        """Numbers without symbol that a symbol document of the same type and number covers go into
        it; the documents that stay, their symbols and terms, and where each old index went."""
        rank, cits = self.cues.rank, self.citations
        drop: set[int] = set()
        for i, c in enumerate(cits):
            if c.symbol is not None:
                continue
            tk = _tn_key(c.doc_type, c.number)
            for j, c2 in enumerate(cits):
                if j != i and c2.symbol is not None and _tn_key(c2.doc_type, c2.number) == tk:
                    if rank[c.relation] < rank[c2.relation]:
                        c2.relation = c.relation
                    drop.add(i)
                    for k in list(self.alias_target):
                        if self.alias_target[k] == i:
                            self.alias_target[k] = j
                    break
        keep = [i for i in range(len(cits)) if i not in drop]
        remap = {i: n for n, i in enumerate(keep)}
        out = [cits[i] for i in keep]
        out_syms = [self.doc_syms[i] for i in keep]
        out_khoa = [self.doc_khoa.get(i) for i in keep]
        for i in drop:
            tk = _tn_key(cits[i].doc_type, cits[i].number)
            for j, c2 in enumerate(out):
                if c2.symbol is not None and _tn_key(c2.doc_type, c2.number) == tk:
                    remap[i] = j
                    break
        return out, out_syms, out_khoa, remap

    def aliases(self, out: list[Citation], remap: dict[int, int]) -> list[Alias]:
        res: list[Alias] = []
        for am, alias, ref in self.alias_records:
            idx = None
            if ref is not None and ref.doc is not None and ref.doc >= 0:
                idx = remap.get(ref.doc)
            at = am.start("alias") + am.group("alias").find(alias)
            res.append(Alias(alias=alias, refers_to=out[idx].target if idx is not None else None,
                             span=(at, at + len(alias)), citation=idx))
        return res
