"""Centrality: the most important nodes of a type, by degree, by papers or by PageRank."""
from __future__ import annotations

import networkx as nx

from ._common import canonical_type, papers_of, sort_key, undirected

__all__ = ["top_nodes", "pagerank", "MEASURES"]

#: The measures :func:`top_nodes` ranks by.
MEASURES = ("pagerank", "degree", "papers")


def pagerank(g, alpha: float = 0.85, tol: float = 1.0e-10, max_iter: int = 1000) -> dict:
    """PageRank of every node of ``g`` with edge direction ignored.

    Every edge of the knowledge graph leaves a paper, so on the directed graph all papers
    would score the same; the undirected walk lets papers and entities rank each other.
    An edge's weight is the number of edges between its two ends. Plain power iteration
    in pure Python (networkx's own ``pagerank`` needs SciPy, which kg does not depend on);
    tests check it against python-igraph's.

    Parameters
    ----------
    g : networkx graph
    alpha : float
        Damping: the probability of following an edge rather than jumping anywhere.
    tol : float
        Stop when the L1 change of the scores falls below ``len(g) * tol``.
    max_iter : int

    Returns
    -------
    dict
        node -> score; the scores sum to 1.

    Raises
    ------
    networkx.PowerIterationFailedConvergence
        The scores did not settle within ``max_iter`` rounds.

    Examples
    --------
    >>> import networkx as nx
    >>> pr = pagerank(nx.star_graph(3))
    >>> round(pr[0], 4), round(pr[1], 4), round(sum(pr.values()), 6)
    (0.4797, 0.1734, 1.0)
    """
    h = undirected(g)
    n = len(h)
    if n == 0:
        return {}
    strength = {u: sum(d["weight"] for d in h[u].values()) for u in h}
    dangling = [u for u in h if strength[u] == 0]
    x = dict.fromkeys(h, 1.0 / n)
    for _ in range(max_iter):
        last = x
        jump = (1.0 - alpha) / n + alpha * sum(last[u] for u in dangling) / n
        x = dict.fromkeys(h, jump)
        for u in h:
            if strength[u]:
                share = alpha * last[u] / strength[u]
                for v, d in h[u].items():
                    x[v] += share * d["weight"]
        if sum(abs(x[u] - last[u]) for u in h) < n * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def top_nodes(g, type: str | None = None, by: str = "degree", n: int | None = 10) -> list[dict]:
    """The ``n`` highest-ranked nodes (of one ``type``) by a measure.

    Parameters
    ----------
    g : networkx.MultiDiGraph
    type : str, optional
        A node type of the schema (any case); all nodes when None.
    by : {"pagerank", "degree", "papers"}
        ``degree`` counts edges in and out; ``papers`` counts the distinct papers joined to
        the node (0 for papers themselves); ``pagerank`` is :func:`pagerank` over the
        whole graph.
    n : int or None
        How many rows; None for all.

    Returns
    -------
    list of dict
        ``rank``, ``id``, ``label``, ``type``, ``papers``, ``degree`` (and ``pagerank``
        when ranked by it), best first; ties by label, then id.

    Raises
    ------
    ValueError
        ``by`` is not one of :data:`MEASURES`.
    kg.errors.NotFoundError
        ``type`` is not a node type.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> [(r["label"], r["papers"]) for r in top_nodes(example_graph(), "concept", by="papers")]
    [('reinforcement learning', 3), ('agents', 2), ('reasoning', 1)]
    >>> [r["label"] for r in top_nodes(example_graph(), "Method", by="pagerank", n=1)]
    ['GRPO']
    """
    if by not in MEASURES:
        raise ValueError(f"by must be one of {', '.join(MEASURES)}, not {by!r}")
    type = canonical_type(type, g)
    nodes = [u for u, t in g.nodes(data="type") if type is None or t == type]
    pr = pagerank(g) if by == "pagerank" else None
    rows = []
    for u in nodes:
        d = g.nodes[u]
        row = {"id": u, "label": d.get("label", str(u)), "type": d.get("type"),
               "papers": len(papers_of(g, u)), "degree": g.degree(u)}
        if pr is not None:
            row["pagerank"] = pr[u]
        rows.append(row)
    # PageRanks equal in exact arithmetic can differ in their last bits: round them so
    # that such ties, too, are broken by label
    rows.sort(key=lambda r: (-(round(r[by], 12) if by == "pagerank" else r[by]), *sort_key(g, r["id"])))
    if n is not None:
        rows = rows[:n]
    return [{"rank": i, **r} for i, r in enumerate(rows, 1)]
