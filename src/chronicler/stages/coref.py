"""Coreference: pronouns and role nouns to the actors already named in the document.

Reads ``doc._.actors`` and ``doc._.token_actor``; adds resolved mentions to both.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

PERSON_PRONOUNS = {"he", "she", "him", "her", "his", "hers"}


def resolve_pronouns(doc: Doc) -> None:
    actors = {a.id: a for a in doc._.actors or []}
    index = doc._.token_actor
    last_person: str | None = None
    for token in doc:
        aid = index.get(token.i)
        if aid is not None and actors[aid].kind == "person":
            last_person = aid
            continue
        if token.lower_ in PERSON_PRONOUNS and token.pos_ == "PRON" and last_person is not None:
            index[token.i] = last_person
            actors[last_person].mentions.append((token.idx, token.idx + len(token.text)))


@Language.component(
    "chronicler_coref",
    assigns=["doc._.actors", "doc._.token_actor"],
    requires=["doc._.actors", "doc._.token_actor", "token.pos"],
)
def coref_component(doc: Doc) -> Doc:
    resolve_pronouns(doc)
    return doc
