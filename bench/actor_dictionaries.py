"""Benchmark: the Phoenix dictionaries' cost, in one run — index load time and memory, and the full analysis
with the dictionaries against the same analysis without them (``CHRONICLER_ACTOR_DICTIONARIES=off``).

    python bench/actor_dictionaries.py [--corpus bbc|reuters|ggt] [--n 200] [--repeat 2]

Targets: load under 1 s; the analysis with the dictionaries at most 1.05x the analysis without them.
"""
from __future__ import annotations

import argparse
import os
import sys
import time
import tracemalloc

from overhead import SHARED, load_texts


def _fresh_analyzer(on: bool):
    import importlib

    from chronicler.nlp.analyzer import Analyzer

    dmod = importlib.import_module("chronicler.stages.actors.dictionaries")
    lmod = importlib.import_module("chronicler.stages.actors.lexicon")

    os.environ["CHRONICLER_ACTOR_DICTIONARIES"] = "on" if on else "off"
    dmod.dictionaries.cache_clear()
    lmod.lexicon.cache_clear()
    importlib.import_module("chronicler.nlp.loader").load_pipeline.cache_clear()  # a pipeline of its own
    t0 = time.perf_counter()
    lmod.lexicon()
    lex_s = time.perf_counter() - t0
    return Analyzer(), lex_s


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="bbc", choices=["bbc", "reuters", "ggt"])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"no corpora at {SHARED}", file=sys.stderr)
        return 1
    import importlib

    from chronicler.sources.article import make_article

    dmod = importlib.import_module("chronicler.stages.actors.dictionaries")

    loads = []
    for _ in range(3):
        t0 = time.perf_counter()
        index = dmod.dictionaries.__wrapped__()
        loads.append(time.perf_counter() - t0)
    tracemalloc.start()
    index = dmod.dictionaries.__wrapped__()
    held = tracemalloc.get_traced_memory()[0]
    tracemalloc.stop()
    print(f"index load (best of 3): {min(loads):.3f} s; held in memory: {held / 2**20:.1f} MiB "
          f"({len(index.records)} records, {len(index.names)} names, {len(index.agents)} agent forms)")

    off, lex_off = _fresh_analyzer(False)
    on, lex_on = _fresh_analyzer(True)
    print(f"actors lexicon build: {lex_on:.2f} s with the dictionaries, {lex_off:.2f} s without")
    from chronicler.stages.actors.entities import build_rulers

    for name, analyzer in (("with", on), ("without", off)):
        comp = analyzer.nlp.get_pipe("chronicler_actors")
        t0 = time.perf_counter()
        build_rulers(analyzer.nlp.vocab, comp.lex, analyzer.nlp.make_doc)
        print(f"entity and role matchers build {name} the dictionaries: {time.perf_counter() - t0:.2f} s "
              f"({len(comp.lex.roles)} role words)")
    texts = load_texts(args.corpus, args.n)
    words = sum(len(t.split()) for t in texts)
    articles = [make_article(t) for t in texts]
    for analyzer in (off, on):
        list(analyzer.analyze_many(articles[:5]))
    best = {"on": float("inf"), "off": float("inf")}
    for _ in range(args.repeat):  # alternate, keep the best of each, so load drift hits both alike
        for name, analyzer in (("off", off), ("on", on)):
            t0 = time.perf_counter()
            for _res in analyzer.analyze_many(articles, batch_size=16):
                pass
            best[name] = min(best[name], time.perf_counter() - t0)
    print(f"corpus={args.corpus} docs={len(texts)} words={words}")
    print(f"without dictionaries: {best['off']:7.2f} s  {words / best['off']:8.0f} words/s")
    print(f"with dictionaries   : {best['on']:7.2f} s  {words / best['on']:8.0f} words/s")
    print(f"ratio with/without  : {best['on'] / best['off']:.3f}  (target <= 1.05)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
