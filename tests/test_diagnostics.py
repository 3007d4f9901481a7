"""The diagnostic catalogue (`models/diagnostics.toml`) and the codes the package emits agree both ways."""
import re
from pathlib import Path

from pipeline import extract
from pipeline.batch import PARTIAL_CODES
from pipeline.batch.manifest import record_status
from pipeline.model import Diagnostic, diagnostic_codes

PACKAGE = Path(__file__).resolve().parent.parent / "pipeline"
# The two ways a code is written: `doc.warn("code", ...)` and a record dict's `"code": "code"`.
EMITTED = re.compile(r"""\.warn\(\s*"([a-z-]+)"|"code":\s*"([a-z-]+)\"""")


def emitted_codes() -> set[str]:
    found = set()
    for path in PACKAGE.rglob("*.py"):
        for m in EMITTED.finditer(path.read_text(encoding="utf-8")):
            found.add(m.group(1) or m.group(2))
    return found


def test_every_emitted_code_is_in_the_catalogue():
    missing = emitted_codes() - set(diagnostic_codes())
    assert not missing, f"codes emitted but not catalogued in models/diagnostics.toml: {sorted(missing)}"


def test_every_catalogued_code_is_emitted_somewhere():
    unused = set(diagnostic_codes()) - emitted_codes()
    assert not unused, f"codes catalogued but never emitted: {sorted(unused)}"


def test_catalogue_entries_have_a_known_severity_and_a_meaning():
    for code, entry in diagnostic_codes().items():
        assert entry["severity"] in {"partial", "note"}, code
        assert len(entry["meaning"]) > 20, code


def test_partial_codes_come_from_the_catalogue():
    assert set(PARTIAL_CODES) == {"stage-error", "pages-lost"}
    assert record_status({"warnings": [{"code": "pages-lost"}]}) == "partial"
    assert record_status({"warnings": [{"code": "symbol-conflict"}]}) == "ok"


def test_a_real_diagnostic_reaches_the_record():
    # The seed news report prints two symbols for what reads as one document.
    doc = extract(PACKAGE.parent / "corpora" / "sample" / "003_e2bf3dbedd4e08f0.txt")
    codes = [w["code"] for w in doc.to_dict()["warnings"]]
    assert codes == ["symbol-conflict"]
    assert all(isinstance(w, Diagnostic) for w in doc.warnings)
    assert diagnostic_codes()["symbol-conflict"]["severity"] == "note"
