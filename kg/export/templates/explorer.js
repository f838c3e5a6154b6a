/* kg explorer: the page's own script. Search, type and relation filters, neighbourhood
   highlight, tooltips and a details panel over a vis-network Network.
   Every text that comes from the graph reaches the page as DOM text (textContent) or as an
   attribute value set from script, never as HTML. */
"use strict";

// Page globals, as pyvis makes them: tests and users inspect `network` from the console.
var network = null;
var nodes = null;
var edges = null;

(function () {
  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var large = data.mode === "fixed";
  var byId = new Map();
  data.nodes.forEach(function (n) { byId.set(n.id, n); });
  var typeInfo = new Map(data.types.map(function (t) { return [t.name, t]; }));
  var relInfo = new Map(data.relations.map(function (r) { return [r.name, r]; }));
  var hiddenTypes = new Set();
  var hiddenRelations = new Set();

  // node id -> [{edge, other, out}]
  var adjacency = new Map();
  data.nodes.forEach(function (n) { adjacency.set(n.id, []); });
  data.edges.forEach(function (e) {
    adjacency.get(e.from).push({ edge: e, other: e.to, out: true });
    if (e.to !== e.from) adjacency.get(e.to).push({ edge: e, other: e.from, out: false });
  });

  // ---- helpers -------------------------------------------------------------------------

  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) e.className = className;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function safeHref(url) {
    try {
      var u = new URL(url);
      return (u.protocol === "http:" || u.protocol === "https:") ? u.href : null;
    } catch (err) {
      return null;
    }
  }

  function shade(hex, factor) {
    var v = parseInt(hex.slice(1), 16);
    var c = [(v >> 16) & 255, (v >> 8) & 255, v & 255].map(function (x) {
      return Math.max(0, Math.min(255, Math.round(x * factor)));
    });
    return "#" + c.map(function (x) { return (x < 16 ? "0" : "") + x.toString(16); }).join("");
  }

  function fold(s) {
    return String(s).normalize("NFKC").toLowerCase().replace(/[\s\u2010-\u2015_-]+/g, " ").trim();
  }

  function swatch(type) {
    var t = typeInfo.get(type);
    var s = el("span", "kg-swatch " + (t ? t.shape : "dot"));
    s.style.background = t ? t.color : "#bab0ac";
    return s;
  }

  // ---- styles --------------------------------------------------------------------------

  var OTHER_COLOUR = "#bab0ac";
  var FONT_FACE = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif";
  var colourCache = new Map();

  function typeColour(type) { return typeInfo.has(type) ? typeInfo.get(type).color : OTHER_COLOUR; }

  function nodeColour(type) {
    if (!colourCache.has(type)) {
      var c = typeColour(type);
      colourCache.set(type, {
        background: c, border: shade(c, 0.72),
        highlight: { background: c, border: "#1f2328" }, hover: { background: c, border: "#1f2328" }
      });
    }
    return colourCache.get(type);
  }

  function edgeColour(rel) {
    var r = relInfo.get(rel);
    var c = r ? r.color : "#cccccc";
    return { color: c, highlight: shade(c, 0.7), hover: shade(c, 0.7), inherit: false };
  }

  // Node sizes are set here, not as a vis `value`: with values, vis rescales every node and
  // remeasures every label on each DataSet update.
  var vmin = Infinity, vmax = -Infinity;
  data.nodes.forEach(function (n) { vmin = Math.min(vmin, n.value); vmax = Math.max(vmax, n.value); });
  var SIZE = large ? [8, 60] : [7, 34];

  function rank(n) { return n.id === data.focus ? 1.15 : vmax > vmin ? (n.value - vmin) / (vmax - vmin) : 1; }
  function sizeOf(n) { return SIZE[0] + (SIZE[1] - SIZE[0]) * rank(n); }

  // Label sizes. vis draws labels in graph units, so they grow with the zoom. The page keeps
  // them between data.font[0] and data.font[1] pixels on screen (by node value) at the scale
  // that shows the whole graph (baseScale) and at any closer zoom; zoomed further out they
  // shrink, and vis stops drawing them below drawThreshold.
  var baseScale = data.scale;   // corrected once the page has fitted the graph
  var labelScale = data.scale;  // the scale the current label sizes are computed for

  function fontSize(n) {
    return (data.font[0] + (data.font[1] - data.font[0]) * Math.min(1.2, rank(n) * 1.05)) / labelScale;
  }

  function baseLabelled(n) { return n.labelled || n.id === data.focus; }

  function fontOf(n) {
    return n.id === data.focus ? { size: fontSize(n), color: "#000000", strokeWidth: 5 } : { size: fontSize(n) };
  }

  // Labels that would overlap a more important one are not drawn (they come back when zooming
  // in makes room). `order` is most important first; returns the ids whose labels fit.
  var measure = document.createElement("canvas").getContext("2d");

  // where vis writes a label under a node (its "hanging" text line), in graph units
  function labelTop(n, p) { return p.y + sizeOf(n) + fontSize(n) / 2 + 4; }

  function labelBox(n, p, gap) {
    var size = fontSize(n);
    measure.font = size + "px " + FONT_FACE;
    var half = measure.measureText(n.short).width / 2 + gap;
    var top = labelTop(n, p);
    return [p.x - half, top - gap, p.x + half, top + size + gap];
  }

  // positions: from vis once it exists, from the precomputed layout before
  function positionsOf(list) {
    if (network) return network.getPositions(list.map(function (n) { return n.id; }));
    var pos = {};
    list.forEach(function (n) { pos[n.id] = { x: n.x, y: n.y }; });
    return pos;
  }

  function fitting(order, keep, scale) {
    var pos = positionsOf(order);
    var gap = 3 / scale;
    var boxes = [];
    var fits = new Set();
    order.forEach(function (n) {
      var box = labelBox(n, pos[n.id], gap);
      var hit = boxes.some(function (b) { return b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3]; });
      if (!hit || keep(n)) { boxes.push(box); fits.add(n.id); }
    });
    return fits;
  }

  function byImportance(a, b) {
    return (b.id === data.focus) - (a.id === data.focus) || b.value - a.value || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  }

  function isFocus(n) { return n.id === data.focus; }

  function baseFits(scale) {
    var order = data.nodes.filter(function (n) { return baseLabelled(n) && !hiddenTypes.has(n.type); }).sort(byImportance);
    return fitting(order, isFocus, scale);
  }

  // The scale vis.Network.fit() will choose for a precomputed layout (its formula: the
  // nodes' extent plus 10 % into the canvas, never above 1), so that the first drawing
  // already has its final label sizes.
  function expectedFitScale() {
    if (!large || !data.nodes.length) return data.scale;
    var x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
    data.nodes.forEach(function (n) {
      var r = sizeOf(n);
      x0 = Math.min(x0, n.x - r); x1 = Math.max(x1, n.x + r);
      y0 = Math.min(y0, n.y - r); y1 = Math.max(y1, n.y + r);
    });
    var box = document.getElementById("kg-network");
    var s = Math.min(box.clientWidth / ((x1 - x0) * 1.1 || 1), box.clientHeight / ((y1 - y0) * 1.1 || 1));
    return s > 0 && s < 1 ? s : 1;
  }

  var shownLabels = new Set();  // nodes whose vis label is drawn (not crowded out)

  // Label sizes for the current zoom and the labels that fit, in one DataSet update
  // (every update makes vis reconnect all edges: ~0.1 s at 5,000 nodes).
  function refreshLabels() {
    var scale = network.getScale();
    var want = Math.max(baseScale, scale);
    var resized = Math.abs(want - labelScale) > 0.04 * labelScale;
    if (resized) labelScale = want;
    var fits = baseFits(scale);
    var changes = data.nodes.filter(function (n) {
      return baseLabelled(n) && (resized || shownLabels.has(n.id) !== fits.has(n.id));
    }).map(function (n) {
      return { id: n.id, font: fontOf(n), label: fits.has(n.id) ? n.short : "" };
    });
    shownLabels = fits;
    if (changes.length) nodes.update(changes);
    if (highlighted !== null) nearLabels = fitting(nearNodes.filter(visibleNode), function (n) { return n.id === highlighted; }, scale);
  }

  // ---- the network ---------------------------------------------------------------------

  baseScale = labelScale = expectedFitScale();
  shownLabels = large ? baseFits(baseScale) : new Set(data.nodes.filter(baseLabelled).map(function (n) { return n.id; }));
  nodes = new vis.DataSet(data.nodes.map(function (n) {
    var t = typeInfo.get(n.type);
    var item = { id: n.id, shape: t ? t.shape : "dot", size: sizeOf(n), color: nodeColour(n.type),
                 label: shownLabels.has(n.id) ? n.short : "", font: fontOf(n) };
    if (large) { item.x = n.x; item.y = n.y; }
    if (n.id === data.focus) {
      item.borderWidth = 5;
      item.borderWidthSelected = 6;
    }
    return item;
  }));
  edges = new vis.DataSet(data.edges.map(function (e) {
    var r = relInfo.get(e.relation);
    return { id: e.id, from: e.from, to: e.to, color: edgeColour(e.relation), width: r ? r.width : 1,
             dashes: r ? r.dashes : false };
  }));

  var options = {
    autoResize: true,
    nodes: {
      shape: "dot",
      borderWidth: 1,
      scaling: { label: { enabled: false, drawThreshold: 7 } },
      font: { face: "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif", color: "#1f2328",
              strokeWidth: 4, strokeColor: "#ffffff" }
    },
    edges: {
      // every edge runs from a paper (or author) to what it names: arrows would add ink, not information
      arrows: { to: { enabled: false } },
      smooth: false,
      selectionWidth: 1,
      hoverWidth: 0.5
    },
    interaction: {
      hover: true, tooltipDelay: 100, hideEdgesOnDrag: large, hideEdgesOnZoom: large,
      keyboard: false, multiselect: false, navigationButtons: false
    },
    layout: { randomSeed: data.seed, improvedLayout: false },
    physics: large ? false : {
      enabled: true,
      solver: "forceAtlas2Based",
      forceAtlas2Based: { gravitationalConstant: -120, centralGravity: 0.01, springLength: 120, springConstant: 0.08,
                          avoidOverlap: 0.3 },
      minVelocity: 1,
      // bounded: a small page is still usable after this many steps, and physics then stops
      stabilization: { enabled: true, iterations: 350, updateInterval: 25, fit: true }
    }
  };

  var container = document.getElementById("kg-network");
  network = new vis.Network(container, { nodes: nodes, edges: edges }, options);

  // ---- ready ---------------------------------------------------------------------------

  var loading = document.getElementById("kg-loading");
  // Ready (data-kg-ready, window.kgReadyAt) means: the script has run to its end, the graph
  // has been drawn with its final labels, and the main thread is free again.
  var settled = false;
  var scriptDone = false;
  var laidOut = large || data.nodes.length === 0;

  // the first view: labels sized for the scale that fits the graph, crowded ones hidden,
  // the focus node of a neighbourhood page selected and described (nothing dimmed)
  function settle() {
    if (settled || !scriptDone || !laidOut) return;
    settled = true;
    network.fit({ animation: false });
    baseScale = network.getScale();
    refreshLabels();
    if (data.focus !== null && byId.has(data.focus)) selectNode(data.focus, { zoom: false, highlight: false });
    loading.hidden = true;
    network.once("afterDrawing", function () {
      setTimeout(function () {
        window.kgReadyAt = performance.now();
        document.documentElement.setAttribute("data-kg-ready", "1");
      }, 0);
    });
    network.redraw();
  }
  if (!laidOut) {
    network.on("stabilizationProgress", function (p) {
      loading.textContent = "Laying out the graph\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
    });
    network.once("stabilizationIterationsDone", function () {
      network.setOptions({ physics: false });
      laidOut = true;
      settle();
    });
  }

  // ---- header and legends ----------------------------------------------------------------

  var fmt = new Intl.NumberFormat("en");
  var stats = fmt.format(data.nodes.length) + " nodes \u00b7 " + fmt.format(data.edges.length) + " edges";
  if (large) {
    stats += " \u00b7 layout precomputed; labels on the " + fmt.format(data.labelled) +
      " most connected nodes where they fit (click a node to label its neighbours)";
  }
  document.getElementById("kg-stats").textContent = stats;

  var typeList = document.getElementById("kg-types");
  var typeBoxes = new Map();
  data.types.forEach(function (t) {
    var li = el("li");
    var label = el("label");
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-type", t.name);
    box.addEventListener("change", function () { setTypeVisible(t.name, box.checked); });
    typeBoxes.set(t.name, box);
    label.append(box, swatch(t.name), el("span", null, t.name), el("span", "kg-count", fmt.format(t.count)));
    li.append(label);
    typeList.append(li);
  });

  var relList = document.getElementById("kg-relations");
  data.relations.forEach(function (r) {
    var li = el("li");
    var label = el("label");
    label.title = r.meaning;
    var box = el("input");
    box.type = "checkbox";
    box.checked = true;
    box.setAttribute("data-relation", r.name);
    box.addEventListener("change", function () { setRelationVisible(r.name, box.checked); });
    var line = el("span", "kg-line" + (r.dashes ? " dashed" : ""));
    line.style.borderTopColor = r.color;
    line.style.borderTopWidth = Math.max(2, r.width + 1) + "px";
    label.append(box, line, el("span", null, r.name.replace(/_/g, " ")), el("span", "kg-count", fmt.format(r.count)));
    li.append(label);
    relList.append(li);
  });

  function setTypeVisible(type, visible) {
    if (visible) hiddenTypes.delete(type); else hiddenTypes.add(type);
    var box = typeBoxes.get(type);
    if (box) box.checked = visible;
    nodes.update(data.nodes.filter(function (n) { return n.type === type; })
      .map(function (n) { return { id: n.id, hidden: !visible }; }));
    if (highlighted !== null && byId.get(highlighted).type === type && !visible) clearHighlight();
    refreshLabels();
    network.redraw();
  }

  function setRelationVisible(rel, visible) {
    if (visible) hiddenRelations.delete(rel); else hiddenRelations.add(rel);
    edges.update(data.edges.filter(function (e) { return e.relation === rel; })
      .map(function (e) { return { id: e.id, hidden: !visible }; }));
    network.redraw();
  }

  // ---- highlight -------------------------------------------------------------------------
  // A click lays a white veil over the drawing and draws the node, its neighbours and the
  // edges between them again on top, with labels where they fit. Nothing in the DataSets
  // changes, so a highlight costs one redraw however large the graph.

  var highlighted = null;
  var nearNodes = [];
  var nearEdges = [];
  var nearLabels = new Set();
  var VEIL = "rgba(255, 255, 255, 0.84)";

  function visibleNode(n) { return !hiddenTypes.has(n.type); }

  function highlight(id) {
    highlighted = id;
    var seen = new Set([id]);
    nearNodes = [byId.get(id)];
    nearEdges = [];
    adjacency.get(id).forEach(function (a) {
      nearEdges.push(a.edge);
      if (!seen.has(a.other)) { seen.add(a.other); nearNodes.push(byId.get(a.other)); }
    });
    nearNodes.sort(function (a, b) { return (b.id === id) - (a.id === id) || byImportance(a, b); });
    nearLabels = fitting(nearNodes.filter(visibleNode), function (n) { return n.id === id; }, network.getScale());
    network.redraw();
  }

  function clearHighlight() {
    highlighted = null;
    nearNodes = [];
    nearEdges = [];
    nearLabels = new Set();
    network.unselectAll();
    document.getElementById("kg-info").hidden = true;
    network.redraw();
  }

  function tracePath(ctx, shape, x, y, r) {
    ctx.beginPath();
    if (shape === "square") {
      ctx.rect(x - r, y - r, 2 * r, 2 * r);
    } else if (shape === "diamond") {
      ctx.moveTo(x, y - r); ctx.lineTo(x + r, y); ctx.lineTo(x, y + r); ctx.lineTo(x - r, y); ctx.closePath();
    } else if (shape === "triangle") {
      ctx.moveTo(x, y - r * 1.15); ctx.lineTo(x + r, y + r * 0.58); ctx.lineTo(x - r, y + r * 0.58); ctx.closePath();
    } else {
      ctx.arc(x, y, r, 0, 2 * Math.PI);
    }
  }

  network.on("afterDrawing", function (ctx) {
    if (highlighted === null) return;
    var scale = network.getScale();
    var a = network.DOMtoCanvas({ x: 0, y: 0 });
    var b = network.DOMtoCanvas({ x: container.clientWidth, y: container.clientHeight });
    ctx.save();
    ctx.fillStyle = VEIL;
    ctx.fillRect(a.x, a.y, b.x - a.x, b.y - a.y);
    var shown = nearNodes.filter(visibleNode);
    var pos = network.getPositions(shown.map(function (n) { return n.id; }));
    var px = 1 / scale;
    nearEdges.forEach(function (e) {
      if (hiddenRelations.has(e.relation) || !pos[e.from] || !pos[e.to]) return;
      var r = relInfo.get(e.relation);
      ctx.beginPath();
      ctx.strokeStyle = r ? shade(r.color, 0.85) : "#999999";
      ctx.lineWidth = Math.max((r ? r.width : 1) + 0.5, 1.2 * px);
      ctx.setLineDash(r && r.dashes ? [5, 5] : []);
      ctx.moveTo(pos[e.from].x, pos[e.from].y);
      ctx.lineTo(pos[e.to].x, pos[e.to].y);
      ctx.stroke();
    });
    ctx.setLineDash([]);
    shown.forEach(function (n) {
      var t = typeInfo.get(n.type);
      var p = pos[n.id];
      tracePath(ctx, t ? t.shape : "dot", p.x, p.y, sizeOf(n));
      ctx.fillStyle = typeColour(n.type);
      ctx.fill();
      ctx.lineWidth = n.id === highlighted ? Math.max(3, 2.5 * px) : Math.max(1, px);
      ctx.strokeStyle = n.id === highlighted ? "#1f2328" : shade(typeColour(n.type), 0.72);
      ctx.stroke();
    });
    ctx.textAlign = "center";
    ctx.textBaseline = "hanging";
    ctx.lineJoin = "round";
    shown.forEach(function (n) {
      if (!nearLabels.has(n.id)) return;
      var size = fontSize(n);
      var p = pos[n.id];
      ctx.font = (n.id === highlighted ? "bold " : "") + size + "px " + FONT_FACE;
      ctx.lineWidth = size * 0.3;
      ctx.strokeStyle = "#ffffff";
      ctx.strokeText(n.short, p.x, labelTop(n, p));
      ctx.fillStyle = "#1f2328";
      ctx.fillText(n.short, p.x, labelTop(n, p));
    });
    ctx.restore();
  });

  function selectNode(id, opts) {
    var n = byId.get(id);
    if (!n) return;
    if (hiddenTypes.has(n.type)) setTypeVisible(n.type, true);
    if (!opts || opts.highlight !== false) highlight(id);
    network.selectNodes([id], false);
    showInfo(n);
    if (opts && opts.zoom) {
      network.focus(id, {
        scale: Math.max(network.getScale(), large ? 0.8 : 1.0),
        animation: { duration: 400, easingFunction: "easeInOutQuad" }
      });
    }
  }

  network.on("click", function (p) {
    hideTip();
    if (p.nodes.length) selectNode(p.nodes[0], { zoom: false });
    else if (!p.edges.length) clearHighlight();
  });

  document.getElementById("kg-fit").addEventListener("click", function () { network.fit({ animation: false }); refreshLabels(); });
  document.getElementById("kg-clear").addEventListener("click", clearHighlight);

  // ---- cards: tooltip and details panel --------------------------------------------------

  function nodeCard(n, full) {
    var card = el("div", "kg-card");
    card.append(el("div", "kg-card-title", n.label));
    var type = el("div", "kg-card-type");
    type.append(swatch(n.type), el("span", null, n.type));
    card.append(type);
    if (n.info.rows.length) {
      var dl = el("dl");
      n.info.rows.forEach(function (row) { dl.append(el("dt", null, row[0]), el("dd", null, row[1])); });
      card.append(dl);
    }
    var links = n.info.links.map(function (l) {
      var href = safeHref(l[1]);
      if (!href) return null;
      var a = el("a", null, l[0]);
      a.href = href;
      a.target = "_blank";
      a.rel = "noopener noreferrer";
      a.title = href;
      return a;
    }).filter(Boolean);
    if (links.length) {
      var box = el("div", "kg-links");
      box.append.apply(box, links);
      card.append(box);
    }
    if (full && n.info.text) card.append(el("p", "kg-abstract", n.info.text));
    return card;
  }

  function edgeCard(e) {
    var card = el("div", "kg-card");
    var a = byId.get(e.from), b = byId.get(e.to);
    card.append(el("div", "kg-card-title", e.relation.replace(/_/g, " ")));
    var dl = el("dl");
    dl.append(el("dt", null, "From"), el("dd", null, a.short), el("dt", null, "To"), el("dd", null, b.short));
    if (e.rule) dl.append(el("dt", null, "Rule"), el("dd", null, e.rule));
    card.append(dl);
    if (e.evidence) card.append(el("p", "kg-evidence", "\u201c" + e.evidence + "\u201d"));
    return card;
  }

  var NEIGHBOURS_SHOWN = 60;

  function showInfo(n) {
    var info = document.getElementById("kg-info");
    info.replaceChildren(el("h2", null, "Selected"), nodeCard(n, true));
    // connections grouped by relation and direction, each group sorted by name
    var groups = new Map();
    adjacency.get(n.id).forEach(function (a) {
      var r = relInfo.get(a.edge.relation);
      var key = a.out ? a.edge.relation.replace(/_/g, " ") : r.inverse;
      if (!groups.has(key)) groups.set(key, []);
      groups.get(key).push(byId.get(a.other));
    });
    Array.from(groups.keys()).sort().forEach(function (key) {
      var members = groups.get(key).sort(function (a, b) { return a.label < b.label ? -1 : a.label > b.label ? 1 : 0; });
      info.append(el("h2", null, key + " (" + fmt.format(members.length) + ")"));
      var ul = el("ul", "kg-neighbours");
      members.slice(0, NEIGHBOURS_SHOWN).forEach(function (m) {
        var b = el("button");
        b.type = "button";
        b.title = m.label;
        b.append(swatch(m.type), el("span", null, m.short));
        b.addEventListener("click", function () { selectNode(m.id, { zoom: true }); });
        var li = el("li");
        li.append(b);
        ul.append(li);
      });
      if (members.length > NEIGHBOURS_SHOWN) {
        ul.append(el("li", "kg-more", "and " + fmt.format(members.length - NEIGHBOURS_SHOWN) + " more"));
      }
      info.append(ul);
    });
    info.hidden = false;
  }

  var tip = document.getElementById("kg-tip");
  var main = document.getElementById("kg-main");
  var hideTimer = null;

  // Where the pointer is: vis may report a hover after the pointer has left the canvas
  // (its events lag a fast move), and a tooltip shown then would stay up for good.
  var overCanvas = false, overTip = false;
  container.addEventListener("pointerenter", function () { overCanvas = true; });
  container.addEventListener("pointermove", function () { overCanvas = true; });
  container.addEventListener("pointerleave", function (ev) {
    overCanvas = false;
    if (!tip.contains(ev.relatedTarget)) hideTipSoon();
  });

  function showTip(content, pointer) {
    if (!overCanvas && !overTip) return;
    clearTimeout(hideTimer);
    tip.replaceChildren(content);
    tip.hidden = false;
    var x = pointer.x + 16, y = pointer.y + 16;
    if (x + tip.offsetWidth > main.clientWidth - 8) x = Math.max(8, pointer.x - 16 - tip.offsetWidth);
    if (y + tip.offsetHeight > main.clientHeight - 8) y = Math.max(8, pointer.y - 16 - tip.offsetHeight);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  function hideTip() { clearTimeout(hideTimer); tip.hidden = true; }
  // a short delay lets the pointer reach the tooltip to click one of its links
  function hideTipSoon() { clearTimeout(hideTimer); hideTimer = setTimeout(hideTip, 350); }

  network.on("hoverNode", function (p) { showTip(nodeCard(byId.get(p.node), false), p.pointer.DOM); });
  network.on("hoverEdge", function (p) {
    var e = data.edges[Number(String(p.edge).slice(1))];
    if (e && e.id === p.edge) showTip(edgeCard(e), p.pointer.DOM);
  });
  network.on("blurNode", hideTipSoon);
  network.on("blurEdge", hideTipSoon);
  network.on("dragStart", hideTip);
  var zoomTimer = null;
  network.on("zoom", function () { hideTip(); clearTimeout(zoomTimer); zoomTimer = setTimeout(refreshLabels, 80); });
  network.on("animationFinished", refreshLabels);
  tip.addEventListener("mouseenter", function () { overTip = true; clearTimeout(hideTimer); });
  tip.addEventListener("mouseleave", function () { overTip = false; hideTipSoon(); });

  // ---- search ----------------------------------------------------------------------------

  var index = data.nodes.map(function (n) {
    return { node: n, keys: [[fold(n.label), null]].concat(n.aliases.map(function (a) { return [fold(a), a]; })) };
  });

  function rankOf(key, q) {
    if (key === q) return 0;
    if (key.startsWith(q)) return 1;
    var at = key.indexOf(q);
    if (at < 0) return -1;
    return key[at - 1] === " " ? 2 : 3;
  }

  // best first: exact name or alias, then prefix, word start, anywhere; larger nodes first
  function search(query, limit) {
    var q = fold(query);
    if (!q) return [];
    var hits = [];
    index.forEach(function (entry) {
      var best = null;
      entry.keys.forEach(function (k) {
        var r = rankOf(k[0], q);
        if (r >= 0 && (best === null || r < best.rank)) best = { rank: r, via: k[1] };
      });
      if (best) hits.push({ node: entry.node, rank: best.rank, via: best.via });
    });
    hits.sort(function (a, b) {
      return a.rank - b.rank || b.node.value - a.node.value || (a.node.id < b.node.id ? -1 : a.node.id > b.node.id ? 1 : 0);
    });
    return hits.slice(0, limit || 12);
  }

  var input = document.getElementById("kg-search");
  var results = document.getElementById("kg-results");
  var note = document.getElementById("kg-search-note");
  var current = [];
  var active = 0;

  function renderResults() {
    results.replaceChildren();
    current.forEach(function (h, i) {
      var li = el("li");
      li.setAttribute("role", "option");
      li.setAttribute("aria-selected", i === active ? "true" : "false");
      li.setAttribute("data-id", h.node.id);
      var line = el("span", "kg-hit");
      line.append(swatch(h.node.type), document.createTextNode(" " + h.node.short));
      li.append(line);
      li.append(el("span", "kg-sub", h.node.type + (h.via ? " \u00b7 also called \u201c" + h.via + "\u201d" : "")));
      li.addEventListener("mousedown", function (ev) { ev.preventDefault(); choose(i); });
      results.append(li);
    });
    results.hidden = current.length === 0;
    input.setAttribute("aria-expanded", current.length ? "true" : "false");
  }

  function choose(i) {
    var h = current[i];
    if (!h) return;
    current = [];
    renderResults();
    input.value = h.node.label;
    note.textContent = "";
    selectNode(h.node.id, { zoom: true });
  }

  input.addEventListener("input", function () {
    current = search(input.value, 12);
    active = 0;
    renderResults();
    note.textContent = input.value.trim() && !current.length ? "No node matches \u201c" + input.value.trim() + "\u201d" : "";
  });
  input.addEventListener("keydown", function (ev) {
    if (ev.key === "ArrowDown" && current.length) { active = (active + 1) % current.length; renderResults(); ev.preventDefault(); }
    else if (ev.key === "ArrowUp" && current.length) { active = (active + current.length - 1) % current.length; renderResults(); ev.preventDefault(); }
    else if (ev.key === "Enter") {
      if (!current.length) current = search(input.value, 12);
      if (current.length) choose(Math.min(active, current.length - 1));
      else note.textContent = input.value.trim() ? "No node matches \u201c" + input.value.trim() + "\u201d" : "";
      ev.preventDefault();
    } else if (ev.key === "Escape") { current = []; renderResults(); }
  });
  input.addEventListener("blur", function () { current = []; renderResults(); });
  document.addEventListener("keydown", function (ev) {
    if (ev.key === "/" && document.activeElement !== input) { input.focus(); input.select(); ev.preventDefault(); }
    else if (ev.key === "Escape" && document.activeElement !== input) { hideTip(); clearHighlight(); }
  });

  window.kgExplorer = {
    data: data, search: search, selectNode: selectNode, clearHighlight: clearHighlight,
    setTypeVisible: setTypeVisible, setRelationVisible: setRelationVisible,
    // what the page shows now: the highlighted node, its neighbourhood, the labels drawn
    view: function () {
      return {
        highlighted: highlighted,
        near: nearNodes.map(function (n) { return n.id; }),
        nearLabels: Array.from(nearLabels),
        labels: Array.from(shownLabels)
      };
    }
  };

  scriptDone = true;
  settle();  // a precomputed layout is settled before vis first draws it
})();
