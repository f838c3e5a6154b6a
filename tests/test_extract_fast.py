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
from kg.extract.intervals import overlap_test
from kg.extract.pipeline import _spans, make_doc

from conftest import reference_sentence_starts

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
    spans, _ = _spans(doc, [(start, end, label, None)])
    return (spans[0].start, spans[0].end, spans[0].label_) if spans else None


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
    assert overlap_test(intervals)(s, e) == any(a < e and s < b for a, b in intervals)


# --- patterns rewritten to start with a character: the plain patterns are the reference --

from kg.extract import artifacts, concepts, lexicon  # noqa: E402
from kg.extract.anchored import finditer_at, occurrences  # noqa: E402
from kg.extract.trie import trie_pattern  # noqa: E402

LOOKBEHIND = r"(?<![\w\-])"
REFERENCE = {
    "family": (re.compile(LOOKBEHIND + trie_pattern(lexicon.model_families()) + r"(?![A-Za-z])"),
               artifacts._family_rx()),
    "generic acronym": (re.compile(LOOKBEHIND + trie_pattern(concepts.CONCEPT_ACRONYMS) + r"s?(?![\w\-])"),
                        concepts._acronym_rx()),
    "plain name": (re.compile(LOOKBEHIND + r"[A-Z][a-z]+(?:[\-][A-Z0-9][\w]*)?(?:['\u2019]s(?: [A-Z][a-z]+){1,3})?"
                              r"(?:\s\d+(?:\.\d+)?)?(?![\w\-])"),
                   artifacts._PLAIN_NAME),
    "appositive": (re.compile(
        r"\b(?:a|an)\s+(?:new|novel|simple|unified|general|lightweight|efficient|effective|scalable|principled|"
        r"generalizable|flexible|modular|large-scale|comprehensive|challenging)\s+(?:[\w\-]+\s+){0,3}?(?:"
        + artifacts._KIND_NOUNS + r")s?\s*(?:,|:|\u2014|-{1,2})\s*(?=[A-Z])", re.I), artifacts._APPOSITIVE_BEFORE),
}
# pieces of text that make these patterns match, half-match and fail: words of the lexicons,
# case variants, joiners, and characters whose case rules are odd (long s, Kelvin sign, dotted I)
PIECES = (list(lexicon.model_families()[:20]) + sorted(concepts.CONCEPT_ACRONYMS)[:12]
          + list(lexicon.words("method_names")[:10]) + sorted(lexicon.concept_terms())[:10]
          + ["a", "A", "an", "AN", "new", "NOVEL", "framework", "Method", "benchmark", "datasets", "we propose",
             "Proposes", "called", "iPhone", "x'yZ", "GPT-4o's", "7B", "v2", "2.5", "Kestrel", "Kestrel's Last", "\u2019s Owl", "s", "es", "-", "--",
             ",", ":", ".", "(", ")", "/", "+", "'", "\u2014", " ", "  ", "\n", "\t", "\u00a0", "\u017f", "\u212a",
             "\u0130", "\u00e9", "_", "x", "Z", "0"])
soup = st.lists(st.sampled_from(PIECES), max_size=24).map("".join)


def spans(matches):
    return [m.span() for m in matches]


@pytest.mark.parametrize("name", sorted(REFERENCE))
@settings(max_examples=400, deadline=None)
@given(text=soup)
def test_rewritten_pattern_equals_plain_pattern(name, text):
    plain, fast = REFERENCE[name]
    assert spans(fast.finditer(text)) == spans(plain.finditer(text))


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(soup, st.text(alphabet="aAbBzZ09-.+'^ xYiP(\n", max_size=40)))
def test_name_tokens_equal_the_plain_search(text):
    assert [(m.start(), m.group(0)) for m in artifacts._name_tokens(text)] == \
        [(m.start(), m.group(0)) for m in artifacts._NAME_TOKEN.finditer(text)]


@pytest.mark.parametrize("text, tokens", [
    ("see X'sY and iPhone", ["X'sY", "iPhone"]),  # "sY" inside the capitalised token: not reported
    ("see iP'XY now", ["iP'XY"]),  # "XY" inside the lower-case token: the plain search decides
    ("GraphGPT, xLSTM and ChatGPT's", ["GraphGPT", "xLSTM", "ChatGPT's"]),
])
def test_name_tokens_where_the_two_kinds_of_start_meet(text, tokens):
    assert [m.group(0) for m in artifacts._name_tokens(text)] == tokens
    assert [m.group(0) for m in artifacts._NAME_TOKEN.finditer(text)] == tokens


@settings(max_examples=400, deadline=None)
@given(text=st.one_of(soup, st.lists(st.sampled_from(["benchmark", "datasets", "suite", "Suite", "environment",
                                                      "leaderboard", "x", " ", "\t", "\u00a0", "-", "s", "."]),
                                     max_size=10).map("".join)))
def test_bench_word_tried_before_the_words_equals_the_lookbehind(text):
    plain = re.compile(r"(?<=\s)(?:benchmark|dataset|suite|environment|leaderboard)s?\b")
    starts = [i - 1 for i in occurrences(text, artifacts._BENCH_WORDS)]
    assert [m.span(1) for m in finditer_at(artifacts._BENCH_WORD, text, starts)] == spans(plain.finditer(text))


APPOSITIVE_PIECES = ["a", "A", "an", "AN", "new", "NOVEL", "simple", "general", "generalizable", "large-scale",
                     "framework", "Method", "methods", "benchmark", "x", "-", "--", ",", ":", "\u2014", " ", "  ", "\n",
                     "\x1c", "Z", "z", "ba", "_a", "\u017f", "\u00e9"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(APPOSITIVE_PIECES), max_size=14).map(" ".join))
def test_appositive_ends_equal_the_plain_search(text):
    got = artifacts._trigger_ends(artifacts._APPOSITIVE_BEFORE, text)
    assert got == [m.end() for m in REFERENCE["appositive"][0].finditer(text)]


def test_appositive_on_a_sentence():
    text = "We build a new  retrieval framework -- Kestrel, and AN efficient method: Owlet."
    assert [text[e:e + 6] for e in artifacts._trigger_ends(artifacts._APPOSITIVE_BEFORE, text)] == ["Kestre", "Owlet."]


@settings(max_examples=400, deadline=None)
@given(text=soup)
def test_one_lower_case_pass_equals_three(text):
    low = text.lower()
    got = artifacts.scan_lower(text)
    if len(low) != len(text):
        assert got is None
        return
    assert got == (spans(concepts._concept_rx().finditer(low)), spans(artifacts._method_rx(False).finditer(low)),
                   [m.end() for m in artifacts._VERB_TRIGGER.finditer(low)],
                   [m.end() for m in artifacts._NAMING_TRIGGER.finditer(low)],
                   [m.end() for m in artifacts._APPOSITIVE_BEFORE.finditer(text)] if text.isascii() else None)


def test_one_lower_case_pass_on_a_sentence():
    text = "We propose Direct Preference Optimization, a new reinforcement-learning method, and present GRPO."
    concepts_found, methods, verbs, naming, appositives = artifacts.scan_lower(text)
    assert naming == [] and [text[e:e + 3] for e in appositives] == ["and"]  # "(?=[A-Z])" ignores case too
    text2 = "We build A Novel retrieval framework, Kestrel, called Owlet."
    assert [text2[e:e + 5] for e in artifacts.scan_lower(text2).appositives] == ["Kestr"]
    assert [text2[e:e + 5] for e in artifacts.scan_lower(text2).naming] == ["Owlet"]
    assert [text[s:e] for s, e in concepts_found] == ["Preference Optimization", "reinforcement-learning"]
    assert [text[s:e] for s, e in methods] == ["Direct Preference Optimization"]
    assert [text[:e].split()[-1] for e in verbs] == ["propose", "present"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(["such as", "including", "e.g.", "e.g.,", "like", "namely", "unlike", "x",
                                      " ", "  ", "\n", ",", "Kestrel", "Owlet"]), max_size=10).map("".join),
       data=st.data())
def test_example_cue_ending_test_equals_the_pattern(text, data):
    s = data.draw(st.integers(0, len(text)))
    assert artifacts._example_cue_before(text, s) == \
        (artifacts._EXAMPLE_CUE.search(text, max(0, s - 20), s) is not None)


# --- links --------------------------------------------------------------------------------

from kg.extract import urls  # noqa: E402

URL_PIECES = ["github.com", "GitHub.Com", "gitlab.com", "huggingface.co", "www.", "WWW.", "foo", "a-b", ".github.io",
              ".GITHUB.IO", "sites.google.com", "zenodo.org", "codeberg.org", "bitbucket.org", "http://", "HTTPS://",
              "xhttp://", "/", "@", ".", " ", "x", "-", "\n", "(", "\u00e9", "\u017f", "\u212a"]
url_soup = st.lists(st.sampled_from(URL_PIECES), max_size=12).map("".join)


@settings(max_examples=500, deadline=None)
@given(text=url_soup)
def test_bare_links_found_at_host_names_equal_the_plain_search(text):
    assert spans(urls._bare_urls(text, text.lower())) == spans(urls._BARE_URL.finditer(text))


@settings(max_examples=500, deadline=None)
@given(text=url_soup)
def test_scheme_link_pattern_equals_the_plain_pattern(text):
    plain = re.compile(r"\bhttps?://[^\s<>\"'`]+", re.I)
    assert spans(urls._SCHEME_URL.finditer(text)) == spans(plain.finditer(text))


# --- records --------------------------------------------------------------------------------

def test_mentions_made_without_init_equal_constructed_ones():
    import pickle
    from dataclasses import asdict

    from kg.extract import pipeline
    from kg.model import Mention

    assert pipeline._mention_fast_path()  # else the constructor is used, and this test says nothing
    values = dict(start=3, end=7, text="GRPO", label="method", role="mentioned", rule="coined", confidence=0.6,
                  sentence="We use GRPO.", sent_start=0, long_form=None, aliases=())
    fast, plain = pipeline._mention_from(values), Mention(**values)
    assert type(fast) is Mention and fast == plain and hash(fast) == hash(plain)
    assert asdict(fast) == asdict(plain) and repr(fast) == repr(plain)
    assert pickle.loads(pickle.dumps(fast)) == plain
    assert not (fast < plain) and not (plain < fast)
    with pytest.raises(AttributeError):
        fast.text = "x"  # still frozen


# --- role cues: a substring test may skip a pattern only where the pattern cannot match ---

ROLE_PIECES = (list(artifacts._PROPOSE_VERB_LIST) + [
    "we", "We", "WE", "our", "Our", "the proposed", "this paper", "This work", "the authors", "here", "by", "to this end",
    "in this paper", "to address these issues", "also", "method", "framework", ",", ":", " ", "  ", "\n", "X", "GRPO",
    "\u017f", "\u212a", "\u00e9"])
role_soup = st.lists(st.sampled_from(ROLE_PIECES), max_size=10).map(" ".join)


@settings(max_examples=600, deadline=None)
@given(seg=role_soup)
def test_role_cue_tests_never_skip_a_match(seg):
    if not artifacts._maybe(seg, artifacts._OUR_WORDS):
        assert artifacts._OUR.search(seg) is None


def test_role_cue_tests_let_matches_through():
    assert artifacts._maybe("the Proposed", artifacts._OUR_WORDS)
    assert not artifacts._maybe("results on three tasks", artifacts._OUR_WORDS)
    assert artifacts._maybe("r\u00e9sultats", artifacts._OUR_WORDS)  # not ASCII: the pattern decides


PLAIN_PROPOSE = re.compile(
    r"(?:\b(?:we|this (?:paper|work|study|article|report)|the (?:paper|authors)|here)\s+(?:also\s+|further\s+|then\s+|"
    r"first\s+|thus\s+|therefore\s+|additionally\s+|now\s+)?(?:" + artifacts._PROPOSE_VERBS + r")\b|"
    r"\bby (?:introducing|proposing|presenting|developing|designing|building|constructing|creating|curating)\b|"
    r"\b(?:to this end|in this (?:paper|work)|to address (?:this|these)[\w ]*)\s*,\s*we\b)", re.I)


@settings(max_examples=600, deadline=None)
@given(seg=st.one_of(role_soup, st.lists(st.sampled_from(ROLE_PIECES + ["x", "\u0130", "\u0131", "-", "_", "1", ""]),
                                        max_size=10).map("".join)))
def test_proposal_cue_led_by_its_first_letters_equals_the_plain_pattern(seg):
    assert spans(artifacts._PROPOSE.finditer(seg)) == spans(PLAIN_PROPOSE.finditer(seg))


def test_proposal_cue_first_letters_are_those_ignoring_case_matches():
    # every character that "b", "h", "i", "t" or "w" matches ignoring case, and no other
    ignoring_case = re.compile(r"(?i:[bhitw])")
    first = re.compile(artifacts._PROPOSE.pattern[:artifacts._PROPOSE.pattern.index("]") + 1])
    assert all((ignoring_case.match(ch) is None) == (first.match(ch) is None) for ch in map(chr, range(0x110000)))


@pytest.mark.parametrize("seg", ["In this work, WE INTRODUCE", "We propose", "\u0130n this paper, we",
                                 "\u0131n this paper, we", "THE AUTHORS PRESENT", "xwe propose", "by introducing",
                                 "To address these issues , we", "here also build", "then we then design"])
def test_proposal_cue_on_phrases(seg):
    assert spans(artifacts._PROPOSE.finditer(seg)) == spans(PLAIN_PROPOSE.finditer(seg))


# --- acronyms -----------------------------------------------------------------------------

def reference_best_long_form(short, candidate):
    from kg.extract.abbreviations import _by_initials

    initials = _by_initials(short, candidate)
    if initials:
        return initials
    s, l = len(short) - 1, len(candidate) - 1
    while s >= 0:
        c = short[s].lower()
        if not c.isalnum():
            s -= 1
            continue
        while l >= 0 and (candidate[l].lower() != c or (s == 0 and l > 0 and candidate[l - 1].isalnum())):
            l -= 1
        if l < 0:
            return None
        l -= 1
        s -= 1
    return candidate[candidate.rfind(" ", 0, l + 1) + 1:]


@settings(max_examples=800, deadline=None)
@given(short=st.text(alphabet="GRPOgrpo2-s\u0130\u00e9", min_size=1, max_size=6),
       candidate=st.lists(st.sampled_from(["Group", "relative", "Policy", "optimization", "Pro-Gen", "2", "go",
                                           "r", "of", "\u0130", "\u00e9p", "-", "  ", "x"]), max_size=8).map(" ".join))
def test_long_form_search_equals_the_character_walk(short, candidate):
    from kg.extract.abbreviations import best_long_form

    assert best_long_form(short, candidate) == reference_best_long_form(short, candidate)


ID_PIECES = ["gemma", "claude", "llama", "qwen", "davinci", "bert", "opt", "x", "-", "2", "9b", "it", ".", "5", "/",
             "_", " ", "é", "A", "pro", ",", "--"]


@settings(max_examples=500, deadline=None)
@given(text=st.lists(st.sampled_from(ID_PIECES), max_size=16).map("".join))
def test_lower_model_ids_equal_the_plain_search(text):
    names = sorted(artifacts._lower_family_names())
    plain = re.compile(r"(?<![\w\-./])" + trie_pattern(names) + r"-(?=[a-z0-9.\-]*\d)[a-z0-9]+(?:[.\-][a-z0-9]+)*"
                       r"(?![\w\-]|\.\w)")
    assert artifacts._lower_model_ids(text) == [m.span() for m in plain.finditer(text)]


BASELINE_PIECES = ["outperforms", "Outperformed", "surpassing", "beats", "matches", "compared", "with", "to", "over",
                   "than", "vs.", "versus", "the", "strong", "existing", "methods", "such", "as", "improves",
                   "accuracy", "by", "5%", "X", " ", "  ", "\n", "(", ",", "competitive", "relative", "gains"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(BASELINE_PIECES), max_size=12).map(" ".join))
def test_baseline_cue_lookup_never_skips_a_match(text):
    text += " "
    assert artifacts._baseline_before(text, len(text)) == (
        artifacts._BASELINE_BEFORE.search(text, max(0, len(text) - 50), len(text)) is not None)
