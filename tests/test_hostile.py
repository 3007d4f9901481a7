"""Hostile inputs and hostile conditions for `chithi batch` (issue 16): each is built in a temporary
folder beside good files, and each must end in a clear per-file error or a correct record, never a
crash, with the good files still giving their records and the limits holding (small limits here,
so that the file stays fast)."""
from __future__ import annotations

import json
import os
import shutil
import signal
import struct
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import networkx as nx
import pytest

from pipeline import cli
from pipeline.batch import process_archive
from pipeline.batch.digests import digested_records
from pipeline.batch.manifest import Manifest
from pipeline.batch.outputs import SparseText
from pipeline.errors import OutputLockedError, UsageError
from pipeline.export import OutputLock, clean_record
from pipeline.read import Limits

from .conftest import SCANS

ROOT = Path(__file__).resolve().parent.parent
DOC_A = "Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng chống thiên tai\n1. Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024.\n"
DOC_B = "Số: 05/CT-TTg\nCHỈ THỊ\nVề tiết kiệm\n1. Các bộ, ngành thực hiện thường xuyên.\n"
MAX_MB = 1024     # the whole run stays under this, main process and each worker


def _doc(i: int) -> str:
    return DOC_A.replace("12/CT", f"{i + 20}/CT") + f"{i + 2}. Sở Tài chính phối hợp thực hiện nhiệm vụ số {i}.\n"


def _records(out: Path) -> list[dict]:
    return [json.loads(x) for x in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def _errors(out: Path) -> dict[str, dict]:
    lines = (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()
    return {Path(e["file"].split("!")[-1]).name: e for e in map(json.loads, lines)}


def _by_name(out: Path) -> dict[str, dict]:
    return {Path(r["source"]["path"].split("!")[-1]).name: r for r in _records(out)}


def make_pdf(pages: list[str], size: tuple[int, int] = (595, 842)) -> bytes:
    """A minimal PDF, one page per string (ASCII text in Helvetica)."""
    n = len(pages)
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            f"<< /Type /Pages /Kids [{' '.join(f'{3 + 2 * i} 0 R' for i in range(n))}] /Count {n} >>".encode()]
    for i, text in enumerate(pages):
        body = " ".join(f"({line}) Tj T*" for line in text.split("\n"))
        stream = f"BT /F1 11 Tf 14 TL 50 {size[1] - 60} Td {body} ET".encode("latin-1")
        objs.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {size[0]} {size[1]}] /Resources << /Font << "
                    f"/F1 {3 + 2 * n} 0 R >> >> /Contents {4 + 2 * i} 0 R >>".encode())
        objs.append(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
    objs.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for i, o in enumerate(objs):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return bytes(out)


def _lying_zip(path: Path, name: str, payload: bytes, claimed: int) -> None:
    """A zip whose one entry's headers (local and central) claim `claimed` bytes, not its size."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr(name, payload)
    data = bytearray(path.read_bytes())
    local = data.index(b"PK\x03\x04")
    struct.pack_into("<I", data, local + 22, claimed)
    central = data.index(b"PK\x01\x02")
    struct.pack_into("<I", data, central + 24, claimed)
    path.write_bytes(bytes(data))


# -- 1. hostile files beside good ones -------------------------------------------------------------

@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory) -> tuple[Path, object]:
    d = tmp_path_factory.mktemp("hostile")
    src = d / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    (src / "b.md").write_text(DOC_B, encoding="utf-8")
    # control characters in the title: cleaned, with a warning, and the graph still written
    (src / "ctrl.txt").write_text(DOC_A.replace("12/CT", "13/CT").replace("thiên tai", "thiên\x07 tai\x00 bão"),
                                  encoding="utf-8")
    (src / "utf16.txt").write_bytes(_doc(1).encode("utf-16-le"))            # no byte-order mark
    (src / "controls.txt").write_bytes(("abc\x01\x02\x03 " * 400).encode())  # decodes to control characters
    full = make_pdf([f"So: 1{i}/CT-UBND\nCHI THI\n1. So Noi vu chu tri thuc hien nhiem vu {i}." for i in range(4)])
    cut = full[:full.index(b"7 0 obj")] + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"   # pages 3-4 cut off
    (src / "cut.pdf").write_bytes(cut)
    (src / "big.txt").write_text(DOC_B + "\n" + "x" * 400_000, encoding="utf-8")    # over input_bytes
    with zipfile.ZipFile(src / "bomb.zip", "w", zipfile.ZIP_DEFLATED) as z:        # over archive_bytes
        for i in range(8):
            z.writestr(f"e{i}.txt", _doc(10 + i) + " " * 120_000)
    _lying_zip(src / "lie.zip", "lie.txt", _doc(30).encode() + b" " * 2_000_000, claimed=200)
    _lying_zip(src / "claims.zip", "claims.txt", _doc(31).encode(), claimed=3_000_000_000)
    limits = Limits(input_bytes=300_000, archive_bytes=400_000, doc_seconds=120)
    s = process_archive([src], d / "out", jobs=1, progress=False, ocr="never", limits=limits)
    return d / "out", s


def test_hostile_files_give_errors_or_records_and_the_good_files_records(hostile_run):
    out, s = hostile_run
    recs, errs = _by_name(out), _errors(out)
    assert {"a.txt", "b.md", "ctrl.txt", "utf16.txt", "cut.pdf", "e0.txt", "e1.txt"} <= set(recs)
    assert errs["big.txt"]["error"] == "LimitError" and "--max-input-mb" in errs["big.txt"]["message"]
    assert errs["controls.txt"]["error"] == "CorruptInputError"
    assert "control characters" in errs["controls.txt"]["message"]
    # the archive stops expanding at its limit: the rest are refused, each named
    refused = [n for n in (f"e{i}.txt" for i in range(8)) if n in errs]
    assert refused and all("archive" in errs[n]["message"] for n in refused) and len(refused) + 2 <= 8
    assert not {"e7.txt"} & set(recs)
    # a zip entry whose header lies is read no further than it claims, and never past the limit
    assert errs["lie.txt"]["error"] == "CorruptInputError"
    assert errs["claims.txt"]["error"] == "LimitError"
    assert s.peak_rss_mb < MAX_MB and 0 < s.peak_worker_rss_mb < MAX_MB     # (the workers' own peaks, read)
    assert not s.step_errors


def test_utf16_without_bom_is_decoded(hostile_run):
    out, _ = hostile_run
    rec = _by_name(out)["utf16.txt"]
    assert "\x00" not in rec["text"] and "Sở Tài chính" in rec["text"]


def test_truncated_pdf_is_partial_with_its_lost_pages(hostile_run):
    out, s = hostile_run
    rec = _by_name(out)["cut.pdf"]
    assert rec["source"]["pages_lost"] == [3, 4]
    assert "pages-lost" in [w["code"] for w in rec["warnings"]]
    m = Manifest(out / "manifest.sqlite")
    assert m.status(rec["id"]) == "partial" and s.counts["partial"] >= 1
    m.close()


def test_control_characters_cleaned_with_a_warning_and_graph_written(hostile_run):
    out, _ = hostile_run
    rec = _by_name(out)["ctrl.txt"]
    assert "\x07" not in rec["text"] and "\x00" not in rec["text"] and "thiên\ufffd tai\ufffd" in rec["text"]
    assert "control-characters" in [w["code"] for w in rec["warnings"]]
    for name in ("graph.graphml", "graph.gexf", "graph.json", "nodes.csv", "edges.csv"):
        assert (out / "graph" / name).stat().st_size > 0
    G = nx.read_graphml(out / "graph" / "graph.graphml")
    assert G.number_of_nodes() >= 3
    assert not list(out.glob(".*.tmp")) and not list((out / "graph").glob(".*"))   # no temporary file left


def test_clean_record_replaces_lone_surrogates_one_for_one():
    rec = {"text": "Số\ud800 05\x1b", "tasks": [{"text": "a\udfff"}], "warnings": []}
    assert clean_record(rec) == 3
    assert rec["text"] == "Số\ufffd 05\ufffd" and json.dumps(rec, ensure_ascii=False).encode("utf-8")
    assert clean_record({"text": "Chỉ thị\n\tsố 05", "warnings": []}) == 0


# -- 2. limits on pixels and seconds ----------------------------------------------------------------

def test_pixel_and_time_limits_stop_one_file_and_the_batch_goes_on(tmp_path, monkeypatch):
    from PIL import Image
    monkeypatch.setenv("CHITHI_CACHE", str(tmp_path / "cache"))     # no OCR result from an earlier run
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    (src / "bigpage.pdf").write_bytes(make_pdf([""], size=(5000, 5000)))       # 460 bytes, a 69 in page
    Image.new("L", (4000, 4000), 255).save(src / "huge.png")                  # over image_pixels
    # a real scanned page: Tesseract takes seconds over it (a blank or noise page is now set aside in a
    # fraction of a second), a text file well under one
    shutil.copy(SCANS / "nd-28-2021-cp-page1-scan.jpg", src / "noise.jpg")
    (src / "z.txt").write_text(DOC_B, encoding="utf-8")
    limits = Limits(page_pixels=10_000_000, image_pixels=12_000_000, doc_seconds=1)
    t0 = time.monotonic()
    s = process_archive([src], tmp_path / "out", jobs=1, progress=False, outputs=False, limits=limits)
    assert time.monotonic() - t0 < 90
    recs, errs = _by_name(tmp_path / "out"), _errors(tmp_path / "out")
    assert set(recs) == {"a.txt", "z.txt"}
    assert "--max-page-mpx" in errs["bigpage.pdf"]["message"]
    assert errs["huge.png"]["error"] == "LimitError" and "--max-image-mpx" in errs["huge.png"]["message"]
    assert errs["noise.jpg"]["stage"] == "timeout" and "--doc-timeout" in errs["noise.jpg"]["message"]
    assert s.failed == 3 and s.peak_worker_rss_mb < MAX_MB


def test_jobs_out_of_range(tmp_path, capsys):
    for bad in (0, -1):
        with pytest.raises(UsageError):
            process_archive([tmp_path], tmp_path / "out", jobs=bad, progress=False)
        assert cli.main(["batch", str(tmp_path), "-o", str(tmp_path / "out"), "--jobs", str(bad), "-q"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "--jobs" in err
    from pipeline.batch import available_cores, check_jobs
    assert check_jobs(10_000) == available_cores()


# -- 3. resume repairs what it finds ----------------------------------------------------------------

def test_damaged_truncated_and_deleted_lines_are_extracted_again(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(7):
        (src / f"d{i}.txt").write_text(_doc(i), encoding="utf-8")
    out = tmp_path / "out"
    process_archive([src], out, jobs=1, progress=False, outputs=False)
    clean = sorted(r["id"] for r in _records(out))
    lines = (out / "documents.jsonl").read_bytes().splitlines(keepends=True)
    mid = len(lines[1]) // 2
    lines[1] = lines[1][:mid] + b"\x00" * 32 + lines[1][mid + 32:]    # zeroed in the middle, as a crash leaves it
    del lines[3]                                                  # deleted
    lines[-1] = lines[-1][:len(lines[-1]) // 2]                   # truncated (torn, no newline)
    lines.insert(2, lines[0])                                     # a second copy of a record
    (out / "documents.jsonl").write_bytes(b"".join(lines))
    # a lock left by a run that was killed never blocks
    holder = subprocess.Popen([sys.executable, "-c",
                               "import fcntl,os,sys,time; fd=os.open(sys.argv[1], os.O_RDWR|os.O_CREAT);"
                               "fcntl.flock(fd, fcntl.LOCK_EX); print('locked', flush=True); time.sleep(60)",
                               str(out / ".lock")], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "locked"
    with pytest.raises(OutputLockedError):
        process_archive([src], out, jobs=1, progress=False, outputs=False)
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait()
    s = process_archive([src], out, jobs=1, progress=False, outputs=False)
    ids = [r["id"] for r in _records(out)]
    assert sorted(ids) == clean and len(ids) == len(set(ids))
    assert s.processed == 3 and s.counts["ok"] == 7 and s.repairs["quarantined"] == 3
    q = [json.loads(x) for x in (out / "quarantine.jsonl").read_text(encoding="utf-8").splitlines()]
    assert sorted(x["reason"].split(" ")[0] for x in q) == ["not", "second", "torn"]
    assert "quarantine.jsonl" in s.text()


def test_a_second_run_on_the_same_folder_refuses(tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    with OutputLock(out):
        with pytest.raises(OutputLockedError):
            process_archive([tmp_path], out, jobs=1, progress=False)
        assert cli.main(["batch", str(tmp_path), "-o", str(out), "-q"]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "another chithi batch" in err
    with OutputLock(out):     # released: the lock can be taken again
        pass


# -- 4. every failing CLI path: one line, a documented exit code -------------------------------------

def _cli(args: list[str], capsys) -> tuple[int, str]:
    rc = cli.main(args)
    err = capsys.readouterr().err
    assert "Traceback" not in err and err.count("\n") <= 1, err
    return rc, err


def test_cli_failures_are_one_line_and_an_exit_code(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    afile = tmp_path / "afile"
    afile.write_text("x")
    assert _cli(["batch", str(src), "-o", str(afile), "-q"], capsys)[0] == 2
    assert _cli(["batch", str(src), "-o", str(afile / "sub"), "-q"], capsys)[0] == 2
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o555)
    if os.access(ro, os.W_OK):          # root writes anywhere: a folder the OS refuses instead
        ro = Path("/proc/chithi-out")
    rc, err = _cli(["batch", str(src), "-o", str(ro), "-q"], capsys)
    assert rc == 2 and "output folder" in err
    rc, err = _cli(["batch", str(src), "-o", str(tmp_path / "o"), "--scheduler", "not an address", "-q"], capsys)
    assert rc == 2 and "malformed --scheduler" in err
    from pipeline.batch.runner import DaskPool
    monkeypatch.setattr(DaskPool, "CONNECT_TIMEOUT_S", 1)
    rc, err = _cli(["batch", str(src), "-o", str(tmp_path / "o"), "--scheduler", "tcp://127.0.0.1:9", "-q"], capsys)
    assert rc == 2 and "cannot reach the Dask scheduler" in err
    assert _cli(["batch", str(src), "-o", str(tmp_path / "o"), "--max-input-mb", "0", "-q"], capsys)[0] == 2
    # show -o DIR writes the page into the folder
    pages = tmp_path / "pages"
    pages.mkdir()
    assert cli.main(["show", str(src / "a.txt"), "--html", "-o", str(pages)]) == 0
    assert (pages / "a.html").exists()
    capsys.readouterr()


def test_a_failed_output_step_exits_3_and_names_it(tmp_path, capsys, monkeypatch):
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    out = tmp_path / "out"
    assert cli.main(["batch", str(src), "-o", str(out), "--jobs", "1", "-q"]) == 0
    before = (out / "deadlines.ics").read_bytes()
    capsys.readouterr()
    from pipeline.export import calendar

    def broken(rec):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(calendar, "record_ics", broken)       # after the calendar's head was written
    (src / "b.txt").write_text(DOC_B, encoding="utf-8")
    assert cli.main(["batch", str(src), "-o", str(out), "--jobs", "1", "-q"]) == 3
    err = capsys.readouterr().err
    assert "output step calendar" in err and "Traceback" not in err
    assert (out / "deadlines.ics").read_bytes() == before       # the old file, whole: never half a new one
    assert len(_records(out)) == 2
    assert not list(out.glob(".*.tmp"))                          # the half-written one is gone


# -- 5. the output steps stream ---------------------------------------------------------------------

def test_explorer_gets_only_the_text_around_citations(tmp_path):
    text = "x" * 100_000 + "Chỉ thị số 05/CT-TTg" + "y" * 100_000
    rec = {"id": "r1", "text": text, "citations": [{"span": [100_000, 100_020]}], "source": {"path": "a"}}
    p = tmp_path / "documents.jsonl"
    p.write_text(json.dumps(rec, ensure_ascii=False) + "\n", encoding="utf-8")
    got = next(digested_records(p, slim=False))[1]["text"]
    assert isinstance(got, SparseText) and len(got) == len(text)
    assert got[100_000:100_020] == "Chỉ thị số 05/CT-TTg" and got[99_990:100_000] == "x" * 10
    assert sum(len(part) for *_, part in got.parts) < 1000
    with pytest.raises(IndexError):
        got[0:10]


def test_explorer_survives_a_malformed_url_hash(tmp_path):
    """`#%E0%A4%A` is not valid percent-encoding: the page ignores it instead of throwing."""
    import shutil

    from pipeline.graph import build_graph, write_explorer
    sync_api = pytest.importorskip("playwright.sync_api")
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    rec = {"id": "a" * 64, "text": DOC_A, "source": {"path": "a.txt"}, "header": {"symbol": "12/CT-UBND"},
           "tasks": [], "citations": [], "warnings": []}
    page_file = write_explorer(build_graph([rec]).graph, [rec], tmp_path / "explorer.html")
    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=chromium, args=["--no-sandbox"])
        pg = b.new_page()
        errors: list[str] = []
        pg.on("pageerror", lambda e: errors.append(str(e)))
        pg.goto(page_file.as_uri() + "#%E0%A4%A")
        pg.wait_for_function("window.chithiExplorer && window.chithiExplorer.ready")
        pg.evaluate("location.hash = '#%ZZ'")
        pg.wait_for_timeout(200)
        b.close()
    assert errors == []


def test_a_damaged_manifest_is_set_aside_and_rebuilt_from_disk(tmp_path):
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"d{i}.txt").write_text(_doc(i), encoding="utf-8")
    out = tmp_path / "out"
    process_archive([src], out, jobs=1, progress=False, outputs=False)
    (out / "manifest.sqlite").write_bytes(b"this is not a database" * 100)
    (out / ".graph.x1y2").mkdir()                                 # what a run killed while writing leaves
    (out / ".deadlines.ics.abc.tmp").write_text("BEGIN:VCALENDAR")
    s = process_archive([src], out, jobs=1, progress=False, outputs=False)
    assert s.processed == 0 and s.counts["ok"] == 3 and len(_records(out)) == 3
    assert list(out.glob("manifest.sqlite.damaged-*"))
    assert not list(out.glob(".graph.*")) and not list(out.glob(".*.tmp"))


def test_workers_that_cannot_start_stop_the_batch_instead_of_a_loop():
    from pipeline.batch import runner as batch_runner
    from pipeline.errors import ChithiError
    pool = batch_runner.LocalPool(1, 10)
    spawn = pool._spawn

    def dead_on_arrival():
        w = spawn()
        w.proc.kill()
        w.proc.join(30)
        return w

    pool._spawn = dead_on_arrival
    pool.workers[0].proc.kill()
    pool.workers[0].proc.join(30)
    with pytest.raises(ChithiError, match=r"cannot start .*the last was killed by signal 9 \(SIGKILL\)"):
        for _ in range(pool.MAX_FAILED_STARTS + 1):
            pool.poll(0.05)
    pool.close()


def test_start_failures_stop_the_pool_only_in_a_row():
    """Workers killed while they load (memory pressure), a few at a time over a long batch: a worker that got
    ready in between shows the installation works, and the pool goes on."""
    from pipeline.batch import runner as batch_runner
    pool = batch_runner.LocalPool(1, 10, page_readers=False)
    spawn, plan = pool._spawn, []

    def spawn_as_planned():
        w = spawn()
        if not plan.pop(0):
            w.proc.kill()
            w.proc.join(30)
        return w

    pool._spawn = spawn_as_planned
    fails = pool.MAX_FAILED_STARTS - 1
    try:
        plan += [False] * (fails - 1) + [True]      # the first worker killed, then fails - 1 more, then one lives
        pool.workers[0].proc.kill()
        pool.workers[0].proc.join(30)
        deadline = time.monotonic() + 120
        while not pool.idle() and time.monotonic() < deadline:
            assert pool.poll(0.2) == []
        assert pool.idle() and not plan
        plan += [False] * fails + [True]
        pool.workers[0].proc.kill()             # (ready: its death is no failed start)
        pool.workers[0].proc.join(30)
        while not pool.idle() and time.monotonic() < deadline:
            assert pool.poll(0.2) == []
        assert pool.idle() and not plan
    finally:
        pool.close()


def test_record_json_cleans_every_character_its_quick_test_must_find():
    """record_json's substring tests find every character `clean_record` replaces, as its JSON shows it
    (each control character, each surrogate, U+FFFE/U+FFFF), alone and amid text; a record without one
    is written as it is, uncleaned (no warning), a backslash before `b` or `u00` a harmless false alarm."""
    from pipeline.export import record_items, record_json
    from pipeline.export.outfiles import _BAD_JSON_SHOWN, _BAD_JSON_TEXT, _shows_bad
    bad = [chr(c) for c in range(0x20) if _BAD_JSON_TEXT.match(chr(c))] + ["\ud800", "\udbff", "\udc00", "\udfff",
                                                                          "\ufffe", "\uffff"]
    assert len(bad) == 32 - 4 + 6         # all C0 controls but tab, line feed, form feed, carriage return
    for ch in bad:
        for text in (ch, f"Chỉ thị số 05{ch}/CT-TTg", f"a\\b{ch}"):
            shown = json.dumps({"text": text}, ensure_ascii=False)
            assert _BAD_JSON_SHOWN.search(shown) and _shows_bad(shown)
            rec = {"id": "x", "text": text, "warnings": []}
            line = record_json(dict(rec, warnings=[]))
            assert ch not in json.loads(line)["text"] and "control-characters" in line
            items = record_items(dict(rec, warnings=[]))
            assert b"{" + b", ".join(i for _, i in items) + b"}" == line.encode("utf-8")
    for text in ("Chỉ thị\tsố\n05\x0c\r", "a\\bc \\u0041", "\u2028 é"):
        rec = {"id": "x", "text": text, "warnings": []}
        assert json.loads(record_json(rec)) == {"id": "x", "text": text, "warnings": []}
        assert b"{" + b", ".join(i for _, i in record_items(dict(rec))) + b"}" == record_json(rec).encode("utf-8")
