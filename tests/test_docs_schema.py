"""docs/schema.md lists exactly the node types and relations of kg/graph/schema.py."""
from __future__ import annotations

import re

from conftest import REPO
from kg.graph.schema import NODE_TYPES, RELATIONS


def _first_column(section: str) -> set[str]:
    text = (REPO / "docs" / "schema.md").read_text()
    body = text.split(f"## {section}", 1)[1].split("\n## ", 1)[0]
    first_table = re.search(r"(?:^\|.*\n)+", body, re.M).group(0)
    return set(re.findall(r"^\| `(\w+)` \|", first_table, re.M))


def test_node_types_documented():
    assert _first_column("Node types") == set(NODE_TYPES)


def test_relations_documented():
    assert _first_column("Edge relations") == set(RELATIONS)
