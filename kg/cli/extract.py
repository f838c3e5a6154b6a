"""`kg extract`: what the extractor finds in each paper, as JSON Lines."""
from __future__ import annotations

import json

import click

from . import handle_errors, main


def extraction_record(paper, extraction) -> dict:
    """The `kg extract --format jsonl` object of one paper."""
    from ..extract import paper_entities

    ents = [{"name": e["name"], "aliases": e["aliases"], "type": e["type"], "role": e["role"]}
            for e in paper_entities(extraction)]
    return {"id": paper.id, "title": paper.title, "entities": ents, "urls": [u.raw for u in extraction.urls]}


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("--format", "fmt", type=click.Choice(["jsonl"]), default="jsonl", show_default=True)
@click.option("--year", type=int, default=None, help="Year for Daily Papers dates without one.")
@click.option("-j", "--jobs", type=int, default=1, show_default=True)
@handle_errors
def extract(inputs, fmt, year, jobs):
    """Print the entities and links found in each paper of INPUTS, one JSON object a line.

    Papers are not merged: each input record gives one line, in input order.

    \b
    Example:
        kg extract ../shared/gold/dev.jsonl --format jsonl > pred.jsonl
    """
    from ..extract import extract_papers
    from ..ingest import read_paths

    papers, _ = read_paths(inputs, year=year)
    for paper, ex in zip(papers, extract_papers(papers, jobs=jobs)):
        click.echo(json.dumps(extraction_record(paper, ex), ensure_ascii=False))
