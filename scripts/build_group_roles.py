#!/usr/bin/env python3
"""Build stages/actors/group_roles.tsv from the whole-article annotations' train split: the plural (and
collective) nouns that readers listed as group actors ("critics", "strategists", "Republicans", "judges"), with
the sector they gave them and how often the group was of the article's own country.

A word is written where readers listed it at least ``--min-count`` times and gave one sector to at least
``--min-share`` of them; ``home`` is the share of those groups whose country was the article's main country (the
one most of its actors have). The actors stage reads the file beside ``roles.tsv`` (which wins where it has the
word): a word new to it becomes a role word of that sector, and a word whose ``home`` share is at least
``HOME_SHARE`` (``stages/actors/lexicon.py``) names a group of the document's own country when its phrase names
none (as ``home_roles.txt``). The dev split is never read.

  python scripts/build_group_roles.py [--min-count 4] [--min-share 0.6]
"""
from __future__ import annotations

import argparse
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "scripts"))
OUT = ROOT / "src/chronicler/stages/actors/group_roles.tsv"
# heads of forms that are no role noun: names, pronouns, topics ("the Clintons", "its", "fox hunts")
NOT_ROLES = {"its", "others", "sanders", "clintons", "wales", "isis", "hunts", "reports", "left", "class", "figures",
             "speakers", "this", "that", "these", "those", "them", "they", "us", "we", "ones"}
# the word news uses most for unnamed sources ("..., officials said"): the quotes stage keeps them as a
# description (an unnamed source), and as a home group they became the antecedent of a later "they"
UNNAMED_SOURCES = {"officials"}
COLLECTIVE = {"public", "staff", "electorate", "establishment", "police", "clergy", "media", "press", "youth", "people"}


def head_word(form: str) -> str | None:
    words = re.sub(r"[^\w\s-]", "", re.sub(r"['’]s\b", "", form.lower())).split()
    if not words:
        return None
    h = words[-1]
    if (h.endswith("s") and len(h) > 3) or h in COLLECTIVE:
        return None if h in NOT_ROLES else h
    return None


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--min-count", type=int, default=4)
    ap.add_argument("--min-share", type=float, default=0.6)
    args = ap.parse_args(argv)
    import annotate_articles

    sectors: dict[str, Counter] = defaultdict(Counter)
    home: Counter = Counter()
    rows = annotate_articles.gold_rows("a", split="train")
    for r in rows:
        main_country = Counter(a["country"] for a in r["actors"] if a.get("country")).most_common(1)
        main_country = main_country[0][0] if main_country else None
        for a in r["actors"]:
            if a["kind"] != "group":  # organisations are named ("The New York Times"), not role words
                continue
            h = next((w for w in map(head_word, a.get("forms") or []) if w), None)
            if h is None:
                continue
            sectors[h][a.get("sector")] += 1
            home[h] += main_country is not None and a.get("country") == main_country
    out = []
    for h, c in sorted(sectors.items()):
        n = sum(c.values())
        sector, k = c.most_common(1)[0]
        if n < args.min_count or sector is None or k / n < args.min_share or h in UNNAMED_SOURCES:
            continue
        out.append((h, sector, "group", n, round(home[h] / n, 2)))
    with open(OUT, "w", encoding="utf-8") as fh:
        fh.write(f"# Group role words read from the whole-article annotations' train split ({len(rows)} articles;"
                 f" scripts/build_group_roles.py --min-count {args.min_count} --min-share {args.min_share}):\n"
                 "# word, the sector readers gave it, kind, how many groups, the share of the article's own"
                 " country\n")
        for row in out:
            fh.write("\t".join(map(str, row)) + "\n")
    print(f"{len(out)} words -> {OUT}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
