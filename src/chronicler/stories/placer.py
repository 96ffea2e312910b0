"""Placing stored documents into stories at ingest: the online index, restored from the store, and the
store's record of each placement. ``CHRONICLER_STORIES=off`` leaves stories out of ingest."""
from __future__ import annotations

import os
from datetime import date
from typing import Any

from chronicler.stories.cluster import SPLIT_MAX, THRESHOLD, WINDOW_DAYS, Placement, Story, StoryIndex
from chronicler.stories.features import features


def enabled() -> bool:
    return os.environ.get("CHRONICLER_STORIES", "on").lower() not in ("off", "0", "false", "no")


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


class StoryPlacer:
    def __init__(self, store: Any, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS) -> None:
        self.store = store
        self.index = StoryIndex(threshold, window_days)
        members: dict[str, list] = {}
        for m in store.small_story_members(SPLIT_MAX):
            v = m["vector"]
            members.setdefault(m["story_id"], []).append(
                None if v is None else (m["doc_id"], v["terms"], _day(v["published"])))
        for row in store.open_stories():
            kept = members.get(row["id"], [])
            self.index.restore(Story(row["id"], row["seq"], row["title"], _day(row["first_seen"]),
                                     _day(row["last_seen"]), row["num_documents"], dict(row["state"]["total"]),
                                     members=kept if len(kept) == row["num_documents"] and None not in kept
                                     else None))
        self.seq = store.placed_count()

    def place(self, result: dict[str, Any], text: str, record_id: str | None = None) -> Placement:
        doc = features(result, text)
        placement = self.index.place(doc)
        self.store.record_placement(doc.doc_id, record_id, placement, self.seq, {
            "terms": {t: round(w, 6) for t, w in doc.vector.items()},
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
