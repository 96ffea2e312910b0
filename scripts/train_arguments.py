"""Train the events argument model (``stages/events/arguments.json``) on ConfliBERT's actor tags; report grouped CV.

    PYTHONPATH=src python scripts/train_arguments.py [../shared/data/events/conflibert/actors_train.conll]
        [--docs PARSED.pickle] [--folds 5]

Each sentence is parsed once by the chronicler pipeline (without the events stage; ``--docs`` caches the parse)
and its events found by the rules alone. For the best event of each sentence (the rules' first), every noun
head of the sentence is a candidate, labelled source when it lies in a gold S (or R) span and target when in a T
(or R) span. Two logistic regressions (scikit-learn, training only) learn those labels from the features of
``stages/events/argmodel.py``; their weights are written as plain JSON.

Cross-validation is grouped: the file has no article ids, so sentences are grouped by their text with case,
digits and punctuation removed (repeated and near-repeated sentences fall in one fold). Each held-out fold is
analysed end to end with a model trained on the other folds and scored as ``chronicler eval events`` scores the
file (the best event's source and target on the tagged spans); the margin by which the model must beat the
rules' choice is chosen by that CV, and the CV figure at that margin is stored in the metadata.
"""
from __future__ import annotations

import json
import os
import pickle
import re
import sys
from pathlib import Path

os.environ["CHRONICLER_EVENTS_RANKER"] = "off"
os.environ["CHRONICLER_EVENTS_ARGUMENTS"] = "off"

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from chronicler.eval.arguments import read_conll, score_arguments  # noqa: E402
from chronicler.stages.events.argmodel import MODEL_FILE, ArgumentModel, DocView, candidates, features  # noqa: E402
from chronicler.stages.events.component import Extractor, confidence, extract_events  # noqa: E402
from chronicler.stages.events.lexicon import event_lexicon  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chronicler" / "stages" / "events" / MODEL_FILE
DEFAULT = ROOT.parent / "shared" / "data" / "events" / "conflibert" / "actors_train.conll"
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.5)


def parse(texts: list[str], cache: str | None):
    from chronicler.nlp import loader  # noqa: F401  (registers the Doc extensions the pickled docs carry)

    if cache and Path(cache).exists():
        return pickle.loads(Path(cache).read_bytes())
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.article import make_article

    analyzer = Analyzer()
    skip = [n for n in analyzer.nlp.pipe_names if n in ("chronicler_events", "chronicler_disputes")]
    with analyzer.nlp.select_pipes(disable=skip):
        docs = list(analyzer.nlp.pipe((analyzer._doc(make_article(t)) for t in texts), batch_size=32))
    if cache:
        Path(cache).write_bytes(pickle.dumps(docs))
    return docs


def group_of(text: str) -> str:
    return re.sub(r"[^a-z ]+", "", text.lower()).strip()[:80]


def rows_of(doc, gold) -> list[tuple[list[str], int, int]]:
    """(features, is source, is target) for the candidates of the rules' best event of the sentence."""
    ex = Extractor(doc, event_lexicon())
    drafts = ex.drafts_in_order()
    if not drafts:
        return []
    d = max(drafts, key=lambda x: (confidence(x), -x.trigger.token.i))
    trig = d.trigger.token
    view = DocView(doc)
    out = []
    for i in candidates(trig, view):
        if i in ex.by_token:
            continue  # an event word is nobody's name (as the component skips them)
        c = doc[i]
        lo, hi = c.idx, c.idx + len(c.text)
        inside = lambda spans: any(a < hi and lo < b for a, b in spans)  # noqa: E731
        feats = features(view, trig.i, i, d.code.type, d.source_token, d.target_token)
        out.append((feats, int(inside(gold["S"])), int(inside(gold["T"]))))
    return out


def fit(rows, c: float = 0.5) -> ArgumentModel:
    vec = DictVectorizer()
    x = vec.fit_transform([{f: 1 for f in feats} for feats, _, _ in rows])
    weights, bias = [], []
    for k in (1, 2):
        y = [r[k] for r in rows]
        lr = LogisticRegression(C=c, max_iter=2000).fit(x, y)
        weights.append({name: round(float(w), 5) for name, w in zip(vec.feature_names_, lr.coef_[0]) if abs(w) > 1e-4})
        bias.append(round(float(lr.intercept_[0]), 5))
    return ArgumentModel(source=weights[0], target=weights[1], bias=(bias[0], bias[1]))


def end_to_end(docs, sentences, model: ArgumentModel | None, idx) -> list:
    from types import SimpleNamespace

    return [SimpleNamespace(events=extract_events(docs[i], arguments=model), actors=list(docs[i]._.actors or []))
            for i in idx]


def main() -> int:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    opts = dict(a[2:].split("=", 1) for a in sys.argv[1:] if a.startswith("--") and "=" in a)
    path = Path(args[0]) if args else DEFAULT
    sentences = read_conll(path)
    docs = parse([t for t, _ in sentences], opts.get("docs"))
    per_doc = [rows_of(doc, gold) for doc, (_, gold) in zip(docs, sentences)]
    groups = [group_of(t) for t, _ in sentences]
    folds = list(GroupKFold(n_splits=int(opts.get("folds", 5))).split(docs, groups=groups))
    rules = score_arguments(sentences, end_to_end(docs, sentences, None, range(len(docs))))
    print(f"rules alone: source {rules['source_best']:.3f} target {rules['target_best']:.3f}", flush=True)
    results = {}
    for c in (0.1, 0.5):
        fold_models = [fit([r for i in train for r in per_doc[i]], c) for train, _ in folds]
        for margin in MARGINS:
            analyses: dict[int, object] = {}
            for (_, test), m in zip(folds, fold_models):
                model = ArgumentModel(m.source, m.target, m.bias, margin)
                analyses.update(zip(test, end_to_end(docs, sentences, model, test)))
            figs = score_arguments(sentences, [analyses[i] for i in range(len(docs))])
            results[(c, margin)] = figs
            print(f"C {c} margin {margin}: source {figs['source_best']:.3f} target {figs['target_best']:.3f}",
                  flush=True)
    (c, margin), best = max(results.items(), key=lambda kv: kv[1]["source_best"] + kv[1]["target_best"])
    final = fit([r for rows in per_doc for r in rows], c)
    meta = {"train_file": path.name, "sentences": len(sentences), "groups": len(set(groups)), "C": c,
            "grouped_cv": {"folds": len(folds), "source_best": round(best["source_best"], 4),
                           "target_best": round(best["target_best"], 4), "source_any": round(best["source_any"], 4),
                           "target_any": round(best["target_any"], 4)},
            "rules_alone": {"source_best": round(rules["source_best"], 4),
                            "target_best": round(rules["target_best"], 4)}}
    data = {"source": final.source, "target": final.target, "bias": list(final.bias), "margin": margin, "meta": meta}
    OUT.write_text(json.dumps(data, sort_keys=True) + "\n", "utf-8")
    print(json.dumps(meta, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
