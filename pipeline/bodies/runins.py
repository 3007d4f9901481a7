"""Subjects that a heading's words run into on one line: `Trách nhiệm quản lý kiến trúc UBND cấp xã chịu trách
nhiệm ...`, `Hiệp thương giá Sở Tài chính chủ trì ...` (the heading `Trách nhiệm quản lý kiến trúc` lost its line
break).  No cue stands before the organ, yet the duty right after it (`chủ trì`, `chịu trách nhiệm`: the table
`run_in_duty` of models/bodies.toml) makes it the clause's subject.
"""
from __future__ import annotations

from pipeline.bodies.cues import _CUE_LAST
from pipeline.bodies.mentions import Mention
from pipeline.bodies.tokens import _match_seq
from pipeline.bodies.vocab import _GOVERNS, DETERMINERS, RUN_IN_DUTY, RUN_IN_NOT_AFTER, STANDALONE, TOPIC_FRONTED


def run_in_subject(norms: list[str], g: list[Mention], s: int) -> bool:
    """Whether the group g, named organs with no cue before them, is the subject of a duty right after it, past
    the words of a heading that opens the item (at most 12 words, none a determiner; the word before the organ no
    cue, no preposition)."""
    i = g[0].i
    if i <= s or s or i > 12 or not _match_seq(norms, g[-1].j, RUN_IN_DUTY) \
            or any(m.kind == "collective" or _match_seq(norms, m.i, STANDALONE) == m.j - m.i for m in g) \
            or any(w in DETERMINERS for w in norms[:i]) or _match_seq(norms, 0, TOPIC_FRONTED):
        # a heading opens the item, in a few words (`các đoàn kiểm tra Sở Y tế chủ trì` describes them; `Đối với ...`
        # names a topic); a bare head after a noun is a word of it (`vai trò cơ quan Thường trực chủ trì`)
        return False
    prev = norms[i - 1]
    return prev.isalpha() and prev not in _CUE_LAST and prev not in _GOVERNS and prev not in DETERMINERS \
        and prev not in RUN_IN_NOT_AFTER
