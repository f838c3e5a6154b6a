"""The artifact rules' fast paths against the plain code they replace, kept here as the reference.

Each fast path must give exactly what the plain version gives: on the 343 seed papers, on
hand-written edge cases, and on generated text (hypothesis).
"""
from __future__ import annotations

import re
from copy import deepcopy

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import SEEDS
from kg.extract import artifacts, concepts, lexicon, paper_text
from kg.extract.intervals import containment_test
from kg.ingest import read_paths
from kg.ingest.merge import merge_papers


@pytest.fixture(scope="module")
def seed_texts():
    return [paper_text(p) for p in merge_papers(read_paths([SEEDS])[0])]


def spans(matches):
    return [m.span() for m in matches]


# --- the lower-case pass: each of its patterns, run on its own, is the reference -------------

def reference_scan(text):
    low = text.lower()
    if len(low) != len(text):
        return None
    return (spans(concepts._concept_rx().finditer(low)), spans(artifacts._method_rx(False).finditer(low)),
            [m.end() for m in artifacts._VERB_TRIGGER.finditer(low)],
            [m.end() for m in artifacts._NAMING_TRIGGER.finditer(low)],
            [m.end() for m in artifacts._APPOSITIVE_BEFORE.finditer(text)] if text.isascii() else None)


def test_lower_case_pass_on_the_seeds(seed_texts):
    for text in seed_texts:
        assert artifacts.scan_lower(text) == reference_scan(text)


def lexicon_phrases():
    appositives = {f"{a} {adjective} {kind}, X" for a in ("a", "an") for adjective in artifacts._APPOSITIVE_ADJECTIVES
                   for kind in ("method", "tool")}
    return sorted(concepts.concept_phrases() | artifacts._method_phrases() | set(artifacts._PROPOSE_VERB_LIST)
                  | set(artifacts._NAMING_WORDS) | appositives)


@pytest.mark.parametrize("ascii_only", [True, False])
def test_lower_case_pass_has_no_other_groups(ascii_only):
    rx = artifacts._lower_rx(ascii_only)
    assert rx.groups == len(rx.groupindex) == len(artifacts.LowerScan._fields) - (not ascii_only)


@pytest.mark.parametrize("joiner", [" ", "-", "  ", " - ", "\n", "\t"])
@pytest.mark.parametrize("before, after", [("", ""), ("see ", " a new"), ("(", "s)"), ("x-", "es,"), ("\u00e9 ", " x")])
def test_lower_case_pass_finds_every_word_of_the_lists(joiner, before, after):
    # each term, name and verb with its words joined in the ways the patterns allow (and
    # some they do not), at the start of the text and after other characters
    text = " ; ".join(before + p.replace(" ", joiner) + after for p in lexicon_phrases())
    assert artifacts.scan_lower(text) == reference_scan(text)
    assert artifacts.scan_lower(text.upper()) == reference_scan(text.upper())


PIECES = lexicon_phrases()[::3] + [
    "in", "in the", "self", "put", "a", "an", "the", "s", "es", "x", "0", "_", " ", "  ", "A NEW", "novel", "framework",
    "Tool", "X", "called", "NAMED", "referred to", "as", "-", "\n", ",", "(", "'",
    "\u00e9", "\u212a", "\u017f", "\u0130"]


@settings(max_examples=400, deadline=None)
@given(text=st.lists(st.sampled_from(PIECES), max_size=16).map("".join))
def test_lower_case_pass_on_generated_text(text):
    assert artifacts.scan_lower(text) == reference_scan(text)


# --- small searches that replace scans of every pair -----------------------------------------

@settings(max_examples=400, deadline=None)
@given(spans_=st.lists(st.tuples(st.integers(0, 30), st.integers(0, 30)), min_size=1, max_size=6),
       s=st.integers(0, 30), e=st.integers(0, 30))
def test_containment_test_equals_any(spans_, s, e):
    assert containment_test(spans_)(s, e) == any(a <= s and e <= b for a, b in spans_)


def reference_extends_one_of(text, names):
    return any(text.startswith(p) and len(text) > len(p) and text[len(p)] in "- " for p in names)


@settings(max_examples=400, deadline=None)
@given(text=st.text(alphabet="ab- 4", max_size=8), names=st.sets(st.text(alphabet="ab- 4", max_size=5), max_size=4))
def test_extends_one_of_equals_the_scan_of_every_name(text, names):
    assert artifacts._extends_one_of(text, names) == reference_extends_one_of(text, names)


# --- a pattern that must end where the text ends, matched backwards ------------------------

PLAIN_BENCH_BEFORE = re.compile(
    r"(?:\b(?:on|across|over|in|from|using|under|with)\s+(?:the\s+)?(?:(?:challenging|popular|standard|public|"
    r"widely[- ]used|real-world|large-scale|several|multiple|three|four|five|two|six|seven|both)\s+){0,2}|"
    r"\b(?:benchmarks?|datasets?|suites?|environments?|tasks?)\s*(?:,|:)?\s*(?:such as|including|like|namely|"
    r"i\.e\.,?|e\.g\.,?)?\s*)$", re.I)
BENCH_PIECES = (list(artifacts._BENCH_PREPOSITIONS + artifacts._BENCH_QUALIFIERS + artifacts._BENCH_KINDS
                     + artifacts._EXAMPLE_WORDS)
                + ["the", "THE", "ON", "Benchmarks", "s", "S", "x", "", " ", "  ", "\n", "\t", ",", ":", ".", "-", "_",
                   "0", "(", "\u017f", "\u212a", "\u0130", "\u0131", "\u00e9"])


@settings(max_examples=1500, deadline=None)
@given(words=st.lists(st.sampled_from(BENCH_PIECES), max_size=9), sep=st.sampled_from(["", " ", "  ", "\n"]))
def test_bench_cue_read_backwards_equals_the_plain_pattern(words, sep):
    before = sep.join(words)
    assert artifacts._bench_cue_before(before) == (PLAIN_BENCH_BEFORE.search(before) is not None)


@pytest.mark.parametrize("before", ["evaluated on the popular ", "across two ", "benchmarks such as ", "datasets: ",
                                    "in ", "within ", "Tasks, e.g., ", "tasks (e.g. ", "on\n", "on the\n\n", "x-on ",
                                    "widely-used ", "on widely used large-scale ", "on several three four ", "task",
                                    "subtask ", "on the the ", ""])
def test_bench_cue_read_backwards_on_phrases(before):
    assert artifacts._bench_cue_before(before) == (PLAIN_BENCH_BEFORE.search(before) is not None)


def test_bench_cue_read_backwards_on_the_seeds(seed_texts):
    for text in seed_texts[:120]:
        for end in range(0, len(text), 7):
            before = text[max(0, end - 60):end]
            assert artifacts._bench_cue_before(before) == (PLAIN_BENCH_BEFORE.search(before) is not None)


# --- model families: two searches against the one pattern of all ---------------------------

FAMILY_PIECES = list(lexicon.model_families()) + [
    "o", "O1", "o1", "o3", "o4", "-mini", "mini", "x", "X", "-", ".", " ", "  ", "\n", "2.5", "7B", "'s", "(", "_",
    "\u00e9"]


@settings(max_examples=600, deadline=None)
@given(text=st.lists(st.sampled_from(FAMILY_PIECES), max_size=14).map("".join))
def test_family_spans_equal_the_one_pattern(text):
    plain = re.compile(r"(?<![\w\-])" + artifacts.trie_pattern(lexicon.model_families()) + r"(?![A-Za-z])")
    assert artifacts._family_spans(text) == spans(plain.finditer(text))


def test_family_spans_on_the_seeds(seed_texts):
    for text in seed_texts:
        assert artifacts._family_spans(text) == spans(artifacts._family_rx().finditer(text))


def test_family_groups_split_by_the_first_letter():
    upper, lower = artifacts._family_groups()
    assert sorted(upper + lower) == sorted(lexicon.model_families()) and lower and all(n[0].islower() for n in lower)


# --- plain names in lists: the tests reordered, the cheapest first -----------------------------

def reference_plain_names_in_lists(text, cands, covered):
    from bisect import bisect_right

    spans_ = sorted((c.start, c.end) for c in cands)
    starts = [a for a, _ in spans_]
    out = []
    for m in artifacts._PLAIN_NAME.finditer(text):
        s, e = m.start(), m.end()
        i = bisect_right(starts, s)
        prev = spans_[i - 1] if i else None
        nxt = spans_[i] if i < len(spans_) else None
        if prev and prev[1] > s:
            continue
        near_list = (prev is not None and s - prev[1] < 8 and artifacts._LIST_SEP.match(text[prev[1]:s])) or \
                    (nxt is not None and nxt[0] - e < 8 and artifacts._LIST_SEP.match(text[e:nxt[0]]))
        if not near_list and not artifacts._example_cue_before(text, s):
            continue
        if re.search(r"\b(?:metrics?|measures?|criteria|dimensions|aspects|scores)\b[^.;]*$", text[max(0, s - 60):s],
                     re.I):
            continue
        word = m.group(0)
        if covered(s, e) or artifacts._generic(word.split()[0]) or word.lower() in lexicon.concept_terms():
            continue
        if s == 0 or artifacts._SENTENCE_START.search(text[max(0, s - 3):s]):
            continue
        out.append(artifacts.Candidate(s, e, word, "listed_name", confidence=0.45))
    return out


def test_plain_names_in_lists_on_the_seeds(seed_texts):
    for text in seed_texts:
        cands = artifacts.find_candidates(text, text.find("\n\n"), [], [])
        others = [c for c in cands if c.rule != "listed_name"]
        skip = [(c.start, c.end) for c in others[::5]]

        def covered(s, e):
            return any(a <= s < b or a < e <= b for a, b in skip)

        assert artifacts._plain_names_in_lists(text, others, covered) == \
            reference_plain_names_in_lists(text, others, covered)


LIST_PIECES = ["such as", "Such as", "including", "e.g.", "e.g.,", "like", "namely", "Kestrel", "Owlet", "We", "The",
               "Reasoning", "HawkQA", "GRPO", "and", "or", ",", ";", "/", ". ", "\n", "(x)", "Llama 2", "Bench-X1"]


@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from(LIST_PIECES), max_size=12),
       seps=st.lists(st.sampled_from(["", " ", "  "]), min_size=12, max_size=12))
def test_plain_names_in_lists_on_generated_text(words, seps):
    text = "x " + "".join(w + sep for w, sep in zip(words, seps))
    cands = [artifacts.Candidate(m.start(), m.end(), m.group(0), "coined") for m in re.finditer(r"HawkQA|GRPO", text)]
    assert artifacts._plain_names_in_lists(text, cands, lambda s, e: False) == \
        reference_plain_names_in_lists(text, cands, lambda s, e: False)


def test_introduced_names_from_the_lower_case_pass_equal_those_searched_for(seed_texts):
    extra = ["We build a novel framework, Kestrel, called Owlet.", "WE PROPOSE A NEW METHOD: HAWK.",
             "An efficient toolkit \u2014 Owlet, named \u00c9cole."]
    for text in seed_texts + extra:
        assert artifacts._introduced_names(text, no_skip, artifacts.scan_lower(text)) == \
            artifacts._introduced_names(text, no_skip, None)


def no_skip(s, e):
    return False


# --- one candidate a span: the owner of each character in a list, not a dict ------------------

def reference_dedupe(cands):
    ordered = sorted(cands, key=lambda c: (-artifacts._PRIORITY.get(c.rule, 0), -(c.end - c.start), c.start))
    owner, kept = {}, []
    for c in ordered:
        span = range(c.start, c.end)
        clash = None if owner.keys().isdisjoint(span) else next(owner[i] for i in span if i in owner)
        if clash is None:
            kept.append(c)
            owner.update(dict.fromkeys(range(c.start, c.end), c))
        elif clash.rule in {"title_prefix", "named", "proposed_name"} and c.rule == "coined" \
                and (clash.start, clash.end) != (c.start, c.end) and c.end - c.start > clash.end - clash.start:
            kept.remove(clash)
            for i in range(clash.start, clash.end):
                owner.pop(i, None)
            c.role = "proposed"
            kept.append(c)
            owner.update(dict.fromkeys(range(c.start, c.end), c))
        elif c.strong_type and (clash.start, clash.end) == (c.start, c.end):
            clash.label, clash.strong_type = c.label, True
    return sorted(kept, key=lambda c: c.start)


def dedupe_outcome(fn, cands):
    """What ``fn`` keeps, in order, and what it leaves in every candidate (it changes some)."""
    copies = deepcopy(cands)
    kept = fn(copies)
    return [next(i for i, x in enumerate(copies) if x is c) for c in kept], [vars(c) for c in copies]


candidate = st.builds(lambda s, n, rule, strong, label: artifacts.Candidate(s, s + n, "x" * n, rule, label=label,
                                                                           strong_type=strong),
                      st.integers(0, 20), st.integers(0, 6), st.sampled_from(sorted(artifacts._PRIORITY) + ["other"]),
                      st.booleans(), st.sampled_from(["method", "benchmark", "model"]))


@settings(max_examples=600, deadline=None)
@given(cands=st.lists(candidate, max_size=10))
def test_dedupe_equals_the_dict_of_owners(cands):
    assert dedupe_outcome(artifacts._dedupe, cands) == dedupe_outcome(reference_dedupe, cands)


def test_dedupe_where_a_longer_coined_name_replaces_a_given_one():
    C = artifacts.Candidate
    cands = [C(0, 3, "Owl", "named"), C(0, 6, "Owlet2", "coined"), C(2, 4, "le", "coined"), C(6, 6, "", "coined"),
             C(5, 9, "2 QA", "proposed_name"), C(5, 9, "2 QA", "benchmark_context", label="benchmark", strong_type=True)]
    kept, after = dedupe_outcome(artifacts._dedupe, cands)
    assert (kept, after) == dedupe_outcome(reference_dedupe, cands)
    assert kept == [1, 4, 3] and after[1]["role"] == "proposed" and after[4]["label"] == "benchmark"


def test_dedupe_on_the_seeds(seed_texts):
    for text in seed_texts:
        cands = artifacts.find_candidates(text, text.find("\n\n"), [], [])
        assert dedupe_outcome(artifacts._dedupe, cands) == dedupe_outcome(reference_dedupe, cands)
