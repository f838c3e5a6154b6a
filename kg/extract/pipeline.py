"""The spaCy pipeline: a blank English tokenizer, a sentencizer and kg's rule components.

Components (declared here, in pipeline order; each finds with pure functions, then
writes its results to the Doc):

``kg_sentences``
    sentence bounds from punctuation, found on the text (spaCy's sentencizer walks every
    token in Python and costs more than the tokenizer); the title is a sentence of its
    own. Sets ``token.is_sent_start``, so ``doc.sents`` works;
``kg_urls``
    code and project links -> ``doc.spans["kg_urls"]``;
``kg_abbreviations``
    acronym definitions -> ``doc.spans["kg_abbrevs"]`` (short forms, ``long`` in the
    span's ``kb_id_``-free extension ``doc.user_data``);
``kg_artifacts``
    methods, models, benchmarks -> ``doc.spans["kg_artifacts"]``;
``kg_concepts``
    field terms -> ``doc.spans["kg_concepts"]``.

Span attributes written: ``span.label_`` (type) and, in ``doc.user_data[group]``, a
dict a span with role, rule, confidence, long form.

``nlp(text)`` runs the components on one Doc; ``nlp.pipe`` runs each of them on a batch
of Docs before the next one (at most 64 a batch), as spaCy runs its trained components.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from operator import attrgetter
from collections import defaultdict
from dataclasses import fields

import spacy
from spacy.attrs import DEP, IDX, SENT_START, SPACY
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch, raise_error

from ..model import Mention, Paper, PaperExtraction, UrlMention
from ..textnorm import name_key
from .abbreviations import find_abbreviations
from .artifacts import detect_artifacts, scan_lower
from .concepts import find_concepts
from .intervals import overlap_test
from .text import TITLE_SEP, paper_text
from .urls import canonical_url, find_urls, url_kind

__all__ = ["make_nlp", "paper_text", "extract_paper", "extract_papers", "doc_to_extraction", "paper_entities"]


def _set(doc: Doc, group: str, spans: list[Span], data: list[dict]) -> None:
    """Write a span group and, in ``doc.user_data[group]``, one dict of attributes a span
    (a Span extension would be shared by spans of equal offsets in different groups)."""
    doc.spans[group] = spans
    doc.user_data[group] = data


def _data(doc: Doc, group: str) -> list[dict]:
    """The attribute dicts of a span group, in span order (each holds the span's offsets
    and label: reading the spans back would build a Span object each)."""
    return doc.user_data.get(group, [])


def _text(doc: Doc) -> str:
    """``doc.text`` joins every token each time it is read: read it once a document."""
    t = doc.user_data.get("kg_text")
    if t is None:
        t = doc.user_data["kg_text"] = doc.text
    return t


def _title_end(doc: Doc) -> int:
    text = _text(doc)
    i = text.find(TITLE_SEP)
    return len(text) if i < 0 else i


# A sentence ends at . ! or ? (and closing quotes or brackets) before white space and a
# capital, digit or opening bracket, unless the word before is an abbreviation. (The
# group is the sentence's last characters: the match less its white space.)
_SENT_END = re.compile(r"([.!?][\"')\]\u201d\u2019]*)\s+(?=[A-Z0-9\"'(\[\u201c])")
_NO_END = re.compile(r"(?:\b(?:e\.g|i\.e|et al|vs|Fig|Figs|Eq|Eqs|cf|No|Sec|approx|resp|Tab|Ref|Dr|Mr|Ms|St|Inc|Ltd|"
                     r"[A-Z])\.)$")


def sentence_bounds(text: str, title_end: int) -> list[tuple[int, int]]:
    r"""Character bounds of the sentences of ``text``; the title (up to ``title_end``) is one.

    Only the title and the last sentence can be empty: a sentence the pattern ends holds
    at least its closing punctuation.

    >>> sentence_bounds("A Title\n\nWe use e.g. GRPO. It works! Fig. 2 shows it.", 7)
    [(0, 7), (9, 26), (27, 36), (37, 53)]
    """
    bounds = []
    start = 0
    body = title_end + len(TITLE_SEP)
    if body <= len(text):
        if title_end > 0:
            bounds.append((0, title_end))
        start = body
    no_end = _NO_END.search
    for m in _SENT_END.finditer(text, start):
        p = m.start()
        if no_end(text, max(start, p - 8), p + 1):
            continue
        bounds.append((start, m.end(1)))
        start = m.end()
    if start < len(text):
        end = len(text.rstrip())
        if end > start:
            bounds.append((start, end))
    return bounds


# what the alignment needs of each token: its offset and its trailing space (its length
# would be a look-up of its lexeme: the export's dearest column)
_TOKEN_ATTRS = [IDX, SPACY]
# SENT_START -1 ("not a sentence start") as ``Doc.to_array`` gives it, in its unsigned integers
_NOT_START = (1 << 64) - 1


def _tokens(doc: Doc, exported=None) -> tuple[list[int], list[int]]:
    """(the start offset of each token and, last, the text's length; 1 for each token a
    space follows, else 0), read once a document.

    One ``Doc.to_array`` call in spaCy's C code (``exported``: an export whose first
    columns are ``_TOKEN_ATTRS``, made by a caller that needs more columns of it; each
    call costs a few microseconds whatever it reads). A token's text ends where the next
    one starts, less its trailing space. Python reads lists: a numpy scalar a look-up
    costs more than a list's int, and the groups aligned here hold a few spans each, too
    few for array searches to pay.
    """
    t = doc.user_data.get("kg_tokens")
    if t is None:
        arr = doc.to_array(_TOKEN_ATTRS) if exported is None else exported
        bounds, spaces = arr[:, :2].T.tolist()
        bounds.append(bounds[-1] + len(doc[-1]) + spaces[-1] if bounds else 0)
        t = doc.user_data["kg_tokens"] = (bounds, spaces)
    return t


def _spans(doc: Doc, found: list[tuple[int, int, str, dict]]) -> tuple[list[Span], list[dict]]:
    """The Spans of ``found`` (start, end, label, attributes), each the one
    ``doc.char_span(start, end, label=label, alignment_mode="expand")`` gives, and the
    attributes of those that align (the others lie outside the text).

    One loop a group with the token offsets bound once, and no Token objects (most of
    ``char_span``'s cost): a token holds a character of its text or of its trailing white
    space, and a span does not start in that white space.
    """
    spans, data = [], []
    if not found:
        return spans, data
    bounds, spaces = _tokens(doc)
    n_chars = bounds[-1]
    add_span, add_data = spans.append, data.append
    for start, end, label, d in found:
        if not (0 <= start < n_chars and 0 < end <= n_chars):
            continue  # outside the text: no span (char_span gives None)
        i = bisect_right(bounds, start) - 1
        if start == bounds[i + 1] - spaces[i]:
            i += 1  # the trailing white space of a token is not part of it
        add_span(Span(doc, i, bisect_right(bounds, end - 1), label=label))
        add_data(d)
    return spans, data


def kg_sentences(doc: Doc) -> Doc:
    bounds = sentence_bounds(_text(doc), _title_end(doc))
    doc.user_data["kg_sents"] = bounds
    # one export for the token offsets (kept for the span groups), the sentence starts
    # and the dependency labels
    arr = doc.to_array(_TOKEN_ATTRS + [SENT_START, DEP])
    _tokens(doc, arr)
    if len(arr) == 0 or arr[:, 3].any():  # doc.has_annotation("DEP")
        # a trained parser set the sentences: they stay (spaCy refuses to change the starts
        # of a parsed Doc, error E043); kg's rules read their own bounds from user_data
        return doc
    # every start at once (setting ``token.is_sent_start`` checks the whole Doc each time)
    # every other token is marked as no start, as spaCy's sentencizer does: a Doc whose
    # only sentence starts at its first token has its sentences set too (``doc.sents``
    # raises E030 while every token but the first is "unknown")
    firsts = _first_tokens(doc, [s for s, _ in bounds])
    if firsts:
        flags = arr[:, 2]
        flags[firsts] = 1
        flags[flags == 0] = _NOT_START
        doc.from_array([SENT_START], flags)
    return doc


def _first_tokens(doc: Doc, positions: list[int]) -> list[int]:
    """The token that starts at or holds each character of ``positions``, where
    ``doc.char_span(p, p + 1, alignment_mode="expand")`` is a span of one token: not
    outside the text, not the white space after a token."""
    bounds, spaces = _tokens(doc)
    n_chars = bounds[-1]
    out = []
    for p in positions:
        if 0 <= p < n_chars:
            i = bisect_right(bounds, p) - 1
            if p != bounds[i + 1] - spaces[i]:
                out.append(i)
    return out


def kg_urls(doc: Doc) -> Doc:
    found = []
    for s, e, raw in find_urls(_text(doc)):
        kind = url_kind(raw)
        found.append((s, e, kind, {"raw": raw, "url": canonical_url(raw), "start": s, "end": e, "label": kind}))
    _set(doc, "kg_urls", *_spans(doc, found))
    return doc


def kg_abbreviations(doc: Doc) -> Doc:
    found = [(a.short_start, a.short_start + len(a.short), "ABBR",
              {"short": a.short, "long": a.long, "short_start": a.short_start, "long_start": a.long_start})
             for a in find_abbreviations(_text(doc))]
    _set(doc, "kg_abbrevs", *_spans(doc, found))
    return doc


def _sents(doc: Doc) -> list[tuple[int, int]]:
    """Sentence character bounds, computed once a document."""
    bounds = doc.user_data.get("kg_sents")
    if bounds is None:
        bounds = doc.user_data["kg_sents"] = [(s.start_char, s.end_char) for s in doc.sents]
    elif bounds and not isinstance(bounds[0], tuple):
        # a Doc from another process (``extract_papers(jobs=2)``): its user data went through
        # msgpack, which turns tuples into lists, and bisecting by a tuple needs tuples
        bounds = doc.user_data["kg_sents"] = [tuple(b) for b in bounds]
    return bounds


def kg_artifacts(doc: Doc) -> Doc:
    from .abbreviations import Abbreviation

    abbrevs = [Abbreviation(d["short"], d["short_start"], d["long"], d["long_start"]) for d in _data(doc, "kg_abbrevs")]
    skip = [(d["start"], d["end"]) for d in _data(doc, "kg_urls")]
    # concept terms, technique names and proposal verbs in one pass, shared with kg_concepts
    scan = doc.user_data["kg_lower_scan"] = scan_lower(_text(doc))
    found = [(c.start, c.end, c.label,
              {"start": c.start, "end": c.end, "text": c.text, "label": c.label, "role": c.role, "rule": c.rule,
               "confidence": c.confidence, "long": c.long_form, "long_start": c.long_start})
             for c in detect_artifacts(_text(doc), _title_end(doc), _sents(doc), abbrevs, skip, scan)]
    _set(doc, "kg_artifacts", *_spans(doc, found))
    return doc


def kg_concepts(doc: Doc) -> Doc:
    # a field term inside a name ("Optimization" in "Self-Explanation Policy Optimization
    # (ExPO)"), inside an artifact or inside a link is part of that, not a concept mention
    taken = [(d["start"], d["end"]) for d in _data(doc, "kg_artifacts")]
    taken += [(d["long_start"], d["long_start"] + len(d["long"])) for d in _data(doc, "kg_abbrevs")]
    taken += [(d["long_start"], d["long_start"] + len(d["long"])) for d in _data(doc, "kg_artifacts")
              if d["long"] and d.get("long_start") is not None]
    taken += [(d["start"], d["end"]) for d in _data(doc, "kg_urls")]
    overlaps = overlap_test(taken)
    scan = doc.user_data.get("kg_lower_scan")
    found = [(s, e, "concept", {"start": s, "end": e, "text": surface, "label": "concept", "role": "mentioned",
                                "rule": "concept_lexicon", "confidence": 0.6, "long": None})
             for s, e, surface in find_concepts(_text(doc), scan[0] if scan is not None else None)
             if not overlaps(s, e)]
    _set(doc, "kg_concepts", *_spans(doc, found))
    return doc


# A component finishes a few dozen Docs before the next one starts: its patterns, word
# lists and code stay in the processor's caches, and the whole extraction costs about a
# tenth less than taking each Doc through every component in turn. Larger batches gain
# nothing more and only hold Docs in memory (``nlp.pipe`` batches 1,000 by default).
_BATCH = 64


class _RuleComponent:
    """A kg rule component as spaCy runs it: ``nlp(doc)`` calls it on one Doc;
    ``nlp.pipe`` hands it the stream, which it takes a batch at a time, as spaCy's own
    trained components do. A Doc that fails goes to the error handler alone, as spaCy's
    loop for function components sends it, and the batch goes on."""

    def __init__(self, name: str, fn) -> None:
        self.name = name
        self.fn = fn

    def __call__(self, doc: Doc) -> Doc:
        return self.fn(doc)

    def pipe(self, stream, *, batch_size: int = 128):
        fn, handler = self.fn, self.get_error_handler()
        for batch in minibatch(stream, size=min(batch_size, _BATCH)):
            done = []
            for doc in batch:
                try:
                    done.append(fn(doc))
                except Exception as e:
                    handler(self.name, self, [doc], e)
            yield from done

    def set_error_handler(self, error_handler) -> None:
        """What ``nlp.set_error_handler`` calls on every component that has it."""
        self.error_handler = error_handler

    def get_error_handler(self):
        return getattr(self, "error_handler", raise_error)


# the components, in pipeline order: one place for their names and functions
_COMPONENT_FUNCTIONS = {"kg_sentences": kg_sentences, "kg_urls": kg_urls, "kg_abbreviations": kg_abbreviations,
                        "kg_artifacts": kg_artifacts, "kg_concepts": kg_concepts}
COMPONENTS = list(_COMPONENT_FUNCTIONS)


def _factory(fn):
    """The spaCy factory of the component ``fn``."""
    def make(nlp: Language, name: str) -> _RuleComponent:
        return _RuleComponent(name, fn)

    return make


for _name, _fn in _COMPONENT_FUNCTIONS.items():
    Language.factory(_name, func=_factory(_fn))


def make_nlp(model: str | None = None) -> Language:
    """A blank English pipeline with kg's components (no download).

    ``model`` may name an installed trained pipeline (``en_core_web_sm``): its
    components run first and kg's rules are added after them; kg does not need it.
    """
    nlp = spacy.load(model, exclude=["ner"]) if model else spacy.blank("en")
    for name in COMPONENTS:
        nlp.add_pipe(name)
    return nlp


def _mention_fast_path() -> bool:
    """Whether a Mention can be made by filling its ``__dict__``: a plain frozen dataclass
    (no ``__post_init__``, no slots) of exactly the fields :func:`_mention_from` is given."""
    names = ("start", "end", "text", "label", "role", "rule", "confidence", "sentence", "sent_start", "long_form",
             "aliases")
    return (tuple(f.name for f in fields(Mention)) == names and not hasattr(Mention, "__post_init__")
            and "__slots__" not in Mention.__dict__)


if _mention_fast_path():
    def _mention_from(values: dict) -> Mention:
        """A Mention equal in every way to ``Mention(**values)`` (every field given, in
        the order of the fields), made without the frozen dataclass's ``__init__``, which
        sets each field through ``object.__setattr__`` and costs a few microseconds a
        mention, dozens a paper."""
        m = object.__new__(Mention)
        m.__dict__.update(values)
        return m
else:  # the record changed shape: its own constructor
    def _mention_from(values: dict) -> Mention:
        return Mention(**values)


# ``Mention``'s own order (dataclass ``order=True`` compares these fields in turn), as a
# key: one tuple a mention instead of two a comparison
_MENTION_ORDER = attrgetter("start", "end", "text", "label", "role", "rule", "confidence", "sentence", "sent_start",
                            "long_form", "aliases")
def _sentence_finder(doc: Doc):
    """A function ``pos -> (start, text)`` of the sentence holding character ``pos``,
    each sentence's text cut and stripped once a document.

    The sentences are found by their starts alone (bisecting the bounds by ``(pos, inf)``
    is bisecting their starts by ``pos``: the starts increase), so bounds that went
    through another process as lists need no conversion back to tuples.
    """
    text = _text(doc)
    bounds = doc.user_data.get("kg_sents")
    if bounds is None:
        bounds = _sents(doc)
    starts = [b[0] for b in bounds]
    found: dict[int, tuple[int, str]] = {}  # sentence index -> (start, text)

    def sentence(pos: int) -> tuple[int, str]:
        i = bisect_right(starts, pos) - 1
        if i < 0:
            i = 0
        got = found.get(i)
        if got is None:
            s, e = bounds[i]
            got = found[i] = (s, text[s:e].strip())
        return got

    return sentence


def doc_to_extraction(doc: Doc, paper_id: str) -> PaperExtraction:
    """Read the components' spans off a processed Doc."""
    ex = PaperExtraction(paper_id)
    sentence = _sentence_finder(doc)
    seen_urls = set()
    for d in _data(doc, "kg_urls"):
        if d["raw"] in seen_urls:
            continue
        seen_urls.add(d["raw"])
        ex.urls.append(UrlMention(d["url"], d["label"], d["raw"], d["start"], d["end"], sentence(d["start"])[1],
                                  "url_regex"))
    for d in _data(doc, "kg_abbrevs"):
        ex.abbreviations.append((d["short"], d["long"]))
    mentions, mention = ex.mentions, _mention_from
    for group in ("kg_artifacts", "kg_concepts"):
        for d in _data(doc, group):
            sent_start, sent = sentence(d["start"])
            mentions.append(mention({
                "start": d["start"], "end": d["end"], "text": d["text"], "label": d["label"], "role": d["role"],
                "rule": d["rule"], "confidence": d["confidence"], "sentence": sent, "sent_start": sent_start,
                "long_form": d["long"], "aliases": ()}))
    mentions.sort(key=_MENTION_ORDER)
    return ex


def make_doc(nlp: Language, text: str) -> Doc:
    """Tokenise ``text`` and keep the string itself on the Doc for the components."""
    doc = nlp.make_doc(text)
    doc.user_data["kg_text"] = text
    return doc


def extract_paper(nlp: Language, paper: Paper) -> PaperExtraction:
    return doc_to_extraction(nlp(make_doc(nlp, paper_text(paper))), paper.id)


def extract_papers(papers, nlp: Language | None = None, jobs: int = 1, batch_size: int = 64, progress=None):
    """Extract from every paper; the order of the result follows ``papers``.

    ``jobs`` > 1 runs spaCy's ``n_process`` workers; the result is identical.
    """
    nlp = nlp or make_nlp()
    papers = list(papers)
    texts = ((make_doc(nlp, paper_text(p)), p.id) for p in papers)
    out = []
    kwargs = {"batch_size": batch_size}
    if jobs and jobs > 1:
        kwargs["n_process"] = jobs
    for doc, pid in nlp.pipe(texts, as_tuples=True, **kwargs):
        out.append(doc_to_extraction(doc, pid))
        if progress:
            progress(1)
    return out


# --- one paper's entities, for `kg extract` and for resolution --------------------------

_LABEL_RANK = {"benchmark": 3, "model": 2, "method": 1, "concept": 0}


def paper_entities(ex: PaperExtraction) -> list[dict]:
    """Group one paper's mentions into entities: a short form and its long form are one
    entity, so are names with the same :func:`kg.textnorm.name_key`.

    Returns dicts ``{"name", "aliases", "type", "role", "mentions"}`` sorted by first
    position; ``name`` prefers the short form.
    """
    long_of = {}
    for short, long in ex.abbreviations:
        long_of.setdefault(name_key(short), long)
    groups: dict[str, dict] = {}
    alias_to_group: dict[str, str] = {}
    for m in sorted(ex.mentions, key=lambda m: (m.start, -m.end)):
        keys = {name_key(m.text)}
        lf = m.long_form or long_of.get(name_key(m.text))
        if lf:
            keys.add(name_key(lf))
        gid = next((alias_to_group[k] for k in keys if k in alias_to_group), None)
        if gid is None:
            gid = name_key(m.text)
            groups[gid] = {"name": m.text, "forms": [m.text], "labels": defaultdict(float), "role": m.role,
                           "mentions": [], "first": m.start, "concept": False}
        g = groups[gid]
        for k in keys:
            alias_to_group.setdefault(k, gid)
        for form in ([m.text] + ([lf] if lf else [])):
            if form not in g["forms"]:
                g["forms"].append(form)
        g["labels"][m.label] += m.confidence
        if m.label == "concept" and m.long_form and m.role != "proposed":
            g["concept"] = True  # the text defines it as a field term: that decides
        if m.role == "proposed":
            g["role"] = "proposed"
        g["mentions"].append(m)
    out = []
    for g in sorted(groups.values(), key=lambda g: g["first"]):
        labels = g["labels"]
        non_concept = {k: v for k, v in labels.items() if k != "concept"}
        if g["concept"]:
            label = "concept"
        elif non_concept and labels.get("concept", 0) <= sum(non_concept.values()):
            label = max(non_concept, key=lambda k: (non_concept[k], _LABEL_RANK[k]))
        else:
            label = "concept"
        name = _preferred_name(g["forms"])
        aliases = [f for f in g["forms"] if f != name]
        out.append({"name": name, "aliases": aliases, "type": label,
                    "role": g["role"] if label != "concept" else "mentioned", "mentions": g["mentions"]})
    return out


def _preferred_name(forms: list[str]) -> str:
    """The short name when the text gives both (an acronym beats its long form)."""
    short = [f for f in forms if " " not in f.strip()]
    return min(short, key=lambda f: (len(f), forms.index(f))) if short else forms[0]
