"""Language data for quotes: reporting verbs with their frames, reporting nouns, source phrases (data files).

Every quote carries its attribution class (``Quote.attribution``): speech -- a quotation in the news sense, what
someone said, wrote or announced (the verb classes listed in classes.txt) --, topic (what was spoken of:
"mentioned climate change"), belief ("believes that ..."), intent ("wants to ..."), evidence ("poll shows ...")
or stance ("opposed the deal"). One setting, the attribution scope: ``CHRONICLER_QUOTE_SCOPE`` (environment),
read per document. ``all`` (the default): every attribution, as PolNeAR annotates them; ``speech``: quotations
only. The rules find speech with the speech lexicon; beyond it, the learned attribution model decides
(attribution.py). With the model switched off, scope ``all`` runs the rules with every class, the direct object
of a reporting verb as its content ("noted the clot's existence", "called for new tariffs") and what follows a
noun of view or decision with its owner ("Obama's decision to ...", stance_nouns.txt).
Other data files of the stage: evidence_nouns.txt (the polls and reports a finding is placed "in"),
link_labels.txt (lines that link to another story, "READ MORE: ...", which give no quotes).
"""
from __future__ import annotations

import os

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from chronicler.errors import ConfigError

SCOPES = ("all", "speech")
SCOPE_ENV = "CHRONICLER_QUOTE_SCOPE"
ALL_CLASSES = frozenset({"speech", "belief", "intent", "evidence", "stance"})


def _lines(name: str) -> list[str]:
    text = resources.files("chronicler.stages.quotes").joinpath(name).read_text("utf-8")
    return [line.rstrip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class QuoteLexicon:
    verbs: dict[str, frozenset[str]]  # lemma -> frames (ccomp, xcomp, objxcomp, direct), active classes only
    nouns: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]  # lower-cased word sequences: ("according", "to")
    documents: frozenset[str] = frozenset()  # statement, release: speak for their author
    scope: str = "speech"
    questions: bool = False  # "asked whether ...", "explained how ...": a question as content
    open_views: bool = False  # the open finders of views: "upbeat about X", "drew criticism", "her critique of X"


    def is_cue(self, lemma: str) -> bool:
        return lemma.lower() in self.verbs

    def frames(self, lemma: str) -> frozenset[str]:
        return self.verbs.get(lemma.lower(), frozenset())


def build_lexicon(classes: frozenset[str] | None = None, scope: str = "speech") -> QuoteLexicon:
    if scope not in SCOPES:
        raise ValueError(f"attribution scope {scope!r} is not one of {SCOPES} ({SCOPE_ENV})")
    if classes is not None:
        active = classes
    else:
        active = ALL_CLASSES if scope == "all" else frozenset(_lines("classes.txt"))
    verbs: dict[str, frozenset[str]] = {}
    for line in _lines("verbs.tsv"):
        lemma, cls, frames = (part.strip() for part in line.split("\t"))
        if cls in active:
            wanted = {f.strip() for f in frames.split(",")}
            if scope == "all" and wanted != {"direct"}:
                # a verb that takes a content takes an object as one: "noted the clot's existence"; not one
                # that only opens a quote ("began arduous negotiations")
                wanted.add("dobj")
            else:
                wanted.discard("dobj")
            verbs[lemma] = frozenset(wanted)
    nouns = reporting_nouns()
    if scope == "all":
        nouns |= word_set("stance_nouns.txt")
    phrases = tuple(tuple(p.lower().split()) for p in _lines("phrases.txt"))
    return QuoteLexicon(verbs=verbs, nouns=nouns, phrases=phrases, documents=document_nouns(), scope=scope)


@lru_cache(maxsize=1)
def verb_classes() -> dict[str, str]:
    """Every listed reporting verb -> its class (speech, belief, intent, evidence, stance)."""
    classes = {}
    for line in _lines("verbs.tsv"):
        lemma, cls, _ = (part.strip() for part in line.split("\t"))
        classes.setdefault(lemma.lower(), cls)
    return classes


def current_scope() -> str:
    """The attribution scope the environment sets: "all" (the default) or "speech"."""
    scope = os.environ.get(SCOPE_ENV, "").strip().lower() or "all"
    if scope not in SCOPES:
        raise ConfigError(f"attribution scope {scope!r} is not one of {', '.join(SCOPES)} (set by {SCOPE_ENV})")
    return scope


@lru_cache(maxsize=len(SCOPES))
def lexicon(scope: str = "speech") -> QuoteLexicon:
    """The rules' lexicon: speech (what the quote rules, coreference and speakers read) unless asked for "all"."""
    return build_lexicon(scope=scope)


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A one-word-per-line data file of the quotes stage, lower-cased, read once."""
    return frozenset(w.strip().lower() for w in _lines(name))


def is_answer(text: str) -> bool:
    """Whether a content is an answer that makes a quote of one or two words ("no", "the same", "yes, yes";
    answers.txt)."""
    return text.lower().split(",")[0].strip() in word_set("answers.txt")


@lru_cache(maxsize=1)
def unsaid_verbs() -> dict[str, str]:
    """"seemed to suggest", "declined to say": verbs whose infinitive reporting verb states nothing, with the
    class the attribution takes instead (unsaid_verbs.txt)."""
    return {row.split("\t")[0].strip().lower(): row.split("\t")[1].strip() for row in _lines("unsaid_verbs.txt")}


def reporting_nouns() -> frozenset[str]:
    """"The statement", "the denial": reporting nouns, events told in a word (nouns.txt)."""
    return word_set("nouns.txt")


def document_nouns() -> frozenset[str]:
    """"A statement from the ministry", "her letter": texts that speak for their author (documents.txt)."""
    return word_set("documents.txt")


def reception_nouns() -> frozenset[str]:
    """"drew criticism", "came under fire": views others hold of the subject (reception_nouns.txt)."""
    return word_set("reception_nouns.txt")


def reception_verbs() -> frozenset[str]:
    """"drew criticism", "came under fire": the verbs by which a subject meets such a view (reception_verbs.txt)."""
    return word_set("reception_verbs.txt")
