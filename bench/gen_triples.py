"""A synthetic RDF export in kg's vocabulary, of any size (about 160 triples a paper).

A networkx graph that follows kg's schema (:mod:`kg.graph.schema`) is generated (papers,
authors, organisations, methods, models, benchmarks, concepts, repositories; every
extracted edge with its sentence, offsets, rule and confidence) and written with kg's own
exporter (:func:`kg.export.rdf.write_ntriples`), so the triples are exactly what
``kg build --format nt`` writes for a corpus of that size. Popularity is Zipf-like, as in
real listings: a few methods and benchmarks are used by many papers, most by one or two.
Deterministic for a given ``--seed``.

Example::

    .venv/bin/python bench/gen_triples.py --papers 6300 -o bench/out/sparql/kg-6300p.nt
"""
from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

import networkx as nx

__all__ = ["generate_graph", "main"]

RULES = {  # edge kind -> (rules, confidences) the extractor uses for it
    "proposes": (["proposed_name", "acronym_definition", "title_prefix"], [0.9, 0.85, 0.8]),
    "uses": (["coined", "model_family", "listed_name", "named"], [0.6, 0.7, 0.45, 0.65]),
    "evaluated_on": (["benchmark_context", "coined"], [0.7, 0.6]),
    "about": (["concept_lexicon"], [0.8]),
}
WORDS = ("policy reward graph vision agent token retrieval memory diffusion reasoning planning "
         "alignment sparse latent contrastive causal multi scale robust").split()


def _name(rng: random.Random, i: int, kind: str) -> str:
    a, b = rng.choice(WORDS), rng.choice(WORDS)
    if kind == "benchmark":
        return f"{a.capitalize()}{b.capitalize()}Bench-{i}"
    if kind == "model":
        return f"{a.capitalize()}LM-{i % 97}B-{i}"
    return f"{a[:2].upper()}{b[:2].upper()}{i}"


def _popularity(n: int, offset: float = 10.0) -> list[float]:
    """Cumulative Zipf-like weights 1 / (rank + offset): the most used of 3,800 methods is
    drawn about 2% of the time, the median one about 0.01%, as in real listings."""
    out, total = [], 0.0
    for rank in range(n):
        total += 1.0 / (rank + offset)
        out.append(total)
    return out


def generate_graph(papers: int, seed: int = 0) -> nx.MultiDiGraph:
    """A kg-schema graph with ``papers`` papers."""
    rng = random.Random(seed)
    g = nx.MultiDiGraph(name="synthetic")
    sizes = {"method": max(10, papers // 2), "model": max(5, papers // 15), "benchmark": max(5, papers // 20),
             "concept": max(5, min(400, papers // 20))}
    entity_type = {"method": "Method", "model": "Model", "benchmark": "Benchmark", "concept": "Concept"}
    entities = {}
    for kind, n in sizes.items():
        ids = []
        for i in range(n):
            label = _name(rng, i, kind) if kind != "concept" else f"{rng.choice(WORDS)} {rng.choice(WORDS)} {i}"
            node = f"{kind}:{label.lower()}"
            aliases = [label.lower()] if rng.random() < 0.3 else []
            g.add_node(node, type=entity_type[kind], label=label, aliases=aliases, support=0, proposed_in=0,
                       merged_by=["same_name"] if aliases else [])
            ids.append(node)
        entities[kind] = ids
    weights = {kind: _popularity(len(ids), 10.0 if kind != "concept" else 3.0) for kind, ids in entities.items()}

    def draw(kind: str) -> str:
        return rng.choices(entities[kind], cum_weights=weights[kind])[0]

    authors = [f"author:person-{i}" for i in range(papers * 2)]
    orgs = [f"org:lab-{i}" for i in range(max(3, papers // 200))]
    for i, o in enumerate(orgs):
        g.add_node(o, type="Organization", label=f"Lab {i}", handle=f"lab-{i}")

    def edge(p, target, rel, sentence, count=1):
        rules, confs = RULES[rel]
        j = rng.randrange(len(rules))
        start = rng.randrange(0, 800)
        g.add_edge(p, target, key=rel, relation=rel, evidence=sentence, start=start, end=start + 8,
                   surface=g.nodes[target]["label"], rule=rules[j], confidence=confs[j], mentions=count)
        g.nodes[target]["support"] += 1

    for i in range(papers):
        p = f"paper:{i:08x}"
        title = f"{rng.choice(WORDS).capitalize()} {rng.choice(WORDS)} for {rng.choice(WORDS)} {i}"
        abstract = " ".join(f"We study {rng.choice(WORDS)} {rng.choice(WORDS)} with {rng.choice(WORDS)}."
                            for _ in range(6))
        g.add_node(p, type="Paper", label=title, title=title, abstract=abstract, paper_id=f"{i:08x}",
                   date=f"20{rng.randint(18, 25)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                   upvotes=rng.randint(0, 50), author_count=2, keywords=[], categories=[])
        for pos, a in enumerate(rng.sample(authors, 2), 1):
            if a not in g:
                g.add_node(a, type="Author", label=f"Person {a[14:]}", name=f"Person {a[14:]}")
            g.add_edge(p, a, key="authored_by", relation="authored_by", position=pos, rule="metadata",
                       provenance="authors")
        if rng.random() < 0.2:
            g.add_edge(p, rng.choice(orgs), key="published_by", relation="published_by", rule="metadata",
                       provenance="organization")
        sentence = f"We propose a new approach and evaluate it in paper {i}."
        proposed = entities["method"][(i * 7919) % len(entities["method"])]
        edge(p, proposed, "proposes", sentence)
        g.nodes[proposed]["proposed_in"] += 1
        for _ in range(3):
            kind = "method" if rng.random() < 0.75 else "model"
            target = draw(kind)
            if not g.has_edge(p, target, key="uses") and target != proposed:
                edge(p, target, "uses", f"We build on {g.nodes[target]['label']}.", rng.randint(1, 3))
        for _ in range(2):
            b = draw("benchmark")
            if not g.has_edge(p, b, key="evaluated_on"):
                edge(p, b, "evaluated_on", f"Experiments on {g.nodes[b]['label']} show gains.")
        for _ in range(3):
            c = draw("concept")
            if not g.has_edge(p, c, key="about"):
                edge(p, c, "about", abstract[:60])
        if rng.random() < 0.3:
            r = f"repo:github.com/lab{i % 50}/proj-{i}"
            g.add_node(r, type="Repository", label=r[5:], url=f"https://github.com/lab{i % 50}/proj-{i}",
                       kind="github")
            g.add_edge(p, r, key="has_code", relation="has_code", rule="url_regex", evidence="Code is available.",
                       start=900, end=930, raw=r[5:], confidence=0.95)
    return g


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--papers", type=int, default=6300, help="number of papers (about 160 triples each)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("-o", "--out", type=Path, default=Path("bench/out/sparql/kg-6300p.nt"))
    args = ap.parse_args(argv)
    from kg.export.rdf import write_ntriples

    t0 = time.perf_counter()
    g = generate_graph(args.papers, args.seed)
    t1 = time.perf_counter()
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_ntriples(g, args.out)
    t2 = time.perf_counter()
    with open(args.out, "rb") as f:
        n = sum(1 for _ in f)
    print(f"{args.out}: {n} triples ({g.number_of_nodes()} nodes, {g.number_of_edges()} edges); "
          f"graph {t1 - t0:.1f} s, export {t2 - t1:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
