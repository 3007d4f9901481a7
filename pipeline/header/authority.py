"""Header stage, the authority line: NĐ 30/2020 prints the authority that issues a decision or a resolution in
capitals between the trích yếu and the legal basis (the organ, `ỦY BAN NHÂN DÂN TỈNH SƠN LA`, or its head's title,
`CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH SƠN LA`); a scrape keeps it as the title's last line or runs it onto that line.
`_authority_tail` finds where it starts in a title, so that the title (pipeline/header/title.py) leaves it out."""
from __future__ import annotations

import functools
import re

from .. import regexes
from .issuer import _names_its_board
from .units import _BASIS, Unit, _facts, _in_compound, is_caps

# a line that opens the body: the legal basis, a chapter, an article
_BODY_LINE = regexes.compile(r"Căn\s+cứ\b|(?:Chương|CHƯƠNG|Điều|ĐIỀU|Mục|MỤC)\s+(?:\d|[IVXL]+\b)")


def _basis_after(units: list[Unit], u: Unit) -> bool:
    """Whether the unit after `u` is the legal basis (`Căn cứ ...`, `Theo đề nghị ...`, `Xét Tờ trình ...`) or, with
    none, the first article or chapter (`Điều 1.`): what the authority line stands before."""
    k = units.index(u) + 1
    nxt = units[k].text if k < len(units) else ""
    return bool(_BASIS.match(nxt) or _BODY_LINE.match(nxt))


def _authority_tail(title: str, last: int, above: str, basis_follows: bool = False) -> int | None:
    """Where the authority line of a decision or a resolution, run onto the title's last line or printed as its
    last line, starts; None if none.  NĐ 30/2020 prints that line in capitals between the trích yếu and the legal
    basis: a signer's title and its organ (`... NĂM 2024 BỘ TRƯỞNG BỘ TÀI NGUYÊN VÀ MÔI TRƯỜNG`), or, where
    `basis_follows` (the unit after the title opens the body: `Căn cứ ...`), the organ alone (`ỦY BAN NHÂN DÂN
    TỈNH SƠN LA`, `CHÍNH PHỦ`) or a title that holds its organ (`TỔNG KIỂM TOÁN NHÀ NƯỚC`).  The organ is one the
    header above the title names (the issuer), and the line never follows a word that makes it the trích yếu's
    object (`VỀ VIỆC BỔ NHIỆM PHÓ GIÁM ĐỐC SỞ Y TẾ`, `QUY CHẾ LÀM VIỆC CỦA ỦY BAN NHÂN DÂN TỈNH`; models/header.toml
    `[title_authority]`)."""
    if not is_caps(title):
        return None
    f = _facts()
    # (the top block without the motto's column and the marks of a flattened table: `ỦY BAN THƯỜNG VỤ\ CỘNG HÒA ...`
    # over `QUỐC HỘI\ Độc lập ...` prints `ỦY BAN THƯỜNG VỤ QUỐC HỘI`)
    above = re.sub(r"[\\|]", "\n", f["_motto"].sub("\n", above))
    head = " ".join(above.upper().split())
    line_start = max(0, len(title) - last)
    # (from the word before the last line: a title wrapped inside the line, `... BỘ` + `TRƯỞNG BỘ CÔNG THƯƠNG`)
    positions = list(f["_position"].finditer(title, title.rfind(" ", 0, max(0, line_start - 1)) + 1))
    for m in positions:
        organ = " ".join(title[m.end():].split())
        named_inside = basis_follows and not organ and _holds_the_issuer(m.group(0), head)
        if (organ or named_inside) and _authority_at(title, m.start(), organ, head):
            return m.start()
    if basis_follows:
        # (an organ of two words or more, where the issuer's name opens a line above, and no part of a longer
        # name: `PHÒNG` in `HẢI PHÒNG`, `BỘ TÀI CHÍNH` in `BỘ TRƯỞNG BỘ TÀI CHÍNH`, `ỦY BAN NHÂN DÂN` after a board
        # of it, `VĂN PHÒNG ỦY BAN NHÂN DÂN` ([issuer] board_heads, board_of); `ỦY BAN` after `CẤP TỈNH`, which a `TỈNH
        # ỦY` read first would hide.  The cheap test first: a line of more than 14 words is never looked for above)
        heads_before: dict[int, str] = {}       # end -> the longest head that ends there (`VĂN PHÒNG`, not `PHÒNG`)
        for s0, e in _heads_at(title, 0):
            heads_before.setdefault(e, title[s0:e])
        ends = {m.end() for m in positions}
        for s0, e0 in _heads_at(title, line_start):
            organ = " ".join(title[s0:].split())
            before = len(title[:s0].rstrip())
            if len(organ.split()) >= 2 and before not in ends \
                    and not (before in heads_before and _names_its_board(f, title[s0:e0], heads_before[before])) \
                    and _authority_at(title, s0) and _opens_a_line(organ, above):
                return s0
    return None


def _holds_the_issuer(position: str, head: str) -> bool:
    """Whether a signer's title ends with the name of the organ the header above names (`TỔNG KIỂM TOÁN NHÀ NƯỚC`
    under `KIỂM TOÁN NHÀ NƯỚC`; `THƯỜNG TRỰC`, `TỔ TRƯỞNG` name none)."""
    words = position.split()
    return any(_names(" ".join(words[k:]), head) for k in range(len(words) - 1))


def _heads_at(title: str, pos: int) -> list[tuple[int, int]]:
    """(start, end) of the issuer's head (models/header.toml [issuer] heads) that opens at each word of `title`
    from `pos` (each word tried: heads may overlap, `TỈNH ỦY` and `ỦY BAN`), but the second syllable of a word
    ([issuer] compounds)."""
    heads = _facts()["_heads"]
    found = []
    prev = ""
    for w in re.finditer(r"\S+", title[pos:]):
        m = heads.match(title, pos + w.start())
        if m and not _in_compound(prev, m.group(0)):        # (not `TRƯỜNG` of `MÔI TRƯỜNG`)
            found.append((m.start(), m.end()))
        prev = w.group(0)
    return found


def _opens_a_line(name: str, text: str) -> bool:
    """Whether `name` (words apart by single spaces) opens a line or a cell of `text`, whatever its breaks."""
    words = r"\s+".join(map(re.escape, name.split()))
    return re.search(rf"(?:^|[\n|])[\s*_#>]*{words}(?!\w)", text, re.IGNORECASE) is not None


def _authority_at(title: str, start: int, organ: str = "", head: str = "") -> bool:
    """Whether `title[start:]` may be an authority line: a short run of capitals with no figure nor list, after a
    word that does not make it the title's object; with `organ`, one that `head` (the header above) names (then
    its commas are the organ's own: `BỘ VĂN HÓA, THỂ THAO VÀ DU LỊCH`)."""
    before, tail = title[:start].lower().split(), title[start:]
    if not (before and len(tail.split()) <= 14 and before[-1][-1:] not in ",;" and is_caps(tail)
            and not _facts()["_title_object"].search(" ".join(before[-2:]))):
        return False        # (the cheap tests first: no pattern is built from a long tail)
    named = bool(organ) and _issuer_named(organ, head)
    return not _NOT_AN_AUTHORITY.search(tail.replace(",", "") if named else tail) and (not organ or named)


def _issuer_named(organ: str, head: str) -> bool:
    """Whether the header above (`head`, its words apart by single spaces) names `organ`: as printed, or its name
    there and then the place it serves (`TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG THÀNH PHỐ HÀ NỘI` under `UBND THÀNH PHỐ
    HÀ NỘI TRUNG TÂM PHỤC VỤ HÀNH CHÍNH CÔNG`)."""
    if _names(organ, head):
        return True
    place = _place_cue().search(organ)
    name = organ[:place.start()] if place else ""
    # (the place too: `CHỦ TỊCH ỦY BAN NHÂN DÂN XÃ MƯỜNG BÚ` under `ỦY BAN NHÂN DÂN TỈNH SƠN LA` is another organ)
    return place is not None and len(name.split()) >= 2 and _names(name, head) and _names(organ[place.start():], head)


@functools.cache
def _place_cue() -> re.Pattern:
    """A word of [casing] place_cues in capitals (`TỈNH`, `THÀNH PHỐ`, `XÃ` ...) after a space."""
    return regexes.compile(rf"\s(?:{'|'.join(re.escape(p.upper()) for p in _facts()['casing']['place_cues'])})(?!\w)")


def _names(name: str, head: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", head) is not None


# what an authority line never holds: a number, a list, a quote, a sentence's end (an abbreviation's dot,
# `TP.`, is no end)
_NOT_AN_AUTHORITY = regexes.compile(r"[\d,;:“”\"()]|(?<![A-ZĐ]{2})\.|\.(?!\s)")
