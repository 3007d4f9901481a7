"""Attached documents: where a Phụ lục or a plan `ban hành kèm theo` starts a new outline (`A1.`)."""
from __future__ import annotations

import re

from ..model import Block, Document
from .facts import _facts

_ATTACHED_TYPE = re.compile(r"(?:^|\s)(?:KẾ HOẠCH|QUY CHẾ|QUY ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|PHƯƠNG ÁN|DANH MỤC"
                            r"|PHỤ LỤC|BẢNG)\b")


def _is_attached_title(doc: Document, blocks: list[Block], i: int) -> bool:
    """A caps title (`KẾ HOẠCH ...`, `QUY CHẾ ...`) followed within three paragraphs by
    `(Ban hành kèm theo ...)` / `(Kèm theo ...)` opens an attached document."""
    f = _facts()
    t = doc.text[blocks[i].span[0]:blocks[i].span[1]]
    m = _ATTACHED_TYPE.search(t)
    if not m:
        return False
    head = t[m.start():m.start() + 120].split("(")[0]      # the caps title, not its `(kèm theo ...)`
    letters = [c for c in head if c.isalpha()]
    if not letters or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return False
    for b in blocks[i:i + 4]:
        if f["_attached_by"].search(doc.text[b.span[0]:b.span[1]][:200]):
            return True
    return False


def attachment_starts(doc: Document, rest: list[Block]) -> list[int]:
    """Indices of the blocks of `rest` (what follows the body) where an attached document starts."""
    f = _facts()
    starts: list[int] = []
    for i, b in enumerate(rest):
        t = doc.text[b.span[0]:b.span[1]]
        if b.kind in ("para", "row") and (f["_attachment"].match(t) or _is_attached_title(doc, rest, i)):
            if starts and i - starts[-1] <= 3:
                continue          # "PHỤ LỤC" then its caps title: one attachment
            starts.append(i)
    return starts
