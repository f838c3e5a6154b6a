"""Reader for BibTeX and BibLaTeX files, through ``bibtexparser`` (v2) and ``pylatexenc``.

One paper per entry; container entries (``@proceedings``, ``@book``, ``@collection``
and their ``mv`` forms, ``@periodical``, ``@reference``) are the venue of other
entries, not papers, and are skipped. Titles, abstracts, author names and venues go
from LaTeX to text (accents, ``\\%``, math as text; braces removed). Fields:

====================================  ==============================================
``title``, ``abstract``               LaTeX to text
``author``                            ``"Last, First and ..."`` -> ``"First Last"``
                                      (von and Jr parts kept, ``others`` and
                                      equal-contribution marks ``*`` dropped)
``eprint`` (+ ``eprinttype`` or       ``arxiv_id``, also found in an arxiv.org
``archiveprefix`` = arXiv)            ``url``, an arXiv DOI or ``arXiv:ID`` /
                                      ``CoRR abs/ID`` in ``journal``
``doi``                               ``doi``
``date`` (BibLaTeX, full dates only)  ``date``; else the ``published`` date of the
                                      entry's container (see below); a bare
                                      ``year`` gives no date
``booktitle``, ``journaltitle``,      ``venue``, else the container's ``booktitle``
``journal``, ``eventtitle``           or ``title``
``url``                               ``url``
``keywords``                          ``keywords`` (comma or semicolon separated)
``software``, ``code``                ``Link(url, kind, field)``: kind ``github`` for
                                      a GitHub repository, ``huggingface`` for
                                      huggingface.co, else ``other`` (Zenodo...)
``url`` that is a GitHub repository   also ``Link(url, "github", "url")``
GitHub URLs in ``note``               ``Link(url, "github", "note")`` (Zotero puts
                                      arXiv comments there)
====================================  ==============================================

The container of an entry is the entry its ``crossref`` names or, when the file has
exactly one container entry (a PMLR volume's ``@Proceedings`` header), that one.

Paper id: ``arxiv:<id>``, else ``doi:<doi>``, else a hash of the normalised title;
citation keys are local to a file and are not used. An entry that does not parse
(unbalanced braces, a missing comma) raises :class:`InputError` naming the line where
the entry starts. A repeated citation key only logs a warning: the second entry is read.
"""
from __future__ import annotations

import logging
import re

from ..errors import InputError
from ..model import Paper, Source
from ..textnorm import clean_text, short_hash, title_key
from ._common import arxiv_id, github_links, iso_date, metadata_link, norm_doi, with_scheme

__all__ = ["FORMAT", "EXTENSIONS", "sniff", "read", "latex_to_text", "person_names"]

FORMAT = "bibtex"
EXTENSIONS = (".bib", ".bibtex", ".biblatex")

log = logging.getLogger(__name__)

_ENTRY_START = re.compile(r"^[ \t]*@[ \t]*([A-Za-z]+)[ \t]*[{(]", re.M)
_NOT_ENTRIES = {"comment", "string", "preamble"}
_CONTAINERS = {"proceedings", "mvproceedings", "book", "mvbook", "collection", "mvcollection",
               "periodical", "reference", "mvreference", "set", "xdata"}
_VENUE_FIELDS = ("booktitle", "journaltitle", "journal", "eventtitle")
_LINK_FIELDS = ("software", "code")
# text that needs the LaTeX converter; anything else is taken as it is (fast path)
_LATEX_CHARS = re.compile(r"[\\{}$~%]")
_UNESCAPED_PERCENT = re.compile(r"(?<!\\)%")
# URLs are taken out before conversion and put back after: LaTeX would turn "~" into a
# space and "%" into a comment, and pylatexenc 2.10 fails on some \href forms
_HREF = re.compile(r"\\href\s*\{([^{}]*)\}\s*\{((?:[^{}]|\{[^{}]*\})*)\}")
_URL_MACRO = re.compile(r"\\url\s*\{([^{}]*)\}")
_BARE_URL = re.compile(r"https?://[^\s{}\\]+")


def sniff(head: str) -> bool:
    if head.lstrip()[:1] in ("{", "[", "<"):
        return False
    return any(m.group(1).lower() not in _NOT_ENTRIES for m in _ENTRY_START.finditer(head))


def _converter():
    from pylatexenc.latex2text import LatexNodes2Text
    return LatexNodes2Text()


def latex_to_text(s: str, converter=None) -> str:
    """Plain text of a LaTeX field value, whitespace folded.

    A ``%`` that is not escaped is kept as a percent sign: in a BibTeX value it is
    text, while LaTeX would start a comment and drop the rest of the line. URLs are
    kept as written (``\\href{url}{text}`` gives ``text (url)``).

    >>> latex_to_text(r"Delving {{Deep}} into {{Rectifiers}}: 15.4\\% and $k$-means")
    'Delving Deep into Rectifiers: 15.4% and k-means'
    >>> latex_to_text(r'Akg\\"{u}l, 50% done, see \\href{https://github.com/a/b_c}{GitHub}.')
    'Akgül, 50% done, see GitHub (https://github.com/a/b_c).'
    """
    if not s:
        return ""
    if not _LATEX_CHARS.search(s):
        return clean_text(s)
    urls: list[str] = []

    def keep(url: str) -> str:
        urls.append(url.strip())
        return f"kgurl{len(urls) - 1}kgurl"

    s = _HREF.sub(lambda m: f"{{{m.group(2)}}} ({keep(m.group(1))})", s)
    s = _URL_MACRO.sub(lambda m: keep(m.group(1)), s)
    s = _BARE_URL.sub(lambda m: keep(m.group(0)), s)
    converter = converter or _converter()
    try:
        out = converter.latex_to_text(_UNESCAPED_PERCENT.sub(r"\\%", s))
    except Exception:  # noqa: BLE001 - pylatexenc fails on some macros it half-knows
        out = re.sub(r"\\[A-Za-z]+\*?|[{}]", "", s)
    out = re.sub(r"kgurl(\d+)kgurl", lambda m: urls[int(m.group(1))], out)
    return clean_text(out)


def person_names(value: str, converter=None) -> tuple[str, ...]:
    """``"Last, First and ..."`` (or ``"First Last and ..."``) -> full names, in order.

    >>> person_names(r"Ver Steeg, Greg and Wang*, Yuanhao and {Planck Collaboration} and others")
    ('Greg Ver Steeg', 'Yuanhao Wang', 'Planck Collaboration')
    """
    from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names
    out = []
    for raw in split_multiple_persons_names(value or ""):
        if raw.strip().lower() == "others":
            continue
        full = parse_single_name_into_parts(raw, strict=False).merge_first_name_first
        name = latex_to_text(full, converter)
        name = clean_text(re.sub(r"[*\u2020\u2021]+(?=\s|$)", "", name))  # equal-contribution marks
        if name:
            out.append(name)
    return tuple(out)


def read(path: str, text: str, **_options):
    """Yield one :class:`Paper` per entry that is not a container, in file order."""
    import bibtexparser
    from bibtexparser.model import DuplicateBlockKeyBlock, Entry, ParsingFailedBlock

    library = bibtexparser.parse_string(text)
    entries = []
    for block in library.blocks:
        if isinstance(block, DuplicateBlockKeyBlock):
            log.warning("%s:%s: citation key %r used twice; both entries are read",
                        path, (block.start_line or 0) + 1, block.key)
            entries.append(block.ignore_error_block)
        elif isinstance(block, ParsingFailedBlock):
            err = block.error
            reason = clean_text(getattr(err, "abort_reason", None) or getattr(err, "message", None) or str(err))
            if block.ignore_error_block is not None and isinstance(block.ignore_error_block, Entry) \
                    and not getattr(err, "abort_reason", None):
                # e.g. a field given twice: the entry itself was parsed
                log.warning("%s:%s: %s", path, (block.start_line or 0) + 1, reason)
                entries.append(block.ignore_error_block)
                continue
            raise InputError(path, f"{FORMAT}: cannot parse the entry that starts here "
                                   f"(unbalanced braces or a missing comma?): {reason}",
                             (block.start_line or 0) + 1)
        elif isinstance(block, Entry):
            entries.append(block)
    converter = _converter()
    containers = {e.key: e for e in entries if e.entry_type.lower() in _CONTAINERS}
    only_container = next(iter(containers.values())) if len(containers) == 1 else None
    for e in entries:
        if e.entry_type.lower() in _CONTAINERS:
            continue
        fields = {k.lower(): v for k, v in ((f.key, f.value) for f in e.fields) if isinstance(v, str)}
        container = containers.get(fields.get("crossref", "").strip()) or only_container
        yield _paper(path, (e.start_line or 0) + 1, e.key, fields, container, converter)


def _arxiv(fields: dict) -> str | None:
    kind = (fields.get("eprinttype") or fields.get("archiveprefix") or "").strip().lower()
    if fields.get("eprint") and kind in ("arxiv", ""):
        aid = arxiv_id(fields["eprint"])
        if aid:
            return aid
    url = fields.get("url") or ""
    if re.search(r"arxiv\.org/(?:abs|pdf)/", url, re.I):
        return arxiv_id(url)
    m = re.search(r"(?:arXiv:\s*|CoRR\s+abs/|^abs/)(\S+)", " ".join(
        fields.get(k, "") for k in ("journal", "journaltitle", "volume")), re.I)
    if m:
        return arxiv_id(m.group(1))
    return arxiv_id(norm_doi(fields.get("doi")) or "") if norm_doi(fields.get("doi")) else None


def _paper(path, line, key, fields, container, converter) -> Paper:
    title = latex_to_text(fields.get("title", ""), converter)
    if not title:
        raise InputError(path, f"{FORMAT}: entry {key!r} has no title", line)
    cfields = {f.key.lower(): f.value for f in container.fields if isinstance(f.value, str)} if container else {}
    venue_raw = next((fields[k] for k in _VENUE_FIELDS if fields.get(k, "").strip()), "") \
        or cfields.get("booktitle") or cfields.get("title") or ""
    authors = person_names(fields.get("author", ""), converter)
    aid = _arxiv(fields)
    doi = norm_doi(fields.get("doi"))
    links = [metadata_link(fields[k], k) for k in _LINK_FIELDS if fields.get(k, "").strip()]
    url = fields.get("url", "").strip()
    if url and metadata_link(url, "url").kind == "github":
        links.append(metadata_link(url, "url"))
    links += github_links(fields.get("note", ""), "note")
    keywords = tuple(dict.fromkeys(k for k in (latex_to_text(x, converter)
                                               for x in re.split(r"[,;]", fields.get("keywords", ""))) if k))
    if aid:
        pid = f"arxiv:{aid}"
    elif doi:
        pid = f"doi:{doi.lower()}"
    else:
        pid = short_hash(title_key(title))
    return Paper(
        id=pid,
        title=title,
        abstract=latex_to_text(fields.get("abstract", ""), converter),
        authors=authors,
        author_count=len(authors) or None,
        date=iso_date(fields.get("date", "").strip()) or iso_date(cfields.get("published", "").strip()),
        arxiv_id=aid,
        doi=doi,
        url=with_scheme(url) if url else None,
        links=tuple(dict.fromkeys(links)),
        keywords=keywords,
        venue=latex_to_text(venue_raw, converter) or None,
        sources=(Source(path, line, FORMAT),),
    )
