#!/usr/bin/env python3
"""Train the learned event decision (stages/events/decision.json) on the project's whole-article annotations.

Reads the annotated articles (annotations/articles, texts from ../shared via scripts/annotate_articles.py),
runs chronicler's pipeline with the decision off, lists every candidate (rules, statements, clauses) with its
features, and labels it with the type of the gold event it stands for (the gold event whose trigger it lies
in, else one of its sentence whose doer it names), or NONE. A multinomial logistic model is fitted over the
training split; its probabilities are calibrated (one temperature) on out-of-fold predictions, grouped by the
annotations' groups (story, day, week), and the threshold is the lowest that keeps type precision at or above
the target on those out-of-fold predictions. Figures: grouped 5-fold CV end to end on the training split (the
headline), and the dev split scored once with the model fitted on training.

  python scripts/train_events.py [--C 0.5] [--target 0.75] [--dry-run] [--cache FILE]
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
os.environ["CHRONICLER_EVENTS_DECISION"] = "off"  # candidates come from the pipeline without the decision

from chronicler.eval.articles import match_score, score, sentence_of  # noqa: E402
from chronicler.learn import fit as learn  # noqa: E402
from chronicler.stages.events.decision import own_doer  # noqa: E402

OUT = ROOT / "src/chronicler/stages/events/decision.json"
NONE = "NONE"


def candidate_rows(rows: list[dict]) -> list[dict]:
    """Every candidate of every annotated article, with its features and where it is."""
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.readers import article_from_text, parse_date
    from chronicler.stages.events.argmodel import load_argument_model
    from chronicler.stages.events.component import Extractor
    from chronicler.stages.events.decision import CandidateFinder
    from chronicler.stages.events.lexicon import event_lexicon
    from chronicler.stages.events.ranker import load_ranker

    analyzer = Analyzer()
    lex, args, ranker = event_lexicon(), load_argument_model(), load_ranker()
    out = []
    arts = [article_from_text(r["text"], r["id"], published=parse_date(r.get("published"))) for r in rows]
    for r, art in zip(rows, arts):
        doc = analyzer.parse(art)
        ex = Extractor(doc, lex, args)
        finder = CandidateFinder(doc, ex, lex)
        for c in finder.find():
            if c.source is None or c.token.idx >= r["region_end"]:
                continue
            def said(i):
                return doc[i].text if i is not None else None

            options = [{"name": o.target.name if o.target else None,
                        "key": (o.target.actor or o.target.name) if o.target else None, "features": o.features,
                        "said": said(o.token)}
                       for o in finder.target_options(c)]
            doers = [{"name": o.target.name, "key": o.target.actor or o.target.name, "features": o.features,
                      "said": said(o.token)}
                     for o in finder.source_options(c)]
            out.append({"id": r["id"], "group": r["group"], "split": r["split"], "origin": c.origin,
                        "start": c.token.idx, "end": c.token.idx + len(c.token.text),
                        "rule": c.draft.code.type if c.draft is not None else None,
                        "source": c.source.name, "source_key": c.source.actor or c.source.name,
                        "target": c.target.name if c.target else None,
                        "target_key": (c.target.actor or c.target.name) if c.target else None,
                        "source_said": said(c.source_token), "target_said": said(c.target_token),
                        "polarity": c.polarity, "features": c.features, "options": options,
                        "doers": doers})
    return out


def weak_rows(path: Path, limit: int | None = None) -> list[dict]:
    """Candidates of ConfliBERT's quad-class training sentences (``sentence<TAB>quad``), weakly labelled: in a
    sentence of quad class 1-4 the rules' candidates of that quad class are events of their rules' type (the
    others are left out: unknown); in a sentence of class 0 (a statement) every candidate is no event. They
    teach the decision the international news that the whole-article annotations hold little of."""
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.article import make_article
    from chronicler.stages.events.argmodel import load_argument_model
    from chronicler.stages.events.component import Extractor
    from chronicler.stages.events.decision import CandidateFinder
    from chronicler.stages.events.lexicon import event_lexicon

    rows = [line.rstrip("\n").split("\t") for line in open(path, encoding="utf-8") if "\t" in line]
    rows = [(t, int(q)) for t, q in rows if q.strip().isdigit()][:limit]
    analyzer = Analyzer()
    lex, args = event_lexicon(), load_argument_model()
    out = []
    docs = analyzer.nlp.pipe((analyzer._doc(make_article(t)) for t, _ in rows), batch_size=32)
    for n, ((text, quad), doc) in enumerate(zip(rows, docs)):
        ex = Extractor(doc, lex, args)
        finder = CandidateFinder(doc, ex, lex)
        for c in finder.find():
            if c.source is None:
                continue
            if quad == 0:
                label = NONE
            elif c.draft is not None and c.draft.code.quad_class == quad and c.draft.code.type:
                label = c.draft.code.type
            else:
                label = None  # unknown: not learned from, but scored in the quad-class cross-validation
            out.append({"id": f"conflibert:{n}", "group": f"conflibert:{n % 50}", "split": "weak",
                        "origin": c.origin, "label": label, "features": c.features, "quad": quad,
                        "rule": c.draft.code.type if c.draft is not None else None,
                        "rule_quad": c.draft.code.quad_class if c.draft is not None else None})
    return out


def align(cands: list[dict], gold: dict) -> None:
    """Label each candidate of one article with the gold event it stands for (type), else NONE."""
    sents = gold["sentences"]
    for c in cands:
        c["s"] = sentence_of(sents, c["start"], c["end"])
        c["label"] = NONE
        c["gold"] = None
    taken: set[int] = set()
    for ge in gold["events"]:
        a, b = ge.get("trigger_span") or (None, None)
        here = [k for k, c in enumerate(cands) if c["s"] == ge["s"] and k not in taken]
        if a is not None:
            inside = [k for k in here if cands[k]["start"] < b and a < cands[k]["end"]]
            inside.sort(key=lambda k: (cands[k]["rule"] != ge["type"],
                                       match_score(cands[k]["source"], ge.get("source")) == 0))
            if inside:
                cands[inside[0]]["label"] = ge["type"]
                cands[inside[0]]["gold"] = ge
                taken.add(inside[0])
                ge["_aligned"] = True
                continue
    for ge in gold["events"]:
        if ge.pop("_aligned", False):
            continue
        here = [k for k, c in enumerate(cands) if c["s"] == ge["s"] and k not in taken
                and match_score(c["source"], ge.get("source")) > 0]
        if not here:
            continue
        mid = ge["trigger_span"][0] if ge.get("trigger_span") else 0
        here.sort(key=lambda k: (cands[k]["rule"] != ge["type"], cands[k]["origin"] != "quote",
                                 abs(cands[k]["start"] - mid)))
        cands[here[0]]["label"] = ge["type"]
        cands[here[0]]["gold"] = ge
        taken.add(here[0])


def arguments_factor(c: dict, weight: float) -> float:
    """As ``Decision.arguments_factor``: the chance the chosen doer and target are both right, to ``weight``."""
    if weight <= 0:
        return 1.0
    ps = (c["doer"] or {}).get("p", 1.0) if c.get("doer") is not None else 1.0
    pt = (c["chosen"] or {}).get("p", 1.0) if c.get("chosen") is not None else 1.0
    return max(ps * pt, 1e-6) ** weight


def decide(cands: list[dict], probs: list[dict[str, float]], threshold: float, weight: float = 0.0) -> dict[str, dict]:
    """Predicted events per article, in the contract's shape (what the scorer reads), as the stage decides
    (a candidate's "chosen" option, where the target model has picked one, is its target; its probability is
    the type's times the arguments' factor)."""
    best: dict[tuple, tuple[float, dict]] = {}
    for c, p in zip(cands, probs):
        kind = max((t for t in p if t != NONE), key=p.get)
        if p[kind] < threshold:
            continue
        p = {kind: p[kind] * arguments_factor(c, weight)}
        if p[kind] < threshold:
            continue
        if c.get("doer") is not None:
            c = {**c, "source": c["doer"]["name"], "source_key": c["doer"]["key"]}
        if c.get("chosen") is not None:
            c = {**c, "target": c["chosen"]["name"], "target_key": c["chosen"]["key"]}
        key = (c["id"], c["s"], kind, c["source_key"], c["target_key"])
        ev = {"type": kind, "evidence": {"start": c["start"], "end": c["end"]}, "polarity": c["polarity"],
              "source": {"name": c["source"]}, "target": {"name": c["target"]} if c["target"] else None,
              "confidence": p[kind]}
        if key not in best or p[kind] > best[key][0]:
            best[key] = (p[kind], ev)
    out: dict[str, dict] = {}
    for (aid, *_), (_, ev) in best.items():
        out.setdefault(aid, {"events": [], "actors": []})["events"].append(ev)
    for v in out.values():
        v["events"].sort(key=lambda e: -e["confidence"])
    return out


def figures(gold: list[dict], cands: list[dict], probs: list[dict[str, float]], threshold: float,
            weight: float = 0.0) -> dict:
    f = score(gold, decide(cands, probs, threshold, weight))
    return {k: f[k] for k in ("pred_events", "gold_events", "type_P", "type_R", "type_F1", "triple_P", "triple_R",
                              "triple_F1", "polarity_ok")}


def calibrated(rows: list[dict[str, float]], t: float) -> list[dict[str, float]]:
    import math

    out = []
    for row in rows:
        logs = {c: math.log(max(p, 1e-12)) / t for c, p in row.items()}
        top = max(logs.values())
        z = sum(math.exp(v - top) for v in logs.values())
        out.append({c: math.exp(v - top) / z for c, v in logs.items()})
    return out


def quad_cv(train: list[dict], weak: list[dict], C: float, C_type: float, threshold: float,
            without: tuple[str, ...] = ()) -> dict:
    """ConfliBERT quad class cross-validated: the decision fitted on the articles and four fifths of the weakly
    labelled sentences, each held-out sentence's first event (its most probable candidate at or above the
    threshold; none: class 0) scored against the sentence's class."""
    from chronicler.eval.events import score_quadclass
    from chronicler.stages.events.decision import DEFAULT_CODES
    from chronicler.stages.events.lexicon import event_lexicon

    codes = event_lexicon().codes
    sentences = sorted({w["id"] for w in weak}, key=lambda s: int(s.split(":")[1]))
    fold_of = {s: k % 5 for k, s in enumerate(sentences)}
    feats = [c["features"] for c in train]
    ys = [c["label"] for c in train]
    event_feats = [event_view(f, without) for f in feats]
    weak_event_feats = {id(w): event_view(w["features"], without) for w in weak}
    gold, pred = [], []
    for k in range(5):
        rest = [w for w in weak if w["label"] is not None and fold_of[w["id"]] != k]
        extra = [(w["features"], w["label"]) for w in rest]
        bin_ys = ["EVENT" if y != NONE else NONE for y in ys] + ["EVENT" if y != NONE else NONE for _, y in extra]
        ev_vec, ev_clf = learn.fit(event_feats + [weak_event_feats[id(w)] for w in rest], bin_ys, C)
        pos = [i for i, y in enumerate(ys) if y != NONE]
        xpos = [(f, y) for f, y in extra if y != NONE]
        kd_vec, kd_clf = learn.fit([feats[i] for i in pos] + [f for f, _ in xpos],
                                   [ys[i] for i in pos] + [y for _, y in xpos], C_type)
        held = [w for w in weak if fold_of[w["id"]] == k]
        rows = combine(learn.predict_rows(ev_vec, ev_clf, [w["features"] for w in held]),
                       learn.predict_rows(kd_vec, kd_clf, [w["features"] for w in held]))
        best: dict[str, tuple[float, int]] = {}
        for w, p in zip(held, rows):
            kind = max((t for t in p if t != NONE), key=p.get)
            if p[kind] < threshold:
                continue
            quad = w["rule_quad"] if w["rule"] == kind else codes[DEFAULT_CODES[kind]].quad_class
            if w["id"] not in best or p[kind] > best[w["id"]][0]:
                best[w["id"]] = (p[kind], quad)
        for s in [s for s in sentences if fold_of[s] == k]:
            gold.append(next(w["quad"] for w in weak if w["id"] == s))
            pred.append(best[s][1] if s in best else 0)
    out = score_quadclass(gold, pred)
    return {"sentences": len(gold), "accuracy": round(out["accuracy"], 3), "macro_f1": round(out["macro_f1"], 3)}


def choose_threshold(gold, cands, probs, target: float, weight: float = 0.0,
                     triple_target: float | None = None) -> tuple[float, list[dict]]:
    """The lowest threshold whose type precision reaches ``target`` (and triple precision ``triple_target``)."""
    sweep = []
    for th in [x / 100 for x in range(10 if weight > 0 else 20, 96, 5)]:
        sweep.append({"threshold": th, **figures(gold, cands, probs, th, weight)})
    ok = [s for s in sweep if s["type_P"] >= target and s["pred_events"] > 0
          and (triple_target is None or s["triple_P"] >= triple_target)]
    if ok:
        return ok[0]["threshold"], sweep
    # no threshold reaches the target: the best F0.5 of type precision and recall
    def f05(s):
        p, r = s["type_P"], s["type_R"]
        return 1.25 * p * r / (0.25 * p + r) if p + r else 0
    return max(sweep, key=f05)["threshold"], sweep


def main(argv=None) -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--C", type=float, default=0.5, help="regularisation of the event / no event model")
    ap.add_argument("--C-type", dest="C_type", type=float, default=1.0, help="regularisation of the type model")
    ap.add_argument("--C-target", dest="C_target", type=float, default=1.0, help="regularisation of the target model")
    ap.add_argument("--target", type=float, default=0.75, help="type precision the threshold is chosen for (issue 20)")
    ap.add_argument("--triple-target", dest="triple_target", type=float, default=0.65,
                    help="triple precision (type, source and target right) the whole-article threshold is chosen for")
    ap.add_argument("--threshold-on", choices=["both", "dev", "cv"], default="both",
                    help="choose the threshold on the dev split, on the training split's CV, or (default) the "
                         "higher of the two: the type precision target held on both")
    ap.add_argument("--dry-run", action="store_true", help="measure only; do not write decision.json")
    ap.add_argument("--weak", default=str(Path(os.environ.get("CHRONICLER_SHARED", ROOT.parent / "shared"))
                                          / "data/events/conflibert/quadclass_train.tsv"),
                    help="ConfliBERT quad-class training sentences as weakly labelled extra rows ('' for none)")
    ap.add_argument("--arguments-weight", dest="weight", type=float, default=1.0,
                    help="the power of the source and target models' confidence in the event's (0: type alone)")
    ap.add_argument("--event-without", dest="event_without", default="w=,wo=,qw=,reading_c=",
                    help="comma-separated feature prefixes the event / no event model does not learn from (the "
                         "type model keeps them; '' for none): the bags of the sentence's and the quote's words "
                         "overfit the topic (grouped CV AUC 0.785 with them, 0.791 without; BASIL dev type P/R "
                         "0.812/0.051 -> 0.875/0.068)")
    ap.add_argument("--cache", help="a pickle of the candidates (made if missing; delete it when features change)")
    args = ap.parse_args(argv)

    import annotate_articles

    gold = annotate_articles.gold_rows("a")
    by_id = {g["id"]: g for g in gold}
    if args.cache and Path(args.cache).exists():
        cands = pickle.loads(Path(args.cache).read_bytes())
    else:
        cands = candidate_rows(gold)
        if args.cache:
            Path(args.cache).write_bytes(pickle.dumps(cands))
    per_article: dict[str, list[dict]] = {}
    for c in cands:
        per_article.setdefault(c["id"], []).append(c)
    for aid, cs in per_article.items():
        align(cs, by_id[aid])
    train = [c for c in cands if c["split"] == "train"]
    dev = [c for c in cands if c["split"] == "dev"]
    gtrain = [g for g in gold if g["split"] == "train"]
    gdev = [g for g in gold if g["split"] == "dev"]
    labels = Counter(c["label"] for c in train)
    print(f"articles: train {len(gtrain)}, dev {len(gdev)}; candidates: train {len(train)}, dev {len(dev)}; "
          f"labels {dict(labels)}", file=sys.stderr)
    gold_found = sum(c["label"] != NONE for c in train)
    print(f"gold events of train reached by a candidate: {gold_found}/{sum(len(g['events']) for g in gtrain)}",
          file=sys.stderr)

    feats = [c["features"] for c in train]
    ys = [c["label"] for c in train]
    groups = [c["group"] for c in train]
    weak: list[dict] = []
    if args.weak:
        wpath = Path(args.weak)
        cache = Path(args.cache + ".weak") if args.cache else None
        if cache and cache.exists():
            weak = pickle.loads(cache.read_bytes())
        else:
            weak = weak_rows(wpath)
            if cache:
                cache.write_bytes(pickle.dumps(weak))
        print(f"weak rows from {wpath.name}: {len(weak)} ({dict(Counter(w['label'] for w in weak))})", file=sys.stderr)
    extra = [(w["features"], w["label"]) for w in weak if w["label"] is not None]
    without = tuple(p for p in args.event_without.split(",") if p)
    oof_event, oof_kind = cross_val(feats, ys, groups, args.C, args.C_type, extra=extra, without=without)
    binary = ["EVENT" if y != NONE else NONE for y in ys]
    temperature = learn.fit_temperature(oof_event, binary)
    oof = combine(calibrated(oof_event, temperature), oof_kind)
    threshold, sweep = choose_threshold(gtrain, train, oof, args.target)
    cv = figures(gtrain, train, oof, threshold)
    print(f"CV (grouped, 5 folds) temperature {temperature} threshold {threshold}: {cv}", file=sys.stderr)

    # the source and target models: over the options of the candidates that stand for a gold event
    for c, pick in zip(train, option_cv(train, args.C_target, "doers")):
        c["doer"] = pick
    for c, pick in zip(train, option_cv(train, args.C_target, "options")):
        c["chosen"] = pick
    cv_o = figures(gtrain, train, oof, threshold)
    print(f"CV with the source and target models, type alone: {cv_o}", file=sys.stderr)
    threshold, sweep = choose_threshold(gtrain, train, oof, args.target, args.weight, args.triple_target)
    cv_t = figures(gtrain, train, oof, threshold, args.weight)
    print(f"CV with the source and target models, arguments weight {args.weight}, threshold {threshold}: {cv_t}",
          file=sys.stderr)
    for s in sweep:
        print("  sweep", s, file=sys.stderr)
    sx, sy = option_rows(train, "doers")
    source_vec, source_clf = learn.fit(sx, sy, C=args.C_target)
    source_model = learn.as_model(source_vec, source_clf)
    tx, ty = option_rows(train, "options")
    target_vec, target_clf = learn.fit(tx, ty, C=args.C_target)
    target_model = learn.as_model(target_vec, target_clf)
    for c in dev:
        c["doer"] = pick_option(source_model, c, "doers")
        c["chosen"] = pick_option(target_model, c)

    all_feats = feats + [f for f, _ in extra]
    all_ys = ys + [y for _, y in extra]
    event_vec, event_clf = learn.fit([event_view(f, without) for f in all_feats],
                                     ["EVENT" if y != NONE else NONE for y in all_ys], C=args.C)
    pos = [i for i, y in enumerate(all_ys) if y != NONE]
    kind_vec, kind_clf = learn.fit([all_feats[i] for i in pos], [all_ys[i] for i in pos], C=args.C_type)
    event_model = learn.as_model(event_vec, event_clf, temperature)
    kind_model = learn.as_model(kind_vec, kind_clf)
    dev_probs = combine([event_model.probabilities(c["features"]) for c in dev],
                        [kind_model.probabilities(c["features"]) for c in dev])
    if dev and args.threshold_on in ("dev", "both"):  # the rule: the threshold is chosen on the dev split
        dev_threshold, dev_sweep = choose_threshold(gdev, dev, dev_probs, args.target, args.weight,
                                                    args.triple_target)
        for s in dev_sweep:
            print("  dev sweep", s, file=sys.stderr)
        # precision first: a threshold one sample (dev, or the training split's CV) lets fall below the target is
        # not taken; "both" takes the higher of the two
        threshold = dev_threshold if args.threshold_on == "dev" else max(dev_threshold, threshold)
        cv_t = figures(gtrain, train, oof, threshold, args.weight)
        print(f"threshold chosen on the dev split: {dev_threshold}; kept: {threshold}; CV at it: {cv_t}",
              file=sys.stderr)
    # a sentence given alone keeps the type's probability (no arguments' factor): its own bar, chosen as before
    sentence_threshold = choose_threshold(gtrain, train, oof, args.target)[0]
    if dev and args.threshold_on in ("dev", "both"):
        dev_sentence = choose_threshold(gdev, dev, dev_probs, args.target)[0]
        sentence_threshold = dev_sentence if args.threshold_on == "dev" else max(dev_sentence, sentence_threshold)
    print(f"threshold for a sentence given alone (type alone): {sentence_threshold}", file=sys.stderr)
    dev_fig = figures(gdev, dev, dev_probs, threshold, args.weight) if dev else {}
    print(f"dev split ({len(gdev)} articles), fitted on train: {dev_fig}", file=sys.stderr)
    quad = quad_cv(train, weak, args.C, args.C_type, sentence_threshold, without) if weak else {}
    if quad:
        print(f"ConfliBERT quad class, 5-fold CV over its sentences (at the threshold for a sentence alone): {quad}", file=sys.stderr)
    meta = {"trained_on": "annotations/articles a.jsonl, train split", "articles": len(gtrain),
            "conflibert_quad_cv": quad,
            "candidates": len(train), "labels": dict(labels), "C": args.C, "C_type": args.C_type, "event_without": list(without),
            "C_target": args.C_target, "cv_grouped_5fold_rules_targets": cv, "cv_grouped_5fold": cv_t,
            "cv_grouped_5fold_type_alone": cv_o, "arguments_weight": args.weight,
            "dev_split": dev_fig, "threshold_target_type_precision": args.target,
            "threshold_target_triple_precision": args.triple_target}
    data = {"event": learn.export(event_vec, event_clf, temperature), "type": learn.export(kind_vec, kind_clf),
            "target": learn.export(target_vec, target_clf), "source": learn.export(source_vec, source_clf),
            "arguments_weight": args.weight, "threshold": threshold, "sentence_threshold": sentence_threshold,
            "meta": meta}
    if not args.dry_run:
        OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
        print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)", file=sys.stderr)


def option_rows(cands: list[dict], role: str) -> tuple[list[list[str]], list[str]]:
    """One row per option (``role``: "options" for targets, "doers" for sources) of each candidate aligned to a
    gold event: 1 where the option names the gold actor (or, for a target, is "none" where gold has none)."""
    X, y = [], []
    gold_role = "target" if role == "options" else "source"
    for c in cands:
        ge = c.get("gold")
        if ge is None:
            continue
        for o in c[role]:
            ga = ge.get(gold_role)
            ok = (o["name"] is None) if ga is None else (o["name"] is not None and match_score(o["name"], ga) > 0)
            X.append(o["features"])
            y.append("1" if ok else "0")
    return X, y


def pick_option(model, c: dict, role: str = "options") -> dict | None:
    """The option the model scores highest, with its probability ``p`` (as ``Decision.pick_source/target``)."""
    options = c[role]
    if role == "options" and c.get("doer") is not None:
        options = [o for o in options if o["key"] != c["doer"]["key"]]
    if not options:
        return None
    if role == "doers":  # as Decision.pick_source: a nominal trigger's own modifier or possessor is its doer
        own = next((o for o in options if own_doer(o["features"])), None)
        if own is not None:
            return {**own, "p": model.probabilities(own["features"]).get("1", 0.0)}
    scored = [(model.probabilities(o["features"]).get("1", 0.0), n) for n, o in enumerate(options)]
    p, n = max(scored, key=lambda x: (x[0], -x[1]))
    if role == "options" and options[n]["name"] is not None:  # as Decision.pick_target: "no target" adds
        p = min(1.0, p + next((q for q, k in scored if options[k]["name"] is None), 0.0))
    return {**options[n], "p": p}


def option_cv(cands: list[dict], C: float, role: str, folds: int = 5) -> list[dict | None]:
    """Out-of-fold choice of target or source for every candidate (fitted on the other folds' gold events)."""
    from sklearn.model_selection import GroupKFold

    idx = list(range(len(cands)))
    out: list = [None] * len(cands)
    groups = [c["group"] for c in cands]
    for tr, te in GroupKFold(n_splits=folds).split(idx, idx, groups):
        X, y = option_rows([cands[i] for i in tr], role)
        vec, clf = learn.fit(X, y, C)
        model = learn.as_model(vec, clf)
        for i in te:
            out[i] = pick_option(model, cands[i], role)
    return out


def event_view(feats: list[str], without: tuple[str, ...]) -> list[str]:
    """The features the event / no event model learns from: all but those starting with ``without``."""
    return [f for f in feats if not f.startswith(without)] if without else feats


def cross_val(feats, ys, groups, C, C_type, folds=5, extra=(), without: tuple[str, ...] = ()):
    """Out-of-fold probabilities of both models, folds grouped by annotation group; ``extra`` rows (features,
    label) join every fold's training, never its test; the event model learns without the ``without`` features."""
    from sklearn.model_selection import GroupKFold

    n = len(ys)
    ev: list = [None] * n
    kd: list = [None] * n
    binary = ["EVENT" if y != NONE else NONE for y in ys]
    xf = [f for f, _ in extra]
    xy = [y for _, y in extra]
    ef = [event_view(f, without) for f in feats]
    exf = [event_view(f, without) for f in xf]
    for tr, te in GroupKFold(n_splits=folds).split(list(range(n)), ys, groups):
        vec, clf = learn.fit([ef[i] for i in tr] + exf, [binary[i] for i in tr] + ["EVENT" if y != NONE else NONE for y in xy], C)
        for i, row in zip(te, learn.predict_rows(vec, clf, [ef[i] for i in te])):
            ev[i] = row
        pos = [i for i in tr if ys[i] != NONE]
        xpos = [k for k, y in enumerate(xy) if y != NONE]
        vec, clf = learn.fit([feats[i] for i in pos] + [xf[k] for k in xpos], [ys[i] for i in pos] + [xy[k] for k in xpos], C_type)
        for i, row in zip(te, learn.predict_rows(vec, clf, [feats[i] for i in te])):
            kd[i] = row
    return ev, kd


def combine(event_rows, kind_rows):
    out = []
    for e, k in zip(event_rows, kind_rows):
        p = e.get("EVENT", 0.0)
        row = {t: p * v for t, v in k.items()}
        row[NONE] = 1 - p
        out.append(row)
    return out


if __name__ == "__main__":
    main()
