"""Story placement at scale: all Reuters-21578 bodies placed one at a time, as ingest places them.

Times the placement of each article (features from its text, the online index, and the store's record of
the placement in a DuckDB file) and prints the mean time per article over the 500 articles before 1K, 5K and
the last (19K) — flat when candidates come from the index, not a scan — with stories found and peak RSS.
The spaCy analysis is not timed (19K analyses take hours on a shared machine): the clusterer reads only the
document's title, text and date, so each article is given as a contract with no records.

    python bench/stories.py [--shared ../shared] [--db /tmp/stories-bench.duckdb] [--limit N] [--memory]

Measured 2026-12-04 on the shared 2-core machine (loaded by other engineers' jobs): 18,781 unique bodies ->
12,173 stories (2,467 with 2+ articles, largest 151). With the DuckDB store: 45.4 / 38.4 / 38.9 ms per article
at 1K / 5K / 18.8K, peak RSS 392 MB; the index alone (--memory): 3.5 / 7.4 / 8.4 ms (it grows until the posting
lists reach their cap of 64 stories per term, then stays flat), peak RSS 335 MB.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import time
from pathlib import Path

from chronicler.model import content_hash
from chronicler.sources.collections import _record_date
from chronicler.store import open_store
from chronicler.stories.placer import StoryPlacer


def reuters(shared: Path):
    for path in sorted((shared / "corpora" / "reuters21578").glob("*.json")):
        for rec in json.loads(path.read_text("utf-8")):
            if rec.get("body"):
                yield rec


class _NoWrites:
    def record_placement(self, *args) -> None:
        pass


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default=os.environ.get("CHRONICLER_SHARED", "../shared"))
    p.add_argument("--db", default="/tmp/stories-bench.duckdb")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--memory", action="store_true", help="the online index alone, no store writes")
    args = p.parse_args()
    if not args.memory and Path(args.db).exists():
        Path(args.db).unlink()
    times, seen = [], set()
    with open_store(":memory:" if args.memory else args.db) as store:
        placer = StoryPlacer(store)
        if args.memory:
            placer.store = _NoWrites()
        for n, rec in enumerate(reuters(Path(args.shared))):
            if args.limit and n >= args.limit:
                break
            text = rec["body"]
            if content_hash(text) in seen:  # the same text twice is one document, as ingest stores it
                continue
            seen.add(content_hash(text))
            day = _record_date(rec.get("date"), "reuters")
            result = {"document": {"id": content_hash(text), "title": rec.get("title"),
                                   "published": day.isoformat() if day else None}, "actors": []}
            start = time.perf_counter()
            placer.place(result, text, str(rec.get("id") or n))
            times.append(time.perf_counter() - start)
        stories = [{"num_documents": s.num_documents} for s in placer.index.stories.values()]
    marks = [m for m in (1000, 5000, len(times)) if m <= len(times)]
    for m in marks:
        window = times[max(0, m - 500):m]
        print(f"{m:6d} articles stored: {1000 * sum(window) / len(window):6.2f} ms per article placed")
    multi = [s for s in stories if s["num_documents"] > 1]
    print(f"{len(times)} articles -> {len(stories)} stories, {len(multi)} with 2+ articles, "
          f"largest {max(s['num_documents'] for s in stories)}; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")


if __name__ == "__main__":
    main()
