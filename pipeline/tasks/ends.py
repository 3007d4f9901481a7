"""Where the body's items end, whatever the header stage found: the recipients list and the signature.

A scrape drops the table that held `Nơi nhận` and the signature side by side, or prints the list as
one line of `- A; - B; - Như trên; - Lưu: VT.`, or loses the `Nơi nhận:` heading; the header stage
then reads the body as running to the end of the page, and the recipients become `- ` items.  What
follows the recipients or the authority line of the signature (`TM. ỦY BAN NHÂN DÂN`) is never a
task (GOLD.md), even its `- ` lines; an attachment after it still restarts the outline.
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Final

from .. import regexes
from ..lang import RECIPIENTS_HEADING
from ..model import Block
from ..resources import open_model

# the items' separator: `; - `, or `;` alone where a PDF's text layer lost the dash glyphs between words
_ITEMS: Final = regexes.compile(r"[;.]\s*[-+•–]\s*|;\s+")


@cache
def _rules() -> dict[str, re.Pattern]:
    with open_model("tasks.toml") as f:
        e = tomllib.load(f)["end_of_body"]
    heads = [x.replace("{RECIPIENTS}", RECIPIENTS_HEADING) for x in e["recipients"]]
    return {"recipients": regexes.compile("|".join(heads)),
            "authority": regexes.compile("|".join(e["authority"])),
            "filing": regexes.compile(e["filing_line"]),
            "item": regexes.compile(r"\s*[-+•–]?\s*(?:" + "|".join(e["recipient_item"]) + ")")}


def ends_body(text: str) -> bool:
    """A paragraph (or table cell) after which nothing is a task of the body."""
    t = text.strip()
    r = _rules()
    if len(t) < 600 and r["recipients"].match(t) or (len(t) < 60 and r["authority"].match(t)):
        return True
    return is_recipient_run(t)


def is_recipient_run(text: str) -> bool:
    """`- Như trên; - Sở A; - Lưu: VT.`: three or more short items run together on one line, one of
    them the list's own (`Như trên`, `Lưu: VT`)."""
    if text[:1] not in "-+•–":
        return False
    if text.find(";", 0, 100) < 0 and text.find(".", 0, 100) < 0:
        return False        # the first item runs past 100 characters (most bulleted items of a body)
    items = _ITEMS.split(text)
    return (len(items) >= 3 and all(len(x) < 100 for x in items)
            and any(_rules()["item"].match(x) for x in items))


def body_end(text: str, blocks: list[Block], after: int) -> int | None:
    """Offset of the first block past `after` (the first item) that ends the body, or None."""
    for i, b in enumerate(blocks):
        if b.span[0] <= after:
            continue
        if b.kind == "row" and b.cells:
            spans = [c for c in b.cells if c[1] > c[0]]
            if not any(ends_body(text[s:e]) for s, e in spans[:2]):
                continue
        else:
            para = text[b.span[0]:b.span[1]]        # (a paragraph: its own text, asked at once)
            if not ends_body(para) and not _run_cut(para, text, blocks, i):
                continue
        return _list_start(text, blocks, i, after)
    return None


def _run_cut(para: str, text: str, blocks: list[Block], i: int) -> bool:
    """Whether paragraph `para` (block i) is a recipients list run together whose last items line breaks put in the
    next blocks (`- Chính phủ; ...; - Tỉnh ủy tỉnh Bắc` / `Ninh; - Lưu: HC, PLTP. | TM. ỦY BAN ...`; a list that lost
    its dashes, `- Chính phủ;  Tòa án nhân dân tối cao;` / `Viện Kiểm sát ...;  Lưu: VT`): read with the next block's
    first line, and on through the blocks that close on an item's `;` (a few at most)."""
    joined = para.strip()
    if joined[:1] not in "-+•–":
        return False
    for b in blocks[i + 1:i + 6]:
        nxt = text[b.span[0]:b.span[1]].strip()
        if is_recipient_run(joined + " " + nxt.split("\n", 1)[0]):
            return True
        if b.kind != "para" or not nxt.endswith(";"):
            return False
        joined += " " + nxt
    return False


RECIPIENT_MAX: Final = 80      # a recipient is a name, not a sentence


def _list_start(text: str, blocks: list[Block], end: int, after: int) -> int:
    """Where the body ends when block `end` does: a list's filing line (`- Lưu Văn phòng Tỉnh ủy.`)
    whose heading was lost takes the short dash lines just before it along, as the list's items."""
    if not _rules()["filing"].match(text[blocks[end].span[0]:blocks[end].span[1]].strip()):
        return blocks[end].span[0]
    start = end
    while start > 0 and blocks[start - 1].span[0] > after and blocks[start - 1].kind == "para":
        line = text[blocks[start - 1].span[0]:blocks[start - 1].span[1]].strip()
        if line[:1] not in "-+•–" or len(line) > RECIPIENT_MAX or "\n" in line:
            break
        start -= 1
    return blocks[start].span[0]
