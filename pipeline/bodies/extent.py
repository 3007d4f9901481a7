"""Mentions of bodies and the extent of productive names: an organ head + capitalised words (each with
at most one lower-case syllable), `và`/`-` + capitalised, level words and a province; a lower-case field
after a comma that closes a list item (`Vụ Phổ biến, giáo dục pháp luật`); where a name ends (a verb
phrase, a line that opens a new sentence or another name, a person marker)."""
from __future__ import annotations

import functools
from dataclasses import dataclass

from pipeline.bodies.gazetteer import _heads_sorted, _prov_seqs, organ_aliases, organ_seqs
from pipeline.bodies.tokens import ALPHA_FIRST, DIGITS, NAME_FIRST, UPPER, Toks, _ends_with, _match_seq, norm_token
from pipeline.bodies.vocab import (
    _NAME_WORDS,
    _VERB_STOP_FIRST,
    COMPANY_FORMS,
    CUE_FIRST,
    DETERMINERS,
    FIELD_STOP,
    HEADS,
    LABELS,
    LEAD_VERBS,
    LEVEL_WORDS,
    LINE_OPENER_PHRASES,
    LINE_OPENERS,
    NAME_COMPOUNDS,
    NAME_FIELDS,
    NEW_ORGAN,
    NUMBERED_UNITS,
    PERSON_MARKER_FIRST,
    POSITIONS_ALL,
    REGIONAL_HEADS,
    STOP_LOW,
    VERB_STOP,
)


@dataclass(slots=True)
class Mention:
    i: int              # first token
    j: int              # one past the last token
    kind: str           # named | productive | collective | province
    organ: str | None = None   # organs.tsv name when matched there
    head: str | None = None    # the head a list shares, printed before the item's name (`Các Bộ: Tài chính`)
    name_from: int | None = None   # where the item's own name starts when the mention holds the shared head
    name_to: int | None = None     # where the name ends when the mention holds more (its owner in parentheses)


def _start_of(m: Mention) -> int:
    return m.i


def _is_name_tok(toks: Toks, k: int) -> bool:    # (`toks.cap[k]` without its call: asked at most words of names)
    return NAME_FIRST[toks.text[k]]


# party committees, continuing a name in lower case too (`bí thư tỉnh ủy`)
_COMMITTEES = {(norm_token(c), "ủy") for c in ("tỉnh", "thành", "huyện", "thị", "quận", "đảng")}
# The words before a regional unit's number (`chi nhánh Khu vực 9`, `Hải quan khu vực IV`): part of the name.
_NUMBERED = {("khu", "vực")}
_ROMAN_UP = frozenset({"I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII", "XIII", "XIV",
                       "XV", "XVI", "XVII", "XVIII", "XIX", "XX"})


def _unit_number(toks: Toks, norms: list[str], j: int) -> int:
    """End of a regional unit's number at j (`khu vực 8`, `khu vực XI`: `Kho bạc Nhà nước khu vực XI`), or 0."""
    if j + 2 < len(norms) and tuple(norms[j:j + 2]) in _NUMBERED and not toks.para[j + 2] \
            and ((DIGITS[norms[j + 2]] and len(norms[j + 2]) <= 2) or toks.text[j + 2] in _ROMAN_UP):
        return j + 3
    return 0


def _extend_name(toks: Toks, norms: list[str], j: int) -> int:
    """Extend a productive name from token j: capitalised words (each with at most one lower-case
    syllable after it), `và`/`-`/`&` + capitalised, level words and a province."""
    n = len(norms)
    j0 = j
    while j < n and not toks.para[j]:
        k = _match_seq(norms, j, HEADS) if norms[j] in HEADS.fwd else 0     # (no call on most words)
        if j > j0 and toks.cap[j] and (norms[j] in NEW_ORGAN and not _standing_office(norms, j0, j)
                                       or _label_at(norms, j) or k and j > j0 + 1 and toks.nl_before(j)
                                       or norms[j] in POSITIONS_ALL.fwd and _next_office(toks, norms, j)):
            break       # (`Đơn vị chủ trì: Sở Y tế Đơn vị phối hợp: ...`: a field label ends the name; `Trung tâm
            # Chuyển đổi số Thành phố` + line `Trung tâm ... chủ trì`: a name opens the next line; `_next_office`)
        if k and (toks.cap[j] or tuple(norms[j:j + k]) in _COMMITTEES) and k > 1 \
                and _match_seq(norms, j, REGIONAL_HEADS) != k:     # (`Chi cục Hải quan cửa khẩu`)
            j += k
            continue
        k = (norms[j] == "cấp" and _level_committee(toks, norms, j)) or (j == j0 and _right_after_head(toks, norms, j))
        if k:
            j += k
            j0 = j
            continue
        if j > j0 and (toks.nl_before(j) and _opens_a_line(toks, norms, j) or _verb_after_name(toks, norms, j0, j)):
            break       # `Ủy ban MTTQ thành phố` + line `Tăng cường công tác ...`, `Đ/c ...`, `Vào ngày ...`
        if _is_name_tok(toks, j) and not (UPPER[toks.text[j]] and len(toks.text[j]) > 1 and j + 1 < n
                                          and UPPER[toks.text[j + 1]]):
            j = _capitalised_run(toks, norms, j + 1, j0)
            continue
        if norms[j] == "," and j > j0 and toks.cap[j0] and (
                _fields_and_end(toks, norms, j0, j) or _field_list_end(toks, norms, j + 1)):
            # `Phòng Kinh tế, Hạ tầng và Đô thị`: the fields of one organ, listed with commas and closed by `và`;
            # `Vụ Phổ biến, giáo dục pháp luật`: a lower-case field after a comma, up to the end of the
            # list item, is part of the name
            j = _fields_and_end(toks, norms, j0, j) or _field_list_end(toks, norms, j + 1)
            continue
        if j > j0 and (DIGITS[norms[j]] and len(norms[j]) <= 2 or toks.text[j] in _ROMAN_UP) \
                and tuple(norms[j - 2:j]) in _NUMBERED:
            j += 1      # `Ngân hàng Nhà nước chi nhánh Khu vực 9`: the unit's number
            continue
        if DIGITS[norms[j]] and len(norms[j]) <= 2 and norms[j][0] != "0" and _ends_with(norms, j, NUMBERED_UNITS):
            j += 1      # `Quân khu 5`, `Vùng Cảnh sát biển 2` (not a quantity: `Bộ Tài chính 02 bộ hồ sơ`)
            continue
        if norms[j] == "khu" and _unit_number(toks, norms, j):
            j = _unit_number(toks, norms, j)    # `Hải quan khu vực IV`
            continue
        if norms[j] in {"và", "-", "&", "–"} and j + 1 < n and _is_name_tok(toks, j + 1) \
                and not toks.para[j + 1] and not _match_seq(norms, j + 1, HEADS) and norms[j + 1] not in DETERMINERS:
            j += 1
            continue
        if norms[j] == "các" and j + 2 <= n and norms[j + 1:j + 2] == ["cấp"] and j == j0 \
                and (j + 2 == n or norms[j + 2] not in {"ủy", "độ"}):
            j += 2      # `Ủy ban nhân dân các cấp`, `chính quyền các cấp`: every level's organ (not `các cấp ủy`)
            break
        if norms[j] != "các" and norms[j] not in LEVEL_WORDS.fwd and not DIGITS[norms[j]]:
            break       # (no level word here: the common case, without a call)
        e = _level_run(toks, norms, j)
        if not e or norms[e - 2:e] == ["cùng", "cấp"]:
            return e or j       # (`Ủy ban nhân dân cùng cấp`: the level of the subject's own, which no name follows)
        j = e
    return j


def _next_office(toks: Toks, norms: list[str], j: int) -> bool:
    """A position heading an organ: the next office-holder (`Giám đốc Sở Tài chính Giám đốc Sở Xây dựng`, no comma)."""
    k = _match_seq(norms, j, POSITIONS_ALL) if norms[j - 1] != "phó" else 0     # (`Phó Trưởng ban`: one title)
    return bool(k) and j + k < len(norms) and toks.cap[j + k] and (
        norms[j + k] in NEW_ORGAN or bool(_match_seq(norms, j + k, HEADS)))


def _standing_office(norms: list[str], j0: int, j: int) -> bool:
    """`Phó Chủ tịch Thường trực` + `UBND tỉnh`: the standing office-holder's organ follows the office."""
    return j == j0 + 2 and norms[j0:j] == ["thường", "trực"] and bool(_ends_with(norms, j0, POSITIONS_ALL))


def _cap_words_end(toks: Toks, norms: list[str], x: int, name_start: bool = False) -> int:
    """End of a run of capitalised words from x, each with at most one lower-case syllable after it (`Hạ tầng`,
    `Thông tin`, `Thẩm định`: a compound of names whose second syllable is a cue elsewhere), on the line; x where
    none starts (a head, a province or a determiner starts no field; at the `name_start`, the first word after the
    organ's head, a head is a word of the name: `Phòng Tổ chức, Tuyên truyền và Xây dựng lực lượng`)."""
    n = len(norms)
    y = x
    while y < n and not toks.para[y] and _is_name_tok(toks, y) and not (y > x and toks.nl_before(y)) \
            and not (norms[y] in HEADS.fwd and _match_seq(norms, y, HEADS) and not (name_start and y == x)) \
            and not _match_seq(norms, y, _prov_seqs()):
        y += 1
        if y < n and not toks.para[y] and not toks.cap[y] and ALPHA_FIRST[toks.text[y]] \
                and (_match_seq(norms, y - 1, NAME_COMPOUNDS) == 2 or (
                    norms[y] not in STOP_LOW and norms[y] not in CUE_FIRST and not _match_seq(norms, y, LEVEL_WORDS))):
            y += 1
    return y


def _fields_and_end(toks: Toks, norms: list[str], j0: int, j: int) -> int:
    """End of the fields after the comma at j that close one organ's name with `và` (`Phòng Kinh tế` + `, Hạ tầng
    và Đô thị`: `, Field`* then `và Field`, each field capitalised), or 0.  Not where `và` joins the name of an
    organ of its own (`Sở Tài chính, Kế hoạch và Đầu tư`: `Sở Kế hoạch và Đầu tư` is another member)."""
    n = len(norms)
    if _cap_words_end(toks, norms, j0, name_start=True) != j:
        return 0    # (`UBND huyện Nam Đàn, Hưng Nguyên và Nghi Lộc`: after a level word, a list of places)
    x = j
    fields = []
    while x < n and norms[x] == "," and x + 1 < n and not toks.para[x + 1] \
            and tuple(norms[x + 1:x + 3]) not in _MEMBER_TITLES:
        y = _cap_words_end(toks, norms, x + 1)
        if y == x + 1:
            return 0
        fields.append(tuple(norms[x + 1:y]))
        x = y
    if x > j and x < n and not toks.para[x] and _match_seq(norms, x, LEVEL_WORDS):
        # the level word that closes the name closes its fields too (`Đài Phát thanh, Truyền hình tỉnh`)
        return 0 if _fields_of_organs(norms, j0, fields + [tuple(norms[j0:j])]) else x - len(fields[-1])
    if x == j or x + 1 >= n or norms[x] != "và" or toks.para[x + 1] or tuple(norms[x + 1:x + 3]) in _MEMBER_TITLES:
        return 0
    end = _cap_words_end(toks, norms, x + 1)
    if end == x + 1:
        return 0
    fields += [tuple(norms[j0:j]), tuple(norms[x + 1:end]), fields[-1] + ("và",) + tuple(norms[x + 1:end])]
    # (the last field runs on as a name does: `Xây dựng lực lượng`, `Bảo tàng địa chất`)
    return 0 if _fields_of_organs(norms, j0, fields) else x + 1


def _fields_of_organs(norms: list[str], j0: int, fields: list[tuple[str, ...]]) -> bool:
    """Whether a field with the head before j0 names an organ of the gazetteer (`Sở Tài chính, Xây dựng và Công
    Thương`, `Hội Nông dân, Cựu chiến binh và Phụ nữ`): organs sharing a head, a list, not one organ's fields."""
    heads = [tuple(norms[j0 - h:j0]) for h in (1, 2, 3) if j0 - h >= 0]
    aliases = organ_aliases()
    return any(h + f in aliases or h + f + ("tỉnh",) in aliases for h in heads for f in fields)


# the members of a body listed after its name are people, no field of it (`Phó Chủ tịch Hội đồng, Ủy viên và Thư ký`)
_MEMBER_TITLES = {("ủy", "viên"), ("uỷ", "viên"), ("thư", "ký"), ("thành", "viên")}


def _right_after_head(toks: Toks, norms: list[str], j: int) -> int:
    """Length of what a name keeps right after its head at j, or 0: a company's legal form before its name
    (`Công ty TNHH MTV X`, `Công ty cổ phần X`), an office's `thường trực` before its organ, a field in lower case
    (`Văn phòng đăng ký đất đai`, `Bộ phận tiếp nhận và trả kết quả`: models/bodies.toml name_fields)."""
    n = len(norms)
    k = _match_seq(norms, j, COMPANY_FORMS) if norms[j] in COMPANY_FORMS.fwd else 0
    if k and j + k < n and not toks.para[j + k] and _is_name_tok(toks, j + k):
        return k
    if norms[j:j + 2] == ["thường", "trực"] and j + 2 < n and toks.cap[j + 2] and _ends_with(norms, j, POSITIONS_ALL):
        return 2        # `Phó Chủ tịch thường trực UBND tỉnh`, `Phó Bí thư thường trực Tỉnh ủy`: the standing one
    return _match_seq(norms, j, NAME_FIELDS) if not toks.cap[j] and not toks.para[j] else 0


def _level_committee(toks: Toks, norms: list[str], j: int) -> int:
    """2 where a lower-case `cấp ủy` at j names the committee an office serves (`Ban Thường vụ cấp ủy`), else 0; not
    a member (`cấp ủy viên`), nor after an office-holder (`Người đứng đầu cấp ủy, chính quyền` heads a list)."""
    return 2 if norms[j] == "cấp" and norms[j + 1:j + 2] == ["ủy"] and not toks.cap[j] and not toks.para[j + 1] \
        and norms[j + 2:j + 3] != ["viên"] and not _ends_with(norms, j, POSITIONS_ALL) else 0


def _verb_after_name(toks: Toks, norms: list[str], j0: int, j: int) -> bool:
    """Whether a capitalised verb (`VERB_STOP`) at j opens the sentence after a name (two words from j0, or a level
    word) whose line break the text joined (`Sở Y tế` + `Khẩn trương rà soát`); not two words of a gazetteer name
    (`Trung tâm Hỗ trợ`), nor a field after `và` (`Phòng Đấu thầu, Thẩm định và Giám sát đầu tư`); a verb names are
    made of too after a whole organ of the gazetteer (`Ban Tuyên giáo Trung ương Đoàn` + `Xây dựng tuyến bài`)."""
    return toks.cap[j] and (norms[j] in _VERB_STOP_FIRST and (j - j0 >= 2 or bool(_ends_with(norms, j, LEVEL_WORDS)))
                            and norms[j - 1] not in _FIELD_JOINS and bool(_match_seq(norms, j, VERB_STOP))
                            and (norms[j - 1], norms[j]) not in _name_bigrams()
                            or _match_seq(norms, j, LEAD_VERBS) > 1 and bool(_ends_with(norms, j, organ_seqs())))


_FIELD_JOINS = frozenset({"và", "-", "–", "&", ","})


def _label_at(norms: list[str], j: int) -> int:
    """Length of a field label with its colon at j (`Đơn vị phối hợp:`), or 0."""
    if norms[j] not in LABELS.fwd:
        return 0
    k = _match_seq(norms, j, LABELS)
    return k + 1 if k and j + k < len(norms) and norms[j + k] == ":" else 0


def _opens_a_line(toks: Toks, norms: list[str], j: int) -> bool:
    """Whether token j opens a new line with a word that starts a sentence (a determiner, a line opener such as `Vào
    ngày` or `Nội dung`, a person marker, a verb phrase, a capitalised verb that names are made of too, `Xây dựng`)."""
    return (norms[j] in DETERMINERS or (norms[j] in _LINE_STOP_FIRST and (
        norms[j] in LINE_OPENERS or bool(_person_marker(norms, j))))
        or (norms[j] in _VERB_STOP_FIRST and bool(_match_seq(norms, j, VERB_STOP)))
        or (toks.cap[j] and (_match_seq(norms, j, LEAD_VERBS) > 1 or _match_seq(norms, j, LINE_OPENER_PHRASES) > 1))
    ) and toks.nl_before(j)


@functools.cache
def _name_bigrams() -> frozenset[tuple[str, str]]:
    """Pairs of syllables that follow each other in the gazetteer's organ names (`bảo vệ`, `thông tin`, `cộng sản`):
    the words that organ names are made of."""
    return frozenset((a, b) for name in organ_aliases() for a, b in zip(name, name[1:], strict=False))


def _capitalised_run(toks: Toks, norms: list[str], j: int, start: int = 0) -> int:
    """End of the lower-case syllables after a capitalised word of a name (at most six): the second
    syllable of a capitalised word (`Phát triển`), a word joined by `-`, a field that names what the organ
    does (`Ban QLDA đầu tư xây dựng`); not a cue, a stop word, a level word or a verb phrase; none after a
    proper name, whose syllables are all capitalised (`Bệnh viện Bạch Mai` + `thúc đẩy`, `Tập đoàn Điện lực
    Việt Nam` + `chi trả`: from `start`, the first word after the head, two capitalised words in a row)."""
    n = len(norms)
    low = 0
    if j < n and j - 2 >= start and toks.cap[j - 1] and toks.cap[j - 2] and not toks.cap[j] \
            and ALPHA_FIRST[toks.text[j - 2]] and not UPPER[toks.text[j - 1]] and not UPPER[toks.text[j - 2]] \
            and not (norms[j - 2] in HEADS.fwd and _match_seq(norms, j - 2, HEADS)) \
            and _match_seq(norms, j - 1, NAME_COMPOUNDS) != 2 and (norms[j - 1], norms[j]) not in _name_bigrams():
        # (`Cục trưởng Cục Đăng ký ...`: a head, then a word whose second syllable is in lower case; `Quỹ Bảo vệ`,
        # `Cổng Thông tin`: two syllables that are one word of the organ names the gazetteer knows)
        return j
    while j < n and low < 6 and not toks.para[j]:
        if norms[j] in {"-", "–"} and j + 1 < n and not toks.cap[j + 1] and ALPHA_FIRST[toks.text[j + 1]] \
                and norms[j + 1] not in CUE_FIRST:
            j += 1
            continue
        if low == 0 and toks.cap[j - 1] and not toks.cap[j] and _match_seq(norms, j - 1, NAME_COMPOUNDS) == 2:
            j += 1      # `Văn phòng Đăng ký đất đai`, `Chi cục Kiểm định`: the second syllable of a capitalised word
            low += 1
            continue
        if not toks.cap[j] and ALPHA_FIRST[toks.text[j]] \
                and (norms[j] not in CUE_FIRST
                     # the second syllable of a capitalised word (`Phát triển`, `Chứng thực`), unless
                     # it opens a verb phrase of its own (`... Hồ Chí Minh tổ chức`)
                     or (low == 0 and norms[j] not in FIELD_STOP and norms[j] not in _NAME_WORDS)) \
                and norms[j] not in STOP_LOW and not _match_seq(norms, j, LEVEL_WORDS) \
                and not (norms[j] in _VERB_STOP_FIRST and _match_seq(norms, j, VERB_STOP)):
            j += 1
            low += 1
            continue
        c = _name_field_end(norms, j) if low and not toks.cap[j] else 0
        if not c:
            break
        # a field that names what the organ does, though its first word opens verbs
        # (`Ban QLDA đầu tư xây dựng`, `Chi cục Trồng trọt và bảo vệ thực vật`)
        low += c - j
        j = c
    return j


def _level_run(toks: Toks, norms: list[str], j: int) -> int:
    """End of the level words from j (`tỉnh`, `huyện, thị xã, thành phố`, `các xã, phường`) and the
    province after them, or 0."""
    n = len(norms)
    k = _match_seq(norms, j, LEVEL_WORDS)
    if k and _committee_at(toks, norms, j + k - 1):
        return 0
    if k:
        j += k
        while j + 1 < n and norms[j] == "," and not toks.para[j + 1] and _match_seq(norms, j + 1, LEVEL_WORDS) \
                and not _match_seq(norms, j + 1, _prov_seqs()) and not _organ_after(norms, j + 1):
            j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
        return j + _match_seq(norms, j, _prov_seqs())
    if norms[j] == "các" or DIGITS[norms[j]] and len(norms[j]) <= 3:     # (`UBND 63 tỉnh, thành phố`: a count)
        k = _match_seq(norms, j + 1, LEVEL_WORDS)
        if k and _committee_at(toks, norms, j + k):
            # `Ban Thường vụ các huyện ủy, thành ủy`: the committees of each district, their list
            j += 2 + k
            while j + 2 < n and norms[j] == "," and tuple(norms[j + 1:j + 3]) in _COMMITTEES and not toks.para[j + 1]:
                j += 3
            return j
        if k:
            j += 1 + k
            while j + 1 < n and norms[j] == "," and _match_seq(norms, j + 1, LEVEL_WORDS) \
                    and not _organ_after(norms, j + 1):
                j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
            return j
    return 0


def _organ_after(norms: list[str], x: int) -> bool:
    """Whether the level word at x opens an organ's head (`Tỉnh đoàn`, `Tỉnh ủy` after `Hội Nông dân tỉnh,`): the
    next member of a list, not another level of the name before it."""
    return _match_seq(norms, x, HEADS) > _match_seq(norms, x, LEVEL_WORDS)


def _committee_at(toks: Toks, norms: list[str], x: int) -> bool:
    """Whether the level word ending at x names a party committee with the `ủy` after it (`các huyện ủy`)."""
    return x + 1 < len(norms) and norms[x + 1] == "ủy" and not toks.cap[x + 1] and not toks.para[x + 1] \
        and tuple(norms[x:x + 2]) in _COMMITTEES


def _name_field_end(norms: list[str], j: int) -> int:
    """End of a `NAME_FIELDS` phrase that runs through token j (it may start one or two words before:
    `đầu tư` + `xây dựng`), or 0."""
    for back in (0, 1, 2):
        if j - back >= 0:
            c = _match_seq(norms, j - back, NAME_FIELDS)
            if c > back:
                return j - back + c
    return 0


def _field_list_end(toks: Toks, norms: list[str], j: int) -> int:
    """End of a run of 1-5 plain lower-case words from j that closes a list item (followed by `.`, `;`, a
    closing bracket, `,`, `và` + a capitalised word or a determiner, or the end), or 0."""
    n = len(norms)
    x = j
    while x < n and x - j < 5 and not toks.para[x] and ALPHA_FIRST[toks.text[x]] and not toks.cap[x] \
            and norms[x] not in FIELD_STOP and norms[x] not in STOP_LOW and norms[x] not in DETERMINERS \
            and not _match_seq(norms, x, LEVEL_WORDS) and not _match_seq(norms, x, _heads_sorted()) \
            and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
        x += 1
    if x == j:
        return 0
    if x == n or norms[x] in {".", ";", ")"} or (
            norms[x] in {",", "và"} and x + 1 < n and (toks.cap[x + 1] or norms[x + 1] in DETERMINERS)):
        return x
    return 0


def _extend_tail(toks: Toks, norms: list[str], j: int) -> int:
    """A named organ's level word and province (`Sở Y tế` + `tỉnh Tiền Giang`, `Tỉnh ủy` + `Tiền Giang`)."""
    n = len(norms)
    if j < n and not toks.para[j]:
        k = _match_seq(norms, j, LEVEL_WORDS)
        if k:
            j += k
        p = _match_seq(norms, j, _prov_seqs())
        if p and j < n and not toks.para[j]:
            j += p
        j = _unit_number(toks, norms, j) or j     # `Kho bạc nhà nước khu vực XI`
    return j


_LINE_STOP_FIRST = frozenset(LINE_OPENERS | PERSON_MARKER_FIRST)


def _person_marker(norms: list[str], i: int) -> int:
    """Length of `Đ/c`, `đồng chí`, `ông`, `bà` at i, or 0."""
    w = norms[i]
    if w == "đồng":
        return 2 if i + 1 < len(norms) and norms[i + 1] == "chí" else 0
    return 1 if w in PERSON_MARKER_FIRST else 0
