"""`kg build`: inputs -> graph -> exports, with a summary."""
from __future__ import annotations

import os
import sys

import click

from ..errors import KgError
from ..export import DEFAULT_FORMATS, EXPORTERS
from . import handle_errors, main


def _formats(value: str | None) -> tuple[str, ...] | None:
    if value is None:
        return None
    fmts = tuple(f.strip() for f in value.split(",") if f.strip())
    bad = [f for f in fmts if f not in EXPORTERS]
    if bad:
        raise click.BadParameter(f"unknown format(s) {', '.join(bad)}; choose from {', '.join(sorted(EXPORTERS))}")
    return fmts


def format_summary(result) -> str:
    s = result.summary()
    lines = [f"entries read: {s['entries']}", f"papers: {s['papers']}"]
    if s.get("cached"):
        lines.append(f"extractions: {s['extracted']} new, {s['cached']} from the cache")
    lines.append("nodes:")
    lines += [f"  {k}: {v}" for k, v in s["nodes"].items()]
    lines.append("edges:")
    lines += [f"  {k}: {v}" for k, v in s["edges"].items()]
    for f in result.files:
        lines.append(f"wrote {f}")
    return "\n".join(lines)


def format_problems(problems) -> str:
    lines = [f"skipped {len(problems)} bad input{'s' if len(problems) != 1 else ''}:"]
    lines += [f"  {p}" for p in problems]
    return "\n".join(lines)


@main.command()
@click.argument("inputs", nargs=-1, type=click.Path())
@click.option("-o", "--out", "out_dir", default=None, type=click.Path(file_okay=False),
              help="Directory for the exports (the build directory).  [default: exports]")
@click.option("-u", "--update", "update_dir", default=None, type=click.Path(file_okay=False),
              help="Add INPUTS to the build in this directory: entities are resolved with the ones it has, "
                   "every export is rewritten; the result is what a full rebuild over all inputs gives.")
@click.option("-f", "--format", "formats", default=None,
              help=f"Comma-separated export formats: {', '.join(sorted(EXPORTERS))}. kg.json is always written.  "
                   f"[default: {','.join(DEFAULT_FORMATS)}; with --update, those of the build]")
@click.option("--year", type=int, default=None,
              help="Year of the dates that a saved Daily Papers page gives without one (default: inferred).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=1, show_default=True,
              help="Extraction processes (0: one per CPU). The output does not depend on it.")
@click.option("--skip-bad", is_flag=True,
              help="Skip unreadable files and conflicting records, report them at the end (exit 0).")
@click.option("--no-cache", is_flag=True, help="Neither read nor write the extraction cache (DIR/.kg-cache).")
@click.option("--base-iri", default=None, help="Base IRI for minted RDF resources.")
@click.option("-q", "--quiet", is_flag=True, help="No summary, no progress (problems are still reported).")
@handle_errors
def build(inputs, out_dir, update_dir, formats, year, jobs, skip_bad, no_cache, base_iri, quiet):
    """Build the knowledge graph from INPUTS (files or directories) and write exports.

    Exit status: 0 when the build is written (with --skip-bad, also when inputs were
    skipped: they are listed on stderr); 2 for bad input or a bad option (the message
    names the file and line); 130/143 when interrupted (previous exports stay intact).

    \b
    Example:
        kg build ../shared/seeds -o exports/
        kg build papers.jsonl feed.xml -o out/ --format ttl,nt,graphml,html -j 2
        kg build --update out/ new-papers.jsonl
    """
    from ..build import run_build
    from ..export.atomic import cleanup_on_signals

    if update_dir is not None:
        if out_dir is not None and os.path.realpath(out_dir) != os.path.realpath(update_dir):
            raise click.UsageError("--update DIR writes to DIR; leave out -o or give the same directory")
        out_dir = update_dir
    elif not inputs:
        raise click.UsageError("give INPUTS (files or directories), or --update DIR")
    out_dir = out_dir or "exports"
    options = {"base_iri": base_iri} if base_iri else {}
    progress = _Progress() if not quiet and sys.stderr.isatty() else None
    try:
        with cleanup_on_signals():
            result = run_build(list(inputs), out_dir, _formats(formats), year=year, jobs=jobs or os.cpu_count() or 1,
                               skip_bad=skip_bad, progress=progress, update=update_dir is not None,
                               use_cache=not no_cache, keep_extractions=False, keep_papers=False,
                               **options)
    except KeyboardInterrupt:
        click.echo("\nkg build: interrupted; the previous exports are unchanged", err=True)
        sys.exit(130)
    except OSError as exc:  # the output directory: disk full, no permission, a file in the way
        where = exc.filename or out_dir
        raise KgError(f"{where}: cannot write: {exc.strerror or exc}") from None
    finally:
        if progress:
            progress.close()
    if not quiet:
        click.echo(format_summary(result))
    if result.problems:
        click.echo(format_problems(result.problems), err=True)


class _Progress:
    """A one-line counter on stderr for long inputs."""

    def __init__(self):
        self.n = 0

    def __call__(self, k: int) -> None:
        before = self.n
        self.n += k
        if self.n // 500 != before // 500:
            click.echo(f"\rextracted {self.n} papers", err=True, nl=False)

    def close(self):
        if self.n >= 500:
            click.echo("", err=True)
