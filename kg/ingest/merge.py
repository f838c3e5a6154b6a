"""Merge records that describe the same paper into one.

Two records are the same paper when they share an arXiv id, else a DOI, else a
normalised title (:func:`kg.textnorm.title_key`). Fields are combined by precedence:
the first source (in the sorted order of source paths) that has a value wins, except
that longer abstracts and full author lists beat shorter ones and counts; links,
keywords, categories and sources are unions. ``field_sources`` records which source
gave each field.
"""
from __future__ import annotations

from ..model import Paper
from ..textnorm import title_key

__all__ = ["merge_papers", "merge_two"]

_SCALARS = ("date", "upvotes", "arxiv_id", "doi", "url", "venue", "organization", "author_count")
_UNIONS = ("links", "keywords", "categories", "sources")


def _src(p: Paper) -> str:
    return p.sources[0].path if p.sources else ""


def _prefer_id(a: Paper, b: Paper) -> str:
    for p in (a, b):
        if p.arxiv_id:
            return f"arxiv:{p.arxiv_id}"
    for p in (a, b):
        if p.doi:
            return f"doi:{p.doi.lower()}"
    return a.id


def merge_two(a: Paper, b: Paper) -> Paper:
    """Combine ``b`` into ``a`` (``a`` has precedence for scalars)."""
    fs = dict(a.field_sources)
    for k, v in b.field_sources:
        fs.setdefault(k, v)
    changes = {}
    for name in _SCALARS:
        va, vb = getattr(a, name), getattr(b, name)
        if va in (None, "") and vb not in (None, ""):
            changes[name] = vb
            fs[name] = _src(b)
        elif va not in (None, ""):
            fs.setdefault(name, _src(a))
    if len(b.abstract) > len(a.abstract):
        changes["abstract"] = b.abstract
        fs["abstract"] = _src(b)
    if len(b.authors) > len(a.authors):
        changes["authors"] = b.authors
        fs["authors"] = _src(b)
    for name in _UNIONS:
        va, vb = getattr(a, name), getattr(b, name)
        merged = tuple(dict.fromkeys(va + vb))
        if merged != va:
            changes[name] = tuple(sorted(merged)) if name == "sources" else merged
    changes["field_sources"] = tuple(sorted(fs.items()))
    merged = a.with_(**changes)
    return merged.with_(id=_prefer_id(merged, b))


def merge_papers(papers) -> list[Paper]:
    """One record per paper, in a deterministic order (sorted by id).

    >>> from kg.model import Paper, Source
    >>> a = Paper("1", "X-Node: Self-Explanation", sources=(Source("a.txt", 1),))
    >>> b = Paper("2", "X-node: self explanation", upvotes=2, sources=(Source("b.txt", 9),))
    >>> [(p.id, p.upvotes, len(p.sources)) for p in merge_papers([a, b])]
    [('1', 2, 2)]
    """
    # deterministic precedence whatever the order the files were given in
    ordered = sorted(papers, key=lambda p: (p.sources[0] if p.sources else None, p.id) if p.sources else ("", p.id))
    groups: list[Paper] = []
    index: dict[tuple[str, str], int] = {}
    for p in ordered:
        keys = []
        if p.arxiv_id:
            keys.append(("arxiv", p.arxiv_id))
        if p.doi:
            keys.append(("doi", p.doi.lower()))
        tk = title_key(p.title)
        if tk:
            keys.append(("title", tk))
        hit = next((index[k] for k in keys if k in index), None)
        if hit is None:
            groups.append(p)
            hit = len(groups) - 1
        else:
            groups[hit] = merge_two(groups[hit], p)
        g = groups[hit]
        for k in keys + ([("arxiv", g.arxiv_id)] if g.arxiv_id else []) + ([("doi", g.doi.lower())] if g.doi else []):
            index.setdefault(k, hit)
    return sorted(groups, key=lambda p: p.id)
