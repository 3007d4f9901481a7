"""Export of deadlines: iCalendar (parsed back with the real `icalendar`) and the tidy table."""
from __future__ import annotations

import datetime as dt

import pytest
from icalendar import Calendar, vRecur

from pipeline.deadlines import deadlines_stage
from pipeline.export.calendar import ROW_COLUMNS, deadline_rows, to_ics
from pipeline.model import Body, Document, Header, Source, Task

RULES = ["FREQ=YEARLY", "FREQ=MONTHLY;INTERVAL=3", "FREQ=MONTHLY;BYMONTHDAY=10",
         "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15", "FREQ=MONTHLY;BYDAY=-1FR", "FREQ=WEEKLY;BYDAY=MO",
         "FREQ=YEARLY;BYMONTH=6,12", "FREQ=MONTHLY;INTERVAL=6"]


def _record(deadlines, bodies=None, date="2023-05-10", path="2.1"):
    return {
        "schema_version": "1", "id": "doc123", "source": {"path": "ct-08.txt", "format": "txt"},
        "text": "...",
        "header": {"symbol": "08-CT/TU", "date": date},
        "tasks": [{"path": path, "label": "-", "level": 2, "parent": "2", "span": [0, 10],
                   "text": "Chỉ đạo các cơ quan, đơn vị báo cáo kết quả thực hiện",
                   "bodies": bodies if bodies is not None else [
                       {"name": "Ủy ban nhân dân tỉnh", "role": "lead", "span": [0, 1],
                        "canonical": "UBND tỉnh Tiền Giang", "inherited": False},
                       {"name": "Sở Tài chính", "role": "coordinate", "span": [0, 1], "canonical": None,
                        "inherited": False}],
                   "deadlines": deadlines}],
        "citations": [], "aliases": [], "warnings": [],
    }


# every kind of deadline, open and unknown bounds, and values icalendar cannot read as dates
ODD_DEADLINES = [("date", "2024-06-15", None), ("period", "2024-01-01/2024-03-31", None),
                 ("period", "2024-01-01/..", None), ("period", "../2024-03-31", None),
                 ("recurring", "FREQ=MONTHLY;BYMONTHDAY=10", None),
                 ("recurring", None, None), ("relative", "P30D", "2024-07-01"), ("relative", "P1M", None),
                 ("ongoing", None, None), (None, None, None), ("date", "2024-02-30", None)]


def _todos(ics):
    cal = Calendar.from_ical(ics)
    return list(cal.walk("VTODO"))


@pytest.mark.parametrize("rule", RULES)
def test_rrule_round_trips(rule):
    rec = _record([{"text": "x", "span": [0, 1], "kind": "recurring", "value": rule}])
    (todo,) = _todos(to_ics([rec]))
    out = todo["RRULE"]
    assert out == vRecur.from_ical(rule)
    # and read back as text, it parses to the same rule again
    assert vRecur.from_ical(out.to_ical().decode()) == vRecur.from_ical(rule)
    assert todo["DTSTART"].dt == dt.date(2023, 5, 10)


def _grammar_rrules():
    from pipeline.deadlines.stage import load_grammar
    return sorted({ex["value"] for r in load_grammar().rules for ex in r.examples if ex["kind"] == "recurring"})


@pytest.mark.parametrize("rule", _grammar_rrules())
def test_every_rrule_the_grammar_gives_round_trips(rule):
    # Every RRULE form the grammar can produce (its examples: BYMONTH lists, INTERVAL, BYMONTHDAY ...)
    # is a valid iCalendar rule and reads back the same.
    rec = _record([{"text": "x", "span": [0, 1], "kind": "recurring", "value": rule}])
    (todo,) = _todos(to_ics([rec]))
    assert todo["RRULE"] == vRecur.from_ical(rule)
    assert vRecur.from_ical(todo["RRULE"].to_ical().decode()) == vRecur.from_ical(rule)


def test_one_vtodo_per_deadline_with_links():
    rec = _record([
        {"text": "trước ngày 30/6/2023", "span": [0, 1], "kind": "date", "value": "2023-06-30"},
        {"text": "quý II/2024", "span": [0, 1], "kind": "period", "value": "2024-04-01/2024-06-30"},
        {"text": "từ năm 2025", "span": [0, 1], "kind": "period", "value": "2025-01-01/.."},
        {"text": "trong thời hạn 30 ngày kể từ ngày ký", "span": [0, 1], "kind": "relative", "value": "P30D",
         "resolved": "2023-06-09"},
        {"text": "thường xuyên", "span": [0, 1], "kind": "ongoing", "value": None},
    ])
    todos = _todos(to_ics([rec]))
    assert len(todos) == 5
    assert [str(t["UID"]) for t in todos] == [f"doc123/2.1/{i}" for i in range(5)]
    date, period, open_, rel, ongoing = todos
    assert date["DUE"].dt == dt.date(2023, 6, 30)
    assert (period["DTSTART"].dt, period["DUE"].dt) == (dt.date(2024, 4, 1), dt.date(2024, 6, 30))
    assert open_["DTSTART"].dt == dt.date(2025, 1, 1) and "DUE" not in open_
    assert rel["DUE"].dt == dt.date(2023, 6, 9) and str(rel["X-CHITHI-OFFSET"]) == "P30D"
    assert "DUE" not in ongoing and "DTSTART" not in ongoing
    for t in todos:
        assert str(t["X-CHITHI-DOC"]) == "doc123"
        assert str(t["X-CHITHI-PATH"]) == "2.1"
        assert str(t["X-CHITHI-SYMBOL"]) == "08-CT/TU"
        assert str(t["SUMMARY"]).startswith("Chỉ đạo các cơ quan")
        assert "UBND tỉnh Tiền Giang" in str(t["DESCRIPTION"])
        bodies = t["X-CHITHI-BODY"]
        assert [str(b) for b in bodies] == ["lead: UBND tỉnh Tiền Giang", "coordinate: Sở Tài chính"]


def test_a_long_task_text_is_shortened_in_each_entry_and_whole_in_the_record():
    from pipeline.export.calendar import DESCRIPTION_CHARS
    rec = _record([{"text": "trước ngày 30/6/2023", "span": [0, 1], "kind": "date", "value": "2023-06-30"},
                   {"text": "quý II/2024", "span": [0, 1], "kind": "period", "value": "2024-04-01/2024-06-30"}])
    long_text = "Sở Tài chính rà soát, tổng hợp kinh phí; " * 200
    rec["tasks"][0]["text"] = long_text
    todos = _todos(to_ics([rec]))
    assert len(todos) == 2 and rec["tasks"][0]["text"] == long_text
    for t in todos:
        text, _, rest = str(t["DESCRIPTION"]).partition("\n\n")
        assert len(text) <= DESCRIPTION_CHARS and len(text) > DESCRIPTION_CHARS - 10 and text.endswith("…")
        assert long_text.startswith(text[:-1]) and "Thời hạn:" in rest
        assert str(t["SUMMARY"]).endswith("…") and len(str(t["SUMMARY"])) <= 120


def test_ics_is_well_formed_and_reproducible():
    rec = _record([{"text": "hằng năm", "span": [0, 1], "kind": "recurring", "value": "FREQ=YEARLY"}])
    a, b = to_ics([rec]), to_ics([rec])
    assert a == b
    assert a.startswith("BEGIN:VCALENDAR") and a.rstrip().endswith("END:VCALENDAR")
    cal = Calendar.from_ical(a)
    assert str(cal["VERSION"]) == "2.0"
    assert to_ics([]).startswith("BEGIN:VCALENDAR")


def test_rows_one_per_deadline_and_body():
    rec = _record([
        {"text": "trước ngày 30/6/2023", "span": [0, 1], "kind": "date", "value": "2023-06-30"},
        {"text": "hằng quý", "span": [0, 1], "kind": "recurring", "value": "FREQ=MONTHLY;INTERVAL=3"},
    ])
    rows = deadline_rows([rec])
    assert len(rows) == 4
    assert all(tuple(r) == ROW_COLUMNS for r in rows)
    assert [(r["body"], r["role"], r["kind"]) for r in rows] == [
        ("UBND tỉnh Tiền Giang", "lead", "date"), ("Sở Tài chính", "coordinate", "date"),
        ("UBND tỉnh Tiền Giang", "lead", "recurring"), ("Sở Tài chính", "coordinate", "recurring")]
    assert (rows[0]["start"], rows[0]["end"], rows[0]["rule"]) == ("2023-06-30", "2023-06-30", None)
    assert rows[2]["rule"] == "FREQ=MONTHLY;INTERVAL=3" and rows[2]["start"] == "2023-05-10"
    assert rows[0]["doc_id"] == "doc123" and rows[0]["symbol"] == "08-CT/TU" and rows[0]["path"] == "2.1"


def test_rows_without_body_and_open_period():
    rec = _record([{"text": "từ năm 2025", "span": [0, 1], "kind": "period", "value": "2025-01-01/.."}], bodies=[])
    (row,) = deadline_rows([rec])
    assert row["body"] is None and row["role"] is None
    assert (row["start"], row["end"]) == ("2025-01-01", None)


def test_rows_load_into_pandas():
    import pandas as pd

    rec = _record([{"text": "kịp thời", "span": [0, 1], "kind": "ongoing", "value": None}])
    df = pd.DataFrame(deadline_rows([rec, rec]))
    assert list(df.columns) == list(ROW_COLUMNS)
    assert len(df) == 4


def test_export_from_pipeline_document():
    text = "1. Sở Nội vụ báo cáo trước ngày 15/6 và 15/12 hằng năm; hoàn thành trong quý II/2024."
    doc = Document(id="d1", source=Source(path="x.txt", format="txt"), text=text, header=Header(date="2024-03-01"))
    doc.tasks = [Task("1", "1.", 1, None, (0, len(text)), text,
                      bodies=[Body("Sở Nội vụ", "lead", (3, 12))])]
    deadlines_stage(doc)
    rec = doc.to_dict()
    todos = _todos(to_ics([rec]))
    assert len(todos) == 2
    assert todos[0]["RRULE"] == vRecur.from_ical("FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15")
    assert todos[1]["DUE"].dt == dt.date(2024, 6, 30)
    rows = deadline_rows([rec])
    assert [(r["body"], r["kind"]) for r in rows] == [("Sở Nội vụ", "recurring"), ("Sở Nội vụ", "period")]


def _icalendar_todos(records):
    """The VTODOs as icalendar's own objects build them: the reference the fast writer must match."""
    from icalendar import Todo

    from pipeline.export.calendar import DESCRIPTION_CHARS, SUMMARY_CHARS, _bodies, _bounds, _date, _iter, shorten

    for rec, header, task, i, dl in _iter(records):
        doc_id = rec.get("id") or "unknown"
        path = task.get("path") or ""
        doc_date = _date(header.get("date"))
        text = " ".join((task.get("text") or "").split())
        todo = Todo()
        todo.add("uid", f"{doc_id}/{path}/{i}")
        # DTSTAMP is required; the document's date keeps the output reproducible run to run.
        stamp = doc_date or dt.date(1970, 1, 1)
        todo.add("dtstamp", dt.datetime(stamp.year, stamp.month, stamp.day, tzinfo=dt.UTC))
        summary = text if len(text) <= SUMMARY_CHARS else text[:SUMMARY_CHARS - 1].rstrip() + "…"
        todo.add("summary", summary or f"{header.get('symbol') or doc_id} {path}")
        due = f"Thời hạn: {dl.get('text')} ({dl.get('kind')}: {dl.get('value')})"
        lines = [shorten(text, DESCRIPTION_CHARS), "", due]
        for b in _bodies(task):
            lines.append(f"{b.get('role')}: {b.get('canonical') or b.get('name')}")
        if header.get("symbol"):
            lines.append(f"Văn bản: {header.get('symbol')} – nhiệm vụ {path}")
        todo.add("description", "\n".join(lines))
        todo.add("categories", [dl.get("kind") or "deadline"])
        kind = dl.get("kind")
        start, end = _bounds(dl)
        if kind == "recurring" and dl.get("value"):
            todo.add("rrule", vRecur.from_ical(dl["value"]))
            if doc_date:
                todo.add("dtstart", doc_date)
        else:
            if kind == "period" and start:
                todo.add("dtstart", start)
            if end:
                todo.add("due", end)
        if kind == "relative" and dl.get("value"):
            todo.add("x-chithi-offset", dl["value"])
        if kind == "ongoing":
            todo.add("priority", 1)
        todo.add("x-chithi-kind", kind or "")
        todo.add("x-chithi-doc", doc_id)
        todo.add("x-chithi-path", path)
        if header.get("symbol"):
            todo.add("x-chithi-symbol", header["symbol"])
        for b in _bodies(task):
            todo.add("x-chithi-body", f"{b.get('role')}: {b.get('canonical') or b.get('name')}")
        src = (rec.get("source") or {}).get("path") or ""
        if src.startswith(("http://", "https://")):
            todo.add("url", src)
        yield todo


def test_fast_folding_writes_what_icalendar_writes():
    """The calendar writes and folds its lines itself (icalendar's objects and folding dominated a
    batch's calendar step); the file must be the one icalendar's own serialization gives, on real
    records, on records with every kind of deadline and the characters TEXT escapes, and on odd strings."""
    import json
    import random
    from pathlib import Path

    from icalendar.parser import _foldline

    from pipeline.export.calendar import fold_line, iter_ics

    golden = Path(__file__).resolve().parent / "golden" / "sample.jsonl"
    records = [json.loads(line) for line in golden.read_text(encoding="utf-8").splitlines()]
    records += [_record([{"text": "t\\N;,\n", "kind": k, "value": v, "resolved": r} for k, v, r in ODD_DEADLINES],
                        bodies=[{"role": "lead", "name": "Sở A, B; C\\"}], path="2;1,a"),
                {"id": "x,y", "source": {"path": "https://x.vn/a,b;c"}, "header": {"symbol": "5/CT;TU"},
                 "tasks": [{"text": "a\\Nb, c; d\\e\r\nf\rg " * 30,
                            "deadlines": [{"kind": "date", "value": "2024-1-2"}]},
                           # several deadlines of a task share its escaped text (one ending on `\`)
                           {"text": "x \\", "deadlines": [{"kind": "ongoing", "text": "N\\"}, {"kind": "date"}]}]},
                {"header": {}, "tasks": [{"text": None, "deadlines": [{}]}]}]
    ours = b"".join(iter_ics(records))
    native = [todo.to_ical() for todo in _icalendar_todos(records)]
    assert len(native) > 30 and b"".join(native) in ours
    assert ours.count(b"BEGIN:VTODO") == len(native)
    rng = random.Random(5)
    for _ in range(20_000):
        s = "".join(rng.choice("ab \\^;,ếộữĐ😀") for _ in range(rng.randint(0, 240)))
        assert fold_line(s) == _foldline(s), repr(s)
