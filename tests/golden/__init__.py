"""Golden records of `corpora/sample`: what chithi extracts from each sample document, stored in
`tests/golden/sample.jsonl` (one record per line, sorted by file name) and compared field by field by
`tests/test_golden.py`.

After an intended change of the output, refresh the stored records and review what changed:

    python -m tests.golden --refresh        # or `make golden`
    git diff --stat tests/golden/

The records are stored whole; the one field rewritten is `source.path`, made relative to the
repository, since it says where the checkout happens to be.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..conftest import ROOT, SAMPLE, corpus_files

STORE = Path(__file__).with_name("sample.jsonl")


def record_of(path: Path) -> dict:
    """The record chithi extracts from one sample document, as stored."""
    from pipeline import extract

    record = extract(path).to_dict()
    record["source"]["path"] = path.relative_to(ROOT).as_posix()
    return record


def documents() -> list[Path]:
    return corpus_files(SAMPLE)


def stored() -> dict[str, dict]:
    """The stored records by `source.path`."""
    if not STORE.exists():
        return {}
    records = (json.loads(line) for line in STORE.read_text(encoding="utf-8").splitlines() if line.strip())
    return {r["source"]["path"]: r for r in records}


def refresh() -> int:
    """Extract every sample document again and store the records; the number stored."""
    lines = [json.dumps(record_of(p), ensure_ascii=False, sort_keys=False) for p in documents()]
    STORE.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines)


def differences(old, new, where: str = "", limit: int = 20) -> list[str]:
    """The fields where `new` differs from `old` (`tasks[3].bodies[0].name: 'A' -> 'B'`), at most `limit`."""
    out: list[str] = []

    def walk(a, b, at: str) -> None:
        if len(out) >= limit or a == b:
            return
        if isinstance(a, dict) and isinstance(b, dict):
            for k in list(a) + [k for k in b if k not in a]:
                walk(a.get(k, "<absent>"), b.get(k, "<absent>"), f"{at}.{k}" if at else k)
        elif isinstance(a, list) and isinstance(b, list) and len(a) == len(b):
            for i, (x, y) in enumerate(zip(a, b, strict=True)):
                walk(x, y, f"{at}[{i}]")
        else:
            out.append(f"{at or '<record>'}: {_short(a)} -> {_short(b)}")

    walk(old, new, where)
    return out


def _short(value, width: int = 160) -> str:
    text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= width else text[:width - 3] + "..."
