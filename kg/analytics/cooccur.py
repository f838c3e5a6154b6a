"""Co-occurrence: pairs of entities (of two given types) that the same papers link to."""
from __future__ import annotations

from itertools import combinations, product

import networkx as nx

from ._common import canonical_type, sort_key

__all__ = ["cooccurrence"]


def cooccurrence(g, types=("Method", "Benchmark"), n: int | None = None) -> list[dict]:
    """Pairs of nodes of ``types`` joined to the same papers, with how many papers.

    Parameters
    ----------
    g : networkx.MultiDiGraph
    types : sequence of one or two str
        Two node types (any case) give pairs of one of each; one type, or the same type
        twice, gives unordered pairs within it. Any type but Paper (authors, organisations
        and repositories count too).
    n : int or None
        How many pairs; None for all.

    Returns
    -------
    list of dict
        ``a``, ``a_label`` (of the first type), ``b``, ``b_label``, ``papers`` (how many
        papers link to both) and ``paper_ids`` (sorted); most papers first, ties by the
        labels, then ids.

    Raises
    ------
    ValueError
        Not one or two types, or Paper among them.
    kg.errors.NotFoundError
        A type the schema does not have.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> for r in cooccurrence(example_graph(), ("method", "benchmark")):
    ...     print(r["a_label"], r["b_label"], r["papers"])
    GRPO GSM8K 2
    GRPO MATH500 1
    PPO GSM8K 1
    PPO VisBench 1
    >>> [(r["a_label"], r["b_label"]) for r in cooccurrence(example_graph(), ["Method"])]
    [('GRPO', 'PPO')]
    """
    types = [canonical_type(t, g) for t in types]
    if len(types) not in (1, 2):
        raise ValueError(f"give one or two node types, not {len(types)}")
    if "Paper" in types:
        raise ValueError("co-occurrence is counted over papers; give types other than Paper")
    first, second = types[0], types[-1]
    counts: dict[tuple, list] = {}
    for p, t in g.nodes(data="type"):
        if t != "Paper":
            continue
        linked = set(nx.all_neighbors(g, p))
        xs = sorted((u for u in linked if g.nodes[u].get("type") == first), key=lambda u: sort_key(g, u))
        if first == second:
            pairs = combinations(xs, 2)
        else:
            ys = sorted((u for u in linked if g.nodes[u].get("type") == second), key=lambda u: sort_key(g, u))
            pairs = product(xs, ys)
        for pair in pairs:
            counts.setdefault(pair, []).append(p)
    rows = [{"a": a, "a_label": g.nodes[a].get("label", str(a)), "b": b, "b_label": g.nodes[b].get("label", str(b)),
             "papers": len(ps), "paper_ids": sorted(ps, key=str)} for (a, b), ps in counts.items()]
    rows.sort(key=lambda r: (-r["papers"], *sort_key(g, r["a"]), *sort_key(g, r["b"])))
    return rows if n is None else rows[:n]
