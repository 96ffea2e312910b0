"""Spanish actor knowledge: the package's own Spanish files beside this module (roles.tsv, places.tsv,
organizations.tsv), UniversalPetrarch's Spanish dictionaries (actors.json.gz, built by
scripts/build_spanish_dictionaries.py) and, for names that are the same in both languages, the English lexicon
(leaders.tsv: office holders with dated tenures; places; the Phoenix dictionaries).

Keys are ``dictionary_key``: lower case, no accents, no "el"/"al", hyphens as spaces.
"""
from __future__ import annotations

import gzip
import json
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from importlib import resources

from chronicler.stages.actors.dictionaries import Dictionaries, Hit, dictionary_key, enabled
from chronicler.stages.actors.lexicon import Lexicon, Person, lexicon

_ARTICLES = ("la ", "los ", "las ", "lo ", "un ", "una ", "unos ", "unas ")


@dataclass(frozen=True, slots=True)
class RoleEs:
    sector: str
    kind: str  # person | group | organization
    office: str  # the English office title of leaders.tsv ("President"), or "" for a role
    phrase: str


@dataclass(frozen=True, slots=True)
class OrgEs:
    name: str
    country: str | None
    sector: str | None
    kind: str
    code: str | None


@lru_cache(maxsize=1 << 16)
def key(text: str) -> str:
    k = dictionary_key(text.replace("’", "'"))
    for article in _ARTICLES:
        if k.startswith(article):
            k = k[len(article):]
    return k


def _rows(name: str, width: int) -> list[list[str]]:
    text = resources.files("chronicler.stages.actors.es").joinpath(name).read_text("utf-8")
    out = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        out.append((cells + [""] * width)[:width])
    return out


def singular(word: str) -> list[str]:
    """Candidate singulars of a Spanish plural ("manifestantes" -> "manifestante", "policías" -> "policía",
    "autoridades" -> "autoridad"); the word itself first."""
    out = [word]
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
    return out


class SpanishLexicon:
    def __init__(self, en: Lexicon, dicts: Dictionaries | None) -> None:
        self.en = en
        self.dicts = dicts
        self.roles = {key(w): RoleEs(s, k, o, w) for w, s, k, o in _rows("roles.tsv", 4)}
        self.places: dict[str, tuple[str, str]] = {key(n): (c, s) for n, c, s in _rows("places.tsv", 3)}
        self.orgs: dict[str, OrgEs] = {}
        for spanish, english, country, sector, kind in _rows("organizations.tsv", 5):
            found = en.org(english)  # the English stage's body, its name and code
            if found is not None:
                self.orgs[key(spanish)] = OrgEs(found.name, found.country, found.sector, found.kind, found.cameo)
            elif kind:  # a body the English stage does not know: coded here
                self.orgs[key(spanish)] = OrgEs(english, country or None, sector or None, kind, None)
        self._offices: dict[tuple[str, str], list] | None = None

    # -- places and countries --------------------------------------------------------------------------------
    def country(self, text: str) -> str | None:
        """A country named or a demonym ("Estados Unidos", "cubano", "venezolanas"): ISO3."""
        return self._country(text)

    @lru_cache(maxsize=1 << 14)  # noqa: B019
    def _country(self, text: str) -> str | None:
        k = key(text)
        hit = self.places.get(k)
        if hit is not None and not hit[1]:
            return hit[0]
        if self.dicts is not None:
            for form in singular(k) if " " not in k else [k]:
                found = self.dicts.regions.get(form)
                if found:
                    return found
                if form.endswith("a"):  # "cubana" -> "cubano"
                    found = self.dicts.regions.get(form[:-1] + "o")
                    if found:
                        return found
        return self.en.country(text)

    @lru_cache(maxsize=1 << 14)  # noqa: B019
    def seat(self, text: str) -> tuple[str, str] | None:
        """A capital or building that stands for a government ("La Habana", "la Casa Blanca"): (ISO3, sector)."""
        hit = self.places.get(key(text))
        if hit is not None and hit[1]:
            return hit
        return self.en.metonym(text)

    @lru_cache(maxsize=1 << 14)  # noqa: B019
    def place_country(self, text: str) -> str | None:
        """The country a town or region belongs to (geonames via the English lexicon, then the dictionaries)."""
        place = self.en.place(text)
        if place is not None:
            return place.country
        return self.en.region(text)

    # -- roles, people, bodies ---------------------------------------------------------------------------------
    def role(self, text: str) -> RoleEs | None:
        return self._role(text)

    @lru_cache(maxsize=1 << 14)  # noqa: B019 - one lexicon per process; the same words again and again
    def _role(self, text: str) -> RoleEs | None:
        k = key(text)
        for form in singular(k):
            hit = self.roles.get(form)
            if hit is not None:
                return hit
        if self.dicts is not None:
            found = self.dicts.agent(k)
            if found is not None:
                sector, kind, _cameo = found
                return RoleEs(sector, kind, "", k)
        return None

    @lru_cache(maxsize=1 << 14)  # noqa: B019
    def person(self, text: str) -> Person | None:
        """An office holder of leaders.tsv or a person of the dictionaries (Spanish, then English)."""
        found = self.en.person(text)
        if found is not None:
            return found
        hit = self._dict_hit(text)
        if hit is not None and hit.kind == "person" and self.dicts is not None:
            dicts = self.dicts
            return Person(" ".join(text.split()), (), lookup=lambda when: dicts.actor(text, when))
        return None

    @lru_cache(maxsize=1 << 14)  # noqa: B019
    def org(self, text: str, when: date | None = None) -> OrgEs | None:
        k = key(text)
        hit = self.orgs.get(k)
        if hit is not None:
            return hit
        found = self._dict_hit(text, when)
        if found is not None and found.kind != "person" and (found.country or found.sector):
            code = found.cameo if found.country == "IGO" and found.cameo else None
            return OrgEs(" ".join(text.split()), found.country, found.sector, found.kind, code and code[:12])
        en = self.en.org(text)
        if en is not None:
            return OrgEs(en.name, en.country, en.sector, en.kind, en.cameo)
        return None

    def _dict_hit(self, text: str, when: date | None = None) -> Hit | None:
        if self.dicts is None:
            return None
        k = key(text)
        if len(k) < 3 or k in self.roles or k in self.places:
            return None
        return self.dicts.actor(text, when)

    def office_holder(self, country: str, office: str, when: date | None) -> Person | None:
        """The one person leaders.tsv has holding ``office`` of ``country`` at ``when`` (None: today)."""
        day = when or date.today()
        if self._offices is None:
            self._offices = {}
            seen = set()
            for people in self.en.people.values():
                for person in people:
                    if person.name not in seen:
                        seen.add(person.name)
                        for t in person.tenures:
                            self._offices.setdefault((t.country, t.role.lower()), []).append((t, person))
        found = {p.name: p for t, p in self._offices.get((country, office.lower()), ()) if t.covers(day)}
        return next(iter(found.values())) if len(found) == 1 else None


@lru_cache(maxsize=1)
def spanish_dictionaries() -> Dictionaries | None:
    if not enabled():
        return None
    ref = resources.files("chronicler.stages.actors.es").joinpath("actors.json.gz")
    if not ref.is_file():
        return None
    with ref.open("rb") as f:
        return Dictionaries(json.loads(gzip.decompress(f.read())))


@lru_cache(maxsize=1)
def spanish_lexicon() -> SpanishLexicon:
    return SpanishLexicon(lexicon(), spanish_dictionaries())
