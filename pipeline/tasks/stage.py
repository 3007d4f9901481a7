"""Task stage: the body's enumerated items become the task tree of SCHEMA.md.

Markers follow NĐ 30/2020 (Phần/Chương/Mục, Điều, khoản `1.`, điểm `a)`) and Party habits (`I-`,
`1-`, then `a)`, `-`, `+`).  Nesting is read from the markers themselves: a marker of a kind already
open closes everything opened after it (a sibling); a new kind opens a child.  `1.2.` is a kind of
its own (two-part decimal) so it nests under `1.`.  Paths are ordinals among siblings, not the
printed numbers.  Each row of a task table (columns such as nội dung / chủ trì / phối hợp / thời
gian) is a node; attached documents (Phụ lục, a plan `ban hành kèm theo`) restart the outline with
the prefix `A1.`, `A2.`.
"""
from __future__ import annotations

from typing import Final

from .. import regexes
from ..model import Block, Document
from .attachments import attachment_in_body, attachment_starts, title_blocks
from .ends import body_end
from .inline import MARKER_SPAN
from .markers import parse_marker
from .outline import segment_region


def segment_tasks(doc: Document) -> Document:
    """Fill `doc.tasks` from the body and the attached documents."""
    body = doc.body_span or (0, len(doc.text))
    blocks = _split_long_paragraphs(doc)
    main = [b for b in blocks if body[0] <= b.span[0] < body[1]]
    first = next((b.span[0] for b in main if b.kind == "para"
                  and parse_marker(doc.text[b.span[0]:min(b.span[1], b.span[0] + MARKER_SPAN)])), None)
    end = body_end(doc.text, main, first) if first is not None else None
    if end is not None:
        # the recipients or the signature the header stage did not see end the body here
        body = (body[0], end)
        main = [b for b in main if b.span[0] < end]
    cut = attachment_in_body(doc, main, first)
    if cut is not None:
        # an attached document inside what reads as the body (no signature between them) starts here
        body = (body[0], main[cut].span[0])
        main = main[:cut]
    tasks = segment_region(doc, main, prefix="")
    # Attachments: after the body (past the signature), each starts at an annex heading.
    rest = [b for b in blocks if b.span[0] >= body[1]]
    rest, starts = attachment_starts(doc, rest)
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(rest)
        tasks += segment_region(doc, rest[s + title_blocks(doc, rest[s:e]):e], prefix=f"A{n + 1}.")
    doc.tasks = tasks
    return doc


# where a page scraped into one line is cut: a space after a sentence's end before a marker and a capital, or
# after a heading in capitals before `N. ` (the space first, then what must stand before it: the engine skips
# from space to space, where a pattern that opens with a lookbehind is tried at every character)
_INLINE_CUT: Final = regexes.compile(r" (?:(?<=[.:;!?] )(?=(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[-+])"
                                     r" [A-ZÀ-ỸĐ])"
                                     r"|(?<=[A-ZÀ-ỸĐ]{2} )(?=\d{1,2}\. [A-ZÀ-ỸĐ]))")


def _split_long_paragraphs(doc: Document) -> list[Block]:
    """A page scraped into one line ("I. MỤC ĐÍCH 1. Việc ... 2. Tiếp nhận ...") is split before
    inline markers so its items can be found.  Only very long paragraphs with several inline
    markers are touched; the split points are spaces, so spans stay exact."""
    out: list[Block] = []
    inline = _INLINE_CUT
    for b in doc.blocks:
        if b.kind != "para" or b.span[1] - b.span[0] < 1200:
            out.append(b)
            continue
        t = doc.text[b.span[0]:b.span[1]]
        cuts = [m.start() for m in inline.finditer(t)]
        if len(cuts) < 3:
            out.append(b)
            continue
        prev = 0
        for c in cuts + [len(t)]:
            if c > prev:
                s = prev + (1 if prev else 0)
                out.append(Block((b.span[0] + s, b.span[0] + c), "para", page=b.page, style=b.style))
            prev = c
    return out

