"""Perturbations of a document's text that must not change the correct answer (issue 13).

Each perturbation is a pure function `f(text, seed) -> text`: the same text and seed always give the
same variant (`random.Random(seed)`).  Each one imitates a state a document really arrives in (the
scraped pages of ../shared/corpora/archive, PDF extractions, news copies):

- `emphasis`: markdown emphasis around markers and headings (`**1. **Nội dung`, `** 2.1. **Nội dung`,
  `**3**.` alone on its line, `*a)* Nội dung`, `**II. TỔ CHỨC THỰC HIỆN**`, `*Căn cứ ...;*`);
- `rewrap`: long lines wrapped at 60-80 columns as PDF extraction prints them; `rewrap_hyphen` the
  same with the dash glyphs between words lost (`giai đoạn 2023  2027`), `rewrap_pages` with page
  numbers and running headers inserted where pages break;
- `no_blank_lines`: the blank lines between paragraphs lost;
- `no_header`: the header block removed (a news copy);
- `boilerplate`: the text wrapped in a site's menus, links, `Tải về` and copyright notice;
- `header_table`: the header as the two-column markdown table scraped pages print;
- `unicode`: NFD, old-style tone marks (`hoà`, `uỷ`), look-alike letters, non-breaking spaces;
- `flat_tables`: tables printed one cell per line, as PDF text of a gazette annex gives them
  (`perturb_tables`).

The module reads the text with its own small rules, never with the pipeline's: the yardstick must
not move with the code it measures.
"""
from __future__ import annotations

import random
import re
import textwrap
import unicodedata
from collections.abc import Callable

from .. import regexes
from .perturb_header import MARKER_LINE, MOTTO, TABLE_LINE, data, header_bounds, header_table, is_type_line, no_header  # noqa: F401
from .perturb_tables import flat_tables

# -- (a) emphasis -------------------------------------------------------------------------------

def _emphasised_marker_line(m: re.Match, rng: random.Random) -> str:
    marker, rest = m.group("marker"), m.group("rest")
    core = marker[:-1] if marker.endswith(".") else None
    styles = [f"**{marker} **{rest}", f"** {marker} **{rest}", f"**{marker}** {rest}", f"*{marker}* {rest}",
              f"**{marker}**\n{rest}"]
    if core:
        styles += [f"**{core}**. {rest}", f"**{core}**.\n{rest}"]
    if len(rest) <= 100:
        styles += [f"**{marker} {rest}**", f"*{marker} {rest}*"]
    return rng.choice(styles)


def emphasis(text: str, seed: int = 0, rate: float = 0.8) -> str:
    """Markdown emphasis around markers, headings in capitals, `Căn cứ` lines and `Nơi nhận:`, as
    scraped pages print them.  Lines that already hold emphasis or a table are left alone."""
    rng = random.Random(seed)
    out = []
    for line in text.split("\n"):
        s = line.strip()
        if not s or "*" in s or TABLE_LINE.match(s) or s.startswith("#") or rng.random() >= rate:
            out.append(line)
            continue
        m = MARKER_LINE.match(s)
        if m:
            out.append(_emphasised_marker_line(m, rng))
        elif _is_caps(s) and len(s) <= 100:
            out.append(f"**{s}**")
        elif s.startswith("Căn cứ"):
            out.append(f"*{s}*")
        elif s.startswith("Nơi nhận:"):
            out.append(f"*Nơi nhận:*{s[len('Nơi nhận:'):]}")
        else:
            out.append(line)
    return "\n".join(out)


def _is_caps(s: str) -> bool:
    letters = [c for c in s if c.isalpha()]
    return len(letters) >= 4 and sum(c.isupper() for c in letters) > 0.9 * len(letters)


# -- (b) re-wrapped lines -----------------------------------------------------------------------

def rewrap(text: str, seed: int = 0) -> str:
    """Lines longer than the page's width broken at 60-80 columns, as a PDF's text layer prints them
    (tables and markdown headings are left alone)."""
    rng = random.Random(seed)
    width = rng.randint(60, 80)
    out = []
    for line in text.split("\n"):
        if len(line) <= width or TABLE_LINE.match(line) or line.lstrip().startswith("#"):
            out.append(line)
            continue
        w = width + rng.randint(-3, 3)      # justified lines hold a few characters more or fewer
        indent = line[:len(line) - len(line.lstrip())]      # a paragraph's indent stays on its first line
        out.extend(textwrap.wrap(line.strip(), w, initial_indent=indent, break_long_words=False,
                                 break_on_hyphens=False))
    return "\n".join(out)


# A dash glyph between two words or numbers, which some PDF text layers drop (the spaces stay).
_INNER_DASH = regexes.compile(r"(?<=\S) [-–—] (?=\S)|(?<=\d)[–—](?=\d)")


def lose_dashes(text: str) -> str:
    """Dash glyphs between words lost as in dev's PDF extractions (`giai đoạn 2023  2027`); a dash
    that opens a line (a bullet) stays."""
    return _INNER_DASH.sub(lambda m: "  " if m.group(0).startswith(" ") else " ", text)


def rewrap_hyphen(text: str, seed: int = 0) -> str:
    """Re-wrapped, with the dash glyphs between words lost."""
    return rewrap(lose_dashes(text), seed)


def rewrap_pages(text: str, seed: int = 0) -> str:
    """Re-wrapped, with a page number (and on some documents a running header) opening every page
    after the first, wherever the page breaks, mid-paragraph included."""
    rng = random.Random(seed)
    lines = rewrap(text, seed).split("\n")
    per_page = rng.randint(38, 50)
    forms = data()["running_headers"]
    number_form = rng.choice(forms["page_numbers"])
    running = rng.choice(forms["lines"] + [None])
    n = rng.randint(100, 1500)
    year = re.search(r"năm\s+((?:19|20)\d\d)\b", text[:3000])       # the gazette prints the document soon after
    fields = {"n": n, "n1": n + 1, "date": f"{rng.randint(1, 28):02d}-{rng.randint(1, 12):02d}-"
                                            f"{year.group(1) if year else rng.randint(2015, 2025)}"}
    pages = [lines[i:i + per_page] for i in range(0, len(lines), per_page)] or [[]]
    out = list(pages[0])
    for p, page in enumerate(pages[1:], start=2):
        out.append(number_form.format(p=p, t=len(pages)))
        if running:
            out.append(running.format(**fields))
        out.extend(page)
    return "\n".join(out)


# -- (c) blank lines lost -----------------------------------------------------------------------

def no_blank_lines(text: str, seed: int = 0) -> str:
    """The blank lines between paragraphs lost.  Blank lines beside a table line stay: they are the
    table's markup, which a copy that loses paragraph spacing does not have in the first place."""
    lines = text.split("\n")
    out = []
    for i, line in enumerate(lines):
        if line.strip():
            out.append(line)
            continue
        before = next((ln for ln in reversed(lines[:i]) if ln.strip()), "")
        after = next((ln for ln in lines[i + 1:] if ln.strip()), "")
        if TABLE_LINE.match(before) or TABLE_LINE.match(after):
            out.append(line)
    return "\n".join(out)


# -- (e) site boilerplate -----------------------------------------------------------------------

def boilerplate(text: str, seed: int = 0) -> str:
    """The document between a site's menus and page facts and its download links, related links
    and copyright notice."""
    rng = random.Random(seed)
    lines = data()["boilerplate"]
    head = rng.sample(lines["head"], rng.randint(2, 4))
    tail = rng.sample(lines["tail"], rng.randint(3, 5))
    return "\n\n".join(head) + "\n\n" + text.strip("\n") + "\n\n" + "\n\n".join(tail) + "\n"


# -- (g) unicode --------------------------------------------------------------------------------

# Latin letters and their look-alikes from Cyrillic (typed with the wrong keyboard or font).
CYRILLIC = dict(zip("aeopcxyiAEOPCXBKMHTI", "аеорсхуіАЕОРСХВКМНТІ", strict=True))
# A modern-style open syllable whose tone can move to its last vowel: hòa → hoà, thủy → thuỷ.
_NEW_STYLE = regexes.compile(r"(?<![\wđĐ])([^\W\d_]*?)(?<![qQ])([oO][\u0300\u0301\u0303\u0309\u0323]?[aAeE]"
                             r"|[uU][\u0300\u0301\u0303\u0309\u0323]?[yY])(?![\w])")


def old_style_tones(text: str) -> str:
    """`hòa` → `hoà`, `thủy` → `thuỷ`: the tone on the last vowel of an open oa/oe/uy syllable."""
    def move(m: re.Match) -> str:
        pair = m.group(2)
        if len(pair) != 3:
            return m.group(0)
        return m.group(1) + pair[0] + pair[2] + pair[1]
    nfd = unicodedata.normalize("NFD", text)
    return unicodedata.normalize("NFC", _NEW_STYLE.sub(move, nfd))


def unicode_forms(text: str, seed: int = 0, lookalike_rate: float = 0.01, nbsp_rate: float = 0.15) -> str:
    """Old-style tone marks, a few Cyrillic look-alikes and `Ð` (U+00D0) for `Đ`, non-breaking spaces,
    then the whole text decomposed (NFD)."""
    rng = random.Random(seed)
    out = []
    for ch in old_style_tones(text):
        if ch in CYRILLIC and rng.random() < lookalike_rate:
            ch = CYRILLIC[ch]
        elif ch == "Đ" and rng.random() < 0.5:
            ch = "\u00d0"
        elif ch == " " and rng.random() < nbsp_rate:
            ch = "\u00a0"
        out.append(ch)
    return unicodedata.normalize("NFD", "".join(out))


# -- the set ------------------------------------------------------------------------------------

PERTURBATIONS: dict[str, Callable[[str, int], str]] = {
    "emphasis": emphasis,
    "rewrap": rewrap,
    "rewrap_hyphen": rewrap_hyphen,
    "rewrap_pages": rewrap_pages,
    "no_blank_lines": no_blank_lines,
    "no_header": no_header,
    "boilerplate": boilerplate,
    "header_table": header_table,
    "unicode": unicode_forms,
    "flat_tables": flat_tables,
}
# Perturbations after which the header is not there to be scored.
HEADERLESS = frozenset({"no_header"})


def perturb(name: str, text: str, seed: int = 0) -> str:
    """The variant `name` of `text` (KeyError for an unknown name)."""
    return PERTURBATIONS[name](text, seed)
