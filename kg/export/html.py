"""HTML: the graph as one self-contained, searchable page (vis-network; no network requests).

The page is our template (``templates/explorer.*``) with the vis-network script of the
installed pyvis package inlined, and the graph as JSON in a ``<script type="application/json">``
element. The page's script builds every tooltip and panel from that JSON as DOM text, so
nothing from the input is ever parsed as HTML.

Small graphs are laid out in the browser (vis physics, fixed seed, bounded stabilisation,
then physics off); above ``layout_threshold`` nodes the layout is computed here
(:func:`kg.view.layout.force_layout`) and physics stays off, and only the most connected
nodes carry labels. Above ``max_nodes`` nodes the page shows an overview
(:func:`kg.view.overview.overview`: the best connected entities of each type and the
papers that name most of them) and says so at the top of its side panel; tooltips and
details still count every edge of the whole graph.
"""
from __future__ import annotations

import html
import importlib.util
import json
import math
import re
from functools import lru_cache
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx

from ..graph.schema import NODE_TYPES, RELATIONS
from ..view.overview import MAX_EDGES, MAX_NODES, overview
from .atomic import atomic_write_text

__all__ = ["write_html", "render_html", "page_data", "script_json", "TYPE_STYLE", "RELATION_STYLE", "RELATION_INVERSE",
           "MAX_NODES"]

#: node type -> (fill colour, vis shape). Colours: Tableau 10, distinguishable for most
#: colour-blind readers; shapes tell papers, organisations and repositories apart in grey too.
TYPE_STYLE = {
    "Paper": ("#4e79a7", "square"),
    "Author": ("#f28e2b", "dot"),
    "Organization": ("#b07aa1", "diamond"),
    "Method": ("#e15759", "dot"),
    "Model": ("#59a14f", "dot"),
    "Benchmark": ("#edc948", "dot"),
    "Repository": ("#9c755f", "triangle"),
    "Concept": ("#76b7b2", "dot"),
}
_OTHER_STYLE = ("#bab0ac", "dot")

#: relation -> (colour, dashes, width)
RELATION_STYLE = {
    "authored_by": ("#f5b97f", False, 1),
    "published_by": ("#b07aa1", True, 1),
    "affiliated_with": ("#cfa8c5", True, 1),
    "proposes": ("#c44e52", False, 2.5),
    "uses": ("#e8a0a1", False, 1),
    "evaluated_on": ("#c9a227", False, 1.5),
    "has_code": ("#9c755f", True, 1.5),
    "has_project_page": ("#c4ac9c", True, 1),
    "about": ("#a9d3cf", False, 1),
}
_OTHER_RELATION = ("#cccccc", False, 1)

#: relation -> how the details panel names it seen from its target ("GRPO: used by ...")
RELATION_INVERSE = {
    "authored_by": "author of",
    "published_by": "publisher of",
    "affiliated_with": "affiliation of",
    "proposes": "proposed by",
    "uses": "used by",
    "evaluated_on": "benchmark of",
    "has_code": "code of",
    "has_project_page": "project page of",
    "about": "topic of",
}

#: above this many nodes the layout is computed in Python and physics is off
LAYOUT_THRESHOLD = 500
#: labels on a large page: the square root of the node count, within these bounds (more
#: overlap at the first view, which shows the whole graph)
_MIN_LABELS, _MAX_LABELS = 20, 100
#: on-screen font sizes (px) of labels, smallest and largest node, when the whole graph is in
#: view; zoomed in, they stay this size (vis alone would grow them with the zoom)
_LABEL_PX = (11.0, 22.0)
#: the page's graph area is about this many pixels across (1280 x 800 window minus the side
#: bar): a first guess of the scale that fits a precomputed layout, corrected on load
_VIEW_PX = 900.0
#: characters of a label drawn on the canvas (the tooltip shows it whole)
_SHORT = 34
#: characters of an edge's evidence sentence and of an abstract kept in the page
_EVIDENCE = 320
_ABSTRACT = 1200
#: authors listed in a paper's tooltip before "and N more"
_AUTHORS = 8

_TEMPLATES = Path(__file__).with_name("templates")
_SLOT = re.compile(r"/\*@(\w+)@\*/")


def write_html(g: nx.MultiDiGraph, path, *, title: str | None = None, focus=None, size_by: str = "degree",
               labels: int | None = None, layout_threshold: int = LAYOUT_THRESHOLD, seed: int = 42,
               max_nodes: int | None = MAX_NODES, **_ignored) -> None:
    """Write the explorer page for ``g`` to ``path`` (atomically). ``g`` is not changed.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph following :mod:`kg.graph.schema`.
    path : str or Path
        The file to write.
    title : str, optional
        Heading and window title (default: "Knowledge graph").
    focus : node, optional
        A node to highlight and select when the page opens (``kg show``).
    size_by : {"degree", "support"}
        What node size shows: number of edges, or an entity's support (papers that
        mention it; degree for nodes without one).
    labels : int, optional
        How many of the largest nodes carry a label on a large page (default: grows with
        the square root of the number of nodes). Every node is labelled on a small page.
    layout_threshold : int
        Above this many nodes the layout is computed in Python and physics is off.
    seed : int
        Seed of both layouts (Python's and the browser's).
    max_nodes : int or None
        Above this many nodes the page shows an overview of at most this many
        (:func:`kg.view.overview.overview`; ``focus`` is always in it) and says so;
        None draws every node however many there are.
    **_ignored
        Options meant for other exporters (``base_iri``...).
    """
    atomic_write_text(path, render_html(g, title=title, focus=focus, size_by=size_by, labels=labels,
                                        layout_threshold=layout_threshold, seed=seed, max_nodes=max_nodes))


def render_html(g: nx.MultiDiGraph, **options) -> str:
    """The page as a string; the same graph and options always give the same string."""
    data = page_data(g, **options)
    slots = {
        "TITLE": html.escape(data["title"]),
        "STYLE": _asset("explorer.css"),
        "VIS": _vis_script(),
        "DATA": script_json(data),
        "APP": _asset("explorer.js"),
        "NOTICE": _notice(data.get("overview")),
    }
    # one pass: text put into a slot is never scanned for further slots
    return _SLOT.sub(lambda m: slots[m.group(1)], _asset("explorer.html"))


def page_data(g: nx.MultiDiGraph, *, title: str | None = None, focus=None, size_by: str = "degree",
              labels: int | None = None, layout_threshold: int = LAYOUT_THRESHOLD, seed: int = 42,
              max_nodes: int | None = MAX_NODES) -> dict:
    """Everything the page shows, as plain JSON-ready data, nodes and edges in sorted order.

    >>> import networkx as nx
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("method:grpo", type="Method", label="GRPO", aliases=["Group Relative Policy Optimization"])
    >>> d = page_data(g)
    >>> d["mode"], d["nodes"][0]["id"], d["nodes"][0]["aliases"]
    ('physics', 'method:grpo', ['Group Relative Policy Optimization'])
    """
    if size_by not in ("degree", "support"):
        raise ValueError(f"size_by must be 'degree' or 'support', not {size_by!r}")
    if focus is not None and focus not in g:
        raise ValueError(f"focus node {focus!r} is not in the graph")
    # `full` answers for sizes and details (a paper's authors, an entity's papers); `g` is
    # what the page draws: the whole graph, or an overview of it
    full = g
    if max_nodes is not None and g.number_of_nodes() > max_nodes:
        g = _subgraph(full, overview(full, max_nodes, max_edges=MAX_EDGES, size_by=size_by,
                                     keep=() if focus is None else (focus,)))
    ids = {n: str(n) for n in g.nodes}
    order = sorted(g.nodes, key=lambda n: ids[n])
    large = len(order) > layout_threshold
    metric = {n: _metric(full, n, size_by) for n in order}
    ranked = sorted(order, key=lambda n: (-metric[n], ids[n]))
    if large:
        k = labels if labels is not None else min(_MAX_LABELS, max(_MIN_LABELS, round(math.sqrt(len(order)))))
        labelled = set(ranked[:k])
    else:
        labelled = set(order)
    pos = {}
    scale = 1.0
    if large:
        from ..view.layout import force_layout

        pos = force_layout(g, seed=seed)
        xs = [x for x, _ in pos.values()]
        ys = [y for _, y in pos.values()]
        scale = round(_VIEW_PX / max(max(xs) - min(xs), max(ys) - min(ys), _VIEW_PX), 4)

    papers = _papers(full)
    types_present = sorted({_type(g, n) for n in order}, key=_type_rank)
    nodes = []
    for n in order:
        d = g.nodes[n]
        t = _type(g, n)
        label = _text(d.get("label", n))
        item = {
            "id": ids[n],
            "type": t,
            "label": label,
            "short": _short_label(t, label),
            "aliases": _aliases(d, label),
            "value": round(math.sqrt(1 + metric[n]), 3),
            "labelled": n in labelled,
            "info": _info(full, n, t, papers),
        }
        if large:
            item["x"], item["y"] = pos[n]
        nodes.append(item)

    edges = []
    for u, v, key, d in sorted(g.edges(keys=True, data=True), key=lambda e: (ids[e[0]], ids[e[1]], str(e[2]))):
        rel = _text(d.get("relation", key))
        edge = {"from": ids[u], "to": ids[v], "relation": rel}
        if d.get("evidence"):
            edge["evidence"] = _shorten(_text(d["evidence"]), _EVIDENCE)
        if d.get("rule"):
            edge["rule"] = _text(d["rule"])
        edges.append(edge)
    for i, edge in enumerate(edges):
        edge["id"] = f"e{i}"

    type_counts = {}
    for n in order:
        type_counts[_type(g, n)] = type_counts.get(_type(g, n), 0) + 1
    rel_counts = {}
    for e in edges:
        rel_counts[e["relation"]] = rel_counts.get(e["relation"], 0) + 1
    data = {
        "title": _text(title) if title else "Knowledge graph",
        "mode": "fixed" if large else "physics",
        "seed": int(seed),
        "focus": ids[focus] if focus is not None else None,
        "labelled": len(labelled),
        "font": list(_LABEL_PX),
        "scale": scale,
        "types": [{"name": t, "color": TYPE_STYLE.get(t, _OTHER_STYLE)[0], "shape": TYPE_STYLE.get(t, _OTHER_STYLE)[1],
                   "count": type_counts[t]} for t in types_present],
        "relations": [{"name": r, "color": s[0], "dashes": s[1], "width": s[2], "count": rel_counts[r],
                       "meaning": RELATIONS[r][2] if r in RELATIONS else "",
                       "inverse": RELATION_INVERSE.get(r, "\u2190 " + r.replace("_", " "))}
                      for r in sorted(rel_counts, key=_relation_rank)
                      for s in [RELATION_STYLE.get(r, _OTHER_RELATION)]],
        "nodes": nodes,
        "edges": edges,
    }
    if g is not full:
        totals: dict = {}
        for _, t in full.nodes(data="type", default="Other"):
            t = _text(t) or "Other"
            totals[t] = totals.get(t, 0) + 1
        data["overview"] = {
            "nodes": len(nodes), "edges": len(edges),
            "total_nodes": full.number_of_nodes(), "total_edges": _edge_count(full),
            "max_nodes": int(max_nodes), "max_edges": MAX_EDGES,
            "types": [{"name": t, "shown": type_counts.get(t, 0), "total": totals[t]}
                      for t in sorted(totals, key=_type_rank)],
        }
    return data


def script_json(obj) -> str:
    """JSON that is safe inside a ``<script>`` element: no ``<``, ``>`` or ``&`` survive, so
    neither ``</script>`` nor ``<!--`` can appear; U+2028/9 are escaped too.

    >>> script_json({"t": "</script><!--"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003c!--"}'
    """
    text = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False)
    for ch, esc in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"), ("\u2028", "\\u2028"),
                    ("\u2029", "\\u2029")):
        text = text.replace(ch, esc)
    return text


def _edge_count(g) -> int:
    """``g.number_of_edges()``, read from a MultiDiGraph's adjacency dicts (networkx's own
    count goes through its degree view: 0.57 s instead of 0.02 s on the 10k build's graph)."""
    succ = getattr(g, "_succ", None)
    if not (g.is_multigraph() and g.is_directed() and isinstance(succ, dict)):
        return g.number_of_edges()
    return sum(sum(map(len, nbrs.values())) for nbrs in succ.values())


def _subgraph(g: nx.MultiDiGraph, nodes: list) -> nx.MultiDiGraph:
    """The nodes (in the given order) and every edge among them, as a new graph that
    shares the attribute values of ``g`` (which is not changed)."""
    keep = set(nodes)
    h = g.__class__()
    for n in nodes:
        h.add_node(n, **g.nodes[n])
    if g.is_multigraph():
        for u, v, k, d in g.edges(nodes, keys=True, data=True):
            if v in keep:
                h.add_edge(u, v, key=k, **d)
    else:
        for u, v, d in g.edges(nodes, data=True):
            if v in keep:
                h.add_edge(u, v, **d)
    return h


def _notice(info) -> str:
    """The side panel's note on an overview page: what is shown of how much, and how to see
    the rest. Empty for a page of the whole graph (whose bytes thus stay what they were)."""
    if not info:
        return ""

    def num(x: int) -> str:
        return f"{x:,}"

    types = " \u00b7 ".join(f"{t['name']} {num(t['shown'])} of {num(t['total'])}" for t in info["types"])
    return (
        '\n  <div id="kg-overview" role="note" style="margin:0 0 12px;padding:8px 10px;border:1px solid #d4a72c;'
        'border-radius:6px;background:#fff8c5;font-size:12px;line-height:1.45">'
        f'<strong>Overview: {num(info["nodes"])} of {num(info["total_nodes"])} nodes, '
        f'{num(info["edges"])} of {num(info["total_edges"])} edges.</strong> '
        f'The graph is too large for one page ({num(info["max_nodes"])} nodes at most). Shown: the best connected '
        f'entities of each type, each with a paper that names it, then the papers naming most of them, within '
        f'{num(info["max_edges"])} edges. Tooltips and details count the whole graph. '
        'Any node with all its neighbours: <code>kg show DIR NAME</code> (DIR: the build directory, '
        'which holds kg.json).'
        f'<br><span id="kg-overview-types">Shown of each type: {html.escape(types)}.</span></div>'
    )


# -- node details ---------------------------------------------------------------------------


def _papers(g) -> frozenset:
    """The nodes of ``g`` whose type is Paper."""
    return frozenset(n for n, t in g.nodes(data="type", default="Other") if _text(t) == "Paper")


def _info(g, n, t: str, papers: frozenset) -> dict:
    """What the tooltip and the side panel show: rows of (name, value), links, a text.
    ``papers`` is :func:`_papers` of ``g``."""
    d = g.nodes[n]
    rows: list[list[str]] = []
    links: list[list[str]] = []
    text = ""
    if t == "Paper":
        if d.get("date"):
            rows.append(["Date", _text(d["date"])])
        authors = sorted(((e.get("position") or 0, _text(g.nodes[v].get("label", v)))
                          for _, v, e in g.out_edges(n, data=True) if e.get("relation") == "authored_by"))
        names = [name for _, name in authors]
        count = max(len(names), d.get("author_count") or 0)
        if names:
            more = count - min(len(names), _AUTHORS)
            rows.append(["Authors", ", ".join(names[:_AUTHORS]) + (f" and {more} more" if more > 0 else "")])
        elif count:
            rows.append(["Authors", f"{count} (names not in the source)"])
        if d.get("upvotes") is not None:
            rows.append(["Upvotes", str(d["upvotes"])])
        orgs = sorted(_text(g.nodes[v].get("label", v)) for _, v, e in g.out_edges(n, data=True)
                      if e.get("relation") == "published_by")
        if orgs:
            rows.append(["Published by", ", ".join(orgs)])
        if d.get("venue"):
            rows.append(["Venue", _text(d["venue"])])
        _link(links, "Paper page", d.get("url"))
        if d.get("arxiv_id"):
            _link(links, f"arXiv {d['arxiv_id']}", f"https://arxiv.org/abs/{d['arxiv_id']}")
        if d.get("doi"):
            _link(links, f"DOI {d['doi']}", f"https://doi.org/{d['doi']}")
        for _, v, e in sorted(g.out_edges(n, data=True), key=lambda e: str(e[1])):
            if e.get("relation") in ("has_code", "has_project_page"):
                _link(links, "Code" if e["relation"] == "has_code" else "Project page", g.nodes[v].get("url"))
        text = _shorten(_text(d.get("abstract", "")), _ABSTRACT)
    else:
        aliases = _aliases(d, _text(d.get("label", n)))
        if aliases:
            rows.append(["Also called", "; ".join(aliases)])
        rows.append(["Papers", str(len(papers.intersection(nx.all_neighbors(g, n))))])
        if d.get("proposed_in"):
            rows.append(["Proposed in", f"{d['proposed_in']} paper(s)"])
        if t == "Repository":
            _link(links, "Open repository" if d.get("kind") in ("github", "gitlab") else "Open page", d.get("url"))
        if t == "Organization" and d.get("handle"):
            rows.append(["Handle", _text(d["handle"])])
    return {"rows": rows, "links": links, "text": text}


def _link(links: list, text: str, url) -> None:
    """Only absolute http(s) URLs become links (no ``javascript:``); the page checks again."""
    if not isinstance(url, str):
        return
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return
    if parts.scheme in ("http", "https") and parts.netloc and [text, url.strip()] not in links:
        links.append([text, url.strip()])


# -- helpers --------------------------------------------------------------------------------


def _aliases(d: dict, label: str) -> list[str]:
    """Aliases that differ from the label and from each other other than by case, sorted.

    >>> _aliases({"aliases": ["RL", "Reinforcement Learning", "rl"]}, "reinforcement learning")
    ['RL']
    """
    seen = {label.casefold()}
    out = []
    for a in sorted(_text(a) for a in d.get("aliases", ()) or ()):
        if a.strip() and a.casefold() not in seen:
            seen.add(a.casefold())
            out.append(a)
    return out


def _metric(g, n, size_by: str) -> float:
    if size_by == "support":
        s = g.nodes[n].get("support")
        if isinstance(s, (int, float)) and not isinstance(s, bool):
            return float(s)
    return float(g.degree(n))


def _type(g, n) -> str:
    return _text(g.nodes[n].get("type", "Other")) or "Other"


def _type_rank(t: str):
    names = list(NODE_TYPES)
    return (names.index(t), t) if t in names else (len(names), t)


def _relation_rank(r: str):
    names = list(RELATIONS)
    return (names.index(r), r) if r in names else (len(names), r)


def _text(value) -> str:
    return value if isinstance(value, str) else str(value)


def _short_label(t: str, label: str) -> str:
    """The label drawn on the canvas. A paper titled "Name: what it does" is drawn as its name.

    >>> _short_label("Paper", "Vega-MT: The JD Explore Academy Translation System")
    'Vega-MT'
    """
    if t == "Paper":
        head, sep, _ = label.partition(": ")
        if sep and 2 <= len(head) <= _SHORT:
            return head
    return _shorten(label, _SHORT)


def _shorten(s: str, n: int) -> str:
    return s if len(s) <= n else s[: n - 1].rstrip() + "\u2026"


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return (_TEMPLATES / name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_script() -> str:
    """vis-network's standalone script from the installed pyvis package (newest bundled version)."""
    spec = importlib.util.find_spec("pyvis")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("pyvis is not installed; it provides the vis-network script the page needs")
    lib = Path(next(iter(spec.submodule_search_locations))) / "lib"
    found = sorted(lib.glob("vis-*/vis-network.min.js"),
                   key=lambda p: tuple(int(x) for x in re.findall(r"\d+", p.parent.name)))
    if not found:
        raise RuntimeError(f"no vis-network.min.js under {lib}")
    script = found[-1].read_text(encoding="utf-8")
    # inside <script> only "</script" and "<!--" could end or confuse the element
    return re.sub(r"</(script)", r"<\\/\1", script, flags=re.IGNORECASE).replace("<!--", "<\\!--")
