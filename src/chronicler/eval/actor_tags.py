"""Actors scored on the event sets' actor annotations (``../shared/data/events``).

- PLOVER gold records (``plover_gsr/dev.jsonl``): each source and target gives the actor's text, its country
  (``code``: ISO3 or IGO) and, for most, its ``sector``. The sentence is analysed (dated with the record's
  date); the actor over the first occurrence of the actor's text (``actor_for_tokens``) is scored: country
  accuracy over every gold actor (no actor counts as no country), sector accuracy over those with a sector
  (CAMEO's JRN read as the contract's MED, ``eval.actors.SAME_SECTOR``).
- ConfliBERT actor tags (``conflibert/actors_train.conll``): source (S), target (T) and reciprocal (R) spans
  carry no codes, so the figure is a coverage: the share of tagged spans over which the document has an actor,
  one with a country, one with a sector. The sentence is its tokens joined by single spaces.

Both are checks of generalisation, never sources of rules.
"""
from __future__ import annotations

import json
from datetime import date
from typing import Any

from chronicler.eval.actors import same_sector
from chronicler.sources.article import make_article
from chronicler.stages.actors import actor_for_tokens


def _actor_at(doc, start_char: int, end_char: int):
    span = doc.char_span(start_char, end_char, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return actor_for_tokens(doc, span.start, span.end)


def _date(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def evaluate_plover(gold_path: str, analyzer: Any) -> dict[str, Any]:
    counts = {"country": [0, 0], "sector": [0, 0]}
    errors: list[dict[str, Any]] = []
    with open(gold_path, encoding="utf-8") as f:
        records = [json.loads(line) for line in f if line.strip()]
    for rec in records:
        gold = [a for side in ("source", "target") if isinstance(rec.get(side), list) for a in rec[side]]
        gold = [a for a in gold if a.get("actorText")]
        if not gold:
            continue
        text = rec["text"]
        doc = analyzer.parse(make_article(text, published=_date(rec.get("date"))))
        for a in gold:
            at = text.find(a["actorText"])
            actor = _actor_at(doc, at, at + len(a["actorText"])) if at >= 0 else None
            country = actor.country if actor else None
            sector = actor.sector if actor else None
            fields = [("country", a.get("code") or "", country or "")]
            if a.get("sector"):
                fields.append(("sector", same_sector(a["sector"]), sector or ""))
            for name, want, got in fields:
                counts[name][0] += int(want == got)
                counts[name][1] += 1
                if want != got:
                    errors.append({"id": rec.get("id"), "text": a["actorText"], "field": name,
                                   "expected": want, "got": got or None})
    figures: dict[str, Any] = {"set": "plover", "errors": errors}
    for name, (right, total) in counts.items():
        figures[f"{name}_n"] = total
        figures[f"{name}_accuracy"] = round(right / total, 4) if total else None
    return figures


def read_conll(path: str) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = line.rstrip("\n").split()
            if not parts:
                if current:
                    sentences.append(current)
                current = []
                continue
            current.append((parts[0], parts[-1] if len(parts) > 1 else "O"))
    if current:
        sentences.append(current)
    return sentences


def tagged_spans(sentence: list[tuple[str, str]]) -> tuple[str, list[tuple[str, int, int]]]:
    """The sentence's text (tokens joined by spaces) and its (role, start, end) character spans."""
    text_parts: list[str] = []
    spans: list[tuple[str, int, int]] = []
    pos = 0
    open_span: list | None = None
    for token, tag in sentence:
        start = pos
        text_parts.append(token)
        pos += len(token) + 1
        if tag.startswith("I-") and open_span is not None and open_span[0] == tag[2:]:
            open_span[2] = start + len(token)
            continue
        if open_span is not None:
            spans.append(tuple(open_span))  # type: ignore[arg-type]
            open_span = None
        if tag[:2] in ("B-", "I-"):
            open_span = [tag[2:], start, start + len(token)]
    if open_span is not None:
        spans.append(tuple(open_span))  # type: ignore[arg-type]
    return " ".join(text_parts), spans


def evaluate_conll(gold_path: str, analyzer: Any) -> dict[str, Any]:
    counts = {"actor": 0, "country": 0, "sector": 0, "spans": 0}
    for sentence in read_conll(gold_path):
        text, spans = tagged_spans(sentence)
        if not spans:
            continue
        doc = analyzer.parse(make_article(text))
        for _role, start, end in spans:
            actor = _actor_at(doc, start, end)
            counts["spans"] += 1
            counts["actor"] += int(actor is not None)
            counts["country"] += int(actor is not None and bool(actor.country))
            counts["sector"] += int(actor is not None and bool(actor.sector))
    n = counts["spans"]
    return {"set": "conll", "spans_n": n, **{f"{k}_share": round(counts[k] / n, 4) if n else None
                                            for k in ("actor", "country", "sector")}}


def report(figures: dict[str, Any]) -> str:
    if figures["set"] == "conll":
        return (f"tagged actor spans {figures['spans_n']}: with an actor {figures['actor_share']}, "
                f"with a country {figures['country_share']}, with a sector {figures['sector_share']}\n")
    lines = [f"country accuracy {figures['country_accuracy']}  (n={figures['country_n']})",
             f"sector accuracy  {figures['sector_accuracy']}  (n={figures['sector_n']})"]
    if figures["errors"]:
        lines.append("misses:")
        lines += [f"  {e['field']:<7} {e['text']!r}: expected {e['expected']!r}, got {e['got']!r}"
                  for e in figures["errors"]]
    return "\n".join(lines) + "\n"
