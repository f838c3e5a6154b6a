"""Merge records that describe the same paper into one.

**Same paper.** Records are joined when they share an arXiv id, a DOI (case-folded),
a normalised title (:func:`kg.textnorm.title_key`) or an explicit id. A shared arXiv
id always joins; the other keys never join two groups that already carry *different*
arXiv ids (two arXiv papers with one title stay two papers). Joins are transitive: a
seed-page record (title only), an HF record (arXiv id + title) and a BibTeX record
(DOI + title) of one paper end as one record.

**Precedence.** Within a group, records are ranked by their source format
(:data:`FORMAT_PRECEDENCE`), then by source path and line. Scalars take the value of
the first record that has one, except: the longest abstract wins, the longest author
list wins (``author_count`` then follows it), and ``upvotes`` is the largest count
(counts only grow, so that is the latest snapshot). Links, keywords, categories and
sources are unions (links deduplicated by kind and URL). The id is ``arxiv:<id>`` when
any record has an arXiv id, else ``doi:<doi>``, else the first record's id: the
title-hash ids of Daily Papers pages give way. ``field_sources`` records which source
gave each field.
"""
from __future__ import annotations

from ..model import Link, Paper
from ..textnorm import title_key

__all__ = ["merge_papers", "merge_two", "FORMAT_PRECEDENCE"]

#: Source formats from the most to the least trusted for scalar fields. kg's own
#: JSON Lines is curated input; arXiv is the reference for its papers' metadata;
#: bibliographic databases next; the Daily Papers page text (no authors, no ids) last.
#: Formats not listed rank after all of these.
FORMAT_PRECEDENCE = (
    "jsonl",
    "arxiv-atom",
    "arxiv-oai",
    "arxiv-snapshot",
    "openalex",
    "semantic-scholar",
    "bibtex",
    "hf-papers-api",
    "hf-daily-page",
)
_RANK = {f: i for i, f in enumerate(FORMAT_PRECEDENCE)}

_SCALARS = ("date", "arxiv_id", "doi", "url", "venue", "organization")
_UNIONS = ("keywords", "categories", "sources")


def _src(p: Paper) -> str:
    return p.sources[0].path if p.sources else ""


def _precedence(p: Paper):
    """Sort key: format rank, then path and line of the first source, then id."""
    if not p.sources:
        return (len(_RANK) + 1, "", 0, p.id)
    s = min(p.sources, key=lambda s: (_RANK.get(s.format, len(_RANK)), s.path, s.line))
    return (_RANK.get(s.format, len(_RANK)), s.path, s.line, p.id)


def _prefer_id(a: Paper, b: Paper) -> str:
    for p in (a, b):
        if p.arxiv_id:
            return f"arxiv:{p.arxiv_id}"
    for p in (a, b):
        if p.doi:
            return f"doi:{p.doi.lower()}"
    return a.id


def _link_key(link: Link):
    return (link.kind, link.url.rstrip("/").lower())


def merge_two(a: Paper, b: Paper) -> Paper:
    """Combine ``b`` into ``a`` (``a`` has precedence for scalars).

    >>> from kg.model import Paper
    >>> m = merge_two(Paper("x", "T", upvotes=2, authors=("A",)), Paper("arxiv:1", "T", upvotes=27,
    ...               arxiv_id="1", authors=("A", "B")))
    >>> (m.id, m.upvotes, m.authors, m.author_count)
    ('arxiv:1', 27, ('A', 'B'), 2)
    """
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
    if b.upvotes is not None and (a.upvotes is None or b.upvotes > a.upvotes):
        changes["upvotes"] = b.upvotes
        fs["upvotes"] = _src(b)
    elif a.upvotes is not None:
        fs.setdefault("upvotes", _src(a))
    if len(b.abstract) > len(a.abstract):
        changes["abstract"] = b.abstract
        fs["abstract"] = _src(b)
    authors = a.authors
    if len(b.authors) > len(a.authors):
        authors = changes["authors"] = b.authors
        fs["authors"] = _src(b)
    if authors:
        changes["author_count"] = len(authors)
    elif a.author_count is None and b.author_count is not None:
        changes["author_count"] = b.author_count
        fs["author_count"] = _src(b)
    links = {}
    for link in a.links + b.links:
        links.setdefault(_link_key(link), link)
    if len(links) != len(a.links):
        changes["links"] = tuple(links.values())
    for name in _UNIONS:
        va, vb = getattr(a, name), getattr(b, name)
        merged = tuple(dict.fromkeys(va + vb))
        if merged != va:
            changes[name] = tuple(sorted(merged)) if name == "sources" else merged
    changes["field_sources"] = tuple(sorted(fs.items()))
    merged = a.with_(**changes)
    return merged.with_(id=_prefer_id(merged, b))


def _keys(p: Paper):
    """(strong, weak) match keys of a record."""
    aid = p.arxiv_id or (p.id[6:] if p.id.startswith("arxiv:") else None)
    doi = p.doi or (p.id[4:] if p.id.startswith("doi:") else None)
    strong = [("arxiv", aid.lower())] if aid else []
    weak = [("doi", doi.lower())] if doi else []
    tk = title_key(p.title)
    if tk:
        weak.append(("title", tk))
    weak.append(("id", p.id))
    return strong, weak


def merge_papers(papers) -> list[Paper]:
    """One record per paper, in a deterministic order (sorted by id).

    The grouping does not depend on the order ``papers`` come in; see the module
    docstring for the rules.

    >>> from kg.model import Paper, Source
    >>> a = Paper("1", "X-Node: Self-Explanation", sources=(Source("a.txt", 1),))
    >>> b = Paper("2", "X-node: self explanation", upvotes=2, sources=(Source("b.txt", 9),))
    >>> [(p.id, p.upvotes, len(p.sources)) for p in merge_papers([a, b])]
    [('1', 2, 2)]
    """
    ordered = sorted(papers, key=_precedence)
    parent = list(range(len(ordered)))
    arxiv_ids: list[set] = []
    keys = []
    for p in ordered:
        strong, weak = _keys(p)
        keys.append((strong, weak))
        arxiv_ids.append({k for _, k in strong})

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def union(i: int, j: int, strong: bool) -> None:
        ri, rj = find(i), find(j)
        if ri == rj:
            return
        if not strong and arxiv_ids[ri] and arxiv_ids[rj] and arxiv_ids[ri] != arxiv_ids[rj]:
            return  # a title or DOI shared by two different arXiv papers
        keep, drop = min(ri, rj), max(ri, rj)  # the root is the group's first record
        parent[drop] = keep
        arxiv_ids[keep] |= arxiv_ids[drop]

    for pass_strong in (True, False):
        first: dict[tuple[str, str], int] = {}
        kinds = ("arxiv",) if pass_strong else ("doi", "title", "id")
        for kind in kinds:
            for i, (strong, weak) in enumerate(keys):
                for k in (strong if pass_strong else weak):
                    if k[0] != kind:
                        continue
                    if k in first:
                        union(first[k], i, pass_strong)
                    else:
                        first[k] = i

    groups: dict[int, Paper] = {}
    for i, p in enumerate(ordered):  # precedence order: the first record of a group leads
        r = find(i)
        groups[r] = merge_two(groups[r], p) if r in groups else p
    return sorted(groups.values(), key=lambda p: p.id)
