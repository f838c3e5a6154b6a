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

from conftest import SEEDS, reference_sentence_starts

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


# --- acronyms: the plain Schwartz-Hearst steps as they were, the reference ---------------

def plain_window(text, end, n_words):
    import re

    left = text[:end]
    cut = max(left.rfind(". "), left.rfind("; "), left.rfind(": "), left.rfind("\n"), left.rfind("("))
    left_start = cut + 1 if cut >= 0 else 0
    words = list(re.finditer(r"\S+", text[left_start:end]))
    if not words:
        return end, ""
    first = words[max(0, len(words) - n_words)].start() + left_start
    return first, text[first:end]


def plain_by_initials(short, candidate):
    import re

    letters = [c.lower() for c in short if c.isalpha()]
    if short.endswith("s") and len(letters) > 2 and short[-2].isupper():
        letters = letters[:-1]
    words = list(re.finditer(r"[^\s\-]+", candidate))
    n = len(letters)
    if n < 2 or len(words) < n:
        return None
    tail = words[-n:]
    return candidate[tail[0].start():] if [w.group(0)[0].lower() for w in tail] == letters else None


def plain_long_ok(short, long_form):
    import re

    from kg.extract.abbreviations import _LEAD_WORDS

    if len(long_form) <= len(short) or short.lower() in long_form.lower().split():
        return False
    if any(ch in long_form for ch in "()[];"):
        return False
    if len(long_form.split()) > len(short) + 5:
        return False
    if re.search(r"\d", short) and not re.search(r"\d", long_form) and len(short) <= 3:
        return False
    if re.fullmatch(r"[A-Z][a-z]+(?:[A-Z0-9][a-z]*)+", long_form) and \
            "".join(c for c in long_form if c.isupper() or c.isdigit()) == short.upper():
        return True  # "State2Explanation" (S2E)
    content = [w for w in re.findall(r"[A-Za-z]+", long_form) if w.lower() not in _LEAD_WORDS]
    return len(content) >= 1 and len(long_form.split()) >= 1 and " " in long_form.strip() or "-" in long_form


def plain_find_abbreviations(text):
    import re

    from kg.extract.abbreviations import Abbreviation, _clean_long, _word_before, best_long_form, is_short_form

    out = []
    for m in re.finditer(r"\(([^()]{1,120})\)", text):
        inner = m.group(1)
        inner_start = m.start(1)
        head = re.split(r"[;,]\s", inner, maxsplit=1)[0].strip()
        if is_short_form(head) and head == inner.strip() or (is_short_form(head) and len(head.split()) == 1):
            n = min(len(head) + 5, 2 * len(head))
            wstart, window = plain_window(text, m.start(), n)
            window = window.rstrip()
            if window:
                lf = best_long_form(head, window)
                two = r"(?<=[A-Za-z])2(?=[A-Za-z\-])"
                if not lf and re.search(two, head):  # "World-to-Wrist VLA (W2-VLA)": 2 read as "to"
                    lf = best_long_form(re.sub(two, "t", head), window)
                    if lf and not re.search(r"(?i)\bto\b", lf):
                        lf = None
                if lf and plain_long_ok(head, lf):
                    cleaned = _clean_long(lf, wstart + window.rfind(lf))
                    if cleaned and plain_long_ok(head, cleaned[0]):
                        out.append(Abbreviation(head, inner_start + inner.index(head), cleaned[0], cleaned[1]))
                        continue
        before = _word_before(text, m.start())
        if before and (len(inner.split()) >= 2 or "-" in inner):
            sf = text[before[0]:before[1]].strip(",;:")
            one_hyphenated = " " not in inner.strip() and len(inner.strip()) > len(sf) + 2 \
                and sf not in inner.strip().split("-")  # "STICK (Self-TICK)", not "VLA (W2-VLA)"
            if is_short_form(sf) and (not is_short_form(inner) or one_hyphenated):
                lf = best_long_form(sf, inner)
                if lf and lf == inner.strip() and plain_long_ok(sf, lf):
                    out.append(Abbreviation(sf, before[0], lf, inner_start + inner.index(lf)))
    return out


ACRONYM_TEXTS = EDGE_TEXTS + [
    "We use Group Relative Policy Optimization (GRPO) and GRPO (Group Relative Policy Optimization).",
    "the called Self-Explanation Policy Optimization (ExPO; see below), an (LLM, 2024) and (e.g., X).",
    "Large Language Models (LLMs), a 3D Gaussian Splatting (3DGS) model (see Table 2) (1) (iii).",
    "our method (OURS) and (A-B) for the Mixture-of-Experts (MoE); x (Foo (Bar)) y: z (Zz Top Q).",
    "in \u201cQuiet Sparse Voting\u201d (QSV); \u0130stanbul Dataset (\u0130D), GPT 4 (G4) and T5 (Text To Text).",
    "World-to-Wrist VLA (W2-VLA), a VLA (W2-VLA) model; Text to Speech (T2S-X) and Two Words (A2B).",
]
WORDS = ["Group", "relative", "Policy", "optimization", "Pro-Gen", "(GRPO)", "(GRPO;", "x)", "(LLMs)", "the",
         "our", "called", "2", "(3D)", "(G2)", "model", "e.g.", ".", ";", ":", "\n", "(a", "b)", "(PO, 1)"]


@pytest.mark.parametrize("text", ACRONYM_TEXTS)
def test_acronyms_equal_the_plain_steps_on_edge_cases(text):
    from kg.extract.abbreviations import find_abbreviations

    assert find_abbreviations(text) == plain_find_abbreviations(text)


def test_acronyms_equal_the_plain_steps_on_the_seeds():
    from kg.extract.abbreviations import find_abbreviations

    found = 0
    for text in seed_texts():
        got = find_abbreviations(text)
        assert got == plain_find_abbreviations(text)
        found += len(got)
    assert found > 300


@settings(max_examples=400, deadline=None)
@given(words=st.lists(st.sampled_from(WORDS), max_size=16))
def test_acronyms_equal_the_plain_steps_on_generated_text(words):
    from kg.extract.abbreviations import find_abbreviations

    text = " ".join(words)
    assert find_abbreviations(text) == plain_find_abbreviations(text)


STEP_WORDS = ["Group", "relative", "Policy", "optimization", "Pro-Gen", "Large", "language", "models", "the",
              "of", "2", "3D", "Gaussian", "(x)", ";", "[1]", "grpo", "GRPO", "\u0130d", "-", "  ", "\n", ". "]
step_texts = st.one_of(st.text(alphabet=ALPHABET + "GRPOL(", max_size=60),
                       st.lists(st.sampled_from(STEP_WORDS), max_size=10).map(" ".join),
                       st.lists(st.sampled_from(STEP_WORDS), max_size=10).map("".join))


@settings(max_examples=600, deadline=None)
@given(text=step_texts, data=st.data())
def test_acronym_steps_equal_the_plain_ones(text, data):
    from kg.extract.abbreviations import _by_initials, _long_ok, _window

    end = data.draw(st.integers(0, len(text)))
    n = data.draw(st.integers(1, 8))
    assert _window(text, end, n) == plain_window(text, end, n)
    short = data.draw(st.sampled_from(["GRPO", "LLMs", "G2", "3D", "ab", "A-B", "\u0130D", "PO", "GR", "LM"]))
    assert _by_initials(short, text) == plain_by_initials(short, text)
    assert _long_ok(short, text) == plain_long_ok(short, text)


STEP_CASES = [  # (short, candidate) where the initials match, the hyphen decides, the digit test bites
    ("GRPO", "we use Group Relative Policy Optimization"), ("GRPO", "Group Relative Policy Optimization"),
    ("LLMs", "advances in large language models"), ("PO", "the Pro-Gen Policy Optimization"),
    ("ExPO", "-Explanation Policy Optimization"), ("AB", "-ab"), ("AB", "A-B"), ("G2", "Gemma two"),
    ("G2", "Gemma 2 model"), ("3D", "three dimensions"), ("GRPO", "of the (Group) Relative Policy Optimization"),
    ("GRPO", "our the of"), ("GR", "grpo group relative"), ("\u0130D", "\u0130stanbul Dataset"),
]


@pytest.mark.parametrize("short,candidate", STEP_CASES)
def test_acronym_steps_on_cases(short, candidate):
    from kg.extract.abbreviations import _by_initials, _long_ok

    assert _by_initials(short, candidate) == plain_by_initials(short, candidate)
    assert _long_ok(short, candidate) == plain_long_ok(short, candidate)
    for i in range(len(candidate)):  # every tail, as the searches return
        assert _long_ok(short, candidate[i:]) == plain_long_ok(short, candidate[i:])


# --- records ------------------------------------------------------------------------------

def plain_records(doc, paper_id):
    """The records read off a Doc the plain way: each sentence found by bisecting its
    bounds, each Mention made by its constructor, the list sorted by Mention's own order."""
    from bisect import bisect_right

    from kg.model import Mention, PaperExtraction, UrlMention

    text, bounds = doc.text, [tuple(b) for b in doc.user_data["kg_sents"]]

    def sentence(pos):
        s, e = bounds[max(bisect_right(bounds, (pos, float("inf"))) - 1, 0)]
        return s, text[s:e].strip()

    ex = PaperExtraction(paper_id)
    for d in doc.user_data["kg_urls"]:
        if d["raw"] not in {u.raw for u in ex.urls}:
            ex.urls.append(UrlMention(d["url"], d["label"], d["raw"], d["start"], d["end"], sentence(d["start"])[1],
                                      "url_regex"))
    ex.abbreviations = [(d["short"], d["long"]) for d in doc.user_data["kg_abbrevs"]]
    for group in ("kg_artifacts", "kg_concepts"):
        for d in doc.user_data[group]:
            s, sent = sentence(d["start"])
            ex.mentions.append(Mention(d["start"], d["end"], d["text"], d["label"], d["role"], d["rule"],
                                       d["confidence"], sent, s, d["long"], ()))
    ex.mentions.sort()
    return ex


def test_records_equal_the_plain_reading_on_the_seeds():
    from spacy.tokens import Doc

    from kg.extract.pipeline import doc_to_extraction

    nlp = shared_nlp()
    for k, text in enumerate(seed_texts() + EDGE_TEXTS[1:]):
        doc = nlp(make_doc(nlp, text))
        want = plain_records(doc, str(k))
        assert doc_to_extraction(doc, str(k)) == want
        if k % 25 == 0:  # a Doc from another process: its user data went through msgpack
            back = Doc(nlp.vocab).from_bytes(doc.to_bytes())
            assert doc_to_extraction(back, str(k)) == want


# --- components run a batch at a time by nlp.pipe -----------------------------------------

def doc_outputs(doc):
    """Everything kg's components leave on a Doc, comparable across Docs."""
    groups = {g: [span_key(sp) for sp in doc.spans[g]] for g in sorted(doc.spans)}
    data = {g: doc.user_data.get(g) for g in [*GROUPS, "kg_sents"]}
    return doc.text, groups, repr(data), doc.to_array([SENT_START]).tolist()


@pytest.mark.parametrize("batch_size", [1, 3, 64, 1000])
def test_pipe_in_batches_equals_one_doc_at_a_time(batch_size):
    nlp = shared_nlp()
    texts = seed_texts()[:70] + EDGE_TEXTS
    want = [doc_outputs(nlp(make_doc(nlp, t))) for t in texts]
    got = [doc_outputs(d) for d in nlp.pipe((make_doc(nlp, t) for t in texts), batch_size=batch_size)]
    assert got == want
    got = [(doc_outputs(d), c) for d, c in nlp.pipe(((t, k) for k, t in enumerate(texts)), as_tuples=True,
                                                   batch_size=batch_size)]
    assert got == [(w, k) for k, w in enumerate(want)]


def test_a_failing_doc_goes_to_the_error_handler_alone():
    from spacy.util import ignore_error

    nlp = make_nlp()
    urls = nlp.get_pipe("kg_urls")
    plain = urls.fn

    def fails_on_x(doc):
        if doc.text == "x":
            raise RuntimeError("x")
        return plain(doc)

    urls.fn = fails_on_x
    texts = ["a b.", "x", "We use GRPO (Group Relative Policy Optimization).", "x", "c"]
    with pytest.raises(RuntimeError):
        list(nlp.pipe(texts))
    with pytest.raises(RuntimeError):
        nlp("x")
    nlp.set_error_handler(ignore_error)  # spaCy sets it on every component that has one
    assert [d.text for d in nlp.pipe(texts, batch_size=2)] == ["a b.", texts[2], "c"]
    assert len(nlp("x")) == 1  # the Doc comes back as the failing component left it


# --- sentence bounds ------------------------------------------------------------------------

def plain_sentence_bounds(text, title_end):
    """The reference: the end of a sentence is the match stripped of its white space,
    and every empty sentence is dropped at the end."""
    import re

    from kg.extract.pipeline import _NO_END

    ends = re.compile(r"[.!?][\"')\]\u201d\u2019]*\s+(?=[A-Z0-9\"'(\[\u201c])")
    bounds, start = [], 0
    if title_end + 2 <= len(text):
        bounds.append((0, title_end))
        start = title_end + 2
    for m in ends.finditer(text, start):
        if _NO_END.search(text, max(start, m.start() - 8), m.start() + 1):
            continue
        bounds.append((start, m.start() + len(m.group(0).rstrip())))
        start = m.end()
    if start < len(text):
        bounds.append((start, len(text.rstrip())))
    return [(s, e) for s, e in bounds if e > s]


SENTENCE_WORDS = ["We", "use", "e.g.", "i.e.", "et al.", "Fig.", "U.S.", "GRPO.", "It", "works!", "Why?", "(A)",
                  "\"Q.\"", "x.)", "2.5", "3.", "\n\n", "\n", " ", "\u201cZ\u201d.", "vs.", "No."]


@settings(max_examples=500, deadline=None)
@given(words=st.lists(st.sampled_from(SENTENCE_WORDS), max_size=14), sep=st.sampled_from([" ", "  ", "\t", ""]))
def test_sentence_bounds_equal_the_plain_ones(words, sep):
    from kg.extract.pipeline import sentence_bounds

    text = sep.join(words)
    for title_end in {text.find("\n\n") if "\n\n" in text else len(text), 0, len(text)}:
        assert sentence_bounds(text, title_end) == plain_sentence_bounds(text, title_end)


def test_sentence_bounds_equal_the_plain_ones_on_the_seeds():
    from kg.extract.pipeline import sentence_bounds

    for text in seed_texts() + EDGE_TEXTS:
        title_end = text.find("\n\n") if "\n\n" in text else len(text)
        assert sentence_bounds(text, title_end) == plain_sentence_bounds(text, title_end)
