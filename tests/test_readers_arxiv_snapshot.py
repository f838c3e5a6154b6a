"""arXiv metadata snapshot (Kaggle JSON Lines) reader, on the first 200 lines of the snapshot."""
from __future__ import annotations

import json
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import arxiv_snapshot, jsonl, read_file, reader_for

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
SNAPSHOT = FIXTURES / "arxiv" / "kaggle_arxiv_metadata_oai_snapshot_slice.jsonl"


@pytest.fixture(scope="module")
def papers():
    return read_file(SNAPSHOT)


def test_wins_over_generic_jsonl():
    text = SNAPSHOT.read_text(encoding="utf-8")
    assert jsonl.sniff(text[:65536])  # the generic reader would take it...
    assert reader_for(SNAPSHOT, text) is arxiv_snapshot  # ...but the snapshot reader comes first


def test_counts(papers):
    assert len(papers) == 200
    assert papers[0].id == "arxiv:0704.0001" and papers[-1].id == "arxiv:0704.0200"
    assert sum(len(p.authors) for p in papers) == 537
    assert len({a for p in papers for a in p.authors}) == 510
    assert sum(1 for p in papers if p.doi) == 117
    assert sum(1 for p in papers if p.venue) == 109
    assert all(p.sources[0].format == "arxiv-snapshot" for p in papers)


def test_first_record(papers):
    p = papers[0]
    assert p.title == "Calculation of prompt diphoton production cross sections at Tevatron and LHC energies"
    # authors_parsed, not the TeX "authors" string (Bal\'azs); "C. -P." is the snapshot's spacing
    assert p.authors == ("C. Balázs", "E. L. Berger", "P. M. Nadolsky", "C.-P. Yuan")
    assert p.date == "2007-04-02"  # v1 "Mon, 2 Apr 2007 19:18:42 GMT", not update_date
    assert p.doi == "10.1103/PhysRevD.76.013009"
    assert p.venue == "Phys.Rev.D76:013009,2007"
    assert p.categories == ("hep-ph",)
    assert p.abstract.startswith("A fully differential calculation in perturbative quantum chromodynamics")
    assert p.sources[0].line == 1


def test_suffix_affiliation_and_two_dois(papers):
    by_id = {p.arxiv_id: p for p in papers}
    assert "Neal J. Evans II" in by_id["0704.0009"].authors
    # a fourth element of authors_parsed is an affiliation, not part of the name
    assert by_id["0704.0044"].authors[0] == "A. A. Schekochihin"
    assert by_id["0704.0033"].doi == "10.1364/JOSAA.23.002578"
    assert by_id["0704.0002"].categories == ("math.CO", "cs.CG")


def test_github_in_comments(tmp_path):
    rec = json.loads(SNAPSHOT.read_text(encoding="utf-8").splitlines()[1])
    rec["comments"] = "12 pages; code: https://github.com/streinu/pebble"
    f = tmp_path / "one.jsonl"
    f.write_text(json.dumps(rec) + "\n", encoding="utf-8")
    [p] = read_file(f)
    assert [(l.url, l.kind, l.provenance) for l in p.links] == [
        ("https://github.com/streinu/pebble", "github", "comments")]


def test_invalid_line_names_it(tmp_path):
    lines = SNAPSHOT.read_text(encoding="utf-8").splitlines()[:5]
    lines[3] = lines[3][:200]  # a line cut short
    f = tmp_path / "bad.jsonl"
    f.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 4 and "invalid JSON" in exc.value.reason
