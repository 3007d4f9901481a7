"""What the graph and explorer steps read of each record, written by the worker that extracted it.

The graph and the explorer read little of a record: its header and citations (with what the graph
reads in the text around them, `graph.citing.digest_text`), the few hundred characters around each
citation and the start of each task (`graph.entries.explorer_entry`).  Decoding every whole record
of documents.jsonl again to get them (36 MB for 481 documents: most of the graph step) is left out:
the worker, which holds the record, writes that digest beside it, one line of `.digests.jsonl` per
record, and the graph step reads those lines instead.  The explorer's tasks of a record (two thirds of
the digests' bytes) follow its JSON as the page writes them (`graph.entries.RawJSON`): the page puts
them in as they are, neither decoded nor encoded again.

A digest line starts with the key of its record's line in documents.jsonl (the record's id, the
CRC-32 and the length of the line), so a digest is used only for the very line it was made of.  A
line of documents.jsonl without one (the digest file damaged or removed, a line from an older run,
a run killed between the two writes) is decoded and digested here instead: the outputs are the same
either way, and the digest file needs no repair (`Manifest.reconcile` leaves it alone).

>>> rec = {"id": "a" * 64, "text": "Thực hiện Chỉ thị số 05/CT-TTg.", "header": {},
...        "citations": [{"text": "Chỉ thị số 05/CT-TTg", "span": [10, 30], "symbol": "05/CT-TTg"}], "tasks": []}
>>> line = b'{"id": "' + b"a" * 64 + b'", "x": 1}'
>>> key, body = digest_line(rec, line).split(b" ", 1)
>>> key == line_key(line)
True
>>> graph, entry = decode_digest(body, slim=False)
>>> graph["citations"][0]["sentence_text"] is None, entry["text"][10:30]
(True, 'Chỉ thị số 05/CT-TTg')
"""
from __future__ import annotations

import json
import re
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

DIGESTS = ".digests.jsonl"
_ID = re.compile(rb'"id": "([0-9a-f]{64})"')


def line_key(line: bytes) -> bytes | None:
    """The key of a documents.jsonl line (without its end of line): `id:crc32:length`; None when the
    record's id is not among its first 200 bytes (no digest can be its)."""
    m = _ID.search(line, 0, 200)
    return b"%s:%d:%d" % (m.group(1), zlib.crc32(line), len(line)) if m else None


def digests(rec: dict) -> tuple[dict, dict]:
    """(what the graph reads of `rec`, what the explorer reads of it): `digest_text(rec)` with its
    tasks the explorer's (the graph counts them only), and `explorer_entry` of `rec` with its text
    reduced to the parts around its citations (`outputs.SparseText`)."""
    from ..graph.citing import digest_text
    from ..graph.entries import explorer_entry
    from .outputs import explorer_record
    entry = explorer_entry(explorer_record(rec, False))
    graph = digest_text(rec)
    graph["tasks"] = entry["tasks"]
    return graph, entry


def digest_line(rec: dict, line: bytes) -> bytes:
    """The line of `.digests.jsonl` (without its end of line) for `rec`, written as `line`: its key,
    a space, the JSON of the digest, a tab and the explorer's tasks as the page writes them
    (`graph.entries.RawJSON`; their count, length and CRC-32 in the JSON), which the page takes
    as they are (`RawJSON`), neither decoded nor written again (two thirds of the digests' bytes)."""
    from ..graph.entries import compact_json, script_safe
    graph, entry = digests(rec)
    graph = {k: v for k, v in graph.items() if k != "tasks"}
    text = entry["text"]
    tasks = script_safe(compact_json(entry["tasks"])).encode("utf-8")
    entry = {**entry, "text": [len(text), text.parts] if hasattr(text, "parts") else "",
             "tasks": [len(entry["tasks"]), len(tasks), zlib.crc32(tasks)]}
    return (line_key(line) + b" " + json.dumps({"graph": graph, "entry": entry}, ensure_ascii=False).encode("utf-8")
            + b"\t" + tasks)


def decode_digest(body: bytes, slim: bool) -> tuple[dict, dict]:
    """`digests(rec)` from a digest line after its key (the explorer's text left out when `slim`), its
    tasks a `RawJSON`.  ValueError where the tasks are not whole (a line cut and ended by a later run)
    or missing (a line of an older version)."""
    from ..graph.entries import RawJSON
    from .outputs import SparseText
    head, tab, tasks = body.partition(b"\t")      # (JSON writes a tab in a string as `\\t`: the first is this one)
    if not tab:
        raise ValueError("a digest without its tasks")
    d = json.loads(head)
    graph, entry = d["graph"], d["entry"]
    n, size, crc = entry["tasks"]
    if len(tasks) != size or zlib.crc32(tasks) != crc:
        raise ValueError("the tasks of a digest are not whole")
    graph["tasks"] = entry["tasks"] = RawJSON(tasks.decode("utf-8"), n)
    text = entry["text"]
    entry["text"] = None if slim else SparseText.from_parts(*text) if isinstance(text, list) else text
    return graph, entry


def read_index(path: Path) -> dict[bytes, int]:
    """Where each digest line of `path` starts, by its key (a cut last line left out): offsets, not the
    digests, so the index stays small however large the archive (about 100 bytes a record)."""
    index: dict[bytes, int] = {}
    try:
        f = open(path, "rb")
    except FileNotFoundError:
        return index
    with f:
        at = 0
        for line in f:
            if line.endswith(b"\n"):
                index[line.partition(b" ")[0]] = at
            at += len(line)
    return index


def _digest_at(f, at: int) -> bytes:
    """The body of the digest line that starts at offset `at` of the open digest file `f`."""
    f.seek(at)
    return f.readline().rstrip(b"\n").partition(b" ")[2]


def digested_records(jsonl: Path, slim: bool, index: dict[bytes, bytes] | None = None
                     ) -> Iterator[tuple[dict, dict]]:
    """`digests(rec)` of each record of documents.jsonl, in its order: from `.digests.jsonl` beside it
    where it holds the line's digest, else from the line itself (a line that is no JSON is skipped,
    as `outputs.iter_records` skips it).  `slim`: without the explorer's text."""
    from ..graph.citing import digest_text
    from ..graph.entries import explorer_entry
    from .outputs import explorer_record
    path = jsonl.with_name(DIGESTS)
    if index is None:
        index = read_index(path)
    with open(jsonl, "rb") as f, (open(path, "rb") if index else nullcontext()) as dig:
        for line in f:
            line = line.rstrip(b"\n")
            key = line_key(line)
            at = index.get(key) if key is not None else None
            body = _digest_at(dig, at) if at is not None else None
            if body is not None:
                try:
                    got = decode_digest(body, slim)
                except (ValueError, KeyError, TypeError):     # a digest cut by a killed run
                    got = None
                if got is not None:
                    yield got
                    continue
            if not line.strip():
                continue
            try:
                rec = json.loads(line.decode("utf-8"))
            except json.JSONDecodeError:
                continue
            entry = explorer_entry(explorer_record(rec, slim))
            yield digest_text(rec), entry
