"""Online story clustering: each new article joins the closest open story or opens one.

A story keeps the sum of its articles' term vectors; its centroid is the sum's heaviest terms, normalised.
Candidates for a new article come from an inverted index (the article's heaviest terms -> the stories most
recently posted under them), never from a scan of all stories, so the time to place one article stays flat as
the store grows. A candidate must share a specific term with the article (``ANCHOR_IDF``) and be open in time: the article's date within ``window_days`` of the story's
first and last article (unknown dates do not exclude). The article joins the best candidate whose centroid's
cosine with it reaches ``threshold``; when it also reaches another candidate, and the two stories' centroids
are at least half as close (``MERGE_SHARE``), the two stories merge (the older one survives). Same input order, same stories.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from chronicler.stories.features import DocFeatures
from chronicler.stories.text import cosine, idf_table, top

THRESHOLD = 0.30  # chosen by cross-validation across BASIL's stories (scripts/eval: `chronicler eval stories`)
MERGE_SHARE = 0.5  # two stories an article reaches both merge when their centroids are half as close
WINDOW_DAYS = 7  # a news cycle: a story stays open a week after its last article
SUM_SIZE = 150  # terms kept in a story's running sum
CENTROID_SIZE = 80
POSTED_TERMS = 20  # a story is findable by its centroid's heaviest terms
QUERY_TERMS = 15  # an article looks up its heaviest terms
RECENT = 64  # stories read per posting list, most recent first
# An article and a story must share a specific term: one in at most ~1 in 400 background documents (IDF >= 7:
# a name, a place, a particular thing). Templated wires ('4TH QTR NET ... shr cts revs') share words, not
# stories: without it 900 earnings reports of different companies became one Reuters story; BASIL unchanged.
ANCHOR_IDF = 7.0


@dataclass(slots=True)
class Story:
    id: str
    seq: int
    title: str | None
    first_seen: date | None
    last_seen: date | None
    num_documents: int = 0
    total: dict[str, float] = field(default_factory=dict)
    centroid: dict[str, float] = field(default_factory=dict)

    def add(self, doc: DocFeatures) -> None:
        self.num_documents += 1
        for t, w in doc.vector.items():
            self.total[t] = self.total.get(t, 0.0) + w
        self._refresh()
        self.see(doc.published)

    def absorb(self, other: "Story") -> None:
        self.num_documents += other.num_documents
        for t, w in other.total.items():
            self.total[t] = self.total.get(t, 0.0) + w
        self._refresh()
        self.see(other.first_seen)
        self.see(other.last_seen)

    def see(self, day: date | None) -> None:
        if day is not None:
            self.first_seen = day if self.first_seen is None else min(self.first_seen, day)
            self.last_seen = day if self.last_seen is None else max(self.last_seen, day)

    def _refresh(self) -> None:
        kept = sorted(self.total.items(), key=lambda kv: (-kv[1], kv[0]))[:SUM_SIZE]
        self.total = dict(kept)
        self.centroid = top(self.total, CENTROID_SIZE)

    def open_on(self, day: date | None, window: int) -> bool:
        if day is None or self.first_seen is None:
            return True
        pad = timedelta(days=window)
        return self.first_seen - pad <= day <= self.last_seen + pad

    def state(self) -> dict[str, Any]:
        return {"total": {t: round(w, 6) for t, w in self.total.items()}}


@dataclass(slots=True)
class Placement:
    story: Story
    score: float
    created: bool
    merged: list[str] = field(default_factory=list)  # stories absorbed into ``story``


class StoryIndex:
    def __init__(self, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS) -> None:
        self.threshold, self.window = threshold, window_days
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        self._posted: dict[str, set[str]] = defaultdict(set)
        self._seq = 0

    # -- loading a stored state -------------------------------------------------------------------------
    def restore(self, story: Story) -> None:
        """Put back a story read from the store (in creation order)."""
        story.centroid = top(story.total, CENTROID_SIZE)
        self.stories[story.id] = story
        self._seq = max(self._seq, story.seq + 1)
        self._post(story)

    # -- placing an article ----------------------------------------------------------------------------
    def candidates(self, doc: DocFeatures) -> list[Story]:
        table, unseen = idf_table()
        rare = [t for t in doc.vector if table.get(t, unseen) >= ANCHOR_IDF]
        seen: set[str] = set()
        found = []
        for t in sorted(doc.vector, key=lambda t: (-doc.vector[t], t))[:QUERY_TERMS]:
            for sid in reversed(self.postings.get(t, ())[-RECENT:]):
                story = self.stories.get(sid)
                if story is not None and sid not in seen:
                    seen.add(sid)
                    if story.open_on(doc.published, self.window) and any(t in story.centroid for t in rare):
                        found.append(story)
        return found

    def place(self, doc: DocFeatures) -> Placement:
        scored = sorted(((cosine(doc.vector, s.centroid), s) for s in self.candidates(doc)),
                        key=lambda x: (-x[0], x[1].seq))
        above = [(score, s) for score, s in scored if score >= self.threshold]
        if not above:
            story = Story(f"s{doc.doc_id[:12]}", self._seq, doc.title, doc.published, doc.published)
            self._seq += 1
            self.stories[story.id] = story
            story.add(doc)
            self._post(story)
            return Placement(story, 1.0, True)
        score, story = above[0]
        story.add(doc)
        merged = []
        for _, other in above[1:]:
            if other.id in self.stories and cosine(story.centroid, other.centroid) >= self.threshold * MERGE_SHARE:
                story, gone = self._merge(story, other)
                merged.append(gone)
        self._post(story)
        return Placement(story, score, False, merged)

    def _merge(self, a: Story, b: Story) -> tuple[Story, str]:
        """The older story absorbs the younger; returns the survivor and the absorbed story's id."""
        keep, gone = (a, b) if a.seq < b.seq else (b, a)
        keep.absorb(gone)
        del self.stories[gone.id]
        self._posted.pop(gone.id, None)
        return keep, gone.id

    def _post(self, story: Story) -> None:
        posted = self._posted[story.id]
        for t in sorted(story.centroid, key=lambda t: (-story.centroid[t], t))[:POSTED_TERMS]:
            if t not in posted:
                posted.add(t)
                self.postings[t].append(story.id)

