"""Analytics: pure functions over a knowledge graph (a networkx MultiDiGraph of :mod:`kg.graph.schema`).

One family per module: :mod:`~kg.analytics.stats` (counts, degrees, components),
:mod:`~kg.analytics.centrality` (top nodes by pagerank, degree or papers),
:mod:`~kg.analytics.neighbours` (neighbourhoods and shortest paths),
:mod:`~kg.analytics.communities` (Louvain communities named by their concepts),
:mod:`~kg.analytics.cooccur` (entity pairs that share papers) and
:mod:`~kg.analytics.collab` (author collaboration). :mod:`~kg.analytics.names` finds a
node by id, label or alias. None of them changes the graph it is given; ties are broken
by label, then id, so every result is deterministic.
"""
from __future__ import annotations

from .centrality import MEASURES, pagerank, top_nodes
from .collab import coauthor_graph, collaboration_pairs, collaborators, top_authors
from .communities import communities
from .cooccur import cooccurrence
from .names import AmbiguousNameError, describe, find_node
from .neighbours import neighbours, shortest_path
from .stats import graph_stats

__all__ = [
    "AmbiguousNameError", "MEASURES", "coauthor_graph", "collaboration_pairs", "collaborators", "communities",
    "cooccurrence", "describe", "find_node", "graph_stats", "neighbours", "pagerank", "shortest_path",
    "top_authors", "top_nodes",
]
