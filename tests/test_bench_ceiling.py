"""`benchmarks/plain_loops.py`: the machine's ceiling that `bench_batch.py` sets beside a batch's speed-up."""
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "corpora" / "archive"


def test_plain_loops_share_the_documents_once_each():
    """Two loops take from one counter: every page of the bundled archive is extracted once, by one of them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from plain_loops import plain_loops

    from pipeline.batch.archive import iter_inputs
    res = plain_loops(str(ARCHIVE), 2)
    assert res["docs"] == len(list(iter_inputs([ARCHIVE]))) > 20     # (the bundled pages: no two alike)
    assert res["jobs"] == 2 and res["seconds"] > 0 and res["cpu"] > 0


def test_a_plain_loop_that_fails_stops_the_measure(tmp_path):
    """A loop that fails before the clock (here: a `pipeline` that cannot be imported) breaks the barrier: the
    measure stops with an error at once, where it waited for ever."""
    broken = tmp_path / "pipeline"
    broken.mkdir()
    (broken / "__init__.py").write_text("raise ImportError('a broken install')\n")
    proc = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "plain_loops.py"), str(ARCHIVE), "--jobs", "2"],
                          cwd=tmp_path, env=dict(os.environ, PYTHONPATH=str(tmp_path)), capture_output=True, text=True,
                          timeout=120)
    assert proc.returncode != 0 and "BrokenBarrierError" in proc.stderr and "a broken install" in proc.stderr
