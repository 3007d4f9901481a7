"""`chithi evaluate --perturb --against clean`: robustness without gold.

A perturbation must not change the answer, so on any document, annotated or not, each variant's record
can be scored against the record of the clean text, with the same matching as gold (GOLD.md).  The
figure measures consistency, not correctness: a document the pipeline reads wrongly and reads wrongly
the same way under every variant scores 1.0.  It lets a user measure robustness on an archive of their
own, and it finds the constructions where surface form alone changes the tree.
"""
from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .score import DOC_EXTENSIONS, HEADER_FIELDS, _get

# words of a node's text kept as its `starts`, as an annotator writes it (GOLD.md: 5 to 10 words)
STARTS_WORDS = 8
# a collection's own notes describe the documents; they are not documents
NOTES = frozenset("readme manifest license changelog notes sources index".split())


def documents(dirs: Iterable[str | Path]) -> list[Path]:
    """Every document of the folders (or the files given), in order: gold files and the collection's
    notes (README, MANIFEST, ...) left out.  Those that are not text are the caller's to report."""
    out: list[Path] = []
    for d in dirs:
        d = Path(d)
        files = [d] if d.is_file() else sorted(p for p in d.iterdir() if p.is_file())
        out += [p for p in files if p.suffix.lower() in DOC_EXTENSIONS and p.stem.lower() not in NOTES]
    return out


def record_as_gold(record: dict, name: str) -> dict:
    """The record of a clean text in the gold format: the reference its variants are scored against.
    Inherited bodies are left out, as gold lists only what a node's own text states."""
    tasks = [{"path": t.get("path"),
              "starts": " ".join((t.get("text") or "").split()[:STARTS_WORDS]),
              "bodies": [{"name": b.get("name"), "role": b.get("role")}
                         for b in t.get("bodies") or [] if not b.get("inherited")],
              "deadlines": [{"kind": d.get("kind"), "value": d.get("value")} for d in t.get("deadlines") or []]}
             for t in record.get("tasks") or []]
    return {"file": name, "header": _header_as_gold(record.get("header") or {}), "tasks": tasks}


def _header_as_gold(header: dict) -> dict:
    """The scored header fields, nested as gold nests them (`signer.name` under `signer`)."""
    out: dict = {}
    for dotted in HEADER_FIELDS:
        value = _get(header, dotted)        # (as the scorer reads a record: `issuer` by its name)
        *parents, last = dotted.split(".")
        node = out
        for p in parents:
            node = node.setdefault(p, {})
        node[last] = value
    return out

