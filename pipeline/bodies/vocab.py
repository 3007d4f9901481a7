"""Phrase tables of the bodies stage, read from `models/bodies.toml` (where each table says what it is
for, with examples and counter-examples that tests/test_bodies_vocab.py checks): organ heads, level words,
modifiers, positions, collective cues and the role cues (`phối hợp`, `báo cáo ... về`, `giao`, `chỉ đạo` ...),
each a `Seqs` of token norms (tokenized like running text), and the word sets that bound names and lists.
"""
from __future__ import annotations

import tomllib
from functools import cache

from pipeline.bodies.tokens import _TOKEN, Seqs, _seq, norm_token
from pipeline.resources import open_model


@cache
def tables() -> dict[str, dict]:
    """The tables of `models/bodies.toml` by name."""
    return tomllib.load(open_model("bodies.toml"))


def _phrases(name: str) -> Seqs:
    return _seq(*tables()[name]["phrases"])


def _phrase_set(name: str) -> set[tuple[str, ...]]:
    return set(_phrases(name))


def _words(name: str) -> frozenset[str]:
    t = tables()[name]
    return frozenset(norm_token(w) for w in t["words"]) if t.get("norm") else frozenset(t["words"])


HEADS = _phrases("heads")
ALLOCATION_UNITS = _words("allocation_units")
HEADING_GOES_ON = _words("heading_goes_on")
VERB_HEADS = _phrase_set("verb_heads")
UNNAMED_KINDS = _phrase_set("unnamed_kinds")
REGIONAL_HEADS = _phrases("regional_heads")
JOINT_OFFICES = _phrases("joint_offices")
NUMBERED_UNITS = _phrases("numbered_units")
STANDALONE = _phrases("standalone")
NOT_AFTER_HEAD = _words("not_after_head")
LEVEL_WORDS = _phrases("level_words")
MODIFIERS = _phrases("modifiers")
OWNER_HEADS = _words("owner_heads")
RELATED = _phrases("related")
SHARED_HEADS = _phrases("shared_heads")
GENITIVE_HEADS = _phrase_set("genitive_heads")
NAME_FIELDS = _phrases("name_fields")
SCOPE_TAILS = _phrases("scope_tails")
LEVEL_LISTS = _phrases("level_lists")
UNDERGO = _phrases("undergo")
WHICH_LOCALITIES = _phrases("which_localities")
NAME_COMPOUNDS = _phrases("name_compounds")
COMPANY_FORMS = _phrases("company_forms")
DESCRIPTIVE = _phrases("descriptive")
POSITIONS = _phrases("positions")
POSITIONS_ALL = _phrases("positions_all")
BARE_KINDS = _words("bare_kinds")
BARE_OK = _phrase_set("bare_ok")
PROJECT_PARTIES = _phrase_set("project_parties")
PROJECT_OWNERS = frozenset(tuple(p.split()) for p in tables()["project_parties"]["owners"])
PROJECTS = frozenset(tuple(p.split()) for p in tables()["project_parties"]["projects"])
_BARE_BEFORE = _words("bare_before")
DETERMINERS = _words("determiners")
CUE_COORD = _phrases("cue_coord")
SUBJECT_COORD = _phrases("subject_coord")
SECTORS = _phrases("sectors")
ACTIVITIES = _seq(*tables()["sectors"]["activities"])
CUE_REPORT = _phrases("cue_report")
CUE_FORWARD = _phrases("cue_forward")
REPORT_AS_NOUN = _words("report_as_noun")
CARRY_OUT = _phrases("carry_out")
FRONTED_SOURCE = _phrases("fronted_source")
PASSIVE_DO = _phrases("passive_do")
CUE_REPORT_TO = _phrases("cue_report_to")
CUE_LEAD = _phrases("cue_lead")
CUE_NONE = _phrases("cue_none")
CUE_OVERSEE = _phrases("cue_oversee")
CUE_DIRECT = _phrases("cue_direct")
GUIDE = _phrases("guide")
LEAD_KEEP = _phrases("lead_keep")
CUE_OVERSEE_OF = _phrases("cue_oversee_of")
_NONE_STRICT = _phrases("none_strict")
APPROVAL_VERBS = _phrases("approval_verbs")
FIELD_NONE = _phrases("field_none")
FIELD_REPORT = _phrases("field_report")
LEAD_STRONG = _phrases("lead_strong")
RUN_IN_DUTY = _phrases("run_in_duty")
RUN_IN_NOT_AFTER = frozenset(tables()["run_in_duty"]["not_after"])
ASSEMBLY_HEADS = frozenset(norm_token(w) for w in tables()["assembly_members"]["heads"])
ASSEMBLY_OWNERS = frozenset(tuple(norm_token(w) for w in o.split()) for o in tables()["assembly_members"]["owners"])
SERVING = _phrases("serving")
TASK_SUBJECTS = _phrases("task_subjects")
ISSUER_VERBS = _phrases("issuer_verbs")
LEAD_VERBS = _phrases("lead_verbs")
_GOVERNS = _words("governs")
_LEAD_AT_START = _phrase_set("lead_at_start")
LEVEL_FIRST = _words("level_first")
_NAME_WORDS = _words("name_words")
FILLER = _words("filler")


def past_fillers(norms: list[str], x: int, e: int) -> int:
    """The first token from x, before e, that is no filler (`FILLER`): where a clause's words start."""
    while x < e and norms[x] in FILLER:
        x += 1
    return x
_PUNCT_LIST = _words("punct_list")
LIST_EMPHASIS = _seq(*tables()["punct_list"]["emphasis"])
LINE_OPENERS = _words("line_openers")
ASPECT = _words("aspect")
PERSON_MARKER_FIRST = _words("person_marker_first")
TO_LEADERS = _phrases("to_leaders")
DUTY = _phrases("duty")
BOUND_DUTY = _phrases("bound_duty")
ADVERBIALS = _seq(*tables()["bound_duty"]["adverbials"])
BACKGROUND_HEADINGS = _phrases("background_headings")
NOT_BACKGROUND = _phrases("not_background")
STOP_LOW = _words("stop_low")
CUE_FIRST = _words("cue_first")
FIELD_STOP = _words("field_stop")
NEW_ORGAN = _words("new_organ")
TOPIC_OPENERS = _words("topic_openers")
COORD_NOUNS = _phrases("coord_nouns")
NOT_MAIN_CLAUSE = _phrases("not_main_clause")
GUIDE_AS_NOUN = _words("guide_as_noun")
DESCRIPTION_STOP = _words("description_stop")
HEADING_TOPIC = _phrases("heading_topic")
MATTER_OPENERS = _seq(*tables()["heading_topic"]["matter_openers"])
SCOPE_HEADINGS = _seq(*tables()["background_headings"]["scope"])
FRONTED_OPENERS = _phrases("fronted_openers")
TOPIC_FRONTED = _phrases("topic_fronted")
ASSIGN_CUES = _phrases("assign_cues")
# `Đơn vị chủ trì:`, `Cơ quan phối hợp:`, `Chủ trì:`: a head (or none) + a role verb
LABELS_ROLE = {tuple(norm_token(x) for x in _TOKEN.findall(f"{head} {verb}")): role
               for head in tables()["labels"]["heads"] for verb, role in tables()["labels"]["roles"]}
LABELS = Seqs(LABELS_ROLE)
# verb phrases of two or more words (`thông báo`, `chuẩn bị`, `ghi nhận`): a lower-case word that starts
# one ends a productive name (`Bộ X thông báo`, `Ban Kiểm tra chuẩn bị tài liệu`)
VERB_STOP = Seqs(q for v in (LEAD_VERBS, ISSUER_VERBS, CUE_COORD, CUE_REPORT, CUE_LEAD, CUE_NONE, CUE_OVERSEE,
                             CUE_DIRECT, _NONE_STRICT) for q in v if len(q) >= 2 and q[0] not in _NAME_WORDS)
_VERB_STOP_FIRST = frozenset(VERB_STOP.idx)
