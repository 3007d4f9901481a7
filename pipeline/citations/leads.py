"""Citations, the lead line of a list: a bullet or numbered item takes the cue that opens the line its list hangs on
(`Căn cứ:` / `- Nghị định số ...;`, `Thực hiện:` / `- Chỉ thị số ...`)."""
from __future__ import annotations

import re

from .. import regexes
from .cues import _Cues, toneless

# An item of a list under a lead line: a bullet, or a number or letter that the citation follows at once
# (`Căn cứ:` / `1. Luật Đầu tư công số 58/2024/QH15;`).
_LIST_ITEM = regexes.compile(r"\s*(?:[-+•–*]|(?P<numbered>(?:\d{1,2}|[a-zđ])[.)])\s*$)")


def _list_item_cue(text: str, ws: int, at: int, start: int, cues: _Cues) -> str | None:
    """The relation the lead line of its list gives a citation at `at` that opens a list item (its
    clause starts at `ws`); None for no list item or no cue.  A numbered item takes only a `Căn cứ:`
    (under `Tổ chức thực hiện:` it is a task, not a basis)."""
    ls = text.rfind("\n", 0, at) + 1             # (`1. Luật`: a sentence boundary after `1.`)
    item = _LIST_ITEM.match(text, min(ws, max(ls, start)), at)
    if not item:
        return None
    rel = _lead_line_cue(text, min(ws, ls), cues)
    return None if item.group("numbered") and rel != "based_on" else rel


def _lead_line_cue(text: str, ws: int, cues: _Cues) -> str | None:
    """For a bullet or numbered item: the cue that opens the lead line of its list (`Căn cứ:` /
    `Thực hiện:`)."""
    i = ws
    for _ in range(40):
        ls = text.rfind("\n", 0, max(i - 1, 0)) + 1
        line = text[ls:i].strip()
        if not line:
            if ls == 0:
                return None
            i = ls - 1
            continue
        if re.match(r"[-+•–*]", line) or (re.match(r"(?:\d{1,2}|[a-zđ])[.)]\s", line) and not line.endswith(":")):
            if ls == 0:
                return None
            i = ls - 1
            continue
        if line.endswith(":") and not line.isupper():     # (`TỔ CHỨC THỰC HIỆN:` heads a section)
            c = cues.cue_re.match(toneless(line))
            if c:
                return cues.cue_rel.get(" ".join(c.group(0).casefold().split()))
        return None
    return None
