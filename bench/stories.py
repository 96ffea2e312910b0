"""Story placement at scale, and whether stories chain: a corpus placed one article at a time, as ingest does.

Times the placement of each article (features from its text, the online index, and the store's record of
the placement in a DuckDB file) and prints the mean time per article over the 500 articles before 1K, 5K and
the last — flat when candidates come from the index, not a scan — with stories found and peak RSS. Then the
chaining check: the largest stories, their share of the articles and their headlines (a story that chains
distinct matters grows without bound; one matter stays small).

    python bench/stories.py [--corpus reuters|bbc] [--shared ../shared] [--db /tmp/stories-bench.duckdb]
                            [--limit N] [--memory]

Reuters-21578: 19,043 bodies, dated. BBC News: 2,225 articles with no dates, so no date window keeps stories
apart (the hardest case for chaining). The spaCy analysis is not timed (19K analyses take hours on a shared
machine): the clusterer reads only the document's title, text and date, so each article is given as a contract
with no records.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import time
from collections import Counter
from pathlib import Path

from chronicler.model import content_hash
from chronicler.sources.collections import _record_date
from chronicler.store import open_store
from chronicler.stories.placer import StoryPlacer


def reuters(shared: Path):
    for path in sorted((shared / "corpora" / "reuters21578").glob("*.json")):
        for rec in json.loads(path.read_text("utf-8")):
            if rec.get("body"):
                day = _record_date(rec.get("date"), "reuters")
                yield str(rec.get("id") or ""), rec.get("title"), rec["body"], day


def bbc(shared: Path):
    for path in sorted((shared / "corpora" / "bbc").glob("*/*.txt")):
        text = path.read_bytes().decode("utf-8", "replace")
        yield f"{path.parent.name}/{path.name}", text.split("\n", 1)[0].strip(), text, None


class _NoWrites:
    def record_placement(self, *args) -> None:
        pass


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--corpus", choices=["reuters", "bbc"], default="reuters")
    p.add_argument("--shared", default=os.environ.get("CHRONICLER_SHARED", "../shared"))
    p.add_argument("--db", default="/tmp/stories-bench.duckdb")
    p.add_argument("--limit", type=int, default=None)
    p.add_argument("--memory", action="store_true", help="the online index alone, no store writes")
    p.add_argument("--top", type=int, default=5, help="largest stories shown")
    args = p.parse_args()
    if not args.memory and Path(args.db).exists():
        Path(args.db).unlink()
    times, seen, titles, story_of = [], set(), {}, {}
    read = reuters if args.corpus == "reuters" else bbc
    with open_store(":memory:" if args.memory else args.db) as store:
        placer = StoryPlacer(store)
        if args.memory:
            placer.store = _NoWrites()
        for n, (rid, title, text, day) in enumerate(read(Path(args.shared))):
            if args.limit and n >= args.limit:
                break
            if content_hash(text) in seen:  # the same text twice is one document, as ingest stores it
                continue
            seen.add(content_hash(text))
            result = {"document": {"id": content_hash(text), "title": title,
                                   "published": day.isoformat() if day else None}, "actors": []}
            start = time.perf_counter()
            placement = placer.place(result, text, rid or str(n))
            times.append(time.perf_counter() - start)
            titles[result["document"]["id"]] = (title or "").strip()
            story_of[result["document"]["id"]] = placement.story.id
        stories = {s.id: s for s in placer.index.stories.values()}
    if not times:
        raise SystemExit(f"no articles read from {args.shared} (give --shared)")
    marks = [m for m in (1000, 5000, len(times)) if m <= len(times)]
    for m in marks:
        window = times[max(0, m - 500):m]
        print(f"{m:6d} articles stored: {1000 * sum(window) / len(window):6.2f} ms per article placed")
    sizes = Counter(story_of.values())
    multi = [s for s, k in sizes.items() if k > 1]
    print(f"{len(times)} articles -> {len(sizes)} stories, {len(multi)} with 2+ articles; "
          f"peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    print(f"chaining: largest story {sizes.most_common(1)[0][1]} articles "
          f"({sizes.most_common(1)[0][1] / len(times):.2%} of all); stories of 10+ articles: "
          f"{sum(k >= 10 for k in sizes.values())}, of 50+: {sum(k >= 50 for k in sizes.values())}")
    for sid, k in sizes.most_common(args.top):
        s = stories[sid]
        heads = Counter(titles[d] for d, x in story_of.items() if x == sid).most_common(4)
        print(f"  {k:5d} articles, {s.first_seen} .. {s.last_seen}: "
              + "; ".join(f"{h[:50]!r} x{c}" for h, c in heads))


if __name__ == "__main__":
    main()
