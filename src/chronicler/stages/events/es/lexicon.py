"""Spanish event language data, loaded once: our verbs, nouns and frames (verbs.tsv, nouns.tsv, frames.tsv,
negations.txt) and UniversalPetrarch's verb dictionary (cameo_verbs.tsv.gz, built by
scripts/build_spanish_verbs.py). CAMEO codes resolve through the English stage's cameo.tsv (PLOVER type, quad
class, Goldstein), so a Spanish event is coded exactly as an English one of the same code."""
from __future__ import annotations

import gzip
import os
import unicodedata
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources

from chronicler.stages.events.lexicon import Code, event_lexicon


@lru_cache(maxsize=1 << 16)
def fold(word: str) -> str:
    word = unicodedata.normalize("NFKD", word.lower())
    return "".join(c for c in word if not unicodedata.combining(c))


def _lines(name: str) -> list[list[str]]:
    ref = resources.files("chronicler.stages.events.es").joinpath(name)
    data = ref.read_bytes()
    text = (gzip.decompress(data) if name.endswith(".gz") else data).decode("utf-8")
    return [ln.split("\t") for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def nearest(codes: dict[str, Code], cameo: str) -> Code | None:
    """The code itself, else its parent, else its root's first code ("1821" -> "182" -> "180")."""
    for candidate in (cameo, cameo[:3], cameo[:2] + "0"):
        if candidate in codes:
            return codes[candidate]
    return None


@dataclass(frozen=True)
class SpanishEventLexicon:
    codes: dict[str, Code]
    verbs: dict[str, Code]  # folded key ("protestar", "manifestar+se", "amenazar con") -> Code
    nouns: dict[str, tuple[Code, bool]]  # folded noun lemma -> (Code, "de" phrase is the patient)
    frames: dict[str, str]  # folded verb lemma -> frame kind
    negations: frozenset[str]
    idioms: frozenset[str]  # "en marcha": the noun names no event there
    dict_verbs: dict[str, Code | None]  # UniversalPetrarch: verb -> Code (None: no event alone)
    dict_patterns: dict[tuple[str, str, str], Code | None]  # (verb, preposition, word) -> Code

    def code(self, cameo: str) -> Code | None:
        return nearest(self.codes, cameo)


def _use_dictionary() -> bool:
    return os.environ.get("CHRONICLER_EVENTS_DICTIONARY", "on").lower() not in ("off", "0", "false", "no")


@lru_cache(maxsize=1)
def spanish_event_lexicon() -> SpanishEventLexicon:
    codes = dict(event_lexicon().codes)  # a copy: the codebook's types below are Spanish-only
    for cameo, kind in _lines("types.tsv"):
        if cameo.strip() in codes:
            codes[cameo.strip()] = replace(codes[cameo.strip()], type=kind.strip())
    verbs: dict[str, Code] = {}
    for k, cameo in _lines("verbs.tsv"):
        code = nearest(codes, cameo.strip())
        if code is not None:
            verbs[fold(k.strip())] = code
    nouns: dict[str, tuple[Code, bool]] = {}
    for noun, cameo, role in _lines("nouns.tsv"):
        code = nearest(codes, cameo.strip())
        if code is not None:
            nouns[fold(noun.strip())] = (code, role.strip() == "patient")
    frames = {fold(v.strip()): k.strip() for v, k in _lines("frames.tsv")}
    negations = frozenset(fold(r[0].strip()) for r in _lines("negations.txt"))
    idioms = frozenset(fold(r[0].strip()) for r in _lines("idioms.txt"))
    dict_verbs: dict[str, Code | None] = {}
    dict_patterns: dict[tuple[str, str, str], Code | None] = {}
    if _use_dictionary():
        for row in _lines("cameo_verbs.tsv.gz"):
            if row[0] == "V" and len(row) == 3:
                dict_verbs[row[1]] = None if row[2] == "---" else nearest(codes, row[2])
            elif row[0] == "P" and len(row) == 5:
                dict_patterns[(row[1], row[2], row[3])] = None if row[4] == "---" else nearest(codes, row[4])
    return SpanishEventLexicon(codes, verbs, nouns, frames, negations, idioms, dict_verbs, dict_patterns)
