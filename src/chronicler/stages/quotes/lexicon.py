"""Language data for quotes: reporting verbs with their frames, reporting nouns, source phrases (data files)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _lines(name: str) -> list[str]:
    text = resources.files("chronicler.stages.quotes").joinpath(name).read_text("utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class QuoteLexicon:
    verbs: dict[str, frozenset[str]]  # lemma -> frames (ccomp, xcomp, objxcomp, direct), active classes only
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # lower-cased word sequences: ("according", "to")
    documents: frozenset[str] = frozenset()  # statement, release: speak for their author

    def is_cue(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs

    def frames(self, lemma: str) -> frozenset[str]:
        return self.verbs.get(lemma.lower(), frozenset())


def build_lexicon(classes: frozenset[str] | None = None) -> QuoteLexicon:
    active = classes if classes is not None else frozenset(_lines("classes.txt"))
    verbs: dict[str, frozenset[str]] = {}
    for line in _lines("verbs.tsv"):
        lemma, cls, frames = (part.strip() for part in line.split("\t"))
        if cls in active:
            verbs[lemma] = frozenset(f.strip() for f in frames.split(","))
    nouns = frozenset(w.strip().lower() for w in _lines("nouns.txt"))
    phrases = tuple(tuple(p.lower().split()) for p in _lines("phrases.txt"))
    documents = frozenset(w.strip().lower() for w in _lines("documents.txt"))
    return QuoteLexicon(verbs=verbs, nouns=nouns, phrases=phrases, documents=documents)


@lru_cache(maxsize=1)
def lexicon() -> QuoteLexicon:
    return build_lexicon()
