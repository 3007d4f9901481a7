"""Header stage, shared pieces: the units the stage reads (paragraphs and table cells), the facts
of models/header.toml, and the anchor patterns (`Số`, the place-and-date line, `V/v`, `Kính gửi`)."""
from __future__ import annotations

import re
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from .. import regexes
from ..model import Document, Span
from ..read import BULLET_CHARS, MARKER_RE, count_case
from ..resources import open_model

HEADER_WINDOW = 40          # units searched for header anchors
SIGNATURE_LOOKAHEAD = 5     # units read after an authority line for position and name


@dataclass(eq=False)       # (one object per unit: `units.index(u)`, `u in anchors` compare them by identity, in C)
class Unit:
    span: Span
    text: str
    block: int
    cell: int | None = None     # index of the cell in its row, None for a paragraph

    # (written out, the one the dataclass would make: compiled (mypyc), a generated `__init__` runs
    # interpreted, for each paragraph and cell of every document)
    def __init__(self, span: Span, text: str, block: int, cell: int | None = None) -> None:
        self.span = span
        self.text = text
        self.block = block
        self.cell = cell


@cache
def _facts() -> dict:
    with open_model("header.toml") as f:
        data = tomllib.load(f)
    heads = sorted(data["issuer"]["heads"], key=len, reverse=True)
    data["_motto"] = regexes.compile("|".join(data["motto"]["patterns"]), re.I)
    data["_heads"] = regexes.compile(r"(?<![\wĐđ])(?:" + "|".join(re.escape(h) for h in heads) + r")(?![\wĐđ])")
    data["_relative"] = tuple(data["issuer"]["relative_heads"])
    data["_compound_firsts"] = {}       # head word -> the syllables that make it the second of a word
    for c in data["issuer"]["compounds"]:
        first, second = c.rsplit(" ", 1)
        data["_compound_firsts"].setdefault(second, set()).add(first)
    data["_stamp"] = regexes.compile("|".join(f"(?:{p})" for p in data["stamps"]["patterns"]))
    data["_prefix_mark"] = regexes.compile(r"[\s*_]*(?:" + "|".join(data["stamps"]["prefix_marks"]) + r")[\s*_]+(?=\S)")
    data["_opener"] = regexes.compile(r"^(?:" + "|".join(data["doc_type_line"]["body_openers"]) + r")\b")
    auth = "|".join(data["signer"]["authority"])
    data["_authority"] = regexes.compile(rf"^(?:{auth})(?:\s*(?=[A-ZĐ]|[^\W\d_])|\s*$)")
    pos = sorted(data["signer"]["positions"], key=len, reverse=True)
    positions = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in pos)
    # a title followed by `THƯỜNG TRỰC` (standing) is one title: `BÍ THƯ THƯỜNG TRỰC`, `PHÓ TRƯỞNG BAN THƯỜNG TRỰC`
    data["_position"] = regexes.compile(r"(?=[A-ZĐ])(?<![\wĐđ])(?:" + positions + r")(?:\s+THƯỜNG\s+TRỰC)?(?![\wĐđ])")
    # the words after which a signer's title is the trích yếu's object (`BỔ NHIỆM PHÓ GIÁM ĐỐC`), ending the
    # last two words before it
    objects = "|".join(re.escape(w) for w in data["title_authority"]["object_words"])
    data["_title_object"] = regexes.compile(rf"(?<![\w])(?:{objects})$")
    data["_placeholder"] = regexes.compile("|".join(f"(?:{p})" for p in data["signer"]["placeholders"]))
    # a position run into the capitals before it (`THỦ TƯỚNGPHÓ THỦ TƯỚNG`, a scraped cell's lost breaks)
    data["_position_glued"] = regexes.compile(r"(?=[A-ZĐ])(?:(?<![\wĐđ])|(?<=[A-ZĐÀ-Ỹ.)]))(?:" + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in pos) + r")(?![\wĐđ])")
    # what any position opens with (the first letters of its first word): where none is, none starts; a
    # search for these few literals skips the text that the lookarounds above would test at every character
    data["_position_opening"] = regexes.compile("|".join(sorted({re.escape(p.split()[0][:2]) for p in pos})))
    ranks = "|".join(re.escape(r) for r in data["signer"]["ranks"])
    # what may stand between a position and the name: blanks, a placeholder, a military rank
    data["_before_name"] = regexes.compile(rf"\s{{0,2}}(?:(?:{'|'.join(data['signer']['placeholders'])})\s*)?"
                                           rf"(?:(?:{ranks})\s+)?")
    return data


# (OCR misreads the tones of `ngày`, `tháng`, `năm` and an O for a 0 in the year: `ngảy`, `thảng`, `2O25`)
_DATE_RE = regexes.compile(
    r"(?:(?P<place>[A-ZÀ-ỸĐ][\w\s.\-]{1,40}?)\s*,\s*)?[Nn]g[àáảãạa]y\s*(?P<d>\d{1,2})\s*(?:th[áàảãạa]ng|-|/)\s*"
    r"(?P<m>\d{1,2})\s*(?:n[ăâa]m|-|/)\s*(?P<y>(?:19|2[0Oo])[\dOo]{2})(?!\d)")
_NGAY_RE = regexes.compile(r"[Nn]g[àáảãạa]y")     # in every match of _DATE_RE: a test that skips most lines cheaply
_SO_RE = regexes.compile(r"(?<![\wĐđ])(?:Số|SỐ|Sô|S6)\s*(?:hiệu)?\s*[:.]?\s*")
# a line of the legal basis (NĐ 30: it follows the title and the authority line; the enacting formula closes it):
# `Căn cứ`, `Theo đề nghị`, `Theo ý kiến`, `Xét Tờ trình`
_BASIS = regexes.compile(r"\s*(?:Căn\s+cứ|Theo\s+(?:đề\s+nghị|ý\s+kiến)|Xét)\b")
_CAPS_WORD = regexes.compile(r"[A-ZÀ-ỸĐ]")
_WORD_RE = regexes.compile(r"[^\W\d_]+")


_LOOSE_SYMBOL = regexes.compile(r"^(\d{1,5}[a-z]?)\s*[-/ ]?\s*([A-ZĐ][A-Za-zĐđ]{0,6})\s*([/-])\s*"
                                r"([A-ZĐ][A-Za-zĐđ0-9\-]{0,24})")
# A Vietnamese syllable in capitals (onset, vowel nucleus, coda): words that are not one are
# abbreviations (UBND, HĐND, MTTQ) and keep their capitals.
_SYLLABLE = regexes.compile(r"(?:NGH|NG|GH|CH|GI|KH|NH|PH|QU|TH|TR|[BCDĐGHKLMNPQRSTVX])?"
                            r"[AĂÂEÊIOÔƠUƯYÀ-ỸÁÉÍÓÚÝ]{1,3}(?:NG|NH|CH|[CMNPTIYOU])?")
_VV_RE = regexes.compile(r"(?:V/v|V/V|v/v|Về việc|VỀ VIỆC|về việc)\s*[:.]?\s*")


# `Kính gửi:` (NĐ 30 ô 9a), or the Công điện form `THỦ TƯỚNG CHÍNH PHỦ điện:` before the list (or `Điện:` opening
# its own line).
# The words as OCR and spelling habits leave them: `Kính gởi` (the Southern spelling), `Đồng kính gửi`
# (co-addressees), `Kinh gửi` / `Kính gửỉ` (a tone mark lost or misread).
# (a search needs no `Đồng`: it finds the `kính gửi` in `Đồng kính gửi:`; no group may open the pattern,
# which a search tries at every character)
_GUI = r"(?:g[ửởưứừữựơớờỡợ][iíìỉĩị]|G[ỬỞƯỨỪỮỰƠỚỜỠỢ][IÍÌỈĨỊ])"
_KG = r"(?:[Kk][iíìỉĩị]nh|K[IÍÌỈĨỊ]NH)\s+" + _GUI
# The same words for a search: every alternative opens on one letter (`K`, `k`, `đ`; the look-behind of
# `điện` comes after its `đ`), so the regex engine skips at once the characters that open none (the
# header's searches of `Kính gửi` 0.19 -> 0.03 ms per document)
_KINH_GUI = regexes.compile(rf"(?:K[iíìỉĩị]nh\s+{_GUI}|k[iíìỉĩị]nh\s+{_GUI}|K[IÍÌỈĨỊ]NH\s+{_GUI}"
                            rf"|đ(?<=[A-ZÀ-ỸĐ]{{2}}\sđ)iện|Đ(?<![^\n]Đ)(?:iện|IỆN))\s*:\s*")
# The same line when a scrape lost its colon (it often sits in its own table cell): `Kính gửi` opening
# a line, alone or before the addressees or their dash list (`Kính gửi Sở Tài chính`, `Kính gửi các
# sở, ngành`, `Kính gửi` / `- Sở Y tế;`); `kính gửi` inside a sentence, or `Kính gửi tới ...`, is prose.
_KINH_GUI_BARE = regexes.compile(rf"^\s*(?:(?:Đồng|ĐỒNG)\s+)?{_KG}(?:\s+|$)(?!tới|đến|lời)")


def _header_zone_end(units: list[Unit]) -> int:
    """Units before the body: the body opens with a legal basis or motive (`Căn cứ`, `Thực hiện`),
    an enumerated item, or a long paragraph in sentence case or a lead-in (`... như sau:`)."""
    f = _facts()
    for k, u in enumerate(units[:HEADER_WINDOW]):
        if k < 2:
            continue
        t = u.text
        if f["_opener"].match(t) and u.cell is None:
            return k
        # an item opens the body; a bullet glyph does not (the motto's rule `—— Độc lập ...`, a list
        # of the header such as `Kính gửi`'s)
        mk = MARKER_RE.match(t)
        if mk and t[0] not in BULLET_CHARS and u.cell is None:
            return k
        # a long paragraph in sentence case, or a lead-in that announces what follows (`..., cụ thể như sau:`)
        if (len(t) > 400 or len(t) > 120 and t.rstrip()[-1:] == ":") and u.cell is None and k > 3 \
                and not is_caps(t[:200]):
            return k
    return min(len(units), HEADER_WINDOW)


def _units(doc: Document) -> list[Unit]:
    out = []
    for i, b in enumerate(doc.blocks):
        if b.kind == "row":
            for c, (s, e) in enumerate(b.cells):
                if e > s:
                    out.append(Unit((s, e), doc.text[s:e], i, c))
        else:
            out.append(Unit(b.span, doc.text[b.span[0]:b.span[1]], i))
    return out


def _in_compound(prev: str, head: str) -> bool:
    """Whether the issuer's head `head` (models/header.toml [issuer] heads) is, after the word `prev`, the second
    syllable of a word (`QUỐC PHÒNG`, `MÔI TRƯỜNG`: [issuer] compounds), no organ's head."""
    return prev in _facts()["_compound_firsts"].get(head.split()[0], ())


def is_caps(s: str) -> bool:
    """Is `s` written in capitals (four fifths of its cased letters, and two at least)?"""
    up, low = count_case(s[:200])
    return up + low >= 2 and up >= 0.8 * (up + low)


def _may_open_position(first: str) -> bool:
    """Can a unit whose first character is `first` be a signer's position once its spaces and asterisks
    are stripped (`_facts()["_position"]` opens with `(?=[A-ZĐ])`)?"""
    return first in " *" or "A" <= first <= "Z" or first == "Đ"


def _may_end_in_name(text: str) -> bool:
    """Can a name end `text` as the signer's `_signature_at_end` reads one (its last word ends at the last
    character before ` .|` or at the one before it, and a name's words open with a capital)?  False where
    no word ends there, or where that word, letters after a space, opens in small letters: most units."""
    end = len(text.rstrip(" .|"))
    if end and not _in_word(text[end - 1]):
        end -= 1        # (`... như sau:`, `Sở A;`: the name's last word ends before that mark)
    if not end or not _in_word(text[end - 1]):
        return False    # (`... năm 2025.`, `……`: no word ends there)
    word = text[text.rfind(" ", 0, end) + 1:end]
    return not word.isalpha() or word[0].isupper()


def _in_word(ch: str) -> bool:
    """Is `ch` a character of a word as the signer's `_WORD_RE` (`[^\\W\\d_]`) reads one?"""
    return ch.isalnum() and not ch.isdecimal()


# the word `BAN` right before a position's words on its line: they end an organ's name (`T/M BAN BÍ THƯ`), no
# position; not the last word of a position (`K/T TRƯỞNG BAN PHÓ TRƯỞNG BAN`)
_BOARD_WORD = regexes.compile(r"(?<![\wĐđ])(?<!TRƯỞNG )BAN[ \t]+$")


def _not_in_board(block: str, found: Iterator[re.Match]) -> list[re.Match]:
    return [m for m in found if not _BOARD_WORD.search(block, 0, m.start())]
