"""The coreference component: runs between actors and quotes."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.stages.coref.resolve import resolve


@Language.component(
    "chronicler_coref",
    assigns=["doc._.actors", "doc._.token_actor"],
    requires=["doc._.actors", "doc._.token_actor", "token.pos", "token.dep", "doc.sents"],
)
def coref_component(doc: Doc) -> Doc:
    resolve(doc)
    return doc
