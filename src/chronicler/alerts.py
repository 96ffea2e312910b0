"""Alerts: rules on watched actors, countries, event types, quad class, Goldstein thresholds and new disputes,
kept in the store (`chronicler alerts add|list|remove`), checked against each newly stored document and
delivered as JSON lines (a file, or stdout with "-") and to webhooks (POST, JSON body). Each alert carries
its record and the evidence (document, offsets, text), and is kept in the store for the web UI; a rule
fires once per record. A delivery that fails is recorded in ``failures``, never fatal.
"""
from __future__ import annotations

import hashlib
import json
import sys
import time
import urllib.error
import urllib.request
from datetime import datetime, timezone
from typing import IO, Any

from chronicler.errors import InputError

CONDITIONS = ("actor", "country", "type", "quad_class", "goldstein_below", "goldstein_above")


def make_rule(*, actor: str | None = None, country: str | None = None, type: str | None = None,
              quad_class: int | None = None, goldstein_below: float | None = None,
              goldstein_above: float | None = None, disputes: bool = False) -> dict[str, Any]:
    rule: dict[str, Any] = {"actor": actor, "country": country and country.upper(), "type": type and type.upper(),
                            "quad_class": quad_class, "goldstein_below": goldstein_below,
                            "goldstein_above": goldstein_above, "disputes": bool(disputes)}
    rule = {k: v for k, v in rule.items() if v not in (None, "", False)}
    if not rule:
        raise InputError("an alert rule needs at least one condition (--actor, --country, --type, --quad-class, "
                         "--goldstein-below, --goldstein-above or --disputes)")
    if quad_class is not None and quad_class not in (1, 2, 3, 4):
        raise InputError("--quad-class is 1 (verbal cooperation) .. 4 (material conflict)")
    return rule


def rule_id(rule: dict[str, Any], deliver: list[str]) -> str:
    return hashlib.sha256(json.dumps([rule, deliver], sort_keys=True).encode()).hexdigest()[:10]


def _party_matches(party: dict[str, Any] | None, actor: str | None, country: str | None) -> tuple[bool, bool]:
    party = party or {}
    name, code = (party.get("name") or "").lower(), (party.get("code") or "").upper()
    a = actor is not None and (actor.lower() in name or (code != "" and code == actor.upper()))
    c = country is not None and (party.get("country") or "") == country
    return a, c


def event_matches(rule: dict[str, Any], event: dict[str, Any]) -> bool:
    """Every condition the rule gives holds for the event (an actor or country on either side)."""
    actor, country = rule.get("actor"), rule.get("country")
    if actor is not None or country is not None:
        sides = [_party_matches(event.get(s), actor, country) for s in ("source", "target")]
        if actor is not None and not any(a for a, _ in sides):
            return False
        if country is not None and not any(c for _, c in sides):
            return False
    if rule.get("type") and event.get("type") != rule["type"]:
        return False
    if rule.get("quad_class") and event.get("quad_class") != rule["quad_class"]:
        return False
    g = event.get("goldstein")
    if rule.get("goldstein_below") is not None and (g is None or g > rule["goldstein_below"]):
        return False
    if rule.get("goldstein_above") is not None and (g is None or g < rule["goldstein_above"]):
        return False
    return True


def _evidence(doc_id: str, event: dict[str, Any]) -> dict[str, Any]:
    ev = event["evidence"]
    return {"doc_id": doc_id, "start": ev["start"], "end": ev["end"], "text": ev["text"]}


def alerts_for(rule_row: dict[str, Any], result: dict[str, Any], url: str | None = None) -> list[dict[str, Any]]:
    """The alerts one rule fires on one analysed document (the "chronicler/1" contract)."""
    rule, rid = rule_row["rule"], rule_row["id"]
    doc = result["document"]
    document = {"doc_id": doc["id"], "title": doc.get("title"), "published": doc.get("published"),
                "source": doc.get("source"), "url": url}
    fired_at = datetime.now(timezone.utc).isoformat(timespec="seconds")
    base = {"rule": rid, "conditions": rule, "fired_at": fired_at, "document": document}
    out = []
    if rule.get("disputes"):
        events = {e["id"]: e for e in result["events"]}
        filters = {k: v for k, v in rule.items() if k in ("actor", "country")}
        for d in result["disputes"]:
            claim, counter = events.get(d["claim"]), events.get(d["counter"])
            if claim is None or counter is None:
                continue
            if filters and not (event_matches(filters, claim) or event_matches(filters, counter)):
                continue
            out.append({**base, "kind": "dispute",
                        "record": {"id": d["id"], "summary": d["summary"], "claim": claim, "counter": counter},
                        "evidence": [_evidence(doc["id"], claim), _evidence(doc["id"], counter)]})
        return out
    for e in result["events"]:
        if event_matches(rule, e):
            out.append({**base, "kind": "event", "record": e, "evidence": [_evidence(doc["id"], e)]})
    return out


class Deliverer:
    """Sends alerts to their rule's targets: "-" (stdout), a file path (JSON lines appended), an http(s) URL
    (a webhook: POST with a JSON body, a timeout and retries with back-off)."""

    def __init__(self, store=None, *, stdout: IO[str] | None = None, timeout: float = 10.0, retries: int = 2,
                 backoff: float = 0.5) -> None:
        self.store, self.stdout = store, stdout or sys.stdout
        self.timeout, self.retries, self.backoff = timeout, retries, backoff
        self.failed: list[str] = []

    def deliver(self, alert: dict[str, Any], targets: list[str]) -> None:
        line = json.dumps(alert, ensure_ascii=False, default=str)
        for target in targets:
            if target == "-":
                self.stdout.write(line + "\n")
                self.stdout.flush()
            elif target.startswith(("http://", "https://")):
                self._post(target, line.encode("utf-8"))
            else:
                try:
                    with open(target, "a", encoding="utf-8") as fh:
                        fh.write(line + "\n")
                except OSError as exc:
                    self._failed(target, f"cannot append to {target}: {exc}")

    def _post(self, url: str, body: bytes) -> None:
        error = ""
        for attempt in range(self.retries + 1):
            if attempt:
                time.sleep(self.backoff * 2 ** (attempt - 1))
            request = urllib.request.Request(url, data=body, method="POST",
                                             headers={"Content-Type": "application/json"})
            try:
                with urllib.request.urlopen(request, timeout=self.timeout) as resp:
                    if 200 <= resp.status < 300:
                        return
                    error = f"HTTP {resp.status}"
            except urllib.error.HTTPError as exc:
                error = f"HTTP {exc.code}"
                if exc.code < 500 and exc.code != 429:
                    break
            except (urllib.error.URLError, TimeoutError, OSError) as exc:
                error = f"{type(exc).__name__}: {getattr(exc, 'reason', exc)}"
        self._failed(url, f"webhook {url}: {error}")

    def _failed(self, target: str, reason: str) -> None:
        self.failed.append(reason)
        if self.store is not None:
            self.store.add_failure(f"alert:{target}", reason)


def cross_alerts(store, rule_row: dict[str, Any], result: dict[str, Any], url: str | None = None,
                 window_days: int = 14) -> list[dict[str, Any]]:
    """A dispute rule's alerts across documents: a claim asserted in one stored document and denied in another
    (``Store.cross_disputes``), where the new document is one of the two sides."""
    rule, doc = rule_row["rule"], result["document"]
    actor, country = rule.get("actor"), rule.get("country")
    out = []
    for x in store.cross_disputes(window_days=window_days):
        if doc["id"] not in (x["claim_doc"], x["counter_doc"]):
            continue
        if actor and not any(actor.lower() in (x[k] or "").lower() for k in ("claimed_by", "denied_by", "party_1",
                                                                               "party_2")):
            continue
        if country and country not in (x["party_1"], x["party_2"]):
            continue
        sides = [store.event_evidence(x["claim_doc"], x["claim"]), store.event_evidence(x["counter_doc"], x["counter"])]
        record_id = f"{x['claim_doc'][:12]}:{x['claim']}/{x['counter_doc'][:12]}:{x['counter']}"
        out.append({"rule": rule_row["id"], "conditions": rule, "kind": "dispute_across",
                    "fired_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
                    "document": {"doc_id": doc["id"], "title": doc.get("title"), "published": doc.get("published"),
                                 "source": doc.get("source"), "url": url},
                    "record": {"id": record_id, "summary": f"{x['claimed_by']} asserts, {x['denied_by']} denies "
                                                          f"{x['type']} ({x['party_1']} / {x['party_2']})", **x},
                    "evidence": [s for s in sides if s is not None]})
    return out


def check_document(store, result: dict[str, Any], deliverer: Deliverer, url: str | None = None) -> int:
    """Run every stored rule on one newly stored document; keep and deliver what fires. Returns the count."""
    fired = 0
    for row in store.rules():
        targets = json.loads(row["deliver"]) if isinstance(row["deliver"], str) else row["deliver"]
        found = alerts_for(row, result, url)
        if row["rule"].get("disputes"):
            found += cross_alerts(store, row, result, url)
        for alert in found:
            if store.record_alert(alert):
                deliverer.deliver(alert, targets)
                fired += 1
    return fired
