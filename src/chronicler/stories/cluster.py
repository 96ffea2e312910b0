"""Online story clustering: each new article joins the closest open story or opens one.

A story keeps the sum of its articles' term vectors; its centroid is the sum's heaviest terms, normalised.
Candidates for a new article come from an inverted index (the article's heaviest terms -> the stories most
recently posted under them), never from a scan of all stories, so the time to place one article stays flat
as the store grows. A candidate must share a specific term with the article (``ANCHOR_IDF``) and be open in
time: the article's date within ``window_days`` of the story's first and last article (unknown dates do not
exclude). The article joins the best candidate whose centroid's cosine with it reaches ``threshold``; when it
also reaches another candidate, and the two stories' centroids are at least half as close (``MERGE_SHARE``),
the two stories merge (the older one survives); a small story whose articles fall apart splits (``SPLIT_MAX``).
Same input order, same stories.
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
# A story of up to SPLIT_MAX articles keeps their vectors; when, after an article joins or two stories merge,
# its articles fall into two groups or more of at least two articles each, no article of one within
# threshold * MERGE_SHARE of any article of another, it splits (the group with its first article keeps the id).
SPLIT_MAX = 50


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
    members: list[tuple[str, dict[str, float], date | None]] | None = field(default_factory=list)

    def add(self, doc: DocFeatures) -> None:
        self.num_documents += 1
        if self.members is not None:
            self.members = self.members + [(doc.doc_id, doc.vector, doc.published)] \
                if self.num_documents <= SPLIT_MAX else None
        for t, w in doc.vector.items():
            self.total[t] = self.total.get(t, 0.0) + w
        self._refresh()
        self.see(doc.published)

    def absorb(self, other: "Story") -> None:
        self.num_documents += other.num_documents
        both = self.members is not None and other.members is not None and self.num_documents <= SPLIT_MAX
        self.members = self.members + other.members if both else None
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
    merged: list[str] = field(default_factory=list)  # stories absorbed into ``root``
    root: Story | None = None  # the story the article joined (after merges); ``story`` unless it split
    split: list[Story] = field(default_factory=list)  # stories split off ``root``


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
            return Placement(story, 1.0, True, root=story)
        score, story = above[0]
        story.add(doc)
        merged = []
        for _, other in above[1:]:
            if other.id in self.stories and cosine(story.centroid, other.centroid) >= self.threshold * MERGE_SHARE:
                story, gone = self._merge(story, other)
                merged.append(gone)
        root, parts = story, self._split(story)
        self._post(root)
        home = next((p for p in parts if any(m[0] == doc.doc_id for m in p.members or ())), root)
        return Placement(home, score, False, merged, root, parts)

    def _split(self, story: Story) -> list[Story]:
        """Split ``story`` when its articles fall apart (see SPLIT_MAX); returns the stories split off."""
        from chronicler.stories.split import groups

        if not story.members or len(story.members) < 4:
            return []
        parts = groups([m[1] for m in story.members], self.threshold * MERGE_SHARE)
        big = [g for g in parts if len(g) >= 2]
        if len(big) < 2:
            return []
        keep = next(g for g in parts if 0 in g)
        new = []
        for g in sorted((g for g in big if g is not keep), key=min):
            members = [story.members[i] for i in sorted(g)]
            first = members[0][0]
            sid = f"s{first[:12]}" if f"s{first[:12]}" not in self.stories else f"s{first[:12]}-{self._seq}"
            part = Story(sid, self._seq, None, None, None)
            self._seq += 1
            for doc_id, vec, day in members:
                part.add(DocFeatures(doc_id, day, vec))
            self.stories[sid] = part
            self._post(part)
            new.append(part)
        gone = {m[0] for p in new for m in p.members}
        rest = [m for m in story.members if m[0] not in gone]
        story.num_documents, story.total, story.members = 0, {}, []
        story.first_seen = story.last_seen = None
        for doc_id, vec, day in rest:
            story.add(DocFeatures(doc_id, day, vec))
        return new

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

