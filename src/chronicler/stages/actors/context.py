"""The country a document is about, and the actors that take it.

A national institution or office named without its country ("the Senate", "the governor", "the attorney
general"), a person the knowledge files do not know, a company, a newspaper, a group of voters: in a news
article each of these belongs to the country the article is about unless the text says otherwise. That
country is read from the document itself (``home_country``):

- the dateline's place ("WASHINGTON --", "New York (AFP) -") counts three times;
- every mention of an actor with a country (a country, a government, a known person or organisation, a
  party, a coded group) counts once, the press aside (a foreign outlet quoted says nothing of the story);
- every place the model tagged counts once: a region of a country ("Florida", "Iowa", "Wales") before a small
  town abroad that shares its name, a city by the gazetteer.

The country with most votes is the home country when it has at least ``MIN_VOTES`` and at least
``LEAD`` times the votes of the next; otherwise there is none (a story about two countries) and nothing
is inferred. International bodies never are a home country.
"""
from __future__ import annotations

from collections import Counter

from spacy.tokens import Doc

from chronicler.model import Actor
from chronicler.stages.actors.coder import REGION_OVER_TOWN
from chronicler.stages.actors.inference import names_known_body
from chronicler.stages.actors.lexicon import Lexicon
from chronicler.stages.actors.table import Table

MIN_VOTES = 2
LEAD = 1.5
_PLACE_LABELS = ("GPE", "LOC")


def place_country(text: str, lex: Lexicon) -> str | None:
    """The country a place name belongs to: a country name, else a region of the dictionaries unless a town of
    that name is a capital or a large city of another country, else the gazetteer's town."""
    iso3 = lex.country(text)
    if iso3 is not None:
        return iso3
    probe = text.title() if text.isupper() else text
    place = lex.place(probe)
    region = lex.region(probe) if len(probe) > 3 else None
    if region is not None and (place is None or (place.country != region and not place.capital
                                                 and place.population < REGION_OVER_TOWN)):
        return region
    return place.country if place is not None else None


def country_votes(doc: Doc, actors: list[Actor], lex: Lexicon, dateline: str | None = None,
                  unsure: frozenset[str] | set[str] = frozenset()) -> Counter:
    votes: Counter = Counter()
    if dateline:
        found = place_country(dateline.split(",")[0].strip(), lex)
        if found:
            votes[found] += 3
    covered = {m for actor in actors for m in actor.mentions}
    for actor in actors:
        if not actor.country or actor.country == "IGO" or actor.sector in ("MED", "MIL") or actor.id in unsure:
            continue  # the press, and armies (they act abroad), say nothing of where the story is
        votes[actor.country] += len(actor.mentions)
    for ent in doc.ents:
        if ent.label_ in _PLACE_LABELS and (ent.start_char, ent.end_char) not in covered:
            found = place_country(ent.text, lex)
            if found and found != "IGO":
                votes[found] += 1
    return votes


def home_country(votes: Counter) -> str | None:
    ranked = votes.most_common(2)
    if not ranked or ranked[0][1] < MIN_VOTES:
        return None
    if len(ranked) > 1 and ranked[0][1] < LEAD * ranked[1][1]:
        return None
    return ranked[0][0]


def _home_government(table: Table, lex: Lexicon, home: str | None) -> None:
    """"the government", "the administration" with no country: the home country's government (joined to
    it where the text names it too); with no home country it is left out (whose government is unknown)."""
    from chronicler.stages.actors.groups import HOME_GOVERNMENT
    from chronicler.stages.actors.table import _government

    actor = table.by_key.get(HOME_GOVERNMENT)
    if actor is None or not actor.mentions:
        return
    if home is None or home == "IGO":
        actor.mentions = []
        table.token_actor = {i: a for i, a in table.token_actor.items() if a != actor.id}
        return
    target = _government(table, lex, home)
    if target is actor:
        return
    target.mentions.extend(actor.mentions)
    actor.mentions = []
    table.token_actor = {i: (target.id if a == actor.id else a) for i, a in table.token_actor.items()}


def assign_home_country(doc: Doc, table: Table, lex: Lexicon, dateline: str | None = None,
                        known: set[str] | frozenset[str] = frozenset()) -> str | None:
    """Actors without a country (people, organisations, groups) take the document's home country; returns it.

    A person whom only the large knowledge files code (the office holders' data, the dictionaries) may be a
    namesake: where the document has a home country and names that person's country nowhere else, the
    knowledge files' country and office are dropped ("David Madden", a television executive in an American
    story, is not the British diplomat of that name) and the person is read as the text gives them.
    Bodies the knowledge files leave without a country on purpose (``known``: transnational groups such as
    the Islamic State, and groups named after them) keep it empty."""
    actors = table.actors
    for actor in actors:  # an international body is coded IGO in both fields (the codebook's sector IGO)
        if actor.country == "IGO" and actor.sector is None and actor.kind == "organization":
            actor.sector = "IGO"
    votes = country_votes(doc, actors, lex, dateline, table.from_knowledge)
    home = home_country(votes)
    _home_government(table, lex, home)
    if home is None:
        return None
    for actor in actors:
        if actor.id in table.from_knowledge and actor.country != home and not votes.get(actor.country):
            actor.country = None
            if actor.title is None or actor.sector in ("ELI", None):
                actor.sector = None
    for actor in actors:
        if actor.country is None and actor.kind in ("person", "organization", "group") and actor.sector != "REL" \
                and actor.id not in known and not names_known_body(actor.name, lex):
            actor.country = home
    return home
