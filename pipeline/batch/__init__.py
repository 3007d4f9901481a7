"""`chithi batch`: inputs (files, folders, zip archives), the manifest that makes a run resumable,
the worker pool, and the run over an archive.
"""
# The manifest first: `pipeline.export.tables` reads PARTIAL_CODES from here while `archive` (which
# imports `pipeline.export`) is still loading.
from .manifest import PARTIAL_CODES  # isort: skip
from .archive import Summary, available_cores, check_jobs, check_language, process_archive, process_one

__all__ = [
    "PARTIAL_CODES", "Summary", "available_cores", "check_jobs", "check_language", "process_archive",
    "process_one",
]
