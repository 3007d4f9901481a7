"""Whole-line patterns (`models/boilerplate.toml`) tried only where they can match.

Every line of a document is classified, and one `fullmatch` of the union of all the patterns tries each alternative
in turn: most of the time went into alternatives that fail on the line's first character. `LineRules` reads from
each alternative's parsed form the characters it can open with, and groups the alternatives by the first character
of a line, so that a line is tried against those that can open with it; an alternative that may open with any
character (`.*Thời gian ký`) is tried only on a line that holds the punctuation it cannot match without (`:`). The
classes of the second and third characters are read too (`_prefixes`): a line whose next two characters no
alternative opening with its first reads (`Thực hiện`, `- Sở Y tế`) is tried against none of them. All are necessary
conditions read from the pattern, tested by the regex engine itself, so the answer is the union's: the kind of the
first alternative that matches the whole line.
"""
from __future__ import annotations

import importlib
import re
from typing import Final, cast

from .. import regexes
from .emit import lines_holding

try:                                    # the regex parser of the standard library (3.11 and later)
    _sre = importlib.import_module("re._parser")
except ImportError:                     # pragma: no cover - Python 3.10
    import sre_parse as _sre

_CATEGORIES: Final = {_sre.CATEGORY_DIGIT: r"\d", _sre.CATEGORY_NOT_DIGIT: r"\D", _sre.CATEGORY_SPACE: r"\s",
               _sre.CATEGORY_NOT_SPACE: r"\S", _sre.CATEGORY_WORD: r"\w", _sre.CATEGORY_NOT_WORD: r"\W"}
_REPEATS: Final = {_sre.MAX_REPEAT, _sre.MIN_REPEAT, getattr(_sre, "POSSESSIVE_REPEAT", _sre.MAX_REPEAT)}


def _class(items: list) -> str | None:
    """A character class of the items of an `IN` (literals, ranges, categories); None for another."""
    parts = []
    for op, av in items:
        if op is _sre.LITERAL:
            parts.append(re.escape(chr(av)))
        elif op is _sre.RANGE:
            parts.append(f"{re.escape(chr(av[0]))}-{re.escape(chr(av[1]))}")
        elif op is _sre.CATEGORY and av in _CATEGORIES:
            parts.append(_CATEGORIES[av])
        else:
            return None                 # a negated class and the like: any character may come first
    return f"[{''.join(parts)}]"


def _first(items) -> tuple[list[str] | None, bool]:
    """(classes of the characters a match of the parsed sequence `items` can open with, or None for
    any character; whether it can match the empty string)."""
    classes: list[str] = []
    for op, av in items:
        if op is _sre.LITERAL or op is _sre.IN:
            one = re.escape(chr(av)) if op is _sre.LITERAL else _class(av)
            return (None if one is None else classes + [one]), False
        if op is _sre.SUBPATTERN:
            if (av[1] | av[2]) & ~re.IGNORECASE:
                return None, False      # other flags changed inside: not worked out
            if av[1] or av[2]:          # `(?-i:Cơ quan ...)`: its classes read as it reads them
                found, empty = _first(av[3])
                if found is None:
                    return None, False
                scope = "(?i:{})" if av[1] else "(?-i:{})"
                classes += [scope.format(c) for c in found]
                if empty:
                    continue
                return classes, False
            alts, least = [av[3]], 1
        elif op is _sre.BRANCH:
            alts, least = av[1], 1
        elif op in _REPEATS:
            alts, least = [av[2]], av[0]
        elif op is _sre.AT:
            continue                    # an anchor (`^`, `\b`) reads no character
        else:
            return None, False          # `.`, anchors, lookarounds: any character may come first
        nullable = least == 0
        for alt in alts:
            found, empty = _first(alt)
            if found is None:
                return None, False
            classes += found
            nullable = nullable or empty
        if not nullable:
            return classes, False
    return classes, True


def _needs(items) -> set[str]:
    """ASCII characters other than letters that every match of `items` holds (uncased: matched as
    they are whatever the flags)."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.LITERAL and chr(av).isascii() and not chr(av).isalpha():
            out.add(chr(av))
        elif op is _sre.SUBPATTERN:
            out |= _needs(av[3])
        elif op in _REPEATS and av[0] >= 1:
            out |= _needs(av[2])
        elif op is _sre.BRANCH:
            out |= set.intersection(*(_needs(alt) for alt in av[1]))
    return out


def _union(indices: list[int], patterns: list[str], flags: int) -> re.Pattern | None:
    """The alternatives `indices` in one pattern, each a named group `a<index>` (None for none)."""
    if not indices:
        return None
    return regexes.compile("|".join(f"(?P<a{i}>{patterns[i]})" for i in indices), flags)


def _alternative(m: re.Match) -> int:
    """The index of the alternative of a `_union` that `m` matched (its group `a<index>`)."""
    return int(cast(str, m.lastgroup)[1:])


class LineRules:
    """Patterns that each match a whole line, with the kind each names, in order: `kind(line)` is
    the kind of the first that matches all of `line`, as one `fullmatch` of their union says."""

    def __init__(self, rules: list[tuple[str, str]], flags: int = 0) -> None:
        self.kinds = [kind for kind, _ in rules]
        self.flags = flags
        patterns = [p for _, p in rules]
        self.full = _union(list(range(len(patterns))), patterns, flags)
        firsts: list[re.Pattern | None] = []
        loose: dict[tuple[str, ...], list[int]] = {}     # those that may open with any character, by needs
        for i, p in enumerate(patterns):
            parsed = _sre.parse(p, flags)
            classes, empty = _first(parsed)
            if classes is None or empty:
                firsts.append(None)
                loose.setdefault(tuple(sorted(_needs(parsed))), []).append(i)
            else:
                firsts.append(regexes.compile("|".join(classes), flags))
        # (the first index of each group, the characters it needs, the union of its patterns)
        # (a space last among the characters needed: nearly every line holds one)
        groups = sorted((ix[0], tuple(sorted(needs, key=" ".__eq__)), ix) for needs, ix in loose.items())
        self.anywhere = [(i, needs, cast(re.Pattern, _union(ix, patterns, flags))) for i, needs, ix in groups]
        # for each, the words each of its patterns reads on every line it matches (None: one reads none)
        words = [[_literal_run(_sre.parse(patterns[i], flags)) for i in ix] for _, _, ix in groups]
        self.loose_words = [[regexes.compile(re.escape(x), flags) for x in w if x] if all(w) else None for w in words]
        known = [f for f in firsts if f is not None]
        self.opens = regexes.compile("|".join(f"(?:{f.pattern})" for f in known), flags) if known else None
        # the first characters worked out beforehand: those the classes name, in every case
        keys = set()
        for f in known:
            for ch in _chars_named(_sre.parse(f.pattern, flags)):
                keys |= {ch, ch.lower(), ch.upper(), ch.swapcase(), ch.casefold()}
        self.by_first = {c: _union([i for i, f in enumerate(firsts) if f is not None and f.match(c)], patterns, flags)
                         for c in keys if len(c) == 1}
        self.after = _next_two([p for p, f in zip(patterns, firsts, strict=True) if f is not None],
                               [c for c, rx in self.by_first.items() if rx is not None], flags)
        self.first_ok = {c: rx is not None for c, rx in self.by_first.items()}     # (`may_open`, grows)

    def kind(self, line: str) -> str | None:
        """The kind of the first pattern that matches all of `line`, or None."""
        if not line:
            return None
        rx = self.by_first.get(line[0])
        if rx is None:      # a character no class names but one may match (a case of its own): all of them
            if line[0] not in self.by_first and self.opens is not None and self.opens.match(line[0]):
                m = self.full.fullmatch(line) if self.full is not None else None
                return self.kinds[_alternative(m)] if m else None
        elif len(line) > 2 and line[0] in self.after:
            # (no pattern that opens with this character goes on with the next two: none tried)
            thirds = self.after[line[0]].get(line[1])
            if thirds is None and line[1] in _JUDGED or thirds is not None and line[2] not in thirds \
                    and line[2] in _JUDGED:
                rx = None
        m = rx.fullmatch(line) if rx is not None else None
        best = _alternative(m) if m else len(self.kinds)
        for i, needs, group in self.anywhere:
            if i > best:
                break
            for ch in needs:
                if ch not in line:
                    break
            else:
                m = group.fullmatch(line)
                if m:
                    best = min(best, _alternative(m))
        return self.kinds[best] if best < len(self.kinds) else None

    def lines_named(self, source: str, starts: list[int], openings: re.Pattern | None = None) -> set[int]:
        """The indices of the lines of `source` (lines joined by newlines, `starts` where each starts)
        whose `kind`, less spaces and emphasis marks at their ends, may be named: where `may_open` and then `openings`
        (compiled once by the caller) say so, and those holding what a pattern opening anywhere needs."""
        if source.count("\n") >= len(starts):
            return set(range(len(starts)))          # a line holds a newline: no line is ruled out
        found: set[int] = set()
        test, src, n = openings or self.openings(), "\n" + source, len(source)
        for k, at in enumerate(starts):     # (tried where `may_open` reads it, past its spaces and marks)
            while at < n and source[at] in _LEAD_CHARS and not self.may_open(source, at):
                at += 1
            if at < n and self.may_open(source, at) and test.match(src, starts[k]) is not None:
                found.add(k)                # (`test` opens at the newline before the line: `starts[k]` in `src`)
        for (_, needs, _), words in zip(self.anywhere, self.loose_words, strict=True):
            if not needs:
                return set(range(len(starts)))
            holding: set[int] = set()
            lines_holding(needs[0], source, starts, holding)
            for k in holding:       # (and the words one of its patterns reads on every line it matches)
                line = source[starts[k]:starts[k + 1] - 1 if k + 1 < len(starts) else len(source)]
                if words is None or any(rx.search(line) for rx in words):
                    found.add(k)
        return found

    def may_open(self, source: str, i: int) -> bool:
        """Whether `openings` may read the line of `source` from `i` on (its first three characters, as `kind`)."""
        ok = self.first_ok.get(ch := source[i])
        if ok is None:
            ok = self.first_ok[ch] = ch != "\n" and self.opens is not None and self.opens.match(ch) is not None
        after = self.after.get(ch) if ok and ch not in _LEAD_CHARS else None
        if after is None or i + 2 >= len(source):
            return ok
        d, e = source[i + 1], source[i + 2]
        if d == "\n" or d not in _JUDGED or d in after and (e in after[d] or e not in _JUDGED):
            return True
        while i + 2 < len(source) and source[i + 2] in _LEAD_CHARS:     # (one that ends within one more: `_SHORT`)
            i += 1
        return i + 2 == len(source) or source[i + 2] == "\n"

    def openings(self) -> re.Pattern:
        """A pattern that matches at a newline before every line whose `kind`, of the line less its
        spaces and emphasis marks (`*`, `_`) at its ends, the first-character groups may name: the
        test of `kind` on the first three characters, as a class per character, after spaces and marks (a
        necessary condition).  The alternatives that open anywhere (`anywhere`) are left to what they need."""
        tests = self._first_tests()
        return regexes.compile(_NL_LEAD + "(?:" + "|".join(tests) + ")" if tests else "(?!)", self.flags)    # (or none)

    def _first_tests(self) -> list[str]:
        """The alternatives of `openings` after the lead: by first characters that share one test."""
        by_test: dict[str, list[str]] = {}
        for c, rx in self.by_first.items():
            if rx is None:
                continue                # (no pattern opens with it)
            after = self.after.get(c)
            if after is None:
                test = ""               # any character may follow
            else:
                # the line ends within a character (no test), or its second character is none `kind`
                # judges, or a second character a pattern goes on with and a third it may read or not judged
                seconds: dict[frozenset[str], list[str]] = {}
                for d, thirds in after.items():
                    seconds.setdefault(thirds, []).append(d)
                test = "(?:" + "|".join([_SHORT, _NOT_JUDGED] + sorted(     # (sorted: the same text in every process)
                    f"{_chars(ds)}(?:{_chars(thirds)}|{_NOT_JUDGED})" for thirds, ds in seconds.items())) + ")"
            by_test.setdefault(test, []).append(c)
        # (no alternative reads a newline: a key holds none, and the scan goes on at the next one)
        alts = sorted((_chars(set(cs) - {chr(10)}), test) for test, cs in by_test.items() if set(cs) - {chr(10)})
        # the regex engine tries an alternation's branches in turn: a group of them behind the class of
        # their first characters is passed over in one test (a line that opens with none of them)
        out = [f"(?-i:(?=[{''.join(c[1:-1] for c, _ in group)}]))(?:" + "|".join(
            f"(?-i:{c}{test})" for c, test in group) + ")" for group in (alts[k:k + 9] for k in range(0, len(alts), 9))]
        if self.opens is not None:      # a first character no class names, which some may match
            out.append(f"(?-i:(?!{_chars([*self.by_first, chr(10)])}))(?:{self.opens.pattern})")
        return out


def _literal_run(items) -> str | None:
    """The longest run of characters the parsed sequence `items` reads one after another at its top
    level (every match holds them, in the case rule of the pattern), if three or more."""
    best = run = ""
    for op, av in items:
        run = run + chr(av) if op is _sre.LITERAL else ""
        best = max(best, run, key=len)
    return best if len(best) >= 3 else None


def _chars(chars) -> str:
    """A character class of `chars`, matched as they are."""
    return "[" + "".join(re.escape(c) for c in sorted(chars)) + "]"


# the spaces and emphasis marks (`*`, `_`) a line's key is read without, in any order, as one class (a
# newline is none: the scan reads within a line); `\s` is `str.isspace`, all below U+3001
_LEAD: Final = "[*_" + re.escape("".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n")) + "]*"
_LEAD_CHARS: Final = frozenset("*_" + "".join(c for c in map(chr, range(0x3001)) if c.isspace() and c != "\n"))
_NL_LEAD: Final = r"\n" + _LEAD
# the rest of a line whose key ends within one more character: spaces and marks to its end
_SHORT: Final = r"[^\n]?" + _LEAD + r"(?=\n|\Z)"


def _chars_named(items) -> set[str]:
    """The characters a parsed first-character pattern names: its literals, the characters of its
    ranges (up to a few hundred), the ASCII digits and spaces for `\\d` and `\\s`."""
    out: set[str] = set()
    for op, av in items:
        if op is _sre.BRANCH:
            for alt in av[1]:
                out |= _chars_named(alt)
        elif op is _sre.SUBPATTERN:
            out |= _chars_named(av[3])
        for o, a in (av if op is _sre.IN else [(op, av)]):
            if o is _sre.LITERAL:
                out.add(chr(a))
            elif o is _sre.RANGE and a[1] - a[0] < 400:
                out |= {chr(x) for x in range(a[0], a[1] + 1)}
            elif o is _sre.CATEGORY:
                out |= set("0123456789 \t")
    return out


# The characters the second and third ones of a line are judged among (`_next_two`): Latin, Vietnamese,
# combining marks and punctuation; a character outside them is never taken to rule a pattern out.
_RANGES: Final = ((0x20, 0x250), (0x300, 0x370), (0x1E00, 0x1F00), (0x2000, 0x2070))
_ALPHABET: Final = "".join(chr(i) for lo, hi in _RANGES for i in range(lo, hi))
_JUDGED: Final = frozenset(_ALPHABET)
# a character outside them (nor a newline: the class reads within a line)
_NOT_JUDGED: Final = "[^\\n" + "".join(f"{re.escape(chr(lo))}-{re.escape(chr(hi - 1))}" for lo, hi in _RANGES) + "]"


def _next_two(patterns: list[str], firsts: list[str], flags: int) -> dict[str, dict[str, frozenset[str]]]:
    """For each character of `firsts`, the second characters of `_ALPHABET` some match of `patterns`
    of three characters or more has after it, each with the third characters it may have after them.
    Read from the classes `_prefixes` gives, tested by the regex engine; a first character after which
    some pattern may read any character is left out (no test)."""
    allowed: dict[str, dict[str, set[str]] | None] = {c: {} for c in firsts}
    chars: dict[str, set[str]] = {}

    def matched(cls: str) -> set[str]:
        if cls not in chars:
            chars[cls] = set(re.findall(cls, _ALPHABET, flags))
        return chars[cls]
    for p in patterns:
        heads = _prefixes(_sre.parse(p, flags), 3)
        for t in heads if heads is not None else [(None, None, None)]:
            if len(t) < 3:
                continue                    # (a match of one or two characters: no line this test reads)
            mine = [c for c in allowed if t[0] is None or re.fullmatch(t[0], c, flags)]
            for c in mine:
                if t[1] is None or t[2] is None:
                    allowed[c] = None       # any character may follow: no test after `c`
                    continue
                after_c = allowed[c]
                if after_c is None:
                    continue
                for d in matched(t[1]):
                    after_c.setdefault(d, set()).update(matched(t[2]))
    return {c: {d: frozenset(third) for d, third in a.items()} for c, a in allowed.items() if a is not None}


def _prefixes(items, n: int) -> set[tuple] | None:
    """The classes of the first `n` characters of a match of the parsed sequence `items`, as tuples
    (shorter for a match that ends sooner; None in a tuple: any character), or None where not worked
    out.  Assertions are passed over: the classes may allow more than the pattern, never less."""
    out: set[tuple] = {()}
    for op, av in items:
        if all(len(t) >= n for t in out):
            break
        step = _item_prefixes(op, av, n)
        if step is None:
            return None
        out = _concat(out, step, n)
    return out


def _concat(heads: set[tuple], tails: set[tuple], n: int) -> set[tuple]:
    return {h if len(h) >= n else (h + t)[:n] for h in heads for t in tails}


def _item_prefixes(op, av, n: int) -> set[tuple] | None:  # noqa: C901 - one case per regex operation
    """`_prefixes` of one parsed item."""
    if op is _sre.LITERAL:
        return {(re.escape(chr(av)),)}
    if op is _sre.NOT_LITERAL or op is _sre.ANY:
        return {(None,)}
    if op is _sre.IN:
        return {(_class(av),)}
    if op is _sre.AT or op is _sre.ASSERT or op is _sre.ASSERT_NOT:
        return {()}
    if op is _sre.SUBPATTERN:
        inner = _prefixes(av[3], n)
        if inner is None or (av[1] | av[2]) & ~re.IGNORECASE:
            return None
        if av[1] or av[2]:                  # `(?-i:Cơ quan ...)`: its classes read as it reads them
            scope = "(?i:{})" if av[1] else "(?-i:{})"
            inner = {tuple(None if c is None else scope.format(c) for c in t) for t in inner}
        return inner
    if op is _sre.BRANCH:
        out: set[tuple] = set()
        for alt in av[1]:
            found = _prefixes(alt, n)
            if found is None:
                return None
            out |= found
        return out
    if op in _REPEATS:
        least, most, sub = av
        step = _prefixes(sub, n)
        if step is None:
            return None
        reps, out = {()}, set()
        # (past `least + n` repeats no new opening: each adds a character, or nothing)
        for k in range(min(most, least + n) + 1):
            if k >= least:
                out |= reps
            reps = _concat(reps, step, n)
        return out
    return None
