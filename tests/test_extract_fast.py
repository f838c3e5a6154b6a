"""The extractor's fast paths against the simple code they replace (kept here as the reference).

Each fast path must give exactly what the plain version gives, on hand-written edge cases
and on generated text (hypothesis): the speed-ups may not change a single output.
"""
from __future__ import annotations

import re
from functools import lru_cache

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.attrs import SENT_START

from kg.extract import make_nlp
from kg.extract.abbreviations import _word_before
from kg.extract.pipeline import _overlap_test, _span, make_doc, sentence_bounds

# text with the characters the detectors care about: capitals, digits, hyphens, dots,
# brackets, several kinds of white space, a non-ASCII letter whose lower case is longer
ALPHABET = "aAbBeEgGsSxXzZ019 -.,;:()[]'\"+/\n\t\u00a0\u0130\u00e9\u2014"
texts = st.text(alphabet=ALPHABET, max_size=80)

EDGE_TEXTS = [
    "", " ", "a", "\n\n", "A b.  C d!\n\nE", "Title: X-Node\n\nWe  propose  \u0130stanbul (GRPO) e.g. 3km.  ",
    "  \n\n  x \U0001F600 y  ", "GPT-4o-mini's (LLMs)\u00a0and\tQwen2.5-7B.",
]


@lru_cache(maxsize=1)
def shared_nlp():
    return make_nlp()  # hypothesis runs a test many times: one pipeline for all of them


@pytest.fixture(scope="module")
def nlp():
    return shared_nlp()


def reference_span(doc, start, end, label):
    sp = doc.char_span(start, end, label=label, alignment_mode="expand")
    return None if sp is None else (sp.start, sp.end, sp.label_)


def fast_span(doc, start, end, label):
    sp = _span(doc, start, end, label)
    return None if sp is None else (sp.start, sp.end, sp.label_)


def outcome(fn, *args):
    try:
        return fn(*args)
    except Exception as e:  # both must fail the same way where they fail
        return type(e).__name__


@pytest.mark.parametrize("text", EDGE_TEXTS)
def test_span_alignment_equals_char_span_on_every_offset_pair(nlp, text):
    doc = make_doc(nlp, text)
    for start in range(-1, len(text) + 2):
        for end in range(start - 1, len(text) + 2):
            assert outcome(fast_span, doc, start, end, "L") == outcome(reference_span, doc, start, end, "L"), \
                (text, start, end)


@settings(max_examples=60, deadline=None)
@given(text=texts, data=st.data())
def test_span_alignment_equals_char_span_on_generated_text(text, data):
    nlp = shared_nlp()
    doc = make_doc(nlp, text)
    for _ in range(10):
        start = data.draw(st.integers(-1, len(text) + 1))
        end = data.draw(st.integers(start - 1, len(text) + 2))
        assert outcome(fast_span, doc, start, end, "L") == outcome(reference_span, doc, start, end, "L")


def reference_sentence_starts(nlp, text):
    doc = make_doc(nlp, text)
    title_end = text.find("\n\n") if "\n\n" in text else len(text)
    for s, _ in sentence_bounds(text, title_end):
        sp = doc.char_span(s, s + 1, alignment_mode="expand")
        if sp is not None and len(sp):
            doc[sp.start].is_sent_start = True
    return doc.to_array([SENT_START]).tolist()


@pytest.mark.parametrize("text", EDGE_TEXTS + ["We use GRPO. It works! Fig. 2 shows it.\n\nA b. C d."])
def test_sentence_starts_set_at_once_equal_one_by_one(nlp, text):
    doc = nlp(make_doc(nlp, text))
    assert doc.to_array([SENT_START]).tolist() == reference_sentence_starts(nlp, text)


@settings(max_examples=60, deadline=None)
@given(text=texts)
def test_sentence_starts_on_generated_text(text):
    nlp = shared_nlp()
    doc = nlp(make_doc(nlp, text))
    assert doc.to_array([SENT_START]).tolist() == reference_sentence_starts(nlp, text)


def reference_word_before(text, end):
    m = re.search(r"(\S+)\s*$", text[:end])
    return None if m is None else (m.start(1), m.end(1))


@settings(max_examples=300, deadline=None)
@given(text=texts, data=st.data())
def test_word_before_equals_the_anchored_pattern(text, data):
    end = data.draw(st.integers(0, len(text)))
    assert _word_before(text, end) == reference_word_before(text, end)


@settings(max_examples=300, deadline=None)
@given(intervals=st.lists(st.tuples(st.integers(0, 40), st.integers(0, 40)), max_size=8),
       s=st.integers(0, 40), e=st.integers(0, 40))
def test_overlap_test_equals_any(intervals, s, e):
    assert _overlap_test(intervals)(s, e) == any(a < e and s < b for a, b in intervals)
