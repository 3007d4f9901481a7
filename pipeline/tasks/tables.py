"""Tables in the body: a task table's rows are nodes; another table's cells are paragraphs."""
from __future__ import annotations

import re
from collections.abc import Collection

from ..model import Block, Document, Span
from .facts import _facts
from .markers import parse_marker


def _cell_paragraphs(doc: Document, row: Block) -> list[Span]:
    """The cells of a row that is not a task table's, as paragraphs, cut before every joined line
    that opens with a marker (a cell may hold a heading and its items).  A cell without a marker
    continues the node above it, like any unmarked paragraph (a criterion's evidence column); a
    table of figures adds no node."""
    out: list[Span] = []
    for s, e in row.cells:
        cuts = [p for p in doc.line_starts if s < p < e and parse_marker(doc.text[p:e])]
        bounds = [s] + cuts + [e]
        for a, z in zip(bounds, bounds[1:], strict=False):
            seg = doc.text[a:z]
            a2 = a + len(seg) - len(seg.lstrip())
            z2 = a + len(seg.rstrip())
            if z2 > a2:
                out.append((a2, z2))
    return out


def column_patterns() -> dict[str, re.Pattern]:
    """The heading words of each column role of a task table, models/tasks.toml `[table.columns]`."""
    return _facts()["_col"]


def column_role(heading: str, skip: Collection[str] = ()) -> str | None:
    """The role of a task table's column from its heading (models/tasks.toml [table.columns]), the
    roles in `skip` left out: the role whose words open earliest in it (`Thời gian thực hiện` is a
    time, though `thực hiện` closing a heading names the lead's column)."""
    found = [(m.start(), i, role) for i, (role, rx) in enumerate(column_patterns().items())
             if role not in skip and (m := rx.search(heading))]
    return min(found)[2] if found else None


def _table_columns(doc: Document, row: Block) -> dict[str, int] | None:
    """If `row` is the head of a task table, map column roles (content, lead, coordinate, time,
    number) to cell indices."""
    roles: dict[str, int] = {}
    for k, (s, e) in enumerate(row.cells):
        cell = doc.text[s:e]
        if len(cell) > 80:
            return None
        role = column_role(cell, skip=roles)
        if role is not None:
            roles[role] = k
    if "content" in roles and ({"lead", "time", "coordinate"} & set(roles)):
        return roles
    return None


def _sub_heading_columns(doc: Document, row: Block, roles: dict[str, int]) -> dict[str, int] | None:
    """A second heading row under a heading that spans columns (`Cơ quan thực hiện` over `Chủ trì |
    Phối hợp`): the roles with its columns in place, or None when `row` is no such row (its content
    cell holds text, or no cell names a role)."""
    k = roles["content"]
    if k < len(row.cells) and row.cells[k][1] > row.cells[k][0]:
        return None
    refined = dict(roles)
    found = False
    for c, (s, e) in enumerate(row.cells):
        cell = doc.text[s:e]
        if not cell or len(cell) > 40:
            continue
        role = column_role(cell, skip=("content",))
        if role is None:
            return None          # a cell of text: a row of the table, not its heading
        refined[role] = c
        found = True
    return refined if found else None
