"""The fast RDF mapping and the streamed writers: kg.nt holds exactly the lines of the
rdflib-term mapping (the reference), kg.ttl exactly the bytes of the in-memory Turtle
writer, both read back to the same triples, and spilled runs never stay behind."""
from __future__ import annotations

import logging
import math
import re

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg.export import ntstream
from kg.export import rdf as rdf_export
from kg.rdf.syntax import UnrepresentableError, nt_parse_term, nt_term, to_jsonld, to_ntriples, to_rdfxml, to_turtle, \
    turtle_block, turtle_compactor
from kg.rdf.vocab import PREFIXES

BASE = rdf_export.DEFAULT_BASE


def _reference_nt(g, base=BASE) -> bytes:
    return to_ntriples(rdf_export.iter_triples(g, base))


def _fast_nt(g, base=BASE) -> bytes:
    return "".join(sorted(rdf_export.nt_blocks(g, base))).encode("utf-8")


def _subject(line: str) -> str:
    return line[: line.index(" ")]


# ---------------------------------------------------------------- the fast mapping
def test_fast_mapping_gives_the_reference_lines_on_the_seeds(seed_build):
    g = seed_build[0].graph
    blocks = list(rdf_export.nt_blocks(g))
    assert _fast_nt(g) == _reference_nt(g)
    assert len(blocks) > g.number_of_nodes()  # node blocks and one evidence block per edge
    for block in blocks[:2000]:
        lines = block.split("\n")[:-1]
        assert block.endswith("\n") and lines == sorted(set(lines))
        assert len({_subject(line) for line in lines}) == 1


def test_fast_mapping_with_another_base(seed_build):
    g = seed_build[0].graph
    base = "https://example.org/x#"
    fast = _fast_nt(g, base)
    assert fast == _reference_nt(g, base)
    assert b"<https://example.org/x#evidence/" in fast and b"w3id.org/kg/author" not in fast


_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12)
_VALUE = st.one_of(st.none(), _TEXT, st.sampled_from(["", "2024-05-01", "2024-05", "2024", "2024-02-30", "2024-13",
                                                      "\u0662\u0660\u0662\u0664", "0000-01", "2401.00001v2",
                                                      "https://github.com/o/r", "https://x.io/a b{c}", "10.1/x y"]),
                   st.integers(min_value=-10**20, max_value=10**20), st.booleans(),
                   st.floats(allow_nan=True, allow_infinity=True), st.sampled_from([0.0, -0.0, 0.6, 1e-7, 1e20]),
                   st.lists(st.one_of(_TEXT, st.integers(), st.none()), max_size=3))
_NODE_ATTRS = ["label", "title", "abstract", "date", "arxiv_id", "doi", "url", "upvotes", "author_count", "venue",
               "keywords", "categories", "name", "handle", "kind", "aliases", "support", "proposed_in", "merged_by"]
_EDGE_ATTRS = ["rule", "confidence", "evidence", "start", "end", "mentions", "position", "surface", "raw",
               "provenance"]
_TYPES = ["Paper", "Author", "Organization", "Method", "Model", "Benchmark", "Concept", "Repository", "Venue", None]
_RELATIONS = ["authored_by", "published_by", "affiliated_with", "proposes", "uses", "evaluated_on", "has_code",
              "has_project_page", "about", "cites"]


@st.composite
def _graphs(draw):
    g = nx.MultiDiGraph()
    n = draw(st.integers(min_value=1, max_value=6))
    ids = draw(st.lists(st.one_of(st.sampled_from(["paper:1", "method:a b", "repo:x", "author:Zoë", "concept:..",
                                                   "plain", "org:ünï"]), _TEXT.filter(bool)),
                        min_size=n, max_size=n, unique=True))
    for node in ids:
        attrs = draw(st.dictionaries(st.sampled_from(_NODE_ATTRS), _VALUE, max_size=8))
        g.add_node(node, type=draw(st.sampled_from(_TYPES)), **attrs)
    for _ in range(draw(st.integers(min_value=0, max_value=8))):
        u, v = draw(st.sampled_from(ids)), draw(st.sampled_from(ids))
        rel = draw(st.sampled_from(_RELATIONS))
        key = draw(st.sampled_from([rel, rel + "2"]))  # two keys of one relation: the same direct triple
        attrs = draw(st.dictionaries(st.sampled_from(_EDGE_ATTRS), _VALUE, max_size=6))
        g.add_edge(u, v, key=key, relation=rel, **attrs)
    return g


class _Warnings(logging.Handler):
    def __init__(self):
        super().__init__()
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(g=_graphs())
def test_fast_mapping_equals_the_reference_on_any_graph(g):
    log = logging.getLogger("kg.export.rdf")
    handler = _Warnings()
    log.addHandler(handler)
    try:
        try:
            ref = _reference_nt(g)
        except (TypeError, UnrepresentableError) as exc:  # an int for a list, a paper without title
            with pytest.raises(type(exc)):
                _fast_nt(g)
            return
        ref_warnings = list(handler.messages)
        handler.messages.clear()
        fast = _fast_nt(g)
    finally:
        log.removeHandler(handler)
    assert fast == ref
    assert handler.messages == ref_warnings


def test_numbers_and_dates_keep_their_lexical_forms():
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper", label="P", title="P", date="2024-05-01", upvotes=10**19, author_count=True)
    g.add_node("method:m", type="Method", label="M", aliases=[], support=-3)
    for i, conf in enumerate([0.0, -0.0, 0.6, 1.0, 1e-7, 1e20, math.inf, math.nan, 2, True]):
        g.add_edge("paper:p", "method:m", key=f"uses{i}", relation="uses", confidence=conf, start=i)
    nt = _fast_nt(g).decode()
    assert nt.encode() == _reference_nt(g)
    decimals = re.findall(r'"([^"]*)"\^\^<http://www.w3.org/2001/XMLSchema#decimal>', nt)
    assert sorted(decimals) == sorted(["0", "-0", "0.6", "1", "0.0000001", "100000000000000000000", "2"])
    assert f'"{10**19}"^^<http://www.w3.org/2001/XMLSchema#integer>' in nt
    assert "authorCount" not in nt  # a bool is not an integer


def test_a_paper_without_title_or_label_is_an_error():
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper")
    g.nodes["paper:p"]["label"] = None
    with pytest.raises(UnrepresentableError):
        _reference_nt(g)
    with pytest.raises(UnrepresentableError):
        _fast_nt(g)


# ---------------------------------------------------------------- streamed N-Triples
def _graph_with_a_shared_subject():
    """A repository whose URL is the IRI of an evidence node: two blocks, one subject."""
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper", label="P", title="P")
    g.add_node("method:m", type="Method", label="M", aliases=["M"], support=1)
    g.add_edge("paper:p", "method:m", key="uses", relation="uses", rule="r", confidence=0.5)
    ev = str(rdf_export.evidence_iri(BASE, "paper:p", "uses", "method:m"))
    g.add_node("repo:r", type="Repository", label="R", url=ev)
    g.add_edge("paper:p", "repo:r", key="has_code", relation="has_code", rule="link")
    return g, ev


def test_blocks_of_one_subject_are_joined(tmp_path):
    g, ev = _graph_with_a_shared_subject()
    subjects = [_subject(b) for b in rdf_export.nt_blocks(g)]
    assert subjects.count(f"<{ev}>") == 2
    ref = _reference_nt(g)
    for run in (1, 2, 10**6):
        ntstream.write_ntriples(g, tmp_path / f"{run}.nt", run_lines=run)
        assert (tmp_path / f"{run}.nt").read_bytes() == ref


@pytest.mark.parametrize("run", [1, 1000, 10**7])
def test_streamed_ntriples_of_the_seeds_equal_the_reference(seed_build, tmp_path, run):
    g, out = seed_build
    g = g.graph
    ntstream.write_ntriples(g, tmp_path / "kg.nt", run_lines=run)
    data = (tmp_path / "kg.nt").read_bytes()
    assert data == _reference_nt(g) == (out / "kg.nt").read_bytes()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.nt"]  # no run left behind


def test_runs_are_spilled_and_removed_even_when_the_reader_stops(seed_build, tmp_path):
    g = seed_build[0].graph
    stream = ntstream.sorted_blocks(rdf_export.nt_blocks(g), tmp_path, run_lines=5000)
    first = next(stream)
    runs = [p for p in tmp_path.iterdir() if p.name.startswith(".kg.nt-run.")]
    assert len(runs) > 1  # the seeds give about 47,000 lines: several runs of 5,000
    stream.close()
    assert list(tmp_path.iterdir()) == []
    assert first.split(b"\n")[0].decode() == _reference_nt(g).decode().split("\n")[0]


def test_an_unpaired_surrogate_is_a_clear_error_and_keeps_the_old_file(tmp_path):
    g = nx.MultiDiGraph()
    g.add_node("method:m", type="Method", label="ok", aliases=["bad \udc80"], support=1)
    for fmt, write in (("nt", ntstream.write_ntriples), ("ttl", ntstream.write_turtle)):
        path = tmp_path / f"kg.{fmt}"
        path.write_bytes(b"old")
        with pytest.raises(UnrepresentableError, match="surrogate"):
            write(g, path, run_lines=1)
        assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.nt", "kg.ttl"]


# ---------------------------------------------------------------- streamed Turtle
@pytest.mark.parametrize("run", [1000, 10**7])
def test_streamed_turtle_is_the_in_memory_writers_bytes(seed_build, tmp_path, run):
    g = seed_build[0].graph
    ntstream.write_turtle(g, tmp_path / "kg.ttl", run_lines=run)
    assert (tmp_path / "kg.ttl").read_bytes() == to_turtle(rdf_export.iter_triples(g))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.ttl"]


def test_turtle_and_ntriples_read_back_to_the_same_triples(seed_build):
    _, out = seed_build
    ttl, nt = out / "kg.ttl", out / "kg.nt"
    ox_ttl = set(ox.parse(path=str(ttl), format=ox.RdfFormat.TURTLE))
    ox_nt = set(ox.parse(path=str(nt), format=ox.RdfFormat.N_TRIPLES))
    assert ox_ttl == ox_nt and len(ox_nt) > 40_000  # 45,154 triples from the seeds
    r_ttl, r_nt = rdflib.Graph(), rdflib.Graph()
    r_ttl.parse(ttl, format="turtle")
    r_nt.parse(nt, format="nt")
    assert set(r_ttl) == set(r_nt) and len(r_nt) == len(ox_nt)


def test_turtle_has_one_readable_block_per_subject(seed_build):
    _, out = seed_build
    text = (out / "kg.ttl").read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    assert head.splitlines()[0] == "@prefix dcterms: <http://purl.org/dc/terms/> ."
    blocks = body.rstrip("\n").split("\n\n")
    subjects = [b.split(" ", 1)[0] for b in blocks]
    assert len(subjects) == len(set(subjects)) == len({_subject(x) for x in (out / "kg.nt").read_text(
        encoding="utf-8").splitlines()})
    assert "kg:Evidence" in text and "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>" not in text
    namespaces = dict(PREFIXES)

    def full(verb):  # predicates are in the order of their IRIs
        prefix, _, local = verb.partition(":")
        return verb[1:-1] if verb.startswith("<") else namespaces[prefix] + local

    for block in blocks:
        verbs = [part.split(" ", 1)[0] for part in re.split(r" ;\n    ", block.split(" ", 1)[1])]
        iris = [full(v) for v in verbs[1:]]
        assert verbs[0] == "a" and iris == sorted(iris) and len(set(verbs)) == len(verbs), block[:300]
        assert block.endswith(" .")


def test_turtle_block_compacts_terms_and_keeps_others():
    compact = turtle_compactor()
    block = ('<https://e.org/a\\u0020b> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> .\n'
             '<https://e.org/a\\u0020b> <https://schema.org/name> "x\\"y"^^<http://www.w3.org/2001/XMLSchema#string2> .\n'
             '<https://e.org/a\\u0020b> <https://schema.org/name> "5"^^<http://www.w3.org/2001/XMLSchema#integer> .\n'
             '<https://e.org/a\\u0020b> <https://w3id.org/kg/vocab#a/b> <https://w3id.org/kg/vocab#x> .\n')
    assert turtle_block(block, compact) == (
        '<https://e.org/a\\u0020b> a schema:Person ;\n'
        '    schema:name "x\\"y"^^xsd:string2,\n'
        '        "5"^^xsd:integer ;\n'
        '    <https://w3id.org/kg/vocab#a/b> kg:x .')


# ---------------------------------------------------------------- JSON-LD and RDF/XML
@pytest.mark.parametrize("fmt", ["jsonld", "rdfxml"])
def test_streamed_jsonld_and_rdfxml_are_the_in_memory_writers_bytes(seed_build, tmp_path, fmt):
    g = seed_build[0].graph
    write = {"jsonld": ntstream.write_jsonld, "rdfxml": ntstream.write_rdfxml}[fmt]
    serialize = {"jsonld": to_jsonld, "rdfxml": to_rdfxml}[fmt]
    write(g, tmp_path / "out", run_lines=2000)
    assert (tmp_path / "out").read_bytes() == serialize(rdf_export.iter_triples(g))
    empty = nx.MultiDiGraph()
    write(empty, tmp_path / "empty")
    assert (tmp_path / "empty").read_bytes() == serialize([])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["empty", "out"]


def test_jsonld_of_the_seeds_is_one_json_document_with_a_node_per_subject(seed_build):
    import json

    _, out = seed_build
    doc = json.loads((out / "kg.jsonld").read_text(encoding="utf-8"))
    assert doc["@context"] == dict(PREFIXES)
    ids = [node["@id"] for node in doc["@graph"]]
    nt_subjects = {_subject(line)[1:-1] for line in (out / "kg.nt").read_text(encoding="utf-8").splitlines()}
    assert len(ids) == len(set(ids)) and set(ids) == nt_subjects


@settings(max_examples=200, deadline=None)
@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_terms_read_back_from_their_ntriples_form(text):
    from rdflib import Literal, URIRef

    assert nt_parse_term(nt_term(Literal(text))) == (None, text, None)
    dt = "https://e.org/type"  # a datatype rdflib does not normalise
    assert nt_parse_term(nt_term(Literal(text, datatype=URIRef(dt)))) == (None, text, dt)
    iri = "https://e.org/" + text
    assert nt_parse_term(nt_term(URIRef(iri))) == (iri, None, None)


def test_many_runs_are_merged_in_groups(seed_build, tmp_path, monkeypatch):
    g = seed_build[0].graph
    monkeypatch.setattr(ntstream, "MAX_OPEN_RUNS", 3)
    merges = []
    merge = ntstream._merge_runs
    monkeypatch.setattr(ntstream, "_merge_runs", lambda group, *a: (merges.append(len(group)), merge(group, *a)))
    ntstream.write_ntriples(g, tmp_path / "kg.nt", run_lines=2000)  # about 24 runs, merged 3 at a time
    assert (tmp_path / "kg.nt").read_bytes() == _reference_nt(g)
    assert len(merges) > 5 and set(merges) == {3}
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kg.nt"]
