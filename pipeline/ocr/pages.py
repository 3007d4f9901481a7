"""OCR of scanned PDFs and images: the engine `pipeline.read.pages` calls for the pages of a PDF whose
text layer is poor or missing (the decision is made there, page by page), and the reader of images.

Pipeline for one page image:

1. render (PDF pages with pypdfium2 at 300 dpi) or load (PNG/JPEG/TIFF frames; low-resolution
   images are scaled up to about 300 dpi);
2. preprocess: remove red and blue stamps, seals and e-signature blocks by colour, convert to
   grayscale, deskew (`PREPROCESS_STEPS`; each step was measured, see corpora/scans/README.md);
3. recognize with Tesseract (`vie`, LSTM engine `--oem 1`) through `image_to_data`, which gives a box
   and a confidence for every word; a short unsure token alone on its line (a marker `2.`) is read
   again from its crop scaled up (`reread_isolated`); dust specks are dropped (`drop_specks`);
4. lay the words out into `RawLine`s (`layout_lines`): rows of words, split at wide gaps, the two
   header columns of page 1 kept apart and labelled `column="left"/"right"` (a left column longer
   than the right one included), stamps (`ĐẾN`, `HỎA TỐC`, `SAO Y`, the e-gazette received box)
   labelled with style `{"stamp"}`, and an empty line before a row that opens a paragraph by the
   layout (first-line indent, the row under a centred title), since normalization joins lines;
5. repair what the document format pins down (`pipeline.ocr.repair.repair_page`: symbols, dates,
   markers, type names);
6. stamps in red ink, removed in step 2, are read from the red layer on their own
   (`read_red_stamps`) and open the page as lines with style `{"stamp", "red"}`, an empty line
   after them (so that they are never joined to the header line under them).

Pages run in parallel in worker processes (one Tesseract per core, each single-threaded with
`OMP_THREAD_LIMIT=1`), with a per-page timeout: a page that fails or times out becomes an empty
`RawPage(method="empty")` with a warning and the document goes on.  Results are cached by the
sha256 of the page image and the settings (`CHITHI_CACHE`, default `~/.cache/chithi/ocr`).

The work is split over modules, all re-exported here: `pipeline.ocr.engine` (Tesseract, settings,
cache, re-reading), `pipeline.ocr.preprocess` (page images, preprocessing), `pipeline.ocr.stamps`
(red stamps), `pipeline.ocr.layout` and `pipeline.ocr.rows` (words -> lines, also used for a PDF's text
layer); this module holds the OCR of one page, the parallel page runner and the readers.
"""
from __future__ import annotations

import concurrent.futures as cf
import os
import threading
from collections.abc import Iterable, Sequence

from ..errors import CorruptInputError, OCRError, OCRUnavailableError
from ..read import RawDoc, RawPage, file_sha256
from ..read.pages import pdf_page_count

# Used below and re-exported: callers and tests use these as `pipeline.ocr.pages.<name>` (tests also
# monkeypatch `tesseract_words` and `ocr_words` here, so `ocr_words` and `ocr_array`, which look
# them up in this module's namespace, stay in this module).
from .engine import (  # noqa: F401
    DPI,
    INSTALL_HINT,
    LANG,
    OCR_VERSION,
    OEM,
    PSM,
    REREAD_LINE_MIN_CONF,
    REREAD_MAX_CONF,
    REREAD_MAX_LEN,
    REREAD_MIN_CONF,
    REREAD_VERSION,
    _cache_get,
    _cache_key,
    _cache_put,
    _tesseract_status,
    _why,
    cache_dir,
    isolated_candidates,
    ocr_available,
    require_ocr,
    reread_isolated,
    short_line_candidates,
    tesseract_words,
)
from .layout import DATE_RE, NUMBER_RE, is_stamp_text, layout_lines  # noqa: F401
from .preprocess import (  # noqa: F401
    ALL_STEPS,
    PREPROCESS_STEPS,
    binarize,
    check_image_pixels,
    deskew,
    estimate_skew,
    load_image_frame,
    preprocess,
    remove_stamps,
    render_pdf_page,
    rotate,
    stamp_mask,
    to_gray,
)
from .repair import repair_page
from .rows import Box, drop_specks, group_rows, split_row  # noqa: F401
from .stamps import (  # noqa: F401
    RED_STAMP_VERSION,
    STAMP_WORDS,
    canonical_stamp,
    is_red_stamp_text,
    read_red_stamps,
    red_mask,
    stamp_lines,
)

# -- one page -------------------------------------------------------------------------------------

def ocr_words(arr, *, steps: Sequence[str] = PREPROCESS_STEPS, psm: int = PSM, timeout: float = 0,
              use_cache: bool = True) -> dict:
    """Preprocess and recognize one page image; returns {"words", "width", "height", "info"}.

    Isolated low-confidence tokens (a marker alone on its line: `2.`, `-`) are read again on their
    own (`reread_isolated`).  Cached by sha256 of the image bytes and the settings: the layout step
    runs on the cached words, so changing the layout never re-runs Tesseract.
    """
    settings = {"v": OCR_VERSION, "lang": LANG, "oem": OEM, "psm": psm, "dpi": DPI, "steps": list(steps)}
    key = _cache_key(arr, settings) if use_cache else ""
    if use_cache:
        hit = _cache_get(key)
        if hit is not None:
            for w in hit["words"]:
                w["bbox"] = tuple(w["bbox"])
                w["line"] = tuple(w["line"])
            dirty = False
            if hit.get("reread") != REREAD_VERSION:
                # an entry from before the re-reading step: add it (Tesseract on a few crops only)
                if isolated_candidates(hit["words"]) or short_line_candidates(hit["words"]):
                    gray, _ = preprocess(arr, steps)
                    reread_isolated(gray, hit["words"], timeout=timeout)
                hit["reread"] = REREAD_VERSION
                dirty = True
            if hit.get("red_stamps_v") != RED_STAMP_VERSION:
                hit["red_stamps"] = read_red_stamps(arr, timeout=timeout) if "color" in steps else []
                hit["red_stamps_v"] = RED_STAMP_VERSION
                dirty = True
            if dirty:
                _cache_put(key, hit)
            return hit
    gray, info = preprocess(arr, steps)
    words = tesseract_words(gray, psm=psm, timeout=timeout)
    reread_isolated(gray, words, timeout=timeout)
    h, w = gray.shape[:2]
    res = {"words": words, "width": w, "height": h, "info": info, "reread": REREAD_VERSION,
           "red_stamps": read_red_stamps(arr, timeout=timeout) if "color" in steps else [],
           "red_stamps_v": RED_STAMP_VERSION}
    if use_cache:
        _cache_put(key, res)
    return res



def ocr_array(arr, number: int = 1, *, first_page: bool | None = None, steps: Sequence[str] = PREPROCESS_STEPS,
              psm: int = PSM, timeout: float = 0, use_cache: bool = True) -> RawPage:
    """OCR one page image (RGB or gray uint8 array) into a RawPage (method "ocr")."""
    first = (number == 1) if first_page is None else first_page
    res = ocr_words(arr, steps=steps, psm=psm, timeout=timeout, use_cache=use_cache)
    w, h = res["width"], res["height"]
    lines = layout_lines(drop_specks(res["words"]), w, h, first_page=first, paragraph_breaks=True)
    page = RawPage(number=number, lines=lines, method="ocr" if lines else "empty", width=w, height=h)
    repair_page(page)        # symbols, dates and markers misread by Tesseract (`pipeline.ocr.repair`)
    confs = [wd.conf for ln in lines for wd in ln.words if wd.conf is not None]
    if lines and res.get("red_stamps"):
        # red stamps open the page (they stand over the header), apart from the text
        page.lines = stamp_lines(res["red_stamps"]) + page.lines
    page.confidence = round(sum(confs) / len(confs), 4) if confs else None
    if not lines:
        page.warnings.append(f"page {number}: OCR found no text")
    return page



# -- parallel page runner -------------------------------------------------------------------------

_PDFIUM_LOCK = threading.Lock()   # pdfium is not thread-safe: one render at a time


def _ocr_job(job: tuple) -> RawPage:
    kind, path, index, number, first, timeout, steps = job
    if kind == "pdf":
        with _PDFIUM_LOCK:
            arr = render_pdf_page(path, index)
    elif kind == "image":
        arr = load_image_frame(path, index)
    else:  # "array": path holds the array
        arr = path
    return ocr_array(arr, number, first_page=first, steps=steps, timeout=timeout)


def _empty(number: int, why: str) -> RawPage:
    return RawPage(number=number, lines=[], method="empty", warnings=[f"page {number}: OCR failed: {why}"])


def default_jobs() -> int:
    """Pages OCR'd at once by default: the cores this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover
        return max(1, os.cpu_count() or 1)


def run_pages(jobs_list: list[tuple], *, jobs: int | None = None, timeout: float = 120) -> list[RawPage]:
    """Run OCR jobs (see `_ocr_job`) on `jobs` cores (default: all); failed pages become empty pages.

    The work of a page is a Tesseract process (pytesseract runs the program), so a pool of threads,
    one per core, keeps one single-threaded Tesseract (`OMP_THREAD_LIMIT=1`) busy on every core;
    rendering, preprocessing (OpenCV, numpy) and the subprocess wait release the GIL.  Threads
    rather than processes: no pickling of pages, no `__main__` guard needed by callers, no fork of
    a parent holding OpenMP/OpenCV locks, and they nest inside the batch runner's worker processes.
    `timeout` is per page: pytesseract kills Tesseract when it runs over.
    """
    n = max(1, min(jobs or default_jobs(), len(jobs_list) or 1))
    results: dict[int, RawPage] = {}
    old = os.environ.get("OMP_THREAD_LIMIT")
    if n > 1:
        os.environ["OMP_THREAD_LIMIT"] = "1"   # inherited by the Tesseract processes
    try:
        with cf.ThreadPoolExecutor(max_workers=n, thread_name_prefix="chithi-ocr") as ex:
            futs = [(ex.submit(_ocr_job, j), j) for j in jobs_list]
            for f, j in futs:
                try:
                    # the extra time covers rendering, preprocessing and waiting in the queue
                    results[j[3]] = f.result(timeout=timeout * (1 + len(jobs_list) / n) + 30)
                except OCRUnavailableError:
                    raise
                except cf.TimeoutError:
                    results[j[3]] = _empty(j[3], f"timed out after {timeout:.0f} s")
                except Exception as e:  # noqa: BLE001 - one page must not sink the document
                    results[j[3]] = _empty(j[3], _why(e))
    finally:
        if n > 1:
            if old is None:
                os.environ.pop("OMP_THREAD_LIMIT", None)
            else:
                os.environ["OMP_THREAD_LIMIT"] = old
    return [results[j[3]] for j in jobs_list]



# -- public readers -------------------------------------------------------------------------------

def read_pdf_pages_ocr(path: str, page_numbers: list[int] | None = None, *, jobs: int | None = None,
                       timeout: float = 120, steps: Sequence[str] = PREPROCESS_STEPS) -> list[RawPage]:
    """OCR pages of a PDF (1-based `page_numbers`, default all) rendered at 300 dpi."""
    require_ocr(path)
    n = pdf_page_count(path)
    nums = page_numbers if page_numbers is not None else list(range(1, n + 1))
    jl = [("pdf", path, p - 1, p, p == 1, timeout, tuple(steps)) for p in nums if 1 <= p <= n]
    return run_pages(jl, jobs=jobs, timeout=timeout)


def image_frame_count(path: str) -> int:
    """The frames (pages) of an image file; CorruptInputError when it cannot be opened."""
    from PIL import Image

    try:
        with Image.open(path) as im:
            return getattr(im, "n_frames", 1)
    except Exception as e:  # noqa: BLE001
        raise CorruptInputError(f"cannot open the image ({e})", path=path) from e


def read_image(path: str, *, jobs: int | None = None, timeout: float = 120,
               steps: Sequence[str] = PREPROCESS_STEPS) -> RawDoc:
    """OCR an image file: PNG, JPEG, TIFF (every frame of a multi-page TIFF is a page)."""
    check_image_pixels(path, path)
    require_ocr(path)
    n = image_frame_count(path)
    jl = [("image", path, i, i + 1, i == 0, timeout, tuple(steps)) for i in range(n)]
    pages = run_pages(jl, jobs=jobs, timeout=timeout)
    doc = RawDoc(path=path, format="image", pages=pages, ocr=True)
    doc.source_bytes_sha256 = file_sha256(path)
    check_doc(doc)
    return doc


def read_image_bytes(data: bytes, path: str = "<image>", *, jobs: int | None = None, timeout: float = 120) -> RawDoc:
    """`read_image` for bytes in memory."""
    import tempfile

    check_image_pixels(data, path)     # refused by its header, under its own name
    suffix = os.path.splitext(path)[1] or ".img"
    with tempfile.NamedTemporaryFile(suffix=suffix) as tmp:
        tmp.write(data)
        tmp.flush()
        doc = read_image(tmp.name, jobs=jobs, timeout=timeout)
    doc.path = path
    return doc


def check_doc(doc: RawDoc) -> None:
    """Raise OCRError when OCR failed on every page of `doc` (nothing of it could be read)."""
    if doc.pages and all(p.method == "empty" and p.warnings and "OCR failed" in p.warnings[0] for p in doc.pages):
        raise OCRError("OCR failed on every page: " + "; ".join(p.warnings[0] for p in doc.pages[:3]), path=doc.path)



def doc_text(doc_or_pages, *, skip_styles: Iterable[str] = ()) -> str:
    """Plain text of a RawDoc or of pages: lines joined by newlines, pages by blank lines."""
    pages = doc_or_pages.pages if isinstance(doc_or_pages, RawDoc) else doc_or_pages
    skip = set(skip_styles)
    return "\n\n".join("\n".join(ln.text for ln in p.lines if not (skip & set(ln.style))) for p in pages)
