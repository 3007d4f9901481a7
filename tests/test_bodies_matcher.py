"""The look-up that finds gazetteer phrases (organs, provinces): what it matches (what a brute force and
spaCy's PhraseMatcher over the same table find), one run over the texts of a whole document, and the
same mentions as text by text (made-up sentences)."""
import subprocess
import sys
from pathlib import Path

from spacy.lang.vi import Vietnamese
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc

from pipeline.bodies.extent import Mention
from pipeline.bodies.gazetteer import _phrase_index, alias_lengths, match_phrases, organ_aliases
from pipeline.bodies.lists import _headless_items, _organ_item_end
from pipeline.bodies.mentions import candidates
from pipeline.bodies.stage import _BATCH, bodies_stage, find_bodies, mentions, tokenize
from pipeline.lang import read_tsv
from pipeline.model import Document, Header, Source, Task

TEXTS = [
    "Giao Sở Y tế chủ trì, phối hợp với Bộ Kế hoạch và Đầu tư và UBND tỉnh Tiền Giang.",
    "Ủy ban nhân dân thành phố Hồ Chí Minh, tỉnh Bà Rịa - Vũng Tàu báo cáo Thủ tướng Chính phủ.",
    "",
    "Bộ Tài chính",
    "Sở Y",                 # a phrase cut at the end of one text ...
    "tế chủ trì.",          # ... and not continued in the next
    "Đề nghị Ban Tuyên giáo Tỉnh ủy, Sở Giáo dục và Đào tạo phối hợp với Công an tỉnh.",
]


def brute_force(norms):
    """Every (label, start, end) of the longest phrase of each label starting at each token, by trying
    every span against the gazetteer's phrases."""
    labels = _phrase_index()[1]
    longest = max(map(len, labels))
    out = []
    for i in range(len(norms)):
        for lab in ("ORG", "PROV"):
            for e in range(min(len(norms), i + longest), i, -1):
                if lab in labels.get(tuple(norms[i:e]), ()):
                    out.append((lab, i, e))
                    break
    return out


def spacy_matches(norms):
    """(label, start, end) of the longest phrase of each label at each token, by spaCy's PhraseMatcher
    (attr ORTH) over a `Doc` whose words are the token norms."""
    vocab = Vietnamese.from_config({"nlp": {"tokenizer": {"use_pyvi": False}}}).vocab
    m = PhraseMatcher(vocab, attr="ORTH")
    for lab in ("ORG", "PROV"):
        m.add(lab, [Doc(vocab, words=list(k)) for k, labs in _phrase_index()[1].items() if lab in labs])
    out = {}
    if norms:
        for mid, s, e in m(Doc(vocab, words=norms)):
            key = (vocab.strings[mid], s)
            out[key] = max(out.get(key, 0), e)
    return sorted(((lab, s, e) for (lab, s), e in out.items()), key=lambda x: (x[1], x[0]))


def test_the_look_up_finds_what_spacy_phrase_matcher_finds():
    sample = Path(__file__).resolve().parent.parent / "corpora" / "sample"
    texts = TEXTS + [p.read_text(encoding="utf-8") for p in sorted(sample.glob("*.txt"))[:3]]
    norms = [tokenize(t).norm for t in texts]
    got = match_phrases(norms)
    assert got == [spacy_matches(n) for n in norms]
    assert sum(map(len, got)) > 50


def test_one_run_over_many_texts_finds_exactly_the_phrases_of_each_text():
    norms = [tokenize(t).norm for t in TEXTS]
    got = match_phrases(norms)
    assert got == [sorted(brute_force(n), key=lambda x: (x[1], x[0])) for n in norms]
    # the phrase cut between two texts is found in neither
    assert got[4] == [] and got[5] == [] and got[2] == []
    assert ("ORG", 1, 4) in got[0] and got[3] == [("ORG", 0, 3)]


def test_every_gazetteer_example_matches_as_brute_force():
    texts = [r["text"] for r in read_tsv("examples.tsv")]
    norms = [tokenize(t).norm for t in texts]
    assert match_phrases(norms) == [sorted(brute_force(n), key=lambda x: (x[1], x[0])) for n in norms]


def test_extracting_a_text_loads_no_spacy():
    # spaCy is for the record's spaCy view (`to_spacy`), not for extraction: a fresh process's first
    # `extract()` does not pay for importing it
    code = ("import sys; from pipeline import extract; extract('Số: 12/CT-UBND\\nCHỈ THỊ\\nVề thử\\n"
            "1. Sở Nội vụ chủ trì, phối hợp với UBND tỉnh Tiền Giang.'); print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_the_stage_finds_what_find_bodies_finds_text_by_text():
    texts = [t for t in TEXTS if t] * 7        # more tasks than one batch of the matcher
    text = "\n".join(texts) + "\n"
    tasks, s = [], 0
    for k, t in enumerate(texts):
        tasks.append(Task(str(k + 1), f"{k + 1}.", 1, None, (s, s + len(t)), t))
        s += len(t) + 1
    doc = Document(id="t", source=Source("t.txt", "txt"), text=text, header=Header(date="2024-05-10"))
    doc.tasks = tasks
    assert len(tasks) > 2 * _BATCH
    bodies_stage(doc)
    for t, own in zip(doc.tasks, texts, strict=False):
        alone = [(b.name, b.role, b.canonical) for b in find_bodies(own, doc_date="2024-05-10")]
        assert [(b.name, b.role, b.canonical) for b in t.bodies if not b.inherited] == alone
    assert ("Sở Y tế", "lead") in [(b.name, b.role) for b in doc.tasks[0].bodies]
    assert [n for _, _, n in mentions(texts[1])][:2] == ["Ủy ban nhân dân thành phố Hồ Chí Minh",
                                                         "tỉnh Bà Rịa - Vũng Tàu"]


def test_phrases_at_the_candidate_tokens_are_the_phrases_at_every_token():
    # the stage looks phrases up only at the tokens `candidates` picks out (issue 17): the same phrases
    sample = Path(__file__).resolve().parent.parent / "corpora" / "sample"
    texts = TEXTS + [p for f in sorted(sample.glob("*.txt")) for p in f.read_text(encoding="utf-8").split("\n\n")]
    norms = [tokenize(t).norm for t in texts]
    got = match_phrases(norms, [candidates(n) for n in norms])
    assert got == match_phrases(norms)
    assert sum(map(len, got)) > 200


def test_alias_lengths_give_every_name_of_two_words_or_more_by_its_first_two_words():
    """`alias_lengths` (the look-ups of `_headless_items` and `_organ_item_end` try only its lengths): each name
    or alias of organs.tsv of two words or more is under its first two words at its length, longest first."""
    lengths = alias_lengths()
    for key in organ_aliases():
        if len(key) > 1:
            assert len(key) in lengths[key[:2]]
    assert all(list(v) == sorted(v, reverse=True) and len(set(v)) == len(v) for v in lengths.values())


def test_items_without_their_head_and_items_of_a_shared_head_name_their_organs():
    """The look-ups through `alias_lengths` find the longest organ: an item printed without its head after an
    organ's comma, and the items after a shared head (made-up)."""
    toks = tokenize("Giao Sở Y tế, Giáo dục và Đào tạo, Lao động - Thương binh và Xã hội chủ trì.")
    found = [Mention(1, 4, "named", "Sở Y tế")]
    items = [(m.i, m.j, m.organ) for m in _headless_items(toks, toks.norm, found)]
    assert items == [(5, 10, organ_aliases()[("sở", "giáo", "dục", "và", "đào", "tạo")])]
    norms = tokenize("các Sở Giáo dục và Đào tạo, Y tế").norm
    assert _organ_item_end(norms, 2, ("sở",)) == 7
    assert _organ_item_end(norms, 8, ("sở",)) == 10
    assert _organ_item_end(norms, 3, ("sở",)) == 0
