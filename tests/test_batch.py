"""`chithi batch` (pipeline.batch.archive): bad inputs, zip archives, dedupe, crash recovery, Dask."""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
import zipfile
from pathlib import Path

import pytest

from pipeline.batch.archive import check_language, iter_inputs, process_archive
from pipeline.batch.manifest import Manifest

from .conftest import ARCHIVE, ROOT, corpus_files

DOC_A = "Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng chống thiên tai\n1. Sở Nội vụ chủ trì, báo cáo trước ngày 15/6/2024.\n"
DOC_B = "Số: 05/CT-TTg\nCHỈ THỊ\nVề tiết kiệm\n1. Các bộ, ngành thực hiện thường xuyên.\n"


def _records(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "documents.jsonl").read_text(encoding="utf-8").splitlines()]


def _errors(out: Path) -> list[dict]:
    p = out / "errors.jsonl"
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()] if p.exists() else []


def _archive_docs(folder: Path, n: int, *, max_chars: int | None = None) -> list[Path]:
    """`n` distinct documents: archive documents with a unique line appended."""
    folder.mkdir(parents=True, exist_ok=True)
    srcs = [p for p in corpus_files(ARCHIVE) if p.suffix == ".md"][:40]
    texts = [p.read_text(encoding="utf-8")[:max_chars] for p in srcs]
    out = []
    for i in range(n):
        p = folder / f"doc{i:05d}.md"
        p.write_text(texts[i % len(texts)] + f"\n\nBản sao số {i} của kho lưu trữ.\n", encoding="utf-8")
        out.append(p)
    return out


@pytest.fixture()
def messy(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(DOC_A, encoding="utf-8")
    (d / "b.md").write_text(DOC_B, encoding="utf-8")
    (d / "copy-of-a.txt").write_text(DOC_A, encoding="utf-8")            # duplicate content
    (d / "empty.txt").write_bytes(b"")
    (d / "garbage.bin").write_bytes(bytes(range(256)) * 20)
    (d / "broken.pdf").write_bytes(b"%PDF-1.7\n1 0 obj << /Encrypt 2 0 R >>\nthis is not a pdf body\n")
    (d / "english.txt").write_text("MEMORANDUM\nTo all staff: the quarterly budget review meeting is moved to "
                                   "Friday afternoon. Please bring your reports.\n" * 3, encoding="utf-8")
    with open(d / "huge.txt", "wb") as f:          # 100 MB, sparse: refused before it is read
        f.truncate(100 * 2**20)
    os.symlink(d / "gone.txt", d / "dangling.txt")  # unreadable whatever the user
    (d / ".hidden.txt").write_text(DOC_B, encoding="utf-8")
    (d / "x.gold.json").write_text("{}", encoding="utf-8")
    with zipfile.ZipFile(d / "bundle.zip", "w") as z:
        z.writestr("inner/c.txt", DOC_B.replace("05/CT-TTg", "07/CT-TTg"))
        z.writestr("../evil.txt", DOC_A)
        z.writestr("/abs/evil.txt", DOC_A)
        z.writestr("inner/.DS_Store", b"\0\0")
    return d


def test_bad_inputs_each_reported_once(messy: Path, tmp_path: Path):
    out = tmp_path / "out"
    s = process_archive([messy], out, jobs=2, progress=False)
    recs = _records(out)
    by_name = {Path(r["source"]["path"].split("!")[-1]).name: r for r in recs}
    assert sorted(by_name) == ["a.txt", "b.md", "c.txt", "english.txt"]
    assert "not-vietnamese" in [w["code"] for w in by_name["english.txt"]["warnings"]]
    assert "not-vietnamese" not in [w["code"] for w in by_name["a.txt"]["warnings"]]
    errs = {Path(e["file"].split("!")[-1]).name: e for e in _errors(out)}
    assert set(errs) == {"copy-of-a.txt", "empty.txt", "garbage.bin", "broken.pdf", "huge.txt", "dangling.txt",
                         "evil.txt"} and len(_errors(out)) == 8       # two evil zip entries
    assert errs["copy-of-a.txt"]["stage"] == "dedupe"
    assert errs["huge.txt"]["stage"] == "read" and "MiB" in errs["huge.txt"]["message"]
    assert errs["empty.txt"]["error"] == "EmptyDocumentError"
    assert all({"file", "stage", "error", "message"} <= set(e) for e in _errors(out))
    assert s.counts["ok"] + s.counts["partial"] == 4 and s.failed == 7 and s.counts["duplicates"] == 1
    assert len({r["id"] for r in recs}) == len(recs)
    # the optional outputs are there
    import pandas as pd
    docs = pd.read_parquet(out / "tables" / "documents.parquet")
    assert sorted(docs["id"]) == sorted(r["id"] for r in recs)
    assert (out / "summary.md").exists() and "ok" in s.text()
    assert (out / "graph").is_dir() and (out / "explorer.html").exists()
    # a second run adds nothing: not a record, not an error line
    s2 = process_archive([messy], out, jobs=1, progress=False, outputs=False)
    assert s2.processed == 0 and len(_records(out)) == 4 and len(_errors(out)) == 8 + len(s.step_errors)


def test_torn_last_line_is_redone(tmp_path: Path):
    src = tmp_path / "in"
    _archive_docs(src, 3, max_chars=1500)
    out = tmp_path / "out"
    process_archive([src], out, jobs=1, progress=False, outputs=False)
    recs = _records(out)
    # simulate a kill in the middle of the last write, before its manifest row was committed
    data = (out / "documents.jsonl").read_bytes()
    last = data.rstrip(b"\n").rsplit(b"\n", 1)[1]
    (out / "documents.jsonl").write_bytes(data[:len(data) - len(last) // 2 - 1])
    m = Manifest(out / "manifest.sqlite")
    with m.db:
        m.db.execute("DELETE FROM docs WHERE id=?", (recs[-1]["id"],))
        m.db.execute("DELETE FROM meta")
    m.close()
    s = process_archive([src], out, jobs=1, progress=False, outputs=False)
    assert s.processed == 1
    again = _records(out)
    assert sorted(r["id"] for r in again) == sorted(r["id"] for r in recs)


def test_kill_9_and_resume(tmp_path: Path):
    src = tmp_path / "in"
    _archive_docs(src, 60)
    out = tmp_path / "out"
    cmd = [sys.executable, "-m", "pipeline", "batch", str(src), "-o", str(out), "--jobs", "2", "-q"]
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    proc = subprocess.Popen(cmd, cwd=ROOT, env=env, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    jsonl, deadline = out / "documents.jsonl", time.time() + 60
    while time.time() < deadline and proc.poll() is None:
        if jsonl.exists() and jsonl.read_bytes().count(b"\n") >= 12:
            break
        time.sleep(0.02)
    assert proc.poll() is None, "the batch finished before it could be killed"
    import psutil
    started = psutil.Process(proc.pid).children(recursive=True)    # the fork server, its workers, the process apart
    assert len(started) >= 3
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    # the workers lead process groups of their own, which the kill leaves: each stops itself once the main process
    # is gone (its pipe closed; in the middle of a long document, `workers.watch_parent`)
    _, alive = psutil.wait_procs(started, timeout=10)
    assert not alive, f"{len(alive)} process(es) of the killed batch still run"
    partial = jsonl.read_bytes().count(b"\n")
    assert 12 <= partial < 60
    r = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr
    recs = _records(out)
    ids = [x["id"] for x in recs]
    assert len(recs) == 60 and len(set(ids)) == 60
    assert sorted(Path(x["source"]["path"]).name for x in recs) == sorted(p.name for p in src.iterdir())


def test_dask_gives_the_same_records(tmp_path: Path):
    distributed = pytest.importorskip("dask.distributed")
    src = tmp_path / "in"
    _archive_docs(src, 12, max_chars=3000)
    with zipfile.ZipFile(src / "more.zip", "w") as z:
        z.writestr("z1.txt", DOC_A)
    local = process_archive([src], tmp_path / "local", jobs=2, progress=False, outputs=False)
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cl:
        remote = process_archive([src], tmp_path / "dask", scheduler=cl.scheduler_address, progress=False,
                                 outputs=False)
    assert local.counts == remote.counts and remote.processed == 13
    a = {r["id"]: r for r in _records(tmp_path / "local")}
    b = {r["id"]: r for r in _records(tmp_path / "dask")}
    assert a == b


def test_iter_inputs_streams_and_skips(messy: Path):
    names = [i.path.split("!")[-1] for i in iter_inputs([messy])]
    assert not any(n.endswith((".gold.json", ".DS_Store")) or "/.hidden" in n for n in names)
    assert "inner/c.txt" in names


def test_check_language_ignores_short_text():
    rec = {"text": "OK 123", "warnings": []}
    check_language(rec)
    assert rec["warnings"] == []


def test_page_readers_are_needed_by_names_of_files_and_zip_members(messy: Path, tmp_path: Path):
    from pipeline.batch.archive import needs_page_readers
    texts = tmp_path / "texts"
    texts.mkdir()
    (texts / "a.txt").write_text(DOC_A, encoding="utf-8")
    (texts / "b.MD").write_text(DOC_B, encoding="utf-8")
    (texts / "c.html").write_text("<p>" + DOC_B + "</p>", encoding="utf-8")
    (texts / "x.gold.json").write_text("{}", encoding="utf-8")       # skipped, as the batch skips it
    with zipfile.ZipFile(texts / "more.zip", "w") as z:
        z.writestr("inner/d.txt", DOC_A)
        z.writestr("inner/.DS_Store", b"\0\0")
    assert not needs_page_readers([texts])
    assert needs_page_readers([messy])                 # broken.pdf, garbage.bin
    with zipfile.ZipFile(texts / "scans.zip", "w") as z:
        z.writestr("p1.jpg", b"\xff\xd8\xff")
    assert needs_page_readers([texts])
    assert needs_page_readers([texts / "a.txt", tmp_path / "scan.tif"]) is False   # a missing file reads nothing
    (tmp_path / "scan.tif").write_bytes(b"II*\x00")
    assert needs_page_readers([texts / "a.txt", tmp_path / "scan.tif"])


def _maps(pid: int) -> str:
    return Path(f"/proc/{pid}/maps").read_text()


def test_workers_of_a_text_batch_leave_the_page_readers_unloaded(tmp_path: Path):
    """OpenCV's library is in a worker's memory map exactly when the batch's inputs may be pages;
    either way a PDF read later is read (its imports then fall in its own time)."""
    from pipeline.batch.runner import LocalPool
    for page_readers in (False, True):
        pool = LocalPool(1, 60, page_readers=page_readers)
        try:
            _ready(pool)
            assert ("cv2" in _maps(pool.workers[0].proc.pid)) is page_readers
        finally:
            pool.close()
    from .test_hostile import make_pdf
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    (src / "b.txt").write_bytes(make_pdf(["So: 05/CT-TTg", "Cac bo thuc hien."]))   # a PDF named .txt
    s = process_archive([src], tmp_path / "out", jobs=1, progress=False, outputs=False)
    recs = {Path(r["source"]["path"]).name: r for r in _records(tmp_path / "out")}
    assert s.failed == 0 and recs["b.txt"]["source"]["format"] == "pdf"
    assert "05/CT-TTg" in recs["b.txt"]["text"] and "Cac bo" in recs["b.txt"]["text"]


def _long_doc(items: int) -> bytes:
    """A made-up plan of `items` tasks: 0.1 MB and 0.1 s of extraction per thousand."""
    return (DOC_A + "".join(f"{i}. Sở Y tế chủ trì, phối hợp với Sở Tài chính, báo cáo trước ngày 15/6/2024.\n"
                            for i in range(2, items))).encode()


def _ready(pool) -> float:
    """Wait until the pool's workers have loaded their models; a deadline two minutes on."""
    deadline = time.monotonic() + 120
    while not pool.idle() and time.monotonic() < deadline:
        assert pool.poll(0.2) == []
    assert pool.idle()
    return deadline


def _poll_until(pool, n: int, seconds: float = 120) -> list[tuple]:
    got: list[tuple] = []
    deadline = time.monotonic() + seconds
    while len(got) < n and time.monotonic() < deadline:
        got += pool.poll(0.2)
    return got


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")     # (its sender thread too)
def test_a_worker_is_sent_the_next_document_and_gives_both_back_when_it_dies():
    """A worker holds the document it extracts and the next one (`runner.DEPTH`), which it reads as soon as
    it is done; killed, it gives the first back as crashed (the batch tries it once more) and the one queued
    behind as requeued (never started: no try counted), and its replacement extracts what it is sent."""
    from pipeline.batch.runner import DEPTH, QUEUED_MAX_BYTES, LocalPool
    first, second = ("k1", "long.txt", _long_doc(3000), "auto", None), ("k2", "a.txt", DOC_A.encode(), "auto", None)
    pool = LocalPool(1, 60, page_readers=False)
    try:
        deadline = _ready(pool)
        assert DEPTH == 2
        pool.submit(first)
        assert pool.idle(DOC_A.encode())    # a second document may be sent to the same worker ...
        assert not pool.idle(b"x" * (QUEUED_MAX_BYTES + 1))     # (not a large one: it waits for a free worker,
        assert not pool.idle(b"%PDF-1.7 small")                # nor a PDF or an image: they take seconds)
        pool.submit(second)
        assert not pool.idle() and pool.busy()      # ... and no third
        os.kill(pool.workers[0].proc.pid, signal.SIGKILL)
        got = _poll_until(pool, 2)
        assert sorted(got) == [("crashed", first), ("requeued", second)]
        while not pool.idle() and time.monotonic() < deadline + 120:
            assert pool.poll(0.2) == []
        pool.submit(second)
        (res,) = _poll_until(pool, 1)
        assert res[:3] == ("ok", "k2", "a.txt") and b"S\xe1\xbb\x9f N\xe1\xbb\x99i v\xe1\xbb\xa5" in res[4]
        assert not pool.busy()
        from .test_hostile import make_pdf
        pool.submit(("k3", "b.pdf", make_pdf(["So: 05/CT-TTg", "Cac bo thuc hien."]), "auto", None))
        assert not pool.idle(DOC_A.encode())        # nothing is queued behind a PDF or an image
        (res,) = _poll_until(pool, 1)
        assert res[:3] == ("ok", "k3", "b.pdf") and pool.idle(DOC_A.encode())
    finally:
        pool.close()


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_worker_stopped_at_the_time_limit_gives_back_the_document_queued_behind_its_own():
    from pipeline.batch.runner import LocalPool
    slow, quick = ("k1", "slow.txt", _long_doc(8000), "auto", None), ("k2", "a.txt", DOC_A.encode(), "auto", None)
    pool = LocalPool(1, 0.05, page_readers=False)       # (the plan takes most of a second)
    try:
        _ready(pool)
        pool.submit(slow)
        assert pool.idle(quick[2])
        pool.submit(quick)
        got = _poll_until(pool, 2)
        assert len(got) == 2 and got[0][:5] == ("failed", "k1", "slow.txt", "timeout", "LimitError")
        assert got[1] == ("requeued", quick)
    finally:
        pool.close()


def test_a_worker_that_died_idle_is_sent_nothing_and_its_replacement_extracts():
    """A worker killed while it waits (out of memory) takes no document: one sent to it would come back crashed,
    a try lost for a document that never started.  The next poll replaces it."""
    from pipeline.batch.runner import LocalPool
    doc = ("k1", "a.txt", DOC_A.encode(), "auto", None)
    pool = LocalPool(1, 60, page_readers=False)
    try:
        deadline = _ready(pool)
        proc = pool.workers[0].proc
        os.kill(proc.pid, signal.SIGKILL)
        proc.join(10)
        assert not pool.idle(doc[2])
        while not pool.idle(doc[2]) and time.monotonic() < deadline + 120:
            assert pool.poll(0.2) == []
        pool.submit(doc)
        (res,) = _poll_until(pool, 1)
        assert res[:3] == ("ok", "k1", "a.txt")
    finally:
        pool.close()


def test_a_program_left_by_a_worker_that_died_is_stopped():
    """A worker that dies by itself (killed for memory) while a program it started runs (a Tesseract, which
    lives in the worker's process group): replacing the worker stops the program too."""
    from pipeline.batch.runner import LocalPool
    pool = LocalPool(1, 60, page_readers=False)
    prog = None
    try:
        _ready(pool)
        pid = pool.workers[0].proc.pid
        prog = subprocess.Popen(["sleep", "60"], process_group=pid)     # (joins the worker's group, as its child)
        pool.submit(("k1", "long.txt", _long_doc(3000), "auto", None))
        os.kill(pid, signal.SIGKILL)
        assert _poll_until(pool, 1)[0][0] == "crashed"
        assert prog.wait(10) == -signal.SIGKILL
    finally:
        pool.close()
        if prog is not None and prog.poll() is None:
            prog.kill()


def test_an_interrupt_before_the_extraction_leaves_no_worker_running(tmp_path, monkeypatch):
    """Ctrl-C while the output steps' process apart starts (the pool's workers loading): the pool is closed."""
    import multiprocessing

    from pipeline.batch import archive

    def interrupted(cores):
        assert started, "the pool was not started before the process apart: nothing was tested"
        raise KeyboardInterrupt

    started, start_pool = [], archive.start_pool
    monkeypatch.setattr(archive, "start_pool", lambda *a, **k: started.append(1) or start_pool(*a, **k))
    monkeypatch.setattr(archive.OutputProcess, "start", interrupted)
    src = tmp_path / "in"
    src.mkdir()
    (src / "a.txt").write_text(DOC_A, encoding="utf-8")
    before = set(multiprocessing.active_children())     # (another test's processes are not this one's to judge)
    with pytest.raises(KeyboardInterrupt):
        process_archive([src], tmp_path / "out", jobs=2, progress=False)
    assert set(multiprocessing.active_children()) <= before


def test_a_requeued_document_is_sent_again_with_no_try_counted_and_a_second_death_fails_it(tmp_path):
    """`Extraction` over a pool that gives back a crashed document and the one queued behind it (the pool's
    side scripted: the rule of what counts as a try)."""
    from pipeline.batch.extraction import Extraction
    from pipeline.batch.summary import Progress, Summary
    from pipeline.read import current

    class Pool:
        jobs, sent = 1, []

        def idle(self, data=b""):
            return True

        def busy(self):
            return False

        def submit(self, args):
            self.sent.append(args)

        def poll(self, timeout=0.5):
            return []

        def close(self, now=False):
            pass

    out = tmp_path / "out"
    out.mkdir()
    pool = Pool()
    run = Extraction(pool, out, Manifest(out / "manifest.sqlite"), Summary(out=out), "auto", current(),
                     Progress(0, False))
    a, b = ("ka", "a.txt", b"a", "auto", None), ("kb", "b.txt", b"b", "auto", None)
    run.inflight.update({"ka": "a.txt", "kb": "b.txt"})
    run.handle(("crashed", a))
    run.handle(("requeued", b))
    assert list(run.retry) == [b, a] and run.retried == {"ka"}
    run.wait_for_idle()
    assert pool.sent == [b, a] and not run.retry
    run.handle(("requeued", b))         # given back again: still no try counted
    run.handle(("crashed", a))          # a second death: failed
    assert run.retried == {"ka"} and list(run.retry) == [b] and set(run.inflight) == {"kb"}
    run.close()
    errors = [json.loads(line) for line in (out / "errors.jsonl").read_text(encoding="utf-8").splitlines()]
    assert [(e["id"], e["error"], e["stage"]) for e in errors] == [("ka", "WorkerCrashed", "worker")]


def _language_by_every_letter(text: str) -> bool:
    """The rule of `check_language` counted letter by letter: under 1% of 20 or more letters marked."""
    from pipeline.batch.archive import VIETNAMESE_LETTERS
    letters = [c for c in text if c.isalpha()]
    return len(letters) >= 20 and sum(c in VIETNAMESE_LETTERS for c in letters) / len(letters) < 0.01


@pytest.mark.parametrize("text", ["x" * 4950 + "ế" * 50, "x" * 4951 + "ế" * 49, "x y " * 2450 + "Đ" * 49,
                                  "x y " * 2450 + "Đ" * 99, "½²" * 3000 + "ab" * 10, "ế" + "a" * 19, "a" * 19, ""])
def test_the_language_check_stopping_early_warns_as_the_count_of_every_letter(text: str):
    rec = {"text": text, "warnings": []}
    check_language(rec)
    assert bool(rec["warnings"]) is _language_by_every_letter(text)


def test_a_record_whose_json_shows_no_unclean_character_needs_no_cleaning():
    """A record is cleaned only where its JSON may hold a character `clean_record` replaces
    (`record_json`): every such character must show, and come out replaced."""
    from pipeline.export import record_json
    from pipeline.export.outfiles import clean_text
    for c in [chr(i) for i in range(0x21)] + ["\ud800", "\udbff", "\udc00", "\udfff", "\ufffe", "\uffff", "ế", "\\"]:
        rec = {"text": f"a{c}b", "tasks": [{"text": c}], "warnings": []}
        out = json.loads(record_json(rec))
        assert out["text"] == clean_text(f"a{c}b") and out["tasks"][0]["text"] == clean_text(c), repr(c)
        assert bool(out["warnings"]) is (clean_text(c) != c), repr(c)
    from pipeline.batch.archive import process_one
    html = f"<p>{DOC_A}</p><p>Ghi &#7; chú &#xD800; cuối</p>".encode()    # a control character, a surrogate
    rec = json.loads(process_one("k", "a.html", html)[4])
    assert "Ghi \ufffd chú \ufffd cuối" in rec["text"]
    assert any(w["code"] == "control-characters" for w in rec["warnings"])
    clean = json.loads(process_one("k", "a.txt", DOC_A.encode("utf-8"))[4])
    assert not any(w["code"] == "control-characters" for w in clean["warnings"])


def test_the_tables_warm_up_writes_in_memory_only(tmp_path, monkeypatch):
    """`tables.warm_up` (the output steps' process apart, while a batch's documents are extracted) leaves
    no file, and the tables written after it hold their rows."""
    import pyarrow.parquet as pq

    from pipeline.export.tables import warm_up, write_tables
    monkeypatch.chdir(tmp_path)
    warm_up()
    assert list(tmp_path.iterdir()) == []
    rec = {"id": "x1", "source": {"path": "a.txt"}, "text": "abc", "header": {}, "citations": [], "warnings": [],
           "tasks": [{"path": "1", "level": 1, "span": [0, 3], "text": "abc", "bodies": [], "deadlines": []}]}
    paths = write_tables([rec], tmp_path / "t")
    assert pq.read_table(paths["tasks"]).to_pylist()[0]["text"] == "abc"


def test_a_pool_that_cannot_start_all_its_workers_stops_those_it_started(monkeypatch):
    """The system refuses a second process (too many processes): the first worker is stopped, the error raised."""
    import multiprocessing

    from pipeline.batch.runner import LocalPool
    real, started = LocalPool._spawn, []

    def spawn(self):
        if started:
            raise OSError(11, "Resource temporarily unavailable")
        started.append(real(self))
        return started[-1]

    monkeypatch.setattr(LocalPool, "_spawn", spawn)
    before = set(multiprocessing.active_children())
    with pytest.raises(OSError):
        LocalPool(2, 60, page_readers=False)
    assert len(started) == 1 and not started[0].proc.is_alive()
    assert set(multiprocessing.active_children()) <= before


def test_a_pipe_is_left_open_while_its_sender_still_sends(monkeypatch):
    """A worker stopped but not gone (its end of the pipe open, nothing read): the sender is still in its send when
    the pipe is closed.  The pipe stays open: closed, its number could be reused by the next worker's pipe, which
    would get the rest of the old send."""
    import multiprocessing

    from pipeline.batch import runner
    monkeypatch.setattr(runner, "SENDER_JOIN_S", 0.2)
    mine, theirs = multiprocessing.Pipe()
    w = runner._Worker(None, mine)
    w.outbox.put(("k1", "big.txt", b"x" * (8 << 20), "auto", None))     # (more than a pipe's buffer)
    w.close_pipe()
    assert w.sender.is_alive() and not mine.closed
    assert theirs.recv()[0] == "k1" and theirs.recv() is None       # (the worker reads: the sender ends)
    w.sender.join(5)
    assert not w.sender.is_alive()
    mine.close()
    theirs.close()


def test_an_interrupted_batch_stops_its_workers_at_once(tmp_path, monkeypatch):
    """Ctrl-C in the middle of a batch: the pool is closed `now`, its workers killed without the wait for the
    documents they hold (a PDF's OCR can take minutes), whose results would not be written any more; a batch that
    ends closes it after them."""
    from pipeline.batch import extraction
    from pipeline.batch.runner import LocalPool
    src = tmp_path / "in"
    src.mkdir()
    for i in range(3):
        (src / f"plan{i}.txt").write_bytes(_long_doc(3000 + i))
    closes: list[bool] = []
    real_close, real_take = LocalPool.close, extraction.Extraction.take

    def close(self, now=False):
        closes.append(now)
        real_close(self, now)

    def take(self, item):
        real_take(self, item)
        if len(self.inflight) == 2:      # (two sent: the worker holds one and has the other queued)
            raise KeyboardInterrupt

    monkeypatch.setattr(LocalPool, "close", close)
    monkeypatch.setattr(extraction.Extraction, "take", take)
    with pytest.raises(KeyboardInterrupt):
        process_archive([src], tmp_path / "out", jobs=1, progress=False, outputs=False)
    assert closes == [True]
    monkeypatch.setattr(extraction.Extraction, "take", real_take)
    process_archive([src], tmp_path / "out", jobs=1, progress=False, outputs=False)
    assert closes == [True, False] and len(_records(tmp_path / "out")) == 3


def test_a_pool_closed_now_kills_a_busy_worker():
    from pipeline.batch.runner import LocalPool
    pool = LocalPool(1, 60, page_readers=False)
    _ready(pool)
    pool.submit(("k1", "long.txt", _long_doc(8000), "auto", None))
    proc = pool.workers[0].proc
    pool.close(now=True)
    assert proc.exitcode == -signal.SIGKILL


def test_workers_killed_in_the_middle_of_a_batch_lose_no_document_and_mix_none_up(tmp_path, monkeypatch):
    """Workers killed at random moments of a two-job batch (out of memory, say), each while it extracts: every input
    ends recorded exactly once, and every record is the very one a quiet run writes for that input (a document tried
    again after a kill, or queued behind the killed one, is never written under another's id).  A document killed
    twice is a `WorkerCrashed` failure; none is lost."""
    import contextlib
    import random
    import threading
    from multiprocessing.connection import wait

    from pipeline.batch import archive
    src = tmp_path / "in"
    _archive_docs(src, 240)
    quiet = {r["source"]["path"]: r for r in _records(_run_quiet(src, tmp_path / "quiet"))}
    pools, stop, kills, rnd = [], threading.Event(), [], random.Random(7)
    real_start_pool = archive.start_pool
    monkeypatch.setattr(archive, "start_pool", lambda *a, **k: pools.append(real_start_pool(*a, **k)) or pools[-1])

    def killer():
        while not stop.wait(rnd.uniform(0.1, 0.3)) and len(kills) < 6:
            busy = [w for w in (pools[0].workers if pools else [])
                    if w.ready and w.tasks and not wait([w.proc.sentinel], 0)]
            if busy:        # (a worker still loading is left alone: five of those in a row stop a pool)
                victim = rnd.choice(busy).proc.pid
                with contextlib.suppress(ProcessLookupError):
                    os.kill(victim, signal.SIGKILL)
                kills.append(victim)

    t = threading.Thread(target=killer)
    t.start()
    try:
        s = process_archive([src], tmp_path / "out", jobs=2, progress=False, outputs=False)
    finally:
        stop.set()
        t.join()
    recs, errs = _records(tmp_path / "out"), _errors(tmp_path / "out")
    paths = [r["source"]["path"] for r in recs] + [e["file"] for e in errs]
    assert kills, "the batch ended before any worker was killed: nothing was tested"
    assert sorted(paths) == sorted(quiet) and s.processed == 240
    assert all(r == quiet[r["source"]["path"]] for r in recs)
    assert all(e["error"] == "WorkerCrashed" for e in errs)


def _run_quiet(src: Path, out: Path) -> Path:
    process_archive([src], out, jobs=1, progress=False, outputs=False)
    return out


@pytest.mark.filterwarnings("error::pytest.PytestUnhandledThreadExceptionWarning")
def test_a_document_that_cannot_be_sent_fails_at_once_and_the_worker_goes_on():
    """A document the sender cannot pickle (out of memory, say; here a function in it) fails at once with the
    reason, where it was waited for until the time limit and then called a timeout; the worker extracts the
    documents before and after it, each result under its own id."""
    from pipeline.batch.runner import LocalPool
    first = ("k1", "long.txt", _long_doc(2000), "auto", None)
    bad = ("k2", "bad.txt", DOC_A.encode(), "auto", {"unpicklable": lambda: None})
    last = ("k3", "a.txt", DOC_A.encode(), "auto", None)
    pool = LocalPool(1, 600, page_readers=False)
    try:
        _ready(pool)
        pool.submit(first)          # (behind a document being extracted)
        pool.submit(bad)
        got = {r[1]: r for r in _poll_until(pool, 2, seconds=60)}
        pool.submit(bad)            # (at the head, a document behind it)
        pool.submit(last)
        again = {r[1]: r for r in _poll_until(pool, 2, seconds=60)}
        assert sorted(got) == ["k1", "k2"] and sorted(again) == ["k2", "k3"] and not pool.busy()
        assert got["k1"][:3] == ("ok", "k1", "long.txt") and b"S\xe1\xbb\x9f Y t\xe1\xba\xbf" in got["k1"][4]
        assert again["k3"][:3] == ("ok", "k3", "a.txt")
        for r in (got["k2"], again["k2"]):
            assert r[:4] == ("failed", "k2", "bad.txt", "worker") and r[4] in {"AttributeError", "PicklingError"}
            assert "could not be sent" in r[5]
    finally:
        pool.close()


def test_a_worker_takes_the_environment_its_batch_starts_with(tmp_path, monkeypatch):
    """Workers are forked from a fork server that the process's first batch started (`runner.worker_context`): each
    takes the environment the main process has when its batch starts (here, where OCR results are cached), not the one
    the server was started with."""
    from PIL import Image, ImageDraw

    from tests.support.scanrender import _font

    src = tmp_path / "in"
    src.mkdir()
    img = Image.new("L", (1600, 300), 255)
    ImageDraw.Draw(img).text((60, 100), "CHỈ THỊ về phòng chống thiên tai", font=_font("regular", 14), fill=0)
    img.save(src / "page.png")
    for run in ("first", "second"):
        cache = tmp_path / f"cache-{run}"
        monkeypatch.setenv("CHITHI_CACHE", str(cache))
        s = process_archive([src], tmp_path / f"out-{run}", jobs=1, progress=False, outputs=False)
        assert s.counts.get("ok") or s.counts.get("partial"), _errors(tmp_path / f"out-{run}")
        assert any(f.endswith(".json") for _, _, fs in os.walk(cache) for f in fs), f"no OCR result in the {run} cache"
