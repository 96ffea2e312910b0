"""The events component: event verbs with their arguments -> coded Event records."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from spacy.language import Language
from spacy.tokens import Doc, Token

from chronicler.model import Event, Participant, Quote
from chronicler.nlp.spans import original_text, text_span
from chronicler.stages.actors.component import actor_for_tokens
from chronicler.stages.temporal import find_dates


@dataclass(frozen=True, slots=True)
class Pattern:
    type: str
    cameo: str
    quad_class: int
    goldstein: float


@lru_cache(maxsize=1)
def verb_patterns() -> dict[str, Pattern]:
    text = resources.files("chronicler.stages.events").joinpath("verbs.tsv").read_text("utf-8")
    out: dict[str, Pattern] = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        lemma, type_, cameo, quad, gold = line.split("\t")
        out[lemma] = Pattern(type_, cameo, int(quad), float(gold))
    return out


def _participant(doc: Doc, token: Token | None) -> Participant | None:
    if token is None:
        return None
    tokens = [t for t in token.subtree if t.dep_ in ("compound", "flat", "amod", "poss") or t == token]
    start, end = min(t.i for t in tokens), max(t.i for t in tokens) + 1
    actor = actor_for_tokens(doc, start, end) or actor_for_tokens(doc, token.left_edge.i, token.right_edge.i + 1)
    if actor is not None:
        return Participant.from_actor(actor)
    span = text_span(doc, doc[start].idx, doc[end - 1].idx + len(doc[end - 1].text))
    return Participant(name=span.text) if span else None


def _arguments(verb: Token) -> tuple[Token | None, Token | None]:
    source = target = None
    for c in verb.children:
        if c.dep_ == "nsubj" and source is None:
            source = c
        elif c.dep_ == "agent":
            source = next((g for g in c.children if g.dep_ == "pobj"), source)
        elif c.dep_ in ("dobj", "nsubjpass") and target is None:
            target = c
    if target is None:
        for c in verb.children:
            if c.dep_ in ("prep", "dative"):
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    target = obj
                    break
    if source is None and verb.dep_ in ("xcomp", "conj", "advcl") and verb.head.pos_ == "VERB":
        source = _arguments(verb.head)[0]
    return source, target


def _modality(verb: Token, reporting: set[str]) -> str:
    for anc in verb.ancestors:
        if anc.lemma_ in ("threaten", "vow") and verb.dep_ in ("xcomp", "ccomp"):
            return "threatened"
        if anc.lemma_ in reporting:
            return "claimed"
    if any(c.lower_ in ("will", "would", "'ll") for c in verb.children if c.dep_ == "aux"):
        return "intended"
    if any(c.lower_ in ("if",) for c in verb.children if c.dep_ == "mark"):
        return "hypothetical"
    return "actual"


def _quote_of(quotes: list[Quote], start: int, end: int) -> Quote | None:
    return next((q for q in quotes if q.start <= start and end <= q.end), None)


def extract_events(doc: Doc) -> list[Event]:
    from chronicler.stages.quotes.component import reporting_verbs

    text = original_text(doc)
    patterns = verb_patterns()
    reporting = set(reporting_verbs())
    quotes = doc._.quotes or []
    published = doc._.article.published if doc._.article is not None else None
    events: list[Event] = []
    for verb in doc:
        pattern = patterns.get(verb.lemma_)
        if pattern is None or verb.pos_ not in ("VERB",):
            continue
        src_tok, tgt_tok = _arguments(verb)
        source = _participant(doc, src_tok)
        quote = _quote_of(quotes, verb.idx, verb.idx + len(verb.text))
        if source is None and quote is not None and quote.speaker is not None:
            source = Participant(name=quote.speaker.name, actor=quote.speaker.actor)
        if source is None:
            continue
        target = _participant(doc, tgt_tok)
        sent = verb.sent
        evidence = text_span(doc, sent.start_char, sent.end_char)
        if evidence is None:
            continue
        negated = any(c.dep_ == "neg" for c in verb.children)
        dates = find_dates(text, sent.start_char, sent.end_char, published)
        confidence = 0.4 + 0.2 * (source.actor is not None) + 0.2 * (target is not None and target.actor is not None)
        events.append(Event(
            id="", type=pattern.type, cameo=pattern.cameo, quad_class=pattern.quad_class,
            goldstein=pattern.goldstein, polarity="negated" if negated else "asserted",
            modality=_modality(verb, reporting), source=source, target=target,
            date=dates[0].date if dates else None, date_text=dates[0].text if dates else None,
            evidence=evidence, quote=quote.id if quote else None, confidence=confidence,
        ))
    events.sort(key=lambda e: (-e.confidence, e.evidence.start))
    for n, e in enumerate(events, 1):
        e.id = f"E{n}"
    return events


@Language.component(
    "chronicler_events",
    assigns=["doc._.events"],
    requires=["doc._.actors", "doc._.token_actor", "doc._.quotes", "token.dep", "token.lemma"],
)
def events_component(doc: Doc) -> Doc:
    doc._.events = extract_events(doc)
    return doc
