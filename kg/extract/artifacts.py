"""Named methods, models and benchmarks in a title and abstract, with their role.

The shape of scispaCy's abbreviation detector: regular expressions find candidates
(recall), then plain-Python filters drop what is not a named artifact (precision), and
two small classifiers give each survivor a type and a role. Everything here is a pure
function of the text; :mod:`kg.extract.components` wraps it as a spaCy component.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.lang.en.stop_words import STOP_WORDS

from . import lexicon
from .abbreviations import Abbreviation

__all__ = ["Candidate", "find_candidates", "classify", "detect_artifacts", "is_coined"]

_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-\.\+']*[A-Za-z0-9\+]|[A-Z]")
_VERSION = r"(?:v?\d+(?:\.\d+)*[A-Za-z]?|\d+(?:\.\d+)?[BMK]|[xX]\d+)"
_ROMAN = re.compile(r"^(?:I|II|III|IV|V|VI|VII|VIII|IX|X|XI|XII)$")
_SIZE = re.compile(r"(?:^|[\-\s_])\d+(?:\.\d+)?[BMbm](?:$|[\-\s_])")
_PROPOSE = re.compile(
    r"\b(?:we|this (?:paper|work|study|article)|the (?:paper|authors))\s+(?:also\s+|further\s+|then\s+|first\s+)?"
    r"(?:propose|proposes|introduce|introduces|present|presents|develop|develops|design|designs|"
    r"build|builds|construct|constructs|create|creates|release|releases|curate|curates|contribute|"
    r"contributes|offer|offers|formulate|formulates|devise|devises|establish|establishes|"
    r"put forward|puts forward|unveil|unveils|term|call|name|dub)\b", re.I)
_NAMING = re.compile(r"\b(?:called|named|termed|dubbed|coined|namely|denoted(?: as)?|referred to as)\s+$", re.I)
_OUR = re.compile(r"\b(?:our|the proposed|our proposed|the resulting|the new)\s+(?:[\w\-]+\s+){0,2}$", re.I)
_BENCH_AFTER = re.compile(
    r"^\s*(?:\d+(?:\.\d+)?\s+)?(?:benchmarks?|datasets?|data sets?|corpus|corpora|suites?|leaderboards?|"
    r"environments?|testbeds?|test sets?|challenges?|splits?|tasks?)\b", re.I)
_BENCH_BEFORE = re.compile(
    r"(?:\b(?:on|across|over|in|from|using)\s+(?:the\s+)?(?:[\w\-]+\s+){0,1}|"
    r"\b(?:benchmarks?|datasets?|suites?|environments?)\s*(?:,|:)?\s*(?:such as|including|like|namely|e\.g\.,?)?\s*|"
    r"\b(?:such as|including|e\.g\.,?)\s+)$", re.I)
_BENCH_SENT = re.compile(r"\b(?:benchmarks?|datasets?|evaluat\w+|experiments?|tested|test sets?)\b", re.I)
_MODEL_CONTEXT = re.compile(
    r"\b(?:models?|LLMs?|backbones?|checkpoints?|base models?)\b", re.I)


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
    aliases: list[str] = field(default_factory=list)


def is_coined(tok: str) -> bool:
    """A token written the way names are coined: inner capitals (ExPO, GraphGPT), an
    acronym (GRPO), letters with digits (GSM8K, Qwen3-4B) or capitalised hyphen parts
    (X-Node, Re-ReST).

    >>> [is_coined(t) for t in ["ExPO", "GRPO", "GSM8K", "X-Node", "Graph", "state-of-the-art", "7B", "Self-Debugging"]]
    [True, True, True, True, False, False, False, True]
    """
    if len(tok) < 2:
        return False
    letters = sum(c.isalpha() for c in tok)
    if letters == 0:
        return False
    if re.search(r"[a-z][A-Z]", tok):
        return True
    if re.fullmatch(r"[A-Z][A-Z0-9\-\.\+]*[A-Z0-9\+]s?", tok) and sum(c.isupper() for c in tok) >= 2:
        return True
    if re.search(r"\d", tok) and re.search(r"[A-Za-z]{2}", tok) and not re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]{1,2}", tok):
        return tok[0].isalpha() or "-" in tok
    parts = [p for p in re.split(r"[\-\.]", tok) if p]
    if len(parts) >= 2 and all(p[0].isupper() or p[0].isdigit() or p.lower() in {"of", "the", "and", "to", "for", "in", "on", "a"} for p in parts):
        return sum(p[0].isupper() for p in parts) >= 2
    return False


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
    # units and sizes alone ("7B", "3D", "1K") and years
    if re.fullmatch(r"\d+(?:\.\d+)?[A-Za-z]{1,2}s?", name):
        return True
    return False


def _extend_right(text: str, end: int) -> int:
    """Grow a name over versions, sizes and model suffix words: "AlpacaEval 2.0", "GPT-5 mini"."""
    suffixes = lexicon.model_suffixes()
    while True:
        m = re.match(r"[ \-]((?:" + _VERSION + r")|[A-Za-z]+)(?![\w\-])", text[end:])
        if not m:
            return end
        word = m.group(1)
        if re.fullmatch(_VERSION, word) and not re.fullmatch(r"\d{4}", word) or word in suffixes:
            end += m.end()
            continue
        return end


def _families_regex():
    fams = sorted(lexicon.model_families(), key=len, reverse=True)
    alt = "|".join(re.escape(f) for f in fams)
    return re.compile(r"(?<![\w\-])(?:" + alt + r")(?:[\-\.]?" + _VERSION + r")*(?![\w])")


_FAMILY_RX = None


def _family_rx():
    global _FAMILY_RX
    if _FAMILY_RX is None:
        _FAMILY_RX = _families_regex()
    return _FAMILY_RX


def _title_prefix(text: str, title_end: int) -> tuple[int, int] | None:
    """The "X" of a title "X: subtitle" when X reads as a name (at most five words, no verb)."""
    title = text[:title_end]
    colon = title.find(": ")
    if colon <= 0:
        return None
    head = title[:colon].strip()
    words = head.split()
    if not 1 <= len(words) <= 5 or head.endswith("?") or "," in head:
        return None
    lower = [w for w in words if w[0].islower()]
    if any(w in {"is", "are", "can", "do", "does", "be", "we", "you", "how", "why", "what", "when", "not"} for w in (x.lower() for x in words)):
        return None
    if len(words) > 1 and not any(is_coined(w) for w in words) and len(lower) > 1:
        return None
    start = title.find(head)
    return start, start + len(head)


def find_candidates(text: str, title_end: int, abbrevs: list[Abbreviation], skip: list[tuple[int, int]]) -> list[Candidate]:
    """Every span that may name an artifact (recall first)."""
    cands: list[Candidate] = []

    def covered(s, e):
        return any(a <= s and e <= b for a, b in skip)

    # 1. coined tokens, grown over versions and suffixes
    for m in _TOKEN.finditer(text):
        tok = m.group(0).rstrip(".'-")
        s = m.start()
        e = s + len(tok)
        if tok and is_coined(tok) and not covered(s, e):
            e = _extend_right(text, e)
            cands.append(Candidate(s, e, text[s:e], "coined", confidence=0.6))
    # 2. model families from the lexicon ("Claude 3.7", "Gemini")
    for m in _family_rx().finditer(text):
        s, e = m.start(), _extend_right(text, m.end())
        if not covered(s, e):
            cands.append(Candidate(s, e, text[s:e], "model_family", label="model", confidence=0.7))
    # 3. names given by "called / named / termed X" and "we propose X,"
    for m in re.finditer(r"[A-Z][\w\-\+\.]*(?:\s+(?:[A-Z][\w\-\+\.]*|of|to|for|and|the|in|with|on|a)){0,5}", text):
        s, e = m.start(), m.end()
        name = text[s:e].rstrip(".")
        # trim trailing function words
        while True:
            parts = name.rsplit(" ", 1)
            if len(parts) == 2 and parts[1] in {"of", "to", "for", "and", "the", "in", "with", "on", "a"}:
                name = parts[0]
            else:
                break
        e = s + len(name)
        before = text[max(0, s - 60):s]
        if _NAMING.search(before):
            cands.append(Candidate(s, e, name, "named", role="proposed", confidence=0.8))
        elif re.search(r"\b(?:propose|introduce|present|develop|call|name|term|dub)s?\s+$", before, re.I) \
                and re.match(r"\s*(?:,|\(|:|\u2014|-\s|\s-|\s(?:a|an|which|that)\b)", text[e:e + 6]) \
                and len(name.split()) <= 5 and not _generic(name) and name.split()[0] not in {"A", "An", "The", "This"}:
            cands.append(Candidate(s, e, name, "proposed_name", role="proposed", confidence=0.75))
    # 4. acronym definitions: the short form carries its long form
    for a in abbrevs:
        if not covered(a.short_start, a.short_end):
            cands.append(Candidate(a.short_start, a.short_end, a.short, "acronym_definition",
                                   long_form=a.long, long_start=a.long_start, confidence=0.8))
    # 5. the title's "X: ..." prefix
    tp = _title_prefix(text, title_end)
    if tp:
        s, e = tp
        cands.append(Candidate(s, e, text[s:e], "title_prefix", role="proposed", confidence=0.85))
    # 6. a capitalised word named as a benchmark or dataset ("the Spider benchmark")
    for m in re.finditer(r"(?<![\w\-])([A-Z][\w\-\.]*[\w](?:\s[A-Z0-9][\w\-\.]*[\w])?)(?=\s+(?:benchmark|dataset|suite|environment|leaderboard)s?\b)", text):
        s, e = m.start(1), m.end(1)
        if not covered(s, e):
            cands.append(Candidate(s, e, m.group(1), "benchmark_context", label="benchmark", confidence=0.7))
    return cands


def _sentence_of(sents, pos):
    for s, e in sents:
        if s <= pos < e:
            return s, e
    return 0, len(sents and sents[-1][1] or 0)


def classify(text: str, title_end: int, sents, cands: list[Candidate], abbrevs: list[Abbreviation]) -> list[Candidate]:
    """Filter candidates and give each a type, a role and a confidence (precision)."""
    bench_names = lexicon.benchmark_names()
    cues = lexicon.benchmark_cues()
    concept_terms = lexicon.concept_terms()
    out = []
    for c in cands:
        name = c.text.strip()
        if not name or _generic(name) or _generic(name.split()[0]) and len(name.split()) == 1:
            continue
        if c.long_form and _concept_long_form(c.long_form, concept_terms, name):
            c.label = "concept"
            out.append(c)
            continue
        if c.rule == "coined" and name.isupper() and c.start < title_end and text[:title_end].isupper():
            continue  # an all-caps title: every word looks like an acronym
        # type
        before = text[max(0, c.start - 40):c.start]
        after = text[c.end:c.end + 40]
        s0, s1 = _sentence_of(sents, c.start)
        head = name.split()[0]
        if c.label != "benchmark":
            if name in bench_names or any(name.endswith(cue) and len(name) > len(cue) for cue in cues) \
                    or _BENCH_AFTER.match(after) or (_BENCH_BEFORE.search(before) and _BENCH_SENT.search(text[s0:s1])
                                                      and c.rule != "model_family" and not _is_model_name(name)):
                c.label = "benchmark"
            elif c.rule == "model_family" or _is_model_name(name):
                c.label = "model"
        # role
        if c.role != "proposed":
            sent = text[s0:c.start]
            if c.start < title_end and c.rule == "title_prefix":
                c.role = "proposed"
            elif _OUR.search(text[max(0, c.start - 30):c.start]) and c.label != "concept":
                c.role = "proposed"
            elif _PROPOSE.search(sent) and _first_after_verb(text, s0, c):
                c.role = "proposed"
        out.append(c)
    return out


def _first_after_verb(text, s0, c) -> bool:
    """The name stands soon after the proposal verb, before "based on", "than", "such as"."""
    seg = text[s0:c.start]
    m = None
    for m in _PROPOSE.finditer(seg):
        pass
    between = seg[m.end():] if m else seg
    if re.search(r"\b(?:based on|built on|upon|using|than|such as|compared|over|with|from|like|on|via|into|to|of|outperform\w*|surpass\w*)\b", between, re.I):
        return False
    return len(between.split()) <= 12


def _is_model_name(name: str) -> bool:
    if _SIZE.search(" " + name + " "):
        return True
    parts = re.split(r"[\s\-]", name)
    return any(p in {"Instruct", "Chat", "Base", "SFT"} for p in parts[1:])


def _concept_long_form(long_form: str, concept_terms, short: str) -> bool:
    """An acronym whose long form is a field or family ("LLMs" = "large language models")."""
    lf = long_form.lower().replace("\u2010", "-")
    singular = re.sub(r"s$", "", lf)
    if lf in concept_terms or singular in concept_terms:
        return True
    if short.endswith("s") and short[:-1].isupper():
        return True  # plural acronyms name families: LLMs, GNNs, PTMs
    return False


def detect_artifacts(text: str, title_end: int, sents, abbrevs, skip) -> list[Candidate]:
    """Candidates -> filtered, typed and roled artifacts (concept-like acronyms included
    with label ``concept``)."""
    return classify(text, title_end, sents, find_candidates(text, title_end, abbrevs, skip), abbrevs)
