"""Detection by content: every fixture file goes to the reader of its format and no other."""
from __future__ import annotations

import importlib
from pathlib import Path

import pytest

from kg.errors import UnknownFormatError
from kg.ingest import READERS, SNIFF_CHARS, decode, iter_input_files, reader_for

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
FIXTURES = SHARED / "fixtures"

# the format of every fixture kg reads; everything else under fixtures/ is no paper listing
EXPECTED = {
    "arxiv/arxiv_api_newformat_2026_ti_random.xml": "arxiv-atom",
    "arxiv/arxiv_api_newformat_2026_ti_rotation_random.xml": "arxiv-atom",
    "arxiv/arxiv_api_oldformat_2020_id_list_1601.00001.xml": "arxiv-atom",
    "arxiv/arxiv_api_oldformat_2025_cs.RO.xml": "arxiv-atom",
    "arxiv/arxiv_oaipmh_getrecord_arXiv_multi_hepcrawl.xml": "arxiv-oai",
    "arxiv/arxiv_oaipmh_listrecords_arXiv_hep-ex_2017.xml": "arxiv-oai",
    "arxiv/arxiv_oaipmh_listrecords_arXiv_hep-th_2017.xml": "arxiv-oai",
    "arxiv/kaggle_arxiv_metadata_oai_snapshot_slice.jsonl": "arxiv-snapshot",
    "bibtex/pmlr_v262_enlsp24.bib": "bibtex",
    "bibtex/pmlr_v286_uai2025.bib": "bibtex",
    "bibtex/zotero_bbt_export_arxiv_ml_2163.biblatex.bib": "bibtex",
    "openalex/openalex_author_A5023888391.json": "openalex",  # accepted, then refused by read()
    "openalex/openalex_topic_T11636.json": "openalex",
    "openalex/openalex_work_W2741809807.json": "openalex",
    "semantic_scholar/s2_graph_v1_author.json": "semantic-scholar",
    "semantic_scholar/s2_graph_v1_paper_batch_response.json": "semantic-scholar",
    "semantic_scholar/s2_graph_v1_paper_full_with_1000_citations.json": "semantic-scholar",
}
EXPECTED.update({f"hf_daily_papers/{p.name}": "hf-papers-api" for p in (FIXTURES / "hf_daily_papers").glob("*.json")})
NEW_READERS = ["kg.ingest.hf_api", "kg.ingest.semantic_scholar", "kg.ingest.openalex", "kg.ingest.arxiv_atom",
               "kg.ingest.arxiv_oai", "kg.ingest.arxiv_snapshot", "kg.ingest.bibtex"]


def _all_files():
    return [(f, f.relative_to(FIXTURES).as_posix()) for f in iter_input_files([FIXTURES])] + \
           [(f, f"seeds/{f.name}") for f in iter_input_files([SHARED / "seeds"])]


def test_registry_order():
    assert READERS[-1] == "kg.ingest.jsonl"
    assert set(NEW_READERS) <= set(READERS)
    assert READERS.index("kg.ingest.arxiv_snapshot") < READERS.index("kg.ingest.jsonl")


@pytest.mark.parametrize("path, rel", _all_files(), ids=[rel for _, rel in _all_files()])
def test_each_file_goes_to_its_reader(path, rel):
    text = decode(path, path.read_bytes())
    if rel.startswith("seeds/"):
        assert reader_for(path, text).FORMAT == "hf-daily-page"
    elif rel in EXPECTED:
        assert reader_for(path, text).FORMAT == EXPECTED[rel]
    else:
        # sci_ie, paperswithcode, the Zotero JSON library: no reader of ours claims them
        try:
            fmt = reader_for(path, text).FORMAT
        except UnknownFormatError:
            fmt = None
        assert fmt in (None, "jsonl"), rel
    # each new reader accepts exactly its own files
    head = text[:SNIFF_CHARS]
    for name in NEW_READERS:
        reader = importlib.import_module(name)
        assert reader.sniff(head) == (EXPECTED.get(rel) == reader.FORMAT), (name, rel)


def test_unknown_fixture_files_are_unknown():
    """The non-paper fixtures are not read as papers by any reader (not even jsonl)."""
    for rel in ("bibtex/zotero_bbt_library_arxiv_ml_2163.json", "paperswithcode/pwc_api_v1_paper_list_response.json",
                "sci_ie/scirex/scirex_train_sample10.jsonl", "sci_ie/scierc/scierc_test.dygie.jsonl"):
        path = FIXTURES / rel
        with pytest.raises(UnknownFormatError):
            reader_for(path, decode(path, path.read_bytes()))
