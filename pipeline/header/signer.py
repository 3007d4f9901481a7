"""Header stage: the signature block (authority, position, name) and the `Nơi nhận` list."""
from __future__ import annotations

import re

from .. import regexes
from ..lang import RECIPIENTS_HEADING
from ..model import Document
from .casing import _sentence_case
from .names import find_name
from .units import (
    SIGNATURE_LOOKAHEAD,
    Unit,
    _facts,
    _may_end_in_name,
    _may_open_position,
    _not_in_board,
    is_caps,
)


def _is_authority_line(text: str) -> bool:
    f = _facts()
    return bool(f["_authority"].match(text)) or \
        bool(re.fullmatch(r"(?:BỘ TRƯỞNG|CHỦ TỊCH|THỦ TƯỚNG)\b.*", text) and len(text) < 60)


_BULLET = regexes.compile(r"[-+•–]\s*")
_LIST_SEPARATOR = regexes.compile(r"\s*;\s*|\n")


def _split_list(s: str) -> list[str]:
    parts = _LIST_SEPARATOR.split(s)
    return [p.strip(" .,;-–•") for p in parts if p and p.strip(" .,;-–•")]


def _parse_signer(doc: Document, units: list[Unit], start: int) -> Unit | None:
    """The signature block: authority line (TM./KT./T/M...), position title, name."""
    f = _facts()
    h = doc.header
    auth_re, pos_re = f["_authority"], f["_position"]
    for k in range(start, len(units)):
        u = units[k]
        am = auth_re.match(u.text)
        # (a position opens with a capital, past spaces and asterisks: other units need no stripped copy)
        pm = None if am or not _may_open_position(u.text[:1]) else pos_re.fullmatch(u.text.strip(" *"))
        if not am and not pm and _RECIPIENTS_BESIDE.match(u.text) and _interleaved_signer(h, units, k):
            return u
        if not am and not pm:
            # (most units of a body end in a word in small letters: no name ends them, no search of their tail)
            found = _signature_at_end(u.text) if _may_end_in_name(u.text) else None
            if found:
                p, (ns, ne) = found
                h.signer.position = _sentence_case(" ".join(p.split()))
                h.signer.name = u.text[ns:ne]
                h.signer.span = (u.span[0] + ns, u.span[0] + ne)
                return u
            continue
        if pm and not _name_follows(units[k + 1:k + 4]):
            continue    # position alone, then (past a `(Đã ký)` line) a name, maybe after a rank (`Đại tướng`)
        texts = _signature_lines(units, k)
        block = "\n".join(texts)
        if am:
            h.signer.authority = re.sub(r"\s+", "", am.group(0))
        # (a scraped cell runs the authority's line into the title: `TM. ỦY BAN THƯỜNG VỤ QUỐC HỘICHỦ TỊCH`)
        # (`T/M BAN BÍ THƯ` names the organ: its `BÍ THƯ` is no position)
        positions = _not_in_board(block, pos_re.finditer(block)) \
            or _not_in_board(block, f["_position_glued"].finditer(block)) or _deputy_of(block, am)
        after = positions[-1].end() if positions else (am.end() if am else 0)
        name_m = _signer_name(block, after)
        if positions:
            ends = [sum(len(t) + 1 for t in texts[:i + 1]) - 1 for i in range(len(texts))]
            p = _whole_position_line(block, positions[-1], next(e for e in ends if e >= positions[-1].end()),
                                     h.signer.authority)
            h.signer.position = _sentence_case(" ".join(p.split())) if is_caps(p) else " ".join(p.split())
        if name_m:
            h.signer.name = block[name_m[0]:name_m[1]]
            # span of the name in text
            off = 0
            for t, nu in zip(texts, units[k:k + len(texts)], strict=True):
                if off <= name_m[0] < off + len(t):
                    s = nu.span[0] + name_m[0] - off
                    h.signer.span = (s, s + len(h.signer.name))
                    break
                off += len(t) + 1
        return u
    return None


# `Nơi nhận: KT. CHỦ TỊCH` / `- Như trên; PHÓ CHỦ TỊCH`: a PDF's two columns read line by line, the
# signature's lines glued to the ends of the recipients' lines
# the heading of the recipients list (`Nơi nhận:`, and as OCR leaves it: `Noi nhận:`)
_RECIPIENTS_HEAD = regexes.compile(rf"{RECIPIENTS_HEADING}\s*:?\s*")
_RECIPIENTS_BESIDE = regexes.compile(rf"{RECIPIENTS_HEADING}\s*:?\s*\S")
_CAPS_TAIL = regexes.compile(r"(?:^|(?<=[;,.:)]))\s*([A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ/.,& -]{3,}?)\s*$")


def _interleaved_signer(h, units: list[Unit], k: int) -> bool:
    """The signer of a signature block whose lines end the recipients' lines (`Nơi nhận: KT. CHỦ TỊCH`,
    `- Như trên; PHÓ CHỦ TỊCH`), its name on a line of its own after the list: sets it, True if found."""
    f = _facts()
    head = units[k].text
    beside = _RECIPIENTS_BESIDE.match(head)
    assert beside is not None       # (the caller's test)
    at = beside.end() - 1
    am = f["_authority"].match(head[at:])     # (anchored at its start: a slice, not a position)
    if am is None or not is_caps(head[at:]):
        return False
    lines = [head[at:]]
    for nu in units[k + 1:k + 1 + SIGNATURE_LOOKAHEAD + 8]:
        t = nu.text.strip()
        if f["_placeholder"].fullmatch(t) or not t:
            continue
        if re.match(r"[-+•–]", t):
            tail = _CAPS_TAIL.search(t)
            if tail and is_caps(tail.group(1)) and len(tail.group(1).split()) >= 2:
                lines.append(tail.group(1).strip(" ,.;"))
            continue
        lead = f["_placeholder"].match(t)      # a placeholder run into the name's line: `(Đã ký) Nguyễn Văn An`
        at = len(t) - len(t[lead.end():].lstrip()) if lead else 0
        nm = find_name(t, at) or find_name(t, at, caps=True)
        if nm and nm[0] == at and nm[1] >= len(t.rstrip(" .")) - 1:
            positions = list(f["_position"].finditer("\n".join(lines))) or _deputy_of("\n".join(lines), am)
            if not positions:
                return False
            h.signer.authority = re.sub(r"\s+", "", am.group(0))
            h.signer.position = _sentence_case(" ".join(positions[-1].group(0).split()))
            h.signer.name = t[nm[0]:nm[1]]
            off = nu.span[0] + nu.text.index(t)
            h.signer.span = (off + nm[0], off + nm[1])
            return True
        return False
    return False


_DEPUTY_RE = regexes.compile(r"(?<![\wĐđ])PHÓ\s+[A-ZĐÀ-Ỹ][A-ZĐÀ-Ỹ ,&-]{2,60}?(?=[ \t]*(?:\n|$))")


def _deputy_of(block: str, am: re.Match | None) -> list[re.Match]:
    """Under `KT.` (signing for the head), a deputy's title the position table does not know (`KT.
    TRƯỞNG THUẾ TỈNH` / `PHÓ TRƯỞNG THUẾ TỈNH`): the capitals `PHÓ ...` that close a line."""
    if am is None or re.sub(r"[^A-Z]", "", am.group(0)) != "KT":
        return []
    return [m for m in _DEPUTY_RE.finditer(block, am.end()) if is_caps(m.group(0))][-1:] \
        or _deputy_before_name(block, am.end())


def _deputy_before_name(block: str, pos: int) -> list[re.Match]:
    """`PHÓ ...` in capitals run on to the name on one line (a scraped cell: `KT. TRƯỞNG THUẾ TỈNH PHÓ
    TRƯỞNG THUẾ TỈNH Huỳnh Minh Giám`): the capital words up to the name."""
    for m in _DEPUTY_OPENS.finditer(block, pos):
        end = m.end()
        for w in re.finditer(r"\S+", block[m.end():]):
            if not w.group(0).isupper() or w.group(0).endswith("."):
                break       # (the name, or a degree before it: `TS.`, `ThS.`)
            end = m.end() + w.end()
        nm = find_name(block, end)
        if nm and re.fullmatch(r"(?:\s*\w{1,4}\.)?\s*", block[end:nm[0]]) and end > m.end():
            deputy = regexes.compile(re.escape(block[m.start():end])).match(block, m.start())
            assert deputy is not None       # (the very text at that place)
            return [deputy]
    return []


_DEPUTY_OPENS = regexes.compile(r"(?<![\wĐđ])PHÓ(?=\s)")


def _signature_at_end(text: str) -> tuple[str, tuple[int, int]] | None:
    """A title and a name that close a unit (`... Lưu: VT. BỘ TRƯỞNG, CHỦ NHIỆM Mai Tiến Dũng`; a
    scraped cell that runs its lines together, `TM. CHÍNH PHỦKT. THỦ TƯỚNGPHÓ THỦ TƯỚNG(Đã ký)Hồ Đức
    Phớc |`; a rank before the name, `THỨ TRƯỞNG Thượng tướng Võ Minh Lương`): (position, name span).
    Only the end of a unit can hold them."""
    f = _facts()
    lo = max(0, len(text) - 140)
    if not f["_position_opening"].search(text, lo):
        return None
    tail = [m for m in f["_position_glued"].finditer(text, lo) if m.start() > lo or lo == 0]
    if not tail:
        return None
    pm = tail[-1]
    after = f["_before_name"].match(text, pm.end())
    nm = find_name(text, after.end())
    if nm and nm[0] == after.end() and nm[1] >= len(text.rstrip(" .|")) - 1:
        return pm.group(0), nm
    return None


# A cell of the `Nơi nhận` column that a table interleaves with the signature column, row by row.
_RECIPIENT_CELL = regexes.compile(rf"{RECIPIENTS_HEADING}\b|[-+•–]\s")


def _signature_lines(units: list[Unit], k: int) -> list[str]:
    """The texts of `units[k]` and the next few short ones, one per unit (a placeholder such as
    `(Đã ký)` or a recipient cell beside the signature blanked, so offsets still map to units)."""
    f = _facts()
    u = units[k]
    # Read this unit and the next few short ones.
    texts = [u.text]
    for nu in units[k + 1:k + 1 + SIGNATURE_LOOKAHEAD + 4]:
        if u.cell is not None and nu.cell is not None and _RECIPIENT_CELL.match(nu.text):
            texts.append(" " * len(nu.text))     # the Nơi nhận column beside the signature, row by row
            continue
        if len(texts) > SIGNATURE_LOOKAHEAD or _RECIPIENTS_HEAD.match(nu.text):
            break
        if len(nu.text) > 120:
            # a long line is prose, past the block; a name that opens it is the block's last line, the
            # page's text after the signature run into it (a scraped page's cell not closed)
            nm = find_name(nu.text)
            if nm and nm[0] == 0:
                texts.append(nu.text[:nm[1]])
            break
        if f["_placeholder"].fullmatch(nu.text.strip()):
            texts.append(" " * len(nu.text))     # keeps offsets; an (Đã ký) line is no name
            continue
        texts.append(nu.text)
    return texts


def _name_follows(units: list[Unit]) -> bool:
    """Does a name (past placeholder lines such as `(Đã ký)`, `(Ký và đóng dấu)`) open the next of
    `units`?"""
    ph = _facts()["_placeholder"]
    nxt = [v for v in units if not ph.fullmatch(v.text.strip())]
    if not nxt:
        return False
    text = nxt[0].text
    lead = ph.match(text)           # a placeholder run into the name's line
    start = lead.end() if lead else 0
    nm = find_name(text, start) or find_name(text, start, caps=is_caps(text))
    # (a scraped table's cell may close the name's line: `Trần Thanh Mẫn |`)
    return bool(nm and nm[1] >= len(text.rstrip(" .|")) - 1 and nm[0] <= start + 12)


def _signer_name(block: str, after: int) -> tuple[int, int] | None:
    """The signer's name after the position: written Capital-then-small, or in capitals."""
    return find_name(block, after) or find_name(block, after, caps=True)


def _whole_position_line(block: str, pm: re.Match, line_end: int, authority: str | None) -> str:
    """The position, with the unit it heads when its line goes on in capitals (`TL. GIÁM ĐỐC` over
    `TRƯỞNG PHÒNG TỔ CHỨC CÁN BỘ`: a signer by delegation, TL./TUQ., names the unit he heads), unless
    what follows is a name in capitals or a quotation."""
    if re.sub(r"[^A-Z]", "", authority or "") not in ("TL", "TUQ"):
        return pm.group(0)
    words = block[pm.end():line_end].split()
    tail: list[str] = []
    for w in words:
        if not (w.isupper() or w in ("-", "–", "&")) or any(q in w for q in "“”\"()"):
            break
        tail.append(w)
    if not tail or len(tail) > 8 or find_name(" ".join(tail), caps=True):
        return pm.group(0)
    return (pm.group(0) + " " + " ".join(tail)).rstrip(" ,-–&")


def _without_signature(text: str) -> str:
    """A recipients' line without the signature's authority or position glued to its end."""
    f = _facts()
    if f["_authority"].match(text) and is_caps(text):
        return ""
    tail = _CAPS_TAIL.search(text)
    if tail and is_caps(tail.group(1)) and len(tail.group(1).split()) >= 2 and (
            f["_position"].search(tail.group(1)) or f["_authority"].match(tail.group(1).strip())):
        return text[:tail.start(1)]
    return text


def _parse_recipients(doc: Document, units: list[Unit], start: int) -> Unit | None:
    h = doc.header
    for k in range(start, len(units)):
        u = units[k]
        m = _RECIPIENTS_HEAD.match(u.text)
        if not m:
            continue
        items = [u.text[m.end():]] if u.text[m.end():].strip() else []
        for nu in units[k + 1:]:
            if not _BULLET.match(nu.text) or len(nu.text) > 300:
                break
            items.append(nu.text)
        # lines a PDF's second column glued on (`- Như trên; PHÓ CHỦ TỊCH`) belong to the signature
        h.recipients = [r for r in _split_list(" ; ".join(_without_signature(t) for t in items)) if r]
        return u
    return None


# `..., các Vụ, Cục; Nguyên Hòa Bình`: the signer's name, a scan's second column, glued to the end of a
# recipients' line after its separator
_GLUED_NAME = regexes.compile(r"[;,]\s*(?P<name>[^;,\n]{5,40}?)\s*$")


def _glued_name(text: str) -> re.Match | None:
    """`_GLUED_NAME.search(text)`, tried at the text's last `;` or `,` alone: nothing after the separator
    it opens on may be another (a search from the start tried the name's 5 to 40 characters after each)."""
    at = max(text.rfind(";"), text.rfind(","))
    return _GLUED_NAME.search(text, at) if at >= 0 else None


def signer_in_recipients(doc: Document, units: list[Unit], start: int) -> None:
    """With no signature block found: the signer's name that a scan glued to the end of one of the
    recipients' lines (`TGĐ Cổng TTĐT, các Vụ, Cục; Nguyên Hòa Bình`), its family name read back as OCR
    misreads it (models/header.toml [signer] ocr_surnames)."""
    h = doc.header
    if h.signer.name is not None:
        return
    repair = dict(_facts()["signer"]["ocr_surnames"])
    for u in units[start:start + SIGNATURE_LOOKAHEAD + 25]:
        m = _glued_name(u.text)
        if m is None:
            continue
        words = m.group("name").split()
        if not 3 <= len(words) <= 4:
            continue
        fixed = " ".join([repair.get(words[0], words[0])] + words[1:])
        if find_name(fixed) != (0, len(fixed)):
            continue
        h.signer.name = fixed
        raw = m.group("name").strip()
        h.recipients = [r for r in h.recipients if r != raw and not r.endswith(" " + raw)]
        s = u.span[0] + m.start("name")
        h.signer.span = (s, s + len(m.group("name")))
        return
