"""The whole pipeline in one call: ingest -> extract -> resolve -> graph -> exports.

A build directory holds the exports and what a later ``--update`` needs:

``papers.jsonl``
    every input record as read (before merging), one :meth:`kg.model.Paper.to_dict` a
    line, sorted by source: an update rebuilds the whole graph from these and the new
    inputs, so it gives the graph a full rebuild over all inputs would;
``build.json``
    the manifest: formats, export options, input files, counts, extractor version;
``.kg-cache/``
    extractions keyed by a hash of the paper's text and the extractor version
    (:mod:`kg.cache`): unchanged papers are not extracted again.

Every file is replaced atomically (:mod:`kg.export.atomic`) and ``papers.jsonl`` and
``build.json`` are put in place last, so a build that stops half-way leaves the previous
build usable. (A build that lets its records go, ``keep_papers=False``, writes
``papers.jsonl`` to its temporary file before the graph is built.)
"""
from __future__ import annotations

import gc
import json
import logging
import os
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from typing import TYPE_CHECKING, NamedTuple

from .errors import BuildError, InputError, KgError
from .export import DEFAULT_FORMATS, check_formats, write_exports
from .export import stage
from .export.atomic import atomic_write
from .ingest import read_paths
from .model import Paper, PaperExtraction
from .textnorm import title_key

if TYPE_CHECKING:  # the pipeline's heavy modules (spaCy, networkx) load when a build runs
    import networkx as nx

    from .resolve import PaperSummary, Resolution

__all__ = ["BuildResult", "build_from_papers", "run_build", "extract_with_cache", "check_ids",
           "load_build_papers", "LeanExtraction", "lean_extraction", "PAPERS_FILE", "MANIFEST_FILE"]

PAPERS_FILE = "papers.jsonl"
MANIFEST_FILE = "build.json"
#: Papers a worker extracts per task with ``jobs`` > 1 (large enough that sending a
#: task costs little next to extracting it; small enough to keep both cores busy).
CHUNK = 250

log = logging.getLogger(__name__)


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    papers: list[Paper]
    extractions: list[PaperExtraction]
    resolution: Resolution
    entries: int = 0
    problems: list[InputError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)
    extracted: int = 0  # papers run through the extractor (the others came from the cache)
    cached: int = 0

    def summary(self) -> dict:
        from .graph import summary

        s = summary(self.graph)
        s["entries"] = self.entries
        s["extracted"] = self.extracted
        s["cached"] = self.cached
        return s


# --- extraction, in parallel and through the cache -------------------------------------

_WORKER_NLP = None


def _worker_init():
    import signal

    global _WORKER_NLP
    # the parent handles Ctrl-C and SIGTERM and then stops its workers
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    from .extract import make_nlp

    _WORKER_NLP = make_nlp()


def _worker_extract(task):
    from .extract import extract_papers

    papers, lean, encode = task
    exs = extract_papers(papers, nlp=_WORKER_NLP)
    if lean:
        pool: dict[str, str] = {}  # equal names across the task's papers: one string to send
        return [lean_extraction(ex, pool, encode) for ex in exs]
    # shared strings stay shared through pickling: the parent receives them compact
    return [compact_extraction(ex) for ex in exs]


class LeanExtraction(NamedTuple):
    """One paper's extraction as a build that lets mentions go keeps it.

    ``extraction`` holds the links (``urls``) only, None when there are none (the graph
    reads nothing else of an extraction), ``summary`` what resolution needs
    (:func:`kg.resolve.summarise`) and ``entry`` the cache entry of the whole extraction
    (:func:`kg.cache.encode_extraction`) when it is to be written, else None.
    """

    extraction: PaperExtraction | None
    summary: PaperSummary
    entry: bytes | None = None


def lean_extraction(ex: PaperExtraction, pool: dict | None = None, encode: bool = False) -> LeanExtraction:
    """``ex`` reduced to a :class:`LeanExtraction` (``ex`` is not changed)."""
    from .resolve import summarise

    entry = None
    if encode:
        from .cache import encode_extraction

        entry = encode_extraction(ex)
    links = PaperExtraction(ex.paper_id, urls=ex.urls) if ex.urls else None
    return LeanExtraction(links, summarise(ex, pool), entry)


_STR_FIELDS = ("text", "label", "role", "rule", "sentence", "long_form")
_INTERNED = ("label", "role", "rule")


def compact_extraction(ex: PaperExtraction) -> PaperExtraction:
    """Make the mentions of ``ex`` share equal strings (the sentence a dozen mentions come
    from is one string, not a dozen copies; labels, roles and rules are interned). The
    values do not change; a 100k-paper build holds about a third less memory.
    """
    import sys

    pool: dict[str, str] = {}
    for m in ex.mentions:
        for name in _STR_FIELDS:
            v = getattr(m, name)
            if v is None:
                continue
            shared = sys.intern(v) if name in _INTERNED else pool.setdefault(v, v)
            if shared is not v:
                # an equal value: the record is ours, fresh from the extractor or the cache
                object.__setattr__(m, name, shared)
    return ex


def _extract(papers: list[Paper], jobs: int, progress=None, lean: bool = False, encode: bool = False) -> list:
    """Extractions of ``papers`` in their order; ``jobs`` > 1 uses that many processes.

    Each paper is extracted on its own, so the result does not depend on ``jobs``. With
    ``lean``, each is a :class:`LeanExtraction` (with its cache entry if ``encode``),
    made where it was extracted: the mentions never reach this process.
    """
    pool: dict[str, str] = {}  # names shared by every paper's summary (lean)
    if jobs <= 1 or len(papers) <= CHUNK:
        from .extract import extract_papers

        exs = extract_papers(papers, progress=progress)
        if lean:
            return [lean_extraction(ex, pool, encode) for ex in exs]
        return [compact_extraction(ex) for ex in exs]
    import multiprocessing as mp

    from .resolve import share_strings

    # spaCy is not loaded here for this: each worker loads it (a lean build never needs it
    # in this process, whose peak memory is the build's)
    ctx = mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()
    tasks = ((papers[i:i + CHUNK], lean, encode) for i in range(0, len(papers), CHUNK))
    out: list = []
    with ctx.Pool(jobs, initializer=_worker_init) as workers:
        for part in workers.imap(_worker_extract, tasks):
            if lean:
                # one string for a name over the corpus, not one per task
                part = [LeanExtraction(x.extraction, share_strings(x.summary, pool), x.entry) for x in part]
            out.extend(part)
            if progress:
                progress(len(part))
    return out


def extract_with_cache(papers: list[Paper], jobs: int = 1, cache=None, progress=None, lean: bool = False):
    """Extractions of ``papers`` (same order): from ``cache`` (a :class:`kg.cache.ExtractionCache`)
    when it has them, else extracted and added to it. Returns ``(extractions, n_extracted)``;
    with ``lean``, the extractions are :class:`LeanExtraction` records without their
    cache entries.
    """
    if cache is None:
        return _extract(papers, jobs, progress, lean=lean), len(papers)
    from .cache import text_key
    from .extract import paper_text

    keys = [text_key(paper_text(p), cache.version) for p in papers]
    convert = None
    if lean:
        pool: dict[str, str] = {}
        convert = lambda ex: lean_extraction(ex, pool)  # noqa: E731
    found = cache.get(keys, [p.id for p in papers], convert=convert)
    todo = [i for i, k in enumerate(keys) if k not in found]
    if progress and len(papers) > len(todo):
        progress(len(papers) - len(todo))
    fresh = _extract([papers[i] for i in todo], jobs, progress, lean=lean, encode=lean)
    new: dict = {}
    for i, ex in zip(todo, fresh):
        new.setdefault(keys[i], ex)
    del fresh
    if lean:
        if new:
            cache.put_entries((k, x.entry) for k, x in new.items())
        new = {k: x._replace(entry=None) for k, x in new.items()}
    else:
        cache.put(new)
    out = []
    for p, k in zip(papers, keys):
        ex = found.get(k) or new[k]
        if lean:
            if ex.summary.paper_id != p.id:  # the same text as another paper
                links = ex.extraction and PaperExtraction(p.id, urls=ex.extraction.urls)
                ex = LeanExtraction(links, ex.summary._replace(paper_id=p.id))
        elif ex.paper_id != p.id:
            ex = PaperExtraction(p.id, ex.mentions, ex.urls, ex.abbreviations)
        out.append(ex)
    return out, len(todo)


# --- records -----------------------------------------------------------------------------

def _where(p: Paper) -> tuple[str, int | None]:
    s = p.sources[0] if p.sources else None
    return (s.path, s.line or None) if s else ("<input>", None)


def check_ids(papers: list[Paper], skip_bad: bool = False):
    """Refuse two different papers under one id (merging would silently join them).

    Records with the same id are the same paper when they share a normalised title, an
    arXiv id or a DOI. Otherwise the later record (by source) raises :class:`InputError`
    naming both places, or with ``skip_bad`` is left out and returned as a problem.
    Returns ``(papers, problems)``.
    """
    first: dict[str, Paper] = {}
    drop: set[int] = set()
    problems: list[InputError] = []
    order = sorted(range(len(papers)), key=lambda i: (papers[i].sources, papers[i].id))
    for i in order:
        p = papers[i]
        q = first.get(p.id)
        if q is None:
            first[p.id] = p
            continue
        if (title_key(p.title) == title_key(q.title) or (p.arxiv_id and p.arxiv_id == q.arxiv_id)
                or (p.doi and q.doi and p.doi.lower() == q.doi.lower())):
            continue
        qpath, qline = _where(q)
        path, line = _where(p)
        err = InputError(path, f"paper id {p.id!r} is already used by another paper "
                               f"({qpath}{f':{qline}' if qline else ''}: {q.title[:60]!r})", line)
        if not skip_bad:
            raise err
        problems.append(err)
        drop.add(i)
    return [p for i, p in enumerate(papers) if i not in drop], problems


def _source_key(p: Paper):
    return (p.sources, p.id, p.title)


def write_papers(papers, path) -> None:
    """``papers.jsonl``: one record a line, sorted by source (deterministic)."""
    with atomic_write(path) as f:
        _write_records(f, papers)


def _write_records(f, papers) -> None:
    """The lines of ``papers.jsonl`` into the open file ``f``."""
    for p in sorted(papers, key=_source_key):
        f.write(json.dumps(p.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":")))
        f.write("\n")


def _source_counts(papers) -> dict[str, int]:
    """Records per input file (a record's first source), for the manifest."""
    sources: dict[str, int] = {}
    for p in papers:
        for s in p.sources[:1]:
            sources[s.path] = sources.get(s.path, 0) + 1
    return sources


def load_build_papers(out_dir) -> list[Paper]:
    """The input records a build directory recorded (``papers.jsonl``)."""
    path = Path(out_dir) / PAPERS_FILE
    if not path.is_file():
        raise BuildError(f"{out_dir}: not a kg build directory (no {PAPERS_FILE}); "
                         "run 'kg build INPUTS -o DIR' first")
    papers = []
    with open(path, encoding="utf-8", errors="surrogateescape") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                papers.append(Paper.from_dict(json.loads(line)))
            except (ValueError, TypeError, KeyError) as exc:
                raise BuildError(f"{path}:{n}: unreadable record ({exc}); rebuild the directory from its inputs") from None
    return papers


def read_manifest(out_dir) -> dict:
    path = Path(out_dir) / MANIFEST_FILE
    if not path.is_file():
        return {}
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise BuildError(f"{path}: unreadable build manifest ({exc})") from None


# --- the pipeline ------------------------------------------------------------------------

def build_from_papers(papers, jobs: int = 1, progress=None, cache=None, keep_extractions: bool = True,
                      keep_papers: bool = True) -> BuildResult:
    """Merge, extract, resolve and build the graph from Paper records.

    With ``keep_extractions=False`` the mentions are let go once resolved (the graph needs
    only the links) and ``result.extractions``/``result.resolution`` are left empty: the
    graph is the same, the peak memory of a large build lower. Each paper is then reduced
    to its links and a resolution summary where it is extracted (in the worker with
    ``jobs`` > 1), so the corpus's mentions are never held at once. With
    ``keep_papers=False``, ``result.papers`` is empty too: the merged records are let go
    once the graph holds them (their exports then run in less memory).
    """
    from .graph import build_graph
    from .ingest.merge import merge_papers
    from .resolve import resolve, resolve_stream

    papers = list(papers)
    entries = len(papers)
    with stage("merge"):
        merged = merge_papers(papers)
    del papers  # the merged records hold what the build reads (the same objects, mostly)
    with stage("extract"):
        extractions, n_extracted = extract_with_cache(merged, jobs=jobs, cache=cache, progress=progress,
                                                      lean=not keep_extractions)
    if keep_extractions:
        with stage("resolve"):
            resolution = resolve(extractions)
    else:
        summaries = [x.summary for x in extractions]
        extractions = [x.extraction for x in extractions if x.extraction is not None]
        with stage("resolve"):
            # the entities; the links are made (and each paper's summary let go) as the
            # graph takes them
            resolution, links = resolve_stream(_drain(summaries))
    cached = len(merged) - n_extracted
    # what the result does not keep is handed over (drained), so that it goes once the
    # graph has read it, before the links are added
    papers_in = merged if keep_papers else _drain(merged)
    with stage("graph"):
        if keep_extractions:
            g = build_graph(papers_in, extractions, resolution)
        else:
            g = build_graph(papers_in, _drain(extractions), resolution, consume=True, links=links)
    del papers_in
    if not keep_extractions:
        from .resolve import Resolution

        extractions, resolution = [], Resolution()
    return BuildResult(g, merged, extractions, resolution, entries, extracted=n_extracted, cached=cached)


def _drain(items: list):
    """Yield the items of ``items`` in order, removing each from the list: the caller's
    list no longer keeps them alive."""
    items.reverse()
    while items:
        yield items.pop()


@contextmanager
def _few_collections():
    """Run the cyclic garbage collector less often while a build creates millions of
    long-lived objects: each collection walks them all, which cost a fifth of resolve's
    and two fifths of the graph's time at 10k papers. Cycles are still collected."""
    before = gc.get_threshold()
    gc.set_threshold(max(before[0], 100_000), *before[1:])
    try:
        yield
    finally:
        gc.set_threshold(*before)


def _real(path: str) -> str:
    return os.path.realpath(path)


def run_build(inputs, out_dir=None, formats=None, year: int | None = None, jobs: int = 1,
              skip_bad: bool = False, progress=None, update: bool = False, use_cache: bool = True,
              keep_extractions: bool = True, keep_papers: bool = True, **export_options) -> BuildResult:
    """Read ``inputs`` (files or directories), build, and write exports to ``out_dir``.

    Parameters
    ----------
    inputs : list of paths
        files or directories; a directory that is ``out_dir`` or inside it is not read.
    out_dir : path, optional
        the build directory; None builds in memory only.
    formats : tuple of str
        export formats (``kg.json`` is always written); default :data:`DEFAULT_FORMATS`,
        or with ``update`` the formats of the previous build.
    jobs : int
        extraction processes; the output does not depend on it.
    skip_bad : bool
        report unreadable files and conflicting records in ``result.problems`` instead of
        raising :class:`InputError`.
    update : bool
        add ``inputs`` to the build in ``out_dir``: the result is the build a full
        rebuild over the previous inputs and these would give. An input file the build
        already holds replaces its earlier records.
    use_cache : bool
        read and write the extraction cache in ``out_dir/.kg-cache``.
    keep_extractions : bool
        keep ``result.extractions`` and ``result.resolution``; False lowers the peak
        memory of a large build (see :func:`build_from_papers`).
    keep_papers : bool
        keep ``result.papers``. With False the records are written to ``papers.jsonl``
        (which appears when the build is done) before the build and let go once the graph
        holds them: the exports of a large build run in less memory.

    Raises
    ------
    InputError
        bad input (names the file and line), unless ``skip_bad``.
    BuildError
        ``update`` on a directory that holds no build.
    """
    manifest = {}
    old: list[Paper] = []
    if update:
        if out_dir is None:
            raise KgError("--update needs the build directory")
        manifest = read_manifest(out_dir)
        with stage("load build"):
            old = load_build_papers(out_dir)
        if formats is None:
            formats = tuple(f for f in manifest.get("formats", DEFAULT_FORMATS) if f != "json")
        for k, v in manifest.get("export_options", {}).items():
            export_options.setdefault(k, v)
    formats = check_formats(DEFAULT_FORMATS if formats is None else formats)
    exclude = [out_dir] if out_dir is not None else []
    with stage("read"):
        papers, problems = read_paths(inputs, skip_bad=skip_bad, year=year, exclude=exclude)
    if update:
        given = {_real(s.path) for p in papers for s in p.sources}
        given |= {_real(str(f)) for f in _input_files(inputs, exclude)}
        old = [p for p in old if not (p.sources and _real(p.sources[0].path) in given)]
    papers, id_problems = check_ids(old + papers, skip_bad=skip_bad)
    del old
    if not papers:
        log.warning("no papers in %s: the graph is empty", ", ".join(map(str, inputs)) or out_dir)
    problems += id_problems
    records, sources = len(papers), _source_counts(papers)
    with ExitStack() as later:
        papers_file = None
        if out_dir is not None and not keep_papers:
            # written while the records are here; the file replaces the old one when the
            # block ends, after the exports, as write_papers would
            papers_file = later.enter_context(atomic_write(Path(out_dir) / PAPERS_FILE))
            with stage("record papers"):
                _write_records(papers_file, papers)
            papers = _drain(papers)  # build_from_papers takes them: this list lets them go
        result = _build_with_cache(papers, out_dir, use_cache, jobs=jobs, progress=progress,
                                   keep_extractions=keep_extractions, keep_papers=keep_papers)
        result.problems = problems
        if out_dir is None:
            return result
        with _few_collections():
            result.files = write_exports(result.graph, out_dir, formats, **export_options)
        with stage("record"):
            if papers_file is None:
                write_papers(papers, Path(out_dir) / PAPERS_FILE)
            else:
                later.close()  # papers.jsonl appears
            _write_manifest(out_dir, result, formats, export_options, records, sources)
    return result


def _build_with_cache(papers, out_dir, use_cache: bool, **options) -> BuildResult:
    """:func:`build_from_papers` with the extraction cache of ``out_dir`` when ``use_cache``."""
    cache = None
    if out_dir is not None and use_cache:
        from .cache import CACHE_DIR, ExtractionCache

        cache = ExtractionCache(Path(out_dir) / CACHE_DIR)
    try:
        with _few_collections():
            result = build_from_papers(papers, cache=cache, **options)
        if cache is not None:
            cache.prune()
    finally:
        if cache is not None:
            cache.close()
    return result


def _input_files(inputs, exclude):
    from .ingest import iter_input_files

    try:
        return iter_input_files(inputs, exclude=exclude)
    except InputError:
        return []


def _write_manifest(out_dir, result: BuildResult, formats, export_options, records: int,
                    sources: dict[str, int]) -> None:
    from .cache import extractor_version

    s = result.summary()
    manifest = {
        "kg_build": 1,
        "formats": list(formats),
        "export_options": {k: v for k, v in sorted(export_options.items()) if isinstance(v, (str, int, float, bool))},
        "inputs": [{"path": k, "records": v} for k, v in sorted(sources.items())],
        "records": records,
        "papers": s["papers"],
        "nodes": s["total_nodes"],
        "edges": s["total_edges"],
        "extractor_version": extractor_version(),
        "files": [p.name for p in result.files],
    }
    with atomic_write(Path(out_dir) / MANIFEST_FILE) as f:
        json.dump(manifest, f, indent=2, sort_keys=True, ensure_ascii=False)
        f.write("\n")
