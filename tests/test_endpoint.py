"""A real SPARQL endpoint: an Oxigraph server with the seed N-Triples bulk-loaded answers the
named queries (through `--endpoint`, with VALUES-bound parameters) as the embedded store does."""
from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main
from kg.rdf import sparql

INJECTION = 'GSM8K" ) } SELECT * WHERE { ?s ?p ?o } #'


def _oxigraph() -> str:
    exe = Path(sys.executable).with_name("oxigraph")
    found = str(exe) if exe.exists() else shutil.which("oxigraph")
    assert found, "the oxigraph server (PyPI package oxigraph) is a test dependency"
    return found


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def endpoint(seed_build, tmp_path_factory):
    """``oxigraph load`` the seed kg.nt into a store, ``oxigraph serve`` it on a free port,
    yield the query URL; the server is stopped at the end."""
    _, out = seed_build
    exe = _oxigraph()
    location = tmp_path_factory.mktemp("oxigraph_store")
    subprocess.run([exe, "load", "--location", str(location), "--file", str(out / "kg.nt")], check=True,
                   capture_output=True)
    port = _free_port()
    log = open(location.parent / "oxigraph.log", "wb")
    proc = subprocess.Popen([exe, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"],
                            stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}/query"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1).read()
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if proc.poll() is not None or time.monotonic() > deadline:
                    logged = (location.parent / "oxigraph.log").read_text()
                    raise RuntimeError(f"oxigraph serve did not start: {logged}")
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        log.close()


@pytest.fixture(scope="module")
def local(seed_build):
    _, out = seed_build
    return sparql.load(out / "kg.nt")


def _params(g):
    method = max((d for _, d in g.nodes(data=True) if d["type"] == "Method"),
                 key=lambda d: (d.get("support", 0), d["label"]))["label"]
    return [
        ("methods-for-benchmark", {"benchmark": "GSM8K"}), ("benchmarks-for-method", {"method": "GRPO"}),
        ("benchmarks-for-method", {"method": method}), ("papers-proposing-with-code", {}),
        ("methods-sharing-benchmark", {"method": "GRPO"}), ("top-concepts", {}),
        ("papers-by-concept", {"concept": "reinforcement learning"}),
        ("entity-aliases", {"name": "group relative policy optimization"}), ("evidence-for", {"entity": "GSM8K"}),
        ("coauthors", {"author": "Nobody"}), ("repositories", {}),
        ("methods-for-benchmark", {"benchmark": INJECTION}),
    ]


def test_named_queries_give_the_same_answers_remote_and_local(seed_build, endpoint, local):
    result, _ = seed_build
    params = _params(result.graph)
    assert {n for n, _ in params} == set(sparql.named_queries())
    nonempty = 0
    for name, values in params:
        q = sparql.named_query(name)
        bindings = q.bindings(values)
        remote = sparql.run_endpoint(endpoint, q.text, bindings)
        here = sparql.run_local(local, q.text, bindings)
        assert remote.variables == here.variables, name
        assert remote.rows == here.rows, (name, values)
        nonempty += bool(here.rows)
    assert nonempty >= 9


def test_cli_endpoint_output_matches_local(seed_build, endpoint):
    _, out = seed_build
    runner = CliRunner()
    for fmt in ("csv", "json", "tsv", "table"):
        args = ["--name", "benchmarks-for-method", "--param", "method=GRPO", "--format", fmt]
        remote = runner.invoke(main, ["query", "--endpoint", endpoint, *args])
        here = runner.invoke(main, ["query", str(out), *args])
        assert remote.exit_code == 0, remote.output
        assert remote.stdout_bytes == here.stdout_bytes and len(here.output) > 100
    q = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"
    remote = runner.invoke(main, ["query", "--endpoint", endpoint, q, "--format", "csv"])
    here = runner.invoke(main, ["query", str(out / "kg.nt"), q, "--format", "csv"])
    assert remote.output == here.output
    ask = runner.invoke(main, ["query", "--endpoint", endpoint, "ASK { ?p kg:evaluatedOn ?b }"])
    assert ask.output == "true\n"


def test_construct_through_the_endpoint(endpoint, local):
    q = "CONSTRUCT { ?m kg:alias ?a } WHERE { ?m a kg:Method ; skos:altLabel ?a } "
    remote = sparql.run_endpoint(endpoint, q)
    assert remote.kind == "graph" and remote.triples
    assert remote.triples == sparql.run_local(local, q).triples


def test_endpoint_errors(endpoint):
    with pytest.raises(sparql.QueryError, match="400"):
        sparql.run_endpoint(endpoint, "SELECT * WHERE { ?s ?p }")
    with pytest.raises(sparql.ServiceNotAllowedError):
        sparql.run_endpoint(endpoint, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
    with pytest.raises(sparql.QueryError, match="cannot reach"):
        sparql.run_endpoint(f"http://127.0.0.1:{_free_port()}/query", "ASK {}", timeout=5)
    with pytest.raises(sparql.QueryError, match="http"):
        sparql.run_endpoint("file:///etc/passwd", "ASK {}")
