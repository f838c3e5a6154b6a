"""Is a span inside, or overlapping, one of a set of character spans? In O(log n) a question.

Both tests sort the spans by start and keep, for each prefix of that order, the largest
end reached so far: the spans that start before a point reach no further than that.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Callable

__all__ = ["overlap_test", "containment_test"]


def _reach(spans) -> tuple[list[int], list[int]]:
    """The starts of ``spans`` in order, and the largest end among the first i of them."""
    ordered = sorted(spans)
    return [a for a, _ in ordered], list(accumulate((b for _, b in ordered), max))


def overlap_test(spans) -> Callable[[int, int], bool]:
    """A function ``(s, e) -> bool``: does ``[s, e)`` overlap one of ``spans``?
    (``any(a < e and s < b for a, b in spans)``)

    >>> f = overlap_test([(10, 20), (2, 4)])
    >>> [f(0, 2), f(3, 5), f(4, 10), f(19, 30), f(20, 30)]
    [False, True, False, True, False]
    """
    starts, reach = _reach(spans)

    def overlaps(s: int, e: int) -> bool:
        i = bisect_left(starts, e)  # the first i start before e
        return i > 0 and reach[i - 1] > s

    return overlaps


def containment_test(spans) -> Callable[[int, int], bool]:
    """A function ``(s, e) -> bool``: does one of ``spans`` hold ``[s, e]``?
    (``any(a <= s and e <= b for a, b in spans)``)

    >>> inside = containment_test([(10, 20), (2, 4)])
    >>> [inside(2, 4), inside(3, 5), inside(12, 20), inside(9, 12)]
    [True, False, True, False]
    """
    starts, reach = _reach(spans)

    def inside(s: int, e: int) -> bool:
        i = bisect_right(starts, s)  # the first i start at or before s
        return i > 0 and reach[i - 1] >= e

    return inside
