"""The data model: what chronicler reads (Article) and what it records (actors, quotes, events, disputes).

Every offset is a Python string index into ``Article.text``, the exact input text, ``[start, end)``.
Spans carry their text so that ``article.text[start:end] == span.text`` can be checked anywhere.
The classes serialise to the "chronicler/1" contract (see ``schema/chronicler-1.schema.json``).
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Any

SCHEMA = "chronicler/1"

PLOVER_TYPES = (
    "AGREE", "CONSULT", "SUPPORT", "COOPERATE", "AID", "CONCEDE", "RETREAT", "ACCUSE",
    "REQUEST", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
ACTOR_KINDS = ("person", "organization", "country", "group")
QUOTE_KINDS = ("direct", "indirect", "mixed")
# what a quote attributes: words said, a question asked, a topic spoken of, or a view held (quotes/candidates.py)
ATTRIBUTIONS = ("speech", "question", "topic", "belief", "intent", "evidence", "stance")
POLARITIES = ("asserted", "negated")
MODALITIES = ("actual", "claimed", "threatened", "intended", "hypothetical")


def content_hash(text: str) -> str:
    """The document id: sha256 of the exact text, UTF-8 encoded (surrogates escaped)."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int
    text: str

    @classmethod
    def of(cls, text: str, start: int, end: int) -> "Span":
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(slots=True)
class Article:
    """One input document. ``text`` is never altered: every offset indexes it."""

    text: str
    title: str | None = None
    published: date | None = None
    source: str | None = None
    dateline: str | None = None
    # ISO 639-1; None: identified from the text when analysed (an explicit language wins)
    language: str | None = None
    # why nothing was drawn from the document (an unsupported language), or None
    notice: str | None = None
    # Where the title and dateline sit in ``text`` (None when absent or not inside the text).
    title_span: tuple[int, int] | None = None
    dateline_span: tuple[int, int] | None = None
    # Where the body starts (after title and dateline).
    body_start: int = 0
    # The input record's own id (a JSONL/JSON/CSV "id"), kept beside the content hash for the story layer.
    record_id: str | None = None

    @property
    def id(self) -> str:
        return content_hash(self.text)

    def to_dict(self) -> dict[str, Any]:
        out = {
            "id": self.id,
            "title": self.title,
            "published": self.published.isoformat() if self.published else None,
            "source": self.source,
            "dateline": self.dateline,
            "language": self.language or "en",
        }
        if self.notice:
            out["notice"] = self.notice
        return out


@dataclass(slots=True)
class Actor:
    """A canonical actor of one document, with all of its mentions."""

    id: str
    name: str
    kind: str  # one of ACTOR_KINDS
    country: str | None = None  # ISO3 or IGO code
    sector: str | None = None  # PLOVER/CAMEO sector, e.g. GOV, MIL, REB
    title: str | None = None
    mentions: list[tuple[int, int]] = field(default_factory=list)
    cameo: str | None = None  # a CAMEO code that says more than country + sector (an IGO body: IGOUNO)

    @property
    def code(self) -> str | None:
        if self.cameo:
            return self.cameo
        if self.country and self.sector and self.sector != self.country:  # an IGO's sector IGO: IGO
            return f"{self.country}{self.sector}"
        return self.country

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "name": self.name,
            "kind": self.kind,
            "country": self.country,
            "sector": self.sector,
            "code": self.code,
            "title": self.title,
            "mentions": [[s, e] for s, e in sorted(set(self.mentions))],
        }


@dataclass(slots=True)
class Speaker:
    name: str
    mention: tuple[int, int]
    actor: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "name": self.name, "mention": list(self.mention)}


@dataclass(slots=True)
class Quote:
    id: str
    start: int
    end: int
    text: str
    kind: str  # one of QUOTE_KINDS
    speaker: Speaker | None = None
    cue: Span | None = None
    date: date | None = None
    date_text: str | None = None
    attribution: str = "speech"  # one of ATTRIBUTIONS

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "attribution": self.attribution,
            "speaker": self.speaker.to_dict() if self.speaker else None,
            "cue": self.cue.to_dict() if self.cue else None,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
        }


@dataclass(slots=True)
class Participant:
    """Source or target of an event: an actor of the document, or a name we could not resolve."""

    name: str
    actor: str | None = None
    country: str | None = None
    code: str | None = None

    @classmethod
    def from_actor(cls, actor: Actor, name: str | None = None) -> "Participant":
        return cls(name=name or actor.name, actor=actor.id, country=actor.country, code=actor.code)

    def to_dict(self) -> dict[str, Any]:
        return {"actor": self.actor, "name": self.name, "country": self.country, "code": self.code}


@dataclass(slots=True)
class Location:
    name: str
    country: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "country": self.country, "lat": self.lat, "lon": self.lon}


@dataclass(slots=True)
class Event:
    id: str
    type: str  # one of PLOVER_TYPES
    source: Participant
    evidence: Span
    quad_class: int
    cameo: str | None = None
    goldstein: float | None = None
    polarity: str = "asserted"
    modality: str = "actual"
    target: Participant | None = None
    date: date | None = None
    date_text: str | None = None
    location: Location | None = None
    quote: str | None = None
    confidence: float = 0.5
    # where the event word itself stands (kept for scoring against trigger-annotated gold; not in the contract)
    trigger: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "cameo": self.cameo,
            "quad_class": self.quad_class,
            "goldstein": self.goldstein,
            "polarity": self.polarity,
            "modality": self.modality,
            "source": self.source.to_dict(),
            "target": self.target.to_dict() if self.target else None,
            "date": self.date.isoformat() if self.date else None,
            "date_text": self.date_text,
            "location": self.location.to_dict() if self.location else None,
            "evidence": self.evidence.to_dict(),
            "quote": self.quote,
            "confidence": round(float(self.confidence), 3),
        }


@dataclass(slots=True)
class Dispute:
    id: str
    claim: str  # event id of the assertion
    counter: str  # event id of the denial
    summary: str

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "claim": self.claim, "counter": self.counter, "summary": self.summary}


@dataclass(slots=True)
class Analysis:
    """Everything chronicler records about one article."""

    article: Article
    actors: list[Actor] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    disputes: list[Dispute] = field(default_factory=list)
    events_threshold: float | None = None  # the confidence events were kept at (None: every candidate, or rules)

    def to_dict(self) -> dict[str, Any]:
        document = self.article.to_dict()
        if self.events_threshold is not None:
            document["events_threshold"] = self.events_threshold
        return {
            "schema": SCHEMA,
            "document": document,
            "actors": [a.to_dict() for a in self.actors],
            "quotes": [q.to_dict() for q in self.quotes],
            "events": [e.to_dict() for e in self.events],
            "disputes": [d.to_dict() for d in self.disputes],
        }
