"""Helpers shared by the readers: located JSON and XML parsing, identifiers, links, dates.

Not a reader (no ``FORMAT``); the leading underscore keeps it out of ``READERS``.
"""
from __future__ import annotations

import bisect
import datetime as _dt
import json
import re
import xml.etree.ElementTree as ET
from xml.parsers import expat

from ..errors import InputError
from ..model import Link

__all__ = [
    "LineIndex", "parse_json", "json_children", "parse_xml", "element_lines", "local",
    "child", "children", "child_text", "arxiv_id", "norm_doi", "iso_date", "with_scheme",
    "metadata_link", "github_links",
]

_DECODER = json.JSONDecoder()
_JSON_WS = " \t\n\r"


class LineIndex:
    """1-based line numbers of character offsets, by bisection over newline offsets."""

    def __init__(self, text: str):
        self._nl = [m.start() for m in re.finditer("\n", text)]

    def line(self, offset: int) -> int:
        return bisect.bisect_left(self._nl, offset) + 1


def _skip_ws(text: str, i: int) -> int:
    n = len(text)
    while i < n and text[i] in _JSON_WS:
        i += 1
    return i


def parse_json(path, text: str, fmt: str) -> list[tuple[int, object]]:
    """Top-level JSON values of ``text`` with their start offsets.

    One document gives one value; JSON Lines (or concatenated documents) give one each.
    Invalid JSON raises :class:`InputError` with the line of the error.

    >>> parse_json("x", '{"a": 1}\\n{"a": 2}\\n', "t")
    [(0, {'a': 1}), (9, {'a': 2})]
    """
    out: list[tuple[int, object]] = []
    i = _skip_ws(text, 0)
    while i < len(text):
        try:
            value, end = _DECODER.raw_decode(text, i)
        except json.JSONDecodeError as exc:
            raise InputError(path, f"{fmt}: invalid JSON: {exc.msg} (column {exc.colno}); "
                                   "the file may be truncated", exc.lineno) from None
        out.append((i, value))
        i = _skip_ws(text, end)
    if not out:
        raise InputError(path, f"{fmt}: no JSON value in the file")
    return out


def json_children(text: str, start: int):
    """Offsets of the members of the valid JSON array or object that starts at ``start``.

    An array gives a list of element offsets, an object a dict ``key -> value offset``.
    The text must already have parsed (see :func:`parse_json`).

    >>> json_children('[1, {"a": [2]}]', 0)
    [1, 4]
    >>> json_children('{"a": [2], "b": 3}', 0)
    {'a': 6, 'b': 16}
    """
    is_array = text[start] == "["
    close = "]" if is_array else "}"
    items: list[int] = []
    members: dict[str, int] = {}
    i = _skip_ws(text, start + 1)
    while text[i] != close:
        if not is_array:
            key, i = _DECODER.raw_decode(text, i)
            i = _skip_ws(text, _skip_ws(text, i) + 1)  # past the ':'
            members[key] = i
        else:
            items.append(i)
        _, i = _DECODER.raw_decode(text, i)
        i = _skip_ws(text, i)
        if text[i] == ",":
            i = _skip_ws(text, i + 1)
    return items if is_array else members


def parse_xml(path, text: str, fmt: str) -> ET.Element:
    """The root element; malformed or truncated XML raises InputError with its line."""
    try:
        return ET.fromstring(text)
    except ET.ParseError as exc:
        line, col = exc.position
        reason = str(exc).split(":")[0]
        raise InputError(path, f"{fmt}: invalid XML: {reason} (column {col + 1}); "
                               "the file may be truncated", line) from None


def element_lines(text: str, name: str) -> list[int]:
    """Line of each start tag whose local name is ``name``, in document order.

    ElementTree keeps no positions, so this is a second, cheap pass with expat over
    text that :func:`parse_xml` has already accepted.

    >>> element_lines('<a>\\n<x:r xmlns:x="u"/>\\n<r/></a>', "r")
    [2, 3]
    """
    lines: list[int] = []
    p = expat.ParserCreate()

    def start(tag, _attrs):
        if tag.rpartition(":")[2] == name:
            lines.append(p.CurrentLineNumber)

    p.StartElementHandler = start
    p.Parse(text, True)
    return lines


def local(tag: str) -> str:
    """Tag name without its ``{namespace}``."""
    return tag.rpartition("}")[2]


def children(el: ET.Element, name: str) -> list[ET.Element]:
    """Direct children with local name ``name``, whatever their namespace (arXiv feeds
    have moved elements between namespaces over the years)."""
    return [c for c in el if local(c.tag) == name]


def child(el: ET.Element, name: str) -> ET.Element | None:
    for c in el:
        if local(c.tag) == name:
            return c
    return None


def child_text(el: ET.Element, name: str) -> str:
    """Text of the first child called ``name`` (all its text, nested included), or ``""``."""
    c = child(el, name)
    return "".join(c.itertext()) if c is not None else ""


# new-style ids (0704.0001, 2405.21060) and old-style ones (hep-th/9901001, math.GT/0309136)
_ARXIV_NEW = r"\d{4}\.\d{4,5}"
_ARXIV_OLD = r"[a-z][a-z\-]*(?:\.[A-Z]{2})?/\d{7}"
_ARXIV_ID = re.compile(rf"(?<![\w.])({_ARXIV_NEW}|{_ARXIV_OLD})(?:v\d+)?(?![\w/])")
_ARXIV_DOI = re.compile(rf"^10\.48550/arxiv\.({_ARXIV_NEW}|{_ARXIV_OLD})$", re.I)


def arxiv_id(s: str | None) -> str | None:
    """The versionless arXiv id in an id, ``arXiv:`` reference, abs/pdf URL or arXiv DOI.

    >>> arxiv_id("http://arxiv.org/abs/1601.00001v1")
    '1601.00001'
    >>> arxiv_id("https://arxiv.org/abs/hep-th/0601001v2")
    'hep-th/0601001'
    >>> arxiv_id("10.48550/arXiv.2405.21060")
    '2405.21060'
    >>> arxiv_id("10.1103/PhysRevD.76.013009") is None
    True
    """
    if not s:
        return None
    s = s.strip()
    m = _ARXIV_DOI.match(norm_doi(s) or "")
    if m:
        return m.group(1)
    m = _ARXIV_ID.search(s)
    return m.group(1) if m else None


_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.I)


def norm_doi(s: str | None) -> str | None:
    """A bare DOI (``10.x/y``) from a DOI, ``doi:`` or ``https://doi.org/`` form; when a
    field holds several DOIs (arXiv metadata does), the first. None when it is no DOI.

    >>> norm_doi("https://doi.org/10.7717/peerj.4375")
    '10.7717/peerj.4375'
    >>> norm_doi("10.1364/JOSAA.23.002578 10.1364/JOSAA.32.002407")
    '10.1364/JOSAA.23.002578'
    """
    if not s:
        return None
    s = _DOI_PREFIX.sub("", s.strip())
    first = s.split()[0] if s.split() else ""
    return first if first.startswith("10.") and "/" in first else None


def iso_date(s) -> str | None:
    """``YYYY-MM-DD`` when ``s`` starts with a valid calendar date, else None.

    >>> iso_date("2024-05-31T17:50:01.000Z")
    '2024-05-31'
    >>> iso_date("2015") is None
    True
    """
    if not isinstance(s, str) or len(s) < 10:
        return None
    try:
        return _dt.date.fromisoformat(s[:10]).isoformat()
    except ValueError:
        return None


def with_scheme(url: str) -> str:
    """``url`` with ``https://`` added when it has no scheme (``github.com/a/b``)."""
    url = url.strip()
    return url if re.match(r"^[a-z][a-z0-9+.-]*://", url, re.I) else "https://" + url


_GITHUB_REPO = re.compile(r"^https?://(?:www\.)?github\.com/[\w.-]+/[\w.-]+", re.I)


def metadata_link(url: str, provenance: str, default_kind: str = "other") -> Link:
    """A :class:`Link` for a URL a metadata field gives: ``github`` for a GitHub
    repository, ``huggingface`` for huggingface.co, else ``default_kind``.

    >>> metadata_link("github.com/SPOC-group/ConformalAmp.jl", "software")
    Link(url='https://github.com/SPOC-group/ConformalAmp.jl', kind='github', provenance='software')
    """
    url = with_scheme(url)
    if _GITHUB_REPO.match(url):
        kind = "github"
    elif re.match(r"^https?://(?:www\.)?huggingface\.co/", url, re.I):
        kind = "huggingface"
    else:
        kind = default_kind
    return Link(url, kind, provenance)


# A repository URL written in free text (arXiv comments, BibTeX notes): owner and name,
# nothing deeper, so "github.com/a/b/tree/main" and "github.com/a/b." give the repo.
_GITHUB_IN_TEXT = re.compile(r"(?<![\w.@/-])(?:https?://)?(?:www\.)?github\.com/([\w-]+)/([\w.-]+)", re.I)


def github_links(text: str, provenance: str) -> tuple[Link, ...]:
    """GitHub repositories named in free text, as ``https://github.com/owner/repo``.

    >>> github_links("Code: https://github.com/ml-jku/hopfield-layers. v2", "comments")
    (Link(url='https://github.com/ml-jku/hopfield-layers', kind='github', provenance='comments'),)
    """
    out: dict[str, Link] = {}
    for m in _GITHUB_IN_TEXT.finditer(text or ""):
        repo = m.group(2).rstrip(".")
        if repo.lower().endswith(".git"):
            repo = repo[:-4]
        if not repo:
            continue
        url = f"https://github.com/{m.group(1)}/{repo}"
        out.setdefault(url.lower(), Link(url, "github", provenance))
    return tuple(out.values())
