"""Train the speaker antecedent ranker on PolNeAR's training articles, self-supervised; grouped 5-fold CV.

    PYTHONPATH=src python scripts/train_antecedents.py [../shared/data/quotes/polnear/train.jsonl]
        [--docs PARSED.pickle] [--c 1.0] [--cache ROWS.json | --rows ROWS.json] [--dry-run]

PolNeAR's sources are local mentions ("he"), never resolved, so no gold says whom a pronoun stands for. The
articles answer the question themselves: each quote the stage finds whose speaker is a person named again
("..., Kaine said" after "Senator Tim Kaine") is a question with a known answer -- hide that mention and ask
which of the persons named before it the speaker is. It is asked twice: as the pronoun of the person's gender
where the given name or an honorific tells it ('pron'), and as the title the mention carries where it has one
("Senator Kaine" -> "the senator", 'desc'). Candidates and feature words are those the stage computes at run
time (``stages/quotes/antecedent.py:features``). A logistic regression over them is cross-validated with folds
grouped by article, against two rules on the same questions: the most recent person, and the most recent
person not of the other gender (for 'desc', the most recent holding the title, else the most recent). The
final model is written to src/chronicler/stages/quotes/antecedents.json (predicted in pure Python).
``--docs``: the parse ``train_attribution.py --docs`` caches. scikit-learn is needed only here. Never train on dev.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

os.environ.setdefault("CHRONICLER_QUOTE_SCOPE", "all")

from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from chronicler.eval.quotes import read_gold  # noqa: E402
from chronicler.stages.coref.lexicon import lexicon as coref_lexicon  # noqa: E402
from chronicler.stages.quotes.antecedent import MODEL_FILE, AntecedentRanker, description_gender, features, people  # noqa: E402
from chronicler.stages.quotes.component import find_quotes  # noqa: E402
from chronicler.stages.quotes.ranker import load_ranker, ranked_head  # noqa: E402
from train_speakers import parse  # noqa: E402  (scripts/, next to this one)

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chronicler" / "stages" / "quotes" / MODEL_FILE
DEFAULT_GOLD = [up / "shared" / "data" / "quotes" / "polnear" / "train.jsonl" for up in (ROOT.parent, ROOT.parents[1])]


def questions(parsed) -> list[dict]:
    """One row per (named speaker mention, reading): candidates' words, the right candidate, the article."""
    rows = []
    ranker = load_ranker()
    titles = coref_lexicon().titles
    for n, doc in enumerate(parsed):
        ctx, found = find_quotes(doc)
        index = doc._.token_actor or {}
        asked: set[int] = set()
        spans = [(f.start, f.end) for f in found]
        for k, f in enumerate(found):
            head = ranked_head(ctx, f, ranker, spans[:k] + spans[k + 1:])
            if head is not None and head.pos_ == "PRON" and head.lower_ in ("he", "she") and head.i not in asked:
                asked.add(head.i)
                row = _pronoun_question(ctx, head, n)
                if row is not None:
                    rows.append(row)
                continue
            if head is None or head.pos_ != "PROPN" or head.i not in index:
                continue
            aid = index[head.i]
            ppl = people(ctx)
            if aid not in ppl.mentions:
                continue
            at = head.i
            while at - 1 in index and index[at - 1] == aid:
                at -= 1
            if at in asked:
                continue
            asked.add(at)
            own = next((m for m in ppl.mentions[aid] if m.token == at), None)
            readings = []
            if ppl.gender.get(aid) and HIDDEN_PRONOUNS:
                readings.append(("pron", ppl.gender[aid], None))
            title = next((w for w in sorted(own.words) if w in titles), None) if own is not None else None
            if title is not None:
                readings.append(("desc", None, title))
            for kind, gender, role in readings:
                cands = features(ctx, ppl, at, kind, gender, role)
                if aid not in cands or len(cands) < 2:
                    continue
                names = sorted(cands)
                rows.append({"doc": n, "kind": kind, "words": [cands[a] for a in names],
                             "label": names.index(aid)})
    return rows


HIDDEN_PRONOUNS = os.environ.get("HIDDEN_PRONOUNS") == "1"


def _pronoun_question(ctx, head, n: int) -> dict | None:
    """A real 'he said' whose gender leaves one person: exactly one candidate of its gender, every other of
    the other gender. The answer is known by gender; the gender words are masked, so the row teaches how far
    back, and in which role, a speaker's pronoun finds its person."""
    ppl = people(ctx)
    cands = features(ctx, ppl, head.i, "pron", description_gender(head), None)
    agree = [a for a, w in cands.items() if "g=agree" in w]
    if len(agree) != 1 or len(cands) < 2 or any("g=unknown" in w for w in cands.values()):
        return None
    names = sorted(cands)
    masked = [[x if not x.startswith(("g=", "pron|g=")) else x.split("g=")[0] + "g=unknown" for x in cands[a]]
              for a in names]
    return {"doc": n, "kind": "pron", "words": masked, "label": names.index(agree[0])}


def fit(rows, c: float) -> AntecedentRanker:
    x = [{w: 1 for w in words} for r in rows for words in r["words"]]
    y = [int(k == r["label"]) for r in rows for k in range(len(r["words"]))]
    vec = DictVectorizer()
    clf = LogisticRegression(C=c, max_iter=3000).fit(vec.fit_transform(x), y)
    weights = {name: round(float(w), 4) for name, w in zip(vec.feature_names_, clf.coef_[0]) if abs(w) >= 0.005}
    return AntecedentRanker(weights, round(float(clf.intercept_[0]), 4))


def _rule(words: list[list[str]], kind: str, agreeing: bool) -> int:
    """The most recent candidate ('rank=0'); with ``agreeing``, the most recent not of the other gender, or
    for a description the most recent holding its title."""
    def rank(w):
        return int(next(x for x in w if x.startswith("rank=")).split("=")[1])

    order = sorted(range(len(words)), key=lambda k: rank(words[k]))
    if agreeing:
        fit = [k for k in order if ("role=match" in words[k] if kind == "desc" else "g=clash" not in words[k])]
        if fit:
            return fit[0]
    return order[0]


def cross_validate(rows, c: float) -> dict:
    groups = [r["doc"] for r in rows]
    ours = [0] * len(rows)
    for train, test in GroupKFold(n_splits=5).split(rows, groups=groups):
        ranker = fit([rows[i] for i in train], c)
        for i in test:
            scores = [ranker.score(w) for w in rows[i]["words"]]
            ours[i] = int(scores.index(max(scores)) == rows[i]["label"])
    out = {}
    for kind in ("pron", "desc"):
        idx = [i for i, r in enumerate(rows) if r["kind"] == kind]
        if not idx:
            continue
        out[kind] = {"questions": len(idx), "articles": len({rows[i]["doc"] for i in idx}),
                     "candidates_mean": round(sum(len(rows[i]["words"]) for i in idx) / len(idx), 2),
                     "most_recent": round(sum(_rule(rows[i]["words"], kind, False) == rows[i]["label"]
                                              for i in idx) / len(idx), 4),
                     "most_recent_agreeing": round(sum(_rule(rows[i]["words"], kind, True) == rows[i]["label"]
                                                       for i in idx) / len(idx), 4),
                     "ranker": round(sum(ours[i] for i in idx) / len(idx), 4)}
    out["note"] = "accuracy choosing the hidden speaker among the persons named before (held out by article)"
    return out


def main(argv: list[str]) -> None:
    flags = {a for a in argv if a == "--dry-run"}
    argv = [a for a in argv if a not in flags]
    opt = {argv[i][2:]: argv[i + 1] for i in range(len(argv) - 1) if argv[i].startswith("--")}
    args = [a for i, a in enumerate(argv) if not a.startswith("--") and (i == 0 or not argv[i - 1].startswith("--"))]
    gold = args[0] if args else str(next((p for p in DEFAULT_GOLD if p.exists()), DEFAULT_GOLD[0]))
    c = float(opt.get("c", 1.0))
    if "rows" in opt:
        rows = json.loads(Path(opt["rows"]).read_text())
    else:
        rows = questions(parse(read_gold(gold), opt.get("docs")))
    if "cache" in opt:
        Path(opt["cache"]).write_text(json.dumps(rows))
    cv = cross_validate(rows, c)
    print("antecedent choice, 5-fold CV by article:", json.dumps(cv))
    if flags:
        return
    ranker = fit(rows, c)
    meta = {"trained_on": Path(gold).name, "c": c, "cv_grouped_5fold": cv,
            "features": "stages/quotes/antecedent.py:features", "script": "scripts/train_antecedents.py"}
    OUT.write_text(json.dumps({"weights": dict(sorted(ranker.weights.items())), "bias": ranker.bias, "meta": meta},
                              indent=0, separators=(",", ":")) + "\n")
    print(f"wrote {OUT} ({OUT.stat().st_size // 1024} KiB, {len(ranker.weights)} weights)")


if __name__ == "__main__":
    main(sys.argv[1:])
