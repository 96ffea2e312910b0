"""Spanish quotes: direct quotations in « », “ ”, " " and in the dash of dialogue, indirect speech ("negó que
..."), and "según X, ..." / "de acuerdo con X, ...".

The cue is a reporting verb of ``verbs.tsv`` (its lemma) in the quotation's sentence, after the quotation first
("«...», dijo Trump"), then before it ("Trump dijo: «...»"); the speaker is that verb's subject, an actor of the
document, else (Spanish leaves out the subject: "«...», afirmó.") the person last named before the quotation.
"""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.tokens import Doc, Token

from chronicler.model import Actor, Quote, Span, Speaker
from chronicler.nlp.spans import original_text, text_span
from chronicler.stages.temporal_es import find_dates_es

_PAIRS = (("«", "»"), ("“", "”"), ('"', '"'), ("‘", "’"))
_DASHES = "—–"
MIN_WORDS = 4  # a quoted stretch shorter than this without a cue is a title or a scare quote


@lru_cache(maxsize=1)
def verbs() -> dict[str, str]:
    text = resources.files("chronicler.stages.quotes.es").joinpath("verbs.tsv").read_text("utf-8")
    out = {}
    for line in text.splitlines():
        if line and not line.startswith("#"):
            lemma, _, cls = line.partition("\t")
            out[lemma.strip()] = cls.strip() or "speech"
    return out


@lru_cache(maxsize=1)
def cue_phrases() -> tuple[str, ...]:
    text = resources.files("chronicler.stages.quotes.es").joinpath("cues.txt").read_text("utf-8")
    return tuple(sorted((ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")),
                        key=len, reverse=True))


@dataclass
class Found:
    start: int
    end: int
    kind: str
    cue: Token | None
    speaker_token: Token | None
    attribution: str = "speech"


def quoted_stretches(text: str) -> list[tuple[int, int]]:
    """(start, end) of the content inside paired quotation marks, outermost first, and of dialogue: a line that
    opens with a dash runs to the next dash of the same line (or its end)."""
    out: list[tuple[int, int]] = []
    for left, right in _PAIRS:
        i = 0
        while True:
            s = text.find(left, i)
            if s < 0:
                break
            e = text.find(right, s + 1)
            if e < 0:
                break
            nl = text.find("\n\n", s + 1, e)
            if nl >= 0:  # a mark never closed in its paragraph
                i = nl
                continue
            if not any(s < oe and os < e for os, oe in out):
                out.append((s + 1, e))
            i = e + 1
    for m in re.finditer(r"(?m)^[ \t]*[" + _DASHES + r"]\s*", text):
        s = m.end()
        line_end = text.find("\n", s)
        line_end = len(text) if line_end < 0 else line_end
        nxt = re.search(r"\s[" + _DASHES + r"]", text[s:line_end])
        e = s + nxt.start() if nxt else line_end
        if e > s and not any(s < oe and os < e for os, oe in out):
            out.append((s, e))
    return sorted(out)


def _is_cue(tok: Token) -> str | None:
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    return verbs().get(tok.lemma_.lower())


def _subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in ("nsubj", "nsubj:pass")), None)


class SpanishQuotes:
    def __init__(self, doc: Doc) -> None:
        self.doc = doc
        self.text = original_text(doc)
        self.index = doc._.token_actor or {}
        self.actors = {a.id: a for a in doc._.actors or []}
        article = doc._.article
        self.published = article.published if article is not None else None
        self._starts: list[int] | None = None

    # -- speakers ----------------------------------------------------------------------------------------------
    def actor_of(self, tok: Token | None) -> Actor | None:
        if tok is None:
            return None
        for t in [tok, *[c for c in tok.children if c.dep_ in ("appos", "flat", "amod", "nmod")]]:
            aid = self.index.get(t.i)
            if aid in self.actors:
                return self.actors[aid]
        return None

    def focus(self, before: int) -> Actor | None:
        """The person (else any actor) mentioned last before ``before`` (a character offset)."""
        best, best_person = None, None
        for a in self.actors.values():
            for s, _e in a.mentions:
                if s < before:
                    if best is None or s > best[0]:
                        best = (s, a)
                    if a.kind == "person" and (best_person is None or s > best_person[0]):
                        best_person = (s, a)
        return (best_person or best or (None, None))[1]

    def speaker(self, cue: Token | None, subject: Token | None, at: int) -> Speaker | None:
        if subject is not None:
            actor = self.actor_of(subject)
            lo, hi = subject.left_edge, subject.right_edge
            if actor is not None:
                s, e = subject.idx, subject.idx + len(subject.text)
                return Speaker(actor.name, (s, e), actor.id)
            while lo.i < subject.i and lo.pos_ in ("ADP", "PUNCT", "CCONJ"):  # "según la Dirección"
                lo = self.doc[lo.i + 1]
            if subject.pos_ in ("PROPN", "NOUN"):
                span = text_span(self.doc, lo.idx, hi.idx + len(hi.text))
                if span is not None:
                    return Speaker(span.text, (span.start, span.end), None)
        if cue is not None:
            actor = self.focus(at)
            if actor is not None and actor.mentions:
                s, e = max((m for m in actor.mentions if m[0] < at), default=actor.mentions[0])
                return Speaker(actor.name, (s, e), actor.id)
        return None

    # -- finders -----------------------------------------------------------------------------------------------
    def _tokens_between(self, start: int, end: int) -> list[Token]:
        if self._starts is None:
            self._starts = [t.idx for t in self.doc]
        return [self.doc[i] for i in range(bisect_left(self._starts, start), bisect_left(self._starts, end))]

    def direct(self) -> list[Found]:
        out = []
        for s, e in quoted_stretches(self.text):
            inner = self.text[s:e].strip()
            if not inner:
                continue
            first = self.doc.char_span(s, e, alignment_mode="expand")
            if first is None:
                continue
            sent_start = first[0].sent.start_char
            last_sent = first[-1].sent
            # the cue: after the quotation in its last sentence (or the next 12 words), else before it
            after = [t for t in self._tokens_between(e, min(len(self.text), max(last_sent.end_char, e + 1)))
                     if t.idx >= e][:14]
            before = [t for t in self._tokens_between(sent_start, s)][::-1]
            cue = next((t for t in after if _is_cue(t)), None) or next((t for t in before if _is_cue(t)), None)
            words = len(inner.split())
            if cue is None and words < MIN_WORDS:
                continue
            if cue is None and words < 8 and inner[-1:] not in ".!?…":
                continue
            out.append(Found(s, e, "direct", cue, _subject(cue) if cue is not None else None,
                             _is_cue(cue) if cue is not None else "speech"))
        return out

    def indirect(self, taken: list[tuple[int, int]]) -> list[Found]:
        out = []
        for tok in self.doc:
            cls = _is_cue(tok)
            if cls is None or any(s <= tok.idx < e for s, e in taken):
                continue
            comp = next((c for c in tok.children if c.dep_ == "ccomp" and c.i > tok.i and any(
                m.dep_ == "mark" and m.lower_ in ("que", "si") for m in c.children)), None)
            if comp is None:
                continue
            lo = min(t.i for t in comp.subtree)
            if self.doc[lo].lower_ in ("que", "si"):
                lo += 1
            hi = max(t.i for t in comp.subtree)
            while hi > lo and self.doc[hi].is_punct:
                hi -= 1
            s, e = self.doc[lo].idx, self.doc[hi].idx + len(self.doc[hi].text)
            if any(s < te and ts < e for ts, te in taken):
                continue
            out.append(Found(s, e, "indirect", tok, _subject(tok), "question" if self.doc[lo - 1].lower_ == "si"
                             else cls))
        return out

    def according_to(self, taken: list[tuple[int, int]]) -> list[Found]:
        out = []
        low = self.text.lower()
        for sent in self.doc.sents:
            for phrase in cue_phrases():
                i = low.find(phrase + " ", sent.start_char, sent.end_char)
                if i < 0 or (i > 0 and low[i - 1].isalpha()):
                    continue
                head = self.doc.char_span(i + len(phrase) + 1, i + len(phrase) + 2, alignment_mode="expand")
                if head is None:
                    continue
                who = head[0]
                while who.head.i != who.i and who.head.i < sent.end and who.dep_ in ("det", "case", "amod") \
                        and who.head.i > who.i:
                    who = who.head
                holder_end = who.right_edge.idx + len(who.right_edge.text)
                if i - sent.start_char < 3:  # "Según X, content."
                    s = holder_end
                    e = sent.end_char
                else:  # "content, según X."
                    s, e = sent.start_char, i
                span = text_span(self.doc, s, e)
                if span is None:
                    continue
                s2, e2 = span.start, span.end
                while s2 < e2 and self.text[s2] in ",;: ":
                    s2 += 1
                while e2 > s2 and self.text[e2 - 1] in ",;:. ":
                    e2 -= 1
                if e2 - s2 < 10 or any(s2 < te and ts < e2 for ts, te in taken):
                    continue
                cue_span = (i, i + len(phrase))
                out.append(Found(s2, e2, "indirect", None, who, "speech"))
                out[-1].cue_span = cue_span  # type: ignore[attr-defined]
                break
        return out

    def run(self) -> list[Quote]:
        found = self.direct()
        taken = [(f.start, f.end) for f in found]
        found += self.indirect(taken)
        taken = [(f.start, f.end) for f in found]
        found += self.according_to(taken)
        quotes = []
        for f in sorted(found, key=lambda f: f.start):
            span = text_span(self.doc, f.start, f.end)
            if span is None:
                continue
            cue = None
            if f.cue is not None:
                cue = Span(f.cue.idx, f.cue.idx + len(f.cue.text), f.cue.text)
            elif hasattr(f, "cue_span"):
                cs, ce = f.cue_span  # type: ignore[attr-defined]
                cue = Span(cs, ce, self.text[cs:ce])
            speaker = self.speaker(f.cue, f.speaker_token, f.start) if (f.cue is not None or f.speaker_token is not
                                                                      None) else None
            date = date_text = None
            if f.cue is not None:
                sent = f.cue.sent
                dates = [d for d in find_dates_es(self.text, sent.start_char, sent.end_char, self.published)
                         if not (span.start <= d.start < span.end)]
                if dates:
                    best = min(dates, key=lambda d: abs(d.start - f.cue.idx))
                    date, date_text = best.date, best.text
            quotes.append(Quote(id=f"Q{len(quotes) + 1}", start=span.start, end=span.end, text=span.text,
                                kind=f.kind, speaker=speaker, cue=cue, date=date, date_text=date_text,
                                attribution=f.attribution))
        return quotes
