"""Disputes within a document: one party asserts what another denies (same proposition).

Reads ``doc._.events``; writes ``doc._.disputes``.
"""
from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from chronicler.model import Dispute, Event


def _parties(event: Event) -> set[str]:
    out = set()
    for p in (event.source, event.target):
        if p is not None:
            out.add(p.actor or p.name.lower())
    return out


def find_disputes(events: list[Event]) -> list[Dispute]:
    disputes: list[Dispute] = []
    seen: set[tuple[str, str]] = set()
    for claim in events:
        if claim.polarity != "asserted":
            continue
        for counter in events:
            if counter is claim or counter.polarity != "negated" or counter.type != claim.type:
                continue
            if (claim.source.actor or claim.source.name) == (counter.source.actor or counter.source.name):
                continue
            if not _parties(claim) & _parties(counter):
                continue
            if claim.date and counter.date and abs((claim.date - counter.date).days) > 14:
                continue
            key = (claim.id, counter.id)
            if key in seen:
                continue
            seen.add(key)
            disputes.append(Dispute(
                id=f"D{len(disputes) + 1}", claim=claim.id, counter=counter.id,
                summary=f"{claim.source.name} asserts {claim.type}; {counter.source.name} denies it",
            ))
    return disputes


@Language.component("chronicler_disputes", assigns=["doc._.disputes"], requires=["doc._.events"])
def disputes_component(doc: Doc) -> Doc:
    doc._.disputes = find_disputes(doc._.events or [])
    return doc
