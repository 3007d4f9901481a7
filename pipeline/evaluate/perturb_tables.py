"""Perturbation (h) of `chithi evaluate --perturb`: task tables printed one cell per line.

An official-gazette PDF copied as text gives a table back one cell per line: the heading cells, then
each row's number, its content wrapped to the column's width, its bodies and its time, each cell
wrapped too, and nothing at all for an empty cell; emphasis and the table's rules are gone.  This
turns the `| a | b |` tables and the vertical tables (`|` alone on a line between cells) of a
markdown or text copy into that shape (or, for one seed in three, each cell whole on its line, as
a copy of a Word table gives it), with or without a blank line between every two lines (as
pdftotext leaves them), over pages (the page's number at its foot, a form feed, the headings
printed again atop the next page, or not).  Widths, page lengths and the blank lines come from the
seed.
"""
from __future__ import annotations

import random
import textwrap

from pipeline import regexes

_RULE = regexes.compile(r"^\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")    # `|---|:---:|`
UNWRAPPED = 10 ** 6   # a column width no cell reaches
PAGE_LINES = 40       # at most this many lines of a table fit a page (the seed draws each page's)
LAYOUT_CELL = 600     # a table's cell holding more characters than this lays out a page, not a table
_EMPHASIS = regexes.compile(r"\*+|(?<!\w)_+|_+(?!\w)")


def _cells(line: str) -> list[str]:
    s = line.strip()
    s = s[1:] if s.startswith("|") else s
    s = s[:-1] if s.endswith("|") else s
    return [_EMPHASIS.sub("", c).replace("<br>", " ").strip() for c in s.split("|")]


def _wrap(cell: str, width: int) -> list[str]:
    return textwrap.wrap(cell, width, break_long_words=False) or []


def _one_cell_a_line(rows: list[list[str]], narrow: int, wide: int, rng: random.Random | None = None) -> list[str]:
    """A table's rows (of a pipe or a vertical table) one cell per line; the column with the most
    text (the content) wrapped at `wide`, the others at `narrow`.  With `rng`, the table runs over
    pages as a PDF prints it: now and then, between two rows, the page's number at its foot, a form
    feed, and the headings again."""
    ncols = max(len(r) for r in rows)
    sizes = [sum(len(r[k]) for r in rows if k < len(r)) for k in range(ncols)]
    content = max(range(ncols), key=sizes.__getitem__)
    lines_of = [[x for k, cell in enumerate(r) for x in _wrap(cell, wide if k == content else narrow)] for r in rows]
    out: list[str] = list(lines_of[0])
    page, room = 2, rng.randint(PAGE_LINES // 2, PAGE_LINES) if rng else None
    for lines in lines_of[1:]:
        if room is not None and room < len(lines):
            out.extend([str(page), "\f"] + (lines_of[0] if rng.random() < 0.5 else []))
            page, room = page + 1, rng.randint(PAGE_LINES // 2, PAGE_LINES)
        out.extend(lines)
        room = None if room is None else room - len(lines)
    return out


def _vertical_rows(block: list[str]) -> list[list[str]]:
    """The rows of a vertical table (`|` alone on a line between cells, `|` `|` between rows), each
    a list of cells, each cell its text."""
    rows: list[list[str]] = [[]]
    text: list[str] = []
    for line in block:
        if line.strip() != "|":
            text.append(_EMPHASIS.sub("", line).strip())
        elif text:
            rows[-1].append(" ".join(text))     # a pipe after text closes its cell
            text = []
        elif rows[-1]:
            rows.append([])                     # two pipes in a row: the row ends
    if text:
        rows[-1].append(" ".join(text))
    return [r for r in rows if r]


def _vertical_table(block: list[str], narrow: int, wide: int, rng: random.Random | None) -> list[str]:
    """A vertical table one cell per line, when it is a table of three columns or more; a page's
    layout table (one or two cells a row, a signature beside the recipients, or a cell that holds
    paragraphs of the body) as it is."""
    rows = _vertical_rows(block)
    if len(rows) < 2 or max(len(r) for r in rows) < 3 or max(len(c) for r in rows for c in r) > LAYOUT_CELL:
        return block
    return _one_cell_a_line(rows, narrow, wide, rng)


def _spaced(lines: list[str], spaced: bool) -> list[str]:
    """`lines` with a blank line after each, when `spaced`."""
    return [x for line in lines for x in (line, "")] if spaced else lines


def flat_tables(text: str, seed: int = 0, pages: bool = True) -> str:
    """`text` with its tables printed one cell per line, as PDF text of a gazette annex gives them
    (over pages unless `pages` is false)."""
    rng = random.Random(seed)
    narrow, wide = rng.randint(18, 26), rng.randint(32, 44)
    if rng.random() < 1 / 3:
        narrow = wide = UNWRAPPED       # each cell whole on its line, as a copy of a Word table gives it
    paging = random.Random(seed + 1) if pages else None
    spaced = pages and paging.random() < 0.5      # pdftotext's blank line between every two cells
    lines = text.split("\n")
    out: list[str] = []
    i = 0
    while i < len(lines):
        s = lines[i].strip()
        if s.startswith("|") and s.count("|") >= 3:
            rows = []
            while i < len(lines) and lines[i].strip().startswith("|") and lines[i].strip().count("|") >= 2:
                if not _RULE.match(lines[i].strip()):
                    rows.append(_cells(lines[i]))
                i += 1
            if rows:                # (a table of rules only prints nothing, as PDF text shows no rules)
                out.extend(_spaced(_one_cell_a_line(rows, narrow, wide, paging), spaced))
            continue
        if s == "|":                        # a vertical table: its lines up to the first blank one
            j = i
            while j < len(lines) and lines[j].strip():
                j += 1
            block = _vertical_table(lines[i:j], narrow, wide, paging)
            out.extend(block if block == lines[i:j] else _spaced(block, spaced))
            i = j
            continue
        out.append(lines[i])
        i += 1
    return "\n".join(out)
