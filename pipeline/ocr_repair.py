"""Post-OCR repair where the rules of official documents make it safe.

Tesseract confuses `/` with `7`, `l`, `I`, `|`; digits with letters (`0`/`O`, `1`/`l`/`I`); and these
confusions fall exactly where the extracted data lives: the document symbol (`08-CT7TU`), dates
(`ngày 1O tháng 5`), task markers (`l.`, `Điều l.`).  `repair_line` fixes them, but only inside a
match of a symbol, date or marker pattern, where the document format says what each character must be
(a digit in a number, a slash between number and type).  Nothing outside those patterns changes.

Every repair replaces characters one for one (the length of the line never changes), so offsets and
word boxes stay valid; each is reported as a `Repair` with its offsets, old and new text and rule.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

# Type abbreviations (Nghị định 30/2020 Phụ lục III; Party HD 36): the part after the number.
STATE_TYPES = ("NQ", "QĐ", "CT", "QC", "QyĐ", "TB", "TBKL", "HD", "CTr", "KH", "PA", "ĐA", "DA", "BC", "BB", "TTr",
               "HĐ", "CV", "CĐ", "GUQ", "GM", "GGT", "GNP", "PC", "PG", "PB", "TC", "NĐ", "TT", "TTLT", "VBHN",
               "NQ-CP", "KL", "HDLT", "QĐ-TTg", "PL", "ĐT", "BCĐ")
PARTY_TYPES = ("NQ", "QĐ", "CT", "KL", "QC", "QyĐ", "HD", "TB", "TT", "BC", "BCT", "KH", "CTr", "ĐA", "TTr", "CV",
               "BB", "BG", "TC", "GM", "GGT", "PC", "HC", "KN", "LĐ", "QĐi", "TB", "TC", "NQLT", "HDLT", "TBLT",
               "CTLT", "KHLT", "TTrLT", "CVLT", "BCLT")

_TYPES_ALT = "|".join(sorted({*STATE_TYPES, *PARTY_TYPES}, key=len, reverse=True))
_DIG = "0-9OolI|"                      # digits and the letters Tesseract reads for them
_TO_DIGIT = {"O": "0", "o": "0", "l": "1", "I": "1", "|": "1"}


@dataclass(frozen=True)
class Repair:
    start: int      # offset in the line (same before and after: repairs keep the length)
    end: int
    old: str
    new: str
    rule: str       # symbol-slash | symbol-number | date-number | marker-number


def _digits(s: str) -> str:
    return "".join(_TO_DIGIT.get(c, c) for c in s)


def _has_digit(s: str) -> bool:
    return any(c.isdigit() for c in s)


# Party symbol: 08-CT/TU, with the slash misread: 08-CT7TU, 08-CTlTU.  The type must be a known
# Party type and the issuer part an upper-case abbreviation, so the character between them can only
# be the slash (no valid symbol has a digit or lower-case letter there).
_PARTY = re.compile(rf"(?<![\w/])([{_DIG}]{{1,5}})-({_TYPES_ALT})([7lI|1])([A-ZĐ][A-ZĐa-z]{{0,9}}(?:[-/][A-ZĐ0-9][\wĐ]*)*)(?![\w/])")
# State symbol: 37/CĐ-TTg, 28/2021/NĐ-CP, with the slash misread before the type: 37lCĐ-TTg.
_STATE_SLASH = re.compile(rf"(?<![\w/])([{_DIG}]{{1,5}})([lI|])((?:{_TYPES_ALT})-[A-ZĐ][\wĐ&]*)")
# Any well-formed symbol: digits misread as letters in the number or the year.
_SYMBOL = re.compile(rf"(?<![\w/])([{_DIG}]{{1,5}})((?:/[{_DIG}]{{4}})?)(/|-)((?:{_TYPES_ALT})(?:[-/][A-ZĐ][\wĐ&]*)+)(?![\w])")
_SO = re.compile(rf"(?i:\bsố)\s*:?\s*([{_DIG}]{{1,5}})(?=[/-])")
# Dates: ngày 1O tháng 5 năm 2O25; also 15/O5/2024 after "ngày".
_END = r"(?![^\s,.;:)])"                 # a number token ends at a space or punctuation
_DATE = re.compile(rf"(?i:(ngày)\s+)([{_DIG}]{{1,2}})(?i:\s+(tháng)\s+)([{_DIG}]{{1,2}}){_END}"
                   rf"(?:(?i:\s+(năm)\s+)([{_DIG}]{{4}}){_END})?")
_MONTH_YEAR = re.compile(rf"(?i:(tháng)\s+)([{_DIG}]{{1,2}})(?i:\s+(năm)\s+)([{_DIG}]{{4}}){_END}")
_NUM_DATE = re.compile(rf"(?i:ngày)\s+([{_DIG}]{{1,2}})/([{_DIG}]{{1,2}})/([{_DIG}]{{4}}){_END}")
# Task markers at the start of a line: "l." "1O." "l-" "Điều l." "Khoản 2" etc.
_MARKER = re.compile(rf"^(\s*(?:(?:Điều|Khoản|Mục|Phần thứ)\s+)?)([{_DIG}]{{1,3}})([.\-)]|:)(?=\s|$)")


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
    # symbols
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
    # dates
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
    # task markers: a lone "l" / "I" before "." is a roman numeral I only when upper-case "I",
    # so only "l", "|", "O", "o" and mixed tokens are turned into digits
    m = _MARKER.match(text)
    if m:
        tok = m.group(2)
        if tok not in ("I", "II", "III") and not re.fullmatch(r"[IVX]+", tok):
            _fix_number(text, m.start(2), tok, "marker-number", reps, need_digit=not re.fullmatch(r"[l|]", tok))
    # apply (deduplicated, non-overlapping)
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


def repair_page(page) -> list[Repair]:
    """Apply `repair_line` to every line of a RawPage in place (line text and its words, whose
    boxes stay valid since repairs keep lengths); returns all repairs made."""
    done: list[Repair] = []
    for ln in page.lines:
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
