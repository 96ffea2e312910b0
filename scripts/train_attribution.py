"""Train the quotes attribution model on PolNeAR's training articles and report grouped 5-fold CV figures.

    PYTHONPATH=src python scripts/train_attribution.py [../shared/data/quotes/polnear/train.jsonl]
        [--threshold 0.85] [--other-threshold 0.4] [--rule-threshold 0.5] [--c 1.0]
        [--cache ROWS.json | --rows ROWS.json] [--docs PARSED.pickle] [--end-to-end] [--dry-run]

Each article (lowest annotator id) is parsed once by the chronicler pipeline; the speech rules make their
quotes, and the open lexicon (stages/quotes/candidates.py) the candidates beyond them. A candidate is an
attribution worth keeping when its content matches a gold content that the rules' quotes miss (the eval's
span rule: overlap >= 30% of the longer span, with the hull or a piece). The model (TF-IDF over the
candidates' feature words -> logistic regression) is cross-validated with folds grouped by article; a second
model of the same kind learns which of the rules' own clauses match a gold attribution, and drops those below
its threshold; the figures go into the model's metadata. The final model is trained on all candidates and
written to src/chronicler/stages/quotes/attribution.json (plain JSON, predicted without scikit-learn at run
time; scikit-learn is needed only here: pip install '.[train]'). Never train on dev.

Two thresholds: a candidate that is a quotation (attribution class "speech": a reporting verb with a clause)
is kept at --threshold (0.85: precision first, these are the quotes users read as who said what); any other
attribution (a topic, belief, intent, evidence or stance) at --other-threshold (0.4, near the F1 optimum on
PolNeAR, where these are annotated; the GGT gold scores quotations only; 0.4 is also the optimum of the
end-to-end CV below: 0.35 -> F1 0.765, 0.4 -> 0.767, 0.45 -> 0.763). Figures on the dev sets (2026-11-26):
GGT F1 0.910, PolNeAR F1 0.805.

--end-to-end also cross-validates the whole quotes stage by article on the training set (both models refitted
per fold, the stage run and scored by the eval's rule) and stores the figure in the model's metadata
(2026-11-26: F1 0.769 on 840 articles, P 0.809 R 0.732). The speaker ranker (train_speakers.py) is refitted in
each fold as well: speaker accuracy 0.862 held out (2026-12-04; 0.831 with the rule-based resolver alone).
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ["CHRONICLER_QUOTES_MODEL"] = "off"
os.environ["CHRONICLER_QUOTE_SCOPE"] = "speech"  # the rules alone find speech; the model learns the rest

from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.metrics import roc_auc_score  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402
from sklearn.pipeline import make_pipeline  # noqa: E402

from chronicler.eval.quotes import aggregate, match, read_gold, score_doc, spans_match  # noqa: E402
from chronicler.stages.events.linear import LinearTextModel  # noqa: E402
from chronicler.stages.quotes.attribution import MODEL_FILE, AttributionModel, export_binary  # noqa: E402
from chronicler.stages.quotes.candidates import extra_candidates, features, found_by, signals  # noqa: E402
from chronicler.stages.quotes.component import extract_quotes  # noqa: E402
from chronicler.stages.quotes.context import build_context  # noqa: E402
from train_speakers import fit as fit_ranker, parse, quote_rows  # noqa: E402  (scripts/, next to this one)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chronicler" / "stages" / "quotes" / MODEL_FILE
# ../shared next to the checkout, or next to the folder of worktrees
DEFAULT_GOLD = [up / "shared" / "data" / "quotes" / "polnear" / "train.jsonl" for up in (ROOT.parent, ROOT.parents[1])]


def make_model(c: float):
    return make_pipeline(TfidfVectorizer(ngram_range=(1, 1), min_df=2, sublinear_tf=True, token_pattern=r"\S+",
                                         lowercase=False),
                         LogisticRegression(C=c, max_iter=3000))


def candidates(gold_path: str, cache: str | None = None):
    """(feature line, label, article index) of every candidate beyond the speech rules, and of the rules' own
    clauses (right when they match any gold attribution)."""
    docs = read_gold(gold_path)
    rows, rule_rows = [], []
    for n, (gd, doc) in enumerate(zip(docs, parse(docs, cache))):
        # a candidate is worth keeping when it finds a gold attribution that the rules' quotes miss
        ours = [(q.start, q.end) for q in extract_quotes(doc, model=None)]
        found = {gi for gi, _ in match([(q.start, q.end) for q in gd.quotes], ours, [q.pieces for q in gd.quotes])}
        missed = [q for gi, q in enumerate(gd.quotes) if gi not in found]
        ctx = build_context(doc)
        named = found_by(ctx)
        taken = [f for f, _ in named]
        sig = signals(ctx, taken)
        for f, name in named:
            rule_rows.append((features(ctx, f, name, sig), int(_hits(f, gd.quotes)), n))
        for f, name in extra_candidates(ctx, taken):
            rows.append((features(ctx, f, name, sig), int(_hits(f, missed)), n))
    return rows, rule_rows


def _hits(f, gold) -> bool:
    return any(spans_match((q.start, q.end), (f.start, f.end))
               or any(spans_match(p, (f.start, f.end)) for p in q.pieces) for q in gold)


def scores(y, p, threshold):
    tp = sum(1 for a, b in zip(y, p) if a and b >= threshold)
    pp = sum(1 for b in p if b >= threshold)
    pos = sum(y)
    prec, rec = (tp / pp if pp else 0.0), (tp / pos if pos else 0.0)
    return {"threshold": threshold, "precision": round(prec, 4), "recall": round(rec, 4),
            "f1": round(2 * prec * rec / (prec + rec), 4) if prec + rec else 0.0, "kept": pp}


def cross_validate(rows, c: float, thresholds):
    x = [r[0] for r in rows]
    y = [r[1] for r in rows]
    groups = [r[2] for r in rows]
    p = [0.0] * len(rows)
    for train, test in GroupKFold(n_splits=5).split(x, y, groups):
        model = make_model(c).fit([x[i] for i in train], [y[i] for i in train])
        for i, q in zip(test, model.predict_proba([x[i] for i in test])[:, 1]):
            p[i] = float(q)
    return {"auc": round(roc_auc_score(y, p), 4), "candidates": len(y), "positives": sum(y),
            "at": [scores(y, p, t) for t in thresholds],
            "note": "a candidate is right when it finds a gold attribution the rules miss"}


def end_to_end(gold_path: str, docs_cache: str | None, rows, rule_rows, c: float, threshold: float,
               rule_threshold: float, other_threshold: float, ranker_c: float = 1.0) -> dict:
    """The whole quotes stage cross-validated by article (5 folds): both models fitted on four fifths of the
    articles, the stage run on the other fifth in attribution scope "all" and scored by the eval's rule -- a
    held-out figure on the ~840 training articles, ten times dev's 84. The speaker ranker
    (``train_speakers.py``) is refitted per fold too, so the speaker accuracy is held out as well."""
    docs = read_gold(gold_path)
    parsed = parse(docs, docs_cache)
    per_doc = []
    os.environ["CHRONICLER_QUOTE_SCOPE"] = "all"
    try:
        for train, test in GroupKFold(n_splits=5).split(docs, groups=list(range(len(docs)))):
            keep = set(train)
            fitted = [LinearTextModel(export_binary(make_model(c).fit([r[0] for r in rr if r[2] in keep],
                                                                        [r[1] for r in rr if r[2] in keep])))
                      for rr in (rows, rule_rows)]
            model = AttributionModel(fitted[0], threshold, {}, fitted[1], rule_threshold, other_threshold)
            # the speaker ranker fitted on the same four fifths, on the quotes this fold's model finds
            ranker = fit_ranker(quote_rows([docs[i] for i in train], [parsed[i] for i in train], model), ranker_c)
            per_doc += [score_doc(docs[i], [q.to_dict() for q in extract_quotes(parsed[i], model, ranker)])
                        for i in test]
    finally:
        os.environ["CHRONICLER_QUOTE_SCOPE"] = "speech"
    figures = aggregate(per_doc, "polnear")
    return {k: figures[k] for k in ("documents", "precision", "recall", "f1", "speaker_accuracy")}


def fit_exported(rows, c: float) -> dict:
    """A model fitted on all rows, as JSON, checked against scikit-learn on the first 500 rows."""
    model = make_model(c).fit([r[0] for r in rows], [r[1] for r in rows])
    data = export_binary(model)
    sample = [r[0] for r in rows[:500]]
    ours = LinearTextModel(data).predict_proba(sample)
    theirs = model.predict_proba(sample)
    assert all(abs(a[1] - b[1]) < 1e-5 for a, b in zip(ours, theirs)), "JSON predictor differs from sklearn"
    return data


def main(argv: list[str]) -> None:
    run_end_to_end = "--end-to-end" in argv
    dry_run = "--dry-run" in argv  # measure only: attribution.json stays as it is
    argv = [a for a in argv if a not in ("--end-to-end", "--dry-run")]
    opt = {argv[i][2:]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    gold = args[0] if args else str(next((p for p in DEFAULT_GOLD if p.exists()), DEFAULT_GOLD[0]))
    threshold = float(opt.get("threshold", 0.85))
    c = float(opt.get("c", 1.0))
    rule_threshold = float(opt.get("rule-threshold", 0.5))
    other_threshold = float(opt.get("other-threshold", 0.4))
    if "rows" in opt:  # candidates written by an earlier run with --cache: train without parsing again
        rows, rule_rows = json.loads(Path(opt["rows"]).read_text())
    else:
        rows, rule_rows = candidates(gold, opt.get("docs"))
    if "cache" in opt:
        Path(opt["cache"]).write_text(json.dumps([rows, rule_rows]))
    cv = cross_validate(rows, c, sorted({0.5, 0.6, 0.7, 0.8, 0.9, threshold}))
    cv_rules = cross_validate(rule_rows, c, sorted({0.3, 0.4, 0.5, 0.6, rule_threshold}))
    cv_rules["note"] = "the rules' clauses: right when they match any gold attribution"
    print(json.dumps({"candidates": cv, "rule_clauses": cv_rules}, indent=1))
    meta = {"trained_on": Path(gold).name, "c": c, "cv_grouped_5fold": cv, "cv_rules_grouped_5fold": cv_rules,
            "features": "stages/quotes/candidates.py:features"}
    if run_end_to_end:
        meta["cv_end_to_end"] = end_to_end(gold, opt.get("docs"), rows, rule_rows, c, threshold, rule_threshold,
                                           other_threshold)
        print("end to end, 5-fold CV by article:", json.dumps(meta["cv_end_to_end"]))
    if dry_run:
        return
    data, rules = fit_exported(rows, c), fit_exported(rule_rows, c)
    OUT.write_text(json.dumps({"model": data, "threshold": threshold, "other_threshold": other_threshold,
                               "rules": rules,
                               "rule_threshold": rule_threshold, "meta": meta}, separators=(",", ":")))
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB), threshold {threshold}")


if __name__ == "__main__":
    main(sys.argv[1:])
