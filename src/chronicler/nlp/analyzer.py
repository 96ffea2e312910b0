"""The Analyzer: Article -> Analysis, one at a time or as a batch with the model loaded once.

Each document is read in its own language (``Article.language`` when given, else identified by
``chronicler.language``): English by the English pipeline (loaded with the Analyzer, as always), Spanish by the
Spanish one (loaded when the first Spanish document arrives), any other language not at all: the Analysis then
carries a notice and no records.
"""
from __future__ import annotations

from collections.abc import Iterable, Iterator

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.language import identify, unsupported_notice
from chronicler.model import Analysis, Article
from chronicler.nlp.loader import load_pipeline, load_spanish_pipeline
from chronicler.nlp.normalize import lower_shouting, parse_text


class Analyzer:
    def __init__(self, model: str | None = None, nlp: Language | None = None,
                 spanish_model: str | None = None, all_events: bool | None = None) -> None:
        """``all_events``: keep every event candidate with its confidence, not only those above the events
        threshold (None: as ``CHRONICLER_ALL_EVENTS`` says)."""
        from chronicler.stages.quotes.lexicon import current_scope

        current_scope()  # a setting that cannot be honoured stops here, not on every document of a batch
        self.nlp = nlp or load_pipeline(model)
        self.spanish_model = spanish_model
        self._pipelines: dict[str, Language] = {"en": self.nlp}
        self.all_events = all_events

    # -- languages -----------------------------------------------------------------------------------------
    @staticmethod
    def language_of(article: Article) -> str:
        """The article's language: as given, else identified from its text (and recorded on the article); a
        text with no letters to tell by is read as English, as before languages were told apart."""
        if not article.language:
            guess = identify(article.text)
            article.language = guess.language if guess is not None else "en"
        return article.language

    def pipeline(self, language: str) -> Language | None:
        """The pipeline for a language (Spanish loaded on first use), or None for a language not analysed."""
        nlp = self._pipelines.get(language)
        if nlp is None and language == "es":
            nlp = self._pipelines["es"] = load_spanish_pipeline(self.spanish_model)
        return nlp

    # -- documents -----------------------------------------------------------------------------------------
    def _doc(self, article: Article, nlp: Language | None = None) -> Doc:
        nlp = nlp or self.pipeline(self.language_of(article)) or self.nlp
        text = parse_text(article.text)
        if nlp is not self.nlp and article.language == "es":
            text = lower_shouting(text)
        doc = nlp.make_doc(text)
        doc._.article = article
        doc._.all_events = self.all_events
        return doc

    @staticmethod
    def _result(doc: Doc) -> Analysis:
        return Analysis(
            article=doc._.article,
            actors=list(doc._.actors or []),
            quotes=list(doc._.quotes or []),
            events=list(doc._.events or []),
            disputes=list(doc._.disputes or []),
            events_threshold=doc._.events_threshold,
        )

    @staticmethod
    def _unsupported(article: Article) -> Analysis:
        article.notice = unsupported_notice(article.language or "und")
        return Analysis(article=article)

    def parse(self, article: Article) -> Doc:
        """The parsed Doc (in a language not analysed: the English pipeline's, as a plain parse)."""
        nlp = self.pipeline(self.language_of(article)) or self.nlp
        return nlp(self._doc(article, nlp))

    def analyze(self, article: Article, all_events: bool | None = None) -> Analysis:
        """One article's analysis; ``all_events`` overrides the Analyzer's setting for this one."""
        nlp = self.pipeline(self.language_of(article))
        if nlp is None:
            return self._unsupported(article)
        doc = self._doc(article, nlp)
        if all_events is not None:
            doc._.all_events = all_events
        return self._result(nlp(doc))

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        """Results in input order; documents of one language go through its pipeline together, in chunks."""
        chunk: list[Article] = []
        for article in articles:
            chunk.append(article)
            if len(chunk) >= batch_size * 4:
                yield from self._chunk(chunk, batch_size)
                chunk = []
        yield from self._chunk(chunk, batch_size)

    def _chunk(self, articles: list[Article], batch_size: int) -> Iterator[Analysis]:
        by_language: dict[str, list[int]] = {}
        for i, article in enumerate(articles):
            by_language.setdefault(self.language_of(article), []).append(i)
        results: list[Analysis | None] = [None] * len(articles)
        for language, positions in by_language.items():
            nlp = self.pipeline(language)
            if nlp is None:
                for i in positions:
                    results[i] = self._unsupported(articles[i])
                continue
            docs = (self._doc(articles[i], nlp) for i in positions)
            for i, doc in zip(positions, nlp.pipe(docs, batch_size=batch_size)):
                results[i] = self._result(doc)
        for result in results:
            assert result is not None
            yield result
