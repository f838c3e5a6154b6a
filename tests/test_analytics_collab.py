"""Author collaboration on real data: the Hugging Face papers fixtures name every author,
so the co-author counts can be checked against the authored_by edges of the graph."""
from __future__ import annotations

import json
from collections import Counter
from itertools import combinations

import pytest
from click.testing import CliRunner

import kg
from conftest import FIXTURES
from kg.analytics import coauthor_graph, collaboration_pairs, collaborators, top_authors, top_nodes
from kg.cli import main


@pytest.fixture(scope="module")
def hf(tmp_path_factory):
    out = tmp_path_factory.mktemp("hf_build")
    kg.build(FIXTURES / "hf_daily_papers", out_dir=out, formats=())
    return out, kg.load(out).graph


def _authors_by_paper(g) -> dict:
    return {p: sorted(a for _, a, k in g.out_edges(p, keys=True) if k == "authored_by")
            for p, t in g.nodes(data="type") if t == "Paper"}


def test_the_fixtures_give_authors(hf):
    g = hf[1]
    by_paper = _authors_by_paper(g)
    assert sum(1 for a in by_paper.values() if a) > 300
    assert sum(1 for _, t in g.nodes(data="type") if t == "Author") > 1000


def test_collaboration_pairs_match_the_authored_by_edges(hf):
    g = hf[1]
    shared = Counter()
    for authors in _authors_by_paper(g).values():
        shared.update(combinations(authors, 2))  # sorted ids: each pair once per paper
    pairs = collaboration_pairs(g, n=None)
    assert len(pairs) == len(shared)
    got = {tuple(sorted((r["a"], r["b"]))): r["papers"] for r in pairs}
    assert got == dict(shared)
    assert [r["papers"] for r in pairs] == sorted((r["papers"] for r in pairs), reverse=True)
    assert pairs[0]["papers"] == max(shared.values()) >= 2


def test_top_authors_count_papers_and_distinct_coauthors(hf):
    g = hf[1]
    by_paper = _authors_by_paper(g)
    papers, coauthors = Counter(), {}
    for authors in by_paper.values():
        for a in authors:
            papers[a] += 1
            coauthors.setdefault(a, set()).update(set(authors) - {a})
    rows = top_authors(g, n=25)
    best = max(papers.values())
    assert rows[0]["papers"] == best
    for r in rows:
        assert r["papers"] == papers[r["id"]]
        assert r["coauthors"] == len(coauthors[r["id"]])
        for c in r["collaborators"]:
            shared = sum(1 for authors in by_paper.values() if r["id"] in authors and c["id"] in authors)
            assert c["papers"] == shared
    keys = [(-r["papers"], -r["coauthors"]) for r in rows]
    assert keys == sorted(keys)
    assert [r["id"] for r in top_nodes(g, "Author", by="papers", n=3)][0] in {
        a for a, n in papers.items() if n == best}


def test_collaborators_of_the_most_prolific_author(hf):
    g = hf[1]
    first = top_authors(g, n=1)[0]
    rows = collaborators(g, first["label"])
    c = coauthor_graph(g)
    assert {r["id"] for r in rows} == set(c[first["id"]])
    assert sum(r["papers"] for r in rows) == sum(d["weight"] for d in c[first["id"]].values())


def test_kg_authors_on_the_fixtures_build(hf):
    out, g = hf
    result = CliRunner().invoke(main, ["authors", str(out), "--top", "3", "--json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout) == top_authors(g, n=3)
    text = CliRunner().invoke(main, ["authors", str(out), "--top", "3"]).stdout.splitlines()
    assert text[0].split() == ["#", "author", "papers", "coauthors", "top", "collaborators"]
    assert len(text) == 5
    for line, row in zip(text[2:], top_authors(g, n=3)):
        assert line.startswith(f"{row['rank']}  {row['label']} ")
