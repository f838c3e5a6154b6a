"""`kg show`: one node's neighbourhood in a saved build, as its own explorer page."""
from __future__ import annotations

import click

from . import handle_errors, main


@main.command()
@click.argument("target", type=click.Path(exists=True))
@click.argument("name")
@click.option("-d", "--depth", type=click.IntRange(min=0), default=1, show_default=True,
              help="How many edges away from NAME to go (either direction).")
@click.option("-t", "--types", "types", multiple=True, metavar="TYPES",
              help="Only walk through nodes of these types (comma-separated or repeated), "
                   "e.g. Paper,Method. NAME's node is always shown.")
@click.option("-o", "--out", "out_file", type=click.Path(dir_okay=False), default=None,
              help="The page to write [default: NAME as a slug, .html, in the current directory].")
@handle_errors
def show(target, name, depth, types, out_file):
    """Write the neighbourhood of the node NAME in TARGET as a self-contained HTML page.

    TARGET is a build directory (holding kg.json) or a kg.json file. NAME is a label or an
    alias, in any case (or a node id); an unknown NAME fails with close matches.

    \b
    Example:
        kg build ../shared/seeds -o exports/
        kg show exports/ "reinforcement learning" -o rl.html
        kg show exports/kg.json "Group Relative Policy Optimization" --depth 2 --types Paper,Method
    """
    from ..view import show as show_page

    result = show_page(target, name, out=out_file, depth=depth, types=list(types))
    g = result.graph
    click.echo(f"wrote {result.path} ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges "
               f"around {result.label!r})")
