"""`explorer.html`: one self-contained, offline page to explore the citation graph.

The page inlines its CSS and JavaScript (`explorer_assets/`) and the data, as JSON inside
``<script type="application/json">`` with ``<``, ``>`` and ``&`` escaped (``\\u003c``), so no document
text can close the script element.  The script builds the DOM with ``textContent`` only, and a
Content-Security-Policy allows no script but the page's own (by its sha256): a title holding
``<script>`` shows as text and never runs.

It stays responsive for thousands of nodes: the result list is capped (200 rows), the network view
draws only the selected document's neighbours (capped, labels thinned), search runs on pre-folded text.

`render_chain_svg` draws an implementation chain as a standalone SVG (for notebooks without matplotlib).
"""
from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable
from html import escape
from pathlib import Path
from typing import Any

import networkx as nx

from ..resources import asset_text
from .entries import CONTEXT_CHARS, TASK_TEXT_CHARS, RawJSON, compact_json, explorer_entry, script_safe  # noqa: F401 - re-exported
from .queries import implementation_chain, resolve_node


def _script_json(data: Any) -> bytes:
    """`data` as JSON safe to inline in a <script> element (`script_safe`), in UTF-8; a record's tasks
    that are `RawJSON` (`data["tasks"]`, made so already) put in as they are, neither decoded nor
    encoded again."""
    def safe(x: Any) -> bytes:
        return script_safe(compact_json(x)).encode("utf-8")

    tasks = data.get("tasks") if isinstance(data, dict) else None
    if not isinstance(tasks, dict) or not any(isinstance(t, RawJSON) for t in tasks.values()):
        return safe(data)
    out = []
    for k, v in data.items():
        if k == "tasks":
            v = b"{" + b",".join(safe(key) + b":" + (t.data if isinstance(t, RawJSON) else safe(t))
                                 for key, t in tasks.items()) + b"}"
        else:
            v = safe(v)
        out.append(safe(k) + b":" + v)
    return b"{" + b",".join(out) + b"}"


def _ctx(text: str | None, span: Any, cited: str | None, sentence: Any = None) -> list[str] | None:
    """[before, cited, after]: the rest of the citation's sentence (the record's `sentence`, from
    underthesea), or up to CONTEXT_CHARS on the same line for records without one."""
    if text and isinstance(span, (list, tuple)) and len(span) == 2 and 0 <= span[0] <= span[1] <= len(text):
        a, b = int(span[0]), int(span[1])
        if isinstance(sentence, (list, tuple)) and len(sentence) == 2 and sentence[0] <= a <= b <= sentence[1]:
            lo, hi = max(int(sentence[0]), a - CONTEXT_CHARS), min(int(sentence[1]), b + CONTEXT_CHARS)
            return [text[lo:a], text[a:b], text[b:hi]]
        before = text[max(0, a - CONTEXT_CHARS):a]
        return [before.split("\n")[-1], text[a:b], text[b:b + CONTEXT_CHARS].split("\n")[0]]
    return ["", cited, ""] if cited else None


def _nth(items: list | None, i: Any) -> Any:
    return items[i] if items and isinstance(i, int) and 0 <= i < len(items) else None


def explorer_data(G: nx.MultiDiGraph, records: Iterable[dict] | None = None, *, entries: bool = False
                  ) -> dict[str, Any]:
    """The data the page embeds: compact nodes, edges with their context, tasks and unresolved
    citations by document key.  `records`: the records the graph was built from, or with `entries`
    their `explorer_entry` (what a batch's workers wrote of each record)."""
    index = {n: i for i, n in enumerate(G.nodes)}
    by_record: dict[str, str] = {}
    nodes = []
    for n, d in G.nodes(data=True):
        for r in d.get("records") or ([d["record"]] if d.get("record") else []):
            by_record[r] = n
        row = {"k": n, "s": d.get("symbol"), "t": d.get("doc_type"), "c": d.get("doc_type_code"),
               "y": d.get("system"), "i": d.get("issuer"), "l": d.get("locality"), "d": d.get("date"),
               "yr": d.get("year") or (str(d["date"])[:4] if d.get("date") else None), "tm": d.get("term"),
               "ti": d.get("title"), "seen": bool(d.get("seen")), "p": d.get("path"),
               "al": d.get("aliases") or None, "w": d.get("symbols_as_written") or None,
               "in": [x for x in d.get("issuer_names") or [] if x != d.get("issuer")] or None,
               "cf": d.get("conflicts") or None, "kr": d.get("key_reason"),
               "u": (d.get("reason") or "unresolved") if d.get("resolved") is False else None,
               "cand": d.get("candidates") or None}
        nodes.append({k: v for k, v in row.items() if v is not None and v != ""})
    texts: dict[str, str] = {}
    sentences: dict[str, list] = {}
    tasks: dict[str, list] = {}
    for entry in (records or []) if entries else map(explorer_entry, records or []):
        rid = entry["id"]
        key = by_record.get(rid)
        if key is None:
            continue
        texts[rid] = entry["text"] or ""
        sentences[rid] = entry["sentences"]
        tasks[key] = entry["tasks"]
    edges = []
    for u, v, e in G.edges(data=True):
        edges.append([index[u], index[v], e.get("relation") or "mentions", e.get("path"),
                      _ctx(texts.get(e.get("record")), e.get("span"), e.get("text"),
                           _nth(sentences.get(e.get("record")), e.get("index")))])
    unresolved: dict[str, list] = {}
    for r in G.graph.get("unresolved", []):
        key = by_record.get(r["record"])
        if key is not None:
            unresolved.setdefault(key, []).append({k: r.get(k) for k in ("status", "text", "reason", "candidates")})
    summary = dict(G.graph.get("summary") or {})
    summary.setdefault("records", sum(1 for _, d in G.nodes(data=True) if d.get("seen")))
    for k in ("unresolved", "ambiguous"):
        summary.setdefault(k, 0)
    return {"nodes": nodes, "edges": edges, "tasks": tasks, "unresolved": unresolved, "summary": summary}


def render_explorer(G: nx.MultiDiGraph, records: Iterable[dict] | None = None, *, entries: bool = False) -> str:
    """The explorer page as one HTML string."""
    return _page(G, records, entries).decode("utf-8")


def _page(G: nx.MultiDiGraph, records: Iterable[dict] | None, entries: bool) -> bytes:
    """`render_explorer` in UTF-8 (the bytes `write_explorer` writes)."""
    html = asset_text("template.html")
    js = asset_text("explorer.js")
    css = asset_text("explorer.css")
    digest = base64.b64encode(hashlib.sha256(js.encode("utf-8")).digest()).decode("ascii")
    html = html.replace("script-src 'unsafe-inline'", f"script-src 'sha256-{digest}'")
    # Replace the data last so that nothing in it can be read as a placeholder.
    html = html.replace("/*CSS*/", css).replace("/*JS*/", js)
    return html.encode("utf-8").replace(b"/*DATA*/", _script_json(explorer_data(G, records, entries=entries)), 1)


def write_explorer(G: nx.MultiDiGraph, records: Iterable[dict] | None, path: str | Path, *,
                   entries: bool = False) -> Path:
    """Write `explorer.html` for graph `G` (and the records it was built from, for tasks and
    citation context; with `entries`, their `explorer_entry`) to `path` (a file, or a directory to
    hold explorer.html).  Returns the file."""
    p = Path(path)
    if p.is_dir() or p.suffix == "":
        p.mkdir(parents=True, exist_ok=True)
        p = p / "explorer.html"
    else:
        p.parent.mkdir(parents=True, exist_ok=True)
    p.write_bytes(_page(G, records, entries))
    return p


_REL_COLOURS = {"implements": "#2f7d32", "based_on": "#2b5fa8", "guides": "#8a4fb0"}


def render_chain_svg(G: nx.MultiDiGraph, ref: str, *, max_per_level: int = 30, **kw) -> str:
    """The implementation chain of `ref` as an SVG string: one column per depth, arrows from each
    implementing document to the one it implements (colour by relation)."""
    root = resolve_node(G, ref)
    rows = implementation_chain(G, root, **kw)
    levels: dict[int, list[str]] = {0: [root]}
    for r in rows:
        levels.setdefault(r["depth"], []).append(r["key"])
    colw, rowh, pad = 230, 34, 20
    height = pad * 2 + rowh * max(min(len(v), max_per_level + 1) for v in levels.values())
    width = pad * 2 + colw * len(levels)
    pos: dict[str, tuple[float, float]] = {}
    out = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
           f'font-family="sans-serif" font-size="11">',
           '<defs><marker id="a" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
           'orient="auto"><path d="M0,0L10,5L0,10z" fill="#777"/></marker></defs>']
    for depth, keys in levels.items():
        for j, k in enumerate(keys[:max_per_level]):
            pos[k] = (pad + depth * colw, pad + j * rowh + rowh / 2)
        if len(keys) > max_per_level:
            out.append(f'<text x="{pad + depth * colw}" y="{pad + max_per_level * rowh + rowh / 2}">'
                       f'+{len(keys) - max_per_level} more</text>')
    for r in rows:
        if r["key"] in pos and r["parent"] in pos:
            (x1, y1), (x2, y2) = pos[r["key"]], pos[r["parent"]]
            out.append(f'<line x1="{x1}" y1="{y1}" x2="{x2 + 150}" y2="{y2}" stroke="'
                       f'{_REL_COLOURS.get(r["relation"], "#777")}" marker-end="url(#a)"/>')
    for k, (x, y) in pos.items():
        d = G.nodes[k]
        label = " ".join(x for x in [d.get("symbol") or k, d.get("date") or ""] if x)
        fill = "#23354d" if k == root else ("#2f7d32" if d.get("seen") else "#c07a16")
        out.append(f'<circle cx="{x + 4}" cy="{y}" r="4" fill="{fill}"><title>{escape(k)}</title></circle>'
                   f'<text x="{x + 12}" y="{y + 4}">{escape(label[:34])}</text>')
    out.append("</svg>")
    return "".join(out)
