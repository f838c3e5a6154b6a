"""Reader for OpenAlex works (``api.openalex.org/works``), as JSON or JSON Lines.

Accepted shapes: one work object, a results page (``{"meta": ..., "results": [...]}``),
a list of works, or one work per line (the OpenAlex snapshot). Other OpenAlex entities
(authors ``A...``, topics ``T...``, institutions, sources, concepts, publishers,
funders) describe no paper: such a file raises :class:`InputError` saying so, rather
than giving an empty result that would look like a successful read.

===========================  =================================================
``doi``                      ``doi`` (without ``https://doi.org/``)
``ids.arxiv``, an arXiv DOI  ``arxiv_id`` (OpenAlex seldom gives one)
or an arxiv.org location
``title`` / ``display_name``  title
``abstract_inverted_index``  the abstract, rebuilt: each word at its positions
``authorships``              authors (``author.display_name``, in order)
``authorships[].institutions``  ``organization``: ``(OpenAlex id, name)`` of the
                             first institution of the corresponding author, else
                             of the first author that has one (the model keeps
                             one organisation per paper, not per author)
``publication_date``         ``date``
``primary_location.source``  ``venue``
``keywords``                 ``keywords``
``topics``                   ``categories`` (OpenAlex topic names)
``primary_location``         ``url`` (the landing page)
===========================  =================================================

Paper id: ``arxiv:<id>``, else ``doi:<doi>``, else ``openalex:W...``, else a hash of
the normalised title.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text, short_hash, title_key
from ._common import LineIndex, arxiv_id, iso_date, json_children, norm_doi, parse_json

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read", "rebuild_abstract"]

FORMAT = "openalex"
EXTENSIONS = (".json", ".jsonl")

_OPENALEX_ID = re.compile(r'"id"\s*:\s*"https://openalex\.org/([A-Za-z])\d+"')
_ENTITY = {"A": "author", "T": "topic", "I": "institution", "S": "source", "C": "concept",
           "P": "publisher", "F": "funder", "K": "keyword"}


def sniff(head: str) -> bool:
    return head.lstrip()[:1] in ("[", "{") and bool(_OPENALEX_ID.search(head))


def rebuild_abstract(index) -> str:
    """The text an ``abstract_inverted_index`` (``{word: [positions]}``) encodes.

    >>> rebuild_abstract({"Despite": [0], "interest": [2], "growing": [1], "in": [3]})
    'Despite growing interest in'
    """
    if not isinstance(index, dict):
        return ""
    slots: dict[int, str] = {}
    for word, positions in index.items():
        for pos in positions or []:
            if isinstance(pos, int):
                slots[pos] = word
    return clean_text(" ".join(slots[i] for i in sorted(slots)))


def read(path: str, text: str, **_options):
    """Yield one :class:`Paper` per work."""
    lines = LineIndex(text)
    for start, doc in parse_json(path, text, FORMAT):
        if isinstance(doc, dict) and isinstance(doc.get("results"), list):
            start, doc = json_children(text, start)["results"], doc["results"]
        if isinstance(doc, list):
            for off, obj in zip(json_children(text, start), doc):
                yield _paper(path, lines.line(off), obj)
        else:
            yield _paper(path, lines.line(start), doc)


def _short(oa_id) -> str:
    return str(oa_id or "").rstrip("/").rpartition("/")[2]


def _paper(path: str, line: int, obj) -> Paper:
    if not isinstance(obj, dict):
        raise InputError(path, f"{FORMAT}: expected a work object, got {type(obj).__name__}", line)
    short = _short(obj.get("id"))
    if short[:1].upper() in _ENTITY:
        kind = _ENTITY[short[:1].upper()]
        raise InputError(path, f"{FORMAT}: this is an OpenAlex {kind} record ({short}), not a paper "
                               f"listing; read works instead (e.g. /works?filter=...)", line)
    title = clean_text(obj.get("title") or obj.get("display_name") or "")
    if not title:
        raise InputError(path, f"{FORMAT}: work {short or '?'} has no title", line)
    ids = obj.get("ids") if isinstance(obj.get("ids"), dict) else {}
    doi = norm_doi(obj.get("doi") or ids.get("doi"))
    aid = arxiv_id(str(ids.get("arxiv") or "")) or (arxiv_id(doi) if doi else None)
    locations = [loc for loc in obj.get("locations") or [] if isinstance(loc, dict)]
    for loc in locations:
        if aid:
            break
        page = loc.get("landing_page_url") or ""
        if re.match(r"^https?://(?:www\.)?arxiv\.org/abs/", page, re.I):
            aid = arxiv_id(page)
    authors, organization = [], None
    authorships = [a for a in obj.get("authorships") or [] if isinstance(a, dict)]
    for a in authorships:
        name = clean_text((a.get("author") or {}).get("display_name") or a.get("raw_author_name") or "")
        if name:
            authors.append(name)
    ordered = sorted(authorships, key=lambda a: not a.get("is_corresponding"))  # stable
    for a in ordered:
        insts = [i for i in a.get("institutions") or [] if isinstance(i, dict) and i.get("display_name")]
        if insts:
            organization = (_short(insts[0].get("id")) or insts[0]["display_name"],
                            clean_text(insts[0]["display_name"]))
            break
    primary = obj.get("primary_location") if isinstance(obj.get("primary_location"), dict) else {}
    source = primary.get("source") if isinstance(primary.get("source"), dict) else {}
    keywords = [k.get("display_name") for k in obj.get("keywords") or [] if isinstance(k, dict)]
    topics = [t.get("display_name") for t in obj.get("topics") or [] if isinstance(t, dict)]
    if aid:
        pid = f"arxiv:{aid}"
    elif doi:
        pid = f"doi:{doi.lower()}"
    else:
        pid = f"openalex:{short}" if short else short_hash(title_key(title))
    return Paper(
        id=pid,
        title=title,
        abstract=rebuild_abstract(obj.get("abstract_inverted_index")),
        authors=tuple(authors),
        author_count=len(authors) or None,
        organization=organization,
        date=iso_date(obj.get("publication_date")),
        arxiv_id=aid,
        doi=doi,
        url=primary.get("landing_page_url") or (f"https://doi.org/{doi}" if doi else None),
        keywords=tuple(dict.fromkeys(clean_text(k) for k in keywords if isinstance(k, str) and k.strip())),
        categories=tuple(dict.fromkeys(clean_text(t) for t in topics if isinstance(t, str) and t.strip())),
        venue=clean_text(source.get("display_name") or "") or None,
        sources=(Source(path, line, FORMAT),),
    )
