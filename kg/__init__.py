"""kg: build a knowledge graph of papers, authors, methods, models, benchmarks, code and concepts.

The Python API (see docs/api.md)::

    import kg
    g = kg.build(["../shared/seeds"])         # -> kg.api.KnowledgeGraph
    g = kg.load("exports/")                  # a saved build (its kg.json)
    g.top("Method", by="pagerank")

``import kg`` does no work: :func:`kg.api.build`, :func:`kg.api.load` and
:class:`kg.api.KnowledgeGraph` are imported on first use, and spaCy and rdflib only when
a build or an RDF query needs them.

``kg.build`` is also the name of the pipeline module :mod:`kg.build`. The module is made
callable, so ``kg.build(...)`` calls :func:`kg.api.build` whichever of the two the name
holds, and ``from kg.build import run_build`` keeps working.
"""
from __future__ import annotations

import sys
import types

__all__ = ["build", "load", "KnowledgeGraph", "__version__"]

__version__ = "0.1.0"

_LAZY = {"load": "kg.api", "KnowledgeGraph": "kg.api"}


class _CallableModule(types.ModuleType):
    """The class of the :mod:`kg.build` module: calling it calls :func:`kg.api.build`."""

    def __call__(self, paths_or_papers, **options):
        from .api import build

        return build(paths_or_papers, **options)


class _Package(types.ModuleType):
    """The class of the ``kg`` package: when the import system binds the :mod:`kg.build`
    submodule to the name ``build``, the module becomes callable first."""

    def __setattr__(self, name, value):
        if name == "build" and isinstance(value, types.ModuleType) and value.__name__ == "kg.build":
            value.__class__ = _CallableModule
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package


def __getattr__(name: str):
    if name == "build":
        import importlib

        return importlib.import_module("kg.build")  # binds kg.build (callable) as a side effect
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'kg' has no attribute {name!r}")


def __dir__():
    return sorted(set(globals()) | set(__all__))
