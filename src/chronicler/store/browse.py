"""The store's queries for the web UI: a page of events with its total, an actor's timeline, network and
quotes, full-text search over articles, and an overview. Mixed into ``Store``; the same SQL for DuckDB and
PostgreSQL (``?`` placeholders; filters map to fixed column names)."""
from __future__ import annotations

import re
from datetime import date
from typing import Any

EVENT_COLUMNS = ("e.doc_id, e.id, e.type, e.cameo, e.quad_class, e.goldstein, e.polarity, e.modality, "
                 "e.source_name, e.source_code, e.source_country, e.target_name, e.target_code, e.target_country, "
                 "e.date, e.date_text, e.location, e.evidence_start, e.evidence_end, e.evidence, e.quote_id, "
                 "e.confidence, d.published, d.title")


EVENT_ORDER = "coalesce(e.date, d.published) DESC NULLS LAST, e.doc_id, e.id"


def _timeline(events: list[dict[str, Any]], width: int = 7) -> list[dict[str, Any]]:
    """Events per day (``width`` 10: the event's date, else its article's; 7: per month), with the sum of their
    Goldstein scores, how many had one, and the conflict count (quad class 3-4); the page bins days further."""
    bins: dict[str, list[dict[str, Any]]] = {}
    for e in events:
        if e["day"] is not None:
            bins.setdefault(str(e["day"])[:width], []).append(e)
    out = []
    for key in sorted(bins):
        rows = bins[key]
        scores = [r["goldstein"] for r in rows if r["goldstein"] is not None]
        out.append({"day" if width == 10 else "month": key, "events": len(rows),
                    "goldstein": sum(scores) / len(scores) if scores else None, "scored": len(scores),
                    "conflict": sum(1 for r in rows if (r["quad_class"] or 0) >= 3)})
    return out


def _network(events: list[dict[str, Any]], top: int = 40) -> list[dict[str, Any]]:
    """Who acts on whom: (source, target) pairs with their event count and mean Goldstein, most events first."""
    pairs: dict[tuple[str, str], list[float | None]] = {}
    for e in events:
        if e["source_name"] is not None and e["target_name"] is not None:
            pairs.setdefault((e["source_name"], e["target_name"]), []).append(e["goldstein"])
    out = []
    for (source, target), scores in pairs.items():
        known = [g for g in scores if g is not None]
        out.append({"source": source, "target": target, "events": len(scores),
                    "goldstein": sum(known) / len(known) if known else None})
    out.sort(key=lambda r: (-r["events"], r["source"], r["target"]))
    return out[:top]


def _like(value: str) -> str:
    """A LIKE pattern matching ``value`` literally anywhere (its own % and _ escaped)."""
    return "%" + value.lower().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"


# Search folds accents on both sides (the same SQL in DuckDB and PostgreSQL, no extension): "Díaz" = "diaz",
# "habían" = "habian", "Peña" = "pena". One character for one, so offsets in the folded text are offsets in the text.
_ACCENTED = "áàâäãåéèêëíìîïóòôöõúùûüñçýÿ"
_PLAIN = "aaaaaaeeeeiiiiooooouuuuncyy"


_TITLE_TEXT = "coalesce(title, '') || ' ' || text"
_TITLE = "coalesce(d.title, '')"


def _folded(sql: str) -> str:
    return f"translate(lower({sql}), '{_ACCENTED}', '{_PLAIN}')"


def fold_word(word: str) -> str:
    return word.lower().translate(str.maketrans(_ACCENTED, _PLAIN))


class BrowseQueries:
    """Read-only queries behind the web UI's pages."""

    def _event_filters(self, *, type: str | None = None, actor: str | None = None, country: str | None = None,
                       since: date | None = None, until: date | None = None, doc: str | None = None,
                       polarity: str | None = None, quad_class: int | None = None,
                       all_events: bool = False) -> tuple[list[str], list[Any]]:
        from chronicler.store.base import KEPT

        clauses: list[str] = [] if all_events else [KEPT]
        params: list[Any] = []

        def add(value, clause, *ps):
            if value not in (None, ""):
                clauses.append(clause)
                params.extend(ps)

        add(type, "e.type = ?", (type or "").upper())
        add(actor, "(lower(e.source_name) LIKE ? ESCAPE '\\' OR lower(e.target_name) LIKE ? ESCAPE '\\' "
                   "OR e.source_code = ? OR e.target_code = ?)",
            _like(actor or ""), _like(actor or ""), (actor or "").upper(), (actor or "").upper())
        add(country, "(e.source_country = ? OR e.target_country = ?)", *[(country or "").upper()] * 2)
        add(since, "coalesce(e.date, d.published) >= ?", since)
        add(until, "coalesce(e.date, d.published) <= ?", until)
        add(doc, "e.doc_id LIKE ?", f"{doc}%")
        add(polarity, "e.polarity = ?", polarity)
        add(quad_class, "e.quad_class = ?", quad_class)
        return clauses, params

    def events_page(self, *, offset: int = 0, limit: int = 50, **filters: Any) -> dict[str, Any]:
        """One page of events (the CLI's filters, plus quad class) and how many match in all. The page's keys
        are sorted first, its full rows read after (a deep page sorts keys, not evidence texts)."""
        clauses, params = self._event_filters(**filters)
        where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
        frm = " FROM events e JOIN documents d ON d.id = e.doc_id" + where
        total = self._scalar("SELECT count(*)" + frm, params)
        keys = self._execute("SELECT e.doc_id, e.id" + frm + f" ORDER BY {EVENT_ORDER} LIMIT ? OFFSET ?",
                             params + [int(limit), int(offset)]).fetchall()
        return {"total": total, "offset": offset, "limit": limit, "rows": self._events_by_keys(keys)}

    def _events_by_keys(self, keys: list[tuple[str, str]]) -> list[dict[str, Any]]:
        """Full event rows for (doc_id, id) keys, in the keys' order."""
        if not keys:
            return []
        docs = sorted({k[0] for k in keys})
        marks = ", ".join("?" * len(docs))
        rows = self._rows(f"SELECT {EVENT_COLUMNS.replace(', d.published, d.title', '')} FROM events e "
                          f"WHERE e.doc_id IN ({marks})", docs)
        about = {r["id"]: r for r in self._rows(f"SELECT id, published, title FROM documents WHERE id IN ({marks})",
                                                  docs)}
        by_key = {(r["doc_id"], r["id"]): r for r in rows}
        out = []
        for k in keys:
            row = by_key.get(tuple(k))
            if row is not None:
                doc = about.get(row["doc_id"], {})
                out.append({**row, "published": doc.get("published"), "title": doc.get("title")})
        return out

    def actor_profile(self, name: str, *, limit: int = 50) -> dict[str, Any]:
        """Everything the UI shows about one actor (matched by exact name, case-insensitive, or by its code):
        the names and codes it goes by, its events per month with mean Goldstein, who acts on whom around it
        (edges with counts and mean Goldstein), its quotes, and its latest events."""
        key, code = name.lower(), name.upper()
        forms = self._rows(
            "SELECT name, kind, country, sector, code, count(DISTINCT doc_id) AS documents, sum(mentions) AS mentions "
            "FROM actors WHERE lower(name) = ? OR code = ? GROUP BY name, kind, country, sector, code "
            "ORDER BY documents DESC LIMIT 10", [key, code])
        mine = self._rows(
            "SELECT e.doc_id, e.id, coalesce(e.date, d.published) AS day, e.goldstein, e.quad_class, "
            "e.source_name, e.target_name FROM events e JOIN documents d ON d.id = e.doc_id "
            f"WHERE lower(e.source_name) = ? OR lower(e.target_name) = ? ORDER BY {EVENT_ORDER}", [key, key])
        timeline, days, network = _timeline(mine), _timeline(mine, 10), _network(mine)
        quotes = self._rows(
            "SELECT q.doc_id, q.id, q.kind, q.attribution, q.speaker_name, q.cue, q.text, q.start_char, q.end_char, "
            "q.date, d.published, d.title FROM quotes q JOIN documents d ON d.id = q.doc_id "
            "WHERE lower(q.speaker_name) = ? ORDER BY coalesce(q.date, d.published) DESC NULLS LAST, q.doc_id, "
            "q.start_char LIMIT ?", [key, int(limit)])
        events = self._events_by_keys([(r["doc_id"], r["id"]) for r in mine[:limit]])
        return {"name": name, "forms": forms, "timeline": timeline, "days": days, "network": network, "quotes": quotes,
                "events": events}

    def index_search(self) -> bool:
        """Bring the word index up to date with the documents (each document's distinct lower-case words, title
        included); True when it covers every document. A read-only store cannot: then False."""
        try:
            if self._scalar("SELECT count(*) FROM search_docs") == self._scalar("SELECT count(*) FROM documents"):
                return True
        except Exception:  # noqa: BLE001 - a store written before the index, opened read-only
            return False
        if self._dialect() == "duckdb":
            words = (f"SELECT unnest(regexp_split_to_array({_folded(_TITLE_TEXT)}, "
                     "'[^\\p{L}\\p{N}]+')) AS term, id AS doc_id FROM documents WHERE id NOT IN "
                     "(SELECT doc_id FROM search_docs)")
        else:
            words = (f"SELECT regexp_split_to_table({_folded(_TITLE_TEXT)}, "
                     "'[^[:alnum:]]+') AS term, id AS doc_id FROM documents WHERE id NOT IN "
                     "(SELECT doc_id FROM search_docs)")
        try:
            if self._dialect() == "duckdb":
                self._execute("SET enable_progress_bar = false")
            else:
                self._execute("CREATE INDEX IF NOT EXISTS search_terms_term ON search_terms (term)")
            with self._transaction():
                self._execute(f"INSERT INTO search_terms SELECT DISTINCT term, doc_id FROM ({words}) w "
                              "WHERE term <> '' ORDER BY term, doc_id")
                self._execute("INSERT INTO search_docs SELECT id FROM documents WHERE id NOT IN "
                              "(SELECT doc_id FROM search_docs)")
        except Exception:  # noqa: BLE001 - a read-only store: search scans the texts instead
            return False
        return True

    def search(self, q: str, *, offset: int = 0, limit: int = 20) -> dict[str, Any]:
        """Articles whose title or text holds every word of ``q`` (case-insensitive), newest first, each with
        the offset of the first word's first hit in its text and the text around it (for a snippet).

        Words are looked up in the word index (whole words); on a store that cannot index (opened read-only
        before the index caught up) the texts are scanned for the words as substrings. One query finds the
        page and the total (a window count); the snippets are cut for that page only."""
        words = list(dict.fromkeys(fold_word(w) for w in re.findall(r"[^\W_]+", q.lower())))[:8]
        if not words:
            return {"total": 0, "offset": offset, "limit": limit, "rows": [], "words": []}
        if self.index_search():  # a term indexed before accents were folded is found by its own spelling too
            raw = list(dict.fromkeys(re.findall(r"[^\W_]+", q.lower())))[:8]
            each = " UNION ALL ".join(["SELECT DISTINCT doc_id FROM search_terms WHERE term = ? OR term = ?"]
                                      * len(words))
            where = f"d.id IN (SELECT doc_id FROM ({each}) t GROUP BY doc_id HAVING count(*) = {len(words)})"
            params: list[Any] = [p for w, r in zip(words, raw if len(raw) == len(words) else words) for p in (w, r)]
        else:
            clause = (f"({_folded('d.text')} LIKE ? ESCAPE '\\' OR {_folded(_TITLE)} "
                      "LIKE ? ESCAPE '\\')")
            where = " AND ".join([clause] * len(words))
            params = [p for w in words for p in (_like(w), _like(w))]
        page = self._rows(
            "SELECT d.id AS doc_id, d.title, d.published, d.source, d.origin, count(*) OVER () AS total "
            f"FROM documents d WHERE {where} ORDER BY d.published DESC NULLS LAST, d.id LIMIT ? OFFSET ?",
            params + [int(limit), int(offset)])
        total = page[0]["total"] if page else (
            self._scalar(f"SELECT count(*) FROM documents d WHERE {where}", params) if offset else 0)
        if page:
            marks = ", ".join("?" * len(page))
            pos = f"strpos({_folded('d.text')}, ?)"
            cut = {r["doc_id"]: r for r in self._rows(
                f"SELECT d.id AS doc_id, {pos} - 1 AS hit, substr(d.text, greatest(1, {pos} - 120), 320) AS around "
                f"FROM documents d WHERE d.id IN ({marks})", [words[0], words[0]] + [r["doc_id"] for r in page])}
            for r in page:
                r.pop("total")
                r.update({"hit": cut[r["doc_id"]]["hit"], "around": cut[r["doc_id"]]["around"]})
        return {"total": total, "offset": offset, "limit": limit, "rows": page, "words": words}

    def overview(self) -> dict[str, Any]:
        """Counts, the most reported actors, the latest documents."""
        latest = self._rows("SELECT id AS doc_id, title, published, source, origin FROM documents "
                            "ORDER BY published DESC NULLS LAST, ingested_at DESC LIMIT 15")
        counts = self.counts()
        key = (counts["documents"], counts["actors"])
        cached = getattr(self, "_top_actors", None)
        if cached is None or cached[0] != key:  # a scan of every actor row: again only when the store grew
            cached = (key, self._rows("SELECT name, max(code) AS code, count(DISTINCT doc_id) AS documents "
                                      "FROM actors GROUP BY name ORDER BY documents DESC, name LIMIT 20"))
            self._top_actors = cached
        return {"counts": counts, "latest": latest, "actors": cached[1]}

    def _dialect(self) -> str:
        return "postgres" if type(self).__name__.startswith("Postgres") else "duckdb"
