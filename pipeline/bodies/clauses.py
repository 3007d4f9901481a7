"""Clauses of a task's text (split at `;`, `.`, `:` and paragraph breaks) and groups of mentions
(lists joined by `,`, `và`, `;`).
"""
from __future__ import annotations

from typing import Final

from pipeline.bodies.extent import _heads_sorted
from pipeline.bodies.mentions import Mention
from pipeline.bodies.tokens import Toks, _ends_with, _match_seq, norm_token
from pipeline.bodies.vocab import (
    _PUNCT_LIST,
    _VERB_STOP_FIRST,
    DETERMINERS,
    HEADING_GOES_ON,
    HEADING_LABELS,
    HEADING_TOPIC,
    HEADS,
    LABELS,
    LEAD_VERBS,
    LIST_EMPHASIS,
    SHARED_HEADS,
    VERB_HEADS,
    VERB_STOP,
)

_LIST_INTRO = {"tỉnh", "phố", "huyện", "xã", "phường", "phương", "quận"}
_CLAUSE_PUNCT: Final = frozenset({";", "!", "?", ".", ":"})
_ROMAN = frozenset({"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"})


def _enum_mark(w: str) -> bool:
    """Whether a token can be the number of an inline enumerator: `1`, `12`, `a`, `đ`, `iv`."""
    return (w.isdigit() and len(w) <= 2) or (len(w) == 1 and w.isalpha()) or w in _ROMAN


def _enumerator_at(norms: list[str], x: int) -> int:
    """Length of an inline enumerator at x (`(1)`, `(iv)`, `a)`), or 0: `...: (1) Thanh tra Chính phủ ban
    hành ...; (2) Bộ Công an chủ trì ...` numbers clauses whose subjects open after it."""
    n = len(norms)
    if x + 2 < n and norms[x] == "(" and _enum_mark(norms[x + 1]) and norms[x + 2] == ")":
        return 3
    if x + 1 < n and _enum_mark(norms[x]) and norms[x + 1] == ")":
        return 2
    return 0


def _enumerator_before(norms: list[str], s: int, j: int) -> int:
    """Length of an inline enumerator that ends at j and starts at s or after a clause's punctuation or an
    opening filler, or 0."""
    for k in (3, 2):
        x = j - k
        if x >= s and _enumerator_at(norms, x) == k and (x == s or norms[x - 1] in _CLAUSE_PUNCT):
            return k
    return 0


def _clauses(toks: Toks) -> list[tuple[int, int]]:
    out, s = [], 0
    texts, paras, caps = toks.text, toks.para, toks.cap
    n = len(texts)
    punct = _CLAUSE_PUNCT
    # the punctuation and the paragraph breaks, in order (compiled, a loop in C with a set look-up a token: cheaper
    # than `compress` over a bound `__contains__` a token)
    ks = [k for k in range(n) if paras[k] or texts[k] in punct]
    # a capitalised field label inside a run (`Đơn vị chủ trì: Sở Y tế Đơn vị phối hợp: Sở Tài chính`, a table
    # row's cells on one line) opens a clause of its own
    labels = {k - q for k in ks if texts[k] == ":" and (q := _ends_with(toks.norm, k, LABELS)) and caps[k - q]}
    if labels:
        ks = sorted(set(ks) | labels)
    title = _title_end(toks)
    if title:
        out.append((0, title))      # a title in capitals never runs into the sentence on the line below it
        s = title
        ks = [k for k in ks if k >= title]
    parts = False       # a list of the parts a body is made of is open (`Ban Chỉ đạo gồm: Trưởng ban là ...; ...`)
    for k in ks:
        t = texts[k]
        para = paras[k]
        if k in labels:
            if k > s:
                out.append((s, k))
                s = k
            continue
        if t == ":" and _lists_parts(toks, k):
            parts = True
        elif t != ";" or para:
            parts = parts and t not in {".", "!", "?"} and not para
        end = t in {";", "!", "?"} and not (parts and t == ";" and _parts_go_on(toks, k)) \
            or (t == "." and (k + 1 == n or caps[k + 1])) \
            or (t == ":" and _colon_ends(toks, s, k)) \
            or (k > s and para and k + 1 < n and texts[k - 1] in {".", ":", ";"})
        if para and k > s and not end:
            # a paragraph break after a heading line (`Sở Y tế` / `Sở Y tế:`) ends the clause
            if toks.text[k - 1] in {":", ".", ";"} or not toks.text[k - 1][:1].isalpha() or _heading_like(toks, s, k):
                out.append((s, k))
                s = k
                continue
        if end:
            out.append((s, k + 1 if t != "\n" else k))
            s = k + 1
    if s < len(toks):
        out.append((s, len(toks)))
    return out


def _colon_ends(toks: Toks, s: int, k: int) -> bool:
    """Whether the colon at k ends the clause that opened at s: before a capital or an enumerator, or after a
    heading `<topic> X:`; not before the members of a list of localities or of a shared head (`UBND các tỉnh,
    thành phố: Quảng Ninh, Hải Phòng`, `Các Bộ: Xây dựng, Công Thương`), nor before the parts a body is made of."""
    norms = toks.norm
    capital = k + 1 < len(norms) and toks.cap[k + 1]
    members = k > 0 and (norms[k - 1] in _LIST_INTRO or _ends_with(norms, k, SHARED_HEADS)) \
        and "các" in norms[max(0, k - 5):k] and not _verb_opens(norms, k)
    if _topic_heading_ends(toks, s, k) and not (capital and members):     # (`Trách nhiệm của các Sở: Xây dựng, ...`)
        return True
    if not (k + 1 == len(norms) or capital or _enumerator_at(norms, k + 1)):
        return False
    return not members and not _lists_parts(toks, k)


def _lists_parts(toks: Toks, k: int) -> bool:
    """Whether the colon at k follows `gồm` (`bao gồm`, `gồm có`) and opens a list of names with no verb up to its
    end: what the clause's noun is made of (`các cơ quan giúp việc, gồm: Văn phòng, ban tổ chức ...`, `Hội đồng gồm
    có: Chủ tịch, Phó Chủ tịch`), the object of `gồm`, no subject of its own.  A verb there makes the items clauses
    (`Biện pháp bao gồm: Chủ tịch UBND cấp xã chỉ đạo ...`)."""
    norms = toks.norm
    if k == 0 or not (norms[k - 1] == "gồm" or norms[k - 2:k] == ["gồm", "có"]):
        return False
    return _parts_go_on(toks, k)


def _parts_go_on(toks: Toks, k: int) -> bool:
    """Whether the list of parts after the `gồm:` or `;` at k holds no verb up to the next punctuation: a verb of
    the clause is in lower case (`Ban Chỉ đạo`, capitalised, is a name; `là`, the member's seat, is none)."""
    norms = toks.norm
    for x in range(k + 1, min(len(norms), k + 40)):
        if norms[x] in _CLAUSE_PUNCT or toks.para[x] or norms[x] == "gồm":
            return True     # (`thành viên gồm đại diện lãnh đạo Sở Y tế`: a member's own parts, `lãnh đạo` a noun)
        if norms[x] in _VERB_STOP_FIRST and not toks.cap[x] and _match_seq(norms, x, VERB_STOP):
            return False
    return True


def _verb_opens(norms: list[str], k: int) -> bool:
    """Whether the colon at k after the localities of an organ (`Ủy ban nhân dân các tỉnh, thành phố:`) opens the
    organ's duty (`Chỉ đạo ...`, `Tổ chức ...`), not the list of its members (`: Quảng Ninh, Hải Phòng`); not after
    a shared head, whose items may begin with a verb's word (`Các Bộ: Xây dựng, Công Thương`).  A verb of doing of
    one word is no test (`cần`, `có`: `Cần Thơ` is a member)."""
    return norms[k - 1] in _LIST_INTRO and bool(_match_seq(norms, k + 1, VERB_STOP)
                                                or _match_seq(norms, k + 1, LEAD_VERBS) >= 2)


def _topic_heading_ends(toks: Toks, s: int, k: int) -> bool:
    """Whether the colon at k closes a heading `<topic> X:` that opens the clause at s (`Trách nhiệm của Sở Tài
    chính: bố trí kinh phí ...`, `Về phía UBND các xã: tổ chức ...`): the duties after it, in lower case on the same
    line too, are the named body's, as they are on the lines below a heading."""
    return k - s <= 20 and bool(_match_seq(toks.norm, s, HEADING_TOPIC))


def _title_end(toks: Toks) -> int:
    """The first token after the text's first line when that line is a title and a line follows it, else 0: a
    title in capitals (`KINH PHÍ THỰC HIỆN`, `VỀ CÁC NHIỆM VỤ, GIẢI PHÁP TRỌNG TÂM`), or a short heading with no
    closing punctuation and no word that goes on (`Kinh phí thực hiện` + line `Sở Tài chính bố trí ...`; not a
    wrapped line, `Sở Y tế phối hợp với` + line `Sở Tài chính ...`)."""
    src = toks.src
    nl = src.find("\n")
    words = src[:nl].split(None, 10) if nl > 0 else []     # (at most eleven: the tests below need ten words)
    labelled = len(words) > 10 and _labelled(words)
    if labelled:
        words = src[:nl].split()    # (a heading a label numbers may be long: `Bước 3. Thẩm định hồ sơ, lập ...`)
    if len(words) < 2 or not (src[:nl].isupper() or (
            (len(words) <= 10 or labelled and len(words) <= 40) and words[-1][-1:].isalnum()
            and norm_token(words[-1]) not in HEADING_GOES_ON and src[nl + 1:nl + 2].isupper()
            and not _names_a_body(toks, words))):
        return 0
    k = 1
    while k < len(toks) and not toks.nl_before(k):
        k += 1
    return k if k < len(toks) else 0


def _labelled(words: list[str]) -> bool:
    """Whether a line's words open with a heading's label and its number (`Bước 3.`, `Điều 2:`)."""
    number = words[1].rstrip(".:")
    return norm_token(words[0]) in HEADING_LABELS and number.isdigit() and words[1] != number


def _names_a_body(toks: Toks, words: list[str]) -> bool:
    """Whether a heading line names bodies or a field (`Sở Giáo dục và Đào tạo`, `Tỉnh đoàn`, `Các sở, ngành`,
    `Cơ quan phối hợp`, `Trách nhiệm của các cơ quan phối hợp`): the heading of the bodies' own tasks, which the
    roles read with the line below it."""
    norms = toks.norm
    # (a capital after a label's period opens the heading's own words, no name: `Bước 3. Thẩm định hồ sơ`)
    if any(w[:1].isupper() and not before.endswith(".") for before, w in zip(words, words[1:], strict=False)):
        return True
    if any(tuple(norms[:q]) in VERB_HEADS and _match_seq(norms, q, VERB_STOP) for q in (1, 2)):
        return False        # `Tổ chức thực hiện` (an article's title): the head word is the heading's verb
    return norms[0] in DETERMINERS or bool(
        _match_seq(norms, 0, HEADS) or _match_seq(norms, 0, _heads_sorted()) or _match_seq(norms, 0, LABELS)
        or _match_seq(norms, 0, HEADING_TOPIC))


def _heading_like(toks: Toks, s: int, k: int) -> bool:
    return k - s <= 14


def _groups(ms: list[Mention], norms: list[str]) -> list[list[Mention]]:
    """Mentions joined by `,` / `và` / `;` inside a list form one group."""
    groups: list[list[Mention]] = []
    for m in ms:
        if groups:
            last = groups[-1][-1]
            between = norms[last.j:m.i]
            if between[:1] == ["("] and ")" in between[:12]:
                # `chi ủy thôn (ấp, khu, bản) đơn vị cấp dưới`: a parenthesis inside a list
                between = between[between.index(")") + 1:]
            if between[:1] == [","] and len(between) > 1 and _match_seq(between, 1, LIST_EMPHASIS) == len(between) - 1:
                groups[-1].append(m)    # `các bộ, ngành, nhất là Bộ Xây dựng`: a member singled out
                continue
            if len(between) <= 3 and all(w in _PUNCT_LIST or w in {"các", "tỉnh", "thành", "phố", ":", "với"}
                                         for w in between):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups
