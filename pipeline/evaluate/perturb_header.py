"""The header block as the perturbations of `pipeline.evaluate.perturb` read it, and the two that rewrite it:
`no_header` (a news copy) and `header_table` (the two columns as a scraped page's markdown table).

Small rules of its own, never the pipeline's: the yardstick must not move with the code it measures.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache

from .. import regexes
from ..resources import open_model


@cache
def data() -> dict:
    """The perturbations' own tables (models/perturb.toml)."""
    with open_model("perturb.toml") as f:
        return tomllib.load(f)


# -- reading lines ------------------------------------------------------------------------------

# A task marker at the start of a line, then its text (bullets are left out: sites rarely
# emphasise them).
MARKER_LINE = regexes.compile(
    r"^(?P<marker>(?:PHẦN|Phần|CHƯƠNG|Chương|MỤC|Mục)\s+[IVXLC\d]+\s*[.:]?|(?:Điều|ĐIỀU)\s+\d+\s*[.:]"
    r"|[IVXLC]{1,6}\s*[.)]|\d{1,3}(?:\.\d{1,3}){0,4}\s*[.)]|[a-zđ][.)]|\(\d{1,3}\)|\([a-zđ]\))"
    r"(?P<space>\s+)(?P<rest>\S.*)$")
TABLE_LINE = regexes.compile(r"^\s*\|")
# The right column's lines: the national motto (also its second half on a line of its own), the
# Party's and the Youth Union's names in capitals.
MOTTO = regexes.compile(r"CỘNG\s*H[OÒ]\s*[ÀA]\s*X|CHỦ\s+NGHĨA\s+VIỆT\s+NAM|ĐẢNG\s+CỘNG\s+SẢN\s+VIỆT\s+NAM"
                        r"|Độc\s+lập\s*[-–—]?\s*Tự\s+do|(?-i:ĐOÀN\s+TNCS\s+HỒ\s+CHÍ\s+MINH)", re.IGNORECASE)
# The place and `ngày` opening a date broken over two lines (`*Cần Thơ, ngày 18` / `tháng 11 năm 2025*`).
_DATE_OPEN = regexes.compile(r"^[^\d:]{2,45},\s*ngày\b")
_SYMBOL_LINE = regexes.compile(r"^[\W_]*Số\s*(?::|\d)")
_DATE = regexes.compile(r"ngày\s+\S{1,4}\s+tháng\s+\S{1,4}\s+năm\s+\d{4}", re.IGNORECASE)
_VV_LINE = regexes.compile(r"^[\W_]*(?:V/v|Về việc)\b", re.IGNORECASE)
# Lines that open the body: the header has ended before them.
_BODY_CUE = regexes.compile(r"^[\W_]*(?:Căn cứ|Kính gửi|Xét đề nghị|Theo đề nghị)\b", re.IGNORECASE)
_KINH_GUI = regexes.compile(r"Kính\s+gửi\s*:")
_RULE_LINE = regexes.compile(r"^[\s\-–—_=*|:]*$")    # separators (`-------`, `* *`, `|`, `|---|`)
HEADER_SCAN_LINES = 150     # the header is in the first lines (after a scraped page's own)
DATE_AFTER = 45             # a place name before the date is this long at most
PROSE_LINE = 250            # a line this long that is no header line is the body's first paragraph


def _bare(line: str) -> str:
    """A line without markdown emphasis, heading signs and surrounding space."""
    return line.strip().strip("*_#| ").strip()


def _opens_body(s: str, after: str) -> bool:
    """Bare line `s` opens the body: a cue (`Căn cứ`, also split over two lines by a scrape: `*Căn` /
    `cứ Luật ...`) or a task marker, emphasis inside it or not (`**Điều 1.**** **Ban hành ...`)."""
    plain = _EMPHASIS_RUN.sub("", s).strip()
    if len(plain.split()) <= 2:
        plain = f"{plain} {_bare(after)}"
    return bool(_BODY_CUE.match(plain) or MARKER_LINE.match(re.sub(r"\s+", " ", plain)))


_EMPHASIS_RUN = regexes.compile(r"[*_]+")


@cache
def _type_words() -> frozenset[str]:
    return frozenset(w.casefold() for w in data()["type_words"]["words"])


def is_type_line(line: str) -> bool:
    """The type word in capitals (`CHỈ THỊ`, `**KẾ HOẠCH**`) alone on its line."""
    s = unicodedata.normalize("NFC", _bare(line))
    return s.isupper() and s.casefold() in _type_words()


def _is_anchor(line: str) -> bool:
    """A line only a header prints: the national motto, `Số: ...`, the place and date, the type word."""
    s = _bare(line)
    if len(s) > PROSE_LINE:
        return False
    return bool(MOTTO.search(s) or _SYMBOL_LINE.match(line) or _is_date_line(s) or is_type_line(line))


def _is_date_line(s: str) -> bool:
    """The place and date line (`Hà Nội, ngày 05 tháng 4 năm 2019`, maybe with `Kính gửi:` glued
    after it), not a sentence that gives a date (`Khoảng 02 giờ ngày 13 tháng 4 năm 2025, xảy ra ...`)."""
    m = _DATE.search(s)
    if not m or len(s[:m.start()]) > DATE_AFTER or any(c.isdigit() for c in s[:m.start()]):
        return False
    if s[:1].islower():
        return False        # a sentence's wrapped end (`hành kể từ ngày 10 tháng 12 năm 2025.`), not a place
    after = s[m.end():].strip(" *_|.")
    return not after or bool(_KINH_GUI.match(after))


def _line_starts(lines: list[str]) -> list[int]:
    starts, pos = [], 0
    for ln in lines:
        starts.append(pos)
        pos += len(ln) + 1
    return starts


def header_bounds(text: str) -> tuple[int, int, int] | None:
    """(start, title start, end) of the header block as offsets into `text`, or None when the text
    has no header (a news article).  `title start` is where the type word's line starts (the end
    when there is none): the two columns lie before it, the type word and trích yếu after.

    The block ends after the last header line (motto, `Số`, date, type word) met before the body
    opens (`Căn cứ`, `Kính gửi`, a task marker, a paragraph of prose), with the trích yếu that follows
    the type word or a `V/v` line; a `Kính gửi:` on a header line ends the block where it stands.
    It starts at the first header line, or at the issuer's lines just above it.
    """
    lines = text.split("\n")
    starts = _line_starts(lines)
    first, last, type_at, cut = -1, -1, None, None
    for i, line in enumerate(lines[:HEADER_SCAN_LINES]):
        kinh_gui = _KINH_GUI.search(line)
        head = line[:kinh_gui.start()] if kinh_gui else line     # `... năm 2019 Kính gửi: ...`
        s = _bare(head)
        if _opens_body(s, lines[i + 1] if i + 1 < len(lines) else "") and not _is_anchor(head):
            break
        if _is_anchor(head):
            first = i if first < 0 else first
            last = i
            if is_type_line(head):
                type_at = i
            if kinh_gui:
                cut = starts[i] + kinh_gui.start()
                break
        elif len(s) > PROSE_LINE:
            break
    if last < 0:
        return None
    if cut is None:
        end = last + 1
        if type_at == last or (end < len(lines) and _VV_LINE.match(lines[end])):
            end = _title_end(lines, end)
        while end < len(lines) and _RULE_LINE.match(lines[end]) and lines[end].strip():
            end += 1
        cut = starts[end] if end < len(lines) else len(text)
    start = starts[_issuer_start(lines, first)]
    return start, (starts[type_at] if type_at is not None else cut), cut


ISSUER_LINES = 4      # the issuer's name above the motto or `Số` takes at most this many lines
ISSUER_WIDTH = 80


def _issuer_start(lines: list[str], first: int) -> int:
    """The line where the issuer's name starts above the first header line: up to four short lines,
    across blank lines and the cell marks (`|`) of a vertical table, up to the table's opening mark."""
    start, taken = first, 0
    for j in range(first - 1, -1, -1):
        s = lines[j].strip()
        if not _bare(s):
            if taken and s == "|":
                return j                # the vertical table's opening mark goes with it
            continue
        # an issuer's name holds no `label: value` (the e-signature block, a page's metadata)
        if taken >= ISSUER_LINES or len(_bare(s)) > ISSUER_WIDTH or ":" in s:
            break
        start, taken = j, taken + 1
    return start


def _title_end(lines: list[str], i: int, most: int = 6) -> int:
    """The line after the trích yếu that starts at or after line `i` (blank lines before it skipped)."""
    while i < len(lines) and not lines[i].strip():
        i += 1
    taken = 0
    while i < len(lines) and lines[i].strip() and taken < most:
        s = _bare(lines[i])
        if _opens_body(s, lines[i + 1] if i + 1 < len(lines) else "") or len(s) > PROSE_LINE:
            break
        i += 1
        taken += 1
        if _RULE_LINE.match(lines[i - 1]):
            break                   # the rule (`-----`) printed under the trích yếu closes it
    return i


# -- (d) no header, (f) header as a table -------------------------------------------------------

def no_header(text: str, seed: int = 0) -> str:
    """The text from the end of the header block on, as a news copy prints it (unchanged when there
    is no header)."""
    bounds = header_bounds(text)
    return text if bounds is None else text[bounds[2]:].lstrip("\n")


def header_table(text: str, seed: int = 0) -> str:
    """The header's two columns as a markdown table (issuer and `Số` on the left, the motto and the
    date on the right), the type word and trích yếu below it, as scraped pages print them.
    Unchanged when there is no header or it is a table already."""
    bounds = header_bounds(text)
    if bounds is None:
        return text
    above, head, rest = text[:bounds[0]], text[bounds[0]:bounds[1]], text[bounds[1]:]
    lines = [ln.strip() for ln in head.split("\n")]
    if any(ln.startswith("|") and _bare(ln) and ln.count("|") >= 2 for ln in lines):
        return text
    rows = _two_columns(lines)
    if not rows:
        return text
    table = [f"| {rows[0][0]} | {rows[0][1]} |", "|---|---|"] + [f"| {a} | {b} |" for a, b in rows[1:]]
    return above + "\n".join(table) + "\n\n" + rest.lstrip("\n")


def _two_columns(lines: list[str]) -> list[tuple[str, str]]:
    """The header's lines as (left, right) cells of one or two rows: the issuer | the motto, then
    `Số ...` (and `V/v ...`) | the place and date.  A rule goes with the line above it."""
    left, right = [[], []], [[], []]      # [row 1, row 2] of each column
    row, column, date_open = 0, left, False
    for ln in lines:
        bare = _bare(ln)
        if not ln.strip(" |"):
            continue                                   # a cell mark (`|`) or a blank line
        if _SYMBOL_LINE.match(ln):
            row = 1
        if _RULE_LINE.match(ln):
            column[row if column is left else _right_row(column)].append(ln)
        elif MOTTO.search(ln):
            column = right
            right[0].append(ln)
        elif _is_date_line(bare) or _DATE_OPEN.match(bare) or (date_open and ("tháng" in bare or "năm" in bare)):
            column, date_open = right, bool(_DATE_OPEN.match(bare)) and not _DATE.search(bare)
            right[1].append(ln)
        else:
            column = left
            left[row].append(ln)
    return [(_cell(left[r]), _cell(right[r])) for r in (0, 1) if left[r] or right[r]]


def _cell(lines: list[str]) -> str:
    """Lines as one table cell: one line, no pipe of its own (an OCR `|` would split the cell)."""
    return " ".join(" ".join(lines).replace("|", " ").split())


def _right_row(right: list[list[str]]) -> int:
    return 1 if right[1] else 0
