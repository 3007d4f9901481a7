"""Issue 14's deadline constructions, one made-up item each, run through the whole pipeline (`extract`)."""
import pytest

from pipeline import extract

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\nSố: 12/KH-UBND\nTiền Giang, ngày 10 tháng 3 năm 2025\n"
        "KẾ HOẠCH\nVề phòng chống thiên tai\n")


def deadlines(item):
    doc = extract(HEAD + "1. " + item + "\n")
    assert [t.path for t in doc.tasks] == ["1"]
    return [(d.kind, d.value) for d in doc.tasks[0].deadlines]


@pytest.mark.parametrize("item,expected", [
    ("Báo cáo vào ngày 20 của tháng cuối quý.", [("recurring", "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20")]),
    ("Gửi báo cáo đúng ngày mồng 5 hằng tháng.", [("recurring", "FREQ=MONTHLY;BYMONTHDAY=5")]),
    ("Kiểm tra thiệt hại ngay sau khi bão tan.", [("relative", None)]),
    ("Khơi thông dòng chảy ngay khi hết mưa.", [("relative", None)]),
    # before a document is submitted or issued (no offset), the mirror of `sau khi ... ban hành`
    ("Lấy ý kiến các sở, ngành trước khi trình UBND tỉnh phê duyệt.", [("relative", None)]),
    # on request: the request is the event (no offset)
    ("Cung cấp số liệu thiệt hại cho Ban Chỉ huy khi có yêu cầu.", [("relative", None)]),
    ("Rà soát quy định sau khi Nghị định thay thế Nghị định 15 ban hành.", [("relative", None)]),
    ("Thực hiện từ Quý III năm 2026 và các năm tiếp theo.", [("period", "2026-07-01/..")]),
    ("Duy trì mô hình Quý III năm 2026 và các năm tiếp theo.", [("period", "2026-07-01/..")]),
    ("Triển khai trong giai đoạn 2027-2030 và các năm sau.", [("period", "2027-01-01/..")]),
    ("Từ nay đến tháng 9/2026, hoàn thành rà soát.", [("period", "2025-03-10/2026-09-30")]),
    # variants the issue does not list
    ("Thời gian: Thường xuyên", [("ongoing", None)]),
    ("Hoàn thành trong tháng 6/2026.", [("period", "2026-06-01/2026-06-30")]),
    ("Báo cáo trước ngày 15/12 hằng năm.", [("recurring", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15")]),
    ("Định kỳ 6 tháng báo cáo kết quả.", [("recurring", "FREQ=MONTHLY;INTERVAL=6")]),
    ("Hoàn thành chậm nhất ngày 30/6/2026.", [("date", "2026-06-30")]),
    ("Tháng 6-7/2026 tổ chức kiểm tra.", [("period", "2026-06-01/2026-07-31")]),
    ("Thời gian: 2026-2030", [("period", "2026-01-01/2030-12-31")]),
    ("Thời gian thực hiện: Quý II/2026", [("period", "2026-04-01/2026-06-30")]),
    ("Tổ chức nạo vét từ ngày 08 đến ngày 10 tháng 12 năm 2025.", [("period", "2025-12-08/2025-12-10")]),
    ("Tổng hợp kết quả từ ngày 16 đến ngày 31 tháng 12 hằng năm.",
     [("recurring", "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=31")]),
    # a count of days before an event: after it ("trước 05 ngày") or before it, after a limit's cue
    ("Thông báo cho người ứng cử trước 05 ngày.", [("relative", "-P5D")]),
    ("Gửi giấy triệu tập chậm nhất 07 ngày làm việc trước ngày họp.", [("relative", "-P7D")]),
    ("Khân trương rà soát hồ sơ.", [("ongoing", None)]),
    # a far year sets a target, or restates the programme's horizon
    ("Phấn đấu đến năm 2030, 100% xã có trạm y tế đạt chuẩn.", [("date", "2030-12-31")]),
    ("Đề xuất nhu cầu vốn tín dụng từng năm và đến năm 2030.", []),
    # not deadlines
    ("Bố trí kế hoạch vốn hằng năm cho dự án.", []),
    ("Trong 6 tháng đầu năm 2024, tỉnh đã giải ngân 40%.", []),
    ("Tình trạng xử lý không kịp thời còn xảy ra.", []),
    ("Khi có yêu cầu của Ban Chỉ huy, các xã đã cử lực lượng ứng cứu.", []),
    ("Các hồ sơ đã được cấp trước khi Quy định này được ban hành vẫn còn giá trị.", []),
    ("Rà soát các bước trước khi công khai quy trình ứng phó.", []),
    ("Kế hoạch thực hiện giai đoạn 2025-2030 trên địa bàn tỉnh.", []),
    ("Kế hoạch này có hiệu lực thi hành kể từ ngày 01/4/2025.", []),
    ("Hỗ trợ người đang hưởng trợ cấp mất sức lao động hằng tháng.", []),
])
def test_deadline_construction(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    ("Thời gian: 2026", [("period", "2026-01-01/2026-12-31")]),
    ("Hạn hoàn thành: 15/8/2026", [("date", "2026-08-15")]),
    ("Thời gian: Hàng tháng, quý, năm", [("recurring", "FREQ=MONTHLY"), ("recurring", "FREQ=MONTHLY;INTERVAL=3"),
                                         ("recurring", "FREQ=YEARLY")]),
])
def test_table_cell_forms(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    # a month or a quarter is never part of a name: after a cited symbol or a name word it is the task's
    ("Quán triệt Chỉ thị số 05-CT/TU của Ban Thường vụ Tỉnh ủy hoàn thành trong quý II/2025.",
     [("period", "2025-04-01/2025-06-30")]),
    ("Trình phê duyệt Dự án cải tạo đê biển trong tháng 5/2025.", [("period", "2025-05-01/2025-05-31")]),
    # ... but the time another document is issued is not, nor a name's term ending on a day
    ("Bổ sung chỉ tiêu khi Luật Quản lý thuế được thông qua vào tháng 12/2025.", []),
    ("Quyết định số 10/QĐ-UBND có hiệu lực từ ngày 01/4/2025 đến hết ngày 31/12/2026.", []),
    ("Triển khai Nghị quyết số 57-NQ/TW về phát triển khoa học đến năm 2030.", []),
])
def test_month_or_quarter_after_a_name(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    # months that follow each other, the year said once: one stretch (as `Quý I, II/2015`)
    ("Thời gian: Tháng 10, tháng 11/2025", [("period", "2025-10-01/2025-11-30")]),
    ("Tổ chức tuyên truyền trong tháng 4 và tháng 5 năm 2025.", [("period", "2025-04-01/2025-05-31")]),
    # ... not months apart, nor a list naming when something else happened
    ("Hỗ trợ các hộ bị thiệt hại do mưa lũ tháng 10, tháng 11 năm 2025.", []),
    # days of one month, the month said once
    ("Tổ chức kiểm tra từ ngày 01 đến ngày 15/4/2025.", [("period", "2025-04-01/2025-04-15")]),
    ("Thời gian: Ngày 15-16/5/2025", [("period", "2025-05-15/2025-05-16")]),
])
def test_lists_of_months_and_days(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    # the end of the year after a cue, the year left out: the document's year
    ("Tổng hợp, báo cáo UBND tỉnh vào cuối năm.", [("date", "2025-12-31")]),
    ("Lũy kế đến cuối năm có 16 dự án được vận hành.", []),
])
def test_year_end_in_running_text(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    # a fraction of a measured quantity (models/deadlines.toml fraction_nouns), not a day and a month
    ("Hỗ trợ cây con (gieo trồng đến 1/3 thời gian sinh trưởng): 2.000.000 đồng/ha.", []),
    ("Hỗ trợ cây đang phát triển (trên 1/3 đến 2/3 thời gian sinh trưởng).", []),
    ("Kẻ đường liền có độ dài bằng từ 1/3 đến 1/2 độ dài dòng chữ.", []),
    ("Trồng rừng mới đến 1/2 chu kỳ khai thác thì hỗ trợ 50%.", []),
    # a day and a month before other words stays a date
    ("Sở Tài chính báo cáo trước 15/6 cho Ủy ban nhân dân tỉnh.", [("date", "2025-06-15")]),
    ("Hoàn thành trước 1/3, thời gian còn lại dành cho tổng kết.", [("date", "2025-03-01")]),
    # a date that a measured noun follows: after `ngày`, or no proper fraction of one digit each
    ("Báo cáo kết quả trước ngày 15/6 tổng số ca bệnh.", [("date", "2025-06-15")]),
    ("Hoàn thành trước 30/6 số lượng hồ sơ tồn đọng.", [("date", "2025-06-30")]),
    ("Báo cáo trước ngày 1/3 tổng số hộ nghèo.", [("date", "2025-03-01")]),
    # ... or after a due cue: a task is due before a day, not before a share
    ("Hoàn thành trước 1/7 số lượng hồ sơ tồn đọng.", [("date", "2025-07-01")]),
    ("Chậm nhất 1/9 số lượng thiết bị phải được bàn giao.", [("date", "2025-09-01")]),
])
def test_a_fraction_is_no_date(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    # a negation a few words before the adverb, in its clause, tells a shortcoming
    ("Việc kiểm tra chưa được tiến hành thường xuyên.", []),
    ("Việc xử lý vi phạm không được thực hiện kịp thời.", []),
    ("Đối với nội dung chưa thể giải quyết ngay, phải có phương án xử lý.", []),
    # not a goal or a duty beside it
    ("Không ngừng nâng cao chất lượng, thường xuyên kiểm tra.", [("ongoing", None)]),
    ("Các sở không chỉ tuyên truyền mà còn thường xuyên kiểm tra.", [("ongoing", None)]),
])
def test_a_negated_verb_makes_no_ongoing_deadline(item, expected):
    assert deadlines(item) == expected


@pytest.mark.parametrize("item,expected", [
    # a day and a month, then the year spelt with `năm`
    ("Hoàn thành trước ngày 30/6 năm 2025.", [("date", "2025-06-30")]),
    ("Tổ chức từ 20/4 đến 7/5 năm 2025.", [("period", "2025-04-20/2025-05-07")]),
    # a stage after a time label
    ("Thời gian thực hiện: giai đoạn 2026-2030.", [("period", "2026-01-01/2030-12-31")]),
])
def test_mixed_date_forms(item, expected):
    assert deadlines(item) == expected
