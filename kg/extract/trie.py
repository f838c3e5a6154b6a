"""A regular expression for a word list, shaped as a trie so that matching is fast.

``re`` tries the branches of ``a|b|c`` one by one at every position; a trie-shaped
pattern (``(?:ab(?:c|d)|e)``) decides each character once.
"""
from __future__ import annotations

import re

__all__ = ["trie_pattern"]


def trie_pattern(words, escape=re.escape) -> str:
    """A non-capturing pattern that matches exactly the given words (longest first).

    >>> import re
    >>> p = re.compile(trie_pattern(["GPT", "GPT-J", "Gemini", "Gemma"]) + r"\\b")
    >>> [m.group(0) for m in p.finditer("GPT-J, Gemma and Gemini beat GPT")]
    ['GPT-J', 'Gemma', 'Gemini', 'GPT']
    """
    trie: dict = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True
    return _emit(trie, escape)


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
