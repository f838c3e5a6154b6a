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
import os
from pathlib import Path

from ..errors import InputError, UnknownFormatError
from ..model import Paper

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
    """Decode UTF-8 (with or without BOM); bad bytes raise InputError naming the line."""
    if b"\x00" in data[:SNIFF_CHARS]:
        raise InputError(path, "binary data (NUL bytes), not a text listing")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise InputError(path, f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
                               "convert it with e.g. 'iconv -f latin1 -t utf-8'", line) from None
    return text


def reader_for(path, text: str):
    """The reader module that accepts ``text``; UnknownFormatError when none does."""
    head = text[:SNIFF_CHARS]
    for reader in _readers():
        if reader.sniff(head):
            return reader
    if not text.strip():
        raise UnknownFormatError(path, "empty file")
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
        unreadable, undecodable or malformed input (names the file and line).
    """
    path = Path(path)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise InputError(path, f"file too large ({size} bytes; the limit is {MAX_FILE_BYTES})")
        data = path.read_bytes()
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    text = decode(path, data)
    reader = reader_for(path, text)
    try:
        return list(reader.read(str(path), text, **options))
    except InputError:
        raise
    except RecursionError:
        raise InputError(path, f"{reader.FORMAT}: input nested too deeply") from None
    except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
        # a reader bug or an input shape nobody foresaw: still a clear message, no traceback
        raise InputError(path, f"{reader.FORMAT}: cannot parse: {type(exc).__name__}: {exc}") from None


def iter_input_files(paths) -> list[Path]:
    """Expand directories (recursively, sorted, hidden files skipped) into files."""
    out: list[Path] = []
    for p in paths:
        p = Path(p)
        if p.is_dir():
            for root, dirs, files in os.walk(p):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                for name in sorted(files):
                    if name.startswith(".") or name.lower() in {"readme.md", "manifest.tsv", "license"}:
                        continue
                    out.append(Path(root) / name)
        elif p.exists():
            out.append(p)
        else:
            raise InputError(p, "no such file or directory")
    return out


def read_paths(paths, skip_bad: bool = False, **options):
    """Read every file under ``paths``.

    Returns
    -------
    (papers, problems) : (list[Paper], list[InputError])
        ``problems`` is empty unless ``skip_bad`` is set; without it the first bad
        file raises.
    """
    papers: list[Paper] = []
    problems: list[InputError] = []
    for f in iter_input_files(paths):
        try:
            papers.extend(read_file(f, **options))
        except InputError as exc:
            if not skip_bad:
                raise
            problems.append(exc)
    return papers, problems
