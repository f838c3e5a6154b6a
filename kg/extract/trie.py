"""A regular expression for a word list, shaped as a trie so that matching is fast.

``re`` tries the branches of ``a|b|c`` one by one at every position; a trie-shaped
pattern (``(?:ab(?:c|d)|e)``) decides each character once.
"""
from __future__ import annotations

import re

__all__ = ["trie_pattern", "NOT_AFTER_WORD"]

#: After a pattern's first character: the character before that one is not a word
#: character or a hyphen (``(?<![\w\-])`` before the pattern). ``.`` is that first
#: character, which is never a line end in kg's patterns.
NOT_AFTER_WORD = r"(?<![\w\-].)"


def trie_pattern(words, escape=re.escape, after_first: str | None = None) -> str:
    """A non-capturing pattern that matches exactly the given words (longest first).

    ``after_first``, a zero-width assertion, is placed after the first character of each
    word: ``(?<![\\w\\-].)`` there says what ``(?<![\\w\\-])`` says before the word. A
    pattern that starts with a lookbehind is tried at every position of the text; one that
    starts with a character is tried only where a word's first character stands.

    >>> import re
    >>> p = re.compile(trie_pattern(["GPT", "GPT-J", "Gemini", "Gemma"]) + r"\\b")
    >>> [m.group(0) for m in p.finditer("GPT-J, Gemma and Gemini beat GPT")]
    ['GPT-J', 'Gemma', 'Gemini', 'GPT']
    >>> q = re.compile(trie_pattern(["GPT", "Gemma"], after_first=r"(?<![\\w\\-].)"))
    >>> [m.group(0) for m in q.finditer("GPT, xGemma, Gemma")]
    ['GPT', 'Gemma']
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    if after_first is None:
        return _emit(trie, escape)
    if "" in trie:
        raise ValueError("an empty word has no first character")
    branches = [escape(ch) + after_first + _emit(child, escape) for ch, child in sorted(trie.items())]
    return "(?:" + "|".join(branches) + ")"


def _emit(node: dict, escape) -> str:
    end = "" in node
    branches = [escape(ch) + _emit(child, escape) for ch, child in sorted(node.items()) if ch != ""]
    if not branches:
        return ""
    # longer continuations first; an end here makes the group optional
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if end:
        return f"(?:{body})?" if len(branches) > 1 or len(body) > 1 else f"{body}?"
    return body
