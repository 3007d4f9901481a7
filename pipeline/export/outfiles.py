"""Writing output files safely: whole or not at all, text every consumer can take, one writer.

- `atomic_write(path)`: write to a temporary name in the same folder, fsync, rename over `path`;
  a run killed while writing leaves the previous file (or none), never half of one.
- `clean_text(s)`: characters that XML 1.0 forbids (C0 controls other than tab, newline and
  carriage return, U+FFFE/U+FFFF) and lone surrogates, which no UTF-8 writer can encode, each
  replaced by U+FFFD, one for one, so that every span into the text stays where it was.
  `clean_record` does it to every string of a record and says what it replaced.
- `OutputLock(folder)`: an exclusive `fcntl.flock` on `folder/.lock`; the kernel releases it when
  the holder dies, so a stale lock file never blocks a later run.

>>> clean_text("Chỉ thị\\x07 số\\ud800 05")
'Chỉ thị� số� 05'
>>> rec = {"text": "a\\x00b", "header": {"title": "t\\x1b"}, "warnings": []}
>>> clean_record(rec), rec["text"], [w["code"] for w in rec["warnings"]]
(2, 'a�b', ['control-characters'])
"""
from __future__ import annotations

import contextlib
import errno
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any

from .. import regexes
from ..errors import OutputError, OutputLockedError

# Form feed (page break) is kept in JSON records, where it is legal; the XML writers clean it too.
_BAD_JSON_TEXT = regexes.compile("[\x00-\x08\x0b\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BAD_XML_TEXT = regexes.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
REPLACEMENT = "\ufffd"


def clean_text(s: str, *, xml: bool = False) -> str:
    """`s` with each character no XML / UTF-8 consumer takes replaced by U+FFFD (same length)."""
    return (_BAD_XML_TEXT if xml else _BAD_JSON_TEXT).sub(REPLACEMENT, s)


def _clean(value: Any, xml: bool, counter: list[int]) -> Any:
    pat = _BAD_XML_TEXT if xml else _BAD_JSON_TEXT
    if isinstance(value, str):
        if pat.search(value) is None:
            return value
        new, n = pat.subn(REPLACEMENT, value)
        counter[0] += n
        return new
    if isinstance(value, list):
        items: Any = enumerate(value)
    elif isinstance(value, dict):
        items = list(value.items())
    else:
        return value
    # the strings and numbers of a container tested here, without a call each (a batch's graph holds
    # some 150,000 of them, all but a handful clean: the calls were a fifth of its graph step)
    for k, v in items:
        if type(v) is str:
            if pat.search(v) is not None:
                value[k], n = pat.subn(REPLACEMENT, v)
                counter[0] += n
        elif isinstance(v, (list, dict, str)):
            value[k] = _clean(v, xml, counter)
    return value


def clean_record(rec: dict) -> int:
    """Clean every string of `rec` in place; when something was replaced, add a warning
    `control-characters` saying how many.  Returns the count."""
    counter = [0]
    _clean(rec, False, counter)
    if counter[0]:
        rec.setdefault("warnings", []).append({
            "code": "control-characters", "span": None,
            "message": f"{counter[0]} control character(s) or lone surrogate(s) that XML, CSV and JSON readers "
                       f"refuse were replaced by U+FFFD (offsets unchanged)"})
    return counter[0]


# What the characters `_BAD_JSON_TEXT` holds look like in JSON written with ensure_ascii=False: the
# control characters escaped (`\u0000`-`\u0007`, `\b`, `\u000b`, `\u000e`-`\u001f`), lone surrogates and
# U+FFFE/U+FFFF as they are.  (An escaped backslash can look like one: a false alarm only costs the walk.)
_BAD_JSON_SHOWN = regexes.compile(r"\\u00(?:0[0-7bef]|1[0-9a-f])|\\b|[\ud800-\udfff\ufffe\uffff]")


# A superset of those sights found by substring tests, each a fast scan where the pattern's search tried
# its alternatives at every character (more than the dump itself took): the escapes by their start
# (`\u00` is written for those control characters only), U+FFFE/U+FFFF as they are, a lone surrogate
# by the encoding that refuses it.
_SHOWN = ("\\u00", "\\b", "\ufffe", "\uffff")


def _shows_bad(text: str) -> bool:
    """Whether `text` (JSON, ensure_ascii=False) may show a character `clean_record` replaces: wherever
    `_BAD_JSON_SHOWN` finds one, and where an escaped backslash looks like one.

    >>> _shows_bad('"a\\\\u0007"'), _shows_bad('"a\\ud800"'), _shows_bad('"a\\\\n\\u00e9"')
    (True, True, False)
    """
    if any(x in text for x in _SHOWN):
        return True
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _items(rec: dict) -> tuple[list[tuple[str, bytes]] | None, bool]:
    """(`"key": value` of each item of `rec` in UTF-8, None where one holds a lone surrogate, which
    UTF-8 refuses; whether one shows another character `clean_record` replaces, `_SHOWN`)."""
    texts = [(k, f"{json.dumps(k, ensure_ascii=False)}: {json.dumps(v, ensure_ascii=False)}") for k, v in rec.items()]
    shown = any(x in text for _, text in texts for x in _SHOWN)
    try:
        return [(k, text.encode()) for k, text in texts], shown
    except UnicodeEncodeError:
        return None, True


def record_items(rec: dict) -> list[tuple[str, bytes]] | None:
    """`record_json(rec)` in pieces, in UTF-8, one per item of `rec`: (its key, `"key": value` as
    record_json writes it), cleaned first as record_json cleans; joined by ", " between braces they are
    `record_json(rec)` (where each piece of a batch's line starts: `batch.digests.record_line`).  None
    (nothing cleaned) where a key is not a string.

    >>> items = record_items({"id": "a", "text": "x\\x00"})
    >>> line = b"{" + b", ".join(i for _, i in items) + b"}"
    >>> [k for k, _ in items], line == record_json({"id": "a", "text": "x\\x00"}).encode()
    (['id', 'text', 'warnings'], True)
    """
    if not all(type(k) is str for k in rec):
        return None
    items, shown = _items(rec)
    if shown and clean_record(rec):
        items = _items(rec)[0]
    if items is None:       # (a lone surrogate clean_record left: none is; the encoding says why)
        json.dumps(rec, ensure_ascii=False).encode("utf-8")
    return items


def record_json(rec: dict) -> str:
    """`rec` as one line of JSON (ensure_ascii=False), cleaned first (`clean_record`, its warning added)
    only where its dump shows a character to replace: the walk over every string of a clean record, the
    most of them, is left out."""
    text = json.dumps(rec, ensure_ascii=False)
    if _shows_bad(text) and clean_record(rec):
        text = json.dumps(rec, ensure_ascii=False)
    return text


# What `_BAD_XML_TEXT` holds looks like in JSON written with ensure_ascii=False (`_BAD_JSON_SHOWN` and
# the form feed, `\f`); each such sight starts with a backslash or is one of the characters as they are.
_BAD_XML_SHOWN = regexes.compile(r"\\u00(?:0[0-7bef]|1[0-9a-f])|\\[bf]|[\ud800-\udfff\ufffe\uffff]")
_SHOWN_START = regexes.compile("[\\\\\ud800-\udfff\ufffe\uffff]")


def xml_refused_shown(text: str) -> bool:
    """Whether JSON text (ensure_ascii=False) shows a character that `clean_graph` replaces (an escaped
    backslash before `b`, `f` or `u00..` looks like one: a false alarm only costs the cleaning).  Found
    from the few backslashes of the text, not by trying the pattern at every character.

    >>> xml_refused_shown('{"a": "x\\\\fy"}'), xml_refused_shown('{"a": "x\\\\ny"}')
    (True, False)
    """
    return any(_BAD_XML_SHOWN.match(text, m.start()) for m in _SHOWN_START.finditer(text))


def clean_graph(G) -> int:
    """Clean, in place, the string attributes of a networkx graph (its nodes' keys excepted, which
    come from cleaned records) for the XML writers (GraphML, GEXF).  Returns the count."""
    counter = [0]
    for _, d in G.nodes(data=True):
        _clean(d, True, counter)
    for *_, d in G.edges(data=True):
        _clean(d, True, counter)
    _clean(G.graph, True, counter)
    return counter[0]


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike, mode: str = "w", **kw) -> Iterator[IO]:
    """Open a temporary file beside `path`; on success fsync it and rename it to `path`."""
    p = Path(path)
    fd, tmp = tempfile.mkstemp(prefix=f".{p.name}.", suffix=".tmp", dir=p.parent)
    if "b" not in mode:
        kw.setdefault("encoding", "utf-8")
    try:
        with os.fdopen(fd, mode, **kw) as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o644)
        os.replace(tmp, p)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def replace_into(tmp: str | os.PathLike, final: str | os.PathLike) -> None:
    """fsync the finished file `tmp` and rename it to `final` (same folder)."""
    with open(tmp, "rb+") as f:
        os.fsync(f.fileno())
    os.replace(tmp, final)


class OutputLock:
    """An exclusive lock on an output folder, held until `release` (or the process dies)."""

    NAME = ".lock"

    def __init__(self, folder: str | os.PathLike):
        import fcntl

        self.path = Path(folder) / self.NAME
        try:
            self.fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:
            raise OutputError(f"cannot write to the output folder ({e.strerror or e})", path=str(folder)) from e
        try:
            fcntl.flock(self.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as e:
            holder = ""
            with contextlib.suppress(OSError, ValueError):
                holder = os.pread(self.fd, 64, 0).decode("ascii").strip()
            os.close(self.fd)
            if e.errno in (errno.EWOULDBLOCK, errno.EAGAIN, errno.EACCES):
                raise OutputLockedError(
                    f"another chithi batch{' (process ' + holder + ')' if holder else ''} is writing to this "
                    f"folder: wait for it to finish or choose another output folder", path=str(folder)) from e
            raise OutputError(f"cannot lock the output folder ({e.strerror or e})", path=str(folder)) from e
        os.ftruncate(self.fd, 0)
        os.pwrite(self.fd, str(os.getpid()).encode("ascii"), 0)

    def release(self) -> None:
        if self.fd is not None:
            os.close(self.fd)      # closing the descriptor releases the flock
            self.fd = None

    def __enter__(self) -> OutputLock:
        return self

    def __exit__(self, *exc) -> None:
        self.release()
