"""Tokens of a task's text for the bodies stage, and matching of token-norm sequences.

`Toks` holds one text as parallel lists (text, norm, cap, para) from one split (`_split`); `norm_token`
is lower case with old/new tone placement unified (`Uỷ` -> `ủy`).  `Seqs` is a set of token-norm
sequences indexed by first and last token; `_match_seq` / `_ends_with` give the longest one starting
at / ending before a position with one dictionary look-up.  Every table of `bodies/vocab.py` is a
`Seqs`; the gazetteer phrases are looked up by `bodies/gazetteer.py`.
"""
from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator
from typing import Final

from pipeline import regexes

_PARA: Final = regexes.compile(r"\n[ \t*_#>]*\n|\|")
_TOKEN: Final = regexes.compile(r"\w++(?:[&'’.\-/]\w++)*+&?+|[^\w\s*_\\#|>`]")     # possessive: no backtracking
_TOKEN_SPLIT: Final = regexes.compile(f"({_TOKEN.pattern})")
_NOT_LONE: Final = frozenset("*_\\#|>`&")     # after a word: no token of its own (`&` ends the word: `AT&`)


def _split(src: str) -> list[str]:
    """`_TOKEN_SPLIT.split(src)` ([gap, token, gap, ..., token, gap]) at less cost: no token holds white space, so
    the text splits at spaces first, and a piece that is one word (`str.isalnum`: `\\w` but `_`) is its token; the
    other pieces go through `_piece`, line by line."""
    parts: list[str] = []
    gap = ""        # (the gap so far, with the space after each piece added at once: no test for the first piece)
    # (one `append` a string: `parts += (gap, p)` built and freed a tuple a token, slower pure and compiled)
    for p in src.split(" "):
        if p.isalnum():
            parts.append(gap)
            parts.append(p)
            gap = " "
        elif p:
            if "\n" in p:      # (`tế.\nSở`: lines split again, the line breaks joined to the gaps)
                lines = p.split("\n")
                gap = _piece(parts, gap, lines[0])
                for x in range(1, len(lines)):
                    gap = _piece(parts, gap + "\n", lines[x])
                gap += " "
            else:
                gap = _piece(parts, gap, p) + " "
        else:
            gap += " "
    parts.append(gap[:-1])      # (less the space after the last piece, which has none)
    return parts


def _piece(parts: list[str], gap: str, p: str) -> str:
    """The tokens of `p` (no space, no line break), the first after `gap`, added to `parts` as `_split` has them;
    the gap after the last (the piece's text after it).  A word between marks that are tokens of their own
    (`tế,`, `(1)`, `“Ủy`, `-`) is split with no regex run; the other pieces (`27-CT/TW`) go through the regex."""
    if p.isalnum():
        parts.append(gap)
        parts.append(p)
        return ""
    n = len(p)
    a = 0
    while a < n and LONE[p[a]]:
        a += 1
    b = n
    while b > a and LONE[p[b - 1]]:
        b -= 1
    if a == b or p[a:b].isalnum():
        # marks, each a token (`[^\\w\\s...]`), around at most one word (no joiner inside it)
        for x in range(a):
            parts.append(gap)
            parts.append(p[x])
            gap = ""
        if a < b:
            parts.append(gap)
            parts.append(p[a:b])
            gap = ""
        for x in range(b, n):
            parts.append(gap)
            parts.append(p[x])
            gap = ""
        return gap
    sub = _TOKEN_SPLIT.split(p)
    if len(sub) == 1:
        return gap + p
    sub[0] = gap + sub[0]
    last = sub.pop()
    parts += sub
    return last


_TONE: Final = [("oá", "óa"), ("oà", "òa"), ("oả", "ỏa"), ("oã", "õa"), ("oạ", "ọa"),
                ("oé", "óe"), ("oè", "òe"), ("oẻ", "ỏe"), ("oẽ", "õe"), ("oẹ", "ọe"),
                ("uý", "úy"), ("uỳ", "ùy"), ("uỷ", "ủy"), ("uỹ", "ũy"), ("uỵ", "ụy")]


def _norm_uncached(t: str) -> str:
    t = unicodedata.normalize("NFC", t).lower().replace("ð", "đ")
    for a, b in _TONE:
        if a in t:
            t = t.replace(a, b)
    return t


class WordMemo(dict):
    """word -> `f(word)`, computed when first asked: `memo[w]` is a look-up in C for a word seen before (the words
    of a language: a bounded table, not a cache of texts).  `_NORMS` is `norm_token`'s."""

    __slots__ = ("f",)

    def __init__(self, f) -> None:
        super().__init__()
        self.f = f

    def __missing__(self, w: str):
        v = self.f(w)
        if len(self) < 200_000:
            self[w] = v
        return v


_NORMS: Final = WordMemo(_norm_uncached)


def norm_token(t: str) -> str:
    """Lower case, NFC, old/new tone placement unified (`Uỷ` -> `ủy`, `hoá` -> `hóa`); memoised."""
    return _NORMS[t]


# token -> whether it starts with an upper-case letter (`_Caps`), and with a capital letter (`extent._is_name_tok`):
# a look-up where the test took a string of its first character and a method called by name
CAPITALISED: Final = WordMemo(lambda w: w[0].isupper())
NAME_FIRST: Final = WordMemo(lambda w: w[0].isupper() and w[0].isalpha())
# token -> whether it is all upper case (`SỞ`, `UBND`), letters alone, a number, a letter first, an acronym (two
# letters or more, all capitals): a look-up where the test called a method by name (not compiled to C)
UPPER: Final = WordMemo(str.isupper)
ALPHA: Final = WordMemo(str.isalpha)
DIGITS: Final = WordMemo(str.isdigit)
ALPHA_FIRST: Final = WordMemo(lambda w: w[:1].isalpha())
ACRONYMS: Final = WordMemo(lambda w: len(w) >= 2 and w.isupper() and w.isalpha())
# character -> whether it is a token of its own wherever it stands (`[^\\w\\s*_\\#|>`]`), and joins no word after
# one (not `&`: `AT&`): `_split`'s marks
LONE: Final = WordMemo(lambda c: not c.isalnum() and not c.isspace() and c not in _NOT_LONE)


class _Caps:
    """`cap[k]`: whether token k starts with an upper-case letter, computed when asked."""

    __slots__ = ("texts",)

    def __init__(self, texts: list[str]):
        self.texts = texts

    def __getitem__(self, k: int) -> bool:
        return CAPITALISED[self.texts[k]]


def _sums(parts: list[str], top: int) -> list[int]:
    """The running sums of the lengths of `parts[:top]`: the offset where each gap and token ends (compiled, a
    loop in C, where `accumulate(map(len, ...))` called through iterators a part)."""
    offs: list[int] = []
    total = 0
    for x in range(min(top, len(parts))):
        total += len(parts[x])
        offs.append(total)
    return offs


class Toks:
    """The tokens of one text as parallel lists (cheaper than one object per token): `text`, `norm`,
    `cap` (first letter upper case) and `para` (a blank line or `|` separates the token from the one
    before).  One split (`_split`) gives tokens and the gaps between them; character offsets are sums of
    their lengths, computed when first asked for (`start`, `end`)."""

    __slots__ = ("src", "text", "norm", "cap", "para", "_parts", "_offs", "_words")

    def __init__(self, src: str):
        self.src = src
        parts = _split(src)        # [gap, token, gap, token, ..., gap]
        texts = parts[1::2]
        self._parts = parts
        self._offs: list[int] | None = None
        self.text = texts
        self.norm = [_NORMS[t] for t in texts]     # (the memo; compiled, a loop in C with no bound method called)
        if "quyền" in self.norm:
            _delegating_uy(self.norm)
        self.cap = _Caps(texts)
        n = len(texts)
        para = [False] * n
        if "\n" in src or "|" in src:
            # a break lies in the gap before the first token that starts after it (tokens hold no newline and no
            # `|`): the tokens' starts summed as the breaks ask (compiled, C integers: no list of offsets built)
            k = 0
            start = len(parts[0])
            for m in _PARA.finditer(src):
                b = m.end()
                while k < n and start < b:
                    start += len(parts[2 * k + 1]) + len(parts[2 * k + 2])
                    k += 1
                if 0 < k < n:
                    para[k] = True
        self.para = para
        self._words: frozenset[str] | None = None

    @property
    def words(self) -> frozenset[str]:
        """The set of the token norms, built when first asked: `"các" in toks.words` is one look-up where
        `"các" in toks.norm` compares every token (the passes of a text ask a score of such questions)."""
        w = self._words
        if w is None:
            w = self._words = frozenset(self.norm)
        return w

    def __len__(self) -> int:
        return len(self.text)

    def prepare(self, ks) -> None:
        """Offsets of the tokens up to the last of `ks` (of every token with no `ks`), in one pass: sums of
        the lengths of tokens and gaps (a task's bodies are mostly named early in its text)."""
        top = 2 * max(ks) + 2 if ks else len(self._parts)
        if self._offs is None or len(self._offs) < top:
            self._offs = _sums(self._parts, top)

    def nl_before(self, k: int) -> bool:
        """Whether a line break separates token k from the token before."""
        return k > 0 and "\n" in self._parts[2 * k]

    def start(self, k: int) -> int:
        """Character offset of token k's first character."""
        if self._offs is None or not 0 <= 2 * k < len(self._offs):
            self.prepare(())
        return self._offs[2 * k]  # type: ignore[index]  # prepare() set it

    def end(self, k: int) -> int:
        """Character offset one past token k's last character."""
        if self._offs is None or not 0 <= 2 * k + 1 < len(self._offs):
            self.prepare(())
        return self._offs[2 * k + 1]  # type: ignore[index]  # prepare() set it


def tokenize(text: str) -> Toks:
    """The tokens of `text` (`Toks`)."""
    return Toks(text)


# ----------------------------------------------------------------------------------------------
# token-norm sequences

class Seqs:
    """Token-norm sequences, longest first (`seqs`; iterated, counted and tested as that list), with an index by
    first token (`idx`) and by last token (`ridx`) so that matching at a position costs one dictionary look-up
    (`fwd`/`bwd`: the same with each sequence as (length, list), compared to a slice of the norms without a
    tuple).  A compiled class where the package is compiled: `X.fwd` is a field read, not a look-up in an
    instance dictionary (the matching reads it a few hundred thousand times a corpus); hashed by identity (a
    key of caches)."""

    __slots__ = ("seqs", "idx", "ridx", "fwd", "bwd")

    def __init__(self, seqs: Iterable[tuple[str, ...]]) -> None:
        self.seqs: list[tuple[str, ...]] = sorted(set(seqs), key=len, reverse=True)
        self.idx: dict[str, list[tuple[str, ...]]] = {}
        self.ridx: dict[str, list[tuple[str, ...]]] = {}
        for q in self.seqs:
            if q:
                self.idx.setdefault(q[0], []).append(q)
                self.ridx.setdefault(q[-1], []).append(q)
        self.fwd: dict[str, list[tuple[int, list[str]]]] = {
            w: [(len(q), list(q)) for q in qs] for w, qs in self.idx.items()}
        self.bwd: dict[str, list[tuple[int, list[str]]]] = {
            w: [(len(q), list(q)) for q in qs] for w, qs in self.ridx.items()}

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return iter(self.seqs)

    def __len__(self) -> int:
        return len(self.seqs)

    def __bool__(self) -> bool:
        return bool(self.seqs)

    def __getitem__(self, k: int) -> tuple[str, ...]:
        return self.seqs[k]

    def __contains__(self, q: object) -> bool:
        return q in self.seqs


def _seq(*phrases: str) -> Seqs:
    # tokenized like running text, so `lãnh đạo, chỉ đạo` is four tokens and a comma (and `ủy quyền` as a verb)
    out = []
    for p in phrases:
        norms = [norm_token(w) for w in _TOKEN.findall(p)]
        _delegating_uy(norms)
        out.append(tuple(norms))
    return Seqs(with_dashes_lost(out))


_DASHES: Final = frozenset({"-", "–"})


def with_dashes_lost(seqs: Iterable[tuple[str, ...]]) -> list[tuple[str, ...]]:
    """The sequences, and each one with a dash between words as a PDF's text layer loses it (`chính trị - xã hội`:
    `chính trị xã hội` too)."""
    out = list(seqs)
    out += [tuple(w for w in q if w not in _DASHES) for q in out if _DASHES.intersection(q[1:-1])]
    return out


# `ủy` of the verb `ủy quyền` (to delegate): a norm of its own, so that no reading of `<level> ủy` as a party
# committee (`tỉnh ủy`, `Đảng ủy`) takes it (`Ủy ban nhân dân tỉnh ủy quyền cho ...`, `Văn phòng Trung ương Đảng ủy
# quyền cho ...`); the phrase tables are tokenized the same way (`_seq`)
UY_DELEGATES: Final = "ủy·quyền"


def _delegating_uy(norms: list[str]) -> None:
    for k in range(len(norms) - 1):
        if norms[k] == "ủy" and norms[k + 1] == "quyền":
            norms[k] = UY_DELEGATES


def _match_seq(norms: list[str], i: int, seqs: Seqs) -> int:
    """Length of the longest sequence of `seqs` starting at norms[i] (0 if none)."""
    fwd: dict[str, list[tuple[int, list[str]]]] = seqs.fwd   # (typed: compiled, a look-up in C, no generic call)
    try:
        cands = fwd.get(norms[i])
    except IndexError:      # (past the end: rare, so no `len` on every call)
        return 0
    if cands:
        n = len(norms)
        for k, q in cands:
            if k == 1:
                return k
            if i >= 0:
                # the words after norms[i] (the key: q's first) compared where they stand, no slice of the norms
                # built (compiled, a loop in C; most candidates differ at their second word)
                if i + k <= n:
                    t = 1
                    while t < k and norms[i + t] == q[t]:
                        t += 1
                    if t == k:
                        return k
            elif norms[i:i + k] == q:       # (a position counted from the end, as the slice reads it)
                return k
    return 0


def _ends_with(norms: list[str], j: int, seqs: Seqs) -> int:
    """Length of the longest sequence of `seqs` ending just before norms[j]."""
    if j > 0:
        bwd: dict[str, list[tuple[int, list[str]]]] = seqs.bwd
        cands = bwd.get(norms[j - 1])
        if cands:
            for k, q in cands:
                if k == 1:
                    return k
                if j >= k:
                    # the words before norms[j - 1] (the key: q's last) compared where they stand, as `_match_seq`
                    t = k - 2
                    while t >= 0 and norms[j - k + t] == q[t]:
                        t -= 1
                    if t < 0:
                        return k
    return 0
