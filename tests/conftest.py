"""Shared test fixtures: paths to ../shared and one seed build per test session."""
from __future__ import annotations

from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
FIXTURES = SHARED / "fixtures"
GOLD = SHARED / "gold"


def reference_sentence_starts(nlp, text):
    """The SENT_START column of ``text``'s Doc with kg's sentence bounds set one token at a
    time through spaCy's public API (and every other token marked as no start, as spaCy's
    sentencizer marks them): what ``kg_sentences`` must give."""
    from spacy.attrs import SENT_START

    from kg.extract.pipeline import make_doc, sentence_bounds
    from kg.extract.text import TITLE_SEP

    doc = make_doc(nlp, text)
    title_end = text.find(TITLE_SEP) if TITLE_SEP in text else len(text)
    for s, _ in sentence_bounds(text, title_end):
        sp = doc.char_span(s, s + 1, alignment_mode="expand")
        if sp is not None and len(sp):
            doc[sp.start].is_sent_start = True
    if any(t.is_sent_start for t in doc):
        for t in doc:
            if t.is_sent_start is None:
                t.is_sent_start = False
    return doc.to_array([SENT_START]).tolist()


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory):
    """The seed pages built once, with every export format, into a temporary directory.

    Tests must not change ``result.graph`` (copy it first).
    """
    from kg.build import run_build
    from kg.export import EXPORTERS

    out = tmp_path_factory.mktemp("seed_exports")
    formats = tuple(f for f in EXPORTERS if f != "json")
    result = run_build([SEEDS], out, formats=_available(formats))
    return result, out


def _available(formats):
    """Formats whose exporter module exists (all of them once every exporter is in)."""
    import importlib

    from kg.export import EXPORTERS

    ok = []
    for f in formats:
        module = EXPORTERS[f][1].split(":")[0]
        try:
            importlib.import_module(module)
        except ModuleNotFoundError:
            continue
        ok.append(f)
    return tuple(ok)
