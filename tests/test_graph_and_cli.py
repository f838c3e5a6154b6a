"""The graph schema on the seed build, the basic exports read back, and the CLI's exact output."""
from __future__ import annotations

import json
import subprocess
import sys

import networkx as nx
import pytest
from click.testing import CliRunner

from conftest import GOLD, REPO, SEEDS
from kg.cli import main
from kg.graph.schema import NODE_TYPES, RELATIONS

EXTRACTION_RELATIONS = {"proposes", "uses", "evaluated_on", "about"}


def test_seed_graph_has_343_papers_and_follows_the_schema(seed_build):
    result, _ = seed_build
    g = result.graph
    assert isinstance(g, nx.MultiDiGraph)
    types = [t for _, t in g.nodes(data="type")]
    assert types.count("Paper") == 343
    assert set(types) <= set(NODE_TYPES)
    for n, d in g.nodes(data=True):
        assert d.get("label"), n
        assert n.startswith(NODE_TYPES[d["type"]] + ":")
    for u, v, k, d in g.edges(keys=True, data=True):
        assert k == d["relation"] and k in RELATIONS
        src_type, dst_types, _ = RELATIONS[k]
        assert g.nodes[u]["type"] == src_type and g.nodes[v]["type"] in dst_types, (u, k, v)
        assert d["rule"]
        if k in EXTRACTION_RELATIONS:
            assert d["evidence"] and 0 < d["confidence"] <= 1
            paper = g.nodes[u]
            text = paper["title"] + "\n\n" + paper["abstract"]
            assert text[d["start"]:d["end"]] == d["surface"]
            assert d["surface"] in d["evidence"]


def test_seed_graph_links_x_node_to_its_repository(seed_build):
    g = seed_build[0].graph
    (paper,) = [n for n, d in g.nodes(data=True) if d["type"] == "Paper" and d["title"].startswith("X-Node")]
    targets = {v: k for _, v, k in g.out_edges(paper, keys=True)}
    assert targets["repo:github.com/basiralab/x-node"] == "has_code"
    assert g.nodes["repo:github.com/basiralab/x-node"]["url"] == "https://github.com/basiralab/X-Node"
    proposed = [g.nodes[v]["label"] for v, k in targets.items() if k == "proposes"]
    assert "X-Node" in proposed


def test_entities_keep_support_and_aliases(seed_build):
    g = seed_build[0].graph
    for n, d in g.nodes(data=True):
        if d["type"] in {"Method", "Model", "Benchmark", "Concept"}:
            papers = {u for u, _ in g.in_edges(n)}
            assert d["support"] == len(papers), n
            assert isinstance(d["aliases"], list)


def test_graphml_reads_back_with_every_attribute(seed_build):
    result, out = seed_build
    h = nx.read_graphml(out / "kg.graphml", force_multigraph=True)
    g = result.graph
    assert h.number_of_nodes() == g.number_of_nodes()
    assert h.number_of_edges() == g.number_of_edges()
    for n, d in g.nodes(data=True):
        back = h.nodes[n]
        for k, v in d.items():
            assert k in back, (n, k)
            if isinstance(v, list):
                assert isinstance(back[k], str)
            elif isinstance(v, (int, float, str)) and not isinstance(v, bool):
                assert back[k] == v, (n, k)
    assert all(v is not None for _, d in h.nodes(data=True) for v in d.values())


def test_saved_build_reads_back_exactly(seed_build):
    from kg.export.nodelink import read_nodelink

    result, out = seed_build
    h = read_nodelink(out / "kg.json")
    g = result.graph
    assert dict(h.nodes(data=True)) == dict(g.nodes(data=True))
    assert sorted(h.edges(keys=True, data=True), key=repr) == sorted(g.edges(keys=True, data=True), key=repr)


def test_build_does_not_change_inputs_and_is_deterministic(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    runner = CliRunner()
    for out in (a, b):
        r = runner.invoke(main, ["build", str(SEEDS), "-o", str(out), "--format", "graphml", "-q"])
        assert r.exit_code == 0, r.output
    assert (a / "kg.json").read_bytes() == (b / "kg.json").read_bytes()
    assert (a / "kg.graphml").read_bytes() == (b / "kg.graphml").read_bytes()


JSONL = [
    {"id": "a1", "title": "FooNet: Fast Nets", "abstract": "We propose FooNet, evaluated on BarQA. "
     "Code: https://github.com/x/foonet.", "authors": ["Ada Lovelace", "Alan Turing"], "date": "2025-01-02"},
    {"id": "a2", "title": "Better Baselines", "abstract": "FooNet and GRPO are compared on BarQA.",
     "authors": ["Alan Turing"]},
]


def test_build_prints_exact_summary(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in JSONL) + "\n")
    out = tmp_path / "out"
    r = CliRunner().invoke(main, ["build", str(src), "-o", str(out), "--format", "graphml"])
    assert r.exit_code == 0, r.output
    assert r.output == (
        "entries read: 2\n"
        "papers: 2\n"
        "nodes:\n"
        "  Author: 2\n"
        "  Benchmark: 1\n"
        "  Method: 2\n"
        "  Paper: 2\n"
        "  Repository: 1\n"
        "edges:\n"
        "  authored_by: 3\n"
        "  evaluated_on: 2\n"
        "  has_code: 1\n"
        "  proposes: 1\n"
        "  uses: 2\n"
        f"wrote {out / 'kg.json'}\n"
        f"wrote {out / 'kg.graphml'}\n")


def test_extract_prints_one_json_object_a_paper(tmp_path):
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in JSONL) + "\n")
    r = CliRunner().invoke(main, ["extract", str(src), "--format", "jsonl"])
    assert r.exit_code == 0, r.output
    rows = [json.loads(l) for l in r.output.splitlines()]
    assert [x["id"] for x in rows] == ["a1", "a2"]
    assert rows[0] == {
        "id": "a1", "title": "FooNet: Fast Nets",
        "entities": [{"name": "FooNet", "aliases": [], "type": "method", "role": "proposed"},
                     {"name": "BarQA", "aliases": [], "type": "benchmark", "role": "mentioned"}],
        "urls": ["https://github.com/x/foonet"]}
    assert {e["name"]: e["role"] for e in rows[1]["entities"]} == {"FooNet": "mentioned", "GRPO": "mentioned",
                                                                  "BarQA": "mentioned"}


def test_unknown_input_is_a_clear_error(tmp_path):
    bad = tmp_path / "x.bin"
    bad.write_bytes(b"\x00\x01\x02")
    r = CliRunner().invoke(main, ["build", str(bad), "-o", str(tmp_path / "o")])
    assert r.exit_code == 2
    assert str(bad) in r.output and "Traceback" not in r.output
    assert not (tmp_path / "o" / "kg.json").exists()


def test_python_m_kg_runs_the_cli():
    r = subprocess.run([sys.executable, "-m", "kg", "--help"], capture_output=True, text=True, cwd=REPO)
    assert r.returncode == 0 and "build" in r.stdout and "extract" in r.stdout


def _metadata_links(g, provenance):
    return [(u, v, d) for u, v, d in g.edges(data=True) if d.get("provenance") == provenance]


def test_uai_bibtex_gives_229_papers_and_107_software_links():
    from conftest import FIXTURES
    from kg.build import run_build

    g = run_build([FIXTURES / "bibtex" / "pmlr_v286_uai2025.bib"]).graph
    assert sum(1 for _, t in g.nodes(data="type") if t == "Paper") == 229
    links = _metadata_links(g, "software")
    assert len(links) == 107
    assert len({u for u, _, _ in links}) == 107  # one software link a paper
    kinds = {g.nodes[v]["kind"] for _, v, _ in links}
    assert "github" in kinds and "other" in kinds  # Zenodo archives are kept too


def test_hf_api_gives_360_papers_with_authors_and_185_repositories():
    from conftest import FIXTURES
    from kg.build import run_build

    g = run_build([FIXTURES / "hf_daily_papers"]).graph
    papers = [n for n, t in g.nodes(data="type") if t == "Paper"]
    assert len(papers) == 360
    assert all(any(k == "authored_by" for _, _, k in g.out_edges(p, keys=True)) for p in papers)
    repo_links = _metadata_links(g, "githubRepo")
    assert len(repo_links) == 185
    assert all(g.nodes[v]["type"] == "Repository" and g.nodes[v]["url"].startswith("https://github.com/")
               for _, v, _ in repo_links)
