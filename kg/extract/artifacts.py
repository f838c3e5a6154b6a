"""Named methods, models and benchmarks in a title and abstract, with their role.

The shape of scispaCy's abbreviation detector: regular expressions find candidates
(recall), then plain-Python filters drop what is not a named artifact (precision), and
small rules give each survivor a type and a role. Everything here is a pure function of
the text; :mod:`kg.extract.pipeline` wraps it as a spaCy component.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import chain
from typing import NamedTuple

from spacy.lang.en.stop_words import STOP_WORDS

from . import lexicon
from .abbreviations import Abbreviation, best_long_form
from .anchored import finditer_at, occurrences
from .components import composed_parts, enumerated_names, listed_after_colon, novel_named, quoted_parts
from .concepts import concept_pattern, concept_phrases
from .intervals import containment_test
from ..textnorm import name_key
from .trie import NOT_AFTER_WORD, trie_pattern

__all__ = ["Candidate", "find_candidates", "classify", "detect_artifacts", "is_coined"]

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-\.\+']*[A-Za-z0-9\+]")
# Only tokens that can be coined names: a capital or digit first, or lower case then a
# capital ("iNaturalist"); the regex engine skips ordinary lower-case words.
_NAME_TOKEN = re.compile(r"(?<![\w\-\.\^])(?:[A-Z0-9]|[a-z]+[A-Z])[A-Za-z0-9\-\.\+'\^]*[A-Za-z0-9\+]")
# The same tokens found fast, in one search that stops only at capitals and digits: a
# token that starts with one (two characters or more), or else a lone capital that follows
# a lower-case letter, from which :func:`_name_tokens` finds a token that starts in lower case.
_CAPITAL_NAME_TOKEN_OR_INNER_CAPITAL = re.compile(
    r"[A-Z0-9](?:(?<![\w\-\.\^].)[A-Za-z0-9\-\.\+'\^]*[A-Za-z0-9\+]|(?<=[a-z].))")
_VERSION = r"(?:[vV]?\d+(?:\.\d+)*[A-Za-z]?|\d+(?:\.\d+)?[BMK]|[xX]\d+|[a-z]\d+\.\d+)"  # "Kimi k1.5"
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_SIZE = re.compile(r"(?:^|[\-\s_])\d+(?:\.\d+)?[BMbm](?:$|[\-\s_])")
# Lower-case words that end a hyphenated adjective ("LLM-based", "GPT-4o-powered"):
# the part before them may be a name, the whole is not.
_ADJ_SUFFIX = {
    "based", "powered", "driven", "guided", "aware", "generated", "style", "level", "like", "free",
    "specific", "oriented", "enhanced", "conditioned", "augmented", "brained", "centric", "agnostic",
    "tuned", "only", "scale", "wise", "aligned", "assisted", "integrated", "inspired", "generation",
    "derived", "friendly", "native", "ready", "compatible", "sized", "scale", "distilled", "initialized",
    "blind", "a", "an", "the",  # "CLIP-blind pairs"; "GraphMAE-a simple autoencoder-" (a dash, then words)
}
_PROPOSE_VERB_LIST = (
    "propose proposes proposed proposing introduce introduces introducing present presents presenting develop "
    "develops developing design designs designing build builds building construct constructs constructing create "
    "creates creating release releases releasing curate curates curating contribute contributes formulate "
    "formulates devise devises establish establishes unveil unveils term call name dub collect collects offer "
    "offers inspire").split() + ["put forward", "puts forward"]
_PROPOSE_VERBS = trie_pattern(_PROPOSE_VERB_LIST)
# A proposal cue ("we propose", "this paper introduces", "by introducing", "to this end, we"),
# ignoring case, written to start with a character class: the search then skips to the
# first letters of its openings instead of trying every position. The class holds what
# "b", "h", "i", "t" and "w" match ignoring case (the dotted and dotless i too);
# "(?<!\w.)" is the "\b" before that letter, and a lookbehind ties each opening to it.
# tests/test_extract_fast.py keeps the plain pattern, "\b(?:we|this ...)" with re.I.
_PROPOSE = re.compile(
    r"[bhitwBHITW\u0130\u0131](?<!\w.)(?i:"
    r"(?:(?<=w)e|(?<=t)his (?:paper|work|study|article|report)|(?<=t)he (?:paper|authors)|(?<=h)ere)\s+(?:also\s+|"
    r"further\s+|then\s+|first\s+|thus\s+|therefore\s+|additionally\s+|now\s+)?(?:" + _PROPOSE_VERBS + r")\b|"
    r"(?<=b)y (?:introducing|proposing|presenting|developing|designing|building|constructing|creating|curating)\b|"
    r"(?:(?<=t)o this end|(?<=i)n this (?:paper|work)|(?<=t)o address (?:this|these)[\w ]*)\s*,\s*we\b)")
_NAMING = re.compile(r"\b(?:called|named|termed|dubbed|coined|namely|denoted(?: as)?|referred to as)\s+$", re.I)
# (the words between "our" and the name are no preposition and no verb of use: not "our
# work leverages X", "our proposed method to X")
_OUR_GAP_WORD = (r"(?!(?:to|on|in|with|for|from|over|than|of|into|leverag\w*|us(?:e|es|ing)|adopt\w*|employ\w*|"
                 r"appl(?:y|ies)|build\w*|extend\w*|follow\w*|rel(?:y|ies)|utiliz\w*|combin\w*|integrat\w*|"
                 r"incorporat\w*)\b)[\w\-]+\s+")
_OUR = re.compile(r"\b(?:our|the proposed|our proposed)\s+(?:" + _OUR_GAP_WORD + r"){0,2}$|"
                  r"\b(?:our|the proposed|our proposed)\s+(?:(?:[\w\-]+\s+){0,2}?(?:method|framework|"
                  r"approach|model|system|algorithm|benchmark|dataset|agent|technique)s?\s*[,:]\s*)$", re.I)
_KIND_NOUNS = (r"framework|method|approach|model|system|benchmark|dataset|agent|technique|algorithm|pipeline|"
               r"architecture|module|strategy|paradigm|suite|toolkit|library|platform|recipe|mechanism|network|"
               r"corpus|environment|testbed|metric|protocol|scheme|solution|tool|engine|family|series")
_APPOSITIVE_AFTER = re.compile(
    r"^\s*(?:\([^()]*\)\s*)?,\s*(?:(?:a|an)\s+(?:[\w\-]+\s+){0,3}?(?:new|novel|simple|unified|lightweight|"
    r"general|efficient|effective|scalable|first|principled|flexible|modular|comprehensive|challenging|"
    r"large-scale|plug-and-play|training-free)\s+(?:[\w\-]+\s+){0,3}?(?:" + _KIND_NOUNS + r")|"
    r"(?:a|an)\s+(?:[\w\-]+\s+){0,4}?(?:framework|benchmark|dataset|suite|testbed|toolkit|library|pipeline))s?\b",
    re.I)
# "\b(?:a|an)\s+..." with re.I, written to start with the character "a" (the search
# then skips to the letters a and A instead of trying every position): "[aA]" is what
# "a" matches ignoring case, "(?<!\w.)" is the "\b" before it.
_APPOSITIVE_ADJECTIVES = ("new", "novel", "simple", "unified", "general", "lightweight", "efficient", "effective",
                          "scalable", "principled", "generalizable", "flexible", "modular", "large-scale",
                          "comprehensive", "challenging")
# what follows the "a" (ignoring case); :func:`_lower_rx` matches it on lower-cased ASCII text
_APPOSITIVE_REST = (r"(?i:(?:|n)\s+(?:" + "|".join(_APPOSITIVE_ADJECTIVES) + r")\s+(?:[\w\-]+\s+){0,3}?(?:"
                    + _KIND_NOUNS + r")s?\s*(?:,|:|\u2014|-{1,2})\s*(?=[A-Z]))")
_APPOSITIVE_BEFORE = re.compile(r"[aA](?<!\w.)" + _APPOSITIVE_REST)
_BENCH_AFTER = re.compile(
    r"^\)?\s*(?:\([^()]*\)\s*)?(?:\d+(?:\.\d+)?\s+)?(?:benchmarks?|datasets?|data sets?|corpus|corpora|suites?|"
    r"leaderboards?|environments?|testbeds?|test sets?|splits?)\b", re.I)
# What the text before a name ends with when it names an evaluation set: "on the popular
# ", "across two ", "benchmarks such as ", "datasets: " (ignoring case). The pattern reads
# the reversed text: a pattern that must end where the text ends would be tried at every
# position, the reversed one once, at the start. tests/test_artifacts_speed_paths.py keeps
# the plain pattern, "(?:\b(?:on|across|...)\s+(?:the\s+)?...|\b(?:benchmarks?|...)...)$".
_BENCH_PREPOSITIONS = ("on", "across", "over", "in", "from", "using", "under", "with")
_BENCH_QUALIFIERS = ("challenging", "popular", "standard", "public", "widely-used", "widely used", "real-world",
                     "large-scale", "several", "multiple", "three", "four", "five", "two", "six", "seven", "both")
_BENCH_KINDS = ("benchmark", "dataset", "suite", "environment", "task")
_EXAMPLE_WORDS = ("such as", "including", "like", "namely", "i.e.", "i.e.,", "e.g.", "e.g.,")


def _backwards(words) -> str:
    """Pattern text for any of ``words``, each spelled backwards."""
    return "(?:" + "|".join(re.escape(w[::-1]) for w in words) + ")"


_BENCH_BEFORE_REVERSED = re.compile(
    r"(?:(?:\s+" + _backwards(_BENCH_QUALIFIERS) + r"){0,2}(?:\s+eht)?\s+" + _backwards(_BENCH_PREPOSITIONS) + r"|"
    r"\s*" + _backwards(_EXAMPLE_WORDS) + r"?\s*[,:]?\s*s?" + _backwards(_BENCH_KINDS) + r")\b", re.I)


def _bench_cue_before(before: str) -> bool:
    """Does ``before`` end with a cue that an evaluation set follows ("evaluated on the
    popular ")? The reversed pattern is matched at the start of the reversed text."""
    return _BENCH_BEFORE_REVERSED.match(before[::-1]) is not None


_BENCH_LIST_CUE = re.compile(
    r"\b(?:benchmarks?|datasets?|data sets?|suites?|environments?|testbeds?)\s*(?:,|:)?\s*"
    r"(?:such as|including|like|namely|i\.e\.,?|e\.g\.,?|:)?\s*\(?$", re.I)
_EVAL_SENT = re.compile(r"\b(?:benchmarks?|datasets?|evaluat\w+|experiments?|tested|test sets?|results|gains?|"
                        r"outperform\w*|achiev\w+|improv\w+|accuracy|performance|state-of-the-art|sota|scores?)\b",
                        re.I)
_LAST_JOINER = re.compile(r"\b(?:and|or)\s*$")
_LIST_SEP = re.compile(r"^\s*(?:\([^()]{1,40}\)\s*)?(?:,\s*(?:and\s+|or\s+)?|\s+and\s+|\s+or\s+|\s*/\s*|;\s*)$")
# Title prefixes that start a sentence or a question, not a name ("Towards X: ...").
_TITLE_OPENERS = {
    "towards", "toward", "beyond", "from", "on", "when", "why", "how", "what", "which", "rethinking",
    "revisiting", "understanding", "learning", "improving", "comparing", "exploring", "unlocking",
    "enhancing", "boosting", "scaling", "training", "teaching", "making", "can", "do", "does", "is", "are",
    "should", "leveraging", "benchmarking", "evaluating", "measuring", "mitigating", "bridging", "into",
    "through", "beyond", "the", "a", "an", "self-supervised", "no", "not", "all", "less", "more",
}
_TASK_HEADS = {
    "recognition", "detection", "classification", "segmentation", "generation", "translation", "answering",
    "retrieval", "prediction", "estimation", "forecasting", "summarization", "captioning", "parsing",
    "tracking", "localization", "reasoning", "understanding", "analysis", "extraction", "completion",
}
# Head nouns of lower-case long forms that still name one technique ("direct preference optimization").
# What a long form names when it ends with these: a measure ("reverse Kullback-Leibler divergence")
_MEASURE_HEADS = {"divergence", "distance", "entropy", "error", "score", "rate", "ratio", "coefficient"}
_METHOD_HEADS = {"optimization", "algorithm", "search", "decoding", "attention", "sampling", "distillation",
                 "prompting", "regularization", "normalization", "training", "tuning", "alignment"}

# compiled once (the module-level ``re`` functions look each pattern up in a cache per call)
_NOT_LETTER = re.compile(r"[^A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?:]\s+|\n)$")


@dataclass
class Candidate:
    start: int
    end: int
    text: str
    rule: str
    long_form: str | None = None
    long_start: int | None = None
    label: str = "method"
    role: str = "mentioned"
    confidence: float = 0.5
    strong_type: bool = False
    verb_at: int | None = None  # where the proposal verb that made it `proposed` ends
    adjectival: bool = False  # written as part of an adjective ("GRPO-based"): never proposed
    said_kind: bool = False  # its type was said in words beside it ("X, a framework"), not read off its spelling
    aliases: list[str] = field(default_factory=list)


# Two capitals and then only lower case (four letters or more): the capitals spell an
# acronym ("Planning In NEtworks", "REason-guided ... EXplanations"), the word is ordinary
_MNEMONIC = re.compile(r"[A-Z]{2}[a-z]{4,}|[A-Z]{3}[a-z]{5,}|[a-z]{2,}[A-Z]{2}[a-z]{3,}")  # also "undERstanding"


@lru_cache(maxsize=1 << 16)
def is_coined(tok: str) -> bool:
    """A token written the way names are coined: inner capitals (ExPO, GraphGPT), an
    acronym (GRPO), letters with digits (GSM8K, Qwen3-4B) or a hyphenated name with a
    capitalised short part (X-Node, Point-MAE). Title-case compounds ("Self-Correcting",
    "Multi-Agent") are ordinary words.

    >>> [is_coined(t) for t in ["ExPO", "GRPO", "GSM8K", "X-Node", "Graph", "state-of-the-art", "7B",
    ...                         "Self-Correcting", "Point-MAE", "top-1", "RL-trained", "Text-to-SQL", "GPT-4o-mini"]]
    [True, True, True, True, False, False, False, False, True, False, False, False, True]
    """
    if len(tok) < 2 or not any(c.isalpha() for c in tok):
        return False
    if "-to-" in tok.lower():
        return False  # a task or direction ("Text-to-SQL", "C++-to-Python"), not a name
    parts = tok.split("-")
    if len(parts) > 1 and parts[-1] in _BENCH_ENDINGS and parts[-2][:1].isalnum():
        return True  # a benchmark's name: "Terminal-Bench", "SWE-bench", "Web-Arena"
    if any(p.isalpha() and p.islower() and len(p) >= 4 and p not in _suffixes_lower() for p in parts[1:]):
        return False  # a compound word ("RL-trained", "LLM-generated")
    if not (tok[0].isupper() or tok[0].isdigit() or re.match(r"[a-z]+[A-Z]", tok)):
        return False
    if _MNEMONIC.fullmatch(tok):
        return False  # a word capitalised to spell an acronym: "NEtworks", "REason"
    if re.search(r"[a-z][A-Z]|[A-Z]{2}[a-z]", tok):
        return True  # inner capitals: ExPO, GraphGPT, MMBench, ALFWorld
    if re.fullmatch(r"[A-Z][A-Z0-9\-\.\+]*[A-Z0-9\+]s?", tok) and sum(c.isupper() for c in tok) >= 2:
        return True
    if re.search(r"\d", tok) and re.search(r"[A-Za-z]{2}", tok) and not re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]{1,2}", tok):
        return tok[0].isalpha() or "-" in tok
    parts = [p for p in parts if p]
    if len(parts) >= 2:
        # a single capital letter or an all-caps part makes a coined hyphen name
        return any(len(p) == 1 and p.isupper() or (len(p) > 1 and p.isupper()) for p in parts)
    return False


# The last part of a hyphenated name that makes it a benchmark's, whatever the case of
# the rest ("Terminal-Bench", "SWE-bench")
_BENCH_ENDINGS = frozenset({"Bench", "bench", "Benchmark", "Eval", "Arena", "Gym", "QA"})


@lru_cache(maxsize=1 << 16)
def _generic(name: str) -> bool:
    g = lexicon.generic_terms()
    base = name[:-1] if name.endswith("s") and len(name) > 2 else name
    if name in g or base in g:
        return True
    low = name.lower()
    if low in STOP_WORDS or base.lower() in STOP_WORDS:
        return True
    if _ROMAN.match(name) or re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]?|[A-Z]\d?", name):
        return True
    if re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]{1,2}s?(?:-\w+)?", name):
        return True  # sizes and units alone: "7B", "3D", "14B-parameter"
    if re.fullmatch(r"[a-z]+\d{4}[a-z]+", name):
        return True  # a citation key: "yao2023spike"
    if _NOT_A_NAME.fullmatch(name):
        return True
    if _COUNTED.fullmatch(name) or _SPEEDUP.fullmatch(name):
        return True  # a count and what it counts: "161-day", "20-run", "8-GPU"
    head, _, rest = name.partition("-")
    if rest and head.isdigit() and (rest in g or len(rest) == 1):
        return True  # "6-DoF", "3-D"
    parts = name.split("-")
    if len(parts) > 1 and all(p in g for p in parts):
        return True  # generic words joined: "Chinese-English", "RL-GPU"
    words = name.split()
    if len(words) > 1 and all(w in g or _NOT_A_NAME.fullmatch(w) or _YEAR.fullmatch(w) or _AMOUNT.fullmatch(w)
                              for w in words):
        return True  # a venue and its year ("ICLR 2026"), a maker and its chip ("NVIDIA H20")
    return False


_AMOUNT = re.compile(r"\d+(?:[.,]\d+)*")  # "USD 0.38"
_SPEEDUP = re.compile(r"\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?[xX]")  # "2-8X", "3.5x"
_COUNTED = re.compile(r"\d+(?:\.\d+)?-(?:[a-z]+|[A-Z]{2,}s?)")


# Other strings that look like names and are not: a GPU or TPU ("A100-80G", "H100s"), a
# Latin abbreviation with its dots ("w.r.t.", "i.e."), a reference to a figure, table or
# section ("Figure-1", "Table 2"), a metric at k ("Pass@4", "Pass^4", "Maj@16")
_NOT_A_NAME = re.compile(
    r"(?:[AHVL]\d{2,3}|[AH]800|RTX[\s\-]?\d+\w*|TPUv?\d*)(?:[\-\s]?\d+G[Bb]?)?s?|"
    r"(?:[A-Za-z]\.){1,3}[A-Za-z]?\.?|"
    r"(?:Figure|Fig|Table|Tab|Section|Sec|Eq|Equation|Appendix|Algorithm|Theorem|Lemma)\.?[\s\-]?\d+[a-z]?|"
    r"(?:[Pp]ass|[Bb]est|[Mm]aj|[Aa]cc|[Rr]ecall|[Hh]its|[Tt]op|[Ss]ucc)[@\^]\w+")


@lru_cache(maxsize=1 << 16)
def _strip_token(tok: str) -> str:
    """Drop a possessive and a hyphenated adjective ending: "ChatGPT's" -> "ChatGPT",
    "GPT-4o-based" -> "GPT-4o"."""
    tok = re.sub(r"['\u2019]s$", "", tok)
    parts = tok.split("-")
    while len(parts) > 1 and parts[-1].lower() in _ADJ_SUFFIX:
        parts = parts[:-1]
    return "-".join(parts)


@lru_cache(maxsize=1 << 16)
def _coined_token(token: str) -> tuple[int, bool] | None:
    """For a name token as found: the length of its coined name (possessive and
    adjective ending dropped) and whether an adjective ending was dropped
    ("GRPO-based"); None when it is not a coined name. One look-up a token."""
    raw = token.split("--", 1)[0].rstrip(".'-")  # "HEART--a" is a dash between words
    tok = _strip_token(raw)
    if not tok or not is_coined(tok):
        return None
    return len(tok), len(tok) < len(raw) and raw[len(tok)] == "-"


@lru_cache(maxsize=1)
def _suffixes_lower() -> frozenset[str]:
    return frozenset(s.lower() for s in lexicon.model_suffixes())


# (a version may be followed by a suffix word: "Qwen 3.7-Plus"; not by other words: "GPT-4 3-shot")
_NEXT_WORD = re.compile(r"([ \-])((?:" + _VERSION + r")|A\d+(?:\.\d+)?B|[A-Za-z]+\d*)"
                        r"(?!\w|\.\d|-(?!(?:Plus|Pro|Max|Mini|mini|Turbo|Instruct|Chat|Base|Flash|Lite|Preview|"
                        r"A\d+(?:\.\d+)?B)\b))")
_VERSION_RX = re.compile(_VERSION)
_YEAR = re.compile(r"\d{4}")
_LONG_NUMBER = re.compile(r"\d{3,}")
_SHORT_VERSION = re.compile(r"[A-Z]\d{1,2}(?:\.\d)?|v\d+(?:\.\d+)*|A\d+(?:\.\d+)?B")  # "A3B": active parameters


# A capitalised word just before a coined name, inside a sentence: the name's first word
# ("Gated DeltaNet", "Object HalBench")
_CAP_WORD_BEFORE = re.compile(r"(?<![\w\-])([A-Z][a-z]+) $")


def _extend_left(text: str, start: int) -> int:
    """Grow a coined name over a capitalised word before it that no sentence start, generic
    word or field term explains."""
    m = _CAP_WORD_BEFORE.search(text, max(0, start - 20), start)
    if m is None or _SENTENCE_START.search(text, max(0, m.start() - 3), m.start()) or m.start() == 0:
        return start
    word = m.group(1)
    if _ordinary_word(word) or word.lower() in _FUNCTION_WORDS or word in _NOT_FIRST_WORDS:
        return start
    return m.start()


_NOT_FIRST_WORDS = frozenset({"Using", "With", "Without", "Compared", "Unlike", "Like", "For", "In", "On", "Of",
                              "Both", "Each", "All", "Via", "And", "Or", "Vs", "Versus", "Than", "Then",
                              "When", "While", "Where", "Vanilla", "Standard", "Original", "Naive", "Base",
                              "Baseline", "Project", "Model", "Models", "Framework", "Method", "Benchmark",
                              "Dataset", "Agent", "System", "Task", "Stage", "Step", "Module"})


def _extend_right(text: str, end: int) -> int:
    """Grow a name over versions, sizes and model suffix words: "AlpacaEval 2.0", "GPT-5 mini"."""
    while True:
        m = _NEXT_WORD.match(text, end)  # at ``end``: no copy of the rest of the text
        if not m or not _grows_over(*m.groups()):
            break
        end = m.end()
    if text.endswith(" Code", 0, end):
        m = _PRODUCT_WORD.match(text, end)  # "GPT-4 Code Interpreter", "Gemini Code Assist"
        if m:
            end = m.end()
    if text[end:end + 1] == " " and text[end + 1:end + 2].isdigit() and _ACRONYM_BEFORE.search(
            text, max(0, end - 12), end):
        m = _LISTED_COUNT.match(text, end) or _EDITION_YEAR.match(text, end)
        if m:
            return m.end(1)
    return end


_PRODUCT_WORD = re.compile(r" [A-Z][a-z]{3,}(?![\w\-])")
# "MATH 500" in a list of evaluation sets: an acronym and a three-digit number, then the
# list goes on (a number after a space is otherwise a count, never part of the name)
_LISTED_COUNT = re.compile(r" (\d{3})(?=\s*(?:,|;|\)|\s(?:and|or)\s))")
_ACRONYM_BEFORE = re.compile(r"(?<![\w\-])[A-Z]{3,}$")
# "AIME 2024", "COCO 2017": the year of an edition, after an acronym
_EDITION_YEAR = re.compile(r" ((?:19|20)\d\d)(?![\w\-]|\.\d)")


@lru_cache(maxsize=1 << 16)
def _grows_over(joiner: str, word: str) -> bool:
    """Is ``word``, after ``joiner`` (a space or a hyphen), part of the name before it: a
    version or size (not a year, nor a long number after a space) or a model suffix word?
    (The next word is most often an ordinary one: "GRPO improves"; one look-up a word.)"""
    return bool(_VERSION_RX.fullmatch(word) and not _YEAR.fullmatch(word)
                and (joiner == "-" or not _LONG_NUMBER.fullmatch(word))
                or (word.lower() in _suffixes_lower() if joiner == "-" else word in lexicon.model_suffixes())
                or _SHORT_VERSION.fullmatch(word))


@lru_cache(maxsize=None)
def _family_rx(names: tuple[str, ...] | None = None):
    """A model family's name at the start of a token ("Qwen" in "Qwen2.5-7B-Instruct");
    ``names``: only these families (default: all)."""
    names = lexicon.model_families() if names is None else names
    return re.compile(trie_pattern(names, after_first=NOT_AFTER_WORD) + r"(?![A-Za-z])")


@lru_cache(maxsize=1)
def _plain_benchmark_rx():
    """The benchmark lexicon's names that the coined-name detector cannot see (ordinary
    words: "Atari", "Cora", "Natural Questions"), as whole words, case-sensitive."""
    names = sorted(n for n in lexicon.benchmark_names() if not is_coined(n))
    return re.compile(trie_pattern(names, after_first=NOT_AFTER_WORD) + r"(?![\w\-])")


@lru_cache(maxsize=1)
def _lower_family_names() -> frozenset[str]:
    return frozenset({n.lower() for n in lexicon.model_families() if len(n) >= 3 and n.isalpha()} | {"davinci"})


_ID_HYPHEN = re.compile(r"-(?=[a-z0-9.\-]*\d)")
_LOWER_ID_REST = re.compile(r"-(?=[a-z0-9.\-]*\d)[a-z0-9]+(?:[.\-][a-z0-9]+)*(?![\w\-]|\.\w)")


def _lower_model_ids(text: str) -> list[tuple[int, int]]:
    """Model identifiers as hubs and APIs write them: a family's name in lower case, then
    hyphenated lower-case parts with a digit among them ("gemma-2-9b-it",
    "gemini-1.5-pro"). Found from each hyphen that such parts follow (a search that starts
    with a literal is fast): the word before it is looked up, then the rest matched there."""
    out = []
    names = _lower_family_names()
    end = 0
    for h in _ID_HYPHEN.finditer(text):
        i = h.start()
        if i < end:
            continue
        j = i
        while j > 0 and "a" <= text[j - 1] <= "z":
            j -= 1
        if i - j >= 3 and text[j:i] in names and not (j and (text[j - 1].isalnum() or text[j - 1] in "_-./")):
            m = _LOWER_ID_REST.match(text, i)
            if m is not None:
                out.append((j, m.end()))
                end = m.end()
    return out


_MAKER = "OpenAI "


def _family_spans(text: str) -> list[tuple[int, int]]:
    """The spans of ``_family_rx().finditer(text)``, found by two faster searches.

    One pattern of all the families starts with a capital, a digit or "o" ("o1"), so its
    search stops at every "o" of the text; the families that start in lower case get a
    pattern of their own, which starts with a literal that the search finds fast. At each
    place only one of the two can match, and there as the one pattern does; and each
    search skips only starts inside its own matches. So when no two of their matches
    overlap, they are what the one pattern gives; when some do, it runs instead.
    """
    upper, lower = _family_groups()
    found = [m.span() for m in _family_rx(upper).finditer(text)]
    if lower:
        found += [m.span() for m in _family_rx(lower).finditer(text)]
        found.sort()
        if any(b[0] < a[1] for a, b in zip(found, found[1:])):
            return [m.span() for m in _family_rx().finditer(text)]
    return found


@lru_cache(maxsize=1)
def _family_groups() -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The model families that do not start in lower case, and those that do."""
    names = lexicon.model_families()
    return tuple(n for n in names if not n[0].islower()), tuple(n for n in names if n[0].islower())


@lru_cache(maxsize=1)
def _family_prefix_rx():
    return re.compile(r"^" + trie_pattern(lexicon.model_families()) + r"(?:$|[\-\s\.]?\d|[\-\s][A-Z])")


@lru_cache(maxsize=1)
def _method_phrases() -> frozenset[str]:
    """The technique names in lower case, a space for each run of spaces and hyphens."""
    return frozenset(re.sub(r"[\s\-]+", " ", n).lower() for n in lexicon.words("method_names"))


@lru_cache(maxsize=1)
def _method_pattern() -> str:
    flexible = lambda ch: r"[\-\s]" if ch == " " else re.escape(ch)  # noqa: E731
    return trie_pattern(_method_phrases(), flexible) + r"s?(?![\w\-])"


@lru_cache(maxsize=None)
def _method_rx(ignore_case: bool = True):
    """Well-known technique names; without ``ignore_case`` it matches lower-cased text."""
    return re.compile(r"(?<![\w\-])" + _method_pattern(), re.I if ignore_case else 0)


@lru_cache(maxsize=1)
def _scan_guard() -> str:
    """Pattern text for how every match of the lower-case patterns begins: the first word
    of a concept term, a technique name, a proposal verb or a naming word, and when more
    words follow, the spaces or hyphens and the first character of the next one; and "a"
    or "an" with an adjective of the appositive cue ("a novel").

    Tried first at each word start, it turns :func:`_lower_rx` away from most words
    ("the", "results", "in the") before the lookaheads are tried there. It accepts every
    start of theirs: in each pattern a term's characters stand for themselves (in lower
    case, the case of the text they run on), and its spaces for ``[\\s\\-]+`` or a
    narrower class (``\\s+``, ``[\\-\\s]``, a space).
    """
    heads = {article + " " + adjective for article in ("a", "an") for adjective in _APPOSITIVE_ADJECTIVES}
    for phrase in chain(concept_phrases(), _method_phrases(), _PROPOSE_VERB_LIST, _NAMING_WORDS):
        first, space, rest = phrase.partition(" ")
        heads.add(first + space + rest[:1])
    return trie_pattern(heads, lambda ch: r"[\s\-]+" if ch == " " else re.escape(ch))


@lru_cache(maxsize=None)
def _lower_rx(ascii_only: bool = False):
    """Concept terms (group ``c``), technique names (``m``), proposal-verb triggers (``v``),
    naming triggers (``n``) and, with ``ascii_only``, appositive cues (``a``) of lower-cased
    text, in one pass.

    Each group is a lookahead at a word start, so they may overlap and each is the match
    its own pattern would give there. The search stops only at word starts where one of
    them matches, and tries them only where :func:`_scan_guard` matches. The pattern
    matches the character before the word start (``\\W``, not a lookbehind: the search
    skips word characters fast), so the text it runs on starts with a space that stands
    for the start of the text. ``ascii_only``: for ASCII text, where ``[^a-z0-9_]`` says
    what ``\\W`` says of its lower case and is tested faster, and where the appositive
    cue, which ignores case, matches the lower case where it matches the text.
    """
    groups = [("c", r"(?<!-)" + concept_pattern()), ("m", r"(?<!-)" + _method_pattern()),
              ("v", _VERB_TRIGGER.pattern[len(r"\b"):]), ("n", _NAMING_TRIGGER.pattern[len(r"\b"):])]
    if ascii_only:
        groups.append(("a", "a" + _APPOSITIVE_REST))
    lookaheads = "".join(f"(?:(?=(?P<{name}>{pattern})))?" for name, pattern in groups)
    # fail unless some group matched: (?(c)|(?(m)|...(?!)...))
    some = "".join(f"(?({name})|" for name, _ in groups) + "(?!)" + ")" * len(groups)
    return re.compile((r"[^a-z0-9_]" if ascii_only else r"\W") + r"(?=" + _scan_guard() + r")" + lookaheads + some)


class LowerScan(NamedTuple):
    """What :func:`scan_lower` finds, as ``(start, end)`` spans or as ends."""

    concepts: list  # concept terms (``_concept_rx``)
    methods: list  # technique names (``_method_rx``)
    verbs: list  # ends of proposal-verb triggers (``_VERB_TRIGGER``)
    naming: list  # ends of naming triggers (``_NAMING_TRIGGER``)
    appositives: list | None  # ends of appositive cues (``_APPOSITIVE_BEFORE``); None unless ASCII


def scan_lower(text: str) -> LowerScan | None:
    """Concept terms, technique names and the ends of proposal-verb, naming and appositive
    triggers of ``text``, found in its lower case in one pass: what each pattern gives on
    its own with ``finditer`` (on the lower case; the appositive cue, which ignores case,
    on the text). None when lower-casing changes the text's length (rare Unicode): the
    offsets would not be the text's.

    >>> scan_lower("We propose Direct Preference Optimization for reinforcement learning.")
    LowerScan(concepts=[(18, 41), (46, 68)], methods=[(11, 41)], verbs=[11], naming=[], appositives=[])
    """
    low = text.lower()
    if len(low) != len(text):
        return None
    ascii_only = text.isascii()
    rx = _lower_rx(ascii_only)
    found = [[] for _ in range(rx.groups)]
    last_end = [0] * rx.groups
    # a group's match is kept when it starts after that group's last one ended, as in
    # its own ``finditer`` (which resumes the search at the end of each match); offsets
    # in " " + low are one more than in the text (a group that did not match: -1)
    for m in rx.finditer(" " + low):
        for i, (s, e) in enumerate(m.regs[1:]):
            if s > last_end[i]:
                found[i].append((s - 1, e - 1))
                last_end[i] = e - 1
    concepts, methods, verbs, naming = found[:4]
    return LowerScan(concepts, methods, [e for _, e in verbs], [e for _, e in naming],
                     [e for _, e in found[4]] if ascii_only else None)


@lru_cache(maxsize=1)
def _bench_base_rx():
    return re.compile(r"^" + trie_pattern(lexicon.benchmark_names()) + r"(?:[\-\s]?(?:\d+[KkMm]?|v\d+|\d{4}))?"
                      r"(?:[\-\s](?:Plus|Pro|Hard|Lite|Verified|Mini|Full|Long|Extended|Easy|Test|Val))?\+{0,2}$")


# Words of a sentence, not of a name: a title's "X" holding one is a slogan
_SLOGAN_WORDS = (frozenset(STOP_WORDS) | {"don't", "doesn't", "can't", "won't", "isn't", "matters", "need"}) - {
    "to", "of", "and", "for", "in", "on", "with", "via", "from"}


def _title_prefix(text: str, title_end: int) -> tuple[int, int] | None:
    """The "X" of a title "X: subtitle" when X reads as a name, not a sentence."""
    title = text[:title_end]
    colon = title.find(": ")
    if colon <= 0:
        return None
    head = title[:colon].strip()
    words = head.split()
    if not 1 <= len(words) <= 4 or head.endswith("?") or "," in head or " vs" in head:
        return None
    if words[0].lower() in _TITLE_OPENERS and not is_coined(words[0]):
        return None
    if len(words) > 1 and (any(w.lower().replace("\u2019", "'") in _SLOGAN_WORDS for w in words)
                           or words[0].endswith("ing") and words[0].isalpha() and not is_coined(words[0])):
        return None  # a slogan ("Don't Overthink It", "Looking Inward"), not a name
    coined = any(is_coined(w) for w in words)
    if len(words) > 1 and not coined:
        # a multi-word name in plain words: short, capitalised, not a field term
        if len(words) > 3 or not all(w[0].isupper() or w.lower() in {"to", "of", "and", "for", "in"} for w in words):
            return None
        if head.lower() in lexicon.concept_terms() or head.lower().rstrip("s") in lexicon.concept_terms():
            return None
    if len(words) == 1 and not coined and (_generic(head) or head.lower() in lexicon.concept_terms()):
        return None
    start = title.find(head)
    return start, start + len(head)


def _title_expansion(text: str, title_end: int, prefix) -> Abbreviation | None:
    """"DRAG: Dynamic Region-Aware GCN for ...": the subtitle's first words spell the
    acronym of the prefix, so they are its long form."""
    if not prefix:
        return None
    s, e = prefix
    short = text[s:e]
    if " " in short or not re.search(r"[A-Z].*[A-Z]", short):
        return None
    rest = text[e + 2:title_end]
    words = rest.split()
    for n in range(2, min(len(words), len(short) + 3) + 1):
        # stop at the shortest run that spells it and ends before a function word (tested
        # first: most runs fail this cheap test, and the spelling test has no side effect)
        nxt = words[n].lower() if n < len(words) else ""
        if nxt not in _EXPANSION_ENDS:
            continue
        cand = " ".join(words[:n])
        if best_long_form(short, cand) == cand and _NOT_LETTER.sub("", words[n - 1])[:1]:
            start = e + 2 + rest.find(cand)
            return Abbreviation(short, s, cand, start)
    return None


# the words (and the end of the title) that may follow the expansion of a title's acronym
_EXPANSION_ENDS = frozenset({"for", "with", "in", "on", "via", "through", "and", "to", "of", "from", "using", ""})


# the white space before the word is matched, not looked behind for: a pattern that starts
# with a character class is searched fast, one that starts with a lookbehind is tried at
# every position
_BENCH_WORDS = ("benchmark", "dataset", "suite", "environment", "leaderboard")
_BENCH_WORD = re.compile(r"\s((?:benchmark|dataset|suite|environment|leaderboard)s?\b)")
_CAPITAL_BENCH_WORDS = ("Bench", "Arena", "Leaderboard", "Suite", "Gym")
# a compound adjective that describes a benchmark rather than names it ("a State-Centric
# Benchmark", "a Graph-Grounded Benchmark")
_DESCRIPTIVE_COMPOUND = re.compile(r"-(?:Centric|Oriented|Grounded|Based|Aware|Driven|Level|Scale|Focused|Guided|"
                                   r"Intensive|Rich|Free|Specific|Agnostic)$")
_CAPITAL_BENCH_WORD = re.compile(r"\s(?:Bench(?:mark)?|Arena|Leaderboard|Suite|Gym)s?(?![\w\-])")
_NAME_BEFORE = re.compile(r"(?<![\w\-])([A-Z][\w\-\.]*[\w](?:\s[A-Z0-9][\w\-\.]*[\w]){0,2})\s+$")
_PHRASE = re.compile(r"[A-Z][\w\-\+]*(?:\.\d+)?(?:[ \-](?:[A-Z][\w\-\+]*(?:\.\d+)?|of|to|for|and|the|in|with|on|a)){0,5}")
_FUNCTION_WORDS = {"of", "to", "for", "and", "the", "in", "with", "on", "a"}
# Each trigger ends where a name it introduces begins (a capital letter follows).
# (matched on lower-cased text; the capital that must follow is checked on the text)
_NAMING_WORDS = ("called", "named", "termed", "dubbed", "coined", "namely", "denoted", "referred to as")
_NAMING_TRIGGER = re.compile(r"\b(?:called|named|termed|dubbed|coined|namely|denoted(?: as)?|referred to as)\s+")
_VERB_TRIGGER = re.compile(r"\b(?:" + _PROPOSE_VERBS + r")\s+(?:(?:a|an|the)\s+)?")
_AFTER_PROPOSED_NAME = re.compile(r"\s*(?:,|\(|:|\u2014|-\s|\s-|\s(?:a|an|which|that)\b|\.(?:\s|$))")
# after a coined name, its kind may follow ("we develop the MirrorFusion 2.0 model")
_AFTER_PROPOSED_KIND = re.compile(r"\s(?:" + _KIND_NOUNS + r")s?\b")
# after a name of two capitalised words or more, a purpose or a use may follow too ("we
# design a World State Model for step-wise assessment")
_AFTER_PROPOSED_PHRASE = re.compile(r"\s(?:for|to|along|with)\b")


# What the paper made, then its name after a comma: "fine-tune an LLM, PsyLLM", "develop a
# series of foundation models, WebAggregator"
_MADE_APPOSITIVE = re.compile(
    r"\b(?:fine-?tun(?:e|es|ed|ing)|train(?:s|ed|ing)?|develop(?:s|ed|ing)?|buil(?:d|ds|t|ding)|obtain(?:s|ed|ing)?|"
    r"releas(?:e|es|ed|ing)|produc(?:e|es|ed|ing))\s+(?:a|an|our)\s+(?:(?:series|family|suite|set) of\s+)?"
    r"(?:[\w\-]+\s+){0,3}?(?:LLM|LM|VLM|MLLM|LMM|model|agent|policy|policies|reward model|reasoner|assistant)s?"
    r"\s*,\s+(?=[A-Z])")


# "a/the (...) model, X": the kind, then a comma and a name (tried where a comma and a
# capital are); the kind gives the name's type when it is a benchmark or a dataset
_KIND_APPOSITIVE = re.compile(
    r"\b(?:a|an|the)\s+(?:[\w\-]+\s+){0,3}?(model|framework|method|agent|system|baseline|architecture|algorithm|"
    r"benchmark|dataset|environment|testbed)\s*,\s+(?=[A-Z])", re.I)
_APPOSITION_ENDS = re.compile(r"\s*(?:,|\.(?:\s|$)|;|\(|\s(?:to|and|which|that)\b)")


def _kind_appositives(text: str) -> list[tuple[int, str]]:
    """(where the name starts, its label) for each "a (...) <kind>, Name"."""
    return [(a.end(), "benchmark" if a.group(1).lower() in ("benchmark", "dataset", "environment", "testbed")
             else "method") for a in _matches_before_comma_capital(_KIND_APPOSITIVE, text, 80)]


def _matches_before_comma_capital(rx, text: str, reach: int) -> list[re.Match]:
    """The matches of ``rx`` (a pattern that ends with a comma before a capital) that end
    at a comma and a capital of ``text``, each found within ``reach`` characters before
    it: tried only there, not at every position."""
    out = []
    for m in _COMMA_CAPITAL.finditer(text):
        # + 1: the capital; the match that ends at this comma's capital, not an earlier one
        a = next((a for a in rx.finditer(text, max(0, m.end() - reach), m.end() + 1) if a.end() == m.end()), None)
        if a is not None:
            out.append(a)
    return out


_TITLE_CASE_PHRASE = re.compile(r"[A-Z][\w\-]*(?: [A-Z][\w\-]*){1,3}")
_COMMA_CAPITAL = re.compile(r",\s+(?=[A-Z])")


def _phrase_at(text: str, pos: int) -> str | None:
    m = _PHRASE.match(text, pos)
    if not m:
        return None
    words = m.group(0).split(" ")
    while len(words) > 1 and words[-1] in _FUNCTION_WORDS:
        words.pop()
    return " ".join(words)


def _name_tokens(text: str) -> list:
    """The matches of ``_NAME_TOKEN.finditer(text)``, found in one fast search.

    Capitalised tokens come straight from it; tokens that start in lower case ("iPhone")
    from each capital after a lower-case letter that it reports, matched at the start of
    that lower-case run. When no two of these overlap, they are exactly what ``finditer``
    gives: every place a token can start is one of them or lies inside one of them (a
    capital inside a capitalised token is not reported, and the lower-case run before it
    starts inside that token too), and ``finditer`` only skips starts inside an earlier
    match. When some do overlap (rare: "iP'XY"), the plain search runs instead.
    """
    found = list(_CAPITAL_NAME_TOKEN_OR_INNER_CAPITAL.finditer(text))
    inner = [m for m in found if m.end() - m.start() == 1]
    if not inner:
        return found  # one finditer: no overlaps
    found = [m for m in found if m.end() - m.start() > 1]
    lower_start = []
    for m in inner:
        s = m.start() - 1
        while s > 0 and "a" <= text[s - 1] <= "z":
            s -= 1
        n = _NAME_TOKEN.match(text, s)
        if n is not None:
            lower_start.append(n)
    if not lower_start:
        return found
    found = sorted(found + lower_start, key=lambda m: m.start())
    for a, b in zip(found, found[1:]):
        if b.start() < a.end():
            return list(_NAME_TOKEN.finditer(text))
    return found


def _scanned_ends(rx, scan: LowerScan) -> list[int] | None:
    """Where the matches of trigger ``rx`` end, as :func:`scan_lower` found them (None: not found there)."""
    if rx is _MADE_APPOSITIVE:
        return None
    if rx is _NAMING_TRIGGER:
        return scan.naming
    if rx is _VERB_TRIGGER:
        return scan.verbs
    return scan.appositives  # None for text that is not ASCII


def _trigger_ends(rx, target: str) -> list[int]:
    if rx is _NAMING_TRIGGER and not any(w in target for w in _NAMING_WORDS):
        return []  # most texts name nothing: a substring test is cheaper than the pattern
    if rx is _MADE_APPOSITIVE:
        return [a.end() for a in _matches_before_comma_capital(_MADE_APPOSITIVE, target, 120)]
    return [m.end() for m in rx.finditer(target)]


def _introduced_names(text: str, covered, scan: LowerScan | None = None) -> list[Candidate]:
    """Names right after a naming word, a proposal verb, or "a novel <kind>,".

    ``scan``: :func:`scan_lower` of ``text``, where the triggers' ends come from (what it
    lacks is searched for here).
    """
    out = []
    seen = set()
    for rx, rule, conf in ((_NAMING_TRIGGER, "named", 0.8), (_VERB_TRIGGER, "proposed_name", 0.75),
                           (_APPOSITIVE_BEFORE, "proposed_name", 0.75), (_MADE_APPOSITIVE, "proposed_name", 0.7)):
        ends = _scanned_ends(rx, scan) if scan is not None else None
        if ends is None:
            low = text.lower()
            ends = _trigger_ends(rx, text if rx in (_APPOSITIVE_BEFORE, _MADE_APPOSITIVE) or len(low) != len(text)
                                 else low)
        for s in ends:
            if s >= len(text) or not text[s].isupper():
                continue
            while s < len(text) and text[s].isspace():
                s += 1
            name = _phrase_at(text, s)
            if not name or s in seen:
                continue
            e = s + len(name)
            if covered(s, e):
                continue
            if rule != "named":
                if len(name.split()) > 4 or name.split()[0] in {"A", "An", "The", "This", "We", "Our", "In"}:
                    continue
                if rx is _VERB_TRIGGER and not _AFTER_PROPOSED_NAME.match(text, e) and not (
                        _TITLE_CASE_PHRASE.fullmatch(name) and _AFTER_PROPOSED_PHRASE.match(text, e)
                        and not _ordinary_word(name)) and not (
                        is_coined(name.split()[0]) and _AFTER_PROPOSED_KIND.match(text, e)):
                    continue
            seen.add(s)
            out.append(Candidate(s, e, name, rule, role="proposed", confidence=conf))
    return out


def find_candidates(text: str, title_end: int, abbrevs: list[Abbreviation], skip: list[tuple[int, int]],
                    scan: LowerScan | None = None) -> list[Candidate]:
    """Every span that may name an artifact (recall first).

    ``scan``: :func:`scan_lower` of ``text``, when the caller has it (it is computed here
    otherwise).
    """
    cands: list[Candidate] = []
    if scan is None:
        scan = scan_lower(text)

    def covered(s, e):
        return bool(skip) and any(a <= s < b or a < e <= b for a, b in skip)

    # 1. coined tokens, trimmed of possessives and adjective endings, grown over versions
    for m in _name_tokens(text):
        coined = _coined_token(m.group(0))
        if coined is None:
            continue
        n, adjectival = coined
        s = m.start()
        e = s + n
        if not covered(s, e):
            e = e if adjectival else _extend_right(text, e)
            if s > title_end and text[s - 1] == " " and not _generic(text[s:s + n]):
                s = _extend_left(text, s)  # not "Embodied AI", "Agentic RL": a field's term
            cands.append(Candidate(s, e, text[s:e], "coined", confidence=0.6, adjectival=adjectival))
    # 2. model identifiers as APIs and model hubs write them ("gemma-2-9b-it", "claude-3-opus")
    for s, e in _lower_model_ids(text) if "-" in text else ():
        if not covered(s, e):
            cands.append(Candidate(s, e, text[s:e], "model_family", label="model", confidence=0.7, strong_type=True))
    # standard evaluation sets written as ordinary words ("on Atari", "Cora and Citeseer")
    for m in _plain_benchmark_rx().finditer(text):
        s, e = m.span()
        if not covered(s, e):
            cands.append(Candidate(s, e, m.group(0), "benchmark_lexicon", label="benchmark", confidence=0.7,
                                   strong_type=True))
    # model families ("Claude 3.7", "Gemini") and well-known named techniques
    for s, end in _family_spans(text):
        raw = _TOKEN.match(text, s).group(0).rstrip(".'-")
        if len(raw) < end - s:
            raw = text[s:end]  # a family of several words ("Stable Diffusion")
        tok = _strip_token(raw)
        adjectival = len(tok) < len(raw) and raw[len(tok)] == "-"
        e = s + len(tok) if adjectival else _extend_right(text, s + len(tok))
        if not covered(s, e):
            c = Candidate(s, e, text[s:e], "model_family", label="model", confidence=0.7, strong_type=True,
                          adjectival=adjectival)
            if tok[0].islower() and text.endswith(_MAKER, 0, s):
                # "OpenAI o1": the maker's name is part of a name that starts in lower case
                c.long_form, c.long_start = text[s - len(_MAKER):e], s - len(_MAKER)
            cands.append(c)
    methods = scan.methods if scan is not None else [m.span() for m in _method_rx(True).finditer(text)]
    for s, e in methods:
        if not covered(s, e):
            word = text[s:e]
            # one word of the list in lower case ("a transformer", "dropout") is the common
            # noun: a concept; capitalised ("the Transformer") or of several words, the name
            label = "concept" if word.islower() and word.isalpha() else "method"
            cands.append(Candidate(s, e, word, "method_lexicon", label=label, confidence=0.7, strong_type=True))
    # 3. names given by "called / named / termed X", "we propose X," and "a novel framework, X"
    cands += _introduced_names(text, covered, scan)
    # 4. acronym definitions: the short form carries its long form
    prefix = _title_prefix(text, title_end)
    expansion = _title_expansion(text, title_end, prefix)
    for a in list(abbrevs) + ([expansion] if expansion else []):
        if not covered(a.short_start, a.short_end):
            cands.append(Candidate(a.short_start, a.short_end, a.short, "acronym_definition",
                                   long_form=a.long, long_start=a.long_start, confidence=0.8,
                                   role="proposed" if a is expansion else "mentioned"))
    # 5. the title's "X: ..." prefix
    if prefix:
        s, e = prefix
        cands.append(Candidate(s, e, text[s:e], "title_prefix", role="proposed", confidence=0.85))
    # 6. a capitalised name followed by "benchmark" or "dataset" ("the Spider benchmark")
    # tried only before the words themselves (the white space before each is where it starts)
    for m in finditer_at(_BENCH_WORD, text, [i - 1 for i in occurrences(text, _BENCH_WORDS)]):
        w = _NAME_BEFORE.search(text, max(0, m.start(1) - 60), m.start(1))
        if w:
            s, e = w.start(1), w.end(1)
            if " " not in w.group(1) and not is_coined(w.group(1)) and (
                    s == 0 or _SENTENCE_START.search(text, max(0, s - 3), s)):
                continue  # "Real-world environments": a sentence's first word says nothing
            if m.group(1).endswith("s") and not any(is_coined(t) for t in w.group(1).split()):
                continue  # "four Theory-of-Mind benchmarks": a kind of benchmark, not one
            if not covered(s, e):
                cands.append(Candidate(s, e, w.group(1), "benchmark_context", label="benchmark", confidence=0.7,
                                       strong_type=True))
    # 7. a name written with a capitalised benchmark word: "BigGen Bench", "GUI-Reflection Task Suite"
    for m in finditer_at(_CAPITAL_BENCH_WORD, text, [i - 1 for i in occurrences(text, _CAPITAL_BENCH_WORDS)]):
        w = _NAME_BEFORE.search(text, max(0, m.start() - 60), m.start() + 1)
        if w and not _generic(w.group(1).split()[0]) and not _DESCRIPTIVE_COMPOUND.search(w.group(1)) and not (
                w.start(1) < title_end and not any(is_coined(t) for t in w.group(1).split())):
            # (in a title every word is capitalised: "A Comprehensive Evaluation Benchmark" describes)
            s, e = w.start(1), m.end()
            if w.group(1).endswith(("Bench", "Benchmark")):
                e = w.end(1)  # "OSWorkerBench Benchmark": the name says it already
            if not covered(s, e):
                cands.append(Candidate(s, e, text[s:e], "benchmark_context", label="benchmark", confidence=0.7,
                                       strong_type=True))
    # 8. the named parts of the paper's method: "three stages: (i) Self-Generation, ...",
    # "a novel Ping-Pong loss"
    for (s, e), rule in chain(((span, "enumerated_part") for span in enumerated_names(text)),
                              ((span, "enumerated_part") for span in listed_after_colon(text)),
                              ((span, "enumerated_part") for span in composed_parts(text)),
                              ((span, "enumerated_part") for span in quoted_parts(text)),
                              ((span, "novel_part") for span in novel_named(text))):
        if s >= title_end and not covered(s, e):
            cands.append(Candidate(s, e, text[s:e], rule, role="proposed", confidence=0.6))
    # 9. a name in apposition to its kind: "we enhance a baseline model, Show-o, to ..."
    for s, label in _kind_appositives(text):
        name = _phrase_at(text, s)
        if name and len(name.split()) <= 3 and _APPOSITION_ENDS.match(text, s + len(name)) \
                and not covered(s, s + len(name)):
            cands.append(Candidate(s, s + len(name), name, "appositive_name", label=label, confidence=0.6,
                                   strong_type=label == "benchmark"))
    cands += _plain_names_in_lists(text, cands, covered)
    cands += _title_case_names(text, title_end, cands, covered)
    cands = _join_adjacent_names(text, title_end, cands)
    return _drop_inside_long_forms(cands, list(abbrevs) + ([expansion] if expansion else []))


# Two or three capitalised words inside a sentence that end with a word for a working
# part ("a learned Logic Engine advances", "a DiT-based Video Eraser", "our Curriculum
# Generator"): authors capitalise the names they give the parts of their systems
# (the look-behind after the first capital: the search then skips to capitals)
_TITLE_CASE_NAME = re.compile(r"[A-Z](?<![\w\-].)[a-z]+(?:-[A-Z][a-z]+)*(?: [A-Z][a-z]+(?:-[A-Z][a-z]+)*){0,1}"
                              r" (?:[A-Z][a-z]+(?:er|or)|Engine|Module|Network|Policy|Mechanism|Block|Layer|Head|"
                              r"Bank|Forcing|Streaming)(?![\w\-]| [A-Z])")
_PART_ARTICLE = re.compile(r"\b(?:a|an|our)\s+(?:[\w\-]+\s+){0,2}$", re.I)
_AGENT_NOUN_NOT_PART = frozenset({"Other", "Order", "Paper", "Number", "Water", "Center", "Chapter", "Member",
                                  "Error", "Factor", "Vector", "Author", "Sensor", "Tensor", "Color", "Behavior",
                                  "Humor", "Doctor", "Transformer", "Transformers"})


def _title_case_names(text: str, title_end: int, cands: list[Candidate], covered) -> list[Candidate]:
    spans = sorted((c.start, c.end) for c in cands)
    starts = [a for a, _ in spans]
    out = []
    for m in _TITLE_CASE_NAME.finditer(text, title_end):
        s, e = m.span()
        if _SENTENCE_START.search(text, max(0, s - 3), s) or text[e:e + 2] == " (":
            continue  # a sentence's first words; a long form (the acronym's detector has it)
        words = m.group(0).split()
        if words[-1] in _AGENT_NOUN_NOT_PART or _ordinary_word(words[0]) or _generic(m.group(0)) \
                or m.group(0).lower() in lexicon.concept_terms():
            continue
        i = bisect_right(starts, s)
        if (i and spans[i - 1][1] > s) or (i < len(spans) and spans[i][0] < e) or covered(s, e):
            continue  # overlaps a name found otherwise
        # after "a"/"our" ("a learned Logic Engine", "our Curriculum Generator"): a part of
        # the paper's own system
        role = "proposed" if _PART_ARTICLE.search(text, max(0, s - 40), s) else "mentioned"
        out.append(Candidate(s, e, m.group(0), "title_case_name", confidence=0.45, role=role))
    return out


_METRIC_LIKE = re.compile(r"[A-Z]{2,6}(?:v?\d+(?:\.\d+)?)?")


def _join_adjacent_names(text: str, title_end: int, cands: list[Candidate]) -> list[Candidate]:
    """Two names with only a space between them are one ("Hunyuan3D DiT", "LLaDA MoE v2",
    "Qwen QwQ-32B-Preview"): a coined name or a model family, then a coined name."""
    names = sorted((c for c in cands if c.rule in ("coined", "model_family") and not c.adjectival
                    and c.long_form is None), key=lambda c: c.start)
    joined = []
    for a, b in zip(names, names[1:]):
        if b.start == a.end + 1 and text[a.end] == " " and a.start >= title_end \
                and not _generic(a.text) and not _generic(b.text) and not (joined and joined[-1][1] is a) \
                and not _SIZE.search(" " + a.text + " ") \
                and not (_is_benchmark_name(a.text) and _METRIC_LIKE.fullmatch(b.text)):
            # not "Qwen3-4B ReAct" (a sized model, then what it runs), "DrawBench HPSv3" (a metric on a benchmark)
            joined.append((a, b))
    if not joined:
        return cands
    drop = set()
    for a, b in joined:
        drop.update((id(a), id(b)))
    out = [c for c in cands if id(c) not in drop]
    for a, b in joined:
        out.append(Candidate(a.start, b.end, text[a.start:b.end], a.rule, label=a.label, confidence=max(
            a.confidence, b.confidence), strong_type=a.strong_type))
    return out


# (also a possessive name of capitalised words: "Humanity's Last Exam", "Montezuma's Revenge")
_PLAIN_NAME = re.compile(r"[A-Z]" + NOT_AFTER_WORD + r"[a-z]+(?:[\-][A-Z0-9][\w]*)?(?:['\u2019]s(?: [A-Z][a-z]+){1,3})?"
                         r"(?:\s\d+(?:\.\d+)?)?(?![\w\-])")
_EXAMPLE_CUE = re.compile(r"\b(?:such as|including|e\.g\.,?|like|namely)\s+$")
# what the 20 characters before a name end with, white space stripped, when _EXAMPLE_CUE
# matches there (the cue word, then only white space up to the name)
_EXAMPLE_ENDINGS = ("such as", "including", "e.g.", "e.g.,", "like", "namely")


def _example_cue_before(text: str, s: int) -> bool:
    """``_EXAMPLE_CUE`` in the 20 characters before ``s``; their ending tested first (cheap)."""
    start = max(0, s - 20)
    return text[start:s].rstrip().endswith(_EXAMPLE_ENDINGS) and _EXAMPLE_CUE.search(text, start, s) is not None


def _plain_names_in_lists(text, cands, covered) -> list[Candidate]:
    """Capitalised plain words that stand in a list with other names ("on Kestrel,
    HawkQA and Owlet") or after "such as": names, though nothing in their spelling says so."""
    spans = sorted((c.start, c.end) for c in cands)
    starts = [a for a, _ in spans]
    out = []
    # each test only drops a word, so they run cheapest first: a look-up of the word
    # drops the many ordinary ones ("We", "However") before the list tests
    for m in _PLAIN_NAME.finditer(text):
        word = m.group(0)
        if _ordinary_word(word):
            continue
        s, e = m.start(), m.end()
        i = bisect_right(starts, s)  # spans[:i] start at or before s
        prev = spans[i - 1] if i else None
        nxt = spans[i] if i < len(spans) else None
        if prev and prev[1] > s:
            continue  # inside a candidate already
        near_list = (prev is not None and s - prev[1] < 8 and _LIST_SEP.match(text[prev[1]:s])) or \
                    (nxt is not None and nxt[0] - e < 8 and _LIST_SEP.match(text[e:nxt[0]]))
        if not near_list and not _example_cue_before(text, s):
            continue
        if _MEASURES_BEFORE.search(text, max(0, s - 60), s):
            continue  # "metrics like Coherence, Flexibility and ...": measures, not artifacts
        if covered(s, e):
            continue
        if s == 0 or _SENTENCE_START.search(text[max(0, s - 3):s]):
            continue  # sentence-initial capitals say nothing
        out.append(Candidate(s, e, word, "listed_name", confidence=0.45))
    return out


_MEASURES_BEFORE = re.compile(r"\b(?:metrics?|measures?|criteria|dimensions|aspects|scores)\b[^.;]*$", re.I)


@lru_cache(maxsize=1 << 16)
def _ordinary_word(word: str) -> bool:
    """A capitalised word that names nothing: a generic word or a field's term."""
    return _generic(word.split()[0]) or word.lower() in lexicon.concept_terms()


def _drop_inside_long_forms(cands, abbrevs):
    """A token inside a long form ("GCN" in "Dynamic Region-Aware GCN") is part of that
    name, not a mention of its own."""
    if not abbrevs:
        return list(cands)
    inside = containment_test([(a.long_start, a.long_end) for a in abbrevs])
    return [c for c in cands if c.rule == "acronym_definition" or not inside(c.start, c.end)]


def _sentence_of(sents, pos):
    """The (start, end) of the sentence holding ``pos`` (sentences sorted, as given)."""
    i = bisect_right(sents, (pos, float("inf"))) - 1
    if i >= 0 and sents[i][0] <= pos < sents[i][1]:
        return sents[i]
    return (sents[i][0], sents[i][1]) if i >= 0 else (0, sents[0][1] if sents else 0)


@lru_cache(maxsize=1 << 16)
def _is_model_name(name: str) -> bool:
    if _SIZE.search(" " + name + " "):
        return True
    parts = re.split(r"[\s\-]", name)
    return any(p in {"Instruct", "Chat", "Base"} for p in parts[1:])


_TRAILING_VERSION = re.compile(r"[\s\-]v?\d+(?:\.\d+)*$")
_DATASET_SIZE = re.compile(r"[A-Za-z].*-\d+(?:\.\d+)?[kK]$")


@lru_cache(maxsize=1 << 16)
def _is_benchmark_name(name: str) -> bool:
    if _bench_base_rx().match(name):
        return True
    base = _TRAILING_VERSION.sub("", name)  # "Alpaca Eval 2" is named by "Alpaca Eval"
    if base[-1:].isdigit():
        base = base.rstrip("0123456789.")  # "RewardBench2", "OSWorld2.0"
    if _ends_with_bench_cue(base):
        return True
    head, _, last = base.rpartition(" ")
    if head and last in lexicon.model_suffixes() and _ends_with_bench_cue(head):
        return True  # a subset or edition of a benchmark: "SWE-bench Pro", "Terminal-Bench Lite"
    if _DATASET_SIZE.search(name):
        return True  # a count of examples: "UI-Genie-Agent-16k", "OpenR1-Math-220k"
    # a variant of a benchmark: "3DIEBench-T", "MTBench-101"
    return any(p in _BENCH_PARTS or (p.endswith(("Bench", "Benchmark", "Arena")) and len(p) > 6)
               for p in name.split("-")[:-1])


_BENCH_PARTS = frozenset({"Bench", "Benchmark", "EVAL", "Eval", "bench"})


def _ends_with_bench_cue(name: str) -> bool:
    """Does ``name`` end with a benchmark word after something of its own ("MathEval")?"""
    return any(name.endswith(cue) and len(name) > len(cue) + 1 for cue in lexicon.benchmark_cues())


_TRAINING_SIGNAL = re.compile(r"\b(?:feedback|rewards?|preferences?|demonstrations?)\b")


def _known_name(c: Candidate) -> bool:
    """An acronym of a well-known technique or model, whatever the case of its long form:
    "chain-of-thought (CoT)", "contrastive language-image pre-training (CLIP)"."""
    return bool(_method_rx().fullmatch(c.long_form) or _family_rx().fullmatch(c.text))


def _concept_long_form(c: Candidate) -> bool:
    """An acronym whose long form is a field, family or task ("LLMs" = "large language
    models", "MERC" = "Multi-modal Emotion Recognition in Conversation")."""
    if _concept_term(c.long_form):
        return True
    lf = c.long_form.lower().replace("\u2010", "-")
    short = c.text
    if short.endswith("s") and short[:-1].isupper():
        return True  # plural acronyms name families: LLMs, GNNs, PTMs
    # the head noun: the last word before a preposition ("recognition in conversation")
    head_part = re.split(r"\s(?:in|of|for|on|with|from|to|under|via|by)\s", lf, maxsplit=1)[0]
    head = re.sub(r"s$", "", head_part.split()[-1]) if head_part.split() else ""
    if head in _TASK_HEADS or head in _MEASURE_HEADS:
        return True
    if head_part != lf and _TRAINING_SIGNAL.search(lf, len(head_part)):
        return False  # a recipe: learning from a signal ("reinforcement learning from human feedback")
    rest = c.long_form.split(None, 1)[1] if " " in c.long_form else c.long_form[1:]
    if rest == rest.lower() and head not in _METHOD_HEADS:
        return True  # a common-noun phrase ("temporal graph", "stiffness phenomenon")
    return False


def classify(text: str, title_end: int, sents, cands: list[Candidate], abbrevs: list[Abbreviation]) -> list[Candidate]:
    """Filter candidates and give each a type, a role and a confidence (precision)."""
    out = []
    kept = _dedupe(cands)
    # names the paper gives its own contribution (title prefix, "called X"): a long form
    # that spells one of them names that contribution, whatever its case
    own = {name_key(c.text) for c in kept if c.role == "proposed"}
    measures = _measures(text, kept)
    for c in kept:
        name = c.text.strip()
        if not name:
            continue
        if _generic(name):
            if c.rule != "acronym_definition" or not c.long_form or _field_term(c.long_form):
                continue  # "large language model (LLM)", "supervised fine-tuning (SFT)"
            _role(text, title_end, sents, c)
            if c.role != "proposed":
                continue  # kept when the paper defines and proposes it: "self-verification (CSV)"
        if c.rule == "coined" and c.start < title_end and text[:title_end].isupper():
            continue  # an all-caps title: every word looks like an acronym
        if c.text in measures or _ARGUMENT_AFTER.match(text, c.end):
            continue  # a measure, or notation ("SE(3)")
        if c.long_form and name_key(c.long_form) in own:
            c.role = "proposed"
        _role(text, title_end, sents, c)
        if c.long_form and c.role != "proposed" and c.rule != "model_family" and not _known_name(c) \
                and _concept_long_form(c):
            c.label = "concept"
            out.append(c)
            continue
        _type(text, sents, c)
        out.append(c)
    _first_after_each_verb(text, out)
    for c in out:
        if c.role != "proposed" and c.label != "concept" and _defined_component(text, sents, c):
            c.role = "proposed"
    _variants_of_proposed(out)
    _propagate_lists(text, sents, out)
    _share_benchmark_type(out)
    _share_said_kind(out)
    return out


def _share_said_kind(cands: list[Candidate]) -> None:
    """A name the text once says is a framework, a model, ... ("MiniWorld, a reproducible
    framework") is not a benchmark in its other mentions either, where only its spelling
    ("-World", "-Test") made it one."""
    said = {name_key(c.text): c.label for c in cands if c.said_kind and c.label != "benchmark"}
    if not said:
        return
    for c in cands:  # also said to be a benchmark ("SWE-Touch: Benchmarking ..."): left to the vote
        if c.said_kind and c.label == "benchmark":
            said.pop(name_key(c.text), None)
    for c in cands:
        if c.label == "benchmark" and not c.said_kind and not _BENCH_NAME_END.search(c.text):
            label = said.get(name_key(c.text))
            if label is not None:
                c.label = label


# What a measure's name stands in: its value ("an RTF of 1.29"), a change of it ("raises
# CTR by 32%", "lowers mean OA by 1.4 points"), its definition ("a likelihood metric (GPG)");
# and a name written with an argument ("SE(3)", "SO(3)"): notation, not an artifact
_VALUE_AFTER = re.compile(r"\s+of\s+[~\u2248]?\d[\d,]*(?:\.\d+)?(?![\d.,]*\s*[BMKbmk]\b)")
_CHANGE_AFTER = re.compile(r"\s+by\s+[+\-~]?\d")
_CHANGE_BEFORE = re.compile(
    r"\b(?:improv|increas|reduc|lower|rais|boost|decreas|cut|drop|lift|elevat|degrad)\w*\s+(?:the\s+)?"
    r"(?:(?:mean|average|overall|\w+)\s+)?$", re.I)
# (found from each parenthesis: a search that starts with a literal is fast)
_NUMBER_BEFORE = re.compile(r"\d(?: |\\,|\\ )$")  # "30 FPS", "19.63\,FPS" (a LaTeX thin space)
_PAREN_NAME = re.compile(r"\(([A-Z][\w\-]*)\)")
_METRIC_WORD_BEFORE = re.compile(r"\b(?:metrics?|measures?|scores?|index|rates?|ratios?)\s*$", re.I)
_MEAN_BEFORE = re.compile(r"\b(?:mean|average|avg\.?)\s+$", re.I)
_ARGUMENT_AFTER = re.compile(r"\((?:\d{1,2}|[a-z])\)")


def _measures(text: str, cands: list[Candidate]) -> set[str]:
    """The names that the text uses as measures somewhere (see above): all their
    mentions go, unless the paper proposes it."""
    out = {m.group(1) for m in _PAREN_NAME.finditer(text)
           if _METRIC_WORD_BEFORE.search(text, max(0, m.start() - 12), m.start())}
    for c in cands:  # measures are short acronyms: CTR, RTF, OA
        name = c.text
        if not (2 <= len(name) <= 6 and name.isupper() and name.isalpha() and name.isascii()):
            continue  # "mean YOLOv8 OOD mAP": a model's name, whatever stands around it
        before = text[max(0, c.start - 40):c.start]
        if _NUMBER_BEFORE.search(before):
            out.add(name)  # a unit after a number: "30 FPS", "12 GB"
        elif _MEAN_BEFORE.search(before) or _VALUE_AFTER.match(text, c.end) or (
                _CHANGE_AFTER.match(text, c.end) and _CHANGE_BEFORE.search(before)):
            out.add(name)
    return out - {c.text for c in cands if c.role == "proposed"} if out else out


def _concept_term(phrase: str) -> bool:
    """Is ``phrase`` one of the concept lexicon's terms, also in the singular?"""
    low = phrase.lower().replace("\u2010", "-")
    terms = lexicon.concept_terms()
    return low in terms or re.sub(r"s$", "", low) in terms


def _field_term(phrase: str) -> bool:
    """Does ``phrase`` (a long form) name a field or a family: a concept term, "state of
    the art", or a phrase ending in learning, model or network?"""
    low = phrase.lower().replace("\u2010", "-")
    return (_concept_term(phrase) or low in ("state-of-the-art", "state of the art") or low in _FIELD_HEADS
            or low.endswith(_FIELD_ENDINGS))


_FIELD_HEADS = ("learning", "model", "models", "network", "networks")
_FIELD_ENDINGS = tuple(" " + h for h in _FIELD_HEADS)


def _share_benchmark_type(cands: list[Candidate]) -> None:
    """A name the text once calls a benchmark surely ("HREF, a benchmark", "the X
    dataset") is one in its other mentions too, where nothing around it said so."""
    sure = set()
    for c in cands:
        if c.label == "benchmark" and c.strong_type:
            sure.add(name_key(c.text))
            if c.long_form:
                sure.add(name_key(c.long_form))
    if not sure:
        return
    for c in cands:
        if c.label == "method" and not c.strong_type and (
                name_key(c.text) in sure or (c.long_form and name_key(c.long_form) in sure)):
            c.label = "benchmark"


# A sentence that speaks of the paper's own method, and one that speaks of others' work.
_OWN_CUES = re.compile(
    r"\b(?:we|our|this (?:method|approach|framework|model|system|work|paper)|is proposed|are proposed|"
    r"(?:consists|composed|comprises|includes|incorporates|integrates|contains) (?:of )?|modules?|components?|"
    r"stages?|variants)\b", re.I)
_OTHERS_CUES = re.compile(
    r"\b(?:such as|e\.g\.|like|existing|previous|prior|popular|widely|baselines?|compared|than|traditional|"
    r"conventional|standard|recent|recently|has shown|have shown|has been|have been|state-of-the-art|"
    r"commonly|typical(?:ly)?|classic(?:al)?|well-known|including|use|uses|using|used|adopt\w*|leverag\w+|"
    r"employ\w*|based on|built on|apply|applies|applying|utiliz\w+|extends?|vanilla)\b", re.I)


def _defined_component(text, sents, c: Candidate) -> bool:
    """An acronym this paper defines with a capitalised long form, in a sentence about
    its own method ("the Adaptive Graph Information Extraction Module (AGIEM)"): a named
    part of the proposed method."""
    if c.rule != "acronym_definition" or not c.long_form or c.strong_type:
        return False
    words = [w for w in re.split(r"[\s\-]+", c.long_form) if w]
    caps = sum(1 for w in words if w[0].isupper())
    if caps < max(2, len(words) - 2) or _method_rx().fullmatch(c.long_form):
        return False
    s0, s1 = _sentence_of(sents, c.long_start if c.long_start is not None else c.start)
    sent = text[s0:s1]
    if c.long_start is not None and _INDEFINITE_OPENING.fullmatch(text, s0, c.long_start):
        return True  # "A Tri-stream Cross-Reasoning Network (TCRNet) fuses ...": a new part
    if c.long_start is not None and _PART_AFTER.match(text, c.end) and _ARTICLE_BEFORE.search(
            text, max(0, c.long_start - 12), c.long_start):
        return True  # "incorporates a Semantic-guided Modality Adaptive Routing (SMART) module"
    return len(_OWN_CUES.findall(sent)) > len(_OTHERS_CUES.findall(sent))


_PART_AFTER = re.compile(r"\)?\s*(?:module|component|block|layer|mechanism|head|unit|branch|loss|objective|"
                         r"strategy|scheme|stage|step)s?\b", re.I)
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an|our)\s+$", re.I)
_INDEFINITE_OPENING = re.compile(r"\s*(?:An?|Then,? an?|Next,? an?|Finally,? an?)\s+")


def _variants_of_proposed(cands: list[Candidate]) -> None:
    """"ReaL-TG-4B" is a variant (a size, a version) of the proposed "ReaL-TG"."""
    proposed = {c.text for c in cands if c.role == "proposed" and c.label != "concept"}
    if not proposed:
        return
    ends = {(p.split("-")[0], p.split("-")[-1]) for p in proposed if p.count("-") == 1}
    for c in cands:
        if c.role == "proposed" or c.label == "concept":
            continue
        parts = c.text.split("-")
        if _extends_one_of(c.text, proposed) or (len(parts) > 2 and (parts[0], parts[-1]) in ends):
            c.role = "proposed"  # also a subset named inside it: "CPI-General-Bench" of "CPI-Bench"


def _extends_one_of(text: str, names) -> bool:
    """Does one of ``names``, then a hyphen or a space, start ``text``? The part before
    each hyphen and space is looked up (a name is short; names may be many).

    >>> _extends_one_of("ReaL-TG-4B", {"ReaL-TG"}), _extends_one_of("ReaL-TGv2", {"ReaL-TG"})
    (True, False)
    """
    return any(text[:i] in names for i, ch in enumerate(text) if ch == "-" or ch == " ")


# What joins two names of one list: "A and B", "A, B, and C", "A (a) and B"
_COORDINATED = re.compile(r"\)?\s*(?:,\s*(?:and\s+)?|and\s+|as well as\s+)")


def _first_after_each_verb(text: str, cands: list[Candidate]) -> None:
    """"We propose X, which improves Y": one proposal verb introduces one name (with
    its acronym), not everything after it. The name may have been found by another rule
    ("we propose ThinkTuning, a GRPO-based ..."): any proposed name counts."""
    pos = lambda c: c.long_start if c.long_start is not None and c.long_start < c.start else c.start  # noqa: E731
    verbs = sorted({c.verb_at for c in cands if c.verb_at is not None})
    for i, v in enumerate(verbs):
        stop = verbs[i + 1] if i + 1 < len(verbs) else None
        after = [c for c in cands if c.role == "proposed" and c.label != "concept" and pos(c) >= v
                 and (stop is None or pos(c) < stop)]
        if not after:
            continue
        first = min(after, key=pos)
        joined = {first.text}  # "we propose A (a) and B (b)": both are introduced
        last = first
        for c in sorted(after, key=pos):
            if c is not first and pos(c) > last.start and _COORDINATED.fullmatch(text, last.end, pos(c)):
                joined.add(c.text)
                last = c
        for c in after:
            if c.verb_at == v and c.text not in joined:
                c.role = "mentioned"


_PRIORITY = {"acronym_definition": 6, "title_prefix": 5, "named": 5, "proposed_name": 4, "model_family": 3,
             "appositive_name": 2,
             "benchmark_context": 3, "method_lexicon": 3, "coined": 1}


def _dedupe(cands: list[Candidate]) -> list[Candidate]:
    """One candidate a span: an overlapping longer or stronger one wins."""
    ordered = sorted(cands, key=lambda c: (-_PRIORITY.get(c.rule, 0), -(c.end - c.start), c.start))
    # character position (an offset in the text, never negative) -> the kept candidate
    # covering it, or None; a slice of it is read and written in C
    owner: list[Candidate | None] = [None] * max((c.end for c in cands), default=0)
    kept: list[Candidate] = []
    for c in ordered:
        clash = next(filter(None, owner[c.start:c.end]), None)  # the first covered position's owner
        if clash is None:
            kept.append(c)
            owner[c.start:c.end] = [c] * (c.end - c.start)
        elif clash.rule in {"title_prefix", "named", "proposed_name"} and c.rule == "coined" \
                and (clash.start, clash.end) != (c.start, c.end) and c.end - c.start > clash.end - clash.start:
            kept.remove(clash)
            owner[clash.start:clash.end] = [None] * (clash.end - clash.start)
            c.role = "proposed"
            kept.append(c)
            owner[c.start:c.end] = [c] * (c.end - c.start)
        elif c.strong_type and (clash.start, clash.end) == (c.start, c.end):
            clash.label, clash.strong_type = c.label, True
    return sorted(kept, key=lambda c: c.start)


def _role(text, title_end, sents, c: Candidate) -> None:
    if c.role == "proposed" or c.adjectival:
        return
    pos = c.long_start if c.long_start is not None and c.long_start < c.start else c.start
    s0, _ = _sentence_of(sents, pos)
    if _maybe(text[max(0, pos - 40):pos], _OUR_WORDS) and _OUR.search(text[max(0, pos - 40):pos]):
        c.role = "proposed"
        return
    verb_end = _soon_after_verb(text[s0:pos])
    if verb_end is not None:
        c.role = "proposed"
        c.verb_at = s0 + verb_end
    elif "novel" in text[max(0, pos - 60):pos] and _A_NOVEL.search(text, max(0, pos - 60), pos):
        c.role = "proposed"  # "trained on a novel Multimodal ... (MDAR) dataset"
    elif c.rule != "model_family" and _APPOSITIVE_AFTER.match(text[c.end:c.end + 80]) and is_coined(c.text.split()[0]):
        c.role = "proposed"
    elif _AN_APPOSITIVE.match(text, c.end) and _WE_SOLVE_WITH.search(text, max(s0, pos - 120), pos):
        c.role = "proposed"  # "We address this tension with StreamMind, a two-tier architecture"


# "We address / tackle / instantiate ... with|in|as X", then ", a|an ...": what the paper made
_WE_SOLVE_WITH = re.compile(r"\b[Ww]e\s+(?:(?:further|then|also)\s+)?(?:address|tackle|solve|instantiate|realize|"
                            r"implement|operationalize|answer|overcome|mitigate|resolve)\w*\b[^.;]{0,80}?\s"
                            r"(?:with|in|as|via|through|by)\s+$")
_AN_APPOSITIVE = re.compile(r"\s*(?:\([^()]*\)\s*)?,\s*(?:a|an)\s")


_A_NOVEL = re.compile(r"\b(?:a|an)\s+(?:[\w\-]+\s+){0,3}?novel\s+(?:[\w\-]+\s+){0,2}$", re.I)
# (whole words, not the parts of a compound: "text-to-image", "state-of-the-art")
_NOT_PROPOSED_BETWEEN = re.compile(
    r"(?<![\w\-])(?:based on|built on|upon|using|than|such as|compared|over|from|like|via|into|outperform\w*|"
    r"surpass\w*|including|e\.g\.|i\.e\.|with|by|for|to|on|in|against|which|that|where|while|whose|within|inside|"
    r"atop|under|(?:variant|extension|version|modification|adaptation|generalization|instance)s? of|"
    r"\w+\s+and (?:benchmark|evaluate|test|compare|analy[sz]e|fine-tune|train|prompt|query|probe)\w*)(?![\w\-])", re.I)
# (the last: a second verb after the first one's own object, "construct testbeds and
# benchmark X"; not "design and evaluate X")


# Each match of _OUR holds one of these words (ignoring case).
_OUR_WORDS = ("our", "the proposed")


def _maybe(seg: str, words) -> bool:
    """False when no match of a pattern (compiled with re.I) that needs one of ``words``
    can be in ``seg``: none of them is in its lower case. For ASCII text only, where
    ignoring case is lower-casing; other text is always worth the pattern."""
    if not seg.isascii():
        return True
    low = seg.lower()
    return any(w in low for w in words)


def _soon_after_verb(seg: str) -> int | None:
    """Where the proposal verb before the name ends, when the name stands soon after it
    (not after "based on", "than", "such as"...); None otherwise."""
    m = None
    for m in _PROPOSE.finditer(seg):
        pass
    if " and " in seg:  # "We study X, and propose Y": the subject said once for both verbs
        for a in _AND_PROPOSE.finditer(seg, m.end() if m else 0):
            m = a
    if m is None:
        return None
    between = seg[m.end():]
    listed = _KINDS_THEN_COLON.match(between)
    if listed:  # "we introduce two methods, tailored to X: A (a) and B (b)"
        between = between[listed.end():]
    if _NOT_PROPOSED_BETWEEN.search(between):
        return None
    return m.end() if len(between.split()) <= 12 else None


_AND_PROPOSE = re.compile(r" and (?:then )?(?:propose|introduce|present|design|develop)\b", re.I)
# After a proposal verb: the kinds of what it introduces, then a colon and their names
_KINDS_THEN_COLON = re.compile(r"[^:.;]{0,80}?\b(?:" + _KIND_NOUNS + r")s?\b[^:.;]{0,80}:\s", re.I)


_BENCH_KIND = r"(?:benchmark|dataset|data set|corpus|test suite|testbed|leaderboard|environment)"
_BENCH_APPOSITIVE = re.compile(r"\s*(?:\([^()]*\)\s*)?(?:,\s*(?:a|an)\s+(?:[\w\-]+\s+){0,3}?" + _BENCH_KIND +
                               r"s?\b|:\s*(?:a\s+)?(?:new\s+)?benchmark(?:ing)?\b)", re.I)
_BENCH_KIND_BEFORE = re.compile(r"\b(?:(?:a|an)\s+(?:[\w\-]+\s+){0,4}?" + _BENCH_KIND +
                                r"(?:\s*,\s*(?:(?:called|named|termed|dubbed)\s+)?|\s+(?:called|named|termed|dubbed)\s+)|"
                                r"(?:benchmarks|datasets)\b[^.;:()]{0,40}:\s*)$", re.I)


# After a name, the kind of thing it is when that is not a benchmark: "MiniWorld, a
# reproducible framework for ...", "HelloWorld, a video world model" (also after the
# closing brace of LaTeX markup: "\textbf{Ventor-QTest}, a black-box audit")
_OTHER_KIND_APPOSITIVE = re.compile(
    r"\}?\s*(?:\([^()]*\)\s*)?,\s*(?:to\s+our\s+knowledge,?\s+)?(?:a|an|the\s+first)\s+"
    r"(?:(?!benchmark|dataset|environment|testbed|corpus|evaluation|benchmarking|assessment|testing)[\w\-]+\s+){0,4}?"
    r"(?:(model|LLM|VLM|MLLM|LM|family|series)|"
    r"framework|method|approach|system|agent|pipeline|architecture|algorithm|module|attack|audit|technique|"
    r"strategy|paradigm|recipe|planner|toolkit|library|engine|network|optimizer|protocol|mechanism|"
    r"transformer|encoder|decoder|baseline)s?\b"
    r"(?!\s+(?:(?:for|to)\s+(?:evaluat|benchmark|assess|test|measur|stress)|(?:that|which)\s+(?:evaluat|benchmark|"
    r"assess|test|measur|stress)))", re.I)
# A benchmark's own name, which no appositive overrides: "X-Bench", "YQA", "Z-Eval"
_BENCH_NAME_END = re.compile(r"(?:Bench|bench|Benchmark|QA|Eval|eval|MNIST)(?:[\s\-]?v?\d+(?:\.\d+)*)?$")
# Where an evaluation set is named: "On BEIR, UEmbed ..." (a sentence opening), "our
# diagnostic benchmark ScanFacet" (the kind just before the name), "To benchmark this
# task, we introduce CAPA"
_ON_OPENING = re.compile(r"(?:^|[.!?]\s+|\n)(?:On|Across)\s+(?:the\s+)?(?:[A-Z]\w*\s+)?$")
_BENCH_KIND_JUST_BEFORE = re.compile(r"\b(?:our|the|a|an|new)\s+(?:[\w\-]+\s+){0,2}?(?:benchmark|dataset|testbed|corpus)\s+$",
                                     re.I)
_BENCH_KIND_ENDINGS = ("benchmark ", "dataset ", "testbed ", "corpus ")  # what that pattern's text ends with
_LIST_OR_COMMA = re.compile(r"\s*(?:,|and\s)")
_TO_BENCHMARK = re.compile(r"(?:To|to)\s+(?:benchmark|evaluate|assess|measure|test)\b[^.;]{0,80}?,\s*we\s+"
                           r"(?:(?:first|further|also)\s+)?(?:introduce|construct|build|curate|collect|create|release|"
                           r"develop)\s+(?:a\s+new\s+|the\s+)?$")


_SIZE_IN_PARENS = re.compile(r"\s*\(\s*~?\d+(?:\.\d+)?\s*[BMT](?:\s*param\w*)?\s*\)")


def _kind_said_before(text: str, first: int) -> bool:
    """``_BENCH_KIND_BEFORE`` before ``first``, but not a phrase that opens with a
    preposition and ends at its comma ("On a three-minute benchmark, X maintains ...")."""
    m = _BENCH_KIND_BEFORE.search(text, max(0, first - 40), first)
    if m is None:
        return False
    ends_at_comma = text[m.start():m.end()].rstrip().endswith(",")
    return not ends_at_comma or not _PREPOSITION_BEFORE.search(text, max(0, m.start() - 12), m.start())


_PREPOSITION_BEFORE = re.compile(r"\b(?:[Oo]n|[Ii]n|[Aa]cross|[Oo]ver|[Ff]or|[Ff]rom|[Ww]ith|[Uu]nder)\s+$")


def _type(text, sents, c: Candidate) -> None:
    name = c.text.strip()
    kind = _OTHER_KIND_APPOSITIVE.match(text, c.end, c.end + 90)
    if kind and not _BENCH_NAME_END.search(name) and c.rule != "method_lexicon":
        c.label = "model" if kind.group(1) else "method"
        c.strong_type = c.said_kind = True
        return
    if _is_benchmark_name(name) and c.rule != "method_lexicon":
        c.label = "benchmark"  # also "LLaVA-Bench", which starts with a model family
        c.strong_type = True
        return
    if c.strong_type:
        return
    first = c.long_start if c.long_start is not None and c.long_start < c.start else c.start
    if _BENCH_APPOSITIVE.match(text, c.end, c.end + 60) or _kind_said_before(text, first) \
            or (text[max(0, first - 11):first].lower().endswith(_BENCH_KIND_ENDINGS)
                and _BENCH_KIND_JUST_BEFORE.search(text, max(0, first - 40), first)) \
            or (text.endswith(("On ", "On the ", "Across ", "Across the "), 0, first)
                and _ON_OPENING.search(text, max(0, first - 12), first)
                and _LIST_OR_COMMA.match(text, c.end)) \
            or (c.role == "proposed" and _TO_BENCHMARK.search(text, max(0, first - 130), first)):
        # "WikiSeek, a benchmark comprising ...", "a planning benchmark, called Blocksworld",
        # "MME-CoT: Benchmarking ..." (a title): what the text says it is
        c.label, c.strong_type = "benchmark", True
        c.said_kind = True
        c.confidence = max(c.confidence, 0.85)
        return
    if c.rule == "model_family" or _is_model_name(name) or _family_prefix_rx().match(name):
        c.label = "model"
        return
    if _SIZE_IN_PARENS.match(text, c.end):
        c.label, c.strong_type = "model", True  # "MiniCPM-V-2.5 (8B)": a model and its size
        return
    if _BENCH_AFTER.match(text[c.end:c.end + 40]):
        c.label = "benchmark"
        c.strong_type = True
    elif _baseline_before(text, c.start):
        return  # "outperforms LatentSeek", "improves ... over GDPO", "Compared with RPG": a baseline
    elif c.role != "proposed" and _bench_cue_before(text[max(0, c.start - 60):c.start]):
        s0, s1 = _sentence_of(sents, c.start)
        if _EVAL_SENT.search(text[s0:s1]):
            c.label = "benchmark"


# What stands before a baseline: a comparison ("outperforms X", "improves ... over X",
# "competitive with X", "compared with X", "extends X")
_BASELINE_BEFORE = re.compile(
    r"\b(?:(?:outperform|surpass|beat|exceed|rival|match|extend)(?:s|es|ed|ing)?|compared\s+(?:with|to)|"
    r"competitive\s+with|relative\s+to|(?:improv|gain)\w*(?:\s+[\w\-%.,+]+){0,6}?\s+over|than|versus|vs\.?)"
    r"(?:\s+(?:the|strong|existing|prior|previous|baseline|state-of-the-art|methods?|approaches?|such|as|like))*\s+$",
    re.I)
# the last word before a name that ``_BASELINE_BEFORE`` can match (lower case)
_BASELINE_LAST_WORDS = frozenset(
    "outperform outperforms outperformed outperforming surpass surpasses surpassed surpassing beat beats beaten "
    "beating exceed exceeds exceeded exceeding rival rivals rivaled rivalled rivaling match matches matched matching "
    "extend extends extended extending with to over than versus vs vs. the strong existing prior previous baseline "
    "state-of-the-art method methods approach approaches such as like".split())


def _baseline_before(text: str, start: int) -> bool:
    """``_BASELINE_BEFORE`` in the 50 characters before ``start``; the word just before
    is looked up first (most names follow no comparison)."""
    last = text[max(0, start - 50):start].split()  # (the pattern's own window)
    if not last or last[-1].lower() not in _BASELINE_LAST_WORDS:
        return False
    return _BASELINE_BEFORE.search(text, max(0, start - 50), start) is not None


_EVALUATED_ON = re.compile(r"\b(?:on|across|over)\s+(?:the\s+)?$", re.I)


def _propagate_lists(text, sents, cands: list[Candidate]) -> None:
    """Members of one list ("on X, Y and Z") share the benchmark type when one of them is
    surely a benchmark or the list follows an evaluation cue."""
    cands.sort(key=lambda c: c.start)
    i = 0
    while i < len(cands):
        j = i
        while j + 1 < len(cands) and _LIST_SEP.match(sep := text[cands[j].end:cands[j + 1].start]):
            j += 1
            if _LAST_JOINER.search(sep):
                break  # the member after "and"/"or" is the last: "Across X, Y, and Z, EnvACE achieves ..."
        if j == i + 1 and text[cands[i].end:cands[j].start].strip() == "," \
                and _ON_OPENING.search(text, max(0, cands[i].start - 12), cands[i].start):
            j = i  # "On BEIR, UEmbed stays ...": the comma closes the opening, no list
        if j > i:
            members = [c for c in cands[i:j + 1] if c.label != "concept"]
            sure = [c for c in members if c.label == "benchmark" and c.strong_type]
            before = text[max(0, cands[i].start - 60):cands[i].start]
            s0, s1 = _sentence_of(sents, cands[i].start)
            cue = _bench_cue_before(before) and _EVAL_SENT.search(text[s0:s1])
            # "benchmarks such as X, Y and Z"; "Across X, Y, and Z, ..." opening a sentence
            named_list = _BENCH_LIST_CUE.search(before) or (j > i + 1 and _ON_OPENING.search(before))
            bench = [c for c in members if c.label == "benchmark"]
            # a cue before the list ("experiments on") speaks of all its members when it
            # made the first one a benchmark, or of half of them
            if sure or named_list or (cue and (len(bench) * 2 >= len(members) or (
                    members and members[0] in bench and _EVALUATED_ON.search(before)))):
                for c in members:
                    if c.label != "model" and not (c.strong_type and c.label != "benchmark") and c.role != "proposed":
                        c.label = "benchmark"
        i = j + 1


def detect_artifacts(text: str, title_end: int, sents, abbrevs, skip, scan=None) -> list[Candidate]:
    """Candidates -> filtered, typed and roled artifacts (concept-like acronyms included
    with label ``concept``). ``scan``: :func:`scan_lower` of ``text``, if the caller has it."""
    return classify(text, title_end, sents, find_candidates(text, title_end, abbrevs, skip, scan), abbrevs)
