"""Extraction speed: abstracts per second of kg's pipeline vs bare tokenisation, in one run.

    python bench/bench_extract.py [--repeat 9] [--rounds 3]

The 343 seed papers are repeated to a few thousand texts; the reference is spaCy's blank
English pipeline tokenising the same texts (``nlp.pipe``), measured in the same process,
alternating with kg's pipeline, best of ``--rounds``. Prints both rates and their ratio.
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


def _best(fn, rounds):
    best = float("inf")
    for _ in range(rounds):
        t = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t)
    return best


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeat", type=int, default=9, help="copies of the 343 seed papers (default 9: 3,087 texts)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args(argv)

    papers = merge_papers(read_paths([SEEDS])[0]) * args.repeat
    texts = [paper_text(p) for p in papers]
    blank = spacy.blank("en")
    nlp = make_nlp()
    extract_papers(papers[:50], nlp=nlp)  # warm caches (compiled regexes, lexicons)

    t_tok = _best(lambda: [None for _ in blank.pipe(texts, batch_size=64)], args.rounds)
    t_ext = _best(lambda: extract_papers(papers, nlp=nlp), args.rounds)
    n = len(texts)
    chars = sum(map(len, texts))
    print(f"texts: {n} ({chars / n:.0f} characters on average)")
    print(f"bare tokenisation (spacy.blank('en').pipe): {n / t_tok:8.0f} abstracts/s  ({t_tok:.2f} s)")
    print(f"kg extraction (all components):            {n / t_ext:8.0f} abstracts/s  ({t_ext:.2f} s)")
    print(f"ratio extraction/tokenisation: {t_tok / t_ext:.2f}x (target >= 0.50)")


if __name__ == "__main__":
    main()
