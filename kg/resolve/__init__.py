"""Resolve: per-paper mentions -> corpus entities with stable ids and every alias.

Rules, applied in this order (each merge records the rule that made it):

``same_name``
    forms with the same :func:`kg.textnorm.name_key` (case, hyphens, spaces, plural
    ``s``: "MT-Bench" = "MTBench", "LLM" = "LLMs") are one name;
``acronym_definition``
    a short form and the long form a paper defines it by ("GRPO" = "Group Relative
    Policy Optimization") are one entity, also in papers that use only one of them;
``ambiguous_acronym``
    a short form defined with long forms that disagree ("SAM" = "Segment Anything
    Model" here, "self-attention mechanism" there) is split by long form; a bare use
    of it goes to the reading with the most papers (ties: the alphabetically first).

A concept that only one paper names, and only by defining an acronym with it, is left
out as noise; concepts from the lexicon are kept whatever their support.

Types are decided over the corpus: a name some paper defines as a field term, or
that the concept lexicon knows, is a concept everywhere; otherwise the type with
the most weight across papers wins (benchmark > model > method on ties).

Resolution works on :class:`PaperSummary` records, one per paper: its entities (the
groups of :func:`kg.extract.paper_entities`) reduced to their forms, type, role, mention
count and the two mentions a link can cite. A summary holds no :class:`kg.model.Mention`,
so a large build can let each paper's mentions go as soon as it is summarised
(:func:`summarise`) and resolve the summaries at the end (:func:`resolve_summaries`).
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable, Iterator, NamedTuple

from ..model import Entity, PaperExtraction
from ..textnorm import name_key, slug

__all__ = ["Resolution", "PaperLink", "PaperSummary", "resolve", "resolve_summaries", "resolve_stream", "summarise",
           "share_strings"]

_TYPE_RANK = {"benchmark": 3, "model": 2, "method": 1, "concept": 0}


@dataclass(frozen=True, order=True, slots=True)
class PaperLink:
    """One paper -> entity statement with its evidence (the first mention)."""

    paper_id: str
    entity_key: str
    role: str
    rule: str
    confidence: float
    sentence: str
    start: int
    end: int
    surface: str
    count: int = 1


@dataclass
class Resolution:
    entities: dict[str, Entity] = field(default_factory=dict)
    links: list[PaperLink] = field(default_factory=list)

    def entity_for(self, name: str) -> Entity | None:
        """The entity with ``name`` among its label and aliases (any case)."""
        k = name_key(name)
        for e in self.entities.values():
            if name_key(e.label) == k or any(name_key(a) == k for a in e.aliases):
                return e
        return None


class _Evidence(NamedTuple):
    """The parts of a mention a link cites, with the confidence that ranks it."""

    start: int
    end: int
    text: str
    rule: str
    sentence: str
    confidence: float


class _LocalEntity(NamedTuple):
    """One paper's entity (a group of :func:`kg.extract.paper_entities`), without its mentions.

    ``start`` to ``first_confidence`` describe the mention that comes first (ties: the most
    confident, then the first listed), in place rather than in a nested record (a large
    build holds a million of these); ``proposing`` is the first mention whose role is
    ``proposed``, if any.
    """

    names: str | tuple[str, ...]  # the name, or the name then the aliases (most have one: a string)
    type: str
    proposed: bool  # the group's role is "proposed"
    mentions: int
    lexicon: bool  # a mention comes from the concept lexicon
    confidence: float  # the highest of its mentions
    start: int
    end: int
    text: str
    rule: str
    sentence: str
    first_confidence: float
    proposing: _Evidence | None

    @property
    def forms(self) -> tuple[str, ...]:
        """The name, then the aliases."""
        n = self.names
        return (n,) if type(n) is str else n


class PaperSummary(NamedTuple):
    """What resolution needs of one paper's extraction (see :func:`summarise`)."""

    paper_id: str
    entities: tuple[_LocalEntity, ...]


def _shared_number(pool: dict, x):
    """``x`` from ``pool`` (an offset or a confidence: the graph keeps one object per value).

    Strings, ints and floats share the pool: no string equals a number, and a float is
    pooled only when it is not integral, so it never meets an equal int (``1.0 == 1``).
    """
    if type(x) is float and x.is_integer():
        return x
    return pool.setdefault(x, x)


def _evidence(m, pool: dict) -> _Evidence:
    sd = pool.setdefault
    return _Evidence(_shared_number(pool, m.start), _shared_number(pool, m.end), sd(m.text, m.text),
                     sd(m.rule, m.rule), sd(m.sentence, m.sentence), _shared_number(pool, m.confidence))


def summarise(ex: PaperExtraction, pool: dict | None = None) -> PaperSummary:
    """Reduce one paper's extraction to what :func:`resolve_summaries` reads.

    Parameters
    ----------
    ex : PaperExtraction
        the paper's mentions and abbreviations (not changed).
    pool : dict, optional
        names, rules, sentences and numbers seen so far (``{s: s}``): equal values from
        many papers become one object. A sentence cited by several links (of one paper,
        or the same boilerplate in many) is then one string in the graph's evidence.

    Returns
    -------
    PaperSummary
        the paper's entities in :func:`kg.extract.paper_entities` order.
    """
    from ..extract.pipeline import paper_entities  # spaCy comes with it: import on use

    if pool is None:
        pool = {}
    out = []
    for e in paper_entities(ex):
        mentions = e["mentions"]
        first = prop = None
        top = None
        lexicon = False
        for m in mentions:
            # the same choices as min() over the whole list: strict comparisons keep the
            # first of equal candidates
            if first is None or (m.start, -m.confidence) < (first.start, -first.confidence):
                first = m
            if m.role == "proposed" and (prop is None or m.start < prop.start):
                prop = m
            if top is None or m.confidence > top:
                top = m.confidence
            if m.rule == "concept_lexicon":
                lexicon = True
        name = pool.setdefault(e["name"], e["name"])
        names = (name, *(pool.setdefault(f, f) for f in e["aliases"])) if e["aliases"] else name
        out.append(_LocalEntity(names, e["type"], e["role"] == "proposed", len(mentions), lexicon, top,
                                *_evidence(first, pool),
                                _evidence(prop, pool) if prop is not None else None))
    return PaperSummary(ex.paper_id, tuple(out))


def share_strings(summary: PaperSummary, pool: dict) -> PaperSummary:
    """``summary`` with its names, rules, sentences and numbers taken from ``pool``
    (``{s: s}``, filled as it goes): summaries made in other processes share them again.
    Equal values."""
    sd = pool.setdefault

    def ev(x: _Evidence | None) -> _Evidence | None:
        if x is None:
            return None
        return _Evidence(_shared_number(pool, x.start), _shared_number(pool, x.end), sd(x.text, x.text),
                         sd(x.rule, x.rule), sd(x.sentence, x.sentence), _shared_number(pool, x.confidence))

    return PaperSummary(summary.paper_id, tuple(
        _LocalEntity(sd(e.names, e.names) if type(e.names) is str else tuple(sd(f, f) for f in e.names), e.type, e.proposed, e.mentions, e.lexicon, e.confidence,
                     *ev(_Evidence(*e[6:12])), ev(e.proposing))
        for e in summary.entities))


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        parent = self.parent
        root = parent.setdefault(x, x)
        if root == x:
            return x
        while parent[root] != root:
            root = parent[root]
        while parent[x] != root:
            parent[x], x = root, parent[x]
        return root

    def union(self, a: str, b: str) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            # the smaller key becomes the root: deterministic whatever the order
            if rb < ra:
                ra, rb = rb, ra
            self.parent[rb] = ra


def _is_short(form: str) -> bool:
    return " " not in form.strip() and len(form) <= 15


class _Cluster:
    """What the papers say about one resolved entity, gathered over the corpus."""

    __slots__ = ("forms", "labels", "concept_votes", "lexicon", "papers", "proposed")

    def __init__(self):
        self.forms: dict[str, int] = {}
        self.labels: dict[str, int] = {}  # type -> mentions
        self.concept_votes = 0
        self.lexicon = False
        self.papers: set[str] = set()
        self.proposed: set[str] | None = None  # made when a paper proposes it (most are never)


def resolve(extractions: Iterable[PaperExtraction]) -> Resolution:
    """Merge the mentions of every paper into corpus entities.

    The extractions are not changed; the result does not depend on their order.
    """
    pool: dict[str, str] = {}
    return resolve_summaries([summarise(ex, pool) for ex in extractions])


def resolve_summaries(summaries: Iterable[PaperSummary]) -> Resolution:
    """:func:`resolve` over papers already reduced by :func:`summarise` (any order)."""
    res, links = resolve_stream(summaries)
    res.links = list(links)
    return res


def resolve_stream(summaries: Iterable[PaperSummary]) -> tuple[Resolution, Iterator[PaperLink]]:
    """:func:`resolve_summaries` with links made as they are read.

    Returns
    -------
    resolution : Resolution
        the entities; ``links`` is empty.
    links : iterator of PaperLink
        the links in the order of :attr:`Resolution.links`, made paper by paper as they
        are read: each paper's summary is let go once its links are made, so a caller
        that adds them to a graph as they come never holds both. To be read once.
    """
    papers = sorted(summaries, key=lambda s: s.paper_id)

    form_info: dict[str, tuple[str, bool]] = {}  # form -> (name key, short?)

    def info(f: str) -> tuple[str, bool]:
        r = form_info.get(f)
        if r is None:
            r = form_info[f] = (name_key(f), _is_short(f))
        return r

    # 1. which long forms does each short form have across the corpus?
    long_forms: dict[str, Counter] = defaultdict(Counter)
    for s in papers:
        for e in s.entities:
            if type(e.names) is str:
                continue  # one form: no short and long pair
            described = [info(f) for f in e.forms]
            longs = [k for k, short in described if not short]
            if not longs:
                continue
            for ks, short in described:
                if short:
                    c = long_forms[ks]
                    for kl in longs:
                        c[kl] += 1
    # a short form is ambiguous when it has two long forms that are not one name
    ambiguous = {s: None for s, c in long_forms.items() if len(c) > 1}

    def node_keys(forms) -> list[str]:
        described = [info(f) for f in forms]
        long0 = next((k for k, short in described if not short), None)
        keys = []
        for k, short in described:
            if not k:
                continue
            if short and k in ambiguous:
                if long0 is not None:
                    keys.append(f"{k}|{long0}")
                else:
                    # bare use of an ambiguous acronym: its most used reading
                    best = ambiguous[k]
                    if best is None:
                        best = ambiguous[k] = min(long_forms[k].items(), key=lambda kv: (-kv[1], kv[0]))[0]
                    keys.append(f"{k}|{best}")
            else:
                keys.append(k)
        return keys

    uf = _UnionFind()
    how: dict[str, str] = {}
    firsts: list[str] = []  # each entity's first node key, in the order of the papers
    for s in papers:
        for e in s.entities:
            keys = node_keys(e.forms)
            k0 = keys[0]
            firsts.append(k0)
            for k in keys[1:]:
                if uf.find(k) != uf.find(k0):
                    how.setdefault(k, "acronym_definition" if any(not info(a)[1] for a in e.forms[1:])
                                   else "same_name")
                uf.union(k0, k)
            for k in keys:
                if "|" in k:
                    how.setdefault(k, "ambiguous_acronym")
                    uf.union(k, k.split("|", 1)[1])

    # 2. gather clusters
    clusters: dict[str, _Cluster] = {}
    roots: list[str] = []  # each entity's cluster, in the order of the papers
    i = 0
    for s in papers:
        pid = s.paper_id
        for e in s.entities:
            root = uf.find(firsts[i])
            i += 1
            roots.append(root)
            c = clusters.get(root)
            if c is None:
                c = clusters[root] = _Cluster()
            forms = c.forms
            for f in e.forms:
                forms[f] = forms.get(f, 0) + 1
            c.labels[e.type] = c.labels.get(e.type, 0) + e.mentions
            if e.type == "concept":
                c.concept_votes += 1
            c.papers.add(pid)
            if e.proposed:
                if c.proposed is None:
                    c.proposed = set()
                c.proposed.add(pid)
            if e.lexicon:
                c.lexicon = True
    del firsts

    res = Resolution()
    used_ids: set[str] = set()
    key_of: dict[str, tuple[str, set | None]] = {}  # root -> (entity key, papers proposing it)
    for root in sorted(clusters):
        c = clusters[root]
        etype = _decide_type(c)
        if etype == "concept" and len(c.papers) == 1 and not c.lexicon:
            continue  # a phrase one paper defines ("bt rms"): noise, not a field term
        label = _display_name(c.forms, etype)
        base = f"{_PREFIX[etype]}:{slug(name_key(label) if etype != 'concept' else label.lower())}"
        key = base
        n = 2
        while key in used_ids:
            key = f"{base}-{n}"
            n += 1
        used_ids.add(key)
        ent = Entity(key=key, type=etype, label=label, aliases=set(c.forms) - {label},
                     papers=c.papers, proposed_by=c.proposed or set() if etype != "concept" else set())
        ent.merges = sorted({(f, how.get(info(f)[0], "same_name")) for f in c.forms if f != label})
        res.entities[key] = ent
        key_of[root] = (key, ent.proposed_by if etype != "concept" else None)
    del clusters

    return res, _links(papers, roots, key_of)


def _links(papers: list[PaperSummary], roots: list[str], key_of: dict) -> Iterator[PaperLink]:
    """A paper's entities that fell into one cluster make one link (see :func:`resolve_stream`)."""
    rounded: dict[float, float] = {}  # one float object per confidence value
    papers.reverse()  # papers and roots are popped from the end: each let go once linked
    roots.reverse()
    while papers:
        pid = papers[-1].paper_id
        acc: dict[str, list] = {}  # root -> [entity with the first mention, proposing mention, confidence, count]
        while papers and papers[-1].paper_id == pid:  # the same id twice: one paper
            for e in papers.pop().entities:
                root = roots.pop()
                a = acc.get(root)
                if a is None:
                    acc[root] = [e, e.proposing, e.confidence, e.mentions]
                    continue
                # the first of equal mentions stays, as min() over their concatenation keeps it
                if (e.start, -e.first_confidence) < (a[0].start, -a[0].first_confidence):
                    a[0] = e
                if e.proposing is not None and (a[1] is None or e.proposing.start < a[1].start):
                    a[1] = e.proposing
                if e.confidence > a[2]:
                    a[2] = e.confidence
                a[3] += e.mentions
        row = []
        for root, (first, prop, top, count) in acc.items():
            kp = key_of.get(root)
            if kp is None:
                continue
            key, proposing = kp
            proposed = proposing is not None and pid in proposing
            ev = prop if proposed and prop is not None else first
            confidence = rounded.get(top)
            if confidence is None:
                confidence = round(top, 3)
                if type(top) is float and top:  # not 1 for 1.0, nor 0.0 for -0.0
                    rounded[top] = confidence
            row.append(PaperLink(pid, key, "proposed" if proposed else "mentioned", ev.rule, confidence,
                                 ev.sentence, ev.start, ev.end, ev.text, count))
        # links are ordered by paper id, then entity key (one link per pair)
        row.sort(key=lambda link: link.entity_key)
        yield from row


_PREFIX = {"method": "method", "model": "model", "benchmark": "benchmark", "concept": "concept"}


def _decide_type(c: _Cluster) -> str:
    labels = c.labels
    artifact = {k: v for k, v in labels.items() if k != "concept"}
    if c.concept_votes and (not artifact or labels.get("concept", 0) >= sum(artifact.values())):
        return "concept"
    if not artifact:
        return "concept"
    return max(artifact, key=lambda k: (artifact[k], _TYPE_RANK[k]))


def _display_name(forms: dict[str, int], etype: str) -> str:
    """Artifacts: the most used short form (acronym or coined name). Concepts: the most
    used long form in lower case."""
    items = sorted(forms.items(), key=lambda kv: (-kv[1], kv[0]))
    if etype == "concept":
        longs = [f for f, _ in items if not _is_short(f)]
        return (longs[0] if longs else items[0][0]).lower() if longs else items[0][0]
    shorts = [f for f, _ in items if _is_short(f)]
    best = shorts[0] if shorts else items[0][0]
    if best.islower():
        # "transformer" and "Transformer": a name is written with its capitals
        capital = [f for f, _ in items if f.lower() == best.lower() and not f.islower()]
        if capital:
            best = capital[0]
    return best
