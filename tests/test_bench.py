"""`chithi bench` measures every round as a batch meets new documents: no answer cached from the round
before may make it faster (issue 17)."""
from pathlib import Path

from pipeline import extract
from pipeline.bench import clear_input_caches, run_bench
from pipeline.lang import symbols
from pipeline.tasks.markers import _marker_table, _parse_head

SAMPLE = Path(__file__).resolve().parents[1] / "corpora" / "sample"


def test_input_caches_are_emptied_and_loaded_tables_kept():
    extract("Số: 12/CT-UBND\nCHỈ THỊ\nVề phòng cháy\n\n1. Sở Y tế kiểm tra.\n\n2. Sở Tài chính bố trí kinh phí.\n")
    assert _parse_head.cache_info().currsize > 0 and _marker_table.cache_info().currsize == 1
    assert clear_input_caches() > 0
    assert _parse_head.cache_info().currsize == 0
    assert _marker_table.cache_info().currsize == 1       # a table loaded once stays loaded


def test_the_symbols_read_in_a_round_are_not_kept_for_the_next():
    symbols.find_symbols("Thực hiện Chỉ thị số 05/CT-TTg và Kế hoạch số 12/KH-UBND.")
    assert symbols._PARSED and symbols._PARSED.cache_info().currsize > 0
    clear_input_caches()
    assert not symbols._PARSED


def test_bench_reports_both_runs_and_every_stage():
    report = run_bench([str(SAMPLE)], repeat=1, start=False)
    assert "read + normalize (baseline)" in report and "full extraction" in report
    for stage in ("header", "tasks", "bodies", "deadlines", "citations", "sentences"):
        assert f"    {stage}" in report
