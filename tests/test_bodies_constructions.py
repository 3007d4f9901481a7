"""Issue 14's body constructions, one made-up item each, run through the whole pipeline (`extract`): the
rules table (`models/gazetteer/rules.tsv`) checks `find_bodies`; this checks that the stage gives the same
in a document."""
import pytest

from pipeline import extract

HEAD = ("ỦY BAN NHÂN DÂN\nTỈNH TIỀN GIANG\nSố: 12/KH-UBND\nTiền Giang, ngày 10 tháng 3 năm 2025\n"
        "KẾ HOẠCH\nVề phòng chống thiên tai\n")


def bodies(item):
    doc = extract(HEAD + "1. Tổ chức triển khai.\n2. " + item + "\n3. Tổ chức sơ kết.\n")
    task = next(t for t in doc.tasks if t.path == "2")
    return [(b.name, b.role) for b in task.bodies if not b.inherited]


@pytest.mark.parametrize("item,expected", [
    ("Các Bộ: Tài chính, Công Thương chủ trì thực hiện.", [("Bộ Tài chính", "lead"), ("Bộ Công Thương", "lead")]),
    ("Ủy ban nhân dân tỉnh chỉ đạo Sở Y tế, Sở Tài chính thực hiện.",
     [("Ủy ban nhân dân tỉnh", "oversee"), ("Sở Y tế", "lead"), ("Sở Tài chính", "lead")]),
    ("Sở Nội vụ hướng dẫn Sở Y tế và Sở Tài chính triển khai.",
     [("Sở Nội vụ", "oversee"), ("Sở Y tế", "lead"), ("Sở Tài chính", "lead")]),
    ("Sở Y tế: Chỉ đạo các đơn vị trực thuộc triển khai tiêm chủng.",
     [("Sở Y tế", "oversee"), ("các đơn vị trực thuộc", "lead")]),
    ("Tăng cường phối hợp giữa Sở Y tế, Sở Tài chính, Công an tỉnh trong kiểm tra.",
     [("Sở Y tế", "coordinate"), ("Sở Tài chính", "coordinate"), ("Công an tỉnh", "coordinate")]),
    ("Tổ chức hội nghị với sự tham gia của Sở Y tế, Sở Nội vụ.",
     [("Sở Y tế", "coordinate"), ("Sở Nội vụ", "coordinate")]),
    ("Trên cơ sở kết quả rà soát, Sở Y tế, Sở Tài chính chịu trách nhiệm thẩm định.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "lead")]),
    ("Nếu có vướng mắc, Sở Y tế kịp thời phản ánh về Sở Nội vụ để tổng hợp.",
     [("Sở Y tế", "lead"), ("Sở Nội vụ", "report_to")]),
    ("Bản tin thị trường được Sở Công Thương biên soạn hằng tháng.", [("Sở Công Thương", "lead")]),
    ("Cơ quan chủ trì: Sở Y tế. Cơ quan phối hợp: Sở Tài chính; Sở Nội vụ; UBND các xã.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "coordinate"), ("Sở Nội vụ", "coordinate"),
      ("UBND các xã", "coordinate")]),
    ("Theo Báo cáo, Sở Y tế đã kiểm tra 20 cơ sở.", []),
    ("Thực hiện theo chỉ đạo của Thủ tướng Chính phủ, Sở Công Thương kiểm tra thị trường.",
     [("Sở Công Thương", "lead")]),
    ("Hỗ trợ cho tỉnh Sơn La, Lai Châu mỗi tỉnh 10 tỷ đồng.", []),
    ("Phối hợp với Vụ Các vấn đề chung về xây dựng pháp luật và Sở Văn hóa, Thể thao và Du lịch.",
     [("Vụ Các vấn đề chung về xây dựng pháp luật", "coordinate"), ("Sở Văn hóa, Thể thao và Du lịch", "coordinate")]),
    ("Phối hợp với cơ quan chuyên môn về y tế cấp tỉnh.", [("cơ quan chuyên môn về y tế cấp tỉnh", "coordinate")]),
    ("Lãnh đạo Sở Y tế chủ trì hội nghị.", [("Lãnh đạo Sở Y tế", "lead")]),
    ("Đơn vị chủ trì: Sở Y tế; Đơn vị phối hợp: Sở Tài chính; Sở Nội vụ.",
     [("Sở Y tế", "lead"), ("Sở Tài chính", "coordinate"), ("Sở Nội vụ", "coordinate")]),
    ("Bộ Y tế: Hướng dẫn các địa phương triển khai tiêm chủng.", [("Bộ Y tế", "oversee"), ("các địa phương", "lead")]),
    ("Sở Y tế chủ trì, phối hợp với lãnh đạo Sở Tài chính xây dựng dự toán.",
     [("Sở Y tế", "lead"), ("lãnh đạo Sở Tài chính", "coordinate")]),
    # variants the issue does not list
    ("UBND các huyện, thị xã, thành phố chủ động bố trí kinh phí.", [("UBND các huyện, thị xã, thành phố", "lead")]),
    ("Sở, ban, ngành, địa phương theo chức năng, nhiệm vụ chủ động triển khai.",
     [("Sở, ban, ngành, địa phương", "lead")]),
    ("Đề nghị Ủy ban Mặt trận Tổ quốc tỉnh và các tổ chức chính trị - xã hội tỉnh tăng cường tuyên truyền.",
     [("Ủy ban Mặt trận Tổ quốc tỉnh", "lead"), ("các tổ chức chính trị - xã hội tỉnh", "lead")]),
    ("Các đơn vị cấp nước sạch trên địa bàn tỉnh có trách nhiệm bảo đảm nguồn nước.",
     [("Các đơn vị cấp nước sạch trên địa bàn tỉnh", "lead")]),
    ("Trách nhiệm của Sở Y tế: Chủ trì tổ chức tiêm chủng.", [("Sở Y tế", "lead")]),
    # the heading line without its colon, its tasks on the lines after it (document-format.md: heading form)
    ("Trách nhiệm của Sở Y tế", [("Sở Y tế", "lead")]),
    ("Nhiệm vụ của Ủy ban nhân dân các huyện, thành phố", [("Ủy ban nhân dân các huyện, thành phố", "lead")]),
    ("Trách nhiệm của Sở Tài chính; Ủy ban nhân dân các xã",
     [("Sở Tài chính", "lead"), ("Ủy ban nhân dân các xã", "lead")]),
    ("Nâng cao trách nhiệm của Sở Y tế", []),
    # the owner named in a fronted condition is no body; the subject after its comma is (issue 14)
    ("Sau khi có ý kiến của Bộ Y tế, Sở Y tế hoàn thiện hồ sơ.", [("Sở Y tế", "lead")]),
    ("Khi có yêu cầu của Sở Y tế, Công an tỉnh, Bộ Chỉ huy Quân sự tỉnh cử lực lượng hỗ trợ.",
     [("Công an tỉnh", "lead"), ("Bộ Chỉ huy Quân sự tỉnh", "lead")]),
    ("Trường hợp thuộc thẩm quyền của Ủy ban Thường vụ Quốc hội, Thủ tướng Chính phủ thì Sở Nội vụ có văn bản đề xuất.",
     [("Sở Nội vụ", "lead")]),
    # a fronted condition with commas of its own, naming no organ: the organ after the last comma acts,
    # whatever its verb; an organ named before it, a `thì` after it or a one-word predicate say it does not
    ("Trong thời hạn 05 ngày, kể từ ngày nhận đủ hồ sơ, Sở Y tế thẩm định hồ sơ.", [("Sở Y tế", "lead")]),
    ("Khi đám cháy vượt tầm kiểm soát của lực lượng, phương tiện cấp xã, Ban Chỉ huy quân sự xã lập báo cáo.",
     [("Ban Chỉ huy quân sự xã", "lead")]),
    ("Định kỳ tổ chức các cuộc thi, hội thi bí thư chi đoàn, Đoàn cơ sở giỏi.", []),
    ("Hằng năm lập dự toán kinh phí, gửi Sở Tài chính thẩm định, Ủy ban nhân dân tỉnh phê duyệt.", []),
    # `thì` closes a condition as its comma does: the organ after it acts, whatever its verb
    ("Nếu phát hiện sai phạm thì Đoàn kiểm tra lập biên bản.", [("Đoàn kiểm tra", "lead")]),
    ("Trường hợp hồ sơ có nhiều chủng loại thì Thủ trưởng cơ quan hải quan quyết định gia hạn.",
     [("Thủ trưởng cơ quan hải quan", "lead")]),
    # a spaced dash that opens a kind of organ is an apposition, not words of the name
    ("Các đơn vị báo cáo Ban Chỉ đạo tỉnh (qua Sở Y tế - cơ quan thường trực) trước ngày 25 hằng tháng.",
     [("Ban Chỉ đạo tỉnh", "report_to"), ("Sở Y tế", "report_to")]),
    ("Các tổ chức chính trị - xã hội tỉnh phối hợp tuyên truyền.", [("Các tổ chức chính trị - xã hội tỉnh", "lead")]),
    # a name closed by a province is never cut inside it
    ("Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố Hà Nội chủ trì thực hiện.",
     [("Ban Quản lý các khu công nghệ cao và khu công nghiệp thành phố Hà Nội", "lead")]),
    # a fronted topic runs to its `thì`, and `thì` ends a name
    ("Đối với Sở Nội vụ, Sở Tư pháp thì Văn phòng UBND tỉnh tổng hợp.", [("Văn phòng UBND tỉnh", "lead")]),
    ("Các tập đoàn, tổng công ty nhà nước chủ động rà soát.", [("Các tập đoàn, tổng công ty nhà nước", "lead")]),
    ("Sở Công Thương chỉ đạo các doanh nghiệp kinh doanh xăng dầu bảo đảm nguồn cung.",
     [("Sở Công Thương", "oversee"), ("các doanh nghiệp kinh doanh xăng dầu", "lead")]),
    ("Sở Y tế phối hợp với các cơ sở y tế tư nhân kiểm tra.",
     [("Sở Y tế", "lead"), ("các cơ sở y tế tư nhân", "coordinate")]),
    # roles split over `;`: the lead, then the partners as subjects of `phối hợp` with no partner after it
    ("Giao Công an tỉnh chủ trì; Sở Tư pháp, Sở Nội vụ phối hợp thực hiện.",
     [("Công an tỉnh", "lead"), ("Sở Tư pháp", "coordinate"), ("Sở Nội vụ", "coordinate")]),
    ("Đề nghị Sở Tư pháp và Sở Nội vụ phối hợp tổ chức tuyên truyền.", [("Sở Tư pháp", "lead"), ("Sở Nội vụ", "lead")]),
    # province organs whose names run on in lower case (gazetteer)
    ("Tòa án nhân dân tỉnh và Viện kiểm sát nhân dân tỉnh đẩy nhanh xét xử.",
     [("Tòa án nhân dân tỉnh", "lead"), ("Viện kiểm sát nhân dân tỉnh", "lead")]),
    ("Ngân hàng Chính sách xã hội giãn nợ cho hộ vay.", [("Ngân hàng Chính sách xã hội", "lead")]),
    ("Ban Chỉ huy Phòng thủ dân sự tỉnh chỉ đạo các địa phương sơ tán dân.",
     [("Ban Chỉ huy Phòng thủ dân sự tỉnh", "oversee"), ("các địa phương", "lead")]),
    ("Ban Chỉ đạo phòng, chống thiên tai tỉnh theo dõi sát diễn biến.",
     [("Ban Chỉ đạo phòng, chống thiên tai tỉnh", "lead")]),
    ("Đề nghị Liên đoàn Lao động tỉnh chỉ đạo công đoàn cơ sở vận động người lao động.",
     [("Liên đoàn Lao động tỉnh", "oversee"), ("công đoàn cơ sở", "lead")]),
    ("Ngân hàng Nhà nước chi nhánh Khu vực 9 chỉ đạo các tổ chức tín dụng giãn nợ.",
     [("Ngân hàng Nhà nước chi nhánh Khu vực 9", "oversee"), ("các tổ chức tín dụng", "lead")]),
    # a sector in lower case after a collective's head is part of its name whatever verb follows
    ("Sở Y tế chỉ đạo các cơ sở y tế sẵn sàng thu dung người bệnh.",
     [("Sở Y tế", "oversee"), ("các cơ sở y tế", "lead")]),
    ("Các tổ chức tín dụng giãn nợ cho khách hàng bị thiệt hại.", [("Các tổ chức tín dụng", "lead")]),
    # the owner after `thuộc` keeps its level word (`thuộc UBND huyện`), as a full name does
    ("Các phòng chuyên môn thuộc UBND huyện tổ chức kiểm tra.", [("Các phòng chuyên môn thuộc UBND huyện", "lead")]),
    # a lower-case field after a comma that a closing bracket ends is part of the name
    ("Gửi báo cáo về Sở Nội vụ (qua Phòng Công chức, viên chức).",
     [("Sở Nội vụ", "report_to"), ("Phòng Công chức, viên chức", "report_to")]),
    # a standing office-holder's organ after `Thường trực`
    ("Đồng chí Phó Chủ tịch Thường trực UBND tỉnh chỉ đạo Sở Tài chính thực hiện.",
     [("Đồng chí Phó Chủ tịch Thường trực UBND tỉnh", "oversee"), ("Sở Tài chính", "lead")]),
    # the advisory organs of a Party committee, the committee they serve part of their name
    ("Các cơ quan tham mưu, giúp việc Tỉnh ủy theo chức năng, nhiệm vụ hướng dẫn, kiểm tra.",
     [("Các cơ quan tham mưu, giúp việc Tỉnh ủy", "lead")]),
    ("Chỉ đạo Ban Tổ chức chủ trì, phối hợp với các cơ quan tham mưu, giúp việc của cấp ủy xây dựng kế hoạch.",
     [("Ban Tổ chức", "lead"), ("các cơ quan tham mưu, giúp việc của cấp ủy", "coordinate")]),
    ("Giao các cơ quan tham mưu, giúp việc Đảng ủy Bộ thực hiện.",
     [("các cơ quan tham mưu, giúp việc Đảng ủy Bộ", "lead")]),
    # a `;` list that a preposition governs goes on past the `;`: its members are no subjects
    ("Đảm bảo đúng chức năng, nhiệm vụ của các sở, ngành cấp tỉnh; UBND các xã, phường và các cơ quan có liên quan "
     "trong việc triển khai thực hiện.", []),
    ("Giấy khen của Thủ trưởng các cơ quan, đơn vị; Chủ tịch UBND các xã, phường.", []),
    # (a verb after the part makes it the subject of its own clause)
    ("Bộ Tài chính phân bổ kinh phí cho các bộ, cơ quan ngang bộ; Ủy ban nhân dân cấp tỉnh trình Hội đồng nhân dân "
     "phê duyệt.", [("Bộ Tài chính", "lead"), ("Ủy ban nhân dân cấp tỉnh", "lead")]),
    # the relative clause after `nơi` says which organ of a kind: part of its name, up to the main verb
    ("Chi cục Hải quan nơi lưu giữ hàng hóa hướng dẫn người khai hải quan thực hiện.",
     [("Chi cục Hải quan nơi lưu giữ hàng hóa", "lead")]),
    ("Giao UBND cấp xã nơi xảy ra sự cố chủ trì khắc phục.", [("UBND cấp xã nơi xảy ra sự cố", "lead")]),
    ("Báo cáo Sở Tư pháp nơi đã đăng ký hoạt động.", [("Sở Tư pháp nơi đã đăng ký hoạt động", "report_to")]),
    # (a clause with another body in it is left out: no half clause)
    ("Báo cáo Sở Y tế nơi Công an tỉnh đặt trụ sở.", [("Sở Y tế", "report_to")]),
    # the main clause after a condition or a topic (`Nếu/Trường hợp/Đối với ... thì`) opens with its subject, a kind
    # of bodies named by its description up to its duty
    ("Đối với vụ việc ở nơi công tác thì cơ quan, tổ chức, đơn vị trực tiếp quản lý người ứng cử có trách nhiệm "
     "xác minh.", [("cơ quan, tổ chức, đơn vị trực tiếp quản lý người ứng cử", "lead")]),
    ("Đảng viên ở chi bộ bị giải tán thì cấp ủy cơ sở làm thủ tục giới thiệu.", [("cấp ủy cơ sở", "lead")]),
    # (a committee's description ends at `thì`: `Hội đồng nhân dân thì Sở Y tế` are two names)
    ("Đối với đại biểu Hội đồng nhân dân thì Sở Y tế chủ trì.", [("Sở Y tế", "lead")]),
    # a kind of bodies its words name is the subject after a fronted condition, as a named organ is
    ("Để bảo đảm tiến độ, cơ quan chủ trì rà soát hồ sơ.", [("cơ quan chủ trì", "lead")]),
    # `lực lượng` names forces by their function or kind (GOLD.md: `lực lượng` alone matches no longer name)
    ("Lực lượng chức năng tăng cường tuần tra.", [("Lực lượng chức năng", "lead")]),
    ("Huy động phương tiện, lực lượng, vật tư.", []),
    # a duty denied assigns nothing (`không phải`: need not)
    ("Trường hợp kết thúc hoạt động của đơn vị thì cấp có thẩm quyền không phải ra quyết định.", []),
    ("Trường hợp có vướng mắc thì cấp có thẩm quyền phải xem xét.", [("cấp có thẩm quyền", "lead")]),
    # the organs of a kind of locality keep the words that say which, as an item of a list too
    ("Bộ Công an phối hợp với Bộ Quốc phòng và Ủy ban nhân dân các tỉnh biên giới triển khai.",
     [("Bộ Công an", "lead"), ("Bộ Quốc phòng", "coordinate"), ("Ủy ban nhân dân các tỉnh biên giới", "coordinate")]),
    # the Party committee's boards, named with the committee (`các ban đảng Tỉnh ủy`)
    ("Ủy ban Kiểm tra Tỉnh ủy chủ trì, phối hợp với các ban đảng Tỉnh ủy kiểm tra, giám sát.",
     [("Ủy ban Kiểm tra Tỉnh ủy", "lead"), ("các ban đảng Tỉnh ủy", "coordinate")]),
    ("Phối hợp với các ban xây dựng Đảng và Văn phòng Tỉnh ủy theo dõi.",
     [("các ban xây dựng Đảng", "coordinate"), ("Văn phòng Tỉnh ủy", "coordinate")]),
    # what a body is made of (`gồm:` and a list with no verb) is no body of the task
    ("Ủy ban nhân dân tỉnh thành lập Tổ công tác gồm: Sở Nội vụ, Sở Tài chính, Công an tỉnh.",
     [("Ủy ban nhân dân tỉnh", "lead")]),
])
def test_body_construction(item, expected):
    assert bodies(item) == expected


def test_field_labels_on_lines_of_their_own():
    # (the reader may join the lines into one paragraph: each label still opens its own clause)
    got = bodies("Rà soát hồ sơ.\nĐơn vị chủ trì: Sở Y tế\nĐơn vị phối hợp: Sở Tài chính; Sở Xây dựng; Công an tỉnh.")
    assert got == [("Sở Y tế", "lead"), ("Sở Tài chính", "coordinate"), ("Sở Xây dựng", "coordinate"),
                   ("Công an tỉnh", "coordinate")]


def test_the_subject_of_an_unmarked_continuation_paragraph():
    got = bodies("Tăng cường công tác tuyên truyền.\nSở Văn hóa, Thể thao và Du lịch chủ trì, phối hợp với các cơ "
                 "quan báo chí thực hiện.")
    assert got == [("Sở Văn hóa, Thể thao và Du lịch", "lead"), ("các cơ quan báo chí", "coordinate")]
