"""Words of an article as a weighted term vector: pure functions, no parse needed.

Terms are lower-case, accent-folded words of three letters or more, with a possessive and a plural ``s``
dropped, and English stop words (spaCy's list) left out. Weights are TF-IDF: log term frequency times the
inverse document frequency read from ``idf.tsv`` (built by ``scripts/build_story_idf.py`` from the BBC
and Reuters-21578 corpora, so the weights do not depend on what has been ingested or in what order).
"""
from __future__ import annotations

import math
import re
import unicodedata
from functools import lru_cache
from importlib import resources

_WORD = re.compile(r"[^\W\d_]+(?:[-'’][^\W\d_]+)*")
_TITLE_WEIGHT = 2.0  # a headline's words count as if they appeared twice more


@lru_cache(maxsize=1)
def _stop_words() -> frozenset[str]:
    from spacy.lang.en.stop_words import STOP_WORDS

    extra = resources.files("chronicler.stories").joinpath("stop_words.txt").read_text("utf-8").split()
    return frozenset({fold(w) for w in STOP_WORDS} | set(extra))


def fold(word: str) -> str:
    """Lower case without accents: 'Díaz' -> 'diaz'."""
    decomposed = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c)).replace("’", "'")


@lru_cache(maxsize=200_000)  # words repeat: each is folded and looked up once
def term(word: str) -> str | None:
    w = fold(word)
    if w.endswith(("'s", "'")):
        w = w[:-2] if w.endswith("'s") else w[:-1]
    if len(w) > 4 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) < 3 or w in _stop_words():
        return None
    return w


def terms(text: str) -> list[str]:
    return [t for t in (term(m.group(0)) for m in _WORD.finditer(text)) if t]


@lru_cache(maxsize=1)
def idf_table() -> tuple[dict[str, float], float]:
    """Each known term's IDF, and the IDF of a term never seen (document frequency 1)."""
    lines = resources.files("chronicler.stories").joinpath("idf.tsv").read_text("utf-8").splitlines()
    n = int(lines[0].split("=")[1])
    table = {}
    for line in lines[1:]:
        word, df = line.split("\t")
        table[word] = math.log((n + 1) / (int(df) + 1)) + 1.0
    return table, math.log((n + 1) / 2) + 1.0


def vector(title: str | None, body: str, size: int = 60) -> dict[str, float]:
    """The ``size`` heaviest terms of an article, L2-normalised."""
    counts: dict[str, float] = {}
    for t in terms(body):
        counts[t] = counts.get(t, 0.0) + 1.0
    for t in terms(title or ""):
        counts[t] = counts.get(t, 0.0) + _TITLE_WEIGHT
    return top(weigh(counts), size)


def weigh(counts: dict[str, float]) -> dict[str, float]:
    table, unseen = idf_table()
    return {t: (1.0 + math.log(c)) * table.get(t, unseen) for t, c in counts.items()}


def top(weights: dict[str, float], size: int) -> dict[str, float]:
    """The ``size`` heaviest entries (ties by term), L2-normalised."""
    kept = sorted(weights.items(), key=lambda kv: (-kv[1], kv[0]))[:size]
    norm = math.sqrt(sum(w * w for _, w in kept)) or 1.0
    return {t: w / norm for t, w in kept}


def cosine(a: dict[str, float], b: dict[str, float]) -> float:
    """Dot product of two L2-normalised sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(w * b.get(t, 0.0) for t, w in a.items())
