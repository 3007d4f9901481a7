"""What a citing record tells the graph beyond its citations' own fields: the place the document is
about (a locality inferred from its body), the sentence around a citation, a directive the text
reports as issued (`X đã ban hành Chỉ thị số N ...`: the `reports` relation), and the key of a
provisional node for a citation no document can be resolved to yet.
"""
from __future__ import annotations

import re

from .. import regexes
from ..citations import parse_date
from ..lang import match_doc_type
from .keys import Keying, Symbol, fold, is_local, key_number, parse_symbol, provinces_counted, slug, symbol_identity

# `X (đã|vừa|mới) ban hành` right before a citation: the text reports that X issued it.
_ISSUED_BEFORE = regexes.compile(r"(?:(?:đã|vừa|mới|đã chính thức)\s+)?ban\s+hành\s*$", re.IGNORECASE)
# The start of the issuer phrase: an organ word in capitals (`Ban Thường vụ`, `Tỉnh ủy`, `UBND`).
_ORGAN_START = regexes.compile(r"(?:Ban|Thường trực|Tỉnh ủy|Tỉnh uỷ|Thành ủy|Thành uỷ|Huyện ủy|Huyện uỷ|Quận ủy|"
                               r"Quận uỷ|Thị ủy|Thị uỷ|Đảng ủy|Đảng uỷ|Ủy ban|Uỷ ban|UBND|HĐND|Hội đồng|Bộ|Thủ tướng|"
                               r"Chính phủ|Sở|Văn phòng|Bí thư|Chủ tịch)(?!\w)")
_CLAUSE_START = regexes.compile(r"(?:^|[.;:!?\n]|,)\s*")


def body_locality(rec: dict) -> str | None:
    """The province or city a record is about: the one its text names most with a unit word
    (`trên địa bàn tỉnh Bắc Giang`, `Thành phố Hồ Chí Minh`, `TP.HCM`), when no other is named as
    often; None otherwise.  An inference, recorded as such by the caller."""
    counts = provinces_counted(rec.get("text"))
    if not counts:
        return None
    ranked = sorted(counts, key=lambda n: -counts[n])
    if len(ranked) > 1 and counts[ranked[0]] == counts[ranked[1]]:
        return None
    return ranked[0]


_AND = regexes.compile(r"\s+(?:và|cùng)\s+")


def trim_issuer(issuer: str | None) -> str | None:
    """An issuer phrase cut where the text goes on to another document (`Chính phủ và Kế hoạch hành
    động của Ban Thường vụ Thành ủy Hà Nội` -> `Chính phủ`): a `và` followed by a type word."""
    if not issuer or ("và" not in issuer and "cùng" not in issuer):
        return issuer
    for m in _AND.finditer(issuer):
        if match_doc_type(issuer[m.end():]):
            return issuer[:m.start()].strip() or issuer
    return issuer


def citing_sentence(rec: dict, c: dict) -> str | None:
    """The sentence of `rec` a citation stands in (its `sentence` span), else None."""
    text, span = rec.get("text"), c.get("sentence")
    if not text or not span:
        return None
    return text[span[0]:span[1]]


def reported_issuer(rec: dict, c: dict) -> str | None:
    """The issuer a record's text says issued the cited document (`Ngày 29/12/2023, Ban Thường vụ
    thành ủy Gia Nghĩa đã ban hành Chỉ thị số 22-CT/ThU`): the organ phrase between the clause's
    start and `(đã) ban hành` right before the citation; None when the text says no such thing."""
    text, span = rec.get("text"), c.get("span")
    if not text or not span:
        return None
    if text[max(0, span[0] - 40):span[0]].rstrip()[-4:].lower() != "hành":
        return None                         # no `ban hành` right before: the common case, skipped fast
    before = text[max(0, span[0] - 200):span[0]]
    m = _ISSUED_BEFORE.search(before)
    if not m:
        return None
    head = before[:m.start()].rstrip()
    clause = re.split(r"[.;:!?\n,]", head)[-1].strip()
    o = _ORGAN_START.search(clause)
    if not o:
        return None
    issuer = clause[o.start():].strip()
    return issuer if 1 <= len(issuer.split()) <= 14 else None


_ISSUED_ON = regexes.compile(r"(?i:ngày)\s+(\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}"
                             r"|\d{1,2}\s+tháng\s+\d{1,2}\s+năm\s+\d{4})")


def reported_date(rec: dict, c: dict) -> str | None:
    """The date the text gives the issuing it reports (`Ngày 29/12/2023, Ban Thường vụ ... đã ban
    hành Chỉ thị số 22-CT/ThU`): a `ngày ...` in the citation's sentence before it; None without."""
    text, span, sent = rec.get("text"), c.get("span"), c.get("sentence")
    if not text or not span:
        return None
    lo = sent[0] if sent and sent[0] <= span[0] else max(0, span[0] - 200)
    found = list(_ISSUED_ON.finditer(text[lo:span[0]]))
    return parse_date(found[-1].group(0)) if found else None


# Between a reported document and a citation of its content: its subject (`về triển khai thực hiện`),
# no full stop, no second `ban hành`.
_CONTENT_CUE = regexes.compile(r"(?i:\bvề\b|thực\s+hiện|triển\s+khai|hướng\s+dẫn|cụ\s+thể\s+hóa)")


def attribute_to_reported(text: str, cits: list[dict]) -> None:
    """Mark with `attributed_to` (the index of the reported citation) each citation that the text
    gives to a reported document's content: in the sentence `UBND tỉnh đã ban hành Kế hoạch số 45/KH-UBND
    về triển khai thực hiện Chỉ thị số 05/CT-TTg`, 05/CT-TTg is what Kế hoạch 45 implements, not what
    the news report does.  Only a citation after the reported one in its sentence, reached through
    its subject (`về`, `thực hiện`, `triển khai`) with no other document or `ban hành` between."""
    for i, c in enumerate(cits):
        if not c.get("reported_issuer") or not c.get("span") or not c.get("sentence"):
            continue
        for j in range(i + 1, len(cits)):
            d = cits[j]
            if not d.get("span") or d.get("sentence") != c["sentence"] or d["span"][0] < c["span"][1]:
                break
            gap = text[c["span"][1]:d["span"][0]]
            if "ban hành" in gap or len(gap) > 250 or not _CONTENT_CUE.search(gap):
                break
            d["attributed_to"] = i
            cue = _CONTENT_CUE.findall(gap)
            d["attributed_relation"] = ("implements" if any(re.match(r"(?i)thực|triển|cụ", x) for x in cue)
                                        else "guides" if any(x.lower().startswith("hướng") for x in cue) else None)
            break                     # the reported document's first citation: what its subject names


def provisional_key(c: dict, k: Keying | None, sym: Symbol | None, rid: str, index: int) -> str:
    """The key of a provisional node for a citation that resolves to no unique document: what is
    known of it (system, issuer as written or else its code, type, number, date or term), so that
    two citations written alike meet on one node; a citation with neither number nor symbol is one
    node of its own."""
    meta = (k.meta if k is not None else {}) or {}
    number = meta.get("number") or (sym.number if sym else None) or c.get("number")
    if not number:
        return f"vn:provisional:{slug(rid)[:40]}:{index}"
    system = meta.get("system") or (sym.system if sym else None) or "x"
    issuer = slug(c.get("issuer"))[:60] or slug(sym.issuer_code if sym else None) or "x"
    type_part = slug(meta.get("doc_type_code") or (sym.type_code if sym else None) or c.get("doc_type")) or "x"
    scope = meta.get("term") or c.get("date") or "x"
    return f"vn:provisional:{system}:{issuer}:{type_part}:{key_number(str(number))}:{scope}"


def dated_symbol_index(G) -> dict[tuple, list[str]]:
    """Resolved nodes by (symbol identity, date): what an unresolved citation with a symbol and a
    date can be matched against."""
    idx: dict[tuple, list[str]] = {}
    for n, d in G.nodes(data=True):
        sym = parse_symbol(d.get("symbol")) if d.get("symbol") and d.get("date") else None
        if sym is not None and d.get("resolved", True):
            idx.setdefault((symbol_identity(sym), d["date"]), []).append(n)
    return idx


_PROVINCE_WORD = regexes.compile(r"\btinh\b")
_CITY_WORD = regexes.compile(r"\b(thanh uy|thanh pho|tp)\b")


def _kind_agrees(issuer: str | None, d: dict) -> bool:
    """False when the citation's issuer says `tỉnh` and the node's only `thành phố` / `Thành ủy`, or
    the other way round (`24-CT/TU` of a Tỉnh ủy is not a Thành ủy's)."""
    f = fold(issuer)
    names = " | ".join(fold(x) for x in [d.get("issuer"), *(d.get("issuer_names") or [])] if x)
    if _PROVINCE_WORD.search(f) and not _CITY_WORD.search(f):
        return not (_CITY_WORD.search(names) and not _PROVINCE_WORD.search(names))
    if _CITY_WORD.search(f) and not _PROVINCE_WORD.search(f):
        return not (_PROVINCE_WORD.search(names) and not _CITY_WORD.search(names))
    return True


def same_dated_document(idx: dict[tuple, list[str]], G, sym: Symbol | None, c: dict) -> str | None:
    """The one resolved node of the batch with the symbol and the date of citation `c` (and an
    issuer of the same kind), which an unresolved citation merges into; None when none or several."""
    if sym is None or not c.get("date"):
        return None
    hits = [n for n in idx.get((symbol_identity(sym), c["date"]), []) if _kind_agrees(c.get("issuer"), G.nodes[n])]
    return hits[0] if len(hits) == 1 else None


def digest_text(rec: dict) -> dict:
    """A copy of `rec` without its text, carrying what the graph reads there: the place the record
    is about (`body_locality`), and for each citation its sentence (`sentence_text`) and the issuer
    the text says issued it (`reported_issuer`, `X đã ban hành Chỉ thị số N`: the record reports
    the document), which stands for a citation's missing issuer."""
    out = {k: v for k, v in rec.items() if k not in ("text", "set_aside", "sentences")}
    # the place the record is about stands in only for a header that names none
    needed = rec.get("text") and not (rec.get("header") or {}).get("locality") and any(
        (sym := parse_symbol(c.get("symbol"))) is not None and is_local(sym) for c in rec.get("citations") or [])
    out["body_locality"] = body_locality(rec) if needed else None
    cits = []
    for c in rec.get("citations") or []:
        c = {**c, "sentence_text": citing_sentence(rec, c), "issuer": trim_issuer(c.get("issuer"))}
        issuer = reported_issuer(rec, c) if rec.get("text") else None
        if issuer is not None:
            c["reported_issuer"] = issuer
            c["issuer"] = c.get("issuer") or issuer
            c["date"] = c.get("date") or reported_date(rec, c)
        cits.append(c)
    if rec.get("text"):
        attribute_to_reported(rec.get("text"), cits)
    out["citations"] = cits
    return out
