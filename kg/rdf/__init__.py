"""Linked data: kg's vocabulary, IRIs, RDF syntaxes, SHACL shapes and SPARQL.

``vocab``
    the ``KG`` and ``SCHEMA`` closed namespaces (``kg.ttl`` is the published ontology);
``iri``
    the one function that mints IRIs, and an RFC 3987 validator;
``syntax``
    deterministic writers for N-Triples, Turtle, JSON-LD and RDF/XML;
``sparql``
    loading an export into an embedded Oxigraph store, named queries (``queries/*.rq``),
    remote SPARQL 1.1 endpoints, result formats.

``shapes.ttl`` holds the SHACL shapes an export conforms to. docs/rdf.md is the written form.
Importing this package does no work; the modules import rdflib when they are used.
"""
from __future__ import annotations

from importlib import resources

__all__ = ["data_path"]


def data_path(name: str):
    """A data file shipped in this package (``kg.ttl``, ``shapes.ttl``, ``queries/x.rq``)."""
    return resources.files(__name__).joinpath(name)
