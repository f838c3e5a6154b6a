"""Neighbourhoods: the nodes within a few steps of one node, and the shortest path between two."""
from __future__ import annotations

import networkx as nx

from ..errors import NotFoundError
from ._common import canonical_type, sort_key
from .names import find_node

__all__ = ["neighbours", "shortest_path"]


def _relations(g, u, v) -> list[str]:
    """Relations of the edges between ``u`` and ``v``, either direction, sorted."""
    rels = set()
    for a, b in ((u, v), (v, u)):
        if g.has_edge(a, b):
            rels.update(str(d.get("relation", k)) for k, d in g[a][b].items())
    return sorted(rels)


def _sorted_neighbours(g, u) -> list:
    return sorted(set(nx.all_neighbors(g, u)), key=lambda m: sort_key(g, m))


def neighbours(g, name: str, depth: int = 1, type: str | None = None) -> list[dict]:
    """The nodes at most ``depth`` edges from the node ``name`` denotes (edge direction ignored).

    Parameters
    ----------
    g : networkx.MultiDiGraph
    name : str
        Node id, label or alias (see :func:`kg.analytics.names.find_node`).
    depth : int
        At least 1.
    type : str, optional
        Only list nodes of this type (the walk still goes through every node).

    Returns
    -------
    list of dict
        ``distance``, ``id``, ``label``, ``type`` and ``relations`` (the relations of the
        edges that reach the node from nodes one step closer), sorted by distance, then
        type, label and id. The start node is not listed.

    Raises
    ------
    ValueError
        ``depth`` is below 1.
    kg.errors.NotFoundError
        No node has that name.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> for r in neighbours(example_graph(), "GRPO"):
    ...     print(r["distance"], r["label"], r["relations"])
    1 GRPO for Math Reasoning ['proposes']
    1 Scaling PPO and GRPO ['uses']
    >>> [r["label"] for r in neighbours(example_graph(), "GRPO", depth=2, type="Benchmark")]
    ['GSM8K', 'MATH500']
    """
    if depth < 1:
        raise ValueError("depth must be at least 1")
    type = canonical_type(type, g)
    start = find_node(g, name)
    dist = {start: 0}
    frontier = [start]
    for step in range(1, depth + 1):
        nxt = []
        for u in frontier:
            for v in _sorted_neighbours(g, u):
                if v not in dist:
                    dist[v] = step
                    nxt.append(v)
        frontier = nxt
    rows = []
    for v, k in dist.items():
        d = g.nodes[v]
        if k == 0 or (type is not None and d.get("type") != type):
            continue
        rels = sorted({r for u in nx.all_neighbors(g, v) if dist.get(u) == k - 1 for r in _relations(g, u, v)})
        rows.append({"distance": k, "id": v, "label": d.get("label", str(v)), "type": d.get("type"),
                     "relations": rels})
    rows.sort(key=lambda r: (r["distance"], str(r["type"]), *sort_key(g, r["id"])))
    return rows


def shortest_path(g, a: str, b: str) -> list[dict]:
    """A shortest path between the nodes ``a`` and ``b`` denote, edge direction ignored.

    Breadth-first search visits neighbours in label order, so among paths of equal
    length the same one is returned every time.

    Returns
    -------
    list of dict
        One step per node: ``id``, ``label``, ``type``, and from the second step on
        ``relation`` (of an edge joining it to the previous node) and ``forward`` (True
        when that edge points from the previous node to this one).

    Raises
    ------
    kg.errors.NotFoundError
        A name matches no node, or no path joins the two.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> for s in shortest_path(example_graph(), "GSM8K", "Dan Wu"):
    ...     print(s["label"], s.get("relation"), s.get("forward"))
    GSM8K None None
    GRPO for Math Reasoning evaluated_on False
    Ann Lee authored_by True
    Training Web Agents with PPO authored_by False
    Dan Wu authored_by True
    """
    src, dst = find_node(g, a), find_node(g, b)
    parent = {src: None}
    frontier = [src]
    while frontier and dst not in parent:
        nxt = []
        for u in frontier:
            for v in _sorted_neighbours(g, u):
                if v not in parent:
                    parent[v] = u
                    nxt.append(v)
        frontier = nxt
    if dst not in parent:
        raise NotFoundError(f"no path between {g.nodes[src].get('label', src)!r} and "
                            f"{g.nodes[dst].get('label', dst)!r}")
    nodes = [dst]
    while parent[nodes[-1]] is not None:
        nodes.append(parent[nodes[-1]])
    nodes.reverse()
    steps = []
    for i, v in enumerate(nodes):
        d = g.nodes[v]
        step = {"id": v, "label": d.get("label", str(v)), "type": d.get("type")}
        if i:
            u = nodes[i - 1]
            forward = g.has_edge(u, v)
            edges = g[u][v] if forward else g[v][u]
            step["relation"] = sorted(str(e.get("relation", k)) for k, e in edges.items())[0]
            step["forward"] = forward
        steps.append(step)
    return steps
