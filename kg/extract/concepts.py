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
from .trie import trie_pattern

__all__ = ["find_concepts", "CONCEPT_ACRONYMS"]

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


@lru_cache(maxsize=None)
def _concept_rx(ignore_case: bool = False):
    """Matches lower-case text (fast); ``ignore_case`` for text whose lower case has
    another length (rare Unicode), where offsets must come from the text itself."""
    terms = {re.sub(r"[\s\-]+", " ", t) for t in lexicon.concept_terms()}
    return re.compile(r"(?<![\w\-])" + trie_pattern(terms, _flexible) + r"(?:s|es)?(?![\w\-])",
                      re.I if ignore_case else 0)


@lru_cache(maxsize=1)
def _acronym_rx():
    return re.compile(r"(?<![\w\-])" + trie_pattern(CONCEPT_ACRONYMS) + r"s?(?![\w\-])")


def find_concepts(text: str):
    """``(start, end, surface)`` of every concept term in ``text``.

    >>> [t for _, _, t in find_concepts("Large Language Models (LLMs) trained with RL.")]
    ['Large Language Models', 'LLMs', 'RL']
    """
    out = []
    low = text.lower()
    rx, target = (_concept_rx(), low) if len(low) == len(text) else (_concept_rx(True), text)
    for m in rx.finditer(target):
        out.append((m.start(), m.end(), text[m.start():m.end()]))
    for m in _acronym_rx().finditer(text):
        out.append((m.start(), m.end(), m.group(0)))
    out.sort()
    return out
