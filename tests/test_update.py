"""`kg build --update`: adding inputs to a build gives the graph a full rebuild gives, and
unchanged papers come from the extraction cache instead of the extractor."""
from __future__ import annotations

import hashlib
import json
import sqlite3

import pytest

from conftest import SEEDS

import kg.build as kgbuild
from kg.build import load_build_papers, run_build
from kg.cache import ExtractionCache, decode_extraction, encode_extraction, extractor_version
from kg.errors import BuildError
from kg.ingest import read_paths
from kg.model import Paper

PAGES = sorted(SEEDS.glob("*.txt"))
FORMATS = ("nt", "graphml")
FILES = ("kg.json", "kg.nt", "kg.graphml", "papers.jsonl")


def _hashes(d):
    return {f: hashlib.sha256((d / f).read_bytes()).hexdigest() for f in FILES}


@pytest.fixture
def extractor_calls(monkeypatch):
    """Every paper handed to the extractor during the test."""
    calls: list = []
    real = kgbuild._extract

    def spy(papers, jobs, progress=None, **options):
        calls.extend(p.id for p in papers)
        return real(papers, jobs, progress, **options)

    monkeypatch.setattr(kgbuild, "_extract", spy)
    return calls


@pytest.fixture(scope="module")
def full(tmp_path_factory):
    out = tmp_path_factory.mktemp("full")
    result = run_build([str(p) for p in PAGES], out, FORMATS)
    return out, result


def test_update_gives_the_graph_of_a_full_rebuild(tmp_path, full, extractor_calls):
    full_dir, full_result = full
    inc = tmp_path / "inc"
    first = run_build([str(p) for p in PAGES[:3]], inc, FORMATS)
    n_first = len(extractor_calls)
    assert n_first == len(first.papers)
    result = run_build([str(p) for p in PAGES[3:]], inc, update=True)
    assert _hashes(inc) == _hashes(full_dir)
    assert result.summary() == {**full_result.summary(), "extracted": result.extracted, "cached": result.cached}
    # only papers whose text the first build did not extract went to the extractor
    first_texts = {(p.title, p.abstract) for p in first.papers}
    new = [p for p in result.papers if (p.title, p.abstract) not in first_texts]
    assert sorted(extractor_calls[n_first:]) == sorted(p.id for p in new)
    assert result.extracted == len(new) and result.cached == len(result.papers) - len(new)
    # the formats and options of the build were kept
    assert json.loads((inc / "build.json").read_text())["formats"] == ["json", *FORMATS]


def test_rebuilding_unchanged_inputs_extracts_nothing(tmp_path, extractor_calls):
    out = tmp_path / "out"
    run_build([str(PAGES[0])], out, ("nt",))
    before = _hashes_of(out, ("kg.json", "kg.nt"))
    n = len(extractor_calls)
    again = run_build([str(PAGES[0])], out, ("nt",))
    assert len(extractor_calls) == n and again.extracted == 0 and again.cached == len(again.papers)
    assert _hashes_of(out, ("kg.json", "kg.nt")) == before
    # an update with no new input rebuilds from the recorded papers and the cache alone
    same = run_build([], out, update=True)
    assert len(extractor_calls) == n and _hashes_of(out, ("kg.json", "kg.nt")) == before
    assert len(same.papers) == len(again.papers)


def _hashes_of(d, names):
    return {f: hashlib.sha256((d / f).read_bytes()).hexdigest() for f in names}


def test_an_input_given_again_replaces_its_records(tmp_path):
    data = tmp_path / "a.jsonl"
    rec = {"id": "u1", "title": "FlowRank: Ranking Papers by Flow", "abstract": "We propose FlowRank."}
    data.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    out = tmp_path / "out"
    run_build([str(data)], out, ("nt",))
    rec2 = {"id": "u2", "title": "Second Paper on Graphs", "abstract": "We study GraphSAGE."}
    data.write_text(json.dumps({**rec, "abstract": "We propose FlowRank v2."}) + "\n" + json.dumps(rec2) + "\n",
                    encoding="utf-8")
    updated = run_build([str(data)], out, update=True)
    fresh = run_build([str(data)], tmp_path / "fresh", ("nt",))
    assert _hashes_of(out, ("kg.json", "kg.nt", "papers.jsonl")) == _hashes_of(
        tmp_path / "fresh", ("kg.json", "kg.nt", "papers.jsonl"))
    assert sorted(p.id for p in updated.papers) == ["u1", "u2"] == sorted(p.id for p in fresh.papers)


def test_update_of_a_directory_without_a_build_is_an_error(tmp_path):
    with pytest.raises(BuildError, match="not a kg build directory"):
        run_build([str(PAGES[0])], tmp_path, update=True)
    (tmp_path / "papers.jsonl").write_text('{"id": "x", "title": "T"}\n{not json\n', encoding="utf-8")
    with pytest.raises(BuildError, match=r"papers.jsonl:2: unreadable record"):
        run_build([], tmp_path, update=True)


def test_papers_jsonl_records_every_input_record(full):
    out, _ = full
    records = load_build_papers(out)
    read, _ = read_paths([str(p) for p in PAGES])
    assert sorted(records, key=kgbuild._source_key) == sorted(read, key=kgbuild._source_key)
    assert all(Paper.from_dict(p.to_dict()) == p for p in read)


def test_cache_entries_round_trip_and_follow_the_extractor_version(full, tmp_path):
    _, result = full
    for ex in result.extractions:
        assert decode_extraction(encode_extraction(ex), ex.paper_id) == ex
    cache = ExtractionCache(tmp_path / "c")
    cache.put({"k": result.extractions[0]})
    assert list(cache.get(["k"], ["other"])) == ["k"]
    stale = ExtractionCache(tmp_path / "c", version="another-extractor")
    assert stale.get(["k"], ["x"]) == {}  # a new extractor version sees no entry
    assert stale.prune() == 1 and len(cache) == 0
    assert len(extractor_version()) == 16


def test_an_unreadable_cache_is_ignored(tmp_path, extractor_calls):
    out = tmp_path / "out"
    run_build([str(PAGES[0])], out, ("nt",))
    db = out / ".kg-cache" / "extractions.sqlite"
    db.write_bytes(b"this is not a database" * 100)
    n = len(extractor_calls)
    result = run_build([str(PAGES[0])], out, ("nt",))
    assert len(extractor_calls) - n == len(result.papers)  # extracted again, no error
    again = run_build([str(PAGES[0])], out, ("nt",))  # and the cache works again
    assert len(extractor_calls) - n == len(result.papers) and again.extracted == 0


def test_cache_database_stays_consistent(full):
    out, result = full
    con = sqlite3.connect(out / ".kg-cache" / "extractions.sqlite")
    assert con.execute("PRAGMA integrity_check").fetchone() == ("ok",)
    (n,) = con.execute("SELECT count(*) FROM extraction").fetchone()
    assert n == len({(p.title, p.abstract) for p in result.papers})


def test_letting_mentions_go_early_gives_the_same_graph(full):
    from kg.export.nodelink import iter_nodelink

    _, result = full
    lean = run_build([str(p) for p in PAGES], keep_extractions=False)  # what the CLI does
    assert lean.extractions == [] and lean.resolution.entities == {}
    assert "".join(iter_nodelink(lean.graph)) == "".join(iter_nodelink(result.graph))
