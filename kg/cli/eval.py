"""`kg eval`: precision, recall and F1 of extraction against gold annotations."""
from __future__ import annotations

import json
import os
import tempfile

import click

from . import handle_errors, main


@main.command("eval")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=True))
@click.option("--gold", "gold", type=click.Path(exists=True, dir_okay=False),
              help="Gold JSONL; the PATHS are then inputs to extract from (any supported format).")
@click.option("--errors/--no-errors", default=True, show_default=True, help="List misses and false positives.")
@click.option("--json", "as_json", is_flag=True, help="Scores as JSON.")
@handle_errors
def eval_cmd(paths, gold, errors, as_json):
    """Score extraction: `kg eval GOLD PRED` or `kg eval --gold GOLD INPUT...`.

    PRED is JSON Lines as `kg extract --format jsonl` writes it.

    \b
    Example:
        kg eval ../shared/gold/dev.gold.jsonl pred.jsonl
        kg eval --gold ../shared/gold/dev.gold.jsonl ../shared/gold/dev.jsonl
    """
    from ..evaluate import format_report, read_jsonl, score

    if gold:
        from ..extract import extract_papers
        from ..ingest import read_paths
        from .extract import extraction_record

        papers, _ = read_paths(paths)
        pred = [extraction_record(p, ex) for p, ex in zip(papers, extract_papers(papers))]
        gold_rows = read_jsonl(gold)
    else:
        if len(paths) != 2:
            raise click.UsageError("give GOLD and PRED, or --gold GOLD and the inputs to extract from")
        gold_rows, pred = read_jsonl(paths[0]), read_jsonl(paths[1])
    sc = score(gold_rows, pred)
    if as_json:
        click.echo(json.dumps(sc.as_dict(), indent=2, sort_keys=True))
    else:
        click.echo(format_report(sc, errors=errors))
