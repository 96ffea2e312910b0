// chronicler web page. Article text is untrusted: it is only ever inserted with textContent.
"use strict";
const $ = (id) => document.getElementById(id);

function cell(row, value) {
  const td = document.createElement("td");
  td.textContent = value == null ? "" : String(value);
  row.appendChild(td);
}

function table(id, headers, rows) {
  const t = $(id);
  t.replaceChildren();
  const head = document.createElement("tr");
  headers.forEach((h) => { const th = document.createElement("th"); th.textContent = h; head.appendChild(th); });
  t.appendChild(head);
  rows.forEach(({ values, span }) => {
    const tr = document.createElement("tr");
    values.forEach((v) => cell(tr, v));
    if (span) { tr.dataset.span = span.join(","); tr.addEventListener("click", () => focusSpan(span)); }
    t.appendChild(tr);
  });
  if (!rows.length) { const tr = document.createElement("tr"); cell(tr, "none"); t.appendChild(tr); }
}

function renderArticle(text, spans) {
  // Cut the text at every span boundary; each piece knows which spans cover it.
  const cuts = new Set([0, text.length]);
  spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
  const points = [...cuts].sort((a, b) => a - b);
  const box = $("article");
  box.replaceChildren();
  for (let i = 0; i + 1 < points.length; i++) {
    const [a, b] = [points[i], points[i + 1]];
    const covering = spans.filter((s) => s.start <= a && b <= s.end);
    const piece = text.slice(a, b);
    if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
    const mark = document.createElement("mark");
    mark.textContent = piece;
    mark.className = [...new Set(covering.map((s) => s.kind))].join(" ");
    mark.dataset.start = a; mark.dataset.end = b;
    mark.title = covering.map((s) => s.label).join("\n");
    box.appendChild(mark);
  }
}

function focusSpan([start, end]) {
  document.querySelectorAll("mark.active").forEach((m) => m.classList.remove("active"));
  const marks = [...document.querySelectorAll("#article mark")]
    .filter((m) => +m.dataset.start >= start && +m.dataset.end <= end);
  marks.forEach((m) => m.classList.add("active"));
  if (marks.length) marks[0].scrollIntoView({ block: "center" });
}

function party(p) { return p ? p.name + (p.code ? " [" + p.code + "]" : "") : ""; }

async function analyze() {
  const text = $("text").value;
  $("status").className = ""; $("status").textContent = "analyzing…";
  const body = { text };
  if ($("published").value) body.published = $("published").value;
  try {
    const res = await fetch("/v1/analyze", { method: "POST", headers: { "Content-Type": "application/json" },
                                             body: JSON.stringify(body) });
    const data = await res.json();
    if (!res.ok) throw new Error(typeof data.detail === "string" ? data.detail : JSON.stringify(data.detail));
    shown = { text, data };
    show(text, data);
    const said = data.quotes.filter((q) => q.attribution === "speech").length;
    $("status").textContent = `${data.quotes.length} quotes (${said} quotations), ${data.events.length} events, ` +
      `${data.disputes.length} disputes`;
  } catch (err) {
    $("status").className = "error"; $("status").textContent = "error: " + err.message;
  }
}

let shown = null;  // the last analysis, shown again when the quotations-only box changes

function show(text, data) {
  const spans = [];
  // quotations only: what was said, without the beliefs, intents and stances attributed beside it
  const quotes = $("speechOnly").checked ? data.quotes.filter((q) => q.attribution === "speech") : data.quotes;
  quotes.forEach((q) => spans.push({ start: q.start, end: q.end, kind: "quote",
    label: q.id + " " + (q.speaker ? q.speaker.name : "speaker unknown") }));
  data.events.forEach((e) => spans.push({ start: e.evidence.start, end: e.evidence.end, kind: "event",
    label: e.id + " " + e.type }));
  renderArticle(text, spans);
  table("quotes", ["id", "speaker", "cue", "kind", "attribution", "date", "quote"], quotes.map((q) => ({
    values: [q.id, q.speaker ? q.speaker.name : "(unknown)", q.cue ? q.cue.text : "", q.kind, q.attribution,
             q.date || q.date_text || "", q.text], span: [q.start, q.end] })));
  table("events", ["id", "type", "source", "target", "polarity", "modality", "date", "conf", "evidence"],
    data.events.map((e) => ({ values: [e.id, e.type + (e.cameo ? " (" + e.cameo + ")" : ""), party(e.source),
      party(e.target), e.polarity, e.modality, e.date || e.date_text || "", e.confidence, e.evidence.text],
      span: [e.evidence.start, e.evidence.end] })));
  const byId = Object.fromEntries(data.events.map((e) => [e.id, e]));
  table("disputes", ["id", "claim", "counter", "summary"], data.disputes.map((d) => ({
    values: [d.id, d.claim + ": " + party(byId[d.claim].source), d.counter + ": " + party(byId[d.counter].source),
             d.summary] })));
  table("actors", ["id", "name", "kind", "code", "title", "mentions"], data.actors.map((a) => ({
    values: [a.id, a.name, a.kind, a.code, a.title, a.mentions.length] })));
  $("results").hidden = false;
}

$("analyze").addEventListener("click", analyze);
$("speechOnly").addEventListener("change", () => { if (shown) show(shown.text, shown.data); });
