"""SPARQL over kg's RDF: an embedded Oxigraph store or any SPARQL 1.1 endpoint.

A local export is loaded into ``rdflib.Graph(store="Oxigraph")`` (oxrdflib): the rdflib API
stays and Oxigraph's engine answers (tens of times faster than rdflib's own on
aggregates, see bench/README.md). A remote endpoint is asked with an HTTP POST
(urllib, SPARQL 1.1 Protocol). Named queries are ``.rq`` files in ``kg/rdf/queries/``
whose header comments give a description and typed parameters.

Values never go into the query text by string formatting: locally they are
``initBindings``; for an endpoint a ``VALUES`` block is generated from typed RDF terms
(:func:`values_block`) and put at the top of the ``WHERE`` group. ``SERVICE`` (a query
that makes the engine call another endpoint) is refused unless allowed; updates are
refused always (``kg query`` only reads).
"""
from __future__ import annotations

import csv
import io
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError, KgError, NotFoundError

__all__ = [
    "QueryError", "ServiceNotAllowedError", "Result", "Param", "NamedQuery",
    "named_queries", "named_query", "parse_param_values", "load", "query_form", "check_query",
    "values_block", "with_values", "run_local", "run_endpoint", "run", "format_result", "FORMATS",
]

FORMATS = ("table", "csv", "tsv", "json")
_XSD = "http://www.w3.org/2001/XMLSchema#"


class QueryError(KgError):
    """A query that cannot run: a syntax error, a refused feature, an endpoint error."""


class ServiceNotAllowedError(QueryError):
    """The query has a SERVICE clause and the caller did not allow it."""


# ---------------------------------------------------------------- looking at a query
_TOKEN = re.compile(
    r"""
    (?P<comment>\#[^\r\n]*)
  | (?P<string>'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
              |'(?:[^'\\\r\n]|\\.)*'|"(?:[^"\\\r\n]|\\.)*")
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00b7\u00c0-\ufffd]+)
  | (?P<word>(?:[A-Za-z_\u00c0-\ufffd][\w.\-\u00b7]*)?:(?:[\w.\-:%]|\\.)*|[A-Za-z_\u00c0-\ufffd][\w.\-\u00b7]*)
  | (?P<open>\{)
  | (?P<close>\})
  | (?P<space>\s+)
  | (?P<other>.)
    """,
    re.X | re.S,
)
_FORMS = {"select", "ask", "construct", "describe"}
_UPDATES = {"insert", "delete", "load", "clear", "create", "drop", "copy", "move", "add", "with"}


def _tokens(text: str):
    """(kind, text, start, end, depth) for every token; ``depth`` counts enclosing braces."""
    depth = 0
    out = []
    for m in _TOKEN.finditer(text):
        kind = m.lastgroup
        if kind == "close":
            depth -= 1
        out.append((kind, m.group(), m.start(), m.end(), depth))
        if kind == "open":
            depth += 1
    return out


def _keyword(tok) -> str | None:
    """The lower-case keyword of a token (a bare word, not a prefixed name)."""
    return tok[1].lower() if tok[0] == "word" and ":" not in tok[1] else None


def query_form(text: str) -> str:
    """``select``, ``ask``, ``construct``, ``describe`` or ``update``.

    >>> query_form("PREFIX s: <https://schema.org/> # SELECT in a comment\\nASK { ?x a s:Person }")
    'ask'
    """
    for tok in _tokens(text):
        kw = _keyword(tok)
        if tok[4] == 0 and kw in _FORMS:
            return kw
        if tok[4] == 0 and kw in _UPDATES:
            return "update"
    raise QueryError("not a SPARQL query: no SELECT, ASK, CONSTRUCT or DESCRIBE")


def check_query(text: str, allow_service: bool = False) -> str:
    """The query's form, after refusing updates and (unless allowed) SERVICE clauses.

    >>> check_query("SELECT * WHERE { SERVICE <https://dbpedia.org/sparql> { ?s ?p ?o } }")
    Traceback (most recent call last):
    ...
    kg.rdf.sparql.ServiceNotAllowedError: the query calls a remote endpoint (SERVICE); pass --allow-service to let it
    >>> check_query("SELECT ?service WHERE { ?service <https://schema.org/name> 'SERVICE' }")
    'select'
    """
    form = query_form(text)
    if form == "update":
        raise QueryError("kg query only reads: SPARQL updates (INSERT, DELETE, LOAD...) are refused")
    if not allow_service and any(_keyword(t) == "service" for t in _tokens(text)):
        raise ServiceNotAllowedError("the query calls a remote endpoint (SERVICE); pass --allow-service to let it")
    return form


_VARNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def values_block(bindings: dict) -> str:
    """A SPARQL ``VALUES`` block for ``bindings`` (variable name -> rdflib term).

    Terms are written in their RDF syntax (an IRI is checked, a literal's quotes and
    backslashes escaped), so a value can never end the string and add SPARQL.

    >>> from rdflib import Literal
    >>> print(values_block({"name": Literal('GSM8K" } ?s ?p ?o {')}))
    VALUES (?name) { ("GSM8K\\" } ?s ?p ?o {") }
    """
    from rdflib import Literal, URIRef

    from .iri import InvalidIRIError, is_valid_iri
    from .syntax import nt_term

    names, terms = [], []
    for name, term in sorted(bindings.items()):
        if not _VARNAME.fullmatch(str(name)):
            raise QueryError(f"bad parameter name {name!r}")
        if isinstance(term, URIRef):
            if not is_valid_iri(str(term)):
                raise InvalidIRIError(f"parameter {name}: {str(term)!r} is not a valid IRI")
        elif not isinstance(term, Literal):
            raise QueryError(f"parameter {name}: give an IRI or a literal, not {type(term).__name__}")
        names.append(f"?{name}")
        terms.append(nt_term(term))
    return f"VALUES ({' '.join(names)}) {{ ({' '.join(terms)}) }}"


def with_values(text: str, bindings: dict) -> str:
    """``text`` with a ``VALUES`` block for ``bindings`` first in its top-level WHERE group.

    This is how an endpoint gets what ``initBindings`` give a local store: the values join
    the whole WHERE pattern, so its FILTERs see them. A WHERE group that is a sub-select is
    wrapped in braces first.

    >>> from rdflib import Literal
    >>> with_values("SELECT ?n WHERE { ?x ?p ?n }", {"n": Literal("a")})
    'SELECT ?n WHERE { VALUES (?n) { ("a") } ?x ?p ?n }'
    """
    if not bindings:
        return text
    toks = _tokens(text)
    form = query_form(text)
    sig = [t for t in toks if t[0] not in ("space", "comment")]
    start = None
    where = next((i for i, t in enumerate(sig) if t[4] == 0 and _keyword(t) == "where"), None)
    if where is not None:
        start = next((i for i in range(where + 1, len(sig)) if sig[i][0] == "open"), None)
    elif form in ("select", "ask"):
        start = next((i for i, t in enumerate(sig) if t[0] == "open" and t[4] == 0), None)
    if start is None:
        raise QueryError("parameters need a query with a WHERE { ... } group")
    values = values_block(bindings)
    open_tok = sig[start]
    nxt = sig[start + 1] if start + 1 < len(sig) else None
    if nxt is not None and _keyword(nxt) == "select":  # WHERE { SELECT ... }: wrap the sub-select
        close = next(t for t in sig[start + 1:] if t[0] == "close" and t[4] == open_tok[4])
        return (text[: open_tok[3]] + f" {values} {{" + text[open_tok[3]: close[2]] + "} " + text[close[2]:])
    return text[: open_tok[3]] + f" {values}" + text[open_tok[3]:]


# ---------------------------------------------------------------- named queries
_PARAM = re.compile(r"#\s*param\s+([A-Za-z_][A-Za-z0-9_]*)\s*:\s*(name|string|iri|integer)\s+(.*\S)")


@dataclass(frozen=True)
class Param:
    name: str
    type: str
    description: str


@dataclass(frozen=True)
class NamedQuery:
    """A query shipped in ``kg/rdf/queries/NAME.rq``; its header gives description and params.

    A parameter line is ``# param NAME: TYPE description``; TYPE ``name`` is a string
    lower-cased as ``kg:nameKey`` is (the query matches it with ``?x kg:nameKey ?NAME``),
    ``string``, ``iri`` or ``integer`` are bound as they are.
    """

    name: str
    description: str
    params: tuple[Param, ...]
    text: str

    def bindings(self, values: dict[str, str]) -> dict:
        """Typed terms for the user's ``name=value`` strings; every parameter is required."""
        known = {p.name: p for p in self.params}
        unknown = sorted(set(values) - set(known))
        if unknown:
            raise QueryError(f"query {self.name} has no parameter {', '.join(unknown)}; "
                             f"it takes: {', '.join(known) or 'none'}")
        missing = [p for p in known if p not in values]
        if missing:
            raise QueryError(f"query {self.name} needs " + ", ".join(f"--param {p}=..." for p in missing))
        return {name: _term(values[name], known[name].type, name) for name in sorted(values)}


def _term(value: str, kind: str, name: str):
    from rdflib import Literal, URIRef
    from rdflib.namespace import XSD

    from .iri import InvalidIRIError, is_valid_iri

    if kind == "iri":
        iri = value[1:-1] if value.startswith("<") and value.endswith(">") else value
        if not is_valid_iri(iri):
            raise InvalidIRIError(f"parameter {name}: {value!r} is not a valid absolute IRI")
        return URIRef(iri)
    if kind == "integer":
        if not re.fullmatch(r"[+-]?\d+", value.strip()):
            raise QueryError(f"parameter {name}: {value!r} is not an integer")
        return Literal(str(int(value)), datatype=XSD.integer)
    if kind == "name":  # matched against kg:nameKey, so any case finds it
        from .vocab import name_key

        return Literal(name_key(value))
    return Literal(value)


def _parse_named(name: str, text: str) -> NamedQuery:
    desc, params = [], []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        m = _PARAM.fullmatch(line.strip())
        if m:
            params.append(Param(*m.groups()))
        elif not params and line.strip("# "):
            desc.append(line.strip("# "))
    return NamedQuery(name, " ".join(desc), tuple(params), text)


def named_queries() -> dict[str, NamedQuery]:
    """Every shipped named query by name, sorted."""
    from . import data_path

    folder = data_path("queries")
    out = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".rq"):
            name = entry.name[:-3]
            out[name] = _parse_named(name, entry.read_text(encoding="utf-8"))
    return out


def named_query(name: str) -> NamedQuery:
    import difflib

    queries = named_queries()
    if name not in queries:
        raise NotFoundError(f"no named query {name!r} (kg query --list shows them)",
                            difflib.get_close_matches(name, list(queries), n=3))
    return queries[name]


def parse_param_values(items) -> dict[str, str]:
    """``["benchmark=GSM8K", ...]`` -> ``{"benchmark": "GSM8K"}`` (the value may hold ``=``)."""
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not _VARNAME.fullmatch(name.strip()):
            raise QueryError(f"--param takes NAME=VALUE, not {item!r}")
        if name.strip() in out:
            raise QueryError(f"--param {name.strip()} given twice")
        out[name.strip()] = value
    return out


def free_bindings(values: dict[str, str]) -> dict:
    """Bindings for a query of the user's own: ``<...>`` is an IRI, anything else a string."""
    return {name: _term(v, "iri" if v.startswith("<") and v.endswith(">") else "string", name)
            for name, v in sorted(values.items())}


# ---------------------------------------------------------------- results
@dataclass
class Result:
    """What a query returned, the same whichever engine ran it.

    ``kind`` is ``select`` (``variables`` and ``rows`` of rdflib terms or ``None``),
    ``ask`` (``boolean``) or ``graph`` (``triples``). Plain literals are ``xsd:string``-free
    (``Literal("x")``), so local and remote answers compare equal.
    """

    kind: str
    variables: list[str] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple] = field(default_factory=list)


def _norm(term):
    from rdflib import Literal

    if isinstance(term, Literal) and term.datatype is not None and str(term.datatype) == _XSD + "string":
        return Literal(str(term))
    return term


# ---------------------------------------------------------------- running
_SUFFIX_FORMATS = {".nt": "ox-ntriples", ".ttl": "ox-turtle", ".jsonld": "ox-json-ld", ".json-ld": "ox-json-ld",
                   ".rdf": "ox-xml", ".owl": "ox-xml", ".xml": "ox-xml"}
#: the export files a directory is searched for, fastest to parse first
_EXPORT_FILES = ("kg.nt", "kg.ttl", "kg.jsonld", "kg.rdf")


def load(target):
    """An rdflib Graph on an embedded Oxigraph store holding the export ``target`` (a
    directory written by ``kg build`` or an RDF file: .nt, .ttl, .jsonld, .rdf)."""
    import rdflib

    from .vocab import PREFIXES

    path = Path(target)
    if path.is_dir():
        found = next((path / f for f in _EXPORT_FILES if (path / f).is_file()), None)
        if found is None:
            raise InputError(path, f"no RDF export here ({', '.join(_EXPORT_FILES)}); "
                                   "run kg build with --format nt or ttl")
        path = found
    if not path.is_file():
        raise InputError(path, "no such file or directory")
    fmt = _SUFFIX_FORMATS.get(path.suffix.lower())
    if fmt is None:
        raise InputError(path, f"unknown RDF file type; use one of {', '.join(sorted(_SUFFIX_FORMATS))}")
    g = rdflib.Graph(store="Oxigraph")
    for prefix, ns in PREFIXES:
        g.bind(prefix, ns, override=True, replace=True)
    try:
        g.parse(str(path), format=fmt, transactional=False)
    except (SyntaxError, ValueError, OSError) as exc:
        raise InputError(path, f"cannot read RDF: {exc}") from None
    return g


def run_local(graph, text: str, bindings: dict | None = None, allow_service: bool = False) -> Result:
    """Run ``text`` on an rdflib Graph, ``bindings`` as ``initBindings``.

    On a graph from :func:`load` (an Oxigraph store under rdflib's API) the query goes to
    the Oxigraph store itself and kg converts the answer (:func:`_run_oxigraph`); on any
    other rdflib Graph, rdflib's ``Graph.query`` runs it. Both give the same
    :class:`Result`.
    """
    form = check_query(text, allow_service)
    bindings = dict(bindings or {})
    try:
        store = _oxigraph_store(graph)
        if store is not None:
            return _run_oxigraph(store, graph, text, bindings)
        res = graph.query(text, initBindings=bindings)
        if form == "select":
            variables = [str(v) for v in res.vars]
            rows = [tuple(_norm(row[i]) if row[i] is not None else None for i in range(len(variables)))
                    for row in res]
            return Result("select", variables, rows)
        if form == "ask":
            return Result("ask", boolean=bool(res.askAnswer))
        return Result("graph", triples=sorted(tuple(_norm(t) for t in tr) for tr in res.graph))
    except (SyntaxError, RuntimeError, ValueError, OSError) as exc:
        msg = str(exc)
        if "SELECT projection" in msg:
            msg += " (a parameter must be a variable of the SELECT clause)"
        raise QueryError(f"query failed: {msg}") from None


def _oxigraph_store(graph):
    """The pyoxigraph ``Store`` under a plain rdflib Graph on oxrdflib's store (what
    :func:`load` returns), or ``None`` for any other graph.

    ``_inner`` is the attribute oxrdflib's own parsers load through; should a later
    oxrdflib drop it, this gives ``None`` and rdflib's ``Graph.query`` runs the query.
    """
    import rdflib

    if type(graph) is not rdflib.Graph or graph.default_union:
        return None
    try:
        from oxrdflib import OxigraphStore
        from pyoxigraph import Store
    except ImportError:  # oxrdflib is a dependency of kg, but a graph may come from anywhere
        return None
    if not isinstance(graph.store, OxigraphStore):
        return None
    inner = getattr(graph.store, "_inner", None)
    return inner if isinstance(inner, Store) else None


def _to_ox(term):
    """An rdflib term (a parameter's value, a graph name) as a pyoxigraph term."""
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)) if term.datatype else None)
    raise QueryError(f"cannot bind {term!r}: give an IRI or a literal")


def _from_ox_converter():
    """A function turning pyoxigraph terms into rdflib terms as :func:`_norm` leaves them
    (``xsd:string`` literals plain), remembering each term it converts.

    Answers repeat terms (predicates, classes, numbers, labels of grouped rows), and an
    rdflib ``Literal`` of a number or a date parses its value when built: building each
    distinct term once makes a 50,000-row answer several times faster to convert.
    """
    import pyoxigraph as ox
    from rdflib import BNode, Literal, URIRef

    seen: dict = {}
    string = _XSD + "string"

    def convert(term):
        if term is None:
            return None
        out = seen.get(term)
        if out is None:
            if isinstance(term, ox.NamedNode):
                out = URIRef(term.value)
            elif isinstance(term, ox.Literal):
                if term.language:
                    out = Literal(term.value, lang=term.language)
                elif term.datatype.value == string:
                    out = Literal(term.value)
                else:
                    out = Literal(term.value, datatype=URIRef(term.datatype.value))
            elif isinstance(term, ox.BlankNode):
                out = BNode(term.value)
            else:
                raise QueryError("the answer holds a quoted triple (RDF-star), which kg query cannot show")
            seen[term] = out
        return out

    return convert


def _run_oxigraph(store, graph, text: str, bindings: dict) -> Result:
    """``text`` on the pyoxigraph ``store`` under ``graph``, asked as oxrdflib asks it
    (the graph's triples as the default graph, its prefixes, ``bindings`` as substitutions),
    the answer converted by kg: faster than oxrdflib's row by row conversion."""
    import pyoxigraph as ox

    res = store.query(text, default_graph=_to_ox(graph.identifier),
                      prefixes={prefix: str(ns) for prefix, ns in graph.namespaces()},
                      substitutions={ox.Variable(name): _to_ox(term) for name, term in bindings.items()})
    if isinstance(res, ox.QueryBoolean):
        return Result("ask", boolean=bool(res))
    convert = _from_ox_converter()
    if isinstance(res, ox.QuerySolutions):
        variables = [v.value for v in res.variables]
        return Result("select", variables, [tuple(map(convert, solution)) for solution in res])
    # a graph: a set of triples, as rdflib's result graph holds it
    return Result("graph", triples=sorted({tuple(map(convert, (t.subject, t.predicate, t.object))) for t in res}))


def _prologue(text: str) -> str:
    """PREFIX declarations for kg's usual prefixes, so a query may use them undeclared
    everywhere (locally rdflib passes them as initNs); a declaration in the query wins.
    They go on the query's first line, so an endpoint's error line numbers stay right."""
    from .vocab import PREFIXES

    return " ".join(f"PREFIX {p}: <{ns}>" for p, ns in PREFIXES) + " " + text


def run_endpoint(url: str, text: str, bindings: dict | None = None, allow_service: bool = False,
                 timeout: float = 60.0) -> Result:
    """Run ``text`` on a SPARQL 1.1 endpoint (HTTP POST, form-encoded), ``bindings`` as a
    generated VALUES block."""
    import urllib.error
    import urllib.parse
    import urllib.request

    form = check_query(text, allow_service)
    scheme = urllib.parse.urlsplit(url).scheme.lower()
    if scheme not in ("http", "https"):
        raise QueryError(f"endpoint must be an http(s) URL, not {url!r}")
    full = _prologue(with_values(text, bindings or {}))
    accept = ("application/n-triples, text/turtle;q=0.5" if form in ("construct", "describe")
              else "application/sparql-results+json")
    body = urllib.parse.urlencode({"query": full}).encode("utf-8")
    req = urllib.request.Request(url, data=body, method="POST", headers={
        "Content-Type": "application/x-www-form-urlencoded", "Accept": accept, "User-Agent": "kg-query"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as resp:
            ctype = resp.headers.get_content_type()
            payload = resp.read()
    except urllib.error.HTTPError as exc:
        detail = exc.read(2000).decode("utf-8", "replace").strip()
        raise QueryError(f"endpoint {url} answered {exc.code} {exc.reason}: {detail}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as exc:
        raise QueryError(f"cannot reach endpoint {url}: {getattr(exc, 'reason', exc)}") from None
    if form in ("construct", "describe"):
        return _graph_result(payload, ctype, url)
    try:
        data = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise QueryError(f"endpoint {url} did not answer with SPARQL JSON results ({ctype})") from None
    if "boolean" in data:
        return Result("ask", boolean=bool(data["boolean"]))
    variables = list(data.get("head", {}).get("vars", []))
    rows = [tuple(_from_json(b.get(v)) for v in variables) for b in data.get("results", {}).get("bindings", [])]
    return Result("select", variables, rows)


def _graph_result(payload: bytes, ctype: str, url: str) -> Result:
    import rdflib

    fmt = "turtle" if ctype == "text/turtle" else "nt"
    g = rdflib.Graph()
    try:
        g.parse(data=payload.decode("utf-8"), format=fmt)
    except Exception as exc:  # rdflib raises many kinds on bad data
        raise QueryError(f"endpoint {url} sent RDF kg cannot read ({ctype}): {exc}") from None
    return Result("graph", triples=sorted(tuple(_norm(t) for t in tr) for tr in g))


def _from_json(b):
    """A term of the SPARQL 1.1 JSON results format as an rdflib term."""
    from rdflib import BNode, Literal, URIRef

    if b is None:
        return None
    kind = b.get("type")
    if kind == "uri":
        return URIRef(b["value"])
    if kind == "bnode":
        return BNode(b["value"])
    if kind in ("literal", "typed-literal"):
        if b.get("xml:lang"):
            return Literal(b["value"], lang=b["xml:lang"])
        return _norm(Literal(b["value"], datatype=b.get("datatype")))
    raise QueryError(f"unknown term type in SPARQL results: {kind!r}")


def run(text: str, *, target=None, graph=None, endpoint: str | None = None, bindings: dict | None = None,
        allow_service: bool = False, timeout: float = 60.0) -> Result:
    """Run a query on an endpoint, a loaded graph, or an export (file or directory)."""
    if endpoint:
        return run_endpoint(endpoint, text, bindings, allow_service, timeout)
    if graph is None:
        if target is None:
            raise QueryError("give an export (directory or RDF file) or --endpoint URL")
        check_query(text, allow_service)  # before the load, which may take a while
        graph = load(target)
    return run_local(graph, text, bindings, allow_service)


# ---------------------------------------------------------------- output
def _plain(term) -> str:
    return "" if term is None else str(term)


def _per_term(fn):
    """``fn`` remembering its answer for each term, for the cells of one output: answers
    repeat terms (predicates, classes, labels of grouped rows), and a term's cell does not
    depend on where it stands. The language tag is part of the key: rdflib's literals
    ``"x"@EN`` and ``"x"@en`` are equal, but they are written as they are."""
    seen: dict = {}

    def cell(term):
        key = (term, getattr(term, "language", None))
        out = seen.get(key)
        if out is None:
            out = seen[key] = fn(term)
        return out

    return cell


def _json_cell():
    """A function from a term to its SPARQL 1.1 JSON results object."""
    from rdflib import BNode, URIRef

    def cell(term) -> dict:
        if isinstance(term, URIRef):
            return {"type": "uri", "value": str(term)}
        if isinstance(term, BNode):
            return {"type": "bnode", "value": str(term)}
        out = {"type": "literal", "value": str(term)}
        if term.language:
            out["xml:lang"] = term.language
        elif term.datatype is not None and str(term.datatype) != _XSD + "string":
            out["datatype"] = str(term.datatype)
        return out

    return _per_term(cell)


def _json_results(variables: list[str], rows: list[tuple]) -> str:
    """The SPARQL 1.1 JSON results document, byte for byte what ``json.dumps(document,
    ensure_ascii=False, indent=1)`` writes, but with each distinct term's object written
    once: with an indent, ``json`` falls back to its pure-Python encoder, which spends
    seconds on a 100,000-row answer."""
    dumps = json.dumps
    term_object = _json_cell()
    # a binding's object stands at depth 4 (document, results, bindings, row): its keys at 5
    nested = _per_term(lambda term: dumps(term_object(term), ensure_ascii=False, indent=1).replace("\n", "\n    "))
    keys = [dumps(v, ensure_ascii=False) for v in variables]

    def row_text(row) -> str:
        cells = [f"    {k}: {nested(t)}" for k, t in zip(keys, row) if t is not None]
        return "{\n" + ",\n".join(cells) + "\n   }" if cells else "{}"

    def array(items: list[str], indent: str) -> str:
        return "[\n" + ",\n".join(indent + " " + i for i in items) + "\n" + indent + "]" if items else "[]"

    return ("{\n \"head\": {\n  \"vars\": " + array(keys, "  ") + "\n },\n \"results\": {\n  \"bindings\": "
            + array([row_text(r) for r in rows], "  ") + "\n }\n}\n")


def _tsv_cell():
    """A function from a term (or ``None``) to its N-Triples form, as SPARQL TSV writes it."""
    from rdflib import BNode

    from .syntax import nt_term

    def cell(term) -> str:
        if term is None:
            return ""
        return f"_:{term}" if isinstance(term, BNode) else nt_term(term)

    return _per_term(cell)


def format_result(result: Result, fmt: str = "table", max_width: int = 60) -> str:
    """The result as ``table`` (for reading; long cells cut to ``max_width``), ``csv`` and
    ``tsv`` (SPARQL 1.1 CSV/TSV results) or ``json`` (SPARQL 1.1 JSON results). A graph
    result is N-Triples whatever ``fmt``."""
    if fmt not in FORMATS:
        raise QueryError(f"unknown output format {fmt!r}; choose from {', '.join(FORMATS)}")
    if result.kind == "graph":
        nt = _tsv_cell()
        return "".join(sorted({" ".join(map(nt, tr)) + " .\n" for tr in result.triples}))
    if result.kind == "ask":
        if fmt == "json":
            return json.dumps({"head": {}, "boolean": result.boolean}) + "\n"
        return ("true" if result.boolean else "false") + "\n"
    if fmt == "json":
        return _json_results(result.variables, result.rows)
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\r\n")
        w.writerow(result.variables)
        for row in result.rows:
            w.writerow([_plain(t) for t in row])
        return buf.getvalue()
    if fmt == "tsv":
        cell = _tsv_cell()
        lines = ["\t".join(f"?{v}" for v in result.variables)]
        lines += ["\t".join(map(cell, row)) for row in result.rows]
        return "\n".join(lines) + "\n"
    return _table(result, max_width)


def _short_text():
    """A function from a term to its text in a table: vocabulary IRIs as prefixed names
    (kg:Method), other terms as text."""
    from rdflib import URIRef

    from .syntax import _compact
    from .vocab import PREFIXES

    namespaces = tuple(ns for _, ns in PREFIXES)

    def cell(term) -> str:
        if isinstance(term, URIRef):
            iri = str(term)
            return (_compact(iri, PREFIXES) if iri.startswith(namespaces) else None) or iri
        return _plain(term)

    return cell


def _table(result: Result, max_width: int) -> str:
    short = _short_text()

    @_per_term
    def cell(t) -> str:
        s = " ".join(short(t).split())
        return s if len(s) <= max_width else s[: max_width - 1] + "…"

    rows = [[cell(t) for t in row] for row in result.rows]
    widths = [max([len(v)] + [len(r[i]) for r in rows]) for i, v in enumerate(result.variables)]

    def line(cells) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(cells, widths)).rstrip()

    out = [line(result.variables), line(["-" * w for w in widths])]
    out += [line(r) for r in rows]
    out.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''})")
    return "\n".join(out) + "\n"
