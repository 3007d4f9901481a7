"""The phrase tables of the bodies stage (`models/bodies.toml`): each table has its purpose written, is read
by the stage, and its examples and counter-examples give the bodies they state."""
import pathlib
import re

import pytest

from pipeline.bodies import vocab
from pipeline.bodies.stage import find_bodies

TABLES = vocab.tables()
# (the source beside the module: `vocab.__file__` is the compiled module where the install compiled it, README)
VOCAB_SOURCE = pathlib.Path(vocab.__file__).with_name("vocab.py").read_text(encoding="utf-8")


def _cases():
    for name, table in TABLES.items():
        for which in ("examples", "counter_examples"):
            for text, expected in table.get(which, ()):
                yield pytest.param(text, expected, id=f"{name}:{which}:{text[:40]}")


def _parse(expected):
    return [] if expected == "-" else [tuple(x.strip().rsplit("=", 1)) for x in expected.split("|")]


@pytest.mark.parametrize("name", sorted(TABLES))
def test_every_table_is_documented_and_read(name):
    table = TABLES[name]
    assert table.get("doc"), f"{name}: say what the table is for"
    assert re.search(rf'\("{re.escape(name)}"\)|tables\(\)\["{re.escape(name)}"\]', VOCAB_SOURCE), \
        f"{name}: not read by pipeline/bodies/vocab.py"
    assert any(k in table for k in ("phrases", "words", "heads")), name


@pytest.mark.parametrize("name", sorted(n for n, t in TABLES.items() if "words" in t and not t.get("norm")))
def test_words_are_written_as_token_norms(name):
    from pipeline.bodies.tokens import norm_token
    assert [w for w in TABLES[name]["words"] if norm_token(w) != w] == [], name


@pytest.mark.parametrize("text,expected", list(_cases()))
def test_table_examples(text, expected):
    assert [(b.name, b.role) for b in find_bodies(text)] == _parse(expected)
