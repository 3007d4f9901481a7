"""Header stage: the issuing organ and its parent, from the top-left block of the header or, when
the block is lost, from the body's lead-in sentence."""
from __future__ import annotations

import re

from .. import regexes
from ..lang import symbols
from ..model import Document, Named
from ..read import MARKER_RE
from .casing import _casing, title_case_organ
from .units import _BASIS, _SO_RE, Unit, _facts, _in_compound, is_caps

# The sentence that opens the body names its author when the header block lost it:
# `..., Đảng ủy Sở Giáo dục và Đào tạo đề nghị các đảng bộ, chi bộ thực hiện như sau:`.
_LEAD_IN_VERB = regexes.compile(r"\s+(?:đề\s+nghị|yêu\s+cầu|chỉ\s+thị|thông\s+báo|hướng\s+dẫn|có\s+ý\s+kiến|"
                                r"ban\s+hành|xây\s+dựng|quyết\s+định|kết\s+luận)\b")


def _issuer_from_lead_in(doc: Document, units: list[Unit]) -> None:
    """The issuer, where the header block lost it, from the units after the title: the lead-in sentence that names
    its author (`..., Đảng ủy Sở X đề nghị ... như sau:`), the authority line between the title and the legal basis
    (`ỦY BAN THƯỜNG VỤ QUỐC HỘI`), or the enacting formula that closes the basis (`Chính phủ ban hành Nghị
    định ...`, `Bộ trưởng Bộ X ban hành Thông tư ...`: the organ, not its head)."""
    heads = [h for h, _ in _casing()["heads"]] + [tuple(x.lower().split()) for x in _facts()["issuer"]["heads"]]
    for u in units:
        text = u.text.rstrip()
        if not text.endswith(":") or not re.search(r"như\s+sau\s*:$|thực\s+hiện\s*:$", text):
            continue
        for m in _LEAD_IN_VERB.finditer(text):
            start = max(text.rfind(", ", 0, m.start()) + 2, text.rfind(". ", 0, m.start()) + 2, 0)
            name = text[start:m.start()].strip()
            words = tuple(w.lower() for w in name.split())
            if (not name or not name[0].isupper() or len(words) > 12
                    or not any(words[:len(h)] == h for h in heads)):
                continue
            doc.header.issuer = Named(name, (u.span[0] + start, u.span[0] + start + len(name)))
            return
    for k, u in enumerate(units):
        # (the formula closes the basis, a line after `Căn cứ ...` / `Theo đề nghị ...`, and enacts this document's
        # type: `Sở X chủ trì tham mưu UBND tỉnh ban hành Quyết định` in an item names no issuer)
        formula = _ENACTING.match(u.text) if k and _BASIS.match(units[k - 1].text) else None
        if formula and doc.header.doc_type and not formula.group("type").casefold().startswith(
                " ".join(doc.header.doc_type.casefold().split())):
            formula = None
        basis_next = k + 1 < len(units) and _BASIS.match(units[k + 1].text)
        name, at = (formula.group("name"), formula.start("name")) if formula \
            else (u.text.strip(), u.text.index(u.text.strip()))
        authority_line = basis_next and is_caps(name) and len(name.split()) <= 14 and not re.search(r"[\d,;:]", name)
        if not formula and not authority_line:
            continue
        cut = _organ_of(name)
        if cut is not None:
            organ = name[cut:]
            doc.header.issuer = Named(title_case_organ(organ) if is_caps(organ) else organ,
                                      (u.span[0] + at + cut, u.span[0] + at + len(name)))
            return


# the formula that closes a legal document's basis (Law on legal documents): `Chính phủ ban hành Nghị định ...`
_ENACTING = regexes.compile(r"\s*(?P<name>[A-ZĐÀ-Ỹ][^.;:,\n]{1,100}?)\s+ban\s+hành\s+"
                            r"(?P<type>Luật|Pháp\s+lệnh|Nghị\s+định|Nghị\s+quyết|Thông\s+tư|Quyết\s+định)\b")


def _organ_of(name: str) -> int | None:
    """Where the organ in `name` starts: `name` itself when it is an issuer's head as a whole (`THỦ TƯỚNG CHÍNH PHỦ`)
    or opens with one after the head of the organ's title (`Bộ trưởng Bộ X` -> `Bộ X`) or without one; None if
    it opens with no issuer's head (models/header.toml [issuer] heads, [signer] positions)."""
    f = _facts()
    up = name.upper()
    if f["_heads"].fullmatch(up):
        return 0
    p = f["_position"].match(up)
    if p and f["_heads"].match(up, p.end() + 1):
        return p.end() + 1
    return 0 if f["_heads"].match(up) and not p else None


def _end_before_symbol(text: str, e: int, motto: bool) -> int | None:
    """Where the issuer's text ends on the symbol's unit (`e`: where it ended so far): before `Số`, or at the motto
    where the anchor is another (`QUỐC HỘI | CỘNG HÒA ... | Luật số: 60/2024/QH15`); None: the unit names none."""
    so = _SO_RE.search(text)
    if so:
        return None if so.start() < 3 else min(e, so.start())
    return e if motto else None


def _motto_in(units: list[Unit], k: int) -> tuple[int, int] | None:
    """Where the motto stands in unit k's text (start, end), read across the cells beside it in its row where a
    header table split it (`CỘNG | HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM`: neither cell holds it whole), clipped to the unit."""
    u, motto = units[k], _facts()["_motto"]
    if u.cell is None:
        mm = motto.search(u.text)
        return None if mm is None else (mm.start(), mm.end())
    before = f"{units[k - 1].text} | " if k and units[k - 1].block == u.block else ""
    after = f" | {units[k + 1].text}" if k + 1 < len(units) and units[k + 1].block == u.block else ""
    found = [(m.start() - len(before), m.end() - len(before)) for m in motto.finditer(before + u.text + after)]
    found = [(s, e) for s, e in found if s < len(u.text) and e > 0]     # (the title and the motto below it: one)
    return (max(found[0][0], 0), min(found[-1][1], len(u.text))) if found else None


def _issuer_segments(units: list[Unit], sym_unit: Unit | None, date_unit: Unit | None) -> list[tuple[Unit, int, int]]:
    """(unit, start, end) of the top-left text above the symbol: capitals, no motto, no stamp."""
    f = _facts()
    cand: list[tuple[Unit, int, int]] = []     # (unit, start, end) of the top-left text
    limit = units.index(sym_unit) if sym_unit is not None else min(len(units), 8)
    for k, u in enumerate(units[: limit + 1]):
        text = u.text
        s, e = 0, len(text)
        mm = _motto_in(units, k)
        if mm:
            if mm[0] >= 3:
                e = mm[0]
            elif text[mm[1]:].strip(" -*_|"):
                s = mm[1]       # the motto read first, the name joined after it (`ĐẢNG CỘNG SẢN VIỆT NAM TỈNH ỦY X`)
            else:
                continue
        if u is sym_unit:
            end = _end_before_symbol(text, e, mm is not None)
            if end is None:
                continue
            e = end
        if u is date_unit and u is not sym_unit:
            continue        # (one row with the symbol too: the name before `Số` is the issuer's)
        s, e = _without_marks(text, s, e)
        seg = text[s:e]
        if not is_caps(seg) or _SYMBOL_OR_DATE.search(seg):
            # `Công văn 2739/VPCP-ĐMDN ... do Văn phòng Chính phủ ban hành. VĂN PHÒNG CHÍNH PHỦ ---`,
            # `Công văn 778/TCHQ-GSQL BỘ TÀI CHÍNH TỔNG CỤC HẢI QUAN ---`: a scraped summary sentence or
            # title line run onto the issuer's line; the issuer is the run of capital words that ends it
            cut = _caps_tail(seg)
            if cut is None:
                continue
            s, seg = s + cut, seg[cut:]
        # (a bare number is part of a name, `BAN CHỈ ĐẠO 389`, `PHƯỜNG 12`; one glued to letters or a slash is
        # a symbol's or a date's)
        if not seg.strip(" -*_|") or f["_stamp"].match(seg) or _SYMBOL_OR_DATE.search(seg):
            continue
        if seg.isascii() and len(seg.split()) >= 3:
            continue      # `CUC THUE TINH HOA BINH`: a receiving office's stamp, no Vietnamese name is unaccented
        mt = symbols.match_doc_type(seg.strip())
        if mt and mt[2] >= len(seg.strip()) - 1:
            continue
        if (mt and mt[1] == 0 and cand) or MARKER_RE.match(seg):
            break         # the type line (`CHƯƠNG TRÌNH HÀNH ĐỘNG`) or the first item: the issuer is above them
        cand.append((u, s, e))
    return cand


def _without_marks(text: str, s: int, e: int) -> tuple[int, int]:
    """`text[s:e]` less a mark of urgency, secrecy or a draft before the name (`DỰ THẢO ỦY BAN NHÂN DÂN ...`), an
    OCR'd stamp beside it (`BỘ TÀI CHÍNH | Chuyển:....`) and what follows the line printed under it."""
    mark = _facts()["_prefix_mark"].match(text, s, e)
    if mark:
        s = mark.end()
    seg = text[s:e]
    if not is_caps(seg) and "|" in seg and is_caps(seg.split("|")[0]):
        e = s + seg.index("|")
    rule = _UNDERLINE.search(text, s, e)
    if rule is not None and text[s:rule.start()].strip(" -*_|"):
        e = rule.start()    # the line printed under the name ends it (NĐ 30/2020): `CỤC THUẾ ------- NGHĨA VIỆT NAM`
    return s, e


# the short line printed under the issuer's name (`-------`, `____`)
_UNDERLINE = regexes.compile(r"\s[-_–—]{3,}")


# a symbol's or a date's digits (glued to letters, a slash, a separator); a bare number is part of a name
_SYMBOL_OR_DATE = regexes.compile(r"/|\d[^\W\d_]|[^\W\d_]\d|\d[.,:-]")


def _caps_tail(seg: str) -> int | None:
    """Where the run of words in capitals (no digit, no slash) that ends `seg` starts, when it holds two
    words or more; None otherwise.  (The words are read from the end, back to the first that breaks the
    run: a long sentence before it is not read word by word.)"""
    start = None
    number_before = False
    for m in reversed(list(_WORD_RUN.finditer(seg))):
        w = m.group(0)
        lead = len(w) - len(w.lstrip("/"))       # (`/ỦY BAN`: a stray mark before the name)
        letters = [c for c in w if c.isalpha()]
        if _DIGIT_OR_SLASH.search(w, lead) or (letters and not all(c.isupper() for c in letters)):
            # a bare number is part of a name (`BAN CHỈ ĐẠO 389 TỈNH ...`, `TRƯỜNG THCS SỐ 2 XÃ ...`)
            number_before = not letters and "/" not in w
            break
        if letters:
            start = m.start() + lead
    if start is None or number_before or len(re.findall(r"[^\W\d_]{2,}", seg[start:])) < 2:
        return None
    return start


_WORD_RUN = regexes.compile(r"\S+")
_DIGIT_OR_SLASH = regexes.compile(r"\d|/")


# the pieces of an organ name between the rules, stars and cell bars of the block (`-----`, `*`, `|`); a single
# dash inside a name stays (`BỘ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI`)
_PIECE = regexes.compile(r"(?:[^\-*_|]|(?<![\-*_|])-(?![\-*_|]))+")


def _organ_text(cand: list[tuple[Unit, int, int]]) -> list[tuple[int, str]]:
    """The candidate segments as (offset, chunk) pieces, rules and stars dropped."""
    pieces = []
    for u, s, e in cand:
        seg = u.text[s:e]
        for m in _PIECE.finditer(seg):
            chunk = m.group(0)
            if chunk.strip():
                lead = len(chunk) - len(chunk.lstrip())
                pieces.append((u.span[0] + s + m.start() + lead, chunk.strip()))
    return pieces


def _names_its_board(facts: dict, head: str, name: str) -> bool:
    """`head` is the committee or body the board `name` belongs to (BAN TUYÊN GIÁO + TỈNH ỦY):
    models/header.toml `[issuer] board_heads` and `board_of`."""
    issuer = facts["issuer"]
    return head in issuer["board_of"] and name.startswith(tuple(issuer["board_heads"]))


def _split_organs(pieces: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    """The organ names of the block, split at head words (`UBND TỈNH X` / `SỞ NỘI VỤ`)."""
    f = _facts()
    organs: list[list[tuple[int, str]]] = []
    for off, chunk in pieces:
        pos = 0
        for m in f["_heads"].finditer(chunk):
            before = chunk[:m.start()].split()[-1:]
            if before and _in_compound(before[0], m.group(0)):
                continue        # the second syllable of a word (`QUỐC PHÒNG`, `MÔI TRƯỜNG`): no head
            if m.start() > pos and organs:
                organs[-1].append((off + pos, chunk[pos:m.start()].strip()))
            elif m.start() > pos:
                organs.append([(off + pos, chunk[pos:m.start()].strip())])
            prev = organs[-1] if organs else None
            prev_text = " ".join(t for _, t in prev) if prev else ""
            # A head continues the previous name when that name is still bare (VĂN PHÒNG + CHÍNH PHỦ),
            # ends in a connective (BAN CHỈ ĐẠO QUỐC GIA VỀ + PHÒNG, CHỐNG THIÊN TAI), names the committee
            # a board belongs to (BAN TUYÊN GIÁO + TỈNH ỦY),
            # or closes the text with nothing after it (... VÀ XÃ HỘI).
            # (only a one-word head: BAN THƯỜNG TRỰC after ỦY BAN MTTQ ... XÃ LƯƠNG MINH is a new organ)
            at_end = " " not in m.group(0) and not chunk[m.end():].strip(" .,")
            if prev and (len(prev_text.split()) < 2 or prev_text.endswith(("CỦA", "VÀ", "THUỘC", "VỀ")) or at_end
                         or _names_its_board(f, m.group(0), prev_text)):
                prev.append((off + m.start(), m.group(0)))
            else:
                organs.append([(off + m.start(), m.group(0))])
            pos = m.end()
        if pos < len(chunk):
            tail = chunk[pos:].strip()
            if tail:
                if organs:
                    organs[-1].append((off + pos + (len(chunk[pos:]) - len(chunk[pos:].lstrip())), tail))
                else:
                    organs.append([(off + pos, tail)])
    return organs


_SPACES = regexes.compile(r"\s+")
_SPACE_BEFORE_MARK = regexes.compile(r"\s+([,;])")


def _committee_of(name: str, bare: str, parent: str, facts: dict) -> str:
    """A committee printed bare under its Party organisation (`ĐẢNG BỘ TỈNH LÂM ĐỒNG` / `TỈNH ỦY`) named with the
    organisation's place, less the level word its own name holds: `Tỉnh ủy Lâm Đồng`, `Đảng ủy xã Tân Phú`
    (models/header.toml `bare_committees`, `level_kept`)."""
    place = re.sub(r"^(?:ĐẢNG BỘ|Đảng bộ)\s+", "", parent)
    if place == parent:
        return name     # (under another kind of organ the committee is its own: the name as printed)
    level = facts["bare_committees"][bare]
    if level and place.upper().startswith(level + " ") and place.upper()[len(level) + 1:] not in facts["level_kept"]:
        place = place[len(level) + 1:]
    return f"{name} {title_case_organ(place)}"


def _parse_issuer(doc, units, window, motto_units, sym_unit, date_unit) -> None:
    """The issuer (the lower organ name of the top-left block) and its parent (the upper one)."""
    f = _facts()
    h = doc.header
    cand = _issuer_segments(units, sym_unit, date_unit)
    if not cand:
        return
    pieces = _organ_text(cand)
    if not pieces:
        return
    organs = [o for o in _split_organs(pieces) if " ".join(t for _, t in o).strip(" .,")]
    if not organs:
        return
    names = []
    for o in organs:
        start = o[0][0]
        last_off, last_text = o[-1]
        end = last_off + len(last_text)
        raw = _SPACE_BEFORE_MARK.sub(r"\1", _SPACES.sub(" ", " ".join(t for _, t in o))).strip(" .,-")
        names.append((raw, (start, end)))
    issuer_raw, issuer_span = names[-1]
    parent = names[-2] if len(names) >= 2 else None
    name = title_case_organ(issuer_raw)
    if parent and issuer_raw.startswith(f["_relative"]):
        pname = re.sub(r"^(?:ĐẢNG BỘ|Đảng bộ)\s+", "", parent[0])
        name = f"{name} {title_case_organ(pname)}"
    elif parent and issuer_raw.upper() in f["issuer"]["bare_committees"]:
        name = _committee_of(name, issuer_raw.upper(), parent[0], f["issuer"])
    h.issuer = Named(name, issuer_span)
    if parent:
        h.parent_issuer = Named(title_case_organ(parent[0]), parent[1])
