"""The Analyzer: Article -> Analysis, one at a time or as a batch with the model loaded once."""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.model import Analysis, Article
from chronicler.nlp.loader import load_pipeline
from chronicler.nlp.normalize import parse_text


class Analyzer:
    def __init__(self, model: str | None = None, nlp: Language | None = None) -> None:
        from chronicler.stages.quotes.lexicon import current_scope

        current_scope()  # a setting that cannot be honoured stops here, not on every document of a batch
        self.nlp = nlp or load_pipeline(model)

    def _doc(self, article: Article) -> Doc:
        doc = self.nlp.make_doc(parse_text(article.text))
        doc._.article = article
        return doc

    @staticmethod
    def _result(doc: Doc) -> Analysis:
        return Analysis(
            article=doc._.article,
            actors=list(doc._.actors or []),
            quotes=list(doc._.quotes or []),
            events=list(doc._.events or []),
            disputes=list(doc._.disputes or []),
        )

    def parse(self, article: Article) -> Doc:
        return self.nlp(self._doc(article))

    def analyze(self, article: Article) -> Analysis:
        return self._result(self.parse(article))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        docs = (self._doc(a) for a in articles)
        for doc in self.nlp.pipe(docs, batch_size=batch_size):
            yield self._result(doc)
