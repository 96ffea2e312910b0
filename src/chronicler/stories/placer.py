"""Placing stored documents into stories at ingest: the online index, restored from the store, and the
store's record of each placement. ``CHRONICLER_STORIES=off`` leaves stories out of ingest."""
from __future__ import annotations

import os
from datetime import date
from typing import Any

from chronicler.stories.cluster import THRESHOLD, WINDOW_DAYS, Placement, Story, StoryIndex
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
        for row in store.open_stories():
            self.index.restore(Story(row["id"], row["seq"], row["title"], _day(row["first_seen"]),
                                     _day(row["last_seen"]), row["num_documents"], dict(row["state"]["total"])))
        self.seq = store.placed_count()

    def place(self, result: dict[str, Any], text: str, record_id: str | None = None) -> Placement:
        placement = self.index.place(features(result, text))
        self.store.record_placement(result["document"]["id"], record_id, placement.story, placement.score,
                                    placement.created, placement.merged, self.seq)
        self.seq += 1
        return placement

    def catch_up(self) -> int:
        """Place the stored documents no story holds yet; returns how many."""
        ids = self.store.unplaced_documents()
        for doc_id in ids:
            self.place(self.store.document(doc_id), self.store.text(doc_id))
        return len(ids)
