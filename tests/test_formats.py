"""Graph file formats read back by other tools: GraphML (networkx, python-igraph), GEXF
(networkx) and the node-link kg.json (exactly)."""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

from kg.analytics.example import example_graph
from kg.export.gexf import PREFIX, to_gexf_graph, write_gexf
from kg.export.graphml import to_graphml_graph, write_graphml
from kg.export.nodelink import read_nodelink, write_nodelink


def _edge_rows(g):
    """(source, target, relation) of every edge, as a multiset."""
    return Counter((str(u), str(v), d["relation"]) for u, v, d in g.edges(data=True))


# -- GraphML ----------------------------------------------------------------------------

def test_seed_graphml_reads_back_in_networkx_and_igraph(seed_build):
    import igraph

    result, out = seed_build
    g = result.graph
    h = nx.read_graphml(out / "kg.graphml", force_multigraph=True)
    assert (h.number_of_nodes(), h.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    assert _edge_rows(h) == _edge_rows(g)
    ig = igraph.Graph.Read_GraphML(str(out / "kg.graphml"))
    assert ig.is_directed()
    assert (ig.vcount(), ig.ecount()) == (g.number_of_nodes(), g.number_of_edges())
    assert set(ig.vs["id"]) == set(g.nodes)
    ids = ig.vs["id"]
    assert Counter((ids[e.source], ids[e.target], e["relation"]) for e in ig.es) == _edge_rows(g)
    assert Counter(ig.vs["type"]) == Counter(t for _, t in g.nodes(data="type"))


def test_graphml_of_a_small_graph_keeps_lists_as_joined_text(tmp_path):
    import igraph

    g = example_graph()
    write_graphml(g, tmp_path / "g.graphml")
    ig = igraph.Graph.Read_GraphML(str(tmp_path / "g.graphml"))
    v = ig.vs.find(id="method:grpo")
    assert v["aliases"] == "Group Relative Policy Optimization" and v["support"] == 2
    assert (ig.vcount(), ig.ecount()) == (19, 27)


# -- GEXF -------------------------------------------------------------------------------

def _assert_gexf_matches(path, g):
    back = nx.read_gexf(path)
    want = to_gexf_graph(g)
    assert back.is_directed()
    assert (back.number_of_nodes(), back.number_of_edges()) == (g.number_of_nodes(), g.number_of_edges())
    for n, d in want.nodes(data=True):
        assert back.nodes[n] == d, n
    if back.is_multigraph():
        for u, v, k, d in want.edges(keys=True, data=True):
            got = dict(back.edges[u, v, k])
            got.pop("id")
            assert got == d, (u, v, k)
    else:  # no two edges join the same pair: networkx reads a DiGraph
        for u, v, d in want.edges(data=True):
            got = dict(back.edges[u, v])
            got.pop("id")
            assert got == d, (u, v)


def test_seed_gexf_reads_back_in_networkx_with_every_attribute(seed_build):
    result, out = seed_build
    _assert_gexf_matches(out / "kg.gexf", result.graph)
    assert 'mode="static"' in (out / "kg.gexf").read_text(encoding="utf-8")[:2000]


def test_gexf_keeps_parallel_edges_and_their_keys(tmp_path):
    g = example_graph()
    g.add_edge("paper:p2", "method:grpo", key="proposes", relation="proposes", start=1, end=5, weight=0.5)
    write_gexf(g, tmp_path / "g.gexf")
    back = nx.read_gexf(tmp_path / "g.gexf")
    assert back.is_multigraph()
    assert sorted(back["paper:p2"]["method:grpo"]) == ["proposes", "uses"]
    e = back.edges["paper:p2", "method:grpo", "proposes"]
    assert (e[PREFIX + "start"], e[PREFIX + "end"], e[PREFIX + "weight"], e["label"]) == (1, 5, 0.5, "proposes")
    _assert_gexf_matches(tmp_path / "g.gexf", g)


def test_gexf_does_not_change_the_graph_and_writes_atomically(tmp_path):
    g = example_graph()
    before = json.dumps(nx.node_link_data(g, edges="edges"), sort_keys=True)
    path = tmp_path / "g.gexf"
    write_gexf(g, path)
    assert json.dumps(nx.node_link_data(g, edges="edges"), sort_keys=True) == before
    old = path.read_bytes()
    g.nodes["method:grpo"]["bad"] = object()  # GEXF cannot hold it: the writer raises
    with pytest.raises(TypeError):
        write_gexf(g, path)
    assert path.read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["g.gexf"]


def test_gexf_bytes_depend_on_the_graph_only(tmp_path, monkeypatch):
    import time

    g = example_graph()
    write_gexf(g, tmp_path / "a.gexf")
    monkeypatch.setattr(time, "strftime", lambda *a, **k: "1999-12-31")  # another day
    write_gexf(g, tmp_path / "b.gexf")
    a = (tmp_path / "a.gexf").read_bytes()
    assert a == (tmp_path / "b.gexf").read_bytes()
    assert b"lastmodifieddate" not in a and b"<meta>" in a[:400]
    assert nx.read_gexf(tmp_path / "a.gexf").number_of_nodes() == 19


# -- node-link kg.json ------------------------------------------------------------------

def test_nodelink_reads_back_exactly(seed_build, tmp_path):
    for g in (seed_build[0].graph, example_graph()):
        write_nodelink(g, tmp_path / "kg.json")
        back = read_nodelink(tmp_path / "kg.json")
        assert list(back.nodes(data=True)) == list(g.nodes(data=True))
        assert list(back.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
        assert back.graph == g.graph
        assert nx.utils.graphs_equal(back, g)


def test_the_graphml_copy_is_what_gexf_starts_from():
    g = example_graph()
    flat, gexf = to_graphml_graph(g), to_gexf_graph(g)
    assert list(flat.nodes) == list(gexf.nodes)
    for n in g:
        assert {k.removeprefix(PREFIX): v for k, v in gexf.nodes[n].items()} == flat.nodes[n]
