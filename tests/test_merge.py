"""Merging one paper from several sources: grouping keys, precedence, a mixed real build."""
from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kg.ingest import read_paths
from kg.ingest.merge import FORMAT_PRECEDENCE, merge_papers, merge_two
from kg.model import Link, Paper, Source
from kg.textnorm import short_hash, title_key

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures"
SEEDS = SHARED / "seeds"

XNODE = "X-Node: Self-Explanation is All We Need"  # a paper of the seed pages (000_*.txt)
FAKE_ARXIV = "2508.99999"  # made up for the test: the fixtures hold no second listing of a seed paper


def _p(pid, title, fmt="", path="a", line=1, **kw):
    return Paper(pid, title, sources=(Source(path, line, fmt),), **kw)


@pytest.fixture(scope="module")
def real():
    seeds, _ = read_paths([SEEDS])
    hf, _ = read_paths([FIXTURES / "hf_daily_papers"])
    arxiv, _ = read_paths([FIXTURES / "arxiv"])
    return seeds, hf, arxiv


def test_real_sources_alone_and_together(real):
    seeds, hf, arxiv = real
    assert (len(seeds), len(merge_papers(seeds))) == (453, 343)  # pages repeat papers
    assert (len(hf), len(merge_papers(hf))) == (362, 360)
    assert (len(arxiv), len(merge_papers(arxiv))) == (229, 229)
    # the three share no paper: the mixed build is the sum, with no false joins
    assert len(merge_papers(seeds + hf + arxiv)) == 343 + 360 + 229


def test_mixed_build_joins_one_paper_listed_by_four_sources(real, tmp_path):
    seeds, hf, arxiv = real
    hf_json = tmp_path / "hf.json"
    hf_json.write_text(json.dumps({
        "id": FAKE_ARXIV, "title": XNODE, "summary": "Short summary.", "upvotes": 5,
        "publishedAt": "2025-08-13T00:00:00.000Z", "githubRepo": "https://github.com/basiralab/X-Node",
        "authors": [{"name": "Prajit Sengupta"}, {"name": "Islem Rekik"}]}), encoding="utf-8")
    atom = tmp_path / "arxiv.xml"
    atom.write_text(f"""<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
<id>https://arxiv.org/api/x</id>
<entry><id>http://arxiv.org/abs/{FAKE_ARXIV}v2</id><published>2025-08-14T10:00:00Z</published>
<title>X-Node: Self-explanation Is All  We Need</title><summary>S</summary>
<author><name>Prajit Sengupta</name></author><author><name>Islem Rekik</name></author>
<arxiv:comment>Code: https://github.com/basiralab/X-Node</arxiv:comment>
<category term="cs.LG"/></entry></feed>""", encoding="utf-8")
    bib = tmp_path / "x.bib"
    bib.write_text("@inproceedings{sengupta25,\n  title = {{X-Node}: Self-Explanation is All We Need},\n"
                   "  author = {Sengupta, Prajit and Rekik, Islem},\n  doi = {10.1000/XNODE},\n"
                   "  booktitle = {Some Workshop},\n}\n", encoding="utf-8")
    extra, problems = read_paths([hf_json, atom, bib])
    assert problems == [] and len(extra) == 3

    merged = merge_papers(seeds + hf + arxiv + extra)
    assert len(merged) == 343 + 360 + 229  # the three new records all joined the seed paper
    [x] = [p for p in merged if title_key(p.title) == title_key(XNODE)]
    assert x.id == f"arxiv:{FAKE_ARXIV}"  # the seed page's title-hash id gave way
    assert short_hash(title_key(XNODE)) not in {p.id for p in merged}
    assert {s.format for s in x.sources} == {"hf-daily-page", "hf-papers-api", "arxiv-atom", "bibtex"}
    assert x.title == "X-Node: Self-explanation Is All We Need"  # arXiv ranks first
    assert x.date == "2025-08-14"
    assert x.doi == "10.1000/XNODE" and x.venue == "Some Workshop"
    assert x.upvotes == 5  # the largest count (the page said 2)
    assert x.authors == ("Prajit Sengupta", "Islem Rekik") and x.author_count == 2
    assert x.abstract.startswith("Graph neural networks (GNNs)")  # the page's full abstract is the longest
    # one link per repository, from the source with precedence
    assert x.links == (Link("https://github.com/basiralab/X-Node", "github", "comments"),)
    assert dict(x.field_sources)["date"] == str(atom)
    assert dict(x.field_sources)["abstract"].startswith(str(SEEDS))


def test_grouping_does_not_depend_on_input_order(real):
    seeds, hf, arxiv = real
    papers = seeds[:120] + hf[:120] + arxiv[:60]
    expected = [p.to_dict() for p in merge_papers(papers)]
    for seed in (1, 2):
        shuffled = papers[:]
        random.Random(seed).shuffle(shuffled)
        assert [p.to_dict() for p in merge_papers(shuffled)] == expected


def test_same_title_different_arxiv_ids_stay_apart():
    a = _p("arxiv:1", "Introduction", "arxiv-atom", arxiv_id="1")
    b = _p("arxiv:2", "Introduction", "arxiv-atom", line=2, arxiv_id="2")
    c = _p("h", "introduction.", "hf-daily-page", upvotes=3)  # no id: joins the first by precedence
    merged = merge_papers([c, b, a])
    assert [(p.id, p.upvotes, len(p.sources)) for p in merged] == [("arxiv:1", 3, 2), ("arxiv:2", None, 1)]


def test_joins_are_transitive_across_keys():
    a = _p("t1", "Title one", "bibtex", doi="10.1/ABC")  # DOI + title 1
    b = _p("arxiv:9", "Title two", "hf-papers-api", arxiv_id="9", doi="10.1/abc")  # DOI (other case) + arXiv
    c = _p("t2", "Title two!", "hf-daily-page")  # title 2 only
    [m] = merge_papers([a, b, c])
    assert m.id == "arxiv:9" and len(m.sources) == 3
    assert m.title == "Title one"  # bibtex ranks before the HF API


def test_same_explicit_id_joins():
    a = _p("paper-7", "A title", "jsonl")
    b = _p("paper-7", "A retitled paper", "jsonl", line=2, url="https://x.org/7")
    [m] = merge_papers([a, b])
    assert (m.id, m.title, m.url) == ("paper-7", "A title", "https://x.org/7")


def test_precedence_by_format_then_path():
    assert FORMAT_PRECEDENCE.index("arxiv-atom") < FORMAT_PRECEDENCE.index("hf-papers-api") \
        < FORMAT_PRECEDENCE.index("hf-daily-page")
    page = _p("h", "T", "hf-daily-page", path="a.txt", date="2025-01-02", venue=None)
    api = _p("arxiv:5", "T", "hf-papers-api", path="z.json", arxiv_id="5", date="2025-01-01")
    [m] = merge_papers([page, api])
    assert m.date == "2025-01-01"  # the API record ranks first although its path sorts last
    p1 = _p("h1", "T", "hf-daily-page", path="b.txt", date="2025-01-03")
    p2 = _p("h2", "T", "hf-daily-page", path="a.txt", date="2025-01-04")
    [m] = merge_papers([p1, p2])
    assert (m.id, m.date) == ("h2", "2025-01-04")  # same format: path order


def test_merge_two_counts_and_unions():
    a = _p("x", "T", "hf-daily-page", upvotes=30, author_count=3, keywords=("a",),
           links=(Link("https://github.com/o/r/", "github", "x"),))
    b = _p("arxiv:1", "T", "hf-papers-api", path="b", arxiv_id="1", upvotes=4, authors=("P", "Q", "R", "S"),
           keywords=("b", "a"), links=(Link("https://GitHub.com/o/r", "github", "githubRepo"),
                                       Link("https://p.io", "project", "projectPage")))
    m = merge_two(a, b)
    assert m.id == "arxiv:1"
    assert m.upvotes == 30  # the larger count stays
    assert (m.authors, m.author_count) == (("P", "Q", "R", "S"), 4)  # the count follows the list
    assert m.keywords == ("a", "b")
    assert [l.url for l in m.links] == ["https://github.com/o/r/", "https://p.io"]
    assert dict(m.field_sources)["authors"] == "b"


def test_papers_without_sources_merge():
    merged = merge_papers([Paper("1", "Same"), _p("2", "same", "jsonl")])
    assert len(merged) == 1 and merged[0].id == "2"
