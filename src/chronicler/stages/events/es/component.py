"""The Spanish events component: writes ``doc._.events``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.stages.events.es.extractor import extract_events_es
from chronicler.stages.events.es.lexicon import spanish_event_lexicon


@Language.component(
    "chronicler_events_es",
    assigns=["doc._.events"],
    requires=["doc._.actors", "doc._.token_actor", "doc._.quotes", "token.dep", "token.lemma"],
)
def events_es_component(doc: Doc) -> Doc:
    doc._.events = extract_events_es(doc, spanish_event_lexicon())
    return doc
