"""chronicler: who said what, who did what to whom, when and where - with evidence - from news articles.

    >>> import chronicler
    >>> result = chronicler.analyze("“We’re talking with Cuba,” Trump said on Sunday.", published="2026-01-05")
    >>> result["quotes"][0]["speaker"]["name"]
    'Trump'
"""
from __future__ import annotations

from datetime import date
from typing import Any

__version__ = "0.1.0"

__all__ = ["analyze", "Analyzer", "__version__"]


def __getattr__(name: str) -> Any:
    if name == "Analyzer":
        from chronicler.nlp.analyzer import Analyzer

        return Analyzer
    raise AttributeError(name)


def analyze(text: str, *, published: str | date | None = None, title: str | None = None,
            source: str | None = None, model: str | None = None, language: str | None = None) -> dict[str, Any]:
    """Analyze one article's text and return the "chronicler/1" contract as a dict (``language``: en, es; None:
    identified from the text)."""
    from chronicler.nlp.analyzer import Analyzer
    from chronicler.sources.readers import article_from_text, parse_date

    article = article_from_text(text, title=title, published=parse_date(published), source=source,
                                language=language)
    return Analyzer(model).analyze(article).to_dict()
