"""Office-holders and subjects the mention passes would miss: a holder's name as far as its organ's
(`Trưởng ban Ban Quản lý Khu kinh tế mở Chu Lai`) and a province that is the subject after a fronted clause (`Để
hoàn thành mục tiêu, tỉnh Bình Định cần ...`)."""
from __future__ import annotations

from typing import Final

from pipeline.bodies.extent import Mention
from pipeline.bodies.tokens import Seqs, Toks, _match_seq
from pipeline.bodies.vocab import (
    _VERB_STOP_FIRST,
    DETERMINERS,
    DUTY,
    FRONTED_OPENERS,
    LEVEL_WORDS,
    NO_OFFICE_OVER,
    POSITIONS_ALL,
    VERB_STOP,
)


def holders_of_named(found: list[Mention], toks: Toks) -> None:
    """An office-holder's name goes as far as the organ's after it (`Trưởng ban Ban Quản lý Khu kinh tế mở Chu Lai`,
    `Giám đốc Trung tâm phục vụ hành chính công tỉnh`: the organ's own extent reads its description, the holder's
    stopped inside it, and the organ alone would leave the holder's title out of a list), where the organ ends a list
    member (a comma, `;`, `và`, a duty) and adds capitalised words, level words and four more at most (not `Chủ tịch
    Hội đồng kỷ luật công bố kết quả ...`: a description run into a verb)."""
    norms = toks.norm
    n = len(norms)
    for m in found:
        k = _office_length(norms, m.i)
        if not k:
            continue    # (most mentions: no office-holder's title opens them)
        ends = [o.j for o in found if m.i < o.i <= m.i + k and o.j > m.j]
        if not ends:
            continue
        e = max(ends)
        named = any(o.kind == "named" and o.j == e for o in found)      # (a gazetteer organ's extent is its name)
        if (e == n or norms[e] in _MEMBER_END or _match_seq(norms, e, DUTY)) and (named or _organ_words(toks, m.j, e)):
            m.j = e
    _joint_holders(found, norms)


def _joint_holders(found: list[Mention], norms: list[str]) -> None:
    """An office and its deputy's before one organ, the first bare before a comma, hold the one organ (`Chủ tịch,
    Phó Chủ tịch Ủy ban nhân dân cấp tỉnh`, `Giám đốc, Phó Giám đốc Sở Nội vụ`): one body, whose span covers the
    second's (the longer span keeps its place among overlaps).  Two offices of their own stay two bodies (`Các Bộ
    trưởng, Thủ trưởng cơ quan ngang bộ`)."""
    starts = {m.i: m for m in found}
    for m in found:
        o = starts.get(m.j + 1)
        if o is None or norms[m.j] != "," or norms[o.i] != "phó":
            continue
        k = _office_length(norms, m.i)
        if k and m.j - m.i == k and norms[m.i:m.j] == norms[o.i + 1:o.i + 1 + k] and o.j > o.i + 1 + k:
            m.j = o.j


_MEMBER_END: Final = frozenset({",", ";", "và", ".", ":"})


def _office_length(norms: list[str], i: int) -> int:
    """The length of the office-holder's title that opens at token i (`Giám đốc`, `Thủ trưởng`), 0 for none."""
    return _match_seq(norms, i, POSITIONS_ALL) if norms[i] in POSITIONS_ALL.idx else 0


def _organ_words(toks: Toks, s: int, e: int) -> bool:
    """Whether the words s..e read as the rest of an organ's name: capitalised words, level words, a determiner before
    a capitalised or level word, and four words in lower case at most, with no `và` and no verb among them
    (`Trung tâm` + `phục vụ hành chính công tỉnh`, `Hội đồng` + `kỷ luật`; not `Hội đồng kỷ luật` + `công bố kết quả bỏ
    phiếu kín`, `Hội đồng` + `triệu tập các phiên họp`)."""
    norms = toks.norm
    lower = 0
    for x in range(s, e):
        w = norms[x]
        if toks.cap[x] or w in LEVEL_WORDS.idx:
            continue
        if w == "và" or (w in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)) \
                or (w in DETERMINERS and x + 1 < e and not toks.cap[x + 1] and norms[x + 1] not in LEVEL_WORDS.idx):
            return False
        lower += w not in DETERMINERS
    return lower <= 4


def people_apart(out: list[Mention], toks: Toks) -> list[Mention]:
    """An office-holder's list split where it goes on with persons after `và` or a comma (`Thủ trưởng các cơ quan, đơn
    vị và tổ chức, cá nhân có liên quan`, `Thủ trưởng các cơ quan, tổ chức, cá nhân`): a head of office holds over
    organs, never over persons (models/bodies.toml no_office_over), so the persons are a body of their own."""
    norms = toks.norm
    res = []
    for m in out:
        k = _office_length(norms, m.i)
        cut = (_persons_after(norms, m, k, "và") or _persons_after(norms, m, k, ",")) if k else None
        if cut is None:
            res.append(m)
            continue
        res.append(Mention(m.i, cut, m.kind, m.organ))
        res.append(Mention(cut + 1, m.j, "collective"))
    return res


def _persons_after(norms: list[str], m: Mention, k: int, join: str) -> int | None:
    """The first `join` (`và`, else a comma) inside mention m, past its office (k tokens), that persons follow."""
    return next((x for x in range(m.i + k + 1, m.j - 1) if norms[x] == join
                 and _match_seq(norms, x + 1 + (norms[x + 1] in DETERMINERS), NO_OFFICE_OVER)), None)


def fronted_subject(m: Mention, toks: Toks) -> bool:
    """A province after the comma of a fronted clause, a duty right after it (`Để hoàn thành mục tiêu, tỉnh Bình Định
    cần tập trung ...`, `Tuy nhiên, tỉnh Đắk Lắk phải ...`): the clause's subject.  After a name's comma it is part of
    an address (`tại xã An Bình, tỉnh Kiên Giang cần có ...`), after any comma without a duty a place (`tại đảo Thổ
    Chu, tỉnh Kiên Giang`), and in a sentence that opens with no fronted clause a place too (`Người dân ở các xã vùng
    cao, tỉnh Lào Cai cần chủ động ...`)."""
    norms = toks.norm
    if not (m.kind == "province" and m.i > 1 and norms[m.i - 1] == "," and not toks.cap[m.i - 2]
            and _match_seq(norms, m.j, DUTY) and norms[m.j + 1:m.j + 2] != ["được"]):
        return False        # (`... cần được ưu tiên bố trí vốn`: what is done to it)
    s = m.i - 1
    while s > 0 and norms[s - 1] not in _SENTENCE_OPEN and not toks.para[s]:
        s -= 1
    return bool(_match_seq(norms, s, FRONTED_OPENERS) or _match_seq(norms, s, _CONNECTIVES))


# the sentence's opening before a fronted clause, and the connectives that open one (`Tuy nhiên, tỉnh X cần ...`)
_SENTENCE_OPEN: Final = frozenset({".", ";", ":", "!", "?"})
_CONNECTIVES: Final = Seqs(tuple(w.split()) for w in (
    "tuy nhiên", "do đó", "vì vậy", "bên cạnh đó", "ngoài ra", "đồng thời", "theo đó", "trong thời gian tới",
    "thời gian tới", "năm", "trong năm"))
