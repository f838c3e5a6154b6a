"""Reader for Hugging Face papers API JSON (``/api/daily_papers``, ``/api/papers/ID``).

Accepted shapes: a daily-papers response (a list of ``{"paper": {...}, "title": ...,
"publishedAt": ...}``), a single paper object, a list of bare paper objects, or one
such object per line. Fields read from ``paper`` (the outer entry fills gaps):

=================  ===========================================================
``id``             ``arxiv_id``; the paper id is ``arxiv:<id>``
``title``          newlines unwrapped (2024 responses hard-wrap titles)
``summary``        the abstract, unwrapped
``authors[].name`` authors, in order; ``author_count`` is their number
``publishedAt``    ``date`` (YYYY-MM-DD)
``upvotes``        ``upvotes``
``organization``   ``(name, fullname)``: the handle and the display name
``githubRepo``     ``Link(url, "github", "githubRepo")``
``projectPage``    ``Link(url, "project", "projectPage")``
``ai_keywords``    ``keywords``
=================  ===========================================================

Each field may be missing (the schema grew from 2024 to 2026: no ``githubRepo`` in
2024, ``ai_keywords`` only on some days, ``githubRepo`` absent rather than null when
there is no code). Anything else (``ai_summary``, ``githubStars``, media) is left out.
"""
from __future__ import annotations

import re

from ..errors import InputError
from ..model import Link, Paper, Source
from ..textnorm import clean_text
from ._common import LineIndex, arxiv_id, iso_date, json_children, parse_json, with_scheme

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read"]

FORMAT = "hf-papers-api"
EXTENSIONS = (".json", ".jsonl")

# keys only this API writes together; "publishedAt" (camelCase) and "upvotes" are not in
# Semantic Scholar, OpenAlex or arXiv JSON
_HF_KEYS = re.compile(r'"upvotes"\s*:')
_HF_DATE = re.compile(r'"publishedAt"\s*:')
_HF_TEXT = re.compile(r'"(?:summary|paper)"\s*:')


def sniff(head: str) -> bool:
    if head.lstrip()[:1] not in ("[", "{"):
        return False
    return bool(_HF_KEYS.search(head) and _HF_DATE.search(head) and _HF_TEXT.search(head))


def read(path: str, text: str, **_options):
    """Yield one :class:`Paper` per entry, in file order (repeats included)."""
    lines = LineIndex(text)
    for start, doc in parse_json(path, text, FORMAT):
        if isinstance(doc, list):
            offsets = json_children(text, start)
            for off, item in zip(offsets, doc):
                yield _paper(path, lines.line(off), item)
        else:
            yield _paper(path, lines.line(start), doc)


def _paper(path: str, line: int, entry) -> Paper:
    if not isinstance(entry, dict):
        raise InputError(path, f"{FORMAT}: expected a paper object, got {type(entry).__name__}", line)
    paper = entry.get("paper") if isinstance(entry.get("paper"), dict) else entry

    def get(key):
        v = paper.get(key)
        return v if v not in (None, "", []) else entry.get(key)

    raw_id = paper.get("id")
    aid = arxiv_id(str(raw_id)) if raw_id is not None else None
    if not aid:
        raise InputError(path, f"{FORMAT}: entry without an arXiv id (id={raw_id!r})", line)
    title = clean_text(_str(path, line, get("title"), "title"))
    if not title:
        raise InputError(path, f"{FORMAT}: paper {aid} has no title", line)
    authors = []
    for a in paper.get("authors") or []:
        name = clean_text(a.get("name") or "") if isinstance(a, dict) else ""
        if name:
            authors.append(name)
    org = get("organization")
    organization = None
    if isinstance(org, dict) and (org.get("name") or org.get("fullname")):
        handle = org.get("name") or org.get("fullname")
        organization = (handle, org.get("fullname") or handle)
    links = []
    if isinstance(paper.get("githubRepo"), str) and paper["githubRepo"].strip():
        links.append(Link(with_scheme(paper["githubRepo"]), "github", "githubRepo"))
    if isinstance(paper.get("projectPage"), str) and paper["projectPage"].strip():
        links.append(Link(with_scheme(paper["projectPage"]), "project", "projectPage"))
    keywords = tuple(dict.fromkeys(clean_text(k) for k in paper.get("ai_keywords") or []
                                   if isinstance(k, str) and clean_text(k)))
    upvotes = paper.get("upvotes")
    return Paper(
        id=f"arxiv:{aid}",
        title=title,
        abstract=clean_text(_str(path, line, get("summary"), "summary")),
        authors=tuple(authors),
        author_count=len(authors) or None,
        organization=organization,
        date=iso_date(paper.get("publishedAt")) or iso_date(entry.get("publishedAt")),
        upvotes=upvotes if isinstance(upvotes, int) and not isinstance(upvotes, bool) else None,
        arxiv_id=aid,
        links=tuple(links),
        keywords=keywords,
        sources=(Source(path, line, FORMAT),),
    )


def _str(path, line, v, key) -> str:
    if v is None:
        return ""
    if not isinstance(v, str):
        raise InputError(path, f"{FORMAT}: '{key}' must be a string, not {type(v).__name__}", line)
    return v
