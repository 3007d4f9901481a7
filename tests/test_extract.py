"""Properties every record must have, over the shipped corpora and generated input."""
import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pipeline import ChithiError, extract
from pipeline.cli import main

from .conftest import DEV, SAMPLE, corpus_files

# The five seed documents are in the sample too (byte for byte), so `corpora/seeds` adds nothing here.
FILES = corpus_files(SAMPLE, DEV)


def assert_spans_exact(doc):
    text = doc.text
    d = doc.to_dict()
    h = d["header"]
    for k, (s, e) in h["spans"].items():
        assert 0 <= s <= e <= len(text), k
    if h["issuer"]:
        s, e = h["issuer"]["span"]
        assert 0 <= s < e <= len(text)
    for t in d["tasks"]:
        assert text[t["span"][0]:t["span"][1]] == t["text"]
        for b in t["bodies"]:
            # an item of a list with a shared head (`Các Bộ: Tài chính, ...`) is named with the head
            printed = text[b["span"][0]:b["span"][1]]
            assert (f'{b["shared_head"]} {printed}' if b.get("shared_head") else printed) == b["name"]
        for dl in t["deadlines"]:
            assert text[dl["span"][0]:dl["span"][1]] == dl["text"]
    for c in d["citations"]:
        assert text[c["span"][0]:c["span"][1]] == c["text"]
        if c.get("sentence"):
            assert c["sentence"][0] <= c["span"][0] < c["sentence"][1]
    prev_end = 0
    for s, e in d["sentences"]:
        assert prev_end <= s < e <= len(text) and text[s:e] == text[s:e].strip()
        prev_end = e
    for w in d["warnings"]:
        for s, e in w.get("spans", []):
            assert 0 <= s <= e <= len(text)
    spans = d["source"]["page_spans"]
    assert spans and spans[0][0] == 0 and spans[-1][1] == len(text)
    json.dumps(d, ensure_ascii=False)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_spans_are_exact_on_real_documents(path):
    doc = extract(path)
    assert doc.text and doc.id and len(doc.id) == 64
    assert_spans_exact(doc)
    assert not [w for w in doc.warnings if w.code == "stage-error"], doc.warnings


_vi_words = st.sampled_from(["Số:", "12/CT-UBND", "08-CT7TU", "ngày", "15/6/2024", "tháng", "năm", "2025", "I.", "1.",
                             "1.1.", "a)", "-", "+", "Sở Nội vụ", "chủ trì,", "phối hợp với", "UBND tỉnh", "báo cáo về",
                             "trước ngày 10 hằng tháng", "Căn cứ", "Nơi nhận:", "KT. CHỦ TỊCH", "Chỉ thị số 05/CT-TTg",
                             "|", "**", "Uỷ ban", "quý II/2024", "thường xuyên", "(gọi tắt là Đề án 06)", "\n", "\n\n"])


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_vi_words, min_size=1, max_size=60).map(" ".join))
def test_generated_documents_keep_exact_spans(text):
    try:
        doc = extract(text)
    except ChithiError:
        return
    assert_spans_exact(doc)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=2000) | st.text(max_size=2000))
def test_extract_raises_only_typed_errors(data):
    try:
        doc = extract(data if isinstance(data, bytes) else data, path="fuzz")
    except ChithiError:
        return
    assert_spans_exact(doc)


def test_typed_errors_for_bad_input(tmp_path):
    from pipeline.errors import CorruptInputError, EmptyDocumentError, InputError, UnsupportedFormatError
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "bin.dat").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "fake.pdf").write_bytes(b"this is not a pdf")
    with pytest.raises(EmptyDocumentError):
        extract(tmp_path / "empty.txt")
    with pytest.raises(UnsupportedFormatError):
        extract(tmp_path / "bin.dat")
    with pytest.raises(CorruptInputError):
        extract(tmp_path / "fake.pdf")
    with pytest.raises(InputError):
        extract(tmp_path / "missing.txt")


def test_cli_exit_codes(tmp_path, capsys):
    good = tmp_path / "a.txt"
    good.write_text("Số: 12/CT-UBND\nCHỈ THỊ\nVề thử nghiệm\n1. Sở Nội vụ chủ trì.", encoding="utf-8")
    out = tmp_path / "out.jsonl"
    assert main(["extract", str(good), "-o", str(out)]) == 0
    rec = json.loads(out.read_text(encoding="utf-8").splitlines()[0])
    assert rec["schema_version"] == "1" and rec["header"]["symbol"] == "12/CT-UBND"
    assert main(["extract", str(good), str(tmp_path / "nope.txt"), "-o", str(out)]) == 1
    assert "nope.txt" in capsys.readouterr().err
    assert main(["extract"]) == 2
    assert main(["frobnicate"]) == 2


def test_readers_html_and_docx(tmp_path):
    import docx
    html = tmp_path / "p.html"
    html.write_text("<html><body><nav>Trang chủ</nav><script>x()</script><p>Số: 07/KH-UBND</p><p>KẾ HOẠCH</p>"
                    "<p>Về thử nghiệm</p><table><tr><td>TT</td><td>Nội dung</td><td>Cơ quan chủ trì</td></tr>"
                    "<tr><td>1</td><td>Rà soát</td><td>Sở Tư pháp</td></tr></table></body></html>", encoding="utf-8")
    d = extract(html)
    assert d.source.format == "html" and d.header.symbol == "07/KH-UBND" and "x()" not in d.text
    assert [t.text for t in d.tasks] == ["Rà soát"]
    w = docx.Document()
    for line in ["Số: 08/CT-UBND", "CHỈ THỊ", "Về thử nghiệm", "1. Sở Y tế chủ trì.", "2. Sở Nội vụ phối hợp."]:
        w.add_paragraph(line)
    w.save(tmp_path / "d.docx")
    d = extract(tmp_path / "d.docx")
    assert d.source.format == "docx" and d.header.symbol == "08/CT-UBND" and [t.path for t in d.tasks] == ["1", "2"]


def test_one_long_line_of_text_is_a_document_not_a_path(tmp_path):
    # A single line longer than a file name may be (255 bytes) once made extract() ask the OS about
    # it and die with ENAMETOOLONG; a line is text unless it names an existing path.
    line = "Số: 12/CT-UBND " + "Sở Nội vụ chủ trì, báo cáo trước ngày 10 hằng tháng. " * 8
    doc = extract(line)
    assert doc.header.symbol == "12/CT-UBND"
    assert "b" in extract("Số: 1/CT-UBND a\0b").text   # a NUL byte: text, not an OS error
    f = tmp_path / "d.txt"
    f.write_text("CHỈ THỊ\nVề việc thử\n1. Sở Nội vụ chủ trì.", encoding="utf-8")
    assert extract(str(f)).tasks[0].path == "1"
