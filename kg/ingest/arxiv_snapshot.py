"""Reader for the arXiv metadata snapshot (Kaggle ``arxiv-metadata-oai-snapshot.json``).

JSON Lines, one paper a line, as arXiv publishes it. Detected by the keys the
snapshot alone writes (``authors_parsed``, or ``submitter`` with ``versions``), so it
wins over the generic :mod:`kg.ingest.jsonl` reader that would also accept these lines.

==================  ==========================================================
``id``              ``arxiv_id``; paper id ``arxiv:<id>``
``title``,          whitespace unwrapped (TeX kept, as in the other arXiv
``abstract``        readers)
``authors_parsed``  ``[last, first, suffix, affiliation...]`` ->
                    ``"first last suffix"``; the plain ``authors`` string is
                    used only when ``authors_parsed`` is missing
``versions``        ``date`` of ``v1`` (``update_date`` when there is none)
``categories``      ``categories`` (space-separated in the source)
``doi``             ``doi`` (the first when several are given)
``journal-ref``     ``venue``
``comments``        GitHub repositories in it become
                    ``Link(url, "github", "comments")``
==================  ==========================================================

``submitter``, ``report-no`` and ``license`` are not read. Blank lines are skipped.
"""
from __future__ import annotations

import email.utils
import json
import re

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text
from ._common import arxiv_id, github_links, iso_date, norm_doi

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read"]

FORMAT = "arxiv-snapshot"
EXTENSIONS = (".jsonl", ".json")


def sniff(head: str) -> bool:
    first = next((l for l in head.splitlines() if l.strip()), "")
    if not first.lstrip().startswith("{"):
        return False
    return '"authors_parsed"' in first or ('"submitter"' in first and '"versions"' in first)


def read(path: str, text: str, **_options):
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except ValueError as exc:
            raise InputError(path, f"{FORMAT}: invalid JSON: {exc.msg} (column {exc.colno})", n) from None
        if not isinstance(obj, dict):
            raise InputError(path, f"{FORMAT}: expected a JSON object per line", n)
        yield _paper(path, n, obj)


def _name(parts) -> str:
    """``["Yuan", "C. -P.", ""]`` -> ``"C.-P. Yuan"`` (the snapshot spaces hyphenated initials)."""
    if not isinstance(parts, list) or not parts:
        return ""
    last, first, suffix = (list(parts) + ["", ""])[:3]
    first = re.sub(r"\.\s+-", ".-", first or "")
    return clean_text(" ".join(p for p in (first, last or "", suffix or "") if p and p.strip()))


def _v1_date(versions) -> str | None:
    """``"Mon, 2 Apr 2007 19:18:42 GMT"`` of the first version -> ``"2007-04-02"``."""
    if not isinstance(versions, list) or not versions or not isinstance(versions[0], dict):
        return None
    try:
        return email.utils.parsedate_to_datetime(versions[0].get("created") or "").date().isoformat()
    except (TypeError, ValueError):
        return None


def _paper(path: str, n: int, obj: dict) -> Paper:
    aid = arxiv_id(str(obj.get("id") or ""))
    if not aid:
        raise InputError(path, f"{FORMAT}: line without a valid arXiv 'id' ({obj.get('id')!r})", n)
    for key in ("title", "abstract", "authors", "comments", "journal-ref", "doi", "categories"):
        if obj.get(key) is not None and not isinstance(obj[key], str):
            raise InputError(path, f"{FORMAT}: '{key}' must be a string, not {type(obj[key]).__name__}", n)
    title = clean_text(obj.get("title") or "")
    if not title:
        raise InputError(path, f"{FORMAT}: paper {aid} has no title", n)
    if obj.get("authors_parsed"):
        authors = tuple(a for a in (_name(p) for p in obj["authors_parsed"]) if a)
    else:
        authors = tuple(a for a in (clean_text(x) for x in re.split(r",|\band\b", obj.get("authors") or "")) if a)
    return Paper(
        id=f"arxiv:{aid}",
        title=title,
        abstract=clean_text(obj.get("abstract") or ""),
        authors=authors,
        author_count=len(authors) or None,
        date=_v1_date(obj.get("versions")) or iso_date(obj.get("update_date")),
        arxiv_id=aid,
        doi=norm_doi(obj.get("doi")),
        url=f"https://arxiv.org/abs/{aid}",
        links=github_links(obj.get("comments") or "", "comments"),
        categories=tuple(dict.fromkeys((obj.get("categories") or "").split())),
        venue=clean_text(obj.get("journal-ref") or "") or None,
        sources=(Source(path, n, FORMAT),),
    )
