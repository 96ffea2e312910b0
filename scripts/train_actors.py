"""Train the actors stage's learned decisions (``stages/actors/learned.py``) on the whole-article annotations.

    python scripts/train_actors.py [--gold FILE] [--folds 5] [--write]

GOLD: the train split built by ``scripts/annotate_articles.py build OUT --split train --with-text`` (built here
when not given). Every article is analysed with the learned decisions off and the candidates' features
recorded; each candidate is matched to the gold actors as the reference scorer matches them (its name against
the gold names and forms, one to one, best first): the keep label is whether it matched, the sector label
the matched gold actor's sector (NONE for none). Folds are grouped by the manifest's ``group`` (story, day or
week), so no story is in training and test at once. Prints the cross-validated figures of the articles'
actors with the decisions as they would be applied (found P/R, coded P/R, sector right of found) at a few
thresholds, and with ``--write`` fits on all of the train split and writes ``actor_keep.json`` and
``actor_sector.json`` with the chosen thresholds.
"""
from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import tempfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
OUT_DIR = ROOT / "src" / "chronicler" / "stages" / "actors"


def load_rows(gold: str | None) -> list[dict]:
    if gold is None:
        tmp = Path(tempfile.mkdtemp()) / "train.jsonl"
        subprocess.run([sys.executable, str(ROOT / "scripts" / "annotate_articles.py"), "build", str(tmp),
                        "--split", "train", "--with-text"], check=True)
        gold = str(tmp)
    with open(gold, encoding="utf-8") as f:
        return [json.loads(line) for line in f if line.strip()]


def candidates(rows: list[dict]) -> list[dict]:
    """One record per candidate actor inside the annotated region: features, labels, the article's group."""
    os.environ["CHRONICLER_ACTOR_MODEL"] = "off"
    os.environ["CHRONICLER_ACTOR_FEATURES"] = "on"
    from chronicler.eval.articles import match_score
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.readers import article_from_text, parse_date
    from chronicler.stages.actors.learned import FEATURES_KEY

    analyzer = Analyzer()
    out = []
    for r in rows:
        title = r.get("title") if isinstance(r.get("title"), str) else None
        if title and not r["text"].lstrip().startswith(title.strip()):
            title = None
        doc = analyzer.parse(article_from_text(r["text"], r["id"], title=title, published=parse_date(r.get("published"))))
        recorded = doc.user_data.get(FEATURES_KEY, {})
        region = r["region_end"]
        pac = [a for a in doc._.actors if any(s < region for s, _ in a.mentions)]
        gac = r["actors"]
        pairs = sorted(((match_score(a.name, g), i, k) for i, a in enumerate(pac) for k, g in enumerate(gac)),
                       key=lambda x: (-x[0], x[1], x[2]))
        got, used = {}, set()
        for sc, i, k in pairs:
            if sc > 0 and i not in got and k not in used:
                got[i] = k
                used.add(k)
        for i, a in enumerate(pac):
            gold = gac[got[i]] if i in got else None
            out.append({"id": r["id"], "group": r.get("group") or r["id"], "features": recorded.get(id(a), []),
                        "keep": "1" if gold else "0", "sector": (gold.get("sector") or "NONE") if gold else None,
                        "gold_country": gold.get("country") if gold else None, "country": a.country,
                        "rule_sector": a.sector, "kind": a.kind, "n_gold": len(gac),
                        "name": a.name, "gold_name": gold.get("name") if gold else None})
    return out


from chronicler.stages.actors.learned import exempt as exempt_from_keep  # noqa: E402


def calibrated(row: dict[str, float], temperature: float) -> dict[str, float]:
    logs = {c: math.log(max(p, 1e-12)) / temperature for c, p in row.items()}
    top = max(logs.values())
    exp = {c: math.exp(v - top) for c, v in logs.items()}
    total = sum(exp.values())
    return {c: v / total for c, v in exp.items()}


def evaluate(cands: list[dict], keep_p: list[float], sector_rows: list[dict | None], keep_t: float,
             sector_t: float, n_gold: int, override_t: float = 1.1, exempt: bool = True) -> dict:
    pred = found = coded = sector_ok = 0
    for c, p, srow in zip(cands, keep_p, sector_rows):
        if p < keep_t and not (exempt and exempt_from_keep(c["features"])):
            continue
        pred += 1
        if c["keep"] != "1":
            continue
        found += 1
        sector = c["rule_sector"]
        if c["kind"] != "country" and srow is not None:
            best = max(srow, key=srow.get)
            if sector is None and best != "NONE" and srow[best] >= sector_t:
                sector = best
            elif sector is not None and best not in ("NONE", sector) and srow[best] >= override_t:
                sector = best  # the rules' sector overruled where the model is sure of another
        ok_s = (sector or "NONE") == c["sector"]
        sector_ok += ok_s
        coded += ok_s and (c["country"] or None) == (c["gold_country"] or None)
    r = lambda a, b: round(a / b, 3) if b else 0.0  # noqa: E731
    return {"keep_t": keep_t, "sector_t": sector_t, "override_t": override_t, "pred": pred, "found_P": r(found, pred), "found_R": r(found, n_gold),
            "coded_P": r(coded, pred), "coded_R": r(coded, n_gold), "sector_ok": r(sector_ok, found)}


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--gold")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--keep-threshold", type=float, default=None)
    ap.add_argument("--sector-threshold", type=float, default=None)
    ap.add_argument("--override-threshold", type=float, default=None,
                    help="the sector model's probability above which it overrules the rules' sector (1.1: never)")
    ap.add_argument("--write", action="store_true")
    ap.add_argument("--cache", help="a file to keep the candidates in between runs (features and labels)")
    args = ap.parse_args(argv)
    from chronicler.learn.fit import cross_val_rows, export, fit, fit_temperature

    rows = load_rows(args.gold)
    n_gold = sum(len(r["actors"]) for r in rows)
    if args.cache and Path(args.cache).is_file():
        cands = json.loads(Path(args.cache).read_text("utf-8"))
    else:
        cands = candidates(rows)
        if args.cache:
            Path(args.cache).write_text(json.dumps(cands), "utf-8")
    print(f"{len(rows)} articles, {n_gold} gold actors, {len(cands)} candidates "
          f"({sum(c['keep'] == '1' for c in cands)} match a gold actor)", file=sys.stderr)
    feats = [c["features"] for c in cands]
    groups = [c["group"] for c in cands]
    keep_labels = [c["keep"] for c in cands]
    keep_rows = cross_val_rows(feats, keep_labels, groups, C=0.5, folds=args.folds)
    keep_temp = fit_temperature(keep_rows, keep_labels)
    keep_rows = [calibrated(row, keep_temp) for row in keep_rows]  # as the shipped model will give them
    keep_p = [row.get("1", 0.0) for row in keep_rows]
    sidx = [i for i, c in enumerate(cands) if c["keep"] == "1" and c["kind"] != "country"]
    s_rows = cross_val_rows([feats[i] for i in sidx], [cands[i]["sector"] for i in sidx],
                            [groups[i] for i in sidx], C=0.5, folds=args.folds)
    s_temp = fit_temperature(s_rows, [cands[i]["sector"] for i in sidx])
    s_rows = [calibrated(row, s_temp) for row in s_rows]
    sector_rows: list[dict | None] = [None] * len(cands)
    for i, row in zip(sidx, s_rows):
        sector_rows[i] = row
    # the sector decision applies to every kept candidate, also those that match nothing (no effect on figures)
    print("rules alone:", evaluate(cands, [1.0] * len(cands), [None] * len(cands), 0.0, 1.1, n_gold))
    results = []
    for kt in (0.0, 0.2, 0.25, 0.3, 0.35, 0.4):
        for st in (0.0, 0.2, 0.3, 0.4):
            res = evaluate(cands, keep_p, sector_rows, kt, st, n_gold)
            results.append(res)
            print("CV", res)
    kt = args.keep_threshold if args.keep_threshold is not None else max(
        (r for r in results if r["found_R"] >= results[0]["found_R"] - 0.03), key=lambda r: r["coded_P"])["keep_t"]
    st = args.sector_threshold if args.sector_threshold is not None else max(
        (r for r in results if r["keep_t"] == kt), key=lambda r: r["coded_P"])["sector_t"]
    ot = args.override_threshold if args.override_threshold is not None else 1.1
    if args.override_threshold is None:
        for t in (0.5, 0.6, 0.7, 0.8, 0.9):
            res = evaluate(cands, keep_p, sector_rows, kt, st, n_gold, t)
            print("CV override", res)
            if res["coded_P"] > evaluate(cands, keep_p, sector_rows, kt, st, n_gold, ot)["coded_P"]:
                ot = t
    chosen = evaluate(cands, keep_p, sector_rows, kt, st, n_gold, ot)
    print("chosen (CV, grouped by story/day/week):", chosen)
    for t in (0.2, 0.3, 0.4, 0.5):
        print("CV with no exemption from the keep model:", evaluate(cands, keep_p, sector_rows, t, st, n_gold, ot, False))
    if args.write:
        vec, clf = fit(feats, keep_labels, C=0.5)
        meta = {"threshold": kt, "cv": chosen, "trained_on": "annotations/articles train split",
                "script": "scripts/train_actors.py"}
        (OUT_DIR / "actor_keep.json").write_text(json.dumps(export(vec, clf, keep_temp, meta)) + "\n", "utf-8")
        s_labels = [cands[i]["sector"] for i in sidx]
        vec, clf = fit([feats[i] for i in sidx], s_labels, C=0.5)
        meta = {"threshold": st, "override": ot, "cv": chosen, "classes_seen": dict(Counter(s_labels)),
                "trained_on": "annotations/articles train split", "script": "scripts/train_actors.py"}
        (OUT_DIR / "actor_sector.json").write_text(json.dumps(export(vec, clf, s_temp, meta)) + "\n", "utf-8")
        print("wrote actor_keep.json and actor_sector.json", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
