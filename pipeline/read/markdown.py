"""Markdown read as markdown: a CommonMark parser (markdown-it-pyrs, the Rust markdown-it with pipe
tables, whose tree maps every inline node to its bytes in the source) says which characters of a
scraped page are markup, and only those are dropped from `text`.

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
block, an HTML block) and runs whose nodes are not where the parser's map says keep `drops` None:
normalization then drops markup by its patterns (`emit.MARKUP_RE`), as for plain text.  The map is
checked because it is wrong in places (see `_Runs._extent`); a star between brackets, `(*)`, is a
footnote mark even where the parser closes an emphasis with it.

The Rust parser reads a 30 KB page in about a millisecond, against about 7 ms for markdown-it-py,
whose tokens also had to be searched for in the source (10 ms per archive page in all, now 3.7).
"""
from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache

from .layout import CONTINUED, RawDoc
from .text import read_text

MAX_WRAPPED_EMPHASIS = 160     # characters of an emphasised phrase wrapped over two or three lines

# runs of stars or underscores the parser left as text: emphasis broken by spaces inside it (a star
# in brackets is a footnote mark, `(*)`, and one between spaces a sign, `b/a * 100%`: they stay)
_BROKEN_EMPHASIS = re.compile(r"\*{2,3}|(?<![( ])\*|\*(?![) ])|_{2,3}")


@cache
def _parser():
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


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
    text = _parsable(text)          # (the same length: offsets hold in the page as read)
    runs = _Runs(text, text.encode("utf-8"))
    try:
        tree = _parser().tree(text)
    except BaseException as e:      # (a Rust panic is pyo3's PanicException, a BaseException)
        if not isinstance(e, Exception) and type(e).__name__ != "PanicException":
            raise
        return [], [], []   # no line is covered: markup is dropped by its patterns, as for plain text
    runs.walk(tree)
    return runs.result()


def _parsable(text: str) -> str:
    """`text` as the parser is given it: where a page holds both a `[` and a backtick, its backticks read as
    apostrophes (same length, same kind of character: punctuation), since markdown-it.rs 0.6 panics on a
    bracket followed by a backtick it cannot pair (a `[` then one backtick); such a page's code spans are
    plain text."""
    return text.replace("`", "'") if "`" in text and "[" in text else text


class _Runs:
    """The inline runs of a parsed page (the inline children of a paragraph, heading, table cell or
    tight list item, in order), read into drops, covered lines and emphasis spans.  The parser's
    source map is in bytes of UTF-8: offsets are turned into characters once, at the end."""

    def __init__(self, text: str, data: bytes):
        self.text, self.data = text, data
        self.ascii = len(data) == len(text)
        self.drops: list[tuple[int, int]] = []       # in bytes until `result`
        self.covered: list[tuple[int, int]] = []
        self.spans: list[tuple[int, int]] = []

    def walk(self, node, star: int | None = None) -> None:
        """Every inline run under block `node`; `star`: where the `*` of the bullet item it is stands."""
        run: list = []
        for child in node.children:
            if child.name in _INLINE:
                run.append(child)
                continue
            if run:
                self._run(run, star)
                run, star = [], None
            if child.name == "list_item":
                self.walk(child, child.srcmap[0] if node.meta.get("marker") == "*" else None)
            else:
                self.walk(child, star)
                star = None
        if run:
            self._run(run, star)

    def _run(self, run: list, star: int | None) -> None:
        """One inline run: its drops, its lines as covered; nothing where a delimiter is not where the
        source map says (the lines keep drops None: markup dropped by pattern)."""
        drops: list[tuple[int, int]] = []
        spans: list[tuple[int, int]] = []
        first, last = self._extent(run[0]), self._extent(run[-1])
        if first is None or last is None or first[0] > last[1]:
            return
        if _MARKUP_BYTE.search(self.data, first[0], last[1]) and not self._inlines(run, drops, spans, None):
            return          # (a run with no star, underscore or backslash has nothing to drop)
        if star is not None and self.data[star:star + 1] == b"*" and _closes_with_star(self.data, run):
            # `* (Ban hành kèm theo ...)*`: an italic opened with a space, read as a bullet: no marker
            drops.append((star, star + 1))
        self.drops += drops
        self.spans += spans
        lo, hi = first[0], last[1]
        start = self.data.rfind(b"\n", 0, lo) + 1
        end = self.data.find(b"\n", hi)
        end = len(self.data) if end < 0 else end
        if self.covered and self.covered[-1][1] >= start:
            self.covered[-1] = (self.covered[-1][0], max(self.covered[-1][1], end))
        else:
            self.covered.append((start, end))

    def _inlines(self, nodes: list, drops: list, spans: list, within: tuple[int, int] | None) -> bool:
        """`_inline` over `nodes`, in order and inside `within`; the text nodes that follow each other
        read as one text (the parser leaves the stars it did not pair as text nodes of their own:
        `(*)` is one text, a footnote mark).  False where a node is not where its map says."""
        lo, hi = within if within is not None else (0, len(self.data))
        extents = [self._extent(n) for n in nodes]
        i = 0
        while i < len(nodes):
            if extents[i] is None or not lo <= extents[i][0] <= extents[i][1] <= hi:
                return False
            j = i
            while nodes[j].name == "text" and j + 1 < len(nodes) and nodes[j + 1].name == "text" \
                    and extents[j + 1] is not None and extents[j][1] == extents[j + 1][0]:
                j += 1
            if nodes[i].name == "text":
                s, e = extents[i][0], extents[j][1]
                if self.data.find(b"*", s, e) >= 0 or self.data.find(b"_", s, e) >= 0:
                    drops += [(s + m.start(), s + m.end()) for m in _BROKEN_EMPHASIS_B.finditer(self.data[s:e])]
            elif not self._inline(nodes[i], extents[i], drops, spans):
                return False
            lo, i = extents[j][1], j + 1
        return True

    def _inline(self, node, extent: tuple[int, int], drops: list, spans: list) -> bool:
        """Add what of inline `node` (not a text) and its children to drop."""
        s, e = extent
        name = node.name
        if name in _DELIMITER:
            k = _DELIMITER[name]
            marker = node.meta.get("marker", "*").encode() * k
            if self.data[s:s + k] != marker or self.data[e - k:e] != marker:
                return False
            # a star between brackets is a footnote mark, `(*)`, even where it closes an emphasis
            drops += [(p, p + k) for p in (s, e - k) if self.data[p - 1:p + k + 1] != b"(*)"]
            spans.append((s, e - k))
            return self._inlines(node.children, drops, spans, (s + k, e - k))
        if name == "text_special" and node.meta.get("info") == "escape" or \
                name == "hardbreak" and self.data[s:s + 1] == b"\\":
            drops.append((s, s + 1))        # the backslash; the character stays (or the line breaks)
        elif name == "link":
            return self._inlines(node.children, drops, spans, (s, e))
        return True

    def _extent(self, node) -> tuple[int, int] | None:
        """Where inline `node` stands in the source, in bytes, checked against what it holds (None
        where it is not there).  The parser's own map is wrong in places (an emphasis closed inside
        a longer run of stars, `**Mục 1.\nNẾP SỐNG**** **`; a text before a line break after a
        space): a text is where its first byte is and as long as its content, an emphasis spans its
        children and its delimiters."""
        name = node.name
        if name in _DELIMITER:
            if not node.children:
                return None
            first, last = self._extent(node.children[0]), self._extent(node.children[-1])
            k = _DELIMITER[name]
            return None if first is None or last is None else (first[0] - k, last[1] + k)
        span = node.srcmap
        if span is None or not 0 <= span[0] <= len(self.data):
            return None
        s = span[0]
        if name in ("text", "text_special"):
            held = (node.meta.get("content", "") if name == "text" else node.meta.get("markup", "")).encode()
            return (s, s + len(held)) if self.data.startswith(held, s) else None
        if name in ("softbreak", "hardbreak"):
            return s, s
        return span if span[1] <= len(self.data) else None

    def result(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
        """Drops, covered stretches and emphasis spans, in characters."""
        to_char = self._to_char(
            [x for pair in self.drops + self.covered + self.spans for x in pair])
        drops = sorted((to_char[s], to_char[e]) for s, e in self.drops)
        covered = [(to_char[s], to_char[e]) for s, e in self.covered]
        spans = sorted((to_char[s], to_char[e]) for s, e in self.spans)
        return drops, covered, spans

    def _to_char(self, offsets: list[int]) -> dict[int, int]:
        """Byte offsets of the UTF-8 text -> character offsets."""
        if self.ascii:
            return {o: o for o in offsets}
        out, chars, prev = {}, 0, 0
        for o in sorted(set(offsets)):
            chars += len(self.data[prev:o].decode("utf-8", "replace"))
            out[o], prev = chars, o
        return out


# the inline nodes of the parser's tree (the others are blocks holding them)
_INLINE = frozenset({"text", "text_special", "softbreak", "hardbreak", "em", "strong", "code_inline",
                     "link", "image", "autolink", "html_inline"})
_MARKUP_BYTE = re.compile(rb"[*_\\]")
_DELIMITER = {"em": 1, "strong": 2}      # the width of an emphasis delimiter
_BROKEN_EMPHASIS_B = re.compile(_BROKEN_EMPHASIS.pattern.encode())


def _closes_with_star(data: bytes, run: list) -> bool:
    """A line of the inline run ends with a star the parser left as text (an italic's end)."""
    for c, nxt in zip(run, run[1:] + [None], strict=True):
        if c.name == "text" and data[c.srcmap[0]:c.srcmap[1]].rstrip().endswith(b"*") \
                and (nxt is None or nxt.name.endswith("break")):
            return True
    return False
