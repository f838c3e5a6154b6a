"""The streamed GraphML and GEXF writers: the same bytes as networkx's writers on the
flattened copy, read back by networkx and python-igraph to the same graph, memory flat,
atomic. And kg.json: the bytes of ``json.dump`` of networkx's node-link data."""
from __future__ import annotations

import io
import os
import tracemalloc
from collections import Counter

import networkx as nx
import numpy as np
import pytest

from kg.analytics.example import example_graph
from kg.export.gexf import to_gexf_graph, write_gexf
from kg.export.graphml import LIST_SEPARATOR, flat_value, to_graphml_graph, write_graphml


def reference_bytes(g) -> bytes:
    """What kg wrote before it streamed: networkx's ElementTree writer on the flat copy."""
    buf = io.BytesIO()
    nx.write_graphml_xml(to_graphml_graph(g), buf, encoding="utf-8", prettyprint=True)
    return buf.getvalue()


def hostile_graph() -> nx.MultiDiGraph:
    """Every case the writer must get right: escapes in ids, names and values, a lone
    surrogate, empty text, nodes and edges without data, one attribute with several
    types, bools, floats, numpy scalars, nested lists, sets, dicts, None, a graph id."""
    g = nx.MultiDiGraph(name="k&g <test>", id="graph\"1\"", note=None, tags=["b", "a"])
    g.add_node('paper:"a"&<b>', type="Paper", label="Tabs\tand\nnew lines\r & <tags> \"quoted\"",
               abstract="", upvotes=3, score=0.25, flag=True, missing=None)
    # a lone surrogate (written as a character reference) and a control character (written
    # as it is), as networkx's writer does; kg's readers drop both from the text they read
    g.add_node("method:m1", type="Method", label="M\ud800 lone surrogate\x01", aliases=["M1", "Method one"],
               support=2, merged_by={"rule": "acronym", "with": ["x", 1]}, proposed_in=np.int64(1),
               weight=np.float64(0.5))
    g.add_node("method:m2", type="Method", label="M2", aliases=[], support="two", sources={"s2", "s1"},
               nested=[["a"], 1])
    g.add_node("bare")
    g.add_node(7, type="Concept", label="an integer id", aliases=("seven",), flag=False)
    g.add_edge('paper:"a"&<b>', "method:m1", key="uses", relation="uses", evidence="A & B < C > D", start=0,
               end=4, confidence=0.7, surface="M\ud800")
    g.add_edge('paper:"a"&<b>', "method:m1", key="proposes", relation="proposes", mentions=[1, 2])
    g.add_edge('paper:"a"&<b>', "method:m2", key="uses", relation="uses", start="3", end=None)
    g.add_edge("bare", 7, key="k\"\n")
    g.add_edge(7, "bare", key=0, rule="")
    g.add_edge("method:m2", 7, key=1)  # equal as dict keys, written "1" and "True"
    g.add_edge(7, "method:m2", key=True)
    return g


@pytest.mark.parametrize("make", [example_graph, hostile_graph, nx.MultiDiGraph,
                                  lambda: nx.MultiDiGraph(name="only graph data")],
                         ids=["example", "hostile", "empty", "graph-data-only"])
def test_bytes_are_networkx_writers_bytes(make, tmp_path):
    g = make()
    write_graphml(g, tmp_path / "g.graphml")
    assert (tmp_path / "g.graphml").read_bytes() == reference_bytes(g)


def test_seed_graphml_is_networkx_writers_bytes(seed_build):
    result, out = seed_build
    assert (out / "kg.graphml").read_bytes() == reference_bytes(result.graph)


def test_surrogates_become_character_references_and_other_text_is_escaped(tmp_path):
    write_graphml(hostile_graph(), tmp_path / "g.graphml")
    text = (tmp_path / "g.graphml").read_bytes().decode("utf-8")  # strict: valid UTF-8
    assert "M&#55296; lone surrogate\x01" in text
    assert '<node id="paper:&quot;a&quot;&amp;&lt;b&gt;">' in text
    assert "A &amp; B &lt; C &gt; D" in text
    assert 'id="k&quot;&#10;"' in text


def test_reads_back_in_networkx_as_the_flat_copy(tmp_path):
    g = hostile_graph()
    g.nodes["method:m1"]["label"] = "M1"  # a surrogate or a control character cannot come back,
    # nor a CR in text (XML parsers read it as a line end, as with networkx's own writer)
    g.nodes['paper:"a"&<b>']["label"] = "Tabs\tand\nnew lines & <tags> \"quoted\""
    g.edges['paper:"a"&<b>', "method:m1", "uses"]["surface"] = "M1"
    write_graphml(g, tmp_path / "g.graphml")
    back = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    flat = to_graphml_graph(g)
    assert list(back.nodes) == [str(n) for n in flat.nodes]
    for n, d in flat.nodes(data=True):
        want = {k: (float(v) if isinstance(v, np.floating) else int(v) if isinstance(v, np.integer) else v)
                for k, v in d.items()}
        assert back.nodes[str(n)] == want, n
    # networkx reads an edge id that looks like an integer as one
    got = sorted((u, v, str(k), tuple(sorted(d.items()))) for u, v, k, d in back.edges(keys=True, data=True))
    assert got == sorted((str(u), str(v), str(k), tuple(sorted(d.items())))
                         for u, v, k, d in flat.edges(keys=True, data=True))
    assert back.graph["name"] == "k&g <test>" and back.graph["tags"] == "b | a"


def test_seed_graphml_reads_back_in_igraph_with_every_attribute(seed_build):
    import igraph

    result, out = seed_build
    g = result.graph
    ig = igraph.Graph.Read_GraphML(str(out / "kg.graphml"))
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    ids = ig.vs["id"]
    assert ids == [str(n) for n in g.nodes]
    for vertex in ig.vs:
        d = g.nodes[vertex["id"]]
        for k, v in d.items():
            if v is None:
                continue
            assert vertex[k] == (flat_value(v) if isinstance(v, (list, tuple, set, dict)) else v), (vertex["id"], k)
    # igraph gives an edge without evidence an empty string
    assert Counter((ids[e.source], ids[e.target], e["relation"], e["evidence"]) for e in ig.es) == \
        Counter((str(u), str(v), d["relation"], d.get("evidence") or "") for u, v, d in g.edges(data=True))


def test_lists_of_strings_are_joined():
    assert flat_value(["a", "b"]) == "a" + LIST_SEPARATOR + "b"
    assert flat_value({"b", "a"}) == "a | b"
    assert flat_value([1, "a"]) == '[1, "a"]'


def _chain_graph(n_papers: int) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="kg")
    for i in range(n_papers):
        g.add_node(f"paper:{i}", type="Paper", label=f"Paper {i}", abstract="We study things. " * 20,
                   aliases=[f"P{i}", f"paper {i}"])
        g.add_node(f"method:{i}", type="Method", label=f"M{i}", support=1)
        g.add_edge(f"paper:{i}", f"method:{i}", key="uses", relation="uses", evidence="We use M. " * 10, start=0)
        g.add_edge(f"paper:{i}", f"method:{(i * 7) % n_papers}", key="proposes", relation="proposes")
    return g


def _peak_while_writing(g, path) -> int:
    tracemalloc.start()
    try:
        write_graphml(g, path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_memory_while_writing_does_not_grow_with_the_graph(tmp_path):
    small, large = _chain_graph(1_000), _chain_graph(8_000)
    peak_small = _peak_while_writing(small, tmp_path / "s.graphml")
    peak_large = _peak_while_writing(large, tmp_path / "l.graphml")
    # the large file is about 8 times the small one; what is held while writing is not
    assert (tmp_path / "l.graphml").stat().st_size > 7 * (tmp_path / "s.graphml").stat().st_size
    assert peak_large < 1.5 * peak_small + 200_000, (peak_small, peak_large)
    # networkx's writer holds the whole tree: many times the streamed peak
    tracemalloc.start()
    try:
        reference_bytes(small)
        reference_peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert reference_peak > 3 * peak_small


def test_bad_value_leaves_the_previous_file_and_no_temporary_file(tmp_path):
    path = tmp_path / "kg.graphml"
    write_graphml(example_graph(), path)
    before = path.read_bytes()
    g = example_graph()
    g.add_node("odd", type="Method", label=object())
    with pytest.raises(nx.NetworkXError, match="does not support"):
        write_graphml(g, path)
    assert path.read_bytes() == before
    assert os.listdir(tmp_path) == ["kg.graphml"]


def test_the_graph_is_not_changed(tmp_path):
    g = hostile_graph()
    before = (dict(g.graph), [(n, dict(d)) for n, d in g.nodes(data=True)],
              [(u, v, k, dict(d)) for u, v, k, d in g.edges(keys=True, data=True)])
    write_graphml(g, tmp_path / "g.graphml")
    after = (dict(g.graph), [(n, dict(d)) for n, d in g.nodes(data=True)],
             [(u, v, k, dict(d)) for u, v, k, d in g.edges(keys=True, data=True)])
    assert before == after


# -- GEXF -------------------------------------------------------------------------------------


def reference_gexf(g) -> bytes:
    """What kg wrote before it streamed GEXF: networkx's writer on the copy, without the date."""
    import re

    buf = io.BytesIO()
    nx.write_gexf(to_gexf_graph(g), buf, encoding="utf-8", prettyprint=True)
    return re.sub(rb' lastmodifieddate="[^"]*"', b"", buf.getvalue(), count=1)


def _with_odd_edges():
    g = example_graph()
    g.add_edge("paper:p2", "method:grpo", key="proposes", relation="proposes", start=1, end=5, weight=0.5,
               score=float("inf"), low=float("-inf"), odd=float("nan"), flag=False)
    g.add_edge("paper:p1", "method:grpo", key=3, key_like="x")
    g.add_node("lonely")
    return g


@pytest.mark.parametrize("make", [example_graph, hostile_graph, nx.MultiDiGraph, _with_odd_edges,
                                  lambda: nx.MultiDiGraph([("a", "b")])],
                         ids=["example", "hostile", "empty", "odd-edges", "bare-edge"])
def test_gexf_bytes_are_networkx_writers_bytes(make, tmp_path):
    g = make()
    write_gexf(g, tmp_path / "g.gexf")
    assert (tmp_path / "g.gexf").read_bytes() == reference_gexf(g)


def test_seed_gexf_is_networkx_writers_bytes(seed_build):
    result, out = seed_build
    assert (out / "kg.gexf").read_bytes() == reference_gexf(result.graph)


def test_gexf_memory_while_writing_does_not_grow_with_the_graph(tmp_path):
    def peak(g, path):
        tracemalloc.start()
        try:
            write_gexf(g, path)
            return tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()

    small, large = _chain_graph(1_000), _chain_graph(8_000)
    peak_small, peak_large = peak(small, tmp_path / "s.gexf"), peak(large, tmp_path / "l.gexf")
    assert (tmp_path / "l.gexf").stat().st_size > 7 * (tmp_path / "s.gexf").stat().st_size
    assert peak_large < 1.5 * peak_small + 200_000, (peak_small, peak_large)


# -- node-link JSON ---------------------------------------------------------------------------


@pytest.mark.parametrize("make", [example_graph, _with_odd_edges, nx.MultiDiGraph],
                         ids=["example", "odd-edges", "empty"])
def test_nodelink_bytes_are_json_dump_of_node_link_data(make, tmp_path):
    import json

    from kg.export.nodelink import write_nodelink

    g = make()
    write_nodelink(g, tmp_path / "kg.json")
    want = json.dumps(nx.node_link_data(g, edges="edges"), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) + "\n"
    assert (tmp_path / "kg.json").read_bytes() == want.encode("utf-8")


def test_seed_nodelink_bytes_are_json_dump_of_node_link_data(seed_build):
    import json

    result, out = seed_build
    want = json.dumps(nx.node_link_data(result.graph, edges="edges"), ensure_ascii=False, sort_keys=True,
                      separators=(",", ":")) + "\n"
    assert (out / "kg.json").read_bytes() == want.encode("utf-8")
