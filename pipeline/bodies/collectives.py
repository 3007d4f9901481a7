"""Collectives of the bodies stage: `các`/`những`/... + generic heads (`collectives.tsv`) joined by commas,
kept as ONE body (`các sở, ban, ngành`), with their modifiers and the qualifiers that belong to the name
(`thuộc Bộ`, `... có liên quan`, `chuyên môn về y tế`, `đóng trên địa bàn`).
"""
from __future__ import annotations

from typing import Final

from pipeline.bodies.descriptions import _bound_duty
from pipeline.bodies.extent import (
    Mention,
    _extend_name,
    _heads_sorted,
    _is_name_tok,
    _prov_seqs,
)
from pipeline.bodies.gazetteer import (
    collective_heads,
)
from pipeline.bodies.tokens import ACRONYMS, ALPHA, ALPHA_FIRST, DIGITS, UPPER, Seqs, Toks, _match_seq
from pipeline.bodies.vocab import (
    _GOVERNS,
    _VERB_STOP_FIRST,
    BARE_KINDS,
    BARE_OK,
    CUE_FIRST,
    DETERMINERS,
    GENITIVE_HEADS,
    HEADS,
    LEVEL_WORDS,
    MODIFIERS,
    OWNER_HEADS,
    POSITIONS_ALL,
    PROJECT_PARTIES,
    REGIONAL_HEADS,
    RELATED,
    STANDALONE,
    STOP_LOW,
    TOPIC_OPENERS,
    VERB_HEADS,
    VERB_STOP,
)


def _is_acronym(t: str) -> bool:
    return ACRONYMS[t]


# generic heads that with an acronym after them name a kind of body (`cơ sở KCB`, `cơ quan BHXH`)
_ACRONYM_HEADS = {("cơ", "sở"), ("cơ", "quan"), ("đơn", "vị")}
# `tổ chức` is a body only beside `cá nhân` (`tổ chức, cá nhân có liên quan`); elsewhere it is a verb
_PERSONS_NEXT = {(",", "cá"), ("và", "cá"), ("cá", "nhân")}
# a generic head followed by these words is another noun (`trường hợp`, `cơ sở dữ liệu`, `cấp độ`)
_NOT_AFTER_COLLECTIVE = {("trường",): {"hợp"}, ("cơ", "sở"): {"dữ", "vật", "pháp", "hạ", "khoa"},
                         ("cấp",): {"quản", "độ", "phép", "bách", "giấy", "nước", "phát", "bộ"},
                         ("ngành",): {"nghề", "hàng", "học"}, ("hội",): {"nghị", "viên", "thi", "thảo", "đủ"},
                         ("ban",): {"hành", "đầu", "ngày", "đêm"}, ("đơn", "vị"): {"tính", "hành"},
                         ("trung", "tâm"): {"mua", "thương", "hội"},     # shopping and convention centres
                         ("phòng",): {"chống", "ngừa", "tránh", "cháy", "họp", "học", "làm", "khám", "thí", "máy", "ở",
                                      "trọ", "dịch", "bệnh", "thủ", "vệ"}}  # rooms and the verb of prevention

# what `tổ chức` organises, right after it (`tổ chức tập huấn`, `tổ chức Hội nghị`, `tổ chức 02 lớp`, `tổ chức “Ngày
# hội ...”`): the verb; a noun's words (`tổ chức quốc tế`, `tổ chức, cá nhân`) are none of these
_ORGANISED: Final = frozenset({"tập", "khảo", "hội", "lễ", "lớp", "đoàn", "các", "diễn", "đợt", "cuộc", "buổi", "kiểm",
                               "thanh", "giám", "rà", "đánh", "tuyên", "phổ", "triển", "thực", "trực", "hướng", "tiếp",
                               "hoạt", "chương", "phong", "cho", "thi", "họp", "gặp", "đối", "tọa", "toạ", "ký", "xây",
                               "vận", "quán", "sơ", "tổng"})


def _organises(toks: Toks, x: int) -> bool:
    """Whether the word at x is what a verb `tổ chức` before it organises: an event or an activity, a count, a
    quoted or capitalised name."""
    w, norm = toks.text[x], toks.norm[x]
    if norm == "hội":       # (`tổ chức hội nghị`, `hội thảo`, `hội thi`; `tổ chức hội` alone: associations)
        return x + 1 < len(toks.norm) and toks.norm[x + 1] in {"nghị", "thảo", "thi", "diễn", "chợ", "trại"}
    if toks.cap[x] and (_match_seq(toks.norm, x, HEADS) or _match_seq(toks.norm, x, _heads_sorted())):
        return False        # (`tổ chức Công đoàn cơ sở`: an organisation named, a member of the list)
    return norm in _ORGANISED or w[:1].isdigit() or w[:1] in "“\"'«" or toks.cap[x]

_DEPUTY_GROUP: Final = ("tổ", "đại", "biểu")
_COUNCILS: Final = (("hội", "đồng", "nhân", "dân"), ("hđnd",))


def _collective_at(norms: list[str], toks: Toks, i: int, bare: bool = False) -> int:
    """End of a collective that starts at i with `các`/`những`/... + generic head, or 0.  With
    `bare`, a head without determiner may start it (only heads that are no ordinary word)."""
    n = len(norms)
    at = _head_at(norms, toks, i, bare)
    if at is None:
        return 0
    j, head = at
    if head[:3] == _DEPUTY_GROUP and len(head) > 3:
        return _extend_name(toks, norms, j)     # the council's level and place (`Tổ đại biểu HĐND huyện Phù Cát`)
    if UPPER[toks.text[j - 1]] and len(toks.text[j - 1]) > 1:
        # a head printed in capitals, a title's (`ĐƠN VỊ GIỚI THIỆU NGƯỜI ỨNG CỬ`): the capitals after it are
        # the title's words, no acronym or name
        return _qualifier_end(toks, norms, _heads_run(toks, norms, j, head))
    while j < n and not toks.para[j] and _is_acronym(toks.text[j]):
        j += 1          # `cơ sở KCB BHYT`, `cơ quan BHXH`
    if head in _ACRONYM_HEADS and j < n and not toks.para[j] and _is_name_tok(toks, j) \
            and not _match_seq(norms, j, _prov_seqs()) and not _match_seq(norms, j, MODIFIERS):
        end = _sector_end(toks, norms, j)
        if end:
            return end
    return _qualifier_end(toks, norms, _heads_run(toks, norms, j, head))


def _head_at(norms: list[str], toks: Toks, i: int, bare: bool) -> tuple[int, tuple[str, ...]] | None:
    """The end of the determiner and generic head that open a collective at i, and the head; None where
    none does (`các trường hợp`, `các cấp quản lý`, `cơ sở dữ liệu`, a bare head that is an ordinary word)."""
    n = len(norms)
    j = i
    if j >= n:
        return None
    if norms[j] in DETERMINERS:
        j += 1
        if j < n and norms[j] in {"cơ", "cả"} and norms[i] == "tất":
            j += 1
    elif _counted_kinds(norms, toks, j):
        j += 1      # `19 bộ, cơ quan trung ương`, `05 bộ, ngành liên quan`: a count of a list of kinds
    elif not bare:
        return None
    k = _match_seq(norms, j, _heads_sorted())
    if not k:
        return None
    head = tuple(norms[j:j + k])
    if j == i and collective_heads()[head] not in BARE_KINDS and head not in BARE_OK \
            and not (j + k + 1 < n and norms[j + k] == "," and not toks.para[j + k + 1] and head != ("cấp",)
                     and collective_heads()[head] == "organ" and _match_seq(norms, j + k + 1, _heads_sorted())) \
            and not (head == ("tổ", "chức") and tuple(norms[j + k:j + k + 2]) in _PERSONS_NEXT) \
            and not (j + k < n and _is_acronym(toks.text[j + k]) and head in _ACRONYM_HEADS
                     and not UPPER[toks.text[j + k - 1]]) \
            and not (head in GENITIVE_HEADS and j + k < n and norms[j + k] in {"các", "khối"}) \
            and not _described_subject(toks, i, head, j + k):
        return None
    if j + k < n and norms[j + k] in _NOT_AFTER_COLLECTIVE.get(head, ()):
        return None
    return j + k, head


def _described_subject(toks: Toks, i: int, head: tuple[str, ...], j: int) -> bool:
    """Whether a bare head that opens its line or clause is a subject described up to a bounding duty (`Cơ quan
    đăng ký đầu tư có trách nhiệm ...`: the words say which bodies of the kind are meant); not a head that is
    a verb too (`Tổ chức thực hiện ... có trách nhiệm`, `cấp`)."""
    return (i == 0 or toks.para[i] or toks.nl_before(i) or toks.norm[i - 1] in {":", ";"}) \
        and head not in VERB_HEADS and _bound_duty(toks, j, j + 14, frozenset()) is not None



def _counted_kinds(norms: list[str], toks: Toks, j: int) -> bool:
    """A number at j that counts a list of kinds of organs (`19 bộ, cơ quan`, `63 tỉnh, thành phố`), as `các`
    does; not one kind alone, which may be a quantity of things (`02 bộ hồ sơ`)."""
    if not (DIGITS[norms[j]] and len(norms[j]) <= 3) or j + 1 >= len(norms) or toks.para[j + 1]:
        return False
    heads = _heads_sorted()
    k = _match_seq(norms, j + 1, heads)
    return bool(k) and collective_heads()[tuple(norms[j + 1:j + 1 + k])] in ("organ", "level") \
        and j + 2 + k < len(norms) and norms[j + 1 + k] == "," and bool(_match_seq(norms, j + 2 + k, heads))


def _sector_end(toks: Toks, norms: list[str], j: int) -> int:
    """After `cơ quan`/`cơ sở`/`đơn vị`, a sector named by a capitalised word with no name of its own:
    `cơ quan Thuế`, `cơ quan Công an`, `cơ quan Bảo hiểm xã hội tỉnh`; it closes the collective (`cơ quan
    Công an, lực lượng Quân đội` are two); `cơ quan Sở Y tế` names the organ after the generic word (0)."""
    n = len(norms)
    k2 = _match_seq(norms, j, HEADS)
    if k2 and _match_seq(norms, j, REGIONAL_HEADS) == k2:
        k2 = 0      # `cơ quan Thuế`, `cơ quan Hải quan`: the sector, no organ of a region
    end = j + k2 if k2 >= 2 else (_extend_name(toks, norms, j) if not k2 else 0)
    if not end or end - j > 6 or (end < n and not toks.para[end] and _is_name_tok(toks, end)):
        return 0
    while end < n and not toks.para[end] and _match_seq(norms, end, MODIFIERS):
        end += _match_seq(norms, end, MODIFIERS)
    return end


def _heads_run(toks: Toks, norms: list[str], j: int, head: tuple[str, ...]) -> int:
    """End of the modifiers and further generic heads of a collective from j (`các sở, ban, ngành tỉnh`,
    `đảng ủy các bộ`, `các đơn vị trực thuộc các sở, ngành`)."""
    n = len(norms)
    heads = _heads_sorted()
    while j < n and not toks.para[j]:
        if norms[j] == "." and j + 1 < n and not toks.cap[j + 1] and _match_seq(norms, j + 1, MODIFIERS):
            j += 1      # `các Bộ, cơ quan. liên quan`: a scan's stray dot, no sentence opens in lower case
            continue
        m = _match_seq(norms, j, MODIFIERS)
        if m and not (j + m < n and norms[j + m] == "ủy" and norms[j + m - 1] in {"tỉnh", "huyện", "quận", "đảng"}):
            # (`trực thuộc Tỉnh ủy`: a party committee, no level word, nor `Đảng ủy` a modifier `đảng`;
            # `Trung ương ủy nhiệm` is one)
            j += m
            continue
        if norms[j] == "các" and (head in GENITIVE_HEADS or tuple(norms[j - 2:j]) == ("trực", "thuộc")) \
                and j + 1 < n and not toks.para[j + 1] and not _match_seq(norms, j, MODIFIERS):
            k = _match_seq(norms, j + 1, heads)
            if k and collective_heads()[tuple(norms[j + 1:j + 1 + k])] in ("organ", "level"):
                # the committees or the units of each organ of a kind: `đảng ủy các bộ`, `chi bộ các thôn`,
                # `các đơn vị trực thuộc các sở, ngành`
                head = tuple(norms[j + 1:j + 1 + k])
                j += 1 + k
                continue
        k = _next_head(toks, norms, j, head)
        if not k:
            break
        head = tuple(norms[j + 1:j + 1 + k])
        j += 1 + k
    return j


def _next_head(toks: Toks, norms: list[str], j: int, head: tuple[str, ...]) -> int:
    """Length of the generic head that continues a collective after the `,`/`và`/`/` at j, or 0."""
    n = len(norms)
    if norms[j] not in {",", "và", "/"} or j + 1 >= n or toks.para[j + 1]:
        return 0
    heads = _heads_sorted()
    k = _match_seq(norms, j + 1, heads)
    if not k:
        return 0
    nxt = tuple(norms[j + 1:j + 1 + k])
    if nxt in GENITIVE_HEADS and j + 1 + k < n and norms[j + 1 + k] == "các" \
            and _match_seq(norms, j + 2 + k, heads) and not _match_seq(norms, j + 1 + k, MODIFIERS):
        return 0    # `các ban đảng, đảng ủy các bộ`: the next member names the organs of a kind of its own
    if nxt[:2] == ("tổ", "chức") and (norms[j] == "và" and k == 2 and _match_seq(norms, j + 3, VERB_STOP)
                                      or norms[j - 2:j] == ["liên", "quan"] and j + 3 < n and _organises(toks, j + 3)):
        return 0    # `các cơ quan, đơn vị có liên quan và tổ chức triển khai`, `phối hợp với các đơn vị liên quan,
        # tổ chức tập huấn`: the verb `tổ chức` (a list closed by `liên quan` has no member after it)
    if norms[j + 1] in DETERMINERS or (head in PROJECT_PARTIES and nxt in PROJECT_PARTIES) \
            or (toks.cap[j + 1] and j + 1 + k < n and _is_name_tok(toks, j + 1 + k)):
        return 0    # (a capitalised head with a name after it is an organ of its own: `, Trung tâm Hỗ trợ X`)
    return k




def _qualifier_end(toks: Toks, norms: list[str], j: int) -> int:
    """End of the qualifiers that belong to a collective's name after its modifiers, or j: `thuộc`
    + a bare capitalised owner (`các đơn vị thuộc Bộ`, `thuộc cơ quan Bộ`), `thuộc phạm vi quản lý`,
    and a few words closed by `(khác) (có) liên quan` (`các đơn vị xây dựng pháp luật có liên quan`,
    `các cơ quan, đơn vị trong và ngoài Bộ Tư pháp có liên quan`)."""
    n = len(norms)
    if j >= n or toks.para[j] or (norms[j] not in {"thuộc", "về", "đóng"} and "liên" not in norms[j:j + 11]):
        return j
    if norms[j] == "về" and tuple(norms[j - 2:j]) == ("chuyên", "môn"):
        # `cơ quan chuyên môn về y tế (cấp tỉnh)`: the field of a specialised body is part of its name
        x = j + 1
        while x < n and x - j <= 3 and not toks.para[x] and ALPHA[toks.text[x]] and not toks.cap[x] \
                and (norms[x] not in STOP_LOW or norms[x] == "quản") and norms[x] not in CUE_FIRST \
                and norms[x] not in {"việc", "công", "những", "nội"} \
                and not _match_seq(norms, x, LEVEL_WORDS) and not _match_seq(norms, x, MODIFIERS) \
                and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
            x += 1
        if x > j + 1:
            while x < n and not toks.para[x] and _match_seq(norms, x, MODIFIERS):
                x += _match_seq(norms, x, MODIFIERS)
            return _qualifier_end(toks, norms, x) if x < n and norms[x] != "về" else x
    if norms[j] == "đóng":
        # `các đơn vị đóng (quân) trên địa bàn (tỉnh)`: where the units are stationed names which ones
        x = j + 1 + (j + 1 < n and norms[j + 1] == "quân")
        if x + 2 < n and norms[x] in {"trên", "tại"} and norms[x + 1:x + 3] == ["địa", "bàn"] and not toks.para[x]:
            x += 3
            while x < n and not toks.para[x] and _match_seq(norms, x, MODIFIERS):
                x += _match_seq(norms, x, MODIFIERS)
            return x
    if norms[j] == "thuộc":
        x = j + 1
        if tuple(norms[x:x + 2]) == ("cơ", "quan"):
            x += 2
        if x < n and toks.cap[x] and norms[x] in OWNER_HEADS and not toks.para[x] \
                and not (x + 1 < n and _is_name_tok(toks, x + 1)):
            # the owner's level is part of it (`các phòng chuyên môn thuộc UBND huyện`)
            return x + 1 + (_match_seq(norms, x + 1, LEVEL_WORDS) if x + 1 < n and not toks.para[x + 1] else 0)
        if tuple(norms[j + 1:j + 4]) == ("phạm", "vi", "quản") and j + 4 < n and norms[j + 4] == "lý":
            return j + 5
    x = j
    while x < n and x - j < 8 and not toks.para[x] and ALPHA_FIRST[toks.text[x]] and norms[x] not in DETERMINERS \
            and norms[x] not in TOPIC_OPENERS \
            and not _match_seq(norms, x, RELATED) \
            and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP) and norms[x] != "có"):
        x += 1
    k = _match_seq(norms, x, RELATED) if x < n else 0
    if k and x > j:
        return x + k
    return j


def _units_of_kind_end(toks: Toks, norms: list[str], i: int, j: int) -> int:
    """End of the kind of units after an organ's head that ends at j (`Công an` + `các đơn vị, địa phương`, `Thanh
    tra` + `các Bộ, ngành, địa phương`): the organ of each is one body; without `các`, only a list of kinds (`Công an
    đơn vị` alone is the police's own unit); not after an office-holder or a committee of a kind (their own rules)."""
    if j >= len(norms) or toks.para[j] or _match_seq(norms, i, STANDALONE) or _match_seq(norms, i, POSITIONS_ALL) \
            or tuple(norms[i:j]) in GENITIVE_HEADS:
        return j
    c = _collective_at(norms, toks, j, bare=norms[j] not in DETERMINERS)
    return c if c and (norms[j] in DETERMINERS or "," in norms[j:c]) else j


def _tiled_by_heads(norms: list[str], s: int, e: int, heads: Seqs) -> bool:
    """Whether the words s..e are generic heads one after another (`bộ ngành`, `cơ quan`), not a name whose
    words only begin or end heads (`Hội đồng nhân dân tỉnh`: `hội` and `tỉnh` are heads, the rest no head)."""
    while s < e:
        k = _match_seq(norms, s, heads)
        if not k:
            return False
        s += k
    return True


def _governed_list(toks: Toks, k: int) -> bool:
    """Whether the list that the comma at k continues opens right after a preposition (`của`, `tại`)."""
    norms = toks.norm
    heads = _heads_sorted()
    x = k
    for _ in range(6):
        if x <= 0 or norms[x] != ",":
            break
        y = x - 1
        while y >= 0 and (norms[y] in heads.idx or norms[y] in heads.ridx or norms[y] in DETERMINERS):
            y -= 1
        s = y + 1 + (norms[y + 1] in DETERMINERS)
        if y == x - 1 or not _match_seq(norms, s, heads) or (toks.cap[s] and not _tiled_by_heads(norms, s, x, heads)):
            return False    # (an organ's name is no list of heads: `với Ủy ban nhân dân cấp tỉnh, bộ, ngành`,
        x = y               # `các Ban của Hội đồng nhân dân tỉnh, Tổ đại biểu ...`)
    return x >= 0 and norms[x] in _GOVERNS


def _council_deputies(toks: Toks, found: list[Mention]) -> list[Mention]:
    """The council's deputies listed after its deputy groups (`các Tổ đại biểu và đại biểu HĐND tỉnh`, `Tổ đại biểu
    Hội đồng nhân dân huyện và đại biểu Hội đồng nhân dân huyện`, who supervise a resolution with the standing
    committee and the boards): a body of their own.  Deputies anywhere else are people a text speaks of (`bầu cử
    đại biểu Quốc hội và đại biểu HĐND các cấp`), no head of a collective."""
    norms = toks.norm
    n = len(norms)
    out = []
    for m in found:
        s, x = m.i + (norms[m.i] in DETERMINERS), m.j
        d = x + 1 + (x + 1 < n and norms[x + 1] in DETERMINERS)     # (`Tổ đại biểu và các đại biểu HĐND`)
        if tuple(norms[s:s + 3]) != _DEPUTY_GROUP or d + 2 >= n or norms[x] != "và" \
                or norms[d:d + 2] != ["đại", "biểu"] or toks.para[x + 1]:
            continue
        k = next((len(c) for c in _COUNCILS if tuple(norms[d + 2:d + 2 + len(c)]) == c), 0)
        if k:
            out.append(Mention(x + 1, _extend_name(toks, norms, d + 2 + k), "collective"))
    return out

