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
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..model import Entity, Mention, PaperExtraction
from ..textnorm import name_key, slug

__all__ = ["Resolution", "PaperLink", "resolve"]

_TYPE_RANK = {"benchmark": 3, "model": 2, "method": 1, "concept": 0}


@dataclass(frozen=True, order=True)
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


class _UnionFind:
    def __init__(self):
        self.parent: dict[str, str] = {}

    def find(self, x: str) -> str:
        self.parent.setdefault(x, x)
        root = x
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[x] != root:
            self.parent[x], x = root, self.parent[x]
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


def resolve(extractions: list[PaperExtraction]) -> Resolution:
    """Merge the mentions of every paper into corpus entities."""
    from ..extract.pipeline import paper_entities  # spaCy comes with it: import on use

    local = [(ex.paper_id, paper_entities(ex)) for ex in sorted(extractions, key=lambda e: e.paper_id)]

    # 1. which long forms does each short form have across the corpus?
    long_forms: dict[str, Counter] = defaultdict(Counter)
    for _, ents in local:
        for e in ents:
            shorts = [f for f in [e["name"]] + e["aliases"] if _is_short(f)]
            longs = [f for f in [e["name"]] + e["aliases"] if not _is_short(f)]
            for s in shorts:
                for l in longs:
                    long_forms[name_key(s)][name_key(l)] += 1
    # a short form is ambiguous when it has two long forms that are not one name
    ambiguous = {s for s, c in long_forms.items() if len(c) > 1}

    def node_keys(e) -> list[str]:
        forms = [e["name"]] + e["aliases"]
        longs = [name_key(f) for f in forms if not _is_short(f)]
        keys = []
        for f in forms:
            k = name_key(f)
            if not k:
                continue
            if k in ambiguous and _is_short(f):
                if longs:
                    keys.append(f"{k}|{longs[0]}")
                else:
                    # bare use of an ambiguous acronym: its most used reading
                    best = sorted(long_forms[k].items(), key=lambda kv: (-kv[1], kv[0]))[0][0]
                    keys.append(f"{k}|{best}")
            else:
                keys.append(k)
        return keys

    uf = _UnionFind()
    how: dict[str, str] = {}
    for _, ents in local:
        for e in ents:
            keys = node_keys(e)
            for k in keys[1:]:
                if uf.find(k) != uf.find(keys[0]):
                    how.setdefault(k, "acronym_definition" if any(not _is_short(a) for a in e["aliases"]) else "same_name")
                uf.union(keys[0], k)
            uf.find(keys[0])
            for k, l in zip(keys, keys):
                if "|" in k:
                    how.setdefault(k, "ambiguous_acronym")
                    uf.union(k, l.split("|", 1)[1])

    # 2. gather clusters
    clusters: dict[str, dict] = {}
    for pid, ents in local:
        for e in ents:
            root = uf.find(node_keys(e)[0])
            c = clusters.setdefault(root, {"forms": Counter(), "labels": Counter(), "papers": set(),
                                           "proposed": set(), "mentions": defaultdict(list), "keys": set(),
                                           "concept_votes": 0, "rules": set()})
            for f in [e["name"]] + e["aliases"]:
                c["forms"][f] += 1
            c["keys"].update(node_keys(e))
            c["labels"][e["type"]] += len(e["mentions"])
            if e["type"] == "concept":
                c["concept_votes"] += 1
            c["papers"].add(pid)
            if e["role"] == "proposed":
                c["proposed"].add(pid)
            c["mentions"][pid].extend(e["mentions"])
            c["rules"].update(m.rule for m in e["mentions"])

    res = Resolution()
    used_ids: set[str] = set()
    for root in sorted(clusters):
        c = clusters[root]
        etype = _decide_type(c)
        if etype == "concept" and len(c["papers"]) == 1 and "concept_lexicon" not in c["rules"]:
            continue  # a phrase one paper defines ("bt rms"): noise, not a field term
        label = _display_name(c["forms"], etype)
        base = f"{_PREFIX[etype]}:{slug(name_key(label) if etype != 'concept' else label.lower())}"
        key = base
        n = 2
        while key in used_ids:
            key = f"{base}-{n}"
            n += 1
        used_ids.add(key)
        ent = Entity(key=key, type=etype, label=label, aliases=set(c["forms"]) - {label},
                     papers=set(c["papers"]), proposed_by=set(c["proposed"]) if etype != "concept" else set())
        ent.merges = sorted({(f, how.get(name_key(f), "same_name")) for f in c["forms"] if f != label})
        res.entities[key] = ent
        for pid, mentions in sorted(c["mentions"].items()):
            first = min(mentions, key=lambda m: (m.start, -m.confidence))
            role = "proposed" if pid in ent.proposed_by else "mentioned"
            prop = [m for m in mentions if m.role == "proposed"]
            ev = min(prop, key=lambda m: m.start) if role == "proposed" and prop else first
            res.links.append(PaperLink(pid, key, role, ev.rule, round(max(m.confidence for m in mentions), 3),
                                       ev.sentence, ev.start, ev.end, ev.text, len(mentions)))
    res.links.sort()
    return res


_PREFIX = {"method": "method", "model": "model", "benchmark": "benchmark", "concept": "concept"}


def _decide_type(c) -> str:
    labels = c["labels"]
    artifact = {k: v for k, v in labels.items() if k != "concept"}
    if c["concept_votes"] and (not artifact or labels["concept"] >= sum(artifact.values())):
        return "concept"
    if not artifact:
        return "concept"
    return max(artifact, key=lambda k: (artifact[k], _TYPE_RANK[k]))


def _display_name(forms: Counter, etype: str) -> str:
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
