"""The store: the only door to the database. This base class holds all the SQL, written once for both
backends (an embedded DuckDB file by default, PostgreSQL by URL); subclasses only connect and execute.

Every write of a document is one transaction, so a crash mid-ingest leaves whole documents or none, and a
re-run resumes by content hash. Every query is parameterised (``?`` placeholders, translated by the
backend); filters map to fixed column names.
"""
from __future__ import annotations

import contextlib
import csv
import json
from collections.abc import Iterator
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any

from chronicler.errors import ChroniclerError
from chronicler.store.browse import BrowseQueries
from chronicler.store.stories import StoryTables
from chronicler.store.watch import WatchTables

SCHEMA_VERSION = "1"


class StoreError(ChroniclerError):
    """The store cannot be opened or written."""


def schema_sql() -> str:
    return resources.files("chronicler.store").joinpath("schema.sql").read_text("utf-8")


class Store(StoryTables, WatchTables, BrowseQueries):
    """Documents and everything chronicler recorded about them. Use ``open_store`` to get one."""

    path: str

    # -- what a backend provides ---------------------------------------------------------------------
    def _execute(self, sql: str, params: list[Any] | None = None):
        """Run one statement; return a cursor with ``description``, ``fetchone``, ``fetchall``, ``fetchmany``."""
        raise NotImplementedError

    def _executemany(self, sql: str, rows: list[list[Any]]) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def _transaction(self) -> Iterator[None]:
        raise NotImplementedError
        yield

    def close(self) -> None:
        raise NotImplementedError

    @contextlib.contextmanager
    def writing(self) -> Iterator[None]:
        """Several writes as one hold of the database (a DuckDB file opened ``shared`` takes its write lock
        once for the block); nothing to do elsewhere."""
        yield

    def lost_connection(self, exc: BaseException) -> bool:
        """Whether ``exc`` says the database went away (a server restarted), so ``reconnect`` may help."""
        return False

    def reconnect(self) -> None:
        raise StoreError(f"cannot reconnect to {self.path}")

    def refused(self, exc: BaseException) -> bool:
        """Whether ``exc`` is the database refusing one row's content (the document fails, the batch goes on)."""
        return False

    # -- lifecycle -------------------------------------------------------------------------------------
    def _create_schema(self) -> None:
        sql = "\n".join(line.split("--")[0] for line in schema_sql().splitlines())  # no "--" in literals
        for statement in sql.split(";"):
            if statement.strip():
                self._execute(statement)
        self._execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT DO NOTHING", ["schema_version", SCHEMA_VERSION])

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _rows(self, sql: str, params: list[Any] | None = None) -> list[dict[str, Any]]:
        cur = self._execute(sql, params or [])
        cols = [d[0] for d in cur.description]
        return [dict(zip(cols, row)) for row in cur.fetchall()]

    def _scalar(self, sql: str, params: list[Any] | None = None) -> Any:
        row = self._execute(sql, params or []).fetchone()
        return row[0] if row else None

    # -- writing ---------------------------------------------------------------------------------------
    def has_document(self, doc_id: str) -> bool:
        return self._execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def add(self, result: dict[str, Any], text: str, origin: str) -> bool:
        """Store one analysed document in one transaction. Returns False when its text is already stored."""
        doc = result["document"]
        if self.has_document(doc["id"]):
            self.clear_failure(origin)
            return False
        now = datetime.now(timezone.utc).replace(tzinfo=None)
        with self._transaction():
            self._execute(
                "INSERT INTO documents VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [doc["id"], doc["title"], doc["published"], doc["source"], doc["dateline"], doc["language"],
                 origin, now, text, json.dumps(result, ensure_ascii=False)],
            )
            did = doc["id"]
            if result["actors"]:
                self._executemany("INSERT INTO actors VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                    [did, a["id"], a["name"], a["kind"], a["country"], a["sector"], a["code"], a["title"],
                     len(a["mentions"])] for a in result["actors"]])
            if result["quotes"]:
                self._executemany(
                    "INSERT INTO quotes (doc_id, id, start_char, end_char, text, kind, speaker_actor, speaker_name, "
                    "cue, date, date_text, attribution) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
                        [did, q["id"], q["start"], q["end"], q["text"], q["kind"],
                         (q["speaker"] or {}).get("actor"), (q["speaker"] or {}).get("name"),
                         (q["cue"] or {}).get("text"), q["date"], q["date_text"], q.get("attribution")]
                        for q in result["quotes"]])
            if result["events"]:
                threshold = doc.get("events_threshold")
                self._executemany(f"INSERT INTO events ({EVENT_FIELDS}) VALUES (" + ", ".join(["?"] * 28) + ")", [
                    self._event_row(did, e) + [threshold] for e in result["events"]])
            if result["disputes"]:
                self._executemany("INSERT INTO disputes VALUES (?, ?, ?, ?, ?)", [
                    [did, d["id"], d["claim"], d["counter"], d["summary"]] for d in result["disputes"]])
            self._execute("DELETE FROM failures WHERE origin = ?", [origin])
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
        self._execute("INSERT INTO failures VALUES (?, ?, ?) ON CONFLICT (origin) DO UPDATE "
                      "SET reason = excluded.reason, failed_at = excluded.failed_at", [origin, reason, now])

    def clear_failure(self, origin: str) -> None:
        self._execute("DELETE FROM failures WHERE origin = ?", [origin])

    # -- reading ---------------------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:
        return {t: self._scalar(f"SELECT count(*) FROM {t}")  # fixed table names
                for t in ("documents", "actors", "quotes", "events", "disputes", "failures")}

    def failures(self) -> list[dict[str, Any]]:
        return self._rows("SELECT origin, reason, failed_at FROM failures ORDER BY origin")

    def document(self, doc_id: str) -> dict[str, Any] | None:
        if "\x00" in doc_id:
            return None  # no id holds a NUL (PostgreSQL refuses one in a parameter)
        return _json(self._scalar("SELECT result FROM documents WHERE id = ?", [doc_id]))

    def text(self, doc_id: str) -> str | None:
        if "\x00" in doc_id:
            return None
        return self._scalar("SELECT text FROM documents WHERE id = ?", [doc_id])

    def _select(self, sql: str, where: "_Where", order: str, limit: int | None) -> list[dict[str, Any]]:
        params = list(where.params)
        if where.clauses:
            sql += " WHERE " + " AND ".join(where.clauses)
        sql += f" ORDER BY {order}"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._rows(sql, params)

    def events(self, *, type: str | None = None, actor: str | None = None, country: str | None = None,
               since: date | None = None, until: date | None = None, doc: str | None = None,
               polarity: str | None = None, limit: int | None = None,
               all_events: bool = False) -> list[dict[str, Any]]:
        """Events across documents; those below their analysis's threshold only with ``all_events``."""
        w = _Where()
        if not all_events:
            w.clauses.append(KEPT)
        w.add(type, "e.type = ?", (type or "").upper())
        w.add(actor, f"(lower(e.source_name) {LIKE} OR lower(e.target_name) {LIKE} OR e.source_code = ? "
                     "OR e.target_code = ?)", *[f"%{_like((actor or '').lower())}%"] * 2, *[(actor or "").upper()] * 2)
        w.add(country, "(e.source_country = ? OR e.target_country = ?)", *[(country or "").upper()] * 2)
        w.dated("e", since, until)
        w.add(doc, f"e.doc_id {LIKE}", f"{_like(doc)}%")
        w.add(polarity, "e.polarity = ?", polarity)
        sql = ("SELECT e.doc_id, e.id, e.type, e.cameo, e.quad_class, e.goldstein, e.polarity, e.modality, "
               "e.source_name, e.source_code, e.target_name, e.target_code, e.date, e.date_text, e.location, "
               "e.evidence_start, e.evidence_end, e.evidence, e.quote_id, e.confidence, e.threshold, d.published "
               "FROM events e JOIN documents d ON d.id = e.doc_id")
        return self._select(sql, w, "coalesce(e.date, d.published) NULLS LAST, e.doc_id, e.id", limit)

    def quotes(self, *, speaker: str | None = None, kind: str | None = None, since: date | None = None,
               until: date | None = None, doc: str | None = None, attribution: str | None = None,
               limit: int | None = None) -> list[dict[str, Any]]:
        """Quotes across documents; ``attribution`` keeps one class ("speech": quotations only)."""
        w = _Where()
        w.add(speaker, f"lower(q.speaker_name) {LIKE}", f"%{_like((speaker or '').lower())}%")
        w.add(kind, "q.kind = ?", kind)
        w.add(attribution, "q.attribution = ?", attribution)
        w.dated("q", since, until)
        w.add(doc, f"q.doc_id {LIKE}", f"{_like(doc)}%")
        sql = ("SELECT q.doc_id, q.id, q.kind, q.attribution, q.speaker_name, q.cue, q.text, q.start_char, "
               "q.end_char, q.date, q.date_text, d.published FROM quotes q JOIN documents d ON d.id = q.doc_id")
        return self._select(sql, w, "q.doc_id, q.start_char", limit)

    def actors(self, *, name: str | None = None, country: str | None = None, sector: str | None = None,
               kind: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        """Actors across documents, grouped by name and code, with document and mention counts."""
        w = _Where()
        w.add(name, f"lower(name) {LIKE}", f"%{_like((name or '').lower())}%")
        w.add(country, "country = ?", (country or "").upper())
        w.add(sector, "sector = ?", (sector or "").upper())
        w.add(kind, "kind = ?", kind)
        sql = "SELECT name, kind, country, sector, code, count(DISTINCT doc_id) AS documents, " \
              "sum(mentions) AS mentions FROM actors"
        if w.clauses:
            sql += " WHERE " + " AND ".join(w.clauses)
        sql += " GROUP BY name, kind, country, sector, code"
        return self._select(sql, _Where(w.params), "documents DESC, mentions DESC, name", limit)

    def disputes(self, *, doc: str | None = None, limit: int | None = None) -> list[dict[str, Any]]:
        w = _Where()
        w.add(doc, f"x.doc_id {LIKE}", f"{_like(doc)}%")
        sql = ("SELECT x.doc_id, x.id, x.summary, x.claim, c.source_name AS claimed_by, c.evidence AS claim_evidence, "
               "x.counter, n.source_name AS denied_by, n.evidence AS counter_evidence FROM disputes x "
               "JOIN events c ON c.doc_id = x.doc_id AND c.id = x.claim "
               "JOIN events n ON n.doc_id = x.doc_id AND n.id = x.counter")
        return self._select(sql, w, "x.doc_id, x.id", limit)

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
              AND (a.day IS NULL OR b.day IS NULL OR abs(a.day - b.day) <= ?)"""
        return self._select(sql, _Where([int(window_days)]), "a.type, a.p1, a.p2, claim_doc, a.id, counter_doc, b.id",
                            limit)

    # -- export ----------------------------------------------------------------------------------------
    def iter_results(self):
        for result, _text, _at, _origin in self.iter_stored():
            yield result

    def iter_stored(self):
        """(result, text, ingested_at, origin) for every document, oldest publication first."""
        ids = [r[0] for r in self._execute("SELECT id FROM documents ORDER BY published NULLS LAST, id").fetchall()]
        for start in range(0, len(ids), 256):  # in pages: memory stays flat, no cursor held across yields
            page = ids[start:start + 256]
            marks = ", ".join("?" * len(page))
            rows = {r[0]: r[1:] for r in self._execute(
                f"SELECT id, result, text, ingested_at, origin FROM documents WHERE id IN ({marks})", page).fetchall()}
            for doc_id in page:
                result, text, ingested_at, origin = rows[doc_id]
                yield _json(result), text, ingested_at, origin

    def export_table(self, table: str, fmt: str, out: str | Path, all_events: bool = False) -> None:
        """Write one record table (events, quotes, actors, disputes) as CSV or Parquet with DuckDB's COPY; events
        at or above the confidence their analysis kept unless ``all_events``."""
        if table not in ("events", "quotes", "actors", "disputes"):
            raise StoreError(f"no table {table!r} to export")
        kept = f" WHERE {KEPT.replace('e.', '')}" if table == "events" and not all_events else ""
        rows = self._rows(f"SELECT * FROM {table}{kept} ORDER BY doc_id, id")  # table name checked above
        if fmt == "csv":
            with open(out, "w", newline="", encoding="utf-8") as fh:
                writer = csv.writer(fh)
                columns = [d[0] for d in self._execute(f"SELECT * FROM {table} LIMIT 0").description]
                writer.writerow(columns)
                writer.writerows([row[c] for c in columns] for row in rows)
            return
        write_parquet(rows, table, out)


EVENT_FIELDS = ("doc_id, id, type, cameo, quad_class, goldstein, polarity, modality, source_actor, source_name, "
                "source_country, source_code, target_actor, target_name, target_country, target_code, date, date_text, "
                "location, location_country, lat, lon, evidence_start, evidence_end, evidence, quote_id, confidence, "
                "threshold")
# events at or above the confidence their analysis kept (stores made with --all-events hold the rest too)
KEPT = "(e.threshold IS NULL OR e.confidence >= e.threshold)"


class _Where:
    """WHERE clauses with their parameters, added only for filters that were given."""

    def __init__(self, params: list[Any] | None = None) -> None:
        self.clauses: list[str] = []
        self.params: list[Any] = list(params or [])

    def add(self, value: Any, clause: str, *params: Any) -> None:
        if value in (None, ""):
            return
        if any(isinstance(p, str) and "\x00" in p for p in params):
            self.clauses.append("1 = 0")  # no stored value holds a NUL (PostgreSQL refuses one in a parameter)
            return
        self.clauses.append(clause)
        self.params.extend(params)

    def dated(self, alias: str, since: date | None, until: date | None) -> None:
        """From/to a date: the record's own date where known, else its document's publication date."""
        self.add(since, f"coalesce({alias}.date, d.published) >= ?", since)
        self.add(until, f"coalesce({alias}.date, d.published) <= ?", until)


LIKE = "LIKE ? ESCAPE '\\'"  # a filter's %, _ and \ are matched as themselves (see _like)


def _like(value: Any) -> str:
    """A filter value for LIKE: its wildcards escaped, so '%' finds a '%', not every row."""
    return str(value).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _json(value: Any) -> Any:
    """A JSON column's value: DuckDB returns text, psycopg returns it parsed."""
    if value is None or isinstance(value, (dict, list)):
        return value
    return json.loads(value)


def write_parquet(rows: list[dict[str, Any]], table: str, out: str | Path) -> None:
    """Parquet through an in-memory DuckDB (built-in writer): the rows' types come from the schema."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute(schema_sql())
        if rows:
            cols = list(rows[0])
            con.executemany(f"INSERT INTO {table} ({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})",
                            [[r[c] for c in cols] for r in rows])
        target = str(out).replace("'", "''")  # COPY takes no parameter for its target; quote it
        con.execute(f"COPY (SELECT * FROM {table} ORDER BY doc_id, id) TO '{target}' (FORMAT parquet)")
    finally:
        con.close()
