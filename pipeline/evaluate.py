"""Scoring against gold files, exactly as GOLD.md defines it.

A gold file `NAME.gold.json` sits beside its document (`NAME.txt`, `.md`, `.pdf`, `.png` ...).  A part
left out of a gold file is not scored for that document.  Text is compared after NFC, case folding
and collapsing spaces; header fields report accuracy, the other parts micro-averaged P/R/F1.
"""
from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

from rapidfuzz import fuzz

from .errors import GoldFormatError
from .normalize import normalize_chars

HEADER_FIELDS = ("system", "issuer", "parent_issuer", "doc_type", "number", "symbol", "date", "place", "title",
                 "signer.name", "signer.position")
FUZZY_FIELDS = {"title", "place", "signer.position"}
ORGAN_FIELDS = {"issuer", "parent_issuer"}
DOC_EXTENSIONS = (".txt", ".md", ".html", ".htm", ".docx", ".pdf", ".png", ".jpg", ".jpeg", ".tif", ".tiff")


def norm(s: Any) -> str:
    if s is None:
        return ""
    s = normalize_chars(str(s))
    return re.sub(r"\s+", " ", s).strip().casefold()


@dataclass
class PRF:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: "PRF") -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

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


def _get(d: dict, dotted: str) -> Any:
    cur: Any = d
    for k in dotted.split("."):
        if not isinstance(cur, dict):
            return None
        cur = cur.get(k)
    if isinstance(cur, dict) and "name" in cur:     # issuer: {"name", "span"}
        cur = cur["name"]
    return cur


def header_field_ok(fieldname: str, gold: Any, pred: Any) -> bool:
    g, p = norm(gold), norm(pred)
    if not g or not p:
        return g == p
    if fieldname in FUZZY_FIELDS:
        return fuzz.ratio(g, p) >= 90
    if fieldname in ORGAN_FIELDS:
        return fuzz.ratio(g, p) >= 90 or all(w in p.split() for w in g.split())
    return g == p


def _match_sets(gold: list, pred: list, same: Callable[[Any, Any], bool]) -> tuple[int, list, list]:
    """Greedy one-to-one matching; returns (matches, unmatched gold, unmatched pred)."""
    pred_left = list(pred)
    g_left = []
    tp = 0
    for g in gold:
        for k, p in enumerate(pred_left):
            if same(g, p):
                tp += 1
                del pred_left[k]
                break
        else:
            g_left.append(g)
    return tp, g_left, pred_left


def _dedupe(items: Iterable[tuple]) -> list[tuple]:
    seen, out = set(), []
    for it in items:
        key = tuple(norm(x) for x in it)
        if key not in seen:
            seen.add(key)
            out.append(it)
    return out


def score_document(gold: dict, record: dict) -> DocScore:
    ds = DocScore(file=gold.get("file", "?"))
    gh, ph = gold.get("header"), record.get("header") or {}
    if gh is not None:
        for f in HEADER_FIELDS:
            top = f.split(".")[0]
            if top not in gh:
                continue
            gval = _get(gh, f)
            ok = header_field_ok(f, gval, _get(ph, f))
            ds.header[f] = ok
            if not ok:
                ds.misses.append(f"header.{f}: gold {gval!r}, got {_get(ph, f)!r}")
    pred_tasks = {t["path"]: t for t in record.get("tasks", [])}
    if "tasks" in gold:
        gtasks = gold["tasks"] or []
        t_prf, b_prf, bu_prf, d_prf = PRF(), PRF(), PRF(), PRF()
        gold_paths = {t["path"] for t in gtasks}
        for gt in gtasks:
            pt = pred_tasks.get(gt["path"])
            starts = norm(gt.get("starts", ""))
            if pt is not None and fuzz.partial_ratio(starts, norm(pt["text"])[: len(starts) + 15]) >= 90:
                t_prf.tp += 1
            else:
                t_prf.fn += 1
                ds.misses.append(f"task {gt['path']} {gt.get('starts', '')[:40]!r}: "
                                 + ("missing" if pt is None else f"got {pt['text'][:40]!r}"))
            gb = _dedupe((b["role"], b["name"]) for b in gt.get("bodies", []))
            pb = _dedupe((b["role"], b["name"]) for b in (pt or {}).get("bodies", []) if not b.get("inherited"))
            _score_bodies(gb, pb, b_prf, bu_prf, ds, gt["path"])
            gd = _dedupe((d["kind"], d["value"]) for d in gt.get("deadlines", []))
            pd = _dedupe((d["kind"], d["value"]) for d in (pt or {}).get("deadlines", []))
            tp, gl, pl = _match_sets(gd, pd, lambda a, b: norm(a[0]) == norm(b[0]) and norm(a[1]) == norm(b[1]))
            d_prf.add(PRF(tp, len(pl), len(gl)))
            for g in gl:
                ds.misses.append(f"deadline {gt['path']}: missing {g}")
            for p in pl:
                ds.misses.append(f"deadline {gt['path']}: extra {p}")
        for path, pt in pred_tasks.items():
            if path not in gold_paths:
                t_prf.fp += 1
                ds.misses.append(f"task {path}: extra {pt['text'][:40]!r}")
                pb = _dedupe((b["role"], b["name"]) for b in pt.get("bodies", []) if not b.get("inherited"))
                b_prf.fp += len(pb)
                bu_prf.fp += len({norm(n) for _, n in pb})
                d_prf.fp += len(_dedupe((d["kind"], d["value"]) for d in pt.get("deadlines", [])))
        ds.parts.update(tasks=t_prf, bodies=b_prf, bodies_unlabeled=bu_prf, deadlines=d_prf)
    if "citations" in gold:
        gc = gold["citations"] or []
        pc = record.get("citations", [])

        def same(g, p):
            if g.get("symbol"):
                return bool(p.get("symbol")) and norm(g["symbol"]) == norm(p["symbol"])
            return (not p.get("symbol") and norm(g.get("doc_type")) == norm(p.get("doc_type"))
                    and norm(g.get("number")) == norm(p.get("number")))

        c_prf = PRF()
        pred_left = list(pc)
        for g in gc:
            for k, p in enumerate(pred_left):
                if same(g, p):
                    c_prf.tp += 1
                    ds.relation.append(g.get("relation") == p.get("relation"))
                    if g.get("relation") != p.get("relation"):
                        ds.misses.append(f"citation {g.get('symbol') or g.get('number')}: relation "
                                         f"{g.get('relation')} got {p.get('relation')}")
                    del pred_left[k]
                    break
            else:
                c_prf.fn += 1
                ds.misses.append(f"citation missing: {g.get('text', '')[:70]!r}")
        c_prf.fp = len(pred_left)
        for p in pred_left:
            ds.misses.append(f"citation extra: {p.get('text', '')[:70]!r}")
        ds.parts["citations"] = c_prf
    return ds


def _score_bodies(gb, pb, b_prf: PRF, bu_prf: PRF, ds: DocScore, path: str) -> None:
    def same_named(a, b):
        return fuzz.token_set_ratio(norm(a[1]), norm(b[1])) >= 85

    tp, gl, pl = _match_sets(gb, pb, lambda a, b: a[0] == b[0] and same_named(a, b))
    b_prf.add(PRF(tp, len(pl), len(gl)))
    for g in gl:
        ds.misses.append(f"body {path}: missing {g[0]} {g[1]!r}")
    for p in pl:
        ds.misses.append(f"body {path}: extra {p[0]} {p[1]!r}")
    gu = _dedupe((n,) for _, n in gb)
    pu = _dedupe((n,) for _, n in pb)
    tp, gl, pl = _match_sets(gu, pu, lambda a, b: fuzz.token_set_ratio(norm(a[0]), norm(b[0])) >= 85)
    bu_prf.add(PRF(tp, len(pl), len(gl)))


def find_gold(dirs: Iterable[str | Path]) -> list[tuple[Path, Path]]:
    """(document, gold) pairs of every `NAME.gold.json` with its document beside it."""
    pairs = []
    for d in dirs:
        d = Path(d)
        golds = [d] if d.is_file() else sorted(d.glob("*.gold.json"))
        for g in golds:
            stem = g.name[: -len(".gold.json")]
            try:
                declared = json.loads(g.read_text(encoding="utf-8")).get("file")
            except (json.JSONDecodeError, OSError) as e:
                raise GoldFormatError(f"cannot read gold file: {e}", path=str(g)) from e
            cands = ([g.parent / declared] if declared else []) + [g.parent / (stem + ext) for ext in DOC_EXTENSIONS]
            doc = next((c for c in cands if c.exists()), None)
            if doc is None:
                raise GoldFormatError("no document beside this gold file", path=str(g))
            pairs.append((doc, g))
    return pairs


@dataclass
class Report:
    docs: list[DocScore]

    def header_accuracy(self) -> dict[str, float]:
        out = {}
        for f in HEADER_FIELDS:
            vals = [d.header[f] for d in self.docs if f in d.header]
            if vals:
                out[f] = sum(vals) / len(vals)
        return out

    def header_mean(self) -> float:
        acc = self.header_accuracy()
        return sum(acc.values()) / len(acc) if acc else 0.0

    def part(self, name: str) -> PRF:
        total = PRF()
        for d in self.docs:
            if name in d.parts:
                total.add(d.parts[name])
        return total

    def relation_accuracy(self) -> float:
        rel = [r for d in self.docs for r in d.relation]
        return sum(rel) / len(rel) if rel else 1.0

    def to_dict(self, by_doc: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": len(self.docs),
            "header": {"mean_accuracy": round(self.header_mean(), 4),
                       **{k: round(v, 4) for k, v in self.header_accuracy().items()}},
            "parts": {p: self.part(p).to_dict() for p in ("tasks", "bodies", "bodies_unlabeled", "deadlines", "citations")},
            "relation_accuracy": round(self.relation_accuracy(), 4),
            "errors": [{"file": d.file, "error": d.error} for d in self.docs if d.error],
        }
        if by_doc:
            out["by_doc"] = [{"file": d.file, "misses": d.misses, "error": d.error} for d in self.docs]
        return out

    def table(self, by_doc: bool = False) -> str:
        lines = [f"Documents scored: {len(self.docs)}", "", "Header accuracy"]
        for k, v in self.header_accuracy().items():
            lines.append(f"  {k:<18} {v:6.3f}")
        lines.append(f"  {'mean':<18} {self.header_mean():6.3f}")
        lines += ["", f"  {'part':<18} {'P':>6} {'R':>6} {'F1':>6} {'gold':>6} {'pred':>6}"]
        for p in ("tasks", "bodies", "bodies_unlabeled", "deadlines", "citations"):
            r = self.part(p)
            lines.append(f"  {p:<18} {r.precision:6.3f} {r.recall:6.3f} {r.f1:6.3f} {r.tp + r.fn:6d} {r.tp + r.fp:6d}")
        lines.append(f"  {'relation accuracy':<18} {self.relation_accuracy():6.3f}")
        for d in self.docs:
            if d.error:
                lines.append(f"  ERROR {d.file}: {d.error}")
        if by_doc:
            for d in self.docs:
                if d.misses:
                    lines += ["", f"== {d.file} ({len(d.misses)} misses)"] + [f"  {m}" for m in d.misses]
        return "\n".join(lines)


def evaluate(dirs: Iterable[str | Path], extract_fn: Callable[[Path], dict]) -> Report:
    """Extract every document that has gold beside it and score it."""
    from .errors import ChithiError

    docs = []
    for doc_path, gold_path in find_gold(dirs):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
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
