"""The quotes component: quotation marks and reporting verbs -> Quote records with speakers."""
from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from chronicler.model import Quote, Speaker
from chronicler.nlp.spans import original_text, text_span
from chronicler.stages.actors.component import actor_for_tokens
from chronicler.stages.temporal import find_dates

OPEN_MARKS = "“\"«"
CLOSE_MARKS = "”\"»"
_PARAGRAPH = re.compile(r"[^\n]+")


@lru_cache(maxsize=1)
def reporting_verbs() -> frozenset[str]:
    text = resources.files("chronicler.stages.quotes").joinpath("reporting_verbs.txt").read_text("utf-8")
    return frozenset(w.strip() for w in text.splitlines() if w.strip() and not w.startswith("#"))


def quote_mark_spans(text: str) -> list[tuple[int, int]]:
    """[start, end) of each quotation, marks included, paired within a paragraph.

    A mark that has no partner loses only itself: pairing restarts at the next paragraph.
    """
    spans: list[tuple[int, int]] = []
    for para in _PARAGRAPH.finditer(text):
        open_at: int | None = None
        for i in range(para.start(), para.end()):
            ch = text[i]
            if ch not in OPEN_MARKS and ch not in CLOSE_MARKS:
                continue
            before = text[i - 1] if i > para.start() else " "
            after = text[i + 1] if i + 1 < para.end() else " "
            if ch == '"':
                is_open = open_at is None and (before.isspace() or before in "([—–-:") and not after.isspace()
                is_close = open_at is not None
            else:
                is_open = ch in OPEN_MARKS and open_at is None
                is_close = ch in CLOSE_MARKS and open_at is not None
            if is_open:
                open_at = i
            elif is_close and open_at is not None:
                if len(text[open_at + 1:i].split()) >= 1:
                    spans.append((open_at, i + 1))
                open_at = None
    return spans


def _speaker_for(doc: Doc, cue: Token) -> Speaker | None:
    subj = next((c for c in cue.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subj is None:
        return None
    # the name itself, not its whole subtree: "Cuba's President Miguel Diaz-Canel"
    tokens = [t for t in subj.subtree if t.dep_ in ("compound", "flat") or t == subj]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    span = text_span(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    if span is None:
        return None
    actor = actor_for_tokens(doc, start, end)
    return Speaker(name=actor.name if actor else span.text, mention=(span.start, span.end),
                   actor=actor.id if actor else None)


def _cue_near(doc: Doc, start: int, end: int, verbs: frozenset[str]) -> Token | None:
    """A reporting verb in the sentence(s) around [start, end), outside the quotation."""
    first = doc.char_span(start, end, alignment_mode="expand")
    if first is None:
        return None
    sents = {first[0].sent, first[-1].sent}
    best: Token | None = None
    for sent in sents:
        for t in sent:
            if t.lemma_ in verbs and t.pos_ in ("VERB", "AUX") and not (start <= t.idx < end):
                if best is None or abs(t.idx - end) < abs(best.idx - end):
                    best = t
    return best


def extract_quotes(doc: Doc) -> list[Quote]:
    text = original_text(doc)
    verbs = reporting_verbs()
    published = doc._.article.published if doc._.article is not None else None
    quotes: list[Quote] = []
    direct = quote_mark_spans(text)
    covered = [False] * len(doc)

    def add(start: int, end: int, kind: str, cue: Token | None) -> None:
        span = text_span(doc, start, end)
        if span is None:
            return
        speaker = _speaker_for(doc, cue) if cue is not None else None
        cue_span = text_span(doc, cue.idx, cue.idx + len(cue.text)) if cue is not None else None
        date = date_text = None
        if cue is not None:
            sent = cue.sent
            dates = find_dates(text, sent.start_char, sent.end_char, published)
            if dates:
                date, date_text = dates[0].date, dates[0].text
        quotes.append(Quote(id="", start=span.start, end=span.end, text=span.text, kind=kind,
                            speaker=speaker, cue=cue_span, date=date, date_text=date_text))

    for start, end in direct:
        tokens = doc.char_span(start, end, alignment_mode="expand")
        if tokens is not None:
            for t in tokens:
                covered[t.i] = True
        add(start, end, "direct", _cue_near(doc, start, end, verbs))

    for token in doc:
        if token.lemma_ not in verbs or token.pos_ not in ("VERB",):
            continue
        comp = next((c for c in token.children if c.dep_ == "ccomp"), None)
        if comp is None:
            continue
        sub = list(comp.subtree)
        if any(covered[t.i] for t in sub):
            continue
        s, e = sub[0].idx, sub[-1].idx + len(sub[-1].text)
        add(s, e, "indirect", token)

    quotes.sort(key=lambda q: q.start)
    for n, q in enumerate(quotes, 1):
        q.id = f"Q{n}"
    return quotes


@Language.component(
    "chronicler_quotes",
    assigns=["doc._.quotes"],
    requires=["doc._.actors", "doc._.token_actor", "token.dep", "token.lemma", "doc.sents"],
)
def quotes_component(doc: Doc) -> Doc:
    doc._.quotes = extract_quotes(doc)
    return doc
