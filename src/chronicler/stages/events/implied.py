"""Events whose doer the sentence leaves unnamed ("three activists were arrested in Moscow", "the expulsion of
two diplomats from Minsk").

The contract: an event's source is required, and unknown is null, so an event whose doer is unknown is not
recorded, with one exception that is no guess: the acts only a state's authorities perform (CAMEO 172
administrative sanctions, 173 arrest and detention, 174 expulsion and deportation) are done by the authorities
of the place where they happen, as CAMEO and PLOVER coders code them. That source is named for what it is
("authorities in Moscow": no actor of the document, the country of the place), and the event's confidence
says it was implied. Without a place in the sentence or the dateline the event stays unrecorded.
"""
from __future__ import annotations

from spacy.tokens import Doc

from chronicler.model import Participant
from chronicler.stages.events.draft import Draft
from chronicler.stages.events.placing import event_location

STATE_ACTS = ("172", "173", "174")


def implied_source(doc: Doc, d: Draft) -> Participant | None:
    """The authorities of the event's place, for a state act with no named doer; else None."""
    if not d.code.cameo.startswith(STATE_ACTS):
        return None
    location, _ = event_location(doc, d.trigger.token)
    if location is None or not location.country:
        return None
    return Participant(name=f"authorities in {location.name}", country=location.country, code=location.country)
