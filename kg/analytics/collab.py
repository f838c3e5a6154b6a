"""Collaboration: the co-author graph, the most prolific authors and who writes with whom."""
from __future__ import annotations

from itertools import combinations

import networkx as nx

from ._common import sort_key
from .names import find_node

__all__ = ["coauthor_graph", "top_authors", "collaborators", "collaboration_pairs"]

#: How many collaborators :func:`top_authors` lists per author.
TOP_COLLABORATORS = 3


def coauthor_graph(g) -> nx.Graph:
    """The co-author graph: one node per Author, an edge between two authors of a paper.

    Parameters
    ----------
    g : networkx.MultiDiGraph

    Returns
    -------
    networkx.Graph
        Nodes keep the author's ``label`` and gain ``papers`` (sorted paper ids); an
        edge's ``weight`` is the number of papers the two wrote together and ``papers``
        lists them. Authors are added in sorted order.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> c = coauthor_graph(example_graph())
    >>> c.number_of_nodes(), c.number_of_edges()
    (5, 5)
    >>> c["author:dan-wu"]["author:eve-ng"]
    {'weight': 2, 'papers': ['paper:p3', 'paper:p4']}
    """
    c = nx.Graph()
    authors = sorted((u for u, t in g.nodes(data="type") if t == "Author"), key=str)
    for a in authors:
        papers = sorted({p for p in nx.all_neighbors(g, a) if g.nodes[p].get("type") == "Paper"}, key=str)
        c.add_node(a, label=g.nodes[a].get("label", str(a)), papers=papers)
    by_paper: dict = {}
    for a in authors:
        for p in c.nodes[a]["papers"]:
            by_paper.setdefault(p, []).append(a)
    for p in sorted(by_paper, key=str):
        for a, b in combinations(by_paper[p], 2):
            if c.has_edge(a, b):
                c[a][b]["weight"] += 1
                c[a][b]["papers"].append(p)
            else:
                c.add_edge(a, b, weight=1, papers=[p])
    return c


def _ranked_collaborators(c, g, a) -> list[dict]:
    rows = [{"id": b, "label": c.nodes[b]["label"], "papers": d["weight"], "paper_ids": list(d["papers"])}
            for b, d in c[a].items()]
    rows.sort(key=lambda r: (-r["papers"], *sort_key(g, r["id"])))
    return rows


def top_authors(g, n: int | None = 10) -> list[dict]:
    """The authors with the most papers, with their co-author counts and top collaborators.

    Returns
    -------
    list of dict
        ``rank``, ``id``, ``label``, ``papers``, ``coauthors`` (distinct) and
        ``collaborators`` (the ``TOP_COLLABORATORS`` they share most papers with, as ``id``,
        ``label``, ``papers``); by papers, then co-authors, then label and id.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> for r in top_authors(example_graph(), n=2):
    ...     print(r["label"], r["papers"], r["coauthors"], [x["label"] for x in r["collaborators"]])
    Ann Lee 2 3 ['Bob Ray', 'Dan Wu', 'Eve Ng']
    Bob Ray 2 2 ['Ann Lee', 'Cy Dee']
    """
    c = coauthor_graph(g)
    rows = []
    for a in c:
        top = [{k: r[k] for k in ("id", "label", "papers")} for r in _ranked_collaborators(c, g, a)]
        rows.append({"id": a, "label": c.nodes[a]["label"], "papers": len(c.nodes[a]["papers"]),
                     "coauthors": c.degree(a), "collaborators": top[:TOP_COLLABORATORS]})
    rows.sort(key=lambda r: (-r["papers"], -r["coauthors"], *sort_key(g, r["id"])))
    if n is not None:
        rows = rows[:n]
    return [{"rank": i, **r} for i, r in enumerate(rows, 1)]


def collaborators(g, name: str, n: int | None = None) -> list[dict]:
    """Everyone who wrote with the author ``name`` denotes, most shared papers first.

    Raises
    ------
    kg.errors.NotFoundError
        No Author has that name (close names are suggested).

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> [(r["label"], r["papers"]) for r in collaborators(example_graph(), "eve ng")]
    [('Dan Wu', 2), ('Ann Lee', 1)]
    """
    a = find_node(g, name, type="Author")
    rows = _ranked_collaborators(coauthor_graph(g), g, a)
    return rows if n is None else rows[:n]


def collaboration_pairs(g, n: int | None = 10) -> list[dict]:
    """The pairs of authors with the most papers together.

    Returns
    -------
    list of dict
        ``a``, ``a_label``, ``b``, ``b_label`` (``a`` first by label), ``papers`` and
        ``paper_ids``; most papers first, ties by the labels, then ids.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> [(r["a_label"], r["b_label"], r["papers"]) for r in collaboration_pairs(example_graph(), n=2)]
    [('Dan Wu', 'Eve Ng', 2), ('Ann Lee', 'Bob Ray', 1)]
    """
    c = coauthor_graph(g)
    rows = []
    for a, b, d in c.edges(data=True):
        if sort_key(g, b) < sort_key(g, a):
            a, b = b, a
        rows.append({"a": a, "a_label": c.nodes[a]["label"], "b": b, "b_label": c.nodes[b]["label"],
                     "papers": d["weight"], "paper_ids": list(d["papers"])})
    rows.sort(key=lambda r: (-r["papers"], *sort_key(g, r["a"]), *sort_key(g, r["b"])))
    return rows if n is None else rows[:n]
