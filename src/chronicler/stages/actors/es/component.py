"""The Spanish actors component: writes ``doc._.actors``, ``doc._.token_actor`` and ``doc._.places`` (none yet:
Spanish events place themselves by the countries of their parties)."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.stages.actors.es.builder import build_actors_es
from chronicler.stages.actors.es.lexicon import spanish_lexicon


@Language.component(
    "chronicler_actors_es",
    assigns=["doc._.actors", "doc._.token_actor", "doc._.places"],
    requires=["doc.ents", "token.dep", "doc._.article"],
)
def actors_es_component(doc: Doc) -> Doc:
    doc._.actors, doc._.token_actor = build_actors_es(doc, spanish_lexicon())
    doc._.places = []
    return doc
