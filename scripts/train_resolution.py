"""Train the speaker resolution model on the speaker annotations and report grouped 5-fold CV figures.

    PYTHONPATH=src python scripts/train_resolution.py [--docs PARSED.pickle] [--c 1.0] [--pass a] [--dry-run]
        [--end-to-end] [--errors FILE.jsonl] [--force]

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
articles and written to src/chronicler/stages/quotes/resolution.json only where the choice of types,
thresholds and margins, itself held out (``nested``), beats the rules by MIN_GAIN. scikit-learn is needed only
here.

Figures (2026-12-07, pass a: 125 articles, 1,920 source mentions, 1,552 of them named, 1,472 of those with
the annotated speaker among the article's actors): rules 0.844 (named 0.848, pronouns he/she 0.903/0.884,
names 0.943, descriptions 0.58-0.73); the model with the types, thresholds and margins chosen on the same
out-of-fold probabilities 0.849 (descriptions 'noun=other' 0.728 -> 0.755, titles 0.583 -> 0.617), but with
that choice held out 0.8438 against the rules' 0.8443; a switch between the model's best and the rules'
answer gains 6 of 1,920 at best. Not written: the coreference rules resolve speakers alone. The speaker is
someone the content mentions in 20 of the 1,552 named mentions (1.3%; 20 of the rules' 236 errors).
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
                                                 decide as decide_setting, mention_shape, mention_type)
from chronicler.stages.quotes.speaker import author_of, make_speaker, names_someone  # noqa: E402

OUT = ROOT / "src" / "chronicler" / "stages" / "quotes" / MODEL_FILE
_HONORIFIC = {"mr", "mrs", "ms", "dr", "sen", "rep", "gov", "president", "the", "jr", "sr"}


def words(name: str) -> list[str]:
    return [w for w in re.findall(r"[a-z0-9]+", name.lower().replace("'s", "").replace("’s", ""))
            if w not in _HONORIFIC]


def _same_word(a: str, b: str) -> bool:
    """'republicans' and 'republican', 'democrats' and 'democratic': one word's stem begins the other."""
    a, b = a.rstrip("s"), b.rstrip("s")
    return a == b or min(len(a), len(b)) >= 6 and (a.startswith(b) or b.startswith(a))


def _initials(name: str) -> str:
    return "".join(w[0] for w in re.findall(r"[A-Za-z][\w'-]*", name) if w[0].isupper() or len(w) > 3).upper()


def same_name(gold: str, ours: str) -> bool:
    """Our name is the annotated one: the same last word, and no other first word where both have two; or one
    is the other's initials ('FBI', 'Federal Bureau of Investigation')."""
    g, o = words(gold), words(ours)
    if not g or not o:
        return False
    for short, long in ((gold, ours), (ours, gold)):
        bare = re.sub(r"(?i)^the\s+", "", short.strip())
        if bare.isupper() and len(bare) >= 2 and _initials(long) == bare:
            return True
    if not any(_same_word(g[-1], w) for w in o):
        return False
    return len(g) < 2 or len(o) < 2 or g[0] == o[0] or g[0] in o or o[0] in g


def parsed_by_id(pickle_path: str | None, rows: list[dict] | None = None) -> dict[str, object]:
    """The annotated articles parsed up to the quotes, by PolNeAR document id: from the pickle of all PolNeAR
    training articles that ``train_speakers.py --docs`` writes, where it exists, else parsed here."""
    if pickle_path and Path(pickle_path).exists():
        from chronicler.eval.quotes import read_gold

        docs = read_gold(next(p for p in (ROOT.parent / "shared", Path("/work/shared")) if p.exists())
                         / "data/quotes/polnear/train.jsonl")
        parsed = pickle.loads(Path(pickle_path).read_bytes())
        return {d.id: p for d, p in zip(docs, parsed)}
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.article import make_article

    rows = rows if rows is not None else gold_rows("a")
    analyzer = Analyzer()
    with analyzer.nlp.select_pipes(disable=["chronicler_quotes", "chronicler_events", "chronicler_disputes"]):
        docs = list(analyzer.nlp.pipe((analyzer._doc(make_article(r["text"])) for r in rows), batch_size=16))
    return {r["doc"]: d for r, d in zip(rows, docs)}


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

            labels = [right(aid) for aid, _ in cands]
            rule_named = any(l and aid == rule_actor for (aid, _), l in zip(cands, labels)) or \
                (spk is not None and same_name(gold["name"], spk.name)) if named else False
            out.append({
                "doc": r["doc"], "n": att["n"], "mtype": mention_type(head), "source": att["source"][0]["text"],
                "shape": mention_shape(head, mention_type(head)),
                "gold": gold["name"] if named else f"<{gold['kind']}>", "named": named,
                "cands": [aid for aid, _ in cands], "words": [w for _, w in cands],
                "labels": labels,
                "rule": rule_actor, "rule_name": spk.name if spk is not None else None,
                "rule_named": spk is not None and names_someone(doc, spk),
                "rule_right": rule_named if named else (spk is None or spk.actor is None),
                "names": {aid: actors[aid].name for aid, _ in cands},
                "in_content": [aid for aid, w in cands if any(x.endswith("|in_content") for x in w)],
                "act": att["act"],
            })
    return out


def decide(types: dict, row: dict, probs: list[float]) -> str | None:
    """As ``Resolution.choose``, from probabilities already worked out."""
    if row["mtype"] not in types or not row["cands"] or (row["rule"] is None and row["rule_named"]):
        return row["rule"]
    return decide_setting(types[row["mtype"]], row["rule"], row["cands"], probs)


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


def evaluate(mrows, probs, types: dict) -> dict:
    by = defaultdict(lambda: [0, 0, 0])  # mtype -> [n, rules right, model right]
    for r, p in zip(mrows, probs):
        ours = decide(types, r, p)
        for key in (r["mtype"], "all") + (("named",) if r["named"] else ("unnamed",)):
            by[key][0] += 1
            by[key][1] += int(r["rule_right"])
            by[key][2] += int(correct(r, ours))
    return {k: {"n": v[0], "rules": round(v[1] / v[0], 4), "model": round(v[2] / v[0], 4)}
            for k, v in sorted(by.items(), key=lambda kv: -kv[1][0])}


MIN_GAIN = 0.003  # held-out accuracy the model must add to the rules to be written (about six mentions)
THRESHOLDS = (0.1, 0.15, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.7)
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.5, 1.01)  # 1.01: never changes a resolved mention


def select(mrows, probs, min_n: int = 20, min_gain: int = 2) -> dict:
    """Per mention type, the threshold and margin with the most right answers, kept only where that beats
    the rules by at least ``min_gain`` answers on at least ``min_n`` mentions."""
    out = {}
    for t in sorted({r["mtype"] for r in mrows}):
        sub = [(r, p) for r, p in zip(mrows, probs) if r["mtype"] == t]
        if len(sub) < min_n:
            continue
        rules = sum(r["rule_right"] for r, _ in sub)
        best = max(((sum(correct(r, decide({t: (th, m)}, r, p)) for r, p in sub), -th, -m)
                    for th in THRESHOLDS for m in MARGINS))
        if best[0] >= rules + min_gain:
            out[t] = (-best[1], -best[2])
    return out


def nested(mrows, probs, folds: int = 5) -> dict:
    """The choice of types, thresholds and margins itself held out: made on four fifths of the articles'
    out-of-fold probabilities, scored on the other fifth."""
    from sklearn.model_selection import GroupKFold

    n = rules = ours = 0
    for train, test in GroupKFold(n_splits=folds).split(mrows, groups=[r["doc"] for r in mrows]):
        types = select([mrows[i] for i in train], [probs[i] for i in train])
        for i in test:
            n += 1
            rules += int(mrows[i]["rule_right"])
            ours += int(correct(mrows[i], decide(types, mrows[i], probs[i])))
    return {"n": n, "rules": round(rules / n, 4), "model": round(ours / n, 4)}


def switch_cv(mrows, probs, c: float = 1.0, thresholds=(0.5, 0.6, 0.7, 0.8)) -> dict:
    """The other way to decide: a second model (``resolution.switch_words``) learns, where the ranking's best
    candidate and the rules' answer differ and one of them is right, which one; cross-validated by article on
    the ranking's out-of-fold probabilities. Net answers gained over the rules at each threshold."""
    from chronicler.stages.quotes.resolution import switch_words

    cases = []
    for i, (r, p) in enumerate(zip(mrows, probs)):
        if not r["cands"] or (r["rule"] is None and r["rule_named"]):
            continue
        top, words = switch_words(r["mtype"], r["shape"], r["rule"], r["cands"], p, r["words"])
        if top != r["rule"] and correct(r, top) != r["rule_right"]:
            cases.append((i, words, int(correct(r, top))))
    if len({mrows[i]["doc"] for i, _, _ in cases}) < 5:
        return {"cases": len(cases)}
    oof = cross_val_rows([w for _, w, _ in cases], [str(y) for _, _, y in cases], [mrows[i]["doc"] for i, _, _ in cases],
                         C=c)
    gains = {str(t): sum((1 if y else -1) for (_, _, y), o in zip(cases, oof) if o.get("1", 0.0) >= t)
             for t in thresholds}
    return {"cases_where_one_is_right": len(cases), "model_right_in": sum(y for _, _, y in cases),
            "net_gain_over_rules_by_threshold": gains, "mentions": len(mrows)}


def about_error(mrows, probs, types: dict | None) -> dict:
    """Speaker errors that give the quote to someone its content mentions (who it is about or addressed)."""
    n = wrong = about = 0
    for r, p in zip(mrows, probs):
        if not r["named"]:
            continue
        ours = decide(types, r, p) if types is not None else r["rule"]
        n += 1
        if not correct(r, ours):
            wrong += 1
            about += int(ours is not None and ours in r["in_content"])
    return {"named": n, "wrong": wrong, "wrong_to_one_the_content_mentions": about,
            "share_of_named": round(about / n, 4) if n else 0.0}


def fitted(mrows: list[dict], c: float, types: dict) -> Resolution:
    from chronicler.learn.fit import as_model

    vec, clf = fit([w for r in mrows for w in r["words"]], [str(l) for r in mrows for l in r["labels"]], C=c)
    return Resolution(as_model(vec, clf), dict(types))


def end_to_end(rows: list[dict], parsed: dict, mrows: list[dict], c: float, types: dict, folds: int = 5) -> dict:
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
        res = fitted([m for m in mrows if m["doc"] in keep], c, types)
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
    flags = {a for a in argv if a in ("--dry-run", "--end-to-end", "--force")}
    argv = [a for a in argv if a not in flags]
    opt = {argv[i][2:]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    c = float(opt.get("c", 1.0))
    rows = gold_rows(opt.get("pass", "a"))
    parsed = parsed_by_id(opt.get("docs"), rows)
    mrows = mention_rows(rows, parsed)
    print(f"{len(rows)} articles, {len(mrows)} source mentions, "
          f"{sum(r['named'] for r in mrows)} named; reachable "
          f"{sum(1 for r in mrows if r['named'] and any(r['labels']))}", file=sys.stderr)
    probs = oof_probs(mrows, c)
    types = select(mrows, probs)
    cv = evaluate(mrows, probs, types)
    report = {"types": types, "cv_grouped_5fold": cv, "cv_nested": nested(mrows, probs),
              "switch": switch_cv(mrows, probs, c),
              "about_error": {"rules": about_error(mrows, probs, None), "model": about_error(mrows, probs, types)}}
    print(json.dumps(report, indent=1))
    beats = report["cv_nested"]["model"] >= report["cv_nested"]["rules"] + MIN_GAIN
    if "errors" in opt:
        with open(opt["errors"], "w") as fh:
            for r, p in zip(mrows, probs):
                ours = decide(types, r, p)
                if not correct(r, ours) or not r["rule_right"]:
                    fh.write(json.dumps({"doc": r["doc"], "n": r["n"], "source": r["source"], "gold": r["gold"],
                                         "rule": r["rule_name"], "ours": r["names"].get(ours) if ours else None,
                                         "ok": correct(r, ours), "rule_ok": r["rule_right"]}) + "\n")
    if "--end-to-end" in flags:
        report["end_to_end"] = end_to_end(rows, parsed, mrows, c, types)
        print("end to end on the annotated articles, 5-fold CV:", json.dumps(report["end_to_end"]))
    if "--dry-run" in flags:
        return
    if not beats and "--force" not in flags:
        if OUT.exists():
            OUT.unlink()
        print(f"not written: held out, the model does not beat the rules ({report['cv_nested']}); the rules "
              "resolve speakers alone", file=sys.stderr)
        return
    feats = [w for r in mrows for w in r["words"]]
    labels = [str(l) for r in mrows for l in r["labels"]]
    vec, clf = fit(feats, labels, C=c)
    data = {"model": export(vec, clf, 1.0, meta={"c": c}), "types": types,
            "meta": {"trained_on": "annotations/speakers (PolNeAR train)", "articles": len(rows),
                     "mentions": len(mrows), **report}}
    OUT.write_text(json.dumps(data, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB)", file=sys.stderr)


if __name__ == "__main__":
    main(sys.argv[1:])
