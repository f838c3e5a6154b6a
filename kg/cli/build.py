"""`kg build`: inputs -> graph -> exports, with a summary."""
from __future__ import annotations

import sys

import click

from ..export import DEFAULT_FORMATS, EXPORTERS
from . import handle_errors, main


def _formats(value: str) -> tuple[str, ...]:
    fmts = tuple(f.strip() for f in value.split(",") if f.strip())
    bad = [f for f in fmts if f not in EXPORTERS]
    if bad:
        raise click.BadParameter(f"unknown format(s) {', '.join(bad)}; choose from {', '.join(sorted(EXPORTERS))}")
    return fmts


def format_summary(result) -> str:
    s = result.summary()
    lines = [f"entries read: {s['entries']}", f"papers: {s['papers']}", "nodes:"]
    lines += [f"  {k}: {v}" for k, v in s["nodes"].items()]
    lines.append("edges:")
    lines += [f"  {k}: {v}" for k, v in s["edges"].items()]
    for p in result.problems:
        lines.append(f"skipped: {p}")
    for f in result.files:
        lines.append(f"wrote {f}")
    return "\n".join(lines)


@main.command()
@click.argument("inputs", nargs=-1, required=True, type=click.Path())
@click.option("-o", "--out", "out_dir", default="exports", show_default=True, type=click.Path(file_okay=False),
              help="Directory for the exports.")
@click.option("-f", "--format", "formats", default=",".join(DEFAULT_FORMATS), show_default=True,
              help=f"Comma-separated export formats: {', '.join(sorted(EXPORTERS))}. kg.json is always written.")
@click.option("--year", type=int, default=None,
              help="Year of the dates that a saved Daily Papers page gives without one (default: inferred).")
@click.option("-j", "--jobs", type=int, default=1, show_default=True, help="Extraction processes.")
@click.option("--skip-bad", is_flag=True, help="Skip unreadable files, report them at the end (exit 0).")
@click.option("--base-iri", default=None, help="Base IRI for minted RDF resources.")
@click.option("-q", "--quiet", is_flag=True, help="No summary, no progress.")
@handle_errors
def build(inputs, out_dir, formats, year, jobs, skip_bad, base_iri, quiet):
    """Build the knowledge graph from INPUTS (files or directories) and write exports.

    \b
    Example:
        kg build ../shared/seeds -o exports/
        kg build papers.jsonl feed.xml -o out/ --format ttl,nt,graphml,html
    """
    from ..build import run_build

    options = {"base_iri": base_iri} if base_iri else {}
    progress = None
    if not quiet and sys.stderr.isatty():
        progress = _Progress()
    result = run_build(inputs, out_dir, _formats(formats), year=year, jobs=jobs, skip_bad=skip_bad,
                       progress=progress, **options)
    if progress:
        progress.close()
    if not quiet:
        click.echo(format_summary(result))


class _Progress:
    """A one-line counter on stderr for long inputs."""

    def __init__(self):
        self.n = 0

    def __call__(self, k: int) -> None:
        self.n += k
        if self.n % 500 == 0:
            click.echo(f"\rextracted {self.n} papers", err=True, nl=False)

    def close(self):
        if self.n >= 500:
            click.echo("", err=True)
