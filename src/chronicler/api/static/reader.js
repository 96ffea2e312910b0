// The article reader: the stored text with its quotes, events and actor mentions highlighted; each highlight
// selects its record below, each record selects its highlight. The text is inserted as text nodes only.
"use strict";
(function () {
  const { el, link, table, api, actorLink, day, fmt, view } = window.ui;

  function spansOf(doc) {
    const spans = [];
    doc.quotes.forEach((q) => spans.push({ start: q.start, end: q.end, kind: "quote", id: q.id,
      label: `${q.id} quote: ${q.speaker ? q.speaker.name : "speaker unknown"}` }));
    doc.events.forEach((e) => spans.push({ start: e.evidence.start, end: e.evidence.end, kind: "event", id: e.id,
      label: `${e.id} ${e.type}${e.source ? ": " + e.source.name : ""}${e.target ? " → " + e.target.name : ""}` }));
    doc.actors.forEach((a) => (a.mentions || []).forEach((m) => spans.push({ start: Array.isArray(m) ? m[0] : m.start,
      end: Array.isArray(m) ? m[1] : m.end, kind: "actor", id: a.id, label: `${a.id} ${a.name}` })));
    return spans.filter((s) => Number.isInteger(s.start) && Number.isInteger(s.end) && s.end > s.start);
  }

  function renderText(box, text, spans) {
    const cuts = new Set([0, text.length]);
    spans.forEach((s) => { cuts.add(s.start); cuts.add(s.end); });
    const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);
    // spans sorted by start let each piece find its covering spans without scanning all of them
    const byStart = [...spans].sort((a, b) => a.start - b.start);
    let open = [], next = 0;
    for (let i = 0; i + 1 < points.length; i++) {
      const [a, b] = [points[i], points[i + 1]];
      while (next < byStart.length && byStart[next].start <= a) open.push(byStart[next++]);
      open = open.filter((s) => s.end > a);
      const covering = open.filter((s) => s.start <= a && b <= s.end);
      const piece = text.slice(a, b);
      if (!covering.length) { box.appendChild(document.createTextNode(piece)); continue; }
      const mark = el("mark", { class: [...new Set(covering.map((s) => s.kind))].join(" "), "data-start": a, "data-end": b,
        "data-ids": [...new Set(covering.map((s) => s.id))].join(" "), title: covering.map((s) => s.label).join("\n") }, piece);
      mark.addEventListener("click", () => select(covering.find((s) => s.kind !== "actor") || covering[0], true));
      box.appendChild(mark);
    }
  }

  function clear() {
    document.querySelectorAll("mark.active, tr.active").forEach((n) => n.classList.remove("active"));
  }

  function activateRange(start, end, scroll) {
    const marks = [...document.querySelectorAll("#articleText mark")].filter((m) => +m.dataset.start >= start && +m.dataset.end <= end);
    marks.forEach((m) => m.classList.add("active"));
    if (scroll && marks.length) marks[0].scrollIntoView({ block: "center" });
    return marks.length;
  }

  function select(span, fromText) {
    clear();
    activateRange(span.start, span.end, !fromText);
    const row = document.getElementById("rec-" + span.id);
    if (row) { row.classList.add("active"); if (fromText) row.scrollIntoView({ block: "center" }); }
  }

  function party(p) { return p ? actorLink(p.name, p.code) : ""; }

  async function show(docId, params) {
    const doc = await api("/v1/documents/" + encodeURIComponent(docId));
    const d = doc.document, spans = spansOf(doc);
    const s0 = params.get("s") != null ? +params.get("s") : null, e0 = s0 != null ? +params.get("e") : null;
    if (s0 != null && e0 > s0) {  // evidence followed from elsewhere (a story, an alert): its exact range is marked
      spans.push({ start: s0, end: e0, kind: "target", id: "_target", label: "the evidence you followed" });
    }
    const byId = Object.fromEntries(spans.filter((s) => s.kind !== "actor").map((s) => [s.id, s]));
    const events = Object.fromEntries(doc.events.map((e) => [e.id, e]));
    const box = el("div", { class: "article", id: "articleText" });
    renderText(box, doc.text, spans);
    const rowFor = (id) => ({ id: "rec-" + id, class: "record", onclick: () => byId[id] && select(byId[id], false) });
    const side = (label, e) => el("div", { class: "side" }, label, ": ", party(e.source), " — ",
      el("a", { href: "#", onclick: (ev) => { ev.preventDefault(); select(byId[e.id], false); }, class: "evidence" }, e.evidence.text));
    view.replaceChildren(
      el("h1", {}, d.title || "(untitled)"),
      el("p", { class: "meta" }, [day(d.published), d.source, d.dateline, doc.origin].filter(Boolean).join(" · "),
        " · ", el("span", { class: "muted" }, d.id.slice(0, 16))),
      el("p", { class: "legend" }, "highlights: ", el("mark", { class: "quote" }, "quote"), " ", el("mark", { class: "event" }, "event"),
        " ", el("mark", { class: "quote event" }, "both"), " ", el("mark", { class: "actor" }, "actor"), " — click one to select its record"),
      box,
      el("h2", {}, `Quotes (${doc.quotes.length})`),
      table(["id", "speaker", "cue", "attribution", "quote"], doc.quotes.map((q) => [q.id,
        q.speaker ? actorLink(q.speaker.name) : "(unknown)", q.cue ? q.cue.text : "", q.attribution || q.kind, q.text]),
      { rowAttrs: (i) => rowFor(doc.quotes[i].id) }),
      el("h2", {}, `Events (${doc.events.length})`),
      table(["id", "type", "source", "target", "Goldstein", "polarity", "date", "evidence"], doc.events.map((e) => [e.id,
        e.type + (e.cameo ? " (" + e.cameo + ")" : ""), party(e.source), party(e.target), fmt(e.goldstein), e.polarity,
        e.date || e.date_text || "", e.evidence.text]), { rowAttrs: (i) => rowFor(doc.events[i].id) }),
      el("h2", {}, `Disputes (${doc.disputes.length})`),
      el("div", { id: "disputes" }, doc.disputes.length ? doc.disputes.map((x) => el("div", { class: "dispute" },
        el("b", {}, x.summary), events[x.claim] ? side("claim", events[x.claim]) : "",
        events[x.counter] ? side("denial", events[x.counter]) : "")) : el("p", { class: "muted" }, "none")),
      el("h2", {}, `Actors (${doc.actors.length})`),
      table(["id", "name", "kind", "code", "title", "mentions"], doc.actors.map((a) => [a.id, actorLink(a.name), a.kind,
        a.code || "", a.title || "", (a.mentions || []).length]), { rowAttrs: (i) => ({ id: "rec-" + doc.actors[i].id }) }));
    const hl = params.get("hl");
    if (hl && byId[hl]) select(byId[hl], false);
    else if (s0 != null) { clear(); activateRange(s0, e0, true); }
  }

  window.reader = { show, spansOf };
})();
