"""Responsible bodies of each task: mention detection, role assignment, canonical names.

The stage's modules:
- `bodies/stage.py` (this one): the stage (`bodies_stage`), `find_bodies`, `mentions`, `column_role`, the
  closing paragraph of an outline and inheritance from parent tasks; it re-exports the names other code
  imports from `pipeline.bodies.stage` (`tokenize`, `organs`, `organ_aliases`, `canonical_name` ...);
- `bodies/tokens.py`: `Toks` (a text tokenized once by a regex into parallel lists: text, norm = lower
  case with old/new tone placement unified, paragraph breaks, offsets when asked) and `Seqs`, the
  token-norm phrase tables with their one-look-up matching (`_match_seq`, `_ends_with`);
- `bodies/gazetteer.py`: organs, aliases, abbreviations, collective heads, province keys, and the look-up
  that finds gazetteer phrases;
- `bodies/vocab.py`: the phrase tables (heads, level words, modifiers, positions, role cues, line openers,
  person markers, duties), read from `models/bodies.toml` where each has its examples;
- `bodies/extent.py`, `bodies/collectives.py`, `bodies/lists.py`, `bodies/mentions.py`: mention detection
  (the extent of names, collectives, lists and joins, and `find_mentions` over them);
- `bodies/clauses.py`, `bodies/cues.py`, `bodies/shapes.py`, `bodies/roles.py`: clauses and lists, the cue
  before a list and what follows it, the shapes of a clause, and the roles clause by clause;
- `bodies/names.py`: canonical names.

Mentions come from three sources:
- gazetteer phrases (`models/gazetteer/organs.tsv`, provinces), looked up whole by their token norms
  at the tokens that may start one (`bodies_gazetteer.match_phrases`: the longest phrase of each label
  at each token, what spaCy's `PhraseMatcher` over the same table finds);
- productive names: an organ head (`Sở`, `Ban`, `Cục`, `Ủy ban nhân dân`, `Công an` ...) followed by a
  capitalised name, a level word (`tỉnh`, `các xã, phường`) or a province.  A name ends before a
  lower-case word that opens a verb phrase (`Bộ X thông báo`), and keeps a lower-case field after a
  comma that closes the list item (`Vụ Phổ biến, giáo dục pháp luật`);
- collectives: `các` + generic heads (`collectives.tsv`) joined by commas, kept as ONE body
  (`các sở, ban, ngành`, `các tỉnh, thành đoàn, đoàn trực thuộc`); a bare head only after a cue or in
  a list, never in a list governed by a preposition (`của cơ quan, đơn vị`).
A list of named organs (`Sở Nội vụ, Sở Tài chính`) stays split, one body per organ; office-holders
joined by `, thủ trưởng ...` stay one body; `X thuộc Y` (X generic) is one body; a lone province is a
body only as a subject or in a list headed by an organ/collective of localities.

Roles come from the cue before a list of mentions in its clause (`;`, sentence end): `phối hợp
(với)`, `làm việc với` coordinate; `báo cáo ... (về/với)`, `gửi ... về`, `đăng ký với`, `(qua Y)` after a
report_to report_to; `giao` / `yêu cầu` / `đề nghị`, a clause-opening `Do` / `Hướng dẫn` /
`Phân công`, or the clause's subject position lead; `X ... chỉ đạo / đôn đốc Y` makes X oversee and Y
lead (X keeps lead too with `chủ trì` / `trực tiếp kiểm tra`); `(theo) sự chỉ đạo của X` oversee;
`trình`, `kiến nghị`, `tham mưu`, `giúp`, `ghi nhận`, plain mentions and accounts of past work
(`X đã ...`) give no body.  The closing paragraph of an outline's last item (`Đề nghị ... nghiêm túc
thực hiện`, `... thông báo để ... biết`) addresses the whole document and names no body (GOLD.md).

Issue 14 (GOLD.md's strict name rule): departments of ministries are gazetteer data and bound productive
names; collectives keep their qualifiers (`thuộc Bộ`, `... có liên quan`, `chuyên môn về y tế`, `đóng
trên địa bàn`); a list with a shared head (`Các Bộ: Tài chính, Công Thương`) gives one body per item named
head + item (`Body.shared_head`); a field label governs its `;` list, as `phối hợp` does an unfinished one;
`phối hợp giữa`, `với sự tham gia của` coordinate; a directing verb with no body after it, or after a
heading `X:`, makes X oversee; fronted sources (`Theo chỉ đạo của X,`, `Căn cứ đề nghị của X,`) and
sections that assess (`Kết quả đạt được`, `ĐÁNH GIÁ CHUNG`, `VỀ KẾT QUẢ ĐẠT ĐƯỢC`) name no body; the agent of a
passive task (`được X biên soạn`) leads.  An inline number (`: (1) Thanh tra Chính phủ ...; (2) Bộ Công an chủ trì
...`) opens a clause whose subject follows it; `theo chỉ đạo của X` (the source an item cites) names no body, while
`sự chỉ đạo của X` oversees; regional bodies keep their unit (`Kho bạc Nhà nước khu vực XI`, `Thuế tỉnh`: heads
of `regional_heads` name an organ only with a level word, a province or a unit's number).
"""
from __future__ import annotations

import dataclasses
import datetime
import re
import unicodedata
from collections.abc import Set

from pipeline import regexes

# the stage's modules; the names marked `noqa: F401` are re-exported as `pipeline.bodies.stage.X` (tests, callers)
from pipeline.bodies.gazetteer import (  # noqa: F401
    _AMBIGUOUS_SINGLE,
    Organ,
    abbreviations,
    collective_heads,
    match_phrases,
    organ_aliases,
    organs,
    province_keys,
)
from pipeline.bodies.items import lead_ins, names_only
from pipeline.bodies.mentions import Mention, candidates, find_mentions  # noqa: F401
from pipeline.bodies.names import canonical_name
from pipeline.bodies.roles import assign_roles
from pipeline.bodies.tokens import _NORMS, _PARA, Toks, _match_seq, norm_token, tokenize  # noqa: F401
from pipeline.bodies.vocab import (
    ALLOCATION_UNITS,
    BACKGROUND_HEADINGS,
    DETERMINERS,
    NOT_BACKGROUND,
    SCOPE_HEADINGS,
    UNNAMED_KINDS,
    VERB_STOP,
)
from pipeline.model import Body, Document
from pipeline.tasks import column_role as tasks_column_role


def column_role(header: str) -> str | None:
    """The role of the bodies a task table's column names, from its heading ('Cơ quan chủ trì' ->
    lead): the reading of `tasks.column_role`, which the outline cut the row's cells by."""
    role = tasks_column_role(header)
    return role if role in ("lead", "coordinate") else None


def find_bodies(text: str, *, locality: str | None = None, doc_date: datetime.date | str | None = None,
                default_role: str | None = None) -> list[Body]:
    """Bodies responsible for the task whose own text is `text` (spans relative to `text`)."""
    toks = tokenize(text)
    if not toks or is_allocation(text):
        return []
    return [b for b in _bodies(text, toks, None, None, locality, doc_date, default_role) if not unnamed(b)]


def unnamed(body: Body) -> bool:
    """Whether the body is a bare generic head (`các cơ quan`, `doanh nghiệp`: models/bodies.toml unnamed_kinds)
    that says which bodies only from context: no body of the task (the stage notes it on the record)."""
    words = tuple(map(_NORMS.__getitem__, body.name.split()))      # (norm_token's memo, looked up in C)
    return not body.inherited and (words[1:] if words[:1] and words[0] in DETERMINERS else words) in UNNAMED_KINDS


def _bodies(text: str, toks: Toks, phrases: list[tuple[str, int, int]] | None, cand: list[int] | None,
            locality: str | None, doc_date: datetime.date | str | None, default_role: str | None) -> list[Body]:
    """`find_bodies` over a tokenized text whose gazetteer phrases may be matched already."""
    ms = find_mentions(toks, phrases, cand)
    if default_role:
        pairs = [(m, default_role) for m in ms]
    else:
        pairs = assign_roles(toks, ms)
    out: list[Body] = []
    seen = set()
    if pairs:
        toks.prepare([x for m, _ in pairs for x in (m.i, m.j - 1, m.name_from or m.i)])
    for m, role in pairs:
        # an item of a list with a shared head spans its own words; its name is the head + those words
        s, e = toks.start(m.i if m.head is None else m.name_from), toks.end((m.name_to or m.j) - 1)  # type: ignore[arg-type]
        if "-" in text[s:e] or "–" in text[s:e]:
            e = _before_apposition(text, s, e)      # `Sở Nội vụ - Cơ quan thường trực Hội đồng ...`: the organ
        name = text[s:e] if m.head is None else f"{m.head} {text[s:e]}"
        # the same body named twice in a clause or a task counts once (GOLD.md), whatever its determiner or case
        # (`các bộ, ngành, địa phương ... từng bộ, ngành, địa phương`, `Cơ quan phối hợp ... cơ quan phối hợp`)
        words = name.lower().split()
        key = (role, " ".join(words[1:] if words[:1] and _NORMS[words[0]] in DETERMINERS else words))
        if key in seen:
            continue
        seen.add(key)
        out.append(Body(name=name, role=role, span=(s, e), shared_head=m.head,
                        canonical=canonical_name(name, m.organ, locality, doc_date)))
    return _outside_topic_titles(text, out) if out and text[:1].isupper() else out


# what may follow the last name of a title in capitals that is a list of bodies (`SỞ Y TẾ, SỞ TÀI CHÍNH:`)
_TITLE_END = regexes.compile(r"[\s.,:;)(-]*")


def _outside_topic_titles(text: str, out: list[Body]) -> list[Body]:
    """`out` less the bodies named in a title printed in capitals, among the lines that open `text`, that goes
    on past its last name: the title names the section's topic (`CƠ QUAN, TỔ CHỨC, ĐƠN VỊ GIỚI THIỆU NGƯỜI
    ỨNG CỬ`, `CHUYỂN GIAO TỔ CHỨC ĐẢNG VÀ ...`), not who acts; a title that is a list of bodies, or ends with one
    (`SỞ Y TẾ`, `TRÁCH NHIỆM CỦA SỞ Y TẾ`), keeps them."""
    p = 0
    while p < len(text):
        nl = text.find("\n", p)
        end = len(text) if nl < 0 else nl
        line = text[p:end]
        if not line.isupper() or len(line.split()) < 2:
            break           # (`isupper`: cased letters, none in lower case; it stops at the first lower-case one,
            # and most texts open with a word in lower case after its capital: no list of the line's words built)
        inside = [b for b in out if p <= b.span[0] < end]
        if inside and _TITLE_END.fullmatch(text, max(b.span[1] for b in inside), end) is None:
            out = [b for b in out if b not in inside]
        p = end + 1
    return out


# `Tuyên Quang: 152.100 triệu đồng;`: a name, its colon, a figure and at most a few words of its unit
_ALLOCATION = regexes.compile(r"[^:;\n]{2,80}:\s*(?:khoảng\s+)?\d[\d.,]*\s*(?P<unit>[^\s;.,]*)[^:;\n]{0,25}?[;.]?\s*")


def is_allocation(text: str) -> bool:
    """An item that only allots a figure to a named organ or place (`Tuyên Quang: 152.100 triệu đồng;`):
    it names a beneficiary, and no body (issue 14)."""
    if ":" not in text:
        return False        # (the pattern needs the colon after the name: no regex run on most texts)
    m = _ALLOCATION.fullmatch(text.strip())
    return m is not None and (not m.group("unit") or m.group("unit").lower() in ALLOCATION_UNITS)


def _inherit(doc: Document, background: Set[str] = frozenset()) -> None:
    by_path = {t.path: t for t in doc.tasks}
    for t in doc.tasks:
        if t.bodies or t.path in background:
            continue
        p = t.parent
        while p is not None and p in by_path and p not in background:
            anc = by_path[p]
            own = [b for b in anc.bodies if not b.inherited] or anc.bodies
            if own:
                t.bodies = [Body(b.name, b.role, b.span, b.canonical, True, b.shared_head) for b in own]
                break
            p = anc.parent


# A closing paragraph addresses the whole document, not the last item (GOLD.md: it belongs to no
# node): `Đề nghị các đơn vị nghiêm túc triển khai thực hiện`, `UBND tỉnh yêu cầu ... thực hiện nghiêm
# túc Chỉ thị này`, `Ban chỉ đạo thông báo để ... biết, thực hiện`, `Trong quá trình thực hiện, nếu có ...`.
_CLOSING = regexes.compile(
    r"(?:\b(?:đề nghị|yêu cầu)\b[^\n]{0,200}?(?:\bnghiêm túc\b[^\n]{0,30}?\bthực hiện\b"
    r"|\bthực hiện nghiêm(?: túc)?\b|\bthực hiện\b[^\n]{0,40}?\b(?:chỉ thị|kế hoạch|hướng dẫn|công văn|"
    r"nghị quyết|quyết định|thông báo|công điện|kết luận|thông tri) này\b))"
    r"|(?:\bthông báo để\b[^\n]{0,120}?\bbiết\b)"
    r"|(?:^[\W_]*trong quá trình (?:tổ chức |triển khai )*thực hiện[^\n]{0,20}?nếu có)"
    # the issuer handing the document's implementation on (`Ủy ban nhân dân tỉnh giao ... triển khai thực hiện
    # Kế hoạch này`, `Ban Thường vụ ... giao Ban Bí thư ... triển khai, cụ thể hóa Nghị quyết Hội nghị`)
    r"|(?:^(?!\W*giao\b)[^\n,;:]{3,80}?\bgiao\b(?=[^\n]*\b(?:triển khai|thực hiện|cụ thể hóa)\b)"
    r"(?=[^\n]*\b(?:chỉ thị|kế hoạch|hướng dẫn|nghị quyết|quyết định|kết luận|chương trình) (?:này|hội nghị)\b))",
    re.IGNORECASE | re.MULTILINE)
_LINE_START = regexes.compile(r"\n[ \t]*(?=[^\W\d_])")


def _closing_start(text: str) -> int | None:
    """Offset of the first closing paragraph in the text of the last item of an outline (not its
    first paragraph), or None."""
    for m in _LINE_START.finditer(text):
        p = m.end()
        if not text[p:p + 1].isupper() or text[:m.start()].rstrip()[-1:] not in {".", ":", ";", "!", "?", "/", ""}:
            continue        # not a paragraph start: a wrapped line of the item's own sentence
        para_end = _PARA.search(text, p)
        para = text[p:para_end.start() if para_end else len(text)][:600].replace("\n", " ")
        if _CLOSING.search(unicodedata.normalize("NFC", para)):
            return m.start()
    return None


def _background_paths(doc: Document) -> set[str]:
    """Paths of the sections that assess or describe, not assign (`Kết quả đạt được`, `Tình hình`,
    `ĐÁNH GIÁ CHUNG`, `Hạn chế, tồn tại`), and of every node under them: they name no body (GOLD.md:
    bodies are what a node assigns).  A section is one whose heading line is short and opens with
    `BACKGROUND_HEADINGS`."""
    heads = []
    for t in doc.tasks:
        if t.kind == "row":
            continue
        head = t.text[:120].lstrip()
        if head[:3].lower() == "về " and len(head) > 3:
            head = head[3:].lstrip()     # `VỀ KẾT QUẢ ĐẠT ĐƯỢC`, `Về tồn tại, hạn chế:`: the topic is the heading
        first = head.split(None, 1)[0] if head else ""
        if norm_token(first.strip(".,:;")) not in BACKGROUND_HEADINGS.idx:
            continue
        line = head.split("\n", 1)[0].split(":", 1)[0]
        words = line.split()
        if not words or len(words) > 8 or line.rstrip().endswith((".", ";")):
            continue
        toks = tokenize(line)
        if _match_seq(toks.norm, 0, BACKGROUND_HEADINGS) and not _match_seq(toks.norm, 0, NOT_BACKGROUND) \
                and not (_match_seq(toks.norm, 0, SCOPE_HEADINGS) and _states_a_duty(head.split("\n", 1)[0])):
            heads.append(t.path)
    if not heads:
        return set()
    return {t.path for t in doc.tasks if any(t.path == h or t.path.startswith(h + ".") for h in heads)}


def _states_a_duty(line: str) -> bool:
    """Whether what follows the colon of a heading line has a verb of doing (`Đối tượng kiểm tra: Ban Thường trực
    ... tiến hành kiểm tra`), not names alone (`Đối tượng áp dụng: Cơ quan, tổ chức có liên quan`)."""
    norms = tokenize(line.partition(":")[2]).norm
    return any(_match_seq(norms, x, VERB_STOP) for x in range(len(norms)))


def _last_of_outline(doc: Document) -> set[int]:
    last: dict[str, int] = {}
    for k, t in enumerate(doc.tasks):
        head = t.path.split(".")[0]
        last[head if head.startswith("A") else ""] = k
    return set(last.values())


# texts tokenized and matched together: few objects alive at once (holding the tokens of every task of
# a long document would set off the cyclic garbage collector again and again)
_BATCH = 16


def bodies_stage(doc: Document) -> Document:
    """Bodies of every task of `doc`: the texts of the tasks (task table cells under a role column,
    the own text of other tasks) are tokenized and their gazetteer phrases matched by batches of
    `_BATCH` texts, then mentions and roles are found text by text; a text printed again in the document
    with the same column role (a cell `Sở Y tế` of many rows, a repeated item) is read once."""
    h = doc.header
    lasts = _last_of_outline(doc)
    background = _background_paths(doc)
    parts: list[tuple[int, int, str, str | None]] = []     # (task number, start, text, column role)
    col_roles: dict[str, str | None] = {}       # (the rows of a table share their headings)
    for ti, t in enumerate(doc.tasks):
        t.bodies = []
        if t.path in background:
            continue
        if t.kind == "row" and t.cells:
            for col, (cs, ce) in t.cells.items():
                role = col_roles[col] if col in col_roles else col_roles.setdefault(col, column_role(col))
                if role is not None:
                    parts.append((ti, cs, doc.text[cs:ce], role))
            # the task content column may still name a lead (`Sở X chủ trì ...`): only when no column did
            continue
        s0, e0 = t.span
        if is_allocation(doc.text[s0:e0]):
            continue
        if ti in lasts:
            cut = _closing_start(doc.text[s0:e0])
            if cut is not None:
                e0 = s0 + cut
        parts.append((ti, s0, doc.text[s0:e0], None))
    found = _bodies_of_texts(list(dict.fromkeys((text, role) for _, _, text, role in parts)), h.locality, h.date)
    leads = lead_ins(doc)
    used: set[tuple[str, str | None]] = set()
    for ti, s0, text, role in parts:
        t = doc.tasks[ti]
        again = (text, role) in used        # (a text read before: each use gets its own Body)
        used.add((text, role))
        of_text = found[(text, role)]
        if role is None and ti in leads and names_only(text, [span for _, span, _ in of_text]):
            of_text, again = _with_lead_in(leads[ti], text, h.locality, h.date), False   # (`- Sở Tài chính;`)
        for b, (s, e), is_unnamed in of_text:
            if again:
                b = dataclasses.replace(b, span=(s + s0, e + s0))
            else:
                b.span = (s + s0, e + s0)
            if is_unnamed:
                doc.warn("body-unnamed", f"task {t.path}: `{b.name}` ({b.role}) says which bodies only from "
                         "context; not listed", b.span)
                continue
            t.bodies.append(b)
    _inherit(doc, background)
    return doc


def _with_lead_in(lead: str, text: str, locality: str | None, date: datetime.date | str | None
                  ) -> list[tuple[Body, tuple[int, int], bool]]:
    """The bodies of an item that is only names, read as the end of its list's lead-in (`bodies/items.py`), with
    their spans in the item."""
    joined = f"{lead} {text}"
    off = len(joined) - len(text)
    return [(b, (b.span[0] - off, b.span[1] - off), unnamed(b))
            for b in _bodies(joined, tokenize(joined), None, None, locality, date, None) if b.span[0] >= off]


# an organ's role set after a dash (`Bộ Tài chính - Cơ quan Thường trực Ban Chỉ đạo 751`), no word of its name
_APPOSITION = regexes.compile(r"\s+[-–]\s*[Cc]ơ\s+quan\b")


def _before_apposition(text: str, s: int, e: int) -> int:
    """The end of the name at s..e before an apposition that says the organ's role (`- Cơ quan thường trực ...`)."""
    m = _APPOSITION.search(text, s, e)
    return e if m is None else m.start()


def _bodies_of_texts(keys: list[tuple[str, str | None]], locality: str | None, date: datetime.date | str | None
                     ) -> dict[tuple[str, str | None], list[tuple[Body, tuple[int, int], bool]]]:
    """The bodies of each (text, column role), each with its span in the text and whether it is `unnamed`:
    texts tokenized and their phrases matched by batches of `_BATCH`."""
    found: dict[tuple[str, str | None], list[tuple[Body, tuple[int, int], bool]]] = {}
    for c in range(0, len(keys), _BATCH):
        batch = keys[c:c + _BATCH]
        toks = [tokenize(text) for text, _ in batch]
        cands = [candidates(t.norm) for t in toks]
        phrases = match_phrases([t.norm for t in toks], cands)
        for key, tk, ph, cand in zip(batch, toks, phrases, cands, strict=True):
            found[key] = [(b, b.span, unnamed(b)) for b in _bodies(tk.src, tk, ph, cand, locality, date, key[1])] \
                if tk else []
    return found


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Every organ mention in `text` (before roles): (start, end, name as printed)."""
    toks = tokenize(text)
    return [(toks.start(m.i), toks.end(m.j - 1), text[toks.start(m.i):toks.end(m.j - 1)])
            for m in find_mentions(toks)]
