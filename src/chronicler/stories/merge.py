"""Merged records of a story: the same event, or the same statement, reported by several articles.

Events merge when they have the same type and polarity, the same parties (by canonical actor, else by
country; a missing target only matches a missing target), dates at most ``EVENT_DAYS`` apart (an unknown
date does not exclude) and compatible places (``_places_agree``). Quotes merge
when their words are the same or nearly (word-set overlap ``SAME_WORDS``, or one contains the other) and
their speakers do not conflict, or when the same speaker's indirect content overlaps by ``SAME_CONTENT``.
Every mention keeps its document and offsets. Pure functions over the stored contracts.
"""
from __future__ import annotations

import re
from datetime import date
from typing import Any

from chronicler.stories.text import fold, terms

EVENT_DAYS = 2
SAME_WORDS = 0.8
SAME_CONTENT = 0.5

Docs = list[dict[str, Any]]  # {doc_id, record_id, title, source, published, result}


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _party(p: dict[str, Any] | None, doc_id: str, actors: dict[tuple[str, str], str]) -> dict[str, Any] | None:
    if not p:
        return None
    return {"actor": actors.get((doc_id, p.get("actor") or "")), "name": p.get("name"),
            "country": p.get("country"), "code": p.get("code")}


def _same_party(a: dict[str, Any] | None, b: dict[str, Any] | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    if a["actor"] and a["actor"] == b["actor"]:
        return True
    return bool(a["country"]) and a["country"] == b["country"]


def _sources(docs: list[dict[str, Any]]) -> int:
    """Distinct outlets; a document without a known source counts as an outlet of its own."""
    return len({d["source"] or f"doc:{d['doc_id']}" for d in docs})


def _outlets(docs: list[dict[str, Any]]) -> list[str]:
    """The outlets that carried a record, by name (a document without a known source: unknown outlet)."""
    return sorted({d.get("source") or "unknown outlet" for d in docs})


def _seen(docs: list[dict[str, Any]]) -> tuple[str | None, str | None]:
    days = sorted(str(d["published"]) for d in docs if d.get("published"))
    return (days[0], days[-1]) if days else (None, None)


def merged_events(docs: Docs, actors: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for d in docs:
        for e in d["result"]["events"]:
            src, tgt = _party(e["source"], d["doc_id"], actors), _party(e.get("target"), d["doc_id"], actors)
            day, place = _day(e.get("date")), (e.get("location") or {}).get("country")
            mention = {"doc_id": d["doc_id"], "event": e["id"], "start": e["evidence"]["start"],
                       "end": e["evidence"]["end"], "text": e["evidence"]["text"], "date": e.get("date"),
                       "published": _iso(d.get("published")), "source": d.get("source"),
                       "confidence": e.get("confidence")}
            for g in groups:
                if (g["type"] == e["type"] and g["polarity"] == e["polarity"] and _same_party(g["source"], src)
                        and _same_party(g["target"], tgt)
                        and all(abs((day - k).days) <= EVENT_DAYS for k in g["_days"] if day)
                        and _places_agree(place, g["_places"], src, tgt)):
                    break
            else:
                g = {"type": e["type"], "cameo": e.get("cameo"), "quad_class": e["quad_class"],
                     "goldstein": e.get("goldstein"), "polarity": e["polarity"], "modality": e["modality"],
                     "source": src, "target": tgt, "_days": set(), "_places": set(), "_docs": {}, "mentions": [],
                     "location": e.get("location")}
                groups.append(g)
            if day:
                g["_days"].add(day)
            if place:
                g["_places"].add(place)
            g["_docs"][d["doc_id"]] = d
            g["mentions"].append(mention)
    return [_finish(f"E{n}", g) for n, g in enumerate(groups, 1)]


def _places_agree(place: str | None, places: set[str], src: dict[str, Any] | None,
                  tgt: dict[str, Any] | None) -> bool:
    """Places conflict only when both are known, in different countries, and the new one is neither party's
    country (an outlet filing from Havana and one from Washington report the same US-Cuba talks)."""
    if not place or not places or place in places:
        return True
    return place in {(p or {}).get("country") for p in (src, tgt)} and bool(places & {
        (p or {}).get("country") for p in (src, tgt)})


def _finish(gid: str, g: dict[str, Any]) -> dict[str, Any]:
    docs = list(g.pop("_docs").values())
    days = sorted(g.pop("_days"))
    g.pop("_places")
    first, last = _seen(docs)
    scores = [m["confidence"] for m in g["mentions"] if m.get("confidence") is not None]
    return {"id": gid, **g, "date": days[0].isoformat() if days else None,
            "confidence": max(scores) if scores else None, "outlets": _outlets(docs),
            "num_articles": len(docs), "num_sources": _sources(docs), "num_mentions": len(g["mentions"]),
            "first_seen": first, "last_seen": last}


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def _word_list(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", fold(text))


def _same_words(a: list[str], b: list[str]) -> bool:
    sa, sb = set(a), set(b)
    if not sa or not sb:
        return False
    if len(sa & sb) / len(sa | sb) >= SAME_WORDS:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 5 and " ".join(short) in " ".join(long)


def merged_quotes(docs: Docs, actors: dict[tuple[str, str], str]) -> list[dict[str, Any]]:
    groups: list[dict[str, Any]] = []
    for d in docs:
        for q in d["result"]["quotes"]:
            sp = q.get("speaker") or {}
            speaker = actors.get((d["doc_id"], sp.get("actor") or ""))
            words, content = _word_list(q["text"]), set(terms(q["text"]))
            for g in groups:
                if g["speaker"]["actor"] and speaker and g["speaker"]["actor"] != speaker:
                    continue
                if _same_words(g["_words"], words):
                    break
                if (speaker and g["speaker"]["actor"] == speaker and q["kind"] != "direct" and content
                        and len(content & g["_content"]) / len(content | g["_content"]) >= SAME_CONTENT):
                    break
            else:
                g = {"text": q["text"], "kind": q["kind"], "attribution": q.get("attribution"),
                     "speaker": {"actor": speaker, "name": sp.get("name")}, "_words": words,
                     "_content": content, "_days": set(), "_docs": {}, "mentions": []}
                groups.append(g)
            if not g["speaker"]["actor"] and speaker:
                g["speaker"] = {"actor": speaker, "name": sp.get("name")}
            if q.get("date"):
                g["_days"].add(_day(q["date"]))
            g["_docs"][d["doc_id"]] = d
            g["mentions"].append({"doc_id": d["doc_id"], "quote": q["id"], "start": q["start"], "end": q["end"],
                                  "text": q["text"], "published": _iso(d.get("published")),
                                  "source": d.get("source")})
    out = []
    for n, g in enumerate(groups, 1):
        g.pop("_words"), g.pop("_content")
        docs_ = list(g.pop("_docs").values())
        days = sorted(g.pop("_days"))
        first, last = _seen(docs_)
        out.append({"id": f"Q{n}", **g, "date": days[0].isoformat() if days else None, "outlets": _outlets(docs_),
                    "num_articles": len(docs_), "num_sources": _sources(docs_), "num_mentions": len(g["mentions"]),
                    "first_seen": first, "last_seen": last})
    return out


def story_disputes(events: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A proposition (event type and the two parties, by country else canonical actor) asserted by one
    claimant and negated by another; ``across`` when the two sides come from different articles."""
    def key(p: dict[str, Any] | None) -> str:
        return "" if not p else (p["country"] or p["actor"] or fold(p["name"] or ""))

    def claimant(e: dict[str, Any]) -> str:
        return e["source"]["actor"] or e["source"]["code"] or fold(e["source"]["name"] or "")

    found: dict[tuple[str, ...], dict[str, Any]] = {}
    for a in events:
        if a["polarity"] != "asserted":
            continue
        pa = sorted((key(a["source"]), key(a["target"])))
        for b in events:
            pb = sorted((key(b["source"]), key(b["target"])))
            if (b["polarity"] != "negated" or b["type"] != a["type"] or pa != pb or "" in pa
                    or claimant(a) == claimant(b)):
                continue
            k = (a["type"], *pa, claimant(a), claimant(b))
            if k not in found:  # one dispute per proposition and pair of sides; every mention kept
                found[k] = {"id": f"D{len(found) + 1}", "type": a["type"], "parties": pa, "claims": [],
                            "counters": [], "claimed_by": a["source"], "denied_by": b["source"],
                            "claim_evidence": [], "counter_evidence": []}
            d = found[k]
            for ids, ev, e in (("claims", "claim_evidence", a), ("counters", "counter_evidence", b)):
                if e["id"] not in d[ids]:
                    d[ids].append(e["id"])
                    d[ev].extend(e["mentions"])
    out = list(found.values())
    for d in out:
        d["across"] = {m["doc_id"] for m in d["claim_evidence"]} != {m["doc_id"] for m in d["counter_evidence"]}
    return out


def timeline(events: list[dict[str, Any]], quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Events and statements by the day they happened; where that is unknown, the day first reported
    (``date_basis``: ``happened`` or ``reported``)."""
    rows = []
    for kind, items in (("event", events), ("quote", quotes)):
        for it in items:
            basis = "happened" if it["date"] else "reported"
            if kind == "event":
                tgt = it["target"]["name"] if it["target"] else None
                what = f"{it['source']['name']} {it['type']}" + (f" {tgt}" if tgt else "")
                if it["polarity"] == "negated":
                    what = "not: " + what
            else:
                what = f"{it['speaker']['name'] or 'unknown'}: {it['text']}"
            rows.append({"date": it["date"] or it["first_seen"], "date_basis": basis, "kind": kind,
                         "id": it["id"], "summary": what, "num_articles": it["num_articles"]})
    rows.sort(key=lambda r: (r["date"] is None, r["date"] or "", r["date_basis"] != "happened", r["kind"],
                             int(r["id"][1:])))
    return rows
