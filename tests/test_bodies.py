"""Responsible bodies: mentions, roles, canonical names, spans, the stage over a Document, the HTML view."""
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.bodies.stage import bodies_stage, canonical_name, column_role, find_bodies
from pipeline.export import render_html
from pipeline.model import Body, Document, Header, Source, Task


def pairs(text, **kw):
    return [(b.name, b.role) for b in find_bodies(text, **kw)]


# ---- roles on real sentence shapes -------------------------------------------------------------

def test_giao_chu_tri_phoi_hop():
    assert pairs("Thủ tướng giao Bộ Xây dựng chủ trì, phối hợp Bộ Tài chính xem xét, xử lý.") == [
        ("Bộ Xây dựng", "lead"), ("Bộ Tài chính", "coordinate")]


def test_oversee_then_lead():
    assert pairs("Đảng ủy Công an tỉnh lãnh đạo, chỉ đạo Công an tỉnh chủ trì, phối hợp với các ngành chức năng "
                 "có liên quan thực hiện; định kỳ báo cáo Ban Thường vụ Tỉnh ủy.") == [
        ("Đảng ủy Công an tỉnh", "oversee"), ("Công an tỉnh", "lead"),
        ("các ngành chức năng có liên quan", "coordinate"), ("Ban Thường vụ Tỉnh ủy", "report_to")]


def test_only_first_of_a_chain_oversees():
    got = pairs("Ban cán sự đảng Ủy ban nhân dân tỉnh lãnh đạo Ủy ban nhân dân tỉnh chỉ đạo các sở, ngành triển khai.")
    assert got[:2] == [("Ban cán sự đảng Ủy ban nhân dân tỉnh", "oversee"), ("Ủy ban nhân dân tỉnh", "lead")]


def test_report_to_forms():
    assert pairs("Tổng hợp kết quả, báo cáo Thủ tướng Chính phủ trong tháng 5 năm 2025.") == [
        ("Thủ tướng Chính phủ", "report_to")]
    assert pairs("Hoàn thành trước ngày 31/12/2025 và tổng hợp báo cáo về Sở Nông nghiệp và Môi trường.") == [
        ("Sở Nông nghiệp và Môi trường", "report_to")]


def test_trinh_and_kien_nghi_are_not_reporting():
    assert pairs("Xây dựng dự thảo, trình Ủy ban nhân dân tỉnh ban hành.") == []
    assert pairs("Rà soát, kiến nghị Bộ Tư pháp sửa đổi.") == []
    assert pairs("Tham mưu Ủy ban nhân dân thành phố tổ chức thực hiện.") == []


def test_de_nghi_and_heading():
    assert pairs("Đề nghị Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh tăng cường tuyên truyền.") == [
        ("Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh", "lead")]
    assert pairs("Sở Giáo dục và Đào tạo:") == [("Sở Giáo dục và Đào tạo", "lead")]
    assert pairs("Sở Y tế\n\na)") == [("Sở Y tế", "lead")]


def test_issuer_is_not_a_body():
    assert pairs("Ban Thường vụ Tỉnh ủy yêu cầu các cấp ủy, tổ chức đảng thực hiện tốt các nhiệm vụ sau:") == [
        ("các cấp ủy, tổ chức đảng", "lead")]


def test_mentioned_only_is_not_a_body():
    assert pairs("Tăng cường kiểm tra chất lượng nước đối với các đơn vị kinh doanh nước sạch trên địa bàn.") == []


def test_labelled_lines():
    assert pairs("- Đơn vị chủ trì: Vụ Pháp luật quốc tế.") == [("Vụ Pháp luật quốc tế", "lead")]
    assert pairs("- Đơn vị phối hợp: Văn phòng Bộ, Cục Kiểm soát thủ tục hành chính.") == [
        ("Văn phòng Bộ", "coordinate"), ("Cục Kiểm soát thủ tục hành chính", "coordinate")]


def test_default_role_for_table_columns():
    assert pairs("Sở Khoa học và Công nghệ Sở Công Thương; UBND các phường, xã", default_role="coordinate") == [
        ("Sở Khoa học và Công nghệ", "coordinate"), ("Sở Công Thương", "coordinate"),
        ("UBND các phường, xã", "coordinate")]
    assert column_role("Cơ quan chủ trì") == "lead"
    assert column_role("Đơn vị phối hợp") == "coordinate"
    assert column_role("Thời gian hoàn thành") is None


# ---- lists and collectives ------------------------------------------------------------------------

def test_list_of_named_organs_is_split():
    assert pairs("Phối hợp với Sở Nội vụ, Sở Tài chính, Sở Tư pháp và các cơ quan, đơn vị có liên quan.") == [
        ("Sở Nội vụ", "coordinate"), ("Sở Tài chính", "coordinate"), ("Sở Tư pháp", "coordinate"),
        ("các cơ quan, đơn vị có liên quan", "coordinate")]


def test_collectives_kept_whole():
    assert pairs("Các sở, ban, ngành tỉnh, UBND các huyện, thị xã, thành phố tổ chức quán triệt.") == [
        ("Các sở, ban, ngành tỉnh", "lead"), ("UBND các huyện, thị xã, thành phố", "lead")]
    assert pairs("Chủ trì, phối hợp với các bộ, ngành, địa phương liên quan nâng cao hiệu quả.") == [
        ("các bộ, ngành, địa phương liên quan", "coordinate")]


def test_name_with_inner_comma_is_one_organ():
    assert pairs("Bộ Văn hóa, Thể thao và Du lịch chủ trì.") == [("Bộ Văn hóa, Thể thao và Du lịch", "lead")]


def test_names_across_line_breaks_and_markup():
    text = "**4. Sở Nông\nnghiệp và Môi trường**\n\na)"
    got = find_bodies(text)
    assert [(b.name, b.role) for b in got] == [("Sở Nông\nnghiệp và Môi trường", "lead")]
    assert got[0].canonical == "Sở Nông nghiệp và Môi trường"


# ---- canonical names -------------------------------------------------------------------------------

def test_canonical_with_locality():
    b = find_bodies("UBND tỉnh chủ trì thực hiện.", locality="Tiền Giang", doc_date="2023-05-10")[0]
    assert b.canonical == "Ủy ban nhân dân tỉnh Tiền Giang"
    b = find_bodies("Ban Tuyên giáo Tỉnh ủy chủ trì.", locality="Tiền Giang", doc_date="2023-05-10")[0]
    assert b.canonical == "Ban Tuyên giáo Tỉnh ủy Tiền Giang"
    b = find_bodies("Giao Sở Y tế chủ trì.", locality="Cần Thơ", doc_date="2025-11-18")[0]
    assert b.canonical == "Sở Y tế thành phố Cần Thơ"
    b = find_bodies("UBND Thành phố chủ trì.", locality="Hà Nội", doc_date="2025-11-18")[0]
    assert b.canonical == "Ủy ban nhân dân thành phố Hà Nội"


def test_canonical_follows_merges():
    # a Tiền Giang organ on a date after the merger is Đồng Tháp's
    assert canonical_name("UBND tỉnh", "Ủy ban nhân dân tỉnh", "Tiền Giang", dt.date(2025, 8, 1)) == \
        "Ủy ban nhân dân tỉnh Đồng Tháp"
    assert canonical_name("UBND tỉnh Bình Dương", None, None, "2025-09-01") == \
        "Ủy ban nhân dân thành phố Hồ Chí Minh"
    assert canonical_name("UBND tỉnh Bình Dương", None, None, "2024-09-01") == "Ủy ban nhân dân tỉnh Bình Dương"
    b = find_bodies("Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ LĐ-TB&XH.", doc_date="2025-05-10")
    assert [x.canonical for x in b] == ["Bộ Tài chính", "Bộ Nội vụ"]
    b = find_bodies("Bộ Kế hoạch và Đầu tư chủ trì, phối hợp với Bộ LĐ-TB&XH.", doc_date="2019-05-10")
    assert [x.canonical for x in b] == ["Bộ Kế hoạch và Đầu tư", "Bộ Lao động - Thương binh và Xã hội"]


def test_collective_canonical_has_no_locality():
    b = find_bodies("Các cơ quan, đơn vị có liên quan có trách nhiệm thực hiện.", locality="Tiền Giang")[0]
    assert b.canonical == "Các cơ quan, đơn vị có liên quan"


# ---- spans -----------------------------------------------------------------------------------------

PIECES = ["Giao ", "Sở Nội vụ", " chủ trì", ", phối hợp với ", "Sở Tài chính", ", ", "các cơ quan liên quan",
          "; báo cáo kết quả về ", "UBND tỉnh", ". ", "\n", "**", "Ban cán sự đảng Ủy ban nhân dân tỉnh",
          " lãnh đạo ", "Công an tỉnh", " (", ")", "Bộ Văn hóa, Thể thao và Du lịch", "các sở, ban, ngành", ":",
          "các Bộ: ", "Tài chính", " và ", "Y tế"]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=14), st.sampled_from([None, "Tiền Giang", "Hà Nội"]))
def test_spans_are_exact(parts, loc):
    text = "".join(parts)
    for b in find_bodies(text, locality=loc, doc_date="2024-03-01"):
        printed = text[b.span[0]:b.span[1]]
        assert (f"{b.shared_head} {printed}" if b.shared_head else printed) == b.name
        assert b.role in {"lead", "coordinate", "oversee", "report_to"}
        assert b.name == b.name.strip() and b.name


# ---- the stage over a Document ---------------------------------------------------------------------

def _doc(text, tasks, locality="Tiền Giang", date="2023-05-10"):
    d = Document(id="t", source=Source("t.txt", "txt"), text=text,
                 header=Header(date=date, locality=locality))
    d.tasks = tasks
    return d


def test_bodies_stage_shifts_spans_and_inherits():
    head = "1. Sở Giáo dục và Đào tạo:\n"
    a = "a) Chủ trì, phối hợp với Sở Tài chính xây dựng kế hoạch.\n"
    b = "b) Tổ chức tập huấn cho giáo viên.\n"
    text = "CHỈ THỊ\n" + head + a + b
    s0 = text.index(head)
    s1 = s0 + len(head)
    s2 = s1 + len(a)
    tasks = [Task("1", "1.", 1, None, (s0, s1), head),
             Task("1.1", "a)", 2, "1", (s1, s2), a),
             Task("1.2", "b)", 2, "1", (s2, s2 + len(b)), b)]
    doc = bodies_stage(_doc(text, tasks))
    t1, t11, t12 = doc.tasks
    assert [(x.name, x.role, x.inherited) for x in t1.bodies] == [("Sở Giáo dục và Đào tạo", "lead", False)]
    assert t1.bodies[0].canonical == "Sở Giáo dục và Đào tạo tỉnh Tiền Giang"
    assert [(x.name, x.role, x.inherited) for x in t11.bodies] == [("Sở Tài chính", "coordinate", False)]
    assert [(x.name, x.role, x.inherited) for x in t12.bodies] == [("Sở Giáo dục và Đào tạo", "lead", True)]
    for t in doc.tasks:
        for x in t.bodies:
            assert doc.text[x.span[0]:x.span[1]] == x.name
    assert t12.to_dict()["bodies"][0]["inherited"] is True


def test_bodies_stage_table_rows():
    row = ("1 | Khảo sát hạ tầng viễn thông | Ban Quản lý các khu công nghệ cao | Sở Khoa học và Công nghệ, "
           "Sở Công Thương | Quý IV/2025")
    text = "PHỤ LỤC\n" + row + "\n"
    base = text.index(row)
    cells = {}
    for header, piece in [("Nội dung nhiệm vụ", "Khảo sát hạ tầng viễn thông"),
                          ("Cơ quan chủ trì", "Ban Quản lý các khu công nghệ cao"),
                          ("Cơ quan phối hợp", "Sở Khoa học và Công nghệ, Sở Công Thương"),
                          ("Thời gian", "Quý IV/2025")]:
        s = text.index(piece)
        cells[header] = (s, s + len(piece))
    t = Task("A1.1", "1", 2, None, (base, base + len(row)), row, kind="row", cells=cells)
    doc = bodies_stage(_doc(text, [t]))
    got = [(x.name, x.role) for x in doc.tasks[0].bodies]
    assert got == [("Ban Quản lý các khu công nghệ cao", "lead"), ("Sở Khoa học và Công nghệ", "coordinate"),
                   ("Sở Công Thương", "coordinate")]
    for x in doc.tasks[0].bodies:
        assert doc.text[x.span[0]:x.span[1]] == x.name


def test_bodies_stage_reads_a_repeated_text_once_and_gives_each_task_its_own_bodies():
    # the same cell in two rows of a table, the same item under two sections: read once, each its own spans
    item = "Sở Tài chính chủ trì, phối hợp với Sở Y tế thẩm định kinh phí."
    text = "KẾ HOẠCH\n1. " + item + "\n2. " + item + "\n"
    s1, s2 = text.index(item), text.rindex(item)
    tasks = [Task("1", "1.", 1, None, (s1, s1 + len(item)), item), Task("2", "2.", 1, None, (s2, s2 + len(item)), item)]
    doc = bodies_stage(_doc(text, tasks))
    one, two = (t.bodies for t in doc.tasks)
    assert [(x.name, x.role) for x in one] == [(x.name, x.role) for x in two] == [("Sở Tài chính", "lead"),
                                                                                ("Sở Y tế", "coordinate")]
    assert [x.span[0] - s1 for x in one] == [x.span[0] - s2 for x in two]
    assert all(a is not b for a, b in zip(one, two, strict=True))
    for x in one + two:
        assert doc.text[x.span[0]:x.span[1]] == x.name


# ---- HTML view -------------------------------------------------------------------------------------

def test_render_html_escapes_and_highlights():
    text = "1. Sở Y tế <script>alert(1)</script> chủ trì & báo cáo."
    t = Task("1", "1.", 1, None, (0, len(text)), text)
    doc = bodies_stage(_doc(text, [t]))
    assert doc.tasks[0].bodies and doc.tasks[0].bodies[0].name == "Sở Y tế"
    doc.tasks[0].bodies.append(Body("Sở Y tế", "lead", (3, 10), inherited=True))
    page = render_html(doc)
    assert page.startswith("<!DOCTYPE html>")
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "Sở Y tế" in page and "LEAD" in page
    assert page.count("<mark") == 1
