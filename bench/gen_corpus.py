"""Synthetic paper listings for benchmarks: any size, deterministic, entity counts that grow.

Abstracts are recombined from sentences read *at run time* from saved Daily Papers pages
(``../shared/seeds`` by default; nothing is copied into the repository), or, with
``--seeds none``, from this module's own sentence templates. Every paper gets names that
did not exist before: a proposed method (a coined name, or an acronym with its long form),
sometimes a new benchmark and a code repository; it also cites earlier names with
preferential attachment (a name used often is cited more: a Chinese-restaurant process),
so the number of entities grows with the corpus, as it does in real listings.

Output: kg's JSON Lines input (``title``, ``abstract``, ``id``, ``authors``, ``date``),
sharded into files of ``--shard-size`` records, and optionally Daily Papers page text
(``--pages``).

Example::

    .venv/bin/python bench/gen_corpus.py -n 100000 -o bench/out/corpus-100k
    .venv/bin/python bench/gen_corpus.py -n 2000 -o /tmp/c --pages --seeds none
"""
from __future__ import annotations

import argparse
import datetime as _dt
import json
import random
import re
import sys
from pathlib import Path

__all__ = ["load_sentences", "Generator", "generate", "write_jsonl", "write_pages", "main"]

DEFAULT_SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"

# --- vocabulary of our own for invented names -----------------------------------------

_PREFIXES = ("Flex", "Graph", "Meta", "Hyper", "Self", "Turbo", "Omni", "Deep", "Sparse", "Fast", "Neuro",
             "Poly", "Quant", "Vision", "Lang", "Reason", "Cog", "Auto", "Co", "Dyna", "Mono", "Uni", "Pano",
             "Chrono", "Geo", "Proto", "Retro", "Lumi", "Astra", "Echo", "Nova", "Tera", "Orbi", "Vec")
_SUFFIXES = ("Former", "Net", "GPT", "Diff", "RL", "Align", "Mix", "Tune", "PO", "Agent", "Gen", "Seg", "Flow",
             "Fusion", "Prompt", "Search", "Mem", "Coder", "VLM", "Nav", "Plan", "Edit", "Rank", "Map")
_ONSETS = ("b", "br", "c", "ch", "d", "dr", "f", "g", "gr", "h", "j", "k", "kr", "l", "m", "n", "p", "pr",
           "qu", "r", "s", "sk", "st", "t", "tr", "v", "w", "z")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "eo", "ia", "ou")
_CODAS = ("", "", "", "n", "r", "l", "x", "s", "th", "m")

_ADJ = ("Adaptive", "Hierarchical", "Contrastive", "Sparse", "Progressive", "Iterative", "Latent", "Dynamic",
        "Robust", "Efficient", "Multi-Scale", "Causal", "Recursive", "Modular", "Stochastic", "Bidirectional",
        "Decoupled", "Unified", "Lightweight", "Curriculum")
_NOUN = ("Policy", "Token", "Graph", "Memory", "Reward", "Context", "Attention", "Feature", "Query", "Trajectory",
         "Preference", "Routing", "Retrieval", "Diffusion", "Planning", "Reasoning", "Caching", "Sampling")
_HEAD = ("Optimization", "Learning", "Distillation", "Alignment", "Decoding", "Tuning", "Fusion", "Search",
         "Adaptation", "Compression", "Refinement", "Estimation", "Pruning", "Prompting")
_TASKS = ("mathematical reasoning", "code generation", "image segmentation", "video understanding",
          "long-context retrieval", "robot manipulation", "speech recognition", "question answering",
          "text-to-image generation", "molecule design", "web navigation", "table understanding",
          "3D reconstruction", "time-series forecasting", "machine translation", "document parsing")
_BENCH_KIND = ("Bench", "Eval", "QA", "Arena", "Suite", "-Hard", "-1K", "Verse")
_FIRST = ("Alex", "Bo", "Chen", "Dana", "Elif", "Farid", "Grace", "Hiro", "Ines", "Jun", "Kai", "Lena", "Mei",
          "Noor", "Omar", "Priya", "Quinn", "Rui", "Sara", "Tomas", "Uma", "Vik", "Wen", "Xin", "Yara", "Zoe")

# Our own abstract sentences, used with --seeds none and to fill the slots in every abstract.
_OPENERS = (
    "Recent progress in {task} has been driven by ever larger models and datasets.",
    "{Task} remains difficult for current systems, especially when supervision is scarce.",
    "Existing approaches to {task} trade accuracy for cost in ways that limit their use.",
    "A central open problem in {task} is how to generalise beyond the training distribution.",
)
_MIDDLES = (
    "Prior methods rely on hand-crafted heuristics that do not transfer across domains.",
    "We observe that most errors come from a small set of hard examples.",
    "Our analysis shows that the bottleneck lies in how intermediate states are represented.",
    "The approach needs no additional labels and adds little inference cost.",
    "We further study the effect of scale and find consistent gains as models grow.",
    "Ablations confirm that each component contributes to the final performance.",
    "The method is simple to implement and compatible with existing training pipelines.",
    "We also release an analysis of failure cases to guide future work.",
)
_CLOSERS = (
    "Experiments show consistent improvements over strong baselines.",
    "Our results suggest that careful design of the training signal matters more than scale.",
    "These findings open new directions for {task}.",
)
_PROPOSE = (
    "We propose {long} ({short}), a framework for {task}.",
    "To address this, we introduce {name}, a simple method for {task}.",
    "In this paper, we present {name}, which learns to solve {task} with little supervision.",
    "We propose {long} ({short}) that improves {task} without extra data.",
)
_USES = (
    "We build on {m1} and compare against {m2}.",
    "Unlike {m1}, our approach does not require a reward model.",
    "Compared with {m1} and {m2}, it is faster to train.",
)
_BENCH_NEW = (
    "We also construct {b}, a new benchmark of {k} problems for {task}.",
    "To evaluate it, we release the {b} dataset with {k} annotated examples.",
)
_EVAL = (
    "Experiments on {b1} and {b2} show gains of {x} points.",
    "On the {b1} benchmark, it outperforms previous methods by {x}%.",
    "We evaluate on {b1}, {b2} and {b3}.",
)
_CODE = (
    "Code is available at https://github.com/{owner}/{repo}.",
    "Our code and models are released at github.com/{owner}/{repo}.",
    "Project page: https://{owner}.github.io/{repo}/.",
)

_SENT_SPLIT = re.compile(r"(?<=[.!?])\s+(?=[A-Z])")
_URLISH = re.compile(r"https?://|github\.com|\.github\.io|huggingface\.co", re.I)
_PROPOSAL = re.compile(r"\b(?:we|this paper|this work)\s+(?:propose|introduce|present)", re.I)


def load_sentences(seeds_dir) -> dict[str, list[str]]:
    """Sentence pools (``open``, ``mid``, ``close``, ``title``) from saved pages, read now.

    Sentences with links or a proposal are left out: the generator writes its own.
    """
    pools: dict[str, list[str]] = {"open": [], "mid": [], "close": [], "title": []}
    if seeds_dir is None:
        return pools
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from kg.ingest import read_paths

    papers, _ = read_paths([seeds_dir], skip_bad=True)
    seen = set()
    for p in sorted(papers, key=lambda p: p.id):
        if p.id in seen:
            continue
        seen.add(p.id)
        sub = p.title.split(": ", 1)[-1]
        if 3 <= len(sub.split()) <= 14:
            pools["title"].append(sub)
        sents = [s for s in _SENT_SPLIT.split(p.abstract) if 30 <= len(s) <= 400]
        for i, s in enumerate(sents):
            if _URLISH.search(s) or _PROPOSAL.search(s):
                continue
            pools["open" if i == 0 else "close" if i == len(sents) - 1 else "mid"].append(s)
    return pools


class _Pool:
    """Names drawn with preferential attachment: each use makes a name likelier to be used again."""

    def __init__(self):
        self.draws: list[str] = []

    def add(self, name: str) -> None:
        self.draws.append(name)

    def pick(self, rng: random.Random) -> str | None:
        if not self.draws:
            return None
        name = rng.choice(self.draws)
        self.draws.append(name)
        return name


class Generator:
    """Paper records, one after another; the same ``seed`` gives the same corpus."""

    def __init__(self, seed: int = 0, pools: dict[str, list[str]] | None = None,
                 start_date: str = "2023-01-01"):
        self.rng = random.Random(seed)
        pools = pools or {}
        self.open = list(pools.get("open") or ())
        self.mid = list(pools.get("mid") or ())
        self.close = list(pools.get("close") or ())
        self.titles = list(pools.get("title") or ())
        self.names: set[str] = set()
        self.exhausted: set[str] = set()
        self.methods, self.benchmarks, self.authors = _Pool(), _Pool(), _Pool()
        self.start = _dt.date.fromisoformat(start_date)
        self.seed = seed
        self.i = 0
        for b in ("GSM8K", "MMLU", "HumanEval", "MATH", "ImageNet", "COCO"):  # a few real ones to start from
            self.benchmarks.add(b)

    # -- invented names --
    def _syllables(self, n: int) -> str:
        r = self.rng
        return "".join(r.choice(_ONSETS) + r.choice(_VOWELS) + r.choice(_CODAS) for _ in range(n))

    @staticmethod
    def _key(name: str) -> str:
        # letters and digits only, as kg's title matching compares ("AB++" is "AB")
        return re.sub(r"[^0-9a-z]", "", name.lower())

    def _unique(self, make, kind: str) -> str:
        # the short forms run out in large corpora (about 300k papers), as they do in real
        # ones: after `limit` collisions a number tells the new one apart ("AHPO-4127"), and
        # once that has happened for a kind of name, after 20
        limit = 20 if kind in self.exhausted else 1_000
        for attempt in range(limit + 1_000):
            name = make()
            if attempt >= limit:
                self.exhausted.add(kind)
                name += f"-{self.rng.randint(2, 10 ** (3 + (attempt - limit) // 100))}"
            if self._key(name) not in self.names:
                self.names.add(self._key(name))
                return name
        raise RuntimeError("name space exhausted")

    def _coined(self) -> str:
        r = self.rng

        def make():
            style = r.random()
            if style < 0.4:
                core = r.choice(_PREFIXES) + r.choice(_SUFFIXES)
            elif style < 0.8:
                core = self._syllables(r.randint(1, 2)).capitalize() + r.choice(_SUFFIXES)
            else:
                core = r.choice(_PREFIXES) + "-" + self._syllables(2).capitalize()
            if r.random() < 0.25 or self._key(core) in self.names:
                core += r.choice(("-2", "-R1", "v2", "-XL", "++", "-Lite", f"-{r.randint(2, 99)}"))
            if self._key(core) in self.names:
                core = core + self._syllables(1).upper()
            return core

        return self._unique(make, "coined")

    def _acronym(self) -> tuple[str, str]:
        r = self.rng
        holder = {}

        def make():
            words = [r.choice(_ADJ), r.choice(_NOUN), r.choice(_HEAD)]
            if r.random() < 0.4:
                words.insert(1, r.choice(_NOUN))
            short = "".join(w[0] for w in words).upper()
            if self._key(short) in self.names or r.random() < 0.2:
                # acronyms collide in real listings too; a version tells them apart
                short += r.choice(("-2", "++", "v2", str(r.randint(2, 9)), "-X"))
            holder["long"] = " ".join(words)
            return short

        short = self._unique(make, "acronym")
        return short, holder["long"]

    def _benchmark(self) -> str:
        r = self.rng

        def make():
            base = r.choice((self._syllables(1).capitalize(), r.choice(_PREFIXES), self._syllables(2).upper()[:4]))
            return base + r.choice(_BENCH_KIND)

        return self._unique(make, "benchmark")

    def _author(self) -> str:
        r = self.rng
        # a new author one time in three, else an existing one by how often they appear
        if self.authors.draws and r.random() < 0.67:
            return self.authors.pick(r)
        name = f"{r.choice(_FIRST)} {self._syllables(r.randint(1, 3)).capitalize()}"
        self.authors.add(name)
        return name

    def _authors(self, k: int) -> list[str]:
        out: list[str] = []
        for _ in range(4 * k):
            a = self._author()
            if a not in out:
                out.append(a)
            if len(out) == k:
                break
        return out

    def _fill(self, tpl: str, **kw) -> str:
        task = kw.get("task", "")
        return tpl.format(Task=task[:1].upper() + task[1:], **kw)

    def _pick(self, pool, fallback, **kw):
        return self.rng.choice(pool) if pool else self._fill(self.rng.choice(fallback), **kw)

    def paper(self) -> dict:
        """The next record."""
        r = self.rng
        i = self.i
        self.i += 1
        task = r.choice(_TASKS)
        if r.random() < 0.5:
            short, long = self._acronym()
            propose = self._fill(r.choice((_PROPOSE[0], _PROPOSE[3])), long=long, short=short, task=task)
        else:
            short = self._coined()
            propose = self._fill(r.choice(_PROPOSE[1:3]), name=short, task=task)
        sents = [self._pick(self.open, _OPENERS, task=task)]
        sents += [self._pick(self.mid, _MIDDLES) for _ in range(r.randint(1, 3))]
        sents.append(propose)
        used = [m for m in (self.methods.pick(r) for _ in range(2)) if m]
        if len(used) == 2 and r.random() < 0.7:
            sents.append(self._fill(r.choice(_USES), m1=used[0], m2=used[1]))
        sents += [self._pick(self.mid, _MIDDLES) for _ in range(r.randint(1, 3))]
        if r.random() < 0.15:
            b = self._benchmark()
            sents.append(self._fill(r.choice(_BENCH_NEW), b=b, k=r.choice(("1K", "5,000", "12K", "800")), task=task))
            self.benchmarks.add(b)
        bs = [self.benchmarks.pick(r) for _ in range(3)]
        sents.append(self._fill(r.choice(_EVAL), b1=bs[0], b2=bs[1], b3=bs[2], x=r.randint(2, 15)))
        sents.append(self._pick(self.close, _CLOSERS, task=task))
        if r.random() < 0.4:
            owner = self._syllables(r.randint(1, 2)) + r.choice(("", "-lab", "ai", "-nlp"))
            sents.append(self._fill(r.choice(_CODE), owner=owner, repo=short.replace("+", "p")))
        self.methods.add(short)
        if self.titles and r.random() < 0.7:
            sub = r.choice(self.titles)
        else:
            sub = f"{r.choice(_ADJ)} {r.choice(_NOUN)} {r.choice(_HEAD)} for {task.title()}"
        date = self.start + _dt.timedelta(days=(i * 7) // 100 % 1500)
        return {
            "id": f"gen{self.seed}-{i:07d}",
            "title": f"{short}: {sub}",
            "abstract": " ".join(sents),
            "authors": self._authors(r.randint(1, 9)),
            "date": date.isoformat(),
        }


def generate(n: int, seed: int = 0, seeds_dir=DEFAULT_SEEDS):
    """``n`` paper records (dicts), deterministic for a given ``seed`` and seed pages.

    >>> recs = list(generate(3, seeds_dir=None))
    >>> [sorted(r) for r in recs][0]
    ['abstract', 'authors', 'date', 'id', 'title']
    >>> recs == list(generate(3, seeds_dir=None))
    True
    """
    g = Generator(seed, load_sentences(seeds_dir) if seeds_dir else None)
    for _ in range(n):
        yield g.paper()


def write_jsonl(records, out_dir, shard_size: int = 100_000, prefix: str = "papers") -> list[Path]:
    """Write records as JSON Lines files of at most ``shard_size`` lines."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    f = None
    for k, rec in enumerate(records):
        if k % shard_size == 0:
            if f:
                f.close()
            paths.append(out_dir / f"{prefix}-{len(paths):04d}.jsonl")
            f = open(paths[-1], "w", encoding="utf-8")
        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    if f:
        f.close()
    return paths


_MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def page_text(records) -> str:
    """One saved Daily Papers page (as the browser's "save as text" writes it)."""
    out = ["Daily Papers", "", "byAK and the research community", ""]
    for rec in records:
        d = _dt.date.fromisoformat(rec["date"])
        up = (sum(map(ord, rec["id"])) % 40) or ""
        out += [rec["title"], "", rec["abstract"], "", f"  \u2022 {len(rec['authors'])} authors", "\u00b7",
                f"{_MONTHS[d.month - 1]} {d.day}, {d.year} {up}".rstrip(), ""]
    return "\n".join(out)


def write_pages(records, out_dir, per_page: int = 100) -> list[Path]:
    """Write records as saved Daily Papers pages of ``per_page`` entries each."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    paths: list[Path] = []
    batch: list[dict] = []

    def flush():
        paths.append(out_dir / f"page-{len(paths):05d}.txt")
        paths[-1].write_text(page_text(batch), encoding="utf-8")
        batch.clear()

    for rec in records:
        batch.append(rec)
        if len(batch) == per_page:
            flush()
    if batch:
        flush()
    return paths


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("-n", "--count", type=int, required=True, help="number of papers")
    ap.add_argument("-o", "--out", required=True, help="output directory")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--seeds", default=str(DEFAULT_SEEDS),
                    help="directory of saved Daily Papers pages to take sentences from, or 'none'")
    ap.add_argument("--shard-size", type=int, default=100_000, help="records per JSON Lines file")
    ap.add_argument("--pages", action="store_true", help="also write Daily Papers page text under OUT/pages/")
    ap.add_argument("--pages-only", action="store_true", help="write only Daily Papers pages")
    ap.add_argument("--per-page", type=int, default=100)
    args = ap.parse_args(argv)
    seeds = None if args.seeds == "none" else args.seeds
    if seeds and not Path(seeds).is_dir():
        ap.error(f"no such directory: {seeds} (use --seeds none for the built-in templates)")
    records = list(generate(args.count, args.seed, seeds)) if args.pages else generate(args.count, args.seed, seeds)
    out = Path(args.out)
    n_files = 0
    if not args.pages_only:
        n_files += len(write_jsonl(records, out, args.shard_size))
    if args.pages or args.pages_only:
        n_files += len(write_pages(records, out / "pages" if not args.pages_only else out, args.per_page))
    print(f"wrote {args.count} papers in {n_files} files under {out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
