"""The graph schema: node types, edge relations and the attributes each carries.

docs/schema.md is the written form of this module; tests check they agree.
"""
from __future__ import annotations

__all__ = ["NODE_TYPES", "RELATIONS", "ENTITY_TYPES", "relation_for", "node_id"]

#: node type -> id prefix
NODE_TYPES = {
    "Paper": "paper",
    "Author": "author",
    "Organization": "org",
    "Method": "method",
    "Model": "model",
    "Benchmark": "benchmark",
    "Repository": "repo",
    "Concept": "concept",
}

#: extractor label -> node type
ENTITY_TYPES = {"method": "Method", "model": "Model", "benchmark": "Benchmark", "concept": "Concept"}

#: relation -> (source type, target types, meaning)
RELATIONS = {
    "authored_by": ("Paper", ("Author",), "the paper lists the author"),
    "published_by": ("Paper", ("Organization",), "the listing names the organisation that published it"),
    "affiliated_with": ("Author", ("Organization",), "the author's affiliation as a source gives it"),
    "proposes": ("Paper", ("Method", "Model", "Benchmark"), "the paper introduces the artifact"),
    "uses": ("Paper", ("Method", "Model"), "the paper uses, compares with or builds on the artifact"),
    "evaluated_on": ("Paper", ("Benchmark",), "the paper evaluates on (or uses) the benchmark/dataset"),
    "has_code": ("Paper", ("Repository",), "a code repository of the paper"),
    "has_project_page": ("Paper", ("Repository",), "a project, model or data page of the paper"),
    "about": ("Paper", ("Concept",), "the paper is about the field term"),
}


def relation_for(entity_type: str, role: str) -> str:
    """The paper -> entity relation for an extracted mention.

    >>> relation_for("Benchmark", "mentioned"), relation_for("Method", "proposed")
    ('evaluated_on', 'proposes')
    """
    if entity_type == "Concept":
        return "about"
    if role == "proposed":
        return "proposes"
    return "evaluated_on" if entity_type == "Benchmark" else "uses"


def node_id(node_type: str, local: str) -> str:
    """``paper:arxiv:2401.00001``, ``author:jane-doe``...; ``local`` is already stable."""
    return f"{NODE_TYPES[node_type]}:{local}"
