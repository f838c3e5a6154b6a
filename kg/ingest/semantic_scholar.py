"""Reader for Semantic Scholar Graph API responses (``api.semanticscholar.org/graph/v1``).

Accepted shapes, told apart by content:

- a paper (``/paper/{id}``): one object with ``paperId``;
- a batch (``POST /paper/batch``): a list aligned with the requested ids, ``null`` for
  an id S2 does not know (skipped);
- a search or listing page (``{"data": [...]}``) and JSON Lines of papers;
- an author (``/author/{id}``): its ``papers`` list is read, one paper each; an author
  object without ``papers`` holds no paper and raises :class:`InputError`.

**Citations and references.** A paper response may embed ``citations`` (papers that
cite it) and ``references``. By default only the paper itself is yielded: the citing
papers are mostly on other subjects (the fixture's Turing paper has 1000) and would
swamp a corpus built around the papers one chose. With ``related=True`` the citing and
cited papers that have a title are yielded as well, after the main paper.

==========================  ==================================================
``externalIds.ArXiv``       ``arxiv_id``; paper id ``arxiv:<id>``
``externalIds.DOI``         ``doi``; paper id ``doi:<doi>`` when no arXiv id
``paperId``                 paper id ``s2:<paperId>`` when neither is given
                            (a hash of the normalised title when that is
                            missing too)
``title``, ``abstract``     whitespace folded (``abstract`` is often null)
``authors[].name``          authors, in order
``publicationDate``         ``date``; a bare ``year`` gives no date
``venue``                   ``venue``, else ``publicationVenue.name``, else
                            ``journal.name``
``fieldsOfStudy``,          ``categories`` (S2's subject fields)
``s2FieldsOfStudy``
``url``                     ``url`` (the S2 page)
==========================  ==================================================

``tldr``, ``embedding``, counts and ``citationStyles`` are not read.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text, short_hash, title_key
from ._common import LineIndex, arxiv_id, iso_date, json_children, norm_doi, parse_json

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read"]

FORMAT = "semantic-scholar"
EXTENSIONS = (".json", ".jsonl")


def sniff(head: str) -> bool:
    if head.lstrip()[:1] not in ("[", "{"):
        return False
    # "paperId" is S2's own key; an author response starts with "authorId" and lists papers
    return bool(re.search(r'"paperId"\s*:', head)
                or re.search(r'^\s*\{\s*"authorId"\s*:', head))


def read(path: str, text: str, related: bool = False, **_options):
    """Yield the papers of an S2 response (see the module docstring for ``related``)."""
    lines = LineIndex(text)
    for start, doc in parse_json(path, text, FORMAT):
        for off, obj in _records(path, text, start, doc, lines):
            yield _paper(path, lines.line(off), obj)
            if related and isinstance(obj, dict):
                offsets = json_children(text, off) if text[off] == "{" else {}
                for key in ("citations", "references"):
                    items = obj.get(key)
                    if not isinstance(items, list) or key not in offsets:
                        continue
                    for item_off, item in zip(json_children(text, offsets[key]), items):
                        # a citation may come wrapped: {"citingPaper": {...}} / {"citedPaper": {...}}
                        if isinstance(item, dict) and not item.get("title"):
                            item = item.get("citingPaper") or item.get("citedPaper") or item
                        if isinstance(item, dict) and clean_text(item.get("title") or ""):
                            yield _paper(path, lines.line(item_off), item)


def _records(path, text, start, doc, lines):
    """(offset, paper object) pairs of one JSON document."""
    if isinstance(doc, list):
        for off, item in zip(json_children(text, start), doc):
            if item is not None:  # a batch slot for an unknown id
                yield off, item
    elif isinstance(doc, dict) and "paperId" in doc:
        yield start, doc
    elif isinstance(doc, dict) and isinstance(doc.get("data"), list):
        yield from _records(path, text, json_children(text, start)["data"], doc["data"], lines)
    elif isinstance(doc, dict) and "authorId" in doc:
        if not isinstance(doc.get("papers"), list):
            raise InputError(path, f"{FORMAT}: an S2 author record ({doc.get('name')!r}) without "
                                   "'papers' is not a paper listing; ask the API for "
                                   "fields=papers.title,papers.authors,...", lines.line(start))
        yield from _records(path, text, json_children(text, start)["papers"], doc["papers"], lines)
    else:
        raise InputError(path, f"{FORMAT}: expected an S2 paper, batch, search page or author "
                               "object", lines.line(start))


def _paper(path: str, line: int, obj) -> Paper:
    if not isinstance(obj, dict):
        raise InputError(path, f"{FORMAT}: expected a paper object, got {type(obj).__name__}", line)
    title = clean_text(obj.get("title") or "")
    if not title:
        raise InputError(path, f"{FORMAT}: paper {obj.get('paperId')!r} has no title", line)
    ext = obj.get("externalIds") if isinstance(obj.get("externalIds"), dict) else {}
    aid = arxiv_id(str(ext.get("ArXiv") or "")) or arxiv_id(norm_doi(ext.get("DOI")) or "")
    doi = norm_doi(ext.get("DOI"))
    if aid:
        pid = f"arxiv:{aid}"
    elif doi:
        pid = f"doi:{doi.lower()}"
    elif obj.get("paperId"):
        pid = f"s2:{obj['paperId']}"
    else:  # a stub (some references have only a title)
        pid = short_hash(title_key(title))
    authors = tuple(n for n in (clean_text(a.get("name") or "") for a in obj.get("authors") or []
                                if isinstance(a, dict)) if n)
    venue = clean_text(obj.get("venue") or "")
    for key in ("publicationVenue", "journal"):
        if not venue and isinstance(obj.get(key), dict):
            venue = clean_text(obj[key].get("name") or "")
    fields = [f for f in obj.get("fieldsOfStudy") or [] if isinstance(f, str)]
    fields += [f.get("category") for f in obj.get("s2FieldsOfStudy") or []
               if isinstance(f, dict) and isinstance(f.get("category"), str)]
    return Paper(
        id=pid,
        title=title,
        abstract=clean_text(obj.get("abstract") or ""),
        authors=authors,
        author_count=len(authors) or None,
        date=iso_date(obj.get("publicationDate")),
        arxiv_id=aid,
        doi=doi,
        url=obj.get("url") if isinstance(obj.get("url"), str) else None,
        categories=tuple(dict.fromkeys(fields)),
        venue=venue or None,
        sources=(Source(path, line, FORMAT),),
    )
