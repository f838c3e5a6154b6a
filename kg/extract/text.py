"""The text the extractor reads from a paper: cheap, no spaCy (the extraction cache keys on it)."""
from __future__ import annotations

import re

from ..model import Paper

__all__ = ["TITLE_SEP", "paper_text"]

#: between the title and the abstract: a blank line, so no sentence runs across the two
TITLE_SEP = "\n\n"


# LaTeX's tie, a non-breaking space between words ("Qwen~3.7", "self-verification~(CSV)"),
# as the typeset page shows it: a space (one character for one: every offset is the same
# in the text as given). Not inside a URL, where "~" is part of the path.
_LATEX_TIE = re.compile(r"(?<=\w)~(?=[\w(\[])")
_WORD_START = re.compile(r"\S*$")


def _untie(text: str) -> str:
    def space(m: re.Match) -> str:
        word = _WORD_START.search(text, max(0, m.start() - 200), m.start()).group(0)
        return "~" if "/" in word or "www." in word else " "

    return _LATEX_TIE.sub(space, text)


def paper_text(paper: Paper) -> str:
    """The text the extractor reads: the title, a blank line, the abstract; LaTeX ties
    read as the spaces they print.

    >>> paper_text(Paper("p1", "A Title", "An abstract."))
    'A Title\\n\\nAn abstract.'
    >>> paper_text(Paper("p2", "On~X", "We beat Qwen~3.7-Plus on OSWorld~2.0 (https://a.io/~u/x~y)."))
    'On X\\n\\nWe beat Qwen 3.7-Plus on OSWorld 2.0 (https://a.io/~u/x~y).'
    """
    text = paper.title + TITLE_SEP + paper.abstract if paper.abstract else paper.title
    return _untie(text) if "~" in text else text
