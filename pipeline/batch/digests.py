"""What the graph and explorer steps read of each record, written by the worker that extracted it.

The graph and the explorer read little of a record: its header and citations (with what the graph
reads in the text around them, `graph.citing.digest_text`), the few hundred characters around each
citation and the start of each task (`graph.entries.explorer_entry`).  Decoding every whole record
of documents.jsonl again to get them (36 MB for 481 documents: most of the graph step) is left out:
the worker, which holds the record, writes that digest beside it, one line of `.digests.jsonl` per
record, and the graph step reads those lines instead.  The explorer's tasks of a record (two thirds of
the digests' bytes) follow its JSON as the page writes them (`graph.entries.RawJSON`): the page puts
them in as they are, neither decoded nor encoded again.  Ahead of its JSON, a digest line holds the
record's cut (`record_line`): where in its line lie the items the tables and the calendar read, so that
the process apart decodes those (`slim_records`, half the line's bytes), not the text beside them.

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
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import Any

from pipeline import regexes

DIGESTS = ".digests.jsonl"
_ID = regexes.compile(rb'"id": "([0-9a-f]{64})"')


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


# The items of a record that neither the tables nor the calendar read (of the text, its length only):
# about half the bytes of a line, which the process apart leaves undecoded (`slim_records`).
SLIM_LEFT_OUT = frozenset({"text", "set_aside", "sentences"})


def record_line(rec: dict) -> tuple[bytes, bytes | None]:
    """(the documents.jsonl line of `rec`, `record_json`'s bytes, cleaned as it cleans; its cut: where
    the items that `slim_records` decodes lie in the line, `N:a-b,c-d...:CRC`, N the length of the text
    left out, or -1 where the record has no text to leave out, CRC the CRC-32 of what it decodes).
    The cut is None where `rec` has a key that is no string."""
    from ..export import record_items, record_json
    items = record_items(rec)
    if items is None:
        return record_json(rec).encode("utf-8"), None
    pieces = items
    text = rec.get("text")
    ranges: list[list[int]] = []
    at = 1
    for k, piece in pieces:
        if k not in SLIM_LEFT_OUT or (k == "text" and type(text) is not str):
            if ranges and ranges[-1][1] + 2 == at:
                ranges[-1][1] = at + len(piece)         # (with the ", " before it)
            else:
                ranges.append([at, at + len(piece)])
        at += len(piece) + 2
    n = len(text) if type(text) is str else -1
    line = b"{" + b", ".join(p for _, p in pieces) + b"}"
    return line, b"%d:%s:%d" % (n, b",".join(b"%d-%d" % (a, b) for a, b in ranges),
                                zlib.crc32(_slim_json(line, ranges)))


def _slim_json(line: bytes, ranges) -> bytes:
    return b"{" + b", ".join(line[a:b] for a, b in ranges) + b"}"


def slim_record(line: bytes, cut: bytes) -> dict:
    """The record of `line` without its `SLIM_LEFT_OUT` items, decoded from the parts of the line its
    `cut` (`record_line`) names; a text left out stands as a `SparseText` of its length (none of it
    kept).  ValueError where the cut is not of the line (its CRC-32 is not that of the parts it names)."""
    from .outputs import SparseText
    n, spans, crc = cut.split(b":")
    ranges = [tuple(map(int, span.split(b"-"))) for span in spans.split(b",")] if spans else []
    slim = _slim_json(line, ranges)
    if zlib.crc32(slim) != int(crc):
        raise ValueError("a cut that is not of its line")
    rec = json.loads(slim)
    if int(n) >= 0:
        rec["text"] = SparseText.from_parts(int(n), []) if int(n) else ""
    return rec


def digest_line(rec: dict, line: bytes, cut: bytes | None = None) -> bytes:
    """The line of `.digests.jsonl` (without its end of line) for `rec`, written as `line`: its key,
    a space, its `cut` (`record_line`; `-` where there is none), a space, the JSON of the digest, a
    tab and the explorer's tasks as the page writes them (`graph.entries.RawJSON`; their count,
    length and CRC-32 in the JSON), which the page takes
    as they are (`RawJSON`), neither decoded nor written again (two thirds of the digests' bytes)."""
    from ..graph.entries import compact_json, script_safe
    graph, entry = digests(rec)
    graph = {k: v for k, v in graph.items() if k != "tasks"}
    text = entry["text"]
    tasks = script_safe(compact_json(entry["tasks"])).encode("utf-8")
    entry = {**entry, "text": [len(text), text.parts] if hasattr(text, "parts") else "",
             "tasks": [len(entry["tasks"]), len(tasks), zlib.crc32(tasks)]}
    return (line_key(line) + b" " + (cut or b"-") + b" "
            + json.dumps({"graph": graph, "entry": entry}, ensure_ascii=False).encode("utf-8") + b"\t" + tasks)


def decode_digest(body: bytes, slim: bool) -> tuple[dict, dict]:
    """`digests(rec)` from a digest line after its key (the explorer's text left out when `slim`), its
    tasks a `RawJSON`.  ValueError where the tasks are not whole (a line cut and ended by a later run)
    or missing (a line of an older version)."""
    from ..graph.entries import RawJSON
    from .outputs import SparseText
    body = body.partition(b" ")[2]                  # (the cut, `record_line`, is the process apart's)
    head, tab, tasks = body.partition(b"\t")      # (JSON writes a tab in a string as `\\t`: the first is this one)
    if not tab:
        raise ValueError("a digest without its tasks")
    d = json.loads(head)
    graph, entry = d["graph"], d["entry"]
    n, size, crc = entry["tasks"]
    if len(tasks) != size or zlib.crc32(tasks) != crc:
        raise ValueError("the tasks of a digest are not whole")
    graph["tasks"] = entry["tasks"] = RawJSON(tasks, n)        # (UTF-8 as written: the CRC-32 says so)
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


def _cut_at(f, at: int) -> bytes:
    """The cut (`record_line`) in the digest line that starts at offset `at` of the open digest file `f`."""
    f.seek(at)
    head = f.read(1024).partition(b" ")[2]
    cut, space, _ = head.partition(b" ")
    if not space:
        raise ValueError("no cut")
    return cut


def slim_records(jsonl: Path) -> Iterator[dict]:
    """Each record of documents.jsonl, in the order of their ids, as the tables and the calendar read it: from the
    parts of its line that its digest's cut names (`slim_record`), else decoded whole (a line that is
    no JSON skipped, as `outputs.iter_records` skips it)."""
    for line, dig, at in _lines_and_digests(jsonl):
        rec = None
        if at is not None:
            try:
                rec = slim_record(line, _cut_at(dig, at))
            except ValueError:            # a cut cut by a killed run, a line of an older version
                rec = None
        if rec is None:
            rec = _decoded(line)
        if rec is not None:
            yield rec


def _decoded(line: bytes) -> dict | None:
    """A line of documents.jsonl decoded whole; None for a blank line or one that is no JSON (skipped, as
    `outputs.iter_records` skips it)."""
    if not line.strip():
        return None
    try:
        return json.loads(line.decode("utf-8"))
    except json.JSONDecodeError:
        return None


def _lines_and_digests(jsonl: Path, index: dict[bytes, int] | None = None) -> Iterator[tuple[bytes, Any, int | None]]:
    """Each line of documents.jsonl (without its end of line) in the order of the records' ids (`_in_id_order`), the
    open digest file beside it, and the offset in it of the line's digest (None: the line has none)."""
    path = jsonl.with_name(DIGESTS)
    if index is None:
        index = read_index(path)
    with open(jsonl, "rb") as f, (open(path, "rb") if index else nullcontext()) as dig:
        for line, key in _in_id_order(f):
            yield line, dig, (index.get(key) if key is not None else None)


def _in_id_order(f) -> Iterator[tuple[bytes, bytes | None]]:
    """The lines of the open documents.jsonl `f` (without their ends of line) with their keys (`line_key`), one in
    memory at a time, ordered by the records' ids (a key opens with its id); lines without one after them, in their
    order.  The workers of a batch finish in no set order, and a resumed run appends what an earlier one left: the
    output steps read the records in an order of their own, so that their files are the same whatever the job
    count, the timing, or the interruptions."""
    places: list[tuple[bytes, int, int, bytes | None]] = []     # (sort key, offset, length, line key)
    at = 0
    for line in f:
        key = line_key(line.rstrip(b"\n"))
        places.append((key or b"\xff", at, len(line), key))     # (b"\xff" sorts after any id)
        at += len(line)
    places.sort(key=lambda p: (p[0], p[1]))
    for _, offset, length, key in places:
        f.seek(offset)
        yield f.read(length).rstrip(b"\n"), key


def digested_records(jsonl: Path, slim: bool, index: dict[bytes, int] | None = None
                     ) -> Iterator[tuple[dict, dict]]:
    """`digests(rec)` of each record of documents.jsonl, in the order of their ids: from `.digests.jsonl` beside it
    where it holds the line's digest, else from the line itself (a line that is no JSON is skipped,
    as `outputs.iter_records` skips it).  `slim`: without the explorer's text."""
    from ..graph.citing import digest_text
    from ..graph.entries import explorer_entry
    from .outputs import explorer_record
    for line, dig, at in _lines_and_digests(jsonl, index):
        body = _digest_at(dig, at) if at is not None else None
        if body is not None:
            try:
                got = decode_digest(body, slim)
            except (ValueError, KeyError, TypeError):     # a digest cut by a killed run
                got = None
            if got is not None:
                yield got
                continue
        rec = _decoded(line)
        if rec is None:
            continue
        entry = explorer_entry(explorer_record(rec, slim))
        yield digest_text(rec), entry
