"""Imported by the batch's fork server (`workers.FORKSERVER_PRELOAD`) before it forks its first worker: the stages,
tables and models load there once, frozen (`extract.warm_up`), and every worker forked from it shares them (pages
copied only where written) instead of loading its own copy.  The PDF and OCR readers are left to the workers of a
batch that needs them."""
import contextlib

from ..extract import warm_up

# (a failure here would stop the fork server, and with it every worker's start: each worker warms up itself
# instead, and a document that needs what failed reports it)
with contextlib.suppress(Exception):
    warm_up(page_readers=False)
