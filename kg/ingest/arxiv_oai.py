"""Reader for arXiv OAI-PMH responses with ``metadataPrefix=arXiv`` (``export.arxiv.org/oai2``).

``ListRecords`` and ``GetRecord`` responses are read alike: every ``<record>`` whose
header is not ``status="deleted"`` gives a paper from its ``<arXiv>`` metadata. The
``<arXiv>`` element is found by local name, with or without its own namespace (some
harvesters strip it). Fields:

======================  =======================================================
``id``                  ``arxiv_id``; paper id ``arxiv:<id>``
``title``, ``abstract`` whitespace unwrapped (TeX kept)
``authors/author``      ``forenames keyname suffix``; several ``keyname``
                        elements are joined; an author without a letter in
                        the name (``<keyname>:</keyname>``) is dropped
``created``             ``date`` (first version)
``categories``          ``categories`` (space-separated in the source)
``doi``                 ``doi`` (the first when several are given)
``journal-ref``         ``venue``
``comments``            GitHub repositories in it become
                        ``Link(url, "github", "comments")``
======================  =======================================================

Affiliations, report numbers and licences are not read. An OAI-PMH ``noRecordsMatch``
error gives no papers; any other OAI-PMH error raises :class:`InputError`. Other
metadata formats (``oai_dc``, ``arXivRaw``) are not recognised.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text
from ._common import arxiv_id, child, child_text, children, element_lines, github_links, iso_date, \
    local, norm_doi, parse_xml

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read"]

FORMAT = "arxiv-oai"
EXTENSIONS = (".xml",)


def sniff(head: str) -> bool:
    return bool(re.search(r"<OAI-PMH\b", head)
                and (re.search(r"<arXiv[\s>]", head) or re.search(r'metadataPrefix="arXiv"', head)))


def read(path: str, text: str, **_options):
    """Yield one :class:`Paper` per live record."""
    root = parse_xml(path, text, FORMAT)
    if local(root.tag) != "OAI-PMH":
        raise InputError(path, f"{FORMAT}: expected an <OAI-PMH> response, found <{local(root.tag)}>", 1)
    for err in children(root, "error"):
        if err.get("code") == "noRecordsMatch":
            return
        raise InputError(path, f"{FORMAT}: OAI-PMH error {err.get('code')}: {clean_text(''.join(err.itertext()))}")
    records = [r for r in root.iter() if local(r.tag) == "record"]
    lines = element_lines(text, "record")
    for record, line in zip(records, lines):
        header = child(record, "header")
        if header is not None and header.get("status") == "deleted":
            continue
        meta = child(record, "metadata")
        arx = child(meta, "arXiv") if meta is not None else None
        if arx is None:
            raise InputError(path, f"{FORMAT}: record without <arXiv> metadata "
                                   "(only metadataPrefix=arXiv is supported)", line)
        yield _paper(path, line, arx)


def _author(a) -> str:
    keyname = " ".join(clean_text(k.text or "") for k in children(a, "keyname"))
    parts = [clean_text(child_text(a, "forenames")), clean_text(keyname), clean_text(child_text(a, "suffix"))]
    name = " ".join(p for p in parts if p)
    return name if re.search(r"[^\W\d_]", name) else ""


def _paper(path: str, line: int, arx) -> Paper:
    aid = arxiv_id(clean_text(child_text(arx, "id")))
    if not aid:
        raise InputError(path, f"{FORMAT}: record without a valid arXiv id", line)
    title = clean_text(child_text(arx, "title"))
    if not title:
        raise InputError(path, f"{FORMAT}: record {aid} has no title", line)
    authors_el = child(arx, "authors")
    authors = tuple(n for n in (_author(a) for a in children(authors_el, "author")) if n) \
        if authors_el is not None else ()
    comments = clean_text(child_text(arx, "comments"))
    return Paper(
        id=f"arxiv:{aid}",
        title=title,
        abstract=clean_text(child_text(arx, "abstract")),
        authors=authors,
        author_count=len(authors) or None,
        date=iso_date(clean_text(child_text(arx, "created"))),
        arxiv_id=aid,
        doi=norm_doi(child_text(arx, "doi")),
        url=f"https://arxiv.org/abs/{aid}",
        links=github_links(comments, "comments"),
        categories=tuple(dict.fromkeys(clean_text(child_text(arx, "categories")).split())),
        venue=clean_text(child_text(arx, "journal-ref")) or None,
        sources=(Source(path, line, FORMAT),),
    )
