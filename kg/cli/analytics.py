"""Analytics commands over a saved build: `kg stats`, `kg top`, `kg neighbours`, `kg path`,
`kg communities`, `kg cooccur` and `kg authors`.

Each reads TARGET (a build directory holding kg.json, or the kg.json itself) with
:func:`kg.api.load`, calls one :class:`kg.api.KnowledgeGraph` method and prints an aligned
text table, or with ``--json`` the method's result as JSON. Nothing is re-extracted.
"""
from __future__ import annotations

import json

import click

from . import handle_errors, main

#: Names longer than this are cut in text tables (``--json`` gives them whole).
NAME_WIDTH = 60


# -- output helpers ---------------------------------------------------------------------

def cut(text, width: int = NAME_WIDTH) -> str:
    """``text`` on one line, at most ``width`` characters (an ellipsis marks a cut)."""
    text = " ".join(str(text).split())
    return text if len(text) <= width else text[: width - 1] + "…"


def table(headers, rows, right=()) -> str:
    """An aligned plain-text table: a header, a rule of dashes, one line per row.

    Columns are two spaces apart; the columns whose index is in ``right`` are right-aligned
    (numbers), the others left-aligned; no line ends in spaces.

    >>> print(table(["name", "papers"], [["GRPO", 15], ["PPO", 7]], right=(1,)))
    name  papers
    ----  ------
    GRPO      15
    PPO        7
    """
    cells = [[str(c) for c in headers]] + [[str(c) for c in r] for r in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = []
    for k, r in enumerate(cells):
        parts = [c.rjust(w) if i in right else c.ljust(w) for i, (c, w) in enumerate(zip(r, widths))]
        lines.append("  ".join(parts).rstrip())
        if k == 0:
            lines.append("  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _echo(data, text_of, as_json: bool) -> None:
    """Print ``data`` as JSON, or as the text ``text_of(data)`` gives."""
    click.echo(json.dumps(data, indent=2, ensure_ascii=False) if as_json else text_of(data))


def _load(target):
    from ..api import load

    return load(target)


_TARGET = click.argument("target", type=click.Path())
_JSON = click.option("--json", "as_json", is_flag=True, help="Print the result as JSON instead of a table.")


# -- kg stats ---------------------------------------------------------------------------

def format_stats(s: dict) -> str:
    """The text of `kg stats` for a :func:`kg.analytics.stats.graph_stats` result."""
    width = len(str(max(s["nodes"], s["edges"])))
    out = [f"{k:<7}{s[k]:>{width}}" for k in ("nodes", "edges", "papers")] + [""]
    d = s["degree"]
    rows = [[t, v["nodes"], v["min"], f"{v['median']:.1f}", f"{v['mean']:.2f}", v["max"]] for t, v in s["types"].items()]
    rows.append(["all", s["nodes"], d["min"], f"{d['median']:.1f}", f"{d['mean']:.2f}", d["max"]])
    out += [table(["type", "nodes", "min deg", "median deg", "mean deg", "max deg"], rows,
                   right=(1, 2, 3, 4, 5)), ""]
    out += [table(["relation", "edges"], list(s["relations"].items()), right=(1,)), ""]
    out += [table(["degree", "nodes"], s["degree"]["histogram"], right=(1,)), ""]
    c = s["components"]
    out.append(f"connected components (edge direction ignored): {c['count']}")
    out.append(f"isolated nodes: {c['isolated']}")
    more = ", ..." if c["count"] > len(c["largest"]) else ""
    out.append(f"largest components: {', '.join(map(str, c['largest']))}{more}")
    return "\n".join(out)


@main.command()
@_TARGET
@_JSON
@handle_errors
def stats(target, as_json):
    """Counts by node type and relation, the degree distribution and connected components
    of the saved build TARGET (a build directory or its kg.json).

    Degree counts every edge in and out; the degree table bins nodes by doubling ranges.

    \b
    Example:
        kg stats exports/
    """
    _echo(_load(target).stats(), format_stats, as_json)


# -- kg top -----------------------------------------------------------------------------

def format_top(rows: list[dict], by: str, with_type: bool) -> str:
    headers = ["#", "name"] + (["type"] if with_type else []) + ["papers", "degree"]
    headers += ["pagerank"] if by == "pagerank" else []
    headers.append("id")
    body = []
    for r in rows:
        line = [r["rank"], cut(r["label"])] + ([r["type"]] if with_type else []) + [r["papers"], r["degree"]]
        line += [f"{r['pagerank']:.6f}"] if by == "pagerank" else []
        body.append(line + [r["id"]])
    numeric = {0} | {i for i, h in enumerate(headers) if h in ("papers", "degree", "pagerank")}
    return table(headers, body, right=numeric)


@main.command()
@_TARGET
@click.option("-t", "--type", "node_type", default=None,
              help="Only nodes of this type: Paper, Author, Organization, Method, Model, Benchmark, "
                   "Repository or Concept (any case).")
@click.option("--by", type=click.Choice(["pagerank", "degree", "papers"]), default="degree", show_default=True,
              help="degree: edges in and out; papers: distinct papers linked; pagerank: PageRank with edge "
                   "direction ignored.")
@click.option("-n", "--limit", "n", type=click.IntRange(min=1), default=10, show_default=True, help="How many rows.")
@_JSON
@handle_errors
def top(target, node_type, by, n, as_json):
    """The most central nodes of the saved build TARGET, best first (ties by name).

    \b
    Example:
        kg top exports/ --type Method --by pagerank -n 5
    """
    rows = _load(target).top(node_type, by=by, n=n)
    _echo(rows, lambda r: format_top(r, by, with_type=node_type is None), as_json)


# -- kg neighbours / kg path --------------------------------------------------------------

def format_neighbours(kg, start, rows: list[dict], depth: int) -> str:
    from ..analytics.names import describe

    steps = "step" if depth == 1 else "steps"
    head = f"{describe(kg.graph, start)} ({start}): {len(rows)} nodes within {depth} {steps}"
    if not rows:
        return head
    body = [[r["distance"], r["type"], cut(r["label"]), ", ".join(r["relations"]), r["id"]] for r in rows]
    return head + "\n\n" + table(["depth", "type", "name", "relations", "id"], body, right=(0,))


@main.command()
@_TARGET
@click.argument("name")
@click.option("-d", "--depth", type=click.IntRange(min=1), default=1, show_default=True,
              help="How many edges away (edge direction ignored).")
@click.option("-t", "--type", "node_type", default=None, help="Only list nodes of this type.")
@_JSON
@handle_errors
def neighbours(target, name, depth, node_type, as_json):
    """The nodes within DEPTH edges of the node NAME in the saved build TARGET.

    NAME is a node id, a label or an alias (case-insensitive); an unknown name gets
    suggestions. `relations` are those of the edges that reach a node from one step closer.

    \b
    Example:
        kg neighbours exports/ GRPO --depth 2 --type Benchmark
    """
    kg = _load(target)
    start = kg.find(name)
    rows = kg.neighbours(start, depth=depth, type=node_type)
    d = kg.graph.nodes[start]
    data = {"id": start, "label": d.get("label"), "type": d.get("type"), "depth": depth, "neighbours": rows}
    _echo(data, lambda _: format_neighbours(kg, start, rows, depth), as_json)


def format_path(steps: list[dict]) -> str:
    lines = [f"{steps[0]['label']} [{steps[0]['type']}]"]
    for s in steps[1:]:
        arrow = f"-{s['relation']}->" if s["forward"] else f"<-{s['relation']}-"
        lines.append(f"  {arrow} {s['label']} [{s['type']}]")
    lines.append(f"length: {len(steps) - 1}")
    return "\n".join(lines)


@main.command()
@_TARGET
@click.argument("a")
@click.argument("b")
@_JSON
@handle_errors
def path(target, a, b, as_json):
    """A shortest path between the nodes A and B of the saved build TARGET.

    Edge direction is ignored when searching; arrows show each edge's real direction
    (`-uses->` from the line above to this one, `<-uses-` back). Among paths of equal
    length the one through names first in alphabetical order is shown.

    \b
    Example:
        kg path exports/ GRPO "reinforcement learning"
    """
    _echo(_load(target).path(a, b), format_path, as_json)


# -- kg communities ---------------------------------------------------------------------

def format_communities(rows: list[dict], total: int, seed: int, resolution: float) -> str:
    head = f"{total} communities (Louvain, seed {seed}, resolution {resolution})"
    if len(rows) < total:
        head += f"; the {len(rows)} largest"
    body = [[r["community"], r["size"], r["papers"], cut(", ".join(r["label"]) or "-", 80)] for r in rows]
    return head + "\n\n" + table(["#", "nodes", "papers", "top concepts"], body, right=(0, 1, 2))


@main.command()
@_TARGET
@click.option("--seed", type=int, default=42, show_default=True, help="Louvain's random seed: same seed, same result.")
@click.option("--resolution", type=float, default=1.0, show_default=True,
              help="Above 1 gives smaller communities, below 1 larger ones.")
@click.option("-n", "--limit", "n", type=click.IntRange(min=1), default=10, show_default=True,
              help="How many communities to show (largest first).")
@_JSON
@handle_errors
def communities(target, seed, resolution, n, as_json):
    """Louvain communities of the saved build TARGET, each named by its top concepts.

    Edge direction is ignored. A community's concepts are those that best tell its
    papers apart (many of its papers, few others, are about them). --json lists every
    node of each community.

    \b
    Example:
        kg communities exports/ --seed 42 -n 5
    """
    rows = _load(target).communities(seed=seed, resolution=resolution)
    _echo(rows[:n], lambda r: format_communities(r, len(rows), seed, resolution), as_json)


# -- kg cooccur -------------------------------------------------------------------------

def _types(value: str) -> tuple[str, ...]:
    types = tuple(t.strip() for t in value.split(",") if t.strip())
    if len(types) not in (1, 2):
        raise click.BadParameter("give one or two node types, e.g. Method,Benchmark")
    return types


@main.command()
@_TARGET
@click.option("--types", default="Method,Benchmark", show_default=True,
              help="Two node types (pairs of one of each) or one (pairs within it), comma-separated.")
@click.option("-n", "--limit", "n", type=click.IntRange(min=1), default=20, show_default=True, help="How many pairs.")
@_JSON
@handle_errors
def cooccur(target, types, n, as_json):
    """Pairs of entities of two types that the same papers link to, with the number of papers.

    \b
    Example:
        kg cooccur exports/ --types Method,Benchmark -n 10
    """
    kg = _load(target)
    try:
        rows = kg.cooccur(_types(types), n=n)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="'--types'") from None
    from ..analytics._common import canonical_type

    first, *rest = _types(types)
    heads = [canonical_type(first, kg.graph), canonical_type((rest or [first])[0], kg.graph), "papers"]
    _echo(rows, lambda rs: table(heads, [[cut(r["a_label"], 40), cut(r["b_label"], 40), r["papers"]] for r in rs],
                                 right=(2,)), as_json)


# -- kg authors -------------------------------------------------------------------------

NO_AUTHORS = "no Author nodes in this build (its sources give author counts, not names)"


@main.command()
@_TARGET
@click.option("-n", "--top", "n", type=click.IntRange(min=1), default=10, show_default=True, help="How many rows.")
@click.option("--pairs", is_flag=True, help="List the pairs of authors with most papers together instead.")
@click.option("-a", "--author", default=None, help="List the collaborators of this author instead.")
@_JSON
@handle_errors
def authors(target, n, pairs, author, as_json):
    """Author collaboration in the saved build TARGET: the authors with most papers, their
    number of co-authors and top collaborators (shared papers in brackets).

    \b
    Example:
        kg authors exports/ --top 5
        kg authors exports/ --pairs
        kg authors exports/ --author "Jane Doe"
    """
    kg = _load(target)
    if pairs and author:
        raise click.UsageError("give --pairs or --author, not both")
    if author:
        rows = kg.collaborators(author, n=n)
        body = [[cut(r["label"]), r["papers"]] for r in rows]
        text = table(["collaborator", "papers"], body, right=(1,))
    elif pairs:
        rows = kg.collaboration_pairs(n=n)
        body = [[cut(r["a_label"], 40), cut(r["b_label"], 40), r["papers"]] for r in rows]
        text = table(["author", "author", "papers"], body, right=(2,))
    else:
        rows = kg.authors(n=n)
        body = [[r["rank"], cut(r["label"], 40), r["papers"], r["coauthors"],
                 ", ".join(f"{c['label']} ({c['papers']})" for c in r["collaborators"])] for r in rows]
        text = table(["#", "author", "papers", "coauthors", "top collaborators"], body, right=(0, 2, 3))
    if not rows and not as_json:
        text = f"{author} has no co-authors in this build" if author else NO_AUTHORS
    _echo(rows, lambda _: text, as_json)
