"""The explorer page in a real browser: Debian's chromium driven by Playwright.

One browser for the module; every page gets a fresh context and records every request,
console error, page error and dialog it sees. Screenshots go to tests/artifacts/.
The pages' Content-Security-Policy is bypassed here, so the tests check the page itself.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import networkx as nx
import pytest
from click.testing import CliRunner
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError, sync_playwright

from kg.cli import main
from kg.export.html import write_html

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


class Opened:
    """A page opened from a file, with everything it asked for and complained about."""

    def __init__(self, browser, path: Path):
        # the page's Content-Security-Policy would block a stray request or script by itself:
        # bypass it, so that these tests see what the page asks for and what its text does
        self.context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
        self.page = self.context.new_page()
        self.url = path.resolve().as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type in ("error", "warning") else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("dialog", self._dialog)
        self.page.goto(self.url)
        self.page.wait_for_function("() => document.documentElement.dataset.kgReady === '1'", timeout=30_000)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def js(self, expr, arg=None):
        return self.page.evaluate(expr, arg)

    def outside_requests(self) -> list[str]:
        return [u for u in self.requests if u != self.url]

    def node_dom_point(self, node_id: str) -> tuple[float, float]:
        """Centre ``node_id`` in the view, zoomed in, and return its point in page coordinates."""
        self.js("id => network.moveTo({position: network.getPositions([id])[id], scale: 2.5})", node_id)
        box = self.page.locator("#kg-network").bounding_box()
        p = self.js("id => network.canvasToDOM(network.getPositions([id])[id])", node_id)
        return box["x"] + p["x"], box["y"] + p["y"]

    def close(self):
        self.context.close()


@pytest.fixture
def opened(browser):
    pages = []

    def open_(path):
        o = Opened(browser, path)
        pages.append(o)
        return o

    yield open_
    for o in pages:
        o.close()


def page_data(path: Path) -> dict:
    m = re.search(r'<script type="application/json" id="kg-data">(.*?)</script>', path.read_text("utf-8"), re.S)
    return json.loads(m.group(1))


# -- the seed explorer ---------------------------------------------------------------------


def test_seed_page_loads_offline_with_the_whole_graph(seed_build, opened):
    result, out = seed_build
    g = result.graph
    o = opened(out / "kg.html")
    assert o.requests == [o.url]  # the file itself and nothing else
    assert o.outside_requests() == []
    assert o.errors == [] and o.dialogs == []
    counts = o.js("[network.body.data.nodes.length, network.body.data.edges.length]")
    assert counts == [g.number_of_nodes(), g.number_of_edges()]
    ids = set(o.js("network.body.data.nodes.getIds()"))
    assert ids == {str(n) for n in g.nodes}
    # the legend counts every type of the graph
    legend = o.js("Array.from(document.querySelectorAll('#kg-types input')).map(b => b.dataset.type)")
    assert sorted(legend) == sorted({d["type"] for _, d in g.nodes(data=True)})
    # the labels drawn (as vis measured them) do not overlap one another
    boxes = o.js("""network.body.data.nodes.get().filter(n => n.label).map(n => {
        const s = network.body.nodes[n.id].labelModule.size;
        return [s.left, s.top, s.left + s.width, s.top + s.height];
    })""")
    assert len(boxes) >= 10
    overlaps = [(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1:]
                if a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]]
    assert overlaps == []
    ARTIFACTS.mkdir(exist_ok=True)
    o.page.screenshot(path=str(ARTIFACTS / "seed-explorer.png"))
    assert (ARTIFACTS / "seed-explorer.png").stat().st_size > 10_000


def _long_form_node(g, long_form: str):
    hits = [n for n, d in g.nodes(data=True)
            if any(a.casefold() == long_form.casefold() for a in d.get("aliases", ()))]
    assert len(hits) == 1, hits
    return hits[0]


def test_search_finds_grpo_by_its_long_form(seed_build, opened):
    result, out = seed_build
    g = result.graph
    grpo = _long_form_node(g, "Group Relative Policy Optimization")
    assert g.nodes[grpo]["label"] == "GRPO"
    o = opened(out / "kg.html")
    o.page.fill("#kg-search", "group relative policy optimization")
    first = o.page.locator("#kg-results li").first
    assert first.get_attribute("data-id") == grpo
    assert "also called" in first.inner_text()
    o.page.press("#kg-search", "Enter")
    o.page.wait_for_function("id => network.getSelectedNodes()[0] === id", arg=grpo)
    assert o.js("network.getSelectedNodes()") == [grpo]
    assert o.page.locator("#kg-info .kg-card-title").inner_text() == "GRPO"
    # its neighbourhood is highlighted (drawn over a veil: test_highlight_veils_the_rest)
    view = o.js("kgExplorer.view()")
    assert view["highlighted"] == grpo
    assert set(view["near"]) == {str(m) for m in nx.all_neighbors(g, grpo)} | {grpo}
    assert grpo in view["nearLabels"]
    o.page.wait_for_timeout(500)  # the zoom animation
    o.page.screenshot(path=str(ARTIFACTS / "seed-explorer-grpo.png"))
    assert o.errors == [] and o.outside_requests() == []


def test_type_filter_hides_nodes_of_that_type(seed_build, opened):
    result, out = seed_build
    g = result.graph
    concepts = {str(n) for n, t in g.nodes(data="type") if t == "Concept"}
    assert concepts
    o = opened(out / "kg.html")
    hidden = "network.body.data.nodes.get({filter: n => n.hidden === true}).map(n => n.id)"
    drawn_hidden = "Object.values(network.body.nodes).filter(n => n.options.hidden).map(n => n.id)"
    assert o.js(hidden) == []
    o.page.uncheck('#kg-types input[data-type="Concept"]')
    assert set(o.js(hidden)) == concepts
    assert set(o.js(drawn_hidden)) == concepts
    o.page.check('#kg-types input[data-type="Concept"]')
    assert o.js(hidden) == [] and o.js(drawn_hidden) == []
    # a relation filter hides that relation's edges
    about = sum(1 for _, _, r in g.edges(data="relation") if r == "about")
    o.page.uncheck('#kg-relations input[data-relation="about"]')
    assert o.js("network.body.data.edges.get({filter: e => e.hidden === true}).length") == about > 0
    o.page.check('#kg-relations input[data-relation="about"]')
    assert o.js("network.body.data.edges.get({filter: e => e.hidden === true}).length") == 0


def test_click_highlights_a_node_and_its_neighbours_and_hover_shows_details(seed_build, opened):
    result, out = seed_build
    g = result.graph
    paper = max((n for n, t in g.nodes(data="type") if t == "Paper"), key=lambda n: (g.degree(n), str(n)))
    o = opened(out / "kg.html")
    x, y = o.node_dom_point(paper)
    o.page.mouse.move(x, y)
    o.page.wait_for_selector("#kg-tip:not([hidden])")
    tip = o.page.locator("#kg-tip").inner_text()
    assert g.nodes[paper]["title"] in tip
    if g.nodes[paper].get("date"):
        assert g.nodes[paper]["date"] in tip
    o.page.mouse.click(x, y)
    o.page.wait_for_function("id => network.getSelectedNodes()[0] === id", arg=paper)
    near = {str(m) for m in nx.all_neighbors(g, paper)} | {paper}
    view = o.js("kgExplorer.view()")
    assert view["highlighted"] == paper and set(view["near"]) == near
    # labels drawn over the veil: the clicked node's, and its neighbours' where they fit
    assert paper in view["nearLabels"] and set(view["nearLabels"]) <= near
    # zoomed in, labels get room: every neighbour is labelled
    o.page.mouse.move(x, y)
    # the zoom and the labels' refit follow the wheel events (a loaded machine takes
    # longer); how far in every label fits depends on the layout, so zoom in step by step
    for _ in range(8):
        for _ in range(3):
            o.page.mouse.wheel(0, -400)
        try:
            o.page.wait_for_function("n => kgExplorer.view().nearLabels.length === n", arg=len(near), timeout=3000)
            break
        except PlaywrightTimeoutError:
            continue
    assert set(o.js("kgExplorer.view().nearLabels")) == near
    # the panel lists its connections under each relation, with their number
    headings = o.page.locator("#kg-info h2").all_text_contents()
    rels = {}
    for _, _, r in g.out_edges(paper, data="relation"):
        rels[r.replace("_", " ")] = rels.get(r.replace("_", " "), 0) + 1
    assert {f"{r} ({k})" for r, k in rels.items()} <= set(headings)
    # a click on the background clears it
    box = o.page.locator("#kg-network").bounding_box()
    o.js("network.moveTo({position: {x: 1e6, y: 1e6}, scale: 1})")
    o.page.mouse.click(box["x"] + 20, box["y"] + 20)
    o.page.wait_for_function("() => network.getSelectedNodes().length === 0")
    assert o.page.locator("#kg-info").is_hidden()
    assert o.js("kgExplorer.view()")["highlighted"] is None and o.js("kgExplorer.view()")["near"] == []


def _pixel(o, node_id):
    """The colour drawn at a node's centre, read back from the canvas."""
    return o.js("""id => {
        const canvas = document.querySelector('#kg-network canvas');
        const p = network.canvasToDOM(network.getPositions([id])[id]);
        const r = window.devicePixelRatio || 1;
        return Array.from(canvas.getContext('2d').getImageData(Math.round(p.x * r), Math.round(p.y * r), 1, 1).data);
    }""", node_id)


def _drawn(o):
    """Wait until vis has drawn what was asked of it: its redraws run on the next animation
    frame, so two frames later the canvas holds them (no fixed sleep)."""
    o.page.evaluate("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))")


def _rgb(hex_colour):
    return [int(hex_colour[i:i + 2], 16) for i in (1, 3, 5)]


@pytest.mark.parametrize("threshold", [0, 10**6])  # precomputed layout, and vis physics
def test_highlight_veils_the_rest(tmp_path, opened, threshold):
    """Two stars, apart: highlighting one centre leaves it in colour and pales the other."""
    g = nx.MultiDiGraph()
    for star in ("a", "b"):
        g.add_node(f"method:{star}", type="Method", label=f"star {star}", aliases=[], support=6)
        for i in range(6):
            g.add_node(f"paper:{star}{i}", type="Paper", label=f"Paper {star}{i}", title=f"Paper {star}{i}")
            g.add_edge(f"paper:{star}{i}", f"method:{star}", key="uses", relation="uses")
    path = tmp_path / "stars.html"
    write_html(g, path, layout_threshold=threshold)
    o = opened(path)
    method = _rgb(next(t["color"] for t in page_data(path)["types"] if t["name"] == "Method"))
    o.js("network.fit({animation: false})")
    _drawn(o)
    assert _pixel(o, "method:a")[:3] == method and _pixel(o, "method:b")[:3] == method
    o.js("kgExplorer.selectNode('method:a', {zoom: false})")
    _drawn(o)
    assert _pixel(o, "method:a")[:3] == method
    after = _pixel(o, "method:b")[:3]
    assert min(after) > 200 and after != method  # pale
    o.js("kgExplorer.clearHighlight()")
    _drawn(o)
    assert _pixel(o, "method:b")[:3] == method
    # (reading pixels back makes Chrome suggest willReadFrequently: the test's doing, not the page's)
    o.errors = [e for e in o.errors if "willReadFrequently" not in e]
    assert o.errors == []


def test_tooltip_links_can_be_clicked(seed_build, opened):
    result, out = seed_build
    g = result.graph
    paper, repo = next((u, v) for u, v, r in sorted(g.edges(data="relation")) if r == "has_code")
    url = g.nodes[repo]["url"]
    o = opened(out / "kg.html")
    x, y = o.node_dom_point(paper)
    o.page.mouse.move(x, y)
    o.page.wait_for_selector("#kg-tip:not([hidden])")
    link = o.page.locator("#kg-tip a", has_text="Code")
    assert link.get_attribute("href") == url
    assert link.get_attribute("target") == "_blank" and "noopener" in link.get_attribute("rel")
    # the tooltip stays while the pointer travels onto it
    box = link.bounding_box()
    # (in three steps: each is an event the page handles; eight took longer than the page's
    # 350 ms grace on a loaded machine)
    o.page.mouse.move(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2, steps=3)
    o.page.wait_for_timeout(600)
    assert o.page.locator("#kg-tip").is_visible()
    # and goes once the pointer leaves it
    tip = o.page.locator("#kg-tip").bounding_box()
    view = o.page.viewport_size
    corners = [(5, 5), (view["width"] - 5, view["height"] - 5), (5, view["height"] - 5), (view["width"] - 5, 5)]
    away = next((x, y) for x, y in corners  # a corner the tooltip does not cover
                if not (tip["x"] <= x <= tip["x"] + tip["width"] and tip["y"] <= y <= tip["y"] + tip["height"]))
    o.page.mouse.move(*away)
    # the page hides it after a short delay; a loaded machine may take longer than that
    o.page.wait_for_selector("#kg-tip", state="hidden", timeout=10_000)
    assert o.page.locator("#kg-tip").is_hidden()


def test_empty_and_untyped_graphs_load(tmp_path, opened):
    write_html(nx.MultiDiGraph(), tmp_path / "empty.html")
    o = opened(tmp_path / "empty.html")
    assert o.js("network.body.data.nodes.length") == 0 and o.errors == []
    g = nx.MultiDiGraph()
    g.add_edge(1, 2)  # no types, labels or relations: ids stand in
    write_html(g, tmp_path / "bare.html")
    o = opened(tmp_path / "bare.html")
    assert sorted(o.js("network.body.data.nodes.getIds()")) == ["1", "2"] and o.errors == []


# -- a graph larger than a page ----------------------------------------------------------


def test_overview_page_says_what_it_shows_and_loads_offline(seed_build, opened, tmp_path):
    result, _ = seed_build
    g = result.graph
    path = tmp_path / "overview.html"
    write_html(g, path, max_nodes=600)  # the seed graph stands in for one above the limit
    o = opened(path)
    assert o.errors == [] and o.dialogs == [] and o.outside_requests() == []
    data = page_data(path)
    shown = o.js("network.body.data.nodes.length")
    assert shown == len(data["nodes"]) == data["overview"]["nodes"] <= 600
    notice = o.page.locator("#kg-overview")
    assert notice.is_visible()
    text = notice.inner_text()
    assert f"Overview: {shown} of {g.number_of_nodes():,} nodes" in text
    assert f"of {g.number_of_edges():,} edges" in text and "kg show DIR NAME" in text
    # it sits at the top of the side panel, above the search box, without scrolling
    box, search = notice.bounding_box(), o.page.locator("#kg-search").bounding_box()
    assert box["y"] + box["height"] <= search["y"] and box["y"] + box["height"] < 900
    ARTIFACTS.mkdir(exist_ok=True)
    o.page.screenshot(path=str(ARTIFACTS / "overview-explorer.png"))


def test_whole_graph_page_has_no_overview_notice(seed_build, opened):
    o = opened(seed_build[1] / "kg.html")
    assert o.page.locator("#kg-overview").count() == 0


# -- hostile text --------------------------------------------------------------------------

HOSTILE = ("<script>window.__pwned = 1; alert('script')</script> <img src=x onerror=\"window.__pwned = 2; "
           "alert('img')\"> \"double\" 'single' </script><!-- & &amp;")


def _hostile_graph() -> nx.MultiDiGraph:
    g = nx.MultiDiGraph(name="kg")
    g.add_node("paper:evil", type="Paper", label=HOSTILE, title=HOSTILE, abstract="Abstract: " + HOSTILE,
               date="2025-01-02<b>", upvotes=3, url="javascript:alert('url')", paper_id="evil")
    g.add_node("method:evil", type="Method", label="<b onmouseover=alert(1)>M</b>", aliases=[HOSTILE],
               support=1, proposed_in=1)
    g.add_node("author:x", type="Author", label="<svg onload=alert('author')>", name="x")
    g.add_edge("paper:evil", "method:evil", key="proposes", relation="proposes", evidence=HOSTILE, rule="<i>r</i>")
    g.add_edge("paper:evil", "author:x", key="authored_by", relation="authored_by", position=1, rule="metadata")
    return g


def test_hostile_titles_are_shown_as_text_and_run_nothing(tmp_path, opened):
    g = _hostile_graph()
    path = tmp_path / "evil.html"
    write_html(g, path, title=HOSTILE)
    o = opened(path)
    x, y = o.node_dom_point("paper:evil")
    o.page.mouse.move(x, y)
    o.page.wait_for_selector("#kg-tip:not([hidden])")
    assert HOSTILE in o.page.locator("#kg-tip").inner_text()
    o.page.mouse.click(x, y)
    o.page.wait_for_selector("#kg-info:not([hidden])")
    info = o.page.locator("#kg-info").inner_text()
    assert HOSTILE in info and "Abstract: " + HOSTILE in info
    o.page.fill("#kg-search", "<svg")
    assert "<svg onload=alert('author')>" in o.page.locator("#kg-results").inner_text()
    o.page.press("#kg-search", "Enter")
    o.page.wait_for_function("() => network.getSelectedNodes()[0] === 'author:x'")
    assert o.js("document.title") == HOSTILE
    assert o.page.locator("#kg-title").inner_text() == HOSTILE
    # nothing was parsed as markup, nothing ran, nothing was fetched
    assert o.js("window.__pwned") is None
    assert o.page.locator("body img, body svg, #kg-side b, #kg-tip script, #kg-info script").count() == 0
    assert o.page.locator("#kg-info a[href^='javascript']").count() == 0
    assert o.dialogs == []
    assert o.errors == []
    assert o.outside_requests() == []


# -- kg show ------------------------------------------------------------------------------


def test_show_page_highlights_the_named_node(seed_build, opened, tmp_path):
    result, out = seed_build
    g = result.graph
    centre = next(n for n, d in g.nodes(data=True) if d["label"].casefold() == "reinforcement learning")
    page = tmp_path / "rl.html"
    r = CliRunner().invoke(main, ["show", str(out), "Reinforcement Learning", "-o", str(page)])
    assert r.exit_code == 0, r.output
    o = opened(page)
    expected = {str(m) for m in nx.all_neighbors(g, centre)} | {centre}
    assert set(o.js("network.body.data.nodes.getIds()")) == expected
    assert o.js("network.getSelectedNodes()") == [centre]
    assert o.page.locator("#kg-info .kg-card-title").inner_text() == g.nodes[centre]["label"]
    focus = o.js("id => network.body.data.nodes.get(id)", centre)
    assert focus["borderWidth"] > 1 and focus["label"] == g.nodes[centre]["label"]
    assert o.errors == [] and o.dialogs == [] and o.outside_requests() == []
    ARTIFACTS.mkdir(exist_ok=True)
    o.page.screenshot(path=str(ARTIFACTS / "show-reinforcement-learning.png"))
