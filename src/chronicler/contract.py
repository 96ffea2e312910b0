"""The "chronicler/1" contract: JSON Schema validation and the span invariant, as functions users can call."""
from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources
from typing import Any


@lru_cache(maxsize=1)
def schema() -> dict[str, Any]:
    return json.loads(resources.files("chronicler").joinpath("schema/chronicler-1.schema.json").read_text("utf-8"))


@lru_cache(maxsize=1)
def _validator():
    from jsonschema import Draft202012Validator

    return Draft202012Validator(schema())


def schema_errors(result: dict[str, Any]) -> list[str]:
    """Messages for every way ``result`` breaks the JSON Schema (empty when valid)."""
    return [f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}"
            for e in _validator().iter_errors(result)]


def span_errors(text: str, result: dict[str, Any]) -> list[str]:
    """Messages for every span whose offsets do not cut its own text out of ``text``, and every dangling id."""
    errors: list[str] = []

    def check(where: str, start: int, end: int, expected: str | None = None) -> None:
        if not (0 <= start < end <= len(text)):
            errors.append(f"{where}: [{start}, {end}) outside the text (length {len(text)})")
        elif expected is not None and text[start:end] != expected:
            errors.append(f"{where}: text[{start}:{end}] is {text[start:end]!r}, span says {expected!r}")

    actor_ids = {a["id"] for a in result.get("actors", [])}
    quote_ids = {q["id"] for q in result.get("quotes", [])}
    event_ids = {e["id"] for e in result.get("events", [])}
    for a in result.get("actors", []):
        for s, e in a["mentions"]:
            check(f"actor {a['id']} mention", s, e)
    for q in result.get("quotes", []):
        check(f"quote {q['id']}", q["start"], q["end"], q["text"])
        if q.get("cue"):
            check(f"quote {q['id']} cue", q["cue"]["start"], q["cue"]["end"], q["cue"]["text"])
        sp = q.get("speaker")
        if sp:
            check(f"quote {q['id']} speaker", *sp["mention"])
            if sp.get("actor") and sp["actor"] not in actor_ids:
                errors.append(f"quote {q['id']}: speaker actor {sp['actor']} does not exist")
    for ev in result.get("events", []):
        sp = ev["evidence"]
        check(f"event {ev['id']} evidence", sp["start"], sp["end"], sp["text"])
        for role in ("source", "target"):
            p = ev.get(role)
            if p and p.get("actor") and p["actor"] not in actor_ids:
                errors.append(f"event {ev['id']}: {role} actor {p['actor']} does not exist")
        if ev.get("quote") and ev["quote"] not in quote_ids:
            errors.append(f"event {ev['id']}: quote {ev['quote']} does not exist")
    for d in result.get("disputes", []):
        for key in ("claim", "counter"):
            if d[key] not in event_ids:
                errors.append(f"dispute {d['id']}: {key} {d[key]} does not exist")
    return errors
