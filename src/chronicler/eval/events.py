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
(no event = 0).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

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
    for line in Path(path).read_text("utf-8").splitlines():
        if "\t" in line:
            text, label = line.rsplit("\t", 1)
            if label.strip().isdigit():
                rows.append((text, int(label)))
    return rows


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    from chronicler.sources.article import make_article

    path = Path(gold_path)
    if path.suffix == ".tsv":
        rows = read_quadclass(path)
        analyses = analyzer.analyze_many(make_article(text) for text, _ in rows)
        pred = [first_quad(a) for a in analyses]
        figures = score_quadclass([label for _, label in rows], pred)
        figures["kind"] = "quadclass"
        figures["cross_validated"] = _cv_figures(path)
        figures["rules_only"] = _meta(path).get("rules_only")
        return figures
    records = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    analyses = list(analyzer.analyze_many(make_article(r["text"]) for r in records))
    figures = score_plover(records, analyses)
    figures["kind"] = "plover"
    return figures


def _meta(path: Path) -> dict[str, Any]:
    try:
        from chronicler.stages.events.ranker import load_ranker
    except ImportError:  # pragma: no cover
        return {}
    ranker = load_ranker()
    if ranker is None or ranker.meta.get("train_file") != path.name:
        return {}
    return ranker.meta


def _cv_figures(path: Path) -> dict[str, Any] | None:
    """Where the shipped quad-class model was trained on this very file, its figures are the 5-fold
    cross-validated ones recorded at training time (scores on training data are never reported)."""
    try:
        from chronicler.stages.events.ranker import load_ranker
    except ImportError:  # pragma: no cover
        return None
    ranker = load_ranker()
    if ranker is None or ranker.meta.get("train_file") != path.name:
        return None
    return ranker.meta.get("cv")


def report(figures: dict[str, Any]) -> str:
    if figures.get("kind") == "quadclass":
        lines = [f"quad class on {figures['sentences']} sentences (first event; no event = 0)",
                 f"  accuracy {figures['accuracy']:.3f}   macro-F1 {figures['macro_f1']:.3f}"]
        cv = figures.get("cross_validated")
        if cv:
            lines.append("  NOTE: the shipped quad-class model was trained on this file: the figures above are on its"
                         " training data; the honest ones are 5-fold cross-validated:")
            lines.append(f"  CV accuracy {cv['accuracy']:.3f}   CV macro-F1 {cv['macro_f1']:.3f}")
            rules = figures.get("rules_only")
            if rules:
                lines.append(f"  rules alone (no learned part): accuracy {rules['accuracy']:.3f}   "
                             f"macro-F1 {rules['macro_f1']:.3f}")
        return "\n".join(lines)
    lines = [
        f"PLOVER events on {figures['records']} records",
        f"  type recall {figures['type_recall']:.3f}   type precision {figures['type_precision']:.3f}   "
        f"first-event accuracy {figures['first_event_accuracy']:.3f}",
        f"  triple accuracy (type, source country, target country) {figures['triple_accuracy']:.3f}",
    ]
    for t, c in figures["per_type"].items():
        lines.append(f"  {t:10} gold {c.get('gold', 0):3}  found {c.get('found', 0):3}  triple {c.get('triple', 0):3}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from chronicler.nlp.analyzer import Analyzer

    figs = evaluate(sys.argv[1], Analyzer())
    print(json.dumps(figs, indent=1) if "--json" in sys.argv else report(figs))
