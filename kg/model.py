"""Records that flow between the stages: papers in, mentions out, entities resolved."""
from __future__ import annotations

import copy
from dataclasses import asdict, dataclass, field, fields, replace

__all__ = [
    "Link",
    "Source",
    "Paper",
    "Mention",
    "UrlMention",
    "PaperExtraction",
    "Entity",
]


@dataclass(frozen=True, order=True)
class Source:
    """Where a record was read: the file, the line (1-based) and the detected format."""

    path: str
    line: int = 0
    format: str = ""


@dataclass(frozen=True, order=True)
class Link:
    """A code or project link given by the source's metadata (not found in the text).

    ``kind`` is one of ``github``, ``project``, ``huggingface``, ``paper``, ``other``;
    ``provenance`` names the field it came from (``githubRepo``, ``projectPage``, ``url``...).
    """

    url: str
    kind: str = "other"
    provenance: str = "metadata"


@dataclass(frozen=True)
class Paper:
    """One paper as a source describes it.

    ``id`` is stable: the arXiv id (``arxiv:2405.21060``), a DOI (``doi:10...``),
    the id given by the input, or a hash of the normalised title (see
    :func:`kg.textnorm.title_key`). ``authors`` holds full names in order; when the
    source only gives a count, ``authors`` is empty and ``author_count`` is set.
    ``field_sources`` maps a field name to the source that gave its value when papers
    from several sources were merged.
    """

    id: str
    title: str
    abstract: str = ""
    authors: tuple[str, ...] = ()
    author_count: int | None = None
    organization: tuple[str, str] | None = None  # (handle, display name)
    date: str | None = None  # ISO 8601 date, YYYY-MM-DD
    upvotes: int | None = None
    arxiv_id: str | None = None
    doi: str | None = None
    url: str | None = None
    links: tuple[Link, ...] = ()
    keywords: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    venue: str | None = None
    sources: tuple[Source, ...] = ()
    field_sources: tuple[tuple[str, str], ...] = ()

    def to_dict(self) -> dict:
        """Plain JSON-ready dict (tuples become lists when written as JSON); the dict
        :func:`dataclasses.asdict` gives, made without its generic deep copy (a build
        writes every record)."""
        return {name: _plain(getattr(self, name)) for name in _PAPER_FIELDS}

    @classmethod
    def from_dict(cls, d: dict) -> "Paper":
        """Inverse of :meth:`to_dict`."""
        kw = {}
        for f in fields(cls):
            if f.name not in d:
                continue
            v = d[f.name]
            if f.name == "links":
                v = tuple(Link(**x) for x in v)
            elif f.name == "sources":
                v = tuple(Source(**x) for x in v)
            elif f.name == "organization":
                v = tuple(v) if v else None
            elif f.name == "field_sources":
                v = tuple(tuple(x) for x in v)
            elif isinstance(v, list):
                v = tuple(v)
            kw[f.name] = v
        return cls(**kw)

    def with_(self, **changes) -> "Paper":
        return replace(self, **changes)


_PAPER_FIELDS = tuple(f.name for f in fields(Paper))
_ATOMS = frozenset({str, int, float, bool, type(None)})


def _plain(v):
    """``v`` as :func:`dataclasses.asdict` converts a field's value: records become dicts,
    tuples and lists are copied with their items converted, other values deep-copied."""
    t = type(v)
    if t in _ATOMS:
        return v
    if t is tuple or t is list:
        return t([_plain(x) for x in v])
    if hasattr(t, "__dataclass_fields__"):
        return {f.name: _plain(getattr(v, f.name)) for f in fields(v)}
    if isinstance(v, tuple) and hasattr(v, "_fields"):  # a named tuple
        return t(*[_plain(x) for x in v])
    if isinstance(v, (list, tuple)):
        return t(_plain(x) for x in v)
    if isinstance(v, dict):
        return t((_plain(k), _plain(x)) for k, x in v.items())
    return copy.deepcopy(v)


@dataclass(frozen=True, order=True)
class Mention:
    """A named thing found in a paper's text.

    ``label`` is ``method``, ``model``, ``benchmark`` or ``concept``; ``role`` is
    ``proposed`` or ``mentioned``. ``start``/``end`` are character offsets into the
    paper's text (title, a blank line, then the abstract: see
    :func:`kg.extract.paper_text`); ``sentence`` is the sentence that holds it.
    ``long_form`` is the definition given by the text, if any ("Group Relative Policy
    Optimization" for "GRPO"). ``rule`` names the detector that produced it.
    """

    start: int
    end: int
    text: str
    label: str
    role: str = "mentioned"
    rule: str = ""
    confidence: float = 0.5
    sentence: str = ""
    sent_start: int = 0
    long_form: str | None = None
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, order=True)
class UrlMention:
    """A code/project link found in the text, canonicalised; ``raw`` is as written."""

    url: str
    kind: str
    raw: str = ""
    start: int = 0
    end: int = 0
    sentence: str = ""
    rule: str = "url"


@dataclass
class PaperExtraction:
    """Everything the extractor found in one paper."""

    paper_id: str
    mentions: list[Mention] = field(default_factory=list)
    urls: list[UrlMention] = field(default_factory=list)
    abbreviations: list[tuple[str, str]] = field(default_factory=list)  # (short, long)

    def to_dict(self) -> dict:
        return {
            "paper_id": self.paper_id,
            "mentions": [asdict(m) for m in self.mentions],
            "urls": [asdict(u) for u in self.urls],
            "abbreviations": [list(a) for a in self.abbreviations],
        }

    @classmethod
    def from_dict(cls, d: dict) -> "PaperExtraction":
        return cls(
            paper_id=d["paper_id"],
            mentions=[Mention(**{**m, "aliases": tuple(m.get("aliases", ()))}) for m in d["mentions"]],
            urls=[UrlMention(**u) for u in d["urls"]],
            abbreviations=[tuple(a) for a in d["abbreviations"]],
        )


@dataclass
class Entity:
    """A resolved artifact or concept: one node, many aliases.

    ``key`` is the stable id (``method:grpo``); ``merges`` records which rule joined
    which alias, so a merge can be explained.
    """

    key: str
    type: str
    label: str
    aliases: set[str] = field(default_factory=set)
    papers: set[str] = field(default_factory=set)
    proposed_by: set[str] = field(default_factory=set)
    merges: list[tuple[str, str]] = field(default_factory=list)  # (alias, rule)

    @property
    def support(self) -> int:
        return len(self.papers)
