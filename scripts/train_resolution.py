"""Train the speaker resolution model on the speaker annotations and report grouped 5-fold CV figures.

    PYTHONPATH=src python scripts/train_resolution.py [--docs PARSED.pickle] [--c 1.0] [--pass a] [--dry-run]

The annotations (``annotations/speakers/``, scripts/annotate_speakers.py) give, for each attribution source of
125 PolNeAR training articles, the named person or organisation behind it. Each annotated article is parsed by
the chronicler pipeline up to the quotes (``--docs``: the pickle ``train_speakers.py --docs`` writes, of all
PolNeAR training articles); each source mention's head (a relative pronoun stands for its antecedent, a
document for its author) is read against every person, organisation and group of the article
(``stages/quotes/resolution.py:candidate_features``); a candidate is right when it is the annotated speaker
(its mention overlaps the annotated name, or its name has the annotated name's last word and no other first
name). A logistic regression over the pairs is cross-validated with folds grouped by article: per mention,
the rules' actor (coreference, ``speaker.make_speaker``) against the model's choice, by mention type. The
model may change the mention types where it beat the rules held out; the final model is fitted on all
articles and written to src/chronicler/stages/quotes/resolution.json. scikit-learn is needed only here.
"""
from __future__ import annotations

import json
import os
import pickle
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))

from annotate_speakers import gold_rows  # noqa: E402
from chronicler.learn.fit import as_model, cross_val_rows, export, fit, fit_temperature  # noqa: E402,F401
from chronicler.nlp import extensions  # noqa: E402,F401  (the Doc attributes a pickled parse carries)
from chronicler.stages.quotes.ranker import _antecedent  # noqa: E402
from chronicler.stages.quotes.lexicon import lexicon as quote_lexicon  # noqa: E402
from chronicler.stages.quotes.resolution import (MODEL_FILE, Resolution, candidate_features,  # noqa: E402
                                                 mention_type)
from chronicler.stages.quotes.speaker import author_of, make_speaker  # noqa: E402

OUT = ROOT / "src" / "chronicler" / "stages" / "quotes" / MODEL_FILE
_HONORIFIC = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "the", "jr", "sr"}


def words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower().replace("'s", "").replace("’s", ""))
            if w not in _HONORIFIC]


def same_name(gold: str, ours: str) -> bool:
    """Our name is the annotated one: the same last word, and no other first word where both have two."""
    g, o = words(gold), words(ours)
    if not g or not o:
        return False
    if g[-1] != o[-1] and g[-1] not in o:
        return False
    return len(g) < 2 or len(o) < 2 or g[0] == o[0] or g[0] in o or o[0] in g


def parsed_by_id(pickle_path: str) -> dict[str, object]:
    from chronicler.eval.quotes import read_gold

    docs = read_gold(next(p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.exists())
                     / "data/quotes/polnear/train.jsonl")
    parsed = pickle.loads(Path(pickle_path).read_bytes())
    return {d.id: p for d, p in zip(docs, parsed)}


def source_head(doc, att: dict):
    """The head token of an attribution's (first) source span, as the quotes stage reads a speaker."""
    if not att["source"]:
        return None
    s = att["source"][0]
    span = doc.char_span(s["start"], s["end"], alignment_mode="expand")
    if span is None or not len(span):
        return None
    return author_of(_antecedent(span.root), quote_lexicon().documents)


def mention_rows(rows: list[dict], parsed: dict[str, object]) -> list[dict]:
    """One row per annotated attribution with a source: its candidates' words and labels, the rules' answer."""
    out = []
    for r in rows:
        doc = parsed.get(r["doc"])
        if doc is None:
            continue
        actors = {a.id: a for a in doc._.actors or []}
        for att in r["attributions"]:
            head = source_head(doc, att)
            if head is None:
                continue
            gold = att["speaker"]
            if gold.get("members"):
                continue  # several people: no one actor is the answer
            gspan = tuple(gold["span"]) if gold.get("span") else None
            named = gold["kind"] in ("person", "organization", "group")
            spk = make_speaker(doc, head)
            rule_actor = spk.actor if spk is not None else None
            content = [(c["start"], c["end"]) for c in att["content"]]
            cands = candidate_features(doc, head, rule_actor, content)

            def right(aid: str) -> int:
                a = actors[aid]
                if not named:
                    return 0
                if gspan and any(s < gspan[1] and gspan[0] < e for s, e in a.mentions):
                    return 1
                return int(same_name(gold["name"], a.name))

            out.append({
                "doc": r["doc"], "n": att["n"], "mtype": mention_type(head), "source": att["source"][0]["text"],
                "gold": gold["name"] if named else f"<{gold['kind']}>", "named": named,
                "cands": [aid for aid, _ in cands], "words": [w for _, w in cands],
                "labels": [right(aid) for aid, _ in cands],
                "rule": rule_actor, "rule_name": spk.name if spk is not None else None,
                "rule_right": (spk is not None and same_name(gold["name"], spk.name)) if named
                else (spk is None or spk.actor is None),
                "names": {aid: actors[aid].name for aid, _ in cands},
                "in_content": [aid for aid, w in cands if any(x.endswith("|in_content") for x in w)],
                "act": att["act"],
            })
    return out


def decide(res: Resolution, row: dict, probs: list[float]) -> str | None:
    """As ``Resolution.choose``, from probabilities already worked out."""
    if row["mtype"] not in res.types or not row["cands"]:
        return row["rule"]
    best_p, best = max(zip(probs, row["cands"]))
    if row["rule"] is None:
        return best if best_p >= res.threshold else None
    rule_p = next((p for p, a in zip(probs, row["cands"]) if a == row["rule"]), 0.0)
    return best if best != row["rule"] and best_p >= rule_p + res.margin and best_p >= res.threshold \
        else row["rule"]


def correct(row: dict, aid: str | None) -> bool:
    if aid == row["rule"]:
        return row["rule_right"]
    if aid is None:
        return not row["named"]
    return bool(row["named"] and row["labels"][row["cands"].index(aid)])


def oof_probs(mrows: list[dict], c: float) -> list[list[float]]:
    feats = [w for r in mrows for w in r["words"]]
    labels = [str(l) for r in mrows for l in r["labels"]]
    groups = [r["doc"] for r in mrows for _ in r["words"]]
    probs = [row.get("1", 0.0) for row in cross_val_rows(feats, labels, groups, C=c)]
    out, k = [], 0
    for r in mrows:
        out.append(probs[k:k + len(r["words"])])
        k += len(r["words"])
    return out


def evaluate(mrows, probs, res: Resolution) -> dict:
    by = defaultdict(lambda: [0, 0, 0])  # mtype -> [n, rules right, model right]
    for r, p in zip(mrows, probs):
        ours = decide(res, r, p)
        for key in (r["mtype"], "all") + (("named",) if r["named"] else ("unnamed",)):
            by[key][0] += 1
            by[key][1] += int(r["rule_right"])
            by[key][2] += int(correct(r, ours))
    return {k: {"n": v[0], "rules": round(v[1] / v[0], 4), "model": round(v[2] / v[0], 4)}
            for k, v in sorted(by.items(), key=lambda kv: -kv[1][0])}


def about_error(mrows, probs, res: Resolution | None) -> dict:
    """Speaker errors that give the quote to someone its content mentions (who it is about or addressed)."""
    n = wrong = about = 0
    for r, p in zip(mrows, probs):
        if not r["named"]:
            continue
        ours = decide(res, r, p) if res is not None else r["rule"]
        n += 1
        if not correct(r, ours):
            wrong += 1
            about += int(ours is not None and ours in r["in_content"])
    return {"named": n, "wrong": wrong, "wrong_to_one_the_content_mentions": about,
            "share_of_named": round(about / n, 4) if n else 0.0}


def fitted(mrows: list[dict], c: float, threshold: float, margin: float, types) -> Resolution:
    from chronicler.learn.fit import as_model

    vec, clf = fit([w for r in mrows for w in r["words"]], [str(l) for r in mrows for l in r["labels"]], C=c)
    return Resolution(as_model(vec, clf), threshold, margin, frozenset(types))


def end_to_end(rows: list[dict], parsed: dict, mrows: list[dict], c: float, threshold: float, margin: float,
               types, folds: int = 5) -> dict:
    """The quotes stage on the annotated articles, scored as the Gender Gap Tracker is (quotations: the
    attributions read as said; speaker right when the annotated name's last word is in ours), with the
    resolution model fitted on the other folds' articles, and without it."""
    from sklearn.model_selection import GroupKFold

    from annotate_speakers import as_ggt
    from chronicler.eval.quotes import _ggt_doc, aggregate, score_doc
    from chronicler.stages.quotes.component import extract_quotes

    rows = [r for r in rows if r["doc"] in parsed]
    ours, rules = [], []
    for train, test in GroupKFold(n_splits=folds).split(rows, groups=[r["doc"] for r in rows]):
        keep = {rows[i]["doc"] for i in train}
        res = fitted([m for m in mrows if m["doc"] in keep], c, threshold, margin, types)
        for i in test:
            gold = _ggt_doc(as_ggt(rows[i]))
            doc = parsed[rows[i]["doc"]]
            for out, resolution in ((ours, res), (rules, None)):
                quotes = [q.to_dict() for q in extract_quotes(doc, resolution=resolution)]
                out.append(score_doc(gold, [q for q in quotes if q.get("attribution") == "speech"]))
    keys = ("documents", "gold", "predicted", "precision", "recall", "f1", "speaker_accuracy")
    a, b = aggregate(ours, "ggt"), aggregate(rules, "ggt")
    return {"model": {k: a[k] for k in keys}, "rules": {k: b[k] for k in keys}}


def main(argv: list[str]) -> None:
    flags = {a for a in argv if a in ("--dry-run", "--end-to-end")}
    argv = [a for a in argv if a not in flags]
    opt = {argv[i][2:]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    c = float(opt.get("c", 1.0))
    rows = gold_rows(opt.get("pass", "a"))
    parsed = parsed_by_id(opt.get("docs", "/tmp/q/polnear_train.pickle"))
    mrows = mention_rows(rows, parsed)
    print(f"{len(rows)} articles, {len(mrows)} source mentions, "
          f"{sum(r['named'] for r in mrows)} named; reachable "
          f"{sum(1 for r in mrows if r['named'] and any(r['labels']))}", file=sys.stderr)
    probs = oof_probs(mrows, c)
    types = sorted({r["mtype"] for r in mrows})
    grid = []
    for t in (0.3, 0.4, 0.5, 0.6, 0.7):
        for m in (0.0, 0.1, 0.2, 0.3):
            res = Resolution(None, t, m, frozenset(types))
            grid.append((evaluate(mrows, probs, res)["all"]["model"], t, m))
    _, t, m = max(grid)
    full = evaluate(mrows, probs, Resolution(None, t, m, frozenset(types)))
    keep = sorted(k for k, v in full.items() if k in types and v["model"] > v["rules"] and v["n"] >= 10)
    res = Resolution(None, t, m, frozenset(keep))
    cv = evaluate(mrows, probs, res)
    report = {"threshold": t, "margin": m, "types": keep, "cv_grouped_5fold": cv,
              "about_error": {"rules": about_error(mrows, probs, None), "model": about_error(mrows, probs, res)}}
    print(json.dumps(report, indent=1))
    if "errors" in opt:
        with open(opt["errors"], "w") as fh:
            for r, p in zip(mrows, probs):
                ours = decide(res, r, p)
                if not correct(r, ours) or not r["rule_right"]:
                    fh.write(json.dumps({"doc": r["doc"], "n": r["n"], "source": r["source"], "gold": r["gold"],
                                         "rule": r["rule_name"], "ours": r["names"].get(ours) if ours else None,
                                         "ok": correct(r, ours), "rule_ok": r["rule_right"]}) + "\n")
    if "--end-to-end" in flags:
        report["end_to_end"] = end_to_end(rows, parsed, mrows, c, t, m, keep)
        print("end to end on the annotated articles, 5-fold CV:", json.dumps(report["end_to_end"]))
    if "--dry-run" in flags:
        return
    feats = [w for r in mrows for w in r["words"]]
    labels = [str(l) for r in mrows for l in r["labels"]]
    vec, clf = fit(feats, labels, C=c)
    data = {"model": export(vec, clf, 1.0, meta={"c": c}), "threshold": t, "margin": m, "types": keep,
            "meta": {"trained_on": "annotations/speakers (PolNeAR train)", "articles": len(rows),
                     "mentions": len(mrows), **report}}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
