"""The analytics commands: exact output on small hand-built graphs, agreement with the
Python API and with independent counts on the seed build, and their errors."""
from __future__ import annotations

import json
from collections import Counter

import networkx as nx
import pytest
from click.testing import CliRunner

from kg.analytics.example import example_graph
from kg.cli import main
from kg.export.nodelink import write_nodelink

ANALYTICS = ("stats", "top", "neighbours", "path", "communities", "cooccur", "authors")


def run(*args, code: int = 0):
    result = CliRunner().invoke(main, [str(a) for a in args])
    assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
    return result


@pytest.fixture
def example(tmp_path):
    """A build directory holding the example graph's kg.json."""
    write_nodelink(example_graph(), tmp_path / "kg.json")
    return tmp_path


@pytest.fixture
def two_groups(tmp_path):
    """Two components with one community each, whatever Louvain's seed."""
    g = nx.MultiDiGraph(name="two groups")
    for pid, title in (("a1", "Sparse Mixtures"), ("a2", "Dense Mixtures"), ("b1", "Robot Hands")):
        g.add_node(f"paper:{pid}", type="Paper", label=title, title=title, paper_id=pid)
    for key, t, label in (("method:moe", "Method", "MoE"), ("concept:sparsity", "Concept", "sparsity"),
                          ("concept:scaling", "Concept", "scaling"), ("concept:robotics", "Concept", "robotics"),
                          ("benchmark:graspnet", "Benchmark", "GraspNet")):
        g.add_node(key, type=t, label=label, aliases=[], support=1)
    for p in ("paper:a1", "paper:a2"):
        g.add_edge(p, "method:moe", key="uses", relation="uses")
        g.add_edge(p, "concept:scaling", key="about", relation="about")
    g.add_edge("paper:a1", "concept:sparsity", key="about", relation="about")
    g.add_edge("paper:b1", "concept:robotics", key="about", relation="about")
    g.add_edge("paper:b1", "benchmark:graspnet", key="evaluated_on", relation="evaluated_on")
    write_nodelink(g, tmp_path / "kg.json")
    return tmp_path


# -- exact output -----------------------------------------------------------------------

def test_stats(example):
    assert run("stats", example).stdout == """\
nodes  19
edges  27
papers  4

type        nodes  min deg  median deg  mean deg  max deg
----------  -----  -------  ----------  --------  -------
Author          5        1         2.0      1.80        2
Benchmark       3        1         2.0      1.67        2
Concept         3        1         2.0      2.00        3
Method          2        2         2.0      2.00        2
Model           1        2         2.0      2.00        2
Paper           4        5         7.0      6.75        8
Repository      1        1         1.0      1.00        1
all            19        1         2.0      2.84        8

relation      edges
------------  -----
about             6
authored_by       9
evaluated_on      4
has_code          1
proposes          2
uses              5

degree  nodes
------  -----
1           4
2          10
3-4         1
5-8         4

connected components (edge direction ignored): 1
isolated nodes: 0
largest components: 19
"""


def test_stats_reads_the_kg_json_path_too(example):
    assert run("stats", example / "kg.json").stdout == run("stats", example).stdout


def test_top_by_papers_with_ties_by_name(example):
    assert run("top", example, "--type", "author", "--by", "papers", "-n", "3").stdout == """\
#  name     papers  degree  id
-  -------  ------  ------  --------------
1  Ann Lee       2       2  author:ann-lee
2  Bob Ray       2       2  author:bob-ray
3  Dan Wu        2       2  author:dan-wu
"""


def test_top_of_every_type_by_degree(example):
    assert run("top", example, "-n", "6").stdout == """\
#  name                          type     papers  degree  id
-  ----------------------------  -------  ------  ------  ------------------------------
1  GRPO for Math Reasoning       Paper         0       8  paper:p1
2  Training Web Agents with PPO  Paper         0       8  paper:p4
3  Scaling PPO and GRPO          Paper         0       6  paper:p2
4  VisBench: Agents that See     Paper         0       5  paper:p3
5  reinforcement learning        Concept       3       3  concept:reinforcement-learning
6  agents                        Concept       2       2  concept:agents
"""


def test_top_by_pagerank_prints_the_score(example):
    # the scores agree with python-igraph's (tests/test_analytics.py)
    assert run("top", example, "--type", "Method", "--by", "pagerank").stdout == """\
#  name  papers  degree  pagerank  id
-  ----  ------  ------  --------  -----------
1  GRPO       2       2  0.039205  method:grpo
2  PPO        2       2  0.037374  method:ppo
"""


def test_neighbours(example):
    assert run("neighbours", example, "ppo").stdout == """\
PPO [Method] (method:ppo): 2 nodes within 1 step

depth  type   name                          relations  id
-----  -----  ----------------------------  ---------  --------
    1  Paper  Scaling PPO and GRPO          uses       paper:p2
    1  Paper  Training Web Agents with PPO  uses       paper:p4
"""
    assert run("neighbours", example, "RL", "--depth", "2", "--type", "method").stdout == """\
reinforcement learning [Concept] (concept:reinforcement-learning): 2 nodes within 2 steps

depth  type    name  relations       id
-----  ------  ----  --------------  -----------
    2  Method  GRPO  proposes, uses  method:grpo
    2  Method  PPO   uses            method:ppo
"""
    assert run("neighbours", example, "GRPO", "-d", "2", "-t", "Organization").stdout == (
        "GRPO [Method] (method:grpo): 0 nodes within 2 steps\n")


def test_path(example):
    assert run("path", example, "GRPO", "math-500").stdout == """\
GRPO [Method]
  <-proposes- GRPO for Math Reasoning [Paper]
  -evaluated_on-> MATH500 [Benchmark]
length: 2
"""
    assert run("path", example, "GSM8K", "VisBench").stdout == """\
GSM8K [Benchmark]
  <-evaluated_on- GRPO for Math Reasoning [Paper]
  -authored_by-> Ann Lee [Author]
  <-authored_by- Training Web Agents with PPO [Paper]
  -evaluated_on-> VisBench [Benchmark]
length: 4
"""


def test_communities(two_groups):
    assert run("communities", two_groups).stdout == """\
2 communities (Louvain, seed 42, resolution 1.0)

#  nodes  papers  top concepts
-  -----  ------  -----------------
1      5       2  sparsity, scaling
2      3       1  robotics
"""
    assert run("communities", two_groups, "-n", "1", "--seed", "7").stdout == """\
2 communities (Louvain, seed 7, resolution 1.0); the 1 largest

#  nodes  papers  top concepts
-  -----  ------  -----------------
1      5       2  sparsity, scaling
"""


def test_cooccur(example):
    assert run("cooccur", example).stdout == """\
Method  Benchmark  papers
------  ---------  ------
GRPO    GSM8K           2
GRPO    MATH500         1
PPO     GSM8K           1
PPO     VisBench        1
"""
    assert run("cooccur", example, "--types", "concept", "-n", "1").stdout == """\
Concept  Concept                 papers
-------  ----------------------  ------
agents   reinforcement learning       1
"""


def test_authors(example):
    assert run("authors", example).stdout == """\
#  author   papers  coauthors  top collaborators
-  -------  ------  ---------  -----------------------------------
1  Ann Lee       2          3  Bob Ray (1), Dan Wu (1), Eve Ng (1)
2  Bob Ray       2          2  Ann Lee (1), Cy Dee (1)
3  Dan Wu        2          2  Eve Ng (2), Ann Lee (1)
4  Eve Ng        2          2  Dan Wu (2), Ann Lee (1)
5  Cy Dee        1          1  Bob Ray (1)
"""
    assert run("authors", example, "--pairs", "--top", "2").stdout == """\
author   author   papers
-------  -------  ------
Dan Wu   Eve Ng        2
Ann Lee  Bob Ray       1
"""
    assert run("authors", example, "--author", "eve ng").stdout == """\
collaborator  papers
------------  ------
Dan Wu             2
Ann Lee            1
"""


def test_authors_of_a_build_without_names(two_groups):
    assert run("authors", two_groups).stdout == (
        "no Author nodes in this build (its sources give author counts, not names)\n")
    assert json.loads(run("authors", two_groups, "--json").stdout) == []


def test_long_names_are_cut_in_tables_but_whole_in_json(tmp_path):
    g = example_graph()
    title = "A Very Long Title " * 6
    g.nodes["paper:p1"]["label"] = title
    write_nodelink(g, tmp_path / "kg.json")
    line = run("top", tmp_path, "-n", "1").stdout.splitlines()[2]
    assert "  " + title[:59] + "…  Paper" in line  # NAME_WIDTH is 60
    assert json.loads(run("top", tmp_path, "-n", "1", "--json").stdout)[0]["label"] == title


# -- --json is the API's result -----------------------------------------------------------

@pytest.mark.parametrize("args, call", [
    (["stats"], lambda g: g.stats()),
    (["top", "--type", "Concept", "--by", "pagerank", "-n", "3"], lambda g: g.top("Concept", by="pagerank", n=3)),
    (["path", "Cy Dee", "LLaVA"], lambda g: g.path("Cy Dee", "LLaVA")),
    (["communities", "--seed", "3"], lambda g: g.communities(seed=3)),
    (["cooccur", "--types", "Model,Concept"], lambda g: g.cooccur(["Model", "Concept"], n=20)),
    (["authors", "--pairs"], lambda g: g.collaboration_pairs(n=10)),
    (["authors", "-a", "Ann Lee", "-n", "2"], lambda g: g.collaborators("Ann Lee", n=2)),
])
def test_json_output_is_the_api_result(example, args, call):
    import kg

    out = run(args[0], example, *args[1:], "--json").stdout
    assert json.loads(out) == json.loads(json.dumps(call(kg.load(example))))


def test_neighbours_json_names_the_start_node(example):
    data = json.loads(run("neighbours", example, "GRPO", "--json").stdout)
    assert (data["id"], data["label"], data["type"], data["depth"]) == ("method:grpo", "GRPO", "Method", 1)
    assert [r["id"] for r in data["neighbours"]] == ["paper:p1", "paper:p2"]


# -- errors -----------------------------------------------------------------------------

def test_a_missing_build_is_a_one_line_error(tmp_path):
    for cmd in ANALYTICS:
        args = {"neighbours": ["x"], "path": ["x", "y"]}.get(cmd, [])
        r = run(cmd, tmp_path, *args, code=2)
        assert r.stderr == (f"Error: no saved build: {tmp_path} has no kg.json "
                            "(write one with: kg build INPUTS -o DIR)\n"), cmd
        assert r.stdout == ""


def test_unknown_and_ambiguous_names(example, tmp_path):
    r = run("neighbours", example, "GPRO", code=2)
    assert r.stderr == "Error: no node named 'GPRO'; did you mean: GRPO\n"
    r = run("path", example, "GRPO", "Nobody At All", code=2)
    assert r.stderr.startswith("Error: no node named 'Nobody At All'")
    g = example_graph()
    g.add_node("method:grpo-2", type="Method", label="GRPO", aliases=["Graph Reward Policy Optimization"])
    write_nodelink(g, tmp_path / "kg.json")
    r = run("neighbours", tmp_path, "grpo", code=2)
    assert r.stderr == ("Error: 'grpo' names 2 nodes; give a node id; did you mean: method:grpo (Group Relative "
                        "Policy Optimization), method:grpo-2 (Graph Reward Policy Optimization)\n")
    assert run("neighbours", tmp_path, "method:grpo-2").stdout.startswith("GRPO [Method] (method:grpo-2): 0 nodes")


def test_bad_options(example):
    r = run("top", example, "--type", "Metod", code=2)
    assert r.stderr == ("Error: no node type 'Metod' (types: Paper, Author, Organization, Method, Model, "
                        "Benchmark, Repository, Concept); did you mean: Method, Model\n")
    assert "Invalid value for '--by'" in run("top", example, "--by", "betweenness", code=2).stderr
    assert "one or two node types" in run("cooccur", example, "--types", "Method,Model,Concept", code=2).stderr
    assert "types other than Paper" in run("cooccur", example, "--types", "Paper,Method", code=2).stderr
    assert "--pairs or --author" in run("authors", example, "--pairs", "--author", "x", code=2).stderr
    assert "Invalid value for '-d' / '--depth'" in run("neighbours", example, "GRPO", "-d", "0", code=2).stderr
    r = run("authors", example, "--author", "Eve N", code=2)
    assert r.stderr == "Error: no Author node named 'Eve N'; did you mean: Eve Ng\n"


def test_every_analytics_help_ends_with_an_example():
    for cmd in ANALYTICS:
        text = run(cmd, "--help").stdout
        assert cmd in main.commands
        body = text.split("Options:")[0].rstrip().splitlines()
        i = max(i for i, line in enumerate(body) if line.strip() == "Example:")
        examples = [line.strip() for line in body[i + 1:]]
        assert examples and all(e.startswith(f"kg {cmd} ") for e in examples), (cmd, examples)


# -- the seed build -----------------------------------------------------------------------

def test_top_concepts_on_the_seed_build_agree_with_networkx(seed_build):
    result, out = seed_build
    g = result.graph
    rows = json.loads(run("top", out, "--type", "Concept", "--by", "papers", "-n", "10", "--json").stdout)
    papers = {c: {u for u in g.predecessors(c) if g.nodes[u]["type"] == "Paper"}
              for c, t in g.nodes(data="type") if t == "Concept"}
    order = sorted(papers, key=lambda c: (-len(papers[c]), g.nodes[c]["label"].casefold(), c))[:10]
    assert [r["id"] for r in rows] == order
    assert [r["papers"] for r in rows] == [len(papers[c]) for c in order]
    text = run("top", out, "--type", "Concept", "--by", "papers", "-n", "10").stdout.splitlines()
    assert len(text) == 12
    for line, c in zip(text[2:], order):
        assert line.split()[-1] == c and str(len(papers[c])) in line.split()


def test_stats_on_the_seed_build_agree_with_networkx(seed_build):
    result, out = seed_build
    g = result.graph
    s = json.loads(run("stats", out, "--json").stdout)
    assert (s["nodes"], s["edges"]) == (g.number_of_nodes(), g.number_of_edges())
    assert {t: v["nodes"] for t, v in s["types"].items()} == dict(Counter(t for _, t in g.nodes(data="type")))
    assert s["components"]["count"] == nx.number_weakly_connected_components(g)
    assert s["components"]["largest"][0] == max(len(c) for c in nx.weakly_connected_components(g))
    text = run("stats", out).stdout
    assert f"connected components (edge direction ignored): {nx.number_weakly_connected_components(g)}\n" in text


def test_communities_on_the_seed_build_are_the_same_for_the_same_seed(seed_build):
    out = seed_build[1]
    first = run("communities", out, "--seed", "42").stdout
    assert run("communities", out).stdout == first
    every = json.loads(run("communities", out, "--json", "-n", "1000").stdout)
    assert first.startswith(f"{len(every)} communities (Louvain, seed 42, resolution 1.0); the 10 largest\n")
    assert len(first.splitlines()) == 4 + 10
    for line, c in zip(first.splitlines()[4:], every):
        assert line.split()[:3] == [str(c["community"]), str(c["size"]), str(c["papers"])]


def test_cooccur_and_path_on_the_seed_build(seed_build):
    result, out = seed_build
    g = result.graph
    rows = json.loads(run("cooccur", out, "--json", "-n", "5").stdout)
    for r in rows:
        assert r["papers"] == len(set(g.predecessors(r["a"])) & set(g.predecessors(r["b"])))
    a, b = rows[0]["a"], rows[0]["b"]
    text = run("path", out, a, b).stdout
    assert text.endswith("length: 2\n")  # a paper links both


def test_authors_of_a_build_from_paper_records(tmp_path):
    from kg.build import build_from_papers
    from kg.model import Paper

    papers = [
        Paper("a1", "Sparse Experts", "We propose SparseMoE.", authors=("Ana Ruiz", "Li Wei", "Sam Oke")),
        Paper("a2", "Dense Experts", "We use SparseMoE.", authors=("Li Wei", "Ana Ruiz")),
        Paper("a3", "Hands", "Robot hands.", authors=("Sam Oke", "Kim Lo")),
    ]
    write_nodelink(build_from_papers(papers).graph, tmp_path / "kg.json")
    assert run("authors", tmp_path).stdout == """\
#  author    papers  coauthors  top collaborators
-  --------  ------  ---------  ------------------------------------
1  Sam Oke        2          3  Ana Ruiz (1), Kim Lo (1), Li Wei (1)
2  Ana Ruiz       2          2  Li Wei (2), Sam Oke (1)
3  Li Wei         2          2  Ana Ruiz (2), Sam Oke (1)
4  Kim Lo         1          1  Sam Oke (1)
"""
