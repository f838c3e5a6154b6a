"""Communities: Louvain modularity clusters of the whole graph, each named by its top concepts."""
from __future__ import annotations

import math

from ._common import papers_of, sort_key, undirected

__all__ = ["communities", "DEFAULT_SEED"]

#: The seed `kg communities` uses unless told otherwise: same seed, same communities.
DEFAULT_SEED = 42
#: How many concepts name a community.
LABEL_CONCEPTS = 3


def communities(g, seed: int = DEFAULT_SEED, resolution: float = 1.0, n: int | None = None) -> list[dict]:
    """Louvain communities of ``g`` with edge direction ignored.

    Runs :func:`networkx.community.louvain_communities` on the undirected graph whose edge
    weights count the edges between two nodes, with nodes in sorted order and a fixed
    ``seed``: the same graph and seed give the same communities. Each community is named by
    the concepts that best set its papers apart (tf-idf over papers, see
    :func:`_naming_nodes`); a community without concepts is named by its other entities
    (not authors) the same way.

    Parameters
    ----------
    g : networkx.MultiDiGraph
    seed : int
        Seed of Louvain's random node order.
    resolution : float
        Above 1 favours smaller communities, below 1 larger ones.
    n : int or None
        How many communities to return (largest first); None for all.

    Returns
    -------
    list of dict
        ``community`` (1 = largest), ``size``, ``papers``, ``types`` (node count per type),
        ``label`` (the naming labels), ``concepts`` (the naming nodes as ``id``, ``label``,
        ``papers`` of the community linked to it and ``score``) and ``nodes`` (every node id, sorted). Sorted by size, then first node.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> for c in communities(example_graph(), seed=1):
    ...     print(c["community"], c["size"], c["papers"], c["label"])
    1 10 2 ['reasoning', 'reinforcement learning']
    2 9 2 ['agents', 'reinforcement learning']
    """
    import networkx as nx

    h = undirected(g)
    if len(h) == 0:
        return []
    parts = nx.community.louvain_communities(h, weight="weight", resolution=resolution, seed=seed)
    parts = sorted((sorted(p, key=str) for p in parts), key=lambda p: (-len(p), str(p[0])))
    total = sum(1 for _, t in g.nodes(data="type") if t == "Paper")
    out = []
    for i, nodes in enumerate(parts, 1):
        members = set(nodes)
        types: dict[str, int] = {}
        for u in nodes:
            t = str(g.nodes[u].get("type"))
            types[t] = types.get(t, 0) + 1
        papers = {u for u in nodes if g.nodes[u].get("type") == "Paper"}
        named = _naming_nodes(g, members, papers, "Concept", total)
        if not named:
            named = _naming_nodes(g, members, papers, None, total)
        out.append({"community": i, "size": len(nodes), "papers": len(papers), "types": dict(sorted(types.items())),
                    "label": [r["label"] for r in named], "concepts": named, "nodes": nodes})
        if n is not None and len(out) >= n:
            break
    return out


def _naming_nodes(g, members: set, papers: set, type: str | None, total_papers: int) -> list[dict]:
    """The entities that best tell the community's papers apart from the rest, best first.

    The score is tf-idf over papers: ``k * log(P / df)`` where ``k`` of the community's
    papers link to the entity, ``df`` papers in the whole graph do and ``P`` is the number
    of papers. A concept every paper is about ("large language models") scores little; one
    that most of the community's papers and few others are about scores most. Entities of
    the community's *papers* count, not only those Louvain put in the community.
    """
    counts: dict = {}
    for p in papers:
        for u in set(g.successors(p)) | set(g.predecessors(p)):
            t = g.nodes[u].get("type")
            if t in ("Paper", "Author") or (type is not None and t != type):
                continue
            counts[u] = counts.get(u, 0) + 1
    if not papers:  # a community without papers: its own entities, by their paper count
        counts = {u: len(papers_of(g, u)) for u in members
                  if g.nodes[u].get("type") not in ("Paper", "Author")
                  and (type is None or g.nodes[u].get("type") == type)}
    score = {u: k * math.log(max(total_papers, 1) / max(len(papers_of(g, u)), 1)) for u, k in counts.items()}
    best = sorted(counts, key=lambda u: (-round(score[u], 9), -counts[u], *sort_key(g, u)))[:LABEL_CONCEPTS]
    return [{"id": u, "label": g.nodes[u].get("label", str(u)), "papers": counts[u], "score": round(score[u], 4)}
            for u in best]
