// Stories (GET /v1/stories, /v1/stories/{id}; the shape of issue 14): the list, and a story's timeline chart,
// articles, merged events with their mentions, disputes with both sides' evidence, quotes and actors.
"use strict";
(function () {
  const { el, link, table, api, actorLink, docHref, day, view } = window.ui;

  const nameOf = (p) => (p == null ? "" : typeof p === "string" ? p : p.name || p.canonical || p.label || p.id || "");
  const codeOf = (p) => (p && typeof p === "object" ? p.code : null);
  const party = (p) => (nameOf(p) ? actorLink(nameOf(p), codeOf(p)) : "");

  function missing(err) {
    if (err.status === 404 && /not found/i.test(err.message)) {
      view.replaceChildren(el("h1", {}, "Stories"), el("p", { id: "noStories", class: "muted" },
        "Stories are not available from this server (no /v1/stories route in this build)."));
      return true;
    }
    return false;
  }

  function mentionLinks(m) {
    const list = m.mentions || m.appearances || (Array.isArray(m.evidence) ? m.evidence : m.evidence ? [m.evidence] : []);
    return list.map((x) => {
      const ev = x.evidence && typeof x.evidence === "object" ? x.evidence : x;
      const docId = x.doc_id || x.document || ev.doc_id;
      const text = ev.text || x.text || "(evidence)";
      if (!docId) return el("div", {}, text);
      const params = ev.start != null ? { s: ev.start, e: ev.end } : x.id || x.event ? { hl: x.id || x.event } : null;
      return el("div", { class: "mention" }, link(docHref(docId, params), text));
    });
  }

  function sideOf(d, which) {
    const s = d[which] || d[which === "claim" ? "assertion" : "denial"];
    if (s && typeof s === "object") {
      const ev = s.evidence && typeof s.evidence === "object" ? s.evidence : s;
      return { by: nameOf(s.by || s.source || s.speaker || s.claimed_by || s.denied_by), docId: s.doc_id || ev.doc_id,
               start: ev.start, end: ev.end, text: ev.text || s.text, id: s.id || s.event };
    }
    const pre = which === "claim" ? "claim" : "counter";  // the store's flat cross-document shape
    return { by: d[which === "claim" ? "claimed_by" : "denied_by"], docId: d[pre + "_doc"], text: d[pre + "_evidence"],
             id: d[pre] };
  }

  function disputeBox(d) {
    const side = (label, s) => el("div", { class: "side" }, el("b", {}, label), ": ", s.by || "(unknown)", " — ",
      s.docId ? link(docHref(s.docId, s.start != null ? { s: s.start, e: s.end } : s.id ? { hl: s.id } : null), s.text || "(evidence)")
        : s.text || "");
    return el("div", { class: "dispute" }, el("div", {}, d.summary || d.type || "dispute"),
      side("asserted", sideOf(d, "claim")), side("denied", sideOf(d, "counter")));
  }

  async function list(params) {
    let data;
    try { data = await api("/v1/stories" + (params.toString() ? "?" + params : "")); } catch (err) {
      if (missing(err)) return; throw err;
    }
    const rows = Array.isArray(data) ? data : data.stories || data.rows || [];
    view.replaceChildren(el("h1", {}, "Stories"), table(["first seen", "last seen", "story", "articles", "events"],
      rows.map((s) => [day(s.first_seen), day(s.last_seen), link("#/story/" + encodeURIComponent(s.id), s.title),
        s.num_documents ?? (s.documents || []).length, s.num_events ?? (s.events || []).length]),
      { empty: "no stories yet" }));
  }

  async function show(id) {
    let s;
    try { s = await api("/v1/stories/" + encodeURIComponent(id)); } catch (err) {
      if (missing(err)) return; throw err;
    }
    const timeline = s.timeline || [];
    const perDay = {};
    timeline.forEach((t) => { const k = day(t.date || t.day || t.first_seen) || "undated"; perDay[k] = (perDay[k] || 0) + 1; });
    const chart = el("div", { id: "storyChart" });
    const events = s.events || [];
    view.replaceChildren(
      el("h1", {}, s.title || "(untitled story)"),
      el("p", { class: "meta" }, `${day(s.first_seen)} – ${day(s.last_seen)} · ${(s.documents || []).length} articles · ` +
        `${events.length} events · ${(s.disputes || []).length} disputes`),
      el("h2", {}, "Timeline (by the date things happened)"), chart,
      table(["date", "what", "record"], timeline.map((t) => [day(t.date || t.day) || t.date_text || "",
        t.kind || t.type || "", t.summary || t.text || t.title || nameOf(t.source) + " " + (t.type || "")])),
      el("h2", {}, "Articles"),
      table(["published", "title", "source"], (s.documents || []).map((d) => [day(d.published),
        link(docHref(d.doc_id), d.title), d.source || ""])),
      el("h2", {}, "Events, merged across articles"),
      table(["type", "source", "target", "date", "articles", "outlets", "mentions", "first seen", "last seen", "evidence"],
        events.map((e) => [e.type || "", party(e.source || e.source_name), party(e.target || e.target_name),
          day(e.date) || e.date_text || "", e.num_articles ?? "", e.num_sources ?? "", e.num_mentions ?? "",
          day(e.first_seen), day(e.last_seen), el("div", {}, mentionLinks(e))]), { rowAttrs: () => ({ class: "story-event" }) }),
      el("h2", {}, "Disputes"),
      el("div", { id: "storyDisputes" }, (s.disputes || []).length ? s.disputes.map(disputeBox) : el("p", { class: "muted" }, "none")),
      el("h2", {}, "Statements"),
      table(["speaker", "statement", "appearances"], (s.quotes || []).map((q) => [party(q.speaker || q.speaker_name),
        q.text || "", el("div", {}, mentionLinks(q))])),
      el("h2", {}, "Actors"),
      el("p", {}, (s.actors || []).map((a, i) => [i ? ", " : "", party(a)])));
    const items = Object.entries(perDay).filter(([k]) => k !== "undated").sort(([a], [b]) => (a < b ? -1 : 1));
    window.charts.barChart(chart, items.map(([k, v]) => ({ label: k, value: v })), { unit: "records" });
  }

  window.stories = { list, show };
})();
