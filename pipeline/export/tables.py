"""Flat Parquet tables of a batch: documents, tasks, bodies, deadlines, citations.

`write_tables(records, out_dir)` streams records (dicts of SCHEMA.md) into one Parquet file per
table with `pyarrow.parquet.ParquetWriter`, a batch of rows at a time, so memory does not grow with
the archive.  Every column is a scalar (lists are joined with "; "); spans become `start`/`end`.
Rows of the child tables carry `doc_id` (the record's `id`) and, where they hang off a task,
`task_path`.  Read them with pandas, polars or DuckDB:

>>> import tempfile, pandas as pd
>>> d = tempfile.mkdtemp()
>>> rec = {"id": "x1", "source": {"path": "a.txt", "format": "txt"}, "text": "abc",
...        "header": {"symbol": "05/CT-TTg", "issuer": {"name": "Thủ tướng"}},
...        "tasks": [{"path": "1", "level": 1, "span": [0, 3], "text": "abc",
...                   "bodies": [{"name": "Bộ Y tế", "role": "lead", "span": [0, 1]}], "deadlines": []}],
...        "citations": [], "warnings": []}
>>> paths = write_tables([rec], d)
>>> pd.read_parquet(paths["bodies"])[["doc_id", "task_path", "name", "role"]].values.tolist()
[['x1', '1', 'Bộ Y tế', 'lead']]
"""
from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..batch import PARTIAL_CODES
from .outfiles import replace_into

S, N, F, B = pa.string(), pa.int64(), pa.float64(), pa.bool_()

SCHEMAS: dict[str, pa.Schema] = {
    "documents": pa.schema([
        ("id", S), ("path", S), ("format", S), ("pages", N), ("ocr", B), ("ocr_confidence", F),
        ("system", S), ("issuer", S), ("parent_issuer", S), ("doc_type", S), ("doc_type_code", S),
        ("number", S), ("symbol", S), ("date", S), ("year", N), ("place", S), ("title", S),
        ("addressees", S), ("signer", S), ("signer_position", S), ("signer_authority", S),
        ("recipients", S), ("n_tasks", N), ("n_citations", N), ("n_warnings", N), ("warnings", S),
        ("status", S), ("text_chars", N)]),
    "tasks": pa.schema([
        ("doc_id", S), ("path", S), ("label", S), ("level", N), ("parent", S), ("start", N), ("end", N),
        ("text", S), ("n_bodies", N), ("n_deadlines", N)]),
    "bodies": pa.schema([
        ("doc_id", S), ("task_path", S), ("name", S), ("role", S), ("canonical", S), ("inherited", B),
        ("start", N), ("end", N)]),
    "deadlines": pa.schema([
        ("doc_id", S), ("task_path", S), ("text", S), ("kind", S), ("value", S), ("resolved", S),
        ("inferred", B), ("start", N), ("end", N)]),
    "citations": pa.schema([
        ("doc_id", S), ("index", N), ("task_path", S), ("text", S), ("doc_type", S), ("number", S),
        ("symbol", S), ("symbol_as_written", S), ("date", S), ("issuer", S), ("relation", S),
        ("target", S), ("start", N), ("end", N)]),
}


def _s(v: Any) -> str | None:
    if v is None:
        return None
    if isinstance(v, dict):
        return v.get("name") if "name" in v else json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "; ".join(x for x in (_s(i) for i in v) if x) or None
    return str(v)


def _i(v: Any) -> int | None:
    try:
        return int(v) if v is not None and not isinstance(v, bool) else None
    except (TypeError, ValueError):
        return None


def _f(v: Any) -> float | None:
    try:
        return float(v) if v is not None else None
    except (TypeError, ValueError):
        return None


def _b(v: Any) -> bool | None:
    return bool(v) if v is not None else None


def _span(x: dict) -> tuple[int | None, int | None]:
    sp = x.get("span")
    if isinstance(sp, (list, tuple)) and len(sp) == 2:
        return _i(sp[0]), _i(sp[1])
    return None, None


def rows_of(rec: dict) -> dict[str, list[dict]]:
    """The rows one record contributes to each table."""
    src, h = rec.get("source") or {}, rec.get("header") or {}
    rid = rec.get("id")
    signer = h.get("signer") or {}
    warnings = rec.get("warnings") or []
    date = h.get("date")
    year = _i(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None
    out: dict[str, list[dict]] = {k: [] for k in SCHEMAS}
    out["documents"].append({
        "id": rid, "path": _s(src.get("path")), "format": _s(src.get("format")), "pages": _i(src.get("pages")),
        "ocr": _b(src.get("ocr")), "ocr_confidence": _f(src.get("ocr_confidence")),
        "system": _s(h.get("system")), "issuer": _s(h.get("issuer")), "parent_issuer": _s(h.get("parent_issuer")),
        "doc_type": _s(h.get("doc_type")), "doc_type_code": _s(h.get("doc_type_code")), "number": _s(h.get("number")),
        "symbol": _s(h.get("symbol")), "date": _s(date), "year": year, "place": _s(h.get("place")),
        "title": _s(h.get("title")), "addressees": _s(h.get("addressees")),
        "signer": _s(signer.get("name")) if isinstance(signer, dict) else _s(signer),
        "signer_position": _s(signer.get("position")) if isinstance(signer, dict) else None,
        "signer_authority": _s(signer.get("authority")) if isinstance(signer, dict) else None,
        "recipients": _s(h.get("recipients")), "n_tasks": len(rec.get("tasks") or []),
        "n_citations": len(rec.get("citations") or []), "n_warnings": len(warnings),
        "warnings": _s(sorted({w.get("code") for w in warnings if w.get("code")})),
        "status": "partial" if any(w.get("code") in PARTIAL_CODES for w in warnings) else "ok",
        "text_chars": len(rec.get("text") or "")})
    for t in rec.get("tasks") or []:
        st, en = _span(t)
        tp = _s(t.get("path"))
        out["tasks"].append({"doc_id": rid, "path": tp, "label": _s(t.get("label")), "level": _i(t.get("level")),
                             "parent": _s(t.get("parent")), "start": st, "end": en, "text": _s(t.get("text")),
                             "n_bodies": len(t.get("bodies") or []), "n_deadlines": len(t.get("deadlines") or [])})
        for b in t.get("bodies") or []:
            st, en = _span(b)
            out["bodies"].append({"doc_id": rid, "task_path": tp, "name": _s(b.get("name")), "role": _s(b.get("role")),
                                  "canonical": _s(b.get("canonical")), "inherited": _b(b.get("inherited")),
                                  "start": st, "end": en})
        for d in t.get("deadlines") or []:
            st, en = _span(d)
            out["deadlines"].append({"doc_id": rid, "task_path": tp, "text": _s(d.get("text")),
                                     "kind": _s(d.get("kind")),
                                     "value": _s(d.get("value")), "resolved": _s(d.get("resolved")),
                                     "inferred": _b(d.get("inferred")), "start": st, "end": en})
    for n, c in enumerate(rec.get("citations") or []):
        st, en = _span(c)
        out["citations"].append({"doc_id": rid, "index": n, "task_path": _s(c.get("path")), "text": _s(c.get("text")),
                                 "doc_type": _s(c.get("doc_type")), "number": _s(c.get("number")),
                                 "symbol": _s(c.get("symbol")), "symbol_as_written": _s(c.get("symbol_as_written")),
                                 "date": _s(c.get("date")), "issuer": _s(c.get("issuer")),
                                 "relation": _s(c.get("relation")), "target": _s(c.get("target")),
                                 "start": st, "end": en})
    return out


def write_tables(records: Iterable[dict], out_dir: str | Path, *, batch_rows: int = 5000) -> dict[str, Path]:
    """Stream `records` into `out_dir/<table>.parquet`; returns the paths by table name."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = {k: out / f"{k}.parquet" for k in SCHEMAS}
    tmp = {k: p.with_suffix(".parquet.tmp") for k, p in paths.items()}
    writers = {k: pq.ParquetWriter(str(tmp[k]), SCHEMAS[k]) for k in SCHEMAS}
    buf: dict[str, list[dict]] = {k: [] for k in SCHEMAS}

    def flush(k: str) -> None:
        if buf[k]:
            writers[k].write_table(pa.Table.from_pylist(buf[k], schema=SCHEMAS[k]))
            buf[k] = []

    try:
        for rec in records:
            for k, rows in rows_of(rec).items():
                buf[k].extend(rows)
                if len(buf[k]) >= batch_rows:
                    flush(k)
        for k in SCHEMAS:
            flush(k)
    finally:
        for w in writers.values():
            w.close()
    for k in SCHEMAS:
        replace_into(tmp[k], paths[k])     # each table whole or not at all
    return paths
