"""Topics: stories of one subject grouped, a view apart from the stories themselves.

A story holds one matter; a topic holds the stories of one subject over a few weeks (all the Mueller stories,
a takeover battle's rounds). Two stories are of one topic when their centroids share a specific term and their
cosine reaches ``TOPIC_THRESHOLD``, and their coverage lies at most ``TOPIC_DAYS`` apart; topics are the
connected groups (single link). On BASIL dev as clustered, 0.25 groups the two Mueller stories a week apart
(0.287) and the stories of the December 2010 tax deal (0.28, 0.31), and nothing across subjects (the next pair
is 0.228). Pure functions over the stories' stored states.
"""
from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta
from typing import Any

from chronicler.stories.cluster import ANCHOR_IDF, CENTROID_SIZE
from chronicler.stories.text import cosine, idf_table, top

TOPIC_THRESHOLD = 0.25
TOPIC_DAYS = 30
TOPIC_TERMS = 20  # a story is found by the specific terms among its centroid's heaviest
RECENT = 200  # stories compared per term, latest first


def _near(a: dict[str, Any], b: dict[str, Any], days: int) -> bool:
    if not (a["first_seen"] and b["first_seen"]):
        return True
    pad = timedelta(days=days)
    return a["first_seen"] - pad <= b["last_seen"] and b["first_seen"] - pad <= a["last_seen"]


def topics(stories: list[dict[str, Any]], threshold: float = TOPIC_THRESHOLD, days: int = TOPIC_DAYS
           ) -> list[list[dict[str, Any]]]:
    """``stories``: {id, title, first_seen, last_seen, num_documents, total} -> groups of two stories or more,
    each by first seen, the groups latest first."""
    table, unseen = idf_table()
    centroid = {s["id"]: top(s["total"], CENTROID_SIZE) for s in stories}
    by_id = {s["id"]: s for s in stories}
    postings: dict[str, list[str]] = defaultdict(list)
    parent = {s["id"]: s["id"] for s in stories}

    def find(i: str) -> str:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i
    for s in sorted(stories, key=lambda s: (s["first_seen"] or date.min, s["id"])):
        c = centroid[s["id"]]
        keys = [t for t in sorted(c, key=lambda t: (-c[t], t))[:TOPIC_TERMS] if table.get(t, unseen) >= ANCHOR_IDF]
        seen: set[str] = set()
        for t in keys:
            for other in reversed(postings[t][-RECENT:]):
                if other in seen or find(other) == find(s["id"]):
                    continue
                seen.add(other)
                if _near(s, by_id[other], days) and cosine(c, centroid[other]) >= threshold:
                    parent[find(other)] = find(s["id"])
            postings[t].append(s["id"])
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for s in stories:
        groups[find(s["id"])].append(s)
    out = [sorted(g, key=lambda s: (s["first_seen"] or date.min, s["id"])) for g in groups.values() if len(g) >= 2]
    out.sort(key=lambda g: (max((s["last_seen"] or date.min) for s in g), g[0]["id"]), reverse=True)
    return out
