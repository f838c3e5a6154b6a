"""Each detector on small hand-written sentences (our own text, not from any data set)."""
from __future__ import annotations

import pytest

from kg.extract import make_nlp, extract_paper, paper_entities
from kg.extract.abbreviations import best_long_form, find_abbreviations, is_short_form
from kg.extract.artifacts import is_coined
from kg.extract.concepts import find_concepts
from kg.extract.urls import canonical_url, find_urls, github_repo, trim_url, url_kind
from kg.model import Paper


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def entities(nlp, title, abstract):
    ex = extract_paper(nlp, Paper("t", title, abstract))
    return {e["name"]: e for e in paper_entities(ex)}, ex


# --- code links -------------------------------------------------------------------------

def test_urls_found_trimmed_and_canonicalised():
    text = ("Code is at https://github.com/Owner/Repo/tree/main/src. Project page: team.github.io/proj/, "
            "weights at https://huggingface.co/org/model-7b (see also www.gitlab.com/g/p).")
    found = [raw for _, _, raw in find_urls(text)]
    assert found == ["https://github.com/Owner/Repo/tree/main/src", "team.github.io/proj/",
                     "https://huggingface.co/org/model-7b", "www.gitlab.com/g/p"]
    assert canonical_url(found[0]) == "https://github.com/Owner/Repo"
    assert [url_kind(u) for u in found] == ["github", "project", "huggingface", "gitlab"]


@pytest.mark.parametrize("raw, trimmed", [
    ("https://github.com/a/b.", "https://github.com/a/b"),
    ("https://github.com/a/b).", "https://github.com/a/b"),
    ("https://x.org/wiki/A_(b)", "https://x.org/wiki/A_(b)"),
    ("https://github.com/a/b.git;", "https://github.com/a/b.git"),
])
def test_trim_url(raw, trimmed):
    assert trim_url(raw) == trimmed


def test_github_repo_ignores_non_repository_pages():
    assert github_repo("https://github.com/a/b.git") == "a/b"
    assert github_repo("https://github.com/orgs/foo/people") is None
    assert github_repo("https://gitlab.com/a/b") is None


def test_text_that_only_looks_like_a_link_is_not_one():
    assert find_urls("e.g. the results (Fig. 3) of v1.2 and node.js") == []


# --- acronyms ---------------------------------------------------------------------------

def test_long_form_then_short_form_and_short_then_long():
    text = ("We train with Group Relative Policy Optimization (GRPO) and compare with DPO (Direct "
            "Preference Optimization).")
    got = [(a.short, a.long) for a in find_abbreviations(text)]
    assert got == [("GRPO", "Group Relative Policy Optimization"), ("DPO", "Direct Preference Optimization")]


def test_long_form_drops_sentence_words_and_quotes():
    got = [(a.short, a.long) for a in find_abbreviations('We call it "Quiet Sparse Voting" (QSV), a rule.')]
    assert got == [("QSV", "Quiet Sparse Voting")]


def test_plural_acronym_and_hyphenated_long_form():
    got = [(a.short, a.long) for a in find_abbreviations("Advances in large language models (LLMs) and "
                                                          "Self-Taught Reasoners (STaR).")]
    assert got == [("LLMs", "large language models"), ("STaR", "Self-Taught Reasoners")]


def test_parentheses_that_are_not_definitions():
    assert find_abbreviations("accuracy rose (from 70% to 80%) in (1) and (see Table 2) (e.g., X)") == []
    assert not is_short_form("ProcessBench")
    assert best_long_form("ABC", "nothing matches here") is None


# --- named artifacts --------------------------------------------------------------------

@pytest.mark.parametrize("tok, coined", [
    ("ZephyrNet", True), ("QRT", True), ("VQA2k", True), ("Z-Walker", True), ("Point-XYZ", True),
    ("Walker", False), ("Multi-Agent", False), ("Self-Correcting", False), ("top-5", False), ("12B", False),
])
def test_is_coined(tok, coined):
    assert is_coined(tok) is coined


def test_title_prefix_is_the_proposed_method(nlp):
    ents, _ = entities(nlp, "Quillon: Cheap Reasoning for Small Models", "We study small models.")
    assert ents["Quillon"]["role"] == "proposed" and ents["Quillon"]["type"] == "method"


def test_sentence_like_title_prefix_is_not_a_name(nlp):
    ents, _ = entities(nlp, "Towards Better Agents: A Study", "We study agents.")
    assert "Towards Better Agents" not in ents


def test_named_by_called_and_acronym_with_role(nlp):
    ents, _ = entities(nlp, "A study of planners",
                       "We propose Sparse Tree Planning (STP), a new search method. Unlike MCTS-X, STP is fast. "
                       "We also build a tool called Pathfinder Pro.")
    assert ents["STP"]["aliases"] == ["Sparse Tree Planning"]
    assert ents["STP"]["role"] == "proposed"
    assert ents["MCTS-X"]["role"] == "mentioned"
    assert ents["Pathfinder Pro"]["role"] == "proposed"


def test_only_the_first_name_after_a_proposal_verb_is_proposed(nlp):
    ents, _ = entities(nlp, "On planning", "We propose Plenty, which is trained with GRPO on top of Zorro-7B.")
    assert ents["Plenty"]["role"] == "proposed"
    assert ents["GRPO"]["role"] == "mentioned"
    assert ents["Zorro-7B"]["role"] == "mentioned"


def test_adjectival_use_is_never_proposed(nlp):
    ents, _ = entities(nlp, "On tuning", "We propose a GRPO-based recipe that trains faster.")
    assert ents["GRPO"]["role"] == "mentioned"


def test_models_by_family_size_and_suffix(nlp):
    ents, _ = entities(nlp, "On models",
                       "We compare Llama-3-8B-Instruct, GPT-4o, Claude 3.5 Sonnet and Orbit-13B-Chat.")
    for name in ["Llama-3-8B-Instruct", "GPT-4o", "Claude 3.5 Sonnet", "Orbit-13B-Chat"]:
        assert ents[name]["type"] == "model", name


def test_benchmarks_by_suffix_context_and_list(nlp):
    ents, _ = entities(nlp, "On evaluation",
                       "Experiments on Kestrel, HawkQA and Owlet show gains. We also report results on the "
                       "Finch benchmark and on ToolBench 2.0.")
    for name in ["Kestrel", "HawkQA", "Owlet", "Finch", "ToolBench 2.0"]:
        assert ents[name]["type"] == "benchmark", name
        assert ents[name]["role"] == "mentioned"


def test_generic_acronyms_and_metrics_are_not_artifacts(nlp):
    ents, _ = entities(nlp, "On learning",
                       "Large language models (LLMs) trained with RL and SFT improve F1 and BLEU on GPU clusters.")
    artifacts = {n for n, e in ents.items() if e["type"] != "concept"}
    assert artifacts == set()
    assert ents["LLMs"]["type"] == "concept"
    assert "large language models" in [a.lower() for a in ents["LLMs"]["aliases"]]


def test_task_acronym_is_a_concept(nlp):
    ents, _ = entities(nlp, "On emotions", "Multimodal Emotion Recognition in Conversation (MERC) is hard.")
    assert ents["MERC"]["type"] == "concept"


def test_defined_component_of_own_method_is_proposed(nlp):
    ents, _ = entities(nlp, "On graphs",
                       "Our framework consists of a Dual Path Encoder (DPE) and a gate. "
                       "Existing methods such as Graph Attention Pooling (GAP) are slow.")
    assert ents["DPE"]["role"] == "proposed"
    assert ents["GAP"]["role"] == "mentioned"


def test_variant_of_a_proposed_name_is_proposed(nlp):
    ents, _ = entities(nlp, "Heron: Small Agents", "We release Heron-4B, trained from Qwen3-4B.")
    assert ents["Heron-4B"]["role"] == "proposed"
    assert ents["Qwen3-4B"]["role"] == "mentioned"


# --- concepts ---------------------------------------------------------------------------

def test_concepts_singular_plural_any_case():
    got = [t for _, _, t in find_concepts("Graph Neural Networks and a graph neural network use reinforcement "
                                          "learning; this paper does not.")]
    assert got == ["Graph Neural Networks", "graph neural network", "reinforcement learning"]


# --- evidence ---------------------------------------------------------------------------

def test_mentions_carry_sentence_offsets_rule_and_confidence(nlp):
    p = Paper("t", "A title", "First sentence here. Then we propose Quokka, a new framework.")
    ex = extract_paper(nlp, p)
    (m,) = [m for m in ex.mentions if m.text == "Quokka"]
    text = p.title + "\n\n" + p.abstract
    assert text[m.start:m.end] == "Quokka"
    assert m.sentence == "Then we propose Quokka, a new framework."
    assert text[m.sent_start:].startswith("Then we propose")
    assert m.rule and 0 < m.confidence <= 1


def test_extraction_in_two_processes_equals_one():
    # spaCy sends the Docs back through msgpack (tuples become lists); this used to raise
    # in the parent and leave `kg extract --jobs 2` waiting for its workers for ever
    from kg.extract import extract_papers

    papers = [Paper(f"p{i}", f"Model{i}: A Title", "We propose Foo Bar Baz (FBB). It beats GRPO on GSM8K. "
                    "Code: https://github.com/a/b.") for i in range(6)]
    assert extract_papers(papers, jobs=2) == extract_papers(papers, jobs=1)


def test_parsed_doc_keeps_the_parser_sentences_and_gets_kg_spans():
    """A Doc a trained parser has parsed (``make_nlp("en_core_web_sm")`` puts kg's rules
    after the parser): spaCy refuses to change its sentence starts (error E043), so they
    stay as parsed while kg's own bounds still drive the rules."""
    from spacy.tokens import Doc

    from kg.extract import make_nlp
    from kg.extract.pipeline import doc_to_extraction

    nlp = make_nlp()
    words = ["Plenty", ":", "Agents", "\n\n", "We", "propose", "Plenty", ".", "It", "beats", "GRPO", "on", "MMLU",
             "."]
    spaces = [False, True, False, False, True, True, False, True, True, True, True, True, False, False]
    # one parse for the whole text: the parser saw a single sentence
    heads = [0, 0, 0, 0, 5, 0, 5, 5, 9, 5, 9, 9, 11, 9]
    deps = ["ROOT", "punct", "appos", "dep", "nsubj", "conj", "dobj", "punct", "nsubj", "conj", "dobj", "prep",
            "pobj", "punct"]
    doc = Doc(nlp.vocab, words=words, spaces=spaces, heads=heads, deps=deps)
    parsed = [s.text for s in doc.sents]
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    assert [s.text for s in doc.sents] == parsed
    ex = doc_to_extraction(doc, "p")
    got = {(m.text, m.role) for m in ex.mentions}
    assert ("Plenty", "proposed") in got and ("MMLU", "mentioned") in got
    # the evidence sentence is kg's own, not the parser's single one
    assert {m.sentence for m in ex.mentions if m.text == "MMLU"} == {"It beats GRPO on MMLU."}


@pytest.mark.parametrize("text", ["Only A Title Here", "A Title\n\nOne sentence about GRPO.", "T\n\nA. B c. D e."])
def test_doc_sents_work_for_a_single_sentence(text):
    """A title-only paper is one sentence: ``doc.sents`` gives it (spaCy raises E030 when
    no token but the first says whether it starts a sentence)."""
    from kg.extract import make_nlp
    from kg.extract.pipeline import sentence_bounds

    doc = make_nlp()(text)
    title_end = text.find("\n\n") if "\n\n" in text else len(text)
    assert [s.start_char for s in doc.sents] == [s for s, _ in sentence_bounds(text, title_end)]
