"""Responsible bodies of each task: mention detection, role assignment, canonical names.

Mentions come from three sources, over one regex tokenization of the task's text turned into a
spaCy `Doc` (blank Vietnamese vocabulary, no pyvi):
- a spaCy `PhraseMatcher` over the token norms (lower case, old/new tone placement unified) built
  once from the gazetteer (`models/gazetteer/organs.tsv`, provinces, abbreviations);
- productive names: an organ head (`Sở`, `Ban`, `Cục`, `Ủy ban nhân dân`, `Công an` ...) followed by a
  capitalised name, a level word (`tỉnh`, `các xã, phường`) or a province;
- collectives: `các` + generic heads (`collectives.tsv`) joined by commas, kept as ONE body
  (`các sở, ban, ngành`, `các cơ quan, đơn vị có liên quan`).
A list of named organs (`Sở Nội vụ, Sở Tài chính`) stays split, one body per organ.

Roles come from the cue before a list of mentions in its clause (`;`, sentence end): `phối hợp
(với)` coordinate, `báo cáo ... (về)` / `gửi ... về` report_to, `giao` / `yêu cầu` / `đề nghị` or the
clause's subject position lead; `X (lãnh đạo,) chỉ đạo Y` makes X oversee and Y lead; `trình`,
`kiến nghị`, `tham mưu`, `giúp` and plain mentions give no body.
"""
from __future__ import annotations

import datetime
import functools
import re
import unicodedata
from dataclasses import dataclass

from pipeline.gazetteer import find_province, fold, province_on, provinces, read_tsv, _as_date
from pipeline.model import Body, Document, Task

# ----------------------------------------------------------------------------------------------
# tokenization

_PARA = re.compile(r"\n[ \t*_#>]*\n|\|")
_TOKEN = re.compile(r"\w+(?:[&'’.\-/]\w+)*&?|[^\w\s*_\\#|>`]")
_TONE = [("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
         ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
         ("uý", "úy"), ("uỳ", "ùy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")]


@functools.lru_cache(maxsize=65536)
def norm_token(t: str) -> str:
    t = unicodedata.normalize("NFC", t).lower().replace("ð", "đ")
    for a, b in _TONE:
        if a in t:
            t = t.replace(a, b)
    return t


@dataclass(slots=True)
class Tok:
    text: str
    norm: str
    start: int
    end: int
    para: bool          # a blank line or line break separates it from the token before
    cap: bool           # first letter upper case


def tokenize(text: str) -> list[Tok]:
    out: list[Tok] = []
    prev_end = 0
    for m in _TOKEN.finditer(text):
        start = m.start()
        t = m.group(0)
        # a plain space (the usual gap) never separates paragraphs
        para = bool(out) and start - prev_end > 0 and text[prev_end:start] != " " and (
            _PARA.search(text, prev_end, start) is not None)
        out.append(Tok(t, norm_token(t), start, m.end(), para, t[:1].isupper()))
        prev_end = m.end()
    return out


# ----------------------------------------------------------------------------------------------
# gazetteer-derived resources, built once

@dataclass(frozen=True)
class Organ:
    name: str
    kind: str
    system: str
    level: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    successor: str | None


def _d(s: str) -> datetime.date | None:
    return datetime.date.fromisoformat(s) if s else None


@functools.cache
def organs() -> dict[str, Organ]:
    out = {}
    for r in read_tsv("organs.tsv"):
        out[r["name"]] = Organ(r["name"], r["kind"], r["system"], r["level"], _d(r["valid_from"]),
                               _d(r["valid_to"]), r["successor"] or None)
    return out


@functools.cache
def organ_aliases() -> dict[tuple[str, ...], str]:
    """token-norm tuple -> organ name, for every name and alias of organs.tsv."""
    out: dict[tuple[str, ...], str] = {}
    for r in read_tsv("organs.tsv"):
        for a in [r["name"], *[x.strip() for x in r["aliases"].split(";") if x.strip()]]:
            key = tuple(t.norm for t in tokenize(a))
            if len(key) == 1 and key[0] in _AMBIGUOUS_SINGLE:
                continue
            out.setdefault(key, r["name"])
    return out


# one-token aliases that are also ordinary words or other things in running text
_AMBIGUOUS_SINGLE = {"tu", "cp", "qh", "bct", "btc", "btp", "bbt", "ctn", "bnv", "bng", "bca", "bqp", "sct",
                     "stc", "stp", "snv", "sxd", "syt", "vtv", "vov", "thủ tướng", "phó thủ tướng"}


@functools.cache
def abbreviations() -> dict[str, str]:
    return {r["abbr"]: r["expansion"] for r in read_tsv("abbreviations.tsv")}


@functools.cache
def collective_heads() -> dict[tuple[str, ...], str]:
    return {tuple(norm_token(w) for w in r["head"].split()): r["kind"] for r in read_tsv("collectives.tsv")}


@functools.cache
def province_keys() -> dict[tuple[str, ...], str]:
    out = {}
    for p in provinces():
        for a in p.aliases:
            key = tuple(t.norm for t in tokenize(a))
            out.setdefault(key, p.name)
    return out


@functools.cache
def _nlp():
    import spacy
    return spacy.blank("vi", config={"nlp": {"tokenizer": {"use_pyvi": False}}})


@functools.cache
def _matcher():
    """spaCy PhraseMatcher over token norms: label ORG (organs.tsv) and PROV (provinces)."""
    from spacy.matcher import PhraseMatcher
    nlp = _nlp()
    # Docs are built from the token norms themselves, so matching on ORTH is matching on norms
    # (cheaper than setting NORM token by token on every document).
    m = PhraseMatcher(nlp.vocab, attr="ORTH")
    m.add("ORG", [_make_doc(list(k)) for k in organ_aliases()])
    m.add("PROV", [_make_doc(list(k)) for k in province_keys()])
    return m


def _make_doc(norms: list[str]):
    from spacy.tokens import Doc
    return Doc(_nlp().vocab, words=norms, spaces=[True] * len(norms))


def _to_doc(toks: list[Tok]):
    return _make_doc([t.norm for t in toks])


# ----------------------------------------------------------------------------------------------
# vocabulary

def _seq(*phrases: str) -> list[tuple[str, ...]]:
    return sorted({tuple(norm_token(w) for w in p.split()) for p in phrases}, key=len, reverse=True)


# organ heads that start a productive name when followed by a capitalised word, a level word or a province
HEADS = _seq(
    "Sở", "Ban", "Bộ", "Cục", "Tổng cục", "Vụ", "Phòng", "Trung tâm", "Viện", "Học viện", "Hội",
    "Liên đoàn", "Ủy ban", "Uỷ ban", "Uy ban", "UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân",
    "Công an", "Đảng ủy", "Đảng uỷ", "Đảng đoàn", "Ban cán sự đảng", "Chi bộ", "Chi cục", "Tổng công ty", "Công ty",
    "Tập đoàn", "Ngân hàng", "Kho bạc", "Đài", "Báo", "Văn phòng", "Thanh tra", "Tòa án", "Viện kiểm sát",
    "Bảo hiểm xã hội", "BHXH", "Bộ Chỉ huy", "Bộ Tư lệnh", "Quân khu", "Ban Quản lý", "Ban Chỉ đạo", "BCĐ",
    "Tổ công tác", "Hội đồng", "Ủy ban MTTQ", "UBMTTQ", "MTTQ", "Mặt trận Tổ quốc", "Tỉnh đoàn", "Thành đoàn",
    "Huyện ủy", "Thành ủy", "Tỉnh ủy", "Thị ủy", "Quận ủy", "Đoàn", "Trường", "Đại học", "Ban Thường vụ",
    "Thường trực", "Đồn", "Hạt", "Cảng vụ", "Ủy ban Kiểm tra", "Trung ương", "Hiệp hội", "Tổ",
    # positions
    "Thủ tướng", "Thủ tướng Chính phủ", "Phó Thủ tướng", "Phó Thủ tướng Chính phủ", "Bộ trưởng", "Thứ trưởng",
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Thủ trưởng", "Bí thư", "Phó Bí thư", "Trưởng ban",
    "Chánh Văn phòng", "Tổng Giám đốc", "Người đứng đầu", "người đứng đầu", "Chánh Thanh tra", "Tổng cục trưởng",
    "Cục trưởng", "Vụ trưởng", "Trưởng Ban", "Chính phủ", "Quốc hội", "Lực lượng", "lực lượng",
)
# heads that name a body on their own (no name needed after them)
STANDALONE = _seq("Chính phủ", "Quốc hội", "Thủ tướng", "Thủ tướng Chính phủ", "Phó Thủ tướng", "Trung ương",
                  "Tỉnh đoàn", "Thành đoàn", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Thị ủy", "Quận ủy",
                  "Phó Thủ tướng Chính phủ", "MTTQ", "Thường trực")
# a head followed by these is not an organ (`Bộ luật`, `Ban hành`, `Phòng, chống`, `Hội nghị`)
NOT_AFTER_HEAD = {norm_token(w) for w in (
    "luật", "tiêu", "chỉ", "quy", "công", "máy", "phận", "đội", "hành", "nghị", "thảo", "chống", "ngừa",
    "hữu", "việc", "thi", "diễn", "tích", "dung", "hồ", "mặt", "sung", "ngành", "nghề", "học", "tin",
    "viên", "thị", "chí", "số", "mẫu", "năm", "tháng", "ngày", "hợp", "ngũ", "đồng", "chức")}
LEVEL_WORDS = _seq("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu",
                   "cấp tỉnh", "cấp huyện", "cấp xã", "cấp cơ sở", "Trung ương", "trung ương", "trực thuộc Trung ương",
                   "Thành phố", "Tỉnh", "huyện, thị xã, thành phố", "cấp trên", "cấp dưới", "cơ sở")
MODIFIERS = _seq("có liên quan", "liên quan", "chức năng", "trực thuộc", "cấp trên", "cấp dưới", "cấp tỉnh",
                 "cấp huyện", "cấp xã", "cấp cơ sở", "của tỉnh", "của Thành phố", "của thành phố", "trên địa bàn",
                 "trên địa bàn tỉnh", "trên địa bàn thành phố", "thuộc tỉnh", "thuộc thành phố", "tỉnh", "thành phố",
                 "Thành phố", "Trung ương", "ở Trung ương", "trực thuộc Trung ương", "địa phương", "đoàn thể",
                 "chính trị - xã hội", "thuộc Chính phủ", "ngang bộ", "ngang Bộ", "chủ quản", "quản lý", "khác",
                 "có thẩm quyền", "thẩm quyền", "báo chí", "thông tin", "viễn thông", "tỉnh, thành phố",
                 "đầu tư", "thi công", "tư vấn", "kinh tế", "xã hội", "kinh tế, xã hội", "nhà nước",
                 "quản lý nhà nước", "cấp nước", "trực thuộc tỉnh", "trên địa bàn Thành phố")
DESCRIPTIVE = _seq("Ban Quản lý", "Ban Chỉ đạo", "Tổ công tác", "Hội đồng", "Trung tâm", "Ban Công tác",
                   "Ủy ban bầu cử", "Tổ bầu cử", "Ban bầu cử", "Ban Công tác Mặt trận")
POSITIONS = _seq("Thủ trưởng", "Người đứng đầu", "người đứng đầu", "Giám đốc", "Chủ tịch", "Lãnh đạo",
                 "Bí thư", "Các đồng chí Bí thư")
BARE_KINDS: set[str] = set()
BARE_OK = set(_seq("cơ quan", "đơn vị", "địa phương", "doanh nghiệp", "nhà đầu tư", "chủ đầu tư", "nhà thầu",
                   "chính quyền", "đoàn thể", "cấp ủy", "cấp uỷ", "tổ chức đảng", "cơ quan chủ quản",
                   "cơ quan báo chí", "cơ quan thông tin", "trung tâm"))
_BARE_BEFORE = {",", "với", "về", "giao", "cho", ":", "và", "nghị", "cầu"}
DETERMINERS = {"các", "những", "mọi", "mỗi", "toàn", "từng", "tất"}

CUE_COORD = _seq("phối hợp chặt chẽ với", "phối hợp chặt chẽ", "phối hợp với", "phối hợp", "kết hợp với",
                 "cùng với", "phối hợp cùng", "tham gia cùng", "với sự phối hợp của", "sự phối hợp của",
                 "phối hợp, hướng dẫn", "phối hợp và hướng dẫn", "phối hợp tốt với", "phối hợp thực hiện với")
CUE_REPORT = _seq("báo cáo", "gửi", "phản ánh", "báo cáo kết quả", "xin ý kiến", "báo cáo tình hình")
CUE_REPORT_TO = _seq("về", "lên", "đến", "tới", "cho")
CUE_LEAD = _seq("giao", "giao cho", "yêu cầu", "đề nghị", "kính đề nghị", "đề nghị các",
                "phân công", "đồng chí", "các đồng chí", "riêng", "trong đó", "đồng thời",
                "ngoài ra", "tiếp tục giao", "thống nhất giao", "đồng ý giao", "chỉ đạo", "lãnh đạo, chỉ đạo",
                "lãnh đạo", "hướng dẫn, chỉ đạo", "chỉ đạo, hướng dẫn", "và chỉ đạo", "giao trách nhiệm cho")
CUE_NONE = _seq("trình", "kiến nghị", "tham mưu", "tham mưu cho", "giúp", "đề xuất", "xin", "theo", "của",
                "thuộc", "với", "tại", "cho")
CUE_OVERSEE = _seq("lãnh đạo, chỉ đạo", "chỉ đạo", "lãnh đạo", "trực tiếp chỉ đạo", "lãnh đạo và chỉ đạo",
                   "tiếp tục lãnh đạo, chỉ đạo", "tiếp tục chỉ đạo", "chỉ đạo, hướng dẫn", "lãnh đạo, chỉ đạo các",
                   "chỉ đạo các")
LABELS_ROLE = {}
for _w in ("cơ quan", "đơn vị", "bộ phận", "cơ quan, đơn vị", ""):
    for _v, _r in (("chủ trì", "lead"), ("thực hiện", "lead"), ("chủ trì thực hiện", "lead"), ("đầu mối", "lead"),
                   ("phối hợp", "coordinate"), ("phối hợp thực hiện", "coordinate"), ("chịu trách nhiệm", "lead")):
        LABELS_ROLE[tuple(norm_token(x) for x in f"{_w} {_v}".split())] = _r
LABELS = sorted(LABELS_ROLE, key=len, reverse=True)
LEAD_STRONG = _seq("có trách nhiệm", "chịu trách nhiệm", "chủ trì", "chủ động", "phối hợp", "khẩn trương",
                   "tiếp tục", "triển khai", "cần", "phải", "thực hiện")
ISSUER_VERBS = _seq("yêu cầu", "chỉ thị", "quyết định", "giao", "đề nghị", "thông báo", "kết luận", "ý kiến",
                    "xin thông báo", "ban hành", "hướng dẫn")
LEAD_VERBS = _seq("chủ trì", "có trách nhiệm", "chịu trách nhiệm", "chủ động", "khẩn trương", "tiếp tục",
                  "thực hiện", "phối hợp", "triển khai", "tổ chức", "là cơ quan", "làm", "tham mưu", "theo dõi",
                  "hướng dẫn", "rà soát", "xây dựng", "nghiên cứu", "đẩy nhanh", "đẩy mạnh", "tăng cường",
                  "quan tâm", "bố trí", "cần", "phải", "sớm", "nghiêm túc", "căn cứ", "theo chức năng", "đảm bảo",
                  "bảo đảm", "kịp thời", "thường xuyên", "tập trung", "có", "cần có", "được giao", "thực hiện tốt",
                  "nâng cao", "phát huy", "quán triệt", "tuyên truyền", "vận động", "hoàn thành", "hoàn thiện",
                  "chuẩn bị", "kiểm tra", "giám sát", "đôn đốc", "ưu tiên", "chỉ đạo", "lãnh đạo", "xem xét",
                  "chịu", "tiến hành", "phân công", "đăng ký", "tiếp nhận", "duy trì", "theo", "trong phạm vi",
                  "được", "ban hành", "sử dụng", "cập nhật", "tổng hợp", "báo cáo", ":")
FILLER = {",", "-", "–", "—", "+", "•", ".", ")", "(", "“", "”", "\"", "'", "…"}

_PUNCT_LIST = {",", "và", ";", "/", "(", ")", "cùng"}


_SEQ_INDEX: dict[int, tuple[object, dict[str, list[tuple[str, ...]]]]] = {}


def _index(seqs) -> dict[str, list[tuple[str, ...]]]:
    got = _SEQ_INDEX.get(id(seqs))
    if got is None or got[0] is not seqs:
        idx: dict[str, list[tuple[str, ...]]] = {}
        for q in sorted(seqs, key=len, reverse=True):
            if q:
                idx.setdefault(q[0], []).append(q)
        got = (seqs, idx)
        _SEQ_INDEX[id(seqs)] = got
    return got[1]


def _match_seq(norms: list[str], i: int, seqs) -> int:
    """Length of the longest sequence of `seqs` starting at norms[i] (0 if none)."""
    if i >= len(norms):
        return 0
    for q in _index(seqs).get(norms[i], ()):
        if tuple(norms[i:i + len(q)]) == q:
            return len(q)
    return 0


def _ends_with(norms: list[str], j: int, seqs: list[tuple[str, ...]]) -> int:
    """Length of the longest sequence of `seqs` ending just before norms[j]."""
    for s in seqs:
        if j - len(s) >= 0 and tuple(norms[j - len(s):j]) == s:
            return len(s)
    return 0


# ----------------------------------------------------------------------------------------------
# mention detection

@dataclass
class Mention:
    i: int              # first token
    j: int              # one past the last token
    kind: str           # named | productive | collective | province
    organ: str | None = None   # organs.tsv name when matched there


def _is_name_tok(t: Tok) -> bool:
    return t.cap and t.text[:1].isalpha()


def _extend_name(toks: list[Tok], norms: list[str], j: int) -> int:
    """Extend a productive name from token j: capitalised words (each with at most one lower-case
    syllable after it), `và`/`-`/`&` + capitalised, level words and a province."""
    n = len(toks)
    j0 = j
    while j < n and not toks[j].para:
        t = toks[j]
        if j > j0 and t.cap and norms[j] in _NEW_ORGAN:
            break
        k = _match_seq(norms, j, HEADS)
        if k and toks[j].cap and k > 1:
            j += k
            continue
        if _is_name_tok(t) and not (t.text.isupper() and len(t.text) > 1 and j + 1 < n and toks[j + 1].text.isupper()):
            j += 1
            low = 0
            while j < n and low < 6 and not toks[j].para:
                if norms[j] in {"-", "–"} and j + 1 < n and not toks[j + 1].cap and toks[j + 1].text[:1].isalpha() \
                        and norms[j + 1] not in _CUE_FIRST:
                    j += 1
                    continue
                if not toks[j].cap and toks[j].text[:1].isalpha() and norms[j] not in _CUE_FIRST \
                        and norms[j] not in _STOP_LOW and not _match_seq(norms, j, LEVEL_WORDS):
                    j += 1
                    low += 1
                    continue
                break
            continue
        if norms[j] in {"và", "-", "&", "–"} and j + 1 < n and _is_name_tok(toks[j + 1]) \
                and not toks[j + 1].para and not _match_seq(norms, j + 1, HEADS):
            j += 1
            continue
        k = _match_seq(norms, j, LEVEL_WORDS)
        if k:
            j += k
            while j + 1 < n and norms[j] == "," and not toks[j + 1].para and _match_seq(norms, j + 1, LEVEL_WORDS) \
                    and not _match_seq(norms, j + 1, _prov_seqs()):
                j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
            p = _match_seq(norms, j, _prov_seqs())
            if p:
                j += p
            continue
        if norms[j] == "các":
            k = _match_seq(norms, j + 1, LEVEL_WORDS)
            if k:
                j += 1 + k
                while j + 1 < n and norms[j] == "," and _match_seq(norms, j + 1, LEVEL_WORDS):
                    j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
                continue
        break
    return j


@functools.cache
def _prov_seqs() -> tuple[tuple[str, ...], ...]:
    return list(sorted(province_keys(), key=len, reverse=True))


_NEW_ORGAN = {"sở", "bộ", "ban", "cục", "vụ", "ubnd", "hđnd"}
_STOP_LOW = {"và", "các", "cùng", "hoặc", "hay", "như", "nhằm", "nhưng", "mà", "đã", "đang", "sẽ", "không",
             "chưa", "cũng", "vẫn", "trực", "sau", "trước", "cấp", "khẩn", "tích", "nghiêm", "kịp", "lập", "cử",
             "gồm", "bao", "tự", "đưa", "phụ", "tiến", "đánh", "ban", "tạo", "chuyển", "phát", "huy", "lựa",
             "thống", "tập", "thẩm", "xử", "giải", "cung", "nắm", "quản", "ra", "lấy", "nhận", "phổ", "hỗ",
             "hàng", "hằng", "định", "đến", "từ", "bằng", "vì", "nếu", "khi", "đồng", "ngay", "trao", "điều",
             "sớm", "đôn", "rà", "báo", "ký", "đăng", "lãnh", "mở", "áp", "soạn", "bổ", "sửa", "nêu", "xác"}
_CUE_FIRST = {norm_token(w) for w in ("chủ", "phối", "có", "chịu", "thực", "tổ", "triển", "tham", "theo",
                                      "khẩn", "tiếp", "chỉ", "lãnh", "báo", "gửi", "trình", "kiến", "giao",
                                      "yêu", "đề", "căn", "trên", "trong", "tại", "về", "của", "để", "do",
                                      "nghiên", "xây", "rà", "đẩy", "tăng", "bảo", "đảm", "hướng", "kịp",
                                      "cần", "phải", "sớm", "là", "được", "với", "cùng", "thường", "hoàn",
                                      "nâng", "quán", "tuyên", "vận", "kiểm", "giám", "đôn", "xem", "ban",
                                      "làm", "khi", "nếu", "đối", "theo", "thuộc", "năm", "ngày", "tháng")}


def _extend_tail(toks: list[Tok], norms: list[str], j: int) -> int:
    """A named organ's level word and province (`Sở Y tế` + `tỉnh Tiền Giang`, `Tỉnh ủy` + `Tiền Giang`)."""
    n = len(toks)
    if j < n and not toks[j].para:
        k = _match_seq(norms, j, LEVEL_WORDS)
        if k:
            j += k
        p = _match_seq(norms, j, _prov_seqs())
        if p and j < n and not toks[j].para:
            j += p
    return j


@functools.cache
def _heads_sorted() -> list[tuple[str, ...]]:
    return sorted(collective_heads(), key=len, reverse=True)


def _collective_at(norms: list[str], toks: list[Tok], i: int, bare: bool = False) -> int:
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
    if j == i and collective_heads()[tuple(norms[j:j + k])] not in BARE_KINDS and tuple(norms[j:j + k]) not in BARE_OK:
        return 0
    j += k
    while j < n and not toks[j].para:
        m = _match_seq(norms, j, MODIFIERS)
        if m:
            j += m
            continue
        if norms[j] in {",", "và", "/"} and j + 1 < n and not toks[j + 1].para:
            k = _match_seq(norms, j + 1, heads)
            if k and norms[j + 1] not in DETERMINERS:
                j += 1 + k
                continue
        break
    return j


def find_mentions(toks: list[Tok]) -> list[Mention]:
    norms = [t.norm for t in toks]
    n = len(toks)
    found: list[Mention] = []
    if n:
        doc = _to_doc(toks)
        labels = _nlp().vocab.strings
        for mid, s, e in _matcher()(doc):
            lab = labels[mid]
            if lab == "ORG":
                org = organ_aliases().get(tuple(norms[s:e]))
                e2 = _extend_tail(toks, norms, e)
                found.append(Mention(s, e2, "named", org))
            else:
                found.append(Mention(s, e, "province"))
    # productive names
    for i in range(n):
        k = _match_seq(norms, i, HEADS)
        if not k:
            continue
        if not toks[i].cap and norms[i] not in {"người", "lực"}:
            continue
        j = i + k
        if j < n and norms[j] in NOT_AFTER_HEAD and k == 1:
            continue
        if j < n and norms[j] == "," and k == 1:
            continue
        if toks[i].text.isupper() and len(toks[i].text) > 1 and j < n and toks[j].text.isupper() and len(toks[j].text) > 1:
            continue        # all-caps headings: only gazetteer names
        e = _extend_name(toks, norms, j)
        if _match_seq(norms, i, DESCRIPTIVE):
            x = e
            while x < n and x - e < 12 and not toks[x].para and toks[x].text[:1].isalnum() \
                    and norms[x] not in _CUE_FIRST:
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
    for i in range(n):
        if norms[i] in DETERMINERS or i == 0 or norms[i - 1] in _BARE_BEFORE or toks[i].para:
            e = _collective_at(norms, toks, i, bare=norms[i] not in DETERMINERS)
            if e:
                found.append(Mention(i, e, "collective"))
    # resolve overlaps: named organs and longer spans first; a named organ inside a longer productive
    # name is absorbed (its name extends it: `Sở Y tế tỉnh Tiền Giang`)
    order = {"named": 0, "productive": 1, "collective": 2, "province": 3}
    found.sort(key=lambda m: (-(m.j - m.i), order[m.kind], m.i))
    taken = [False] * n
    out: list[Mention] = []
    for m in found:
        if any(taken[m.i:m.j]):
            continue
        for x in range(m.i, m.j):
            taken[x] = True
        out.append(m)
    out.sort(key=lambda m: m.i)
    # a named organ contained in a productive span keeps the organ identity
    for m in out:
        if m.kind != "named":
            for f in found:
                if f.kind == "named" and f.i == m.i and f.j == m.j:
                    m.organ = f.organ
                    break
    return [m for m in out if _plausible(m, norms, toks)]


def _plausible(m: Mention, norms: list[str], toks: list[Tok]) -> bool:
    # a lone province name is a body only in a list of provinces/organs; keep it, roles decide
    if m.j - m.i == 1 and len(norms[m.i]) <= 2 and not toks[m.i].text.isupper():
        return False
    return True


# ----------------------------------------------------------------------------------------------
# roles

def _clauses(toks: list[Tok]) -> list[tuple[int, int]]:
    out, s = [], 0
    for k, t in enumerate(toks):
        end = t.text in {";", "!", "?"} or (t.text in {".", ":"} and (k + 1 == len(toks) or toks[k + 1].cap)) \
            or (k > s and t.para and k + 1 < len(toks) and toks[k - 1].text in {".", ":", ";"})
        if t.para and k > s and not end:
            # a paragraph break after a heading line (`Sở Y tế` / `Sở Y tế:`) ends the clause
            if toks[k - 1].text in {":", ".", ";"} or not toks[k - 1].text[:1].isalpha() or _heading_like(toks, s, k):
                out.append((s, k))
                s = k
                continue
        if end:
            out.append((s, k + 1 if t.text != "\n" else k))
            s = k + 1
    if s < len(toks):
        out.append((s, len(toks)))
    return out


def _heading_like(toks: list[Tok], s: int, k: int) -> bool:
    return k - s <= 14


def _groups(ms: list[Mention], norms: list[str]) -> list[list[Mention]]:
    """Mentions joined by `,` / `và` / `;` inside a list form one group."""
    groups: list[list[Mention]] = []
    for m in ms:
        if groups:
            last = groups[-1][-1]
            between = norms[last.j:m.i]
            if len(between) <= 3 and all(w in _PUNCT_LIST or w in {"các", "tỉnh", "thành", "phố", ":", "với"}
                                         for w in between):
                groups[-1].append(m)
                continue
        groups.append([m])
    return groups


def _role_before(norms: list[str], s: int, i: int) -> tuple[str | None, bool]:
    """(role from the cue just before token i, whether the mention is at the clause's start)."""
    j = i
    # skip fillers
    while j > s and norms[j - 1] in FILLER:
        j -= 1
    if j == s:
        return "lead", True
    k = _ends_with(norms, j, CUE_COORD)
    if k:
        return "coordinate", False
    k = _ends_with(norms, j, CUE_REPORT)
    if k:
        return "report_to", False
    k = _ends_with(norms, j, CUE_REPORT_TO)
    if k:
        # `báo cáo (kết quả ...) về X`, `gửi ... về X`
        lo = max(s, j - 18)
        window = norms[lo:j - k]
        for c in CUE_REPORT:
            for x in range(len(window) - len(c) + 1):
                if tuple(window[x:x + len(c)]) == c:
                    return "report_to", False
        if norms[j - 1] in {"về", "cho"}:
            return None, False
    k = _ends_with(norms, j, CUE_NONE)
    if k and not _ends_with(norms, j, CUE_LEAD):
        return None, False
    k = _ends_with(norms, j, CUE_LEAD)
    if k:
        # `giao`/`đề nghị` at the clause start, or `chỉ đạo` objects
        before = j - k
        while before > s and norms[before - 1] in FILLER:
            before -= 1
        return "lead", before == s
    return None, False


def _role_after(norms: list[str], j: int, e: int, window: int = 0) -> str | None:
    """What follows a group: 'issuer' (`yêu cầu`), 'lead' (a lead verb, or nothing: a heading).
    With `window`, a strong lead verb (`có trách nhiệm`, `chủ trì`) up to that many tokens on counts."""
    if j >= e or norms[j] in {":", ".", ";"}:
        return "lead"
    if _match_seq(norms, j, ISSUER_VERBS) and not _match_seq(norms, j, CUE_OVERSEE):
        return "issuer"
    if _match_seq(norms, j, LEAD_VERBS):
        return "lead"
    for x in range(j + 1, min(e, j + window)):
        if norms[x] in {",", ";", ":"} and x + 1 < e and norms[x + 1] not in DETERMINERS:
            if norms[x] != ",":
                return "lead"
        if _match_seq(norms, x, LEAD_STRONG):
            return "lead"
    return "lead" if window and min(e, j + window) == e else None


def assign_roles(toks: list[Tok], ms: list[Mention]) -> list[tuple[Mention, str]]:
    norms = [t.norm for t in toks]
    out: list[tuple[Mention, str]] = []
    carry: str | None = None
    for s, e in _clauses(toks):
        # `Đơn vị chủ trì: X` / `Cơ quan phối hợp: Y, Z` label the clause (or the next one)
        x = s
        while x < e and norms[x] in FILLER:
            x += 1
        label = None
        k = _match_seq(norms, x, LABELS)
        if k and x + k < len(norms) and norms[x + k] == ":":
            label = LABELS_ROLE[tuple(norms[x:x + k])]
            x += k + 1
        cms = [m for m in ms if s <= m.i < e and m.i >= x]
        if label and not cms:
            carry = label
            continue
        label = label or carry
        carry = None
        if not cms:
            continue
        if label:
            out.extend((m, label) for m in cms)
            continue
        groups = _groups(cms, norms)
        roles: list[str | None] = []
        for g in groups:
            role, at_start = _role_before(norms, s, g[0].i)
            after = _role_after(norms, g[-1].j, e, 12 if g[0].kind == "collective" else 0)
            if role == "lead" and at_start and after == "issuer":
                role = None
            elif role == "lead" and at_start and g[0].kind == "collective" and after != "lead":
                role = None
            elif role is None and after == "lead" and g[0].i > s and norms[g[0].i - 1] == ",":
                # `Trên cơ sở ..., Sở X chủ trì`
                role = "lead"
            roles.append(role)
        # `X (lãnh đạo,) chỉ đạo Y`: X oversees, Y leads
        objects: set[int] = set()
        for gi, g in enumerate(groups):
            k = _match_seq(norms, g[-1].j, CUE_OVERSEE)
            if k and gi + 1 < len(groups) and gi not in objects:
                nxt = groups[gi + 1]
                gap = norms[g[-1].j + k:nxt[0].i]
                if len(gap) <= 6 and roles[gi] in {"lead", None}:
                    if roles[gi] is not None or _role_before(norms, s, g[0].i)[1]:
                        roles[gi] = "oversee"
                        roles[gi + 1] = "lead"
                        objects.add(gi + 1)
        for g, r in zip(groups, roles):
            if r:
                for m in g:
                    out.append((m, r))
    return out


# ----------------------------------------------------------------------------------------------
# canonical names

_LEVEL_TAIL = re.compile(r"(?<!cấp)\s(tỉnh|thành phố|Thành phố|Tỉnh)$")
_PARTY_TAIL = re.compile(r"(Tỉnh ủy|Thành ủy|Tỉnh uỷ|Thành uỷ|Tỉnh đoàn|Thành đoàn)$")


def _expand(name: str) -> str:
    ab = abbreviations()
    words = []
    for w in re.split(r"(\s+)", name):
        words.append(ab.get(w, w) if w.strip() else " ")
    s = re.sub(r"\s+", " ", "".join(words)).strip()
    s = s.replace("Uỷ", "Ủy").replace("uỷ", "ủy")
    return s


@functools.cache
def _folded_provinces():
    return [(fold(p.name), p) for p in provinces()]


@functools.lru_cache(maxsize=8192)
def canonical_name(name: str, organ: str | None = None, locality: str | None = None,
                   doc_date: datetime.date | str | None = None) -> str:
    """`name` with abbreviations expanded, the organ valid on `doc_date` (successor after a merger)
    and the locality added to province-level organs (`UBND tỉnh` -> `Ủy ban nhân dân tỉnh Tiền Giang`)."""
    d = _as_date(doc_date)
    base = _expand(name)
    if organ and organ in organs():
        o = organs()[organ]
        # the organ valid on the document's date
        seen = 0
        while d and o.valid_to and d > o.valid_to and o.successor and o.successor in organs() and seen < 4:
            o = organs()[o.successor]
            seen += 1
        if fold(base) == fold(_expand(organ)) or organ != o.name or len(organ) >= len(base):
            base = o.name
    # an explicit province: the unit valid on the date
    fb = f" {fold(base)} "
    cands = [p for fn, p in _folded_provinces() if f" {fn} " in fb]
    if cands:
        p = max(cands, key=lambda p: len(p.name))
        q = province_on(p.name, d) if d else None
        if q is not None and q.name != p.name:
            base = re.sub(rf"((tỉnh|thành phố|Thành phố|TP\.?)\s+)?{re.escape(p.name)}", q.full_name, base)
        return base
    if not locality:
        return base
    p = province_on(locality, d) if d else find_province(locality)
    if p is None:
        return base
    low = base.lower()
    if low.startswith("các ") or low.startswith("những "):
        return base
    if _LEVEL_TAIL.search(base):
        lvl = _LEVEL_TAIL.search(base).group(1).lower()
        if (lvl == "tỉnh") == (p.kind == "tỉnh") or lvl == "tỉnh":
            return _LEVEL_TAIL.sub(" " + p.full_name, base)
        return base
    if _PARTY_TAIL.search(base):
        return f"{base} {p.name}"
    if organ and organ in organs() and organs()[organ].level == "province":
        return f"{base} {p.full_name}"
    if re.match(r"(Sở|Công an|Bộ Chỉ huy|Ban Quản lý)\s", base):
        return f"{base} {p.full_name}"
    return base


# ----------------------------------------------------------------------------------------------
# public interface

_ROLE_COLUMNS = [("phối hợp", "coordinate"), ("chủ trì", "lead"), ("thực hiện", "lead"),
                 ("đầu mối", "lead"), ("cơ quan", "lead"), ("đơn vị", "lead"), ("trách nhiệm", "lead")]


def column_role(header: str) -> str | None:
    """Role of a task-table column from its header ('Cơ quan chủ trì' -> lead)."""
    h = norm_token(re.sub(r"\s+", " ", header))
    for k, r in _ROLE_COLUMNS:
        if k in h:
            return r
    return None


def find_bodies(text: str, *, locality: str | None = None, doc_date: datetime.date | str | None = None,
                default_role: str | None = None) -> list[Body]:
    """Bodies responsible for the task whose own text is `text` (spans relative to `text`)."""
    toks = tokenize(text)
    if not toks:
        return []
    ms = find_mentions(toks)
    if default_role:
        pairs = [(m, default_role) for m in ms]
    else:
        pairs = assign_roles(toks, ms)
    out: list[Body] = []
    seen = set()
    for m, role in pairs:
        s, e = toks[m.i].start, toks[m.j - 1].end
        name = text[s:e]
        key = (s, e, role)
        if key in seen:
            continue
        seen.add(key)
        out.append(Body(name=name, role=role, span=(s, e),
                        canonical=canonical_name(name, m.organ, locality, doc_date)))
    return out


def _inherit(doc: Document) -> None:
    by_path = {t.path: t for t in doc.tasks}
    for t in doc.tasks:
        if t.bodies:
            continue
        p = t.parent
        while p is not None and p in by_path:
            anc = by_path[p]
            own = [b for b in anc.bodies if not b.inherited] or anc.bodies
            if own:
                t.bodies = [Body(b.name, b.role, b.span, b.canonical, True) for b in own]
                break
            p = anc.parent


def bodies_stage(doc: Document) -> Document:
    h = doc.header
    locality = h.locality
    date = h.date
    for t in doc.tasks:
        t.bodies = []
        if t.kind == "row" and t.cells:
            for col, (cs, ce) in t.cells.items():
                role = column_role(col)
                if role is None:
                    continue
                for b in find_bodies(doc.text[cs:ce], locality=locality, doc_date=date, default_role=role):
                    b.span = (b.span[0] + cs, b.span[1] + cs)
                    t.bodies.append(b)
            # the task content column may still name a lead (`Sở X chủ trì ...`): only when no column did
            continue
        s0, e0 = t.span
        for b in find_bodies(doc.text[s0:e0], locality=locality, doc_date=date):
            b.span = (b.span[0] + s0, b.span[1] + s0)
            t.bodies.append(b)
    _inherit(doc)
    return doc


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Every organ mention in `text` (before roles): (start, end, name as printed)."""
    toks = tokenize(text)
    return [(toks[m.i].start, toks[m.j - 1].end, text[toks[m.i].start:toks[m.j - 1].end])
            for m in find_mentions(toks)]
