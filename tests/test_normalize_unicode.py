"""Normalization reads a copy in NFD, with non-breaking spaces or look-alike letters as it reads the
plain copy: the layout (paragraphs, lost bullets, set-aside lines, flattened tables) and the text
come out the same.  Made-up sentences, one per construction."""
import unicodedata

import pytest

from pipeline.read import read_text
from pipeline.read.chars import normalize_chars, view
from pipeline.read.normalization import normalize
from pipeline.read.text import in_nfc

NBSP = "\u00a0"


def _layout(text: str) -> list[tuple[str, str, frozenset]]:
    doc = normalize(read_text(text))
    return [(b.kind, doc.text[b.span[0]:b.span[1]], b.style) for b in doc.blocks]


def test_view_reads_odd_spaces_and_lookalikes_as_plain_letters():
    assert view(unicodedata.normalize("NFD", f"Kính{NBSP}gửi:")) == "Kính gửi:"
    assert view("\u0406I. TỔ CHỨC") == "II. TỔ CHỨC"        # a Cyrillic І in a Roman numeral


def test_a_lost_bullet_whose_space_became_non_breaking_is_still_a_lost_bullet():
    flush = [f"Đoạn văn thứ {k} của kế hoạch." for k in range(30)]
    bullets = [f" Nhiệm vụ số {k} của các sở." for k in range(9)]
    plain = "\n".join(["KẾ HOẠCH", "Về việc thử"] + flush + bullets)
    odd = plain.replace(" Nhiệm vụ số 3", NBSP + "Nhiệm vụ số 3")
    assert _layout(odd) == _layout(plain)
    assert sum("lost_bullet" in style for _, _, style in _layout(odd)) == 9


def test_a_web_copy_indented_with_non_breaking_spaces_has_no_lost_bullets_from_them():
    flush = [f"Đoạn văn thứ {k} của kế hoạch." for k in range(30)]
    text = "\n".join(["KẾ HOẠCH"] + flush[:10] + [" Khối Đảng ủy", " Khối chính quyền"] + flush[10:]
                     + [NBSP + "Mẫu số 08/PLYK", NBSP + "Mẫu số 09/PLYK"])
    lost = [t for _, t, style in _layout(text) if "lost_bullet" in style]
    assert [t[:16] for t in lost] == ["Khối Đảng ủy", "Khối chính quyền"]


@pytest.mark.parametrize("form", ["NFD", "NFD_LINES", "NBSP", "CYRILLIC"])
def test_paragraphs_and_set_aside_lines_hold_in_every_character_form(form):
    plain = ("ỦY BAN NHÂN DÂN\nTỈNH ĐỒNG THÁP\nSố: 12/KH-UBND\nĐồng Tháp, ngày 5 tháng 3 năm 2025\n"
             "KẾ HOẠCH\nVề việc thử nghiệm\nKính gửi: Các sở, ban, ngành\n"
             "Người ký: Ủy ban nhân dân tỉnh\n"
             "Thực hiện chỉ đạo của Ủy ban nhân dân tỉnh về phát triển kinh tế, các sở\n"
             "triển khai như sau:\na) Sở Nội vụ chủ trì rà soát.\nb) Sở Tài chính bố trí kinh phí.")
    if form == "NFD":
        odd = unicodedata.normalize("NFD", plain)
    elif form == "NFD_LINES":       # a text in NFC but for a few lines (a signer and a wrapped line pasted in NFD)
        lines = plain.split("\n")
        odd = "\n".join(unicodedata.normalize("NFD", t) if k in (7, 9) else t for k, t in enumerate(lines))
    elif form == "NBSP":
        odd = plain.replace("Kính gửi", f"Kính{NBSP}gửi").replace("Người ký", f"Người{NBSP}ký")
    else:
        odd = plain.replace("a) Sở", "\u0430) Sở")      # a Cyrillic а as the item's letter
    a, b = normalize(read_text(plain)), normalize(read_text(odd))
    assert b.text == a.text
    assert [(k, normalize_chars(t)) for k, _, t in b.set_aside] == [(k, t) for k, _, t in a.set_aside] == \
        [("signature_stamp", "Người ký: Ủy ban nhân dân tỉnh")]
    assert [bl.span for bl in b.blocks] == [bl.span for bl in a.blocks]


def test_a_one_letter_cyrillic_word_is_latin_unless_the_text_is_russian():
    assert normalize_chars("\u0430) Xây dựng; lự \u0441, mỗi") == "a) Xây dựng; lự c, mỗi"
    assert normalize_chars("Москва \u0441 друзьями") == "Москва \u0441 друзьями"


@pytest.mark.parametrize("text", [
    "Kính gửi: Sở Y tế\nV/v triển khai",                       # NFC
    unicodedata.normalize("NFD", "Kính gửi") + "\nSở Y tế",     # a line in NFD
    "Sở Y tế\n\u0301Đoạn văn",                                 # a mark opening a line
    "Xe\u0301t\nKính gửi",                                     # e + acute: they compose
    "Đ\u0323\u0301\nv\u0323",                                  # marks on Đ (none composes) and v (composes)
    "tỉnh\u0301\fHà Nội\n",                                    # a mark after a composed letter
])
def test_a_text_is_in_nfc_when_each_of_its_lines_is(text):
    assert in_nfc(text.split("\n")) == unicodedata.is_normalized("NFC", text)
    assert read_text(text).nfc == unicodedata.is_normalized("NFC", text)
