"""A story as JSON: its summary first, then its documents, merged events and quotes, disputes, canonical actors
and timeline."""
from __future__ import annotations

from typing import Any

from chronicler.stories.actors import canonical_actors
from chronicler.stories.merge import merged_events, merged_quotes, story_disputes, timeline
from chronicler.stories.summary import summarize


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)


def story_view(row: dict[str, Any], docs: list[dict[str, Any]]) -> dict[str, Any]:
    """``row``: the story (id, title, first_seen, last_seen); ``docs``: {doc_id, record_id, title, source,
    published, result} in publication order."""
    actor_rows = [{**a, "doc_id": d["doc_id"]} for d in docs for a in d["result"]["actors"]]
    actors, mapping = canonical_actors(actor_rows)
    events = merged_events(docs, mapping)
    quotes = merged_quotes(docs, mapping)
    view = {
        "id": row["id"], "title": row["title"],
        "first_seen": _iso(row["first_seen"]), "last_seen": _iso(row["last_seen"]),
        "documents": [{"doc_id": d["doc_id"], "id": d.get("record_id"), "title": d["title"], "source": d["source"],
                       "published": _iso(d["published"])} for d in docs],
        "events": events,
        "quotes": quotes,
        "disputes": story_disputes(events),
        "actors": actors,
        "timeline": timeline(events, quotes),
    }
    return {"id": view["id"], "title": view["title"], "summary": summarize(view), **view}


def event_counts(docs: list[dict[str, Any]]) -> dict[tuple[str, str], tuple[int, int, int] | None]:
    """(doc_id, event id) -> (mentions, sources, articles) of its merged event for the first mention of each;
    None for the other mentions (GDELT counts one event once, its mentions in the counts)."""
    actor_rows = [{**a, "doc_id": d["doc_id"]} for d in docs for a in d["result"]["actors"]]
    _, mapping = canonical_actors(actor_rows)
    out: dict[tuple[str, str], tuple[int, int, int] | None] = {}
    for e in merged_events(docs, mapping):
        for n, m in enumerate(e["mentions"]):
            out[(m["doc_id"], m["event"])] = (e["num_mentions"], e["num_sources"], e["num_articles"]) if n == 0 \
                else None
    return out
