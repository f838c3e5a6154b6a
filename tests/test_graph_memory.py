"""The graph's attribute dicts share their key tables (kg.graph.keyshare) and are dicts in every way.

These check the representation, not a time or a peak: if the graph were built another way
(a different graph class, networkx no longer calling the factories) the large builds would
take hundreds of megabytes more, and only these tests would say so.
"""
from __future__ import annotations

import copy
import json
import pickle
import platform
import sys

import networkx as nx
import pytest

from kg.graph import build_graph
from kg.graph.keyshare import FACTORIES, dict_factory
from kg.model import Entity, Paper
from kg.resolve import PaperLink, Resolution

CPYTHON = platform.python_implementation() == "CPython"


def _graph() -> nx.MultiDiGraph:
    """Two papers, two authors, three entities, four links: every kind of edge but repositories."""
    papers = [Paper(id=f"p{i}", title=f"Paper {i}", abstract="We propose GRPO on GSM8K.",
                    authors=("Jane Doe", f"Author {i}"), date="2024-01-0%d" % (i + 1)) for i in range(2)]
    res = Resolution()
    for key, etype, label in [("method:grpo", "method", "GRPO"), ("benchmark:gsm8k", "benchmark", "GSM8K"),
                              ("concept:rl", "concept", "reinforcement learning")]:
        res.entities[key] = Entity(key, etype, label, papers={"p0", "p1"})
    sentence = "We propose GRPO on GSM8K."
    res.links = [PaperLink("p0", "benchmark:gsm8k", "mentioned", "dataset", 0.8, sentence, 27, 32, "GSM8K"),
                 PaperLink("p0", "method:grpo", "proposed", "propose_verb", 0.9, sentence, 19, 23, "GRPO", 2),
                 PaperLink("p1", "concept:rl", "mentioned", "concept_lexicon", 0.7, sentence, 0, 2, "We"),
                 PaperLink("p1", "method:grpo", "mentioned", "acronym", 0.6, sentence, 19, 23, "GRPO")]
    return build_graph(papers, [], res)


def _is_compact(d: dict) -> bool:
    """``d`` takes less memory than a plain dict with the same items (a split table)."""
    return sys.getsizeof(d) < sys.getsizeof(dict(d))


def test_graph_is_an_ordinary_multidigraph_with_dict_factories():
    g = _graph()
    assert type(g) is nx.MultiDiGraph
    for name in FACTORIES:  # the build's factories are not left behind
        assert getattr(g, name) is dict
    g2 = pickle.loads(pickle.dumps(g))
    assert nx.utils.graphs_equal(g, g2)
    assert nx.utils.graphs_equal(g, g.copy()) and nx.utils.graphs_equal(g, copy.deepcopy(g))


def test_link_edges_have_their_attributes_in_order_and_no_placeholder():
    g = _graph()
    d = g.edges["paper:p0", "method:grpo", "proposes"]
    assert list(d) == ["relation", "evidence", "start", "end", "surface", "rule", "confidence", "mentions"]
    assert d == {"relation": "proposes", "evidence": "We propose GRPO on GSM8K.", "start": 19, "end": 23,
                 "surface": "GRPO", "rule": "propose_verb", "confidence": 0.9, "mentions": 2}
    assert list(g.edges["paper:p0", "author:jane-doe", "authored_by"]) == ["relation", "position", "rule",
                                                                          "provenance"]
    for _, _, data in g.edges(data=True):
        assert None not in data.values()
    for _, data in g.nodes(data=True):
        assert None not in data.values()


@pytest.mark.skipif(not CPYTHON, reason="key-sharing dicts are a CPython layout")
def test_edge_and_node_dicts_share_their_keys():
    g = _graph()
    for u, v, k, data in g.edges(keys=True, data=True):
        assert type(data) is dict and _is_compact(data), (u, v, k)
        keydict = g.adj[u][v]._atlas  # the {key: attributes} dict networkx keeps per pair
        assert type(keydict) is dict and _is_compact(keydict), (u, v)
    for n, data in g.nodes(data=True):
        assert type(data) is dict and _is_compact(data), n


def test_shared_dicts_behave_as_dicts():
    g = _graph()
    a = g.edges["paper:p0", "method:grpo", "proposes"]
    b = g.edges["paper:p1", "method:grpo", "uses"]
    before = dict(b)
    a["weight"] = 2.5  # a key no other edge has
    a["confidence"] = 0.1
    del a["evidence"]
    assert list(a) == ["relation", "start", "end", "surface", "rule", "confidence", "mentions", "weight"]
    assert a["weight"] == 2.5 and "evidence" not in a and a.get("evidence") is None
    assert b == before and "weight" not in b  # the other edges do not see it
    assert json.loads(json.dumps(a)) == a and pickle.loads(pickle.dumps(a)) == a
    g.add_edge("paper:p1", "concept:rl", key="uses", relation="uses")  # the caller's own edges: plain dicts
    assert g.edges["paper:p1", "concept:rl", "uses"] == {"relation": "uses"}
    g.add_node("extra", type="Concept")
    assert g.nodes["extra"] == {"type": "Concept"}


def test_dict_factory_gives_fresh_dicts_with_one_key_order():
    make = dict_factory(("a", "b"))
    x, y = make(), make()
    assert x == y == {"a": None, "b": None} and x is not y
    y.update(b=2, a=1)
    assert list(y.items()) == [("a", 1), ("b", 2)] and x == {"a": None, "b": None}


def test_equal_evidence_sentences_of_different_papers_are_one_string():
    from kg.model import Mention, PaperExtraction
    from kg.resolve import share_strings, summarise

    def extraction(pid: str) -> PaperExtraction:
        sentence = "".join(["Code is available ", "on GitHub for GRPO."])  # a new string each time
        return PaperExtraction(pid, [Mention(35, 39, "GRPO", "method", sentence=sentence, rule="acronym")])

    pool: dict = {}
    a, b = summarise(extraction("a"), pool), summarise(extraction("b"), pool)
    assert a.entities[0].sentence is b.entities[0].sentence
    c = share_strings(summarise(extraction("c")), pool)  # made elsewhere (a worker), shared here
    assert c.entities[0].sentence is a.entities[0].sentence


def test_a_build_that_lets_its_records_go_writes_the_same_directory(tmp_path):
    from kg.build import run_build

    src = tmp_path / "in.jsonl"
    rows = [{"id": f"p{i}", "title": f"Paper {i} on GRPO", "abstract": "We propose GRPO and evaluate on GSM8K.",
             "authors": ["Ann Lee", f"Bo {i}"]} for i in range(3)]
    src.write_text("".join(json.dumps(r) + "\n" for r in rows))
    kept = run_build([src], tmp_path / "kept", formats=(), use_cache=False)
    lean = run_build([src], tmp_path / "lean", formats=(), use_cache=False, keep_extractions=False,
                     keep_papers=False)
    assert len(kept.papers) == 3 and lean.papers == []
    assert nx.utils.graphs_equal(kept.graph, lean.graph)
    for name in ("papers.jsonl", "kg.json", "build.json"):
        assert (tmp_path / "kept" / name).read_bytes() == (tmp_path / "lean" / name).read_bytes(), name
    assert sorted(p.name for p in (tmp_path / "lean").iterdir()) == ["build.json", "kg.json", "papers.jsonl"]
    kept_too = run_build([src], None, use_cache=False, keep_extractions=False)  # the default keeps them
    assert len(kept_too.papers) == 3
