"""Resolution from per-paper summaries, as a large build does it: the same entities and
links as resolving the extractions, and a lean build (mentions let go where they are
extracted, in workers, through the cache) gives the graph of a build that keeps them."""
from __future__ import annotations

import hashlib
import pickle
import random

import pytest

from conftest import SEEDS

from kg.build import run_build
from kg.extract import extract_papers, make_nlp
from kg.ingest import read_paths
from kg.ingest.merge import merge_papers
from kg.model import Paper
from kg.resolve import resolve, resolve_summaries, share_strings, summarise

PAGES = sorted(SEEDS.glob("*.txt"))


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


@pytest.fixture(scope="module")
def seed_extractions(nlp):
    papers, _ = read_paths([str(p) for p in PAGES])
    return extract_papers(merge_papers(papers), nlp=nlp)


def _entities(res):
    return {k: (e.type, e.label, sorted(e.aliases), sorted(e.papers), sorted(e.proposed_by), e.merges)
            for k, e in res.entities.items()}


def test_summaries_resolve_to_the_entities_and_links_of_the_extractions(seed_extractions):
    full = resolve(seed_extractions)
    assert len(full.entities) > 500 and len(full.links) > 2000  # the seeds are not a toy case
    summaries = [summarise(ex) for ex in seed_extractions]
    random.Random(3).shuffle(summaries)
    lean = resolve_summaries(iter(summaries))
    assert _entities(lean) == _entities(full)
    assert lean.links == full.links
    assert [(l.paper_id, l.entity_key) for l in full.links] == sorted((l.paper_id, l.entity_key) for l in full.links)


def test_summaries_from_other_processes_share_their_names_again(seed_extractions):
    pool: dict = {}
    # pickling (as from a worker) gives every summary its own copies of the names
    copies = [pickle.loads(pickle.dumps(summarise(ex))) for ex in seed_extractions]
    shared = [share_strings(s, pool) for s in copies]
    assert shared == copies
    names: dict[str, int] = {}
    for s in shared:
        for e in s.entities:
            for f in e.forms:
                assert names.setdefault(f, id(f)) == id(f)
    assert resolve_summaries(shared).links == resolve(seed_extractions).links


def test_two_groups_of_one_paper_in_one_entity_make_one_link(nlp):
    # p1 writes the acronym and the long form apart (two groups in the paper); p0's
    # definition joins them: one link citing the first mention, counting both
    papers = [Paper("p0", "T0", "We fine-tune with Group Relative Policy Optimization (GRPO) on puzzles."),
              Paper("p1", "T1", "We compare with GRPO on MATH. Unlike Group Relative Policy Optimization, "
                                "our method is fast.")]
    exs = extract_papers(papers, nlp=nlp)
    res = resolve_summaries(summarise(ex) for ex in exs)
    (link,) = [l for l in res.links if l.paper_id == "p1" and l.entity_key == "method:grpo"]
    text = papers[1].title + "\n\n" + papers[1].abstract
    assert link.count == 2
    assert (link.surface, link.sentence) == ("GRPO", "We compare with GRPO on MATH.")
    assert text[link.start:link.end] == "GRPO"
    # the highest confidence of the two groups' mentions
    both = {"GRPO", "Group Relative Policy Optimization"}
    assert link.confidence == round(max(m.confidence for m in exs[1].mentions if m.text in both), 3)


def _hashes(d, names=("kg.json", "kg.nt")):
    return {f: hashlib.sha256((d / f).read_bytes()).hexdigest() for f in names}


def test_lean_builds_in_workers_and_from_the_cache_give_the_full_build(tmp_path):
    inputs = [str(p) for p in PAGES]
    full = run_build(inputs, tmp_path / "full", ("nt",), use_cache=False)
    lean_dir = tmp_path / "lean"
    # the seeds hold more papers than one worker task: two workers each summarise theirs
    lean = run_build(inputs, lean_dir, ("nt",), jobs=2, keep_extractions=False)
    assert lean.extracted == len(lean.papers) > 250
    assert _hashes(lean_dir) == _hashes(tmp_path / "full")
    again = run_build(inputs, lean_dir, ("nt",), jobs=2, keep_extractions=False)
    assert again.extracted == 0 and again.cached == len(full.papers)  # all from the cache
    assert _hashes(lean_dir) == _hashes(tmp_path / "full")
    assert again.summary() == {**full.summary(), "extracted": 0, "cached": len(full.papers)}


def test_paper_records_convert_as_dataclasses_asdict_does():
    import dataclasses

    from conftest import FIXTURES

    papers, _ = read_paths([str(SEEDS), *(str(FIXTURES / d) for d in ("hf_daily_papers", "arxiv", "bibtex",
                                                                        "semantic_scholar", "openalex"))],
                           skip_bad=True)
    assert len(papers) > 400
    # every field kind occurs: links, sources, organisation, field sources of merged records
    merged = merge_papers(papers)
    assert any(p.links for p in papers) and any(p.organization for p in papers)
    assert any(p.field_sources for p in merged)
    for p in papers + merged:
        d = p.to_dict()
        assert d == dataclasses.asdict(p)
        assert [type(v) for v in d.values()] == [type(v) for v in dataclasses.asdict(p).values()]
        assert Paper.from_dict(d) == p


def test_lean_build_of_two_papers_with_one_text_gives_the_full_build(tmp_path):
    import json

    text = {"title": "FlowRank: Ranking Papers by Flow",
            "abstract": "We propose FlowRank, evaluated on GSM8K. Code: https://github.com/someone/flowrank"}
    data = tmp_path / "twins.jsonl"
    data.write_text("".join(json.dumps({"id": i, **text}) + "\n" for i in ("arxiv:2401.00001", "arxiv:2401.00002"))
                    + json.dumps({"id": "other", "title": "Another paper", "abstract": "We use GRPO."}) + "\n",
                    encoding="utf-8")
    full = run_build([str(data)], tmp_path / "full", ("nt",), use_cache=False)
    # two arXiv ids: two papers, whatever their text
    assert {p.id for p in full.papers} == {"arxiv:2401.00001", "arxiv:2401.00002", "other"}
    for jobs in (1, 2):
        out = tmp_path / f"lean{jobs}"
        lean = run_build([str(data)], out, ("nt",), jobs=jobs, keep_extractions=False)
        # the twins' extraction is stored once and serves both (their ids differ)
        assert lean.extracted == 3
        assert _hashes(out) == _hashes(tmp_path / "full")
        again = run_build([str(data)], out, ("nt",), jobs=jobs, keep_extractions=False)
        assert again.extracted == 0 and _hashes(out) == _hashes(tmp_path / "full")
    g = full.graph
    for twin in ("paper:arxiv:2401.00001", "paper:arxiv:2401.00002"):
        assert {v for _, v, r in g.out_edges(twin, keys=True) if r == "has_code"} == {"repo:github.com/someone/flowrank"}
