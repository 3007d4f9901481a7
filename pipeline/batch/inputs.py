"""The inputs of a batch: files, folders and zip archives, listed lazily and read within limits.

Every byte is counted while it is read, so no input costs more memory than `Limits.input_bytes`
whatever its size on disk or what a zip entry's header claims, and a zip archive stops expanding
at `Limits.archive_bytes`.  Anything that cannot be read becomes an `Item` with an `error`
(stage, error type, message) that the batch records as one line of errors.jsonl.
"""
from __future__ import annotations

import hashlib
import os
import stat
import zipfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import IO

from ..read import HTML_EXTENSIONS, MIB, TEXT_EXTENSIONS, Limits, current

CHUNK = MIB


@dataclass
class Item:
    """One input document: a file, or a member of a zip archive (`data` read in place)."""
    path: str                        # as reported: the file path, or "archive.zip!member"
    fs: str | None = None            # file on disk
    data: bytes | None = None        # zip member bytes
    error: tuple[str, str, str] | None = None   # (stage, error type, message) found while listing
    size: int | None = None


SKIP_SUFFIXES = (".gold.json", ".truth.txt")
# A collection's own notes (README, MANIFEST) describe the documents; they are not documents.
SKIP_NAMES = ("readme.md", "readme.txt", "readme", "manifest.tsv", "manifest.csv", "license", "license.txt")


def _skipped(name: str) -> bool:
    base = name.rsplit("/", 1)[-1].lower()
    return base.startswith(".") or name.endswith(SKIP_SUFFIXES) or base in SKIP_NAMES


def _unsafe_member(name: str) -> bool:
    p = PurePosixPath(name.replace("\\", "/"))
    return p.is_absolute() or ".." in p.parts or (len(name) > 1 and name[1] == ":")


def _mib(n: float) -> str:
    return f"{n / MIB:.0f} MiB"


def over_input_limit(size: int, limits: Limits, what: str = "file") -> tuple[str, str, str]:
    """The error (stage, type, message) of an input of `size` bytes over the input limit."""
    return ("read", "LimitError", f"{what} is {_mib(size)}, over the {_mib(limits.input_bytes)} limit "
                                  f"(raise it with --max-input-mb)")


def read_capped(f: IO[bytes], cap: int) -> bytes | None:
    """The bytes of `f`, or None as soon as there are more than `cap`."""
    buf = bytearray()
    while True:
        chunk = f.read(min(CHUNK, cap + 1 - len(buf)))
        if not chunk:
            return bytes(buf)
        buf += chunk
        if len(buf) > cap:
            return None


def _iter_zip(zpath: str, limits: Limits) -> Iterator[Item]:
    try:
        zf = zipfile.ZipFile(zpath)
    except (zipfile.BadZipFile, OSError) as e:
        yield Item(zpath, error=("read", "CorruptInputError", f"not a readable zip archive ({e})"))
        return
    expanded = 0
    with zf:
        for info in zf.infolist():
            if info.is_dir():
                continue
            name = f"{zpath}!{info.filename}"
            if _unsafe_member(info.filename):
                yield Item(name, error=("read", "UnsafeZipEntry", "absolute path or '..' in a zip entry: refused"))
            elif any(_skipped(part) for part in PurePosixPath(info.filename).parts):
                continue
            elif info.flag_bits & 0x1:
                yield Item(name, error=("read", "CorruptInputError", "encrypted zip entry"))
            elif info.file_size > limits.input_bytes:
                yield Item(name, size=info.file_size, error=over_input_limit(info.file_size, limits, "entry"))
            elif expanded >= limits.archive_bytes:
                yield Item(name, size=info.file_size, error=(
                    "read", "LimitError", f"the archive expanded past its {_mib(limits.archive_bytes)} limit "
                                          f"before this entry (raise it with --max-archive-mb): not read"))
            else:
                cap = min(limits.input_bytes, limits.archive_bytes - expanded)
                try:
                    with zf.open(info) as f:
                        data = read_capped(f, cap)   # the header's size may lie: count what comes out
                except Exception as e:  # bad CRC, unsupported compression, a truncated archive...
                    yield Item(name, error=("read", "CorruptInputError", f"cannot read zip entry ({e})"))
                    continue
                if data is None:
                    expanded += cap
                    why = (f"the archive expands past its {_mib(limits.archive_bytes)} limit (raise it with "
                           f"--max-archive-mb)" if cap < limits.input_bytes else
                           f"entry expands past the {_mib(limits.input_bytes)} limit (its header says "
                           f"{info.file_size} bytes)")
                    yield Item(name, error=("read", "LimitError", why + ": refused"))
                    continue
                expanded += len(data)
                yield Item(name, data=data)


def _walk(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> Iterator[tuple[str, bool]]:
    """(path, exists) of every file under `inputs`, folders walked sorted, hidden and gold files
    skipped, and the folder `exclude` (the batch's own output) left out."""
    ex = os.path.realpath(exclude) if exclude else None
    for inp in inputs:
        p = str(inp)
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.realpath(os.path.join(root, d)) != ex)
                for f in sorted(files):
                    if not _skipped(f):
                        yield os.path.join(root, f), True
        else:
            yield p, os.path.exists(p) or os.path.islink(p)


def iter_inputs(inputs: Iterable[str | os.PathLike], exclude: str | None = None,
                limits: Limits | None = None) -> Iterator[Item]:
    """Every document under `inputs`, lazily: folders are walked (sorted, hidden files and
    `*.gold.json` / `*.truth.txt` skipped), zip archives opened in place."""
    limits = limits or current()
    for p, exists in _walk(inputs, exclude):
        if not exists:
            yield Item(p, error=("read", "InputError", "no such file or folder"))
        elif p.lower().endswith(".zip") and os.path.isfile(p):
            yield from _iter_zip(p, limits)
        else:
            yield Item(p, fs=p)


def needs_page_readers(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> bool:
    """Whether any input is named as something other than text, markdown or HTML (a PDF, a scan, a
    docx, a name without a known extension), by names only: the batch's workers then load the PDF and
    OCR readers before their first document (see `extract.warm_up`).  A text-only batch skips them,
    half of a worker's start; a PDF named `.txt` is still read as a PDF, its imports in its own time.
    """
    for p, exists in _walk(inputs, exclude):
        if not exists:
            continue
        if p.lower().endswith(".zip") and os.path.isfile(p):
            try:
                with zipfile.ZipFile(p) as zf:
                    names = [i.filename for i in zf.infolist() if not i.is_dir()]
            except Exception:
                return True
            if any(not _text_name(n) for n in names if not _skipped(n)):
                return True
        elif not _text_name(p):
            return True
    return False


def _text_name(name: str) -> bool:
    ext = os.path.splitext(name)[1].lower()
    return ext in TEXT_EXTENSIONS or ext in HTML_EXTENSIONS


def count_inputs(inputs: Iterable[str | os.PathLike], exclude: str | None = None) -> int:
    """How many documents `iter_inputs` will yield (without reading any file), for the ETA."""
    n = 0
    for p, exists in _walk(inputs, exclude):
        if exists and p.lower().endswith(".zip"):
            try:
                with zipfile.ZipFile(p) as zf:
                    n += sum(1 for i in zf.infolist() if not i.is_dir())
            except Exception:
                n += 1
        else:
            n += 1
    return n


def _read_file(item: Item, limits: Limits) -> None:
    """Fill `item.data` from its file, or `item.error`: only regular files (never a FIFO or a
    device, which could block or never end), and never more than the limit."""
    try:
        st = os.stat(item.fs)
        if not stat.S_ISREG(st.st_mode):
            item.error = ("read", "InputError", "not a regular file (a device, a pipe or a socket): not read")
            return
        if st.st_size > limits.input_bytes:
            item.error, item.size = over_input_limit(st.st_size, limits), st.st_size
            return
        with open(item.fs, "rb") as f:
            data = read_capped(f, limits.input_bytes)     # the file may grow while it is read
        if data is None:
            item.error = over_input_limit(limits.input_bytes + 1, limits)
        else:
            item.data = data
    except OSError as e:
        item.error = ("read", "InputError", f"cannot read ({e.strerror or e})")


def load(item: Item, limits: Limits | None = None) -> tuple[str, bytes | None, tuple | None]:
    """(key, bytes, error): the content hash and bytes of an item, or a key for an unreadable one."""
    limits = limits or current()
    if item.error is None and item.fs is not None:
        _read_file(item, limits)
    if item.error is not None:
        mtime = ""
        try:
            mtime = str(os.stat(item.fs).st_mtime_ns) if item.fs else ""
        except OSError:
            pass
        return "unread:" + hashlib.sha256(f"{item.path}|{item.size}|{mtime}".encode()).hexdigest(), None, item.error
    data, item.data = item.data, None
    return hashlib.sha256(data).hexdigest(), data, None
