"""Citations, keys: the graph node key a citation names (`citation_target`), built by the one key
builder of `pipeline.graph.keys` (`key_reference`, `node_key`) that the corpus graph uses too.

Within one document the citing document lends only its header's locality (`UBND tỉnh` of a Tiền
Giang document is Tiền Giang's); the corpus graph (`pipeline.graph.build`) keys the same citation again
with more evidence (the citing sentence, the place the document is about) and the other documents
of the batch."""
from __future__ import annotations

import datetime as _dt

from ..graph.keys import Context, as_date, issuer_locality, key_reference, node_key  # noqa: F401
from ..lang import Symbol, slug  # noqa: F401
from ..model import Citation


def citation_target(c: Citation, sym: Symbol | None, locality: str | None, khoa: str | None = None,
                    doc_date: _dt.date | None = None) -> str | None:
    """Node key for a citation when the document alone determines it, else None.  `locality` is
    the citing document's header locality and `doc_date` its date (a document after the 2025
    merger citing an older local document names one of the merged provinces); `khoa` the `(khóa
    XI)` printed after a central Party issuer."""
    if sym is None:
        return None
    ctx = None
    if locality:
        ctx = Context("", "", issuer_locality(locality) or locality, doc_date, None, None, None, "header")
    k = key_reference(sym, issuer_text=c.issuer, date=as_date(c.date), ctx=ctx, khoa=khoa)
    return k.key
