"""Node-link JSON: the lossless save of a build that analytics and `kg show` read back.

The file is ``json.dump(nx.node_link_data(g, edges="edges"), sort_keys=True,
separators=(",", ":"))`` byte for byte, but written one node and one edge at a time:
no second copy of the graph is made in memory.
"""
from __future__ import annotations

import itertools
import json

import networkx as nx

from .atomic import atomic_write

__all__ = ["write_nodelink", "read_nodelink", "to_nodelink", "iter_nodelink"]

_ENC = json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"))
#: items written per write() call
_CHUNK = 512


def to_nodelink(g: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(g, edges="edges")


def _items(dicts):
    """The JSON of ``dicts`` joined by commas, in pieces of :data:`_CHUNK` items.

    Each piece is one list encoded at once, its brackets cut off: the encoder's own
    separator joins the items, so the text is that of encoding them one by one, at half
    the cost (each ``encode`` call sets up the C encoder anew).
    """
    first = True
    for batch in iter(lambda it=iter(dicts): list(itertools.islice(it, _CHUNK)), []):
        text = _ENC.encode(batch)
        yield ("" if first else ",") + text[1:-1]
        first = False


def _edges(g):
    """``g.edges(keys=True, data=True)``; for a MultiDiGraph read from its adjacency dicts,
    in the same order, without the edge view's per-edge overhead."""
    if g.is_multigraph() and g.is_directed():
        return ((u, v, k, d) for u, nbrs in g.adjacency() for v, keyed in nbrs.items() for k, d in keyed.items())
    return g.edges(keys=True, data=True)


def iter_nodelink(g: nx.MultiDiGraph):
    """The node-link JSON text of ``g`` in pieces (top-level keys in sorted order).

    >>> g = nx.MultiDiGraph(); g.add_edge("a", "b", key="r", relation="r")
    'r'
    >>> "".join(iter_nodelink(g)) == json.dumps(to_nodelink(g), sort_keys=True, separators=(",", ":"))
    True
    """
    yield '{"directed":' + _ENC.encode(g.is_directed()) + ',"edges":['
    yield from _items({**d, "source": u, "target": v, "key": k} for u, v, k, d in _edges(g))
    yield '],"graph":' + _ENC.encode(g.graph) + ',"multigraph":' + _ENC.encode(g.is_multigraph())
    yield ',"nodes":['
    yield from _items({**d, "id": n} for n, d in g.nodes(data=True))
    yield "]}"


def write_nodelink(g: nx.MultiDiGraph, path, **_options) -> None:
    with atomic_write(path) as f:
        for piece in iter_nodelink(g):
            f.write(piece)
        f.write("\n")


def read_nodelink(path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
