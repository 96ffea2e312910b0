"""The actors component: entity mentions -> canonical actors, with titles, countries and sectors."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc
from spacy.tokens import Span as SpacySpan

from chronicler.model import Actor
from chronicler.stages.actors.lexicon import Lexicon, lexicon

_NAME_LABELS = {"PERSON", "ORG", "GPE", "NORP"}


def _person_key(span: SpacySpan) -> str:
    words = [t.text for t in span if t.is_alpha or "-" in t.text]
    return (words[-1] if words else span.text).lower()


def _prefix(span: SpacySpan, lex: Lexicon) -> tuple[str | None, str | None, str | None]:
    """(title, sector, country) from the words before a name: "Cuba's President", "US Secretary of State"."""
    doc = span.doc
    i = span.start - 1
    words: list[str] = []
    while i >= 0 and span.start - i <= 6 and not doc[i].is_space and doc[i].text not in ",;:\"“”(":
        words.insert(0, doc[i].text)
        i -= 1
    title = sector = country = None
    for n in range(len(words)):
        phrase = " ".join(words[n:])
        role = lex.role(phrase)
        if role is not None and title is None:
            title, sector = phrase, role[0]
    for n in range(len(words)):
        for m in range(len(words), n, -1):
            c = lex.country(" ".join(words[n:m]))
            if c:
                country = c
                break
        if country:
            break
    return (title[0].upper() + title[1:] if title else None), sector, country


def build_actors(doc: Doc, lex: Lexicon | None = None) -> tuple[list[Actor], dict[int, str]]:
    lex = lex or lexicon()
    actors: list[Actor] = []
    by_key: dict[tuple[str, str], Actor] = {}
    token_actor: dict[int, str] = {}
    person_keys = {_person_key(e) for e in doc.ents if e.label_ == "PERSON"}

    def get(key: tuple[str, str], make) -> Actor:
        actor = by_key.get(key)
        if actor is None:
            actor = make(f"A{len(actors) + 1}")
            actors.append(actor)
            by_key[key] = actor
        return actor

    for ent in doc.ents:
        if ent.label_ not in _NAME_LABELS:
            continue
        text = ent.text.strip()
        if not text:
            continue
        if ent.label_ in ("GPE", "NORP") or lex.country(text):
            iso3 = lex.country(text)
            if iso3 is None:
                continue
            if ent.label_ == "NORP" and ent.root.dep_ in ("amod", "compound") and ent.root.head.ent_type_ == "":
                continue  # "Cuban ally": an attribute, not a mention of the state
            import pycountry

            rec = pycountry.countries.get(alpha_3=iso3)
            name = getattr(rec, "common_name", None) or (rec.name if rec else text)
            actor = get(("country", iso3), lambda i: Actor(id=i, name=name, kind="country", country=iso3))
        elif ent.label_ == "PERSON" or _person_key(ent) in person_keys:
            key = _person_key(ent)
            title, sector, country = _prefix(ent, lex)
            actor = get(("person", key), lambda i: Actor(id=i, name=text, kind="person"))
            if len(text) > len(actor.name):
                actor.name = text
            actor.title = actor.title or title
            actor.sector = actor.sector or sector
            actor.country = actor.country or country
        else:
            actor = get(("org", text.lower()), lambda i: Actor(id=i, name=text, kind="organization"))
        actor.mentions.append((ent.start_char, ent.end_char))
        for t in ent:
            token_actor[t.i] = actor.id
    return actors, token_actor


def actor_for_tokens(doc: Doc, start: int, end: int) -> Actor | None:
    """The actor that a token range refers to (its root first, then any token), or None."""
    index = doc._.token_actor or {}
    if start >= end:
        return None
    span = doc[start:end]
    for i in [span.root.i] + list(range(start, end)):
        aid = index.get(i)
        if aid is not None:
            return next((a for a in doc._.actors or [] if a.id == aid), None)
    return None


@Language.component(
    "chronicler_actors",
    assigns=["doc._.actors", "doc._.token_actor"],
    requires=["doc.ents", "token.dep", "doc._.article"],
)
def actors_component(doc: Doc) -> Doc:
    doc._.actors, doc._.token_actor = build_actors(doc)
    return doc
