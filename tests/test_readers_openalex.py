"""OpenAlex reader: a recorded work, and author/topic entities that are not paper listings."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import openalex, read_file, read_paths

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
OA = FIXTURES / "openalex"
WORK = OA / "openalex_work_W2741809807.json"


def test_work():
    [p] = read_file(WORK)
    assert p.id == "doi:10.7717/peerj.4375" and p.doi == "10.7717/peerj.4375"
    assert p.arxiv_id is None
    assert p.title == ("The state of OA: a large-scale analysis of the prevalence and impact of "
                       "Open Access articles")
    assert p.authors == ("Heather Piwowar", "Jason Priem", "Vincent Larivière", "Juan Pablo Alperín",
                         "Lisa Matthias", "Bree Norlander", "Ashley Farley", "Jevin D. West",
                         "Stefanie Haustein")
    assert p.organization == ("I4210166736", "Impact Technology Development (United States)")
    assert p.date == "2018-02-13"
    assert p.venue == "PeerJ"
    assert p.url == "https://doi.org/10.7717/peerj.4375"
    assert p.keywords == ("Scholarly Communication", "Web of science", "Open Science", "Citation analysis")
    assert p.categories[0] == "scientometrics and bibliometrics research"
    assert p.sources[0].format == "openalex"


def test_abstract_rebuilt_from_inverted_index():
    [p] = read_file(WORK)
    index = json.loads(WORK.read_text(encoding="utf-8"))["abstract_inverted_index"]
    words = p.abstract.split()
    assert len(words) == sum(len(v) for v in index.values()) == 258
    assert p.abstract.startswith("Despite growing interest in Open Access (OA) to scholarly literature, "
                                 "there is an unmet need for large-scale, up-to-date, and reproducible studies")
    for word, positions in index.items():
        assert all(words[i] == word for i in positions)


@pytest.mark.parametrize("name, kind", [("openalex_author_A5023888391.json", "author"),
                                        ("openalex_topic_T11636.json", "topic")])
def test_entities_are_not_paper_listings(name, kind):
    with pytest.raises(InputError) as exc:
        read_file(OA / name)
    assert f"OpenAlex {kind} record" in exc.value.reason and "not a paper listing" in exc.value.reason
    assert exc.value.line == 1


def test_directory_read_reports_entities_as_problems():
    papers, problems = read_paths([OA], skip_bad=True)
    assert [p.id for p in papers] == ["doi:10.7717/peerj.4375"]
    assert sorted(Path(e.path).name for e in problems) == ["openalex_author_A5023888391.json",
                                                           "openalex_topic_T11636.json"]


def test_results_page_and_arxiv_location(tmp_path):
    work = json.loads(WORK.read_text(encoding="utf-8"))
    preprint = {"id": "https://openalex.org/W1", "title": "A preprint", "doi": None,
                "locations": [{"landing_page_url": "https://arxiv.org/abs/2405.21060v2"}],
                "authorships": [{"author": {"display_name": "Tri Dao"}, "institutions": []}],
                "abstract_inverted_index": None}
    f = tmp_path / "page.json"
    f.write_text(json.dumps({"meta": {"count": 2}, "results": [work, preprint]}, indent=1), encoding="utf-8")
    first, second = read_file(f)
    assert first.id == "doi:10.7717/peerj.4375"
    assert second.id == "arxiv:2405.21060" and second.authors == ("Tri Dao",)
    assert second.abstract == "" and second.organization is None
    assert first.sources[0].line < second.sources[0].line


def test_invalid_json_names_the_line(tmp_path):
    cut = json.dumps(json.loads(WORK.read_text(encoding="utf-8")), indent=1)[:3000]
    f = tmp_path / "cut.json"
    f.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == cut.count("\n") + 1  # the string cut short is on the last line


def test_rebuild_abstract_ignores_junk():
    assert openalex.rebuild_abstract(None) == ""
    assert openalex.rebuild_abstract({"b": [1], "a": [0], "x": ["?"]}) == "a b"


def test_sniff():
    assert openalex.sniff(WORK.read_text(encoding="utf-8")[:65536])
    assert not openalex.sniff((FIXTURES / "semantic_scholar" / "s2_graph_v1_author.json").read_text()[:65536])
