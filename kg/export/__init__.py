"""Export: the graph -> files. Exporters never change the graph they are given.

``EXPORTERS`` maps a format name to (file name, "module:function"); the function is
called as ``fn(graph, path, **options)`` and must write atomically
(:mod:`kg.export.atomic`). Heavy modules are imported only when their format is asked for.
"""
from __future__ import annotations

import importlib
from pathlib import Path

from ..errors import KgError

__all__ = ["EXPORTERS", "DEFAULT_FORMATS", "write_exports", "exporter"]

EXPORTERS = {
    "json": ("kg.json", "kg.export.nodelink:write_nodelink"),
    "ttl": ("kg.ttl", "kg.export.rdf:write_turtle"),
    "nt": ("kg.nt", "kg.export.rdf:write_ntriples"),
    "jsonld": ("kg.jsonld", "kg.export.rdf:write_jsonld"),
    "rdfxml": ("kg.rdf", "kg.export.rdf:write_rdfxml"),
    "graphml": ("kg.graphml", "kg.export.graphml:write_graphml"),
    "gexf": ("kg.gexf", "kg.export.gexf:write_gexf"),
    "html": ("kg.html", "kg.export.html:write_html"),
}
#: What `kg build` writes unless --format says otherwise. kg.json is always written:
#: it is the saved build the analytics commands read.
DEFAULT_FORMATS = ("ttl", "graphml", "html")


def exporter(fmt: str):
    if fmt not in EXPORTERS:
        raise KgError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(EXPORTERS))}")
    filename, target = EXPORTERS[fmt]
    module, func = target.split(":")
    return filename, getattr(importlib.import_module(module), func)


def write_exports(g, out_dir, formats=DEFAULT_FORMATS, **options) -> list[Path]:
    """Write each format into ``out_dir``; returns the paths written, in order."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    written = []
    for fmt in dict.fromkeys(("json",) + tuple(formats)):
        filename, fn = exporter(fmt)
        path = out_dir / filename
        fn(g, path, **options)
        written.append(path)
    return written
