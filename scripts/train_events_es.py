#!/usr/bin/env python3
"""Train the Spanish events' learned decision (stages/events/es/decision.json) on the project's own annotated
Spanish articles (annotations/es_written/, scripts/written_es.py).

Every article is analysed by the Spanish pipeline with the decision off; each event the rules draft is labelled
EVENT when it stands for a gold event of the same type (its word inside the gold trigger, one to one) with its
doer and target right (their words overlap the gold actors' in the article; a gold target of null accepts any),
as a careful reader takes a record as it stands (``--type-only``: the type alone), else NONE, and its features
recorded (``SpanishExtractor.features``). A logistic model is fitted; its probability is
calibrated (one temperature) on out-of-fold predictions grouped by writer (a writer's stories and style stay on
one side); the threshold is the lowest whose type precision (0.75) and triple precision (0.65) on those
predictions, and on the dev writers, reach the targets, as the English decision's are chosen. Figures:
grouped CV on the training writers (the headline) and the dev writer scored once with the model fitted on the
training writers, each beside the rules alone.

  python scripts/train_events_es.py [--C 0.5] [--target 0.75] [--dry-run] [--cache FILE]
Needs scikit-learn (pip install '.[train]').
"""
from __future__ import annotations

import argparse
import json
import os
import pickle
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "scripts"))
os.environ["CHRONICLER_EVENTS_DECISION"] = "off"  # the rules' drafts, all of them

from chronicler.eval.articles import sentence_of  # noqa: E402
from chronicler.learn import fit as learn  # noqa: E402

OUT = ROOT / "src/chronicler/stages/events/es/decision.json"
NONE, EVENT = "NONE", "EVENT"


def draft_rows(rows: list[dict]) -> tuple[list[dict], dict[str, list[dict]]]:
    """Every draft of every article (features, where, what), and each article's actors as predicted."""
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.readers import article_from_text, parse_date
    from chronicler.stages.events.es.extractor import SpanishExtractor
    from chronicler.stages.events.es.lexicon import spanish_event_lexicon

    analyzer = Analyzer()
    lex = spanish_event_lexicon()
    out, actors = [], {}
    for r in rows:
        art = article_from_text(r["text"], r["id"], published=parse_date(r.get("published")))
        art.language = "es"
        doc = analyzer.parse(art)
        ex = SpanishExtractor(doc, lex)
        for d in ex.drafts_in_order():
            tok = d.token
            def where(p, t):  # the participant's words: its actor's mentions, else its own token
                if p is None:
                    return []
                if p.actor and p.actor in ex.actors:
                    return [list(m) for m in ex.actors[p.actor].mentions]
                return [[t.idx, t.idx + len(t.text)]] if t is not None else []

            out.append({"id": r["id"], "group": r["group"], "split": r["split"], "start": tok.idx,
                        "end": tok.idx + len(tok.text), "rule": d.code.type, "polarity": d.polarity,
                        "source": d.source.name if d.source else None,
                        "target": d.target.name if d.target else None, "features": ex.features(d),
                        "source_at": where(d.source, d.source_tok), "target_at": where(d.target, d.target_tok)})
        actors[r["id"]] = [{"name": a.name, "country": a.country, "sector": a.sector,
                            "mentions": [list(m) for m in a.mentions]} for a in doc._.actors or []]
    return out, actors


def label(drafts: list[dict], gold: dict, whole: bool = False) -> None:
    """EVENT where the draft stands for a gold event of its type (``whole``: with its doer and target right too,
    as a careful reader would take the record as it stands), else NONE."""
    sents = gold["sentences"]
    taken: set[int] = set()
    for d in drafts:
        d["s"] = sentence_of(sents, d["start"], d["end"])
        d["label"] = NONE
    for ge in gold["events"]:
        a, b = ge["trigger_span"]
        here = [k for k, d in enumerate(drafts) if k not in taken and d["start"] < b and a < d["end"]
                and d["rule"] == ge["type"]]
        if here:
            d = drafts[here[0]]
            taken.add(here[0])
            if whole and not arguments_right(d, ge, gold):
                continue
            d["label"] = EVENT


def _overlap(spans_a, spans_b) -> bool:
    return any(a < d and c < b for a, b in spans_a for c, d in spans_b)


def arguments_right(d: dict, ge: dict, gold: dict) -> bool:
    """A draft's doer and target are the gold event's: their words overlap those naming the gold actors in the
    article (the actor's forms, and the argument's own words); a gold target of null accepts any."""
    def words(arg: dict) -> list:
        forms = next((a.get("form_spans") or [] for a in gold["actors"] if a["name"] == arg["name"]), [])
        return forms + ([arg["span"]] if arg.get("span") else [])

    source, target = ge.get("source"), ge.get("target")
    return (source is not None and _overlap(d["source_at"], words(source))) and (
        target is None or _overlap(d["target_at"], words(target)))


def figures(gold: list[dict], drafts, probs, threshold, actors) -> dict:
    """The whole-article scoring with actors told by where they are named, not by their names (the gold names
    Spanish actors in Spanish, chronicler by its canonical, English names): an event matches a gold event of
    the same sentence and type; its source is right when the doer's mentions overlap the words naming the gold
    doer in the article (its forms), its target likewise (a gold target of null accepts any); an actor matches
    the gold actor whose forms its mentions overlap most, one to one, and is coded when country and sector are
    equal."""
    by_id = {g["id"]: g for g in gold}
    per: dict[str, list[tuple[float, dict]]] = {}
    for k, d in enumerate(drafts):
        p = probs[k] if probs is not None else 1.0
        if p >= threshold and d["id"] in by_id:
            per.setdefault(d["id"], []).append((p, d))
    T = dict.fromkeys(("gold", "pred", "type", "triple", "gact", "pact", "amatch", "acoded", "pol"), 0)
    for g in gold:
        preds = sorted(per.get(g["id"], []), key=lambda x: -x[0])
        T["gold"] += len(g["events"])
        T["pred"] += len(preds)
        used: set[int] = set()
        for _, d in preds:
            best = None
            for k, ge in enumerate(g["events"]):
                if k in used or ge["s"] != d["s"] or ge["type"] != d["rule"]:
                    continue
                cand = (arguments_right(d, ge, g), k)
                if best is None or cand[0] > best[0]:
                    best = cand
            if best is not None:
                used.add(best[1])
                T["type"] += 1
                T["triple"] += best[0]
                T["pol"] += best[0] and g["events"][best[1]]["polarity"] == d["polarity"]
        acts = actors.get(g["id"], [])
        region = g["region_end"]
        acts = [a for a in acts if any(s < region for s, _ in a["mentions"])]
        T["gact"] += len(g["actors"])
        T["pact"] += len(acts)
        pairs = sorted(((sum(1 for m in a["mentions"] for f in ga.get("form_spans") or [] if m[0] < f[1] and f[0] < m[1]),
                         i, j) for i, a in enumerate(acts) for j, ga in enumerate(g["actors"])), reverse=True)
        ai, gj = set(), set()
        for n, i, j in pairs:
            if n and i not in ai and j not in gj:
                ai.add(i)
                gj.add(j)
                T["amatch"] += 1
                ga = g["actors"][j]
                T["acoded"] += (acts[i]["country"] or None) == (ga.get("country") or None) and \
                    (acts[i]["sector"] or None) == (ga.get("sector") or None)
    r = lambda a, b: round(a / b, 3) if b else 0.0  # noqa: E731
    tp, tr = r(T["type"], T["pred"]), r(T["type"], T["gold"])
    return {"pred_events": T["pred"], "gold_events": T["gold"], "type_P": tp, "type_R": tr,
            "type_F1": round(2 * tp * tr / (tp + tr), 3) if tp + tr else 0.0,
            "triple_P": r(T["triple"], T["pred"]), "triple_R": r(T["triple"], T["gold"]),
            "polarity_ok": r(T["pol"], T["triple"]), "actor_P": r(T["amatch"], T["pact"]),
            "actor_R": r(T["amatch"], T["gact"]), "actor_coded_P": r(T["acoded"], T["pact"]),
            "actor_coded_R": r(T["acoded"], T["gact"])}




def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--C", type=float, default=0.5)
    ap.add_argument("--target", type=float, default=0.75, help="type precision the threshold is chosen for")
    ap.add_argument("--dry-run", action="store_true")
    ap.add_argument("--type-only", dest="whole", action="store_false",
                    help="learn from the type alone (default: from events right as they stand, type, doer and "
                         "target, as a careful reader takes a record: grouped CV triple P 0.415 -> 0.692 at the "
                         "same triple recall, 0.238 -> 0.221)")
    ap.add_argument("--triple-target", dest="triple_target", type=float, default=0.65,
                    help="the triple precision the threshold must also hold (as the English decision's)")
    ap.add_argument("--cache", help="a pickle of the drafts (made if missing; delete it when features change)")
    args = ap.parse_args(argv)

    import written_es

    gold = written_es.gold()
    by_id = {g["id"]: g for g in gold}
    if args.cache and Path(args.cache).exists():
        drafts, actors = pickle.loads(Path(args.cache).read_bytes())
    else:
        drafts, actors = draft_rows(gold)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps((drafts, actors)))
    per: dict[str, list[dict]] = {}
    for d in drafts:
        per.setdefault(d["id"], []).append(d)
    for aid, ds in per.items():
        label(ds, by_id[aid], args.whole)
    train = [d for d in drafts if d["split"] == "train"]
    dev = [d for d in drafts if d["split"] == "dev"]
    gtrain = [g for g in gold if g["split"] == "train"]
    gdev = [g for g in gold if g["split"] == "dev"]
    atrain = {g["id"]: actors.get(g["id"], []) for g in gtrain}
    adev = {g["id"]: actors.get(g["id"], []) for g in gdev}
    print(f"articles: train {len(gtrain)} ({sum(len(g['events']) for g in gtrain)} events), dev {len(gdev)} "
          f"({sum(len(g['events']) for g in gdev)} events); drafts: train {len(train)} "
          f"({dict(Counter(d['label'] for d in train))}), dev {len(dev)}", file=sys.stderr)
    print("rules alone, train:", figures(gtrain, train, None, 0.0, atrain), file=sys.stderr)
    print("rules alone, dev:", figures(gdev, dev, None, 0.0, adev), file=sys.stderr)

    feats = [d["features"] for d in train]
    ys = [d["label"] for d in train]
    groups = [d["group"].split(":")[1] for d in train]  # the writer
    n_groups = len(set(groups))
    oof = learn.cross_val_rows(feats, ys, groups, C=args.C, folds=min(5, n_groups))
    temperature = learn.fit_temperature(oof, ys)
    from train_events import calibrated

    oof = calibrated(oof, temperature)
    p_oof = [r.get(EVENT, 0.0) for r in oof]
    sweep = []
    for th in [x / 100 for x in range(5, 96, 5)]:
        sweep.append({"threshold": th, **figures(gtrain, train, p_oof, th, atrain)})
        print("  CV sweep", sweep[-1], file=sys.stderr)
    ok = [s for s in sweep if s["type_P"] >= args.target and s["triple_P"] >= args.triple_target
          and s["pred_events"] > 0]
    threshold = ok[0]["threshold"] if ok else max(sweep, key=lambda s: s["type_F1"])["threshold"]
    cv = next(s for s in sweep if s["threshold"] == threshold)
    print(f"CV (grouped by writer, {min(5, n_groups)} folds) temperature {temperature:.3f} threshold {threshold}: {cv}",
          file=sys.stderr)

    vec, clf = learn.fit(feats, ys, C=args.C)
    model = learn.as_model(vec, clf, temperature)
    p_dev = [model.probabilities(d["features"]).get(EVENT, 0.0) for d in dev]
    if dev:  # precision first, as the English decision: the threshold that holds the target on both samples
        dev_ok = [th for th in [x / 100 for x in range(5, 96, 5)]
                  if (f := figures(gdev, dev, p_dev, th, adev))["type_P"] >= args.target
                  and f["triple_P"] >= args.triple_target]
        if dev_ok and dev_ok[0] > threshold:
            print(f"threshold raised to {dev_ok[0]}, the lowest that holds the target on the dev writer",
                  file=sys.stderr)
            threshold = dev_ok[0]
            cv = {"threshold": threshold, **figures(gtrain, train, p_oof, threshold, atrain)}
            print(f"CV at it: {cv}", file=sys.stderr)
    dev_fig = figures(gdev, dev, p_dev, threshold, adev) if dev else {}
    print(f"dev writer ({len(gdev)} articles), fitted on the training writers: {dev_fig}", file=sys.stderr)
    for th in (0.2, 0.3, 0.4, 0.5):
        print(f"  dev at {th}:", figures(gdev, dev, p_dev, th, adev), file=sys.stderr)
    if args.dry_run:
        return
    vec, clf = learn.fit(feats + [d["features"] for d in dev], ys + [d["label"] for d in dev], C=args.C)
    meta = {"threshold": threshold, "target_type_precision": args.target, "target_triple_precision":
            args.triple_target, "labels": "whole record" if args.whole else "type", "cv": cv, "dev": dev_fig,
            "trained_on": "annotations/es_written (all writers; CV and dev figures from the training writers)",
            "script": "scripts/train_events_es.py"}
    OUT.write_text(json.dumps(learn.export(vec, clf, temperature, meta)) + "\n", "utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}", file=sys.stderr)


if __name__ == "__main__":
    main()
