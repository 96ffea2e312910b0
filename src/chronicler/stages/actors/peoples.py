"""Peoples: national and ethnic groups named by demonyms, coded by where they live.

- a demonym before the plural name of a people is that people in that country: "Bosnian Serbs" (BIH),
  "Iraqi Kurds" (IRQ), a group, not the state;
- a people "of"/"in"/"from" a place belongs to the place's country: "the Albanians of southern Serbia" (SRB);
- an "ethnic" people ("ethnic Albanians", "ethnic Albanian guerrillas") is a minority: coded by the country it
  lives in, the one other country its sentence names; unknown when the sentence names none or several.
"""
from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from chronicler.stages.actors.lexicon import Lexicon

_PLACE_LABELS = ("GPE", "LOC")
_OF_PLACE = ("of", "in", "from", "throughout", "across", "inside")


def _demonym(t: Token, lex: Lexicon) -> str | None:
    return lex.country(t.text) if t.text[:1].isupper() and t.pos_ in ("ADJ", "PROPN", "NOUN") else None


def is_people(ent: Span, lex: Lexicon) -> bool:
    """ "Bosnian Serbs" tagged as one entity: a demonym and the plural name of a people."""
    return len(ent) == 2 and ent[1].tag_ == "NNPS" and _demonym(ent[0], lex) is not None and _people_word(ent[1], lex)


def _people_word(t: Token, lex: Lexicon) -> bool:
    """The name of a people, not a role ("Philippine Marines" are marines, coded with the role words)."""
    return lex.role(t.text) is None


def people_spans(doc: Doc, lex: Lexicon) -> list[tuple[Span, str]]:
    """ "Bosnian Serbs", "Iraqi Kurds": a demonym followed by the capitalised plural name of a people, as
    one entity or two touching ones, with the first demonym's country."""
    out: list[tuple[Span, str]] = []
    ents = [e for e in doc.ents if e.label_ in ("NORP", "PERSON")]
    for n, ent in enumerate(ents):
        first = ent[0]
        iso3 = _demonym(first, lex)
        if iso3 is None:
            continue
        if is_people(ent, lex):
            out.append((ent, iso3))
        elif len(ent) == 1 and n + 1 < len(ents) and ents[n + 1].start == ent.end and len(ents[n + 1]) == 1 \
                and ents[n + 1].label_ == "NORP" and ents[n + 1][0].tag_ in ("NNPS", "NNS") \
                and _people_word(ents[n + 1][0], lex):
            out.append((doc[ent.start:ents[n + 1].end], iso3))
    return out


def place_country(span: Span, lex: Lexicon) -> str | None:
    """The country of a place a phrase is 'of' or 'in': "Albanians of southern Serbia" -> SRB."""
    for prep in span.root.rights:
        if prep.dep_ == "prep" and prep.lower_ in _OF_PLACE:
            for t in prep.subtree:
                if t.ent_type_ in _PLACE_LABELS and t.ent_iob_ == "B":
                    ent = next((e for e in span.doc.ents if e.start == t.i), None)
                    iso3 = lex.country(ent.text) if ent is not None else None
                    if iso3 is None and ent is not None:
                        place = lex.place(ent.text)
                        iso3 = place.country if place is not None else None
                    if iso3:
                        return iso3
    return None


def ethnic(tokens: list[Token]) -> bool:
    return any(t.lower_ == "ethnic" for t in tokens)


def residence(span: Span, own: str, lex: Lexicon) -> str | None:
    """Where an ethnic group lives: the place it is 'of'/'in', else the one country other than its own
    that its sentence names; None when there is none or several."""
    found = place_country(span, lex)
    if found:
        return found
    sent = span.sent
    others = set()
    for ent in span.doc.ents:
        if ent.start < sent.start or ent.start >= sent.end or ent.label_ not in ("GPE", "LOC", "NORP"):
            continue
        iso3 = lex.country(ent.text)
        if iso3 and iso3 != own:
            others.add(iso3)
    return next(iter(others)) if len(others) == 1 else None
