"""Event arguments against ConfliBERT's actor tags (``conflibert/actors_train.conll``: a token and its BIO tag per
line, S = source actor, T = target, R = reciprocal, a blank line between sentences).

The sentence is rebuilt from its tokens (joined by single spaces) and analysed. A participant of ours matches a
gold span when one of its actor's mentions overlaps it, or, for a participant with no actor, when its name lies
inside the span. Figures, each over the sentences that have the gold role:
- source / target of the best event (E1): the first-ranked event's source overlaps a gold S (or R) span, its
  target a gold T (or R) span;
- source / target of any event: some event of the sentence has a matching source (target);
- events found: share of sentences with at least one event.
Nothing here was used to write the rules; the learned argument model (``stages/events/argmodel.py``) is trained on
this file, so where it is, the report adds its grouped cross-validated figures, the ones to quote.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from chronicler.eval.records import read_text

Span = tuple[int, int]


def read_conll(path: str | Path) -> list[tuple[str, dict[str, list[Span]]]]:
    """Sentences as (text, {"S": spans, "T": spans}) with R spans counted in both roles."""
    sentences: list[tuple[str, dict[str, list[Span]]]] = []
    tokens: list[tuple[str, str]] = []
    for line in read_text(path).splitlines() + [""]:
        parts = line.split()
        if len(parts) >= 2:
            tokens.append((parts[0], parts[-1]))
            continue
        if tokens:
            sentences.append(_sentence(tokens))
            tokens = []
    return sentences


def _sentence(tokens: list[tuple[str, str]]) -> tuple[str, dict[str, list[Span]]]:
    text_parts: list[str] = []
    spans: dict[str, list[Span]] = {"S": [], "T": []}
    pos = 0
    open_role: str | None = None
    open_start = 0
    last_end = 0

    def close() -> None:
        if open_role is None:
            return
        for role in ("S", "T") if open_role == "R" else (open_role,):
            spans[role].append((open_start, last_end))

    for word, tag in tokens:
        start = pos
        text_parts.append(word)
        pos += len(word) + 1
        kind, _, role = tag.partition("-")
        if kind == "B" or (kind == "I" and role != open_role) or kind == "O":
            close()
            open_role = role if kind in ("B", "I") and role in ("S", "T", "R") else None
            open_start = start
        last_end = start + len(word)
    close()
    return " ".join(text_parts), spans


def _overlaps(a: Span, b: Span) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _matches(participant: Any, analysis: Any, gold: list[Span], text: str) -> bool:
    if participant is None or not gold:
        return False
    actor = next((a for a in analysis.actors if a.id == participant.actor), None) if participant.actor else None
    if actor is not None:
        return any(_overlaps(tuple(m), g) for m in actor.mentions for g in gold)
    return any(participant.name and participant.name in text[g[0]:g[1]] for g in gold)


def score_arguments(sentences: list[tuple[str, dict[str, list[Span]]]], analyses: list[Any]) -> dict[str, Any]:
    counts = {k: 0 for k in ("with_source", "with_target", "best_source", "best_target", "any_source",
                             "any_target", "with_events")}
    for (text, gold), analysis in zip(sentences, analyses):
        events = analysis.events
        counts["with_events"] += bool(events)
        for role, key in (("S", "source"), ("T", "target")):
            if not gold[role]:
                continue
            counts[f"with_{key}"] += 1
            if events and _matches(getattr(events[0], key), analysis, gold[role], text):
                counts[f"best_{key}"] += 1
            if any(_matches(getattr(e, key), analysis, gold[role], text) for e in events):
                counts[f"any_{key}"] += 1
    n = len(sentences) or 1
    rate = lambda k, d: counts[k] / counts[d] if counts[d] else 0.0  # noqa: E731
    return {
        "kind": "arguments", "sentences": len(sentences), "events_found": counts["with_events"] / n,
        "source_best": rate("best_source", "with_source"), "target_best": rate("best_target", "with_target"),
        "source_any": rate("any_source", "with_source"), "target_any": rate("any_target", "with_target"),
        "with_source": counts["with_source"], "with_target": counts["with_target"],
    }


def evaluate(path: Path, analyzer: Any) -> dict[str, Any]:
    from chronicler.sources.article import make_article

    sentences = read_conll(path)
    analyses = list(analyzer.analyze_many(make_article(text) for text, _ in sentences))
    figures = score_arguments(sentences, analyses)
    figures["cross_validated"] = _trained_on(path)
    return figures


def _trained_on(path: Path) -> dict[str, Any] | None:
    """The argument model's grouped CV figures when it was trained on this very file (the live figures are then
    on training data), else None."""
    from chronicler.stages.events.argmodel import load_argument_model

    model = load_argument_model()
    meta = model.meta if model is not None and model.meta else {}
    return meta.get("grouped_cv") if meta.get("train_file") == Path(path).name else None


def report(figures: dict[str, Any]) -> str:
    cv = figures.get("cross_validated")
    return "\n".join([
        f"event arguments on {figures['sentences']} sentences (events found in {figures['events_found']:.3f})",
        f"  best event: source {figures['source_best']:.3f} of {figures['with_source']}   "
        f"target {figures['target_best']:.3f} of {figures['with_target']}",
        f"  any event:  source {figures['source_any']:.3f}   target {figures['target_any']:.3f}",
    ] + ([f"  the argument model was trained on this file; grouped {cv['folds']}-fold CV: best event source "
          f"{cv['source_best']:.3f}   target {cv['target_best']:.3f}"] if cv else []))
