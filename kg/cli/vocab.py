"""`kg vocab`: print or write kg's RDF vocabulary (the ontology) or its SHACL shapes."""
from __future__ import annotations

import click

from . import handle_errors, main

_FORMATS = ("ttl", "nt", "jsonld", "rdfxml")


def vocab_bytes(fmt: str = "ttl", shapes: bool = False) -> bytes:
    """The ontology (kg/rdf/kg.ttl) in ``fmt``; Turtle is the file as written, with its
    comments. ``shapes`` gives kg/rdf/shapes.ttl (Turtle only: it uses blank nodes)."""
    from ..errors import KgError
    from ..rdf import data_path

    if shapes:
        if fmt != "ttl":
            raise KgError("the SHACL shapes are available as Turtle only (--format ttl)")
        return data_path("shapes.ttl").read_bytes()
    source = data_path("kg.ttl").read_bytes()
    if fmt == "ttl":
        return source
    import rdflib

    from ..rdf.syntax import SERIALIZERS

    g = rdflib.Graph()
    g.parse(data=source.decode("utf-8"), format="turtle")
    return SERIALIZERS[fmt](g)


@main.command()
@click.option("-f", "--format", "fmt", type=click.Choice(_FORMATS), default="ttl", show_default=True,
              help="RDF syntax.")
@click.option("-o", "--out", type=click.Path(dir_okay=False), default=None,
              help="Write to this file instead of stdout.")
@click.option("--shapes", is_flag=True, help="The SHACL shapes exports conform to, instead of the ontology.")
@handle_errors
def vocab(fmt, out, shapes):
    """Print kg's RDF vocabulary: its classes and properties with labels, comments,
    domains, ranges and their links to schema.org (docs/rdf.md explains them).

    \b
    Example:
        kg vocab > kg-vocab.ttl
        kg vocab --format jsonld -o kg-vocab.jsonld
        kg vocab --shapes > shapes.ttl
    """
    data = vocab_bytes(fmt, shapes)
    if out:
        from ..export.atomic import atomic_write_bytes

        atomic_write_bytes(out, data)
    else:
        click.echo(data.decode("utf-8"), nl=False)
