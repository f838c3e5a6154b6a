"""Deterministic writers for N-Triples, Turtle, JSON-LD and RDF/XML.

Each writer takes triples of rdflib terms (IRIs and literals: kg's exports have no blank
nodes) and returns UTF-8 bytes that depend only on the set of triples: subjects, predicates
and objects are sorted, so the same graph gives byte-identical files whatever the order of
insertion or the hash seed. N-Triples is one sorted line per triple.

rdflib's own serializers iterate its store's sets, whose order changes between runs; these
writers are short because they only need what kg writes.

>>> from rdflib import Literal, URIRef
>>> t = [(URIRef("https://e.org/b"), URIRef("https://schema.org/name"), Literal('say "hi"')),
...      (URIRef("https://e.org/a"), URIRef("https://schema.org/name"), Literal("x", lang="en"))]
>>> print(to_ntriples(t).decode(), end="")
<https://e.org/a> <https://schema.org/name> "x"@en .
<https://e.org/b> <https://schema.org/name> "say \\"hi\\"" .
"""
from __future__ import annotations

import json
import re
from xml.sax.saxutils import escape as _xml_escape

from ..errors import KgError
from .vocab import PREFIXES

__all__ = ["UnrepresentableError", "nt_term", "nt_string", "nt_iri", "to_ntriples", "to_turtle", "turtle_header",
           "turtle_compactor", "turtle_block", "to_jsonld", "to_rdfxml", "SERIALIZERS"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class UnrepresentableError(KgError):
    """A term that the chosen RDF syntax cannot write (a blank node, an XML-illegal character...)."""


# ---------------------------------------------------------------- terms
_STRING_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESC = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_ESC = re.compile(r'[\x00-\x20<>"{}|^`\\]')


def _string_escape(m) -> str:
    return _STRING_ESC.get(m.group(), f"\\u{ord(m.group()):04X}")


def _string(text: str) -> str:
    """A quoted string valid in N-Triples, Turtle and SPARQL (ECHAR/UCHAR escapes only)."""
    if _NEEDS_ESC.search(text) is None:  # most text: nothing to escape
        return f'"{text}"'
    return '"' + _NEEDS_ESC.sub(_string_escape, text) + '"'


def _iri_escape(m) -> str:
    return f"\\u{ord(m.group()):04X}"


def _iriref(iri: str) -> str:
    if _IRI_ESC.search(iri) is None:
        return f"<{iri}>"
    return "<" + _IRI_ESC.sub(_iri_escape, iri) + ">"


def nt_string(text: str, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax from its lexical form and datatype IRI (plain when ``None``),
    the bytes :func:`nt_term` writes for the same rdflib ``Literal``.

    >>> print(nt_string('say "hi"'), nt_string("5", "http://www.w3.org/2001/XMLSchema#integer"))
    "say \\"hi\\"" "5"^^<http://www.w3.org/2001/XMLSchema#integer>
    """
    if datatype is None or datatype == _XSD_STRING:
        return _string(text)
    return f"{_string(text)}^^{_iriref(datatype)}"


def nt_iri(iri: str) -> str:
    """An IRI in N-Triples syntax (``<...>``, characters an IRIREF cannot hold as ``\\uXXXX``),
    the bytes :func:`nt_term` writes for the same rdflib ``URIRef``.

    >>> print(nt_iri("https://e.org/a b"))
    <https://e.org/a\\u0020b>
    """
    return _iriref(iri)


def _kind(term) -> str:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return "iri"
    if isinstance(term, Literal):
        return "literal"
    raise UnrepresentableError(f"kg's RDF writers take IRIs and literals only, not {type(term).__name__} {term!r}")


def _datatype(lit) -> str | None:
    """The literal's datatype IRI, ``None`` for a plain (xsd:string) or language-tagged one."""
    if lit.language or lit.datatype is None or str(lit.datatype) in (_XSD_STRING, _LANG_STRING):
        return None
    return str(lit.datatype)


def nt_term(term) -> str:
    """A term in N-Triples syntax (also valid Turtle and SPARQL).

    >>> from rdflib import Literal, URIRef, XSD
    >>> nt_term(URIRef("https://e.org/x")), nt_term(Literal("5", datatype=XSD.integer))
    ('<https://e.org/x>', '"5"^^<http://www.w3.org/2001/XMLSchema#integer>')
    """
    if _kind(term) == "iri":
        return _iriref(str(term))
    text = _string(str(term))
    if term.language:
        return f"{text}@{term.language}"
    dt = _datatype(term)
    return f"{text}^^{_iriref(dt)}" if dt else text


def _encode(text: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise UnrepresentableError(f"text with an unpaired surrogate cannot be written as RDF: {exc}") from None


# ---------------------------------------------------------------- ordering
def _canonical(triples):
    """(subject, [(predicate, [objects])]) sorted: subjects and objects by their N-Triples
    form, predicates likewise but rdf:type first; duplicates dropped."""
    by_subject: dict = {}
    keys: dict = {}
    for s, p, o in triples:
        for t in (s, p, o):
            if t not in keys:
                keys[t] = nt_term(t)
        if _kind(s) != "iri" or _kind(p) != "iri":
            raise UnrepresentableError(f"a literal cannot be a subject or predicate: {s!r} {p!r}")
        by_subject.setdefault(s, {}).setdefault(p, set()).add(o)
    out = []
    for s in sorted(by_subject, key=keys.__getitem__):
        preds = by_subject[s]
        order = sorted(preds, key=lambda p: (str(p) != _RDF_TYPE, keys[p]))
        out.append((s, [(p, sorted(preds[p], key=keys.__getitem__)) for p in order]))
    return out


# ---------------------------------------------------------------- N-Triples
def to_ntriples(triples) -> bytes:
    """One line per triple, sorted, duplicates dropped."""
    lines = {f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n" for s, p, o in triples}
    return _encode("".join(sorted(lines)))


# ---------------------------------------------------------------- Turtle
_LOCAL = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")


def _compact(iri: str, prefixes) -> str | None:
    """``prefix:local`` when ``iri`` is in a declared namespace and its local name is simple."""
    for prefix, ns in sorted(prefixes, key=lambda x: -len(x[1])):
        if iri.startswith(ns) and _LOCAL.fullmatch(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return None


def turtle_header(prefixes=PREFIXES) -> str:
    """The ``@prefix`` lines of a Turtle document, each ending with a newline."""
    return "".join(f"@prefix {p}: {_iriref(ns)} .\n" for p, ns in prefixes)


def turtle_compactor(prefixes=PREFIXES):
    """A function from an IRI in N-Triples form (``<...>``) to its Turtle form.

    The IRI becomes ``prefix:local`` when it is in a declared namespace and its local name
    is simple (as :func:`_compact`: the longest namespace that gives a simple local name
    wins); otherwise it is returned unchanged. One regular expression does the test.

    >>> compact = turtle_compactor()
    >>> compact("<https://schema.org/name>"), compact("<https://schema.org/a/b>")
    ('schema:name', '<https://schema.org/a/b>')
    """
    order = sorted(prefixes, key=lambda x: -len(x[1]))  # longest namespace first, as _compact
    if not order:
        return lambda term: term
    if all(ns.endswith(("/", "#")) for _, ns in order):
        # A simple local name holds no "/" or "#", so the only namespace that can give one
        # ends at the IRI's last "/" or "#": one dictionary look-up finds it.
        by_ns: dict = {}
        for p, ns in order:
            by_ns.setdefault(_iriref(ns)[1:-1], p)
        simple = _LOCAL.fullmatch
        # predicates, classes and datatypes come back on every subject: the first terms seen
        # are kept (a bound, since there is one node IRI per node too)
        seen: dict = {}

        def compact(term: str) -> str:
            out = seen.get(term)
            if out is not None:
                return out
            cut = max(term.rfind("/"), term.rfind("#")) + 1
            prefix = by_ns.get(term[1:cut])
            out = term if prefix is None or simple(term, cut, len(term) - 1) is None else f"{prefix}:{term[cut:-1]}"
            if len(seen) < 10_000:
                seen[term] = out
            return out

        return compact
    names = [p for p, _ in order]
    # one alternative (one group) per namespace, tried in order; fullmatch backtracks to the
    # next alternative when a local name is not simple, as _compact's loop does
    pattern = re.compile("<(?:" + "|".join(f"{re.escape(_iriref(ns)[1:-1])}({_LOCAL.pattern})" for _, ns in order)
                         + ")>")

    def compact_any(term: str) -> str:
        m = pattern.fullmatch(term)
        if m is None:
            return term
        return f"{names[m.lastindex - 1]}:{m.group(m.lastindex)}"

    return compact_any


_RDF_TYPE_NT = f"<{_RDF_TYPE}>"
#: predicate and object of each N-Triples line: IRIs hold no raw space and literals no raw
#: newline, so the first two spaces end the subject and the predicate, and " ." the line
_PREDICATE_OBJECT = re.compile(r"^[^ ]+ ([^ ]+) (.*) \.$", re.MULTILINE)


def turtle_block(block: str, compact) -> str:
    """One subject's Turtle statement (without a final newline) from its N-Triples lines.

    ``block`` holds the sorted, distinct N-Triples lines (as :func:`to_ntriples` writes
    them) of one subject; ``compact`` is a :func:`turtle_compactor`. Predicates keep the
    order of the lines, except ``rdf:type``, written first as ``a``; the objects of one
    predicate are separated by commas.

    >>> print(turtle_block('<https://e.org/a> <https://schema.org/name> "A" .\\n'
    ...                    '<https://e.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
    ...                    '<https://schema.org/Person> .\\n', turtle_compactor()))
    <https://e.org/a> a schema:Person ;
        schema:name "A" .
    """
    typed: list = []
    parts: list = []
    pred, objs = None, None
    for p, o in _PREDICATE_OBJECT.findall(block):
        if p != pred:
            pred, objs = p, []
            (typed if p == _RDF_TYPE_NT else parts).append((p, objs))
        if o[0] == "<":
            o = compact(o)
        elif o[-1] == ">":  # a typed literal: "lexical form"^^<datatype>
            end = o.rindex('"') + 3
            o = o[:end] + compact(o[end:])
        objs.append(o)
    verbs = [("a" if p == _RDF_TYPE_NT else compact(p)) + " " + ",\n        ".join(os) for p, os in typed + parts]
    return compact(block[: block.index(" ")]) + " " + " ;\n    ".join(verbs) + " ."


def _subject_blocks(lines):
    """Sorted N-Triples lines -> one string of lines per subject."""
    block: list = []
    subject = None
    for line in lines:
        s = line[: line.index(" ")]
        if s != subject and block:
            yield "".join(block)
            block = []
        subject = s
        block.append(line)
    if block:
        yield "".join(block)


def to_turtle(triples, prefixes=PREFIXES) -> bytes:
    """Turtle: every prefix declared, one block per subject, ``a`` first.

    The blocks are those of the sorted N-Triples (subjects, then predicates, then objects
    in the order of their N-Triples form), so :func:`kg.export.ntstream.write_turtle`,
    which streams, writes the same bytes.
    """
    lines = set()
    for s, p, o in triples:
        if _kind(s) != "iri" or _kind(p) != "iri":
            raise UnrepresentableError(f"a literal cannot be a subject or predicate: {s!r} {p!r}")
        lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")
    compact = turtle_compactor(prefixes)
    out = [turtle_header(prefixes)]
    for block in _subject_blocks(sorted(lines)):
        out.append("\n" + turtle_block(block, compact) + "\n")
    return _encode("".join(out))


# ---------------------------------------------------------------- JSON-LD
def to_jsonld(triples, prefixes=PREFIXES) -> bytes:
    """JSON-LD 1.1: a context of prefixes, then ``@graph`` with one node object per subject.

    Literals other than plain strings are value objects with their lexical form and
    datatype, so no value changes through JSON numbers.
    """
    context = {p: ns for p, ns in prefixes}

    def full(iri: str) -> str:
        if iri.split(":", 1)[0] in context:  # would be read back as a compact IRI
            raise UnrepresentableError(f"IRI {iri!r} has a scheme that is also a JSON-LD prefix")
        return iri

    def compact(iri: str) -> str:
        return _compact(iri, prefixes) or full(iri)

    def value(o):
        if _kind(o) == "iri":
            return {"@id": full(str(o))}
        if o.language:
            return {"@value": str(o), "@language": o.language}
        dt = _datatype(o)
        return {"@value": str(o), "@type": compact(dt)} if dt else str(o)

    nodes = []
    for s, preds in _canonical(triples):
        node = {"@id": full(str(s))}
        for p, objs in preds:
            if str(p) == _RDF_TYPE and all(_kind(o) == "iri" for o in objs):
                types = [compact(str(o)) for o in objs]
                node["@type"] = types[0] if len(types) == 1 else types
                continue
            vals = [value(o) for o in objs]
            node[compact(str(p))] = vals[0] if len(vals) == 1 else vals
        nodes.append(node)
    doc = {"@context": context, "@graph": nodes}
    return _encode(json.dumps(doc, ensure_ascii=False, indent=1) + "\n")


# ---------------------------------------------------------------- RDF/XML
_NCNAME = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")
_XML_ILLEGAL = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_ATTR_ENT = {'"': "&quot;", "\t": "&#9;", "\n": "&#10;", "\r": "&#13;"}
_TEXT_ENT = {"\r": "&#13;"}


def _xml_text(text: str, entities) -> str:
    bad = _XML_ILLEGAL.search(text)
    if bad:
        raise UnrepresentableError(f"RDF/XML cannot hold the character U+{ord(bad.group()):04X} (in {text[:60]!r})")
    return _xml_escape(text, entities)


def _split(iri: str, prefixes):
    """(namespace, local name, declared prefix or None) for a property element name."""
    for prefix, ns in sorted(prefixes, key=lambda x: -len(x[1])):
        if iri.startswith(ns) and _NCNAME.fullmatch(iri[len(ns):]):
            return ns, iri[len(ns):], prefix
    m = re.search(r"[A-Za-z_][A-Za-z0-9_.-]*$", iri)
    if not m or m.start() == 0:
        raise UnrepresentableError(f"RDF/XML cannot write the property {iri!r} (no XML name at its end)")
    return iri[: m.start()], m.group(), None


def to_rdfxml(triples, prefixes=PREFIXES) -> bytes:
    """Flat RDF/XML: one ``rdf:Description`` per subject, a property element per triple."""
    groups = _canonical(triples)
    tags: dict = {}
    undeclared = set()
    for _, preds in groups:
        for p, _ in preds:
            tags[p] = _split(str(p), prefixes)
            if tags[p][2] is None:
                undeclared.add(tags[p][0])
    generated = {ns: f"ns{i}" for i, ns in enumerate(sorted(undeclared), 1)}  # ns1, ns2... in IRI order
    decls = list(prefixes) + [(v, k) for k, v in generated.items()]
    out = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
    out += [f'   xmlns:{p}="{_xml_text(ns, _ATTR_ENT)}"' for p, ns in decls]
    out[-1] += ">"
    for s, preds in groups:
        out.append(f'  <rdf:Description rdf:about="{_xml_text(str(s), _ATTR_ENT)}">')
        for p, objs in preds:
            ns, local, prefix = tags[p]
            tag = f"{prefix or generated[ns]}:{local}"
            for o in objs:
                if _kind(o) == "iri":
                    out.append(f'    <{tag} rdf:resource="{_xml_text(str(o), _ATTR_ENT)}"/>')
                    continue
                attr = ""
                if o.language:
                    attr = f' xml:lang="{_xml_text(o.language, _ATTR_ENT)}"'
                elif _datatype(o):
                    attr = f' rdf:datatype="{_xml_text(_datatype(o), _ATTR_ENT)}"'
                out.append(f"    <{tag}{attr}>{_xml_text(str(o), _TEXT_ENT)}</{tag}>")
        out.append("  </rdf:Description>")
    out.append("</rdf:RDF>")
    return _encode("\n".join(out) + "\n")


#: export format name (as in kg.export.EXPORTERS) -> writer
SERIALIZERS = {"nt": to_ntriples, "ttl": to_turtle, "jsonld": to_jsonld, "rdfxml": to_rdfxml}
