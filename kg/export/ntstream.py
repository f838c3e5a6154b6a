"""Streaming N-Triples: the graph's triples written with memory that does not grow with it.

The triples come from the RDF exporter's mapping (:mod:`kg.export.rdf`): its
``iter_triples(g, base_iri)`` generator when it has one, else a copy of its node and
edge mapping kept here (``tests/test_determinism*.py`` checks the two agree). Lines are
sorted and deduplicated the way :func:`kg.rdf.syntax.to_ntriples` does it (one sorted
line per triple), by an external merge sort: runs of at most :data:`RUN_LINES` lines are
sorted in memory and spilled to hidden temporary files beside the output, then merged.
So ``kg.nt`` is byte-identical whichever exporter wrote it, and deterministic whatever
the order of the graph.
"""
from __future__ import annotations

import contextlib
import heapq
import os
import tempfile
from pathlib import Path
from urllib.parse import quote

from . import atomic
from .atomic import atomic_write

__all__ = ["write_ntriples", "iter_triples", "nt_lines", "RUN_LINES"]

#: Lines sorted in memory before a run is spilled to disk (about 100 MB of text at most).
RUN_LINES = 200_000
DEFAULT_BASE = "https://w3id.org/kg/"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_DCT = "http://purl.org/dc/terms/"
_SDO = "https://schema.org/"
_XSD = "http://www.w3.org/2001/XMLSchema#"
_KG = "https://w3id.org/kg/vocab#"
_CLASS = {"Paper": _SDO + "ScholarlyArticle", "Author": _SDO + "Person", "Organization": _SDO + "Organization",
          "Method": _KG + "Method", "Model": _KG + "Model", "Benchmark": _KG + "Benchmark",
          "Repository": _SDO + "SoftwareSourceCode", "Concept": _SKOS + "Concept"}


def _rdf_module():
    from . import rdf

    return rdf


def _mapping():
    """The RDF exporter's triple generator, if it has one."""
    rdf = _rdf_module()
    return getattr(rdf, "iter_triples", None)


def iter_triples(g, base_iri: str = DEFAULT_BASE):
    """The triples of ``g`` as ``(s, p, o)`` rdflib terms, one node at a time."""
    fn = _mapping()
    if fn is not None:
        yield from fn(g, base_iri)
        return
    yield from _own_triples(g, base_iri)


def _own_triples(g, base_iri):
    # the mapping of kg.export.rdf.to_rdf (first version), node by node
    from rdflib import Literal, URIRef

    def iri(n):
        return URIRef(base_iri + quote(n, safe=""))

    rdf_type, label = URIRef(_RDF + "type"), URIRef(_RDFS + "label")
    title, abstract, date = URIRef(_DCT + "title"), URIRef(_DCT + "abstract"), URIRef(_DCT + "date")
    alt, xsd_date = URIRef(_SKOS + "altLabel"), URIRef(_XSD + "date")
    for n, d in g.nodes(data=True):
        s = iri(n)
        yield s, rdf_type, URIRef(_CLASS[d["type"]])
        yield s, label, Literal(d["label"])
        if d["type"] == "Paper":
            yield s, title, Literal(d["title"])
            if d.get("abstract"):
                yield s, abstract, Literal(d["abstract"])
            if d.get("date"):
                yield s, date, Literal(d["date"], datatype=xsd_date)
        for a in d.get("aliases", []):
            yield s, alt, Literal(a)
        for _, v, k in g.out_edges(n, keys=True):
            yield s, URIRef(_KG + k), iri(v)


_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r"}


def _own_nt_term(t) -> str:
    from rdflib import Literal

    if not isinstance(t, Literal):
        return f"<{t}>"
    body = "".join(_ESC.get(c, c) for c in str(t))
    if t.language:
        return f'"{body}"@{t.language}'
    if t.datatype is not None and str(t.datatype) != _XSD + "string":
        return f'"{body}"^^<{t.datatype}>'
    return f'"{body}"'


def _nt_term_fn():
    try:
        from ..rdf.syntax import nt_term
    except ImportError:  # kg.rdf is not installed: a minimal N-Triples term writer
        return _own_nt_term
    return nt_term


def nt_lines(g, base_iri: str = DEFAULT_BASE):
    """N-Triples lines (with their newline), unsorted, in the order of :func:`iter_triples`."""
    term = _nt_term_fn()
    cache: dict = {}
    for s, p, o in iter_triples(g, base_iri):
        # subjects and predicates repeat: format each once per node
        ts = cache.get(s)
        if ts is None:
            if len(cache) > 10_000:
                cache.clear()
            ts = cache[s] = term(s)
        tp = cache.get(p)
        if tp is None:
            tp = cache[p] = term(p)
        yield f"{ts} {tp} {term(o)} .\n"


def _spill(lines: list[str], directory: Path, runs: list[str]) -> None:
    lines.sort()
    fd, tmp = tempfile.mkstemp(prefix=f".kg.nt-run.{os.getpid()}.", suffix=".tmp", dir=directory)
    atomic._LIVE.add(tmp)
    runs.append(tmp)
    with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
        f.writelines(lines)
    lines.clear()


def write_ntriples(g, path, base_iri: str | None = None, run_lines: int = RUN_LINES, **_options) -> None:
    """Write ``g`` as sorted, deduplicated N-Triples to ``path`` (atomically)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    base_iri = _check_base(base_iri or DEFAULT_BASE)
    runs: list[str] = []
    buf: list[str] = []
    try:
        for line in nt_lines(g, base_iri):
            buf.append(line)
            if len(buf) >= run_lines:
                _spill(buf, path.parent, runs)
        buf.sort()
        files = [open(r, encoding="utf-8", newline="\n") for r in runs]
        try:
            with atomic_write(path) as out:
                last = None
                for line in heapq.merge(buf, *files):
                    if line != last:
                        out.write(line)
                        last = line
        finally:
            for f in files:
                f.close()
    finally:
        for r in runs:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(r)
            atomic._LIVE.discard(r)


def _check_base(base: str) -> str:
    try:
        from ..rdf.iri import check_base
    except ImportError:
        return base
    return check_base(base)
