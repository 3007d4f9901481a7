"""What introduces a symbol (`citations.mentions._type_before`) is looked for only where it can be: `số`
and a type code just before the end, a type word after the last `,` `.` `;` ...; the answers are those of
the searches over the whole 160 characters before the symbol."""
import random
import re

from pipeline.citations import mentions as M
from pipeline.citations.cues import _cues
from pipeline.lang.symbols import canonical_type_code, doc_type_name, doc_types


def _reference(text: str, s: int, cues) -> tuple:
    """`_type_before` as it read the whole window with each search."""
    lo = max(0, s - 160)
    back = text[lo:s]
    so = M._SO_BEFORE_RE.search(back) if back.rstrip()[-1:] in M._SO_LAST else None
    has_so = bool(so)
    before_so = back[:so.start()] if so else back
    last = None
    for m in cues.type_re.finditer(before_so):
        last = m
    if last is not None:
        mid = before_so[last.end():]
        word = last.group(0)
        if not mid.strip() or (has_so and M._MID_OK_RE.match(mid) and not cues.type_re.search(mid)
                                and len(mid.split()) <= 8):
            mm = re.match(r"\s*(?:của|do)\s+(.+?)\s*$", mid, re.IGNORECASE)
            old_issuer = mm.group(1) if mm else None
            if not (mid.strip() and not mm and not word[:1].isupper()):
                key = " ".join(word.casefold().split())
                dtype = None if key in cues.generic else doc_types().by_name[key]["name"]
                return lo + last.start(), dtype, old_issuer, has_so
    ab = M._ABBR_BEFORE_RE.search(back)
    if ab and canonical_type_code(ab.group("abbr")) and ab.group("abbr") not in ("TT",) or \
            (ab and ab.group("abbr").upper() in ("CV", "VB")):
        code = ab.group("abbr")
        name = "Công văn" if code.upper() == "CV" else (None if code.upper() == "VB" else doc_type_name(code))
        return lo + ab.start(), name, None, has_so
    if so:
        return lo + so.start(), None, None, True
    return s, None, None, False


def test_no_type_word_holds_a_clause_cut():
    cues = _cues()
    words = list(doc_types().by_name) + list(cues.generic)
    assert not [w for w in words if set(w) & set(M._CLAUSE_CUTS)]
    assert not any(cues.type_re.search(c) for c in M._CLAUSE_CUTS)


def test_type_before_reads_as_the_whole_window_did():
    cues = _cues()
    pieces = ["Chỉ thị", "chỉ thị", "Kế hoạch", "Nghị quyết", "văn bản", "Luật", "Quyết định", "KCB", "QĐ", "CV",
              "VB", "KH", "NQ", "TT", "ABCDE", "TTLT", "số", "Số", "so", "sô", "No", "No.", "NO.", ":", " :", "của",
              "do", "UBND",
              "tỉnh", "Sở Y tế", ",", ".", ";", "(", ")", "“", "”", "|", "\n", "\t", "  ", "abc", "xQĐ", "Đ"]
    rng = random.Random(7)
    seen = set()
    for _ in range(6000):
        text = "".join(rng.choice(pieces) + rng.choice(["", " ", " ", "\n"]) for _ in range(rng.randint(1, 40)))
        text = text + rng.choice(["", " ", "  ", "\n", ": ", " : "]) + "12/KH-UBND"
        s = len(text) - len("12/KH-UBND")
        back = text[max(0, s - 160):s]
        for rx, so_len, width in ((M._SO_BEFORE_RE, 0, 3), (M._ABBR_BEFORE_RE, 2, 5)):
            full, tail = rx.search(back), rx.search(back, M._tail_from(back.rstrip(), so_len, width))
            assert (full and full.span()) == (tail and tail.span()), (rx.pattern, back)
        got = M._type_before(text, s, cues)
        assert got == _reference(text, s, cues), text
        seen.add((got[0] < s, got[1] is not None, got[3]))
    assert len(seen) >= 5          # (a type word, a code, `số` alone and nothing were all met)
