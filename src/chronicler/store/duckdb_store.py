"""The store: the only door to the database (an embedded DuckDB file by default).

Every write of a document is one transaction, so a crash mid-ingest leaves whole documents or none, and a
re-run resumes by content hash. Every query is parameterised; filters map to fixed column names.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from chronicler.errors import ChroniclerError

SCHEMA_VERSION = "1"
DEFAULT_PATH = "chronicler.duckdb"


class StoreError(ChroniclerError):
    """The store cannot be opened or written."""


def _rows(cur) -> list[dict[str, Any]]:
    cols = [d[0] for d in cur.description]
    return [dict(zip(cols, row)) for row in cur.fetchall()]


class Store:
    """A DuckDB file holding documents and everything chronicler recorded about them."""

    def __init__(self, path: str | Path = DEFAULT_PATH, read_only: bool = False) -> None:
        import duckdb

        self.path = str(path)
        try:
            self.con = duckdb.connect(self.path, read_only=read_only)
        except Exception as exc:  # duckdb raises IOException, etc.
            raise StoreError(f"cannot open store {self.path}: {exc}") from None
        if not read_only:
            self.con.execute(resources.files("chronicler.store").joinpath("schema.sql").read_text("utf-8"))
            self.con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", [SCHEMA_VERSION])

    # -- lifecycle -------------------------------------------------------------------------------------
    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ---------------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self.con.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def add(self, result: dict[str, Any], text: str, origin: str) -> bool:
        """Store one analysed document in one transaction. Returns False when its text is already stored."""
        doc = result["document"]
        if self.has_document(doc["id"]):
            self.clear_failure(origin)
            return False
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        con = self.con
        con.begin()
        try:
            con.execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc["id"], doc["title"], doc["published"], doc["source"], doc["dateline"], doc["language"],
                 origin, now, text, json.dumps(result, ensure_ascii=False)],
            )
            did = doc["id"]
            if result["actors"]:
                con.executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                    [did, a["id"], a["name"], a["kind"], a["country"], a["sector"], a["code"], a["title"],
                     len(a["mentions"])] for a in result["actors"]])
            if result["quotes"]:
                con.executemany("INSERT INTO quotes VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                    [did, q["id"], q["start"], q["end"], q["text"], q["kind"],
                     (q["speaker"] or {}).get("actor"), (q["speaker"] or {}).get("name"),
                     (q["cue"] or {}).get("text"), q["date"], q["date_text"]] for q in result["quotes"]])
            if result["events"]:
                con.executemany("INSERT INTO events VALUES (" + ", ".join(["?"] * 27) + ")", [
                    self._event_row(did, e) for e in result["events"]])
            if result["disputes"]:
                con.executemany("INSERT INTO disputes VALUES (?, ?, ?, ?, ?)", [
                    [did, d["id"], d["claim"], d["counter"], d["summary"]] for d in result["disputes"]])
            con.execute("DELETE FROM failures WHERE origin = ?", [origin])
            con.commit()
        except Exception:
            con.rollback()
            raise
        return True

    @staticmethod
    def _event_row(did: str, e: dict[str, Any]) -> list[Any]:
        s, t, loc, ev = e["source"], e["target"] or {}, e["location"] or {}, e["evidence"]
        return [did, e["id"], e["type"], e["cameo"], e["quad_class"], e["goldstein"], e["polarity"], e["modality"],
                s.get("actor"), s.get("name"), s.get("country"), s.get("code"),
                t.get("actor"), t.get("name"), t.get("country"), t.get("code"),
                e["date"], e["date_text"], loc.get("name"), loc.get("country"), loc.get("lat"), loc.get("lon"),
                ev["start"], ev["end"], ev["text"], e["quote"], e["confidence"]]

    def add_failure(self, origin: str, reason: str) -> None:
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        self.con.execute("INSERT OR REPLACE INTO failures VALUES (?, ?, ?)", [origin, reason, now])

    def clear_failure(self, origin: str) -> None:
        self.con.execute("DELETE FROM failures WHERE origin = ?", [origin])

    # -- reading ---------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self.con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # fixed table names
                for t in ("documents", "actors", "quotes", "events", "disputes", "failures")}

    def failures(self) -> list[dict[str, Any]]:
        return _rows(self.con.execute("SELECT origin, reason, failed_at FROM failures ORDER BY origin"))

    def document(self, doc_id: str) -> dict[str, Any] | None:
        row = self.con.execute("SELECT result FROM documents WHERE id = ?", [doc_id]).fetchone()
        return json.loads(row[0]) if row else None

    def text(self, doc_id: str) -> str | None:
        row = self.con.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
        return row[0] if row else None

    def _select(self, sql: str, where: list[str], params: list[Any], order: str, limit: int | None):
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return _rows(self.con.execute(sql, params))

    def events(self, *, type: str | None = None, actor: str | None = None, country: str | None = None,
               since: date | None = None, until: date | None = None, doc: str | None = None,
               polarity: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where: list[str] = []
        params: list[Any] = []
        if type:
            where.append("e.type = ?")
            params.append(type.upper())
        if actor:
            where.append("(lower(e.source_name) LIKE ? OR lower(e.target_name) LIKE ? "
                         "OR e.source_code = ? OR e.target_code = ?)")
            params += [f"%{actor.lower()}%", f"%{actor.lower()}%", actor.upper(), actor.upper()]
        if country:
            where.append("(e.source_country = ? OR e.target_country = ?)")
            params += [country.upper(), country.upper()]
        if since:
            where.append("coalesce(e.date, d.published) >= ?")
            params.append(since)
        if until:
            where.append("coalesce(e.date, d.published) <= ?")
            params.append(until)
        if doc:
            where.append("e.doc_id LIKE ?")
            params.append(f"{doc}%")
        if polarity:
            where.append("e.polarity = ?")
            params.append(polarity)
        sql = ("SELECT e.doc_id, e.id, e.type, e.cameo, e.quad_class, e.goldstein, e.polarity, e.modality, "
               "e.source_name, e.source_code, e.target_name, e.target_code, e.date, e.date_text, e.location, "
               "e.evidence_start, e.evidence_end, e.evidence, e.quote_id, e.confidence, d.published "
               "FROM events e JOIN documents d ON d.id = e.doc_id")
        return self._select(sql, where, params, "coalesce(e.date, d.published) NULLS LAST, e.doc_id, e.id", limit)

    def quotes(self, *, speaker: str | None = None, kind: str | None = None, since: date | None = None,
               until: date | None = None, doc: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where: list[str] = []
        params: list[Any] = []
        if speaker:
            where.append("lower(q.speaker_name) LIKE ?")
            params.append(f"%{speaker.lower()}%")
        if kind:
            where.append("q.kind = ?")
            params.append(kind)
        if since:
            where.append("coalesce(q.date, d.published) >= ?")
            params.append(since)
        if until:
            where.append("coalesce(q.date, d.published) <= ?")
            params.append(until)
        if doc:
            where.append("q.doc_id LIKE ?")
            params.append(f"{doc}%")
        sql = ("SELECT q.doc_id, q.id, q.kind, q.speaker_name, q.cue, q.text, q.start_char, q.end_char, q.date, "
               "q.date_text, d.published FROM quotes q JOIN documents d ON d.id = q.doc_id")
        return self._select(sql, where, params, "q.doc_id, q.start_char", limit)

    def actors(self, *, name: str | None = None, country: str | None = None, sector: str | None = None,
               kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors across documents, grouped by name and code, with document and mention counts."""
        where: list[str] = []
        params: list[Any] = []
        if name:
            where.append("lower(name) LIKE ?")
            params.append(f"%{name.lower()}%")
        if country:
            where.append("country = ?")
            params.append(country.upper())
        if sector:
            where.append("sector = ?")
            params.append(sector.upper())
        if kind:
            where.append("kind = ?")
            params.append(kind)
        sql = "SELECT name, kind, country, sector, code, count(DISTINCT doc_id) AS documents, " \
              "sum(mentions) AS mentions FROM actors"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " GROUP BY name, kind, country, sector, code ORDER BY documents DESC, mentions DESC, name"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return _rows(self.con.execute(sql, params))

    def disputes(self, *, doc: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        where: list[str] = []
        params: list[Any] = []
        if doc:
            where.append("x.doc_id LIKE ?")
            params.append(f"{doc}%")
        sql = ("SELECT x.doc_id, x.id, x.summary, x.claim, c.source_name AS claimed_by, c.evidence AS claim_evidence, "
               "x.counter, n.source_name AS denied_by, n.evidence AS counter_evidence FROM disputes x "
               "JOIN events c ON c.doc_id = x.doc_id AND c.id = x.claim "
               "JOIN events n ON n.doc_id = x.doc_id AND n.id = x.counter")
        return self._select(sql, where, params, "x.doc_id, x.id", limit)

    def cross_disputes(self, *, window_days: int = 14, limit: int | None = None) -> list[dict[str, Any]]:
        """Disputes across documents: the same proposition (event type and the same two parties, by country
        code or name) asserted in one document and negated in another by a different claimant, within
        ``window_days`` of each other (event date, else publication date; unknown dates do not exclude)."""
        party = "coalesce({r}_country, lower({r}_name), '')"
        sql = f"""
            WITH ev AS (
                SELECT e.doc_id, e.id, e.type, e.polarity, e.source_name, e.evidence,
                       coalesce(e.date, d.published) AS day,
                       least({party.format(r='e.source')}, {party.format(r='e.target')}) AS p1,
                       greatest({party.format(r='e.source')}, {party.format(r='e.target')}) AS p2,
                       coalesce(e.source_code, e.source_country, lower(e.source_name)) AS claimant
                FROM events e JOIN documents d ON d.id = e.doc_id)
            SELECT a.type, a.p1 AS party_1, a.p2 AS party_2,
                   a.doc_id AS claim_doc, a.id AS claim, a.source_name AS claimed_by, a.day AS claim_day,
                   a.evidence AS claim_evidence,
                   b.doc_id AS counter_doc, b.id AS counter, b.source_name AS denied_by, b.day AS counter_day,
                   b.evidence AS counter_evidence
            FROM ev a JOIN ev b ON a.type = b.type AND a.p1 = b.p1 AND a.p2 = b.p2
            WHERE a.polarity = 'asserted' AND b.polarity = 'negated' AND a.doc_id <> b.doc_id
              AND a.claimant <> b.claimant AND a.p1 <> '' AND a.p2 <> ''
              AND (a.day IS NULL OR b.day IS NULL OR abs(date_diff('day', a.day, b.day)) <= ?)"""
        return self._select(sql, [], [int(window_days)], "a.type, a.p1, a.p2, claim_doc, a.id, counter_doc, b.id",
                            limit)

    # -- export ----------------------------------------------------------------------------------------
    def iter_results(self):
        for result, _text, _at, _origin in self.iter_stored():
            yield result

    def iter_stored(self):
        """(result, text, ingested_at, origin) for every document, oldest publication first."""
        cur = self.con.execute("SELECT result, text, ingested_at, origin FROM documents "
                               "ORDER BY published NULLS LAST, id")
        while rows := cur.fetchmany(256):
            for result, text, ingested_at, origin in rows:
                yield json.loads(result), text, ingested_at, origin

    def export_table(self, table: str, fmt: str, out: str | Path) -> None:
        """Write one record table (events, quotes, actors, disputes) as CSV or Parquet with DuckDB's COPY."""
        if table not in ("events", "quotes", "actors", "disputes"):
            raise StoreError(f"no table {table!r} to export")
        options = {"csv": "(FORMAT csv, HEADER true)", "parquet": "(FORMAT parquet)"}[fmt]
        target = str(out).replace("'", "''")  # COPY takes no parameter for its target; quote it
        self.con.execute(f"COPY (SELECT * FROM {table} ORDER BY doc_id, id) TO '{target}' {options}")
