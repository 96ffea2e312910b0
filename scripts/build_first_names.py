"""Given names and the gender they mark, read from the honorifics of news corpora; writes a compact data file.

    python scripts/build_first_names.py [SHARED]        (SHARED: ../shared, the folder of data and corpora)

The coreference stage reads a person's gender from the given name (``first_names.tsv``, a hand list of
common names), an honorific or the pronouns after a lone mention; a name the list lacks leaves the person
without one, and a speaker's "he" or "she" then has less to go on. News text says it itself: an article
that names "Loretta Lynch" and then writes "Ms. Lynch" marks Loretta as a woman's name. This script reads
the training articles of PolNeAR, the BBC News corpus and Reuters-21578 (never a dev set), and per article
takes each full name ("First Last", "First M. Last") whose surname the article also writes after Mr., Mrs.,
Ms. or Miss -- one honorific only, and one given name for that surname in the article --, and each full
name that is the subject of "said" with a pronoun right after it ("Loretta Lynch said she would"). A name is kept when
at least MIN_ARTICLES articles vote for it and at least SHARE of them agree; the hand list wins where both
speak. Output: src/chronicler/stages/coref/first_names_corpus.tsv (name TAB f|m TAB articles).
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "chronicler" / "stages" / "coref" / "first_names_corpus.tsv"
MIN_ARTICLES = 3
SHARE = 0.9

_HONORIFIC = re.compile(r"\b(Mr|Mrs|Ms|Miss)\.? ([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_FULL = re.compile(r"\b([A-Z][a-z]{1,14}) (?:[A-Z]\. )?([A-Z][a-z]+(?:-[A-Z][a-z]+)?)\b")
_GENDER = {"Mr": "m", "Mrs": "f", "Ms": "f", "Miss": "f", "he": "m", "she": "f"}
# "Loretta Lynch said she would ...": a speaker's own pronoun in what she said
_SAID_PRONOUN = re.compile(r"\b([A-Z][a-z]{1,14}) (?:[A-Z]\. )?[A-Z][a-z]+(?:-[A-Z][a-z]+)?"
                           r"(?:, [^,.;\"“”]{1,60},)? (?:said|says|added|told [a-z ]{1,20}) (?:that )?(he|she)\b")
# capitalised words that open a sentence or a title, never a given name
_NOT_NAMES = frozenset({"the", "mr", "mrs", "ms", "miss", "dr", "president", "senator", "sen", "rep", "gov",
                        "governor", "mayor", "minister", "prime", "secretary", "judge", "justice", "general",
                        "chairman", "chief", "director", "sir", "lord", "lady", "king", "queen", "prince",
                        "princess", "saint", "st", "new", "north", "south", "east", "west", "for", "and", "but",
                        "in", "on", "at", "as", "if", "when", "while", "after", "before", "said", "says", "by",
                        "from", "with", "to", "of", "a", "an", "his", "her", "their", "its", "this", "that",
                        "former", "vice", "deputy", "premier", "chancellor", "republican", "democrat",
                        "democratic", "labour", "conservative", "liberal", "professor", "father", "mother",
                        "brother", "sister", "uncle", "aunt", "captain", "coach", "officer", "detective"})


def votes(text: str) -> dict[str, str]:
    """Given name -> gender, by the honorifics of one article."""
    by_surname: dict[str, set[str]] = defaultdict(set)
    for m in _HONORIFIC.finditer(text):
        by_surname[m.group(2)].add(_GENDER[m.group(1)])
    firsts: dict[str, set[str]] = defaultdict(set)
    for m in _FULL.finditer(text):
        first, last = m.group(1), m.group(2)
        if first.lower() not in _NOT_NAMES and last in by_surname:
            firsts[last].add(first)
    out = {}
    for m in _SAID_PRONOUN.finditer(text):
        if m.group(1).lower() not in _NOT_NAMES:
            out[m.group(1).lower()] = _GENDER[m.group(2)]
    for last, names in firsts.items():
        genders = by_surname[last]
        if len(names) == 1 and len(genders) == 1:
            out[next(iter(names)).lower()] = next(iter(genders))
    return out


def articles(shared: Path):
    """The texts of the training articles and the two corpora."""
    seen = set()
    for line in (shared / "data" / "quotes" / "polnear" / "train.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        if rec["doc"] not in seen:
            seen.add(rec["doc"])
            yield rec["text"]
    for path in sorted((shared / "corpora" / "bbc").glob("*/*.txt")):
        yield path.read_text("latin-1")
    for path in sorted((shared / "corpora" / "reuters21578").glob("*.json")):
        for rec in json.loads(path.read_text("latin-1")):
            if rec.get("body"):
                yield rec["body"]


def main(argv: list[str]) -> None:
    shared = Path(argv[0]) if argv else next(p for p in (ROOT.parent / "shared", ROOT.parents[1] / "shared")
                                               if p.exists())
    tally: dict[str, Counter] = defaultdict(Counter)
    n = 0
    for text in articles(shared):
        n += 1
        for name, g in votes(text).items():
            tally[name][g] += 1
    kept = []
    for name, c in sorted(tally.items()):
        (g, top), total = c.most_common(1)[0], sum(c.values())
        if total >= MIN_ARTICLES and top >= SHARE * total:
            kept.append((name, g, total))
    header = ("# Given names and the gender news articles mark them with (Mr./Ms. before the surname), built by\n"
              f"# scripts/build_first_names.py from {n} training and corpus articles (PolNeAR train, BBC News,\n"
              f"# Reuters-21578): kept at >= {MIN_ARTICLES} articles, >= {SHARE:.0%} agreeing.\n"
              "# name <TAB> f|m <TAB> articles\n")
    OUT.write_text(header + "".join(f"{a}\t{g}\t{t}\n" for a, g, t in kept), "utf-8")
    print(f"{n} articles, {len(tally)} names voted, {len(kept)} kept "
          f"({sum(1 for k in kept if k[1] == 'f')} f) -> {OUT}")


if __name__ == "__main__":
    main(sys.argv[1:])
