"""Turtle written from the mapping: ttl_blocks gives, block for block, the statements
turtle_block makes from nt_blocks (the reference), and the streamed kg.ttl is the bytes of
to_turtle, also when a subject is shared by two blocks (the line path takes over)."""
from __future__ import annotations

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from test_rdf_stream import _graph_with_a_shared_subject, _graphs

from kg.export import ntstream
from kg.export import rdf as rdf_export
from kg.rdf.syntax import UnrepresentableError, to_turtle, turtle_block, turtle_compactor

BASE = rdf_export.DEFAULT_BASE


def _reference_statements(g, base=BASE) -> list:
    compact = turtle_compactor()
    return [(b[: b.index(" ")], turtle_block(b, compact)) for b in rdf_export.nt_blocks(g, base)]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=_graphs())
def test_ttl_blocks_are_turtle_block_of_nt_blocks_on_any_graph(g):
    try:
        ref = _reference_statements(g)
    except (TypeError, UnrepresentableError) as exc:  # an int for a list, a paper without title
        with pytest.raises(type(exc)):
            list(rdf_export.ttl_blocks(g))
        return
    assert list(rdf_export.ttl_blocks(g)) == ref


def test_ttl_blocks_on_the_seeds_and_another_base(seed_build):
    g = seed_build[0].graph
    for base in (BASE, "https://example.org/x#"):
        statements = list(rdf_export.ttl_blocks(g, base))
        assert statements == _reference_statements(g, base)
        evidence = [t for s, t in statements if " a kg:Evidence ;\n" in t]
        assert len(evidence) == g.number_of_edges()  # every edge of the seeds is mapped


def test_iris_in_a_declared_namespace_are_compacted_in_evidence_statements():
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper", label="P", title="P")
    # a repository whose URL is a schema.org term: its IRI is written schema:Thing
    g.add_node("repo:r", type="Repository", label="R", url="https://schema.org/Thing")
    g.add_edge("paper:p", "repo:r", key="has_code", relation="has_code", rule="link", confidence=0.25, start=3)
    statements = dict(rdf_export.ttl_blocks(g))
    assert list(statements.items()) == _reference_statements(g)
    (evidence,) = [t for t in statements.values() if " a kg:Evidence ;\n" in t]
    assert "rdf:object schema:Thing ;" in evidence
    assert '"0.25"^^xsd:decimal' in evidence and '"3"^^xsd:integer' in evidence


@pytest.mark.parametrize("run", [1, 1000, 10**7])
def test_streamed_turtle_is_the_line_paths_bytes(seed_build, tmp_path, run):
    g = seed_build[0].graph
    ntstream.write_turtle(g, tmp_path / "kg.ttl", run_lines=run)
    ntstream.write_turtle_from_lines(g, tmp_path / "ref.ttl", run_lines=run)
    assert (tmp_path / "kg.ttl").read_bytes() == (tmp_path / "ref.ttl").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl", "ref.ttl"]  # no run left behind


@pytest.mark.parametrize("run", [1, 10**7])
def test_a_subject_in_two_blocks_is_written_by_the_line_path(tmp_path, monkeypatch, run):
    g, ev = _graph_with_a_shared_subject()
    subjects = [s for s, _ in rdf_export.ttl_blocks(g)]
    assert subjects.count(f"<{ev}>") == 2
    calls = []
    line_path = ntstream.write_turtle_from_lines
    monkeypatch.setattr(ntstream, "write_turtle_from_lines", lambda *a: (calls.append(1), line_path(*a)))
    ntstream.write_turtle(g, tmp_path / "kg.ttl", run_lines=run)
    assert calls == [1]
    assert (tmp_path / "kg.ttl").read_bytes() == to_turtle(rdf_export.iter_triples(g))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"]
