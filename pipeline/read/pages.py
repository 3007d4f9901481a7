"""A PDF read page by page: the text layer where it is good, OCR where it is poor or missing.

For each page, pdfplumber's words with their positions (so that the two header columns are read as
columns) are judged (`page_text_layer_is_poor`, or an image-only scan whose only text is an
e-signature box); the pages that fail are sent to the OCR engine (`pipeline.ocr.read_pdf_pages_ocr`),
the others are laid out into lines here and never touch it.  A page that could be read neither way
is counted in `pages_lost`.
"""
from __future__ import annotations

import re
import unicodedata

from .. import regexes
from ..errors import CorruptInputError
from .layout import RawDoc, RawPage
from .readers import file_sha256

# -- text layer quality ---------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = regexes.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                            r"[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$")
_WORD = regexes.compile(r"[^\W\d_]+|\S+", re.UNICODE)


def _strip_tones(w: str) -> str:
    d = unicodedata.normalize("NFD", w)
    return unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONE_MARKS))


def text_quality(text: str) -> dict[str, float]:
    """Share of tokens that are plausible Vietnamese syllables, and share of letter tokens with a
    Vietnamese (non-ASCII) letter."""
    toks = [t for t in re.split(r"[\s\-–/,.;:()\"'“”]+", text) if t]
    letters = [t for t in toks if any(c.isalpha() for c in t)]
    if not letters:
        return {"tokens": 0, "valid": 0.0, "diacritic": 0.0}
    valid = 0
    diac = 0
    for t in letters:
        if any(ord(c) > 127 and c.isalpha() for c in t):
            diac += 1
        if t.isalpha() and (_SYLLABLE.match(_strip_tones(t.lower())) or (t.isupper() and len(t) <= 8)
                            or (t[:1].isupper() and t[1:].isalpha() and len(t) <= 6 and not t[1:].islower())):
            valid += 1
    return {"tokens": len(letters), "valid": valid / len(letters), "diacritic": diac / len(letters)}


def page_text_layer_is_poor(text: str, n_chars_expected_hint: int | None = None) -> bool:
    """True when a page's text layer should not be trusted and the page should be OCR'd.

    Poor: (nearly) empty; much shorter than `n_chars_expected_hint` (e.g. a scan whose only text is an
    e-signature box); or not Vietnamese as written (a bad OCR layer from a scanner: few letters with
    Vietnamese diacritics, many tokens that are not Vietnamese syllables).
    """
    s = unicodedata.normalize("NFC", text or "")
    n = sum(1 for c in s if not c.isspace())
    if n < 20:
        return True
    if n_chars_expected_hint and n < 0.3 * n_chars_expected_hint:
        return True
    q = text_quality(s)
    if q["tokens"] < 8:
        return q["valid"] < 0.5
    return q["diacritic"] < 0.3 or q["valid"] < 0.8



# -- the PDF's text layer -------------------------------------------------------------------------

_ESIGN_RE = regexes.compile(r"(Người\s+ký|Thời\s+gian\s+ký|Cơ\s+quan\s*:|Email\s*:|Ký\s+bởi)", re.I)


def pdf_text_pages(path: str) -> list[tuple]:
    """Per page (words as dicts, width, height, share of the page covered by images, error or None),
    from pdfplumber; CorruptInputError for a file it cannot open or read."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # noqa: BLE001
        raise CorruptInputError(f"cannot open the PDF ({_reason(e)})", path=path) from e
    out = []
    try:
        for page in pdf.pages:
            try:
                ws = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
            except Exception as e:  # noqa: BLE001
                out.append(([], float(page.width), float(page.height), 0.0, f"text layer unreadable ({_reason(e)})"))
                continue
            words = [{"text": unicodedata.normalize("NFC", w["text"]),
                      "bbox": (w["x0"], w["top"], w["x1"], w["bottom"]), "conf": None} for w in ws if w["text"].strip()]
            area = float(page.width) * float(page.height) or 1.0
            cover = 0.0
            for im in page.images:
                cover += max(0.0, (min(im["x1"], page.width) - max(im["x0"], 0))) * \
                    max(0.0, (min(im["bottom"], page.height) - max(im["top"], 0)))
            out.append((words, float(page.width), float(page.height), min(1.0, cover / area), None))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise CorruptInputError(f"cannot read the PDF ({_reason(e)})", path=path) from e
    finally:
        pdf.close()
    return out


def _reason(e: BaseException) -> str:
    """The first line of an error's message, for a warning or an error line."""
    msg = str(e).strip() or type(e).__name__
    return "timed out" if "timeout" in msg.lower() else msg.splitlines()[0][:200]


def pdf_page_count(path: str) -> int:
    """The pages a PDF's page tree declares (pdfium); CorruptInputError for a broken or encrypted file."""
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(path)
    except Exception as e:  # noqa: BLE001 - pdfium raises PdfiumError for broken and encrypted files
        raise CorruptInputError(f"cannot open the PDF ({e})", path=path) from e
    try:
        return len(pdf)
    finally:
        pdf.close()


# -- the decision, page by page ---------------------------------------------------------------------

def needs_ocr(text: str, image_cover: float, error: str | None) -> bool:
    """True when a page's text layer should be replaced by OCR: unreadable, poor
    (`page_text_layer_is_poor`), or an image-only scan whose only text is an e-signature box.

    >>> needs_ocr("Người ký: Nguyễn Văn A. Cơ quan: Ủy ban nhân dân tỉnh", 0.95, None)
    True
    """
    sig_only = image_cover > 0.5 and (len(text) < 400 or bool(_ESIGN_RE.search(text)) and len(text) < 600)
    return error is not None or page_text_layer_is_poor(text) or sig_only


def read_pdf(path: str, *, jobs: int | None = None, ocr: str = "auto", timeout: float = 120) -> RawDoc:
    """Read a PDF: the text layer of each page where it is good (method "text"), OCR where it is
    poor or missing (method "ocr"), pages with neither "empty".  `ocr`: auto | force | never.

    Raises CorruptInputError for broken or encrypted PDFs; OCRUnavailableError when pages need OCR
    and Tesseract is missing (`ocr="never"` keeps the text layer as it is instead).
    """
    from .. import ocr as engine  # only a PDF that has pages to OCR needs the engine's code

    declared = pdf_page_count(path)   # pdfium: broken / encrypted -> CorruptInputError
    tpages = pdf_text_pages(path)
    pages: list[RawPage | None] = []
    need: list[int] = []
    notes: dict[int, list[str]] = {}
    for i, (words, w, h, cover, err) in enumerate(tpages):
        num = i + 1
        poor = needs_ocr(" ".join(wd["text"] for wd in words), cover, err)
        if ocr == "force" or (ocr == "auto" and poor):
            need.append(num)
            pages.append(None)
            if err:
                notes[num] = [f"page {num}: {err}"]
            continue
        lines = engine.layout_lines(words, w, h, first_page=(num == 1)) if words else []
        pg = RawPage(number=num, lines=lines, method="text" if lines else "empty", width=w, height=h)
        if err:
            pg.warnings.append(f"page {num}: {err}")
        elif poor and lines:
            pg.warnings.append(f"page {num}: text layer looks poor and OCR is off")
        pages.append(pg)
    if need:
        engine.require_ocr(path)
        ocr_pages = engine.read_pdf_pages_ocr(path, need, jobs=jobs, timeout=timeout)
        for pg in ocr_pages:
            pg.warnings = notes.get(pg.number, []) + pg.warnings
            pages[pg.number - 1] = pg
    doc = RawDoc(path=path, format="pdf", pages=[p for p in pages if p is not None], ocr=bool(need))
    doc.source_bytes_sha256 = file_sha256(path)
    if need and len(need) == len(tpages):
        engine.check_doc(doc)
    doc.pages_lost = pages_lost(doc.pages, declared)
    return doc


_LOST_PAGE = ("OCR failed", "text layer unreadable")


def pages_lost(pages: list[RawPage], declared: int) -> list[int]:
    """Numbers of the pages that could not be read: pages left empty by an error (text layer
    unreadable and no OCR, OCR failed or refused), and pages the PDF's page tree declares that the
    text-layer reader never found (a truncated file that pdfium repairs, say).

    >>> ok, bad = RawPage(1, [], "text"), RawPage(2, [], "empty", warnings=["page 2: OCR failed: timed out"])
    >>> pages_lost([ok, bad], 4)
    [2, 3, 4]
    """
    lost = [p.number for p in pages if p.method == "empty" and any(k in w for w in p.warnings for k in _LOST_PAGE)]
    return lost + list(range(len(pages) + 1, declared + 1))
