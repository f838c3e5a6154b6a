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

__all__ = ["UnrepresentableError", "nt_term", "nt_string", "string_needs_escape", "nt_iri", "to_ntriples", "to_turtle",
           "turtle_header", "turtle_compactor", "turtle_block", "nt_parse_term", "JsonLdWriter", "to_jsonld",
           "RdfXmlWriter", "to_rdfxml", "SERIALIZERS"]

_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


class UnrepresentableError(KgError):
    """A term that the chosen RDF syntax cannot write (a blank node, an XML-illegal character...)."""


# ---------------------------------------------------------------- terms
_STRING_ESC = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}
_NEEDS_ESC = re.compile(r'[\\"\x00-\x1f\x7f]')
_IRI_ESC = re.compile(r'[\x00-\x20<>"{}|^`\\]')


#: ``string_needs_escape(text)`` is ``None`` when a quoted string holds ``text`` as it is
#: (no character to escape), as :func:`nt_string` writes it: the test of a fast path.
string_needs_escape = _NEEDS_ESC.search


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
        # predicates, classes and datatypes come back on every subject: the terms of the
        # declared namespaces are kept (a bound, in case node IRIs are in one of them too)
        seen: dict = {}

        def compact(term: str) -> str:
            out = seen.get(term)
            if out is not None:
                return out
            cut = max(term.rfind("/"), term.rfind("#")) + 1
            prefix = by_ns.get(term[1:cut])
            if prefix is None:
                return term
            out = term if simple(term, cut, len(term) - 1) is None else f"{prefix}:{term[cut:-1]}"
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


def turtle_block(block: str, compact, verbs=()) -> str:
    """One subject's Turtle statement (without a final newline) from its N-Triples lines.

    ``block`` holds the sorted, distinct N-Triples lines (as :func:`to_ntriples` writes
    them) of one subject; ``compact`` is a :func:`turtle_compactor`. Predicates keep the
    order of the lines, except ``rdf:type``, written first as ``a``; the objects of one
    predicate are separated by commas. ``verbs`` are more of the subject's predicates,
    none of them in ``block`` nor ``rdf:type``, already written: ``(predicate in
    N-Triples form, Turtle verb)``; each takes its predicate's place in the order (a
    writer that knows the Turtle form of many objects need not write them as lines).

    >>> print(turtle_block('<https://e.org/a> <https://schema.org/name> "A" .\\n'
    ...                    '<https://e.org/a> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> '
    ...                    '<https://schema.org/Person> .\\n', turtle_compactor(),
    ...                    [("<https://schema.org/knows>", "schema:knows <https://e.org/b>")]))
    <https://e.org/a> a schema:Person ;
        schema:knows <https://e.org/b> ;
        schema:name "A" .
    """
    subject, preds = _grouped(block)
    # a plain literal (no "<" first, no ">" last) is the same in Turtle: no call for it
    made = [(p, ("a" if p == _RDF_TYPE_NT else compact(p)) + " "
             + ",\n        ".join([o if o[0] != "<" and o[-1] != ">" else _turtle_object(o, compact) for o in os]))
            for p, os in preds]
    if verbs:
        typed = made[:1] if made and made[0][0] == _RDF_TYPE_NT else []
        made = typed + sorted(made[len(typed):] + list(verbs))
    return compact(subject) + " " + " ;\n    ".join([verb for _, verb in made]) + " ."


def _turtle_object(o: str, compact) -> str:
    """An N-Triples object in Turtle: IRIs (and a typed literal's datatype) compacted."""
    if o[0] == "<":
        return compact(o)
    if o[-1] == ">":  # a typed literal: "lexical form"^^<datatype>
        end = o.rindex('"') + 3
        return o[:end] + compact(o[end:])
    return o


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


# ---------------------------------------------------------------- reading N-Triples terms back
_UCHAR = re.compile(r"\\u([0-9A-F]{4})")
_STRING_UNESC = re.compile(r"\\(?:u([0-9A-F]{4})|(.))")
_ECHAR = {esc[1]: char for char, esc in _STRING_ESC.items()}


def _unescape_iri(body: str) -> str:
    return _UCHAR.sub(lambda m: chr(int(m.group(1), 16)), body) if "\\" in body else body


def _unescape_string(body: str) -> str:
    if "\\" not in body:
        return body
    return _STRING_UNESC.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else _ECHAR[m.group(2)], body)


def nt_parse_term(term: str):
    """``(iri, None, None)`` or ``(None, text, datatype or language tag)`` from a term as
    :func:`nt_term` writes it; a language tag starts with ``@``.

    >>> nt_parse_term('"a\\\\"b"^^<http://www.w3.org/2001/XMLSchema#integer>')
    (None, 'a"b', 'http://www.w3.org/2001/XMLSchema#integer')
    """
    if term[0] == "<":
        return _unescape_iri(term[1:-1]), None, None
    end = term.rindex('"')
    text = _unescape_string(term[1:end])
    rest = term[end + 1:]
    if rest.startswith("^^"):
        return None, text, _unescape_iri(rest[3:-1])
    return None, text, rest or None


def _grouped(block: str):
    """(subject, [(predicate, [objects])]) of one subject's sorted N-Triples lines, all in
    N-Triples form, ``rdf:type`` first, then the other predicates in the order of the lines."""
    typed: list = []
    parts: list = []
    pred, objs = None, None
    for p, o in _PREDICATE_OBJECT.findall(block):
        if p != pred:
            pred, objs = p, []
            (typed if p == _RDF_TYPE_NT else parts).append((p, objs))
        objs.append(o)
    return block[: block.index(" ")], typed + parts


def _nt_lines(triples) -> list:
    """The sorted, distinct N-Triples lines of ``triples`` (IRIs and literals only)."""
    lines = set()
    for s, p, o in triples:
        if _kind(s) != "iri" or _kind(p) != "iri":
            raise UnrepresentableError(f"a literal cannot be a subject or predicate: {s!r} {p!r}")
        lines.add(f"{nt_term(s)} {nt_term(p)} {nt_term(o)} .\n")
    return sorted(lines)


# ---------------------------------------------------------------- JSON-LD
class JsonLdWriter:
    """JSON-LD 1.1 written a node object at a time: a context of prefixes, then ``@graph``
    with one node object per subject block (sorted N-Triples lines of one subject).

    Literals other than plain strings are value objects with their lexical form and
    datatype, so no value changes through JSON numbers. :meth:`head`, the nodes joined by
    :attr:`SEPARATOR`, then :meth:`tail` are the bytes of ``json.dumps`` of the whole
    document with ``indent=1``.
    """

    SEPARATOR = ",\n"

    def __init__(self, prefixes=PREFIXES):
        self.context = {p: ns for p, ns in prefixes}
        self.compact_nt = turtle_compactor(prefixes)

    def head(self, empty: bool = False) -> str:
        context = json.dumps({"@context": self.context}, ensure_ascii=False, indent=1)[:-2]
        return context + (',\n "@graph": []' if empty else ',\n "@graph": [\n')

    @staticmethod
    def tail(empty: bool = False) -> str:
        return "\n}\n" if empty else "\n ]\n}\n"

    def _full(self, iri: str) -> str:
        if iri.split(":", 1)[0] in self.context:  # would be read back as a compact IRI
            raise UnrepresentableError(f"IRI {iri!r} has a scheme that is also a JSON-LD prefix")
        return iri

    def _compact(self, term: str) -> str:
        """An IRI in N-Triples form, as a compact IRI or in full."""
        out = self.compact_nt(term)
        return self._full(_unescape_iri(term[1:-1])) if out[0] == "<" else out

    def _value(self, term: str):
        iri, text, extra = nt_parse_term(term)
        if iri is not None:
            return {"@id": self._full(iri)}
        if extra is None:
            return text
        if extra[0] == "@":
            return {"@value": text, "@language": extra[1:]}
        return {"@value": text, "@type": self._compact(nt_iri(extra))}

    def node(self, block: str) -> str:
        """One subject's node object, indented for its place in ``@graph``."""
        subject, preds = _grouped(block)
        node = {"@id": self._full(_unescape_iri(subject[1:-1]))}
        for p, objs in preds:
            if p == _RDF_TYPE_NT and all(o[0] == "<" for o in objs):
                types = [self._compact(o) for o in objs]
                node["@type"] = types[0] if len(types) == 1 else types
                continue
            vals = [self._value(o) for o in objs]
            node[self._compact(p)] = vals[0] if len(vals) == 1 else vals
        # JSON text holds no raw newline, so indenting each line nests the object exactly
        return "  " + json.dumps(node, ensure_ascii=False, indent=1).replace("\n", "\n  ")


def to_jsonld(triples, prefixes=PREFIXES) -> bytes:
    """JSON-LD 1.1: a context of prefixes, then ``@graph`` with one node object per subject
    (:class:`JsonLdWriter`; :func:`kg.export.ntstream.write_jsonld` streams the same bytes)."""
    writer = JsonLdWriter(prefixes)
    nodes = [writer.node(block) for block in _subject_blocks(_nt_lines(triples))]
    return _encode(writer.head(not nodes) + writer.SEPARATOR.join(nodes) + writer.tail(not nodes))


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


class RdfXmlWriter:
    """Flat RDF/XML written a subject at a time: one ``rdf:Description`` per subject block,
    a property element per triple.

    ``predicates`` are every predicate IRI the document may use: the namespaces of those
    outside the declared prefixes get ``ns1``, ``ns2``... (in IRI order) in the header.
    :meth:`head`, the descriptions, then :meth:`tail` make the document.
    """

    def __init__(self, predicates, prefixes=PREFIXES):
        self.prefixes = prefixes
        self.tags: dict = {}
        undeclared = set()
        for p in predicates:
            self.tags[p] = _split(p, prefixes)
            if self.tags[p][2] is None:
                undeclared.add(self.tags[p][0])
        self.generated = {ns: f"ns{i}" for i, ns in enumerate(sorted(undeclared), 1)}

    def head(self) -> str:
        decls = list(self.prefixes) + [(v, k) for k, v in self.generated.items()]
        out = ['<?xml version="1.0" encoding="utf-8"?>', "<rdf:RDF"]
        out += [f'   xmlns:{p}="{_xml_text(ns, _ATTR_ENT)}"' for p, ns in decls]
        out[-1] += ">"
        return "\n".join(out) + "\n"

    @staticmethod
    def tail() -> str:
        return "</rdf:RDF>\n"

    def description(self, block: str) -> str:
        """One subject's ``rdf:Description`` element (with its final newline)."""
        subject, preds = _grouped(block)
        out = [f'  <rdf:Description rdf:about="{_xml_text(_unescape_iri(subject[1:-1]), _ATTR_ENT)}">']
        for p, objs in preds:
            ns, local, prefix = self.tags[_unescape_iri(p[1:-1])]
            tag = f"{prefix or self.generated[ns]}:{local}"
            for o in objs:
                iri, text, extra = nt_parse_term(o)
                if iri is not None:
                    out.append(f'    <{tag} rdf:resource="{_xml_text(iri, _ATTR_ENT)}"/>')
                    continue
                attr = ""
                if extra is not None and extra[0] == "@":
                    attr = f' xml:lang="{_xml_text(extra[1:], _ATTR_ENT)}"'
                elif extra is not None:
                    attr = f' rdf:datatype="{_xml_text(extra, _ATTR_ENT)}"'
                out.append(f"    <{tag}{attr}>{_xml_text(text, _TEXT_ENT)}</{tag}>")
        out.append("  </rdf:Description>\n")
        return "\n".join(out)


def to_rdfxml(triples, prefixes=PREFIXES) -> bytes:
    """Flat RDF/XML: one ``rdf:Description`` per subject, a property element per triple
    (:class:`RdfXmlWriter`; :func:`kg.export.ntstream.write_rdfxml` streams the same bytes)."""
    lines = _nt_lines(triples)
    predicates = {_unescape_iri(line.split(" ", 2)[1][1:-1]) for line in lines}
    writer = RdfXmlWriter(predicates, prefixes)
    return _encode(writer.head() + "".join(writer.description(b) for b in _subject_blocks(lines)) + writer.tail())


#: export format name (as in kg.export.EXPORTERS) -> writer
SERIALIZERS = {"nt": to_ntriples, "ttl": to_turtle, "jsonld": to_jsonld, "rdfxml": to_rdfxml}
