"""Disputes within a document: the same proposition (actors, event type, time) asserted by one party and
denied by another.

Reads ``doc._.events``; writes ``doc._.disputes``. ``find_disputes`` is a pure function over Event records, so
the corpus store can run it across documents too (events of several articles in one list).
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.model import Dispute, Event, Participant

MAX_DAYS_APART = 14
# Reciprocal types: "A talks with B" and "B talks with A" are the same proposition.
SYMMETRIC = {"CONSULT", "COOPERATE", "AGREE"}


def _party(p: Participant | None) -> str | None:
    """A participant as a comparable key: its country, else its actor id, else its name."""
    if p is None:
        return None
    return p.country or p.actor or (p.name.lower() if p.name else None)


def _speaker(event: Event, speakers: dict[str, str]) -> str:
    """Who states the event: the speaker of its quote where known, else its source."""
    if event.quote and event.quote in speakers:
        return speakers[event.quote]
    return _party(event.source) or ""


def proposition(event: Event) -> tuple:
    """What an event says happened, independent of who says it and of its polarity."""
    parties = (_party(event.source), _party(event.target))
    if event.type in SYMMETRIC:
        return (event.type, frozenset(x for x in parties if x))
    return (event.type, parties)


def _same_time(a: Event, b: Event) -> bool:
    return a.date is None or b.date is None or abs((a.date - b.date).days) <= MAX_DAYS_APART


def _matches(claim: Event, counter: Event) -> bool:
    pa, pb = proposition(claim), proposition(counter)
    if pa[0] != pb[0]:
        return False
    if claim.type in SYMMETRIC:
        return len(pa[1]) >= 2 and pa[1] == pb[1]
    return pa[1] == pb[1] and None not in pa[1]


def _rank(counter: Event) -> tuple:
    """Prefer a denial in the denier's own words (a quote), by a resolved actor, with more confidence."""
    return (counter.quote is not None, counter.source.actor is not None, counter.confidence)


def find_disputes(events: list[Event], speakers: dict[str, str] | None = None) -> list[Dispute]:
    """One dispute per (claim, denying party): the best-attested denial stands for that party.

    ``speakers`` maps quote ids to the party that spoke them (country, actor id or name), so that a directed
    event ("the US attacked Cuba") quoted from two different parties can be disputed.
    """
    speakers = speakers or {}
    claims = [e for e in events if e.polarity == "asserted" and e.modality in ("actual", "claimed")]
    counters = [e for e in events if e.polarity == "negated"]
    best: dict[tuple, tuple[Event, Event]] = {}
    for claim in claims:
        for counter in counters:
            if _speaker(claim, speakers) == _speaker(counter, speakers):
                continue
            if not _matches(claim, counter) or not _same_time(claim, counter):
                continue
            key = (proposition(claim), _speaker(claim, speakers), _speaker(counter, speakers))
            held = best.get(key)
            if held is None or (_rank(claim), _rank(counter)) > (_rank(held[0]), _rank(held[1])):
                best[key] = (claim, counter)
    disputes = []
    for claim, counter in sorted(best.values(), key=lambda pair: (pair[0].id, pair[1].id)):
        disputes.append(Dispute(
            id=f"D{len(disputes) + 1}", claim=claim.id, counter=counter.id,
            summary=f"{claim.source.name} says {_describe(claim)}; {counter.source.name} denies it",
        ))
    return disputes


def _describe(event: Event) -> str:
    target = f" {event.target.name}" if event.target is not None else ""
    return f"{event.type} ({event.source.name}{' with' if event.type in SYMMETRIC else ' ->'}{target})"


@Language.component("chronicler_disputes", assigns=["doc._.disputes"], requires=["doc._.events"])
def disputes_component(doc: Doc) -> Doc:
    actors = {a.id: a for a in doc._.actors or []}
    speakers = {}
    for q in doc._.quotes or []:
        if q.speaker is not None:
            actor = actors.get(q.speaker.actor) if q.speaker.actor else None
            speakers[q.id] = (actor.country or actor.id) if actor else q.speaker.name.lower()
    events = list(doc._.events or [])
    held = doc._.events_held or []
    if held and doc._.events_threshold is not None:
        # events held back below the threshold are kept when they form a dispute: a claim and its denial
        rescued = {x for d in find_disputes(events + held, speakers) for x in (d.claim, d.counter)}
        added = [e for e in held if e.id in rescued]
        if added:
            for e in added:
                e.confidence = max(e.confidence, doc._.events_threshold)
            events = sorted(events + added, key=lambda e: (-round(e.confidence, 6), e.evidence.start))
            for n, e in enumerate(events, 1):
                e.id = f"E{n}"
            doc._.events = events
    doc._.events_held = None
    doc._.disputes = find_disputes(events, speakers)
    return doc
