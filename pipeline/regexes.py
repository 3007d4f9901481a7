"""Regular expressions compiled at install time: `compile(pattern, flags)`, a drop-in for `re.compile`.

Compiling the package's five hundred or so patterns (the line-start grammars of the reader, the gazetteer's
alternations, the symbol and date grammars) is most of the time a fresh process takes before its first
document: about 0.17 s of the 0.3 s a batch worker or a first `extract()` spends loading.  Python compiles
a pattern in two steps, a parser and a code generator written in Python, then hands the resulting program
(a list of integers) to the C engine, `_sre.compile`, which checks it.  `make install` runs the two Python
steps once for every pattern the package asks for and stores the programs (`regexes.build()`,
the file `regex_programs.bin` beside this module); a process then builds each pattern from its stored
program.

Nothing here can change what a pattern matches:
- a program is looked up by the pattern's exact text and flags, so an edited pattern simply misses and is
  compiled by `re.compile`;
- the file is used only by the Python build that wrote it (its whole version, `_sre.MAGIC`, code size);
- the C engine validates every program it is given; any error drops the file, and `re.compile` takes over;
- the tests compare every stored program with what `re.compile` makes of its pattern (`Pattern.__eq__`
  compares the pattern, its flags and its compiled code).

>>> compile(r"\\d+/CT-TTg").match("05/CT-TTg").group()
'05/CT-TTg'
>>> compile(r"\\d+/CT-TTg") is compile(r"\\d+/CT-TTg")     # built once per process, like re's cache
True
"""
from __future__ import annotations

import _sre
import marshal
import os
import re
import sys
from array import array
from typing import Any, AnyStr

PROGRAMS_FILE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "regex_programs.bin")

# A stored program: (flags the pattern ends with, code, groups - 1, group index, index group).  The code is the
# bytes of an array of the engine's code words: the file is read in one copy, and a pattern's code is unpacked
# into the list the engine takes only when the pattern is asked for (the lists of the whole file took 66 ms to
# read, a third of what the file saves).
Program = tuple[int, bytes, int, dict[str, int], tuple[str | None, ...]]
Key = tuple[Any, int]       # (pattern, flags); a pattern is text, or bytes for one over UTF-8 bytes

_programs: dict[Key, Program] | None = None      # the file's programs, read on first use
_built: dict[Key, re.Pattern[Any]] = {}          # patterns built from them in this process
_asked: dict[Key, None] = {}                     # every (pattern, flags) asked for, in order
_ASKED_MAX = 5000       # (the package asks for some 540; a pattern made of a document's text would grow it for ever)


def build_tag() -> tuple:
    """What a stored program depends on besides its pattern: the Python version and its regex engine's."""
    # (the whole version: a patch release may change the parser's or the code generator's output)
    return (sys.implementation.name, sys.version, _sre.MAGIC, _sre.CODESIZE, array("I").itemsize, sys.maxunicode)


def compile(pattern: AnyStr, flags: int | re.RegexFlag = 0) -> re.Pattern[AnyStr]:
    """`re.compile(pattern, flags)`, built from the stored program where the install stored one."""
    key = (pattern, int(flags))
    done = _built.get(key)
    if done is not None:
        return done
    if len(_asked) < _ASKED_MAX:
        _asked[key] = None
    global _programs
    if _programs is None:
        _programs = {} if os.environ.get("CHITHI_NO_REGEX_PROGRAMS") else load_programs()
    stored = _programs.get(key)
    if stored is not None:
        done = from_program(pattern, stored)
        if done is not None:
            _built[key] = done
            return done
        _programs = {}          # (a program the engine refused: never expected; re.compile from now on)
    return re.compile(pattern, flags)


def from_program(pattern: AnyStr, stored: Program) -> re.Pattern[AnyStr] | None:
    """The pattern built by the regex engine from its stored program, or None where the engine refuses it (it
    checks every program it is given)."""
    try:
        final_flags, code, groups, groupindex, indexgroup = stored
        return _sre.compile(pattern, final_flags, array("I", code).tolist(), groups, groupindex, indexgroup)
    except Exception:
        return None


def load_programs(path: str = PROGRAMS_FILE) -> dict[Key, Program]:
    """The programs stored in `path`, or none where the file is missing, unreadable or from another Python
    build."""
    try:
        with open(path, "rb") as f:
            tag, programs = marshal.load(f)
    except (OSError, EOFError, ValueError, TypeError):
        return {}
    return programs if tag == build_tag() and isinstance(programs, dict) else {}


def program(pattern: str | bytes, flags: int) -> Program:
    """The program Python's own compiler makes of `pattern` (the steps of `re._compiler.compile` before its
    call of `_sre.compile`)."""
    try:
        from re import _compiler, _parser  # type: ignore[attr-defined]   (Python 3.11 and later)
    except ImportError:             # pragma: no cover - Python 3.10
        import sre_compile as _compiler  # type: ignore[no-redef]
        import sre_parse as _parser  # type: ignore[no-redef]
    p = _parser.parse(pattern, flags)
    code = _compiler._code(p, flags)
    indexgroup: list[str | None] = [None] * p.state.groups
    for name, i in p.state.groupdict.items():
        indexgroup[i] = name
    # (plain ints: the code generator's flags are an int subclass, which marshal does not store)
    return (int(flags | p.state.flags), array("I", code).tobytes(), p.state.groups - 1, dict(p.state.groupdict),
            tuple(indexgroup))


def asked() -> list[Key]:
    """Every (pattern, flags) this process asked `compile` for (the first `_ASKED_MAX`), in the order first asked."""
    return list(_asked)


def write_programs(keys: list[Key], path: str = PROGRAMS_FILE) -> int:
    """Store the programs of `keys` in `path` (`atomic_write`: whole or not at all); the number stored.  A key that
    is not a pattern's text (a compiled pattern passed on) or whose program cannot be made is left out."""
    from pipeline.export import atomic_write

    programs = {}
    for pattern, flags in keys:
        if isinstance(pattern, (str, bytes)):
            try:
                programs[(pattern, flags)] = program(pattern, flags)
            except Exception:   # (left to re.compile at run time)
                continue
    with atomic_write(path, "wb") as f:
        marshal.dump((build_tag(), programs), f)
    return len(programs)


def build(path: str = PROGRAMS_FILE) -> int:
    """Load every module of the package, warm every stage up and extract the sample corpus of a source checkout
    (some patterns are compiled on first use), so that each pattern the package compiles is asked for, then
    store their programs in `path`; the number stored."""
    import importlib
    import pkgutil
    from pathlib import Path

    import pipeline
    from pipeline.extract import extract, warm_up

    for info in pkgutil.walk_packages(pipeline.__path__, "pipeline."):
        if info.name.endswith("__main__"):
            continue
        try:
            importlib.import_module(info.name)
        except Exception:       # a module whose optional library is missing: its patterns compile at run time
            continue
    try:
        warm_up(page_readers=True)
    except Exception:           # no OCR readers here: the text stages' patterns are asked for all the same
        warm_up(page_readers=False)
    for sample in sorted((Path(__file__).resolve().parent.parent / "corpora" / "sample").glob("*.txt")):
        try:
            extract(sample.read_bytes(), path=str(sample))
        except Exception:       # (a build never fails on a document)
            continue
    return write_programs(asked(), path)
