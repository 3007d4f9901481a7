"""The perturbations of `chithi evaluate --perturb` (pipeline/evaluate/perturb.py) and the command itself."""
from __future__ import annotations

import json
import re
import tomllib
import unicodedata
from collections import Counter

import pytest

from pipeline.cli import main
from pipeline.evaluate import perturb as P
from pipeline.evaluate.score import norm
from pipeline.read.normalization import normalize_chars
from pipeline.resources import models_dir

from .conftest import SAMPLE, corpus_files

SAMPLE_DOCS = corpus_files(SAMPLE)
SEEDED = ("emphasis", "rewrap", "rewrap_hyphen", "rewrap_pages", "boilerplate", "unicode", "flat_tables")

HEADER = ("ỦY BAN NHÂN DÂN\nTỈNH AN GIANG\n-------\nCỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\n"
          "Độc lập - Tự do - Hạnh phúc\n---------------\nSố: 12/CT-UBND\nAn Giang, ngày 3 tháng 5 năm 2024\n\n"
          "CHỈ THỊ\nVề tăng cường phòng, chống thiên tai\n\n")
BODY = ("Thời gian qua, công tác phòng, chống thiên tai trên địa bàn tỉnh đã đạt được nhiều kết quả quan trọng, "
        "góp phần giảm thiểu thiệt hại về người và tài sản; tuy nhiên vẫn còn một số hạn chế – bất cập.\n\n"
        "I. NHIỆM VỤ CHUNG\n\n1. Sở Nông nghiệp và Môi trường chủ trì, phối hợp với các sở, ngành rà soát phương án "
        "ứng phó giai đoạn 2024 - 2025, báo cáo trước ngày 15/6/2024.\n\n"
        "a) Ủy ban nhân dân các xã, phường chủ động sơ tán người dân khỏi vùng nguy hiểm.\n\n"
        "- Công an tỉnh bảo đảm an ninh trật tự.\n\n"
        "| TT | Nội dung | Cơ quan chủ trì | Thời gian |\n|---|---|---|---|\n"
        "| 1 | Diễn tập ứng phó bão | Bộ Chỉ huy Quân sự tỉnh | Quý III/2024 |\n\nNơi nhận:\n- Như trên;\n- Lưu: VT.")
DOC = HEADER + BODY


def _words(s: str) -> list[str]:
    return [w for w in (t.replace("*", "") for t in s.split()) if w]


def _texts():
    return [(p.name, p.read_text(encoding="utf-8-sig")) for p in SAMPLE_DOCS] + [("made-up", DOC)]


# -- every perturbation ----------------------------------------------------------------------------

@pytest.mark.parametrize("name", list(P.PERTURBATIONS))
def test_each_perturbation_is_deterministic_for_a_seed(name):
    for _, text in _texts():
        assert P.perturb(name, text, 7) == P.perturb(name, text, 7)


@pytest.mark.parametrize("name", SEEDED)
def test_seeded_perturbations_vary_with_the_seed(name):
    assert any(P.perturb(name, text, 1) != P.perturb(name, text, 2) for _, text in _texts())


@pytest.mark.parametrize("name", list(P.PERTURBATIONS))
def test_each_perturbation_changes_the_made_up_document(name):
    assert P.perturb(name, DOC, 0) != DOC


def test_an_unknown_perturbation_is_a_key_error():
    with pytest.raises(KeyError):
        P.perturb("shuffle", DOC)


# -- (a) emphasis ----------------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_emphasis_keeps_every_word_and_marker(seed):
    for _, text in _texts():
        out = P.emphasis(text, seed)
        assert _words(out) == _words(text)
        bare = [ln.replace("*", "").strip() for ln in out.split("\n")]
        for line in text.split("\n"):
            m = P.MARKER_LINE.match(line.strip())
            if m and "*" not in line:
                # the marker still opens a line (alone on it when the style puts its text below)
                assert any(b.startswith(m.group("marker").rstrip(".")) for b in bare), line


def test_emphasis_prints_the_forms_scraped_pages_print():
    forms = Counter()
    for seed in range(40):
        out = P.emphasis("1. Sở Nội vụ chủ trì.\n\nII. TỔ CHỨC THỰC HIỆN\n\nCăn cứ Luật Tổ chức chính quyền;", seed,
                         rate=1.0)
        first = out.split("\n")[0]
        forms[re.sub(r"Sở Nội vụ chủ trì\.", "T", first)] += 1
        assert " ".join(out.split("\n\n")[1].replace("*", "").split()) == "II. TỔ CHỨC THỰC HIỆN"
        assert out.split("\n\n")[1] != "II. TỔ CHỨC THỰC HIỆN"
        assert "*Căn cứ Luật Tổ chức chính quyền;*" in out
    assert {"**1. **T", "** 1. **T", "**1**. T", "**1**.", "*1.* T"} <= set(forms)


def test_emphasis_leaves_tables_and_emphasised_lines_alone():
    text = "| 1. | Sở Nội vụ |\n**1. Nội dung**\n# 2. Tiêu đề"
    assert P.emphasis(text, 0, rate=1.0) == text


# -- (b) re-wrapped lines --------------------------------------------------------------------------

@pytest.mark.parametrize("seed", range(5))
def test_rewrap_keeps_the_words_and_wraps_long_lines(seed):
    for _, text in _texts():
        out = P.rewrap(text, seed)
        assert _words(out) == _words(text)
        for line in out.split("\n"):
            if not line.startswith(("|", "#")) and " " in line.strip() and line not in text.split("\n"):
                assert len(line) <= 83, line


def test_rewrap_hyphen_loses_inner_dashes_but_not_bullets():
    out = P.rewrap_hyphen(DOC, 0)
    assert "2024  2025" in out and "hạn chế  bất cập" in out
    assert "\n- Công an tỉnh" in out
    assert _words(out) == _words(P.lose_dashes(DOC))
    assert [w for w in _words(DOC) if w not in "-–"] == [w for w in _words(out) if w != "-"]
    assert P.lose_dashes("giai đoạn 2021–2025") == "giai đoạn 2021 2025"
    assert P.lose_dashes("Bộ Lao động - Thương binh") == "Bộ Lao động  Thương binh"


def test_rewrap_pages_inserts_page_numbers_between_the_lines():
    text = "\n".join(f"Dòng thứ {i} của văn bản có nội dung dài vừa đủ." for i in range(200))
    out = P.rewrap_pages(text, 3)
    added = [ln for ln in out.split("\n") if ln not in text.split("\n")]
    assert added and any(re.fullmatch(r"(- )?2( -)?|Trang 2/\d+", ln) for ln in added)
    kept = [ln for ln in out.split("\n") if ln in text.split("\n")]
    assert kept == text.split("\n")


# -- (c) blank lines lost --------------------------------------------------------------------------

def test_no_blank_lines_drops_paragraph_spacing_but_keeps_table_markup():
    text = "Đoạn một.\n\nĐoạn hai.\n\n| a | b |\n|---|---|\n\nĐoạn ba."
    assert P.no_blank_lines(text) == "Đoạn một.\nĐoạn hai.\n\n| a | b |\n|---|---|\n\nĐoạn ba."
    for _, t in _texts():
        out = P.no_blank_lines(t)
        assert [ln for ln in out.split("\n") if ln.strip()] == [ln for ln in t.split("\n") if ln.strip()]


# -- (d) no header, (f) header as a table ---------------------------------------------------------

def test_header_bounds_of_a_made_up_document():
    start, title, end = P.header_bounds(DOC)
    assert start == 0 and DOC[title:].startswith("CHỈ THỊ") and DOC[end:].lstrip().startswith("Thời gian qua")


def test_header_bounds_end_at_a_kinh_gui_glued_to_the_date():
    text = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nSố: 5/BNV-VP\nHà Nội, ngày 2 tháng 1 năm 2024 Kính gửi: Sở Nội vụ.\n"
            "Nội dung.")
    assert text[P.header_bounds(text)[2]:].startswith("Kính gửi: Sở Nội vụ.")


def test_header_bounds_end_where_a_scrape_split_the_cue_or_put_emphasis_inside_the_marker():
    # `*Căn` / `cứ Luật ...` and `**Điều 1.**** **Ban hành ...`: the body opens there, whatever the markup;
    # a sentence wrapped before a date (`hành kể từ ngày 10 tháng 12 năm 2025.`) is no date line of the header
    head = ("**ỦY BAN NHÂN DÂN TỈNH A**\n\n**CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM**\n\nSố: 8/2025/QĐ-UBND\n\n"
            "**QUYẾT ĐỊNH**\n\n")
    for body in ("*Căn\ncứ Luật Tổ chức chính quyền địa phương; *\n\n**Điều 1.**** **Ban hành Quy định.",
                 "**Điều 1.**** **Quyết định này có hiệu lực thi\nhành kể từ ngày 10 tháng 12 năm 2025.\n\n"
                 "**QUY ĐỊNH**"):
        text = head + body
        assert text[P.header_bounds(text)[2]:].lstrip() == body


def test_a_news_article_has_no_header():
    news = ("Ngày 08 tháng 11 năm 2025, Thủ tướng Chính phủ chủ trì phiên họp thường kỳ.\n\n"
            "Khoảng 02 giờ ngày 13 tháng 4 năm 2025, xảy ra vụ cháy.")
    assert P.header_bounds(news) is None
    assert P.no_header(news) == news and P.header_table(news) == news


def test_no_header_keeps_every_gold_task_of_the_sample():
    for path in SAMPLE_DOCS:
        text = path.read_text(encoding="utf-8-sig")
        gold = json.loads(path.with_name(path.stem + ".gold.json").read_text(encoding="utf-8"))
        out = P.no_header(text)
        assert text.endswith(out)
        if P.header_bounds(text) is not None:
            assert len(out) < len(text) and not P.MOTTO.search(out[:200]), path.name
        body = norm(out)
        for task in gold.get("tasks") or []:
            assert norm(task["starts"])[:30] in body, (path.name, task["path"])


def test_header_table_prints_two_columns():
    out = P.header_table(DOC)
    assert out.startswith("| ỦY BAN NHÂN DÂN TỈNH AN GIANG ------- | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM "
                          "Độc lập - Tự do - Hạnh phúc --------------- |\n|---|---|\n"
                          "| Số: 12/CT-UBND | An Giang, ngày 3 tháng 5 năm 2024 |\n\nCHỈ THỊ\n")
    assert out.endswith(BODY)


def test_header_table_keeps_every_word_and_leaves_a_table_alone():
    for _, text in _texts():
        out = P.header_table(text)
        drop = {"|", "|---|---|"}
        assert Counter(w for w in _words(out) if w not in drop) == Counter(w for w in _words(text) if w not in drop)
    table = ("| UBND TỈNH X | CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM |\n|---|---|\n"
             "| Số: 1/KH-UBND | X, ngày 1 tháng 1 năm 2024 |\n\nNội dung.")
    assert P.header_table(table) == table


def test_type_word_examples_of_the_table():
    with open(models_dir() / "perturb.toml", "rb") as f:
        data = tomllib.load(f)["type_words"]
    assert all(P.is_type_line(x) for x in data["examples"])
    assert not any(P.is_type_line(x) for x in data["counter_examples"])


# -- (e) boilerplate -------------------------------------------------------------------------------

def test_boilerplate_wraps_the_text_unchanged():
    for seed in range(5):
        out = P.boilerplate(DOC, seed)
        assert DOC in out and not out.startswith(DOC[:20]) and not out.rstrip().endswith(DOC[-20:])


# -- (g) unicode -----------------------------------------------------------------------------------

@pytest.mark.parametrize("word,old", [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hòa Bình", "Hoà Bình"),
                                      ("quý", "quý"), ("hoàn", "hoàn"), ("thuyền", "thuyền"), ("Ủy ban", "Uỷ ban")])
def test_old_style_tones(word, old):
    assert P.old_style_tones(word) == old


@pytest.mark.parametrize("seed", range(3))
def test_unicode_forms_read_back_to_the_same_text(seed):
    back = {v: k for k, v in P.CYRILLIC.items()}
    for _, text in _texts():
        out = P.unicode_forms(text, seed)
        assert unicodedata.is_normalized("NFD", out)
        restored = "".join(back.get(c, c) for c in unicodedata.normalize("NFC", out))
        assert normalize_chars(restored) == normalize_chars(text)


def test_unicode_forms_use_every_form():
    out = P.unicode_forms(DOC * 5, 0, lookalike_rate=0.05)
    nfc = unicodedata.normalize("NFC", out)
    assert out != nfc and "\u00a0" in out and "\u00d0" in nfc
    assert any(c in P.CYRILLIC.values() for c in nfc)
    assert unicodedata.normalize("NFC", P.unicode_forms("hòa bình", 0, 0, 0)) == "hoà bình"


# -- the command ----------------------------------------------------------------------------------

def test_evaluate_perturb_json(capsys):
    assert main(["evaluate", str(SAMPLE), "--json"]) == 0
    plain = json.loads(capsys.readouterr().out)["parts"]
    assert main(["evaluate", str(SAMPLE), "--perturb", "--json", "--seed", "3"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert list(out) == ["clean"] + list(P.PERTURBATIONS)
    for scores in out.values():
        assert set(scores) == {"tasks", "bodies", "deadlines"}
        assert all(isinstance(v, float) and 0.0 <= v <= 1.0 for v in scores.values())
    assert out["clean"] == {p: plain[p]["f1"] for p in ("tasks", "bodies", "deadlines")}


def test_evaluate_perturb_table_and_a_chosen_perturbation(capsys):
    assert main(["evaluate", str(SAMPLE), "--perturb", "emphasis,rewrap", "--by-doc"]) == 0
    out = capsys.readouterr()
    rows = [ln.split()[0] for ln in out.out.splitlines() if ln.startswith("  ") and ln.split()]
    assert rows[:4] == ["variant", "clean", "emphasis", "rewrap"]
    assert "header" in next(ln for ln in out.out.splitlines() if ln.split()[:1] == ["variant"]).split()
    moved = re.search(r"== emphasis: (\d+) document\(s\) moved\n((?:    .*\n)*)", out.out + "\n")
    assert moved and int(moved.group(1)) == len(moved.group(2).splitlines())
    assert all(ln.split()[0] in {p.name for p in SAMPLE_DOCS} for ln in moved.group(2).splitlines())
    assert "[" in out.err          # progress on stderr
    assert main(["evaluate", str(SAMPLE), "--perturb", "shuffle"]) == 2


def test_evaluate_perturbed_pools_the_seeds_and_scores_no_header_without_header():
    from pipeline.evaluate import evaluate_perturbed

    seen = []

    def fake_extract(data: bytes, path: str) -> dict:
        seen.append(data)
        return {}

    rep = evaluate_perturbed([SAMPLE], fake_extract, seed=5, repeat=3, names=["rewrap", "no_header"])
    docs = len(SAMPLE_DOCS)
    assert [len(r.docs) for r in rep.reports.values()] == [docs, 3 * docs, 3 * docs]
    assert len(seen) == 7 * docs
    assert not any(d.header for d in rep.reports["no_header"].docs)
    assert any(d.header for d in rep.reports["rewrap"].docs)
    assert "seeds 5-7 pooled" in rep.table()
    with pytest.raises(KeyError):
        evaluate_perturbed([SAMPLE], fake_extract, names=["shuffle"])


# -- (h) tables printed one cell per line -----------------------------------------------------------

def test_flat_tables_prints_each_cell_on_its_own_lines_and_empty_cells_not_at_all():
    table = "| TT | Nội dung | Chủ trì | Phối hợp |\n|---|---|---|---|\n| 1 | **Rà soát** | Sở Y tế |  |\n"
    assert P.flat_tables(table, 0, pages=False).split("\n") == [
        "TT", "Nội dung", "Chủ trì", "Phối hợp", "1", "Rà soát", "Sở Y tế", ""]


def test_flat_tables_leaves_out_a_table_of_rules_only():
    # a scraped page's table that holds nothing but its rule (`|---|---|`): no row to print, no failure
    for seed in range(3):
        assert P.flat_tables("Trước.\n|---|---|---|\nSau.", seed).split("\n") == ["Trước.", "Sau."]


@pytest.mark.parametrize("seed", range(3))
def test_flat_tables_keeps_every_word(seed):
    for _, text in _texts():
        def words(s):
            return re.findall(r"[^\W_]+", re.sub(r"[*_]", "", s))
        assert words(P.flat_tables(text, seed, pages=False)) == words(text)


def test_a_flattened_task_table_reads_as_the_table():
    from pipeline import extract

    def rows(text):
        return [(t.path, [(b.name, b.role) for b in t.bodies], [d.value for d in t.deadlines])
                for t in extract(text).tasks if t.kind == "row"]
    assert rows(P.flat_tables(DOC, 0)) == rows(DOC)
    assert [r[1:] for r in rows(DOC)] == [([("Bộ Chỉ huy Quân sự tỉnh", "lead")], ["2024-07-01/2024-09-30"])]


def test_flat_tables_runs_a_long_table_over_pages():
    rows = "".join(f"| {n} | Nội dung thứ {n} của kế hoạch | Sở Y tế | Năm 2025 |\n" for n in range(1, 40))
    table = "| TT | Nội dung | Chủ trì | Thời gian |\n|---|---|---|---|\n" + rows
    out = P.flat_tables(table, 3)
    assert "\f" in out and out.replace("\f\n", "").count("\nTT\n") + out.startswith("TT\n") >= 1
    assert P.flat_tables(table, 3, pages=False).count("\f") == 0
