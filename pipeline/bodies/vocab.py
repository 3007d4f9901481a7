"""Phrase tables of the bodies stage, read from `models/bodies.toml` (where each table says what it is
for, with examples and counter-examples that tests/test_bodies_vocab.py checks): organ heads, level words,
modifiers, positions, collective cues and the role cues (`phối hợp`, `báo cáo ... về`, `giao`, `chỉ đạo` ...),
each a `Seqs` of token norms (tokenized like running text), and the word sets that bound names and lists.
Every table is `Final`: compiled (mypyc), the modules that import one read it as a C global, not by a look-up
of its name in their module's dict at each use (tests/test_compiled.py checks that none goes without).
"""
from __future__ import annotations

import tomllib
from functools import cache
from typing import Final

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


HEADS: Final = _phrases("heads")
ALLOCATION_UNITS: Final = _words("allocation_units")
HEADING_GOES_ON: Final = _words("heading_goes_on")
HEADING_LABELS: Final = _words("heading_labels")
VERB_HEADS: Final = _phrase_set("verb_heads")
UNNAMED_KINDS: Final = _phrase_set("unnamed_kinds")
REGIONAL_HEADS: Final = _phrases("regional_heads")
JOINT_OFFICES: Final = _phrases("joint_offices")
JOINT_SERVED: Final = _phrases("joint_served")
NUMBERED_UNITS: Final = _phrases("numbered_units")
STANDALONE: Final = _phrases("standalone")
NOT_AFTER_HEAD: Final = _words("not_after_head")
UNIT_HEADS: Final = _phrases("unit_heads")
OWNING_HEADS: Final = _phrases("owning_heads")
SUBUNIT_HEADS: Final = _phrases("subunit_heads")
NO_OFFICE_OVER: Final = _phrases("no_office_over")
LEVEL_WORDS: Final = _phrases("level_words")
MODIFIERS: Final = _phrases("modifiers")
OWNER_HEADS: Final = _words("owner_heads")
RELATED: Final = _phrases("related")
SHARED_HEADS: Final = _phrases("shared_heads")
GENITIVE_HEADS: Final = _phrase_set("genitive_heads")
NAME_FIELDS: Final = _phrases("name_fields")
SCOPE_TAILS: Final = _phrases("scope_tails")
LEVEL_LISTS: Final = _phrases("level_lists")
UNDERGO: Final = _phrases("undergo")
WHICH_LOCALITIES: Final = _phrases("which_localities")
NAME_COMPOUNDS: Final = _phrases("name_compounds")
COMPANY_FORMS: Final = _phrases("company_forms")
DESCRIPTIVE: Final = _phrases("descriptive")
POSITIONS: Final = _phrases("positions")
POSITIONS_ALL: Final = _phrases("positions_all")
BARE_KINDS: Final = _words("bare_kinds")
BARE_OK: Final = _phrase_set("bare_ok")
PROJECT_PARTIES: Final = _phrase_set("project_parties")
PROJECT_OWNERS: Final = frozenset(tuple(p.split()) for p in tables()["project_parties"]["owners"])
PROJECTS: Final = frozenset(tuple(p.split()) for p in tables()["project_parties"]["projects"])
_BARE_BEFORE: Final = _words("bare_before")
DETERMINERS: Final = _words("determiners")
CUE_COORD: Final = _phrases("cue_coord")
SUBJECT_COORD: Final = _phrases("subject_coord")
SECTORS: Final = _phrases("sectors")
ACTIVITIES: Final = _seq(*tables()["sectors"]["activities"])
CUE_REPORT: Final = _phrases("cue_report")
CUE_FORWARD: Final = _phrases("cue_forward")
REPORT_AS_NOUN: Final = _words("report_as_noun")
CARRY_OUT: Final = _phrases("carry_out")
FRONTED_SOURCE: Final = _phrases("fronted_source")
PASSIVE_DO: Final = _phrases("passive_do")
CUE_REPORT_TO: Final = _phrases("cue_report_to")
CUE_LEAD: Final = _phrases("cue_lead")
CUE_NONE: Final = _phrases("cue_none")
CUE_OVERSEE: Final = _phrases("cue_oversee")
CUE_DIRECT: Final = _phrases("cue_direct")
DIRECT_COMPANIONS: Final = _phrases("direct_companions")
GUIDE: Final = _phrases("guide")
LEAD_KEEP: Final = _phrases("lead_keep")
CUE_OVERSEE_OF: Final = _phrases("cue_oversee_of")
_NONE_STRICT: Final = _phrases("none_strict")
APPROVAL_VERBS: Final = _phrases("approval_verbs")
FIELD_NONE: Final = _phrases("field_none")
FIELD_REPORT: Final = _phrases("field_report")
LEAD_STRONG: Final = _phrases("lead_strong")
RUN_IN_DUTY: Final = _phrases("run_in_duty")
RUN_IN_NOT_AFTER: Final = frozenset(tables()["run_in_duty"]["not_after"])
ASSEMBLY_HEADS: Final = frozenset(norm_token(w) for w in tables()["assembly_members"]["heads"])
ASSEMBLY_OWNERS: Final = frozenset(tuple(norm_token(w) for w in o.split())
                                   for o in tables()["assembly_members"]["owners"])
SERVING: Final = _phrases("serving")
TASK_SUBJECTS: Final = _phrases("task_subjects")
# (with the delegating cues: `UBND tỉnh ủy quyền cho X`, the organ hands its power on as `giao` hands a task)
ISSUER_VERBS: Final = _seq(*tables()["issuer_verbs"]["phrases"], *tables()["delegate_cues"]["phrases"])
LEAD_VERBS: Final = _phrases("lead_verbs")
_GOVERNS: Final = _words("governs")
_LEAD_AT_START: Final = _phrase_set("lead_at_start")
LEVEL_FIRST: Final = _words("level_first")
_NAME_WORDS: Final = _words("name_words")
FILLER: Final = _words("filler")


def past_fillers(norms: list[str], x: int, e: int) -> int:
    """The first token from x, before e, that is no filler (`FILLER`): where a clause's words start."""
    while x < e and norms[x] in FILLER:
        x += 1
    return x
_PUNCT_LIST: Final = _words("punct_list")
LIST_EMPHASIS: Final = _seq(*tables()["punct_list"]["emphasis"])
LINE_OPENERS: Final = _words("line_openers")
LINE_OPENER_PHRASES: Final = _phrases("line_opener_phrases")
ASPECT: Final = _words("aspect")
PERSON_MARKER_FIRST: Final = _words("person_marker_first")
TO_LEADERS: Final = _phrases("to_leaders")
DUTY: Final = _phrases("duty")
BOUND_DUTY: Final = _phrases("bound_duty")
ADVERBIALS: Final = _seq(*tables()["bound_duty"]["adverbials"])
BACKGROUND_HEADINGS: Final = _phrases("background_headings")
NOT_BACKGROUND: Final = _phrases("not_background")
STOP_LOW: Final = _words("stop_low")
CUE_FIRST: Final = _words("cue_first")
FIELD_STOP: Final = _words("field_stop")
NEW_ORGAN: Final = _words("new_organ")
TOPIC_OPENERS: Final = _words("topic_openers")
COORD_NOUNS: Final = _phrases("coord_nouns")
NOT_MAIN_CLAUSE: Final = _phrases("not_main_clause")
GUIDE_AS_NOUN: Final = _words("guide_as_noun")
DESCRIPTION_STOP: Final = _words("description_stop")
HEADING_TOPIC: Final = _phrases("heading_topic")
MATTER_OPENERS: Final = _seq(*tables()["heading_topic"]["matter_openers"])
SCOPE_HEADINGS: Final = _seq(*tables()["background_headings"]["scope"])
FRONTED_OPENERS: Final = _phrases("fronted_openers")
TOPIC_FRONTED: Final = _phrases("topic_fronted")
# the cues that assign, with those that delegate a power (`ủy quyền cho X`): X leads in both
DELEGATE_CUES: Final = _phrases("delegate_cues")
ASSIGN_CUES: Final = _seq(*tables()["assign_cues"]["phrases"], *tables()["delegate_cues"]["phrases"])
# `Đơn vị chủ trì:`, `Cơ quan phối hợp:`, `Chủ trì:`: a head (or none) + a role verb
LABELS_ROLE: Final = {tuple(norm_token(x) for x in _TOKEN.findall(f"{head} {verb}")): role
               for head in tables()["labels"]["heads"] for verb, role in tables()["labels"]["roles"]}
LABELS: Final = Seqs(LABELS_ROLE)
# verb phrases of two or more words (`thông báo`, `chuẩn bị`, `ghi nhận`): a lower-case word that starts
# one ends a productive name (`Bộ X thông báo`, `Ban Kiểm tra chuẩn bị tài liệu`)
VERB_STOP: Final = Seqs(q for v in (LEAD_VERBS, ISSUER_VERBS, CUE_COORD, CUE_REPORT, CUE_LEAD, CUE_NONE, CUE_OVERSEE,
                             CUE_DIRECT, _NONE_STRICT) for q in v if len(q) >= 2 and q[0] not in _NAME_WORDS)
_VERB_STOP_FIRST: Final = frozenset(VERB_STOP.idx)
