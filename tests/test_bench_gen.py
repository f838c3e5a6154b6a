"""The benchmark corpus generator: deterministic, readable by kg, names that keep coming,
no seed abstract copied."""
from __future__ import annotations

import importlib.util
import json
import re

import pytest

from conftest import REPO, SEEDS

from kg.ingest import read_paths
from kg.textnorm import title_key


@pytest.fixture(scope="module")
def gen():
    spec = importlib.util.spec_from_file_location("gen_corpus", REPO / "bench" / "gen_corpus.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="module")
def pools(gen):
    return gen.load_sentences(SEEDS)


def _records(gen, pools, n, seed=0):
    g = gen.Generator(seed, pools)
    return [g.paper() for _ in range(n)]


def test_same_seed_same_corpus_other_seed_other_corpus(gen, pools):
    a, b = _records(gen, pools, 300), _records(gen, pools, 300)
    assert a == b
    assert _records(gen, pools, 300, seed=1) != a
    assert list(gen.generate(5, seeds_dir=None)) == list(gen.generate(5, seeds_dir=None))


def test_records_are_kg_input_with_distinct_ids_and_titles(gen, pools, tmp_path):
    recs = _records(gen, pools, 2000)
    assert all(sorted(r) == ["abstract", "authors", "date", "id", "title"] for r in recs)
    assert len({r["id"] for r in recs}) == 2000
    assert len({title_key(r["title"]) for r in recs}) == 2000  # kg would merge equal titles
    assert all(len(set(r["authors"])) == len(r["authors"]) >= 1 for r in recs)
    paths = gen.write_jsonl(recs, tmp_path / "c", shard_size=700)
    assert [p.name for p in paths] == ["papers-0000.jsonl", "papers-0001.jsonl", "papers-0002.jsonl"]
    papers, problems = read_paths([tmp_path / "c"])
    assert problems == [] and len(papers) == 2000
    assert {p.id for p in papers} == {r["id"] for r in recs}
    assert [json.loads(l)["id"] for l in paths[2].read_text().splitlines()] == [r["id"] for r in recs[1400:]]


def test_pages_read_back_as_the_same_papers(gen, pools, tmp_path):
    recs = _records(gen, pools, 250)
    paths = gen.write_pages(recs, tmp_path / "pages", per_page=100)
    assert len(paths) == 3
    papers, problems = read_paths([tmp_path / "pages"])
    assert problems == []
    assert [(p.title, p.abstract, p.author_count, p.date) for p in papers] == [
        (r["title"], r["abstract"], len(r["authors"]), r["date"]) for r in recs]


def _names(recs):
    """The names each paper proposes (the title's "NAME:" prefix) and the benchmarks it builds."""
    methods = {r["title"].split(": ", 1)[0] for r in recs}
    benches = set()
    for r in recs:
        benches.update(re.findall(r"(?:construct|release the) (\S+?),? (?:a new benchmark|dataset)", r["abstract"]))
    return methods, benches


def test_entity_names_grow_with_the_corpus(gen, pools):
    recs = _records(gen, pools, 4000)
    m1, b1 = _names(recs[:1000])
    m4, b4 = _names(recs)
    assert len(m1) == 1000 and len(m4) == 4000  # every paper proposes a new name
    assert 3 * len(b1) < len(b4) < 5 * len(b1)  # new benchmarks keep coming
    # earlier names are reused, the often used ones more: a long tail
    used = {}
    for r in recs[1000:]:
        for name in m1:
            if name in r["abstract"] and not r["title"].startswith(name + ":"):
                used[name] = used.get(name, 0) + 1
    counts = sorted(used.values(), reverse=True)
    assert len(counts) > 50 and counts[0] >= 5 * counts[len(counts) // 2]


def test_no_seed_abstract_is_copied(gen, pools):
    seeds, _ = read_paths([SEEDS])
    seed_abstracts = {p.abstract for p in seeds}
    recs = _records(gen, pools, 1000)
    assert not any(r["abstract"] in seed_abstracts for r in recs)
    assert not any(a in r["abstract"] for r in recs[:200] for a in seed_abstracts if len(a) > 200)


def test_templates_alone_work_without_seed_pages(gen, tmp_path):
    recs = list(gen.generate(50, seeds_dir=None))
    assert len({r["title"] for r in recs}) == 50
    assert all(r["abstract"].endswith((".", "/")) for r in recs)
    assert gen.main(["-n", "120", "-o", str(tmp_path / "c"), "--seeds", "none", "--pages", "--per-page", "50"]) == 0
    assert len(read_paths([tmp_path / "c"])[0]) == 240  # 120 in JSON Lines and again in 3 pages
