"""GEXF (Gephi): the GraphML flattening (lists as text, None dropped), GEXF's reserved names moved aside, written element by element.

GEXF gives some attribute names a meaning of its own: an edge's ``start``/``end`` are
times (kg's are character offsets into the text), ``weight``, ``type`` and ``id`` are
XML attributes. Such attributes are written as ``kg_<name>`` instead. A node's ``label``
is GEXF's node label; an edge's GEXF label is its relation (what Gephi shows on it).
Edge keys are kept (as networkx writes them, in the attribute ``networkx_key``, which
networkx reads back as the key).

The file is, byte for byte, what ``nx.write_gexf(to_gexf_graph(g), ..., prettyprint=True)``
writes without its ``lastmodifieddate`` (so that the same graph gives the same bytes on
any day), but neither the copy nor the XML tree is made: one pass over the attributes
declares them, a second writes the elements.
"""
from __future__ import annotations

import networkx as nx

from .atomic import atomic_write
from .graphml import _attr, _flat, _text

__all__ = ["to_gexf_graph", "write_gexf", "iter_gexf", "RESERVED_NODE", "RESERVED_EDGE", "PREFIX"]

#: Attribute names networkx's GEXF writer takes for itself (``label`` is not here for
#: nodes: a node's label *is* the GEXF label).
RESERVED_NODE = frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices", "networkx_key"})
RESERVED_EDGE = frozenset({"id", "label", "weight", "type", "start", "end", "viz", "spells", "slices",
                           "networkx_key"})
#: What a reserved name is prefixed with.
PREFIX = "kg_"

#: Python type -> GEXF attribute type, as networkx declares them (exact types: a bool is
#: not written as an int)
_GEXF_TYPE = {str: "string", int: "long", float: "double", bool: "boolean"}
#: types whose values are written as they are (the others are flattened first)
_SCALARS = frozenset({str, int, float, bool})
#: GEXF's spelling of the float values Python writes as inf, -inf and nan
_FLOAT_WORDS = {"inf": "INF", "-inf": "-INF", "nan": "NaN"}
#: elements gathered before one write to the file
_CHUNK = 1000

_HEAD = ("<?xml version='1.0' encoding='utf-8'?>\n"
         '<gexf xmlns="http://www.gexf.net/1.2draft" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
         'xsi:schemaLocation="http://www.gexf.net/1.2draft http://www.gexf.net/1.2draft/gexf.xsd" version="1.2">\n'
         "  <meta>\n    <creator>{creator}</creator>\n  </meta>\n")


def _node_attrs(d: dict) -> dict:
    """A node's attributes as GEXF gets them (flattened, reserved names moved aside)."""
    return {(PREFIX + k if k in RESERVED_NODE else k): (v if type(v) in _SCALARS else _flat(v))
            for k, v in d.items() if v is not None}


def _edge_attrs(d: dict) -> dict:
    """An edge's attributes as GEXF gets them; its relation is its label too."""
    attrs = {(PREFIX + k if k in RESERVED_EDGE else k): (v if type(v) in _SCALARS else _flat(v))
             for k, v in d.items() if v is not None}
    relation = d.get("relation")
    if relation is not None:
        attrs["label"] = relation if type(relation) in _SCALARS else _flat(relation)
    return attrs


def to_gexf_graph(g):
    """A copy of ``g`` that networkx's GEXF writer writes faithfully (what :func:`write_gexf`
    writes, without making it).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("paper:p1", type="Paper", label="A paper", keywords=["x", "y"])
    >>> g.add_node("method:m", type="Method", label="M", aliases=[])
    >>> _ = g.add_edge("paper:p1", "method:m", key="uses", relation="uses", start=3, end=4)
    >>> h = to_gexf_graph(g)
    >>> h.nodes["paper:p1"]["keywords"], h.edges["paper:p1", "method:m", "uses"]
    ('x | y', {'relation': 'uses', 'kg_start': 3, 'kg_end': 4, 'label': 'uses'})
    """
    h = nx.MultiDiGraph()
    h.graph.update({k: _flat(v) for k, v in g.graph.items() if v is not None})
    for n, d in g.nodes(data=True):
        h.add_node(n, **_node_attrs(d))
    for u, v, k, d in g.edges(keys=True, data=True):
        h.add_edge(u, v, key=k, **_edge_attrs(d))
    return h


# -- the writer -----------------------------------------------------------------------------


def _gexf_type(v) -> str:
    name = _GEXF_TYPE.get(type(v))
    if name is not None:
        return name
    import sys

    np = sys.modules.get("numpy")  # numpy values are possible only if numpy is loaded
    if np is not None and isinstance(v, (np.floating, np.integer)) and not isinstance(v, np.longdouble):
        return "float" if isinstance(v, np.floating) else "int"
    raise TypeError(f"attribute value type is not allowed: {type(v)}")


def _value(v) -> str:
    """An attvalue's text, as networkx writes it."""
    t = type(v)
    if t is str:
        return v
    if t is bool:
        return "true" if v else "false"
    s = str(v)
    if t is float:
        return _FLOAT_WORDS.get(s, s)
    return s


def _edges(g):
    """``(u, v, key, GEXF attributes)`` of each edge, in ``g.edges`` order; the key is the
    last attribute (``networkx_key``) unless the edge has an attribute named ``key``."""
    if g.is_multigraph():
        for u, v, k, d in g.edges(keys=True, data=True):
            attrs = _edge_attrs(d)
            attrs["key"] = k
            yield u, v, attrs
    else:
        for u, v, d in g.edges(data=True):
            yield u, v, _edge_attrs(d)


def _declare(g) -> tuple[dict, dict]:
    """``{title: (id, type)}`` for node and for edge attributes, numbered as networkx does
    (one counter, nodes first, in the order titles are first met; a title's type is that of
    its first value)."""
    nodes: dict = {}
    edges: dict = {}
    count = 0
    for _, d in g.nodes(data=True):
        attrs = _node_attrs(d)
        attrs.pop("label", None)
        for k, v in attrs.items():
            title = str(k)
            if title not in nodes:
                nodes[title] = (str(count), _gexf_type(v))
                count += 1
            elif type(v) not in _GEXF_TYPE:
                _gexf_type(v)  # raises for a type GEXF cannot hold
    for _, _, attrs in _edges(g):
        attrs.pop("label", None)
        for k, v in attrs.items():
            title = "networkx_key" if k == "key" else str(k)
            if title not in edges:
                edges[title] = (str(count), _gexf_type(v))
                count += 1
            elif type(v) not in _GEXF_TYPE:
                _gexf_type(v)
    return nodes, edges


def _element(head: str, tag: str, attrs: dict, decl: dict, out: list) -> None:
    """A node or edge element opened by ``head``: empty, or with its attribute values."""
    if attrs:
        out.append(head + ">\n")
        _attvalues(attrs, decl, "        ", out)
        out.append(f"      </{tag}>\n")
    else:
        out.append(head + " />\n")


def _attvalues(attrs: dict, declared: dict, indent: str, out: list) -> None:
    out.append(indent + "<attvalues>\n")
    for k, v in attrs.items():
        title = "networkx_key" if k == "key" else str(k)
        out.append(f'{indent}  <attvalue for="{declared[title][0]}" value="{_attr(_value(v))}" />\n')
    out.append(indent + "</attvalues>\n")


def iter_gexf(g):
    """The GEXF 1.2 text of ``g`` in pieces (each a few hundred kB at most).

    >>> g = nx.MultiDiGraph(name="kg")
    >>> g.add_node("method:grpo", type="Method", label="GRPO", start=3)
    >>> print("".join(iter_gexf(g)), end="")  # doctest: +NORMALIZE_WHITESPACE +ELLIPSIS
    <?xml version='1.0' encoding='utf-8'?>
    <gexf xmlns="http://www.gexf.net/1.2draft" ... version="1.2">
      <meta>
        <creator>NetworkX ...</creator>
      </meta>
      <graph defaultedgetype="directed" mode="static" name="kg">
        <attributes mode="static" class="node">
          <attribute id="0" title="type" type="string" />
          <attribute id="1" title="kg_start" type="long" />
        </attributes>
        <nodes>
          <node id="method:grpo" label="GRPO">
            <attvalues>
              <attvalue for="0" value="Method" />
              <attvalue for="1" value="3" />
            </attvalues>
          </node>
        </nodes>
        <edges />
      </graph>
    </gexf>
    """
    node_decl, edge_decl = _declare(g)
    graph = {k: _flat(v) for k, v in g.graph.items() if v is not None}
    mode = "dynamic" if graph.get("mode") == "dynamic" else "static"
    name = graph.get("name", "")
    out = [_HEAD.format(creator=_text(f"NetworkX {nx.__version__}")),
           f'  <graph defaultedgetype="{"directed" if g.is_directed() else "undirected"}" mode="{mode}" '
           f'name="{_attr(str(name))}">\n']
    # networkx puts each new attributes element first: the edges' come before the nodes'
    for cls, declared in (("edge", edge_decl), ("node", node_decl)):
        if declared:
            out.append(f'    <attributes mode="static" class="{cls}">\n')
            out += [f'      <attribute id="{i}" title="{_attr(title)}" type="{t}" />\n'
                    for title, (i, t) in declared.items()]
            out.append("    </attributes>\n")
    count = 0
    if g.number_of_nodes():
        out.append("    <nodes>\n")
        for n, d in g.nodes(data=True):
            attrs = _node_attrs(d)
            head = f'      <node id="{_attr(str(n))}" label="{_attr(str(attrs.pop("label", n)))}"'
            _element(head, "node", attrs, node_decl, out)
            count += 1
            if count % _CHUNK == 0:
                yield "".join(out)
                out.clear()
        out.append("    </nodes>\n")
    else:
        out.append("    <nodes />\n")
    edge_id = 0
    opened = False
    for u, v, attrs in _edges(g):
        if not opened:
            out.append("    <edges>\n")
            opened = True
        head = f'      <edge source="{_attr(str(u))}" target="{_attr(str(v))}" id="{edge_id}"'
        edge_id += 1
        if "label" in attrs:
            head += f' label="{_attr(str(attrs.pop("label")))}"'
        _element(head, "edge", attrs, edge_decl, out)
        count += 1
        if count % _CHUNK == 0:
            yield "".join(out)
            out.clear()
    out.append("    </edges>\n" if opened else "    <edges />\n")
    out.append("  </graph>\n</gexf>\n")
    yield "".join(out)


def write_gexf(g, path, **options) -> None:
    """Write ``g`` as GEXF 1.2 to ``path``, atomically, element by element; ``options``
    (``base_iri``...) are for other formats and ignored."""
    with atomic_write(path, "wb") as f:
        for piece in iter_gexf(g):
            f.write(piece.encode("utf-8", "xmlcharrefreplace"))
