"""Ingest: files -> :class:`kg.model.Paper` records.

Each reader is a module of its own in this package with four names:

``FORMAT``
    a short name (``hf-daily-page``), shown in messages and kept in ``Source.format``;
``EXTENSIONS``
    file endings the reader usually sees (a hint for directory scans, never a
    requirement: the format is detected from content);
``sniff(head: str) -> bool``
    True when the first characters of a file (decoded text) look like this format;
``read(path: str, text: str, **options) -> Iterable[Paper]``
    parse the whole text; raise :class:`kg.errors.InputError` naming the line on bad input.

A new source is one new module plus one line in ``READERS``.
"""
from __future__ import annotations

import importlib
import logging
import os
import re
import stat
from pathlib import Path

from ..errors import InputError, UnknownFormatError
from ..model import Paper
from ..textnorm import clean_text

log = logging.getLogger(__name__)

__all__ = ["READERS", "reader_for", "read_file", "read_paths", "iter_input_files", "decode"]

# Order matters: the first reader whose sniff() accepts a file reads it; the most
# specific formats come first and plain JSON Lines last.
READERS = [
    "kg.ingest.daily_page",
    "kg.ingest.hf_api",
    "kg.ingest.semantic_scholar",
    "kg.ingest.openalex",
    "kg.ingest.arxiv_atom",
    "kg.ingest.arxiv_oai",
    "kg.ingest.arxiv_snapshot",  # before jsonl: its lines would pass jsonl's sniff too
    "kg.ingest.bibtex",
    "kg.ingest.jsonl",
]

#: How much of a file sniffing looks at.
SNIFF_CHARS = 65536
#: Files larger than this are refused with a clear message instead of filling memory.
MAX_FILE_BYTES = 512 * 1024 * 1024


def _readers():
    return [importlib.import_module(name) for name in READERS]


def known_extensions() -> set[str]:
    return {ext for r in _readers() for ext in r.EXTENSIONS}


def decode(path, data: bytes) -> str:
    """Decode UTF-8 (with or without BOM); bad bytes raise InputError naming the line.

    >>> decode("x.txt", b"caf\\xc3\\xa9")
    'café'
    >>> decode("x.txt", b"a\\ncaf\\xe9")
    Traceback (most recent call last):
    ...
    kg.errors.InputError: x.txt:2: not UTF-8 text (byte 0xe9 at offset 5); convert it with e.g. 'iconv -f latin1 -t utf-8'
    """
    head = data[:SNIFF_CHARS]
    for bom, name in _WIDE_BOMS:
        if head.startswith(bom):
            raise InputError(path, f"{name} text, not UTF-8; convert it with e.g. "
                                   f"'iconv -f {name.lower()} -t utf-8'")
    if b"\x00" in head:
        raise InputError(path, "binary data (NUL bytes), not a text listing")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        if _looks_binary(head):
            raise InputError(path, "binary data, not a text listing") from None
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                               "convert it with e.g. 'iconv -f latin1 -t utf-8'", line) from None
    return text


_WIDE_BOMS = ((b"\x00\x00\xfe\xff", "UTF-32"), (b"\xff\xfe\x00\x00", "UTF-32"),
              (b"\xfe\xff", "UTF-16"), (b"\xff\xfe", "UTF-16"))


def _looks_binary(head: bytes) -> bool:
    """More than 10% control bytes (other than tab, newline, carriage return, form feed)
    in the first bytes: an image, an archive, random data; not text in another encoding."""
    sample = head[:4096]
    ctrl = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13) or b == 127)
    return bool(sample) and ctrl * 10 > len(sample)


def reader_for(path, text: str):
    """The reader module that accepts ``text``; UnknownFormatError when none does."""
    head = text[:SNIFF_CHARS]
    if not text.strip():
        raise UnknownFormatError(path, "empty file")
    for reader in _readers():
        try:
            ok = reader.sniff(head)
        except Exception as exc:  # a sniffer must not break a build
            log.debug("%s: %s.sniff failed: %r", path, reader.__name__, exc)
            ok = False
        if ok:
            return reader
    raise UnknownFormatError(path, "unrecognised format (expected a saved Daily Papers page, "
                                   "JSON Lines, HF papers JSON, arXiv Atom/OAI-PMH, BibTeX, "
                                   "Semantic Scholar or OpenAlex JSON)")


def read_file(path, **options) -> list[Paper]:
    """Read one file of any supported format.

    Parameters
    ----------
    path : str or Path
    **options
        reader options, e.g. ``year=2025`` for Daily Papers pages.

    Raises
    ------
    InputError
        unreadable, undecodable or malformed input (names the file and line); also a
        record whose title or abstract is too long to be one
        (:data:`MAX_TITLE_CHARS`, :data:`MAX_ABSTRACT_CHARS`).
    """
    path = Path(path)
    try:
        st = path.stat()
        if not stat.S_ISREG(st.st_mode):
            raise InputError(path, "not a regular file (a pipe, socket or device)")
        if st.st_size > MAX_FILE_BYTES:
            raise InputError(path, f"file too large ({st.st_size} bytes; the limit is {MAX_FILE_BYTES}); "
                                   "split it into several files")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    text = decode(path, data)
    del data
    reader = reader_for(path, text)
    try:
        papers = list(reader.read(str(path), text, **options))
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, f"{reader.FORMAT}: input nested too deeply") from None
    except MemoryError:
        raise InputError(path, f"{reader.FORMAT}: not enough memory to read the file") from None
    except Exception as exc:
        # a reader bug or an input shape nobody foresaw: still a clear message, no traceback
        log.debug("%s: %s reader failed", path, reader.FORMAT, exc_info=True)
        raise InputError(path, f"{reader.FORMAT}: cannot parse: {type(exc).__name__}: {exc}") from None
    return [_checked(path, p) for p in papers]


#: Longer titles and abstracts are not one paper's (a file read as one record, a page
#: saved with its whole body): refused with the record's line. spaCy's own limit is 10**6.
MAX_TITLE_CHARS = 2_000
MAX_ABSTRACT_CHARS = 100_000
_SURROGATE = re.compile(r"[\ud800-\udfff]")


def _checked(path, p: Paper) -> Paper:
    line = p.sources[0].line or None if p.sources else None
    if len(p.title) > MAX_TITLE_CHARS:
        raise InputError(path, f"title of {len(p.title):,} characters (the limit is {MAX_TITLE_CHARS:,}): "
                               "not one paper's title", line)
    if len(p.abstract) > MAX_ABSTRACT_CHARS:
        raise InputError(path, f"abstract of {len(p.abstract):,} characters (the limit is "
                               f"{MAX_ABSTRACT_CHARS:,}): not one paper's abstract", line)
    if _SURROGATE.search(p.title) or _SURROGATE.search(p.abstract) or any(_SURROGATE.search(a) for a in p.authors):
        # unpaired surrogates cannot be written as UTF-8: drop them as clean_text does
        p = p.with_(title=clean_text(p.title), abstract=clean_text(p.abstract),
                    authors=tuple(a for a in (clean_text(a) for a in p.authors) if a))
        if not p.title:
            raise InputError(path, "record without a title", line)
    return p


_SKIP_NAMES = {"readme.md", "manifest.tsv", "license"}


def iter_input_files(paths, exclude=()) -> list[Path]:
    """Expand directories (recursively, sorted, hidden files skipped) into files.

    A file named twice is listed once; directories in ``exclude`` (a build's output
    directory inside its input directory) and what is under them are left out.
    """
    excluded = {os.path.realpath(e) for e in exclude if e is not None}
    out: list[Path] = []
    seen: set[str] = set()

    def add(f: Path):
        real = os.path.realpath(f)
        if real not in seen:
            seen.add(real)
            out.append(f)

    for p in paths:
        p = Path(p)
        if p.is_dir():
            if os.path.realpath(p) in excluded:
                continue
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".")
                                 and os.path.realpath(os.path.join(root, d)) not in excluded)
                for name in sorted(files):
                    if name.startswith(".") or name.lower() in _SKIP_NAMES:
                        continue
                    add(Path(root) / name)
        elif p.exists() or p.is_symlink():
            add(p)
        else:
            raise InputError(p, "no such file or directory")
    return out


def read_paths(paths, skip_bad: bool = False, exclude=(), **options):
    """Read every file under ``paths``.

    Returns
    -------
    (papers, problems) : (list[Paper], list[InputError])
        ``problems`` is empty unless ``skip_bad`` is set; without it the first bad
        file raises.
    """
    papers: list[Paper] = []
    problems: list[InputError] = []
    for f in iter_input_files(paths, exclude=exclude):
        try:
            papers.extend(read_file(f, **options))
        except InputError as exc:
            if not skip_bad:
                raise
            problems.append(exc)
    return papers, problems
