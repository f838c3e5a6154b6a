"""How long a 5,000-node explorer page (kg.html) takes to become interactive in headless Chromium.

"Interactive" is the moment the page marks itself ready: vis-network has drawn the graph
for the first time with every handler attached (``window.kgReadyAt``, milliseconds since
navigation started, read from the page). After that the script also times one click-like
interaction (select a hub and dim everything else, up to the next frame drawn).

Measured in the same run, on the same graph:

* ``kg.html``: our page (layout computed in Python, physics off) -- the figure we target (<= 3 s);
* ``browser layout``: the same graph with the layout left to vis physics in the browser
  (bounded stabilisation), i.e. what the Python layout saves;
* ``vis alone``: a bare vis-network page with the same nodes (positions, labels of the same
  nodes) and edges and no options, search, legend or tooltips: the floor set by vis itself;
* ``baseline``: a 50-node page, the fixed cost of loading vis-network and our script.

Usage::

    .venv/bin/python bench/bench_html.py [--nodes 5000] [--runs 3] [--json bench/out/bench_html.json]

Never downloads a browser: it drives Debian's /usr/bin/chromium.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

#: share of each node type, from a Daily Papers listing with authors
_MIX = {"Paper": 0.22, "Author": 0.40, "Organization": 0.01, "Method": 0.18, "Model": 0.05,
        "Benchmark": 0.04, "Repository": 0.04, "Concept": 0.06}


def synthetic_graph(n_nodes: int = 5000, seed: int = 1) -> nx.MultiDiGraph:
    """A graph of exactly ``n_nodes`` nodes shaped like kg's (schema types and relations, a few
    hubs, many leaves). Every non-paper node is linked to at least one paper."""
    rng = random.Random(seed)
    counts = {t: max(1, int(n_nodes * share)) for t, share in _MIX.items()}
    counts["Paper"] += n_nodes - sum(counts.values())
    g = nx.MultiDiGraph(name="kg")
    ids: dict[str, list[str]] = {}
    prefix = {"Paper": "paper", "Author": "author", "Organization": "org", "Method": "method", "Model": "model",
              "Benchmark": "benchmark", "Repository": "repo", "Concept": "concept"}
    for t, k in counts.items():
        ids[t] = [f"{prefix[t]}:{t.lower()}-{i:05d}" for i in range(k)]
        for i, n in enumerate(ids[t]):
            attrs = {"type": t, "label": f"{t} {i}"}
            if t == "Paper":
                attrs.update(title=f"Paper {i}: a synthetic study of things", date="2025-06-01", upvotes=rng.randrange(90),
                             abstract="We study things. " * 20, arxiv_id=f"2506.{i:05d}")
            elif t in ("Method", "Model", "Benchmark", "Concept"):
                attrs.update(aliases=[f"{t} number {i}"], support=0)
            elif t == "Repository":
                attrs.update(url=f"https://github.com/example/repo{i}", kind="github")
            g.add_node(n, **attrs)
    papers = ids["Paper"]
    relation = {"Author": "authored_by", "Organization": "published_by", "Method": "uses", "Model": "uses",
                "Benchmark": "evaluated_on", "Repository": "has_code", "Concept": "about"}
    # popularity: a few hubs (Zipf-like weights), most nodes named once
    weights = {t: [1.0 / (r + 1) ** 1.1 for r in range(len(v))] for t, v in ids.items()}
    extra = {"Author": 1, "Organization": 0, "Method": 2, "Model": 1, "Benchmark": 1, "Repository": 0, "Concept": 3}
    for t, members in ids.items():
        if t == "Paper":
            continue
        for i, n in enumerate(members):  # everyone once
            _link(g, papers[rng.randrange(len(papers))], n, relation[t])
        for p in papers:  # popular ones again
            for n in rng.choices(members, weights=weights[t], k=rng.randint(0, 2 * extra[t])):
                _link(g, p, n, relation[t])
    for s in papers:
        for n in rng.sample(ids["Method"], 1):
            _link(g, s, n, "proposes")
    return g


def _link(g, u, v, rel):
    if not g.has_edge(u, v, key=rel):
        g.add_edge(u, v, key=rel, relation=rel, rule="synthetic", evidence=f"{u} {rel} {v}.")


def measure(browser, path: Path, runs: int, hub: str | None, timeout_s: float) -> dict:
    ready, interact, requests = [], [], set()
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        page = context.new_page()
        page.on("request", lambda r: requests.add(r.url))
        page.goto(path.resolve().as_uri())
        page.wait_for_function("() => window.kgReadyAt !== undefined", timeout=timeout_s * 1000)
        ready.append(page.evaluate("window.kgReadyAt"))
        if hub is not None:
            interact.append(page.evaluate("""id => new Promise(done => {
                const t0 = performance.now();
                network.once("afterDrawing", () => done(performance.now() - t0));
                kgExplorer.selectNode(id, {zoom: false});
            })""", hub))
        context.close()
    out = {"ready_ms": [round(x) for x in ready], "ready_median_ms": round(statistics.median(ready)),
           "requests_outside_the_file": sorted(u for u in requests if u != path.resolve().as_uri())}
    if interact:
        out["select_hub_ms"] = [round(x) for x in interact]
        out["select_hub_median_ms"] = round(statistics.median(interact))
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--json", type=Path, default=Path(__file__).with_name("out") / "bench_html.json")
    ap.add_argument("--skip-reference", action="store_true", help="Only our page and the baseline.")
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from kg.export.html import write_html

    g = synthetic_graph(args.nodes, args.seed)
    hub = max(g.nodes, key=lambda n: (g.degree(n), n))
    tmp = Path(tempfile.mkdtemp(prefix="bench_html."))
    t0 = time.perf_counter()
    write_html(g, tmp / "kg.html")
    export_s = time.perf_counter() - t0
    write_html(synthetic_graph(50, args.seed), tmp / "baseline.html")
    bare_vis_page(tmp / "kg.html", tmp / "vis-alone.html")
    if not args.skip_reference:
        write_html(g, tmp / "browser-layout.html", layout_threshold=10**9)
    result = {
        "graph": {"nodes": g.number_of_nodes(), "edges": g.number_of_edges(), "seed": args.seed},
        "export_s": round(export_s, 2),
        "page_mb": round((tmp / "kg.html").stat().st_size / 1e6, 2),
        "labelled": page_data_labelled(tmp / "kg.html"),
        "machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform(),
                    "load_average": [round(x, 1) for x in os.getloadavg()]},
    }
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        result["machine"]["chromium"] = browser.version
        result["baseline_50_nodes"] = measure(browser, tmp / "baseline.html", args.runs, None, 60)
        result["kg_html"] = measure(browser, tmp / "kg.html", args.runs, hub, 60)
        result["vis_alone"] = measure(browser, tmp / "vis-alone.html", args.runs, None, 60)
        if not args.skip_reference:
            result["browser_layout_reference"] = measure(browser, tmp / "browser-layout.html", 1, None, 600)
        browser.close()
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    print(report(result))
    print(f"\n(raw figures in {args.json})")
    ok = result["kg_html"]["ready_median_ms"] <= 3000 and not result["kg_html"]["requests_outside_the_file"]
    return 0 if ok else 1


def bare_vis_page(page: Path, out: Path) -> None:
    """The same nodes and edges in a bare vis-network page (vis's own defaults, physics off)."""
    from kg.export.html import _vis_script

    data = _page_data(page)
    nodes = [{"id": n["id"], "x": n["x"], "y": n["y"], "label": n["short"] if n["labelled"] else ""}
             for n in data["nodes"]]
    edges = [{"id": e["id"], "from": e["from"], "to": e["to"]} for e in data["edges"]]
    out.write_text(
        '<!DOCTYPE html><html><head><meta charset="utf-8"><style>html,body{margin:0;height:100%}'
        '#n{position:absolute;inset:0}</style></head><body><div id="n"></div><script>' + _vis_script()
        + "</script><script>var network = new vis.Network(document.getElementById('n'), {nodes: new vis.DataSet("
        + json.dumps(nodes).replace("</", "<\\/") + "), edges: new vis.DataSet(" + json.dumps(edges)
        + ")}, {physics: false, layout: {improvedLayout: false}, edges: {smooth: false}});"
        "network.once('afterDrawing', () => setTimeout(() => { window.kgReadyAt = performance.now(); }, 0));"
        "</script></body></html>", encoding="utf-8")


def _page_data(path: Path) -> dict:
    import re

    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', path.read_text("utf-8"), re.S)
    return json.loads(m.group(1))


def page_data_labelled(path: Path) -> int:
    """How many nodes carry a label on the page (read back from the page's data)."""
    return _page_data(path)["labelled"]


def report(r: dict) -> str:
    g = r["graph"]
    lines = [
        f"graph: {g['nodes']:,} nodes, {g['edges']:,} edges (synthetic, seed {g['seed']}); "
        f"page {r['page_mb']} MB, {r['labelled']} labelled nodes; export with layout {r['export_s']} s",
        f"machine: {r['machine']['cpus']} CPUs (load average {r['machine']['load_average'][0]} at the start), "
        f"Chromium {r['machine']['chromium']}, Python {r['machine']['python']}",
        "",
        "| page | interactive after (median) | runs |",
        "|---|---|---|",
        f"| kg.html, {g['nodes']:,} nodes (Python layout, physics off) | **{r['kg_html']['ready_median_ms']} ms** | "
        f"{', '.join(map(str, r['kg_html']['ready_ms']))} |",
    ]
    if "browser_layout_reference" in r:
        ref = r["browser_layout_reference"]
        lines.append(f"| reference: same graph, layout by vis physics in the browser | {ref['ready_median_ms']} ms | "
                     f"{', '.join(map(str, ref['ready_ms']))} |")
    bare = r["vis_alone"]
    lines.append(f"| reference: the same nodes and edges in a bare vis-network page | {bare['ready_median_ms']} ms | "
                 f"{', '.join(map(str, bare['ready_ms']))} |")
    base = r["baseline_50_nodes"]
    lines.append(f"| baseline: 50-node page | {base['ready_median_ms']} ms | {', '.join(map(str, base['ready_ms']))} |")
    lines += ["", f"selecting the largest hub (highlight + redraw) on the {g['nodes']:,}-node page: "
                  f"{r['kg_html']['select_hub_median_ms']} ms median",
              f"requests outside the file: {len(r['kg_html']['requests_outside_the_file'])}"]
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
