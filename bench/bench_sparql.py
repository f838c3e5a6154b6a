"""SPARQL benchmark: embedded Oxigraph (oxrdflib) against rdflib's in-memory store.

Both engines are driven through the same rdflib API (``Graph.parse``, ``Graph.query``
with ``initBindings``), on a synthetic export of about 1M triples in kg's vocabulary
(bench/gen_triples.py, generated on first use). For each engine: the load time, then each
query's time, wall and CPU (best of ``--repeat`` runs; for rdflib, of up to
``--rdflib-repeat`` runs within ``--rdflib-budget`` seconds). The answers of the two engines
are compared before any figure is printed. Last, ``kg query``'s own path
(:func:`kg.rdf.sparql.run_local`) on the Oxigraph graph is timed against the same function
going through oxrdflib's ``Graph.query``. Results are recorded in bench/README.md.

Example::

    .venv/bin/python bench/bench_sparql.py                # ~1M triples
    .venv/bin/python bench/bench_sparql.py --papers 1000  # a quick run
"""
from __future__ import annotations

import argparse
import gc
import os
import platform
import signal
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent))
sys.path.insert(0, str(HERE))

PREFIXES = """PREFIX kg: <https://w3id.org/kg/vocab#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
"""

#: a long answer (one row per evidence node with a confidence), where turning rows into
#: Python terms, not the engine, takes most of the time
LISTING = PREFIXES + "SELECT ?e ?rule ?c WHERE { ?e kg:rule ?rule ; kg:confidence ?c } ORDER BY ?e"

#: name -> (kind, query text or named query, bindings). "aggregate" queries are the target's;
#: "join first" ones are the same questions in their former text (grouping the joined rows
#: instead of joining labels to the counted groups), kept to show what the text changes
#: for each engine.
QUERIES = [
    ("triples per predicate", "aggregate",
     "SELECT ?p (COUNT(*) AS ?n) WHERE { ?s ?p ?o } GROUP BY ?p ORDER BY DESC(?n) ?p", None),
    ("papers per benchmark, top 20", "aggregate", PREFIXES + """
SELECT ?b ?label ?n
WHERE {
  { SELECT ?b (COUNT(DISTINCT ?paper) AS ?n) WHERE { ?paper kg:evaluatedOn ?b } GROUP BY ?b }
  ?b skos:prefLabel ?label
}
ORDER BY DESC(?n) ?b LIMIT 20""", None),
    ("papers per benchmark, top 20, join first", "join first", PREFIXES + """
SELECT ?b ?label (COUNT(DISTINCT ?paper) AS ?n)
WHERE { ?paper kg:evaluatedOn ?b . ?b skos:prefLabel ?label }
GROUP BY ?b ?label ORDER BY DESC(?n) ?b LIMIT 20""", None),
    ("evidence per rule, mean confidence", "aggregate", PREFIXES + """
SELECT ?rule (COUNT(?e) AS ?n) (AVG(?c) AS ?mean)
WHERE { ?e a kg:Evidence ; kg:rule ?rule ; kg:confidence ?c }
GROUP BY ?rule ORDER BY ?rule""", None),
    ("top-concepts (named)", "aggregate", "@top-concepts", {}),
    ("top-concepts, join first", "join first", PREFIXES + """
SELECT ?concept ?label (COUNT(DISTINCT ?paper) AS ?papers)
WHERE {
  ?concept a skos:Concept ;
           skos:prefLabel ?label .
  ?paper kg:aboutConcept ?concept .
}
GROUP BY ?concept ?label
ORDER BY DESC(?papers) ?label ?concept
LIMIT 25""", None),
    ("methods-sharing-benchmark (named, bound)", "aggregate", "@methods-sharing-benchmark", {"method": "@popular"}),
    ("benchmarks-for-method (named, bound)", "lookup", "@benchmarks-for-method", {"method": "@popular"}),
    ("entity-aliases (named, bound)", "lookup", "@entity-aliases", {"name": "@popular"}),
    ("evidence listing: rule and confidence of each", "listing", LISTING, None),
]

#: questions asked in two texts: their answers must be the same as well
SAME_QUESTION = {"papers per benchmark, top 20, join first": "papers per benchmark, top 20",
                 "top-concepts, join first": "top-concepts (named)"}


def _popular(g) -> str:
    """The label of the 10th most used method: popular, not the extreme."""
    res = g.query(PREFIXES + """SELECT ?label (COUNT(?p) AS ?n) WHERE { ?p kg:usesMethod ?m . ?m skos:prefLabel ?label }
                                GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 10""")
    return str(list(res)[-1][0])


def _resolve(text, bindings, popular):
    from kg.rdf.sparql import named_query

    if text.startswith("@"):
        q = named_query(text[1:])
        values = {k: (popular if v == "@popular" else v) for k, v in (bindings or {}).items()}
        return q.text, q.bindings(values)
    return text, {}


def _answers(g, text, bindings):
    from kg.rdf.sparql import _norm

    rows = []
    for row in g.query(text, initBindings=bindings):
        rows.append(tuple(_norm(t) if t is not None else None for t in row))
    return rows


def _same(a, b) -> bool:
    """Equal answers; an AVG may differ in its last digits between engines."""
    if len(a) != len(b):
        return False
    for ra, rb in zip(a, b):
        for x, y in zip(ra, rb):
            if x == y:
                continue
            try:
                if abs(float(x) - float(y)) > 1e-9:
                    return False
            except (TypeError, ValueError):
                return False
    return True


class _TimeUp(Exception):
    pass


#: whether the garbage collector runs during timed steps (``--gc off`` is timeit's way;
#: ``on``, the default, is how the engines run for a user: rdflib's millions of Python
#: objects make each full collection slow, Oxigraph's data is not Python objects)
GC_ON = True


def _time(fn, repeat, limit=None, budget=None):
    """(best wall seconds, best CPU seconds of this process, answer) over ``repeat`` runs;
    (None, None, None) when a run exceeds ``limit`` seconds (rdflib's engine is pure Python,
    so an alarm can stop it). With a ``budget``, no further run starts once the runs so far
    took that many seconds. CPU time counts only this process's work, so it moves less than
    wall time when other jobs share the cores (Oxigraph's bulk load uses several threads,
    so its CPU time is above its wall time)."""
    best, best_cpu, out, spent = None, None, None, 0.0

    def alarm(*_):
        raise _TimeUp()

    for _ in range(repeat):
        if budget is not None and spent >= budget:
            break
        gc.collect()
        if not GC_ON:
            gc.disable()
        old = signal.signal(signal.SIGALRM, alarm) if limit else None
        if limit:
            signal.setitimer(signal.ITIMER_REAL, limit)
        t, c = time.perf_counter(), time.process_time()
        try:
            out = fn()
        except _TimeUp:
            return None, None, None
        finally:
            gc.enable()
            if limit:
                signal.setitimer(signal.ITIMER_REAL, 0)
                signal.signal(signal.SIGALRM, old)
        dt, dc = time.perf_counter() - t, time.process_time() - c
        spent += dt
        best = dt if best is None else min(best, dt)
        best_cpu = dc if best_cpu is None else min(best_cpu, dc)
    return best, best_cpu, out


def _kg_path(ox, resolved, repeat) -> None:
    """``kg query``'s own path on the same Oxigraph graph: :func:`kg.rdf.sparql.run_local`
    (the store asked directly, kg's term conversion) against the same function going
    through oxrdflib's ``Graph.query`` (its path before), answer and TSV output each."""
    from kg.rdf import sparql

    direct = sparql._oxigraph_store

    def run(q, b, through_oxrdflib, fmt=None):
        sparql._oxigraph_store = (lambda graph: None) if through_oxrdflib else direct
        try:
            res = sparql.run_local(ox, q, b)
            return sparql.format_result(res, fmt) if fmt else res
        finally:
            sparql._oxigraph_store = direct

    print("\nkg's query path on the Oxigraph graph (sparql.run_local, then format_result tsv):")
    print("| query | through oxrdflib (s) | store asked directly (s) | ratio | CPU s: through oxrdflib, directly, ratio |")
    print("|---|---:|---:|---:|---:|")
    for name, kind, q, b in resolved:
        if kind not in ("listing", "aggregate") or "sharing" in name:
            continue
        for fmt in (None, "tsv"):
            t_via, c_via, a_via = _time(lambda: run(q, b, True, fmt), repeat)
            t_dir, c_dir, a_dir = _time(lambda: run(q, b, False, fmt), repeat)
            assert a_via == a_dir, name
            label = name + (", answer printed as TSV" if fmt else ", answer")
            print(f"| {label} | {t_via:.4f} | {t_dir:.4f} | {t_via / t_dir:.1f}x "
                  f"| {c_via:.4f}, {c_dir:.4f}, {c_via / max(c_dir, 1e-6):.1f}x |", flush=True)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", type=int, default=6300, help="synthetic corpus size (about 160 triples a paper)")
    ap.add_argument("--data", type=Path, default=None, help="an N-Triples file to use instead of the synthetic one")
    ap.add_argument("--repeat", type=int, default=3, help="runs per query (the best is kept)")
    ap.add_argument("--rdflib-repeat", type=int, default=3,
                    help="runs per query for rdflib, as long as its runs so far took less than --rdflib-budget")
    ap.add_argument("--rdflib-budget", type=float, default=10.0,
                    help="seconds of rdflib runs of one query after which no further run starts "
                         "(a query of several seconds is timed once: 3 runs of each would add minutes)")
    ap.add_argument("--gc", choices=("on", "off"), default="on",
                    help="garbage collector during timed steps (off: as timeit; on: as a user runs it)")
    ap.add_argument("--rdflib-limit", type=float, default=120.0,
                    help="seconds after which an rdflib query is stopped (its ratio is then a lower bound)")
    args = ap.parse_args(argv)
    global GC_ON
    GC_ON = args.gc == "on"

    import rdflib

    path = args.data or HERE / "out" / "sparql" / f"kg-{args.papers}p.nt"
    if not path.exists():
        import gen_triples

        gen_triples.main(["--papers", str(args.papers), "-o", str(path)])
    with open(path, "rb") as f:
        n_triples = sum(1 for _ in f)
    print(f"data: {path} ({n_triples:,} triples, {path.stat().st_size / 1e6:.0f} MB)", flush=True)
    print(f"python {platform.python_version()}, rdflib {rdflib.__version__}, "
          f"pyoxigraph {__import__('pyoxigraph').__version__}, {platform.machine()}, "
          f"{os.cpu_count()} CPUs, garbage collector {args.gc}", flush=True)

    def load_oxigraph():
        g = rdflib.Graph(store="Oxigraph")
        g.parse(str(path), format="ox-nt", transactional=False)
        return g

    def load_rdflib():
        g = rdflib.Graph()
        g.parse(str(path), format="nt")
        return g

    # Each engine is measured on its own: Oxigraph first, then rdflib (whose millions of
    # Python objects would otherwise slow everything else in the process); then the answers
    # are compared.
    t_ox, c_ox, ox = _time(load_oxigraph, 1)
    print(f"load: oxigraph {t_ox:.2f} s", flush=True)
    popular = _popular(ox)
    print(f"bound method: {popular}", flush=True)
    resolved = [(name, kind, *_resolve(text, bindings, popular)) for name, kind, text, bindings in QUERIES]
    timed = []
    for name, kind, q, b in resolved:
        t_o, c_o, a_o = _time(lambda: _answers(ox, q, b), args.repeat)
        timed.append((t_o, c_o, a_o))
        print(f"{name}: oxigraph {t_o:.4f} s", flush=True)
    answers = {name: a_o for (name, *_), (_, _, a_o) in zip(resolved, timed)}
    for name, other in SAME_QUESTION.items():
        if not _same(answers[name], answers[other]):
            print(f"ANSWERS DIFFER between the two texts of {other}", file=sys.stderr)
            return 1
    t_rl, c_rl, rl = _time(load_rdflib, 1)
    print(f"load: rdflib   {t_rl:.2f} s", flush=True)
    assert len(ox) == len(rl) == n_triples, (len(ox), len(rl), n_triples)

    results = [("load (parse N-Triples into the store)", "load", t_rl, t_ox, "", c_rl, c_ox)]
    for (name, kind, q, b), (t_o, c_o, a_o) in zip(resolved, timed):
        t_r, c_r, a_r = _time(lambda: _answers(rl, q, b), args.rdflib_repeat, args.rdflib_limit, args.rdflib_budget)
        if t_r is None:  # stopped: report the limit, the ratio is a lower bound
            results.append((f"{name} [{len(a_o)} rows]", kind, args.rdflib_limit, t_o, ">", args.rdflib_limit, c_o))
            print(f"{name}: rdflib > {args.rdflib_limit:.0f} s (stopped), oxigraph {t_o:.4f} s", flush=True)
            continue
        if not _same(a_o, a_r):
            print(f"ANSWERS DIFFER for {name}: oxigraph {len(a_o)} rows, rdflib {len(a_r)} rows", file=sys.stderr)
            return 1
        results.append((f"{name} [{len(a_o)} rows]", kind, t_r, t_o, "", c_r, c_o))
        print(f"{name}: rdflib {t_r:.3f} s, oxigraph {t_o:.4f} s, x{t_r / t_o:.0f}", flush=True)

    print()
    print("| step | kind | rdflib (s) | Oxigraph (s) | rdflib / Oxigraph | CPU s: rdflib, Oxigraph, ratio |")
    print("|---|---|---:|---:|---:|---:|")
    for name, kind, t_r, t_o, bound, c_r, c_o in results:
        print(f"| {name} | {kind} | {bound}{t_r:.3f} | {t_o:.4f} | {bound}{t_r / t_o:.0f}x "
              f"| {bound}{c_r:.3f}, {c_o:.4f}, {bound}{c_r / max(c_o, 1e-6):.0f}x |")
    agg = [t_r / t_o for _, kind, t_r, t_o, *_ in results if kind == "aggregate"]
    agg_cpu = [c_r / max(c_o, 1e-6) for _, kind, _, _, _, c_r, c_o in results if kind == "aggregate"]
    print(f"\naggregate queries: Oxigraph is {min(agg):.0f}x to {max(agg):.0f}x faster "
          f"(target: at least 20x){'' if min(agg) >= 20 else '  -- BELOW TARGET'}")
    print(f"in CPU time: {min(agg_cpu):.0f}x to {max(agg_cpu):.0f}x")
    first = [t_r / t_o for _, kind, t_r, t_o, *_ in results if kind == "join first"]
    print(f"the same questions in their join-first texts: {min(first):.0f}x to {max(first):.0f}x")
    del rl
    gc.collect()
    _kg_path(ox, resolved, args.repeat)
    return 0


if __name__ == "__main__":
    sys.exit(main())
