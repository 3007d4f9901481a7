"""`LineRules` gives the answer of the patterns it stands for: the kind of the first whole-line pattern
that matches."""
import random
import re
import tomllib
from bisect import bisect_right

import pytest

from pipeline.read.boilerplate import classify_stripped, furniture_lines
from pipeline.read.emit import line_starts
from pipeline.read.linerules import LineRules, _prefixes, _sre
from pipeline.resources import open_model


def _boilerplate() -> list[tuple[str, str]]:
    with open_model("boilerplate.toml") as f:
        data = tomllib.load(f)
    return [(kind, p) for kind, entry in data.items() for p in entry["patterns"]]


def _union_kind(rules: list[tuple[str, str]], line: str, flags: int) -> str | None:
    """What one `fullmatch` of all the patterns says (the reference `LineRules` must agree with)."""
    rx = re.compile("|".join(f"(?P<a{i}>{p})" for i, (_, p) in enumerate(rules)), flags)
    m = rx.fullmatch(line)
    return rules[int(m.lastgroup[1:])][0] if m else None


# pieces that open or complete the boilerplate patterns, and letters in their odd cases (the Kelvin
# sign and the long s fold to k and s when case is ignored)
_PIECES = ["Trang ", "Page ", "2", "- 3 -", "CÔNG BÁO", "/Số 4", "/Ngày 1-2-2024", "Người ký", "Ký bởi", ":",
           "Email", "a@b", "(@", "Cơ quan", "cơ quan", "VĂN PHÒNG", "Thời gian ký", "Ngày ký", "Copyright",
           "Chia sẻ", "Facebook", "Twitter", " | ", "Tags", "Từ khóa", "Văn bản liên quan", "## ", "Tin liên quan",
           "Thứ Năm, ", "20/11/2025", " 14:32", "[Trang chủ](/)", " » ", "Hotline", "0243", "\u212a", "\u017f",
           "K", "s", "T", "x", " ", "Văn bản gốc", "Cảm ơn đã dùng ", "abc.vn", "--- PAGE BREAK ---"]


def test_line_rules_give_the_kind_one_union_gives_on_made_up_lines():
    rules = _boilerplate()
    lr = LineRules(rules, re.IGNORECASE)
    rng = random.Random(7)
    lines = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    found = {lr.kind(line) for line in lines}
    assert len(found) >= 4          # the made-up lines reach several kinds, not only None
    # a first letter in a case no table names (the Kelvin sign for `K`) is tried against all of them
    lines += ["\u212aý bởi: Nguyễn Văn A", "\u212a", "\u017fố 5"]
    assert _union_kind(rules, lines[-3], re.IGNORECASE) == "signature_stamp"
    for line in lines:
        assert lr.kind(line) == _union_kind(rules, line, re.IGNORECASE), line


@pytest.mark.parametrize("line, kind", [("Trang 2/5", "page_number"), ("12", "page_number"),
                                        ("Người ký: Nguyễn Văn A", "signature_stamp"),
                                        ("CHINHPHU.VNThời gian ký: 10.04.2025", "signature_stamp"),
                                        ("Cơ quan: VĂN PHÒNG", "signature_stamp"), ("Cơ quan: các sở", None),
                                        ("Chia sẻ", "site"), ("Tin liên quan", "site_tail"),
                                        ("Thực hiện nghiêm túc Chỉ thị này.", None)])
def test_classify_stripped_reads_the_table(line, kind):
    assert classify_stripped(line) == kind


def test_an_alternative_that_opens_anywhere_is_still_tried_first_when_it_comes_first():
    # the first pattern may open with any character; the second opens with `a`: on `a:b` both match,
    # and the first one's kind wins as in the union
    lr = LineRules([("any", r".*:b"), ("a", r"a.*")])
    assert lr.kind("a:b") == "any"
    assert lr.kind("ab") == "a"
    assert lr.kind("xb") is None


def test_lines_that_turn_away_from_a_pattern_at_their_second_or_third_character_get_the_unions_kind():
    # `LineRules` tries no pattern on a line whose next two characters none of those opening with its
    # first one can read: lines made from the table's examples with their second or third character
    # changed (to another case, a look-alike, a digit, a space) must still get what the union says
    rules = _boilerplate()
    lr = LineRules(rules, re.IGNORECASE)
    rng = random.Random(11)
    starts = ["Trang 2/5", "Page 4 of 9", "- 3 -", "12", "Người ký: A", "Ký bởi: B", "Email: a@b.vn",
              "Cơ quan: VĂN PHÒNG", "Copyright © 2024", "Chia sẻ", "Tags: x", "Tin liên quan", "Thứ Năm, 20/11/2025",
              "Hotline: 0243", "Văn bản gốc", "CÔNG BÁO/Số 45/Ngày 05-01-2024", "## Văn bản liên quan",
              "Cảm ơn đã dùng abc.vn"]
    swaps = "aAáÁsSſkK\u212aiIıİ 0-:/.#rRhHơƠ\u00a0"
    lines = []
    for s in starts:
        for _ in range(40):
            k = rng.choice([1, 2])
            if len(s) > k:
                lines.append(s[:k] + rng.choice(swaps) + s[k + 1:])
    assert {lr.kind(line) for line in lines} - {None}          # some still match
    for line in lines:
        assert lr.kind(line) == _union_kind(rules, line, re.IGNORECASE), line


@pytest.mark.parametrize("pattern, heads", [
    (r"x(?:ab|c)?d", {("x", "d"), ("x", "c", "d"), ("x", "a", "b")}),       # an optional group: with and without
    (r"a*b", {("b",), ("a", "b"), ("a", "a", "b"), ("a", "a", "a")}),       # a repeat: none, one, more
    (r"(?-i:Cơ)\s*:", {("(?-i:C)", "(?-i:ơ)", r"[\s]"), ("(?-i:C)", "(?-i:ơ)", ":")}),   # its own case rule
    (r"(?=a)ab", {("a", "b")}),                                              # an assertion reads no character
    (r"(a)\1", None),                                                        # a back-reference: not worked out
])
def test_the_first_three_characters_a_pattern_can_open_with(pattern, heads):
    assert _prefixes(_sre.parse(pattern, re.IGNORECASE), 3) == heads


def _key(line: str) -> str:
    """A line as normalization classifies it: its spaces, and emphasis marks at its ends, dropped."""
    s = line.strip()
    return s.strip("*_").strip() if s[:1] in "*_" or s[-1:] in "*_" else s


def test_furniture_lines_holds_every_line_the_table_names():
    # `furniture_lines` rules lines out in one scan of the text: a line the table names (once its spaces
    # and marks at the ends are dropped) must never be ruled out, and most lines of prose are
    rng = random.Random(13)
    dress = ["", " ", "  ", "*", "**", "_", "* ", " **", "\u00a0", "\t", "__ "]
    lines = ["".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 4))) for _ in range(3000)]
    lines = [rng.choice(dress) + line + rng.choice(dress) for line in lines]
    lines += ["1", "* *", "1", "**2**", "*6*", "- 3 -", "\u212aý bởi: A", "\u017fố 5", "٣", "Tin khác", "x"]
    prose = ["Thực hiện nghiêm túc Chỉ thị này.", "Đẩy mạnh cải cách hành chính.",
             "Ủy ban nhân dân tỉnh giao Sở Y tế chủ trì."]
    lines += prose
    found = furniture_lines("\n".join(lines), line_starts(lines))
    named = {k for k, line in enumerate(lines) if classify_stripped(_key(line))}
    assert len(named) > 100
    assert named <= found
    assert not {k for k, line in enumerate(lines) if line in prose} & found


@pytest.mark.parametrize("rules, line", [
    ([("a", r"[\S]x")], "ẞx"),              # a class no character is named by: tried on any first character
    ([("a", r"\dz")], "٣z"),                # a digit of another script
    ([("loose", r".*\bend")], "the end"),   # opens anywhere, needs no character: every line
    ([("k", r"kelvin")], "\u212aelvin"),    # the Kelvin sign, a k when case is ignored
    ([("sig", r".*Ký bởi\s*:.*")], "CHINHPHU.VN\u212aÝ BỞI : A"),     # the words a loose pattern reads
    ([("sig", r".*Ký bởi\s*:.*"), ("two", r".*(?:x|y):.*")], "ab y: c"),   # a pattern that reads no word
])
def test_lines_named_hold_the_lines_odd_rules_name(rules, line):
    lr = LineRules(rules, re.IGNORECASE)
    assert lr.kind(line) is not None
    assert lr.lines_named("Thực hiện.\n" + line + "\nx", [0, 11, 12 + len(line)]) >= {1}


def test_a_line_with_the_characters_but_not_the_words_of_a_loose_pattern_is_ruled_out():
    lr = LineRules([("sig", r".*Thời gian ký\s*:.*")], re.IGNORECASE)
    lines = ["Nội dung: triển khai kế hoạch", "Thời gian: quý II", "CHINHPHU.VNTHỜI GIAN KÝ: 10.04.2025"]
    assert lr.lines_named("\n".join(lines), line_starts(lines)) == {2}


@pytest.mark.parametrize("rules", [
    _boilerplate(),
    [("note", r"\*\s*Ghi chú.*"), ("page", r"Trang \d+")],      # one opens with a mark a line's key is read without
    [("num", r"\s+\d+"), ("k", r"kelvin")],                   # one with a space; a k in another case (the Kelvin sign)
    [("digit", r"\dz")],                                      # a digit of another script: no class names it
])
def test_lines_named_by_first_characters_are_those_the_openings_match_at(rules):
    # `lines_named` tries `openings` only on a line whose first character, or a space or mark before it,
    # `may_open` reads: the lines it names are those a scan of the whole text with `openings` finds
    lr = LineRules(rules, re.IGNORECASE)
    rng = random.Random(7)
    dress = ["", " ", "  ", "*", "**", "_", "* ", " **", "\u00a0", "\t", "__ ", "*\u00a0_"]
    pieces = _PIECES + ["* Ghi chú", "Ghi chú", " 12", "\u212aelvin", "kelvin", "٣z", "3z", "Trang 4"]
    lines = [rng.choice(dress) + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 3))) + rng.choice(dress)
             for _ in range(3000)] + ["", "*", " ", "x"]
    source, starts = "\n".join(lines), line_starts(lines)
    at = {bisect_right(starts, m.start()) - 1 for m in lr.openings().finditer("\n" + source)}
    assert len(at) > 100
    assert lr.lines_named(source, starts) == at | lr.lines_named(source, starts, re.compile("(?!)"))
