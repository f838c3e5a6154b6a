"""The named parts of a method, benchmark cues, proposal cues and the strings that only look
like names: each rule on small hand-written sentences (our own text, not from any data set)."""
from __future__ import annotations

import pytest

from kg.extract import extract_paper, make_nlp, paper_entities
from kg.extract.abbreviations import is_short_form
from kg.extract.artifacts import is_coined
from kg.extract.components import composed_parts, enumerated_names, listed_after_colon, novel_named, quoted_parts
from kg.extract.urls import find_urls
from kg.model import Paper


@pytest.fixture(scope="module")
def nlp():
    return make_nlp()


def entities(nlp, title, abstract):
    return {e["name"]: e for e in paper_entities(extract_paper(nlp, Paper("t", title, abstract)))}


def artifacts(found):
    """name -> (type, role) of what is not a concept"""
    return {n: (e["type"], e["role"]) for n, e in found.items() if e["type"] != "concept"}


# --- named parts of the method ---------------------------------------------------------------

def test_enumerated_stages_are_named_parts():
    text = ("Lumen runs in three stages: (i) Self-Drafting, where the model writes a plan; (ii) Self-Checking, "
            "which tests it; and (iii) Path Diversification, which widens the search.")
    assert [text[s:e] for s, e in enumerated_names(text)] == ["Self-Drafting", "Self-Checking",
                                                              "Path Diversification"]


def test_enumerated_items_up_to_a_colon_or_with_a_method_head():
    text = ("We study two methods: (1) Echo prompting asks the model to repeat; and (2) Slow tuning "
            "trains it on its errors. It works in two settings - 1) Trace-guided decoding: the model reads.")
    assert [text[s:e] for s, e in enumerated_names(text)] == ["Echo prompting", "Slow tuning",
                                                              "Trace-guided decoding"]


def test_enumerations_of_problems_or_without_an_introduction_name_nothing():
    problems = ("Existing methods suffer from two limitations: 1) Rigid Aggregation: they use one agent; "
                "2) Shallow Search: they stop early.")
    plain = "We report (1) Better Scores and (2) Lower Cost on all sets."
    described = "Our system has three modules: (1) The Planner reads; (2) We then check."
    assert enumerated_names(problems) == []
    assert enumerated_names(plain) == []
    assert enumerated_names(described) == []


def test_enumerated_item_names_take_lower_case_words_up_to_a_preposition_or_a_verb():
    text = ("Rekindle has three components: (1) Mixed-batch policy gradient with a larger buffer; (2) Soft-Trust "
            "region constraint to keep it stable; (3) Dynamic Recruitment generates a graph.")
    assert [text[s:e] for s, e in enumerated_names(text)] == [
        "Mixed-batch policy gradient", "Soft-Trust region constraint", "Dynamic Recruitment"]


def test_parts_listed_after_a_colon_without_markers():
    text = "The framework consists of three modules: Draft Writer, Fact Checker and Style Editor. It helps."
    assert [text[s:e] for s, e in listed_after_colon(text)] == ["Draft Writer", "Fact Checker", "Style Editor"]
    assert listed_after_colon("It faces two challenges: Noisy Labels and Sparse Rewards.") == []
    assert listed_after_colon("We test two modules: the planner and the critic.") == []


def test_novel_named_parts():
    text = ("We also propose a novel Zig-Zag loss and an Adaptive Stepwise Refinement strategy, "
            "with a Transformer block and a new loss.")
    assert [text[s:e] for s, e in novel_named(text)] == ["Zig-Zag loss", "Adaptive Stepwise Refinement"]


def test_named_parts_are_proposed_methods(nlp):
    found = artifacts(entities(nlp, "Lumen: planning by drafting", (
        "We present Lumen. Lumen runs in three stages: (i) Self-Drafting, where the model writes a plan; "
        "(ii) Self-Checking, which tests it. We also propose a novel Zig-Zag loss.")))
    for name in ("Self-Drafting", "Self-Checking", "Zig-Zag loss"):
        assert found[name] == ("method", "proposed")


def test_sentence_opening_with_a_defined_part_proposes_it(nlp):
    found = artifacts(entities(nlp, "Fusing streams", (
        "Memes mix text and images. A Dual-stream Fusion Network (DFNet) fuses both streams with attention.")))
    assert found["DFNet"] == ("method", "proposed")


# --- proposal cues -------------------------------------------------------------------------

def test_coordinated_names_after_one_verb_are_both_proposed(nlp):
    found = artifacts(entities(nlp, "Sparse spiking", (
        "We study spiking networks, and propose a novel Sparse Gate Attention (SGA) and Sparse Routing "
        "Transformer (SRT). Both beat ResNet on ImageNet.")))
    assert found["SGA"][1] == "proposed"
    assert found["SRT"][1] == "proposed"


def test_one_verb_still_introduces_one_name_when_the_next_is_not_coordinated(nlp):
    found = artifacts(entities(nlp, "Routing", (
        "We propose FlowGate, which outperforms RouteNet by a wide margin.")))
    assert found["FlowGate"][1] == "proposed"
    assert found["RouteNet"][1] == "mentioned"


def test_names_listed_after_a_colon_following_a_proposal(nlp):
    found = artifacts(entities(nlp, "Continual agents", (
        "We introduce two simple methods, tailored to the needs of agents: Memory Replay (MemR) and Goal "
        "Relabel Sampling (GRS), both keeping old episodes.")))
    assert found["MemR"][1] == "proposed"
    assert found["GRS"][1] == "proposed"


def test_what_the_paper_trains_then_its_name(nlp):
    found = artifacts(entities(nlp, "Counselling dialogues", (
        "The dialogues are used to fine-tune an LLM, CounselLM. We also develop a series of foundation "
        "models, WebWeaver.")))
    assert found["CounselLM"][1] == "proposed"
    assert found["WebWeaver"][1] == "proposed"


def test_a_novel_dataset_defined_with_its_acronym(nlp):
    found = artifacts(entities(nlp, "Daily reasoning", (
        "Built on LLaVA, our model is trained on a novel Multimodal Kitchen Task Reasoning (MKTR) dataset.")))
    assert found["MKTR"] == ("benchmark", "proposed")


def test_mixed_case_short_form_that_ends_in_capitals():
    assert is_short_form("PerpR")
    assert not is_short_form("Spikformer")
    assert not is_short_form("ProcessBench")


# --- benchmarks ------------------------------------------------------------------------------

def test_benchmark_named_with_a_capitalised_benchmark_word(nlp):
    found = artifacts(entities(nlp, "Judges", (
        "Our judge scores well on Kestrel Bench and Owl Arena, and on the Maze Task Suite.")))
    for name in ("Kestrel Bench", "Owl Arena", "Maze Task Suite"):
        assert found[name][0] == "benchmark"


def test_a_sentences_first_word_before_environments_is_no_benchmark(nlp):
    found = artifacts(entities(nlp, "Agents", "Real-world environments show the same gains. We test on Nexus."))
    assert "Real-world" not in found


def test_acronym_benchmark_with_a_listed_count(nlp):
    found = artifacts(entities(nlp, "Math", "Evaluations on QUIZ 500, GSM8K and AIME show gains. "
                                            "GPT-4 wrote 500 answers."))
    assert found["QUIZ 500"][0] == "benchmark"
    assert "GPT-4 500" not in found


def test_what_the_text_calls_a_benchmark_is_one(nlp):
    found = artifacts(entities(nlp, "TrailSeek: Benchmarking web agents", (
        "We introduce TrailSeek, a benchmark comprising long tasks. We apply our method to a real-world "
        "planning benchmark, called Stackworld. We also develop a new evaluation benchmark, Human-Rated "
        "Preference Evaluation (HRPE), with 4,000 samples; HRPE is hard.")))
    assert found["TrailSeek"][0] == "benchmark"
    assert found["Stackworld"][0] == "benchmark"
    assert found["HRPE"][0] == "benchmark"


def test_a_dataset_phrase_before_a_comma_does_not_type_the_next_name(nlp):
    found = artifacts(entities(nlp, "Aligning", "Trained with the Harmless corpus, FooRL answers politely."))
    assert found["FooRL"][0] == "method"


def test_benchmark_variants_and_dataset_sizes(nlp):
    found = artifacts(entities(nlp, "Agents", (
        "We train on UI-Agent-Traces-16k and test on ShapeBench-T and on HumanEval+.")))
    assert found["UI-Agent-Traces-16k"][0] == "benchmark"
    assert found["ShapeBench-T"][0] == "benchmark"
    assert found["HumanEval+"][0] == "benchmark"


def test_subset_words_continue_a_benchmark_and_lower_case_words_do_not_continue_a_model(nlp):
    found = artifacts(entities(nlp, "Coding", (
        "We fine-tune the Llama-3.1-8B base model and evaluate on RepoFix-Bench Verified.")))
    assert "Llama-3.1-8B" in found and "Llama-3.1-8B base" not in found
    assert found["RepoFix-Bench Verified"][0] == "benchmark"


# --- models ---------------------------------------------------------------------------------

def test_maker_before_a_lower_case_model_name_is_its_full_name(nlp):
    found = entities(nlp, "Reasoning", "Reasoning models such as OpenAI o3 and Kimi k1.5 think long.")
    assert found["o3"]["type"] == "model"
    assert "OpenAI o3" in found["o3"]["aliases"]
    assert found["Kimi k1.5"]["type"] == "model"


# --- what only looks like a name ------------------------------------------------------------

@pytest.mark.parametrize("sentence, name", [
    ("The agent reaches 70% SPL and a SPICE of 23.5 on the test split.", "SPL"),
    ("We report COMET and sacreBLEU for every pair.", "COMET"),
    ("Training takes one day on A100-80G cards.", "A100-80G"),
    ("The loss is convex w.r.t. the weights.", "W.R.T"),
    ("We show the results in Figure-1 for each run.", "Figure-1"),
    ("We translate Chinese-English pairs.", "Chinese-English"),
    ("The library is written in Rust for speed.", "Rust"),
    ("It runs on an RTX 4090 card.", "RTX"),
    ("Previous VLN methods fail at long routes.", "VLN"),
])
def test_metrics_hardware_references_and_task_acronyms_are_not_artifacts(nlp, sentence, name):
    found = artifacts(entities(nlp, "A study", sentence))
    assert name not in found
    assert name.lower() not in {n.lower() for n in found}


def test_capitals_that_spell_an_acronym_do_not_make_a_name():
    assert not is_coined("NEtworks")
    assert not is_coined("REason")
    assert is_coined("MMBench") and is_coined("GraphGPT")


def test_a_measure_defined_by_an_acronym_is_not_a_method(nlp):
    found = entities(nlp, "Distillation", "We minimise the reverse Kullback-Leibler divergence (RKL) of the student.")
    assert found.get("RKL", {"type": "concept"})["type"] == "concept"


@pytest.mark.parametrize("title", ["Don't Overthink It: short answers for long questions",
                                   "Sharpening All the Edges: a study of filters"])
def test_a_slogan_before_a_titles_colon_is_no_name(nlp, title):
    found = artifacts(entities(nlp, title, "We study answers."))
    assert not any(n.startswith(title.split(":")[0].split()[0]) for n in found)


def test_latex_braces_end_a_link():
    text = ("Code at https://team.github.io/{https://team.github.io/}. Data: \\url{https://github.com/a/b} and "
            "\\footnote{https://x.github.io/.}")
    assert [raw for _, _, raw in find_urls(text)] == [
        "https://team.github.io/", "https://team.github.io/", "https://github.com/a/b", "https://x.github.io/"]


def test_capitals_inside_a_lower_case_word_spell_an_acronym():
    assert not is_coined("undERstanding")
    assert is_coined("xLSTM") and is_coined("vLLM")


def test_a_gerund_before_a_titles_colon_is_no_name_but_a_hyphenated_one_may_be(nlp):
    assert not artifacts(entities(nlp, "Looking Inward: models that know themselves", "We study recall."))
    found = artifacts(entities(nlp, "Self-Exploring Agents: active search for rewards", "We study recall."))
    assert found["Self-Exploring Agents"][1] == "proposed"


def test_designed_parts_with_a_purpose_and_developed_models_with_their_kind(nlp):
    found = artifacts(entities(nlp, "Web agents", (
        "We design a World Progress Model for step-wise assessment. We then develop the GlassFusion 2.0 "
        "model to improve realism. Our proposed RL-training framework helps.")))
    assert found["World Progress Model"][1] == "proposed"
    assert found["GlassFusion 2.0"][1] == "proposed"
    assert "RL-training" not in found


def test_a_dataset_named_without_a_comma(nlp):
    found = artifacts(entities(nlp, "Images", "To test it, we collect a dataset named Img-Ref-Q of prompts."))
    assert found["Img-Ref-Q"][0] == "benchmark"


def test_a_list_after_an_evaluation_cue_is_of_benchmarks_when_its_first_member_is(nlp):
    found = artifacts(entities(nlp, "Math", (
        "Experiments on QUIZ 2024, QUIZ 2025, OLYMP 2025, and GPQB Diamond show gains.")))
    for name in ("QUIZ 2024", "QUIZ 2025", "OLYMP 2025", "GPQB Diamond"):
        assert found[name][0] == "benchmark", name


def test_a_list_after_with_keeps_its_backbones_methods(nlp):
    found = artifacts(entities(nlp, "Graphs", (
        "We evaluate FlowNode on two graph datasets, integrating it with GXN, GQT, and GZN backbones.")))
    assert found["GQT"][0] == "method"
    assert found["GZN"][0] == "method"


def test_names_in_a_list_of_measures_are_not_artifacts(nlp):
    found = artifacts(entities(nlp, "Therapy", (
        "TalkMind wins on session metrics like Coherence, Flexibility, and Warmth.")))
    assert not {"Coherence", "Flexibility", "Warmth"} & set(found)


def test_a_dash_written_as_a_hyphen_and_adjective_endings_are_not_part_of_a_name(nlp):
    found = artifacts(entities(nlp, "Graphs", (
        "GraphVAE-a simple graph autoencoder-wins often. We mine CLIP-blind pairs.")))
    assert "GraphVAE" in found and "GraphVAE-a" not in found
    assert "CLIP-blind" not in found


def test_gains_on_a_benchmark_make_it_one(nlp):
    found = artifacts(entities(nlp, "Reasoning", "PDX delivers the largest gains (+11% on QUIZ 2024)."))
    assert found["QUIZ 2024"][0] == "benchmark"


def test_a_one_word_name_of_the_method_list_in_lower_case_is_the_common_noun(nlp):
    found = entities(nlp, "Sequence models", "We train a small transformer with dropout on short texts.")
    assert found["transformer"]["type"] == "concept"
    assert found["dropout"]["type"] == "concept"
    found = entities(nlp, "Sequence models", "We compare our model with the Transformer of the original paper.")
    assert found["Transformer"]["type"] == "method"


def test_a_benchmark_written_with_a_family_name_and_eval(nlp):
    found = artifacts(entities(nlp, "Alignment", "Experiments on Alpaca Eval 2 and MT-Bench show gains."))
    assert found["Alpaca Eval 2"][0] == "benchmark"


def test_a_well_known_name_defined_with_a_lower_case_long_form_stays_a_name(nlp):
    found = entities(nlp, "Vision", (
        "We use chain-of-thought (CoT) prompting and contrastive language-image pre-training (CLIP). "
        "Self-supervised learning (SSL) helps too."))
    assert found["CoT"]["type"] == "method"
    assert found["CLIP"]["type"] == "model"
    assert found["SSL"]["type"] == "concept"


def test_parts_the_method_is_said_to_include():
    text = ("The framework includes a Search Agent for exploration, a Value Agent for feedback, and a Judge "
            "Agent that votes. It splits the task into an Inner Loop for tactics and an Outer Loop for plans. "
            "It contains a small network and a Python script.")
    assert [text[s:e] for s, e in composed_parts(text)] == ["Search Agent", "Value Agent", "Judge Agent",
                                                            "Inner Loop", "Outer Loop"]


def test_quoted_parts_before_their_kind():
    text = 'It adds "Rewind" and "Goal Relabel" mechanisms. Users call it "Fast Mode" sometimes.'
    assert [text[s:e] for s, e in quoted_parts(text)] == ["Rewind", "Goal Relabel"]


def test_an_enumerated_item_after_an_article_leaves_its_kind_out():
    text = "It runs in a two-phase cycle: (i) a Library Growing phase that learns; (ii) a Library Pruning phase."
    assert [text[s:e] for s, e in enumerated_names(text)] == ["Library Growing", "Library Pruning"]


def test_a_name_proposed_at_the_end_of_its_sentence(nlp):
    found = artifacts(entities(nlp, "Detection", "We study data detection after RL and propose Self-Audit. It works."))
    assert found["Self-Audit"][1] == "proposed"


def test_a_name_in_apposition_to_its_kind(nlp):
    found = artifacts(entities(nlp, "Images", (
        "We enhance a baseline model, Show-x, to reach +24% on the GenEval benchmark, and test on a new "
        "environment, Cavern.")))
    assert found["Show-x"] == ("method", "mentioned")
    assert found["Cavern"][0] == "benchmark"


# --- measures, notation, counts, venues and number formats -----------------------------------

def test_measures_are_not_artifacts(nlp):
    found = artifacts(entities(nlp, "Tuning QuillTTS for Speech", (
        "We score outputs with a white-box likelihood metric (LKM) and a black-box attribute metric (BAM); "
        "the loss falls linearly with LKM. QuillTTS reaches an end-to-end RTQ of 1.29 and raises user CRT "
        "by 12.5% over the HeronLM baseline, while strict review lowers mean OSX by 1.4 points.")))
    for measure in ("LKM", "BAM", "RTQ", "CRT", "OSX"):
        assert measure not in found
    assert "QuillTTS" in found and "HeronLM" in found


def test_a_model_beside_a_measure_stays(nlp):
    found = artifacts(entities(nlp, "Relabelling Boxes", (
        "Relabelling improves Falcon9 test accuracy by 14 points and increases mean Falcon9 recall by "
        "20 points, and it outperforms GRPO by 5 points.")))
    assert "Falcon9" in found and "GRPO" in found


def test_notation_counts_venues_formats_and_ordinals_are_not_names(nlp):
    found = artifacts(entities(nlp, "Fast Prefill on Small Clusters", (
        "First, we build an SE(3)-equivariant encoder. Second, we train it with a 161-day log on an 8-GPU "
        "node in FP8 and BF16 on NVIDIA H20 chips over 20-run averages. Accepted at ICLR 2026. "
        "Our method, KestrelNet, beats FlashMix.")))
    for junk in ("SE", "First", "Second", "161-day", "8-GPU", "FP8", "BF16", "NVIDIA H20", "H20", "20-run",
                 "ICLR 2026", "ICLR"):
        assert junk not in found
    assert {"KestrelNet", "FlashMix"} <= set(found)


# --- the kind the text says a name is, over what its spelling suggests -----------------------

def test_a_said_kind_beats_a_benchmark_like_ending(nlp):
    found = artifacts(entities(nlp, "TinyWorld: Training Video World Models Cheaply", (
        "We present TinyWorld, a reproducible framework for training video world models. TinyWorld runs "
        "on one node. We also propose \\textbf{Probe-QTest}, a composite black-box audit of hosted APIs.")))
    assert found["TinyWorld"][0] == "method"
    assert found["Probe-QTest"][0] == "method"


def test_a_benchmark_said_in_words_stays_a_benchmark(nlp):
    found = artifacts(entities(nlp, "Edit-Touch: Benchmarking Agents When Users Edit", (
        "We introduce Edit-Touch, a framework that stress-tests agents under user edits. We introduce "
        "PhoneMem, a benchmark and framework for long-term memory. We build EvalNet, a model family.")))
    assert found["Edit-Touch"][0] == "benchmark"
    assert found["PhoneMem"][0] == "benchmark"
    assert found["EvalNet"][0] == "model"


def test_benchmark_cues_at_a_sentence_opening_before_the_name_and_in_a_purpose(nlp):
    found = artifacts(entities(nlp, "Embedding Everything", (
        "We train UniVec. On RetroIR, UniVec stays competitive. In our diagnostic benchmark ScanSlice, tasks "
        "are split by category. To benchmark this task, we introduce CAPRI, which injects ambiguity.")))
    assert found["RetroIR"][0] == "benchmark"
    assert found["ScanSlice"][0] == "benchmark"
    assert found["CAPRI"] == ("benchmark", "proposed")
    assert found["UniVec"][0] in ("method", "model")


# --- benchmark names in title case or lower case, their subsets, and list ends ---------------

def test_hyphenated_benchmark_names_and_their_subsets(nlp):
    found = artifacts(entities(nlp, "Agents at the Terminal", (
        "Our agent reaches 40% on Shell-Bench 2.0, 30 points on CODE-bench Pro and 50% on Web-Arena, "
        "and it also improves on CODE-bench Verified; pass^4 and Pass@8 rise too.")))
    for name in ("Shell-Bench 2.0", "CODE-bench Pro", "Web-Arena", "CODE-bench Verified"):
        assert found[name][0] == "benchmark", name
    assert not {"Pass^4", "pass^4", "Pass@8"} & set(found)


def test_a_caret_inside_a_name_and_the_subject_after_a_list(nlp):
    found = artifacts(entities(nlp, "Ranking by Agreement", (
        "We propose S^2Rank. Across HotQA, WikiBench, and CodeQA, S^2Rank achieves strong results.")))
    assert found["S^2Rank"] == ("method", "proposed")
    assert {"HotQA", "WikiBench", "CodeQA"} <= {n for n, (t, _) in found.items() if t == "benchmark"}
    assert not any(n.startswith("2") for n in found)


def test_a_capitalised_word_before_a_coined_name_is_its_first_word(nlp):
    found = artifacts(entities(nlp, "Linear Attention at Scale", (
        "We replace attention with Gated FlowNet layers and report results on Object HalQA. Embodied AI "
        "and Agentic RL are fields; we compare with Vanilla OPD. Using GRPO, we train it.")))
    assert "Gated FlowNet" in found and "FlowNet" not in found
    assert found["Object HalQA"][0] == "benchmark"
    assert not {"Embodied AI", "Agentic RL", "Vanilla OPD", "Using GRPO"} & set(found)
    assert "GRPO" in found


def test_a_defined_part_with_its_kind_and_the_subsets_of_a_proposed_benchmark(nlp):
    found = artifacts(entities(nlp, "DeepMage: Routing Modalities", (
        "Specifically, DeepMage incorporates a Semantic Modality Adaptive Routing (SMAR) module that selects "
        "modalities using priors, as existing work does. We propose ABC-Bench. ABC-Bench comprises two "
        "subsets: ABC-General-Bench and ABC-Hard-Bench. We also evaluate on XYZ-Bench and ABC-Old.")))
    assert found["SMAR"] == ("method", "proposed")
    assert found["ABC-General-Bench"] == ("benchmark", "proposed")
    assert found["ABC-Hard-Bench"] == ("benchmark", "proposed")
    assert found["XYZ-Bench"] == ("benchmark", "mentioned")


def test_two_names_with_only_a_space_between_them_are_one(nlp):
    found = artifacts(entities(nlp, "Shapes from Text", (
        "We compare with Tencent3D DiT and with Qwen QwQ-32B-Preview. An agent built on Qwen3-4B ReAct "
        "runs, and GRPO, DPO are baselines.")))
    assert "Tencent3D DiT" in found and "DiT" not in found
    assert "Qwen QwQ-32B-Preview" in found
    assert "Qwen3-4B" in found and "ReAct" in found and "Qwen3-4B ReAct" not in found
    assert "GRPO" in found and "DPO" in found


def test_capitalised_names_of_working_parts(nlp):
    found = artifacts(entities(nlp, "Worlds for Many Players", (
        "We propose PolyWorld. A learned Logic Engine advances the state, and a DiT-based Scene Eraser cleans "
        "frames. We leverage Diffusion Policy to act. The Error Factor grows. Other Member states vote. "
        "Then Conditional Streaming Adaptation runs.")))
    assert found["Logic Engine"] == ("method", "proposed")
    assert found["Scene Eraser"] == ("method", "proposed")
    assert found["Diffusion Policy"][1] == "mentioned"
    assert not {"Error Factor", "Other Member", "Conditional Streaming"} & set(found)


# --- baselines, sentence openings, LaTeX ties and more things that are not names -------------

def test_baselines_are_not_evaluation_sets(nlp):
    found = artifacts(entities(nlp, "Gradient Search in Latent Space", (
        "On MathSet, GradHunt consistently outperforms LatentSeekX and improves accuracy by 5 points over "
        "GDPX. Compared with RPGX, the strongest baseline, it is faster. Across KuaiRecX, TenRecX, and "
        "ShopSetX, GradHunt also wins. We instantiate it in MENTOS, a training-free baseline. We present "
        "LiveAnim8, to our knowledge the first animation system of its kind.")))
    for baseline in ("LatentSeekX", "GDPX", "RPGX", "MENTOS", "LiveAnim8"):
        assert found[baseline][0] in ("method", "model"), baseline
    for bench in ("MathSet", "KuaiRecX", "TenRecX", "ShopSetX"):
        assert found[bench][0] == "benchmark", bench


def test_benchmark_variants_joins_and_mnemonics(nlp):
    found = artifacts(entities(nlp, "Images Judged", (
        "We score DrawBench HPSv3 gains, and evaluate on SWE-Bench ProMax, GST-Bench-Local and "
        "WebArena-Infinity, and on MMBench. The NARrative planner and the CLIPort baseline run.")))
    assert found["DrawBench"][0] == "benchmark" and "DrawBench HPSv3" not in found
    for bench in ("SWE-Bench ProMax", "GST-Bench-Local", "WebArena-Infinity", "MMBench"):
        assert found[bench][0] == "benchmark", bench
    assert "NARrative" not in found and "CLIPort" in found


def test_latex_ties_read_as_spaces(nlp):
    found = artifacts(entities(nlp, "Harness Engineering", (
        "With Qwen~3.7 and Claude~Opus~4.7, our harness reaches 80\\% on Terminal-Bench~2.1 and "
        "OSWorld~2.0; Claude~Code runs it.")))
    assert {"Qwen 3.7", "Claude Opus 4.7", "Claude Code"} <= set(found)
    assert found["Terminal-Bench 2.1"][0] == "benchmark" and found["OSWorld 2.0"][0] == "benchmark"


def test_units_formats_platforms_and_families_are_not_names(nlp):
    found = artifacts(entities(nlp, "Fast Video Editing", (
        "PixFlow edits 720p video at 30 FPS with an MoE of 8 experts (a Mixture-of-Experts with an FFN "
        "router), exports PNG and PPTX files, and was tested on YouTube and Douyin clips. We build a "
        "State-Centric Benchmark and the TrackBench benchmark.")))
    for junk in ("FPS", "MoE", "Mixture-of-Experts", "FFN", "PNG", "PPTX", "YouTube", "Douyin",
                 "State-Centric Benchmark"):
        assert junk not in found, junk
    assert "PixFlow" in found and found["TrackBench"][0] == "benchmark"


def test_a_generic_acronym_the_paper_defines_and_proposes_stays(nlp):
    found = artifacts(entities(nlp, "Verifying Code", (
        "We propose a novel prompting method, explicit code-based self-verification (CSV), to boost GPT-4. "
        "We also propose a large language model (LLM) judge.")))
    assert found["CSV"] == ("method", "proposed")
    assert "LLM" not in found


def test_an_opening_phrase_with_a_benchmark_does_not_name_the_subject(nlp):
    found = artifacts(entities(nlp, "LiveAnim: Streaming Animation", (
        "We present LiveAnim, to our knowledge the first animation system of its kind, reaching 19.63\\,FPS. "
        "On a three-minute benchmark, LiveAnim keeps its quality. Across Amazon Beauty, KuaiRecX, and "
        "TenRecX with 2 and 4 blocks, the merged checkpoints hold.")))
    assert found["LiveAnim"] == ("method", "proposed")
    assert "FPS" not in found
    assert found["KuaiRecX"][0] == "benchmark" and found["TenRecX"][0] == "benchmark"


def test_versions_after_a_space_and_counted_dimensions(nlp):
    found = artifacts(entities(nlp, "Planning Repositories", (
        "We compare DeepSeek V3.2 and Qwen 3.7-Plus with GPT-4 in a 3-shot setting on a 6-DoF arm in 3-D "
        "scenes, at USD 0.38 per task, cropping each ROI.")))
    assert {"DeepSeek V3.2", "Qwen 3.7-Plus", "GPT-4"} <= set(found)
    assert not {"6-DoF", "3-D", "USD 0.38", "ROI", "GPT-4 3"} & set(found)


def test_what_the_paper_addresses_a_problem_with_is_proposed(nlp):
    found = artifacts(entities(nlp, "Streaming Video Assistants", (
        "We address this tension with StreamMindX, a two-tier architecture. We instantiate the recipe with "
        "Steer-8B, a diffusion language model. We compare with GPT-4o, a model by a large lab.")))
    assert found["StreamMindX"][1] == "proposed"
    assert found["Steer-8B"][1] == "proposed"
    assert found["GPT-4o"][1] == "mentioned"


def test_standard_sets_are_benchmarks_wherever_they_stand(nlp):
    found = artifacts(entities(nlp, "Summaries and Rewards", (
        "We pretrain on OpenWebText, summarise XSum articles, filter LAION images and check HANS; the "
        "RewardBench2 score and the Acme2 model follow.")))
    for bench in ("OpenWebText", "XSum", "LAION", "HANS", "RewardBench2"):
        assert found[bench][0] == "benchmark", bench
    assert found["Acme2"][0] != "benchmark"


def test_descriptions_of_benchmarks_are_not_their_names(nlp):
    found = artifacts(entities(nlp, "VidEval: A Comprehensive Evaluation Benchmark of Video LLMs", (
        "Using four Theory-of-Mind benchmarks and the SpiderX benchmark, we test UAV and UGV footage with "
        "Constitutional AI at a 2-8X speedup.")))
    assert "Comprehensive Evaluation Benchmark" not in found and "Theory-of-Mind" not in found
    assert found["SpiderX"][0] == "benchmark"
    assert not {"UAV", "UGV", "2-8X", "Constitutional"} & set(found)
    assert "Constitutional AI" in found


def test_model_identifiers_in_lower_case_and_active_parameter_sizes(nlp):
    found = artifacts(entities(nlp, "Judging Judges", (
        "We query gemma-2-9b-it, claude-3-opus and gemini-1.5-pro, adapt Nemotron 30B-A3B, and opt-in "
        "users see https://example.org/qwen-2 pages.")))
    for model in ("gemma-2-9b-it", "claude-3-opus", "gemini-1.5-pro", "Nemotron 30B-A3B"):
        assert found[model][0] == "model", model
    assert not any(n.startswith(("opt", "qwen")) for n in found)


def test_what_our_work_uses_or_a_proposal_builds_inside_is_mentioned(nlp):
    found = artifacts(entities(nlp, "Reflecting Less", (
        "Our work leverages Monte Carlo Tree Search (MCTS) to collect data. We introduce a novel reward "
        "within the GRPO framework. Applying our proposed method to Llama-3.1-8B-Instruct helps. We develop "
        "a variant of ViT for points. We construct testbeds and benchmark Qwen3-8B. We design and evaluate "
        "CTRLX, a simple attack.")))
    for name in ("MCTS", "GRPO", "Llama-3.1-8B-Instruct", "ViT", "Qwen3-8B"):
        assert found[name][1] == "mentioned", name
    assert found["CTRLX"][1] == "proposed"


def test_a_possessive_name_in_a_list_of_evaluation_sets(nlp):
    found = artifacts(entities(nlp, "Hard Questions", (
        "We evaluate on GPQA, Mankind's Final Quiz and SimpleQAX. Today's models fail.")))
    assert found["Mankind's Final Quiz"][0] == "benchmark"
    assert "Mankind" not in found and "Quiz" not in found and not any(n.startswith("Today") for n in found)


def test_a_size_in_parentheses_marks_a_model(nlp):
    found = artifacts(entities(nlp, "Self-Evolving Vision Models", (
        "Gains hold on 5 benchmarks, as shown on MiniPix-V-2.5 (8B), TinySight (4B) and HawkQA.")))
    assert found["MiniPix-V-2.5"][0] == "model" and found["TinySight"][0] == "model"


def test_a_product_word_after_code(nlp):
    found = artifacts(entities(nlp, "Verifying With Code", (
        "We boost GPT-4 Code Interpreter and compare with Claude Code, which runs tests.")))
    assert "GPT-4 Code Interpreter" in found and "Interpreter" not in found and "Claude Code" in found


def test_a_name_of_three_words_before_benchmark(nlp):
    found = artifacts(entities(nlp, "Self-Guided Tuning", (
        "In our evaluation on the Natural Instructions V2 benchmark and the Arena Image Edit Leaderboard, "
        "SelfGuideX helps.")))
    assert found["Natural Instructions V2"][0] == "benchmark"
    assert found["Arena Image Edit Leaderboard"][0] == "benchmark"
    assert "Instructions V2" not in found


def test_standard_sets_written_as_ordinary_words(nlp):
    found = artifacts(entities(nlp, "Data-Efficient Agents", (
        "Our agent scores 0.41 on Atari and wins on Arena-Hard; node classification on Cora and Citeseer "
        "improves. An atari-style game is not a set.")))
    for bench in ("Atari", "Arena-Hard", "Cora", "Citeseer"):
        assert found[bench][0] == "benchmark", bench
    assert "atari-style" not in found


def test_a_benchmark_name_before_benchmark_and_subsets_of_standard_sets(nlp):
    found = artifacts(entities(nlp, "Office Agents", (
        "OfficeBench Benchmark and Insights: a benchmark of office tasks. We also report LIBERO-Plus and "
        "MMLU Hard results.")))
    assert found["OfficeBench"][0] == "benchmark" and "OfficeBench Benchmark" not in found
    assert "Insights" not in found
    assert found["LIBERO-Plus"][0] == "benchmark"


def test_compounds_with_to_and_a_two_read_as_to(nlp):
    found = artifacts(entities(nlp, "Open Image Generators", (
        "We introduce a family of text-to-image Masked Pixel Models (MaskPix). We present World-to-Wrist "
        "VLA (W2-VLA), a VLA model for manipulation.")))
    assert found["MaskPix"][1] == "proposed"
    assert found["W2-VLA"][1] == "proposed" and "VLA" not in found


def test_a_longer_name_in_parentheses_is_no_long_form():
    from kg.extract.abbreviations import find_abbreviations
    pairs = [(a.short, a.long) for a in find_abbreviations(
        "we present World-to-Wrist VLA (W2-VLA), a VLA (W2-VLA) model; STICK (Self-TICK) checks.")]
    assert ("W2-VLA", "World-to-Wrist VLA") in pairs
    assert not any(short == "VLA" for short, _ in pairs)
    assert ("STICK", "Self-TICK") in pairs
