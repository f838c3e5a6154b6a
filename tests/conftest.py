"""Shared test fixtures: paths to ../shared and one seed build per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = SHARED / "fixtures"
GOLD = SHARED / "gold"


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed pages built once, with every export format, into a temporary directory.

    Tests must not change ``result.graph`` (copy it first).
    """
    from kg.build import run_build
    from kg.export import EXPORTERS

    out = tmp_path_factory.mktemp("seed_exports")
    formats = tuple(f for f in EXPORTERS if f != "json")
    result = run_build([SEEDS], out, formats=_available(formats))
    return result, out


def _available(formats):
    """Formats whose exporter module exists (all of them once every exporter is in)."""
    import importlib

    from kg.export import EXPORTERS

    ok = []
    for f in formats:
        module = EXPORTERS[f][1].split(":")[0]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        ok.append(f)
    return tuple(ok)
