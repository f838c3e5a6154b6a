"""Pages of graphs too large to draw whole: the overview rule, what the page holds and says,
determinism, and that graphs under the limit give the page they always gave."""
from __future__ import annotations

import json
import os
import random
import re
import subprocess
import sys
from collections import Counter

import networkx as nx
import pytest

from kg.export.html import MAX_NODES, page_data, render_html, write_html
from kg.view.overview import MAX_EDGES, degree_of, entity_quotas, overview

DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)
NOTICE = re.compile(r'<div id="kg-overview" role="note"[^>]*>(.*?)</div>', re.S)
ENTITY_TYPES = ("Author", "Method", "Model", "Benchmark", "Repository", "Concept")


def data_of(text: str) -> dict:
    return json.loads(DATA.search(text).group(1))


def corpus_graph(n_papers: int, seed: int = 0, shuffle: bool = False) -> nx.MultiDiGraph:
    """A schema-shaped graph whose entities are named by papers with skewed popularity (a few
    hubs, many names used once), as in a generated corpus."""
    rng = random.Random(seed)
    pools = {"Author": ("author", 3 * n_papers // 2, 3), "Method": ("method", n_papers, 3),
             "Model": ("model", 30, 1), "Benchmark": ("benchmark", n_papers // 6, 2),
             "Repository": ("repo", n_papers // 3, 1), "Concept": ("concept", 40, 2)}
    relation = {"Author": "authored_by", "Method": "uses", "Model": "uses", "Benchmark": "evaluated_on",
                "Repository": "has_code", "Concept": "about"}
    nodes, edges = {}, []
    for i in range(n_papers):
        p = f"paper:{i:06d}"
        nodes[p] = {"type": "Paper", "label": f"Paper {i}: on things", "abstract": "We study things.",
                    "upvotes": i % 13}
        for t, (prefix, size, per_paper) in pools.items():
            for _ in range(rng.randint(0, per_paper) if t in ("Repository", "Model") else per_paper):
                # most names are drawn from the whole pool (used once or a few times); the
                # others from a heavy tail, so that low numbers are hubs
                j = rng.randrange(size) if rng.random() < 0.6 else min(int(rng.paretovariate(1.1)) - 1, size - 1)
                e = f"{prefix}:{t.lower()}{j}"
                nodes.setdefault(e, {"type": t, "label": f"{t} {j}", "aliases": [], "support": 0})
                edges.append((p, e, relation[t], {"relation": relation[t], "evidence": f"It uses {t} {j}."}))
    items = list(nodes.items())
    if shuffle:
        rng.shuffle(items)
        rng.shuffle(edges)
    g = nx.MultiDiGraph(name="kg")
    for n, d in items:
        g.add_node(n, **d)
    for u, v, k, d in edges:
        if not g.has_edge(u, v, key=k):
            g.add_edge(u, v, key=k, **d)
    for n, d in g.nodes(data=True):
        if d["type"] != "Paper":
            d["support"] = len(set(g.predecessors(n)))
    return g


@pytest.fixture(scope="module")
def big():
    return corpus_graph(3000, seed=1)


# -- the rule -----------------------------------------------------------------------------


def test_quotas_share_places_equally_and_give_back_what_a_type_cannot_use():
    assert entity_quotas({"A": 100, "B": 100, "C": 100}, 30) == {"A": 10, "B": 10, "C": 10}
    assert entity_quotas({"A": 2, "B": 100, "C": 100}, 30) == {"A": 2, "B": 14, "C": 14}
    assert entity_quotas({"A": 2, "B": 5, "C": 100}, 30) == {"A": 2, "B": 5, "C": 23}
    assert entity_quotas({"A": 2, "B": 5}, 30) == {"A": 2, "B": 5}
    assert sum(entity_quotas({"A": 7, "B": 9, "C": 11}, 20).values()) == 20


def test_graph_within_the_limits_is_shown_whole(big):
    assert overview(big, big.number_of_nodes()) == sorted(big.nodes, key=str)


def test_overview_keeps_within_its_limits_and_takes_the_best_connected_of_each_type(big):
    shown = overview(big, 600, max_edges=2500)
    sub = big.subgraph(shown)
    assert len(shown) <= 600 and sub.number_of_edges() <= 2500
    assert shown == sorted(shown, key=str) and len(set(shown)) == len(shown)
    degree = degree_of(big)
    by_type = Counter(big.nodes[n]["type"] for n in shown)
    for t in ENTITY_TYPES:
        mine = [n for n in shown if big.nodes[n]["type"] == t]
        assert mine, t
        ranked = sorted((n for n, x in big.nodes(data="type") if x == t), key=lambda n: (-degree(n), n))
        # the entities of a type on the page are the best connected of that type
        assert sorted(mine, key=lambda n: (-degree(n), n)) == ranked[:len(mine)], t
    # types share the places: none has more than the others unless the others ran out
    counts = [by_type[t] for t in ENTITY_TYPES
              if by_type[t] < sum(1 for _, x in big.nodes(data="type") if x == t)]
    assert max(counts) - min(counts) <= 1
    # every entity on the page is linked to a paper on the page
    for n in shown:
        if big.nodes[n]["type"] != "Paper":
            assert any(big.nodes[m]["type"] == "Paper" for m in nx.all_neighbors(sub, n)), n


def test_edge_limit_binds_before_the_node_limit(big):
    loose = overview(big, 800, max_edges=10**9)
    tight = overview(big, 800, max_edges=1500)
    assert len(loose) == 800
    assert len(tight) < 800 and big.subgraph(tight).number_of_edges() <= 1500
    # what the tight page drops are papers and the last entities of each type, not the hubs
    hub = max((n for n in big if big.nodes[n]["type"] == "Concept"), key=big.degree)
    assert hub in tight


def test_kept_nodes_are_always_shown(big):
    leaf = next(n for n in sorted(big) if big.nodes[n]["type"] == "Method" and big.degree(n) == 1)
    assert leaf not in overview(big, 300)
    assert leaf in overview(big, 300, keep=[leaf])
    assert len(overview(big, 300, keep=[leaf])) <= 300


def test_overview_does_not_depend_on_insertion_order():
    a, b = corpus_graph(800, seed=4), corpus_graph(800, seed=4, shuffle=True)
    assert list(a.nodes) != list(b.nodes)
    assert overview(a, 400, max_edges=1200) == overview(b, 400, max_edges=1200)


# -- the page -----------------------------------------------------------------------------


def test_large_page_holds_the_overview_and_every_edge_among_its_nodes(big):
    data = page_data(big, max_nodes=500)
    ids = [n["id"] for n in data["nodes"]]
    assert ids == overview(big, 500, max_edges=MAX_EDGES)
    shown = set(ids)
    assert Counter((e["from"], e["to"], e["relation"]) for e in data["edges"]) == Counter(
        (u, v, d["relation"]) for u, v, d in big.edges(data=True) if u in shown and v in shown)
    info = data["overview"]
    assert (info["nodes"], info["edges"]) == (len(ids), len(data["edges"]))
    assert (info["total_nodes"], info["total_edges"]) == (big.number_of_nodes(), big.number_of_edges())
    totals = Counter(t for _, t in big.nodes(data="type"))
    assert {t["name"]: (t["shown"], t["total"]) for t in info["types"]} == {
        t: (sum(1 for n in ids if big.nodes[n]["type"] == t), totals[t]) for t in totals}


def test_details_count_the_whole_graph_not_the_page(big):
    data = page_data(big, max_nodes=500)
    shown = {n["id"] for n in data["nodes"]}
    hub = max((n for n in shown if big.nodes[n]["type"] == "Concept"), key=big.degree)
    item = next(n for n in data["nodes"] if n["id"] == hub)
    papers = {m for m in nx.all_neighbors(big, hub) if big.nodes[m]["type"] == "Paper"}
    assert dict(item["info"]["rows"])["Papers"] == str(len(papers))
    assert len(papers) > sum(1 for e in data["edges"] if e["to"] == hub)  # the page shows fewer


def test_page_says_what_it_shows_and_how_to_see_the_rest(big):
    text = render_html(big, max_nodes=500)
    info = data_of(text)["overview"]
    notice = NOTICE.search(text).group(1)
    assert f"Overview: {info['nodes']:,} of {big.number_of_nodes():,} nodes" in notice
    assert f"{info['edges']:,} of {big.number_of_edges():,} edges" in notice
    assert "kg show DIR NAME" in notice
    for t in info["types"]:
        assert f"{t['name']} {t['shown']:,} of {t['total']:,}" in notice


def test_graphs_within_the_limit_give_the_page_they_always_gave(seed_build):
    result, out = seed_build
    text = (out / "kg.html").read_text("utf-8")
    assert result.graph.number_of_nodes() <= MAX_NODES
    assert "kg-overview" not in text and "overview" not in data_of(text)
    assert '<p id="kg-stats"></p>\n' in text  # the notice's slot leaves nothing behind
    # the same page as with no limit at all
    assert text == render_html(result.graph, max_nodes=None)


def test_no_limit_draws_every_node(big):
    small = corpus_graph(300, seed=2)
    assert len(page_data(small, max_nodes=None)["nodes"]) == small.number_of_nodes()
    assert len(page_data(small, max_nodes=100)["nodes"]) <= 100


def test_focus_of_a_large_page_is_on_it(big):
    leaf = next(n for n in sorted(big) if big.nodes[n]["type"] == "Author" and big.degree(n) == 1)
    data = page_data(big, max_nodes=300, focus=leaf)
    assert data["focus"] == leaf and leaf in {n["id"] for n in data["nodes"]}


def test_show_of_a_large_neighbourhood_is_an_overview_around_the_node(tmp_path):
    from kg.export.nodelink import write_nodelink
    from kg.view import show

    g = corpus_graph(1500, seed=6)
    hub = max((n for n in g if g.nodes[n]["type"] == "Concept"), key=g.degree)
    write_nodelink(g, tmp_path / "kg.json")
    r = show(tmp_path, g.nodes[hub]["label"], out=tmp_path / "hub.html", max_nodes=150)
    assert r.node == hub and r.graph.number_of_nodes() > 150
    text = (tmp_path / "hub.html").read_text("utf-8")
    data = data_of(text)
    assert data["focus"] == hub and hub in {n["id"] for n in data["nodes"]}
    assert len(data["nodes"]) <= 150
    assert data["overview"]["total_nodes"] == r.graph.number_of_nodes()
    assert f"of {r.graph.number_of_nodes():,} nodes" in NOTICE.search(text).group(1)


def test_page_size_does_not_grow_with_the_graph():
    pages = [render_html(corpus_graph(n, seed=3), max_nodes=400) for n in (1500, 4500)]
    sizes = [len(p) for p in pages]
    infos = [data_of(p)["overview"] for p in pages]
    assert infos[1]["total_nodes"] > 2.5 * infos[0]["total_nodes"]
    assert all(i["nodes"] <= 400 for i in infos)
    assert sizes[1] < 1.3 * sizes[0], sizes


def test_large_pages_are_byte_identical_whatever_the_order_and_hash_seed(tmp_path):
    a, b = corpus_graph(900, seed=5), corpus_graph(900, seed=5, shuffle=True)
    write_html(a, tmp_path / "a.html", max_nodes=300)
    write_html(b, tmp_path / "b.html", max_nodes=300)
    assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
    assert "kg-overview" in (tmp_path / "a.html").read_text("utf-8")
    code = ("import sys; sys.path.insert(0, sys.argv[2]); from test_html_large import corpus_graph; "
            "from kg.export.html import write_html; write_html(corpus_graph(900, seed=5), sys.argv[1], max_nodes=300)")
    for hash_seed in ("1", "2"):
        out = tmp_path / f"h{hash_seed}.html"
        subprocess.run([sys.executable, "-c", code, str(out), os.path.dirname(__file__)], check=True,
                       env={**os.environ, "PYTHONHASHSEED": hash_seed})
        assert out.read_bytes() == (tmp_path / "a.html").read_bytes()


def test_large_page_does_not_change_the_graph(big):
    before = ([(n, dict(d)) for n, d in big.nodes(data=True)],
              [(u, v, k, dict(d)) for u, v, k, d in big.edges(keys=True, data=True)])
    render_html(big, max_nodes=400)
    assert before == ([(n, dict(d)) for n, d in big.nodes(data=True)],
                      [(u, v, k, dict(d)) for u, v, k, d in big.edges(keys=True, data=True)])
