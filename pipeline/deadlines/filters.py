"""Deadlines, filters: is a matched phrase about something other than the task's deadline?

Grammar facts, none about a particular file (see `deadlines/stage.py` for the whole list; the ones about
dates already past and cited documents' dates are checked by the handlers, `deadlines/values.py`):
- `_inside_name`: the phrase is part of a document or programme name (a quotation, "tầm nhìn đến năm
  2030", a name word in the same clause, a cited symbol in the same sentence, a title in capitals);
- `_not_the_tasks`: the phrase qualifies a noun, stands in a quotation, forecasts (`... sẽ hoàn
  thành`) or tells what was done (`đã ...`, `thời gian qua`) - history, not the task's deadline.
"""
from __future__ import annotations

from pipeline import regexes
from pipeline.deadlines.grammar import Grammar

_SENT_END = regexes.compile(r"[.;!?]\s|\n\s*\n")
# The end of a sentence or of a part of one (a `;` or `:` list item), for the clause-level checks.
_PART_END = regexes.compile(r"[.;!?:](?=\s)|\n\s*\n")
_CLAUSE_END = regexes.compile(r"[,:()]")
_SYMBOL = regexes.compile(r"\d+\s*[/-]\s*(?:\d{4}\s*/\s*)?[A-ZĐ]{2,}[\w\-/Đđ]*")
_WORD = regexes.compile(r"[^\W\d_]+")
# a phrase that opens so is the bound a target is reached by (`đến năm 2030, 100% số xã đã đạt chuẩn`), not history
_DUE_OPENERS = ("đến", "tới")
# the phrases that say when something happened (a relative one's anchor holds its own clause: `kể từ ngày nhận được
# hồ sơ đã hoàn thiện`)
_WHEN_KINDS = frozenset({"date", "period"})
# a heading that restates a request it answers (`Về kiến nghị ...:`, `3. Về đề nghị của tỉnh về ...:`)
_REQUEST_HEADING = regexes.compile(
    r"\s*(?:\d{1,2}[.)]\s*|[a-zđ]\)\s*|[-+•]\s*)?về\s+(?:các\s+|những\s+)?(?:kiến\s+nghị|đề\s+nghị|đề\s+xuất)\b")
# what closes a phrase right after a past-time marker inside a sentence (`_not_the_tasks`)
_SENTENCE_END = regexes.compile(r"[.;!?](?:\s|$)|\n")
_PHRASE_CLOSED = regexes.compile(r"\s*(?:,|để\s|nhằm\s)")
# the words of a past-time phrase fronted after a connective (`Bên cạnh đó, trong (suốt) thời gian vừa qua, ...`)
_TIME_WORDS = frozenset({"trong", "suốt", "những", "các", "mấy", "nhiều", "vài", "thời", "gian", "ngày", "tuần",
                         "tháng", "quý", "năm", "đợt", "giai", "đoạn"})


def _open_quote(window: str) -> bool:
    """Does `window` end inside a quotation?  Curly quotes open and close; a straight one toggles (a
    text may mix them: `"hành trình ...”`)."""
    opened, closed, straight = window.count("“"), window.count("”"), window.count('"')
    if opened or closed:
        return opened + straight % 2 > closed
    return straight % 2 == 1


def _in_caps_heading(text: str, start: int, lo: int, hi: int) -> bool:
    """Is `start` on a line printed all in capitals (a title: "DANH MỤC NHIỆM VỤ ... ĐẾN NĂM 2030")?"""
    a = max(lo, text.rfind("\n", lo, start) + 1)
    b = text.find("\n", start, hi)
    line = text[a:hi if b < 0 else b]
    # (the case test first: it is cheap, and most lines are whole paragraphs in lower case)
    return line == line.upper() and len(_WORD.findall(line)) >= 5


# `_SENT_END` written backwards: searched in the reversed window, its first match is the window's last
# sentence end (three times faster than listing every match; this runs for every candidate phrase).
_SENT_END_REVERSED = regexes.compile(r"\s[.;!?]|\n\s*\n")


def _in_request_heading(g: Grammar, low: str, start: int, end: int, lo: int, hi: int) -> bool:
    """Whether the phrase stands in a heading that restates what was asked (`Về kiến nghị sớm ban hành hướng dẫn:`,
    `Về đề nghị hỗ trợ vốn trong giai đoạn 2026-2030:` + `Giao Bộ Tài chính nghiên cứu`): the time is the asker's, not
    the answer's task."""
    if "về" not in low[max(lo, start - 200):start]:
        return False
    window = _sentence_before(low, start, lo)
    m = _REQUEST_HEADING.match(window)
    if m is None or ":" in window or g.directing.search(window, m.end()):
        return False        # (`Về đề nghị của Sở Y tế, giao Sở Tài chính bố trí kinh phí trước ngày 30/6`: the task)
    colon, stop = low.find(":", end, min(hi, end + 200)), _SENTENCE_END.search(low, end, min(hi, end + 200))
    return colon >= 0 and (stop is None or colon < stop.start())


def _sentence_before(text: str, start: int, lo: int) -> str:
    """The words of `start`'s sentence before it (at most 200 characters, not before `lo`)."""
    window = text[max(lo, start - 200):start]
    m = _SENT_END_REVERSED.search(window[::-1])
    return window[len(window) - m.start():] if m else window


def _fine(g: Grammar, phrase: str) -> bool:
    """Does the (lower-cased) phrase name a month or a quarter, and no day ("trong quý II/2020", "đến tháng 9/2026";
    not "đến hết ngày 31 tháng 12 năm 2026")?  Names bound programmes by years, never so."""
    return bool(g.fine_point.search(phrase)) and not g.any_date.search(phrase)


def _inside_name(g: Grammar, text: str, start: int, lo: int = 0, hi: int | None = None, fine: bool = False) -> bool:
    """Is `start` inside a document or programme name?

    Inside an open quotation; or right after "tầm nhìn"/"định hướng" ("..., tầm nhìn đến năm 2030");
    or in the same clause as a name word ("quy hoạch hạ tầng ... đến năm 2030"); or on a title line
    printed in capitals.  A comma ends the clause: in "... nhiệm vụ của Đề án 06, hoàn thành các mục
    tiêu trong năm 2023" the year is the task's.  A `fine` phrase (a month or a quarter: names bound
    programmes by years only) is inside a name only in a quotation, after "tầm nhìn", on a title line or
    right after a passive issuance ("khi Luật ... được thông qua vào tháng 12/2025").
    """
    window = _sentence_before(text, start, lo)
    if _open_quote(window):
        return True
    if g.vision.search(window):
        return True
    # In the same sentence as a cited symbol: the phrase is (part of) the cited document's title,
    # as in "Nghị quyết số 18-NQ/TU ... về ..., xây dựng thành phố thông minh đến năm 2025".
    if _in_caps_heading(text, start, lo, len(text) if hi is None else hi):
        return True
    if fine:
        return bool(g.issued_before.search(window))
    if _SYMBOL.search(window):
        return True
    cl = list(_CLAUSE_END.finditer(window))
    if cl:
        window = window[cl[-1].end():]
    return bool(g.name_words.search(window) or g.name_words_cased.search(window))


def _not_the_tasks(g: Grammar, low: str, start: int, end: int, lo: int, hi: int, kind: str = "date") -> bool:
    """Does the phrase `low[start:end]` tell something other than when the task is due?

    - It is the attribute of a noun: "các dự án có kế hoạch hoàn thành năm 2025".
    - It stands inside a quotation (a name, a slogan).
    - Its clause goes on in the future tense: a forecast or the issuer's own plan ("chúng ta tin tưởng
      trong năm 2025 sẽ hoàn thành ...", "trong năm 2019 Bộ sẽ tổng kết ..."), not a directed task; or in the
      past tense ("Trong năm 2025, huyện đã hoàn thành ..."), unless the phrase is a bound (`đến năm 2030`).
    - Its clause tells what was done (history): `đã` right before it or with a comma between
      ("các bộ, ngành đã tiếp tục nỗ lực, khắc phục khó khăn, kịp thời hướng dẫn"), or a past-time
      marker ("Kết quả đạt được thời gian qua là nhờ ... trong cả giai đoạn 2021-2025"), with no
      directing word after it ("Thời gian qua ..., đề nghị các sở kịp thời ..."), where it opens the sentence (alone
      or after a connective: "Bên cạnh đó, trong thời gian vừa qua, ...") or does not close a phrase inside it (a
      comma or `để` right after it: "các hộ bị cô lập những ngày vừa qua, kịp thời ..." dates that event).
    """
    if g.attribute_before.search(low, max(lo, start - 30), start):
        return True
    if _in_request_heading(g, low, start, end, lo, hi):
        return True
    if g.future_after.match(low, end, min(hi, end + 40)):
        return True
    if kind in _WHEN_KINDS and g.past_after.match(low, end, min(hi, end + 80)) \
            and not low.startswith(_DUE_OPENERS, start) and not g.target.search(low, max(lo, start - 40), start):
        # `Trong năm 2025, huyện đã hoàn thành ...`: history (not a target's bound: `đến năm 2030 ... đã`, `Phấn đấu
        # trước ngày 30/9, các xã đã hoàn thành`)
        return True
    window = _sentence_before(low, start, lo)
    # Inside a quotation: a name or a slogan ("cuộc vận động “Mỗi ngày một tin tốt, mỗi tuần ...”").
    if _open_quote(window):
        return True
    if "đã" not in window and "qua" not in window:
        return False
    pasts = list(g.past_tense.finditer(window))
    past = pasts[-1] if pasts else None     # the last past-tense verb before the phrase
    if past is not None:
        between = window[past.end():]
        if (not between.strip() or "," in between) and not g.directing.search(between):
            return True
    markers = list(g.past_marker.finditer(window))
    marker = markers[-1] if markers else None
    if marker is None or g.directing.search(window, marker.end()):
        return False
    # a marker that opens the sentence (`Thời gian qua, ...`, `Trong những năm qua, ...`) or stands in its main
    # clause (`Kết quả đạt được thời gian qua là nhờ ...`) makes all of it history; one that closes a phrase inside
    # it (`các hộ bị cô lập những ngày vừa qua, kịp thời tiếp tế`, `... vừa qua để nắm tình hình`) dates that event
    before = window[:marker.start()]
    head, _, segment = before.rpartition(",")
    fronted = len(before.split()) <= 3 or (len(head.split()) <= 3 and bool(segment.split())
                                           and all(w in _TIME_WORDS for w in segment.split()))
    return fronted or _PHRASE_CLOSED.match(window, marker.end()) is None
