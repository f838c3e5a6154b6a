"""Overview: the part of a large graph one page shows.

A page of the whole graph stops being readable, and a browser stops coping, somewhere in
the thousands of nodes and tens of thousands of edges (``bench/bench_html.py``: 5,000 nodes
and 13,239 edges become interactive in about 2 s). Above ``max_nodes`` nodes,
:func:`overview` picks a part by a rule a reader can be told in a few words:

1. half of the places go to entities (every type but Paper), shared equally among the
   types present; a type with fewer nodes than its share takes them all and leaves the
   rest to the others. Within a type the best connected come first (degree, or support);
2. papers come next, while the page stays within ``max_nodes`` nodes and ``max_edges``
   edges: the entities are taken in turns (the best connected of each type, then the
   second of each...), each with its paper that names most of the candidate entities
   unless a paper on the page names it already, until the next one does not fit; then
   the other papers, those naming most of the chosen entities first (then the best
   connected, then the smallest id).

The work is a pass over the nodes and one over the chosen entities' edges: it grows with
the graph, and the page it leads to does not.
"""
from __future__ import annotations

import heapq
import itertools
import math
from collections import Counter

import networkx as nx

from ..graph.schema import NODE_TYPES

__all__ = ["overview", "entity_quotas", "degree_of", "MAX_NODES", "MAX_EDGES", "ENTITY_SHARE"]

#: nodes a page shows before it shows an overview: a 5,000-node page becomes interactive in
#: about 2 s in headless Chromium (bench/README.md, "Explorer page"), within the 3 s target
MAX_NODES = 5000
#: edges an overview page holds at most (papers' edges; see :func:`overview`): the 5,000-node
#: benchmark graph has 13,239 edges (2.0 s); an overview of the 10k build with every edge
#: among its 5,000 nodes had 46,624 and took 5.1 s to become interactive
MAX_EDGES = 15000
#: share of the places given to entities; papers take the rest (each paper brings the edges
#: that tie the chosen entities together)
ENTITY_SHARE = 0.5

_PAPER = "Paper"


def entity_quotas(counts: dict, places: int) -> dict:
    """Places per type, shared equally; a type that needs fewer gives the rest back.

    Parameters
    ----------
    counts : dict
        Nodes of each type.
    places : int
        Places to share.

    Returns
    -------
    dict
        Places per type (never more than the type has); the sum is ``min(places, total)``.

    Examples
    --------
    >>> entity_quotas({"Concept": 3, "Method": 100, "Author": 100}, 21)
    {'Author': 9, 'Concept': 3, 'Method': 9}
    >>> entity_quotas({"Concept": 3, "Method": 100, "Author": 100}, 22)
    {'Author': 10, 'Concept': 3, 'Method': 9}
    """
    quotas = {}
    left = max(0, places)
    # smallest types first: one that fits in an equal share of what is left takes all it has
    rest = sorted(counts, key=lambda t: (counts[t], t))
    while rest and counts[rest[0]] * len(rest) <= left:
        t = rest.pop(0)
        quotas[t] = counts[t]
        left -= counts[t]
    # the others share the rest equally, the first in name order taking one more if it does
    # not divide (each has more nodes than its share, so every place is used)
    share, extra = divmod(left, len(rest)) if rest else (0, 0)
    for i, t in enumerate(sorted(rest)):
        quotas[t] = share + (1 if i < extra else 0)
    return dict(sorted(quotas.items()))


def _ranked(nodes, metric, k: int) -> list:
    """The ``k`` nodes of largest metric, ties by id (as text)."""
    return heapq.nsmallest(k, nodes, key=lambda n: (-metric(n), str(n)))


def degree_of(g):
    """A function equal to ``g.degree`` on single nodes, made fast for a MultiDiGraph.

    networkx's degree view builds views of views on every call (15 us a node); the counts
    of parallel edges are read straight from the adjacency dicts instead, as networkx's own
    algorithms do.

    >>> g = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("c", "a"), ("a", "a")])
    >>> [degree_of(g)(n) for n in g] == [g.degree(n) for n in g]
    True
    """
    succ, pred = getattr(g, "_succ", None), getattr(g, "_pred", None)
    if g.is_multigraph() and isinstance(succ, dict) and isinstance(pred, dict):
        return lambda n: sum(map(len, succ[n].values())) + sum(map(len, pred[n].values()))
    return g.degree


def _papers_of(g, e, is_paper: frozenset) -> frozenset:
    return is_paper.intersection(nx.all_neighbors(g, e))


def _named(g, entities, is_paper) -> dict:
    """Per paper, how many of ``entities`` it is linked to (each entity once)."""
    named: Counter = Counter()
    for e in entities:
        named.update(_papers_of(g, e, is_paper))
    return named


def overview(g: nx.MultiDiGraph, max_nodes: int = MAX_NODES, *, max_edges: int = MAX_EDGES,
             size_by: str = "degree", keep=()) -> list:
    """The nodes a page of at most ``max_nodes`` nodes and ``max_edges`` edges shows of ``g``.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph following :mod:`kg.graph.schema`; not changed.
    max_nodes : int
        How many nodes at most (every node when ``g`` has no more).
    max_edges : int
        How many edges at most among the chosen nodes (``keep`` may exceed it alone).
    size_by : {"degree", "support"}
        What "best connected" means for an entity: its edges, or its support (papers
        mentioning it; its degree when it has none).
    keep : iterable of nodes
        Nodes shown whatever their rank (the node a ``kg show`` page is about).

    Returns
    -------
    list
        Node ids, sorted by their text.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for i in range(4):
    ...     g.add_node(f"paper:{i}", type="Paper")
    >>> g.add_node("concept:a", type="Concept"); g.add_node("concept:b", type="Concept")
    >>> g.add_node("method:m", type="Method")
    >>> for p, e in [(0, "a"), (1, "a"), (2, "a"), (1, "b"), (3, "b")]:
    ...     _ = g.add_edge(f"paper:{p}", f"concept:{e}", key="about", relation="about")
    >>> _ = g.add_edge("paper:1", "method:m", key="uses", relation="uses")
    >>> overview(g, 4)  # m with paper 1 (it names m and a), then a; paper 0 fills the page
    ['concept:a', 'method:m', 'paper:0', 'paper:1']
    >>> overview(g, 6, max_edges=3)  # b joins: paper 1 names it; then the edges are used up
    ['concept:a', 'concept:b', 'method:m', 'paper:1']
    >>> overview(g, 6, max_edges=2)  # b would make a third edge
    ['concept:a', 'method:m', 'paper:1']
    """
    if max_nodes < 1:
        raise ValueError(f"max_nodes must be 1 or more, not {max_nodes}")
    if g.number_of_nodes() <= max_nodes:
        return sorted(g.nodes, key=str)

    degree = degree_of(g)

    def metric(n) -> float:
        if size_by == "support":
            s = g.nodes[n].get("support")
            if isinstance(s, (int, float)) and not isinstance(s, bool):
                return float(s)
        return float(degree(n))

    by_type: dict = {}
    for n, t in g.nodes(data="type"):
        by_type.setdefault(t if isinstance(t, str) and t else "Other", []).append(n)
    papers = by_type.pop(_PAPER, [])
    is_paper = frozenset(papers)
    # candidates: the best connected of each type, as many as the entities' share of places
    quotas = entity_quotas({t: len(ns) for t, ns in by_type.items()},
                           max_nodes - min(len(papers), math.floor(max_nodes * (1 - ENTITY_SHARE))))
    queues = [_ranked(by_type[t], metric, quotas[t]) for t in sorted(quotas, key=_type_rank)]
    named = _named(g, (e for q in queues for e in q), is_paper)

    def rank(p):
        return (-named.get(p, 0), -degree(p), str(p))

    chosen: dict = {}
    covered: set = set()  # nodes some chosen paper is linked to
    edges = 0

    directed = g.is_directed()

    def links(x, extra) -> int:
        """Edges between ``x`` and the chosen nodes or ``extra``, parallel edges included."""
        return sum(g.number_of_edges(x, v) + (g.number_of_edges(v, x) if directed else 0)
                   for v in set(nx.all_neighbors(g, x)) if v != x and (v in chosen or v in extra))

    def admit(xs, force: bool = False) -> bool:
        nonlocal edges
        new = [x for x in dict.fromkeys(xs) if x not in chosen]
        cost = sum(links(x, new[:i]) for i, x in enumerate(new))
        if not force and (len(chosen) + len(new) > max_nodes or edges + cost > max_edges):
            return False
        for x in new:
            chosen[x] = None
            if x in is_paper:
                covered.update(nx.all_neighbors(g, x))
        edges += cost
        return True

    admit([n for n in keep if n in g], force=True)
    # entities in turns (the best of each type, then the second of each...), each with the
    # paper of its own that names most candidates unless a chosen paper names it already,
    # until the next one does not fit: the types keep equal shares
    turns = (e for row in itertools.zip_longest(*queues) for e in row if e is not None)
    for e in turns:
        mine = () if e in covered or e in chosen else _papers_of(g, e, is_paper)
        if not admit([e, min(mine, key=rank)] if mine else [e]):
            break
    # then more papers, those naming most of the chosen entities first, while there is room
    if len(chosen) < max_nodes and edges < max_edges:
        named = _named(g, (e for e in chosen if e not in is_paper), is_paper)
        # in rank order, sorting a count's papers only when the loop reaches that count
        by_count: dict = {}
        for p, c in named.items():
            if p not in chosen:
                by_count.setdefault(c, []).append(p)
        for c in sorted(by_count, reverse=True):
            if len(chosen) >= max_nodes or edges >= max_edges:
                break
            if c > max_edges - edges:  # a paper adds at least one edge per entity it names
                continue
            for p in sorted(by_count[c], key=rank):
                if len(chosen) >= max_nodes or c > max_edges - edges:
                    break
                admit([p])
    return sorted(chosen, key=str)


def _type_rank(t: str):
    names = list(NODE_TYPES)
    return (names.index(t), t) if t in names else (len(names), t)
