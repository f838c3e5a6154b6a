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

:func:`iter_triples` gives the triples as rdflib terms (:func:`to_rdf`, tests); it is the
reference for :func:`nt_blocks`, the same mapping written straight as N-Triples text, from
which every file is written (:mod:`kg.export.ntstream`); :func:`ttl_blocks` is that mapping
written as Turtle statements, for ``kg.ttl``.
"""
from __future__ import annotations

import datetime as _dt
import logging
import math
import re
from decimal import Decimal
from typing import NamedTuple

__all__ = ["DEFAULT_BASE", "node_iris", "evidence_iri", "iter_triples", "nt_blocks", "ttl_blocks",
           "to_rdf", "write_turtle", "write_ntriples", "write_jsonld", "write_rdfxml"]

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


def _split_id(node: str, kinds=None) -> tuple[str, str]:
    """``method:grpo`` -> ("method", "grpo"); an id without a known prefix -> ("node", id).
    ``kinds``: the id prefixes (those of :data:`kg.graph.schema.NODE_TYPES` when ``None``)."""
    if kinds is None:
        from ..graph.schema import NODE_TYPES

        kinds = NODE_TYPES.values()
    prefix, sep, local = str(node).partition(":")
    if sep and local and prefix in kinds:
        return prefix, local
    return "node", str(node)


def node_iris(g, base_iri: str = DEFAULT_BASE) -> dict:
    """node id -> IRI (an rdflib ``URIRef``) for every node of ``g``.

    Papers with an arXiv id get ``https://arxiv.org/abs/ID``; repositories and pages their
    URL; everything else ``base_iri`` + kind + ``/`` + the encoded local id. An IRI is
    never shared: the minted IRIs are reserved first, and a node whose preferred IRI is
    taken (two nodes with one arXiv id) keeps its minted one.
    """
    from rdflib import URIRef

    iris = _node_iri_strings(g, base_iri)
    return {n: URIRef(iris[n]) for n in sorted(iris, key=str)}


def _node_iri_strings(g, base_iri: str) -> dict:
    """:func:`node_iris` as plain strings (no rdflib term per node), in the order of
    ``g.nodes``: one table, the minted IRIs, where the preferred ones replace theirs."""
    from ..graph.schema import NODE_TYPES
    from ..rdf.iri import arxiv_iri, check_base, encode_segment, url_iri

    base = check_base(base_iri)
    kinds = frozenset(NODE_TYPES.values())
    # mint(base, kind, local) without its per-call checks: the base is checked above and
    # every kind _split_id gives is a valid one
    iris = {}
    for n in g.nodes:
        kind, local = _split_id(n, kinds)
        iris[n] = base + kind + "/" + encode_segment(local)
    taken = set(iris.values())
    node_data = g._node  # the plain dicts behind g.nodes (read only)
    # the nodes that may have an IRI of their own, in the order of their ids: the first
    # to ask for one gets it
    candidates = [n for n, d in node_data.items() if (d.get("type") == "Paper" and d.get("arxiv_id"))
                  or (d.get("type") == "Repository" and d.get("url"))]
    for n in sorted(candidates, key=str):
        d = node_data[n]
        preferred = arxiv_iri(d["arxiv_id"]) if d.get("type") == "Paper" else url_iri(d["url"])
        if preferred is not None and str(preferred) not in taken:
            preferred = str(preferred)
            taken.add(preferred)
            iris[n] = preferred
    return iris


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


# ---------------------------------------------------------------- N-Triples, fast
# The same mapping as iter_triples, written straight as N-Triples lines: every IRI is put in
# N-Triples form once (a node's once per node, the predicates' and classes' once per
# export), and literals are escaped by kg.rdf.syntax.nt_string, which gives the bytes
# nt_term gives for the rdflib term. tests/test_rdf_stream.py checks both agree, line for line.
_RDF_NS = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_XSD_NS = "http://www.w3.org/2001/XMLSchema#"


#: Every IRI the mapping writes as a predicate or a class, by prefix.
_TERM_NAMES = {
    "rdf": ["type", "subject", "predicate", "object"], "rdfs": ["label"],
    "dcterms": ["identifier", "title", "abstract", "date", "creator"],
    "prov": ["wasDerivedFrom", "value"], "skos": ["prefLabel", "altLabel", "Concept"],
    "schema": ["ScholarlyArticle", "Person", "Organization", "DefinedTerm", "CreativeWork", "Dataset",
               "SoftwareSourceCode", "WebPage", "name", "alternateName", "url", "codeRepository", "sameAs",
               "keywords", "publisher", "affiliation"],
    "kg": ["Method", "Model", "Benchmark", "Evidence", "nameKey", "linkKind", "support", "proposalCount",
           "mergeRule", "rule", "confidence", "startOffset", "endOffset", "mentionCount", "authorPosition",
           "surfaceForm", "sourceField", "arxivId", "doi", "upvotes", "authorCount", "venue", "category",
           "proposes", "usesMethod", "usesModel", "evaluatedOn", "hasCode", "hasProjectPage", "aboutConcept"],
}


def term_iris() -> dict:
    """``"prefix:name"`` -> IRI of every predicate and class the mapping writes."""
    ns = _ns()
    return {f"{p}:{n}": str(ns[p][n]) for p, names in _TERM_NAMES.items() for n in names}


def _terms() -> dict:
    """``"prefix:name"`` -> the N-Triples form of that IRI, for every term the mapping writes."""
    from ..rdf.syntax import nt_iri

    return {k: nt_iri(iri) for k, iri in term_iris().items()}


def _int_lex(x):
    """The lexical form :func:`_int` gives, or ``None``."""
    if isinstance(x, bool) or not isinstance(x, int):
        return None
    return str(x)


def _decimal_lex(x):
    """The lexical form :func:`_decimal` gives, or ``None``."""
    if isinstance(x, bool) or not isinstance(x, (int, float)) or not math.isfinite(x):
        return None
    return format(Decimal(repr(float(x))).normalize(), "f")


def _date_nt(x):
    """:func:`_date` in N-Triples form, or ``None``."""
    from ..rdf.syntax import nt_string, nt_term

    if not isinstance(x, str) or not x:
        return None
    if not x.isascii():  # digits of other scripts: leave them to rdflib's own reading
        return nt_term(_date(x))
    if _DATE.fullmatch(x):
        try:
            return nt_string(_dt.date.fromisoformat(x).isoformat(), _XSD_NS + "date")
        except ValueError:  # 2024-02-30
            return nt_string(x)
    if _YEAR_MONTH.fullmatch(x) and 1 <= int(x[5:]) <= 12:
        return nt_string(x, _XSD_NS + "gYearMonth")
    if _YEAR.fullmatch(x):
        return nt_string(x, _XSD_NS + "gYear")
    return nt_string(x)


def _str_list(x) -> list:
    """The non-empty strings of ``x`` (one string or a list), as :func:`_strings` keeps them."""
    if isinstance(x, str):
        x = [x]
    return [v for v in (x or []) if isinstance(v, str) and v]


#: The predicates of an evidence node in the order of their IRIs, hence of its sorted
#: N-Triples lines (nt_blocks writes them in this order and checks it against the IRIs).
_EVIDENCE_ORDER = ("rdf:object", "rdf:predicate", "rdf:subject", "rdf:type", "prov:value", "prov:wasDerivedFrom",
                   "kg:authorPosition", "kg:confidence", "kg:endOffset", "kg:mentionCount", "kg:rule",
                   "kg:sourceField", "kg:startOffset", "kg:surfaceForm")


class _Literals:
    """Literals in N-Triples form, with the fast paths of kg's usual attribute types.

    Each method gives the object :func:`iter_triples` writes for a value, or ``None``
    when it writes none. Exact types (``type(x) is str``) take a short path; anything
    else goes through the general functions above, so the bytes are the same.
    """

    def __init__(self, compact=None):
        from ..rdf.syntax import nt_iri, nt_string

        # Turtle writes a typed literal's datatype compacted (turtle_block): the typed
        # literals built here carry it so; a plain string is the same in both syntaxes
        compact = compact or (lambda term: term)
        self.nt_string = nt_string
        self.int_suffix = '"^^' + compact(nt_iri(_XSD_NS + "integer"))
        self.decimal_suffix = '"^^' + compact(nt_iri(_XSD_NS + "decimal"))
        self.short: dict = {}  # a few distinct values repeat on every edge (rules, fields)
        self.decimals: dict = {}

    def text(self, x):
        if type(x) is str:
            return self.nt_string(x) if x else None
        return self.nt_string(x) if isinstance(x, str) and x else None

    def short_text(self, x):
        """:meth:`text` for values drawn from a small set (rules, field names)."""
        out = self.short.get(x) if type(x) is str else None
        if out is None:
            out = self.text(x)
            if out is not None and type(x) is str and len(self.short) < 10_000:  # bound: values are few
                self.short[x] = out
        return out

    def int(self, x):
        if type(x) is int:
            return f'"{x}{self.int_suffix}'
        if x is None:
            return None
        lex = _int_lex(x)
        return None if lex is None else f'"{lex}{self.int_suffix}'

    def decimal(self, x):
        # 0.0 and -0.0 are equal keys with different forms ("0", "-0"): never cached
        if type(x) is float and x:
            out = self.decimals.get(x, self)
            if out is self:
                out = self._decimal(x)
                if len(self.decimals) < 10_000:  # bound: confidences take few values
                    self.decimals[x] = out
            return out
        return None if x is None else self._decimal(x)

    def _decimal(self, x):
        lex = _decimal_lex(x)
        return None if lex is None else f'"{lex}{self.decimal_suffix}'


def nt_blocks(g, base_iri: str = DEFAULT_BASE):
    """Yield the export as N-Triples, one block of lines per subject: a node's own triples
    and its outgoing statements, or one edge's evidence node.

    A block is the sorted, distinct lines (each ending with a newline) of one subject;
    the blocks come unsorted, in the order of the graph. Together they are exactly the
    lines of ``to_ntriples(iter_triples(g, base_iri))``: the same mapping, without an
    rdflib term per triple. Reads ``g``, never changes it.

    Raises
    ------
    kg.rdf.syntax.UnrepresentableError
        A paper with neither title nor label (:func:`iter_triples` yields ``None`` for it).

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("author:a", type="Author", label="Ada")
    >>> print(next(nt_blocks(g)), end="")
    <https://w3id.org/kg/author/a> <http://purl.org/dc/terms/identifier> "author:a" .
    <https://w3id.org/kg/author/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://schema.org/Person> .
    <https://w3id.org/kg/author/a> <http://www.w3.org/2000/01/rdf-schema#label> "Ada" .
    <https://w3id.org/kg/author/a> <https://schema.org/name> "Ada" .
    <https://w3id.org/kg/author/a> <https://w3id.org/kg/vocab#nameKey> "ada" .
    """
    return _blocks(g, base_iri, None)


def ttl_blocks(g, base_iri: str = DEFAULT_BASE):
    """Yield the export as Turtle, ``(subject, statement)`` per block of :func:`nt_blocks`.

    ``subject`` is the block's subject in N-Triples form (the order of the sorted
    N-Triples), ``statement`` the bytes-to-be of ``kg.rdf.syntax.turtle_block`` for that
    block (without a final newline). An evidence node's statement is written straight
    from the graph, with no N-Triples text to read back; a node's is converted from its
    block. Unsorted, in the order of :func:`nt_blocks`. Reads ``g``, never changes it.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("author:a", type="Author", label="Ada")
    >>> s, statement = next(ttl_blocks(g))
    >>> print(s)
    <https://w3id.org/kg/author/a>
    >>> print(statement)
    <https://w3id.org/kg/author/a> a schema:Person ;
        dcterms:identifier "author:a" ;
        rdfs:label "Ada" ;
        schema:name "Ada" ;
        kg:nameKey "ada" .
    """
    from ..rdf.syntax import turtle_compactor

    return _blocks(g, base_iri, turtle_compactor())


class _Mapping(NamedTuple):
    """The mapping of one graph, set up once (:func:`_blocks` puts its pieces in order).

    ``predicate(key, e, vtype, mapped)`` gives the direct predicate of an edge (``None``
    when it is skipped, and noted in ``skipped``); ``evidence(n, v, e, p, ep)`` the block
    of that edge's evidence node ``ep``; ``node(n, d, direct)`` node ``n``'s block, its own
    triples and the direct triples ``direct`` (``(predicate, target)`` of its mapped
    edges), or ``None`` when it maps to nothing. Blocks are N-Triples lines, or Turtle
    statements when the mapping was made with a compactor.
    """

    iris: dict  # node -> IRI in N-Triples form
    node_data: dict  # node -> its attributes (g._node: a table of node types would cost memory)
    skipped_types: frozenset
    skipped: set  # the relations skipped so far, as "relation X"
    ev_prefix: str  # the N-Triples form of every evidence IRI, up to its hash
    node: object
    predicate: object
    evidence: object


def _mapping(g, base_iri: str, compact) -> _Mapping:
    """The :class:`_Mapping` of ``g``: N-Triples when ``compact`` is ``None``, else Turtle
    with that :func:`kg.rdf.syntax.turtle_compactor`: one mapping for both syntaxes."""
    from urllib.parse import quote

    from ..rdf.iri import arxiv_id_of, check_base, url_iri
    from ..rdf.syntax import UnrepresentableError, nt_iri, nt_string, string_needs_escape, turtle_block
    from ..rdf.vocab import name_key

    T = _terms()
    L = _Literals()
    turtle = compact is not None
    base = check_base(base_iri)
    iris = _node_iri_strings(g, base)
    for n, i in iris.items():  # in place: no second table of every node
        iris[n] = nt_iri(i)
    code_targets = {v for _, v, k in g.edges(keys=True) if k == "has_code"}
    classes = {
        "Paper": ("schema:ScholarlyArticle",), "Author": ("schema:Person",), "Organization": ("schema:Organization",),
        "Method": ("kg:Method", "schema:DefinedTerm"), "Model": ("kg:Model", "schema:CreativeWork"),
        "Benchmark": ("kg:Benchmark", "schema:Dataset"), "Concept": ("skos:Concept", "schema:DefinedTerm"),
    }
    node_data = g._node  # the plain dicts behind g.nodes (read only)
    # iter_triples skips the nodes of other types, and every edge that touches one
    skipped_types = frozenset(t for t in (d.get("type") for d in node_data.values())
                              if t != "Repository" and t not in classes)
    skipped: set = set()
    predicates = {key: T[f"{p}:{n}"] + " " for key, (p, n) in _PREDICATES.items()}
    type_lines = {t: [f" {T['rdf:type']} {T[c]} .\n" for c in cls] for t, cls in classes.items()}
    type_lines["code"] = [f" {T['rdf:type']} {T['schema:SoftwareSourceCode']} .\n"]
    type_lines["page"] = [f" {T['rdf:type']} {T['schema:WebPage']} .\n"]
    P = {k: " " + v + " " for k, v in T.items()}  # " <predicate> "

    # An evidence node has one object per predicate, so its lines need no deduplication,
    # and written in the order of the predicates they are sorted.
    if tuple(sorted(_EVIDENCE_ORDER, key=T.__getitem__)) != _EVIDENCE_ORDER:
        raise RuntimeError("kg.export.rdf._EVIDENCE_ORDER is not the order of its IRIs")
    ev_prefix = nt_iri(base + "evidence/")[:-1]  # mint(base, "evidence", hex hash): hex is its own encoding
    (p_object, p_predicate, p_subject, p_type, p_value, p_derived, p_position, p_confidence, p_end, p_mentions,
     p_rule, p_field, p_start, p_surface) = (P[k] for k in _EVIDENCE_ORDER)
    ev_class = T["kg:Evidence"]
    text, short_text, integer, decimal = L.text, L.short_text, L.int, L.decimal
    int_suffix = L.int_suffix
    plain = string_needs_escape  # None: the text is its own literal body
    compacted: dict = {}
    if turtle:
        # An evidence node's Turtle statement, as turtle_block writes it from the lines
        # above: "a" first, then the other predicates in the same order, one object each.
        TL = _Literals(compact)
        integer, decimal, int_suffix = TL.int, TL.decimal, TL.int_suffix
        tt = {k: compact(v) for k, v in T.items()}
        (p_object, p_predicate, p_subject, p_type, p_value, p_derived, p_position, p_confidence, p_end, p_mentions,
         p_rule, p_field, p_start, p_surface) = (" ;\n    " + tt[k] + " " for k in _EVIDENCE_ORDER)
        ev_head = " a " + tt["kg:Evidence"] + p_object
        # the node IRIs that compact (few: repositories in a declared namespace), not a
        # second table of every node
        compacted = {n: c for n, i in iris.items() if (c := compact(i)) != i}
        turtle_predicates: dict = {}
        # Every evidence IRI has the namespace ev_prefix: unless it is declared (then
        # "aaa..." compacts), no evidence IRI compacts and none needs the look-up.
        probe = ev_prefix + "a" * 20 + ">"
        compact_evidence = compact if compact(probe) != probe else str
        # A node's block is converted by turtle_block, whose objects are mostly the node
        # IRIs of its edges (node() gives them) and whose predicates and datatypes are the
        # mapping's terms.
        known = {nt_iri(_XSD_NS + t): compact(nt_iri(_XSD_NS + t))
                 for t in ("integer", "decimal", "date", "gYearMonth", "gYear")}
        known.update({v: tt[k] for k, v in T.items()})

        def compact_term(term: str, get=known.get) -> str:
            out = get(term)
            return compact(term) if out is None else out
    compact_get = compacted.get

    def predicate(key, e, vtype, mapped):
        rel = e.get("relation", key)
        p = predicates.get((rel, vtype)) or predicates.get((rel, None))
        if p is None or not mapped or vtype in skipped_types:
            skipped.add(f"relation {rel}")
            return None
        return p

    def node(n, d, direct):
        ntype = d.get("type")
        mapped = ntype not in skipped_types
        s = iris[n]
        lines = []
        add = lines.append
        if mapped:
            if ntype == "Repository":
                lines.extend(s + t for t in type_lines["code" if n in code_targets else "page"])
            else:
                lines.extend(s + t for t in type_lines[ntype])
            add(f"{s}{P['dcterms:identifier']}{nt_string(str(n))} .\n")
            label_text = d.get("label")
            if not (isinstance(label_text, str) and label_text):
                label_text = str(n)
            label = nt_string(label_text)
            add(f"{s}{P['rdfs:label']}{label} .\n")
            if ntype == "Paper":
                _paper_lines(add, s, d, P, L, url_iri, arxiv_id_of, quote, UnrepresentableError)
            elif ntype == "Author":
                name_text = d.get("name")
                if not (isinstance(name_text, str) and name_text):
                    name_text = label_text
                add(f"{s}{P['schema:name']}{nt_string(name_text)} .\n")
                key = name_key(name_text)
                if key:
                    add(f"{s}{P['kg:nameKey']}{nt_string(key)} .\n")
            elif ntype == "Organization":
                add(f"{s}{P['schema:name']}{label} .\n")
                x = L.text(d.get("handle"))
                if x:
                    add(f"{s}{P['schema:alternateName']}{x} .\n")
            elif ntype == "Repository":
                url = url_iri(d.get("url", ""))
                if url is not None:
                    url = nt_iri(str(url))
                    add(f"{s}{P['schema:url']}{url} .\n")
                    if n in code_targets:
                        add(f"{s}{P['schema:codeRepository']}{url} .\n")
                x = L.text(d.get("kind"))
                if x:
                    add(f"{s}{P['kg:linkKind']}{x} .\n")
            else:  # Method, Model, Benchmark, Concept
                add(f"{s}{P['skos:prefLabel']}{label} .\n")
                keys = {name_key(label_text)}
                for alias in _str_list(d.get("aliases")):
                    keys.add(name_key(alias))
                    if alias != label_text:
                        add(f"{s}{P['skos:altLabel']}{nt_string(alias)} .\n")
                for key in keys - {""}:
                    add(f"{s}{P['kg:nameKey']}{nt_string(key)} .\n")
                for attr, pred in (("support", "kg:support"), ("proposed_in", "kg:proposalCount")):
                    x = L.int(d.get(attr))
                    if x is not None:
                        add(f"{s}{P[pred]}{x} .\n")
                for rule in _str_list(d.get("merged_by")):
                    add(f"{s}{P['kg:mergeRule']}{nt_string(rule)} .\n")
        if not turtle:
            lines.extend([f"{s} {p}{iris[v]} .\n" for p, v in direct])
            return "".join(sorted(set(lines))) if lines else None
        if not lines:
            return None
        # The direct triples' objects are node IRIs whose Turtle form is known: written
        # straight as verbs (two keys of one relation give one object), not as lines.
        grouped: dict = {}
        for p, v in direct:
            objects = grouped.get(p)
            if objects is None:
                objects = grouped[p] = {}
            objects[iris[v]] = v
        verbs = []
        for p, objects in grouped.items():
            pc = turtle_predicates.get(p)
            if pc is None:
                pc = turtle_predicates[p] = compact(p[:-1])
            turtle_objects = [compact_get(objects[o]) or o for o in sorted(objects)]
            verbs.append((p[:-1], pc + " " + ",\n        ".join(turtle_objects)))
        return turtle_block("".join(sorted(set(lines))), compact_term, verbs)

    def evidence(n, v, e, p, ep):
        get = e.get
        if turtle:
            sc = compact_get(n) or iris[n]
            pc = turtle_predicates.get(p)
            if pc is None:
                pc = turtle_predicates[p] = compact(p[:-1])
            ev = [f"{compact_evidence(ep)}{ev_head}{compact_get(v) or iris[v]}{p_predicate}{pc}{p_subject}{sc}"]
        else:
            sc = iris[n]
            ev = [p_object + iris[v], p_predicate + p[:-1], p_subject + sc, p_type + ev_class]
        # then predicate + object per value, in the order of the predicates; the usual
        # types inline (the _Literals methods give the same text for them)
        x = get("evidence")
        if x is not None:
            if type(x) is str and x and plain(x) is None:  # nt_string's quotes, nothing to escape
                ev.append(f'{p_value}"{x}"')
            elif (x := text(x)) is not None:
                ev.append(p_value + x)
        if node_data[n].get("type") == "Paper":
            ev.append(p_derived + sc)
        x = get("position")
        if x is not None and (x := (f'"{x}{int_suffix}' if type(x) is int else integer(x))) is not None:
            ev.append(p_position + x)
        x = get("confidence")
        if x is not None and (x := decimal(x)) is not None:
            ev.append(p_confidence + x)
        x = get("end")
        if x is not None and (x := (f'"{x}{int_suffix}' if type(x) is int else integer(x))) is not None:
            ev.append(p_end + x)
        x = get("mentions")
        if x is not None and (x := (f'"{x}{int_suffix}' if type(x) is int else integer(x))) is not None:
            ev.append(p_mentions + x)
        x = get("rule")
        if x is not None and (x := short_text(x)) is not None:
            ev.append(p_rule + x)
        x = get("provenance")
        if x is not None and (x := short_text(x)) is not None:
            ev.append(p_field + x)
        x = get("start")
        if x is not None and (x := (f'"{x}{int_suffix}' if type(x) is int else integer(x))) is not None:
            ev.append(p_start + x)
        x = get("surface")
        if type(x) is str and x and plain(x) is None:
            ev.append(f'{p_surface}"{x}"')
        elif (x := text(x) or text(get("raw"))) is not None:
            ev.append(p_surface + x)
        if turtle:
            ev.append(" .")
            return "".join(ev)
        return ep + (" .\n" + ep).join(ev) + " .\n"  # N-Triples: each a line of its own

    return _Mapping(iris, node_data, skipped_types, skipped, ev_prefix, node, predicate, evidence)


def _evidence_hash(n, key, v) -> bytes:
    """The digest behind :func:`evidence_iri` (textnorm.short_hash's): its first 20 hex digits name the node."""
    from hashlib import sha1

    return sha1(f"{n}\x1f{key}\x1f{v}".encode("utf-8", "surrogatepass")).digest()


def _warn_skipped(m: _Mapping) -> None:
    skipped = m.skipped | m.skipped_types
    if skipped:
        log.warning("RDF export skipped what kg's vocabulary does not map: %s", ", ".join(sorted(map(str, skipped))))


def _blocks(g, base_iri: str, compact):
    """:func:`nt_blocks` when ``compact`` is ``None``, else :func:`ttl_blocks` with that
    :func:`kg.rdf.syntax.turtle_compactor`: each edge's evidence block, then the node's."""
    from hashlib import sha1

    m = _mapping(g, base_iri, compact)
    turtle = compact is not None
    iris, node_data, skipped_types, ev_prefix = m.iris, m.node_data, m.skipped_types, m.ev_prefix
    predicate, evidence, node = m.predicate, m.evidence, m.node
    adjacency = g._adj
    for n, d in g.nodes(data=True):
        mapped = d.get("type") not in skipped_types
        direct = []
        for v, keyed in adjacency[n].items():
            vtype = node_data[v].get("type")
            for key, e in keyed.items():
                p = predicate(key, e, vtype, mapped)
                if p is None:
                    continue
                direct.append((p, v))
                # evidence_iri(base, n, key, v), with textnorm.short_hash's digest
                ep = ev_prefix + sha1(f"{n}\x1f{key}\x1f{v}".encode("utf-8", "surrogatepass")).hexdigest()[:20] + ">"
                block = evidence(n, v, e, p, ep)
                yield (ep, block) if turtle else block
        block = node(n, d, direct)
        if block is not None:
            yield (iris[n], block) if turtle else block
    _warn_skipped(m)


def _paper_lines(add, s, d, P, L, url_iri, arxiv_id_of, quote, UnrepresentableError) -> None:
    """A paper's own lines, as :func:`_paper` maps them."""
    from ..rdf.syntax import nt_iri, nt_string

    title = L.text(d.get("title")) or L.text(d.get("label"))
    if title is None:
        raise UnrepresentableError("kg's RDF writers take IRIs and literals only, not NoneType None")
    add(f"{s}{P['dcterms:title']}{title} .\n")
    x = L.text(d.get("abstract"))
    if x:
        add(f"{s}{P['dcterms:abstract']}{x} .\n")
    x = _date_nt(d.get("date"))
    if x is not None:
        add(f"{s}{P['dcterms:date']}{x} .\n")
    aid = arxiv_id_of(d.get("arxiv_id"))
    if aid:
        add(f"{s}{P['kg:arxivId']}{L.text(aid)} .\n")
    x = L.text(d.get("doi"))
    if x:
        add(f"{s}{P['kg:doi']}{x} .\n")
        doi_iri = url_iri("https://doi.org/" + quote(d["doi"], safe="/"))
        if doi_iri is not None:
            add(f"{s}{P['schema:sameAs']}{nt_iri(str(doi_iri))} .\n")
    page = url_iri(d["url"]) if L.text(d.get("url")) else None
    if page is not None:
        page = nt_iri(str(page))
        if page != s:
            add(f"{s}{P['schema:url']}{page} .\n")
    for attr, pred in (("upvotes", "kg:upvotes"), ("author_count", "kg:authorCount")):
        x = L.int(d.get(attr))
        if x is not None:
            add(f"{s}{P[pred]}{x} .\n")
    x = L.text(d.get("venue"))
    if x:
        add(f"{s}{P['kg:venue']}{x} .\n")
    for kw in _str_list(d.get("keywords")):
        add(f"{s}{P['schema:keywords']}{nt_string(kw)} .\n")
    for cat in _str_list(d.get("categories")):
        add(f"{s}{P['kg:category']}{nt_string(cat)} .\n")


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


def write_turtle(g, path, **options):
    """Turtle (``kg.ttl``), streamed and sorted externally (:mod:`kg.export.ntstream`).
    Options: ``base_iri``."""
    from .ntstream import write_turtle as streamed

    streamed(g, path, **options)


def write_ntriples(g, path, **options):
    """N-Triples (``kg.nt``), one sorted line per triple: the form to bulk-load into a store.
    Streamed and sorted externally (:mod:`kg.export.ntstream`)."""
    from .ntstream import write_ntriples as streamed

    streamed(g, path, **options)


def write_jsonld(g, path, **options):
    """JSON-LD 1.1 with a context of kg's prefixes (``kg.jsonld``), written a node object
    at a time from the externally sorted triples (:mod:`kg.export.ntstream`)."""
    from .ntstream import write_jsonld as streamed

    streamed(g, path, **options)


def write_rdfxml(g, path, **options):
    """RDF/XML (``kg.rdf``), written a subject at a time from the externally sorted
    triples (:mod:`kg.export.ntstream`)."""
    from .ntstream import write_rdfxml as streamed

    streamed(g, path, **options)
