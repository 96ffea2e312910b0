"""The Spanish quotes component: writes ``doc._.quotes``."""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.stages.quotes.es.finder import SpanishQuotes


@Language.component(
    "chronicler_quotes_es",
    assigns=["doc._.quotes"],
    requires=["doc._.actors", "doc._.token_actor", "token.dep", "token.lemma"],
)
def quotes_es_component(doc: Doc) -> Doc:
    doc._.quotes = SpanishQuotes(doc).run()
    return doc
