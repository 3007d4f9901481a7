"""Where paragraphs start: lines broken by PDF extraction, OCR or scraping are joined back unless the
next line opens a block of its own (a marker, a header line, a heading in capitals, a bold line).

`MARKER_RE` (the markers of items, articles and bullets) is shared with the header and task stages.
"""
from __future__ import annotations

import re
from functools import cache
from typing import Final, Literal

from .. import regexes
from ..lang import match_doc_type, type_names
from ..lang.gazetteer import hyphen_joins
from ..lang.headings import RECIPIENTS_HEADING
from .case import is_caps
from .chars import composed, normalize_chars
from .emit import drop_markup
from .layout import RawLine

# The glyphs a bullet is printed with (dashes, plus, dots, symbol-font bullets).
BULLET_CHARS: Final = "-+•–—*·●○■□▪➢✓>\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e"
MARKER_RE: Final = regexes.compile(
    r"^(?:[IVXLC]{1,6}\s*(?:[.)]|[-–](?=\s))(?![A-Z]\.\d{1,2}\s*[\u201c\x22])|\d{1,3}(?:\s?\.\s?\d{1,3}){0,4}\s*(?:[.)]|[-–](?=\s))"
    r"|\d{1,2}(?:\.\d{1,2}){1,4}\s(?=[A-ZÀ-ỸĐ])|[a-zđ]\s?[)]|[a-zđ]\.\s"
    # `1/ `, `a/ `, `a- ` (Party habits; models/tasks.toml's decimal and letter markers): a space, then a capitalised
    # word (`06/QĐ-TTg`, a symbol's number wrapped to a line's start, has none)
    r"|(?:\d{1,2}|[a-zđ])/\s+(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])|[a-zđ]-\s+(?=[A-ZĐÀ-Ỹ][a-zđà-ỹ])"
    r"|[" + re.escape(BULLET_CHARS) + r"]\s?|\(\s?\d{1,3}\s?\)|\(\s?[a-zđ]\s?\)"
    r"|\(\s?(?=[ivx]{2})x{0,2}(?:ix|iv|vi{0,3}|i{1,3})?\s?\)"     # (ii), (iv), (xii): small Roman numerals
    r"|(?:Điều|ĐIỀU)\s+\d+\s*[.:\-–]|(?:Chương|CHƯƠNG)\s+[IVXLC\d]+"
    r"|(?:Mục|MỤC)\s+[IVXLC\d]+|(?:Phần|PHẦN)\s+(?:[IVXLC\d]+|THỨ|thứ)|Thứ\s+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)"
    r"|[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe])")


def _starts_upper(s: str) -> bool:
    """Opens (after quotes and brackets) with a capital letter or a digit."""
    s = s.lstrip("\"'“‘([*_ ")
    return bool(s) and (s[0].isdigit() or s[0].isupper())


# Header lines that stand on their own even between caps lines: the number line, the place-and-date
# line, V/v, Kính gửi / Nơi nhận, a basis line (`Căn cứ ...`, or `Căn cứ:` over a list) and a type name alone
# (`KẾ HOẠCH`).
TYPE_ALONE: Final = (r"(?:KẾ HOẠCH|CHỈ THỊ|QUYẾT ĐỊNH|CÔNG ĐIỆN|THÔNG BÁO|HƯỚNG DẪN|NGHỊ QUYẾT|KẾT LUẬN|"
                     r"CÔNG VĂN|BÁO CÁO|CHƯƠNG TRÌNH|QUY ĐỊNH|QUY CHẾ|TỜ TRÌNH|"
                     r"THÔNG TƯ|NGHỊ ĐỊNH|ĐỀ ÁN|THÔNG TRI|PHƯƠNG ÁN)")
_HEADER_LINE: Final = regexes.compile(rf"^(?:(?:Số|SỐ)\s*[:.]?\s*[\d/]|[^,]{{2,40}},\s*ngày\s+\d|V/v\b|Kính gửi"
                          rf"|{RECIPIENTS_HEADING}|(?:Căn cứ|Thực hiện)\s*[\s:]|(?:Theo|Xét) đề nghị\s"
                          rf"|Ngày\s+\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{4}}\s*,|{TYPE_ALONE}\s*$)")
_TYPE_ALONE_RE: Final = regexes.compile(rf"^{TYPE_ALONE}\s*$")


# A marker an OCR engine turned into symbols (`___». Giao ...`, `_2. Thanh tra ...`; `§.` is an `8.` as OCR reads it).
# Shared with tasks/stage.py, which reads the number (`n`) or, with none, infers it from the outline.
MANGLED_MARKER_RE: Final = regexes.compile(r"[_~»«—=.,'`§]{1,5}\s*(?:(?P<n>\d{1,2})\s*)?\.\s+(?=[A-ZÀ-ỸĐ])")


_RANGE_END: Final = regexes.compile(r"[-–]\s?\d{1,4}(?:[/.]\d{1,4})*(?:[\s,;.:)\]\"'”’»]|$)")


def md_style(line: str) -> set[str]:
    """Style a markdown line shows: bold (`**` at an end), italic, heading (`#`)."""
    s = line.strip()
    style = set()
    if s.startswith("**") or s.endswith("**"):
        style.add("bold")
    elif s.startswith(("*", "_")) and not s.startswith(("* ", "- ")):
        style.add("italic")
    if s.startswith("#"):
        style.add("heading")
    return style


def para_style(para: list[tuple[RawLine, int]]) -> frozenset[str]:
    """The style of a paragraph: its lines' and the markdown markup they show (`md_style`)."""
    text = para[0][0].text
    if len(para) == 1 and "*" not in text and "_" not in text and "#" not in text:
        return frozenset(para[0][0].style)      # (most paragraphs: one line, no markup)
    style: set[str] = set()
    for ln, _ in para:
        style |= ln.style
        if "*" in ln.text or "_" in ln.text or "#" in ln.text:
            style |= md_style(ln.text)
    return frozenset(style)


def is_bold_line(line: str) -> bool:
    """`**Về tăng cường công tác ...**`: markdown bold from the line's start to its end; or a heading word or
    a marker alone that opens a bold span (`**Chương` / `I**`, `**Điều` / `1. Phạm vi**`, `**A.` / `DANH MỤC**`):
    the heading's number or text wrapped."""
    s = line.strip()
    if len(s) <= 2 or not s.startswith("**"):
        return False
    if s.endswith("**") and len(s) > 4:
        return "**" not in s[2:-2]
    return _BOLD_OPENING_ALONE.fullmatch(s[2:].rstrip()) is not None


_HEADING_WORD_ALONE: Final = regexes.compile(r"Điều|ĐIỀU|Chương|CHƯƠNG|Mục|MỤC|Phần|PHẦN")
# what may stand alone after a bold span's opening, the rest of the heading on the next line
_BOLD_OPENING_ALONE: Final = regexes.compile(rf"(?:{_HEADING_WORD_ALONE.pattern})"
                                 r"|(?:[IVXLC]{1,6}|[A-ZĐ]|\d{1,3}(?:\.\d{1,3})*)[.)]")
# the same words opening a line (`Chương I`, `Điều 5.`): a heading's own line
HEADING_WORD: Final = regexes.compile(rf"(?:{_HEADING_WORD_ALONE.pattern})\b")
# the credit of a news photo (`Ảnh: VGP`, `Ảnh 1.`): the end of a caption
_PHOTO_CREDIT: Final = regexes.compile(r"(?:Ảnh|ẢNH)\s*(?::|\d{1,2}\s*\.?\s*$)")


class LineView:
    """A raw line as the paragraph tests read it, worked out once per line: `p` when it is the line
    before (its markup dropped), `l` when it is the line after (markup dropped where it opens the line),
    `line` the stripped form `MANGLED_MARKER_RE` reads, and whether it is bold from end to end."""

    __slots__ = ("_caps_l", "_caps_p", "_marker_l", "_marker_p", "bold", "l", "line", "p")
    # (None, False: not worked out yet)
    _caps_p: bool | None
    _caps_l: bool | None
    _marker_p: re.Match | None | Literal[False]
    _marker_l: re.Match | None | Literal[False]

    def __init__(self, text: str, nfc: bool = False, bold: bool | None = None) -> None:
        c = text if nfc else composed(text)
        if bold is not None:        # (`parsed`)
            self.bold = bold
            self.p = self.l = self.line = c.strip()
        elif "*" in c or "_" in c:
            self.bold = is_bold_line(c)
            bare = drop_markup(c)      # `**3**.`: the marker under its emphasis
            self.p = bare.strip().strip("*_ ")
            line = bare if c.lstrip()[:1] in ("*", "_") else c    # `**I**. MỤC ĐÍCH`, `**a)** Triển khai`
            self.line = line.strip()
            self.l = self.line.lstrip("*_ ").strip()
        else:
            self.bold = False
            self.p = self.l = self.line = c.strip()
        self._caps_p = self._caps_l = None
        self._marker_p = self._marker_l = False     # (not worked out yet)

    @classmethod
    def parsed(cls, kept: str, bold: bool) -> LineView:
        """The view of a markdown line whose markup a parser took out (`kept`: what is left)."""
        return cls(kept, True, bold)

    def marker_p(self) -> re.Match | None:
        """`MARKER_RE.match(p)`, worked out once (a line is read as the line after, then before)."""
        if self._marker_p is False:
            self._marker_p = self.marker_l() if self.p is self.l else MARKER_RE.match(self.p)
        return self._marker_p

    def marker_l(self) -> re.Match | None:
        """`MARKER_RE.match(l)`, worked out once."""
        if self._marker_l is False:
            self._marker_l = self.marker_p() if self.p is self.l and self._marker_p is not False \
                else MARKER_RE.match(self.l)
        return self._marker_l

    def caps_p(self) -> bool:
        """`p` is mostly capitals."""
        if self._caps_p is None:
            self._caps_p = is_caps(self.p)
        return self._caps_p

    def caps_l(self) -> bool:
        """`l` is mostly capitals."""
        if self._caps_l is None:
            self._caps_l = self.caps_p() if self.l is self.p else is_caps(self.l)
        return self._caps_l


def starts_paragraph(prev: str, line: str) -> bool:
    """Whether raw `line` opens a new paragraph rather than continuing the one whose last raw line
    is `prev`."""
    return paragraph_break(LineView(prev), LineView(line))


def paragraph_break(prev: LineView, line: LineView, above: str = "") -> bool:
    """`starts_paragraph` on the views of the two lines; `above`: the open paragraph's text above `prev`."""
    p, l = prev.p, line.l  # noqa: E741
    if not p:
        return True
    # (a heading opens with `#`: tested first, the regex called on the few lines that do)
    if line.line[:1] == "#" and _ATX_HEADING.match(line.line) or prev.line[:1] == "#" and _ATX_HEADING.match(prev.line):
        return True       # a markdown heading (`### Chương II`) is a block of one line: it opens and ends its paragraph
    if len(p) <= 9 and _HEADING_WORD_ALONE.fullmatch(p.lstrip("“\"‘'").strip("*_ ")):
        return False      # `**Điều` / `2. **Giao ...`, `“**Điều` / `13. ...` (a quoted article): the number wrapped
    if len(l) <= 6 and _HEADING_WORD_ALONE.fullmatch(l) and (_is_terminal(p) or p.endswith(")")):
        return True       # `(Ban hành kèm theo ...)` / `**Chương` / `I**`: a heading whose number wrapped
    pm = prev.marker_p()
    lm = line.marker_l()
    if not lm and letter_marker_alone(p):
        return False      # `d.` alone on its line (`**d**.`), its text on the next: as `1.` alone below
    if pm and not p[pm.end():].strip(" .:*_") and (not lm or (p[:1].isdigit() and HEADING_WORD.match(l))):
        return False      # "1." alone on its line: its text follows on the next line (unless that
        #                   line opens with a marker of its own: `Đề án` / `06.` / `4. Đẩy nhanh ...`;
        #                   but a number's text may open by naming an article: `2.` / `Điều 3: Về ...`)
    # (`isupper`, true of every type name alone, in C: most lines are no such name)
    if _HEADER_LINE.match(l) or p.isupper() and _TYPE_ALONE_RE.match(p):
        return True
    if prev.bold != line.bold and _starts_upper(l) and not (prev.caps_p() and line.caps_l()):
        return True       # a line bold from end to end is a title or heading of its own (not the
        #                   first line of a bold name that goes on: `**Ủy ban nhân dân**` / `tỉnh ...`)
    if lm:
        return not (_dash_continues(p, l, above) or _closes_parenthesis(p, l) or _cites_a_heading(p, l))
    if _is_terminal(p) and (_starts_upper(l) or MANGLED_MARKER_RE.match(line.line)):
        return True
    if prev.caps_p():
        # (a title in capitals wraps onto a line in capitals; `A. THỦ TỤC ...` is the next section's letter)
        return not line.caps_l() or _LETTER_SECTION.match(l) is not None
    return len(l) < 80 and _starts_upper(l) and line.caps_l()


# a section's capital letter before its title in capitals (`A. THỦ TỤC HÀNH CHÍNH`), never a title's wrap
_LETTER_SECTION: Final = regexes.compile(r"[A-ZĐ]\.\s+[A-ZÀ-ỸĐ]{2}")
# an ATX heading's opening (CommonMark 4.2): one to six `#` and a space, or the `#`s alone
_ATX_HEADING: Final = regexes.compile(r"#{1,6}(?:[ \t]|$)")

_TERMINAL_TRAIL: Final = "\"'”’)]*_"


def letter_marker_alone(p: str) -> bool:
    """`p` is a letter marker with its period and nothing else (`d.`, `đ.`), which `MARKER_RE` reads only with a space
    and the item's text after it (its letters: the one class of `MARKER_RE`, asked with that space)."""
    return len(p) == 2 and p[1] == "." and p[0].islower() and MARKER_RE.match(p + " ") is not None


def _is_terminal(p: str) -> bool:
    """Ends a sentence: `.:;!?` before closing quotes, brackets or emphasis (and `./.`)."""
    t = p.rstrip().rstrip(_TERMINAL_TRAIL)
    return bool(t) and t[-1] in ".:;!?"


def _closes_parenthesis(p: str, l: str) -> bool:  # noqa: E741
    """`N)` at the start of `l` closes a parenthesis the line before left open (`(Khoản 1, Điều` / `24):`, `(đối tượng 1
    và đối tượng` / `2). Ví dụ`, `(... Quý I, II và` / `III); ...`): a wrapped number, not an item's marker."""
    return (l[:1] in _NUMERAL_FIRST and _NUMBER_PAREN.match(l) is not None and p.count("(") > p.count(")")
            and not _is_terminal(p))      # (a lead-in that ends with `:` announces `1)`, `2)` ...)


_NUMBER_PAREN: Final = regexes.compile(r"(?:\d{1,3}|[IVXLC]{1,6})\s?\)")
_NUMERAL_FIRST: Final = frozenset("0123456789IVXLC")     # (the test asked first: most marked lines open otherwise)


def _cites_a_heading(p: str, l: str) -> bool:  # noqa: E741
    """`l` opens with a chapter, section or part cited in running words after a line left unfinished
    (`theo quy định tại` / `Chương II của Nghị quyết số ...`): a heading's own line holds its title, in
    capitals or after a period, never a small word, nor the name of the document it is part of
    (`Chương IV Nghị` / `quyết này`, `Điều 5 Luật Đất đai`)."""
    m = _HEADING_IN_PROSE.match(l)
    if m is None or _is_terminal(p) or not p[-1:].isalpha():
        return False
    return m.group(1).islower() or _opens_a_type_name(l[m.start(1):])


def _opens_a_type_name(s: str) -> bool:
    """`s` opens with the name of a document (a type's name, then `này`, `số`, a number or a capitalised
    name: `Nghị quyết này`, `Luật Đất đai`; not a chapter's title, `Quy định chung`), or is the first word
    of a type's name that the line's end cut (`Nghị`)."""
    m = match_doc_type(s)
    if m is not None:
        after = s[m[2]:].split(maxsplit=1)
        return bool(after) and (after[0] in ("này", "số") or after[0][:1].isdigit() or after[0][:1].isupper())
    word = s.strip().casefold()
    return " " not in word and word in _type_first_words()


@cache
def _type_first_words() -> frozenset[str]:
    return frozenset(n.split()[0].casefold() for n in type_names() if " " in n)


_HEADING_IN_PROSE: Final = regexes.compile(rf"(?:{_HEADING_WORD_ALONE.pattern})\s+[IVXLC\d]+\s+(\w)")


def _dash_continues(p: str, l: str, above: str = "") -> bool:  # noqa: E741
    """A line `l` that opens with a dash but continues paragraph `p` (not a bullet); `above`: the paragraph above p."""
    if l[0] not in "-–":
        return False
    # "giai đoạn 2021\n- 2025, ...": a dash between two numbers is a range wrapped, not a bullet.
    if p[-1:].isdigit() and _RANGE_END.match(l):
        return True
    if _is_terminal(p):
        return False        # (every other reading is of a phrase `p` leaves unfinished)
    # "kinh tế\n- xã hội": a dash that continues an unfinished phrase is not a bullet.
    # "Bộ Lao động\n- Thương binh và Xã hội", "PHÁT TRIỂN KINH TẾ\n- XÃ HỘI": a name of the gazetteer or a
    # compound (models/gazetteer/dash_compounds.tsv) wrapped at its own dash.
    if len(l) > 2 and l[1:].strip()[:1].islower() or _joins_a_name(p, l):
        return True
    # "phát biểu tại Hội nghị\n- Ảnh: VGP": a photo caption's credit wrapped, not a bullet.
    if _PHOTO_CREDIT.match(l[1:].strip()):
        return True
    if p[:1] in "-–+•*":
        return False        # (a list of names puts one on each `- ` line: `- Hà Nội` / `- Hải Phòng`)
    # "... các dự án Cà Mau - Cái Nước, Cái Nước\n- Đất Mũi, ...": a place name wrapped at its spaced dash: running
    # text as long as a wrap leaves it, ending on two capitalised syllables (`cao tốc Ninh` / `Bình` / `- Hải Phòng,
    # ...`), and two more after the dash, or one the line ends on.
    run = f"{above[-60:]} {p}" if above else p     # (the last line of a long paragraph may be short: `Bình`)
    if len(above) + len(p) >= WRAPPED_LINE_MIN and _NAME_TAIL.search(run) and _NAME_HEAD.match(l):
        return True
    # "ba miền Bắc\n- Trung -\nNam", "miền Bắc - Trung\n- Nam chào mừng": a chain of names wrapped at a dash, a link
    # of it on either side
    return bool(_CAPITALISED_END.search(run) and _CHAIN_LINK.match(l)
                or _CHAIN_TAIL.search(run) and _CHAIN_NEXT.match(l))


# words a number follows in prose (`Ảnh 1`, `khoản 2`, `quý 4`): a line unfinished on one leaves it to the next line
_TAKES_NUMBER: Final = frozenset("ảnh hình bảng biểu sơ đồ phụ lục khoản điểm điều mục số quý tháng năm đợt lần cấp "
                          "chương phần tiết trang tập".split())


def takes_a_number(line: str) -> bool:
    """Whether raw `line` ends, unfinished, on a word a number follows (`... đi đầu - Ảnh`)."""
    if _is_terminal(line):
        return False
    words = _WORDS.findall(line[-30:].lower())
    return bool(words) and words[-1] in _TAKES_NUMBER


_WORDS: Final = regexes.compile(r"\w+")


# `(3) Bộ B ...` at a line start, `(2)` inside the paragraph before it after a `;` or `,`: numbers in
# parentheses counted inside one sentence, the line a wrap's
_PAREN_AT_START: Final = regexes.compile(r"\((\d{1,2}|[ivx]{1,4}|[a-zđ])\)\s")
# the orders an enumeration in parentheses counts in besides numbers: small Roman numerals, the Vietnamese letters
_PAREN_ORDERS: Final = ("i ii iii iv v vi vii viii ix x xi xii".split(), list("abcdđeghiklmnopqrstuvxy"))


def inline_run_goes_on(para_lines: list[str], line: str) -> bool:
    """Whether `line`, opening with `(n)` (`(iii)`, `(c)`), goes on an enumeration the open paragraph (its raw lines)
    counts inside its sentences (`...; (2) Bộ A ...;` / `(3) Bộ B ...`): then it is no item of its own, like the
    `(2)` before it."""
    m = _PAREN_AT_START.match(line)
    if m is None:
        return False
    label = m.group(1)
    if label.isdigit():
        before = [str(int(label) - 1)] if int(label) > 1 else []
    else:       # (`i` is a numeral and a letter: the label before it in either order)
        before = [o[o.index(label) - 1] for o in _PAREN_ORDERS if label in o[1:]]
    return any(regexes.compile(rf"[;,:]\s*\({b}\)\s").search(t) for b in before for t in para_lines)


WRAPPED_LINE_MIN: Final = 55
_CAP: Final = r"[A-ZÀ-ỸĐ][a-zà-ỹđ]+"
_NAME_TAIL: Final = regexes.compile(rf"(?:^|\s){_CAP}\s+{_CAP}$")
# (not an organ's head or a person's title, which open the items of a list: `- Sở Y tế`, `- Ông Nguyễn Văn A`)
_NO_HEAD: Final = r"(?!(?:Sở|Bộ|Ban|Cục|Vụ|Viện|Hội|Đài|Báo|Phòng|Đoàn|Trường|Ông|Bà|Anh|Chị)\s)"
_NAME_HEAD: Final = regexes.compile(rf"[-–]\s{_NO_HEAD}{_CAP}(?:\s+{_CAP}\b|\s*$)")


# a line's last word capitalised (`miền Bắc`); a dash line's name followed by a dash (`- Trung -`, `- Tự do - Hạnh`);
# a line that ends on a link of a chain (`Bắc - Trung`), and a dash line that opens with a capitalised word
_CAPITALISED_END: Final = regexes.compile(rf"(?:^|\s){_CAP}$")
_CHAIN_LINK: Final = regexes.compile(rf"[-–]\s{_NO_HEAD}{_CAP}(?:\s{_CAP}){{0,2}}\s[-–](?:\s+{_CAP}|\s*$)")
_CHAIN_TAIL: Final = regexes.compile(rf"(?:^|\s){_CAP}\s[-–]\s{_CAP}$")
_CHAIN_NEXT: Final = regexes.compile(rf"[-–]\s{_NO_HEAD}{_CAP}\b")


def _joins_a_name(p: str, l: str) -> bool:  # noqa: E741
    """The words on either side of the wrapped dash are those of a dash in a name or compound, read in one
    tone placement and composed (`Ban Văn hoá` / `- Xã hội` as `văn hóa - xã hội`)."""
    before, after = _WORDS.findall(p[-40:])[-1:], _WORDS.findall(l[1:40])[:1]
    return bool(before and after) and (normalize_chars(before[0].lower()),
                                       normalize_chars(after[0].lower())) in hyphen_joins()
