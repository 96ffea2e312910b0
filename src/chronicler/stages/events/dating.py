"""Dates of events: the temporal expressions of an event's sentence, resolved against the published date,
and "a day after X" against another dated expression."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.nlp.spans import original_text
from chronicler.stages.temporal import DateMention, find_dates, shift_from_anchor


class Dates:
    """Date mentions per sentence, found once per sentence and reused for all its events."""

    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = original_text(doc)
        article = doc._.article
        self.published = article.published if article is not None else None
        self.cache: dict[tuple[int, bool], list[DateMention]] = {}

    def near(self, token: Token, future: bool) -> DateMention | None:
        sent = token.sent
        key = (sent.start, future)
        if key not in self.cache:
            self.cache[key] = find_dates(self.text, sent.start_char, sent.end_char, self.published, future)
        found = self.cache[key]
        if not found:
            return None
        best = min(found, key=lambda m: abs(m.start - token.idx))
        if best.date is None and self.published is not None:
            best = self._anchored(token, best, found) or best
        return best

    def _anchored(self, token: Token, mention: DateMention, found: list[DateMention]) -> DateMention | None:
        """"a day after X" resolved against another dated expression of the same sentence."""
        anchor = next((m for m in found if m is not mention and m.date is not None), None)
        if anchor is None:
            return None
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        head = span[-1]  # "after" / "before"
        inside = (head.dep_ == "mark" and head.head.i == token.i) or (
            token.i != head.i and any(t.i == token.i for t in head.subtree))
        value = shift_from_anchor(mention.text, anchor.date, inside)
        return DateMention(mention.start, mention.end, mention.text, value) if value else None
