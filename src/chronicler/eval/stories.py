"""Story clustering and cross-article merging against stories/basil/dev.jsonl (articles with ``story`` ids).

Articles are analysed, then placed one at a time in publication order (ties in file order), as ingest
would. Figures: B-cubed precision / recall / F1 of the stories; the share of gold stories with two
articles or more in which an event is merged across at least two of their articles; beside them a TF-IDF
baseline in the same run (each article's TF-IDF over the set itself, cosine, stories = connected
components above a threshold; no dates). Both thresholds are also chosen by 5-fold cross-validation over
the gold stories (chosen on four folds' articles, scored on the fifth's), the held-out headline.
"""
from __future__ import annotations

import json
import math
from collections import Counter
from typing import Any

from chronicler.sources.collections import article_from_record
from chronicler.stories import text as words
from chronicler.stories.actors import canonical_actors
from chronicler.stories.cluster import THRESHOLD, WINDOW_DAYS, StoryIndex
from chronicler.stories.features import features
from chronicler.stories.merge import merged_events

GRID = [round(0.10 + 0.025 * i, 3) for i in range(21)]  # 0.10 .. 0.60
FOLDS = 5


def bcubed(pred: dict[str, str], gold: dict[str, str]) -> dict[str, float]:
    by_pred: dict[str, set[str]] = {}
    by_gold: dict[str, set[str]] = {}
    for i in gold:
        by_pred.setdefault(pred[i], set()).add(i)
        by_gold.setdefault(gold[i], set()).add(i)
    p = r = 0.0
    for i in gold:
        both = len(by_pred[pred[i]] & by_gold[gold[i]])
        p += both / len(by_pred[pred[i]])
        r += both / len(by_gold[gold[i]])
    p, r = p / len(gold), r / len(gold)
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def cluster(items: list[dict[str, Any]], threshold: float, window: int = WINDOW_DAYS) -> dict[str, str]:
    """items: {id, features} in arrival order -> id: story id (absorbed stories followed to the survivor)."""
    index = StoryIndex(threshold, window)
    placed, alias = {}, {}
    for it in items:
        p = index.place(it["features"])
        placed[it["id"]] = p.story.id
        for gone in p.merged:
            alias[gone] = p.root.id
        for part in p.split:
            for doc_id, _, _ in part.members:
                placed[doc_id] = part.id

    def root(s: str) -> str:
        while s in alias:
            s = alias[s]
        return s
    return {i: root(s) for i, s in placed.items()}  # a split moves articles by id: placed[...] is current


def make_baseline(items: list[dict[str, Any]]):
    """The TF-IDF baseline: TF-IDF fitted on all the items (all terms, unsupervised), cosine, stories =
    connected components of pairs >= threshold. Pair similarities are computed once; returns run(items, t)."""
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

    def run(subset: list[dict[str, Any]], threshold: float) -> dict[str, str]:
        keep = {it["id"] for it in subset}
        parent = {i: i for i in keep}

        def find(i: str) -> str:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i
        for a, b, sim in pairs:
            if sim >= threshold and a in keep and b in keep:
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


def _best(items: list[dict[str, Any]], run) -> float:
    gold = {it["id"]: it["story"] for it in items}
    return max(GRID, key=lambda t: (round(bcubed(run(items, t), gold)["f1"], 6), -abs(t - THRESHOLD)))


def cross_validate(items: list[dict[str, Any]], run) -> dict[str, Any]:
    stories = sorted({it["story"] for it in items})
    fold_of = {s: k % FOLDS for k, s in enumerate(stories)}
    scores, chosen = [], []
    for k in range(FOLDS):
        train = [it for it in items if fold_of[it["story"]] != k]
        test = [it for it in items if fold_of[it["story"]] == k]
        t = _best(train, run)
        chosen.append(t)
        scores.append(bcubed(run(test, t), {it["id"]: it["story"] for it in test})["f1"])
    return {"f1": sum(scores) / len(scores), "folds": scores, "thresholds": chosen}


def evaluate_results(records: list[dict[str, Any]], results: list[dict[str, Any]]) -> dict[str, Any]:
    items = []
    for n, (rec, res) in enumerate(zip(records, results)):
        items.append({"id": res["document"]["id"], "story": rec["story"], "title": rec.get("title"),
                      "text": rec["text"], "source": rec.get("source"), "published": rec.get("published"),
                      "n": n, "result": res, "features": features(res, rec["text"])})
    items.sort(key=lambda it: (it["published"] or "", it["n"]))
    gold = {it["id"]: it["story"] for it in items}
    pred = cluster(items, THRESHOLD)
    baseline = make_baseline(items)
    base_t = _best(items, baseline)
    return {
        "articles": len(items), "stories": len(set(gold.values())), "found": len(set(pred.values())),
        "threshold": THRESHOLD, "window_days": WINDOW_DAYS,
        "bcubed": bcubed(pred, gold),
        "merged_share": merged_share(items, pred),
        "cv": cross_validate(items, cluster),
        "no_window_cv": cross_validate(items, lambda its, t: cluster(its, t, 100_000)),
        "baseline": {"threshold": base_t, "bcubed": bcubed(baseline(items, base_t), gold),
                     "cv": cross_validate(items, baseline)},
    }


def evaluate(gold_path: str, analyzer: Any) -> dict[str, Any]:
    with open(gold_path, encoding="utf-8") as fh:
        records = [json.loads(line) for line in fh if line.strip()]
    results = [analyzer.analyze(article_from_record(rec, f"{gold_path}:{n}")).to_dict()
               for n, rec in enumerate(records, 1)]
    return evaluate_results(records, results)


def report(f: dict[str, Any]) -> str:
    b, base = f["bcubed"], f["baseline"]
    return "\n".join([
        f"stories: {f['articles']} articles, {f['stories']} gold stories, {f['found']} found "
        f"(threshold {f['threshold']}, window {f['window_days']} days)",
        f"  B-cubed P / R / F1: {b['precision']:.3f} / {b['recall']:.3f} / {b['f1']:.3f}",
        f"  5-fold CV over stories, F1: {f['cv']['f1']:.3f} (thresholds chosen {f['cv']['thresholds']})",
        f"  without the date window, CV F1: {f['no_window_cv']['f1']:.3f}",
        f"  multi-article stories with an event merged across >= 2 articles: {f['merged_share']:.3f}",
        f"baseline TF-IDF, connected components (threshold {base['threshold']}): "
        f"F1 {base['bcubed']['f1']:.3f}, 5-fold CV F1 {base['cv']['f1']:.3f}",
    ])
