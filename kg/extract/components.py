"""Named parts of a paper's own method, which nothing in their spelling marks as names.

An abstract often lists the parts of what it proposes: "SPHERE operates in three stages:
(i) Self-Generation, where ...; (ii) Self-Correction, ...", "We design three modules:
(1) Dynamic Recruitment generates ...", "two methods: (1) Self-rethinking prompting guides
...". Each part is a named method of the paper, though its words are ordinary ones. This
module finds such names (recall) in two places, both pure functions of the text:

- :func:`enumerated_names`: the items of an enumeration ("(1)", "(ii)", "a)") that a
  sentence introduces with a kind of part ("three stages:", "modules in X:");
- :func:`novel_named`: "a novel Ping-Pong loss", "an Adaptive Iterative Refinement
  strategy": capitalised words between "a (novel)" and a kind of part.

The caller (:mod:`kg.extract.artifacts`) filters them like any other candidate.
"""
from __future__ import annotations

import re

from spacy.lang.en.stop_words import STOP_WORDS

# What an enumerated part is called: "three stages:", "modules in MobileSteward:"
_PART_KINDS = (r"stages?|modules?|components?|steps?|phases?|methods?|strategies|strategy|mechanisms?|techniques?|"
               r"settings?|parts?|innovations?|contributions?|designs?|blocks?|losses|objectives?|modes?")
# The introduction: a kind of part, then (within the sentence) a colon or a dash, then the
# first item marker
_INTRO = re.compile(r"\b(?:" + _PART_KINDS + r")\b[^.;:]{0,60}?(?::|\s[-\u2013\u2014])\s*$", re.I)
_MARKER = re.compile(r"(?:(?<=\s)|^)\(?(?:[1-9]|i{1,3}|iv|vi{0,3}|[a-e])\)\s+")
# One capitalised (maybe hyphenated) word, and a lower-case one
_CAP_WORD = r"[A-Z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
_LOW_WORD = r"[a-z][a-z0-9]*(?:-[a-z0-9]+)*"
# An item's name up to a colon or a comma: "Behavior-conditioned inference:"
_NAME_TO_STOP = re.compile(r"(" + _CAP_WORD + r"(?:\s(?:" + _CAP_WORD + r"|" + _LOW_WORD + r")){0,3})\s*[:,]")
# Otherwise its run of capitalised words, and a method head after it ("Self-rethinking prompting")
_CAP_RUN = re.compile(r"(" + _CAP_WORD + r"(?:\s" + _CAP_WORD + r"){0,3})(?:\s(" + _LOW_WORD + r"))?")
# Lower-case words that end a method's name ("prompting", "loss")
METHOD_HEADS = frozenset({
    "optimization", "algorithm", "search", "decoding", "attention", "sampling", "distillation", "prompting",
    "regularization", "normalization", "training", "tuning", "alignment", "inference", "loss", "learning",
    "fine-tuning", "refinement", "augmentation", "pruning", "merging", "retrieval", "reasoning", "planning"})
# Words that make an item a description, not a name
_NOT_NAMES = frozenset({"we", "it", "they", "this", "the", "a", "an", "our", "its", "their", "each", "all", "both",
                        "first", "second", "third", "finally", "then", "existing", "current", "previous", "most",
                        "some", "many", "these", "those", "such"})

# "(?<![\w])" after the first letter is the "\b" before it; a pattern that starts with a
# character class is searched fast (the search skips to the letters a and A)
_NOVEL_NAMED = re.compile(
    r"[aA](?<![\w][aA])n?\s+(?:novel\s+|new\s+)?((?:" + _CAP_WORD + r")(?:\s" + _CAP_WORD + r"){0,3})\s+"
    r"(loss|module|block|branch|strategy|mechanism|layer|unit|head|network|regularizer|objective|scheme|"
    r"algorithm|technique|paradigm|pipeline)\b")
# Kinds that are a word of the name when written in lower case after it ("Ping-Pong loss")
_HEAD_IN_NAME = frozenset({"loss", "regularizer", "objective"})


def _is_name(words: list[str]) -> bool:
    """A few words that can name a part: not led by a pronoun or a determiner, and at
    least one of them holds a capital beyond its first letter or two are capitalised
    ("Self-Generation", "Dynamic Recruitment") or a method head ends them."""
    if not words or words[0].lower() in _NOT_NAMES or words[0].lower() in STOP_WORDS:
        return False
    caps = sum(1 for w in words if w[0].isupper())
    hyphen_capital = any("-" in w and w[0].isupper() for w in words)
    return caps >= 2 or hyphen_capital or (len(words) >= 2 and words[-1] in METHOD_HEADS)


def enumerated_names(text: str) -> list[tuple[int, int]]:
    """Spans of the names of enumerated parts that a sentence introduces with a kind of
    part ("three stages: (i) Self-Generation, where ...; (ii) ...").

    >>> t = "SPHERE runs in three stages: (i) Self-Generation, where it writes; (ii) Self-Correction, which fixes."
    >>> [t[s:e] for s, e in enumerated_names(t)]
    ['Self-Generation', 'Self-Correction']
    """
    markers = _markers(text)
    if not markers:
        return []
    out = []
    introduced = False
    for i, m in enumerate(markers):
        if not introduced or (i and m.start() - markers[i - 1].end() > 400):
            # the first marker of a list must follow an introduction
            introduced = _introduces(text, m.start())
            if not introduced:
                continue
        span = _item_name(text, m.end())
        if span:
            out.append(span)
    return out


def _markers(text: str) -> list[re.Match]:
    """The matches of ``_MARKER`` in ``text``, found from its closing parentheses (a
    marker ends with one; most texts hold a few) instead of a search at every position."""
    out = []
    end = 0
    i = text.find(")")
    while i >= 0:
        for start in range(max(end, i - 4), i + 1):
            m = _MARKER.match(text, start)
            if m is not None:
                out.append(m)
                end = m.end()
                break
        i = text.find(")", i + 1)
    return out


def _introduces(text: str, marker: int) -> bool:
    """Does a kind of part, then a colon, come right before ``marker``, in a sentence that
    does not list problems ("existing methods suffer from two limitations: 1) ...")?"""
    start = max(0, marker - 120)
    return _INTRO.search(text, start, marker) is not None and _PROBLEMS.search(text, start, marker) is None


_PROBLEMS = re.compile(r"\b(?:limitations?|challenges?|problems?|issues?|drawbacks?|questions?|shortcomings?|"
                       r"weakness\w*|bottlenecks?|failures?|obstacles?|difficult\w*|existing|previous|prior)\b", re.I)


def _item_name(text: str, pos: int) -> tuple[int, int] | None:
    """The name an enumerated item starts with: its words up to a colon or a comma when
    they are few, else its capitalised words and the lower-case words after them that end
    the name ("Mix-policy proximal policy gradient with ...": up to "with"; "Self-rethinking
    prompting guides ...": up to the method head; "Dynamic Recruitment generates ...": a
    verb ends it)."""
    article = _ARTICLE.match(text, pos)
    if article:  # "(i) a Library Learning phase that ...": the name is after the article
        pos = article.end()
    else:
        m = _NAME_TO_STOP.match(text, pos)
        if m and _is_name(m.group(1).split()):
            return m.span(1)
    m = _CAP_RUN.match(text, pos)
    if not m:
        return None
    words = m.group(1).split()
    end = m.end(1)
    if len(words) > 4 or (article and len(words) < 2 and "-" not in words[0]):
        return None
    rest = _LOWER_WORDS.match(text, end)
    taken = []
    if rest:
        for w in rest.group(0).split():
            if w in _STOP or w.endswith("s") and not w.endswith("ss") or len(taken) == 3 or w in PART_WORDS:
                break  # a preposition, a verb ("generates"), a plural or the kind of part ends the name
            taken.append(w)
            if w in METHOD_HEADS:
                break
    if taken and (taken[-1] in METHOD_HEADS or (len(text) > end and _ENDS_ITEM.match(
            text, end + len(" ".join(taken)) + 1))):
        words += taken
        end += len(" ".join(taken)) + 1
    return (m.start(1), end) if _is_name(words) else None


_ARTICLE = re.compile(r"(?:a|an|the)\s+(?=[A-Z])")
# The kinds of part, in the singular: after a name ("a Library Learning phase"), not part of it
PART_WORDS = frozenset({"stage", "module", "component", "step", "phase", "mechanism", "block", "layer", "unit",
                        "strategy", "framework", "method", "approach", "part", "loop", "branch", "agent", "head",
                        "network", "model", "system", "pipeline", "process", "procedure", "scheme"})
_LOWER_WORDS = re.compile(r"(?:\s" + _LOW_WORD + r"){1,4}")
_STOP = frozenset({"with", "to", "for", "that", "which", "where", "by", "in", "on", "of", "and", "or", "via", "is",
                   "are", "from", "as", "at", "into", "using"})
# What may follow an item's name when lower-case words are part of it
_ENDS_ITEM = re.compile(r"\s*(?:[,;:(]|(?:with|to|for|that|which|where|by|via|using)\b)")


def listed_after_colon(text: str) -> list[tuple[int, int]]:
    """Spans of names listed right after a kind of part and a colon, with no item
    markers: "consists of two modules: Self-Evaluation and Self-Update".

    >>> t = "It has two modules: Self-Evaluation and Self-Update. It works."
    >>> [t[s:e] for s, e in listed_after_colon(t)]
    ['Self-Evaluation', 'Self-Update']
    """
    out = []
    for m in _colon_lists(text):
        if _PROBLEMS.search(text, max(0, m.start() - 60), m.end()):
            continue
        items = [(i.start(), i.end()) for i in _CAP_ITEM.finditer(m.group(1))]
        if len(items) >= 2 and all(_is_name(m.group(1)[a:b].split()) for a, b in items):
            out += [(m.start(1) + a, m.start(1) + b) for a, b in items]
    return out


def _colon_lists(text: str) -> list[re.Match]:
    """The matches of ``_KINDS_COLON_LIST``, tried only before the colons of the text."""
    out = []
    i = text.find(":")
    while i >= 0:
        m = _KINDS_COLON_LIST.search(text, max(0, i - 16), i + 1 + 200)
        if m is not None and m.start(1) > i and (not out or m.start() >= out[-1].end()):
            out.append(m)
        i = text.find(":", i + 1)
    return out


_CAP_ITEM = re.compile(_CAP_WORD + r"(?:\s" + _CAP_WORD + r"){0,3}")
_KINDS_COLON_LIST = re.compile(
    r"\b(?:" + _PART_KINDS + r")\s*:\s*(" + _CAP_WORD + r"(?:\s" + _CAP_WORD + r"){0,3}"
    r"(?:(?:,\s*|,?\s+and\s+)" + _CAP_WORD + r"(?:\s" + _CAP_WORD + r"){0,3}){1,5})(?=\s*[.;,(]|\s+(?:to|for)\b)")


def novel_named(text: str) -> list[tuple[int, int]]:
    """Spans of capitalised names between "a (novel)" and a kind of part: "a novel
    Ping-Pong loss" (the kind is part of the name for a loss), "an Adaptive Iterative
    Refinement strategy".

    >>> t = "We propose a novel Ping-Pong loss and an Adaptive Iterative Refinement strategy."
    >>> [t[s:e] for s, e in novel_named(t)]
    ['Ping-Pong loss', 'Adaptive Iterative Refinement']
    """
    out = []
    for m in _NOVEL_NAMED.finditer(text):
        words = m.group(1).split()
        if not _is_name(words) or (len(words) == 1 and "-" not in words[0]):
            continue
        out.append((m.start(1), m.end(2) if m.group(2) in _HEAD_IN_NAME else m.end(1)))
    return out


def composed_parts(text: str) -> list[tuple[int, int]]:
    """Spans of the capitalised names of parts that a sentence says the method includes:
    "The framework includes a Search Agent for exploration, a Value Agent for feedback,
    and a Judge Agent that ...", "decouples the process into an Inner Loop for ... and an
    Outer Loop for ...".

    >>> t = "The framework includes a Value Agent for feedback and a Judge Agent that votes. We test it."
    >>> [t[s:e] for s, e in composed_parts(t)]
    ['Value Agent', 'Judge Agent']
    """
    out = []
    for verb in _COMPOSITION_VERBS:
        i = text.find(verb)
        while i >= 0:
            if i == 0 or not text[i - 1].isalnum():
                end = text.find(". ", i)
                end = len(text) if end < 0 else end
                for m in _ARTICLE_NAME.finditer(text, i + len(verb), min(end, i + 400)):
                    words = m.group(1).split()
                    if (len(words) >= 2 or "-" in words[0]) and _is_name(words) and _after_part(text, m.end(1)):
                        out.append(m.span(1))
            i = text.find(verb, i + 1)
    return sorted(set(out))


_COMPOSITION_VERBS = ("includes", "include", "consists of", "consist of", "comprises", "comprise", "composed of",
                      "contains", "incorporates", "integrates", "equipped with", "into")
_ARTICLE_NAME = re.compile(r"\b(?:a|an)\s+(" + _CAP_WORD + r"(?:\s" + _CAP_WORD + r"){0,3})")
_AFTER_PART = re.compile(r"(?:\s+(?:" + "|".join(sorted(PART_WORDS)) + r"))?\s*(?:[,;.(]|\s(?:for|that|to|which|and|"
                         r"with)\b)")


def _after_part(text: str, pos: int) -> bool:
    return _AFTER_PART.match(text, pos) is not None


def quoted_parts(text: str) -> list[tuple[int, int]]:
    """Spans of quoted capitalised names followed by a kind of part: 'incorporates
    "Regeneration" and "Meta-Prompt Adaptation" mechanisms'.

    >>> t = 'It adds "Rewind" and "Goal Relabel" mechanisms to the search.'
    >>> [t[s:e] for s, e in quoted_parts(t)]
    ['Rewind', 'Goal Relabel']
    """
    if '"' not in text and "\u201c" not in text:
        return []
    out = []
    for m in _QUOTED_LIST.finditer(text):
        out += [(q.start(1), q.end(1)) for q in _QUOTED.finditer(text, m.start(), m.end())]
    return out


_QUOTED = re.compile(r"[\"\u201c](" + _CAP_WORD + r"(?:\s" + _CAP_WORD + r"){0,3})[\"\u201d]")
_QUOTED_LIST = re.compile(_QUOTED.pattern + r"(?:\s*(?:,\s*(?:and\s+)?|and\s+)" + _QUOTED.pattern + r"){0,4}\s+(?:"
                          + _PART_KINDS + r")\b")
