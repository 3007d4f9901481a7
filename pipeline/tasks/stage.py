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

import re
import tomllib
from dataclasses import dataclass
from functools import cache, lru_cache

from ..model import Block, Document, Span, Task
from ..read import MANGLED_MARKER_RE
from ..resources import open_model
from .ends import body_end
from .inline import MARKER_SPAN, has_candidate, marker_value, next_inline_cut, with_marker

_ROMAN = r"(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_ORDINALS = "nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười"
_MARKERS = [
    # (kind, regex) — the regex matches the marker at the start of a paragraph; group "v" is the value.
    ("part", re.compile(rf"^(?:PHẦN|Phần)\s+(?P<v>(?=[IVXL])(?:{_ROMAN})|\d{{1,2}}|THỨ\s+[A-ZÀ-ỸĐ]+|thứ\s+\w+)\s*[.:\-–]?\s*")),
    ("chapter", re.compile(rf"^(?:CHƯƠNG|Chương)\s+(?P<v>(?=[IVXL])(?:{_ROMAN})|\d{{1,2}})\s*[.:\-–]?\s*")),
    ("section", re.compile(rf"^(?:MỤC|Mục)\s+(?P<v>(?=[IVXL])(?:{_ROMAN})|\d{{1,2}})\s*[.:\-–]\s*")),
    ("article", re.compile(r"^(?:ĐIỀU|Điều)\s+(?P<v>\d{1,3})\s*[.:\-–]\s*")),
    ("roman", re.compile(rf"^(?P<v>(?=[IVXL])(?:{_ROMAN}))\s*[.\-–)/]\s*(?=\S)")),
    ("decimal", re.compile(r"^(?P<v>\d{1,2}(?:[ \t]?\.[ \t]?\d{1,2}){0,4})(?:\s*[.)]|\s*[-–](?=\s))\s*(?=[^\d\s])"
                           r"|^(?P<w>\d{1,2}(?:\.\d{1,2}){1,4})\s+(?=[A-ZÀ-ỸĐ])")),
    ("letter", re.compile(r"^(?P<v>[a-zđ])\s?[).]\s*(?=\S)")),
    ("upper", re.compile(r"^(?P<v>[A-HK])\s?[.)]\s+(?=[A-ZÀ-ỸĐ])")),
    ("paren", re.compile(r"^\(\s?(?P<v>\d{1,2})\s?\)\s*")),
    ("paren_letter", re.compile(r"^\(\s?(?P<v>[a-zđ])\s?\)\s*")),
    ("circled", re.compile(r"^(?P<v>[\u2460-\u2473\u2776-\u277f\u24f5-\u24fe])\s*")),
    ("ordinal", re.compile(rf"^(?P<v>Thứ\s+(?:{_ORDINALS}))\s*[,:.]\s*")),
    ("dash", re.compile(r"^(?P<v>[-–—])\s*(?=\S)")),
    ("plus", re.compile(r"^(?P<v>\+)\s*(?=\S)")),
    ("dot", re.compile(r"^(?P<v>[•·●○■□▪➢✓*\uf0b7\uf0a7\uf0d8\uf076\uf0fc\uf06e])\s*(?=\S)")),
]


# markers that may stand alone on a line, their text on the next one
_MARKER_ALONE = {"article", "part", "chapter", "section"}
# numbering markers that a scrape may leave alone on a line (`**3**.`), the text in the next paragraph
_NUMBER_ALONE = {"roman", "decimal1", "decimal2", "decimal3", "letter"}
_UNFINISHED = re.compile(r"[^\W_]\s*$")


def _opens_node_alone(text: str, s: int, m: Marker, stack: list) -> bool:
    """Whether a marker alone on its line at `s` opens a node: after a finished sentence, a heading in
    capitals or a colon, or when it numbers the next sibling; not when it ends a phrase the line before
    left unfinished (`... tại khoản 3` + `Điều 1.`: a reference broken over a line)."""
    if m.kind not in ("article", "section"):
        return True         # a part or chapter heading is never the end of a reference
    prev = text[max(0, s - 300):s].rstrip()
    last_line = prev.rsplit("\n", 1)[-1]
    if not prev or not _UNFINISHED.search(prev) or last_line.upper() == last_line:
        return True
    v = re.search(r"\d+", m.label)
    siblings = [t for k, t in stack if k == m.kind]
    if v and siblings:
        w = re.search(r"\d+", siblings[-1].label)
        return bool(w) and int(v.group(0)) == int(w.group(0)) + 1
    return bool(v) and int(v.group(0)) == 1


@dataclass
class Marker:
    kind: str
    label: str
    end: int          # offset in the paragraph where the item's own text starts


@cache
def _facts() -> dict:
    with open_model("tasks.toml") as f:
        data = tomllib.load(f)
    data["_not_items"] = re.compile(r"^(?:" + "|".join(data["not_items"]["patterns"]) + r")", re.I)
    data["_closing"] = re.compile(r"^(?:" + "|".join(data["closing"]["patterns"]) + r")", re.I)
    data["_closing_after"] = re.compile(r"^(?:" + "|".join(data["closing_after_items"]["patterns"]) + r")", re.I)
    data["_attachment"] = re.compile(r"^(?:" + "|".join(data["attachment"]["patterns"]) + r")")
    data["_attached_by"] = re.compile(r"(?:" + "|".join(data["attachment"]["attached_by"]) + r")", re.I)
    cols = data["table"]["columns"]
    data["_col"] = {k: re.compile("|".join(v), re.I) for k, v in cols.items()}
    return data


# every marker of `_MARKERS` in one pattern: most paragraphs open with none, and one test says so
_ANY_MARKER = re.compile("|".join(f"(?:{re.sub(r'[(][?]P<[vw]>', '(?:', rx.pattern)})" for _, rx in _MARKERS))


def parse_marker(text: str) -> Marker | None:
    """The enumeration marker that opens a paragraph, or None."""
    if len(text) > MARKER_SPAN:
        # what opens a paragraph decides (a marker alone must be the whole paragraph, and is short):
        # the head of a long paragraph reads the same, and heads repeat across the stages' questions
        text = text[:MARKER_SPAN]
    return _parse_head(text)


@lru_cache(maxsize=8192)
def _parse_head(text: str) -> Marker | None:
    for kind, rx in (_MARKERS if _ANY_MARKER.match(text) else ()):
        m = rx.match(text)
        if not m:
            continue
        label = text[:m.end()].strip()
        if kind == "decimal":
            parts = re.split(r"\s?\.\s?", m.group("v") or m.group("w"))
            kind = f"decimal{len(parts)}"
            if len(parts) == 1 and re.match(r"\d{1,2}\s*[.)]\s*\d", text):
                continue          # 2.000 người, 1.5 lần: a number, not a marker
        if kind == "roman" and m.group("v") in ("C", "L", "D", "M"):
            continue
        return Marker(kind, label, m.end())
    m = _ALONE_RE.fullmatch(text.strip())
    if m:
        # `Điều 5`, `Mục 1`, `Chương II` alone on a line, without the period (a heading's own line)
        return Marker(_ALONE_KIND[m.group("k").lower()], m.group(0), len(text))
    return None


_ALONE_RE = re.compile(rf"(?P<k>ĐIỀU|Điều|MỤC|Mục|CHƯƠNG|Chương|PHẦN|Phần)\s+(?:\d{{1,3}}|(?=[IVXL])(?:{_ROMAN}))")
_ALONE_KIND = {"điều": "article", "mục": "section", "chương": "chapter", "phần": "part"}


def segment_tasks(doc: Document) -> Document:
    """Fill `doc.tasks` from the body and the attached documents."""
    f = _facts()
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
    tasks = _segment_region(doc, main, prefix="", top_level=True)
    # Attachments: after the body (past the signature), each starts at an annex heading.
    rest = [b for b in blocks if b.span[0] >= body[1]]
    starts = []
    for i, b in enumerate(rest):
        t = doc.text[b.span[0]:b.span[1]]
        if b.kind in ("para", "row") and (f["_attachment"].match(t) or _is_attached_title(doc, rest, i)):
            if starts and i - starts[-1] <= 3:
                continue          # "PHỤ LỤC" then its caps title: one attachment
            starts.append(i)
    for n, s in enumerate(starts):
        e = starts[n + 1] if n + 1 < len(starts) else len(rest)
        tasks += _segment_region(doc, rest[s:e], prefix=f"A{n + 1}.", top_level=False)
    doc.tasks = tasks
    return doc


_ATTACHED_TYPE = re.compile(r"(?:^|\s)(?:KẾ HOẠCH|QUY CHẾ|QUY ĐỊNH|CHƯƠNG TRÌNH|ĐỀ ÁN|HƯỚNG DẪN|PHƯƠNG ÁN|DANH MỤC|PHỤ LỤC|BẢNG)\b")


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


def _split_long_paragraphs(doc: Document) -> list[Block]:
    """A page scraped into one line ("I. MỤC ĐÍCH 1. Việc ... 2. Tiếp nhận ...") is split before
    inline markers so its items can be found.  Only very long paragraphs with several inline
    markers are touched; the split points are spaces, so spans stay exact."""
    out = []
    inline = re.compile(r"(?<=[.:;!?]) (?=(?:[IVX]{1,4}\.|\d{1,2}(?:\.\d{1,2})*\.|[a-zđ]\)|[-+]) [A-ZÀ-ỸĐ])"
                        r"|(?<=[A-ZÀ-ỸĐ]{2}) (?=\d{1,2}\. [A-ZÀ-ỸĐ])")
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




def _wrapped_number(text: str, s: int, m: Marker, stack: list) -> bool:
    """A zero-led number at a line start that continues the unfinished sentence above: out of sequence
    or out of style (not the next sibling of the open `N.`, nor zero-led like it) after a line that ends
    in a word and is no heading in capitals."""
    prev = text[max(0, s - 300):s].rstrip()
    last_line = prev.rsplit("\n", 1)[-1]
    if not prev or not _UNFINISHED.search(prev) or last_line.upper() == last_line:
        return False
    last = next((t.label for k, t in reversed(stack) if k == m.kind), None)
    v, w = marker_value(m.kind, m.label), marker_value(m.kind, last) if last else None
    # a list prints its numbers in one style: `06.` after `5.` is no sibling even when it is the next number
    return not (v and w and v[-1] == w[-1] + 1 and last[:1] == m.label[:1] == "0")


_SENTENCE_START = re.compile(r"(?<=[.!?;])\s+(?=[A-ZĐÀ-Ỹ])")


def _glued_closing(text: str, s: int, e: int, f: dict) -> tuple[int, int] | None:
    """(end of the item, start of the closing words) where closing words addressed to the whole
    document were glued onto the last item's paragraph by a lost line break, or None."""
    own = parse_marker(text[s:min(e, s + MARKER_SPAN)])
    for m in _SENTENCE_START.finditer(text, s + (own.end if own else 0), e):
        rest = text[m.end():min(e, m.end() + 400)]      # (the patterns open with `^`: match a slice)
        if f["_closing"].match(rest) or f["_closing_after"].match(rest):
            return m.start(), m.end()
    return None


_NUMBER_LED = re.compile(r"(?P<v>\d{1,2})\.\s+(?=\d)")


def _number_led_item(para: str, stack: list) -> Marker | None:
    """`2. 95% hồ sơ ...`: an item whose text opens with a figure.  `2.000 người` has no space after
    the dot; with one, it is an item only where it numbers the next sibling of the open `1.`."""
    m = _NUMBER_LED.match(para)
    if m is None:
        return None
    last = next((t.label for k, t in reversed(stack) if k == "decimal1"), None)
    prev = int(re.match(r"\d+", last).group(0)) if last and re.match(r"\d+", last) else 0
    return Marker("decimal1", f"{m.group('v')}.", m.end()) if int(m.group("v")) == prev + 1 else None


def _circled_value(ch: str) -> int:
    o = ord(ch)
    for base in (0x2460, 0x2776, 0x24F5):
        if base <= o < base + 20:
            return o - base + 1
    return 0


def _repair_marker(m: Marker | None, para: str, kinds: list[str], labels: list[str]) -> Marker | None:
    """Markers that PDF fonts and OCR mangle, repaired only where the open outline says what they
    were: `③` between `2.` and `4.`, `_2.` and `___».` in a run of `1.`, `2.` ...; a letter marker
    (`s.`) with no open letter list and not `a`/`b` is a stray word, not a list."""
    def open_number() -> int | None:
        for k, lab in zip(reversed(kinds), reversed(labels)):
            if k == "decimal1":
                d = re.match(r"\d+", lab)
                return int(d.group(0)) if d else None
        return None
    if m is None:
        mm = MANGLED_MARKER_RE.match(para)
        if mm is None:
            return None
        if mm.group("n"):                                   # `_2. Thanh tra ...`
            return Marker("decimal1", f"{mm.group('n')}.", mm.end())
        n = open_number()                                   # `___». Giao ...` (`». Giao` once markup is gone)
        if n is not None:
            return Marker("decimal1", f"{n + 1}.", mm.end())
        return None
    if m.kind == "circled" and "circled" not in kinds:
        n, v = open_number(), _circled_value(m.label[:1])
        if n is not None and v == n + 1:
            return Marker("decimal1", f"{v}.", m.end)
    if m.kind == "letter" and "letter" not in kinds and m.label[:1] not in "ab":
        return None
    return m


def _cell_paragraphs(doc: Document, row: Block) -> list[Span]:
    """The cells of a row that is not a task table's, as paragraphs, cut before every joined line
    that opens with a marker (a cell may hold a heading and its items).  A cell without a marker
    continues the node above it, like any unmarked paragraph (a criterion's evidence column); a
    table of figures adds no node."""
    out: list[Span] = []
    for s, e in row.cells:
        cuts = [p for p in doc.line_starts if s < p < e and parse_marker(doc.text[p:e])]
        bounds = [s] + cuts + [e]
        for a, z in zip(bounds, bounds[1:]):
            seg = doc.text[a:z]
            a2 = a + len(seg) - len(seg.lstrip())
            z2 = a + len(seg.rstrip())
            if z2 > a2:
                out.append((a2, z2))
    return out


def _table_columns(doc: Document, row: Block) -> dict[str, int] | None:
    """If `row` is the head of a task table, map column roles (content, lead, coordinate, time,
    number) to cell indices."""
    f = _facts()
    roles: dict[str, int] = {}
    for k, (s, e) in enumerate(row.cells):
        cell = doc.text[s:e]
        if len(cell) > 80:
            return None
        for role, rx in f["_col"].items():
            if role not in roles and rx.search(cell):
                roles[role] = k
                break
    if "content" in roles and ({"lead", "time", "coordinate"} & set(roles)):
        return roles
    return None


def _segment_region(doc: Document, blocks: list[Block], prefix: str, top_level: bool) -> list[Task]:
    f = _facts()
    text = doc.text
    tasks: list[Task] = []
    stack: list[tuple[str, Task]] = []            # (marker kind, task) of open nodes
    counters: dict[str | None, int] = {}           # parent path -> children so far
    current: Task | None = None
    table_cols: dict[int, tuple[dict[str, int], list[str]]] = {}

    def add(kind: str, label: str, span: Span, node_kind: str = "item") -> Task:
        nonlocal current
        # pop to the sibling of this kind, if one is open
        for k in range(len(stack) - 1, -1, -1):
            if stack[k][0] == kind:
                del stack[k:]
                break
        parent = stack[-1][1] if stack else None
        ppath = parent.path if parent else None
        counters[ppath] = counters.get(ppath, 0) + 1
        n = counters[ppath]
        path = f"{ppath}.{n}" if ppath else f"{prefix}{n}"
        t = Task(path=path, label=label, level=len(stack) + 1, parent=ppath, span=span,
                 text=text[span[0]:span[1]], kind=node_kind)
        stack.append((kind, t))
        tasks.append(t)
        current = t
        return t

    # where the last marked paragraph of the region starts: closing words come after it
    last_marked = max((b.span[0] for b in blocks if b.kind == "para"
                       and parse_marker(text[b.span[0]:min(b.span[1], b.span[0] + MARKER_SPAN)])),
                      default=0)

    def paragraph(s: int, e: int, style) -> None:
        nonlocal current
        para = text[s:e]
        m = parse_marker(para) or _number_led_item(para, stack)
        if m is None and "lost_bullet" in style:
            m = Marker("lost_bullet", "", 0)
        m = _repair_marker(m, para, [k for k, _ in stack], [t.label for _, t in stack])
        if m is not None and m.kind == "decimal1" and m.label[:1] == "0" and _wrapped_number(text, s, m, stack):
            m = None      # `... thực hiện Đề án` / `06. Thực hiện tốt ...`: a name's number wrapped to a line start
        if m is not None:
            own = para[m.end:].lstrip()
            own_start = e - len(own)
            if not tasks and f["_not_items"].match(own):
                return            # legal basis (Căn cứ ..., even bulleted) is not a task
            if own_start < e:
                add(m.kind, m.label, (own_start, e), "heading" if m.kind in ("part", "chapter", "section") else "item")
                return
            if m.kind not in _MARKER_ALONE and m.kind not in _NUMBER_ALONE:
                return
            if _opens_node_alone(text, s, m, stack):
                # `Điều 1.` / `Chương II` on a line of its own (OCR and PDF layouts): the node's text is
                # the paragraph after it
                add(m.kind, m.label, (e, e), "heading" if m.kind != "article" else "item")
                return
            # else `... tại khoản 3` / `Điều 1.`: a reference broken over a line continues the node above
        if current is None:
            return
        waiting = current.span[1] == current.span[0]      # a marker alone on its line takes this paragraph
        if not waiting and (f["_closing"].match(para) or (s >= last_marked and f["_closing_after"].match(para))):
            # closing words addressed to the whole document belong to no node
            current = None
            return
        # an unmarked paragraph continues the node above it (or is the text of a marker alone on its line)
        current.span = (s if waiting else current.span[0], e)
        current.text = text[current.span[0]:e]

    for b in blocks:
        if b.kind == "row":
            cols = table_cols.get(b.table)
            if cols is None:
                head = _table_columns(doc, b)
                if head is not None:
                    table_cols[b.table] = (head, [text[s:e] for s, e in b.cells])
                    continue
                # Not a task table: a cell that opens with a marker is a node like a paragraph
                # (`1.1. Có đủ các chức danh ... | 4 | ...`, a criteria table of an annex).
                for cs, ce in _cell_paragraphs(doc, b):
                    paragraph(cs, ce, b.style)
                continue
            roles, names = cols
            cells = b.cells
            if roles["content"] >= len(cells):
                continue
            cs, ce = cells[roles["content"]]
            num = text[cells[roles["number"]][0]:cells[roles["number"]][1]].strip() if "number" in roles and roles["number"] < len(cells) else ""
            if not (ce > cs) or (num and not re.fullmatch(r"[\dIVXivx]{1,5}[.)]?|[a-zđ][.)]?", num)):
                continue
            kind = "row_roman" if re.fullmatch(r"[IVX]+\.?", num) else "row"
            t = add(kind, num or "", (cs, ce), node_kind="row")
            for role, k in roles.items():
                if k < len(cells):
                    t.cells[names[k] if k < len(names) else role] = cells[k]
            current = None      # a row has no continuation paragraphs
            continue
        s, e = b.span
        while has_candidate(text, s, e):
            # markers glued inside the paragraph (lost line breaks) open the nodes the outline expects
            m = parse_marker(text[s:min(e, s + MARKER_SPAN)])
            open_ = [(k, t.label) for k, t in stack]
            if m is not None:
                open_ = with_marker(open_, m.kind, m.label)
            cut = next_inline_cut(text, s, e, open_, parse_marker)
            if cut is None:
                break
            z = cut
            while z > s and text[z - 1].isspace():
                z -= 1
            paragraph(s, z, b.style)
            s = cut
        closing = _glued_closing(text, s, e, f) if s >= last_marked else None
        if closing is not None:
            # `... báo cáo kết quả. Trong quá trình thực hiện, nếu có vướng mắc ...` on the last item's
            # line: the closing words are a paragraph of their own, of no node
            paragraph(s, closing[0], b.style)
            s = closing[1]
        paragraph(s, e, b.style)
    return tasks
