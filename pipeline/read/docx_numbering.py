"""The markers Word prints before automatically numbered paragraphs.

A paragraph numbered by Word (`w:pPr/w:numPr`, or the numbering of its paragraph style) carries no
marker in its text: "1. Sở Y tế chủ trì" is stored as "Sở Y tế chủ trì" plus a reference to a list
definition in the numbering part.  `DocxNumbering.marker` renders the marker Word would print (`I.`,
`1.`, `1.2.`, `a)`, `-`, `•`), counting the paragraphs of each list in body order as Word does:

* `w:num` -> `w:abstractNumId` -> `w:lvl[@w:ilvl]` with `w:start`, `w:numFmt`, `w:lvlText`
  (`%1.`, `%1.%2.`, `%2)`), `w:isLgl` and `w:lvlRestart`; a deeper level restarts when a higher one
  advances (unless `w:lvlRestart` says otherwise);
* `w:num/w:lvlOverride` (`w:startOverride`, or a whole `w:lvl`) restarts a list under a new `w:num`;
* numbering inherited from the paragraph style (`w:style/w:pPr/w:numPr`, along `w:basedOn`), the level
  then from the `w:lvl` whose `w:pStyle` names the style; `w:numId="0"` means no numbering;
* bullets: a dash or plus stays, any other glyph (a Symbol or Wingdings character) becomes `•`.

Odd or broken numbering never raises: `marker` gives None and the paragraph reads as its text.
"""
from __future__ import annotations

from typing import Any, Final

W: Final = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
NUMBERING_RELTYPE: Final = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
ON_OFF: Final = frozenset({"isLgl"})      # on/off elements: present without w:val means on
KEPT_BULLETS: Final = frozenset("-–—+•")
ROMAN: Final = ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
         (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"))


def _val(el: Any, child: str, default: str | None = None) -> str | None:
    """`w:val` of the first `child` of `el`, or `default`."""
    if el is None:
        return default
    c = el.find(W + child)
    if c is None:
        return default
    v = c.get(W + "val")
    return ("1" if child in ON_OFF else default) if v is None else v


def _int(s: str | None, default: int) -> int:
    try:
        return int(s) if s is not None else default
    except ValueError:
        return default


def _letters(n: int) -> str:
    """Word's letter numbering: a..z, then aa..zz, aaa.. (the letter repeated)."""
    if n < 1:
        return str(n)
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


def _roman(n: int) -> str:
    if not 0 < n < 4000:
        return str(n)
    out = []
    for v, s in ROMAN:
        while n >= v:
            out.append(s)
            n -= v
    return "".join(out)


def format_number(n: int, fmt: str) -> str:
    """`n` as numFmt `fmt` prints it; formats unknown here print as decimal.

    >>> [format_number(4, f) for f in ("decimal", "upperRoman", "lowerLetter", "decimalZero")]
    ['4', 'IV', 'd', '04']
    """
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n)
    if fmt == "upperRoman":
        return _roman(n).upper()
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt == "none":
        return ""
    return str(n)


def bullet(text: str) -> str:
    """The bullet a symbol-font glyph stands for: dashes and plus stay, anything else is `•`."""
    t = text.strip()
    return t if t in KEPT_BULLETS else "•"


class DocxNumbering:
    """The list definitions of one Word document and the counters of its lists, in body order."""

    def __init__(self, document: Any) -> None:
        self.nums: dict[str, tuple[str, dict[int, Any], dict[int, int]]] = {}
        self.abstract: dict[str, Any] = {}
        self.styles: dict[str, Any] = {}
        self.default_style: str | None = None
        self.counters: dict[str, dict[int, int]] = {}
        self.started: set[str] = set()
        self.seen: dict[Any, str | None] = {}   # element -> marker: a merged cell read twice counts once
        try:
            self._load(document)
        except Exception:  # a broken part: no numbering at all, the text reads as typed
            self.nums = {}

    def _load(self, document: Any) -> None:
        part = document.part
        numbering = None
        for rel in part.rels.values():
            if rel.reltype == NUMBERING_RELTYPE and not rel.is_external:
                numbering = rel.target_part.element
        if numbering is None:
            return
        for a in numbering.findall(W + "abstractNum"):
            self.abstract[a.get(W + "abstractNumId", "")] = a
        for num in numbering.findall(W + "num"):
            lvls: dict[int, Any] = {}
            starts: dict[int, int] = {}
            for o in num.findall(W + "lvlOverride"):
                ilvl = _int(o.get(W + "ilvl"), 0)
                if o.find(W + "lvl") is not None:
                    lvls[ilvl] = o.find(W + "lvl")
                so = _val(o, "startOverride")
                if so is not None:
                    starts[ilvl] = _int(so, 1)
            self.nums[num.get(W + "numId", "")] = (_val(num, "abstractNumId") or "", lvls, starts)
        for s in document.styles.element.findall(W + "style"):
            if s.get(W + "type") in ("paragraph", "numbering"):     # numbering styles: w:numStyleLink
                self.styles[s.get(W + "styleId", "")] = s
                if s.get(W + "type") == "paragraph" and s.get(W + "default") in ("1", "true", "on"):
                    self.default_style = s.get(W + "styleId")

    def _style_numpr(self, style_id: str | None) -> tuple[str | None, str | None, str | None]:
        """(numId, ilvl, the style that gave them) of a paragraph style, along its `w:basedOn` chain."""
        seen: set[str] = set()
        while style_id and style_id not in seen and style_id in self.styles:
            seen.add(style_id)
            s = self.styles[style_id]
            numpr = s.find(W + "pPr/" + W + "numPr")
            if numpr is not None and _val(numpr, "numId") is not None:
                return _val(numpr, "numId"), _val(numpr, "ilvl"), style_id
            style_id = _val(s, "basedOn")
        return None, None, None

    def _level(self, abstract: Any, ilvl: int) -> Any:
        for lvl in abstract.findall(W + "lvl"):
            if _int(lvl.get(W + "ilvl"), -1) == ilvl:
                return lvl
        return None

    def _abstract_of(self, num_id: str) -> Any:
        """The abstractNum of a num, following one `w:numStyleLink` to the style that defines it."""
        a = self.abstract.get(self.nums[num_id][0])
        link = _val(a, "numStyleLink")
        if a is not None and link is not None:
            linked, _, _ = self._style_numpr(link)
            if linked in self.nums and linked != num_id:
                a = self.abstract.get(self.nums[linked][0])
        return a

    def _numbering_of(self, p: Any) -> tuple[str, int, Any] | None:
        """(numId, level, abstractNum) a paragraph element is numbered with, or None."""
        ppr = p.find(W + "pPr")
        numpr = ppr.find(W + "numPr") if ppr is not None else None
        num_id, ilvl = _val(numpr, "numId"), _val(numpr, "ilvl")
        style_id = _val(ppr, "pStyle", self.default_style)
        from_style = None
        if num_id is None:
            num_id, style_ilvl, from_style = self._style_numpr(style_id)
            ilvl = ilvl if ilvl is not None else style_ilvl
        if num_id is None or num_id == "0" or num_id not in self.nums:
            return None
        abstract = self._abstract_of(num_id)
        if abstract is None:
            return None
        if ilvl is None and from_style is not None:
            for lvl in abstract.findall(W + "lvl"):
                if _val(lvl, "pStyle") == from_style:
                    ilvl = lvl.get(W + "ilvl")
        return num_id, _int(ilvl, 0), abstract

    def marker(self, p: Any) -> str | None:
        """The marker Word prints before paragraph element `p` (a `w:p`), counting it; None if unnumbered."""
        if p in self.seen:
            return self.seen[p]
        marker = None
        try:
            found = self._numbering_of(p)
            if found is not None:
                marker = self._count_and_render(*found)
        except Exception:  # odd numbering: the paragraph reads as its text
            marker = None
        self.seen[p] = marker
        return marker

    def _lvl(self, num_id: str, abstract: Any, ilvl: int) -> Any:
        override = self.nums[num_id][1].get(ilvl)
        return override if override is not None else self._level(abstract, ilvl)

    def _count_and_render(self, num_id: str, ilvl: int, abstract: Any) -> str | None:
        lvl = self._lvl(num_id, abstract, ilvl)
        if lvl is None:
            return None
        key = abstract.get(W + "abstractNumId", "")
        counts = self.counters.setdefault(key, {})
        starts = self.nums[num_id][2]
        if num_id not in self.started:      # a num with start overrides restarts its list
            self.started.add(num_id)
            for lv, st in starts.items():
                counts[lv] = st - 1
        start = _int(_val(lvl, "start"), 0)
        counts[ilvl] = counts.get(ilvl, start - 1) + 1
        for deeper in [lv for lv in counts if lv > ilvl]:
            restart = _int(_val(self._lvl(num_id, abstract, deeper), "lvlRestart"), deeper)
            if restart != 0 and ilvl < restart:
                del counts[deeper]
        fmt = _val(lvl, "numFmt", "decimal") or "decimal"
        text = _val(lvl, "lvlText")
        if fmt == "bullet":
            return bullet(text) if text and text.strip() else None
        if text is None:
            return None
        return self._render(text, num_id, abstract, counts, legal=_val(lvl, "isLgl", "0") not in ("0", "false", "off"))

    def _render(self, text: str, num_id: str, abstract: Any, counts: dict[int, int], legal: bool) -> str | None:
        """`w:lvlText` with each `%k` replaced by level k-1's number in that level's format."""
        out = []
        i = 0
        while i < len(text):
            ch = text[i]
            if ch == "%" and i + 1 < len(text) and text[i + 1] in "123456789":
                lv = int(text[i + 1]) - 1
                lvl = self._lvl(num_id, abstract, lv)
                n = counts.get(lv, _int(_val(lvl, "start"), 0))
                fmt = "decimal" if legal else (_val(lvl, "numFmt", "decimal") or "decimal")
                out.append(format_number(n, fmt))
                i += 2
                continue
            out.append(ch)
            i += 1
        rendered = "".join(out).strip()
        return rendered or None
