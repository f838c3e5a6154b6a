"""Find a node by what a person types: its id, label, alias or paper id, case-insensitively."""
from __future__ import annotations

import difflib

from ..errors import NotFoundError
from ..textnorm import norm_name
from ._common import canonical_type

__all__ = ["find_node", "AmbiguousNameError", "describe"]

#: How many close matches a NotFoundError suggests, and how close they must be
#: (difflib ratio; 0.6 is difflib's own default and keeps "GPRO" -> "GRPO").
MAX_SUGGESTIONS = 5
SUGGESTION_CUTOFF = 0.6


class AmbiguousNameError(NotFoundError):
    """A name that several nodes carry; ``candidates`` holds their ids, sorted.

    The suggestions show each id with the node's first alias (the long form that told
    the nodes apart, for acronyms) or, failing that, its type.
    """

    def __init__(self, name: str, candidates, g=None):
        self.candidates = sorted(candidates, key=str)
        shown = []
        for node in self.candidates:
            d = g.nodes[node] if g is not None else {}
            hint = (d.get("aliases") or [d.get("type")])[0] if d else None
            shown.append(f"{node} ({hint})" if hint else str(node))
        super().__init__(f"{name!r} names {len(self.candidates)} nodes; give a node id", suggestions=shown)


def describe(g, node) -> str:
    """``label [Type]``: how commands name a node to people.

    >>> from kg.analytics.example import example_graph
    >>> describe(example_graph(), "method:grpo")
    'GRPO [Method]'
    """
    d = g.nodes[node]
    return f"{d.get('label', node)} [{d.get('type', '?')}]"


def _names(node, d):
    """Every string a node answers to, in the order they are tried."""
    yield "label", d.get("label", "")
    for alias in d.get("aliases") or ():
        yield "alias", alias
    if d.get("paper_id"):
        yield "label", d["paper_id"]


def find_node(g, name: str, type: str | None = None):
    """The node that ``name`` denotes.

    A node id matches as given. Otherwise labels (and paper ids) are compared with
    :func:`kg.textnorm.norm_name` (case, dashes and spacing ignored); aliases are tried
    only when no label matches.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph that follows :mod:`kg.graph.schema`.
    name : str
        A node id, label, alias or paper id.
    type : str, optional
        Only nodes of this type (``"Method"``...) match.

    Returns
    -------
    node
        The node id.

    Raises
    ------
    AmbiguousNameError
        More than one node matches equally well (the candidates are in the message).
    kg.errors.NotFoundError
        Nothing matches; the message suggests close names.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> g = example_graph()
    >>> find_node(g, "grpo"), find_node(g, "Group Relative Policy Optimization")
    ('method:grpo', 'method:grpo')
    >>> find_node(g, "GPRO")
    Traceback (most recent call last):
    ...
    kg.errors.NotFoundError: no node named 'GPRO'; did you mean: GRPO
    """
    type = canonical_type(type, g)
    if name in g and (type is None or g.nodes[name].get("type") == type):
        return name
    key = norm_name(name)
    found: dict[str, set] = {"label": set(), "alias": set()}
    for node, d in g.nodes(data=True):
        if type is not None and d.get("type") != type:
            continue
        for kind, text in _names(node, d):
            if norm_name(text) == key:
                found[kind].add(node)
    for kind in ("label", "alias"):
        if len(found[kind]) == 1:
            return next(iter(found[kind]))
        if found[kind]:
            raise AmbiguousNameError(name, found[kind], g)
    what = f"no {type} node" if type else "no node"
    raise NotFoundError(f"{what} named {name!r}", suggestions=_suggest(g, key, type))


def _suggest(g, key: str, type: str | None) -> list[str]:
    """Close labels and aliases, best first, one per node, each shown as written in the graph."""
    owner: dict[str, tuple] = {}
    for node, d in sorted(g.nodes(data=True), key=lambda nd: str(nd[0])):
        if type is not None and d.get("type") != type:
            continue
        for _, text in _names(node, d):
            owner.setdefault(norm_name(text), (node, text))
    keys = difflib.get_close_matches(key, sorted(owner), n=4 * MAX_SUGGESTIONS, cutoff=SUGGESTION_CUTOFF)
    out: list[str] = []
    nodes = set()
    for k in keys:
        node, text = owner[k]
        if node not in nodes and text not in out:
            nodes.add(node)
            out.append(text)
    return out[:MAX_SUGGESTIONS]
