"""Layout: node positions for pages too large to lay out in the browser.

A force-directed (Fruchterman-Reingold) layout of the graph's *core* (every node but
the leaves, i.e. nodes with one neighbour) with a fixed seed, then each leaf placed in a
fan around its one neighbour, on the side facing away from that neighbour's others.
Knowledge graphs of papers are mostly leaves (a method or author named by one paper), so
the quadratic part runs on a fraction of the nodes.

networkx gives the structure (the undirected simple graph, degrees); the force loop is
numpy, computed in row blocks so memory stays bounded (networkx's own solver needs scipy
above 500 nodes and builds an n x n x 2 array). Deterministic: same graph and seed, same
positions, whatever the order nodes were added in.
"""
from __future__ import annotations

import math

import networkx as nx

__all__ = ["force_layout", "SPACING"]

#: pixels between two linked core nodes at rest (the FR ideal distance ``k``)
SPACING = 110.0
#: rows of the repulsion matrix computed at once: 512 x n x 2 floats stays under ~80 MB at n = 10,000
_BLOCK = 512
#: repulsion is exact up to this many core nodes, estimated from _PIVOTS sampled nodes above
_EXACT = 2000
_PIVOTS = 1000
#: pair evaluations the force loop may spend; iterations shrink as n grows (to no fewer
#: than 30) so that large graphs are laid out in seconds
_PAIR_BUDGET = 2.5e8
#: distance between leaves on a fan, in units of k; small: leaves carry no labels
_LEAF_GAP = 0.22
#: radius of the smallest fan, in units of k
_LEAF_RADIUS = 0.55
#: strength of the pull to the centre, as a share of the far-field repulsion at distance sqrt(n)
_GRAVITY = 0.4
#: exponent of (1 + degree) in a node's charge: 1 as in ForceAtlas2; 0.5 piles hubs up at the centre
_HUB = 1.0


def force_layout(g: nx.Graph, seed: int = 42, iterations: int | None = None) -> dict:
    """Positions ``{node: (x, y)}`` in pixels (rounded to integers) for every node of ``g``.

    Parameters
    ----------
    g : networkx graph
        Any graph; directions and parallel edges are ignored. Not changed.
    seed : int
        Seed of the initial placement.
    iterations : int, optional
        Force iterations; by default 120, fewer on very large cores.

    Examples
    --------
    >>> import networkx as nx
    >>> pos = force_layout(nx.path_graph(4), seed=1)
    >>> sorted(pos) == [0, 1, 2, 3], pos == force_layout(nx.path_graph([3, 2, 1, 0]), seed=1)
    (True, True)
    """
    order = sorted(g.nodes, key=_sort_key)
    h = nx.Graph()
    h.add_nodes_from(order)
    h.add_edges_from((u, v) for u, v in sorted(g.edges(), key=lambda e: (_sort_key(e[0]), _sort_key(e[1])))
                     if u != v)
    parts = [_component_layout(h, sorted(c, key=_sort_key), seed, iterations) for c in nx.connected_components(h)]
    # largest first, ties by their first node: a stable order whatever the input order
    parts.sort(key=lambda p: (-len(p), _sort_key(min(p, key=_sort_key))))
    out = _pack(parts)
    return {node: (int(round(x * SPACING)), int(round(y * SPACING))) for node, (x, y) in out.items()}


def _component_layout(h: nx.Graph, members: list, seed: int, iterations: int | None) -> dict:
    """Positions (units of k) of one connected component, centred on the origin."""
    import numpy as np

    if len(members) == 1:
        return {members[0]: (0.0, 0.0)}
    # a leaf hangs off a neighbour that is not itself a leaf (a lone pair stays in the core)
    parent = {n: next(iter(h[n])) for n in members if h.degree(n) == 1}
    parent = {n: p for n, p in parent.items() if h.degree(p) > 1}
    core = [n for n in members if n not in parent]
    index = {n: i for i, n in enumerate(core)}
    leaves: dict = {}
    for n, p in parent.items():
        leaves.setdefault(p, []).append(n)

    # hubs repel more (by degree, leaves included, as in ForceAtlas2) so that hubs that
    # share many papers and their leaf fans get room instead of piling up at the centre
    charge = np.array([(1.0 + h.degree(n)) ** _HUB for n in core])
    # not h.subgraph(core).edges(): a subgraph view smaller than half the graph iterates
    # its node *set*, whose order follows the hash seed
    pairs = [(index[u], index[v]) for u, v in h.edges(core) if u in index and v in index]
    ei = np.array([i for i, _ in pairs], dtype=np.int64)
    ej = np.array([j for _, j in pairs], dtype=np.int64)
    n = len(core)
    if iterations is None:
        iterations = int(max(30, min(120, _PAIR_BUDGET / max(n * min(n, _PIVOTS if n > _EXACT else n), 1))))
    pos = _fruchterman_reingold(n, ei, ej, charge, seed, iterations)

    out = {node: (float(pos[index[node]][0]), float(pos[index[node]][1])) for node in core}
    for p, kids in leaves.items():
        _fan(out, p, kids, [out[q] for q in h[p] if q in index])
    return out


def _pack(parts: list[dict]) -> dict:
    """The largest component at the origin, the others in rows beneath it (shelf packing)."""
    out: dict = {}
    if not parts:
        return out
    boxes = []
    for p in parts:
        xs = [x for x, _ in p.values()]
        ys = [y for _, y in p.values()]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    out.update(parts[0])
    x0, _, x1, y1 = boxes[0]
    gap = 1.0
    row_width = max(x1 - x0, 12.0)
    cx, cy, row_h = x0, y1 + 2 * gap, 0.0
    for p, (bx0, by0, bx1, by1) in zip(parts[1:], boxes[1:]):
        w, hgt = bx1 - bx0, by1 - by0
        if cx > x0 and cx + w > x0 + row_width:
            cx, cy, row_h = x0, cy + row_h + gap, 0.0
        for node, (x, y) in p.items():
            out[node] = (x - bx0 + cx, y - by0 + cy)
        cx += w + gap
        row_h = max(row_h, hgt)
    return out


def _fruchterman_reingold(n, ei, ej, charge, seed, iterations):
    """FR with k = 1: repulsion k^2/d (times both charges), attraction d^2/k along edges,
    a pull to the centre, linear cooling.

    Above ``_EXACT`` nodes the repulsion each node feels is estimated from a fresh random
    sample of ``_PIVOTS`` nodes per iteration (their charges scaled up to the total), so an
    iteration costs n x _PIVOTS instead of n x n.
    """
    import numpy as np

    rng = np.random.default_rng(seed)
    side = math.sqrt(n)
    x = rng.random(n) * side
    y = rng.random(n) * side
    if n == 1:
        return np.stack([x, y], axis=1)
    temp = side / 10.0
    cool = temp / (iterations + 1)
    total = float(charge.sum())
    # a weak pull of constant strength towards the centre, as ForceAtlas2 has, so that loose
    # branches do not drift off; components are laid out one by one, so it need not hold
    # them together (a strong pull squeezes clusters into one uniform disc)
    gravity = _GRAVITY * total / side
    for _ in range(iterations):
        if n > _EXACT:
            src = np.sort(rng.choice(n, size=_PIVOTS, replace=False))
            q = charge[src] * (total / float(charge[src].sum()))
        else:
            src = slice(None)
            q = charge
        sx, sy = x[src], y[src]
        fx = np.empty(n)
        fy = np.empty(n)
        for lo in range(0, n, _BLOCK):
            hi = min(lo + _BLOCK, n)
            dx = x[lo:hi, None] - sx[None, :]
            dy = y[lo:hi, None] - sy[None, :]
            w = dx * dx
            w += dy * dy
            np.maximum(w, 1e-4, out=w)
            np.divide(q[None, :], w, out=w)
            fx[lo:hi] = np.einsum("ij,ij->i", w, dx) * charge[lo:hi]
            fy[lo:hi] = np.einsum("ij,ij->i", w, dy) * charge[lo:hi]
        if len(ei):
            dx = x[ei] - x[ej]
            dy = y[ei] - y[ej]
            d = np.sqrt(dx * dx + dy * dy)
            px, py = dx * d, dy * d
            fx -= np.bincount(ei, weights=px, minlength=n) - np.bincount(ej, weights=px, minlength=n)
            fy -= np.bincount(ei, weights=py, minlength=n) - np.bincount(ej, weights=py, minlength=n)
        ox, oy = x - x.mean(), y - y.mean()
        pull = gravity * charge / np.maximum(np.sqrt(ox * ox + oy * oy), 1e-9)
        fx -= ox * pull
        fy -= oy * pull
        length = np.maximum(np.sqrt(fx * fx + fy * fy), 1e-9)
        step = np.minimum(length, temp) / length
        x += fx * step
        y += fy * step
        temp -= cool
    return np.stack([x - x.mean(), y - y.mean()], axis=1)


def _fan(out: dict, parent, kids: list, others: list) -> None:
    """Place ``kids`` on an arc around ``parent``, centred opposite its other neighbours."""
    px, py = out[parent]
    if others:
        dx = sum(x for x, _ in others) / len(others) - px
        dy = sum(y for _, y in others) / len(others) - py
        facing = math.atan2(-dy, -dx) if dx or dy else 0.0
    else:
        facing = 0.0
    m = len(kids)
    # the arc widens with the number of leaves, up to a full circle; the radius then grows
    # so that neighbouring leaves stay _LEAF_GAP apart
    arc = min(2 * math.pi, 0.45 * m)
    radius = max(_LEAF_RADIUS, _LEAF_GAP * m / arc) if m > 1 else _LEAF_RADIUS
    for i, kid in enumerate(kids):
        if arc >= 2 * math.pi:
            a = facing + 2 * math.pi * i / m
        else:
            a = facing + (arc * (i + 0.5) / m - arc / 2)
        out[kid] = (px + radius * math.cos(a), py + radius * math.sin(a))


def _sort_key(node):
    return (type(node).__name__, str(node))
