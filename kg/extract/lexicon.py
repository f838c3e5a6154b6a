"""Loading of the lexicon data files in ``kg/extract/data`` (read once, cached)."""
from __future__ import annotations

from functools import lru_cache
from importlib import resources

__all__ = ["words", "model_families", "benchmark_names", "benchmark_cues", "generic_terms",
           "concept_terms", "model_suffixes"]


@lru_cache(maxsize=None)
def words(name: str) -> tuple[str, ...]:
    """Entries of ``data/NAME.txt``: one a line, ``#`` comments and blank lines dropped."""
    text = resources.files("kg.extract").joinpath("data", f"{name}.txt").read_text("utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return tuple(out)


def model_families() -> tuple[str, ...]:
    return words("model_families")


def model_suffixes() -> frozenset[str]:
    return frozenset(words("model_suffixes"))


def benchmark_names() -> frozenset[str]:
    return frozenset(words("benchmark_names"))


def benchmark_cues() -> tuple[str, ...]:
    return words("benchmark_cues")


@lru_cache(maxsize=None)
def generic_terms() -> frozenset[str]:
    """Generic terms, compared case-sensitively and with a plural ``s`` removed."""
    return frozenset(words("generic_terms"))


@lru_cache(maxsize=None)
def concept_terms() -> frozenset[str]:
    return frozenset(t.lower() for t in words("concepts"))
