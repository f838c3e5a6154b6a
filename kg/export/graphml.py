"""GraphML (Gephi, Cytoscape), written element by element: memory does not grow with the graph.

Values GraphML cannot hold are flattened (:func:`flat_value`): lists of strings are joined
with :data:`LIST_SEPARATOR`, other lists and dicts become JSON text, and ``None`` is left
out. The file is, byte for byte, what ``nx.write_graphml_xml(to_graphml_graph(g), ...,
prettyprint=True)`` writes (ElementTree's escaping and two-space indentation, keys named
``d0``, ``d1``... in the order their attributes are first met, listed last key first), but
no copy of the graph and no XML tree is made: one pass over the attributes finds the keys,
a second writes the elements.
"""
from __future__ import annotations

import json
import sys

import networkx as nx

from .atomic import atomic_write

__all__ = ["to_graphml_graph", "write_graphml", "iter_graphml", "flat_value", "LIST_SEPARATOR"]

#: Lists of strings become one string joined by this separator ("GRPO | Group ...").
LIST_SEPARATOR = " | "

#: Python type -> GraphML ``attr.type``, as networkx writes them (an int is a Java ``long``,
#: a float a ``double``); bool must be looked up by exact type, since it is an int too.
_XML_TYPE = {str: "string", int: "long", float: "double", bool: "boolean"}
#: graph attributes networkx's writer does not write as data (it reads them as key defaults)
_NOT_DATA = ("node_default", "edge_default")
#: elements (nodes or edges) whose text is gathered before one write to the file: large
#: enough that writes are few, small enough that the buffer stays a few hundred kB
_CHUNK = 1000
#: distinct edge keys whose escaped text is remembered (kg's keys are its nine relations;
#: bounded so that a graph keyed by unique ids does not grow a cache)
_KEY_CACHE = 256

_NS = ('xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
       'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
       'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd"')


def flat_value(v):
    """A value GraphML can hold: lists and dicts as text, anything else unchanged.

    >>> flat_value(["GRPO", "Group Relative Policy Optimization"])
    'GRPO | Group Relative Policy Optimization'
    >>> flat_value({"b": 1, "a": [2]}), flat_value([1, "x"]), flat_value(0.5)
    ('{"a": [2], "b": 1}', '[1, "x"]', 0.5)
    """
    if isinstance(v, (list, tuple, set)):
        items = sorted(v) if isinstance(v, set) else list(v)
        if all(isinstance(x, str) for x in items):
            return LIST_SEPARATOR.join(items)
        return json.dumps(items, sort_keys=True, ensure_ascii=False)
    if isinstance(v, dict):
        return json.dumps(v, sort_keys=True, ensure_ascii=False)
    return v


_flat = flat_value  # the name kg.export.gexf and older code use


def to_graphml_graph(g: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """A copy that GraphML can hold: every attribute a str, int, float or bool; no None.

    Lists of strings are joined with :data:`LIST_SEPARATOR`, other lists and dicts become
    JSON text; an attribute a node does not have stays absent (no default is declared).
    :func:`write_graphml` writes the same file without making this copy.
    """
    h = nx.MultiDiGraph()
    h.graph.update({k: _flat(v) for k, v in g.graph.items() if v is not None})
    for n, d in g.nodes(data=True):
        h.add_node(n, **{k: _flat(v) for k, v in d.items() if v is not None})
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **{a: _flat(x) for a, x in d.items() if x is not None})
    return h


# -- the writer -----------------------------------------------------------------------------


def _xml_type(v) -> str:
    """GraphML type name of a flattened value (what networkx would declare for it)."""
    t = type(v)
    name = _XML_TYPE.get(t)
    if name is not None:
        return name
    if isinstance(v, (list, tuple, set, dict)):
        return "string"  # flattened to text
    np = sys.modules.get("numpy")  # numpy values are possible only if numpy is loaded
    if np is not None and isinstance(v, (np.floating, np.integer)) and not isinstance(v, np.longdouble):
        return "float" if isinstance(v, np.floating) else "int"
    raise nx.NetworkXError(f"GraphML writer does not support {t} as data values.")


def _text(s: str) -> str:
    """Character data escaped as ElementTree escapes it (``&``, ``<``, ``>``)."""
    if "&" in s:
        s = s.replace("&", "&amp;")
    if "<" in s:
        s = s.replace("<", "&lt;")
    if ">" in s:
        s = s.replace(">", "&gt;")
    return s


def _attr(s: str) -> str:
    """An attribute value escaped as ElementTree escapes it (also ``"``, CR, LF and tab)."""
    s = _text(s)
    if '"' in s:
        s = s.replace('"', "&quot;")
    if "\r" in s:
        s = s.replace("\r", "&#13;")
    if "\n" in s:
        s = s.replace("\n", "&#10;")
    if "\t" in s:
        s = s.replace("\t", "&#09;")
    return s


def _graph_data(g) -> tuple[object, dict]:
    """The graph's id (or None) and the graph attributes written as data."""
    data = {k: _flat(v) for k, v in g.graph.items() if v is not None}
    graph_id = data.pop("id", None)
    return graph_id, {k: v for k, v in data.items() if k not in _NOT_DATA}


def _edges(g):
    """``(u, v, key, data)`` of every edge in ``g.edges`` order (key None in a graph without keys)."""
    if g.is_multigraph() and g.is_directed():
        # the adjacency dicts themselves, in the order g.edges(keys=True, data=True) walks them
        return ((u, v, k, d) for u, nbrs in g.adjacency() for v, keyed in nbrs.items() for k, d in keyed.items())
    if g.is_multigraph():
        return g.edges(keys=True, data=True)
    return ((u, v, None, d) for u, v, d in g.edges(data=True))


def _find_keys(g, graph_data: dict) -> tuple[dict, dict]:
    """The keys, numbered in the order networkx numbers them (the graph's attributes, then
    each node's, then each edge's, in graph order).

    Returns ``{(scope, name, python type): key id}`` and ``{(scope, name, GraphML type):
    key id}`` (two Python types, a list and a str, may share one key).
    """
    keys: dict = {}
    ids: dict = {}
    for scope, dicts in (("graph", (graph_data,)), ("node", (d for _, d in g.nodes(data=True))),
                         ("edge", (d for *_, d in _edges(g)))):
        for d in dicts:
            for k, v in d.items():
                if v is None or (scope, k, type(v)) in keys:
                    continue
                xml = (scope, str(k), _xml_type(v))
                if xml not in ids:
                    ids[xml] = f"d{len(ids)}"
                keys[(scope, k, type(v))] = ids[xml]
    return keys, ids


def _data_lines(d: dict, prefixes: dict, out: list) -> None:
    """Append the ``<data>`` elements of one node, edge or graph to ``out``; ``prefixes``
    maps (name, Python type) to the element's opening text up to its ``>``."""
    for k, v in d.items():
        if v is None:
            continue
        t = type(v)
        prefix = prefixes[k, t]
        s = v if t is str else str(v) if t is int or t is float else str(_flat(v))
        if s:
            if "&" in s or "<" in s or ">" in s:
                s = _text(s)
            out.append(f"{prefix}>{s}</data>\n")
        else:
            out.append(f"{prefix} />\n")


def iter_graphml(g: nx.MultiDiGraph):
    """The GraphML text of ``g`` in pieces (each a few hundred kB at most).

    >>> g = nx.MultiDiGraph(name="kg")
    >>> g.add_node("method:grpo", type="Method", aliases=["GRPO", "Group Relative PO"], note=None)
    >>> print("".join(iter_graphml(g)), end="")  # doctest: +NORMALIZE_WHITESPACE
    <?xml version='1.0' encoding='utf-8'?>
    <graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">
      <key id="d2" for="node" attr.name="aliases" attr.type="string" />
      <key id="d1" for="node" attr.name="type" attr.type="string" />
      <key id="d0" for="graph" attr.name="name" attr.type="string" />
      <graph edgedefault="directed">
        <node id="method:grpo">
          <data key="d1">Method</data>
          <data key="d2">GRPO | Group Relative PO</data>
        </node>
        <data key="d0">kg</data>
      </graph>
    </graphml>
    """
    graph_id, graph_data = _graph_data(g)
    keys, ids = _find_keys(g, graph_data)
    head = ["<?xml version='1.0' encoding='utf-8'?>\n<graphml ", _NS, ">\n"]
    for (scope, name, xml), kid in reversed(ids.items()):  # networkx inserts each new key first
        head.append(f'  <key id="{kid}" for="{scope}" attr.name="{_attr(name)}" attr.type="{xml}" />\n')
    edgedefault = "directed" if g.is_directed() else "undirected"
    opening = f'  <graph edgedefault="{edgedefault}"' + (f' id="{_attr(str(graph_id))}"' if graph_id is not None else "")
    if not graph_data and g.number_of_nodes() == 0:
        head.append(opening + " />\n</graphml>\n")
        yield "".join(head)
        return
    head.append(opening + ">\n")
    yield "".join(head)

    prefixes = {scope: {(name, t): f'{"    " if scope == "graph" else "      "}<data key="{kid}"'
                        for (sc, name, t), kid in keys.items() if sc == scope} for scope in ("graph", "node", "edge")}
    out: list = []
    count = 0
    for n, d in g.nodes(data=True):
        if any(v is not None for v in d.values()):
            out.append(f'    <node id="{_attr(str(n))}">\n')
            _data_lines(d, prefixes["node"], out)
            out.append("    </node>\n")
        else:
            out.append(f'    <node id="{_attr(str(n))}" />\n')
        count += 1
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    last_u, source = None, ""
    key_ids: dict = {}  # escaped text of edge keys, while there are few distinct ones
    for u, v, k, d in _edges(g):
        if u is not last_u:  # edges come grouped by source
            last_u, source = u, f'    <edge source="{_attr(str(u))}" target="'
        tag = source + _attr(str(v)) + '"'
        if k is not None:
            kid = key_ids.get((type(k), k))  # the type too: 1 and True are one dict key
            if kid is None:
                kid = f' id="{_attr(str(k))}"'
                if len(key_ids) < _KEY_CACHE:
                    key_ids[type(k), k] = kid
            tag += kid
        if any(x is not None for x in d.values()):
            out.append(tag + ">\n")
            _data_lines(d, prefixes["edge"], out)
            out.append("    </edge>\n")
        else:
            out.append(tag + " />\n")
        count += 1
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    _data_lines(graph_data, prefixes["graph"], out)
    out.append("  </graph>\n</graphml>\n")
    yield "".join(out)


def write_graphml(g: nx.MultiDiGraph, path, **_options) -> None:
    """Write ``g`` as GraphML to ``path``, atomically, element by element.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        The graph; not changed, not copied.
    path : str or Path
        The file to write.
    **_options
        Options meant for other exporters (``base_iri``...), ignored.

    Notes
    -----
    Text is encoded as UTF-8; a character UTF-8 cannot encode (an unpaired surrogate) is
    written as a character reference, as ElementTree does.
    """
    with atomic_write(path, "wb") as f:
        for piece in iter_graphml(g):
            f.write(piece.encode("utf-8", "xmlcharrefreplace"))
