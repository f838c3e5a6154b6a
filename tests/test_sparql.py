"""SPARQL: the ten named queries against answers computed from the networkx graph, the
`kg query` command, parameter binding (no injection), SERVICE and update refusal."""
from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from decimal import Decimal

import pyoxigraph as ox
import pytest
from click.testing import CliRunner
from hypothesis import given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib import namespace as rdf_namespaces

from kg.cli import main
from kg.export.rdf import node_iris
from kg.rdf import sparql
from kg.rdf.vocab import KG, SCHEMA

from conftest import FIXTURES

DCTERMS, SKOS = rdf_namespaces.DCTERMS, rdf_namespaces.SKOS
ENTITY_TYPES = ("Method", "Model", "Benchmark", "Concept")
CLASS = {"Method": KG.Method, "Model": KG.Model, "Benchmark": KG.Benchmark, "Concept": SKOS.Concept}
PREDICATE = {"authored_by": DCTERMS.creator, "published_by": SCHEMA.publisher, "proposes": KG.proposes,
             "evaluated_on": KG.evaluatedOn, "has_code": KG.hasCode, "has_project_page": KG.hasProjectPage,
             "about": KG.aboutConcept}
HF_FILES = ["2025-09-01.json", "2024-06-03.json", "2026-08-03.json"]


@pytest.fixture(scope="module")
def seed(seed_build):
    result, out = seed_build
    return result.graph, sparql.load(out / "kg.nt"), out


@pytest.fixture(scope="module")
def hf(tmp_path_factory):
    """Daily Papers responses with authors (the seed pages give author counts only)."""
    from kg.build import run_build

    out = tmp_path_factory.mktemp("hf_exports")
    result = run_build([FIXTURES / "hf_daily_papers" / f for f in HF_FILES], out, formats=("ttl",))
    return result.graph, sparql.load(out / "kg.ttl"), out


# ---------------------------------------------------------------- expected answers, from networkx
def py(term):
    """A result term as a plain Python value: IRIs and strings as str, numbers as numbers."""
    if term is None:
        return None
    if isinstance(term, URIRef):
        return str(term)
    v = term.toPython()
    if isinstance(v, Decimal):
        return float(v)
    return v if isinstance(v, (int, float)) else str(term)


def rows(result):
    return [tuple(py(t) for t in row) for row in result.rows]


def key(name: str) -> str:
    """How names are matched: lower case, single spaces (kg:nameKey)."""
    return " ".join(name.lower().split())


def matching(g, name, types):
    k = key(name)
    return {n for n, d in g.nodes(data=True)
            if d.get("type") in types and (key(d["label"]) == k or any(key(a) == k for a in d.get("aliases", [])))}


def targets(g, paper, rels=("proposes", "uses"), types=("Method", "Model")):
    return {v for _, v, k in g.out_edges(paper, keys=True) if k in rels and g.nodes[v]["type"] in types}


def sources(g, node, rels):
    return {u for u, _, k in g.in_edges(node, keys=True) if k in rels}


def exp_methods_for_benchmark(g, iri, benchmark):
    papers = defaultdict(set)
    for b in matching(g, benchmark, ("Benchmark",)):
        for p in sources(g, b, ("evaluated_on",)):
            for m in targets(g, p):
                papers[m].add(p)
    out = [(key(benchmark), iri[m], g.nodes[m]["label"], str(CLASS[g.nodes[m]["type"]]), len(ps))
           for m, ps in papers.items()]
    return sorted(out, key=lambda r: (-r[4], r[2], r[1]))


def exp_benchmarks_for_method(g, iri, method):
    papers = defaultdict(set)
    for m in matching(g, method, ("Method", "Model")):
        for p in sources(g, m, ("proposes", "uses")):
            for b in targets(g, p, ("evaluated_on",), ("Benchmark",)):
                papers[b].add(p)
    out = [(key(method), iri[b], g.nodes[b]["label"], len(ps)) for b, ps in papers.items()]
    return sorted(out, key=lambda r: (-r[3], r[2], r[1]))


def exp_papers_proposing_with_code(g, iri):
    out = []
    for p, d in g.nodes(data=True):
        if d["type"] != "Paper":
            continue
        proposals = {v for _, v, k in g.out_edges(p, keys=True) if k == "proposes"}
        for _, repo, k in g.out_edges(p, keys=True):
            if k == "has_code" and proposals:
                out.append((iri[p], d["title"], iri[repo], len(proposals)))
    return sorted(out, key=lambda r: (r[1], r[0], r[2]))


def exp_methods_sharing_benchmark(g, iri, method):
    shared = defaultdict(set)
    for m in matching(g, method, ("Method", "Model")):
        for p1 in sources(g, m, ("proposes", "uses")):
            for b in targets(g, p1, ("evaluated_on",), ("Benchmark",)):
                for p2 in sources(g, b, ("evaluated_on",)):
                    for other in targets(g, p2):
                        if other != m:
                            shared[other].add(b)
    out = [(key(method), iri[o], g.nodes[o]["label"], len(bs)) for o, bs in shared.items()]
    return sorted(out, key=lambda r: (-r[3], r[2], r[1]))


def exp_top_concepts(g, iri):
    out = [(iri[c], d["label"], len(sources(g, c, ("about",)))) for c, d in g.nodes(data=True)
           if d["type"] == "Concept" and sources(g, c, ("about",))]
    return sorted(out, key=lambda r: (-r[2], r[1], r[0]))[:25]


def exp_papers_by_concept(g, iri, concept):
    out = set()
    for c in matching(g, concept, ("Concept",)):
        for p in sources(g, c, ("about",)):
            out.add((key(concept), iri[p], g.nodes[p]["title"], g.nodes[p].get("date")))
    return sorted(out, key=lambda r: (r[2], r[1]))


def exp_entity_aliases(g, iri, name):
    out = []
    for e in matching(g, name, ENTITY_TYPES):
        d = g.nodes[e]
        aliases = sorted(set(d["aliases"]) - {d["label"]}) or [None]
        out += [(key(name), iri[e], str(CLASS[d["type"]]), d["label"], a) for a in aliases]
    return sorted(out, key=lambda r: (r[3], r[1], "" if r[4] is None else "\x01" + r[4]))


def predicate_of(g, rel, target):
    if rel == "uses":
        return str(KG.usesMethod if g.nodes[target]["type"] == "Method" else KG.usesModel)
    return str(PREDICATE[rel])


def exp_evidence_for(g, iri, entity):
    out = []
    for n in matching(g, entity, ENTITY_TYPES):
        for u, _, k, d in g.in_edges(n, keys=True, data=True):
            out.append((key(entity), iri[n], iri[u], predicate_of(g, k, n), d.get("evidence"), d["rule"],
                        d.get("confidence")))
    return sorted(out, key=lambda r: (r[6] is None, -(r[6] or 0), r[2], r[3], r[1]))


def exp_coauthors(g, iri, author):
    papers = defaultdict(set)
    for a, d in g.nodes(data=True):
        if d["type"] == "Author" and key(d["name"]) == key(author):
            for p in sources(g, a, ("authored_by",)):
                for _, c, rel in g.out_edges(p, keys=True):
                    if rel == "authored_by" and c != a:
                        papers[c].add(p)
    out = [(key(author), iri[c], g.nodes[c]["name"], len(ps)) for c, ps in papers.items()]
    return sorted(out, key=lambda r: (-r[3], r[2], r[1]))


def exp_repositories(g, iri):
    out = [(iri[r], d.get("kind"), len(sources(g, r, ("has_code", "has_project_page"))))
           for r, d in g.nodes(data=True)
           if d["type"] == "Repository" and sources(g, r, ("has_code", "has_project_page"))]
    return sorted(out, key=lambda r: (-r[2], r[0]))


EXPECTED = {
    "methods-for-benchmark": exp_methods_for_benchmark, "benchmarks-for-method": exp_benchmarks_for_method,
    "papers-proposing-with-code": exp_papers_proposing_with_code,
    "methods-sharing-benchmark": exp_methods_sharing_benchmark, "top-concepts": exp_top_concepts,
    "papers-by-concept": exp_papers_by_concept, "entity-aliases": exp_entity_aliases,
    "evidence-for": exp_evidence_for, "coauthors": exp_coauthors, "repositories": exp_repositories,
}


def most_linked(g, types, rels):
    """The entity of ``types`` with the most incoming ``rels`` edges (ties: smallest id)."""
    counts = [(-len(sources(g, n, rels)), n) for n, d in g.nodes(data=True) if d["type"] in types]
    return g.nodes[min(counts)[1]]


def seed_params(g):
    """Parameter values for every named query: the well-known ones and, so that no test is
    vacuous, the most linked entity of each kind (an alias in odd case where there is one)."""
    bench = most_linked(g, ("Benchmark",), ("evaluated_on",))["label"]
    method = most_linked(g, ("Method", "Model"), ("uses", "proposes"))
    concept = most_linked(g, ("Concept",), ("about",))["label"]
    aliased = max((d for _, d in g.nodes(data=True) if d["type"] in ENTITY_TYPES and d.get("aliases")),
                  key=lambda d: (len(d["aliases"]), d["label"]))
    return [
        ("methods-for-benchmark", {"benchmark": "GSM8K"}), ("methods-for-benchmark", {"benchmark": bench.upper()}),
        ("benchmarks-for-method", {"method": "GRPO"}), ("benchmarks-for-method", {"method": method["label"]}),
        ("papers-proposing-with-code", {}), ("methods-sharing-benchmark", {"method": "grpo"}),
        ("methods-sharing-benchmark", {"method": method["label"]}), ("top-concepts", {}),
        ("papers-by-concept", {"concept": concept}), ("papers-by-concept", {"concept": "Reinforcement Learning"}),
        ("entity-aliases", {"name": aliased["aliases"][0].swapcase()}), ("entity-aliases", {"name": "GRPO"}),
        ("evidence-for", {"entity": "GSM8K"}), ("evidence-for", {"entity": method["label"]}),
        ("coauthors", {"author": "Nobody In Particular"}), ("repositories", {}),
    ]


def run_named(store, name, params):
    q = sparql.named_query(name)
    return sparql.run_local(store, q.text, q.bindings(params))


# ---------------------------------------------------------------- the named queries
def test_there_are_ten_named_queries_each_in_expected():
    assert set(sparql.named_queries()) == set(EXPECTED)
    assert len(EXPECTED) == 10


def test_named_queries_on_the_seed_export(seed):
    g, store, _ = seed
    iri = {n: str(i) for n, i in node_iris(g).items()}
    covered = set()
    nonempty = 0
    for name, params in seed_params(g):
        got = rows(run_named(store, name, params))
        expected = EXPECTED[name](g, iri, *params.values())
        assert got == expected, (name, params)
        covered.add(name)
        nonempty += bool(expected)
    assert covered == set(EXPECTED)
    assert nonempty >= 13  # only coauthors (no author names in the seed pages) may be empty, and a fixed name


def test_coauthors_on_papers_with_authors(hf):
    g, store, _ = hf
    iri = {n: str(i) for n, i in node_iris(g).items()}
    authors = sorted((-len(sources(g, n, ("authored_by",))), d["name"]) for n, d in g.nodes(data=True)
                     if d["type"] == "Author")
    assert len(authors) > 100
    for _, name in authors[:3] + authors[-2:]:
        for asked in (name, name.upper(), " " + name.replace(" ", "  ") + " "):
            expected = exp_coauthors(g, iri, asked)
            assert expected
            assert rows(run_named(store, "coauthors", {"author": asked})) == expected


def test_grpo_benchmarks_by_alias(seed):
    g, store, _ = seed
    iri = {n: str(i) for n, i in node_iris(g).items()}
    grpo = matching(g, "GRPO", ("Method",))
    aliases = [a for n in grpo for a in g.nodes[n]["aliases"]]
    for name in aliases[:2]:
        got = rows(run_named(store, "benchmarks-for-method", {"method": name.upper()}))
        assert got == exp_benchmarks_for_method(g, iri, name.upper())
        assert [r[1:] for r in got] == [r[1:] for r in rows(run_named(store, "benchmarks-for-method",
                                                                        {"method": "GRPO"}))]


# ---------------------------------------------------------------- the Oxigraph path
AD_HOC = [
    "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY ?p",
    "SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o LIMIT 3000",
    "SELECT ?e ?c ?start WHERE { ?e a kg:Evidence OPTIONAL { ?e kg:confidence ?c } "
    "OPTIONAL { ?e kg:start ?start } } ORDER BY ?e",
    'SELECT ?x ?y ?z WHERE { VALUES (?x ?y ?z) { ("chat"@fr 1.5 "2024-01-02"^^xsd:date) (UNDEF 2 "a") } }',
    "ASK { ?p kg:evaluatedOn ?b }",
    "ASK { ?p kg:evaluatedOn ?p }",
    "CONSTRUCT { ?b a kg:Benchmark ; skos:prefLabel ?l } WHERE { ?p kg:evaluatedOn ?b . ?b skos:prefLabel ?l }",
    "DESCRIBE <https://w3id.org/kg/vocab#nothing>",
]


def test_oxigraph_path_answers_as_oxrdflib_does(seed, monkeypatch):
    """kg asks the Oxigraph store itself and converts the answer; rdflib's Graph.query
    through oxrdflib (the path before) gives exactly the same Result."""
    g, store, _ = seed
    assert sparql._oxigraph_store(store) is not None
    asked = [(sparql.named_query(name).text, sparql.named_query(name).bindings(params))
             for name, params in seed_params(g)]
    asked += [(text, {}) for text in AD_HOC]
    asked.append(("SELECT ?label ?b WHERE { ?b skos:prefLabel ?label }", {"label": Literal("GSM8K")}))
    fast = [sparql.run_local(store, text, bindings) for text, bindings in asked]
    monkeypatch.setattr(sparql, "_oxigraph_store", lambda graph: None)
    slow = [sparql.run_local(store, text, bindings) for text, bindings in asked]
    assert fast == slow
    assert sum(len(r.rows) + len(r.triples) for r in fast) > 5000
    assert {r.kind for r in fast} == {"select", "ask", "graph"}
    assert [r.boolean for r in fast if r.kind == "ask"] == [True, False]
    values = fast[len(asked) - 1 - len(AD_HOC) + 3]  # AD_HOC[3], the VALUES query
    assert values.rows[0] == (Literal("chat", lang="fr"), Literal("1.5", datatype=rdf_namespaces.XSD.decimal),
                              Literal("2024-01-02", datatype=rdf_namespaces.XSD.date))
    assert values.rows[1] == (None, Literal("2", datatype=rdf_namespaces.XSD.integer), Literal("a"))


def test_rdflib_memory_graph_gives_the_named_answers_oxigraph_gives(seed):
    """Any rdflib Graph can be queried (rdflib's own engine runs it): same answers."""
    import rdflib

    g, store, out = seed
    memory = rdflib.Graph()
    memory.parse(out / "kg.nt", format="nt")
    assert sparql._oxigraph_store(memory) is None
    for name, params in seed_params(g):
        if name in ("methods-sharing-benchmark", "methods-for-benchmark"):
            continue  # seconds to minutes each in rdflib's engine, even on the seed export
        q = sparql.named_query(name)
        assert sparql.run_local(memory, q.text, q.bindings(params)) == sparql.run_local(
            store, q.text, q.bindings(params)), name


def test_output_writes_each_cell_as_its_term_is_even_when_terms_repeat():
    """Cells are worked out once per distinct term; terms that rdflib counts equal but
    that are written differently (a language tag's case) keep their own cells."""
    en, EN = Literal("x", lang="en"), Literal("x", lang="EN")
    assert en == EN  # rdflib's equality, which the cells must not rely on
    iri = URIRef(str(KG.Method))
    result = sparql.Result("select", ["a", "b"], [(en, iri), (EN, iri), (en, None), (EN, Literal("x"))])
    assert sparql.format_result(result, "tsv").splitlines() == [
        "?a\t?b", f'"x"@en\t<{iri}>', f'"x"@EN\t<{iri}>', '"x"@en\t', '"x"@EN\t"x"']
    bindings = json.loads(sparql.format_result(result, "json"))["results"]["bindings"]
    assert [b["a"]["xml:lang"] for b in bindings] == ["en", "EN", "en", "EN"]
    assert [b.get("b", {}).get("value") for b in bindings] == [str(iri), str(iri), None, "x"]
    table = sparql.format_result(result, "table").splitlines()
    assert [line.split() for line in table[2:6]] == [["x", "kg:Method"], ["x", "kg:Method"], ["x"], ["x", "x"]]


_TERMS = st.one_of(
    st.none(),
    st.builds(lambda s: URIRef("https://e.org/" + s), st.text(alphabet="abc/#%", max_size=5)),
    st.builds(Literal, st.text(max_size=8)),
    st.builds(lambda s, lang: Literal(s, lang=lang), st.text(max_size=5), st.sampled_from(["en", "EN", "fr-CA"])),
    st.builds(lambda n: Literal(str(n), datatype=rdf_namespaces.XSD.integer), st.integers()),
)


@settings(max_examples=200, deadline=None)
@given(variables=st.lists(st.text(alphabet="abcé_\"", min_size=1, max_size=4), max_size=3, unique=True),
       data=st.data())
def test_json_output_is_what_json_dumps_writes(variables, data):
    """kg writes the JSON results itself (each distinct term once); the bytes are those of
    json.dumps(document, ensure_ascii=False, indent=1)."""
    rows = data.draw(st.lists(st.tuples(*[_TERMS] * len(variables)), max_size=6))
    result = sparql.Result("select", variables, rows)

    def obj(t):
        if isinstance(t, URIRef):
            return {"type": "uri", "value": str(t)}
        out = {"type": "literal", "value": str(t)}
        if t.language:
            out["xml:lang"] = t.language
        elif t.datatype is not None:
            out["datatype"] = str(t.datatype)
        return out

    document = {"head": {"vars": variables},
                "results": {"bindings": [{v: obj(t) for v, t in zip(variables, row) if t is not None}
                                         for row in rows]}}
    assert sparql.format_result(result, "json") == json.dumps(document, ensure_ascii=False, indent=1) + "\n"


# ---------------------------------------------------------------- binding, not pasting
INJECTIONS = ['GSM8K" ) } SELECT * WHERE { ?s ?p ?o } #', "x' || true || '", 'a\\" } ?s ?p ?o . {',
              "GSM8K\n} UNION { ?s ?p ?o }", '\\u0022 } ?s ?p ?o {']


@pytest.mark.parametrize("value", INJECTIONS)
def test_parameters_cannot_inject(seed, value):
    _, store, _ = seed
    assert run_named(store, "methods-for-benchmark", {"benchmark": value}).rows == []
    q = sparql.named_query("methods-for-benchmark")
    text = sparql.with_values(q.text, q.bindings({"benchmark": value}))
    assert sparql.run_local(store, text).rows == []


@settings(max_examples=100, deadline=None)
@given(value=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30))
def test_values_block_round_trips_any_string(value):
    store = ox.Store()
    q = sparql.with_values("SELECT ?v WHERE { }", {"v": Literal(value)})
    assert [s["v"].value for s in store.query(q)] == [value]


def test_values_block_types_and_checks():
    q = sparql.with_values("SELECT ?a ?b ?c WHERE { }",
                           {"a": URIRef("https://e.org/x"), "b": Literal("5", datatype=rdf_namespaces.XSD.integer),
                            "c": Literal("chat", lang="fr")})
    sol = list(ox.Store().query(q))[0]
    assert sol["a"] == ox.NamedNode("https://e.org/x")
    assert sol["b"] == ox.Literal("5", datatype=ox.NamedNode(str(rdf_namespaces.XSD.integer)))
    assert sol["c"] == ox.Literal("chat", language="fr")
    with pytest.raises(sparql.QueryError):
        sparql.values_block({"a b": Literal("x")})
    with pytest.raises(sparql.KgError):
        sparql.values_block({"a": URIRef("https://e.org/> } ?s ?p ?o {")})


@pytest.mark.parametrize("text, expected", [
    ("SELECT ?n WHERE { ?x ?p ?n }", 'SELECT ?n WHERE { VALUES (?n) { ("v") } ?x ?p ?n }'),
    ("select ?n { ?x ?p ?n }", 'select ?n { VALUES (?n) { ("v") } ?x ?p ?n }'),
    ('# WHERE { in a comment\nSELECT ?n WHERE { ?x ?p "WHERE {" }',
     '# WHERE { in a comment\nSELECT ?n WHERE { VALUES (?n) { ("v") } ?x ?p "WHERE {" }'),
    ("SELECT ?n WHERE { SELECT ?n WHERE { ?x ?p ?n } }",
     'SELECT ?n WHERE { VALUES (?n) { ("v") } { SELECT ?n WHERE { ?x ?p ?n } } }'),
])
def test_with_values_placement(text, expected):
    out = sparql.with_values(text, {"n": Literal("v")})
    assert out == expected
    ox.Store().query(out)  # still valid SPARQL


def test_service_and_updates_are_refused(seed):
    _, store, _ = seed
    service = "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }"
    with pytest.raises(sparql.ServiceNotAllowedError):
        sparql.run_local(store, service)
    assert sparql.run_local(store, service, allow_service=True).kind == "select"
    assert sparql.check_query("select * where { ?s <http://e.org/service> ?o }") == "select"
    assert sparql.check_query('SELECT * WHERE { ?s ?p "SERVICE" } # SERVICE') == "select"
    with pytest.raises(sparql.QueryError, match="only reads"):
        sparql.run_local(store, "DELETE WHERE { ?s ?p ?o }")


# ---------------------------------------------------------------- the command
def invoke(*args):
    return CliRunner().invoke(main, ["query", *map(str, args)])


def test_cli_list_names_queries_and_parameters():
    r = invoke("--list")
    assert r.exit_code == 0
    for name, q in sparql.named_queries().items():
        assert name in r.output and q.description[:40] in r.output
        for p in q.params:
            assert f"--param {p.name}=" in r.output


def test_cli_named_query_formats(seed):
    g, _, out = seed
    iri = {n: str(i) for n, i in node_iris(g).items()}
    expected = exp_benchmarks_for_method(g, iri, "GRPO")
    assert expected
    r = invoke(out, "--name", "benchmarks-for-method", "--param", "method=GRPO", "--format", "csv")
    assert r.exit_code == 0, r.output
    table = list(csv.reader(io.StringIO(r.output)))
    assert table[0] == ["method", "benchmark", "label", "papers"]
    assert [tuple(row) for row in table[1:]] == [tuple(map(str, e)) for e in expected]
    r = invoke(out, "--name", "benchmarks-for-method", "--param", "method=GRPO", "--format", "json")
    data = json.loads(r.output)
    assert data["head"]["vars"] == ["method", "benchmark", "label", "papers"]
    first = data["results"]["bindings"][0]
    assert first["benchmark"] == {"type": "uri", "value": expected[0][1]}
    assert first["papers"]["datatype"] == str(rdf_namespaces.XSD.integer)
    r = invoke(out, "--name", "benchmarks-for-method", "--param", "method=GRPO", "--format", "tsv")
    lines = r.output.splitlines()
    assert lines[0] == "?method\t?benchmark\t?label\t?papers"
    assert lines[1].split("\t")[1] == f"<{expected[0][1]}>"
    r = invoke(out, "--name", "benchmarks-for-method", "--param", "method=GRPO")
    assert r.output.splitlines()[0].split() == ["method", "benchmark", "label", "papers"]
    assert f"({len(expected)} rows)" in r.output


def test_cli_inline_query_file_and_rdf_files(seed, tmp_path):
    g, _, out = seed
    papers = sum(1 for _, t in g.nodes(data="type") if t == "Paper")
    q = "SELECT (COUNT(?p) AS ?n) WHERE { ?p a schema:ScholarlyArticle }"
    for target in (out, out / "kg.ttl", out / "kg.jsonld", out / "kg.rdf"):
        r = invoke(target, q, "--format", "csv")
        assert r.exit_code == 0, r.output
        assert r.stdout_bytes == f"n\r\n{papers}\r\n".encode()  # SPARQL CSV lines end in CRLF
    f = tmp_path / "q.rq"
    f.write_text("SELECT ?t WHERE { ?p dcterms:title ?t FILTER(?t = ?title) }", encoding="utf-8")
    title = next(d["title"] for _, d in g.nodes(data=True) if d["type"] == "Paper")
    r = invoke(out, "--file", f, "--param", f"title={title}", "--format", "csv")
    assert r.exit_code == 2 and "SELECT clause" in r.output  # Oxigraph binds parameters through the projection
    f.write_text("SELECT ?title ?p WHERE { ?p dcterms:title ?title }", encoding="utf-8")
    r = invoke(out, "--file", f, "--param", f"title={title}", "--format", "csv")
    assert r.exit_code == 0 and len(r.output.splitlines()) >= 2 and title in r.output
    r = invoke(out, "ASK { ?p kg:evaluatedOn ?b }")
    assert r.output == "true\n"


def test_cli_errors(seed, tmp_path):
    _, _, out = seed
    r = invoke(out, "--name", "benchmark-for-method")
    assert r.exit_code == 2 and "benchmarks-for-method" in r.output
    r = invoke(out, "--name", "benchmarks-for-method")
    assert r.exit_code == 2 and "--param method=" in r.output
    r = invoke(out, "--name", "top-concepts", "--param", "x=1")
    assert r.exit_code == 2 and "no parameter x" in r.output
    r = invoke(out, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    assert r.exit_code == 2 and "--allow-service" in r.output
    r = invoke(out, "SELECT * WHERE { ?s ?p }")
    assert r.exit_code == 2 and "query failed" in r.output
    r = invoke(tmp_path, "SELECT * WHERE { ?s ?p ?o }")
    assert r.exit_code == 2 and "no RDF export" in r.output
    r = invoke("--name", "top-concepts", "--show")
    assert r.exit_code == 0 and r.output == sparql.named_query("top-concepts").text
    r = invoke(out, "SELECT * WHERE { ?s ?p ?o }", "--name", "top-concepts")
    assert r.exit_code == 2 and "exactly one" in r.output
