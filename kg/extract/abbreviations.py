"""Acronym definitions: "Long Form (LF)" and "LF (Long Form)".

The Schwartz-Hearst algorithm (Schwartz & Hearst, PSB 2003) as plain functions: a
regular expression finds parentheses (recall), the character match of the short form
against the words before it picks the long form, and small filters drop what is not
a definition (precision).
"""
from __future__ import annotations

import re
from collections import deque
from dataclasses import dataclass

__all__ = ["Abbreviation", "find_abbreviations", "is_short_form", "best_long_form"]

_PAREN = re.compile(r"\(([^()]{1,120})\)")
# Words that may not begin a long form: they belong to the sentence, not the name.
_LEAD_WORDS = {"the", "a", "an", "our", "its", "their", "this", "these", "we", "and", "or", "of",
               "to", "for", "with", "by", "called", "named", "termed", "dubbed", "as", "in", "on"}
# A long form of more words than this is a clause, not a name (SH use min(|A|+5, 2|A|)).
_MAX_EXTRA_WORDS = 5

# compiled once (the module-level ``re`` functions look each pattern up in a cache per call)
_WORD_FIRST = re.compile(r"[A-Z][a-z]{3,}")
_CAPITALS_AFTER_WORD = re.compile(r"-?[A-Z]{1,4}")  # "PerpR", "Tree-PLV"
_HYPHEN_WORD = re.compile(r"[^\s\-]+")
_SPACE_WORD = re.compile(r"\S+")
_INNER_SEP = re.compile(r"[;,]\s")
_DIGIT = re.compile(r"\d")
_LETTERS = re.compile(r"[A-Za-z]+")
_CLAUSE_CHAR = re.compile(r"[()\[\];]")


@dataclass(frozen=True, order=True)
class Abbreviation:
    short: str
    short_start: int
    long: str
    long_start: int

    @property
    def short_end(self) -> int:
        return self.short_start + len(self.short)

    @property
    def long_end(self) -> int:
        return self.long_start + len(self.long)


def is_short_form(s: str) -> bool:
    """A plausible short form: 2-12 characters, one or two words, starts with an
    alphanumeric, has a capital letter, is not a number or a Roman numeral list item.

    >>> [is_short_form(x) for x in ["GRPO", "LLMs", "ExPO", "e.g.", "1", "iii", "GFlowNets", "ProcessBench", "PerpR",
    ...                             "Tree-PLV"]]
    [True, True, True, False, False, False, True, False, True, True]
    """
    if not 2 <= len(s) <= 12 or len(s.split()) > 2:
        return False
    if not s[0].isalnum() or not any(c.isupper() for c in s):
        return False
    m = _WORD_FIRST.match(s)
    if m and not _CAPITALS_AFTER_WORD.fullmatch(s, m.end()):
        return False  # a name that starts with a word ("ProcessBench"), not an abbreviation ("PerpR" is)
    if not any(c.isalpha() for c in s):
        return False
    return True


def best_long_form(short: str, candidate: str) -> str | None:
    """The shortest tail of ``candidate`` whose letters spell ``short`` in order, the
    first letter starting a word (Schwartz-Hearst).

    >>> best_long_form("GRPO", "we use Group Relative Policy Optimization")
    'Group Relative Policy Optimization'
    >>> best_long_form("LLMs", "advances in large language models")
    'large language models'
    >>> best_long_form("PPO", "use Proximal Policy Optimization")
    'Proximal Policy Optimization'
    """
    initials = _by_initials(short, candidate)
    if initials:
        return initials
    # for ASCII text, lower-casing the whole candidate is lower-casing each character, and
    # str.rfind finds the character to match without a Python step a character
    low = candidate.lower() if candidate.isascii() else None
    s = len(short) - 1
    l = len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        if low is not None and len(c) == 1:
            l = low.rfind(c, 0, l + 1)
            while s == 0 and l > 0 and candidate[l - 1].isalnum():
                l = low.rfind(c, 0, l)  # the first letter must start a word
        else:
            while l >= 0 and (candidate[l].lower() != c or (s == 0 and l > 0 and candidate[l - 1].isalnum())):
                l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    return candidate[candidate.rfind(" ", 0, l + 1) + 1:]


def _by_initials(short: str, candidate: str) -> str | None:
    """The last words of ``candidate`` whose initials are the letters of ``short``
    ("PPO" -> "Proximal Policy Optimization"), hyphenated parts counted as words."""
    letters = [c.lower() for c in short if c.isalpha()]
    if short.endswith("s") and len(letters) > 2 and short[-2].isupper():
        letters = letters[:-1]  # plural "LLMs"
    n = len(letters)
    if n < 2:
        return None
    tail = deque(_HYPHEN_WORD.finditer(candidate), maxlen=n)  # the last n words
    if len(tail) < n:
        return None
    if [candidate[w.start()].lower() for w in tail] == letters:
        return candidate[tail[0].start():]
    return None


def _window(text: str, end: int, n_words: int) -> tuple[int, str]:
    """The at most ``n_words`` words before ``end``, not crossing a sentence or clause.

    Searched in place (``str.rfind`` bounded by ``end``, the word pattern run from the
    clause's start to ``end``), not on a copy of the text before ``end``: one copy a
    parenthesis costs more than the search.
    """
    cut = max(text.rfind(". ", 0, end), text.rfind("; ", 0, end), text.rfind(": ", 0, end), text.rfind("\n", 0, end),
              text.rfind("(", 0, end))
    left_start = cut + 1 if cut >= 0 else 0
    last = deque(_SPACE_WORD.finditer(text, left_start, end), maxlen=n_words)  # the last n_words words
    if not last:
        return end, ""
    first = last[0].start()
    return first, text[first:end]


def _clean_long(long_form: str, start: int) -> tuple[str, int] | None:
    # drop leading sentence words ("the", "our", "called") the match may have swallowed
    words = long_form.split(" ")
    while len(words) > 1 and words[0].lower() in _LEAD_WORDS:
        start += len(words[0]) + 1
        words = words[1:]
    lf = " ".join(words).rstrip(" ,")
    # quotes around a name ("``AI Mother Tongue''", "“X”") are not part of it
    stripped = lf.lstrip("`'\"\u201c\u2018")
    start += len(lf) - len(stripped)
    lf = stripped.rstrip("`'\"\u201d\u2019")
    return (lf, start) if lf else None


def _word_before(text: str, end: int) -> tuple[int, int] | None:
    """Bounds of the last run of non-space characters before ``end`` (white space between
    them allowed), or None. A backward walk from ``end``: a regular expression anchored at
    the end (``(\\S+)\\s*$``) would try every position of the text before it.

    >>> _word_before("see GRPO  (x)", 10)
    (4, 8)
    >>> _word_before("   ", 3) is None
    True
    """
    i = end
    while i > 0 and text[i - 1].isspace():
        i -= 1
    stop = i
    while i > 0 and not text[i - 1].isspace():
        i -= 1
    return (i, stop) if stop > 0 else None


def find_abbreviations(text: str) -> list[Abbreviation]:
    """Every acronym definition in ``text``.

    >>> [(a.short, a.long) for a in find_abbreviations(
    ...     "We propose Self-Explanation Policy Optimization (ExPO), unlike GRPO (Group "
    ...     "Relative Policy Optimization).")]
    [('ExPO', 'Self-Explanation Policy Optimization'), ('GRPO', 'Group Relative Policy Optimization')]
    """
    out: list[Abbreviation] = []
    for m in _PAREN.finditer(text):
        inner = m.group(1)
        inner_start = m.start(1)
        # "(SF)", "(SF; ...)" and "(SF, ...)": the short form is the first part
        head = _INNER_SEP.split(inner, maxsplit=1)[0].strip()
        if is_short_form(head) and (head == inner.strip() or len(head.split()) == 1):
            found = _long_form_before(text, m.start(), head)
            if found is not None:
                out.append(Abbreviation(head, inner_start + inner.index(head), *found))
                continue
        # "SF (long form)": the word before the parenthesis is the short form (a long
        # form of one word is no definition: that test first, it costs less than the walk)
        if len(inner.split()) >= 2 or "-" in inner:
            before = _word_before(text, m.start())
            if before:
                sf = text[before[0]:before[1]].strip(",;:")
                # the long form: words, or one hyphenated word longer than the short form ("Self-TICK")
                # (not a longer name that holds the short form as a part: "VLA (W2-VLA)")
                if is_short_form(sf) and (not is_short_form(inner) or (
                        " " not in inner.strip() and len(inner.strip()) > len(sf) + 2
                        and sf not in inner.strip().split("-"))):
                    lf = best_long_form(sf, inner)
                    if lf and lf == inner.strip() and _long_ok(sf, lf):
                        out.append(Abbreviation(sf, before[0], lf, inner_start + inner.index(lf)))
    return out


def _long_form_before(text: str, paren: int, short: str) -> tuple[str, int] | None:
    """(long form, its start) of ``short`` in the words before the parenthesis at
    ``paren`` ("Group Relative Policy Optimization (GRPO)"), or None."""
    n = min(len(short) + _MAX_EXTRA_WORDS, 2 * len(short))
    wstart, window = _window(text, paren, n)
    window = window.rstrip()
    if not window:
        return None
    lf = best_long_form(short, window)
    if not lf and _TWO_FOR_TO.search(short):
        # "2" read as "to" ("World-to-Wrist VLA (W2-VLA)", "Text-to-Image (T2I)")
        lf = best_long_form(_TWO_FOR_TO.sub("t", short), window)
        if lf and not re.search(r"(?i)\bto\b", lf):
            lf = None
    if not lf or not _long_ok(short, lf):
        return None
    # the long form is a tail of the window (both searches return one): its last place
    cleaned = _clean_long(lf, wstart + len(window) - len(lf))
    if cleaned is None or (cleaned[0] != lf and not _long_ok(short, cleaned[0])):
        return None  # (a long form the cleaning left as it was has passed the test)
    return cleaned


_TWO_FOR_TO = re.compile(r"(?<=[A-Za-z])2(?=[A-Za-z\-])")
_CAMEL_SPELLS = re.compile(r"[A-Z][a-z]+(?:[A-Z0-9][a-z]*)+")


def _capitals_and_digits(word: str) -> str:
    return "".join(c for c in word if c.isupper() or c.isdigit())


def _long_ok(short: str, long_form: str) -> bool:
    """Whether ``long_form`` can be the name ``short`` stands for: longer, without the
    short form as a word, within one clause, not too many words, holding a digit if a
    short form of three characters or fewer does, and more than function words."""
    if len(long_form) <= len(short) or short.lower() in long_form.lower().split():
        return False
    if _CLAUSE_CHAR.search(long_form):
        return False  # crosses another parenthesis or clause: not one name
    if len(long_form.split()) > len(short) + _MAX_EXTRA_WORDS:
        return False
    if _DIGIT.search(short) and not _DIGIT.search(long_form) and len(short) <= 3:
        return False
    if "-" in long_form:
        return True  # one hyphenated name ("Self-Explanation") is enough
    if _CAMEL_SPELLS.fullmatch(long_form) and _capitals_and_digits(long_form) == short.upper():
        return True  # one word whose capitals and digits spell it: "State2Explanation" (S2E)
    # more than one word, and not only function words (a space inside the stripped
    # text means two words at least)
    return " " in long_form.strip() and any(w.lower() not in _LEAD_WORDS for w in _LETTERS.findall(long_form))
