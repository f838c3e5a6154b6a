"""GEXF (Gephi): the GraphML copy (lists flattened, None dropped), with GEXF's reserved names moved aside.

GEXF gives some attribute names a meaning of its own: an edge's ``start``/``end`` are
times (kg's are character offsets into the text), ``weight``, ``type`` and ``id`` are
XML attributes. Such attributes are written as ``kg_<name>`` instead. A node's ``label``
is GEXF's node label; an edge's GEXF label is its relation (what Gephi shows on it).
Edge keys are kept (networkx writes them as ``networkx_key`` and reads them back).
"""
from __future__ import annotations

import io
import re

from .atomic import atomic_write_bytes
from .graphml import to_graphml_graph

__all__ = ["to_gexf_graph", "write_gexf", "RESERVED_NODE", "RESERVED_EDGE", "PREFIX"]

#: Attribute names networkx's GEXF writer takes for itself (``label`` is not here for
#: nodes: a node's label *is* the GEXF label).
RESERVED_NODE = frozenset({"id", "pid", "start", "end", "viz", "parents", "spells", "slices", "networkx_key"})
RESERVED_EDGE = frozenset({"id", "label", "weight", "type", "start", "end", "viz", "spells", "slices",
                           "networkx_key"})
#: What a reserved name is prefixed with.
PREFIX = "kg_"


def _rename(d: dict, reserved) -> dict:
    return {(PREFIX + k if k in reserved else k): v for k, v in d.items()}


def to_gexf_graph(g):
    """A copy of ``g`` that networkx's GEXF writer writes faithfully.

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
    flat = to_graphml_graph(g)
    h = type(flat)()
    h.graph.update(flat.graph)
    for n, d in flat.nodes(data=True):
        h.add_node(n, **_rename(d, RESERVED_NODE))
    for u, v, k, d in flat.edges(keys=True, data=True):
        attrs = _rename(d, RESERVED_EDGE)
        if "relation" in d:
            attrs["label"] = d["relation"]
        h.add_edge(u, v, key=k, **attrs)
    return h


#: networkx stamps ``<meta lastmodifieddate="today">``: dropped, so that the same graph
#: gives the same bytes on any day (the attribute is optional in GEXF).
_DATE = re.compile(rb' lastmodifieddate="[^"]*"')


def write_gexf(g, path, **options) -> None:
    """Write ``g`` as GEXF 1.2 to ``path``, atomically; ``options`` (``base_iri``...) are
    for other formats and ignored."""
    import networkx as nx

    buf = io.BytesIO()
    nx.write_gexf(to_gexf_graph(g), buf, encoding="utf-8", prettyprint=True)
    data = buf.getvalue()
    head = _DATE.sub(b"", data[:1024], count=1)  # the meta element opens the file
    atomic_write_bytes(path, head + data[1024:])
