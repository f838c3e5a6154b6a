"""RDF export (first version: schema.org, Dublin Core and SKOS terms)."""
from __future__ import annotations

from urllib.parse import quote

from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SDO

from .atomic import atomic_write_bytes

__all__ = ["to_rdf", "write_turtle", "write_ntriples", "write_jsonld", "write_rdfxml", "DEFAULT_BASE"]

DEFAULT_BASE = "https://w3id.org/kg/"
KG = Namespace("https://w3id.org/kg/vocab#")
_CLASS = {"Paper": SDO.ScholarlyArticle, "Author": SDO.Person, "Organization": SDO.Organization,
          "Method": KG.Method, "Model": KG.Model, "Benchmark": KG.Benchmark,
          "Repository": SDO.SoftwareSourceCode, "Concept": SKOS.Concept}


def _iri(base: str, node: str) -> URIRef:
    return URIRef(base + quote(node, safe=""))


def to_rdf(g, base_iri: str = DEFAULT_BASE) -> Graph:
    r = Graph()
    r.bind("kg", KG)
    r.bind("schema", SDO)
    r.bind("dcterms", DCTERMS)
    r.bind("skos", SKOS)
    for n, d in g.nodes(data=True):
        s = _iri(base_iri, n)
        r.add((s, RDF.type, _CLASS[d["type"]]))
        r.add((s, RDFS.label, Literal(d["label"])))
        if d["type"] == "Paper":
            r.add((s, DCTERMS.title, Literal(d["title"])))
            if d.get("abstract"):
                r.add((s, DCTERMS.abstract, Literal(d["abstract"])))
            if d.get("date"):
                r.add((s, DCTERMS.date, Literal(d["date"], datatype=XSD.date)))
        for a in d.get("aliases", []):
            r.add((s, SKOS.altLabel, Literal(a)))
    for u, v, k, d in g.edges(keys=True, data=True):
        r.add((_iri(base_iri, u), KG[k], _iri(base_iri, v)))
    return r


def _write(g, path, fmt, base_iri=DEFAULT_BASE, **_):
    data = to_rdf(g, base_iri).serialize(format=fmt, encoding="utf-8")
    atomic_write_bytes(path, data)


def write_turtle(g, path, **opts):
    _write(g, path, "turtle", **opts)


def write_ntriples(g, path, **opts):
    _write(g, path, "nt", **opts)


def write_jsonld(g, path, **opts):
    _write(g, path, "json-ld", **opts)


def write_rdfxml(g, path, **opts):
    _write(g, path, "xml", **opts)
