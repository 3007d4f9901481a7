"""The lines of one row of a task table printed one cell per line, given back to their columns.

PDF text of an official-gazette annex prints a task table one cell per line: the row number, the
content wrapped over a few narrow lines, then the lead, the coordinating bodies and the time, each
wrapped too, and nothing for an empty cell.  Which line belongs to which column is not printed; a
reader tells it by what the lines read as:

    3 / Nghiên cứu, tư vấn, phản / biện chính sách, giải pháp. / Liên hiệp các Hội Khoa học và Kỹ thuật /
    Sở, ban, ngành có liên quan / Thường xuyên

is content (two lines, the second going on in lower case), lead, coordinate, time.  `align_row` finds
the cut of the lines into consecutive cells, one per column in the columns' order (a column may be
empty), that reads best: a time column's cell reads as a time, a body column's as organs, the content
cell is not empty, and no cut falls where a line plainly goes on in the next (lower-case start, a
comma or `và` at the end).  The best cut is found by dynamic programming over (lines used,
columns used): a row has a few dozen lines and fewer than ten columns.  (A content cell is taken
at most `CONTENT_LINES` long and any other at most `SHORT_CELL_LINES`, which keeps a row that ran on
past its table cheap to cut; one longer than its cells can hold is left as its content.)
"""
from __future__ import annotations

import re
import tomllib
from functools import cache
from typing import Final

from .. import regexes
from ..lang import read_tsv
from ..resources import open_model

ROLES_OF_BODIES: Final = ("lead", "coordinate")
CONTENT_LINES: Final = 300   # a content cell is at most this many lines (keeps a row that ran on cheap to cut)
SHORT_CELL_LINES: Final = 30  # a cell of a column other than the content is at most this many lines
SENTENCE_IN_CELL: Final = 2.0   # what a new sentence inside a cell other than the content costs
ORGAN_IN_CONTENT: Final = 1.0   # what a line opening with an organ costs inside the content
_PREFIX: Final = 240         # the characters of a cell its scores read (a body's name, a time, the opening words)
_NEG: Final = -1e9


@cache
def _flat() -> dict:
    with open_model("tasks.toml") as f:
        return tomllib.load(f)["table"]["flat"]


@cache
def _patterns() -> tuple[re.Pattern, re.Pattern, re.Pattern]:
    """(time cell, unfinished line, organ at the start of a cell)."""
    f = _flat()
    with open_model("bodies.toml") as fh:
        bodies = tomllib.load(fh)
    heads = set(bodies["heads"]["phrases"]) | set(f["organ_heads"])
    rows = read_tsv("collectives.tsv")
    collectives = [r["head"] for r in rows]
    # a collective's head opens a body's cell alone too (`Doanh nghiệp, nhà đầu tư`), but for a level
    # word or one that is also a verb or a thing (`Tổ chức tập huấn`, `Cơ sở dữ liệu`)
    bare = [r["head"] for r in rows if r["kind"] in ("organ", "actor") and r["head"] not in f["not_organ_heads"]]
    not_after = "|".join(re.escape(w) for w in bodies["not_after_head"]["words"])
    alts = "|".join(re.escape(h) for h in sorted(heads, key=lambda h: (-len(h), h)))   # (ties: one order)
    coll = "|".join(re.escape(h) for h in sorted(collectives, key=len, reverse=True))
    bare_alts = "|".join(re.escape(h) for h in sorted(bare, key=len, reverse=True))
    no_name = rf"(?!\w)(?!\s+(?-i:{not_after})(?!\w))"      # `Ban hành`, `Bộ luật`: no organ
    organ = regexes.compile(rf"^\W*(?:(?:{alts}){no_name}|(?:các|những|mọi)\s+(?:{coll})(?!\w)"
                            rf"|(?:{bare_alts}){no_name})", re.I)
    return regexes.compile(f["time"], re.I), regexes.compile(f["unfinished"], re.I), organ


def reads_as_time(text: str) -> bool:
    """`text` is what a time column's cell holds (`Quý II/2024`, `Thường xuyên`, `Trước 20/12`,
    `Hoàn thành trong quý II`): a time word or date in its first few words."""
    return _time_at(text) is not None


def _time_at(text: str) -> int | None:
    """Where the time word or date of a time cell's text begins (within its first few words)."""
    m = _patterns()[0].search(text) if len(text) <= 80 else None
    return m.start() if m is not None and m.start() <= 16 else None


def is_unfinished(line: str) -> bool:
    """`line` of a cell goes on in the next line (`Sở Văn hóa,`, `2025-`)."""
    return line.strip() not in _flat()["empty"] and bool(_patterns()[1].search(line))


def reads_as_organ(text: str) -> bool:
    """`text` opens with an organ's head (`Sở Tài chính`, `Các sở, ngành`, `UBND các huyện`)."""
    return bool(_patterns()[2].match(text))


def _cell_score(role: str, text: str, length: int) -> float:
    """How well a cell of `length` characters that opens with `text` (its lines joined, cut after a
    few hundred characters; empty for an empty cell) reads as a cell of `role`."""
    if not text:
        return -6.0 if role == "content" else 0.0
    if text.strip() in _flat()["empty"]:
        return 0.5 if role != "content" else -6.0
    at = _time_at(text) if length <= 80 else None
    time = at is not None
    organ = reads_as_organ(text)
    if role == "time":
        # a time cell is a few words, not an organ's name with a year after it; the nearer its start
        # the time word, the likelier (`Thương` / `Thường xuyên`: the last word of a name wrapped)
        return 3.0 - 0.1 * at if at is not None and not organ and length <= 60 else -4.0
    if role in ROLES_OF_BODIES:
        score = 3.0 if organ else -4.0
        if length > 200 or time:
            score -= 2.0
        return score + (0.2 if role == "lead" else 0.0)     # a single body cell is more often the lead's
    if role == "content":
        return 2.0 - (2.0 if time and length < 40 else 0.0) - (1.0 if organ and length < 60 else 0.0)
    # a product, a note: a few words that read as nothing else
    return -1.0 if organ or time else (0.5 if length <= 150 else -2.0)


def _goes_on(prev: str, line: str, width: int) -> float:
    """How plainly `line` goes on the cell of the line before it (a cut there costs this much)."""
    s = line.lstrip()
    cost = 0.0
    if s[:1].islower():
        cost += 3.0
    if is_unfinished(prev):
        cost += 3.0
    if len(prev) >= 0.85 * width and not prev.rstrip().endswith((".", ";", ":")):
        cost += 0.5                  # a line filled to the row's widest wraps on, most often
    return cost


def _opens_sentence(prev: str, line: str) -> bool:
    """`line` opens a sentence of its own after `prev`: a capital after a full stop, or a capitalised
    line that is a sentence itself (`Trên đây là Kế hoạch của UBND tỉnh.`)."""
    if not line[:1].isupper() or is_unfinished(prev):
        return False
    return prev.endswith((".", "!", "?")) or len(line) >= 25 and line.endswith(".")


def align_row(lines: list[str], roles: list[str], last: bool = False) -> list[int]:
    """The column (index into `roles`) of each of `lines`, the lines of one row after its number,
    cut into consecutive cells in the columns' order.  For the `last` row of a table, the lines
    after its cells that read as none may be left out: -1, past the table."""
    n, m = len(lines), len(roles)
    if n == 0 or m == 0:
        return [0] * n
    if "content" not in roles:      # (the reader opens no table without a content column)
        return [0] * n
    width = max(len(x) for x in lines)
    stripped = [x.strip() for x in lines]
    cut_cost = [0.0] + [_goes_on(lines[i - 1], lines[i], width) for i in range(1, n)]
    # a new sentence inside a short cell (`Năm 2025` / `Trên đây là Kế hoạch ...`): a body's, a time's
    # or a note's cell is a few words, one phrase
    new_sentence = [False] + [_opens_sentence(stripped[i - 1], stripped[i]) for i in range(1, n)]
    # a line inside the content that opens with an organ, the line before it finished: a body's cell
    organ_line = [False] + [reads_as_organ(stripped[i]) and not is_unfinished(stripped[i - 1]) for i in range(1, n)]
    # best[j][i]: the best score with columns < j holding lines < i; back[j][i]: where column j-1 began
    best = [[_NEG] * (n + 1) for _ in range(m + 1)]
    back = [[0] * (n + 1) for _ in range(m + 1)]
    best[0][0] = 0.0
    for j in range(m):
        for i in range(n + 1):
            if best[j][i] == _NEG:
                continue
            text, length, inner = "", 0, 0.0
            longest = min(n, i + (CONTENT_LINES if roles[j] == "content" else SHORT_CELL_LINES))
            for k in range(i, longest + 1):
                if k > i:
                    length += len(stripped[k - 1]) + (1 if length else 0)
                    if k - 1 > i and new_sentence[k - 1] and roles[j] != "content":
                        inner += SENTENCE_IN_CELL
                    elif k - 1 > i and organ_line[k - 1] and roles[j] == "content":
                        inner += ORGAN_IN_CONTENT
                    if len(text) < _PREFIX:     # what the scores read of a cell is its opening
                        text = f"{text} {stripped[k - 1]}" if text else stripped[k - 1]
                score = (best[j][i] + _cell_score(roles[j], text, length) - inner
                         - (cut_cost[i] if k > i and i > 0 else 0.0))
                if score > best[j + 1][k]:
                    best[j + 1][k], back[j + 1][k] = score, i
    # the table's last row: the lines after its last cell that read as no cell are past the table (a
    # note, a site's footer), where a tie keeps them; any other row ends with its last line
    k = max(range(n, -1, -1), key=best[m].__getitem__) if last else n
    if best[m][k] == _NEG:          # longer than its cells can hold: a row that ran on is left as its content
        return [roles.index("content")] * n
    cols = [-1] * n
    for j in range(m, 0, -1):
        i = back[j][k]
        for x in range(i, k):
            cols[x] = j - 1
        k = i
    return cols
