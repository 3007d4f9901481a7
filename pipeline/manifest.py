"""The batch manifest: `out/manifest.sqlite`, one row per input content (sha256 of its bytes).

A row says what became of the content: `ok`, `partial` (the record carries a `stage-error`
warning) or `failed` (no record; the reason is in errors.jsonl).  Rows are committed only after the
matching line of documents.jsonl (or errors.jsonl) has been flushed and fsynced, so a run killed at
any moment leaves the manifest a subset of what is on disk; `reconcile` adds the rest on restart.
"""
from __future__ import annotations

import json
import os
import re
import sqlite3
from pathlib import Path
from typing import Iterable

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

_ID_RE = re.compile(r'"id":\s*"([^"]+)"')


def record_status(rec: dict) -> str:
    """`partial` when a stage failed on the document (a `stage-error` warning), else `ok`."""
    return "partial" if any(w.get("code") == "stage-error" for w in rec.get("warnings") or []) else "ok"


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
            self.db.executemany("INSERT OR IGNORE INTO duplicates (path, id, first_path) VALUES (?,?,?)", list(duplicates))
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

    # -- crash recovery -----------------------------------------------------------------------

    def reconcile(self, jsonl: Path, errors: Path) -> int:
        """Bring the manifest up to date with what a killed run left on disk.

        Lines of documents.jsonl / errors.jsonl past the offset the manifest last committed are
        scanned: a truncated (or unparsable) last line is cut off, the file is fsynced, and every
        complete line whose id is missing from the manifest is added.  Returns the rows added."""
        added = 0
        for f, kind in ((jsonl, "docs"), (errors, "errors")):
            if not f.exists():
                continue
            size = f.stat().st_size
            start = int(self.meta(f"offset:{kind}", "0") or 0)
            if start > size:            # the file was replaced or cut: scan it all
                start = 0
            rows, good_end = [], start
            with open(f, "rb+") as fh:
                fh.seek(start)
                pos = start
                for line in fh:
                    end = pos + len(line)
                    if not line.endswith(b"\n"):
                        break           # torn write: drop it, the document is processed again
                    try:
                        rec = json.loads(line)
                    except json.JSONDecodeError:
                        break
                    good_end = end
                    pos = end
                    if kind == "docs":
                        rows.append((rec.get("id"), record_status(rec), (rec.get("source") or {}).get("path"), None))
                    elif rec.get("id") and rec.get("stage") not in ("dedupe", "graph", "explorer", "calendar", "tables"):
                        rows.append((rec["id"], "failed", rec.get("file"), None))
                if good_end < size:
                    fh.truncate(good_end)
                    fh.flush()
                    os.fsync(fh.fileno())
            new = [r for r in rows if r[0] and self.status(r[0]) is None]
            self.add(new, meta={f"offset:{kind}": good_end})
            added += len(new)
        return added
