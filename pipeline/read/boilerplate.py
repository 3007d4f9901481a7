"""Lines set aside before paragraphs are built: page numbers, running headers and footers, signature
stamps, site boilerplate (`models/boilerplate.toml`) and scanner debris.  They are kept in
`Document.set_aside`, never in `text`.
"""
from __future__ import annotations

import re
import tomllib
from collections.abc import Callable
from functools import cache
from itertools import islice
from typing import Final

from .. import regexes
from ..resources import open_model
from .chars import composed
from .emit import drop_markup
from .layout import RawDoc
from .linerules import LineRules
from .paragraphs import MARKER_RE

SITE_TAIL_MIN_TEXT: Final = 1000   # a page's tail starts only after this much of the document


@cache
def boilerplate_rules() -> dict:
    """Patterns of lines to set aside, from `models/boilerplate.toml` (checked by tests)."""
    with open_model("boilerplate.toml") as f:
        data = tomllib.load(f)
    rules = {}
    for kind, entry in data.items():
        rules[kind] = regexes.compile("|".join(f"(?:{p})" for p in entry["patterns"]), re.IGNORECASE)
    return rules


@cache
def _line_rules() -> LineRules:
    """All kinds' patterns in one `LineRules`, in the table's order (a line's kind is the first
    kind whose pattern matches it)."""
    with open_model("boilerplate.toml") as f:
        data = tomllib.load(f)
    return LineRules([(kind, p) for kind, entry in data.items() for p in entry["patterns"]], re.IGNORECASE)


def classify_line(line: str) -> str | None:
    """The kind of boilerplate a raw line is (`page_number`, `site`, `signature_stamp`...) or None."""
    return classify_stripped(composed(line.strip().strip("*_").strip()))


def classify_stripped(s: str) -> str | None:
    """`classify_line` of a line already stripped of spaces and emphasis at its ends, and composed."""
    return _line_rules().kind(s)


def page_number_in_cell(after: str, after_kind: str | None) -> bool:
    """Whether a bare number alone on a line of a table's cell (`7`) is the number of a page that breaks there, given
    the line `after` it (stripped) and that line's furniture kind (one page number, two readers: the text reader's
    pipes and normalization).  A page break in the row (`23` / `CÔNG BÁO/Số 304 ...`), or the cell's text going on
    past the number with a capital, a bullet or empty emphasis (`7` / `Nơi nhận:`, `5` / `- Nghị định ...`); a row's
    own number ends its cell (`1` / `|`) or the page (`1` / `Trang 18/20`), a figure's text goes on in lower case
    (`03` / `ngày làm việc`)."""
    if after_kind is not None:
        return after_kind == "running_header"
    rest = after.strip("*_ ")   # (`**PHỤ LỤC**`, or `** **`: the empty paragraph a scraped page prints; not `**02**`)
    return after != "" and (rest == "" or rest[0].isupper() or rest[0] in "#-–+•")


def furniture_lines(source: str, starts: list[int]) -> set[int]:
    """The indices of the lines of `source` (lines joined by newlines, `starts` where each starts) that
    `classify_stripped` may name once their spaces and emphasis marks at both ends are dropped
    (`LineRules.lines_named`): the other lines are no boilerplate, whatever the table says."""
    return _line_rules().lines_named(source, starts, _openings())


@cache
def _openings() -> re.Pattern:
    return _line_rules().openings()


def line_classifier() -> Callable[[str], str | None]:
    """`classify_stripped` as one callable, for a caller that classifies every line of a document."""
    return _line_rules().kind


_WORD_TOKEN: Final = regexes.compile(r"[^\W\d_]{2,}")
_JUNK: Final = regexes.compile(r"[\^_¬⁄~+=<>\\#@®©{}¢§¥£€ˆ°]")


# what `is_ocr_debris` cannot do without, for a search of a whole document's lines at once
DEBRIS_MARK: Final = _JUNK


def is_ocr_debris(line: str) -> bool:
    """A line that is scanner or stamp debris, not text: few letters that form words, and not a
    number, a date or a lone task marker (`D ^ _ấ,/ | : ¬ nà Ko + x`, `K=.`).

    >>> is_ocr_debris("D ^ _ấ,/ | : ¬ nà Ko + x _- _ ⁄ L2 2."), is_ocr_debris("a)"), is_ocr_debris("./.")
    (True, False, False)
    """
    if len(line) > 120 or not _JUNK.search(line):
        return False                 # the cheap test first: debris has stamp-edge characters
    s = drop_markup(line, " ").strip()
    if len(s) > 80 or "./." in s or s.startswith("|") or not s.strip(" -_=~|") or MARKER_RE.match(s) \
            or MARKER_RE.match(s + " "):
        return False
    chars = [c for c in s if not c.isspace() and c not in ".…,;:"]    # dot leaders are a form's blanks
    good = sum(len(m.group(0)) for m in _WORD_TOKEN.finditer(s))
    digits = sum(c.isdigit() for c in chars)
    junk = len(_JUNK.findall(s))
    return (good < 0.35 * len(chars) and digits < 0.3 * len(chars)
            and junk >= 2)


def reads_as_prose(text: str) -> bool:
    """`text` reads as running words, three or more in lower case (a running header is a title or
    a gazette's masthead: `CÔNG BÁO/Số 45 + 46/Ngày 12-3-2025`)."""
    return sum(1 for w in text.split() if w[:1].islower()) >= 3


def running_headers(raw: RawDoc, view: Callable[[str], str] = str) -> set[str]:
    """Lines that open (or close) at least three pages, or every page of a 2-page document:
    running headers and footers printed on each page (as `view` reads them: spaces and look-alike
    letters that differ from page to page do not hide a repeated line)."""
    if len(raw.pages) < 2:
        return set()
    counts: dict[str, int] = {}
    for page in raw.pages:
        # (the first two and the last two lines that are not blank, read through `view`: no other)
        first = [ln.text for ln in islice((ln for ln in page.lines if ln.text.strip()), 2)]
        last = [ln.text for ln in islice((ln for ln in reversed(page.lines) if ln.text.strip()), 2)][::-1]
        for s in {view(t.strip()) for t in first + last}:
            if len(s) > 3:
                counts[s] = counts.get(s, 0) + 1
    need = 2 if len(raw.pages) == 2 else 3
    return {s for s, n in counts.items() if n >= need and not MARKER_RE.match(s)}


_FRONT_KEY: Final = regexes.compile(r"[A-Za-z_][\w-]{0,40}\s*:(?:\s.*)?")


def front_matter_lines(raw: RawDoc) -> set[int]:
    """The lines of a YAML front matter block that a converter put before the document (`---`,
    `title: "..."`, `original_format: "pdf"`, `---`): ids of its lines, or none.  Only at the very
    start, closed within 40 lines, every line between a `key: value` (or blank)."""
    lines = [ln for page in raw.pages[:1] for ln in page.lines]
    k = next((i for i, ln in enumerate(lines) if ln.text.strip()), None)
    if k is None or lines[k].text.strip() != "---" or lines[k].cell is not None:
        return set()
    for j in range(k + 1, min(len(lines), k + 41)):
        t = lines[j].text.strip()
        if t == "---":
            return {id(ln) for ln in lines[k:j + 1]} if j > k + 1 else set()
        if t and not _FRONT_KEY.fullmatch(t):
            return set()
    return set()
