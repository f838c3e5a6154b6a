"""`kg query`: SPARQL over an export (embedded Oxigraph) or a remote endpoint."""
from __future__ import annotations

import click

from . import handle_errors, main


def _list_queries() -> str:
    from ..rdf.sparql import named_queries

    queries = named_queries()
    width = max(len(n) for n in queries)
    lines = []
    for q in queries.values():
        params = " ".join(f"--param {p.name}=<{p.type}>" for p in q.params) or "(no parameters)"
        lines.append(f"{q.name.ljust(width)}  {params}")
        lines.append(f"{''.ljust(width)}  {q.description}")
        for p in q.params:
            lines.append(f"{''.ljust(width)}    {p.name}: {p.description}")
    return "\n".join(lines)


@main.command()
@click.argument("args", nargs=-1, metavar="[TARGET] [SPARQL]")
@click.option("--file", "query_file", type=click.Path(exists=True, dir_okay=False),
              help="Read the query from a .rq file.")
@click.option("-n", "--name", help="Run a named query (see --list).")
@click.option("-p", "--param", "params", multiple=True, metavar="NAME=VALUE",
              help="A query parameter, bound as an RDF term (repeatable). For your own queries "
                   "<...> is an IRI, anything else a string.")
@click.option("-e", "--endpoint", metavar="URL", help="Ask a SPARQL 1.1 endpoint instead of a local export.")
@click.option("-f", "--format", "fmt", type=click.Choice(["table", "csv", "tsv", "json"]), default="table",
              show_default=True, help="Output format (csv, tsv and json are the SPARQL 1.1 result formats).")
@click.option("--list", "list_", is_flag=True, help="List the named queries with their parameters.")
@click.option("--show", is_flag=True, help="Print the named query's text instead of running it.")
@click.option("--allow-service", is_flag=True, help="Allow SERVICE clauses (the engine then calls other endpoints).")
@click.option("--timeout", type=float, default=60.0, show_default=True, help="Seconds to wait for an endpoint.")
@handle_errors
def query(args, query_file, name, params, endpoint, fmt, list_, show, allow_service, timeout):
    """Run SPARQL on TARGET (an export directory or RDF file) or on --endpoint URL.

    The query is SPARQL text, --file q.rq or --name NAME (a named query shipped with kg).
    Values go in as --param NAME=VALUE and are bound as RDF terms, never pasted into the
    query. kg's prefixes (kg, schema, dcterms, skos, prov, rdf, rdfs, xsd, owl) need no
    PREFIX lines.

    \b
    Example:
        kg query exports/ "SELECT (COUNT(*) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"
        kg query exports/ --name benchmarks-for-method --param method=GRPO
        kg query --endpoint http://localhost:7878/query --name top-concepts --format csv
        kg query --list
    """
    from ..rdf import sparql

    if list_:
        click.echo(_list_queries())
        return
    if show:
        if not name:
            raise sparql.QueryError("--show prints a named query: give --name NAME")
        click.echo(sparql.named_query(name).text, nl=False)
        return
    args = list(args)
    target = None
    if not endpoint:
        if not args:
            raise sparql.QueryError("give an export directory or RDF file (or --endpoint URL); see kg query --help")
        target = args.pop(0)
    sources = [s for s in (args[0] if args else None, query_file, name) if s]
    if len(args) > 1:
        raise sparql.QueryError(f"unexpected argument {args[1]!r}; quote the query")
    if len(sources) != 1:
        raise sparql.QueryError("give exactly one of: the SPARQL text, --file, --name")
    values = sparql.parse_param_values(params)
    if name:
        named = sparql.named_query(name)
        text, bindings = named.text, named.bindings(values)
    else:
        if query_file:
            with open(query_file, encoding="utf-8") as f:
                text = f.read()
        else:
            text = args[0]
        bindings = sparql.free_bindings(values)
    result = sparql.run(text, target=target, endpoint=endpoint, bindings=bindings, allow_service=allow_service,
                        timeout=timeout)
    click.echo(sparql.format_result(result, fmt), nl=False)
