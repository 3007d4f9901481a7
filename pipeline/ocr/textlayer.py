"""The text layer of a PDF: its words read with pdfplumber, and whether it can be trusted
(`page_text_layer_is_poor`) or the page should be OCR'd.  Split out of `pipeline.ocr.pages`, which
re-exports these names.
"""
from __future__ import annotations

import re
import unicodedata

from ..errors import CorruptInputError
from .engine import _why

# -- text layer quality ---------------------------------------------------------------------------

_TONE_MARKS = "\u0300\u0301\u0303\u0309\u0323"
_SYLLABLE = re.compile(r"^(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
                       r"[aăâeêioôơuưy]{1,3}(ch|ng|nh|[cmnpt])?$")
_WORD = re.compile(r"[^\W\d_]+|\S+", re.UNICODE)


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

_ESIGN_RE = re.compile(r"(Người\s+ký|Thời\s+gian\s+ký|Cơ\s+quan\s*:|Email\s*:|Ký\s+bởi)", re.I)


def _pdf_text_pages(path: str):
    """(words per page as dicts, page width, height, image coverage share) from pdfplumber."""
    import pdfplumber

    try:
        pdf = pdfplumber.open(path)
    except Exception as e:  # noqa: BLE001
        raise CorruptInputError(f"cannot open the PDF ({_why(e)})", path=path) from e
    out = []
    try:
        for page in pdf.pages:
            try:
                ws = page.extract_words(keep_blank_chars=False, use_text_flow=False, extra_attrs=["size"])
            except Exception as e:  # noqa: BLE001
                out.append(([], float(page.width), float(page.height), 0.0, f"text layer unreadable ({_why(e)})"))
                continue
            words = [{"text": unicodedata.normalize("NFC", w["text"]), "bbox": (w["x0"], w["top"], w["x1"], w["bottom"]),
                      "conf": None} for w in ws if w["text"].strip()]
            area = float(page.width) * float(page.height) or 1.0
            cover = 0.0
            for im in page.images:
                cover += max(0.0, (min(im["x1"], page.width) - max(im["x0"], 0))) * \
                    max(0.0, (min(im["bottom"], page.height) - max(im["top"], 0)))
            out.append((words, float(page.width), float(page.height), min(1.0, cover / area), None))
    except Exception as e:  # noqa: BLE001 - pdfminer raises many kinds on broken files
        raise CorruptInputError(f"cannot read the PDF ({_why(e)})", path=path) from e
    finally:
        pdf.close()
    return out
