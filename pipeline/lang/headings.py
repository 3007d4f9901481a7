"""Words that mark the parts of a document's layout, as printed and as OCR and typing habits leave
them; the header stage and the task tree both look for them, so they are defined once here.

`Nơi nhận` (NĐ 30 ô 9b, HD 36) heads the recipients list after the body.  A scan loses or misreads its
marks (`Noi nhận`, `Nơi nhân`, `Nới nhận`, `NOI NHẬN`), and a typist drops them; the two words stay
two short syllables on `N` + vowel + `i` and `nh` + vowel + `n`, which no other word at a line start
spells (a search always anchors the pattern at a line or cell start, and the callers ask for the
colon or the end of the line after it: `Nơi nhận hồ sơ là ...` is prose).
"""
from __future__ import annotations

_O = "ơoóòỏõọớờởỡợôốồổỗộ"
_A = "ậâấầẩẫaáàảãạăắằẳẵặ"
# (a character class per vowel, lower and upper case, so that NFC text in any case matches)
RECIPIENTS_HEADING = (rf"(?:N[{_O}][iíìỉĩị]\s+nh[{_A}]n"
                      rf"|N[{_O.upper()}][IÍÌỈĨỊ]\s+NH[{_A.upper()}]N)")
