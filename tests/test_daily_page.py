"""The saved Daily Papers page reader, on the real seed pages and on small pages of our own."""
from __future__ import annotations

import pytest

from conftest import SEEDS
from kg.errors import InputError
from kg.ingest import read_file, read_paths, reader_for
from kg.ingest import daily_page
from kg.ingest.merge import merge_papers

PAGE = """new

Daily Papers

byAK and the research community

Dec 9

FooNet: A Title

We propose FooNet. Code: https://github.com/a/foonet.

  • 4 authors
·
Jul 3

Second Paper About Things

An abstract that is long enough to read as an abstract of a paper about things.

tencent Tencent
·
Jun 3, 2023 1

Third Without Metadata

Its abstract.
"""


@pytest.fixture(scope="module")
def seed_entries():
    papers, problems = read_paths([SEEDS])
    assert problems == []
    return papers


def test_seed_pages_have_453_entries_and_343_papers(seed_entries):
    assert len(seed_entries) == 453
    assert len(merge_papers(seed_entries)) == 343


def test_every_seed_entry_has_title_and_abstract(seed_entries):
    assert all(p.title and p.abstract for p in seed_entries)
    assert all(len(p.title) < 250 for p in seed_entries)


def test_x_node_entry_fields(seed_entries):
    (x,) = [p for p in merge_papers(seed_entries) if p.title.startswith("X-Node")]
    assert x.date == "2025-08-14"
    assert x.upvotes == 2
    assert x.author_count == 2
    assert "https://github.com/basiralab/X-Node" in x.abstract
    assert x.sources[0].format == "hf-daily-page"


def test_organisation_entry(seed_entries):
    orgs = {p.organization for p in seed_entries if p.organization}
    assert ("tencent", "Tencent") in orgs
    assert ("kaist-ai", "KAIST AI") in orgs


def test_paper_listed_on_several_pages_keeps_every_source(seed_entries):
    merged = merge_papers(seed_entries)
    multi = [p for p in merged if len({s.path for s in p.sources}) > 1]
    assert multi, "some papers appear on more than one seed page"
    assert sum(len(p.sources) for p in merged) == 453


def test_year_is_one_more_than_latest_explicit_year(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE)
    papers = read_file(f)
    assert [p.title for p in papers] == ["FooNet: A Title", "Second Paper About Things", "Third Without Metadata"]
    assert papers[0].date == "2024-07-03"  # latest explicit year 2023 -> page year 2024
    assert papers[0].author_count == 4 and papers[0].upvotes is None
    assert papers[1].date == "2023-06-03" and papers[1].upvotes == 1
    assert papers[1].organization == ("tencent", "Tencent")
    assert papers[2].date is None and papers[2].abstract == "Its abstract."
    assert papers[0].sources[0].line == 9


def test_year_option_overrides_inference(tmp_path):
    f = tmp_path / "page.txt"
    f.write_text(PAGE)
    papers = read_file(f, year=2030)
    assert papers[0].date == "2030-07-03"
    assert papers[1].date == "2023-06-03"  # an explicit year stays


def test_format_is_detected_from_content_not_extension(tmp_path):
    f = tmp_path / "listing.data"
    f.write_text(PAGE)
    assert reader_for(f, PAGE) is daily_page
    assert len(read_file(f)) == 3


def test_metadata_without_title_names_the_line(tmp_path):
    f = tmp_path / "bad.txt"
    f.write_text("Daily Papers\n\nbyAK and the research community\n\n  • 3 authors\n·\nJul 3\n")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 5
    assert str(exc.value).startswith(f"{f}:5:")


@pytest.mark.parametrize("line, parsed", [
    ("Aug 14 2", (None, 8, 14, 2)),
    ("Oct 17, 2023", (2023, 10, 17, None)),
    ("Jun 3, 2023 1", (2023, 6, 3, 1)),
    ("Dec 9", (None, 12, 9, None)),
    ("Decimal 9", None),
    ("Aug 14 2 3", None),
])
def test_parse_date_line(line, parsed):
    assert daily_page.parse_date_line(line) == parsed
