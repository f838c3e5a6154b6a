"""IRIs: every minted IRI is valid whatever the input (hypothesis), and minting is injective."""
from __future__ import annotations

from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kg.export.rdf import DEFAULT_BASE, node_iris
from kg.rdf.iri import InvalidIRIError, arxiv_iri, check_base, encode_segment, is_valid_iri, mint, url_iri

BASES = st.sampled_from([DEFAULT_BASE, "http://example.org/kg/", "https://example.org/data#", "urn:kg:x/",
                         "https://üñí.example/ä/"])
KINDS = st.sampled_from(["paper", "author", "method", "repo", "evidence"])
TEXT = st.text(min_size=1, max_size=60)


def _oxigraph_accepts(iri: str) -> bool:
    try:
        ox.NamedNode(iri)
    except ValueError:
        return False
    return True


@settings(max_examples=300)
@given(base=BASES, kind=KINDS, local=TEXT)
def test_minted_iri_is_valid_for_any_input(base, kind, local):
    iri = str(mint(base, kind, local))
    assert is_valid_iri(iri)
    assert _oxigraph_accepts(iri)
    assert iri.startswith(base + kind + "/")
    segment = iri[len(base + kind + "/"):]
    assert "/" not in segment and "#" not in segment and "?" not in segment
    assert unquote(segment) == local


@given(a=TEXT, b=TEXT)
def test_minting_is_injective(a, b):
    if a != b:
        assert mint(DEFAULT_BASE, "method", a) != mint(DEFAULT_BASE, "method", b)


def test_dot_segments_are_encoded():
    # "." and ".." would be removed by IRI resolution, merging resources
    assert encode_segment(".") == "%2E" and encode_segment("..") == "%2E%2E"
    assert encode_segment("a.b") == "a.b"
    with pytest.raises(ValueError):
        encode_segment("")


@settings(max_examples=300)
@given(text=st.text(max_size=80))
def test_url_iri_is_valid_or_none(text):
    for url in (text, "https://github.com/" + text, "http://x.org/p?" + text, "https://" + text):
        iri = url_iri(url)
        if iri is not None:
            assert is_valid_iri(str(iri)) and _oxigraph_accepts(str(iri)), url


@given(text=st.text(max_size=40))
def test_arxiv_iri_is_valid_or_none(text):
    iri = arxiv_iri(text)
    assert iri is None or (is_valid_iri(str(iri)) and _oxigraph_accepts(str(iri)))


def test_url_iri_keeps_good_urls_and_repairs_bad_ones():
    assert str(url_iri("https://github.com/Owner/Repo")) == "https://github.com/Owner/Repo"
    assert str(url_iri("https://x.org/a b?q=é#f")) == "https://x.org/a%20b?q=%C3%A9#f"
    assert str(url_iri("https://x.org/%41%zz")) == "https://x.org/%41%25zz"
    assert str(url_iri("https://user:secret@x.org:8080/p")) == "https://x.org:8080/p"
    assert url_iri("ftp://x.org/f") is None and url_iri("https:///nohost") is None
    assert url_iri("https://[::1/x") is None


def test_arxiv_ids():
    assert str(arxiv_iri("2405.21060")) == "https://arxiv.org/abs/2405.21060"
    assert str(arxiv_iri("arXiv:2405.21060v2")) == "https://arxiv.org/abs/2405.21060"
    assert str(arxiv_iri("math.GT/0309136")) == "https://arxiv.org/abs/math.GT/0309136"
    assert arxiv_iri("2405.21060/../../x") is None and arxiv_iri("") is None


@pytest.mark.parametrize("bad", ["", "example.org/kg/", "https://example.org/kg", "https://ex ample.org/",
                                 "https://example.org/{x}/"])
def test_bad_base_iri_is_refused(bad):
    with pytest.raises(InvalidIRIError):
        check_base(bad)


@pytest.mark.parametrize("iri, ok", [
    ("https://arxiv.org/abs/2401.00001", True), ("urn:isbn:0451450523", True), ("http://[::1]:80/x", True),
    ("https://example.org/é", True), ("https://example.org/a#b#c", False), ("https://x.org/a\\b", False),
    ("https://x.org/<a>", False), ("1http://x.org", False), ("https://x.org/%4", False), ("", False),
])
def test_validator(iri, ok):
    assert is_valid_iri(iri) is ok
    if ok:
        assert _oxigraph_accepts(iri)


@settings(max_examples=50, deadline=None)
@given(ids=st.lists(st.text(min_size=1, max_size=20), min_size=1, max_size=15, unique=True),
       urls=st.lists(st.text(max_size=30), max_size=5))
def test_node_iris_are_valid_and_distinct_for_any_ids(ids, urls):
    g = nx.MultiDiGraph()
    for i, local in enumerate(ids):
        g.add_node(f"method:{local}" if i % 2 else local, type="Method", label=local)
    for i, u in enumerate(urls):
        g.add_node(f"repo:{i}:{u}", type="Repository", label=u, url="https://github.com/" + u)
    iris = node_iris(g, DEFAULT_BASE)
    assert set(iris) == set(g.nodes)
    assert len(set(iris.values())) == len(iris)
    assert all(is_valid_iri(str(i)) and _oxigraph_accepts(str(i)) for i in iris.values())


def test_shared_preferred_iri_falls_back_to_minted():
    g = nx.MultiDiGraph()
    g.add_node("paper:a", type="Paper", label="A", title="A", arxiv_id="2401.00001")
    g.add_node("paper:b", type="Paper", label="B", title="B", arxiv_id="2401.00001v2")
    g.add_node("repo:r", type="Repository", label="r", url=DEFAULT_BASE + "method/x")
    g.add_node("method:x", type="Method", label="X")
    iris = node_iris(g)
    assert str(iris["paper:a"]) == "https://arxiv.org/abs/2401.00001"
    assert str(iris["paper:b"]) == DEFAULT_BASE + "paper/b"
    assert str(iris["method:x"]) == DEFAULT_BASE + "method/x"
    assert str(iris["repo:r"]) == DEFAULT_BASE + "repo/r"
