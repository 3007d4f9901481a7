"""Rules of role assignment and mention boundaries, one made-up sentence each (none from a corpus): the
sentences and the bodies they give are rows of `models/gazetteer/rules.tsv`; what a row cannot say is
tested here."""
import pytest

from pipeline.bodies.stage import bodies_stage, find_bodies, mentions, tokenize
from pipeline.lang import read_tsv
from pipeline.model import Document, Header, Source, Task


def pairs(text, **kw):
    return [(b.name, b.role) for b in find_bodies(text, **kw)]


def _rules():
    for r in read_tsv("rules.tsv"):
        yield pytest.param(r["sentence"].replace("\\n", "\n"), r["expected"],
                           id=f"{r['construction']}: {r['sentence'][:50]}")


@pytest.mark.parametrize("sentence,expected", list(_rules()))
def test_rule(sentence, expected):
    want = [] if expected == "-" else [tuple(x.rsplit("=", 1)) for x in expected.split(" | ")]
    assert pairs(sentence) == want


def test_the_rules_table_holds_every_construction():
    rows = list(read_tsv("rules.tsv"))
    assert len(rows) >= 170 and all(r["construction"] and r["sentence"] and r["expected"] for r in rows)


# ---- directing verbs: the subject oversees, the object leads ------------------------------------


def test_list_of_places_after_a_colon_directs_investors():
    got = pairs("Ủy ban nhân dân các tỉnh: Sơn La, Lai Châu quyết liệt chỉ đạo các chủ đầu tư đẩy nhanh tiến độ.")
    assert got == [("Ủy ban nhân dân các tỉnh", "oversee"), ("Sơn La", "oversee"), ("Lai Châu", "oversee"),
                   ("các chủ đầu tư", "lead")]


# ---- who acts -------------------------------------------------------------------------------------


def test_comrades_with_lower_case_titles():
    got = pairs("Yêu cầu các đồng chí bí thư huyện ủy trực tiếp chỉ đạo.")
    assert got and got[0][1] == "lead" and got[0][0].startswith("các đồng chí bí thư")   # (as printed: GOLD.md)


# ---- mentions: boundaries, lists and collectives ----------------------------------------------------

def test_a_topic_heading_line_without_its_colon_names_its_body():
    got = find_bodies("Trách nhiệm của Sở Khoa học và Công nghệ\nChủ trì tổ chức kiểm tra.")
    assert [(b.name, b.role) for b in got] == [("Sở Khoa học và Công nghệ", "lead")]
    assert find_bodies("Nâng cao trách nhiệm của Sở Y tế\ntrong công tác kiểm tra.") == []


def test_name_ends_before_a_verb_phrase():
    assert [m[2] for m in mentions("Bộ Nội vụ thông báo kết quả.")] == ["Bộ Nội vụ"]


@pytest.mark.parametrize("phrase", ["lãnh đạo, chỉ đạo", "phối hợp, hướng dẫn"])
def test_cue_phrases_with_commas_are_tokenized_like_text(phrase):
    assert "," in tokenize(phrase).norm


def test_spans_and_paragraphs():
    text = "Sở Y tế\n\nphối hợp với | Sở Tài chính"
    toks = tokenize(text)
    assert toks.text == ["Sở", "Y", "tế", "phối", "hợp", "với", "Sở", "Tài", "chính"]
    assert [toks.para[k] for k in range(len(toks))] == [False, False, False, True, False, False, True, False, False]
    assert [text[toks.start(k):toks.end(k)] for k in range(len(toks))] == toks.text


# ---- closing paragraphs of the last item ------------------------------------------------------------

def _doc(text, tasks):
    d = Document(id="t", source=Source("t.txt", "txt"), text=text, header=Header(date="2024-03-01"))
    d.tasks = tasks
    return d


def test_closing_paragraph_of_the_last_item_names_no_body():
    item = ("2. Sở Nội vụ chủ trì tổng hợp kết quả.\n\n"
            "Ủy ban nhân dân tỉnh yêu cầu các sở, ngành nghiêm túc triển khai thực hiện Kế hoạch này.\n")
    first = "1. Sở Xây dựng rà soát quy hoạch.\n\nĐề nghị các sở nghiêm túc thực hiện.\n"
    text = "KẾ HOẠCH\n" + first + item
    s1 = text.index(first)
    s2 = text.index(item)
    tasks = [Task("1", "1.", 1, None, (s1, s1 + len(first)), first),
             Task("2", "2.", 1, None, (s2, s2 + len(item)), item)]
    doc = bodies_stage(_doc(text, tasks))
    assert [(b.name, b.role) for b in doc.tasks[1].bodies] == [("Sở Nội vụ", "lead")]
    # only the last item of the outline loses its closing paragraph
    assert ("các sở", "lead") in [(b.name, b.role) for b in doc.tasks[0].bodies]


def _last_item_bodies(item):
    text = "KẾ HOẠCH\n" + item
    s = text.index(item)
    doc = bodies_stage(_doc(text, [Task("1", "1.", 1, None, (s, s + len(item)), item)]))
    return [(b.name, b.role) for b in doc.tasks[0].bodies]


def test_the_issuer_handing_the_document_on_closes_the_last_item():
    assert _last_item_bodies("1. Sở Y tế chủ trì theo dõi dịch bệnh.\n\nỦy ban nhân dân tỉnh giao Thủ trưởng các "
                             "sở, ngành căn cứ nhiệm vụ được giao triển khai thực hiện Kế hoạch này.\n") == [
        ("Sở Y tế", "lead")]
    # a paragraph that opens with `giao` (or after `Đồng thời,`) assigns a task of the item
    assert _last_item_bodies("1. Sở Y tế chủ trì theo dõi dịch bệnh.\n\nĐồng thời, giao Sở Tài chính bố trí kinh "
                             "phí triển khai thực hiện Kế hoạch này.\n") == [
        ("Sở Y tế", "lead"), ("Sở Tài chính", "lead")]


def test_an_account_of_past_work_assigns_nothing():
    assert pairs("Các đơn vị trực thuộc đã được giao nhiệm vụ phải khẩn trương hoàn thành.")[0][1] == "lead"


def test_report_cue_far_before_the_recipient():
    assert pairs("Hằng tuần gửi báo cáo kết quả triển khai thực hiện của các đơn vị trong cụm phụ trách và các "
                 "đơn vị thực hiện thí điểm về Văn phòng Tỉnh ủy để tổng hợp.")[-1] == (
        "Văn phòng Tỉnh ủy", "report_to")


def test_name_does_not_run_into_the_next_line_list():
    assert [m[2] for m in mentions("Xây dựng cổng thông tin. Bộ Tài chính\nCác bộ, ngành, địa phương phối hợp.")] == [
        "Bộ Tài chính", "Các bộ, ngành, địa phương"]


# ---- people, accounts of past work, acronyms ------------------------------------------------------


def test_an_organ_in_parentheses_names_the_body_before_it():
    # a list of places in parentheses is not merged
    assert pairs("Sở Xây dựng làm việc với các địa phương (Hà Tĩnh, Nghệ An) để thống nhất phương án.")[0] == (
        "Sở Xây dựng", "lead")


# ---- issue 14: constructions of who does what ----------------------------------------------------


def test_lists_with_a_shared_head():
    # one organ named with a determiner is no list
    assert [m[2] for m in mentions("các Sở Y tế")] != ["Y tế"]


@pytest.mark.parametrize("head", ["Kết quả đạt được\n", "VỀ KẾT QUẢ ĐẠT ĐƯỢC\n", "Về tồn tại, hạn chế\n",
                                  "Đối tượng áp dụng\n", "Phạm vi điều chỉnh, đối tượng áp dụng\n"])
def test_sections_that_assess_name_no_body(head):
    item = "Sở Y tế tích cực triển khai tiêm chủng.\n"
    task = "Sở Tài chính chủ trì bố trí kinh phí.\n"
    text = "KẾ HOẠCH\n" + head + item + task
    h, i, t = text.index(head), text.index(item), text.index(task)
    tasks = [Task("1", "1.", 1, None, (h, h + len(head)), head),
             Task("1.1", "a)", 2, "1", (i, i + len(item)), item),
             Task("2", "2.", 1, None, (t, t + len(task)), task)]
    doc = bodies_stage(_doc(text, tasks))
    assert [t.bodies for t in doc.tasks[:2]] == [[], []]
    assert [(b.name, b.role) for b in doc.tasks[2].bodies] == [("Sở Tài chính", "lead")]
    # an order that opens with such a word is a task (`Hạn chế khoan mới ...`)
    order = "Hạn chế khoan mới giếng; Sở Nông nghiệp và Môi trường kiểm tra.\n"
    doc = bodies_stage(_doc(order, [Task("1", "1.", 1, None, (0, len(order)), order)]))
    assert [(b.name, b.role) for b in doc.tasks[0].bodies] == [("Sở Nông nghiệp và Môi trường", "lead")]


@pytest.mark.parametrize("line,expected", [
    ("Đối tượng áp dụng: Sở Y tế, Sở Tài chính.\n", []),
    ("Phạm vi rà soát: Sở Tư pháp tiến hành rà soát các văn bản.\n", [("Sở Tư pháp", "lead")]),
])
def test_a_scope_heading_names_no_body_unless_a_duty_follows_its_colon(line, expected):
    doc = bodies_stage(_doc(line, [Task("1", "1.", 1, None, (0, len(line)), line)]))
    assert [(b.name, b.role) for b in doc.tasks[0].bodies] == expected


def test_a_heading_that_joins_whom_with_what_to_do_keeps_its_tasks():
    # `Đối tượng và thủ tục`: the procedure under it assigns (a scope heading alone does not)
    head, item = "Đối tượng và thủ tục\n", "Chi bộ xem xét, báo cáo Đảng ủy cơ sở.\n"
    text = head + item
    tasks = [Task("1", "1.", 1, None, (0, len(head)), head),
             Task("1.1", "a)", 2, "1", (len(head), len(text)), item)]
    doc = bodies_stage(_doc(text, tasks))
    assert [(b.name, b.role) for b in doc.tasks[1].bodies] == [("Chi bộ", "lead"), ("Đảng ủy cơ sở", "report_to")]


def test_generic_head_with_a_sector_name():
    # an organ named after the generic word is a body of its own
    got = pairs("Phối hợp với cơ quan Sở Y tế.")
    assert ("Sở Y tế", "coordinate") in got and not any(n.startswith("cơ quan Sở") for n, _ in got)


def test_a_ministry_takes_no_provinces_after_it():
    got = pairs("Bộ Xây dựng, Bộ Quốc phòng các tỉnh Ninh Bình, Hưng Yên đôn đốc chủ đầu tư triển khai.")
    assert ("Bộ Quốc phòng", "oversee") in got and not any(n.startswith("Bộ Quốc phòng các") for n, _ in got)


def test_list_item_printed_without_its_head():
    # a field after a comma inside a name is no organ of its own
    assert ("Gia đình", "lead") not in pairs("Cục trưởng Cục Văn hóa cơ sở, Gia đình và Thư viện chịu trách nhiệm.")


# ---- guiding verbs (issue 14) --------------------------------------------------------------------




def test_a_wrapped_name_whose_next_line_opens_no_head_goes_on():
    assert pairs("Giao Hội Liên hiệp\nPhụ nữ tỉnh chủ trì.") == [("Hội Liên hiệp\nPhụ nữ tỉnh", "lead")]
