// chronicler charts: small hand-written SVG charts (no library, no CDN). Labels are set with textContent.
"use strict";
const SVG = "http://www.w3.org/2000/svg";

function svgEl(name, attrs, text) {
  const el = document.createElementNS(SVG, name);
  Object.entries(attrs || {}).forEach(([k, v]) => el.setAttribute(k, String(v)));
  if (text != null) el.textContent = String(text);
  return el;
}

// Goldstein (-10 conflict .. +10 cooperation) as a colour: red .. grey .. green.
function goldsteinColor(g) {
  if (g == null || Number.isNaN(g)) return "#9ca3af";
  const t = Math.max(-1, Math.min(1, g / 10));
  if (t < 0) return `rgb(${200 + Math.round(-t * 40)},${Math.round(160 * (1 + t)) + 40},${Math.round(160 * (1 + t)) + 40})`;
  return `rgb(${Math.round(160 * (1 - t)) + 40},${170 + Math.round(t * 30)},${Math.round(160 * (1 - t)) + 60})`;
}

// Bars over time: items [{label, value, color, title, href}]; one bar per item, labels thinned to fit.
function barChart(container, items, { height = 180, unit = "events" } = {}) {
  container.replaceChildren();
  if (!items.length) { container.textContent = "no dated records"; return; }
  const width = Math.max(320, container.clientWidth || 800), pad = { l: 36, r: 8, t: 10, b: 38 };
  const svg = svgEl("svg", { width, height, viewBox: `0 0 ${width} ${height}`, class: "chart", role: "img" });
  const max = Math.max(1, ...items.map((d) => d.value));
  const bw = (width - pad.l - pad.r) / items.length;
  const y = (v) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  [0, max / 2, max].forEach((v) => {
    svg.appendChild(svgEl("line", { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: "grid" }));
    svg.appendChild(svgEl("text", { x: pad.l - 4, y: y(v) + 4, "text-anchor": "end", class: "tick" },
                          Number.isInteger(v) ? v : v.toFixed(1)));
  });
  const every = Math.ceil(items.length / Math.max(1, Math.floor((width - pad.l) / 60)));
  items.forEach((d, i) => {
    const x = pad.l + i * bw;
    const bar = svgEl("rect", { x: x + bw * 0.1, y: y(d.value), width: Math.max(1, bw * 0.8),
                                height: Math.max(0, height - pad.b - y(d.value)), fill: d.color || "#60a5fa",
                                class: "bar" });
    bar.appendChild(svgEl("title", {}, d.title || `${d.label}: ${d.value} ${unit}`));
    if (d.href) {
      const a = svgEl("a", { href: d.href });
      a.appendChild(bar);
      svg.appendChild(a);
    } else svg.appendChild(bar);
    if (i % every === 0) {
      svg.appendChild(svgEl("text", { x: x + bw / 2, y: height - pad.b + 14, "text-anchor": "middle", class: "tick" },
                            d.label));
    }
  });
  container.appendChild(svg);
}

// Who acts on whom: the focus actor in the middle, the parties it acts with most on a circle around it; an
// arrow per (source, target) pair, its width by the number of events and its colour by their mean Goldstein;
// "count · mean" on each arrow, near the other party. Each party links to its own page.
function networkGraph(container, focus, edges, { size = 560, top = 16, href = null } = {}) {
  container.replaceChildren();
  if (!edges.length) { container.textContent = "no events with both a source and a target"; return; }
  const isFocus = (n) => n.toLowerCase() === focus.toLowerCase();
  const weight = {};
  edges.forEach((e) => [e.source, e.target].filter((n) => !isFocus(n)).forEach((n) => { weight[n] = (weight[n] || 0) + e.events; }));
  const others = Object.keys(weight).sort((a, b) => weight[b] - weight[a] || (a < b ? -1 : 1)).slice(0, top);
  const shown = edges.filter((e) => [e.source, e.target].every((n) => isFocus(n) || others.includes(n)) && e.source !== e.target);
  const c = size / 2, r = size / 2 - 125;
  const pos = {}, angle = {};
  shown.forEach((e) => [e.source, e.target].filter(isFocus).forEach((n) => { pos[n] = [c, c]; }));
  others.forEach((n, i) => {
    const a = (2 * Math.PI * i) / others.length - Math.PI / 2;
    pos[n] = [c + r * Math.cos(a), c + r * Math.sin(a)]; angle[n] = a;
  });
  const svg = svgEl("svg", { width: size, height: size, viewBox: `0 0 ${size} ${size}`, class: "network", role: "img" });
  const defs = svgEl("defs");
  const marker = svgEl("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5, markerWidth: 9,
                                   markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto" });
  marker.appendChild(svgEl("path", { d: "M 0 0 L 10 5 L 0 10 z", fill: "#555" }));
  defs.appendChild(marker); svg.appendChild(defs);
  const maxCount = Math.max(...shown.map((e) => e.events));
  shown.forEach((e) => {
    let [x1, y1] = pos[e.source], [x2, y2] = pos[e.target];
    const dx = x2 - x1, dy = y2 - y1, len = Math.hypot(dx, dy) || 1;
    const off = 16, bend = 5;  // stop short of the nodes; the two directions of a pair side by side
    const nx = -dy / len * bend, ny = dx / len * bend;
    x1 += dx / len * off + nx; y1 += dy / len * off + ny; x2 -= dx / len * off - nx; y2 -= dy / len * off - ny;
    const g = svgEl("g", { class: "edge" });
    g.appendChild(svgEl("line", { x1, y1, x2, y2, stroke: goldsteinColor(e.goldstein),
                                  "stroke-width": 1.5 + 5 * e.events / maxCount, "marker-end": "url(#arrow)" }));
    const mean = e.goldstein == null ? "n/a" : Number(e.goldstein).toFixed(1);
    const t = isFocus(e.source) ? 0.68 : 0.32;  // near the other party
    g.appendChild(svgEl("text", { x: x1 + (x2 - x1) * t + nx * 2.4, y: y1 + (y2 - y1) * t + ny * 2.4 + 4,
                                  class: "edge-label", "text-anchor": "middle" }, `${e.events} · ${mean}`));
    g.appendChild(svgEl("title", {}, `${e.source} → ${e.target}: ${e.events} events, mean Goldstein ${mean}`));
    svg.appendChild(g);
  });
  Object.keys(pos).forEach((n) => {
    const [x, y] = pos[n];
    const focusNode = !(n in angle);
    const g = svgEl("g", { class: "node" + (focusNode ? " focus" : "") });
    g.appendChild(svgEl("circle", { cx: x, cy: y, r: focusNode ? 13 : 8 }));
    const label = n.length > 26 ? n.slice(0, 25) + "…" : n;
    if (focusNode) g.appendChild(svgEl("text", { x, y: y + 28, "text-anchor": "middle", class: "focus-label" }, label));
    else {
      const cos = Math.cos(angle[n]), sin = Math.sin(angle[n]);
      g.appendChild(svgEl("text", { x: x + 13 * cos, y: y + 13 * sin + 4,
        "text-anchor": cos > 0.2 ? "start" : cos < -0.2 ? "end" : "middle" }, label));
    }
    if (href && !focusNode) {
      const a = svgEl("a", { href: href(n) });
      a.appendChild(g);
      svg.appendChild(a);
    } else svg.appendChild(g);
  });
  if (others.length < Object.keys(weight).length) {
    svg.appendChild(svgEl("text", { x: 4, y: size - 6, class: "tick" },
                          `the ${others.length} parties with most events of ${Object.keys(weight).length}`));
  }
  container.appendChild(svg);
}

// Stacked bars: one bar per label (a day), one coloured part per series (an outlet), and a legend.
const PALETTE = ["#2563eb", "#f59e0b", "#10b981", "#ef4444", "#8b5cf6", "#14b8a6", "#f97316", "#64748b"];
function stackedBars(container, labels, series, { height = 160, unit = "events" } = {}) {
  container.replaceChildren();
  if (!labels.length) { container.textContent = "no dated records"; return; }
  const width = Math.max(280, container.clientWidth || 480), pad = { l: 30, r: 6, t: 8, b: 34 };
  const legendRows = Math.ceil(series.length / 3), legendH = 16 * legendRows;
  const svg = svgEl("svg", { width, height: height + legendH, viewBox: `0 0 ${width} ${height + legendH}`, class: "chart",
                             role: "img" });
  const totals = labels.map((_, i) => series.reduce((t, s) => t + s.values[i], 0));
  const max = Math.max(1, ...totals);
  const bw = Math.min(48, (width - pad.l - pad.r) / labels.length);
  const y = (v) => pad.t + (height - pad.t - pad.b) * (1 - v / max);
  [0, max].forEach((v) => {
    svg.appendChild(svgEl("line", { x1: pad.l, x2: width - pad.r, y1: y(v), y2: y(v), class: "grid" }));
    svg.appendChild(svgEl("text", { x: pad.l - 4, y: y(v) + 4, "text-anchor": "end", class: "tick" }, v));
  });
  const every = Math.ceil(labels.length / Math.max(1, Math.floor((width - pad.l) / 70)));
  labels.forEach((label, i) => {
    const x = pad.l + i * bw;
    let base = 0;
    series.forEach((s, k) => {
      const v = s.values[i];
      if (!v) return;
      const bar = svgEl("rect", { x: x + bw * 0.1, y: y(base + v), width: Math.max(1, bw * 0.8),
                                  height: Math.max(0, y(base) - y(base + v)), fill: PALETTE[k % PALETTE.length],
                                  class: "bar" });
      bar.appendChild(svgEl("title", {}, `${label}, ${s.label}: ${v} ${unit}`));
      svg.appendChild(bar);
      base += v;
    });
    if (i % every === 0) {
      svg.appendChild(svgEl("text", { x: x + bw / 2, y: height - pad.b + 14, "text-anchor": "middle", class: "tick" },
                            label.slice(5)));
    }
  });
  series.forEach((s, k) => {
    const lx = pad.l + (k % 3) * ((width - pad.l) / 3), ly = height + 16 * Math.floor(k / 3);
    svg.appendChild(svgEl("rect", { x: lx, y: ly - 10, width: 10, height: 10, fill: PALETTE[k % PALETTE.length] }));
    const name = s.label.length > 28 ? s.label.slice(0, 27) + "…" : s.label;
    svg.appendChild(svgEl("text", { x: lx + 14, y: ly - 1, class: "tick legend-label" }, name));
  });
  container.appendChild(svg);
}

window.charts = { barChart, networkGraph, goldsteinColor, stackedBars };
