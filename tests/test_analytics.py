"""kg.analytics: the pure functions on small hand-built graphs and on the seed build."""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest

from kg.analytics import (
    AmbiguousNameError, coauthor_graph, collaboration_pairs, collaborators, communities, cooccurrence, find_node,
    graph_stats, neighbours, pagerank, shortest_path, top_authors, top_nodes,
)
from kg.analytics._common import undirected
from kg.analytics.example import example_graph
from kg.analytics.stats import degree_buckets
from kg.errors import NotFoundError
from kg.export.nodelink import to_nodelink


def _with_acronyms():
    """Two methods share the label RLVR; an isolated concept; a paper with nothing."""
    g = example_graph()
    g.add_node("method:rlvr", type="Method", label="RLVR", aliases=["RL with Verifiable Rewards"], support=1)
    g.add_node("method:rlvr-2", type="Method", label="RLVR", aliases=["RL from Verified Rewards"], support=1)
    g.add_edge("paper:p1", "method:rlvr", key="uses", relation="uses")
    g.add_edge("paper:p3", "method:rlvr-2", key="uses", relation="uses")
    g.add_node("concept:lonely", type="Concept", label="lonely", aliases=[], support=0)
    g.add_node("paper:p9", type="Paper", label="Nothing Here", title="Nothing Here", paper_id="p9")
    return g


# -- names ------------------------------------------------------------------------------

def test_find_node_by_id_label_alias_and_paper_id_ignoring_case_and_dashes():
    g = example_graph()
    assert find_node(g, "method:grpo") == "method:grpo"
    assert find_node(g, "gRpO") == "method:grpo"
    assert find_node(g, "group relative policy optimization") == "method:grpo"
    assert find_node(g, "MATH - 500") == "benchmark:math500"  # alias "MATH-500", spacing around the dash
    assert find_node(g, "p3") == "paper:p3"
    assert find_node(g, "visbench: agents that see") == "paper:p3"
    assert find_node(g, "RL", type="concept") == "concept:reinforcement-learning"


def test_find_node_prefers_a_label_to_an_alias():
    g = example_graph()
    g.add_node("concept:agent", type="Concept", label="agent", aliases=[], support=0)
    assert find_node(g, "agent") == "concept:agent"  # "agent" is also an alias of concept:agents
    assert find_node(g, "agents") == "concept:agents"


def test_an_unknown_name_suggests_close_names():
    with pytest.raises(NotFoundError) as err:
        find_node(example_graph(), "GPRO")
    assert err.value.suggestions[0] == "GRPO"
    assert "did you mean: GRPO" in str(err.value)
    with pytest.raises(NotFoundError) as err:
        find_node(example_graph(), "Eve N", type="Author")
    assert err.value.suggestions == ["Eve Ng"]
    with pytest.raises(NotFoundError) as err:
        find_node(example_graph(), "zzzzzz")
    assert err.value.suggestions == [] and str(err.value) == "no node named 'zzzzzz'"


def test_a_type_restricts_the_match():
    with pytest.raises(NotFoundError) as err:
        find_node(example_graph(), "GRPO", type="Benchmark")
    assert str(err.value).startswith("no Benchmark node named 'GRPO'")


def test_an_ambiguous_name_lists_its_candidates():
    g = _with_acronyms()
    with pytest.raises(AmbiguousNameError) as err:
        find_node(g, "rlvr")
    assert err.value.candidates == ["method:rlvr", "method:rlvr-2"]
    assert str(err.value) == ("'rlvr' names 2 nodes; give a node id; did you mean: "
                              "method:rlvr (RL with Verifiable Rewards), method:rlvr-2 (RL from Verified Rewards)")
    assert isinstance(err.value, NotFoundError)
    assert find_node(g, "RL from verified rewards") == "method:rlvr-2"


def test_an_unknown_type_is_an_error_with_suggestions():
    with pytest.raises(NotFoundError) as err:
        top_nodes(example_graph(), "Metod")
    assert "Method" in err.value.suggestions
    # a schema type the graph happens not to have is not an error
    assert top_nodes(example_graph(), "organization") == []


# -- stats ------------------------------------------------------------------------------

def test_stats_of_the_example_graph():
    s = graph_stats(example_graph())
    assert (s["nodes"], s["edges"], s["papers"]) == (19, 27, 4)
    assert s["types"]["Author"] == {"nodes": 5, "min": 1, "median": 2.0, "mean": 1.8, "max": 2}
    assert s["types"]["Paper"] == {"nodes": 4, "min": 5, "median": 7.0, "mean": 6.75, "max": 8}
    assert s["relations"] == {"about": 6, "authored_by": 9, "evaluated_on": 4, "has_code": 1, "proposes": 2,
                              "uses": 5}
    assert s["degree"] == {"min": 1, "median": 2.0, "mean": 2.84, "max": 8,
                           "histogram": [["1", 4], ["2", 10], ["3-4", 1], ["5-8", 4]]}
    assert s["components"] == {"count": 1, "isolated": 0, "largest": [19]}
    json.dumps(s)  # JSON-ready


def test_stats_count_isolated_nodes_and_components():
    s = graph_stats(_with_acronyms())
    assert s["components"] == {"count": 3, "isolated": 2, "largest": [21, 1, 1]}
    assert s["degree"]["histogram"][0] == ["0", 2]
    assert graph_stats(nx.MultiDiGraph())["components"] == {"count": 0, "isolated": 0, "largest": []}


def test_degree_bins_double():
    assert degree_buckets(range(0, 18)) == [("0", 1), ("1", 1), ("2", 1), ("3-4", 2), ("5-8", 4), ("9-16", 8),
                                            ("17-32", 1)]


def test_stats_agree_with_networkx_on_the_seed_build(seed_build):
    g = seed_build[0].graph
    s = graph_stats(g)
    types = Counter(t for _, t in g.nodes(data="type"))
    assert {t: v["nodes"] for t, v in s["types"].items()} == dict(types)
    assert s["papers"] == types["Paper"] == 343
    assert s["relations"] == dict(Counter(r for *_, r in g.edges(data="relation")))
    assert s["components"]["count"] == nx.number_connected_components(g.to_undirected(as_view=True))
    assert sum(c for _, c in s["degree"]["histogram"]) == g.number_of_nodes()
    assert s["degree"]["max"] == max(d for _, d in g.degree())


# -- centrality -------------------------------------------------------------------------

def test_top_nodes_by_papers_and_degree():
    g = example_graph()
    rows = top_nodes(g, "Concept", by="papers")
    assert [(r["rank"], r["label"], r["papers"], r["degree"]) for r in rows] == [
        (1, "reinforcement learning", 3, 3), (2, "agents", 2, 2), (3, "reasoning", 1, 1)]
    # ties (all authors but Cy Dee have two papers) are broken by label
    assert [r["label"] for r in top_nodes(g, "Author", by="papers", n=3)] == ["Ann Lee", "Bob Ray", "Dan Wu"]
    assert [r["id"] for r in top_nodes(g, by="degree", n=2)] == ["paper:p1", "paper:p4"]
    assert len(top_nodes(g, n=None)) == 19
    with pytest.raises(ValueError):
        top_nodes(g, by="betweenness")


def _igraph_pagerank(g):
    import igraph

    h = undirected(g)
    nodes = list(h)
    index = {u: i for i, u in enumerate(nodes)}
    ig = igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in h.edges()])
    ig.es["weight"] = [d["weight"] for _, _, d in h.edges(data=True)]
    return dict(zip(nodes, ig.pagerank(weights="weight", damping=0.85)))


def test_pagerank_agrees_with_igraph_on_the_example_and_the_seed_build(seed_build):
    for g in (example_graph(), _with_acronyms(), seed_build[0].graph):
        ours, theirs = pagerank(g), _igraph_pagerank(g)
        assert ours.keys() == theirs.keys()
        assert max(abs(ours[u] - theirs[u]) for u in ours) < 1e-7
        assert sum(ours.values()) == pytest.approx(1.0)


def test_pagerank_of_a_star_matches_the_closed_form():
    # centre c, three leaves l: c = 0.15/4 + 0.85*3l, l = 0.15/4 + 0.85c/3, c + 3l = 1
    c = (1 - 3 * 0.15 / 4) / (1 + 0.85)
    pr = pagerank(nx.star_graph(3))
    assert pr[0] == pytest.approx(c, abs=1e-9)
    assert pr[1] == pytest.approx((1 - c) / 3, abs=1e-9)
    assert pagerank(nx.MultiDiGraph()) == {}


def test_equal_pageranks_are_ordered_by_label():
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper", label="P")
    for key, label in (("method:z", "zeta"), ("method:b", "Beta"), ("method:a", "alpha"), ("method:c", "Gamma")):
        g.add_node(key, type="Method", label=label)
        g.add_edge("paper:p", key, key="uses", relation="uses")
    rows = top_nodes(g, "Method", by="pagerank")
    assert [r["label"] for r in rows] == ["alpha", "Beta", "Gamma", "zeta"]
    assert len({round(r["pagerank"], 12) for r in rows}) == 1


def test_top_concepts_by_papers_on_the_seed_build_match_an_independent_count(seed_build):
    g = seed_build[0].graph
    counts = Counter()
    for u, v, rel in g.edges(data="relation"):
        if rel == "about":
            counts[v] += 1  # one `about` edge per paper and concept
    expected = sorted(counts, key=lambda c: (-counts[c], g.nodes[c]["label"].casefold(), c))[:15]
    rows = top_nodes(g, "Concept", by="papers", n=15)
    assert [r["id"] for r in rows] == expected
    assert [r["papers"] for r in rows] == [counts[c] for c in expected]
    assert all(r["papers"] == g.nodes[r["id"]]["support"] for r in rows)


# -- neighbours and paths ---------------------------------------------------------------

def test_neighbours_within_one_and_two_steps():
    g = example_graph()
    rows = neighbours(g, "PPO")
    assert [(r["distance"], r["id"], r["relations"]) for r in rows] == [
        (1, "paper:p2", ["uses"]), (1, "paper:p4", ["uses"])]
    two = neighbours(g, "PPO", depth=2)
    assert {r["id"] for r in two if r["distance"] == 2} == (
        set(nx.all_neighbors(g, "paper:p2")) | set(nx.all_neighbors(g, "paper:p4"))) - {"method:ppo"}
    assert [r["distance"] for r in two] == sorted(r["distance"] for r in two)
    reached = neighbours(g, "reinforcement learning", depth=2, type="Method")
    assert [(r["label"], r["relations"]) for r in reached] == [("GRPO", ["proposes", "uses"]), ("PPO", ["uses"])]
    with pytest.raises(ValueError):
        neighbours(g, "PPO", depth=0)


def test_neighbours_of_an_isolated_node_are_none():
    assert neighbours(_with_acronyms(), "lonely", depth=3) == []


def test_shortest_path_with_edge_directions():
    g = example_graph()
    steps = shortest_path(g, "GRPO", "MATH500")
    assert [(s["id"], s.get("relation"), s.get("forward")) for s in steps] == [
        ("method:grpo", None, None), ("paper:p1", "proposes", False), ("benchmark:math500", "evaluated_on", True)]
    assert len(shortest_path(g, "GSM8K", "VisBench")) - 1 == nx.shortest_path_length(
        g.to_undirected(), "benchmark:gsm8k", "benchmark:visbench")
    assert shortest_path(g, "GRPO", "grpo") == [{"id": "method:grpo", "label": "GRPO", "type": "Method"}]


def test_no_path_is_a_not_found_error():
    with pytest.raises(NotFoundError, match="no path between 'GRPO' and 'lonely'"):
        shortest_path(_with_acronyms(), "GRPO", "lonely")


def test_shortest_paths_on_the_seed_build_are_shortest(seed_build):
    g = seed_build[0].graph
    u = g.to_undirected(as_view=True)
    top = [r["id"] for r in top_nodes(g, "Method", by="papers", n=4)]
    for a in top:
        for b in top:
            steps = shortest_path(g, a, b)
            assert len(steps) - 1 == nx.shortest_path_length(u, a, b)
            for x, y in zip(steps, steps[1:]):
                src, dst = (x["id"], y["id"]) if y["forward"] else (y["id"], x["id"])
                assert g.has_edge(src, dst, key=y["relation"])


# -- communities ------------------------------------------------------------------------

def test_communities_partition_the_graph_and_are_deterministic(seed_build):
    g = seed_build[0].graph
    first = communities(g, seed=42)
    assert communities(g, seed=42) == first
    assert communities(g.copy(), seed=42) == first
    seen = [u for c in first for u in c["nodes"]]
    assert sorted(seen) == sorted(g.nodes) and len(seen) == len(set(seen))
    assert [c["size"] for c in first] == sorted((c["size"] for c in first), reverse=True)
    assert [c["community"] for c in first] == list(range(1, len(first) + 1))
    for c in first:
        assert c["papers"] == sum(1 for u in c["nodes"] if g.nodes[u]["type"] == "Paper")
        assert sum(c["types"].values()) == c["size"]
        papers = {u for u in c["nodes"] if g.nodes[u]["type"] == "Paper"}
        about = {v for p in papers for v in g.successors(p) if g.nodes[v]["type"] == "Concept"}
        assert len(c["concepts"]) == min(3, len(about)) or not about
        for concept in c["concepts"]:
            assert g.nodes[concept["id"]]["type"] == "Concept" if about else g.nodes[concept["id"]]["type"] not in (
                "Paper", "Author")
            linked = {p for p in g.predecessors(concept["id"]) if p in papers}
            assert concept["papers"] == len(linked) > 0
    assert communities(g, seed=42, n=3) == first[:3]


def test_communities_are_named_by_distinctive_concepts():
    g = example_graph()
    named = {c["label"][0] for c in communities(g, seed=1)}
    assert "agents" in named  # the visual-agents papers
    assert "reasoning" in named  # the maths paper
    for c in communities(g, seed=1):
        assert "reinforcement learning" != c["label"][0] or len(c["label"]) == 1


def test_a_community_without_concepts_is_named_by_its_entities():
    g = nx.MultiDiGraph()
    g.add_node("paper:a", type="Paper", label="A")
    g.add_node("method:m", type="Method", label="M", aliases=[])
    g.add_node("author:x", type="Author", label="X")
    g.add_edge("paper:a", "method:m", key="uses", relation="uses")
    g.add_edge("paper:a", "author:x", key="authored_by", relation="authored_by")
    (c,) = communities(g)
    assert c["label"] == ["M"]  # authors never name a community
    assert communities(nx.MultiDiGraph()) == []


# -- co-occurrence ----------------------------------------------------------------------

def test_cooccurrence_of_two_types_and_within_one():
    g = example_graph()
    assert [(r["a"], r["b"], r["papers"], r["paper_ids"]) for r in cooccurrence(g)] == [
        ("method:grpo", "benchmark:gsm8k", 2, ["paper:p1", "paper:p2"]),
        ("method:grpo", "benchmark:math500", 1, ["paper:p1"]),
        ("method:ppo", "benchmark:gsm8k", 1, ["paper:p2"]),
        ("method:ppo", "benchmark:visbench", 1, ["paper:p4"]),
    ]
    assert [(r["a_label"], r["b_label"]) for r in cooccurrence(g, ["Concept"])] == [
        ("agents", "reinforcement learning"), ("reasoning", "reinforcement learning")]
    assert cooccurrence(g, ["Concept", "Concept"]) == cooccurrence(g, ["Concept"])
    assert len(cooccurrence(g, ("Author", "Concept"), n=2)) == 2
    for bad in (["Paper", "Method"], [], ["Method", "Model", "Benchmark"]):
        with pytest.raises(ValueError):
            cooccurrence(g, bad)


def test_cooccurrence_counts_on_the_seed_build_match_set_intersections(seed_build):
    g = seed_build[0].graph
    rows = cooccurrence(g, ("Method", "Benchmark"))
    assert rows and rows[0]["papers"] >= 2
    papers = {u: set(g.predecessors(u)) for u, t in g.nodes(data="type") if t in ("Method", "Benchmark")}
    for r in rows[:50]:
        assert r["papers"] == len(papers[r["a"]] & papers[r["b"]]) == len(r["paper_ids"])
    expected = sum(1 for m in papers if g.nodes[m]["type"] == "Method"
                   for b in papers if g.nodes[b]["type"] == "Benchmark" and papers[m] & papers[b])
    assert len(rows) == expected


# -- collaboration ----------------------------------------------------------------------

def test_coauthor_graph_and_top_authors():
    g = example_graph()
    c = coauthor_graph(g)
    assert sorted(c.edges(data="weight")) == [
        ("author:ann-lee", "author:bob-ray", 1), ("author:ann-lee", "author:dan-wu", 1),
        ("author:ann-lee", "author:eve-ng", 1), ("author:bob-ray", "author:cy-dee", 1),
        ("author:dan-wu", "author:eve-ng", 2)]
    rows = top_authors(g, n=None)
    assert [(r["label"], r["papers"], r["coauthors"]) for r in rows] == [
        ("Ann Lee", 2, 3), ("Bob Ray", 2, 2), ("Dan Wu", 2, 2), ("Eve Ng", 2, 2), ("Cy Dee", 1, 1)]
    assert rows[2]["collaborators"] == [{"id": "author:eve-ng", "label": "Eve Ng", "papers": 2},
                                        {"id": "author:ann-lee", "label": "Ann Lee", "papers": 1}]
    assert [(r["a_label"], r["b_label"], r["papers"]) for r in collaboration_pairs(g, n=2)] == [
        ("Dan Wu", "Eve Ng", 2), ("Ann Lee", "Bob Ray", 1)]
    assert [r["label"] for r in collaborators(g, "ann lee")] == ["Bob Ray", "Dan Wu", "Eve Ng"]
    with pytest.raises(NotFoundError):
        collaborators(g, "GRPO")  # not an author


def test_collaboration_of_a_graph_built_from_paper_records():
    from kg.build import build_from_papers
    from kg.model import Paper

    papers = [
        Paper("a1", "Policy Optimization for Maths", "We propose GRPO.", authors=("Ana Ruiz", "Li Wei", "Sam Oke")),
        Paper("a2", "More Policy Optimization", "We use GRPO on GSM8K.", authors=("Li Wei", "Ana Ruiz")),
        Paper("a3", "Agents", "Agents that browse.", authors=("Sam Oke", "Kim Lo")),
    ]
    g = build_from_papers(papers).graph
    c = coauthor_graph(g)
    assert c["author:ana-ruiz"]["author:li-wei"] == {"weight": 2, "papers": ["paper:a1", "paper:a2"]}
    assert c.degree("author:sam-oke") == 3
    pairs = collaboration_pairs(g, n=None)
    assert (pairs[0]["a_label"], pairs[0]["b_label"], pairs[0]["papers"]) == ("Ana Ruiz", "Li Wei", 2)
    assert len(pairs) == c.number_of_edges() == 4
    # every pair is counted once per shared paper, from the authored_by edges alone
    shared = Counter()
    for p, t in g.nodes(data="type"):
        if t == "Paper":
            names = sorted(g.nodes[a]["label"] for _, a, k in g.out_edges(p, keys=True) if k == "authored_by")
            shared.update((x, y) for i, x in enumerate(names) for y in names[i + 1:])
    assert {(r["a_label"], r["b_label"]): r["papers"] for r in pairs} == dict(shared)
    assert top_authors(g, n=1)[0]["label"] == "Sam Oke"  # 2 papers, 3 co-authors beats 2 papers, 2


def test_no_analytics_function_changes_its_graph(seed_build):
    g = _with_acronyms()
    before = json.dumps(to_nodelink(g), sort_keys=True)
    graph_stats(g), top_nodes(g, by="pagerank"), neighbours(g, "GRPO", depth=3), shortest_path(g, "GRPO", "Eve Ng")
    communities(g), cooccurrence(g), top_authors(g), collaboration_pairs(g), coauthor_graph(g)
    assert json.dumps(to_nodelink(g), sort_keys=True) == before
