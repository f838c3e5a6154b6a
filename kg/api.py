"""The Python API: build or load a knowledge graph and ask it questions.

``kg.build(...)`` and ``kg.load(...)`` return a :class:`KnowledgeGraph`: the networkx
graph with its papers, exports, RDF/SPARQL and the analytics of :mod:`kg.analytics` as
methods. The CLI commands call these functions and nothing else.
"""
from __future__ import annotations

import os
from pathlib import Path

from .errors import BuildError

__all__ = ["KnowledgeGraph", "build", "load", "SAVED_BUILD"]

#: The file of a build directory that holds the saved graph (node-link JSON).
SAVED_BUILD = "kg.json"


class KnowledgeGraph:
    """A knowledge graph and what it was built from.

    Parameters
    ----------
    graph : networkx.MultiDiGraph
        A graph that follows :mod:`kg.graph.schema`. It is used as given, not copied.
    papers : list of kg.model.Paper, optional
        The records it was built from; when not given, :attr:`papers` rebuilds them
        from the graph's Paper nodes.
    result : kg.build.BuildResult, optional
        The whole build (extractions, resolution, problems, files written).
    source : Path, optional
        The kg.json it was loaded from (also :attr:`source`).

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> g = KnowledgeGraph(example_graph())
    >>> g
    <KnowledgeGraph: 4 papers, 19 nodes, 27 edges>
    >>> [r["label"] for r in g.top("Concept", by="papers", n=2)]
    ['reinforcement learning', 'agents']
    """

    def __init__(self, graph, papers=None, *, result=None, source=None):
        self.graph = graph
        self.result = result
        self.source = Path(source) if source is not None else None
        self._papers = list(papers) if papers is not None else (list(result.papers) if result else None)
        self._rdf: dict = {}

    def __repr__(self) -> str:
        return (f"<KnowledgeGraph: {len(self.papers)} papers, {self.graph.number_of_nodes()} nodes, "
                f"{self.graph.number_of_edges()} edges>")

    # -- what it holds -------------------------------------------------------------------

    @property
    def papers(self) -> list:
        """The :class:`kg.model.Paper` records, sorted by id.

        For a loaded build they are rebuilt from the Paper nodes, so they hold what the
        graph keeps: authors (from ``authored_by``, in order), organisation, the links
        given by the sources' metadata, and source paths without line numbers.
        """
        if self._papers is None:
            self._papers = papers_from_graph(self.graph)
        return sorted(self._papers, key=lambda p: p.id)

    @property
    def problems(self) -> list:
        """Inputs a ``skip_bad`` build skipped (:class:`kg.errors.InputError`)."""
        return list(self.result.problems) if self.result else []

    @property
    def files(self) -> list[Path]:
        """The files the build wrote, if it was given an ``out_dir``."""
        return list(self.result.files) if self.result else []

    def summary(self) -> dict:
        """Counts of nodes per type and edges per relation (:func:`kg.graph.summary`)."""
        from .graph import summary

        return summary(self.graph)

    def find(self, name: str, type: str | None = None):
        """The node id that a label, alias or id denotes (:func:`kg.analytics.names.find_node`)."""
        from .analytics.names import find_node

        return find_node(self.graph, name, type=type)

    # -- files, RDF and SPARQL -----------------------------------------------------------

    def export(self, out_dir, formats=None, **options) -> list[Path]:
        """Write ``formats`` (default: :data:`kg.export.DEFAULT_FORMATS`) and kg.json into
        ``out_dir``; returns the paths written. ``options`` go to every exporter
        (``base_iri=`` for RDF)."""
        from .export import DEFAULT_FORMATS, write_exports

        return write_exports(self.graph, out_dir, DEFAULT_FORMATS if formats is None else tuple(formats), **options)

    def rdf(self, base_iri: str | None = None):
        """The graph as an :class:`rdflib.Graph` (:func:`kg.export.rdf.to_rdf`), built anew."""
        from .export.rdf import to_rdf

        return to_rdf(self.graph) if base_iri is None else to_rdf(self.graph, base_iri=base_iri)

    def query(self, sparql: str, base_iri: str | None = None, **bindings):
        """Run a SPARQL query over :meth:`rdf`; keyword arguments bind query variables.

        Values are passed as ``initBindings``, never pasted into the query text. An
        rdflib term (``URIRef``, ``Literal``) is bound as it is; any other value becomes a
        ``Literal``. The RDF graph is built on the first query and reused (per base IRI):
        changes made to :attr:`graph` afterwards are seen by a new ``KnowledgeGraph``.

        Returns
        -------
        rdflib.query.Result
            Iterate for rows; ``.vars`` names the columns.
        """
        from rdflib import Literal
        from rdflib.term import Identifier

        if base_iri not in self._rdf:
            self._rdf[base_iri] = self.rdf(base_iri)
        init = {k: v if isinstance(v, Identifier) else Literal(v) for k, v in bindings.items()}
        return self._rdf[base_iri].query(sparql, initBindings=init)

    # -- analytics (kg.analytics) --------------------------------------------------------

    def stats(self) -> dict:
        """Counts, degree summary and components (:func:`kg.analytics.stats.graph_stats`)."""
        from .analytics.stats import graph_stats

        return graph_stats(self.graph)

    def top(self, type: str | None = None, by: str = "degree", n: int | None = 10) -> list[dict]:
        """The top nodes by pagerank, degree or papers (:func:`kg.analytics.centrality.top_nodes`)."""
        from .analytics.centrality import top_nodes

        return top_nodes(self.graph, type, by=by, n=n)

    def neighbours(self, name: str, depth: int = 1, type: str | None = None) -> list[dict]:
        """Nodes within ``depth`` steps (:func:`kg.analytics.neighbours.neighbours`)."""
        from .analytics.neighbours import neighbours

        return neighbours(self.graph, name, depth=depth, type=type)

    def path(self, a: str, b: str) -> list[dict]:
        """A shortest path between two names (:func:`kg.analytics.neighbours.shortest_path`)."""
        from .analytics.neighbours import shortest_path

        return shortest_path(self.graph, a, b)

    def communities(self, seed: int | None = None, resolution: float = 1.0, n: int | None = None) -> list[dict]:
        """Louvain communities named by their concepts (:func:`kg.analytics.communities.communities`)."""
        from .analytics.communities import DEFAULT_SEED, communities

        return communities(self.graph, seed=DEFAULT_SEED if seed is None else seed, resolution=resolution, n=n)

    def cooccur(self, types=("Method", "Benchmark"), n: int | None = None) -> list[dict]:
        """Entity pairs that share papers (:func:`kg.analytics.cooccur.cooccurrence`)."""
        from .analytics.cooccur import cooccurrence

        return cooccurrence(self.graph, types, n=n)

    def authors(self, n: int | None = 10) -> list[dict]:
        """The most prolific authors and their collaborators (:func:`kg.analytics.collab.top_authors`)."""
        from .analytics.collab import top_authors

        return top_authors(self.graph, n=n)

    def collaborators(self, name: str, n: int | None = None) -> list[dict]:
        """Who wrote with an author (:func:`kg.analytics.collab.collaborators`)."""
        from .analytics.collab import collaborators

        return collaborators(self.graph, name, n=n)

    def collaboration_pairs(self, n: int | None = 10) -> list[dict]:
        """The author pairs with most papers together (:func:`kg.analytics.collab.collaboration_pairs`)."""
        from .analytics.collab import collaboration_pairs

        return collaboration_pairs(self.graph, n=n)

    def coauthor_graph(self):
        """The co-author graph (:func:`kg.analytics.collab.coauthor_graph`)."""
        from .analytics.collab import coauthor_graph

        return coauthor_graph(self.graph)


def build(paths_or_papers, *, out_dir=None, formats=None, year: int | None = None, jobs: int = 1,
          skip_bad: bool = False, progress=None, **options) -> KnowledgeGraph:
    """Build a knowledge graph from files or from :class:`kg.model.Paper` records.

    Parameters
    ----------
    paths_or_papers : path, Paper, or iterable of either
        Files or directories to read (any format kg detects), or Paper records; not a mix.
    out_dir : path, optional
        Write kg.json and ``formats`` there (nothing is written without it). A build
        from files also writes the build's papers.jsonl and build.json there, as
        ``kg build`` does; a build from records writes the exports only.
    formats : sequence of str, optional
        Export formats (default :data:`kg.export.DEFAULT_FORMATS`).
    year : int, optional
        Year of dates a saved Daily Papers page gives without one.
    jobs : int
        Extraction processes.
    skip_bad : bool
        Skip unreadable files (listed in :attr:`KnowledgeGraph.problems`) instead of failing.
    progress : callable, optional
        Called with the number of papers extracted since the last call.
    **options
        For a build from files, :func:`kg.build.run_build`'s other options (``update``,
        ``use_cache``); the rest go to every exporter (``base_iri=`` for RDF).

    Returns
    -------
    KnowledgeGraph

    Raises
    ------
    kg.errors.InputError
        An input cannot be read (and ``skip_bad`` is false).
    TypeError
        Paths and Paper records mixed.

    Examples
    --------
    >>> import kg
    >>> from kg.model import Paper
    >>> g = kg.build([Paper("p1", "GRPO for maths", "We propose GRPO and evaluate on GSM8K.",
    ...                     authors=("Ann Lee",))])
    >>> g
    <KnowledgeGraph: 1 papers, ... nodes, ... edges>
    >>> sorted(t for _, t in g.graph.nodes(data="type"))
    ['Author', 'Benchmark', 'Method', 'Paper']
    """
    from .model import Paper

    if isinstance(paths_or_papers, (str, os.PathLike, Paper)):
        items = [paths_or_papers]
    else:
        items = list(paths_or_papers)
    kinds = {isinstance(x, Paper) for x in items}
    if kinds == {True, False}:
        raise TypeError("give paths or Paper records, not a mix")
    from .build import build_from_papers, run_build

    formats = None if formats is None else tuple(formats)
    if kinds == {True}:
        from .export import DEFAULT_FORMATS, write_exports

        result = build_from_papers(items, jobs=jobs, progress=progress)
        if out_dir is not None:
            result.files = write_exports(result.graph, out_dir, DEFAULT_FORMATS if formats is None else formats,
                                         **options)
    else:
        result = run_build(items, out_dir, formats, year=year, jobs=jobs, skip_bad=skip_bad, progress=progress,
                           **options)
    return KnowledgeGraph(result.graph, result=result)


def saved_build_path(path) -> Path:
    """The kg.json that ``path`` names: the file itself, or ``kg.json`` in a directory.

    Raises
    ------
    kg.errors.BuildError
        There is no such file.
    """
    p = Path(path)
    file = p / SAVED_BUILD if p.is_dir() else p
    if not file.is_file():
        where = f"{p} has no {SAVED_BUILD}" if p.is_dir() else f"{p} does not exist"
        raise BuildError(f"no saved build: {where} (write one with: kg build INPUTS -o DIR)")
    return file


def load(path) -> KnowledgeGraph:
    """Read a saved build back: a build directory, or the path of its kg.json.

    The graph is the one the build wrote, exactly: the same nodes, edges (with keys)
    and attributes, in the same order.

    Raises
    ------
    kg.errors.BuildError
        No kg.json there, or it is not a kg build (unreadable JSON, not node-link data,
        nodes without a ``type``).

    Examples
    --------
    >>> import tempfile, kg
    >>> from kg.analytics.example import example_graph
    >>> d = tempfile.mkdtemp()
    >>> files = KnowledgeGraph(example_graph()).export(d, formats=())
    >>> [f.name for f in files]
    ['kg.json']
    >>> kg.load(d)
    <KnowledgeGraph: 4 papers, 19 nodes, 27 edges>
    >>> kg.load(d + "/missing")
    Traceback (most recent call last):
    ...
    kg.errors.BuildError: no saved build: .../missing does not exist (write one with: kg build INPUTS -o DIR)
    """
    import networkx as nx

    from .export.nodelink import read_nodelink

    file = saved_build_path(path)
    try:
        g = read_nodelink(file)
    except (OSError, ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as exc:
        raise BuildError(f"{file}: not a readable kg build ({type(exc).__name__}: {exc})") from None
    for node, t in g.nodes(data="type"):
        if t is None:
            raise BuildError(f"{file}: not a kg build (node {node!r} has no type)")
    return KnowledgeGraph(g, source=file)


def papers_from_graph(g) -> list:
    """The :class:`kg.model.Paper` records that the Paper nodes of ``g`` describe, sorted by id.

    Examples
    --------
    >>> from kg.analytics.example import example_graph
    >>> [(p.id, p.authors) for p in papers_from_graph(example_graph())][:2]
    [('p1', ('Ann Lee', 'Bob Ray')), ('p2', ('Bob Ray', 'Cy Dee'))]
    """
    from .model import Link, Paper, Source

    out = []
    for node, d in g.nodes(data=True):
        if d.get("type") != "Paper":
            continue
        authors, org, links = [], None, []
        for _, v, k, e in g.out_edges(node, keys=True, data=True):
            target = g.nodes[v]
            if k == "authored_by":
                authors.append((e.get("position", 0), target.get("name", target.get("label"))))
            elif k == "published_by":
                org = (target.get("handle", target.get("label")), target.get("label"))
            elif k in ("has_code", "has_project_page") and e.get("rule") == "metadata" and target.get("url"):
                links.append(Link(target["url"], _link_kind(target.get("kind")), e.get("provenance", "metadata")))
        formats = d.get("source_formats") or []
        fmt = formats[0] if len(formats) == 1 else ""
        out.append(Paper(
            id=d.get("paper_id", str(node).split(":", 1)[-1]), title=d.get("title", d.get("label", "")),
            abstract=d.get("abstract", ""), authors=tuple(name for _, name in sorted(authors, key=lambda a: a[0])),
            author_count=d.get("author_count"), organization=org, date=d.get("date"), upvotes=d.get("upvotes"),
            arxiv_id=d.get("arxiv_id"), doi=d.get("doi"), url=d.get("url"), links=tuple(sorted(links)),
            keywords=tuple(d.get("keywords", ())), categories=tuple(d.get("categories", ())), venue=d.get("venue"),
            sources=tuple(Source(path, 0, fmt) for path in d.get("sources", ())),
        ))
    return sorted(out, key=lambda p: p.id)


def _link_kind(repo_kind: str | None) -> str:
    """A Repository node's ``kind`` (from the URL) as a :class:`kg.model.Link` kind."""
    return repo_kind if repo_kind in ("github", "project", "huggingface") else "other"
