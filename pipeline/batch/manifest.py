"""The batch manifest: `out/manifest.sqlite`, one row per input content (sha256 of its bytes).

A row says what became of the content: `ok`, `partial` (the record carries a `stage-error`
warning) or `failed` (no record; the reason is in errors.jsonl).  Rows are committed only after the
matching line of documents.jsonl (or errors.jsonl) has been flushed and fsynced, so a run killed at
any moment leaves the manifest a subset of what is on disk.  `reconcile`, at the start of every run,
makes it exactly what is on disk: lines damaged, cut or deleted since are extracted again, never lost.
"""
from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .. import regexes
from ..model import partial_codes

SCHEMA = """
CREATE TABLE IF NOT EXISTS docs (
    id TEXT PRIMARY KEY,          -- sha256 of the input bytes (or 'unread:...' for inputs never read)
    status TEXT NOT NULL,         -- ok | partial | failed
    path TEXT,
    seconds REAL,                 -- extraction time in the worker
    finished REAL                 -- unix time the row was written
);
CREATE TABLE IF NOT EXISTS duplicates (path TEXT PRIMARY KEY, id TEXT NOT NULL, first_path TEXT);
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT);
"""


PARTIAL_CODES = partial_codes()  # from the catalogue, models/diagnostics.toml


def record_status(rec: dict) -> str:
    """`partial` when a stage failed on the document (a `stage-error` warning) or pages of it could
    not be read (`pages-lost`), else `ok`."""
    return "partial" if any(w.get("code") in PARTIAL_CODES for w in rec.get("warnings") or []) else "ok"


class Manifest:
    """SQLite manifest of a batch output folder.

    >>> import tempfile, pathlib
    >>> m = Manifest(pathlib.Path(tempfile.mkdtemp()) / "manifest.sqlite")
    >>> m.add([("abc", "ok", "a.txt", 0.1)]); m.status("abc"), m.status("zzz")
    ('ok', None)
    """

    def __init__(self, path: str | Path):
        self.path = Path(path)
        self.db = sqlite3.connect(str(self.path))
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=FULL")
        self.db.executescript(SCHEMA)
        self.db.commit()

    def close(self) -> None:
        self.db.close()

    def status(self, key: str) -> str | None:
        row = self.db.execute("SELECT status FROM docs WHERE id=?", (key,)).fetchone()
        return row[0] if row else None

    def path_of(self, key: str) -> str | None:
        row = self.db.execute("SELECT path FROM docs WHERE id=?", (key,)).fetchone()
        return row[0] if row else None

    def add(self, rows: Iterable[tuple], *, duplicates: Iterable[tuple] = (), meta: dict | None = None) -> None:
        """Insert rows `(id, status, path, seconds)` and duplicates `(path, id, first_path)` in one transaction."""
        import time
        now = time.time()
        with self.db:
            self.db.executemany("INSERT OR REPLACE INTO docs (id, status, path, seconds, finished) VALUES (?,?,?,?,?)",
                                [(r[0], r[1], r[2], r[3], now) for r in rows])
            self.db.executemany("INSERT OR IGNORE INTO duplicates (path, id, first_path) VALUES (?,?,?)",
                                list(duplicates))
            for k, v in (meta or {}).items():
                self.db.execute("INSERT OR REPLACE INTO meta (key, value) VALUES (?,?)", (k, str(v)))

    def is_duplicate_known(self, path: str) -> bool:
        return self.db.execute("SELECT 1 FROM duplicates WHERE path=?", (path,)).fetchone() is not None

    def meta(self, key: str, default: str | None = None) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key=?", (key,)).fetchone()
        return row[0] if row else default

    def counts(self) -> dict[str, int]:
        out = {"ok": 0, "partial": 0, "failed": 0}
        for status, n in self.db.execute("SELECT status, count(*) FROM docs GROUP BY status"):
            out[status] = n
        out["duplicates"] = self.db.execute("SELECT count(*) FROM duplicates").fetchone()[0]
        return out

    # -- crash recovery and repair ------------------------------------------------------------

    def rows(self) -> Iterable[tuple[str, str]]:
        return self.db.execute("SELECT id, status FROM docs").fetchall()

    def forget(self, ids: Iterable[str]) -> None:
        with self.db:
            self.db.executemany("DELETE FROM docs WHERE id=?", [(i,) for i in ids])

    def reconcile(self, jsonl: Path, errors: Path, quarantine: Path | None = None) -> dict[str, int]:
        """Make the manifest say exactly what is on disk, before a run adds to it.

        Every line of documents.jsonl and errors.jsonl is read: a line that is not a whole, valid
        record (torn, damaged, a second copy of an id) is moved to `quarantine` (one JSON line
        naming the file, line number and reason, with the line's text) and the file is rewritten
        without it.  A document the manifest calls done whose record (or, for a failed one, whose
        error line) is not on disk is forgotten, so this run extracts it again; a record or error
        line on disk that the manifest lacks (a run killed before its commit) is added.
        Returns counts: `quarantined`, `forgotten`, `added`."""
        quarantine = quarantine or jsonl.with_name("quarantine.jsonl")
        doc_ids, bad_docs = _scan(jsonl, _valid_record, quarantine)
        err_ids, bad_errs = _scan(errors, _valid_error, quarantine)
        forgotten = []
        for key, status in self.rows():
            if key in doc_ids:
                continue
            if status in ("ok", "partial") or key not in err_ids:
                forgotten.append(key)
        self.forget(forgotten)
        new = [(k, st, path, None) for k, (st, path) in doc_ids.items() if self.status(k) is None]
        gone = set(forgotten)
        new += [(k, "failed", path, None) for k, path in err_ids.items()
                if k not in doc_ids and k not in gone and self.status(k) is None]
        self.add(new)
        return {"quarantined": bad_docs + bad_errs, "forgotten": len(forgotten), "added": len(new)}


_ID = regexes.compile(r"[0-9a-f]{64}")
_OUTPUT_STAGES = ("dedupe", "graph", "explorer", "calendar", "tables")


def _valid_record(rec: object) -> tuple[str, tuple] | str:
    """(id, (status, path)) of a documents.jsonl record, or why it is not one."""
    if not isinstance(rec, dict) or not isinstance(rec.get("id"), str) or not _ID.fullmatch(rec["id"]):
        return "no valid record id (the sha256 of the input)"
    if not isinstance(rec.get("text"), str) or not isinstance(rec.get("source"), dict):
        return "not a whole record (no text or source)"
    return rec["id"], (record_status(rec), rec["source"].get("path"))


def _valid_error(rec: object) -> tuple[str | None, str | None] | str:
    """(id or None, path) of an errors.jsonl line, or why it is not one; only the errors of
    documents (not of output steps or duplicates) give an id the manifest must know."""
    if not isinstance(rec, dict) or not isinstance(rec.get("stage"), str) or "file" not in rec:
        return "not an error line (no file or stage)"
    key = rec.get("id") if rec["stage"] not in _OUTPUT_STAGES else None
    return (key if isinstance(key, str) and key else None), rec.get("file")


def _scan(f: Path, check, quarantine: Path) -> tuple[dict[str, Any], int]:
    """Read the JSON lines of `f`: {id: value} of the valid ones; the others (and second copies of
    an id) appended to `quarantine` and cut out of `f` (rewritten under a temporary name)."""
    found: dict[str, Any] = {}
    bad: list[tuple[int, str, bytes]] = []
    if not f.exists():
        return found, 0
    with open(f, "rb") as fh:
        for n, line in enumerate(fh, 1):
            why = None
            if not line.endswith(b"\n"):
                why = "torn line (no end of line): the run writing it was stopped"
            else:
                try:
                    got = check(json.loads(line))
                except ValueError as e:      # JSON errors and undecodable bytes
                    got = f"not valid JSON ({e})"
                if isinstance(got, str):
                    why = got
                elif got[0] is not None and got[0] in found and check is _valid_record:
                    why = "second copy of a record already in the file"
                elif got[0] is not None:
                    found.setdefault(got[0], got[1])
            if why is not None:
                bad.append((n, why, line))
    if bad:
        _quarantine(f, bad, quarantine)
    return found, len(bad)


def _quarantine(f: Path, bad: list[tuple[int, str, bytes]], quarantine: Path) -> None:
    with open(quarantine, "ab") as q:
        for n, why, line in bad:
            q.write(json.dumps({"file": f.name, "line": n, "reason": why,
                                "text": line.decode("utf-8", "replace").rstrip("\n")},
                               ensure_ascii=False).encode("utf-8") + b"\n")
        q.flush()
        os.fsync(q.fileno())
    drop = {n for n, _, _ in bad}
    tmp = f.with_name(f".{f.name}.repair.tmp")
    with open(f, "rb") as src, open(tmp, "wb") as dst:
        for n, line in enumerate(src, 1):
            if n not in drop:
                dst.write(line)
        dst.flush()
        os.fsync(dst.fileno())
    os.replace(tmp, f)
