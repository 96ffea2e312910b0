"""Language data for coreference (data files next to this module)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources


def _rows(name: str) -> list[list[str]]:
    text = resources.files("chronicler.stages.coref").joinpath(name).read_text("utf-8")
    return [[c.strip() for c in line.split("\t")] for line in text.splitlines()
            if line.strip() and not line.lstrip().startswith("#")]


@dataclass(frozen=True)
class CorefLexicon:
    first_names: dict[str, str]  # lower-cased given name -> m|f (the hand list, then names read from corpora)
    honorifics: dict[str, str]  # "mr" -> m
    pronouns: dict[str, str]  # "she" -> f, "it" -> n, "they" -> p
    nominals: dict[str, str]  # organisation head noun -> named | any
    titles: dict[str, frozenset[str]]  # role noun -> titles it stands for
    org_words: frozenset[str] = frozenset()  # "party", "press": a name holding one is an organisation's
    kin_words: frozenset[str] = frozenset()  # "father", "wife": a relative of someone, not that someone
    expletive_words: frozenset[str] = frozenset()  # "likely", "seem": "it is likely that" is about nothing
    person_suffixes: tuple[str, ...] = ()  # "er", "ist": endings of nouns that name a person by role

    def person_noun(self, lemma: str) -> bool:
        """A noun that names a person by role: a title ('senator', 'candidate') or a person's ending
        ('lawyer', 'resident'), and no organisation's noun ('government', 'party')."""
        if lemma in self.nominals or lemma in self.org_words:
            return False
        return lemma in self.titles or lemma.endswith(self.person_suffixes)


@lru_cache(maxsize=1)
def lexicon() -> CorefLexicon:
    titles = {}
    for row in _rows("titles.tsv"):
        noun = row[0].lower()
        stands = {t.strip().lower() for t in (row[1].split(",") if len(row) > 1 else []) if t.strip()}
        titles[noun] = frozenset(stands | {noun})
    return CorefLexicon(
        # scripts/build_first_names.py reads more from the honorifics of training corpora; the hand list wins
        first_names={r[0].lower(): r[1] for r in _rows("first_names_corpus.tsv") + _rows("first_names.tsv")},
        honorifics={r[0].lower(): r[1] for r in _rows("honorifics.tsv")},
        pronouns={r[0].lower(): r[1] for r in _rows("pronouns.tsv")},
        nominals={r[0].lower(): r[1] for r in _rows("nominals.tsv")},
        titles=titles,
        org_words=frozenset(r[0].lower() for r in _rows("org_words.txt")),
        kin_words=frozenset(r[0].lower() for r in _rows("kin_words.txt")),
        expletive_words=frozenset(r[0].lower() for r in _rows("expletive_words.txt")),
        person_suffixes=tuple(r[0].lower() for r in _rows("person_suffixes.txt")),
    )
