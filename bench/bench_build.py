"""End-to-end benchmark of `kg build` on generated corpora, with spaCy's bare tokeniser as
the reference measured in the same run.

For each size: the corpus is generated (``bench/gen_corpus.py``, kept under ``--out`` for
the next run), spaCy's blank English pipeline tokenises the same texts (the floor any
spaCy-based extractor stands on), then `kg build` runs under ``/usr/bin/time -v`` with
``kg -v`` stage timings: the default formats with ``--jobs 1`` and ``--jobs 2``, and the
streaming ``--format nt`` export. Wall time, CPU time, peak RSS and every stage's time and
peak RSS go to ``--out/results-SIZE.json`` and a Markdown table on stdout. The machine's
load average is recorded too: on a shared machine wall times stretch, CPU times less so.

Example::

    .venv/bin/python bench/bench_build.py --sizes 10000,100000
    .venv/bin/python bench/bench_build.py --sizes 10000 --runs default:1,default:2,nt:2,update:2
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
PY = sys.executable
KG = [PY, "-m", "kg"]

_STAGE = re.compile(r"stage (?P<name>[\w ]+): (?P<sec>[\d.]+) s, peak RSS (?P<rss>\d+) MB")
_TIME_FIELDS = {
    "Elapsed (wall clock) time (h:mm:ss or m:ss)": "wall",
    "User time (seconds)": "user",
    "System time (seconds)": "sys",
    "Maximum resident set size (kbytes)": "max_rss_kb",
    "Exit status": "exit",
}


def _seconds(s: str) -> float:
    parts = [float(x) for x in s.split(":")]
    return sum(x * 60 ** i for i, x in enumerate(reversed(parts)))


def time_v(cmd: list[str], log: Path) -> dict:
    """Run ``cmd`` under GNU time -v; returns wall/user/sys seconds, peak RSS and kg's stages."""
    if not Path("/usr/bin/time").exists():
        sys.exit("bench_build: /usr/bin/time is missing; install the Debian package 'time'")
    load = os.getloadavg()[0]
    proc = subprocess.run(["/usr/bin/time", "-v", *cmd], capture_output=True, text=True, cwd=REPO)
    log.write_text(proc.stdout + "\n--- stderr ---\n" + proc.stderr, encoding="utf-8")
    out: dict = {"cmd": " ".join(cmd), "load_before": round(load, 2), "load_after": round(os.getloadavg()[0], 2)}
    for line in proc.stderr.splitlines():
        line = line.strip()
        key, _, value = line.rpartition(": ")
        if key in _TIME_FIELDS:
            out[_TIME_FIELDS[key]] = _seconds(value) if key.startswith("Elapsed") else float(value)
    out["stages"] = [{"stage": m["name"], "s": float(m["sec"]), "peak_rss_mb": int(m["rss"])}
                     for m in _STAGE.finditer(proc.stderr)]
    out["counts"] = _counts(proc.stdout)
    out["max_rss_mb"] = round(out.get("max_rss_kb", 0) / 1024)
    out["cpu"] = round(out.get("user", 0) + out.get("sys", 0), 1)
    if proc.returncode != 0:
        out["error"] = proc.stderr[-2000:]
    return out


def _counts(summary: str) -> dict:
    """Node and edge counts from `kg build`'s summary (``nodes:`` / ``edges:`` blocks)."""
    counts: dict = {}
    block = None
    for line in summary.splitlines():
        if line in ("nodes:", "edges:"):
            block = counts.setdefault(line[:-1], {})
        elif line.startswith("  ") and block is not None:
            k, _, v = line.strip().partition(": ")
            block[k] = int(v)
        else:
            block = None
    return counts


_TOKENISE = r"""
import json, resource, sys, time
import spacy
paths = sys.argv[1:]
texts = []
for p in paths:
    with open(p, encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            texts.append(r["title"] + "\n\n" + r["abstract"] if r.get("abstract") else r["title"])
nlp = spacy.blank("en")
t, c = time.perf_counter(), time.process_time()
tokens = sum(len(d) for d in nlp.pipe(texts, batch_size=256))
wall, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"docs": len(texts), "tokens": tokens, "wall": round(wall, 2), "cpu": round(cpu, 2),
                  "docs_per_s": round(len(texts) / wall), "docs_per_cpu_s": round(len(texts) / cpu),
                  "chars": sum(map(len, texts)),
                  "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}))
"""


def tokenise_reference(files: list[Path]) -> dict:
    """spaCy blank("en") tokenisation of the corpus texts, in a process of its own."""
    proc = subprocess.run([PY, "-c", _TOKENISE, *map(str, files)], capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)


def corpus(size: int, out: Path, seed: int = 0) -> list[Path]:
    d = out / f"corpus-{size // 1000}k"
    files = sorted(d.glob("papers-*.jsonl"))
    if not files:
        t = time.perf_counter()
        subprocess.run([PY, str(HERE / "gen_corpus.py"), "-n", str(size), "-o", str(d), "--seed", str(seed)],
                       check=True, cwd=REPO)
        print(f"generated {size} papers in {time.perf_counter() - t:.1f} s", file=sys.stderr)
        files = sorted(d.glob("papers-*.jsonl"))
    return files


def run(size: int, spec: str, files: list[Path], out: Path) -> dict:
    kind, _, jobs = spec.partition(":")
    jobs = jobs or "1"
    build_dir = out / f"build-{size // 1000}k-{kind}-j{jobs}"
    shutil.rmtree(build_dir, ignore_errors=True)
    log = out / f"log-{size // 1000}k-{kind}-j{jobs}.txt"
    if kind == "update":
        # the records of the build are loaded before the "read" stage: time them in the total
        # a build of all but the last 1% of the papers, then --update with that 1%
        extra = out / f"extra-{size // 1000}k.jsonl"
        base = out / f"base-{size // 1000}k.jsonl"
        lines = [l for f in files for l in f.read_text(encoding="utf-8").splitlines()]
        cut = len(lines) - max(1, len(lines) // 100)
        base.write_text("\n".join(lines[:cut]) + "\n", encoding="utf-8")
        extra.write_text("\n".join(lines[cut:]) + "\n", encoding="utf-8")
        first = time_v([*KG, "-v", "build", str(base), "-o", str(build_dir), "-f", "nt", "-j", jobs],
                       out / f"log-{size // 1000}k-update-base.txt")
        res = time_v([*KG, "-v", "build", "--update", str(build_dir), str(extra), "-j", jobs], log)
        res["base_build"] = first
    else:
        fmt = [] if kind == "default" else ["-f", kind]
        res = time_v([*KG, "-v", "build", *map(str, files), "-o", str(build_dir), *fmt, "--no-cache",
                      "-j", jobs], log)
        res["sizes_mb"] = {p.name: round(p.stat().st_size / 2**20, 1) for p in sorted(build_dir.glob("kg.*"))}
    res.update(size=size, run=kind, jobs=int(jobs))
    return res


def table(results: list[dict], ref: dict) -> str:
    rows = ["| papers | run | jobs | wall s | CPU s | peak RSS MB | stages (s) |", "|---|---|---|---|---|---|---|"]
    for r in results:
        stages = ", ".join(f"{s['stage']} {s['s']:.1f}" for s in r.get("stages", []))
        rows.append(f"| {r['size']:,} | {r['run']} | {r['jobs']} | {r.get('wall', 0):.1f} | {r.get('cpu', 0):.1f} | "
                    f"{r.get('max_rss_mb', 0)} | {stages}{' **failed**' if 'error' in r else ''} |")
    rows.append("")
    rows.append(f"tokenisation reference (spaCy blank 'en', 1 process): {ref['docs']:,} docs in {ref['wall']} s "
                f"wall / {ref['cpu']} s CPU = {ref['docs_per_cpu_s']:,} docs per CPU second, {ref['tokens']:,} tokens")
    return "\n".join(rows)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="10000,100000", help="comma-separated corpus sizes")
    ap.add_argument("--runs", default="default:1,default:2,nt:2,update:2",
                    help="comma-separated KIND:JOBS; KIND is 'default' (the default formats), a --format value "
                         "such as 'nt', or 'update' (--update with 1%% new papers)")
    ap.add_argument("--out", default=str(HERE / "out"), help="working directory (corpora, builds, logs, results)")
    ap.add_argument("--keep", action="store_true", help="keep the build directories")
    args = ap.parse_args(argv)
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    for size in (int(s) for s in args.sizes.split(",")):
        files = corpus(size, out)
        ref = tokenise_reference(files)
        print(f"[{size}] tokenisation reference: {ref}", file=sys.stderr)
        results = []
        for spec in args.runs.split(","):
            r = run(size, spec, files, out)
            print(f"[{size}] {spec}: wall {r.get('wall')} s, CPU {r.get('cpu')} s, peak RSS {r.get('max_rss_mb')} MB"
                  f"{' FAILED' if 'error' in r else ''}", file=sys.stderr)
            results.append(r)
            if not args.keep:
                for d in out.glob(f"build-{size // 1000}k-*"):
                    shutil.rmtree(d, ignore_errors=True)
        (out / f"results-{size // 1000}k.json").write_text(
            json.dumps({"size": size, "tokenise": ref, "runs": results, "cpus": os.cpu_count()}, indent=2),
            encoding="utf-8")
        print(f"\n### {size:,} papers\n\n{table(results, ref)}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
