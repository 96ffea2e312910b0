"""Spans cut from the original article text (never from the parse text), trimmed of outer whitespace."""
from __future__ import annotations

from spacy.tokens import Doc

from chronicler.model import Span


def original_text(doc: Doc) -> str:
    article = doc._.article
    return article.text if article is not None else doc.text


def trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def text_span(doc: Doc, start: int, end: int) -> Span | None:
    """A Span of the original text over [start, end), trimmed; None when nothing is left."""
    text = original_text(doc)
    start, end = trimmed(text, max(0, start), min(len(text), end))
    if start >= end:
        return None
    return Span(start, end, text[start:end])

