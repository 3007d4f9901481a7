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
whose tokens also had to be searched for in the source (10 ms per archive page in all, now 3.3
compiled: the parser's tree 1.2, the text reader 0.6, reading the tree 1.3, about 0.5 of it the
binding building a new object for each attribute asked of a node, and marking the lines 0.1).
"""
from __future__ import annotations

from bisect import bisect_right
from functools import cache
from typing import Any

from .. import regexes
from .layout import BOLD_RUN, CONTINUED, RawDoc
from .text import read_text

MAX_WRAPPED_EMPHASIS = 160     # characters of an emphasised phrase wrapped over two or three lines

# runs of stars or underscores the parser left as text: emphasis broken by spaces inside it (a star
# in brackets is a footnote mark, `(*)`, and one between spaces a sign, `b/a * 100%`: they stay)
_BROKEN_EMPHASIS = regexes.compile(r"\*{2,3}|(?<![( ])\*|\*(?![) ])|_{2,3}")


@cache
def _parser():
    from markdown_it_pyrs import MarkdownIt

    return MarkdownIt("commonmark").enable("table")


def read_markdown(text: str, path: str = "<markdown>") -> RawDoc:
    """A markdown page's lines (`read_text`), each with the markup the parser found in it."""
    raw = read_text(text, path, "md")
    drops, covered, spans = markup_drops(text)
    _mark_lines(raw, text, drops, covered, *_continued(text, spans))
    return raw


def _mark_lines(raw: RawDoc, text: str, drops: list[tuple[int, int]], covered: list[tuple[int, int]],
                continued: set[int], bold: set[int]) -> None:
    """Give each line inside a `covered` stretch its `drops`, and the `continued` and `bold` ones their style."""
    starts = [c[0] for c in covered]
    nd, k, prev = len(drops), 0, -1
    # (the lines come in order: one pointer walks the sorted drops beside them; it starts over
    # where a line would come before the one read last)
    for page in raw.pages:
        for ln in page.lines:
            lo = ln.raw_offset
            hi = lo + len(ln.text)
            # inside one stretch the parser read inline text over (the last to start at or before lo)
            c = bisect_right(starts, lo) - 1
            if c < 0 or covered[c][1] < hi:
                continue
            if continued:       # (the newline before the line: the key of both sets; bold lines are continued or open)
                nl = text.rfind("\n", 0, lo)
                if nl in continued:
                    ln.style = ln.style | {CONTINUED}
                if nl in bold:
                    ln.style = ln.style | {BOLD_RUN}
            if lo < prev:
                k = 0
            prev = lo
            while k < nd and drops[k][0] < lo:
                k += 1
            if k == nd or drops[k][0] >= hi:
                ln.drops = ()
                continue
            mine = []
            j = k
            while j < nd and drops[j][0] < hi:
                s, e = drops[j]
                mine.append((s - lo, min(e, hi) - lo))
                j += 1
            ln.drops = tuple(mine)


def _continued(text: str, spans: list[tuple[int, int]]) -> tuple[set[int], set[int]]:
    """The lines inside an emphasis opened on a line before (`**II. NỘI DUNG` / `KẾ HOẠCH**`: one phrase wrapped),
    and the lines of a bold phrase wrapped that holds its lines from end to end (`**Điều 3. Tổ` / `chức thực
    hiện**`: a heading, bold as a line bold from end to end is), each as the offset of the newline before it; a
    long span is a scrape's stray delimiters paired far apart, no phrase, and so is one over more than three lines."""
    out: set[int] = set()
    bold: set[int] = set()
    for o, c in spans:
        if c - o > MAX_WRAPPED_EMPHASIS:
            continue
        p = text.find("\n", o, c)
        if p < 0:
            continue                # (most spans: on one line)
        q = text.find("\n", p + 1, c)
        if q >= 0 and text.find("\n", q + 1, c) >= 0:
            continue
        lines = (p,) if q < 0 else (p, q)
        out.update(lines)
        start, end = text.rfind("\n", 0, o), text.find("\n", c)
        if text[o:o + 2] in ("**", "__") and not text[start + 1:o].strip() \
                and not text[c + 2:len(text) if end < 0 else end].strip(" \t.:"):
            bold.update((start, *lines))
    return out, bold


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
    """`text` as the parser is given it (same length: offsets hold): where a page holds both a `[` and a backtick,
    its backticks read as apostrophes (same kind of character: punctuation), since markdown-it.rs 0.6 panics on a
    bracket followed by a backtick it cannot pair (a `[` then one backtick); such a page's code spans are plain
    text.  A bullet that opens a line before a non-breaking space (`*\u00a0Công bố ...`, as an exporter prints a
    list's glyph) is a list's marker, which CommonMark reads only before a space or a tab: the space it stands for."""
    if "`" in text and "[" in text:
        text = text.replace("`", "'")
    return _BULLET_NBSP.sub(r"\1 ", text) if "\u00a0" in text else text


_BULLET_NBSP = regexes.compile(r"(?m)^([ \t]*[-*+])\u00a0")


# An inline node as read (`_Runs._read`): (name, start, end: where it stands in the source, in bytes, both -1
# where it is not where the parser's map says; its children read (an emphasis, a link); its emphasis marker or
# the kind of a special text, else "").
Read = tuple[str, int, int, "list[Read] | None", str]


class _Runs:
    """The inline runs of a parsed page (the inline children of a paragraph, heading, table cell or
    tight list item, in order), read into drops, covered lines and emphasis spans.  The parser's
    source map is in bytes of UTF-8: offsets are turned into characters once, at the end.

    Each attribute of a node is a call into the Rust binding that builds a new object: a node is read
    once, into a plain tuple (`_read`), and only where it is needed (a run with no star, underscore or
    backslash needs its first and last nodes alone)."""

    def __init__(self, text: str, data: bytes):
        self.data = data
        self.size = len(data)
        self.ascii = len(data) == len(text)
        self.drops: list[tuple[int, int]] = []       # in bytes until `result`
        self.covered: list[tuple[int, int]] = []
        self.spans: list[tuple[int, int]] = []

    def walk(self, node: Any, star: int | None = None, inline: bool = False) -> None:
        """Every inline run under block `node`; `star`: where the `*` of the bullet item it is stands;
        `inline`: the block holds inline nodes alone (a paragraph, heading or table cell)."""
        if inline:
            children = node.children
            if children:
                self._run(children, star)
            return
        run: list[Any] = []
        bullet: bool | None = None      # (the list's marker is a `*`: asked of a list once, not of each item)
        for child in node.children:
            name: str = child.name
            if name in _INLINE:
                run.append(child)
                continue
            if run:
                self._run(run, star)
                run, star = [], None
            if name == "list_item":
                if bullet is None:
                    bullet = node.meta.get("marker") == "*"
                self.walk(child, child.srcmap[0] if bullet else None)
            else:
                self.walk(child, star, name in _INLINE_ONLY)
                star = None
        if run:
            self._run(run, star)

    def _run(self, run: list[Any], star: int | None) -> None:
        """One inline run: its drops, its lines as covered; nothing where a delimiter is not where the
        source map says (the lines keep drops None: markup dropped by pattern)."""
        drops: list[tuple[int, int]] = []
        spans: list[tuple[int, int]] = []
        n = len(run)
        first = self._read(run[0])
        last = self._read(run[n - 1]) if n > 1 else first
        lo, hi = first[1], last[2]
        if lo < 0 or last[1] < 0 or lo > hi:
            return
        data = self.data
        # (a run with no star, underscore or backslash has nothing to drop)
        if data.find(b"*", lo, hi) >= 0 or data.find(b"_", lo, hi) >= 0 or data.find(b"\\", lo, hi) >= 0:
            nodes = [first]
            for i in range(1, n - 1):
                nodes.append(self._read(run[i]))
            if n > 1:
                nodes.append(last)
            if not self._inlines(nodes, drops, spans, 0, self.size):
                return
        if star is not None and self.data[star:star + 1] == b"*" and _closes_with_star(self.data, run):
            # `* (Ban hành kèm theo ...)*`: an italic opened with a space, read as a bullet: no marker
            drops.append((star, star + 1))
        self.drops += drops
        self.spans += spans
        start = self.data.rfind(b"\n", 0, lo) + 1
        end = self.data.find(b"\n", hi)
        end = self.size if end < 0 else end
        if self.covered and self.covered[-1][1] >= start:
            self.covered[-1] = (self.covered[-1][0], max(self.covered[-1][1], end))
        else:
            self.covered.append((start, end))

    def _inlines(self, nodes: list[Read], drops: list[tuple[int, int]], spans: list[tuple[int, int]],
                 lo: int, hi: int) -> bool:
        """`_inline` over read `nodes`, in order and inside [lo, hi]; the text nodes that follow each
        other read as one text (the parser leaves the stars it did not pair as text nodes of their own:
        `(*)` is one text, a footnote mark).  False where a node is not where its map says."""
        data, n, i = self.data, len(nodes), 0
        while i < n:
            node = nodes[i]
            name, s, e = node[0], node[1], node[2]
            if s < 0 or not lo <= s <= e <= hi:
                return False
            i += 1
            if name == "text":
                while i < n and nodes[i][0] == "text" and nodes[i][1] == e:
                    e = nodes[i][2]
                    i += 1
                if data.find(b"*", s, e) >= 0 or data.find(b"_", s, e) >= 0:
                    # (the text alone: what stands before its start is not looked at)
                    for m in _BROKEN_EMPHASIS_B.finditer(data[s:e]):
                        drops.append((s + m.start(), s + m.end()))
            elif name != "softbreak" and not self._inline(node, drops, spans):
                return False        # (a soft break, a third of the nodes of a run, has nothing to drop)
            lo = e
        return True

    def _inline(self, node: Read, drops: list[tuple[int, int]], spans: list[tuple[int, int]]) -> bool:
        """Add what of read inline `node` (not a text) and its children to drop."""
        name, s, e, children, extra = node
        data = self.data
        k = _DELIMITER.get(name, 0)
        if k:
            marker = extra.encode() * k
            if data[s:s + k] != marker or data[e - k:e] != marker:
                return False
            # a star between brackets is a footnote mark, `(*)`, even where it closes an emphasis
            for p in (s, e - k):
                if p == 0 or data[p - 1:p + k + 1] != b"(*)":     # (no slice from -1: mypyc's is wrong)
                    drops.append((p, p + k))
            spans.append((s, e - k))
            return children is not None and self._inlines(children, drops, spans, s + k, e - k)
        if name == "text_special" and extra == "escape" or name == "hardbreak" and data[s:s + 1] == b"\\":
            drops.append((s, s + 1))        # the backslash; the character stays (or the line breaks)
        elif name == "link" and children is not None:
            return self._inlines(children, drops, spans, s, e)
        return True

    def _read(self, node: Any) -> Read:
        """Inline `node` read (`Read`).  The parser's own map is wrong in places (an emphasis closed
        inside a longer run of stars, `**Mục 1.\nNẾP SỐNG**** **`; a text before a line break after a
        space): a text is where its first byte is and as long as its content, an emphasis spans its
        children and its delimiters."""
        name: str = node.name
        k = _DELIMITER.get(name, 0)
        if k:
            children = [self._read(c) for c in node.children]
            if not children or children[0][1] < 0 or children[-1][1] < 0:
                return name, -1, -1, children, ""
            return name, children[0][1] - k, children[-1][2] + k, children, node.meta.get("marker", "*")
        span = node.srcmap
        if span is None or not 0 <= span[0] <= self.size:
            return name, -1, -1, None, ""
        s: int = span[0]
        if name == "text" or name == "text_special":
            meta = node.meta
            held = (meta.get("content", "") if name == "text" else meta.get("markup", "")).encode()
            if not self.data.startswith(held, s):
                return name, -1, -1, None, ""
            return name, s, s + len(held), None, "" if name == "text" else meta.get("info", "")
        if name == "softbreak" or name == "hardbreak":
            return name, s, s, None, ""
        e: int = span[1]
        if e > self.size:
            return name, -1, -1, None, ""
        return name, s, e, [self._read(c) for c in node.children] if name == "link" else None, ""

    def result(self) -> tuple[list[tuple[int, int]], list[tuple[int, int]], list[tuple[int, int]]]:
        """Drops, covered stretches and emphasis spans, in characters."""
        drops, spans = sorted(self.drops), sorted(self.spans)
        if self.ascii:
            return drops, self.covered, spans
        # (bytes to characters keep the order: the pairs are sorted in bytes)
        firsts = self.data.translate(_FIRST_BYTES)
        return _chars(drops, firsts), _chars(self.covered, firsts), _chars(spans, firsts)


def _chars(pairs: list[tuple[int, int]], firsts: bytes) -> list[tuple[int, int]]:
    """Pairs of byte offsets in a UTF-8 text as pairs of character offsets, each character counted
    by its first byte (`firsts`: the text's bytes, 1 where one starts; every offset here is between
    characters), from the pair before (the pairs in order of their starts, else from the text's)."""
    out = []
    prev = chars = 0
    for s, e in pairs:
        if s < prev:
            prev = chars = 0
        chars += firsts.count(1, prev, s)
        prev = s
        out.append((chars, chars + firsts.count(1, s, e)))
    return out


# the inline nodes of the parser's tree (the others are blocks holding them)
_INLINE = frozenset({"text", "text_special", "softbreak", "hardbreak", "em", "strong", "code_inline",
                     "link", "image", "autolink", "html_inline"})
# the blocks that hold inline nodes alone (CommonMark's leaf blocks with inline content; a tight list
# item holds its inline nodes and the lists nested in it side by side)
_INLINE_ONLY = frozenset({"paragraph", "heading", "lheading", "tcell"})
_DELIMITER = {"em": 1, "strong": 2}      # the width of an emphasis delimiter
_BROKEN_EMPHASIS_B = regexes.compile(_BROKEN_EMPHASIS.pattern.encode())
_FIRST_BYTES = bytes(0 if 0x80 <= b < 0xC0 else 1 for b in range(256))   # a UTF-8 byte -> it starts a character


def _closes_with_star(data: bytes, run: list) -> bool:
    """A line of the inline run ends with a star the parser left as text (an italic's end)."""
    for c, nxt in zip(run, run[1:] + [None], strict=True):
        if c.name == "text" and data[c.srcmap[0]:c.srcmap[1]].rstrip().endswith(b"*") \
                and (nxt is None or nxt.name.endswith("break")):
            return True
    return False
