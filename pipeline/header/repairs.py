"""Header stage: place, title and date pieces that survive flattened lines and OCR (the capitalised
place before `, ngày`, a trích yếu continued across stamp debris, the e-signature date)."""
from __future__ import annotations

import datetime as dt
import re

from .. import regexes
from ..lang import find_province
from ..model import Document
from ..read import MARKER_RE, count_case
from .units import _KINH_GUI, Unit, _facts, is_caps

_PLACE_JOINERS = ("phố", "xã", "trấn", "-", "–")
# A place-and-date line whose date did not survive OCR (`Hà Nội, ngày ® tháng tụ năm 2025`).
_PLACE_NGAY = regexes.compile(r"(?P<place>[^\W\d_][\w.\- ]{1,40}?)\s*,\s*(?:ngày|Ngày|NGÀY)\b")
# The rest of a date line whose day (and month) was left blank to be filled in at signing
# (`ngày    tháng 8 năm 2025`, `ngày ... tháng ... năm 2025`), on its line or the next (a cell).
_BLANK_DAY = regexes.compile(r"^[\s.…_]*(?:tháng|Tháng|THÁNG)[\s.…_]*(?:\d{1,2})?[\s.…_]*"
                             r"(?:năm|Năm|NĂM)\s*((?:19|20)\d\d)\b")
# The e-signature stamp of a published copy (`Thời gian ký: 10.04.2025 18:36:06 +07:00`).
_SIGNED_AT = regexes.compile(r"Thời\s+gian\s+ký\s*:\s*(\d{1,2})[./-](\d{1,2})[./-]((?:19|20)\d\d)")


def _set_place(h, u: Unit, group: str | None, start: int, province_only: bool = False) -> None:
    """The place is the run of capitalised words just before `, ngày` (NĐ 30 ô 4): what comes before
    it on a flattened line (a symbol, a `V/v` title, the motto) is not part of it; `province_only`: only a run
    that names a province or city (before a `ngày` with no comma)."""
    words = (group or "").split()
    run: list[str] = []
    for w in reversed(words):
        core = w.strip(".,:;()")
        symbol_part = "-" in core and re.search(r"[A-ZĐ]{2}", core)        # /CĐ-TTg
        if (core and core[0].isupper() and not re.search(r"\d|/", core) and not symbol_part
                and not _facts()["_motto"].search(w)):
            run.insert(0, w)
        elif run and core.lower() in _PLACE_JOINERS:
            run.insert(0, w)
        else:
            break
    # lower-case openers, and the tail of a symbol or an issuer code (`TTg`, `TW`) before the name
    while run and (not run[0][0].isupper() or count_case(run[0][1:])[0] and "." not in run[0]):
        run.pop(0)
    place = " ".join(run).strip(" .-")
    if not place or len(run) > 6 or is_caps(place) and len(run) > 3 or province_only and find_province(place) is None:
        return
    h.place = place
    ps = u.text.find(place, start)
    h.spans["place"] = (u.span[0] + ps, u.span[0] + ps + len(place))


def _ocr_noise(text: str) -> bool:
    """A short line of stamp or scanner debris between the lines of a trích yếu (`ĐẾN m _—`,
    `| CỔNG THÔNG TIN ĐIỆN TỬ`, `ng Đã TS) c......`)."""
    t = text.strip()
    if not t or len(t) > 45:
        return False
    if _facts()["_stamp"].match(t) or re.search(r"[|_®©#]|\.{4,}|[—~]", t):
        return True
    words = re.findall(r"[^\W\d_]{2,}", t)
    return len(words) < 2


_TITLE_JUNK = regexes.compile(r"[\^_¬⁄~+=<>\\#@®©{}|]")


def _strip_ocr_lead(title: str, s0: int) -> tuple[str, int]:
    """Drop scanner debris before the first word of a trích yếu (`2 ? và dự thảo ...`,
    `⁄UÀ. Kết luận ...`): tokens with a stamp-edge character, or a run of one- and two-character
    tokens without letters that holds some punctuation. `100 năm ...` keeps its number."""
    toks = list(re.finditer(r"\S+", title))
    cut = 0
    run_has_punct = False
    for t in toks[:3]:
        w = t.group(0)
        if _TITLE_JUNK.search(w) or w.startswith("/"):      # no trích yếu opens with a slash
            cut = t.end()
            continue
        if len(w) <= 2 and not re.search(r"[^\W\d_]", w):
            run_has_punct |= not w.isalnum()
            if run_has_punct:
                cut = t.end()
            continue
        break
    if not cut:
        return title, s0
    rest = title[cut:].lstrip()
    return rest, s0 + (len(title) - len(rest))


def _continue_title(units: list[Unit], title_units: list) -> None:
    """A trích yếu that stops mid-phrase (no closing punctuation, the next line in lower case)
    goes on in the next paragraph, across OCR debris between them."""
    while len(title_units) < 4:
        last = title_units[-1][0]
        if is_caps(last.text) or last.text.rstrip().endswith((".", ";", ":", "!", "?")):
            return
        j = units.index(last) + 1
        skipped = 0
        while j < len(units) and skipped < 3 and _ocr_noise(units[j].text):
            j, skipped = j + 1, skipped + 1
        if j >= len(units):
            return
        nu = units[j]
        if (len(nu.text) > 200 or not re.match(r"[^\W\d_]{2,}\s", nu.text) or not nu.text[:1].islower()
                or MARKER_RE.match(nu.text) or _facts()["_opener"].match(nu.text) or _KINH_GUI.search(nu.text)
                or re.search(r",\s*ngày\b", nu.text)):
            return
        title_units.append((nu, 0))


def _date_fallbacks(doc: Document, h, window: list[Unit]) -> None:
    """When the printed date is unreadable (OCR), keep its place and take the date of the electronic
    signature, with a warning that says so; a date line with its day left blank still gives the year."""
    for k, u in enumerate(window):
        m = _PLACE_NGAY.search(u.text) if "gày" in u.text or "GÀY" in u.text else None
        if m and m.start() < 60:
            if h.place is None:
                _set_place(h, u, m.group("place"), m.start("place"))
            h.year = _blank_day_year(u.text[m.end():], window[k + 1].text if k + 1 < len(window) else "")
            break
    # The stamp may be in the text or set aside with the page furniture by normalization.
    lines = [(u.span[0], u.text) for u in window] + [(None, t) for _, _, t in doc.set_aside]
    for base, text in lines:
        m = _SIGNED_AT.search(text)
        if m:
            try:
                d = dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
            except ValueError:
                continue
            h.date = d.isoformat()
            span = None
            if base is not None:
                span = h.spans["date"] = (base + m.start(1), base + m.end(3))
            doc.warn("date-from-signature", "the printed date is unreadable; the date of the electronic "
                     "signature is used", span)
            return


def _blank_day_year(rest: str, next_line: str) -> int | None:
    """The year printed after `ngày` on a date line whose day is blank (`rest`: the line after
    `ngày`; the month and year may stand in the next cell)."""
    m = _BLANK_DAY.match(rest if rest.strip() else next_line)
    return int(m.group(1)) if m else None
