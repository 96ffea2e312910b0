"""Online story clustering: each new article joins the story of the closest earlier article on the same matter,
or opens a story of its own.

A story is one matter: the articles that report one event and its direct developments. An article joins a story
when one of the story's articles (among its ``MEMBERS`` latest) is close to it: published at most
``window_days`` apart (an unknown date does not exclude), sharing a specific term (``ANCHOR_IDF``), and with a
similarity of at least ``threshold``, where the similarity weighs the headline and opening paragraphs as much
as the whole text (``LEAD_WEIGHT``): articles on distinct events of one topic share the topic's words and
names, less so what their openings say happened. It joins the story with the closest such article. Stories
never merge: a bridging article chained distinct events together, and merging two stories an article reaches
both at a stricter score, its level cross-validated with the threshold, lost (held-out F1 as published 0.972
against 0.985; packed into one day 0.944 against 0.962). Topic-level grouping is a separate view
(chronicler.stories.topics).

Candidates come from an inverted index (each article's heaviest terms -> its story), read most recent first and
capped, never from a scan of all stories, so placing one article takes the same time however large the store.
Same input order, same stories.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from chronicler.stories.features import DocFeatures
from chronicler.stories.text import cosine, idf_table, top

# Chosen by 5-fold cross-validation over BASIL dev's stories (`chronicler eval stories`): the threshold on the
# four folds' articles, as published and with the stories' dates packed into 15, 7 and 1 days; 0.275 in
# every fold. Same-event articles of BASIL are published at most 3 days apart.
THRESHOLD = 0.275
WINDOW_DAYS = 3
LEAD_WEIGHT = 0.5
MEMBERS = 40  # a story is compared through its latest articles
SUM_SIZE = 150  # terms kept in a story's running sum (its centroid, for the topic view)
CENTROID_SIZE = 80
POSTED_TERMS = 12  # an article makes its story findable by its heaviest terms
QUERY_TERMS = 15  # an article looks up its heaviest terms
RECENT = 64  # stories read per posting list, most recent first
# An article and a story's article must share a specific term: one in at most ~1 in 400 background documents
# (IDF >= 7: a name, a place, a particular thing). Templated wires ('4TH QTR NET ... shr cts revs') share words,
# not stories: without it 900 earnings reports of different companies became one Reuters story.
ANCHOR_IDF = 7.0


@dataclass(slots=True)
class Member:
    doc_id: str
    vector: dict[str, float]
    lead: dict[str, float]
    published: date | None


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
    members: list[Member] = field(default_factory=list)

    def add(self, doc: DocFeatures) -> None:
        self.num_documents += 1
        self.members = (self.members + [Member(doc.doc_id, doc.vector, doc.lead or doc.vector, doc.published)])[
            -MEMBERS:]
        for t, w in doc.vector.items():
            self.total[t] = self.total.get(t, 0.0) + w
        self.total = dict(sorted(self.total.items(), key=lambda kv: (-kv[1], kv[0]))[:SUM_SIZE])
        self.centroid = top(self.total, CENTROID_SIZE)
        self.see(doc.published)

    def see(self, day: date | None) -> None:
        if day is not None:
            self.first_seen = day if self.first_seen is None else min(self.first_seen, day)
            self.last_seen = day if self.last_seen is None else max(self.last_seen, day)

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
    near: str | None = None  # the story's article closest to the new one


def similarity(doc: DocFeatures, member: Member, rare: set[str]) -> float:
    """How close an article is to one of a story's articles: 0 without a specific term in common."""
    if not any(t in member.vector for t in rare):
        return 0.0
    return LEAD_WEIGHT * cosine(doc.lead or doc.vector, member.lead) + (1 - LEAD_WEIGHT) * cosine(doc.vector,
                                                                                                 member.vector)


def rare_terms(doc: DocFeatures) -> set[str]:
    table, unseen = idf_table()
    return {t for t in doc.vector if table.get(t, unseen) >= ANCHOR_IDF}


class StoryIndex:
    def __init__(self, threshold: float = THRESHOLD, window_days: int = WINDOW_DAYS) -> None:
        self.threshold, self.window = threshold, window_days
        self.stories: dict[str, Story] = {}
        self.postings: dict[str, list[str]] = defaultdict(list)
        self._posted: dict[str, set[str]] = defaultdict(set)
        self._seq = 0

    # -- loading a stored state -------------------------------------------------------------------------
    def restore(self, story: Story) -> None:
        """Put back a story read from the store (in creation order), with its latest members."""
        story.centroid = top(story.total, CENTROID_SIZE)
        self.stories[story.id] = story
        self._seq = max(self._seq, story.seq + 1)
        for m in story.members:
            self._post(story.id, m.vector)

    # -- placing an article ----------------------------------------------------------------------------
    def candidates(self, doc: DocFeatures) -> list[Story]:
        seen: set[str] = set()
        found = []
        for t in sorted(doc.vector, key=lambda t: (-doc.vector[t], t))[:QUERY_TERMS]:
            for sid in reversed(self.postings.get(t, ())[-RECENT:]):
                story = self.stories.get(sid)
                if story is not None and sid not in seen:
                    seen.add(sid)
                    if story.open_on(doc.published, self.window):
                        found.append(story)
        return found

    def closest(self, doc: DocFeatures, story: Story, rare: set[str]) -> tuple[float, str | None]:
        """The story's article closest to ``doc`` among those published within the window, and its score."""
        best, near = 0.0, None
        for m in story.members:
            if doc.published and m.published and abs((doc.published - m.published).days) > self.window:
                continue
            s = similarity(doc, m, rare)
            if s > best:
                best, near = s, m.doc_id
        return best, near

    def place(self, doc: DocFeatures) -> Placement:
        rare = rare_terms(doc)
        best: tuple[float, int, Story, str | None] | None = None
        for story in self.candidates(doc):
            score, near = self.closest(doc, story, rare)
            if score >= self.threshold and (best is None or (score, -story.seq) > (best[0], best[1])):
                best = (score, -story.seq, story, near)
        if best is None:
            story = Story(self._new_id(doc.doc_id), self._seq, doc.title, doc.published, doc.published)
            self._seq += 1
            self.stories[story.id] = story
            story.add(doc)
            self._post(story.id, doc.vector)
            return Placement(story, 1.0, True)
        score, _, story, near = best
        story.add(doc)
        self._post(story.id, doc.vector)
        return Placement(story, score, False, near)

    def _new_id(self, doc_id: str) -> str:
        sid = f"s{doc_id[:12]}"
        return sid if sid not in self.stories else f"{sid}-{self._seq}"

    def _post(self, sid: str, vector: dict[str, float]) -> None:
        posted = self._posted[sid]
        for t in sorted(vector, key=lambda t: (-vector[t], t))[:POSTED_TERMS]:
            if t not in posted:
                posted.add(t)
                self.postings[t].append(sid)
