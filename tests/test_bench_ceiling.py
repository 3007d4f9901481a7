"""`benchmarks/plain_loops.py`: the machine's ceiling that `bench_batch.py` sets beside a batch's speed-up."""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ARCHIVE = ROOT / "corpora" / "archive"


def test_plain_loops_share_the_documents_once_each():
    """Two loops take from one counter: every page of the bundled archive is extracted once, by one of them."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from plain_loops import plain_loops
    res = plain_loops(str(ARCHIVE), 2)
    assert res["docs"] == len(list(ARCHIVE.rglob("*.md"))) > 20
    assert res["jobs"] == 2 and res["seconds"] > 0 and res["cpu"] > 0
