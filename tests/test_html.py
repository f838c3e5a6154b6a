"""The HTML exporter without a browser: what the page holds, escaping, determinism, purity."""
from __future__ import annotations

import copy
import json
import math
import random
import re

import networkx as nx
import pytest

from kg.export.html import page_data, render_html, script_json, write_html
from kg.view.layout import SPACING, force_layout

DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def data_of(text: str) -> dict:
    return json.loads(DATA.search(text).group(1))


def snapshot(g: nx.MultiDiGraph):
    """Everything a graph holds, in a form that compares by value."""
    return (copy.deepcopy(g.graph), [(n, copy.deepcopy(d)) for n, d in g.nodes(data=True)],
            [(u, v, k, copy.deepcopy(d)) for u, v, k, d in g.edges(keys=True, data=True)])


def random_graph(n_papers: int, seed: int, shuffle: bool = False) -> nx.MultiDiGraph:
    """A schema-shaped graph: papers, authors, methods, concepts; nodes added in random order if asked."""
    rng = random.Random(seed)
    nodes, edges = [], []
    for i in range(n_papers):
        nodes.append((f"paper:{i:05d}", {"type": "Paper", "label": f"Paper {i}: a study", "title": f"Paper {i}: a study",
                                         "date": "2025-03-01", "upvotes": i % 17, "abstract": "We study things.",
                                         "arxiv_id": f"2503.{i:05d}"}))
    for j in range(n_papers // 2):
        nodes.append((f"method:m{j}", {"type": "Method", "label": f"M{j}", "aliases": [f"Method number {j}"],
                                       "support": 0}))
    for j in range(n_papers // 8 + 1):
        nodes.append((f"concept:c{j}", {"type": "Concept", "label": f"concept {j}", "aliases": [], "support": 0}))
    for i in range(n_papers):
        for j in rng.sample(range(n_papers // 2), k=min(3, n_papers // 2)):
            edges.append((f"paper:{i:05d}", f"method:m{j}", "uses", {"relation": "uses", "evidence": f"uses M{j}",
                                                                     "rule": "r"}))
        c = rng.randrange(n_papers // 8 + 1)
        edges.append((f"paper:{i:05d}", f"concept:c{c}", "about", {"relation": "about"}))
        for a in range(2):
            name = f"author:a{rng.randrange(n_papers)}"
            nodes.append((name, {"type": "Author", "label": name.split(":")[1]}))
            edges.append((f"paper:{i:05d}", name, "authored_by", {"relation": "authored_by", "position": a + 1}))
    if shuffle:
        rng.shuffle(nodes)
        rng.shuffle(edges)
    g = nx.MultiDiGraph(name="kg")
    for n, d in nodes:
        g.add_node(n, **d)
    for u, v, k, d in edges:
        if not g.has_edge(u, v, key=k):
            g.add_edge(u, v, key=k, **d)
    return g


# -- the seed page ---------------------------------------------------------------------------


def test_seed_page_holds_every_node_and_edge(seed_build):
    result, out = seed_build
    g = result.graph
    data = data_of((out / "kg.html").read_text("utf-8"))
    assert sorted(n["id"] for n in data["nodes"]) == sorted(str(n) for n in g.nodes)
    assert len(data["edges"]) == g.number_of_edges()
    assert sorted((e["from"], e["to"], e["relation"]) for e in data["edges"]) == \
        sorted((str(u), str(v), d["relation"]) for u, v, d in g.edges(data=True))
    assert {t["name"]: t["count"] for t in data["types"]} == {
        t: sum(1 for _, x in g.nodes(data="type") if x == t) for t in {x for _, x in g.nodes(data="type")}}
    # the seed graph is above the threshold: a precomputed layout and the most connected nodes labelled
    assert data["mode"] == "fixed"
    assert all(isinstance(n["x"], int) and isinstance(n["y"], int) for n in data["nodes"])
    labelled = {n["id"] for n in data["nodes"] if n["labelled"]}
    assert len(labelled) == data["labelled"] == round(math.sqrt(g.number_of_nodes()))
    top = max(g.nodes, key=g.degree)
    assert str(top) in labelled
    least = min(g.degree(n) for n in g.nodes if str(n) in labelled)
    assert all(g.degree(n) <= least for n in g.nodes if str(n) not in labelled)


def test_seed_paper_details(seed_build):
    result, out = seed_build
    g = result.graph
    data = data_of((out / "kg.html").read_text("utf-8"))
    by_id = {n["id"]: n for n in data["nodes"]}
    paper = next(n for n, d in sorted(g.nodes(data=True)) if d["type"] == "Paper" and d.get("date")
                 and d.get("upvotes") is not None)
    rows = dict(by_id[paper]["info"]["rows"])
    assert rows["Date"] == g.nodes[paper]["date"]
    assert rows["Upvotes"] == str(g.nodes[paper]["upvotes"])
    for _, repo, rel in g.out_edges(paper, data="relation"):
        if rel == "has_code":
            assert g.nodes[repo]["url"] in [u for _, u in by_id[paper]["info"]["links"]]
    grpo = next(n for n, d in g.nodes(data=True) if "Group Relative Policy Optimization" in d.get("aliases", ()))
    rows = dict(by_id[grpo]["info"]["rows"])
    assert "Group Relative Policy Optimization" in rows["Also called"]
    assert rows["Papers"] == str(len({m for m in nx.all_neighbors(g, grpo) if g.nodes[m]["type"] == "Paper"}))


def test_page_is_self_contained():
    text = render_html(random_graph(30, 1))
    # no element loads anything: no src or href attribute, no stylesheet link, no import
    assert not re.search(r"<(script|link|img|iframe|source|video|audio)\b[^>]*\b(src|href)\s*=", text, re.I)
    assert "@import" not in text and "<link" not in text.lower()
    assert "cdn.jsdelivr" not in text and "cdnjs" not in text
    # vis-network is inlined from the installed pyvis package
    assert "vis-network" in text and "new vis.Network" in text
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src 'none'" in csp


# -- escaping -------------------------------------------------------------------------------


def test_script_json_cannot_end_the_script_element():
    hostile = {"title": "</script><script>alert(1)</script><!-- -->", "x": "a\u2028b & c > d"}
    text = script_json(hostile)
    for bad in ("</", "<!--", "<", ">", "&", "\u2028"):
        assert bad not in text
    assert json.loads(text) == hostile


def test_text_from_the_graph_never_appears_raw_in_the_page():
    g = nx.MultiDiGraph()
    evil = "</script><img src=x onerror=alert(1)><!--"
    g.add_node("paper:1", type="Paper", label=evil, title=evil, abstract=evil, url="javascript:alert(1)")
    g.add_node("method:1", type="Method", label="M", aliases=[evil])
    g.add_edge("paper:1", "method:1", key="uses", relation="uses", evidence=evil)
    text = render_html(g, title=evil)
    assert "<img" not in text and "onerror=alert(1)>" not in text
    assert text.count("</script>") == 3  # the page's own three script elements
    assert "<title>&lt;/script&gt;&lt;img src=x onerror=alert(1)&gt;&lt;!--</title>" in text
    data = data_of(text)
    paper = next(n for n in data["nodes"] if n["id"] == "paper:1")
    assert paper["label"] == evil and paper["info"]["text"] == evil
    assert paper["info"]["links"] == []  # a javascript: URL is not a link
    assert data["edges"][0]["evidence"] == evil


# -- purity and determinism -----------------------------------------------------------------


def test_exporter_does_not_change_the_graph(seed_build, tmp_path):
    g = seed_build[0].graph
    before = snapshot(g)
    write_html(g, tmp_path / "kg.html")
    write_html(g, tmp_path / "small.html", layout_threshold=10**9, size_by="support", base_iri="http://x/")
    assert snapshot(g) == before


def test_same_graph_gives_byte_identical_pages(tmp_path):
    a = random_graph(200, 7)
    b = random_graph(200, 7, shuffle=True)  # same graph, nodes and edges added in another order
    assert list(a.nodes) != list(b.nodes)
    for threshold in (10, 10**9):  # precomputed layout, and browser layout
        write_html(a, tmp_path / "a.html", layout_threshold=threshold)
        write_html(b, tmp_path / "b.html", layout_threshold=threshold)
        write_html(a, tmp_path / "a2.html", layout_threshold=threshold)
        assert (tmp_path / "a.html").read_bytes() == (tmp_path / "b.html").read_bytes()
        assert (tmp_path / "a.html").read_bytes() == (tmp_path / "a2.html").read_bytes()
    # and the seed changes the layout
    write_html(a, tmp_path / "c.html", layout_threshold=10, seed=8)
    assert (tmp_path / "a.html").read_bytes() != (tmp_path / "c.html").read_bytes()


def test_nodes_and_edges_are_sorted():
    data = page_data(random_graph(40, 3, shuffle=True))
    ids = [n["id"] for n in data["nodes"]]
    assert ids == sorted(ids)
    keys = [(e["from"], e["to"], e["relation"]) for e in data["edges"]]
    assert keys == sorted(keys)
    assert [e["id"] for e in data["edges"]] == [f"e{i}" for i in range(len(keys))]


# -- options --------------------------------------------------------------------------------


def test_small_graphs_are_laid_out_in_the_browser_and_fully_labelled():
    g = random_graph(20, 2)
    data = page_data(g)
    assert data["mode"] == "physics"
    assert all("x" not in n for n in data["nodes"])
    assert all(n["labelled"] for n in data["nodes"])
    big = page_data(g, layout_threshold=5, labels=7)
    assert big["mode"] == "fixed" and sum(n["labelled"] for n in big["nodes"]) == 7


def test_size_by_support_uses_support_where_there_is_one():
    g = nx.MultiDiGraph()
    g.add_node("method:a", type="Method", label="A", support=24)
    g.add_node("method:b", type="Method", label="B", support=0)
    g.add_node("paper:p", type="Paper", label="P")
    g.add_edge("paper:p", "method:b", key="uses", relation="uses")
    by = {n["id"]: n["value"] for n in page_data(g, size_by="support")["nodes"]}
    assert by["method:a"] == 5.0 and by["method:b"] == 1.0 and by["paper:p"] == pytest.approx(math.sqrt(2), abs=1e-3)
    by = {n["id"]: n["value"] for n in page_data(g)["nodes"]}
    assert by["method:a"] == 1.0 and by["method:b"] == pytest.approx(math.sqrt(2), abs=1e-3)
    with pytest.raises(ValueError):
        page_data(g, size_by="colour")


def test_focus_must_be_a_node_and_is_recorded():
    g = random_graph(10, 1)
    assert page_data(g, focus="method:m1")["focus"] == "method:m1"
    with pytest.raises(ValueError):
        page_data(g, focus="method:nope")


def test_unknown_options_are_ignored(tmp_path):
    write_html(random_graph(10, 1), tmp_path / "x.html", base_iri="https://example.org/kg/", jobs=3)
    assert data_of((tmp_path / "x.html").read_text("utf-8"))["nodes"]


# -- layout ---------------------------------------------------------------------------------


def test_layout_places_leaves_by_their_node_and_keeps_components_apart():
    g = random_graph(150, 5)
    g.add_edge("method:lone1", "method:lone2", key="uses", relation="uses")
    pos = force_layout(g, seed=3)
    assert set(pos) == set(g.nodes)
    h = nx.Graph(g.to_undirected())
    for n in h:
        if h.degree(n) == 1:
            (p,) = h[n]
            if h.degree(p) > 1:
                d = math.dist(pos[n], pos[p])
                assert 0 < d <= 3 * SPACING, (n, p, d)
    # no two nodes on the same spot
    assert len(set(pos.values())) == len(pos)
    # the small component sits outside the bounding box of the large one
    main = max(nx.connected_components(h), key=len)
    xs = [pos[n][0] for n in main]
    ys = [pos[n][1] for n in main]
    for n in ("method:lone1", "method:lone2"):
        x, y = pos[n]
        assert not (min(xs) <= x <= max(xs) and min(ys) <= y <= max(ys))


def test_layout_pulls_linked_nodes_together():
    g = nx.Graph()
    for c in range(4):  # four dense clusters, joined by one edge each
        nodes = [f"{c}-{i}" for i in range(12)]
        g.add_edges_from((a, b) for i, a in enumerate(nodes) for b in nodes[i + 1:])
    g.add_edges_from([("0-0", "1-0"), ("1-0", "2-0"), ("2-0", "3-0")])
    for seed in (1, 2, 3):
        pos = force_layout(g, seed=seed)
        inside = [math.dist(pos[u], pos[v]) for u, v in g.edges if u[0] == v[0]]
        across = [math.dist(pos[u], pos[v]) for u in g for v in g if u[0] != v[0]]
        # clusters stay apart (a strong pull to the centre once squeezed them into one disc: 0.53)
        assert sum(inside) / len(inside) < 0.45 * sum(across) / len(across)
