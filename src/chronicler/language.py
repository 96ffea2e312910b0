"""Which language a document is written in: py3langid (BSD-3; its model ships inside the package, nothing is
downloaded), asked once per document about the opening of the text.

chronicler analyses the languages in ``SUPPORTED``. A text is given the supported language the identifier
ranks first unless a language chronicler does not analyse clearly wins: its probability is at least
``CLEAR_WIN`` times that of the best supported one ("Le président cubain a nié ..." is French, 0.998 to 0.000).
Close kin of a supported language read on a short or upper-case text (Aragonese, Galician or Extremaduran for
a Spanish headline; Nigerian Pidgin for a wire sentence in English) is not a clear win: the scores stay within a
factor of four there. A document in an unsupported language gets a notice and no records (see
``nlp/analyzer.py``), never an English reading.

A text of fewer than ``SHORT_WORDS`` words (a name, a headline) is too short to tell from all languages: the
identifier's scores there are spread thin ("Angela Merkel" reads as Frisian, "an American destroyer" as
Spanish at 0.10): it is read as English unless Spanish is plainly likelier (at least ``SHORT_SUPPORTED``;
Spanish headlines score 0.23 and more, names of any language 0.10 at most, on the dev sets).
"""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

SUPPORTED = ("en", "es")
DEFAULT = "en"  # what a text too short to tell is read as, as before languages were told apart
CLEAR_WIN = 5.0
SHORT_WORDS = 8  # below this a text is too short to call it a language chronicler does not read
SHORT_SUPPORTED = 0.2  # ... and read as another supported language only with this probability
OPENING = 1200  # characters read: plenty for a news text (all dev sets told as with 3000), and the cost stays flat
NAMES = {"en": "English", "es": "Spanish"}


@dataclass(frozen=True, slots=True)
class Guess:
    language: str  # ISO 639-1 (or the identifier's code for languages without one)
    probability: float  # the identifier's normalised probability of that language
    supported: bool


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def _sample(text: str) -> str:
    """The opening of the text; lower-cased where it is mostly capitals (wire headlines, notes)."""
    sample = text[:OPENING]
    letters = [c for c in sample if c.isalpha()]
    if letters and sum(c.isupper() for c in letters) > len(letters) / 2:
        sample = sample.lower()
    return sample


def identify(text: str) -> Guess | None:
    """The text's language, or None when it has no letters to tell by."""
    sample = _sample(text)
    if not any(c.isalpha() for c in sample):
        return None
    ranked = _identifier().rank(sample)
    top, p_top = ranked[0]
    if len(sample.split()) < SHORT_WORDS:  # a name or a headline: between the languages read, English unless
        scores = {lang: p for lang, p in ranked if lang in SUPPORTED}  # another is plainly likelier
        best = max(scores, key=scores.get)
        if best != DEFAULT and scores[best] >= SHORT_SUPPORTED:
            return Guess(best, float(scores[best]), True)
        return Guess(DEFAULT, float(scores[DEFAULT]), True)
    if top in SUPPORTED:
        return Guess(top, float(p_top), True)
    best, p_best = next(((lang, p) for lang, p in ranked if lang in SUPPORTED), (None, 0.0))
    if best is not None and p_top < CLEAR_WIN * p_best:
        return Guess(best, float(p_best), True)
    return Guess(top, float(p_top), False)


def normalise(code: str | None) -> str | None:
    """An ISO 639-1 code from what a user gives ("ES", "es-MX", "spa", "Spanish"); None for none."""
    if code is None:
        return None
    c = code.strip().lower().replace("_", "-")
    if not c:
        return None
    named = {"english": "en", "eng": "en", "spanish": "es", "spa": "es", "español": "es", "espanol": "es",
             "castellano": "es"}
    c = named.get(c, c)
    return c.split("-")[0]


def unsupported_notice(language: str) -> str:
    return (f"language {language!r} is not analysed (chronicler reads {', '.join(SUPPORTED)}): "
            "no actors, quotes or events were drawn from this document")


__all__ = ["Guess", "SUPPORTED", "identify", "normalise", "unsupported_notice"]
