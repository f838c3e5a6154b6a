"""Score extraction output against gold annotations, with the misses to read.

The rules are those of ``../shared/gold/README.md`` (the reference scorer there must
agree with this module; a test runs both):

- names match after :func:`kg.textnorm.norm_name`; an entity matches a gold entity when
  any of its name/aliases equals any of the gold's;
- classes: ``method`` and ``model`` form one class, ``benchmark`` the other; other
  types are not scored; a prediction that matches only an ``uncertain`` name is ignored;
- a second prediction matching an already matched gold entity is a false positive
  (a duplicate: an unmerged alias);
- ``prop`` scores role ``proposed`` on both sides; ``url`` compares links without scheme,
  ``www.``, trailing punctuation, trailing slash or ``.git``.
"""
from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass, field

from .textnorm import norm_name

__all__ = ["Score", "score", "score_files", "norm_url", "format_report"]

SCORED = {"method": "method", "model": "method", "benchmark": "benchmark"}
KINDS = ("any", "method", "benchmark", "prop", "url")


def norm_url(u: str) -> str:
    """>>> norm_url("https://www.GitHub.com/a/b.git/")
    'github.com/a/b'
    """
    u = u.strip().rstrip(".,;:)]}>'\"").rstrip("/")
    u = re.sub(r"^https?://", "", u, flags=re.I)
    u = re.sub(r"^www\.", "", u, flags=re.I)
    host, sep, path = u.partition("/")
    u = host.lower() + (sep + path if path else "")
    return u[:-4] if u.endswith(".git") else u


def _names(e: dict) -> set[str]:
    return {n for n in (norm_name(x) for x in [e.get("name", "")] + list(e.get("aliases") or []) if x) if n}


@dataclass
class Score:
    counts: Counter = field(default_factory=Counter)
    missing_papers: int = 0
    errors: list[dict] = field(default_factory=list)  # {"id", "kind", "class", "name"}

    def prf(self, kind: str) -> tuple[float, float, float]:
        tp, fp, fn = (self.counts[f"{x}_{kind}"] for x in ("tp", "fp", "fn"))
        p = tp / (tp + fp) if tp + fp else 0.0
        r = tp / (tp + fn) if tp + fn else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def duplicates(self) -> int:
        return self.counts["dup"]

    def as_dict(self) -> dict:
        out = {k: dict(zip(("precision", "recall", "f1"), (round(x, 4) for x in self.prf(k)))) for k in KINDS}
        out["missing_papers"] = self.missing_papers
        out["duplicates"] = self.duplicates
        return out


def score(gold: list[dict], pred: list[dict]) -> Score:
    """Micro-averaged counts over all gold papers."""
    preds = {str(p.get("id")): p for p in pred}
    sc = Score()
    c = sc.counts
    for g in gold:
        pid = str(g["id"])
        p = preds.get(pid)
        if p is None:
            sc.missing_papers += 1
            p = {}
        uncertain = {norm_name(u) for u in g.get("uncertain", [])}
        gents = [(_names(e), SCORED[e["type"]], e["role"], e["name"]) for e in g["entities"]]
        used = [False] * len(gents)
        proposed_pred = []
        for e in p.get("entities") or []:
            cls = SCORED.get(e.get("type"))
            ns = _names(e)
            if cls is None or not ns:
                continue
            if e.get("role") == "proposed":
                proposed_pred.append(ns)
            hit = next((i for i, ge in enumerate(gents) if ge[0] & ns), None)
            if hit is None:
                if ns & uncertain:
                    continue
                c["fp_any"] += 1
                c[f"fp_{cls}"] += 1
                sc.errors.append({"id": pid, "kind": "false_positive", "class": cls, "name": e.get("name")})
                if e.get("role") == "proposed":
                    c["fp_prop"] += 1
                continue
            gnames, gcls, grole, gname = gents[hit]
            if used[hit]:
                c["fp_any"] += 1
                c[f"fp_{cls}"] += 1
                c["dup"] += 1
                sc.errors.append({"id": pid, "kind": "duplicate", "class": cls, "name": e.get("name")})
                continue
            used[hit] = True
            c["tp_any"] += 1
            if gcls == cls:
                c[f"tp_{cls}"] += 1
            else:
                c[f"fp_{cls}"] += 1
                c[f"fn_{gcls}"] += 1
                sc.errors.append({"id": pid, "kind": "wrong_class", "class": cls, "name": e.get("name"), "gold": gcls})
            if e.get("role") == "proposed":
                if grole == "proposed":
                    c["tp_prop"] += 1
                else:
                    c["fp_prop"] += 1
                    sc.errors.append({"id": pid, "kind": "wrong_role", "class": cls, "name": e.get("name"), "gold": grole})
        for i, (gnames, gcls, grole, gname) in enumerate(gents):
            if not used[i]:
                c["fn_any"] += 1
                c[f"fn_{gcls}"] += 1
                sc.errors.append({"id": pid, "kind": "miss", "class": gcls, "name": gname})
            if grole == "proposed" and not any(gnames & ns for ns in proposed_pred):
                c["fn_prop"] += 1
                if used[i]:
                    sc.errors.append({"id": pid, "kind": "missed_proposed", "class": gcls, "name": gname})
        gold_urls = {norm_url(u) for u in g.get("urls", [])}
        pred_urls = {norm_url(u) for u in p.get("urls") or []}
        c["tp_url"] += len(gold_urls & pred_urls)
        c["fp_url"] += len(pred_urls - gold_urls)
        c["fn_url"] += len(gold_urls - pred_urls)
        for u in sorted(pred_urls - gold_urls):
            sc.errors.append({"id": pid, "kind": "false_positive", "class": "url", "name": u})
        for u in sorted(gold_urls - pred_urls):
            sc.errors.append({"id": pid, "kind": "miss", "class": "url", "name": u})
    return sc


def read_jsonl(path) -> list[dict]:
    from .errors import InputError

    out = []
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            if not line.strip():
                continue
            try:
                out.append(json.loads(line))
            except ValueError as exc:
                raise InputError(path, f"invalid JSON: {exc}", n) from None
    return out


def score_files(gold_path, pred_path) -> Score:
    return score(read_jsonl(gold_path), read_jsonl(pred_path))


def format_report(sc: Score, errors: bool = True) -> str:
    lines = [f"{'':10s} {'P':>6s} {'R':>6s} {'F1':>6s}"]
    for k in KINDS:
        p, r, f = sc.prf(k)
        lines.append(f"{k:10s} {p:6.3f} {r:6.3f} {f:6.3f}")
    lines.append(f"missing papers: {sc.missing_papers}  duplicate (unmerged alias) predictions: {sc.duplicates}")
    if errors and sc.errors:
        lines.append("")
        by_kind: dict[str, list] = {}
        for e in sc.errors:
            by_kind.setdefault(e["kind"], []).append(e)
        for kind in ("miss", "false_positive", "wrong_class", "wrong_role", "missed_proposed", "duplicate"):
            items = by_kind.get(kind, [])
            if not items:
                continue
            lines.append(f"{kind} ({len(items)}):")
            for e in items:
                extra = f" (gold: {e['gold']})" if "gold" in e else ""
                lines.append(f"  {e['id']}  {e['class']:9s} {e['name']}{extra}")
    return "\n".join(lines)
