"""arXiv API Atom reader, on recorded responses in the old and the 2025+ serialisation."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import arxiv_atom, read_file
from kg.model import Link

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
ARXIV = FIXTURES / "arxiv"


@pytest.mark.parametrize("name, n_papers, n_authors", [
    ("arxiv_api_oldformat_2020_id_list_1601.00001.xml", 1, 2),
    ("arxiv_api_oldformat_2025_cs.RO.xml", 2, 10),
    ("arxiv_api_newformat_2026_ti_random.xml", 5, 12),
    ("arxiv_api_newformat_2026_ti_rotation_random.xml", 3, 5),
])
def test_counts(name, n_papers, n_authors):
    papers = read_file(ARXIV / name)
    assert len(papers) == n_papers
    assert sum(len(p.authors) for p in papers) == n_authors
    assert all(p.sources[0].format == "arxiv-atom" for p in papers)


def test_old_format_record():
    [p] = read_file(ARXIV / "arxiv_api_oldformat_2020_id_list_1601.00001.xml")
    assert p.id == "arxiv:1601.00001" and p.arxiv_id == "1601.00001"  # "v1" stripped
    assert p.title == "Inelastic effects in molecular transport junctions: The probe technique at high bias"
    assert p.abstract.startswith("We extend the Landauer-B\\\"uttiker probe formalism")  # TeX kept
    assert p.authors == ("Michael Kilgour", "Dvira Segal")
    assert p.date == "2015-12-26"
    assert p.doi == "10.1063/1.4944470"
    assert p.venue == "J. Chem. Phys. 144, 124107 (2016)"
    assert p.categories == ("cond-mat.mes-hall",)
    assert p.url == "https://arxiv.org/abs/1601.00001"
    assert p.sources[0].line == 10


def test_primary_category_first_and_comment_without_code():
    first, second = read_file(ARXIV / "arxiv_api_oldformat_2025_cs.RO.xml")
    assert first.id == "arxiv:2510.14968"
    assert first.title == "RDD: Retrieval-Based Demonstration Decomposer for Planner Alignment in Long-Horizon Tasks"
    assert first.categories == ("cs.RO", "cs.AI", "cs.CV", "cs.LG", "cs.SY", "eess.SY")
    assert first.links == ()  # "Project Website: rdd-neurips.github.io" is not a GitHub repository
    assert second.authors[-1] == "Martin Magnusson"
    assert second.sources[0].line == 56


def test_new_format_record():
    papers = read_file(ARXIV / "arxiv_api_newformat_2026_ti_rotation_random.xml")
    by_id = {p.id: p for p in papers}
    p = by_id["arxiv:1706.09868"]
    assert p.title == "Rotational random walk of the harmonic three body system"
    assert p.authors == ("Ori Katz-Saporta", "Efi Efrati")
    assert p.doi == "10.1103/PhysRevLett.122.024102"
    assert p.date == "2017-06-29"
    assert p.categories == ("nlin.CD",)
    assert by_id["arxiv:2412.12023"].title == "Rotating random trees with Skorokhod's $M_1$ topology"


FEED = """<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xmlns:arxiv="http://arxiv.org/schemas/atom">
  <id>https://arxiv.org/api/x</id>
  <entry>
    <id>http://arxiv.org/abs/hep-th/9901001v3</id>
    <published>1999-01-01T00:00:00Z</published>
    <title>Old style id</title>
    <summary>S</summary>
    <author><name>A B</name></author>
    <arxiv:comment>10 pages; code at https://github.com/owner/repo/tree/main and github.com/other/tool.</arxiv:comment>
  </entry>
</feed>
"""


def test_old_style_id_and_github_links_in_comments(tmp_path):
    f = tmp_path / "feed.xml"
    f.write_text(FEED, encoding="utf-8")
    [p] = read_file(f)
    assert p.id == "arxiv:hep-th/9901001"
    assert p.links == (Link("https://github.com/owner/repo", "github", "comments"),
                       Link("https://github.com/other/tool", "github", "comments"))


def test_api_error_feed_raises(tmp_path):
    f = tmp_path / "err.xml"
    f.write_text(FEED.replace("http://arxiv.org/abs/hep-th/9901001v3", "http://arxiv.org/api/errors#bad_id")
                 .replace("<summary>S</summary>", "<summary>incorrect id format for 1234</summary>"),
                 encoding="utf-8")
    with pytest.raises(InputError, match="incorrect id format"):
        read_file(f)


def test_truncated_xml_names_the_line(tmp_path):
    text = (ARXIV / "arxiv_api_oldformat_2025_cs.RO.xml").read_text(encoding="utf-8")
    cut = "\n".join(text.splitlines()[:60])
    f = tmp_path / "cut.xml"
    f.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 60
    assert "invalid XML" in exc.value.reason


def test_mismatched_tag_names_its_line(tmp_path):
    lines = (ARXIV / "arxiv_api_oldformat_2020_id_list_1601.00001.xml").read_text(encoding="utf-8").splitlines()
    assert lines[34].strip() == "<name>Michael Kilgour</name>"
    lines[34] = "      <name>Michael Kilgour</nam>"
    f = tmp_path / "bad.xml"
    f.write_text("\n".join(lines), encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 35


def test_sniff_rejects_other_atom_and_xml():
    assert not arxiv_atom.sniff('<feed xmlns="http://www.w3.org/2005/Atom"><id>tag:blog.example,2020</id>')
    assert not arxiv_atom.sniff((ARXIV / "arxiv_oaipmh_listrecords_arXiv_hep-th_2017.xml").read_text()[:65536])
