"""Benchmark: ingest throughput with N workers vs one worker, and peak memory, in one run.

    python bench/ingest.py [--n 600] [--workers 2]     # Reuters-21578 bodies from ../shared
    python bench/ingest.py --all --workers 2           # all 19,043 bodies: memory flat in corpus size?

Prints docs/s for 1 and N workers, the speed-up (target >= 1.7x on 2 cores) and peak RSS of the main
process and of the largest worker (target: the whole Reuters ingest under 1.5 GB).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import threading
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def write_corpus(out: Path, n: int | None) -> int:
    count = 0
    with out.open("w", encoding="utf-8") as fh:
        for f in sorted((SHARED / "corpora" / "reuters21578").glob("reut2-*.json")):
            for r in json.loads(f.read_text("utf-8")):
                if r.get("body"):
                    fh.write(json.dumps({"id": r["attrs"]["newid"], "text": r["body"], "title": r.get("title"),
                                         "published": None}) + "\n")
                    count += 1
                    if n is not None and count >= n:
                        return count
    return count


class MemorySampler(threading.Thread):
    """Peak RSS of this process and all its descendants (worker pools run under a forkserver child),
    sampled from /proc every 0.2 s: the peak of the sum, and the peak of the largest single process."""

    def __init__(self) -> None:
        super().__init__(daemon=True)
        self.peak_total = self.peak_single = 0
        self.stop = threading.Event()

    @staticmethod
    def _tree() -> dict[int, int]:
        parents, rss = {}, {}
        for entry in os.listdir("/proc"):
            if not entry.isdigit():
                continue
            try:
                with open(f"/proc/{entry}/stat") as fh:
                    fields = fh.read().rsplit(")", 1)[1].split()
                parents[int(entry)] = int(fields[1])
                rss[int(entry)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
            except (OSError, IndexError, ValueError):
                continue
        mine, frontier = {os.getpid()}, [os.getpid()]
        while frontier:
            pid = frontier.pop()
            for child, parent in parents.items():
                if parent == pid and child not in mine:
                    mine.add(child)
                    frontier.append(child)
        return {pid: rss.get(pid, 0) for pid in mine}

    def run(self) -> None:
        while not self.stop.wait(0.2):
            tree = self._tree()
            self.peak_total = max(self.peak_total, sum(tree.values()))
            self.peak_single = max(self.peak_single, max(tree.values(), default=0))


def run(corpus: Path, workers: int, db: Path) -> float:
    from chronicler.ingest import ingest
    from chronicler.store import open_store

    t0 = time.perf_counter()
    with open_store(db) as store:
        stats = ingest([str(corpus)], store, workers=workers)
    elapsed = time.perf_counter() - t0
    print(f"workers={workers}: {stats.to_dict()} in {elapsed:.1f} s", flush=True)
    return elapsed


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--n", type=int, default=600)
    ap.add_argument("--all", action="store_true")
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--skip-single", action="store_true", help="only the N-worker run (for --all)")
    args = ap.parse_args()
    if not SHARED.exists():
        print(f"no corpora at {SHARED}", file=sys.stderr)
        return 1
    sampler = MemorySampler()
    sampler.start()
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "reuters.jsonl"
        n = write_corpus(corpus, None if args.all else args.n)
        print(f"{n} Reuters bodies")
        one = None if args.skip_single else run(corpus, 1, Path(tmp) / "one.duckdb")
        many = run(corpus, args.workers, Path(tmp) / "many.duckdb")
        if one:
            print(f"speed-up {args.workers} workers vs 1: {one / many:.2f}x (target >= 1.7x on 2 cores)")
    sampler.stop.set()
    sampler.join()
    print(f"peak RSS: all processes together {sampler.peak_total / 2**20:.0f} MB, "
          f"largest single process {sampler.peak_single / 2**20:.0f} MB (target: under 1.5 GB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
