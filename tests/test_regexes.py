"""The regular expressions' programs stored at install (`pipeline.regexes`): each builds the very pattern
`re.compile` makes, every pattern a fresh process asks for is stored, and a missing, damaged or foreign file
only costs the time it saves."""
import json
import marshal
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pipeline import regexes

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def stored():
    programs = regexes.load_programs()
    assert programs, f"no programs stored for this Python in {regexes.PROGRAMS_FILE}: run `make install`"
    return programs


def test_every_stored_program_is_what_re_compile_makes(stored):
    # Pattern.__eq__ compares the pattern, its flags and its compiled code
    for (pattern, flags), program in stored.items():
        built = regexes.from_program(pattern, program)
        assert built is not None, pattern[:80]
        fresh = re.compile(pattern, flags)
        assert built == fresh, pattern[:80]
        assert (built.groups, built.groupindex, built.flags) == (fresh.groups, fresh.groupindex, fresh.flags)


def test_a_fresh_process_finds_every_pattern_it_asks_for_stored(stored):
    # another hash seed than the install's: a pattern whose text followed the order of a set would miss
    code = ("import json; from pipeline.extract import warm_up; from pipeline import regexes; "
            "warm_up(page_readers=False); print(json.dumps([[p, f] for p, f in regexes.asked() "
            "if isinstance(p, str)]))")
    for seed in ("1", "2"):
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT,
                             env={**os.environ, "PYTHONHASHSEED": seed})
        asked = [tuple(k) for k in json.loads(out.stdout)]
        assert len(asked) > 300
        missing = [p[:80] for p, f in asked if (p, f) not in stored]
        assert missing == []


def test_patterns_built_from_programs_match_like_re_compile():
    date = regexes.compile(r"(?P<d>\d{1,2})/(?P<m>\d{1,2})/(?P<y>\d{4})", re.I)
    assert date.search("trước ngày 15/6/2024").groupdict() == {"d": "15", "m": "6", "y": "2024"}
    assert regexes.compile(rb"\*{2,3}").findall(b"** 1. **") == [b"**", b"**"]      # a pattern over bytes
    assert regexes.compile("x", re.I) is regexes.compile("x", re.I)


def test_a_refused_program_gives_none(stored):
    (pattern, flags), (final, code, groups, gi, ig) = next(iter(stored.items()))
    assert regexes.from_program(pattern, (final, b"\xff\xff\xff\x7f" * 4, groups, gi, ig)) is None


def test_a_missing_damaged_or_foreign_file_stores_nothing(tmp_path):
    assert regexes.load_programs(str(tmp_path / "none.bin")) == {}
    (tmp_path / "bad.bin").write_bytes(b"\x00not marshal")
    assert regexes.load_programs(str(tmp_path / "bad.bin")) == {}
    (tmp_path / "cut.bin").write_bytes(Path(regexes.PROGRAMS_FILE).read_bytes()[:1000])
    assert regexes.load_programs(str(tmp_path / "cut.bin")) == {}
    (tmp_path / "foreign.bin").write_bytes(marshal.dumps((("cpython", (3, 2), 0, 4, 4, 0), {("x", 0): None})))
    assert regexes.load_programs(str(tmp_path / "foreign.bin")) == {}


def test_write_then_load_round_trip(tmp_path):
    path = str(tmp_path / "p.bin")
    keys = [(r"(?i)sở\s+(\w+)", 0), (rb"_{2,3}", 0), (r"a|b", int(re.M))]
    assert regexes.write_programs(keys, path) == 3
    programs = regexes.load_programs(path)
    assert set(programs) == set(keys)
    for pattern, flags in keys:
        assert regexes.from_program(pattern, programs[(pattern, flags)]) == re.compile(pattern, flags)


def test_without_the_file_patterns_compile_as_usual():
    code = ("from pipeline import regexes; import re; "
            "p = regexes.compile(r'\\d+/CT-TTg'); assert p == re.compile(r'\\d+/CT-TTg'); "
            "assert p.search('Chỉ thị 05/CT-TTg').group() == '05/CT-TTg'")
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT,
                   env={**os.environ, "CHITHI_NO_REGEX_PROGRAMS": "1"})
