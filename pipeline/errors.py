"""Typed errors raised by the library.

Library code never prints or exits: it raises one of these and the CLI
(`pipeline.cli`) maps them to exit codes and messages.  Every error carries
the path it concerns (when there is one) and the pipeline stage that failed,
so a batch can record `file, stage, error, message` for each bad input.
"""
from __future__ import annotations


class ChithiError(Exception):
    """Base class of every error the library raises on purpose."""

    stage = "pipeline"

    def __init__(self, message: str, *, path: str | None = None, stage: str | None = None):
        super().__init__(message)
        self.message = message
        self.path = path
        if stage is not None:
            self.stage = stage

    def __str__(self) -> str:  # "path: message" reads well in logs and errors.jsonl
        return f"{self.path}: {self.message}" if self.path else self.message


class InputError(ChithiError):
    """The input cannot be read as a document (missing, empty, wrong format)."""

    stage = "read"


class UnsupportedFormatError(InputError):
    """The file's format is not one chithi reads."""


class CorruptInputError(InputError):
    """The file claims a known format but its bytes cannot be parsed (broken or encrypted PDF...)."""


class EmptyDocumentError(InputError):
    """The input holds no text at all (empty file, blank scan with nothing recognised)."""


class OCRUnavailableError(ChithiError):
    """Tesseract or its Vietnamese data is missing; the message says how to install it."""

    stage = "ocr"


class OCRError(ChithiError):
    """OCR of a whole document failed (a single failed page only degrades to a warning)."""

    stage = "ocr"


class GoldFormatError(ChithiError):
    """A gold file does not follow GOLD.md."""

    stage = "evaluate"


class DataTableError(ChithiError):
    """A fact table under models/ is malformed (checked at load time)."""

    stage = "load"


class UsageError(ChithiError):
    """A command or call was given arguments it cannot run with (`--jobs 0`, a malformed
    scheduler address); nothing was processed."""

    stage = "usage"


class OutputError(ChithiError):
    """The output folder cannot be used: it is a file, it is not writable, or another run holds
    its lock.  Nothing was processed."""

    stage = "output"


class OutputLockedError(OutputError):
    """Another `chithi batch` is writing to the same output folder."""


class SchedulerError(ChithiError):
    """The Dask scheduler cannot be reached."""

    stage = "scheduler"


class LimitError(InputError):
    """An input is over one of the reading limits (`pipeline.read.limits`): bytes, pixels, seconds."""
