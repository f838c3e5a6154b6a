"""Streaming RDF: N-Triples, Turtle, JSON-LD and RDF/XML written with memory that does not
grow with the graph.

The triples come from the RDF exporter's fast mapping (:func:`kg.export.rdf.nt_blocks`),
as N-Triples text, one block of lines per subject. The blocks are sorted by an external
merge sort: runs of at most :data:`RUN_LINES` lines are sorted in memory and spilled to
hidden temporary files beside the output, then merged. Sorting whole blocks sorts the
lines, since every line of a block starts with its subject and a subject's lines are
contiguous in the sorted file; blocks of one subject that meet in the merge are joined.
So ``kg.nt`` holds exactly the sorted, distinct lines of
``kg.rdf.syntax.to_ntriples(kg.export.rdf.iter_triples(g))``, and ``kg.ttl``,
``kg.jsonld`` and ``kg.rdf`` exactly the bytes of ``to_turtle``, ``to_jsonld`` and
``to_rdfxml`` for the same triples (each subject block converted as it comes); all are
deterministic whatever the order of the graph. ``kg.ttl`` sorts Turtle statements instead
(:func:`kg.export.rdf.ttl_blocks`, one per subject, smaller than their N-Triples lines and
not read back; see :func:`write_turtle`).
"""
from __future__ import annotations

import contextlib
import heapq
import os
import tempfile
from pathlib import Path

from . import atomic
from .atomic import atomic_write

__all__ = ["write_ntriples", "write_turtle", "write_turtle_from_lines", "write_jsonld", "write_rdfxml", "sorted_blocks",
           "nt_lines", "RUN_LINES", "MAX_OPEN_RUNS"]

#: Lines sorted in memory before a run is spilled to disk (about 30 MB of kg's N-Triples).
RUN_LINES = 200_000
DEFAULT_BASE = "https://w3id.org/kg/"
#: Ends a block in a run file. N-Triples escapes every control character inside literals
#: and IRIs, so this byte never occurs in a line.
_END = b"\x00"
#: Bytes read from a run file at a time while merging (all runs' buffers are in memory at
#: once, each also split into its blocks: 64 kB keeps the merge below the mapping's memory).
_CHUNK = 1 << 16
#: Bytes gathered before a write to the output: fewer, larger writes (1 MB).
_WRITE_BYTES = 1 << 20
#: Runs merged at once: well below the usual limit of 1,024 open files, and 16 MB of read
#: buffers. More runs (about 50 M lines, 1M papers) are first merged in groups of this size.
MAX_OPEN_RUNS = 256


def nt_lines(g, base_iri: str = DEFAULT_BASE):
    """N-Triples lines (with their newline), unsorted, a subject's lines together."""
    from .rdf import nt_blocks

    for block in nt_blocks(g, base_iri):
        # only "\n" ends a line (str.splitlines also splits at characters a literal may hold)
        yield from (line + "\n" for line in block.split("\n")[:-1])


def _subject(block: bytes) -> bytes:
    # an IRI holds no raw space in N-Triples: the subject ends at the first space
    return block[: block.index(b" ")]


def _joined(blocks: list[bytes]) -> bytes:
    """One block from several of one subject: their lines sorted, duplicates dropped."""
    if len(blocks) == 1:
        return blocks[0]
    return b"".join(sorted({line + b"\n" for b in blocks for line in b.split(b"\n")[:-1]}))


def _read_run(path: str):
    """The blocks of one run file, in order."""
    with open(path, "rb") as f:
        rest = b""
        while True:
            chunk = f.read(_CHUNK)
            if not chunk:
                break
            parts = (rest + chunk).split(_END)
            rest = parts.pop()
            yield from parts


def _spill(blocks: list[bytes], directory: Path, runs: list[str]) -> None:
    blocks.sort()
    fd, tmp = tempfile.mkstemp(prefix=f".kg.nt-run.{os.getpid()}.", suffix=".tmp", dir=directory)
    atomic._LIVE.add(tmp)
    runs.append(tmp)
    with os.fdopen(fd, "wb") as f:
        f.write(_END.join(blocks))  # one copy of the run, not two
        f.write(_END)
    blocks.clear()


def _merge_runs(group: list[str], directory: Path, runs: list[str]) -> None:
    """Merge the runs ``group`` (taken from ``runs``) into one new run at the end of ``runs``."""
    fd, tmp = tempfile.mkstemp(prefix=f".kg.nt-run.{os.getpid()}.", suffix=".tmp", dir=directory)
    atomic._LIVE.add(tmp)
    runs.append(tmp)
    with os.fdopen(fd, "wb") as f:
        for block in heapq.merge(*(_read_run(r) for r in group)):
            f.write(block)
            f.write(_END)
    for r in group:
        runs.remove(r)
        os.unlink(r)
        atomic._LIVE.discard(r)


def _encoded(blocks):
    from ..rdf.syntax import UnrepresentableError

    for block in blocks:
        try:
            yield block.encode("utf-8")
        except UnicodeEncodeError as exc:
            raise UnrepresentableError(f"text with an unpaired surrogate cannot be written as RDF: {exc}") from None


def sorted_blocks(blocks, directory, run_lines: int = RUN_LINES, join=None):
    """``blocks`` (N-Triples text, one subject each) in sorted order as UTF-8 bytes, one
    block per subject.

    Runs of at most ``run_lines`` lines are sorted in memory and spilled to hidden
    temporary files in ``directory``, removed when the generator finishes or is closed.
    UTF-8 keeps the order of code points, so sorting bytes sorts the text. ``join`` makes
    one block of the several blocks of one subject (their lines sorted and deduplicated
    when ``None``).

    Raises
    ------
    kg.rdf.syntax.UnrepresentableError
        A text with an unpaired surrogate (UTF-8 cannot hold it).
    """
    directory = Path(directory)
    join = join or _joined
    runs: list[str] = []
    buf: list[bytes] = []
    lines = 0
    try:
        for block in _encoded(blocks):
            buf.append(block)
            lines += block.count(b"\n")
            if lines >= run_lines:
                _spill(buf, directory, runs)
                lines = 0
        buf.sort()
        while len(runs) + 1 > MAX_OPEN_RUNS:  # the buffer is one more input of the merge
            group = runs[:MAX_OPEN_RUNS]
            _merge_runs(group, directory, runs)
        merged = heapq.merge(buf, *(_read_run(r) for r in runs)) if runs else iter(buf)
        group: list[bytes] = []
        subject = None
        for block in merged:
            s = _subject(block)
            if s != subject and group:
                yield join(group)
                group = []
            subject = s
            group.append(block)
        if group:
            yield join(group)
    finally:
        for r in runs:
            with contextlib.suppress(FileNotFoundError):
                os.unlink(r)
            atomic._LIVE.discard(r)


def _write(g, path, base_iri, run_lines, header: bytes, convert, tail=None) -> None:
    """Stream the sorted blocks of ``g`` into ``path``: ``header``, each block through
    ``convert``, then ``tail()`` when given."""
    from .rdf import nt_blocks

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    base_iri = _check_base(base_iri or DEFAULT_BASE)
    with contextlib.closing(sorted_blocks(nt_blocks(g, base_iri), path.parent, run_lines)) as blocks:
        with atomic_write(path, "wb") as out:
            out.write(header)
            _write_joined(out, map(convert, blocks))
            if tail is not None:
                out.write(tail())


def _write_joined(out, pieces) -> None:
    """Write ``pieces`` (bytes) to ``out`` about :data:`_WRITE_BYTES` at a time: one write
    call per block costs more than the copying of a join."""
    buf: list = []
    size = 0
    for piece in pieces:
        buf.append(piece)
        size += len(piece)
        if size >= _WRITE_BYTES:
            out.write(b"".join(buf))
            buf.clear()
            size = 0
    out.write(b"".join(buf))


def write_ntriples(g, path, base_iri: str | None = None, run_lines: int = RUN_LINES, **_options) -> None:
    """Write ``g`` as sorted, deduplicated N-Triples to ``path`` (atomically)."""
    _write(g, path, base_iri, run_lines, b"", lambda block: block)


class _SharedSubject(Exception):
    """Two Turtle statements of one subject met in the merge (see :func:`write_turtle`)."""


def _one_statement(records: list[bytes]) -> bytes:
    if len(records) > 1:
        raise _SharedSubject
    return records[0]


def _turtle_records(g, base_iri):
    """Sortable records ``subject + " \\n" + statement + "\\n"`` of :func:`kg.export.rdf.ttl_blocks`.

    A subject holds no raw space and ends with ``>``, so no subject is a prefix of another
    and the records sort as their subjects, hence as the sorted N-Triples.
    """
    from .rdf import ttl_blocks

    for s, statement in ttl_blocks(g, base_iri):
        yield f"{s} \n{statement}\n"


def write_turtle(g, path, base_iri: str | None = None, run_lines: int = RUN_LINES, **_options) -> None:
    """Write ``g`` as Turtle to ``path`` (atomically): kg's prefixes, then one statement per
    subject in the order of the sorted N-Triples, ``a`` first: the bytes of
    :func:`kg.rdf.syntax.to_turtle`.

    The statements are written from the graph (:func:`kg.export.rdf.ttl_blocks`) and the
    external sort sorts whole statements by their subject, so no N-Triples text is sorted
    or read back. A subject is in one block of the mapping unless two IRIs collide (a
    repository whose URL is an evidence IRI, a hash collision); the statements of such a
    subject cannot be joined, so the file is then written from the sorted N-Triples lines
    instead (:func:`write_turtle_from_lines`, the reference path).
    """
    from ..rdf.syntax import turtle_header

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    base_iri = _check_base(base_iri or DEFAULT_BASE)
    try:
        with contextlib.closing(sorted_blocks(_turtle_records(g, base_iri), path.parent, run_lines,
                                              _one_statement)) as records:
            with atomic_write(path, "wb") as out:
                out.write(turtle_header().encode("utf-8"))
                # each record without its subject: "\n" + statement + "\n"
                _write_joined(out, (record[record.index(b" ") + 1:] for record in records))
    except _SharedSubject:
        write_turtle_from_lines(g, path, base_iri, run_lines)


def write_turtle_from_lines(g, path, base_iri: str | None = None, run_lines: int = RUN_LINES, **_options) -> None:
    """:func:`write_turtle` from the sorted N-Triples lines, each subject's block converted
    by :func:`kg.rdf.syntax.turtle_block`: slower, right for any blocks (the reference)."""
    from ..rdf.syntax import turtle_block, turtle_compactor, turtle_header

    compact = turtle_compactor()

    def convert(block: bytes) -> bytes:
        return ("\n" + turtle_block(block.decode("utf-8"), compact) + "\n").encode("utf-8")

    _write(g, path, base_iri, run_lines, turtle_header().encode("utf-8"), convert)


def write_jsonld(g, path, base_iri: str | None = None, run_lines: int = RUN_LINES, **_options) -> None:
    """Write ``g`` as JSON-LD to ``path`` (atomically), a node object at a time
    (:class:`kg.rdf.syntax.JsonLdWriter`): the bytes of :func:`kg.rdf.syntax.to_jsonld`."""
    from ..rdf.syntax import JsonLdWriter

    writer = JsonLdWriter()
    first = []

    def convert(block: bytes) -> bytes:
        node = writer.node(block.decode("utf-8"))
        if not first:
            first.append(True)
            return (writer.head() + node).encode("utf-8")
        return (writer.SEPARATOR + node).encode("utf-8")

    def tail() -> bytes:
        return ((writer.head(True) + writer.tail(True)) if not first else writer.tail()).encode("utf-8")

    _write(g, path, base_iri, run_lines, b"", convert, tail)


def write_rdfxml(g, path, base_iri: str | None = None, run_lines: int = RUN_LINES, **_options) -> None:
    """Write ``g`` as RDF/XML to ``path`` (atomically), a subject at a time
    (:class:`kg.rdf.syntax.RdfXmlWriter`): the bytes of :func:`kg.rdf.syntax.to_rdfxml`,
    since every predicate of kg's mapping is in a declared namespace."""
    from ..rdf.syntax import RdfXmlWriter
    from .rdf import term_iris

    writer = RdfXmlWriter(term_iris().values())
    _write(g, path, base_iri, run_lines, writer.head().encode("utf-8"),
           lambda block: writer.description(block.decode("utf-8")).encode("utf-8"), lambda: writer.tail().encode())


def _check_base(base: str) -> str:
    from ..rdf.iri import check_base

    return check_base(base)
