"""Event evaluation against the PLOVER gold records and the ConfliBERT quad-class sentences.

PLOVER gold (``plover_gsr/*.jsonl``, one coded sentence per line):
- type recall: share of gold records for which one of our events has the gold type (old labels mapped:
  DEMAND->REQUEST, DISAPPROVE->ACCUSE, INVESTIGATE->ACCUSE, FIGHT->ASSAULT);
- type precision: share of our events (over all gold sentences) whose type is the sentence's gold type;
- first-event accuracy: share of gold records whose first (best) event has the gold type;
- triple accuracy: share of gold records for which one of our events has the gold type, a source country among
  the gold source codes, and a target country among the gold target codes (a record without a gold target
  accepts no target, or one among its source codes: compound actors are coded SRC/TAR).
ConfliBERT (``quadclass*.tsv``, ``sentence<TAB>label``): accuracy and macro-F1 of the first event's quad class
(no event = 0). ConfliBERT actor tags (``*.conll``): source and target spans, see ``eval/arguments.py``.
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from chronicler.eval.records import read_jsonl, read_text

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT"}
QUADS = (0, 1, 2, 3, 4)


def _codes(actors: Any) -> set[str]:
    if not isinstance(actors, list):
        return set()
    return {a.get("code") for a in actors if isinstance(a, dict) and a.get("code")}


def _country(participant: Any) -> str | None:
    return getattr(participant, "country", None) if participant is not None else None


def score_plover(records: list[dict], analyses: list[Any]) -> dict[str, Any]:
    recall = triple = first = 0
    predicted = correct_pred = 0
    per_type: dict[str, Counter] = {}
    for rec, analysis in zip(records, analyses):
        gold = OLD_LABELS.get(rec["event"], rec["event"])
        src, tgt = _codes(rec.get("source")), _codes(rec.get("target"))
        events = analysis.events
        counts = per_type.setdefault(gold, Counter())
        counts["gold"] += 1
        predicted += len(events)
        correct_pred += sum(e.type == gold for e in events)
        typed = [e for e in events if e.type == gold]
        if typed:
            recall += 1
            counts["found"] += 1
        if events and events[0].type == gold:
            first += 1
        for e in typed:
            s, t = _country(e.source), _country(e.target)
            target_ok = (t in tgt) if tgt else (e.target is None or t is None or t in src)
            if s in src and target_ok:
                triple += 1
                counts["triple"] += 1
                break
    n = len(records) or 1
    return {
        "records": len(records),
        "type_recall": recall / n,
        "type_precision": correct_pred / predicted if predicted else 0.0,
        "first_event_accuracy": first / n,
        "triple_accuracy": triple / n,
        "events_per_record": predicted / n,
        "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
    }


def macro_f1(gold: list[int], pred: list[int]) -> float:
    scores = []
    for c in QUADS:
        tp = sum(g == c and p == c for g, p in zip(gold, pred))
        fp = sum(g != c and p == c for g, p in zip(gold, pred))
        fn = sum(g == c and p != c for g, p in zip(gold, pred))
        if tp + fp + fn == 0:
            continue
        scores.append(2 * tp / (2 * tp + fp + fn))
    return sum(scores) / len(scores) if scores else 0.0


def first_quad(analysis: Any) -> int:
    return analysis.events[0].quad_class if analysis.events else 0


def score_quadclass(gold: list[int], pred: list[int]) -> dict[str, Any]:
    n = len(gold) or 1
    return {
        "sentences": len(gold),
        "accuracy": sum(g == p for g, p in zip(gold, pred)) / n,
        "macro_f1": macro_f1(gold, pred),
        "confusion": {f"{g}->{p}": c for (g, p), c in sorted(Counter(zip(gold, pred)).items())},
    }


def read_quadclass(path: str | Path) -> list[tuple[str, int]]:
    rows = []
    for line in read_text(path).splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if label.strip().isdigit():
                rows.append((text, int(label)))
    return rows


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    from chronicler.sources.article import make_article

    path = Path(gold_path)
    from chronicler.eval import spanish

    if spanish.spanish_format(path):  # the Spanish gold of ../shared/data/es (its own measures)
        return spanish.evaluate(gold_path, analyzer)
    if path.suffix == ".conll":
        from chronicler.eval.arguments import evaluate as evaluate_arguments

        return evaluate_arguments(path, analyzer)
    if path.suffix == ".tsv":
        return _evaluate_quadclass(path, analyzer)
    records, skipped = read_jsonl(path, {"text": str, "event": str})
    analyses = list(analyzer.analyze_many(make_article(r["text"]) for r in records))
    figures = score_plover(records, analyses)
    figures.update(kind="plover", skipped_records=skipped)
    return figures


def _evaluate_quadclass(path: Path, analyzer: Any) -> dict[str, Any]:
    """Live figures of the whole system; where the shipped ranker was trained on this very file, its scores
    here would be on training data: the headline figures are then its 5-fold cross-validated ones, and the
    live run is the rules alone."""
    from chronicler.sources.article import make_article
    from chronicler.stages.events.component import extract_events

    rows = read_quadclass(path)
    gold = [label for _, label in rows]
    meta = _meta(path)
    if not meta:
        analyses = analyzer.analyze_many(make_article(text) for text, _ in rows)
        figures = score_quadclass(gold, [first_quad(a) for a in analyses])
        figures.update(kind="quadclass", cross_validated=None, rules_only=None)
        return figures
    docs = analyzer.nlp.pipe((analyzer._doc(make_article(text)) for text, _ in rows), batch_size=32)
    pred = []
    for doc in docs:
        events = extract_events(doc, ranker=None)
        pred.append(events[0].quad_class if events else 0)
    rules = score_quadclass(gold, pred)
    cv = meta["cv"]
    return {"kind": "quadclass", "sentences": len(rows), "accuracy": cv["accuracy"], "macro_f1": cv["macro_f1"],
            "cross_validated": cv, "rules_only": rules, "confusion": rules["confusion"],
            "grouped_by": meta.get("cv_grouped_by"), "baseline": meta.get("baseline_tfidf_lr")}


def _meta(path: Path) -> dict[str, Any]:
    try:
        from chronicler.stages.events.ranker import load_ranker
    except ImportError:  # pragma: no cover
        return {}
    ranker = load_ranker()
    if ranker is None or ranker.meta.get("train_file") != path.name:
        return {}
    return ranker.meta


def report(figures: dict[str, Any]) -> str:
    if str(figures.get("kind", "")).startswith("spanish") or figures.get("kind") == "parallel":
        from chronicler.eval.spanish import report as report_spanish

        return report_spanish(figures)
    if figures.get("kind") == "arguments":
        from chronicler.eval.arguments import report as report_arguments

        return report_arguments(figures)
    if figures.get("kind") == "quadclass":
        lines = [f"quad class on {figures['sentences']} sentences (first event; no event = 0)"]
        cv, rules = figures.get("cross_validated"), figures.get("rules_only")
        if cv:
            grouped = f", folds grouped by {figures['grouped_by']}" if figures.get("grouped_by") else ""
            lines.append(f"  rules + learned ranker, 5-fold cross-validated{grouped} (the ranker was trained on this "
                         f"file): accuracy {cv['accuracy']:.3f}   macro-F1 {cv['macro_f1']:.3f}")
            base = figures.get("baseline")
            if base:
                lines.append(f"  (baseline) TF-IDF + logistic regression on the text alone, same folds: "
                             f"accuracy {base['accuracy']:.3f}   macro-F1 {base['macro_f1']:.3f}")
            lines.append(f"  rules alone (no learned part): accuracy {rules['accuracy']:.3f}   "
                         f"macro-F1 {rules['macro_f1']:.3f}")
        else:
            lines.append(f"  accuracy {figures['accuracy']:.3f}   macro-F1 {figures['macro_f1']:.3f}")
        return "\n".join(lines)
    lines = [
        f"PLOVER events on {figures['records']} records",
        f"  type recall {figures['type_recall']:.3f}   type precision {figures['type_precision']:.3f}   "
        f"first-event accuracy {figures['first_event_accuracy']:.3f}",
        f"  triple accuracy (type, source country, target country) {figures['triple_accuracy']:.3f}",
    ]
    for t, c in figures["per_type"].items():
        lines.append(f"  {t:10} gold {c.get('gold', 0):3}  found {c.get('found', 0):3}  triple {c.get('triple', 0):3}")
    if figures.get("skipped_records"):
        lines.append(f"  unusable records left out (not JSON, or no text / event string): {figures['skipped_records']}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from chronicler.nlp.analyzer import Analyzer

    figs = evaluate(sys.argv[1], Analyzer())
    print(json.dumps(figs, indent=1) if "--json" in sys.argv else report(figs))
