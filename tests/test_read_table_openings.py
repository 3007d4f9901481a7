"""A text in which no line can open a flattened task table is not read line by line for one
(`flat_heads.opens_a_table`): the scan must find every line `rebuild_flat_tables` may open a table at
or cut a glued heading from, however the line is dressed, and a text it rules out must read the same."""
import random
import unicodedata

import pytest

from pipeline.read import text
from pipeline.read.chars import view
from pipeline.read.flat_heads import (
    GLUED_NUMBER_HEAD,
    HEAD_MAX,
    _short_enough,
    opens_a_table,
    plain,
    table_opening_lines,
    table_openings,
)
from pipeline.tasks import column_patterns

from .conftest import from_source

# (from source: a compiled `read_text` calls its own `table_opening_lines`, which no monkeypatch reaches)
text_mod = from_source(text)


def _every_line(monkeypatch) -> list:
    """`table_opening_lines` patched to None (every line is tried); the list of its calls."""
    calls = []
    monkeypatch.setattr(text_mod, "table_opening_lines", lambda _: calls.append(1))
    return calls


def _opens(line: str) -> bool:
    """What `rebuild_flat_tables` tests a line with before it opens a table or cuts a glued heading."""
    v = view(line)
    if len(v) > HEAD_MAX and "*" not in v and len(v.strip()) > HEAD_MAX:
        return False
    t0 = plain(v)
    number, content = column_patterns()["number"], column_patterns()["content"]
    return bool(len(t0) <= HEAD_MAX and GLUED_NUMBER_HEAD.match(t0)
                or 0 < len(t0) <= HEAD_MAX and (len(t0) <= 12 and number.search(t0) or content.match(t0)))


@pytest.mark.parametrize("line", [
    "TT", "STT", "Số TT", "Số thứ tự", "TT.", "  TT  ", "**TT**", "* * TT", "TT Nội dung", "Số\u00a0TT",
    "Nội dung", "NỘI DUNG CÔNG VIỆC", "nội dung", "**Nội** dung", "Nội**dung", "Nội\u00a0\u00a0dung",
    "\u0422\u0422", "\u0421ông việc", "Tên nhiệm vụ", "Công  việc", "\u200bHoạt động", "Hoạt\u00adđộng",
])
def test_a_heading_however_dressed_is_found(line):
    assert _opens(line), line          # (the made-up heading does open a table's headings)
    text = "Ủy ban nhân dân tỉnh giao các sở thực hiện.\n" + line + "\nSở Tài chính"
    assert opens_a_table(text)
    assert opens_a_table("Trang 1\f" + line + "\nx")        # a form feed opens its page's first line


@pytest.mark.parametrize("text", [
    "Thực hiện nghiêm túc Chỉ thị này.\nSở Y tế chủ trì.",
    "Các sở, ngành thực hiện công việc được giao, bảo đảm tiến độ và chất lượng, báo cáo kết quả.",
    "nội dung kế hoạch được triển khai đến các cơ quan, đơn vị, địa phương trong toàn tỉnh năm 2025",
])
def test_prose_opens_no_table(text):
    assert not opens_a_table(text)


def test_made_up_lines_that_open_a_table_are_never_ruled_out():
    rng = random.Random(17)
    pieces = ["TT", "Số", " ", "  ", "*", "**", "\u00a0", "\u0422", "Nội", "dung", "nội", "Nhiệm", "vụ", "Tên", "Công",
              "việc", "Hoạt", "động", ".", ":", "S", "thứ", "tự", "x", "Sở Y tế", "\t", "\u200b", "1", "a" * 40]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 6))) for _ in range(20000)]
    opening = [line for line in lines if _opens(line)]
    assert len(opening) > 50
    for line in opening:
        assert opens_a_table("Sở Tài chính chủ trì, phối hợp với các sở.\n" + line + "\n"), repr(line)
    assert sum(not opens_a_table(line) for line in lines) > 1000


def test_a_text_ruled_out_reads_as_when_every_line_is_tried(monkeypatch):
    text = ("CHỈ THỊ\nVề công tác\nNội dung của kế hoạch được triển khai trong toàn tỉnh, bảo đảm hiệu quả.\n\n"
            "1. Sở Y tế chủ trì.\n2. Công an tỉnh phối hợp.\n\fTrang 2\nSố lượng: 5\n")
    assert unicodedata.is_normalized("NFC", text) and not opens_a_table(text)
    ruled_out = text_mod.read_text(text)
    calls = _every_line(monkeypatch)
    tried = text_mod.read_text(text)
    assert calls and _lines(ruled_out) == _lines(tried)


def _lines(raw):
    return [[(ln.text, ln.raw_offset, ln.cell, ln.style) for ln in p.lines] for p in raw.pages]


# a flattened table (headings, a group glued to its number, rows), a heading glued to the number's
# (`TT Nội dung`, cut in two), a page break inside the table, a pipe table before it
_ROWS = ("Cơ quan chủ trì\nCơ quan phối hợp\nThời gian thực hiện\nI\nNÂNG CAO NHẬN THỨC\n1\n"
         "Tổ chức tuyên truyền về chuyển\nđổi số.\nSở Văn hóa,\nThể thao và Du lịch\nCác cơ quan báo chí\n"
         "Thường xuyên\n2\nXây dựng tài liệu.\nSở Nội vụ\nQuý III/2025\n\nIII. TỔ CHỨC THỰC HIỆN\n")
_PROSE = ("Ủy ban nhân dân tỉnh giao các sở thực hiện nội dung sau.\nnội dung tại điểm a nêu trên.\n\n"
          "Các sở, ngành thực hiện công việc được giao, bảo đảm tiến độ và chất lượng, báo cáo kết quả.\n\n")


@pytest.mark.parametrize("text", [
    _PROSE + "TT\nNhiệm vụ\n" + _ROWS,
    _PROSE + "TT Nhiệm vụ\n" + _ROWS,
    _PROSE + "TT\nNhiệm vụ\n" + _ROWS.replace("2\nXây", "\fTrang 2\nTT\nNhiệm vụ\n2\nXây"),
    "| Số | Ngày |\n|---|---|\n| 1 | 2 |\n" + _PROSE + "Số TT\nNội dung\n" + _ROWS,
    _PROSE.replace("sau.", "sau:\f") + "TT\nNhiệm vụ\n" + _ROWS + "\fTT\nNội dung",
])
def test_only_the_lines_the_scan_finds_are_tried_and_the_table_reads_the_same(monkeypatch, text):
    found = text_mod.read_text(text)
    assert any(ln.cell is not None for p in found.pages for ln in p.lines)     # (the table is read)
    calls = _every_line(monkeypatch)
    assert _lines(found) == _lines(text_mod.read_text(text)) and calls


def test_the_lines_tried_by_their_first_two_characters_are_those_a_scan_of_the_text_finds():
    # `table_opening_lines` tries `table_openings` only on a line whose first two characters past its
    # blanks may open a heading (`_first_two`): the lines it keeps are those one scan of the whole text finds
    rng = random.Random(23)
    pieces = ["TT", "Số", " ", "  ", "*", "**", "\u00a0", "\u0422", "Nội", "dung", "nội", "Nhiệm", "vụ", "Tên", "Công",
              "việc", "Hoạt", "động", ".", ":", "S", "T", "N", "thứ", "tự", "x", "Sở Y tế", "\t", "\u200b", "1", "\f"]
    lines = ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 5))) for _ in range(5000)] + ["", "T", "*"]
    source = "\n".join(lines)
    src = "\n" + source.replace("\f", "\n")
    scan = [m.start() for m in table_openings().finditer(src) if _short_enough(src, m)]
    assert len(scan) > 200
    assert table_opening_lines(source) == scan
