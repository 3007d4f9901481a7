"""The stage list (`pipeline.run`): declared needs and additions, order checked, code loaded on first use."""
import subprocess
import sys
from dataclasses import replace

import pytest

from pipeline.bench import first_extract_lines
from pipeline.run import STAGES, check_order, run_stages


def test_the_stage_order_gives_every_stage_what_it_needs():
    check_order(STAGES)


def test_a_stage_placed_before_the_one_that_adds_its_input_is_refused():
    by_name = {s.name: s for s in STAGES}
    with pytest.raises(ValueError, match="stage bodies needs tasks"):
        check_order([by_name["header"], by_name["bodies"], by_name["tasks"]])


def test_importing_the_package_loads_no_stage_and_no_model():
    code = ("import sys, pipeline; heavy = [m for m in ('pipeline.bodies', 'pipeline.citations', 'pipeline.header', "
            "'spacy', 'underthesea', 'networkx', 'pyarrow') if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


def test_a_failing_stage_leaves_a_diagnostic_and_the_next_stages_run():
    from pipeline import extract

    doc = extract("CHỈ THỊ\nVề thử\n1. Sở Nội vụ chủ trì. Sở Y tế phối hợp.")
    broken = replace(STAGES[0], name="broken", module="run", function="check_order")   # check_order(doc) fails
    timings: dict[str, float] = {}
    doc.sentences = []
    run_stages(doc, [broken, STAGES[-1]], timings=timings)
    assert [d.code for d in doc.warnings][-1] == "stage-error" and "broken" in doc.warnings[-1].message
    assert doc.sentences and set(timings) == {"broken", "sentences"}


def test_bench_reports_the_first_extract_next_to_a_bare_interpreter():
    lines = first_extract_lines(repeat=1)
    assert "python -c pass (baseline)" in lines[0] and "first extract()" in lines[1]
