"""Normalization: a `RawDoc` of pages and lines becomes a `Document` with one normalized `text`.

What changes, and why:
- Unicode NFC, one tone-mark placement (`hoà`→`hòa`, `thuỷ`→`thủy`: the placement of current
  official texts and of the gold), look-alike characters (`Ð` U+00D0 → `Đ`), odd spaces collapsed;
- markdown emphasis and escapes are dropped (`**I. MỤC ĐÍCH**` → `I. MỤC ĐÍCH`), their style kept;
- lines broken by PDF extraction, OCR or scraping are joined back into paragraphs, also across
  page breaks; a paragraph is one line of `text`, a table row is one line whose cells are `" | "`
  separated;
- page numbers, running headers and site boilerplate are set aside (kept in `Document.set_aside`).

Every character of `text` maps back to its raw source offset through `SourceMap` runs, and to its
page through `Source.page_info`; word boxes of PDF and OCR input become `Box`es over `text`.
"""
from __future__ import annotations

import re
import tomllib
import unicodedata
from functools import cache, lru_cache

from ..model import Block, Box, Document, PageInfo, Source, SourceMap
from ..resources import open_model
from .layout import RawDoc, RawLine

# -- characters ---------------------------------------------------------------------------------

LOOKALIKES = {"\u00d0": "\u0110", "\u00f0": "\u0111", "\u0189": "\u0110", "\u00a0": " ", "\u2007": " ",
              "\u202f": " ", "\u2009": " ", "\u200a": " ", "\u3000": " ", "\t": " ", "\u2002": " ",
              "\u2003": " ", "\u2212": "-", "\u2010": "-", "\u2011": "-", "\ufeff": " ", "\u200b": " ",
              "\u00ad": " ", "\u200c": " ", "\u200d": " ", "\r": " ", "\f": " ", "\v": " ", "\u2044": "/"}
_LOOKALIKE_RE = re.compile("[" + "".join(re.escape(k) for k in LOOKALIKES) + "]")
_TONES = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}   # huyền, sắc, ngã, hỏi, nặng
_LETTER = r"A-Za-zÀ-ỹĐđ"
# A tone mark on the second vowel of an open oa/oe/uy syllable moves to the first vowel:
# hoà→hòa, khoẻ→khỏe, thuỷ→thủy (not after q: quý is right; not with a coda: hoàn, thuyền).
_TONE_RE = re.compile(rf"(?<![qQ{_LETTER}])([{_LETTER}]*?)(?<![qQ])([oOuU])([àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ])(?![{_LETTER}])")


def _move_tone(m: re.Match) -> str:
    first, second = m.group(2), m.group(3)
    if first in "uU" and unicodedata.normalize("NFD", second)[0] not in "yY":
        return m.group(0)      # ua/ue do not move (mùa, thuế are not this pattern)
    if first in "oO" and unicodedata.normalize("NFD", second)[0] in "yY":
        return m.group(0)
    d = unicodedata.normalize("NFD", second)
    tone = next((c for c in d if c in _TONES), "")
    base = unicodedata.normalize("NFC", "".join(c for c in d if c not in _TONES))
    return m.group(1) + unicodedata.normalize("NFC", first + tone) + base


def normalize_chars(s: str) -> str:
    """The character normalization of `text`, for strings outside a document (gold values, queries).
    Length may change (NFC); inside documents `normalize` keeps the offset map."""
    s = unicodedata.normalize("NFC", s)
    s = _LOOKALIKE_RE.sub(lambda m: LOOKALIKES[m.group(0)], s)
    if _CYRILLIC_ANY.search(s):
        s = _CYRILLIC_WORD.sub(_latin_cyrillic, s)
    s = _TONE_RE.sub(_move_tone, s)
    return re.sub(r" {2,}", " ", s)


class _Builder:
    """Accumulates `text` with its raw-offset runs."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.length = 0
        self.runs: list[tuple[int, int]] = []
        self._last_char = "\n"

    def emit(self, s: str, raw: int) -> None:
        """Append `s` (already normalized, same length as its raw source at `raw`)."""
        if not s:
            return
        if self.runs and self.runs[-1][1] + (self.length - self.runs[-1][0]) == raw:
            pass     # continues the current run
        else:
            self.runs.append((self.length, raw))
        self.parts.append(s)
        self.length += len(s)
        self._last_char = s[-1]

    def sep(self, s: str, raw: int) -> None:
        """Append a separator (space, newline, cell bar) attributed to raw offset `raw`."""
        if s == " " and self._last_char in " \n":
            return
        if s[0] in "\n " and self._last_char == " ":
            self.trim()
        self.runs.append((self.length, raw))
        self.parts.append(s)
        self.length += len(s)
        self._last_char = s[-1]

    def trim(self) -> None:
        """Drop a trailing space (before a line break or a cell bar)."""
        while self.parts and self.parts[-1].endswith(" "):
            self.parts[-1] = self.parts[-1][:-1]
            self.length -= 1
            if not self.parts[-1]:
                self.parts.pop()
        self._last_char = self.parts[-1][-1] if self.parts else "\n"

    def text(self) -> str:
        return "".join(self.parts)


# Markdown emphasis, heading hashes and backslash escapes; odd spaces; runs of spaces.
_MARKUP_RE = re.compile(r"\*{1,3}|_{2,3}|^\s{0,3}#{1,6}\s|\\(?=[\\`*_{}\[\]()#+\-.!|]|\s*$)|<br\s*/?>|\s{2,}|[\t\u00a0\u2000-\u200d\u202f\u3000\ufeff\u00ad\r\f\v]")


# Emphasis that opens a line, with the spaces inside it: dropped whole, so the marker it wraps opens
# the block (`** 2.1. **`, `*** a) ***`); a lone `* ` is a bullet and stays.
_LEAD_EMPHASIS = re.compile(r"(?:(?:\*{2,3}|_{2,3})\s*)+")


def _emit_line(b: _Builder, line: str, raw: int) -> None:
    """Emit one raw line: markup dropped, spaces collapsed, characters normalized, offsets kept."""
    if b._last_char in " \n":
        stripped = line.lstrip()        # no block starts with a space
        # nor with the spaces a scrape leaves inside opening emphasis (`** 2.1. **Nội dung`)
        lead = _LEAD_EMPHASIS.match(stripped) if stripped[:1] in ("*", "_") else None
        if lead:
            stripped = stripped[lead.end():]
        raw += len(line) - len(stripped)
        line = stripped
    pos = 0
    for m in _MARKUP_RE.finditer(line):
        if m.start() > pos:
            _emit_piece(b, line[pos:m.start()], raw + pos)
        tok = m.group(0)
        if tok.isspace() or tok in LOOKALIKES or tok.startswith("<br"):
            b.sep(" ", raw + m.start())
        pos = m.end()
    if pos < len(line):
        _emit_piece(b, line[pos:], raw + pos)


def _emit_piece(b: _Builder, s: str, raw: int) -> None:
    if s.isascii():
        b.emit(s, raw)
        return
    if not unicodedata.is_normalized("NFC", s):
        # Compose cluster by cluster so each composed character keeps its raw offset; the tone and
        # look-alike fixes then run over the composed piece (they keep its length).
        chars: list[str] = []
        offs: list[int] = []
        i = 0
        while i < len(s):
            j = i + 1
            while j < len(s) and unicodedata.combining(s[j]):
                j += 1
            for k, ch in enumerate(unicodedata.normalize("NFC", s[i:j])):
                chars.append(ch)
                offs.append(raw + i + min(k, j - i - 1))
            i = j
        fixed = _fix("".join(chars))
        for ch, off in zip(fixed, offs):
            b.emit(ch, off)
        return
    b.emit(_fix(s), raw)


# One cheap search says whether `_fix` has anything to do (a look-alike, or o/u before a toned a/e/y).
# (the tone moves only in open syllables: `hoà`, not `hoạt`)
_FIX_QUICK = re.compile(_LOOKALIKE_RE.pattern[:-1] + "\u0400-\u04ff]" + rf"|[oOuU][àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ](?![{_LETTER}])")
_CYRILLIC_ANY = re.compile(r"[\u0400-\u04ff]")


# Cyrillic letters that look like Latin ones, printed inside Latin words by copy-paste or OCR
# (`Ðіều` with a Cyrillic і, `сhung`, `Quý ІІI`): mapped back where the word holds a Latin letter.
CYRILLIC_LOOKALIKES = dict(zip("аеорсхуіјѕАВЕКМНОРСТХІЈЅ", "aeopcxyijsABEKMHOPCTXIJS"))
_CYRILLIC_WORD = re.compile(r"[\w\u0300-\u0323]*[\u0400-\u04ff][\w\u0300-\u0323]*")


def _latin_cyrillic(m: re.Match) -> str:
    w = m.group(0)
    if not any("a" <= c.lower() <= "z" or "\u00c0" <= c <= "\u024f" or "\u1ea0" <= c <= "\u1ef9" for c in w):
        return w            # a Russian word stays Russian
    return "".join(CYRILLIC_LOOKALIKES.get(c, c) for c in w)


def _fix(s: str) -> str:
    if not _FIX_QUICK.search(s):
        return s
    if _CYRILLIC_ANY.search(s):
        s = _CYRILLIC_WORD.sub(_latin_cyrillic, s)
    if _LOOKALIKE_RE.search(s):
        s = _LOOKALIKE_RE.sub(lambda m: LOOKALIKES[m.group(0)], s)
    if _TONE_RE.search(s):
        s = _TONE_RE.sub(_move_tone, s)
    return s


SITE_TAIL_MIN_TEXT = 1000   # a page's tail starts only after this much of the document


# -- boilerplate --------------------------------------------------------------------------------

@cache
def boilerplate_rules() -> dict:
    """Patterns of lines to set aside, from `models/boilerplate.toml` (checked by tests)."""
    with open_model("boilerplate.toml") as f:
        data = tomllib.load(f)
    rules = {}
    for kind, entry in data.items():
        rules[kind] = re.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE)
    return rules


@cache
def _one_rule() -> tuple[re.Pattern, list[str]]:
    """All kinds in one alternation (one `fullmatch` per line instead of one per kind); the group
    that matched names the kind, in the table's order."""
    kinds = list(boilerplate_rules())
    alts = "|".join(f"(?P<k{i}>{boilerplate_rules()[k].pattern})" for i, k in enumerate(kinds))
    return re.compile(alts, re.IGNORECASE), kinds


def classify_line(line: str) -> str | None:
    """The kind of boilerplate a raw line is (`page_number`, `site`, `signature_stamp`...) or None."""
    s = composed(line.strip().strip("*_").strip())
    if not s:
        return None
    rx, kinds = _one_rule()
    m = rx.fullmatch(s)
    return kinds[int(m.lastgroup[1:])] if m else None


_WORD_TOKEN = re.compile(r"[^\W\d_]{2,}")
_ALNUM = re.compile(r"[^\W_]")
_JUNK = re.compile(r"[\^_¬⁄~+=<>\\#@®©{}¢§¥£€ˆ°]")


def is_ocr_debris(line: str) -> bool:
    """A line that is scanner or stamp debris, not text: few letters that form words, and not a
    number, a date or a lone task marker (`D ^ _ấ,/ | : ¬ nà Ko + x`, `K=.`).

    >>> is_ocr_debris("D ^ _ấ,/ | : ¬ nà Ko + x _- _ ⁄ L2 2."), is_ocr_debris("a)"), is_ocr_debris("./.")
    (True, False, False)
    """
    if len(line) > 120 or not _JUNK.search(line):
        return False                 # the cheap test first: debris has stamp-edge characters
    s = _MARKUP_RE.sub(" ", line).strip()
    if len(s) > 80 or "./." in s or s.startswith("|") or not s.strip(" -_=~|") or MARKER_RE.match(s) or MARKER_RE.match(s + " "):
        return False
    chars = [c for c in s if not c.isspace() and c not in ".…,;:"]    # dot leaders are a form's blanks
    good = sum(len(m.group(0)) for m in _WORD_TOKEN.finditer(s))
    digits = sum(c.isdigit() for c in chars)
    junk = len(_JUNK.findall(s))
    return (good < 0.35 * len(chars) and digits < 0.3 * len(chars)
            and junk >= 2)


# -- paragraphs ---------------------------------------------------------------------------------

MARKER_RE = re.compile(
    r"^(?:[IVXLC]{1,6}\s*(?:[.)]|[-–](?=\s))|\d{1,3}(?:\s?\.\s?\d{1,3}){0,4}\s*(?:[.)]|[-–](?=\s))|\d{1,2}(?:\.\d{1,2}){1,4}\s(?=[A-ZÀ-ỸĐ])|[a-zđ]\s?[)]|[a-zđ]\.\s"
    r"|[-+•–—*·●○■□▪➢✓>\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e]\s?|\(\s?\d{1,3}\s?\)|\(\s?[a-zđ]\s?\)|(?:Điều|ĐIỀU)\s+\d+\s*[.:\-–]|(?:Chương|CHƯƠNG)\s+[IVXLC\d]+"
    r"|(?:Mục|MỤC)\s+[IVXLC\d]+|(?:Phần|PHẦN)\s+(?:[IVXLC\d]+|THỨ|thứ)|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
    r"|[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe])")
_TERMINAL_RE = re.compile(r"[.:;!?][\"'”’)\]*_]*\s*$|\./\.\s*$")
def _starts_upper(s: str) -> bool:
    """Opens (after quotes and brackets) with a capital letter or a digit."""
    s = s.lstrip("\"'“‘([*_ ")
    return bool(s) and (s[0].isdigit() or s[0].isupper())


@lru_cache(maxsize=8192)
def _is_caps(s: str) -> bool:
    """Mostly capital letters (a heading, a header line); judged on the first 150 characters.
    (Character classes such as [À-Ỹ] cannot tell case: Latin Extended Additional interleaves
    capitals and small letters, so case is read with str methods.)"""
    up, low = count_case(s[:150])
    return up + low >= 3 and up > 0.85 * (up + low)


# Every capital and small letter of the scripts a Vietnamese document uses, as regex classes: counting
# with `findall` runs in C, where a Python loop over characters was the hot spot of normalization.
_UPPER_RE = re.compile("[" + "".join(re.escape(chr(i)) for i in range(0x41, 0x2000) if chr(i).isupper()) + "]")
_LOWER_RE = re.compile("[" + "".join(re.escape(chr(i)) for i in range(0x61, 0x2000) if chr(i).islower()) + "]")


def count_case(s: str) -> tuple[int, int]:
    """(capital letters, small letters) in `s`.

    >>> count_case("UBND tỉnh Đồng Tháp")
    (6, 10)
    """
    return len(_UPPER_RE.findall(s)), len(_LOWER_RE.findall(s))


# Header lines that stand on their own even between caps lines: the number line, the place-and-date
# line, V/v, Kính gửi / Nơi nhận, and a type name alone (`KẾ HOẠCH`).
_TYPE_ALONE = (r"(?:KẾ HOẠCH|CHỈ THỊ|QUYẾT ĐỊNH|CÔNG ĐIỆN|THÔNG BÁO|HƯỚNG DẪN|NGHỊ QUYẾT|KẾT LUẬN|CÔNG VĂN|BÁO CÁO|"
               r"CHƯƠNG TRÌNH|QUY ĐỊNH|QUY CHẾ|TỜ TRÌNH|THÔNG TƯ|NGHỊ ĐỊNH|ĐỀ ÁN|THÔNG TRI|PHƯƠNG ÁN)")
_HEADER_LINE = re.compile(rf"^(?:(?:Số|SỐ)\s*[:.]?\s*[\d/]|[^,]{{2,40}},\s*ngày\s+\d|V/v\b|Kính gửi|Nơi nhận|Căn cứ\s|Ngày\s+\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}\s*,|{_TYPE_ALONE}\s*$)")
_TYPE_ALONE_RE = re.compile(rf"^{_TYPE_ALONE}\s*$")


# A marker an OCR engine turned into symbols (`___». Giao ...`, `_2. Thanh tra ...`).
# Shared with tasks/stage.py, which reads the number (`n`) or, with none, infers it from the outline.
MANGLED_MARKER_RE = re.compile(r"[_~»«—=.,'`]{1,5}\s*(?:(?P<n>\d{1,2})\s*)?\.\s+(?=[A-ZÀ-ỸĐ])")


_RANGE_END = re.compile(r"[-–]\s?\d{1,4}(?:[/.]\d{1,4})*(?:[\s,;.:)]|$)")


def _is_bold_line(line: str) -> bool:
    """`**Về tăng cường công tác ...**`: markdown bold from the line's start to its end."""
    s = line.strip()
    return len(s) > 4 and s.startswith("**") and s.endswith("**") and "**" not in s[2:-2]


_HEADING_WORD_ALONE = re.compile(r"Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN")


def composed(s: str) -> str:
    """`s` in NFC, for the tests that read raw lines (a source in NFD spells `Nơi nhận`, `ngày` with
    combining marks the patterns do not match); the emitted text keeps its own offsets."""
    return s if s.isascii() or unicodedata.is_normalized("NFC", s) else unicodedata.normalize("NFC", s)


# the credit of a news photo (`Ảnh: VGP`, `Ảnh 1.`): the end of a caption
_PHOTO_CREDIT = re.compile(r"(?:Ảnh|ẢNH)\s*(?::|\d{1,2}\s*\.?\s*$)")


def _starts_paragraph(prev: str, line: str) -> bool:
    prev, line = composed(prev), composed(line)
    bold_change = _is_bold_line(prev) != _is_bold_line(line)
    if "*" in prev or "_" in prev:
        prev = _MARKUP_RE.sub("", prev)      # `**3**.`: the marker under its emphasis
    if line.lstrip()[:1] in ("*", "_"):
        line = _MARKUP_RE.sub("", line)      # `**I**. MỤC ĐÍCH`, `**a)** Triển khai`
    p, l = prev.strip().strip("*_ "), line.strip().lstrip("*_ ").strip()
    if not p:
        return True
    if len(p) <= 6 and _HEADING_WORD_ALONE.fullmatch(p):
        return False      # `**Điều` / `2. **Giao ...`: the heading's number wrapped to the next line
    pm = MARKER_RE.match(p)
    if pm and not p[pm.end():].strip(" .:*_") and not MARKER_RE.match(l):
        return False      # "1." alone on its line: its text follows on the next line (unless that
        #                   line opens with a marker of its own: `Đề án` / `06.` / `4. Đẩy nhanh ...`)
    if _HEADER_LINE.match(l) or _TYPE_ALONE_RE.match(p):
        return True
    if bold_change and _starts_upper(l) and not (_is_caps(p) and _is_caps(l)):
        return True       # a line bold from end to end is a title or heading of its own (not the
        #                   first line of a bold name that goes on: `**Ủy ban nhân dân**` / `tỉnh ...`)
    if MARKER_RE.match(l):
        # "kinh tế\n- xã hội": a dash that continues an unfinished phrase is not a bullet.
        if l[0] in "-–" and not _TERMINAL_RE.search(p) and len(l) > 2 and l[1:].strip()[:1].islower():
            return False
        # "giai đoạn 2021\n- 2025, ...": a dash between two numbers is a range wrapped, not a bullet.
        if l[0] in "-–" and p[-1:].isdigit() and _RANGE_END.match(l):
            return False
        # "phát biểu tại Hội nghị\n- Ảnh: VGP": a photo caption's credit wrapped, not a bullet.
        if l[0] in "-–" and not _TERMINAL_RE.search(p) and _PHOTO_CREDIT.match(l[1:].strip()):
            return False
        return True
    if _TERMINAL_RE.search(p) and (_starts_upper(l) or MANGLED_MARKER_RE.match(line.strip())):
        return True
    cp, cl = _is_caps(p), _is_caps(l)
    if cp != cl and (cp or len(l) < 80 and _starts_upper(l)):
        return True
    return False


def normalize(raw: RawDoc) -> Document:
    """Build the `Document` (text, blocks, pages, source map) of a `RawDoc`."""
    b = _Builder()
    blocks: list[Block] = []
    set_aside: list[tuple[str, int, str]] = []
    boxes: list[Box] = []
    page_starts: list[tuple[int, int]] = []    # (page number, text offset where it starts)
    running = _running_headers(raw)

    para: list[tuple[RawLine, int]] = []       # lines of the open paragraph, with their page
    line_starts: list[int] = []                # text offsets where a raw line was joined on
    line_pos: dict[int, int] = {}              # id(raw line) -> text offset where it was emitted
    lost_bullets = _lost_bullet_lines(raw)
    row_key = None
    row_cells: list[list[tuple[RawLine, int]]] = []

    def emit_joined(lines: list[tuple[RawLine, int]]) -> None:
        """Emit source lines joined by spaces (a paragraph, or one table cell), recording where
        each line landed, the soft line breaks, and the word boxes."""
        for k, (ln, page) in enumerate(lines):
            if k:
                b.sep(" ", ln.raw_offset)
                line_starts.append(b.length)
            before = b.length
            line_pos[id(ln)] = before
            _emit_line(b, ln.text, ln.raw_offset)
            _record_boxes(ln, before, b.length, page, boxes)
        b.trim()

    def flush_para() -> None:
        if not para:
            return
        start = b.length
        emit_joined(para)
        style: set[str] = set()
        for ln, _ in para:
            style |= set(ln.style) | _md_style(ln.text)
        end = b.length
        if end > start:
            blocks.append(Block((start, end), "para", page=para[0][1], style=frozenset(style)))
            b.sep("\n", para[-1][0].raw_offset + len(para[-1][0].text))
        para.clear()

    def flush_row() -> None:
        nonlocal row_key
        if not row_cells:
            row_key = None
            return
        start = b.length
        cells = []
        for c, cell in enumerate(row_cells):
            if c:
                b.sep(" | ", cell[0][0].raw_offset)
            cs = b.length
            emit_joined(cell)
            cells.append((cs, max(cs, b.length)))
        end = b.length
        if end > start:
            blocks.append(Block((start, end), "row", cells=cells, table=row_key[0], page=row_cells[0][0][1]))
            last = row_cells[-1][-1][0]
            b.sep("\n", last.raw_offset + len(last.text))
        row_cells.clear()
        row_key = None

    gap_after_ocr = False
    for page in raw.pages:
        in_tail = False
        for ln in page.lines:
            kind = classify_line(ln.text) or ("running_header" if ln.text.strip() in running
                                              or "repeated_head" in ln.style else None)
            if kind == "page_number" and ln.cell is not None:
                kind = None        # "1" in a table cell is the row's number, not a page number
            if kind is None and ln.cell is None and is_ocr_debris(ln.text):
                kind = "ocr_debris"
            if kind == "site_tail" and b.length >= SITE_TAIL_MIN_TEXT:
                in_tail = True      # related documents, notices: the rest of the page is the site's
            if in_tail:
                kind = "site_tail"
            if kind:
                set_aside.append((kind, page.number, ln.text.strip()))
                continue
            if ln.cell is not None:
                flush_para()
                key = ln.cell[:2]
                if key != row_key:
                    flush_row()
                    row_key = key
                if not row_cells or row_cells[-1][0][0].cell != ln.cell:
                    row_cells.append([])
                row_cells[-1].append((ln, page.number))
                continue
            flush_row()
            if not ln.text.strip() or (not _ALNUM.search(ln.text) or "<br" in ln.text) and \
                    not _MARKUP_RE.sub("", ln.text).strip(" -_=~|"):
                # blank lines and pure decoration (`*`, `-----`) end a paragraph; on an OCR page a blank
                # line is only a wider gap, and a dash line that continues an unfinished phrase
                # (`Vụ Tổ chức` / `- cán bộ, ...`) still joins it (`_starts_paragraph`)
                if page.method == "ocr" and not ln.text.strip():
                    gap_after_ocr = True
                else:
                    flush_para()
                continue
            if gap_after_ocr:
                gap_after_ocr = False
                if para and (_starts_paragraph(para[-1][0].text, ln.text) or ln.text.strip()[:1] not in "-–"):
                    flush_para()
            if id(ln) in lost_bullets:
                flush_para()
                ln.style = ln.style | {"lost_bullet"}
            elif para and _starts_paragraph(para[-1][0].text, ln.text):
                flush_para()
            para.append((ln, page.number))
        # Page breaks do not end paragraphs: a sentence may run on to the next page.
    flush_row()
    flush_para()

    text = b.text().rstrip("\n ")
    prev_start = 0
    for page in raw.pages:
        # a page starts where its first kept line landed (a page with none starts where the last did)
        start = next((line_pos[id(ln)] for ln in page.lines if id(ln) in line_pos), None)
        prev_start = start if start is not None else prev_start
        page_starts.append((page.number, prev_start))
    pages_info = []
    for k, (num, start) in enumerate(page_starts):
        end = page_starts[k + 1][1] if k + 1 < len(page_starts) else len(text)
        rp = raw.pages[k]
        pages_info.append(PageInfo(num, (min(start, len(text)), min(end, len(text))), rp.method, rp.confidence,
                                   rp.width, rp.height))
    ocr_pages = [p for p in raw.pages if p.method == "ocr"]
    conf = None
    if ocr_pages:
        confs = [p.confidence for p in ocr_pages if p.confidence is not None]
        conf = round(sum(confs) / len(confs), 4) if confs else None
    fmt = raw.format if raw.format in ("txt", "pdf", "image", "docx", "html") else "txt"
    source = Source(path=raw.path, format=fmt, pages=len(raw.pages), ocr=bool(ocr_pages),
                    ocr_confidence=conf, page_info=pages_info)
    doc = Document(id=raw.source_bytes_sha256, source=source, text=text,
                   blocks=[bl for bl in blocks if bl.span[0] < len(text)],
                   source_map=SourceMap(b.runs, boxes), set_aside=set_aside)
    doc.line_starts = [x for x in line_starts if x < len(text)]
    for page in raw.pages:
        for w in page.warnings:
            doc.warn("page-warning", f"page {page.number}: {w}")
    return doc


_LOST_BULLET = re.compile(r"( {1,2})[A-ZÀ-ỸĐ0-9\"“(]")


def _lost_bullet_lines(raw: RawDoc) -> set[int]:
    """Lines whose bullet glyph was lost in PDF extraction: they open with one or two spaces (where the
    glyph stood) and a capital, in a document whose other lines start flush left.  Returns ids."""
    n = 0
    one, two, indented = [], [], 0
    for p in raw.pages:
        for ln in p.lines:
            t = ln.text
            if ln.cell is not None or not t.strip():
                continue
            n += 1
            if not t[0].isspace():
                continue
            indented += 1
            m = _LOST_BULLET.match(t)
            if m:
                (one if len(m.group(1)) == 1 else two).append(ln)
    # A wide glyph may leave two spaces; such lines count only as stragglers of a one-space
    # document (in a flattened table, two-space lines are its cells).
    cand = one + (two if len(two) < len(one) / 2 else [])
    if len(cand) < 2 or indented > 0.25 * n:
        return set()
    return {id(ln) for ln in cand}


def _md_style(line: str) -> set[str]:
    s = line.strip()
    style = set()
    if s.startswith("**") or s.endswith("**"):
        style.add("bold")
    elif s.startswith(("*", "_")) and not s.startswith(("* ", "- ")):
        style.add("italic")
    if s.startswith("#"):
        style.add("heading")
    return style


def _record_boxes(ln: RawLine, start: int, end: int, page: int, boxes: list[Box]) -> None:
    """Boxes for a line's words: each word gets the stretch of `text` it produced, found by
    walking the emitted line in order (normalization only drops markup and spaces)."""
    if not ln.words:
        if ln.bbox is not None and end > start:
            boxes.append(Box(start, end, page, ln.bbox))
        return
    # Distribute the emitted span over words in order of their lengths.
    total = sum(len(w.text) for w in ln.words) + max(len(ln.words) - 1, 0)
    pos = start
    for w in ln.words:
        n = round(len(w.text) * (end - start) / total) if total else 0
        boxes.append(Box(pos, min(pos + max(n, 1), end), page, w.bbox, w.conf))
        pos = min(pos + n + 1, end)


def _running_headers(raw: RawDoc) -> set[str]:
    """Lines that open (or close) at least three pages, or every page of a 2-page document:
    running headers and footers printed on each page."""
    if len(raw.pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for page in raw.pages:
        lines = [ln.text.strip() for ln in page.lines if ln.text.strip()]
        for s in set(lines[:2] + lines[-2:]):
            if len(s) > 3:
                counts[s] = counts.get(s, 0) + 1
    need = 2 if len(raw.pages) == 2 else 3
    return {s for s, n in counts.items() if n >= need and not MARKER_RE.match(s)}
