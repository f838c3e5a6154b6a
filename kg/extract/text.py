"""The text the extractor reads from a paper: cheap, no spaCy (the extraction cache keys on it)."""
from __future__ import annotations

from ..model import Paper

__all__ = ["TITLE_SEP", "paper_text"]

#: between the title and the abstract: a blank line, so no sentence runs across the two
TITLE_SEP = "\n\n"


def paper_text(paper: Paper) -> str:
    """The text the extractor reads: the title, a blank line, the abstract.

    >>> paper_text(Paper("p1", "A Title", "An abstract."))
    'A Title\\n\\nAn abstract.'
    """
    return paper.title + TITLE_SEP + paper.abstract if paper.abstract else paper.title
