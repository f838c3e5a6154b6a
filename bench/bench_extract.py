"""Extraction speed: abstracts per second of kg's pipeline vs bare tokenisation, in one run.

    python bench/bench_extract.py [--repeat 9] [--rounds 3] [--stages] [--clock wall|cpu]

The 343 seed papers are repeated to a few thousand texts; the reference is spaCy's blank
English pipeline tokenising the same texts (``nlp.pipe``), measured in the same process,
alternating with kg's pipeline, best of ``--rounds``. Prints both rates and their ratio.

``--stages`` also prints where the time goes on the 343 seed texts (ms, best of
``--rounds``): the tokeniser, each component on Docs the earlier ones have filled, the
records read off the Doc, and the pure steps inside ``kg_artifacts``.

``--clock cpu`` measures both sides in this process's CPU time instead of wall time: on a
machine whose cores other jobs share, wall times swing with their load.
"""
from __future__ import annotations

import argparse
import time
from pathlib import Path

import spacy

from kg.extract import extract_papers, make_nlp, paper_text
from kg.ingest import read_paths
from kg.ingest.merge import merge_papers

SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"


# wall time by default; ``--clock cpu`` counts only this process's CPU time, steadier when
# other jobs share the cores (both figures of a ratio always come from the same clock)
CLOCK = time.perf_counter


def _best(fn, rounds):
    best = float("inf")
    for _ in range(rounds):
        t = CLOCK()
        fn()
        best = min(best, CLOCK() - t)
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9, help="copies of the 343 seed papers (default 9: 3,087 texts)")
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--stages", action="store_true", help="also time each stage on the 343 seed texts")
    ap.add_argument("--clock", choices=["wall", "cpu"], default="wall",
                    help="wall time (default) or this process's CPU time, for both figures")
    args = ap.parse_args(argv)
    global CLOCK
    CLOCK = time.process_time if args.clock == "cpu" else time.perf_counter

    papers = merge_papers(read_paths([SEEDS])[0]) * args.repeat
    texts = [paper_text(p) for p in papers]
    blank = spacy.blank("en")
    nlp = make_nlp()
    extract_papers(papers[:50], nlp=nlp)  # warm caches (compiled regexes, lexicons)

    t_tok = _best(lambda: [None for _ in blank.pipe(texts, batch_size=64)], args.rounds)
    t_ext = _best(lambda: extract_papers(papers, nlp=nlp), args.rounds)
    n = len(texts)
    chars = sum(map(len, texts))
    print(f"texts: {n} ({chars / n:.0f} characters on average); clock: {args.clock}")
    print(f"bare tokenisation (spacy.blank('en').pipe): {n / t_tok:8.0f} abstracts/s  ({t_tok:.2f} s)")
    print(f"kg extraction (all components):            {n / t_ext:8.0f} abstracts/s  ({t_ext:.2f} s)")
    print(f"ratio extraction/tokenisation: {t_tok / t_ext:.2f}x (target >= 0.50)")
    if args.stages:
        stages(papers[:len(papers) // args.repeat], blank, nlp, args.rounds)


def stages(papers, blank, nlp, rounds):
    """Milliseconds of each stage on ``papers``, best of ``rounds`` (all stages in each round).

    Each component runs on Docs the earlier components have filled, as in the pipeline;
    within ``kg_artifacts``, its pure steps are timed on the inputs the component gives them.
    """
    from copy import copy

    from kg.extract import pipeline
    from kg.extract.abbreviations import find_abbreviations
    from kg.extract.artifacts import classify, find_candidates, scan_lower

    texts = [paper_text(p) for p in papers]
    title_ends = [t.find(pipeline.TITLE_SEP) if pipeline.TITLE_SEP in t else len(t) for t in texts]
    abbrevs = [find_abbreviations(t) for t in texts]
    skips = [[(s, e) for s, e, _ in pipeline.find_urls(t)] for t in texts]
    sents = [pipeline.sentence_bounds(t, e) for t, e in zip(texts, title_ends)]
    scans = [scan_lower(t) for t in texts]
    inputs = list(zip(texts, title_ends, sents, abbrevs, skips, scans))
    cands = [find_candidates(t, e, a, k, sc) for t, e, _, a, k, sc in inputs]

    def run_classify():
        for (t, e, s, a, _, _), cs in zip(inputs, cands):
            classify(t, e, s, [copy(c) for c in cs], a)  # classify sets type and role on its input

    docs = []
    steps = {"tokenisation (the reference: spacy.blank('en').pipe)": lambda: [None for _ in blank.pipe(texts, batch_size=64)],
             "kg's tokenisation (make_doc)": lambda: docs.__setitem__(slice(None), [pipeline.make_doc(nlp, t) for t in texts])}
    for name, component in nlp.pipeline:
        steps[f"component {name}"] = lambda component=component: [component(d) for d in docs]
    steps["records from the Doc (doc_to_extraction)"] = lambda: [pipeline.doc_to_extraction(d, "p") for d in docs]
    steps["whole extraction (extract_papers)"] = lambda: pipeline.extract_papers(papers, nlp=nlp)
    steps["  in kg_artifacts: lower-case pass (scan_lower)"] = lambda: [scan_lower(t) for t in texts]
    steps["  in kg_artifacts: candidates (find_candidates)"] = \
        lambda: [find_candidates(t, e, a, k, sc) for t, e, _, a, k, sc in inputs]
    steps["  in kg_artifacts: filters, type, role (classify, with copies)"] = run_classify
    steps["  (the copies of the candidates)"] = lambda: [[copy(c) for c in cs] for cs in cands]
    best = {name: float("inf") for name in steps}
    for _ in range(rounds):
        for name, fn in steps.items():
            t = CLOCK()
            fn()
            best[name] = min(best[name], CLOCK() - t)
    print(f"\nstages on {len(texts)} texts (ms, best of {rounds}):")
    print("| stage | ms |\n|---|---|")
    for name, sec in best.items():
        print(f"| {name} | {sec * 1000:.0f} |")


if __name__ == "__main__":
    main()
