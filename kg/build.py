"""The whole pipeline in one call: ingest -> extract -> resolve -> graph -> exports."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import networkx as nx

from .errors import InputError
from .export import DEFAULT_FORMATS, write_exports
from .extract import extract_papers
from .graph import build_graph, summary
from .ingest import read_paths
from .ingest.merge import merge_papers
from .model import Paper, PaperExtraction
from .resolve import Resolution, resolve

__all__ = ["BuildResult", "build_from_papers", "run_build"]


@dataclass
class BuildResult:
    graph: nx.MultiDiGraph
    papers: list[Paper]
    extractions: list[PaperExtraction]
    resolution: Resolution
    entries: int = 0
    problems: list[InputError] = field(default_factory=list)
    files: list[Path] = field(default_factory=list)

    def summary(self) -> dict:
        s = summary(self.graph)
        s["entries"] = self.entries
        return s


def build_from_papers(papers, jobs: int = 1, progress=None) -> BuildResult:
    """Merge, extract, resolve and build the graph from Paper records."""
    papers = list(papers)
    entries = len(papers)
    merged = merge_papers(papers)
    extractions = extract_papers(merged, jobs=jobs, progress=progress)
    resolution = resolve(extractions)
    g = build_graph(merged, extractions, resolution)
    return BuildResult(g, merged, extractions, resolution, entries)


def run_build(inputs, out_dir=None, formats=DEFAULT_FORMATS, year: int | None = None, jobs: int = 1,
              skip_bad: bool = False, progress=None, **export_options) -> BuildResult:
    """Read ``inputs`` (files or directories), build, and write exports to ``out_dir``."""
    papers, problems = read_paths(inputs, skip_bad=skip_bad, year=year)
    result = build_from_papers(papers, jobs=jobs, progress=progress)
    result.problems = problems
    if out_dir is not None:
        result.files = write_exports(result.graph, out_dir, formats, **export_options)
    return result
