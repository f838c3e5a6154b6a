"""View: choose what a page shows. Find a node by name, cut out its neighbourhood.

Pure functions over the graph; :func:`show` is the one call behind ``kg show``.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from pathlib import Path

import networkx as nx

from ..errors import BuildError, NotFoundError
from ..graph.schema import NODE_TYPES

__all__ = ["find_node", "close_matches", "neighbourhood", "node_names", "load_graph", "parse_types", "show",
           "ShowResult"]

#: how many close matches an unknown name reports
_SUGGESTIONS = 6
#: difflib similarity a suggestion needs (0.6 is difflib's default; a little lower finds
#: "reinforcment lerning" for "reinforcement learning" and still skips unrelated names)
_CUTOFF = 0.55


def _fold(s: str) -> str:
    return " ".join(str(s).casefold().split())


def node_names(g: nx.Graph, node) -> list[str]:
    """The names a node answers to: its label, then its aliases (as stored).

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("method:grpo", type="Method", label="GRPO", aliases=["Group Relative Policy Optimization"])
    >>> node_names(g, "method:grpo")
    ['GRPO', 'Group Relative Policy Optimization']
    """
    d = g.nodes[node]
    names = [str(d.get("label", node))]
    for a in d.get("aliases", ()) or ():
        if str(a) not in names:
            names.append(str(a))
    return names


def find_node(g: nx.Graph, name: str):
    """The node called ``name``: a node id, a label or an alias, compared case-insensitively
    (runs of white space count as one space).

    A label match beats an alias match; among several, the node with most edges wins,
    then the smallest id.

    Raises
    ------
    NotFoundError
        No node has that name; ``suggestions`` lists close matches.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("method:grpo", type="Method", label="GRPO", aliases=["Group Relative Policy Optimization"])
    >>> find_node(g, "group relative  policy optimization")
    'method:grpo'
    >>> find_node(g, "GRPQ")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no node named 'GRPQ'; did you mean: GRPO
    """
    if name in g:
        return name
    want = _fold(name)
    best = None
    for n in g.nodes:
        names = node_names(g, n)
        if _fold(names[0]) == want:
            rank = 0
        elif any(_fold(a) == want for a in names[1:]):
            rank = 1
        else:
            continue
        key = (rank, -g.degree(n), str(n))
        if best is None or key < best[0]:
            best = (key, n)
    if best is None:
        raise NotFoundError(f"no node named {name!r}", suggestions=close_matches(g, name))
    return best[1]


def close_matches(g: nx.Graph, name: str, n: int = _SUGGESTIONS) -> list[str]:
    """Names in ``g`` that look like ``name`` (difflib), best first; then names containing it.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("concept:rl", type="Concept", label="reinforcement learning")
    >>> g.add_node("concept:drl", type="Concept", label="deep reinforcement learning")
    >>> close_matches(g, "reinforcment learning")
    ['reinforcement learning', 'deep reinforcement learning']
    """
    display: dict[str, str] = {}
    for node in sorted(g.nodes, key=str):
        for s in node_names(g, node):
            display.setdefault(_fold(s), s)
    want = _fold(name)
    keys = sorted(display)
    found = difflib.get_close_matches(want, keys, n=n, cutoff=_CUTOFF)
    if want and len(found) < n:
        found += [k for k in sorted(keys, key=lambda k: (len(k), k)) if want in k and k not in found][: n - len(found)]
    return [display[k] for k in found]


def parse_types(values) -> list[str] | None:
    """Node type names from ``["Paper,Method", "concept"]`` (any case) -> canonical names.

    >>> parse_types(["paper,Method", "concept"])
    ['Paper', 'Method', 'Concept']
    >>> parse_types([]) is None
    True
    """
    known = {t.casefold(): t for t in NODE_TYPES}
    out: list[str] = []
    for v in values or ():
        for part in str(v).split(","):
            part = part.strip()
            if not part:
                continue
            if part.casefold() not in known:
                raise NotFoundError(f"unknown node type {part!r}; choose from {', '.join(NODE_TYPES)}",
                                    suggestions=difflib.get_close_matches(part, list(NODE_TYPES), n=2, cutoff=0.5))
            if known[part.casefold()] not in out:
                out.append(known[part.casefold()])
    return out or None


def neighbourhood(g: nx.MultiDiGraph, centre, depth: int = 1, types=None) -> nx.MultiDiGraph:
    """The nodes within ``depth`` edges of ``centre`` (either direction) and every edge among
    them, as a new graph (``g`` is not changed).

    With ``types``, the walk only enters nodes of those types (the centre is always kept),
    so ``types=["Paper", "Method"]`` around a concept gives its papers and their methods.

    >>> g = nx.MultiDiGraph()
    >>> _ = g.add_edge("p1", "c", relation="about"), g.add_edge("p1", "m", relation="uses")
    >>> nx.set_node_attributes(g, {"p1": "Paper", "c": "Concept", "m": "Method"}, "type")
    >>> sorted(neighbourhood(g, "c", depth=1)), sorted(neighbourhood(g, "c", depth=2))
    (['c', 'p1'], ['c', 'm', 'p1'])
    >>> sorted(neighbourhood(g, "c", depth=2, types=["Method"]))
    ['c']
    """
    if depth < 0:
        raise ValueError("depth must be 0 or more")
    allowed = set(types) if types else None
    seen = {centre}
    frontier = [centre]
    for _ in range(depth):
        nxt = []
        for u in frontier:
            for v in sorted(nx.all_neighbors(g, u), key=str):
                if v in seen or (allowed is not None and g.nodes[v].get("type") not in allowed):
                    continue
                seen.add(v)
                nxt.append(v)
        frontier = nxt
    return g.subgraph(seen).copy()


def load_graph(target) -> tuple[nx.MultiDiGraph, Path]:
    """The saved graph of a build: ``target`` is a build directory (holding kg.json) or a kg.json file."""
    from ..export.nodelink import read_nodelink

    path = Path(target)
    if path.is_dir():
        path = path / "kg.json"
        if not path.is_file():
            raise BuildError(f"{target}: no kg.json in this directory (run `kg build ... -o {target}` first)")
    elif not path.is_file():
        raise BuildError(f"{target}: no such build directory or kg.json file")
    try:
        return read_nodelink(path), path
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BuildError(f"{path}: not a saved kg graph ({exc.__class__.__name__}: {exc})") from None


@dataclass
class ShowResult:
    path: Path
    node: object
    label: str
    graph: nx.MultiDiGraph


def show(target, name: str, out=None, depth: int = 1, types=None, **html_options) -> ShowResult:
    """Write the neighbourhood of the node called ``name`` in the build ``target`` as a page.

    ``types`` is a list of node type names, each possibly comma-separated, in any case
    (see :func:`parse_types`). ``out`` defaults to ``<slug of the name>.html`` in the current directory. Returns what
    was written; raises :class:`~kg.errors.NotFoundError` for an unknown name or type.
    """
    from ..export.html import write_html
    from ..textnorm import slug

    types = parse_types(types)
    g, _ = load_graph(target)
    node = find_node(g, name)
    sub = neighbourhood(g, node, depth=depth, types=types)
    label = str(g.nodes[node].get("label", node))
    path = Path(out) if out is not None else Path(f"{slug(label, max_len=60)}.html")
    what = f"depth {depth}" + (f", {', '.join(types)}" if types else "")
    write_html(sub, path, title=f"{label}: neighbourhood ({what})", focus=node, **html_options)
    return ShowResult(path, node, label, sub)
