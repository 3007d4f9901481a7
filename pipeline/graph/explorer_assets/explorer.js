"use strict";
// chithi explorer: search, filters, a document panel and its ego network. Document text only ever
// reaches the page through textContent / createTextNode / setAttribute, never as markup.
(function () {
  var DATA = JSON.parse(document.getElementById("chithi-data").textContent);
  var N = DATA.nodes, E = DATA.edges, MAX_RESULTS = 200, MAX_EGO = 36, SVGNS = "http://www.w3.org/2000/svg";
  var outE = N.map(function () { return []; }), inE = N.map(function () { return []; });
  E.forEach(function (e, i) { outE[e[0]].push(i); inE[e[1]].push(i); });
  var byKey = {};
  N.forEach(function (n, i) { byKey[n.k] = i; });

  function fold(s) {
    return (s || "").normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[đĐÐ]/g, "d")
      .toLowerCase().replace(/[^0-9a-z]+/g, " ").trim();
  }
  var hay = N.map(function (n) {
    return fold([n.s, n.ti, n.i, n.k, n.l, (n.al || []).join(" "), (n.w || []).join(" ")].join(" "));
  });
  // squeezed form so that "05/CT-TTg" finds "05-CT/TTg" and "05/CT-TTg" alike
  var hayTight = hay.map(function (h) { return h.replace(/ /g, ""); });

  function el(tag, props) {
    var node = document.createElement(tag);
    if (props) Object.keys(props).forEach(function (k) {
      if (k === "text") node.textContent = props[k];
      else if (k === "cls") node.className = props[k];
      else if (k === "on") Object.keys(props.on).forEach(function (ev) { node.addEventListener(ev, props.on[ev]); });
      else node.setAttribute(k, props[k]);
    });
    for (var a = 2; a < arguments.length; a++) {
      var c = arguments[a];
      if (c == null) continue;
      node.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    }
    return node;
  }
  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }
  function label(n) { return n.s || (n.ti ? n.ti.slice(0, 40) : n.k); }
  function where(n) { return n.l && (n.i || "").indexOf(n.l) < 0 ? n.l : null; }

  // ---- filters
  function fillSelect(id, counts, fmt) {
    var sel = document.getElementById(id);
    Object.keys(counts).sort(function (a, b) { return counts[b] - counts[a] || (a < b ? -1 : 1); })
      .slice(0, 400).forEach(function (v) { sel.appendChild(el("option", { value: v, text: (fmt ? fmt(v) : v) + " (" + counts[v] + ")" })); });
  }
  function countBy(f) {
    var c = {};
    N.forEach(function (n) { var v = f(n); if (v != null && v !== "") c[v] = (c[v] || 0) + 1; });
    return c;
  }
  fillSelect("f-type", countBy(function (n) { return n.t || n.c; }));
  fillSelect("f-system", countBy(function (n) { return n.y; }));
  var years = countBy(function (n) { return n.yr; });
  var ysel = document.getElementById("f-year");
  Object.keys(years).sort().reverse().forEach(function (y) { ysel.appendChild(el("option", { value: y, text: y + " (" + years[y] + ")" })); });
  fillSelect("f-issuer", countBy(function (n) { return n.i; }));
  document.getElementById("stats").textContent = DATA.summary.records + " documents in the corpus, " +
    N.length + " nodes, " + E.length + " citations, " + DATA.summary.unresolved + " unresolved, " +
    DATA.summary.ambiguous + " ambiguous";

  var state = { sel: -1 };
  function val(id) { return document.getElementById(id).value; }

  function search() {
    var q = fold(document.getElementById("q").value), qt = q.replace(/ /g, "");
    var words = q ? q.split(" ") : [];
    var ft = val("f-type"), fs = val("f-system"), fy = val("f-year"), fi = val("f-issuer");
    var seenOnly = document.getElementById("f-seen").checked;
    var hits = [];
    for (var i = 0; i < N.length; i++) {
      var n = N[i];
      if (ft && (n.t || n.c) !== ft) continue;
      if (fs && n.y !== fs) continue;
      if (fy && String(n.yr) !== fy) continue;
      if (fi && n.i !== fi) continue;
      if (seenOnly && !n.seen) continue;
      if (words.length) {
        var ok = hayTight[i].indexOf(qt) >= 0;
        if (!ok) { ok = true; for (var w = 0; w < words.length; w++) if (hay[i].indexOf(words[w]) < 0) { ok = false; break; } }
        if (!ok) continue;
      }
      hits.push(i);
    }
    // documents of the corpus first, then the most cited
    hits.sort(function (a, b) { return (N[b].seen ? 1 : 0) - (N[a].seen ? 1 : 0) || inE[b].length - inE[a].length || a - b; });
    renderResults(hits);
  }

  function renderResults(hits) {
    var ol = document.getElementById("results");
    clear(ol);
    document.getElementById("count").textContent = hits.length + " match" + (hits.length === 1 ? "" : "es") +
      (hits.length > MAX_RESULTS ? " (first " + MAX_RESULTS + " shown)" : "");
    var frag = document.createDocumentFragment();
    hits.slice(0, MAX_RESULTS).forEach(function (i) {
      var n = N[i];
      var li = el("li", { "data-key": n.k, cls: i === state.sel ? "sel" : "", on: { click: function () { go(i); } } },
        el("span", { cls: "sym", text: label(n) }),
        el("span", { cls: "badge " + (n.seen ? "seen" : n.u ? "unres" : "cited"), text: n.seen ? "in corpus" : n.u ? "unresolved" : "cited" }),
        el("span", { cls: "badge", title: "cited by / cites", text: "←" + inE[i].length + " →" + outE[i].length }),
        el("div", { cls: "meta", text: [n.t, n.i, where(n), n.d].filter(Boolean).join(" · ") }),
        n.ti ? el("div", { cls: "ti", text: n.ti, title: n.ti }) : null);
      frag.appendChild(li);
    });
    ol.appendChild(frag);
  }

  // ---- panel
  function go(i) { location.hash = "#" + encodeURIComponent(N[i].k); }
  function nodeLink(i) {
    return el("a", { cls: "node", href: "#" + encodeURIComponent(N[i].k), title: N[i].k }, label(N[i]));
  }
  function context(ctx) {
    // ctx = [before, citation, after]
    var d = el("div", { cls: "ctx" });
    d.appendChild(document.createTextNode("…" + (ctx[0] || "")));
    d.appendChild(el("mark", { text: ctx[1] || "" }));
    d.appendChild(document.createTextNode((ctx[2] || "") + "…"));
    return d;
  }
  function citList(ids, outgoing) {
    var ul = el("ul", { cls: "cits" });
    ids.slice(0, 500).forEach(function (ei) {
      var e = E[ei], other = outgoing ? e[1] : e[0], n = N[other];
      ul.appendChild(el("li", null,
        el("span", { cls: "rel rel-" + e[2], text: e[2] }), " ", nodeLink(other),
        el("span", { cls: "meta", text: " " + [n.t, n.i, where(n), n.d].filter(Boolean).join(" · ") }),
        e[3] ? el("span", { cls: "badge", text: "task " + e[3] }) : null,
        e[4] ? context(e[4]) : null));
    });
    if (ids.length > 500) ul.appendChild(el("li", { cls: "more", text: "… " + (ids.length - 500) + " more" }));
    if (!ids.length) ul.appendChild(el("li", { cls: "hint", text: "none" }));
    return ul;
  }
  function tasksList(tasks) {
    var ul = el("ul", { cls: "tasks" });
    tasks.forEach(function (t) {
      var li = el("li", null, el("span", { cls: "task-path", text: t[0] }), el("span", { text: t[1] }));
      if (t[2].length) li.appendChild(el("div", { cls: "bodies", text: "Bodies: " + t[2].map(function (b) { return b[0] + " (" + b[1] + ")"; }).join("; ") }));
      if (t[3].length) li.appendChild(el("div", { cls: "deadlines", text: "Deadlines: " + t[3].map(function (d) { return d[0] + " [" + d[1] + (d[2] ? ": " + d[2] : "") + "]"; }).join("; ") }));
      ul.appendChild(li);
    });
    return ul;
  }
  function meta(n) {
    var dl = el("dl", { cls: "meta" });
    [["Key", n.k], ["Symbol", n.s], ["Type", n.t || n.c], ["System", n.y], ["Issuer", n.i], ["Also named", (n.in || []).join("; ")],
     ["Locality", n.l], ["Key from", n.kr], ["Unresolved", n.u], ["Candidates", (n.cand || []).join("; ")], ["Date", n.d], ["Year / term", n.tm || n.yr], ["Written as", (n.w || []).join("; ")],
     ["Aliases", (n.al || []).join("; ")], ["Source", n.p], ["In corpus", n.seen ? "yes" : "no (only cited)"],
     ["Conflicts", (n.cf || []).join("; ")]]
      .forEach(function (r) { if (r[1] != null && r[1] !== "") { dl.appendChild(el("dt", { text: r[0] })); dl.appendChild(el("dd", { text: String(r[1]) })); } });
    return dl;
  }

  function ego(i) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("class", "ego"); svg.setAttribute("viewBox", "0 0 800 360");
    function add(tag, attrs, text) {
      var x = document.createElementNS(SVGNS, tag);
      Object.keys(attrs).forEach(function (k) { x.setAttribute(k, attrs[k]); });
      if (text != null) x.textContent = text;
      svg.appendChild(x); return x;
    }
    var cx = 400, cy = 180;
    function side(ids, outgoing) {
      var uniq = [], seen = {};
      ids.forEach(function (ei) { var o = outgoing ? E[ei][1] : E[ei][0]; if (!seen[o]) { seen[o] = 1; uniq.push([o, E[ei][2]]); } });
      var shown = uniq.slice(0, MAX_EGO), k = shown.length;
      shown.forEach(function (p, j) {
        var a = (k === 1 ? 0 : (j / (k - 1) - 0.5)) * Math.PI * 0.9;
        var x = cx + (outgoing ? 1 : -1) * 300 * Math.cos(a), y = cy + 160 * Math.sin(a);
        add("line", { x1: cx, y1: cy, x2: x, y2: y, stroke: relColor(p[1]), "stroke-width": 1.2, "stroke-opacity": 0.7 });
        var c = add("circle", { cx: x, cy: y, r: 6, fill: N[p[0]].seen ? "#2f7d32" : "#c07a16" });
        c.addEventListener("click", function () { go(p[0]); });
        add("title", {}, N[p[0]].k);
        c.appendChild(svg.lastChild);
        if (k <= 20 || j % Math.ceil(k / 20) === 0)
          add("text", { x: x + (outgoing ? 9 : -9), y: y + 3, "text-anchor": outgoing ? "start" : "end" }, label(N[p[0]]).slice(0, 28));
      });
      if (uniq.length > k) add("text", { x: outgoing ? 700 : 100, y: 350, "text-anchor": "middle" }, "+" + (uniq.length - k) + " more");
    }
    side(inE[i], false); side(outE[i], true);
    add("circle", { cx: cx, cy: cy, r: 10, fill: "#23354d" });
    add("text", { x: cx, y: cy - 16, "text-anchor": "middle" }, label(N[i]));
    add("text", { x: 90, y: 16, "text-anchor": "middle" }, "cited by ←");
    add("text", { x: 710, y: 16, "text-anchor": "middle" }, "→ cites");
    return svg;
  }
  function relColor(r) {
    return { implements: "#2f7d32", based_on: "#2b5fa8", guides: "#8a4fb0", continues: "#0f8a8a", replaces: "#b0413e",
             repeals: "#b0413e", amends: "#c07a16" }[r] || "#7b8594";
  }

  function show(i) {
    state.sel = i;
    var n = N[i], p = document.getElementById("panel");
    clear(p);
    p.appendChild(el("h2", { id: "node-symbol", text: [n.t, label(n)].filter(Boolean).join(" ") }));
    if (n.ti) p.appendChild(el("div", { cls: "title", id: "node-title", text: n.ti }));
    p.appendChild(meta(n));
    p.appendChild(el("h3", { text: "Citation network" }));
    p.appendChild(ego(i));
    p.appendChild(el("h3", { text: "Cites (" + outE[i].length + ")" }));
    p.appendChild(citList(outE[i], true)).id = "outgoing";
    p.appendChild(el("h3", { text: "Cited by (" + inE[i].length + ")" }));
    p.appendChild(citList(inE[i], false)).id = "incoming";
    var un = (DATA.unresolved[n.k] || []);
    if (un.length) {
      p.appendChild(el("h3", { text: "Unresolved citations (" + un.length + ")" }));
      var ul = el("ul", { cls: "cits", id: "unresolved" });
      un.forEach(function (u) {
        ul.appendChild(el("li", null, el("span", { cls: "badge", text: u.status }), " ", u.text || "",
          el("div", { cls: "ctx", text: (u.reason || "") + (u.candidates && u.candidates.length ? " — candidates: " + u.candidates.join(", ") : "") })));
      });
      p.appendChild(ul);
    }
    var tasks = DATA.tasks[n.k] || [];
    if (tasks.length) {
      p.appendChild(el("h3", { text: "Tasks (" + tasks.length + ")" }));
      p.appendChild(tasksList(tasks)).id = "tasks";
    }
    Array.prototype.forEach.call(document.querySelectorAll("#results li"), function (li) {
      li.className = li.getAttribute("data-key") === n.k ? "sel" : "";
    });
    p.scrollTop = 0;
  }

  // ---- overview: the corpus at a glance (the first screen)
  var MAX_GRAPH = 400, MAX_CITED = 60, MAX_UNRESOLVED = 300;
  function svgRoot(w, h, cls) {
    var svg = document.createElementNS(SVGNS, "svg");
    svg.setAttribute("class", cls); svg.setAttribute("viewBox", "0 0 " + w + " " + h);
    svg.setAttribute("width", w); svg.setAttribute("height", h);
    return svg;
  }
  function svgAdd(svg, tag, attrs, text) {
    var x = document.createElementNS(SVGNS, tag);
    Object.keys(attrs).forEach(function (k) { x.setAttribute(k, attrs[k]); });
    if (text != null) x.textContent = text;
    svg.appendChild(x); return x;
  }
  function citers(i) { var s = {}; inE[i].forEach(function (ei) { s[E[ei][0]] = 1; }); return Object.keys(s).length; }
  function byDate(a, b) { return (N[a].d || "9999") < (N[b].d || "9999") ? -1 : (N[a].d || "9999") > (N[b].d || "9999") ? 1 : a - b; }
  var corpus = [], mostCited = [];
  N.forEach(function (n, i) { if (n.seen) corpus.push(i); });
  corpus.sort(byDate);
  N.forEach(function (n, i) { if (!n.seen && !n.u && inE[i].length) mostCited.push(i); });
  mostCited.sort(function (a, b) { return citers(b) - citers(a) || inE[b].length - inE[a].length || a - b; });

  function corpusGraph(withCited) {
    // corpus documents on a circle in date order; documents only cited (the most cited) inside it
    var svg = svgRoot(800, 480, "overview-graph"), cx = 400, cy = 240, pos = {};
    var outer = corpus.slice(0, MAX_GRAPH), inner = withCited ? mostCited.slice(0, MAX_CITED) : [];
    outer.forEach(function (i, j) {
      var a = 2 * Math.PI * j / Math.max(outer.length, 1) - Math.PI / 2;
      pos[i] = [cx + 220 * Math.cos(a), cy + 220 * Math.sin(a)];
    });
    inner.forEach(function (i, j) {
      var a = 2 * Math.PI * j / Math.max(inner.length, 1);
      pos[i] = [cx + 110 * Math.cos(a), cy + 110 * Math.sin(a)];
    });
    E.forEach(function (e) {
      if (pos[e[0]] && pos[e[1]] && e[0] !== e[1])
        svgAdd(svg, "line", { x1: pos[e[0]][0], y1: pos[e[0]][1], x2: pos[e[1]][0], y2: pos[e[1]][1],
                              stroke: relColor(e[2]), "stroke-opacity": 0.55 });
    });
    outer.concat(inner).forEach(function (i) {
      var c = svgAdd(svg, "circle", { cx: pos[i][0], cy: pos[i][1], r: 3 + Math.min(6, Math.sqrt(inE[i].length)),
                                       fill: N[i].seen ? "#2f7d32" : "#c07a16", "data-key": N[i].k });
      svgAdd(c, "title", {}, label(N[i]) + (N[i].d ? " · " + N[i].d : ""));
      c.addEventListener("click", function () { go(i); });
      if (outer.length <= 40 || inner.indexOf(i) >= 0 && inner.indexOf(i) < 8)
        svgAdd(svg, "text", { x: pos[i][0] + 8, y: pos[i][1] + 3 }, label(N[i]).slice(0, 24));
    });
    if (corpus.length > outer.length) svgAdd(svg, "text", { x: 10, y: 470 }, "first " + outer.length + " of " + corpus.length + " by date");
    return svg;
  }

  function timeline() {
    // documents by year: those of the corpus and those only cited, stacked
    var years = {};
    N.forEach(function (n) {
      if (!n.d || n.u) return;
      var y = String(n.d).slice(0, 4);
      years[y] = years[y] || [0, 0];
      years[y][n.seen ? 0 : 1] += 1;
    });
    var ys = Object.keys(years).sort(), max = 1;
    ys.forEach(function (y) { max = Math.max(max, years[y][0] + years[y][1]); });
    var w = Math.max(300, ys.length * 34 + 40), svg = svgRoot(w, 180, "overview-timeline");
    ys.forEach(function (y, j) {
      var x = 30 + j * 34, h0 = 130 * years[y][0] / max, h1 = 130 * years[y][1] / max;
      svgAdd(svg, "rect", { x: x, y: 150 - h0, width: 24, height: h0, fill: "#2f7d32", "data-year": y });
      svgAdd(svg, "rect", { x: x, y: 150 - h0 - h1, width: 24, height: h1, fill: "#c07a16" });
      svgAdd(svg, "text", { x: x + 12, y: 166, "text-anchor": "middle" }, y);
      svgAdd(svg, "text", { x: x + 12, y: 146 - h0 - h1, "text-anchor": "middle" }, String(years[y][0] + years[y][1]));
    });
    svgAdd(svg, "text", { x: 30, y: 178 }, "green: in the corpus · orange: only cited");
    return svg;
  }

  function unresolvedList() {
    var ul = el("ul", { cls: "cits", id: "ov-unresolved" }), rows = [];
    E.forEach(function (e, ei) { if (N[e[1]].u) rows.push(ei); });
    rows.slice(0, MAX_UNRESOLVED).forEach(function (ei) {
      var e = E[ei], t = N[e[1]];
      ul.appendChild(el("li", null, nodeLink(e[0]), " → ",
        el("span", { text: (e[4] && e[4][1]) || label(t) }),
        el("div", { cls: "ctx", text: t.u + (t.cand ? " — candidates: " + t.cand.join(", ") : "") })));
    });
    if (rows.length > MAX_UNRESOLVED) ul.appendChild(el("li", { cls: "more", text: "… " + (rows.length - MAX_UNRESOLVED) + " more" }));
    if (!rows.length) ul.appendChild(el("li", { cls: "hint", text: "none: every citation resolved" }));
    return [ul, rows.length];
  }

  function overview() {
    state.sel = -1;
    var p = document.getElementById("panel");
    clear(p);
    p.appendChild(el("h2", { id: "overview", text: "The corpus at a glance" }));
    p.appendChild(el("h3", { text: "Citation graph of the " + corpus.length + " documents in the corpus" }));
    var cb = el("input", { type: "checkbox", id: "ov-cited" });
    p.appendChild(el("label", { cls: "hint" }, cb, " show the documents only cited (the " + MAX_CITED + " most cited)"));
    var holder = el("div", { id: "ov-graph" });
    p.appendChild(holder);
    function draw() { clear(holder); holder.appendChild(corpusGraph(cb.checked)); }
    cb.addEventListener("change", draw);
    draw();
    p.appendChild(el("h3", { text: "Most cited documents" }));
    var ol = el("ol", { id: "ov-top" }), top = N.map(function (n, i) { return i; })
      .filter(function (i) { return inE[i].length && !N[i].u; })
      .sort(function (a, b) { return citers(b) - citers(a) || inE[b].length - inE[a].length || a - b; }).slice(0, 15);
    top.forEach(function (i) {
      ol.appendChild(el("li", null, nodeLink(i), el("span", { cls: "meta", text: " " + [N[i].t, N[i].i, N[i].d].filter(Boolean).join(" · ") +
        " — cited by " + citers(i) + " document" + (citers(i) === 1 ? "" : "s") })));
    });
    p.appendChild(ol);
    p.appendChild(el("h3", { text: "Timeline by date" }));
    p.appendChild(timeline());
    var un = unresolvedList();
    p.appendChild(el("h3", { text: "Unresolved citations (" + un[1] + ")" }));
    p.appendChild(un[0]);
    Array.prototype.forEach.call(document.querySelectorAll("#results li"), function (li) { li.className = ""; });
  }

  function route() {
    // A hand-edited or truncated hash (`#%E0%A4%A`) is not valid percent-encoding: ignore it.
    var k = "";
    try { k = decodeURIComponent(location.hash.slice(1)); } catch (e) { return; }
    if (k && byKey.hasOwnProperty(k)) show(byKey[k]);
    else overview();
  }
  var timer = null;
  function later() { clearTimeout(timer); timer = setTimeout(search, 120); }
  document.getElementById("q").addEventListener("input", later);
  ["f-type", "f-system", "f-year", "f-issuer", "f-seen"].forEach(function (id) { document.getElementById(id).addEventListener("change", search); });
  window.addEventListener("hashchange", route);
  search();
  route();
  window.chithiExplorer = { ready: true, nodes: N.length, edges: E.length };
})();
