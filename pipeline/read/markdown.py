"""Markdown read as markdown: a CommonMark parser (markdown-it-py, with pipe tables) says which
characters of a scraped page are markup, and only those are dropped from `text`.

The page is still read line by line (`read_text`: its lines, pipe and vertical tables, flattened
tables), so paragraphs are joined by the same rules whatever the format; what the parser adds is
each line's `RawLine.drops`, the stretches to leave out of the text:

- the delimiters of the emphasis it recognises (`**II. TỔ CHỨC THỰC HIỆN**`, `*a)*`, `_Nơi nhận:_`,
  `**3**.`), and the backslash of an escape (`1\\.` is `1.`, `\\*` a literal star);
- the runs of two or three stars (or underscores) that it leaves as text because a scrape put spaces
  inside them (`**1. **Nội dung`, `** 2.1. **Nội dung`): broken emphasis, dropped as before.

A list marker is no markup to drop: CommonMark reads `1.` at a line's start as an ordered list
(and renumbers it) and `-`/`*`/`+` as bullets, but the marker stays in the text exactly as printed,
since the task stage reads markers from the text.  Code spans, links, entities and HTML stay as
printed.  Lines the parser gives no inline text for (a thematic break, `* *`, an indented code
block, an HTML block) and blocks whose tokens cannot be aligned with the source keep `drops` None:
normalization then drops markup by its patterns (`emit.MARKUP_RE`), as for plain text.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from .layout import CONTINUED, RawDoc
from .text import read_text

_EMPHASIS = {"em_open", "em_close", "strong_open", "strong_close"}
MAX_WRAPPED_EMPHASIS = 160     # characters of an emphasised phrase wrapped over two or three lines

# runs of stars or underscores the parser left as text: emphasis broken by spaces inside it (a star
# in brackets is a footnote mark, `(*)`, and one between spaces a sign, `b/a * 100%`: they stay)
_BROKEN_EMPHASIS = re.compile(r"\*{2,3}|(?<![( ])\*|\*(?![) ])|_{2,3}")


@cache
def _parser():
    from markdown_it import MarkdownIt

    # text_join off: an escape stays its own token, so its backslash can be found and dropped
    return MarkdownIt("commonmark").enable("table").disable("text_join")


def read_markdown(text: str, path: str = "<markdown>") -> RawDoc:
    """A markdown page's lines (`read_text`), each with the markup the parser found in it."""
    raw = read_text(text, path, "md")
    drops, covered, spans = markup_drops(text)
    starts = [d[0] for d in drops]
    # lines inside an emphasis opened on a line before (`**II. NỘI DUNG` / `KẾ HOẠCH**`): one phrase
    # wrapped; a long span is a scrape's stray delimiters paired far apart, no phrase
    newlines = [m.start() for m in re.finditer("\n", text)]
    continued = set()
    for o, c in spans:
        first, last = bisect_left(newlines, o), bisect_left(newlines, c)
        if c - o <= MAX_WRAPPED_EMPHASIS and 0 < last - first <= 2:
            continued.update(range(first + 1, last + 1))
    for page in raw.pages:
        for ln in page.lines:
            lo, hi = ln.raw_offset, ln.raw_offset + len(ln.text)
            if not _is_covered(covered, lo, hi):
                continue
            if continued and bisect_left(newlines, lo) in continued:
                ln.style = ln.style | {CONTINUED}
            k = bisect_left(starts, lo)
            mine = []
            while k < len(drops) and drops[k][0] < hi:
                s, e = drops[k]
                mine.append((s - lo, min(e, hi) - lo))
                k += 1
            ln.drops = tuple(mine)
    return raw


def _is_covered(covered: list[tuple[int, int]], lo: int, hi: int) -> bool:
    """`[lo, hi)` lies inside one stretch the parser read inline text over."""
    k = bisect_left(covered, (lo + 1,)) - 1
    return k >= 0 and covered[k][0] <= lo and hi <= covered[k][1]


def markup_drops(text: str) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
    """(the stretches of `text` that are markup to drop, sorted; the stretches of source lines whose
    inline markup the parser accounted for; the (opening, closing) offsets of each emphasis)."""
    line_starts = [0] + [m.end() for m in re.finditer("\n", text)]
    drops: list[tuple[int, int]] = []
    covered: list[tuple[int, int]] = []
    spans: list[tuple[int, int]] = []
    cur = 0
    star_item = None        # where the `*` of a bullet item just opened stands
    for tok in _parser().parse(text):
        if tok.type == "list_item_open" and tok.markup == "*" and tok.map:
            star_item = text.find("*", line_starts[tok.map[0]])
        if tok.type != "inline" or not tok.map or not tok.children:
            continue
        start = line_starts[tok.map[0]]
        end = line_starts[tok.map[1]] - 1 if tok.map[1] < len(line_starts) else len(text)
        # the inline text starts after any container syntax (a list marker, `>`) on its first line
        first = text.find(tok.content.split("\n", 1)[0], max(cur, start), end)
        found = _align(text, tok.children, max(cur, start, first), end, spans)
        if found is None:
            star_item = None
            continue        # not aligned: its lines keep drops None (markup dropped by pattern)
        block, cur = found
        drops += block
        if star_item is not None and _closes_with_star(tok.children):
            # `* (Ban hành kèm theo ...)*`: an italic opened with a space, read as a bullet: no marker
            drops.append((star_item, star_item + 1))
        star_item = None
        if covered and covered[-1][1] >= start:
            covered[-1] = (covered[-1][0], max(covered[-1][1], end))
        else:
            covered.append((start, end))
    drops.sort()
    return drops, covered, sorted(spans)


def _closes_with_star(children: list) -> bool:
    """A line of the inline text ends with a star the parser left as text (an italic's end)."""
    for c, nxt in zip(children, children[1:] + [None], strict=True):
        if c.type == "text" and c.content.rstrip().endswith("*") and (nxt is None or nxt.type.endswith("break")):
            return True
    return False


def _align(text: str, children: list, cur: int, end: int,
           spans: list[tuple[int, int]]) -> tuple[list[tuple[int, int]], int] | None:
    """Walk an inline token's children over the source from `cur`: the stretches to drop, and where
    the walk ended; None when a child is not found before `end` (or a drop is not markup).  The
    (opening, closing) offsets of each emphasis go to `spans`."""
    drops: list[tuple[int, int]] = []
    opened: list[int] = []
    for c in children:
        if c.type in _EMPHASIS:
            pos = text.find(c.markup, cur, end)
            if pos < 0:
                return None
            drops.append((pos, pos + len(c.markup)))
            if c.type.endswith("_open"):
                opened.append(pos)
            elif opened:
                spans.append((opened.pop(), pos))
            cur = pos + len(c.markup)
        else:
            cur = _step(text, c, cur, end, drops)
            if cur < 0:
                return None
    if any(text[s:e].strip("*_\\") for s, e in drops):
        return None
    return drops, cur


def _step(text: str, c, cur: int, end: int, drops: list[tuple[int, int]]) -> int:
    """Past inline token `c` (not an emphasis delimiter) in the source from `cur`, adding what of
    it to drop; -1 where it is not found before `end`."""
    kind = c.type
    if kind == "text":
        if not c.content:
            return cur
        pos = text.find(c.content, cur, end)
        if pos >= 0:
            drops += [(pos + m.start(), pos + m.end()) for m in _BROKEN_EMPHASIS.finditer(c.content)]
        return pos + len(c.content) if pos >= 0 else -1
    if kind == "text_special":
        pos = text.find(c.markup, cur, end)
        if pos >= 0 and c.info == "escape":
            drops.append((pos, pos + 1))          # the backslash; the character stays
        return pos + len(c.markup) if pos >= 0 else -1
    if kind in ("softbreak", "hardbreak"):
        pos = text.find("\n", cur, end)
        if pos >= 0 and kind == "hardbreak" and text[pos - 1] == "\\":
            drops.append((pos - 1, pos))          # `\` at a line's end: a line break, not text
        return pos + 1 if pos >= 0 else -1
    if kind == "code_inline":
        pos = text.find(c.markup, cur, end)
        close = text.find(c.markup, pos + len(c.markup), end) if pos >= 0 else -1
        return close + len(c.markup) if close >= 0 else -1
    if kind == "html_inline":
        pos = text.find(c.content, cur, end)
        return pos + len(c.content) if pos >= 0 else -1
    if kind == "link_close" and c.markup != "autolink":
        return _after_link_target(text, cur, end)
    return cur


def _after_link_target(text: str, cur: int, end: int) -> int:
    """Past the `](target)` that closes a link's text (the target's words are no text to align)."""
    pos = text.find("]", cur, end)
    if pos < 0:
        return cur
    if text.startswith("(", pos + 1):
        close = text.find(")", pos + 1, end)
        return close + 1 if close >= 0 else pos + 1
    return pos + 1
