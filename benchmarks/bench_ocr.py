"""OCR quality and speed: chithi's OCR pipeline against plain Tesseract on the same pages.

    python benchmarks/bench_ocr.py synth [--docs 10] [--ablation]   # CER on rendered scans of dev gold docs
    python benchmarks/bench_ocr.py real [--ablation]                # CER on the transcribed real scans
    python benchmarks/bench_ocr.py speed [--pages 8] [--serial]     # s/page and CER, pipeline vs plain tesseract

CER = Levenshtein distance / truth length, on texts with every whitespace run made one space
(line breaks of the OCR and of the truth need not agree).  Lines the reader marks as stamps are left
out of the pipeline's text (they are not document text); plain Tesseract's output is taken whole,
as `tesseract IMG - -l vie` prints it.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)

from pipeline.ocr import pages as ocr  # noqa: E402
from tests.support.scanrender import render_scan_with_truth  # noqa: E402

DEV = os.environ.get("CHITHI_DEV", os.path.join(ROOT, "corpora", "dev"))
SCANS = os.path.join(ROOT, "corpora", "scans")


def norm(s: str) -> str:
    s = unicodedata.normalize("NFC", s)
    s = s.replace("—", "-").replace("–", "-")
    return re.sub(r"\s+", " ", s).strip()


def cer(hyp: str, ref: str) -> float:
    from rapidfuzz.distance import Levenshtein

    h, r = norm(hyp), norm(ref)
    return Levenshtein.distance(h, r) / max(1, len(r))


def plain_tesseract(png: str, extra: list[str] | None = None) -> str:
    cmd = ["tesseract", png, "-", "-l", "vie"] + (extra or [])
    return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout


# -- rendered dev documents -----------------------------------------------------------------------

def _clean_body(txt: str) -> list[str]:
    out = []
    for ln in txt.splitlines():
        ln = re.sub(r"[*#|]", "", ln).strip()
        if not ln or re.fullmatch(r"[-_=.\s]+", ln) or "THƯ VIỆN PHÁP LUẬT" in ln:
            continue
        out.append(ln)
    return out


def dev_documents(n: int = 10, chars: int = 3600) -> list[tuple[str, str, list[str], list[str]]]:
    """(name, body text, left header, right header) for the first n gold documents with a header."""
    docs = []
    for g in sorted(glob.glob(os.path.join(DEV, "*.gold.json"))):
        gold = json.load(open(g, encoding="utf-8"))
        h = gold.get("header") or {}
        if not (h.get("issuer") and h.get("symbol") and h.get("date")):
            continue
        txt = open(g.replace(".gold.json", ".txt"), encoding="utf-8").read()
        lines = _clean_body(txt)
        # body: from the first long line after the title
        start = next((i for i, ln in enumerate(lines) if len(ln) > 60 and not ln.isupper()
                      and all(len(x) > 40 for x in lines[i + 1:i + 4])), 0)
        body, total = [], 0
        for ln in lines[start:]:
            body.append(ln)
            total += len(ln)
            if total > chars:
                break
        y, m, d = h["date"].split("-")
        left = ([h["parent_issuer"].upper()] if h.get("parent_issuer") else []) + \
            [h["issuer"].upper(), f"Số: {h['symbol']}"]
        motto = ["ĐẢNG CỘNG SẢN VIỆT NAM"] if h.get("system") == "party" else \
            ["CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc"]
        right = motto + [f"{h.get('place') or 'Hà Nội'}, ngày {d} tháng {int(m)} năm {y}"]
        title = [(h.get("doc_type") or "").upper()] + \
            ([h["title"][:1].upper() + h["title"][1:]] if h.get("title") else [])
        docs.append((os.path.basename(g).replace(".gold.json", ""), "\n".join(title + body), left, right))
        if len(docs) >= n:
            break
    if not docs:
        sys.exit(f"no gold document with a header in {DEV}: the benchmark has nothing to render")
    return docs


def run_synth(n_docs: int, ablation: bool, out_dir: str | None) -> None:
    tmp = out_dir or tempfile.mkdtemp(prefix="chithi-ocr-synth-")
    os.makedirs(tmp, exist_ok=True)
    pages = []   # (png path, truth, first)
    for k, (name, text, left, right) in enumerate(dev_documents(n_docs)):
        imgs, truths = render_scan_with_truth(text, header=(left, right), seed=k, max_pages=2)
        for i, (im, t) in enumerate(zip(imgs, truths, strict=True)):
            p = os.path.join(tmp, f"{name}-p{i + 1}.png")
            im.save(p)
            pages.append((p, t, i == 0))
    print(f"{len(pages)} rendered pages in {tmp}")
    _report(pages, ablation)


def _pipeline_text(png: str, first: bool, steps) -> str:
    arr = ocr.load_image_frame(png, 0)
    page = ocr.ocr_array(arr, 1 if first else 2, steps=steps)
    return "\n".join(ln.text for ln in page.lines if "stamp" not in ln.style)


def _report(pages, ablation: bool) -> None:
    from concurrent.futures import ThreadPoolExecutor

    configs = {"pipeline (default: " + "+".join(ocr.PREPROCESS_STEPS) + ")": ocr.PREPROCESS_STEPS}
    if ablation:
        d = ocr.PREPROCESS_STEPS
        configs.update({
            "no preprocessing": (),
            "without color": tuple(s for s in d if s != "color"),
            "without deskew": tuple(s for s in d if s != "deskew"),
            "+ binarize (median+Otsu)": d + ("binarize",),
        })
    os.environ["OMP_THREAD_LIMIT"] = "1"
    total_len = sum(len(norm(t)) for _, t, _ in pages)
    with ThreadPoolExecutor(ocr.default_jobs()) as ex:
        base = list(ex.map(lambda p: plain_tesseract(p[0]), pages))
        e = sum(cer(b, t) * len(norm(t)) for b, (_, t, _) in zip(base, pages, strict=True)) / total_len
        print(f"  {'plain tesseract -l vie':44s} CER {100 * e:6.2f}%")
        for label, steps in configs.items():
            hyps = list(ex.map(lambda p, steps=steps: _pipeline_text(p[0], p[2], steps), pages))
            per = [cer(h, t) for h, (_, t, _) in zip(hyps, pages, strict=True)]
            e = sum(c * len(norm(t)) for c, (_, t, _) in zip(per, pages, strict=True)) / total_len
            print(f"  {label:44s} CER {100 * e:6.2f}%   per page: " + " ".join(f"{100 * c:.1f}" for c in per))


# -- real scans -----------------------------------------------------------------------------------

def real_pages(out_dir: str) -> list[tuple[str, str, bool]]:
    """(png at 300 dpi, truth, first page) for every transcribed scan in corpora/scans."""
    import pypdfium2 as pdfium
    from PIL import Image

    pages = []
    for t in sorted(glob.glob(os.path.join(SCANS, "*.truth.txt"))):
        name = os.path.basename(t)[: -len(".truth.txt")]
        truth_pages = open(t, encoding="utf-8").read().split("\f")
        src = [p for p in glob.glob(os.path.join(SCANS, name + ".*")) if not p.endswith(".txt")]
        if not src:
            continue
        src = src[0]
        for i, tp in enumerate(truth_pages):
            png = os.path.join(out_dir, f"{name}-p{i + 1}.png")
            if src.endswith(".pdf"):
                pdf = pdfium.PdfDocument(src)
                pdf[i].render(scale=300 / 72).to_pil().convert("RGB").save(png)
                pdf.close()
            else:
                Image.fromarray(ocr.load_image_frame(src, i)).save(png)
            pages.append((png, tp, i == 0))
    return pages


def run_real(ablation: bool, out_dir: str | None) -> None:
    tmp = out_dir or tempfile.mkdtemp(prefix="chithi-ocr-real-")
    os.makedirs(tmp, exist_ok=True)
    pages = real_pages(tmp)
    print(f"{len(pages)} real scan pages: " + ", ".join(os.path.basename(p) for p, _, _ in pages))
    _report(pages, ablation)


# -- speed ----------------------------------------------------------------------------------------

def _speed_pages(n_pages: int, tmp: str) -> tuple[list[str], list[str]]:
    """`n_pages` rendered pages at 300 dpi (PNG files) and their truths (fewer when the gold documents
    run out): one or two pages per document."""
    pngs, truths = [], []
    for k, (name, text, left, right) in enumerate(dev_documents(n_pages)):
        if len(pngs) >= n_pages:
            break
        imgs, tr = render_scan_with_truth(text, header=(left, right), seed=k, max_pages=2)
        for i, (im, t) in enumerate(zip(imgs, tr, strict=True)):
            p = os.path.join(tmp, f"{name}-p{i + 1}.png")
            im.save(p)
            pngs.append(p)
            truths.append(t)
    return pngs[:n_pages], truths[:n_pages]


def _weighted_cer(hyps: list[str], truths: list[str]) -> float:
    total = sum(len(norm(t)) for t in truths)
    return sum(cer(h, t) * len(norm(t)) for h, t in zip(hyps, truths, strict=True)) / max(1, total)


def _timed_pipeline(tif: str, jobs: int | None, cache: str) -> tuple[float, list[str]]:
    """Seconds of `read_image` over the multi-page TIFF with an empty OCR cache, and each page's text
    (stamp lines left out, as in the CER of `synth`)."""
    os.environ["CHITHI_CACHE"] = cache       # a new, empty folder: every page is OCR'd
    old = os.environ.get("OMP_THREAD_LIMIT")
    os.environ["OMP_THREAD_LIMIT"] = "1"      # one core means one thread, as for plain Tesseract
    t0 = time.perf_counter()
    doc = ocr.read_image(tif, jobs=jobs)
    secs = time.perf_counter() - t0
    if old is None:
        os.environ.pop("OMP_THREAD_LIMIT")
    else:
        os.environ["OMP_THREAD_LIMIT"] = old
    return secs, ["\n".join(ln.text for ln in p.lines if "stamp" not in ln.style) for p in doc.pages]


def run_speed(n_pages: int, serial: bool) -> None:
    """Seconds per page and CER of the pipeline (all cores, empty cache) and of plain
    `tesseract --oem 1 -l vie`, one thread (`OMP_THREAD_LIMIT=1`), one page after another, on the
    same rendered pages at 300 dpi, in one run.  `serial`: the pipeline on one core as well, which
    separates what page parallelism brings from what the per-page work saves."""
    from PIL import Image

    tmp = tempfile.mkdtemp(prefix="chithi-ocr-speed-")
    pngs, truths = _speed_pages(n_pages, tmp)
    tif = os.path.join(tmp, "all.tif")          # the same pages as one multi-page TIFF document
    ims = [Image.open(p) for p in pngs]
    ims[0].save(tif, save_all=True, append_images=ims[1:], compression="tiff_lzw", dpi=(300, 300))
    n = len(pngs)
    one_thread = dict(os.environ, OMP_THREAD_LIMIT="1")
    t0 = time.perf_counter()
    plain_txt = [subprocess.run(["tesseract", p, "-", "--oem", "1", "-l", "vie"], capture_output=True, text=True,
                                check=True, env=one_thread).stdout for p in pngs]
    plain = time.perf_counter() - t0
    pipe, pipe_txt = _timed_pipeline(tif, None, os.path.join(tmp, "cache-all"))
    print(f"{n} rendered pages at 300 dpi, {ocr.default_jobs()} cores, OCR cache empty; CER weighted by truth length")
    print(f"  plain tesseract --oem 1 -l vie, one thread, page by page: {plain / n:6.2f} s/page  "
          f"CER {100 * _weighted_cer(plain_txt, truths):5.2f}%")
    print(f"  chithi read_image, all cores:                           {pipe / n:6.2f} s/page  "
          f"CER {100 * _weighted_cer(pipe_txt, truths):5.2f}%   {pipe / plain:.2f}x plain's time")
    if serial:
        one, _ = _timed_pipeline(tif, 1, os.path.join(tmp, "cache-one"))
        print(f"  chithi read_image, one core:                            {one / n:6.2f} s/page  "
              f"{'':10s}   {one / plain:.2f}x plain's time (page parallelism: {one / pipe:.2f}x)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("mode", choices=["synth", "real", "speed"])
    ap.add_argument("--docs", type=int, default=10)
    ap.add_argument("--pages", type=int, default=8)
    ap.add_argument("--ablation", action="store_true")
    ap.add_argument("--serial", action="store_true", help="speed: also time the pipeline on one core")
    ap.add_argument("--out", default=None, help="keep the rendered pages here")
    a = ap.parse_args()
    if not ocr.ocr_available():
        sys.exit("tesseract with Vietnamese data is not installed: apt-get install tesseract-ocr tesseract-ocr-vie")
    if a.mode == "synth":
        run_synth(a.docs, a.ablation, a.out)
    elif a.mode == "real":
        run_real(a.ablation, a.out)
    else:
        run_speed(a.pages, a.serial)


if __name__ == "__main__":
    main()
