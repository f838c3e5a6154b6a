"""``finditer`` tried only where a match can start, found by cheap substring search.

Python's ``re`` tries a pattern at every position of the text unless the pattern starts
with a literal or a character class. Many of kg's patterns hold a fixed word ("github.com",
"benchmark", "novel") at a known place: ``str.find`` locates that word much faster than
the pattern can, and the pattern needs trying only at the few places the word allows.
"""
from __future__ import annotations

import re

__all__ = ["finditer_at", "occurrences"]


def occurrences(text: str, words) -> list[int]:
    """Every position where one of ``words`` starts in ``text`` (overlaps included).

    >>> occurrences("a benchmark, benchmarks", ["benchmark", "mark"])
    [2, 7, 13, 18]
    """
    out = []
    for w in words:
        i = text.find(w)
        while i >= 0:
            out.append(i)
            i = text.find(w, i + 1)
    return sorted(out)


def finditer_at(rx: re.Pattern, text: str, starts) -> list[re.Match]:
    """The matches ``rx.finditer(text)`` gives, when every one of them starts at one of
    ``starts`` (more positions do no harm; negative ones are ignored).

    ``finditer`` takes the leftmost match, then searches on from its end; so does this,
    over the given positions only. ``rx`` must not match the empty string.

    >>> text = "a bench, xbench bench"
    >>> rx = re.compile(r"\\s(bench)")  # starts one before the word
    >>> [m.span(1) for m in finditer_at(rx, text, [i - 1 for i in occurrences(text, ["bench"])])]
    [(2, 7), (16, 21)]
    """
    out, end = [], 0
    for s in sorted(set(starts)):
        if s >= end and s >= 0:
            m = rx.match(text, s)
            if m is not None:
                out.append(m)
                end = m.end()
    return out
