"""The task tree holds whatever surface a document arrives in (issue 13): emphasis from a scrape,
lost line breaks, wrapped lines, no header.  Every document here is made up."""
from pipeline import extract

HEAD = "Số: 12/CT-UBND\nCHỈ THỊ\nVề tăng cường công tác phòng cháy\n"


def tree(text: str) -> list[tuple[str, str]]:
    """(path, first words) of each node."""
    return [(t.path, " ".join(t.text.split()[:3])) for t in extract(text).tasks]


def test_emphasis_around_markers_and_headings():
    doc = HEAD + ("**II. TỔ CHỨC THỰC HIỆN**\n\n"
                  "**1. **Sở Xây dựng rà soát các công trình cao tầng.\n\n"
                  "** 1.1. **Kiểm tra hệ thống báo cháy.\n\n"
                  "*a)* Lập danh sách công trình.\n\n"
                  "**2**.\nSở Tài chính bố trí kinh phí.\n")
    assert tree(doc) == [("1", "TỔ CHỨC THỰC"), ("1.1", "Sở Xây dựng"), ("1.1.1", "Kiểm tra hệ"),
                         ("1.1.1.1", "Lập danh sách"), ("1.2", "Sở Tài chính")]
