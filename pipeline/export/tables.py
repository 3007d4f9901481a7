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

import contextlib
import importlib.abc
import json
import sys
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
    if v is None or type(v) is str:
        return v
    if isinstance(v, dict):
        return v.get("name") if "name" in v else json.dumps(v, ensure_ascii=False)
    if isinstance(v, (list, tuple)):
        return "; ".join(x for x in (_s(i) for i in v) if x) or None
    return str(v)


def _i(v: Any) -> int | None:
    if type(v) is int:              # (most values: no conversion to try)
        return v
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
        a, b = sp
        return (a, b) if type(a) is int and type(b) is int else (_i(a), _i(b))
    return None, None


def rows_of(rec: dict) -> dict[str, list[dict]]:
    """The rows one record contributes to each table."""
    rows: dict[str, list[tuple]] = {k: [] for k in SCHEMAS}
    add_record(rows, rec)
    return {k: [dict(zip(SCHEMAS[k].names, row, strict=True)) for row in r] for k, r in rows.items()}


def add_record(rows: dict[str, list[tuple]], rec: dict) -> None:
    """Append the rows of one record to each table's list (`rows[table]`), each row a tuple of the
    schema's columns in order: a table is built from their columns, with no row dict to take apart."""
    src, h = rec.get("source") or {}, rec.get("header") or {}
    rid = rec.get("id")
    signer = h.get("signer") or {}
    warnings = rec.get("warnings") or []
    date = h.get("date")
    tasks = rec.get("tasks") or []
    citations = rec.get("citations") or []
    signed = isinstance(signer, dict)
    rows["documents"].append((
        rid, _s(src.get("path")), _s(src.get("format")), _i(src.get("pages")), _b(src.get("ocr")),
        _f(src.get("ocr_confidence")), _s(h.get("system")), _s(h.get("issuer")), _s(h.get("parent_issuer")),
        _s(h.get("doc_type")), _s(h.get("doc_type_code")), _s(h.get("number")), _s(h.get("symbol")), _s(date),
        _i(date[:4]) if isinstance(date, str) and date[:4].isdigit() else None, _s(h.get("place")),
        _s(h.get("title")), _s(h.get("addressees")), _s(signer.get("name")) if signed else _s(signer),
        _s(signer.get("position")) if signed else None, _s(signer.get("authority")) if signed else None,
        _s(h.get("recipients")), len(tasks), len(citations), len(warnings),
        _s(sorted({w.get("code") for w in warnings if w.get("code")})),
        "partial" if any(w.get("code") in PARTIAL_CODES for w in warnings) else "ok", len(rec.get("text") or "")))
    task_rows, body_rows, deadline_rows = rows["tasks"], rows["bodies"], rows["deadlines"]
    for t in tasks:
        tp = _s(t.get("path"))
        bodies, deadlines = t.get("bodies") or [], t.get("deadlines") or []
        task_rows.append((rid, tp, _s(t.get("label")), _i(t.get("level")), _s(t.get("parent")), *_span(t),
                            _s(t.get("text")), len(bodies), len(deadlines)))
        for b in bodies:
            body_rows.append((rid, tp, _s(b.get("name")), _s(b.get("role")), _s(b.get("canonical")),
                                _b(b.get("inherited")), *_span(b)))
        for d in deadlines:
            deadline_rows.append((rid, tp, _s(d.get("text")), _s(d.get("kind")), _s(d.get("value")),
                                    _s(d.get("resolved")), _b(d.get("inferred")), *_span(d)))
    for n, c in enumerate(citations):
        rows["citations"].append((
            rid, n, _s(c.get("path")), _s(c.get("text")), _s(c.get("doc_type")), _s(c.get("number")),
            _s(c.get("symbol")), _s(c.get("symbol_as_written")), _s(c.get("date")), _s(c.get("issuer")),
            _s(c.get("relation")), _s(c.get("target")), *_span(c)))


class TableWriter:
    """`write_tables` one record at a time: `add(rec)` for each, then `close()` (the paths by table);
    `abort()` drops the unfinished files."""

    def __init__(self, out_dir: str | Path, *, batch_rows: int = 5000) -> None:
        out = Path(out_dir)
        out.mkdir(parents=True, exist_ok=True)
        self.paths = {k: out / f"{k}.parquet" for k in SCHEMAS}
        self.tmp = {k: p.with_suffix(".parquet.tmp") for k, p in self.paths.items()}
        self.batch_rows = batch_rows
        self.writers: dict[str, pq.ParquetWriter] = {}
        try:
            for k in SCHEMAS:
                self.writers[k] = pq.ParquetWriter(str(self.tmp[k]), SCHEMAS[k])
        except BaseException:
            self.abort()
            raise
        self.rows: dict[str, list[tuple]] = {k: [] for k in SCHEMAS}

    def _flush(self, k: str) -> None:
        rows = self.rows[k]
        if rows:
            schema = SCHEMAS[k]
            columns = zip(*rows, strict=True)
            self.writers[k].write_table(pa.Table.from_pydict(dict(zip(schema.names, map(list, columns), strict=True)),
                                                             schema=schema))
            self.rows[k] = []

    def add(self, rec: dict) -> None:
        """The rows of one record; a table's buffer is written as a row group at `batch_rows` rows."""
        add_record(self.rows, rec)
        for k, rows in self.rows.items():
            if len(rows) >= self.batch_rows:
                self._flush(k)

    def close(self) -> dict[str, Path]:
        """Write what is buffered, close the files and rename each into place (whole or not at all)."""
        try:
            for k in SCHEMAS:
                self._flush(k)
        finally:
            for w in self.writers.values():
                w.close()
        for k in SCHEMAS:
            replace_into(self.tmp[k], self.paths[k])
        return self.paths

    def abort(self) -> None:
        """Close and remove the unfinished files (the previous tables, if any, stay)."""
        for k, w in self.writers.items():
            with contextlib.suppress(Exception):
                w.close()
            self.tmp[k].unlink(missing_ok=True)


class _RefusePandas(importlib.abc.MetaPathFinder):
    """An import finder that answers that pandas is not installed."""

    def find_spec(self, name, path=None, target=None):
        if name.partition(".")[0] == "pandas":
            raise ModuleNotFoundError(f"No module named {name!r} (left out of this process)", name=name)
        return None


def refuse_pandas() -> None:
    """For a process that writes the tables and uses no pandas (the output process apart of a batch): pyarrow
    imports pandas the first time it converts a list of Python values, only to ask whether the list is a pandas
    object, 0.15 s of CPU and 40 MB, which a batch on two cores pays while its workers extract.  Where pandas is
    not loaded yet, this process is told it is not installed, as pyarrow allows; the tables are the same."""
    if "pandas" not in sys.modules and not any(isinstance(f, _RefusePandas) for f in sys.meta_path):
        sys.meta_path.insert(0, _RefusePandas())


def warm_up(without_pandas: bool = False) -> None:
    """Write one row of each table into memory: Arrow's first Parquet write sets up what every later
    one uses, which a batch does while its documents are extracted; `without_pandas`: in a process that
    never loads pandas (`refuse_pandas`), where that write costs 6 ms instead of 0.15 s."""
    if without_pandas:
        refuse_pandas()
    for schema in SCHEMAS.values():
        with pq.ParquetWriter(pa.BufferOutputStream(), schema) as w:
            w.write_table(pa.Table.from_pydict({name: [None] for name in schema.names}, schema=schema))


def write_tables(records: Iterable[dict], out_dir: str | Path, *, batch_rows: int = 5000) -> dict[str, Path]:
    """Stream `records` into `out_dir/<table>.parquet`; returns the paths by table name."""
    writer = TableWriter(out_dir, batch_rows=batch_rows)
    try:
        for rec in records:
            writer.add(rec)
        return writer.close()
    except BaseException:
        writer.abort()
        raise
