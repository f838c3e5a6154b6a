"""Reader for arXiv API responses (``export.arxiv.org/api/query``): Atom feeds.

Both serialisations are read: the old one (``http://`` ids, ``xmlns:arxiv`` declared on
each ``arxiv:`` element, hard-wrapped summaries with leading spaces) and the 2025+ one
(namespaces on the root, ``https://`` ids, elements in another order). Elements are
found by local name, so the namespace moves do not matter. Per ``<entry>``:

=========================  ====================================================
``id``                     ``arxiv_id`` without version; paper id ``arxiv:<id>``
``title``, ``summary``     title and abstract, whitespace unwrapped (TeX kept)
``author/name``            authors, in order
``published``              ``date`` (first version)
``primary_category``,      ``categories``, the primary one first
``category@term``
``arxiv:doi``              ``doi`` (the first one when several are given)
``arxiv:journal_ref``      ``venue``
``arxiv:comment``          GitHub repositories named in it become
                           ``Link(url, "github", "comments")``; the rest of the
                           comment has no field in :class:`~kg.model.Paper`
=========================  ====================================================

``url`` is ``https://arxiv.org/abs/<id>``. An API error feed (an entry whose id is
``.../api/errors#...``) raises :class:`InputError` with the error text, as does XML
that does not parse (a truncated download), with the line.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text
from ._common import arxiv_id, child, child_text, children, element_lines, github_links, iso_date, \
    local, norm_doi, parse_xml

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read"]

FORMAT = "arxiv-atom"
EXTENSIONS = (".xml", ".atom")


def sniff(head: str) -> bool:
    return bool(re.search(r"<feed\b", head) and "http://www.w3.org/2005/Atom" in head
                and re.search(r"arxiv\.org/(?:api|abs|schemas/atom)", head, re.I))


def read(path: str, text: str, **_options):
    """Yield one :class:`Paper` per ``<entry>``."""
    root = parse_xml(path, text, FORMAT)
    if local(root.tag) != "feed":
        raise InputError(path, f"{FORMAT}: expected an Atom <feed>, found <{local(root.tag)}>", 1)
    entries = children(root, "entry")
    lines = element_lines(text, "entry")
    for entry, line in zip(entries, lines):
        yield _paper(path, line, entry)


def _paper(path: str, line: int, entry) -> Paper:
    raw_id = clean_text(child_text(entry, "id"))
    if "/api/errors" in raw_id:
        raise InputError(path, f"{FORMAT}: the arXiv API returned an error: "
                               f"{clean_text(child_text(entry, 'summary'))}", line)
    aid = arxiv_id(raw_id)
    if not aid:
        raise InputError(path, f"{FORMAT}: entry without an arXiv id ({raw_id!r})", line)
    title = clean_text(child_text(entry, "title"))
    if not title:
        raise InputError(path, f"{FORMAT}: entry {aid} has no title", line)
    authors = tuple(n for n in (clean_text(child_text(a, "name")) for a in children(entry, "author")) if n)
    cats = []
    primary = child(entry, "primary_category")
    if primary is not None and primary.get("term"):
        cats.append(primary.get("term").strip())
    cats += [c.get("term").strip() for c in children(entry, "category") if c.get("term")]
    comment = clean_text(child_text(entry, "comment"))
    return Paper(
        id=f"arxiv:{aid}",
        title=title,
        abstract=clean_text(child_text(entry, "summary")),
        authors=authors,
        author_count=len(authors) or None,
        date=iso_date(clean_text(child_text(entry, "published"))),
        arxiv_id=aid,
        doi=norm_doi(child_text(entry, "doi")),
        url=f"https://arxiv.org/abs/{aid}",
        links=github_links(comment, "comments"),
        categories=tuple(dict.fromkeys(c for c in cats if c)),
        venue=clean_text(child_text(entry, "journal_ref")) or None,
        sources=(Source(path, line, FORMAT),),
    )
