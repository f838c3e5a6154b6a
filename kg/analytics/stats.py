"""Counts: nodes by type, edges by relation, the degree distribution and connected components."""
from __future__ import annotations

import statistics

import networkx as nx

__all__ = ["graph_stats", "degree_buckets"]

#: How many component sizes :func:`graph_stats` lists (largest first).
TOP_COMPONENTS = 10


def degree_buckets(degrees) -> list[tuple[str, int]]:
    """Counts of degrees in doubling bins: ``0``, ``1``, ``2``, ``3-4``, ``5-8``, ``9-16``...

    Empty bins between the smallest and the largest non-empty one are kept, so the
    table reads as a histogram.

    Examples
    --------
    >>> degree_buckets([1, 1, 2, 3, 4, 9])
    [('1', 2), ('2', 1), ('3-4', 2), ('5-8', 0), ('9-16', 1)]
    >>> degree_buckets([])
    []
    """
    counts: dict[int, int] = {}
    for d in degrees:
        b = 0 if d == 0 else (d - 1).bit_length() + 1  # 0 | 1 | 2 | 3-4 | 5-8 ...
        counts[b] = counts.get(b, 0) + 1
    if not counts:
        return []
    out = []
    for b in range(min(counts), max(counts) + 1):
        if b <= 2:
            name = str(b)
        else:
            lo, hi = 2 ** (b - 2) + 1, 2 ** (b - 1)
            name = f"{lo}-{hi}"
        out.append((name, counts.get(b, 0)))
    return out


def _summary(values: list[int]) -> dict:
    if not values:
        return {"min": 0, "median": 0.0, "mean": 0.0, "max": 0}
    return {"min": min(values), "median": float(statistics.median(values)),
            "mean": round(statistics.fmean(values), 2), "max": max(values)}


def graph_stats(g) -> dict:
    """Node and edge counts, degree summary and weakly connected components.

    Degree counts every edge (in and out, parallel edges too). Components ignore edge
    direction (every edge leaves a paper, so strong components would all be single nodes).

    Parameters
    ----------
    g : networkx.MultiDiGraph

    Returns
    -------
    dict
        ``nodes``, ``edges``, ``papers``; ``types`` (per node type: ``nodes`` and degree
        ``min``/``median``/``mean``/``max``, sorted by type); ``relations`` (edges per
        relation, sorted); ``degree`` (the summary over all nodes and its ``histogram``
        as ``[bin, count]`` pairs); ``components`` (``count``, ``isolated`` nodes,
        ``largest`` sizes, at most ``TOP_COMPONENTS``).

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> s = graph_stats(example_graph())
    >>> s["nodes"], s["edges"], s["papers"], s["components"]
    (19, 27, 4, {'count': 1, 'isolated': 0, 'largest': [19]})
    >>> s["types"]["Paper"]
    {'nodes': 4, 'min': 5, 'median': 7.0, 'mean': 6.75, 'max': 8}
    >>> s["relations"]["authored_by"]
    9
    """
    by_type: dict[str, list[int]] = {}
    for node, d in g.degree():
        by_type.setdefault(str(g.nodes[node].get("type")), []).append(d)
    relations: dict[str, int] = {}
    for _, _, r in g.edges(data="relation"):
        relations[str(r)] = relations.get(str(r), 0) + 1
    degrees = [d for _, d in g.degree()]
    sizes = sorted((len(c) for c in nx.weakly_connected_components(g)), reverse=True) if len(g) else []
    return {
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "papers": len(by_type.get("Paper", [])),
        "types": {t: {"nodes": len(v), **_summary(v)} for t, v in sorted(by_type.items())},
        "relations": dict(sorted(relations.items())),
        "degree": {**_summary(degrees), "histogram": [list(b) for b in degree_buckets(degrees)]},
        "components": {"count": len(sizes), "isolated": sum(1 for d in degrees if d == 0),
                       "largest": sizes[:TOP_COMPONENTS]},
    }
