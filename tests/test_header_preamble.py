"""A scraped page's preamble (the site's metadata table, a news summary with numbered points of its
own) before the document's header block: the header and the body are read from the block
(pipeline/header/preamble.py).  Made-up pages."""
from pipeline import extract

SITE = ("Số hiệu: | 12/2025/TT-BXY\n\nLoại văn bản: | Thông tư | Nơi ban hành: | Bộ Xây dựng\n\n"
        "## Quy định mới về giá dịch vụ kiểm định từ 01/01/2026\n\n"
        "Ngày 02/12/2025, Bộ trưởng Bộ Xây dựng ban hành Thông tư quy định giá dịch vụ. Theo đó, "
        "nguyên tắc xác định giá như sau:\n\n(1) Giá cụ thể do đơn vị tự định giá.\n\n"
        "(2) Giá chưa bao gồm thuế giá trị gia tăng, báo cáo trước ngày 15/01/2026.\n\n"
        "Xem chi tiết Thông tư có hiệu lực từ 01/01/2026.\n\n")
HEADER = ("BỘ XÂY DỰNG\n-------\n\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\n"
          "Số: 12/2025/TT-BXD\n\nHà Nội, ngày 02 tháng 12 năm 2025\n\nTHÔNG TƯ\n\n"
          "QUY ĐỊNH GIÁ DỊCH VỤ KIỂM ĐỊNH\n\nCăn cứ Luật Giá ngày 19 tháng 6 năm 2023;\n\n"
          "Điều 1. Phạm vi điều chỉnh\n\nThông tư này quy định giá dịch vụ.\n\n"
          "Điều 2. Tổ chức thực hiện\n\nCục Đăng kiểm chủ trì, báo cáo trước ngày 30/6/2026.\n")


def test_the_header_is_read_from_the_block_after_a_news_summary():
    r = extract(SITE + HEADER, path="page.md")
    h = r.header
    assert (h.symbol, h.date, h.place, h.doc_type) == ("12/2025/TT-BXD", "2025-12-02", "Hà Nội", "Thông tư")
    assert h.title == "Quy định giá dịch vụ kiểm định"
    assert [(t.path, t.label) for t in r.tasks] == [("1", "Điều 1."), ("2", "Điều 2.")]   # no (1), (2)
    assert [d.value for t in r.tasks for d in t.deadlines] == ["2026-06-30"]
    assert r.body_span[0] > r.text.index("Hà Nội, ngày 02")


def test_a_motto_without_a_header_block_under_it_leaves_the_page_as_it_is():
    # a news article quoting a form: the motto has no `Số` line and no type line under it
    article = ("## Mẫu phiếu bầu mới nhất\n\nNgày 02/12/2025, Bộ Nội vụ hướng dẫn như sau:\n\n"
               "1. Người bầu ghi rõ họ tên.\n\n2. Ủy ban bầu cử kiểm phiếu.\n\n"
               "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc\n\nPHIẾU BẦU\n\nHọ và tên: ......\n")
    r = extract(article, path="news.md")
    assert r.header.title != "Phiếu bầu" and [t.path for t in r.tasks][:2] == ["1", "2"]
    assert r.body_span[0] < r.text.index("1. Người bầu")
