#!/usr/bin/env python3
# A copy of shared/blind/gold_score.py, the reference implementation of GOLD.md's scoring, so that
# tests/test_evaluate.py checks `chithi evaluate` against it in a clone without the shared folder.
"""Score extractor output (SCHEMA.md records, JSONL) against gold files (GOLD.md).

Usage: score.py --gold DIR --pred OUT.jsonl [--json] [--by-doc]
Standard library only, so it runs on a bare machine.
"""
import argparse
import difflib
import glob
import json
import os
import re
import sys
import unicodedata

ROLE_ORDER = ["based_on", "implements", "continues", "replaces", "amends", "repeals", "guides", "mentions"]
DASHES = dict.fromkeys(map(ord, "\u2010\u2011\u2012\u2013\u2014\u2212"), "-")


TONES = "\u0300\u0301\u0303\u0309\u0323"
# Old and new tone placement (`hòa`/`hoà`, `ủy`/`uỷ`, `khỏe`/`khoẻ`) spell the same word: put the
# mark on the first vowel of a final oa, oe, uy.
TONE_LATE = re.compile(rf"([oOuU])([aAeEyY])([{TONES}])(?![^\W\d_])")


def fold_tones(s):
    return unicodedata.normalize("NFC", TONE_LATE.sub(r"\1\3\2", unicodedata.normalize("NFD", s)))


def norm(s):
    if s is None:
        return ""
    s = fold_tones(unicodedata.normalize("NFC", str(s))).translate(DASHES).replace("\u00d0", "\u0110")
    s = re.sub(r"\s+", " ", s.casefold()).strip()
    return s.strip(" .,;:\"'“”‘’()")


def ratio(a, b):
    a, b = norm(a), norm(b)
    if not a and not b:
        return 100.0
    return 100.0 * difflib.SequenceMatcher(None, a, b).ratio()


def token_set_ratio(a, b):
    ta, tb = set(norm(a).split()), set(norm(b).split())
    if not ta or not tb:
        return 100.0 if ta == tb else 0.0
    inter = " ".join(sorted(ta & tb))
    ra = " ".join(sorted(ta - tb))
    rb = " ".join(sorted(tb - ta))
    s1 = (inter + " " + ra).strip()
    s2 = (inter + " " + rb).strip()
    best = max(ratio(inter, s1) if inter else 0, ratio(inter, s2) if inter else 0, ratio(s1, s2))
    return best


def same_name(a, b):
    """A body's name matches when the strings are close, or when the words are, with at most one
    word more or fewer: `lực lượng` for `lực lượng y tế cơ sở` is a boundary error, not a match."""
    if ratio(a, b) >= 85:
        return True
    def words(s):  # plural and address words (`các`, `những`, `đồng chí`) do not change the body
        return [w for w in norm(s).split() if w not in ("các", "những", "đồng", "chí")]
    return token_set_ratio(a, b) >= 85 and abs(len(words(a)) - len(words(b))) <= 1


def starts_match(starts, text):
    a, b = norm(starts), norm(text)
    if not a:
        return True
    if b.startswith(a):
        return True
    window = b[: len(a) + 12]
    m = difflib.SequenceMatcher(None, a, window)
    blocks = sum(x.size for x in m.get_matching_blocks())
    return 100.0 * blocks / len(a) >= 90


def canon_symbol(s):
    if not s:
        return ""
    s = unicodedata.normalize("NFC", s).translate(DASHES).replace("\u00d0", "\u0110")
    s = re.sub(r"\s+", "", s).upper()
    return re.sub(r"^0+(?=\d)", "", s)


def cite_key(c):
    sym = canon_symbol(c.get("symbol"))
    if sym:
        return ("sym", sym)
    num = re.sub(r"^0+(?=\d)", "", str(c.get("number") or "").strip())
    return ("typ", norm(c.get("doc_type")), num)


def get(d, dotted):
    for part in dotted.split("."):
        if not isinstance(d, dict):
            return None
        d = d.get(part)
    if isinstance(d, dict) and "name" in d:
        d = d.get("name")
    return d


HEADER_FIELDS = ["system", "issuer", "doc_type", "number", "symbol", "date", "place", "title",
                 "signer.name", "signer.position"]
FUZZY_FIELDS = {"issuer", "title", "signer.position", "place"}


def header_correct(field, g, p):
    if g in (None, ""):
        return p in (None, "", [], {})
    if p in (None, ""):
        return False
    if field == "symbol":
        return canon_symbol(g) == canon_symbol(p)
    if field == "number":
        return re.sub(r"^0+(?=\d)", "", str(g)) == re.sub(r"^0+(?=\d)", "", str(p))
    if field == "issuer" and set(norm(g).split()) <= set(norm(p).split()):
        return True  # the prediction names the same organ more specifically
    if field in FUZZY_FIELDS:
        return ratio(g, p) >= 90
    return norm(g) == norm(p)


class PRF:
    def __init__(self):
        self.tp = self.fp = self.fn = 0

    def add(self, tp, npred, ngold):
        self.tp += tp
        self.fp += npred - tp
        self.fn += ngold - tp

    def row(self):
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"p": round(p, 4), "r": round(r, 4), "f1": round(f, 4), "tp": self.tp, "fp": self.fp, "fn": self.fn}


def greedy(golds, preds, ok):
    used, tp = set(), 0
    for g in golds:
        for j, p in enumerate(preds):
            if j not in used and ok(g, p):
                used.add(j)
                tp += 1
                break
    return tp


def dedupe(triples):
    """One entry per (path, role or kind, normalized value): repeating a phrase states nothing new."""
    seen, out = set(), []
    for t in triples:
        key = (t[0], t[1], norm(t[2]))
        if key not in seen:
            seen.add(key)
            out.append(t)
    return out


def strongest(rels):
    rels = [r for r in rels if r in ROLE_ORDER] or ["mentions"]
    return min(rels, key=ROLE_ORDER.index)


def score(gold_dir, records):
    by_name = {}
    for r in records:
        path = (r.get("source") or {}).get("path") or r.get("path") or ""
        by_name[os.path.splitext(os.path.basename(path))[0]] = r
    hdr = {f: [0, 0] for f in HEADER_FIELDS}
    tasks, bodies, bodies_any, dls, cites = PRF(), PRF(), PRF(), PRF(), PRF()
    rel = [0, 0]
    missing, per_doc = [], {}
    for gpath in sorted(glob.glob(os.path.join(gold_dir, "**", "*.gold.json"), recursive=True)):
        gold = json.load(open(gpath, encoding="utf-8"))
        name = os.path.splitext(os.path.basename(gold.get("file") or gpath.replace(".gold.json", "")))[0]
        pred = by_name.get(name)
        if pred is None:
            missing.append(name)
            pred = {}
        doc = {}
        if "header" in gold:
            ph = pred.get("header") or {}
            for f in HEADER_FIELDS:
                g = get(gold["header"], f)
                if f.startswith("signer") and not isinstance(gold["header"].get("signer"), dict):
                    continue
                ok = header_correct(f, g, get(ph, f))
                hdr[f][0] += ok
                hdr[f][1] += 1
                if not ok:
                    doc.setdefault("header_wrong", []).append(f)
        if "tasks" in gold:
            gt = gold["tasks"]
            pt = {t.get("path"): t for t in pred.get("tasks") or []}
            tp = sum(1 for t in gt if t["path"] in pt and starts_match(t.get("starts", ""), pt[t["path"]].get("text", "")))
            tasks.add(tp, len(pt), len(gt))
            doc["tasks"] = (tp, len(pt), len(gt))
            gb = dedupe((t["path"], b["role"], b["name"]) for t in gt for b in t.get("bodies", []))
            pb = dedupe((t.get("path"), b.get("role"), b.get("name")) for t in pred.get("tasks") or []
                        for b in t.get("bodies") or [] if not b.get("inherited"))
            tpb = greedy(gb, pb, lambda g, p: g[0] == p[0] and g[1] == p[1] and same_name(g[2], p[2]))
            bodies.add(tpb, len(pb), len(gb))
            tpa = greedy(gb, pb, lambda g, p: g[0] == p[0] and same_name(g[2], p[2]))
            bodies_any.add(tpa, len(pb), len(gb))
            doc["bodies"] = (tpb, len(pb), len(gb))
            gd = dedupe((t["path"], d["kind"], str(d.get("value"))) for t in gt for d in t.get("deadlines", []))
            pd = dedupe((t.get("path"), d.get("kind"), str(d.get("value"))) for t in pred.get("tasks") or []
                        for d in t.get("deadlines") or [])
            tpd = greedy(gd, pd, lambda g, p: g[0] == p[0] and g[1] == p[1] and norm(g[2]) == norm(p[2]))
            dls.add(tpd, len(pd), len(gd))
            doc["deadlines"] = (tpd, len(pd), len(gd))
        if "citations" in gold:
            gc = {}
            for c in gold["citations"]:
                gc.setdefault(cite_key(c), c)
            pc, alt = {}, {}
            for c in pred.get("citations") or []:
                k = cite_key(c)
                pc.setdefault(k, []).append(c.get("relation"))
                alt.setdefault(("typ",) + cite_key({"doc_type": c.get("doc_type"), "number": c.get("number")})[1:], k)
            matched, hit_keys = 0, set()
            for k, c in gc.items():
                hit = k if k in pc else (alt.get(k) if k[0] == "typ" else None)
                if hit is not None and hit not in hit_keys:
                    hit_keys.add(hit)
                    matched += 1
                    rel[1] += 1
                    rel[0] += strongest(pc[hit]) == (c.get("relation") or "mentions")
            cites.add(matched, len(pc), len(gc))
            doc["citations"] = (matched, len(pc), len(gc))
            doc["citations_missed"] = [" ".join(k[1:]) for k in gc if k not in pc and alt.get(k) not in hit_keys]
            doc["citations_extra"] = [" ".join(k[1:]) for k in pc if k not in hit_keys]
        per_doc[name] = doc
    out = {
        "documents": len(per_doc), "missing_predictions": missing,
        "header": {f: round(a / n, 4) if n else None for f, (a, n) in hdr.items()},
        "header_mean": round(sum(a for a, _ in hdr.values()) / max(1, sum(n for _, n in hdr.values())), 4),
        "tasks": tasks.row(), "bodies": bodies.row(), "bodies_unlabeled": bodies_any.row(),
        "deadlines": dls.row(), "citations": cites.row(),
        "citation_relation_acc": round(rel[0] / rel[1], 4) if rel[1] else None,
    }
    return out, per_doc


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold", required=True)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--by-doc", action="store_true")
    a = ap.parse_args()
    records = [json.loads(l) for l in open(a.pred, encoding="utf-8") if l.strip()]
    out, per_doc = score(a.gold, records)
    if a.by_doc:
        out["per_doc"] = per_doc
    if a.json:
        print(json.dumps(out, ensure_ascii=False, indent=1))
        return
    print(f"documents {out['documents']}  missing {len(out['missing_predictions'])}")
    print("header mean acc %.3f  " % out["header_mean"] + "  ".join(
        f"{k}={v:.2f}" for k, v in out["header"].items() if v is not None))
    for part in ["tasks", "bodies", "bodies_unlabeled", "deadlines", "citations"]:
        r = out[part]
        print(f"{part:17s} P {r['p']:.3f}  R {r['r']:.3f}  F1 {r['f1']:.3f}   (tp {r['tp']} fp {r['fp']} fn {r['fn']})")
    print("citation relation acc", out["citation_relation_acc"])
    if a.by_doc:
        for n, d in per_doc.items():
            print(n, {k: v for k, v in d.items()})


if __name__ == "__main__":
    sys.exit(main())
