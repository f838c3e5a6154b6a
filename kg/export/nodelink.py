"""Node-link JSON: the lossless save of a build that analytics and `kg show` read back."""
from __future__ import annotations

import json

import networkx as nx

from .atomic import atomic_write

__all__ = ["write_nodelink", "read_nodelink", "to_nodelink"]


def to_nodelink(g: nx.MultiDiGraph) -> dict:
    return nx.node_link_data(g, edges="edges")


def write_nodelink(g: nx.MultiDiGraph, path) -> None:
    data = to_nodelink(g)
    with atomic_write(path) as f:
        json.dump(data, f, ensure_ascii=False, sort_keys=True, indent=None, separators=(",", ":"))
        f.write("\n")


def read_nodelink(path) -> nx.MultiDiGraph:
    with open(path, encoding="utf-8") as f:
        data = json.load(f)
    return nx.node_link_graph(data, directed=True, multigraph=True, edges="edges")
