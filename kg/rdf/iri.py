"""IRIs: one function mints them from input, percent-encoding every piece; a validator.

No IRI in kg's RDF is built by pasting raw input into a string: :func:`mint` encodes a
local name into one path segment under a checked base, :func:`url_iri` rebuilds a web
link from its parsed parts (re-encoding what an IRI cannot hold) and :func:`arxiv_iri`
accepts only what matches the arXiv identifier grammar. :func:`is_valid_iri` checks an
absolute IRI against the RFC 3987 grammar.
"""
from __future__ import annotations

import re
from urllib.parse import quote, urlsplit

from ..errors import KgError

__all__ = [
    "InvalidIRIError", "check_base", "encode_segment", "mint", "url_iri", "arxiv_iri", "arxiv_id_of", "is_valid_iri",
]


class InvalidIRIError(KgError):
    """A base IRI (``--base-iri``) or a SPARQL parameter that is not a valid absolute IRI."""


# ---------------------------------------------------------------- RFC 3987 grammar
_UCS = (
    "\u00a0-\ud7ff\uf900-\ufdcf\ufdf0-\uffef"
    "\U00010000-\U0001fffd\U00020000-\U0002fffd\U00030000-\U0003fffd\U00040000-\U0004fffd"
    "\U00050000-\U0005fffd\U00060000-\U0006fffd\U00070000-\U0007fffd\U00080000-\U0008fffd"
    "\U00090000-\U0009fffd\U000a0000-\U000afffd\U000b0000-\U000bfffd\U000c0000-\U000cfffd"
    "\U000d0000-\U000dfffd\U000e1000-\U000efffd"
)
_PRIVATE = "\ue000-\uf8ff\U000f0000-\U000ffffd\U00100000-\U0010fffd"
_UNRESERVED = rf"A-Za-z0-9\-._~{_UCS}"
_SUB_DELIMS = r"!$&'()*+,;="
_PCT = r"%[0-9A-Fa-f]{2}"
_IPCHAR = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:@]|{_PCT})"
_SEGMENT = rf"{_IPCHAR}*"
_IP_LITERAL = rf"\[(?:[0-9A-Fa-f:.]+|[vV][0-9A-Fa-f]+\.[A-Za-z0-9\-._~{_SUB_DELIMS}:]+)\]"
_HOST = rf"(?:{_IP_LITERAL}|(?:[{_UNRESERVED}{_SUB_DELIMS}]|{_PCT})*)"
_USERINFO = rf"(?:[{_UNRESERVED}{_SUB_DELIMS}:]|{_PCT})*"
_AUTHORITY = rf"(?:{_USERINFO}@)?{_HOST}(?::[0-9]*)?"
_PATH_ABEMPTY = rf"(?:/{_SEGMENT})*"
_PATH_ROOTLESS = rf"{_IPCHAR}+(?:/{_SEGMENT})*"
_HIER = rf"(?://{_AUTHORITY}{_PATH_ABEMPTY}|/(?:{_PATH_ROOTLESS})?|{_PATH_ROOTLESS}|)"
_QUERY = rf"(?:{_IPCHAR}|[{_PRIVATE}/?])*"
_FRAGMENT = rf"(?:{_IPCHAR}|[/?])*"
_IRI = re.compile(rf"[A-Za-z][A-Za-z0-9+\-.]*:{_HIER}(?:\?{_QUERY})?(?:#{_FRAGMENT})?")


def is_valid_iri(text: str) -> bool:
    """True when ``text`` is an absolute IRI by RFC 3987 (with an optional fragment).

    >>> is_valid_iri("https://arxiv.org/abs/2401.00001"), is_valid_iri("https://x.org/a b")
    (True, False)
    >>> is_valid_iri("https://x.org/{id}"), is_valid_iri("paper:1"), is_valid_iri("no-scheme")
    (False, True, False)
    """
    return isinstance(text, str) and _IRI.fullmatch(text) is not None


# ---------------------------------------------------------------- minting
_KIND = re.compile(r"[a-z][a-z0-9-]*")


def check_base(base: str) -> str:
    """Return ``base`` if it can prefix minted IRIs: absolute, valid, ending in ``/`` or ``#``.

    >>> check_base("https://example.org/kg/")
    'https://example.org/kg/'
    >>> check_base("example.org/kg/")
    Traceback (most recent call last):
    ...
    kg.rdf.iri.InvalidIRIError: base IRI 'example.org/kg/' is not an absolute IRI (e.g. https://example.org/kg/)
    """
    if not isinstance(base, str) or not is_valid_iri(base):
        raise InvalidIRIError(f"base IRI {base!r} is not an absolute IRI (e.g. https://example.org/kg/)")
    if not base.endswith(("/", "#")):
        raise InvalidIRIError(f"base IRI {base!r} must end with '/' or '#'")
    return base


#: the characters quote() never encodes (ASCII letters, digits and ``-._~``)
_UNENCODED = re.compile(r"[A-Za-z0-9\-._~]+")


def encode_segment(text: str) -> str:
    """Percent-encode ``text`` (UTF-8) into one IRI path segment; injective.

    Everything but ASCII letters, digits and ``-._~`` is encoded, so the segment never
    holds a delimiter; a segment of dots only is encoded too (``.`` and ``..`` are
    removed by IRI resolution).

    >>> encode_segment("arxiv:2401.00001"), encode_segment("Ünïcode & co"), encode_segment("..")
    ('arxiv%3A2401.00001', '%C3%9Cn%C3%AFcode%20%26%20co', '%2E%2E')
    """
    if not isinstance(text, str) or text == "":
        raise ValueError("an IRI segment needs a non-empty string")
    if _UNENCODED.fullmatch(text) and text.strip("."):  # nothing to encode (most ids): quote's own result
        return text
    encoded = quote(text.encode("utf-8", "surrogatepass"), safe="")
    if encoded.strip(".") == "":
        encoded = "%2E" * len(encoded)
    return encoded


def mint(base: str, kind: str, local: str):
    """The IRI of a kg resource: ``base`` + ``kind`` + ``/`` + the encoded ``local`` name.

    ``kind`` is a fixed word (``paper``, ``method``, ``evidence``...), ``local`` any
    string (a stable id); different ``local`` strings give different IRIs.

    >>> str(mint("https://w3id.org/kg/", "method", "grpo"))
    'https://w3id.org/kg/method/grpo'
    >>> str(mint("https://w3id.org/kg/", "author", "Zoë O'Brien"))
    'https://w3id.org/kg/author/Zo%C3%AB%20O%27Brien'
    """
    from rdflib import URIRef

    if not _KIND.fullmatch(kind):
        raise ValueError(f"bad IRI kind {kind!r}")
    return URIRef(check_base(base) + kind + "/" + encode_segment(local))


# characters kept as they are in each part of a rebuilt URL (the rest is percent-encoded)
_PATH_SAFE = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$&'()*+,;=:@/")
_QUERY_SAFE = _PATH_SAFE | {"?"}
_HOSTNAME = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*")
_HEX = frozenset("0123456789ABCDEFabcdef")


def _requote(text: str, safe: frozenset) -> str:
    """Percent-encode every character of ``text`` outside ``safe``; keep valid ``%XX`` escapes."""
    out = []
    for i, ch in enumerate(text):
        if ch in safe:
            out.append(ch)
        elif ch == "%" and len(text) >= i + 3 and text[i + 1] in _HEX and text[i + 2] in _HEX:
            out.append(ch)
        else:
            out.append(quote(ch.encode("utf-8", "surrogatepass"), safe=""))
    return "".join(out)


def url_iri(url: str):
    """The IRI of a web link (``http``/``https`` with a DNS host name), or ``None``.

    The parts are parsed and re-encoded, so a link as written in a paper (spaces,
    braces, unicode) still gives a valid IRI; user names and passwords are dropped.

    >>> str(url_iri("https://github.com/Owner/Repo"))
    'https://github.com/Owner/Repo'
    >>> str(url_iri("https://x.github.io/{https://x.github.io"))
    'https://x.github.io/%7Bhttps://x.github.io'
    >>> url_iri("javascript:alert(1)") is None, url_iri("https://bad host/") is None
    (True, True)
    """
    from rdflib import URIRef

    if not isinstance(url, str):
        return None
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError:
        return None
    scheme = parts.scheme.lower()
    host = (parts.hostname or "").rstrip(".")
    if scheme not in ("http", "https") or not _HOSTNAME.fullmatch(host):
        return None
    pieces = [scheme, "://", host]
    if port is not None:
        pieces += [":", str(port)]
    pieces.append(_requote(parts.path, _PATH_SAFE))
    if parts.query:
        pieces += ["?", _requote(parts.query, _QUERY_SAFE)]
    if parts.fragment:
        pieces += ["#", _requote(parts.fragment, _QUERY_SAFE)]
    iri = "".join(pieces)
    return URIRef(iri) if is_valid_iri(iri) else None


_ARXIV_NEW = re.compile(r"(\d{4}\.\d{4,5})(?:v\d+)?")
_ARXIV_OLD = re.compile(r"([a-z]+(?:-[a-z]+)*(?:\.[A-Z]{2})?/\d{7})(?:v\d+)?")


def arxiv_iri(arxiv_id: str):
    """``https://arxiv.org/abs/ID`` (version dropped) for a well-formed arXiv id, else ``None``.

    >>> str(arxiv_iri("2401.00001v2")), str(arxiv_iri("hep-th/9901001"))
    ('https://arxiv.org/abs/2401.00001', 'https://arxiv.org/abs/hep-th/9901001')
    >>> arxiv_iri("2401.00001 OR 1=1") is None
    True
    """
    from rdflib import URIRef

    aid = arxiv_id_of(arxiv_id)
    return URIRef("https://arxiv.org/abs/" + quote(aid, safe="/")) if aid else None


def arxiv_id_of(arxiv_id: str) -> str | None:
    """The versionless id :func:`arxiv_iri` uses, or ``None``.

    >>> arxiv_id_of("arXiv:2401.00001v3")
    '2401.00001'
    """
    if not isinstance(arxiv_id, str):
        return None
    s = arxiv_id.strip()
    if s.lower().startswith("arxiv:"):
        s = s[6:]
    m = _ARXIV_NEW.fullmatch(s) or _ARXIV_OLD.fullmatch(s)
    return m.group(1) if m else None
