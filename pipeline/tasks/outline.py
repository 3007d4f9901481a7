"""The outline of one region (the body, or one attached document): its blocks become task nodes.

Nesting is read from the markers themselves: a marker of a kind already open closes everything
opened after it (a sibling); a new kind opens a child.  Paths are ordinals among siblings, not the
printed numbers.  An unmarked paragraph continues the node above it; closing words addressed to the
whole document belong to no node.
"""
from __future__ import annotations

import re
from typing import Final

from .. import regexes
from ..model import Block, Document, Span, Task
from .facts import _facts
from .inline import MARKER_SPAN, has_candidate, next_inline_cut, no_small_letters, with_marker
from .markers import Marker, parse_marker
from .repairs import (
    _MARKER_ALONE,
    _NUMBER_ALONE,
    _glued_closing,
    _number_led_item,
    _opens_node_alone,
    _repair_marker,
    _wrapped_number,
    _wrapped_roman,
    mangled_roman_headings,
)
from .tables import _cell_paragraphs, _sub_heading_columns, _table_columns

_HEADINGS: Final = ("part", "chapter", "section")
_BULLETS: Final = "-–—+•·●○■□▪➢✓*\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e"
# the kinds that open an outline and are never a bullet's child
_OUTLINE_HEADS: Final = ("roman", "part", "chapter", "section", "article")
# what a preamble's bullets cite: the documents the text carries out or rests on
# a basis line that heads a list, right before its first item (`Căn cứ:`, `Thực hiện:`, `Căn cứ các văn bản sau:`; not
# `Thực hiện ngay các biện pháp sau:`, a task's own lead)
_LEAD_BASIS: Final = regexes.compile(r"(?:^|\n)[ \t*_]*(?:Căn\s+cứ|Thực\s+hiện)(?:\s+(?:các|những)\s+văn\s+bản"
                                     r"(?:\s+sau(?:\s+đây)?)?)?[ \t*_]*:[ \t*_]*\n[-–—+•* \t]*$")
_BASIS: Final = regexes.compile(r"(?:Căn\s+cứ|Thực\s+hiện|Theo|Xét|Trên\s+cơ\s+sở|Triển\s+khai)\s+(?:\S+\s+){0,4}?"
                    r"(?:Luật|Nghị\s+quyết|Nghị\s+định|Chỉ\s+thị|Quyết\s+định|Kế\s+hoạch|Công\s+văn|Thông\s+tư"
                    r"|Thông\s+báo|Kết\s+luận|Hướng\s+dẫn|Chương\s+trình|Đề\s+án|Văn\s+bản|đề\s+nghị|tờ\s+trình|Quy\s+định"
                    r"|Quy\s+chế|Điều\s+lệ|Hiến\s+pháp|Pháp\s+lệnh)", re.I)
# (the Party's regulations head their chapters `I-`, `II-` over articles: a Roman heading ranks above Điều)
_HEADS_BY_RANK: Final = ("part", "chapter", "section", "article")
_RANK: Final = {"part": 0, "chapter": 1, "section": 2, "roman": 2.5, "upper": 2.5, "article": 3}
_BULLET_KINDS: Final = ("dash", "plus", "dot", "lost_bullet")
_ROW_NUMBER: Final = regexes.compile(r"[\dIVXivx]{1,5}[.)]?|[a-zđ][.)]?|\d{1,3}\.\d{1,2}\.?|[A-H]\.?")
_GROUP_IN_NUMBER: Final = regexes.compile(r"([IVX]{1,5}\.?)\s+(?=\w)")
_ROMAN_ROW: Final = regexes.compile(r"[IVX]+\.?")
_LETTER_ROW: Final = regexes.compile(r"[A-H]\.?")


class Outline:
    """The nodes of one region, built block by block."""

    def __init__(self, doc: Document, blocks: list[Block], prefix: str):
        self.doc, self.text, self.blocks, self.prefix = doc, doc.text, blocks, prefix
        self.f = _facts()
        self.tasks: list[Task] = []
        self.stack: list[tuple[str, Task]] = []            # (marker kind, task) of open nodes
        self.counters: dict[str | None, int] = {}          # parent path -> children so far
        self.current: Task | None = None
        self.table_cols: dict[int | None, tuple[dict[str, int], list[str]]] = {}
        # where the last marked paragraph of the region starts: closing words come after it
        self.last_marked = _last_marked(self.text, blocks)
        # OCR-misread Roman headings (`H. MỘT SỐ ...`), decided once from the run of headings
        self.ocr_romans = mangled_roman_headings(self.text, [b.span for b in blocks if b.kind == "para"])

    def add(self, kind: str, label: str, span: Span, node_kind: str = "item") -> Task:
        """Open a node of marker `kind`: it closes the open sibling of its kind and what that opened."""
        if self._preamble_bullets(kind):
            # `- Thực hiện Chỉ thị số ...;` before `I. MỤC ĐÍCH`: the bullets before the outline's first
            # heading are the preamble's list (its legal basis), not tasks; a heading is never a bullet's child
            self.tasks.clear()
            self.stack.clear()
            self.counters.clear()
        stack = self.stack
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                del stack[k:]
                break
        if kind in _HEADS_BY_RANK:
            # NĐ 30's ranks: Phần > Chương > Mục > Điều; a heading closes everything below its rank
            # (`Chương II` after `Điều 5`'s points is Điều 5's uncle, never its child)
            # (a `Mục 13.` with no chapter open is a form's field, not a section heading)
            while stack and _RANK.get(stack[-1][0], 9) >= _RANK[kind] and (
                    kind != "section" or any(k in ("part", "chapter") for k, _ in stack)):
                stack.pop()
        elif kind in ("roman", "upper"):
            # a Roman (or capital-letter) heading is never the child of an item numbered below it
            # (`1.`, `a)`, `(2)`, `-`): it closes them, and stays under an open article or chapter
            while stack and stack[-1][0] not in _RANK:
                stack.pop()
        if kind in _OUTLINE_HEADS or kind == "decimal1":
            # a bullet is the lowest rank (I > 1. > a) > - > +): `1.` or `II.` after a bullet closes it,
            # never nests under it (`- Sở Y tế;` of a recipients list nobody named, then `1. ...`)
            while stack and stack[-1][0] in _BULLET_KINDS:
                stack.pop()
        parent = stack[-1][1] if stack else None
        ppath = parent.path if parent else None
        self.counters[ppath] = self.counters.get(ppath, 0) + 1
        n = self.counters[ppath]
        path = f"{ppath}.{n}" if ppath else f"{self.prefix}{n}"
        # (by position, in the order of Task's fields: its __init__, the dataclass's, runs interpreted, and binds
        # arguments given by keyword at a third more cost, for each node)
        t = Task(path, label, len(stack) + 1, ppath, span, self.text[span[0]:span[1]], node_kind)
        stack.append((kind, t))
        self.tasks.append(t)
        self.current = t
        return t

    def _preamble_bullets(self, kind: str) -> bool:
        """Whether every node so far is a bullet of the preamble (citing a basis: `Thực hiện Chỉ thị số
        ...`, `Căn cứ ...`) and `kind` opens the outline proper (a Roman heading, an article, a part,
        chapter or section heading, or `1.`)."""
        if kind not in _OUTLINE_HEADS and kind != "decimal1":
            return False        # asked first: the test of every node so far made each bullet cost them all
        if not self.tasks or any(t.label[:1] not in _BULLETS for t in self.tasks):
            return False
        # each one cites a basis, or (before a heading) is a piece of the title in capitals wrapped at a dash;
        # or the list hangs on a basis line (`Căn cứ:` / `- Nghị định số ...;`)
        if _LEAD_BASIS.search(self.text, 0, self.tasks[0].span[0]):
            return True
        return all(_BASIS.match(t.text.lstrip("-–— "))
                   or (kind in _OUTLINE_HEADS and no_small_letters(t.text.split("\n")[0]))
                   for t in self.tasks if t.level == 1)

    def _marker(self, s: int, e: int, style) -> Marker | None:
        para = self.text[s:e]
        stack = self.stack
        m = self.ocr_romans.get(s) or parse_marker(para) or _number_led_item(para, stack)
        if m is None and "lost_bullet" in style:
            m = Marker("lost_bullet", "", 0)
        m = _repair_marker(m, para, stack)
        if m is not None and m.kind == "decimal1" and m.label[:1] == "0" and _wrapped_number(self.text, s, m, stack):
            m = None      # `... thực hiện Đề án` / `06. Thực hiện tốt ...`: a name's number wrapped to a line start
        elif m is not None and m.kind.startswith("roman") and _wrapped_roman(self.text, s, m, stack):
            m = None      # `... từ cấp I đến cấp` / `V. Chi tiết ...`: a numeral wrapped to a line start
        return m

    def _open(self, m: Marker, s: int, e: int) -> bool:
        """Open the node of a marked paragraph; False where the paragraph continues the node above."""
        own = self.text[s + m.end:e].lstrip()
        own_start = e - len(own)
        if not self.tasks and self.f["_not_items"].match(own):
            return True           # legal basis (Căn cứ ..., even bulleted) is not a task
        if own_start < e:
            self.add(m.kind, m.label, (own_start, e), "heading" if m.kind in _HEADINGS else "item")
            return True
        if m.kind not in _MARKER_ALONE and m.kind not in _NUMBER_ALONE:
            return True
        if _opens_node_alone(self.text, s, m, self.stack):
            # `Điều 1.` / `Chương II` on a line of its own (OCR and PDF layouts): the node's text is
            # the paragraph after it
            self.add(m.kind, m.label, (e, e), "heading" if m.kind != "article" else "item")
            return True
        # else `... tại khoản 3` / `Điều 1.`: a reference broken over a line continues the node above
        return False

    def _in_article(self, s: int, e: int) -> bool:
        """Whether the paragraph at `s` is an article or inside one (`Điều 4.` / `2. ... chịu trách nhiệm
        thi hành Quyết định này`): there the words that close a Chỉ thị are the article's own."""
        own = parse_marker(self.text[s:min(e, s + MARKER_SPAN)])
        if own is not None:
            return own.kind == "article"
        return any(k == "article" for k, _ in self.stack)

    def paragraph(self, s: int, e: int, style) -> None:
        """One paragraph: a marked one opens a node, an unmarked one continues the node above."""
        m = self._marker(s, e, style)
        if m is not None and self._open(m, s, e):
            return
        current = self.current
        if current is None:
            return
        para = self.text[s:e]
        waiting = current.span[1] == current.span[0]      # a marker alone on its line takes this paragraph
        # an item that so far is only its heading (`8. Ban công tác Mặt trận các thôn`) takes the next
        # paragraph as its content, whatever words open it
        heading_only = "\n" not in current.text and current.text.rstrip()[-1:] not in ".;:!?"
        # (an article's heading alone, `Điều 4. Hiệu lực thi hành` / `Quyết định này có hiệu lực ...`: its content)
        if not waiting and ((self.f["_closing"].match(para) and not (heading_only and self._in_article(s, e)))
                            or (s >= self.last_marked and not heading_only and not self._in_article(s, e)
                                and self.f["_closing_after"].match(para))):
            # closing words addressed to the whole document belong to no node
            self.current = None
            return
        # an unmarked paragraph continues the node above it (or is the text of a marker alone on its line)
        current.span = (s if waiting else current.span[0], e)
        current.text = self.text[current.span[0]:e]

    def row(self, b: Block) -> None:
        """A table row: the head of a task table, one of its rows (a node), or cells as paragraphs."""
        text = self.text
        cols = self.table_cols.get(b.table)
        if cols is None:
            head = _table_columns(self.doc, b)
            if head is not None:
                self.table_cols[b.table] = (head, [text[s:e] for s, e in b.cells])
                return
            # Not a task table: a cell that opens with a marker is a node like a paragraph
            # (`1.1. Có đủ các chức danh ... | 4 | ...`, a criteria table of an annex).
            for cs, ce in _cell_paragraphs(self.doc, b):
                self.paragraph(cs, ce, b.style)
            return
        roles, names = cols
        cells = b.cells
        sub = _sub_heading_columns(self.doc, b, roles)
        if sub is not None:
            # the heading's second row names the columns a cell above spans: read the rows by it
            names = [(text[cells[k][0]:cells[k][1]] if k < len(cells) else "") or (names[k] if k < len(names) else "")
                     for k in range(max(len(cells), len(names)))]
            self.table_cols[b.table] = (sub, names)
            return
        k = roles.get("number")
        if k is None and names and not names[0].strip() and cells and _ROW_NUMBER.fullmatch(
                text[cells[0][0]:cells[0][1]].strip()):
            k = 0                # the number's heading not printed (an empty cell): its column is the first
        num = text[cells[k][0]:cells[k][1]].strip() if k is not None and k < len(cells) else ""
        cs, ce = cells[roles["content"]] if roles["content"] < len(cells) else (0, 0)
        group = _GROUP_IN_NUMBER.match(num) if num and not (ce > cs) else None
        if group is not None and k is not None and num[group.end()].isupper():     # (a number: k is set)
            # a group's row whose cell spans the number and content columns (`I. NÂNG CAO NHẬN THỨC`):
            # its number is the label, the rest its text, and the rows under it its children
            indent = len(text[cells[k][0]:cells[k][1]]) - len(text[cells[k][0]:cells[k][1]].lstrip())
            num, (cs, ce) = group.group(1), (cells[k][0] + indent + group.end(), cells[k][1])
        if not (ce > cs) or (num and not _ROW_NUMBER.fullmatch(num)):
            return
        # groups `I`, rows `1`, sub-rows `1.1` under the row they number
        kind = ("row_roman" if _ROMAN_ROW.fullmatch(num) else "row_letter" if _LETTER_ROW.fullmatch(num)
                else "row_sub" if "." in num.rstrip(".") else "row")
        t = self.add(kind, num or "", (cs, ce), node_kind="row")
        for role, k in roles.items():
            if k < len(cells):
                t.cells[names[k] if k < len(names) else role] = cells[k]
        self.current = None      # a row has no continuation paragraphs

    def block(self, b: Block) -> None:
        """One paragraph block, cut before the markers glued inside it by lost line breaks."""
        text = self.text
        s, e = b.span
        while has_candidate(text, s, e):
            # markers glued inside the paragraph (lost line breaks) open the nodes the outline expects
            m = parse_marker(text[s:min(e, s + MARKER_SPAN)])
            open_ = [(k, t.label) for k, t in self.stack]
            if m is not None:
                open_ = with_marker(open_, m.kind, m.label)
            cut = next_inline_cut(text, s, e, open_, parse_marker)
            if cut is None:
                break
            z = cut
            while z > s and text[z - 1].isspace():
                z -= 1
            self.paragraph(s, z, b.style)
            s = cut
        closing = _glued_closing(text, s, e, self.f) if s >= self.last_marked and not self._in_article(s, e) else None
        if closing is not None:
            # `... báo cáo kết quả. Trong quá trình thực hiện, nếu có vướng mắc ...` on the last item's
            # line: the closing words are a paragraph of their own, of no node
            self.paragraph(s, closing[0], b.style)
            s = closing[1]
        self.paragraph(s, e, b.style)


def _last_marked(text: str, blocks: list[Block]) -> int:
    """Where the last paragraph of `blocks` that opens with a marker starts (0 where none does): the
    paragraphs read from the last start back, to the first marked one (not every paragraph's head)."""
    for s, e in sorted([b.span for b in blocks if b.kind == "para"], reverse=True):
        if parse_marker(text[s:min(e, s + MARKER_SPAN)]):
            return s
    return 0


def segment_region(doc: Document, blocks: list[Block], prefix: str) -> list[Task]:
    """The task nodes of `blocks`, their paths prefixed by `prefix` (`A1.` in an attachment)."""
    o = Outline(doc, blocks, prefix)
    for b in blocks:
        if b.kind == "row":
            o.row(b)
        else:
            o.block(b)
    return o.tasks
