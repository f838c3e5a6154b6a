"""RDF export: the graph in kg's vocabulary, as Turtle, N-Triples, JSON-LD or RDF/XML.

docs/rdf.md is the written mapping. In short: papers are ``schema:ScholarlyArticle`` with
Dublin Core title, abstract, date and creators; authors ``schema:Person``; organisations
``schema:Organization``; code repositories ``schema:SoftwareSourceCode`` (project pages
``schema:WebPage``); methods, models and benchmarks the closed ``kg:`` classes (also typed
with their schema.org super-class); concepts ``skos:Concept``. Every entity carries SKOS
labels, ``kg:nameKey`` lookup keys (lower case) and its ``kg:support``. Every edge is one
direct triple (``kg:evaluatedOn``...) plus a ``kg:Evidence`` node that describes it
(``rdf:subject``/``rdf:predicate``/``rdf:object``) with the sentence (``prov:value``), the
paper (``prov:wasDerivedFrom``), the rule and the confidence.

IRIs come from :mod:`kg.rdf.iri` only; there are no blank nodes; the output depends only on
the graph (sorted, byte-identical between runs). The graph given is never changed.
"""
from __future__ import annotations

import datetime as _dt
import logging
import math
import re
from decimal import Decimal

from .atomic import atomic_write_bytes

__all__ = ["DEFAULT_BASE", "node_iris", "evidence_iri", "iter_triples", "to_rdf",
           "write_turtle", "write_ntriples", "write_jsonld", "write_rdfxml"]

log = logging.getLogger(__name__)

DEFAULT_BASE = "https://w3id.org/kg/"

#: graph relation -> predicate local name (``uses`` is split by the target's type)
_PREDICATES = {
    ("authored_by", None): ("dcterms", "creator"),
    ("published_by", None): ("schema", "publisher"),
    ("affiliated_with", None): ("schema", "affiliation"),
    ("proposes", None): ("kg", "proposes"),
    ("uses", "Method"): ("kg", "usesMethod"),
    ("uses", "Model"): ("kg", "usesModel"),
    ("evaluated_on", None): ("kg", "evaluatedOn"),
    ("has_code", None): ("kg", "hasCode"),
    ("has_project_page", None): ("kg", "hasProjectPage"),
    ("about", None): ("kg", "aboutConcept"),
}


def _ns():
    """The namespaces, imported when an export is asked for (rdflib is heavy)."""
    from rdflib import RDF, RDFS, XSD
    from rdflib.namespace import DCTERMS, PROV, SKOS

    from ..rdf.vocab import KG, SCHEMA

    return {"rdf": RDF, "rdfs": RDFS, "xsd": XSD, "dcterms": DCTERMS, "prov": PROV, "skos": SKOS,
            "kg": KG, "schema": SCHEMA}


def _split_id(node: str) -> tuple[str, str]:
    """``method:grpo`` -> ("method", "grpo"); an id without a known prefix -> ("node", id)."""
    from ..graph.schema import NODE_TYPES

    prefix, sep, local = str(node).partition(":")
    if sep and local and prefix in NODE_TYPES.values():
        return prefix, local
    return "node", str(node)


def node_iris(g, base_iri: str = DEFAULT_BASE) -> dict:
    """node id -> IRI for every node of ``g``.

    Papers with an arXiv id get ``https://arxiv.org/abs/ID``; repositories and pages their
    URL; everything else ``base_iri`` + kind + ``/`` + the encoded local id. An IRI is
    never shared: the minted IRIs are reserved first, and a node whose preferred IRI is
    taken (two nodes with one arXiv id) keeps its minted one.
    """
    from ..rdf.iri import arxiv_iri, check_base, mint, url_iri

    check_base(base_iri)
    minted = {n: mint(base_iri, *_split_id(n)) for n in g.nodes}
    taken = set(minted.values())
    out = {}
    for n in sorted(g.nodes, key=str):
        d = g.nodes[n]
        preferred = None
        if d.get("type") == "Paper" and d.get("arxiv_id"):
            preferred = arxiv_iri(d["arxiv_id"])
        elif d.get("type") == "Repository" and d.get("url"):
            preferred = url_iri(d["url"])
        if preferred is not None and preferred not in taken:
            taken.add(preferred)
            out[n] = preferred
        else:
            out[n] = minted[n]
    return out


def evidence_iri(base_iri: str, u, key, v):
    """The IRI of the evidence node of edge ``(u, v, key)``: a hash of the three ids."""
    from ..rdf.iri import mint
    from ..textnorm import short_hash

    return mint(base_iri, "evidence", short_hash(f"{u}\x1f{key}\x1f{v}", 20))


# ---------------------------------------------------------------- literals
def _int(x):
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(x, bool) or not isinstance(x, int):
        return None
    return Literal(str(x), datatype=XSD.integer)


def _decimal(x):
    from rdflib import Literal
    from rdflib.namespace import XSD

    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        return None
    return Literal(format(Decimal(repr(float(x))).normalize(), "f"), datatype=XSD.decimal)


def _text(x):
    from rdflib import Literal

    return Literal(x) if isinstance(x, str) and x else None


_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")
_YEAR_MONTH = re.compile(r"\d{4}-\d{2}")
_YEAR = re.compile(r"\d{4}")


def _date(x):
    """``YYYY-MM-DD`` -> xsd:date, ``YYYY-MM`` -> xsd:gYearMonth, ``YYYY`` -> xsd:gYear, else a string."""
    from rdflib import Literal
    from rdflib.namespace import XSD

    if not isinstance(x, str) or not x:
        return None
    if _DATE.fullmatch(x):
        try:
            return Literal(_dt.date.fromisoformat(x).isoformat(), datatype=XSD.date)
        except ValueError:  # 2024-02-30
            return _text(x)
    if _YEAR_MONTH.fullmatch(x) and 1 <= int(x[5:]) <= 12:
        return Literal(x, datatype=XSD.gYearMonth)
    if _YEAR.fullmatch(x):
        return Literal(x, datatype=XSD.gYear)
    return _text(x)


def _strings(x):
    if isinstance(x, str):
        x = [x]
    return [_text(v) for v in (x or []) if _text(v) is not None]


# ---------------------------------------------------------------- triples
def iter_triples(g, base_iri: str = DEFAULT_BASE):
    """Yield the export's triples (rdflib terms), unsorted. Reads ``g``, never changes it."""
    ns = _ns()
    RDF, RDFS, DCTERMS, PROV, SKOS, KG, SCHEMA = (ns[k] for k in ("rdf", "rdfs", "dcterms", "prov", "skos", "kg",
                                                                  "schema"))
    from rdflib import Literal

    from ..rdf.iri import arxiv_id_of, url_iri
    from ..rdf.vocab import name_key

    iris = node_iris(g, base_iri)
    code_targets = {v for _, v, k in g.edges(keys=True) if k == "has_code"}
    classes = {
        "Paper": (SCHEMA.ScholarlyArticle,), "Author": (SCHEMA.Person,), "Organization": (SCHEMA.Organization,),
        "Method": (KG.Method, SCHEMA.DefinedTerm), "Model": (KG.Model, SCHEMA.CreativeWork),
        "Benchmark": (KG.Benchmark, SCHEMA.Dataset), "Concept": (SKOS.Concept, SCHEMA.DefinedTerm),
    }
    skipped: set = set()

    for n, d in g.nodes(data=True):
        ntype = d.get("type")
        s = iris[n]
        if ntype == "Repository":
            types = (SCHEMA.SoftwareSourceCode,) if n in code_targets else (SCHEMA.WebPage,)
        elif ntype in classes:
            types = classes[ntype]
        else:
            skipped.add(ntype)
            continue
        for t in types:
            yield s, RDF.type, t
        yield s, DCTERMS.identifier, Literal(str(n))
        label = _text(d.get("label")) or Literal(str(n))
        yield s, RDFS.label, label
        if ntype == "Paper":
            yield from _paper(s, d, ns, url_iri, arxiv_id_of)
        elif ntype == "Author":
            name = _text(d.get("name")) or label
            yield s, SCHEMA.name, name
            if name_key(name):
                yield s, KG.nameKey, Literal(name_key(name))
        elif ntype == "Organization":
            yield s, SCHEMA.name, label
            if _text(d.get("handle")):
                yield s, SCHEMA.alternateName, _text(d["handle"])
        elif ntype == "Repository":
            url = url_iri(d.get("url", ""))
            if url is not None:
                yield s, SCHEMA.url, url
                if n in code_targets:
                    yield s, SCHEMA.codeRepository, url
            if _text(d.get("kind")):
                yield s, KG.linkKind, _text(d["kind"])
        else:  # Method, Model, Benchmark, Concept
            yield s, SKOS.prefLabel, label
            keys = {name_key(str(label))}
            for alias in _strings(d.get("aliases")):
                keys.add(name_key(str(alias)))
                if alias != label:
                    yield s, SKOS.altLabel, alias
            for key in keys - {""}:
                yield s, KG.nameKey, Literal(key)
            for attr, pred in (("support", KG.support), ("proposed_in", KG.proposalCount)):
                if _int(d.get(attr)) is not None:
                    yield s, pred, _int(d[attr])
            for rule in _strings(d.get("merged_by")):
                yield s, KG.mergeRule, rule

    types = {n: d.get("type") for n, d in g.nodes(data=True)}
    for u, v, key, d in g.edges(keys=True, data=True):
        rel = d.get("relation", key)
        pred_name = _PREDICATES.get((rel, types.get(v))) or _PREDICATES.get((rel, None))
        if pred_name is None or types.get(u) in skipped or types.get(v) in skipped:
            skipped.add(f"relation {rel}")
            continue
        p = ns[pred_name[0]][pred_name[1]]
        s, o = iris[u], iris[v]
        yield s, p, o
        ev = evidence_iri(base_iri, u, key, v)
        yield ev, RDF.type, KG.Evidence
        yield ev, RDF.subject, s
        yield ev, RDF.predicate, p
        yield ev, RDF.object, o
        if types.get(u) == "Paper":
            yield ev, PROV.wasDerivedFrom, s
        if _text(d.get("rule")):
            yield ev, KG.rule, _text(d["rule"])
        if _decimal(d.get("confidence")) is not None:
            yield ev, KG.confidence, _decimal(d["confidence"])
        if _text(d.get("evidence")):
            yield ev, PROV.value, _text(d["evidence"])
        for attr, pred in (("start", KG.startOffset), ("end", KG.endOffset), ("mentions", KG.mentionCount),
                           ("position", KG.authorPosition)):
            if _int(d.get(attr)) is not None:
                yield ev, pred, _int(d[attr])
        surface = _text(d.get("surface")) or _text(d.get("raw"))
        if surface is not None:
            yield ev, KG.surfaceForm, surface
        if _text(d.get("provenance")):
            yield ev, KG.sourceField, _text(d["provenance"])
    if skipped:
        log.warning("RDF export skipped what kg's vocabulary does not map: %s", ", ".join(sorted(map(str, skipped))))


def _paper(s, d, ns, url_iri, arxiv_id_of):
    from urllib.parse import quote

    DCTERMS, KG, SCHEMA = ns["dcterms"], ns["kg"], ns["schema"]
    yield s, DCTERMS.title, _text(d.get("title")) or _text(d.get("label"))
    if _text(d.get("abstract")):
        yield s, DCTERMS.abstract, _text(d["abstract"])
    if _date(d.get("date")) is not None:
        yield s, DCTERMS.date, _date(d["date"])
    aid = arxiv_id_of(d.get("arxiv_id"))
    if aid:
        yield s, KG.arxivId, _text(aid)
    if _text(d.get("doi")):
        yield s, KG.doi, _text(d["doi"])
        doi_iri = url_iri("https://doi.org/" + quote(d["doi"], safe="/"))
        if doi_iri is not None:
            yield s, SCHEMA.sameAs, doi_iri
    page = url_iri(d["url"]) if _text(d.get("url")) else None
    if page is not None and page != s:
        yield s, SCHEMA.url, page
    for attr, pred in (("upvotes", KG.upvotes), ("author_count", KG.authorCount)):
        if _int(d.get(attr)) is not None:
            yield s, pred, _int(d[attr])
    if _text(d.get("venue")):
        yield s, KG.venue, _text(d["venue"])
    for kw in _strings(d.get("keywords")):
        yield s, SCHEMA.keywords, kw
    for cat in _strings(d.get("categories")):
        yield s, KG.category, cat


def to_rdf(g, base_iri: str = DEFAULT_BASE):
    """The export as an rdflib ``Graph`` (in memory), with kg's prefixes bound."""
    from rdflib import Graph

    from ..rdf.vocab import PREFIXES

    r = Graph()
    for prefix, ns in PREFIXES:
        r.bind(prefix, ns, override=True, replace=True)
    for t in iter_triples(g, base_iri):
        r.add(t)
    return r


def _write(g, path, fmt, base_iri=None, **_options):
    from ..rdf.syntax import SERIALIZERS

    data = SERIALIZERS[fmt](iter_triples(g, base_iri or DEFAULT_BASE))
    atomic_write_bytes(path, data)


def write_turtle(g, path, **options):
    """Turtle (``kg.ttl``). Options: ``base_iri``."""
    _write(g, path, "ttl", **options)


def write_ntriples(g, path, **options):
    """N-Triples (``kg.nt``), one sorted line per triple: the form to bulk-load into a store."""
    _write(g, path, "nt", **options)


def write_jsonld(g, path, **options):
    """JSON-LD 1.1 with a context of kg's prefixes (``kg.jsonld``)."""
    _write(g, path, "jsonld", **options)


def write_rdfxml(g, path, **options):
    """RDF/XML (``kg.rdf``)."""
    _write(g, path, "rdfxml", **options)
