"""Countries the text implies but does not say: inferences, each documented, each left null when the
document does not point to exactly one country.

- a person with a state office and no country ("President Laurent Gbago") takes the one country the
  document mentions;
- a home group ("rebels", "radicals") or a body the text names that acts at home (an opposition coalition)
  takes the one country where the document's events happen: the places it puts things 'in' and the
  governments, police and courts it names.
"""
from __future__ import annotations

from spacy.tokens import Doc

from chronicler.stages.actors.coder import scan
from chronicler.stages.actors.lexicon import Lexicon, tokens
from chronicler.stages.actors.places import LOCATIVE, location_of
from chronicler.stages.actors.table import Table


_STATE_SECTORS = frozenset({"GOV", "MIL", "JUD", "LEG", "COP", "SPY"})
_HOME_SECTORS = frozenset({"GOV", "COP", "JUD"})  # institutions that act at home
# groups that act at home: "Shona rebels" dealing with the Mozambique government (not troops or refugees)
_HOME_GROUPS = frozenset({"REB", "OPP", "PTY", "CVL", "LAB", "EDU", "PRM", "CRM", "RAD"})


def mentioned_countries(doc: Doc, table: Table, lex: Lexicon) -> set[str]:
    """The countries a document names: its country, organisation and group actors (not the press; an
    international body counts as one more: "NATO troops arrived in Bosnia, Defense Secretary William Perry
    said" does not make Perry Bosnian) and the places it names."""
    found = {a.country for a in table.actors if a.kind in ("country", "organization", "group") and a.country
             and a.sector != "MED"}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC"):
            place = location_of(ent.text, lex)
            if place is not None and place.country:
                found.add(place.country)
    return found


def infer_office_countries(doc: Doc, table: Table, lex: Lexicon, known: set[str]) -> None:
    """An inference, not a reading: a person with a state office ("President Laurent Gbago", "Judge
    Alejandro Rivera", "Gen. Prosper Avril") and no country takes the one country the document mentions;
    with none or several mentioned the country stays unknown (an international body counts as one more but
    is never given). Religious and other titles do not count ("Archbishop Desmond Tutu called for sanctions
    against Nigeria"). A group that acts at home ("rebels", "fundamentalists", "strikers") takes the one
    country where the document's events happen: the places it puts things 'in' and the governments, police
    and courts it names ("Rebels attacked Ethiopian soldiers": an army abroad says nothing, the rebels stay
    unplaced). Groups the knowledge files code (``known``: al-Qaeda, Islamic State) and their members keep
    their blank."""
    holders = [a for a in table.actors if a.country is None and a.kind == "person" and a.title
               and a.sector in _STATE_SECTORS]
    groups = [a for a in table.actors if a.country is None and a.kind == "group" and a.sector in _HOME_GROUPS
              and a.id not in known and not names_known_body(a.name, lex)]
    if holders:
        countries = mentioned_countries(doc, table, lex)
        if len(countries) == 1 and "IGO" not in countries:
            for actor in holders:
                actor.country = next(iter(countries))
    if groups:
        homes = home_countries(doc, table, lex)
        if len(homes) == 1 and "IGO" not in homes:
            for actor in groups:
                actor.country = next(iter(homes))


def names_known_body(name: str, lex: Lexicon) -> bool:
    """ "Islamic State militants": members of a body the knowledge files code (and leave without a country)."""
    words = tokens(name)
    return any(it.kind == "org" for it in scan(words, lex))


def place_home_bodies(doc: Doc, table: Table, lex: Lexicon, known: set[str]) -> None:
    """A body the text names that acts at home (an opposition coalition, a union, a party) and that the
    knowledge files do not know takes the one country where the document's events happen, like a home
    group; ``known`` holds the ids of the organisations the knowledge files coded."""
    bodies = [a for a in table.actors if a.kind == "organization" and a.country is None and a.id not in known
              and a.sector in _HOME_GROUPS]
    if bodies:
        homes = home_countries(doc, table, lex)
        if len(homes) == 1 and "IGO" not in homes:
            for actor in bodies:
                actor.country = next(iter(homes))


def home_countries(doc: Doc, table: Table, lex: Lexicon) -> set[str]:
    """Where a document's events happen: the places it puts things 'in', and the governments, police and
    courts it names (not armies, which act abroad, nor bare country names)."""
    found = {a.country for a in table.actors if a.country and a.sector in _HOME_SECTORS}
    for ent in doc.ents:
        if ent.label_ in ("GPE", "LOC") and ent.root.dep_ == "pobj" and ent.root.head.lower_ in LOCATIVE:
            place = location_of(ent.text, lex)
            if place is not None and place.country:
                found.add(place.country)
    return found
