"""A self-contained HTML page that highlights a document's responsible bodies (coloured by role)
and deadlines in its text, rendered with spaCy's displaCy (`style="ent"`, manual mode)."""
from __future__ import annotations

import html

from pipeline.model import Document

COLORS = {"LEAD": "#f4a261", "COORDINATE": "#8ecae6", "OVERSEE": "#cdb4db", "REPORT_TO": "#b7e4c7",
          "DEADLINE": "#ffd166"}


def _spans(doc: Document) -> list[dict]:
    cand = []
    for t in doc.tasks:
        for b in t.bodies:
            if b.inherited or b.span is None:
                continue
            cand.append((b.span[0], b.span[1], b.role.upper()))
        for d in t.deadlines:
            if d.span is not None:
                cand.append((d.span[0], d.span[1], "DEADLINE"))
    # displaCy's ent style needs non-overlapping spans: keep the earliest, then the longest
    cand.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out, last = [], -1
    for s, e, lab in cand:
        if s >= last and 0 <= s < e <= len(doc.text):
            out.append({"start": s, "end": e, "label": lab})
            last = e
    return out


def render_html(doc: Document) -> str:
    """One HTML page: the document's text with bodies and deadlines highlighted (all text escaped)."""
    from spacy import displacy
    data = {"text": doc.text, "ents": _spans(doc), "title": None}
    body = displacy.render(data, style="ent", manual=True, page=False, jupyter=False,
                           options={"colors": COLORS, "ents": list(COLORS)})
    legend = " ".join(f'<span style="background:{c};padding:0.2em 0.5em;border-radius:0.3em">'
                      f'{html.escape(k.lower())}</span>' for k, c in COLORS.items())
    title = html.escape(doc.header.title or doc.id or "document")
    return ("<!DOCTYPE html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title>"
            "<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;line-height:1.6}"
            ".entities{white-space:pre-wrap}</style></head><body>"
            f"<h1>{title}</h1><p>{legend}</p>{body}</body></html>\n")
