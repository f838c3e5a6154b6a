"""The exporters' fast paths against their references on the cases they single out.

The Turtle mapping writes a node's direct triples straight as verbs, and an evidence
node's plain sentences and surface forms without nt_string; each case here is compared
with the rdflib-term mapping (iter_triples written by to_turtle / to_ntriples), and the
Turtle is read back by rdflib to the graph of that mapping. A node id with nothing to
encode is its own IRI segment, as quote() would give it.
"""
from __future__ import annotations

from urllib.parse import quote

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.export import ntstream
from kg.export import rdf as rdf_export
from kg.rdf.iri import encode_segment
from kg.rdf.syntax import to_ntriples, to_turtle, turtle_block, turtle_compactor


class _Text(str):
    """A str subclass: the fast paths take exact types only, the rest the general path."""


def _graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper", label="P", title="P", arxiv_id="2401.00001")
    g.add_node("paper:q", type="Paper", label="Q", title="Q")
    g.add_node("method:m", type="Method", label="M", aliases=["M", "Em"], support=2)
    g.add_node("method:n", type="Method", label="N", support=1)
    g.add_node("benchmark:b", type="Benchmark", label="B")
    g.add_node("author:a", type="Author", label="A")
    # a repository whose URL is a schema.org term: a node IRI that compacts, as an object
    g.add_node("repo:r", type="Repository", label="R", url="https://schema.org/Thing")
    g.add_node("venue:v", type="Venue", label="V")  # not mapped: its edges are skipped
    sentence = "We use M and N on B."
    g.add_edge("paper:p", "method:m", key="uses", relation="uses", evidence=sentence, surface="M", start=7, end=8,
               rule="r", confidence=0.5, mentions=2)
    # two keys of one relation: one direct triple, two evidence nodes
    g.add_edge("paper:p", "method:m", key="uses2", relation="uses", evidence=sentence, surface="", raw="Em")
    g.add_edge("paper:p", "method:n", key="uses", relation="uses", evidence='say "N"\n\ttwice', surface=_Text("N"))
    g.add_edge("paper:p", "benchmark:b", key="evaluated_on", relation="evaluated_on", evidence=_Text(sentence),
               surface="B\\", confidence=-0.0, start=True)
    g.add_edge("paper:p", "author:a", key="authored_by", relation="authored_by", position=1, rule="metadata",
               provenance="authors")
    g.add_edge("paper:p", "repo:r", key="has_code", relation="has_code", rule="link", evidence="")
    g.add_edge("paper:q", "method:m", key="proposes", relation="proposes", evidence=sentence, surface=7)
    g.add_edge("paper:q", "venue:v", key="published_by", relation="published_by")
    g.add_edge("paper:p", "paper:p", key="about", relation="about")  # a loop: an unmapped pair
    return g


def test_streamed_turtle_is_the_rdflib_mappings_turtle(tmp_path):
    g = _graph()
    ntstream.write_turtle(g, tmp_path / "kg.ttl")
    data = (tmp_path / "kg.ttl").read_bytes()
    assert data == to_turtle(rdf_export.iter_triples(g))
    assert b"kg:hasCode schema:Thing" in data
    assert isomorphic(Graph().parse(data=data.decode("utf-8"), format="turtle"), rdf_export.to_rdf(g))


def test_ttl_blocks_are_turtle_block_of_nt_blocks():
    g = _graph()
    compact = turtle_compactor()
    ref = [(b[: b.index(" ")], turtle_block(b, compact)) for b in rdf_export.nt_blocks(g)]
    assert list(rdf_export.ttl_blocks(g)) == ref


def test_ntriples_are_the_rdflib_mappings_lines(tmp_path):
    g = _graph()
    ntstream.write_ntriples(g, tmp_path / "kg.nt")
    assert (tmp_path / "kg.nt").read_bytes() == to_ntriples(rdf_export.iter_triples(g))


@pytest.mark.parametrize("verbs", [
    [("<https://schema.org/knows>", "schema:knows <https://e.org/b>")],
    [("<https://schema.org/a>", "schema:a 1"), ("<https://schema.org/zzz>", "schema:zzz 2")],
])
def test_made_verbs_take_their_predicates_place(verbs):
    lines = ('<https://e.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> .\n'
             '<https://e.org/a> <https://schema.org/name> "A" .\n')
    compact = turtle_compactor()
    as_lines = "".join(f"<https://e.org/a> {p} {text.split(' ', 1)[1]} .\n" for p, text in verbs)
    ref = turtle_block("".join(sorted(lines.splitlines(keepends=True) + as_lines.splitlines(keepends=True))),
                       compact)
    assert turtle_block(lines, compact, verbs) == ref


@settings(max_examples=300, deadline=None)
@given(text=st.text(alphabet=st.sampled_from("aZ09-._~ %/:\u00fc\n"), min_size=1, max_size=8))
def test_a_segment_with_nothing_to_encode_is_quotes_result(text):
    encoded = quote(text.encode("utf-8"), safe="")
    assert encode_segment(text) == (encoded if encoded.strip(".") else "%2E" * len(encoded))
