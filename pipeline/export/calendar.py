"""Export task deadlines: an iCalendar file (one VTODO per task deadline) and a tidy table.

Both read records as produced by `Document.to_dict()` (SCHEMA.md), so they work on the JSONL output
of `chithi extract` as well as on documents in memory.

iCalendar mapping (RFC 5545), per deadline kind:
- `date`      DUE = the date;
- `period`    DTSTART = start, DUE = end (an open end `..` gives DTSTART only);
- `recurring` RRULE = the value as is, DTSTART = the document's date (an RRULE needs an anchor);
- `relative`  DUE = `resolved` when known; the ISO duration is kept in X-CHITHI-OFFSET;
- `ongoing`   no date: a VTODO with PRIORITY 1 for urgency words, kept so that nothing is lost.
Every VTODO links back: UID `doc-id/path/index`, X-CHITHI-DOC, X-CHITHI-PATH, X-CHITHI-SYMBOL, and the
bodies as X-CHITHI-BODY (`role: name`); URL is the source path when it is a URL.  SUMMARY is the
start of the task's text, DESCRIPTION that text up to `DESCRIPTION_CHARS` (the record holds it whole),
then the deadline's words, the bodies and the document's symbol.
"""
from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Iterator
from typing import Any

from ..errors import OutputError

PRODID = "-//chithi//deadlines//VI"
SUMMARY_CHARS = 120
# A VTODO's DESCRIPTION holds the task's text up to this many characters (97% of the tasks with a
# deadline in the archive whole): a calendar entry says what is due, the record holds the whole text.
# Unbounded, a long node repeated its text in each of its deadlines' entries (a 485-document batch
# wrote a 29 MB calendar, one entry of 94,000 characters repeated 58 times).
DESCRIPTION_CHARS = 2000


def shorten(text: str, limit: int) -> str:
    """`text` whole, or its first `limit` - 1 characters (trailing space dropped) and `…`.

    >>> shorten("abc def", 10), shorten("abc def", 5)
    ('abc def', 'abc…')
    """
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _date(s: str | None) -> _dt.date | None:
    if not s or s == "..":
        return None
    try:
        return _dt.date.fromisoformat(s[:10])
    except ValueError:
        return None


def _bounds(dl: dict[str, Any]) -> tuple[_dt.date | None, _dt.date | None]:
    """(start, end) of a deadline: the due date for `date`, the interval for `period`,
    the resolved date for `relative`; (None, None) otherwise."""
    kind, value = dl.get("kind"), dl.get("value")
    if kind == "date":
        d = _date(value)
        return d, d
    if kind == "period" and value and "/" in value:
        a, b = value.split("/", 1)
        return _date(a), _date(b)
    if kind == "relative":
        d = _date(dl.get("resolved"))
        return None, d
    return None, None


def _bodies(task: dict[str, Any]) -> list[dict[str, Any]]:
    return list(task.get("bodies") or [])


def _iter(records: Iterable[dict[str, Any]]):
    for rec in records:
        header = rec.get("header") or {}
        for task in rec.get("tasks") or []:
            for i, dl in enumerate(task.get("deadlines") or []):
                yield rec, header, task, i, dl


def to_ics(records: Iterable[dict[str, Any]]) -> str:
    """An iCalendar (VCALENDAR) text with one VTODO per task deadline of `records`."""
    return b"".join(iter_ics(records)).decode("utf-8")


def iter_ics(records: Iterable[dict[str, Any]]) -> Iterator[bytes]:
    """`to_ics` as a stream of bytes, one record at a time: memory does not grow with the records."""
    yield ics_head()
    for rec in records:
        chunk = record_ics(rec)
        if chunk:
            yield chunk
    yield ICS_END


ICS_END = b"END:VCALENDAR\r\n"


def ics_head() -> bytes:
    """The calendar's opening lines (BEGIN:VCALENDAR, VERSION, PRODID), as icalendar writes them."""
    from icalendar import Calendar

    cal = Calendar()
    cal.add("prodid", PRODID)
    cal.add("version", "2.0")
    head = cal.to_ical()
    return head[:-len(ICS_END)] if head.endswith(ICS_END) else head


def record_ics(rec: dict[str, Any]) -> bytes:
    """The VTODOs of one record's task deadlines, folded and encoded (b"" for a record with none).  A
    task's text is made one line and escaped once for all its deadlines (`_task_text`)."""
    out = []
    prepared: tuple[Any, tuple[str, str]] | None = None
    for todo in _iter((rec,)):
        task = todo[2]
        if prepared is None or prepared[0] is not task:
            prepared = (task, _task_text(task))
        out.append(b"\r\n".join([fold_bytes(line.encode("utf-8")) for line in vtodo_lines(*todo, text=prepared[1])])
                   + b"\r\n")
    return b"".join(out)


def _task_text(task: dict[str, Any]) -> tuple[str, str]:
    """(the task's text on one line, that line shortened to `DESCRIPTION_CHARS` and escaped as TEXT):
    the start of each of its deadlines' SUMMARY and DESCRIPTION."""
    text = " ".join((task.get("text") or "").split())
    return text, _text(shorten(text, DESCRIPTION_CHARS))


FOLD_LIMIT = 75     # RFC 5545 3.1: content lines are folded to fewer than 75 octets


def fold_line(line: str) -> str:
    """`line` folded as RFC 5545 says and exactly as icalendar folds it (pieces of at most 74 octets,
    never splitting a UTF-8 sequence, and never ending a piece on the `\\` or `^` of an escape).

    icalendar measures each character's octets one by one, which took most of a batch's calendar step
    on long task texts; this cuts the encoded line at octet offsets instead.

    >>> fold_line("a" * 80) == "a" * 74 + "\\r\\n " + "a" * 6
    True
    """
    return fold_bytes(line.encode("utf-8")).decode("utf-8")


def fold_bytes(data: bytes) -> bytes:
    """`fold_line` of a line encoded in UTF-8 (the pieces are cut and joined without decoding them)."""
    if len(data) < FOLD_LIMIT:
        return data
    pieces, start = [], 0
    while len(data) - start >= FOLD_LIMIT:
        end = start + FOLD_LIMIT - 1
        while data[end] & 0xC0 == 0x80:         # a continuation byte: cut before its character
            end -= 1
        if data[end - 1] in b"\\^" and end - start > 1:
            end -= 1                            # keep an escape with the character it escapes
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


def _text(s: str) -> str:
    """A TEXT value escaped (RFC 5545 3.3.11) exactly as icalendar escapes it, replacements in its order."""
    return (s.replace("\\N", "\n").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _verbatim(name: str, value: Any) -> str:
    """The content line of a value written as it is (an X- property, a URL), as icalendar writes an
    UNKNOWN or URI value: unescaped, so it cannot hold a line break."""
    line = f"{name}:{value}"
    if "\n" in line:
        raise OutputError(f"the calendar property {name} cannot hold a line break: {line[:80]!r}")
    return line


def _ical_date(d: _dt.date) -> str:
    return f"{d.year:04}{d.month:02}{d.day:02}"


def vtodo_lines(rec: dict[str, Any], header: dict[str, Any], task: dict[str, Any], i: int,
                dl: dict[str, Any], *, text: tuple[str, str] | None = None) -> list[str]:
    """The content lines (unfolded) of the VTODO of deadline `i` of `task`, properties in icalendar's
    order (by name) and written as icalendar writes them: the types and escapes are the ones its
    `Todo.add` picks (TEXT escaped, X- properties and URL verbatim, dates as `VALUE=DATE`).
    Building them directly takes a fraction of the time of icalendar's objects, the calendar step's
    main cost on a large batch; tests/test_calendar.py checks the bytes against icalendar's own.
    `text`: `_task_text(task)` when the caller has it already (a task with several deadlines)."""
    from icalendar import vRecur  # imported here: only the export needs it

    doc_id = rec.get("id") or "unknown"
    path = task.get("path") or ""
    doc_date = _date(header.get("date"))
    symbol = header.get("symbol")
    text, escaped = text if text is not None else _task_text(task)
    kind = dl.get("kind")
    bodies = [f"{b.get('role')}: {b.get('canonical') or b.get('name')}" for b in _bodies(task)]
    summary = shorten(text, SUMMARY_CHARS)
    # the DESCRIPTION is the text, a blank line and what follows: escaped apart, as the one-line text holds
    # no line break nor a `\\N` that an escape could join across the blank line
    description = [f"Thời hạn: {dl.get('text')} ({kind}: {dl.get('value')})", *bodies]
    if symbol:
        description.append(f"Văn bản: {symbol} – nhiệm vụ {path}")
    # DTSTAMP is required; the document's date keeps the output reproducible run to run.
    stamp = doc_date or _dt.date(1970, 1, 1)
    lines = ["BEGIN:VTODO", "CATEGORIES:" + _text(kind or "deadline"),
             "DESCRIPTION:" + escaped + "\\n\\n" + _text("\n".join(description)),
             f"DTSTAMP:{_ical_date(stamp)}T000000Z"]
    start, end = _bounds(dl)
    rrule = None
    if kind == "recurring" and dl.get("value"):
        rrule = vRecur.from_ical(dl["value"]).to_ical().decode("utf-8")
        start, end = doc_date, None
    elif kind != "period":
        start = None
    if start:
        lines.append("DTSTART;VALUE=DATE:" + _ical_date(start))
    if end:
        lines.append("DUE;VALUE=DATE:" + _ical_date(end))
    if kind == "ongoing":
        lines.append("PRIORITY:1")
    if rrule is not None:
        lines.append("RRULE:" + rrule)
    lines += ["SUMMARY:" + _text(summary or f"{symbol or doc_id} {path}"), "UID:" + _text(f"{doc_id}/{path}/{i}")]
    src = (rec.get("source") or {}).get("path") or ""
    if src.startswith(("http://", "https://")):
        lines.append(_verbatim("URL", src))
    lines += [_verbatim("X-CHITHI-BODY", b) for b in bodies]
    lines += [_verbatim("X-CHITHI-DOC", doc_id), _verbatim("X-CHITHI-KIND", kind or "")]
    if kind == "relative" and dl.get("value"):
        lines.append(_verbatim("X-CHITHI-OFFSET", dl["value"]))
    lines.append(_verbatim("X-CHITHI-PATH", path))
    if symbol:
        lines.append(_verbatim("X-CHITHI-SYMBOL", symbol))
    lines.append("END:VTODO")
    return lines


ROW_COLUMNS = ("doc_id", "symbol", "path", "task_text", "body", "role", "kind", "text", "value",
               "start", "end", "rule", "inferred", "resolved")


def deadline_rows(records: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """A tidy table: one row per (deadline × body) of every task; `body`/`role` are None for a task
    with no body.  `start`/`end` are ISO dates (None when open or unknown), `rule` the RRULE of a
    recurring deadline.  Loads straight into pandas: `pd.DataFrame(deadline_rows(records))`."""
    rows: list[dict[str, Any]] = []
    for rec, header, task, _i, dl in _iter(records):
        start, end = _bounds(dl)
        if dl.get("kind") == "recurring":
            start = _date(header.get("date"))
        base = {
            "doc_id": rec.get("id"), "symbol": header.get("symbol"), "path": task.get("path"),
            "task_text": task.get("text"), "kind": dl.get("kind"), "text": dl.get("text"),
            "value": dl.get("value"),
            "start": start.isoformat() if start else None, "end": end.isoformat() if end else None,
            "rule": dl.get("value") if dl.get("kind") == "recurring" else None,
            "inferred": bool(dl.get("inferred", False)), "resolved": dl.get("resolved"),
        }
        bodies = _bodies(task) or [None]
        for b in bodies:
            row = dict(base)
            row["body"] = (b.get("canonical") or b.get("name")) if b else None
            row["role"] = b.get("role") if b else None
            rows.append({c: row[c] for c in ROW_COLUMNS})
    return rows
