"""Spanish event gold (``../shared/data/es/events``, formats in ../shared/data/README.md), read by
``chronicler eval events GOLD`` (the format is told from the file) or ``chronicler eval spanish GOLD``.

Every document is analysed as it arrives, its language identified (no language is given): the share told
Spanish is the language identification rate.

- whole AFP articles (``up_brat_protest``): trigger precision, recall and F1, a trigger of ours matching a gold
  trigger it overlaps with the same quad class (one to one); the same with the right source (our source's
  mentions overlap a gold source span, or its name is in the gold source's words; a gold event with no source
  linked cannot be matched this way). Our quad class 0 events are statements (01: no class) or appeals (02:
  verbal cooperation, as CAMEO's quad classes put appeals).
- coded sentences (``up_protest_plover``, ``up_protest_cameo``, ``up_colombia_violence``): PLOVER type recall
  (a gold event whose type one of the sentence's events has; old labels mapped as for plover_gsr, SACTION ->
  SANCTION), type precision, CAMEO root recall, source words found (our event of that type names a source whose
  words are among the gold source's), and where the gold codes actors, source code accuracy (country + sector).
"""
from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

from chronicler.eval.records import read_jsonl

OLD_LABELS = {"DEMAND": "REQUEST", "DISAPPROVE": "ACCUSE", "INVESTIGATE": "ACCUSE", "FIGHT": "ASSAULT",
              "SACTION": "SANCTION"}
QUAD_NAMES = {1: "verbal_cooperation", 2: "material_cooperation", 3: "verbal_conflict", 4: "material_conflict"}


def spanish_format(path: str | Path) -> str | None:
    """"articles", "sentences", "parallel" or None, from the first record of a JSONL file."""
    p = Path(path)
    if p.suffix != ".jsonl":
        return None
    try:
        with p.open("rb") as fh:
            first = json.loads(fh.readline() or b"{}")
    except (OSError, json.JSONDecodeError):
        return None
    if not isinstance(first, dict):
        return None
    if "text_es" in first:
        return "parallel"
    events = first.get("events")
    if isinstance(events, list) and "doc" not in first and "entities" in first:
        return "articles"
    if isinstance(events, list) and "doc" in first:
        return "sentences"
    return None


def _fold(text: str) -> str:
    from chronicler.stages.events.es.lexicon import fold

    return " ".join(fold(text).replace(",", " ").split())


def quad_name(event: Any) -> str | None:
    if event.quad_class in QUAD_NAMES:
        return QUAD_NAMES[event.quad_class]
    if event.cameo and event.cameo.startswith("02"):
        return "verbal_cooperation"
    return None


def _overlaps(a: tuple[int, int], b: tuple[int, int]) -> bool:
    return a[0] < b[1] and b[0] < a[1]


def _source_right(event: Any, gold_sources: list[dict], actors: dict[str, Any]) -> bool:
    if not gold_sources:
        return False
    spans = [(g["start"], g["end"]) for g in gold_sources]
    actor = actors.get(event.source.actor) if event.source.actor else None
    if actor is not None and any(_overlaps(tuple(m), s) for m in actor.mentions for s in spans):
        return True
    name = _fold(event.source.name or "")
    return bool(name) and any(name in _fold(g["text"]) or _fold(g["text"]) in name for g in gold_sources)


def score_articles(records: list[dict], analyses: list[Any]) -> dict[str, Any]:
    tp = tp_src = predicted = gold_n = 0
    es = 0
    per_quad: dict[str, Counter] = {}
    for rec, analysis in zip(records, analyses):
        es += analysis.article.language == "es"
        gold = [g for g in rec["events"] if g.get("quad") and g.get("trigger")]
        ours = [e for e in analysis.events if quad_name(e) is not None]
        actors = {a.id: a for a in analysis.actors}
        gold_n += len(gold)
        predicted += len(ours)
        used: set[int] = set()
        for g in gold:
            per_quad.setdefault(g["quad"], Counter())["gold"] += 1
        for e in sorted(ours, key=lambda e: -e.confidence):
            span = (e.trigger or e.evidence).start, (e.trigger or e.evidence).end
            best = None
            for k, g in enumerate(gold):
                if k in used or g["quad"] != quad_name(e):
                    continue
                if _overlaps(span, (g["trigger"]["start"], g["trigger"]["end"])):
                    best = k
                    break
            per_quad.setdefault(quad_name(e), Counter())["predicted"] += 1
            if best is None:
                continue
            used.add(best)
            tp += 1
            per_quad[gold[best]["quad"]]["matched"] += 1
            if _source_right(e, gold[best].get("source") or [], actors):
                tp_src += 1
    return {
        "documents": len(records), "language_es": es / (len(records) or 1), "gold_triggers": gold_n,
        "predicted": predicted, "matched": tp, **_prf(tp, predicted, gold_n, ""),
        **_prf(tp_src, predicted, gold_n, "source_"),
        "per_quad": {k: dict(v) for k, v in sorted(per_quad.items())},
    }


def _prf(tp: int, predicted: int, gold: int, prefix: str) -> dict[str, float]:
    p = tp / predicted if predicted else 0.0
    r = tp / gold if gold else 0.0
    return {f"{prefix}precision": p, f"{prefix}recall": r, f"{prefix}f1": 2 * p * r / (p + r) if p + r else 0.0}


def _gold_type(g: dict) -> str | None:
    if g.get("plover"):
        return OLD_LABELS.get(g["plover"], g["plover"])
    cameo = (g.get("cameo") or "").split("/")[0].split("-")[0]
    if not cameo or not cameo[:2].isdigit():
        return None
    from chronicler.stages.events.es.lexicon import nearest
    from chronicler.stages.events.lexicon import event_lexicon

    code = nearest(event_lexicon().codes, cameo if len(cameo) > 2 else cameo + "0")
    return code.type or None if code is not None else None


def _code_of(participant: Any) -> str | None:
    return participant.code if participant is not None else None


def score_sentences(records: list[dict], analyses: list[Any]) -> dict[str, Any]:
    gold_n = found = root_found = src_found = 0
    predicted = correct_pred = 0
    coded = code_right = country_right = 0
    es = sentences = empty = empty_quiet = 0
    per_type: dict[str, Counter] = {}
    for rec, analysis in zip(records, analyses):
        if rec.get("evaluate") is False:
            continue
        sentences += 1
        es += analysis.article.language == "es"
        events = analysis.events
        golds = [(g, _gold_type(g)) for g in rec.get("events") or []]
        if not golds:
            empty += 1
            empty_quiet += not events
            continue
        types = {t for _, t in golds if t}
        predicted += len(events)
        correct_pred += sum(e.type in types for e in events)
        for g, t in golds:
            if t is None:
                continue
            gold_n += 1
            counts = per_type.setdefault(t, Counter())
            counts["gold"] += 1
            typed = [e for e in events if e.type == t]
            if typed:
                found += 1
                counts["found"] += 1
            root = (g.get("cameo") or "")[:2]
            if root.isdigit() and any((e.cameo or "")[:2] == root for e in events):
                root_found += 1
            words = set(_fold(g.get("sourcetext") or "").split())
            if typed and words and any(set(_fold(e.source.name or "").split()) & words for e in typed):
                src_found += 1
            code = (g.get("sourcecode") or "").strip()
            if code and not code.startswith(("---", "~")) and len(code) >= 3:
                coded += 1
                ours = [_code_of(e.source) for e in typed] or [_code_of(e.source) for e in events]
                if any(c and c[:6] == code[:6] for c in ours):
                    code_right += 1
                if any(c and c[:3] == code[:3] for c in ours):
                    country_right += 1
    n = gold_n or 1
    return {
        "sentences": sentences, "language_es": es / (sentences or 1), "gold_events": gold_n,
        "type_recall": found / n, "type_precision": correct_pred / predicted if predicted else 0.0,
        "cameo_root_recall": root_found / n, "source_words_found": src_found / n,
        "coded_sources": coded, "source_code_accuracy": code_right / coded if coded else None,
        "source_country_accuracy": country_right / coded if coded else None,
        "no_event_sentences": empty, "no_event_sentences_quiet": empty_quiet / empty if empty else None,
        "events_per_sentence": predicted / (sentences or 1),
        "per_type": {k: dict(v) for k, v in sorted(per_type.items())},
    }


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    from chronicler.sources.article import make_article
    from chronicler.sources.readers import parse_date

    kind = spanish_format(gold_path)
    if kind == "parallel":
        from chronicler.eval.parallel import evaluate as evaluate_parallel

        return evaluate_parallel(gold_path, analyzer)
    if kind is None:
        raise ValueError(f"{gold_path}: not a Spanish gold file (../shared/data/es)")
    records, skipped = read_jsonl(Path(gold_path), {"text": str, "events": list})
    articles = (make_article(r["text"], published=parse_date(r.get("date"))) for r in records)
    analyses = list(analyzer.analyze_many(articles))
    figures = score_articles(records, analyses) if kind == "articles" else score_sentences(records, analyses)
    figures.update(kind=f"spanish_{kind}", skipped_records=skipped, file=Path(gold_path).name)
    return figures


def report(figures: dict[str, Any]) -> str:
    if figures.get("kind") == "parallel":
        from chronicler.eval.parallel import report as report_parallel

        return report_parallel(figures)
    if figures["kind"] == "spanish_articles":
        lines = [
            f"Spanish whole articles ({figures['file']}): {figures['documents']} documents, "
            f"{figures['gold_triggers']} gold triggers, {figures['predicted']} events of ours",
            f"  language told Spanish {figures['language_es']:.3f}",
            f"  triggers (overlap, same quad class): precision {figures['precision']:.3f}   "
            f"recall {figures['recall']:.3f}   F1 {figures['f1']:.3f}",
            f"  with the right source: precision {figures['source_precision']:.3f}   "
            f"recall {figures['source_recall']:.3f}   F1 {figures['source_f1']:.3f}",
        ]
        for q, c in figures["per_quad"].items():
            lines.append(f"  {q:21} gold {c.get('gold', 0):4}  ours {c.get('predicted', 0):4}  "
                         f"matched {c.get('matched', 0):4}")
        return "\n".join(lines)
    lines = [
        f"Spanish coded sentences ({figures['file']}): {figures['sentences']} sentences, "
        f"{figures['gold_events']} gold events",
        f"  language told Spanish {figures['language_es']:.3f}",
        f"  PLOVER type recall {figures['type_recall']:.3f}   type precision {figures['type_precision']:.3f}   "
        f"CAMEO root recall {figures['cameo_root_recall']:.3f}   source words found {figures['source_words_found']:.3f}",
    ]
    if figures.get("coded_sources"):
        lines.append(f"  source codes ({figures['coded_sources']} coded): code {figures['source_code_accuracy']:.3f}   "
                     f"country {figures['source_country_accuracy']:.3f}")
    if figures.get("no_event_sentences"):
        lines.append(f"  sentences without a gold event: {figures['no_event_sentences']}, of which we leave "
                     f"{figures['no_event_sentences_quiet']:.3f} without an event")
    for t, c in figures["per_type"].items():
        lines.append(f"  {t:10} gold {c.get('gold', 0):3}  found {c.get('found', 0):3}")
    return "\n".join(lines)


if __name__ == "__main__":
    import sys

    from chronicler.nlp.analyzer import Analyzer

    figs = evaluate(sys.argv[1], Analyzer())
    print(json.dumps(figs, indent=1) if "--json" in sys.argv else report(figs))
