"""BibTeX/BibLaTeX reader, on two PMLR volumes and a Zotero Better-BibTeX export."""
from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from kg.errors import InputError
from kg.ingest import bibtex, read_file
from kg.ingest.merge import merge_papers
from kg.model import Link

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures"
BIB = FIXTURES / "bibtex"
UAI = BIB / "pmlr_v286_uai2025.bib"
ENLSP = BIB / "pmlr_v262_enlsp24.bib"
ZOTERO = BIB / "zotero_bbt_export_arxiv_ml_2163.biblatex.bib"


@pytest.fixture(scope="module")
def uai():
    return read_file(UAI)


def test_uai_counts_skip_the_proceedings_record(uai):
    assert len(uai) == 229  # 230 entries, the @Proceedings header is the venue
    assert all(p.sources[0].format == "bibtex" for p in uai)
    assert sum(1 for p in uai if p.abstract) == 229
    assert sum(len(p.authors) for p in uai) == 864
    assert not any(p.title.startswith("Proceedings of") for p in uai)
    kinds = Counter((l.kind, l.provenance) for p in uai for l in p.links)
    # 107 software fields: 103 GitHub repositories, 3 Zenodo records and 1 GitLab instance
    assert kinds == {("github", "software"): 103, ("other", "software"): 4}


def test_uai_known_records(uai):
    by_title = {p.title: p for p in uai}
    p = by_title["Aggregating Data for Optimal Learning"]
    assert p.authors == ("Sushant Agarwal", "Yukti Makhija", "Rishi Saket", "Aravindan Raghuveer")
    assert p.links == (Link("https://github.com/google-deepmind/agg_data_uai25", "github", "software"),)
    assert p.venue == "Proceedings of the Forty-first Conference on Uncertainty in Artificial Intelligence"
    assert p.date == "2025-07-11"  # the volume's published date
    assert p.sources[0].line == 15
    assert p.abstract.endswith("such as k-means. We also show that our bagging mechanisms can be made "
                               "label-differentially private, incurring an additional utility error. We then "
                               "generalize our results to the setting of Generalized Linear Models (GLMs). "
                               "Finally, we experimentally validate our theoretical results.")
    assert "$" not in p.abstract
    aguas = by_title["Causal Inference amid Missingness-Specific Independences and Mechanism Shifts"]
    assert aguas.authors[0] == "Johan de Aguas"  # von part kept
    akgul = next(p for p in uai if p.title.startswith("Conformal Prediction for Federated Graph"))
    assert akgul.authors[0] == "Ömer Faruk Akgül"  # Akg\"{u}l, \"{O}mer
    assert "reduces CP set sizes by 15.4%, with the VAE-based reconstruction providing an additional 4.9%" \
        in akgul.abstract
    conformal = [l for p in uai for l in p.links if "ConformalAmp" in l.url]
    assert conformal == [Link("https://github.com/SPOC-group/ConformalAmp.jl", "github", "software")]


def test_href_in_abstract_keeps_its_url(uai):
    p = next(p for p in uai if "aamixsh/odd" in p.abstract)
    assert "available on GitHub (https://github.com/aamixsh/odd)." in p.abstract


def test_enlsp_workshop():
    papers = read_file(ENLSP)
    assert len(papers) == 46
    assert sum(len(p.authors) for p in papers) == 238
    q = next(p for p in papers if "QuAILoRA" in p.title)
    assert q.title == "QuAILoRA: Quantization-Aware Initialization for LoRA"
    assert q.authors[0] == "Neal G Lawton" and "Greg Ver Steeg" in q.authors
    assert q.sources[0].line == 34
    assert {p.venue for p in papers} == {
        "Proceedings of The 4th NeurIPS Efficient Natural Language and Speech Processing Workshop"}
    assert all(p.arxiv_id is None and p.doi is None for p in papers)


def test_zotero_biblatex_export():
    papers = read_file(ZOTERO)
    assert len(papers) == 12
    assert sum(1 for p in papers if p.arxiv_id) == 5
    he = papers[0]
    assert he.id == "arxiv:1502.01852"
    assert he.title == "Delving Deep into Rectifiers: Surpassing Human-Level Performance on ImageNet Classification"
    assert he.authors == ("Kaiming He", "Xiangyu Zhang", "Shaoqing Ren", "Jian Sun")
    assert he.date == "2015-02-06"
    assert he.url == "http://arxiv.org/abs/1502.01852"
    assert "Computer Science - Machine Learning" in he.keywords
    wang = next(p for p in papers if p.sources[0].line == 143)
    assert wang.authors == ("Yuanhao Wang", "Guodong Zhang", "Jimmy Ba")  # "Wang*" mark dropped
    assert wang.venue == "International Conference on Learning Representations"  # eventtitle
    hopfield = next(p for p in papers if p.arxiv_id == "2008.02217")
    assert hopfield.links == (Link("https://github.com/ml-jku/hopfield-layers", "github", "note"),)
    # each paper is there twice (preprint and published version): merging gives 6
    merged = merge_papers(papers)
    assert len(merged) == 6
    [h] = [p for p in merged if "Hopfield" in p.title]
    assert h.id == "arxiv:2008.02217" and len(h.sources) == 2


GOOD = """@article{a,
  title = {Good},
  author = {Doe, Jane},
}

"""


def test_unbalanced_braces_name_the_entry_start(tmp_path):
    f = tmp_path / "bad.bib"
    f.write_text(GOOD + "@article{b,\n  title = {Bad {brace},\n  author = {X, Y}\n}\n\n"
                 "@article{c,\n  title = {Fine},\n}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 6
    assert "cannot parse" in exc.value.reason


def test_missing_comma_names_the_entry_start(tmp_path):
    f = tmp_path / "bad.bib"
    f.write_text(GOOD + "@article{b title = {x}}\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == 6


def test_truncated_real_file_names_the_last_entry(tmp_path):
    lines = UAI.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if l.startswith("@InProceedings{akgul25a"))
    f = tmp_path / "cut.bib"
    f.write_text("\n".join(lines[: start + 4]), encoding="utf-8")  # cut inside akgul25a
    with pytest.raises(InputError) as exc:
        read_file(f)
    assert exc.value.line == start + 1 == 32


def test_repeated_key_is_read_with_a_warning(tmp_path, caplog):
    f = tmp_path / "dup.bib"
    f.write_text(GOOD + "@article{a,\n  title = {Other paper},\n}\n", encoding="utf-8")
    papers = read_file(f)
    assert [p.title for p in papers] == ["Good", "Other paper"]
    assert "used twice" in caplog.text


def test_arxiv_from_archiveprefix_and_corr():
    text = ("@article{x, title={A}, eprint={2401.00001v2}, archivePrefix={arXiv}}\n"
            "@article{y, title={B}, journal={CoRR}, volume={abs/1706.03762}}\n"
            "@article{z, title={C}, journal={arXiv preprint arXiv:2305.10403}}\n"
            "@article{w, title={D}, doi={10.48550/arXiv.2303.08774}}\n")
    assert [p.id for p in bibtex.read("t.bib", text)] == [
        "arxiv:2401.00001", "arxiv:1706.03762", "arxiv:2305.10403", "arxiv:2303.08774"]


def test_person_names():
    assert bibtex.person_names(r"Evans, Jr, Neal J. and Donald E. Knuth and others") == (
        "Neal J. Evans Jr", "Donald E. Knuth")


def test_sniff():
    assert bibtex.sniff(ENLSP.read_text(encoding="utf-8")[:65536])
    assert not bibtex.sniff('{"citationStyles": {"bibtex": "@Article{x,"}}')
    assert not bibtex.sniff("Daily Papers\n\nsome text with an email a@b.org\n")
