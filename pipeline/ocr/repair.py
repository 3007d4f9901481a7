"""Post-OCR repair where the rules of official documents make it safe.

Tesseract confuses `/` with `7`, `l`, `I`, `|`; digits with letters (`0`/`O`, `1`/`l`/`I`); and these
confusions fall exactly where the extracted data lives: the document symbol (`08-CT7TU`), dates
(`ngày 1O tháng 5`), task markers (`l.`, `Điều l.`).  `repair_line` fixes them, but only inside a
match of a symbol, date or marker pattern, where the document format says what each character must be
(a digit in a number, a slash between number and type).  Nothing outside those patterns changes.

Every repair of `repair_line` replaces characters one for one (the length of the line never changes),
so offsets and word boxes stay valid; each is reported as a `Repair` with its offsets, old and new text
and rule.  One confusion needs a character dropped: Tesseract's `vie` model doubles a letter of the
type abbreviation in a symbol (`173/QĐĐ-BTP`, `158/CĐĐ-TTg`); `repair_word` fixes it inside one word
(its box stays the word's box), and `repair_page` rebuilds the line's text from its words.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from .. import regexes
from ..lang import issuer_codes, type_codes, type_names

# Type codes, the part after the number of a symbol: models/doctypes.toml, with the codes OCR repair
# also accepts there (its `[ocr]` table).
_KNOWN_TYPES = type_codes(ocr=True)
_TYPES_ALT = "|".join(sorted(_KNOWN_TYPES, key=lambda c: (-len(c), c)))
_DIG = "0-9OolI|"                      # digits and the letters Tesseract reads for them
_TO_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}


@dataclass(frozen=True)
class Repair:
    start: int      # offset in the line (same before and after: repairs keep the length)
    end: int
    old: str
    new: str
    # symbol-slash | symbol-number | symbol-type | date-number | marker-number | marker-junk | marker-period
    # | type-name
    rule: str


def _digits(s: str) -> str:
    return "".join(_TO_DIGIT.get(c, c) for c in s)


def _has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)


# Party symbol: 08-CT/TU, with the slash misread: 08-CT7TU, 08-CTlTU.  The type must be a known
# Party type and the issuer part an upper-case abbreviation, so the character between them can only
# be the slash (no valid symbol has a digit or lower-case letter there).
_PARTY = regexes.compile(rf"(?<![\w/])([{_DIG}]{{1,5}})-({_TYPES_ALT})([7lI|1])"
                         rf"([A-ZĐ][A-ZĐa-z]{{0,9}}(?:[-/][A-ZĐ0-9][\wĐ]*)*)(?![\w/])")
# State symbol: 37/CĐ-TTg, 28/2021/NĐ-CP, with the slash misread before the type: 37lCĐ-TTg.
_STATE_SLASH = regexes.compile(rf"(?<![\w/])([{_DIG}]{{1,5}})([lI|])((?:{_TYPES_ALT})-[A-ZĐ][\wĐ&]*)")
# Any well-formed symbol: digits misread as letters in the number or the year.
_SYMBOL = regexes.compile(rf"(?<![\w/])([{_DIG}]{{1,5}})((?:/[{_DIG}]{{4}})?)(/|-)"
                          rf"((?:{_TYPES_ALT})(?:[-/][A-ZĐ][\wĐ&]*)+)(?![\w])")
_SO = regexes.compile(rf"(?i:\bsố)\s*:?\s*([{_DIG}]{{1,5}})(?=[/-])")
# Dates: ngày 1O tháng 5 năm 2O25; also 15/O5/2024 after "ngày".
_END = r"(?![^\s,.;:)])"                 # a number token ends at a space or punctuation
_DATE = regexes.compile(rf"(?i:(ngày)\s+)([{_DIG}]{{1,2}})(?i:\s+(tháng)\s+)([{_DIG}]{{1,2}}){_END}"
                        rf"(?:(?i:\s+(năm)\s+)([{_DIG}]{{4}}){_END})?")
_MONTH_YEAR = regexes.compile(rf"(?i:(tháng)\s+)([{_DIG}]{{1,2}})(?i:\s+(năm)\s+)([{_DIG}]{{4}}){_END}")
_NUM_DATE = regexes.compile(rf"(?i:ngày)\s+([{_DIG}]{{1,2}})/([{_DIG}]{{1,2}})/([{_DIG}]{{4}}){_END}")
# A speck or rule read as a glyph before a task marker: "_ Điều 1.", "' 2.", "| a)" (the glyph
# stands alone, then the marker: no marker or word of a document starts that way).
_JUNK_BEFORE_MARKER = regexes.compile(
    rf"^(\s*)([_~`'‘’,.·ˆ˜¸°|¦¬]{{1,2}})(?=\s+(?:(?:Điều|Chương|Mục|Phần|ĐIỀU|CHƯƠNG|MỤC|PHẦN)\s+[{_DIG}IVXLC]"
    rf"|[{_DIG}]{{1,3}}(?:\.[{_DIG}]{{1,3}})*[.)]\s|[IVXLC]{{1,5}}\.\s|[a-zđ]\)\s|[-+•–]\s|\(\d{{1,2}}\)\s))")
# Type names printed alone in capitals above the title (tên loại): a closed list, so a line that
# differs from one only in tone marks (Tesseract reads the bold capitals' marks badly: `CHÍ THỊ`) is
# that name.
_TYPE_NAMES = tuple(n.upper() for n in type_names(ocr=True))     # models/doctypes.toml


def _bare(s: str) -> str:
    import unicodedata

    d = unicodedata.normalize("NFD", s)
    return "".join(c for c in d if not unicodedata.combining(c)).replace("Đ", "D").replace("đ", "d")


_TYPE_BY_BARE: dict[str, list[str]] = {}
for _t in _TYPE_NAMES:
    _TYPE_BY_BARE.setdefault(_bare(_t), [])
    if _t not in _TYPE_BY_BARE[_bare(_t)]:
        _TYPE_BY_BARE[_bare(_t)].append(_t)


def _type_line(text: str) -> tuple[int, str] | None:
    """(offset, type name) when the line is a type name alone with wrong tone marks."""
    core = text.strip()
    if not core or not core.isupper() or core in _TYPE_NAMES:
        return None
    names = _TYPE_BY_BARE.get(_bare(core), [])
    if len(names) != 1 or len(names[0]) != len(core):
        return None
    return text.index(core), names[0]


_LONE_NUMBER = regexes.compile(rf"^\s*([+*'`~_‘’]?)([0-9][{_DIG}]{{0,2}})([.:;,])\s*$")
# Task markers at the start of a line: "l." "1O." "l-" "Điều l." "Khoản 2" etc.
_MARKER = regexes.compile(rf"^(\s*(?:(?:Điều|Khoản|Mục|Phần thứ)\s+)?)([{_DIG}]{{1,3}})([.\-)]|:)(?=\s|$)")


def _fix_number(text: str, start: int, tok: str, rule: str, out: list[Repair], *, need_digit: bool = True,
                valid=None) -> None:
    """Turn letter look-alikes in a number token into digits (when the token has a real digit, or
    need_digit is False), recording one Repair per changed character run."""
    if not tok or tok.isdigit():
        return
    if need_digit and not _has_digit(tok):
        return
    new = _digits(tok)
    if not new.isdigit() or (valid is not None and not valid(int(new))):
        return
    out.append(Repair(start, start + len(tok), tok, new, rule))


def repair_line(text: str) -> tuple[str, list[Repair]]:
    """Repair OCR confusions inside symbols, dates and task markers of one line.

    Returns the repaired text (same length as `text`) and the repairs made.  Characters outside a
    matched pattern are never changed.
    """
    reps: list[Repair] = []
    _symbol_repairs(text, reps)
    _date_repairs(text, reps)
    _marker_repairs(text, reps)
    return _apply(text, reps)


def _symbol_repairs(text: str, reps: list[Repair]) -> None:
    """The slash and the numbers of document symbols (`08-CT7TU`, `Số: l2/...`)."""
    for m in _PARTY.finditer(text):
        reps.append(Repair(m.start(3), m.end(3), m.group(3), "/", "symbol-slash"))
        _fix_number(text, m.start(1), m.group(1), "symbol-number", reps)
    for m in _STATE_SLASH.finditer(text):
        if any(r.start == m.start(2) for r in reps):
            continue
        reps.append(Repair(m.start(2), m.end(2), m.group(2), "/", "symbol-slash"))
        _fix_number(text, m.start(1), m.group(1), "symbol-number", reps)
    for m in _SYMBOL.finditer(text):
        _fix_number(text, m.start(1), m.group(1), "symbol-number", reps)
        if m.group(2):
            _fix_number(text, m.start(2) + 1, m.group(2)[1:], "symbol-number", reps,
                        valid=lambda y: 1945 <= y <= 2100)
    for m in _SO.finditer(text):
        # after "Số:" the number is a number even without a real digit in it ("Số: l2/..." , "Số: I/...")
        _fix_number(text, m.start(1), m.group(1), "symbol-number", reps, need_digit=len(m.group(1)) > 1 or False)


def _date_repairs(text: str, reps: list[Repair]) -> None:
    """The numbers of dates (`ngày 1O tháng 5 năm 2025`, `15/O6/2024`)."""
    for m in _DATE.finditer(text):
        _fix_number(text, m.start(2), m.group(2), "date-number", reps, valid=lambda d: 1 <= d <= 31,
                    need_digit=False)
        _fix_number(text, m.start(4), m.group(4), "date-number", reps, valid=lambda d: 1 <= d <= 12,
                    need_digit=False)
        if m.group(6):
            _fix_number(text, m.start(6), m.group(6), "date-number", reps, valid=lambda y: 1900 <= y <= 2100)
    for m in _MONTH_YEAR.finditer(text):
        _fix_number(text, m.start(2), m.group(2), "date-number", reps, valid=lambda d: 1 <= d <= 12,
                    need_digit=False)
        _fix_number(text, m.start(4), m.group(4), "date-number", reps, valid=lambda y: 1900 <= y <= 2100)
    for m in _NUM_DATE.finditer(text):
        _fix_number(text, m.start(1), m.group(1), "date-number", reps, valid=lambda d: 1 <= d <= 31)
        _fix_number(text, m.start(2), m.group(2), "date-number", reps, valid=lambda d: 1 <= d <= 12)
        _fix_number(text, m.start(3), m.group(3), "date-number", reps, valid=lambda y: 1900 <= y <= 2100)


def _marker_repairs(text: str, reps: list[Repair]) -> None:
    """Task markers (`l.` -> `1.`), the junk before them, type names, and an item number alone on
    its line whose period was misread."""
    # task markers: a lone "l" / "I" before "." is a roman numeral I only when upper-case "I",
    # so only "l", "|", "O", "o" and mixed tokens are turned into digits
    j = _JUNK_BEFORE_MARKER.match(text)
    if j:
        reps.append(Repair(j.start(2), j.end(2), j.group(2), " " * len(j.group(2)), "marker-junk"))
        text_for_marker = text[:j.start(2)] + " " * len(j.group(2)) + text[j.end(2):]
    else:
        text_for_marker = text
    m = _MARKER.match(text_for_marker)
    if m:
        tok = m.group(2)
        if tok not in ("I", "II", "III") and not re.fullmatch(r"[IVX]+", tok):
            _fix_number(text, m.start(2), tok, "marker-number", reps, need_digit=not re.fullmatch(r"[l|]", tok))
    tl = _type_line(text)
    if tl:
        reps.append(Repair(tl[0], tl[0] + len(tl[1]), text[tl[0]:tl[0] + len(tl[1])], tl[1], "type-name"))
    # an item number alone on its line (its text follows on the next line) whose period was read
    # as a colon, comma or semicolon ("2:" -> "2."), or with a speck before it ("+1." -> " 1.")
    lone = _LONE_NUMBER.match(text)
    if lone:
        if lone.group(1):      # a speck before it: "+1."
            reps.append(Repair(lone.start(1), lone.end(1), lone.group(1), " ", "marker-junk"))
        _fix_number(text, lone.start(2), lone.group(2), "marker-number", reps)
        if lone.group(3) != ".":
            reps.append(Repair(lone.start(3), lone.end(3), lone.group(3), ".", "marker-number"))


def _apply(text: str, reps: list[Repair]) -> tuple[str, list[Repair]]:
    """The text with the repairs made (deduplicated, non-overlapping: the first one found wins)."""
    seen: dict[int, Repair] = {}
    for r in reps:
        if r.old == r.new:
            continue
        if any(not (r.end <= s.start or r.start >= s.end) for s in seen.values()):
            continue
        seen[r.start] = r
    final = sorted(seen.values(), key=lambda r: r.start)
    chars = list(text)
    for r in final:
        assert len(r.old) == len(r.new)
        chars[r.start:r.end] = list(r.new)
    return "".join(chars), final


_KNOWN_SEGMENTS = _KNOWN_TYPES | issuer_codes()
# a symbol as one word: number (and year), then type / issuer segments, then trailing punctuation
_SYMBOL_WORD = regexes.compile(r"^([(\"“]?\d{1,5}(?:/\d{4})?[/-])"
                               r"((?:\d?[A-ZĐ][A-Za-zĐ0-9]*)(?:[-/]\d?[A-ZĐ][A-Za-zĐ0-9]*)*)(\W*)$")
# letters of issuer codes that Tesseract reads as digits
_DIGIT_LOOKS = {"5": "SB", "8": "B", "0": "OĐD", "1": "ILT", "6": "G", "2": "Z", "4": "A"}


def _undouble(seg: str) -> str | None:
    """The known type or issuer code a segment becomes with one doubled letter dropped
    (`QĐĐ` -> `QĐ`, `LĐĐTBXH` -> `LĐTBXH`), or None (known already, or no such reading)."""
    if seg in _KNOWN_SEGMENTS:
        return None
    for i in range(1, len(seg)):
        if seg[i] == seg[i - 1] and seg[:i] + seg[i + 1:] in _KNOWN_SEGMENTS:
            return seg[:i] + seg[i + 1:]
    if seg[:1].isdigit():
        # a letter read as a digit at the start of a code: `5KHĐT` -> `BKHĐT` (one known reading only)
        cands = {c + seg[1:] for c in _DIGIT_LOOKS.get(seg[0], "")} & _KNOWN_SEGMENTS
        if len(cands) == 1:
            return cands.pop()
    return None


def repair_word(word: str) -> tuple[str, list[Repair]]:
    """Repairs that change a word's length: a letter Tesseract doubled in a segment of a symbol
    (`4210/QĐĐ-BYTT` -> `4210/QĐ-BYT`, `3418/LĐĐTBXH-NCC` -> `3418/LĐTBXH-NCC`), only where the
    segment is no known type or issuer code (models/issuer_codes.toml) and becomes one, or whose
    first letter was read as a digit (`3397/5KHĐT-QLKTTW` -> `3397/BKHĐT-QLKTTW`); and a Đ
    emitted twice as `ĐÐ` (anywhere in a word).  Offsets of each repair are in the word as it was
    when that repair was made."""
    reps: list[Repair] = []
    # Tesseract's `vie` model emits a capital Đ twice, once as Đ (U+0110) and once as the look-alike
    # Ð (U+00D0): `158/CĐÐ-TTg`.  No text mixes the two, so the pair is one Đ.
    pos = word.find("ĐÐ") if "ĐÐ" in word else word.find("ÐĐ")
    while pos >= 0:
        reps.append(Repair(pos, pos + 2, word[pos:pos + 2], "Đ", "double-d"))
        word = word[:pos] + "Đ" + word[pos + 2:]
        pos = word.find("ĐÐ") if "ĐÐ" in word else word.find("ÐĐ")
    m = _SYMBOL_WORD.match(word)
    if not m:
        return word, reps
    out = [m.group(1)]
    pos = m.start(2)
    for part in re.split(r"([-/])", m.group(2)):
        new = _undouble(part) if part not in "-/" else None
        if new is not None:
            reps.append(Repair(pos, pos + len(part), part, new, "symbol-type"))
            out.append(new)
        else:
            out.append(part)
        pos += len(part)
    if not reps:
        return word, []
    return "".join(out) + m.group(3), reps


_ROMAN = regexes.compile(r"^[IVX]{1,4}$")


def _roman_heading(words: list[str]) -> bool:
    """A Roman numeral that lost its period before a heading in capitals: `II NỘI DUNG TRIỂN KHAI`."""
    if len(words) < 2 or not _ROMAN.match(words[0]):
        return False
    rest = " ".join(words[1:])
    letters = [c for c in rest if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) >= 0.85 * len(letters)


def repair_page(page) -> list[Repair]:
    """Apply `repair_word` and `repair_line` to every line of a RawPage in place (line text and its
    words: the boxes stay valid, character repairs keep lengths and word repairs stay inside their
    word); returns all repairs made."""
    done: list[Repair] = []
    for ln in page.lines:
        if ln.words and " ".join(w.text for w in ln.words) == ln.text:
            changed = False
            if _roman_heading([w.text for w in ln.words]):
                old_w = ln.words[0].text
                ln.words[0].text = old_w + "."
                done.append(Repair(0, len(old_w), old_w, old_w + ".", "marker-period"))
                changed = True
            for w in ln.words:
                nw, wreps = repair_word(w.text)
                if wreps:
                    w.text = nw
                    done.extend(wreps)
                    changed = True
            if changed:
                ln.text = " ".join(w.text for w in ln.words)
        new, reps = repair_line(ln.text)
        if not reps:
            continue
        ln.text = new
        if ln.words and " ".join(w.text for w in ln.words) == text_before(new, reps):
            pos = 0
            for w in ln.words:
                w.text = new[pos:pos + len(w.text)]
                pos += len(w.text) + 1
        done.extend(reps)
    return done


def text_before(new: str, reps: list[Repair]) -> str:
    """The text a repaired line had before `reps` were applied."""
    chars = list(new)
    for r in reps:
        chars[r.start:r.end] = list(r.old)
    return "".join(chars)
