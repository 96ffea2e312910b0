"""Benchmark: chronicler's full analysis vs the bare spaCy parse of the same texts, in one run.

    python bench/overhead.py [--corpus bbc|reuters|ggt] [--n 300] [--repeat 2]

Prints words/s for both and the ratio (target: full analysis costs at most 1.30x the bare parse).
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


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

    best_bare = best_full = float("inf")
    for _ in range(args.repeat):  # alternate, keep the best of each, so load drift hits both alike
        t0 = time.perf_counter()
        for _doc in bare.pipe((parse_text(t) for t in texts), batch_size=16):
            pass
        best_bare = min(best_bare, time.perf_counter() - t0)
        t0 = time.perf_counter()
        for _res in analyzer.analyze_many(articles, batch_size=16):
            pass
        best_full = min(best_full, time.perf_counter() - t0)
    print(f"corpus={args.corpus} docs={len(texts)} words={words}")
    print(f"bare spaCy parse : {best_bare:7.2f} s  {words / best_bare:8.0f} words/s")
    print(f"chronicler full  : {best_full:7.2f} s  {words / best_full:8.0f} words/s")
    print(f"ratio full/bare  : {best_full / best_bare:.3f}  (target <= 1.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
