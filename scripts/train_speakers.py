"""Train the speaker ranker on PolNeAR's training articles and report grouped 5-fold CV figures.

    PYTHONPATH=src python scripts/train_speakers.py [../shared/data/quotes/polnear/train.jsonl]
        [--docs PARSED.pickle] [--c 1.0] [--cache ROWS.json | --rows ROWS.json] [--end-to-end] [--dry-run]

Each article (lowest annotator id) is parsed once by the chronicler pipeline up to the quotes (``--docs``
caches the parse, the same pickle as ``train_attribution.py --docs``); the quotes stage finds its quotes
(attribution model on, scope "all"), and each quote with a cue that matches a gold attribution (the eval's
span rule) gives its candidate speakers (``stages/quotes/ranker.py:candidates``). A candidate is right when
its mention overlaps a gold source span ('none' is right when the gold attribution has no source). A logistic
regression over the candidates' feature words is cross-validated with folds grouped by article: per quote
the highest-scoring candidate is the speaker, and its accuracy is compared with the rules' choice on the
same quotes. ``--end-to-end`` also runs the whole quotes stage per fold (ranker fitted on the other four
fifths) and scores it by the eval's rule, with the ranker and without it, on all 840 articles. The final
ranker is fitted on all quotes and written to src/chronicler/stages/quotes/speakers.json (one weight per
feature word; predicted in pure Python). scikit-learn is needed only here. Never train on dev.

Figures (2026-12-04, C 1.0, with the person-noun class): speaker choice over 14,107 matched cued quotes,
rules 0.820, ranker 0.854 (0.852 without that class; the candidates hold the right one for 0.949); the stage
end to end with the attribution model as shipped, speaker accuracy 0.818 -> 0.852 (``train_attribution.py
--end-to-end``, both models refitted per fold: 0.831 -> 0.862). Checks on dev: GGT speaker 0.942 -> 0.946,
PolNeAR speaker 0.840 -> 0.869.
"""
from __future__ import annotations

import json
import os
import pickle
import sys
from pathlib import Path

os.environ.setdefault("CHRONICLER_QUOTE_SCOPE", "all")

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from chronicler.eval.quotes import aggregate, match, overlap, read_gold, score_doc  # noqa: E402
from chronicler.nlp import extensions  # noqa: E402,F401  (the Doc attributes a pickled parse carries)
from chronicler.stages.quotes.component import extract_quotes, find_quotes  # noqa: E402
from chronicler.stages.quotes.ranker import MODEL_FILE, SpeakerRanker, candidates  # noqa: E402
from chronicler.stages.quotes.speaker import author_of  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chronicler" / "stages" / "quotes" / MODEL_FILE
DEFAULT_GOLD = [up / "shared" / "data" / "quotes" / "polnear" / "train.jsonl" for up in (ROOT.parent, ROOT.parents[1])]


def parse(docs, cache: str | None):
    """The gold articles parsed up to the quotes (the pickle ``train_attribution.py --docs`` writes)."""
    if cache and Path(cache).exists():
        return pickle.loads(Path(cache).read_bytes())
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.article import make_article

    analyzer = Analyzer()
    with analyzer.nlp.select_pipes(disable=["chronicler_quotes", "chronicler_events", "chronicler_disputes"]):
        parsed = list(analyzer.nlp.pipe((analyzer._doc(make_article(d.text)) for d in docs), batch_size=16))
    if cache:
        Path(cache).write_bytes(pickle.dumps(parsed))
    return parsed


def _roots(doc, sources) -> set[int]:
    """The head tokens of the gold source spans; a relative pronoun ('who') stands for its antecedent."""
    out = set()
    for s, e in sources:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            out.add(root.i)
            if root.lower_ in ("who", "that", "which", "whom") and root.head.dep_ == "relcl":
                out.add(root.head.head.i)
    return out


def _labels(doc, cands, sources) -> list[int]:
    """1 for the candidate headed by a gold source's head word ('Goodwin' of 'Matthew Goodwin, a professor
    at the University', not 'the University'); failing any, one whose mention overlaps a source; 'none' is
    right when the gold attribution has no source."""
    if not sources:
        return [int(c.head is None) for c in cands]
    roots = _roots(doc, sources)
    labels = [int(c.head is not None and c.head.i in roots) for c in cands]
    if any(labels):
        return labels
    return [int(c.head is not None and any(overlap((c.start, c.end), s) > 0 for s in sources)) for c in cands]


def quote_rows(docs, parsed, model="default", ids=None) -> list[dict]:
    """One row per matched cued quote: its candidates' words and labels, the rules' choice, the article (its
    index in ``ids``, default the position). ``model``: the attribution model finding the quotes."""
    rows = []
    for n, (gd, doc) in zip(ids if ids is not None else range(len(docs)), zip(docs, parsed)):
        ctx, found = find_quotes(doc, model)
        pairs = match([(q.start, q.end) for q in gd.quotes], [(f.start, f.end) for f in found],
                      [q.pieces for q in gd.quotes])
        for gi, pi in pairs:
            f, g = found[pi], gd.quotes[gi]
            if f.cue_token is None:
                continue
            cands = candidates(ctx, f, [(x.start, x.end) for x in found if x is not f])
            labels = _labels(doc, cands, g.sources)
            right = [int(c.head is None) if not g.sources else  # the eval's rule: mention overlaps a source
                     int(c.head is not None and any(overlap((c.start, c.end), s) > 0 for s in g.sources))
                     for c in cands]
            rule = author_of(f.speaker_head, ctx.lex.documents) if f.speaker_head is not None else None
            rule_at = next(k for k, c in enumerate(cands) if (c.head.i if c.head is not None else None)
                           == (rule.i if rule is not None else None))
            rows.append({"doc": n, "words": [c.words for c in cands], "labels": labels, "right": right,
                         "rule": rule_at})
    return rows


def fit(rows, c: float) -> SpeakerRanker:
    x = [{w: 1 for w in words} for r in rows for words in r["words"]]
    y = [lab for r in rows for lab in r["labels"]]
    vec = DictVectorizer()
    clf = LogisticRegression(C=c, max_iter=3000).fit(vec.fit_transform(x), y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) >= 0.005}
    return SpeakerRanker(weights, round(float(clf.intercept_[0]), 4))


def _chosen(ranker: SpeakerRanker, words: list[list[str]], rule: int) -> int:
    """As ``ranked_head``: the best candidate, never 'none' (the first) where the rules chose a speaker."""
    scores = [ranker.score(w) for w in words]
    if rule != 0 and len(scores) > 1:
        scores[0] = -1.0
    return scores.index(max(scores))


def cross_validate(rows, c: float) -> dict:
    groups = [r["doc"] for r in rows]
    ours = [0] * len(rows)
    for train, test in GroupKFold(n_splits=5).split(rows, groups=groups):
        ranker = fit([rows[i] for i in train], c)
        for i in test:
            ours[i] = rows[i]["right"][_chosen(ranker, rows[i]["words"], rows[i]["rule"])]
    rule = [r["right"][r["rule"]] for r in rows]
    reachable = sum(1 for r in rows if any(r["right"]))
    return {"quotes": len(rows), "reachable": reachable, "rules": round(sum(rule) / len(rows), 4),
            "ranker": round(sum(ours) / len(rows), 4), "ceiling": round(reachable / len(rows), 4),
            "note": "speaker accuracy over the matched quotes with a cue (PolNeAR rule: mention overlaps source)"}


def end_to_end(docs, parsed, rows, c: float) -> dict:
    """The quotes stage per fold with the ranker fitted on the other articles, and with the rules alone."""
    with_ranker, rules_only = [], []
    for train, test in GroupKFold(n_splits=5).split(docs, groups=list(range(len(docs)))):
        keep = set(train)
        ranker = fit([r for r in rows if r["doc"] in keep], c)
        for i in test:
            with_ranker.append(score_doc(docs[i], [q.to_dict() for q in extract_quotes(parsed[i], ranker=ranker)]))
            rules_only.append(score_doc(docs[i], [q.to_dict() for q in extract_quotes(parsed[i], ranker=None)]))
    keys = ("documents", "precision", "recall", "f1", "speaker_accuracy", "end_to_end_f1")
    a, b = aggregate(with_ranker, "polnear"), aggregate(rules_only, "polnear")
    return {"ranker": {k: a[k] for k in keys}, "rules": {k: b[k] for k in keys}}


def main(argv: list[str]) -> None:
    flags = {a for a in argv if a in ("--end-to-end", "--dry-run")}
    argv = [a for a in argv if a not in flags]
    opt = {argv[i][2:]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    gold = args[0] if args else str(next((p for p in DEFAULT_GOLD if p.exists()), DEFAULT_GOLD[0]))
    c = float(opt.get("c", 1.0))
    docs = read_gold(gold)
    parsed = parse(docs, opt.get("docs")) if "rows" not in opt or "--end-to-end" in flags else None
    if "rows" in opt:  # rows written by an earlier run with --cache: fit again without the quotes stage
        rows = json.loads(Path(opt["rows"]).read_text())
    else:
        rows = quote_rows(docs, parsed)
    if "cache" in opt:
        Path(opt["cache"]).write_text(json.dumps(rows))
    cv = cross_validate(rows, c)
    print("speaker choice, 5-fold CV by article:", json.dumps(cv))
    meta = {"trained_on": Path(gold).name, "c": c, "cv_grouped_5fold": cv,
            "features": "stages/quotes/ranker.py:candidates"}
    if "--end-to-end" in flags:
        meta["cv_end_to_end"] = end_to_end(docs, parsed, rows, c)
        print("end to end, 5-fold CV by article:", json.dumps(meta["cv_end_to_end"]))
    if "--dry-run" in flags:
        return
    ranker = fit(rows, c)
    OUT.write_text(json.dumps({"weights": dict(sorted(ranker.weights.items())), "bias": ranker.bias, "meta": meta},
                              indent=0, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(ranker.weights)} weights)")


if __name__ == "__main__":
    main(sys.argv[1:])
