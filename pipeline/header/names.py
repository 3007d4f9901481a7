"""Header stage: a person's name as a signature block or a list prints it (`Nguyễn Huỳnh Long`, `NGUYỄN VĂN AN`),
told apart from a document type and its number, a position or a place."""
from __future__ import annotations

import re
from functools import cache

from .. import regexes
from ..lang import type_names
from .casing import _province_names
from .units import _WORD_RE, _facts


def find_name(text: str, pos: int = 0, *, caps: bool = False) -> tuple[int, int] | None:
    """A person's name: 2 to 6 words each written Capital-then-small (`Nguyễn Huỳnh Long`); with
    `caps`, also words all in capitals (`NGUYỄN VĂN AN`, as some signature blocks print the name).
    (Case is read with str methods: regex ranges such as [À-Ỹ] mix capitals and small letters.)"""
    run: list[re.Match] = []

    def person(ms: list[re.Match]) -> bool:
        return is_person_name([r.group(0) if not caps else r.group(0).capitalize() for r in ms[:6]])

    for m in _WORD_RE.finditer(text, pos):
        w = m.group(0)
        ok = w[0].isupper() and (len(w) == 1 or w[1:].islower() or caps and w.isupper())
        gap = text[run[-1].end():m.start()] if run else ""
        if ok and (not run or gap.strip() == "" and "\n" not in gap):      # a name stays on its line
            run.append(m)
            continue
        if len(run) >= 2 and person(run):
            break
        run = [m] if ok else []
    if len(run) >= 2 and person(run):
        run = run[:6]
        cut = _type_tail([m.group(0) for m in run], text[run[-1].end():run[-1].end() + 12])
        if cut:
            del run[-cut:]  # `Phạm Thị Minh Hiền Công văn 5642/CT-CS`: the next text's title, run into the name
        return run[0].start(), run[-1].end()
    return None


_NUMBER_NEXT = regexes.compile(r"\s*(?:số\s*)?\d")


def _type_tail(words: list[str], after: str) -> int:
    """How many of a name's last `words` open a document type's name, whatever its case, that the text
    `after` them completes (`Hiền Công` + ` văn 5642/...`, `Quyết Định` + ` 12/QĐ-UBND`): the next text's
    title run into the name, never a person's last words. A name of one word (`Luật`, a given name too)
    needs its number after it; two words are always left.

    >>> _type_tail(["Phạm", "Thị", "Hiền", "Công"], " văn 5642/CT-CS"), _type_tail(["Nguyễn", "Văn", "Công"], " ty")
    (1, 0)
    >>> _type_tail(["Lê", "Thị", "Hương", "Quyết", "Định"], " 12/QĐ-UBND"), _type_tail(["Lê", "Văn", "Luật"], " ")
    (2, 0)
    """
    low = after.casefold()
    for k in (3, 2, 1):
        if len(words) - k < 2:
            continue
        head = " ".join(words[-k:]).casefold()
        for name in _type_names_folded():
            if name != head and not name.startswith(head + " "):
                continue
            rest = name[len(head):]           # what of the name the text after the words prints
            tail = low[len(rest):]
            if low.startswith(rest) and (_NUMBER_NEXT.match(tail) if " " not in name else not tail[:1].isalpha()):
                return k
    return 0


@cache
def _type_names_folded() -> frozenset[str]:
    return frozenset(name.casefold() for name in type_names())


def is_person_name(words: list[str]) -> bool:
    """A family name first, or `Thị`/`Văn` second (models/header.toml [signer]); never a place.

    >>> is_person_name(["Trần", "Chí", "Hùng"]), is_person_name(["Kon", "Tum"])
    (True, False)
    """
    f = _facts()["signer"]
    if len(words) < 2:
        return False
    joined = " ".join(words)
    if joined.startswith(_province_names()):       # (a tuple: every name tried in C)
        return False
    return words[0] in _surnames() or words[1] in f["middle_names"]


@cache
def _surnames() -> frozenset[str]:
    return frozenset(_facts()["signer"]["surnames"])
