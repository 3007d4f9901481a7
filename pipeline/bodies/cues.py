"""The cue before a group of mentions and what follows it: `phối hợp` coordinates, `báo cáo ... về`
reports, `giao` / `đề nghị` / the clause's subject lead; a lead verb or an issuer's verb after it.
"""
from __future__ import annotations

from typing import Literal

from pipeline.bodies.clauses import _enumerator_before
from pipeline.bodies.extent import Mention
from pipeline.bodies.tokens import UY_DELEGATES, _ends_with, _match_seq
from pipeline.bodies.vocab import (
    _LEAD_AT_START,
    ASSIGN_CUES,
    COORD_NOUNS,
    CUE_COORD,
    CUE_FORWARD,
    CUE_LEAD,
    CUE_NONE,
    CUE_OVERSEE,
    CUE_REPORT,
    CUE_REPORT_TO,
    DELEGATE_CUES,
    DETERMINERS,
    FILLER,
    ISSUER_VERBS,
    LEAD_STRONG,
    LEAD_VERBS,
    LEVEL_FIRST,
    REPORT_AS_NOUN,
    UNDERGO,
)

# the last words of the cues `_role_before` looks for (a word outside it ends none of them)
_CUE_LAST = frozenset().union(*(t.bwd for t in (ASSIGN_CUES, CUE_COORD, CUE_REPORT, CUE_FORWARD, CUE_REPORT_TO,
                                                 CUE_NONE, CUE_LEAD)))


def _role_before(norms: list[str], s: int, i: int) -> tuple[str | None, bool]:
    """(role from the cue just before token i, whether the mention is at the clause's start)."""
    j = i
    # skip fillers, and a determiner left outside the mention (`Các tỉnh Nghệ An, Quảng Ngãi`)
    while j > s and (norms[j - 1] in FILLER or (j == i and norms[j - 1] in DETERMINERS)
                     or (j < i and norms[j - 1] in DETERMINERS and norms[j] in LEVEL_FIRST)):
        # (`(2) Bộ Công an chủ trì`: an inline number opens the clause)
        j -= _enumerator_before(norms, s, j) or 1
    if j == s or norms[j - 1] not in _CUE_LAST:
        # the clause's start (or a bare `ủy quyền` opening it); or no cue below ends with this word: one look-up
        # instead of seven `_ends_with`
        return ("lead", True) if j == s or j == i and _delegates_at_start(norms, s, j) else (None, False)
    k = _ends_with(norms, j, ASSIGN_CUES)
    if k:       # `UBND tỉnh giao nhiệm vụ cho Sở Y tế chủ trì`: the duty is named, wherever the cue stands
        return "lead", _opens_clause(norms, s, j - k)
    k = _ends_with(norms, j, CUE_COORD)
    if k:
        if norms[j - 1] not in {"với", "cùng"} and _ends_with(norms, j - k, COORD_NOUNS):
            return None, False      # `quy chế phối hợp các đơn vị`: a document between parties, no cue
        return "coordinate", False
    k = _ends_with(norms, j, CUE_REPORT)
    if k:
        if "," in norms[j:i] or (j - k > s and norms[j - k - 1] in REPORT_AS_NOUN):
            return None, False      # `Theo báo cáo, Sở Y tế ...`: a report named as a source, no cue
        return "report_to", False
    if _ends_with(norms, j, CUE_FORWARD):
        return "lead", False        # `chuyển đơn đến X để giải quyết`: X handles the matter
    k = _ends_with(norms, j, CUE_REPORT_TO)
    if k and not _opening_cue(norms, s, j):     # `Giao cho X ...` opening the clause assigns
        to = _reported_to(norms, s, j, k)
        if to is not False:
            return to, False
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


def _delegates_at_start(norms: list[str], s: int, j: int) -> bool:
    """Whether a bare `ủy quyền` opening the clause stands right before token j (`Ủy quyền Giám đốc Sở X thực hiện
    ...`): its delegate, with no comma between (`Sau khi ủy quyền, cấp ủy ...` delegates nothing to what follows)."""
    return j - 2 >= s and norms[j - 2] == UY_DELEGATES and norms[j - 1] == "quyền" and _opens_clause(norms, s, j - 2)


def _cue_end(norms: list[str], s: int, i: int) -> int:
    """Where a cue before the mention at token i would end: fillers and determiners between them skipped."""
    while i > s and (norms[i - 1] in FILLER or norms[i - 1] in DETERMINERS):
        i -= 1
    return i


def _bare_assignment(norms: list[str], s: int, i: int) -> bool:
    """Whether an assigning cue (`phân công nhiệm vụ cho các thành viên`) stands right before token i: its list
    leads only before a verb of its own (`giao nhiệm vụ cho Sở Y tế chủ trì`), else it only receives duties; not a
    passive one, whose subject is the task itself (`Việc tổng hợp được giao cho Văn phòng UBND tỉnh`)."""
    j = _cue_end(norms, s, i)
    k = _ends_with(norms, j, ASSIGN_CUES)
    # (a delegate needs no verb of its own: what it may now decide is the duty, `thẩm quyền quyết định ...`)
    return bool(k) and norms[j - k] != "được" and not _ends_with(norms, j, DELEGATE_CUES)


def _delegated_in_passing(norms: list[str], s: int, i: int, before: list[Mention] | None) -> bool:
    """Whether a delegating cue (`ủy quyền cho`, `phân cấp cho`) right before token i is no act of the clause. It acts
    opening the clause (`Ủy quyền cho Giám đốc Sở X ...`) or right after its subject (`before`: the group before the
    cue, `UBND tỉnh phân cấp cho ...`, `Đối với ..., Ban Bí thư ủy quyền cho ...`). Elsewhere it names a delegation in
    passing (`các nội dung đã phân cấp cho X`, `vốn đầu tư phân cấp cho các xã`, `... hoặc ủy quyền cho X`), one done
    by a passive's agent (`thủ tục được UBND tỉnh ủy quyền cho X giải quyết`) or one only asked for (the group before
    governed by a request or advice: `tham mưu UBND tỉnh ủy quyền cho X`, `Đề nghị UBND tỉnh ủy quyền cho X`: the one
    asked leads, the delegate does nothing yet)."""
    j = _cue_end(norms, s, i)
    k = _ends_with(norms, j, DELEGATE_CUES)
    if not k or _opens_clause(norms, s, j - k):
        return False
    if before is None or before[-1].j != j - k:
        return True
    x = before[0].i
    return x > s and (norms[x - 1] == "được" or bool(_ends_with(norms, x, CUE_NONE) or _ends_with(norms, x, CUE_LEAD)))


def _opens_clause(norms: list[str], s: int, x: int) -> bool:
    """Whether only fillers stand between the clause's start s and token x."""
    while x > s and norms[x - 1] in FILLER:
        x -= 1
    return x == s


def _after_enumerator(norms: list[str], s: int, i: int) -> bool:
    """Whether an inline enumerator (`(2)`, `b)`) opens the clause right before token i (a determiner
    skipped)."""
    j = i - (i > s and norms[i - 1] in DETERMINERS)
    return bool(_enumerator_before(norms, s, j))


def _reported_to(norms: list[str], s: int, j: int, k: int) -> str | None | Literal[False]:
    """After a preposition of direction (`về`, `lên`, `cho` ... of length k ending at j): `báo cáo (kết quả
    ...) về X`, `gửi ... về X` report to X ('report_to'); `kiến nghị với X`, `trình lên X`, a bare `về X`
    give no role (None); False: the other cues decide."""
    if _ends_with(norms, j - k, CUE_NONE) and norms[j - k - 1] not in {"cáo", "gửi"}:
        return None
    window = norms[max(s, j - 28):j - k]
    if any(w in CUE_REPORT.fwd and _match_seq(window, x, CUE_REPORT) for x, w in enumerate(window)):
        return "report_to"
    if norms[j - 1] in {"về", "cho"}:
        return None
    return False


_NEGATIONS = frozenset({"không", "chưa", "chẳng"})


def _denied_duty(norms: list[str], j: int, e: int) -> bool:
    """Whether a duty denied opens at j (`không phải`, `chưa cần`): it assigns nothing (`... thì cấp có thẩm quyền
    không phải ra quyết định`)."""
    return norms[j] in _NEGATIONS and j + 1 < e and norms[j + 1] in {"phải", "cần"}


def _role_after(norms: list[str], j: int, e: int, window: int = 0) -> str | None:
    """What follows a group: 'issuer' (`yêu cầu`), 'lead' (a lead verb, or nothing: a heading).
    With `window`, a strong lead verb (`có trách nhiệm`, `chủ trì`) up to that many tokens on counts."""
    if j >= e or norms[j] in {":", ".", ";"}:
        return "end"
    if _denied_duty(norms, j, e):
        return None
    k = _match_seq(norms, j, ISSUER_VERBS) if norms[j] in ISSUER_VERBS.fwd else 0     # (no call on most words)
    if k and norms[j:j + k] == ["hướng", "dẫn"] and j + k < e and norms[j + k] not in {":", "như", "cụ"}:
        k = 0       # `Bộ X hướng dẫn như sau:` issues; `Sở Y tế hướng dẫn thực hiện` does the work
    if k and norms[j:j + k] == ["ban", "hành"] and norms[e - 1] != ":" and "sau" not in norms[j + k:e]:
        k = 0       # `UBND tỉnh ban hành Kế hoạch như sau:` issues; `Sở Y tế ban hành văn bản hướng dẫn` does the work
    if k and not _match_seq(norms, j, CUE_OVERSEE) and not (
            norms[j:j + k] == ["quyết", "định"] and j + k < e and norms[j + k][:1].isalpha()):
        # `UBND tỉnh quyết định:` issues; `UBND xã quyết định thành lập đoàn kiểm tra` acts
        return "issuer"
    if norms[j] in {"được", "bị"} and _match_seq(norms, j + 1, UNDERGO):
        # `Các tỉnh A, B bị ảnh hưởng nặng nề`, `Các hộ dân bị thiệt hại được hỗ trợ`: what befalls them, no duty
        # of theirs unless a strong one follows (`Các đơn vị được cấp tài khoản có trách nhiệm quản lý ...`)
        return "lead" if any(norms[x] in LEAD_STRONG.fwd and _match_seq(norms, x, LEAD_STRONG)
                             for x in range(j + 2, e)) else None
    if norms[j] in LEAD_VERBS.fwd and _match_seq(norms, j, LEAD_VERBS):
        return "lead"
    for x in range(j + 1, min(e, j + window)):
        if norms[x] in {",", ";", ":"} and x + 1 < e and norms[x + 1] not in DETERMINERS:
            if norms[x] != ",":
                return "lead"
        if norms[x] in LEAD_STRONG.fwd and _match_seq(norms, x, LEAD_STRONG) and norms[x - 1] not in _NEGATIONS:
            return "lead"   # (not a negated one: `..., X không phải ...`)
    return "lead" if window and min(e, j + window) == e else None


def _opening_cue(norms: list[str], s: int, j: int) -> bool:
    """Whether a lead cue ending at j opens the clause (`Giao cho Sở X ...`; not `... dự toán giao cho X`,
    `bàn giao cho X`, where the words tell what was handed over)."""
    k = _ends_with(norms, j, CUE_LEAD)
    if not k:
        return False
    x = j - k
    while x > s and norms[x - 1] in FILLER:
        x -= 1
    return x == s


def _cued_lead(norms: list[str], s: int, i: int) -> bool:
    """Whether a lead cue (`giao`, `đề nghị`, `yêu cầu`) stands right before token i (fillers and a
    determiner skipped)."""
    j = _cue_end(norms, s, i)
    return j > s and bool(_ends_with(norms, j, CUE_LEAD))
