"""arXiv OAI-PMH (metadataPrefix=arXiv) reader, on recorded ListRecords/GetRecord responses."""
from __future__ import annotations

from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import arxiv_oai, read_file

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
ARXIV = FIXTURES / "arxiv"


@pytest.mark.parametrize("name, n_papers, n_authors", [
    ("arxiv_oaipmh_listrecords_arXiv_hep-th_2017.xml", 3, 8),
    ("arxiv_oaipmh_listrecords_arXiv_hep-ex_2017.xml", 3, 21),
    ("arxiv_oaipmh_getrecord_arXiv_multi_hepcrawl.xml", 12, 44),
])
def test_counts(name, n_papers, n_authors):
    papers = read_file(ARXIV / name)
    assert len(papers) == n_papers
    assert sum(len(p.authors) for p in papers) == n_authors
    assert all(p.sources[0].format == "arxiv-oai" and p.id == f"arxiv:{p.arxiv_id}" for p in papers)


def test_keyname_forenames_and_fields():
    papers = {p.id: p for p in read_file(ARXIV / "arxiv_oaipmh_listrecords_arXiv_hep-th_2017.xml")}
    p = papers["arxiv:1507.07790"]
    assert p.authors == ("Luis B. Castro", "Edilberto O. Silva")
    assert p.title == "Relativistic quantum dynamics of vector bosons in an Aharonov-Bohm potential"
    assert p.abstract.startswith("The Aharonov-Bohm (AB) problem for vector bosons")
    assert p.date == "2015-07-28"  # <created>, not <updated>
    assert p.doi == "10.1088/1751-8121/aa9c53"
    assert p.venue == "J. Phys. A: Math. Theor. 51 (2018) 035201"
    assert p.categories == ("hep-th", "math-ph", "math.MP", "quant-ph")
    assert p.sources[0].line == 46  # its <record>
    hoehn = papers["arxiv:1412.8323"]
    assert hoehn.authors == ("Philipp A Hoehn",)
    assert hoehn.venue is None and hoehn.doi is None


def test_record_without_namespace_and_odd_authors():
    papers = {p.id: p for p in read_file(ARXIV / "arxiv_oaipmh_getrecord_arXiv_multi_hepcrawl.xml")}
    # the first <arXiv> has its xmlns stripped: still read
    first = papers["arxiv:1601.03238"]
    assert first.authors == ("Planck Collaboration", "Jieci Wang", "Zehua Tian", "Jiliang Jing", "Heng Fan")
    assert first.title == "Irreversible degradation of quantum coherence under relativistic motion"
    # <keyname>:</keyname> is no name; two <keyname>s in one author are joined
    na61 = papers["arxiv:1808.04927"]
    assert ":" not in na61.authors and len(na61.authors) == 8
    assert papers["arxiv:1606.07066"].authors[0] == "Curtis J. Saxton Walton"
    assert papers["arxiv:1603.00997"].venue == "PoS(CD15) (2015) 045"


OAI = """<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/">
<request verb="ListRecords" metadataPrefix="arXiv">http://export.arxiv.org/oai2</request>
{body}
</OAI-PMH>
"""
RECORD = """<ListRecords>
<record><header status="deleted"><identifier>oai:arXiv.org:0901.0001</identifier></header></record>
<record><header><identifier>oai:arXiv.org:2101.00002</identifier></header>
<metadata><arXiv xmlns="http://arxiv.org/OAI/arXiv/"><id>2101.00002</id><created>2021-01-01</created>
<authors><author><keyname>Doe</keyname><forenames>Jane</forenames><suffix>Jr</suffix></author></authors>
<title>T</title><categories>cs.LG</categories>
<comments>Code: https://github.com/jane/doe-code</comments><doi>10.1/a 10.1/b</doi><abstract>A</abstract>
</arXiv></metadata></record>
</ListRecords>"""


def test_deleted_records_suffix_multiple_dois_and_code_links(tmp_path):
    f = tmp_path / "oai.xml"
    f.write_text(OAI.format(body=RECORD), encoding="utf-8")
    [p] = read_file(f)
    assert p.authors == ("Jane Doe Jr",)
    assert p.doi == "10.1/a"
    assert [(l.url, l.kind, l.provenance) for l in p.links] == [
        ("https://github.com/jane/doe-code", "github", "comments")]
    assert p.sources[0].line == 6


def test_no_records_match_is_empty_and_other_errors_raise(tmp_path):
    f = tmp_path / "none.xml"
    f.write_text(OAI.format(body='<error code="noRecordsMatch">nothing</error>'), encoding="utf-8")
    assert read_file(f) == []
    g = tmp_path / "bad.xml"
    g.write_text(OAI.format(body='<error code="badResumptionToken">expired</error>'), encoding="utf-8")
    with pytest.raises(InputError, match="badResumptionToken"):
        read_file(g)


def test_truncated_xml_names_the_line(tmp_path):
    text = (ARXIV / "arxiv_oaipmh_listrecords_arXiv_hep-ex_2017.xml").read_text(encoding="utf-8")
    cut = "\n".join(text.splitlines()[:30])
    f = tmp_path / "cut.xml"
    f.write_text(cut, encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 30


def test_sniff():
    assert arxiv_oai.sniff((ARXIV / "arxiv_oaipmh_getrecord_arXiv_multi_hepcrawl.xml").read_text()[:65536])
    assert not arxiv_oai.sniff('<OAI-PMH><request metadataPrefix="oai_dc"/><oai_dc:dc>')
    assert not arxiv_oai.sniff((ARXIV / "arxiv_api_oldformat_2025_cs.RO.xml").read_text())
