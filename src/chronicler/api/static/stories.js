// Stories (GET /v1/stories, /v1/stories/{id}/summary, /v1/stories/{id}/{list}): the list; a story's page, its
// summary first (what happened, who said what, who is involved, where the outlets differ, when, with events by
// day and outlet), its articles and the start of its timeline; each full list one click away, a page at a time.
"use strict";
(function () {
  const { el, link, table, api, actorLink, docHref, day, view, setHash } = window.ui;
  const enc = encodeURIComponent;
  const PAGE = 25;
  const LISTS = { events: "Events, merged across articles", quotes: "Statements", actors: "Actors",
                  disputes: "Disputes", documents: "Articles", timeline: "Timeline (by the date things happened)" };

  const nameOf = (p) => (p == null ? "" : typeof p === "string" ? p : p.name || p.id || "");
  const party = (p) => (nameOf(p) ? actorLink(nameOf(p), p.code) : "");
  const storyHref = (id, list, params) => "#/story/" + enc(id) + (list ? "/" + list : "") +
    (params ? "?" + new URLSearchParams(params) : "");
  const evidenceLink = (ev, text) => link(docHref(ev.doc_id, { s: ev.start, e: ev.end }), text || ev.text);
  const outletsBadge = (outlets) => el("span", { class: "badge", title: outlets.join(", ") },
    outlets.length === 1 ? outlets[0] : `${outlets.length} outlets`);
  const pct = (v) => (v == null ? "" : Number(v).toFixed(2));
  const n = (k, noun) => `${k} ${noun}${k === 1 ? "" : "s"}`;
  const quoted = (t) => (/^[“"‘']/.test(t) ? t : "“" + t + "”");

  function missing(err) {
    if (err.status === 404 && /not found/i.test(err.message)) {
      view.replaceChildren(el("h1", {}, "Stories"), el("p", { id: "noStories", class: "muted" },
        "Stories are not available from this server (no /v1/stories route in this build)."));
      return true;
    }
    return false;
  }

  async function list(params) {
    if (params.get("by") === "topic") return topicList();
    let data;
    try { data = await api("/v1/stories" + (params.toString() ? "?" + params : "")); } catch (err) {
      if (missing(err)) return; throw err;
    }
    const rows = Array.isArray(data) ? data : data.stories || data.rows || [];
    view.replaceChildren(el("h1", {}, "Stories"), switcher(false),
      table(["first seen", "last seen", "story", "articles", "outlets"],
        rows.map((s) => [day(s.first_seen), day(s.last_seen), link(storyHref(s.id), s.title),
          s.num_documents ?? (s.documents || []).length, s.num_sources ?? ""]),
        { empty: "no stories yet" }));
  }

  const switcher = (topics) => el("p", { class: "meta", id: "storyViews" }, "One matter per story",
    topics ? [" (", link("#/stories", "stories"), ") · topics: the stories of one subject"]
      : [" · ", link("#/stories?by=topic", "topics: the stories of one subject grouped")]);

  async function topicList() {
    const topics = await api("/v1/topics");
    view.replaceChildren(el("h1", {}, "Topics"), switcher(true),
      ...(topics.length ? topics.map((t) => el("section", { class: "topic" },
        el("h2", {}, t.title || "(untitled)", " ", el("span", { class: "muted" },
          `${day(t.first_seen)} – ${day(t.last_seen)} · ${n(t.num_stories, "story").replace("storys", "stories")} · ` +
          n(t.num_documents, "article"))),
        table(["first seen", "story", "articles"], t.stories.map((s) => [day(s.first_seen), link(storyHref(s.id), s.title),
          s.num_documents]), { rowAttrs: () => ({ class: "topic-story" }) })))
        : [el("p", { class: "muted" }, "no topic of two stories or more")]));
  }

  // -- the summary -------------------------------------------------------------------------------------------
  function eventLine(e) {
    return el("li", { class: "story-event" },
      el("div", { class: "what" }, el("span", { class: "date" }, day(e.date) || "undated"), " ", party(e.source), " ",
        el("b", {}, (e.polarity === "negated" ? "not " : "") + e.type), e.target ? [" ", party(e.target)] : "", " ",
        outletsBadge(e.outlets), el("span", { class: "muted" }, " " + n(e.num_articles, "article"))),
      el("div", { class: "mention clip" }, evidenceLink(e.evidence, quoted(e.evidence.text)),
        el("span", { class: "muted" }, ` — ${e.evidence.source || "unknown outlet"}`)));
  }

  function speakerBlock(r) {
    return el("li", { class: "speaker" },
      el("div", {}, party(r.speaker), " ", outletsBadge(r.outlets),
        el("span", { class: "muted" }, " " + n(r.num_statements, "statement"))),
      r.statements.map((q) => el("div", { class: "statement clip", title: q.text },
        evidenceLink(q.evidence, q.text), el("span", { class: "muted" }, " — " + q.outlets.join(", ")))));
  }

  function disputeBox(d) {
    const side = (label, who, ev) => el("div", { class: "side clip" }, el("b", {}, label), " ", who || "(unknown)", ": ",
      evidenceLink(ev, quoted(ev.text)), el("span", { class: "muted" }, ` — ${ev.source || "unknown outlet"}`));
    return el("div", { class: "dispute" }, el("div", {}, el("b", {}, d.type), d.across ? " · across articles" : ""),
      side("asserts", nameOf(d.claimed_by), d.claim), side("denies", nameOf(d.denied_by), d.counter));
  }

  function onlyOne(o) {
    return el("div", { class: "only-one" }, el("div", {}, "Only ", el("b", {}, o.outlet), " reports ",
      el("span", { class: "muted" }, `(${n(o.num_events, "event")}, ${n(o.num_statements, "quotation")})`)),
      el("ul", {}, o.events.slice(0, o.statements.length ? 1 : 2).map((e) => el("li", { class: "clip" }, party(e.source), " ", el("b", {}, e.type),
        e.target ? [" ", party(e.target)] : "", ": ", evidenceLink(e.evidence, quoted(e.evidence.text)))),
      o.statements.slice(0, o.events.length ? 1 : 2).map((q) => el("li", { class: "clip", title: q.text }, party(q.speaker), ": ",
        evidenceLink(q.evidence, q.text)))));
  }

  function summary(s, id) {
    const S = s.summary, differ = S.where_outlets_differ, when = S.when;
    const chart = el("div", { id: "storyChart" });
    const shown = differ.only_one_outlet.slice(0, 2);
    const box = el("section", { id: "storySummary", class: "summary" },
      el("div", {},
        el("h2", {}, "What happened"), el("ol", { id: "whatHappened", class: "plain" }, S.what_happened.map(eventLine)),
        el("h2", {}, "Who said what"), el("ul", { id: "whoSaid", class: "plain" }, S.who_said_what.length
          ? S.who_said_what.map(speakerBlock) : el("li", { class: "muted" }, "no attributed statements"))),
      el("div", {},
        el("h2", {}, "Who is involved"), el("div", { id: "whoInvolved", class: "chips" }, S.who_is_involved.map((a) =>
          el("span", { class: "chip", title: `${a.kind}, ${a.documents} articles, ${a.mentions} mentions` },
            actorLink(a.name, a.code)))),
        el("h2", {}, "Where the outlets differ"),
        el("div", { id: "outletsDiffer" },
          differ.disputes.map(disputeBox), shown.map(onlyOne),
          differ.only_one_outlet.length > shown.length ? el("div", { class: "muted" },
            `and ${differ.only_one_outlet.length - shown.length} more outlets with claims of their own`) : "",
          !differ.disputes.length && !shown.length ? el("p", { class: "muted" },
            S.outlets.length < 2 ? "one outlet so far" : "no dispute, no claim one outlet alone reports") : "",
          differ.num_disputes > differ.disputes.length
            ? link(storyHref(id, "disputes"), `all ${differ.num_disputes} disputes →`) : ""),
        el("h2", {}, "When"),
        el("p", { id: "storyWhen", class: "meta" }, `published ${day(when.first_seen)} – ${day(when.last_seen)}`,
          when.first_event ? ` · events dated ${day(when.first_event)} – ${day(when.last_event)}` : " · no dated event",
          when.before || when.after ? ` · event mentions dated well before: ${when.before}, after: ${when.after}` : ""),
        chart));
    return { box, chart };
  }

  async function show(id) {
    let s;
    try { s = await api("/v1/stories/" + enc(id) + "/summary"); } catch (err) {
      if (missing(err)) return; throw err;
    }
    const S = s.summary, totals = s.totals;
    const { box, chart } = summary(s, id);
    const all = (k, label) => link(storyHref(id, k), `${label} (${totals[k]}) →`);
    view.replaceChildren(
      el("h1", {}, s.title || "(untitled story)"),
      el("p", { class: "meta" }, `${day(s.first_seen)} – ${day(s.last_seen)} · ${n(totals.documents, "article")} from ` +
        `${n(S.outlets.length, "outlet")} (${S.outlets.map((o) => o.outlet + " " + o.articles).join(", ")}) · ` +
        `${n(totals.events, "event")} · ${n(totals.quotes, "statement")} · ${n(totals.disputes, "dispute")}`),
      box,
      el("div", { id: "showAll", class: "show-all" }, "Show all: ", all("events", "events"), " · ",
        all("quotes", "statements"), " · ", all("actors", "actors"), " · ", all("disputes", "disputes"), " · ",
        all("timeline", "timeline"), " · ", all("documents", "articles")),
      el("h2", {}, "Articles"),
      table(["published", "outlet", "title"], s.documents.map((d) => [day(d.published), d.source || "",
        link(docHref(d.doc_id), d.title)]), { rowAttrs: () => ({ class: "story-doc" }) }),
      totals.documents > s.documents.length ? link(storyHref(id, "documents"), `all ${totals.documents} articles →`) : "",
      el("h2", {}, "Timeline, first entries"),
      timelineTable(s.timeline),
      totals.timeline > s.timeline.length ? link(storyHref(id, "timeline"), `the whole timeline (${totals.timeline}) →`) : "");
    drawByDay(chart, S.when.by_day);
  }

  function drawByDay(chart, cells) {
    const days = [...new Set(cells.map((c) => c.day))].sort();
    const outlets = [...new Set(cells.map((c) => c.outlet))].sort();
    const value = {};
    cells.forEach((c) => { value[c.day + "\u0000" + c.outlet] = c.events; });
    window.charts.stackedBars(chart, days, outlets.map((o) => ({ label: o, values: days.map((d) => value[d + "\u0000" + o] || 0) })),
      { unit: "event mentions", height: 120 });
  }

  function timelineTable(rows) {
    return table(["date", "", "what", "articles"], rows.map((t) => [day(t.date) || "", t.date_basis === "reported" ? "reported" : "",
      t.summary || "", t.num_articles]), { empty: "nothing dated" });
  }

  // -- a full list, a page at a time -------------------------------------------------------------------------
  const COLUMNS = {
    events: [["date", "type", "source", "target", "outlets", "articles", "mentions", "confidence", "evidence"], (e) => [
      day(e.date) || "", (e.polarity === "negated" ? "not " : "") + e.type, party(e.source), party(e.target),
      outletsBadge(e.outlets), e.num_articles, e.num_mentions, pct(e.confidence),
      el("div", {}, e.mentions.map((m) => el("div", { class: "mention" }, evidenceLink(m),
        el("span", { class: "muted" }, " — " + (m.source || "unknown outlet")))))], "story-event"],
    quotes: [["speaker", "statement", "kind", "outlets", "appearances"], (q) => [party(q.speaker), q.text, q.kind,
      outletsBadge(q.outlets), el("div", {}, q.mentions.map((m) => el("div", { class: "mention" },
        link(docHref(m.doc_id, { s: m.start, e: m.end }), m.source || "(article)"))))], "story-quote"],
    actors: [["actor", "kind", "country", "code", "articles", "mentions", "also called"], (a) => [actorLink(a.name, a.code),
      a.kind, a.country || "", a.code || "", a.documents, a.mentions, (a.aliases || []).join("; ")], "story-actor"],
    disputes: [["type", "asserted by", "evidence", "denied by", "evidence"], (d) => [d.type, nameOf(d.claimed_by),
      el("div", {}, d.claim_evidence.map((m) => el("div", { class: "mention" }, evidenceLink(m)))), nameOf(d.denied_by),
      el("div", {}, d.counter_evidence.map((m) => el("div", { class: "mention" }, evidenceLink(m))))], "story-dispute"],
    documents: [["published", "outlet", "title"], (d) => [day(d.published), d.source || "", link(docHref(d.doc_id), d.title)],
      "story-doc"],
    timeline: [["date", "", "what", "articles"], (t) => [day(t.date) || "", t.date_basis === "reported" ? "reported" : "",
      t.summary || "", t.num_articles], "story-time"],
  };

  async function section(id, name, params) {
    const offset = +(params.get("offset") || 0), size = Math.min(500, Math.max(1, +(params.get("limit") || PAGE)));
    const data = await api(`/v1/stories/${enc(id)}/${enc(name)}?offset=${offset}&limit=${size}`);
    const [headers, row, cls] = COLUMNS[name];
    view.replaceChildren(
      el("p", {}, link(storyHref(id), "← the story's summary")),
      el("h1", {}, LISTS[name]),
      window.ui.pager(data.total, offset, size, (o) => setHash(storyHref(id, name),
        size === PAGE ? { offset: o } : { offset: o, limit: size })),
      table(headers, data.rows.map(row), { rowAttrs: () => ({ class: cls }) }));
  }

  window.stories = { list, show, section, LISTS };
})();
