"""The pipeline's span groups, sentence starts and records, made fast, against spaCy's own calls.

Each component aligns a whole group of character offsets with the token offsets read
once a Doc; every span must be the one ``doc.char_span(..., alignment_mode="expand")``
gives, in every group, on the seed texts and on hand-written edge cases.
"""
from __future__ import annotations

from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START

from kg.extract import make_nlp, paper_text
from kg.extract.pipeline import COMPONENTS, _spans, make_doc

from conftest import SEEDS

ALPHABET = "aAbBeEgGsSxXzZ019 -.,;:()[]'\"+/\n\t\u00a0\u0130\u00e9\u2014"
EDGE_TEXTS = [
    "", " ", "a", "\n\n", "A b.  C d!\n\nE", "Title: X-Node\n\nWe  propose  \u0130stanbul (GRPO) e.g. 3km.  ",
    "  \n\n  x \U0001F600 y  ", "GPT-4o-mini's (LLMs)\u00a0and\tQwen2.5-7B.",
    "A   Title\n\nWe propose Group Relative Policy Optimization (GRPO), see https://github.com/a/b. It works.",
]
GROUPS = {  # group -> the character bounds of a span, read from its attributes
    "kg_urls": lambda d: (d["start"], d["end"]),
    "kg_abbrevs": lambda d: (d["short_start"], d["short_start"] + len(d["short"])),
    "kg_artifacts": lambda d: (d["start"], d["end"]),
    "kg_concepts": lambda d: (d["start"], d["end"]),
}


@lru_cache(maxsize=1)
def shared_nlp():
    return make_nlp()


@lru_cache(maxsize=1)
def seed_texts():
    from kg.ingest import read_paths
    from kg.ingest.merge import merge_papers

    return [paper_text(p) for p in merge_papers(read_paths([SEEDS])[0])]


def span_key(sp):
    return (sp.start, sp.end, sp.start_char, sp.end_char, sp.label_, sp.label, sp.kb_id, sp.id)


def check_groups(doc):
    """Every group is a SpanGroup of its own name whose spans are char_span's, one a record."""
    assert sorted(doc.spans) == sorted(GROUPS)
    for group, bounds in GROUPS.items():
        sg = doc.spans[group]
        data = doc.user_data[group]
        assert (sg.name, sg.attrs, len(sg)) == (group, {}, len(data))
        for sp, d in zip(sg, data):
            s, e = bounds(d)
            ref = doc.char_span(s, e, label=sp.label_, alignment_mode="expand")
            assert ref is not None and span_key(sp) == span_key(ref), (group, d)


def reference_sentence_starts(nlp, text):
    """Sentence starts set one token at a time through the public API."""
    doc = make_doc(nlp, text)
    for s, _ in shared_nlp()(make_doc(nlp, text)).user_data["kg_sents"]:
        sp = doc.char_span(s, s + 1, alignment_mode="expand")
        if sp is not None and len(sp):
            doc[sp.start].is_sent_start = True
    return doc.to_array([SENT_START]).tolist()


def test_span_groups_equal_char_span_on_the_seeds():
    nlp = shared_nlp()
    n = 0
    for text in seed_texts():
        doc = nlp(make_doc(nlp, text))
        check_groups(doc)
        n += sum(len(doc.spans[g]) for g in GROUPS)
    assert n > 1000  # the seeds hold thousands of spans: the comparison is not vacuous


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_span_groups_equal_char_span_on_edge_cases(text):
    nlp = shared_nlp()
    check_groups(nlp(make_doc(nlp, text)))
    check_groups(nlp(text))  # a Doc made by the pipeline itself, without kg's make_doc


def test_sentence_starts_equal_one_by_one_on_the_seeds():
    nlp = shared_nlp()
    for text in seed_texts()[:120]:
        doc = nlp(make_doc(nlp, text))
        assert doc.to_array([SENT_START]).tolist() == reference_sentence_starts(nlp, text)


def test_pipeline_keeps_its_named_components():
    nlp = shared_nlp()
    assert nlp.pipe_names == COMPONENTS
    docs = list(nlp.pipe(EDGE_TEXTS))
    for doc, text in zip(docs, EDGE_TEXTS):
        assert doc.text == text
        check_groups(doc)


def plain_spans(doc, found):
    """The reference: one char_span a span, kept where it aligns."""
    spans, data = [], []
    for s, e, label, d in found:
        sp = doc.char_span(s, e, label=label, alignment_mode="expand")
        if sp is not None:
            spans.append(sp)
            data.append(d)
    return spans, data


def outcome(fn, *args):
    try:
        spans, data = fn(*args)
        return [span_key(sp) for sp in spans], data
    except Exception as e:  # both must fail the same way where they fail
        return type(e).__name__


@settings(max_examples=80, deadline=None)
@given(text=st.text(alphabet=ALPHABET, max_size=60), data=st.data())
def test_group_alignment_equals_char_span(text, data):
    doc = make_doc(shared_nlp(), text)
    found = []
    for k in range(data.draw(st.integers(0, 6))):
        s = data.draw(st.integers(-2, len(text) + 2))
        e = data.draw(st.integers(s - 1, len(text) + 2))
        found.append((s, e, data.draw(st.sampled_from(["method", "concept", "ABBR"])), {"k": k}))
    assert outcome(_spans, doc, found) == outcome(plain_spans, doc, found)
