"""Dates of events and quotes in a parsed doc: the temporal expressions of a word's sentence, resolved against
the published date, and "a day after X" against another dated expression of the sentence or, for "The denial
comes a day after X", of the sentence that tells the denial."""
from __future__ import annotations

from spacy.tokens import Doc, Token

from chronicler.nlp.spans import original_text
from chronicler.stages.temporal import DateMention, find_dates, shift_from_anchor


class Dates:
    """Date mentions per sentence, found once per sentence and reused for all its events."""

    def __init__(self, doc: Doc, event_nouns: frozenset[str] = frozenset()) -> None:
        self.doc = doc
        self.event_nouns = event_nouns
        self.text = original_text(doc)
        article = doc._.article
        self.published = article.published if article is not None else None
        self.cache: dict[tuple[int, bool], list[DateMention]] = {}

    def in_sentence(self, sent, future: bool = False) -> list[DateMention]:
        """The date mentions of a sentence (found once, kept for the next word of the sentence)."""
        return self._mentions(sent, future)

    def _mentions(self, sent, future: bool) -> list[DateMention]:
        key = (sent.start, future)
        if key not in self.cache:
            self.cache[key] = find_dates(self.text, sent.start_char, sent.end_char, self.published, future)
        return self.cache[key]

    def near(self, token: Token, future: bool) -> DateMention | None:
        found = self._mentions(token.sent, future)
        if not found:
            return None
        best = min(found, key=lambda m: abs(m.start - token.idx))
        if best.date is None and self.published is not None:
            best = self.anchored(token, best, found) or best
        return best

    def anchored(self, token: Token, mention: DateMention, found: list[DateMention]) -> DateMention | None:
        """"a day after X" resolved against another dated expression of the same sentence, or, when the
        sentence is about an event told next to it ("The denial comes a day after ..." beside "... stated on
        Monday"), against the date of the sentence before or after."""
        anchor = next((m for m in found if m is not mention and m.date is not None), None)
        if anchor is None:
            anchor = self._told_nearby(token.sent)
        if anchor is None:
            return None
        span = self.doc.char_span(mention.start, mention.end, alignment_mode="expand")
        if span is None:
            return None
        head = span[-1]  # "after" / "before"
        clause = head.head if head.dep_ == "mark" else head  # "after [Trump claimed talks ... and urged Havana]"
        inside = token.i != head.i and any(t.i == token.i for t in clause.subtree)
        value = shift_from_anchor(mention.text, anchor.date, inside)
        return DateMention(mention.start, mention.end, mention.text, value) if value else None

    def _told_nearby(self, sent) -> DateMention | None:
        """The one dated expression of the next (else the previous) sentence, when this sentence's subject is a
        definite noun for an event ("The denial", "The attack"): the event it refers back to."""
        root = sent.root
        subj = next((c for c in root.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None or subj.pos_ != "NOUN" or not any(c.dep_ == "det" and c.lower_ in ("the", "this", "that")
                                                         for c in subj.children):
            return None
        if subj.lemma_.lower() not in self.event_nouns:
            return None
        doc = sent.doc
        for other in (doc[sent.end].sent if sent.end < len(doc) else None,
                      doc[sent.start - 1].sent if sent.start > 0 else None):
            if other is None:
                continue
            dated = [m for m in self._mentions(other, False) if m.date is not None]
            if len(dated) == 1:
                return dated[0]
        return None

