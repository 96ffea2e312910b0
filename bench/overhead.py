"""Benchmark: chronicler's full analysis vs the bare spaCy parse of the same texts, in one run.

    python bench/overhead.py [--corpus bbc|reuters|ggt] [--n 300] [--repeat 2]

Prints words/s for both and the ratio (target: full analysis costs at most 1.30x the bare parse), in wall-clock and
CPU time (CPU time is the steadier figure on a shared machine). The three runs take turns batch by batch. Also times chronicler's own spaCy pipeline without
its stages, which applies the model's attribute rules by table look-up (``nlp/attributes.py``, the same Doc as
spaCy's ruler), so that the stages' own cost is shown apart from that saving.
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__import__("os").environ.get("CHRONICLER_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def load_texts(corpus: str, n: int) -> list[str]:
    if corpus == "bbc":
        files = sorted((SHARED / "corpora" / "bbc").glob("*/*.txt"))
        return [f.read_bytes().decode("utf-8", "replace") for f in files[:n]]
    if corpus == "reuters":
        texts: list[str] = []
        for f in sorted((SHARED / "corpora" / "reuters21578").glob("reut2-*.json")):
            texts += [r["body"] for r in json.loads(f.read_text("utf-8")) if r.get("body")]
            if len(texts) >= n:
                break
        return texts[:n]
    with open(SHARED / "data" / "quotes" / "ggt" / "dev.jsonl", encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh][:n]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="bbc", choices=["bbc", "reuters", "ggt"])
    ap.add_argument("--n", type=int, default=300)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"no corpora at {SHARED}", file=sys.stderr)
        return 1

    import spacy

    from chronicler.config import resolve_model
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.nlp.normalize import parse_text
    from chronicler.sources.article import make_article

    texts = load_texts(args.corpus, args.n)
    words = sum(len(t.split()) for t in texts)
    bare = spacy.load(resolve_model())
    analyzer = Analyzer()
    articles = [make_article(t) for t in texts]
    list(bare.pipe(texts[:5]))
    list(analyzer.analyze_many(articles[:5]))

    stages = [n for n in analyzer.nlp.pipe_names if n.startswith("chronicler_") and n != "chronicler_structure"]
    best: dict[str, list[float]] = {}

    def timed(run) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in run():
            pass
        return time.perf_counter() - wall, time.process_time() - cpu

    def parse_only(arts):
        with analyzer.nlp.select_pipes(disable=stages):
            yield from analyzer.nlp.pipe((analyzer._doc(a) for a in arts), batch_size=16)

    for _ in range(args.repeat):
        # interleaved: the three runs take turns batch by batch (16 texts), so a change of load on a shared
        # machine falls on all three alike; each keeps its best repeat
        totals = {name: [0.0, 0.0] for name in ("bare", "full", "parse")}
        for lo in range(0, len(texts), 16):
            chunk, arts = texts[lo:lo + 16], articles[lo:lo + 16]
            for name, run in (("bare", lambda: bare.pipe((parse_text(t) for t in chunk), batch_size=16)),
                              ("full", lambda: analyzer.analyze_many(arts, batch_size=16)),
                              ("parse", lambda: parse_only(arts))):
                wall, cpu = timed(run)
                totals[name][0] += wall
                totals[name][1] += cpu
        for name, (wall, cpu) in totals.items():
            old = best.get(name, [float("inf"), float("inf")])
            best[name] = [min(old[0], wall), min(old[1], cpu)]
    (bare_wall, bare_cpu), (full_wall, full_cpu), (parse_wall, parse_cpu) = best["bare"], best["full"], best["parse"]
    print(f"corpus={args.corpus} docs={len(texts)} words={words}")
    print(f"bare spaCy parse : {bare_wall:7.2f} s  {words / bare_wall:8.0f} words/s  (CPU {bare_cpu:.2f} s)")
    print(f"chronicler full  : {full_wall:7.2f} s  {words / full_wall:8.0f} words/s  (CPU {full_cpu:.2f} s)")
    print(f"chronicler parse : {parse_wall:7.2f} s  (its spaCy pipeline without the stages; CPU {parse_cpu:.2f} s)")
    print(f"stages alone     : {(full_cpu - parse_cpu) / bare_cpu:.3f} of the bare parse (CPU)")
    print(f"ratio full/bare  : {full_wall / bare_wall:.3f} wall, {full_cpu / bare_cpu:.3f} CPU  (target <= 1.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
