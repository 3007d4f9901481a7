"""Markers the outline must judge: a marker alone on its line, a number wrapped to a line start,
an item whose text opens with a figure, and the markers that PDF fonts and OCR mangle.  Each is
decided by the open outline (the stack of open nodes), never by the paragraph alone."""
from __future__ import annotations

from typing import Final

from .. import regexes
from ..model import Task
from ..read import MANGLED_MARKER_RE
from .inline import _LETTERS, MARKER_SPAN, marker_value, no_small_letters
from .markers import Marker, parse_marker

# markers that may stand alone on a line, their text on the next one
_MARKER_ALONE: Final = {"article", "part", "chapter", "section"}
# numbering markers that a scrape may leave alone on a line (`**3**.`), the text in the next paragraph
_NUMBER_ALONE: Final = {"roman", "decimal1", "decimal2", "decimal3", "letter"}
_UNFINISHED: Final = regexes.compile(r"[^\W_]\s*$")
_DIGITS: Final = regexes.compile(r"\d+")
_WORDS: Final = regexes.compile(r"\w+")


def _unfinished_line_before(text: str, s: int) -> str | None:
    """The line before `s` when it leaves its sentence unfinished (ends in a word and is no heading in
    capitals): a marker at `s` may be that sentence's number wrapped to a line start. None otherwise."""
    prev = text[max(0, s - 300):s].rstrip()
    last_line = prev.rsplit("\n", 1)[-1]
    # (`prev` ends in no space: the pattern can match only at its last character, where it is tried alone;
    # a search from the start tried it at every letter)
    if not prev or not _UNFINISHED.search(prev, len(prev) - 1) or last_line.upper() == last_line:
        return None
    return last_line


def _opens_node_alone(text: str, s: int, m: Marker, stack: list[tuple[str, Task]]) -> bool:
    """Whether a marker alone on its line at `s` opens a node: after a finished sentence, a heading in
    capitals or a colon, or when it numbers the next sibling; not when it ends a phrase the line before
    left unfinished (`... tại khoản 3` + `Điều 1.`: a reference broken over a line)."""
    if m.kind not in ("article", "section"):
        return True         # a part or chapter heading is never the end of a reference
    if _unfinished_line_before(text, s) is None:
        return True
    v = _DIGITS.search(m.label)
    siblings = [t for k, t in stack if k == m.kind]
    if v and siblings:
        w = _DIGITS.search(siblings[-1].label)
        return w is not None and int(v.group(0)) == int(w.group(0)) + 1
    return v is not None and int(v.group(0)) == 1



def _wrapped_number(text: str, s: int, m: Marker, stack: list[tuple[str, Task]]) -> bool:
    """A zero-led number at a line start that continues the unfinished sentence above: out of sequence
    or out of style (not the next sibling of the open `N.`, nor zero-led like it) after a line that ends
    in a word and is no heading in capitals."""
    if _unfinished_line_before(text, s) is None:
        return False
    last = next((t.label for k, t in reversed(stack) if k == m.kind), None)
    v, w = marker_value(m.kind, m.label), marker_value(m.kind, last) if last else None
    # a list prints its numbers in one style: `06.` after `5.` is no sibling even when it is the next number
    return not (v and w and last and v[-1] == w[-1] + 1 and last[:1] == m.label[:1] == "0")


def _wrapped_roman(text: str, s: int, m: Marker, stack: list[tuple[str, Task]]) -> bool:
    """A Roman numeral at a line start that ends the unfinished sentence above (`từ cấp I đến cấp` /
    `V. Chi tiết ...`): not the next Roman heading (`I.` where none is open), nor a child of the open one (`II.3`
    under `II.`), after a line that ends in a word a numeral follows (`cấp`, `quý`, `Phụ lục`) and is no heading in
    capitals."""
    last_line = _unfinished_line_before(text, s)
    if last_line is None:
        return False
    words = _WORDS.findall(last_line[-30:].lower())
    if not words or words[-1] not in _TAKES_ROMAN:
        return False
    last = next((t.label for k, t in reversed(stack) if k == "roman"), None)
    if m.kind != "roman":       # `II.3` under an open `II.` is its child; `mục 2 Phụ lục` / `VI.8 kèm theo` cites one
        return last is None or marker_value("roman", last) != marker_value("roman", m.label)
    expected = (marker_value("roman", last) or (0,))[-1] + 1 if last else 1
    return marker_value("roman", m.label) != (expected,)


# a word or two between two dashes, and nothing else (`- và -`, `**- và -**`, `- Trung -`)
_BETWEEN_DASHES: Final = regexes.compile(r"[*_\s]*[-–]\s*\w+(?:\s+\w+)?\s*[-–][*_\s]*")


# words a Roman numeral follows in prose (`cấp V`, `quý II`, `khóa XIII`, `Phụ lục IV`)
_TAKES_ROMAN: Final = frozenset("cấp quý khóa khoá phần mục chương loại nhóm hạng đợt kỳ vùng lục kỷ".split())


_SENTENCE_START: Final = regexes.compile(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ])")


def _glued_closing(text: str, s: int, e: int, f: dict) -> tuple[int, int] | None:
    """(end of the item, start of the closing words) where closing words addressed to the whole
    document were glued onto the last item's paragraph by a lost line break, or None."""
    own = parse_marker(text[s:min(e, s + MARKER_SPAN)])
    for m in _SENTENCE_START.finditer(text, s + (own.end if own else 0), e):
        rest = text[m.end():min(e, m.end() + 400)]      # (the patterns open with `^`: match a slice)
        # (the closing request is a sentence of its own: a clause after `;` is still the item's)
        if f["_closing"].match(rest) or (text[m.start() - 1] != ";" and f["_closing_after"].match(rest)):
            return m.start(), m.end()
    return None


_NUMBER_LED: Final = regexes.compile(r"(?P<v>\d{1,2})\.\s+(?=\d)")


def _number_led_item(para: str, stack: list[tuple[str, Task]]) -> Marker | None:
    """`2. 95% hồ sơ ...`: an item whose text opens with a figure.  `2.000 người` has no space after
    the dot; with one, it is an item only where it numbers the next sibling of the open `1.`."""
    m = _NUMBER_LED.match(para)
    if m is None:
        return None
    last = next((t.label for k, t in reversed(stack) if k == "decimal1"), None)
    prev = int(lead.group(0)) if last and (lead := _DIGITS.match(last)) else 0
    return Marker("decimal1", f"{m.group('v')}.", m.end()) if int(m.group("v")) == prev + 1 else None


# OCR specks of the margin before a paragraph's first character (`_đ) Ban Chỉ đạo ...`, `___" Thành lập
# ...`, or once the reader dropped the underscores `" Thành lập`); a quote that opens a quoted text
# touches its first word, a speck stands apart
_SPECKS: Final = regexes.compile(r"(?:[_~»«]{1,5}[\"'`]?|[\"'`](?=\s))\s*")


def _behind_specks(para: str, at: int, kinds: list[str]) -> Marker | None:
    """The marker behind OCR specks: a numbering marker read after them (`_đ)` in an open letter
    list), or, in an open run of dash bullets, a bullet the specks stand for (`___" Thành lập ...`
    after `- Tăng cường ...`: the dash misread); lower case after them continues the sentence."""
    inner = parse_marker(para[at:at + MARKER_SPAN])
    if inner is not None and inner.kind in ("letter", "decimal1", "decimal2", "paren") and inner.kind in kinds:
        return Marker(inner.kind, inner.label, at + inner.end)
    if inner is None and kinds and kinds[-1] == "dash" and para[at:at + 1].isupper():
        return Marker("dash", "-", at)
    return None


_COMMA_NUMBER: Final = regexes.compile(r"(?P<n>\d{1,2}),\s+(?=[A-ZÀ-ỸĐ][a-zà-ỹđ])")
_HEADING_KINDS: Final = frozenset({"roman", "upper", "part", "chapter", "section", "article"})
_LOST_PAREN_DIGIT: Final = regexes.compile(r"\(\s?\)\s+(?=[A-ZÀ-ỸĐ])")
_DASH_GLUED_NUMBER: Final = regexes.compile(r"[-–—](?P<n>\d{1,2})\.\s+(?=[A-ZÀ-ỸĐ])")


def _circled_value(ch: str) -> int:
    o = ord(ch)
    for base in (0x2460, 0x2776, 0x24F5):
        if base <= o < base + 20:
            return o - base + 1
    return 0


def _open_value(kinds: list[str], labels: list[str], kind: str = "decimal1") -> int | None:
    """The number of the innermost open node of marker `kind`, or None."""
    for k, lab in zip(reversed(kinds), reversed(labels), strict=True):
        if k == kind:
            d = _DIGITS.search(lab)
            return int(d.group(0)) if d else None
    return None


def _open_lists(stack: list[tuple[str, Task]]) -> tuple[list[str], list[str]]:
    """The kinds and the labels of the open nodes (the outline's stack), from the root down."""
    return [k for k, _ in stack], [t.label for _, t in stack]


def _repair_marker(m: Marker | None, para: str, stack: list[tuple[str, Task]]) -> Marker | None:
    """Markers that PDF fonts and OCR mangle, repaired only where the open outline (`stack`) says what
    they were: `③` between `2.` and `4.`, `_2.` and `___».` in a run of `1.`, `2.` ...; a letter marker
    (`s.`) with no open letter list and not `a`/`b` is a stray word, not a list.  (The open kinds and
    labels are listed only where a repair asks them: most paragraphs need none.)"""
    if m is None:
        return _unread_marker(para, stack)
    if m.kind == "paren_roman" and m.label[1:-1].strip() in ("i", "v", "x"):
        return _paren_letter_or_roman(m, stack)
    if m.kind == "dash" and (glued := _DASH_GLUED_NUMBER.match(para)):
        # `-1. Nhiệm vụ chung`: a speck of the margin read as a dash glued to the item's number (a bullet
        # is followed by a space; a negative figure is not followed by `. ` and a capital)
        return Marker("decimal1", f"{glued.group('n')}.", glued.end())
    if m.kind == "dash" and _BETWEEN_DASHES.fullmatch(para):
        return None     # `- và -` between the parties of a contract's title, `- Trung -` of a wrapped chain: no item
    if m.kind == "decimal1" and len(m.label) == 4 and m.label[:3].isdigit() \
            and _open_value(*_open_lists(stack)) != int(m.label[:3]) - 1:
        return None     # `125. Trong đó ...`: three figures are an item only where they go on with the list (`99.`)
    if m.kind not in ("decimal1", "circled", "letter") or (m.kind == "decimal1" and not m.label.endswith(")")):
        return m
    kinds, labels = _open_lists(stack)
    if m.kind == "decimal1" and m.label.endswith(")") and "paren" in kinds:
        # `3)` in an open list of `(1)`, `(2)`: the opening parenthesis lost, when it numbers the next; `2)` in an
        # open list of `1)` under an item `1.` (below)
        n = _open_value(kinds, labels, "paren")
        if n is not None and int(m.label[:-1]) == n + 1:
            return Marker("paren", f"({n + 1})" if labels[kinds.index("paren")].startswith("(") else m.label, m.end)
    if m.label == "1)" and "letter" in kinds and labels[len(kinds) - 1 - kinds[::-1].index("letter")][:1] == "k":
        return Marker("letter", "l)", m.end)       # `k)` / `1)`: the letter `l` read or typed as the figure one
    if m.kind == "decimal1" and m.label.endswith(")") and _under_dotted_item(kinds, labels, int(m.label[:-1])):
        return Marker("paren", m.label, m.end)      # `1.` / `1)` `2)` / `2.`: a list of its own under the item
    return _other_repairs(m, kinds, labels)


def _paren_letter_or_roman(m: Marker, stack: list[tuple[str, Task]]) -> Marker:
    """`(i)`, `(v)`, `(x)`: the letter that comes next in an open list of `(a)`, `(b)` ... (`(h)` / `(i)`), else
    the small Roman numeral (`(i)` / `(ii)`)."""
    kinds, labels = _open_lists(stack)
    if "paren_letter" not in kinds or stack[-1][1].text.rstrip().endswith(":"):
        return m        # (`(h) Sở Y tế thực hiện các việc sau:` / `(i) Rà soát ...`: a list of its own under `(h)`)
    last = labels[len(kinds) - 1 - kinds[::-1].index("paren_letter")][1:-1].strip()
    k = _LETTERS.find(last)
    follows = 0 <= k < len(_LETTERS) - 1 and _LETTERS[k + 1] == m.label[1:-1].strip()
    return Marker("paren_letter", m.label, m.end) if follows else m


def _under_dotted_item(kinds: list[str], labels: list[str], v: int) -> bool:
    """Whether `v)` opens a list under an open item numbered `N.` rather than going on with it: `1)` where the item
    `1.` or a later one is open (`1. Nhiệm vụ về thể chế:` / `1) Ban hành quy chế.`)."""
    if "decimal1" not in kinds or "paren" in kinds:
        return False
    last = labels[len(kinds) - 1 - kinds[::-1].index("decimal1")]
    n = _open_value(kinds, labels)
    return last.endswith(".") and v == 1 and n is not None and n >= 1


def _other_repairs(m: Marker, kinds: list[str], labels: list[str]) -> Marker | None:
    """A circled number that goes on with a list of `1.`, a stray letter with no letter list open."""
    if m.kind == "circled" and "circled" not in kinds:
        n, v = _open_value(kinds, labels), _circled_value(m.label[:1])
        if n is not None and v == n + 1:
            return Marker("decimal1", f"{v}.", m.end)
    if m.kind == "letter" and "letter" not in kinds and m.label[:1] not in "ab":
        return None
    return m


def _unread_marker(para: str, stack: list[tuple[str, Task]]) -> Marker | None:
    """The marker of a paragraph the grammar reads none in, where OCR turned it into symbols and the
    open outline says what it was."""
    if para[:1].isalpha():
        return None     # (most paragraphs: each repair below opens on a symbol, a bracket or a digit)
    mm = MANGLED_MARKER_RE.match(para)
    if mm is not None:
        if mm.group("n"):                                   # `_2. Thanh tra ...`
            return Marker("decimal1", f"{mm.group('n')}.", mm.end())
        n = _open_value(*_open_lists(stack))                # `___». Giao ...` (`». Giao` once markup is gone)
        return Marker("decimal1", f"{n + 1}.", mm.end()) if n is not None else None
    if (lost := _LOST_PAREN_DIGIT.match(para)) and (n := _open_value(*_open_lists(stack), "paren")) is not None:
        # `() Đẩy mạnh ...` in an open list of `(1)`, `(2)`: a number whose digit OCR lost, the next
        # of its list (a form's `()` is a footnote's call whose number was a superscript)
        return Marker("paren", f"({n + 1})", lost.end())
    if comma := _COMMA_NUMBER.match(para):
        # `1, Ưu tiên ...`: the period read as a comma, taken where the number is the next of the open
        # run, or the first under a heading just opened (`... khoản` / `1, Điều 5` stays a reference)
        kinds, labels = _open_lists(stack)
        v, n = int(comma.group("n")), _open_value(kinds, labels)
        if (n is not None and v == n + 1) or (v == 1 and kinds and kinds[-1] in _HEADING_KINDS):
            return Marker("decimal1", f"{v}.", comma.end())
        return None
    specks = _SPECKS.match(para)
    return _behind_specks(para, specks.end(), _open_lists(stack)[0]) if specks else None


# what OCR reads for the strokes of a Roman numeral: `II.` as `H.`, `Il.` or `11.`, `III.` as `HI.`
# (`HIL.TỔ CHỨC THỰC HIỆN`: the space after the period lost too; the heading's capitals decide)
_OCR_ROMAN: Final = regexes.compile(r"(?P<t>[IVXLHl1|!]{1,4})\s?[.,]\s*(?=\S)")
_OCR_ROMAN_FIRST: Final = frozenset("IVXLHl1|!")


def _caps_heading(line: str) -> bool:
    """A heading in capitals: two words or more, no lowercase letter."""
    return len(line.split()) >= 2 and no_small_letters(line) and any(ch.isalpha() for ch in line)


def mangled_roman_headings(text: str, spans: list[tuple[int, int]]) -> dict[int, Marker]:
    """The Roman headings of a scan that OCR misread (`1. TINH THẦN ...`, `H. MỘT SỐ ...`, `Il. TỔ CHỨC
    ...`), by paragraph start: decided by the run of headings in capitals, whose ordinals must read
    I, II, III ... with every well-read Roman numeral in its place.  A region with a list of capital
    letters (`A.`, `B.`) is left alone: there `H.` and `I.` are letters."""
    heads: list[tuple[int, str, Marker | None]] = []      # (start, token, marker as read) of each heading
    sure = False        # a numeral misread as only a Roman one is (`_sentence_case_run`'s first test, asked here)
    for s, e in spans:
        first = text[s:s + 1]
        if not sure and first in _OCR_ROMAN_SURE_FIRST and _OCR_ROMAN_SURE.match(text, s, s + MARKER_SPAN):
            sure = True
        if first not in _OCR_ROMAN_FIRST:
            continue          # (most paragraphs: one look at their first character)
        o = _OCR_ROMAN.match(text, s, s + MARKER_SPAN)
        if o is None:
            continue
        end = text.find("\n", s, s + 400)
        if _caps_heading(text[o.end():end if end >= 0 else s + 400]):
            # (the head read as the outline reads it, to the paragraph's end: one cached reading)
            heads.append((s, o.group("t"), parse_marker(text[s:min(e, s + MARKER_SPAN)])))
    well_read = sum(1 for _, _, m in heads if m is not None and m.kind == "roman")
    # without a well-read Roman numeral, three misread ones and no number (`1.`, `11.`) among them
    if len(heads) < 2 or (not well_read and (len(heads) < 3 or any(t[:1] == "1" for _, t, _ in heads))):
        return _sentence_case_run(text, spans) if sure else {}
    if _letter_headings(text, spans):
        return {}
    fixed: dict[int, Marker] = {}
    for k, (s, _token, m) in enumerate(heads, start=1):
        if m is not None and m.kind == "roman":
            if marker_value("roman", m.label) != (k,):
                return _sentence_case_run(text, spans) if sure else {}     # not I, II, III ... in capitals
            continue
        label = _ROMAN_LABELS[k - 1] + "." if k <= len(_ROMAN_LABELS) else None
        if label is None:
            return {}
        o = _OCR_ROMAN.match(text[s:s + MARKER_SPAN])
        assert o is not None        # (each head was found by it)
        fixed[s] = Marker("roman", label, o.end())
    return fixed


_ROMAN_LABELS: Final = ("I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X")


def _letter_headings(text: str, spans: list[tuple[int, int]]) -> bool:
    """A region with a list of capital letters (`A.`, `B.`): there `H.` and `I.` are letters."""
    return any(text[s:s + 1].isupper() and (m := parse_marker(text[s:min(e, s + MARKER_SPAN)])) is not None
               and m.kind == "upper" and m.label[:1] not in "HIL" for s, e in spans)


# Misread Roman numerals that no other marker explains, read whatever the case of the heading's
# words: `H.` or `Il.` for `II.`, `HI.` for `III.`, and `I.` whose period the Vietnamese model read as
# the letter's tone mark (`Í Đánh giá ...`, `Ị Tình hình ...`).
_OCR_ROMAN_SURE: Final = regexes.compile(r"(?P<t>(?:H|Il|lI|HI|IH|Hl|IIl|IlI)\s?[.,]|[ÍÌỈĨỊ][.,]?)\s+(?=\S)")
_OCR_ROMAN_SURE_FIRST: Final = frozenset("HIÍÌỈĨỊ")
_OCR_ROMAN_VALUE: Final = {"H": 2, "Il": 2, "lI": 2, "HI": 3, "IH": 3, "Hl": 3, "IIl": 3, "IlI": 3}


def _sentence_case_run(text: str, spans: list[tuple[int, int]]) -> dict[int, Marker]:
    """The Roman headings of a scan whose headings are in sentence case (`Í Đánh giá chung ...`,
    `H. Về nhiệm vụ ...`, `II. Tổ chức thực hiện ...`): the misread numerals OCR leaves only for a
    Roman numeral, with the well-read ones, must count I, II, III ... in document order (a well-read
    numeral may repeat the one before it: OCR loses a stroke of `III.`).  At least one of each."""
    if not any(text[s:s + 1] in _OCR_ROMAN_SURE_FIRST and _OCR_ROMAN_SURE.match(text, s, s + MARKER_SPAN)
               for s, _ in spans):
        return {}             # (most documents: one look at each paragraph's first character)
    if _letter_headings(text, spans):
        return {}
    run: list[tuple[int, int, Marker | None]] = []     # (start, value, marker when misread)
    for s, e in spans:
        head = text[s:min(e, s + MARKER_SPAN)]
        m = parse_marker(head)
        if m is not None and m.kind == "roman":
            rank = marker_value("roman", m.label)
            assert rank is not None     # (a Roman marker's label is a Roman numeral)
            run.append((s, rank[0], None))
        elif m is None or m.kind == "upper":
            o = _OCR_ROMAN_SURE.match(head)
            if o is not None:
                token = o.group("t").rstrip(".,").strip()
                value = _OCR_ROMAN_VALUE.get(token, 1)
                run.append((s, value, Marker("roman", _ROMAN_LABELS[value - 1] + ".", o.end())))
    if not any(m is None for _, _, m in run) or not any(m is not None for _, _, m in run):
        return {}
    prev = 0
    for _, value, _m in run:
        if value not in (prev + 1, prev) or value == 0:
            return {}
        prev = value
    return {s: m for s, _, m in run if m is not None}
