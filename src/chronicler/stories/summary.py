"""A story's summary, what an analyst reads first: what happened, who said what, who is involved, where the
outlets differ, and when. Pure functions over the story's view (chronicler.stories.view).

Records are ranked by how many outlets carried them, then by how many articles, then by the extractor's
confidence (calibrated on main: what clears the events' default threshold ranks above what does not), so the
summary is made of what several outlets report and the extractor is surest of. Claims one outlet reports and
no other does are shown only where the extractor is fairly sure of them (``SURE``). The full lists stay in the
view (and paged through the API).
"""
from __future__ import annotations

from collections import Counter
from datetime import date, timedelta
from typing import Any

WHAT = 5  # merged events in "what happened"
SPEAKERS = 4  # speakers in "who said what", each with their STATEMENTS main statements
STATEMENTS = 2
ACTORS = 8
DISPUTES = 3
ONLY_ONE = 2  # claims per outlet that one outlet alone reports
SURE = 0.5  # confidence a claim one outlet alone reports needs to be shown as a difference
LONG = 240  # characters of a statement shown in the summary
AROUND = 7  # days either side of the coverage the chart of events by day shows


def _party(p: dict[str, Any] | None, codes: dict[str, str | None]) -> dict[str, Any] | None:
    if not p:
        return None
    return {"actor": p.get("actor"), "name": p.get("name"), "code": p.get("code") or codes.get(p.get("actor") or "")}


def _evidence(m: dict[str, Any]) -> dict[str, Any]:
    return {k: m.get(k) for k in ("doc_id", "start", "end", "text", "source", "published")}


def _event_rank(e: dict[str, Any]) -> tuple:
    return (-e["num_sources"], -e["num_articles"], -(e.get("confidence") or 0.0), -e["num_mentions"],
            int(e["id"][1:]))


def _event(e: dict[str, Any], codes: dict[str, str | None]) -> dict[str, Any]:
    best = max(e["mentions"], key=lambda m: (m.get("confidence") or 0.0, len(m["text"])))  # the fuller words
    return {"id": e["id"], "type": e["type"], "polarity": e["polarity"], "modality": e["modality"],
            "source": _party(e["source"], codes), "target": _party(e["target"], codes), "date": e["date"],
            "num_sources": e["num_sources"], "num_articles": e["num_articles"], "num_mentions": e["num_mentions"],
            "confidence": e.get("confidence"), "outlets": e["outlets"], "evidence": _evidence(best)}


def _statement(q: dict[str, Any]) -> dict[str, Any]:
    text = q["text"] if len(q["text"]) <= LONG else q["text"][:LONG - 1].rstrip() + "…"
    return {"id": q["id"], "text": text, "kind": q["kind"], "num_sources": q["num_sources"],
            "num_articles": q["num_articles"], "outlets": q["outlets"], "evidence": _evidence(q["mentions"][0])}


def _quote_rank(q: dict[str, Any]) -> tuple:
    return (-q["num_sources"], -q["num_articles"], q["kind"] != "direct", q.get("attribution") != "speech",
            int(q["id"][1:]))


def who_said_what(quotes: list[dict[str, Any]], codes: dict[str, str | None],
                  names: dict[str, str] | None = None) -> list[dict[str, Any]]:
    """Speakers by the outlets that carried their statements, then by how many they made; each with their
    main statements."""
    by: dict[str, list[dict[str, Any]]] = {}
    for q in quotes:
        sp = q["speaker"] or {}
        key = sp.get("actor") or (sp.get("name") or "").strip().lower()
        if key:
            by.setdefault(key, []).append(q)
    rows = []
    for key, qs in by.items():
        qs = sorted(qs, key=_quote_rank)
        outlets = sorted({o for q in qs for o in q["outlets"]})
        actor = qs[0]["speaker"].get("actor")
        name = (names or {}).get(actor or "") or next((q["speaker"]["name"] for q in qs if q["speaker"].get("name")),
                                                      key)
        rows.append({"speaker": {"actor": actor, "name": name, "code": codes.get(actor or "")},
                     "outlets": outlets, "num_statements": len(qs),
                     "statements": [_statement(q) for q in qs[:STATEMENTS]]})
    rows.sort(key=lambda r: (-len(r["outlets"]), -r["num_statements"], r["speaker"]["name"]))
    return rows[:SPEAKERS]


def where_outlets_differ(story: dict[str, Any], codes: dict[str, str | None]) -> dict[str, Any]:
    """Disputes (one party asserts, another denies), and, where the story has two outlets or more, the claims
    one outlet reports and no other does (its surest events and its named speakers' quotations)."""
    disputes = [{"id": d["id"], "type": d["type"], "claimed_by": d["claimed_by"], "denied_by": d["denied_by"],
                 "across": d["across"], "claim": _evidence(d["claim_evidence"][0]),
                 "counter": _evidence(d["counter_evidence"][0]),
                 "outlets": sorted({m.get("source") or "unknown outlet"
                                    for m in d["claim_evidence"] + d["counter_evidence"]})}
                for d in story["disputes"][:DISPUTES]]
    outlets = sorted({d["source"] or "unknown outlet" for d in story["documents"]})
    only: list[dict[str, Any]] = []
    if len(outlets) >= 2:
        for outlet in outlets:
            events = sorted((e for e in story["events"] if e["num_sources"] == 1 and e["outlets"] == [outlet]
                             and (e.get("confidence") or 0.0) >= SURE and e["source"].get("name")),
                            key=_event_rank)
            quotes = sorted((q for q in story["quotes"] if q["num_sources"] == 1 and q["outlets"] == [outlet]
                             and q["kind"] != "indirect" and (q["speaker"] or {}).get("actor")), key=_quote_rank)
            if events or quotes:
                only.append({"outlet": outlet, "events": [_event(e, codes) for e in events[:ONLY_ONE]],
                             "statements": [{**_statement(q), "speaker": q["speaker"]} for q in quotes[:ONLY_ONE]],
                             "num_events": len(events), "num_statements": len(quotes)})
    return {"disputes": disputes, "num_disputes": len(story["disputes"]), "only_one_outlet": only}


def when(story: dict[str, Any]) -> dict[str, Any]:
    """Publication span, the span of the dated events, and the event mentions by the day they happened (else
    the day reported) and outlet, for a chart: the days of the coverage, ``AROUND`` days either side; mentions
    of what happened before or after (background, plans) are counted apart."""
    happened = sorted(e["date"] for e in story["events"] if e["date"])
    first, last = (date.fromisoformat(str(story[k])[:10]) if story[k] else None for k in ("first_seen", "last_seen"))
    cells: Counter[tuple[str, str]] = Counter()
    apart = {"before": 0, "after": 0}
    for e in story["events"]:
        for m in e["mentions"]:
            day = m.get("date") or m.get("published")
            if not day:
                continue
            d = date.fromisoformat(str(day)[:10])
            if first and d < first - timedelta(days=AROUND):
                apart["before"] += 1
            elif last and d > last + timedelta(days=AROUND):
                apart["after"] += 1
            else:
                cells[(d.isoformat(), m.get("source") or "unknown outlet")] += 1
    return {"first_seen": story["first_seen"], "last_seen": story["last_seen"],
            "first_event": happened[0] if happened else None, "last_event": happened[-1] if happened else None,
            "by_day": [{"day": d, "outlet": o, "events": n} for (d, o), n in sorted(cells.items())], **apart}


def ranked(section: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A full list in the summary's order: events and statements by outlets, articles, confidence; the others
    as they are (actors by articles, documents by date, the timeline by day)."""
    if section == "events":
        return sorted(rows, key=_event_rank)
    if section == "quotes":
        return sorted(rows, key=_quote_rank)
    return rows


def summarize(story: dict[str, Any]) -> dict[str, Any]:
    codes = {a["id"]: a.get("code") for a in story["actors"]}
    outlets = Counter(d["source"] or "unknown outlet" for d in story["documents"])
    events = sorted(story["events"], key=_event_rank)
    shared = [e for e in events if e["num_sources"] >= 2] or events
    return {
        "outlets": [{"outlet": o, "articles": n} for o, n in sorted(outlets.items(), key=lambda x: (-x[1], x[0]))],
        "counts": {k: len(story[k]) for k in ("documents", "events", "quotes", "actors", "disputes")},
        "what_happened": [_event(e, codes) for e in shared[:WHAT]],
        "who_said_what": who_said_what(story["quotes"], codes, {a["id"]: a["name"] for a in story["actors"]}),
        "who_is_involved": [{k: a.get(k) for k in ("id", "name", "kind", "country", "code", "documents", "mentions")}
                            for a in story["actors"][:ACTORS]],
        "where_outlets_differ": where_outlets_differ(story, codes),
        "when": when(story),
    }
