"""The vocabulary: the closed namespace in code and the kg.ttl ontology define the same terms."""
from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from rdflib import OWL, RDF, RDFS
from rdflib import namespace as rdf_namespaces

from kg.cli import main
from kg.rdf import data_path
from kg.rdf.vocab import KG, KG_NS, ONTOLOGY_IRI, SCHEMA, terms

REPO = Path(__file__).resolve().parents[1]
DOC = REPO / "docs" / "rdf.md"


@pytest.fixture(scope="module")
def ontology():
    g = rdflib.Graph()
    g.parse(data_path("kg.ttl"), format="turtle")
    return g


def _defined(g, kinds):
    return {str(s)[len(KG_NS):] for k in kinds for s in g.subjects(RDF.type, k) if str(s).startswith(KG_NS)}


def test_code_and_ontology_list_the_same_terms(ontology):
    in_file = _defined(ontology, (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty))
    assert in_file == set(terms(KG))
    # nothing else in kg's namespace is mentioned without being defined
    mentioned = {str(t)[len(KG_NS):] for t in ontology.all_nodes() if str(t).startswith(KG_NS)}
    assert mentioned == in_file


def test_classes_and_properties_are_described(ontology):
    for name in terms(KG):
        term = KG[name]
        assert (term, RDFS.label, None) in ontology, name
        assert (term, RDFS.comment, None) in ontology, name
        assert (term, RDFS.isDefinedBy, rdflib.URIRef(ONTOLOGY_IRI)) in ontology, name
        if (term, RDF.type, OWL.Class) in ontology:
            assert name[0].isupper() and (term, RDFS.subClassOf, None) in ontology, name
        else:
            assert name[0].islower(), name
            assert (term, RDFS.domain, None) in ontology or (term, SCHEMA.domainIncludes, None) in ontology, name
            assert (term, RDFS.range, None) in ontology or (term, SCHEMA.rangeIncludes, None) in ontology, name
    assert (rdflib.URIRef(ONTOLOGY_IRI), RDF.type, OWL.Ontology) in ontology


def test_ontology_links_to_real_schema_org_terms(ontology):
    sdo_terms = set(rdf_namespaces.SDO.__annotations__)
    for _, _, o in ontology:
        if isinstance(o, rdflib.URIRef) and str(o).startswith("https://schema.org/") and len(str(o)) > 19:
            assert str(o)[len("https://schema.org/"):] in sdo_terms, o


def test_namespaces_are_closed():
    with pytest.raises(AttributeError):
        KG.evaluatedIn  # noqa: B018
    with pytest.raises(AttributeError):
        SCHEMA.ScholarlyArticel  # noqa: B018
    assert str(KG.usesMethod) == KG_NS + "usesMethod"
    # every wrapped schema.org term exists in schema.org (rdflib's SDO lists them)
    assert set(terms(SCHEMA)) <= set(rdf_namespaces.SDO.__annotations__)


def test_docs_describe_every_term():
    text = DOC.read_text(encoding="utf-8")
    for name in terms(KG):
        assert re.search(rf"`kg:{name}`", text), f"docs/rdf.md does not describe kg:{name}"
    for name in terms(SCHEMA):
        assert f"schema:{name}" in text, f"docs/rdf.md does not mention schema:{name}"


def test_kg_vocab_prints_the_ontology():
    r = CliRunner().invoke(main, ["vocab"])
    assert r.exit_code == 0, r.output
    assert r.output == data_path("kg.ttl").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt, oxfmt", [("nt", ox.RdfFormat.N_TRIPLES), ("ttl", ox.RdfFormat.TURTLE),
                                        ("jsonld", ox.RdfFormat.JSON_LD), ("rdfxml", ox.RdfFormat.RDF_XML)])
def test_kg_vocab_formats_round_trip(tmp_path, ontology, fmt, oxfmt):
    out = tmp_path / f"vocab.{fmt}"
    r = CliRunner().invoke(main, ["vocab", "--format", fmt, "-o", str(out)])
    assert r.exit_code == 0, r.output
    triples = set(ox.parse(path=str(out), format=oxfmt))
    assert len(triples) == len(ontology)
    reference = set(ox.parse(path=str(data_path("kg.ttl")), format=ox.RdfFormat.TURTLE))
    assert triples == reference


def test_kg_vocab_shapes():
    r = CliRunner().invoke(main, ["vocab", "--shapes"])
    assert r.exit_code == 0 and "sh:NodeShape" in r.output
    r = CliRunner().invoke(main, ["vocab", "--shapes", "--format", "nt"])
    assert r.exit_code == 2 and "Turtle only" in r.output
