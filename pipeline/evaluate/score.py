"""Scoring against gold files, exactly as GOLD.md defines it and as the reference scorer
(`shared/blind/gold_score.py`) computes it: the same fields, matching rules and micro-averages.

A gold file `NAME.gold.json` sits beside its document (`NAME.txt`, `.md`, `.pdf`, `.png` ...).  A part
left out of a gold file is not scored for that document.  `score_records` scores records already
extracted (against gold folders or gold dicts); `evaluate` extracts the documents first.
"""
from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import GoldFormatError
from .match import (
    canon_symbol,
    citation_key,
    dedupe,
    greedy_match,
    norm,
    plain_number,
    ratio,
    same_body_name,
    starts_match,
    strongest_relation,
)

# The reference scorer's header fields (parent_issuer is not scored).
HEADER_FIELDS = ("system", "issuer", "doc_type", "number", "symbol", "date", "place", "title",
                 "signer.name", "signer.position")
FUZZY_FIELDS = {"issuer", "title", "place", "signer.position"}
PARTS = ("tasks", "bodies", "bodies_unlabeled", "deadlines", "citations")
DOC_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: PRF) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @classmethod
    def of(cls, matched: int, predicted: int, gold: int) -> PRF:
        return cls(matched, predicted - matched, gold - matched)

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def to_dict(self) -> dict[str, float]:
        return {"tp": self.tp, "fp": self.fp, "fn": self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "f1": round(self.f1, 4)}


@dataclass
class DocScore:
    file: str
    header: dict[str, bool] = field(default_factory=dict)
    parts: dict[str, PRF] = field(default_factory=dict)
    relation: list[bool] = field(default_factory=list)
    misses: list[str] = field(default_factory=list)
    error: str | None = None


def _get(d: Any, dotted: str) -> Any:
    cur: Any = d
    for k in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(k)
    if isinstance(cur, dict) and "name" in cur:     # issuer: {"name", "span"}
        cur = cur["name"]
    return cur


def header_field_ok(fieldname: str, gold: Any, pred: Any) -> bool:
    """Whether a predicted header field matches the gold one (GOLD.md's rule for that field)."""
    if gold in (None, ""):
        return pred in (None, "", [], {})
    if pred in (None, ""):
        return False
    if fieldname == "symbol":
        return canon_symbol(gold) == canon_symbol(pred)
    if fieldname == "number":
        return plain_number(gold) == plain_number(pred)
    if fieldname == "issuer" and set(norm(gold).split()) <= set(norm(pred).split()):
        return True         # the prediction names the same organ more fully
    if fieldname in FUZZY_FIELDS:
        return ratio(gold, pred) >= 90
    return norm(gold) == norm(pred)


def _score_header(gh: dict, ph: dict, ds: DocScore) -> None:
    for f in HEADER_FIELDS:
        if f.startswith("signer") and not isinstance(gh.get("signer"), dict):
            continue
        gval, pval = _get(gh, f), _get(ph, f)
        ok = header_field_ok(f, gval, pval)
        ds.header[f] = ok
        if not ok:
            ds.misses.append(f"header.{f}: gold {gval!r}, got {pval!r}")


def _score_tasks(gtasks: list, ptasks: list, ds: DocScore) -> None:
    by_path = {t.get("path"): t for t in ptasks}
    matched = 0
    for gt in gtasks:
        pt = by_path.get(gt["path"])
        if pt is not None and starts_match(gt.get("starts", ""), pt.get("text", "")):
            matched += 1
        else:
            ds.misses.append(f"task {gt['path']} {gt.get('starts', '')[:40]!r}: "
                             + ("missing" if pt is None else f"got {pt.get('text', '')[:40]!r}"))
    gold_paths = {t["path"] for t in gtasks}
    for path, pt in by_path.items():
        if path not in gold_paths:
            ds.misses.append(f"task {path}: extra {pt.get('text', '')[:40]!r}")
    ds.parts["tasks"] = PRF.of(matched, len(by_path), len(gtasks))


def _score_bodies(gtasks: list, ptasks: list, ds: DocScore) -> None:
    gb = dedupe((t["path"], b["role"], b["name"]) for t in gtasks for b in t.get("bodies", []))
    pb = dedupe((t.get("path"), b.get("role"), b.get("name")) for t in ptasks
                for b in t.get("bodies") or [] if not b.get("inherited"))
    tp, gold_left, pred_left = greedy_match(
        gb, pb, lambda g, p: g[0] == p[0] and g[1] == p[1] and same_body_name(g[2], p[2]))
    ds.parts["bodies"] = PRF.of(tp, len(pb), len(gb))
    ds.misses += [f"body {g[0]}: missing {g[1]} {g[2]!r}" for g in gold_left]
    ds.misses += [f"body {p[0]}: extra {p[1]} {p[2]!r}" for p in pred_left]
    tp_any, _, _ = greedy_match(gb, pb, lambda g, p: g[0] == p[0] and same_body_name(g[2], p[2]))
    ds.parts["bodies_unlabeled"] = PRF.of(tp_any, len(pb), len(gb))


def _score_deadlines(gtasks: list, ptasks: list, ds: DocScore) -> None:
    gd = dedupe((t["path"], d["kind"], str(d.get("value"))) for t in gtasks for d in t.get("deadlines", []))
    pd = dedupe((t.get("path"), d.get("kind"), str(d.get("value"))) for t in ptasks
                for d in t.get("deadlines") or [])
    tp, gold_left, pred_left = greedy_match(
        gd, pd, lambda g, p: g[0] == p[0] and g[1] == p[1] and norm(g[2]) == norm(p[2]))
    ds.parts["deadlines"] = PRF.of(tp, len(pd), len(gd))
    ds.misses += [f"deadline {g[0]}: missing {g[1]} {g[2]}" for g in gold_left]
    ds.misses += [f"deadline {p[0]}: extra {p[1]} {p[2]}" for p in pred_left]


def _score_citations(gcites: list, pcites: list, ds: DocScore) -> None:
    """One entry per distinct document on each side; a predicted document's relation is the strongest
    among its mentions.  A gold citation without a symbol also finds a prediction by type and number."""
    gold: dict[tuple, dict] = {}
    for c in gcites:
        gold.setdefault(citation_key(c), c)
    pred: dict[tuple, list] = {}
    by_type_number: dict[tuple, tuple] = {}
    for c in pcites:
        key = citation_key(c)
        pred.setdefault(key, []).append(c.get("relation"))
        by_type_number.setdefault(citation_key({"doc_type": c.get("doc_type"), "number": c.get("number")}), key)
    hit_keys: set[tuple] = set()
    for key, c in gold.items():
        hit = key if key in pred else (by_type_number.get(key) if key[0] == "typ" else None)
        if hit is None or hit in hit_keys:
            ds.misses.append(f"citation missing: {' '.join(key[1:])} {c.get('text', '')[:60]!r}")
            continue
        hit_keys.add(hit)
        want, got = c.get("relation") or "mentions", strongest_relation(pred[hit])
        ds.relation.append(got == want)
        if got != want:
            ds.misses.append(f"citation {' '.join(key[1:])}: relation {want}, got {got}")
    ds.misses += [f"citation extra: {' '.join(k[1:])}" for k in pred if k not in hit_keys]
    ds.parts["citations"] = PRF.of(len(hit_keys), len(pred), len(gold))


def score_document(gold: dict, record: dict) -> DocScore:
    """Score one record against one gold dict; parts the gold leaves out are not scored."""
    ds = DocScore(file=gold.get("file", "?"))
    if "header" in gold:
        _score_header(gold["header"] or {}, record.get("header") or {}, ds)
    if "tasks" in gold:
        gtasks, ptasks = gold["tasks"] or [], record.get("tasks") or []
        _score_tasks(gtasks, ptasks, ds)
        _score_bodies(gtasks, ptasks, ds)
        _score_deadlines(gtasks, ptasks, ds)
    if "citations" in gold:
        _score_citations(gold["citations"] or [], record.get("citations") or [], ds)
    return ds


def find_gold(dirs: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs of every `NAME.gold.json` with its document beside it."""
    pairs = []
    for d in dirs:
        d = Path(d)
        golds = [d] if d.is_file() else sorted(d.glob("*.gold.json"))
        for g in golds:
            stem = g.name[: -len(".gold.json")]
            declared = _read_gold(g).get("file")
            cands = ([g.parent / declared] if declared else []) + [g.parent / (stem + ext) for ext in DOC_EXTENSIONS]
            doc = next((c for c in cands if c.exists()), None)
            if doc is None:
                raise GoldFormatError("no document beside this gold file", path=str(g))
            pairs.append((doc, g))
    return pairs


def _read_gold(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, OSError) as e:
        raise GoldFormatError(f"cannot read gold file: {e}", path=str(path)) from e


def _stem(path: Any) -> str:
    name = Path(str(path or "")).name
    return name[: -len(".gold.json")] if name.endswith(".gold.json") else Path(name).stem


@dataclass
class Report:
    docs: list[DocScore]
    missing: list[str] = field(default_factory=list)   # gold documents no record was given for

    def header_accuracy(self) -> dict[str, float]:
        out = {}
        for f in HEADER_FIELDS:
            vals = [d.header[f] for d in self.docs if f in d.header]
            if vals:
                out[f] = sum(vals) / len(vals)
        return out

    def header_mean(self) -> float:
        """Micro-average over every scored field of every document, as the reference scorer."""
        vals = [ok for d in self.docs for ok in d.header.values()]
        return sum(vals) / len(vals) if vals else 0.0

    def part(self, name: str) -> PRF:
        total = PRF()
        for d in self.docs:
            if name in d.parts:
                total.add(d.parts[name])
        return total

    def relation_accuracy(self) -> float | None:
        rel = [r for d in self.docs for r in d.relation]
        return sum(rel) / len(rel) if rel else None

    def to_dict(self, by_doc: bool = False) -> dict[str, Any]:
        acc = self.relation_accuracy()
        out: dict[str, Any] = {
            "documents": len(self.docs),
            "missing_predictions": list(self.missing),
            "header": {"mean_accuracy": round(self.header_mean(), 4),
                       **{k: round(v, 4) for k, v in self.header_accuracy().items()}},
            "parts": {p: self.part(p).to_dict() for p in PARTS},
            "relation_accuracy": None if acc is None else round(acc, 4),
            "errors": [{"file": d.file, "error": d.error} for d in self.docs if d.error],
        }
        if by_doc:
            out["by_doc"] = [{"file": d.file, "misses": d.misses, "error": d.error} for d in self.docs]
        return out

    def table(self, by_doc: bool = False) -> str:
        lines = [f"Documents scored: {len(self.docs)}", "", "Header accuracy"]
        for k, v in self.header_accuracy().items():
            lines.append(f"  {k:<18} {_fig(v)}")
        # (a part nothing was annotated or predicted for scores 1.0 in GOLD.md's arithmetic: shown as n/a, the figures
        # of `to_dict` unchanged)
        mean = _fig(self.header_mean()) if self.header_accuracy() else "   n/a (no header gold)"
        lines.append(f"  {'mean':<18} {mean}")
        lines += ["", f"  {'part':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for p in PARTS:
            r = self.part(p)
            figs = " ".join(_fig(x) for x in (r.precision, r.recall, r.f1)) if r.tp + r.fp + r.fn \
                else f"{'n/a':>6} {'n/a':>6} {'n/a':>6}"
            lines.append(f"  {p:<18} {figs} {r.tp + r.fn:6d} {r.tp + r.fp:6d}")
        acc = self.relation_accuracy()
        lines.append(f"  {'relation accuracy':<18} " + ("   n/a" if acc is None else _fig(acc)))
        lines += [f"  ERROR {d.file}: {d.error}" for d in self.docs if d.error]
        lines += [f"  NO RECORD {name}" for name in self.missing]
        if by_doc:
            for d in self.docs:
                if d.misses:
                    lines += ["", f"== {d.file} ({len(d.misses)} misses)"] + [f"  {m}" for m in d.misses]
        return "\n".join(lines)


def score_records(records: Iterable[dict], gold: Iterable[str | Path | dict]) -> Report:
    """Score records already extracted against gold: folders of `*.gold.json`, gold files, or gold
    dicts (each with its `file`).  A record is found by its source file's name without extension; a
    gold document with no record is scored against an empty one and listed in `missing`."""
    by_name = {}
    for r in records:
        src = (r.get("source") or {}).get("path") or r.get("path") or ""
        by_name[_stem(src)] = r
    golds: list[tuple[str, dict]] = []
    for g in gold:
        if isinstance(g, dict):
            golds.append((_stem(g.get("file")), g))
            continue
        p = Path(g)
        files = [p] if p.is_file() else sorted(p.rglob("*.gold.json"))
        for f in files:
            data = _read_gold(f)
            golds.append((_stem(data.get("file") or f), data))
    docs, missing = [], []
    for name, g in golds:
        if name not in by_name:
            missing.append(name)
        docs.append(score_document({"file": name, **g}, by_name.get(name, {})))
    return Report(docs, missing)


def evaluate(dirs: Iterable[str | Path], extract_fn: Callable[[Path], dict]) -> Report:
    """Extract every document that has gold beside it and score it."""
    from ..errors import ChithiError

    docs = []
    for doc_path, gold_path in find_gold(dirs):
        gold = _read_gold(gold_path)
        gold.setdefault("file", doc_path.name)
        try:
            record = extract_fn(doc_path)
        except ChithiError as e:
            ds = score_document(gold, {})
            ds.error = str(e)
            docs.append(ds)
            continue
        docs.append(score_document(gold, record))
    return Report(docs)


def _fig(x: float) -> str:
    """A figure of the report as the reference scorer prints it: rounded to 4 places, shown to 3 (so both
    print 0.922 for 988/1071 = 0.92250..., not one 0.922 and the other 0.923)."""
    return f"{round(x, 4):6.3f}"
