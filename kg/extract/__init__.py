"""Extract: paper text -> mentions with evidence, through a blank spaCy pipeline of rule components.

>>> from kg.model import Paper
>>> from kg.extract import extract_paper, make_nlp
>>> nlp = make_nlp()
>>> ex = extract_paper(nlp, Paper("p1", "ExPO: Self-Explanation Policy Optimization",
...     "We propose Self-Explanation Policy Optimization (ExPO). Code: https://github.com/a/b."))
>>> [(m.text, m.label, m.role) for m in ex.mentions if m.label != "concept"][:1]
[('ExPO', 'method', 'proposed')]
>>> [u.url for u in ex.urls]
['https://github.com/a/b']
"""
from __future__ import annotations

__all__ = ["make_nlp", "extract_paper", "extract_papers", "paper_text", "paper_entities"]


def __getattr__(name: str):
    # spaCy is imported only when the pipeline is used: `kg.extract.urls` and the
    # lexicons stay cheap for the graph, the exporters and the analytics
    if name == "paper_text":  # what the cache keys on, without loading spaCy
        from .text import paper_text

        return paper_text
    if name in __all__:
        from . import pipeline

        return getattr(pipeline, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
