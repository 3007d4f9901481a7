"""The corpus citation graph: resolve every citation of a batch to one document node, build a networkx
`MultiDiGraph`, and export it (GraphML, GEXF, node-link JSON, CSV).

A node is a document *in reality*: issuing organisation (with its locality), type, number and time
scope (the year for State documents, the committee term for Party documents, `document-format.md` §3.1).
Its key reads ``vn:{system}:{issuer}:{type}:{number}:{scope}``, e.g. ``vn:state:ttg:ct:05:2023`` or
``vn:party:tu-tien-giang:ct:08:2020-2025``.  `24-CT/TU` of Thành ủy TP.HCM (2023-04-14) and of Tỉnh
ủy Bắc Giang (2023-04-28) are two nodes; `05-CT/TTg` and `05/CT-TTg` of 2023 are one.

Resolution is strict: each citation resolves to one node, or is reported as *ambiguous* (with the
candidate nodes) or *unresolved* (with the reason); nothing is guessed, and nothing is dropped: every
citation is an edge, an unresolved one to a provisional node (``resolved: false``, ``reason``,
``candidates``) keyed by what is known of it.  Rules, in order:

1. a citation whose symbol, issuer locality and date determine the key resolves to it
   (`graph_keys.key_reference`, the key builder the citation stage uses too).  The locality comes,
   in order, from the issuer's own name, the citing sentence (`... trên địa bàn tỉnh Bắc Giang`), the
   citing document's header, or the place the citing document is about (the province its text names
   most; marked inferred); `key_reason` says which.  For a citing document after the 2025 merger and
   a cited date before it, the predecessors of the merged province are the candidates;
2. a later short mention (`Chỉ thị số 24-CT/TU`, no date) takes the node of a full mention of the same
   symbol in the same document;
3. a mention by name (`Đề án 06`) takes the node of the alias the document, or else the corpus
   (when unique), defines, with the defining record as evidence;
4. an unresolved citation with a symbol and a date takes the one document of the batch with that
   symbol and date (a seen document or a fuller citation), among its candidates if it has some;
5. otherwise, with a symbol but no date, the nodes sharing issuer/type/number are the candidates
   (`ambiguous`); ``build_graph(..., assume_unique=True)`` accepts a single candidate instead.

A record whose text says that an issuer issued a document (`X đã ban hành Chỉ thị số N`) gives that
document its issuer and date and links to it with a `reports` edge; a citation the text gives to that
document's content (`... về triển khai thực hiện Chỉ thị số 05/CT-TTg`) hangs off that document.

Example
-------
>>> records = [
...   {"id": "a", "header": {"system": "party", "doc_type": "Chỉ thị", "doc_type_code": "CT", "number": "24",
...    "symbol": "24-CT/TU", "date": "2023-04-14", "issuer": {"name": "Ban Thường vụ Thành ủy"},
...    "locality": "Hồ Chí Minh"},
...    "citations": [{"text": "Chỉ thị số 05-CT/TTg ngày 23/02/2023", "doc_type": "Chỉ thị", "number": "05",
...                   "symbol": "05/CT-TTg", "date": "2023-02-23", "issuer": "Thủ tướng Chính phủ",
...                   "relation": "implements"}]}]
>>> result = build_graph(records)
>>> result.graph.nodes["vn:state:ttg:ct:05:2023"]["seen"]
False
>>> [d["relation"] for _, _, d in result.graph.edges(data=True)]
['implements']
"""
from __future__ import annotations

import csv
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import networkx as nx

from ..errors import ChithiError
from ..export import clean_graph
from .citing import dated_symbol_index, digest_text, provisional_key, same_dated_document
from .keys import (  # noqa: F401
    _GENERIC_PARTY,
    MERGER_DATE,
    Context,
    Keying,
    Symbol,
    _date,
    _org,
    _province,
    fold,
    issuer_code_of,
    issuer_term,
    key_reference,
    node_key,
    parse_symbol,
    slug,
    symbol_identity,
)

GRAPH_FILES = {"graphml": "graph.graphml", "gexf": "graph.gexf", "json": "graph.json",
               "nodes": "nodes.csv", "edges": "edges.csv", "report": "resolution.json"}


class GraphError(ChithiError):
    """A graph cannot be built, written or read."""

    stage = "graph"


# ---------------------------------------------------------------------------------------- resolution

@dataclass
class Resolution:
    """How one citation of one record was resolved."""

    record: str
    index: int
    status: str                       # resolved | ambiguous | unresolved | self
    target: str | None = None
    candidates: list[str] = field(default_factory=list)
    reason: str | None = None
    method: str | None = None         # key | same-document | alias | corpus-alias | unique-candidate | record-target
    text: str | None = None
    symbol: str | None = None
    provisional: str | None = None    # the provisional node an unresolved citation's edge goes to
    evidence: str | None = None       # what resolved it beyond its own fields (an alias's defining record)

    def to_dict(self) -> dict[str, Any]:
        return {"record": self.record, "index": self.index, "status": self.status, "target": self.target,
                "candidates": list(self.candidates), "reason": self.reason, "method": self.method,
                "text": self.text, "symbol": self.symbol, "provisional": self.provisional,
                "evidence": self.evidence}


@dataclass
class GraphResult:
    """`build_graph`'s answer: the graph and one `Resolution` per citation."""

    graph: nx.MultiDiGraph
    resolutions: list[Resolution]

    @property
    def unresolved(self) -> list[Resolution]:
        return [r for r in self.resolutions if r.status == "unresolved"]

    @property
    def ambiguous(self) -> list[Resolution]:
        return [r for r in self.resolutions if r.status == "ambiguous"]

    def summary(self) -> dict[str, int]:
        out = {"records": sum(1 for _, d in self.graph.nodes(data=True) if d.get("seen")),
               "nodes": self.graph.number_of_nodes(), "edges": self.graph.number_of_edges(),
               "citations": len(self.resolutions)}
        for r in self.resolutions:
            out[r.status] = out.get(r.status, 0) + 1
        if self.resolutions:      # the share of citations resolved to a unique document
            out["resolved_share"] = round(out.get("resolved", 0) / len(self.resolutions), 4)
        return out


def _issuer_name(h: dict) -> str | None:
    iss = h.get("issuer")
    if isinstance(iss, dict):
        return iss.get("name")
    return iss


def _record_id(rec: dict, i: int) -> str:
    return str(rec.get("id") or (rec.get("source") or {}).get("path") or rec.get("file") or f"record-{i}")


class _Builder:
    def __init__(self, assume_unique: bool):
        self.G = nx.MultiDiGraph()
        self.assume_unique = assume_unique
        self.by_base: dict[tuple, set[str]] = {}
        self.aliases: dict[str, set[str]] = {}      # folded alias -> node keys, corpus-wide
        self.alias_src: dict[tuple[str, str], str] = {}   # (alias, node) -> the record defining it
        self.resolutions: list[Resolution] = []

    # -- nodes
    def add_node(self, key: str, meta: dict, *, seen: bool, base: tuple | None = None, **extra) -> None:
        G = self.G
        if key not in G:
            G.add_node(key, key=key, seen=False, mentions=0, issuer_names=[], symbols_as_written=[],
                       conflicts=[], resolved=True)
        d = G.nodes[key]
        if seen:
            d["seen"] = True
        else:
            d["mentions"] += 1
        issuer = meta.get("issuer")
        if issuer and issuer not in d["issuer_names"]:
            d["issuer_names"].append(issuer)
        for k, v in {**meta, **extra}.items():
            if v is None or v == "" or k in ("issuer_names",):
                continue
            if k == "symbol_as_written":
                if v not in d["symbols_as_written"]:
                    d["symbols_as_written"].append(v)
                continue
            old = d.get(k)
            if old is None or (seen and k in ("issuer", "title", "date", "doc_type")):
                if old is not None and old != v and k == "date":
                    d["conflicts"].append(f"date {old} / {v}")
                d[k] = v
            elif k == "date" and old != v:
                msg = f"date {old} / {v}"
                if msg not in d["conflicts"]:
                    d["conflicts"].append(msg)
        if base is not None:
            self.by_base.setdefault(base, set()).add(key)

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
    def key_citation(self, c: dict, ctx: Context, rec: dict) -> tuple[Symbol | None, Keying]:
        sym = parse_symbol(c.get("symbol")) or parse_symbol(c.get("symbol_as_written"))
        if sym is None:
            return None, Keying(reason="no symbol")
        k = key_reference(sym, issuer_text=c.get("issuer"), date=_date(c.get("date")), ctx=ctx,
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


def build_graph(records: Iterable[dict], *, assume_unique: bool = False) -> GraphResult:
    """Resolve the citations of `records` (dicts of SCHEMA.md) and build the corpus graph.

    Parameters
    ----------
    records : iterable of dict
        Records as `Document.to_dict()` gives them (or gold-shaped headers with `issuer` a string).
    assume_unique : bool, keyword-only
        Accept a citation without a date when exactly one node shares its issuer, type and number
        (``method="unique-candidate"``).  Off by default: such citations are `ambiguous`.

    Returns
    -------
    GraphResult
        ``graph``: `MultiDiGraph`, one node per document (``seen`` true for records of the batch),
        one edge per resolved citation (``relation``, ``path``, ``span``, ``text``, ``record``,
        ``index``, ``method``); ``graph.graph["unresolved"]`` lists the citations left ambiguous or
        unresolved.  ``resolutions``: one `Resolution` per citation.
    """
    b = _Builder(assume_unique)
    recs = [(digest_text(r), _record_id(r, i)) for i, r in enumerate(records)]
    ctxs = []
    for rec, rid in recs:                                        # pass 1: the records themselves
        ctx, meta, base, reason = b.ctx_for(rec, rid)
        b.add_record(rec, rid, ctx, meta, base, reason)
        ctxs.append(ctx)
    pending: list[tuple[dict, Context, list[dict], list[Resolution | None], list]] = []
    for (rec, rid), ctx in zip(recs, ctxs):                      # pass 2: keyed citations, aliases
        cits = list(rec.get("citations") or [])
        res: list[Resolution | None] = [None] * len(cits)
        keyed = []
        for i, c in enumerate(cits):
            sym, k = b.key_citation(c, ctx, rec)
            keyed.append((sym, k))
            if k.key:
                b.add_node(k.key, b.cite_meta(c, k), seen=False, base=k.base)
                res[i] = Resolution(rid, i, "resolved", k.key, method="key")
        by_symbol = {}
        for (sym, k), r in zip(keyed, res):
            if sym is not None and r is not None:
                by_symbol.setdefault(symbol_identity(sym), set()).add(r.target)
        for i, ((sym, k), c) in enumerate(zip(keyed, cits)):     # later short mentions
            if res[i] is None and sym is not None and len(by_symbol.get(symbol_identity(sym), ())) == 1:
                t = next(iter(by_symbol[symbol_identity(sym)]))
                b.add_node(t, b.cite_meta(c, Keying(meta={})), seen=False)
                res[i] = Resolution(rid, i, "resolved", t, method="same-document")
        defs = _alias_defs(rec, cits)
        local_alias: dict[str, str] = {}
        for name, refers_to, idx in defs:
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
        pending.append((rec, ctx, cits, res, keyed, local_alias))
    dated = dated_symbol_index(b.G)
    for rec, ctx, cits, res, keyed, local_alias in pending:     # pass 3: names, candidates
        rid = ctx.record_id
        for i, c in enumerate(cits):
            if res[i] is not None:
                continue
            sym, k = keyed[i]
            res[i] = _resolve_rest(b, rid, i, c, sym, k, local_alias)
            same = same_dated_document(dated, b.G, sym, c) if res[i].status != "resolved" else None
            if same is not None and (not res[i].candidates or same in res[i].candidates):          # a seen document or a fuller citation of this symbol and date
                res[i] = Resolution(rid, i, "resolved", same, method="symbol-and-date",
                                    evidence=f"same symbol and date as {same} ({res[i].reason})")
            if res[i].status == "resolved":
                meta = b.cite_meta(c, Keying(meta=k.meta)) if sym else {}
                b.add_node(res[i].target, meta, seen=False)
        node_of: dict[int, str] = {}
        for i, c in enumerate(cits):                             # pass 4: edges
            r = res[i]
            r.text, r.symbol = c.get("text"), c.get("symbol") or c.get("symbol_as_written")
            if r.status == "resolved" and r.target == ctx.node:
                r.status, r.reason = "self", "the document cites itself"
            b.resolutions.append(r)
            target = r.target if r.status in ("resolved", "self") else b.add_provisional(r, c, *keyed[i])
            node_of[i] = target
            relation = c.get("relation") or "mentions"
            if c.get("attributed_to") is not None and relation == "mentions":
                relation = c.get("attributed_relation") or relation
            if c.get("reported_issuer") and relation == "mentions":
                relation = "reports"     # the text says the directive was issued: a news copy, a report
            # a citation the text gives to the reported document's content hangs off that document
            source = node_of.get(c.get("attributed_to"), ctx.node)
            b.G.add_edge(source, target, key=f"{rid}#{i}", relation=relation, attributed_by=(
                             rid if source != ctx.node else None),
                         path=c.get("path"), span=list(c["span"]) if c.get("span") else None,
                         text=c.get("text"), record=rid, index=i, method=r.method or r.status,
                         resolved=r.status in ("resolved", "self"), evidence=r.evidence,
                         symbol_as_written=c.get("symbol_as_written"))
    G = b.G
    G.graph["unresolved"] = [r.to_dict() for r in b.resolutions if r.status in ("ambiguous", "unresolved")]
    G.graph["summary"] = GraphResult(G, b.resolutions).summary()
    return GraphResult(G, b.resolutions)


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


def apply_targets(records: Iterable[dict], result: GraphResult) -> list[dict]:
    """Copies of `records` whose citations' `target` is the node the corpus resolved them to (None
    when ambiguous or unresolved), and whose aliases' `refers_to` follows.  For a batch to write
    graph keys into documents.jsonl."""
    by = {(r.record, r.index): r for r in result.resolutions}
    out = []
    for i, rec in enumerate(records):
        rid = _record_id(rec, i)
        rec = {**rec, "citations": [dict(c) for c in rec.get("citations") or []]}
        for j, c in enumerate(rec["citations"]):
            r = by.get((rid, j))
            c["target"] = r.target if r is not None and r.status == "resolved" else None
        out.append(rec)
    return out


def build_graph_from_jsonl(path: str | Path, **kw) -> GraphResult:
    """`build_graph` over a `documents.jsonl` batch output (one record per line)."""
    return build_graph(read_records(path), **kw)


def read_records(path: str | Path) -> list[dict]:
    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if line.strip():
                try:
                    out.append(json.loads(line))
                except json.JSONDecodeError as e:
                    raise GraphError(f"line {n}: not JSON ({e.msg})", path=str(path)) from e
    return out


# --------------------------------------------------------------------------------------------- export

def _scalar(v: Any) -> Any:
    if isinstance(v, (list, tuple)):
        return "; ".join(str(x) for x in v)
    if isinstance(v, dict):
        return json.dumps(v, ensure_ascii=False)
    return v


def flat_copy(G: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy with only scalar attributes (lists joined with '; ', None dropped), as GraphML/GEXF need."""
    H = nx.MultiDiGraph()
    H.graph.update({k: _scalar(v) for k, v in G.graph.get("summary", {}).items()})
    for n, d in G.nodes(data=True):
        H.add_node(n, **{k: _scalar(v) for k, v in d.items() if v is not None and v != []})
    for u, v, key, d in G.edges(keys=True, data=True):
        H.add_edge(u, v, key=key, **{k: _scalar(x) for k, x in d.items() if x is not None})
    return H


NODE_COLUMNS = ["key", "seen", "system", "symbol", "doc_type", "doc_type_code", "number", "issuer", "locality",
                "date", "year", "term", "title", "mentions", "record", "path"]
EDGE_COLUMNS = ["source", "target", "relation", "path", "span", "record", "index", "method", "text"]


def write_graph(G: nx.MultiDiGraph, out_dir: str | Path) -> dict[str, Path]:
    """Write `G` to `out_dir`: graph.graphml, graph.gexf, graph.json (node-link, the exchange format
    that `read_graph` loads, unresolved citations included), nodes.csv, edges.csv, resolution.json.
    Returns the paths by format name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / v for k, v in GRAPH_FILES.items()}
    H = flat_copy(G)
    clean_graph(H)      # XML takes no control characters: cleaned in the copy (outfiles.clean_graph)
    nx.write_graphml(H, paths["graphml"])
    nx.write_gexf(H, paths["gexf"])
    data = nx.node_link_data(G, edges="edges")
    paths["json"].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with open(paths["nodes"], "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(NODE_COLUMNS)
        for n, d in G.nodes(data=True):
            w.writerow([_scalar(d.get(c)) if c != "key" else n for c in NODE_COLUMNS])
    with open(paths["edges"], "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(EDGE_COLUMNS)
        for u, v, d in G.edges(data=True):
            w.writerow([u, v] + [_scalar(d.get(c)) for c in EDGE_COLUMNS[2:]])
    paths["report"].write_text(json.dumps({"summary": G.graph.get("summary", {}),
                                           "unresolved": G.graph.get("unresolved", [])},
                                          ensure_ascii=False, indent=1), encoding="utf-8")
    return paths


def read_graph(path: str | Path) -> nx.MultiDiGraph:
    """Load a graph written by `write_graph` (a directory, or its graph.json)."""
    p = Path(path)
    if p.is_dir():     # the graph folder, or a batch output folder holding graph/
        p = p / GRAPH_FILES["json"] if (p / GRAPH_FILES["json"]).exists() or not (p / "graph").is_dir() \
            else p / "graph" / GRAPH_FILES["json"]
    try:
        data = json.loads(p.read_text(encoding="utf-8"))
    except FileNotFoundError as e:
        raise GraphError("no graph.json here: run the batch with the graph step first", path=str(p)) from e
    except json.JSONDecodeError as e:
        raise GraphError(f"not a node-link JSON graph ({e.msg})", path=str(p)) from e
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
