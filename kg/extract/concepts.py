"""Concepts: field-level terms ("reinforcement learning", "large language models").

Candidates come from the lexicon ``data/concepts.txt`` (singular and plural forms,
any case) and from generic acronyms of ``data/generic_terms.txt`` used in the text
("LLMs", "RL"); resolution later joins an acronym with the long form some paper
defines it by.
"""
from __future__ import annotations

import re
from functools import lru_cache

from . import lexicon
from .trie import NOT_AFTER_WORD, trie_pattern

__all__ = ["find_concepts", "concept_pattern", "CONCEPT_ACRONYMS"]

#: Generic acronyms that name a field or family: used alone they are concepts.
CONCEPT_ACRONYMS = frozenset({
    "AI", "ML", "DL", "NLP", "CV", "RL", "DRL", "MARL", "LLM", "LM", "PLM", "MLLM", "VLM", "LVLM",
    "LRM", "SLM", "VLA", "LMM", "GNN", "CNN", "RNN", "DNN", "MLP", "LSTM", "GAN", "VAE", "SSL", "SFT",
    "PEFT", "KD", "FL", "RAG", "CoT", "IL", "ViT", "MoE", "SSM", "KG", "VQA", "QA", "ASR", "TTS",
    "OCR", "NER", "MT",
})


def _flexible(ch: str) -> str:
    """A space or hyphen in a term matches any run of spaces and hyphens."""
    return r"[\s\-]+" if ch == " " else re.escape(ch)


@lru_cache(maxsize=1)
def concept_phrases() -> frozenset[str]:
    """The lexicon's concept terms in lower case, each run of spaces and hyphens one space
    (where :func:`concept_pattern` accepts any such run)."""
    return frozenset(re.sub(r"[\s\-]+", " ", t) for t in lexicon.concept_terms())


@lru_cache(maxsize=1)
def concept_pattern() -> str:
    """A concept term of the lexicon, in lower case (singular or plural), as pattern text;
    :func:`kg.extract.artifacts.scan_lower` runs it in one pass with other word lists."""
    return trie_pattern(concept_phrases(), _flexible) + r"(?:s|es)?(?![\w\-])"


@lru_cache(maxsize=None)
def _concept_rx(ignore_case: bool = False):
    """Matches lower-case text (fast); ``ignore_case`` for text whose lower case has
    another length (rare Unicode), where offsets must come from the text itself."""
    return re.compile(r"(?<![\w\-])" + concept_pattern(), re.I if ignore_case else 0)


@lru_cache(maxsize=1)
def _acronym_rx():
    return re.compile(trie_pattern(CONCEPT_ACRONYMS, after_first=NOT_AFTER_WORD) + r"s?(?![\w\-])")


def find_concepts(text: str, terms: list[tuple[int, int]] | None = None):
    """``(start, end, surface)`` of every concept term in ``text``.

    ``terms``: the bounds of the lexicon's terms when the caller has found them already
    (:func:`kg.extract.artifacts.scan_lower`); the generic acronyms are found here.

    >>> [t for _, _, t in find_concepts("Large Language Models (LLMs) trained with RL.")]
    ['Large Language Models', 'LLMs', 'RL']
    """
    out = []
    if terms is None:
        low = text.lower()
        rx, target = (_concept_rx(), low) if len(low) == len(text) else (_concept_rx(True), text)
        terms = [m.span() for m in rx.finditer(target)]
    for s, e in terms:
        out.append((s, e, text[s:e]))
    for m in _acronym_rx().finditer(text):
        out.append((m.start(), m.end(), m.group(0)))
    out.sort()
    return out
