"""Helpers every analytics module shares: sorting keys, paper neighbours, the undirected view."""
from __future__ import annotations

import networkx as nx

__all__ = ["sort_key", "papers_of", "undirected", "canonical_type"]


def sort_key(g, node):
    """Ties are broken by label (case-folded), then by id: output never depends on hash order."""
    label = g.nodes[node].get("label", "")
    return (str(label).casefold(), str(node))


def papers_of(g, node) -> set:
    """The Paper nodes joined to ``node`` by an edge in either direction."""
    nodes = g.nodes
    return {m for m in nx.all_neighbors(g, node) if nodes[m].get("type") == "Paper"}


def undirected(g) -> nx.Graph:
    """A simple undirected graph over the same nodes, added in sorted order; an edge's
    ``weight`` is the number of edges (any relation, either direction) between its ends."""
    h = nx.Graph()
    h.add_nodes_from(sorted(g.nodes, key=str))
    for u, v in sorted(((u, v) for u, v in g.edges()), key=lambda e: (str(e[0]), str(e[1]))):
        if u == v:
            continue
        if h.has_edge(u, v):
            h[u][v]["weight"] += 1
        else:
            h.add_edge(u, v, weight=1)
    return h


def canonical_type(type: str | None, g=None) -> str | None:
    """The schema's spelling of a node type given in any case (``method`` -> ``Method``).

    The types of ``g``'s nodes are tried first; the schema is consulted only for a name
    that none of them matches (importing :mod:`kg.graph` loads the extractor, which
    commands that only read a saved build should not pay for).

    Raises :class:`kg.errors.NotFoundError` for a type the schema does not have.

    >>> canonical_type("benchmark")
    'Benchmark'
    """
    if type is None:
        return None
    want = type.strip().casefold()
    present = sorted({str(t) for _, t in g.nodes(data="type")}) if g is not None else []
    for t in present:
        if t.casefold() == want:
            return t
    import difflib

    from ..errors import NotFoundError
    from ..graph.schema import NODE_TYPES

    for t in NODE_TYPES:
        if t.casefold() == want:
            return t
    raise NotFoundError(f"no node type {type!r} (types: {', '.join(NODE_TYPES)})",
                        suggestions=difflib.get_close_matches(type, list(NODE_TYPES), n=3, cutoff=0.5))
