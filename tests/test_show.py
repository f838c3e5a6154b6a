"""`kg show` and the neighbourhood functions behind it (kg.view)."""
from __future__ import annotations

import json
import re
import shutil

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.errors import NotFoundError
from kg.view import close_matches, find_node, neighbourhood, parse_types

DATA = re.compile(r'<script type="application/json" id="kg-data">(.*?)</script>', re.S)


def page(path) -> dict:
    return json.loads(DATA.search(path.read_text("utf-8")).group(1))


def run(*args):
    return CliRunner().invoke(main, ["show", *map(str, args)])


def node_named(g, label):
    (n,) = [n for n, d in g.nodes(data=True) if d["label"].casefold() == label.casefold()]
    return n


def ball(g, centre, depth, types=None):
    """Reference: breadth-first over the undirected view, entering only nodes of ``types``."""
    h = g.to_undirected(as_view=True)
    if types:
        h = h.subgraph([n for n, t in g.nodes(data="type") if t in types or n == centre])
    return set(nx.single_source_shortest_path_length(h, centre, cutoff=depth))


def test_show_writes_the_depth_1_neighbourhood(seed_build, tmp_path):
    result, out = seed_build
    g = result.graph
    centre = node_named(g, "reinforcement learning")
    r = run(out, "REINFORCEMENT learning", "-o", tmp_path / "rl.html")
    assert r.exit_code == 0, r.output
    data = page(tmp_path / "rl.html")
    expected = {centre} | set(nx.all_neighbors(g, centre))
    assert {n["id"] for n in data["nodes"]} == expected
    assert len(data["edges"]) == g.subgraph(expected).number_of_edges()
    assert data["focus"] == centre
    assert data["title"].startswith(g.nodes[centre]["label"])
    assert r.output == (f"wrote {tmp_path / 'rl.html'} ({len(expected)} nodes, "
                        f"{g.subgraph(expected).number_of_edges()} edges around {g.nodes[centre]['label']!r})\n")


def test_show_finds_a_node_by_alias_in_a_kg_json_file(seed_build, tmp_path):
    result, out = seed_build
    g = result.graph
    grpo = next(n for n, d in g.nodes(data=True) if "Group Relative Policy Optimization" in d.get("aliases", ()))
    r = run(out / "kg.json", "group relative policy optimization", "--depth", "2", "--types", "Paper",
            "-t", "method,benchmark", "-o", tmp_path / "g.html")
    assert r.exit_code == 0, r.output
    data = page(tmp_path / "g.html")
    assert data["focus"] == grpo
    types = {"Paper", "Method", "Benchmark"}
    assert {n["id"] for n in data["nodes"]} == ball(g, grpo, 2, types)
    assert {n["type"] for n in data["nodes"]} <= types
    # depth 2 without a type filter reaches further
    r = run(out, "GRPO", "-d", "2", "-o", tmp_path / "all.html")
    assert {n["id"] for n in page(tmp_path / "all.html")["nodes"]} == ball(g, grpo, 2)
    assert len(page(tmp_path / "all.html")["nodes"]) > len(data["nodes"])


def test_show_writes_to_a_slug_of_the_name_by_default(seed_build, tmp_path, monkeypatch):
    _, out = seed_build
    monkeypatch.chdir(tmp_path)
    r = run(out, "reinforcement learning", "--depth", "0")
    assert r.exit_code == 0, r.output
    written = tmp_path / "reinforcement-learning.html"
    assert [n["id"] for n in page(written)["nodes"]] == [page(written)["focus"]]


def test_unknown_name_fails_with_close_matches(seed_build, tmp_path):
    _, out = seed_build
    r = run(out, "reinforcment lerning", "-o", tmp_path / "x.html")
    assert r.exit_code == 2
    assert r.output.startswith("Error: no node named 'reinforcment lerning'; did you mean: reinforcement learning")
    assert "Traceback" not in r.output
    assert isinstance(r.exception, SystemExit)  # a clean exit, not an escaped exception
    assert not (tmp_path / "x.html").exists()


@pytest.mark.parametrize("args, message", [
    (["GRPO", "--types", "Paper,Widget"], "unknown node type 'Widget'"),
    (["GRPO", "--depth", "-1"], "Invalid value for '-d' / '--depth'"),
])
def test_bad_options_exit_2(seed_build, args, message):
    _, out = seed_build
    r = run(out, *args)
    assert r.exit_code == 2 and message in r.output and "Traceback" not in r.output


def test_target_without_a_build_exits_2(tmp_path):
    r = run(tmp_path, "GRPO")
    assert r.exit_code == 2
    assert "no kg.json in this directory" in r.output
    (tmp_path / "kg.json").write_text("{not json", "utf-8")
    r = run(tmp_path / "kg.json", "GRPO")
    assert r.exit_code == 2 and "not a saved kg graph" in r.output and "Traceback" not in r.output


def test_show_reads_a_copied_build(seed_build, tmp_path):
    """A build directory is enough: kg.json alone, moved elsewhere."""
    _, out = seed_build
    shutil.copy(out / "kg.json", tmp_path / "kg.json")
    r = run(tmp_path, "GRPO", "-o", tmp_path / "p.html")
    assert r.exit_code == 0, r.output


# -- kg.view, on small graphs ---------------------------------------------------------------


@pytest.fixture
def small():
    g = nx.MultiDiGraph()
    g.add_node("paper:1", type="Paper", label="Paper one")
    g.add_node("paper:2", type="Paper", label="Paper two")
    g.add_node("method:grpo", type="Method", label="GRPO", aliases=["Group Relative Policy Optimization"])
    g.add_node("method:grpo2", type="Method", label="grpo", aliases=[])  # same name, fewer edges
    g.add_node("concept:rl", type="Concept", label="reinforcement learning", aliases=["RL"])
    g.add_node("author:x", type="Author", label="X")
    g.add_edge("paper:1", "method:grpo", key="uses", relation="uses")
    g.add_edge("paper:2", "method:grpo", key="proposes", relation="proposes")
    g.add_edge("paper:1", "concept:rl", key="about", relation="about")
    g.add_edge("paper:1", "author:x", key="authored_by", relation="authored_by")
    return g


def test_find_node_by_id_label_or_alias(small):
    assert find_node(small, "concept:rl") == "concept:rl"
    assert find_node(small, "  Reinforcement   LEARNING ") == "concept:rl"
    assert find_node(small, "rl") == "concept:rl"
    assert find_node(small, "group relative policy optimization") == "method:grpo"
    # two labels match: the one with more edges wins
    assert find_node(small, "GRPO") == "method:grpo"
    with pytest.raises(NotFoundError) as e:
        find_node(small, "reinforcement")
    assert e.value.suggestions[0] == "reinforcement learning"


def test_close_matches_are_names_of_the_graph(small):
    assert close_matches(small, "Group Relative Policy Optimisation")[0] == "Group Relative Policy Optimization"
    assert close_matches(small, "zzzz") == []


def test_neighbourhood_depth_and_types(small):
    before = nx.node_link_data(small, edges="edges")
    assert set(neighbourhood(small, "method:grpo", 0)) == {"method:grpo"}
    assert set(neighbourhood(small, "method:grpo", 1)) == {"method:grpo", "paper:1", "paper:2"}
    assert set(neighbourhood(small, "method:grpo", 2)) == {"method:grpo", "paper:1", "paper:2", "concept:rl",
                                                          "author:x"}
    sub = neighbourhood(small, "method:grpo", 2, types=["Paper", "Concept"])
    assert set(sub) == {"method:grpo", "paper:1", "paper:2", "concept:rl"}
    assert sorted(sub.edges(keys=True)) == [("paper:1", "concept:rl", "about"), ("paper:1", "method:grpo", "uses"),
                                            ("paper:2", "method:grpo", "proposes")]
    assert nx.node_link_data(small, edges="edges") == before  # the graph is not changed
    sub.nodes["paper:1"]["label"] = "changed"
    assert small.nodes["paper:1"]["label"] == "Paper one"  # a copy, not a view


def test_parse_types():
    assert parse_types(["paper, METHOD", "Paper"]) == ["Paper", "Method"]
    assert parse_types(None) is None
    with pytest.raises(NotFoundError):
        parse_types(["Papers,Widget"])
