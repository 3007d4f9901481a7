"""`chithi batch`: inputs (files, folders, zip archives), the manifest that makes a run resumable,
the worker pool, and the run over an archive.
"""
from .archive import Summary, available_cores, check_jobs, check_language, process_archive, process_one
from .manifest import PARTIAL_CODES

__all__ = [
    "PARTIAL_CODES", "Summary", "available_cores", "check_jobs", "check_language", "process_archive",
    "process_one",
]
