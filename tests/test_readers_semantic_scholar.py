"""Semantic Scholar Graph API reader, on recorded paper, batch and author responses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import read_file, semantic_scholar
from kg.ingest.merge import merge_papers

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
S2 = FIXTURES / "semantic_scholar"
PAPER = S2 / "s2_graph_v1_paper_full_with_1000_citations.json"


def test_paper_response_gives_the_paper_only_by_default():
    [p] = read_file(PAPER)
    assert p.id == "doi:10.1093/mind/lix.236.433"
    assert p.doi == "10.1093/MIND/LIX.236.433"
    assert p.title == "Computing Machinery and Intelligence"
    assert p.abstract.startswith("I propose to consider the question, \u201cCan machines think?\u201d")
    assert p.authors == ("A. Turing",)
    assert p.date == "1950-10-01"
    assert p.venue == "The Philosophy of Artificial Intelligence"
    assert p.categories == ("Computer Science", "Sociology")
    assert p.url == "https://www.semanticscholar.org/paper/2d5673caa9e6af3a7b82a43f19ee920992db07ad"
    assert p.sources[0].format == "semantic-scholar"


def test_related_adds_citing_and_cited_papers():
    papers = read_file(PAPER, related=True)
    assert len(papers) == 1 + 1000 + 14  # the paper, its citing papers, its titled references
    assert papers[0].title == "Computing Machinery and Intelligence"
    citing = papers[1]
    assert citing.id == "doi:10.1109/jas.2024.124407"
    assert citing.authors[:2] == ("Tianyu Shen", "Jinlin Sun")
    assert citing.venue == "IEEE/CAA Journal of Automatica Sinica"
    # 243 citing papers give externalIds.ArXiv; 8 more only an arXiv DOI (10.48550/arXiv.*)
    assert sum(1 for p in papers if p.arxiv_id) == 251
    assert sum(1 for p in papers if p.abstract) == 780
    assert len(merge_papers(papers)) == 1013


def test_batch_skips_unknown_ids_and_keeps_lines():
    papers = read_file(S2 / "s2_graph_v1_paper_batch_response.json")
    assert [p.id for p in papers] == ["doi:10.2139/ssrn.288970", "doi:10.2139/ssrn.2250500", "doi:10.1257/rct.1355"]
    assert [p.sources[0].line for p in papers] == [3, 73, 145]
    first = papers[0]
    assert first.title == "How Much Should We Trust Differences-in-Differences Estimates?"
    assert first.authors == ("Marianne Bertrand", "E. Duflo", "S. Mullainathan")
    assert first.venue == "Experimental & Empirical Studies eJournal"  # venue is "", journal.name used
    assert papers[2].date is None  # no publicationDate


def test_author_response_reads_its_papers():
    papers = read_file(S2 / "s2_graph_v1_author.json")
    assert len(papers) == 60
    assert all("A. Turing" in p.authors for p in papers)
    assert sum(1 for p in papers if p.doi) == 32
    assert sum(1 for p in papers if p.id.startswith("s2:")) == 28


def test_author_without_papers_is_not_a_paper_listing(tmp_path):
    obj = json.loads((S2 / "s2_graph_v1_author.json").read_text(encoding="utf-8"))
    del obj["papers"]
    f = tmp_path / "author.json"
    f.write_text(json.dumps(obj), encoding="utf-8")
    with pytest.raises(InputError, match="not a paper listing"):
        read_file(f)


def test_search_page_and_arxiv_id(tmp_path):
    page = {"total": 1, "offset": 0, "data": [
        {"paperId": "abc", "title": "Attention Is All You Need", "externalIds": {"ArXiv": "1706.03762"},
         "authors": [{"authorId": "1", "name": "Ashish Vaswani"}], "year": 2017}]}
    f = tmp_path / "search.json"
    f.write_text(json.dumps(page, indent=2), encoding="utf-8")
    [p] = read_file(f)
    assert p.id == "arxiv:1706.03762" and p.date is None  # a year alone gives no date
    assert p.sources[0].line == 5  # the line of its "{"


def test_invalid_json_names_the_line(tmp_path):
    text = (S2 / "s2_graph_v1_paper_batch_response.json").read_text(encoding="utf-8")
    lines = text.splitlines()
    lines[9] = lines[9].replace('"', "", 1)
    f = tmp_path / "bad.json"
    f.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 10


def test_sniff():
    assert semantic_scholar.sniff(PAPER.read_text(encoding="utf-8")[:65536])
    assert not semantic_scholar.sniff((FIXTURES / "openalex" / "openalex_work_W2741809807.json").read_text())
    assert not semantic_scholar.sniff((FIXTURES / "hf_daily_papers" / "2024-06-03.json").read_text())
