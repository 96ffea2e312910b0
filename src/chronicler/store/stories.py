"""The store's story tables (schema.sql): what the online clusterer needs back at the start of an ingest,
where it placed each article, and each story's canonical actors (for ``--actor``). Merged events, quotes,
disputes and the timeline are built on read from the stored contracts (chronicler.stories.view), so they
always agree with the documents a story holds. Mixed into ``Store``: the same SQL for both backends.
"""
from __future__ import annotations

import json
from datetime import date, timedelta
from typing import Any


def _shift(day: date, days: int) -> date:
    """day moved by days, held at the calendar's ends (a query for 0001-01-01 or 9999-12-31 is a valid one)."""
    try:
        return day + timedelta(days=days)
    except OverflowError:
        return date.min if days < 0 else date.max


class StoryTables:
    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:  # from Store
        raise NotImplementedError

    # -- the clusterer's state --------------------------------------------------------------------------
    def open_stories(self) -> list[dict[str, Any]]:
        """Stories not absorbed into another, in creation order, with their clusterer state."""
        rows = self._rows("SELECT id, seq, title, first_seen, last_seen, num_documents, state FROM stories "
                          "WHERE merged_into IS NULL ORDER BY seq")
        for r in rows:
            r["state"] = r["state"] if isinstance(r["state"], dict) else json.loads(r["state"])
        return rows

    def unplaced_documents(self) -> list[tuple[str, str]]:
        """(id, origin) of stored documents no story holds yet (stories off, interrupted, failed), oldest first."""
        return [(r["id"], r["origin"]) for r in self._rows(
            "SELECT d.id, d.origin FROM documents d LEFT JOIN story_documents s ON s.doc_id = d.id "
            "WHERE s.doc_id IS NULL ORDER BY d.published NULLS LAST, d.ingested_at, d.id")]

    def placed_count(self) -> int:
        return int(self._scalar("SELECT count(*) FROM story_documents"))

    def latest_story_members(self, size: int) -> list[dict[str, Any]]:
        """The latest ``size`` articles of each open story (those a new article is compared with), in order."""
        rows = self._rows("SELECT story_id, doc_id, vector FROM (SELECT x.story_id, x.doc_id, x.vector, x.seq, "
                          "row_number() OVER (PARTITION BY x.story_id ORDER BY x.seq DESC) AS k "
                          "FROM story_documents x JOIN stories s ON s.id = x.story_id WHERE s.merged_into IS NULL) m "
                          "WHERE k <= ? ORDER BY seq", [size])
        for r in rows:
            r["vector"] = r["vector"] if isinstance(r["vector"], (dict, type(None))) else json.loads(r["vector"])
        return rows

    def record_placement(self, doc_id: str, record_id: str | None, placement: Any, seq: int,
                         vector: dict[str, Any] | None = None) -> None:
        """One article's placement, in one transaction: the story it joined (or opened) and its actors."""
        story = placement.story
        with self._transaction():
            self._save_story(story, placement.created)
            self._execute("INSERT INTO story_documents VALUES (?, ?, ?, ?, ?, ?)",
                          [doc_id, story.id, record_id, seq, round(float(placement.score), 6),
                           None if vector is None else json.dumps(vector)])
            self._update_story_actors(story.id, doc_id)

    def _save_story(self, story: Any, created: bool) -> None:
        state = json.dumps(story.state())
        if created:
            self._execute("INSERT INTO stories VALUES (?, ?, ?, ?, ?, ?, NULL, ?)",
                          [story.id, story.seq, story.title, story.first_seen, story.last_seen,
                           story.num_documents, state])
        else:
            self._execute("UPDATE stories SET first_seen = ?, last_seen = ?, num_documents = ?, state = ? "
                          "WHERE id = ?", [story.first_seen, story.last_seen, story.num_documents, state, story.id])

    def _story_actor_rows(self, story_id: str) -> list[dict[str, Any]]:
        rows = self._rows("SELECT actor_id AS id, name, kind, country, code, aliases, documents, mentions "
                          "FROM story_actors WHERE story_id = ?", [story_id])
        for r in rows:
            r["doc_id"], r["aliases"] = None, [a for a in (r["aliases"] or "").split(" | ") if a]
        return rows

    def _update_story_actors(self, story_id: str, doc_id: str) -> None:
        """The story's canonical actors from its stored ones and the new document's actors: no re-read of all
        its documents."""
        from chronicler.stories.actors import canonical_actors

        rows = self._story_actor_rows(story_id) + self._rows(
            "SELECT doc_id, id, name, kind, country, code, mentions FROM actors WHERE doc_id = ?", [doc_id])
        actors, _ = canonical_actors(rows)
        self._execute("DELETE FROM story_actors WHERE story_id = ?", [story_id])
        if actors:
            self._executemany("INSERT INTO story_actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                [story_id, a["id"], a["name"], a["kind"], a["country"], a["code"], " | ".join(a["aliases"]),
                 a["documents"], a["mentions"]] for a in actors])

    # -- reading --------------------------------------------------------------------------------------
    def stories(self, *, actor: str | None = None, since: date | None = None, until: date | None = None,
                limit: int | None = None) -> list[dict[str, Any]]:
        """Stories, latest first; ``actor``: a canonical actor id, a name or alias (substring) or a code."""
        clauses, params = ["s.merged_into IS NULL"], []
        if actor:
            clauses.append("s.id IN (SELECT story_id FROM story_actors WHERE actor_id = ? OR lower(name) LIKE ? "
                           "OR lower(aliases) LIKE ? OR code = ?)")
            params += [actor.lower(), f"%{actor.lower()}%", f"%{actor.lower()}%", actor.upper()]
        if since:
            clauses.append("(s.last_seen IS NULL OR s.last_seen >= ?)")
            params.append(since)
        if until:
            clauses.append("(s.first_seen IS NULL OR s.first_seen <= ?)")
            params.append(until)
        sql = ("SELECT s.id, s.title, s.first_seen, s.last_seen, s.num_documents, "
               "(SELECT count(DISTINCT coalesce(d.source, d.id)) FROM story_documents x "
               " JOIN documents d ON d.id = x.doc_id WHERE x.story_id = s.id) AS num_sources "
               "FROM stories s WHERE " + " AND ".join(clauses) +
               " ORDER BY s.last_seen DESC NULLS LAST, s.seq")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._rows(sql, params)

    def topics(self, *, since: date | None = None, until: date | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Topics (chronicler.stories.topics): stories of one subject grouped, latest first."""
        from chronicler.stories.topics import TOPIC_DAYS, topics

        clauses, params = ["merged_into IS NULL", "state IS NOT NULL"], []
        if since:  # stories a little before the range may join a topic within it
            clauses.append("(last_seen IS NULL OR last_seen >= ?)")
            params.append(_shift(since, -TOPIC_DAYS))
        if until:
            clauses.append("(first_seen IS NULL OR first_seen <= ?)")
            params.append(_shift(until, TOPIC_DAYS))
        rows = self._rows("SELECT id, title, first_seen, last_seen, num_documents, state FROM stories WHERE "
                          + " AND ".join(clauses) + " ORDER BY seq", params)
        for r in rows:
            state = r.pop("state")
            r["total"] = (state if isinstance(state, dict) else json.loads(state))["total"]
        out = []
        for group in topics(rows):
            first = min((s["first_seen"] for s in group if s["first_seen"]), default=None)
            last = max((s["last_seen"] for s in group if s["last_seen"]), default=None)
            if (since and last and last < since) or (until and first and first > until):
                continue
            lead = max(group, key=lambda s: (s["num_documents"], -group.index(s)))
            out.append({"id": "t" + group[0]["id"][1:], "title": lead["title"], "first_seen": first, "last_seen": last,
                        "num_stories": len(group), "num_documents": sum(s["num_documents"] for s in group),
                        "stories": [{k: s[k] for k in ("id", "title", "first_seen", "last_seen", "num_documents")}
                                    for s in group]})
        return out[:limit] if limit is not None else out

    def story_documents(self, story_id: str) -> list[dict[str, Any]]:
        """The story's documents with their contracts, by publication date then placement order."""
        rows = self._rows(
            "SELECT d.id AS doc_id, s.record_id, d.title, d.source, d.published, d.result FROM story_documents s "
            "JOIN documents d ON d.id = s.doc_id WHERE s.story_id = ? ORDER BY d.published NULLS LAST, s.seq",
            [story_id])
        for r in rows:
            r["result"] = r["result"] if isinstance(r["result"], dict) else json.loads(r["result"])
        return rows

    def story_row(self, story_id: str) -> dict[str, Any] | None:
        """A story by id; an absorbed story's id leads to the story that absorbed it."""
        for _ in range(100):
            rows = self._rows("SELECT id, title, first_seen, last_seen, num_documents, merged_into FROM stories "
                              "WHERE id = ?", [story_id])
            if not rows or not rows[0]["merged_into"]:
                return rows[0] if rows else None
            story_id = rows[0]["merged_into"]
        return None

    def story(self, story_id: str) -> dict[str, Any] | None:
        from chronicler.stories.view import story_view

        row = self.story_row(story_id)
        return None if row is None else story_view(row, self.story_documents(row["id"]))

    def story_ids(self) -> list[str]:
        return [r["id"] for r in self._rows("SELECT id FROM stories WHERE merged_into IS NULL ORDER BY seq")]
