"""Deadline grammar: a table of surface forms, the examples of models/deadlines.toml, spans, stage."""
from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.deadlines.grammar import anchor_matches
from pipeline.deadlines.stage import deadlines_stage, find_deadlines, load_grammar
from pipeline.model import Document, Header, Source, Task

REF = dt.date(2024, 3, 1)

# (text, expected [(kind, value, inferred)], ref); ref None -> REF.
P = "period"
D = "date"
R = "recurring"
REL = "relative"
ONG = "ongoing"

POSITIVE = [
    # --- dates with a cue ------------------------------------------------------------------------
    ("trước ngày 15/6/2024", [(D, "2024-06-15", False)]),
    ("trước ngày 15/06/2024", [(D, "2024-06-15", False)]),
    ("trước ngày 5/6/2024", [(D, "2024-06-05", False)]),
    ("trước ngày 30 tháng 5 năm 2024", [(D, "2024-05-30", False)]),
    ("trước ngày 05 tháng 3 năm 2025", [(D, "2025-03-05", False)]),
    ("Trước ngày 30/6/2024", [(D, "2024-06-30", False)]),
    ("TRƯỚC NGÀY 30/6/2024", [(D, "2024-06-30", False)]),
    ("chậm nhất ngày 14.12.2024", [(D, "2024-12-14", False)]),
    ("chậm nhất ngày 26-4-2024", [(D, "2024-04-26", False)]),
    ("chậm nhất là ngày 15 tháng 4 năm 2025", [(D, "2025-04-15", False)]),
    ("chậm nhất trước ngày 30/7/2024", [(D, "2024-07-30", False)]),
    ("chậm nhất là trước ngày 30/7/2024", [(D, "2024-07-30", False)]),
    ("hạn chót 30/9/2024", [(D, "2024-09-30", False)]),
    ("hạn chót là ngày 30/9/2024", [(D, "2024-09-30", False)]),
    ("hoàn thành trước ngày 31/12/2024", [(D, "2024-12-31", False)]),
    ("hoàn thành dứt điểm trước ngày 31/12/2025", [(D, "2025-12-31", False)]),
    ("xong trước ngày 10/11/2024", [(D, "2024-11-10", False)]),
    ("báo cáo kết quả trước ngày 20/3/2024 để tổng hợp", [(D, "2024-03-20", False)]),
    ("trước ngày 15/6", [(D, "2024-06-15", True)]),
    ("trước ngày 15 tháng 6", [(D, "2024-06-15", True)]),
    ("Trước 20/6", [(D, "2024-06-20", True)]),
    ("Trước\n20/12", [(D, "2024-12-20", True)]),
    ("xong trước 30/9", [(D, "2024-09-30", True)]),
    ("vào ngày 19 tháng 12 năm 2025", [(D, "2025-12-19", False)]),
    ("dịp 19 tháng 12 năm 2025", [(D, "2025-12-19", False)]),
    ("tổ chức vào ngày 12/7/2024", [(D, "2024-07-12", False)]),
    ("Tổ chức tập huấn ngày 11/7/2024.", [(D, "2024-07-11", False)]),
    ("trước tháng 6 năm 2025", [(D, "2025-05-31", False)]),
    ("trước tháng 6/2024", [(D, "2024-05-31", False)]),
    ("hoàn thành trước tháng 12", [(D, "2024-11-30", True)]),
    ("trước quý III/2024", [(D, "2024-06-30", False)]),
    ("trước năm 2026", [(D, "2025-12-31", False)]),
    ("phấn đấu đến năm 2030", [(D, "2030-12-31", False)]),
    ("đến hết năm 2026", [(D, "2026-12-31", False)]),
    ("đến hết năm 2025", [(D, "2025-12-31", False)]),
    ("mục tiêu tới năm 2030", [(D, "2030-12-31", False)]),
    ("đến hết ngày 31/12/2024", [(D, "2024-12-31", False)]),
    ("đến hết quý II/2024", [(D, "2024-06-30", False)]),
    ("đến tháng 9/2024", [(D, "2024-09-30", False)]),
    ("Mục tiêu đến năm 2030", [(D, "2030-12-31", False)]),
    ("giữa tháng 12 năm 2025", [(D, "2025-12-15", False)]),
    ("cuối tháng 6/2024", [(D, "2024-06-30", False)]),
    ("vào cuối quý II/2024", [(D, "2024-06-30", False)]),
    ("cuối năm 2024", [(D, "2024-12-31", False)]),
    ("Cuối năm", [(D, "2024-12-31", True)]),
    ("Cuối năm, báo cáo kết quả về Vụ Pháp chế.", [(D, "2024-12-31", True)]),
    ("Thời gian thực hiện: Ngày 09/11/2024", [(D, "2024-11-09", False)]),
    ("Thời hạn: 30/6/2024", [(D, "2024-06-30", False)]),
    # --- periods ---------------------------------------------------------------------------------
    ("trong tháng 12/2025", [(P, "2025-12-01/2025-12-31", False)]),
    ("trong tháng 5 năm 2025", [(P, "2025-05-01/2025-05-31", False)]),
    ("trong tháng 2/2028", [(P, "2028-02-01/2028-02-29", False)]),
    ("trong tháng 02/2025", [(P, "2025-02-01/2025-02-28", False)]),
    ("hoàn thành trong tháng 5 năm 2025", [(P, "2025-05-01/2025-05-31", False)]),
    ("trong tháng 4", [(P, "2024-04-01/2024-04-30", True)]),
    ("vào tháng 10", [(P, "2024-10-01/2024-10-31", True)]),
    ("trong quý II/2024", [(P, "2024-04-01/2024-06-30", False)]),
    ("quý II/2024", [(P, "2024-04-01/2024-06-30", False)]),
    ("Quý III Năm 2026", [(P, "2026-07-01/2026-09-30", False)]),
    ("Quý I năm 2024", [(P, "2024-01-01/2024-03-31", False)]),
    ("quý IV năm 2024", [(P, "2024-10-01/2024-12-31", False)]),
    ("quí 1", [(P, "2024-01-01/2024-03-31", True)]),
    ("quý 3/2024", [(P, "2024-07-01/2024-09-30", False)]),
    ("Quý II, III/2024", [(P, "2024-04-01/2024-09-30", False)]),
    ("Quý II và III/2024", [(P, "2024-04-01/2024-09-30", False)]),
    ("Quý I, II/2024", [(P, "2024-01-01/2024-06-30", False)]),
    ("Quý IV/2025- Quý II/2026", [(P, "2025-10-01/2026-06-30", False)]),
    ("trong năm 2024", [(P, "2024-01-01/2024-12-31", False)]),
    ("hoàn thành trong năm 2025", [(P, "2025-01-01/2025-12-31", False)]),
    ("Cả năm 2024", [(P, "2024-01-01/2024-12-31", False)]),
    ("Cả năm", [(P, "2024-01-01/2024-12-31", True)]),
    ("hoàn thành trong năm.", [(P, "2024-01-01/2024-12-31", True)]),
    ("6 tháng đầu năm", [(P, "2024-01-01/2024-06-30", True)]),
    ("6 tháng đầu năm 2024", [(P, "2024-01-01/2024-06-30", False)]),
    ("sáu tháng cuối năm 2024", [(P, "2024-07-01/2024-12-31", False)]),
    ("trong 6 tháng cuối năm", [(P, "2024-07-01/2024-12-31", True)]),
    ("9 tháng đầu năm 2024", [(P, "2024-01-01/2024-09-30", False)]),
    ("từ ngày 25/5 đến ngày 15/6/2024", [(P, "2024-05-25/2024-06-15", False)]),
    ("từ ngày 01 tháng 4 năm 2024 đến ngày 30 tháng 4 năm 2024", [(P, "2024-04-01/2024-04-30", False)]),
    ("Từ tháng 7/2024 đến ngày 31/12/2024", [(P, "2024-07-01/2024-12-31", False)]),
    ("từ tháng 3 đến tháng 5/2024", [(P, "2024-03-01/2024-05-31", False)]),
    ("từ năm 2026 đến năm 2030", [(P, "2026-01-01/2030-12-31", False)]),
    ("từ 15/3 - 30/4", [(P, "2024-03-15/2024-04-30", True)]),
    ("Từ nay đến hết năm 2025", [(P, "2024-03-01/2025-12-31", False)]),
    ("từ quý II/2024 đến quý IV/2024", [(P, "2024-04-01/2024-12-31", False)]),
    ("năm 2025 và các năm tiếp theo", [(P, "2025-01-01/..", False)]),
    ("từ năm 2025 trở đi", [(P, "2025-01-01/..", False)]),
    ("từ năm 2025 và các năm tiếp theo", [(P, "2025-01-01/..", False)]),
    ("từ tháng 6/2024", [(P, "2024-06-01/..", False)]),
    ("trong giai đoạn 2026-2030", [(P, "2026-01-01/2030-12-31", False)]),
    ("trong giai đoạn từ năm 2024 đến năm 2025", [(P, "2024-01-01/2025-12-31", False)]),
    ("Thời gian: năm 2025", [(P, "2025-01-01/2025-12-31", False)]),
    ("Tháng 1", [(P, "2024-01-01/2024-01-31", True)]),
    ("Tháng 12/2025", [(P, "2025-12-01/2025-12-31", False)]),
    ("| Tháng 5 |", [(P, "2024-05-01/2024-05-31", True)]),
    # --- recurring -------------------------------------------------------------------------------
    ("hằng năm", [(R, "FREQ=YEARLY", False)]),
    ("hàng năm", [(R, "FREQ=YEARLY", False)]),
    ("Hằng năm", [(R, "FREQ=YEARLY", False)]),
    ("mỗi năm", [(R, "FREQ=YEARLY", False)]),
    ("hằng tháng", [(R, "FREQ=MONTHLY", False)]),
    ("định kỳ hàng tháng", [(R, "FREQ=MONTHLY", False)]),
    ("hằng quý", [(R, "FREQ=MONTHLY;INTERVAL=3", False)]),
    ("hàng quí", [(R, "FREQ=MONTHLY;INTERVAL=3", False)]),
    ("hằng tuần", [(R, "FREQ=WEEKLY", False)]),
    ("Định kỳ hàng tuần", [(R, "FREQ=WEEKLY", False)]),
    ("hằng ngày", [(R, "FREQ=DAILY", False)]),
    ("định kỳ 6 tháng", [(R, "FREQ=MONTHLY;INTERVAL=6", False)]),
    ("định kỳ sáu tháng", [(R, "FREQ=MONTHLY;INTERVAL=6", False)]),
    ("định kỳ 3 tháng", [(R, "FREQ=MONTHLY;INTERVAL=3", False)]),
    ("định kỳ 02 năm", [(R, "FREQ=YEARLY;INTERVAL=2", False)]),
    ("định kỳ 6 tháng, hằng năm", [(R, "FREQ=MONTHLY;INTERVAL=6", False), (R, "FREQ=YEARLY", False)]),
    ("định kỳ 6 tháng, 01 năm", [(R, "FREQ=MONTHLY;INTERVAL=6", False), (R, "FREQ=YEARLY", False)]),
    ("trước ngày 10 hằng tháng", [(R, "FREQ=MONTHLY;BYMONTHDAY=10", False)]),
    ("trước ngày 10 hàng tháng", [(R, "FREQ=MONTHLY;BYMONTHDAY=10", False)]),
    ("Định kỳ trước ngày 10 hàng tháng, báo cáo", [(R, "FREQ=MONTHLY;BYMONTHDAY=10", False)]),
    ("vào ngày 25 mỗi tháng", [(R, "FREQ=MONTHLY;BYMONTHDAY=25", False)]),
    ("trước ngày 15/6 và 15/12 hằng năm", [(R, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15", False)]),
    ("trước ngày 20/11 hằng năm", [(R, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=20", False)]),
    ("trước ngày 30 tháng 11 hàng\nnăm", [(R, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30", False)]),
    ("hạn cuối ngày 15 tháng 12 hàng năm", [(R, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15", False)]),
    ("vào tháng 11 đến ngày 15 tháng 12 hàng năm", [(R, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15", False)]),
    ("xong trước ngày 10/11 của năm trước", [(R, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=10", False)]),
    ("Vào ngày thứ 6 tuần cuối cùng hàng tháng", [(R, "FREQ=MONTHLY;BYDAY=-1FR", False)]),
    ("thứ hai hằng tuần", [(R, "FREQ=WEEKLY;BYDAY=MO", False)]),
    ("chủ nhật hằng tuần", [(R, "FREQ=WEEKLY;BYDAY=SU", False)]),
    ("mỗi năm ít nhất 02 lần", [(R, "FREQ=MONTHLY;INTERVAL=6", False)]),
    ("4 lần/năm", [(R, "FREQ=MONTHLY;INTERVAL=3", False)]),
    ("vào 6 tháng, cuối năm", [(R, "FREQ=YEARLY;BYMONTH=6,12", False)]),
    ("sơ kết 6 tháng, tổng kết năm", [(R, "FREQ=YEARLY;BYMONTH=6,12", False)]),
    # --- relative --------------------------------------------------------------------------------
    ("trong thời hạn 30 ngày kể từ ngày ký", [(REL, "P30D", False)]),
    ("trong thời hạn 05 ngày kể từ ngày nhận đơn", [(REL, "P5D", False)]),
    ("trong vòng 10 ngày làm việc kể từ ngày nhận được", [(REL, "P10D", False)]),
    ("chậm nhất 03 tháng kể từ ngày ban hành", [(REL, "P3M", False)]),
    ("trước ngày bầu cử 10 ngày", [(REL, "-P10D", False)]),
    ("trước khi khai mạc kỳ họp ít nhất 07 ngày", [(REL, "-P7D", False)]),
    # --- ongoing ---------------------------------------------------------------------------------
    ("thường xuyên", [(ONG, None, False)]),
    ("Thường xuyên", [(ONG, None, False)]),
    ("kịp thời", [(ONG, None, False)]),
    ("khẩn trương triển khai", [(ONG, None, False)]),
    ("báo cáo ngay", [(ONG, None, False)]),
    ("triển khai ngay từ giai đoạn đầu", [(ONG, None, False)]),
    ("nhanh chóng", [(ONG, None, False)]),
    ("sớm hoàn thành", [(ONG, None, False)]),
    # --- several in one text ---------------------------------------------------------------------
    ("Khẩn trương hoàn thành trong năm 2024; báo cáo hằng tháng.",
     [(ONG, None, False), (P, "2024-01-01/2024-12-31", False), (R, "FREQ=MONTHLY", False)]),
    ("Thường xuyên kiểm tra, kịp thời xử lý", [(ONG, None, False), (ONG, None, False)]),
    ("Các sở thực hiện từ ngày 25/5 đến ngày 15/6/2024; báo cáo trước ngày 20/6/2024.",
     [(P, "2024-05-25/2024-06-15", False), (D, "2024-06-20", False)]),
    # --- a time of day before the date ----------------------------------------------------------
    ("chậm nhất là 17 giờ 00 ngày 30/4/2024", [(D, "2024-04-30", False)]),
    ("gửi về Sở trước 16h30, ngày 12/6/2024", [(D, "2024-06-12", False)]),
    ("khai mạc vào lúc 8 giờ ngày 12/7/2024", [(D, "2024-07-12", False)]),
    ("từ ngày 17/3/2024 đến 17 giờ 00, ngày 01/4/2024", [(P, "2024-03-17/2024-04-01", False)]),
    # --- a month or quarter, or a date after the frequency, every year ---------------------------
    ("Định kỳ vào tháng 11 hằng năm báo cáo Ban Thường vụ", [(R, "FREQ=YEARLY;BYMONTH=11", False)]),
    ("báo cáo cấp ủy cấp trên trong tháng 1 hàng năm", [(R, "FREQ=YEARLY;BYMONTH=1", False)]),
    ("định kỳ tháng 6 và tháng 12 hằng năm", [(R, "FREQ=YEARLY;BYMONTH=6,12", False)]),
    ("lập danh sách, xong trong quý I hằng năm", [(R, "FREQ=YEARLY;BYMONTH=1,2,3", False)]),
    ("Định kỳ hằng năm (trước ngày 30 tháng 11) gửi báo cáo", [(R, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=30", False)]),
    ("hằng năm, trước ngày 15/12, các đơn vị gửi kết quả", [(R, "FREQ=YEARLY;BYMONTH=12;BYMONTHDAY=15", False)]),
    ("Mỗi năm, ngày 26/3 là ngày truyền thống", [(R, "FREQ=YEARLY", False)]),
    # --- a list of quarters, each with its word -------------------------------------------------
    ("chưa điều chỉnh giá trong Quý I và Quý II năm 2024", [(P, "2024-01-01/2024-06-30", False)]),
    # --- OCR noise glued to a month number ------------------------------------------------------
    ("báo cáo kết quả trong tháng 7Š năm 2024.", [(P, "2024-07-01/2024-07-31", False)]),
    # --- a cell on its own line (a table flattened by a PDF extraction) ---------------------------
    ("Tổ chức hội nghị sơ kết\nTháng 7\nVăn phòng chủ trì", [(P, "2024-07-01/2024-07-31", True)]),
    # --- not history: a participle, a directing word, a new sentence ------------------------------
    ("Rà soát các dự án đã được phê duyệt, khẩn trương triển khai", [(ONG, None, False)]),
    ("khai thác các hiệp định đã ký kết, khẩn trương mở rộng thị trường", [(ONG, None, False)]),
    ("Thời gian qua, một số đơn vị còn chậm, đề nghị các sở kịp thời báo cáo", [(ONG, None, False)]),
    ("Phát huy kết quả đã đạt được, các sở tiếp tục kịp thời tháo gỡ vướng mắc", [(ONG, None, False)]),
    ("Năm qua tỉnh đã đạt nhiều kết quả. Các sở kịp thời báo cáo", [(ONG, None, False)]),
    # --- a near year bound beside a planning word is the task's ------------------------------------
    ("rà soát quy hoạch, hoàn thành đến hết năm 2025", [(D, "2025-12-31", False)]),
    ("phát động cuộc thi “Tuổi trẻ sáng tạo”, tổ chức hằng năm", [(R, "FREQ=YEARLY", False)]),
    ('các mô hình “Ngày thứ bảy tình nguyện”, "Góc phố xanh”… thường xuyên tổ chức ra quân', [(ONG, None, False)]),
    # --- once every N units; a day after the monthly frequency; from now to the year's end -------
    ("kiểm tra 6 tháng/lần", [(R, "FREQ=MONTHLY;INTERVAL=6", False)]),
    ("tổ chức diễn đàn 2 năm một lần", [(R, "FREQ=YEARLY;INTERVAL=2", False)]),
    ("Định kỳ hằng tháng, trước ngày 20, các đơn vị báo cáo", [(R, "FREQ=MONTHLY;BYMONTHDAY=20", False)]),
    ("báo cáo hằng tháng (chậm nhất ngày 25)", [(R, "FREQ=MONTHLY;BYMONTHDAY=25", False)]),
    ("tập trung cao điểm từ nay đến cuối năm", [(P, "2024-03-01/2024-12-31", True)]),
    ("tháng cao điểm từ ngày 17/10 đến 18/11 hằng năm", [(R, "FREQ=YEARLY;BYMONTH=11;BYMONTHDAY=18", False)]),
    # --- a week day before the date; a month and its year without "tháng" -------------------------
    ("hạn chót là thứ Sáu, ngày 12/7/2024", [(D, "2024-07-12", False)]),
    ("Thời hạn: 6/2024", [(P, "2024-06-01/2024-06-30", False)]),
    ("hoàn thành trước 9/2024", [(D, "2024-08-31", False)]),
    # --- issue 14: a day of a month of every quarter; `mồng`; as soon as an event; an awaited document;
    # open ends after a quarter or a stage; several dates in one phrase; a year left out ------------
    ("Các phường gửi báo cáo vào ngày 20 của tháng cuối quý.",
     [(R, "FREQ=YEARLY;BYMONTH=3,6,9,12;BYMONTHDAY=20", False)]),
    ("Tổ đội nộp sổ theo dõi đúng ngày mồng 5 hằng tháng.", [(R, "FREQ=MONTHLY;BYMONTHDAY=5", False)]),
    ("Các xã ven biển khắc phục hậu quả ngay sau khi bão tan.", [(REL, None, False)]),
    ("Xóa tệp tạm ngay khi tệp không còn cần cho mục đích đã thống nhất với khách hàng và báo cáo.",
     [(REL, None, False)]),
    ("Lực lượng xung kích khơi thông cống rãnh ngay khi hết mưa, báo cáo về Ban Chỉ huy.", [(REL, None, False)]),
    ("Sở Xây dựng hướng dẫn thực hiện sau khi Nghị định của Chính phủ quy định chi tiết về nhà ở xã hội ban hành.",
     [(REL, None, False)]),
    ("Duy trì mô hình từ Quý III năm 2024 và các năm tiếp theo.", [(P, "2024-07-01/..", False)]),
    ("Nhân rộng mô hình giai đoạn 2025-2027 và các năm sau.", [(P, "2025-01-01/..", False)]),
    ("Các huyện gửi số liệu trước ngày 15/6 và 15/12 hằng năm.",
     [(R, "FREQ=YEARLY;BYMONTH=6,12;BYMONTHDAY=15", False)]),
    ("Các huyện gửi số liệu trước ngày 15/6.", [(D, "2024-06-15", True)]),
    ("Các huyện gửi số liệu trước ngày 20/6 và 20/12.", [(D, "2024-06-20", True), (D, "2024-12-20", True)]),
    ("Tổ chức sơ kết trong Quý I-II/2024.", [(P, "2024-01-01/2024-06-30", False)]),
    ("Từ nay đến tháng 9/2025, các trường rà soát đội ngũ.", [(P, "2024-03-01/2025-09-30", False)]),
]

# Day/month/year in any written form, all 15 June 2024 with a "trước ngày" cue.
FORMS = ["15/6/2024", "15/06/2024", "15.6.2024", "15-6-2024", "15 tháng 6 năm 2024", "15 tháng 06 năm 2024",
         "15 / 6 / 2024", "15 tháng 6, năm 2024"]
POSITIVE += [(f"trước ngày {f}", [(D, "2024-06-15", False)]) for f in FORMS]

NEGATIVE = [
    "",
    "Chỉ thị số 05/CT-TTg ngày 23/02/2023 của Thủ tướng Chính phủ",
    "Kế hoạch số 53/KH-UBND ngày 18/02/2022 của Ủy ban nhân dân tỉnh",
    "Kế hoạch số 12/KH-UBND ngày 05 tháng 3 năm 2024 của UBND tỉnh",
    "Nghị quyết số 18-NQ/TU ngày 30/12/2022 của Thành ủy",
    "Năm 2024, khách du lịch đến tỉnh tăng mạnh",
    "năm 2020",
    "Ngày 29/12/2023, Ban Thường vụ đã ban hành",
    "Đề án phát triển du lịch giai đoạn 2022-2025, tầm nhìn đến năm 2030",
    "Chiến lược hạ tầng số đến năm 2025 và định hướng đến năm 2030",
    "quy hoạch hạ tầng viễn thông trong các khu công nghiệp đến năm 2030",
    "“Đề án phát triển ứng dụng dữ liệu về dân cư giai đoạn 2022-2025, tầm nhìn đến năm 2030” (gọi tắt Đề án 06)",
    "giai đoạn 2021-2025",
    "trước ngày 15/6/2020",
    "trước tháng 6 năm 2020",
    "trước ngày 32/13/2024",
    "trước đây",
    "trước hết",
    "trước mắt",
    "trong thời gian qua",
    "trong năm qua",
    "trong năm học",
    "trong tháng qua",
    "hàng nghìn người",
    "hàng hóa",
    "hàng loạt",
    "mỗi người dân",
    "hằng số",
    "ngay cả khi",
    "ngay tại chỗ",
    "cảnh báo sớm",
    "phát hiện sớm",
    "sớm nhất",
    "thường trực",
    "ngày",
    "tháng",
    "quý khách",
    "quý báu",
    "quý II/2019",
    "6 tháng đầu năm 2021",
    "6 tháng cuối năm vừa qua, tỉnh đã",
    "từ năm 2010 trở đi",
    "từ 2 đến 3 người",
    "từ ngày 01/01/2010 đến ngày 31/12/2010",
    "30 ngày qua",
    "lần thứ hai",
    "định kỳ",
    "Điều 3. Chánh Văn phòng chịu trách nhiệm thi hành",
    "theo Nghị quyết hằng năm của Hội đồng nhân dân thành phố",
    "chương trình công tác hằng năm của đơn vị",
    # money allotted or saved each year: the money's rhythm, no schedule for the task
    "Sử dụng ngân sách địa phương được giao hàng năm theo phân cấp quản lý.",
    "bố trí thêm từ nguồn tăng thu, tiết kiệm chi hằng năm đối với các nội dung giải ngân tốt",
    "Cập nhật:\n02/12/2025",
    "1.500 tỷ đồng",
    "Số: 125/CĐ-TTg",
    "khoảng 180 trạm, trong đó có 22 trạm 5G",
    # "thường xuyên" naming a kind of spending or of education, "nhanh chóng" as manner
    "bảo đảm kinh phí chi thường xuyên và chi đầu tư",
    "phối hợp với Trung tâm Giáo dục thường xuyên của tỉnh",
    "giúp tìm kiếm thông tin một cách nhanh chóng và tiện lợi",
    # history: the clause tells what was done
    "Các sở, ngành đã tiếp tục nỗ lực, khắc phục khó khăn, kịp thời hướng dẫn các địa phương",
    "Ủy ban tỉnh đã kịp thời chỉ đạo khắc phục hậu quả bão",
    "Kết quả đạt được thời gian qua là nhờ sự nỗ lực của các thành viên trong cả giai đoạn 2021-2025",
    # the attribute of a noun, a forecast, the issuer's own plan
    "đẩy nhanh tiến độ các dự án có kế hoạch hoàn thành năm 2024",
    "chúng ta tin tưởng trong năm 2024 sẽ hoàn thành các mục tiêu",
    "Căn cứ kết quả thí điểm, trong năm 2025 Bộ sẽ tổng kết, đánh giá",
    # a far horizon in the clause of a planning word; a title in capitals
    "rà soát, bổ sung quy hoạch mạng lưới trạm sạc tại các khu đô thị, khu dân cư đến năm 2030",
    "DANH MỤC CÁC NHIỆM VỤ TRỌNG TÂM TRIỂN KHAI ĐẾN NĂM 2030",
    # a point the task starts after; a month on its own line that is a sentence broken anywhere
    "thì sau ngày 10/10/2024 chi bộ hướng dẫn đảng viên",
    "tổng hợp kết quả\ntháng 7\ncủa đơn vị",
    # a payment's rhythm; a slogan in quotation marks
    "điều chỉnh tăng thêm 15% mức trợ cấp hàng tháng",
    "hưởng phụ cấp hằng tháng theo quy định",
    "tổ chức cuộc vận động “Mỗi ngày một tin tốt, mỗi tuần một câu chuyện đẹp”",
    # where a yearly window opens
    "có đủ tuổi đảng từ ngày 01/12 của năm trước",
    # the number and year of a symbol are no month
    "thực hiện Nghị định số 06/2024/NĐ-CP của Chính phủ trong",
    "trong 13/2024 trường hợp",
    # issue 14: a noun modifier, figures of a period, a negated adverb, a condition, narration
    "Sở Tài chính bố trí kế hoạch vốn hằng năm cho các dự án",
    "Kết quả 6 tháng đầu năm cho thấy tổng thu ngân sách tăng",
    "quý I tăng 6,9% so với cùng kỳ",
    "Tình trạng xử lý không kịp thời các kiến nghị của cử tri vẫn còn",
    "công tác kiểm tra chưa thường xuyên",
    "đơn vị sau khi sắp xếp, tổ chức lại thì không phải ra quyết định",
    "Ngay sau khi bão tan, tỉnh đã huy động lực lượng dọn dẹp",
]


def _triples(text, ref=REF):
    return [(d.kind, d.value, d.inferred) for d in find_deadlines(text, ref)]


@pytest.mark.parametrize("text,expected", POSITIVE, ids=[p[0][:40] for p in POSITIVE])
def test_surface_forms(text, expected):
    assert _triples(text) == expected


@pytest.mark.parametrize("text", NEGATIVE)
def test_not_deadlines(text):
    assert find_deadlines(text, REF) == []


def test_table_is_large_enough():
    assert len(POSITIVE) + len(NEGATIVE) >= 150


def _examples():
    g = load_grammar()
    for rule in g.rules:
        for ex in rule.examples:
            yield pytest.param(rule.name, ex, id=f"{rule.name}:{ex['text'][:30]}")


def _counters():
    g = load_grammar()
    for rule in g.rules:
        for ce in rule.counter_examples:
            yield pytest.param(rule.name, ce, id=f"{rule.name}:{ce[:30]}")


@pytest.mark.parametrize("rule,ex", list(_examples()))
def test_grammar_examples(rule, ex):
    g = load_grammar()
    ref = dt.date.fromisoformat(ex.get("ref", g.example_ref_date.isoformat()))
    found = find_deadlines(ex["text"], ref, row=_rows_only(rule))
    values = ex.get("values", [ex.get("value")])      # (a list of units gives one deadline each)
    assert [(d.kind, d.value, d.inferred) for d in found] == [
        (ex["kind"], v, ex.get("inferred", False)) for v in values]


@pytest.mark.parametrize("rule,text", list(_counters()))
def test_grammar_counter_examples(rule, text):
    assert find_deadlines(text, load_grammar().example_ref_date, row=_rows_only(rule)) == []


def _rows_only(name: str) -> bool:
    """Is the rule one for rows (its examples and counter-examples are read as a row of a task table)?"""
    return next(r for r in load_grammar().rules if r.name == name).rows_only


def test_every_rule_has_examples_and_counter_examples():
    for rule in load_grammar().rules:
        assert rule.examples, rule.name
        assert rule.counter_examples, rule.name


def test_inferred_period_already_over_is_history():
    # A month or quarter without its year that ended before the document was signed: what happened.
    ref = dt.date(2024, 5, 10)
    assert find_deadlines("Tổng sản phẩm trong nước quý I tăng 6,9% so với cùng kỳ", ref) == []
    assert find_deadlines("khách quốc tế đến trong tháng 3 đạt hơn 2 triệu lượt", ref) == []
    # ... but one still to come, or a cued due date, is kept.
    assert _triples("báo cáo trong tháng 6", ref) == [(P, "2024-06-01/2024-06-30", True)]
    assert _triples("báo cáo trước ngày 15/3", ref) == [(D, "2024-03-15", True)]


def test_from_now_without_the_documents_date_is_the_end_date():
    # SCHEMA.md: `từ nay đến X` is the date X where the document's date is unknown
    found = find_deadlines("Từ nay đến tháng 9/2025, các trường rà soát đội ngũ.", None)
    assert [(d.kind, d.value, d.inferred) for d in found] == [(D, "2025-09-30", False)]
    assert found[0].text == "Từ nay đến tháng 9/2025"
    found = find_deadlines("tập trung cao điểm từ nay đến cuối năm", None)
    assert [(d.kind, d.value, d.inferred) for d in found] == [(D, None, True)]


def test_reference_date_not_today():
    # The year left out comes from the document's date, whatever today is.
    assert _triples("trước ngày 15/6", dt.date(2013, 1, 2)) == [(D, "2013-06-15", True)]
    assert _triples("Cả năm", dt.date(2015, 1, 29)) == [(P, "2015-01-01/2015-12-31", True)]
    assert _triples("trước ngày 15/6", "2019-05-01") == [(D, "2019-06-15", True)]


def test_no_reference_date():
    # Without the document's date a year left out stays unknown (null), never guessed.
    found = find_deadlines("trước ngày 15/6", None)
    assert [(d.kind, d.value, d.inferred) for d in found] == [(D, None, True)]
    assert _triples("trước ngày 15/6/2024", None) == [(D, "2024-06-15", False)]
    assert _triples("Ngày 11/7/2024 tổ chức", None) == []


def test_relative_resolved_from_signing_date():
    (d,) = find_deadlines("trong thời hạn 30 ngày kể từ ngày ký", dt.date(2023, 5, 10))
    assert (d.kind, d.value, d.resolved) == (REL, "P30D", "2023-06-09")
    (d,) = find_deadlines("chậm nhất 03 tháng kể từ ngày ban hành", dt.date(2023, 11, 30))
    assert d.resolved == "2024-02-29"
    # The anchor is an event whose date is unknown: not resolved.
    (d,) = find_deadlines("trong thời hạn 05 ngày kể từ ngày nhận đơn", dt.date(2023, 5, 10))
    assert d.resolved is None
    # Working days need a holiday calendar: not resolved.
    (d,) = find_deadlines("trong vòng 10 ngày làm việc kể từ ngày ký", dt.date(2023, 5, 10))
    assert d.resolved is None


def test_spans_and_order():
    text = "Sở Nội vụ chủ trì, báo cáo hằng quý và trước ngày 15/6/2024; thường xuyên kiểm tra."
    found = find_deadlines(text, REF)
    assert [d.text for d in found] == ["hằng quý", "trước ngày 15/6/2024", "thường xuyên"]
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.text
    assert all(a.span[1] <= b.span[0] for a, b in zip(found, found[1:], strict=False))


def test_longest_phrase_wins():
    # One recurring deadline, not a date plus a frequency.
    assert _triples("trước ngày 10 hằng tháng") == [(R, "FREQ=MONTHLY;BYMONTHDAY=10", False)]
    assert [d.text for d in find_deadlines("Định kỳ trước ngày 10 hàng tháng, báo cáo", REF)] == [
        "Định kỳ trước ngày 10 hàng tháng"]


def test_to_dict_marks_inferred():
    (d,) = find_deadlines("trước ngày 15/6", REF)
    assert d.to_dict()["inferred"] is True
    (d,) = find_deadlines("trước ngày 15/6/2024", REF)
    assert "inferred" not in d.to_dict()


def _doc(text, date="2024-03-01"):
    return Document(id="x", source=Source(path="x.txt", format="txt"), text=text, header=Header(date=date))


def test_stage_uses_task_text_and_shifts_spans():
    text = ("Mở đầu ngày 01/3/2024.\n\n1. Sở Tài chính hoàn thành trước ngày 30/6/2024.\n\n"
            "2. Các sở báo cáo hằng tháng.\n\nKết thúc thường xuyên.")
    s1 = text.index("1. Sở")
    e1 = text.index("\n\n2.")
    s2 = text.index("2. Các")
    e2 = text.index("\n\nKết")
    doc = _doc(text)
    doc.tasks = [Task("1", "1.", 1, None, (s1, e1), text[s1:e1]), Task("2", "2.", 1, None, (s2, e2), text[s2:e2])]
    deadlines_stage(doc)
    t1, t2 = doc.tasks
    assert [(d.kind, d.value) for d in t1.deadlines] == [(D, "2024-06-30")]
    assert [(d.kind, d.value) for d in t2.deadlines] == [(R, "FREQ=MONTHLY")]
    for t in doc.tasks:
        for d in t.deadlines:
            assert doc.text[d.span[0]:d.span[1]] == d.text


def test_stage_table_row_and_missing_date():
    text = "| 1 | Tổ chức điều chỉnh quy hoạch đến\nnăm 2030 | Ban Quản lý | Sở Tài chính | Quý III Năm 2026 |"
    doc = _doc(text, date="2025-11-24")
    doc.tasks = [Task("A1.1", "1", 2, None, (0, len(text)), text, kind="row",
                      cells={"Thời gian thực hiện": (text.index("Quý"), len(text) - 2)})]
    deadlines_stage(doc)
    assert [(d.kind, d.value) for d in doc.tasks[0].deadlines] == [(P, "2026-07-01/2026-09-30")]
    doc = _doc("1. Báo cáo trước ngày 15/6.", date=None)
    doc.tasks = [Task("1", "1.", 1, None, (0, len(doc.text)), doc.text)]
    deadlines_stage(doc)
    assert [(d.kind, d.value, d.inferred) for d in doc.tasks[0].deadlines] == [(D, None, True)]


def test_stage_reads_a_rows_time_cells():
    # A row's text is its content cell; its deadline stands in the time column (SCHEMA.md: a row's
    # deadlines come from its columns), and the span points into the document's text.
    text = ("| 1 | Khảo sát hạ tầng viễn thông | Ban Quản lý | Sở Tài chính | Quý IV/2025- Quý II/2026 |\n"
            "| 2 | Xây dựng kế hoạch đầu tư | Ban Quản lý | Sở Tài chính | Thường xuyên |")
    doc = _doc(text, date="2025-11-24")
    tasks = []
    for i, line_start in enumerate((0, text.index("| 2 |"))):
        row = text[line_start:].split("\n")[0]
        cells = [c.strip() for c in row.strip("|").split("|")]
        spans = {}
        columns = ("TT", "Nội dung", "Cơ quan chủ trì", "Cơ quan phối hợp", "Thời gian thực hiện")
        for name, c in zip(columns, cells, strict=False):
            a = text.index(c, line_start)
            spans[name] = (a, a + len(c))
        tasks.append(Task(f"A1.{i + 1}", str(i + 1), 1, None, spans["Nội dung"], text[slice(*spans["Nội dung"])],
                          kind="row", cells=spans))
    doc.tasks = tasks
    deadlines_stage(doc)
    assert [(d.kind, d.value) for d in doc.tasks[0].deadlines] == [(P, "2025-10-01/2026-06-30")]
    assert [(d.kind, d.value) for d in doc.tasks[1].deadlines] == [(ONG, None)]
    for t in doc.tasks:
        for d in t.deadlines:
            assert doc.text[d.span[0]:d.span[1]] == d.text


def test_stage_reads_a_bare_year_only_in_a_rows_time_cell():
    # `2026` alone in the time column is the row's period (a year of the timetable); alone in another cell
    # (a figure, a count) or alone as an item's line it is none.
    text = "| 1 | Rà soát các quy định | Bộ Xây dựng | 2026 | 2026 |\n\n2026\n"
    doc = _doc(text, date="2025-10-02")
    time_cell = text.index("2026 |")
    other = text.index("2026", time_cell + 4)
    content = (text.index("Rà soát"), text.index(" | Bộ"))
    cells = {"Nội dung": content, "Thời gian triển khai": (time_cell, time_cell + 4), "Kinh phí": (other, other + 4)}
    line = text.rindex("2026")
    doc.tasks = [Task("A1.1", "1", 1, None, content, text[slice(*content)], kind="row", cells=cells),
                 Task("1", "1.", 1, None, (line - 2, len(text)), text[line - 2:])]
    deadlines_stage(doc)
    row, item = doc.tasks
    assert [(d.kind, d.value, d.span) for d in row.deadlines] == [
        (P, "2026-01-01/2026-12-31", (time_cell, time_cell + 4))]
    assert item.deadlines == []


def test_stage_reads_a_month_anywhere_in_a_row_but_not_in_an_item():
    # A PDF's line ran a row's time cell into the lead's ("Tháng 6/2025 Sở Tư pháp"), so the month sits in
    # the lead's column: in a row it is still the row's deadline (rule row-month), and only the rules for
    # rows read a cell outside the time columns (its "hằng tháng" is no deadline of the row).  The same
    # words as an item's text give nothing: a bare month in running text needs its cue.
    text = ("| 1 | Rà soát văn bản | Tháng 6/2025 Sở Tư pháp | Báo cáo hằng tháng |\n"
            "1. Rà soát văn bản tháng 6/2025 Sở Tư pháp")
    doc = _doc(text, date="2025-03-10")
    lead = text.index("Tháng 6")
    product = text.index("Báo cáo")
    content = (text.index("Rà soát"), text.index(" | Tháng"))
    cells = {"Nội dung": content, "Cơ quan chủ trì": (lead, text.index(" | Báo")),
             "Sản phẩm": (product, text.index(" |\n"))}
    item = text.index("1. Rà")
    doc.tasks = [Task("A1.1", "1", 1, None, content, text[slice(*content)], kind="row", cells=cells),
                 Task("1", "1.", 1, None, (item, len(text)), text[item:])]
    deadlines_stage(doc)
    row, plain = doc.tasks
    assert [(d.kind, d.value, d.text) for d in row.deadlines] == [(P, "2025-06-01/2025-06-30", "Tháng 6/2025")]
    assert plain.deadlines == []
    # a time cell's "Thường xuyên" run into another cell opens its line (rule row-ongoing); in a cell outside the
    # time columns a word of the lead's sentence is no deadline of the row
    doc = _doc("Thường xuyên Sở Tư pháp | Sở Nội vụ thường xuyên kiểm tra", date="2025-03-10")
    split = doc.text.index(" | ")
    cells = {"Cơ quan chủ trì": (0, split), "Cơ quan phối hợp": (split + 3, len(doc.text))}
    doc.tasks = [Task("A1.1", "1", 1, None, (0, 0), "", kind="row", cells=cells)]
    deadlines_stage(doc)
    assert [(d.kind, d.text) for d in doc.tasks[0].deadlines] == [(ONG, "Thường xuyên")]
    assert [(d.kind, d.value) for d in find_deadlines("Tháng 6/2025 Sở Tư pháp", "2025-03-10", row=True)] == [
        (P, "2025-06-01/2025-06-30")]


def test_stage_equals_one_text_at_a_time():
    # The stage scans all tasks of a document together; each task must get exactly what its own text
    # gives alone (no context read across tasks: a date at a task's start, a cue at the previous end).
    parts = ["Báo cáo kết quả trước", "ngày 15/6/2024 các sở tổng hợp.", "Tháng 7", "Cuối năm",
             "Quy hoạch hạ tầng giao thông", "đến năm 2030.", "thường xuyên kiểm tra", "số 12/KH-UBND",
             "ngày 20/5/2024 tổ chức hội nghị", "Hằng năm", "(trước ngày 30 tháng 11)", "“Đề án 06",
             "trong năm 2024”", "hằng tháng", "định kỳ 6 tháng, hằng năm"]
    text = "\n".join(parts)
    doc = _doc(text)
    pos, tasks = 0, []
    for i, p in enumerate(parts):
        tasks.append(Task(str(i + 1), f"{i + 1}.", 1, None, (pos, pos + len(p)), p))
        pos += len(p) + 1
    doc.tasks = tasks
    deadlines_stage(doc)
    for t in doc.tasks:
        alone = find_deadlines(t.text, REF)
        assert [(d.kind, d.value, d.span[0] + t.span[0]) for d in alone] == [
            (d.kind, d.value, d.span[0]) for d in t.deadlines], t.text


def _all_texts():
    g = load_grammar()
    texts = [p[0] for p in POSITIVE] + NEGATIVE
    for rule in g.rules:
        texts += [ex["text"] for ex in rule.examples] + list(rule.counter_examples)
    return texts


def test_anchored_scan_equals_plain_scan():
    # Each rule is tried only where the anchor scan says its core may start (speed); that must find
    # exactly what a plain scan of every rule's regex finds.
    from pipeline.deadlines.stage import _cores, _lower
    g = load_grammar()
    for text in _all_texts():
        low = _lower(text)
        fast, plain = _cores(g, low), _cores(g, low, exhaustive=True)
        for rule, a, b in zip(g.rules, fast, plain, strict=True):
            assert [m.span() for m in a] == [m.span() for m in b], (rule.name, text)


_ALPHABET = st.sampled_from(list("0123456789/.-–, ;:|*\n") + ["ngày ", "tháng ", "năm ", "quý ", "hằng ", "trước ",
                                                                "từ ", "đến ", "định kỳ ", "thường xuyên", "ngay",
                                                                "2024", "II", "lần", "thứ 6 ", "İ", "ǅ", "\u0301"])


# Words every rule may start with, cues, numbers and separators, mixed at random.
_WORDS = st.sampled_from(["ngày", "tháng", "năm", "tuần", "quý", "quí", "quy", "I", "II", "IV", "sáu", "chín",
                          "hằng", "hàng", "mỗi", "lần", "thứ", "hai", "chủ nhật", "định kỳ", "nay", "từ", "đến",
                          "giữa", "cuối", "giai đoạn", "trước", "kể từ", "sau khi", "thường xuyên", "kịp thời",
                          "khẩn trương", "nhanh chóng", "ngay", "sớm", "T", "t", "giờ", "h", "6", "06", "15",
                          "2024", "1", "12", "/", "-", ".", ",", "(", "|", "\n", "\x00", "đã", "sẽ", "học"])


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.lists(_ALPHABET, max_size=40).map("".join),
                 st.lists(_WORDS, max_size=30).map(" ".join), st.lists(_WORDS, max_size=30).map("".join)))
def test_anchored_scan_equals_plain_scan_on_random_texts(text):
    from pipeline.deadlines.stage import _cores, _lower
    g = load_grammar()
    low = _lower(text)
    for rule, a, b in zip(g.rules, _cores(g, low), _cores(g, low, exhaustive=True), strict=True):
        assert [m.span() for m in a] == [m.span() for m in b], rule.name


def _anchor_spans(g, low):
    return [a.span() for a in anchor_matches(g, low)]


def test_anchor_parts_find_what_the_one_anchor_regex_finds():
    # The anchor regex is searched as one regex per first character (faster): their matches in order are
    # the one regex's; where two overlap (`lần` glued to `ngày`: `lầngày`, whose `ngày` the one regex never
    # sees, as its `lần` took the `n`), the one regex decides.
    from pipeline.deadlines.stage import _lower
    g = load_grammar()
    assert len(g.anchor_parts) > 1
    for text in _all_texts() + ["hai lầngày 15/6/2025", "mỗi lần, ngày 5/6/2025 và tháng 7/2025"]:
        low = _lower(text)
        assert _anchor_spans(g, low) == [a.span() for a in g.anchors.finditer(low)], text
    low = "hai lầngày 15/6/2025"
    assert (6, 10) not in _anchor_spans(g, low) and (4, 7) in _anchor_spans(g, low)


def test_numbers_anchor_only_where_a_user_may_follow():
    # A number is a place to try a rule only where what follows it allows one of the rules that start with a
    # number (`0-9 -`: a span of days, glued or not; `YYYY`: a year) or a point in time; a count is none.
    from pipeline.deadlines.grammar import _start_word
    from pipeline.deadlines.stage import _lower
    assert _start_word("0-9 -") == ("0-9", r"\d*\s*\-") and _start_word("0-9") == ("0-9", None)
    assert _start_word("yyyy") == ("0-9", r"[09]\d\d(?!\d)") and _start_word("ngày 0-9") == ("ngày", r"\s+\d+")
    g = load_grammar()
    low = _lower("Gồm 15 đơn vị, từ 15-16/11/2025, từ 8 - 10 tháng 12, 6tháng đầu năm.\nThời gian: 2026-2030")
    numbers = [low[a.start():a.start() + 4] for a in anchor_matches(g, low) if a.group()[0].isdigit()]
    assert numbers == ["15-1", "16/1", "11/2", "2025", "8 - ", "10 t", "6thá", "2026", "2030"]     # not `15 đơn`, `12,`
    assert [d.text for d in find_deadlines("Từ 15-16/11/2025 họp; Thời gian: 2026-2030")] == [
        "Từ 15-16/11/2025", "Thời gian: 2026-2030"]


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=30).map("".join))
def test_anchor_parts_on_glued_words(text):
    from pipeline.deadlines.stage import _lower
    g = load_grammar()
    low = _lower(text)
    assert _anchor_spans(g, low) == [a.span() for a in g.anchors.finditer(low)]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(_WORDS, max_size=15).map(" ".join), min_size=1, max_size=6),
       st.sampled_from(["\n", " ", "", "\n\n", " | "]))
def test_stage_equals_one_text_at_a_time_on_random_documents(parts, sep):
    text = sep.join(parts)
    doc = _doc(text)
    pos, tasks = 0, []
    for i, p in enumerate(parts):
        tasks.append(Task(str(i + 1), f"{i + 1}.", 1, None, (pos, pos + len(p)), p))
        pos += len(p) + len(sep)
    doc.tasks = tasks
    deadlines_stage(doc)
    for t in doc.tasks:
        alone = find_deadlines(t.text, REF)
        assert [(d.kind, d.value, d.span[0] + t.span[0], d.span[1] + t.span[0]) for d in alone] == [
            (d.kind, d.value, *d.span) for d in t.deadlines]


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.text(max_size=200), st.lists(_ALPHABET, max_size=40).map("".join)),
       st.one_of(st.none(), st.dates(min_value=dt.date(1950, 1, 1), max_value=dt.date(2090, 12, 31))))
def test_never_raises_and_spans_hold(text, ref):
    found = find_deadlines(text, ref)
    last = 0
    for d in found:
        assert text[d.span[0]:d.span[1]] == d.text
        assert d.span[0] >= last
        last = d.span[1]
        assert d.kind in ("date", "period", "recurring", "relative", "ongoing")


_LEXICON_WORD_LISTS = ["name_words_cased", "fine_units", "in_force_before", "past_markers", "directing",
                       "attribute_before", "horizon_words", "target_words", "figure_before"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["đã", "đến", "trước", "có", "kế hoạch", "tháng", "quý", "thời gian qua", "chỉ đạo",
                                 "đề án", "Đề Án", "tầm nhìn", "năm", "đạt", "%", "x", "1", "_", "\n", ",", "từ",
                                 "hiệu lực", "kể từ ngày", "đề nghị", "İ", "ǅ"]), max_size=25),
       st.sampled_from([" ", "", "\n", "-"]))
def test_word_start_alternation_finds_what_the_look_behind_finds(words, sep):
    # `_alt(words, word_start=True)` writes `(?<![\w])` after each phrase's first character (a regex opening on a
    # set of characters is searched faster); it finds what `(?<![\w])` before the alternation finds.
    import re

    from pipeline.deadlines.grammar import _alt
    text = sep.join(words)
    lex = load_grammar().lex
    for name in _LEXICON_WORD_LISTS:
        plain = re.compile(r"(?<![\w])" + _alt(lex[name]))
        fast = re.compile(_alt(lex[name], word_start=True))
        for pos in (0, 1, 3):
            assert [m.span() for m in fast.finditer(text, pos)] == [m.span() for m in plain.finditer(text, pos)], name
    assert re.compile(_alt(["đã"], word_start=True)).findall("đã, bđã đã") == ["đã", "đã"]
