// chronicler web UI over the store. Every value from the store (article text, names, evidence) is untrusted:
// it is only ever inserted as text (textContent / text nodes), never as HTML; links are built from
// encodeURIComponent'd values under this page's own #/ routes.
"use strict";
const view = document.getElementById("view");
const statusLine = document.getElementById("status");
const PAGE = 50;

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v == null || v === false) return;
    if (k === "class") node.className = v;
    else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
    else node.setAttribute(k, v === true ? "" : String(v));
  });
  children.flat(Infinity).forEach((c) => {
    if (c == null || c === false) return;
    node.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  });
  return node;
}
const link = (href, text) => el("a", { href }, text == null || text === "" ? "(untitled)" : text);
const enc = encodeURIComponent;
const actorLink = (name, code) => name ? link("#/actor/" + enc(name), name + (code ? " [" + code + "]" : "")) : "";
const docHref = (docId, params) => "#/doc/" + enc(docId) + (params ? "?" + new URLSearchParams(params) : "");
const fmt = (v, d = 1) => (v == null || v === "" ? "" : Number(v).toFixed(d));
const day = (v) => (v == null ? "" : String(v).slice(0, 10));

async function api(path) {
  const res = await fetch(path, { headers: { Accept: "application/json" } });
  let data = null;
  try { data = await res.json(); } catch (_e) { data = null; }
  if (!res.ok) {
    const err = new Error(data && typeof data.detail === "string" ? data.detail : "HTTP " + res.status);
    err.status = res.status;
    throw err;
  }
  return data;
}

function table(headers, rows, { empty = "none", rowAttrs = () => ({}) } = {}) {
  const t = el("table", {}, el("tr", {}, headers.map((h) => el("th", {}, h))));
  rows.forEach((r, i) => t.appendChild(el("tr", rowAttrs(i), r.map((c) =>
    el("td", typeof c === "number" ? { class: "num" } : {}, c)))));
  if (!rows.length) t.appendChild(el("tr", {}, el("td", { colspan: headers.length, class: "muted" }, empty)));
  return t;
}

function pager(total, offset, limit, go) {
  const last = Math.min(total, offset + limit);
  return el("div", { class: "pager" },
    el("button", { id: "prev", disabled: offset <= 0, onclick: () => go(Math.max(0, offset - limit)) }, "‹ previous"),
    el("span", {}, total ? `${offset + 1}–${last} of ${total}` : "no results"),
    el("button", { id: "next", disabled: last >= total, onclick: () => go(offset + limit) }, "next ›"));
}

function setHash(route, params) {
  const q = new URLSearchParams(Object.entries(params).filter(([, v]) => v !== "" && v != null));
  location.hash = route + (q.toString() ? "?" + q : "");
}

// -- pages ---------------------------------------------------------------------------------------------------
async function overview() {
  const [o, al, st] = await Promise.all([api("/v1/ui/overview"), api("/v1/ui/alerts?limit=5"),
    api("/v1/stories").catch(() => null)]);  // stories, where this build has them
  const latestStories = (st ? (Array.isArray(st) ? st : st.stories || []) : [])
    .slice().sort((a, b) => String(b.last_seen || "").localeCompare(String(a.last_seen || ""))).slice(0, 10);
  view.replaceChildren(
    el("h1", {}, "The corpus"),
    el("div", { class: "cards" }, Object.entries(o.counts).filter(([k]) => k !== "failures").map(([k, v]) =>
      el("div", { class: "card" }, el("b", {}, v.toLocaleString()), k))),
    el("div", { class: "cols" },
      el("div", {}, el("h2", {}, "Latest articles"), table(["published", "title", "source"], o.latest.map((d) =>
        [day(d.published), link(docHref(d.doc_id), d.title), d.source || ""]))),
      el("div", {}, el("h2", {}, "Most reported actors"), table(["actor", "articles"], o.actors.map((a) =>
        [actorLink(a.name, a.code), a.documents])))),
    st ? [el("h2", {}, "Latest stories"), table(["last seen", "story", "articles"], latestStories.map((x) =>
      [day(x.last_seen), link("#/story/" + enc(x.id), x.title), x.num_documents ?? (x.documents || []).length]),
      { empty: "no stories yet" })] : "",
    el("h2", {}, "Latest alerts"), alertTable(al.alerts));
}

const EVENT_FILTERS = [["type", "type (PLOVER)", "text"], ["actor", "actor", "text"], ["country", "country (ISO3)", "text"],
  ["since", "since", "date"], ["until", "until", "date"], ["polarity", "polarity", ["", "asserted", "negated"]],
  ["quad_class", "quad class", ["", "1", "2", "3", "4"]], ["doc", "document id (prefix)", "text"],
  ["all_events", "below threshold too", ["", "true"]]];

async function events(params) {
  const offset = +(params.get("offset") || 0);
  const q = new URLSearchParams();
  EVENT_FILTERS.forEach(([k]) => { if (params.get(k)) q.set(k, params.get(k)); });
  q.set("offset", offset); q.set("limit", PAGE);
  const data = await api("/v1/ui/events?" + q);
  const form = el("form", { class: "filters", id: "eventFilters" }, EVENT_FILTERS.map(([k, label, type]) =>
    el("label", {}, label, Array.isArray(type)
      ? el("select", { name: k }, type.map((o) => el("option", { value: o, selected: params.get(k) === o }, o || "any")))
      : el("input", { name: k, type, value: params.get(k) || "", size: 12 }))), el("button", {}, "Filter"));
  const current = Object.fromEntries(EVENT_FILTERS.map(([k]) => [k, params.get(k) || ""]));
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    setHash("#/events", Object.fromEntries(new FormData(form)));
  });
  view.replaceChildren(el("h1", {}, "Events"), form,
    pager(data.total, offset, PAGE, (o) => setHash("#/events", { ...current, offset: o })),
    eventTable(data.rows, { withArticle: true }));
}

function eventTable(rows, { withArticle = false } = {}) {
  const headers = ["date", "type", "source", "target", "Goldstein", "polarity", "confidence", "evidence"];
  if (withArticle) headers.push("article");
  return table(headers, rows.map((e) => {
    const r = [day(e.date || e.published), e.type + (e.cameo ? " (" + e.cameo + ")" : ""),
      actorLink(e.source_name, e.source_code), actorLink(e.target_name, e.target_code), fmt(e.goldstein),
      e.polarity, fmt(e.confidence, 2), link(docHref(e.doc_id, { hl: e.id }), e.evidence)];
    if (withArticle) r.push(link(docHref(e.doc_id), e.title));
    return r;
  }), { rowAttrs: () => ({ class: "event-row" }) });
}

async function actor(name) {
  const a = await api("/v1/ui/actor?name=" + enc(name));
  const chart = el("div", { id: "actorChart" }), graph = el("div", { id: "actorGraph" });
  const forms = a.forms.map((f) => `${f.name}${f.code ? " [" + f.code + "]" : ""} (${f.kind || "?"}, ${f.documents} articles)`);
  view.replaceChildren(el("h1", {}, name), el("p", { class: "meta" }, forms.join(" · ") || "not among the extracted actors"),
    el("h2", {}, "Events over time (bar colour: mean Goldstein)"), chart,
    el("div", { class: "cols" },
      el("div", {}, el("h2", {}, "Who acts on whom (events · mean Goldstein)"), graph),
      el("div", {}, el("h2", {}, `Quotes (latest ${a.quotes.length})`), el("div", { class: "scroll" },
        table(["date", "quote", "article"], a.quotes.map((q) =>
          [day(q.date || q.published), link(docHref(q.doc_id, { hl: q.id }), q.text), link(docHref(q.doc_id), q.title)]))))),
    el("h2", {}, "Latest events"), eventTable(a.events, { withArticle: true }),
    link("#/events?" + new URLSearchParams({ actor: name }), "all events of " + name + " →"));
  // a short span is drawn by day, a long one by month
  const span = a.days.length ? (Date.parse(a.days[a.days.length - 1].day) - Date.parse(a.days[0].day)) / 864e5 : 0;
  const bins = span <= 120 ? a.days.map((d) => ({ ...d, label: d.day })) : a.timeline.map((m) => ({ ...m, label: m.month }));
  charts.barChart(chart, bins.map((m) => ({ label: m.label, value: m.events, color: charts.goldsteinColor(m.goldstein),
    title: `${m.label}: ${m.events} events, mean Goldstein ${fmt(m.goldstein)}`,
    href: "#/events?" + new URLSearchParams({ actor: name, since: m.day || m.month + "-01", until: m.day || monthEnd(m.month) }) })));
  charts.networkGraph(graph, name, a.network, { href: (n) => "#/actor/" + enc(n) });
}

function monthEnd(month) {  // "1987-02" -> "1987-02-28"
  const [y, m] = month.split("-").map(Number);
  return `${month}-${String(new Date(y, m, 0).getDate()).padStart(2, "0")}`;
}

function fold(text) {
  // One character for one: lower case without accents ("Díaz" -> "diaz"), as the server folds search words.
  let out = "";
  for (const c of text) { const l = c.toLowerCase(); out += l.length === 1 ? l.normalize("NFD")[0] : c; }
  return out;
}

function snippet(text, words) {
  // The text with each search word marked (accents folded on both sides); built from text nodes only.
  const span = el("span", { class: "snippet" });
  const lower = fold(text);
  let i = 0;
  while (i < text.length) {
    let best = -1, len = 0;
    words.forEach((w) => { const j = lower.indexOf(w, i); if (j >= 0 && (best < 0 || j < best)) { best = j; len = w.length; } });
    if (best < 0) { span.appendChild(document.createTextNode(text.slice(i))); break; }
    span.appendChild(document.createTextNode(text.slice(i, best)));
    span.appendChild(el("mark", {}, text.slice(best, best + len)));
    i = best + len;
  }
  return span;
}

async function search(params) {
  const q = params.get("q") || "", offset = +(params.get("offset") || 0);
  document.getElementById("q").value = q;
  const data = await api(`/v1/ui/search?q=${enc(q)}&offset=${offset}&limit=20`);
  view.replaceChildren(el("h1", {}, `Articles with “${q}”`),
    pager(data.total, offset, 20, (o) => setHash("#/search", { q, offset: o })),
    el("ol", { id: "results", start: offset + 1 }, data.rows.map((r) => el("li", {},
      link(docHref(r.doc_id), r.title), " ", el("span", { class: "meta" }, [day(r.published), r.source].filter(Boolean).join(" · ")),
      el("div", {}, "…", snippet((r.around || "").replace(/\s+/g, " "), data.words || []), "…")))));
}

function alertTable(alerts) {
  return table(["fired", "rule", "kind", "record", "evidence", "article"], alerts.map((a) => [
    day(a.fired_at), a.rule, a.kind, a.kind === "event" ? [a.record.type, " ", actorLink(a.record.source && a.record.source.name),
      a.record.target ? [" → ", actorLink(a.record.target.name)] : ""] : a.record.summary,
    a.evidence.map((e) => link(docHref(e.doc_id, { s: e.start, e: e.end }), e.text)),
    link(docHref(a.document.doc_id), a.document.title)]), { empty: "no alerts yet" });
}

async function alerts() {
  const data = await api("/v1/ui/alerts?limit=100");
  view.replaceChildren(el("h1", {}, "Alerts"),
    el("h2", {}, "Rules"), table(["id", "conditions", "delivered to"], data.rules.map((r) =>
      [r.id, JSON.stringify(r.rule), r.deliver]), { empty: "no rules: chronicler alerts add --actor NAME --to -" }),
    el("h2", {}, "Fired"), alertTable(data.alerts),
    el("h2", {}, "Watched feeds"), table(["feed", "status", "items", "checked", "error"], data.feeds.map((f) =>
      [f.url, f.status, f.items, String(f.checked_at || "").slice(0, 19), f.error || ""]), { empty: "none: chronicler watch FEED" }),
    el("h2", {}, "Failures"), table(["what", "why", "when"], data.failures.map((f) =>
      [f.origin, f.reason, String(f.failed_at || "").slice(0, 19)]), { empty: "none" }));
}

window.ui = { el, link, table, api, actorLink, docHref, day, fmt, view, eventTable, setHash, pager };

// -- routing -------------------------------------------------------------------------------------------------
async function route() {
  const [path, query] = location.hash.replace(/^#/, "").split("?");
  const params = new URLSearchParams(query || "");
  const parts = (path || "/").split("/").filter(Boolean).map(decodeURIComponent);
  statusLine.textContent = "loading…"; statusLine.className = "";
  const started = performance.now();
  try {
    if (!parts.length) await overview();
    else if (parts[0] === "events") await events(params);
    else if (parts[0] === "actor" && parts[1]) await actor(parts[1]);
    else if (parts[0] === "search") await search(params);
    else if (parts[0] === "doc" && parts[1]) await reader.show(parts[1], params);
    else if (parts[0] === "stories") await stories.list(params);
    else if (parts[0] === "story" && parts[1] && parts[2] in stories.LISTS) await stories.section(parts[1], parts[2], params);
    else if (parts[0] === "story" && parts[1]) await stories.show(parts[1]);
    else if (parts[0] === "alerts") await alerts();
    else view.replaceChildren(el("h1", {}, "Not found"));
    statusLine.textContent = `shown in ${Math.round(performance.now() - started)} ms`;
  } catch (err) {
    statusLine.className = "error";
    statusLine.textContent = "error: " + err.message;
  }
}

document.getElementById("searchForm").addEventListener("submit", (ev) => {
  ev.preventDefault();
  setHash("#/search", { q: document.getElementById("q").value.trim() });
});
window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", route);
