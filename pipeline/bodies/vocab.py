"""Phrase tables of the bodies stage: organ heads, level words, modifiers, positions, collective
cues and the role cues (`phối hợp`, `báo cáo ... về`, `giao`, `chỉ đạo` ...), each a `Seqs` of token
norms (tokenized like running text), with the word sets that bound names and lists.
"""
from __future__ import annotations

from pipeline.bodies.tokens import _TOKEN, Seqs, _seq, norm_token

# organ heads that start a productive name when followed by a capitalised word, a level word or a province
HEADS = _seq(
    "Sở", "Ban", "Bộ", "Cục", "Tổng cục", "Vụ", "Phòng", "Trung tâm", "Viện", "Học viện", "Hội",
    "Liên đoàn", "Ủy ban", "Uỷ ban", "Uy ban", "UBND", "HĐND", "Ủy ban nhân dân", "Uỷ ban nhân dân", "Hội đồng nhân dân",
    "Công an", "Đảng ủy", "Đảng uỷ", "Đảng đoàn", "Ban cán sự đảng", "Chi bộ", "Chi cục", "Tổng công ty", "Công ty",
    "Tập đoàn", "Ngân hàng", "Kho bạc", "Đài", "Báo", "Văn phòng", "Thanh tra", "Tòa án", "Viện kiểm sát",
    "Bảo hiểm xã hội", "BHXH", "Bộ Chỉ huy", "Bộ Tư lệnh", "Quân khu", "Ban Quản lý", "Ban Chỉ đạo", "BCĐ",
    "Tổ công tác", "Hội đồng", "Ủy ban MTTQ", "UBMTTQ", "MTTQ", "Mặt trận Tổ quốc", "Tỉnh đoàn", "Thành đoàn",
    "Huyện ủy", "Thành ủy", "Tỉnh ủy", "Thị ủy", "Quận ủy", "Đoàn", "Trường", "Đại học", "Ban Thường vụ",
    "Thường trực", "Đồn", "Hạt", "Cảng vụ", "Ủy ban Kiểm tra", "Trung ương", "Hiệp hội", "Tổ",
    "Ban Công tác", "Ban Công tác Mặt trận",      # `Công` after a head is no organ word (`Ban công bố`) but here
    # positions
    "Thủ tướng", "Thủ tướng Chính phủ", "Phó Thủ tướng", "Phó Thủ tướng Chính phủ", "Bộ trưởng", "Thứ trưởng",
    "Chủ tịch", "Phó Chủ tịch", "Giám đốc", "Phó Giám đốc", "Thủ trưởng", "Bí thư", "Phó Bí thư", "Trưởng ban",
    "Chánh Văn phòng", "Tổng Giám đốc", "Người đứng đầu", "người đứng đầu", "Chánh Thanh tra", "Tổng cục trưởng",
    "Cục trưởng", "Vụ trưởng", "Trưởng Ban", "Tổng Thanh tra", "Chính phủ", "Quốc hội", "Lực lượng", "lực lượng",
    # the head of a steering committee, `chỉ đạo` often in lower case (`Trưởng ban chỉ đạo`): no verb
    "Trưởng Ban Chỉ đạo", "Phó Trưởng Ban Chỉ đạo",
)
# heads that name a body on their own (no name needed after them)
STANDALONE = _seq("UBND", "HĐND", "Chính phủ", "Quốc hội", "Thủ tướng", "Thủ tướng Chính phủ", "Phó Thủ tướng", "Trung ương",
                  "Tỉnh đoàn", "Thành đoàn", "Tỉnh ủy", "Thành ủy", "Huyện ủy", "Thị ủy", "Quận ủy",
                  "Phó Thủ tướng Chính phủ", "MTTQ", "Thường trực")
# a head followed by these is not an organ (`Bộ luật`, `Ban hành`, `Phòng, chống`, `Hội nghị`)
NOT_AFTER_HEAD = {norm_token(w) for w in (
    "luật", "tiêu", "chỉ", "quy", "công", "máy", "phận", "đội", "hành", "nghị", "thảo", "chống", "ngừa",
    "hữu", "việc", "thi", "diễn", "tích", "dung", "hồ", "mặt", "sung", "ngành", "nghề", "học", "tin",
    "viên", "thị", "chí", "số", "mẫu", "năm", "tháng", "ngày", "hợp", "ngũ", "đồng", "chức")}
LEVEL_WORDS = _seq("tỉnh", "thành phố", "huyện", "quận", "thị xã", "xã", "phường", "thị trấn", "đặc khu",
                   "cấp tỉnh", "cấp huyện", "cấp xã", "cấp cơ sở", "Trung ương", "trung ương", "trực thuộc Trung ương",
                   "Thành phố", "Tỉnh", "huyện, thị xã, thành phố", "cấp trên", "cấp dưới", "cơ sở")
MODIFIERS = _seq("Đảng", "các cấp", "cùng cấp", "có liên quan", "liên quan", "chức năng", "trực thuộc", "cấp trên", "cấp dưới", "cấp tỉnh",
                 "cấp huyện", "cấp xã", "cấp cơ sở", "của tỉnh", "của Thành phố", "của thành phố", "trên địa bàn",
                 "trên địa bàn tỉnh", "trên địa bàn thành phố", "thuộc tỉnh", "thuộc thành phố", "tỉnh", "thành phố",
                 "Thành phố", "Trung ương", "ở Trung ương", "trực thuộc Trung ương", "địa phương", "đoàn thể",
                 "chính trị - xã hội", "thuộc Chính phủ", "ngang bộ", "ngang Bộ", "chủ quản", "quản lý", "khác",
                 "có thẩm quyền", "thẩm quyền", "báo chí", "thông tin", "viễn thông", "tỉnh, thành phố",
                 "đầu tư", "thi công", "tư vấn", "kinh tế", "xã hội", "kinh tế, xã hội", "nhà nước",
                 "quản lý nhà nước", "cấp nước", "trực thuộc tỉnh", "trên địa bàn Thành phố",
                 # nouns that name the kind of unit (`các tổ chức thành viên`, `đơn vị chuyên môn`, `bộ phận kỹ thuật`)
                 "thành viên", "chuyên môn", "kỹ thuật", "chuyên trách", "nghiệp vụ", "phổ thông", "khối",
                 "vũ trang", "quân đội",
                 # below the commune: `chi ủy thôn`, `Ban công tác Mặt trận khu dân cư`
                 "thôn", "ấp", "bản", "tổ dân phố", "khu dân cư", "khu phố")
# organ heads that, capitalised and alone after `thuộc`, name the organ the text speaks for (`các đơn vị
# thuộc Bộ`, `Thủ trưởng đơn vị thuộc cơ quan Bộ`): part of a collective's name
OWNER_HEADS = frozenset({"bộ", "sở", "ban", "cục", "tỉnh", "ubnd", "viện", "đoàn", "hội"})
# the words that close a qualifier of a collective (`các đơn vị xây dựng pháp luật có liên quan`)
RELATED = _seq("có liên quan", "liên quan", "khác có liên quan", "khác liên quan")
# plural organ heads shared by the names of a list (`Các Bộ: Tài chính, Công Thương`, `các tập đoàn A, B`)
SHARED_HEADS = _seq("bộ", "sở", "ban", "cục", "vụ", "tổng cục", "tập đoàn", "tổng công ty", "công ty", "ngân hàng",
                    "viện", "học viện", "trường", "hội", "bệnh viện", "trung tâm", "chi cục", "đại học")
# committees named by the organs of a kind they serve (`đảng ủy các bộ`, `chi bộ các thôn`): with `các` and
# a plural head after them they are one body, and the first word of a new member of a list
GENITIVE_HEADS = set(_seq("đảng ủy", "đảng uỷ", "chi bộ", "chi ủy", "chi uỷ", "ban cán sự đảng", "đảng đoàn"))
# fields inside organ names whose words open verb phrases elsewhere (`xây dựng`, `bảo vệ`, `phát triển`):
# matched whole, they continue a name after its lower-case words (`Ban QLDA đầu tư xây dựng tỉnh`, `Trung
# tâm Hỗ trợ phát triển doanh nghiệp`, `Chi cục Trồng trọt và bảo vệ thực vật`); `Trung tâm Y tế xây dựng
# kế hoạch` stays a verb phrase
NAME_FIELDS = _seq("đầu tư xây dựng", "bảo vệ thực vật", "bảo vệ môi trường", "bảo vệ rừng", "phát triển nông thôn",
                   "hỗ trợ phát triển", "trợ phát triển", "kiểm soát bệnh tật", "phục vụ hành chính công",
                   "giáo dục nghề nghiệp", "giáo dục thường xuyên", "cứu nạn, cứu hộ", "tìm kiếm cứu nạn",
                   "bảo trợ xã hội", "đăng ký đất đai", "khám, chữa bệnh", "phát triển quỹ đất", "xúc tiến thương mại",
                   "xúc tiến đầu tư", "quản lý thị trường", "quản lý dự án")
DESCRIPTIVE = _seq("Ban Quản lý", "Ban Chỉ đạo", "Tổ công tác", "Hội đồng", "Trung tâm", "Ban Công tác",
                   "Ủy ban bầu cử", "Tổ bầu cử", "Ban bầu cử", "Ban Công tác Mặt trận")
POSITIONS = _seq("Thủ trưởng", "Người đứng đầu", "người đứng đầu", "Giám đốc", "Chủ tịch", "Lãnh đạo",
                 "Bí thư", "Các đồng chí Bí thư")
POSITIONS_ALL = _seq("Thủ trưởng", "Người đứng đầu", "Giám đốc", "Chủ tịch", "Bộ trưởng", "Bí thư", "Lãnh đạo",
                     "đồng chí Bí thư", "đồng chí Bộ trưởng", "Tổng Giám đốc", "Trưởng ban")
BARE_KINDS: set[str] = set()
BARE_OK = set(_seq("cơ quan", "đơn vị", "địa phương", "doanh nghiệp", "nhà đầu tư", "chủ đầu tư", "nhà thầu",
                   "chính quyền", "đoàn thể", "cấp ủy", "cấp uỷ", "tổ chức đảng", "cơ quan chủ quản",
                   "cơ quan báo chí", "cơ quan thông tin", "trung tâm", "cấp có thẩm quyền", "cấp thẩm quyền",
                   "đoàn cơ sở", "đoàn cấp huyện", "đoàn cấp tỉnh", "ban chuyên môn", "chi ủy", "chi uỷ",
                   "bộ phận"))
# the parties of an investment project listed together are separate bodies (`chủ đầu tư, nhà đầu tư, nhà
# thầu`): each answers for its own part of the work
PROJECT_PARTIES = set(_seq("chủ đầu tư", "nhà đầu tư", "nhà thầu"))
_BARE_BEFORE = {",", "với", "về", "giao", "cho", ":", "và", "nghị", "cầu", "dẫn", "công", "khích", "đạo", "do",
                "đốc", "cáo", "xuất", ")"}
DETERMINERS = {"các", "những", "mọi", "mỗi", "toàn", "từng", "tất"}

CUE_COORD = _seq("phối hợp chặt chẽ với", "phối hợp chặt chẽ", "phối hợp với", "phối hợp", "kết hợp với",
                 "cùng với", "phối hợp cùng", "tham gia cùng", "với sự phối hợp của", "sự phối hợp của",
                 "phối hợp, hướng dẫn", "phối hợp và hướng dẫn", "phối hợp tốt với", "phối hợp thực hiện với",
                 "làm việc với", "làm việc cụ thể với",
                 # between parties, and taking part: `phối hợp giữa A, B`, `phối hợp, hỗ trợ A`, `với sự tham gia của A`
                 "phối hợp giữa", "sự phối hợp giữa", "phối hợp, hỗ trợ", "phối hợp và hỗ trợ", "phối hợp, giúp đỡ",
                 "với sự tham gia của", "có sự tham gia của", "có sự phối hợp của",
                 # OCR that drops a tone mark (`phôi hợp`)
                 "phôi hợp với", "phôi hợp", "phôi hợp chặt chẽ với")
CUE_REPORT = _seq("báo cáo và tham mưu", "báo cáo, tham mưu", "báo cáo", "gửi", "phản ánh", "báo cáo kết quả", "xin ý kiến", "báo cáo tình hình",
                  "báo cáo, đề xuất", "đề xuất, báo cáo", "báo cáo, kiến nghị", "kịp thời báo cáo",
                  "báo cáo ngay", "đăng ký với", "báo cáo với", "báo cáo ngay với", "thông báo với")
# forwarding a case to a body for handling makes it the lead (`chuyển đơn đến UBND xã để giải quyết`)
CUE_FORWARD = _seq("chuyển đến", "chuyển ngay đến", "chuyển đơn đến", "chuyển hồ sơ đến", "chuyển đơn ngay đến",
                   "chuyển ngay đơn đến")
# words before `báo cáo` that make it a noun (`theo báo cáo`, `tại Báo cáo số ...`): no reporting cue
REPORT_AS_NOUN = frozenset({"theo", "tại", "cứ", "qua", "các", "những", "trong"})
# verbs of carrying out before a fronted source (`Thực hiện theo chỉ đạo của X, ...`)
CARRY_OUT = _seq("thực hiện", "triển khai", "tiếp tục thực hiện", "quán triệt")
# openers of a fronted phrase that names a source (`Theo báo cáo của X, ...`, `Căn cứ đề nghị của X, ...`)
FRONTED_SOURCE = _seq("theo", "căn cứ", "trên cơ sở", "qua", "tiếp theo")
# verbs of doing right after `được X` that make X the doer of the task stated in the passive (`Bản tin ...
# được Sở X biên soạn hằng tháng`); approval, consent, designation and delegation after `được X` (`được UBND
# tỉnh phê duyệt`, `được Ban Thường vụ đồng ý`, `được ... ủy quyền`) tell who allowed it and name no body
PASSIVE_DO = _seq("biên soạn", "soạn thảo", "tổ chức", "thực hiện", "triển khai", "xây dựng", "cập nhật",
                  "theo dõi", "tổng hợp", "vận hành", "duy trì", "phát hành", "quản lý", "bảo quản", "lưu trữ",
                  "thu thập", "công bố", "đăng tải", "rà soát", "kiểm tra", "giám sát", "hướng dẫn", "bảo đảm",
                  "đảm bảo", "chủ trì", "tiếp nhận", "xử lý", "giải quyết", "cung cấp", "chi trả", "đào tạo")
CUE_REPORT_TO = _seq("về", "lên", "đến", "tới", "cho", "với")
CUE_LEAD = _seq("do", "hướng dẫn", "phân công", "giao", "giao cho", "yêu cầu", "đề nghị", "kính đề nghị", "đề nghị các",
                "phân công", "đồng chí", "các đồng chí", "riêng", "trong đó", "đồng thời",
                "ngoài ra", "tiếp tục giao", "thống nhất giao", "đồng ý giao", "chỉ đạo", "lãnh đạo, chỉ đạo",
                "lãnh đạo", "hướng dẫn, chỉ đạo", "chỉ đạo, hướng dẫn", "và chỉ đạo", "giao trách nhiệm cho")
CUE_NONE = _seq("trình", "kiến nghị", "tham mưu", "tham mưu cho", "giúp", "đề xuất", "xin", "theo", "của",
                "thuộc", "với", "tại", "cho")
CUE_OVERSEE = _seq("lãnh đạo, chỉ đạo", "chỉ đạo", "lãnh đạo", "trực tiếp chỉ đạo", "lãnh đạo và chỉ đạo",
                   "tiếp tục lãnh đạo, chỉ đạo", "tiếp tục chỉ đạo", "chỉ đạo, hướng dẫn", "lãnh đạo, chỉ đạo các",
                   "chỉ đạo các")
# a directing verb between a subject and the next mention: the subject oversees, the object leads
CUE_DIRECT = _seq("chỉ đạo", "lãnh đạo, chỉ đạo", "đôn đốc", "theo dõi, đôn đốc", "kiểm tra, đôn đốc",
                  "hướng dẫn, chỉ đạo", "chỉ đạo, hướng dẫn", "chỉ đạo, đôn đốc", "đôn đốc, chỉ đạo",
                  "đôn đốc, hướng dẫn", "lãnh đạo", "phân công")
# guiding verbs: the organs guided to do the work lead (`hướng dẫn Sở Y tế triển khai`)
GUIDE = _seq("hướng dẫn", "hướng dẫn, đôn đốc", "hướng dẫn, kiểm tra", "hướng dẫn, chỉ đạo", "chỉ đạo, hướng dẫn",
             "hướng dẫn, kiểm tra, đôn đốc", "kiểm tra, hướng dẫn", "đôn đốc, hướng dẫn")
# ... where the subject keeps its lead role too (`chủ trì`, `giao X trực tiếp kiểm tra, đôn đốc Y`)
LEAD_KEEP = _seq("chủ trì", "trực tiếp kiểm tra")
CUE_OVERSEE_OF = _seq("sự chỉ đạo của", "theo chỉ đạo của", "như chỉ đạo của",
                      "sự lãnh đạo, chỉ đạo của", "lãnh đạo, chỉ đạo của")
_NONE_STRICT = _seq("trình", "kiến nghị", "tham mưu", "giúp", "đề xuất", "ghi nhận", "biểu dương")
LABELS_ROLE = {}
for _w in ("cơ quan", "đơn vị", "bộ phận", "cơ quan, đơn vị", ""):
    for _v, _r in (("chủ trì", "lead"), ("thực hiện", "lead"), ("chủ trì thực hiện", "lead"), ("đầu mối", "lead"),
                   ("phối hợp", "coordinate"), ("phối hợp thực hiện", "coordinate"), ("chịu trách nhiệm", "lead")):
        LABELS_ROLE[tuple(norm_token(x) for x in _TOKEN.findall(f"{_w} {_v}"))] = _r
LABELS = Seqs(LABELS_ROLE)
# words of a field label `Đơn vị ...:` that say the list after it is chosen or acted on (no assignment),
# or receives reports
FIELD_NONE = _seq("được chọn", "được lựa chọn", "lựa chọn", "chọn", "thí điểm", "tham dự", "dự", "được kiểm tra",
                  "được giám sát", "được khảo sát", "được thanh tra")
FIELD_REPORT = _seq("nhận báo cáo", "tiếp nhận báo cáo", "nhận", "tiếp nhận")
LEAD_STRONG = _seq("có trách nhiệm", "chịu trách nhiệm", "chủ trì", "chủ động", "phối hợp", "khẩn trương",
                   "tiếp tục", "triển khai", "cần", "phải", "thực hiện")
ISSUER_VERBS = _seq("ghi nhận", "biểu dương", "đánh giá cao", "nhấn mạnh", "yêu cầu", "chỉ thị", "quyết định", "giao", "đề nghị", "thông báo", "kết luận", "ý kiến",
                    "xin thông báo", "ban hành", "hướng dẫn", "cơ bản thống nhất", "nhất trí", "cơ bản nhất trí",
                    "hoan nghênh", "khen ngợi")
LEAD_VERBS = _seq("chủ trì", "có trách nhiệm", "chịu trách nhiệm", "chủ động", "khẩn trương", "tiếp tục",
                  "thực hiện", "phối hợp", "triển khai", "tổ chức", "là cơ quan", "làm", "tham mưu", "theo dõi",
                  "hướng dẫn", "rà soát", "xây dựng", "nghiên cứu", "đẩy nhanh", "đẩy mạnh", "tăng cường",
                  "quan tâm", "bố trí", "cần", "phải", "sớm", "nghiêm túc", "căn cứ", "theo chức năng", "đảm bảo",
                  "bảo đảm", "kịp thời", "thường xuyên", "tập trung", "có", "cần có", "được giao", "thực hiện tốt",
                  "nâng cao", "phát huy", "quán triệt", "tuyên truyền", "vận động", "hoàn thành", "hoàn thiện",
                  "chuẩn bị", "kiểm tra", "giám sát", "đôn đốc", "ưu tiên", "chỉ đạo", "lãnh đạo", "xem xét",
                  "chịu", "tiến hành", "phân công", "cử", "lựa chọn", "thảo luận", "đăng ký", "tiếp nhận", "duy trì", "theo", "trong phạm vi",
                  "được", "ban hành", "sử dụng", "cập nhật", "tổng hợp", "báo cáo", ":")
# prepositions that make the list after them a complement, never a subject
_GOVERNS = {"của", "tại", "với", "cho", "về", "đến", "tới", "trong", "giữa", "từ", "theo", "thuộc", "và", "ở",
            "được", "bị"}       # `đã được Quốc hội, Chính phủ thông qua`: the agent of a passive
_LEAD_AT_START = {("do",), ("hướng", "dẫn"), ("phân", "công")}
LEVEL_FIRST = {"tỉnh", "thành", "huyện", "quận", "xã", "phường", "địa"}
# lower-case words that begin verb phrases but also occur inside organ names (`Quản lý`, `Tổ chức`)
_NAME_WORDS = {"quản", "tổ", "kiểm", "xây", "phát", "hướng", "tuyên", "dân"}
# verb phrases of two or more words (`thông báo`, `chuẩn bị`, `ghi nhận`): a lower-case word that starts
# one ends a productive name (`Bộ X thông báo`, `Ban Kiểm tra chuẩn bị tài liệu`)
VERB_STOP = Seqs(q for v in (LEAD_VERBS, ISSUER_VERBS, CUE_COORD, CUE_REPORT, CUE_LEAD, CUE_NONE, CUE_OVERSEE,
                             CUE_DIRECT, _NONE_STRICT) for q in v if len(q) >= 2 and q[0] not in _NAME_WORDS)
_VERB_STOP_FIRST = frozenset(VERB_STOP.idx)
FILLER = {",", "-", "–", "—", "+", "•", ".", ")", "(", "“", "”", "\"", "'", "…"}

_PUNCT_LIST = {",", "và", ";", "/", "(", ")", "cùng", "hoặc"}

# words that open a new line of a table cell or sentence, never the rest of a wrapped name
LINE_OPENERS = frozenset({"vào", "ngày", "tháng", "năm", "quý", "trước", "sau", "từ", "đến", "trong", "tại", "theo"})
# aspect words after a name open its verb phrase (`Ban chỉ đạo đã giao`, `... đang triển khai`)
ASPECT = frozenset({"đã", "đang", "sẽ", "không", "chưa", "cũng", "vẫn", "đều", "luôn"})
# first words of `Đ/c`, `đồng chí`, `ông`, `bà` before a person's name
PERSON_MARKER_FIRST = frozenset({"đ/c", "ông", "bà", "đồng"})
# verbs after which `lãnh đạo` is the leaders of the organ that follows (who receive or decide)
TO_LEADERS = _seq("báo cáo", "trình", "xin ý kiến", "tham mưu", "tham mưu cho", "đề xuất", "kiến nghị", "gửi",
                  "xin ý kiến của", "đề nghị")
# the duties that make the words before them a subject (`bộ phận xử lý đơn thư phải ...`)
DUTY = _seq("phải", "cần", "có trách nhiệm", "chịu trách nhiệm", "chủ trì", "chủ động", "khẩn trương")
# openings of the heading of a section that assesses or describes instead of assigning (`1. Kết quả đạt
# được`, `ĐÁNH GIÁ CHUNG`, `Tình hình triển khai`, `Hạn chế, tồn tại`): the section names no body
BACKGROUND_HEADINGS = _seq("kết quả đạt được", "kết quả thực hiện", "kết quả hoạt động", "kết quả triển khai",
                           "kết quả chỉ đạo", "những kết quả", "một số kết quả", "kết quả", "tình hình",
                           "đánh giá chung", "đánh giá tình hình", "thực trạng", "bối cảnh", "ưu điểm",
                           "hạn chế", "tồn tại", "nguyên nhân", "bài học kinh nghiệm", "khó khăn, vướng mắc",
                           "những khó khăn", "đặc điểm tình hình", "kết quả đạt được và hạn chế")
# ... unless the heading is an order about them (`Tình hình mới đòi hỏi`, `Hạn chế khoan mới giếng`):
# a heading that goes on with a verb of doing is a task
NOT_BACKGROUND = _seq("hạn chế tối đa", "hạn chế khoan", "hạn chế sử dụng", "hạn chế việc", "kết quả thực hiện báo cáo")
