"""Corpus graph, resolution: the passes that resolve every citation of a batch to one document node
(`resolve`), as pipeline/graph/build.py describes them.

1. the records themselves (`_Builder.ctx_for`, `_Builder.add_record`): each record's own node and the
   context (locality, issuer) its citations borrow;
2. per record, the citations a key determines, later short mentions of the same symbol, and the
   aliases the record defines (`_key_citations`, `_register_aliases`);
3. the rest: names and aliases, then the one document of the batch with the symbol and date
   (`_resolve_pending`);
4. one edge per citation, an unresolved one to a provisional node (`_add_edges`).
"""
from __future__ import annotations

import re
from collections.abc import Iterable

import networkx as nx

from .citing import dated_symbol_index, digest_text, provisional_key, same_dated_document
from .keys import (
    _GENERIC_PARTY,
    Context,
    Keying,
    Symbol,
    _date,
    _org,
    _province,
    fold,
    is_local,
    issuer_code_of,
    key_reference,
    parse_symbol,
    slug,
    symbol_identity,
)
from .model import GraphResult, Resolution


def _issuer_name(h: dict) -> str | None:
    iss = h.get("issuer")
    if isinstance(iss, dict):
        return iss.get("name")
    return iss


def _record_id(rec: dict, i: int) -> str:
    return str(rec.get("id") or (rec.get("source") or {}).get("path") or rec.get("file") or f"record-{i}")


_SEEN_OVERRIDES = frozenset(("issuer", "title", "date", "doc_type"))


class _Builder:
    def __init__(self, assume_unique: bool):
        self.G = nx.MultiDiGraph()
        self.node_data: dict[str, dict] = {}       # key -> the node's attribute dict in G (one lookup)
        self.keyed_once: dict[tuple, Keying] = {}   # a non-local reference's fields -> its Keying
        self.assume_unique = assume_unique
        self.by_base: dict[tuple, set[str]] = {}
        self.aliases: dict[str, set[str]] = {}      # folded alias -> node keys, corpus-wide
        self.alias_src: dict[tuple[str, str], str] = {}   # (alias, node) -> the record defining it
        self.resolutions: list[Resolution] = []

    # -- nodes
    def add_node(self, key: str, meta: dict, *, seen: bool, base: tuple | None = None, **extra) -> None:
        """Add or update the node `key` with what `meta` and `extra` know of the document (a seen
        record's header overrides a citation's issuer, title, date and type; dates that disagree are
        kept as conflicts)."""
        d = self.node_data.get(key)
        if d is None:
            self._new_node(key, meta if not extra else {**meta, **extra}, seen)
        else:
            self._update_node(d, meta if not extra else {**meta, **extra}, seen)
        if base is not None:
            self.by_base.setdefault(base, set()).add(key)

    _OWN = frozenset(("key", "seen", "mentions", "issuer_names", "symbols_as_written", "conflicts", "resolved"))

    def _new_node(self, key: str, meta: dict, seen: bool) -> None:
        """A node first met: every known field of `meta` is its (what `_update_node` makes of an empty node)."""
        attrs = {k: v for k, v in meta.items() if v is not None and v != "" and k not in self._OWN}
        written = attrs.pop("symbol_as_written", None)
        issuer = meta.get("issuer")
        self.G.add_node(key, key=key, seen=seen, mentions=0 if seen else 1,
                        issuer_names=[issuer] if issuer else [], symbols_as_written=[written] if written else [],
                        conflicts=[], resolved=True, **attrs)
        self.node_data[key] = self.G.nodes[key]

    def _update_node(self, d: dict, meta: dict, seen: bool) -> None:
        """What `meta` adds to a known node (see `add_node`)."""
        if seen:
            d["seen"] = True
        else:
            d["mentions"] += 1
        issuer = meta.get("issuer")
        if issuer and issuer not in d["issuer_names"]:
            d["issuer_names"].append(issuer)
        get = d.get
        for k, v in meta.items():
            if v is None or v == "":
                continue
            old = get(k)
            if old == v:                # known already (the common case: a document cited again)
                continue
            if old is None:
                if k != "symbol_as_written":
                    d[k] = v
                elif v not in d["symbols_as_written"]:
                    d["symbols_as_written"].append(v)
            elif k == "date":
                msg = f"date {old} / {v}"
                if seen:
                    d["conflicts"].append(msg)
                    d[k] = v
                elif msg not in d["conflicts"]:
                    d["conflicts"].append(msg)
            elif seen and k in _SEEN_OVERRIDES:
                d[k] = v

    def ctx_for(self, rec: dict, rid: str) -> tuple[Context, dict, tuple | None, str | None]:
        h = rec.get("header") or {}
        name = _issuer_name(h)
        date = _date(h.get("date"))
        loc = h.get("locality")
        locality = (_province(loc, date.isoformat() if date else None) or loc) if loc else None
        if locality is None:
            for t in (name, _issuer_name({"issuer": h.get("parent_issuer")}), h.get("place")):
                locality = _province(t, date.isoformat() if date else None)
                if locality:
                    break
        evidence = "header"
        if locality is None:            # the place the document is about, inferred from its text
            locality, evidence = rec.get("body_locality"), "body"
        sym = parse_symbol(h.get("symbol"))
        ctx = Context(rid, f"vn:record:{slug(rid)[:40]}", locality, date,
                      issuer_code_of(sym) if sym else None, None, None, evidence)
        if sym is not None:
            k = key_reference(sym, issuer_text=name, date=date, ctx=ctx, text=h.get("title"))
            if k.key:
                ctx.node = k.key
                ctx.issuer_slug = k.base[1]
                code = issuer_code_of(sym)
                ctx.org = _org(code, name, locality) if code in _GENERIC_PARTY else None
            return ctx, k.meta, k.base, k.reason or ("; ".join(k.candidates) if k.candidates else None)
        return ctx, {}, None, "no symbol in the header"

    def add_record(self, rec: dict, rid: str, ctx: Context, meta: dict, base: tuple | None,
                   reason: str | None) -> None:
        h = rec.get("header") or {}
        meta = {**meta, "issuer": _issuer_name(h), "doc_type": h.get("doc_type"), "title": h.get("title"),
                "date": h.get("date"), "place": h.get("place"), "symbol": h.get("symbol") or meta.get("symbol"),
                "locality": meta.get("locality") or ctx.locality}
        src = rec.get("source") or {}
        keyed = not ctx.node.startswith("vn:record:")
        self.add_node(ctx.node, meta, seen=True, base=base if keyed else None,
                      record=rid, path=src.get("path") or rec.get("file"), tasks=len(rec.get("tasks") or []),
                      system=h.get("system") or meta.get("system"),
                      key_reason=None if keyed else reason)
        recs = self.G.nodes[ctx.node].setdefault("records", [])
        if rid not in recs:
            recs.append(rid)

    def add_provisional(self, r: Resolution, c: dict, sym: Symbol | None, k: Keying | None) -> str:
        """The provisional node of a citation left ambiguous or unresolved (`resolved: false`, the
        reason and any candidates), keyed by what is known of it."""
        key = provisional_key(c, k, sym, r.record, r.index)
        meta = self.cite_meta(c, k) if k is not None and k.meta else {
            "doc_type": c.get("doc_type"), "title": c.get("title"), "issuer": c.get("issuer"),
            "number": c.get("number"), "date": c.get("date")}
        self.add_node(key, meta, seen=False)
        d = self.G.nodes[key]
        d["resolved"] = False
        reasons = d.setdefault("reasons", [])
        if r.reason and r.reason not in reasons:
            reasons.append(r.reason)
        d["reason"] = reasons[0] if reasons else None
        d["candidates"] = sorted(set(d.get("candidates") or []) | set(r.candidates))
        r.provisional = key
        return key

    # -- citations
    def key_citation(self, c: dict, ctx: Context) -> tuple[Symbol | None, Keying]:
        sym = parse_symbol(c.get("symbol")) or parse_symbol(c.get("symbol_as_written"))
        if sym is None:
            return None, Keying(reason="no symbol")
        issuer, date = c.get("issuer"), _date(c.get("date"))
        if is_local(sym):
            return sym, key_reference(sym, issuer_text=issuer, date=date, ctx=ctx, text=c.get("text"),
                                      sentence=c.get("sentence_text"))
        # A central or other non-local issuer's key reads only the reference's own fields (no locality
        # from the sentence or the citing document), so the batch's many citations of one document are
        # keyed once.  (The Keying is shared: callers copy its meta, never change it.)
        memo = (sym, issuer, date, c.get("text") if sym.system == "party" else None)
        k = self.keyed_once.get(memo)
        if k is None:
            k = self.keyed_once[memo] = key_reference(sym, issuer_text=issuer, date=date, ctx=ctx,
                                                      text=c.get("text"), sentence=c.get("sentence_text"))
        return sym, k

    def cite_meta(self, c: dict, k: Keying) -> dict:
        return {**k.meta, "doc_type": c.get("doc_type"), "title": c.get("title"), "issuer": c.get("issuer"),
                "symbol": c.get("symbol") or k.meta.get("symbol"),
                "symbol_as_written": c.get("symbol_as_written") or c.get("symbol")}


def _alias_defs(rec: dict, cits: list[dict]) -> list[tuple[str, str | None, int | None]]:
    """(folded alias, refers_to, index of the defining citation) for each alias of a record."""
    out = []
    for a in rec.get("aliases") or []:
        name = fold(a.get("alias"))
        if not name:
            continue
        idx = None
        sp = a.get("span")
        for i, c in enumerate(cits):
            cs = c.get("span")
            if sp and cs and cs[0] <= sp[0] and sp[1] <= cs[1] + 40:
                idx = i
                break
        if idx is None:
            idx = next((i for i, c in enumerate(cits) if re.search(rf"(?<![0-9a-z]){re.escape(name)}(?![0-9a-z])",
                                                                   fold(c.get("text")))), None)
        out.append((name, a.get("refers_to"), idx))
    return out


def _alias_hits(c: dict, names: Iterable[str]) -> list[str]:
    t = fold(c.get("text"))
    short = fold(" ".join(x for x in (c.get("doc_type"), c.get("number")) if x))
    return [n for n in names if n == short or re.search(rf"(?<![0-9a-z]){re.escape(n)}(?![0-9a-z])", t)]


def _parse_key(key: str) -> dict | None:
    parts = key.split(":")
    if len(parts) != 6 or parts[0] != "vn":
        return None
    return {"system": parts[1], "issuer_key": parts[2], "doc_type_code": parts[3].upper(), "number": parts[4],
            "term" if parts[1] == "party" else "year": parts[5]}


def resolve(records: Iterable[dict], assume_unique: bool, digested: bool = False) -> GraphResult:
    """The four passes over `records` (with `digested`, their `digest_text` already); see the module docs."""
    b = _Builder(assume_unique)
    recs = [(r if digested else digest_text(r), _record_id(r, i)) for i, r in enumerate(records)]
    ctxs = []
    for rec, rid in recs:                                        # pass 1: the records themselves
        ctx, meta, base, reason = b.ctx_for(rec, rid)
        b.add_record(rec, rid, ctx, meta, base, reason)
        ctxs.append(ctx)
    pending = []
    for (rec, rid), ctx in zip(recs, ctxs, strict=True):        # pass 2: keyed citations, aliases
        cits = list(rec.get("citations") or [])
        keyed, res = _key_citations(b, rid, ctx, cits)
        local_alias = _register_aliases(b, rec, rid, cits, res)
        pending.append((ctx, cits, res, keyed, local_alias))
    dated = dated_symbol_index(b.G)
    for ctx, cits, res, keyed, local_alias in pending:           # passes 3 and 4, record by record
        _resolve_pending(b, dated, ctx.record_id, cits, res, keyed, local_alias)
        _add_edges(b, ctx, cits, res, keyed)
    G = b.G
    G.graph["unresolved"] = [r.to_dict() for r in b.resolutions if r.status in ("ambiguous", "unresolved")]
    G.graph["summary"] = GraphResult(G, b.resolutions).summary()
    return GraphResult(G, b.resolutions)


def _key_citations(b: _Builder, rid: str, ctx: Context, cits: list[dict]
                   ) -> tuple[list[tuple[Symbol | None, Keying]], list[Resolution | None]]:
    """Pass 2: the citations whose key their own fields determine, then later short mentions of a
    symbol one of them resolved (`Chỉ thị số 24-CT/TU`, no date)."""
    res: list[Resolution | None] = [None] * len(cits)
    keyed = []
    short = []                                  # indexes of a symbol no key determined
    for i, c in enumerate(cits):
        sym, k = b.key_citation(c, ctx)
        keyed.append((sym, k))
        if k.key:
            b.add_node(k.key, b.cite_meta(c, k), seen=False, base=k.base)
            res[i] = Resolution(rid, i, "resolved", k.key, method="key")
        elif sym is not None:
            short.append(i)
    if not short:
        return keyed, res
    by_symbol: dict[tuple, set[str]] = {}
    for (sym, k), r in zip(keyed, res, strict=True):
        if r is not None:
            by_symbol.setdefault(symbol_identity(sym), set()).add(k.key)
    for i in short:
        ident = symbol_identity(keyed[i][0])
        if len(by_symbol.get(ident, ())) == 1:
            t = next(iter(by_symbol[ident]))
            b.add_node(t, b.cite_meta(cits[i], Keying(meta={})), seen=False)
            res[i] = Resolution(rid, i, "resolved", t, method="same-document")
    return keyed, res


def _register_aliases(b: _Builder, rec: dict, rid: str, cits: list[dict], res: list[Resolution | None]
                      ) -> dict[str, str]:
    """Pass 2: the aliases `rec` defines, for its own later mentions and the corpus's."""
    local_alias: dict[str, str] = {}
    for name, refers_to, idx in _alias_defs(rec, cits):
        target = None
        if idx is not None and res[idx] is not None and res[idx].status == "resolved":
            target = res[idx].target
        elif refers_to and (refers_to in b.G or _parse_key(refers_to)):
            target = refers_to
            if refers_to not in b.G and _parse_key(refers_to):
                b.add_node(refers_to, {k: v for k, v in _parse_key(refers_to).items() if k != "issuer_key"},
                           seen=False)
                b.G.nodes[refers_to]["mentions"] -= 1
        if target:
            local_alias[name] = target
            b.aliases.setdefault(name, set()).add(target)
            b.alias_src.setdefault((name, target), rid)
            names = b.G.nodes[target].setdefault("aliases", [])
            alias = next(a.get("alias") for a in rec.get("aliases") if fold(a.get("alias")) == name)
            if alias not in names:
                names.append(alias)
    return local_alias


def _resolve_pending(b: _Builder, dated: dict, rid: str, cits: list[dict], res: list[Resolution | None],
                     keyed: list, local_alias: dict[str, str]) -> None:
    """Pass 3: names and aliases, candidates, and the one document of the batch with a citation's
    symbol and date (a seen document or a fuller citation)."""
    for i, c in enumerate(cits):
        if res[i] is not None:
            continue
        sym, k = keyed[i]
        res[i] = r = _resolve_rest(b, rid, i, c, sym, k, local_alias)
        same = same_dated_document(dated, b.G, sym, c) if r.status != "resolved" else None
        if same is not None and (not r.candidates or same in r.candidates):
            res[i] = Resolution(rid, i, "resolved", same, method="symbol-and-date",
                                evidence=f"same symbol and date as {same} ({r.reason})")
        if res[i].status == "resolved":
            meta = b.cite_meta(c, Keying(meta=k.meta)) if sym else {}
            b.add_node(res[i].target, meta, seen=False)


def _edge_relation(c: dict) -> str:
    relation = c.get("relation") or "mentions"
    if c.get("attributed_to") is not None and relation == "mentions":
        relation = c.get("attributed_relation") or relation
    if c.get("reported_issuer") and relation == "mentions":
        relation = "reports"     # the text says the directive was issued: a news copy, a report
    return relation


def _add_edges(b: _Builder, ctx: Context, cits: list[dict], res: list[Resolution], keyed: list) -> None:
    """Pass 4: one edge per citation; an unresolved one goes to a provisional node."""
    rid = ctx.record_id
    node_of: dict[int, str] = {}
    add_edge, append = b.G.add_edge, b.resolutions.append
    for i, c in enumerate(cits):
        r = res[i]
        text, written, span = c.get("text"), c.get("symbol_as_written"), c.get("span")
        r.text, r.symbol = text, c.get("symbol") or written
        if r.status == "resolved" and r.target == ctx.node:
            r.status, r.reason = "self", "the document cites itself"
        append(r)
        done = r.status in ("resolved", "self")
        target = r.target if done else b.add_provisional(r, c, *keyed[i])
        node_of[i] = target
        # a citation the text gives to the reported document's content hangs off that document
        source = node_of.get(c.get("attributed_to"), ctx.node)
        add_edge(source, target, key=f"{rid}#{i}", relation=_edge_relation(c),
                 attributed_by=rid if source != ctx.node else None,
                 path=c.get("path"), span=list(span) if span else None,
                 text=text, record=rid, index=i, method=r.method or r.status,
                 resolved=done, evidence=r.evidence, symbol_as_written=written)


def _resolve_rest(b: _Builder, rid: str, i: int, c: dict, sym: Symbol | None, k: Keying,
                  local_alias: dict[str, str]) -> Resolution:
    if sym is None:
        hits = _alias_hits(c, local_alias)
        if hits:
            targets = {local_alias[h] for h in hits}
            if len(targets) == 1:
                return Resolution(rid, i, "resolved", targets.pop(), method="alias")
        hits = _alias_hits(c, b.aliases)
        targets = sorted({t for h in hits for t in b.aliases[h]})
        if len(targets) == 1:
            src = next((b.alias_src[(h, targets[0])] for h in hits if (h, targets[0]) in b.alias_src), None)
            return Resolution(rid, i, "resolved", targets[0], method="corpus-alias",
                              evidence=f"alias defined in {src}" if src else None)
        if targets:
            return Resolution(rid, i, "ambiguous", candidates=targets,
                              reason="alias defined for several documents in the corpus")
        if c.get("target") in b.G:       # the per-document stage named a node the corpus has
            return Resolution(rid, i, "resolved", c["target"], method="record-target")
        return Resolution(rid, i, "unresolved", reason="no symbol and no known alias")
    if k.candidates:
        return Resolution(rid, i, "ambiguous", candidates=sorted(k.candidates), reason=k.reason)
    cands = sorted(b.by_base.get(k.base, ())) if k.base else []
    if len(cands) == 1 and b.assume_unique:
        return Resolution(rid, i, "resolved", cands[0], method="unique-candidate")
    if cands:
        return Resolution(rid, i, "ambiguous", candidates=cands, reason=k.reason)
    return Resolution(rid, i, "unresolved", reason=k.reason)
