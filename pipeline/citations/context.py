"""Citations, context: what surrounds a mention.

* after it: the date in any written form (`parse_date`), the issuer after `của`/`do` (with the Party
  term `(khóa XI)` printed after it) and the trích yếu after `về`/`v/v`: `_forward`;
* around it: the clause it stands in (`_Clauses`) and the relation a cue phrase of that clause
  gives it (`_cue_in`; for a bullet item, the cue of its list's lead line: `_lead_line_cue`).
"""
from __future__ import annotations

import bisect
import datetime as _dt
import re
from collections.abc import Iterator

from .. import regexes
from ..lang.symbols import doc_types
from .cues import _Cues, _trie, toneless
from .mentions import _Mention

# --------------------------------------------------------------------------------------------------
# Dates

_DATE_RE = regexes.compile(
    r"(?:(?:ngày|ngay)\s*(?P<d1>\d{1,2})\s*tháng\s*(?P<m1>\d{1,2})\s*năm\s*(?P<y1>\d{4}))"
    r"|(?:(?:(?:ngày|ngay)\s*)?(?P<d2>\d{1,2})\s*(?P<s>[/.\-])\s*(?P<m2>\d{1,2})\s*(?P=s)\s*(?P<y2>\d{4}|\d{2})(?!\d))",
    re.IGNORECASE)


def _iso(d: str, m: str, y: str) -> str | None:
    try:
        yy = int(y)
        if yy < 100:
            yy += 2000 if yy < 50 else 1900
        return _dt.date(yy, int(m), int(d)).isoformat()
    except ValueError:
        return None


def parse_date(s: str) -> str | None:
    """`ngày 23 tháng 02 năm 2023`, `23/02/2023`, `26-4-2016`, `14.12.2020` -> ISO date."""
    m = _DATE_RE.search(s)
    if not m:
        return None
    if m.group("d1"):
        return _iso(m.group("d1"), m.group("m1"), m.group("y1"))
    return _iso(m.group("d2"), m.group("m2"), m.group("y2"))


_FWD_DATE_RE = regexes.compile(r"[\s,]*(?:\(\s*)?(?:ban\s+hành\s+|ký\s+)?(?:vào\s+)?(?:"
                               + _DATE_RE.pattern + r")(?:\s*\))?", re.IGNORECASE)
# The issuer after `của` ends before the next clause word, or before `và` that opens another cited
# document: its number (`và 19-NQ/TW`, `và Kết luận số 61`) or its capitalised type word (`của Chính phủ
# và Kế hoạch hành động của Ban Thường vụ Thành ủy`: the plan is a second document, not the issuer's name).
_AND_TYPE = r"và\s+(?:các\s+)?(?=(?-i:[A-ZĐ]))(?:" + _trie(list(doc_types().by_name)) + r")"
_LOWER = "a-zđàáảãạăắằẳẵặâấầẩẫậèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ"   # a line that goes on
# ... and before what goes on after the name: `và` and a word in small letters (`của Chính phủ và chịu trách
# nhiệm ...`, `và các văn bản`; an organ's name goes on with capitals: `Bộ Nông nghiệp và Phát triển nông thôn`),
# a verb in small letters (`của Chủ tịch UBND tỉnh công bố danh mục ...`, `... hết hiệu lực kể từ`), or a
# trích yếu opening with a capitalised verb and no `về` (`của UBND tỉnh Bình Phước Thành lập Trung tâm ...`).
_ISSUER_GOES_ON = (r"công\s+bố|thành\s+lập|phân\s+cấp|xác\s+định|quyết\s+nghị|vẫn|"
                   r"hiện\s+(?:đang|nay)|đề\s+nghị|gửi|khoảng|tiếp\s+tục|giám\s+sát|vướng\s+mắc|hết\s+hiệu\s+lực|"
                   r"chịu|còn|kết\s+luận|nên|đối\s+với|tách|Thành\s+lập|Công\s+bố|Kết\s+luận|Tách")
_ISSUER_STOP = (r"(?=\s+(?i:về|v/v|ngày|số|thực\s+hiện|triển\s+khai|quy\s+định|hướng\s+dẫn|ban\s+hành|phê\s+duyệt|"
                r"tại|trên\s+địa\s+bàn|đã|được|trong|năm|nhằm|với|để|theo|như|là|có|cho|thì|đến|từ|sửa\s+đổi|bổ\s+sung|"
                r"thay\s+thế|bãi\s+bỏ|hủy\s+bỏ|huỷ\s+bỏ|"
                r"và\s+(?:các\s+)?(?:[A-ZĐ]\S*\s+)?(?:số|\d)|" + _AND_TYPE + r")(?!\w)|\s+(?:" + _ISSUER_GOES_ON
                + r")(?!\w)|\s+và\s+(?=[" + _LOWER + r"])|\s*\n(?![" + _LOWER + r"])"
                r"|\s*[,;.()“”\"\[\]|:*]|\s*$|\s+-\s)")
_FWD_ISSUER_RE = regexes.compile(r"[\s,]*(?i:của|do)\s+(?P<iss>(?:[^\n,;.()“”\"|:*]|\n(?=[" + _LOWER + r"])){2,100}?)"
                                 + _ISSUER_STOP)
_TERM_RE = regexes.compile(r"\s*\(\s*(?:khóa|khoá)\s+(?P<term>[IVXL]+)\s*\)", re.IGNORECASE)
_TITLE_RE = regexes.compile(r"[\s,]*(?:về\s+việc|về|v/v)\s+(?P<title>[^;\n(|]{3,300}?)(?=\s*(?:[;\n(|]|\.\s|\.$|$))",
                            re.IGNORECASE)
# Clause boundaries: a sentence end before a line break, a blank line, a line opening with a list
# marker or `Căn cứ` / `Thực hiện` / `Tiếp tục` / `Điều N` (a sentence of its own even when the line before
# lacks its final stop), a sentence end before a capital, a table cell.  The
# pattern opens with the one character every boundary starts with (so the engine skips to those),
# then looks back at it to choose the alternative.
_BOUNDARY_RE = regexes.compile(
    r"[.;:!?\n|](?:(?<=[.;:!?])[\s*]*\n|(?<=\n)\s*\n"
    r"|(?<=\n)(?=\s*(?:[-+•–*]|\d{1,2}[.)/-]\s|[a-zđ]\)|[IVX]{1,4}[.\-]\s|Căn\s+cứ|Thực\s+hiện|Tiếp\s+tục|Điều\s+\d))"
    r"|(?<=\.)\s+(?=[A-ZĐÂĂÊÔƠƯ])|(?<=\|))")


class _Clauses:
    """Where the clauses of a text start (0, the ends of `_BOUNDARY_RE`'s matches, and `breaks`), looked up
    near a place (`start`): scanned from a little before it on, not from the text's start (a start is looked
    up only before a mention or an alias).  A scan may open after a letter or a digit: no boundary holds one,
    so it finds there what a scan of the whole text finds (tests/test_citations_fast.py checks it)."""

    def __init__(self, text: str, breaks: tuple[int, ...] = ()) -> None:
        self.text, self.breaks, self.lo, self.hi = text, breaks, -1, -1
        self.found: list[int] = []          # every start in (lo, hi], and 0 where lo is 0
        self.scan: Iterator[re.Match[str]] = iter(())
        self.next: re.Match[str] | None = None      # the scan's first match past hi

    def _cover(self, lo: int, at: int) -> None:
        """`found` holds every start in (lo, at]: the scan goes on from hi, or a new one opens before `lo`."""
        if not self.lo <= lo <= self.hi:
            s = lo
            while s > 0 and not self.text[s - 1].isalnum():
                s -= 1
            self.lo, self.hi, self.found = s, s, [0] if s == 0 else []
            self.scan = _BOUNDARY_RE.finditer(self.text, s)
            self.next = next(self.scan, None)
        if at <= self.hi:
            return
        found, m = self.found, self.next
        while m is not None and m.end() <= at:
            found.append(m.end())
            m = next(self.scan, None)
        self.next = m
        for x in self.breaks:
            if self.hi < x <= at and x not in found:
                bisect.insort(found, x)
        self.hi = at

    def start(self, at: int, lists: bool = True) -> int:
        """Where the clause of a mention at `at` starts: the last start at or before it; with `lists`, for a
        line that opens with the citation after a clause ending in `;` or `,`, that clause's start (`... Luật
        số 30/2023/QH15;` / `Luật số 38/2024/QH15 ...`: a list whose lines were wrapped, or set one a line)."""
        text, span = self.text, 256
        while True:
            self._cover(max(0, at - span), at)
            found = self.found
            k = bisect.bisect_right(found, at) - 1
            while lists and k > 0 and not text[found[k]:at].strip() and \
                    text[found[k - 1]:found[k]].rstrip().endswith((";", ",")):
                k -= 1
            if k > 0 or self.lo == 0 or (k == 0 and not lists):
                return found[k]
            span *= 4       # (the start before the first one found is not known: scan from further back)


def _forward(text: str, e: int, m: _Mention) -> None:
    """Date, issuer, term and title after a mention; extends m.end over date and issuer."""
    pos = e
    window = text[pos:pos + 400]
    dm = _FWD_DATE_RE.match(window)
    if dm:
        d = parse_date(dm.group(0))
        if d:
            m.date = d
            pos += dm.end()
            window = text[pos:pos + 400]
    im = _FWD_ISSUER_RE.match(window)
    if im:
        iss = re.sub(r"^(?i:của)\s+", "", im.group("iss").strip())     # (`CỦA CỦA ỦY BAN ...`: a word doubled)
        if iss and iss[:1].isupper():
            m.issuer = iss
            pos += im.end()
            window = text[pos:pos + 400]
            tm = _TERM_RE.match(window)
            if tm:
                m.term = tm.group("term")
                pos += tm.end()
                window = text[pos:pos + 400]
            if not m.date:
                dm = _FWD_DATE_RE.match(window)
                if dm and parse_date(dm.group(0)):
                    m.date = parse_date(dm.group(0))
                    pos += dm.end()
                    window = text[pos:pos + 400]
    m.end = pos
    tt = _TITLE_RE.match(window)
    if tt:
        m.title = tt.group("title").strip()
    m.full = bool(m.date or m.issuer)


def _cue_in(text: str, lo: int, hi: int, cues: _Cues) -> tuple[str, int] | None:
    """The nearest cue in text[lo:hi] that reaches `hi`: (relation, start).

    A cue covered by a neutral phrase (`được sửa đổi, bổ sung bởi`) is none; `Căn cứ` counts when it
    opens the clause or is capitalised, and reaches across the clause; other cues reach at most
    `max_distance` characters and not past a blocker (`quy định tại`).  A cue that opens its clause
    (`Thực hiện ... theo quy định tại Luật ...`) governs a citation hung on it by `theo` / `tại`: it
    reaches `governed_distance` and passes the blockers other than a provision (`tại khoản`), up to a
    quotation or `như sau` (`guides` excepted: `Hướng dẫn người khai ... theo hướng dẫn tại Công văn ...`
    instructs people, it guides no document)."""
    seg = text[lo:hi]
    tseg = toneless(seg)        # (cue phrases are matched without tone marks: OCR misreads them)
    found = list(cues.cue_re.finditer(tseg))
    if not found:
        return None     # (a clause with no cue: the neutral phrases, which only cancel cues, are not looked for)
    neutral = [(n.start(), n.end()) for n in cues.neutral_re.finditer(tseg)]
    best = None
    best_rel = None
    basis_end = None        # where a `Căn cứ` opening the clause ends
    for c in found:
        if basis_end is not None and ";" not in seg[basis_end:c.start()]:
            continue        # `Căn cứ các Nghị định ... quy định chi tiết thi hành Luật ... (số 37/2019/NĐ-CP)`:
            # a cue after an opening `Căn cứ` describes what the basis is, up to a `;`
        if any(ns <= c.start() < ne or ns < c.end() <= ne for ns, ne in neutral) and \
                not _coordinated_basis(seg, c, cues):
            continue
        # a type word followed by its number is no cue (`Hướng dẫn số 36-HD/VPTW`)
        if re.match(r"\s*(?:s[ốo]\s*:?\s*)?\d", seg[c.end():c.end() + 8]):
            continue
        rel = cues.cue_rel.get(" ".join(c.group(0).casefold().split()))
        if rel is None or (rel != "based_on" and _names_a_document(seg, c.start(), cues)):
            continue
        if rel in cues.acts_on and not _own_act(seg, c, cues):
            if _reaches(seg, c, cues, rel):
                best = best_rel = None      # the citation is what another amends: no earlier cue governs it
            continue
        if rel == "based_on":
            opens = not seg[:c.start()].strip(" \t\n-+•–*")
            if not (c.group(0)[:1].isupper() or opens) or not _basis_list(seg[c.end():], cues):
                continue
            if opens:
                basis_end = c.end()
        elif not _reaches(seg, c, cues, rel):
            continue
        best, best_rel = c, rel
    if best is None or best_rel is None:    # (set together)
        return None
    return best_rel, lo + best.start()


def _names_a_document(seg: str, at: int, cues: _Cues) -> bool:
    """Does a type word in small letters stand right before the cue at `at`, on its line and after
    other words of the clause (`trình Chính phủ dự thảo Nghị định sửa đổi, bổ sung Nghị định số
    15/2018/NĐ-CP`, `xây dựng Kế hoạch thực hiện ...`)?  The cue then describes that document, it is no
    act of the citing one (SCHEMA.md).  (Opening the clause, `Thông tư sửa đổi, bổ sung ...`, the type
    word names the citing document itself, as a type line in capitals over its trích yếu does.)"""
    lo = max(0, at - 30)
    found = [m for m in cues.type_re.finditer(seg, lo, at) if not seg[m.end():at].strip(" \t")]
    return bool(found) and not found[-1].group(0).isupper() and bool(seg[:found[-1].start()].strip(" \t\n-+•–*"))


# The first words of a clause before an amending, repealing or replacing cue: a list marker or an article's
# number (`Điều 1.`, `a)`), then the citing document's own type word (`Thông tư sửa đổi ...`, `Quyết định này`).
_OWN_ACT_LEAD = regexes.compile(r"\s*(?:[-+•–*]|\(?(?:\d{1,2}|[a-zđ])[.)]|Điều\s+\d{1,3}\s*[.:])?\s*", re.IGNORECASE)


# a type word's number right after it: the document it names is a cited one (`Nghị định số 12/2025/NĐ-CP`, `Quyết
# định 20/QĐ-UBND`)
_NUMBERED = regexes.compile(r"\s+(?:số\s*:?\s*)?\d")


def _opening_only(cues: _Cues) -> frozenset[str]:
    """The cues that act for the citing document only opening their clause ([own_act] opening_only)."""
    return frozenset(toneless(" ".join(p.casefold().split())) for p in cues.raw["own_act"]["opening_only"])


def _own_act(seg: str, c: re.Match, cues: _Cues) -> bool:
    """Is the amending, repealing or replacing cue `c` the citing document's own act (SCHEMA.md)?  Not
    when the words before it in its clause make it a proposal, a draft or a task (`Văn phòng Chính phủ
    chủ trì tham mưu sửa đổi, bổ sung Nghị định số ...`), or name another document that does it right
    before it (`dự thảo Nghị quyết của Quốc hội sửa đổi ...`, `Thông tư mới thay thế ...`): that document
    is only mentioned.  (A title in capitals is the document's own.)"""
    if c.group(0).isupper():
        return True
    before = seg[:c.start()]
    opening = _OWN_ACT_LEAD.match(before)
    assert opening is not None      # (it matches the empty string)
    lead = opening.end()
    if lead < len(before) and toneless(" ".join(c.group(0).casefold().split())) in _opening_only(cues):
        return False        # (a bare `sửa đổi` in the middle of its clause: a task or a proposal)
    first = cues.type_re.match(before, lead)
    near = max(lead, c.start() - cues.described_within)
    # the last type word written with a capital (`quy định`, `kế hoạch` in small letters are common words)
    named = [t for t in cues.type_re.finditer(before, near) if t.group(0)[:1].isupper()]
    if named:
        t = named[-1]
        if re.match(r"\s+này(?!\w)", before[t.end():]):
            return True     # `(Kế hoạch này thay thế ...`: the document names itself
        if (first is None or t.start() != first.start() or _NUMBERED.match(before, t.end())) \
                and not t.group(0).isupper():
            return False    # (not the clause's first words: the citing document's type word; or a cited one, its
            # number printed: `Nghị định số 12/2025/NĐ-CP thay thế Nghị định số 34/2019/NĐ-CP`)
    return not cues.not_own_re.search(toneless(before[near:]))


def _basis_list(rest: str, cues: _Cues) -> bool:
    """Is the text between a `Căn cứ` and its citation one list of bases: each `;` followed by another
    document's name (`Căn cứ Luật ...; Luật ...; Nghị định số ...`), not by a clause of its own (`Căn cứ
    nhiệm vụ được giao, rà soát ...; đề xuất kinh phí ... đáp ứng yêu cầu Nghị quyết số 57-NQ/TW`)?"""
    parts = rest.split(";")
    return all(cues.type_re.match(p.lstrip(" \t\n-+•–*")) for p in parts[1:] if p.strip())


# `Căn cứ tình hình thực tế và Kế hoạch số 45 ...`: the citation is joined by `và` to the neutral
# object of `Căn cứ` (a basis that is no document), in the same phrase: it is a basis too.
_AND_BASIS_RE = regexes.compile(r"[^;.:\n]{0,60}?\s(?:và|cùng\s+với)\s+(?:các\s+|những\s+)?", re.IGNORECASE)


def _coordinated_basis(seg: str, c: re.Match, cues: _Cues) -> bool:
    """Is the neutral phrase that covers the cue `c` a `căn cứ ...` whose object the citation at the
    end of `seg` is coordinated with?"""
    return cues.cue_rel.get(" ".join(c.group(0).casefold().split())) == "based_on" and \
        bool(_AND_BASIS_RE.fullmatch(seg, c.end()))


def _opens_description(gap: str, cues: _Cues) -> bool:
    """Does the gap after a citation open with a cue verb whose subject is that document, with no
    comma between (`Kế hoạch 56 thực hiện Nghị quyết 78`, `Nghị định 12 sửa đổi Nghị định 34`)?  The
    cue is the cited document's, not the citing one's (SCHEMA.md).  (`Đề án 06 về Đảng ủy ...` is
    no description: `về` also says where a report goes.)"""
    lead = gap[:len(gap) - len(gap.lstrip(" \t"))]
    if not lead or not cues.title_re.match(gap):
        return False
    c = cues.cue_re.match(toneless(gap), len(lead))
    return c is not None and cues.cue_rel.get(" ".join(c.group(0).casefold().split())) != "based_on"


# Where the object of a cue ends: a quotation (`Sửa đổi điểm c như sau: “... theo quy định tại ...”`
# quotes the new wording, whose citations the cue does not act on), `như sau`.
_OBJECT_END_RE = regexes.compile(r"[“\"]|(?<!\w)như\s+sau(?!\w)", re.IGNORECASE)


# `theo` (not `kèm theo`) before a citation says how something is done (`khai sửa đổi, bổ sung số hiệu ...
# theo hướng dẫn tại điểm b Công văn ...`): not what an amending or repealing cue acts on.
_ISSUED_RE = regexes.compile(r"(?<!\w)ban\s+hành\s*$", re.IGNORECASE)
_MANNER_RE = regexes.compile(r"(?<!\w)(?<!kèm )theo(?!\w)", re.IGNORECASE)


# Beyond the usual reach, a comma before a capitalised word (the main clause's subject: `Thực hiện nhiệm vụ
# được giao, Sở Nội vụ chủ trì ... theo Quyết định Z`) or a sentence's end closes a fronted cue phrase; commas
# between its objects do not (`Thực hiện rà soát, sắp xếp, kiện toàn ... theo Kết luận ...`).  Far after such
# commas, `theo quy định tại` says how the last act is done: it stays cut.
_NEW_SUBJECT_RE = regexes.compile(r",\s*(?-i:[A-ZĐÂĂÊÔƠƯÁÀẢÃẠÉÈẺẼẸÍÌỈĨỊÓÒỎÕỌÚÙỦŨỤÝỲỶỸỴ])|[.!?]\s")
# An implementing verb that is its clause's predicate, with an object, governs the citation after `theo quy định
# tại` within its usual reach (`Các sở thực hiện rà soát dữ liệu theo quy định tại Nghị định ...`), as the cue
# opening a clause does; not the verb alone (`... thực hiện theo quy định tại`: how something is done), nor one
# that is a purpose, a topic or a participle (`để thực hiện ...`, `việc thực hiện`, `khi`, `được`, `đã`, `đang`).
_BY_RULE_RE = regexes.compile(r"(?<!\w)theo\s+quy\s+định\s+tại\s*$", re.IGNORECASE)
_NOT_PREDICATE_RE = regexes.compile(r"(?<!\w)(?:để|việc|khi|được|đã|đang)\s*$", re.IGNORECASE)
_STATED_AT_RE = regexes.compile(r"(?<!\w)(?:theo\s+)?quy\s+định\s+tại\s*$", re.IGNORECASE)

_THROUGH_RE = regexes.compile(r"(?<!\w)(?:theo|tại)(?:\s+(?:các|những))?\s*[:(]?\s*$", re.IGNORECASE)
# ... unless it hangs on a participle of the cue's object (`Triển khai Chiến lược ... đã được Chính phủ
# phê duyệt tại Nghị quyết ...`): the citation says where the object was approved, it is not the object.
_PARTICIPLE_RE = regexes.compile(r"(?<!\w)(?:được|bị)\s+(?:(?!(?:theo|tại)\s)[^\W\d_]+\s+){0,5}?"
                                 r"(?:phê\s+duyệt|ban\s+hành|giao|quy\s+định|công\s+bố|thông\s+qua|ký)\s+(?:tại|theo)"
                                 r"(?:\s+(?:các|những))?\s*[:(]?\s*$", re.IGNORECASE)


def _reaches(seg: str, c: re.Match, cues: _Cues, rel: str) -> bool:
    """Does the cue `c` of relation `rel` (not `Căn cứ`) reach the end of `seg`, where its citation
    starts?"""
    rest = seg[c.end():]
    if c.group(0).isupper() and not rest.isupper() and rest.strip():
        return False        # a heading (`TỔ CHỨC THỰC HIỆN`, `PHỤ LỤC ... THỰC HIỆN ... (Kèm theo ...)`) governs
        # nothing in small letters after it; its own title in capitals (`TRIỂN KHAI THỰC HIỆN NGHỊ QUYẾT SỐ`) yes
    if _ISSUED_RE.search(rest):
        return False        # `... tiếp tục ban hành Quyết định số ...`: the text says a document was issued
    if rel in cues.acts_on and not _MANNER_RE.search(rest) and len(rest) <= cues.max_distance:
        # `Bãi bỏ khoản 2 Điều 1 Quyết định ...`, `bãi bỏ các quy định ... quy định tại Nghị định ...`: the act is
        # on the provision, of the document cited (not on one the new wording quotes)
        return not _OBJECT_END_RE.search(rest)
    if cues.provision_re.search(rest) or cues.participle_re.search(rest):
        return False        # `thực hiện theo khoản 1 Điều 7 Nghị định ...`, `... được hướng dẫn tại Công văn ...`
    if len(rest) <= cues.max_distance and not cues.blocker_re.search(rest):
        return True
    by_rule = _BY_RULE_RE.search(rest)
    if (by_rule and rel == "implements" and len(rest) <= cues.max_distance and rest[:by_rule.start()].strip()
            and not cues.blocker_re.search(rest[:by_rule.start()]) and not _NOT_PREDICATE_RE.search(seg[:c.start()])
            and not seg[c.start():c.end()].casefold().startswith("để")):
        return True
    if len(rest) > cues.governed_distance or rel == "guides":    # `Hướng dẫn người khai ... theo ...`
        return False
    # the cue opens its clause and the citation hangs on it by `theo` / `tại` (`Thực hiện ... theo quy
    # định tại Luật ...`), on the same line (a heading `TỔ CHỨC THỰC HIỆN` governs nothing below it)
    # A comma ends a fronted cue phrase (`Thực hiện Kế hoạch ..., Sở Y ... theo Quyết định Z`: Z hangs on
    # the main clause) beyond the usual reach, unless it only separates the cue's objects (_NEW_SUBJECT_RE).
    if len(rest) > cues.max_distance and "," in rest and (
            rel in cues.acts_on or _NEW_SUBJECT_RE.search(rest) or _STATED_AT_RE.search(rest)):
        return False
    return (not seg[:c.start()].strip(" \t\n-+•–*") and "\n" not in rest and bool(_THROUGH_RE.search(rest))
            and not _PARTICIPLE_RE.search(rest)
            and not cues.provision_blocker_re.search(rest) and not _OBJECT_END_RE.search(rest))
