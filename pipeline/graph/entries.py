"""What the explorer page reads of one record (`explorer_entry`), apart from the page itself: a
batch's workers make it of each record they extract (`batch.digests`), where networkx, which the
page's module loads, is not needed.
"""
from __future__ import annotations

import json
from typing import Any

CONTEXT_CHARS = 90
TASK_TEXT_CHARS = 600


def compact_json(data: Any) -> str:
    """`data` as the page's JSON writes it: no ASCII escapes, no spaces."""
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"))


def script_safe(s: str) -> str:
    """JSON text safe to inline in a <script> element: `<`, `>`, `&` and line separators escaped (each
    character on its own: the escape of a whole is that of its pieces joined).

    >>> print(script_safe('["</b>&"]'))
    ["\\u003c/b\\u003e\\u0026"]
    """
    return (s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


class RawJSON:
    """The `script_safe(compact_json(...))` text of a list of `n` items in UTF-8 (`data`), kept as it
    was written (a record's tasks in its digest, `batch.digests`): the page puts it in as it is,
    neither decoded nor written again.  `len` is the count of items (what the graph reads of a
    record's tasks).

    >>> t = RawJSON('[["1","x",[],[]]]'.encode("utf-8"), 1)
    >>> len(t), bool(RawJSON(b"[]", 0))
    (1, False)
    """

    __slots__ = ("data", "n")

    def __init__(self, data: bytes, n: int) -> None:
        self.data, self.n = data, n

    def __len__(self) -> int:
        return self.n


def explorer_entry(rec: dict) -> dict[str, Any]:
    """What the page reads of one record: its id, its text (for citation contexts), its citations'
    sentence spans and its tasks as the page lists them (path, text cut to `TASK_TEXT_CHARS`,
    [body, role] pairs, [words, kind, value] of each deadline).

    >>> e = explorer_entry({"id": "a", "text": "t", "citations": [{"sentence": [0, 1]}],
    ...                     "tasks": [{"path": "1", "text": "x" * 700, "bodies": [{"name": "Sở Y tế", "role": "lead"}],
    ...                                "deadlines": [{"text": "trước 30/6", "kind": "date", "value": "2024-06-30"}]}]})
    >>> e["id"], e["sentences"], len(e["tasks"][0][1]), e["tasks"][0][2:]
    ('a', [[0, 1]], 600, [[['Sở Y tế', 'lead']], [['trước 30/6', 'date', '2024-06-30']]])
    """
    return {"id": str(rec.get("id") or (rec.get("source") or {}).get("path") or ""),
            "text": rec.get("text"),
            "sentences": [c.get("sentence") for c in rec.get("citations") or []],
            "tasks": [[t.get("path"), (t.get("text") or "")[:TASK_TEXT_CHARS],
                       [[b.get("canonical") or b.get("name"), b.get("role")] for b in t.get("bodies") or []],
                       [[x.get("text"), x.get("kind"), x.get("resolved") or x.get("value")]
                        for x in t.get("deadlines") or []]]
                      for t in rec.get("tasks") or []]}
