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

import gc
from collections.abc import Iterable
from pathlib import Path

from .files import GRAPH_FILES, flat_copy, read_graph, read_records, write_graph  # noqa: F401
from .keys import fold, issuer_term, node_key, parse_symbol, slug  # noqa: F401
from .model import GraphError, GraphResult, Resolution  # noqa: F401
from .resolve import _record_id, resolve


def build_graph(records: Iterable[dict], *, assume_unique: bool = False, digested: bool = False) -> GraphResult:
    """Resolve the citations of `records` (dicts of SCHEMA.md) and build the corpus graph.

    Parameters
    ----------
    records : iterable of dict
        Records as `Document.to_dict()` gives them (or gold-shaped headers with `issuer` a string).
    assume_unique : bool, keyword-only
        Accept a citation without a date when exactly one node shares its issuer, type and number
        (``method="unique-candidate"``).  Off by default: such citations are `ambiguous`.
    digested : bool, keyword-only
        The records are `graph.citing.digest_text` of the records already (what a batch's workers
        wrote of each one, `batch.digests`): the graph reads no text of its own.

    Returns
    -------
    GraphResult
        ``graph``: `MultiDiGraph`, one node per document (``seen`` true for records of the batch),
        one edge per resolved citation (``relation``, ``path``, ``span``, ``text``, ``record``,
        ``index``, ``method``); ``graph.graph["unresolved"]`` lists the citations left ambiguous or
        unresolved.  ``resolutions``: one `Resolution` per citation.
    """
    # The build makes a few hundred thousand small containers and no garbage cycles: the cyclic
    # collector, which a run of allocations keeps waking, is paused for it (a third of the build's time).
    paused = gc.isenabled()
    gc.disable()
    try:
        return resolve(records, assume_unique, digested)
    finally:
        if paused:
            gc.enable()


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


def warm_up() -> None:
    """Import the graph's modules (networkx, the resolver, the writers, the explorer) and load their tables:
    a batch calls it while its workers extract, so that the graph step, which the output steps wait for,
    does not start with that tenth of a second."""
    from .explorer import write_explorer  # noqa: F401
    build_graph(iter(()), digested=True)


def build_graph_from_jsonl(path: str | Path, **kw) -> GraphResult:
    """`build_graph` over a `documents.jsonl` batch output (one record per line)."""
    return build_graph(read_records(path), **kw)
