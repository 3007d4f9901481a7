"""`LineRules` and `guarded` give the answers of the patterns they stand for: the kind of the first
whole-line pattern that matches, the same match object spans as the pattern itself."""
import random
import re
import tomllib

import pytest

from pipeline.read.boilerplate import classify_stripped
from pipeline.read.linerules import LineRules, guarded
from pipeline.read.paragraphs import MANGLED_MARKER_RE, MARKER_RE
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


@pytest.mark.parametrize("rx", [MARKER_RE, MANGLED_MARKER_RE, re.compile(r"(?:Số|SỐ)\s*\d|V/v\b"),
                                re.compile(r"\bKính gửi", re.I), re.compile(r"x?y*")])
def test_guarded_patterns_match_as_the_pattern_does(rx):
    g = guarded(rx)
    rng = random.Random(11)
    alphabet = list("1234567890.)(-–+•*_~»«=ab đĐIVXLCSsốỐ") + ["Điều ", "Chương ", "V/v", "Kính gửi", "Số "]
    samples = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8))) for _ in range(4000)]
    for s in samples:
        a, b = rx.match(s), g.match(s)
        assert (a and (a.span(), a.groups())) == (b and (b.span(), b.groups())), s


def test_a_pattern_that_can_match_nothing_is_left_as_it_is():
    rx = re.compile(r"x?y*")
    assert guarded(rx) is rx
