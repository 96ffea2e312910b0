"""The store's tables for `chronicler watch` and `chronicler alerts`: feed state (conditional-GET validators,
last status, last error), items seen once by URL, alert rules and the alerts they fired. Mixed into
``Store``; the SQL is the same for DuckDB and PostgreSQL (``?`` placeholders, translated by the backend)."""
from __future__ import annotations

import json
from datetime import datetime, timezone
from typing import Any


def _now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def _json(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        return value
    return json.loads(value)


class WatchTables:
    """Feeds, feed items, alert rules and fired alerts (see schema.sql)."""

    # -- feeds ---------------------------------------------------------------------------------------------
    def feed_state(self, url: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT url, etag, last_modified, checked_at, status, error, items FROM feeds "
                          "WHERE url = ?", [url])
        return rows[0] if rows else None

    def record_feed(self, url: str, *, status: int | None, etag: str | None = None,
                    last_modified: str | None = None, error: str | None = None, new_items: int = 0) -> None:
        """The outcome of one poll. Validators are kept from the previous poll when the server sent none
        (a 304 or a failure keeps them)."""
        self._execute(
            "INSERT INTO feeds VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE SET "
            "etag = coalesce(excluded.etag, feeds.etag), "
            "last_modified = coalesce(excluded.last_modified, feeds.last_modified), "
            "checked_at = excluded.checked_at, status = excluded.status, error = excluded.error, "
            "items = feeds.items + excluded.items",
            [url, etag, last_modified, _now(), status, error, new_items])

    def feeds(self) -> list[dict[str, Any]]:
        return self._rows("SELECT url, status, error, items, checked_at FROM feeds ORDER BY url")

    def seen_item(self, url: str) -> bool:
        return self._execute("SELECT 1 FROM feed_items WHERE url = ?", [url]).fetchone() is not None

    def record_item(self, url: str, feed: str | None, doc_id: str | None, title: str | None) -> None:
        self._execute("INSERT INTO feed_items VALUES (?, ?, ?, ?, ?) ON CONFLICT (url) DO NOTHING",
                      [url, feed, doc_id, title, _now()])

    # -- alert rules -----------------------------------------------------------------------------------------
    def add_rule(self, rule_id: str, rule: dict[str, Any], deliver: str) -> None:
        self._execute("INSERT INTO alert_rules VALUES (?, ?, ?, ?)",
                      [rule_id, json.dumps(rule, ensure_ascii=False), deliver, _now()])

    def rules(self) -> list[dict[str, Any]]:
        rows = self._rows("SELECT id, rule, deliver, created_at FROM alert_rules ORDER BY created_at, id")
        for row in rows:
            row["rule"] = _json(row["rule"])
        return rows

    def remove_rule(self, rule_id: str) -> bool:
        found = self._execute("SELECT 1 FROM alert_rules WHERE id = ?", [rule_id]).fetchone() is not None
        self._execute("DELETE FROM alert_rules WHERE id = ?", [rule_id])
        return found

    def event_evidence(self, doc_id: str, event_id: str) -> dict[str, Any] | None:
        rows = self._rows("SELECT doc_id, evidence_start AS start, evidence_end AS \"end\", evidence AS text "
                          "FROM events WHERE doc_id = ? AND id = ?", [doc_id, event_id])
        return rows[0] if rows else None

    # -- fired alerts ----------------------------------------------------------------------------------------
    def record_alert(self, alert: dict[str, Any]) -> bool:
        """Keep one fired alert; False when this rule already fired on this record (each fires once)."""
        key = [alert["rule"], alert["document"]["doc_id"], alert["record"]["id"]]
        if self._execute("SELECT 1 FROM alerts WHERE rule_id = ? AND doc_id = ? AND record_id = ?",
                         key).fetchone() is not None:
            return False
        self._execute("INSERT INTO alerts VALUES (?, ?, ?, ?, ?, ?)",
                      key + [alert["kind"], _now(), json.dumps(alert, ensure_ascii=False, default=str)])
        return True

    def alerts(self, *, rule: str | None = None, limit: int | None = 100) -> list[dict[str, Any]]:
        sql, params = "SELECT alert FROM alerts", []
        if rule:
            sql += " WHERE rule_id = ?"
            params.append(rule)
        sql += " ORDER BY fired_at DESC, doc_id, record_id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [_json(r["alert"]) for r in self._rows(sql, params)]
