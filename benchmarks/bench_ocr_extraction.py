"""Extraction quality on scans against the same documents as text: what OCR costs, in F1 points.

    python benchmarks/bench_ocr_extraction.py                     # every dev gold document
    python benchmarks/bench_ocr_extraction.py --docs 8            # the first 8 (sorted by name)
    python benchmarks/bench_ocr_extraction.py --only cd-37-2025-ttg-ocr,tb-627-2025-vpcp --by-doc

For every dev document with gold (`NAME.gold.json` beside `NAME.txt`, corpora/dev or
$CHITHI_DEV), three extractions are scored against the gold with `pipeline.evaluate.score`:

- text:    the document file as it is (what the gold was annotated on);
- printed: the text that is drawn on the pages (`printed_text`: markdown emphasis, table bars and
           rule lines dropped, since a printed page shows none of them), extracted as text;
- scan:    that printed text rendered by `tests.support.scanrender` into A4 pages at 300 dpi (two-column
           header, red `HỎA TỐC` stamp, an e-signature block in blue when the text opens with one,
           red round seal and pen scribble over the end of the text, which ends with its own
           signature block; skew, blur, noise; seed = the document's index), saved as an image-only
           PDF (JPEG pages) and run through the full pipeline (`pipeline.extract.extract` on the
           file: OCR path, Tesseract `vie`).

The table gives header accuracy (mean over fields), tasks, citations, bodies and deadlines F1 for
each, and the differences scan - text and scan - printed in points (the criterion: within 5 points).
scan - printed isolates the OCR layer; printed - text is what rendering drops (tables have no ruled
cells in scanrender: a table row is printed as one line).

OCR results are cached by image content (`CHITHI_CACHE`, default here /tmp/chithi-bench-ocr-cache),
so a rerun after a change of the layout or of later stages costs seconds per page, not Tesseract
time.  Rendered PDFs, the OCR'd text of each scan and the per-document misses go to --out.

Library use: `run_benchmark(...)` returns a `BenchResult`; `format_table(result)` prints it;
`score_gap(...)` gives the points the scan loses against the text per part.

All 23 dev gold documents make 106 pages; a first run (every page through Tesseract) takes about
5-8 minutes on 2 cores, a rerun with the cache about 30 s.
"""
from __future__ import annotations

import argparse
import hashlib
import json
import os
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
if ROOT not in sys.path:
    sys.path.insert(0, ROOT)

DEV = os.environ.get("CHITHI_DEV", os.path.join(ROOT, "corpora", "dev"))
DEFAULT_OUT = "/tmp/chithi-bench-ocr-extraction"
DEFAULT_CACHE = "/tmp/chithi-bench-ocr-cache"
MODES = ("text", "printed", "scan")
RENDER_VERSION = "r5"   # bump when the rendering changes (part of the TIFF name)
PARTS = ("tasks", "citations", "bodies", "deadlines")


# -- the printed text -----------------------------------------------------------------------------

_RULE = re.compile(r"\s*[-_=–—~*]{3,}\s*")
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(\|\s*:?-{2,}:?\s*)*\|?\s*$")


def printed_text(text: str) -> str:
    """The text as a printed page shows it: markdown emphasis (`**`, `__`), heading hashes and
    backslash escapes dropped, a bullet lost in PDF extraction (a line opening with one space)
    printed as `-`, table bars turned into line breaks between cells (scanrender draws
    no ruled tables), separator and rule lines (`|---|`, `-------`) dropped, blank runs collapsed."""
    out: list[str] = []
    src = text.splitlines()
    # a bullet glyph lost in PDF extraction leaves one space before a capital (what normalization
    # reads as a lost bullet): the printed page shows the bullet
    cand = [k for k, ln in enumerate(src) if re.match(r"^ [A-ZÀ-ỸĐ0-9\"“(]", ln)]
    indented = sum(1 for ln in src if ln[:1].isspace() and ln.strip())
    if len(cand) >= 2 and indented <= 0.25 * sum(1 for ln in src if ln.strip()):
        for k in cand:
            src[k] = "- " + src[k].strip()
    for ln in src:
        if _TABLE_SEP.match(ln):
            continue
        ln = re.sub(r"\*{2,3}|_{2,3}|\\(?=[\\`*_{}\[\]()#+\-.!|])|<br\s*/?>", "", ln)
        ln = re.sub(r"^\s{0,3}#{1,6}\s+", "", ln)
        ln = re.sub(r"^(\s*)[*_](?=\S)|(?<=\S)[*_](\s*)$", r"\1", ln)     # *italic line*
        cells = [_RULE.sub(" ", c).strip() for c in ln.split("|")]
        cells = [re.sub(r"\s{2,}", " ", c) for c in cells if c]
        if len(cells) > 2:
            cells = [" ".join(cells)]     # a task table row: one printed line
        for c in cells or [""]:
            if c or (out and out[-1]):
                out.append(c)
    return "\n".join(out).strip() + "\n"


# -- one document -----------------------------------------------------------------------------------

@dataclass
class DocRun:
    name: str
    pages: int = 0
    seconds: float = 0.0
    scores: dict = field(default_factory=dict)      # mode -> DocScore
    errors: dict = field(default_factory=dict)      # mode -> message


@dataclass
class BenchResult:
    docs: list[DocRun]
    seconds: float
    reports: dict                                   # mode -> evaluate.Report

    @property
    def pages(self) -> int:
        return sum(d.pages for d in self.docs)

    def summary(self) -> dict:
        """mode -> {"header": mean accuracy, part: F1, ...} in 0..1."""
        out = {}
        for m, rep in self.reports.items():
            row = {"header": rep.header_mean()}
            for p in PARTS:
                row[p] = rep.part(p).f1
            row["relation"] = rep.relation_accuracy()
            out[m] = row
        return out


def render_pdf(text: str, path: str, seed: int) -> int:
    """Render `text` with scanrender and save the pages as one image-only PDF at 300 dpi (JPEG
    pages, as scanners write them; a lossless TIFF of noisy pages is over the reader's size limit);
    returns the number of pages."""
    from tests.support.scanrender import render_scan

    imgs = render_scan(text, seed=seed, signature=())   # the text ends with its own signature
    imgs[0].save(path, "PDF", save_all=True, append_images=imgs[1:], resolution=300.0, quality=90)
    return len(imgs)


def _pdf_pages(path: str) -> int:
    import pypdfium2 as pdfium

    pdf = pdfium.PdfDocument(path)
    try:
        return len(pdf)
    finally:
        pdf.close()


def run_document(doc_path: Path, gold: dict, seed: int, out_dir: str, *, jobs: int | None = None,
                 modes: tuple[str, ...] = MODES) -> DocRun:
    from pipeline.errors import ChithiError
    from pipeline.evaluate import score_document
    from pipeline.extract import extract

    name = doc_path.name.rsplit(".", 1)[0]
    run = DocRun(name)
    t0 = time.perf_counter()
    raw = doc_path.read_text(encoding="utf-8")
    printed = printed_text(raw)
    records = {}
    for mode in modes:
        try:
            if mode == "text":
                doc = extract(doc_path)
            elif mode == "printed":
                doc = extract(printed, path=doc_path.name)
            else:
                h = hashlib.sha256(f"{RENDER_VERSION}\0{seed}\0{printed}".encode()).hexdigest()[:10]
                pdf = os.path.join(out_dir, f"{name}-{h}.pdf")
                if os.path.exists(pdf):
                    run.pages = _pdf_pages(pdf)
                else:
                    run.pages = render_pdf(printed, pdf, seed)
                doc = extract(Path(pdf), jobs=jobs)
                with open(os.path.join(out_dir, f"{name}.scan.txt"), "w", encoding="utf-8") as f:
                    f.write(doc.text)
            records[mode] = doc.to_dict()
        except ChithiError as e:
            run.errors[mode] = str(e)
            records[mode] = {}
    g = dict(gold)
    g.setdefault("file", doc_path.name)
    for mode, rec in records.items():
        ds = score_document(g, rec)
        ds.error = run.errors.get(mode)
        run.scores[mode] = ds
    with open(os.path.join(out_dir, f"{name}.printed.txt"), "w", encoding="utf-8") as f:
        f.write(printed)
    run.seconds = time.perf_counter() - t0
    return run


# -- the benchmark --------------------------------------------------------------------------------------

def gold_pairs(dev_dir: str = DEV, names: list[str] | None = None, max_docs: int | None = None):
    """(document, gold dict) of the dev gold documents, sorted by name; `names` keeps those (stems),
    `max_docs` the first n."""
    from pipeline.evaluate import find_gold

    pairs = []
    for doc, g in find_gold([dev_dir]):
        stem = doc.name.rsplit(".", 1)[0]
        if names and stem not in names:
            continue
        pairs.append((doc, json.loads(g.read_text(encoding="utf-8"))))
    return pairs[:max_docs] if max_docs else pairs


def run_benchmark(dev_dir: str = DEV, *, names: list[str] | None = None, max_docs: int | None = None,
                  out_dir: str = DEFAULT_OUT, jobs: int | None = None, progress=None) -> BenchResult:
    """Score text, printed and scan extraction of the dev gold documents (see the module doc).
    `progress(DocRun)` is called after each document."""
    from pipeline.evaluate import Report

    os.environ.setdefault("CHITHI_CACHE", DEFAULT_CACHE)
    os.makedirs(out_dir, exist_ok=True)
    t0 = time.perf_counter()
    runs = []
    for k, (doc, gold) in enumerate(gold_pairs(dev_dir, names, max_docs)):
        r = run_document(doc, gold, seed=k, out_dir=out_dir, jobs=jobs)
        runs.append(r)
        if progress:
            progress(r)
    reports = {m: Report([r.scores[m] for r in runs if m in r.scores]) for m in MODES}
    res = BenchResult(runs, time.perf_counter() - t0, reports)
    with open(os.path.join(out_dir, "misses.txt"), "w", encoding="utf-8") as f:
        f.write(format_misses(res))
    return res


def score_gap(dev_dir: str = DEV, **kw) -> dict[str, float]:
    """Points (0-100) the scan loses against the text, per part: header (mean accuracy), tasks,
    citations, bodies, deadlines (F1).  Keywords go to `run_benchmark`."""
    s = run_benchmark(dev_dir, **kw).summary()
    return {k: round(100 * (s["text"][k] - s["scan"][k]), 1) for k in ("header",) + PARTS}


def format_table(res: BenchResult) -> str:
    s = res.summary()
    lines = [f"{len(res.docs)} documents, {res.pages} scanned pages, {res.seconds:.0f} s", "",
             f"  {'':20} {'text':>7} {'printed':>8} {'scan':>7} {'scan-text':>10} {'scan-printed':>13}"]
    for key, label in [("header", "header accuracy"), ("tasks", "tasks F1"), ("citations", "citations F1"),
                       ("bodies", "bodies F1"), ("deadlines", "deadlines F1"), ("relation", "relation acc.")]:
        t, p, c = (100 * s[m][key] for m in MODES)
        lines.append(f"  {label:20} {t:7.1f} {p:8.1f} {c:7.1f} {c - t:+10.1f} {c - p:+13.1f}")
    lines += ["", "  per document (header %, tasks F1, citations F1: text / printed / scan)"]
    for r in res.docs:
        cells = []
        for key in ("header", "tasks", "citations"):
            vals = []
            for m in MODES:
                ds = r.scores.get(m)
                if ds is None:
                    vals.append("  -")
                    continue
                if key == "header":
                    v = 100 * sum(ds.header.values()) / len(ds.header) if ds.header else None
                else:
                    prf = ds.parts.get(key)
                    v = None if prf is None else 100 * prf.f1
                vals.append("  -" if v is None else f"{v:3.0f}")
            cells.append("/".join(vals))
        err = "  ERR " + "; ".join(f"{m}: {e[:60]}" for m, e in r.errors.items()) if r.errors else ""
        lines.append(f"  {r.name[:40]:40} p{r.pages:<3} {cells[0]:>13} {cells[1]:>13} {cells[2]:>13}{err}")
    return "\n".join(lines)


def format_misses(res: BenchResult) -> str:
    """Per document: what the scan missed that the printed text got, and the reverse."""
    out = []
    for r in res.docs:
        p, s = r.scores.get("printed"), r.scores.get("scan")
        if not p or not s:
            continue
        pm, sm = set(p.misses), set(s.misses)
        lost, won = [m for m in s.misses if m not in pm], [m for m in p.misses if m not in sm]
        if lost or won:
            out.append(f"== {r.name} ({r.pages} pages)")
            out += [f"  scan only: {m}" for m in lost] + [f"  printed only: {m}" for m in won]
    return "\n".join(out) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", default=DEV, help="folder of gold documents (default: %(default)s)")
    ap.add_argument("--docs", type=int, default=None, help="only the first N documents (sorted by name)")
    ap.add_argument("--only", default=None, help="comma-separated document names (without extension)")
    ap.add_argument("--out", default=DEFAULT_OUT, help="rendered scans, OCR text, misses (default: %(default)s)")
    ap.add_argument("--jobs", type=int, default=None, help="OCR worker threads (default: all cores)")
    ap.add_argument("--by-doc", action="store_true", help="also print what the scan lost per document")
    ap.add_argument("--json", default=None, help="write the summary as JSON here")
    a = ap.parse_args(argv)
    from pipeline.ocr import pages as ocr

    if not ocr.ocr_available():
        print("tesseract with Vietnamese data is not installed: apt-get install tesseract-ocr tesseract-ocr-vie",
              file=sys.stderr)
        return 2
    names = [n.strip() for n in a.only.split(",")] if a.only else None
    if not gold_pairs(a.dev, names=names, max_docs=a.docs):
        print(f"no gold document found in {a.dev}", file=sys.stderr)
        return 2

    def progress(r: DocRun) -> None:
        print(f"  {r.name}: {r.pages} pages, {r.seconds:.0f} s", file=sys.stderr, flush=True)

    res = run_benchmark(a.dev, names=names, max_docs=a.docs, out_dir=a.out, jobs=a.jobs, progress=progress)
    print(format_table(res))
    if a.by_doc:
        print()
        print(format_misses(res))
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            json.dump({"documents": len(res.docs), "pages": res.pages, "seconds": round(res.seconds, 1),
                       "summary": res.summary()}, f, ensure_ascii=False, indent=2)
    return 0


if __name__ == "__main__":
    sys.exit(main())
