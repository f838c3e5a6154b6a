"""Hugging Face papers API reader, on the 18 recorded daily_papers responses."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import hf_api, read_file, read_paths, reader_for
from kg.ingest.merge import merge_papers
from kg.model import Link

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
HF = FIXTURES / "hf_daily_papers"


@pytest.fixture(scope="module")
def hf_papers():
    papers, problems = read_paths([HF])
    assert problems == []
    return papers


def test_counts_over_all_days(hf_papers):
    assert len(list(HF.glob("*.json"))) == 18
    assert len(hf_papers) == 362
    merged = merge_papers(hf_papers)
    assert len(merged) == 360
    assert sum(1 for p in merged if any(l.kind == "github" for l in p.links)) == 185
    assert sum(1 for p in hf_papers if any(l.kind == "project" for l in p.links)) == 158
    assert sum(1 for p in merged if any(l.kind == "project" for l in p.links)) == 157  # one is listed twice
    assert all(p.id == f"arxiv:{p.arxiv_id}" for p in merged)
    assert all(p.sources[0].format == "hf-papers-api" for p in hf_papers)


def test_2024_record_unwraps_title_and_summary(hf_papers):
    p = next(p for p in hf_papers if p.id == "arxiv:2405.21060")
    assert p.title == ("Transformers are SSMs: Generalized Models and Efficient Algorithms "
                       "Through Structured State Space Duality")
    assert p.abstract.startswith("While Transformers have been the main architecture behind deep learning's success")
    assert "\n" not in p.abstract
    assert p.authors == ("Tri Dao", "Albert Gu")
    assert p.author_count == 2
    assert p.date == "2024-05-31"
    assert p.upvotes == 27
    assert p.links == () and p.keywords == () and p.organization is None
    assert p.sources[0].path.endswith("2024-06-03.json") and p.sources[0].line == 2


def test_2026_record_has_organization_and_links(hf_papers):
    p = next(p for p in hf_papers if p.id == "arxiv:2607.28956")
    assert p.title.startswith("MerchantBench: Benchmarking LLM Agents")
    assert p.authors[:2] == ("Qiming Shi", "Yulong Tao")
    assert p.organization == ("alibabagroup", "alibaba")
    assert p.date == "2026-07-31"  # paper.publishedAt, not the listing's 2026-07-30T20:00
    assert p.upvotes == 67
    assert Link("https://github.com/KhanCold/merchantbench", "github", "githubRepo") in p.links
    assert any(l.kind == "project" and l.provenance == "projectPage"
               and l.url.startswith("https://air.1688.com/kapp/next1688/merchantbench/") for l in p.links)


def test_ai_keywords_become_keywords(hf_papers):
    p = next(p for p in hf_papers if p.id == "arxiv:2508.18106")
    assert p.keywords[:4] == ("large language models", "LLMs", "software engineering", "security evaluation")
    assert sum(1 for p in hf_papers if p.keywords) == 184


def test_paper_listed_on_two_days_merges_with_latest_upvotes(hf_papers):
    copies = [p for p in hf_papers if p.arxiv_id == "2608.12313"]
    assert sorted(p.upvotes for p in copies) == [2, 27]
    [merged] = [p for p in merge_papers(hf_papers) if p.arxiv_id == "2608.12313"]
    assert merged.upvotes == 27
    assert Link("https://github.com/HBDYW/AVA-Encoder", "github", "githubRepo") in merged.links
    assert len(merged.sources) == 2


def _first_entry():
    return json.loads((HF / "2026-08-05.json").read_text(encoding="utf-8"))[0]


def test_single_bare_paper_object(tmp_path):
    f = tmp_path / "paper.json"
    f.write_text(json.dumps(_first_entry()["paper"], indent=1), encoding="utf-8")
    [p] = read_file(f)
    assert p.id == "arxiv:2607.28956" and p.upvotes == 67
    assert p.organization == ("alibabagroup", "alibaba")


def test_list_of_bare_papers_and_json_lines(tmp_path):
    entries = json.loads((HF / "2024-06-03.json").read_text(encoding="utf-8"))
    bare = [e["paper"] for e in entries]
    f = tmp_path / "papers.json"
    f.write_text(json.dumps(bare), encoding="utf-8")
    assert [p.arxiv_id for p in read_file(f)] == [e["paper"]["id"] for e in entries]
    g = tmp_path / "papers.jsonl"
    g.write_text("\n".join(json.dumps(b) for b in bare) + "\n", encoding="utf-8")
    papers = read_file(g)
    assert [p.sources[0].line for p in papers] == list(range(1, len(bare) + 1))
    assert reader_for(g, g.read_text(encoding="utf-8")) is hf_api


def test_missing_fields_are_normal(tmp_path):
    f = tmp_path / "min.json"
    f.write_text(json.dumps({"id": "2401.00001", "title": "A title", "summary": "S", "upvotes": 1,
                             "publishedAt": "2024-01-01T00:00:00.000Z"}), encoding="utf-8")
    [p] = read_file(f)
    assert (p.authors, p.author_count, p.links, p.organization) == ((), None, (), None)


def test_invalid_json_names_the_line(tmp_path):
    lines = (HF / "2024-06-03.json").read_text(encoding="utf-8").splitlines()
    lines[40] = lines[40] + " ,,"  # a syntax error on line 41
    f = tmp_path / "bad.json"
    f.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 41
    assert "invalid JSON" in exc.value.reason


def test_truncated_download_names_the_last_line(tmp_path):
    text = (HF / "2024-06-03.json").read_text(encoding="utf-8")
    cut = text[: text.index('"upvotes"', 5000)]
    f = tmp_path / "cut.json"
    f.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == cut.count("\n") + 1


def test_entry_without_arxiv_id_is_an_error(tmp_path):
    f = tmp_path / "noid.json"
    f.write_text(json.dumps([{"paper": {"title": "T", "summary": "S", "upvotes": 1,
                                        "publishedAt": "2024-01-01"}}], indent=1), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 2 and "arXiv id" in exc.value.reason
