"""Graph: papers + resolved entities -> a networkx MultiDiGraph that follows :mod:`kg.graph.schema`.

Every node has ``type`` and ``label``; every edge has ``relation`` (also its key) and,
when it comes from the text, ``evidence`` (the sentence), ``start``/``end`` (character
offsets into title + blank line + abstract), ``rule`` and ``confidence``; edges from a
source's metadata have ``rule="metadata"`` and ``provenance`` (the field).
"""
from __future__ import annotations

from typing import Iterable

import networkx as nx

from ..extract.urls import canonical_url, url_kind
from ..model import Paper, PaperExtraction
from ..resolve import PaperLink, Resolution
from ..textnorm import norm_name, slug
from .keyshare import dict_factory, shared_factories
from .schema import ENTITY_TYPES, NODE_TYPES, RELATIONS, node_id, relation_for

__all__ = ["build_graph", "summary", "NODE_TYPES", "RELATIONS"]


def _repo_id(url: str) -> str:
    return "repo:" + url.split("://", 1)[-1].lower()


def author_key(name: str) -> str:
    """Authors are one node per normalised full name within a corpus."""
    return slug(norm_name(name))


def build_graph(papers: list[Paper], extractions: list[PaperExtraction], resolution: Resolution,
                consume: bool = False, links: Iterable[PaperLink] | None = None) -> nx.MultiDiGraph:
    """Build the knowledge graph. Pure: the inputs are not changed, unless ``consume``.

    Nodes and edges are added in sorted order so that every export is deterministic.

    Parameters
    ----------
    papers, extractions : iterable
        the papers and their extractions (only their ``urls`` are read); each is read
        once, and let go before the links are added.
    resolution : Resolution
        the entities, and the links unless ``links`` is given.
    consume : bool
        let each link of ``resolution`` go once its edge is in the graph and the entities
        once their nodes are (``resolution`` ends empty): a large build does not hold both.
    links : iterable of PaperLink, optional
        the links, in the order of :attr:`Resolution.links`, instead of ``resolution.links``
        (:func:`kg.resolve.resolve_stream` makes them as they are read).
    """
    g = nx.MultiDiGraph(name="kg")
    with shared_factories(g):
        _fill(g, papers, extractions, resolution, consume, links)
    return g


#: the attributes of an edge from a resolved link, in the order they are written
_LINK_KEYS = ("relation", "evidence", "start", "end", "surface", "rule", "confidence", "mentions")


def _fill(g: nx.MultiDiGraph, papers, extractions, resolution: Resolution, consume: bool, links) -> None:
    """:func:`build_graph`'s work, on ``g`` whose factories it may set (within
    :func:`kg.graph.keyshare.shared_factories`)."""
    papers = sorted(papers, key=lambda p: p.id)
    ex_by_id = {e.paper_id: e for e in extractions}
    # one id string per paper, used by all its edges (an edge keeps its ends' objects)
    pnodes = {p.id: node_id("Paper", p.id) for p in papers}
    for p in papers:
        _add_paper(g, pnodes[p.id], p)
    by_name: dict[str, str] = {}
    ids: dict[str, str] = {}
    for p in papers:
        _add_people(g, pnodes[p.id], p, by_name, ids)
        _add_links(g, pnodes[p.id], p, ex_by_id.get(p.id))
    # not read again: the records and extractions a caller handed over go before the links
    del papers, ex_by_id
    node_type = {}
    for key in sorted(resolution.entities):
        e = resolution.entities[key]
        node_type[key] = ENTITY_TYPES[e.type]
        _add_node(g, key, type=node_type[key], label=e.label, aliases=sorted(e.aliases),
                  support=e.support, proposed_in=len(e.proposed_by),
                  merged_by=sorted({rule for _, rule in e.merges}))
    if links is None:
        links = resolution.links
        if consume:
            resolution.links = []
            links.reverse()  # popped from the end, in order
            links = _drain(links)
    if consume:
        resolution.entities = {}
    # every link edge has the same attributes: their dicts share one key table, as do the
    # one-key dicts that hold them (one table per relation)
    g.edge_attr_dict_factory = dict_factory(_LINK_KEYS)
    key_dicts = {rel: dict_factory((rel,)) for rel in RELATIONS}
    for link in links:
        pid = link.paper_id
        pnode = pnodes.get(pid) or node_id("Paper", pid)
        rel = relation_for(node_type[link.entity_key], link.role)
        g.edge_key_dict_factory = key_dicts[rel]
        g.add_edge(pnode, link.entity_key, key=rel, relation=rel, evidence=link.sentence, start=link.start,
                   end=link.end, surface=link.surface, rule=link.rule, confidence=link.confidence,
                   mentions=link.count)


def _add_edge(g: nx.MultiDiGraph, u: str, v: str, rel: str, **attrs) -> None:
    """Add edge ``u -> v`` keyed ``rel`` with ``attrs`` (``relation`` first): its dicts
    share their key tables with the edges that have the same attributes."""
    g.edge_attr_dict_factory = dict_factory(tuple(attrs))
    g.edge_key_dict_factory = dict_factory((rel,))
    g.add_edge(u, v, key=rel, **attrs)


def _add_node(g: nx.MultiDiGraph, n: str, **attrs) -> None:
    """Add node ``n`` with ``attrs``: its dict shares its key table with the nodes that
    have the same attributes."""
    g.node_attr_dict_factory = dict_factory(tuple(attrs))
    g.add_node(n, **attrs)
    # a node an edge adds has no attributes: ``dict`` makes its dict
    g.node_attr_dict_factory = dict


def _drain(reversed_items: list):
    while reversed_items:
        yield reversed_items.pop()


def _add_paper(g: nx.MultiDiGraph, pnode: str, p: Paper) -> None:
    attrs = {
        "type": "Paper", "label": p.title, "title": p.title, "abstract": p.abstract, "paper_id": p.id,
        "date": p.date, "upvotes": p.upvotes, "author_count": p.author_count or (len(p.authors) or None),
        "arxiv_id": p.arxiv_id, "doi": p.doi, "url": p.url, "venue": p.venue,
        "keywords": list(p.keywords), "categories": list(p.categories),
        "sources": sorted({s.path for s in p.sources}),
        "source_formats": sorted({s.format for s in p.sources}),
    }
    _add_node(g, pnode, **{k: v for k, v in attrs.items() if v is not None})


def _add_people(g: nx.MultiDiGraph, pnode: str, p: Paper, by_name: dict[str, str], ids: dict[str, str]) -> None:
    """``by_name`` maps an author's name to its node id, ``ids`` an id to itself: one id
    object per node, shared by its edges (an edge keeps the objects it is given)."""
    for pos, name in enumerate(p.authors, 1):
        aid = by_name.get(name)
        if aid is None:
            aid = node_id("Author", author_key(name))
            aid = by_name[name] = ids.setdefault(aid, aid)
        if aid not in g:
            _add_node(g, aid, type="Author", label=name, name=name)
        _add_edge(g, pnode, aid, "authored_by", relation="authored_by", position=pos, rule="metadata",
                  provenance="authors")
    if p.organization:
        handle, display = p.organization
        oid = node_id("Organization", slug(handle))
        if oid not in g:
            _add_node(g, oid, type="Organization", label=display or handle, handle=handle)
        _add_edge(g, pnode, oid, "published_by", relation="published_by", rule="metadata",
                  provenance="organization")


def _add_repo(g, pnode, url, kind, edge_attrs):
    canon = canonical_url(url)
    rid = _repo_id(canon)
    if rid not in g:
        _add_node(g, rid, type="Repository", label=canon.split("://", 1)[-1], url=canon, kind=kind)
    rel = "has_code" if kind in {"github", "gitlab"} else "has_project_page"
    if not g.has_edge(pnode, rid, key=rel):
        _add_edge(g, pnode, rid, rel, relation=rel, **edge_attrs)


#: metadata fields that always name code or data, whatever the host (a Zenodo DOI too)
_CODE_FIELDS = {"software", "githubRepo", "code"}


def _add_links(g, pnode: str, p: Paper, ex: PaperExtraction | None) -> None:
    for link in sorted(p.links):
        if link.kind == "paper":
            continue  # the paper's own page, not code
        kind = url_kind(link.url)
        if kind == "paper" and link.provenance not in _CODE_FIELDS:
            continue
        if kind == "paper":
            kind = "other"  # a software archive behind a DOI (Zenodo)
        _add_repo(g, pnode, link.url, kind, {"rule": "metadata", "provenance": link.provenance, "confidence": 1.0})
    if ex is None:
        return
    for u in sorted(ex.urls):
        if u.kind == "paper":
            continue
        _add_repo(g, pnode, u.url, u.kind, {"rule": u.rule, "evidence": u.sentence, "start": u.start,
                                             "end": u.end, "raw": u.raw, "confidence": 0.95})


def summary(g: nx.MultiDiGraph) -> dict:
    """Counts of nodes per type and edges per relation (sorted)."""
    nodes: dict[str, int] = {}
    for _, t in g.nodes(data="type"):
        nodes[t] = nodes.get(t, 0) + 1
    edges: dict[str, int] = {}
    for _, _, r in g.edges(data="relation"):
        edges[r] = edges.get(r, 0) + 1
    return {"nodes": dict(sorted(nodes.items())), "edges": dict(sorted(edges.items())),
            "papers": nodes.get("Paper", 0), "total_nodes": g.number_of_nodes(), "total_edges": g.number_of_edges()}
