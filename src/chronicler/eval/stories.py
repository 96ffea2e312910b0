"""Story clustering and cross-article merging against stories/basil/dev.jsonl (articles with ``story`` ids).

Articles are analysed, then placed one at a time in publication order (ties in file order), as ingest would.
Figures: B-cubed precision / recall / F1 of the stories; the share of gold stories with two articles or more
in which an event is merged across at least two of their articles; beside them, in the same run, the TF-IDF
baseline (each article's TF-IDF over the set itself, cosine, stories = connected components of the pairs above
a threshold published at most ``BASELINE_DAYS`` apart).

BASIL's stories lie months apart, so as published their dates alone keep them apart. Distinct events of one
topic in one week are what goes wrong on unseen news; to measure that on the same articles, each condition
but the first packs the stories' dates into a few days (story k, in order of its first article, starts on day
k mod P; its articles keep their spacing): P = 15, 7 and 1.

Cross-validation, the held-out headline: 5 folds of gold stories; each threshold clusters the whole set; the
threshold is chosen on four folds' articles (the mean over the conditions of their B-cubed F1) and scored on
the fifth's, whose predicted stories are taken whole (articles of other folds in them count against them).
"""
from __future__ import annotations

import json
import math
from collections import Counter
from dataclasses import replace
from datetime import date, timedelta
from typing import Any, Callable

from chronicler.sources.collections import article_from_record
from chronicler.stories import text as words
from chronicler.stories.actors import canonical_actors
from chronicler.stories.cluster import THRESHOLD, WINDOW_DAYS, StoryIndex
from chronicler.stories.features import features
from chronicler.stories.merge import merged_events

GRID = [round(0.10 + 0.025 * i, 3) for i in range(15)]  # 0.10 .. 0.45
FOLDS = 5
PACKED = (15, 7, 1)  # days the stories' first articles are packed into, one condition each
BASELINE_DAYS = 3
BASELINE_THRESHOLD = 0.15

Run = Callable[[list[dict[str, Any]], float, dict[str, date | None]], dict[str, str]]


def bcubed(pred: dict[str, str], gold: dict[str, str], subset: list[str] | None = None) -> dict[str, float]:
    """B-cubed over ``subset`` (default: every item of ``gold``); predicted clusters are taken whole."""
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in gold:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    items = list(gold) if subset is None else subset
    p = r = 0.0
    for i in items:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(items), r / len(items)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def packed_days(items: list[dict[str, Any]], period: int | None) -> dict[str, date | None]:
    """Each article's date, as published (``period`` None) or with the stories packed into ``period`` days."""
    days = {it["id"]: date.fromisoformat(it["published"]) if it["published"] else None for it in items}
    if period is None:
        return days
    first: dict[str, date] = {}
    for it in items:
        if days[it["id"]]:
            first[it["story"]] = min(first.get(it["story"], days[it["id"]]), days[it["id"]])
    order = {s: k for k, s in enumerate(sorted(first, key=lambda s: (first[s], s)))}
    base = date(2020, 1, 1)
    return {i: None if d is None else base + timedelta(days=order[s] % period + (d - first[s]).days)
            for i, d, s in ((it["id"], days[it["id"]], it["story"]) for it in items)}


def conditions(items: list[dict[str, Any]]) -> dict[str, dict[str, date | None]]:
    return {"as published": packed_days(items, None),
            **{f"packed into {p} day{'s' if p > 1 else ''}": packed_days(items, p) for p in PACKED}}


def cluster(items: list[dict[str, Any]], threshold: float, days: dict[str, date | None] | None = None,
            window: int = WINDOW_DAYS) -> dict[str, str]:
    """items: {id, n, features}; placed in order of ``days`` (default: as published) -> id: story id."""
    days = days or {it["id"]: it["features"].published for it in items}
    index = StoryIndex(threshold, window)
    order = sorted(items, key=lambda it: (days[it["id"]] or date.max, it["n"]))
    return {it["id"]: index.place(replace(it["features"], published=days[it["id"]])).story.id for it in order}


def make_baseline(items: list[dict[str, Any]]) -> Run:
    """The TF-IDF baseline: TF-IDF fitted on all the items (all terms, unsupervised), cosine, stories =
    connected components of pairs >= threshold published at most BASELINE_DAYS apart. Pair similarities are
    computed once; returns run(items, threshold, days)."""
    counts = [Counter(words.terms((it["title"] or "") + "\n" + it["text"])) for it in items]
    df = Counter(t for c in counts for t in c)
    n = len(items)
    vecs = []
    for c in counts:
        v = {t: (1 + math.log(k)) * (math.log((n + 1) / (df[t] + 1)) + 1) for t, k in c.items()}
        norm = math.sqrt(sum(w * w for w in v.values())) or 1.0
        vecs.append({t: w / norm for t, w in v.items()})
    ids = [it["id"] for it in items]
    pairs = [(ids[i], ids[j], s) for i in range(n) for j in range(i)
             if (s := words.cosine(vecs[i], vecs[j])) >= GRID[0]]

    def run(subset: list[dict[str, Any]], threshold: float, days: dict[str, date | None]) -> dict[str, str]:
        keep = {it["id"] for it in subset}
        parent = {i: i for i in keep}

        def find(i: str) -> str:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i
        for a, b, sim in pairs:
            if sim >= threshold and a in keep and b in keep and (
                    days[a] is None or days[b] is None or abs((days[a] - days[b]).days) <= BASELINE_DAYS):
                parent[find(a)] = find(b)
        return {i: find(i) for i in keep}
    return run


def merged_share(items: list[dict[str, Any]], pred: dict[str, str]) -> float:
    """Gold stories with >= 2 articles where a merged event (built over the predicted story) spans >= 2 of them."""
    by_pred: dict[str, list[dict[str, Any]]] = {}
    for it in items:
        by_pred.setdefault(pred[it["id"]], []).append(it)
    spans: dict[str, set[frozenset[str]]] = {}
    for group in by_pred.values():
        docs = [{"doc_id": it["id"], "source": it["source"], "published": it["published"], "result": it["result"]}
                for it in group]
        _, mapping = canonical_actors([{**a, "doc_id": d["doc_id"]} for d in docs for a in d["result"]["actors"]])
        for e in merged_events(docs, mapping):
            ids = frozenset(m["doc_id"] for m in e["mentions"])
            for it in group:
                if it["id"] in ids:
                    spans.setdefault(it["story"], set()).add(ids)
    multi = Counter(it["story"] for it in items)
    stories = [s for s, k in multi.items() if k >= 2]
    members = {s: {it["id"] for it in items if it["story"] == s} for s in stories}
    hit = sum(any(len(ids & members[s]) >= 2 for ids in spans.get(s, ())) for s in stories)
    return hit / len(stories) if stories else 0.0


def cross_validate(items: list[dict[str, Any]], run: Run, prefer: float) -> dict[str, Any]:
    """Held-out-fold F1 per condition; the threshold chosen per fold on the other folds (ties: nearest
    ``prefer``)."""
    gold = {it["id"]: it["story"] for it in items}
    conds = conditions(items)
    preds = {(name, t): run(items, t, days) for name, days in conds.items() for t in GRID}
    stories = sorted(set(gold.values()))
    folds = min(FOLDS, len(stories))
    fold_of = {s: k % folds for k, s in enumerate(stories)}
    held: dict[str, list[float]] = {name: [] for name in conds}
    chosen = []
    for k in range(folds):
        train = [i for i in gold if fold_of[gold[i]] != k]
        test = [i for i in gold if fold_of[gold[i]] == k]

        def train_f1(t: float) -> float:
            return round(sum(bcubed(preds[(name, t)], gold, train)["f1"] for name in conds) / len(conds), 6)
        t = max(GRID, key=lambda t: (train_f1(t), -abs(t - prefer)))
        chosen.append(t)
        for name in conds:
            held[name].append(bcubed(preds[(name, t)], gold, test)["f1"])
    return {"thresholds": chosen, "f1": {name: sum(v) / len(v) for name, v in held.items()}}


def evaluate_results(records: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    items = []
    for n, (rec, res) in enumerate(zip(records, results)):
        items.append({"id": res["document"]["id"], "story": rec["story"], "title": rec.get("title"),
                      "text": rec["text"], "source": rec.get("source"), "published": rec.get("published"),
                      "n": n, "result": res, "features": features(res, rec["text"])})
    items.sort(key=lambda it: (it["published"] or "", it["n"]))
    gold = {it["id"]: it["story"] for it in items}
    conds = conditions(items)
    baseline = make_baseline(items)
    fixed = {name: bcubed(cluster(items, THRESHOLD, days), gold) for name, days in conds.items()}
    base_fixed = {name: bcubed(baseline(items, BASELINE_THRESHOLD, days), gold) for name, days in conds.items()}
    pred = cluster(items, THRESHOLD)
    return {
        "articles": len(items), "stories": len(set(gold.values())), "found": len(set(pred.values())),
        "threshold": THRESHOLD, "window_days": WINDOW_DAYS,
        "bcubed": bcubed(pred, gold), "conditions": fixed,
        "merged_share": merged_share(items, pred),
        "cv": cross_validate(items, lambda its, t, days: cluster(its, t, days), THRESHOLD),
        "baseline": {"threshold": BASELINE_THRESHOLD, "days": BASELINE_DAYS, "bcubed": base_fixed["as published"],
                     "conditions": base_fixed, "cv": cross_validate(items, baseline, BASELINE_THRESHOLD)},
    }


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    with open(gold_path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    results = [analyzer.analyze(article_from_record(rec, f"{gold_path}:{n}")).to_dict()
               for n, rec in enumerate(records, 1)]
    return evaluate_results(records, results)


def report(f: dict[str, Any]) -> str:
    b, base = f["bcubed"], f["baseline"]
    lines = [
        f"stories: {f['articles']} articles, {f['stories']} gold stories, {f['found']} found "
        f"(threshold {f['threshold']}, window {f['window_days']} days)",
        f"  B-cubed P / R / F1: {b['precision']:.3f} / {b['recall']:.3f} / {b['f1']:.3f}",
        f"  multi-article stories with an event merged across >= 2 articles: {f['merged_share']:.3f}",
        f"  5-fold CV over stories, held-out F1 (thresholds chosen {f['cv']['thresholds']}; baseline "
        f"{base['cv']['thresholds']}):",
        f"    {'condition':<24} {'chronicler':>10} {'baseline':>9}   fixed: {'chronicler':>10} "
        f"{'baseline @' + str(base['threshold']):>14}",
    ]
    for name in f["cv"]["f1"]:
        lines.append(f"    {name:<24} {f['cv']['f1'][name]:>10.3f} {base['cv']['f1'][name]:>9.3f}          "
                     f"{f['conditions'][name]['f1']:>10.3f} {base['conditions'][name]['f1']:>14.3f}")
    lines.append(f"baseline: TF-IDF over the set, connected components of pairs >= the threshold published "
                 f"<= {base['days']} days apart")
    return "\n".join(lines)
