"""Build src/chronicler/stories/idf.tsv: document frequencies of story terms in background news corpora.

Reads the BBC News folders and the Reuters-21578 bodies under ../shared/corpora (or $CHRONICLER_SHARED/corpora),
so the story layer's term weights come from news text that is neither gold data nor what a user ingests.
Terms seen in fewer than 3 documents are left out (they get the weight of a term seen once).

    python scripts/build_story_idf.py [--shared ../shared]
"""
from __future__ import annotations

import argparse
import json
import os
from collections import Counter
from pathlib import Path

from chronicler.stories.text import terms

OUT = Path(__file__).resolve().parents[1] / "src" / "chronicler" / "stories" / "idf.tsv"


def texts(shared: Path):
    for path in sorted((shared / "corpora" / "bbc").rglob("*.txt")):
        yield path.read_text("latin-1")
    for path in sorted((shared / "corpora" / "reuters21578").glob("*.json")):
        for rec in json.loads(path.read_text("utf-8")):
            if rec.get("body"):
                yield (rec.get("title") or "") + "\n" + rec["body"]


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--shared", default=os.environ.get("CHRONICLER_SHARED", "../shared"))
    p.add_argument("--min-df", type=int, default=3)
    args = p.parse_args()
    df: Counter[str] = Counter()
    n = 0
    for text in texts(Path(args.shared)):
        n += 1
        df.update(set(terms(text)))
    rows = sorted((t, c) for t, c in df.items() if c >= args.min_df)
    with OUT.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(f"# N={n}\n")
        fh.writelines(f"{t}\t{c}\n" for t, c in rows)
    print(f"{n} documents, {len(rows)} terms -> {OUT}")


if __name__ == "__main__":
    main()
