"""Mention detection of the bodies stage: gazetteer phrases (spaCy PhraseMatcher, `bodies_gazetteer`),
productive names (an organ head + a capitalised name, a level word or a province) with their
extent, collectives (`các sở, ban, ngành`), overlap resolution and the joins of adjacent mentions.
"""
from __future__ import annotations

import functools
from dataclasses import dataclass
from itertools import compress

from pipeline.bodies.gazetteer import (
    _phrase_reach,
    collective_heads,
    match_phrases,
    organ_aliases,
    organs,
    province_keys,
)
from pipeline.bodies.tokens import Seqs, Toks, _ends_with, _match_seq, norm_token
from pipeline.bodies.vocab import (
    _BARE_BEFORE,
    _GOVERNS,
    _NAME_WORDS,
    _PUNCT_LIST,
    _VERB_STOP_FIRST,
    ASPECT,
    BARE_KINDS,
    BARE_OK,
    DESCRIPTIVE,
    DETERMINERS,
    GENITIVE_HEADS,
    HEADS,
    LEVEL_WORDS,
    LINE_OPENERS,
    MODIFIERS,
    NAME_FIELDS,
    NOT_AFTER_HEAD,
    OWNER_HEADS,
    PERSON_MARKER_FIRST,
    POSITIONS,
    POSITIONS_ALL,
    PROJECT_PARTIES,
    RELATED,
    SHARED_HEADS,
    STANDALONE,
    TO_LEADERS,
    VERB_STOP,
)
from pipeline.header import is_person_name


@dataclass(slots=True)
class Mention:
    i: int              # first token
    j: int              # one past the last token
    kind: str           # named | productive | collective | province
    organ: str | None = None   # organs.tsv name when matched there
    head: str | None = None    # the head a list shares, printed before the item's name (`Các Bộ: Tài chính`)
    name_from: int | None = None   # where the item's own name starts when the mention holds the shared head


def _is_name_tok(toks: Toks, k: int) -> bool:
    return toks.cap[k] and toks.text[k][0].isalpha()


# party committees, continuing a name in lower case too (`bí thư tỉnh ủy`)
_COMMITTEES = {tuple(norm_token(w) for w in c.split()) for c in ("tỉnh ủy", "thành ủy", "huyện ủy", "thị ủy",
                                                                 "quận ủy", "đảng ủy")}


def _extend_name(toks: Toks, norms: list[str], j: int) -> int:
    """Extend a productive name from token j: capitalised words (each with at most one lower-case
    syllable after it), `và`/`-`/`&` + capitalised, level words and a province."""
    n = len(toks)
    j0 = j
    while j < n and not toks.para[j]:
        if j > j0 and toks.cap[j] and norms[j] in _NEW_ORGAN:
            break
        k = _match_seq(norms, j, HEADS)
        if k and (toks.cap[j] or tuple(norms[j:j + k]) in _COMMITTEES) and k > 1:
            j += k
            continue
        if j > j0 and (norms[j] in DETERMINERS or (norms[j] in _LINE_STOP_FIRST and (
                norms[j] in LINE_OPENERS or _person_marker(norms, j)))
                       or (norms[j] in _VERB_STOP_FIRST and _match_seq(norms, j, VERB_STOP))) \
                and toks.nl_before(j):
            break       # `Ủy ban MTTQ thành phố` + line `Tăng cường công tác ...`, `Đ/c ...`, `Vào ngày ...`
        if _is_name_tok(toks, j) and not (toks.text[j].isupper() and len(toks.text[j]) > 1 and j + 1 < n and toks.text[j + 1].isupper()):
            j += 1
            low = 0
            while j < n and low < 6 and not toks.para[j]:
                if norms[j] in {"-", "–"} and j + 1 < n and not toks.cap[j + 1] and toks.text[j + 1][:1].isalpha() \
                        and norms[j + 1] not in _CUE_FIRST:
                    j += 1
                    continue
                if not toks.cap[j] and toks.text[j][:1].isalpha() \
                        and (norms[j] not in _CUE_FIRST
                             # the second syllable of a capitalised word (`Phát triển`, `Chứng thực`), unless
                             # it opens a verb phrase of its own (`... Hồ Chí Minh tổ chức`)
                             or (low == 0 and norms[j] not in _FIELD_STOP and norms[j] not in _NAME_WORDS)) \
                        and norms[j] not in _STOP_LOW and not _match_seq(norms, j, LEVEL_WORDS) \
                        and not (norms[j] in _VERB_STOP_FIRST and _match_seq(norms, j, VERB_STOP)):
                    j += 1
                    low += 1
                    continue
                c = _name_field_end(norms, j) if low and not toks.cap[j] else 0
                if c:
                    # a field that names what the organ does, though its first word opens verbs
                    # (`Ban QLDA đầu tư xây dựng`, `Chi cục Trồng trọt và bảo vệ thực vật`)
                    low += c - j
                    j = c
                    continue
                break
            continue
        if norms[j] == "," and j > j0 and toks.cap[j0] and _field_list_end(toks, norms, j + 1):
            # `Vụ Phổ biến, giáo dục pháp luật`: a lower-case field after a comma, up to the end of the
            # list item, is part of the name
            j = _field_list_end(toks, norms, j + 1)
            continue
        if norms[j] in {"và", "-", "&", "–"} and j + 1 < n and _is_name_tok(toks, j + 1) \
                and not toks.para[j + 1] and not _match_seq(norms, j + 1, HEADS):
            j += 1
            continue
        k = _match_seq(norms, j, LEVEL_WORDS)
        if k:
            j += k
            while j + 1 < n and norms[j] == "," and not toks.para[j + 1] and _match_seq(norms, j + 1, LEVEL_WORDS) \
                    and not _match_seq(norms, j + 1, _prov_seqs()):
                j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
            p = _match_seq(norms, j, _prov_seqs())
            if p:
                j += p
            continue
        if norms[j] == "các" and j + 2 <= n and norms[j + 1:j + 2] == ["cấp"] and j == j0 \
                and (j + 2 == n or norms[j + 2] not in {"ủy", "độ"}):
            j += 2      # `Ủy ban nhân dân các cấp`, `chính quyền các cấp`: every level's organ (not `các cấp ủy`)
            break
        if norms[j] == "các":
            k = _match_seq(norms, j + 1, LEVEL_WORDS)
            if k:
                j += 1 + k
                while j + 1 < n and norms[j] == "," and _match_seq(norms, j + 1, LEVEL_WORDS):
                    j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
                continue
        break
    return j


def _name_field_end(norms: list[str], j: int) -> int:
    """End of a `NAME_FIELDS` phrase that runs through token j (it may start one or two words before:
    `đầu tư` + `xây dựng`), or 0."""
    for back in (0, 1, 2):
        if j - back >= 0:
            c = _match_seq(norms, j - back, NAME_FIELDS)
            if c > back:
                return j - back + c
    return 0


# function words and one-word cues that end a lower-case field (multi-word verbs: `_verb_stop`)
_FIELD_STOP = {"có", "theo", "trên", "trong", "tại", "về", "của", "để", "do", "là", "được", "với", "cùng", "khi",
               "nếu", "đối", "thuộc", "giao", "gửi", "trình", "cần", "phải", "sớm", "làm", "chủ", "phối"}


def _field_list_end(toks: Toks, norms: list[str], j: int) -> int:
    """End of a run of 1-5 plain lower-case words from j that closes a list item (followed by `.`, `;`,
    `,`, `và` + a capitalised word or a determiner, or the end), or 0."""
    n = len(norms)
    x = j
    while x < n and x - j < 5 and not toks.para[x] and toks.text[x][0].isalpha() and not toks.cap[x] \
            and norms[x] not in _FIELD_STOP and norms[x] not in _STOP_LOW and norms[x] not in DETERMINERS \
            and not _match_seq(norms, x, LEVEL_WORDS) and not _match_seq(norms, x, _heads_sorted()) \
            and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
        x += 1
    if x == j:
        return 0
    if x == n or norms[x] in {".", ";"} or (
            norms[x] in {",", "và"} and x + 1 < n and (toks.cap[x + 1] or norms[x + 1] in DETERMINERS)):
        return x
    return 0


@functools.cache
def _prov_seqs() -> Seqs:
    return Seqs(province_keys())


_NEW_ORGAN = {"sở", "bộ", "ban", "cục", "vụ", "ubnd", "hđnd"}
_STOP_LOW = {"và", "các", "cùng", "hoặc", "hay", "như", "nhằm", "nhưng", "mà", "đã", "đang", "sẽ", "không",
             "chưa", "cũng", "vẫn", "trực", "sau", "trước", "cấp", "khẩn", "tích", "nghiêm", "kịp", "lập", "cử",
             "gồm", "bao", "tự", "đưa", "phụ", "tiến", "đánh", "ban", "tạo", "chuyển", "phát", "huy", "lựa",
             "thống", "tập", "thẩm", "xử", "giải", "cung", "nắm", "quản", "ra", "lấy", "nhận", "phổ", "hỗ",
             "hàng", "hằng", "định", "đến", "từ", "bằng", "vì", "nếu", "khi", "đồng", "ngay", "trao", "điều",
             "sớm", "đôn", "rà", "báo", "ký", "đăng", "lãnh", "mở", "áp", "soạn", "bổ", "sửa", "nêu", "xác"}
_CUE_FIRST = {norm_token(w) for w in ("chủ", "phối", "phôi", "có", "chịu", "thực", "tổ", "triển", "tham", "theo",
                                      "khẩn", "tiếp", "chỉ", "lãnh", "báo", "gửi", "trình", "kiến", "giao",
                                      "yêu", "căn", "trên", "trong", "tại", "về", "của", "để", "do",
                                      "nghiên", "xây", "rà", "đẩy", "tăng", "bảo", "đảm", "hướng", "kịp",
                                      "cần", "phải", "sớm", "là", "được", "với", "cùng", "thường", "hoàn",
                                      "nâng", "quán", "tuyên", "vận", "kiểm", "giám", "đôn", "xem", "ban",
                                      "làm", "khi", "nếu", "đối", "theo", "thuộc", "năm", "ngày", "tháng")}


def _extend_tail(toks: Toks, norms: list[str], j: int) -> int:
    """A named organ's level word and province (`Sở Y tế` + `tỉnh Tiền Giang`, `Tỉnh ủy` + `Tiền Giang`)."""
    n = len(toks)
    if j < n and not toks.para[j]:
        k = _match_seq(norms, j, LEVEL_WORDS)
        if k:
            j += k
        p = _match_seq(norms, j, _prov_seqs())
        if p and j < n and not toks.para[j]:
            j += p
    return j


@functools.cache
def _heads_sorted() -> Seqs:
    return Seqs(collective_heads())


def _is_acronym(t: str) -> bool:
    return len(t) >= 2 and t.isupper() and t.isalpha()


# generic heads that with an acronym after them name a kind of body (`cơ sở KCB`, `cơ quan BHXH`)
_ACRONYM_HEADS = {("cơ", "sở"), ("cơ", "quan"), ("đơn", "vị")}
# `tổ chức` is a body only beside `cá nhân` (`tổ chức, cá nhân có liên quan`); elsewhere it is a verb
_PERSONS_NEXT = {(",", "cá"), ("và", "cá"), ("cá", "nhân")}
# a generic head followed by these words is another noun (`trường hợp`, `cơ sở dữ liệu`, `cấp độ`)
_NOT_AFTER_COLLECTIVE = {("trường",): {"hợp"}, ("cơ", "sở"): {"dữ", "vật", "pháp", "hạ", "khoa"},
                         ("cấp",): {"quản", "độ", "phép", "bách", "giấy", "nước", "phát", "bộ"},
                         ("ngành",): {"nghề", "hàng", "học"}, ("hội",): {"nghị", "viên", "thi", "thảo", "đủ"},
                         ("ban",): {"hành", "đầu", "ngày", "đêm"}, ("đơn", "vị"): {"tính", "hành"},
                         ("trung", "tâm"): {"mua", "thương", "hội"}}     # shopping and convention centres


def _collective_at(norms: list[str], toks: Toks, i: int, bare: bool = False) -> int:
    """End of a collective that starts at i with `các`/`những`/... + generic head, or 0.  With
    `bare`, a head without determiner may start it (only heads that are no ordinary word)."""
    n = len(norms)
    j = i
    if j >= n:
        return 0
    if norms[j] in DETERMINERS:
        j += 1
        if j < n and norms[j] in {"cơ", "cả"} and norms[i] == "tất":
            j += 1
    elif not bare:
        return 0
    heads = _heads_sorted()
    k = _match_seq(norms, j, heads)
    if not k:
        return 0
    head = tuple(norms[j:j + k])
    if j == i and collective_heads()[head] not in BARE_KINDS and head not in BARE_OK \
            and not (head == ("tổ", "chức") and tuple(norms[j + k:j + k + 2]) in _PERSONS_NEXT) \
            and not (j + k < n and _is_acronym(toks.text[j + k]) and head in _ACRONYM_HEADS) \
            and not (head in GENITIVE_HEADS and j + k < n and norms[j + k] in {"các", "khối"}):
        return 0
    if j + k < n and norms[j + k] in _NOT_AFTER_COLLECTIVE.get(head, ()):
        return 0        # `các trường hợp`, `các cấp quản lý`, `cơ sở dữ liệu`
    j += k
    while j < n and not toks.para[j] and _is_acronym(toks.text[j]):
        j += 1          # `cơ sở KCB BHYT`, `cơ quan BHXH`
    if head in _ACRONYM_HEADS and j < n and not toks.para[j] and _is_name_tok(toks, j) \
            and not _match_seq(norms, j, _prov_seqs()) and not _match_seq(norms, j, MODIFIERS):
        # a sector named by a capitalised word with no name of its own: `cơ quan Thuế`, `cơ quan Công an`,
        # `cơ quan Bảo hiểm xã hội tỉnh`; it closes the collective (`cơ quan Công an, lực lượng Quân đội`
        # are two); `cơ quan Sở Y tế` names the organ after the generic word
        k2 = _match_seq(norms, j, HEADS)
        end = j + k2 if k2 >= 2 else (_extend_name(toks, norms, j) if not k2 else 0)
        if end and end - j <= 6 and not (end < n and not toks.para[end] and _is_name_tok(toks, end)):
            while end < n and not toks.para[end] and _match_seq(norms, end, MODIFIERS):
                end += _match_seq(norms, end, MODIFIERS)
            return end
    while j < n and not toks.para[j]:
        m = _match_seq(norms, j, MODIFIERS)
        if m:
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
        if norms[j] in {",", "và", "/"} and j + 1 < n and not toks.para[j + 1]:
            k = _match_seq(norms, j + 1, heads)
            if k and tuple(norms[j + 1:j + 1 + k]) in GENITIVE_HEADS and j + 1 + k < n and norms[j + 1 + k] == "các" \
                    and _match_seq(norms, j + 2 + k, heads) and not _match_seq(norms, j + 1 + k, MODIFIERS):
                break   # `các ban đảng, đảng ủy các bộ`: the next member names the organs of a kind of its own
            if k and norms[j] == "và" and tuple(norms[j + 1:j + 1 + k]) == ("tổ", "chức") \
                    and _match_seq(norms, j + 1 + k, VERB_STOP):
                break   # `các cơ quan, đơn vị có liên quan và tổ chức triển khai`: the verb `tổ chức`
            if k and norms[j + 1] not in DETERMINERS and not (
                    head in PROJECT_PARTIES and tuple(norms[j + 1:j + 1 + k]) in PROJECT_PARTIES) \
                    and not (toks.cap[j + 1] and j + 1 + k < n and _is_name_tok(toks, j + 1 + k)):
                # (a capitalised head with a name after it is an organ of its own: `, Trung tâm Hỗ trợ X`)
                head = tuple(norms[j + 1:j + 1 + k])
                j += 1 + k
                continue
        break
    return _qualifier_end(toks, norms, j)


# prepositions that open the topic or purpose of a task, not a qualifier of the body before them
# (`hướng dẫn các cơ quan, tổ chức về nghiệp vụ liên quan`)
_TOPIC_OPENERS = {"về", "cho", "để", "với", "theo", "tại", "đến", "từ", "nhằm", "đối"}


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
        while x < n and x - j <= 3 and not toks.para[x] and toks.text[x].isalpha() and not toks.cap[x] \
                and (norms[x] not in _STOP_LOW or norms[x] == "quản") and norms[x] not in _CUE_FIRST \
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
            return x + 1
        if tuple(norms[j + 1:j + 4]) == ("phạm", "vi", "quản") and j + 4 < n and norms[j + 4] == "lý":
            return j + 5
    x = j
    while x < n and x - j < 8 and not toks.para[x] and toks.text[x][:1].isalpha() and norms[x] not in DETERMINERS \
            and norms[x] not in _TOPIC_OPENERS \
            and not _match_seq(norms, x, RELATED) \
            and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP) and norms[x] != "có"):
        x += 1
    k = _match_seq(norms, x, RELATED) if x < n else 0
    if k and x > j:
        return x + k
    return j


_LOWER_HEADS = {"người", "lực", "thủ"}
_KIND_ORDER = {"named": 0, "productive": 1, "collective": 2, "province": 3}


def _start_of(m: Mention) -> int:
    return m.i


@functools.cache
def _any_first() -> frozenset[str]:
    """Token norms that can start a mention of any kind."""
    return frozenset(_phrase_reach()) | frozenset(HEADS.idx) | frozenset(_heads_sorted().idx) \
        | frozenset(DETERMINERS)     # heads that start a productive name in lower case too


def _governed_list(norms: list[str], k: int) -> bool:
    """Whether the list that the comma at k continues opens right after a preposition (`của`, `tại`)."""
    heads = _heads_sorted()
    x = k
    for _ in range(6):
        if x <= 0 or norms[x] != ",":
            break
        y = x - 1
        while y >= 0 and (norms[y] in heads.idx or norms[y] in heads.ridx or norms[y] in DETERMINERS):
            y -= 1
        if y == x - 1:
            return False
        x = y
    return x >= 0 and norms[x] in _GOVERNS


def candidates(norms: list[str]) -> list[int]:
    """The tokens that may start a mention of any kind (a gazetteer phrase, a head, a collective)."""
    return list(compress(range(len(norms)), map(_any_first().__contains__, norms)))


def find_mentions(toks: Toks, phrases: list[tuple[str, int, int]] | None = None,
                  cand: list[int] | None = None) -> list[Mention]:
    """Every mention of a body in `toks`, before roles.  `phrases` (the gazetteer phrases of the text,
    `match_phrases`) and `cand` (`candidates`) when the caller has them already: one spaCy run for
    the texts of a whole document."""
    norms = toks.norm
    n = len(toks)
    found: list[Mention] = []
    if cand is None:
        cand = candidates(norms)
    if phrases is None:
        phrases = match_phrases([norms], [cand])[0] if cand else []
    for lab, s, e in phrases:
        if lab == "ORG":
            org = organ_aliases().get(tuple(norms[s:e]))
            e2 = _extend_tail(toks, norms, e)
            found.append(Mention(s, e2, "named", org))
        else:
            found.append(Mention(s, e, "province"))
    # productive names
    head_first = HEADS.idx
    texts = toks.text
    for i in [i for i in cand if norms[i] in head_first
              and (texts[i][0].isupper() or norms[i] in _LOWER_HEADS
                   or (i and norms[i - 1] == "chí" and _match_seq(norms, i, POSITIONS_ALL)))]:
        k = _match_seq(norms, i, HEADS)
        if not k:
            continue
        j = i + k
        if j < n and norms[j] in NOT_AFTER_HEAD and k == 1:
            continue
        if j < n and norms[j] == "," and k == 1 and not (toks.text[i].isupper() and _match_seq(norms, i, STANDALONE)):
            continue        # `Ban, ngành`; but `Thường trực HĐND, UBND, ...`: an acronym names its organ
        if toks.text[i].isupper() and len(toks.text[i]) > 1 and j < n and toks.text[j].isupper() and len(toks.text[j]) > 1:
            continue        # all-caps headings: only gazetteer names
        e = _extend_name(toks, norms, j)
        if _match_seq(norms, i, DESCRIPTIVE):
            x = e
            while x < n and x - e < 12 and not toks.para[x] and toks.text[x][:1].isalnum() \
                    and norms[x] not in _CUE_FIRST and norms[x] != "hoặc" \
                    and norms[x] not in ASPECT and norms[x] != "những" \
                    and not (norms[x] in _LINE_STOP_FIRST and toks.nl_before(x)
                             and (norms[x] in LINE_OPENERS or _person_marker(norms, x))) \
                    and not (toks.cap[x] and norms[x] in HEADS.idx and _match_seq(norms, x, HEADS) > 1) \
                    and not (norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
                x += 1
            e = x
        if e == j and _match_seq(norms, i, POSITIONS):
            c = _collective_at(norms, toks, j, bare=True)
            if c:
                e = c
        if e == j and not _match_seq(norms, i, STANDALONE) and k < 2:
            # `Ủy ban nhân dân các xã`, `lực lượng Công an` handled by extension; bare heads are no organ
            if not (j < n and norms[j] in DETERMINERS):
                continue
            c = _collective_at(norms, toks, j)
            if not c:
                continue
            e = c
        found.append(Mention(i, e, "productive"))
    # collectives
    coll_first = _heads_sorted().idx
    for i in [i for i in cand if norms[i] in coll_first
              or (norms[i] in DETERMINERS and i + 1 < n and (norms[i + 1] in coll_first or norms[i + 1] in {"cơ", "cả"}))]:
        w = norms[i]
        if w in DETERMINERS or i == 0 or toks.para[i] or (norms[i - 1] in _BARE_BEFORE and not (
                norms[i - 1] == "đạo" and (i < 2 or norms[i - 2] != "chỉ"))):
            # a bare head after `chỉ đạo` is its object; after `lãnh đạo` it is `leaders of ...`
            e = _collective_at(norms, toks, i, bare=norms[i] not in DETERMINERS)
            if e and w not in DETERMINERS and i and norms[i - 1] == "," and _governed_list(norms, i - 1):
                continue    # `của bộ, ngành, địa phương`: the list after a preposition is a complement
            if e and w not in DETERMINERS and (i == 0 or toks.para[i]) and (e == n or toks.para[e]) \
                    and _match_seq(norms, i, _heads_sorted()) == e - i:
                continue    # `| Đơn vị |` alone in a cell: a column heading (unit of measure, unit in charge)
            if e:
                found.append(Mention(i, e, "collective"))
    found.extend(_headless_items(toks, norms, found))
    shared = _shared_head_items(toks, norms, cand)
    if shared:
        spans = [(a, b) for a, b, _ in shared] + [(m.i, m.j) for _, _, ms in shared for m in ms]
        found = [m for m in found if not any(m.i < b and a < m.j for a, b in spans)]
        found.extend(m for _, _, ms in shared for m in ms)
    _fit_to_named(found, toks)
    # resolve overlaps: named organs and longer spans first; a named organ inside a longer productive
    # name is absorbed (its name extends it: `Sở Y tế tỉnh Tiền Giang`)
    # a collective that starts inside an organ's name belongs to that name (`Giám đốc Công an các tỉnh,
    # tổ chức, cá nhân`: `các tỉnh` ends the name; `tổ chức, cá nhân` is found on its own)
    inner = [(m.i, m.j) for m in found if m.kind in ("named", "productive")]
    if inner and any(m.kind == "collective" for m in found):
        found = [m for m in found if m.kind != "collective" or not any(a < m.i < b < m.j for a, b in inner)]
    order = _KIND_ORDER
    found.sort(key=lambda m: (m.i - m.j, order[m.kind], m.i))
    taken = bytearray(n)
    out: list[Mention] = []
    for m in found:
        if taken.find(1, m.i, m.j) >= 0:
            continue
        taken[m.i:m.j] = b"\x01" * (m.j - m.i)
        out.append(m)
    out.sort(key=_start_of)
    # a named organ contained in a productive span keeps the organ identity
    named = {(f.i, f.j): f.organ for f in found if f.kind == "named"}
    if named:
        for m in out:
            if m.kind != "named" and (m.i, m.j) in named:
                m.organ = named[(m.i, m.j)]
    out = _merge(out, norms, toks)
    for m in out:
        if m.i >= 3 and norms[m.i - 2] == "lãnh" and norms[m.i - 1] == "đạo" and _ends_with(norms, m.i - 2, TO_LEADERS):
            m.i -= 2    # `báo cáo lãnh đạo Bộ`, `trình Lãnh đạo UBND tỉnh`: the leaders, not `lãnh đạo X` (to lead X)
    for m in out:
        if m.i >= 2 and toks.text[m.i - 2] == "Lãnh" and norms[m.i - 1] == "đạo" and toks.cap[m.i] \
                and m.kind in ("named", "productive") and (m.i == 2 or toks.para[m.i - 2] or toks.nl_before(m.i - 2)
                                                           or norms[m.i - 3] in _CLAUSE_OPEN | {",", "và", "giao"}):
            m.i -= 2    # `Lãnh đạo Sở Y tế chủ trì`: the leaders of the organ (a capitalised noun opening a clause)
    out = _leaders_of_own_organ(out, toks, norms)
    titles = _titles_of_people(toks, norms)
    return [m for k, m in enumerate(out) if _plausible(m, norms, toks) and _province_ok(out, k, norms)
            and not (titles and any(a <= m.i < b for a, b in titles))]


def _shared_head_items(toks: Toks, norms: list[str], cand: list[int]) -> list[tuple[int, int, list[Mention]]]:
    """Lists whose items share one plural organ head: `Các Bộ: Tài chính, Công Thương` (-> `Bộ Tài chính`,
    `Bộ Công Thương`), `các tập đoàn Điện lực Việt Nam, Dầu khí Việt Nam và ...`: (start and end of the
    determiner and head, one mention per item named by a capitalised name).  Without a colon, two items
    at least (`các Sở Y tế` is one organ named with a determiner)."""
    n = len(norms)
    out = []
    if "các" not in norms and "những" not in norms:
        return out
    for d in cand:
        if norms[d] not in {"các", "những"} or d + 1 >= n:
            continue
        k = _match_seq(norms, d + 1, SHARED_HEADS)
        if not k:
            continue
        x = d + 1 + k
        colon = x < n and norms[x] == ":"
        x += colon
        head_key = tuple(norms[d + 1:d + 1 + k])
        head = toks.text[d + 1][:1].upper() + " ".join(toks.text[d + 1:d + 1 + k])[1:]
        # an office-holder before the list holds each office (`Giám đốc các Sở: Tư pháp, Y tế`)
        p = next((d - q for q in range(1, 4) if d - q >= 0 and _match_seq(norms, d - q, POSITIONS_ALL) == q), None)
        if p is not None:
            head = " ".join(toks.text[p:d]) + " " + head
        items: list[tuple[int, int]] = []
        while x < n and not toks.para[x] and _is_name_tok(toks, x) and not _match_seq(norms, x, _prov_seqs()):
            e = _organ_item_end(norms, x, head_key)
            if not e and not _match_seq(norms, x, HEADS):
                e = _extend_name(toks, norms, x)
            if not e or e == x:
                break
            items.extend(_split_last_and(norms, x, e, head_key, bool(items)))
            if e + 1 < n and norms[e] in {",", "và"} and not toks.para[e + 1]:
                x = e + 1
                continue
            break
        if len(items) >= (1 if colon else 2):
            # the first item holds the office-holder, the determiner and the head: the roles read the cue
            # before them
            first = d if p is None else p
            ms = [Mention(first if q == 0 else a, b, "productive", head=head, name_from=a)
                  for q, (a, b) in enumerate(items)]
            out.append((first, d + 1 + k + colon, ms))
    return out


_ELIDED_HEADS = (("vụ",), ("cục",), ("sở",), ("ban",), ("bộ",))


def _headless_items(toks: Toks, norms: list[str], found: list[Mention]) -> list[Mention]:
    """Items of a list of organs printed without their head (`Vụ Pháp luật quốc tế, Các vấn đề chung về
    xây dựng pháp luật, Vụ ...`): a capitalised item between list commas that with a head names a gazetteer
    organ is that organ, named as printed."""
    if not found or "," not in norms:
        return []
    # the commas after organs, with the head of the organ before each: the item after it shares that head
    ends = {m.j: norms[m.i] for m in found if m.kind in ("named", "productive") and (norms[m.i],) in _ELIDED_HEADS}
    aliases = organ_aliases()
    out = []
    n = len(norms)
    for c, head in sorted(ends.items()):
        x = c + 1
        if x >= n or norms[c] != "," or not toks.cap[x] or toks.para[x]:
            continue
        for e in range(min(n, x + 12), x + 2, -1):     # three words at least: a field alone is no organ
            if (e == n or norms[e] in {",", ".", ";", "và"}) and (head,) + tuple(norms[x:e]) in aliases:
                out.append(Mention(x, e, "named", aliases[(head,) + tuple(norms[x:e])]))
                break
    return out


def _organ_item_end(norms: list[str], x: int, head: tuple[str, ...]) -> int:
    """End of the longest item from x that with the shared head names a gazetteer organ (`Giáo dục và
    Đào tạo` after `các Sở`), or 0."""
    aliases = organ_aliases()
    for e in range(min(len(norms), x + 12), x, -1):
        if head + tuple(norms[x:e]) in aliases:
            return e
    return 0


def _split_last_and(norms: list[str], a: int, b: int, head: tuple[str, ...], after_items: bool) -> list[tuple[int, int]]:
    """An item of a shared-head list with `và` inside: the last item joined by `và` (`Điện lực Việt Nam,
    Dầu khí Việt Nam và Than - Khoáng sản Việt Nam`), unless head and item name an organ of the gazetteer
    (`Bộ Khoa học và Công nghệ`) or the item is the list's first."""
    if "và" not in norms[a:b] or head + tuple(norms[a:b]) in organ_aliases():
        return [(a, b)]
    v = max(x for x in range(a, b) if norms[x] == "và")
    if not after_items and head + tuple(norms[a:v]) not in organ_aliases():
        return [(a, b)]
    return [(a, v), (v + 1, b)] if v + 1 < b else [(a, v)]


def _leaders_of_own_organ(out: list[Mention], toks: Toks, norms: list[str]) -> list[Mention]:
    """`báo cáo lãnh đạo Bộ`, `xin ý kiến Lãnh đạo Sở`: the leaders of the organ the text speaks for,
    named by a bare capitalised head after a verb of reporting (`TO_LEADERS`), are a body."""
    if "lãnh" not in norms:
        return out
    n = len(norms)
    add = []
    for x in compress(range(n - 2), map("lãnh".__eq__, norms)):
        if x >= 1 and norms[x + 1] == "đạo" and toks.cap[x + 2] and norms[x + 2] in OWNER_HEADS \
                and not (x + 3 < n and _is_name_tok(toks, x + 3)) and _ends_with(norms, x, TO_LEADERS) \
                and not any(m.i <= x + 2 < m.j for m in out):
            add.append(Mention(x, x + 3, "productive"))
    return sorted(out + add, key=_start_of) if add else out


def _fit_to_named(found: list[Mention], toks: Toks) -> None:
    """Productive names bounded by the gazetteer names they overlap: one that ends inside a named organ
    runs to its end (`Cục trưởng Cục Kế hoạch` + `Cục Kế hoạch và tài chính`: the office-holder of the
    whole organ); one that starts with a named organ and runs on right after it only in lower-case words
    ends with it (`Ngân hàng Nhà nước Việt Nam ứng dụng ...`: the verb phrase is no part of the name;
    `Cục Trồng trọt, bảo vệ thực vật` names a field after a comma)."""
    named = [m for m in found if m.kind == "named"]
    if not named:
        return
    for m in found:
        if m.kind != "productive":
            continue
        for nm in named:
            if nm.i >= m.j or nm.j <= m.i:
                continue
            if m.i < nm.i < m.j < nm.j:
                m.j = nm.j
            elif nm.i == m.i and nm.j < m.j and (toks.nl_before(nm.j) or toks.text[nm.j].isalpha() and not any(
                    toks.cap[x] or toks.para[x] for x in range(nm.j, m.j)) and not _match_seq(toks.norm, nm.j, LEVEL_WORDS)):
                m.j = nm.j      # (a line break after a whole organ's name ends it)
            elif nm.i == m.i and nm.j < m.j and toks.norm[nm.j] == "các" and nm.organ in organs() \
                    and organs()[nm.organ].level == "central":
                m.j = nm.j      # `Bộ Quốc phòng các tỉnh Ninh Bình, ...`: a ministry has no provinces of its own


_LINE_STOP_FIRST = frozenset(LINE_OPENERS | PERSON_MARKER_FIRST)


def _person_marker(norms: list[str], i: int) -> int:
    """Length of `Đ/c`, `đồng chí`, `ông`, `bà` at i, or 0."""
    w = norms[i]
    if w == "đồng":
        return 2 if i + 1 < len(norms) and norms[i + 1] == "chí" else 0
    return 1 if w in PERSON_MARKER_FIRST else 0


def _titles_of_people(toks: Toks, norms: list[str]) -> list[tuple[int, int]]:
    """Token ranges of the titles in apposition to a named person (`Đ/c Nguyễn Văn A, Ủy viên Ban
    Thường vụ, Trưởng Ban Kiểm tra; Bí thư Đảng ủy.`): offices that describe who the person is, not
    bodies the task names.  The titles run to the end of the sentence or line, a clause that opens with a
    lower-case word, a verb phrase (`..., Phó Chủ tịch UBND tỉnh chỉ đạo Sở Y tế ...`) or the next person."""
    n = len(norms)
    out: list[tuple[int, int]] = []
    texts = toks.text
    for i in compress(range(n), map(PERSON_MARKER_FIRST.__contains__, norms)):
        k = _person_marker(norms, i)
        if not k:
            continue
        j = i + k
        while j < n and j - i - k < 6 and not toks.para[j] and texts[j].isalpha() and texts[j][0].isupper() \
                and (len(texts[j]) == 1 or texts[j][1:].islower()):
            j += 1
        if j >= n or norms[j] != "," or not is_person_name(texts[i + k:j]):
            continue
        x = j + 1
        while x < n and not toks.para[x] and norms[x] not in {".", ":"} and not _person_marker(norms, x) \
                and not (norms[x] == ";" and not (x + 1 < n and toks.cap[x + 1])) \
                and not (not toks.cap[x] and norms[x] in _VERB_STOP_FIRST and _match_seq(norms, x, VERB_STOP)):
            x += 1
        out.append((j, x))
    return out


# position heads that continue a list of office-holders as ONE body (`Các Bộ trưởng, Thủ trưởng cơ quan
# ngang Bộ`, `Người đứng đầu cấp ủy, chính quyền, thủ trưởng cơ quan, đơn vị`)
_POSITION_JOIN = {("thủ", "trưởng")}


def _merge(out: list[Mention], norms: list[str], toks: Toks) -> list[Mention]:
    """Join a mention with a province right after it (`Ban Quản lý ... Cần Thơ`) and a position with a
    `, thủ trưởng ...` right after it."""
    res: list[Mention] = []
    for m in out:
        if res:
            p = res[-1]
            if m.kind == "province" and m.i == p.j and p.kind != "province" and not toks.para[m.i]:
                p.j = m.j
                continue
            if m.i == p.j + 1 and norms[p.j] == "," and m.kind == "named" and p.kind in ("named", "productive") \
                    and not toks.cap[m.i] and not toks.cap[p.j - 1]:
                p.j = m.j       # lower-case generic organs in a row: `các tỉnh ủy, thành ủy`
                continue
            if m.i == p.j + 1 and norms[p.j] == "(" and m.j < len(norms) and norms[m.j] == ")" \
                    and m.kind in ("named", "productive") and p.kind != "province":
                p.j = m.j + 1   # `Nhà đầu tư (Tập đoàn X)`: the organ in parentheses names the one before
                continue
            if m.i == p.j + 1 and norms[p.j] in {"thuộc", "của"} and m.kind != "province" and _is_generic(p, norms):
                p.j = m.j       # `Thủ trưởng các đơn vị có liên quan thuộc Bộ Tư pháp`
                continue
            if m.i == p.j + 1 and norms[p.j] == "," and tuple(norms[m.i:m.i + 2]) in _POSITION_JOIN \
                    and _match_seq(norms, p.i + (norms[p.i] in DETERMINERS), POSITIONS_ALL) \
                    and (not toks.text[m.i][0].isupper()
                         or tuple(norms[p.i + (norms[p.i] in DETERMINERS):][:2]) == ("bộ", "trưởng")):
                p.j = m.j
                continue
        res.append(m)
    return res


def _is_generic(m: Mention, norms: list[str]) -> bool:
    """A collective or an office-holder (`các đơn vị`, `Thủ trưởng các đơn vị`): what follows `thuộc`/
    `của` tells whose."""
    return m.kind == "collective" or bool(_match_seq(norms, m.i + (norms[m.i] in DETERMINERS), POSITIONS_ALL))


_CLAUSE_OPEN = {".", ";", ":", "-", "–", "+", "•", ")"}


def _province_ok(out: list[Mention], k: int, norms: list[str]) -> bool:
    """A lone province name is a body only in a list headed by an organ or a collective of localities
    (`UBND các tỉnh, thành phố: A, B`, `các địa phương (A, B)`, `Các tỉnh A, B`); elsewhere it is a
    place (`tại đảo Thổ Chu, tỉnh Kiên Giang`)."""
    m = out[k]
    if m.kind != "province":
        return True
    x = k
    while True:
        first = out[x].i
        if first == 0 or norms[first - 1] in DETERMINERS or norms[first - 1] in _CLAUSE_OPEN:
            return True     # `Các tỉnh A, B`, or the subject of its clause: `Thành phố Hà Nội, tỉnh B đẩy nhanh`
        if x == 0:
            return False
        prev = out[x - 1]
        gap = norms[prev.j:first]
        if len(gap) > 3 or not all(w in _PUNCT_LIST or w in {":", "các"} for w in gap):
            return False
        if prev.kind != "province":
            return True
        x -= 1


def _plausible(m: Mention, norms: list[str], toks: Toks) -> bool:
    # a lone province name is a body only in a list of provinces/organs; keep it, roles decide
    if m.j - m.i == 1 and len(norms[m.i]) <= 2 and not toks.text[m.i].isupper():
        return False
    return True
