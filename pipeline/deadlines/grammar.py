"""Deadlines, the grammar: read `models/deadlines.toml` and compile its rules (see `deadlines/stage.py`).

The grammar is data (`models/deadlines.toml`, card `models/deadlines.md`): word lists (the lexicon)
and one regex template per phrase shape, each with examples and counter-examples.  Here the
templates' placeholders (`<<DATE>>`, `<<MONTH>>`, `<<QUARTER>>`, `<<NUM>>`, `<<EVERY>>` ...) become
regex fragments, every rule is compiled once (`Rule`), and so are the lexicon's word lists the
handlers and filters use (`Grammar`).  `_anchor_scan` builds the one anchor regex that finds every
place where a point in time or a rule's core may start (used by `deadlines._cores`).
`load_grammar` does it all, once per process.
"""
from __future__ import annotations

import datetime as _dt
import functools
import re
import tomllib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from operator import methodcaller
from pathlib import Path
from typing import Any

from pipeline import regexes
from pipeline.errors import DataTableError
from pipeline.resources import model_text, models_dir

GRAMMAR_PATH = models_dir() / "deadlines.toml"

Date = _dt.date

# --------------------------------------------------------------------------------------------------
# Loading the grammar: placeholders -> regex fragments, compiled once.

_Y = r"(?:19|20)\d\d(?!\d)"
# Numeric parts must not continue another number (`120/6`, `1.500`), hence the look-behinds.
# Written `(?:ngày\s+|(?=\d))` rather than `(?:ngày\s+)?`: a leading branch lets the regex engine skip
# to candidate positions, 2-3 times faster over long texts.
_DATE = (r"(?:ngày\s+|(?=\d))(?<![\d/.\-])(?:\d{1,2}\s*[/.\-]\s*\d{1,2}\s*(?:[/.\-]|,?\s*năm)\s*" + _Y +
         r"|\d{1,2}\s+tháng\s+\d{1,2}\s*(?:,?\s*năm|/|-)\s*" + _Y + ")")     # (also `30/6 năm 2026`)
# Day and month with the year left out: nothing number-like may follow (else it is a full date).
_DM_AFTER_LEAD = (r"(?<![\d/.\-])(?:\d{1,2}\s*/\s*\d{1,2}|\d{1,2}\s+tháng\s+\d{1,2})"
                  r"(?!\s*[/.]\s*\d|\s*-\s*(?:19|20)\d\d(?!\d)|\d|\s*,?\s*năm\s+\d)")
_DM = r"(?:ngày\s+|(?=\d))" + _DM_AFTER_LEAD
# A letter no Vietnamese word uses (`š`, `œ`), glued to a number: OCR noise ("tháng 5Š năm 2025").
_VI_LETTER = ("a-zàáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩị"
              "òóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ")
_NOISE = r"(?:(?![" + _VI_LETTER + r"])[^\W\d_])?"
_MONTH = (r"(?:tháng\s+\d{1,2}" + _NOISE + r"(?!\d)(?!\s*/\s*\d{1,2}\s*/)(?:\s*(?:/|-|,?\s*năm)\s*" + _Y + r")?"
          r"|t(?<![\w]t)\d{1,2}\s*/\s*" + _Y +
          # a month and its year alone ("Thời hạn: 6/2024"), not a number/year of a symbol ("06/2024/NĐ-CP")
          r"|(?<![\d/.\-])(?:0?[1-9]|1[0-2])\s*/\s*" + _Y + r"(?!\s*/))")
# A month with its year, spelled out or abbreviated ("tháng 6/2025", "tháng 6 năm 2025", "T6/2025"); not
# "6/2025" alone (a number and a year of a symbol, a count).
_MONTH_YEAR = (r"(?:tháng\s+\d{1,2}" + _NOISE + r"(?!\d)\s*(?:/|-|,?\s*năm)\s*" + _Y
               + r"|t(?<![\w]t)\d{1,2}\s*/\s*" + _Y + ")")
_YEAR = r"năm\s+" + _Y
# A half year, in months or as a half ("6 tháng đầu năm", "nửa cuối năm 2026", "nửa năm đầu").
_HALF = (r"(?:(?:sáu|chín|0[69](?<!\d0[69])|[69](?<!\d[69]))\s+tháng\s+(?:đầu|cuối)\s+năm"
         r"|nửa\s+(?:(?:đầu|cuối)\s+năm(?!\s+học)|năm\s+(?:đầu|cuối)(?!\s+tiên)))(?:\s+" + _Y
         + r")?(?!\s+(?:vừa\s+)?qua|\s+trước)")
_FREQUNIT = r"(?:ngày|tuần|tháng|quý|quí|năm)"
# A time of day before a date: "17 giờ 00", "17 giờ 30 phút", "16h30", "17g00" (`g` for `giờ`).
_TIME = r"\d{1,2}\s*(?:giờ|h|g)(?:\s*\d{1,2}(?!\d)(?:\s*phút)?)?(?![\w/])"


def _alt(words: list[str], word_start: bool = False) -> str:
    r"""A regex alternation of phrases, longest first, any whitespace between words; with `word_start`, each
    phrase only where no letter or digit stands before it (`(?<![\w])`, written after the phrase's first
    character, `đ(?<![\w]đ)ến`: a regex that opens on a set of characters is searched for them alone, not
    tried at every position as one that opens on a look-behind is).

    Phrases are grouped by their first word (`thứ (?:hai|ba|...)`): a handful of distinct first
    words is much cheaper for the regex engine to try at every position than dozens of phrases."""
    groups: dict[str, list[list[str]]] = {}
    for w in sorted(set(words)):        # (in order: the same pattern text in every process, whatever the hash seed)
        parts = w.split()
        groups.setdefault(parts[0], []).append(parts[1:])
    alts = []
    for first in sorted(groups, key=len, reverse=True):
        rests = sorted(groups[first], key=lambda r: len(" ".join(r)), reverse=True)
        tails = [r"\s+".join(re.escape(x) for x in r) for r in rests if r]
        head = re.escape(first)
        if word_start:
            c = re.escape(first[0])
            head = c + r"(?<![\w]" + c + ")" + re.escape(first[1:])
        if not tails:
            alts.append(head)
        else:
            opt = "?" if any(not r for r in rests) else ""
            alts.append(head + r"(?:\s+(?:" + "|".join(tails) + "))" + opt)
    return "(?:" + "|".join(alts) + ")"


@dataclass(frozen=True)
class Rule:
    name: str
    kind: str
    handler: str
    regex: re.Pattern[str]
    prefix: re.Pattern[str] | None
    prefix_required: bool
    starts: tuple[str, ...]         # the words its core can start with ("0-9": a number)
    at_points: bool                 # the core starts with a point in time: try it only where one starts
    name_sensitive: bool
    rows_only: bool                 # read only in a row of a task table (its text and every cell)
    examples: tuple[dict[str, Any], ...]
    counter_examples: tuple[str, ...]


@dataclass(frozen=True)
class Grammar:
    lex: dict[str, Any]
    rules: tuple[Rule, ...]
    example_ref_date: Date
    subs: dict[str, str]
    numbers: dict[str, int]
    quarters: dict[str, int]
    weekdays: dict[str, str]
    freq: dict[str, str]
    ongoing_not: re.Pattern[str]
    name_words: re.Pattern[str]
    name_words_cased: re.Pattern[str]
    fine_point: re.Pattern[str]
    issued_before: re.Pattern[str]
    anchors_doc_date: tuple[str, ...]
    vision: re.Pattern[str]
    every_not_after: re.Pattern[str]
    in_force_before: re.Pattern[str]
    valid_before: re.Pattern[str]
    dm: re.Pattern[str]
    points: re.Pattern[str]
    any_date: re.Pattern[str]
    period_item: re.Pattern[str]
    quarter_num: re.Pattern[str]
    anchors: re.Pattern[str]
    anchor_parts: tuple[re.Pattern[str], ...]      # `anchors` as one regex per first character (`_anchor_scan`)
    dispatch: dict[str, tuple[bool, tuple[int, ...]]]
    core_match: tuple[Callable[[str, int], re.Match[str] | None], ...]     # each rule's `regex.match`
    past_tense: re.Pattern[str]
    before_audience: re.Pattern[str]
    past_marker: re.Pattern[str]
    directing: re.Pattern[str]
    attribute_before: re.Pattern[str]
    future_after: re.Pattern[str]
    past_after: re.Pattern[str]
    horizon: re.Pattern[str]
    horizon_years: int
    target: re.Pattern[str]
    time_columns: re.Pattern[str]
    ongoing_negations: frozenset[str]
    figure_before: re.Pattern[str]
    figure_after: re.Pattern[str]


# Lexicon lists a rule's `starts` may name.
_LISTS = {"EVERY": "every", "WEEKDAY": "weekdays", "ONGOING": "ongoing", "DUE": "due_cues", "AT": "at_cues",
          "UNTIL": "until_cues", "LABEL": "labels"}


def _point_starts(quarters: dict[str, int]) -> dict[str, str]:
    """Where a point in time (`_DATE`, `_DM`, `_MONTH`, quarter, `_YEAR`, `_HALF`) can start: its first
    word ("0-9": a number) -> what must follow it (a regex, a necessary condition only)."""
    q_first = "".join(sorted({re.escape(q[0]) for q in quarters}))
    return {"0-9": r"\d?\s*(?:[/.\-]\s*\d|tháng)", "ngày": r"\s+\d", "tháng": r"\s+\d", "t": r"\d",
            "năm": r"\s+(?:19|20)\d\d", "quý": rf"\s+[{q_first}]", "quí": rf"\s+[{q_first}]",
            "quy": rf"\s+[{q_first}]", "sáu": r"\s+tháng", "chín": r"\s+tháng",
            "nửa": r"\s+(?:đầu|cuối|năm)"}


def _anchor_scan(rules: list[Rule], point_starts: dict[str, str]) -> tuple[
        re.Pattern[str], tuple[re.Pattern[str], ...], dict[str, tuple[bool, tuple[int, ...]]]]:
    """One regex finding every place where a point in time or any rule's core may start, the same as one
    regex per first character, and what to try there: first word -> (a point may start here, the rules
    to try).

    A word matches only where what follows it allows one of its users (`định` only before `kỳ`, a number
    only before `/` or `tháng` ...), and the words are grouped by first letter (`t(?:háng|uần|...)`): one
    pass over a text costs about as much as one rule's scan, and finds few places.  The parts: a regex
    that opens on one character (`t(?:háng|...)`, a digit) is searched for that character alone, about
    15 times faster than a search for any of a set, so the 22 parts cost less than the one regex (0.36
    against 0.40 ms per dev document); their matches, put in order, are the one regex's where no two
    overlap (`anchor_matches`)."""
    users: dict[str, list[tuple[str | None, bool, int]]] = {}
    for w, follow in point_starts.items():
        users.setdefault(w, []).append((follow, True, -1))
    for i, rule in enumerate(rules):
        for phrase in rule.starts:
            first, after = _start_word(phrase)
            users.setdefault(first, []).append((after, False, i))

    def guarded(w: str) -> str:
        follows = [f for f, _, _ in users[w] if f is not None]
        if len(follows) < len(users[w]):
            return ""
        return "(?=" + "|".join(sorted(set(follows))) + ")"

    groups: dict[str, list[str]] = {}
    for w in users:
        if w != "0-9":
            groups.setdefault(w[0], []).append(w)
    alts = []
    for first in sorted(groups):
        tails = [re.escape(w[1:]) + guarded(w) for w in sorted(groups[first], key=len, reverse=True)]
        alts.append(re.escape(first) + "(?:" + "|".join(tails) + ")")
    if "0-9" in users:
        # A number where it starts; one alternative per digit: with every alternative opening on a
        # letter, the regex engine skips at once the characters that open none.
        alts += [d + r"(?<!\d" + d + ")" + guarded("0-9") for d in "0123456789"]
    dispatch = {w: (any(pt for _, pt, _ in us), tuple(sorted({i for _, pt, i in us if not pt})))
                for w, us in users.items()}
    if "0-9" in dispatch:       # (what a number's anchor, its first digit, finds: looked up by that digit)
        dispatch.update(dict.fromkeys("0123456789", dispatch["0-9"]))
    return regexes.compile("|".join(alts)), tuple(regexes.compile(a) for a in alts), dispatch


def _start_word(phrase: str) -> tuple[str, str | None]:
    """A phrase of a rule's `starts` as its first word (a number: "0-9", a year: "YYYY") and what must follow
    that word (a regex: the rest of the phrase, whitespace between its words, none needed after a number:
    `15-16`, `6tháng`).  The anchor holds a number's first digit only: its other digits follow it."""
    first, *rest = phrase.split()
    number = {"0-9": r"\d+", "yyyy": r"(?:19|20)\d\d"}      # (the phrases are lower-cased: `_rules`)
    after = "".join((r"\s*" if w in number else r"\s+") + number.get(x, re.escape(x))
                    for w, x in zip([first, *rest], rest, strict=False))
    if first == "yyyy":
        return "0-9", r"[09]\d\d(?!\d)" + after
    if first == "0-9" and after:
        return first, r"\d*" + after
    return first, after or None


def anchor_matches(g: Grammar, low: str) -> Iterable[re.Match[str]]:
    """`g.anchors.finditer(low)`, from the scans of its parts: one regex per first character, put in order.
    Each part finds the matches it finds among the others unless a match of another part holds the start
    of one (glued words: `lầngày`); then the one regex decides which it finds."""
    found: list[re.Match[str]] = []
    for rx in g.anchor_parts:
        found += rx.finditer(low)
    found.sort(key=_START)
    end = 0
    for a in found:
        if a.start() < end:
            return g.anchors.finditer(low)
        end = a.end()
    return found


_START = methodcaller("start")


def _norm(s: str) -> str:
    return " ".join(s.lower().split())


def _substitutions(lex: dict, numbers: dict[str, int], quarters: dict[str, int]) -> dict[str, str]:
    """The regex of each placeholder `<<NAME>>` of the rules' patterns."""
    q_alt = "(?:" + "|".join(re.escape(q) for q in sorted(quarters, key=len, reverse=True)) + r")(?![\w])"
    # a list or a span of quarters: "Quý II, III", "quý II và quý III", "Quý I-II"
    quarter = (r"qu(?<![\w]qu)[ýíy]\s+" + q_alt + r"(?:\s*(?:,|và|-|–)\s*(?:qu[ýíy]\s+)?" + q_alt + ")*"
               r"(?:\s*(?:/|-|,?\s*năm)\s*" + _Y + ")?")
    # a count, its figures maybe glossed in words ("15 (mười lăm) ngày") or its words in figures ("Mười (10) ngày")
    w = _alt(sorted(set(lex["number_words"]) | set(numbers), key=len, reverse=True))
    num = (r"(?:(?<![\d.,])\d{1,3}(?![\d.,]\d)(?:\s*\([^\W\d_][^()\d\n]{0,24}\))?|(?<![\w])" + w + rf"(?:\s+{w}){{0,3}}"
           r"\s*\(\s*\d{1,3}\s*\)|" + _alt(list(numbers)) + r"(?![\w]))")
    # a proper fraction of one digit each, no `ngày` or due cue before it, that a measured noun follows is no day and
    # month (`đến 1/3 thời gian sinh trưởng`; `trước ngày 1/3 tổng số ...`, `chậm nhất 1/7 ...` stay dates)
    proper = "|".join(rf"{n}\s*/\s*[{n + 1}-9]" for n in range(1, 9))      # 1/2 ... 8/9
    fraction = rf"(?:{proper})\s+" + _alt(lex["fraction_nouns"]) + r"(?![\w])"
    # after `ngày` a day and a month may be joined by a dash, as Party documents write them ("trước ngày 30-6"; not a
    # span of days, "ngày 15-16/6", "ngày 10-12 tháng 5", "ngày 5-10 hằng tháng", nor a full date)
    dm = (r"(?:ngày\s+(?<![\d/.\-])\d{1,2}\s*-\s*\d{1,2}"
          r"(?!\d|\s*[/.\-]\s*\d|\s*,?\s*năm\s+\d|\s+(?:tháng|hằng|hàng)\b)|"
          r"(?:ngày\s+|(?=\d)(?:(?<=trước\s)|(?<=nhất\s)|(?!" + fraction + ")))" + _DM_AFTER_LEAD + ")")
    subs = {
        "DATE": _DATE, "DM": dm, "ANYDATE": f"(?:{_DATE}|{dm})", "MONTH": _MONTH, "MONTHYEAR": _MONTH_YEAR,
        "QUARTER": quarter, "YEAR": _YEAR, "HALF": _HALF, "NUM": num, "FREQUNIT": _FREQUNIT, "TIME": _TIME,
        "EVERY": _alt(lex["every"]), "WEEKDAY": _alt(list(lex["weekdays"])),
        "DUE": _alt(lex["due_cues"]), "AT": _alt(lex["at_cues"]), "UNTIL": _alt(lex["until_cues"]),
        "LABEL": _alt(lex["labels"]), "ONGOING": _alt(lex["ongoing"]),
        "AWAITED": _alt(lex["awaited_documents"]), "ISSUED": _alt(lex["issuance_verbs"]),
        "LATERYEARS": _alt(lex["later_years"]),
    }
    subs["POINT"] = f"(?:{subs['ANYDATE']}|{_MONTH}|{quarter}|{_YEAR})"
    subs["Q_ALT"] = q_alt
    return subs


def _rules(data: dict, subs: dict[str, str], path: str | None) -> list[Rule]:
    """The `[[rule]]`s of the grammar, compiled."""
    lex = data["lexicon"]

    def expand(tpl: str) -> str:
        return re.sub(r"<<([A-Z]+)>>", lambda m: subs[m.group(1)], tpl)

    rules = []
    for r in data["rule"]:
        # Rules run over the lower-cased text (see `stage._lower`), so without IGNORECASE: the regex engine
        # can then skip ahead to a pattern's first letters, several times faster on long texts.
        flags = re.MULTILINE if r.get("multiline") else 0
        prefix = regexes.compile("(?:" + expand(r["prefix"]) + r")\Z", flags) if r.get("prefix") else None
        at_points = r.get("anchor") == "point"
        starts: list[str] = []
        for w in r.get("starts", ()):
            first, _, rest = w.partition(" ")
            m = re.fullmatch(r"<<([A-Z]+)>>", first)
            starts += [f"{x} {rest}" for x in lex[_LISTS[m.group(1)]]] if m else [w]
        starts = sorted({" ".join(w.lower().split()) for w in starts})
        if not at_points and not starts:
            raise DataTableError(f"rule {r['name']!r}: needs `starts` or `anchor = \"point\"`",
                                 path=str(path or GRAMMAR_PATH))
        rules.append(Rule(r["name"], r["kind"], r["handler"], regexes.compile(expand(r["pattern"]), flags),
                          prefix, bool(r.get("prefix_required")), tuple(starts), at_points,
                          bool(r.get("name_sensitive")), bool(r.get("rows_only")), tuple(r.get("examples", ())),
                          tuple(r.get("counter_examples", ()))))
    return rules


@functools.cache         # a table, not a result: `chithi bench` keeps it between rounds (`clear_input_caches`)
def load_grammar(path: str | None = None) -> Grammar:
    """Read and compile `models/deadlines.toml` (cached: done once per process)."""
    data = tomllib.loads(Path(path).read_text(encoding="utf-8") if path else model_text("deadlines.toml"))
    lex = data["lexicon"]
    numbers = {k: int(v) for k, v in lex["numbers"].items()}
    quarters = {k.lower(): int(v) for k, v in lex["quarters"].items()}
    subs = _substitutions(lex, numbers, quarters)
    rules = _rules(data, subs, path)
    anchors, parts, dispatch = _anchor_scan(rules, _point_starts(quarters))
    return _grammar(data, subs, numbers, quarters, rules, anchors, parts, dispatch)


def _not_due_before(lex: dict) -> dict[str, re.Pattern[str]]:
    """What, right before a phrase, makes it no time a task is due (models/deadlines.toml: a noun, a payment, a rate,
    a rule's taking effect, how long a paper stays valid)."""
    words = r"(?:\s*{comma}\s+(?!cho\b|để\b)[^\W\d_]+){{0,{n}}}"      # (a rate's words take no comma)
    return {
        "every_not_after": regexes.compile(
            r"(?<![\w])(?:" + _alt(lex["every_not_after"])
            + r"|" + _alt(lex["payments"]) + words.format(comma=",?", n=int(lex["payment_words"]))
            + r"|" + _alt(lex["rates"]) + words.format(comma="", n=int(lex["rate_words"])) + r")\s*$", re.IGNORECASE),
        "in_force_before": regexes.compile(_alt(lex["in_force_before"], word_start=True)
                                           + r"(?:\s*,?\s*" + _alt(lex["in_force_onsets"]) + r")?\s*\(?\s*$"),
        "valid_before": regexes.compile(_alt(lex["valid_before"], word_start=True) + r"\s*$"),
    }


def _grammar(data: dict, subs: dict[str, str], numbers: dict[str, int], quarters: dict[str, int],
             rules: list[Rule], anchors: re.Pattern[str], parts: tuple[re.Pattern[str], ...],
             dispatch: dict) -> Grammar:
    """The compiled grammar: rules, anchors and the lexicon's word lists as regexes."""
    lex = data["lexicon"]
    quarter, num, q_alt = subs["QUARTER"], subs["NUM"], subs["Q_ALT"]
    return Grammar(
        lex=lex, rules=tuple(rules), example_ref_date=Date.fromisoformat(data["example_ref_date"]),
        subs=subs, numbers=numbers, quarters=quarters,
        weekdays={_norm(k): v for k, v in lex["weekdays"].items()},
        freq={k: v for k, v in lex["freq"].items()},
        ongoing_not=regexes.compile(_alt(lex["ongoing_not"]), re.IGNORECASE),
        name_words=regexes.compile(_alt(lex["name_words"]), re.IGNORECASE),
        name_words_cased=regexes.compile(_alt(lex["name_words_cased"], word_start=True) + r"(?![\w])"),
        # A month or a quarter with its numeral (`tháng 9`, `quý II`), over the lower-cased text.
        fine_point=regexes.compile(_alt(lex["fine_units"], word_start=True) + r"\s+(?:\d|[ivxl]+(?![\w]))"),
        # A passive issuance right before a phrase ("được thông qua vào"): the time another document comes.
        issued_before=regexes.compile(r"(?<![\w])được\s+" + _alt(lex["issuance_verbs"]) + r"\s+(?:" + subs["AT"]
                                      + r"\s+)?$", re.IGNORECASE),
        anchors_doc_date=tuple(_norm(a) for a in lex["anchor_doc_date"]),
        vision=regexes.compile(r"(?:tầm\s+nhìn|định\s+hướng)\s*$", re.IGNORECASE),
        **_not_due_before(lex),
        dm=regexes.compile(_DM, re.IGNORECASE),
        points=regexes.compile(f"{subs['ANYDATE']}|{_MONTH}|{quarter}|{_YEAR}|{_HALF}"),
        any_date=regexes.compile(subs["ANYDATE"], re.IGNORECASE),
        period_item=regexes.compile(r"(?:" + subs["EVERY"] + r"\s+)?(?:(?P<n>" + num + r")\s+)?(?P<u>" + _FREQUNIT
                                    + ")", re.IGNORECASE),
        quarter_num=regexes.compile(q_alt, re.IGNORECASE),
        anchors=anchors, anchor_parts=parts, dispatch=dispatch, core_match=tuple(r.regex.match for r in rules),
        # Over the lower-cased text: `đã` not followed by a participle's verb.
        past_tense=regexes.compile(r"đ(?<![\w]đ)ã(?![\w])(?!\s+" + _alt(lex["past_participles"]) + r"(?![\w]))"),
        past_marker=regexes.compile(_alt(lex["past_markers"], word_start=True) + r"(?![\w])"),
        before_audience=regexes.compile(_alt(lex["before_audience"], word_start=True) + r"(?![\w])"),
        directing=regexes.compile(_alt(lex["directing"], word_start=True) + r"(?![\w])"),
        attribute_before=regexes.compile(_alt(lex["attribute_before"], word_start=True) + r"\s*$"),
        # The rest of the clause (no punctuation) holds the word: at most a few words before it.
        future_after=regexes.compile(r"(?:\s+[^\W\d_]+){0,3}?\s+" + _alt(lex["future_after"]) + r"(?![\w])"),
        # The same for a clause in the past tense: `đã` right after the phrase, or after a fronted time's comma and
        # its subject (`Trong năm 2025, huyện đã hoàn thành ...`; `các` opens the subject only: `Sở X kiểm tra các công
        # trình đã thi công xong` is a relative clause); not followed by a participle's verb, nor by a
        # directing word in its clause (`Trong tháng 4, các dự án đã hoàn thành phải quyết toán`: `đã` of a relative
        # clause, the task's verb after it).
        past_after=regexes.compile(r"(?:\s*,(?:\s+(?:các|những))?(?:\s+(?!(?:các|những)(?![\w]))[^\W\d_]+){1,7}?)?\s+đã(?![\w])"
                                   r"(?!\s+" + _alt(lex["past_participles"])
                                   + r"(?![\w]))(?![^,.;:\n]*?(?<![\w])" + _alt(lex["directing"] + ["thì"])
                                   + r"(?![\w]))"),
        horizon=regexes.compile(_alt(lex["horizon_words"], word_start=True) + r"(?![\w])"),
        horizon_years=int(lex["horizon_years"]),
        target=regexes.compile(_alt(lex["target_words"], word_start=True) + r"(?![\w])|%"),
        time_columns=regexes.compile(_alt(lex["time_columns"]), re.IGNORECASE),
        # The words right before an ongoing word ("xử lý không kịp thời"), compared as a set: cheaper than a
        # regex search before every ongoing word.
        ongoing_negations=frozenset(_norm(w) for w in lex["ongoing_negations"]),
        figure_before=regexes.compile(_alt(lex["figure_before"], word_start=True) + r"(?![\w])"),
        figure_after=regexes.compile(r"\s*,?(?:\s+[^\W\d_]+){0,3}?\s+" + _alt(lex["figure_after"]) + r"\s+\d"),
    )
