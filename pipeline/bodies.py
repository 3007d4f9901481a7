"""Responsible bodies of each task: mention detection, role assignment, canonical names.

The task's text is tokenized once by a regex into parallel lists (`Toks`: text, norm = lower case
with old/new tone placement unified, paragraph breaks; character offsets only for the tokens asked
for).  Mentions come from three sources:
- gazetteer phrases (`models/gazetteer/organs.tsv`, provinces), looked up by token norms in
  dictionaries built once (first token -> phrase lengths, phrase -> label; no spaCy `Doc` per text);
- productive names: an organ head (`Sở`, `Ban`, `Cục`, `Ủy ban nhân dân`, `Công an` ...) followed by a
  capitalised name, a level word (`tỉnh`, `các xã, phường`) or a province.  A name ends before a
  lower-case word that opens a verb phrase (`Bộ X thông báo`), and keeps a lower-case field after a
  comma that closes the list item (`Vụ Phổ biến, giáo dục pháp luật`);
- collectives: `các` + generic heads (`collectives.tsv`) joined by commas, kept as ONE body
  (`các sở, ban, ngành`, `các tỉnh, thành đoàn, đoàn trực thuộc`); a bare head only after a cue or in
  a list, never in a list governed by a preposition (`của cơ quan, đơn vị`).
A list of named organs (`Sở Nội vụ, Sở Tài chính`) stays split, one body per organ; office-holders
joined by `, thủ trưởng ...` stay one body; `X thuộc Y` (X generic) is one body; a lone province is a
body only as a subject or in a list headed by an organ/collective of localities.

Roles come from the cue before a list of mentions in its clause (`;`, sentence end): `phối hợp
(với)`, `làm việc với` coordinate; `báo cáo ... (về/với)`, `gửi ... về`, `đăng ký với`, `(qua Y)` after a
report_to report_to; `giao` / `yêu cầu` / `đề nghị`, a clause-opening `Do` / `Hướng dẫn` /
`Phân công`, or the clause's subject position lead; `X ... chỉ đạo / đôn đốc Y` makes X oversee and Y
lead (X keeps lead too with `chủ trì` / `trực tiếp kiểm tra`); `(theo) sự chỉ đạo của X` oversee;
`trình`, `kiến nghị`, `tham mưu`, `giúp`, `ghi nhận`, plain mentions and accounts of past work
(`X đã ...`) give no body.  The closing paragraph of an outline's last item (`Đề nghị ... nghiêm túc
thực hiện`, `... thông báo để ... biết`) addresses the whole document and names no body (GOLD.md).
"""
from __future__ import annotations

import bisect
import datetime
import functools
import itertools
import re
import unicodedata
from dataclasses import dataclass

from pipeline.gazetteer import find_province, fold, province_on, provinces, read_tsv, _as_date
from pipeline.model import Body, Document, Task

# ----------------------------------------------------------------------------------------------
# tokenization

_PARA = re.compile(r"\n[ \t*_#>]*\n|\|")
_TOKEN = re.compile(r"\w++(?:[&'’.\-/]\w++)*+&?+|[^\w\s*_\\#|>`]")     # possessive: no backtracking
_TOKEN_SPLIT = re.compile(f"({_TOKEN.pattern})")
_TONE = [("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
         ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
         ("uý", "úy"), ("uỳ", "ùy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")]


_NORMS: dict[str, str] = {}


def _norm_uncached(t: str) -> str:
    t = unicodedata.normalize("NFC", t).lower().replace("ð", "đ")
    for a, b in _TONE:
        if a in t:
            t = t.replace(a, b)
    return t


def norm_token(t: str) -> str:
    """Lower case, NFC, old/new tone placement unified (`Uỷ` -> `ủy`, `hoá` -> `hóa`); memoised."""
    n = _NORMS.get(t)
    if n is None:
        n = _norm_uncached(t)
        if len(_NORMS) < 200_000:
            _NORMS[t] = n
    return n


class _Caps:
    """`cap[k]`: whether token k starts with an upper-case letter, computed when asked."""

    __slots__ = ("texts",)

    def __init__(self, texts: list[str]):
        self.texts = texts

    def __getitem__(self, k: int) -> bool:
        return self.texts[k][0].isupper()


class Toks:
    """The tokens of one text as parallel lists (cheaper than one object per token): `text`, `norm`,
    `cap` (first letter upper case) and `para` (a blank line or `|` separates the token from the one
    before).  One `re.split` gives tokens and the gaps between them; character offsets are sums of
    their lengths, computed when first asked for (`start`, `end`)."""

    __slots__ = ("src", "text", "norm", "cap", "para", "_parts", "_offs")

    def __init__(self, src: str):
        self.src = src
        parts = _TOKEN_SPLIT.split(src)        # [gap, token, gap, token, ..., gap]
        texts = parts[1::2]
        self._parts = parts
        self._offs: list[int] | None = None
        self.text = texts
        get = _NORMS.get
        self.norm = [get(t) or norm_token(t) for t in texts]
        self.cap = _Caps(texts)
        n = len(texts)
        para = [False] * n
        if "\n" in src or "|" in src:
            breaks = [m.end() for m in _PARA.finditer(src)]
            if breaks:
                # a break lies in the gap before the first token that starts after it (tokens hold no
                # newline and no `|`)
                self._offs = list(itertools.accumulate(map(len, parts)))
                starts = self._offs[0:2 * n:2]
                for b in breaks:
                    k = bisect.bisect_left(starts, b)
                    if 0 < k < n:
                        para[k] = True
        self.para = para

    def __len__(self) -> int:
        return len(self.text)

    def prepare(self, ks) -> None:
        """Offsets of every token, in one pass (sums of the lengths of tokens and gaps)."""
        if self._offs is None:
            self._offs = list(itertools.accumulate(map(len, self._parts)))

    def nl_before(self, k: int) -> bool:
        """Whether a line break separates token k from the token before."""
        return k > 0 and "\n" in self._parts[2 * k]

    def start(self, k: int) -> int:
        if self._offs is None:
            self.prepare(())
        return self._offs[2 * k]

    def end(self, k: int) -> int:
        if self._offs is None:
            self.prepare(())
        return self._offs[2 * k + 1]


def tokenize(text: str) -> Toks:
    return Toks(text)


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
            key = tuple(tokenize(a).norm)
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
            key = tuple(tokenize(a).norm)
            out.setdefault(key, p.name)
    return out


@functools.cache
def _phrase_index() -> tuple[dict[str, tuple[int, ...]], dict[tuple[str, ...], tuple[str, ...]]]:
    """Gazetteer phrases by token norms: (first token -> the lengths of its phrases, longest first;
    phrase -> its labels, ORG for organs.tsv and PROV for provinces).  Built once; a dictionary
    look-up per candidate length replaces a phrase matcher."""
    labels: dict[tuple[str, ...], tuple[str, ...]] = {}
    for lab, keys in (("ORG", organ_aliases()), ("PROV", province_keys())):
        for k in keys:
            if k:
                labels[k] = labels.get(k, ()) + (lab,)
    lengths: dict[str, set[int]] = {}
    for k in labels:
        lengths.setdefault(k[0], set()).add(len(k))
    return {w: tuple(sorted(v, reverse=True)) for w, v in lengths.items()}, labels


@functools.cache
def _phrase_bigrams() -> tuple[frozenset[tuple[str, str]], frozenset[str]]:
    """The first two tokens of every gazetteer phrase, and the one-token phrases: a cheap test that
    rules out most positions before any slicing."""
    labels = _phrase_index()[1]
    return frozenset(k[:2] for k in labels if len(k) > 1), frozenset(k[0] for k in labels if len(k) == 1)


def _phrases(norms: list[str], cand: list[int] | None = None) -> list[tuple[str, int, int]]:
    """(label, start, end) of the longest gazetteer phrase of each label starting at each token
    (of the tokens `cand` when given)."""
    lengths, labels = _phrase_index()
    out = []
    n = len(norms)
    bigrams, singles = _phrase_bigrams()
    if cand is None:
        cand = [i for i, w in enumerate(norms) if w in lengths]
    for i in [i for i in cand if norms[i] in singles or tuple(norms[i:i + 2]) in bigrams]:
        seen: tuple[str, ...] = ()
        for L in lengths[norms[i]]:
            if i + L > n:
                continue
            labs = labels.get(tuple(norms[i:i + L]))
            if labs:
                for lab in labs:
                    if lab not in seen:
                        out.append((lab, i, i + L))
                seen += labs
                if len(seen) >= 2 and "ORG" in seen and "PROV" in seen:
                    break
    return out


# ----------------------------------------------------------------------------------------------
# vocabulary

class Seqs(list):
    """Token-norm sequences, longest first, with an index by first token (`idx`) and by last token
    (`ridx`) so that matching at a position costs one dictionary look-up."""

    def __init__(self, seqs):
        super().__init__(sorted(set(seqs), key=len, reverse=True))
        self.idx: dict[str, list[tuple[str, ...]]] = {}
        self.ridx: dict[str, list[tuple[str, ...]]] = {}
        for q in self:
            if q:
                self.idx.setdefault(q[0], []).append(q)
                self.ridx.setdefault(q[-1], []).append(q)

    __hash__ = object.__hash__


def _seq(*phrases: str) -> Seqs:
    # tokenized like running text, so `lãnh đạo, chỉ đạo` is four tokens and a comma
    return Seqs(tuple(norm_token(w) for w in _TOKEN.findall(p)) for p in phrases)


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
    "Cục trưởng", "Vụ trưởng", "Trưởng Ban", "Tổng Thanh tra", "Chính phủ", "Quốc hội", "Lực lượng", "lực lượng",
)
# heads that name a body on their own (no name needed after them)
STANDALONE = _seq("UBND", "HĐND", "Chính phủ", "Quốc hội", "Thủ tướng", "Thủ tướng Chính phủ", "Phó Thủ tướng", "Trung ương",
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
MODIFIERS = _seq("Đảng", "các cấp", "cùng cấp", "có liên quan", "liên quan", "chức năng", "trực thuộc", "cấp trên", "cấp dưới", "cấp tỉnh",
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
POSITIONS_ALL = _seq("Thủ trưởng", "Người đứng đầu", "Giám đốc", "Chủ tịch", "Bộ trưởng", "Bí thư", "Lãnh đạo",
                     "đồng chí Bí thư", "đồng chí Bộ trưởng", "Tổng Giám đốc", "Trưởng ban")
BARE_KINDS: set[str] = set()
BARE_OK = set(_seq("cơ quan", "đơn vị", "địa phương", "doanh nghiệp", "nhà đầu tư", "chủ đầu tư", "nhà thầu",
                   "chính quyền", "đoàn thể", "cấp ủy", "cấp uỷ", "tổ chức đảng", "cơ quan chủ quản",
                   "cơ quan báo chí", "cơ quan thông tin", "trung tâm", "cấp có thẩm quyền", "cấp thẩm quyền",
                   "đoàn cơ sở", "đoàn cấp huyện", "đoàn cấp tỉnh", "ban chuyên môn"))
_BARE_BEFORE = {",", "với", "về", "giao", "cho", ":", "và", "nghị", "cầu", "dẫn", "công", "khích", "đạo", "do",
                "đốc", "cáo", "xuất"}
DETERMINERS = {"các", "những", "mọi", "mỗi", "toàn", "từng", "tất"}

CUE_COORD = _seq("phối hợp chặt chẽ với", "phối hợp chặt chẽ", "phối hợp với", "phối hợp", "kết hợp với",
                 "cùng với", "phối hợp cùng", "tham gia cùng", "với sự phối hợp của", "sự phối hợp của",
                 "phối hợp, hướng dẫn", "phối hợp và hướng dẫn", "phối hợp tốt với", "phối hợp thực hiện với",
                 "làm việc với", "làm việc cụ thể với")
CUE_REPORT = _seq("báo cáo và tham mưu", "báo cáo, tham mưu", "báo cáo", "gửi", "phản ánh", "báo cáo kết quả", "xin ý kiến", "báo cáo tình hình",
                  "báo cáo, đề xuất", "đề xuất, báo cáo", "báo cáo, kiến nghị", "kịp thời báo cáo",
                  "báo cáo ngay", "đăng ký với", "báo cáo với", "báo cáo ngay với", "thông báo với")
# forwarding a case to a body for handling makes it the lead (`chuyển đơn đến UBND xã để giải quyết`)
CUE_FORWARD = _seq("chuyển đến", "chuyển ngay đến", "chuyển đơn đến", "chuyển hồ sơ đến", "chuyển đơn ngay đến",
                   "chuyển ngay đơn đến")
CUE_REPORT_TO = _seq("về", "lên", "đến", "tới", "cho", "với")
CUE_LEAD = _seq("do", "hướng dẫn", "phân công", "giao", "giao cho", "yêu cầu", "đề nghị", "kính đề nghị", "đề nghị các",
                "phân công", "đồng chí", "các đồng chí", "riêng", "trong đó", "đồng thời",
                "ngoài ra", "tiếp tục giao", "thống nhất giao", "đồng ý giao", "chỉ đạo", "lãnh đạo, chỉ đạo",
                "lãnh đạo", "hướng dẫn, chỉ đạo", "chỉ đạo, hướng dẫn", "và chỉ đạo", "giao trách nhiệm cho")
CUE_NONE = _seq("trình", "kiến nghị", "tham mưu", "tham mưu cho", "giúp", "đề xuất", "xin", "theo", "của",
                "thuộc", "với", "tại", "cho")
CUE_OVERSEE = _seq("lãnh đạo, chỉ đạo", "chỉ đạo", "lãnh đạo", "trực tiếp chỉ đạo", "lãnh đạo và chỉ đạo",
                   "tiếp tục lãnh đạo, chỉ đạo", "tiếp tục chỉ đạo", "chỉ đạo, hướng dẫn", "lãnh đạo, chỉ đạo các",
                   "chỉ đạo các")
# a directing verb between a subject and the next mention: the subject oversees, the object leads
CUE_DIRECT = _seq("chỉ đạo", "lãnh đạo, chỉ đạo", "đôn đốc", "theo dõi, đôn đốc", "kiểm tra, đôn đốc",
                  "hướng dẫn, chỉ đạo", "chỉ đạo, hướng dẫn", "chỉ đạo, đôn đốc", "đôn đốc, chỉ đạo",
                  "đôn đốc, hướng dẫn", "lãnh đạo", "phân công")
# ... where the subject keeps its lead role too (`chủ trì`, `giao X trực tiếp kiểm tra, đôn đốc Y`)
LEAD_KEEP = _seq("chủ trì", "trực tiếp kiểm tra")
CUE_OVERSEE_OF = _seq("sự chỉ đạo của", "theo chỉ đạo của", "như chỉ đạo của",
                      "sự lãnh đạo, chỉ đạo của", "lãnh đạo, chỉ đạo của")
_NONE_STRICT = _seq("trình", "kiến nghị", "tham mưu", "giúp", "đề xuất", "ghi nhận", "biểu dương")
LABELS_ROLE = {}
for _w in ("cơ quan", "đơn vị", "bộ phận", "cơ quan, đơn vị", ""):
    for _v, _r in (("chủ trì", "lead"), ("thực hiện", "lead"), ("chủ trì thực hiện", "lead"), ("đầu mối", "lead"),
                   ("phối hợp", "coordinate"), ("phối hợp thực hiện", "coordinate"), ("chịu trách nhiệm", "lead")):
        LABELS_ROLE[tuple(norm_token(x) for x in _TOKEN.findall(f"{_w} {_v}"))] = _r
LABELS = Seqs(LABELS_ROLE)
LEAD_STRONG = _seq("có trách nhiệm", "chịu trách nhiệm", "chủ trì", "chủ động", "phối hợp", "khẩn trương",
                   "tiếp tục", "triển khai", "cần", "phải", "thực hiện")
ISSUER_VERBS = _seq("ghi nhận", "biểu dương", "đánh giá cao", "nhấn mạnh", "yêu cầu", "chỉ thị", "quyết định", "giao", "đề nghị", "thông báo", "kết luận", "ý kiến",
                    "xin thông báo", "ban hành", "hướng dẫn")
LEAD_VERBS = _seq("chủ trì", "có trách nhiệm", "chịu trách nhiệm", "chủ động", "khẩn trương", "tiếp tục",
                  "thực hiện", "phối hợp", "triển khai", "tổ chức", "là cơ quan", "làm", "tham mưu", "theo dõi",
                  "hướng dẫn", "rà soát", "xây dựng", "nghiên cứu", "đẩy nhanh", "đẩy mạnh", "tăng cường",
                  "quan tâm", "bố trí", "cần", "phải", "sớm", "nghiêm túc", "căn cứ", "theo chức năng", "đảm bảo",
                  "bảo đảm", "kịp thời", "thường xuyên", "tập trung", "có", "cần có", "được giao", "thực hiện tốt",
                  "nâng cao", "phát huy", "quán triệt", "tuyên truyền", "vận động", "hoàn thành", "hoàn thiện",
                  "chuẩn bị", "kiểm tra", "giám sát", "đôn đốc", "ưu tiên", "chỉ đạo", "lãnh đạo", "xem xét",
                  "chịu", "tiến hành", "phân công", "cử", "lựa chọn", "thảo luận", "đăng ký", "tiếp nhận", "duy trì", "theo", "trong phạm vi",
                  "được", "ban hành", "sử dụng", "cập nhật", "tổng hợp", "báo cáo", ":")
# prepositions that make the list after them a complement, never a subject
_GOVERNS = {"của", "tại", "với", "cho", "về", "đến", "tới", "trong", "giữa", "từ", "theo", "thuộc", "và", "ở",
            "được", "bị"}       # `đã được Quốc hội, Chính phủ thông qua`: the agent of a passive
_LEAD_AT_START = {("do",), ("hướng", "dẫn"), ("phân", "công")}
LEVEL_FIRST = {"tỉnh", "thành", "huyện", "quận", "xã", "phường", "địa"}
# lower-case words that begin verb phrases but also occur inside organ names (`Quản lý`, `Tổ chức`)
_NAME_WORDS = {"quản", "tổ", "kiểm", "xây", "phát", "hướng", "tuyên", "dân"}
# verb phrases of two or more words (`thông báo`, `chuẩn bị`, `ghi nhận`): a lower-case word that starts
# one ends a productive name (`Bộ X thông báo`, `Ban Kiểm tra chuẩn bị tài liệu`)
VERB_STOP = Seqs(q for v in (LEAD_VERBS, ISSUER_VERBS, CUE_COORD, CUE_REPORT, CUE_LEAD, CUE_NONE, CUE_OVERSEE,
                             CUE_DIRECT, _NONE_STRICT) for q in v if len(q) >= 2 and q[0] not in _NAME_WORDS)
_VERB_STOP_FIRST = frozenset(VERB_STOP.idx)
FILLER = {",", "-", "–", "—", "+", "•", ".", ")", "(", "“", "”", "\"", "'", "…"}

_PUNCT_LIST = {",", "và", ";", "/", "(", ")", "cùng", "hoặc"}


def _match_seq(norms: list[str], i: int, seqs: Seqs) -> int:
    """Length of the longest sequence of `seqs` starting at norms[i] (0 if none)."""
    if i >= len(norms):
        return 0
    cands = seqs.idx.get(norms[i])
    if cands:
        for q in cands:
            if len(q) == 1 or tuple(norms[i:i + len(q)]) == q:
                return len(q)
    return 0


def _ends_with(norms: list[str], j: int, seqs: Seqs) -> int:
    """Length of the longest sequence of `seqs` ending just before norms[j]."""
    if j <= 0:
        return 0
    cands = seqs.ridx.get(norms[j - 1])
    if cands:
        for q in cands:
            if len(q) == 1 or (j - len(q) >= 0 and tuple(norms[j - len(q):j]) == q):
                return len(q)
    return 0


# ----------------------------------------------------------------------------------------------
# mention detection

@dataclass(slots=True)
class Mention:
    i: int              # first token
    j: int              # one past the last token
    kind: str           # named | productive | collective | province
    organ: str | None = None   # organs.tsv name when matched there


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
        if j > j0 and (norms[j] in DETERMINERS or (norms[j] in _VERB_STOP_FIRST and _match_seq(norms, j, VERB_STOP))) \
                and toks.nl_before(j):
            break       # `Ủy ban MTTQ thành phố` + line `Tăng cường công tác ...`: a new sentence
        if _is_name_tok(toks, j) and not (toks.text[j].isupper() and len(toks.text[j]) > 1 and j + 1 < n and toks.text[j + 1].isupper()):
            j += 1
            low = 0
            while j < n and low < 6 and not toks.para[j]:
                if norms[j] in {"-", "–"} and j + 1 < n and not toks.cap[j + 1] and toks.text[j + 1][:1].isalpha() \
                        and norms[j + 1] not in _CUE_FIRST:
                    j += 1
                    continue
                if not toks.cap[j] and toks.text[j][:1].isalpha() and norms[j] not in _CUE_FIRST \
                        and norms[j] not in _STOP_LOW and not _match_seq(norms, j, LEVEL_WORDS) \
                        and not (norms[j] in _VERB_STOP_FIRST and _match_seq(norms, j, VERB_STOP)):
                    j += 1
                    low += 1
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
        if norms[j] == "các":
            k = _match_seq(norms, j + 1, LEVEL_WORDS)
            if k:
                j += 1 + k
                while j + 1 < n and norms[j] == "," and _match_seq(norms, j + 1, LEVEL_WORDS):
                    j += 1 + _match_seq(norms, j + 1, LEVEL_WORDS)
                continue
        break
    return j


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
_CUE_FIRST = {norm_token(w) for w in ("chủ", "phối", "có", "chịu", "thực", "tổ", "triển", "tham", "theo",
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
                         ("ban",): {"hành", "đầu", "ngày", "đêm"}, ("đơn", "vị"): {"tính", "hành"}}


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
            and not (j + k < n and _is_acronym(toks.text[j + k]) and head in _ACRONYM_HEADS):
        return 0
    if j + k < n and norms[j + k] in _NOT_AFTER_COLLECTIVE.get(head, ()):
        return 0        # `các trường hợp`, `các cấp quản lý`, `cơ sở dữ liệu`
    j += k
    while j < n and not toks.para[j] and _is_acronym(toks.text[j]):
        j += 1          # `cơ sở KCB BHYT`, `cơ quan BHXH`
    while j < n and not toks.para[j]:
        m = _match_seq(norms, j, MODIFIERS)
        if m:
            j += m
            continue
        if norms[j] in {",", "và", "/"} and j + 1 < n and not toks.para[j + 1]:
            k = _match_seq(norms, j + 1, heads)
            if k and norms[j + 1] not in DETERMINERS:
                j += 1 + k
                continue
        break
    return j


_LOWER_HEADS = {"người", "lực", "thủ"}
_KIND_ORDER = {"named": 0, "productive": 1, "collective": 2, "province": 3}


def _start_of(m: "Mention") -> int:
    return m.i


@functools.cache
def _any_first() -> frozenset[str]:
    """Token norms that can start a mention of any kind."""
    return frozenset(_phrase_index()[0]) | frozenset(HEADS.idx) | frozenset(_heads_sorted().idx) \
        | frozenset(DETERMINERS)     # heads that start a productive name in lower case too


def _governed_list(norms: list[str], k: int) -> bool:
    """Whether the list that the comma at k continues opens right after a preposition (`của`, `tại`)."""
    heads = _heads_sorted()
    x = k
    for _ in range(6):
        if x <= 0 or norms[x] != ",":
            break
        y = x - 1
        while y >= 0 and (norms[y] in heads.idx or any(norms[y] == q[-1] for q in heads.ridx.get(norms[y], ()))
                          or norms[y] in DETERMINERS):
            y -= 1
        if y == x - 1:
            return False
        x = y
    return x >= 0 and norms[x] in _GOVERNS


def find_mentions(toks: Toks) -> list[Mention]:
    norms = toks.norm
    n = len(toks)
    found: list[Mention] = []
    # one pass over the tokens: those that can start a gazetteer phrase, a head or a collective
    first = _any_first()
    cand = [i for i, w in enumerate(norms) if w in first]
    if cand:
        for lab, s, e in _phrases(norms, cand):
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
        if j < n and norms[j] == "," and k == 1:
            continue
        if toks.text[i].isupper() and len(toks.text[i]) > 1 and j < n and toks.text[j].isupper() and len(toks.text[j]) > 1:
            continue        # all-caps headings: only gazetteer names
        e = _extend_name(toks, norms, j)
        if _match_seq(norms, i, DESCRIPTIVE):
            x = e
            while x < n and x - e < 12 and not toks.para[x] and toks.text[x][:1].isalnum() \
                    and norms[x] not in _CUE_FIRST and norms[x] != "hoặc" \
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
            if e:
                found.append(Mention(i, e, "collective"))
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
    return [m for k, m in enumerate(out) if _plausible(m, norms, toks) and _province_ok(out, k, norms)]


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


# ----------------------------------------------------------------------------------------------
# roles

# `các tỉnh, thành phố: A, B` - a colon after a level word introduces the names, not a new clause
_LIST_INTRO = {"tỉnh", "phố", "huyện", "xã", "phường", "phương", "quận"}
_CLAUSE_PUNCT = {";", "!", "?", ".", ":"}


def _clauses(toks: Toks) -> list[tuple[int, int]]:
    out, s = [], 0
    texts, paras, caps = toks.text, toks.para, toks.cap
    n = len(texts)
    punct = _CLAUSE_PUNCT
    for k in [k for k, t in enumerate(texts) if t in punct or paras[k]]:
        t = texts[k]
        para = paras[k]
        end = t in {";", "!", "?"} or (t in {".", ":"} and (k + 1 == n or caps[k + 1])
                                        and not (t == ":" and k and toks.norm[k - 1] in _LIST_INTRO
                                                 and "các" in toks.norm[max(0, k - 5):k])) \
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


def _heading_like(toks: Toks, s: int, k: int) -> bool:
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
    # skip fillers, and a determiner left outside the mention (`Các tỉnh Nghệ An, Quảng Ngãi`)
    while j > s and (norms[j - 1] in FILLER or (j == i and norms[j - 1] in DETERMINERS)
                     or (j < i and norms[j - 1] in DETERMINERS and norms[j] in LEVEL_FIRST)):
        j -= 1
    if j == s:
        return "lead", True
    k = _ends_with(norms, j, CUE_COORD)
    if k:
        return "coordinate", False
    k = _ends_with(norms, j, CUE_REPORT)
    if k:
        return "report_to", False
    if _ends_with(norms, j, CUE_FORWARD):
        return "lead", False        # `chuyển đơn đến X để giải quyết`: X handles the matter
    k = _ends_with(norms, j, CUE_REPORT_TO)
    if k:
        # `báo cáo (kết quả ...) về X`, `gửi ... về X`; not `kiến nghị với X`, `trình lên X`
        if _ends_with(norms, j - k, CUE_NONE) and norms[j - k - 1] not in {"cáo", "gửi"}:
            return None, False
        lo = max(s, j - 28)
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
        if before != s and tuple(norms[j - k:j]) in _LEAD_AT_START:
            # `do X ban hành` (the agent of a past act), `... và hướng dẫn X`: only a clause-opening
            # `Do X đầu tư`, `Hướng dẫn X ...`, `Phân công X ...` names who acts
            return None, False
        return "lead", before == s
    return None, False


def _role_after(norms: list[str], j: int, e: int, window: int = 0) -> str | None:
    """What follows a group: 'issuer' (`yêu cầu`), 'lead' (a lead verb, or nothing: a heading).
    With `window`, a strong lead verb (`có trách nhiệm`, `chủ trì`) up to that many tokens on counts."""
    if j >= e or norms[j] in {":", ".", ";"}:
        return "end"
    k = _match_seq(norms, j, ISSUER_VERBS)
    if k and not _match_seq(norms, j, CUE_OVERSEE) and not (
            norms[j:j + k] == ["quyết", "định"] and j + k < e and norms[j + k][:1].isalpha()):
        # `UBND tỉnh quyết định:` issues; `UBND xã quyết định thành lập đoàn kiểm tra` acts
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


def _subject_chain(norms: list[str], a: int, b: int) -> bool:
    """The words between two mentions of a subject list only describe the first (`thuộc cơ quan
    Bộ`, `trên địa bàn`): no verb or cue among them, and few."""
    gap = norms[a:b]
    if len(gap) > 8 or any(w in {";", ":", "."} for w in gap):
        return False
    return not any(_match_seq(norms, y, LEAD_STRONG) or _match_seq(norms, y, CUE_COORD)
                   or _match_seq(norms, y, CUE_REPORT) or _match_seq(norms, y, _NONE_STRICT)
                   for y in range(a, b))


def assign_roles(toks: Toks, ms: list[Mention]) -> list[tuple[Mention, str]]:
    norms = toks.norm
    out: list[tuple[Mention, str]] = []
    if not ms:
        return out
    starts = [m.i for m in ms]
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
        a = bisect.bisect_left(starts, x)
        cms = ms[a:bisect.bisect_left(starts, e, a)]
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
        if any(g[-1].j + 1 < e and norms[g[-1].j] == "đã" and norms[g[-1].j + 1] != "được" for g in groups):
            continue    # `Bộ X đã chủ động kiểm tra ...`: an account of what was done, not a task
        roles: list[str | None] = []
        extra: dict[int, set[str]] = {}
        for gi, g in enumerate(groups):
            role, at_start = _role_before(norms, s, g[0].i)
            after = _role_after(norms, g[-1].j, e, 16 if g[0].kind == "collective" else 0)
            prev = norms[g[0].i - 1] if g[0].i > s else ""
            if role == "lead" and at_start and after == "issuer":
                role = None
            elif role == "lead" and at_start and g[0].kind == "collective" and after not in {"lead", "end"} \
                    and not _ends_with(norms, g[0].i, CUE_LEAD):
                # a collective opening the clause is its subject only before a verb of doing; after
                # `Chỉ đạo, hướng dẫn` it is the object
                role = None
            elif role is None and prev in {",", "và"} and gi and roles[gi - 1] in {"lead", "coordinate", "report_to"} \
                    and _subject_chain(norms, groups[gi - 1][-1].j, g[0].i) and after != "issuer":
                # a list goes on after words describing its previous member: `Thủ trưởng đơn vị thuộc
                # Bộ, Giám đốc Công an tỉnh, ... chịu trách nhiệm`, `phối hợp với trung tâm giáo dục
                # thường xuyên, các trường phổ thông`
                role = roles[gi - 1]
            elif role is None and after == "lead" and prev == ",":
                # `Trên cơ sở ..., Sở X chủ trì`
                role = "lead"
            elif role is None and prev == "(" and g[0].i - 2 >= s and norms[g[0].i - 2] == "qua" \
                    or (prev == "qua" and g[0].i - 2 >= s and norms[g[0].i - 2] == "("):
                # `báo cáo về Bộ X (qua Cục Y)`: Y receives the report too
                if gi and roles[gi - 1] == "report_to":
                    role = "report_to"
            if role is None and after == "lead" and len(g) > 1 and (g[0].i == s or norms[g[0].i - 1] not in _GOVERNS) \
                    and g[-1].kind in ("named", "productive") and not _ends_with(norms, g[0].i, CUE_NONE):
                # `Đối với ... đại biểu Quốc hội, Ban Thường trực X phải ...`: the subject is the
                # mention right before the verb, after the last comma
                last = max(x for x, m in enumerate(g) if norms[m.i - 1] == ",") if any(
                    norms[m.i - 1] == "," for m in g[1:]) else None
                if last and last == len(g) - 1 and _role_after(norms, g[-1].j, e) == "lead":
                    out.append((g[-1], "lead"))
            if role is None and _ends_with(norms, g[0].i, CUE_OVERSEE_OF):
                # `như chỉ đạo của Bộ trưởng Bộ Y tế`
                role = "oversee"
            roles.append(role)
        # `X (lãnh đạo,) chỉ đạo Y` / `X đôn đốc Y`: X oversees, Y leads
        objects: set[int] = set()
        for gi, g in enumerate(groups):
            if gi + 1 >= len(groups) or gi in objects or roles[gi] not in {"lead", None}:
                continue
            nxt = groups[gi + 1]
            k = _match_seq(norms, g[-1].j, CUE_OVERSEE)
            if k:
                gap = norms[g[-1].j + k:nxt[0].i]
                if len(gap) <= 6 and (roles[gi] is not None or _role_before(norms, s, g[0].i)[1]):
                    roles[gi] = "oversee"
                    roles[gi + 1] = "lead"
                    objects.add(gi + 1)
                continue
            if roles[gi] != "lead":
                continue
            # the directing verb later in the subject's clause, right before the next group
            x = nxt[0].i
            while x > g[-1].j and norms[x - 1] in DETERMINERS:
                x -= 1
            k = _ends_with(norms, x, CUE_DIRECT)
            if not k or any(w in {";", ":"} for w in norms[g[-1].j:x - k]):
                continue
            if any(_match_seq(norms, y, CUE_COORD) or _match_seq(norms, y, CUE_REPORT) for y in range(g[-1].j, x - k)):
                continue
            if any(_match_seq(norms, y, LEAD_KEEP) for y in range(g[-1].j, x - k)):
                extra.setdefault(gi, set()).add("oversee")
            else:
                roles[gi] = "oversee"
            roles[gi + 1] = "lead"
            objects.add(gi + 1)
        for gi, (g, r) in enumerate(zip(groups, roles)):
            for role in ([r] if r else []) + sorted(extra.get(gi, ())):
                for m in g:
                    out.append((m, role))
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
    if pairs:
        toks.prepare([x for m, _ in pairs for x in (m.i, m.j - 1)])
    for m, role in pairs:
        s, e = toks.start(m.i), toks.end(m.j - 1)
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


# A closing paragraph addresses the whole document, not the last item (GOLD.md: it belongs to no
# node): `Đề nghị các đơn vị nghiêm túc triển khai thực hiện`, `UBND tỉnh yêu cầu ... thực hiện nghiêm
# túc Chỉ thị này`, `Ban chỉ đạo thông báo để ... biết, thực hiện`, `Trong quá trình thực hiện, nếu có ...`.
_CLOSING = re.compile(
    r"(?:\b(?:đề nghị|yêu cầu)\b[^\n]{0,200}?(?:\bnghiêm túc\b[^\n]{0,30}?\bthực hiện\b"
    r"|\bthực hiện nghiêm(?: túc)?\b|\bthực hiện\b[^\n]{0,40}?\b(?:chỉ thị|kế hoạch|hướng dẫn|công văn|"
    r"nghị quyết|quyết định|thông báo|công điện|kết luận|thông tri) này\b))"
    r"|(?:\bthông báo để\b[^\n]{0,120}?\bbiết\b)"
    r"|(?:^[\W_]*trong quá trình (?:tổ chức |triển khai )*thực hiện[^\n]{0,20}?nếu có)",
    re.IGNORECASE | re.MULTILINE)
_LINE_START = re.compile(r"\n[ \t]*(?=[^\W\d_])")


def _closing_start(text: str) -> int | None:
    """Offset of the first closing paragraph in the text of the last item of an outline (not its
    first paragraph), or None."""
    for m in _LINE_START.finditer(text):
        p = m.end()
        if not text[p:p + 1].isupper() or text[:m.start()].rstrip()[-1:] not in {".", ":", ";", "!", "?", "/", ""}:
            continue        # not a paragraph start: a wrapped line of the item's own sentence
        para_end = _PARA.search(text, p)
        para = text[p:para_end.start() if para_end else len(text)][:600].replace("\n", " ")
        if _CLOSING.search(unicodedata.normalize("NFC", para)):
            return m.start()
    return None


def _last_of_outline(doc: Document) -> set[int]:
    last: dict[str, int] = {}
    for k, t in enumerate(doc.tasks):
        head = t.path.split(".")[0]
        last[head if head.startswith("A") else ""] = k
    return set(last.values())


def bodies_stage(doc: Document) -> Document:
    h = doc.header
    locality = h.locality
    date = h.date
    lasts = _last_of_outline(doc)
    for ti, t in enumerate(doc.tasks):
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
        if ti in lasts:
            cut = _closing_start(doc.text[s0:e0])
            if cut is not None:
                e0 = s0 + cut
        for b in find_bodies(doc.text[s0:e0], locality=locality, doc_date=date):
            b.span = (b.span[0] + s0, b.span[1] + s0)
            t.bodies.append(b)
    _inherit(doc)
    return doc


def mentions(text: str) -> list[tuple[int, int, str]]:
    """Every organ mention in `text` (before roles): (start, end, name as printed)."""
    toks = tokenize(text)
    return [(toks.start(m.i), toks.end(m.j - 1), text[toks.start(m.i):toks.end(m.j - 1)])
            for m in find_mentions(toks)]
