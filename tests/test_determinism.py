"""Two builds of the same inputs give byte-identical exports, whatever the order of the
input files, ``--jobs`` or the hash seed."""
from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import subprocess
import sys

import networkx as nx
import pytest

from conftest import SEEDS

from kg.export.nodelink import iter_nodelink, to_nodelink, write_nodelink
from kg.export.ntstream import write_ntriples
from kg.rdf.syntax import to_ntriples

FORMATS = [f for f, module in (("ttl", "kg.export.rdf"), ("nt", "kg.export.ntstream"), ("graphml", "kg.export.graphml"),
                               ("html", "kg.export.html")) if importlib.util.find_spec(module)]
FILES = {"json": "kg.json", "ttl": "kg.ttl", "nt": "kg.nt", "graphml": "kg.graphml", "html": "kg.html"}


def _hashes(d) -> dict:
    return {name: hashlib.sha256((d / name).read_bytes()).hexdigest()
            for name in [FILES["json"]] + [FILES[f] for f in FORMATS]}


def _kg(*args, hashseed: str):
    proc = subprocess.run([sys.executable, "-m", "kg", *map(str, args)], capture_output=True, text=True,
                          env={**os.environ, "PYTHONHASHSEED": hashseed}, timeout=600)
    assert proc.returncode == 0, proc.stderr
    return proc


def test_builds_are_byte_identical_whatever_the_order_jobs_and_hash_seed(tmp_path):
    pages = sorted(SEEDS.glob("*.txt"))
    assert len(pages) == 5
    a, b = tmp_path / "a", tmp_path / "b"
    _kg("build", SEEDS, "-o", a, "-f", ",".join(FORMATS), "-q", "-j", "1", hashseed="1")
    # the seeds hold more papers than one worker task, so -j 2 really splits the work
    _kg("build", *reversed(pages), "-o", b, "-f", ",".join(FORMATS), "-q", "-j", "2", "--no-cache", hashseed="2")
    ha, hb = _hashes(a), _hashes(b)
    assert ha == hb
    assert set(ha) == {FILES["json"]} | {FILES[f] for f in FORMATS}
    assert (a / "papers.jsonl").read_bytes() == (b / "papers.jsonl").read_bytes()


def _graph():
    g = nx.MultiDiGraph(name="t")
    g.add_node("paper:2", type="Paper", label="B \"quoted\"\nline", title="B", abstract="x\\y", date="2024-02-30")
    g.add_node("paper:1", type="Paper", label="A \u00e9", title="A", abstract="", upvotes=3)
    g.add_node("method:m", type="Method", label="M", aliases=["M-1", "Em"], support=2, proposed_in=1,
               merged_by=["same_name"])
    for p in ("paper:2", "paper:1"):
        g.add_edge(p, "method:m", key="uses", relation="uses", evidence="We use M.", start=7, end=8,
                   rule="coined", confidence=0.6, mentions=1)
    return g


def test_streamed_node_link_json_is_the_networkx_document(tmp_path):
    g = _graph()
    write_nodelink(g, tmp_path / "kg.json")
    expected = json.dumps(to_nodelink(g), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"
    assert (tmp_path / "kg.json").read_text(encoding="utf-8") == expected
    assert "".join(iter_nodelink(nx.MultiDiGraph())) == json.dumps(
        to_nodelink(nx.MultiDiGraph()), sort_keys=True, separators=(",", ":"))


def test_streamed_ntriples_equal_the_rdf_exporters_whatever_the_run_size(tmp_path):
    from kg.export import rdf

    g = _graph()
    # the reference: rdflib terms from the plain mapping, serialised and sorted in memory
    ref = to_ntriples(rdf.iter_triples(g))
    for run in (1, 3, 10**6):  # spilled to many sorted runs, or sorted in memory
        write_ntriples(g, tmp_path / f"s{run}.nt", run_lines=run)
        assert (tmp_path / f"s{run}.nt").read_bytes() == ref
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []  # no runs left behind
    # the node order of the graph does not matter
    h = nx.MultiDiGraph()
    h.add_nodes_from(reversed(list(g.nodes(data=True))))
    h.add_edges_from(reversed(list(g.edges(keys=True, data=True))))
    write_ntriples(h, tmp_path / "h.nt", run_lines=2)
    assert (tmp_path / "h.nt").read_bytes() == ref


def test_ntriples_of_the_seed_build_equal_the_rdf_exporters(seed_build, tmp_path):
    from kg.export import rdf

    result, _ = seed_build
    write_ntriples(result.graph, tmp_path / "kg.nt", run_lines=5000)
    assert (tmp_path / "kg.nt").read_bytes() == to_ntriples(rdf.iter_triples(result.graph))


@pytest.mark.parametrize("base", ["https://example.org/kg/", "https://example.org/x#"])
def test_base_iri_reaches_the_streamed_ntriples(tmp_path, base):
    write_ntriples(_graph(), tmp_path / "kg.nt", base_iri=base)
    assert base.encode() in (tmp_path / "kg.nt").read_bytes()
