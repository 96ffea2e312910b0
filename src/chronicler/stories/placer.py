"""Placing stored documents into stories at ingest: the online index, restored from the store, and the
store's record of each placement. ``CHRONICLER_STORIES=off`` leaves stories out of ingest."""
from __future__ import annotations

import os
from datetime import date
from typing import Any

from chronicler.stories.cluster import MEMBERS, THRESHOLD, WINDOW_DAYS, Member, Placement, Story, StoryIndex
from chronicler.stories.features import features


def enabled() -> bool:
    return os.environ.get("CHRONICLER_STORIES", "on").lower() not in ("off", "0", "false", "no")


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


def _member(row: dict[str, Any]) -> Member | None:
    v = row["vector"]
    if not v:
        return None
    return Member(row["doc_id"], v["terms"], v.get("lead") or v["terms"], _day(v.get("published")))


class StoryPlacer:
    def __init__(self, store: Any, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS) -> None:
        self.store = store
        self.index = StoryIndex(threshold, window_days)
        members: dict[str, list[Member]] = {}
        for row in store.latest_story_members(MEMBERS):
            m = _member(row)
            if m is not None:
                members.setdefault(row["story_id"], []).append(m)
        for row in store.open_stories():
            self.index.restore(Story(row["id"], row["seq"], row["title"], _day(row["first_seen"]),
                                     _day(row["last_seen"]), row["num_documents"], dict(row["state"]["total"]),
                                     members=members.get(row["id"], [])))
        self.seq = store.placed_count()

    def place(self, result: dict[str, Any], text: str, record_id: str | None = None) -> Placement:
        doc = features(result, text)
        placement = self.index.place(doc)
        self.store.record_placement(doc.doc_id, record_id, placement, self.seq, {
            "terms": {t: round(w, 6) for t, w in doc.vector.items()},
            "lead": {t: round(w, 6) for t, w in doc.lead.items()},
            "published": doc.published.isoformat() if doc.published else None})
        self.seq += 1
        return placement

    def catch_up(self) -> int:
        """Place the stored documents no story holds yet; returns how many."""
        rows = self.store.unplaced_documents()
        for doc_id, origin in rows:
            try:
                self.place(self.store.document(doc_id), self.store.text(doc_id))
            except Exception as exc:  # noqa: BLE001 - recorded; the document stays stored, in no story
                self.store.add_failure(f"{origin}#story",
                                       f"{origin}: story placement failed ({type(exc).__name__}: {exc})")
                continue
            self.store.clear_failure(f"{origin}#story")
        return len(rows)
