"""GraphML (Gephi, Cytoscape): lists flattened to strings and None dropped, on a copy."""
from __future__ import annotations

import io
import json

import networkx as nx

from .atomic import atomic_write_bytes

__all__ = ["to_graphml_graph", "write_graphml", "LIST_SEPARATOR"]

#: Lists of strings become one string joined by this separator ("GRPO | Group ...").
LIST_SEPARATOR = " | "


def _flat(v):
    if isinstance(v, (list, tuple, set)):
        items = sorted(v) if isinstance(v, set) else list(v)
        if all(isinstance(x, str) for x in items):
            return LIST_SEPARATOR.join(items)
        return json.dumps(items, sort_keys=True, ensure_ascii=False)
    if isinstance(v, dict):
        return json.dumps(v, sort_keys=True, ensure_ascii=False)
    return v


def to_graphml_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy that GraphML can hold: every attribute a str, int, float or bool; no None.

    Lists of strings are joined with :data:`LIST_SEPARATOR`, other lists and dicts become
    JSON text; an attribute a node does not have stays absent (no default is declared).
    """
    h = nx.MultiDiGraph()
    h.graph.update({k: _flat(v) for k, v in g.graph.items() if v is not None})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _flat(x) for a, x in d.items() if x is not None})
    return h


def write_graphml(g: nx.MultiDiGraph, path) -> None:
    buf = io.BytesIO()
    nx.write_graphml_xml(to_graphml_graph(g), buf, encoding="utf-8", prettyprint=True)
    atomic_write_bytes(path, buf.getvalue())
