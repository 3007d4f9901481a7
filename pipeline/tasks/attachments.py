"""Attached documents: where a Phụ lục or a plan `ban hành kèm theo` starts a new outline (`A1.`)."""
from __future__ import annotations

import re

from .. import regexes
from ..model import Block, Document
from .facts import _facts
from .inline import marker_value, no_small_letters
from .markers import parse_marker

_TYPE_WORDS = tuple(_facts()["attachment"]["type_words"])     # (models/tasks.toml: the titles of attached documents)
_ATTACHED_WORDS = "(?:" + "|".join(_TYPE_WORDS) + r")\b"
_ATTACHED_TYPE = regexes.compile(r"(?:^|\s)" + _ATTACHED_WORDS)
# the type word alone: its alternatives open with a capital, which the regex engine skips to (`(?:^|\s)`
# before them made it try every character of a paragraph)
_ATTACHED_WORD = regexes.compile(_ATTACHED_WORDS)


def _attached_type_at(text: str) -> int | None:
    """Where `_ATTACHED_TYPE.search(text)` matches (the space before the type word, or 0), or None."""
    pos = 0
    while (m := _ATTACHED_WORD.search(text, pos)) is not None:
        w = m.start()
        if w == 0 or text[w - 1].isspace():
            return max(0, w - 1)
        pos = w + 1
    return None


def _title_start(doc: Document, blocks: list[Block], i: int) -> int | None:
    """A caps type word opening a title (`KẾ HOẠCH ...`, `QUY CHẾ ...`) followed within three paragraphs
    by `(Ban hành kèm theo ...)` / `(Kèm theo ...)` opens an attached document.  The title is in caps,
    or the type word opens the paragraph, or it follows the signature on the same line (a scrape that
    ran `KT. CHỦ TỊCH ... Trần Văn A KẾ HOẠCH Thực hiện ...` together, in a paragraph): the offset of
    the title in the block, or None."""
    f = _facts()
    t = doc.text[blocks[i].span[0]:blocks[i].span[1]]
    if blocks[i].kind == "row":
        at = _title_cell(doc, blocks[i])
        if at is not None:
            return at
    at = _attached_type_at(t)
    if at is None:
        return None
    head = t[at:at + 120].split("(")[0]      # the caps title, not its `(kèm theo ...)`
    caps = _is_caps(head, min_letters=1)
    signed = blocks[i].kind == "para" and _SIGNED.search(t[:at]) is not None
    if not (caps or not t[:at].strip() or signed):
        return None
    start = at + len(t[at:]) - len(t[at:].lstrip()) if signed else 0
    own = t[at:at + 400] if blocks[i].kind == "para" else t[:200]
    word = _ATTACHED_WORD.match(t, at + (t[at:at + 1].isspace()))
    if word is not None and word.group(0) in _ANNOUNCED_ONLY:
        # (`QUY TRÌNH RÀ SOÁT ...` heading a section: only `(Ban hành kèm theo ...)` right after opens a document)
        announced = [b for b in blocks[i + 1:i + 4] if _IN_PARENS.match(doc.text, b.span[0], b.span[1])]
        return start if announced or _IN_PARENS.search(own) else None
    if f["_attached_by"].search(own) or any(_announces(doc.text[b.span[0]:b.span[1]]) for b in blocks[i + 1:i + 4]):
        return start
    return None


_ANNOUNCED_ONLY = frozenset(_facts()["attachment"]["announced_only"])
# an announcement in parentheses: `(Ban hành kèm theo Quyết định số ...)`, `(Kèm theo ...)`
_IN_PARENS = regexes.compile(r"[\s*_]*\(\s*(?:[Bb]an\s+hành\s+)?[Kk]èm\s+theo\b")


def _announces(text: str) -> bool:
    """`(Kèm theo ...)` in the first words of a paragraph, or after a long title in capitals that runs
    on to it in the same paragraph (a scrape that joined the title's lines and the announcement)."""
    m = _facts()["_attached_by"].search(text)
    return m is not None and (m.start() < 200 or no_small_letters(text[:m.start()]))


def _title_cell(doc: Document, row: Block) -> int | None:
    """A scrape that lost the line between two tables runs the recipients and signature cells and the
    annex's title into one row (`Nơi nhận: ... | KT. GIÁM ĐỐC ... | BẢNG TIÊU CHÍ ... (Ban hành kèm theo
    ...)`): the offset in the row of a later cell that opens with a caps type word and is announced
    `kèm theo`, or None."""
    f = _facts()
    for s, e in row.cells[1:]:
        cell = doc.text[s:e]
        head = cell[:120].split("(")[0]
        if (_ATTACHED_TYPE.match(cell) and head.upper() == head and f["_attached_by"].search(cell[:400])):
            return s - row.span[0]
    return None


# every byte but a-z: deleted from a text's UTF-8 (where no byte of a longer character is one of them), what
# is left is its small ASCII letters
_NOT_ASCII_LOWER = bytes(sorted(set(range(256)) - set(range(0x61, 0x7b))))


def _is_caps(text: str, min_letters: int = 8) -> bool:
    """A title in capitals: at least `min_letters` letters, four in five of them upper case.  Read by pieces of
    256 characters: a paragraph stops being read once its small letters outnumber a fifth of every letter it
    can hold (the letters so far and one per character left), which they do a third of the way in."""
    n, letters, upper = len(text), 0, 0
    if 5 * len(text.encode("utf-8", "surrogatepass").translate(None, _NOT_ASCII_LOWER)) > n:
        # its small ASCII letters alone (counted in C) are over a fifth of every letter it can hold: most
        # paragraphs, answered without the count below (tests/test_tasks_attachments.py checks they agree)
        return False
    for at in range(0, n, 256):
        piece = "".join(filter(str.isalpha, text[at:at + 256]))     # (`filter` and `map` of str methods: in C)
        letters += len(piece)
        upper += sum(map(str.isupper, piece))
        if letters - upper > 0.2 * (letters + max(0, n - at - 256)) + 1:
            return False
    return letters >= min_letters and upper >= 0.8 * letters


def _announced_caps_title(doc: Document, blocks: list[Block], i: int) -> bool:
    """An annex whose caps title names no type (`NHÓM THỦ TỤC HÀNH CHÍNH ... GỒM:`) still announces
    itself as NĐ 30 lays an annex out: the title in capitals, then `(Kèm theo Quyết định số ...)` on the
    next line or after one more caps line.  A signature's authority line (`KT. CHỦ TỊCH`) is no title."""
    if blocks[i].kind != "para":
        return False
    first = doc.text[blocks[i].span[0]:blocks[i].span[1]]
    if not _is_caps(first) or _SIGNED.search(first):
        return False
    lines = [doc.text[b.span[0]:b.span[1]] for b in blocks[i:i + 3]]
    for k, line in enumerate(lines[1:], start=1):
        if _BRACKET_ANNOUNCED.match(line):
            return True
        if blocks[i + k].kind != "para" or not _is_caps(line):
            return False
    return False


def _is_attached_title(doc: Document, blocks: list[Block], i: int) -> bool:
    return _title_start(doc, blocks, i) is not None


# the authority line of a signature (`KT. CHỦ TỊCH`, `TM. ỦY BAN NHÂN DÂN`, `T/M BAN THƯỜNG VỤ`)
_SIGNED = regexes.compile(r"(?:^|\s)(?:TM|KT|TL|TUQ|T/M|K/T)\s*\.?\s+[A-ZĐÀ-Ỹ]{2,}")
# an annex heading in the body: short, in capitals (`PHỤ LỤC I`, `PHỤ LỤC 02: DANH MỤC NHIỆM VỤ`)
# (`no_small_letters` checks the rest is in capitals)
_ANNEX_HEADING = regexes.compile(r"PHỤ\s+LỤC\b.{0,100}$", re.S)


def attachment_starts(doc: Document, rest: list[Block]) -> tuple[list[Block], list[int]]:
    """The blocks of `rest` (what follows the body) and the indices among them where an attached
    document starts.  A title run onto the signature's paragraph starts a block of its own, and a title
    cell in the recipients' row becomes a paragraph, the cells after it (the annex table's heads) a row."""
    f = _facts()
    out: list[Block] = []
    starts: list[int] = []
    for i, b in enumerate(rest):
        at = None
        if starts and len(out) - starts[-1] <= 3:
            out.append(b)         # (after an annex heading, its caps title is the same attachment)
            continue
        if b.kind in ("para", "row"):
            at = 0 if f["_attachment"].match(doc.text[b.span[0]:b.span[1]]) else _title_start(doc, rest, i)
            if at is None and _announced_caps_title(doc, rest, i):
                at = 0
        if at is None:
            out.append(b)
            continue
        starts.append(len(out))
        if at and b.kind == "row":
            cut = b.span[0] + at
            cells = [c for c in b.cells if c[0] >= cut and c[1] > c[0]]
            out.append(Block(cells[0], "para", page=b.page, style=b.style))
            if len(cells) > 1:
                out.append(Block((cells[1][0], b.span[1]), "row", cells[1:], b.table, b.page, b.style))
        else:
            out.append(Block((b.span[0] + at, b.span[1]), "para", page=b.page, style=b.style) if at else b)
    return out, starts


TITLE_MAX_BLOCKS = 4       # heading, title (wrapped in one or two paragraphs), `(Kèm theo ...)`


def _rank(para: str) -> tuple | None:
    """The kind and the number of the marker that opens `para` (`PHẦN I` and `Phần I.` alike), None for none."""
    m = parse_marker(para)
    if m is None:
        return None
    value = marker_value(m.kind, m.label)
    return None if value is None else (m.kind, value)


def title_blocks(doc: Document, blocks: list[Block]) -> int:
    """How many blocks open an attachment as its title (0 where none do): those up to its announcing line `(Kèm
    theo Quyết định số ...)` among the first few, when one of them opens with the very part marker that the first
    block after the announcement opens with again (`PHẦN I DANH MỤC ...` / `(Kèm theo ...)` / `Phần I. DANH MỤC
    ...`: the annex's first part named as its page title, its heading run onto the title where blank lines were
    lost).  A part that opens only before the announcement (`PHẦN I. DANH MỤC ...` / `(Kèm theo ...)` / a table /
    `PHẦN II. ...`) is the annex's first node."""
    text = doc.text
    for k, b in enumerate(blocks[:TITLE_MAX_BLOCKS]):
        if b.kind == "para" and _BRACKET_ANNOUNCED.match(text[b.span[0]:b.span[1]]):
            if k + 1 == len(blocks):
                return 0
            after = _rank(text[blocks[k + 1].span[0]:blocks[k + 1].span[1]])
            same = after is not None and any(_rank(text[x.span[0]:x.span[1]]) == after for x in blocks[:k]
                                             if x.kind == "para")
            return k + 1 if same else 0
    return 0


def attachment_in_body(doc: Document, main: list[Block], first: int | None) -> int | None:
    """Index of the block of `main` (the body) where an attached document starts, when no signature or
    recipients list ended the body before it (a copy without them), after the first item: an annex
    heading in capitals, or a paragraph that opens with a type word in capitals and is announced
    `(Ban hành kèm theo ...)` on its own line or in brackets (`... của Quy định kèm theo Nghị quyết số`
    inside a heading is a reference, not an attachment)."""
    if first is None:
        return None
    for i, b in enumerate(main):
        if b.span[0] <= first or b.kind != "para" or not _may_open_attachment(doc.text[b.span[0]:b.span[0] + 1]):
            continue
        t = doc.text[b.span[0]:b.span[1]]
        if _ANNEX_HEADING.match(t) and no_small_letters(t):
            return i
        if _ATTACHED_TYPE.match(t) and _is_attached_title(doc, main, i) and any(
                _ANNOUNCED.search(doc.text[c.span[0]:c.span[1]]) for c in main[i:i + 4]):
            return i
    return None


# the first letters of the type words of `_ATTACHED_WORDS`, which `_ATTACHED_TYPE` lets a space precede
_ATTACHED_FIRSTS = frozenset(w[0] for w in _TYPE_WORDS)


def _may_open_attachment(first: str) -> bool:
    """Can a paragraph whose first character is `first` match `_ANNEX_HEADING` (`PHỤ LỤC`) or
    `_ATTACHED_TYPE` (a space or a type word first)?  Most paragraphs of a body are answered here."""
    return first in _ATTACHED_FIRSTS or first.isspace()


# `(Ban hành kèm theo ...)` / `(Kèm theo ...)` opening its line, in brackets
_BRACKET_ANNOUNCED = regexes.compile(r"\s*\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b")
# `(Ban hành kèm theo ...)` in brackets, or `Kèm theo ...` opening its line
_ANNOUNCED = regexes.compile(r"\(\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b|^\s*(?:Ban\s+hành\s+)?[Kk]èm\s+theo\b", re.M)
