"""RDF export: every syntax reads back the same, output is deterministic, evidence and
support are reachable by SPARQL, IRIs follow the rules, and the export conforms to the
SHACL shapes."""
from __future__ import annotations

import copy
import json
import logging
import os
import subprocess
import sys
from decimal import Decimal
from urllib.parse import unquote

import networkx as nx
import pyoxigraph as ox
import pytest
import rdflib
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from rdflib import RDF, Literal
from rdflib import namespace as rdf_namespaces

from kg.export import rdf as rdf_export
from kg.rdf import data_path, sparql
from kg.rdf.iri import is_valid_iri
from kg.rdf.syntax import SERIALIZERS, UnrepresentableError
from kg.rdf.vocab import KG, SCHEMA

from conftest import FIXTURES

DCTERMS, SKOS = rdf_namespaces.DCTERMS, rdf_namespaces.SKOS
WRITERS = {"ttl": rdf_export.write_turtle, "nt": rdf_export.write_ntriples, "jsonld": rdf_export.write_jsonld,
           "rdfxml": rdf_export.write_rdfxml}
FILES = {"ttl": ("kg.ttl", ox.RdfFormat.TURTLE), "nt": ("kg.nt", ox.RdfFormat.N_TRIPLES),
         "jsonld": ("kg.jsonld", ox.RdfFormat.JSON_LD), "rdfxml": ("kg.rdf", ox.RdfFormat.RDF_XML)}
HF_FILES = ["2025-09-01.json", "2024-06-03.json", "2026-08-03.json"]

# the mapping of graph relations, written out here independently of the exporter's table
PREDICATE = {"authored_by": DCTERMS.creator, "published_by": SCHEMA.publisher, "affiliated_with": SCHEMA.affiliation,
             "proposes": KG.proposes, "evaluated_on": KG.evaluatedOn, "has_code": KG.hasCode,
             "has_project_page": KG.hasProjectPage, "about": KG.aboutConcept}


def predicate(g, key, target):
    if key == "uses":
        return KG.usesMethod if g.nodes[target]["type"] == "Method" else KG.usesModel
    return PREDICATE[key]


@pytest.fixture(scope="module")
def seed(seed_build):
    result, out = seed_build
    return result.graph, out


@pytest.fixture(scope="module")
def seed_store(seed):
    return sparql.load(seed[1] / "kg.nt")


@pytest.fixture(scope="module")
def hf_graph():
    """Real Daily Papers responses: papers with arXiv ids, authors, organisations and code."""
    from kg.build import run_build

    return run_build([FIXTURES / "hf_daily_papers" / f for f in HF_FILES]).graph


def _parse(path, fmt):
    return set(ox.parse(path=str(path), format=fmt))


# ---------------------------------------------------------------- syntaxes
def test_every_syntax_reads_back_the_same_triples(seed):
    g, out = seed
    expected = set(rdf_export.iter_triples(g))
    parsed = {fmt: _parse(out / name, oxfmt) for fmt, (name, oxfmt) in FILES.items()}
    for fmt, triples in parsed.items():
        assert len(triples) == len(expected), fmt
    assert parsed["ttl"] == parsed["nt"] == parsed["jsonld"] == parsed["rdfxml"]
    assert len(rdf_export.to_rdf(g)) == len(expected)


def test_ntriples_are_sorted_lines(seed, tmp_path):
    g, _ = seed
    rdf_export.write_ntriples(g, tmp_path / "kg.nt")
    lines = (tmp_path / "kg.nt").read_text(encoding="utf-8").splitlines()
    assert lines == sorted(set(lines))
    assert all(line.endswith(" .") for line in lines)


def _reversed_copy(g):
    """The same graph, nodes, edges and list attributes in reverse order."""
    r = nx.MultiDiGraph()

    def rev(d):
        return {k: (list(reversed(v)) if isinstance(v, list) else v) for k, v in copy.deepcopy(d).items()}

    for n, d in reversed(list(g.nodes(data=True))):
        r.add_node(n, **rev(d))
    for u, v, k, d in reversed(list(g.edges(keys=True, data=True))):
        r.add_edge(u, v, key=k, **rev(d))
    return r


@pytest.mark.parametrize("fmt", sorted(WRITERS))
def test_same_graph_gives_identical_bytes(hf_graph, tmp_path, fmt):
    WRITERS[fmt](hf_graph, tmp_path / "a")
    WRITERS[fmt](hf_graph, tmp_path / "b")
    WRITERS[fmt](_reversed_copy(hf_graph), tmp_path / "c")
    a = (tmp_path / "a").read_bytes()
    assert a == (tmp_path / "b").read_bytes() == (tmp_path / "c").read_bytes()


_CHILD = """
import sys
from kg.export.nodelink import read_nodelink
from kg.export import rdf
g = read_nodelink(sys.argv[1])
for fmt, fn in [("ttl", rdf.write_turtle), ("nt", rdf.write_ntriples), ("jsonld", rdf.write_jsonld),
                ("rdfxml", rdf.write_rdfxml)]:
    fn(g, sys.argv[2] + "/out." + fmt)
"""


def test_output_does_not_depend_on_the_hash_seed(hf_graph, tmp_path):
    from kg.export.nodelink import write_nodelink

    write_nodelink(hf_graph, tmp_path / "kg.json")
    outputs = []
    for seed in ("1", "2"):
        d = tmp_path / seed
        d.mkdir()
        env = dict(os.environ, PYTHONHASHSEED=seed)
        subprocess.run([sys.executable, "-c", _CHILD, str(tmp_path / "kg.json"), str(d)], check=True, env=env)
        outputs.append({f: (d / f"out.{f}").read_bytes() for f in WRITERS})
    assert outputs[0] == outputs[1]
    assert all(len(v) > 1000 for v in outputs[0].values())


def test_exporter_does_not_change_the_graph(hf_graph, tmp_path):
    def snapshot():
        return json.dumps(nx.node_link_data(hf_graph, edges="edges"), sort_keys=True, default=str)

    before = snapshot()
    rdf_export.to_rdf(hf_graph, base_iri="https://example.org/x/")
    for fmt, fn in WRITERS.items():
        fn(hf_graph, tmp_path / fmt, base_iri="https://example.org/x/")
    assert snapshot() == before


# ---------------------------------------------------------------- content
def test_every_statement_has_its_evidence_in_sparql(seed, seed_store):
    g, _ = seed
    iris = rdf_export.node_iris(g)
    res = sparql.run_local(seed_store, """
        SELECT ?s ?p ?o ?sentence ?rule ?confidence ?start ?end ?surface WHERE {
          ?e a kg:Evidence ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; kg:rule ?rule .
          ?s ?p ?o .
          OPTIONAL { ?e prov:value ?sentence } OPTIONAL { ?e kg:confidence ?confidence }
          OPTIONAL { ?e kg:startOffset ?start } OPTIONAL { ?e kg:endOffset ?end }
          OPTIONAL { ?e kg:surfaceForm ?surface }
        }""")
    found = {}
    for s, p, o, sentence, rule, conf, start, end, surface in res.rows:
        key = (str(s), str(p), str(o))
        assert key not in found, f"two evidence nodes for {key}"
        found[key] = (None if sentence is None else str(sentence), str(rule),
                      None if conf is None else float(conf.toPython()),
                      None if start is None else int(start), None if end is None else int(end),
                      None if surface is None else str(surface))
    expected = {}
    for u, v, k, d in g.edges(keys=True, data=True):
        key = (str(iris[u]), str(predicate(g, k, v)), str(iris[v]))
        expected[key] = (d.get("evidence"), d["rule"], d.get("confidence"), d.get("start"), d.get("end"),
                         d.get("surface") or d.get("raw"))
    assert found == expected
    assert sum(1 for v in expected.values() if v[0]) > 1000


def test_entities_carry_labels_aliases_and_support(seed, seed_store):
    g, _ = seed
    iris = rdf_export.node_iris(g)
    res = sparql.run_local(seed_store, """
        SELECT ?e ?label ?support (COUNT(DISTINCT ?alias) AS ?aliases) WHERE {
          ?e skos:prefLabel ?label ; kg:support ?support . OPTIONAL { ?e skos:altLabel ?alias }
        } GROUP BY ?e ?label ?support""")
    got = {str(e): (str(label), int(support), int(n)) for e, label, support, n in res.rows}
    expected = {str(iris[n]): (d["label"], d["support"], len(set(d["aliases"]) - {d["label"]}))
                for n, d in g.nodes(data=True) if d["type"] in ("Method", "Model", "Benchmark", "Concept")}
    assert got == expected
    keys = sparql.run_local(seed_store, "SELECT ?e ?k WHERE { ?e kg:nameKey ?k }").rows
    by_node: dict = {}
    for e, k in keys:
        by_node.setdefault(str(e), set()).add(str(k))
    for n, d in g.nodes(data=True):
        if d["type"] in ("Method", "Model", "Benchmark", "Concept"):
            names = [d["label"], *d["aliases"]]
            assert by_node[str(iris[n])] == {" ".join(x.lower().split()) for x in names}


def test_node_types_map_to_classes(seed, seed_store):
    g, _ = seed
    counts = {}
    for _, t in g.nodes(data="type"):
        counts[t] = counts.get(t, 0) + 1
    res = sparql.run_local(seed_store, "SELECT ?c (COUNT(?x) AS ?n) WHERE { ?x a ?c } GROUP BY ?c")
    by_class = {str(c): int(n) for c, n in res.rows}

    def n(term):
        return by_class.get(str(term), 0)

    assert n(SCHEMA.ScholarlyArticle) == counts.get("Paper", 0) > 300
    assert n(SCHEMA.Person) == counts.get("Author", 0)
    assert n(SCHEMA.Organization) == counts.get("Organization", 0)
    assert n(KG.Method) == counts["Method"] and n(KG.Model) == counts["Model"]
    assert n(KG.Benchmark) == counts["Benchmark"] == n(SCHEMA.Dataset)
    assert n(SKOS.Concept) == counts["Concept"]
    assert n(SCHEMA.SoftwareSourceCode) + n(SCHEMA.WebPage) == counts["Repository"]
    assert n(KG.Evidence) == g.number_of_edges()


def test_paper_and_repository_iris(hf_graph):
    iris = rdf_export.node_iris(hf_graph)
    r = rdf_export.to_rdf(hf_graph)
    arxiv = [(n, d) for n, d in hf_graph.nodes(data=True) if d["type"] == "Paper" and d.get("arxiv_id")]
    assert len(arxiv) > 20
    for n, d in arxiv:
        assert str(iris[n]) == "https://arxiv.org/abs/" + d["arxiv_id"]
        assert (iris[n], DCTERMS.title, Literal(d["title"])) in r
    code = {v for _, v, k in hf_graph.edges(keys=True) if k == "has_code"}
    assert len(code) > 5
    for n in code:
        url = hf_graph.nodes[n]["url"]
        assert url.startswith("https://github.com/")
        if is_valid_iri(url):
            assert str(iris[n]) == url
        else:  # a link as a page wrote it ("...ExtractBench{GitHub"): the same URL, percent-encoded
            assert unquote(str(iris[n])) == url and is_valid_iri(str(iris[n]))
        assert (iris[n], SCHEMA.codeRepository, iris[n]) in r
        assert (iris[n], RDF.type, SCHEMA.SoftwareSourceCode) in r
    for n, d in hf_graph.nodes(data=True):
        if d["type"] in ("Author", "Method", "Concept", "Organization"):
            assert str(iris[n]).startswith(rdf_export.DEFAULT_BASE)


def test_kg_build_base_iri(tmp_path):
    from kg.cli import main

    src = str(FIXTURES / "hf_daily_papers" / "2024-06-03.json")
    r = CliRunner().invoke(main, ["build", src, "-o", str(tmp_path), "--format", "ttl,jsonld,rdfxml", "-q",
                                  "--base-iri", "https://example.org/graph/"])
    assert r.exit_code == 0, r.output
    triples = _parse(tmp_path / "kg.ttl", ox.RdfFormat.TURTLE)
    subjects = {str(t.subject.value) for t in triples}
    links = {str(t.object.value) for t in triples if t.predicate.value == str(SCHEMA.url)}
    minted = {s for s in subjects if not s.startswith("https://arxiv.org/abs/") and s not in links}
    assert minted and all(s.startswith("https://example.org/graph/") for s in minted)
    assert not any("w3id.org/kg/" in s for s in subjects)
    r = CliRunner().invoke(main, ["build", src, "-o", str(tmp_path / "bad"), "--format", "ttl", "-q",
                                  "--base-iri", "not an iri"])
    assert r.exit_code == 2 and "base IRI" in r.output


def test_unmapped_relations_are_skipped_with_a_warning(caplog):
    g = nx.MultiDiGraph()
    g.add_node("paper:a", type="Paper", label="A", title="A")
    g.add_node("paper:b", type="Paper", label="B", title="B")
    g.add_edge("paper:a", "paper:b", key="cites", relation="cites")
    with caplog.at_level(logging.WARNING):
        triples = list(rdf_export.iter_triples(g))
    assert not any(str(p).endswith("cites") for _, p, _ in triples)
    assert "relation cites" in caplog.text


def test_dates_and_numbers_are_typed():
    g = nx.MultiDiGraph()
    for i, date in enumerate(["2024-05-01", "2024-05", "2024", "2024-02-30", "spring 2024"]):
        g.add_node(f"paper:{i}", type="Paper", label="t", title="t", date=date, upvotes=3)
    r = rdf_export.to_rdf(g)
    dates = {str(o): o.datatype for o in r.objects(None, DCTERMS.date)}
    XSD = rdf_namespaces.XSD
    assert dates == {"2024-05-01": XSD.date, "2024-05": XSD.gYearMonth, "2024": XSD.gYear,
                     "2024-02-30": None, "spring 2024": None}
    assert set(r.objects(None, KG.upvotes)) == {Literal("3", datatype=XSD.integer)}


# ---------------------------------------------------------------- escaping
_TEXT = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=40)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(label=_TEXT, alias=_TEXT)
def test_any_text_survives_every_syntax(label, alias):
    g = nx.MultiDiGraph()
    g.add_node("method:x", type="Method", label=label, aliases=[alias], support=1)
    triples = list(rdf_export.iter_triples(g))
    xml_ok = all(ch in "\t\n\r" or (0x20 <= ord(ch) <= 0xD7FF) or (0xE000 <= ord(ch) <= 0xFFFD) or ord(ch) > 0xFFFF
                 for ch in label + alias)
    for fmt, (_, oxfmt) in FILES.items():
        if fmt == "rdfxml" and not xml_ok:
            with pytest.raises(UnrepresentableError):
                SERIALIZERS[fmt](triples)
            continue
        parsed = set(ox.parse(SERIALIZERS[fmt](triples), format=oxfmt))
        labels = {t.object.value for t in parsed if t.predicate.value == str(SKOS.prefLabel)}
        alts = {t.object.value for t in parsed if t.predicate.value == str(SKOS.altLabel)}
        assert labels == {label}, fmt
        assert alts == ({alias} - {label}), fmt
        assert len(parsed) == len(set(triples)), fmt


# ---------------------------------------------------------------- SHACL
def _shapes():
    sh = rdflib.Graph()
    sh.parse(data_path("shapes.ttl"), format="turtle")
    return sh


def _validate(data):
    import pyshacl

    conforms, _, text = pyshacl.validate(data, shacl_graph=_shapes(), inference="none", advanced=True)
    return conforms, text


def test_seed_export_conforms_to_the_shapes(seed):
    _, out = seed
    data = rdflib.Graph()
    data.parse(out / "kg.nt", format="nt")
    conforms, text = _validate(data)
    assert conforms, text[:3000]


def _small_graph():
    g = nx.MultiDiGraph()
    g.add_node("paper:p", type="Paper", label="P", title="P", abstract="We use GRPO on GSM8K.", date="2025-01-02")
    g.add_node("method:grpo", type="Method", label="GRPO", aliases=["Group Relative Policy Optimization"],
               support=1, proposed_in=0)
    g.add_node("benchmark:gsm8k", type="Benchmark", label="GSM8K", aliases=[], support=1)
    g.add_node("author:a", type="Author", label="A B", name="A B")
    ev = {"evidence": "We use GRPO on GSM8K.", "start": 10, "end": 14, "rule": "coined", "confidence": 0.6}
    g.add_edge("paper:p", "method:grpo", key="uses", relation="uses", surface="GRPO", **ev)
    g.add_edge("paper:p", "benchmark:gsm8k", key="evaluated_on", relation="evaluated_on", surface="GSM8K",
               **dict(ev, start=18, end=23))
    g.add_edge("paper:p", "author:a", key="authored_by", relation="authored_by", position=1, rule="metadata",
               provenance="authors")
    return g


def test_a_valid_small_graph_conforms():
    conforms, text = _validate(rdf_export.to_rdf(_small_graph()))
    assert conforms, text


def _broken(change):
    r = rdf_export.to_rdf(_small_graph())
    change(r)
    return _validate(r)


def test_shapes_catch_a_paper_without_title():
    conforms, text = _broken(lambda r: r.remove((None, DCTERMS.title, None)))
    assert not conforms and "dcterms:title" in text


def test_shapes_catch_evaluated_on_a_method():
    def change(r):
        p = next(r.subjects(RDF.type, SCHEMA.ScholarlyArticle))
        r.add((p, KG.evaluatedOn, next(r.subjects(RDF.type, KG.Method))))

    conforms, text = _broken(change)
    assert not conforms and "kg:evaluatedOn points at a kg:Benchmark" in text


def test_shapes_catch_evidence_for_a_missing_statement():
    conforms, text = _broken(lambda r: r.remove((None, KG.usesMethod, None)))
    assert not conforms and "not in the graph" in text


def test_shapes_catch_a_bad_confidence_and_offsets():
    def change(r):
        ev = next(r.subjects(RDF.type, KG.Evidence))
        r.set((ev, KG.confidence, Literal(Decimal("1.5"))))

    conforms, text = _broken(change)
    assert not conforms and "confidence" in text

    def swap(r):
        for ev in list(r.subjects(RDF.type, KG.Evidence)):
            if (ev, KG.startOffset, None) in r:
                r.set((ev, KG.startOffset, Literal(100)))

    conforms, text = _broken(swap)
    assert not conforms and "ends before it starts" in text
