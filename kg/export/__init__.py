"""Export: the graph -> files. Exporters never change the graph they are given.

``EXPORTERS`` maps a format name to (file name, "module:function"); the function is
called as ``fn(graph, path, **options)`` and must write atomically
(:mod:`kg.export.atomic`); options it does not take are not passed. Heavy modules are
imported only when their format is asked for. N-Triples goes through
:mod:`kg.export.ntstream`, which streams (memory does not grow with the graph).
"""
from __future__ import annotations

import contextlib
import importlib
import importlib.util
import inspect
import logging
import resource
import time
from pathlib import Path

from ..errors import KgError

__all__ = ["EXPORTERS", "DEFAULT_FORMATS", "write_exports", "exporter", "check_formats", "stage"]

log = logging.getLogger("kg.build")


@contextlib.contextmanager
def stage(name: str):
    """Log how long a build stage took and the peak memory so far (``kg -v build``)."""
    t = time.perf_counter()
    yield
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    log.info("stage %s: %.2f s, peak RSS %d MB", name, time.perf_counter() - t, peak)

EXPORTERS = {
    "json": ("kg.json", "kg.export.nodelink:write_nodelink"),
    "ttl": ("kg.ttl", "kg.export.rdf:write_turtle"),
    "nt": ("kg.nt", "kg.export.ntstream:write_ntriples"),
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
    """``(file name, function)`` of a format; KgError when it is unknown or not installed."""
    if fmt not in EXPORTERS:
        raise KgError(f"unknown export format {fmt!r}; choose from {', '.join(sorted(EXPORTERS))}")
    filename, target = EXPORTERS[fmt]
    module, func = target.split(":")
    try:
        fn = getattr(importlib.import_module(module), func)
    except (ImportError, AttributeError) as exc:
        raise KgError(f"export format {fmt!r} is not available ({module}.{func}: {exc})") from None
    return filename, fn


def check_formats(formats) -> tuple[str, ...]:
    """The formats a build writes (``json`` first, no repeats), each checked to be known
    and installed, so that a build fails before its slow stages rather than after them.
    (The modules are found, not imported: importing is the export's work.)"""
    fmts = tuple(dict.fromkeys(("json",) + tuple(formats)))
    for fmt in fmts:
        if fmt not in EXPORTERS:
            exporter(fmt)  # raises the unknown-format error
        module = EXPORTERS[fmt][1].split(":")[0]
        try:
            found = importlib.util.find_spec(module) is not None
        except (ImportError, ValueError):
            found = False
        if not found:
            raise KgError(f"export format {fmt!r} is not available (no module {module})")
    return fmts


def _call(fn, g, path, options: dict) -> None:
    params = inspect.signature(fn).parameters.values()
    if not any(p.kind is p.VAR_KEYWORD for p in params):
        names = {p.name for p in params}
        options = {k: v for k, v in options.items() if k in names}
    fn(g, path, **options)


def write_exports(g, out_dir, formats=DEFAULT_FORMATS, **options) -> list[Path]:
    """Write each format into ``out_dir``; returns the paths written, in order.

    Each file is replaced atomically: a build that stops half-way leaves every export
    either as it was or complete. Temporary files left by a killed build are removed first.
    """
    from .atomic import remove_stale_temps

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    remove_stale_temps(out_dir)
    written = []
    for fmt in check_formats(formats):
        filename, fn = exporter(fmt)
        path = out_dir / filename
        with stage(f"export {fmt}"):
            _call(fn, g, path, options)
        written.append(path)
    return written
