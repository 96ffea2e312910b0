"""Code a bare actor phrase ("a former CIA official", "Kyiv police") to (country, sector).

The phrase is cut into the longest known items (people, organisations, countries and demonyms, metonyms,
role words, places). Rules, in order:

- sector: a known person's office at the date (former office holders are ELI); else an explicit "former",
  "ex-" or "retired" -> ELI; else the head of the phrase (words before the first unmatched preposition or
  comma): a known organisation there, or its last strong role word; a weak role (leader, official, member)
  or a presiding one (president, speaker) takes the sector of a body named after "of"; a phrase with no
  role in its head takes one from the rest; a capital or seat of government alone is the government (GOV);
- country: a known person, then the first country, demonym, organisation, metonym or place of the head,
  then of the rest of the phrase, then of the context.

Unknown stays None.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from chronicler.stages.actors.lexicon import Lexicon, Org, Person, Place, fold, key, lexicon, tokens, word_set

# A region of the dictionaries outweighs a town of another country smaller than this ("Florida", Cuba).
REGION_OVER_TOWN = 500_000
_PREPS = frozenset("of in to from at for across on near within throughout inside outside based with , ; ( who which that".split())
_DETS = frozenset("the a an some several two three four many most two-thirds dozens".split())
PRESIDING = frozenset(k.lower() for k in (
    "president", "vice president", "chairman", "chairwoman", "chair", "speaker", "head", "chief", "leader",
    "leaders", "member", "members", "secretary-general", "secretary general", "spokesman", "spokeswoman",
    "spokesperson", "official", "officials", "representative", "delegation", "deputy", "director",
    "director general", "director-general", "general secretary",
))


@dataclass(frozen=True)
class Item:
    """One recognised stretch of a phrase: words [start, end) and what they are."""

    start: int
    end: int
    kind: str  # person | org | country | metonym | role | place
    value: object
    text: str

    @property
    def country(self) -> str | None:
        v = self.value
        if self.kind == "country":
            return v  # type: ignore[return-value]
        if self.kind == "metonym":
            return v[0]  # type: ignore[index]
        if isinstance(v, (Org, Place)):
            return v.country
        if isinstance(v, Person):
            return v.country
        return None


@dataclass(frozen=True)
class Coding:
    country: str | None
    sector: str | None
    kind: str | None = None  # person | organization | group | country
    person: Person | None = None
    org: Org | None = None
    title: str | None = None


def _capital(word: str) -> bool:
    """A capitalised word, or an Arabic name after its article ("al-Shabaab", "el-Sisi")."""
    return word[:1].isupper() or (word[:3].lower() in ("al-", "el-") and word[3:4].isupper())


def scan(words: list[str], lex: Lexicon) -> list[Item]:
    """Longest-first, left-to-right recognition of known items in a list of words."""
    items: list[Item] = []
    i = 0
    n = len(words)
    while i < n:
        found = None
        for j in range(min(n, i + lex.max_words), i, -1):
            text = " ".join(words[i:j])
            found = _lookup(text, words[i], lex, surname=n == 1)
            if found is not None:
                items.append(Item(i, j, found[0], found[1], text))
                i = j
                break
        if found is None:
            i += 1
    return _drop_places_in_names(words, items)


def _drop_places_in_names(words: list[str], items: list[Item]) -> list[Item]:
    """A place next to an unknown capitalised word is part of a name ("Feliciano Valencia")."""
    covered = {i for it in items for i in range(it.start, it.end)}

    def unknown_name(i: int) -> bool:
        return 0 <= i < len(words) and i not in covered and _capital(words[i]) and words[i].lower() not in _DETS

    titles = {it.end for it in items if it.kind == "role" and it.value.kind == "person"}  # type: ignore[union-attr]
    return [it for it in items
            if it.kind != "place" or not (unknown_name(it.start - 1) or unknown_name(it.end) or it.start in titles)]


def _lookup(text: str, first: str, lex: Lexicon, surname: bool = False) -> tuple[str, object] | None:
    named = _capital(first)
    if named:
        if (p := lex.person(text, surname)) is not None:
            return "person", p
        if (o := lex.org(text)) is not None:
            return "org", o
        if (c := lex.country(text)) is not None:
            return "country", c
        if (m := lex.metonym(text)) is not None:
            return "metonym", m
    if (r := lex.role(text)) is not None:
        return "role", r
    if not named:
        return None
    pl = lex.place(text) if len(text) > 2 else None
    region = lex.region(text) if len(text) > 3 else None  # "Helmand", "Chechnya", "Florida"
    if region is not None and (pl is None or (pl.country != region and not pl.capital
                                              and pl.population < REGION_OVER_TOWN)):
        return "place", Place(text, region, None, None)  # the event coders' place, not a small town abroad
    return ("place", pl) if pl is not None else None


def _split(words: list[str], items: list[Item]) -> int:
    """Index of the first unmatched preposition or comma after the first word (len(words) if none)."""
    covered = {i for it in items for i in range(it.start, it.end)}
    for i, w in enumerate(words):
        if i > 0 and i not in covered and w.lower() in _PREPS:
            return i
    return len(words)


def _sector_of(items: list[Item]) -> tuple[str | None, Item | None]:
    """Sector of one segment: an organisation not followed by a strong role, else the last strong role."""
    strong = [it for it in items if it.kind == "role" and it.value.weight == 2]  # type: ignore[union-attr]
    orgs = [it for it in items if it.kind == "org" and it.value.sector]  # type: ignore[union-attr]
    if orgs and not any(s.start > orgs[-1].start for s in strong):
        return orgs[-1].value.sector, orgs[-1]  # type: ignore[union-attr]
    if strong:
        return strong[-1].value.sector, strong[-1]  # type: ignore[union-attr]
    weak = [it for it in items if it.kind == "role" and it.value.weight == 1]  # type: ignore[union-attr]
    if weak:
        return weak[-1].value.sector, weak[-1]  # type: ignore[union-attr]
    return None, None


def code_items(words: list[str], items: list[Item], when: date | None = None) -> Coding:
    cut = _split(words, items)
    head = [it for it in items if it.start < cut]
    tail = [it for it in items if it.start >= cut]
    person_item = next((it for it in head if it.kind == "person"), None)
    person: Person | None = person_item.value if person_item else None  # type: ignore[assignment]
    tenure, person_sector = person.at(when) if person else (None, None)

    sector, chosen = _sector_of(head)
    if chosen is not None and chosen.kind == "role" and chosen.value.phrase.lower() in PRESIDING:  # type: ignore[union-attr]
        t_sector, t_item = _sector_of(tail)
        if t_item is not None and (t_item.kind == "org" or t_item.value.kind == "organization"):  # type: ignore[union-attr]
            sector = t_sector
    if sector is None and not head and tail:
        sector, chosen = _sector_of(tail)
    if sector is None and not [it for it in head if it.kind != "metonym"] and head:
        sector = head[0].value[1] if head[0].kind == "metonym" else None  # type: ignore[index]
    # a title in the text ("Libyan leader Muammar Gaddafi") says what the person is, whatever the dates say
    explicit = chosen is not None and chosen.kind == "role" and (
        chosen.value.weight == 2 or chosen.value.kind == "person")  # type: ignore[union-attr]
    if person is not None and not explicit:
        sector = person_sector
    if any(it.kind == "role" and it.value.weight == 3 for it in head):  # type: ignore[union-attr]
        sector = "ELI"

    country = None
    if person is not None:
        country = tenure.country if tenure else person.country
    for segment in (head, tail):
        if country is None:
            country = next((it.country for it in segment if it.kind != "role" and it.country
                            and not _partner(words, it)), None)

    kind = _kind(items, person, chosen)
    org = next((it.value for it in head if it.kind == "org"), None)
    title = tenure.role if (tenure and person_sector == tenure.sector) else None
    return Coding(country, sector, kind, person, org, title)  # type: ignore[arg-type]


def relation_words() -> frozenset[str]:
    return word_set("relation_words.txt")


def _partner(words: list[str], it: Item) -> bool:
    """ "Israel's militia ally": a possessor of a relation noun is the other party, not the phrase's country."""
    end = it.end
    if words[end - 1] not in ("'s", "'"):  # the possessive ending is part of the item, or the next word
        if end >= len(words) or words[end] not in ("'s", "'"):
            return False
        end += 1
    return any(w.lower() in relation_words() for w in words[end:end + 3])


def _kind(items: list[Item], person: Person | None, chosen: Item | None) -> str | None:
    if person is not None:
        return "person"
    if chosen is not None:
        return chosen.value.kind if chosen.kind == "role" else getattr(chosen.value, "kind", None)  # type: ignore[union-attr]
    if items and items[0].kind in ("country", "metonym", "place"):
        return "country"
    return None


def analyse_phrase(text: str, context: str | None = None, when: date | None = None,
                   lex: Lexicon | None = None) -> Coding:
    lex = lex or lexicon()
    words = tokens(text)
    coding = code_items(words, scan(words, lex), when)
    if coding.country is None and context:
        cwords = tokens(context)
        found = [it.country for it in scan(cwords, lex) if it.kind != "role" and it.country]
        if found:
            coding = Coding(found[0], coding.sector, coding.kind, coding.person, coding.org, coding.title)
    return coding


def code_phrase(text: str, context: str | None = None, when: date | None = None) -> tuple[str | None, str | None]:
    """(country, sector) of an actor phrase, with an optional context (a sentence or country name) and date."""
    coding = analyse_phrase(text, context, when)
    return coding.country, coding.sector


__all__ = ["Coding", "Item", "analyse_phrase", "code_items", "code_phrase", "fold", "key", "scan"]
