"""The Python API: kg.build, kg.load and KnowledgeGraph."""
from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest

import kg
from conftest import REPO
from kg.analytics.example import example_graph
from kg.api import KnowledgeGraph, papers_from_graph
from kg.errors import BuildError, InputError, NotFoundError
from kg.model import Link, Paper

PAPERS = [
    Paper("x1", "GRPO for Maths", "We propose GRPO, a policy optimization method. We evaluate on GSM8K.",
          authors=("Ana Ruiz", "Li Wei"), date="2025-01-02", upvotes=7, arxiv_id="2501.00001",
          organization=("acme", "Acme AI"), links=(Link("https://github.com/acme/grpo", "github", "githubRepo"),)),
    Paper("x2", "Scaling PPO", "We use PPO and GRPO on GSM8K and MATH500 for reinforcement learning.",
          authors=("Li Wei", "Sam Oke")),
]


def _python(code: str) -> str:
    """Run ``code`` in a fresh interpreter (clean sys.modules) from the repository root."""
    done = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, check=True)
    return done.stdout.strip()


def assert_same_graph(a: nx.MultiDiGraph, b: nx.MultiDiGraph) -> None:
    """Equal nodes, edges (with keys) and attributes, in the same order, and graph attributes."""
    assert list(a.nodes(data=True)) == list(b.nodes(data=True))
    assert list(a.edges(keys=True, data=True)) == list(b.edges(keys=True, data=True))
    assert a.graph == b.graph
    assert type(a) is type(b)


# -- import kg --------------------------------------------------------------------------

def test_import_kg_loads_nothing_heavy():
    out = _python("import sys, kg; print(sorted(m for m in ('spacy', 'rdflib', 'networkx', 'kg.api') "
                  "if m in sys.modules))")
    assert out == "[]"


def test_loading_a_build_and_running_analytics_needs_neither_spacy_nor_rdflib(tmp_path):
    KnowledgeGraph(example_graph()).export(tmp_path, formats=())
    out = _python(f"import sys, kg; g = kg.load({str(tmp_path)!r}); g.stats(); g.top('Method', by='pagerank'); "
                  "g.neighbours('GRPO', depth=2); g.path('GRPO', 'Eve Ng'); g.communities(); g.cooccur(); "
                  "g.authors(); g.top('Metod') if False else None; "
                  "print(sorted(m for m in ('spacy', 'rdflib') if m in sys.modules))")
    assert out == "[]"


def test_kg_build_is_callable_whichever_is_imported_first():
    assert _python("import kg; print(callable(kg.build), kg.build.__name__)") == "True kg.build"
    assert _python("from kg.build import run_build; import kg; print(callable(kg.build), "
                   "kg.build.run_build is run_build)") == "True True"
    assert _python("from kg import build, load, KnowledgeGraph; print(callable(build), load.__module__, "
                   "KnowledgeGraph.__name__)") == "True kg.api KnowledgeGraph"
    with pytest.raises(AttributeError):
        kg.no_such_thing  # noqa: B018


# -- kg.build ---------------------------------------------------------------------------

def test_build_from_paper_records():
    g = kg.build(PAPERS)
    assert isinstance(g, KnowledgeGraph)
    assert g.papers == sorted(g.result.papers, key=lambda p: p.id)
    assert [p.id for p in g.papers] == ["x1", "x2"]
    types = {t for _, t in g.graph.nodes(data="type")}
    assert {"Paper", "Author", "Organization", "Method", "Benchmark", "Repository"} <= types
    assert g.find("grpo") == "method:grpo"
    assert g.files == [] and g.problems == []
    assert repr(g) == f"<KnowledgeGraph: 2 papers, {len(g.graph)} nodes, {g.graph.number_of_edges()} edges>"
    assert kg.build(PAPERS[0]).papers[0].id == "x1"  # one record


def test_build_from_a_file_writes_exports_and_loads_back_exactly(tmp_path):
    src = tmp_path / "papers.jsonl"
    src.write_text("".join(json.dumps({"id": p.id, "title": p.title, "abstract": p.abstract,
                                       "authors": list(p.authors)}) + "\n" for p in PAPERS), encoding="utf-8")
    out = tmp_path / "out"
    g = kg.build(src, out_dir=out, formats=["graphml", "gexf"])
    assert [f.name for f in g.files] == ["kg.json", "kg.graphml", "kg.gexf"]
    assert all(f.exists() for f in g.files)
    assert_same_graph(kg.load(out).graph, g.graph)
    assert_same_graph(kg.load(out / "kg.json").graph, g.graph)
    assert kg.load(out).source == out / "kg.json"


def test_build_skips_bad_files_only_when_asked(tmp_path):
    (tmp_path / "good.jsonl").write_text(json.dumps({"title": "A", "abstract": "We propose GRPO."}) + "\n")
    (tmp_path / "bad.jsonl").write_text("{not json\n")
    with pytest.raises(InputError):
        kg.build([tmp_path / "good.jsonl", tmp_path / "bad.jsonl"])
    g = kg.build([tmp_path / "good.jsonl", tmp_path / "bad.jsonl"], skip_bad=True)
    assert len(g.papers) == 1 and len(g.problems) == 1


def test_build_refuses_a_mix_of_paths_and_papers(tmp_path):
    with pytest.raises(TypeError, match="not a mix"):
        kg.build([PAPERS[0], tmp_path])


# -- kg.load ----------------------------------------------------------------------------

def test_load_reads_the_seed_build_back_exactly(seed_build):
    result, out = seed_build
    loaded = kg.load(out)
    assert_same_graph(loaded.graph, result.graph)
    summary = loaded.summary()
    assert summary == {k: v for k, v in result.summary().items() if k in summary}
    assert len(loaded.papers) == 343


def test_load_errors_name_the_problem(tmp_path):
    with pytest.raises(BuildError, match="has no kg.json"):
        kg.load(tmp_path)
    with pytest.raises(BuildError, match="does not exist"):
        kg.load(tmp_path / "nope.json")
    (tmp_path / "kg.json").write_text("{broken", encoding="utf-8")
    with pytest.raises(BuildError, match="not a readable kg build"):
        kg.load(tmp_path)
    (tmp_path / "kg.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(BuildError, match="not a readable kg build"):
        kg.load(tmp_path)
    (tmp_path / "kg.json").write_text(json.dumps(nx.node_link_data(nx.path_graph(2), edges="edges")))
    with pytest.raises(BuildError, match="node 0 has no type"):
        kg.load(tmp_path)


def test_papers_of_a_loaded_build_are_those_the_graph_keeps(tmp_path):
    built = kg.build(PAPERS, out_dir=tmp_path, formats=())
    loaded = kg.load(tmp_path).papers
    for before, after in zip(built.papers, loaded):
        for field in ("id", "title", "abstract", "authors", "date", "upvotes", "arxiv_id", "organization", "links"):
            assert getattr(after, field) == getattr(before, field), field
    assert loaded[1].author_count == 2 and loaded[1].organization is None


def test_papers_from_graph_orders_authors_by_position():
    g = example_graph()
    g.edges["paper:p4", "author:ann-lee", "authored_by"]["position"] = 0
    assert [p.authors for p in papers_from_graph(g) if p.id == "p4"] == [("Ann Lee", "Dan Wu", "Eve Ng")]


# -- RDF, SPARQL, export ----------------------------------------------------------------

def test_query_binds_values_instead_of_pasting_them():
    from rdflib import Literal

    g = KnowledgeGraph(example_graph())
    q = "SELECT DISTINCT ?s WHERE { ?s ?p ?name }"
    hits = {str(row.s) for row in g.query(q, name="GRPO")}
    assert len(hits) == 1 and "grpo" in hits.pop()
    assert len(list(g.query(q, name=Literal("GRPO")))) == 1
    assert list(g.query(q, name='GRPO" } UNION { ?s ?p ?o')) == []  # a value, not query text
    n = list(g.query("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"))[0][0]
    assert int(n) >= 19


def test_rdf_is_built_from_the_graph():
    g = KnowledgeGraph(example_graph())
    r = g.rdf()
    assert len(r) > g.graph.number_of_edges()
    other = g.rdf(base_iri="https://example.org/x/")
    assert any("https://example.org/x/" in str(s) for s in other.subjects())
    assert not any("https://example.org/x/" in str(s) for s in r.subjects())


def test_export_writes_kg_json_and_the_formats(tmp_path):
    g = KnowledgeGraph(example_graph())
    files = g.export(tmp_path, formats=["gexf", "graphml"])
    assert [f.name for f in files] == ["kg.json", "kg.gexf", "kg.graphml"]
    assert_same_graph(kg.load(tmp_path).graph, g.graph)
    assert nx.read_gexf(tmp_path / "kg.gexf").number_of_nodes() == 19


# -- analytics methods ------------------------------------------------------------------

def test_methods_delegate_to_kg_analytics():
    from kg import analytics as a

    g = KnowledgeGraph(example_graph())
    assert g.stats() == a.graph_stats(g.graph)
    assert g.top("Method", by="pagerank", n=2) == a.top_nodes(g.graph, "Method", by="pagerank", n=2)
    assert g.neighbours("PPO", depth=2) == a.neighbours(g.graph, "PPO", depth=2)
    assert g.path("GRPO", "Eve Ng") == a.shortest_path(g.graph, "GRPO", "Eve Ng")
    assert g.communities() == a.communities(g.graph, seed=42)
    assert g.communities(seed=7, n=1) == a.communities(g.graph, seed=7)[:1]
    assert g.cooccur(["Author", "Concept"]) == a.cooccurrence(g.graph, ["Author", "Concept"])
    assert g.authors(n=None) == a.top_authors(g.graph, n=None)
    assert g.collaborators("Dan Wu") == a.collaborators(g.graph, "Dan Wu")
    assert g.collaboration_pairs() == a.collaboration_pairs(g.graph)
    assert nx.utils.graphs_equal(g.coauthor_graph(), a.coauthor_graph(g.graph))
    with pytest.raises(NotFoundError):
        g.find("nothing like it")


def test_build_passes_run_build_options_through(tmp_path):
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl"
    first.write_text(json.dumps({"id": "a", "title": "GRPO", "abstract": "We propose GRPO."}) + "\n")
    second.write_text(json.dumps({"id": "b", "title": "PPO", "abstract": "We use PPO on GSM8K."}) + "\n")
    out = tmp_path / "out"
    kg.build(first, out_dir=out, formats=())
    both = kg.build(second, out_dir=out, update=True)
    assert [p.id for p in both.papers] == ["a", "b"]
    assert [p.id for p in kg.load(out).papers] == ["a", "b"]
