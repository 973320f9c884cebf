// diplograph network page: draws the precomputed layout with vis-network and
// wires up the legend, filters (relation kind, document, confidence), search,
// focus on an entity and its neighbours, and the details panel. dates.js,
// clusters.js and exports.js add to it through window.diplograph; start.js
// draws the first view once they are all in.
// All text from the data goes into the page through textContent, never HTML.
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("diplograph-data").textContent);
  var options = JSON.parse(document.getElementById("diplograph-options").textContent);
  var documents = data.documents;
  var relationLabel = {};
  data.relations.forEach(function (r) { relationLabel[r.key] = r.label; });
  var kindLabel = {};
  data.legend.forEach(function (l) { kindLabel[l.kind] = l.label; });

  var api = {ready: false, readyMs: null, network: null, nodes: null, edges: null,
             data: data, options: options,
             // Extra tests every shown relation must pass (dates.js adds one).
             filters: [],
             // Called around each refresh of the shown entities (clusters.js regroups).
             beforeRefresh: [], afterRefresh: [], afterStart: []};
  window.diplograph = api;

  function el(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    if (className) { node.className = className; }
    return node;
  }

  function docName(index) {
    var doc = documents[index];
    if (!doc) { return "unknown document"; }
    return doc.date ? doc.label + " \u00b7 " + doc.date : doc.label;
  }

  function percent(value) { return Math.round(value * 100) + "%"; }

  function confidenceText(e) {
    if (e.confidence === null || e.confidence === undefined) { return "not scored"; }
    return percent(e.confidence) + (e.weak ? " (weak)" : "");
  }

  // Only web addresses become links: a javascript: URL from a page must not run.
  function docLink(index) {
    var doc = documents[index];
    if (!doc || !doc.url || !/^https?:\/\//i.test(doc.url)) { return null; }
    var link = el("a", "source");
    link.href = doc.url;
    link.rel = "noopener noreferrer";
    link.target = "_blank";
    return link;
  }

  // ------------------------------------------------------------ tooltips (plain text)
  var byId = {};
  data.nodes.forEach(function (n) {
    byId[n.id] = n;
    var lines = [(kindLabel[n.kind] || n.kind) + ": " + n.label];
    if (n.aliases.length) { lines.push("also: " + n.aliases.join(", ")); }
    lines.push(n.degree + (n.degree === 1 ? " relation" : " relations"));
    lines.push(n.id);
    n.title = lines.join("\n");
  });
  data.edges.forEach(function (e) {
    var from = byId[e.from], to = byId[e.to];
    var lines = [(from ? from.label : e.from) + " \u2192 " + e.label + " \u2192 " +
                 (to ? to.label : e.to), "confidence: " + confidenceText(e)];
    e.evidence.slice(0, 3).forEach(function (s) {
      lines.push("\u201c" + s.sentence + "\u201d");
      lines.push("   " + docName(s.doc) + " \u00b7 " + s.rule);
    });
    if (e.evidence.length > 3) { lines.push("\u2026 and " + (e.evidence.length - 3) + " more"); }
    if (!e.evidence.length) { lines.push("(no evidence recorded)"); }
    e.title = lines.join("\n");
  });

  // ------------------------------------------------------------ filters
  var state = {
    relations: new Set(data.relations.map(function (r) { return r.key; })),
    documents: new Set(documents.map(function (d, i) { return i; })),
    minConfidence: 0,
    showUnconnected: false,
    edges: new Set(),
    endpoints: new Set()
  };

  function edgePasses(e) {
    if (!state.relations.has(e.relation)) { return false; }
    // Unscored relations (e.g. an event's agent) have nothing to filter by.
    if (e.confidence !== null && e.confidence !== undefined &&
        e.confidence < state.minConfidence) { return false; }
    for (var i = 0; i < api.filters.length; i++) { if (!api.filters[i](e)) { return false; } }
    if (!e.docs.length) { return true; }
    return e.docs.some(function (d) { return state.documents.has(d); });
  }

  function computeVisible() {
    state.edges = new Set();
    state.endpoints = new Set();
    data.edges.forEach(function (e) {
      if (edgePasses(e)) {
        state.edges.add(e.id);
        state.endpoints.add(e.from);
        state.endpoints.add(e.to);
      }
    });
  }
  computeVisible();

  // An entity without a shown relation is hidden unless "show unconnected" is ticked.
  function nodeVisible(n) { return state.showUnconnected || state.endpoints.has(n.id); }

  // Labels run sideways, so a layout taller than the canvas wastes its width and
  // crowds the labels: stretch it (by at most 1.8) to the canvas's shape.
  var container = document.getElementById("network");
  (function fillCanvas() {
    if (data.nodes.length < 3) { return; }
    var xs = data.nodes.map(function (n) { return n.x; });
    var ys = data.nodes.map(function (n) { return n.y; });
    var w = Math.max.apply(null, xs) - Math.min.apply(null, xs);
    var h = Math.max.apply(null, ys) - Math.min.apply(null, ys);
    var want = container.clientWidth / Math.max(1, container.clientHeight);
    if (!w || !h) { return; }
    var sx = Math.min(1.8, Math.max(1, want / (w / h)));
    var sy = Math.min(1.3, Math.max(1, (w / h) / want));
    data.nodes.forEach(function (n) { n.x = Math.round(n.x * sx); n.y = Math.round(n.y * sy); });
  })();

  var nodes = new vis.DataSet(data.nodes);
  var edges = new vis.DataSet(data.edges);
  var nodeView = new vis.DataView(nodes, {filter: nodeVisible});
  var edgeView = new vis.DataView(edges, {filter: function (e) { return state.edges.has(e.id); }});

  function applyFilters() {
    computeVisible();
    api.beforeRefresh.forEach(function (f) { f(); });
    nodeView.refresh();
    edgeView.refresh();
    api.afterRefresh.forEach(function (f) { f(); });
    status(nodeView.length + " of " + nodes.length + " entities, " + edgeView.length + " of " +
           edges.length + " relations shown");
    if (focused) { applyFocus(); }
    network.fit({animation: false});
  }

  // ------------------------------------------------------------ network
  var network = new vis.Network(container, {nodes: nodeView, edges: edgeView}, options);
  api.network = network;
  api.nodes = nodes;
  api.edges = edges;
  network.once("afterDrawing", function () {
    api.readyMs = performance.now();
    api.ready = true;
    document.body.setAttribute("data-ready", "true");
  });

  // A fit zooms out, and vis-network sizes fonts in canvas units: grow the fonts
  // so labels read at data.labels sizes on screen at the first view. Past 4x
  // (very large graphs) bigger fonts would only cover each other.
  var labelBase = {node: options.nodes.font.size, edge: options.edges.font.size};
  // Bigger labels widen the fitted box, so the fit zooms out a little more: a
  // few rounds settle it, and the last round is not refitted.
  var labelCap = {node: labelBase.node * 4, edge: labelBase.edge * 4};
  function scaleLabels() {
    for (var round = 0; round < 4; round++) {
      var scale = network.getScale();
      var want = {node: Math.min(labelCap.node, Math.ceil(data.labels.node / scale)),
                  edge: Math.min(labelCap.edge, Math.ceil(data.labels.edge / scale))};
      if (want.node <= labelBase.node && want.edge <= labelBase.edge) { return; }
      labelBase = {node: Math.max(labelBase.node, want.node),
                   edge: Math.max(labelBase.edge, want.edge)};
      network.setOptions({nodes: {font: {size: labelBase.node}},
                          edges: {font: {size: labelBase.edge}}});
      if (round < 3) { network.fit({animation: false}); }
    }
  }
  // The first view, once every part of the page has added its filters and hooks.
  api.start = function () {
    applyFilters();
    status("");
    scaleLabels();
    api.afterStart.forEach(function (f) { f(); });
  };
  api.labelSize = function () { return labelBase.node; };

  // ------------------------------------------------------------ legend and filter controls
  var legend = document.getElementById("legend");
  data.legend.forEach(function (l) {
    var item = el("li", null, "legend-item");
    var glyph = el("span", null, "glyph " + l.shape);
    glyph.style.background = l.colour;
    item.appendChild(glyph);
    item.appendChild(el("span", l.label));
    item.appendChild(el("span", l.count, "count"));
    legend.appendChild(item);
  });

  function checkbox(parent, label, count, colour, checked, onChange, value) {
    var row = el("label", null, "check");
    var box = el("input");
    box.type = "checkbox";
    box.checked = checked;
    box.value = value;
    box.addEventListener("change", function () { onChange(box.checked); });
    row.appendChild(box);
    if (colour) {
      var swatch = el("span", null, "swatch");
      swatch.style.background = colour;
      row.appendChild(swatch);
    }
    row.appendChild(el("span", label));
    row.appendChild(el("span", count, "count"));
    parent.appendChild(row);
    return box;
  }

  var relationBox = document.getElementById("relations");
  data.relations.forEach(function (r) {
    checkbox(relationBox, r.label, r.count, r.colour, true, function (on) {
      if (on) { state.relations.add(r.key); } else { state.relations.delete(r.key); }
      applyFilters();
    }, r.key);
  });

  var docBox = document.getElementById("documents");
  var docChecks = documents.map(function (d, i) {
    var box = checkbox(docBox, d.label, d.count, null, true, function (on) {
      if (on) { state.documents.add(i); } else { state.documents.delete(i); }
      applyFilters();
    }, String(i));
    if (d.date) { box.parentNode.insertBefore(el("span", d.date, "doc-date"), box.nextSibling); }
    box.parentNode.title = [d.label, d.date, d.url || d.path].filter(Boolean).join(" \u00b7 ");
    return box;
  });
  function setAllDocuments(on) {
    docChecks.forEach(function (box, i) {
      box.checked = on;
      if (on) { state.documents.add(i); } else { state.documents.delete(i); }
    });
    applyFilters();
  }
  document.getElementById("docs-all").addEventListener("click", function () { setAllDocuments(true); });
  document.getElementById("docs-none").addEventListener("click", function () { setAllDocuments(false); });

  // ------------------------------------------------------------ details panel
  var details = document.getElementById("details");

  function resetDetails(children) {
    while (details.childNodes.length > 1) { details.removeChild(details.lastChild); }
    children.forEach(function (c) { details.appendChild(c); });
  }

  function field(list, name, value) {
    list.appendChild(el("dt", name));
    var dd = el("dd");
    if (value instanceof Node) { dd.appendChild(value); } else { dd.textContent = value; }
    list.appendChild(dd);
  }

  function showNode(id) {
    var n = byId[id];
    if (!n) { return; }
    var list = el("dl");
    field(list, "entity", n.label);
    field(list, "type", kindLabel[n.kind] || n.kind);
    field(list, "also known as", n.aliases.length ? n.aliases.join(", ") : "\u2014");
    field(list, "IRI", n.id);
    field(list, "documents", n.docs.length ? n.docs.map(docName).join("; ") : "\u2014");
    var related = el("ul", null, "plain");
    data.edges.forEach(function (e) {
      if (e.from !== id && e.to !== id) { return; }
      var other = byId[e.from === id ? e.to : e.from];
      var text = (e.from === id ? e.label + " \u2192 " + other.label
                                : other.label + " \u2192 " + e.label) +
                 (e.confidence !== null && e.confidence !== undefined
                   ? " (" + percent(e.confidence) + ")" : "");
      var item = el("li");
      var link = el("button", text);
      link.type = "button";
      link.addEventListener("click", function () { network.selectEdges([e.id]); showEdge(e.id); });
      item.appendChild(link);
      related.appendChild(item);
    });
    field(list, "relations (" + n.degree + ")", n.degree ? related : "\u2014");
    resetDetails([list]);
  }

  // The sentence with the words that make it evidence in <mark>: the names of
  // the relation's ends (and the office) and the words carrying the relation.
  function marked(sentence, marks) {
    var quote = el("blockquote", null, "evidence");
    var at = 0;
    marks.forEach(function (m) {
      if (m[0] > at) { quote.appendChild(document.createTextNode(sentence.slice(at, m[0]))); }
      quote.appendChild(el("mark", sentence.slice(m[0], m[1]), m[2]));
      at = m[1];
    });
    if (at < sentence.length) { quote.appendChild(document.createTextNode(sentence.slice(at))); }
    return quote;
  }

  function showEdge(id) {
    var e = edges.get(id);
    if (!e) { return; }
    var list = el("dl");
    field(list, "relation", (byId[e.from] || {}).label + " \u2192 " + e.label + " \u2192 " +
          (byId[e.to] || {}).label);
    field(list, "kind", relationLabel[e.relation] || e.relation);
    if (e.tenure) { field(list, "tenure", e.tenure); }
    var conf = el("span", confidenceText(e), e.weak ? "weak" : null);
    field(list, "confidence", conf);
    var sources = el("div");
    e.evidence.forEach(function (s, i) {
      sources.appendChild(marked(s.sentence, (e.marks || [])[i] || []));
      var meta = el("div", docName(s.doc) + " \u00b7 rule " + s.rule + " ", "meta");
      var link = docLink(s.doc);
      if (link) { meta.appendChild(link); }
      sources.appendChild(meta);
    });
    field(list, "evidence (" + e.evidence.length + ")", e.evidence.length ? sources : "none recorded");
    resetDetails([list]);
  }

  // ------------------------------------------------------------ focus: an entity and its neighbours
  var focused = null;
  var DIM_NODE = 0.15, DIM_EDGE = 0.08, DIM_TEXT = "rgba(34,34,34,0.2)";

  function edgeColour(e, opacity) {
    var base = typeof e.color === "string" ? e.color : (e.color || {}).color;
    return {color: base, highlight: base, hover: base, opacity: opacity};
  }

  function applyFocus() {
    var near = new Set([focused]);
    data.edges.forEach(function (e) {
      if (!state.edges.has(e.id)) { return; }
      if (e.from === focused) { near.add(e.to); }
      if (e.to === focused) { near.add(e.from); }
    });
    nodes.update(data.nodes.map(function (n) {
      var on = near.has(n.id);
      return {id: n.id, opacity: on ? 1 : DIM_NODE,
              font: {color: on ? options.nodes.font.color : DIM_TEXT}};
    }));
    edges.update(data.edges.map(function (e) {
      var on = e.from === focused || e.to === focused;
      return {id: e.id, color: edgeColour(e, on ? (e.weak ? 0.35 : 1) : DIM_EDGE),
              font: {color: on ? options.edges.font.color : "rgba(51,51,51,0.15)"}};
    }));
    return near;
  }

  function focusOn(id) {
    focused = id;
    var near = applyFocus();
    status(byId[id].label + " + " + (near.size - 1) +
           (near.size === 2 ? " neighbour" : " neighbours") + " (Esc)");
  }

  function clearFocus() {
    if (focused === null) { return; }
    focused = null;
    nodes.update(data.nodes.map(function (n) {
      return {id: n.id, opacity: 1, font: {color: options.nodes.font.color}};
    }));
    edges.update(data.edges.map(function (e) {
      return {id: e.id, color: edgeColour(e, e.weak ? 0.35 : 1),
              font: {color: options.edges.font.color}};
    }));
    status("");
  }

  network.on("click", function (params) {
    // A country group (clusters.js) opens on click; it is not an entity.
    if (params.nodes.length && !byId[params.nodes[0]]) { return; }
    if (params.nodes.length) { focusOn(params.nodes[0]); showNode(params.nodes[0]); }
    else if (params.edges.length) { showEdge(params.edges[0]); }
    else { clearFocus(); }
  });

  function status(text) { document.getElementById("status").textContent = text; }

  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { network.unselectAll(); clearFocus(); }
  });

  // ------------------------------------------------------------ confidence and unconnected
  var slider = document.getElementById("confidence");
  var sliderValue = document.getElementById("confidence-value");
  function setConfidence(value) {
    state.minConfidence = Number(value);
    slider.value = String(value);
    sliderValue.textContent = percent(state.minConfidence);
    applyFilters();
  }
  slider.addEventListener("input", function () { setConfidence(slider.value); });
  sliderValue.textContent = percent(0);
  // A graph built without the model has no confidence to filter by.
  slider.disabled = !data.confidence.scored;
  var unconnected = document.getElementById("show-unconnected");
  unconnected.addEventListener("change", function () {
    state.showUnconnected = unconnected.checked;
    applyFilters();
  });

  // ------------------------------------------------------------ for tests and scripts
  api.setConfidence = setConfidence;
  api.setUnconnected = function (on) {
    unconnected.checked = on;
    state.showUnconnected = on;
    applyFilters();
  };
  api.focus = function (id) { focusOn(id); showNode(id); };
  api.clearFocus = clearFocus;
  api.dimmed = function () {
    return nodes.get({filter: function (n) { return n.opacity !== undefined && n.opacity < 1; }})
      .map(function (n) { return n.id; });
  };
  // Label sizes as drawn on screen now (canvas font size times the zoom).
  api.labelPixels = function () {
    var scale = network.getScale();
    return {node: labelBase.node * scale, edge: labelBase.edge * scale};
  };
  api.selected = function () { return network.getSelectedNodes(); };
  api.drawn = function () {
    return {nodes: network.body.nodeIndices.length, edges: network.body.edgeIndices.length};
  };
  api.setRelation = function (key, on) {
    var box = relationBox.querySelector("input[value=\"" + key + "\"]");
    if (box) { box.checked = on; }
    if (on) { state.relations.add(key); } else { state.relations.delete(key); }
    applyFilters();
  };
  api.setDocuments = function (indices) {
    docChecks.forEach(function (box, i) {
      box.checked = indices.indexOf(i) >= 0;
      if (box.checked) { state.documents.add(i); } else { state.documents.delete(i); }
    });
    applyFilters();
  };
  api.details = function () { return details.textContent; };
  api.marks = function () {
    return Array.prototype.map.call(details.querySelectorAll("mark"), function (m) {
      return [m.textContent, m.className];
    });
  };
  api.showEdge = showEdge;
  api.showNode = showNode;
  api.nodeView = nodeView;
  api.applyFilters = applyFilters;
  api.state = state;
  api.byId = byId;
  api.el = el;
  api.status = status;
  api.docName = docName;
  api.edgePasses = edgePasses;
})();
